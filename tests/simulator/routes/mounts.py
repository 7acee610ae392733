# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""mounts router: create [1009-1023], listByServiceId [1024-1029], one [1030-1032], update [1033-1041],
allNamedByApplicationId [1042-1043], remove [1046-1048]."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy

from .. import deploy_queue
from ..registry import ApiError, EMPTY, route
from ..services import KINDS, get_row, new_mount
from ..state import table
from ..util import public, touch
from ._children import MOUNT_SERVICE_COLUMNS, failed_insert, get_child, remove_child

MOUNT_COLUMNS = ("mountId", "type", "hostPath", "volumeName", "filePath", "content", "serviceType", "mountPath") + MOUNT_SERVICE_COLUMNS
NO_DOCKER_SOCKET = "connect ENOENT /var/run/docker.sock"


def mount_detail(state, row):
    """mounts.one [1030]: every service relation, only the owner set, reduced to serverId, appName and the
    project's organizationId."""
    out = public(row)
    for column in MOUNT_SERVICE_COLUMNS:
        kind = column[:-2]
        service = table(state, kind).get(row.get(column)) if row.get(column) else None
        if service is None:
            out[kind] = None
            continue
        env = table(state, "environment").get(service.get("environmentId")) or {}
        project = table(state, "project").get(env.get("projectId")) or {}
        out[kind] = {"serverId": service.get("serverId"), "appName": service.get("appName"),
                     "environment": {"project": {"organizationId": project.get("organizationId")}}}
    return out


@route("mounts.create")
def create(state, inp, ctx):
    """The row [1009]. An id that is not a service of `serviceType` fails on the FK: 400 with the SQL [1022, 1023].
    Without `serviceType` the id goes into no column (Dokploy sets `undefinedId`): an orphan row with the column
    default `serviceType: application` that no service lists [464, 533]."""
    kind = inp.get("serviceType")
    values = {k: v for k, v in inp.items() if k != "serviceId"}
    if kind is None:
        row = new_mount("application", None, **values)
        table(state, "mount")[row["mountId"]] = row
        return public(row)
    row = new_mount(kind, inp["serviceId"], **values)
    if inp["serviceId"] not in table(state, kind):
        sent = dict(values, mountId=row["mountId"], **{KINDS[kind]["id"]: inp["serviceId"]})
        raise ApiError(400, "Error " + failed_insert("mount", MOUNT_COLUMNS, sent))
    table(state, "mount")[row["mountId"]] = row
    return public(row)


@route("mounts.one")
def one(state, inp, ctx):
    return mount_detail(state, get_child(state, "mount", inp["mountId"], "Mount"))


@route("mounts.update")
def update(state, inp, ctx):
    """Partial; answers the row as it was BEFORE the update (Dokploy re-reads it outside its transaction)
    [1033 -> 1034]. Changing the type keeps the other type's fields [1038]."""
    rows = table(state, "mount")
    row = get_child(state, "mount", inp["mountId"], "Mount")
    before = mount_detail(state, copy.deepcopy(row))
    for field, value in inp.items():
        if field != "mountId":
            row[field] = value
    touch(rows, row["mountId"])
    return before


@route("mounts.remove", nonoptional=("mountId",))
def remove(state, inp, ctx):
    return remove_child(state, "mount", inp["mountId"], "Mount")


@route("mounts.listByServiceId")
def list_by_service(state, inp, ctx):
    """Plain rows, the database's default data volume included [1026]; 404 `<Kind> not found` when the id is not
    a service of `serviceType` [1027, 1028]."""
    kind = inp["serviceType"]
    get_row(state, kind, inp["serviceId"])
    column = KINDS[kind]["id"]
    return [public(r) for r in table(state, "mount").values() if r.get(column) == inp["serviceId"]]


@route("mounts.allNamedByApplicationId")
def all_named(state, inp, ctx):
    """The named volumes of the application's running container (Docker's Mounts). Without Docker: 500 [1042];
    with Docker but never deployed there is no container and Dokploy answers undefined (empty body)."""
    app = get_row(state, "application", inp["applicationId"])
    if not deploy_queue.docker(ctx.sim):
        raise ApiError(500, NO_DOCKER_SOCKET)
    if not app.get("_swarm"):
        return EMPTY
    return [{"Type": "volume", "Name": m["volumeName"], "Source": "/var/lib/docker/volumes/%s/_data" % m["volumeName"],
             "Destination": m["mountPath"], "Driver": "local", "Mode": "z", "RW": True, "Propagation": ""}
            for m in table(state, "mount").values()
            if m.get("applicationId") == app["applicationId"] and m.get("type") == "volume" and m.get("volumeName")]
