# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The swarm settings of applications and databases (swarm.py) on a real Dokploy v0.30.2, seen by the swarm
(``docker service inspect``), and a second run that changes nothing (issue 22): each setting the issue lists, counted
in ``ISSUE_SETTINGS``."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from conftest import REGISTRY, docker, play, service_inspect, wait_for

PROJECT = "acc-swarm"
ENVHTTP = "%s/dokploy-test/envhttp:v1" % REGISTRY
WORKER = "%s/dokploy-test/worker:v1" % REGISTRY
REDIS = "%s/dokploy-test/redis:7" % REGISTRY
SECOND = 10 ** 9
NETWORK = "i22-networks-back"   # an overlay network made through Dokploy (the server's reset removes it)
# The settings issue 22 lists ("Each setting above is checked in the swarm by the acceptance suite").
ISSUE_SETTINGS = ("healthcheck", "restart_config", "placement constraints and preferences", "labels", "update_config",
                  "rollback_config", "mode replicated/global", "stop_grace_period", "ulimits", "networks",
                  "endpoint spec")
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


def network_targets(spec):
    """The networks of a service's spec, by name (Docker keeps their IDs)."""
    targets = [n["Target"] for n in spec["TaskTemplate"].get("Networks") or []]
    return sorted(docker("network", "inspect", "--format", "{{.Name}}", target).strip() for target in targets)


def test_every_setting_reaches_the_swarm_and_a_second_run_changes_nothing(server):
    network = {"name": "network", "dokploy.dokploy.dokploy_network": {"name": NETWORK, "driver": "overlay"}}
    tasks = [task("dokploy_application", "tuned", docker_image=ENVHTTP, replicas=1, networks=[NETWORK], **TUNED),
             task("dokploy_application", "everywhere", docker_image=WORKER, mode="global"),
             task("dokploy_application", "apart", docker_image=WORKER, networks=[NETWORK], detach_dokploy_network=True,
                  endpoint_mode="dnsrr"),
             task("dokploy_database", "cache", type="redis", docker_image=REDIS, database_password="cachepass1",
                  stop_grace_period="45s", restart_config=dict(condition="any", max_attempts=0),
                  labels={"role": "cache"}, ulimits=[dict(name="nproc", soft=512, hard=512)], networks=[NETWORK],
                  endpoint_mode="vip")]
    first = play(server, "swarm_settings", [network] + tasks)
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
    checked.append("placement constraints and preferences")
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
    checked.append("mode replicated/global")

    # networks: beside dokploy-network, or without it
    assert network_targets(spec) == sorted(["dokploy-network", NETWORK])
    apart = service_inspect(first["apart"]["application"]["appName"])["Spec"]
    assert network_targets(apart) == [NETWORK]
    checked.append("networks")
    # the endpoint mode: dnsrr on an application (Docker's default vip otherwise), vip on a database (Dokploy's
    # default dnsrr otherwise); the application's published ports stay with dokploy_port
    assert apart["EndpointSpec"]["Mode"] == "dnsrr" and spec["EndpointSpec"].get("Mode", "vip") == "vip"

    cache = service_inspect(first["cache"]["database"]["appName"])["Spec"]
    cache_container = cache["TaskTemplate"]["ContainerSpec"]
    assert cache_container["StopGracePeriod"] == 45 * SECOND
    assert cache["TaskTemplate"]["RestartPolicy"]["Condition"] == "any"
    assert cache_container["Labels"] == {"role": "cache"}
    assert cache_container["Ulimits"] == [{"Name": "nproc", "Soft": 512, "Hard": 512}]
    assert network_targets(cache) == sorted(["dokploy-network", NETWORK])
    assert cache["EndpointSpec"]["Mode"] == "vip"
    checked.append("endpoint spec")
    assert sorted(checked) == sorted(ISSUE_SETTINGS)
    print("settings verified in the swarm: %d of %d (%s)" % (len(checked), len(ISSUE_SETTINGS), ", ".join(checked)))

    again = play(server, "swarm_settings_again", tasks)
    assert [t["name"] for t in tasks if again[t["name"]]["changed"]] == []


def test_a_network_in_use_and_networks_that_cannot_be_joined(server):
    """What Dokploy answers when a network a service uses is removed, and the refusals of networks no service can
    join (Dokploy itself would skip them silently at the next deploy)."""
    def user(name, networks, **extra):
        values = {"project": PROJECT, "name": "user", "networks": networks}
        return dict({"name": name, "dokploy.dokploy.dokploy_application": values}, **extra)

    results = play(server, "swarm_networks_refused", [
        {"name": "network", "dokploy.dokploy.dokploy_network": {"name": NETWORK, "driver": "overlay"}},
        {"name": "bridge", "dokploy.dokploy.dokploy_network": {"name": NETWORK + "-local"}},
        dict(user("user", [NETWORK]), **{"dokploy.dokploy.dokploy_application": dict(
            project=PROJECT, name="user", docker_image=WORKER, networks=[NETWORK], state="deployed")}),
        {"name": "removal", "dokploy.dokploy.dokploy_network": {"name": NETWORK, "state": "absent"},
         "ignore_errors": True},
        user("missing", ["nope"], ignore_errors=True),
        user("bridged", [NETWORK + "-local"], ignore_errors=True),
    ])
    for name in ("network", "bridge", "user"):
        assert not results[name].get("failed"), results[name]
    assert "No network is named 'nope' on the Dokploy host" in results["missing"]["msg"]
    assert "is a bridge network" in results["bridged"]["msg"]
    removal = results["removal"]
    print("network.remove of a network in use: %s" % removal.get("msg"))
    assert removal.get("failed") and "in use" in removal["msg"], removal

    # What Dokploy does with what the module refuses, set through the API: a network ID that names no row and a
    # bridge network are left out at the deploy without a word (resolveServiceNetworks), dokploy-network stays.
    app = results["user"]["application"]
    bridge_id = results["bridge"]["network"]["networkId"]
    status, body = server.call("POST", "application.update", {"applicationId": app["applicationId"],
                                                              "networkIds": ["no-such-network-id", bridge_id]})
    assert status == 200, body
    status, body = server.call("POST", "application.deploy", {"applicationId": app["applicationId"]})
    assert status == 200, body
    wait_for(lambda: network_targets(service_inspect(app["appName"])["Spec"]) == ["dokploy-network"],
             what="the service on dokploy-network alone after a deploy with a missing and a bridge network")
