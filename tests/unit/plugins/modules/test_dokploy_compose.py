# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dokploy_compose against the scripted in-memory client of test_dokploy_database.py."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups import _git_source as git_source
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._compose import Compose
from ansible_collections.dokploy.dokploy.tests.unit.plugins.modules.test_dokploy_database import CANARY, FakeClient, run_resource


COMPOSE_DEFAULTS = dict(project="shop", environment="production", name="stack", compose_id=None, description=None,
                        compose_type=None, compose_file=None, compose_src=None, git_url=None, git_branch=None, git_ssh_key=None,
                        compose_path=None, git_provider=None, command=None, env=None, randomize=None,
                        isolated_deployment=None, server=None, state="present", delete_volumes=False)
PROVIDER_DEFAULTS = dict(name=None, id=None, trigger_type=None, gitlab_project_id=None, gitlab_path_namespace=None,
                         bitbucket_repository_slug=None, build_path=None)
PROVIDERS = [
    {"gitProviderId": "gp-gitlab", "name": "acme-gitlab", "providerType": "gitlab", "github": None,
     "gitlab": {"gitlabId": "gl1"}, "bitbucket": None, "gitea": None},
    {"gitProviderId": "gp-github", "name": "acme-github", "providerType": "github", "github": {"githubId": "gh1"},
     "gitlab": None, "bitbucket": None, "gitea": None},
]


class ProviderClient(FakeClient):
    """FakeClient with connected Git providers."""

    def get(self, procedure, params=None, timeout=None):
        if procedure == "gitProvider.getAll":
            self.calls.append(("GET", procedure, dict(params or {}), timeout))
            return PROVIDERS
        return super(ProviderClient, self).get(procedure, params, timeout)


def git_provider(**values):
    """A git_provider option as a task would write it: only the keys it sets (an explicit null counts as set)."""
    provider = dict(PROVIDER_DEFAULTS)
    provider.update(values)
    return dict((key, value) for key, value in provider.items() if value is not None)


def run_compose(client, check_mode=False, **params):
    values = dict(COMPOSE_DEFAULTS)
    values.update(params)
    return run_resource(Compose, client, values, check_mode)


def test_compose_lifecycle():
    client = FakeClient()
    params = dict(compose_file="services:\n  web:\n    image: nginx\n", env="SECRET=" + CANARY)
    assert run_compose(client, check_mode=True, **params)["changed"] and not client.writes()
    result = run_compose(client, **params)
    assert [w[1] for w in client.writes()] == ["compose.create", "compose.update"]
    assert client.writes()[0][2]["sourceType"] == "raw" and CANARY not in repr(result)
    client.calls = []
    assert not run_compose(client, **params)["changed"]
    assert [c[1] for c in client.calls] == ["project.all", "compose.one"]
    client.calls = []
    result = run_compose(client, git_url="https://example.com/x.git", git_branch="main", git_ssh_key="deploy")
    assert client.writes()[0][2] == {"composeId": "compose-1", "sourceType": "git", "customGitUrl": "https://example.com/x.git",
                                     "customGitBranch": "main", "customGitSSHKeyId": "key1"}
    client.calls = []
    run_compose(client, state="absent", delete_volumes=True)
    assert client.writes() == [("POST", "compose.delete", {"composeId": "compose-1", "deleteVolumes": True}, None)]
    assert not run_compose(client, state="absent")["changed"]


def test_compose_provider_fields():
    client = ProviderClient()
    run_compose(client, git_provider=git_provider(type="gitlab", id="gl1", repository="app", owner="team", branch="dev",
                                                  gitlab_project_id=42), compose_path="./deploy/compose.yml")
    assert client.writes()[0][2]["sourceType"] == "gitlab"
    update = client.writes()[1][2]
    assert update["gitlabId"] == "gl1" and update["gitlabProjectId"] == 42
    assert update["gitlabRepository"] == "app" and update["gitlabOwner"] == "team" and update["gitlabBranch"] == "dev"
    assert update["composePath"] == "./deploy/compose.yml" and "gitlabBuildPath" not in update


def test_compose_provider_by_name_then_unchanged():
    client = ProviderClient()
    params = dict(git_provider=git_provider(type="github", name="acme-github", repository="api", owner="acme",
                                            branch="main", trigger_type="tag"))
    run_compose(client, **params)
    update = client.writes()[1][2]
    assert update == {"composeId": "compose-1", "githubId": "gh1", "repository": "api", "owner": "acme", "branch": "main",
                      "triggerType": "tag"}
    client.calls = []
    assert not run_compose(client, **params)["changed"] and not client.writes()
    # the gitProviderId works as the ID too
    del params["git_provider"]["name"]
    params["git_provider"]["id"] = "gp-github"
    assert not run_compose(client, **params)["changed"]


def test_compose_unknown_provider_lists_existing():
    client = ProviderClient()
    with pytest.raises(DokployError) as error:
        run_compose(client, git_provider=git_provider(type="github", name="nope", repository="api", owner="acme",
                                                      branch="main"))
    assert "nope" in str(error.value) and "acme-github" in str(error.value) and not client.writes()


def test_git_provider_spec_matches_the_field_tables():
    options = set(git_source.git_provider_option()["options"]) - {"type", "name"}
    for kind in git_source.SERVICE_KINDS:
        used = set(option for provider_type in git_source.PROVIDER_TYPES
                   for option, field in git_source.provider_fields(kind, provider_type))
        assert used == (options if kind == "application" else options - {"build_path"})


@pytest.mark.parametrize("kind, provider, message", [
    ("compose", dict(type="github", branch=" "), "git_provider.branch must not be empty"),
    ("application", dict(type="github", branch="main", gitlab_project_id=4),
     "git_provider.gitlab_project_id only applies to type gitlab"),
    ("compose", dict(type="gitlab", branch="main", trigger_type="tag"), "git_provider.trigger_type only applies to type github"),
    ("compose", dict(type="gitea", branch="main", build_path="/"), "git_provider.build_path only applies to applications"),
    ("application", dict(type="gitea", branch="main", build_path="/"), None),
])
def test_check_git_provider(kind, provider, message):
    problem = git_source.check_git_provider(kind, git_provider(repository="r", owner="o", **provider))
    assert problem == message if message is None else problem.startswith(message)


@pytest.mark.parametrize("text, words", [
    ("services:\n  web:\n    image: [unclosed\n", "compose_file is not valid YAML at line 4"),
    ("services:\n  web:\n\timage: nginx\n", "compose_file is not valid YAML at line 3"),
    ("version: '3.8'\n", "compose_file defines no services"),
    ("services: {}\n", "compose_file defines no services"),
    ("- web\n", "compose_file defines no services"),
])
def test_a_compose_file_that_is_not_compose_is_refused_before_any_request(text, words):
    client = FakeClient()
    with pytest.raises(DokployError) as caught:
        run_compose(client, compose_file=text)
    assert str(caught.value).startswith(words), str(caught.value)
    assert client.calls == []
