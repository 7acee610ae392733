# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Dokploy's deployment queue, simulated (API.md section 6; recordings [152-183], [363-370]).

`application.deploy`/`redeploy` and `compose.deploy`/`redeploy` only enqueue a job and return at once. One worker
thread per simulator runs the jobs FIFO, one at a time (Dokploy's default `buildsConcurrency` is 1, so jobs of the
same service are serialized as well). For each job, after a short pickup delay, the worker:

1. inserts the deployment row with `status: running` (the row does not exist before: [152] then [155]) and sets the
   service status to `running`;
2. after the job's duration, sets the row to `done` / `error` / `cancelled` with `finishedAt` and the service status to
   `done` / `error` (unchanged for `cancelled`), and writes the log; for a Git source a successful run overwrites
   `title`/`description` with the commit message and hash, as Dokploy does;
3. keeps only the newest 10 deployments of the service (`removeLastTenDeployments`), and their rollbacks.

An application with rollbacks on gets a rollback row for its deployment (routes/rollback.py).

Tests choose the outcome, the duration and the pickup delay through `POST /__sim__/deploy` (see README.md); the default
is success after `config["deploy_duration"]` seconds. The precise moment a deployment became final is kept in the
private row field `_finishedEpoch` (time.time()) and listed by `GET /__sim__/deploy` (`finished`).

`config["docker"]` (default True) models a server WITH Docker. False reproduces the recorded server without a Docker
daemon: deployments fail with the recorded image-pull log, start/reload answer 500 and so on (routes/lifecycle.py).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import threading
import time

from . import swarm
from .routes import rollback as rollbacks
from .registry import control
from .services import KINDS
from .state import table
from .util import nanoid, now_iso

OUTCOMES = ("done", "error", "cancelled")
GIT_SOURCES = ("github", "gitlab", "gitea", "bitbucket", "git")
KEEP_DEPLOYMENTS = 10
DEFAULTS = {"docker": True, "deploy_outcome": "done", "deploy_pickup": 0.3, "deploy_duration": 2.0,
            "db_deploy_duration": 0.2}
RULE_FIELDS = ("service", "outcome", "duration", "pickup", "times", "log", "message")
CONFIG_FIELDS = ("docker", "deploy_outcome", "deploy_pickup", "deploy_duration", "db_deploy_duration")

NO_DOCKER_LOG = ("Initializing deployment\nPulling {image}\nCannot connect to the Docker daemon at "
                 "unix:///var/run/docker.sock. Is the docker daemon running?\n\u274c Pulling image failed\n\n"
                 "Error occurred \u274c, check the logs for details.\n")


def config(sim):
    """The simulator's config with the deployment defaults filled in."""
    for key, value in DEFAULTS.items():
        sim.config.setdefault(key, value)
    return sim.config


def docker(sim):
    return bool(config(sim)["docker"])


def queue_of(sim):
    """The simulator's deploy queue, created on first use."""
    with sim.lock:
        queue = getattr(sim, "deploy_queue", None)
        if queue is None:
            queue = DeployQueue(sim)
            sim.deploy_queue = queue
        return queue


def service_label(kind):
    return KINDS[kind]["label"]


def build_log(kind, row, outcome, lines=60):
    """A plausible deployment log: a header, build steps, and Dokploy's last lines for the outcome."""
    source = row.get("sourceType")
    out = ["Initializing deployment"]
    if kind == "compose":
        out.append("File 'docker-compose.yml' created: \u2705")
        out.append("Command: docker compose -p %s up -d --build --remove-orphans" % row.get("appName"))
    elif source == "docker":
        out.append("Pulling %s" % (row.get("dockerImage") or "image"))
    else:
        out.append("Cloning Repo %s to /etc/dokploy/applications/%s/code: \u2705"
                   % (row.get("customGitUrl") or row.get("repository") or "repository", row.get("appName")))
    for step in range(1, lines + 1):
        out.append("#%d [build %d/%d] simulated build output line %d" % (step, step, lines, step))
    if outcome == "done":
        out.append("Docker Compose Deployed: \u2705" if kind == "compose" else "\u2705 Docker build completed.")
    elif outcome == "cancelled":
        out.append("Deployment cancelled")
    else:
        out.append("ERROR: simulated build failure (exit code 1)")
        out.append("\u274c Docker build failed")
        out.append("")
        out.append("Error occurred \u274c, check the logs for details.")
    return "\n".join(out) + "\n"


def log_path(app_name, directory="logs"):
    """``/etc/dokploy/<directory>/<appName>/<appName>-<time>.log`` (paths() of packages/server/src/constants: LOGS_PATH,
    SCHEDULES_PATH "schedules", VOLUME_BACKUPS_PATH "volume-backups")."""
    stamp = time.strftime("%Y-%m-%d:%H:%M:%S", time.gmtime())
    return "/etc/dokploy/%s/%s/%s-%s.log" % (directory, app_name, app_name, stamp)


def new_deployment(kind, row, title, description):
    """A deployment row shaped as recorded [155] (the extra `rollback` of allByType is added by the list route)."""
    now = now_iso()
    return {
        "deploymentId": nanoid(), "title": title, "description": description, "status": "running",
        "logPath": log_path(row.get("appName")), "pid": None,
        "applicationId": row["applicationId"] if kind == "application" else None,
        "composeId": row["composeId"] if kind == "compose" else None,
        "serverId": row.get("serverId"), "isPreviewDeployment": False, "previewDeploymentId": None,
        "createdAt": now, "startedAt": now, "finishedAt": None, "errorMessage": None,
        "scheduleId": None, "backupId": None, "rollbackId": None, "volumeBackupId": None, "buildServerId": None,
    }


def record_run(state, column, row, title, ok, directory="logs", log=None, description=None):
    """The deployment of a run Dokploy awaits inside the request (a backup's, a volume backup's or a schedule's
    manual run), finished: ``done`` when ``ok``, else ``error``; ``column`` names its owner (backupId, ...).
    createDeployment{Backup,Schedule,VolumeBackup} (packages/server/src/services/deployment.ts, read in v0.30.2's and
    v0.25.11's source) first keep the owner's newest ten (removeLastTenDeployments), then insert the row `running`
    with its log, which the run sets to done or error (updateDeploymentStatus)."""
    deployments = table(state, "deployment")
    mine = sorted((d for d in deployments.values() if d.get(column) == row[column]),
                  key=lambda d: d.get("createdAt") or "", reverse=True)
    for old in mine[KEEP_DEPLOYMENTS:]:
        rollbacks.remove_deployment(state, old)
    deployment = new_deployment(None, row, title, title if description is None else description)
    deployment.update({column: row[column]}, logPath=log_path(row.get("appName"), directory), finishedAt=now_iso(),
                      status="done" if ok else "error")
    if log is not None:
        deployment["_log"] = log
    deployments[deployment["deploymentId"]] = deployment
    return deployment


class DeployQueue(object):
    """Jobs FIFO, one worker thread (started on demand, ends when the queue is empty)."""

    def __init__(self, sim):
        self.sim = sim
        self.cond = threading.Condition()
        self.jobs = []
        self.active = None
        self.thread = None
        self.rules = []
        self.finished = []

    # ---- control --------------------------------------------------------------------------------------
    def add_rule(self, rule):
        rule = dict((k, v) for k, v in rule.items() if k in RULE_FIELDS)
        if rule.get("outcome") is not None and rule["outcome"] not in OUTCOMES:
            raise ValueError("outcome must be one of %s" % ", ".join(OUTCOMES))
        with self.cond:
            self.rules.append(rule)
        return rule

    def clear(self):
        with self.cond:
            del self.rules[:]
            del self.finished[:]

    def snapshot(self):
        with self.cond:
            return {"config": dict((k, config(self.sim)[k]) for k in CONFIG_FIELDS), "rules": copy.deepcopy(self.rules),
                    "queue": [self._public_job(j) for j in self.jobs],
                    "active": self._public_job(self.active) if self.active else None,
                    "finished": copy.deepcopy(self.finished)}

    @staticmethod
    def _public_job(job):
        return dict((k, job[k]) for k in ("kind", "serviceId", "type", "title", "outcome", "duration", "pickup", "enqueuedEpoch"))

    def plan(self, kind, row):
        """Outcome, duration, pickup delay and log for the next deploy of ``row``: the first matching rule, else the config."""
        cfg = config(self.sim)
        plan = {"outcome": cfg["deploy_outcome"], "duration": float(cfg["deploy_duration"]),
                "pickup": float(cfg["deploy_pickup"]), "log": None, "message": None}
        if not docker(self.sim):
            plan["outcome"] = "error"
        with self.cond:
            for rule in list(self.rules):
                target = rule.get("service")
                if target and target not in (row.get(KINDS[kind]["id"]), row.get("name"), row.get("appName")):
                    continue
                for key in ("outcome", "duration", "pickup", "log", "message"):
                    if rule.get(key) is not None:
                        plan[key] = rule[key]
                times = rule.get("times")
                if times is not None and times > 0:
                    rule["times"] = times - 1
                    if rule["times"] == 0:
                        self.rules.remove(rule)
                break
        return plan

    # ---- the queue ---------------------------------------------------------------------------------------
    def enqueue(self, kind, row, job_type, title, description, preview=None):
        """``preview``: the previewDeploymentId of an application's preview (previewDeployment.redeploy): its deployment
        row carries that ID and no applicationId (createDeploymentPreview, packages/server/src/services/deployment.ts),
        and the preview's ``previewStatus`` follows it, not the application's status (rebuildPreviewApplication)."""
        plan = self.plan(kind, row)
        job = {"kind": kind, "serviceId": row[KINDS[kind]["id"]], "type": job_type, "title": title,
               "description": description, "enqueuedEpoch": time.time(), "preview": preview}
        job.update(plan)
        if float(job["pickup"]) <= 0 and float(job["duration"]) <= 0 and not self.jobs and self.active is None:
            # Nothing to wait for: run the job inside the call (deterministic, used by the conformance replay).
            deployment_id = self._start(job)
            if deployment_id is not None:
                self._finish(job, deployment_id)
            return job
        with self.cond:
            self.jobs.append(job)
            if self.thread is None:
                self.thread = threading.Thread(target=self._work, name="dokploy-simulator-deploys", daemon=True)
                self.thread.start()
        return job

    def _work(self):
        while True:
            with self.cond:
                if not self.jobs:
                    self.thread = None
                    self.active = None
                    return
                job = self.jobs.pop(0)
                self.active = job
            time.sleep(max(float(job["pickup"]), 0))
            deployment_id = self._start(job)
            if deployment_id is not None:
                time.sleep(max(float(job["duration"]), 0))
                self._finish(job, deployment_id)
            with self.cond:
                self.active = None

    def _service(self, job):
        return table(self.sim.state, job["kind"]).get(job["serviceId"])

    def _start(self, job):
        with self.sim.lock:
            row = self._service(job)
            preview = table(self.sim.state, "previewDeployment").get(job["preview"]) if job.get("preview") else None
            if row is None or (job.get("preview") and preview is None):
                return None  # deleted meanwhile
            deployment = new_deployment(job["kind"], preview or row, job["title"], job["description"])
            deployment["_startedEpoch"] = time.time()
            deployments = table(self.sim.state, "deployment")
            deployments[deployment["deploymentId"]] = deployment
            column, owner = KINDS[job["kind"]]["id"], job["serviceId"]
            if preview is not None:
                deployment.update(applicationId=None, previewDeploymentId=job["preview"])
                column, owner = "previewDeploymentId", job["preview"]
            else:
                row[KINDS[job["kind"]]["status"]] = "running"
                if job["kind"] == "application":
                    rollbacks.keep(self.sim, row, deployment, None)  # v0.30.2: while building the deploy command
            mine = sorted((d for d in deployments.values() if d.get(column) == owner),
                          key=lambda d: d.get("createdAt") or "")
            for old in mine[:-KEEP_DEPLOYMENTS]:
                rollbacks.remove_deployment(self.sim.state, old)
            self._save()
            return deployment["deploymentId"]

    def _finish(self, job, deployment_id):
        with self.sim.lock:
            deployment = table(self.sim.state, "deployment").get(deployment_id)
            row = self._service(job)
            if deployment is None:
                return
            outcome = job["outcome"]
            if job["log"] is not None:
                log = job["log"]
            elif not docker(self.sim) and row is not None:
                log = NO_DOCKER_LOG.format(image=row.get("dockerImage") or "image")
            else:
                log = build_log(job["kind"], row or {}, outcome)
            deployment["_log"] = log
            deployment["status"] = outcome
            deployment["finishedAt"] = now_iso()
            deployment["_finishedEpoch"] = time.time()
            if job["message"]:
                deployment["errorMessage"] = job["message"]
            preview = table(self.sim.state, "previewDeployment").get(job["preview"]) if job.get("preview") else None
            if preview is not None and outcome in ("done", "error"):
                preview["previewStatus"] = outcome
            if row is not None and not job.get("preview"):
                if outcome == "done":
                    swarm.deployed(row)  # the service now exists in Docker with its replicas (swarm.py)
                    if job["kind"] == "application" and \
                            rollbacks.keep(self.sim, row, deployment, True) is False:  # v0.25.11: after a success
                        outcome = deployment["status"] = "error"  # its tag of the image failed: the deploy fails
                    if row.get("sourceType") in GIT_SOURCES:
                        deployment["title"] = "Simulated commit message"
                        deployment["description"] = "Commit: %s" % nanoid(40).lower()
                if outcome in ("done", "error"):
                    row[KINDS[job["kind"]]["status"]] = outcome
            self.finished.append({"deploymentId": deployment_id, "kind": job["kind"], "serviceId": job["serviceId"],
                                  "status": outcome, "finishedEpoch": deployment["_finishedEpoch"],
                                  "startedEpoch": deployment.get("_startedEpoch")})
            self._save()

    def _save(self):
        if self.sim.state_file:
            self.sim.save_state()


@control("deploy")
def deploy_control(sim, method, data):
    """``/__sim__/deploy``: GET the queue, config, rules and finished deployments; POST a rule or config; DELETE rules."""
    queue = queue_of(sim)
    if method == "GET":
        return 200, queue.snapshot()
    if method == "DELETE":
        queue.clear()
        return 200, {"ok": True}
    if method == "POST":
        if not isinstance(data, dict):
            return 400, {"message": "body must be a JSON object"}
        cfg = config(sim)
        for key in CONFIG_FIELDS:
            if key in data:
                cfg[key] = data[key]
        rule = dict((k, v) for k, v in data.items() if k in RULE_FIELDS)
        if rule:
            try:
                rule = queue.add_rule(rule)
            except ValueError as exc:
                return 400, {"message": str(exc)}
        return 200, {"ok": True, "rule": rule or None, "config": dict((k, cfg[k]) for k in CONFIG_FIELDS)}
    return 405, {"message": "use GET, POST or DELETE"}
