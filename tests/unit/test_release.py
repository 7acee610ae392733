# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The collection's version as users see it: galaxy.yml, the plugins' ``version_added``, the changelog.

A plugin (or option) documented as added in a version newer than galaxy.yml's would tell users of this release
that it does not exist yet; a release in changelogs/changelog.yaml newer than galaxy.yml means the version was not
bumped when the release was cut (``antsibull-changelog release`` reads galaxy.yml). The client's User-Agent names
the same version.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ast
import os

import pytest
import yaml

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import COLLECTION_VERSION

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def parse_version(text):
    """``1.2.3`` -> (1, 2, 3); a pre-release (``1.2.3-rc1``) counts as its release."""
    core = str(text).split("-", 1)[0].split("+", 1)[0]
    return tuple(int(part) for part in core.split("."))


def galaxy_version():
    with open(os.path.join(REPO_ROOT, "galaxy.yml")) as handle:
        return str(yaml.safe_load(handle)["version"])


def plugin_files():
    found = []
    plugins_dir = os.path.join(REPO_ROOT, "plugins")
    for directory, subdirs, files in os.walk(plugins_dir):
        subdirs[:] = sorted(d for d in subdirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                found.append(os.path.relpath(os.path.join(directory, name), REPO_ROOT))
    return found


def documentation_of(path):
    """The parsed DOCUMENTATION string of a plugin file, or None (module_utils and the like have none)."""
    with open(os.path.join(REPO_ROOT, path)) as handle:
        tree = ast.parse(handle.read())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "DOCUMENTATION" for t in node.targets):
            return yaml.safe_load(node.value.value)
    return None


def versions_added(doc, where):
    """Every ``version_added`` in a documentation tree (plugin, options, suboptions), as (where, version)."""
    found = []
    if isinstance(doc, dict):
        if "version_added" in doc and doc.get("version_added_collection") in (None, "dokploy.dokploy"):
            found.append((where, str(doc["version_added"])))
        for key, value in doc.items():
            found.extend(versions_added(value, "%s.%s" % (where, key)))
    elif isinstance(doc, list):
        for index, value in enumerate(doc):
            found.extend(versions_added(value, "%s[%d]" % (where, index)))
    return found


def test_galaxy_version_is_a_plain_version():
    assert parse_version(galaxy_version())


DOCUMENTED = [p for p in plugin_files() if documentation_of(p) is not None]  # modules, inventory (not doc fragments)


def test_every_module_is_checked():
    modules = [p for p in plugin_files() if p.startswith(os.path.join("plugins", "modules", ""))]
    assert modules and set(modules) <= set(DOCUMENTED)


@pytest.mark.parametrize("path", DOCUMENTED)
def test_version_added_is_not_newer_than_the_collection(path):
    collection = parse_version(galaxy_version())
    found = versions_added(documentation_of(path), os.path.basename(path))
    assert found and found[0][0] == os.path.basename(path), "%s documents no version_added of its own" % path
    newer = ["%s: %s" % (where, version) for where, version in found if parse_version(version) > collection]
    assert not newer, "version_added newer than galaxy.yml's version %s (bump galaxy.yml or fix the docs): %s" % (
        galaxy_version(),
        ", ".join(newer),
    )


def test_the_client_names_the_collection_version():
    # The User-Agent every request carries (client.USER_AGENT).
    assert COLLECTION_VERSION == galaxy_version()


def test_no_release_in_the_changelog_is_newer_than_galaxy_yml():
    with open(os.path.join(REPO_ROOT, "changelogs", "changelog.yaml")) as handle:
        releases = (yaml.safe_load(handle) or {}).get("releases") or {}
    collection = parse_version(galaxy_version())
    newer = [version for version in releases if parse_version(version) > collection]
    assert not newer, "changelogs/changelog.yaml has releases newer than galaxy.yml: %s" % newer


def released_versions():
    with open(os.path.join(REPO_ROOT, "changelogs", "changelog.yaml")) as handle:
        return set((yaml.safe_load(handle) or {}).get("releases") or {})


@pytest.mark.parametrize("path", DOCUMENTED)
def test_version_added_names_a_release(path):
    """A plugin or option was added in a release of the changelog, or in the one in the making (galaxy.yml's)."""
    known = released_versions() | {galaxy_version()}
    found = versions_added(documentation_of(path), os.path.basename(path))
    unknown = ["%s: %s" % (where, version) for where, version in found if version not in known]
    assert not unknown, "version_added of a version never released (releases: %s): %s" % (
        ", ".join(sorted(known)), ", ".join(unknown))
