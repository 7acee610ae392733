# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dokploy_destination (resources/destination.py) on a fake client: input refused before any request, every field
sent to destination.update, keys masked, a destination in use not deleted without force."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError, DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._destination import Destination

from ansible_collections.dokploy.dokploy.tests.unit.fakes import FakeClient, converge, refused

ROW = {"destinationId": "d1", "name": "s3", "provider": "AWS", "endpoint": "https://s3.example.com", "region": "eu",
       "bucket": "backups", "accessKey": "AKIAEXAMPLE", "secretAccessKey": "very-secret", "additionalFlags": None}
GIVEN = dict(name="s3", provider="AWS", endpoint="https://s3.example.com", region="eu", bucket="backups",
             access_key="AKIAEXAMPLE", secret_key="very-secret")


@pytest.mark.parametrize("values, message", [
    (dict(name="s3", endpoint="s3.example.com"), "must be the S3 endpoint's URL"),
    (dict(name="s3", bucket="backups/daily"), "is not a bucket name"),
    (dict(name="s3", region=" "), "region must not be empty"),
    (dict(name="s3", additional_flags=["--fast-list", "rm -rf"]), "'rm -rf' is not an rclone flag"),
])
def test_refused_before_any_request(values, message):
    assert message in refused(Destination, values)


def test_create_needs_the_connection_and_masks_the_keys():
    client = FakeClient({"destination.all": []})
    with pytest.raises(DokployParamError) as error:
        converge(Destination, dict(name="s3", bucket="backups"), client)
    assert "needs endpoint, region, access_key, secret_key" in str(error.value)
    client = FakeClient({"destination.all": [], "destination.create": ROW})
    result = converge(Destination, GIVEN, client, diff=True)
    assert client.writes() == [("destination.create", dict(
        {"name": "s3", "provider": "AWS", "endpoint": "https://s3.example.com", "region": "eu", "bucket": "backups",
         "accessKey": "AKIAEXAMPLE", "secretAccessKey": "very-secret"}, additionalFlags=[]))]
    assert "very-secret" not in repr(result) and "AKIAEXAMPLE" not in repr(result)


def test_no_flags_and_empty_flags_are_the_same():
    client = FakeClient({"destination.all": [ROW]})
    assert not converge(Destination, dict(GIVEN, additional_flags=[]), client)["changed"]
    assert client.writes() == []


def test_update_sends_every_field():
    client = FakeClient({"destination.all": [ROW], "destination.update": ""})
    result = converge(Destination, dict(name="s3", region="us"), client, diff=True)
    assert client.writes() == [("destination.update", dict(ROW, region="us"))]
    assert result["diff"] == {"before": {"region": "eu"}, "after": {"region": "us"}}


def test_delete_refused_while_backups_use_it_unless_force():
    client = FakeClient({"destination.all": [ROW], "destination.remove": True, "project.all": [],
                         "user.getBackups": {"backups": [{"destinationId": "d1", "prefix": "dokploy/"}]}})
    with pytest.raises(DokployError) as error:
        converge(Destination, dict(name="s3", state="absent"), client)
    assert "used by 1 backup(s): the Dokploy web server (backup 'dokploy/')" in str(error.value)
    assert client.writes() == []
    assert converge(Destination, dict(name="s3", state="absent", force=True), client)["changed"]
    assert client.writes() == [("destination.remove", {"destinationId": "d1"})]
