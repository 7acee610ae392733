# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""wait_for: running (issue 22): a deploy, start or reload succeeds only when the service runs, against the simulator.

The simulator lists the swarm tasks as a real v0.30.2 does (tests/simulator/routes/docker.py records the shapes of a
crash loop, a missing image and a placement no node meets); tests/acceptance/test_running.py proves it on a real swarm.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployClient, DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._context import Context
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._application import Application
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._compose import Compose
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._database import Database
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._running import (
    DokployServiceNotRunning,
    normalize_container,
    normalize_task,
    task_failed,
    task_running,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._params import resource_params
from ansible_collections.dokploy.dokploy.tests.unit.conftest import SIM_KEY as KEY

FAST = dict(poll_interval=0.05, wait_timeout=30, settle_time=0.3)
TASKS = "docker.getServiceContainersByAppName"


def run(deploy_sim, resource_class, check_mode=False, **params):
    deploy_sim.clear_requests()
    ctx = Context(DokployClient(deploy_sim.url, KEY), check_mode=check_mode, warn=lambda message: None)
    return resource_class(ctx, resource_params(resource_class, dict(FAST, project="shop", **params))).run()


def app(deploy_sim, **params):
    return run(deploy_sim, Application, name="web", docker_image="nginx:alpine", **params)


def reads(deploy_sim, procedure=TASKS):
    return [r["path"].rsplit("/", 1)[-1] for r in deploy_sim.requests()].count(procedure)


def writes(deploy_sim):
    return [r["path"].rsplit("/", 1)[-1] for r in deploy_sim.requests() if r["method"] == "POST"]


def not_running(action):
    with pytest.raises(DokployServiceNotRunning) as caught:
        action()
    return caught.value


def test_a_healthy_deploy_waits_the_settle_time_and_passes(deploy_sim):
    started = time.time()
    result = app(deploy_sim, state="deployed", settle_time=0.5)
    assert result["changed"] and result["deployment"]["status"] == "done"
    assert time.time() - started >= 0.5
    # the tasks were read before the deploy (snapshot) and until the settle time passed
    assert reads(deploy_sim) >= 2


@pytest.mark.parametrize("failure, reason", [
    ("exit", "task: non-zero exit (3)"),
    ("image", "No such image: nginx:alpine"),
])
def test_a_deployment_done_whose_tasks_fail_fails_the_task(deploy_sim, failure, reason):
    deploy_sim.control("tasks", {"service": "web", "failure": failure}, "POST")
    started = time.time()
    error = not_running(lambda: app(deploy_sim, state="deployed"))
    assert time.time() - started < 5  # at the first read after the deployment, not after the settle time
    assert reason in error.message and "application 'web' does not run" in error.message
    assert error.deployment["status"] == "done"  # what Dokploy says: its own steps went well
    assert "Dokploy's deployment %s is 'done'" % error.deployment["deploymentId"] in error.message
    failure_block = error.to_failure()
    assert failure_block["deployment_id"] == error.deployment["deploymentId"]
    assert failure_block["log"]  # the tail of the deployment's log
    assert any(reason == task["error"] for task in failure_block["tasks"])
    assert error.result["application"]["name"] == "web" and error.result["application"]["applicationId"]
    assert error.result["changed"] is True


def test_a_placement_no_node_meets_fails_with_the_reason(deploy_sim):
    result = app(deploy_sim, state="present")
    DokployClient(deploy_sim.url, KEY).post("application.update", {
        "applicationId": result["application"]["applicationId"],
        "placementSwarm": {"Constraints": ["node.labels.region==mars"]}})
    error = not_running(lambda: app(deploy_sim, state="deployed"))
    assert "no suitable node (scheduling constraints not satisfied on 1 node)" in error.message


def test_wait_for_deployment_keeps_dokploys_meaning_and_reads_no_task(deploy_sim):
    deploy_sim.control("tasks", {"service": "web", "failure": "exit"}, "POST")
    result = app(deploy_sim, state="deployed", wait_for="deployment")
    assert result["changed"] and result["deployment"]["status"] == "done"
    assert reads(deploy_sim) == 0


def test_a_no_op_reads_the_tasks_once_and_a_crash_loop_fails_it(deploy_sim):
    app(deploy_sim, state="deployed")
    again = app(deploy_sim, state="deployed")
    assert again["changed"] is False and reads(deploy_sim) == 1 and writes(deploy_sim) == []
    deploy_sim.control("tasks", {"service": "web", "failure": "exit"}, "POST")
    error = not_running(lambda: app(deploy_sim, state="deployed"))
    assert "task: non-zero exit (3)" in error.message and writes(deploy_sim) == []
    # check mode reads no task
    assert app(deploy_sim, state="deployed", check_mode=True)["changed"] is False
    assert reads(deploy_sim) == 0


def test_a_no_op_on_a_crash_loop_read_while_a_try_runs_fails_it(deploy_sim):
    """A real swarm answered a re-run with the crash loop's newest try "Running" over its failed ones (the acceptance
    test_running re-run passed then): that try must still run after the settle time, and it has crashed."""
    app(deploy_sim, state="deployed")
    deploy_sim.control("tasks", {"service": "web", "failure": "flap"}, "POST")
    error = not_running(lambda: app(deploy_sim, state="deployed"))
    assert "task: non-zero exit (3)" in error.message and writes(deploy_sim) == []
    assert reads(deploy_sim) >= 2  # a second read saw the try fail


def test_a_no_op_on_a_service_that_crashed_once_and_runs_passes_after_the_settle_time(deploy_sim):
    app(deploy_sim, state="deployed")
    deploy_sim.control("tasks", {"service": "web", "failure": "flap"}, "POST")
    deploy_sim.control("tasks", {"service": "web", "failure": None}, "POST")
    again = app(deploy_sim, state="deployed")
    assert again["changed"] is False and writes(deploy_sim) == []


def test_a_stopped_service_is_not_checked_by_state_deployed(deploy_sim):
    app(deploy_sim, state="deployed")
    app(deploy_sim, state="stopped")
    result = app(deploy_sim, state="deployed")
    assert result["changed"] is False and reads(deploy_sim) == 0


def test_start_and_restart_wait_until_it_runs(deploy_sim):
    app(deploy_sim, state="deployed")
    app(deploy_sim, state="stopped")
    deploy_sim.control("tasks", {"service": "web", "failure": "exit"}, "POST")
    error = not_running(lambda: app(deploy_sim, state="started"))
    assert error.procedure == TASKS and writes(deploy_sim) == ["application.start"]
    error = not_running(lambda: app(deploy_sim, state="restarted"))
    assert writes(deploy_sim) == ["application.reload"]
    deploy_sim.control("tasks", {"service": "web", "failure": None}, "POST")
    assert app(deploy_sim, state="restarted")["changed"] is True


def test_a_database_whose_tasks_fail_fails_its_deploy(deploy_sim):
    deploy_sim.control("tasks", {"service": "db", "failure": "exit"}, "POST")
    error = not_running(lambda: run(deploy_sim, Database, type="postgres", name="db", database_name="app",
                                    database_user="app", database_password="secret-pw-1", state="deployed"))
    assert "postgres 'db' does not run" in error.message.lower() or "does not run" in error.message
    assert error.deployment is None


@pytest.mark.parametrize("compose_type, procedure", [
    ("stack", "docker.getStackContainersByAppName"),
    ("docker-compose", "docker.getContainersByAppNameMatch"),
])
def test_compose_is_checked_by_its_own_docker_route(deploy_sim, compose_type, procedure):
    params = dict(name="shopfront", compose_type=compose_type,
                  compose_file="services:\n  web:\n    image: nginx:alpine\n  worker:\n    image: busybox\n")
    assert run(deploy_sim, Compose, state="deployed", **params)["changed"] is True
    assert reads(deploy_sim, procedure) >= 1
    deploy_sim.control("tasks", {"service": "shopfront", "failure": "exit"}, "POST")
    error = not_running(lambda: run(deploy_sim, Compose, state="deployed", force_deploy=True, **params))
    assert error.procedure == procedure


def test_a_negative_settle_time_is_refused_before_any_request(deploy_sim):
    with pytest.raises(DokployParamError):
        app(deploy_sim, state="deployed", settle_time=-1)
    assert deploy_sim.requests() == []


def test_a_v025_answer_without_current_state_is_judged_by_its_desired_state():
    # recorded on a real v0.25.11: only containerId, name, state (the desired state) and node; the check waited
    # for a "Running ..." current state that this version never sends, until its timeout
    task = normalize_task({"containerId": "3bc4kuoxrs61", "name": "app-x.1", "state": "running", "node": "vm"})
    assert task["current_state"] is None
    assert task_running(task) and not task_failed(task)
    gone = normalize_task({"containerId": "j8unnpxdodz5", "name": "app-x.1", "state": "shutdown", "node": "vm"})
    assert not task_running(gone) and not task_failed(gone)


def test_what_docker_says_is_read_as_recorded():
    crash = normalize_task({"containerId": "x", "name": "a.1", "state": "shutdown", "currentState":
                            "Failed 2 seconds ago", "node": "vm", "error": "\"task: non-zero exit (3)\""})
    assert crash["error"] == "task: non-zero exit (3)" and task_failed(crash)
    waiting = normalize_task({"containerId": "y", "name": "a.1", "state": "ready",
                              "currentState": "Ready less than a second ago", "node": "vm", "error": ""})
    assert not task_failed(waiting)
    last = normalize_task({"containerId": "z", "name": "a.1", "state": "running", "currentState": "Running 2 seconds ago",
                           "node": "vm", "error": "Error:"})  # the last line of Dokploy's answer, recorded
    assert last["error"] == "" and not task_failed(last)
    assert task_failed(normalize_container({"containerId": "c", "name": "p-web-1", "state": "exited",
                                            "status": "Exited (3) 2 seconds ago"}))
    assert not task_failed(normalize_container({"containerId": "c", "name": "p-init-1", "state": "exited",
                                                "status": "Exited (0) 2 seconds ago"}))
