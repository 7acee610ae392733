# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dokploy_deployment_info lists the runs of schedules, backups, volume backups and server setups
(deployment.allByType, issue 22), against the simulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployClient, DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._context import Context
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._deployment import DeploymentInfo
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._schedule import Schedule
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._params import resource_params
from simulator import Simulator

KEY = "runs-key"


@pytest.fixture
def sim():
    with Simulator(api_key=KEY) as simulator:
        yield simulator


def run(sim, resource_class, check_mode=False, **params):
    sim.clear_requests()
    ctx = Context(DokployClient(sim.url, KEY), check_mode=check_mode)
    return resource_class(ctx, resource_params(resource_class, params)).run()


def test_the_runs_of_a_schedule_each_with_its_log(sim):
    schedule = run(sim, Schedule, dokploy_host=True, name="prune", cron_expression="0 4 * * *",
                   script="docker system prune -f")["schedule"]
    client = DokployClient(sim.url, KEY)
    first = client.post("schedule.runManually", {"scheduleId": schedule["scheduleId"]})
    second = client.post("schedule.runManually", {"scheduleId": schedule["scheduleId"]})
    result = run(sim, DeploymentInfo, schedule_id=schedule["scheduleId"], with_logs=True, log_lines=5)
    assert result["changed"] is False
    assert result["service"] == {"type": "schedule", "id": schedule["scheduleId"], "name": None, "status": None}
    assert set(d["deploymentId"] for d in result["deployments"]) == {first["deploymentId"], second["deploymentId"]}
    assert all("log" in d for d in result["deployments"])
    paths = [r["path"].rsplit("/", 1)[-1] for r in sim.requests()]
    assert paths.count("deployment.allByType") == 1 and paths.count("deployment.readLogs") == 2
    # one run picked by its ID, its log read once
    one = run(sim, DeploymentInfo, schedule_id=schedule["scheduleId"], deployment_id=first["deploymentId"])
    assert one["deployment"]["deploymentId"] == first["deploymentId"] and "log" in one
    # no run yet for another ID: an empty list
    assert run(sim, DeploymentInfo, backup_id="nobackup000000000000")["deployments"] == []


def test_a_source_id_is_checked_and_one_source_at_a_time(sim):
    with pytest.raises(DokployParamError) as caught:
        run(sim, DeploymentInfo, schedule_id="not an id")
    assert "schedule_id 'not an id' is not a Dokploy ID" in str(caught.value)
    with pytest.raises(DokployParamError) as caught:
        run(sim, DeploymentInfo, schedule_id="abc", backup_id="def")
    assert "mutually exclusive" in str(caught.value)
    assert sim.requests() == []
