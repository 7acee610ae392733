# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The resource engine (plugins/module_utils/engine/_resource.py) with a recording fake client.

A generic ``Widget`` resource exercises the engine itself; the Project and Environment resources of
dokploy_project / dokploy_environment are exercised for their own hooks.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import (
    DokployConnectionError,
    DokployError,
    DokployNotFoundError,
    DokployOutcomeUnknown,
    DokployValidationError,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._lookup import DokployLookupError
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._resource import Resource, Update, normalize
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._secrets import MASK
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._project import Environment, Project
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._params import resource_params

from ansible_collections.dokploy.dokploy.tests.unit.fakes import FakeClient, Seq, fake_context


class Widget(Resource):
    """A resource with two update endpoints, one of them a save* endpoint that clears what is not sent."""

    kind = "widget"
    id_field = "widgetId"
    create_procedure = "widget.create"
    delete_procedure = "widget.remove"
    updates = (
        Update("widget.update", ["name", "description", "replicas", "memoryLimit"]),
        Update("widget.saveEnvironment", ["env", "buildArgs"], keep=("env", "buildArgs", "createEnvFile")),
    )

    def desired(self, current):
        return dict(self.params["desired"])

    def find(self):
        found = self.client.get("widget.find")
        return found or None

    def create_payload(self, desired):
        # the create endpoint takes only the name; the rest goes through the update endpoints
        return {"name": desired["name"]}


CURRENT = {
    "widgetId": "w1", "name": "web", "description": None, "replicas": 1, "memoryLimit": "",
    "env": "A=1", "buildArgs": "B=2", "createEnvFile": True,
}


def widget(desired, current="CURRENT", check_mode=False, diff=True, state="present", **answers):
    client = FakeClient(dict({"widget.find": CURRENT if current == "CURRENT" else current}, **answers))
    ctx = fake_context(client, check_mode=check_mode, diff=diff)
    return Widget(ctx, {"desired": desired, "state": state}), client


# ---------------------------------------------------------------------------------------------------------
# normalise and compare
# ---------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("a, b", [
    ("", None),
    (None, ""),
    (1.0, 1),
    (3, 3.0),
    ({"a": "", "b": 2.0}, {"a": None, "b": 2}),
    ([1.0, ""], [1, None]),
    ((1, 2), [1, 2]),
    (True, True),
])
def test_normalize_equal(a, b):
    assert normalize(a) == normalize(b)


@pytest.mark.parametrize("a, b", [
    ("", "0"),
    (1.5, 1),
    ("1", 1),
    ("a", "A"),
    (False, None),
    ([], None),
    ({"a": 1}, {"a": 2}),
])
def test_normalize_different(a, b):
    assert normalize(a) != normalize(b)


def test_normalize_keeps_booleans():
    assert normalize(True) is True
    assert normalize(False) is False


def test_compare_ignores_empty_vs_none_and_float_vs_int():
    resource, client = widget({"description": "", "memoryLimit": None, "replicas": 1.0, "name": "web"})
    assert resource.compare(CURRENT, resource.desired(CURRENT)) == {}


def test_compare_only_looks_at_desired_fields():
    resource, client = widget({"replicas": 2})
    assert resource.compare(CURRENT, {"replicas": 2}) == {"replicas": (1, 2)}


def test_compare_missing_field_in_current_counts_as_unset():
    resource, client = widget({})
    assert resource.compare({"widgetId": "w"}, {"description": ""}) == {}
    assert resource.compare({"widgetId": "w"}, {"description": "x"}) == {"description": (None, "x")}


# ---------------------------------------------------------------------------------------------------------
# plan: one write per endpoint, only changed fields, keep fields
# ---------------------------------------------------------------------------------------------------------

def test_plan_one_write_per_endpoint_with_only_changed_fields():
    resource, client = widget({})
    desired = {"name": "web", "description": "new", "replicas": 3, "env": "A=2"}
    changes = resource.compare(CURRENT, desired)
    assert sorted(changes) == ["description", "env", "replicas"]
    writes = resource.plan(CURRENT, changes, desired)
    assert [(u.procedure, body) for u, body in writes] == [
        ("widget.update", {"widgetId": "w1", "description": "new", "replicas": 3}),
        # keep: env from desired, buildArgs and createEnvFile from the current object
        ("widget.saveEnvironment", {"widgetId": "w1", "env": "A=2", "buildArgs": "B=2", "createEnvFile": True}),
    ]


def test_plan_keep_fields_come_from_desired_when_set():
    resource, client = widget({})
    desired = {"buildArgs": "B=3", "createEnvFile": False}
    changes = {"buildArgs": ("B=2", "B=3")}
    writes = resource.plan(CURRENT, changes, desired)
    assert [(u.procedure, body) for u, body in writes] == [
        ("widget.saveEnvironment", {"widgetId": "w1", "env": "A=1", "buildArgs": "B=3", "createEnvFile": False}),
    ]


def test_plan_nothing_to_do():
    resource, client = widget({})
    assert resource.plan(CURRENT, {}, {}) == []


def test_plan_field_without_endpoint_fails():
    resource, client = widget({})
    with pytest.raises(DokployError) as info:
        resource.plan(CURRENT, {"color": (None, "red")}, {"color": "red"})
    assert "color" in str(info.value)


def test_update_sends_the_planned_writes_and_reports_the_change():
    resource, client = widget({"name": "web", "replicas": 2, "env": "A=2"},
                              **{"widget.update": True, "widget.saveEnvironment": True})
    result = resource.run()
    assert result["changed"] is True
    assert client.writes() == [
        ("widget.update", {"widgetId": "w1", "replicas": 2}),
        ("widget.saveEnvironment", {"widgetId": "w1", "env": "A=2", "buildArgs": "B=2", "createEnvFile": True}),
    ]
    assert result["widget"]["replicas"] == 2
    assert result["widget"]["env"] == MASK


def test_update_takes_the_returned_row():
    returned = dict(CURRENT, description="new", updatedAt="later")
    resource, client = widget({"description": "new"}, **{"widget.update": returned})
    result = resource.run()
    assert result["widget"]["updatedAt"] == "later"


def test_unchanged_sends_no_write_and_reads_once():
    resource, client = widget({"name": "web", "description": "", "replicas": 1.0, "env": "A=1"})
    result = resource.run()
    assert result["changed"] is False
    assert client.writes() == []
    assert client.calls == [("GET", "widget.find", None)]
    assert result["diff"] == {"before": {}, "after": {}}


# ---------------------------------------------------------------------------------------------------------
# check mode
# ---------------------------------------------------------------------------------------------------------

def test_check_mode_update_sends_no_write_and_predicts():
    resource, client = widget({"replicas": 4, "description": "soon"}, check_mode=True)
    result = resource.run()
    assert result["changed"] is True
    assert client.writes() == []
    assert result["widget"]["replicas"] == 4
    assert result["widget"]["description"] == "soon"
    assert result["widget"]["widgetId"] == "w1"
    assert result["diff"] == {"before": {"description": None, "replicas": 1}, "after": {"description": "soon", "replicas": 4}}


def test_check_mode_create_sends_no_write_and_predicts():
    resource, client = widget({"name": "new", "replicas": 2, "env": "SECRET=1"}, current=None, check_mode=True)
    result = resource.run()
    assert result["changed"] is True
    assert client.writes() == []
    assert result["widget"] == {"widgetId": None, "name": "new", "replicas": 2, "env": MASK}
    assert result["diff"]["before"] == {}
    assert result["diff"]["after"]["env"] == {"SECRET": MASK}  # the keys a create sets, their values masked


def test_check_mode_delete_sends_no_write():
    resource, client = widget({}, check_mode=True, state="absent")
    result = resource.run()
    assert result["changed"] is True
    assert client.writes() == []
    assert result["diff"]["after"] == {}
    assert result["diff"]["before"]["widgetId"] == "w1"


# ---------------------------------------------------------------------------------------------------------
# diff and secrets
# ---------------------------------------------------------------------------------------------------------

def test_diff_limited_to_changed_keys():
    resource, client = widget({"name": "web", "replicas": 2}, **{"widget.update": True})
    result = resource.run()
    assert result["diff"] == {"before": {"replicas": 1}, "after": {"replicas": 2}}


def test_diff_masks_secrets_and_still_shows_the_change():
    resource, client = widget({"env": "A=SECRET-TWO"}, **{"widget.saveEnvironment": True})
    result = resource.run()
    assert result["changed"] is True
    before, after = result["diff"]["before"], result["diff"]["after"]
    assert before == {"env": {"A": MASK}}
    assert after == {"env": {"A": MASK + " (changed)"}}  # two different values, both masked: still visibly changed
    text = json.dumps(result)
    assert "SECRET-TWO" not in text and "A=1" not in text


def test_diff_of_variables_names_added_changed_and_removed_keys():
    resource, client = widget({"env": "# comment\nA=1\nB=new-two\nD=4"}, current=dict(CURRENT, env="A=1\nB=2\nC=3"),
                              **{"widget.saveEnvironment": True})
    result = resource.run()
    assert result["diff"] == {"before": {"env": {"B": MASK, "C": MASK}},
                              "after": {"env": {"B": MASK + " (changed)", "D": MASK}}}
    assert "new-two" not in json.dumps(result)


def test_diff_of_variables_when_only_comments_changed():
    resource, client = widget({"env": "# a comment\nA=1"}, **{"widget.saveEnvironment": True})
    result = resource.run()
    assert result["diff"] == {"before": {"env": MASK}, "after": {"env": MASK + " (changed)"}}


def test_diff_secret_set_from_nothing():
    resource, client = widget({"env": "TOKEN=abc"}, current=dict(CURRENT, env=None), **{"widget.saveEnvironment": True})
    result = resource.run()
    assert result["diff"] == {"before": {"env": {}}, "after": {"env": {"TOKEN": MASK}}}


def test_diff_secret_cleared():
    resource, client = widget({"env": ""}, current=dict(CURRENT, env="A=1"), **{"widget.saveEnvironment": True})
    result = resource.run()
    assert result["diff"] == {"before": {"env": {"A": MASK}}, "after": {"env": {}}}


def test_no_diff_without_diff_mode():
    resource, client = widget({"replicas": 2}, diff=False, **{"widget.update": True})
    assert "diff" not in resource.run()


def test_result_masks_nested_secrets():
    current = dict(CURRENT, registry={"registryId": "r", "password": "hunter2"}, mounts=[{"content": "x", "env": "Z=1"}])
    resource, client = widget({}, current=current)
    result = resource.run()
    assert result["widget"]["registry"]["password"] == MASK
    assert result["widget"]["mounts"][0]["env"] == MASK
    assert "hunter2" not in json.dumps(result)


# ---------------------------------------------------------------------------------------------------------
# create, and a create whose outcome is unknown
# ---------------------------------------------------------------------------------------------------------

CREATED = {"widgetId": "w9", "name": "new", "description": None, "replicas": 1, "env": None, "buildArgs": None,
           "createEnvFile": True}


def test_create_then_updates_what_create_does_not_take():
    resource, client = widget({"name": "new", "replicas": 3}, current=None,
                              **{"widget.create": CREATED, "widget.update": True})
    result = resource.run()
    assert result["changed"] is True
    assert client.writes() == [("widget.create", {"name": "new"}), ("widget.update", {"widgetId": "w9", "replicas": 3})]
    assert result["widget"]["widgetId"] == "w9"
    assert result["diff"]["before"] == {}
    assert result["diff"]["after"]["replicas"] == 3


def test_create_with_lost_answer_finds_it_and_does_not_duplicate():
    lost = DokployConnectionError("connection aborted", procedure="widget.create", outcome_unknown=True)
    resource, client = widget({"name": "new"}, current=None, **{"widget.create": Seq([lost])})
    client.answers["widget.find"] = Seq([None, CREATED])
    result = resource.run()
    assert result["changed"] is True
    assert [p for p, body in client.writes()] == ["widget.create"]  # exactly one create
    assert [c[1] for c in client.calls] == ["widget.find", "widget.create", "widget.find"]
    assert result["widget"]["widgetId"] == "w9"


def test_create_with_lost_answer_not_found_fails_without_sending_it_again():
    """Changed on purpose: a create whose answer was lost is never re-sent (the old engine sent it again when one
    lookup did not find it, which duplicates the object when Dokploy was merely slow)."""
    lost = DokployConnectionError("connection aborted", procedure="widget.create", outcome_unknown=True)
    resource, client = widget({"name": "new"}, current=None, **{"widget.create": Seq([lost])})
    client.answers["widget.find"] = None
    with pytest.raises(DokployOutcomeUnknown) as info:
        resource.run()
    assert [p for p, body in client.writes()] == ["widget.create"]
    assert [c[1] for c in client.calls] == ["widget.find", "widget.create", "widget.find"]  # settle_timeout 0: one look
    text = str(info.value)
    assert "connection aborted" in text and "unknown" in text and "not sent again" in text and "run the play again" in text
    assert info.value.result == {"changed": False, "widget": {}}


LOST = DokployConnectionError("connection aborted", procedure="widget.create", outcome_unknown=True)


def settling_widget(looks, settle_timeout):
    """A widget whose create answer is lost; ``widget.find`` answers None (before), then ``looks``."""
    client = FakeClient({"widget.find": Seq([None] + list(looks)), "widget.create": Seq([LOST])})
    ctx = fake_context(client, diff=True, settle_timeout=settle_timeout)
    return Widget(ctx, {"desired": {"name": "new"}, "state": "present"}), client, ctx


def test_settle_finds_the_object_after_several_looks_and_sends_one_create():
    resource, client, ctx = settling_widget([None, None, None, CREATED], settle_timeout=10)
    result = resource.run()
    assert result["changed"] is True and result["widget"]["widgetId"] == "w9"
    assert [p for p, body in client.writes()] == ["widget.create"]
    assert [c[1] for c in client.calls] == ["widget.find", "widget.create"] + ["widget.find"] * 4
    assert ctx.clock.sleeps == [0.5, 0.75, 1.125]  # growing intervals between the looks
    assert len(ctx.warnings) == 1 and "connection aborted" in ctx.warnings[0] and "found and is used" in ctx.warnings[0]


def test_settle_never_finding_it_fails_after_the_settle_time_with_one_create():
    resource, client, ctx = settling_widget([None] * 50, settle_timeout=6)
    with pytest.raises(DokployOutcomeUnknown) as info:
        resource.run()
    assert [p for p, body in client.writes()] == ["widget.create"]
    assert sum(ctx.clock.sleeps) == pytest.approx(6)  # looked for the whole settle time, no longer
    assert max(ctx.clock.sleeps) <= 3.0
    looks = [c[1] for c in client.calls[2:]]
    assert looks == ["widget.find"] * (len(ctx.clock.sleeps) + 1)
    assert "run the play again, which converges" in str(info.value)


def test_settle_drops_the_lookup_cache_before_every_look():
    client = FakeClient({"project.all": Seq([[], [], [_project("p1", "shop")]]), "project.create": Seq([LOST])})
    ctx = fake_context(client, settle_timeout=5)
    result = Project(ctx, resource_params(Project, {"name": "shop"})).run()
    assert result["project"]["projectId"] == "p1"
    assert [c[1] for c in client.calls] == ["project.all", "project.create", "project.all", "project.all"]


def test_update_with_unknown_outcome_is_not_sent_again():
    lost = DokployConnectionError("Dokploy is unavailable", status=503, procedure="widget.update",
                                  outcome_unknown=True)
    resource, client = widget({"replicas": 5}, **{"widget.update": Seq([lost])})
    with pytest.raises(DokployOutcomeUnknown) as info:
        resource.run()
    assert [p for p, body in client.writes()] == ["widget.update"]
    assert "applied the update of widget" in str(info.value) and "run the play again" in str(info.value)
    assert info.value.status == 503 and info.value.procedure == "widget.update"


def test_update_with_unknown_outcome_after_a_first_write_reports_the_partial_result():
    lost = DokployConnectionError("connection aborted", procedure="widget.saveEnvironment", outcome_unknown=True)
    resource, client = widget({"replicas": 5, "env": "A=2"}, **{"widget.update": True, "widget.saveEnvironment": Seq([lost])})
    with pytest.raises(DokployOutcomeUnknown) as info:
        resource.run()
    assert [p for p, body in client.writes()] == ["widget.update", "widget.saveEnvironment"]
    assert info.value.result["changed"] is True and info.value.result["widget"]["replicas"] == 5


@pytest.mark.parametrize("still_there, raised", [(False, None), (True, DokployOutcomeUnknown)])
def test_delete_with_unknown_outcome_looks_again(still_there, raised):
    lost = DokployConnectionError("connection aborted", procedure="widget.remove", outcome_unknown=True)
    resource, client = widget({}, state="absent", **{"widget.remove": Seq([lost])})
    client.answers["widget.find"] = Seq([CURRENT, CURRENT if still_there else None])
    if raised:
        with pytest.raises(raised) as info:
            resource.run()
        assert "deleted widget" in str(info.value)
    else:
        assert resource.run()["changed"] is True
    assert [p for p, body in client.writes()] == ["widget.remove"]


def test_create_diff_shows_only_the_id_the_name_and_what_the_user_set():
    created = dict(CREATED, description="from the server", createdAt="t", appName="x-1", env="SERVER=1")
    resource, client = widget({"name": "new", "replicas": 1}, current=None, **{"widget.create": created})
    result = resource.run()
    assert result["diff"] == {"before": {}, "after": {"widgetId": "w9", "name": "new", "replicas": 1}}
    assert client.writes() == [("widget.create", {"name": "new"})]  # replicas 1 is already what it has


def test_delete_diff_shows_only_the_id_and_the_name():
    resource, client = widget({}, state="absent", **{"widget.remove": True})
    assert resource.run()["diff"] == {"before": {"widgetId": "w1", "name": "web"}, "after": {}}


def test_create_with_lost_answer_looks_up_again_fresh():
    """The lookup after a lost create must not answer from the cache of the first lookup."""
    lost = DokployConnectionError("connection aborted", procedure="project.create", outcome_unknown=True)
    client = FakeClient({
        "project.all": Seq([[], [{"projectId": "p1", "name": "shop", "description": None, "environments": []}]]),
        "project.create": Seq([lost]),
    })
    result = project(client, name="shop").run()
    assert [p for p, body in client.writes()] == ["project.create"]
    assert result["project"]["projectId"] == "p1"
    assert [c[1] for c in client.calls] == ["project.all", "project.create", "project.all"]


def test_create_with_a_known_failure_is_not_retried():
    rejected = DokployValidationError("Input validation failed", status=400, procedure="widget.create",
                                      field_errors=[{"field": "name", "message": "Too small"}])
    resource, client = widget({"name": "x"}, current=None, **{"widget.create": Seq([rejected])})
    with pytest.raises(DokployValidationError):
        resource.run()
    assert [p for p, body in client.writes()] == ["widget.create"]
    assert [c[1] for c in client.calls] == ["widget.find", "widget.create"]


def test_create_answering_true_finds_the_object():
    resource, client = widget({"name": "new"}, current=None, **{"widget.create": True})
    client.answers["widget.find"] = Seq([None, CREATED])
    result = resource.run()
    assert result["widget"]["widgetId"] == "w9"


def test_create_answering_nothing_and_not_found_fails():
    resource, client = widget({"name": "new"}, current=None, **{"widget.create": None})
    client.answers["widget.find"] = Seq([None, None])
    with pytest.raises(DokployError) as info:
        resource.run()
    assert "cannot be found again" in str(info.value)


# ---------------------------------------------------------------------------------------------------------
# delete
# ---------------------------------------------------------------------------------------------------------

def test_delete_present():
    resource, client = widget({}, state="absent", **{"widget.remove": CURRENT})
    result = resource.run()
    assert result["changed"] is True
    assert client.writes() == [("widget.remove", {"widgetId": "w1"})]
    assert result["widget"]["env"] == MASK


def test_delete_absent_is_unchanged():
    resource, client = widget({}, current=None, state="absent")
    result = resource.run()
    assert result == {"changed": False, "widget": {}, "diff": {"before": {}, "after": {}}}
    assert client.writes() == []


def test_delete_raced_by_someone_else_is_unchanged():
    resource, client = widget({}, state="absent", **{"widget.remove": DokployNotFoundError("Widget not found", status=404)})
    assert resource.run()["changed"] is False


# ---------------------------------------------------------------------------------------------------------
# dokploy_project's resource
# ---------------------------------------------------------------------------------------------------------

def _project(pid, name, environments=None, description=None):
    return {"projectId": pid, "name": name, "description": description, "env": "", "createdAt": "t",
            "environments": environments if environments is not None else [
                {"environmentId": pid + "-prod", "name": "production", "isDefault": True, "applications": [],
                 "compose": [], "postgres": [], "mysql": [], "mariadb": [], "mongo": [], "redis": [], "libsql": []}]}


def project(client, check_mode=False, diff=False, **params):
    """dokploy_project's resource with ``params`` validated as the module validates them."""
    return Project(fake_context(client, check_mode=check_mode, diff=diff), resource_params(Project, params))


def test_project_create_returns_project_with_default_environment():
    answer = {"project": {"projectId": "p1", "name": "shop", "description": "d", "env": "X=1"},
              "environment": {"environmentId": "e1", "name": "production", "isDefault": True, "env": ""}}
    client = FakeClient({"project.all": [], "project.create": answer})
    result = project(client, diff=True, name="shop", description="d").run()
    assert client.writes() == [("project.create", {"name": "shop", "description": "d"})]
    assert result["project"]["environments"][0]["environmentId"] == "e1"
    assert result["project"]["env"] == MASK


def test_project_unchanged_reads_project_all_once():
    client = FakeClient({"project.all": [_project("p1", "shop", description="d")]})
    result = project(client, name="shop", description="d").run()
    assert result["changed"] is False
    assert client.calls == [("GET", "project.all", None)]


def test_project_rename_by_id():
    client = FakeClient({"project.all": [_project("p1", "shop")], "project.update": {"projectId": "p1", "name": "webshop"}})
    result = project(client, diff=True, name="webshop", project_id="p1").run()
    assert client.writes() == [("project.update", {"projectId": "p1", "name": "webshop"})]
    assert result["diff"] == {"before": {"name": "shop"}, "after": {"name": "webshop"}}
    assert result["project"]["environments"]  # kept from the current object


def test_project_ambiguous_name_lists_ids():
    client = FakeClient({"project.all": [_project("p1", "shop"), _project("p2", "shop"), _project("p3", "other")]})
    with pytest.raises(DokployLookupError) as info:
        project(client, name="shop", description="x").run()
    text = str(info.value)
    assert "p1" in text and "p2" in text and "p3" not in text
    assert "project_id" in text
    assert client.writes() == []


def test_project_unknown_id_fails_when_present_and_is_unchanged_when_absent():
    client = FakeClient({"project.all": [_project("p1", "shop")]})
    with pytest.raises(DokployLookupError) as info:
        project(client, project_id="nope", name="x").run()
    assert "nope" in str(info.value)
    result = project(client, project_id="nope", state="absent").run()
    assert result["changed"] is False
    assert client.writes() == []


def _project_with_services():
    return _project("p1", "shop", environments=[
        {"environmentId": "e1", "name": "production", "isDefault": True,
         "applications": [{"applicationId": "a1", "name": "web", "applicationStatus": "idle"}],
         "compose": [], "postgres": [{"postgresId": "pg1"}], "mysql": [], "mariadb": [], "mongo": [], "redis": [], "libsql": []},
        {"environmentId": "e2", "name": "staging", "isDefault": False, "applications": [],
         "compose": [{"composeId": "c1", "name": "stack", "composeStatus": "idle"}],
         "postgres": [], "mysql": [], "mariadb": [], "mongo": [], "redis": [], "libsql": []},
    ])


PROJECT_ONE = {"projectId": "p1", "environments": [
    {"environmentId": "e1", "name": "production", "applications": [{"applicationId": "a1", "name": "web"}],
     "postgres": [{"postgresId": "pg1", "name": "db"}]},
    {"environmentId": "e2", "name": "staging", "compose": [{"composeId": "c1", "name": "stack"}]},
]}


@pytest.mark.parametrize("check_mode", [False, True])
def test_project_with_services_refuses_absent_without_force(check_mode):
    client = FakeClient({"project.all": [_project_with_services()], "project.one": PROJECT_ONE})
    with pytest.raises(DokployError) as info:
        project(client, check_mode=check_mode, name="shop", state="absent").run()
    text = str(info.value)
    assert "3 service(s)" in text
    assert "application 'web' in production" in text
    assert "postgres 'db' in production" in text
    assert "compose 'stack' in staging" in text
    assert "force" in text
    assert client.writes() == []


def test_project_force_deletes_services_then_environments_then_project():
    client = FakeClient({"project.all": [_project_with_services()], "application.delete": True, "postgres.remove": {},
                         "compose.delete": {}, "environment.remove": {}, "project.remove": {}})
    result = project(client, name="shop", state="absent", force=True).run()
    assert result["changed"] is True
    writes = client.writes()
    assert sorted(writes[:3]) == sorted([
        ("application.delete", {"applicationId": "a1"}),
        ("postgres.remove", {"postgresId": "pg1"}),
        ("compose.delete", {"composeId": "c1", "deleteVolumes": False}),
    ])
    assert writes[3:] == [("environment.remove", {"environmentId": "e2"}), ("project.remove", {"projectId": "p1"})]


def test_project_force_with_a_lost_answer_on_a_service_delete_stops_before_the_project():
    lost = DokployConnectionError("connection aborted", procedure="application.delete", outcome_unknown=True)
    client = FakeClient({"project.all": [_project_with_services()], "application.delete": lost, "postgres.remove": {},
                         "compose.delete": {}})
    with pytest.raises(DokployOutcomeUnknown) as info:
        project(client, name="shop", state="absent", force=True).run()
    assert "whether Dokploy deleted what project 'shop' holds is unknown" in str(info.value)
    assert "run the play again" in str(info.value) and str(info.value).startswith("application.delete: ")
    assert "project.remove" not in [p for p, body in client.writes()]


def test_project_force_in_check_mode_sends_nothing():
    client = FakeClient({"project.all": [_project_with_services()]})
    result = project(client, check_mode=True, name="shop", state="absent", force=True).run()
    assert result["changed"] is True
    assert client.writes() == []


# ---------------------------------------------------------------------------------------------------------
# dokploy_environment's resource
# ---------------------------------------------------------------------------------------------------------

def environment(client, check_mode=False, diff=False, **params):
    """dokploy_environment's resource (of project ``shop`` unless told) with ``params`` validated as the module does."""
    params.setdefault("project", "shop")
    return Environment(fake_context(client, check_mode=check_mode, diff=diff), resource_params(Environment, params))


def test_environment_default_cannot_be_renamed():
    client = FakeClient({"project.all": [_project("p1", "shop")]})
    with pytest.raises(DokployError) as info:
        environment(client, environment_id="p1-prod", name="live").run()
    assert "cannot be renamed" in str(info.value)
    assert client.writes() == []


@pytest.mark.parametrize("check_mode", [False, True])
def test_environment_default_cannot_be_deleted(check_mode):
    client = FakeClient({"project.all": [_project("p1", "shop")]})
    with pytest.raises(DokployError) as info:
        environment(client, check_mode=check_mode, name="production", state="absent").run()
    assert "cannot be deleted" in str(info.value)
    assert client.writes() == []


def test_environment_default_description_only_update():
    client = FakeClient({"project.all": [_project("p1", "shop")],
                         "environment.one": {"environmentId": "p1-prod", "name": "production", "description": "old",
                                             "isDefault": True, "env": "S=1"},
                         "environment.update": {"environmentId": "p1-prod", "name": "production", "description": "Live"}})
    result = environment(client, diff=True, name="production", description="Live").run()
    assert client.writes() == [("environment.update", {"environmentId": "p1-prod", "description": "Live"})]
    assert result["diff"] == {"before": {"description": "old"}, "after": {"description": "Live"}}
    assert result["environment"]["env"] == MASK


def test_environment_create_sends_project_id():
    created = {"environmentId": "e9", "name": "staging", "description": "pre", "projectId": "p1", "isDefault": False, "env": ""}
    client = FakeClient({"project.all": [_project("p1", "shop")], "environment.create": created})
    result = environment(client, name="staging", description="pre").run()
    assert client.writes() == [("environment.create", {"name": "staging", "description": "pre", "projectId": "p1"})]
    assert result["environment"]["environmentId"] == "e9"


def test_environment_ambiguous_name_lists_ids():
    envs = _project("p1", "shop")["environments"] + [
        {"environmentId": "s1", "name": "staging", "isDefault": False}, {"environmentId": "s2", "name": "staging", "isDefault": False}]
    client = FakeClient({"project.all": [_project("p1", "shop", environments=envs)]})
    with pytest.raises(DokployLookupError) as info:
        environment(client, name="staging").run()
    assert "s1" in str(info.value) and "s2" in str(info.value) and "environment_id" in str(info.value)


def test_environment_with_services_refuses_delete():
    client = FakeClient({"project.all": [_project_with_services()], "project.one": PROJECT_ONE})
    with pytest.raises(DokployError) as info:
        environment(client, name="staging", state="absent").run()
    assert "compose 'stack'" in str(info.value)
    assert client.writes() == []


def test_environment_of_a_missing_project_is_absent():
    client = FakeClient({"project.all": [_project("p1", "shop")]})
    result = environment(client, project="gone", name="staging", state="absent").run()
    assert result["changed"] is False
    assert client.writes() == []
    with pytest.raises(DokployLookupError) as info:
        environment(client, project="gone", name="staging").run()
    assert "existing: shop" in str(info.value)


# ---------------------------------------------------------------------------------------------------------
# the change record and the hooks that depend on the object
# ---------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("desired, current, state, check_mode, action, fields", [
    ({"name": "web", "replicas": 2}, None, "present", False, "create", ("name", "replicas")),
    ({"name": "web", "replicas": 2}, None, "present", True, "create", ("name", "replicas")),
    ({"name": "web", "replicas": 3}, "CURRENT", "present", False, "update", ("replicas",)),
    ({"name": "web", "replicas": 1}, "CURRENT", "present", False, None, ()),
    ({}, "CURRENT", "absent", False, "delete", ()),
    ({}, None, "absent", False, None, ()),
])
def test_converging_records_one_change(desired, current, state, check_mode, action, fields):
    """What was created, updated or deleted and which fields: the engine says it (Resource.change), whoever acts on
    it (a server's setup, the stack's actions) does not infer it from a diff."""
    resource, client = widget(desired, current=current, state=state, check_mode=check_mode, diff=False,
                              **{"widget.create": dict(CURRENT, replicas=1), "widget.update": None, "widget.remove": None})
    resource.run()
    assert (resource.change.action, resource.change.fields) == (action, fields)


def test_the_endpoints_come_from_the_current_object_never_from_a_reassignment():
    class Versioned(Widget):
        def updates_for(self, current, created=False):
            return (Update("widget.save" if created else "widget.update", ["replicas"]),)

    client = FakeClient({"widget.find": None, "widget.create": {"widgetId": "w1", "name": "web"}, "widget.save": None})
    resource = Versioned(fake_context(client), {"desired": {"name": "web", "replicas": 2}, "state": "present"})
    resource.run()
    assert [call[0] for call in client.writes()] == ["widget.create", "widget.save"]
    assert "updates" not in vars(resource)


def test_a_read_only_context_runs_the_same_in_check_mode():
    from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._context import Context
    assert Context(FakeClient(), check_mode=True, read_only=True).check_mode is False
    assert Context(FakeClient(), check_mode=True).check_mode is True
