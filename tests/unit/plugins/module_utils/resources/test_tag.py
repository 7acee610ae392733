# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dokploy_tag (resources/tag.py) on a fake client: refused input, create, no-op, update, delete, old servers."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError, DokployNotFoundError
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._tag import Tag

from ansible_collections.dokploy.dokploy.tests.unit.fakes import FakeClient, converge, refused

ROW = {"tagId": "t1", "name": "prod", "color": "#3B82F6", "organizationId": "o1"}


@pytest.mark.parametrize("values, message", [
    (dict(name="prod", color="blue"), "color 'blue' must be a colour as #rrggbb"),
    (dict(name="prod", color="#12345"), "must be a colour as #rrggbb"),
    (dict(name=" "), "name"),
])
def test_refused_before_any_request(values, message):
    assert message in refused(Tag, values)


def test_create_sends_name_and_colour():
    client = FakeClient({"tag.all": [], "tag.create": dict(ROW, color="#10b981")})
    result = converge(Tag, dict(name="prod", color="#10b981"), client, diff=True)
    assert result["changed"] and result["tag"]["tagId"] == "t1"
    assert client.writes() == [("tag.create", {"name": "prod", "color": "#10b981"})]
    assert result["diff"] == {"before": {}, "after": {"tagId": "t1", "name": "prod", "color": "#10b981"}}


def test_same_colour_in_other_case_is_no_change():
    client = FakeClient({"tag.all": [ROW]})
    assert not converge(Tag, dict(name="prod", color="#3b82f6"), client)["changed"]
    assert client.writes() == []


def test_update_sends_only_the_colour_and_check_mode_nothing():
    client = FakeClient({"tag.all": [ROW], "tag.update": dict(ROW, color="#ef4444")})
    predicted = converge(Tag, dict(name="prod", color="#ef4444"), client, check_mode=True)
    assert predicted["changed"] and predicted["tag"]["color"] == "#ef4444"
    assert client.writes() == []
    assert converge(Tag, dict(name="prod", color="#ef4444"), client)["changed"]
    assert client.writes() == [("tag.update", {"tagId": "t1", "color": "#ef4444"})]


def test_delete_then_absent_is_unchanged():
    client = FakeClient({"tag.all": [ROW], "tag.remove": True})
    assert converge(Tag, dict(name="prod", state="absent"), client)["changed"]
    assert client.writes() == [("tag.remove", {"tagId": "t1"})]
    client = FakeClient({"tag.all": []})
    assert not converge(Tag, dict(name="prod", state="absent"), client)["changed"]


def test_server_without_the_tag_router_names_the_version():
    client = FakeClient({"tag.all": DokployNotFoundError("Not found", status=404)}, version=(0, 28, 0))
    with pytest.raises(DokployError) as error:
        converge(Tag, dict(name="prod"), client)
    assert "v0.29.0" in str(error.value)
    assert client.writes() == []
