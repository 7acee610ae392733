# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The harness's own faults give clear errors (scripts/dokploy-real): no source tarball, a version it does not
support, a port in use, a build step that fails (which step, where its log is). No server is started here."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import socket

import pytest

import dokploy_real


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setattr(dokploy_real, "CACHE", str(tmp_path / "cache"))
    return tmp_path


def test_unsupported_version(cache):
    with pytest.raises(dokploy_real.HarnessError, match=r"'0\.24\.0' is not supported by this harness; "
                                                        r"supported: 0\.25\.11, 0\.30\.2"):
        dokploy_real.Version("0.24.0")


def test_no_source_tarball(cache):
    with pytest.raises(dokploy_real.HarnessError) as err:
        dokploy_real.Version("0.30.2", src=str(cache / "nowhere")).tarball()
    assert "no Dokploy source tarball for v0.30.2" in str(err.value)
    assert "--src PATH" in str(err.value) and "DOKPLOY_REAL_SRC" in str(err.value)


def test_port_in_use(cache):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        handle = dokploy_real.Version("0.30.2", port=port)
        with pytest.raises(dokploy_real.HarnessError, match=r"port %d is in use by another process; free it or "
                                                            r"choose another port with --port N" % port):
            handle.start_server()


def test_a_tarball_without_dokploy_fails_the_unpack_step(cache):
    bogus = cache / "dokploy-v0.30.2.tar.gz"
    bogus.write_bytes(b"not a tarball")
    with pytest.raises(dokploy_real.HarnessError, match="build step 'unpack' failed: .* is not a readable tarball"):
        dokploy_real.Version("0.30.2", src=str(cache)).build()


def test_a_failing_build_step_names_the_step_and_its_log(cache):
    log = cache / "step.log"
    with pytest.raises(dokploy_real.HarnessError) as err:
        dokploy_real.run(["sh", "-c", "echo compiling; echo 'gyp ERR! build error' >&2; exit 7"], log_path=str(log),
                         step="build step 'native modules'")
    message = str(err.value)
    assert message.startswith("build step 'native modules' failed (exit code 7)")
    assert "its log: %s" % log in message and "gyp ERR! build error" in message
