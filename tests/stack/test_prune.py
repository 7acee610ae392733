# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Prune, in-process against the simulator, for every kind of child and service: the project of test_export.py,
exported with its secrets; one thing left out of the declaration at a time is listed by check mode (no write),
then deleted, and the next run changes nothing."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

import pytest

from simulator import Simulator
from test_export import BUILD, converge, export, writes

from ansible_collections.dokploy.dokploy.plugins.module_utils.project._stack import Stack

# (where in the declaration, what is left out, the kind of the delete)
CASES = [
    (("production", "applications", "web"), ("domains", 1), "domain"),
    (("production", "applications", "web"), ("mounts", 0), "mount"),
    (("production", "applications", "web"), ("ports", 1), "port"),
    (("production", "applications", "web"), ("redirects", 0), "redirect"),
    (("production", "applications", "web"), ("basic_auth", 0), "basic_auth"),
    (("production", "applications", "web"), ("schedules", 0), "schedule"),
    (("production", "compose", "queue"), ("schedules", 0), "schedule"),
    (("production", "compose", "queue"), ("backups", 0), "backup"),
    (("production", "databases", "pg"), ("backups", 0), "backup"),
    (("production", "databases", "pg"), ("mounts", 0), "mount"),
    (("production", "applications", "web"), ("volume_backups", 0), "volume_backup"),
    (("production", "compose", "queue"), ("volume_backups", 0), "volume_backup"),
    (("production", "databases", "pg"), ("volume_backups", 0), "volume_backup"),
    (("production", "applications", "api"), ("patches", 1), "patch"),
    (("production", "compose", "queue"), ("patches", 0), "patch"),
    (("production", "databases"), ("cache", None), "database"),
    (("production", "compose"), ("gitstack", None), "compose"),
    (("staging", "applications"), ("web", None), "application"),
]


@pytest.fixture(scope="module")
def server():
    with Simulator(api_key="k") as sim:
        for resource_class, params in BUILD:
            converge(sim, resource_class, params)
        yield sim


@pytest.mark.parametrize("path, left_out, kind", CASES, ids=["%s-%s" % (".".join(c[0]), c[1][0]) for c in CASES])
def test_prune_deletes_what_is_left_out(server, path, left_out, kind):
    declaration = dict(export(server, True)["stack"], prune=True)
    server.clear_requests()
    assert converge(server, Stack, declaration)["actions"] == []   # everything declared: nothing to prune
    assert writes(server) == []
    pruned = copy.deepcopy(declaration)
    node = pruned["environments"]
    for key in path:
        node = node[key]
    section, index = left_out
    if index is None:
        del node[section]
    else:
        del node[section][index]
    plan = converge(server, Stack, pruned, check_mode=True)
    assert [(a["action"], a["kind"]) for a in plan["actions"]] == [("delete", kind)], plan["actions"]
    assert writes(server) == []
    done = converge(server, Stack, pruned)
    assert done["actions"] == plan["actions"]
    assert len(writes(server)) >= 1
    server.clear_requests()
    assert converge(server, Stack, pruned)["actions"] == []
    assert writes(server) == []


def test_sections_left_out_are_not_pruned(server):
    declaration = dict(export(server, True)["stack"], prune=True)
    web = declaration["environments"]["production"]["applications"]["web"]
    for section in ("domains", "mounts", "ports", "redirects", "basic_auth", "schedules"):
        web.pop(section, None)
    server.clear_requests()
    assert converge(server, Stack, declaration, check_mode=True)["actions"] == []
    assert writes(server) == []
