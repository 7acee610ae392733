# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The proxy that runs the integration targets on a real server (differential.RequestLogProxy) answers the
simulator's request log and faults as the simulator does. Here it stands in front of a simulator (no real server
is needed): the log and faults it gives must be the simulator's own."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import http.client
import json
from urllib.parse import urlsplit

import pytest

from differential import RequestLogProxy
from simulator import Simulator

KEY = "proxy-test-key"


def call(url, method, path, body=None):
    """(status, decoded answer), or (None, None) when the connection closed without an answer."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    headers = {"x-api-key": KEY}
    payload = None
    if body is not None:
        payload = json.dumps(body)
        headers["Content-Type"] = "application/json"
    try:
        conn.request(method, path, body=payload, headers=headers)
        resp = conn.getresponse()
        raw = resp.read()
    except (http.client.RemoteDisconnected, ConnectionError):
        return None, None
    finally:
        conn.close()
    return resp.status, json.loads(raw) if raw else None


@pytest.fixture
def pair():
    with Simulator(api_key=KEY) as sim:
        with RequestLogProxy(sim.url, KEY) as proxy:
            yield sim, proxy


def test_the_request_log_is_the_simulators(pair):
    sim, proxy = pair
    call(proxy.url, "GET", "/api/project.all")
    call(proxy.url, "POST", "/api/project.create", {"name": "p1", "description": None})
    call(proxy.url, "GET", "/api/environment.byProjectId?projectId=x")
    call(proxy.url, "POST", "/api/auth/sign-in/email", {"email": "a@example.com", "password": "not-in-the-log"})
    status, log = call(proxy.url, "GET", "/__sim__/requests")
    assert status == 200
    assert log == sim.requests()
    assert call(proxy.url, "DELETE", "/__sim__/requests")[0] == 200
    assert call(proxy.url, "GET", "/__sim__/requests") == (200, [])


def test_faults_as_the_simulator_injects_them(pair):
    sim, proxy = pair
    assert call(proxy.url, "POST", "/__sim__/faults", {"procedure": "project.all", "status": 503})[0] == 200
    status, body = call(proxy.url, "GET", "/api/project.all")
    assert status == 503 and body["message"] == "Simulated fault"
    assert call(proxy.url, "GET", "/api/project.all")[0] == 200  # times: 1 by default
    call(proxy.url, "POST", "/__sim__/faults", {"procedure": "project.create", "lose_response": True})
    assert call(proxy.url, "POST", "/api/project.create", {"name": "lost", "description": None}) == (None, None)
    assert [p["name"] for p in call(proxy.url, "GET", "/api/project.all")[1]] == ["lost"]  # the server ran it
    call(proxy.url, "POST", "/__sim__/faults", {"procedure": "*", "drop": True, "times": 0})
    assert call(proxy.url, "GET", "/api/project.all") == (None, None)
    assert call(proxy.url, "DELETE", "/__sim__/faults")[0] == 200
    assert call(proxy.url, "GET", "/api/project.all")[0] == 200
    # every call is in the log, the faulted ones too (status None when dropped), as the simulator logs them
    log = call(proxy.url, "GET", "/__sim__/requests")[1]
    assert [(e["path"], e["status"]) for e in log] == [
        ("/api/project.all", 503), ("/api/project.all", 200), ("/api/project.create", 200),
        ("/api/project.all", 200), ("/api/project.all", None), ("/api/project.all", 200)]
    assert sim.requests()[0]["status"] == 200  # the simulator never saw the faulted call


def test_other_simulator_routes_say_they_have_no_twin(pair):
    status, body = call(pair[1].url, "POST", "/__sim__/version", {"version": "0.28"})
    assert status == 501
    assert "when: dokploy_server_kind == 'simulator'" in body["message"]
