# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The simulator's previewDeployment router (tests/simulator/routes/preview_deployment.py, from Dokploy v0.30.2's
source) and the seed of a preview (``/__sim__/previews``) that stands for Dokploy's GitHub webhook."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import (
    DokployClient,
    DokployError,
    DokployNotFoundError,
)
from simulator import Simulator

KEY = "preview-key"


@pytest.fixture
def sim():
    with Simulator(api_key=KEY) as simulator:
        simulator.control("deploy", {"deploy_duration": 0.1, "deploy_pickup": 0.05}, "POST")
        yield simulator


@pytest.fixture
def client(sim):
    return DokployClient(sim.url, KEY)


@pytest.fixture
def app(client):
    environment_id = client.post("project.create", {"name": "p"})["environment"]["environmentId"]
    row = client.post("application.create", {"name": "web", "environmentId": environment_id})
    client.post("application.update", {"applicationId": row["applicationId"], "isPreviewDeploymentsActive": True,
                                       "previewWildcard": "*.pr.example.com", "previewPort": 8080})
    return row


def test_a_seeded_preview_is_listed_with_its_domain_and_deployments(sim, client, app):
    assert client.get("previewDeployment.all", {"applicationId": app["applicationId"]}) == []
    first = sim.control("previews", {"applicationId": app["applicationId"], "pullRequestNumber": 7, "branch": "fix"}, "POST")
    second = sim.control("previews", {"applicationId": app["applicationId"], "pullRequestNumber": 8,
                                      "previewStatus": "error", "deployments": ["done", "error"]}, "POST")
    listed = client.get("previewDeployment.all", {"applicationId": app["applicationId"]})
    assert [p["previewDeploymentId"] for p in listed] == [second["previewDeploymentId"], first["previewDeploymentId"]]
    assert listed[1]["branch"] == "fix" and listed[1]["pullRequestNumber"] == "7" and listed[1]["previewStatus"] == "done"
    assert listed[1]["appName"].startswith("preview-%s-" % app["appName"])
    domain = listed[1]["domain"]
    assert domain["host"] == "%s.pr.example.com" % listed[1]["appName"] and domain["port"] == 8080
    assert domain["domainType"] == "preview" and domain["applicationId"] is None
    assert [d["status"] for d in listed[0]["deployments"]] == ["error", "done"]   # newest first
    assert all(d["applicationId"] is None and d["previewDeploymentId"] == second["previewDeploymentId"]
               for d in listed[0]["deployments"])
    # not the application's: its domains and deployments do not list them
    assert client.get("domain.byApplicationId", {"applicationId": app["applicationId"]}) == []
    assert client.get("deployment.all", {"applicationId": app["applicationId"]}) == []
    one = client.get("previewDeployment.one", {"previewDeploymentId": first["previewDeploymentId"]})
    assert one["domain"]["host"] == domain["host"] and "deployments" not in one
    assert one["application"] == {"applicationId": app["applicationId"], "serverId": None}
    assert len(client.get("application.one", {"applicationId": app["applicationId"]})["previewDeployments"]) == 2


def test_delete_removes_the_preview_its_domain_and_deployments(sim, client, app):
    preview = sim.control("previews", {"applicationId": app["applicationId"]}, "POST")
    assert client.post("previewDeployment.delete", {"previewDeploymentId": preview["previewDeploymentId"]}) is True
    assert client.get("previewDeployment.all", {"applicationId": app["applicationId"]}) == []
    assert not [d for d in sim.state["deployment"].values() if d.get("previewDeploymentId")]
    assert not [d for d in sim.state["domain"].values() if d.get("previewDeploymentId")]
    with pytest.raises(DokployNotFoundError) as caught:
        client.post("previewDeployment.delete", {"previewDeploymentId": preview["previewDeploymentId"]})
    assert "Preview Deployment not found" in str(caught.value)
    with pytest.raises(DokployNotFoundError):
        client.get("previewDeployment.one", {"previewDeploymentId": "nope"})


def test_redeploy_queues_a_deployment_of_the_preview_only(sim, client, app):
    preview = sim.control("previews", {"applicationId": app["applicationId"], "deployments": []}, "POST")
    sim.control("deploy", {"outcome": "error", "times": 1}, "POST")
    assert client.post("previewDeployment.redeploy", {"previewDeploymentId": preview["previewDeploymentId"]}) is True
    end = time.time() + 5
    while time.time() < end:
        listed = client.get("previewDeployment.all", {"applicationId": app["applicationId"]})[0]
        if listed["deployments"] and listed["deployments"][0]["status"] != "running":
            break
        time.sleep(0.05)
    assert listed["deployments"][0]["status"] == "error" and listed["deployments"][0]["title"] == "Rebuild Preview Deployment"
    assert listed["previewStatus"] == "error"
    row = client.get("application.one", {"applicationId": app["applicationId"]})
    assert row["applicationStatus"] == "idle" and row["deployments"] == []   # the application itself is untouched


def test_seed_needs_an_application(sim):
    with pytest.raises(ValueError, match="no such application"):
        sim.control("previews", {"applicationId": "nope"}, "POST")


def test_redeploy_came_with_v0_26_4(app, client):
    with Simulator(api_key=KEY, version="0.25") as old:
        with pytest.raises(DokployError) as caught:
            DokployClient(old.url, KEY).post("previewDeployment.redeploy", {"previewDeploymentId": "x"})
        assert caught.value.status == 404


def test_v025_reads_the_application_and_nests_it_whole():
    """v0.25.11's router reads the application first (404 "Application not found" for an unknown one, seen on a real
    v0.25.11; [] from v0.28.7) and its findPreviewDeploymentById nests the whole application with its server and
    environment.project ({applicationId, serverId} from v0.29.1)."""
    with Simulator(api_key=KEY, version="0.25") as old:
        client = DokployClient(old.url, KEY)
        environment_id = client.post("project.create", {"name": "p"})["environment"]["environmentId"]
        app = client.post("application.create", {"name": "web", "environmentId": environment_id})
        with pytest.raises(DokployNotFoundError) as caught:
            client.get("previewDeployment.all", {"applicationId": "nope"})
        assert caught.value.status == 404 and "Application not found" in str(caught.value)
        assert client.get("previewDeployment.all", {"applicationId": app["applicationId"]}) == []
        preview = old.control("previews", {"applicationId": app["applicationId"]}, "POST")
        nested = client.get("previewDeployment.one", {"previewDeploymentId": preview["previewDeploymentId"]})["application"]
        assert nested["applicationId"] == app["applicationId"] and nested["appName"] == app["appName"]
        assert nested["server"] is None and nested["environment"]["environmentId"] == environment_id
        assert nested["environment"]["project"]["name"] == "p"
        assert "rollbackRegistryId" not in nested and "isDefault" not in nested["environment"]   # v0.25.11's columns
    with Simulator(api_key=KEY, version="0.29.0") as before:
        client = DokployClient(before.url, KEY)
        assert client.get("previewDeployment.all", {"applicationId": "nope"}) == []


def test_v030_answers_an_unknown_application_with_no_previews(client):
    assert client.get("previewDeployment.all", {"applicationId": "nope"}) == []
