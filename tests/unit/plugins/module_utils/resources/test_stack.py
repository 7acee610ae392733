# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The stack (resources/stack.py) on a fake client: the declaration validated piece by piece with the messages of
the single modules prefixed by where the piece stands, its secrets, the plan of a new project in check mode
(in order, without a write), a failure that says where, and state absent of a project that is not there.
tests/stack drives it against the simulator."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError
from ansible_collections.dokploy.dokploy.plugins.module_utils.project._stack import Stack
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._params import resource_params

from ansible_collections.dokploy.dokploy.tests.unit.fakes import FakeClient, fake_context, refused

WEB = {"docker_image": "nginx:1", "domains": [{"host": "shop.example.com"}]}
DB = {"type": "postgres", "database_name": "shop", "database_user": "shop", "database_password": "pw-secret"}
DECLARATION = {"project": "shop", "env": {"TZ": "UTC"},
               "environments": {"production": {"applications": {"web": WEB}, "databases": {"db": DB}}}}


def declare(production):
    return {"project": "shop", "environments": {"production": production}}


@pytest.mark.parametrize("declaration, message", [
    ({"project": " "}, "project must not be empty"),
    ({"project": "shop", "environments": {"production": ["web"]}}, "environments.production must be a dict"),
    (declare({"services": {}}), "environments.production: unsupported parameters: services"),
    (declare({"applications": ["web"]}), "environments.production.applications must be a dict of service names"),
    (declare({"applications": {"web": {"project": "other"}}}),
     "environments.production.applications.web: project cannot be set here: it comes from where the service stands"),
    (declare({"applications": {"web": {"memory_limit": "lots"}}}), "environments.production.applications.web: "),
    (declare({"databases": {"db": dict(DB, domains=[])}}),
     "environments.production.databases.db.domains: a database has no domains (application, compose only)"),
    (declare({"applications": {"web": {"ports": {"published_port": 80}}}}),
     "environments.production.applications.web.ports must be a list"),
    (declare({"applications": {"web": {"ports": [{"published_port": 70000, "target_port": 80}]}}}),
     "environments.production.applications.web.ports[0]: published_port must be between 1 and 65535"),
    (declare({"applications": {"web": {"domains": [{"host": "a.example.com", "application": "api"}]}}}),
     "domains[0]: application cannot be set here: it comes from the service it is listed under"),
])
def test_declaration_refused_before_any_request(declaration, message):
    assert message in refused(Stack, declaration)


def test_the_secrets_are_what_the_pieces_mark_no_log_and_the_long_env_values():
    declaration = dict(DECLARATION, env={"API_TOKEN": "long-t0k3n-value", "SHORT": "t0k3n"})
    secrets = Stack.no_log_values(declaration)
    assert secrets >= {"pw-secret", "long-t0k3n-value"}
    # a short env value is masked in the results only, not wherever it appears (secrets.VARIABLE_OPTIONS)
    assert "t0k3n" not in secrets and "shop" not in secrets and "nginx:1" not in secrets


def test_a_new_project_in_check_mode_is_planned_in_order_without_a_write():
    client = FakeClient({"project.all": [], "postgres.search": {"items": [], "total": 0}})
    ctx = fake_context(client, check_mode=True)
    result = Stack(ctx, resource_params(Stack, DECLARATION)).run()
    assert client.writes() == []
    assert [(a["action"], a["kind"], a["where"]) for a in result["actions"]] == [
        ("create", "project", "project"),
        ("update", "env", "env"),             # the project's env: a setting of the project
        ("create", "database", "environments.production.databases.db"),
        ("create", "application", "environments.production.applications.web"),
        ("create", "domain", "environments.production.applications.web.domains[0]"),
    ]
    assert result["changed"] and "diff" not in result   # the diff is shown only with --diff
    assert result["services"] == {"production": {"databases": {"db": None}, "applications": {"web": None}}}
    assert ctx.warnings == []    # "taken as one an earlier task would create" says nothing inside a stack


def test_the_diff_is_per_piece_and_masks_secrets():
    client = FakeClient({"project.all": [], "postgres.search": {"items": [], "total": 0}})
    result = Stack(fake_context(client, check_mode=True, diff=True), resource_params(Stack, DECLARATION)).run()
    headers = [d["before_header"] for d in result["diff"]]
    assert headers[0] == "project" and "environments.production.databases.db" in headers
    assert "pw-secret" not in repr(result)


def test_a_failure_says_where_with_what_was_done():
    client = FakeClient({"project.all": [], "project.create": DokployError("Internal error", status=500)})
    with pytest.raises(DokployError) as error:
        Stack(fake_context(client), resource_params(Stack, DECLARATION)).run()
    assert str(error.value).startswith("project: Internal error")
    assert error.value.result["failed_at"] == "project" and error.value.result["actions"] == []


def test_absent_of_a_project_that_is_not_there_is_unchanged():
    client = FakeClient({"project.all": []})
    result = Stack(fake_context(client), resource_params(Stack, dict(DECLARATION, state="absent"))).run()
    assert result == {"changed": False, "actions": [], "services": {}}
    assert client.writes() == []
