# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dokploy_volume_backup (resources/volume_backup.py) on a fake client: refused input, the destination by name,
turnOff always a boolean, update with the create fields kept, found in volumeBackups.list by name."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError, DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._volume_backup import VolumeBackup

from ansible_collections.dokploy.dokploy.tests.unit.fakes import FakeClient, converge, refused

APP_ROW = {"applicationId": "a1", "name": "web"}
DESTINATIONS = [{"destinationId": "d1", "name": "s3"}]
ROW = {"volumeBackupId": "vb1", "name": "uploads", "volumeName": "web-uploads", "prefix": "web", "destinationId": "d1",
       "cronExpression": "0 2 * * *", "keepLatestCount": None, "turnOff": False, "enabled": True, "serviceName": None,
       "serviceType": "application", "applicationId": "a1", "application": APP_ROW}
GIVEN = dict(application_id="a1", name="uploads", volume_name="web-uploads", destination="s3", prefix="web",
             cron_expression="0 2 * * *")


@pytest.mark.parametrize("values, message", [
    (dict(GIVEN, volume_name="-bad"), "is not a Docker volume name"),
    (dict(GIVEN, cron_expression="61 * * * *"), "is not a valid cron expression"),
    (dict(GIVEN, keep_latest=0), "keep_latest must be at least 1"),
    (dict(GIVEN, service_name="web"), "service_name is only for compose volume backups"),
])
def test_refused_before_any_request(values, message):
    assert message in refused(VolumeBackup, values)


def test_create_names_the_destination_and_sends_turn_off_as_a_boolean():
    client = FakeClient({"application.one": APP_ROW, "volumeBackups.list": [], "destination.all": DESTINATIONS,
                         "volumeBackups.create": dict((k, v) for k, v in ROW.items() if k != "application")})
    result = converge(VolumeBackup, GIVEN, client)
    assert client.writes() == [("volumeBackups.create", {
        "name": "uploads", "volumeName": "web-uploads", "prefix": "web", "cronExpression": "0 2 * * *",
        "destinationId": "d1", "serviceType": "application", "applicationId": "a1", "turnOff": False})]
    assert result["volume_backup"]["volumeBackupId"] == "vb1"


def test_create_needs_the_volume_and_schedule():
    client = FakeClient({"application.one": APP_ROW, "volumeBackups.list": [], "destination.all": DESTINATIONS})
    with pytest.raises(DokployParamError) as error:
        converge(VolumeBackup, dict(application_id="a1", name="uploads", destination="s3"), client)
    assert "needs volume_name, prefix, cron_expression" in str(error.value)


def test_no_op_then_update_keeps_the_create_fields():
    client = FakeClient({"application.one": APP_ROW, "volumeBackups.list": [ROW], "destination.all": DESTINATIONS,
                         "volumeBackups.update": True})
    assert not converge(VolumeBackup, GIVEN, client)["changed"]
    assert converge(VolumeBackup, dict(application_id="a1", name="uploads", turn_off=True), client)["changed"]
    assert client.writes() == [("volumeBackups.update", {
        "volumeBackupId": "vb1", "name": "uploads", "volumeName": "web-uploads", "prefix": "web",
        "cronExpression": "0 2 * * *", "destinationId": "d1", "turnOff": True})]


def test_missing_destination_fails_and_is_pending_in_check_mode():
    client = FakeClient({"application.one": APP_ROW, "volumeBackups.list": [], "destination.all": []})
    with pytest.raises(DokployError) as error:
        converge(VolumeBackup, GIVEN, client)
    assert "No backup destination is named 's3'" in str(error.value)
    result = converge(VolumeBackup, GIVEN, client, check_mode=True)
    assert result["changed"] and client.writes() == []


def test_delete():
    client = FakeClient({"application.one": APP_ROW, "volumeBackups.list": [ROW], "volumeBackups.delete": True})
    assert converge(VolumeBackup, dict(application_id="a1", name="uploads", state="absent"), client)["changed"]
    assert client.writes() == [("volumeBackups.delete", {"volumeBackupId": "vb1"})]
