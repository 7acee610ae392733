# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Whether a service runs: its swarm tasks (or compose containers) as Dokploy's Docker router reports them.

A deployment that Dokploy reports ``done`` only says that Dokploy finished its own steps (the image pulled, ``docker
service create|update`` accepted). Seen on a real v0.30.2 with a real swarm: an application whose container exits at
once has a ``done`` deployment while the swarm restarts its task again and again (``task: non-zero exit (3)``). So
after a deploy, start or reload, ``wait_for: running`` (the default) also waits until the service runs: every
replica slot's newest task is running, and none of the tasks made since the action failed, for ``settle_time``.

What Dokploy answers (packages/server/src/services/docker.ts, v0.25.11 and v0.30.2 alike; recorded on v0.30.2):

* ``docker.getServiceContainersByAppName`` (applications, databases: ``docker service ps <appName>``) and
  ``docker.getStackContainersByAppName`` (compose ``stack``: ``docker stack ps``): one object per task, newest first
  within a slot, ``{containerId (the task ID), name ("<service>.<slot>", no "\\_" prefix), state (the DESIRED state,
  lower case), node, currentState ("Running 6 seconds ago", "Failed 2 seconds ago", "Rejected 2 seconds ago",
  "Pending 8 seconds ago", "Ready less than a second ago"), error ('"task: non-zero exit (3)"', '"No such image:
  127.0.0.1:5000/x:v1"', '"no suitable node (scheduling constraints not satisfied on 1 node)"', quoted, or "";
  the last task of the answer says "Error:" for none)}``;
  anything on stderr (no such service, no Docker) answers ``[]``. Each takes ``serverId`` for a remote server.
* ``docker.getContainersByAppNameMatch`` with ``appType: docker-compose`` (``docker ps -a`` filtered by the compose
  project label): ``{containerId, name, state ("running", "exited", "restarting"), status ("Exited (3) 2 seconds
  ago")}``.

Dokploy's deploy and reload of applications and databases always replace every task (``ForceUpdate + 1``,
utils/builders/index.ts mechanizeDockerContainer, utils/databases/<kind>.ts), and start scales from 0: so after those
the running tasks must be new ones (not in the snapshot taken before the action). A compose stack's unchanged services
keep their tasks.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError, DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._deployments import DokployDeploymentError, Poller

WAIT_FOR = ("running", "deployment")
DEFAULT_WAIT_FOR = "running"
# Seconds every replica must keep running after all of them were seen running. A container that exits at once fails
# within a second of its start (measured on the real swarm, benchmarks/running_check.py); 3 s also covers one that
# dies after a short start-up, and is what a healthy deploy pays at most.
DEFAULT_SETTLE_TIME = 3.0
# The first read comes at once (a failure is often there already), then 0.5 s, growing to 2 s.
POLL_INITIAL = 0.5
POLL_CAP = 2.0
# Seconds an empty task list is waited out after an action (a service Docker has not listed yet) before it is taken
# for Dokploy being unable to answer.
EMPTY_GRACE = 10.0

# Desired states of a task that holds a replica slot ("ready": waiting out a restart delay).
LIVE_TASK_STATES = ("running", "ready")
FAILED_CURRENT = ("failed", "rejected", "complete", "orphaned", "remove")
COMPOSE_BAD_STATES = ("restarting", "dead")
_EXIT_CODE = re.compile(r"^exited \((\d+)\)", re.IGNORECASE)


class DokployServiceNotRunning(DokployDeploymentError):
    """The service does not run after its deploy, start or reload: its tasks failed or never ran."""

    def __init__(self, message, tasks=None, **kwargs):
        super(DokployServiceNotRunning, self).__init__(message, **kwargs)
        self.tasks = tasks or []

    def to_failure(self):
        failure = super(DokployServiceNotRunning, self).to_failure()
        failure["tasks"] = self.tasks
        return failure


def running_argument_spec():
    return dict(
        wait_for=dict(type="str", default=DEFAULT_WAIT_FOR, choices=list(WAIT_FOR)),
        settle_time=dict(type="float", default=DEFAULT_SETTLE_TIME),
    )


def check_running_params(params):
    value = params.get("settle_time")
    if value is not None and value < 0:
        raise DokployParamError("settle_time must not be negative (got %s)" % value, option="settle_time")


def _text(value):
    return value if isinstance(value, str) else ("" if value is None else str(value))


def normalize_task(item):
    """A task as the module returns it: ``{id, slot, desired_state, current_state, error, node}``."""
    error = _text(item.get("error")).strip()
    if error == "Error:":
        # Dokploy trims the whole output, so the last line loses the space after an empty "Error: " and its
        # prefix is not removed (recorded on v0.30.2): no error.
        error = ""
    if len(error) >= 2 and error[0] == error[-1] == '"':
        error = error[1:-1]  # docker's {{.Error}} is quoted
    return {
        "id": item.get("containerId"),
        "slot": item.get("name"),
        "desired_state": _text(item.get("state")).lower(),
        # None: the server does not say (v0.25.11's services/docker.ts formats only {{.DesiredState}}; recorded
        # on a real v0.25.11), so only the desired state can be judged there.
        "current_state": _text(item.get("currentState")) if "currentState" in item else None,
        "error": error,
        "node": item.get("node"),
    }


def normalize_container(item):
    """A compose container (``docker ps -a``) shaped as a task: its state is desired and current at once."""
    state = _text(item.get("state")).lower()
    status = _text(item.get("status"))
    error = ""
    match = _EXIT_CODE.match(status)
    if state in COMPOSE_BAD_STATES or (state == "exited" and match and match.group(1) != "0"):
        error = status
    return {"id": item.get("containerId"), "slot": item.get("name"), "desired_state": "running" if state != "exited"
            else "shutdown", "current_state": status or state, "error": error, "node": None, "_compose": state}


def task_failed(task):
    if task.get("_compose") is not None:
        return bool(task["error"])
    current = task["current_state"]
    return bool(task["error"]) or (current is not None and current.split(" ", 1)[0].lower() in FAILED_CURRENT)


def task_running(task):
    if task.get("_compose") is not None:
        return task["_compose"] == "running"
    current = task["current_state"]
    return task["desired_state"] == "running" and (current is None or current.lower().startswith("running"))


def newest_by_slot(tasks):
    """The newest task of each slot (Docker lists a slot's tasks newest first), in the order of the slots."""
    slots = {}
    order = []
    for task in tasks:
        if task["slot"] not in slots:
            slots[task["slot"]] = task
            order.append(task["slot"])
    return [slots[slot] for slot in order]


def public(task):
    return dict((key, value) for key, value in task.items() if not key.startswith("_"))


def task_query(kind, service):
    """(procedure, query, normalize) reading the tasks of ``service`` (its row) of ``kind`` (a ServiceKind)."""
    query = {"appName": service.get("appName")}
    if service.get("serverId"):
        query["serverId"] = service["serverId"]
    if kind.swarm_service:
        return "docker.getServiceContainersByAppName", query, normalize_task
    if service.get("composeType") == "stack":
        return "docker.getStackContainersByAppName", query, normalize_task
    query["appType"] = "docker-compose"
    return "docker.getContainersByAppNameMatch", query, normalize_container


def read_tasks(client, kind, service):
    """The tasks (compose: containers) of ``service``, normalized, newest first within a slot; a DokployError
    passes. Also what the *_info modules return with ``with_tasks``."""
    procedure, query, normalize = task_query(kind, service)
    return [normalize(item) for item in client.get(procedure, query) or [] if isinstance(item, dict)]


class RunningCheck(object):
    """Reads the tasks of one service (``lifecycle``: a lifecycle.Lifecycle) and waits until it runs."""

    def __init__(self, lifecycle, params):
        self.lifecycle = lifecycle
        self.enabled = (params.get("wait_for") or DEFAULT_WAIT_FOR) == "running"
        settle = params.get("settle_time")
        self.settle_time = DEFAULT_SETTLE_TIME if settle is None else float(settle)

    # -- reading --------------------------------------------------------------------------------

    def query(self):
        return task_query(self.lifecycle.kind, self.lifecycle.service() or {})

    def tasks(self):
        """The service's tasks, normalized, newest first within a slot; a DokployError passes."""
        return read_tasks(self.lifecycle.client, self.lifecycle.kind, self.lifecycle.service() or {})

    def read(self, why):
        """``tasks()``, or None with a warning when Dokploy cannot answer (``why`` completes the warning)."""
        try:
            return self.tasks()
        except DokployError as error:
            self.lifecycle.ctx.warn("%s: could not read its tasks (%s); %s" % (self.lifecycle.label(), error, why))
            return None

    def snapshot(self):
        """The IDs of the tasks before an action (None when not checking or unreadable)."""
        if not self.enabled or self.lifecycle.check_mode:
            return None
        tasks = self.read("whether it runs after the action is not checked")
        return None if tasks is None else set(task["id"] for task in tasks)

    # -- waiting --------------------------------------------------------------------------------

    def wanted(self):
        """Replica slots that must run: the spec's count for a swarm service, None (every live slot) otherwise."""
        return self.lifecycle.spec_replicas() if self.lifecycle.kind.swarm_service else None

    def state(self, tasks, snapshot):
        """(failed tasks, whether it runs) for ``tasks`` against the ``snapshot`` taken before the action (None:
        no action, judge the newest task of each slot)."""
        require_new = snapshot is not None and self.lifecycle.kind.swarm_service
        if snapshot is None:
            failed = [task for task in newest_by_slot(tasks) if task_failed(task)]
        else:
            failed = [task for task in tasks if task["id"] not in snapshot and task_failed(task)]
        live = [task for task in newest_by_slot(tasks)
                if task["desired_state"] in LIVE_TASK_STATES or task.get("_compose") is not None]
        running = [task for task in live if task_running(task) and not (require_new and task["id"] in snapshot)]
        wanted = self.wanted()
        if wanted is None:
            runs = bool(live) and len(running) == len(live)
        else:
            runs = len(running) >= wanted
        return failed, runs

    def verify(self, snapshot, deployment=None, acted=True):
        """Wait until the service runs; raise DokployServiceNotRunning when a task fails or it never runs.

        ``snapshot``: task IDs before the action (``acted``); None for a service nothing was done to, which passes at
        the first read that finds it running. Returns the tasks seen last ([] when not checked)."""
        lifecycle = self.lifecycle
        if not self.enabled or lifecycle.check_mode or lifecycle.service_id is None:
            return []
        if self.wanted() == 0:
            return []  # replicas: 0 asks for nothing to run
        if acted and snapshot is None and lifecycle.kind.swarm_service:
            # the snapshot could not be read (warned): judge the newest tasks only
            acted = False
        poller = Poller(POLL_INITIAL, cap=POLL_CAP, timeout=lifecycle.wait_timeout, clock=lifecycle.ctx.clock,
                        sleep=lifecycle.ctx.sleep)
        running_since = None
        watched = None  # the running tasks of a service nothing was done to whose tasks show failures
        while True:
            tasks = self.read("whether it runs is not checked")
            if tasks is None:
                return []
            if not tasks and (not acted or poller.elapsed() >= max(self.settle_time, EMPTY_GRACE)):
                # Dokploy answers [] for whatever went wrong on its side (no such service, a line on stderr, no
                # Docker): not a verdict on the service.
                if acted:
                    lifecycle.ctx.warn("%s: Dokploy lists no task of it %d s after the action; whether it runs is not "
                                       "checked" % (lifecycle.label(), int(round(poller.elapsed()))))
                return []
            failed, runs = self.state(tasks, snapshot if acted else None)
            if acted:
                if failed:
                    raise self.failure(failed, tasks, deployment)
                if runs:
                    running_since = poller.clock() if running_since is None else running_since
                    if poller.clock() - running_since >= self.settle_time:
                        return [public(task) for task in tasks]
                else:
                    running_since = None
            else:
                # Nothing was done to it: running now is enough when its tasks show no failure. A crash loop read
                # while a try runs shows a running task over failed ones (seen on a real swarm): that task must still
                # run after settle_time. Otherwise it gets settle_time to come back (a task restarting after one
                # crash) before the failures it shows are reported.
                if runs and not failed:
                    if not any(task_failed(task) for task in tasks):
                        return [public(task) for task in tasks]
                    now_running = set(task["id"] for task in tasks if task_running(task))
                    if watched is None:
                        watched, running_since = now_running, poller.clock()
                    elif not watched <= now_running:
                        raise self.failure([task for task in tasks if task_failed(task)], tasks, deployment)
                    elif poller.clock() - running_since >= self.settle_time:
                        return [public(task) for task in tasks]
                elif poller.elapsed() >= self.settle_time:
                    recent = failed or [task for task in tasks if task_failed(task)]
                    if recent:
                        raise self.failure(recent, tasks, deployment)
                    raise self.not_running(tasks, deployment, poller)
            if not poller.wait():
                raise self.not_running(tasks, deployment, poller)

    # -- messages -------------------------------------------------------------------------------

    def failure(self, failed, tasks, deployment):
        lifecycle = self.lifecycle
        reasons = []
        for task in failed:
            reason = task["error"] or task["current_state"]
            if reason not in reasons:
                reasons.append(reason)
        text = "%s does not run: %s %s (%s)" % (
            lifecycle.label(), len(failed), "task failed" if len(failed) == 1 else "tasks failed", "; ".join(reasons))
        return self.error(text, tasks, deployment)

    def not_running(self, tasks, deployment, poller):
        newest = newest_by_slot(tasks)
        states = ", ".join("%s: %s%s" % (task["slot"], task["current_state"] or task["desired_state"],
                                         " (%s)" % task["error"] if task["error"] else "") for task in newest)
        text = "%s does not run %d s after its %s: %s" % (
            self.lifecycle.label(), int(round(poller.elapsed())), "deployment" if deployment else "action",
            states or "no task at all")
        return self.error(text, tasks, deployment)

    def error(self, text, tasks, deployment):
        lifecycle = self.lifecycle
        log = None
        if deployment and deployment.get("deploymentId"):
            from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._deployments import read_log
            try:
                log = read_log(lifecycle.client, deployment["deploymentId"], lifecycle.watcher.log_lines)
            except DokployError:
                log = None
            text += ". Dokploy's deployment %s is '%s'" % (deployment["deploymentId"], deployment.get("status"))
            if log:
                text += "; last %d lines of its log:\n%s" % (len(log.split("\n")), log)
        text += ("\nThe swarm keeps retrying the service; fix the cause and deploy again (wait_for: deployment "
                 "accepts what Dokploy's deployment alone says).")
        return DokployServiceNotRunning(text, tasks=[public(task) for task in tasks], deployment=deployment, log=log,
                                        procedure=self.query()[0])
