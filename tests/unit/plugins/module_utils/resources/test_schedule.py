# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dokploy_schedule (resources/schedule.py) on a fake client: the owner (service, server, Dokploy host) and what
it runs refused before any request when wrong, found in schedule.list by name, update with what it needs kept."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError, DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._schedule import Schedule

from ansible_collections.dokploy.dokploy.tests.unit.fakes import FakeClient, converge, refused

APP_ROW = {"applicationId": "a1", "name": "web", "appName": "web-x1"}
ROW = {"scheduleId": "sc1", "name": "cleanup", "cronExpression": "0 3 * * *", "command": "rm -rf /tmp/*",
       "script": None, "shellType": "bash", "enabled": True, "timezone": None, "serviceName": None,
       "scheduleType": "application", "applicationId": "a1", "application": APP_ROW, "deployments": []}


@pytest.mark.parametrize("values, message", [
    (dict(name="x", dokploy_host=False), "dokploy_host: false names no owner"),
    (dict(name="x", server="edge", project="shop"), "a server schedule has none"),
    (dict(name="x", application_id="a1", cron_expression="every day"), "is not a valid cron expression"),
    (dict(name="x", application_id="a1", timezone="Mars/Olympus"), "is not a time zone name"),
    (dict(name="x", application_id="a1", service_name="db"), "service_name is only for compose schedules"),
    (dict(name="x", application_id="a1", script="echo"), "script is for server and dokploy_host schedules"),
    (dict(name="x", dokploy_host=True, command="echo"), "command is for application and compose schedules"),
    (dict(name="x", server="edge", script=" "), "script must not be empty"),
    (dict(name="x"), "one of the following is required"),
])
def test_refused_before_any_request(values, message):
    assert message in refused(Schedule, values)


def test_create_on_an_application():
    client = FakeClient({"application.one": APP_ROW, "schedule.list": [], "schedule.create": ROW})
    result = converge(Schedule, dict(application_id="a1", name="cleanup", cron_expression="0 3 * * *",
                                     command="rm -rf /tmp/*"), client)
    assert client.reads()[-1] == ("schedule.list", {"id": "a1", "scheduleType": "application"})
    assert client.writes() == [("schedule.create", {"name": "cleanup", "cronExpression": "0 3 * * *",
                                                    "command": "rm -rf /tmp/*", "scheduleType": "application",
                                                    "applicationId": "a1"})]
    assert result["schedule"]["scheduleId"] == "sc1"


def test_create_on_the_dokploy_host_runs_a_script():
    created = dict(ROW, scheduleId="sc2", name="prune", cronExpression="0 4 * * *", scheduleType="dokploy-server",
                   command="", script="docker system prune -f",
                   applicationId=None)
    client = FakeClient({"schedule.list": [], "schedule.create": created})
    converge(Schedule, dict(dokploy_host=True, name="prune", cron_expression="0 4 * * *",
                            script="docker system prune -f"), client)
    assert client.reads() == [("schedule.list", {"id": "dokploy-server", "scheduleType": "dokploy-server"})]
    assert client.writes() == [("schedule.create", {"name": "prune", "cronExpression": "0 4 * * *", "command": "",
                                                    "script": "docker system prune -f",
                                                    "scheduleType": "dokploy-server"})]


def test_create_needs_what_it_runs_and_a_compose_service():
    client = FakeClient({"server.all": [{"serverId": "s1", "name": "edge"}], "schedule.list": []})
    with pytest.raises(DokployParamError) as error:
        converge(Schedule, dict(server="edge", name="prune", cron_expression="0 4 * * *"), client)
    assert "Creating schedule 'prune' of server 'edge' needs script" in str(error.value)
    client = FakeClient({"compose.one": {"composeId": "c1", "name": "stack"}, "schedule.list": []})
    with pytest.raises(DokployParamError) as error:
        converge(Schedule, dict(compose_id="c1", name="x", cron_expression="0 4 * * *", command="ls"), client)
    assert "needs service_name" in str(error.value)
    assert client.writes() == []


def test_no_op_then_update_keeps_the_required_fields():
    client = FakeClient({"application.one": APP_ROW, "schedule.list": [ROW], "schedule.update": True})
    assert not converge(Schedule, dict(application_id="a1", name="cleanup", cron_expression="0 3 * * *"), client)["changed"]
    result = converge(Schedule, dict(application_id="a1", name="cleanup", enabled=False), client, diff=True)
    assert client.writes() == [("schedule.update", {"scheduleId": "sc1", "name": "cleanup", "cronExpression": "0 3 * * *",
                                                    "command": "rm -rf /tmp/*", "enabled": False})]
    assert result["diff"] == {"before": {"enabled": True}, "after": {"enabled": False}}
    assert "application" not in result["schedule"]


def test_two_of_one_name_fail_listing_them():
    client = FakeClient({"application.one": APP_ROW, "schedule.list": [ROW, dict(ROW, scheduleId="sc9")]})
    with pytest.raises(DokployError) as error:
        converge(Schedule, dict(application_id="a1", name="cleanup", state="absent"), client)
    assert "2 schedules of application 'web' are named 'cleanup' (IDs: sc1, sc9)" in str(error.value)


def test_absent_on_a_missing_server_is_unchanged_and_delete_sends_the_id():
    client = FakeClient({"server.all": []})
    assert not converge(Schedule, dict(server="gone", name="x", state="absent"), client)["changed"]
    client = FakeClient({"application.one": APP_ROW, "schedule.list": [ROW], "schedule.delete": True})
    assert converge(Schedule, dict(application_id="a1", name="cleanup", state="absent"), client)["changed"]
    assert client.writes() == [("schedule.delete", {"scheduleId": "sc1"})]


def test_a_server_without_an_ssh_key_is_refused_before_any_write():
    """Dokploy writes a server schedule's script over SSH after storing a create or an update, and removes it before a
    delete: on a keyless server a real v0.30.2 answered 500 'No SSH key available for this server', the schedule
    stored. Refused before any write; an unchanged schedule needs no write and passes."""
    server = {"serverId": "s1", "name": "edge", "sshKeyId": None}
    row = dict(ROW, scheduleType="server", serverId="s1", applicationId=None, application=None, command="",
               script="docker image prune -af")
    wanted = dict(server="edge", name="cleanup", cron_expression="0 3 * * *", script="docker image prune -af")
    for rows, values in (([], wanted), ([row], dict(wanted, script="df -h")), ([row], dict(wanted, state="absent"))):
        client = FakeClient({"server.all": [server], "schedule.list": rows})
        with pytest.raises(DokployParamError) as error:
            converge(Schedule, values, client)
        assert "Server 'edge' has no SSH key" in str(error.value)
        assert "dokploy_server ssh_key" in str(error.value)
        assert client.writes() == []
    client = FakeClient({"server.all": [server], "schedule.list": [row]})
    assert not converge(Schedule, wanted, client)["changed"]
    client = FakeClient({"server.all": [dict(server, sshKeyId="k1")], "schedule.list": [], "schedule.create": row})
    assert converge(Schedule, wanted, client)["changed"]
