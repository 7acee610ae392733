# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Name -> object resolution (plugins/module_utils/lookups/_lookup.py) with a recording fake client."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError
from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._kinds import SERVICE_KINDS, services_of
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._lookup import (
    DokployLookupError,
    Resolver,
    describe_services,
    pick_one,
)

from ansible_collections.dokploy.dokploy.tests.unit.fakes import FakeClient


def env(eid, name, default=False, **services):
    item = {"environmentId": eid, "name": name, "isDefault": default}
    for key in ("applications", "compose", "postgres", "mysql", "mariadb", "mongo", "redis", "libsql"):
        item[key] = services.get(key, [])
    return item


PROJECTS = [
    {"projectId": "p1", "name": "shop", "environments": [
        env("e1", "production", True, applications=[{"applicationId": "a1", "name": "web", "applicationStatus": "idle"}],
            postgres=[{"postgresId": "pg1"}]),
        env("e2", "staging"),
        env("e3", "qa"), env("e4", "qa"),
    ]},
    {"projectId": "p2", "name": "blog", "environments": [env("e5", "production", True)]},
    {"projectId": "p3", "name": "blog", "environments": [env("e6", "production", True)]},
]


def resolver(projects=None, **answers):
    client = FakeClient(dict({"project.all": PROJECTS if projects is None else projects}, **answers))
    return Resolver(client), client


def test_pick_one():
    items = [{"id": 1, "name": "a"}, {"id": 2, "name": "b"}, {"id": 3, "name": "b"}]
    assert pick_one(items, "thing", "a", "id") == {"id": 1, "name": "a"}
    assert pick_one(items, "thing", "z", "id") is None
    with pytest.raises(DokployLookupError) as info:
        pick_one(items, "thing", "b", "id", " in box", id_option="thing_id")
    assert str(info.value) == ("2 things are named 'b' in box (IDs: 2, 3); Dokploy does not keep names unique, "
                               "so set thing_id to choose one")


def test_names_match_exactly():
    r, client = resolver()
    assert r.project("Shop", required=False) is None
    assert r.project("sho", required=False) is None
    assert r.project("shop")["projectId"] == "p1"


def test_project_all_is_read_once():
    r, client = resolver()
    r.project("shop")
    r.project(project_id="p2")
    r.projects()
    assert client.reads() == [("project.all", None)]
    r.invalidate()
    r.projects()
    assert len(client.reads()) == 2


def test_ambiguous_project_lists_ids():
    r, client = resolver()
    with pytest.raises(DokployLookupError) as info:
        r.project("blog")
    text = str(info.value)
    assert "2 projects are named 'blog'" in text
    assert "p2" in text and "p3" in text
    assert "project_id" in text


def test_project_id_selects_one_of_duplicates():
    r, client = resolver()
    assert r.project("blog", project_id="p3")["projectId"] == "p3"


def test_missing_project_lists_existing_names():
    r, client = resolver()
    with pytest.raises(DokployLookupError) as info:
        r.project("nope")
    assert str(info.value) == "No project is named 'nope'; existing: blog, shop"
    assert r.project("nope", required=False) is None


def test_missing_project_on_an_empty_server():
    r, client = resolver(projects=[])
    with pytest.raises(DokployLookupError) as info:
        r.project("nope")
    assert "existing: none" in str(info.value)


def test_unknown_project_id():
    r, client = resolver()
    with pytest.raises(DokployLookupError) as info:
        r.project(project_id="zzz")
    assert "zzz" in str(info.value)
    assert r.project(project_id="zzz", required=False) is None


def test_project_all_not_a_list():
    r, client = resolver(projects={"message": "hello"})
    with pytest.raises(DokployError) as info:
        r.projects()
    assert "instead of a list" in str(info.value)


def test_old_server_without_environments_is_refused():
    client = FakeClient({"project.all": [{"projectId": "p", "name": "x", "applications": []}]}, version=(0, 24, 0))
    with pytest.raises(DokployError) as info:
        Resolver(client).projects()
    assert "v0.25.0" in str(info.value)


def test_environment_defaults_to_production():
    r, client = resolver()
    shop = r.project("shop")
    assert r.environment(shop)["environmentId"] == "e1"
    assert r.environment(shop, name=None)["environmentId"] == "e1"
    assert r.environment(shop, name="staging")["environmentId"] == "e2"
    assert r.environment(shop, environment_id="e2")["name"] == "staging"


def test_ambiguous_environment_lists_ids():
    r, client = resolver()
    with pytest.raises(DokployLookupError) as info:
        r.environment(r.project("shop"), name="qa")
    text = str(info.value)
    assert "e3" in text and "e4" in text and "environment_id" in text and "project 'shop'" in text
    assert r.environment(r.project("shop"), name="qa", environment_id="e4")["environmentId"] == "e4"


def test_missing_environment_lists_existing_names():
    r, client = resolver()
    with pytest.raises(DokployLookupError) as info:
        r.environment(r.project("shop"), name="dev")
    assert str(info.value) == "Project 'shop' has no environment 'dev'; existing: production, qa, staging"
    assert r.environment(r.project("shop"), name="dev", required=False) is None
    with pytest.raises(DokployLookupError):
        r.environment(r.project("shop"), environment_id="e6")


def test_locate_environment():
    r, client = resolver()
    project, environment = r.locate_environment(environment_id="e6")
    assert (project["projectId"], environment["name"]) == ("p3", "production")
    project, environment = r.locate_environment(project_name="shop", environment_name="staging")
    assert environment["environmentId"] == "e2"
    project, environment = r.locate_environment(project_id="p2")
    assert environment["environmentId"] == "e5"
    with pytest.raises(DokployLookupError) as info:
        r.locate_environment(environment_id="nope")
    assert "nope" in str(info.value)


def test_service_by_name_reads_environment_one_only_for_databases():
    detail = {"environmentId": "e1", "postgres": [{"postgresId": "pg1", "name": "db"}]}
    r, client = resolver(**{"environment.one": detail})
    production = r.environment(r.project("shop"))
    assert r.service("application", production, "web")["applicationId"] == "a1"
    assert client.reads() == [("project.all", None)]
    assert r.service("postgres", production, "db")["postgresId"] == "pg1"
    assert r.service("postgres", production, "other") is None
    assert client.reads() == [("project.all", None), ("environment.one", {"environmentId": "e1"})]  # cached


def test_ambiguous_service_lists_ids():
    production = env("e1", "production", True, applications=[{"applicationId": "a1", "name": "web"},
                                                             {"applicationId": "a2", "name": "web"}])
    r, client = resolver()
    with pytest.raises(DokployLookupError) as info:
        r.service("application", production, "web", project_name="shop")
    text = str(info.value)
    assert "a1" in text and "a2" in text and "application_id" in text and "project 'shop'" in text


def test_find_service_by_id():
    r, client = resolver()
    project, environment = r.find_service_by_id("postgres", "pg1")
    assert (project["projectId"], environment["environmentId"]) == ("p1", "e1")
    assert r.find_service_by_id("application", "zzz") is None


def test_service_kinds():
    assert sorted(SERVICE_KINDS) == ["application", "compose", "libsql", "mariadb", "mongo", "mysql", "postgres", "redis"]
    assert SERVICE_KINDS["application"].delete == "application.delete"
    assert SERVICE_KINDS["compose"].delete == "compose.delete"
    assert SERVICE_KINDS["compose"].delete_extra == {"deleteVolumes": False}
    assert SERVICE_KINDS["postgres"].delete == "postgres.remove"
    assert SERVICE_KINDS["redis"].procedure("one") == "redis.one"


def test_services_of_and_describe():
    shop = PROJECTS[0]
    services = services_of(shop["environments"])
    assert [(k.name, item.get("name")) for k, item, e in services] == [("application", "web"), ("postgres", None)]
    client = FakeClient({"project.one": {"environments": [
        env("e1", "production", True, applications=[{"applicationId": "a1", "name": "web"}],
            postgres=[{"postgresId": "pg1", "name": "db"}])]}})
    assert describe_services(client, "p1", services) == "application 'web' in production, postgres 'db' in production"
    assert client.reads() == [("project.one", {"projectId": "p1"})]


def test_describe_services_with_names_reads_nothing():
    services = services_of([env("e1", "production", applications=[{"applicationId": "a1", "name": "web"}])])
    client = FakeClient()
    assert describe_services(client, "p1", services) == "application 'web' in production"
    assert client.calls == []


SERVERS = [{"serverId": "s1", "name": "worker"}, {"serverId": "s2", "name": "edge"}, {"serverId": "s3", "name": "edge"}]


def test_server_by_name_or_id_read_once():
    r, client = resolver(**{"server.all": SERVERS})
    assert r.server(name="worker")["serverId"] == "s1"
    assert r.server(name="s2")["serverId"] == "s2"  # an ID given as the name works too
    assert r.server(server_id="s3")["serverId"] == "s3"
    assert client.reads() == [("server.all", None)]


def test_server_missing_or_ambiguous():
    r, client = resolver(**{"server.all": SERVERS})
    with pytest.raises(DokployLookupError) as info:
        r.server(name="nope")
    assert str(info.value) == "No server is named 'nope' or has that ID; existing: edge, worker"
    with pytest.raises(DokployLookupError) as info:
        r.server(server_id="s9")
    assert "s9" in str(info.value)
    with pytest.raises(DokployLookupError) as info:
        r.server(name="edge")
    assert "s2" in str(info.value) and "s3" in str(info.value)
