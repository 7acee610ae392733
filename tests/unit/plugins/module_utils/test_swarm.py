# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""swarm.py: durations to the nanoseconds Docker wants and back, the options to Dokploy's swarm columns and back,
and what Docker would refuse, refused."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._swarm import (
    SWARM_OPTIONS,
    duration_ns,
    duration_text,
    swarm_desired,
    swarm_options,
)

OPTIONS = dict(
    healthcheck=dict(test=["CMD", "wget", "-q", "-O-", "http://localhost/"], interval="10s", timeout="5s",
                     start_period="1m30s", retries=3),
    restart_config=dict(condition="on-failure", delay="5s", max_attempts=3, window="2m"),
    placement=dict(constraints=["node.role==manager"], preferences=[{"spread": "node.labels.zone"}],
                   replicas_max_per_node=2),
    update_config=dict(parallelism=2, delay="10s", failure_action="rollback", monitor="30s", max_failure_ratio=0.5,
                       order="stop-first"),
    rollback_config=dict(parallelism=1, order="start-first", failure_action="pause"),
    mode="global",
    labels={"team": "shop"},
    stop_grace_period="20s",
    ulimits=[dict(name="nofile", soft=1024, hard=2048)],
)


def params(**values):
    found = dict((option, None) for option in SWARM_OPTIONS)
    found["replicas"] = None
    found.update(values)
    return found


@pytest.mark.parametrize("text, ns", [("10s", 10 ** 10), ("1m30s", 90 * 10 ** 9), ("1.5h", 5400 * 10 ** 9),
                                      ("500ms", 5 * 10 ** 8), ("0", 0), ("2h3m4s5ms", 7384005000000), ("3us", 3000)])
def test_durations_and_back(text, ns):
    assert duration_ns("x", text) == ns
    assert duration_ns("x", duration_text(ns)) == ns


@pytest.mark.parametrize("text", ["10", "-1s", "1x", "s", "1s2", ""])
def test_a_duration_that_does_not_parse_is_refused(text):
    with pytest.raises(DokployParamError) as error:
        duration_ns("stop_grace_period", text)
    assert "must be a duration such as 10s" in str(error.value)


def test_columns_as_docker_takes_them():
    desired = swarm_desired(params(**OPTIONS))
    assert desired["healthCheckSwarm"] == {"Test": ["CMD", "wget", "-q", "-O-", "http://localhost/"],
                                           "Interval": 10 ** 10, "Timeout": 5 * 10 ** 9, "StartPeriod": 9 * 10 ** 10,
                                           "Retries": 3}
    assert desired["placementSwarm"] == {"Constraints": ["node.role==manager"], "MaxReplicas": 2,
                                         "Preferences": [{"Spread": {"SpreadDescriptor": "node.labels.zone"}}]}
    assert desired["modeSwarm"] == {"Global": {}}
    assert desired["stopGracePeriodSwarm"] == 2 * 10 ** 10
    assert desired["ulimitsSwarm"] == [{"Name": "nofile", "Soft": 1024, "Hard": 2048}]
    assert desired["rollbackConfigSwarm"] == {"Parallelism": 1, "Order": "start-first", "FailureAction": "pause"}


def test_a_shell_test_and_the_required_update_fields():
    desired = swarm_desired(params(healthcheck=dict(test="curl -f localhost"), update_config=dict(delay="1s")))
    assert desired["healthCheckSwarm"] == {"Test": ["CMD-SHELL", "curl -f localhost"]}
    assert desired["updateConfigSwarm"] == {"Parallelism": 1, "Order": "start-first", "Delay": 10 ** 9}


def test_empty_clears_and_replicated_leaves_the_replicas_to_dokploy():
    desired = swarm_desired(params(labels={}, ulimits=[], mode="replicated"))
    assert desired == {"labelsSwarm": None, "ulimitsSwarm": None, "modeSwarm": None}


def test_the_export_gives_the_same_columns_back():
    desired = swarm_desired(params(**OPTIONS))
    assert swarm_desired(params(**swarm_options(desired))) == desired


@pytest.mark.parametrize("values, message", [
    (dict(restart_config=dict(max_attempts=-1)), "restart_config.max_attempts must not be negative"),
    (dict(healthcheck=dict(retries=-2)), "healthcheck.retries must not be negative"),
    (dict(placement=dict(constraints=["node.role"])), "'node.role' is not a constraint"),
    (dict(placement=dict(preferences=[{"pack": "x"}])), "each item is {spread: <label>}"),
    (dict(healthcheck=dict(interval="ten")), "healthcheck.interval must be a duration"),
    (dict(healthcheck=dict(interval="10us")), "healthcheck.interval must be 0 or at least 1ms"),
    (dict(healthcheck=dict(test=["wget", "x"])), "starts with NONE, CMD or CMD-SHELL"),
    (dict(update_config=dict(max_failure_ratio=2.0)), "max_failure_ratio must be between 0 and 1"),
    (dict(ulimits=[dict(name="nofile", soft=10, hard=5)]), "needs 0 <= soft <= hard"),
    (dict(mode="global", replicas=2), "replicas cannot be set with mode=global"),
    (dict(stop_grace_period="30"), "stop_grace_period must be a duration"),
])
def test_refused(values, message):
    with pytest.raises(DokployParamError) as error:
        swarm_desired(params(**values))
    assert message in str(error.value)
