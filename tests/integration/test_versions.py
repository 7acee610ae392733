# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The smoke of older Dokploy versions: every module once against the oldest supported and a middle version.

test_targets.py runs every target against the simulator answering as v0.30.2. Here the target
``smoke_versions`` (tests/integration/targets/smoke_versions) runs against a simulator answering as
v0.25 (the oldest the collection supports) and v0.28: each module creates (or reads) once and re-applies
unchanged, and where the capability table (plugins/module_utils/tables/_capabilities.py) says the version lacks
what a step needs, the step must fail with "needs Dokploy vX or newer" instead. The whole suite runs
against one older version with ``DOKPLOY_SIM_VERSION=0.25 pytest tests/integration/test_targets.py``;
versions_table.py runs the smoke against every minor version for docs/dokploy-versions.md.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import sys

import pytest

from test_targets import OUTPUT_DIR, collections_path, run_target, tail

SMOKE_TARGET = "smoke_versions"
# the oldest supported minor version and a middle one (v0.30.2 is the whole of test_targets.py)
SMOKE_VERSIONS = ("0.25", "0.28")


def capability_versions():
    """{capability: "0.29.0"} from capabilities.CAPABILITIES, for the target's ``dokploy_capabilities``."""
    if collections_path() not in sys.path:
        sys.path.insert(0, collections_path())
    from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._capabilities import CAPABILITIES  # pylint: disable=import-outside-toplevel
    return dict((name, "%d.%d.%d" % since) for name, (since, dummy) in CAPABILITIES.items())


def run_smoke(sim, label):
    """Run the smoke target against ``sim``; (the process, the rows it reported: module, operation, outcome)."""
    report = os.path.join(OUTPUT_DIR, "smoke_versions-%s.json" % label)
    if os.path.exists(report):
        os.remove(report)
    proc = run_target(SMOKE_TARGET, sim, log_name="%s-%s" % (SMOKE_TARGET, label),
                      extra={"dokploy_capabilities": capability_versions(), "smoke_versions_report": report})
    rows = None
    if os.path.exists(report):
        with open(report) as f:
            rows = json.load(f)
    return proc, rows


@pytest.mark.parametrize("version", SMOKE_VERSIONS)
def test_every_module_once(version, api_key):
    from simulator import Simulator  # pylint: disable=import-outside-toplevel
    with Simulator(api_key=api_key, version=version) as sim:
        proc, rows = run_smoke(sim, version)
    if proc.returncode != 0:
        pytest.fail("the smoke of Dokploy %s failed (rc=%s), its end:\n%s" % (version, proc.returncode, tail(proc.stdout)),
                    pytrace=False)
    assert api_key not in proc.stdout, "the API key (canary) appeared in the output"
    assert rows, "the smoke target wrote no report"
    modules = set(row["module"] for row in rows)
    assert len(modules) >= 33, sorted(modules)
