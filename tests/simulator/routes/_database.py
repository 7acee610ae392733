# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared procedures of the database routers (postgres, mysql, mariadb, mongo, redis, libsql).

create [206-210], one [211-213], update [214-216, 226], saveEnvironment [217], saveExternalPort [218-219],
changePassword [220, 251-252], remove [234-236], search [233]; changeStatus, move, rebuild and readLogs from
Dokploy's source (routers/postgres.ts and siblings), not recorded. A kind gets only the procedures its OpenAPI
document has (libsql has no changePassword, search or saveExternalPort: see routes/libsql.py).

Docker: the simulator models a server WITH Docker by default (``config["docker"]``, see deploy_queue.py), so the happy
path of saveExternalPort (which redeploys synchronously) and changePassword works as on a real server.
With ``config["docker"] = False`` it answers as the recorded server without a Docker daemon: saveExternalPort
stores the port, then answers 500 and sets applicationStatus "error" [218, 221]; changePassword answers 500
and changes nothing [220, 221].
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy

from .. import deploy_queue, swarm
from ..registry import ApiError, route as registry_route
from ..services import (KINDS, search_services, check_server, database_mount_path, delete_service, detail, find_environment, get_row, new_mount,
                        new_row)
from ..state import table
from ..util import build_app_name, public, random_password, touch
from ..validation import procedures
from ._children import failed_update

CREDENTIAL_FIELDS = ("databaseName", "databaseUser", "databasePassword", "databaseRootPassword", "replicaSets")

# <kind>.update on an unknown id: 400 with these messages [216, 247, 273, 299, 324].
UPDATE_ERRORS = {"postgres": "Error updating Postgres", "mysql": "Update: Error updating MySQL",
                 "mariadb": "Update: Error updating Mariadb", "mongo": "Update: Error updating Mongo",
                 "redis": "Error updating Redis", "libsql": "Error updating Libsql"}
NO_DOCKER_DEPLOY = "Error: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n"
NO_DOCKER_SOCKET = "connect ENOENT /var/run/docker.sock"
RUNNING = ("done", "running")
SEARCH_FIELDS = ("name", "appName", "description", "environmentId", "applicationStatus", "createdAt")


def docker_available(ctx):
    return deploy_queue.docker(ctx.sim)  # the switch shared with routes/lifecycle.py (default: with Docker)


def deploy_database(state, kind, row, ctx):
    """deploy<Kind>: synchronous; without Docker 500 "Error on deploy <kind>Error: ..." and status error [218, 222]."""
    if not docker_available(ctx):
        row["applicationStatus"] = "error"
        raise ApiError(500, "Error on deploy %s%s" % (kind, NO_DOCKER_DEPLOY))
    swarm.deployed(row)  # the service exists with the row's replicas (see swarm.py)
    row["applicationStatus"] = "done"


def search_databases(state, kind, inp):
    """<kind>.search [233]: ilike on q (name or description), name, appName, description; newest first."""
    return search_services(state, kind, inp, (KINDS[kind]["id"],) + SEARCH_FIELDS)


def create_database(state, kind, inp):
    find_environment(state, inp["environmentId"])
    check_server(state, inp.get("serverId"))
    values = {"name": inp["name"], "environmentId": inp["environmentId"], "description": inp.get("description"),
              "serverId": inp.get("serverId")}
    if "dockerImage" in inp:
        values["dockerImage"] = inp["dockerImage"]
    for field in CREDENTIAL_FIELDS:
        if field in inp:
            values[field] = inp[field]
    row = new_row(kind, **values)
    if "databasePassword" in row and not row["databasePassword"]:
        row["databasePassword"] = random_password()
    if "databaseRootPassword" in row and not row["databaseRootPassword"]:
        row["databaseRootPassword"] = random_password()
    if inp.get("appName"):
        row["appName"] = build_app_name(KINDS[kind]["prefix"], inp["appName"])
    row_id = row[KINDS[kind]["id"]]
    table(state, kind)[row_id] = row
    mount = new_mount(kind, row_id, volumeName="%s-data" % row["appName"], mountPath=database_mount_path(kind, row.get("dockerImage")))
    table(state, "mount")[mount["mountId"]] = mount
    return dict(row)


def _simulated_logs(row, tail):
    """Container logs of a running database (the simulator has no real container: a few generated lines)."""
    lines = ["%s | simulated log line %d" % (row["appName"], i + 1) for i in range(min(int(tail or 100), 5))]
    return "\n".join(lines) + "\n"


def register(kind):
    """Register the procedures of the <kind> router that its OpenAPI document declares."""
    id_field = KINDS[kind]["id"]
    declared = procedures()

    def route(name, **options):  # pylint: disable=redefined-outer-name
        if name not in declared:
            return lambda func: func
        return registry_route(name, **options)

    @route("%s.create" % kind)
    def create(state, inp, ctx):
        return create_database(state, kind, inp)

    @route("%s.one" % kind)
    def one(state, inp, ctx):
        return detail(state, kind, get_row(state, kind, inp[id_field]))

    @route("%s.remove" % kind)
    def remove(state, inp, ctx):
        row = get_row(state, kind, inp[id_field])
        out = detail(state, kind, row, for_delete=True)
        delete_service(state, kind, row[id_field])
        return out

    @route("%s.update" % kind)
    def update(state, inp, ctx):
        rows = table(state, kind)
        row = rows.get(inp[id_field])
        if row is None:
            raise ApiError(400, UPDATE_ERRORS[kind])
        for field, value in inp.items():
            if field not in (id_field, "appName", "serverId"):  # appName is dropped by update<Kind>ById
                row[field] = value
        touch(rows, row[id_field])
        return True

    @route("%s.saveEnvironment" % kind)
    def save_environment(state, inp, ctx):
        rows = table(state, kind)
        row = get_row(state, kind, inp[id_field])
        row["env"] = inp.get("env")
        touch(rows, row[id_field])
        return True

    @route("%s.saveExternalPort" % kind)
    def save_external_port(state, inp, ctx):
        rows = table(state, kind)
        row = get_row(state, kind, inp[id_field])
        port = inp.get("externalPort")
        if port is not None:
            for other_kind in UPDATE_ERRORS:
                for other in table(state, other_kind).values():
                    if other.get("externalPort") == port and other is not row:
                        raise ApiError(409, "Port %s is already in use by %s" % (port, other.get("appName")), "CONFLICT")
        before = detail(state, kind, copy.deepcopy(row))  # answered as loaded before the update
        row["externalPort"] = port
        touch(rows, row[id_field])
        deploy_database(state, kind, row, ctx)
        return before

    @route("%s.changePassword" % kind)
    def change_password(state, inp, ctx):
        row = get_row(state, kind, inp[id_field])
        if not docker_available(ctx):
            raise ApiError(500, NO_DOCKER_SOCKET)  # nothing is stored [220 -> 221]
        if row.get("applicationStatus") not in RUNNING or not row.get("_swarm"):
            raise ApiError(500, "No running container found for %s" % row["appName"])
        field = "databaseRootPassword" if inp.get("type") == "root" and "databaseRootPassword" in row else "databasePassword"
        row[field] = inp["password"]
        return True

    @route("%s.search" % kind)
    def search(state, inp, ctx):
        return search_databases(state, kind, inp)

    @route("%s.changeStatus" % kind)
    def change_status(state, inp, ctx):
        """Answers the row (with its relations) as loaded before the change (source)."""
        row = get_row(state, kind, inp[id_field])
        before = detail(state, kind, row)
        row["applicationStatus"] = inp["applicationStatus"]
        touch(table(state, kind), row[id_field])
        return before

    @route("%s.move" % kind)
    def move(state, inp, ctx):
        """The plain updated row; an unknown id is a 500 "Failed to move <kind>" (source). Dokploy does not look
        the target environment up: an unknown one fails on the foreign key (500 with the SQL text)."""
        row = table(state, kind).get(inp[id_field])
        if row is None:
            raise ApiError(500, "Failed to move %s" % kind)
        if inp["targetEnvironmentId"] not in table(state, "environment"):
            values = {"environmentId": inp["targetEnvironmentId"]}
            raise ApiError(500, failed_update(kind, id_field, row[id_field], values, list(public(row))))
        row["environmentId"] = inp["targetEnvironmentId"]
        touch(table(state, kind), row[id_field])
        return public(row)

    @route("%s.rebuild" % kind)
    def rebuild(state, inp, ctx):
        """Removes the service and its data volume, then deploys again: `true` (source)."""
        row = get_row(state, kind, inp[id_field])
        deploy_database(state, kind, row, ctx)
        return True

    @route("%s.readLogs" % kind)
    def read_logs(state, inp, ctx):
        """`docker service logs` of the database: needs Docker and a deployed service."""
        row = get_row(state, kind, inp[id_field])
        if not docker_available(ctx):
            raise ApiError(500, NO_DOCKER_SOCKET)
        if not row.get("_swarm"):
            raise ApiError(500, "Command execution failed: Error response from daemon: service %s not found\n" % row["appName"])
        return _simulated_logs(row, inp.get("tail"))

    return create, one, remove
