# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of the simulator's routers for what hangs off a service: mounts, port, redirects, security,
destination, backup, volumeBackups, schedule, and the libsql database (the non-obvious behaviours only; the
recorded shapes are checked by tests/conformance)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployClient, DokployError
from simulator import Simulator

KEY = "resources-key"
DESTINATION = {"name": "s3", "provider": "AWS", "accessKey": "AKIA0TEST", "secretAccessKey": "s3cret-key",
               "bucket": "b", "region": "us-east-1", "endpoint": "https://s3.example.invalid"}
LIBSQL = {"name": "lite", "appName": "lite", "description": None, "databaseUser": "u", "databasePassword": "pw",
          "sqldNode": "primary", "sqldPrimaryUrl": None, "serverId": None}


@pytest.fixture
def sim():
    with Simulator(api_key=KEY) as simulator:
        yield simulator


@pytest.fixture
def client(sim):
    return DokployClient(sim.url, KEY)


@pytest.fixture
def env_id(client):
    return client.post("project.create", {"name": "p"})["environment"]["environmentId"]


@pytest.fixture
def app_id(client, env_id):
    return client.post("application.create", {"name": "web", "environmentId": env_id})["applicationId"]


def error_of(call, *args):
    with pytest.raises(DokployError) as caught:
        call(*args)
    return caught.value


def fields_of(error):
    return [e["field"] for e in error.field_errors or []]


def postgres(client, env_id):
    return client.post("postgres.create", {"name": "pg", "environmentId": env_id, "databaseName": "db",
                                           "databaseUser": "u", "databasePassword": "pgpw"})["postgresId"]


# ---- mounts -------------------------------------------------------------------------------------------------------
def test_mount_update_answers_the_row_before_and_keeps_the_other_type_fields(client, app_id):
    mount = client.post("mounts.create", {"type": "volume", "volumeName": "cache", "mountPath": "/cache",
                                          "serviceType": "application", "serviceId": app_id})
    before = client.post("mounts.update", {"mountId": mount["mountId"], "type": "bind", "hostPath": "/srv"})
    assert before["type"] == "volume" and before["hostPath"] is None  # the row as it was [1037]
    assert before["application"]["appName"] and before["compose"] is None
    now = client.get("mounts.one", {"mountId": mount["mountId"]})
    assert (now["type"], now["hostPath"], now["volumeName"]) == ("bind", "/srv", "cache")  # [1038]


def test_mount_without_service_type_is_an_orphan(client, app_id):
    orphan = client.post("mounts.create", {"type": "volume", "volumeName": "v", "mountPath": "/x", "serviceId": app_id})
    assert orphan["serviceType"] == "application" and orphan["applicationId"] is None  # [464]
    assert client.get("mounts.listByServiceId", {"serviceId": app_id, "serviceType": "application"}) == []


def test_mount_list_by_service_checks_the_service_type(client, env_id, app_id):
    pg_id = postgres(client, env_id)
    listed = client.get("mounts.listByServiceId", {"serviceId": pg_id, "serviceType": "postgres"})
    assert [m["mountPath"] for m in listed] == ["/var/lib/postgresql/18/docker"]  # the default data volume [1026]
    failed = error_of(client.get, "mounts.listByServiceId", {"serviceId": app_id, "serviceType": "postgres"})
    assert (failed.status, failed.message) == (404, "Postgres not found")
    failed = error_of(client.post, "mounts.create", {"type": "volume", "volumeName": "v", "mountPath": "/v",
                                                     "serviceType": "application", "serviceId": pg_id})
    assert failed.status == 400 and "Failed query: insert into \"mount\"" in failed.message


# ---- port, redirects, security ------------------------------------------------------------------------------------
def test_port_quirks(client, app_id):
    port = client.post("port.create", {"applicationId": app_id, "publishedPort": 70000, "targetPort": 80})
    assert (port["protocol"], port["publishMode"]) == ("tcp", "ingress")  # no range check [1058]
    assert client.get("port.one", {"portId": port["portId"]})["application"] == {"applicationId": app_id}
    assert error_of(client.get, "port.one", {"portId": "doesNotExist_0000000"}).status == 400  # not 404 [1061]
    assert error_of(client.post, "port.delete", {"portId": "doesNotExist_0000000"}).status == 404
    failed = error_of(client.post, "port.create", {"applicationId": app_id, "publishedPort": "9001", "targetPort": 80})
    assert failed.status == 400  # no coercion of "9001" [1055]
    assert error_of(client.post, "port.update", {"portId": port["portId"], "publishedPort": 1}).status == 400  # all fields


def test_redirect_unique_config_key_is_one_serial(client, env_id, app_id):
    other = client.post("application.create", {"name": "api", "environmentId": env_id})["applicationId"]
    for target in (app_id, app_id, other):
        assert client.post("redirects.create", {"applicationId": target, "regex": "([", "replacement": "/",
                                                "permanent": False}) is True
    keys = [r["uniqueConfigKey"] for r in client.get("application.one", {"applicationId": other})["redirects"]]
    assert keys == [3]  # [1279]
    failed = error_of(client.post, "redirects.create", {"applicationId": app_id, "regex": "^/a", "replacement": "/b"})
    assert fields_of(failed) == ["permanent"] and "nonoptional" in failed.field_errors[0]["message"]  # [1071]


def test_basic_auth_username_unique_per_application(client, env_id, app_id):
    other = client.post("application.create", {"name": "api", "environmentId": env_id})["applicationId"]
    assert client.post("security.create", {"applicationId": app_id, "username": "alice", "password": "a1"}) is True
    assert client.post("security.create", {"applicationId": other, "username": "alice", "password": "a1"}) is True
    failed = error_of(client.post, "security.create", {"applicationId": app_id, "username": "alice", "password": "a2"})
    assert failed.status == 400 and "Failed query: insert into \"security\"" in failed.message
    assert error_of(client.post, "security.create", {"applicationId": "nope", "username": "x", "password": "y"}).status == 400
    user = client.get("application.one", {"applicationId": app_id})["security"][0]
    assert user["password"] == "a1"  # in clear [1093]
    assert client.post("security.update", {"securityId": user["securityId"], "username": "bob", "password": "b"}) in (None, "")


# ---- destination, backup, volumeBackups -----------------------------------------------------------------------------
def test_destination_remove_cascades_to_backups_and_volume_backups(sim, client, env_id, app_id):
    dest = client.post("destination.create", DESTINATION)
    assert dest["additionalFlags"] == []  # optional despite the schema [1187]
    pg_id = postgres(client, env_id)
    client.post("backup.create", {"destinationId": dest["destinationId"], "schedule": "every day", "prefix": "p",
                                  "database": "db", "databaseType": "postgres", "postgresId": pg_id})
    backup = client.get("postgres.one", {"postgresId": pg_id})["backups"][0]
    assert "accessKey" not in backup["destination"] and backup["deployments"] == []
    assert client.post("backup.manualBackupPostgres", {"backupId": backup["backupId"]}) is True  # with Docker and rclone
    vb = client.post("volumeBackups.create", {"name": "v", "volumeName": "cache", "prefix": "p", "applicationId": app_id,
                                              "destinationId": dest["destinationId"], "cronExpression": "0 3 * * *"})
    assert client.post("destination.remove", {"destinationId": dest["destinationId"]})["secretAccessKey"] == "s3cret-key"
    assert client.get("postgres.one", {"postgresId": pg_id})["backups"] == []
    assert error_of(client.get, "volumeBackups.one", {"volumeBackupId": vb["volumeBackupId"]}).status == 404
    assert not [d for d in sim.state["deployment"].values() if d.get("backupId")]


def test_backup_one_nests_the_database_password_and_errors_are_400(sim, client, env_id):
    dest = client.post("destination.create", DESTINATION)
    pg_id = postgres(client, env_id)
    client.post("backup.create", {"destinationId": dest["destinationId"], "schedule": "0 3 1 1 *", "prefix": "p",
                                  "database": "db", "databaseType": "postgres", "postgresId": pg_id})
    backup_id = client.get("postgres.one", {"postgresId": pg_id})["backups"][0]["backupId"]
    one = client.get("backup.one", {"backupId": backup_id})
    assert one["postgres"]["databasePassword"] == "pgpw" and "secretAccessKey" not in one["destination"]
    assert error_of(client.get, "backup.one", {"backupId": "doesNotExist_0000000"}).status == 404
    assert error_of(client.post, "backup.remove", {"backupId": "doesNotExist_0000000"}).status == 400
    sim.config["docker"] = False  # the recorded server: no Docker, no rclone
    failed = error_of(client.post, "backup.manualBackupPostgres", {"backupId": backup_id})
    assert failed.status == 400 and "rclone" in failed.message
    deployments = client.get("postgres.one", {"postgresId": pg_id})["backups"][0]["deployments"]
    assert [(d["title"], d["status"]) for d in deployments] == [("Initializing Backup", "error")]  # [1233]
    failed = error_of(client.post, "destination.testConnection", dict(DESTINATION, additionalFlags=[]))
    assert failed.status == 400 and "rclone: not found" in failed.message


def test_volume_backup_coercions(client, app_id):
    dest = client.post("destination.create", DESTINATION)
    body = {"name": "v", "volumeName": "cache", "prefix": "p", "applicationId": app_id,
            "destinationId": dest["destinationId"], "cronExpression": "0 3 * * *"}
    assert client.post("volumeBackups.create", dict(body, turnOff="false"))["turnOff"] is True  # [1243]
    failed = error_of(client.post, "volumeBackups.create", dict(body, keepLatestCount="five"))
    assert fields_of(failed) == ["keepLatestCount"] and "NaN" in failed.field_errors[0]["message"]  # [1244]
    assert error_of(client.post, "volumeBackups.create", dict(body, destinationId="nope")).status == 500  # [1245]
    assert client.get("volumeBackups.list", {"id": "nope", "volumeBackupType": "application"}) == []


def test_volume_backup_manual_runs_are_deployments(sim, client, app_id):
    """runVolumeBackup records a "Volume Backup" deployment (createDeploymentVolumeBackup, v0.30.2 and v0.25.11
    source): its log under /etc/dokploy/volume-backups/<appName>/, `done`, or `error` without Docker; the newest
    ten are kept (removeLastTenDeployments runs before each insert); runManually answers nothing either way [1255]."""
    dest = client.post("destination.create", DESTINATION)
    vb = client.post("volumeBackups.create", {"name": "v", "volumeName": "cache", "prefix": "p", "applicationId": app_id,
                                              "destinationId": dest["destinationId"], "cronExpression": "0 3 * * *"})
    vb_id = vb["volumeBackupId"]
    assert client.post("volumeBackups.runManually", {"volumeBackupId": vb_id}) is None
    runs = client.get("deployment.allByType", {"id": vb_id, "type": "volumeBackup"})
    assert [(d["title"], d["description"], d["status"]) for d in runs] == [("Volume Backup", "Volume Backup", "done")]
    assert runs[0]["logPath"].startswith("/etc/dokploy/volume-backups/%s/%s-" % (vb["appName"], vb["appName"]))
    assert runs[0]["finishedAt"] and runs[0]["applicationId"] is None and runs[0]["volumeBackupId"] == vb_id
    assert client.get("deployment.readLogs", {"deploymentId": runs[0]["deploymentId"]}).startswith(
        "Initializing volume backup\n")
    sim.config["docker"] = False   # the recorded server [1255]
    assert client.post("volumeBackups.runManually", {"volumeBackupId": vb_id}) is None
    assert client.get("deployment.allByType", {"id": vb_id, "type": "volumeBackup"})[0]["status"] == "error"
    for dummy in range(11):
        client.post("volumeBackups.runManually", {"volumeBackupId": vb_id})
    assert len(client.get("deployment.allByType", {"id": vb_id, "type": "volumeBackup"})) == 11


# ---- cascades -------------------------------------------------------------------------------------------------------
def test_application_delete_cascades_to_every_child(sim, client, app_id):
    client.post("port.create", {"applicationId": app_id, "publishedPort": 8080, "targetPort": 80})
    client.post("redirects.create", {"applicationId": app_id, "regex": "a", "replacement": "b", "permanent": True})
    client.post("security.create", {"applicationId": app_id, "username": "u", "password": "p"})
    schedule = client.post("schedule.create", {"name": "s", "cronExpression": "* * * * *", "command": "true",
                                               "applicationId": app_id})
    client.post("schedule.runManually", {"scheduleId": schedule["scheduleId"]})
    client.post("application.delete", {"applicationId": app_id})
    for name in ("port", "redirect", "security", "schedule", "mount", "deployment"):
        assert not sim.state.get(name), name


# ---- schedule -------------------------------------------------------------------------------------------------------
def test_schedule_types_and_manual_runs(client, app_id):
    on_app = client.post("schedule.create", {"name": "s", "cronExpression": "not a cron", "command": "true",
                                             "applicationId": app_id})
    assert on_app["scheduleType"] == "application" and on_app["shellType"] == "bash" and on_app["enabled"] is True
    run = client.post("schedule.runManually", {"scheduleId": on_app["scheduleId"]})
    assert run["status"] == "error"  # never deployed: no container to exec in
    host = client.post("schedule.create", {"name": "h", "cronExpression": "0 3 * * *", "command": "x",
                                           "scheduleType": "dokploy-server", "script": "echo hi"})
    assert host["organizationId"] and client.post("schedule.runManually", {"scheduleId": host["scheduleId"]})["status"] == "done"
    assert [s["name"] for s in client.get("schedule.list", {"id": "any", "scheduleType": "dokploy-server"})] == ["h"]
    failed = error_of(client.post, "schedule.create", {"name": "x", "cronExpression": "* * * * *", "command": "x",
                                                       "scheduleType": "server", "serverId": "nope"})
    assert (failed.status, failed.message) == (404, "Server not found")
    assert client.post("schedule.update", {"scheduleId": on_app["scheduleId"], "name": "s2", "cronExpression": "1 * * * *",
                                           "command": "true"})["name"] == "s2"
    assert client.post("schedule.delete", {"scheduleId": on_app["scheduleId"]}) is True
    assert error_of(client.get, "schedule.one", {"scheduleId": on_app["scheduleId"]}).status == 404


def test_a_server_schedule_on_a_server_without_an_ssh_key(client, sim):
    """Dokploy writes a server schedule's script over SSH after storing the create or update, and removes it before
    the delete (services/schedule.ts): a keyless server answers 500 'No SSH key available for this server', the
    create stored all the same (seen on a real v0.30.2 with tests/acceptance/test_targets_real.py)."""
    server = client.post("server.create", {"name": "s", "description": None, "ipAddress": "10.0.0.5", "port": 22,
                                           "username": "root", "sshKeyId": None, "serverType": "deploy"})
    body = {"name": "x", "cronExpression": "* * * * *", "command": "", "scheduleType": "server",
            "serverId": server["serverId"], "script": "df -h"}
    failed = error_of(client.post, "schedule.create", body)
    assert (failed.status, failed.message) == (500, "No SSH key available for this server")
    [stored] = client.get("schedule.list", {"id": server["serverId"], "scheduleType": "server"})
    failed = error_of(client.post, "schedule.update", dict(body, scheduleId=stored["scheduleId"], script="ls"))
    assert failed.status == 500 and client.get("schedule.one", {"scheduleId": stored["scheduleId"]})["script"] == "ls"
    assert error_of(client.post, "schedule.delete", {"scheduleId": stored["scheduleId"]}).status == 500
    assert client.get("schedule.one", {"scheduleId": stored["scheduleId"]})  # still there
    with sim.lock:
        sim.state["server"][server["serverId"]]["sshKeyId"] = "k1"  # with a key the server counts as reachable
    assert client.post("schedule.create", dict(body, name="y"))["name"] == "y"
    assert client.post("schedule.delete", {"scheduleId": stored["scheduleId"]}) is True


# ---- libsql ---------------------------------------------------------------------------------------------------------
def test_libsql_is_a_sixth_database(client, env_id):
    assert client.post("libsql.create", dict(LIBSQL, environmentId=env_id)) is True  # not the row
    env = client.get("environment.one", {"environmentId": env_id})
    libsql_id = env["libsql"][0]["libsqlId"]
    one = client.get("libsql.one", {"libsqlId": libsql_id})
    assert [m["mountPath"] for m in one["mounts"]] == ["/var/lib/sqld"] and one["backups"] == []
    # Dokploy compares the appName sent with the stored ones, which carry a suffix: only a full stored name clashes
    assert client.post("libsql.create", dict(LIBSQL, environmentId=env_id)) is True
    taken = dict(LIBSQL, environmentId=env_id, appName=one["appName"])
    assert error_of(client.post, "libsql.create", taken).status == 409
    ports = {"libsqlId": libsql_id, "externalPort": 8081, "externalGRPCPort": None, "externalAdminPort": None}
    assert client.post("libsql.saveExternalPorts", ports)["externalPort"] is None  # the row as before
    assert client.get("libsql.one", {"libsqlId": libsql_id})["applicationStatus"] == "done"
    client.post("libsql.update", {"libsqlId": libsql_id, "sqldNode": "replica"})
    failed = error_of(client.post, "libsql.saveExternalPorts", dict(ports, externalGRPCPort=5001))
    assert failed.status == 400
    assert client.post("libsql.remove", {"libsqlId": libsql_id})["libsqlId"] == libsql_id
    assert len(client.get("environment.one", {"environmentId": env_id})["libsql"]) == 1


def test_web_server_backups_hang_off_the_user(sim, client):
    dest = client.post("destination.create", DESTINATION)
    user_id = sim.state["_meta"]["userId"]
    client.post("backup.create", {"destinationId": dest["destinationId"], "schedule": "0 3 * * *", "prefix": "web",
                                  "database": "dokploy", "databaseType": "web-server", "userId": user_id})
    backups = client.get("user.getBackups")["backups"]
    assert [b["databaseType"] for b in backups] == ["web-server"] and backups[0]["destination"]["accessKey"]
    assert client.post("backup.manualBackupWebServer", {"backupId": backups[0]["backupId"]}) is True
    sim.config["docker"] = False
    assert error_of(client.post, "backup.manualBackupWebServer", {"backupId": backups[0]["backupId"]}).status == 500
    assert error_of(client.post, "backup.manualBackupWebServer", {"backupId": "doesNotExist_0000000"}).status == 404
    assert [d["status"] for d in client.get("user.getBackups")["backups"][0]["deployments"]] == ["done", "error"]
