# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dokploy_notification (resources/notification.py) on a fake client: options of other types, ranges and
addresses refused before any request, the kind's row flattened, secrets masked, the events of older servers."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError, DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._notification import Notification

from ansible_collections.dokploy.dokploy.tests.unit.fakes import FakeClient, Seq, converge, refused

HOOK = "https://hooks.slack.com/services/T0/B0/secret-path"
FLAGS = {"appDeploy": True, "appBuildError": True, "databaseBackup": False, "volumeBackup": False,
         "dokployRestart": False, "dockerCleanup": False, "serverThreshold": False, "dokployBackup": False}
ROW = dict(FLAGS, notificationId="n1", name="ops", notificationType="slack", slackId="sl1",
           slack={"slackId": "sl1", "webhookUrl": HOOK, "channel": "#ops"}, discord=None, email=None)


@pytest.mark.parametrize("values, message", [
    (dict(name="ops", type="slack", webhook_url=HOOK, topic="x"), "topic not available for type slack"),
    (dict(name="ops", type="gotify", server_url="https://g", app_token="t", events=["server_threshold"]),
     "events: server_threshold not available for type gotify"),
    (dict(name="ops", type="ntfy", server_url="https://n", topic="t", priority=9), "priority must be between 1 and 5"),
    (dict(name="ops", type="pushover", user_key="u", api_token="t", retry=10), "retry must be at least 30"),
    (dict(name="ops", type="pushover", user_key="u", api_token="t", priority=2), "needs retry and expire"),
    (dict(name="ops", type="slack", webhook_url="hooks.slack.com"), "webhook_url must be an http(s) URL"),
    (dict(name="ops", type="email", to_addresses=["ops"]), "'ops' is not an email address"),
    (dict(name="ops", type="email", to_addresses=[]), "to_addresses needs at least one address"),
    (dict(name="ops", type="telegram", bot_token=" "), "bot_token must not be empty"),
    (dict(name="ops"), "type"),   # required with state present
])
def test_refused_before_any_request(values, message):
    assert message in refused(Notification, values)


def test_create_sends_every_flag_and_the_defaults_of_the_kind():
    client = FakeClient({"notification.all": Seq([[], [ROW]]), "notification.createSlack": ""})
    result = converge(Notification, dict(name="ops", type="slack", webhook_url=HOOK,
                                         events=["app_deploy", "app_build_error"]), client)
    assert client.writes() == [("notification.createSlack", dict(FLAGS, name="ops", webhookUrl=HOOK, channel=""))]
    assert result["notification"]["notificationId"] == "n1" and "slack" not in result["notification"]
    assert "secret-path" not in repr(result)


def test_create_needs_the_kinds_required_options():
    client = FakeClient({"notification.all": []})
    with pytest.raises(DokployParamError) as error:
        converge(Notification, dict(name="ops", type="telegram", chat_id="1"), client)
    assert "Creating telegram notification 'ops' needs bot_token" in str(error.value)


def test_no_op_then_update_with_the_kinds_id():
    client = FakeClient({"notification.all": [ROW], "notification.updateSlack": ""})
    same = dict(name="ops", type="slack", webhook_url=HOOK, channel="#ops", events=["app_deploy", "app_build_error"])
    assert not converge(Notification, same, client)["changed"]
    result = converge(Notification, dict(same, events=["app_deploy"]), client, diff=True)
    assert client.writes() == [
        ("notification.updateSlack", {"notificationId": "n1", "slackId": "sl1", "appBuildError": False})]
    assert result["diff"] == {"before": {"appBuildError": True}, "after": {"appBuildError": False}}


def test_secrets_on_create_only_and_masked_in_the_diff():
    client = FakeClient({"notification.all": [ROW], "notification.updateSlack": ""})
    other = "https://hooks.slack.com/services/T0/B0/new-path"
    assert not converge(Notification, dict(name="ops", type="slack", webhook_url=other, update_secrets="on_create"),
                        client)["changed"]
    result = converge(Notification, dict(name="ops", type="slack", webhook_url=other), client, diff=True)
    assert client.writes() == [("notification.updateSlack", {"notificationId": "n1", "slackId": "sl1", "webhookUrl": other})]
    assert "new-path" not in repr(result) and "secret-path" not in repr(result)


def test_the_type_cannot_change():
    client = FakeClient({"notification.all": [ROW]})
    with pytest.raises(DokployError) as error:
        converge(Notification, dict(name="ops", type="discord", webhook_url=HOOK), client)
    assert "is a slack notification; Dokploy cannot change the type" in str(error.value)


def test_events_an_older_server_lacks():
    old = dict((k, v) for k, v in ROW.items() if k not in ("volumeBackup", "dokployBackup"))
    client = FakeClient({"notification.all": [old]}, version=(0, 25, 11))
    off = dict(name="ops", type="slack", webhook_url=HOOK, channel="#ops", events=["app_deploy", "app_build_error"])
    assert not converge(Notification, off, client)["changed"]    # off is what that server does anyway
    with pytest.raises(DokployError) as error:
        converge(Notification, dict(off, events=["volume_backup"]), client)
    assert "needs Dokploy v" in str(error.value)
    assert client.writes() == []


def test_delete():
    client = FakeClient({"notification.all": [ROW], "notification.remove": True})
    assert converge(Notification, dict(name="ops", state="absent"), client)["changed"]
    assert client.writes() == [("notification.remove", {"notificationId": "n1"})]
