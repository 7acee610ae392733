# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The simulator's deploy queue and service actions (tests/simulator/deploy_queue.py, routes/lifecycle.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployClient, DokployError
from simulator import Simulator

KEY = "deploy-key"


@pytest.fixture
def sim():
    with Simulator(api_key=KEY) as simulator:
        simulator.control("deploy", {"deploy_duration": 0.3, "deploy_pickup": 0.2, "db_deploy_duration": 0.1}, "POST")
        yield simulator


@pytest.fixture
def client(sim):
    return DokployClient(sim.url, KEY)


def environment(client):
    return client.post("project.create", {"name": "p"})["environment"]["environmentId"]


def wait_until(predicate, timeout=5.0):
    end = time.time() + timeout
    while time.time() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("condition not met within %s s" % timeout)


def test_application_deploy_is_queued_and_the_row_appears_later(sim, client):
    app = client.post("application.create", {"name": "web", "environmentId": environment(client)})
    app_id = app["applicationId"]
    assert client.post("application.deploy", {"applicationId": app_id}) is None  # empty body [154]
    assert client.get("deployment.all", {"applicationId": app_id}) == []  # nothing before the pickup
    running = wait_until(lambda: client.get("deployment.all", {"applicationId": app_id}))
    assert running[0]["status"] == "running" and running[0]["finishedAt"] is None
    assert running[0]["title"] == "Manual deployment"
    assert client.get("application.one", {"applicationId": app_id})["applicationStatus"] == "running"
    done = wait_until(lambda: [d for d in client.get("deployment.all", {"applicationId": app_id}) if d["status"] == "done"])
    assert done[0]["finishedAt"]
    assert client.get("application.one", {"applicationId": app_id})["applicationStatus"] == "done"
    log = client.get("deployment.readLogs", {"deploymentId": done[0]["deploymentId"], "tail": 2})
    assert log.count("\n") == 2
    finished = sim.control("deploy")["finished"]
    assert finished[0]["deploymentId"] == done[0]["deploymentId"] and finished[0]["finishedEpoch"] <= time.time()
    assert "_log" not in done[0] and "_finishedEpoch" not in done[0]


def test_rules_choose_outcome_and_are_consumed(sim, client):
    env = environment(client)
    compose = client.post("compose.create", {"name": "stack", "environmentId": env})
    sim.control("deploy", {"outcome": "error", "times": 1, "service": "stack"}, "POST")
    answer = client.post("compose.deploy", {"composeId": compose["composeId"]})
    assert answer == {"success": True, "message": "Deployment queued", "composeId": compose["composeId"]}
    first = wait_until(lambda: [d for d in client.get("deployment.allByCompose", {"composeId": compose["composeId"]})
                                if d["status"] != "running"])
    assert first[0]["status"] == "error"
    assert "Error occurred" in client.get("deployment.readLogs", {"deploymentId": first[0]["deploymentId"]})
    assert client.post("compose.redeploy", {"composeId": compose["composeId"]})["message"] == "Redeployment queued"
    rows = wait_until(lambda: [d for d in client.get("deployment.allByCompose", {"composeId": compose["composeId"]})
                               if d["status"] == "done"])
    # compose defaults to sourceType github: a successful run replaces the title with the commit message
    assert rows[0]["title"] == "Simulated commit message"
    assert sim.control("deploy")["rules"] == []


def test_jobs_run_fifo_one_at_a_time(sim, client):
    env = environment(client)
    a = client.post("application.create", {"name": "a", "environmentId": env})["applicationId"]
    b = client.post("application.create", {"name": "b", "environmentId": env})["applicationId"]
    client.post("application.deploy", {"applicationId": a})
    client.post("application.deploy", {"applicationId": b})
    wait_until(lambda: len(sim.control("deploy")["finished"]) == 2)
    first, second = sim.control("deploy")["finished"]
    assert first["serviceId"] == a and second["serviceId"] == b
    assert second["startedEpoch"] >= first["finishedEpoch"]


def test_actions_with_docker(sim, client):
    env = environment(client)
    app = client.post("application.create", {"name": "web", "environmentId": env})
    app_id = app["applicationId"]
    with pytest.raises(DokployError) as info:
        client.post("application.start", {"applicationId": app_id})  # never deployed: no swarm service
    assert info.value.status == 500
    client.post("application.deploy", {"applicationId": app_id})
    wait_until(lambda: client.get("application.one", {"applicationId": app_id})["applicationStatus"] == "done")
    before = client.post("application.stop", {"applicationId": app_id})
    assert before["applicationStatus"] == "done"  # the row as it was before the call [188]
    assert client.get("application.one", {"applicationId": app_id})["applicationStatus"] == "idle"
    client.post("application.start", {"applicationId": app_id})
    assert client.get("application.one", {"applicationId": app_id})["applicationStatus"] == "done"
    assert client.post("application.reload", {"applicationId": app_id, "appName": app["appName"]}) is True

    pg = client.post("postgres.create", {"name": "db", "environmentId": env, "databaseName": "a", "databaseUser": "b",
                                         "databasePassword": "c", "dockerImage": "postgres:18"})
    answer = client.post("postgres.deploy", {"postgresId": pg["postgresId"]})  # synchronous
    assert answer["applicationStatus"] == "idle"  # as loaded before the deploy
    assert client.get("postgres.one", {"postgresId": pg["postgresId"]})["applicationStatus"] == "done"
    sim.control("deploy", {"outcome": "error", "times": 1, "message": "pull failed"}, "POST")
    with pytest.raises(DokployError) as info:
        client.post("postgres.deploy", {"postgresId": pg["postgresId"]})
    assert "Error on deploy postgres" in info.value.message and "pull failed" in info.value.message
    assert client.get("postgres.one", {"postgresId": pg["postgresId"]})["applicationStatus"] == "error"


def test_without_docker_as_recorded(sim, client):
    sim.control("deploy", {"docker": False}, "POST")
    env = environment(client)
    app = client.post("application.create", {"name": "web", "environmentId": env, "sourceType": "docker"})
    app_id = app["applicationId"]
    client.post("application.deploy", {"applicationId": app_id})
    failed = wait_until(lambda: [d for d in client.get("deployment.all", {"applicationId": app_id}) if d["status"] == "error"])
    assert "Cannot connect to the Docker daemon" in client.get("deployment.readLogs", {"deploymentId": failed[0]["deploymentId"]})
    with pytest.raises(DokployError) as info:
        client.post("application.reload", {"applicationId": app_id, "appName": app["appName"]})
    assert info.value.message == "Error reloading application"
    assert client.post("application.stop", {"applicationId": app_id})["applicationStatus"] == "error"
    pg = client.post("postgres.create", {"name": "db", "environmentId": env, "databaseName": "a", "databaseUser": "b",
                                         "databasePassword": "c", "dockerImage": "postgres:18"})
    with pytest.raises(DokployError) as info:
        client.post("postgres.deploy", {"postgresId": pg["postgresId"]})
    assert info.value.status == 500 and "Docker daemon" in info.value.message


def test_start_scales_to_one_replica_as_dokploy(sim, client):
    """startService is `docker service scale <appName>=1` whatever `replicas` says; stop scales to 0; application.reload
    (mechanizeDockerContainer) and deploys use the row's replicas; a database reload is a stop and a start (swarm.py)."""
    def tasks(app_name):
        return client.get("docker.getServiceContainersByAppName", {"appName": app_name})

    def running(app_name):
        return len([t for t in tasks(app_name) if t["state"] == "running"])

    env = environment(client)
    app = client.post("application.create", {"name": "web", "environmentId": env})
    assert tasks(app["appName"]) == []  # no service yet: Dokploy answers [] on any docker error
    client.post("application.update", {"applicationId": app["applicationId"], "replicas": 3})
    client.post("application.deploy", {"applicationId": app["applicationId"]})
    wait_until(lambda: client.get("application.one", {"applicationId": app["applicationId"]})["applicationStatus"] == "done")
    assert running(app["appName"]) == 3
    client.post("application.stop", {"applicationId": app["applicationId"]})
    assert running(app["appName"]) == 0 and tasks(app["appName"]) == []  # scaled-down tasks are not listed (real)
    client.post("application.start", {"applicationId": app["applicationId"]})
    assert running(app["appName"]) == 1
    assert set(tasks(app["appName"])[0]) == {"containerId", "name", "state", "currentState", "node", "error"}
    client.post("application.reload", {"applicationId": app["applicationId"], "appName": app["appName"]})
    assert running(app["appName"]) == 3

    pg = client.post("postgres.create", {"name": "db", "environmentId": env, "databaseName": "a", "databaseUser": "b",
                                         "databasePassword": "c", "dockerImage": "postgres:18"})
    client.post("postgres.update", {"postgresId": pg["postgresId"], "replicas": 2})
    client.post("postgres.deploy", {"postgresId": pg["postgresId"]})
    assert running(pg["appName"]) == 2
    client.post("postgres.reload", {"postgresId": pg["postgresId"], "appName": pg["appName"]})
    assert running(pg["appName"]) == 1


def test_a_network_a_deployed_service_joined_cannot_be_removed(sim, client):
    """Docker refuses to remove a network a service uses, and Dokploy keeps its row (real v0.30.2 and swarm,
    tests/acceptance/test_swarm_settings.py); the service joins the networks of its row at its deploy (swarm.py)."""
    app = client.post("application.create", {"name": "web", "environmentId": environment(client)})
    app_id = app["applicationId"]
    mesh = client.post("network.create", {"name": "mesh", "driver": "overlay"})
    local = client.post("network.create", {"name": "local"})
    client.post("application.update", {"applicationId": app_id, "networkIds": [mesh["networkId"], local["networkId"]],
                                       "detachDokployNetwork": True})
    client.post("application.deploy", {"applicationId": app_id})
    wait_until(lambda: client.get("application.one", {"applicationId": app_id})["applicationStatus"] == "done")
    with pytest.raises(DokployError) as error:
        client.post("network.remove", {"networkId": mesh["networkId"]})
    assert error.value.status == 400 and "FailedPrecondition desc = network" in str(error.value)
    assert "is in use by service" in str(error.value)
    assert client.get("network.one", {"networkId": mesh["networkId"]})["name"] == "mesh"
    assert client.post("network.remove", {"networkId": local["networkId"]})["name"] == "local"  # a bridge is not joined
    client.post("application.delete", {"applicationId": app_id})
    assert client.post("network.remove", {"networkId": mesh["networkId"]})["name"] == "mesh"
