# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The one table of Dokploy's service kinds: application, compose and the six database types.

Everything that depends on the kind of a service reads it here: lookups (ID field, list key in an
environment), the resource classes (routers, delete procedures, database credentials), the lifecycle
(status field, how a deploy runs) and the inventory (API.md 3.3, 4.3 and 6; NOTES.md "Databases").
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._secrets import mask

# How a deploy runs (resources/_lifecycle.py): "queued" returns at once and a deployment row tells the outcome
# (applications, compose); "sync" runs inside the call and leaves no row (databases).
QUEUED = "queued"
SYNC = "sync"


class DatabaseSpec(object):
    """What one database type has besides what every service has."""

    def __init__(self, title, credentials, required_on_create, default_image, internal_port, root_password=False,
                 port_procedure="saveExternalPort", extra=(), searchable=True, create_defaults=None, app_name=False):
        self.title = title                               # "PostgreSQL", for messages
        self.searchable = searchable                     # has <type>.search (libsql has not, nor changePassword)
        self.credentials = tuple(credentials)            # API credential fields this type has
        self.required_on_create = tuple(required_on_create)
        self.default_image = default_image               # sent on create when docker_image is not set
        self.internal_port = internal_port               # the port inside the Docker network
        self.root_password = root_password               # changePassword takes type=user|root
        self.port_procedure = port_procedure             # libsql has saveExternalPorts
        self.extra = tuple(extra)                        # further API fields of this type only
        self.change_password = searchable                # <type>.changePassword: every type that has search
        self.create_defaults = dict(create_defaults or {})  # sent on create when not set (required by create)
        self.app_name = app_name                         # create requires an appName (the collection makes one)


class ServiceKind(object):
    """How Dokploy spells one kind of service."""

    def __init__(self, name, label, id_field, list_key, delete, status_field="applicationStatus", delete_extra=None,
                 deploy=SYNC, deployments=None, database=None, swarm_service=True):
        self.name = name
        self.router = name
        self.label = label
        self.id_field = id_field
        self.id_option = "database_id" if database else "%s_id" % name
        self.list_key = list_key
        self.delete = delete
        self.delete_extra = delete_extra or {}
        self.status_field = status_field
        self.deploy = deploy
        self.deployments = deployments    # (procedure, id parameter) listing its deployments, for queued kinds
        self.database = database
        # One Docker swarm service named appName whose replicas Dokploy sets from the row's replicas/modeSwarm on a
        # deploy and that start/stop scale (applications, databases); compose runs a project or stack (resources/_lifecycle.py).
        self.swarm_service = swarm_service

    @property
    def is_database(self):
        return self.database is not None

    @property
    def noun(self):
        """"application", "compose service", "postgres database": how messages name one of this kind."""
        return {"application": "application", "compose": "compose service"}.get(self.name, "%s database" % self.name)

    def procedure(self, proc):
        return "%s.%s" % (self.router, proc)

    def has(self, api_field):
        """Whether this database type has the credential or extra field ``api_field``."""
        return bool(self.database) and (api_field in self.database.credentials or api_field in self.database.extra)

    def connection(self, obj):
        """Connection details of a database object (internal host = the service's appName on dokploy-network)."""
        obj = obj or {}
        return {
            "host": obj.get("appName"),
            "port": self.database.internal_port,
            "user": obj.get("databaseUser") if self.has("databaseUser") else None,
            "database": obj.get("databaseName") if self.has("databaseName") else None,
            "external_port": obj.get("externalPort"),
        }


def _database(name, title, *args, **kwargs):
    return ServiceKind(name, name, name + "Id", name, name + ".remove", database=DatabaseSpec(title, *args, **kwargs))


# Dokploy's own zod defaults for mariadb ("mariadb:6") and mongo ("mongo:15") name tags that do not exist
# (NOTES.md "Databases"); the collection always sends these images on create instead.
_KINDS = (
    ServiceKind("application", "application", "applicationId", "applications", "application.delete",
                deploy=QUEUED, deployments=("deployment.all", "applicationId")),
    ServiceKind("compose", "compose", "composeId", "compose", "compose.delete", status_field="composeStatus",
                delete_extra={"deleteVolumes": False}, deploy=QUEUED, deployments=("deployment.allByCompose", "composeId"),
                swarm_service=False),
    _database("postgres", "PostgreSQL", ("databaseName", "databaseUser", "databasePassword"),
              ("databaseName", "databaseUser"), "postgres:18", 5432),
    _database("mysql", "MySQL", ("databaseName", "databaseUser", "databasePassword", "databaseRootPassword"),
              ("databaseName", "databaseUser"), "mysql:8", 3306, root_password=True),
    _database("mariadb", "MariaDB", ("databaseName", "databaseUser", "databasePassword", "databaseRootPassword"),
              ("databaseName", "databaseUser"), "mariadb:11", 3306, root_password=True),
    _database("mongo", "MongoDB", ("databaseUser", "databasePassword"), ("databaseUser",), "mongo:8", 27017,
              extra=("replicaSets",)),
    _database("redis", "Redis", ("databasePassword",), (), "redis:8", 6379),
    # libsql.create requires appName, a user, sqldNode and (nullable) description, sqldPrimaryUrl and serverId
    # (openapi.json v0.30.2); it has no databaseName and publishes three ports through saveExternalPorts.
    _database("libsql", "libSQL", ("databaseUser", "databasePassword"), ("databaseUser",),
              "ghcr.io/tursodatabase/libsql-server:v0.24.32", 8080, port_procedure="saveExternalPorts",
              extra=("sqldNode", "sqldPrimaryUrl", "enableNamespaces", "externalGRPCPort", "externalAdminPort"),
              searchable=False, app_name=True,
              create_defaults={"sqldNode": "primary", "sqldPrimaryUrl": None, "enableNamespaces": False,
                               "description": None, "serverId": None}),
)

SERVICE_KINDS = dict((kind.name, kind) for kind in _KINDS)
DATABASE_TYPES = tuple(kind.name for kind in _KINDS if kind.is_database)
SERVICE_TYPES = tuple(kind.name for kind in _KINDS)
PASSWORD_FIELDS = ("databasePassword", "databaseRootPassword")


def service_kind(name):
    """The ServiceKind called ``name``; a ValueError names the known ones."""
    try:
        return SERVICE_KINDS[name]
    except KeyError:
        raise ValueError("unknown service kind %r (expected one of %s)" % (name, ", ".join(SERVICE_TYPES)))


def services_of(environments):
    """``[(kind, service summary, environment)]`` for every service listed in ``environments``."""
    found = []
    for environment in environments or []:
        for kind in _KINDS:
            for item in environment.get(kind.list_key) or []:
                found.append((kind, item, environment))
    return found


def masked_database(db_type, obj):
    """A database object with its secrets masked and its ``connection`` details added."""
    result = mask(obj or {})
    if obj:
        result["type"] = db_type
        result["connection"] = SERVICE_KINDS[db_type].connection(obj)
    return result
