# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dokploy_patch (resources/patch.py) on a fake client: what is refused before any request, the final newline
patch.update adds, a patch created disabled, servers older than the patch router."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError, DokployNotFoundError
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._patch import Patch

from ansible_collections.dokploy.dokploy.tests.unit.fakes import FakeClient, Seq, converge, refused

APP = {"applicationId": "a1", "name": "web", "appName": "web-abc123", "environmentId": "e1"}
ROW = {"patchId": "p1", "filePath": "config/app.yml", "content": "level: info\n", "type": "update", "enabled": True,
       "applicationId": "a1", "composeId": None}


@pytest.mark.parametrize("values, message", [
    (dict(path="/etc/passwd", content="x"), "must be relative to the repository's root"),
    (dict(path="a/../../b", content="x"), "without '..'"),
    (dict(path="a.txt"), "content is required with type=update"),
    (dict(path="a.txt", type="delete", content="x"), "content cannot be set with type=delete"),
    (dict(path=" ", content="x"), "path must not be empty"),
])
def test_refused_before_any_request(values, message):
    assert message in refused(Patch, dict(application_id="a1", **values))


def test_content_without_its_final_newline_is_the_same():
    client = FakeClient({"application.one": APP, "patch.byEntityId": [ROW]})
    assert not converge(Patch, dict(application_id="a1", path="config/app.yml", content="level: info"), client)["changed"]
    assert client.writes() == []
    assert ("patch.byEntityId", {"id": "a1", "type": "application"}) in client.reads()


def test_created_disabled_is_a_create_then_an_update():
    client = FakeClient({"application.one": APP, "patch.byEntityId": [], "patch.create": ROW,
                         "patch.update": dict(ROW, enabled=False)})
    result = converge(Patch, dict(application_id="a1", path="config/app.yml", content="level: info", enabled=False),
                      client)
    assert client.writes() == [
        ("patch.create", {"filePath": "config/app.yml", "content": "level: info", "type": "update", "applicationId": "a1"}),
        ("patch.update", {"patchId": "p1", "enabled": False})]
    assert result["patch"]["enabled"] is False


def test_delete_patch_sends_an_empty_content():
    client = FakeClient({"application.one": APP, "patch.byEntityId": [ROW], "patch.update": dict(ROW, type="delete")})
    converge(Patch, dict(application_id="a1", path="config/app.yml", type="delete"), client)
    assert client.writes() == [("patch.update", {"patchId": "p1", "content": "", "type": "delete"})]


def test_server_without_the_patch_router_names_the_version():
    client = FakeClient({"application.one": APP, "patch.byEntityId": Seq([DokployNotFoundError("Not found", status=404)])},
                        version=(0, 27, 1))
    with pytest.raises(DokployError) as error:
        converge(Patch, dict(application_id="a1", path="a.txt", content="x"), client)
    assert "v0.28.0" in str(error.value) and client.writes() == []
