# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Dokploy's deployment rows: listing them, reading a log, and watching a deployment to its end.

Applications and compose stacks deploy through Dokploy's in-memory queue (API.md section 6, NOTES.md
"Deployments"): ``deploy`` returns before the deployment row exists. So the lifecycle lists the
service's deployments first (the snapshot), triggers, then a DeploymentWatcher polls the list - one
request per poll, the interval growing up to a cap - until a deployment that is *not in the snapshot*
appears and reaches a final status. Titles are never used to correlate (Dokploy overwrites them with
the commit message for Git sources), nor timestamps (the server's clock is not ours).

On ``error``/``cancelled`` the watcher reads the tail of the deployment's log and raises
``DokployDeploymentError`` carrying the deployment record and the log; on timeout it raises
``DokployDeploymentTimeout`` saying that the deployment goes on on the server, with its ID.

Used by resources/_lifecycle.py and by dokploy_deployment_info (resources/_deployment.py).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError, DokployNotFoundError

# deployment.status (API.md 4.2 / 6)
FINAL_STATUSES = ("done", "error", "cancelled")
FAILED_STATUSES = ("error", "cancelled")

# Polling defaults: first poll 1 s after the trigger, each later interval 1.5 times the previous one, capped at
# 3 s (1, 1.5, 2.25, 3, 3, ...). A deployment's end is seen within 3 s (1.5 s on average) at one light GET per
# poll: at most 20 requests a minute, a third of what Dokploy's own deployments page sends (it refetches the
# list every second: show-deployments.tsx, refetchInterval 1000).
DEFAULT_POLL_INTERVAL = 1.0
POLL_GROWTH = 1.5
POLL_CAP = 3.0
DEFAULT_WAIT_TIMEOUT = 900
# deployment.readLogs takes a tail of 1..10000 lines (Dokploy's zod schema).
MAX_LOG_TAIL = 10000


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


def list_deployments(client, kind, service_id):
    """The deployments of the service ``service_id`` of a queued ``kind``, newest first (one request)."""
    procedure, field = kind.deployments  # [152] deployment.all, [363] deployment.allByCompose
    return newest_first(client.get(procedure, {field: service_id}))


def read_log(client, deployment_id, lines):
    """The last ``lines`` lines of a deployment's log ("" for 0 lines, without a request); a DokployError passes."""
    if not lines:
        return ""
    try:
        text = client.get("deployment.readLogs", {"deploymentId": deployment_id,
                                                  "tail": min(max(int(lines), 1), MAX_LOG_TAIL)})
    except DokployNotFoundError as error:
        if error.status == 404 and "no procedure" in error.message:
            # Imported here, as the only use: not compiled on every run of the service modules (benchmarks/README.md).
            from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._capabilities import require
            require(client.version(), "deployment.readLogs", "reading a deployment's log")
        raise
    return tail_lines(text, lines)


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

    def wait(self):
        """Sleep until the next poll (never past the deadline); False once the deadline has passed."""
        remaining = self.deadline - self.clock()
        if remaining <= 0:
            return False
        self._sleep(min(self.interval, remaining))
        self.interval = min(self.interval * self.growth, self.cap)
        return True


class DeploymentWatcher(object):
    """Polls the deployments of one service of a queued ``kind`` until the one waited for is final.

    ``label`` is a callable naming the service in messages (it may read the service, so it is only
    called when a message is written).
    """

    def __init__(self, client, kind, service_id, label, poll_interval=DEFAULT_POLL_INTERVAL,
                 wait_timeout=DEFAULT_WAIT_TIMEOUT, log_lines=0, clock=None, sleep=None):
        self.client = client
        self.kind = kind
        self.service_id = service_id
        self.label = label
        self.poll_interval = poll_interval
        self.wait_timeout = wait_timeout
        self.log_lines = log_lines
        self.log_problem = None   # why the log of a failed deployment could not be read
        self.clock = clock or time.time
        self.sleep = sleep or time.sleep

    def deployments(self):
        return list_deployments(self.client, self.kind, self.service_id)

    def _poller(self):
        return Poller(self.poll_interval, timeout=self.wait_timeout, clock=self.clock, sleep=self.sleep)

    def wait_for_new(self, snapshot_ids, answer_lost=False):
        """Poll until a deployment not in ``snapshot_ids`` exists and is final; raise on failure or timeout."""
        poller = self._poller()
        target = None
        while poller.wait():
            found = new_deployments(self.deployments(), snapshot_ids)
            if found:
                target = found[0]  # newest: ours, even when another deploy of this service was queued just before
                if target.get("status") in FINAL_STATUSES:
                    return self.check_final(target)
        raise self.timeout(target, poller, answer_lost)

    def wait_final(self, deployment):
        """Poll until ``deployment`` (which exists) is final."""
        poller = self._poller()
        target = deployment
        while poller.wait():
            for item in self.deployments():
                if item.get("deploymentId") == deployment.get("deploymentId"):
                    target = item
                    break
            if target.get("status") in FINAL_STATUSES:
                return self.check_final(target)
        raise self.timeout(target, poller)

    def check_final(self, deployment):
        """``deployment`` when it succeeded; a DokployDeploymentError with the tail of its log otherwise."""
        if deployment.get("status") in FAILED_STATUSES:
            try:
                log = read_log(self.client, deployment.get("deploymentId"), self.log_lines)
            except DokployError as error:
                log = None  # the failure is reported all the same, saying the log could not be read
                self.log_problem = error.message
            raise DokployDeploymentError(self.failure_message(deployment, log), deployment=deployment, log=log)
        return deployment

    def failure_message(self, deployment, log):
        text = "Deployment %s of %s ended with status '%s'" % (deployment.get("deploymentId"), self.label(),
                                                               deployment.get("status"))
        if deployment.get("errorMessage"):
            text += ": %s" % deployment["errorMessage"]
        if log is None:
            text += ". Its log could not be read (%s)." % (self.log_problem or "deployment.readLogs failed")
        elif log:
            text += ". Last %d lines of its log:\n%s" % (len(log.split("\n")), log)
        else:
            text += "."
        return text

    def timeout(self, deployment, poller, answer_lost=False):
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
