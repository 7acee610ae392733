# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Remote servers: organisation-wide, found in ``server.all`` by name; and dokploy_server_info.

``server.update`` needs every field of the create [1139], and resets ``enableDockerCleanup`` to true when it is not
sent (its zod default), so every update sends the whole group. The SSH key is named by its name or ID; ``server.one``
nests the key (private key blanked [1133]) with the server's deployments, so a no-op that names a key or asks for the
setup reads ``server.all`` and ``server.one``, and nothing else.

Setting a server up runs over SSH for minutes and is never implicit: ``setup: true`` runs ``server.setup`` when the
server has no successful "Setup Server" deployment yet, or when this task changed how Dokploy reaches it. The call
answers 200 with an empty body and fails only in the "Setup Server" deployment record [1141, 1142], so the module lists
the server's deployments first and waits for a new one, as deployments are waited on (resources/_deployments.py).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError, DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._deployments import (
    DEFAULT_POLL_INTERVAL,
    DEFAULT_WAIT_TIMEOUT,
    DeploymentWatcher,
    newest_first,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._git_source import ssh_key_id
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._lifecycle import DEFAULT_LOG_LINES, check_lifecycle
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._lookup import DokployMissingError, pick_one
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._resource import Field, Resource, Update, VersionField
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._task import Task
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._secrets import mask
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._checks import check_name

FIELDS = (Field("name"), Field("description"), Field("ip_address", "ipAddress"), Field("port"), Field("username"),
          Field("server_type", "serverType"), Field("docker_cleanup", "enableDockerCleanup"))
UPDATE_FIELDS = ("name", "description", "ipAddress", "port", "username", "sshKeyId", "serverType", "enableDockerCleanup")
# What a setup connects with: a change of one of these in this task runs the setup again.
CONNECTION_FIELDS = ("ipAddress", "port", "username", "sshKeyId")
CREATE_DEFAULTS = {"port": 22, "username": "root", "serverType": "deploy", "description": None, "sshKeyId": None}
SETUP_TITLE = "Setup Server"   # the title of the deployment server.setup records [1142]
HOST = re.compile(r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$"
                  r"|^[0-9A-Fa-f:.]+$")
USER = re.compile(r"^[a-z_][a-z0-9_.-]*\$?$", re.IGNORECASE)


class ServerDeployments(object):
    """What DeploymentWatcher needs of a kind: how to list the deployments of a server."""
    deployments = ("deployment.allByServer", "serverId")   # services/deployment.ts findAllDeploymentsByServerId


def setups(deployments):
    """The "Setup Server" deployments, newest first."""
    return [d for d in newest_first(deployments) if d.get("title") == SETUP_TITLE]


class Server(Resource):
    kind = "server"
    id_field = "serverId"
    create_procedure = "server.create"
    delete_procedure = "server.remove"
    fields = FIELDS
    updates = (Update("server.update", UPDATE_FIELDS, keep=UPDATE_FIELDS),)
    # Before v0.26.0 every server is a deploy server: server_type deploy asks for nothing there, build is refused
    # before the create (the engine asks the version).
    version_fields = (VersionField("serverType", "server.buildServers", option="server_type", implied="deploy"),)

    @classmethod
    def argument_spec(cls):
        return dict(
            name=dict(type="str", required=True),
            description=dict(type="str"),
            ip_address=dict(type="str"),
            port=dict(type="int"),
            username=dict(type="str"),
            ssh_key=dict(type="str", no_log=False),
            server_type=dict(type="str", choices=["deploy", "build"]),
            docker_cleanup=dict(type="bool"),
            setup=dict(type="bool", default=False),
            wait_timeout=dict(type="int", default=DEFAULT_WAIT_TIMEOUT),
            poll_interval=dict(type="float", default=DEFAULT_POLL_INTERVAL),
            log_lines=dict(type="int", default=DEFAULT_LOG_LINES),
            force=dict(type="bool", default=False),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        )

    @classmethod
    def validate(cls, params):
        check_name("name", params["name"])
        check_lifecycle(params)
        if params["ip_address"] is not None and not HOST.match(params["ip_address"]):
            raise DokployParamError("ip_address '%s' must be an IP address or a host name, without a scheme, user or "
                                    "port (those are port and username)" % params["ip_address"], option="ip_address")
        if params["port"] is not None and not 1 <= params["port"] <= 65535:
            raise DokployParamError("port must be between 1 and 65535, not %s" % params["port"], option="port")
        if params["username"] is not None and not USER.match(params["username"]):
            raise DokployParamError("username '%s' is not a user name SSH can log in with" % params["username"],
                                    option="username")
        if params["setup"] and params["state"] == "absent":
            raise DokployParamError("setup does not apply to state: absent", option="setup")

    def __init__(self, ctx, params):
        super(Server, self).__init__(ctx, params)
        self._detail = None

    def find(self):
        found = pick_one(self.resolver.servers(), "server", self.params["name"], "serverId", id_option="a unique name")
        self._detail = None
        return found

    def detail(self, current):
        """``server.one`` (its SSH key and deployments), read once per task."""
        if self._detail is None:
            self._detail = self.client.get("server.one", {"serverId": current["serverId"]}) or {}
        return self._detail

    def desired(self, current):
        desired = super(Server, self).desired(current)
        wanted = self.params["ssh_key"]
        if wanted is not None:
            desired["sshKeyId"] = self.ssh_key_id(current, wanted)
        return desired

    def ssh_key_id(self, current, wanted):
        if not wanted:
            return None
        if current is not None:
            key = self.detail(current).get("sshKey") or {}
            if wanted in (key.get("name"), key.get("sshKeyId")):
                return key["sshKeyId"]   # the server's own key: no lookup
        try:
            return ssh_key_id(self.client, wanted, option="ssh_key (as the key's ID)")
        except DokployMissingError as error:
            self.ctx.missing_parent(error, "SSH key")
            return None

    def create_payload(self, desired):
        if self.params["ip_address"] is None:
            raise DokployParamError("Creating server '%s' needs ip_address" % self.params["name"], option="ip_address")
        payload = dict(CREATE_DEFAULTS)
        payload.update(desired)
        return payload

    def check_delete(self, current):
        if current.get("totalSum"):
            raise DokployError("Server '%s' runs %d service(s); Dokploy removes a server only when no service uses it: "
                               "delete them or move them to another server first" % (current["name"], current["totalSum"]))
        if self.params["force"]:
            return
        certificates = [c.get("name") for c in self.client.get("certificates.all") or []
                        if c.get("serverId") == current["serverId"]]
        if certificates:
            raise DokployError("Server '%s' holds %d certificate(s): %s. Dokploy's server.remove deletes them with it, "
                               "without a word; set force: true to delete them too"
                               % (current["name"], len(certificates), ", ".join("'%s'" % n for n in certificates)))

    # -- setup ---------------------------------------------------------------------------------

    def converge(self):
        result = super(Server, self).converge()
        if self.params["setup"]:
            result = self.ensure_setup(result)
        return result

    def ensure_setup(self, result):
        """Run server.setup when the server was never set up successfully, or when this task changed how to reach it."""
        server = result[self.kind]
        server_id = server.get("serverId")
        if server_id is None:   # check mode: created by this task
            return dict(result, changed=True)
        created = self.change.action == "create"
        deployments = [] if created else self.detail(server).get("deployments") or []
        done = [d for d in setups(deployments) if d.get("status") == "done"]
        # what this task changed (the engine's Change record): how to reach the server?
        reconnected = any(field in CONNECTION_FIELDS for field in self.change.fields)
        if done and not reconnected:
            return dict(result, deployment=done[0])
        if not server.get("sshKeyId") and not (self.check_mode and self.params["ssh_key"]):
            raise DokployError("Server '%s' has no SSH key, and Dokploy sets a server up over SSH: set ssh_key"
                               % server["name"], result=result)
        result = dict(result, changed=True)
        if self.check_mode:
            return result
        watcher = DeploymentWatcher(self.client, ServerDeployments, server_id, lambda: "server '%s'" % server["name"],
                                    poll_interval=self.params["poll_interval"], wait_timeout=self.params["wait_timeout"],
                                    log_lines=self.params["log_lines"], clock=self.ctx.clock, sleep=self.ctx.sleep)
        snapshot = [d.get("deploymentId") for d in deployments]
        answer_lost = False
        try:
            # server.setup answers once the SSH work is over [1141]
            self.client.post("server.setup", {"serverId": server_id},
                             timeout=max(self.params["wait_timeout"], self.client.timeout or 0))
        except DokployError as error:
            if not error.outcome_unknown:
                raise
            answer_lost = True
        try:
            result["deployment"] = watcher.wait_for_new(snapshot, answer_lost=answer_lost)
        except DokployError as error:
            error.result = dict(result, deployment=getattr(error, "deployment", None) or {})
            raise
        return result

    def updates_for(self, current, created=False):
        if "serverType" in current:
            return self.updates
        # A row without serverType is from Dokploy before v0.26.0 (server.buildServers): it has no such field to keep (the
        # engine refused a server_type other than deploy before any write). Its server.create and server.update take no
        # enableDockerCleanup either (v0.25.11's apiCreateServer/apiUpdateServer: zod drops it unseen, the column
        # defaults to false), settings.updateDockerCleanup with the server's ID sets it (capability
        # server.update.dockerCleanup, assumed to have come with serverType).
        fields = tuple(f for f in UPDATE_FIELDS if f not in ("serverType", "enableDockerCleanup"))
        return (Update("server.update", fields, keep=fields), Update("settings.updateDockerCleanup", ["enableDockerCleanup"]))


class ServerInfo(Task):
    """dokploy_server_info: the remote servers from ``server.all`` (one request), with their status."""

    read_only = True

    @classmethod
    def argument_spec(cls):
        return dict(name=dict(type="str"))

    @classmethod
    def validate(cls, params):
        check_name("name", params["name"])

    def run(self):
        servers = self.ctx.client.get("server.all") or []
        if self.params["name"] is not None:
            servers = [s for s in servers if s.get("name") == self.params["name"]]
        return {"changed": False, "servers": [mask(s) for s in servers]}
