# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared create/one/remove for the database routers (postgres, mysql, mariadb, mongo, redis)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ..registry import route
from ..services import (KINDS, check_server, database_mount_path, delete_service, detail, find_environment, get_row, new_mount,
                        new_row)
from ..state import table
from ..util import build_app_name, random_password

CREDENTIAL_FIELDS = ("databaseName", "databaseUser", "databasePassword", "databaseRootPassword", "replicaSets")


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


def register(kind):
    """Register <kind>.create, <kind>.one and <kind>.remove."""
    id_field = KINDS[kind]["id"]

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

    return create, one, remove
