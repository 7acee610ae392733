# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every option whose support depends on the Dokploy version, on the simulator answering as v0.25.11 (issue 19).

For each: a value v0.25.11 cannot honour is refused before any write, on a create and on an update, with a message
that names the option, the version it needs and the server's version; a value that asks for nothing there (empty,
or what v0.25.11 does anyway) is accepted. test_version_refusals.py holds the first cases; this file is the audit of
all of them (the list is in docs/dokploy-versions.md).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployClient, DokployUnsupportedError
from ansible_collections.dokploy.dokploy.plugins.module_utils.project._stack import Stack
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._application import Application
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._compose import Compose
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._database import Database
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._domain import Domain
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._git_provider import GitProvider
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._notification import Notification
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._project import Project
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._schedule import Schedule
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._server import Server
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._user import User
from ansible_collections.dokploy.dokploy.tests.unit.plugins.module_utils.test_version_refusals import KEY, run, writes
from simulator import Simulator

BITBUCKET = dict(type="bitbucket", name="bb", repository="shop", owner="team", branch="main")
HOOK = "https://hooks.example.invalid/T0/B0/secret-path"


@pytest.fixture(scope="module")
def server():
    with Simulator(api_key=KEY, version="0.25") as simulator:
        yield simulator


@pytest.fixture
def sim(server):
    server.reset()
    DokployClient(server.url, KEY).post("project.create", {"name": "shop"})
    server.clear_requests()
    return server


def refused(sim, resource_class, option, needed, **params):
    """``params`` fail naming ``option``, the version needed and v0.25.11, before any write."""
    sim.clear_requests()
    with pytest.raises(DokployUnsupportedError) as info:
        run(sim, resource_class, **params)
    message = info.value.message
    assert option in message and "needs Dokploy %s or newer" % needed in message and "runs v0.25.11" in message, message
    assert writes(sim) == []
    return message


def accepted(sim, resource_class, **params):
    """``params`` converge, and a second run changes nothing and writes nothing."""
    result = run(sim, resource_class, **params)
    sim.clear_requests()
    again = run(sim, resource_class, **params)
    assert not again["changed"], again.get("diff")
    assert writes(sim) == []
    return result


def application(sim, **extra):
    return run(sim, Application, project="shop", name="web", docker_image="nginx:alpine", **extra)


def bitbucket(sim):
    run(sim, GitProvider, name="bb", type="bitbucket", username="bot", app_password="app-pass-1", workspace="team")


# -- applications ------------------------------------------------------------------------------------------------

def test_create_env_file_true_is_what_v025_does(sim):
    """v0.25.11 writes the .env file on every build (builders/docker-file.ts): create_env_file true asks nothing."""
    accepted(sim, Application, project="shop", name="web", docker_image="nginx:alpine", create_env_file=True)


def test_create_env_file_false_is_refused_on_an_update(sim):
    application(sim)
    refused(sim, Application, "create_env_file", "v0.26.1", project="shop", name="web", docker_image="nginx:alpine",
            create_env_file=False)


@pytest.mark.parametrize("option, value, needed", [
    ("args", ["--debug"], "v0.26.0"),
    ("ulimits", [{"name": "nofile", "soft": 1024, "hard": 2048}], "v0.27.0"),
])
def test_application_options_are_refused_on_an_update(sim, option, value, needed):
    application(sim)
    refused(sim, Application, option, needed, project="shop", name="web", docker_image="nginx:alpine", **{option: value})


def test_application_ulimits_are_refused_before_the_create(sim):
    refused(sim, Application, "ulimits", "v0.27.0", project="shop", name="web", docker_image="nginx:alpine",
            ulimits=[{"name": "nofile", "soft": 1024, "hard": 2048}])
    assert sim.state.get("application", {}) == {}


@pytest.mark.parametrize("option, value", [("networks", ["mesh"]), ("detach_dokploy_network", True)])
def test_networks_are_refused_before_the_create(sim, option, value):
    """No network router, networkIds nor detachDokployNetwork before v0.29.14: refused before network.all is asked."""
    refused(sim, Application, option, "v0.29.14", project="shop", name="web", docker_image="nginx:alpine",
            **{option: value})
    assert sim.state.get("application", {}) == {}
    assert "network.all" not in [r["path"].split("/")[-1] for r in sim.requests()]


def test_no_networks_and_dokploy_network_attached_ask_nothing(sim):
    accepted(sim, Application, project="shop", name="web", docker_image="nginx:alpine", networks=[],
             detach_dokploy_network=False)


def test_empty_ulimits_and_args_ask_nothing(sim):
    accepted(sim, Application, project="shop", name="web", docker_image="nginx:alpine", args=[], ulimits=[])


def test_bitbucket_repository_slug_is_refused_before_the_create(sim):
    bitbucket(sim)
    refused(sim, Application, "bitbucket_repository_slug", "v0.26.7", project="shop", name="web",
            git_provider=dict(BITBUCKET, bitbucket_repository_slug="shop-repo"))
    assert sim.state.get("application", {}) == {}


def test_bitbucket_repository_slug_equal_to_the_repository_asks_nothing(sim):
    """Before v0.26.7 Dokploy clones bitbucketRepository itself (utils/providers/bitbucket.ts)."""
    bitbucket(sim)
    accepted(sim, Application, project="shop", name="web", git_provider=dict(BITBUCKET, bitbucket_repository_slug="shop"))


def test_compose_bitbucket_repository_slug_is_refused_before_the_create(sim):
    bitbucket(sim)
    refused(sim, Compose, "bitbucket_repository_slug", "v0.26.7", project="shop", name="stack",
            git_provider=dict(BITBUCKET, bitbucket_repository_slug="shop-repo"))
    assert sim.state.get("compose", {}) == {}


# -- databases -----------------------------------------------------------------------------------------------------

def test_database_libsql_is_refused_before_any_write(sim):
    refused(sim, Database, "libsql", "v0.29.0", project="shop", type="libsql", name="db", database_user="app",
            database_password="secret-pw-1")


def test_database_ulimits_are_refused_on_an_update(sim):
    params = dict(project="shop", type="postgres", name="db", database_name="app", database_user="app",
                  database_password="secret-pw-1")
    run(sim, Database, **params)
    refused(sim, Database, "ulimits", "v0.27.0", ulimits=[{"name": "nofile", "soft": 1, "hard": 2}], **params)


# -- servers, schedules, domains, notifications ---------------------------------------------------------------------

def test_server_type_build_is_refused_on_an_update(sim):
    run(sim, Server, name="worker", ip_address="203.0.113.8")
    refused(sim, Server, "server_type", "v0.26.0", name="worker", ip_address="203.0.113.8", server_type="build")


def test_schedule_description_is_refused_before_the_create(sim):
    application(sim)
    refused(sim, Schedule, "description", "v0.29.3", project="shop", application="web", name="nightly",
            cron_expression="0 3 * * *", command="true", description="clean up")
    assert sim.state.get("schedule", {}) == {}


def test_domain_enabled_false_is_refused_before_the_create(sim):
    application(sim)
    refused(sim, Domain, "enabled", "v0.30.0", project="shop", application="web", host="web.example.com",
            enabled=False)
    assert sim.state.get("domain", {}) == {}


def test_domain_enabled_true_asks_nothing(sim):
    application(sim)
    accepted(sim, Domain, project="shop", application="web", host="web.example.com", enabled=True)


@pytest.mark.parametrize("kind, options, needed", [
    ("teams", dict(webhook_url=HOOK), "v0.27.1"),
    ("mattermost", dict(webhook_url=HOOK), "v0.29.0"),
    ("custom", dict(webhook_url=HOOK), "v0.26.0"),
    ("pushover", dict(user_key="user-1", api_token="token-1"), "v0.26.7"),
    ("resend", dict(resend_api_key="re-1", from_address="a@example.com", to_addresses=["b@example.com"]), "v0.27.0"),
])
def test_notification_types_are_refused_before_the_create(sim, kind, options, needed):
    refused(sim, Notification, "type %s" % kind, needed, name="ops", type=kind, **options)


@pytest.mark.parametrize("event, needed", [("volume_backup", "v0.26.0"), ("dokploy_backup", "v0.29.0")])
def test_notification_events_are_refused_naming_the_event(sim, event, needed):
    refused(sim, Notification, "events %s" % event, needed, name="ops", type="slack", webhook_url=HOOK,
            events=["app_deploy", event])
    run(sim, Notification, name="ops", type="slack", webhook_url=HOOK, events=["app_deploy"])
    refused(sim, Notification, "events %s" % event, needed, name="ops", type="slack", webhook_url=HOOK,
            events=["app_deploy", event])


# -- projects and whole stacks --------------------------------------------------------------------------------------

def test_project_tags_are_refused_before_the_create(sim):
    refused(sim, Project, "tags", "v0.29.0", name="tagged", tags=["prod"])
    assert [p["name"] for p in DokployClient(sim.url, KEY).get("project.all")] == ["shop"]


def test_project_without_tags_asks_nothing(sim):
    accepted(sim, Project, name="tagged", tags=[])


def test_stack_refuses_before_creating_anything(sim):
    declaration = {"environments": {"production": {
        "databases": {"db": {"type": "postgres", "database_name": "app", "database_user": "app",
                             "database_password": "secret-pw-1"}},
        "applications": {"web": {"docker_image": "nginx:alpine", "args": ["--debug"]}}}}}
    message = refused(sim, Stack, "args", "v0.26.0", project="new-stack", **declaration)
    assert "environments.production.applications.web" in message
    assert [p["name"] for p in DokployClient(sim.url, KEY).get("project.all")] == ["shop"]


@pytest.mark.parametrize("service, option, needed", [
    ({"type": "libsql", "database_user": "app", "database_password": "secret-pw-1"}, "libsql", "v0.29.0"),
])
def test_stack_refuses_a_database_kind_before_creating_anything(sim, service, option, needed):
    refused(sim, Stack, option, needed, project="new-stack",
            environments={"production": {"databases": {"db": service}}})
    assert [p["name"] for p in DokployClient(sim.url, KEY).get("project.all")] == ["shop"]


def test_stack_refuses_a_child_option_before_creating_anything(sim):
    declaration = {"production": {"applications": {"web": {
        "docker_image": "nginx:alpine", "domains": [{"host": "web.example.com", "enabled": False}]}}}}
    refused(sim, Stack, "enabled", "v0.30.0", project="new-stack", environments=declaration)
    assert [p["name"] for p in DokployClient(sim.url, KEY).get("project.all")] == ["shop"]


def test_stack_refuses_every_unsupported_key_at_once(sim):
    declaration = {"production": {"applications": {"web": {
        "git_url": "https://git.example.invalid/shop.git", "git_branch": "main",
        "ulimits": [{"name": "nofile", "soft": 1, "hard": 2}],
        "patches": [{"path": "config/app.env", "content": "A=1"}],
        "schedules": [{"name": "nightly", "cron_expression": "0 3 * * *", "command": "true", "timezone": "UTC"}]}}}}
    message = refused(sim, Stack, "patch", "v0.28.0", project="new-stack", environments=declaration)
    for part in ("applications.web: ulimits needs Dokploy v0.27.0", "applications.web.patches[0]: dokploy_patch",
                 "applications.web.schedules[0]: timezone needs Dokploy v0.26.0"):
        assert part in message, message
    assert [p["name"] for p in DokployClient(sim.url, KEY).get("project.all")] == ["shop"]


def test_stack_with_what_v025_does_anyway_converges(sim):
    declaration = {"production": {"applications": {"web": {
        "docker_image": "nginx:alpine", "args": [], "create_env_file": True,
        "domains": [{"host": "web.example.com", "enabled": True}]}}}}
    accepted(sim, Stack, project="new-stack", environments=declaration)


# -- git providers ---------------------------------------------------------------------------------------------------

def test_git_provider_shared_false_is_what_v025_does(sim):
    """Before v0.29.0 a provider is its own user's only: shared false asks nothing."""
    accepted(sim, GitProvider, name="gl", type="gitlab", url="https://gitlab.example.invalid", client_id="app-id",
             client_secret="app-secret-1", shared=False)


def test_git_provider_internal_url_is_refused_on_an_update(sim):
    params = dict(name="gl", type="gitlab", url="https://gitlab.example.invalid", client_id="app-id",
                  client_secret="app-secret-1")
    run(sim, GitProvider, **params)
    refused(sim, GitProvider, "internal_url", "v0.27.0", internal_url="http://gitlab.internal", **params)


def test_server_docker_cleanup_converges_through_the_settings_on_v025(sim):
    """v0.25.11's server.create/update take no enableDockerCleanup (dropped unseen, every run a change): the cleanup
    goes through settings.updateDockerCleanup with the server's ID."""
    result = accepted(sim, Server, name="worker", ip_address="203.0.113.8", docker_cleanup=True)
    assert result["server"]["enableDockerCleanup"] is True
    server_id = result["server"]["serverId"]
    sim.clear_requests()
    run(sim, Server, name="worker", ip_address="203.0.113.8", docker_cleanup=False)
    assert writes(sim) == [("settings.updateDockerCleanup", {"serverId": server_id, "enableDockerCleanup": False})]


# -- refused in check mode too (plan runs only when writing) ----------------------------------------------------

def test_password_of_a_running_database_is_refused_in_check_mode_too(sim):
    params = dict(project="shop", type="postgres", name="db", database_name="app", database_user="app",
                  database_password="secret-pw-1")
    created = run(sim, Database, **params)["database"]
    with sim.lock:
        sim.state["postgres"][created["postgresId"]]["applicationStatus"] = "done"
    changed = dict(params)
    changed.update(database_password="other-pw-2", update_password="always")
    for check_mode in (True, False):
        sim.clear_requests()
        with pytest.raises(DokployUnsupportedError) as info:
            run(sim, Database, check_mode=check_mode, **changed)
        assert "needs Dokploy v0.29.0 or newer" in info.value.message and writes(sim) == []


def test_role_of_an_existing_member_is_refused_in_check_mode_too(sim):
    from simulator.identity import new_member, new_user
    with sim.lock:
        organization_id = list(sim.state["organization"])[0]
        new_member(sim.state, organization_id, new_user(sim.state, "member@example.com")["id"], "member")
    for check_mode in (True, False):
        sim.clear_requests()
        with pytest.raises(DokployUnsupportedError) as info:
            run(sim, User, check_mode=check_mode, email="member@example.com", role="admin")
        assert "role of an existing member needs Dokploy v0.26.0" in info.value.message and writes(sim) == []
