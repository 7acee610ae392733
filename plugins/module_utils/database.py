# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The five database types of Dokploy, as one declarative table (API.md 3.3 and 4.3, NOTES.md "Databases").

Each type has its own router and ID field, and its own credential fields: redis has only a password,
mongo has no database name but has replica sets, mysql and mariadb also have a root password. Used by
dokploy_database, dokploy_database_info, the lifecycle helpers and the inventory plugin.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dokploy.dokploy.plugins.module_utils.secrets import mask

# Calls that Dokploy runs synchronously while it (re)deploys the database: image pull + swarm update.
DEPLOY_TIMEOUT = 900


class DatabaseType(object):
    """How Dokploy spells one database type."""

    def __init__(self, name, label, credentials, required_on_create, default_image, internal_port,
                 root_password=False, replica_sets=False):
        self.name = name
        self.router = name
        self.label = label
        self.id_field = name + "Id"
        self.id_option = "database_id"
        self.credentials = tuple(credentials)          # API credential fields this type has
        self.required_on_create = tuple(required_on_create)
        self.default_image = default_image             # what the collection sends when docker_image is not set
        self.internal_port = internal_port             # the port inside the Docker network
        self.root_password = root_password             # changePassword takes type=user|root
        self.replica_sets = replica_sets

    def procedure(self, proc):
        return "%s.%s" % (self.router, proc)

    def has(self, api_field):
        return api_field in self.credentials

    def connection(self, obj):
        """Connection details of a database object (internal host = the service's appName on dokploy-network)."""
        obj = obj or {}
        return {
            "host": obj.get("appName"),
            "port": self.internal_port,
            "user": obj.get("databaseUser") if self.has("databaseUser") else None,
            "database": obj.get("databaseName") if self.has("databaseName") else None,
            "external_port": obj.get("externalPort"),
        }


# Dokploy's own zod defaults for mariadb ("mariadb:6") and mongo ("mongo:15") name tags that do not exist
# (NOTES.md "Databases"); the collection always sends these images on create instead.
DATABASE_TYPES = dict((t.name, t) for t in (
    DatabaseType("postgres", "PostgreSQL", ("databaseName", "databaseUser", "databasePassword"),
                 ("databaseName", "databaseUser"), "postgres:18", 5432),
    DatabaseType("mysql", "MySQL", ("databaseName", "databaseUser", "databasePassword", "databaseRootPassword"),
                 ("databaseName", "databaseUser"), "mysql:8", 3306, root_password=True),
    DatabaseType("mariadb", "MariaDB", ("databaseName", "databaseUser", "databasePassword", "databaseRootPassword"),
                 ("databaseName", "databaseUser"), "mariadb:11", 3306, root_password=True),
    DatabaseType("mongo", "MongoDB", ("databaseUser", "databasePassword", "replicaSets"),
                 ("databaseUser",), "mongo:8", 27017, replica_sets=True),
    DatabaseType("redis", "Redis", ("databasePassword",), (), "redis:8", 6379),
))

DATABASE_TYPE_NAMES = tuple(sorted(DATABASE_TYPES))

PASSWORD_FIELDS = ("databasePassword", "databaseRootPassword")

# Module option -> API field, for options that exist only for some types.
CREDENTIAL_OPTIONS = (
    ("database_name", "databaseName"),
    ("database_user", "databaseUser"),
    ("database_password", "databasePassword"),
    ("database_root_password", "databaseRootPassword"),
    ("replica_sets", "replicaSets"),
)


def unsupported_options(db_type, params):
    """The options set in ``params`` that ``db_type`` does not have (e.g. database_name for redis)."""
    spec = DATABASE_TYPES[db_type]
    return [option for option, field in CREDENTIAL_OPTIONS if params.get(option) is not None and not spec.has(field)]


def masked_database(db_type, obj):
    """A database object with its secrets masked and its ``connection`` details added."""
    result = mask(obj or {})
    if obj:
        result["type"] = db_type
        result["connection"] = DATABASE_TYPES[db_type].connection(obj)
    return result
