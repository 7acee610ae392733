# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The *_info modules read the running check's facts (with_tasks) and a compose stack's services (with_services,
compose.loadServices), issue 22, against the simulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.client import DokployClient
from ansible_collections.dokploy.dokploy.plugins.module_utils.context import Context
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources.application import Application
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources.compose import Compose
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources.database import Database
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources.info import (
    ApplicationInfo,
    ComposeInfo,
    DatabaseInfo,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation import resource_params
from simulator import Simulator

KEY = "info-key"
FAST = dict(poll_interval=0.05, wait_timeout=30, settle_time=0.1)
COMPOSE_FILE = "services:\n  web:\n    image: nginx\n  worker:\n    image: busybox\n"


@pytest.fixture
def sim():
    with Simulator(api_key=KEY) as simulator:
        simulator.control("deploy", {"deploy_duration": 0.1, "deploy_pickup": 0.05, "db_deploy_duration": 0.05}, "POST")
        DokployClient(simulator.url, KEY).post("project.create", {"name": "shop"})
        yield simulator


def run(sim, resource_class, **params):
    sim.clear_requests()
    ctx = Context(DokployClient(sim.url, KEY), warn=lambda message: None)
    return resource_class(ctx, resource_params(resource_class, params)).run()


def paths(sim):
    return [r["path"].rsplit("/", 1)[-1] for r in sim.requests()]


def test_application_info_with_tasks_lists_the_swarm_tasks(sim):
    run(sim, Application, project="shop", name="web", docker_image="nginx:alpine", state="deployed", **FAST)
    plain = run(sim, ApplicationInfo, project="shop", name="web")["applications"][0]
    assert "tasks" not in plain and "docker.getServiceContainersByAppName" not in paths(sim)
    listed = run(sim, ApplicationInfo, project="shop", name="web", with_tasks=True)["applications"][0]
    assert [(t["desired_state"], t["current_state"].split()[0], t["error"]) for t in listed["tasks"]] == [
        ("running", "Running", "")]
    sim.control("tasks", {"service": "web", "failure": "exit"}, "POST")
    crashing = run(sim, ApplicationInfo, project="shop", name="web", with_tasks=True)["applications"][0]
    assert any(t["error"] == "task: non-zero exit (3)" for t in crashing["tasks"])


def test_database_info_with_tasks(sim):
    run(sim, Database, project="shop", name="db", type="redis", database_password="secret-pw-1", state="deployed",
        **FAST)
    item = run(sim, DatabaseInfo, project="shop", name="db", with_tasks=True)["databases"][0]
    assert item["tasks"][0]["desired_state"] == "running"


def test_compose_info_lists_the_services_of_its_file(sim):
    run(sim, Compose, project="shop", name="front", compose_file=COMPOSE_FILE)
    plain = run(sim, ComposeInfo, project="shop", name="front")["composes"][0]
    assert "services" not in plain and "compose.loadServices" not in paths(sim)
    # never deployed: Dokploy's cache answers 404; a raw file is fetched (written) and read
    item = run(sim, ComposeInfo, project="shop", name="front", with_services=True, with_tasks=True)["composes"][0]
    assert item["services"] == ["web", "worker"]
    assert paths(sim).count("compose.loadServices") == 2
    assert item["tasks"] == []  # nothing runs yet
    again = run(sim, ComposeInfo, project="shop", name="front", with_services=True)["composes"][0]
    assert again["services"] == ["web", "worker"] and paths(sim).count("compose.loadServices") == 1


def test_compose_info_services_of_a_git_source_not_cloned_are_null(sim):
    run(sim, Compose, project="shop", name="fromgit", git_url="https://git.example.com/shop/front.git")
    item = run(sim, ComposeInfo, project="shop", name="fromgit", with_services=True)["composes"][0]
    assert item["services"] is None
