# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""server router [428-453, 1124-1143, 1264, 1292-1296]: remote servers, as the dokploy_server module and the inventory
plugin read them; deployment.allByServer.

setup answers 200 with an empty body once the SSH work is over [1141]; its outcome is a "Setup Server" deployment
(done/error) [1142]. The SSH outcome (setup, validate, security) comes from server_remote.py: a loopback ipAddress (nothing
listens [443, 1142]) or a reserved name such as `host.invalid` fails, or `/__sim__/remote` {"server_setup": "fail"}.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ..cascade import delete_row
from ..registry import EMPTY, ApiError, not_found, route
from ..services import KINDS
from ..state import table
from ..util import build_app_name, by_created, nanoid, now_iso, public, touch
from .server_remote import failure

# server.create / server.update: zod `.required()` fields that may be null [429, 441].
NONOPTIONAL = ("description", "username", "sshKeyId", "serverType")
# enableDockerCleanup has a zod default (true): an update without it turns the cleanup back on (NOTES-resources)
UPDATE_FIELDS = ("name", "description", "ipAddress", "port", "username", "sshKeyId", "serverType", "command",
                 "enableDockerCleanup")


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


def takes_docker_cleanup(ctx):
    """Whether server.create/update take enableDockerCleanup: v0.25.11's apiCreateServer and apiUpdateServer pick no such
    field (zod drops it; the column defaults to false there), only settings.updateDockerCleanup sets it
    (tests/simulator/versions.py BEHAVIOURS)."""
    return ctx.config.get("behaviours", {}).get("server.enableDockerCleanup", True)


def _get(state, server_id):
    row = table(state, "server").get(server_id)
    if row is None:
        raise not_found("Server")
    return row


def services_on(state, server_id):
    return [(kind, row) for kind in KINDS for row in table(state, kind).values() if row.get("serverId") == server_id]


def _newest_first(state):
    return by_created(table(state, "server").values(), newest_first=True)


def _check_ssh_key(state, ssh_key_id):
    """The FK violation of an unknown sshKeyId is caught by the router: 400 "Error creating the server" [1131]."""
    if ssh_key_id and ssh_key_id not in table(state, "sshKey"):
        raise ApiError(400, "Error creating the server")


@route("server.create", nonoptional=NONOPTIONAL, coerce=False)  # port: "9" is refused [1129]
def create(state, inp, ctx):
    _check_ssh_key(state, inp["sshKeyId"])
    row = new_server(state, ctx.organization_id, inp["name"], inp["ipAddress"], inp["port"], inp["username"],
                     inp["description"], inp["sshKeyId"], inp.get("serverType", "deploy"))
    # before v0.26.0 apiCreateServer has no serverType (v0.25.11 schema/server.ts): not sent, every server deploys
    if "enableDockerCleanup" in inp:
        row["enableDockerCleanup"] = inp["enableDockerCleanup"]
    if not takes_docker_cleanup(ctx):
        row["enableDockerCleanup"] = False   # the column's default, the input dropped by zod
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


def server_detail(state, row):
    """findServerById + redactServerSshKey: the row with `deployments` and `sshKey` (privateKey blanked) [435, 1133]."""
    out = public(row)
    out["deployments"] = [public(d) for d in table(state, "deployment").values() if d.get("serverId") == row["serverId"]]
    key = table(state, "sshKey").get(row.get("sshKeyId")) if row.get("sshKeyId") else None
    out["sshKey"] = dict(public(key), privateKey="") if key else None
    return out


@route("server.one")
def one(state, inp, ctx):
    return server_detail(state, _get(state, inp["serverId"]))


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


@route("server.update", nonoptional=NONOPTIONAL, coerce=False)
def update(state, inp, ctx):
    servers = table(state, "server")
    row = _get(state, inp["serverId"])
    if row.get("serverStatus") == "inactive":
        raise ApiError(404, "Server is inactive")
    for field in UPDATE_FIELDS:
        if field in inp and (field != "enableDockerCleanup" or takes_docker_cleanup(ctx)):
            row[field] = inp[field]
    touch(servers, row["serverId"])
    return public(row)


@route("server.remove")
def remove(state, inp, ctx):
    row = _get(state, inp["serverId"])
    if services_on(state, row["serverId"]):
        raise ApiError(400, "Server has active services, please delete them first")
    out = server_detail(state, row)  # read before the delete: the deployments are still listed [1292]
    # its deployments, certificates, networks and schedules go by the foreign keys, its build servers' columns are
    # cleared (cascade.py)
    delete_row(state, "server", row["serverId"])
    return out


def _ssh(ctx, row):
    """Raise the router's 400 when the SSH connection fails (validate, security)."""
    if not row.get("sshKeyId"):
        raise ApiError(400, "No SSH Key found")
    reason = failure(ctx, "server_setup", row.get("ipAddress"), row.get("port"))
    if reason:
        raise ApiError(400, "SSH connection error: %s" % reason)


@route("server.setup")
def setup(state, inp, ctx):
    """Empty body [1141]; serverSetup awaits the SSH work and records a "Setup Server" deployment created `running`
    without startedAt, ending done or error [1142]; only the newest 5 of a server are kept (removeLastFiveDeployments)."""
    row = _get(state, inp["serverId"])
    deployments = table(state, "deployment")
    mine = sorted((d for d in deployments.values() if d.get("serverId") == row["serverId"]),
                  key=lambda d: d.get("createdAt") or "", reverse=True)
    for old in mine[4:]:
        del deployments[old["deploymentId"]]
    now = now_iso()
    deployment = {
        "deploymentId": nanoid(), "title": "Setup Server", "description": "Setup Server", "status": "running",
        "logPath": "/etc/dokploy/logs/%s/%s-%s.log" % (row["appName"], row["appName"], now[:19].replace("T", ":")),
        "pid": None, "applicationId": None, "composeId": None, "serverId": row["serverId"], "isPreviewDeployment": False,
        "previewDeploymentId": None, "createdAt": now, "startedAt": None, "finishedAt": None, "errorMessage": None,
        "scheduleId": None, "backupId": None, "rollbackId": None, "volumeBackupId": None, "buildServerId": None,
    }
    deployments[deployment["deploymentId"]] = deployment
    reason = "No SSH Key found" if not row.get("sshKeyId") else failure(ctx, "server_setup", row.get("ipAddress"), row.get("port"))
    deployment["status"] = "error" if reason else "done"
    deployment["finishedAt"] = now_iso()
    deployment["_log"] = "Initializing Setup Server\n" + (
        "Error: %s \u274c\n" % reason if reason else
        ("\nInstalling %sServer Dependencies: \u2705\n\nSetup Server: \u2705\n"
         % ("Build " if row.get("serverType") == "build" else "")))
    return EMPTY


@route("deployment.allByServer")
def deployments_by_server(state, inp, ctx):
    """Every deployment with this serverId, newest first (services/deployment.ts findAllDeploymentsByServerId)."""
    _get(state, inp["serverId"])
    rows = [public(d) for d in table(state, "deployment").values() if d.get("serverId") == inp["serverId"]]
    return sorted(rows, key=lambda d: d.get("createdAt") or "", reverse=True)


@route("server.validate")
def validate(state, inp, ctx):
    """Shape from setup/server-validate.ts (v0.30.2): the JSON its remote script prints; a server set up by the
    simulator has everything installed."""
    row = _get(state, inp["serverId"])
    _ssh(ctx, row)
    ready = any(d.get("title") == "Setup Server" and d.get("status") == "done" for d in table(state, "deployment").values()
                if d.get("serverId") == row["serverId"])

    def tool(version):
        return {"version": version if ready else "", "enabled": ready}
    return {"docker": tool("28.5.0"), "rclone": tool("1.71.1"), "nixpacks": tool("1.39.0"), "buildpacks": tool("0.39.1"),
            "railpack": tool("0.2.2"), "isDokployNetworkInstalled": ready, "isSwarmInstalled": ready,
            "isMainDirectoryInstalled": ready, "privilegeMode": "root" if row.get("username") == "root" else "sudo",
            "dockerGroupMember": ready}


@route("server.security")
def security(state, inp, ctx):
    """Shape from setup/server-audit.ts and the router's type (v0.30.2): ufw, ssh and fail2ban as a fresh host has them."""
    row = _get(state, inp["serverId"])
    _ssh(ctx, row)
    return {"ufw": {"installed": False, "active": False, "defaultIncoming": ""},
            "ssh": {"enabled": True, "keyAuth": True, "permitRootLogin": "yes", "passwordAuth": "yes", "usePam": "yes"},
            "fail2ban": {"installed": False, "enabled": False, "active": False, "sshEnabled": "", "sshMode": ""}}


@route("server.getDefaultCommand")
def get_default_command(state, inp, ctx):
    """The installation script (setup/server-setup.ts defaultCommand), abridged: a string, as the source returns."""
    row = _get(state, inp["serverId"])
    build = row.get("serverType") == "build"
    return ("\nset -e;\nDOCKER_VERSION=28.5.0\necho \"Installing requirements for: OS: $OS_TYPE\"\n"
            + ("echo \"Build server: Docker, Nixpacks, Buildpacks, Railpack\"\n" if build else
               "echo \"Deploy server: Docker, Swarm, dokploy-network, Traefik, RClone, Nixpacks, Buildpacks, Railpack\"\n"))


@route("server.allForPermissions")
def all_for_permissions(state, inp, ctx):
    """Needs an enterprise licence in v0.30.2 (routers/server.ts): a simulator has none."""
    raise ApiError(403, "Valid enterprise license required")


@route("server.updateBuildsConcurrency")
def update_builds_concurrency(state, inp, ctx):
    """updateServerById returns the updated row (services/server.ts)."""
    row = _get(state, inp["serverId"])
    row["buildsConcurrency"] = inp["buildsConcurrency"]
    touch(table(state, "server"), row["serverId"])
    return public(row)


@route("server.setupMonitoring")
def setup_monitoring(state, inp, ctx):
    """Stores metricsConfig (type forced to Remote), then deploys the monitoring container over SSH; returns nothing."""
    row = _get(state, inp["serverId"])
    config = inp["metricsConfig"]
    server_cfg = dict(config["server"], type="Remote")
    containers = config["containers"]
    row["metricsConfig"] = {"server": server_cfg, "containers": {
        "refreshRate": containers["refreshRate"],
        "services": {"include": containers.get("services", {}).get("include") or [],
                     "exclude": containers.get("services", {}).get("exclude") or []}}}
    _ssh(ctx, row)
    return EMPTY


@route("server.publicIp")
def public_ip(state, inp, ctx):
    return None  # the lookup services are out of reach, as on the recorded host [446]


@route("server.getServerTime")
def get_server_time(state, inp, ctx):
    """{time, timezone} (routers/server.ts)."""
    return {"time": now_iso(), "timezone": "UTC"}


@route("server.getServerMetrics")
def get_server_metrics(state, inp, ctx):
    """Fetches the monitoring agent at `url` (routers/server.ts): no agent runs beside the simulator, so the fetch
    fails as it does in Dokploy when the container is not running."""
    raise ApiError(500, "fetch failed")
