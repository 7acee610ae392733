# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Databases of every type (tables/_kinds.py has what differs between the types)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._capabilities import generate_app_name, require, supports
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._service_checks import check_image, check_limits
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._kinds import DATABASE_TYPES, PASSWORD_FIELDS, SERVICE_KINDS, masked_database
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._resource import Field, Update
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._service import (
    Service,
    limit_fields,
    limits_argument_spec,
    service_argument_spec,
    service_module_kwargs,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._swarm import API_FIELDS as SWARM_API_FIELDS
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._swarm import check_swarm, swarm_argument_spec

# The characters Dokploy's schemas allow in a database password (openapi.json, <type>.create, update and
# changePassword; redis takes any on create and update).
PASSWORD_SPECIALS = "@#%^&*()_+-=[]{}|;:,.<>?~`"
PASSWORD = re.compile(r"^[a-zA-Z0-9%s]*$" % re.escape(PASSWORD_SPECIALS))

# Calls that Dokploy runs synchronously while it (re)deploys the database: image pull + swarm update.
DEPLOY_TIMEOUT = 900
RUNNING = ("done", "running")

COMMON_FIELDS = (Field("description"), Field("docker_image", "dockerImage"), Field("command"), Field("args"),
                 Field("replicas")) + limit_fields()
# Options that only some types have (kinds.DatabaseSpec.credentials and extra say which).
TYPE_FIELDS = (Field("database_name", "databaseName"), Field("database_user", "databaseUser"),
               Field("database_password", "databasePassword"), Field("database_root_password", "databaseRootPassword"),
               Field("replica_sets", "replicaSets"), Field("sqld_node", "sqldNode"),
               Field("sqld_primary_url", "sqldPrimaryUrl"), Field("enable_namespaces", "enableNamespaces"))
# External ports: every type has externalPort; libsql also gRPC and admin ports, all three set by saveExternalPorts.
PORT_OPTIONS = (("external_port", "externalPort"), ("external_grpc_port", "externalGRPCPort"),
                ("external_admin_port", "externalAdminPort"))


def unsupported_options(db_type, params):
    """The options set in ``params`` that ``db_type`` does not have (e.g. database_name for redis)."""
    kind = SERVICE_KINDS[db_type]
    return [option for option, api in [(f.option, f.api) for f in TYPE_FIELDS] + list(PORT_OPTIONS[1:])
            if params.get(option) is not None and not kind.has(api)]


class Database(Service):
    kind = "database"
    swarm = True
    endpoint_default = "dnsrr"   # databases/<type>.ts: Mode dnsrr and the external port published in host mode
    fields = COMMON_FIELDS + TYPE_FIELDS
    module_kwargs = service_module_kwargs("database_id")
    section = "databases"

    @classmethod
    def export_fields(cls, kind):
        return list(COMMON_FIELDS) + [f for f in TYPE_FIELDS if kind.has(f.api)] + [Field("external_port", "externalPort")]

    @classmethod
    def export_defaults_of(cls, kind):
        return {"replicas": 1, "dockerImage": kind.database.default_image}   # the image the collection creates it with

    @classmethod
    def argument_spec(cls):
        spec = service_argument_spec("database_id")
        spec.update(limits_argument_spec())
        spec.update(swarm_argument_spec())
        spec.update(
            type=dict(type="str", required=True, choices=list(DATABASE_TYPES)),
            docker_image=dict(type="str"),
            database_name=dict(type="str"),
            database_user=dict(type="str"),
            database_password=dict(type="str", no_log=True),
            database_root_password=dict(type="str", no_log=True),
            update_password=dict(type="str", choices=["always", "on_create"], default="on_create", no_log=False),
            replica_sets=dict(type="bool"),
            sqld_node=dict(type="str", choices=["primary", "replica"]),
            sqld_primary_url=dict(type="str"),
            enable_namespaces=dict(type="bool"),
            external_port=dict(type="int"),
            external_grpc_port=dict(type="int"),
            external_admin_port=dict(type="int"),
            command=dict(type="str"),
            args=dict(type="list", elements="str"),
            replicas=dict(type="int"),
        )
        return spec

    @classmethod
    def validate(cls, params):
        super(Database, cls).validate(params)
        wrong = unsupported_options(params["type"], params)
        if wrong:
            raise DokployParamError("%s not available for type %s" % (", ".join(wrong), params["type"]), option=wrong[0])
        for option, api in PORT_OPTIONS:
            port = params[option]
            if port is not None and not 0 <= port <= 65535:
                raise DokployParamError("%s must be between 1 and 65535 (or 0 to close it), not %s" % (option, port),
                                        option=option)
        if params["sqld_node"] == "replica" and not params["sqld_primary_url"]:
            raise DokployParamError("sqld_node replica needs sqld_primary_url, the primary it follows",
                                    option="sqld_primary_url")
        if params["sqld_node"] == "replica" and params["external_grpc_port"]:
            raise DokployParamError("external_grpc_port cannot be published by a replica (Dokploy refuses it)",
                                    option="external_grpc_port")
        if params["replicas"] is not None and params["replicas"] < 0:
            raise DokployParamError("replicas must not be negative", option="replicas")
        for option in ("database_name", "database_user", "docker_image"):
            if params[option] is not None and not params[option].strip():
                raise DokployParamError("%s must not be empty" % option, option=option)
        if params["docker_image"] is not None:
            check_image("docker_image", params["docker_image"])
        check_limits(params)
        check_swarm(params)
        if params["type"] == "libsql" and params["ulimits"] is not None:
            # libsql has no ulimitsSwarm column (packages/server/src/db/schema/libsql.ts, v0.30.2)
            raise DokployParamError("ulimits not available for type libsql", option="ulimits")
        if params["type"] == "libsql" and params["endpoint_mode"] == "vip":
            # databases/libsql.ts builds its own endpoint spec (dnsrr) and ignores endpointSpecSwarm (v0.30.2)
            raise DokployParamError("endpoint_mode vip not available for type libsql: Dokploy always runs it in dnsrr "
                                    "mode", option="endpoint_mode")
        if params["endpoint_mode"] == "vip" and params["external_port"]:
            raise DokployParamError("endpoint_mode vip: Dokploy publishes no ports once a service has an endpoint spec, "
                                    "so external_port %s would not be published; leave endpoint_mode unset (dnsrr) or "
                                    "external_port unset (0 closes it)" % params["external_port"], option="endpoint_mode")
        if params["type"] in ("mysql", "mariadb") and params["database_user"] == "root":
            raise DokployParamError("database_user cannot be root: the %s image creates root itself (its password is "
                                    "database_root_password) and refuses root as the regular user" % params["type"],
                                    option="database_user")
        for option in ("database_password", "database_root_password"):
            if params[option] and params["type"] != "redis" and not PASSWORD.match(params[option]):
                raise DokployParamError("%s may only have letters, digits and the characters %s: Dokploy refuses "
                                        "any other" % (option, PASSWORD_SPECIALS), option=option)

    @classmethod
    def version_needs(cls, params):
        needs = super(Database, cls).version_needs(params)
        if params.get("type") == "libsql" and params.get("state") != "absent":
            needs.append(("libsql", "dokploy_database type=libsql"))
        return needs

    def updates_for(self, current, created=False):
        """``<type>.update`` takes every setting; the external port goes with it only on create (a database that never
        ran takes its port with the other settings): on an existing database saveExternalPort stores the port and
        redeploys synchronously (API.md 6)."""
        with_port = created
        fields = ["name"] + [f.api for f in COMMON_FIELDS] + [f.api for f in TYPE_FIELDS if self.spec.has(f.api)] + \
            SWARM_API_FIELDS
        ports = [api for option, api in PORT_OPTIONS if api == "externalPort" or self.spec.has(api)]
        # saveExternalPorts (libsql) sets all three ports: the ones not changed are sent as they are
        port = Update(self.spec.procedure(self.spec.database.port_procedure), ports,
                      keep=ports if len(ports) > 1 else (), timeout=DEPLOY_TIMEOUT)
        if with_port:
            return (Update(self.spec.procedure("update"), fields + ports),
                    Update(self.spec.procedure("saveEnvironment"), ["env"]))
        return (Update(self.spec.procedure("update"), fields), Update(self.spec.procedure("saveEnvironment"), ["env"]), port)

    def published_ports(self, current, wanted):
        port = wanted.get("externalPort", (current or {}).get("externalPort"))
        return "external_port %s" % port if port else None

    def desired(self, current):
        desired = super(Database, self).desired(current)
        for option, api in PORT_OPTIONS:
            if self.params.get(option) is not None:
                desired[api] = self.params[option] or None
        desired.update(self.swarm_wanted(current, desired))
        if current is not None and self.params["update_password"] == "on_create":
            for field in PASSWORD_FIELDS:
                desired.pop(field, None)
        return desired

    def normalize_field(self, field, value):
        if value == []:
            return None
        return super(Database, self).normalize_field(field, value)

    def create_payload(self, desired):
        missing = [f.option for f in TYPE_FIELDS if f.api in self.spec.database.required_on_create and f.api not in desired]
        if missing:
            raise DokployParamError("Creating %s database '%s' needs %s" % (
                self.spec.database.title, self.params["name"], " and ".join(missing)), option=missing[0])
        payload = self.create_base()
        payload["dockerImage"] = desired.get("dockerImage") or self.spec.database.default_image
        for f in TYPE_FIELDS:
            if f.api in desired and f.api in self.spec.database.credentials + self.spec.database.extra:
                payload[f.api] = desired[f.api]
        payload.setdefault("databasePassword", "")  # Dokploy generates a password for ""
        for field, value in self.spec.database.create_defaults.items():
            payload.setdefault(field, value)
        if self.spec.database.app_name or not supports(self.client.version(), "database.create.appName_optional"):
            payload["appName"] = generate_app_name(self.spec.name)  # as Dokploy's UI does: <type>-<random>
        return payload

    def changes_password(self, current, created=False):
        """Whether a password change goes through <type>.changePassword: it changes the password inside the running
        container, then stores it."""
        return not created and self.spec.database.change_password and current.get("applicationStatus") in RUNNING

    def compare(self, current, desired):
        changes = super(Database, self).compare(current, desired)
        if self.changes_password(current) and any(field in changes for field in PASSWORD_FIELDS):
            # refused in check mode too, before any write (plan runs only when writing)
            require(self.client.version(), "database.changePassword",
                    "changing the password of a running %s database" % self.spec.name)
        return changes

    def plan(self, current, changes, desired, created=False):
        changes = dict(changes)
        passwords = []
        if self.changes_password(current, created):
            for field in PASSWORD_FIELDS:
                if field in changes:
                    del changes[field]
                    body = {self.id_field: current[self.id_field], "password": desired[field]}
                    if self.spec.database.root_password:
                        body["type"] = "root" if field == "databaseRootPassword" else "user"
                    passwords.append((Update(self.spec.procedure("changePassword"), [field], timeout=DEPLOY_TIMEOUT), body))
        writes = super(Database, self).plan(current, changes, desired, created)
        port_procedure = self.spec.procedure(self.spec.database.port_procedure)
        last = [w for w in writes if w[0].procedure == port_procedure]
        return [w for w in writes if w not in last] + passwords + last

    def apply(self, current, changes, desired, created=False):
        after = super(Database, self).apply(current, changes, desired, created)
        # saveExternalPort answers the row as it was before the call: keep what was set.
        after.update(dict((field, new) for field, (old, new) in changes.items()))
        return after

    def result_object(self, obj):
        return masked_database(self.spec.name, obj)
