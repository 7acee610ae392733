# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""schedule router: scheduled commands of an application, a compose service, a remote server or the Dokploy host
(`scheduleType`). Not recorded: shapes and messages from Dokploy v0.30.2's source (routers/schedule.ts,
services/schedule.ts, db/schema/schedule.ts, utils/schedules/utils.ts).

Dokploy checks nothing about the cron expression or the command. An application or compose schedule runs
`docker exec` in the service's container, so runManually ends in `error` when there is no Docker or the service
was never deployed; host and server schedules run their script and end `done`. runManually itself never fails.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from .. import deploy_queue
from ..cascade import delete_row
from ..registry import ApiError, route
from ..services import KINDS, environment_with_project
from ..state import table
from ..util import by_created, generate_app_name, nanoid, now_iso, public
from ._children import failed_insert

COLUMNS = ("scheduleId", "name", "description", "cronExpression", "appName", "serviceName", "shellType", "scheduleType",
           "command", "script", "applicationId", "composeId", "serverId", "organizationId", "enabled", "timezone", "createdAt")
OWNER_COLUMN = {"application": "applicationId", "compose": "composeId", "server": "serverId"}


def get_schedule(state, schedule_id):
    row = table(state, "schedule").get(schedule_id)
    if row is None:
        raise ApiError(404, "Schedule not found")
    return row


def _server(state, server_id):
    server = table(state, "server").get(server_id) if server_id else None
    if server is None:
        raise ApiError(404, "Server not found")
    return server


def _with_environment(state, service):
    out = public(service)
    env = table(state, "environment").get(service.get("environmentId"))
    out["environment"] = environment_with_project(state, env) if env else None
    return out


def schedule_detail(state, row):
    """findScheduleById: application {applicationId, appName, serverId, environment.project}, the whole compose
    with environment.project, the server with its organization."""
    out = public(row)
    app = table(state, "application").get(row.get("applicationId")) if row.get("applicationId") else None
    out["application"] = None
    if app is not None:
        brief = {"applicationId": app["applicationId"], "appName": app.get("appName"), "serverId": app.get("serverId")}
        brief["environment"] = _with_environment(state, app)["environment"]
        out["application"] = brief
    compose = table(state, "compose").get(row.get("composeId")) if row.get("composeId") else None
    out["compose"] = _with_environment(state, compose) if compose else None
    server = table(state, "server").get(row.get("serverId")) if row.get("serverId") else None
    out["server"] = None
    if server is not None:
        out["server"] = public(server)
        out["server"]["organization"] = {"id": server.get("organizationId"), "ownerId": state["_meta"]["userId"]}
    return out


def _brief(state, kind, service_id):
    service = table(state, kind).get(service_id) if service_id else None
    if service is None:
        return None
    id_column = KINDS[kind]["id"]
    return {id_column: service[id_column], "appName": service.get("appName"), "name": service.get("name"),
            "serverId": service.get("serverId")}


def schedule_item(state, row):
    """An item of schedule.list: brief application and compose, the whole server, deployments newest first."""
    out = public(row)
    out["application"] = _brief(state, "application", row.get("applicationId"))
    server = table(state, "server").get(row.get("serverId")) if row.get("serverId") else None
    out["server"] = public(server) if server else None
    out["compose"] = _brief(state, "compose", row.get("composeId"))
    deployments = [public(d) for d in table(state, "deployment").values() if d.get("scheduleId") == row["scheduleId"]]
    out["deployments"] = sorted(deployments, key=lambda d: d.get("createdAt") or "", reverse=True)
    return out


def _over_ssh(state, server_id):
    """execAsyncRemote on ``server_id`` (services/schedule.ts writes a server schedule's script after its create and
    update, and removes it before a delete): a server without an SSH key fails, after what was stored (seen on a real
    v0.30.2). With a key the simulator takes the server as reachable."""
    server = table(state, "server").get(server_id) if server_id else None
    if server is not None and not server.get("sshKeyId"):
        raise ApiError(500, "No SSH key available for this server")


def _check_owners(state, row, values):
    """A server schedule looks its server up first (404); other unknown foreign keys fail in the insert (500)."""
    if row.get("scheduleType") == "server" and row.get("serverId"):
        _server(state, row["serverId"])
    for kind, column in (("application", "applicationId"), ("compose", "composeId"), ("server", "serverId")):
        if row.get(column) and row[column] not in table(state, kind):
            raise ApiError(500, failed_insert("schedule", COLUMNS, values))


@route("schedule.create")
def create(state, inp, ctx):
    """The row. `dokploy-server` schedules belong to the caller's organization."""
    row = {c: None for c in COLUMNS}
    row.update(shellType="bash", scheduleType="application", enabled=True)
    row.update((k, v) for k, v in inp.items() if k in row and k != "scheduleId")
    row.update(scheduleId=nanoid(), appName=inp.get("appName") or generate_app_name("schedule"),
               createdAt=inp.get("createdAt") or now_iso())
    if row["scheduleType"] == "dokploy-server":
        row["organizationId"] = state["_meta"]["organizationId"]
    _check_owners(state, row, dict((k, v) for k, v in row.items() if k in inp or k in ("scheduleId", "appName", "createdAt")))
    table(state, "schedule")[row["scheduleId"]] = row
    if row["scheduleType"] == "server":
        _over_ssh(state, row["serverId"])
    return public(row)


@route("schedule.update")
def update(state, inp, ctx):
    """Partial (fields left out keep their value); answers the updated row."""
    row = get_schedule(state, inp["scheduleId"])
    if inp.get("scheduleType") == "server" and inp.get("serverId"):
        _server(state, inp["serverId"])
    row.update((k, v) for k, v in inp.items() if k in row and k != "scheduleId")
    if row["scheduleType"] == "server":
        _over_ssh(state, row["serverId"])
    return public(row)


@route("schedule.delete")
def delete(state, inp, ctx):
    row = get_schedule(state, inp["scheduleId"])
    owner = None
    for kind, column in (("application", "applicationId"), ("compose", "composeId")):
        owner = owner or (table(state, kind).get(row.get(column)) if row.get(column) else None)
    _over_ssh(state, row.get("serverId") or (owner or {}).get("serverId"))  # the script is removed first
    delete_row(state, "schedule", row["scheduleId"])  # its runs go by the foreign key (cascade.py)
    return True


@route("schedule.list")
def list_schedules(state, inp, ctx):
    """Oldest first. `server` looks the server up (404); `dokploy-server` lists the organization's."""
    kind = inp["scheduleType"]
    if kind == "server":
        _server(state, inp["id"])
    if kind == "dokploy-server":
        rows = [r for r in table(state, "schedule").values() if r.get("organizationId") == state["_meta"]["organizationId"]]
    else:
        rows = [r for r in table(state, "schedule").values() if r.get(OWNER_COLUMN[kind]) == inp["id"]]
    return [schedule_item(state, r) for r in by_created(rows)]


@route("schedule.one")
def one(state, inp, ctx):
    return schedule_detail(state, get_schedule(state, inp["scheduleId"]))


def _can_run(state, row, ctx):
    if row.get("scheduleType") not in ("application", "compose"):
        return True
    column = OWNER_COLUMN[row["scheduleType"]]
    service = table(state, row["scheduleType"]).get(row.get(column)) if row.get(column) else None
    return bool(deploy_queue.docker(ctx.sim) and service is not None and service.get("_swarm"))


@route("schedule.runManually")
def run_manually(state, inp, ctx):
    """`{status, deploymentId, logPath}` of a new "Schedule" deployment: `done`, or `error` when the command
    cannot run (no container); never an HTTP error once the schedule exists."""
    row = get_schedule(state, inp["scheduleId"])
    deployment = deploy_queue.record_run(state, "scheduleId", row, "Schedule", _can_run(state, row, ctx),
                                         directory="schedules")
    return {"status": deployment["status"], "deploymentId": deployment["deploymentId"], "logPath": deployment["logPath"]}
