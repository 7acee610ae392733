# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Service actions: deploy, redeploy, start, stop, reload of applications, compose stacks and databases.

Recorded (server without Docker): application.deploy/redeploy [154,170] empty body; compose.deploy/redeploy [364,369]
`{success, message, composeId}`; application.start [187] 500; application.stop [188] 200 with the row as before, then
idle; application.reload [189] 500 "Error reloading application", without appName [190] 400; postgres.deploy [222],
start [223], reload [225] 500; postgres.stop [224] 200 with the row as before; compose.start/stop [371,372] 500.

With `config["docker"]` True (the default) the simulator models a server WITH Docker, following Dokploy's source:
start sets `done`, stop sets `idle`, reload sets `done`; database deploys run inside the call (`running` then `done`).
The replicas the swarm service runs follow swarm.py: start scales to 1 (startService: `docker service scale X=1`,
packages/server/src/utils/docker/utils.ts), stop to 0, application.reload and deploys to the row's `replicas`,
a database reload (stop then start) to 1. A compose `stack` is removed by stop (`docker stack rm`) and compose.start
runs nothing for it (startCompose only runs `docker compose up -d` for docker-compose, services/compose.ts).
A service that was never deployed successfully has no swarm service / compose project yet, so start and reload fail
as Docker would ("service ... not found"). Deploys of applications and compose go through deploy_queue.py.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

from .. import deploy_queue, swarm
from ..registry import EMPTY, ApiError, route
from ..services import DATABASES, KINDS, detail, get_row
from ..state import table

NO_DAEMON = "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n"


def _scale_error(app_name, replicas=1, reason=None):
    return ApiError(500, "Command execution failed: Command failed: docker service scale %s=%d \n%s: %s"
                    % (app_name, replicas, app_name, reason or NO_DAEMON))


def _not_in_swarm(app_name):
    return "Error response from daemon: service %s not found\n" % app_name


def _status(row, kind, value):
    row[KINDS[kind]["status"]] = value


def _queue(state, ctx, kind, inp, job_type, default_title):
    row = get_row(state, kind, inp[KINDS[kind]["id"]])
    deploy_queue.queue_of(ctx.sim).enqueue(kind, row, job_type, inp.get("title") or default_title, inp.get("description") or "")
    return row


# ---- application --------------------------------------------------------------------------------------------

@route("application.deploy")
def application_deploy(state, inp, ctx):
    _queue(state, ctx, "application", inp, "deploy", "Manual deployment")
    return EMPTY


@route("application.redeploy")
def application_redeploy(state, inp, ctx):
    _queue(state, ctx, "application", inp, "redeploy", "Rebuild deployment")
    return EMPTY


@route("application.start")
def application_start(state, inp, ctx):
    row = get_row(state, "application", inp["applicationId"])
    before = detail(state, "application", row, for_delete=True)  # findApplicationById: no hasGitProviderAccess
    if not deploy_queue.docker(ctx.sim):
        raise _scale_error(row["appName"])
    if not row.get("_swarm"):
        raise _scale_error(row["appName"], reason=_not_in_swarm(row["appName"]))
    swarm.scale(row, 1)  # startService: `docker service scale <appName>=1`, whatever row.replicas says
    _status(row, "application", "done")
    return before


@route("application.stop")
def application_stop(state, inp, ctx):
    # stopService swallows Docker errors: 200 even without Docker [188]; the body is the row before the call.
    row = get_row(state, "application", inp["applicationId"])
    before = detail(state, "application", row, for_delete=True)  # findApplicationById: no hasGitProviderAccess
    if deploy_queue.docker(ctx.sim):
        swarm.scale(row, 0)  # stopService: `docker service scale <appName>=0`
    _status(row, "application", "idle")
    return before


@route("application.reload", nonoptional=("appName",))
def application_reload(state, inp, ctx):
    row = get_row(state, "application", inp["applicationId"])
    _status(row, "application", "idle")
    if not deploy_queue.docker(ctx.sim):
        _status(row, "application", "error")
        raise ApiError(500, "Error reloading application")
    swarm.deployed(row)  # mechanizeDockerContainer: creates or updates the service with Replicas = row.replicas
    _status(row, "application", "done")
    return True


# ---- compose ----------------------------------------------------------------------------------------------

@route("compose.deploy")
def compose_deploy(state, inp, ctx):
    row = _queue(state, ctx, "compose", inp, "deploy", "Manual deployment")
    return {"success": True, "message": "Deployment queued", "composeId": row["composeId"]}


@route("compose.redeploy")
def compose_redeploy(state, inp, ctx):
    row = _queue(state, ctx, "compose", inp, "redeploy", "Rebuild deployment")
    return {"success": True, "message": "Redeployment queued", "composeId": row["composeId"]}


def _compose_error(row, command):
    return ApiError(500, "Command execution failed: Command failed: env -i PATH=\"$PATH\" docker compose -p %s %s\n"
                         "unknown shorthand flag: 'p' in -p\n\nUsage:  docker [OPTIONS] COMMAND [ARG...]\n\n"
                         "Run 'docker --help' for more information\n" % (row["appName"], command))


@route("compose.start")
def compose_start(state, inp, ctx):
    row = get_row(state, "compose", inp["composeId"])
    if row.get("composeType") == "stack":
        _status(row, "compose", "done")  # startCompose runs no command for a stack: what stop removed stays removed
        return True
    if not deploy_queue.docker(ctx.sim):
        _status(row, "compose", "idle")
        raise _compose_error(row, "-f docker-compose.yml up -d")
    if not row.get("_swarm"):
        _status(row, "compose", "idle")
        raise ApiError(500, "Command execution failed: Command failed: env -i PATH=\"$PATH\" docker compose -p %s -f "
                            "docker-compose.yml up -d\nopen docker-compose.yml: no such file or directory\n" % row["appName"])
    _status(row, "compose", "done")
    return True


@route("compose.stop")
def compose_stop(state, inp, ctx):
    row = get_row(state, "compose", inp["composeId"])
    if not deploy_queue.docker(ctx.sim):
        _status(row, "compose", "error")
        raise _compose_error(row, "stop")
    if row.get("composeType") == "stack":
        row["_swarm"] = False  # `docker stack rm <appName>`: the stack's services are gone
    _status(row, "compose", "idle")
    return True


# ---- databases ----------------------------------------------------------------------------------------------

def _sleep_unlocked(sim, seconds):
    """Sleep without holding the simulator lock (the handler runs under it), so other calls go on meanwhile."""
    if seconds <= 0:
        return
    sim.lock.release()
    try:
        time.sleep(seconds)
    finally:
        sim.lock.acquire()


def register_database(kind):
    id_field = KINDS[kind]["id"]

    @route("%s.deploy" % kind)
    def deploy(state, inp, ctx):
        # Synchronous: deploy<Kind>() runs inside the call; it answers with the row as loaded before [API.md 6].
        row = get_row(state, kind, inp[id_field])
        before = detail(state, kind, row)
        if not deploy_queue.docker(ctx.sim):
            _status(row, kind, "error")
            raise ApiError(500, "Error on deploy %sError: %s" % (kind, NO_DAEMON))
        plan = deploy_queue.queue_of(ctx.sim).plan(kind, row)
        _status(row, kind, "running")
        _sleep_unlocked(ctx.sim, float(plan["duration"]) if plan.get("duration") is not None else 0.0)
        row = table(ctx.sim.state, kind).get(inp[id_field])
        if row is None:
            raise ApiError(404, "%s not found" % KINDS[kind]["label"])
        if plan["outcome"] != "done":
            _status(row, kind, "error")
            raise ApiError(500, "Error on deploy %sError: %s" % (kind, plan.get("message") or "simulated deploy failure"))
        swarm.deployed(row)
        _status(row, kind, "done")
        return before

    @route("%s.start" % kind)
    def start(state, inp, ctx):
        row = get_row(state, kind, inp[id_field])
        before = detail(state, kind, row)
        if not deploy_queue.docker(ctx.sim):
            raise _scale_error(row["appName"])
        if not row.get("_swarm"):
            raise _scale_error(row["appName"], reason=_not_in_swarm(row["appName"]))
        swarm.scale(row, 1)  # startService: `docker service scale <appName>=1`
        _status(row, kind, "done")
        return before

    @route("%s.stop" % kind)
    def stop(state, inp, ctx):
        row = get_row(state, kind, inp[id_field])
        before = detail(state, kind, row)
        if deploy_queue.docker(ctx.sim):
            swarm.scale(row, 0)  # stopService: `docker service scale <appName>=0`
        _status(row, kind, "idle")
        return before

    @route("%s.reload" % kind, nonoptional=("appName",))
    def reload(state, inp, ctx):
        row = get_row(state, kind, inp[id_field])
        _status(row, kind, "idle")  # stopService swallows errors
        if not deploy_queue.docker(ctx.sim):
            raise _scale_error(row["appName"])
        if not row.get("_swarm"):
            raise _scale_error(row["appName"], reason=_not_in_swarm(row["appName"]))
        swarm.scale(row, 1)  # <db>.reload is stopService then startService: 1 replica, whatever row.replicas says
        _status(row, kind, "done")
        return True

    return deploy, start, stop, reload


for _kind in DATABASES:
    register_database(_kind)
