# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Patches in dokploy_stack, in-process against the simulator: declared under an application or a compose service,
created (check mode first: no write), left alone on a second run, updated with a diff, pruned, refused on bad input
before any request; and on a server without the patch router (v0.25) a stack that declares none still runs."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

import pytest

from simulator import Simulator
from test_export import converge, writes

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import (
    DokployClient,
    DokployError,
    DokployParamError,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._context import Context
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._params import resource_params
from ansible_collections.dokploy.dokploy.plugins.module_utils.project._export import StackExport
from ansible_collections.dokploy.dokploy.plugins.module_utils.project._stack import Stack

COMPOSE_FILE = "services:\n  web:\n    image: nginx:1.27\n"
DECLARATION = {
    "project": "patched",
    "environments": {"production": {
        "applications": {"api": {
            "git_url": "https://github.com/example/api.git", "git_branch": "main",
            "patches": [{"path": "config/app.yml", "content": "debug: false"},
                        {"path": "README.md", "type": "delete"}]}},
        "compose": {"queue": {
            "compose_file": COMPOSE_FILE,
            "patches": [{"path": "docker/.env", "content": "A=1\n", "type": "create", "enabled": False}]}},
    }},
}


def export(sim):
    return converge(sim, StackExport, {"project": DECLARATION["project"], "include_secrets": False})


def actions(result):
    return [(a["action"], a["kind"], a["where"]) for a in result["actions"]]


@pytest.fixture()
def server():
    with Simulator(api_key="k") as sim:
        yield sim


def test_patches_converge_with_check_mode_diff_and_prune(server):
    planned = converge(server, Stack, DECLARATION, check_mode=True)
    assert [a for a in actions(planned) if a[1] == "patch"] == [
        ("create", "patch", "environments.production.applications.api.patches[0]"),
        ("create", "patch", "environments.production.applications.api.patches[1]"),
        ("create", "patch", "environments.production.compose.queue.patches[0]")]
    assert writes(server) == []
    done = converge(server, Stack, DECLARATION)
    assert actions(done) == actions(planned)
    rows = server.state["patch"].values()
    assert sorted((p["filePath"], p["type"], p["enabled"]) for p in rows) == [
        ("README.md", "delete", True), ("config/app.yml", "update", True), ("docker/.env", "create", False)]
    server.clear_requests()
    assert converge(server, Stack, DECLARATION)["actions"] == []
    assert writes(server) == []

    changed = copy.deepcopy(DECLARATION)
    api = changed["environments"]["production"]["applications"]["api"]
    api["patches"][0]["content"] = "debug: true"
    del api["patches"][1]
    changed["prune"] = True
    readme = next(p["patchId"] for p in server.state["patch"].values() if p["filePath"] == "README.md")
    ctx = Context(DokployClient(server.url, server.api_key), diff=True, shared_lookups=True)
    result = Stack(ctx, resource_params(Stack, changed)).run()
    assert actions(result) == [("update", "patch", "environments.production.applications.api.patches[0]"),
                               ("delete", "patch", "environments.production.applications.api.patches(%s)" % readme)]
    diff = [d for d in result["diff"] if d["before_header"].endswith("patches[0]")][0]
    assert diff["before"] == {"content": "debug: false"} and diff["after"] == {"content": "debug: true\n"}
    server.clear_requests()
    assert converge(server, Stack, changed)["actions"] == []
    assert writes(server) == []


def test_round_trip_keeps_patches(server):
    converge(server, Stack, DECLARATION)
    exported = export(server)["stack"]
    assert exported["environments"]["production"]["compose"]["queue"]["patches"] == [
        {"path": "docker/.env", "content": "A=1\n", "type": "create", "enabled": False}]
    server.clear_requests()
    assert converge(server, Stack, dict(exported, prune=True))["actions"] == []
    assert writes(server) == []


@pytest.mark.parametrize("where, patch, message", [
    ("databases", {"path": "x", "content": "y"}, "a database has no patches"),
    ("applications", {"path": "../etc/passwd", "content": "y"}, "must be relative"),
    ("applications", {"path": "a", "type": "delete", "content": "y"}, "content cannot be set with type=delete"),
    ("applications", {"path": "a", "application": "other", "content": "y"}, "application"),
])
def test_bad_patches_are_refused_before_any_request(server, where, patch, message):
    service = {"type": "postgres"} if where == "databases" else {"docker_image": "nginx:1.27"}
    service["patches"] = [patch]
    declaration = {"project": "bad", "environments": {"production": {where: {"svc": service}}}}
    server.clear_requests()
    with pytest.raises(DokployParamError) as error:
        converge(server, Stack, declaration)
    assert message in str(error.value) and "patches" in str(error.value)
    assert server.requests() == []


def test_server_without_patches():
    """Dokploy v0.25 has no patch router: an export lists none, a declared patch fails saying which version."""
    with Simulator(api_key="k", version="0.25") as sim:
        plain = copy.deepcopy(DECLARATION)
        for services in plain["environments"]["production"].values():
            for service in services.values():
                service.pop("patches")
        converge(sim, Stack, plain)
        exported = export(sim)["stack"]
        assert not any("patches" in service for services in exported["environments"]["production"].values()
                       for service in services.values())
        with pytest.raises(DokployError) as error:
            converge(sim, Stack, DECLARATION)
        assert "v0.28.0" in str(error.value) or "0.28.0" in str(error.value)
