# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every option whose support depends on the Dokploy version, on the real v0.25.11 (issue 19).

A create (or a change) with each option v0.25.11 lacks is refused with a message naming the option, the version it
needs and v0.25.11, and leaves nothing behind: what the API lists before and after the refusals is the same. The
values v0.25.11 does anyway (server_type deploy, create_env_file true, shared false, enabled true, empty lists, a
Bitbucket slug equal to the repository) are accepted, and a second run changes nothing. One play per step, the
refusals as tasks with ignore_errors (tests/unit/plugins/module_utils/test_version_audit.py is the same list against
the simulator).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os

from conftest import OUTPUT_DIR, REGISTRY, play

IMAGE = "%s/dokploy-test/worker:v1" % REGISTRY
HOOK = "https://hooks.example.invalid/T0/B0/secret-path"
BITBUCKET = {"type": "bitbucket", "name": "bb", "repository": "shop", "owner": "team", "branch": "main"}
GITLAB = {"name": "gl", "type": "gitlab", "url": "https://gitlab.example.invalid", "client_id": "app-id",
          "client_secret": "app-secret-1"}
IN_SHOP = {"project": "refusals", "environment": "production"}
DATABASE = dict(IN_SHOP, type="postgres", name="db", database_name="app", database_user="app",
                database_password="secretpw1")
ULIMITS = [{"name": "nofile", "soft": 1024, "hard": 2048}]

# (task name, module, its options, the option the message names, the version it needs)
REFUSALS = [
    ("server_type build", "dokploy_server", {"name": "builder", "ip_address": "203.0.113.7", "server_type": "build"},
     "server_type", "v0.26.0"),
    ("application args", "dokploy_application", dict(IN_SHOP, name="r1", docker_image=IMAGE, args=["--debug"]),
     "args", "v0.26.0"),
    ("application ulimits", "dokploy_application", dict(IN_SHOP, name="r2", docker_image=IMAGE, ulimits=ULIMITS),
     "ulimits", "v0.27.0"),
    ("application create_env_file false", "dokploy_application",
     dict(IN_SHOP, name="r3", docker_image=IMAGE, create_env_file=False), "create_env_file", "v0.26.1"),
    ("application bitbucket slug", "dokploy_application",
     dict(IN_SHOP, name="r4", git_provider=dict(BITBUCKET, bitbucket_repository_slug="shop-repo")),
     "bitbucket_repository_slug", "v0.26.7"),
    ("compose bitbucket slug", "dokploy_compose",
     dict(IN_SHOP, name="r5", git_provider=dict(BITBUCKET, bitbucket_repository_slug="shop-repo")),
     "bitbucket_repository_slug", "v0.26.7"),
    ("application args on an update", "dokploy_application", dict(IN_SHOP, name="web", docker_image=IMAGE,
                                                                  args=["--debug"]), "args", "v0.26.0"),
    ("database args", "dokploy_database", dict(DATABASE, name="r6", args=["-c", "max_connections=50"]),
     "args", "v0.26.0"),
    ("database ulimits on an update", "dokploy_database", dict(DATABASE, ulimits=ULIMITS), "ulimits", "v0.27.0"),
    ("application networks", "dokploy_application", dict(IN_SHOP, name="r24", docker_image=IMAGE, networks=["mesh"]),
     "networks", "v0.29.14"),
    ("database detach_dokploy_network on an update", "dokploy_database", dict(DATABASE, detach_dokploy_network=True),
     "detach_dokploy_network", "v0.29.14"),
    ("database libsql", "dokploy_database", dict(IN_SHOP, type="libsql", name="r7", database_user="app",
                                                 database_password="secretpw1"), "libsql", "v0.29.0"),
    ("destination additional_flags", "dokploy_destination",
     {"name": "s3", "endpoint": "https://s3.example.invalid", "region": "eu-west-1", "bucket": "backups",
      "access_key": "AKIAEXAMPLE", "secret_key": "secret-key-1", "additional_flags": ["--s3-no-check-bucket"]},
     "additional_flags", "v0.29.0"),
    ("git provider shared", "dokploy_git_provider", dict(GITLAB, name="gl2", shared=True), "shared", "v0.29.0"),
    ("git provider internal_url", "dokploy_git_provider", dict(GITLAB, name="gl3", internal_url="http://gitlab.lan"),
     "internal_url", "v0.27.0"),
    ("git provider internal_url on an update", "dokploy_git_provider", dict(GITLAB, internal_url="http://gitlab.lan"),
     "internal_url", "v0.27.0"),
    ("schedule timezone", "dokploy_schedule", dict(IN_SHOP, application="web", name="r8", cron_expression="0 3 * * *",
                                                   command="true", timezone="Europe/Paris"), "timezone", "v0.26.0"),
    ("schedule description", "dokploy_schedule", dict(IN_SHOP, application="web", name="r9", cron_expression="0 3 * * *",
                                                      command="true", description="nightly"), "description", "v0.29.3"),
    ("domain enabled false", "dokploy_domain", dict(IN_SHOP, application="web", host="r10.example.com", enabled=False),
     "enabled", "v0.30.0"),
    ("notification teams", "dokploy_notification", {"name": "r11", "type": "teams", "webhook_url": HOOK},
     "type teams", "v0.27.1"),
    ("notification mattermost", "dokploy_notification", {"name": "r12", "type": "mattermost", "webhook_url": HOOK},
     "type mattermost", "v0.29.0"),
    ("notification custom", "dokploy_notification", {"name": "r13", "type": "custom", "webhook_url": HOOK},
     "type custom", "v0.26.0"),
    ("notification pushover", "dokploy_notification", {"name": "r14", "type": "pushover", "user_key": "user-1",
                                                       "api_token": "token-1"}, "type pushover", "v0.26.7"),
    ("notification resend", "dokploy_notification", {"name": "r15", "type": "resend", "resend_api_key": "re-1",
                                                     "from_address": "a@example.com", "to_addresses": ["b@example.com"]},
     "type resend", "v0.27.0"),
    ("notification volume_backup", "dokploy_notification", {"name": "r16", "type": "slack", "webhook_url": HOOK,
                                                            "events": ["app_deploy", "volume_backup"]},
     "events volume_backup", "v0.26.0"),
    ("notification dokploy_backup", "dokploy_notification", {"name": "r17", "type": "slack", "webhook_url": HOOK,
                                                             "events": ["app_deploy", "dokploy_backup"]},
     "events dokploy_backup", "v0.29.0"),
    ("project tags", "dokploy_project", {"name": "r18", "tags": ["prod"]}, "tags", "v0.29.0"),
    ("tag", "dokploy_tag", {"name": "prod", "color": "#ff0000"}, "dokploy_tag", "v0.29.0"),
    ("network", "dokploy_network", {"name": "i19-v025-net", "driver": "overlay"}, "dokploy_network", "v0.29.14"),
    ("patch", "dokploy_patch", dict(IN_SHOP, application="web", path="a.txt", content="x"), "dokploy_patch", "v0.28.0"),
    ("vault provider", "dokploy_vault_provider", {"name": "r19", "type": "doppler", "secret": "dp-token-1"},
     "dokploy_vault_provider", "v0.30.0"),
    ("user with a password", "dokploy_user", {"email": "r20@example.com", "password": "a-long-password-1"},
     "with a password", "v0.29.0"),
    ("user invitation", "dokploy_user", {"email": "r21@example.com"}, "invitation", "v0.28.7"),
    ("organization default_role", "dokploy_organization", {"name": "r22", "default_role": "admin"}, "default_role",
     "v0.30.0"),
    # the web server settings themselves v0.25.11 has, on the owner's user (test_v025_web_server_settings)
    ("settings builds_concurrency", "dokploy_settings", {"builds_concurrency": 2}, "builds_concurrency", "v0.29.9"),
    ("backup of a libsql database", "dokploy_backup", dict(IN_SHOP, database="r7", database_type="libsql",
                                                           destination="s3"), "libsql", "v0.29.0"),
    ("stack", "dokploy_stack", {"project": "r23", "environments": {"production": {
        "databases": {"db": {"type": "postgres", "database_name": "app", "database_user": "app",
                             "database_password": "secretpw1"}},
        "applications": {"web": {"docker_image": IMAGE, "args": ["--debug"], "ulimits": ULIMITS,
                                 "domains": [{"host": "r23.example.com", "enabled": False}],
                                 "schedules": [{"name": "n", "cron_expression": "0 3 * * *", "command": "true",
                                                "timezone": "UTC"}]}}}}},
     "environments.production.applications.web: args", "v0.26.0"),
    ("project remove_volumes", "dokploy_project", {"name": "refusals", "state": "absent", "force": True,
                                                   "remove_volumes": True}, "remove_volumes", "v0.30.0"),
]

# what v0.25.11 does anyway: accepted, and a second run changes nothing
ACCEPTED = [
    ("server_type deploy", "dokploy_server", {"name": "worker", "ip_address": "203.0.113.8", "server_type": "deploy"}),
    # v0.25.11's server.create/update drop enableDockerCleanup: the module sets it through settings.updateDockerCleanup
    ("docker_cleanup", "dokploy_server", {"name": "cleaner", "ip_address": "203.0.113.9", "docker_cleanup": True}),
    ("create_env_file true, empty args and ulimits", "dokploy_application",
     dict(IN_SHOP, name="a1", docker_image=IMAGE, create_env_file=True, args=[], ulimits=[])),
    ("no networks, dokploy-network kept", "dokploy_application",
     dict(IN_SHOP, name="a8", docker_image=IMAGE, networks=[], detach_dokploy_network=False)),
    ("bitbucket slug equal to the repository", "dokploy_application",
     dict(IN_SHOP, name="a2", git_provider=dict(BITBUCKET, bitbucket_repository_slug="shop"))),
    ("shared false", "dokploy_git_provider", dict(GITLAB, name="a3", shared=False)),
    ("domain enabled true", "dokploy_domain", dict(IN_SHOP, application="web", host="a4.example.com", enabled=True)),
    ("notification without the newer events", "dokploy_notification",
     {"name": "a5", "type": "slack", "webhook_url": HOOK, "events": ["app_deploy"]}),
    ("project without tags", "dokploy_project", {"name": "a6", "tags": []}),
    ("stack of what v0.25.11 does", "dokploy_stack", {"project": "a7", "environments": {"production": {
        "applications": {"web": {"docker_image": IMAGE, "args": [], "create_env_file": True,
                                 "domains": [{"host": "a7.example.com", "enabled": True}]}}}}}),
]

# what the refusals must leave as it was (one read each; v0.25.11 has all of them)
LISTS = ("project.all", "server.all", "gitProvider.getAll", "destination.all", "notification.all", "user.all",
         "organization.all", "registry.all")


def read(server, procedure):
    status, body = server.call("GET", procedure)
    assert status == 200, (procedure, status, body)
    return body


def snapshot(server):
    return dict((procedure, read(server, procedure)) for procedure in LISTS)


def test_v025_version_dependent_options(real_v025):
    server = real_v025
    setup = play(server, "v025_versions_setup", [
        {"name": "project", "dokploy.dokploy.dokploy_project": {"name": "refusals"}},
        {"name": "web", "dokploy.dokploy.dokploy_application": dict(IN_SHOP, name="web", docker_image=IMAGE)},
        {"name": "db", "dokploy.dokploy.dokploy_database": DATABASE},
        {"name": "bb", "dokploy.dokploy.dokploy_git_provider": {
            "name": "bb", "type": "bitbucket", "username": "bot", "app_password": "app-pass-1", "workspace": "team"}},
        {"name": "gl", "dokploy.dokploy.dokploy_git_provider": GITLAB},
    ])
    assert all(result["changed"] for result in setup.values()), setup
    before = snapshot(server)
    results = play(server, "v025_versions_refusals", [
        {"name": name, "dokploy.dokploy.%s" % module: options, "ignore_errors": True}
        for name, module, options, option, needed in REFUSALS])
    after = snapshot(server)
    for procedure in LISTS:
        assert after[procedure] == before[procedure], "%s changed: a refusal left something behind" % procedure
    wrong = {}
    for name, module, options, option, needed in REFUSALS:
        result = results[name]
        message = result.get("msg") or ""
        if not (result.get("failed") and option in message and "needs Dokploy %s or newer" % needed in message
                and "this server runs v0.25.11" in message and not result.get("changed")):
            wrong[name] = message or result
    assert not wrong, wrong

    tasks = [{"name": name, "dokploy.dokploy.%s" % module: options} for name, module, options in ACCEPTED]
    first = play(server, "v025_versions_accepted", tasks)
    assert all(first[name]["changed"] for name, module, options in ACCEPTED), first
    again = play(server, "v025_versions_accepted_again", tasks)
    assert [name for name, module, options in ACCEPTED if again[name]["changed"]] == []
    with open(os.path.join(OUTPUT_DIR, "v025_versions_lists.json"), "w") as f:
        json.dump(snapshot(server), f, indent=1, sort_keys=True)  # to compare with the simulator's (by hand)
    cleaner = [row for row in read(server, "server.all") if row["name"] == "cleaner"]
    assert cleaner and cleaner[0]["enableDockerCleanup"] is True, cleaner


# v0.25.11 keeps the web server settings on the owner's user row (resources/_settings.py); the values are what the
# real-server harness can take: it runs no Traefik, and Dokploy's files live in its own .docker folder. No
# letsencrypt_email: assignDomainServer writes the row, then puts the address into traefik.yml's letsencrypt resolver,
# which a development-mode Dokploy's traefik.yml lacks (setup/traefik-setup.ts writes it in production only), so it
# answers 500 "Invalid Let's Encrypt configuration structure." there (seen on this harness)
WEB_SERVER = {"server_ip": "203.0.113.25", "host": "h-settings25.example.invalid", "https": True,
              "certificate_type": "none", "docker_cleanup": True, "cron_expression": "0 4 * * *"}
# what the module's reset leaves them at: the v0.25.11 user columns' defaults (no daily Docker cleanup scheduled on the
# shared engine, the log cleanup at its default time)
WEB_SERVER_DEFAULTS = {"https": False, "docker_cleanup": False, "cron_expression": "0 0 * * *"}


def web_columns(user):
    """The owner's web server columns (the rest of user.get's row moves with every call: its API key's counters)."""
    return dict((k, user[k]) for k in ("serverIp", "host", "https", "certificateType", "letsEncryptEmail",
                                       "enableDockerCleanup", "logCleanupCron"))


def test_v025_web_server_settings(real_v025):
    """Set through user.update, settings.assignDomainServer, updateDockerCleanup and updateLogCleanup, read back with
    user.get; check mode writes nothing, a second run changes nothing."""
    server = real_v025
    before = web_columns(read(server, "user.get")["user"])
    try:
        check = play(server, "v025_web_server_check", [
            {"name": "web", "dokploy.dokploy.dokploy_settings": WEB_SERVER, "check_mode": True}])["web"]
        assert check["changed"] and check["settings"]["serverIp"] == "203.0.113.25", check
        assert web_columns(read(server, "user.get")["user"]) == before, "check mode wrote"
        first = play(server, "v025_web_server", [{"name": "web", "dokploy.dokploy.dokploy_settings": WEB_SERVER}])
        assert first["web"]["changed"] and first["web"]["diff"]["after"]["serverIp"] == "203.0.113.25", first
        again = play(server, "v025_web_server_again", [
            {"name": "web", "dokploy.dokploy.dokploy_settings": WEB_SERVER},
            {"name": "info", "dokploy.dokploy.dokploy_settings_info": {}}])
        assert not again["web"]["changed"], again["web"]
        owner = web_columns(read(server, "user.get")["user"])
        assert owner == {
            "serverIp": "203.0.113.25", "host": "h-settings25.example.invalid", "https": True, "certificateType": "none",
            "letsEncryptEmail": None, "enableDockerCleanup": True, "logCleanupCron": "0 4 * * *"}, owner
        info = again["info"]["settings"]
        assert info["serverIp"] == "203.0.113.25" and info["logCleanupCron"] == "0 4 * * *", info
    finally:
        restored = play(server, "v025_web_server_restore", [
            {"name": "defaults", "dokploy.dokploy.dokploy_settings": WEB_SERVER_DEFAULTS}])
        assert not restored["defaults"].get("failed"), restored
