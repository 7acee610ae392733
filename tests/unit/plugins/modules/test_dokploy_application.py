# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dokploy_application, dokploy_domain and dokploy_env against a scripted client: which endpoint gets
which fields, that save* endpoints always get their whole group, and that nothing unchanged is written."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError, DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._application import Application
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._domain import Domain
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._env import EnvTarget
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._params import resource_params

from ansible_collections.dokploy.dokploy.tests.unit.fakes import FakeClient, fake_context

APP_ID = "A" * 21
ENV_ID = "E" * 21
PROJECT = {"projectId": "P" * 21, "name": "shop", "env": "SHARED=1", "environments": [
    {"environmentId": ENV_ID, "name": "production", "isDefault": True,
     "applications": [{"applicationId": APP_ID, "name": "web", "applicationStatus": "idle"}],
     "compose": [], "postgres": [], "mysql": [], "mariadb": [], "mongo": [], "redis": [], "libsql": []}]}
APP = {"applicationId": APP_ID, "name": "web", "appName": "app-x-abcdef", "description": None, "environmentId": ENV_ID,
       "serverId": None, "server": None, "sourceType": "docker", "dockerImage": "nginx:1", "username": "robot",
       "password": "pw", "registryUrl": "reg.example.com", "buildType": "nixpacks", "dockerfile": "Dockerfile",
       "dockerContextPath": None, "dockerBuildStage": None, "herokuVersion": "24", "railpackVersion": "0.15.4",
       "publishDirectory": None, "isStaticSpa": None, "env": "# c\nA=1\nB=2", "buildArgs": "X=1", "buildSecrets": None,
       "createEnvFile": True, "replicas": 1, "customGitUrl": None, "customGitBranch": None, "customGitBuildPath": None,
       "customGitSSHKeyId": None, "watchPaths": None, "enableSubmodules": False, "repository": None, "owner": None,
       "branch": None, "buildPath": "/", "githubId": None, "triggerType": "push", "refreshToken": "tok"}


def client(app=None, **extra):
    answers = {"project.all": [PROJECT], "application.one": copy.deepcopy(app or APP)}
    for name in ("application.update", "application.saveBuildType", "application.saveEnvironment",
                 "application.saveDockerProvider", "application.saveGitProvider", "application.saveGithubProvider"):
        answers[name] = True
    answers.update(extra)
    return FakeClient(answers)


def run(resource_class, fake, params, check_mode=False, diff=False):
    """``resource_class`` run on ``fake`` with ``params`` validated as its module validates them; (result, ctx)."""
    ctx = fake_context(fake, check_mode=check_mode, diff=diff)
    return resource_class(ctx, resource_params(resource_class, params)).run(), ctx


def run_app(fake, check_mode=False, **params):
    return run(Application, fake, dict(dict(project="shop", name="web"), **params), check_mode=check_mode)


def test_unchanged_application_takes_two_reads_and_no_write():
    fake = client()
    result, ctx = run_app(fake, docker_image="nginx:1", registry_password="pw", env={"A": "1", "B": "2"}, replicas=1)
    assert not result["changed"]
    assert [p for p, body in fake.reads()] == ["project.all", "application.one"]
    assert fake.writes() == []
    assert result["application"]["password"] == "********"
    assert result["application"]["env"] == "********"


def test_each_group_is_sent_whole_and_only_when_changed():
    fake = client()
    result, ctx = run_app(fake, publish_directory="dist", docker_image="nginx:1", registry_password="new", replicas=2)
    assert result["changed"]
    writes = dict(fake.writes())
    assert sorted(writes) == ["application.saveBuildType", "application.saveDockerProvider", "application.update"]
    assert writes["application.update"] == {"applicationId": APP_ID, "replicas": 2}
    assert writes["application.saveBuildType"] == {
        "applicationId": APP_ID, "buildType": "nixpacks", "dockerfile": "Dockerfile", "dockerContextPath": None,
        "dockerBuildStage": None, "herokuVersion": "24", "railpackVersion": "0.15.4", "publishDirectory": "dist"}
    assert writes["application.saveDockerProvider"] == {
        "applicationId": APP_ID, "dockerImage": "nginx:1", "username": "robot", "password": "new",
        "registryUrl": "reg.example.com"}


def test_env_dict_replaces_variables_keeping_comments_and_other_fields():
    fake = client()
    result, ctx = run_app(fake, env={"B": "3", "C": "x y"})
    writes = dict(fake.writes())
    assert list(writes) == ["application.saveEnvironment"]
    assert writes["application.saveEnvironment"] == {
        "applicationId": APP_ID, "env": "# c\nB=3\nC=x y", "buildArgs": "X=1", "buildSecrets": None, "createEnvFile": True}


def test_env_string_is_stored_verbatim():
    fake = client()
    run_app(fake, build_secrets="TOKEN=abc\n")
    body = dict(fake.writes())["application.saveEnvironment"]
    assert body["buildSecrets"] == "TOKEN=abc\n"
    assert body["env"] == APP["env"]


def test_check_mode_writes_nothing_and_masks_the_diff():
    fake = client()
    module_result, ctx = run_app(fake, check_mode=True, docker_image="nginx:1", registry_password="new")
    assert module_result["changed"]
    assert fake.writes() == []


def test_switching_source_sets_source_type_without_sending_it():
    fake = client(**{"sshKey.allForApps": [{"sshKeyId": "K" * 21, "name": "deploy"}]})
    result, ctx = run_app(fake, git_url="git@github.com:a/b.git", git_branch="main", git_ssh_key="deploy",
                          watch_paths=["src/**"])
    body = dict(fake.writes())["application.saveGitProvider"]
    assert body == {"applicationId": APP_ID, "customGitUrl": "git@github.com:a/b.git", "customGitBranch": "main",
                    "customGitBuildPath": None, "customGitSSHKeyId": "K" * 21, "watchPaths": ["src/**"],
                    "enableSubmodules": False}  # kept: required by the endpoint before Dokploy v0.28.4
    assert result["application"]["sourceType"] == "git"


def test_same_image_but_other_source_still_switches():
    app = dict(APP, sourceType="git")
    fake = client(app)
    result, ctx = run_app(fake, docker_image="nginx:1")
    assert [p for p, body in fake.writes()] == ["application.saveDockerProvider"]


def test_provider_by_name():
    providers = [{"gitProviderId": "G" * 21, "name": "acme", "providerType": "github",
                  "github": {"githubId": "H" * 21}, "gitlab": None, "bitbucket": None, "gitea": None}]
    fake = client(**{"gitProvider.getAll": providers})
    provider = dict(type="github", name="acme", repository="shop", owner="acme", branch="main")
    run_app(fake, git_provider=provider)
    body = dict(fake.writes())["application.saveGithubProvider"]
    assert body == {"applicationId": APP_ID, "repository": "shop", "owner": "acme", "branch": "main", "buildPath": "/",
                    "githubId": "H" * 21, "triggerType": "push", "enableSubmodules": False}


def test_missing_provider_lists_existing():
    fake = client(**{"gitProvider.getAll": []})
    provider = dict(type="gitea", name="nope", repository="r", owner="o", branch="main")
    with pytest.raises(DokployError) as error:
        run_app(fake, git_provider=provider)
    assert "nope" in str(error.value)


def test_create_then_remaining_fields():
    created = dict(APP, applicationId="N" * 21, description="d", sourceType="github", dockerImage=None, username=None, password=None,
                   registryUrl=None, env=None, buildArgs=None)
    project = copy.deepcopy(PROJECT)
    project["environments"][0]["applications"] = []
    fake = FakeClient({"project.all": [project], "application.create": created, "application.saveDockerProvider": True,
                       "application.saveEnvironment": True, "server.all": [{"serverId": "S" * 21, "name": "worker"}]})
    result, ctx = run_app(fake, description="d", docker_image="nginx:2", env={"K": "v"}, server="worker")
    writes = fake.writes()
    assert writes[0] == ("application.create", {"name": "web", "environmentId": ENV_ID, "description": "d",
                                                "serverId": "S" * 21})
    assert [p for p, body in writes[1:]] == ["application.saveEnvironment", "application.saveDockerProvider"] or \
        [p for p, body in writes[1:]] == ["application.saveDockerProvider", "application.saveEnvironment"]
    assert result["changed"]


def test_other_server_warns():
    fake = client(dict(APP, serverId="S" * 21, server={"name": "a"}))
    result, ctx = run_app(fake, server="b")
    assert ctx.warnings and "cannot move" in ctx.warnings[0]


def test_absent_missing_project_is_unchanged():
    fake = FakeClient({"project.all": []})
    result, ctx = run_app(fake, state="absent")
    assert result == {"changed": False, "application": {}}


# -- dokploy_domain --------------------------------------------------------------------------------------------

DOMAIN = {"domainId": "D" * 21, "host": "shop.example.com", "path": "/", "port": 80, "https": True,
          "certificateType": "letsencrypt", "internalPath": "/", "stripPath": False, "enabled": True,
          "applicationId": APP_ID, "serviceName": None, "application": {"applicationId": APP_ID}}


def run_domain(fake, check_mode=False, **params):
    values = dict(project="shop", application="web", host="shop.example.com")
    values.update(params)
    return run(Domain, fake, values, check_mode=check_mode)[0]


def test_domain_unchanged_and_updated():
    fake = FakeClient({"project.all": [PROJECT], "application.one": {"applicationId": APP_ID, "name": "web", "domains": [DOMAIN]}, "domain.update": DOMAIN})
    assert not run_domain(fake, port=80, https=True)["changed"]
    assert run_domain(fake, port=81)["changed"]
    assert fake.writes() == [("domain.update", {"domainId": "D" * 21, "host": "shop.example.com", "port": 81})]


def test_domain_create_sends_type_and_sets_enabled_afterwards():
    created = dict(DOMAIN, path="/api", domainId="F" * 21)
    fake = FakeClient({"project.all": [PROJECT], "application.one": {"applicationId": APP_ID, "name": "web", "domains": [DOMAIN]}, "domain.create": created,
                       "domain.update": dict(created, enabled=False)})
    result = run_domain(fake, path="/api", enabled=False)
    writes = fake.writes()
    assert writes[0] == ("domain.create", {"host": "shop.example.com", "path": "/api", "applicationId": APP_ID,
                                           "domainType": "application"})
    assert writes[1] == ("domain.update", {"domainId": "F" * 21, "host": "shop.example.com", "enabled": False})
    assert result["changed"]


# -- dokploy_env -----------------------------------------------------------------------------------------------

def run_env(fake, check_mode=False, diff=False, **params):
    return run(EnvTarget, fake, dict(dict(project="shop"), **params), check_mode=check_mode, diff=diff)[0]


def test_env_application_key_by_key():
    fake = client()
    result = run_env(fake, diff=True, environment="production", application="web", env={"A": "1", "NEW": "s3cret"})
    assert fake.writes() == [("application.saveEnvironment", {
        "applicationId": APP_ID, "env": "# c\nA=1\nB=2\nNEW=s3cret", "buildArgs": "X=1", "buildSecrets": None,
        "createEnvFile": True})]
    assert result["changes"] == {"env": {"added": ["NEW"], "changed": [], "removed": []}}
    assert result["diff"] == {"before": {"env": {}}, "after": {"env": {"NEW": "********"}}}
    assert "s3cret" not in str(result)


def test_env_project_unchanged_is_one_request():
    fake = FakeClient({"project.all": [PROJECT]})
    result = run_env(fake, env={"SHARED": "1"})
    assert not result["changed"]
    assert fake.calls == [("GET", "project.all", None)]


def test_env_absent_on_project():
    fake = FakeClient({"project.all": [PROJECT], "project.update": dict(PROJECT, env="")})
    result = run_env(fake, env={"SHARED": None}, state="absent")
    assert fake.writes() == [("project.update", {"projectId": PROJECT["projectId"], "env": ""})]
    assert result["changes"]["env"]["removed"] == ["SHARED"]


def test_env_environment_target_reads_environment_one():
    fake = FakeClient({"project.all": [PROJECT], "environment.one": {"environmentId": ENV_ID, "name": "production",
                                                                     "env": "A=1"},
                       "environment.update": {"environmentId": ENV_ID, "env": "A=1\nB=2"}})
    result = run_env(fake, environment="production", env={"B": "2"})
    assert fake.writes() == [("environment.update", {"environmentId": ENV_ID, "env": "A=1\nB=2"})]
    assert result["target"]["type"] == "environment"


def test_env_compose_and_database_targets():
    compose_id, pg_id = "C" * 21, "G" * 21
    project = copy.deepcopy(PROJECT)
    project["environments"][0]["compose"] = [{"composeId": compose_id, "name": "stack", "composeStatus": "idle"}]
    project["environments"][0]["postgres"] = [{"postgresId": pg_id}]
    fake = FakeClient({"project.all": [project], "compose.one": {"composeId": compose_id, "name": "stack", "env": None},
                       "compose.update": True})
    run_env(fake, compose="stack", environment="production", env={"TZ": "UTC"})
    assert fake.writes() == [("compose.update", {"composeId": compose_id, "env": "TZ=UTC"})]
    # A database by name: found by search, then its row (which nests its environment and project): two requests.
    fake = FakeClient({"postgres.search": {"items": [{"postgresId": pg_id, "name": "db"}], "total": 1},
                       "postgres.one": {"postgresId": pg_id, "name": "db", "env": "TZ=UTC",
                                        "environment": {"name": "production", "project": {"name": PROJECT["name"]}}}})
    result = run_env(fake, project=PROJECT["name"], database="db", database_type="postgres", environment="production",
                     env={"TZ": "UTC"})
    assert not result["changed"]
    assert [p for p, params in fake.reads()] == ["postgres.search", "postgres.one"]


def test_env_exclusive_and_check_mode():
    fake = client()
    result = run_env(fake, check_mode=True, diff=True, environment="production", application="web", env={"A": "1"},
                     exclusive=True)
    assert result["changed"]
    assert fake.writes() == []
    assert result["changes"]["env"]["removed"] == ["B"]
    assert result["diff"]["before"] == {"env": {"B": "********"}}


@pytest.mark.parametrize("params,fragment", [
    # was "512M" -> "whole number of bytes": sizes with a unit are accepted and converted since the reshaped engine
    (dict(memory_limit="lots"), "must be a size such as 512M"),
    (dict(watch_paths=["x"]), "need a Git source"),
    (dict(env={"A B": "1"}), "whitespace"),
    (dict(build_secrets=3), "dict of variables or a dotenv string"),
])
def test_application_bad_input(params, fragment):
    fake = FakeClient()
    with pytest.raises(DokployParamError) as error:
        run_app(fake, **params)
    assert fragment in str(error.value)
    assert fake.calls == []  # before any request


@pytest.mark.parametrize("params,fragment", [
    (dict(host="https://x.example.com"), "not a valid host name"),
    (dict(host="a_b.example.com"), "not a valid host name"),
    (dict(port=0), "between 1 and 65535"),
    (dict(certificate_type="letsencrypt", https=False), "needs https: true"),
    (dict(certificate_type="custom"), "custom_cert_resolver"),
    (dict(path="api"), "must start with '/'"),
])
def test_domain_bad_input(params, fragment):
    fake = FakeClient()
    with pytest.raises(DokployParamError) as error:
        run_domain(fake, **dict(dict(host="x.example.com"), **params))
    assert fragment in str(error.value)
    assert fake.calls == []
