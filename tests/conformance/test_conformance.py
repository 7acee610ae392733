# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Replays the recorded Dokploy v0.30.2 exchanges (the core and the resources corpus, each in a fresh simulator)
against the simulator.

Writes tests/output/conformance.json. Fails when a seq listed in expected.json no longer reproduces.
Run with CONFORMANCE_UPDATE=1 to add to expected.json every seq that reproduces now (a seq already listed stays
listed: a regression must fail, not vanish from the list).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from replay import CORPORA, TESTS_DIR, format_report, replay  # noqa: E402  pylint: disable=wrong-import-position

EXPECTED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "expected.json")
OUTPUT = os.path.join(TESTS_DIR, "output", "conformance.json")


@pytest.fixture(scope="module")
def report():
    result = replay()
    print(format_report(result))
    os.makedirs(os.path.dirname(OUTPUT), exist_ok=True)
    with open(OUTPUT, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1)
    if os.environ.get("CONFORMANCE_UPDATE"):
        with open(EXPECTED, "r", encoding="utf-8") as f:
            seqs = set(json.load(f)["must_reproduce"])
        seqs = sorted(seqs.union(r["seq"] for r in result["results"] if r["reproduced"]))
        with open(EXPECTED, "w", encoding="utf-8") as f:
            json.dump({"must_reproduce": seqs}, f)
            f.write("\n")
    return result


def test_no_regression(report):
    with open(EXPECTED, "r", encoding="utf-8") as f:
        expected = set(json.load(f)["must_reproduce"])
    by_seq = {r["seq"]: r for r in report["results"]}
    regressions = ["seq %d %s: %s" % (s, by_seq[s]["endpoint"], by_seq[s]["reason"]) if s in by_seq else "seq %d: not replayed" % s
                   for s in sorted(expected) if s not in by_seq or not by_seq[s]["reproduced"]]
    assert not regressions, "previously reproducing exchanges regressed:\n" + "\n".join(regressions)


def test_transport_project_environment_settings_reproduce(report):
    core = ("transport", "project.", "environment.", "settings.")
    failing = [r for r in report["results"] if r["endpoint"].startswith(core) and not r["reproduced"]]
    assert not failing, failing


def test_both_corpora_replayed(report):
    assert sorted(report["corpora"]) == sorted(name for name, dummy in CORPORA)
    for name, tally in report["corpora"].items():
        assert tally["total"]["recorded"] > 0, name


def test_service_children_reproduce(report):
    """Every recorded exchange of the routers of what hangs off a service reproduces (resources corpus)."""
    children = ("mounts.", "port.", "redirects.", "security.", "destination.", "backup.", "volumeBackups.")
    failing = [r for r in report["results"] if r["corpus"] == "resources" and r["endpoint"].startswith(children)
               and not r["reproduced"]]
    assert not failing, failing
