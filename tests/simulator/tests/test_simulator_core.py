# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of the Dokploy simulator: transport, auth, validation, control interface, faults, persistence, CLI."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import http.client
import json
import os
import signal
import subprocess
import sys
import time
from urllib.parse import urlencode, urlsplit

import pytest

TESTS_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # tests/simulator/tests -> tests
if TESTS_DIR not in sys.path:
    sys.path.insert(0, TESTS_DIR)

from simulator import Simulator  # noqa: E402  pylint: disable=wrong-import-position

KEY = "unit-key"


def call(sim, method, path, body=None, query=None, key=KEY, content_type="application/json", raw=None, timeout=10):
    parts = urlsplit(sim.url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    headers = {}
    if key is not None:
        headers["x-api-key"] = key
    payload = raw
    if body is not None:
        payload = json.dumps(body).encode("utf-8")
    if payload is not None and content_type:
        headers["Content-Type"] = content_type
    conn.request(method, path + ("?" + urlencode(query) if query else ""), body=payload, headers=headers)
    resp = conn.getresponse()
    data = resp.read()
    conn.close()
    return resp.status, resp.getheader("Content-Type"), (json.loads(data) if data and data[:1] in b'[{"tfn0123456789-' else data)


@pytest.fixture()
def sim():
    with Simulator(api_key=KEY) as s:
        yield s


def test_health_and_auth(sim):
    assert call(sim, "GET", "/api/health", key=None)[0::2] == (200, {"ok": True})
    status, ctype, body = call(sim, "GET", "/api/project.all", key=None)
    assert (status, ctype, body) == (401, "application/json; charset=utf-8", {"message": "Unauthorized"})
    assert call(sim, "GET", "/api/project.all", key="wrong")[0] == 401
    assert call(sim, "GET", "/api/project.nope", key=None)[0] == 401
    assert call(sim, "GET", "/api/project.all")[0::2] == (200, [])
    assert call(sim, "GET", "/api/settings.getDokployVersion")[2] == "v0.30.2"


def test_routing_errors(sim):
    for method, path in (("GET", "/api/project.create"), ("POST", "/api/project.all"), ("PUT", "/api/project.create"),
                         ("GET", "/api/nosuch.thing"), ("GET", "/api/projects")):
        status, dummy, body = call(sim, method, path, body={} if method != "GET" else None)
        assert status == 404 and body["message"] == "Not found" and "path" not in body["data"]


def test_body_errors(sim):
    status, ctype, body = call(sim, "POST", "/api/project.create", raw=b'{"name": ')
    assert (status, ctype, body) == (400, None, b"Invalid JSON")
    status, dummy, body = call(sim, "POST", "/api/project.create", raw=b'{"name":"x"}', content_type=None)
    assert status == 415 and body["message"] == "Missing content-type header"
    status, dummy, body = call(sim, "POST", "/api/project.create", raw=b"name=x", content_type="application/x-www-form-urlencoded")
    assert status == 415
    for raw in (b"", b"[1]"):
        status, dummy, body = call(sim, "POST", "/api/project.create", raw=raw)
        assert status == 400 and body["data"]["zodError"]["fieldErrors"] == {"name": ["Invalid input: expected string, received undefined"]}


def test_validation_and_coercion(sim):
    status, dummy, body = call(sim, "POST", "/api/project.create", body={"name": ""})
    assert status == 400 and body["issues"][0]["code"] == "too_small"
    status, dummy, body = call(sim, "GET", "/api/project.one", query={"projectId": ""})
    assert status == 400 and body["message"] == "Input validation failed"
    status, dummy, body = call(sim, "GET", "/api/project.search", query={"limit": "abc"})
    assert body["issues"][0]["message"] == "Invalid input: expected number, received NaN"
    status, dummy, body = call(sim, "POST", "/api/project.create", body={"name": "p", "bogus": 1})
    assert status == 200 and "bogus" not in body["project"]
    env_id = body["environment"]["environmentId"]
    status, dummy, body = call(sim, "POST", "/api/application.create", body={"name": "a", "environmentId": env_id, "sourceType": "svn"})
    assert status == 400 and body["issues"][0]["code"] == "invalid_value"
    status, dummy, body = call(sim, "GET", "/api/project.search", query={"limit": "1"})
    assert status == 200 and body["total"] == 1


def test_project_environment_flow(sim):
    created = call(sim, "POST", "/api/project.create", body={"name": "alpha"})[2]
    pid, prod = created["project"]["projectId"], created["environment"]["environmentId"]
    assert created["environment"]["isDefault"] is True
    assert call(sim, "POST", "/api/environment.create", body={"projectId": pid, "name": "production"})[0] == 400
    staging = call(sim, "POST", "/api/environment.create", body={"projectId": pid, "name": "staging"})[2]
    status, dummy, body = call(sim, "POST", "/api/environment.update", body={"environmentId": prod, "name": "production"})
    assert status == 400 and body["message"] == "Error updating the environment: You cannot rename the default environment"
    app = call(sim, "POST", "/api/application.create", body={"name": "web", "environmentId": staging["environmentId"], "appName": "web"})[2]
    assert len(app) == 101 and app["appName"].startswith("web-")
    pg = call(sim, "POST", "/api/postgres.create", body={
        "name": "db", "environmentId": prod, "databaseName": "d", "databaseUser": "u", "databasePassword": "p"})[2]
    assert call(sim, "GET", "/api/postgres.one", query={"postgresId": pg["postgresId"]})[2]["mounts"][0]["volumeName"].endswith("-data")
    status, dummy, body = call(sim, "POST", "/api/environment.remove", body={"environmentId": staging["environmentId"]})
    assert status == 400 and "active services" in body["message"]
    summary = call(sim, "GET", "/api/project.all")[2][0]["environments"]
    assert {"postgresId": pg["postgresId"]} in [p for e in summary for p in e["postgres"]]
    assert call(sim, "POST", "/api/project.remove", body={"projectId": pid})[0] == 200
    assert call(sim, "GET", "/api/application.one", query={"applicationId": app["applicationId"]})[0] == 404
    assert sim.state["mount"] == {}


def test_request_log_and_control_interface(sim):
    call(sim, "GET", "/api/project.all")
    call(sim, "POST", "/api/project.create", body={"name": "x"})
    status, dummy, log = call(sim, "GET", "/__sim__/requests", key=None)
    assert status == 200
    assert [(e["method"], e["path"], e["status"]) for e in log] == [("GET", "/api/project.all", 200), ("POST", "/api/project.create", 200)]
    assert log[1]["body"] == {"name": "x"} and sim.requests() == log
    assert call(sim, "DELETE", "/__sim__/requests", key=None)[0] == 200 and sim.requests() == []
    state = call(sim, "GET", "/__sim__/state", key=None)[2]
    assert len(state["project"]) == 1
    state["project"] = {}
    assert call(sim, "PUT", "/__sim__/state", body=state, key=None)[0] == 200
    assert call(sim, "GET", "/api/project.all")[2] == []
    assert call(sim, "POST", "/__sim__/reset", key=None)[0] == 200 and sim.requests() == []


def test_fault_status_and_times(sim):
    assert call(sim, "POST", "/__sim__/faults", body={"procedure": "project.all", "status": 503, "times": 2}, key=None)[0] == 200
    assert call(sim, "GET", "/api/project.all")[0] == 503
    assert call(sim, "GET", "/api/project.all")[0] == 503
    assert call(sim, "GET", "/api/project.all")[0] == 200
    sim.add_fault("project.create", status=500, body={"message": "boom"})
    assert call(sim, "POST", "/api/project.create", body={"name": "x"})[0::2] == (500, {"message": "boom"})
    assert sim.state["project"] == {}
    assert [e["status"] for e in sim.requests()] == [503, 503, 200, 500]
    sim.add_fault("project.all", times=0, status=502)
    assert call(sim, "DELETE", "/__sim__/faults", key=None)[0] == 200
    assert call(sim, "GET", "/api/project.all")[0] == 200


def test_fault_delay(sim):
    sim.add_fault("project.all", delay=0.6)
    start = time.time()
    assert call(sim, "GET", "/api/project.all")[0] == 200
    assert time.time() - start >= 0.55


def test_fault_drop_and_lose_response(sim):
    sim.add_fault("project.create", drop=True)
    with pytest.raises((http.client.HTTPException, ConnectionError)):
        call(sim, "POST", "/api/project.create", body={"name": "dropped"})
    assert sim.state["project"] == {}
    sim.add_fault("project.create", lose_response=True)
    with pytest.raises((http.client.HTTPException, ConnectionError)):
        call(sim, "POST", "/api/project.create", body={"name": "lost"})
    assert [p["name"] for p in sim.state["project"].values()] == ["lost"]
    assert [e["status"] for e in sim.requests()] == [None, 200]


def test_empty_body_route():
    from simulator.registry import EMPTY, ROUTES, route  # pylint: disable=import-outside-toplevel

    @route("application.cleanQueues")
    def clean(state, inp, ctx):
        return EMPTY

    try:
        with Simulator(api_key=KEY) as s:
            status, ctype, body = call(s, "POST", "/api/application.cleanQueues", body={"applicationId": "x"})
            assert (status, ctype, body) == (200, "application/json", b"")
    finally:
        ROUTES.pop("application.cleanQueues", None)


def test_not_implemented_procedure(sim):
    status, dummy, body = call(sim, "POST", "/api/backup.create", body={})
    assert status in (400, 501)


def test_state_persistence(tmp_path):
    path = str(tmp_path / "state.json")
    with Simulator(api_key=KEY, state_file=path) as s:
        call(s, "POST", "/api/project.create", body={"name": "kept"})
    assert os.path.exists(path)
    with Simulator(api_key=KEY, state_file=path) as s:
        assert [p["name"] for p in call(s, "GET", "/api/project.all")[2]] == ["kept"]


def test_cli_start_and_stop(tmp_path):
    ready = tmp_path / "ready"
    state = tmp_path / "state.json"
    run = os.path.join(TESTS_DIR, "simulator", "run.py")
    proc = subprocess.Popen([sys.executable, run, "--api-key", "cli-key", "--port", "0", "--ready-file", str(ready),
                             "--state", str(state)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        line = proc.stdout.readline().decode()
        assert line.startswith("Dokploy simulator listening on http://127.0.0.1:")
        for _attempt in range(50):
            if ready.exists():
                break
            time.sleep(0.1)
        url = ready.read_text().strip()
        assert url == line.split()[-1]

        class _Url(object):
            pass
        target = _Url()
        target.url = url
        assert call(target, "POST", "/api/project.create", body={"name": "cli"}, key="cli-key")[0] == 200
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(10)
    assert proc.returncode == 0
    assert "cli" in state.read_text()
