# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Direct seeding of the simulator state for the inventory tests and benchmark: fixed IDs, fixed clocks.

Rows are built with the simulator's own row factories (``services.new_row``, ``routes.server.new_server``), then
given deterministic IDs, appNames and timestamps, so that ``ansible-inventory --list`` output is reproducible.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from simulator.routes.server import new_server
from simulator.services import KINDS, new_row
from simulator.state import table

EPOCH = "2026-01-01T00:00:%02d.%03dZ"


class Seeder(object):
    def __init__(self, state):
        self.state = state
        self.organization_id = state["_meta"]["organizationId"]
        self.tick = 0

    def _now(self):
        self.tick += 1
        return "2026-01-01T%02d:%02d:%02d.000Z" % (self.tick // 3600 % 24, self.tick // 60 % 60, self.tick % 60)

    def project(self, project_id, name, environments=("production",)):
        """A project and its environments; returns {environment name: environmentId}."""
        table(self.state, "project")[project_id] = {
            "projectId": project_id, "name": name, "description": None, "createdAt": self._now(),
            "organizationId": self.organization_id, "env": ""}
        envs = {}
        for index, env_name in enumerate(environments):
            env_id = "%s-env%d" % (project_id, index)
            table(self.state, "environment")[env_id] = {
                "environmentId": env_id, "name": env_name, "description": None, "createdAt": self._now(), "env": "",
                "projectId": project_id, "isDefault": index == 0}
            envs[env_name] = env_id
        return envs

    def server(self, server_id, name, ip_address, port=22, username="root", server_type="deploy"):
        row = new_server(self.state, self.organization_id, name, ip_address, port, username, None, None, server_type)
        del table(self.state, "server")[row["serverId"]]
        row.update(serverId=server_id, appName="server-%s" % server_id, createdAt=self._now())
        table(self.state, "server")[server_id] = row
        return row

    def service(self, kind, service_id, name, environment_id, status="idle", server_id=None):
        row = new_row(kind, name=name, environmentId=environment_id, serverId=server_id)
        row.update({KINDS[kind]["id"]: service_id, "appName": "%s-%s" % (name, service_id.lower()),
                    "createdAt": self._now(), KINDS[kind]["status"]: status})
        if "refreshToken" in row:
            row["refreshToken"] = "token-" + service_id
        table(self.state, kind)[service_id] = row
        return row

    def domain(self, domain_id, host, application_id=None, compose_id=None, https=False, port=3000, path="/",
               service_name=None):
        meta = self.state["_meta"]
        meta["uniqueConfigKey"] = meta.get("uniqueConfigKey", 0) + 1
        row = {"domainId": domain_id, "host": host, "https": https, "port": port, "customEntrypoint": None,
               "path": path, "serviceName": service_name, "domainType": "compose" if compose_id else "application",
               "uniqueConfigKey": meta["uniqueConfigKey"], "createdAt": self._now(), "composeId": compose_id,
               "customCertResolver": None, "applicationId": application_id, "previewDeploymentId": None,
               "certificateType": "letsencrypt" if https else "none", "internalPath": "/", "stripPath": False,
               "middlewares": [], "forwardAuthEnabled": False, "enabled": True}
        table(self.state, "domain")[domain_id] = row
        return row


def plain(value):
    """The value with ansible-inventory's ``{"__ansible_unsafe": x}`` markers (untrusted strings) unwrapped."""
    if isinstance(value, dict):
        if list(value) == ["__ansible_unsafe"]:
            return value["__ansible_unsafe"]
        return dict((k, plain(v)) for k, v in value.items())
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def seed_golden(state):
    """The fixed state of the golden tests: two projects (one name holding a template), two servers, every kind."""
    s = Seeder(state)
    s.server("srv1", "edge-1", "10.0.0.11", 22, "root")
    s.server("srv2", "edge 2", "10.0.0.12", 2222, "deploy")
    shop = s.project("prj1", "shop", ("production", "staging"))
    blog = s.project("prj2", "blog {{ 6 * 7 }}", ("production",))
    s.service("application", "app1", "web", shop["production"], "running", "srv1")
    s.service("application", "app2", "api", shop["production"], "error")
    s.service("application", "app3", "web", shop["staging"], "idle")
    s.service("compose", "cmp1", "stack", shop["production"], "done", "srv2")
    s.service("postgres", "pg1", "db", shop["production"], "idle")
    s.service("mysql", "my1", "legacy", shop["staging"], "error", "srv2")
    s.service("mariadb", "mdb1", "maria", blog["production"], "idle")
    s.service("mongo", "mgo1", "docs", blog["production"], "running")
    s.service("redis", "rds1", "cache", blog["production"], "idle")
    s.service("application", "app4", "{{ lookup('env', 'HOME') }}", blog["production"], "idle")
    s.service("application", "app5", "dup", blog["production"], "idle")
    s.service("application", "app6", "dup", blog["production"], "idle")
    s.domain("dom1", "shop.example.com", application_id="app1", https=True, port=8080)
    s.domain("dom2", "www.shop.example.com", application_id="app1")
    s.domain("dom3", "stack.example.com", compose_id="cmp1", service_name="web", port=80)
    return s
