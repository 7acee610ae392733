# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The target options (plugins/module_utils/lookups/_target.py): how a module names the service it acts on, and how that
name is resolved, including the pending target of check mode."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployNotFoundError, DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._kinds import SERVICE_KINDS
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._lookup import DokployLookupError, DokployMissingError, Service
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._target import (
    check_target,
    resolve_target,
    target_argument_spec,
    target_kind,
    target_module_kwargs,
)

from ansible_collections.dokploy.dokploy.tests.unit.fakes import FakeClient, fake_context

PROJECTS = [{"projectId": "p1", "name": "shop", "environments": [
    {"environmentId": "e1", "name": "production", "isDefault": True,
     "applications": [{"applicationId": "a1", "name": "web"}], "compose": [{"composeId": "c1", "name": "stack"}],
     "postgres": [{"postgresId": "pg1"}]},
    {"environmentId": "e2", "name": "staging", "isDefault": False, "applications": [], "compose": [], "postgres": []},
]}]
ENVIRONMENT_ONE = {"environmentId": "e1", "postgres": [{"postgresId": "pg1", "name": "db"}]}


def params(**values):
    """The target options as the module has them after validation (defaults filled in)."""
    validator = ArgumentSpecValidator(target_argument_spec(), **target_module_kwargs())
    result = validator.validate(values)
    if result.error_messages:
        raise DokployParamError("; ".join(result.error_messages))
    return result.validated_parameters


def resolve(check_mode=False, required=True, **values):
    client = FakeClient({"project.all": PROJECTS, "environment.one": ENVIRONMENT_ONE,
                         "application.one": {"applicationId": "a1", "name": "web"},
                         "postgres.one": DokployNotFoundError("Postgres not found", status=404)})
    ctx = fake_context(client, check_mode=check_mode)
    return resolve_target(ctx, params(**values), required=required), ctx, client


# -- the options ------------------------------------------------------------------------------------------------

def test_argument_spec_per_kinds():
    spec = target_argument_spec(("application", "compose"))
    assert sorted(spec) == ["application", "application_id", "compose", "compose_id", "environment", "environment_id",
                            "project", "project_id"]
    assert spec["environment"]["default"] == "production"
    spec = target_argument_spec()
    assert spec["database_type"]["choices"] == ["postgres", "mysql", "mariadb", "mongo", "redis", "libsql"]


@pytest.mark.parametrize("values, fragment", [
    ({"project": "shop"}, "one of the following is required"),
    ({"project": "shop", "application": "web", "compose": "stack"}, "mutually exclusive"),
    ({"project": "shop", "project_id": "p1", "application": "web"}, "mutually exclusive"),
    ({"project": "shop", "database": "db"}, "database_type"),
])
def test_module_kwargs_refuse(values, fragment):
    with pytest.raises(DokployParamError) as info:
        params(**values)
    assert fragment in str(info.value)


@pytest.mark.parametrize("values, message", [
    ({"application": " ", "project": "shop"}, "application must not be empty"),
    ({"compose": "stack"}, "compose is a name: it needs project (or project_id, or environment_id), or give compose_id instead"),
    ({"database_type": "postgres", "application": "web", "project": "shop"}, "database_type needs database or database_id"),
])
def test_check_target(values, message):
    with pytest.raises(DokployParamError) as info:
        check_target(dict(values))
    assert str(info.value) == message


def test_check_target_accepts_an_environment_id_for_a_name():
    # accepted: check_target returns nothing (a refusal raises DokployParamError, above)
    assert check_target({"application": "web", "environment_id": "e1"}) is None
    assert check_target({"application_id": "a1"}) is None


def test_target_kind():
    assert target_kind({"application": "web"}).name == "application"
    assert target_kind({"compose_id": "c1"}).name == "compose"
    assert target_kind({"database": "db", "database_type": "mysql"}) is SERVICE_KINDS["mysql"]
    assert target_kind({"project": "shop"}) is None
    assert target_kind({"compose": "stack"}, kinds=("application",)) is None


# -- resolving ---------------------------------------------------------------------------------------------------

def test_by_name():
    target, ctx, client = resolve(project="shop", application="web")
    assert (target.kind.name, target.id, target.name, target.pending) == ("application", "a1", "web", False)
    assert target.describe() == "application 'web' in environment 'production' of project 'shop'"
    assert client.reads() == [("project.all", None)]


def test_database_by_name_reads_environment_one_when_lookups_are_shared():
    # Many resources in one run share project.all and environment.one; one resource alone searches (below).
    client = FakeClient({"project.all": PROJECTS, "environment.one": ENVIRONMENT_ONE})
    ctx = fake_context(client)
    ctx.shared_lookups = True
    target = resolve_target(ctx, params(project="shop", database="db", database_type="postgres"))
    assert (target.kind.name, target.id) == ("postgres", "pg1")
    assert [p for p, q in client.reads()] == ["project.all", "environment.one"]


def test_database_by_name_alone_is_searched():
    row = {"postgresId": "pg1", "name": "db", "environment": {"name": "production", "project": {"name": "shop"}}}
    client = FakeClient({"postgres.search": {"items": [{"postgresId": "pg1", "name": "db"},
                                                       {"postgresId": "pg2", "name": "db2"}], "total": 2},
                         "postgres.one": row})
    target = resolve_target(fake_context(client), params(project="shop", database="db", database_type="postgres"))
    assert (target.id, target.row) == ("pg1", row)
    assert [p for p, q in client.reads()] == ["postgres.search", "postgres.one"]


def test_by_id_reads_the_service():
    target, ctx, client = resolve(application_id="a1")
    assert (target.id, target.name, target.project) == ("a1", "web", None)
    assert client.reads() == [("application.one", {"applicationId": "a1"})]
    assert target.describe() == "application 'web'"


def test_by_environment_id():
    target, ctx, client = resolve(environment_id="e1", compose="stack")
    assert target.id == "c1" and target.project["name"] == "shop"


def test_missing_service_lists_the_existing_ones():
    with pytest.raises(DokployMissingError) as info:
        resolve(project="shop", application="api")
    assert str(info.value) == "Environment 'production' of project 'shop' has no application named 'api'; existing: web"
    with pytest.raises(DokployMissingError) as info:
        resolve(project="shop", environment="staging", compose="stack")
    assert "existing: none" in str(info.value)


@pytest.mark.parametrize("values, message", [
    ({"project": "blog", "application": "web"}, "No project is named 'blog'; existing: shop"),
    ({"project": "shop", "environment": "qa", "application": "web"}, "Project 'shop' has no environment 'qa'"),
    ({"database_id": "pg9", "database_type": "postgres"}, "No postgres database has ID 'pg9'"),
])
def test_missing_parent_or_id_fails(values, message):
    with pytest.raises(DokployLookupError) as info:
        resolve(**values)
    assert str(info.value).startswith(message)


def test_missing_is_none_when_not_required():
    target, ctx, client = resolve(required=False, project="blog", application="web")
    assert target is None and ctx.warnings == []
    target, ctx, client = resolve(required=False, check_mode=True, project="shop", application="api")
    assert target is None and ctx.warnings == []


@pytest.mark.parametrize("values, found", [
    ({"project": "shop", "application": "api"}, "Environment 'production' of project 'shop' has no application named 'api'"),
    ({"project": "blog", "application": "web"}, "No project is named 'blog'"),
    ({"database_id": "pg9", "database_type": "postgres"}, "No postgres database has ID 'pg9'"),
])
def test_check_mode_gives_a_pending_target_and_warns(values, found):
    target, ctx, client = resolve(check_mode=True, **values)
    assert isinstance(target, Service) and target.pending and target.id is None
    assert len(ctx.warnings) == 1
    assert ctx.warnings[0].startswith(found)
    assert "an earlier task would create; without check mode the task fails" in ctx.warnings[0]
    assert client.writes() == []


def test_a_pending_parent_is_a_structured_outcome_of_the_context():
    """One protocol for a missing parent: the Context records it (what it is, the lookup's message); a run that
    plans its parents itself (the whole-project module) turns the warning off, and no text is filtered."""
    target, ctx, client = resolve(check_mode=True, project="blog", application="web")
    assert [(p.noun, p.message.startswith("No project is named 'blog'")) for p in ctx.pending] == [("application", True)]
    quiet = fake_context(FakeClient({"project.all": PROJECTS}), check_mode=True)
    quiet.warn_pending = False
    assert resolve_target(quiet, params(project="blog", application="web")).pending
    assert quiet.warnings == [] and len(quiet.pending) == 1


def test_without_check_mode_a_missing_parent_fails():
    ctx = fake_context(FakeClient({"project.all": PROJECTS}))
    with pytest.raises(DokployMissingError, match="No project is named 'blog'"):
        resolve_target(ctx, params(project="blog", application="web"))
    assert ctx.pending == []


def test_pending_target_keeps_what_was_found():
    target, ctx, client = resolve(check_mode=True, project="shop", application="api")
    assert target.name == "api" and target.project["projectId"] == "p1" and target.environment["environmentId"] == "e1"
    assert target.describe() == "application 'api' in environment 'production' of project 'shop'"
