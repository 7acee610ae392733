# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Differential run: the simulator against the real server on the collection's own sequence of calls.

One playbook (SEQUENCE: most modules, create / re-apply / update / read / error / delete) runs against the
simulator and against the real Dokploy, each behind a recording proxy (differential.py); every call is
compared (status and shape of the answer). v0.30.2 runs against the simulator's default; v0.25.11 against
``--version 0.25``. A difference not in KNOWN fails the test naming the call; the whole report is written to
tests/output/acceptance/differential-<version>.json.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import re

from conftest import OUTPUT_DIR, REGISTRY, play
from differential import RecordingProxy, compare
from simulator import Simulator

PROJECT = "diff"

SEQUENCE = [
    {"name": "project", "dokploy.dokploy.dokploy_project": {"name": PROJECT, "description": "differential"}},
    {"name": "environment", "dokploy.dokploy.dokploy_environment": {"project": PROJECT, "name": "staging"}},
    {"name": "project env", "dokploy.dokploy.dokploy_env": {"project": PROJECT, "env": {"TZ": "UTC"}}},
    {"name": "application", "dokploy.dokploy.dokploy_application": {
        "project": PROJECT, "name": "web", "docker_image": "%s/dokploy-test/envhttp:v1" % REGISTRY, "replicas": 1,
        "env": {"A": "1"}, "memory_limit": "64M"}},
    {"name": "application again", "dokploy.dokploy.dokploy_application": {
        "project": PROJECT, "name": "web", "docker_image": "%s/dokploy-test/envhttp:v1" % REGISTRY, "replicas": 1,
        "env": {"A": "1"}, "memory_limit": "64M"}},
    {"name": "domain", "dokploy.dokploy.dokploy_domain": {
        "project": PROJECT, "application": "web", "host": "web.diff.test", "port": 80}},
    {"name": "mount", "dokploy.dokploy.dokploy_mount": {
        "project": PROJECT, "application": "web", "type": "volume", "volume_name": "diff-data", "mount_path": "/data"}},
    {"name": "port", "dokploy.dokploy.dokploy_port": {
        "project": PROJECT, "application": "web", "published_port": 18090, "target_port": 80}},
    {"name": "redirect", "dokploy.dokploy.dokploy_redirect": {
        "project": PROJECT, "application": "web", "regex": "^/old/(.*)", "replacement": "/new/${1}"}},
    {"name": "basic auth", "dokploy.dokploy.dokploy_basic_auth": {
        "project": PROJECT, "application": "web", "username": "u1", "password": "diff-pw-1"}},
    {"name": "application update", "dokploy.dokploy.dokploy_application": {
        "project": PROJECT, "name": "web", "replicas": 2, "description": "updated"}},
    {"name": "postgres", "dokploy.dokploy.dokploy_database": {
        "project": PROJECT, "name": "pg", "type": "postgres", "docker_image": "postgres:17", "database_name": "d",
        "database_user": "u", "database_password": "diff-pg-pw-1"}},
    {"name": "mysql missing", "dokploy.dokploy.dokploy_database": {
        "database_id": "missing-mysql-id-0000", "type": "mysql", "name": "x", "description": "y"},
     "ignore_errors": True},
    {"name": "compose", "dokploy.dokploy.dokploy_compose": {
        "project": PROJECT, "environment": "staging", "name": "stackd", "compose_type": "stack",
        "compose_file": "services:\n  web:\n    image: %s/dokploy-test/envhttp:v1\n" % REGISTRY}},
    {"name": "application info", "dokploy.dokploy.dokploy_application_info": {"project": PROJECT, "name": "web"}},
    {"name": "project info", "dokploy.dokploy.dokploy_project_info": {"name": PROJECT}},
    {"name": "database info", "dokploy.dokploy.dokploy_database_info": {"project": PROJECT}},
    {"name": "deployments", "dokploy.dokploy.dokploy_deployment_info": {"project": PROJECT, "application": "web"}},
    {"name": "delete domain", "dokploy.dokploy.dokploy_domain": {
        "project": PROJECT, "application": "web", "host": "web.diff.test", "state": "absent"}},
    {"name": "delete project", "dokploy.dokploy.dokploy_project": {"name": PROJECT, "state": "absent", "force": True}},
]

# Differences known and accepted, each with why: (version prefix, call pattern, problem pattern) -> reason.
KNOWN = {}


def known(version, result):
    for (prefix, call, problem), reason in KNOWN.items():
        if version.startswith(prefix) and re.search(call, result["call"]) and re.search(problem, result["problem"]):
            return reason
    return None


def run_differential(server, sim_version, label):
    server.reset()
    with Simulator(api_key="differential-sim-key", version=sim_version) as sim:
        with RecordingProxy(sim.url, sim.api_key) as sim_proxy:
            play(sim_proxy, "differential_%s_sim" % label, SEQUENCE)
    with RecordingProxy(server.url, server.api_key) as real_proxy:
        play(real_proxy, "differential_%s_real" % label, SEQUENCE)
    results = compare(sim_proxy.exchanges, real_proxy.exchanges)
    for result in results:
        result["known"] = None if result["agree"] else known(server.version, result)
    report = {"version": server.version, "simulator_version": sim_version or "default (0.30.2)",
              "calls": len(results), "agree": sum(1 for r in results if r["agree"]),
              "known": sum(1 for r in results if r["known"]), "results": results}
    os.makedirs(OUTPUT_DIR, exist_ok=True)
    with open(os.path.join(OUTPUT_DIR, "differential-%s.json" % server.version), "w") as f:
        json.dump(report, f, indent=2)
    unknown = [r for r in results if not r["agree"] and not r["known"]]
    summary = "v%s: %d of %d calls agree (%d known differences)" % (
        server.version, report["agree"], report["calls"], report["known"])
    print(summary)
    assert not unknown, "%s; differences not known:\n%s" % (summary, "\n".join(
        "  #%d %s: %s" % (r["index"], r["call"], r["problem"][:600]) for r in unknown))


def test_differential_v0_30_2(real):
    run_differential(real, None, "0302")


def test_differential_v0_25_11(real_v025):
    run_differential(real_v025, "0.25", "0251")
