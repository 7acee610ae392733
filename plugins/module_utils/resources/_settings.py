# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The Dokploy server itself: its web server settings, Traefik, the cleanups; and one-off actions on request.

Not recorded; from Dokploy's source at v0.30.2 (apps/dokploy/server/api/routers/settings.ts,
packages/server/src/db/schema/web-server-settings.ts, services/settings.ts, utils/access-log/handler.ts). Each group of
settings has its own read and its own write, and only the reads of what the task sets are made:

- ``getWebServerSettings`` (v0.26.3): ``serverIp`` (write ``updateServerIp``), the panel's domain
  ``host``/``https``/``certificateType``/``letsEncryptEmail`` (``assignDomainServer``, host and certificate type in
  every call), ``enableDockerCleanup`` (``updateDockerCleanup``; a remote server's is its ``server.one`` row),
  ``logCleanupCron`` (``updateLogCleanup``, null stops it), ``buildsConcurrency`` (v0.29.9) and ``remoteServersOnly``
  (v0.29.6, enterprise);
- before v0.26.3 the same columns (but the last two) are on the ``user`` table instead; read in v0.25.11's source
  (apps/dokploy/server/api/routers/settings.ts, user.ts, domain.ts, compose.ts; packages/server/src/db/schema/user.ts;
  utils/access-log/handler.ts; lib/auth.ts): ``user.get`` answers the key's member with its whole ``user`` row
  (``ctx.user.id``); ``assignDomainServer``, ``updateDockerCleanup`` without a serverId and ``user.update`` (the only
  write of ``serverIp``: the web UI's update-server-ip.tsx; apiUpdateUser is the user row made partial) write that row
  too; Dokploy uses the organisation owner's row (``ctx.user.ownerId``: ``getIp``, ``canGenerateTraefikMeDomains``,
  templates), so only the owner's key manages what takes effect (an admin's would write its own row, which nothing
  reads). ``logCleanupCron`` is the first owner's (``findAdmin``), read with ``getLogCleanupStatus``; both writes of
  the log cleanup and the Traefik procedures are those of v0.30.2;
- ``getTraefikPorts`` / ``updateTraefikPorts``: the ports Traefik publishes besides 80 and 443, the whole list in every
  call; the dashboard is the one whose target is 8080 (``haveTraefikDashboardPortEnabled`` / ``toggleDashboard``);
- ``haveActivateRequests`` / ``toggleRequests``: Traefik's access log (request logging).
Reloading Traefik or cleaning Docker changes nothing that can be read back, so they are ``actions``, run when asked and
reported as changes. Every write but the log cleanup and request logging needs an owner or admin.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._capabilities import require, supports, version_text
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError, DokployNotFoundError, DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._cron import check_cron
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._resource import Resource, Update
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._account import AdminResource, forget_whoami, whoami
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._task import Info
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._secrets import mask
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._checks import check_name

WEB = (("server_ip", "serverIp"), ("host", "host"), ("https", "https"), ("certificate_type", "certificateType"),
       ("letsencrypt_email", "letsEncryptEmail"), ("cron_expression", "logCleanupCron"),
       ("builds_concurrency", "buildsConcurrency"), ("remote_servers_only", "remoteServersOnly"))
DOMAIN = ("host", "https", "certificateType", "letsEncryptEmail")
NEWER = {"buildsConcurrency": "settings.buildsConcurrency", "remoteServersOnly": "settings.remoteServersOnly"}
# what Dokploy lets any member change (protectedProcedure): the log cleanup and the request log
MEMBER_WRITES = frozenset(("logCleanupCron", "requestLogging"))
DASHBOARD_PORT = 8080
ACTIONS = {"reload_traefik": "settings.reloadTraefik", "clean_unused_images": "settings.cleanUnusedImages",
           "clean_unused_volumes": "settings.cleanUnusedVolumes",
           "clean_stopped_containers": "settings.cleanStoppedContainers",
           "clean_docker_builder": "settings.cleanDockerBuilder", "clean_docker_prune": "settings.cleanDockerPrune",
           "clean_all": "settings.cleanAll"}


# the web server settings a v0.25 server keeps on the user row (packages/server/src/db/schema/user.ts of v0.25.11)
ON_USER = ("serverIp", "host", "https", "certificateType", "letsEncryptEmail", "enableDockerCleanup")


def web_server_settings(ctx, what, log_cleanup=True):
    """``(settings, on_user)``: ``settings.getWebServerSettings``, or before v0.26.3 (a 404 there, the version read
    then only) the owner's user row from ``user.get``, with ``on_user`` True (module docstring)."""
    try:
        return ctx.client.get("settings.getWebServerSettings") or {}, False
    except DokployNotFoundError:
        if supports(ctx.client.version(), "settings.getWebServerSettings"):
            raise
    forget_whoami(ctx)   # read afresh: a re-read after a write must see it; require_admin reuses this one
    me = whoami(ctx)
    if me.get("role") != "owner":
        raise DokployError(
            "%s: Dokploy %s (before v0.26.3) keeps the web server settings on the organisation owner's user and "
            "writes them to the caller's own, which nothing reads: use the owner's API key; this key's user %s "
            "is a%s %s" % (what, version_text(ctx.client.version()), (me.get("user") or {}).get("email") or me.get("userId"),
                           "n" if me.get("role") == "admin" else "", me.get("role") or "member"), code="UNAUTHORIZED")
    user = me.get("user") or {}
    settings = dict((api, user.get(api)) for api in ON_USER)
    if log_cleanup:
        settings["logCleanupCron"] = (ctx.client.get("settings.getLogCleanupStatus") or {}).get("cronExpression")
    return settings, True


def traefik_ports(ctx, scope, where):
    """``settings.getTraefikPorts`` of the Dokploy host or a server; Dokploy reads them from the ``dokploy-traefik``
    service or container and answers 500 "Resource type not found" when there is none [2128]."""
    try:
        return ctx.client.get("settings.getTraefikPorts", scope) or []
    except DokployError as error:
        if error.status != 500:
            raise
        raise DokployError("Dokploy could not read Traefik's ports on %s (%s): it reads them from the dokploy-traefik "
                           "service or container, so Traefik may not be running there" % (where, error.message),
                           status=error.status, code=error.code, procedure=error.procedure)


def port_key(port):
    return (int(port["publishedPort"]), int(port["targetPort"]), port.get("protocol") or "tcp")


def sorted_ports(ports):
    return [dict(zip(("publishedPort", "targetPort", "protocol"), key)) for key in sorted(set(port_key(p) for p in ports))]


class Settings(AdminResource, Resource):
    kind = "settings"
    id_field = "id"
    module_name = "dokploy_settings"
    needs = "an owner or admin"

    @classmethod
    def argument_spec(cls):
        return dict(
            server=dict(type="str"),
            server_ip=dict(type="str"),
            host=dict(type="str"),
            https=dict(type="bool"),
            certificate_type=dict(type="str", choices=["letsencrypt", "none", "custom"]),
            letsencrypt_email=dict(type="str"),
            docker_cleanup=dict(type="bool"),
            cron_expression=dict(type="str"),
            builds_concurrency=dict(type="int"),
            remote_servers_only=dict(type="bool"),
            traefik_ports=dict(type="list", elements="dict", options=dict(
                published_port=dict(type="int", required=True),
                target_port=dict(type="int", required=True),
                protocol=dict(type="str", choices=["tcp", "udp", "sctp"], default="tcp"))),
            traefik_dashboard=dict(type="bool"),
            request_logging=dict(type="bool"),
            actions=dict(type="list", elements="str", choices=sorted(ACTIONS), default=[]),
        )

    @classmethod
    def validate(cls, params):
        check_name("server", params["server"])
        if params["server"]:
            web = [option for option, api in WEB if params[option] is not None] + \
                (["request_logging"] if params["request_logging"] is not None else [])
            if web:
                raise DokployParamError("%s belong to the Dokploy server itself, not to a remote server: leave server "
                                        "out for them (server chooses where docker_cleanup, traefik_ports, "
                                        "traefik_dashboard and the actions apply)" % ", ".join(web), option=web[0])
        if params["cron_expression"]:
            check_cron("cron_expression", params["cron_expression"])
        if params["builds_concurrency"] is not None and not 1 <= params["builds_concurrency"] <= 100:
            raise DokployParamError("builds_concurrency must be 1 to 100, not %s" % params["builds_concurrency"],
                                    option="builds_concurrency")
        if params["host"] is not None and ("://" in params["host"] or "/" in params["host"]):
            raise DokployParamError("host '%s' must be a host name, without https:// or a path" % params["host"],
                                    option="host")
        if params["letsencrypt_email"] and "@" not in params["letsencrypt_email"]:
            raise DokployParamError("letsencrypt_email '%s' is not an e-mail address" % params["letsencrypt_email"],
                                    option="letsencrypt_email")
        for port in params["traefik_ports"] or []:
            for option in ("published_port", "target_port"):
                if not 1 <= port[option] <= 65535:
                    raise DokployParamError("traefik_ports: %s must be 1 to 65535, not %s" % (option, port[option]),
                                            option="traefik_ports")
            if port["published_port"] in (80, 443) or port["target_port"] == DASHBOARD_PORT:
                raise DokployParamError("traefik_ports: %s/%s is Traefik's own (80 and 443 always; the dashboard's "
                                        "8080 is traefik_dashboard)" % (port["published_port"], port["target_port"]),
                                        option="traefik_ports")

    def __init__(self, ctx, params):
        super(Settings, self).__init__(ctx, params)
        self.ran = []
        self.on_user = False   # the web server settings are the owner's user row (before v0.26.3)

    def server_id(self):
        if not self.params["server"]:
            return None
        return self.resolver.server(self.params["server"])["serverId"]

    def where(self):
        return "server '%s'" % self.params["server"] if self.params["server"] else "the Dokploy host"

    def scope(self):
        server_id = self.server_id()
        return {"serverId": server_id} if server_id else {}

    # -- reads: only what the task sets --------------------------------------------------------

    def wants(self, *options):
        return any(self.params[option] is not None for option in options)

    def find(self):
        current = {"id": "settings"}
        web = [option for option, api in WEB if self.params[option] is not None]
        if web or (self.params["docker_cleanup"] is not None and not self.params["server"]):
            settings, self.on_user = web_server_settings(self.ctx, "dokploy_settings %s" % ", ".join(
                web or ["docker_cleanup"]), log_cleanup=self.params["cron_expression"] is not None)
            current.update(settings)
            current["id"] = "settings"
        if self.params["docker_cleanup"] is not None and self.params["server"]:
            current["enableDockerCleanup"] = self.resolver.server(self.params["server"]).get("enableDockerCleanup")
        if self.wants("traefik_ports", "traefik_dashboard"):
            ports = traefik_ports(self.ctx, self.scope(), self.where())
            current["traefikPorts"] = sorted_ports(p for p in ports if p.get("targetPort") != DASHBOARD_PORT)
            current["traefikDashboard"] = any(p.get("targetPort") == DASHBOARD_PORT for p in ports)
        if self.wants("request_logging"):
            current["requestLogging"] = bool(self.client.get("settings.haveActivateRequests"))
        return current

    def desired(self, current):
        desired = {}
        for option, api in WEB:
            if self.params[option] is not None:
                if api in NEWER and api not in (current or {}):   # a column older servers lack
                    require(self.client.version(), NEWER[api], "dokploy_settings %s" % option)
                desired[api] = self.params[option]
        if self.params["docker_cleanup"] is not None:
            desired["enableDockerCleanup"] = self.params["docker_cleanup"]
        if self.params["traefik_ports"] is not None:
            desired["traefikPorts"] = sorted_ports(
                {"publishedPort": p["published_port"], "targetPort": p["target_port"], "protocol": p["protocol"]}
                for p in self.params["traefik_ports"])
        if self.params["traefik_dashboard"] is not None:
            desired["traefikDashboard"] = self.params["traefik_dashboard"]
        if self.params["request_logging"] is not None:
            desired["requestLogging"] = self.params["request_logging"]
        return desired

    def normalize_field(self, field, value):
        if field == "host" and value:
            return value.lower()
        return super(Settings, self).normalize_field(field, value)

    # -- writes --------------------------------------------------------------------------------

    def plan(self, current, changes, desired, created=False):
        def value(field):
            return desired[field] if field in desired else current.get(field)
        scope = self.scope()
        writes = []
        if "serverIp" in changes:
            writes.append((Update("user.update" if self.on_user else "settings.updateServerIp", ["serverIp"]),
                           {"serverIp": desired["serverIp"]}))
        if any(field in changes for field in DOMAIN):
            if not value("host") and value("certificateType") == "letsencrypt":
                raise DokployError("certificate_type letsencrypt needs host, the panel's domain")
            body = {"host": value("host") or "", "certificateType": value("certificateType") or "none",
                    "https": bool(value("https"))}
            if value("letsEncryptEmail"):
                body["letsEncryptEmail"] = value("letsEncryptEmail")
            writes.append((Update("settings.assignDomainServer", DOMAIN), body))
        if "enableDockerCleanup" in changes:
            writes.append((Update("settings.updateDockerCleanup", ["enableDockerCleanup"]),
                           dict(scope, enableDockerCleanup=desired["enableDockerCleanup"])))
        if "logCleanupCron" in changes:
            writes.append((Update("settings.updateLogCleanup", ["logCleanupCron"]),
                           {"cronExpression": desired["logCleanupCron"] or None}))
        for field, procedure in (("buildsConcurrency", "settings.updateBuildsConcurrency"),
                                 ("remoteServersOnly", "settings.updateRemoteServersOnly")):
            if field in changes:
                writes.append((Update(procedure, [field]), {field: desired[field]}))
        if "traefikPorts" in changes:
            ports = list(desired["traefikPorts"])
            if value("traefikDashboard"):
                ports.append({"publishedPort": DASHBOARD_PORT, "targetPort": DASHBOARD_PORT, "protocol": "tcp"})
            writes.append((Update("settings.updateTraefikPorts", ["traefikPorts", "traefikDashboard"]),
                           dict(scope, additionalPorts=ports)))
        elif "traefikDashboard" in changes:
            writes.append((Update("settings.toggleDashboard", ["traefikDashboard"]),
                           dict(scope, enableDashboard=desired["traefikDashboard"])))
        if "requestLogging" in changes:
            writes.append((Update("settings.toggleRequests", ["requestLogging"]), {"enable": desired["requestLogging"]}))
        return writes

    def require_admin(self):
        """Dokploy lets members read the settings (and change the two of MEMBER_WRITES), so check mode would predict
        a change their key cannot make: the role is checked (one request) before any other change, in check mode too."""
        me = whoami(self.ctx)
        if me.get("role") not in ("owner", "admin"):
            raise DokployError("dokploy_settings needs the API key of an owner or admin (the Dokploy server is shared by "
                               "every organisation); this key's user %s is a %s of its organisation"
                               % ((me.get("user") or {}).get("email") or me.get("userId"), me.get("role") or "member"),
                               code="UNAUTHORIZED")

    def apply(self, current, changes, desired, created=False):
        if set(changes) - MEMBER_WRITES:
            self.require_admin()
        return super(Settings, self).apply(current, changes, desired, created)

    def ensure_present(self):
        if self.params["actions"]:
            self.require_admin()
        result = super(Settings, self).ensure_present()
        if self.params["actions"]:
            scope = self.scope()
            for action in self.params["actions"]:
                if not self.check_mode:
                    self.client.post(ACTIONS[action], scope)
                self.ran.append(action)
            result["changed"] = True
        result["actions"] = self.ran
        return result

    def result_object(self, obj):
        return mask(dict((k, v) for k, v in obj.items() if k != "id"))

    def summary_keys(self):
        return []


class SettingsInfo(AdminResource, Info):
    """Everything dokploy_settings manages, read."""

    key = "settings"
    module_name = "dokploy_settings_info"

    @classmethod
    def argument_spec(cls):
        return dict(server=dict(type="str"))

    @classmethod
    def validate(cls, params):
        check_name("server", params["server"])

    def items(self):
        settings = {}
        scope = {}
        if self.params["server"]:
            server = self.ctx.resolver.server(self.params["server"])
            scope = {"serverId": server["serverId"]}
            settings["enableDockerCleanup"] = server.get("enableDockerCleanup")
        else:
            settings.update(web_server_settings(self.ctx, "dokploy_settings_info")[0])
            settings.pop("id", None)
            settings["requestLogging"] = bool(self.client.get("settings.haveActivateRequests"))
        try:
            ports = traefik_ports(self.ctx, scope, "server '%s'" % self.params["server"] if self.params["server"]
                                  else "the Dokploy host")
            settings["traefikPorts"] = sorted_ports(p for p in ports if p.get("targetPort") != DASHBOARD_PORT)
            settings["traefikDashboard"] = any(p.get("targetPort") == DASHBOARD_PORT for p in ports)
        except DokployError as error:
            if error.status != 500:
                raise
            self.ctx.warn(error.message)   # the rest is worth returning: Traefik's part is null
            settings["traefikPorts"] = settings["traefikDashboard"] = None
        return mask(settings)
