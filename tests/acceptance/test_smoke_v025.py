# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A smoke on the oldest supported Dokploy, v0.25.11 (its deployments go through a Redis queue): an
application deployed from the local registry and seen in the swarm, a whole project by dokploy_stack
(converge, then no change), and a forced project deletion that removes its services."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from conftest import REGISTRY, container_get, docker, play, running_containers, service_inspect, wait_for

ENVHTTP = "%s/dokploy-test/envhttp" % REGISTRY


def declaration():
    return {
        "project": "smoke",
        "environments": {"production": {"applications": {
            "web": {"docker_image": ENVHTTP + ":v1", "env": {"OLD": "v025"}, "replicas": 2, "memory_limit": "64M",
                    "state": "deployed"},
            "worker": {"docker_image": "%s/dokploy-test/worker:v1" % REGISTRY, "state": "deployed"},
        }}},
    }


def test_v025_application_and_stack(real_v025):
    server = real_v025
    first = play(server, "v025_stack", [
        {"name": "stack", "dokploy.dokploy.dokploy_stack": declaration()},
        {"name": "web", "dokploy.dokploy.dokploy_application_info": {"project": "smoke", "name": "web"}},
    ])
    assert first["stack"]["changed"] is True
    web = first["web"]["applications"][0]
    assert web["applicationStatus"] == "done"
    spec = service_inspect(web["appName"])["Spec"]
    assert "OLD=v025" in spec["TaskTemplate"]["ContainerSpec"]["Env"]
    assert spec["Mode"]["Replicated"]["Replicas"] == 2
    assert spec["TaskTemplate"]["Resources"]["Limits"]["MemoryBytes"] == 64 * 1024 * 1024
    cid = running_containers(web["appName"], want=2)[0]
    assert container_get(cid, "/").strip() == "envhttp v1"
    again = play(server, "v025_stack_again", [{"name": "stack", "dokploy.dokploy.dokploy_stack": declaration()}])
    assert again["stack"]["changed"] is False, again["stack"].get("actions")
    gone = play(server, "v025_delete", [
        {"name": "delete", "dokploy.dokploy.dokploy_project": {"name": "smoke", "state": "absent", "force": True}}])
    assert gone["delete"]["changed"] is True
    wait_for(lambda: service_inspect(web["appName"]) is None and not docker(
        "ps", "-aq", "--filter", "label=com.docker.swarm.service.name=%s" % web["appName"]),
        what="the service and containers of the deleted project gone")
