# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""server router [428-453]: remote servers, as the dokploy_server module and the inventory plugin read them."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ..registry import ApiError, not_found, route
from ..services import KINDS
from ..state import table
from ..util import build_app_name, by_created, nanoid, now_iso, public, touch

# server.create / server.update: zod `.required()` fields that may be null [429, 441].
NONOPTIONAL = ("description", "username", "sshKeyId", "serverType")
UPDATE_FIELDS = ("name", "description", "ipAddress", "port", "username", "sshKeyId", "serverType", "command")


def default_metrics_config():
    return {"server": {"port": 4500, "type": "Remote", "token": "", "cronJob": "", "thresholds": {"cpu": 0, "memory": 0},
                       "refreshRate": 60, "urlCallback": "", "retentionDays": 2},
            "containers": {"services": {"exclude": [], "include": []}, "refreshRate": 60}}


def new_server(state, organization_id, name, ip_address, port=22, username="root", description=None, ssh_key_id=None,
               server_type="deploy", **extra):
    """A server row as server.create returns it [430]; also used to seed fixtures."""
    row = {"serverId": nanoid(), "name": name, "description": description, "ipAddress": ip_address, "port": port,
           "username": username, "appName": build_app_name("server"), "enableDockerCleanup": True,
           "buildsConcurrency": 1, "createdAt": now_iso(), "organizationId": organization_id,
           "serverStatus": "active", "serverType": server_type, "command": "", "sshKeyId": ssh_key_id,
           "metricsConfig": default_metrics_config()}
    row.update(extra)
    table(state, "server")[row["serverId"]] = row
    return row


def _get(state, server_id):
    row = table(state, "server").get(server_id)
    if row is None:
        raise not_found("Server")
    return row


def services_on(state, server_id):
    return [(kind, row) for kind in KINDS for row in table(state, kind).values() if row.get("serverId") == server_id]


def _newest_first(state):
    return by_created(table(state, "server").values(), newest_first=True)


@route("server.create", nonoptional=NONOPTIONAL)
def create(state, inp, ctx):
    row = new_server(state, ctx.organization_id, inp["name"], inp["ipAddress"], inp["port"], inp["username"],
                     inp["description"], inp["sshKeyId"], inp["serverType"])
    if "enableDockerCleanup" in inp:
        row["enableDockerCleanup"] = inp["enableDockerCleanup"]
    return public(row)


@route("server.all")
def all_(state, inp, ctx):
    """Rows newest first, each with `totalSum` (the services on it) [434]."""
    out = []
    for row in _newest_first(state):
        item = public(row)
        item["totalSum"] = len(services_on(state, row["serverId"]))
        out.append(item)
    return out


@route("server.one")
def one(state, inp, ctx):
    """The row with `deployments` and `sshKey` (privateKey blanked) [435, 453]."""
    row = _get(state, inp["serverId"])
    out = public(row)
    out["deployments"] = [public(d) for d in table(state, "deployment").values() if d.get("serverId") == row["serverId"]]
    key = table(state, "sshKey").get(row.get("sshKeyId")) if row.get("sshKeyId") else None
    out["sshKey"] = dict(public(key), privateKey="") if key else None
    return out


@route("server.count")
def count(state, inp, ctx):
    return len(table(state, "server"))


@route("server.withSSHKey")
def with_ssh_key(state, inp, ctx):
    """Deploy servers that have an SSH key, plain rows [437]."""
    return [public(r) for r in _newest_first(state) if r.get("sshKeyId") and r.get("serverType") == "deploy"]


@route("server.buildServers")
def build_servers(state, inp, ctx):
    """Build servers that have an SSH key; a build server without one is not listed [439]."""
    return [public(r) for r in _newest_first(state) if r.get("sshKeyId") and r.get("serverType") == "build"]


@route("server.update", nonoptional=NONOPTIONAL)
def update(state, inp, ctx):
    servers = table(state, "server")
    row = _get(state, inp["serverId"])
    for field in UPDATE_FIELDS:
        if field in inp:
            row[field] = inp[field]
    touch(servers, row["serverId"])
    return public(row)


@route("server.remove")
def remove(state, inp, ctx):
    row = _get(state, inp["serverId"])
    if services_on(state, row["serverId"]):
        raise ApiError(400, "Server has active services, please delete them first")
    del table(state, "server")[row["serverId"]]
    out = public(row)
    out["deployments"] = []
    out["sshKey"] = None
    return out
