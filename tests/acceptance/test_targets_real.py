# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every integration target (tests/integration/targets) run against the real Dokploy v0.30.2 too.

The same driver as the simulator's (test_targets.run_target), with the server reset before each target
(under a second) and these extra variables: ``dokploy_server_kind: real`` (``simulator`` under
test_targets.py and ansible-test), ``dokploy_sim_version`` the real server's version. The targets talk to
the server through a RequestLogProxy, which answers the simulator's request log, so setup_simulator's
clear_requests / get_requests / assert_no_writes prove on the real server what they prove on the simulator
(check mode and re-runs send no write). The simulator's other own routes (faults, state, version, deploy,
users) have no twin: a task using them runs under ``when: dokploy_server_kind == 'simulator'``. A target
that cannot run on a real server at all has a line ``simulator_only  # why`` in its aliases: skipped here
with that reason.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import subprocess
import time

import pytest

import dokploy_real
from differential import RequestLogProxy
from test_targets import OUTPUT_DIR, REPO_ROOT, TARGETS, TARGETS_DIR, run_target, tail

TIMES = {}
EXTRA = {
    "dokploy_server_kind": "real",
    # the name of the key the play runs with (dokploy_real.Version.ensure_owner_and_key; the simulator's: simulator)
    "dokploy_api_key_name": "dokploy-real",
    # the owner it signed up (dokploy_admin signs in as it)
    "dokploy_owner_email": dokploy_real.OWNER["email"],
    "dokploy_owner_password": dokploy_real.OWNER["password"],
}


def simulator_only(target):
    """The reason given on a ``simulator_only`` line of the target's aliases, or None."""
    aliases = os.path.join(TARGETS_DIR, target, "aliases")
    if not os.path.isfile(aliases):
        return None
    with open(aliases) as f:
        for line in f:
            word, dummy, why = line.partition("#")
            if word.strip() == "simulator_only":
                return why.strip() or "no reason given"
    return None


def commit_count():
    """The number of commits of HEAD (0 outside a git work tree): it picks the slice of a default run."""
    try:
        out = subprocess.run(["git", "rev-list", "--count", "HEAD"], cwd=REPO_ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, universal_newlines=True, check=True).stdout
        return int(out.strip())
    except (OSError, ValueError, subprocess.CalledProcessError):
        return 0


def selection(setting=None):
    """Which targets run on the real server, from $DOKPLOY_REAL_TARGETS: (slice, slices), or None for none.

    ``all``: every target (about 20 minutes on two idle cores, 43 on loaded ones). ``0``: none. ``K/N``: every
    N-th target from the K-th. Unset: one third, rotating with the commit (``(commits % 3)/3``), so that the test
    command stays within its 45 minutes and three successive commits run every target on the real server; every
    target runs on the simulator on every commit.
    """
    setting = (os.environ.get("DOKPLOY_REAL_TARGETS", "") if setting is None else setting).strip()
    if setting == "0":
        return None
    if setting == "all":
        return (0, 1)
    if setting:
        slice_, dummy, slices = setting.partition("/")
        if not (slice_.isdigit() and slices.isdigit() and int(slice_) < int(slices)):
            raise ValueError("DOKPLOY_REAL_TARGETS=%r: give all, 0, or K/N (0 <= K < N)" % setting)
        return (int(slice_), int(slices))
    return (commit_count() % DEFAULT_SLICES, DEFAULT_SLICES)


DEFAULT_SLICES = 3


def real_targets():
    chosen = selection()
    runnable = [param.values[0] for param in TARGETS if not simulator_only(param.values[0])]
    params = []
    for param in TARGETS:
        target = param.values[0]
        marks = list(param.marks)
        why = simulator_only(target)
        if why:
            marks.append(pytest.mark.skip(reason="simulator only: %s" % why))
        elif chosen is None:
            marks.append(pytest.mark.skip(reason="DOKPLOY_REAL_TARGETS=0: the integration targets are not run on the "
                                                 "real server; unset it to run them"))
        elif runnable.index(target) % chosen[1] != chosen[0]:
            # said in the summary, never silent
            marks.append(pytest.mark.skip(reason="not in this run's slice %d/%d of the real-server targets (it runs on "
                                                 "the simulator); DOKPLOY_REAL_TARGETS=all runs every one" % chosen))
        params.append(pytest.param(target, id=target, marks=marks))
    return params


class Behind:
    """The server as run_target reads it (url, api_key, profile), reached through the proxy."""

    def __init__(self, server, proxy):
        self.url = proxy.url
        self.api_key = server.api_key
        self.profile = server.profile


@pytest.fixture(scope="module", autouse=True)
def timings():
    """Each target's seconds (reset and playbook, no lock wait) into tests/output/integration/targets-real-times.txt."""
    yield TIMES
    if TIMES:
        with open(os.path.join(OUTPUT_DIR, "targets-real-times.txt"), "w") as f:
            for target, seconds in sorted(TIMES.items(), key=lambda item: -item[1]):
                f.write("%7.1f  %s\n" % (seconds, target))
            f.write("%7.1f  total (%d targets)\n" % (sum(TIMES.values()), len(TIMES)))


@pytest.mark.parametrize("target", real_targets())
def test_target_real(target, real):
    start = time.time()
    real.reset()
    with RequestLogProxy(real.url, real.api_key) as proxy:
        # dokploy_origin: the server's own URL, which better-auth trusts as the Origin of a sign-in (the play's URL is
        # the proxy's)
        proc = run_target(target, Behind(real, proxy), extra=dict(EXTRA, dokploy_origin=real.url),
                          log_name="real-%s" % target)
    TIMES[target] = time.time() - start
    with open(os.path.join(OUTPUT_DIR, "targets-real-times.log"), "a") as f:  # every run's, for measuring
        f.write("%s %.1f %s\n" % (time.strftime("%Y-%m-%dT%H:%M:%S"), TIMES[target], target))
    output = proc.stdout
    log = os.path.relpath(os.path.join(OUTPUT_DIR, "logs", "real-%s.log" % target), REPO_ROOT)
    assert real.api_key not in output, "the API key appeared in the output of target %s (%s)" % (target, log)
    if proc.returncode != 0:
        pytest.fail("target %s failed on the real Dokploy v%s (rc=%s); whole output in %s, its end:\n%s" % (
            target, real.version, proc.returncode, log, tail(output)), pytrace=False)
    assert "PLAY RECAP" in output, output
