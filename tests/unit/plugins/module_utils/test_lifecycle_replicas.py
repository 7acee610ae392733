# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""state started/restarted keep the declared replicas (issue 18 item 2), against the simulator.

Dokploy's start is ``docker service scale <appName>=1`` and a database's reload a stop and a start, whatever the
row's ``replicas`` (lifecycle.py cites the source); the simulator models the swarm service's replicas (swarm.py) and
lists its tasks (docker.getServiceContainersByAppName), so these tests read what the swarm would run.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployClient
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._context import Context
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._application import Application
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._compose import Compose
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._database import Database
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._params import resource_params
from ansible_collections.dokploy.dokploy.tests.unit.conftest import SIM_KEY as KEY

FAST = dict(poll_interval=0.05, wait_timeout=30)
STACK_FILE = "services:\n  web:\n    image: nginx:alpine\n    deploy:\n      replicas: 2\n"


@pytest.fixture
def sim(deploy_sim):
    return deploy_sim


def run(sim, resource_class, **params):
    """One task of the module of ``resource_class``; returns (result, warnings, writes it sent)."""
    sim.clear_requests()
    warnings = []
    ctx = Context(DokployClient(sim.url, KEY), warn=warnings.append)
    result = resource_class(ctx, resource_params(resource_class, dict(FAST, project="shop", **params))).run()
    writes = [r["path"].rsplit("/", 1)[-1] for r in sim.requests() if r["method"] == "POST"]
    return result, warnings, writes


def app(sim, **params):
    return run(sim, Application, name="web", docker_image="nginx:alpine", **params)


def database(sim, **params):
    return run(sim, Database, type="postgres", name="db", database_name="app", database_user="app",
               database_password="secret-pw-1", **params)


def row(sim, kind, name):
    return [r for r in sim.state[kind].values() if r["name"] == name][0]


def running(sim, kind, name):
    """Replicas with a running task, as ``docker service ps`` lists them (docker.getServiceContainersByAppName)."""
    tasks = DokployClient(sim.url, KEY).get("docker.getServiceContainersByAppName", {"appName": row(sim, kind, name)["appName"]})
    return len([task for task in tasks if task["state"] == "running"])


def test_started_after_stopped_runs_the_declared_replicas_of_an_application(sim):
    app(sim, replicas=2, state="deployed")
    assert running(sim, "application", "web") == 2
    app(sim, replicas=2, state="stopped")
    assert running(sim, "application", "web") == 0
    result, warnings, writes = app(sim, replicas=2, state="started")
    assert result["changed"] and result["lifecycle_action"] == "reload"
    assert writes == ["application.reload"]  # Dokploy's reload recreates the service with Replicas = row.replicas
    assert running(sim, "application", "web") == 2
    again, warnings, writes = app(sim, replicas=2, state="started")
    assert not again["changed"] and again["lifecycle_action"] is None and writes == [] and warnings == []


def test_started_repairs_an_application_started_with_dokploys_start(sim):
    """Started elsewhere (UI, API) with Dokploy's start: status done, 1 of 2 replicas; a re-run brings back 2."""
    app(sim, replicas=2, state="deployed")
    app(sim, replicas=2, state="stopped")
    DokployClient(sim.url, KEY).post("application.start", {"applicationId": row(sim, "application", "web")["applicationId"]})
    assert running(sim, "application", "web") == 1
    assert row(sim, "application", "web")["applicationStatus"] == "done"
    result, warnings, writes = app(sim, replicas=2, state="started")
    assert result["changed"] and writes == ["application.reload"]
    assert running(sim, "application", "web") == 2
    assert not app(sim, replicas=2, state="started")[0]["changed"]


def test_started_in_check_mode_reports_the_missing_replicas_without_a_write(sim):
    app(sim, replicas=2, state="deployed")
    DokployClient(sim.url, KEY).post("application.start", {"applicationId": row(sim, "application", "web")["applicationId"]})
    sim.clear_requests()
    ctx = Context(DokployClient(sim.url, KEY), check_mode=True)
    params = resource_params(Application, dict(FAST, project="shop", name="web", docker_image="nginx:alpine", replicas=2,
                                               state="started"))
    result = Application(ctx, params).run()
    assert result["changed"] and result["lifecycle_action"] == "reload"
    assert [r for r in sim.requests() if r["method"] == "POST"] == []
    assert running(sim, "application", "web") == 1


def test_one_replica_is_started_with_dokploys_start_and_costs_no_extra_read(sim):
    app(sim, state="deployed")
    app(sim, state="stopped")
    result, warnings, writes = app(sim, state="started")
    assert result["lifecycle_action"] == "start" and writes == ["application.start"]
    assert running(sim, "application", "web") == 1
    sim.clear_requests()
    assert not app(sim, state="started", wait_for="deployment")[0]["changed"]
    assert "docker.getServiceContainersByAppName" not in [r["path"].rsplit("/", 1)[-1] for r in sim.requests()]
    # wait_for: running (the default) reads the tasks once to see it runs, whatever its replicas (issue 22)
    sim.clear_requests()
    assert not app(sim, state="started")[0]["changed"]
    assert [r["path"].rsplit("/", 1)[-1] for r in sim.requests()].count("docker.getServiceContainersByAppName") == 1


def test_a_database_keeps_its_replicas_through_start_and_restart(sim):
    database(sim, replicas=2, state="deployed")
    assert running(sim, "postgres", "db") == 2
    result, warnings, writes = database(sim, replicas=2, state="restarted")
    assert result["changed"] and writes == ["postgres.deploy"]  # postgres.reload would be a stop and a start: 1
    assert running(sim, "postgres", "db") == 2
    DokployClient(sim.url, KEY).post("postgres.reload", {"postgresId": row(sim, "postgres", "db")["postgresId"],
                                                         "appName": row(sim, "postgres", "db")["appName"]})
    assert running(sim, "postgres", "db") == 1 and row(sim, "postgres", "db")["applicationStatus"] == "done"
    result, warnings, writes = database(sim, replicas=2, state="started")
    assert result["changed"] and writes == ["postgres.deploy"]
    assert running(sim, "postgres", "db") == 2
    again, warnings, writes = database(sim, replicas=2, state="started")
    assert not again["changed"] and writes == []


def test_started_after_stopped_redeploys_a_compose_stack(sim):
    """compose.stop removes a stack (docker stack rm) and compose.start runs nothing for one: started deploys it."""
    params = dict(name="stack", compose_type="stack", compose_file=STACK_FILE)
    run(sim, Compose, state="deployed", **params)
    run(sim, Compose, state="stopped", **params)
    assert not row(sim, "compose", "stack")["_swarm"]
    result, warnings, writes = run(sim, Compose, state="started", **params)
    assert result["changed"] and result["lifecycle_action"] == "deploy" and writes == ["compose.deploy"]
    assert row(sim, "compose", "stack")["_swarm"]
    assert not run(sim, Compose, state="started", **params)[0]["changed"]
