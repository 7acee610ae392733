# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Overlay networks and the endpoint mode of applications and databases (resources/_service.py swarm_wanted): names
of dokploy_network rows resolved once, compared as a set, a missing or bridge network refused before any write, an
older server refused before any request for the networks, and an endpoint mode that would unpublish ports refused."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployParamError, DokployUnsupportedError
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._lookup import DokployMissingError
from ansible_collections.dokploy.dokploy.tests.unit.fakes import FakeClient
from ansible_collections.dokploy.dokploy.tests.unit.plugins.modules.test_dokploy_application import APP, PROJECT, run_app

NETWORKS = [{"networkId": "N1" * 5, "name": "backend", "driver": "overlay", "serverId": None},
            {"networkId": "N2" * 5, "name": "frontend", "driver": "overlay", "serverId": None},
            {"networkId": "N3" * 5, "name": "local", "driver": "bridge", "serverId": None}]
ATTACHED = dict(APP, networkIds=["N2" * 5, "N1" * 5], detachDokployNetwork=True, networkSwarm=None,
                endpointSpecSwarm=None, ports=[])


def fake(row, version=(0, 30, 2)):
    return FakeClient({"project.all": [PROJECT], "application.one": copy.deepcopy(row), "application.update": True,
                       "network.all": NETWORKS}, version=version)


def test_networks_by_name_in_another_order_are_no_change():
    client = fake(ATTACHED)
    result, ctx = run_app(client, networks=["backend", "frontend", "N1" * 5], detach_dokploy_network=True)
    assert not result["changed"] and client.writes() == []
    assert [p for p, body in client.reads()] == ["project.all", "application.one", "network.all"]


def test_a_changed_set_is_one_update_with_the_ids():
    client = fake(ATTACHED)
    result, ctx = run_app(client, networks=["backend"], detach_dokploy_network=False)
    assert result["changed"]
    assert client.writes() == [("application.update", {"applicationId": APP["applicationId"], "networkIds": ["N1" * 5],
                                                       "detachDokployNetwork": False})]


def test_the_raw_network_column_is_cleared_since_it_wins_over_the_ids():
    client = fake(dict(ATTACHED, networkSwarm=[{"Target": "other"}]))
    result, ctx = run_app(client, networks=["frontend", "backend"])
    assert client.writes() == [("application.update", {"applicationId": APP["applicationId"], "networkSwarm": None})]


@pytest.mark.parametrize("name, error, message", [
    ("missing", DokployMissingError, "No network is named 'missing' on the Dokploy host (or has that ID); existing: "
                                     "backend, frontend, local"),
    ("local", DokployParamError, "network 'local' on the Dokploy host is a bridge network"),
])
def test_a_missing_or_bridge_network_is_refused_before_any_write(name, error, message):
    client = fake(ATTACHED)
    with pytest.raises(error) as raised:
        run_app(client, networks=[name])
    assert message in str(raised.value) and client.writes() == []


def test_networks_on_an_older_server_are_refused_before_the_network_lookup():
    row = dict(APP)   # a v0.29 row has no networkIds
    client = fake(row, version=(0, 29, 13))
    with pytest.raises(DokployUnsupportedError) as raised:
        run_app(client, networks=["backend"])
    assert "v0.29.14" in str(raised.value)
    assert "network.all" not in [p for p, body in client.reads()] and client.writes() == []


def test_dnsrr_on_an_application_that_publishes_ports_is_refused():
    client = fake(dict(ATTACHED, ports=[{"publishedPort": 8080, "targetPort": 80, "protocol": "tcp"}]))
    with pytest.raises(DokployParamError) as raised:
        run_app(client, endpoint_mode="dnsrr")
    assert "publishes 8080->80/tcp (dokploy_port)" in str(raised.value) and client.writes() == []


def test_endpoint_modes_of_an_application():
    client = fake(ATTACHED)
    run_app(client, endpoint_mode="dnsrr")
    assert client.writes() == [("application.update", {"applicationId": APP["applicationId"],
                                                       "endpointSpecSwarm": {"Mode": "dnsrr"}})]
    client = fake(dict(ATTACHED, endpointSpecSwarm={"Mode": "dnsrr"}))
    run_app(client, endpoint_mode="vip")   # vip is Dokploy's default for an application: no column
    assert client.writes() == [("application.update", {"applicationId": APP["applicationId"], "endpointSpecSwarm": None})]


def test_dokploy_network_itself_is_not_a_network_option():
    from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._swarm import check_swarm
    with pytest.raises(DokployParamError) as raised:
        check_swarm({"networks": ["dokploy-network"]})
    assert "detach_dokploy_network" in str(raised.value)


def test_a_new_port_on_an_application_with_an_endpoint_spec_is_refused():
    """The other side of the endpoint_mode refusal: a port Dokploy would store and never publish."""
    from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._port import Port
    from ansible_collections.dokploy.dokploy.tests.unit.plugins.modules.test_dokploy_application import run
    client = fake(dict(ATTACHED, endpointSpecSwarm={"Mode": "dnsrr"}))
    with pytest.raises(DokployParamError) as raised:
        run(Port, client, dict(project="shop", application="web", published_port=8080, target_port=80))
    assert "endpoint mode dnsrr" in str(raised.value) and "set endpoint_mode: vip" in str(raised.value)
    assert client.writes() == []


def test_vip_on_a_database_with_a_stored_external_port_is_refused():
    """A database's default is dnsrr with its external port published in host mode (databases/<type>.ts): vip is an
    endpoint spec, in whose place Dokploy would publish nothing."""
    from ansible_collections.dokploy.dokploy.tests.unit.plugins.modules.test_dokploy_database import (
        CREDENTIALS, FakeClient as DatabaseClient, run_db)
    client = DatabaseClient()
    run_db(client, type="redis", external_port=15000, **CREDENTIALS["redis"])
    client.calls = []
    with pytest.raises(DokployParamError) as raised:
        run_db(client, type="redis", endpoint_mode="vip", **CREDENTIALS["redis"])
    assert "publishes external_port 15000" in str(raised.value) and client.writes() == []
    assert not run_db(client, type="redis", endpoint_mode="dnsrr", **CREDENTIALS["redis"])["changed"]   # the default
    run_db(client, type="redis", external_port=0, endpoint_mode="vip", **CREDENTIALS["redis"])
    assert {"redisId": "redis-1", "endpointSpecSwarm": {"Mode": "vip"}} in [w[2] for w in client.writes()]
