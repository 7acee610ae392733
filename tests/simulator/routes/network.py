# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""network router: all, one, create, remove, networksToSync, import, inspect, recreate.

Not recorded: shapes from Dokploy's source at v0.30.2 (apps/dokploy/server/api/routers/network.ts,
packages/server/src/services/network.ts, packages/server/src/db/schema/network.ts). Dokploy keeps a `network` row and
creates the Docker network of the same name on the server (serverId null: the Dokploy host). The simulator models the
Docker side in table `dockerNetwork` (key "<serverId or ''>/<name>", rows shaped as `docker network inspect`), where
tests may seed networks to import; the built-in networks (bridge, host, none, ingress, docker_gwbridge,
dokploy-network) always exist and are never importable. With the Docker switch off (`/__sim__/deploy`
{"docker": false}) every Docker call fails with "connect ENOENT /var/run/docker.sock", as on the recorded host.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import hashlib

from ..deploy_queue import docker
from ..services import KINDS
from ..registry import ApiError, not_found, route
from ..state import table
from ..util import by_created, nanoid, now_iso, public
from ..validation import ValidationFailed

NO_DOCKER_SOCKET = "connect ENOENT /var/run/docker.sock"
RESERVED = ("bridge", "host", "none", "ingress", "docker_gwbridge", "dokploy-network")
COLUMNS = ("networkId", "name", "driver", "internal", "attachable", "enableIPv4", "enableIPv6", "mtu", "ipam", "createdAt",
           "organizationId", "serverId")


def _key(server_id, name):
    return "%s/%s" % (server_id or "", name)


def _docker_networks(state, server_id):
    """The Docker networks of a server (serverId None: the Dokploy host), built-in ones first."""
    found = [_inspect_shape(name, "overlay" if name in ("ingress", "dokploy-network") else
                            ("null" if name == "none" else ("host" if name == "host" else "bridge")),
                            ingress=name == "ingress")
             for name in RESERVED]
    prefix = _key(server_id, "")
    found.extend(n for k, n in table(state, "dockerNetwork").items() if k.startswith(prefix) and "/" not in k[len(prefix):])
    return found


def _inspect_shape(name, driver, internal=False, attachable=False, ipv4=True, ipv6=False, mtu=None, ipam=None, ingress=False):
    """`docker network inspect` of one network (Docker Engine API NetworkResource)."""
    config = [dict((k[0].upper() + k[1:] if k != "ipRange" else "IPRange", v) for k, v in entry.items() if v)
              for entry in (ipam or {}).get("config") or []]
    return {"Name": name, "Id": hashlib.sha256(name.encode("utf-8")).hexdigest(), "Created": now_iso(),
            "Scope": "swarm" if driver == "overlay" else "local", "Driver": driver, "EnableIPv4": ipv4,
            "EnableIPv6": ipv6, "IPAM": {"Driver": (ipam or {}).get("driver") or "default", "Options": None,
                                         "Config": config},
            "Internal": internal, "Attachable": attachable, "Ingress": ingress, "ConfigFrom": {"Network": ""},
            "ConfigOnly": False, "Containers": {},
            "Options": {"com.docker.network.driver.mtu": str(mtu)} if mtu else {}, "Labels": {}}


def _need_docker(ctx):
    if not docker(ctx.sim):
        raise ApiError(400, NO_DOCKER_SOCKET)


def _docker_create(state, ctx, row):
    """createDockerNetworkFromRow: CheckDuplicate makes an existing name a 409 from the daemon, turned into a 400."""
    _need_docker(ctx)
    if any(n["Name"] == row["name"] for n in _docker_networks(state, row["serverId"])):
        raise ApiError(400, "(HTTP code 409) unexpected - network with name %s already exists " % row["name"])
    table(state, "dockerNetwork")[_key(row["serverId"], row["name"])] = _inspect_shape(
        row["name"], row["driver"], row["internal"], row["attachable"], row["enableIPv4"], row["enableIPv6"],
        row["mtu"], row["ipam"])


def _get(state, network_id, ctx=None):
    """The row; one of another organisation is "not found" too to one, inspect and recreate (routers/network.ts)."""
    row = table(state, "network").get(network_id)
    if row is None or (ctx is not None and row.get("organizationId") != ctx.organization_id):
        raise not_found("Network")
    return row


def _check_refinements(inp):
    """schema/network.ts validateNetworkInput (a superRefine)."""
    issues = []
    if inp.get("enableIPv4") is False and inp.get("enableIPv6") is not True:
        issues.append({"code": "custom", "path": ["enableIPv4"], "message": "IPv4 or IPv6 must be enabled"})
    for index, entry in enumerate((inp.get("ipam") or {}).get("config") or []):
        if not entry.get("subnet") and (entry.get("gateway") or entry.get("ipRange")):
            issues.append({"code": "custom", "path": ["ipam", "config", index, "subnet"],
                           "message": "Gateway and IP range require a subnet"})
    if issues:
        raise ValidationFailed(issues)


def _rows(state, ctx, server_id):
    """findNetworksByServer: the rows of the caller's organisation on one server (None: the Dokploy host)."""
    return [r for r in table(state, "network").values()
            if (r.get("serverId") or None) == server_id and r.get("organizationId") == ctx.organization_id]


@route("network.all")
def all_(state, inp, ctx):
    """The rows of one server (or of the Dokploy host when serverId is absent), newest first."""
    return [public(r) for r in by_created(_rows(state, ctx, inp.get("serverId") or None), newest_first=True)]


@route("network.one")
def one(state, inp, ctx):
    return public(_get(state, inp["networkId"], ctx))


@route("network.create")
def create(state, inp, ctx):
    """The row; insert and Docker creation share a transaction, so a Docker failure stores nothing."""
    _check_refinements(inp)
    if inp.get("serverId") and inp["serverId"] not in table(state, "server"):
        raise ApiError(500, 'Failed query: insert into "network" (%s) values (...)\nparams: ...'
                       % ", ".join('"%s"' % c for c in COLUMNS))  # FK violation, not caught
    row = {"networkId": nanoid(), "name": inp["name"], "driver": inp.get("driver") or "bridge",
           "internal": inp.get("internal", False), "attachable": inp.get("attachable", False),
           "enableIPv4": inp.get("enableIPv4", True), "enableIPv6": inp.get("enableIPv6", False),
           "mtu": inp.get("mtu"), "ipam": inp.get("ipam") if inp.get("ipam") is not None else {},
           "createdAt": now_iso(), "organizationId": ctx.organization_id, "serverId": inp.get("serverId") or None}
    _docker_create(state, ctx, row)
    table(state, "network")[row["networkId"]] = row
    return public(row)


def _swarm_id(name):
    """A Docker swarm object ID (25 characters) for a name."""
    return hashlib.sha256(name.encode("utf-8")).hexdigest()[:25]


def _users(state, row):
    """The deployed services whose swarm spec has the overlay network ``row`` (swarm.py ``_networkIds``)."""
    if row["driver"] != "overlay":
        return []
    return [service for kind in KINDS for service in table(state, kind).values()
            if service.get("_swarm") and row["networkId"] in (service.get("_networkIds") or ())
            and (service.get("serverId") or None) == (row.get("serverId") or None)]


@route("network.remove")
def remove(state, inp, ctx):
    """Removes the Docker network (already gone is fine), then the row; answers the deleted row. Docker refuses a
    network a service uses, and the row stays (seen on a real v0.30.2 and swarm, tests/acceptance/test_swarm_settings.py)."""
    row = _get(state, inp["networkId"])
    if row.get("organizationId") != ctx.organization_id:
        raise ApiError(401, "Not authorized to delete this network")
    _need_docker(ctx)
    users = _users(state, row)
    if users:
        raise ApiError(400, "(HTTP code 400) unexpected - rpc error: code = FailedPrecondition desc = network %s is in "
                            "use by service %s " % (_swarm_id(row["name"]), _swarm_id(users[0]["appName"])))
    table(state, "dockerNetwork").pop(_key(row["serverId"], row["name"]), None)
    del table(state, "network")[row["networkId"]]
    return public(row)


@route("network.inspect")
def inspect(state, inp, ctx):
    row = _get(state, inp["networkId"], ctx)
    _need_docker(ctx)
    found = table(state, "dockerNetwork").get(_key(row["serverId"], row["name"]))
    if found is None:
        raise ApiError(400, "(HTTP code 404) no such network - network %s not found " % row["name"])
    return found


@route("network.recreate")
def recreate(state, inp, ctx):
    """Creates the Docker network again from the row (after it was removed outside Dokploy); answers the row."""
    row = _get(state, inp["networkId"], ctx)
    _docker_create(state, ctx, row)
    return public(row)


def _importable(network):
    return network["Name"] not in RESERVED and not network.get("Ingress") and network["Driver"] in ("bridge", "overlay")


@route("network.networksToSync")
def networks_to_sync(state, inp, ctx):
    """{importable: Docker networks without a row, missing: rows whose Docker network is gone}."""
    server_id = inp.get("serverId") or None
    _need_docker(ctx)
    existing = _rows(state, ctx, server_id)
    names = set(r["name"] for r in existing)
    docker_networks = _docker_networks(state, server_id)
    docker_names = set(n["Name"] for n in docker_networks)
    importable = [{"name": n["Name"], "driver": n["Driver"], "internal": n.get("Internal", False),
                   "attachable": n.get("Attachable", False),
                   "subnets": [c["Subnet"] for c in (n.get("IPAM") or {}).get("Config") or [] if c.get("Subnet")]}
                  for n in docker_networks if _importable(n) and n["Name"] not in names]
    missing = [{"networkId": r["networkId"], "name": r["name"]} for r in existing if r["name"] not in docker_names]
    return {"importable": importable, "missing": missing}


@route("network.import")
def import_(state, inp, ctx):
    """{imported: [names], errors: [{name, error}]}: a row per importable Docker network, mapped from its inspect."""
    server_id = inp.get("serverId") or None
    names = set(r["name"] for r in _rows(state, ctx, server_id))
    docker_networks = dict((n["Name"], n) for n in _docker_networks(state, server_id))
    imported, errors = [], []
    for name in inp["names"]:
        if name in names:
            errors.append({"name": name, "error": "Already imported"})
        elif not docker(ctx.sim):
            errors.append({"name": name, "error": NO_DOCKER_SOCKET})
        elif name not in docker_networks:
            errors.append({"name": name, "error": "(HTTP code 404) no such network - network %s not found " % name})
        elif not _importable(docker_networks[name]):
            errors.append({"name": name, "error": "Network is reserved or not supported"})
        else:
            info = docker_networks[name]
            mtu = (info.get("Options") or {}).get("com.docker.network.driver.mtu")
            row = {"networkId": nanoid(), "name": name, "driver": info["Driver"], "internal": info.get("Internal", False),
                   "attachable": info.get("Attachable", False), "enableIPv4": info.get("EnableIPv4", True),
                   "enableIPv6": info.get("EnableIPv6", False), "mtu": int(mtu) if mtu and mtu.isdigit() else None,
                   "ipam": {"driver": (info.get("IPAM") or {}).get("Driver"),
                            "config": [{"subnet": c.get("Subnet"), "gateway": c.get("Gateway"), "ipRange": c.get("IPRange")}
                                       for c in (info.get("IPAM") or {}).get("Config") or []]},
                   "createdAt": now_iso(), "organizationId": ctx.organization_id, "serverId": server_id}
            table(state, "network")[row["networkId"]] = row
            names.add(name)
            imported.append(name)
    return {"imported": imported, "errors": errors}
