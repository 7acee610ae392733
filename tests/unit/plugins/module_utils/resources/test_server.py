# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dokploy_server (resources/server.py) on a fake client: input refused before any request, server.update sent
whole, deletes that would lose something refused, and the setup: only when needed, awaited on the virtual clock."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError, DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._server import Server, ServerInfo
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._params import resource_params

from ansible_collections.dokploy.dokploy.tests.unit.fakes import FakeClient, Seq, converge, fake_context, refused

ROW = {"serverId": "s1", "name": "edge", "description": None, "ipAddress": "203.0.113.7", "port": 22,
       "username": "root", "sshKeyId": "k1", "serverType": "deploy", "enableDockerCleanup": True, "totalSum": 0}
KEY = {"sshKeyId": "k1", "name": "deploy"}
SETUP_DONE = {"deploymentId": "dp1", "title": "Setup Server", "status": "done", "createdAt": "2026-01-01T00:00:00Z"}


@pytest.mark.parametrize("values, message", [
    (dict(name="edge", ip_address="ssh://203.0.113.7"), "must be an IP address or a host name"),
    (dict(name="edge", port=0), "port must be between 1 and 65535"),
    (dict(name="edge", username="root user"), "is not a user name SSH can log in with"),
    (dict(name="edge", setup=True, state="absent"), "setup does not apply to state: absent"),
])
def test_refused_before_any_request(values, message):
    assert message in refused(Server, values)


def test_create_needs_an_address_and_sends_dokploys_defaults():
    client = FakeClient({"server.all": []})
    with pytest.raises(DokployParamError) as error:
        converge(Server, dict(name="edge"), client)
    assert "needs ip_address" in str(error.value)
    client = FakeClient({"server.all": [], "sshKey.allForApps": [KEY], "server.create": ROW})
    converge(Server, dict(name="edge", ip_address="203.0.113.7", ssh_key="deploy"), client)
    assert client.writes() == [("server.create", {"name": "edge", "ipAddress": "203.0.113.7", "port": 22,
                                                  "username": "root", "serverType": "deploy", "description": None,
                                                  "sshKeyId": "k1"})]


def test_no_op_naming_its_key_reads_only_the_server():
    client = FakeClient({"server.all": [ROW], "server.one": dict(ROW, sshKey=KEY, deployments=[])})
    assert not converge(Server, dict(name="edge", ssh_key="deploy", port=22), client)["changed"]
    assert [r[0] for r in client.reads()] == ["server.all", "server.one"]


def test_update_sends_every_field_docker_cleanup_included():
    client = FakeClient({"server.all": [ROW], "server.update": ""})
    converge(Server, dict(name="edge", port=2222), client)
    assert client.writes() == [("server.update", {
        "serverId": "s1", "name": "edge", "description": None, "ipAddress": "203.0.113.7", "port": 2222,
        "username": "root", "sshKeyId": "k1", "serverType": "deploy", "enableDockerCleanup": True})]


def test_delete_refused_while_services_or_certificates_are_on_it():
    client = FakeClient({"server.all": [dict(ROW, totalSum=2)]})
    with pytest.raises(DokployError) as error:
        converge(Server, dict(name="edge", state="absent", force=True), client)
    assert "runs 2 service(s)" in str(error.value)
    client = FakeClient({"server.all": [ROW], "certificates.all": [{"name": "wild", "serverId": "s1"}],
                         "server.remove": True})
    with pytest.raises(DokployError) as error:
        converge(Server, dict(name="edge", state="absent"), client)
    assert "holds 1 certificate(s): 'wild'" in str(error.value)
    assert client.writes() == []
    assert converge(Server, dict(name="edge", state="absent", force=True), client)["changed"]
    assert client.writes() == [("server.remove", {"serverId": "s1"})]


def test_setup_skipped_when_done_once():
    client = FakeClient({"server.all": [ROW], "server.one": dict(ROW, deployments=[SETUP_DONE])})
    result = converge(Server, dict(name="edge", setup=True), client)
    assert not result["changed"] and result["deployment"]["deploymentId"] == "dp1"
    assert client.writes() == []


def test_setup_runs_and_waits_for_its_deployment():
    new = dict(SETUP_DONE, deploymentId="dp2", createdAt="2026-02-01T00:00:00Z")
    client = FakeClient({"server.all": [ROW], "server.one": dict(ROW, deployments=[]), "server.setup": "",
                         "deployment.allByServer": Seq([[], [dict(new, status="running")], [new]])})
    ctx = fake_context(client)
    result = converge(Server, dict(name="edge", setup=True, poll_interval=1), client, ctx=ctx)
    assert result["changed"] and result["deployment"]["deploymentId"] == "dp2"
    assert client.writes() == [("server.setup", {"serverId": "s1"})]
    assert len(ctx.clock.sleeps) == 3


def test_setup_needs_an_ssh_key_and_check_mode_runs_nothing():
    client = FakeClient({"server.all": [dict(ROW, sshKeyId=None)], "server.one": dict(ROW, deployments=[])})
    with pytest.raises(DokployError) as error:
        converge(Server, dict(name="edge", setup=True), client)
    assert "has no SSH key" in str(error.value)
    client = FakeClient({"server.all": [ROW], "server.one": dict(ROW, deployments=[])})
    assert converge(Server, dict(name="edge", setup=True), client, check_mode=True)["changed"]
    assert client.writes() == []


def test_server_info_lists_by_name():
    client = FakeClient({"server.all": [ROW, dict(ROW, serverId="s2", name="build")]})
    result = ServerInfo(fake_context(client), resource_params(ServerInfo, dict(name="build"))).run()
    assert [s["serverId"] for s in result["servers"]] == ["s2"] and not result["changed"]
