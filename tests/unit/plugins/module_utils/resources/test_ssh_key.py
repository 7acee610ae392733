# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dokploy_ssh_key (resources/ssh_key.py) on a fake client: keys checked before any request, found again after a
create that answers nothing, a pair that differs is refused, the private key never returned."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError, DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._ssh_key import SshKey

from ansible_collections.dokploy.dokploy.tests.unit.fakes import FakeClient, Seq, converge, refused

PRIVATE = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU=\n-----END OPENSSH PRIVATE KEY-----\n"
PUBLIC = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl deploy"
OTHER_PUBLIC = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBBBBnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl other"
ROW = {"sshKeyId": "k1", "name": "deploy", "description": None, "privateKey": PRIVATE, "publicKey": PUBLIC}


@pytest.mark.parametrize("values, message", [
    (dict(name="deploy", private_key="not a key", public_key=PUBLIC), "private_key is not a private key"),
    (dict(name="deploy", private_key=PRIVATE, public_key="ssh-dss AAAA"), "public_key is not a public key"),
    (dict(name="deploy", private_key=PRIVATE), "public_key"),                    # required together
    (dict(name="deploy", generate=True, public_key=PUBLIC), "mutually exclusive"),
])
def test_refused_before_any_request(values, message):
    assert message in refused(SshKey, values)


def test_create_answers_nothing_and_the_key_is_found_again_without_its_private_half():
    client = FakeClient({"sshKey.all": Seq([[], [ROW]]), "sshKey.create": ""})
    result = converge(SshKey, dict(name="deploy", private_key=PRIVATE + "\n\n", public_key=" " + PUBLIC), client)
    assert result["changed"] and result["ssh_key"]["sshKeyId"] == "k1"
    assert "privateKey" not in result["ssh_key"] and "OPENSSH" not in repr(result)
    assert client.writes() == [("sshKey.create", {"name": "deploy", "privateKey": PRIVATE, "publicKey": PUBLIC,
                                                  "organizationId": ""})]


def test_generate_asks_dokploy_for_a_pair_and_check_mode_does_not():
    client = FakeClient({"sshKey.all": []})
    assert converge(SshKey, dict(name="deploy", generate=True), client, check_mode=True)["changed"]
    assert client.writes() == []
    client = FakeClient({"sshKey.all": Seq([[], [ROW]]), "sshKey.create": "",
                         "sshKey.generate": {"privateKey": PRIVATE, "publicKey": PUBLIC}})
    converge(SshKey, dict(name="deploy", generate=True, key_type="rsa"), client)
    assert [w[0] for w in client.writes()] == ["sshKey.generate", "sshKey.create"]
    assert client.writes()[0][1] == {"type": "rsa"}


def test_create_without_a_pair_is_refused():
    client = FakeClient({"sshKey.all": []})
    with pytest.raises(DokployParamError) as error:
        converge(SshKey, dict(name="deploy"), client)
    assert "needs private_key and public_key, or generate: true" in str(error.value)


def test_same_pair_is_no_change_and_description_updates_alone():
    client = FakeClient({"sshKey.all": [ROW], "sshKey.update": ""})
    assert not converge(SshKey, dict(name="deploy", private_key=PRIVATE.strip(), public_key=PUBLIC), client)["changed"]
    assert converge(SshKey, dict(name="deploy", description="CI"), client)["changed"]
    assert client.writes() == [("sshKey.update", {"sshKeyId": "k1", "description": "CI"})]


def test_a_different_pair_is_refused_not_replaced():
    client = FakeClient({"sshKey.all": [ROW]})
    with pytest.raises(DokployError) as error:
        converge(SshKey, dict(name="deploy", private_key=PRIVATE, public_key=OTHER_PUBLIC), client)
    assert "public key of SSH key 'deploy' differs" in str(error.value)
    assert client.writes() == []


def test_delete_refused_while_servers_use_it_unless_force():
    server = {"serverId": "s1", "name": "edge", "sshKeyId": "k1"}
    client = FakeClient({"sshKey.all": [ROW], "server.all": [server], "sshKey.remove": True})
    with pytest.raises(DokployError) as error:
        converge(SshKey, dict(name="deploy", state="absent"), client)
    assert "used by 1 server(s): 'edge' (s1)" in str(error.value)
    assert client.writes() == []
    assert converge(SshKey, dict(name="deploy", state="absent", force=True), client)["changed"]
    assert client.writes() == [("sshKey.remove", {"sshKeyId": "k1"})]
