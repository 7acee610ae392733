# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Mounts, ports, redirects and basic-auth users (resources/mount.py, port.py, redirect.py, basic_auth.py): what is
refused before any request, and the answers Dokploy gives that the engine must not take at face value."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._basic_auth import BasicAuth
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._mount import Mount
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._port import Port
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._redirect import Redirect
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._params import resource_params

from ansible_collections.dokploy.dokploy.tests.unit.fakes import FakeClient, fake_context

APP = dict(application_id="a1")


def with_target(values):
    """``values`` on the application a1 unless they name their own service."""
    return values if "compose_id" in values else dict(APP, **values)


REFUSED = [
    (Mount, dict(mount_path="/d"), "missing: type"),
    (Mount, dict(mount_path="d", type="volume", volume_name="v1"), "mount_path must be an absolute path"),
    (Mount, dict(mount_path="/d", type="bind"), "a bind mount needs host_path"),
    (Mount, dict(mount_path="/d", type="bind", host_path="srv"), "host_path must be an absolute path"),
    (Mount, dict(mount_path="/d", type="volume", volume_name="v1", content="x"), "content is not for volume mounts"),
    (Mount, dict(mount_path="/d", type="volume", volume_name="a b"), "not a Docker volume name"),
    (Mount, dict(mount_path="/d", type="file", content="x", file_path="/etc/x"), "file_path is a file name relative"),
    (Mount, dict(mount_path="/d", type="file", content="x", file_path="a/../../x"), "file_path is a file name relative"),
    (Mount, dict(mount_path="/d", type="file", file_path="x"), "a file mount needs content"),
    (Mount, dict(type="bind", host_path="/srv"), "is named by mount_path"),
    (Mount, dict(compose_id="c1", mount_path="/d", state="absent"), "is named by file_path"),
    (Mount, dict(compose_id="c1", file_path="x", type="volume", volume_name="v1"),
     "takes file mounts only"),
    (Port, dict(published_port=70000, target_port=80), "published_port must be between 1 and 65535, not 70000"),
    (Port, dict(published_port=8080, target_port=0), "target_port must be between 1 and 65535"),
    (Port, dict(published_port=8080), "missing: target_port"),
    (Redirect, dict(regex="([", replacement="/b"), "is not a valid regular expression"),
    (Redirect, dict(regex="^/(?=a)", replacement="/b"), "lookaround or a backreference"),
    (Redirect, dict(regex="^/(?<!a)b", replacement="/b"), "lookaround or a backreference"),
    (Redirect, dict(regex="^/(a)\\1", replacement="/b"), "lookaround or a backreference"),
    (Redirect, dict(regex="^/a"), "missing: replacement"),
    (BasicAuth, dict(username="a:b", password="x"), "username must not contain ':'"),
    (BasicAuth, dict(username="alice"), "missing: password"),
    (BasicAuth, dict(username="alice", password=""), "password must not be empty"),
]


@pytest.mark.parametrize("resource_class, values, message", REFUSED)
def test_refused_before_any_request(resource_class, values, message):
    with pytest.raises(DokployParamError) as error:
        resource_params(resource_class, with_target(values))
    assert message in str(error.value)


@pytest.mark.parametrize("resource_class, values", [
    (Mount, dict(mount_path="/d", type="file", content="", file_path="conf/app.ini")),
    (Mount, dict(mount_path="/d", state="absent")),
    (Port, dict(published_port=5353, protocol="udp", state="absent")),
    (Port, dict(published_port=70000, state="absent")),  # Dokploy stores it [1058]: it can be deleted
    (Mount, dict(mount_path="data", state="absent")),
    (Mount, dict(compose_id="c1", type="file", file_path="nginx.conf", content="events {}\n")),
    (Redirect, dict(regex="^https?://www\\.example\\.com/(?P<path>.*)", replacement="https://example.com/${1}")),
    (Redirect, dict(regex="([", state="absent")),  # Dokploy stores it [1074]: it can be deleted
])
def test_accepted(resource_class, values):
    params = resource_params(resource_class, with_target(values))
    assert dict((key, params[key]) for key in values) == values


MOUNT_ROW = {"mountId": "m1", "type": "file", "mountPath": "/etc/app.ini", "filePath": "app.ini", "content": "old\n",
             "hostPath": None, "volumeName": None, "serviceType": "application", "applicationId": "a1"}


def test_mount_update_answer_is_the_old_row():
    """mounts.update answers the row as it was before the update [1033]: the result is what was sent."""
    answered_before = dict(MOUNT_ROW, application={"appName": "web"})
    client = FakeClient({"application.one": {"applicationId": "a1", "name": "web", "mounts": [MOUNT_ROW]},
                         "mounts.update": answered_before})
    params = resource_params(Mount, dict(APP, mount_path="/etc/app.ini", type="file", file_path="app.ini", content="new\n"))
    result = Mount(fake_context(client, diff=True), params).run()
    assert result["changed"]
    assert result["mount"]["content"] == "new\n"
    assert "application" not in result["mount"]
    assert client.writes() == [("mounts.update", {"mountId": "m1", "content": "new\n"})]
    assert result["diff"] == {"before": {"content": "old\n"}, "after": {"content": "new\n"}}


def test_basic_auth_password_compared_never_shown():
    row = {"securityId": "s1", "username": "alice", "password": "stored-secret", "applicationId": "a1"}
    client = FakeClient({"application.one": {"applicationId": "a1", "name": "web", "security": [row]},
                         "security.update": ""})
    same = resource_params(BasicAuth, dict(APP, username="alice", password="stored-secret"))
    assert not BasicAuth(fake_context(client, diff=True), same).run()["changed"]
    other = resource_params(BasicAuth, dict(APP, username="alice", password="new-secret"))
    result = BasicAuth(fake_context(client, diff=True), other).run()
    assert result["changed"]
    assert client.writes() == [("security.update", {"securityId": "s1", "username": "alice", "password": "new-secret"})]
    assert "secret" not in repr(result)
    on_create = resource_params(BasicAuth, dict(APP, username="alice", password="new-secret", update_password="on_create"))
    assert not BasicAuth(fake_context(client), on_create).run()["changed"]


def test_redirect_created_true_is_found_in_the_application():
    created = {"redirectId": "r1", "regex": "^/a", "replacement": "/b", "permanent": False, "applicationId": "a1"}
    rows = [{"applicationId": "a1", "name": "web", "redirects": []},
            {"applicationId": "a1", "name": "web", "redirects": [created]}]
    client = FakeClient({"application.one": lambda params: rows.pop(0) if len(rows) > 1 else rows[0],
                         "redirects.create": True})
    params = resource_params(Redirect, dict(APP, regex="^/a", replacement="/b"))
    result = Redirect(fake_context(client), params).run()
    assert result["redirect"]["redirectId"] == "r1"
    assert client.writes() == [("redirects.create", {"applicationId": "a1", "regex": "^/a", "replacement": "/b",
                                                     "permanent": False})]


# -- in a whole project: a child knows how it is listed, matched, deleted and exported ------------------------------

@pytest.mark.parametrize("still_listed", [False, True])
def test_a_child_deleted_in_a_whole_project_goes_through_the_engine(still_listed):
    """The stack deletes an undeclared child with Child.remove, the engine's delete: an answer that was lost is
    looked for in a fresh listing of the service, never sent again."""
    from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployConnectionError, DokployOutcomeUnknown
    from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._kinds import SERVICE_KINDS
    from ansible_collections.dokploy.dokploy.tests.unit.fakes import Seq

    port = {"portId": "pt1", "publishedPort": 8080, "protocol": "tcp", "targetPort": 80}
    row = {"applicationId": "a1", "name": "web", "ports": [port]}
    lost = DokployConnectionError("connection aborted", procedure="port.delete", outcome_unknown=True)
    client = FakeClient({"port.delete": Seq([lost]),
                         "application.one": dict(row, ports=[port] if still_listed else [])})
    ctx = fake_context(client)
    if still_listed:
        with pytest.raises(DokployOutcomeUnknown, match="not sent again"):
            Port.remove(ctx, SERVICE_KINDS["application"], row, port)
    else:
        Port.remove(ctx, SERVICE_KINDS["application"], row, port)
    assert client.writes() == [("port.delete", {"portId": "pt1"})]


def test_a_mount_dokploy_made_with_its_database_is_not_listed_as_declarable():
    from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._kinds import SERVICE_KINDS
    data = {"mountId": "m1", "type": "volume", "volumeName": "pg-abc-data", "mountPath": "/var/lib/postgresql/data"}
    extra = {"mountId": "m2", "type": "bind", "hostPath": "/srv", "mountPath": "/srv"}
    row = {"postgresId": "pg1", "appName": "pg-abc", "mounts": [data, extra]}
    assert Mount.listed(fake_context(FakeClient()), SERVICE_KINDS["postgres"], row) == [extra]
