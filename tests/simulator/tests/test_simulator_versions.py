# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The simulator answering as Dokploy v0.25 ... v0.30 (tests/simulator/versions.py and its hooks in core.py)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import signal
import subprocess
import sys
import time

import pytest
import requests

TESTS_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # tests/simulator/tests -> tests
if TESTS_DIR not in sys.path:
    sys.path.insert(0, TESTS_DIR)

from simulator import Simulator  # noqa: E402  pylint: disable=wrong-import-position
from simulator import versions  # noqa: E402  pylint: disable=wrong-import-position

from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._capabilities import CAPABILITIES  # noqa: E402

KEY = "versions-key"
MINORS = ("0.25", "0.26", "0.27", "0.28", "0.29", "0.30")


class Api(object):
    """Raw calls: (status, decoded body)."""

    def __init__(self, sim):
        self.sim = sim

    def _send(self, method, procedure, **kwargs):
        response = requests.request(method, "%s/api/%s" % (self.sim.url, procedure), headers={"x-api-key": KEY},
                                    timeout=10, **kwargs)
        return response.status_code, (response.json() if response.text else None)

    def get(self, procedure, **params):
        return self._send("GET", procedure, params=params)

    def post(self, procedure, body):
        return self._send("POST", procedure, json=body)

    def ok(self, method, procedure, body):
        status, answer = self.get(procedure, **body) if method == "GET" else self.post(procedure, body)
        assert status == 200, answer
        return answer

    def project(self, name="p"):
        answer = self.ok("POST", "project.create", {"name": name})
        return answer["project"]["projectId"], answer["environment"]


@pytest.fixture(params=MINORS)
def any_api(request):
    with Simulator(api_key=KEY, version=request.param) as sim:
        yield Api(sim)


def api_for(version):
    return Simulator(api_key=KEY, version=version)


# ---- profiles -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    (None, (0, 30, 2)), ("0.25", (0, 25, 11)), ("v0.26", (0, 26, 7)), ("0.29", (0, 29, 14)), ("0.26.3", (0, 26, 3)),
    ("v0.30.2", (0, 30, 2)), ((0, 27), (0, 27, 1)),
])
def test_versions_parse(text, expected):
    assert versions.parse(text) == expected


@pytest.mark.parametrize("text", ["0.24", "0.31", "0.24.12", "1.0.0", "latest", "0.3x"])
def test_unsupported_versions_are_refused(text):
    with pytest.raises(ValueError):
        versions.parse(text)


def test_one_profile_per_minor_version():
    assert sorted(versions.PROFILES) == list(MINORS)
    assert versions.PROFILES["0.30"].is_latest
    latest = versions.PROFILES["0.30"]
    assert not latest.missing and not latest.missing_routers and not latest.whole_rows
    assert all(latest.behaviours.values())


def test_profiles_grow_monotonically():
    previous = None
    for minor in MINORS:
        profile = versions.PROFILES[minor]
        if previous is not None:
            assert profile.missing <= previous.missing
            assert all(profile.behaviours[b] >= previous.behaviours[b] for b in profile.behaviours)
        previous = profile


def test_tables_agree_with_the_collections_capabilities():
    """The simulator and plugins/module_utils/tables/_capabilities.py read the same source: they must not disagree."""
    pairs = {
        "compose.saveEnvironment": versions.PROCEDURES_SINCE["compose.saveEnvironment"],
        "deployment.readLogs": versions.PROCEDURES_SINCE["deployment.readLogs"],
        "database.changePassword": versions.PROCEDURES_SINCE["postgres.changePassword"],
        "sshKey.allForApps": versions.PROCEDURES_SINCE["sshKey.allForApps"],
        "mounts.listByServiceId": versions.PROCEDURES_SINCE["mounts.listByServiceId"],
        "libsql": versions.ROUTERS_SINCE["libsql"],
        "overview": versions.ROUTERS_SINCE["overview"],
        "network": versions.ROUTERS_SINCE["network"],
        "tag": versions.ROUTERS_SINCE["tag"],
        "vaultProvider": versions.ROUTERS_SINCE["vaultProvider"],
        "licenseKey": versions.ROUTERS_SINCE["licenseKey"],
        "user.createUserWithCredentials": versions.PROCEDURES_SINCE["user.createUserWithCredentials"],
        "organization.inviteMember": versions.PROCEDURES_SINCE["organization.inviteMember"],
        "organization.updateMemberRole": versions.PROCEDURES_SINCE["organization.updateMemberRole"],
        "settings.getWebServerSettings": versions.PROCEDURES_SINCE["settings.getWebServerSettings"],
        "settings.buildsConcurrency": versions.PROCEDURES_SINCE["settings.updateBuildsConcurrency"],
        "settings.remoteServersOnly": versions.PROCEDURES_SINCE["settings.updateRemoteServersOnly"],
        "environment.isDefault": versions.COLUMNS_SINCE["environment"]["isDefault"],
        "service.args": versions.COLUMNS_SINCE["application"]["args"],
        "application.buildSecrets": versions.COLUMNS_SINCE["application"]["previewBuildSecrets"],
        "bitbucket.repositorySlug": versions.COLUMNS_SINCE["compose"]["bitbucketRepositorySlug"],
        "domain.customEntrypoint": versions.COLUMNS_SINCE["domain"]["customEntrypoint"],
        "database.create.appName_optional": versions.REQUIRED_UNTIL["postgres.create"]["appName"],
        "application.saveProvider.enableSubmodules_optional":
            versions.REQUIRED_UNTIL["application.saveGithubProvider"]["enableSubmodules"],
        "errors.data": versions.ZOD4,
        "input.required_nonoptional": versions.ZOD4,
        "environment.remove.refuses_services": versions.BEHAVIOURS["environment.remove.refuses_services"],
        "environment.one.summary": versions.BEHAVIOURS["environment.one.summary"],
        "organization.defaultRole": versions.COLUMNS_SINCE["organization"]["defaultRole"],
        "user.accessedGitProviders": versions.COLUMNS_SINCE["member"]["accessedGitProviders"],
        "server.update.dockerCleanup": versions.BEHAVIOURS["server.enableDockerCleanup"],
        "project.one.summary": versions.WHOLE_ROWS_UNTIL["project.one"][0],
        "project.all.summary": versions.WHOLE_ROWS_UNTIL["project.all"][0],
        "domain.service.summary": versions.WHOLE_ROWS_UNTIL["domain.byApplicationId"][0],
        "application.one.hides_git_secrets": versions.WHOLE_ROWS_UNTIL["application.one#git"][0],
        "application.one.hides_registry_password": versions.WHOLE_ROWS_UNTIL["application.one#registry"][0],
        "destination.keys_hidden": versions.WHOLE_ROWS_UNTIL["postgres.one#destination"][0],
    }
    for capability, simulated in pairs.items():
        assert CAPABILITIES[capability][0] == simulated, capability


# ---- over HTTP ------------------------------------------------------------------------------------------------
def test_version_is_reported(any_api):
    status, answer = any_api.get("settings.getDokployVersion")
    assert status == 200 and answer == any_api.sim.profile.tag
    assert any_api.sim.config["version"] == answer


@pytest.mark.parametrize("version, procedure, body, exists", [
    ("0.25", "compose.saveEnvironment", {"composeId": "x", "env": ""}, False),
    ("0.28", "compose.saveEnvironment", {"composeId": "x", "env": ""}, False),
    ("0.29", "compose.saveEnvironment", {"composeId": "x", "env": ""}, True),
    ("0.25", "postgres.changePassword", {"postgresId": "x", "password": "abc"}, False),
    ("0.28", "deployment.readLogs", {"deploymentId": "x"}, False),
    ("0.29", "deployment.readLogs", {"deploymentId": "x"}, True),
    ("0.29", "overview.services", {}, False),
    ("0.30", "overview.services", {}, True),
    ("0.28", "libsql.create", {"name": "x"}, False),
])
def test_procedures_an_older_server_lacks_are_unknown_paths(version, procedure, body, exists):
    with api_for(version) as sim:
        api = Api(sim)
        spec_method = "GET" if procedure.startswith(("overview.", "deployment.readLogs")) else "POST"
        status, answer = api.get(procedure, **body) if spec_method == "GET" else api.post(procedure, body)
        if exists:
            assert not (status == 404 and answer["message"] == "Not found"), answer
        else:
            expected = versions.NOT_FOUND if version < "0.28" else dict(versions.NOT_FOUND, data=answer.get("data"))
            assert (status, answer) == (404, expected)


def test_v0_25_requires_a_database_app_name_and_answers_zod3_without_data():
    with api_for("0.25") as sim:
        api = Api(sim)
        project_id, environment = api.project()
        body = {"name": "db", "environmentId": environment["environmentId"], "databaseName": "d",
                "databaseUser": "u", "databasePassword": "pw"}
        status, answer = api.post("postgres.create", body)
        assert (status, answer) == (400, {"message": "Input validation failed", "code": "BAD_REQUEST", "issues": [
            {"code": "invalid_type", "expected": "string", "received": "undefined", "path": ["appName"], "message": "Required"}]})
        # v0.25.11 answers `true`, not the row (a real v0.25.11, tests/acceptance/test_differential.py)
        assert api.ok("POST", "postgres.create", dict(body, appName="shop-db")) is True
        project = api.ok("GET", "project.one", {"projectId": project_id})
        created = project["environments"][0]["postgres"][0]
        assert created["appName"].startswith("shop-db-")
        assert "args" not in created and "ulimitsSwarm" not in created


@pytest.mark.parametrize("version, required", [("0.25", True), ("0.28", False), ("0.28.3", True)])
def test_git_provider_saves_require_enable_submodules_before_v0_28_4(version, required):
    with api_for(version) as sim:
        api = Api(sim)
        dummy, environment = api.project()
        app = api.ok("POST", "application.create", {"name": "web", "environmentId": environment["environmentId"]})
        body = {"applicationId": app["applicationId"], "customGitUrl": "https://git.example.com/a.git",
                "customGitBranch": "main", "customGitBuildPath": "/", "watchPaths": []}
        status, answer = api.post("application.saveGitProvider", body)
        if required:
            assert status == 400
            message = "Required" if version == "0.25" else "Invalid input: expected boolean, received undefined"
            assert {"path": ["enableSubmodules"], "message": message}.items() <= answer["issues"][-1].items()
        else:
            assert status == 200, answer


def test_app_name_optional_from_v0_26_7():
    with api_for("0.26") as sim:
        api = Api(sim)
        dummy, environment = api.project()
        created = api.ok("POST", "redis.create", {"name": "cache", "environmentId": environment["environmentId"],
                                                  "databasePassword": "pw"})
        assert created["appName"].startswith("redis-")   # picked by the server, as Dokploy does


def test_errors_keep_data_from_v0_28(any_api):
    status, answer = any_api.post("environment.remove", {"environmentId": "missing"})
    assert status == 404 and answer["message"] == "Environment not found"
    assert ("data" in answer) is (any_api.sim.profile.version >= (0, 28, 0))


def test_v0_25_environments_have_no_is_default_and_production_is_protected_by_name():
    with api_for("0.25") as sim:
        api = Api(sim)
        project_id, production = api.project()
        assert "isDefault" not in production
        detail = api.ok("GET", "project.one", {"projectId": project_id})
        assert all("isDefault" not in e for e in detail["environments"])
        status, answer = api.post("environment.remove", {"environmentId": production["environmentId"]})
        assert (status, answer) == (400, {"message": "You cannot delete the production environment", "code": "BAD_REQUEST"})
        status, answer = api.post("environment.create", {"name": "production", "projectId": project_id})
        assert answer["message"] == "Environment name cannot be production"
        # renaming the production environment is allowed: nothing marks it default
        renamed = api.ok("POST", "environment.update", {"environmentId": production["environmentId"], "name": "prod"})
        assert renamed["name"] == "prod"


@pytest.mark.parametrize("version, refused", [("0.25", False), ("0.26", False), ("0.27", True), ("0.30", True)])
def test_removing_an_environment_with_services(version, refused):
    with api_for(version) as sim:
        api = Api(sim)
        project_id, dummy = api.project()
        staging = api.ok("POST", "environment.create", {"name": "staging", "projectId": project_id})
        app = api.ok("POST", "application.create", {"name": "web", "environmentId": staging["environmentId"]})
        status, answer = api.post("environment.remove", {"environmentId": staging["environmentId"]})
        if refused:
            assert status == 400 and "active services" in answer["message"]
            assert api.get("application.one", applicationId=app["applicationId"])[0] == 200
        else:
            assert status == 200
            assert api.get("application.one", applicationId=app["applicationId"])[0] == 404


@pytest.mark.parametrize("version, accepted", [("0.25", True), ("0.27", True), ("0.28", False), ("0.30", False)])
def test_partial_application_save_environment(version, accepted):
    with api_for(version) as sim:
        api = Api(sim)
        dummy, environment = api.project()
        app = api.ok("POST", "application.create", {"name": "web", "environmentId": environment["environmentId"]})
        body = {"applicationId": app["applicationId"], "env": "A=1", "buildArgs": "B=2", "buildSecrets": "S=3"}
        api.ok("POST", "application.saveEnvironment", dict(body, createEnvFile=True))
        status, answer = api.post("application.saveEnvironment", {"applicationId": app["applicationId"], "env": "A=9"})
        if accepted:
            assert status == 200
            kept = api.ok("GET", "application.one", {"applicationId": app["applicationId"]})
            assert (kept["env"], kept["buildArgs"], kept["buildSecrets"]) == ("A=9", "B=2", "S=3")
        else:
            assert status == 400 and answer["message"] == "Input validation failed"


def test_v0_25_shapes_whole_rows_and_absent_fields():
    with api_for("0.25") as sim:
        api = Api(sim)
        project_id, environment = api.project()
        app = api.ok("POST", "application.create", {"name": "web", "environmentId": environment["environmentId"]})
        for field in ("args", "buildServerId", "bitbucketRepositorySlug", "buildRegistryId", "createEnvFile", "icon"):
            assert field not in app
        api.ok("POST", "domain.create", {"host": "web.example.com", "applicationId": app["applicationId"],
                                         "domainType": "application"})
        domains = api.ok("GET", "domain.byApplicationId", {"applicationId": app["applicationId"]})
        assert "customEntrypoint" not in domains[0] and "middlewares" not in domains[0]
        assert "buildType" in domains[0]["application"]  # the whole row, not {applicationId, appName, name}
        one = api.ok("GET", "environment.one", {"environmentId": environment["environmentId"]})
        assert "isDefault" not in one and "libsql" not in one and "createdAt" in one
        assert one["applications"][0]["appName"] == app["appName"] and one["applications"][0]["deployments"] == []
        detail = api.ok("GET", "project.one", {"projectId": project_id})
        assert "projectTags" not in detail
        assert "buildType" in detail["environments"][0]["applications"][0]
        listed = api.ok("GET", "project.all", {})[0]["environments"][0]
        assert listed["projectId"] == project_id and "isDefault" not in listed
        assert listed["applications"][0]["domains"][0]["host"] == "web.example.com"


@pytest.mark.parametrize("version, whole", [("0.25", True), ("0.30", False)])
def test_git_providers_organizations_and_members_as_a_real_v0_25_11_lists_them(version, whole):
    """Seen on the real v0.25.11 (tests/acceptance/test_versions_v025.py): gitProvider.getAll nests each provider's
    whole row (secrets included, no isConfigured) and no isOwner; no defaultRole on organisations; members without
    accessedGitProviders and accessedServers."""
    with api_for(version) as sim:
        api = Api(sim)
        me = api.ok("GET", "user.get", {})
        api.ok("POST", "bitbucket.create", {"name": "bb", "authId": me["userId"], "bitbucketUsername": "bot",
                                            "appPassword": "app-pass-1", "bitbucketWorkspaceName": "team"})
        provider = api.ok("GET", "gitProvider.getAll", {})[0]
        assert ("appPassword" in provider["bitbucket"]) is whole
        assert ("isConfigured" in provider["bitbucket"]) is not whole and ("isOwner" in provider) is not whole
        organization = api.ok("GET", "organization.all", {})[0]
        assert ("defaultRole" in organization) is not whole
        assert ("accessedServers" in organization["members"][0]) is not whole
        assert ("accessedGitProviders" in api.ok("GET", "user.all", {})[0]) is not whole


def test_v0_30_shapes_are_untouched():
    with api_for("0.30") as sim:
        api = Api(sim)
        dummy, environment = api.project()
        assert environment["isDefault"] is True
        app = api.ok("POST", "application.create", {"name": "web", "environmentId": environment["environmentId"]})
        assert "args" in app and "buildServerId" in app
        api.ok("POST", "domain.create", {"host": "web.example.com", "applicationId": app["applicationId"],
                                         "domainType": "application"})
        domains = api.ok("GET", "domain.byApplicationId", {"applicationId": app["applicationId"]})
        assert sorted(domains[0]["application"]) == ["appName", "applicationId", "name"]


def test_trim_recognises_rows_by_their_own_id():
    profile = versions.PROFILES["0.25"]
    deployment = {"deploymentId": "d", "applicationId": "a", "buildServerId": None, "status": "done"}
    assert profile.trim(deployment) == {"deploymentId": "d", "applicationId": "a", "status": "done"}
    schedule = {"scheduleId": "s", "applicationId": "a", "timezone": "UTC", "enabled": True}
    assert profile.trim(schedule) == {"scheduleId": "s", "applicationId": "a", "enabled": True}
    nested = {"project": {"projectId": "p", "projectTags": []}, "environment": {"environmentId": "e", "isDefault": True}}
    assert profile.trim(nested) == {"project": {"projectId": "p"}, "environment": {"environmentId": "e"}}


def test_trim_recognises_a_gitlab_row_by_its_url_not_its_oauth_application_id():
    """A gitlab row's applicationId is its OAuth application's; v0.25.11 has no gitlabInternalUrl (v0.27.0)."""
    profile = versions.PROFILES["0.25"]
    gitlab = {"gitlabId": "g", "gitlabUrl": "https://gitlab.com", "gitlabInternalUrl": None, "applicationId": "oauth"}
    assert profile.trim(gitlab) == {"gitlabId": "g", "gitlabUrl": "https://gitlab.com", "applicationId": "oauth"}
    application = {"applicationId": "a", "gitlabId": "g", "args": [], "name": "web"}
    assert profile.trim(application) == {"applicationId": "a", "gitlabId": "g", "name": "web"}


def test_run_py_answers_as_the_version_asked(tmp_path):
    ready = str(tmp_path / "url")
    process = subprocess.Popen([sys.executable, os.path.join(TESTS_DIR, "simulator", "run.py"), "--api-key", KEY,
                                "--version", "0.25", "--ready-file", ready], stdout=subprocess.PIPE)
    try:
        process.stdout.readline()
        deadline = time.time() + 10
        while not os.path.exists(ready) and time.time() < deadline:
            time.sleep(0.05)
        with open(ready) as handle:
            url = handle.read()
        answer = requests.get(url + "/api/settings.getDokployVersion", headers={"x-api-key": KEY}, timeout=10)
        assert answer.json() == "v0.25.11"
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(10)
        process.stdout.close()


def test_version_can_be_switched_at_run_time():
    with api_for(None) as sim:
        api = Api(sim)
        assert api.get("settings.getDokployVersion")[1] == "v0.30.2"
        answer = requests.post(sim.url + "/__sim__/version", json={"version": "0.25"}, timeout=10).json()
        assert answer["version"] == "v0.25.11" and answer["behaviours"]["environment.isDefault"] is False
        assert api.get("settings.getDokployVersion")[1] == "v0.25.11"
        assert api.post("compose.saveEnvironment", {"composeId": "x", "env": ""})[0] == 404
        assert sim.control("version", {"version": "v0.30.2"}, method="POST")["version"] == "v0.30.2"
        assert requests.get(sim.url + "/__sim__/version", timeout=10).json()["version"] == "v0.30.2"
        with pytest.raises(ValueError, match="answered 400"):
            sim.control("version", {"version": "0.24"}, method="POST")


@pytest.mark.parametrize("version, shown", [("0.29.7", True), ("0.29", False)])
def test_application_one_shows_the_registry_password_before_v0_29_8(version, shown):
    with api_for(version) as sim:
        api = Api(sim)
        dummy, environment = api.project()
        app = api.ok("POST", "application.create", {"name": "web", "environmentId": environment["environmentId"]})
        sim.control("remote", {"registry_login": "ok"}, method="POST")  # no docker login from a unit test
        registry = api.ok("POST", "registry.create", {"registryName": "r", "username": "u", "password": "registry-secret",
                                                      "registryUrl": "registry.example.com", "registryType": "cloud",
                                                      "imagePrefix": None})
        registry_id = (registry or {}).get("registryId") or api.ok("GET", "registry.all", {})[0]["registryId"]
        api.ok("POST", "application.update", {"applicationId": app["applicationId"], "registryId": registry_id})
        detail = api.ok("GET", "application.one", {"applicationId": app["applicationId"]})
        assert (detail["registry"].get("password") == "registry-secret") is shown


@pytest.mark.parametrize("version, shown", [("0.29.7", True), ("0.29", False)])
def test_backups_show_the_s3_keys_before_v0_29_8(version, shown):
    with api_for(version) as sim:
        api = Api(sim)
        dummy, environment = api.project()
        database = api.ok("POST", "postgres.create", {"name": "db", "appName": "db", "environmentId": environment["environmentId"],
                                                      "databaseName": "d", "databaseUser": "u", "databasePassword": "pw"})
        destination = api.ok("POST", "destination.create", {"name": "s3", "provider": "aws", "accessKey": "AKIA-SECRET",
                                                            "secretAccessKey": "s3-secret", "bucket": "b", "region": "r",
                                                            "endpoint": "https://s3.example.com"})
        api.ok("POST", "backup.create", {"schedule": "0 0 * * *", "prefix": "p", "destinationId": destination["destinationId"],
                                         "database": "d", "postgresId": database["postgresId"], "databaseType": "postgres",
                                         "backupType": "database", "enabled": True})
        detail = api.ok("GET", "postgres.one", {"postgresId": database["postgresId"]})
        assert (detail["backups"][0]["destination"].get("secretAccessKey") == "s3-secret") is shown


def test_environment_variable_chooses_the_default_version(monkeypatch):
    monkeypatch.setenv(versions.VERSION_ENV, "0.27")
    with api_for(None) as sim:
        assert sim.profile.tag == "v0.27.1"
    with api_for("0.29") as sim:
        assert sim.profile.tag == "v0.29.14"
