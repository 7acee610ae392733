# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dokploy_database against a scripted in-memory client (also used by test_dokploy_compose.py).

Counts the requests per task, proves which endpoint each field goes to, that check mode sends no
write, that passwords follow update_password, and that input errors fail before any request.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError, DokployNotFoundError
from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._kinds import DATABASE_TYPES, SERVICE_KINDS
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._database import Database, unsupported_options
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._params import resource_params

from ansible_collections.dokploy.dokploy.tests.unit.fakes import fake_context

CANARY = "canary-pw-8e7d6c5b4a"
ENV_ID = "env-prod"


class FakeClient(object):
    """Dokploy as far as these modules see it: project.all, environment.one, <db>.*, compose.*, server.all."""

    def __init__(self):
        self.calls = []
        self.rows = {}       # (router, id) -> row
        self.counter = 0

    def version(self):
        return (0, 30, 2)

    def _summaries(self, list_key, names):
        return [dict(r) if names else {k: v for k, v in r.items() if k.endswith("Id") and k == router + "Id"}
                for (router, dummy), r in sorted(self.rows.items()) if router == list_key]

    def environment(self, detailed):
        env = {"environmentId": ENV_ID, "name": "production", "isDefault": True, "applications": []}
        for kind in DATABASE_TYPES + ("compose",):
            rows = [r for (router, dummy), r in sorted(self.rows.items()) if router == kind]
            if kind == "compose" or detailed:
                env[kind] = [{kind + "Id": r[kind + "Id"], "name": r["name"]} for r in rows]
            else:
                env[kind] = [{kind + "Id": r[kind + "Id"]} for r in rows]
        return env

    def get(self, procedure, params=None, timeout=None):
        self.calls.append(("GET", procedure, dict(params or {}), timeout))
        router, proc = procedure.split(".")
        if procedure == "project.all":
            return [{"projectId": "p1", "name": "shop", "environments": [self.environment(False)]}]
        if procedure == "environment.one":
            return self.environment(True)
        if procedure == "server.all":
            return [{"serverId": "srv1", "name": "remote"}]
        if procedure == "sshKey.allForApps":
            return [{"sshKeyId": "key1", "name": "deploy"}]
        if proc == "one":
            key = (router, params[router + "Id"])
            if key not in self.rows:
                raise DokployNotFoundError("%s not found" % router, status=404)
            # <db>.one nests the environment and its project (recorded shape), as the search-based lookup reads
            return dict(copy.deepcopy(self.rows[key]),
                        environment={"environmentId": ENV_ID, "name": "production", "project": {"projectId": "p1", "name": "shop"}})
        if proc == "search":  # case-insensitive substring match on the name, paged (NOTES.md "Search endpoints")
            items = [dict(r) for (kind, dummy), r in sorted(self.rows.items())
                     if kind == router and params["name"].lower() in r["name"].lower()]
            return {"items": items[params["offset"]:params["offset"] + params["limit"]], "total": len(items)}
        raise AssertionError("unexpected GET %s" % procedure)

    def post(self, procedure, body, timeout=None):
        self.calls.append(("POST", procedure, dict(body), timeout))
        router, proc = procedure.split(".")
        if proc == "create":
            self.counter += 1
            row_id = "%s-%d" % (router, self.counter)
            row = {router + "Id": row_id, "appName": "%s-app-%d" % (router, self.counter), "applicationStatus": "idle",
                   "serverId": None, "env": None, "externalPort": None, "description": None, "command": None, "args": None}
            row.update(body)
            if "databasePassword" in row and not row["databasePassword"]:
                row["databasePassword"] = "generated"
            self.rows[(router, row_id)] = row
            return copy.deepcopy(row)
        row = self.rows[(router, body[router + "Id"])]
        if proc in ("remove", "delete"):
            return self.rows.pop((router, body[router + "Id"]))
        if proc == "changePassword":
            row["databaseRootPassword" if body.get("type") == "root" else "databasePassword"] = body["password"]
            return True
        before = copy.deepcopy(row)
        row.update(dict((k, v) for k, v in body.items() if k != router + "Id"))
        if proc == "saveExternalPort":
            return before  # the row as loaded before the call
        return copy.deepcopy(row) if router == "compose" else True

    def writes(self):
        return [c for c in self.calls if c[0] == "POST"]


def run_resource(resource_class, client, values, check_mode=False):
    """``resource_class`` on ``client`` with the options of ``values`` that are set, validated as its module does
    (diff mode on); the Context's warnings are in ``client.warnings``."""
    ctx = fake_context(client, check_mode=check_mode, diff=True)
    client.warnings = ctx.warnings
    params = resource_params(resource_class, dict((k, v) for k, v in values.items() if v is not None))
    return resource_class(ctx, params).run()


DB_DEFAULTS = dict(type="postgres", project="shop", environment="production", name="db", database_id=None,
                   description=None, docker_image=None, database_name=None, database_user=None, database_password=None,
                   database_root_password=None, update_password="on_create", replica_sets=None, external_port=None,
                   command=None, args=None, memory_limit=None, memory_reservation=None, cpu_limit=None, cpu_reservation=None,
                   replicas=None, env=None, server=None, state="present")

CREDENTIALS = {
    "postgres": dict(database_name="app", database_user="app", database_password=CANARY),
    "mysql": dict(database_name="app", database_user="app", database_password=CANARY, database_root_password=CANARY + "-root"),
    "mariadb": dict(database_name="app", database_user="app", database_password=CANARY, database_root_password=CANARY + "-root"),
    "mongo": dict(database_user="app", database_password=CANARY, replica_sets=False),
    "redis": dict(database_password=CANARY),
    "libsql": dict(database_user="app", database_password=CANARY, sqld_node="primary"),
}


def run_db(client, check_mode=False, **params):
    values = dict(DB_DEFAULTS)
    values.update(params)
    return run_resource(Database, client, values, check_mode)


@pytest.mark.parametrize("db_type", sorted(DATABASE_TYPES))
def test_database_lifecycle_per_type(db_type):
    client = FakeClient()
    params = dict(CREDENTIALS[db_type], type=db_type)
    result = run_db(client, check_mode=True, **params)
    assert result["changed"] and not client.writes()

    result = run_db(client, **params)
    assert result["changed"]
    create = client.writes()[0]
    assert create[1] == "%s.create" % db_type
    assert create[2]["dockerImage"] == SERVICE_KINDS[db_type].database.default_image
    assert result["database"]["connection"]["port"] == SERVICE_KINDS[db_type].database.internal_port
    assert CANARY not in repr(result)

    client.calls = []
    result = run_db(client, **params)
    assert not result["changed"] and not client.writes()
    # project.all + environment.one (databases are listed by ID only) + <type>.one, or <type>.search + <type>.one
    assert [c[1] for c in client.calls] in (["project.all", "environment.one", "%s.one" % db_type],
                                            ["%s.search" % db_type, "%s.one" % db_type])

    client.calls = []
    result = run_db(client, state="absent", **params)
    assert result["changed"] and [c[1] for c in client.writes()] == ["%s.remove" % db_type]
    client.calls = []
    result = run_db(client, state="absent", **params)
    assert not result["changed"] and not client.writes()


def test_database_by_id_takes_one_request():
    client = FakeClient()
    created = run_db(client, **CREDENTIALS["postgres"])["database"]
    client.calls = []
    result = run_db(client, project=None, name=None, database_id=created["postgresId"])
    assert not result["changed"] and [c[1] for c in client.calls] == ["postgres.one"]


def test_fields_go_to_their_endpoints_with_long_timeout_for_the_port():
    client = FakeClient()
    run_db(client, **CREDENTIALS["postgres"])
    client.calls = []
    result = run_db(client, description="d", memory_limit="1073741824", env="A=1", external_port=15432, args=[])
    writes = client.writes()
    assert [w[1] for w in writes] == ["postgres.update", "postgres.saveEnvironment", "postgres.saveExternalPort"]
    assert writes[0][2] == {"postgresId": "postgres-1", "description": "d", "memoryLimit": "1073741824"}
    assert writes[2][2] == {"postgresId": "postgres-1", "externalPort": 15432} and writes[2][3] >= 600
    assert result["database"]["externalPort"] == 15432  # not the stale answer of saveExternalPort
    assert result["diff"]["before"]["env"] == {} and result["diff"]["after"]["env"] == {"A": "********"}
    client.calls = []
    assert not run_db(client, external_port=15432, env="A=1", args=[])["changed"]
    assert run_db(client, external_port=0)["changed"]
    assert client.writes()[-1][2] == {"postgresId": "postgres-1", "externalPort": None}


def test_external_port_on_create_is_stored_without_deploy():
    client = FakeClient()
    run_db(client, type="redis", external_port=15000, **CREDENTIALS["redis"])
    assert [w[1] for w in client.writes()] == ["redis.create", "redis.update"]
    assert client.writes()[1][2]["externalPort"] == 15000


def test_update_password():
    client = FakeClient()
    run_db(client, type="mysql", **CREDENTIALS["mysql"])
    client.calls = []
    assert not run_db(client, type="mysql", database_password="other")["changed"]  # on_create
    result = run_db(client, type="mysql", database_password="other", update_password="always")
    assert result["changed"] and client.writes()[-1][1] == "mysql.update"
    assert result["diff"]["after"]["databasePassword"] == "******** (changed)"
    assert "other" not in repr(result)
    assert not run_db(client, type="mysql", database_password="other", update_password="always")["changed"]
    # A running database changes the password inside the container.
    client.rows[("mysql", "mysql-1")]["applicationStatus"] = "done"
    client.calls = []
    run_db(client, type="mysql", database_root_password="root2", update_password="always")
    assert client.writes() == [("POST", "mysql.changePassword", {"mysqlId": "mysql-1", "password": "root2", "type": "root"},
                                client.writes()[0][3])]


def test_create_needs_credentials_before_any_write():
    client = FakeClient()
    with pytest.raises(DokployError, match="database_name and database_user"):
        run_db(client)
    assert not client.writes()


def test_unsupported_options_per_type():
    assert unsupported_options("redis", dict(database_name="x", database_user="u")) == ["database_name", "database_user"]
    assert unsupported_options("mongo", dict(database_name="x", replica_sets=True)) == ["database_name"]
    assert unsupported_options("postgres", dict(database_root_password="x")) == ["database_root_password"]
    assert unsupported_options("mariadb", dict(database_root_password="x")) == []


def test_server_is_chosen_at_creation_only():
    """Changed on purpose: a database on another server warns (it used to fail), as an application always did."""
    client = FakeClient()
    run_db(client, server="remote", **CREDENTIALS["postgres"])
    assert client.writes()[0][2]["serverId"] == "srv1"
    client.rows[("postgres", "postgres-1")]["serverId"] = None
    client.calls = []
    result = run_db(client, server="remote")
    assert not result["changed"] and not client.writes()
    assert len(client.warnings) == 1
    assert "cannot move" in client.warnings[0] and "the Dokploy host" in client.warnings[0]
