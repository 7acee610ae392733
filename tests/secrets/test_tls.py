# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""TLS: the simulator serves HTTPS with a certificate made for the test by a CA made for the test.

validate_certs (default true) refuses it with a message that says what to do (ca_path, validate_certs); ca_path
pointing at the CA accepts it; validate_certs false works and warns.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import ipaddress
import json
import os
import ssl
import subprocess
import sys
import time
import urllib.request

import pytest

from harness import run_inventory, run_module
from simulator import Simulator

x509 = pytest.importorskip("cryptography.x509")
from cryptography.hazmat.primitives import hashes, serialization  # noqa: E402 pylint: disable=wrong-import-position
from cryptography.hazmat.primitives.asymmetric import ec  # noqa: E402 pylint: disable=wrong-import-position
from cryptography.x509.oid import NameOID  # noqa: E402 pylint: disable=wrong-import-position

API_KEY = "dkp-canary-tls-" + "t" * 24
RUN_PY = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "simulator", "run.py")


def _certificate(subject, issuer, public_key, signing_key, ca, issuer_key=None):
    now = datetime.datetime.now(datetime.timezone.utc)
    builder = (x509.CertificateBuilder()
               .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
               .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer)]))
               .public_key(public_key)
               .serial_number(x509.random_serial_number())
               .not_valid_before(now - datetime.timedelta(minutes=5))
               .not_valid_after(now + datetime.timedelta(days=1))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
               .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key((issuer_key or signing_key).public_key()),
                              critical=False))
    if ca:
        builder = builder.add_extension(x509.KeyUsage(True, False, False, False, False, True, True, False, False),
                                        critical=True)
    else:
        builder = builder.add_extension(x509.SubjectAlternativeName(
            [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        builder = builder.add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
    return builder.sign(signing_key, hashes.SHA256())


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory):
    """(ca.pem, server.pem, server.key): a CA of the test and a certificate it signed for 127.0.0.1 and localhost."""
    directory = tmp_path_factory.mktemp("tls")
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = _certificate("dokploy.dokploy test CA", "dokploy.dokploy test CA", ca_key.public_key(), ca_key, ca=True)
    server_key = ec.generate_private_key(ec.SECP256R1())
    server = _certificate("127.0.0.1", "dokploy.dokploy test CA", server_key.public_key(), ca_key, ca=False)
    paths = directory / "ca.pem", directory / "server.pem", directory / "server.key"
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(server.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(server_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                  serialization.NoEncryption()))
    return tuple(str(path) for path in paths)


@pytest.fixture(scope="module")
def https_sim(tls_files):
    with Simulator(api_key=API_KEY, tls=tls_files[1:]) as sim:
        yield sim


def connection(sim, **options):
    return dict(options, api_url=sim.url, api_key=sim.api_key)


def test_simulator_serves_https(https_sim):
    assert https_sim.url.startswith("https://127.0.0.1:")


def test_certificate_is_verified_by_default(https_sim):
    https_sim.clear_requests()
    run = run_module("dokploy_project_info", connection(https_sim))
    assert run.failed, run.result
    assert "ca_path" in run.msg and "validate_certs" in run.msg, run.msg
    assert "TLS" in run.msg or "certificate" in run.msg, run.msg
    assert not run.shows_traceback, run.stdout + run.stderr
    assert API_KEY not in run.stdout + run.stderr
    assert https_sim.requests() == []  # the handshake failed: no request reached the API


def test_ca_path_accepts_the_certificate(https_sim, tls_files):
    run = run_module("dokploy_project", connection(https_sim, name="tls-shop", ca_path=tls_files[0]))
    assert not run.failed, run.msg
    assert run.result["project"]["name"] == "tls-shop"
    assert not run.result.get("warnings"), run.result.get("warnings")
    listed = run_module("dokploy_project_info", connection(https_sim, name="tls-shop", ca_path=tls_files[0]))
    assert [p["name"] for p in listed.result["projects"]] == ["tls-shop"], listed.result


@pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")
def test_validate_certs_false_works_and_warns(https_sim):
    run = run_module("dokploy_project_info", connection(https_sim, validate_certs=False))
    assert not run.failed, run.msg
    warnings = json.dumps(run.result.get("warnings") or [])  # ansible-core 2.19 returns them as structured events
    assert "validate_certs is false: the TLS certificate of %s is not checked" % https_sim.url in warnings, warnings
    assert API_KEY not in run.stdout + run.stderr


def test_ca_path_of_another_ca_is_refused(https_sim, tls_files):
    """The server's own certificate as CA bundle is no CA: still refused, with the same advice."""
    run = run_module("dokploy_project_info", connection(https_sim, ca_path=tls_files[1]))
    assert run.failed and "ca_path" in run.msg, run.result
    assert not run.shows_traceback


def test_run_py_serves_https(tls_files, tmp_path):
    """run.py --tls-cert/--tls-key: the ready file has the https URL, which answers with the CA of the test."""
    ready = tmp_path / "url"
    process = subprocess.Popen([sys.executable, RUN_PY, "--port", "0", "--ready-file", str(ready),
                                "--tls-cert", tls_files[1], "--tls-key", tls_files[2]],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 30
        while not ready.exists() and time.time() < deadline and process.poll() is None:
            time.sleep(0.05)
        url = ready.read_text()
        assert url.startswith("https://127.0.0.1:")
        context = ssl.create_default_context(cafile=tls_files[0])
        with urllib.request.urlopen(url + "/api/health", context=context, timeout=10) as answer:
            assert answer.status == 200
    finally:
        process.terminate()
        process.wait(10)


def test_inventory_plugin_over_https(https_sim, tls_files, tmp_path):
    """The inventory plugin: refused without the CA (naming ca_path), listed with ca_path."""
    refused = run_inventory(https_sim, tmp_path, "")
    assert refused.returncode != 0 and "ca_path" in refused.stderr, refused.stderr
    assert API_KEY not in refused.stdout + refused.stderr
    listed = run_inventory(https_sim, tmp_path, "ca_path: %s\n" % tls_files[0])
    assert listed.returncode == 0, listed.stderr
    assert "_meta" in json.loads(listed.stdout)
