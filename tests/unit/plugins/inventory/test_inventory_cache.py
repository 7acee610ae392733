# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The inventory plugin's cache: a second run inside the TTL sends no request; after the TTL it reads again.

A tiny in-process HTTP stub stands in for Dokploy (three procedures), so the test needs no simulator.
``ansible-inventory`` runs as a subprocess, finding the collection through ANSIBLE_COLLECTIONS_PATH.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import subprocess
import sys
import threading
import time

from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from ansible_collections.dokploy.dokploy.plugins.inventory import dokploy as plugin

API_KEY = "dkp-cache-canary-0123456789abcdef"
ANSWERS = {
    "overview.services": [{
        "id": "app1", "type": "application", "name": "web", "appName": "web-x1", "status": "running",
        "createdAt": "2026-01-01T00:00:00.000Z", "serverId": None, "serverName": None, "icon": None,
        "projectId": "p1", "projectName": "shop", "environmentId": "e1", "environmentName": "production",
        "lastDeployAt": None}],
    "server.all": [],
    "overview.domains": [],
}


class Stub(BaseHTTPRequestHandler):
    requests = []

    def do_GET(self):
        procedure = self.path.split("?")[0].rsplit("/", 1)[-1]
        Stub.requests.append(procedure)
        if self.headers.get("x-api-key") != API_KEY:
            body, status = {"message": "Unauthorized"}, 401
        elif procedure in ANSWERS:
            body, status = ANSWERS[procedure], 200
        else:
            body, status = {"message": "Not found", "code": "NOT_FOUND"}, 404
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def stub():
    server = HTTPServer(("127.0.0.1", 0), Stub)
    thread = threading.Thread(target=server.serve_forever)
    thread.daemon = True
    thread.start()
    Stub.requests = []
    yield "http://127.0.0.1:%d" % server.server_address[1]
    server.shutdown()
    server.server_close()


def collections_root():
    # plugins/inventory/dokploy.py -> <root>/ansible_collections/dokploy/dokploy/plugins/inventory
    path = os.path.abspath(plugin.__file__)
    for dummy in range(6):
        path = os.path.dirname(path)
    return path


def run_inventory(source, tmp_path):
    result = inventory_process(source, tmp_path)
    assert result.returncode == 0, result.stderr
    assert API_KEY not in result.stdout + result.stderr
    return json.loads(result.stdout)


def inventory_process(source, tmp_path):
    env = dict(os.environ)
    env.update({
        "ANSIBLE_COLLECTIONS_PATH": collections_root(),
        "ANSIBLE_INVENTORY_ENABLED": "dokploy.dokploy.dokploy",
        "ANSIBLE_LOCAL_TEMP": str(tmp_path / "tmp"),
        "DOKPLOY_API_KEY": API_KEY,
        "ANSIBLE_NOCOLOR": "1",
    })
    ansible_inventory = [os.path.join(os.path.dirname(sys.executable), "ansible-inventory")]
    if not os.path.exists(ansible_inventory[0]):
        # ansible-test units puts ansible-core on PYTHONPATH, without its scripts
        ansible_inventory = [sys.executable, "-m", "ansible.cli.inventory"]
    return subprocess.run(ansible_inventory + ["-i", str(source), "--list"], env=env, capture_output=True,
                          text=True, timeout=120, check=False)


def write_source(tmp_path, url, timeout):
    source = tmp_path / "test.dokploy.yml"
    source.write_text(
        "plugin: dokploy.dokploy.dokploy\napi_url: %s\ncache: true\ncache_plugin: ansible.builtin.jsonfile\n"
        "cache_connection: %s\ncache_timeout: %d\n" % (url, tmp_path / "cache", timeout))
    return source


def test_second_run_sends_no_request(stub, tmp_path):
    source = write_source(tmp_path, stub, 3600)
    first = run_inventory(source, tmp_path)
    assert sorted(Stub.requests) == ["overview.domains", "overview.services", "server.all"]
    Stub.requests = []
    second = run_inventory(source, tmp_path)
    assert Stub.requests == []
    assert first == second
    assert "shop.production.web" in second["_meta"]["hostvars"]
    for name in os.listdir(str(tmp_path / "cache")):
        with open(str(tmp_path / "cache" / name)) as f:
            assert API_KEY not in f.read()


def test_expired_cache_is_read_again(stub, tmp_path):
    source = write_source(tmp_path, stub, 1)
    run_inventory(source, tmp_path)
    assert len(Stub.requests) == 3
    Stub.requests = []
    time.sleep(1.5)
    run_inventory(source, tmp_path)
    assert len(Stub.requests) == 3


def test_without_cache_every_run_reads(stub, tmp_path):
    source = tmp_path / "nocache.dokploy.yml"
    source.write_text("plugin: dokploy.dokploy.dokploy\napi_url: %s\n" % stub)
    run_inventory(source, tmp_path)
    run_inventory(source, tmp_path)
    assert len(Stub.requests) == 6


@pytest.mark.parametrize("extra, message", [
    ("bogus_option: 1\n", "unknown option bogus_option"),
    ("keyed_groups:\n  - prefix: status\n", "keyed_groups[0] needs key"),
])
def test_bad_configuration_fails_before_any_request(stub, tmp_path, extra, message):
    source = tmp_path / "bad.dokploy.yml"
    source.write_text("plugin: dokploy.dokploy.dokploy\napi_url: %s\n%s" % (stub, extra))
    result = inventory_process(source, tmp_path)
    assert message in " ".join(result.stderr.split())
    assert Stub.requests == []
