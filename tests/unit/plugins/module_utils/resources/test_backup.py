# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dokploy_backup (resources/backup.py) on a fake client: owners and credentials refused before any request, a
backup found where Dokploy nests it (by destination and prefix), found again after a create that answers nothing,
every field sent to backup.update, compose credentials masked, the web server's backups, dokploy_backup_info."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError, DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._backup import Backup, BackupInfo
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._params import resource_params

from ansible_collections.dokploy.dokploy.tests.unit.fakes import FakeClient, Seq, converge, fake_context, refused

DESTINATIONS = [{"destinationId": "d1", "name": "s3"}]
BACKUP = {"backupId": "b1", "schedule": "0 1 * * *", "enabled": True, "prefix": "pg/", "destinationId": "d1",
          "database": "shop", "keepLatestCount": None, "serviceName": None, "metadata": None, "databaseType": "postgres",
          "backupType": "database", "postgresId": "p1", "destination": {"destinationId": "d1", "name": "s3"},
          "deployments": [{"deploymentId": "x"}]}
PG = {"postgresId": "p1", "name": "db", "databaseName": "shop", "backups": []}
PG_ON = dict(database_id="p1", database_type="postgres", destination="s3", prefix="pg/")


@pytest.mark.parametrize("values, message", [
    (dict(web_server=False, destination="s3"), "web_server: false names nothing to back up"),
    (dict(web_server=True, database_type="postgres", destination="s3"), "database_type names a service"),
    (dict(database_id="r1", database_type="redis", destination="s3"), "no scheduled backups of redis"),
    (dict(PG_ON, keep_latest=0), "keep_latest must be at least 1"),
    (dict(PG_ON, service_name="db"), "service_name is only for the backup of a database in a compose service"),
    (dict(compose_id="c1", destination="s3"), "a compose backup needs service_name"),
    (dict(compose_id="c1", destination="s3", service_name="db"), "a compose backup needs database_type"),
    (dict(compose_id="c1", destination="s3", service_name="db", database_type="mysql", database_user="u"),
     "database_user is not used for a mysql database in a compose service"),
    (dict(PG_ON, cron_expression="0 1 * *"), "is not a valid cron expression"),
])
def test_refused_before_any_request(values, message):
    assert message in refused(Backup, values)


def test_create_of_a_database_backup_is_found_again_in_the_row():
    client = FakeClient({"postgres.one": Seq([PG, dict(PG, backups=[BACKUP])]), "destination.all": DESTINATIONS,
                         "backup.create": ""})
    result = converge(Backup, dict(PG_ON, cron_expression="0 1 * * *"), client)
    assert client.writes() == [("backup.create", {"schedule": "0 1 * * *", "prefix": "pg/", "databaseType": "postgres",
                                                  "database": "shop", "destinationId": "d1", "backupType": "database",
                                                  "postgresId": "p1"})]
    assert result["backup"]["backupId"] == "b1" and "deployments" not in result["backup"]


def test_create_needs_a_schedule():
    client = FakeClient({"postgres.one": PG})
    with pytest.raises(DokployParamError) as error:
        converge(Backup, PG_ON, client)
    assert "Creating a backup to destination 's3' needs cron_expression" in str(error.value)


def test_no_op_costs_one_request_and_an_update_sends_every_field():
    client = FakeClient({"postgres.one": dict(PG, backups=[BACKUP]), "backup.update": True})
    assert not converge(Backup, dict(PG_ON, cron_expression="0 1 * * *"), client)["changed"]
    assert client.reads() == [("postgres.one", {"postgresId": "p1"})]
    assert converge(Backup, dict(PG_ON, keep_latest=7), client)["changed"]
    assert client.writes() == [("backup.update", {
        "backupId": "b1", "schedule": "0 1 * * *", "enabled": True, "prefix": "pg/", "destinationId": "d1",
        "database": "shop", "keepLatestCount": 7, "serviceName": None, "metadata": None, "databaseType": "postgres"})]


def test_compose_backup_sends_the_credentials_and_masks_them():
    compose = {"composeId": "c1", "name": "stack", "backups": []}
    created = dict(BACKUP, backupId="b2", backupType="compose", postgresId=None, composeId="c1", serviceName="db",
                   database="app", metadata={"postgres": {"databaseUser": "app"}})
    client = FakeClient({"compose.one": Seq([compose, dict(compose, backups=[created])]),
                         "destination.all": DESTINATIONS, "backup.create": ""})
    converge(Backup, dict(compose_id="c1", service_name="db", database_type="postgres", destination="s3", prefix="pg/",
                          database_name="app", database_user="app", cron_expression="0 1 * * *"), client)
    body = client.writes()[0][1]
    assert body["backupType"] == "compose" and body["composeId"] == "c1" and body["serviceName"] == "db"
    assert body["metadata"] == {"postgres": {"databaseUser": "app"}}
    mongo = dict(created, databaseType="mongo", metadata={"mongo": {"databaseUser": "root", "databasePassword": "pw-1"}})
    client = FakeClient({"compose.one": dict(compose, backups=[mongo])})
    result = converge(Backup, dict(compose_id="c1", service_name="db", database_type="mongo", destination="s3",
                                   prefix="pg/"), client)
    assert not result["changed"] and "pw-1" not in repr(result)


def test_web_server_backup_uses_the_users_backups():
    row = dict(BACKUP, backupId="b3", prefix="dokploy/", databaseType="web-server", database="dokploy", postgresId=None,
               userId="u1")
    client = FakeClient({"user.getBackups": Seq([{"id": "u1", "backups": []}, {"id": "u1", "backups": [row]}]),
                         "destination.all": DESTINATIONS, "backup.create": ""})
    converge(Backup, dict(web_server=True, destination="s3", prefix="dokploy/", cron_expression="0 1 * * *"), client)
    assert client.writes() == [("backup.create", {"schedule": "0 1 * * *", "prefix": "dokploy/",
                                                  "databaseType": "web-server", "database": "dokploy",
                                                  "destinationId": "d1", "backupType": "database", "userId": "u1"})]


def test_two_backups_alike_fail_and_delete_sends_the_id():
    client = FakeClient({"postgres.one": dict(PG, backups=[BACKUP, dict(BACKUP, backupId="b9")])})
    with pytest.raises(DokployError) as error:
        converge(Backup, PG_ON, client)
    assert "IDs: b1, b9" in str(error.value)
    client = FakeClient({"postgres.one": dict(PG, backups=[BACKUP]), "backup.remove": True})
    assert converge(Backup, dict(PG_ON, state="absent"), client)["changed"]
    assert client.writes() == [("backup.remove", {"backupId": "b1"})]


def test_backup_info_masks_compose_credentials():
    secret = dict(BACKUP, metadata={"mariadb": {"databaseUser": "u", "databasePassword": "pw-2"}})
    client = FakeClient({"compose.one": {"composeId": "c1", "name": "stack", "backups": [secret]}})
    result = BackupInfo(fake_context(client), resource_params(BackupInfo, dict(compose_id="c1"))).run()
    assert [b["backupId"] for b in result["backups"]] == ["b1"] and "pw-2" not in repr(result)
