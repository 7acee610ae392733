# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""wait_for: running on a real Dokploy v0.30.2 and a real swarm (issue 22): "deployed" means running.

A good image passes; a container that exits at once, an image that is not there and a placement constraint no node
meets each fail the task with the swarm's reason, quickly. Dokploy's own deployment of the crashing container is
``done`` (test_deploy.py records it with ``wait_for: deployment``).

The placement is written with dokploy_application's ``placement`` option (Dokploy's ``placementSwarm``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

import pytest

from conftest import REGISTRY, play, service_tasks

PROJECT = "running"
IMAGES = "%s/dokploy-test" % REGISTRY
TIMINGS = {}  # test -> seconds the play took (printed at the end with -s)


def app(name, image, **params):
    task = {"project": PROJECT, "name": name, "docker_image": "%s/%s" % (IMAGES, image)}
    task.update(params)
    return task


@pytest.fixture(scope="module")
def server(real):
    play(real, "running_project", [{"name": "project", "dokploy.dokploy.dokploy_project": {"name": PROJECT}}])
    yield real
    print("running check timings (s): %s" % TIMINGS)


def deploy(server, label, name, image, **params):
    started = time.time()
    results = play(server, "running_%s" % label, [
        {"name": "deploy", "dokploy.dokploy.dokploy_application": app(name, image, state="deployed", **params),
         "ignore_errors": True}])
    TIMINGS[label] = round(time.time() - started, 1)
    return results["deploy"]


def quickly(seconds):
    """A failure is reported about as fast as a healthy deploy passes (the play's time includes Ansible's start-up,
    slow on a loaded machine), far within wait_timeout."""
    assert seconds < TIMINGS.get("good", 60) + 30, TIMINGS


def test_a_good_image_runs_and_passes(server):
    result = deploy(server, "good", "worker", "worker:v1")
    assert not result.get("failed"), result.get("msg")
    assert result["changed"] is True and result["deployment"]["status"] == "done"
    app_name = result["application"]["appName"]
    assert [t for t in service_tasks(app_name) if t["CurrentState"].startswith("Running")]
    # re-applied: no change, the tasks read once, still running
    again = deploy(server, "good_again", "worker", "worker:v1")
    assert not again.get("failed") and again["changed"] is False


def test_a_container_that_exits_at_once_fails_with_its_exit_code(server):
    result = deploy(server, "crash", "crash", "crash:v1")
    assert result.get("failed") is True, result
    assert "does not run" in result["msg"] and "task: non-zero exit (3)" in result["msg"], result["msg"]
    failure = result["failure"]
    assert failure["deployment_status"] == "done" and failure["deployment_id"]  # Dokploy's own meaning
    assert any(task["error"] == "task: non-zero exit (3)" for task in failure["tasks"])
    assert result["application"]["applicationId"] and result["application"]["appName"]
    quickly(TIMINGS["crash"])
    # nothing changed since: a re-run deploys nothing and still fails, saying why
    again = deploy(server, "crash_again", "crash", "crash:v1")
    assert again.get("failed") is True and "task: non-zero exit (3)" in again["msg"], again
    # wait_for: deployment takes Dokploy's word
    accepted = deploy(server, "crash_accepted", "crash", "crash:v1", wait_for="deployment")
    assert not accepted.get("failed"), accepted.get("msg")


def test_a_missing_image_fails_with_the_image_named(server):
    result = deploy(server, "missing", "ghost", "missing:v1")
    assert result.get("failed") is True, result
    assert "missing:v1" in result["msg"], result["msg"]
    quickly(TIMINGS["missing"])


def test_a_placement_no_node_meets_fails_with_no_suitable_node(server):
    result = deploy(server, "placement", "pinned", "worker:v1", placement={"constraints": ["node.labels.region==mars"]})
    assert result.get("failed") is True, result
    assert "no suitable node" in result["msg"], result["msg"]
    quickly(TIMINGS["placement"])
