# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dokploy_registry (resources/registry.py) on a fake client: the URL checked before any request, the password
compared and masked, update_password on_create, where the docker login runs, and a failed login said plainly."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._registry import Registry

from ansible_collections.dokploy.dokploy.tests.unit.fakes import FakeClient, converge, refused

ROW = {"registryId": "r1", "registryName": "ghcr", "registryUrl": "ghcr.io", "username": "bot",
       "password": "token-1", "imagePrefix": None, "registryType": "cloud"}
LOGIN_FAILED = DokployError("Error response from daemon: docker login failed: unauthorized", status=400)


@pytest.mark.parametrize("values, message", [
    (dict(name="ghcr", url="https://ghcr.io"), "must be the registry's host name"),
    (dict(name="ghcr", url="ghcr.io/org"), "must be the registry's host name"),
    (dict(name="ghcr", password=" "), "password must not be empty"),
])
def test_refused_before_any_request(values, message):
    assert message in refused(Registry, values)


def test_create_logs_in_on_the_server_named():
    client = FakeClient({"registry.all": [], "server.all": [{"serverId": "s1", "name": "edge"}],
                         "registry.create": ROW})
    result = converge(Registry, dict(name="ghcr", url="ghcr.io", username="bot", password="token-1", server="edge"),
                      client)
    assert client.writes() == [("registry.create", {"registryName": "ghcr", "registryUrl": "ghcr.io", "username": "bot",
                                                    "password": "token-1", "registryType": "cloud",
                                                    "imagePrefix": None, "serverId": "s1"})]
    assert "token-1" not in repr(result)


def test_failed_login_on_create_says_nothing_was_stored():
    client = FakeClient({"registry.all": [], "registry.create": LOGIN_FAILED})
    with pytest.raises(DokployError) as error:
        converge(Registry, dict(name="ghcr", url="ghcr.io", username="bot", password="bad"), client)
    assert "docker login to ghcr.io failed, so Dokploy stored no registry 'ghcr'" in str(error.value)
    assert error.value.result == {"changed": False, "registry": {}}


def test_password_compared_unless_on_create():
    client = FakeClient({"registry.all": [ROW], "registry.update": ""})
    assert not converge(Registry, dict(name="ghcr", password="token-1"), client)["changed"]
    assert not converge(Registry, dict(name="ghcr", password="token-2", update_password="on_create"), client)["changed"]
    assert client.writes() == []
    result = converge(Registry, dict(name="ghcr", password="token-2"), client, diff=True)
    assert client.writes() == [("registry.update", {"registryId": "r1", "password": "token-2"})]
    assert "token-2" not in repr(result) and "token-1" not in repr(result)


def test_failed_login_on_update_says_the_values_were_stored():
    client = FakeClient({"registry.all": [ROW], "registry.update": LOGIN_FAILED})
    with pytest.raises(DokployError) as error:
        converge(Registry, dict(name="ghcr", username="other"), client)
    assert "Dokploy STORED the new values of registry 'ghcr' (username)" in str(error.value)
    assert error.value.result["changed"] is True


def test_delete():
    client = FakeClient({"registry.all": [ROW], "registry.remove": True})
    assert converge(Registry, dict(name="ghcr", state="absent"), client)["changed"]
    assert client.writes() == [("registry.remove", {"registryId": "r1"})]
