# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What an older Dokploy lacks fails before any write, creates included (issue 19), against the simulator as v0.25.11.

On a create there is no row to tell what the server has: the engine asks the version (resource.py ``supported``,
``version_fields``) before the create call, refuses an option the server lacks, and leaves out one that asks for
nothing there (``server_type: deploy``, the only kind before v0.26.0).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployClient, DokployUnsupportedError
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._context import Context
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._application import Application
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._database import Database
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._destination import Destination
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._git_provider import GitProvider
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._schedule import Schedule
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._server import Server
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._params import resource_params
from simulator import Simulator

KEY = "versions-key"


@pytest.fixture
def sim():
    with Simulator(api_key=KEY, version="0.25") as simulator:
        DokployClient(simulator.url, KEY).post("project.create", {"name": "shop"})
        simulator.clear_requests()
        yield simulator


def run(sim, resource_class, check_mode=False, **params):
    ctx = Context(DokployClient(sim.url, KEY), check_mode=check_mode)
    return resource_class(ctx, resource_params(resource_class, params)).run()


def writes(sim):
    return [(r["path"].rsplit("/", 1)[-1], r["body"]) for r in sim.requests() if r["method"] == "POST"]


def refused(sim, resource_class, needed, **params):
    """``params`` fail naming the version, before any write; the version was read first."""
    with pytest.raises(DokployUnsupportedError) as info:
        run(sim, resource_class, **params)
    assert "needs Dokploy %s or newer" % needed in info.value.message and "runs v0.25.11" in info.value.message
    assert writes(sim) == []
    assert "settings.getDokployVersion" in [r["path"].rsplit("/", 1)[-1] for r in sim.requests()]
    return info.value


def test_server_type_build_is_refused_before_the_create(sim):
    error = refused(sim, Server, "v0.26.0", name="builder", ip_address="203.0.113.7", server_type="build")
    assert "server_type" in error.message
    assert sim.state.get("server", {}) == {}


def test_server_type_build_is_refused_in_check_mode_too(sim):
    with pytest.raises(DokployUnsupportedError):
        run(sim, Server, check_mode=True, name="builder", ip_address="203.0.113.7", server_type="build")


def test_server_type_deploy_creates_without_sending_it(sim):
    """Before v0.26.0 every server deploys: server_type deploy asks for nothing and is not sent."""
    result = run(sim, Server, name="worker", ip_address="203.0.113.8", server_type="deploy")
    assert result["changed"]
    assert [(name, "serverType" in body) for name, body in writes(sim)] == [("server.create", False)]
    sim.clear_requests()
    again = run(sim, Server, name="worker", ip_address="203.0.113.8", server_type="deploy")
    assert not again["changed"] and writes(sim) == []


def test_application_args_are_refused_before_the_create(sim):
    refused(sim, Application, "v0.26.0", project="shop", name="web", docker_image="nginx:alpine", args=["--debug"])
    assert sim.state.get("application", {}) == {}


def test_application_without_args_is_created(sim):
    assert run(sim, Application, project="shop", name="web", docker_image="nginx:alpine", args=[])["changed"]
    assert "application.create" in [name for name, body in writes(sim)]


def test_database_args_are_refused_before_the_create(sim):
    refused(sim, Database, "v0.26.0", project="shop", type="postgres", name="db", database_name="app",
            database_user="app", database_password="secret-pw-1", args=["-c", "max_connections=50"])
    assert sim.state.get("postgres", {}) == {}


def test_destination_additional_flags_are_refused_before_the_create(sim):
    refused(sim, Destination, "v0.29.0", name="s3", endpoint="https://s3.example.invalid", region="eu-west-1",
            bucket="backups", access_key="AKIAEXAMPLE", secret_key="secret-key-1", additional_flags=["--s3-no-check-bucket"])
    assert sim.state.get("destination", {}) == {}


def test_git_provider_shared_is_refused_before_the_create(sim):
    refused(sim, GitProvider, "v0.29.0", name="gl", type="gitlab", url="https://gitlab.example.invalid",
            client_id="app-id", client_secret="app-secret-1", shared=True)


def test_schedule_timezone_is_refused_before_the_create(sim):
    run(sim, Application, project="shop", name="web", docker_image="nginx:alpine")
    sim.clear_requests()
    refused(sim, Schedule, "v0.26.0", project="shop", application="web", name="nightly", cron_expression="0 3 * * *",
            command="true", timezone="Europe/Paris")
    assert sim.state.get("schedule", {}) == {}


@pytest.mark.parametrize("option, value, needed", [
    ("create_env_file", False, "v0.26.1"),
    ("rollback_registry", "backup", "v0.26.0"),
])
def test_application_create_env_file_and_rollback_registry_are_refused_before_the_create(sim, option, value, needed):
    DokployClient(sim.url, KEY).post("registry.create", {
        "registryName": "backup", "registryUrl": "ghcr.io", "username": "bot", "password": "token-1",
        "registryType": "cloud", "imagePrefix": None})
    sim.clear_requests()
    error = refused(sim, Application, needed, project="shop", name="web", docker_image="nginx:alpine",
                    **{option: value})
    assert option in error.message
