# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What goes with a deleted row in the simulator (tests/simulator/cascade.py) is what Dokploy's foreign keys delete
(drizzle snapshot apps/dokploy/drizzle/meta/0185_snapshot.json of v0.30.2): a service takes its domains, mounts,
ports, redirects, security users, deployments (and their rollbacks), previews (their domains and deployments),
schedules, backups, volume backups (and their runs) and patches; an environment and a project their services."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployClient, DokployError
from simulator import Simulator

KEY = "cascade-key"
CHILD_TABLES = ("domain", "mount", "port", "redirect", "security", "deployment", "rollback", "previewDeployment",
                "schedule", "backup", "volumeBackup", "patch")


@pytest.fixture
def sim():
    with Simulator(api_key=KEY) as simulator:
        simulator.control("deploy", {"deploy_duration": 0.02, "deploy_pickup": 0.01}, "POST")
        yield simulator


@pytest.fixture
def client(sim):
    return DokployClient(sim.url, KEY)


def wait_until(predicate, timeout=5.0):
    end = time.time() + timeout
    while time.time() < end:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("condition not met within %s s" % timeout)


def destination(client):
    return client.post("destination.create", {
        "name": "s3", "provider": "aws", "accessKey": "a", "bucket": "b", "region": "r", "endpoint": "https://s3.test",
        "secretAccessKey": "s", "additionalFlags": []})["destinationId"]


def application(sim, client, environment_id, destination_id):
    """An application with one of every child, two deployments with their rollbacks and a preview."""
    app = client.post("application.create", {"name": "web", "environmentId": environment_id})
    app_id = app["applicationId"]
    registry = client.post("registry.create", {
        "registryName": "keep", "username": "robot", "password": "pw", "registryUrl": "127.0.0.1:5000",
        "registryType": "cloud", "imagePrefix": "keep"})["registryId"]
    client.post("application.update", {"applicationId": app_id, "rollbackActive": True, "rollbackRegistryId": registry,
                                       "isPreviewDeploymentsActive": True})
    client.post("application.saveDockerProvider", {"applicationId": app_id, "dockerImage": "nginx:1",
                                                   "username": None, "password": None, "registryUrl": None})
    for dummy in range(2):
        count = len(client.get("deployment.all", {"applicationId": app_id}))
        client.post("application.deploy", {"applicationId": app_id})
        wait_until(lambda: [d["status"] for d in client.get("deployment.all", {"applicationId": app_id})][:1] == ["done"]
                   and len(client.get("deployment.all", {"applicationId": app_id})) == count + 1)
    client.post("domain.create", {"host": "web.test", "applicationId": app_id, "port": 80})
    client.post("mounts.create", {"type": "volume", "volumeName": "web-data", "mountPath": "/data",
                                  "serviceType": "application", "serviceId": app_id})
    client.post("port.create", {"publishedPort": 8080, "publishMode": "ingress", "targetPort": 80, "protocol": "tcp",
                                "applicationId": app_id})
    client.post("redirects.create", {"regex": "^/a", "replacement": "/b", "permanent": True, "applicationId": app_id})
    client.post("security.create", {"applicationId": app_id, "username": "u", "password": "p"})
    client.post("patch.create", {"filePath": "a.txt", "content": "x", "applicationId": app_id})
    schedule = client.post("schedule.create", {"name": "cron", "cronExpression": "* * * * *", "command": "true",
                                               "applicationId": app_id, "scheduleType": "application"})
    client.post("schedule.runManually", {"scheduleId": schedule["scheduleId"]})
    volume_backup = client.post("volumeBackups.create", {
        "name": "vb", "volumeName": "web-data", "prefix": "vb", "cronExpression": "* * * * *",
        "destinationId": destination_id, "serviceType": "application", "applicationId": app_id})
    client.post("volumeBackups.runManually", {"volumeBackupId": volume_backup["volumeBackupId"]})   # a run
    sim.control("previews", {"applicationId": app_id, "deployments": ["done", "error"]}, "POST")
    return app


def rows_of(sim, service_ids):
    """The child rows of ``service_ids`` by table: those pointing at one, and those of its previews, deployments,
    schedules, backups and volume backups."""
    found = {}
    owners = set(service_ids)
    for dummy in range(3):   # children of children (preview -> domain, deployment -> rollback, ...)
        for name in CHILD_TABLES:
            for key, row in sim.state.get(name, {}).items():
                if owners.intersection(v for v in row.values() if isinstance(v, str)):
                    found.setdefault(name, set()).add(key)
        owners.update(k for keys in found.values() for k in keys)
    return found


def test_an_application_takes_every_child_along(sim, client):
    environment_id = client.post("project.create", {"name": "p"})["environment"]["environmentId"]
    app = application(sim, client, environment_id, destination(client))
    other = application(sim, client, environment_id, destination(client))
    before = rows_of(sim, [app["applicationId"]])
    assert set(before) == set(CHILD_TABLES) - {"backup"}   # a backup is a database's or a compose service's
    assert len(before["rollback"]) == 2 and len(before["domain"]) == 2   # its own and its preview's
    kept = rows_of(sim, [other["applicationId"]])
    client.post("application.delete", {"applicationId": app["applicationId"]})
    assert rows_of(sim, [app["applicationId"]]) == {}
    for name, keys in before.items():
        assert not keys.intersection(sim.state[name]), name
    assert rows_of(sim, [other["applicationId"]]) == kept


def test_a_compose_service_and_a_database_take_theirs(sim, client):
    environment_id = client.post("project.create", {"name": "p"})["environment"]["environmentId"]
    destination_id = destination(client)
    compose_id = client.post("compose.create", {"name": "stack", "environmentId": environment_id})["composeId"]
    postgres_id = client.post("postgres.create", {
        "name": "db", "environmentId": environment_id, "databaseName": "d", "databaseUser": "u",
        "databasePassword": "pw"})["postgresId"]
    client.post("backup.create", {"schedule": "* * * * *", "prefix": "b", "destinationId": destination_id,
                                  "database": "d", "databaseType": "postgres", "postgresId": postgres_id})
    backup_id = next(iter(sim.state["backup"]))
    client.post("backup.create", {"schedule": "* * * * *", "prefix": "b", "destinationId": destination_id,
                                  "database": "d", "databaseType": "postgres", "composeId": compose_id,
                                  "serviceName": "db", "backupType": "compose"})
    client.post("patch.create", {"filePath": "a.txt", "content": "x", "composeId": compose_id})
    client.post("domain.create", {"host": "c.test", "composeId": compose_id, "serviceName": "web", "port": 80})
    client.post("backup.manualBackupPostgres", {"backupId": backup_id})
    before = rows_of(sim, [compose_id, postgres_id])
    assert {"backup", "deployment", "patch", "domain", "mount"} <= set(before)
    client.post("compose.delete", {"composeId": compose_id, "deleteVolumes": False})
    client.post("postgres.remove", {"postgresId": postgres_id})
    for name, keys in before.items():
        assert not keys.intersection(sim.state[name]), name


def test_a_project_takes_its_environments_services_and_theirs(sim, client):
    project = client.post("project.create", {"name": "p"})
    environment_id = project["environment"]["environmentId"]
    app = application(sim, client, environment_id, destination(client))
    before = rows_of(sim, [app["applicationId"]])
    client.post("project.remove", {"projectId": project["project"]["projectId"]})
    for name in CHILD_TABLES:
        assert not sim.state.get(name), (name, before.get(name))
    assert not sim.state["environment"] and not sim.state["application"]


def test_a_volume_backup_takes_its_runs(sim, client):
    """deployment.volumeBackupId cascades: volumeBackups.delete and destination.remove leave no run behind."""
    environment_id = client.post("project.create", {"name": "p"})["environment"]["environmentId"]
    application(sim, client, environment_id, destination(client))
    runs = [d for d in sim.state["deployment"].values() if d.get("volumeBackupId")]
    assert len(runs) == 1
    client.post("volumeBackups.delete", {"volumeBackupId": runs[0]["volumeBackupId"]})
    assert not [d for d in sim.state["deployment"].values() if d.get("volumeBackupId")]
    other = application(sim, client, environment_id, destination(client))
    volume_backup = next(v for v in sim.state["volumeBackup"].values() if v["applicationId"] == other["applicationId"])
    client.post("destination.remove", {"destinationId": volume_backup["destinationId"]})
    assert not sim.state["volumeBackup"]
    assert not [d for d in sim.state["deployment"].values() if d.get("volumeBackupId")]


def test_a_preview_goes_with_its_domain(sim, client):
    """preview_deployments.domainId cascades: deleting a preview's domain deletes the preview and its runs."""
    environment_id = client.post("project.create", {"name": "p"})["environment"]["environmentId"]
    app = application(sim, client, environment_id, destination(client))
    preview = next(iter(sim.state["previewDeployment"].values()))
    client.post("domain.delete", {"domainId": preview["domainId"]})
    assert client.get("previewDeployment.all", {"applicationId": app["applicationId"]}) == []
    assert not [d for d in sim.state["deployment"].values() if d.get("previewDeploymentId")]


def test_an_ssh_key_is_cleared_from_compose_and_a_server_takes_its_schedules(sim, client):
    """compose.customGitSSHKeyId is `set null` like the application's; schedule.serverId cascades."""
    environment_id = client.post("project.create", {"name": "p"})["environment"]["environmentId"]
    client.post("sshKey.create", {"name": "k", "organizationId": "x", **client.post("sshKey.generate", {"type": "ed25519"})})
    key_id = next(iter(sim.state["sshKey"]))
    compose_id = client.post("compose.create", {"name": "stack", "environmentId": environment_id})["composeId"]
    client.post("compose.update", {"composeId": compose_id, "customGitSSHKeyId": key_id})
    assert sim.state["compose"][compose_id]["customGitSSHKeyId"] == key_id
    client.post("sshKey.remove", {"sshKeyId": key_id})
    assert sim.state["compose"][compose_id]["customGitSSHKeyId"] is None
    server = client.post("server.create", {"name": "s", "description": "", "ipAddress": "127.0.0.1", "port": 22,
                                           "username": "root", "sshKeyId": None, "serverType": "deploy"})
    server_id = server["serverId"] if isinstance(server, dict) else next(iter(sim.state["server"]))
    # a keyless server: Dokploy stores the schedule, then fails to write its script over SSH (routes/schedule.py)
    with pytest.raises(DokployError, match="No SSH key available for this server"):
        client.post("schedule.create", {"name": "cron", "cronExpression": "* * * * *", "command": "true",
                                        "serverId": server_id, "scheduleType": "server"})
    assert sim.state["schedule"]
    client.post("server.remove", {"serverId": server_id})
    assert not sim.state["schedule"]


def test_an_organization_takes_what_it_holds(sim, client):
    """Every organizationId key cascades: organization.delete deletes its projects (their services with them), its
    registries, servers, ... besides its members and invitations."""
    other = client.post("organization.create", {"name": "second"})["id"]
    project = client.post("project.create", {"name": "p"})
    app = client.post("application.create", {"name": "web", "environmentId": project["environment"]["environmentId"]})
    client.post("domain.create", {"host": "web.test", "applicationId": app["applicationId"], "port": 80})
    registry = client.post("registry.create", {"registryName": "r", "username": "u", "password": "p",
                                               "registryUrl": "127.0.0.1:5000", "registryType": "cloud", "imagePrefix": None})
    kept = client.post("project.create", {"name": "kept"})["project"]["projectId"]
    with sim.lock:   # as if made in the second organisation
        sim.state["project"][project["project"]["projectId"]]["organizationId"] = other
        sim.state["registry"][registry["registryId"]]["organizationId"] = other
    client.post("organization.delete", {"organizationId": other})
    assert list(sim.state["project"]) == [kept] and not sim.state["application"] and not sim.state["domain"]
    assert not sim.state["registry"] and len(sim.state["environment"]) == 1
    assert not [m for m in sim.state["member"].values() if m["organizationId"] == other]


def test_a_user_takes_their_git_providers(sim, client):
    """git_provider.userId cascades (v0.30.2's snapshot): user.remove deletes the providers the user made."""
    user = {"email": "dev@example.com", "password": "password-1234", "role": "member"}
    user_id = client.post("user.createUserWithCredentials", user)["userId"]
    client.post("gitea.create", {"name": "forge", "giteaUrl": "https://gitea.test", "clientId": "c",
                                 "clientSecret": "s", "redirectUri": "https://dokploy.test/cb"})
    assert len(sim.state["gitProvider"]) == 1
    provider_id = next(iter(sim.state["gitProvider"]))
    with sim.lock:   # as if the member had made it
        sim.state["gitProvider"][provider_id]["userId"] = user_id
    client.post("user.remove", {"userId": user_id})
    assert not sim.state["gitProvider"] and not sim.state["gitea"]
    assert not [m for m in sim.state["member"].values() if m["userId"] == user_id]


def test_a_user_with_a_web_server_backup_is_not_removed(sim, client):
    """backup.userId references user with no ON DELETE action (v0.30.2's and v0.25.11's snapshots): PostgreSQL refuses
    user.remove's delete, which Dokploy does not catch (services/admin.ts removeUserById): a 500 with drizzle's text,
    and nothing deleted."""
    user = {"email": "ops@example.com", "password": "password-1234", "role": "admin"}
    user_id = client.post("user.createUserWithCredentials", user)["userId"]
    client.post("backup.create", {
        "schedule": "0 0 * * *", "prefix": "web", "destinationId": destination(client), "database": "dokploy",
        "databaseType": "web-server", "backupType": "database", "userId": user_id, "enabled": True})
    with pytest.raises(DokployError) as info:
        client.post("user.remove", {"userId": user_id})
    assert info.value.status == 500 and info.value.code == "INTERNAL_SERVER_ERROR"
    assert info.value.message.startswith('Failed query: delete from "user" where "user"."id" = $1 returning "id", ')
    assert user_id in sim.state["user"] and len(sim.state["backup"]) == 1
    assert [m for m in sim.state["member"].values() if m["userId"] == user_id]
