# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""plugins/module_utils/tables/_capabilities.py: the table of which Dokploy version brought what."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import random
import re

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.tables import _capabilities as capabilities
from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._capabilities import (
    CAPABILITIES,
    generate_app_name,
    require,
    supports,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import (
    MINIMUM_VERSION,
    DokployError,
    DokployUnsupportedError,
)

# Dokploy's appName rule from v0.26.7 (APP_NAME_REGEX and max(63) in packages/server/src/db/schema/utils.ts).
APP_NAME_RULE = re.compile(r"^[a-zA-Z0-9._-]{1,63}$")


def test_every_entry_is_a_version_and_a_description():
    for name, (version, description) in CAPABILITIES.items():
        assert isinstance(version, tuple) and len(version) == 3, name
        assert all(isinstance(part, int) for part in version), name
        assert version > MINIMUM_VERSION, "%s: every supported version has it, so it needs no entry" % name
        assert version <= (0, 30, 2), "%s: newer than the newest version read" % name
        assert description.strip(), name


@pytest.mark.parametrize("version, expected", [
    ((0, 25, 11), False),
    ((0, 28, 8), False),
    ((0, 29, 0), True),
    ((0, 30, 2), True),
    ((1, 0, 0), True),
])
def test_supports_compares_with_the_first_version(version, expected):
    assert supports(version, "compose.saveEnvironment") is expected


def test_what_a_real_v0_25_11_lacks():
    # issue 15: the differences a real v0.25.11 showed
    old = (0, 25, 11)
    for name in ("compose.saveEnvironment", "database.changePassword", "deployment.readLogs", "overview", "libsql",
                 "environment.isDefault", "database.create.appName_optional", "errors.data", "service.args",
                 "domain.customEntrypoint", "bitbucket.repositorySlug", "application.buildRegistry"):
        assert not supports(old, name), name
    for name in CAPABILITIES:
        assert supports((0, 30, 2), name), name


def test_unknown_capability_is_a_programming_error():
    with pytest.raises(KeyError, match="no.such"):
        supports((0, 30, 2), "no.such")


def test_require_names_module_version_and_capability():
    with pytest.raises(DokployUnsupportedError) as info:
        require((0, 25, 11), "compose.saveEnvironment", "dokploy_compose env")
    error = info.value
    assert isinstance(error, DokployError)
    assert str(error) == ("dokploy_compose env needs Dokploy v0.29.0 or newer (compose.saveEnvironment); "
                          "this server runs v0.25.11")
    assert error.capability == "compose.saveEnvironment"
    assert error.needed == (0, 29, 0)
    assert error.version == (0, 25, 11)
    assert error.to_failure()["code"] == "UNSUPPORTED_VERSION"


def test_require_passes_on_a_new_enough_server():
    assert require((0, 29, 0), "compose.saveEnvironment", "dokploy_compose env") is None


def test_generated_app_name_has_prefix_and_dokploy_suffix():
    name = generate_app_name("postgres", rng=random.Random(7))
    assert re.match(r"^postgres-[a-z1-9]{6}$", name)
    assert generate_app_name("postgres") != generate_app_name("postgres")


@pytest.mark.parametrize("prefix", ["My App", "  spaced name  ", "ünïcode/with:chars", "", "x" * 100, "-.-"])
def test_generated_app_name_fits_dokploy_rule_after_its_suffix(prefix):
    name = generate_app_name(prefix)
    # the server appends "-" and 6 characters of its own (buildAppName)
    assert APP_NAME_RULE.match(name + "-abcdef"), name
    assert not name.startswith(("-", "."))


def test_clean_app_name_is_dokploys_clean_app_name():
    assert capabilities.clean_app_name("  My Shop API ") == "my-shop-api"
