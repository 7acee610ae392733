# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""settings router: versions and health [7-10]; the web server settings, Traefik's ports, dashboard and access log,
Docker cleanup, log cleanup, builds concurrency, remote-servers-only, and the one-off actions (reload, clean).

Recorded: the version and health procedures [7-10], the reads and refusals [2126-2132] on a real v0.30.2
(tests/conformance/admin_record.py); the rest from Dokploy's source at v0.30.2
(apps/dokploy/server/api/routers/settings.ts, packages/server/src/db/schema/web-server-settings.ts,
services/settings.ts readPorts, utils/access-log/handler.ts). Traefik's published ports live per server in
``state["traefik"]`` ("" is the Dokploy host): what ``docker service inspect dokploy-traefik`` would show, without 80
and 443 (readPorts drops them); the dashboard is the port whose target is 8080. The access log is Traefik's main
configuration's ``accessLog``, modelled as a flag. The recorded server ran without a Traefik container, where the
Traefik reads answer 500 "Resource type not found" [2128, 2129]; the simulator models a server with Traefik.

Before v0.26.3 (``ctx.config["behaviours"]["settings.webServerSettings"]`` false; versions.py) there is no
webServerSettings row: read in v0.25.11's source (apps/dokploy/server/api/routers/settings.ts, user.ts,
packages/server/src/db/schema/user.ts, utils/access-log/handler.ts, services/admin.ts findAdmin, lib/auth.ts ownerId),
the same columns are on each ``user`` row (USER_DEFAULTS, the schema's defaults): assignDomainServer (answering the
updated user row) and updateDockerCleanup without a serverId write the caller's row (``ctx.user.id``), as user.update
does (the only write of serverIp); getIp reads the organisation owner's (``ctx.user.ownerId``); the log cleanup is
the first owner's (findAdmin: the first member whose role is owner).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ..identity import require_admin, require_enterprise
from ..registry import EMPTY, ApiError, route
from ..state import table
from ..util import nanoid, now_iso, public
from ..validation import load_openapi

WHITELABELING = ("appName", "appDescription", "logoUrl", "faviconUrl", "customCss", "loginLogoUrl", "supportUrl",
                 "docsUrl", "errorPageTitle", "errorPageDescription", "metaTitle", "footerText")
DASHBOARD = {"targetPort": 8080, "publishedPort": 8080, "protocol": "tcp"}
CLEANUPS = ("cleanUnusedImages", "cleanUnusedVolumes", "cleanStoppedContainers", "cleanDockerBuilder",
            "cleanDockerPrune", "cleanAll")


def web_server_settings(state):
    """The one webServerSettings row (made with the schema's defaults on first use)."""
    rows = table(state, "webServerSettings")
    if not rows:
        # a fresh server's row [2126]: no IP until the installer sets one, the whitelabeling defaults
        row = {"id": nanoid(), "serverIp": None, "certificateType": "none", "https": False, "host": None,
               "letsEncryptEmail": None, "sshPrivateKey": None, "enableDockerCleanup": True,
               "logCleanupCron": "0 0 * * *",
               "metricsConfig": {"server": {"type": "Dokploy", "refreshRate": 60, "port": 4500, "token": "",
                                            "retentionDays": 2, "cronJob": "", "urlCallback": "",
                                            "thresholds": {"cpu": 0, "memory": 0}},
                                 "containers": {"refreshRate": 60, "services": {"include": [], "exclude": []}}},
               "whitelabelingConfig": dict.fromkeys(WHITELABELING), "remoteServersOnly": False, "buildsConcurrency": 1, "enforceSSO": False,
               "cleanupCacheApplications": False, "cleanupCacheOnPreviews": False, "cleanupCacheOnCompose": False,
               "createdAt": now_iso(), "updatedAt": now_iso()}
        rows[row["id"]] = row
    return next(iter(rows.values()))


# v0.25.11's user columns for the web server (packages/server/src/db/schema/user.ts), with their defaults
USER_DEFAULTS = {"serverIp": None, "certificateType": "none", "https": False, "host": None, "letsEncryptEmail": None,
                 "sshPrivateKey": None, "enableDockerCleanup": False, "logCleanupCron": "0 0 * * *"}


def on_user(ctx):
    """Whether this version keeps the web server settings on the user rows (before v0.26.3)."""
    return not ctx.config.get("behaviours", {}).get("settings.webServerSettings", True)


def user_settings(state, user_id):
    """A user row with the web server columns of a version before v0.26.3 (the defaults until set)."""
    row = table(state, "user")[user_id]
    for column, default in USER_DEFAULTS.items():
        row.setdefault(column, default)
    return row


def _first_owner(state):
    """findAdmin (packages/server/src/services/admin.ts of v0.25.11): the first member whose role is owner."""
    owners = sorted((m for m in table(state, "member").values() if m["role"] == "owner"), key=lambda m: m["createdAt"])
    return owners[0]["userId"]


def _row(state, ctx, whose="caller"):
    """The row the web server settings are in: the webServerSettings row, or before v0.26.3 a user's (``whose``:
    the caller, the organisation's owner, or findAdmin's first owner)."""
    if not on_user(ctx):
        return web_server_settings(state)
    if whose == "owner":
        user_id = table(state, "organization")[ctx.organization_id]["ownerId"]
    elif whose == "first owner":
        user_id = _first_owner(state)
    else:
        user_id = ctx.caller["userId"]
    return user_settings(state, user_id)


def _update(state, ctx, whose="caller", **values):
    row = _row(state, ctx, whose)
    row.update(values, updatedAt=now_iso())
    return public(row)


def _traefik(state, inp):
    server_id = (inp or {}).get("serverId") or ""
    if server_id and server_id not in table(state, "server"):
        raise ApiError(404, "Server not found")
    return state.setdefault("traefik", {}).setdefault(server_id, {"ports": [], "requests": False})


VERSION = "v0.30.2"


@route("settings.getDokployVersion")
def get_dokploy_version(state, inp, ctx):
    return VERSION


@route("settings.getReleaseTag")
def get_release_tag(state, inp, ctx):
    return "latest"


@route("settings.isCloud")
def is_cloud(state, inp, ctx):
    return False


@route("settings.health")
def health(state, inp, ctx):
    return {"status": "ok"}


@route("settings.getOpenApiDocument")
def get_openapi_document(state, inp, ctx):
    return load_openapi()


@route("settings.getWebServerSettings")
def get_web_server_settings(state, inp, ctx):
    return public(web_server_settings(state))


@route("settings.getIp")
def get_ip(state, inp, ctx):
    return _row(state, ctx, "owner").get("serverIp") or ""


@route("settings.updateServerIp")
def update_server_ip(state, inp, ctx):
    require_admin(ctx)
    return _update(state, ctx, serverIp=inp["serverIp"])


@route("settings.assignDomainServer")
def assign_domain_server(state, inp, ctx):
    """The settings row; host and certificateType are required, letsEncryptEmail and https set when sent."""
    require_admin(ctx)
    values = {"host": inp["host"], "certificateType": inp["certificateType"]}
    for field in ("letsEncryptEmail", "https"):
        if field in inp:
            values[field] = inp[field]
    return _update(state, ctx, **values)


@route("settings.updateDockerCleanup")
def update_docker_cleanup(state, inp, ctx):
    require_admin(ctx)
    if inp.get("serverId"):
        server = table(state, "server").get(inp["serverId"])
        if server is None:
            raise ApiError(404, "Server not found")
        server["enableDockerCleanup"] = inp["enableDockerCleanup"]
    else:
        _update(state, ctx, enableDockerCleanup=inp["enableDockerCleanup"])
    return True


@route("settings.updateLogCleanup")
def update_log_cleanup(state, inp, ctx):
    """true; an empty or null expression stops the cleanup (logCleanupCron null)."""
    _update(state, ctx, "first owner", logCleanupCron=inp.get("cronExpression") or None)
    return True


@route("settings.getLogCleanupStatus")
def get_log_cleanup_status(state, inp, ctx):
    cron = _row(state, ctx, "first owner").get("logCleanupCron")
    return {"enabled": cron is not None, "cronExpression": cron}


@route("settings.updateBuildsConcurrency")
def update_builds_concurrency(state, inp, ctx):
    require_admin(ctx)
    _update(state, ctx, buildsConcurrency=inp["buildsConcurrency"])
    return True


@route("settings.updateRemoteServersOnly")
def update_remote_servers_only(state, inp, ctx):
    require_enterprise(ctx)
    _update(state, ctx, remoteServersOnly=inp["remoteServersOnly"])
    return True


@route("settings.getTraefikPorts")
def get_traefik_ports(state, inp, ctx):
    require_admin(ctx)
    return [dict(p) for p in _traefik(state, inp)["ports"]]


@route("settings.updateTraefikPorts")
def update_traefik_ports(state, inp, ctx):
    """true; Traefik is recreated in the background with exactly these ports (besides 80 and 443)."""
    require_admin(ctx)
    _traefik(state, inp)["ports"] = [dict(p) for p in inp["additionalPorts"]]
    return True


@route("settings.haveTraefikDashboardPortEnabled")
def have_traefik_dashboard_port_enabled(state, inp, ctx):
    require_admin(ctx)
    return any(p["targetPort"] == 8080 for p in _traefik(state, inp)["ports"])


@route("settings.toggleDashboard")
def toggle_dashboard(state, inp, ctx):
    require_admin(ctx)
    traefik = _traefik(state, inp)
    ports = [p for p in traefik["ports"] if p["targetPort"] != 8080]
    if inp.get("enableDashboard"):
        if any(p["publishedPort"] == 8080 for p in ports):
            raise ApiError(409, "Port 8080 is already in use. Please stop the conflicting service or use a different "
                                "port for the Traefik dashboard.")
        ports.append(dict(DASHBOARD))
    traefik["ports"] = ports
    return True


@route("settings.haveActivateRequests")
def have_activate_requests(state, inp, ctx):
    return _traefik(state, None)["requests"]


@route("settings.toggleRequests")
def toggle_requests(state, inp, ctx):
    _traefik(state, None)["requests"] = bool(inp["enable"])
    return True


@route("settings.reloadTraefik")
def reload_traefik(state, inp, ctx):
    require_admin(ctx)
    _traefik(state, inp)
    return True


@route("settings.reloadServer")
def reload_server(state, inp, ctx):
    require_admin(ctx)
    return True


def _cleanup(name):
    def handler(state, inp, ctx):
        require_admin(ctx)
        _traefik(state, inp)
        return EMPTY if name == "cleanDockerBuilder" else True   # cleanDockerBuilder returns nothing
    route("settings.%s" % name)(handler)


for _name in CLEANUPS:
    _cleanup(_name)
