# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dokploy_stack on a whole project and the inventory plugin, on a real Dokploy v0.30.2 and a real swarm."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import subprocess
import sys

import pytest

from inventory_seed import plain  # tests/integration is on sys.path (conftest.py)
from test_targets import collections_path  # tests/integration is on sys.path (conftest.py)
from conftest import OUTPUT_DIR, REGISTRY, play, running_containers, service_inspect, wait_for

PROJECT = "accstack"


def declaration(prune=False, with_worker=True):
    applications = {
        "web": {"docker_image": "%s/dokploy-test/envhttp:v1" % REGISTRY, "replicas": 1,
                "env": {"ROLE": "web"}, "state": "deployed"},
    }
    if with_worker:
        applications["worker"] = {"docker_image": "%s/dokploy-test/worker:v1" % REGISTRY, "state": "deployed"}
    return {
        "project": PROJECT,
        "description": "acceptance stack",
        "environments": {
            "production": {
                "applications": applications,
                "databases": {
                    "cache": {"type": "redis", "docker_image": "%s/dokploy-test/redis:7" % REGISTRY,
                              "database_password": "acc-stack-pw-1"},
                },
            },
        },
        "prune": prune,
    }


@pytest.fixture(scope="module")
def converged(real):
    first = play(real, "stack_converge", [{"name": "converge", "dokploy.dokploy.dokploy_stack": declaration()}])
    return real, first["converge"]


def app_names(server):
    status, projects = server.call("GET", "project.all")
    assert status == 200, projects
    names = {}
    for row in projects:
        if row["name"] != PROJECT:
            continue
        # project.all answers trimmed service rows (no appName) since v0.28.3: project.one has them
        status, project = server.call("GET", "project.one", query={"projectId": row["projectId"]})
        assert status == 200, project
        for env in project.get("environments", []):
            for application in env.get("applications", []):
                names[application["name"]] = application["appName"]
            for redis in env.get("redis", []):
                names[redis["name"]] = redis["appName"]
    return names


def test_stack_converges_and_runs(converged):
    server, result = converged
    assert result["changed"] is True
    assert set(result["services"]["production"]["applications"]) == {"web", "worker"}
    names = app_names(server)
    web = service_inspect(names["web"])
    assert "ROLE=web" in web["Spec"]["TaskTemplate"]["ContainerSpec"]["Env"]
    running_containers(names["web"])
    running_containers(names["worker"])


def test_stack_second_run_changes_nothing(converged):
    server = converged[0]
    again = play(server, "stack_noop", [{"name": "again", "dokploy.dokploy.dokploy_stack": declaration()}])
    assert again["again"]["changed"] is False, again["again"].get("actions")


def test_inventory_lists_the_real_services(converged):
    server = converged[0]
    source = os.path.join(OUTPUT_DIR, "real.dokploy.yml")
    with open(source, "w") as f:
        f.write("plugin: dokploy.dokploy.dokploy\napi_url: %s\n" % server.url)
    env = dict(os.environ)
    env.update({
        "ANSIBLE_COLLECTIONS_PATH": collections_path(),
        "ANSIBLE_INVENTORY_ENABLED": "dokploy.dokploy.dokploy",
        "ANSIBLE_INVENTORY_UNPARSED_FAILED": "1",
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
        "DOKPLOY_API_KEY": server.api_key,
    })
    proc = subprocess.run([os.path.join(os.path.dirname(sys.executable), "ansible-inventory"), "-i", source,
                           "--list"], env=env, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    assert server.api_key not in proc.stdout + proc.stderr
    inventory = plain(json.loads(proc.stdout))
    hostvars = inventory["_meta"]["hostvars"]
    names = app_names(server)
    web = hostvars["%s.production.web" % PROJECT]
    assert web["dokploy_type"] == "application" and web["dokploy_app_name"] == names["web"]
    assert web["dokploy_status"] == "done"
    cache = hostvars["%s.production.cache" % PROJECT]
    assert cache["dokploy_type"] == "database" and cache["dokploy_database_type"] == "redis"
    assert "%s.production.worker" % PROJECT in inventory["dokploy_applications"]["hosts"]
    assert "%s.production.cache" % PROJECT in inventory["dokploy_databases"]["hosts"]
    assert inventory["dokploy_project_%s" % PROJECT]["children"] == ["dokploy_project_%s_production" % PROJECT]
    assert "%s.production.web" % PROJECT in inventory["dokploy_status_done"]["hosts"]


def test_stack_prune_removes_the_service_from_the_swarm(converged):
    server = converged[0]
    worker = app_names(server)["worker"]
    pruned = play(server, "stack_prune", [
        {"name": "prune", "dokploy.dokploy.dokploy_stack": declaration(prune=True, with_worker=False)}])
    assert pruned["prune"]["changed"] is True
    deletes = [a for a in pruned["prune"]["actions"] if a["action"] == "delete"]
    assert [a["where"] for a in deletes] == ["environments.production.applications.worker"], deletes
    assert "worker" not in app_names(server)
    wait_for(lambda: service_inspect(worker) is None, what="the pruned worker's swarm service removed")
    again = play(server, "stack_prune_again", [
        {"name": "again", "dokploy.dokploy.dokploy_stack": declaration(prune=True, with_worker=False)}])
    assert again["again"]["changed"] is False
