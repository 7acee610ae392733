# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The swarm settings on dokploy_application (swarm.py through Application): a stored setting equal to the
options is no change whatever its key order, a changed one is one application.update with only that column, and
ulimits on a server older than v0.27.0 are refused before any write."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployUnsupportedError
from ansible_collections.dokploy.dokploy.tests.unit.fakes import FakeClient
from ansible_collections.dokploy.dokploy.tests.unit.plugins.modules.test_dokploy_application import APP, PROJECT, run_app

STORED = dict(APP, healthCheckSwarm={"Retries": 3, "Interval": 10000000000, "Test": ["CMD-SHELL", "true"]},
              stopGracePeriodSwarm=20000000000, labelsSwarm={}, ulimitsSwarm=None)


def fake(row, version=(0, 30, 2)):
    return FakeClient({"project.all": [PROJECT], "application.one": copy.deepcopy(row), "application.update": True},
                      version=version)


def test_the_stored_settings_are_no_change():
    client = fake(STORED)
    result, ctx = run_app(client, healthcheck=dict(test="true", interval="10s", retries=3), stop_grace_period="20s",
                          labels={})
    assert not result["changed"] and client.writes() == []


def test_a_changed_setting_is_one_update_with_its_column():
    client = fake(STORED)
    result, ctx = run_app(client, healthcheck=dict(test="true", interval="10s", retries=3), stop_grace_period="1m")
    assert result["changed"]
    assert client.writes() == [("application.update", {"applicationId": APP["applicationId"],
                                                       "stopGracePeriodSwarm": 60000000000})]


def test_ulimits_on_an_older_server_are_refused_before_any_write():
    client = fake(APP, version=(0, 25, 11))   # a v0.25 row has no ulimitsSwarm
    with pytest.raises(DokployUnsupportedError) as error:
        run_app(client, ulimits=[dict(name="nofile", soft=1, hard=2)])
    assert "v0.27.0" in str(error.value) and client.writes() == []
