# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The *_info modules read the running check's facts (with_tasks) and a compose stack's services (with_services,
compose.loadServices), issue 22, against the simulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployClient
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._context import Context
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._application import Application
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._compose import Compose
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._database import Database
from ansible_collections.dokploy.dokploy.plugins.module_utils.project._service_info import (
    ApplicationInfo,
    ComposeInfo,
    DatabaseInfo,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._params import resource_params
from ansible_collections.dokploy.dokploy.tests.unit.conftest import SIM_KEY as KEY

FAST = dict(poll_interval=0.05, wait_timeout=30, settle_time=0.1)
COMPOSE_FILE = "services:\n  web:\n    image: nginx\n  worker:\n    image: busybox\n"


def run(deploy_sim, resource_class, **params):
    deploy_sim.clear_requests()
    ctx = Context(DokployClient(deploy_sim.url, KEY), warn=lambda message: None)
    return resource_class(ctx, resource_params(resource_class, params)).run()


def paths(deploy_sim):
    return [r["path"].rsplit("/", 1)[-1] for r in deploy_sim.requests()]


def test_application_info_with_tasks_lists_the_swarm_tasks(deploy_sim):
    run(deploy_sim, Application, project="shop", name="web", docker_image="nginx:alpine", state="deployed", **FAST)
    plain = run(deploy_sim, ApplicationInfo, project="shop", name="web")["applications"][0]
    assert "tasks" not in plain and "docker.getServiceContainersByAppName" not in paths(deploy_sim)
    listed = run(deploy_sim, ApplicationInfo, project="shop", name="web", with_tasks=True)["applications"][0]
    assert [(t["desired_state"], t["current_state"].split()[0], t["error"]) for t in listed["tasks"]] == [
        ("running", "Running", "")]
    deploy_sim.control("tasks", {"service": "web", "failure": "exit"}, "POST")
    crashing = run(deploy_sim, ApplicationInfo, project="shop", name="web", with_tasks=True)["applications"][0]
    assert any(t["error"] == "task: non-zero exit (3)" for t in crashing["tasks"])


def test_database_info_with_tasks(deploy_sim):
    run(deploy_sim, Database, project="shop", name="db", type="redis", database_password="secret-pw-1", state="deployed",
        **FAST)
    item = run(deploy_sim, DatabaseInfo, project="shop", name="db", with_tasks=True)["databases"][0]
    assert item["tasks"][0]["desired_state"] == "running"


def test_compose_info_lists_the_services_of_its_file(deploy_sim):
    run(deploy_sim, Compose, project="shop", name="front", compose_file=COMPOSE_FILE)
    plain = run(deploy_sim, ComposeInfo, project="shop", name="front")["composes"][0]
    assert "services" not in plain and "compose.loadServices" not in paths(deploy_sim)
    # never deployed: Dokploy's cache answers 404; a raw file is fetched (written) and read
    item = run(deploy_sim, ComposeInfo, project="shop", name="front", with_services=True, with_tasks=True)["composes"][0]
    assert item["services"] == ["web", "worker"]
    assert paths(deploy_sim).count("compose.loadServices") == 2
    assert item["tasks"] == []  # nothing runs yet
    again = run(deploy_sim, ComposeInfo, project="shop", name="front", with_services=True)["composes"][0]
    assert again["services"] == ["web", "worker"] and paths(deploy_sim).count("compose.loadServices") == 1


def test_compose_info_services_of_a_git_source_not_cloned_are_null(deploy_sim):
    run(deploy_sim, Compose, project="shop", name="fromgit", git_url="https://git.example.com/shop/front.git")
    item = run(deploy_sim, ComposeInfo, project="shop", name="fromgit", with_services=True)["composes"][0]
    assert item["services"] is None
