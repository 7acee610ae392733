# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The simulator's rollbacks (tests/simulator/routes/rollback.py) as a real v0.30.2 answered them (2026-12-07, with a
real swarm) and as Dokploy's source writes them: the rows a deploy keeps, allByType's join, rollback.rollback and
rollback.delete, swarm.getNodeApps; v0.25.11's rows."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployClient, DokployError
from simulator import Simulator

KEY = "rollback-key"
IMAGE = "127.0.0.1:5000/dokploy-test/envhttp:%s"
PLAIN = "envhttp:%s"   # v0.25.11 tags a docker image with a registry port wrongly (routes/rollback.py _valid_tag)


def wait_until(predicate, timeout=5.0):
    end = time.time() + timeout
    while time.time() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("condition not met within %s s" % timeout)


def simulator(version=None):
    sim = Simulator(api_key=KEY, version=version)
    sim.start()
    sim.control("deploy", {"deploy_duration": 0.05, "deploy_pickup": 0.02}, "POST")
    return sim


@pytest.fixture
def sim():
    server = simulator()
    yield server
    server.stop()


def application(client, rollback=True, registry=True):
    env = client.post("project.create", {"name": "p"})["environment"]["environmentId"]
    app = client.post("application.create", {"name": "web", "environmentId": env})
    body = {"applicationId": app["applicationId"], "rollbackActive": rollback}
    if registry:
        body["rollbackRegistryId"] = client.post("registry.create", {
            "registryName": "keep", "username": "robot", "password": "registry-pw", "registryUrl": "127.0.0.1:5000",
            "registryType": "cloud", "imagePrefix": "keep"})["registryId"]
    client.post("application.update", body)
    return app


def deploy(client, app, image, outcome=None, sim=None):
    client.post("application.saveDockerProvider", {"applicationId": app["applicationId"], "dockerImage": image,
                                                   "username": None, "password": None, "registryUrl": None})
    if outcome:
        sim.control("deploy", {"outcome": outcome, "times": 1}, "POST")
    before = set(d["deploymentId"] for d in client.get("deployment.all", {"applicationId": app["applicationId"]}))
    client.post("application.deploy", {"applicationId": app["applicationId"]})

    def finished():
        rows = client.get("deployment.all", {"applicationId": app["applicationId"]})
        return rows[0] if rows and rows[0]["deploymentId"] not in before and rows[0]["status"] != "running" else None
    return wait_until(finished)


def listed(client, app):
    return client.get("deployment.allByType", {"id": app["applicationId"], "type": "application"})


def node_app(client, app):
    return next(s for s in client.get("swarm.getNodeApps", {}) if s["Name"] == app["appName"])


def test_rows_joined_and_the_rollback_as_seen(sim):
    client = DokployClient(sim.url, KEY)
    app = application(client)
    deploy(client, app, IMAGE % "v1")
    deploy(client, app, IMAGE % "v2")
    rows = listed(client, app)
    assert [r["rollback"]["version"] for r in rows] == [2, 1]   # newest first, a serial
    first = rows[1]
    assert first["rollbackId"] == first["rollback"]["rollbackId"]
    assert first["rollback"]["image"] == "%s:v1" % app["appName"]
    assert first["rollback"]["fullContext"]["rollbackRegistry"]["password"] == "registry-pw"   # as Dokploy keeps it
    assert "rollback" not in client.get("deployment.all", {"applicationId": app["applicationId"]})[0]
    assert node_app(client, app) == {"ID": node_app(client, app)["ID"], "Image": IMAGE % "v2", "Mode": "replicated",
                                     "Name": app["appName"], "Ports": "", "Replicas": "1/1"}
    assert client.post("rollback.rollback", {"rollbackId": first["rollback"]["rollbackId"]}) is None
    assert node_app(client, app)["Image"] == "127.0.0.1:5000/keep/%s:v1" % app["appName"]
    assert len(listed(client, app)) == 2   # no deployment written
    with pytest.raises(DokployError) as caught:
        client.post("rollback.rollback", {"rollbackId": "nope"})
    assert caught.value.status == 400 and "Error input: Rolling back" in str(caught.value)


def test_delete_takes_its_deployment_along(sim):
    client = DokployClient(sim.url, KEY)
    app = application(client)
    deploy(client, app, IMAGE % "v1")
    deploy(client, app, IMAGE % "v2")
    newest = listed(client, app)[0]
    answer = client.post("rollback.delete", {"rollbackId": newest["rollbackId"]})
    assert answer["rollbackId"] == newest["rollbackId"] and "fullContext" in answer
    # findRollbackById's row: with its deployment (v0.30.2's services/rollbacks.ts), not the deployment's application
    assert answer["deployment"]["deploymentId"] == newest["deploymentId"] and "application" not in answer["deployment"]
    assert [r["deploymentId"] for r in listed(client, app)] == [listed(client, app)[0]["deploymentId"]]
    assert newest["deploymentId"] not in [r["deploymentId"] for r in listed(client, app)]
    with pytest.raises(DokployError) as caught:
        client.post("rollback.delete", {"rollbackId": newest["rollbackId"]})
    assert "Rollback not found" in str(caught.value)


def test_when_a_row_is_written_v030(sim):
    """v0.30.2: with rollbackActive and a registry, when the deploy starts (a failed deploy has one too)."""
    client = DokployClient(sim.url, KEY)
    app = application(client, registry=False)
    deploy(client, app, IMAGE % "v1")
    assert listed(client, app)[0]["rollback"] is None   # no rollback registry: none kept
    app2 = client.post("application.create", {"name": "other", "environmentId": app["environmentId"]})
    registry = client.post("registry.create", {
        "registryName": "r2", "username": "u", "password": "p", "registryUrl": "127.0.0.1:5000",
        "registryType": "cloud", "imagePrefix": None})["registryId"]
    client.post("application.update", {"applicationId": app2["applicationId"], "rollbackActive": True,
                                       "rollbackRegistryId": registry})
    failed = deploy(client, app2, IMAGE % "v1", outcome="error", sim=sim)
    assert failed["status"] == "error" and listed(client, app2)[0]["rollback"] is not None


def test_cleanup_beyond_ten_removes_the_rollbacks(sim):
    client = DokployClient(sim.url, KEY)
    app = application(client)
    for index in range(11):
        deploy(client, app, IMAGE % ("v%d" % (index % 2 + 1)))
    rows = listed(client, app)
    assert len(rows) == 10 and len(sim.state["rollback"]) == 10
    assert min(r["rollback"]["version"] for r in rows) == 2


def test_rows_as_v025_writes_them():
    """v0.25.11: after a successful deploy, with rollbackActive alone (no rollback registry then)."""
    sim = simulator("0.25")
    try:
        client = DokployClient(sim.url, KEY)
        app = application(client, registry=False)
        deploy(client, app, PLAIN % "v1")
        failed = deploy(client, app, PLAIN % "v2", outcome="error", sim=sim)
        rows = listed(client, app)
        assert failed["status"] == "error" and rows[0]["rollback"] is None
        assert rows[1]["rollback"]["image"] == "envhttp:v1:v1"   # the image, not the appName, of a docker source
        assert "rollbackRegistry" not in (rows[1]["rollback"]["fullContext"] or {})
        with pytest.raises(DokployError) as caught:   # a name Docker refuses
            client.post("rollback.rollback", {"rollbackId": rows[1]["rollbackId"]})
        assert "Error input: Rolling back" in str(caught.value)
        # an image with a registry port: the tag v0.25.11 makes is refused, the deploy ends error, no rollback
        broken = deploy(client, app, IMAGE % "v1")
        assert broken["status"] == "error" and listed(client, app)[0]["rollback"] is None
    finally:
        sim.stop()


def test_delete_as_v025_answers():
    """v0.25.11: an unknown ID is a 500 (the router returned the removal's promise unawaited inside its try, until
    v0.28.7); the answer nests the deployment's whole application with environment.project (until v0.29.14)."""
    sim = simulator("0.25")
    try:
        client = DokployClient(sim.url, KEY)
        app = application(client, registry=False)
        deploy(client, app, PLAIN % "v1")
        row = listed(client, app)[0]
        answer = client.post("rollback.delete", {"rollbackId": row["rollbackId"]})
        nested = answer["deployment"]["application"]
        assert answer["deployment"]["deploymentId"] == row["deploymentId"] and nested["appName"] == app["appName"]
        assert nested["environment"]["project"]["name"] == "p" and "server" not in nested
        assert "rollbackRegistryId" not in nested   # v0.25.11's columns
        with pytest.raises(DokployError) as caught:
            client.post("rollback.delete", {"rollbackId": row["rollbackId"]})
        assert caught.value.status == 500 and "Rollback not found" in str(caught.value)
    finally:
        sim.stop()


def test_node_apps_of_an_unknown_server_is_a_404(sim):
    client = DokployClient(sim.url, KEY)
    assert client.get("swarm.getNodeApps", {}) == []
    with pytest.raises(DokployError) as caught:
        client.get("swarm.getNodeApps", {"serverId": "nope"})
    assert caught.value.status == 404 and "Server not found" in str(caught.value)
