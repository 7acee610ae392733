# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The swarm settings of applications and databases (swarm.py) on a real Dokploy v0.30.2, seen by the swarm
(``docker service inspect``), and a second run that changes nothing (issue 22)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from conftest import REGISTRY, play, service_inspect

PROJECT = "acc-swarm"
ENVHTTP = "%s/dokploy-test/envhttp:v1" % REGISTRY
WORKER = "%s/dokploy-test/worker:v1" % REGISTRY
REDIS = "%s/dokploy-test/redis:7" % REGISTRY
SECOND = 10 ** 9
TUNED = dict(
    healthcheck=dict(test=["CMD", "wget", "-q", "-O-", "http://127.0.0.1/"], interval="5s", timeout="3s",
                     start_period="10s", retries=3),
    restart_config=dict(condition="on-failure", delay="5s", max_attempts=4, window="1m"),
    placement=dict(constraints=["node.role==manager"], preferences=[{"spread": "node.labels.zone"}],
                   replicas_max_per_node=2),
    update_config=dict(parallelism=2, delay="10s", failure_action="pause", monitor="15s", max_failure_ratio=0.25,
                       order="stop-first"),
    rollback_config=dict(parallelism=1, failure_action="continue", order="start-first"),
    labels={"team": "shop", "tier": "front"},
    stop_grace_period="1m30s",
    ulimits=[dict(name="nofile", soft=1024, hard=2048)],
)


def task(module, name, **params):
    values = {"project": PROJECT, "name": name, "state": "deployed"}
    values.update(params)
    return {"name": name, "dokploy.dokploy.%s" % module: values}


@pytest.fixture(scope="module")
def server(real):
    play(real, "swarm_project", [{"name": "project", "dokploy.dokploy.dokploy_project": {"name": PROJECT}}])
    return real


def test_every_setting_reaches_the_swarm_and_a_second_run_changes_nothing(server):
    tasks = [task("dokploy_application", "tuned", docker_image=ENVHTTP, replicas=1, **TUNED),
             task("dokploy_application", "everywhere", docker_image=WORKER, mode="global"),
             task("dokploy_database", "cache", type="redis", docker_image=REDIS, database_password="cachepass1",
                  stop_grace_period="45s", restart_config=dict(condition="any", max_attempts=0),
                  labels={"role": "cache"}, ulimits=[dict(name="nproc", soft=512, hard=512)])]
    first = play(server, "swarm_settings", tasks)
    assert all(first[t["name"]]["changed"] for t in tasks)
    checked = []

    spec = service_inspect(first["tuned"]["application"]["appName"])["Spec"]
    template = spec["TaskTemplate"]
    container = template["ContainerSpec"]
    assert container["Healthcheck"] == {"Test": ["CMD", "wget", "-q", "-O-", "http://127.0.0.1/"],
                                        "Interval": 5 * SECOND, "Timeout": 3 * SECOND, "StartPeriod": 10 * SECOND,
                                        "Retries": 3}
    checked.append("healthcheck")
    assert template["RestartPolicy"] == {"Condition": "on-failure", "Delay": 5 * SECOND, "MaxAttempts": 4,
                                         "Window": 60 * SECOND}
    checked.append("restart_config")
    placement = template["Placement"]
    assert placement["Constraints"] == ["node.role==manager"]
    assert placement["Preferences"] == [{"Spread": {"SpreadDescriptor": "node.labels.zone"}}]
    assert placement["MaxReplicas"] == 2
    checked.append("placement")
    assert spec["UpdateConfig"] == {"Parallelism": 2, "Delay": 10 * SECOND, "FailureAction": "pause",
                                    "Monitor": 15 * SECOND, "MaxFailureRatio": 0.25, "Order": "stop-first"}
    checked.append("update_config")
    assert spec["RollbackConfig"]["FailureAction"] == "continue" and spec["RollbackConfig"]["Order"] == "start-first"
    checked.append("rollback_config")
    assert container["Labels"] == {"team": "shop", "tier": "front"}
    checked.append("labels")
    assert container["StopGracePeriod"] == 90 * SECOND
    checked.append("stop_grace_period")
    assert container["Ulimits"] == [{"Name": "nofile", "Soft": 1024, "Hard": 2048}]
    checked.append("ulimits")
    assert spec["Mode"] == {"Replicated": {"Replicas": 1}}

    everywhere = service_inspect(first["everywhere"]["application"]["appName"])["Spec"]
    assert everywhere["Mode"] == {"Global": {}}
    checked.append("mode")

    cache = service_inspect(first["cache"]["database"]["appName"])["Spec"]
    cache_container = cache["TaskTemplate"]["ContainerSpec"]
    assert cache_container["StopGracePeriod"] == 45 * SECOND
    assert cache["TaskTemplate"]["RestartPolicy"]["Condition"] == "any"
    assert cache_container["Labels"] == {"role": "cache"}
    assert cache_container["Ulimits"] == [{"Name": "nproc", "Soft": 512, "Hard": 512}]
    checked.append("database settings")
    print("settings verified in the swarm: %d (%s)" % (len(checked), ", ".join(checked)))

    again = play(server, "swarm_settings_again", tasks)
    assert [t["name"] for t in tasks if again[t["name"]]["changed"]] == []
