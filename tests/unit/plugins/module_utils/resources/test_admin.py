# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The administration resources (issue 21) against the simulator: API keys, members, organisations, the server's
settings, AI and vault providers; and the simulator's identity layer (several keys, roles)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# pylint reads run(..., **dict(params, option=...)) (one option overridden) as the option given twice
# pylint: disable=repeated-keyword

import os

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployClient, DokployError
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._context import Context
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._ai_provider import AiProvider, AiProviderInfo
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._api_key import ApiKey, key_hash
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._organization import Organization, OrganizationInfo
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._settings import Settings, SettingsInfo
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._user import User, UserInfo
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._vault_provider import VaultProvider, VaultProviderInfo
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._params import resource_params
from simulator import Simulator
from simulator.identity import hash_key

KEY = "admin-suite-key-" + "a" * 24


@pytest.fixture
def sim():
    with Simulator(api_key=KEY) as simulator:
        yield simulator


def run(sim, resource_class, key=KEY, check_mode=False, diff=True, **params):
    ctx = Context(DokployClient(sim.url, key), check_mode=check_mode, diff=diff)
    return resource_class(ctx, resource_params(resource_class, params)).run()


def writes(sim):
    return [r["path"] for r in sim.requests() if r["method"] == "POST"]


def test_hash_is_better_auths():
    assert key_hash("abc") == hash_key("abc") == "ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0"


# ---- dokploy_api_key ------------------------------------------------------------------------------------------
def test_api_key_lifecycle(sim):
    check = run(sim, ApiKey, name="ci", expires_in=86400 * 30, check_mode=True)
    assert check["changed"] and check["api_key"]["id"] is None and writes(sim) == []
    created = run(sim, ApiKey, name="ci", expires_in=86400 * 30)
    assert created["changed"] and len(created["key"]) == 64 and created["api_key"]["rateLimitEnabled"] is False
    body = [r for r in sim.requests() if r["path"] == "/api/user.createApiKey"][0]["body"]
    assert body["rateLimitEnabled"] is False and body["metadata"]["organizationId"] == sim.state["_meta"]["organizationId"]
    # the new key works, as its own user
    client = DokployClient(sim.url, created["key"])
    assert client.get("user.get")["userId"] == sim.state["_meta"]["userId"]
    sim.clear_requests()
    again = run(sim, ApiKey, name="ci", expires_in=86400 * 30)
    assert not again["changed"] and "key" not in again and writes(sim) == []
    # a setting that differs needs rotate
    with pytest.raises(DokployError) as refused:
        run(sim, ApiKey, name="ci", expires_in=86400 * 60)
    assert "rotate: true" in str(refused.value) and "Dokploy cannot change a key" in str(refused.value)
    # key_file is the action plugin's, on the controller (tests/unit/plugins/action/test_secret_file.py)
    rotated = run(sim, ApiKey, name="ci", expires_in=86400 * 60, rotate=True)
    assert rotated["changed"] and rotated["api_key"]["id"] != created["api_key"]["id"] and len(rotated["key"]) == 64
    assert rotated["diff"]["before"]["expiresIn"] == 86400 * 30 and rotated["diff"]["after"]["expiresIn"] == 86400 * 60
    with pytest.raises(DokployError):   # the old key is gone
        DokployClient(sim.url, created["key"]).get("user.get")
    gone = run(sim, ApiKey, name="ci", state="absent")
    assert gone["changed"] and gone["api_key"]["name"] == "ci"
    assert not run(sim, ApiKey, name="ci", state="absent")["changed"]


def test_api_key_never_deletes_its_own_key(sim):
    with pytest.raises(DokployError) as refused:
        run(sim, ApiKey, name="simulator", state="absent")
    assert "the key this task runs with" in str(refused.value) and writes(sim) == []
    other = run(sim, ApiKey, name="other")["key"]
    # with another key, the simulator's key can go
    assert run(sim, ApiKey, key=other, name="simulator", state="absent")["changed"]
    with pytest.raises(DokployError):
        DokployClient(sim.url, KEY).get("user.get")


def test_api_key_bad_input_before_any_request():
    for params, expect in (({"name": "x" * 33}, "at most 32"), ({"name": "k", "expires_in": 60}, "86400"),
                           ({"name": "k", "rate_limit_max": 5}, "needs rate_limit_enabled"),
                           ({"name": "k", "refill_interval": 5}, "needs refill_amount")):
        with pytest.raises(DokployError) as caught:
            resource_params(ApiKey, params)
        assert expect in str(caught.value)


# ---- dokploy_user ---------------------------------------------------------------------------------------------
def seed_project(sim):
    client = DokployClient(sim.url, KEY)
    shop = client.post("project.create", {"name": "shop"})
    env_id = shop["environment"]["environmentId"]
    client.post("application.create", {"name": "web", "environmentId": env_id})
    sim.clear_requests()
    return shop["project"]["projectId"], env_id


def test_user_lifecycle(sim):
    project_id, env_id = seed_project(sim)
    params = dict(email="Dev@Example.com", password="s3cret-pass", role="member", can_create_services=True,
                  projects=["shop"], environments=["shop/production"], services=["shop/production/web"])
    check = run(sim, User, check_mode=True, **params)
    assert check["changed"] and writes(sim) == []
    created = run(sim, User, **params)
    assert created["changed"] and created["user"]["email"] == "dev@example.com"
    assert created["user"]["permissions"]["services"] == ["shop/production/web"]
    assert created["user"]["accessedProjects"] == [project_id] and created["user"]["canCreateServices"] is True
    assert writes(sim) == ["/api/user.createUserWithCredentials", "/api/user.assignPermissions"]
    assert "s3cret-pass" not in str(created)
    sim.clear_requests()
    again = run(sim, User, **dict(params, projects=["shop", project_id]))
    assert not again["changed"] and writes(sim) == []
    updated = run(sim, User, email="dev@example.com", role="admin", projects=[], can_create_services=False)
    assert updated["changed"] and updated["diff"]["before"] == {"role": "member", "projects": ["shop"],
                                                                "canCreateServices": True}
    assert writes(sim) == ["/api/organization.updateMemberRole", "/api/user.assignPermissions"]
    # what only an enterprise licence stores is refused in Dokploy's words
    with pytest.raises(DokployError) as licence:
        run(sim, User, email="dev@example.com", servers=["nope"], check_mode=True)
    assert "nothing is named" in str(licence.value) or "Valid enterprise license required" in str(licence.value)
    info = run(sim, UserInfo, email="DEV@example.com")
    assert [u["role"] for u in info["users"]] == ["admin"]
    gone = run(sim, User, email="dev@example.com", state="absent")
    assert gone["changed"] and not run(sim, User, email="dev@example.com", state="absent")["changed"]


def test_user_custom_role_needs_the_licence(sim):
    """An enterprise custom role fails in the words of Dokploy's licence check, before any write."""
    with pytest.raises(DokployError) as caught:
        run(sim, User, email="dev@example.com", password="password12", role="developer")
    assert "Valid enterprise license required" in str(caught.value) and "custom role 'developer'" in str(caught.value)
    assert writes(sim) == []


def test_user_owner_is_never_demoted_or_removed(sim):
    for params in ({"role": "member"}, {"state": "absent"}):
        with pytest.raises(DokployError) as refused:
            run(sim, User, email="admin@example.com", **params)
        assert "owner" in str(refused.value)
    assert writes(sim) == []


def test_user_with_a_web_server_backup_is_refused_clearly(sim):
    """Dokploy's user.remove fails on backup.userId (no onDelete): the error names the web-server backup to remove."""
    client = DokployClient(sim.url, KEY)
    run(sim, User, email="ops@example.com", password="password-1234", role="admin")
    user_id = [u for u in client.get("user.all") if u["user"]["email"] == "ops@example.com"][0]["userId"]
    destination = client.post("destination.create", {
        "name": "s3", "provider": "aws", "accessKey": "a", "bucket": "b", "region": "r", "endpoint": "https://s3.test",
        "secretAccessKey": "s", "additionalFlags": []})["destinationId"]
    client.post("backup.create", {"schedule": "0 0 * * *", "prefix": "web", "destinationId": destination,
                                  "database": "dokploy", "databaseType": "web-server", "backupType": "database",
                                  "userId": user_id, "enabled": True})
    with pytest.raises(DokployError) as refused:
        run(sim, User, email="ops@example.com", state="absent")
    text = str(refused.value)
    assert "ops@example.com" in text and "web-server backup" in text and "web_server: true" in text
    assert "state: absent" in text and "params:" not in text.replace("params: (hidden)", "")


def test_user_invited_and_member_key_refused(sim):
    invited = run(sim, User, email="new@example.com", role="admin")
    assert invited["changed"] and invited["invitation"]["status"] == "pending" and invited["user"] == {}
    assert not run(sim, User, email="new@example.com", role="admin")["changed"]
    assert run(sim, User, email="new@example.com", state="absent")["changed"]
    run(sim, User, email="member@example.com", password="password1")
    member = DokployClient(sim.url, KEY).get("user.all")[-1]
    key = sim_key_for(sim, member["userId"])
    with pytest.raises(DokployError) as refused:
        run(sim, UserInfo, key=key)
    assert "dokploy_user_info needs the API key of an owner or admin" in str(refused.value)


def sim_key_for(sim, user_id):
    """A key of another user, made as Dokploy would (straight into the simulator's table)."""
    from simulator.identity import new_key_row
    row = new_key_row("memberKey%023d" % 0, "member", "member-key-" + "m" * 30, user_id,
                      sim.state["_meta"]["organizationId"], rate_limit_enabled=False)
    sim.state["apikey"][row["id"]] = row
    return "member-key-" + "m" * 30


# ---- dokploy_organization -------------------------------------------------------------------------------------
def test_organization_lifecycle(sim):
    assert run(sim, Organization, name="customers", check_mode=True)["changed"] and writes(sim) == []
    created = run(sim, Organization, name="customers", logo="https://example.com/l.png")
    assert created["changed"] and created["organization"]["role"] == "owner" and not created["organization"]["current"]
    sim.clear_requests()
    assert not run(sim, Organization, name="customers", logo="https://example.com/l.png")["changed"] and writes(sim) == []
    renamed = run(sim, Organization, name="clients", organization_id=created["organization"]["id"], default_role="member")
    assert renamed["diff"]["before"] == {"name": "customers", "defaultRole": None}
    body = [r for r in sim.requests() if r["path"] == "/api/organization.update"][0]["body"]
    assert body == {"organizationId": created["organization"]["id"], "name": "clients", "defaultRole": "member"}
    info = run(sim, OrganizationInfo)["organizations"]
    assert [(o["name"], o["current"]) for o in info] == [("My Organization", True), ("clients", False)]
    with pytest.raises(DokployError) as refused:
        run(sim, Organization, name="My Organization", state="absent")
    assert "the one the module's API key acts in" in str(refused.value)
    assert run(sim, Organization, name="clients", state="absent")["changed"]
    assert not run(sim, Organization, name="clients", state="absent")["changed"]


# ---- dokploy_settings -----------------------------------------------------------------------------------------
def test_settings(sim):
    params = dict(server_ip="203.0.113.7", host="Panel.example.com", https=True, certificate_type="letsencrypt",
                  letsencrypt_email="ops@example.com", docker_cleanup=False, cron_expression="0 3 * * *",
                  builds_concurrency=2, traefik_ports=[{"published_port": 5432, "target_port": 5432}],
                  traefik_dashboard=True, request_logging=True)
    check = run(sim, Settings, check_mode=True, **params)
    assert check["changed"] and writes(sim) == []
    applied = run(sim, Settings, **params)
    assert applied["changed"] and applied["settings"]["serverIp"] == "203.0.113.7"
    assert writes(sim) == ["/api/settings.updateServerIp", "/api/settings.assignDomainServer",
                           "/api/settings.updateDockerCleanup", "/api/settings.updateLogCleanup",
                           "/api/settings.updateBuildsConcurrency", "/api/settings.updateTraefikPorts",
                           "/api/settings.toggleRequests"]
    ports = [r for r in sim.requests() if r["path"] == "/api/settings.updateTraefikPorts"][0]["body"]["additionalPorts"]
    assert {"publishedPort": 8080, "targetPort": 8080, "protocol": "tcp"} in ports
    sim.clear_requests()
    params["host"] = "panel.example.com"
    again = run(sim, Settings, **params)
    assert not again["changed"] and writes(sim) == []
    assert len(sim.requests()) == 3   # getWebServerSettings, getTraefikPorts, haveActivateRequests
    off = run(sim, Settings, traefik_dashboard=False, cron_expression="")
    assert off["diff"] == {"before": {"logCleanupCron": "0 3 * * *", "traefikDashboard": True},
                           "after": {"logCleanupCron": "", "traefikDashboard": False}}
    acted = run(sim, Settings, actions=["reload_traefik", "clean_unused_images"])
    assert acted["changed"] and acted["actions"] == ["reload_traefik", "clean_unused_images"]
    info = run(sim, SettingsInfo)["settings"]
    assert info["traefikPorts"] == [{"publishedPort": 5432, "targetPort": 5432, "protocol": "tcp"}]
    assert info["traefikDashboard"] is False and info["requestLogging"] is True
    with pytest.raises(DokployError) as licence:
        run(sim, Settings, remote_servers_only=True)
    assert "Valid enterprise license required" in str(licence.value)


def test_settings_need_an_admin(sim):
    run(sim, User, email="member@example.com", password="password1")
    member = DokployClient(sim.url, KEY).get("user.all")[-1]
    key = sim_key_for(sim, member["userId"])
    for check_mode in (True, False):   # check mode too: the role is checked before a change is predicted
        with pytest.raises(DokployError) as refused:
            run(sim, Settings, key=key, server_ip="203.0.113.9", check_mode=check_mode)
        assert "dokploy_settings needs the API key of an owner or admin" in str(refused.value)
        assert "member@example.com is a member" in str(refused.value)
    with pytest.raises(DokployError) as refused:
        run(sim, Settings, key=key, traefik_dashboard=True)
    assert "dokploy_settings needs the API key of an owner or admin" in str(refused.value)
    # what Dokploy lets members change passes
    assert run(sim, Settings, key=key, cron_expression="0 4 * * *")["changed"]
    assert writes(sim)[-1] == "/api/settings.updateLogCleanup"
    # members read vault providers (lib/access-control.ts memberRole; seen on a real v0.30.2)
    assert run(sim, VaultProviderInfo, key=key)["vault_providers"] == []


def test_settings_bad_input():
    for params, expect in (({"server": "edge", "server_ip": "1.2.3.4"}, "belong to the Dokploy server itself"),
                           ({"cron_expression": "every day"}, "cron_expression"),
                           ({"builds_concurrency": 0}, "1 to 100"),
                           ({"traefik_ports": [{"published_port": 443, "target_port": 443}]}, "Traefik's own")):
        with pytest.raises(DokployError) as caught:
            resource_params(Settings, params)
        assert expect in str(caught.value)


# ---- dokploy_ai_provider --------------------------------------------------------------------------------------
def test_ai_provider(sim):
    params = dict(name="openai", url="https://api.openai.com/v1", provider_api_key="sk-secret-1234567890", model="gpt-4o")
    assert run(sim, AiProvider, check_mode=True, **params)["changed"] and writes(sim) == []
    created = run(sim, AiProvider, **params)
    assert created["changed"] and created["ai_provider"]["apiKey"] == "********" and created["ai_provider"]["isEnabled"]
    sim.clear_requests()
    assert not run(sim, AiProvider, **params)["changed"] and writes(sim) == []
    updated = run(sim, AiProvider, **dict(params, provider_api_key="sk-other-1234567890", enabled=False))
    assert updated["diff"] == {"before": {"apiKey": "********", "isEnabled": True},
                               "after": {"apiKey": "******** (changed)", "isEnabled": False}}
    body = [r for r in sim.requests() if r["path"] == "/api/ai.update"][0]["body"]
    assert sorted(body) == ["aiId", "apiKey", "apiUrl", "isEnabled", "model", "name"]
    assert not run(sim, AiProvider, name="openai", provider_api_key="sk-third-123456", update_provider_api_key="on_create")["changed"]
    assert run(sim, AiProviderInfo)["ai_providers"][0]["apiKey"] == "********"
    assert run(sim, AiProvider, name="openai", state="absent")["changed"]
    assert not run(sim, AiProvider, name="openai", state="absent")["changed"]


def test_no_module_option_shadows_a_connection_option():
    """An option named like a connection option (api_url, api_key, ...) would silently replace it: the module would
    then talk to that URL with that key (dokploy_ai_provider's provider URL and key were first named so)."""
    import importlib
    import re
    from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._module import dokploy_argument_spec
    modules_dir = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "..", "plugins", "modules")  # tests/unit/plugins/module_utils/resources
    connection = set(dokploy_argument_spec())
    checked = 0
    for name in sorted(os.listdir(modules_dir)):
        with open(os.path.join(modules_dir, name)) as handle:
            text = handle.read()
        found = re.search(r"from (ansible_collections\S+) import (\w+)\n+\ndef main", text)
        if not found:
            continue
        resource = getattr(importlib.import_module(found.group(1)), found.group(2))
        shadowed = connection & set(resource.argument_spec())
        assert not shadowed, "%s: %s" % (name, ", ".join(sorted(shadowed)))
        checked += 1
    assert checked > 30


# ---- dokploy_vault_provider -----------------------------------------------------------------------------------
def test_vault_provider(sim):
    seed_project(sim)
    params = dict(name="vault", type="hashicorp", config={"url": "https://vault.example.com", "mount": "kv"},
                  secret="hvs.secret-token-123", assignments=[{"project": "shop", "environments": ["production"]}])
    assert run(sim, VaultProvider, check_mode=True, **params)["changed"] and writes(sim) == []
    created = run(sim, VaultProvider, **params)
    provider = created["vault_provider"]
    assert created["changed"] and provider["config"]["token"] == "********"
    assert provider["assignments_by_name"] == [{"project": "shop", "environments": ["production"]}]
    assert "hvs.secret-token-123" not in str(created)
    sim.clear_requests()
    assert not run(sim, VaultProvider, **params)["changed"] and writes(sim) == []
    updated = run(sim, VaultProvider, **dict(params, config={"url": "https://vault2.example.com"}, assignments=[]))
    assert updated["changed"] and updated["diff"]["after"]["assignments"] == []
    body = [r for r in sim.requests() if r["path"] == "/api/vaultProvider.update"][0]["body"]
    assert body["config"]["token"] == "********" and body["config"]["url"] == "https://vault2.example.com"
    stored = list(sim.state["vaultProvider"].values())[0]["config"]
    assert stored["token"] == "hvs.secret-token-123" and stored["mount"] == "kv"
    info = run(sim, VaultProviderInfo)["vault_providers"]
    assert [p["name"] for p in info] == ["vault"]
    assert run(sim, VaultProvider, name="vault", state="absent")["changed"]
    assert not run(sim, VaultProvider, name="vault", state="absent")["changed"]


def test_vault_provider_secret_only_as_secret():
    with pytest.raises(DokployError) as caught:
        resource_params(VaultProvider, dict(name="vault", type="aws", config={"secretAccessKey": "x"}))
    assert "give it as secret" in str(caught.value)


def test_settings_without_traefik(sim):
    """A Dokploy without its Traefik answers 500 "Resource type not found" to the port reads [2128]: the info module
    returns the rest with a warning, dokploy_settings fails saying what is wrong."""
    body = {"message": "Resource type not found", "code": "INTERNAL_SERVER_ERROR",
            "data": {"code": "INTERNAL_SERVER_ERROR", "httpStatus": 500, "path": "settings.getTraefikPorts"}}
    sim.add_fault("settings.getTraefikPorts", times=0, status=500, body=body)
    ctx = Context(DokployClient(sim.url, KEY))
    info = SettingsInfo(ctx, resource_params(SettingsInfo, {})).run()["settings"]
    assert info["traefikPorts"] is None and "logCleanupCron" in info
    assert any("Traefik may not be running" in w for w in ctx.warnings)
    with pytest.raises(DokployError) as caught:
        run(sim, Settings, traefik_dashboard=True)
    assert "could not read Traefik's ports on the Dokploy host" in str(caught.value)
