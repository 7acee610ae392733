# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dokploy_settings' web server settings on the simulator answering as v0.25.11, which keeps them on the owner's user
row (user.get reads them; assignDomainServer, updateDockerCleanup and user.update write them) instead of the
webServerSettings row of v0.26.3 (resources/_settings.py says what was read in Dokploy's source)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# pylint reads run(..., **dict(params, option=...)) (one option overridden) as the option given twice
# pylint: disable=repeated-keyword

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployClient, DokployError
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployUnsupportedError
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._settings import Settings, SettingsInfo
from ansible_collections.dokploy.dokploy.tests.unit.plugins.module_utils.resources.test_admin import KEY, run, sim_key_for
from simulator import Simulator
from simulator.identity import new_member, new_user
from simulator.state import table

WEB = dict(server_ip="203.0.113.7", host="Panel.example.com", https=True, certificate_type="letsencrypt",
           letsencrypt_email="ops@example.com", docker_cleanup=True, cron_expression="0 3 * * *")


@pytest.fixture
def sim():
    with Simulator(api_key=KEY, version="0.25") as simulator:
        yield simulator


def calls(sim, method=None):
    return [(r["path"].rsplit("/", 1)[-1], r["body"]) if r["method"] == "POST" else r["path"].rsplit("/", 1)[-1]
            for r in sim.requests() if method in (None, r["method"])]


def test_web_server_settings_converge_on_v025(sim):
    check = run(sim, Settings, check_mode=True, **WEB)
    assert check["changed"] and check["settings"]["serverIp"] == "203.0.113.7" and calls(sim, "POST") == []
    sim.clear_requests()
    applied = run(sim, Settings, **WEB)
    assert applied["changed"] and applied["diff"]["after"]["serverIp"] == "203.0.113.7"
    assert applied["diff"]["before"]["serverIp"] is None and applied["diff"]["before"]["enableDockerCleanup"] is False
    assert calls(sim, "POST") == [
        ("user.update", {"serverIp": "203.0.113.7"}),
        ("settings.assignDomainServer", {"host": "Panel.example.com", "certificateType": "letsencrypt", "https": True,
                                         "letsEncryptEmail": "ops@example.com"}),
        ("settings.updateDockerCleanup", {"enableDockerCleanup": True}),
        ("settings.updateLogCleanup", {"cronExpression": "0 3 * * *"})]
    # the getWebServerSettings v0.25 lacks (404), the version, the owner's row, the log cleanup's cron
    assert calls(sim, "GET")[:4] == ["settings.getWebServerSettings", "settings.getDokployVersion", "user.get",
                                     "settings.getLogCleanupStatus"]
    owner = DokployClient(sim.url, KEY).get("user.get")["user"]
    assert (owner["serverIp"], owner["host"], owner["https"], owner["enableDockerCleanup"]) == \
        ("203.0.113.7", "Panel.example.com", True, True)
    sim.clear_requests()
    again = run(sim, Settings, **dict(WEB, host="panel.example.com"))
    assert not again["changed"] and calls(sim, "POST") == []
    info = run(sim, SettingsInfo)["settings"]
    assert info["serverIp"] == "203.0.113.7" and info["letsEncryptEmail"] == "ops@example.com"
    assert info["logCleanupCron"] == "0 3 * * *" and "sshPrivateKey" not in info
    off = run(sim, Settings, docker_cleanup=False, cron_expression="")
    assert off["diff"] == {"before": {"enableDockerCleanup": True, "logCleanupCron": "0 3 * * *"},
                           "after": {"enableDockerCleanup": False, "logCleanupCron": ""}}


def test_newer_settings_still_refused_on_v025(sim):
    for option, value, needed in (("builds_concurrency", 2, "v0.29.9"), ("remote_servers_only", True, "v0.29.6")):
        sim.clear_requests()
        with pytest.raises(DokployUnsupportedError) as refused:
            run(sim, Settings, **dict(WEB, **{option: value}))
        assert "dokploy_settings %s needs Dokploy %s or newer" % (option, needed) in refused.value.message
        assert "runs v0.25.11" in refused.value.message and calls(sim, "POST") == []


def test_web_server_settings_need_the_owner_on_v025(sim):
    """v0.25.11 writes them to the caller's own user row but uses the owner's: an admin's key is refused, in check mode
    too, before any write; the Traefik settings do not depend on it."""
    with sim.lock:   # an admin as Dokploy v0.25 would have one (its members are invited through better-auth)
        admin = new_user(sim.state, "deputy@example.com")
        new_member(sim.state, sim.state["_meta"]["organizationId"], admin["id"], "admin")
        table(sim.state, "apikey")
    key = sim_key_for(sim, admin["id"])
    for check_mode in (True, False):
        sim.clear_requests()
        with pytest.raises(DokployError) as refused:
            run(sim, Settings, key=key, server_ip="203.0.113.9", check_mode=check_mode)
        assert "use the owner's API key" in refused.value.message and "deputy@example.com is an admin" in refused.value.message
        assert calls(sim, "POST") == []
    assert run(sim, Settings, key=key, traefik_dashboard=True)["changed"]
