# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Export round trip, in-process against the simulator: a project built by hand with the single modules' resources
(every kind of service and child), exported by dokploy_stack_info's StackExport, and fed to dokploy_stack's Stack
gives changed false with no write; with and without secrets."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployClient
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._context import Context
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._application import Application
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._backup import Backup
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._basic_auth import BasicAuth
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._compose import Compose
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._database import Database
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._destination import Destination
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._domain import Domain
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._env import EnvTarget
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._mount import Mount
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._patch import Patch
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._network import Network
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._port import Port
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._project import Environment, Project
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._redirect import Redirect
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._schedule import Schedule
from ansible_collections.dokploy.dokploy.plugins.module_utils.project._stack import CHILDREN, Stack
from ansible_collections.dokploy.dokploy.plugins.module_utils.project._export import StackExport
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._volume_backup import VolumeBackup
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._params import resource_params
from simulator import Simulator

P = "handmade"
COMPOSE_FILE = "services:\n  web:\n    image: nginx:1.27\n  db:\n    image: postgres:18\n"
APP = dict(project=P, application="web")
# Each step: a resource class and the parameters of its own module, as a user would write the single tasks.
BUILD = [
    (Project, dict(name=P, description="Built by hand")),
    (EnvTarget, dict(project=P, env={"TZ": "Europe/Berlin", "SHARED": "1"})),
    (Environment, dict(project=P, name="staging", description="Before production")),
    (EnvTarget, dict(project=P, environment="staging", env={"REGION": "eu"})),
    (Destination, dict(name="s3", provider="AWS", endpoint="https://s3.example.com", region="eu-1", bucket="b",
                       access_key="AK", secret_key="SK")),
    (Application, dict(project=P, name="web", docker_image="nginx:1.27", replicas=2, memory_limit="512M",
                       cpu_limit="0.5", env={"LOG_LEVEL": "info"}, description="front", command="nginx",
                       args=["-g", "daemon off;"], auto_deploy=False,
                       healthcheck=dict(test="wget -q -O- http://localhost/", interval="10s", retries=3),
                       restart_config=dict(condition="on-failure", delay="5s", max_attempts=3),
                       placement=dict(constraints=["node.role==manager"], preferences=[{"spread": "node.labels.zone"}]),
                       update_config=dict(parallelism=2, delay="1m30s", order="stop-first"),
                       rollback_config=dict(failure_action="pause"), labels={"team": "shop"},
                       stop_grace_period="20s", ulimits=[dict(name="nofile", soft=1024, hard=2048)])),
    (Application, dict(project=P, name="private", docker_image="registry.example.com/team/app:1.0",
                       registry_url="registry.example.com", registry_username="bot", registry_password="pw",
                       build_type="dockerfile")),
    (Network, dict(name="mesh", driver="overlay")),
    (Application, dict(project=P, name="api", git_url="https://github.com/example/api.git", git_branch="main",
                       git_build_path="/srv", watch_paths=["src/**"], build_type="dockerfile",
                       dockerfile="docker/Dockerfile", build_args={"VERSION": "1"}, networks=["mesh"],
                       detach_dokploy_network=True, endpoint_mode="dnsrr",
                       preview=dict(enabled=True, wildcard_domain="*.pr.example.com", port=8080, labels=["preview"],
                                    env={"MODE": "preview"}))),
    (Application, dict(project=P, environment="staging", name="web", docker_image="nginx:1.27")),
    (Compose, dict(project=P, name="queue", compose_file=COMPOSE_FILE, env={"A": "1"}, randomize=True)),
    (Compose, dict(project=P, name="gitstack", git_url="https://github.com/example/stack.git", git_branch="main",
                   compose_path="./deploy/compose.yml", compose_type="stack")),
    (Database, dict(project=P, name="pg", type="postgres", database_name="shop", database_user="shop",
                    database_password="pgpass1", external_port=15432, memory_limit="1G", mode="global")),
    (Database, dict(project=P, name="my", type="mysql", database_name="shop", database_user="shop",
                    database_password="mypass1", database_root_password="rootpass1")),
    (Database, dict(project=P, name="maria", type="mariadb", database_name="shop", database_user="shop",
                    database_password="mapass1", database_root_password="rootpass2", docker_image="mariadb:10.11")),
    (Database, dict(project=P, name="mongo", type="mongo", database_user="shop", database_password="mopass1",
                    replica_sets=True)),
    (Database, dict(project=P, name="cache", type="redis", database_password="repass1", env={"X": "1"},
                    networks=["mesh"], endpoint_mode="vip")),
    (Domain, dict(APP, host="shop.example.com", port=80, https=True, certificate_type="letsencrypt")),
    (Domain, dict(APP, host="shop.example.com", path="/api", port=8080, strip_path=True, internal_path="/v1")),
    (Domain, dict(project=P, compose="queue", service_name="web", host="q.example.com", port=8080)),
    (Mount, dict(APP, mount_path="/data", type="volume", volume_name="web-data")),
    (Mount, dict(APP, mount_path="/etc/app.ini", type="file", file_path="app.ini", content="[app]\nx=1\n")),
    (Mount, dict(APP, mount_path="/host", type="bind", host_path="/srv/host")),
    (Mount, dict(project=P, compose="queue", type="file", file_path="nginx.conf", content="events {}\n")),
    (Mount, dict(project=P, database="pg", database_type="postgres", mount_path="/backup", type="bind",
                 host_path="/srv/pg-backup")),
    (Port, dict(APP, published_port=8443, target_port=443)),
    (Port, dict(APP, published_port=5353, target_port=53, protocol="udp", publish_mode="host")),
    (Redirect, dict(APP, regex="^http://www\\.(.*)", replacement="http://${1}", permanent=True)),
    (BasicAuth, dict(APP, username="admin", password="s3cret")),
    (Schedule, dict(APP, name="cleanup", cron_expression="0 3 * * *", command="./cleanup.sh", timezone="Europe/Berlin")),
    (Schedule, dict(project=P, compose="queue", name="vacuum", cron_expression="0 4 * * *", command="vacuum",
                    service_name="db", enabled=False)),
    (Backup, dict(project=P, database="pg", database_type="postgres", destination="s3", cron_expression="0 2 * * *",
                  database_name="shop", keep_latest=7, prefix="daily/")),
    (Backup, dict(project=P, compose="queue", database_type="postgres", destination="s3", cron_expression="0 5 * * *",
                  database_name="app", service_name="db", database_user="app")),
    (Backup, dict(project=P, compose="queue", database_type="mariadb", destination="s3", cron_expression="0 6 * * *",
                  database_name="app", service_name="maria", database_user="app", database_password="mariapass1")),
    (VolumeBackup, dict(APP, name="web-data", volume_name="web-data", destination="s3", prefix="volumes/",
                        cron_expression="0 1 * * *", keep_latest=3, turn_off=True)),
    (VolumeBackup, dict(project=P, compose="queue", name="q", volume_name="q-data", destination="s3", prefix="q/",
                        cron_expression="0 1 * * *", service_name="web")),
    (VolumeBackup, dict(project=P, database="pg", database_type="postgres", name="pg", volume_name="pg-extra",
                        destination="s3", prefix="pg/", cron_expression="0 1 * * *")),
    (Patch, dict(project=P, application="api", path="config/app.yml", content="debug: false")),
    (Patch, dict(project=P, application="api", path="src/new.txt", content="added\n", type="create", enabled=False)),
    (Patch, dict(project=P, compose="queue", path="old.env", type="delete")),
]


def converge(sim, resource_class, params, check_mode=False):
    ctx = Context(DokployClient(sim.url, sim.api_key), check_mode=check_mode, shared_lookups=True)
    return resource_class(ctx, resource_params(resource_class, params)).run()


@pytest.fixture(scope="module")
def server():
    with Simulator(api_key="k") as sim:
        for resource_class, params in BUILD:
            converge(sim, resource_class, params)
        yield sim


def export(sim, include_secrets):
    return converge(sim, StackExport, {"project": P, "include_secrets": include_secrets})


def writes(sim):
    return [r["path"] for r in sim.requests() if r["method"] != "GET"]


@pytest.mark.parametrize("include_secrets", [False, True])
def test_export_then_stack_changes_nothing(server, include_secrets):
    exported = export(server, include_secrets)
    assert exported["changed"] is False
    for check_mode in (True, False):
        server.clear_requests()
        result = converge(server, Stack, exported["stack"], check_mode=check_mode)
        assert result["actions"] == [], result["actions"]
        assert result["changed"] is False
        assert writes(server) == []


def test_export_holds_every_kind(server):
    stack = export(server, True)["stack"]
    production = stack["environments"]["production"]
    assert set(production["databases"]) == {"pg", "my", "maria", "mongo", "cache"}
    assert set(production["applications"]) == {"web", "private", "api"}
    assert set(production["compose"]) == {"queue", "gitstack"}
    assert stack["environments"]["staging"]["description"] == "Before production"
    sections = set()
    for environment in stack["environments"].values():
        for section in ("applications", "databases", "compose"):
            for service in (environment.get(section) or {}).values():
                sections.update(c.section for c in CHILDREN if service.get(c.section))
    assert sections == set(c.section for c in CHILDREN)
    web = production["applications"]["web"]
    assert web["docker_image"] == "nginx:1.27" and web["replicas"] == 2 and web["env"] == {"LOG_LEVEL": "info"}
    assert "build_type" not in web and "auto_deploy" in web   # Dokploy's default left out, a changed one kept
    # the swarm settings, back as the options that set them (durations as text, swarm.py)
    assert web["healthcheck"] == {"test": ["CMD-SHELL", "wget -q -O- http://localhost/"], "interval": "10s", "retries": 3}
    assert web["update_config"] == {"parallelism": 2, "delay": "1m30s", "order": "stop-first"}
    assert web["stop_grace_period"] == "20s" and web["ulimits"] == [{"name": "nofile", "soft": 1024, "hard": 2048}]
    assert production["databases"]["pg"]["mode"] == "global"
    # the preview settings under preview, Dokploy's defaults left out
    assert production["applications"]["api"]["preview"] == {
        "enabled": True, "wildcard_domain": "*.pr.example.com", "port": 8080, "labels": ["preview"],
        "env": {"MODE": "preview"}}
    api = production["applications"]["api"]
    assert (api["networks"], api["detach_dokploy_network"], api["endpoint_mode"]) == (["mesh"], True, "dnsrr")
    cache = production["databases"]["cache"]
    assert (cache["networks"], cache["endpoint_mode"]) == (["mesh"], "vip") and "detach_dokploy_network" not in cache
    # the bind mount, not the data volume Dokploy made with the database
    assert production["databases"]["pg"]["mounts"] == [{"mount_path": "/backup", "type": "bind", "host_path": "/srv/pg-backup"}]
    assert stack["env"] == {"TZ": "Europe/Berlin", "SHARED": "1"}
    backups = production["compose"]["queue"]["backups"]
    assert [b.get("database_user") for b in backups] == ["app", "app"]   # the credentials of compose backups
    assert backups[1]["database_password"] == "mariapass1"
    # patches: Dokploy's defaults (type update, enabled) left out; a delete has no content
    assert production["applications"]["api"]["patches"] == [
        {"path": "config/app.yml", "content": "debug: false"},
        {"path": "src/new.txt", "content": "added\n", "type": "create", "enabled": False}]
    assert production["compose"]["queue"]["patches"] == [{"path": "old.env", "type": "delete"}]


def test_secrets_left_out(server):
    exported = export(server, False)
    text = repr(exported["stack"])
    for secret in ("pgpass1", "mypass1", "rootpass1", "s3cret", "LOG_LEVEL", "Europe/Berlin\", \"SHARED", "pw'"):
        assert secret not in text
    left = exported["secrets_left_out"]
    assert "env" in left and "environments.production.databases.pg.database_password" in left
    assert "environments.production.applications.web.basic_auth[0].password" in left
    assert "environments.production.applications.api.preview.env" in left
    assert exported["stack"]["environments"]["production"]["applications"]["api"]["preview"]["port"] == 8080
    assert "basic_auth" not in exported["stack"]["environments"]["production"]["applications"]["web"]
    backups = exported["stack"]["environments"]["production"]["compose"]["queue"]["backups"]
    assert backups[0]["database_user"] == "app" and "database_user" not in backups[1]   # all or none
    assert "environments.production.compose.queue.backups[1].database_password" in left


def test_export_changed_project_is_found_by_stack(server):
    """The export is a declaration: changed and fed back, exactly the change is made."""
    stack = export(server, False)["stack"]
    stack["environments"]["production"]["applications"]["web"]["replicas"] = 3
    server.clear_requests()
    result = converge(server, Stack, stack)
    assert [(a["action"], a["where"]) for a in result["actions"]] == [
        ("update", "environments.production.applications.web")]
    assert writes(server) == ["/api/application.update"]
