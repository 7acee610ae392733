# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dokploy_git_provider (resources/git_provider.py) on a fake client: GitHub refused, options of other types and
URLs refused before any request, the whole row read from <type>.one, sharing, secrets masked, the info module."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError, DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._git_provider import GitProvider, GitProviderInfo
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._params import resource_params

from ansible_collections.dokploy.dokploy.tests.unit.fakes import FakeClient, Seq, converge, fake_context, refused

LISTED = {"gitProviderId": "g1", "name": "lab", "providerType": "gitlab", "sharedWithOrganization": False,
          "gitlab": {"gitlabId": "gl1", "gitlabUrl": "https://gitlab.example.com"}, "github": None}
DETAIL = {"gitlabId": "gl1", "gitlabUrl": "https://gitlab.example.com", "gitlabInternalUrl": None,
          "applicationId": "app-id", "secret": "oauth-secret", "redirectUri": "https://d/cb", "groupName": None,
          "gitProvider": {"gitProviderId": "g1"}}
HUB = {"gitProviderId": "g2", "name": "hub", "providerType": "github", "github": {"githubId": "gh1"}}


@pytest.mark.parametrize("values, message", [
    (dict(name="hub", type="github"), "type github cannot be created or changed here"),
    (dict(name="lab", type="gitlab", username="me"), "username not available for type gitlab"),
    (dict(name="lab", type="gitlab", url="gitlab.example.com"), "url 'gitlab.example.com' must be an http(s) URL"),
    (dict(name="lab", type="gitlab", client_id=" "), "client_id must not be empty"),
    (dict(name="bb", type="bitbucket", email="me"), "email 'me' is not an email address"),
])
def test_refused_before_any_request(values, message):
    assert message in refused(GitProvider, values)


def test_github_app_can_be_deleted():
    client = FakeClient({"gitProvider.getAll": [HUB], "gitProvider.remove": True})
    assert converge(GitProvider, dict(name="hub", type="github", state="absent"), client)["changed"]
    assert client.writes() == [("gitProvider.remove", {"gitProviderId": "g2"})]


def test_create_gitlab_fills_the_callback_then_shares():
    client = FakeClient({"gitProvider.getAll": Seq([[], [LISTED]]), "gitlab.one": DETAIL, "gitlab.create": "",
                         "gitProvider.toggleShare": True})
    result = converge(GitProvider, dict(name="lab", type="gitlab", url="https://gitlab.example.com", client_id="app-id",
                                        client_secret="oauth-secret", shared=True), client)
    assert client.writes() == [
        ("gitlab.create", {"gitlabUrl": "https://gitlab.example.com", "applicationId": "app-id", "secret": "oauth-secret",
                           "name": "lab", "redirectUri": "http://dokploy.test/api/providers/gitlab/callback",
                           "authId": "dokploy.dokploy"}),
        ("gitProvider.toggleShare", {"gitProviderId": "g1", "sharedWithOrganization": True})]
    assert "oauth-secret" not in repr(result)


def test_create_bitbucket_needs_a_token_or_app_password():
    client = FakeClient({"gitProvider.getAll": []})
    with pytest.raises(DokployParamError) as error:
        converge(GitProvider, dict(name="bb", type="bitbucket", username="me"), client)
    assert "needs api_token or app_password" in str(error.value)


def test_no_op_reads_the_detail_and_an_update_keeps_the_url():
    client = FakeClient({"gitProvider.getAll": [LISTED], "gitlab.one": DETAIL, "gitlab.update": ""})
    assert not converge(GitProvider, dict(name="lab", type="gitlab", client_secret="oauth-secret"), client)["changed"]
    assert converge(GitProvider, dict(name="lab", type="gitlab", group_name="team"), client)["changed"]
    assert client.writes() == [("gitlab.update", {"gitProviderId": "g1", "name": "lab", "gitlabId": "gl1",
                                                  "gitlabUrl": "https://gitlab.example.com", "groupName": "team"})]


def test_internal_url_on_an_older_server_names_the_version():
    detail = dict((k, v) for k, v in DETAIL.items() if k != "gitlabInternalUrl")
    client = FakeClient({"gitProvider.getAll": [LISTED], "gitlab.one": detail}, version=(0, 25, 11))
    with pytest.raises(DokployError) as error:
        converge(GitProvider, dict(name="lab", type="gitlab", internal_url="http://gitlab:80"), client)
    assert "needs Dokploy v" in str(error.value)
    assert client.writes() == []


def test_info_lists_every_type_github_included():
    client = FakeClient({"gitProvider.getAll": [LISTED, HUB]})
    result = GitProviderInfo(fake_context(client), resource_params(GitProviderInfo, {})).run()
    assert [p["name"] for p in result["git_providers"]] == ["lab", "hub"]
    result = GitProviderInfo(fake_context(client), resource_params(GitProviderInfo, dict(type="github"))).run()
    assert [p["name"] for p in result["git_providers"]] == ["hub"]
