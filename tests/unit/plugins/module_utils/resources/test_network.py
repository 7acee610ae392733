# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dokploy_network (resources/network.py) on a fake client: addresses checked before any request, the ipam sent
as Docker takes it, no update (a difference fails, or recreate removes and creates), old servers."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError, DokployNotFoundError
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._network import Network

from ansible_collections.dokploy.dokploy.tests.unit.fakes import FakeClient, Seq, converge, refused

ROW = {"networkId": "n1", "name": "backend", "driver": "bridge", "internal": False, "attachable": False,
       "enableIPv4": True, "enableIPv6": False, "mtu": None, "serverId": None,
       "ipam": {"driver": "default", "config": [{"subnet": "10.20.0.0/16", "gateway": "10.20.0.1"}]}}
IPAM = [{"subnet": "10.20.0.0/16", "gateway": "10.20.0.1"}]


@pytest.mark.parametrize("values, message", [
    (dict(name="backend", mtu=20), "mtu must be between 68 and 65535"),
    (dict(name="backend", enable_ipv4=False), "enable_ipv4: false needs enable_ipv6: true"),
    (dict(name="backend", ipam_config=[{"gateway": "10.0.0.1"}]), "a gateway or an IP range needs a subnet"),
    (dict(name="backend", ipam_config=[{"subnet": "10.0.0.0/33"}]), "is not a network in CIDR notation"),
    (dict(name="backend", ipam_config=[{"subnet": "fd00::/64"}]), "is IPv6, which needs enable_ipv6: true"),
    (dict(name="backend", ipam_config=[{"subnet": "10.1.0.0/16", "gateway": "10.2.0.1"}]), "is not an address inside"),
    (dict(name="backend", ipam_config=[{"subnet": "10.1.0.0/16", "iprange": "10.2.0.0/24"}]), "is not inside subnet"),
])
def test_refused_before_any_request(values, message):
    assert message in refused(Network, values)


def test_create_on_a_server_sends_the_ipam_as_docker_takes_it():
    client = FakeClient({"server.all": [{"serverId": "s1", "name": "edge"}], "network.all": [],
                         "network.create": dict(ROW, serverId="s1")})
    result = converge(Network, dict(name="backend", server="edge", ipam_config=IPAM), client)
    assert client.reads()[-1] == ("network.all", {"serverId": "s1"})
    assert client.writes() == [("network.create", {"name": "backend", "serverId": "s1", "ipam": {
        "driver": "default", "config": [{"subnet": "10.20.0.0/16", "gateway": "10.20.0.1"}]}})]
    assert "ipamConfig" not in result["network"] and result["network"]["networkId"] == "n1"


def test_same_settings_are_no_change():
    client = FakeClient({"network.all": [ROW]})
    assert not converge(Network, dict(name="backend", driver="bridge", ipam_config=IPAM), client)["changed"]
    assert client.writes() == []


def test_different_settings_fail_without_recreate():
    client = FakeClient({"network.all": [ROW]})
    with pytest.raises(DokployError) as error:
        converge(Network, dict(name="backend", internal=True), client)
    assert "differs in internal (False, wanted True)" in str(error.value) and "recreate: true" in str(error.value)
    assert client.writes() == []


def test_recreate_keeps_the_other_settings_and_check_mode_writes_nothing():
    client = FakeClient({"network.all": [ROW], "network.remove": True,
                         "network.create": dict(ROW, networkId="n2", internal=True)})
    assert converge(Network, dict(name="backend", internal=True, recreate=True), client, check_mode=True)["changed"]
    assert client.writes() == []
    result = converge(Network, dict(name="backend", internal=True, recreate=True), client)
    assert [w[0] for w in client.writes()] == ["network.remove", "network.create"]
    created = client.writes()[1][1]
    assert created["internal"] is True and created["ipam"]["config"] == IPAM and created["driver"] == "bridge"
    assert result["network"]["networkId"] == "n2"


def test_absent_on_a_server_that_does_not_exist_is_unchanged():
    client = FakeClient({"server.all": []})
    assert not converge(Network, dict(name="backend", server="gone", state="absent"), client)["changed"]


def test_server_without_the_network_router_names_the_version():
    client = FakeClient({"network.all": Seq([DokployNotFoundError("Not found", status=404)])}, version=(0, 29, 0))
    with pytest.raises(DokployError) as error:
        converge(Network, dict(name="backend"), client)
    assert "v0.29.14" in str(error.value)


def test_a_network_in_use_says_what_to_do():
    """network.remove of a network a swarm service uses: Docker's refusal (real v0.30.2), with the way out."""
    in_use = DokployError("(HTTP code 400) unexpected - rpc error: code = FailedPrecondition desc = network abc is in use "
                          "by service xyz ", status=400, procedure="network.remove")
    client = FakeClient({"network.all": [dict(ROW, name="mesh", driver="overlay")],
                         "network.remove": in_use})
    with pytest.raises(DokployError) as raised:
        converge(Network, dict(name="mesh", state="absent"), client)
    text = str(raised.value)
    assert "network 'mesh' is in use: (HTTP code 400)" in text and "is in use by service xyz. Take it off" in text
    assert "the networks option of dokploy_application" in text
