# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The service modules take project_id and environment_id like the child modules (issue 22), against the simulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployClient, DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._context import Context
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._application import Application
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._compose import Compose
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._database import Database
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._params import resource_params
from simulator import Simulator

KEY = "ids-key"


@pytest.fixture
def sim():
    with Simulator(api_key=KEY) as simulator:
        client = DokployClient(simulator.url, KEY)
        client.post("project.create", {"name": "shop"})
        yield simulator


def run(sim, resource_class, check_mode=False, **params):
    sim.clear_requests()
    ctx = Context(DokployClient(sim.url, KEY), check_mode=check_mode)
    return resource_class(ctx, resource_params(resource_class, params)).run()


def ids(sim):
    project = [p for p in DokployClient(sim.url, KEY).get("project.all") if p["name"] == "shop"][0]
    production = [e for e in project["environments"] if e["name"] == "production"][0]
    return project["projectId"], production["environmentId"]


def writes(sim):
    return [r["path"].rsplit("/", 1)[-1] for r in sim.requests() if r["method"] == "POST"]


@pytest.mark.parametrize("resource_class, params", [
    (Application, dict(name="web", docker_image="nginx:alpine")),
    (Compose, dict(name="front", compose_file="services:\n  web:\n    image: nginx\n")),
    (Database, dict(name="db", type="redis", database_password="secret-pw-1")),
])
def test_a_service_is_found_and_created_by_project_id_or_environment_id(sim, resource_class, params):
    project_id, environment_id = ids(sim)
    assert run(sim, resource_class, check_mode=True, environment_id=environment_id, **params)["changed"]
    assert writes(sim) == []
    created = run(sim, resource_class, environment_id=environment_id, **params)
    assert created["changed"]
    kind = created.get("application") or created.get("compose") or created.get("database")
    assert kind["environmentId"] == environment_id
    for where in (dict(project="shop"), dict(project_id=project_id), dict(environment_id=environment_id),
                  dict(project_id=project_id, environment="production")):
        again = run(sim, resource_class, **dict(params, **where))
        assert again["changed"] is False and writes(sim) == [], where


def test_a_service_named_without_any_project_is_refused_before_any_request(sim):
    with pytest.raises(DokployParamError) as caught:
        run(sim, Application, name="web")
    assert "project (or project_id, or environment_id)" in str(caught.value)
    with pytest.raises(DokployParamError) as caught:
        run(sim, Application, name="web", project="shop", project_id="abc")
    assert "mutually exclusive" in str(caught.value)
    assert sim.requests() == []
