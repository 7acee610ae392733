# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""libsql router. Not recorded: shapes and messages from Dokploy v0.30.2's source (routers/libsql.ts,
services/libsql.ts, db/schema/libsql.ts).

The procedures it shares with the other databases come from _database.register (one, update, remove,
saveEnvironment, changeStatus, move, rebuild, readLogs) and routes/lifecycle.py (deploy, start, stop, reload).
Its own: create answers `true`, not the row, and saveExternalPorts sets three ports.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy

from ..registry import ApiError, route
from ..services import check_server, detail, find_environment, get_row, new_mount, new_row
from ..state import table
from ..util import build_app_name, random_password, touch
from ._database import UPDATE_ERRORS, deploy_database, register

register("libsql")

CREATE_FIELDS = ("name", "environmentId", "description", "serverId", "dockerImage", "databaseUser", "databasePassword",
                 "sqldNode", "sqldPrimaryUrl", "enableNamespaces")
PORT_FIELDS = ("externalPort", "externalGRPCPort", "externalAdminPort")


@route("libsql.create")
def create(state, inp, ctx):
    """`true`; the row gets the data volume `<appName>-data` at /var/lib/sqld. An appName already used by another
    service is a 409."""
    find_environment(state, inp["environmentId"])
    check_server(state, inp.get("serverId"))
    app_name = build_app_name("libsql", inp.get("appName"))
    if any(r.get("appName") == inp.get("appName") for kind in UPDATE_ERRORS for r in table(state, kind).values()):
        raise ApiError(409, "Service with this 'AppName' already exists")
    row = new_row("libsql", **{f: inp[f] for f in CREATE_FIELDS if f in inp})
    row["appName"] = app_name
    row["databasePassword"] = row.get("databasePassword") or random_password()
    table(state, "libsql")[row["libsqlId"]] = row
    mount = new_mount("libsql", row["libsqlId"], volumeName="%s-data" % app_name, mountPath="/var/lib/sqld")
    table(state, "mount")[mount["mountId"]] = mount
    return True


@route("libsql.saveExternalPorts")
def save_external_ports(state, inp, ctx):
    """Stores the three ports, then redeploys (500 without Docker, the ports kept); answers the row as loaded
    before. A replica cannot publish gRPC (400); a port another database publishes is a 409."""
    rows = table(state, "libsql")
    row = get_row(state, "libsql", inp["libsqlId"])
    if row.get("sqldNode") == "replica" and inp.get("externalGRPCPort") is not None:
        raise ApiError(400, "externalGRPCPort cannot be set when sqldNode is 'replica'")
    for name in PORT_FIELDS:
        port = inp.get(name)
        if not port or port == row.get(name):
            continue
        for kind in UPDATE_ERRORS:
            for other in table(state, kind).values():
                if other is not row and port in [other.get(f) for f in PORT_FIELDS]:
                    raise ApiError(409, "Port %s (%s) is already in use by %s" % (port, name, other.get("appName")), "CONFLICT")
    before = detail(state, "libsql", copy.deepcopy(row))
    for name in PORT_FIELDS:
        row[name] = inp.get(name)
    touch(rows, row["libsqlId"])
    deploy_database(state, "libsql", row, ctx)
    return before
