# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The lifecycle states: deploy, start, stop and restart a service, and wait for the real outcome.

Used by dokploy_application, dokploy_compose and dokploy_database for ``state: deployed | started |
stopped | restarted`` (API.md section 6, NOTES.md "Deployments"). How a deploy runs is the kind's
(tables/_kinds.py ``deploy``), and one strategy class each:

* QueuedDeploys (applications, compose): ``deploy`` only queues a job; the outcome is a new deployment
  row, watched by deployments.DeploymentWatcher.
* SyncDeploys (databases): ``deploy`` runs inside the call (long HTTP timeout) and leaves no deployment
  row; the status tells the outcome.

The service resources (resources/_service.py) run it after converging the configuration.

Replicas. What Dokploy does in the swarm (read in its source, v0.25.11 and v0.30.2 alike):

* ``application.start`` and ``<database>.start`` are startService (packages/server/src/utils/docker/utils.ts):
  ``docker service scale <appName>=1``, whatever the row's ``replicas``; ``stop`` is stopService, ``scale <appName>=0``.
* ``application.reload`` is mechanizeDockerContainer (packages/server/src/utils/builders/index.ts): it updates (or
  creates) the service with the whole spec of generateConfigContainer (utils/docker/utils.ts), whose ``Mode`` is the
  row's ``modeSwarm`` or else ``{Replicated: {Replicas: <row.replicas>}}``; a deploy ends with the same call, and a
  database deploy (build<Kind>, utils/databases/<kind>.ts) writes the same ``Mode``. Dokploy has no scale endpoint.
* ``<database>.reload`` (routers/<kind>.ts) is stopService then startService: 1 replica.
* ``compose.start`` (startCompose, services/compose.ts) runs ``docker compose up -d`` for a docker-compose project
  (which brings back the replicas of the compose file) and nothing for a ``stack``, which ``compose.stop`` removed
  (``docker stack rm``).

So a service whose spec asks for other than 1 replica (``replicas: 2``, a global ``modeSwarm``) is started by a reload
(applications) or a deploy (databases, compose stacks), not by Dokploy's start, and a database is restarted by a deploy.
Dokploy's start leaves the status ``done`` at any replica count, so ``state: started`` on a running service that
should run more than 1 replica also counts its tasks (``docker.getServiceContainersByAppName``, ``docker service
ps``) and starts it again when fewer run: a service started elsewhere with Dokploy's start is brought back.
Seen on a real v0.30.2 and swarm (2026-12-07): ``replicas: 2``, stop, ``application.start`` -> 1/1 with status ``done``;
``state: started`` (a reload) -> 2/2 running 12-20 s after the task began.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import (
    DokployConnectionError,
    DokployError,
    DokployParamError,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._deployments import (
    DEFAULT_POLL_INTERVAL,
    DEFAULT_WAIT_TIMEOUT,
    FAILED_STATUSES,
    FINAL_STATUSES,
    DeploymentWatcher,
    DokployDeploymentError,
    DokployDeploymentTimeout,
    ever_succeeded,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._kinds import QUEUED, SYNC, ServiceKind, service_kind
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._running import (
    LIVE_TASK_STATES,
    RunningCheck,
    check_running_params,
    running_argument_spec,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._secrets import mask

LIFECYCLE_STATES = ("deployed", "started", "stopped", "restarted")

# service status (applicationStatus / composeStatus): idle | running | done | error. stop sets idle, start sets done.
STOPPED_STATUS = "idle"
RUNNING_STATUSES = ("done", "running")

DEFAULT_LOG_LINES = 50
# Options that are durations or counts: a negative value is refused before any request.
NON_NEGATIVE_OPTIONS = ("wait_timeout", "poll_interval", "log_lines")


def lifecycle_argument_spec():
    """The lifecycle options (doc fragment ``dokploy.dokploy.dokploy.LIFECYCLE``); ``state`` is the module's own."""
    spec = dict(
        wait=dict(type="bool", default=True),
        wait_timeout=dict(type="int", default=DEFAULT_WAIT_TIMEOUT),
        poll_interval=dict(type="float", default=DEFAULT_POLL_INTERVAL),
        force_deploy=dict(type="bool", default=False),
        log_lines=dict(type="int", default=DEFAULT_LOG_LINES),
    )
    spec.update(running_argument_spec())
    return spec


def check_lifecycle(params):
    """Refuse a negative ``wait_timeout``, ``poll_interval`` or ``log_lines`` (those present in ``params``)."""
    for option in NON_NEGATIVE_OPTIONS:
        value = params.get(option)
        if value is not None and value < 0:
            raise DokployParamError("%s must not be negative (got %s)" % (option, value), option=option)
    check_running_params(params)


class Lifecycle(object):
    """Deploys, starts, stops and restarts one service of ``kind`` (a ServiceKind or its name)."""

    def __init__(self, ctx, kind, service_id, params, clock=None, sleep=None):
        self.ctx = ctx
        self.client = ctx.client
        self.kind = kind if isinstance(kind, ServiceKind) else service_kind(kind)
        self.service_id = service_id
        self.check_mode = ctx.check_mode
        self.wait = params.get("wait", True) is not False
        self.wait_timeout = params.get("wait_timeout") or DEFAULT_WAIT_TIMEOUT
        self.force_deploy = bool(params.get("force_deploy"))
        log_lines = params.get("log_lines")
        self.watcher = DeploymentWatcher(
            self.client, self.kind, service_id, self.label,
            poll_interval=params.get("poll_interval") or DEFAULT_POLL_INTERVAL, wait_timeout=self.wait_timeout,
            log_lines=DEFAULT_LOG_LINES if log_lines is None else log_lines,
            clock=clock or ctx.clock, sleep=sleep or ctx.sleep)
        self.deploys = DEPLOY_STRATEGIES[self.kind.deploy](self)
        self.running = RunningCheck(self, params)
        self._service = None

    # -- reading ------------------------------------------------------------------------------

    def label(self):
        if self._service is None and self.service_id:
            try:
                self.service()
            except DokployError:
                pass  # only for the message
        name = (self._service or {}).get("name")
        return "%s '%s'" % (self.kind.label, name) if name else "%s %s" % (self.kind.label, self.service_id)

    def seed(self, row):
        """Take ``row`` (``<kind>.one`` as read in this task) for the service instead of reading it again."""
        self._service = row

    def service(self, refresh=False):
        """``<kind>.one``: the service with its status and appName."""
        if self._service is None or refresh:
            self._service = self.client.get(self.kind.procedure("one"), {self.kind.id_field: self.service_id})
        return self._service

    def status(self, refresh=False):
        return (self.service(refresh) or {}).get(self.kind.status_field)

    def spec_replicas(self):
        """The replicas Dokploy writes into the swarm spec on a deploy or reload (generateConfigContainer):
        ``modeSwarm.Replicated.Replicas`` or ``replicas``; None when not a count (compose, a global mode)."""
        if not self.kind.swarm_service:
            return None
        service = self.service() or {}
        mode = service.get("modeSwarm")
        if mode:
            replicated = mode.get("Replicated")
            return None if replicated is None else replicated.get("Replicas", 1)
        replicas = service.get("replicas")
        return 1 if replicas is None else replicas

    def start_scales_right(self):
        """Whether Dokploy's start (``docker service scale <appName>=1``) gives the service its declared replicas."""
        return not self.kind.swarm_service or self.spec_replicas() == 1

    def running_replicas(self):
        """Replica slots of the swarm service with a live task, or None when they cannot be read."""
        try:
            tasks = self.running.tasks()
        except DokployError as error:
            self.ctx.warn("%s: could not count the running replicas (%s); the status %r is taken as started"
                          % (self.label(), error, self.status()))
            return None
        return len(set(task["slot"] for task in tasks if task["desired_state"] in LIVE_TASK_STATES))

    def missing_replicas(self):
        """Whether the service runs fewer replicas than its spec asks for (e.g. after Dokploy's start).

        Read only where Dokploy's own start leaves the service short (a spec of more than 1 replica): a service of
        1 replica costs no extra request."""
        wanted = self.spec_replicas()
        if wanted is None or wanted <= 1:
            return False
        running = self.running_replicas()
        return running is not None and running < wanted

    # -- the states ---------------------------------------------------------------------------

    def converge(self, state, changed_config=False, created=False):
        """Bring the service to ``state``; returns ``{changed, deployment, lifecycle_action, status}``.

        ``changed_config``: the configuration was changed (or the service created) earlier in this task.
        """
        if self.service_id is None:
            # Check mode, service still to be created: predict without reading anything.
            action = None if state == "stopped" else "deploy"
            return self.outcome(action is not None, action, None, status=None)
        if state == "deployed":
            return self.ensure_deployed(changed_config or created)
        if state == "started":
            return self.ensure_started()
        if state == "stopped":
            return self.ensure_stopped()
        if state == "restarted":
            return self.restart()
        raise DokployError("unknown lifecycle state %s" % state)

    def ensure_deployed(self, changed_config):
        return self.deploys.ensure_deployed(changed_config)

    def ensure_started(self):
        status = self.status()
        if status in RUNNING_STATUSES and not self.missing_replicas():
            return self.unchanged(None, status=status)
        return self.deploys.start()

    def ensure_stopped(self):
        status = self.status()
        if status == STOPPED_STATUS:
            return self.outcome(False, None, None, status=status)
        return self.simple_action("stop", STOPPED_STATUS)

    def restart(self):
        return self.deploys.restart()

    # -- actions ------------------------------------------------------------------------------

    def simple_action(self, action, expected_status, with_app_name=False):
        """A synchronous action (start, stop, reload): one call, then the status as Dokploy leaves it; after a start
        or reload, wait until the service runs (resources/_running.py)."""
        if self.check_mode:
            return self.outcome(True, action, None, status=expected_status)
        body = {self.kind.id_field: self.service_id}
        if with_app_name:
            body["appName"] = self.service().get("appName")  # required by the schema [190]
        snapshot = self.running.snapshot() if action != "stop" else None
        self.client.post(self.kind.procedure(action), body, timeout=self.wait_timeout)
        if action != "stop":
            self.running.verify(snapshot)
        return self.outcome(True, action, None, status=self.status(refresh=True))

    def unchanged(self, deployment, status=False):
        """Nothing done: a service that should run (status done/running) is checked once to run (resources/_running.py)."""
        current = self.status() if status is False else status
        if current in RUNNING_STATUSES and self.wait:
            self.running.verify(None, deployment, acted=False)
        return self.outcome(False, None, deployment, status=status)

    def outcome(self, changed, action, deployment, status=False):
        if status is False:
            status = self.status(refresh=True) if (changed and not self.check_mode and self.service_id) else \
                (self._service or {}).get(self.kind.status_field)
        return {
            "changed": changed,
            "lifecycle_action": action,
            "deployment": mask(deployment) if deployment else {},
            "status": status,
        }


class QueuedDeploys(object):
    """Applications and compose stacks: ``deploy`` queues a job, a new deployment row tells the outcome."""

    def __init__(self, lifecycle):
        self.lifecycle = lifecycle
        self.watcher = lifecycle.watcher

    def ensure_deployed(self, changed_config):
        lifecycle = self.lifecycle
        deployments = self.watcher.deployments()
        newest = deployments[0] if deployments else None
        if changed_config or lifecycle.force_deploy:
            return self.deploy(deployments)
        if newest is not None and newest.get("status") not in FINAL_STATUSES:
            # A deployment started elsewhere (webhook, UI) is under way: report its real outcome, trigger nothing.
            if lifecycle.wait and not lifecycle.check_mode:
                return lifecycle.unchanged(self.watcher.wait_final(newest), status=lifecycle.status(refresh=True))
            return lifecycle.outcome(False, None, newest)
        if not ever_succeeded(deployments) or newest.get("status") in FAILED_STATUSES:
            # Never deployed successfully, or the latest deployment failed: the configuration is not deployed.
            return self.deploy(deployments)
        return lifecycle.unchanged(newest)

    def start(self):
        lifecycle = self.lifecycle
        deployments = self.watcher.deployments()
        if not ever_succeeded(deployments):
            return self.deploy(deployments)  # nothing to start: never built
        if lifecycle.kind.name == "compose" and lifecycle.service().get("composeType") == "stack":
            return self.deploy(deployments)  # compose.start runs nothing for a stack, which compose.stop removed
        if not lifecycle.start_scales_right():
            # Dokploy's start scales to 1; its reload recreates the service with the stored replicas (module doc).
            return lifecycle.simple_action("reload", "done", with_app_name=True)
        return lifecycle.simple_action("start", "done")

    def restart(self):
        if self.lifecycle.kind.name == "compose":
            # No reload for compose; stop + start would remove a stack. Dokploy's restart is a redeploy.
            return self.deploy(self.watcher.deployments(), procedure="redeploy")
        deployments = self.watcher.deployments()
        if not ever_succeeded(deployments):
            return self.deploy(deployments)
        return self.lifecycle.simple_action("reload", "done", with_app_name=True)

    def deploy(self, snapshot, procedure="deploy"):
        """Trigger ``<kind>.<procedure>`` and (when waiting) wait for a deployment that is not in ``snapshot``."""
        lifecycle = self.lifecycle
        if lifecycle.check_mode:
            return lifecycle.outcome(True, procedure, None)
        snapshot_ids = [d.get("deploymentId") for d in snapshot]
        tasks = lifecycle.running.snapshot() if lifecycle.wait else None
        try:
            lifecycle.client.post(lifecycle.kind.procedure(procedure), {lifecycle.kind.id_field: lifecycle.service_id})
        except DokployConnectionError as error:
            if not error.outcome_unknown or not lifecycle.wait:
                raise
            # The answer was lost: the job may be queued or not. Never trigger twice; a new deployment tells.
            lifecycle.ctx.warn("%s: %s; waiting to see whether a deployment starts"
                               % (lifecycle.kind.procedure(procedure), error))
            deployment = self.watcher.wait_for_new(snapshot_ids, answer_lost=True)
        else:
            if not lifecycle.wait:
                return lifecycle.outcome(True, procedure, None, status=None)
            deployment = self.watcher.wait_for_new(snapshot_ids)
        lifecycle.running.verify(tasks, deployment)
        return lifecycle.outcome(True, procedure, deployment)


class SyncDeploys(object):
    """Databases: ``deploy`` runs inside the call and leaves no deployment row; the status tells the outcome."""

    def __init__(self, lifecycle):
        self.lifecycle = lifecycle

    def ensure_deployed(self, changed_config):
        lifecycle = self.lifecycle
        if changed_config or lifecycle.force_deploy or lifecycle.status() not in RUNNING_STATUSES:
            return self.deploy()
        return lifecycle.unchanged(None)

    def start(self):
        # A database reads idle both when stopped and when never deployed: its deploy creates or updates
        # the swarm service with its replicas, which starts it in both cases.
        return self.deploy()

    def restart(self):
        if self.lifecycle.status() not in RUNNING_STATUSES or not self.lifecycle.start_scales_right():
            return self.deploy()  # a database's reload is a stop and a start: 1 replica; a deploy keeps its replicas
        return self.lifecycle.simple_action("reload", "done", with_app_name=True)

    def deploy(self):
        """``<db>.deploy`` runs inside the call (pull, then create/update the swarm service); then read the status."""
        lifecycle = self.lifecycle
        if lifecycle.check_mode:
            return lifecycle.outcome(True, "deploy", None)
        procedure = lifecycle.kind.procedure("deploy")
        lifecycle.service()  # for the label in messages
        tasks = lifecycle.running.snapshot()
        try:
            lifecycle.client.post(procedure, {lifecycle.kind.id_field: lifecycle.service_id},
                                  timeout=lifecycle.wait_timeout)
        except DokployConnectionError as error:
            if not error.outcome_unknown:
                raise
            raise DokployDeploymentTimeout(
                "The deploy of %s did not answer within %d s (wait_timeout): Dokploy deploys databases inside the "
                "call, and the deploy goes on on the server (databases have no deployment ID). Read the status "
                "later with the module in state present. (%s)" % (lifecycle.label(), lifecycle.wait_timeout, error),
                procedure=procedure)
        except DokployError as error:
            if error.status and error.status >= 500:
                raise DokployDeploymentError("The deploy of %s failed: %s" % (lifecycle.label(), error.message),
                                             status=error.status, code=error.code, procedure=error.procedure)
            raise
        status = lifecycle.status(refresh=True)
        if status == "error":
            raise DokployDeploymentError("The deploy of %s ended with status 'error'" % lifecycle.label(),
                                         procedure=procedure)
        lifecycle.running.verify(tasks)
        return lifecycle.outcome(True, "deploy", None, status=status)


DEPLOY_STRATEGIES = {QUEUED: QueuedDeploys, SYNC: SyncDeploys}
