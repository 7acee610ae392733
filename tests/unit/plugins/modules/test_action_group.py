# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The ``dokploy`` action group in meta/runtime.yml must list exactly the collection's modules.

``module_defaults: group/dokploy.dokploy.dokploy`` only reaches modules that are in the group,
so a module missing from it silently ignores the connection settings users put there.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))  # tests/unit/plugins/modules
MODULES_DIR = os.path.join(ROOT, "plugins", "modules")
# Modules without an API key option stay out: the group's defaults set api_key, an unsupported option for them.
NOT_IN_GROUP = frozenset(["dokploy_admin"])
RUNTIME = os.path.join(ROOT, "meta", "runtime.yml")


def _modules():
    if not os.path.isdir(MODULES_DIR):
        return set()
    return set(
        os.path.splitext(name)[0]
        for name in os.listdir(MODULES_DIR)
        if name.endswith(".py") and not name.startswith("_")
    )


def _group():
    with open(RUNTIME) as f:
        runtime = yaml.safe_load(f)
    group = (runtime.get("action_groups") or {}).get("dokploy")
    assert isinstance(group, list), "meta/runtime.yml has no action_groups.dokploy list"
    return group


def test_action_group_has_no_duplicates():
    group = _group()
    dupes = sorted(set(name for name in group if group.count(name) > 1))
    assert not dupes, "duplicate entries in action_groups.dokploy: %s" % dupes


def test_action_group_entries_are_short_module_names():
    bad = [name for name in _group() if not isinstance(name, str) or "." in name]
    assert not bad, "action_groups.dokploy entries must be plain module names: %s" % bad


def test_every_module_is_in_the_action_group():
    missing = sorted(_modules() - set(_group()) - NOT_IN_GROUP)
    assert not missing, (
        "modules missing from action_groups.dokploy in meta/runtime.yml: %s" % ", ".join(missing)
    )


def test_action_group_lists_only_existing_modules():
    modules = _modules()
    assert modules, "no modules found under plugins/modules"
    unknown = sorted(set(_group()) - modules)
    assert not unknown, (
        "action_groups.dokploy in meta/runtime.yml lists modules that do not exist "
        "under plugins/modules: %s" % ", ".join(unknown)
    )


def test_requires_ansible():
    with open(RUNTIME) as f:
        runtime = yaml.safe_load(f)
    assert runtime.get("requires_ansible") == ">=2.16.0"
