# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dokploy_certificate (resources/certificate.py) on a fake client: PEM checked before any request, certificates
compared by fingerprint and keys by their lines, a certificate never moved between servers, the key masked."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError, DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._certificate import Certificate, fingerprints

from ansible_collections.dokploy.dokploy.tests.unit.fakes import FakeClient, converge, refused


def pem(der, label="CERTIFICATE"):
    return "-----BEGIN %s-----\n%s\n-----END %s-----\n" % (label, base64.b64encode(der).decode(), label)


CERT = pem(b"\x30\x03\x02\x01\x01")       # a DER SEQUENCE: what the fingerprint needs
OTHER_CERT = pem(b"\x30\x03\x02\x01\x02")
KEY = pem(b"private-key-bytes", "PRIVATE KEY")
ROW = {"certificateId": "c1", "name": "wild", "certificateData": CERT, "privateKey": KEY, "serverId": None,
       "autoRenew": False}


@pytest.mark.parametrize("values, message", [
    (dict(name="wild", certificate="hello", private_key=KEY), "certificate is not PEM"),
    (dict(name="wild", certificate=CERT + "junk", private_key=KEY), "certificate is not PEM"),
    (dict(name="wild", certificate=pem(b"\x01\x02"), private_key=KEY), "certificate is not PEM"),
    (dict(name="wild", certificate=CERT, private_key="secret"), "private_key is not an unencrypted PEM"),
    (dict(name="wild", certificate=CERT, private_key=pem(b"x", "ENCRYPTED PRIVATE KEY")), "private_key is not"),
])
def test_refused_before_any_request(values, message):
    assert message in refused(Certificate, values)


def test_create_needs_both_and_sends_the_server():
    client = FakeClient({"certificates.all": []})
    with pytest.raises(DokployParamError) as error:
        converge(Certificate, dict(name="wild", certificate=CERT), client)
    assert "needs private_key" in str(error.value)
    client = FakeClient({"certificates.all": [], "server.all": [{"serverId": "s1", "name": "edge"}],
                         "certificates.create": dict(ROW, serverId="s1")})
    result = converge(Certificate, dict(name="wild", certificate=CERT, private_key=KEY, server="edge"), client)
    assert client.writes() == [("certificates.create", {"name": "wild", "certificateData": CERT, "privateKey": KEY,
                                                        "organizationId": "", "serverId": "s1"})]
    assert result["certificate"]["fingerprints"] == fingerprints(CERT)
    assert "private-key" not in repr(result) and base64.b64encode(b"private-key-bytes").decode() not in repr(result)


def test_reformatted_pem_is_no_change():
    client = FakeClient({"certificates.all": [ROW]})
    spaced = "\n\n" + CERT.replace("\n", "\n  ") + "\n"
    assert not converge(Certificate, dict(name="wild", certificate=spaced, private_key="  " + KEY), client)["changed"]
    assert client.writes() == []


def test_new_certificate_updates_and_the_diff_shows_fingerprints():
    client = FakeClient({"certificates.all": [ROW], "certificates.update": ""})
    result = converge(Certificate, dict(name="wild", certificate=OTHER_CERT), client, diff=True)
    assert client.writes() == [("certificates.update", {"certificateId": "c1", "certificateData": OTHER_CERT})]
    assert result["diff"] == {"before": {"certificateData": fingerprints(CERT)},
                              "after": {"certificateData": fingerprints(OTHER_CERT)}}


def test_change_on_a_server_without_certificates_update_names_the_version():
    client = FakeClient({"certificates.all": [ROW]}, version=(0, 28, 0))
    with pytest.raises(DokployError) as error:
        converge(Certificate, dict(name="wild", certificate=OTHER_CERT), client)
    assert "v0.29.0" in str(error.value)
    assert client.writes() == []


def test_another_server_is_refused():
    client = FakeClient({"certificates.all": [ROW], "server.all": [{"serverId": "s1", "name": "edge"}]})
    with pytest.raises(DokployError) as error:
        converge(Certificate, dict(name="wild", server="edge"), client)
    assert "is on the Dokploy host; Dokploy cannot move a certificate" in str(error.value)


def test_delete():
    client = FakeClient({"certificates.all": [ROW], "certificates.remove": True})
    assert converge(Certificate, dict(name="wild", state="absent"), client)["changed"]
    assert client.writes() == [("certificates.remove", {"certificateId": "c1"})]
