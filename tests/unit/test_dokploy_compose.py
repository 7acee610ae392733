# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dokploy_compose against the scripted in-memory client of test_dokploy_database.py."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dokploy.dokploy.plugins.modules import dokploy_compose
from test_dokploy_database import CANARY, FakeClient, FakeModule  # pylint: disable=import-error


COMPOSE_DEFAULTS = dict(project="shop", environment="production", name="stack", compose_id=None, description=None,
                        compose_type=None, compose_file=None, compose_src=None, git_url=None, git_branch=None, git_ssh_key=None,
                        compose_path=None, provider=None, provider_id=None, repository=None, owner=None,
                        gitlab_project_id=None, gitlab_path_namespace=None, command=None, env=None, randomize=None,
                        isolated_deployment=None, server=None, state="present", delete_volumes=False)


def run_compose(client, check_mode=False, **params):
    values = dict(COMPOSE_DEFAULTS)
    values.update(params)
    return dokploy_compose.Compose(FakeModule(client, values, check_mode)).run()


def test_compose_lifecycle():
    client = FakeClient()
    params = dict(compose_file="services: {}\n", env="SECRET=" + CANARY)
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
    client = FakeClient()
    run_compose(client, provider="gitlab", provider_id="gl1", repository="app", owner="team", git_branch="dev",
                gitlab_project_id=42)
    assert client.writes()[0][2]["sourceType"] == "gitlab"
    update = client.writes()[1][2]
    assert update["gitlabId"] == "gl1" and update["gitlabProjectId"] == 42
    assert update["gitlabRepository"] == "app" and update["gitlabOwner"] == "team" and update["gitlabBranch"] == "dev"
