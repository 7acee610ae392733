# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The table of service kinds (plugins/module_utils/tables/_kinds.py): what each kind is called, how it is deleted and
deployed, and which credentials each database type has."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._kinds import (
    DATABASE_TYPES,
    PASSWORD_FIELDS,
    QUEUED,
    SERVICE_KINDS,
    SERVICE_TYPES,
    SYNC,
    service_kind,
    services_of,
)


def test_the_eight_kinds():
    assert SERVICE_TYPES == ("application", "compose", "postgres", "mysql", "mariadb", "mongo", "redis", "libsql")
    assert DATABASE_TYPES == SERVICE_TYPES[2:]
    assert PASSWORD_FIELDS == ("databasePassword", "databaseRootPassword")


@pytest.mark.parametrize("name, id_field, id_option, list_key, delete, status_field, deploy, noun", [
    ("application", "applicationId", "application_id", "applications", "application.delete", "applicationStatus", QUEUED,
     "application"),
    ("compose", "composeId", "compose_id", "compose", "compose.delete", "composeStatus", QUEUED, "compose service"),
    ("postgres", "postgresId", "database_id", "postgres", "postgres.remove", "applicationStatus", SYNC, "postgres database"),
    ("redis", "redisId", "database_id", "redis", "redis.remove", "applicationStatus", SYNC, "redis database"),
    ("libsql", "libsqlId", "database_id", "libsql", "libsql.remove", "applicationStatus", SYNC, "libsql database"),
])
def test_how_dokploy_spells_each_kind(name, id_field, id_option, list_key, delete, status_field, deploy, noun):
    kind = service_kind(name)
    assert (kind.id_field, kind.id_option, kind.list_key, kind.delete, kind.status_field, kind.deploy, kind.noun) == \
        (id_field, id_option, list_key, delete, status_field, deploy, noun)
    assert kind.procedure("one") == "%s.one" % name
    assert kind.is_database == (name in DATABASE_TYPES)


def test_queued_kinds_list_their_deployments():
    assert SERVICE_KINDS["application"].deployments == ("deployment.all", "applicationId")
    assert SERVICE_KINDS["compose"].deployments == ("deployment.allByCompose", "composeId")
    assert all(SERVICE_KINDS[t].deployments is None for t in DATABASE_TYPES)


def test_compose_delete_keeps_volumes_unless_told():
    assert SERVICE_KINDS["compose"].delete_extra == {"deleteVolumes": False}
    assert SERVICE_KINDS["application"].delete_extra == {}


def test_unknown_kind_names_the_known_ones():
    with pytest.raises(ValueError) as info:
        service_kind("sqlite")
    assert "'sqlite'" in str(info.value) and "postgres" in str(info.value) and "compose" in str(info.value)


@pytest.mark.parametrize("db_type, has, has_not", [
    ("postgres", ["databaseName", "databaseUser", "databasePassword"], ["databaseRootPassword", "replicaSets"]),
    ("mysql", ["databaseName", "databaseRootPassword"], ["replicaSets"]),
    ("mariadb", ["databaseName", "databaseRootPassword"], ["sqldNode"]),
    ("mongo", ["databaseUser", "databasePassword", "replicaSets"], ["databaseName", "databaseRootPassword"]),
    ("redis", ["databasePassword"], ["databaseName", "databaseUser", "databaseRootPassword"]),
    ("libsql", ["databaseUser", "sqldNode", "enableNamespaces"], ["databaseName"]),
])
def test_database_credentials_per_type(db_type, has, has_not):
    kind = SERVICE_KINDS[db_type]
    assert all(kind.has(field) for field in has)
    assert not any(kind.has(field) for field in has_not)


def test_services_have_no_database_fields():
    assert not SERVICE_KINDS["application"].has("databasePassword")


def test_database_images_ports_and_procedures():
    specs = dict((t, SERVICE_KINDS[t].database) for t in DATABASE_TYPES)
    # Dokploy's own defaults for mariadb and mongo name tags that do not exist (NOTES.md "Databases")
    assert specs["mariadb"].default_image == "mariadb:11" and specs["mongo"].default_image == "mongo:8"
    assert dict((t, s.internal_port) for t, s in specs.items()) == {
        "postgres": 5432, "mysql": 3306, "mariadb": 3306, "mongo": 27017, "redis": 6379, "libsql": 8080}
    assert [t for t, s in specs.items() if s.root_password] == ["mysql", "mariadb"]
    assert specs["libsql"].port_procedure == "saveExternalPorts" and specs["redis"].port_procedure == "saveExternalPort"
    assert specs["postgres"].required_on_create == ("databaseName", "databaseUser")
    assert specs["redis"].required_on_create == ()


def test_connection_details():
    row = {"appName": "shop-db-x1", "databaseUser": "app", "databaseName": "shop", "externalPort": 15432}
    assert SERVICE_KINDS["postgres"].connection(row) == {
        "host": "shop-db-x1", "port": 5432, "user": "app", "database": "shop", "external_port": 15432}
    # redis has neither user nor database name, whatever the row holds
    assert SERVICE_KINDS["redis"].connection(row) == {
        "host": "shop-db-x1", "port": 6379, "user": None, "database": None, "external_port": 15432}
    assert SERVICE_KINDS["mongo"].connection(None)["host"] is None


def test_services_of_lists_every_kind_in_table_order():
    environments = [
        {"name": "production", "postgres": [{"postgresId": "pg"}], "applications": [{"applicationId": "a"}],
         "compose": None},
        {"name": "staging", "redis": [{"redisId": "r"}], "libsql": [{"libsqlId": "l"}]},
    ]
    found = [(kind.name, item[kind.id_field], environment["name"]) for kind, item, environment in services_of(environments)]
    assert found == [("application", "a", "production"), ("postgres", "pg", "production"), ("redis", "r", "staging"),
                     ("libsql", "l", "staging")]
    assert services_of(None) == []
