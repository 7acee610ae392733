# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dokploy_rollback on a real Dokploy v0.30.2 and a real swarm (issue 22): an application deployed with
envhttp:v1 and then :v2, rollbacks kept in a registry on the local 127.0.0.1:5000, is rolled back to the previous
deployment: the swarm service runs the v1 image from the rollback registry and its container serves "envhttp v1";
a second run changes nothing and sends no write."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import runpy
import time

from conftest import REGISTRY, container_get, play, remove_rollback_tags, running_containers, service_inspect, wait_for

PROJECT = "acc-rollback"
PREFIX = "i22-rollback"


def app(**params):
    values = {"project": PROJECT, "name": "web", "state": "deployed"}
    values.update(params)
    return values


def rollback(**params):
    values = {"project": PROJECT, "application": "web"}
    values.update(params)
    return values


def test_back_to_the_previous_deployment(real):
    deployed = play(real, "rollback_deploys", [
        {"name": "project", "dokploy.dokploy.dokploy_project": {"name": PROJECT}},
        {"name": "registry", "dokploy.dokploy.dokploy_registry": {
            "name": PREFIX, "url": REGISTRY, "username": "robot", "password": "rollback-registry-pw",
            "image_prefix": PREFIX}},
        {"name": "v1", "dokploy.dokploy.dokploy_application": app(
            docker_image="%s/dokploy-test/envhttp:v1" % REGISTRY, rollback=True, rollback_registry=PREFIX)},
        {"name": "v2", "dokploy.dokploy.dokploy_application": app(docker_image="%s/dokploy-test/envhttp:v2" % REGISTRY)},
        {"name": "plan", "dokploy.dokploy.dokploy_rollback": rollback(), "check_mode": True},
    ])
    app_name = deployed["v2"]["application"]["appName"]
    try:
        check_rollback(real, deployed, app_name)
    finally:
        remove_rollback_tags(PREFIX, app_name)


def check_rollback(real, deployed, app_name):
    assert service_inspect(app_name)["Spec"]["TaskTemplate"]["ContainerSpec"]["Image"].startswith(
        "%s/dokploy-test/envhttp:v2" % REGISTRY)
    wanted = "%s/%s/%s:v" % (REGISTRY, PREFIX, app_name)
    assert deployed["plan"]["changed"] is True and deployed["plan"]["image"].startswith(wanted)

    started = time.time()
    back = play(real, "rollback_back", [{"name": "back", "dokploy.dokploy.dokploy_rollback": rollback()}])["back"]
    back_seconds = time.time() - started
    assert back["changed"] is True and back["image"] == deployed["plan"]["image"]
    assert back["deployment"]["deploymentId"] == deployed["v1"]["deployment"]["deploymentId"]
    assert "rollback-registry-pw" not in str(back)
    image = service_inspect(app_name)["Spec"]["TaskTemplate"]["ContainerSpec"]["Image"]
    assert image.split("@", 1)[0] == back["image"]
    served = wait_for(lambda: "envhttp v1" in container_get(running_containers(app_name)[0], "/"), timeout=60,
                      what="the container to serve envhttp v1")
    assert served

    started = time.time()
    again = play(real, "rollback_again", [{"name": "again", "dokploy.dokploy.dokploy_rollback": rollback()}])["again"]
    again_seconds = time.time() - started
    assert again["changed"] is False
    assert service_inspect(app_name)["Spec"]["TaskTemplate"]["ContainerSpec"]["Image"] == image   # untouched
    # The figures, in-process (no Ansible start-up): forward to the v2 deployment's rollback, back, and a no-op.
    timings = {}
    for label, to in (("to v2", deployed["v2"]["deployment"]["deploymentId"]), ("back", "previous"), ("no-op", "previous")):
        started = time.time()
        result = in_process(real, to)
        timings[label] = (round(time.time() - started, 1), result["changed"])
    assert [changed for seconds, changed in timings.values()] == [True, True, False]
    print("\nrollback task play: %.1f s; no-op play: %.1f s; in-process: %s" % (back_seconds, again_seconds, timings))


def in_process(real, to):
    """The module's resource run in this process (the collection importable as the unit tests make it)."""
    runpy.run_path(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "unit", "conftest.py"))
    from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployClient  # noqa: E501 pylint: disable=import-outside-toplevel
    from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._context import Context  # noqa: E501 pylint: disable=import-outside-toplevel
    from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._rollback import Rollback  # noqa: E501 pylint: disable=import-outside-toplevel
    from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._params import resource_params  # noqa: E501 pylint: disable=import-outside-toplevel
    ctx = Context(DokployClient(real.url, real.api_key))
    return Rollback(ctx, resource_params(Rollback, rollback(to=to))).run()
