# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The lifecycle engine: deploy, start, stop and restart a service, and wait for the real outcome.

Used by dokploy_application, dokploy_compose and dokploy_database for ``state: deployed | started |
stopped | restarted`` (API.md section 6, NOTES.md "Deployments"):

* Applications and compose stacks deploy through Dokploy's in-memory queue: ``deploy`` returns before
  the deployment row exists. So the engine lists the service's deployments first (the snapshot),
  triggers, then polls the list - one request per poll, the interval growing up to a cap - until a
  deployment that is *not in the snapshot* appears and reaches a final status. Titles are never used
  to correlate (Dokploy overwrites them with the commit message for Git sources), nor timestamps
  (the server's clock is not ours).
* Databases deploy synchronously inside the ``deploy`` call (long HTTP timeout), and create no
  deployment rows; the engine then reads the status.
* On ``error``/``cancelled`` the engine reads the tail of the deployment's log and raises
  ``DokployDeploymentError`` carrying the deployment record and the log; on timeout it raises
  ``DokployDeploymentTimeout`` saying that the deployment goes on on the server, with its ID.

The service resources (resources/service.py) run it after converging the configuration.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible_collections.dokploy.dokploy.plugins.module_utils.client import DokployConnectionError, DokployError
from ansible_collections.dokploy.dokploy.plugins.module_utils.kinds import QUEUED, SERVICE_KINDS
from ansible_collections.dokploy.dokploy.plugins.module_utils.secrets import mask

LIFECYCLE_STATES = ("deployed", "started", "stopped", "restarted")

# deployment.status (API.md 4.2 / 6)
FINAL_STATUSES = ("done", "error", "cancelled")
FAILED_STATUSES = ("error", "cancelled")
# service status (applicationStatus / composeStatus): idle | running | done | error. stop sets idle, start sets done.
STOPPED_STATUS = "idle"
RUNNING_STATUSES = ("done", "running")


# Polling defaults: first poll 1 s after the trigger, each later interval 1.5 times the previous one, capped at
# 3 s (1, 1.5, 2.25, 3, 3, ...). A deployment's end is seen within 3 s (1.5 s on average) at one light GET per
# poll: at most 20 requests a minute, a third of what Dokploy's own deployments page sends (it refetches the
# list every second: show-deployments.tsx, refetchInterval 1000).
DEFAULT_POLL_INTERVAL = 1.0
POLL_GROWTH = 1.5
POLL_CAP = 3.0
DEFAULT_WAIT_TIMEOUT = 900
DEFAULT_LOG_LINES = 50



def lifecycle_argument_spec():
    """The lifecycle options (doc fragment ``dokploy.dokploy.dokploy.LIFECYCLE``); ``state`` is the module's own."""
    return dict(
        wait=dict(type="bool", default=True),
        wait_timeout=dict(type="int", default=DEFAULT_WAIT_TIMEOUT),
        poll_interval=dict(type="float", default=DEFAULT_POLL_INTERVAL),
        force_deploy=dict(type="bool", default=False),
        log_lines=dict(type="int", default=DEFAULT_LOG_LINES),
    )


class DokployDeploymentError(DokployError):
    """A deployment that ended in ``error`` or ``cancelled`` (or a database deploy that failed).

    ``deployment`` is the deployment record (None for databases, which have none), ``log`` the tail of
    its log (None when it could not be read).
    """

    def __init__(self, message, deployment=None, log=None, **kwargs):
        super(DokployDeploymentError, self).__init__(message, **kwargs)
        self.deployment = deployment
        self.log = log

    def to_failure(self):
        failure = super(DokployDeploymentError, self).to_failure()
        failure["deployment_id"] = (self.deployment or {}).get("deploymentId")
        failure["deployment_status"] = (self.deployment or {}).get("status")
        failure["log"] = self.log
        return failure


class DokployDeploymentTimeout(DokployDeploymentError):
    """The wait ended before the deployment did; the deployment goes on on the server."""


def newest_first(deployments):
    """Deployments sorted newest first by ``createdAt`` (Dokploy's order [171]; kept stable for ties)."""
    items = [d for d in (deployments or []) if isinstance(d, dict)]
    return sorted(items, key=lambda d: d.get("createdAt") or "", reverse=True)


def new_deployments(deployments, snapshot_ids):
    """The deployments that were not in the snapshot taken before the trigger, newest first.

    This is the only correlation: a deployment that existed before the call - whatever its status,
    title or timestamps - can never be taken for the new one.
    """
    snapshot_ids = set(snapshot_ids)
    return [d for d in newest_first(deployments) if d.get("deploymentId") not in snapshot_ids]


def ever_succeeded(deployments):
    return any(d.get("status") == "done" for d in deployments or [])


def tail_lines(text, lines):
    """The last ``lines`` lines of ``text`` (without a trailing empty line)."""
    if text is None:
        return None
    if not isinstance(text, str):
        text = str(text)
    parts = text.rstrip("\n").split("\n")
    if lines is not None and lines >= 0:
        parts = parts[-lines:] if lines else []
    return "\n".join(parts)


class Poller(object):
    """Sleep intervals that start at ``initial`` and grow by ``growth`` up to ``cap``, within a deadline."""

    def __init__(self, initial=DEFAULT_POLL_INTERVAL, growth=POLL_GROWTH, cap=POLL_CAP, timeout=DEFAULT_WAIT_TIMEOUT,
                 clock=None, sleep=None):
        clock = clock or time.time
        self.interval = max(float(initial), 0.05)
        self.growth = growth
        self.cap = max(float(cap), self.interval)
        self.clock = clock
        self._sleep = sleep or time.sleep
        self.started = clock()
        self.deadline = self.started + max(float(timeout), 0)

    def elapsed(self):
        return self.clock() - self.started

    def expired(self):
        return self.clock() >= self.deadline

    def wait(self):
        """Sleep until the next poll (never past the deadline); False once the deadline has passed."""
        remaining = self.deadline - self.clock()
        if remaining <= 0:
            return False
        self._sleep(min(self.interval, remaining))
        self.interval = min(self.interval * self.growth, self.cap)
        return True


class Lifecycle(object):
    """Deploys, starts, stops and restarts one service of ``kind`` (application, compose or a database type)."""

    def __init__(self, ctx, kind, service_id, params, clock=None, sleep=None):
        if kind not in SERVICE_KINDS:
            raise DokployError("the lifecycle of a %s is not supported" % kind)
        self.ctx = ctx
        self.client = ctx.client
        self.kind = kind
        self.spec = SERVICE_KINDS[kind]
        self.service_id = service_id
        self.check_mode = ctx.check_mode
        self.wait = params.get("wait", True) is not False
        self.wait_timeout = params.get("wait_timeout") or DEFAULT_WAIT_TIMEOUT
        self.poll_interval = params.get("poll_interval") or DEFAULT_POLL_INTERVAL
        self.force_deploy = bool(params.get("force_deploy"))
        log_lines = params.get("log_lines")
        self.log_lines = DEFAULT_LOG_LINES if log_lines is None else log_lines
        self.clock = clock or time.time
        self.sleep = sleep or time.sleep
        self._service = None

    # -- reading ------------------------------------------------------------------------------

    @property
    def queued(self):
        return self.spec.deploy == QUEUED

    def label(self):
        if self._service is None and self.service_id:
            try:
                self.service()
            except DokployError:
                pass  # only for the message
        name = (self._service or {}).get("name")
        return "%s '%s'" % (self.spec.label, name) if name else "%s %s" % (self.spec.label, self.service_id)

    def service(self, refresh=False):
        """``<kind>.one``: the service with its status and appName."""
        if self._service is None or refresh:
            self._service = self.client.get(self.spec.procedure("one"), {self.spec.id_field: self.service_id})
        return self._service

    def status(self, refresh=False):
        return (self.service(refresh) or {}).get(self.spec.status_field)

    def deployments(self):
        """The service's deployments, newest first (one request)."""
        procedure, field = self.spec.deployments  # [152] deployment.all, [363] allByCompose
        return newest_first(self.client.get(procedure, {field: self.service_id}))

    def read_log(self, deployment_id):
        """The last ``log_lines`` lines of a deployment's log; None when Dokploy cannot give it."""
        if not self.log_lines:
            return ""
        try:
            # tail is 1..10000 in Dokploy's schema
            text = self.client.get("deployment.readLogs", {"deploymentId": deployment_id,
                                                           "tail": min(max(int(self.log_lines), 1), 10000)})
        except DokployError:
            return None
        return tail_lines(text, self.log_lines)

    # -- the states ---------------------------------------------------------------------------

    def converge(self, state, changed_config=False, created=False):
        """Bring the service to ``state``; returns ``{changed, deployment, lifecycle_action, status}``.

        ``changed_config``: the configuration was changed (or the service created) earlier in this task.
        """
        if self.service_id is None:
            # Check mode, service still to be created: predict without reading anything.
            action = None if state == "stopped" else "deploy"
            return self._outcome(action is not None, action, None, status=None)
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
        if self.queued:
            deployments = self.deployments()
            newest = deployments[0] if deployments else None
            if changed_config or self.force_deploy:
                return self.deploy(deployments)
            if newest is not None and newest.get("status") not in FINAL_STATUSES:
                # A deployment started elsewhere (webhook, UI) is under way: report its real outcome, trigger nothing.
                if self.wait and not self.check_mode:
                    return self._outcome(False, None, self._wait_final(newest))
                return self._outcome(False, None, newest)
            if not ever_succeeded(deployments) or newest.get("status") in FAILED_STATUSES:
                # Never deployed successfully, or the latest deployment failed: the configuration is not deployed.
                return self.deploy(deployments)
            return self._outcome(False, None, newest)
        if changed_config or self.force_deploy or self.status() not in RUNNING_STATUSES:
            return self.deploy()
        return self._outcome(False, None, None)

    def ensure_started(self):
        status = self.status()
        if status in RUNNING_STATUSES:
            return self._outcome(False, None, None, status=status)
        if self.queued:
            deployments = self.deployments()
            if not ever_succeeded(deployments):
                return self.deploy(deployments)  # nothing to start: never built
            return self._simple("start", "done")
        # A database reads idle both when stopped and when never deployed: its deploy creates or updates
        # the swarm service with its replicas, which starts it in both cases.
        return self.deploy()

    def ensure_stopped(self):
        status = self.status()
        if status == STOPPED_STATUS:
            return self._outcome(False, None, None, status=status)
        return self._simple("stop", STOPPED_STATUS)

    def restart(self):
        if self.kind == "compose":
            # No reload for compose; stop + start would remove a stack. Dokploy's restart is a redeploy.
            return self.deploy(self.deployments(), procedure="redeploy")
        if self.kind == "application":
            deployments = self.deployments()
            if not ever_succeeded(deployments):
                return self.deploy(deployments)
            return self._simple("reload", "done", with_app_name=True)
        if self.status() not in RUNNING_STATUSES:
            return self.deploy()
        return self._simple("reload", "done", with_app_name=True)

    # -- actions ------------------------------------------------------------------------------

    def deploy(self, snapshot=None, procedure="deploy"):
        """Trigger ``<kind>.<procedure>`` and (for queued kinds, when waiting) wait for the new deployment."""
        if self.check_mode:
            return self._outcome(True, procedure, None)
        if not self.queued:
            return self._deploy_database()
        if snapshot is None:
            snapshot = self.deployments()
        snapshot_ids = [d.get("deploymentId") for d in snapshot]
        try:
            self.client.post(self.spec.procedure(procedure), {self.spec.id_field: self.service_id})
        except DokployConnectionError as error:
            if not error.outcome_unknown or not self.wait:
                raise
            # The answer was lost: the job may be queued or not. Never trigger twice; a new deployment tells.
            self.ctx.warn("%s: %s; waiting to see whether a deployment starts" % (self.spec.procedure(procedure), error))
            record = self.wait_for_new_deployment(snapshot_ids, answer_lost=True)
            return self._outcome(True, procedure, record)
        if not self.wait:
            return self._outcome(True, procedure, None, status=None)
        record = self.wait_for_new_deployment(snapshot_ids)
        return self._outcome(True, procedure, record)

    def wait_for_new_deployment(self, snapshot_ids, answer_lost=False):
        """Poll until a deployment not in ``snapshot_ids`` exists and is final; raise on failure or timeout."""
        poller = Poller(self.poll_interval, timeout=self.wait_timeout, clock=self.clock, sleep=self.sleep)
        target = None
        while poller.wait():
            found = new_deployments(self.deployments(), snapshot_ids)
            if found:
                target = found[0]  # newest: ours, even when another deploy of this service was queued just before
                if target.get("status") in FINAL_STATUSES:
                    return self._check_final(target)
        raise self._timeout(target, poller, answer_lost)

    def _wait_final(self, deployment):
        """Poll until ``deployment`` (which exists) is final."""
        poller = Poller(self.poll_interval, timeout=self.wait_timeout, clock=self.clock, sleep=self.sleep)
        target = deployment
        while poller.wait():
            for item in self.deployments():
                if item.get("deploymentId") == deployment.get("deploymentId"):
                    target = item
                    break
            if target.get("status") in FINAL_STATUSES:
                return self._check_final(target)
        raise self._timeout(target, poller)

    def _check_final(self, deployment):
        if deployment.get("status") in FAILED_STATUSES:
            log = self.read_log(deployment.get("deploymentId"))
            raise DokployDeploymentError(self._failure_message(deployment, log), deployment=deployment, log=log)
        return deployment

    def _failure_message(self, deployment, log):
        text = "Deployment %s of %s ended with status '%s'" % (deployment.get("deploymentId"), self.label(), deployment.get("status"))
        if deployment.get("errorMessage"):
            text += ": %s" % deployment["errorMessage"]
        if log is None:
            text += ". Its log could not be read (deployment.readLogs failed)."
        elif log:
            text += ". Last %d lines of its log:\n%s" % (len(log.split("\n")), log)
        else:
            text += "."
        return text

    def _timeout(self, deployment, poller, answer_lost=False):
        waited = int(round(poller.elapsed()))
        if deployment is None and answer_lost:
            message = ("The answer to the deploy call of %s was lost and no new deployment appeared within %d s "
                       "(wait_timeout): the deploy was probably not queued. It was not repeated; run the task again."
                       % (self.label(), waited))
        elif deployment is None:
            message = ("No deployment of %s started within %d s (wait_timeout): the deploy is still queued on the server "
                       "and will run when Dokploy's queue reaches it; it was not cancelled. Look it up later with "
                       "dokploy.dokploy.dokploy_deployment_info." % (self.label(), waited))
        else:
            message = ("Deployment %s of %s is still '%s' after %d s (wait_timeout); it goes on on the server and was not "
                       "cancelled. Follow it with dokploy.dokploy.dokploy_deployment_info and deployment_id %s."
                       % (deployment.get("deploymentId"), self.label(), deployment.get("status"), waited,
                          deployment.get("deploymentId")))
        return DokployDeploymentTimeout(message, deployment=deployment, log=None)

    def _deploy_database(self):
        """``<db>.deploy`` runs inside the call (pull, then create/update the swarm service); then read the status."""
        self.service()  # for the label in messages
        try:
            self.client.post(self.spec.procedure("deploy"), {self.spec.id_field: self.service_id},
                             timeout=self.wait_timeout)
        except DokployConnectionError as error:
            if not error.outcome_unknown:
                raise
            raise DokployDeploymentTimeout(
                "The deploy of %s did not answer within %d s (wait_timeout): Dokploy deploys databases inside the "
                "call, and the deploy goes on on the server (databases have no deployment ID). Read the status "
                "later with the module in state present. (%s)" % (self.label(), self.wait_timeout, error),
                procedure=self.spec.procedure("deploy"))
        except DokployError as error:
            if error.status and error.status >= 500:
                raise DokployDeploymentError("The deploy of %s failed: %s" % (self.label(), error.message),
                                             status=error.status, code=error.code, procedure=error.procedure)
            raise
        status = self.status(refresh=True)
        if status == "error":
            raise DokployDeploymentError("The deploy of %s ended with status 'error'" % self.label(),
                                         procedure=self.spec.procedure("deploy"))
        return self._outcome(True, "deploy", None, status=status)

    def _simple(self, action, expected_status, with_app_name=False):
        """A synchronous action (start, stop, reload): one call, then the status as Dokploy leaves it."""
        if self.check_mode:
            return self._outcome(True, action, None, status=expected_status)
        body = {self.spec.id_field: self.service_id}
        if with_app_name:
            body["appName"] = self.service().get("appName")  # required by the schema [190]
        self.client.post(self.spec.procedure(action), body, timeout=self.wait_timeout)
        return self._outcome(True, action, None, status=self.status(refresh=True))

    def _outcome(self, changed, action, deployment, status=False):
        if status is False:
            status = self.status(refresh=True) if (changed and not self.check_mode and self.service_id) else \
                (self._service or {}).get(self.spec.status_field)
        return {
            "changed": changed,
            "lifecycle_action": action,
            "deployment": mask(deployment) if deployment else {},
            "status": status,
        }
