# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The lifecycle engine (plugins/module_utils/resources/_lifecycle.py) against a scripted fake Dokploy on a virtual clock.

The fake models Dokploy's queue (API.md section 6): a deploy call returns at once, the deployment row
appears only when the worker picks the job up, then turns final. Nothing sleeps for real: the engine's
``sleep`` advances the fake's clock, so polling schedules and timeouts are checked exactly.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import (
    DokployConnectionError,
    DokployError,
    DokployParamError,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._context import Context
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._deployments import (
    POLL_CAP,
    DokployDeploymentError,
    DokployDeploymentTimeout,
    Poller,
    new_deployments,
    newest_first,
    tail_lines,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._lifecycle import (
    Lifecycle,
    check_lifecycle,
    lifecycle_argument_spec,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._application import Application

APP_ID = "app-id-000000000000000"
LOG = "\n".join("line %d" % i for i in range(1, 201)) + "\n"


class FakeDokploy(object):
    """One service's view of Dokploy: status, deployments, queue; every call recorded with its virtual time."""

    def __init__(self, kind="application", status="idle", deployments=None, pickup=0.3, duration=4.0, outcome="done"):
        self.kind = kind
        self.now = 1000.0
        self.status = status
        self.deployments = list(deployments or [])
        self.jobs = []  # queued jobs: dict(at, outcome, duration)
        self.pickup = pickup
        self.duration = duration
        self.outcome = outcome
        self.calls = []
        self.counter = 0
        self.db_deploy_error = None
        self.post_errors = {}
        self.generation = 0  # the swarm tasks are replaced by every deploy, start and reload (running.py)

    # the clock the engine uses
    def clock(self):
        return self.now

    def sleep(self, seconds):
        assert seconds >= 0
        self.now += seconds

    def _advance(self):
        for job in list(self.jobs):
            if job.get("row") is None and self.now >= job["at"] + self.pickup:
                self.counter += 1
                job["row"] = {"deploymentId": "new-%d" % self.counter, "title": "Manual deployment", "status": "running",
                              "createdAt": "2026-11-29T10:00:%02d.000Z" % (10 + self.counter), "finishedAt": None,
                              "errorMessage": None}
                self.deployments.insert(0, job["row"])
                self.status = "running"
            row = job.get("row")
            if row is not None and row["status"] == "running" and self.now >= job["at"] + self.pickup + job["duration"]:
                row["status"] = job["outcome"]
                row["finishedAt"] = "2026-11-29T10:01:00.000Z"
                row["title"] = "commit message overwrites the title"
                self.status = "done" if job["outcome"] == "done" else "error"
                self.generation += job["outcome"] == "done"
                self.jobs.remove(job)

    def get(self, procedure, params=None, timeout=None):
        self._advance()
        self.calls.append(("GET", procedure, dict(params or {}), self.now))
        if procedure in ("deployment.all", "deployment.allByCompose"):
            return [dict(d) for d in self.deployments]
        if procedure == "deployment.readLogs":
            lines = LOG.rstrip("\n").split("\n")
            return "\n".join(lines[-int(params.get("tail", 100)):]) + "\n"
        if procedure.endswith(".one"):
            field = "composeStatus" if self.kind == "compose" else "applicationStatus"
            return {"name": "web", "appName": "web-abc123", field: self.status}
        if procedure.startswith("docker.") and self.generation:
            if procedure == "docker.getContainersByAppNameMatch":
                return [{"containerId": "c%d" % self.generation, "name": "web-abc123-app-1", "state": "running",
                         "status": "Up 1 second"}]
            return [{"containerId": "t%d" % self.generation, "name": "web-abc123.1", "state": "running",
                     "currentState": "Running 1 second ago", "node": "n", "error": ""}]
        if procedure.startswith("docker."):
            return []
        raise AssertionError("unexpected GET %s" % procedure)

    def post(self, procedure, body, timeout=None):
        self._advance()
        self.calls.append(("POST", procedure, dict(body or {}), self.now, timeout))
        if procedure in self.post_errors:
            raise self.post_errors[procedure]
        action = procedure.split(".", 1)[1]
        if action in ("deploy", "redeploy"):
            if self.kind in ("application", "compose"):
                self.jobs.append({"at": self.now, "outcome": self.outcome, "duration": self.duration})
                return None
            if self.db_deploy_error is not None:
                self.status = "error"
                raise self.db_deploy_error
            self.now += self.duration  # synchronous
            self.status = "done"
            self.generation += 1
            return {"applicationStatus": "idle"}
        if action == "start":
            self.status = "done"
            self.generation += 1
        elif action == "stop":
            self.status = "idle"
        elif action == "reload":
            assert body.get("appName"), "reload needs appName"
            self.status = "done"
            self.generation += 1
        return True

    def posts(self):
        return [c for c in self.calls if c[0] == "POST"]


def lifecycle_params(**params):
    defaults = dict((k, v.get("default")) for k, v in lifecycle_argument_spec().items())
    defaults.update(params)
    return defaults


def context(fake, check_mode=False, warnings=None):
    return Context(fake, check_mode=check_mode, warn=None if warnings is None else warnings.append,
                   clock=fake.clock, sleep=fake.sleep)


def lifecycle(fake, check_mode=False, service_id=APP_ID, warnings=None, **params):
    return Lifecycle(context(fake, check_mode, warnings), fake.kind, service_id, lifecycle_params(**params),
                     clock=fake.clock, sleep=fake.sleep)


def done(dep_id, created="2026-11-29T09:00:00.000Z", status="done"):
    return {"deploymentId": dep_id, "title": "Manual deployment", "status": status, "createdAt": created,
            "finishedAt": "2026-11-29T09:00:05.000Z"}


# ---------------------------------------------------------------------------------------------------------
# Correlation: a deployment that existed before the call is never the new one
# ---------------------------------------------------------------------------------------------------------

def test_new_deployments_ignores_everything_in_the_snapshot():
    old = [done("old-2", "2026-11-29T09:00:02.000Z"), done("old-1", "2026-11-29T09:00:01.000Z")]
    assert new_deployments(old, ["old-1", "old-2"]) == []
    fresh = {"deploymentId": "x", "status": "running", "createdAt": "2026-11-29T09:00:03.000Z"}
    assert new_deployments([fresh] + old, ["old-1", "old-2"]) == [fresh]


def test_stale_finished_deployment_is_never_taken_for_the_new_one():
    # The newest deployment finished (done) before the call; the new job fails. The engine must wait
    # for the new row and report the failure, not return the stale success at the first poll.
    stale = done("stale", "2026-11-29T09:59:59.000Z")
    fake = FakeDokploy(status="done", deployments=[stale], pickup=2.5, duration=3.0, outcome="error")
    engine = lifecycle(fake, force_deploy=True)
    with pytest.raises(DokployDeploymentError) as info:
        engine.converge("deployed")
    assert info.value.deployment["deploymentId"] == "new-1"
    assert info.value.deployment["status"] == "error"
    # polls before the pickup saw only the stale row and went on polling
    polls = [c for c in fake.calls if c[1] == "deployment.all"]
    assert len(polls) >= 3


def test_stale_deployment_with_the_same_title_and_a_later_timestamp_is_ignored():
    # Even a pre-existing row with our title and a createdAt in the future is not ours: only the ID counts.
    stale = done("stale", "2099-01-01T00:00:00.000Z")
    stale["title"] = "Manual deployment"
    fake = FakeDokploy(status="done", deployments=[stale], pickup=1.2, duration=2.0)
    result = lifecycle(fake, force_deploy=True).converge("deployed")
    assert result["deployment"]["deploymentId"] == "new-1"
    assert result["deployment"]["status"] == "done"


def test_snapshot_is_taken_before_the_trigger():
    fake = FakeDokploy(status="idle")
    lifecycle(fake).converge("deployed")
    kinds = [(c[0], c[1]) for c in fake.calls]
    first_post = kinds.index(("POST", "application.deploy"))
    assert ("GET", "deployment.all") in kinds[:first_post]


def test_compose_uses_all_by_compose_and_redeploy_on_restart():
    fake = FakeDokploy(kind="compose", status="done", deployments=[done("old")])
    result = lifecycle(fake).converge("restarted")
    assert result["changed"] is True
    assert result["lifecycle_action"] == "redeploy"
    assert [c[1] for c in fake.posts()] == ["compose.redeploy"]
    assert all(c[1] != "deployment.all" for c in fake.calls)
    assert result["deployment"]["deploymentId"] == "new-1"


# ---------------------------------------------------------------------------------------------------------
# Polling: one request per poll, growing interval up to the cap
# ---------------------------------------------------------------------------------------------------------

def test_poll_backoff_grows_to_the_cap_one_request_per_poll():
    fake = FakeDokploy(status="idle", pickup=0.2, duration=60.0)
    lifecycle(fake, wait_for="deployment").converge("deployed")
    trigger = [c for c in fake.posts() if c[1] == "application.deploy"][0][3]
    polls = [c[3] for c in fake.calls if c[1] == "deployment.all" and c[3] > trigger]
    gaps = [round(b - a, 3) for a, b in zip([trigger] + polls, polls)]
    assert gaps[:5] == [1.0, 1.5, 2.25, 3.0, 3.0]
    assert all(g == POLL_CAP for g in gaps[3:])
    # one GET per poll, nothing else between the trigger and the end but the final status read
    between = [c for c in fake.calls if c[3] > trigger and c[1] != "deployment.all"]
    assert [c[1] for c in between] == ["application.one"]


def test_poll_interval_option_sets_the_first_interval():
    poller = Poller(initial=0.5, timeout=100, clock=lambda: 0.0, sleep=lambda s: None)
    seen = []
    for dummy in range(8):
        seen.append(poller.interval)
        poller.wait()
    assert seen[:5] == [0.5, 0.75, 1.125, 1.6875, 2.53125]
    assert max(seen) == POLL_CAP


def test_large_poll_interval_is_kept_constant():
    poller = Poller(initial=30, timeout=1000, clock=lambda: 0.0, sleep=lambda s: None)
    for dummy in range(3):
        poller.wait()
    assert poller.interval == 30


# ---------------------------------------------------------------------------------------------------------
# Failure: log tail; timeout: goes on on the server, with its id
# ---------------------------------------------------------------------------------------------------------

def test_failed_deployment_raises_with_the_log_tail():
    fake = FakeDokploy(status="idle", outcome="error")
    engine = lifecycle(fake, log_lines=5)
    with pytest.raises(DokployDeploymentError) as info:
        engine.converge("deployed")
    error = info.value
    assert error.log == "\n".join("line %d" % i for i in range(196, 201))
    assert "new-1" in str(error) and "'error'" in str(error) and "line 200" in str(error) and "line 195" not in str(error)
    assert error.to_failure()["deployment_id"] == "new-1"
    assert error.to_failure()["log"] == error.log
    reads = [c for c in fake.calls if c[1] == "deployment.readLogs"]
    assert reads[0][2] == {"deploymentId": "new-1", "tail": 5}


def test_cancelled_deployment_fails_too():
    fake = FakeDokploy(status="idle", outcome="cancelled")
    with pytest.raises(DokployDeploymentError) as info:
        lifecycle(fake).converge("deployed")
    assert "'cancelled'" in str(info.value)


def test_timeout_names_the_running_deployment_and_says_it_goes_on():
    fake = FakeDokploy(status="idle", duration=100.0)
    with pytest.raises(DokployDeploymentTimeout) as info:
        lifecycle(fake, wait_timeout=20).converge("deployed")
    message = str(info.value)
    assert "new-1" in message and "goes on on the server" in message and "'running'" in message
    assert info.value.deployment["deploymentId"] == "new-1"
    trigger = fake.posts()[0][3]
    assert fake.now - trigger == pytest.approx(20.0)  # waited exactly wait_timeout, never past it


def test_timeout_before_any_deployment_appears_says_it_is_queued():
    fake = FakeDokploy(status="idle", pickup=1000.0)
    with pytest.raises(DokployDeploymentTimeout) as info:
        lifecycle(fake, wait_timeout=10).converge("deployed")
    assert "still queued" in str(info.value)
    assert info.value.deployment is None


def test_service_failure_carries_the_deployment_record_and_the_log(monkeypatch):
    fake = FakeDokploy(status="idle", outcome="error")
    resource = Application(context(fake), lifecycle_params(state="deployed", application_id=APP_ID))
    monkeypatch.setattr(resource, "ensure_present", lambda: {
        "changed": False, "application": {"applicationId": APP_ID, "applicationStatus": "idle"}})
    with pytest.raises(DokployDeploymentError) as info:
        resource.run()
    failed = info.value.result
    assert failed["deployment"]["deploymentId"] == "new-1"
    assert failed["changed"] is True
    assert failed["application"]["applicationStatus"] == "error"
    assert "line 200" in str(info.value)


@pytest.mark.parametrize("option, value", [("poll_interval", -0.5), ("wait_timeout", -1), ("log_lines", -3)])
def test_negative_durations_and_counts_are_refused(option, value):
    with pytest.raises(DokployParamError) as info:
        check_lifecycle(lifecycle_params(**{option: value}))
    assert info.value.option == option
    assert option in str(info.value) and "negative" in str(info.value)


def test_zero_and_defaults_are_accepted():
    # accepted: check_lifecycle returns nothing (a refusal raises DokployParamError, above)
    assert check_lifecycle(lifecycle_params(wait_timeout=0, poll_interval=0, log_lines=0)) is None
    assert check_lifecycle({}) is None


# ---------------------------------------------------------------------------------------------------------
# States
# ---------------------------------------------------------------------------------------------------------

def test_deployed_twice_does_nothing_the_second_time():
    fake = FakeDokploy(status="idle")
    first = lifecycle(fake).converge("deployed")
    assert first["changed"] is True and first["deployment"]["status"] == "done"
    assert first["status"] == "done"
    posts = len(fake.posts())
    second = lifecycle(fake).converge("deployed")
    assert second["changed"] is False
    assert len(fake.posts()) == posts
    assert second["deployment"]["deploymentId"] == first["deployment"]["deploymentId"]


def test_deployed_redeploys_after_a_config_change_or_a_failed_latest_deployment():
    fake = FakeDokploy(status="done", deployments=[done("ok")])
    assert lifecycle(fake).converge("deployed", changed_config=True)["changed"] is True
    fake = FakeDokploy(status="error", deployments=[done("bad", "2026-11-29T09:00:09.000Z", "error"), done("ok")])
    assert lifecycle(fake).converge("deployed")["lifecycle_action"] == "deploy"


def test_deployed_waits_for_a_deployment_already_running_without_triggering():
    running = {"deploymentId": "theirs", "status": "running", "createdAt": "2026-11-29T09:00:09.000Z"}
    fake = FakeDokploy(status="running", deployments=[running, done("ok")])

    def finish(seconds):
        fake.now += seconds
        if fake.now > 1003:
            running["status"] = "done"

    engine = Lifecycle(context(fake), "application", APP_ID, lifecycle_params(), clock=fake.clock, sleep=finish)
    result = engine.converge("deployed")
    assert result["changed"] is False
    assert result["deployment"]["deploymentId"] == "theirs" and result["deployment"]["status"] == "done"
    assert fake.posts() == []


def test_check_mode_never_triggers_and_predicts():
    fake = FakeDokploy(status="idle")
    result = lifecycle(fake, check_mode=True).converge("deployed")
    assert result["changed"] is True and result["lifecycle_action"] == "deploy"
    fake2 = FakeDokploy(status="done", deployments=[done("ok")])
    for state, changed in (("started", False), ("stopped", True), ("restarted", True)):
        assert lifecycle(fake2, check_mode=True).converge(state)["changed"] is changed
    assert fake.posts() == [] and fake2.posts() == []
    # service still to be created (check mode): predicted without a single call
    fake3 = FakeDokploy()
    assert lifecycle(fake3, check_mode=True, service_id=None).converge("deployed")["changed"] is True
    assert fake3.calls == []


def test_wait_false_returns_after_the_trigger():
    fake = FakeDokploy(status="idle")
    result = lifecycle(fake, wait=False).converge("deployed")
    assert result["changed"] is True and result["deployment"] == {}
    assert [c[1] for c in fake.calls if c[1] == "deployment.all"] == ["deployment.all"]


def test_stopped_is_idempotent_from_the_idle_status():
    fake = FakeDokploy(status="done", deployments=[done("ok")])
    first = lifecycle(fake).converge("stopped")
    assert first["changed"] is True and first["status"] == "idle"
    second = lifecycle(fake).converge("stopped")
    assert second["changed"] is False
    assert [c[1] for c in fake.posts()] == ["application.stop"]


def test_started_starts_a_stopped_app_and_deploys_a_never_built_one():
    fake = FakeDokploy(status="idle", deployments=[done("ok")])
    result = lifecycle(fake).converge("started")
    assert result["lifecycle_action"] == "start" and result["status"] == "done"
    assert lifecycle(fake).converge("started")["changed"] is False
    fresh = FakeDokploy(status="idle")
    assert lifecycle(fresh).converge("started")["lifecycle_action"] == "deploy"


def test_restarted_application_reloads_with_app_name():
    fake = FakeDokploy(status="done", deployments=[done("ok")])
    result = lifecycle(fake).converge("restarted")
    assert result["changed"] is True and result["lifecycle_action"] == "reload"
    assert fake.posts()[0][2] == {"applicationId": APP_ID, "appName": "web-abc123"}


def test_database_deploy_is_synchronous_with_the_long_timeout():
    fake = FakeDokploy(kind="postgres", status="idle", duration=30)
    result = lifecycle(fake, wait_timeout=600).converge("deployed")
    assert result["changed"] is True and result["status"] == "done"
    post = fake.posts()[0]
    assert post[1] == "postgres.deploy" and post[4] == 600
    assert not any(c[1].startswith("deployment.") for c in fake.calls)
    # deployed again: nothing
    assert lifecycle(fake).converge("deployed")["changed"] is False


def test_database_deploy_failure_and_timeout():
    fake = FakeDokploy(kind="mysql", status="idle")
    fake.db_deploy_error = DokployError("Error on deploy mysqlError: no daemon", status=500, procedure="mysql.deploy")
    with pytest.raises(DokployDeploymentError) as info:
        lifecycle(fake).converge("deployed")
    assert "no daemon" in str(info.value)
    fake = FakeDokploy(kind="redis", status="idle")
    fake.db_deploy_error = DokployConnectionError("read timed out", procedure="redis.deploy", outcome_unknown=True)
    with pytest.raises(DokployDeploymentTimeout) as info:
        lifecycle(fake).converge("deployed")
    assert "goes on on the server" in str(info.value)


def test_database_states():
    fake = FakeDokploy(kind="mongo", status="done")
    assert lifecycle(fake).converge("started")["changed"] is False
    assert lifecycle(fake).converge("restarted")["lifecycle_action"] == "reload"
    assert lifecycle(fake).converge("stopped")["lifecycle_action"] == "stop"
    assert lifecycle(fake).converge("stopped")["changed"] is False
    # a stopped database reads idle, like a never-deployed one: started deploys it (which also starts it)
    assert lifecycle(fake).converge("started")["lifecycle_action"] == "deploy"


# ---------------------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------------------

def test_tail_lines():
    assert tail_lines("a\nb\nc\n", 2) == "b\nc"
    assert tail_lines("a\nb\nc", 10) == "a\nb\nc"
    assert tail_lines("a\nb", 0) == ""
    assert tail_lines(None, 3) is None


def test_newest_first_sorts_by_created_at():
    items = [{"deploymentId": "a", "createdAt": "2026-01-01"}, {"deploymentId": "b", "createdAt": "2026-02-01"}]
    assert [d["deploymentId"] for d in newest_first(items)] == ["b", "a"]


def test_lost_deploy_answer_is_not_repeated_and_the_new_deployment_is_awaited():
    fake = FakeDokploy(status="idle")
    original = fake.post

    def post(procedure, body, timeout=None):
        original(procedure, body, timeout)  # the job is queued, then the answer is lost
        raise DokployConnectionError("connection reset", procedure=procedure, outcome_unknown=True)

    fake.post = post
    warnings = []
    result = lifecycle(fake, warnings=warnings).converge("deployed")
    assert result["deployment"]["status"] == "done"
    assert len([c for c in fake.calls if c[0] == "POST"]) == 1
    assert "waiting to see" in warnings[0]
