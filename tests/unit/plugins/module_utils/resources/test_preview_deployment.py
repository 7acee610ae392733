# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dokploy_preview_deployment_info and dokploy_preview_deployment (resources/_preview_deployment.py, issue 22) against
the simulator, with previews seeded as Dokploy's GitHub webhook makes them (/__sim__/previews)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import (
    DokployClient,
    DokployError,
    DokployParamError,
    DokployUnsupportedError,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._context import Context
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._deployments import DokployDeploymentError
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._preview_deployment import (
    PreviewDeployment,
    PreviewDeploymentInfo,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._params import resource_params
from ansible_collections.dokploy.dokploy.tests.unit.conftest import SIM_KEY as KEY
from ansible_collections.dokploy.dokploy.tests.unit.fakes import FakeClient, converge


def run(sim, task_class, check_mode=False, diff=False, **params):
    sim.clear_requests()
    ctx = Context(DokployClient(sim.url, KEY), check_mode=check_mode, diff=diff)
    return task_class(ctx, resource_params(task_class, params)).run()


def calls(sim):
    return [(r["method"], r["path"].rsplit("/", 1)[-1]) for r in sim.requests()]


def writes(sim):
    return [(r["path"].rsplit("/", 1)[-1], r.get("body")) for r in sim.requests() if r["method"] == "POST"]


@pytest.fixture
def app(deploy_sim):
    client = DokployClient(deploy_sim.url, KEY)
    environment_id = client.get("project.all")[0]["environments"][0]["environmentId"]
    row = client.post("application.create", {"name": "web", "environmentId": environment_id})
    client.post("application.update", {"applicationId": row["applicationId"], "previewWildcard": "*.pr.example.com",
                                       "previewHttps": True, "previewPath": "/app"})
    return row


def seed(sim, app, **values):
    return sim.control("previews", dict(applicationId=app["applicationId"], **values), "POST")


def test_info_on_an_application_without_previews(deploy_sim, app):
    result = run(deploy_sim, PreviewDeploymentInfo, project="shop", application="web")
    assert result == {"changed": False, "application": {"id": app["applicationId"], "name": "web"},
                      "preview_deployments": [], "preview_deployment": {}}
    assert all(method == "GET" for method, path in calls(deploy_sim))


def test_info_lists_previews_newest_first_with_their_address(deploy_sim, app):
    first = seed(deploy_sim, app, pullRequestNumber=7, branch="fix-7")
    second = seed(deploy_sim, app, pullRequestNumber=8, branch="feat-8", previewStatus="error", deployments=["done", "error"])
    result = run(deploy_sim, PreviewDeploymentInfo, application_id=app["applicationId"])
    listed = result["preview_deployments"]
    assert [p["previewDeploymentId"] for p in listed] == [second["previewDeploymentId"], first["previewDeploymentId"]]
    assert listed[1]["url"] == "https://%s.pr.example.com/app" % first["appName"]
    assert [d["status"] for d in listed[0]["deployments"]] == ["error", "done"]
    assert calls(deploy_sim)[-1] == ("GET", "previewDeployment.all")
    by_pr = run(deploy_sim, PreviewDeploymentInfo, project="shop", application="web", pull_request=7)
    assert [p["branch"] for p in by_pr["preview_deployments"]] == ["fix-7"]
    by_branch = run(deploy_sim, PreviewDeploymentInfo, project="shop", application="web", branch="feat-8")
    assert [p["pullRequestNumber"] for p in by_branch["preview_deployments"]] == ["8"]
    # one by its ID alone: previewDeployment.one names the application, .all gives its deployments
    one = run(deploy_sim, PreviewDeploymentInfo, preview_deployment_id=second["previewDeploymentId"])
    assert one["preview_deployment"]["previewStatus"] == "error" and len(one["preview_deployment"]["deployments"]) == 2
    assert one["application"]["id"] == app["applicationId"]
    assert calls(deploy_sim) == [("GET", "previewDeployment.one"), ("GET", "previewDeployment.all")]
    missing = run(deploy_sim, PreviewDeploymentInfo, preview_deployment_id="no-such-preview")
    assert missing["preview_deployment"] == {} and missing["preview_deployments"] == []


@pytest.mark.parametrize("task_class", [PreviewDeploymentInfo, PreviewDeployment])
def test_bad_selection_is_refused_before_any_request(task_class):
    extra = {"state": "absent"} if task_class is PreviewDeployment else {}
    with pytest.raises(DokployParamError, match="give application|one of the following is required: application"):
        resource_params(task_class, dict(pull_request=3, **extra))
    with pytest.raises(DokployParamError, match="not a Dokploy ID"):
        resource_params(task_class, dict(preview_deployment_id="a b", **extra))
    with pytest.raises(DokployParamError, match="pull_request must not be negative"):
        resource_params(task_class, dict(application_id="a1", pull_request=-1, **extra))
    with pytest.raises(DokployParamError, match="needs project"):
        resource_params(task_class, dict(application="web", pull_request=1, **extra))


def test_absent_deletes_once_check_mode_writes_nothing(deploy_sim, app):
    preview = seed(deploy_sim, app, pullRequestNumber=12)
    selection = dict(project="shop", application="web", pull_request=12, state="absent")
    predicted = run(deploy_sim, PreviewDeployment, check_mode=True, diff=True, **selection)
    assert predicted["changed"] and writes(deploy_sim) == []
    assert predicted["diff"]["before"]["previewDeploymentId"] == preview["previewDeploymentId"]
    assert predicted["diff"]["after"] == {}
    done = run(deploy_sim, PreviewDeployment, **selection)
    assert done["changed"] and done["preview_deployment"]["previewDeploymentId"] == preview["previewDeploymentId"]
    assert writes(deploy_sim) == [("previewDeployment.delete", {"previewDeploymentId": preview["previewDeploymentId"]})]
    again = run(deploy_sim, PreviewDeployment, **selection)
    assert again == {"changed": False, "preview_deployment": {}} and writes(deploy_sim) == []
    by_id = run(deploy_sim, PreviewDeployment, preview_deployment_id=preview["previewDeploymentId"], state="absent")
    assert by_id["changed"] is False and writes(deploy_sim) == []


def test_several_matches_fail_naming_them(deploy_sim, app):
    seed(deploy_sim, app, pullRequestNumber=1, branch="same")
    seed(deploy_sim, app, pullRequestNumber=2, branch="same")
    with pytest.raises(DokployParamError) as caught:
        run(deploy_sim, PreviewDeployment, project="shop", application="web", branch="same", state="absent")
    assert "2 previews of application 'web' match" in str(caught.value) and "pull request #1" in str(caught.value)
    assert writes(deploy_sim) == []


def test_redeployed_waits_for_the_new_deployment(deploy_sim, app):
    preview = seed(deploy_sim, app, pullRequestNumber=5)
    selection = dict(project="shop", application="web", pull_request=5, state="redeployed", poll_interval=0.05)
    predicted = run(deploy_sim, PreviewDeployment, check_mode=True, **selection)
    assert predicted["changed"] and predicted["deployment"] == {} and writes(deploy_sim) == []
    done = run(deploy_sim, PreviewDeployment, title="Rebuilt by Ansible", **selection)
    assert done["changed"] and done["deployment"]["status"] == "done"
    assert done["deployment"]["title"] == "Rebuilt by Ansible"
    assert done["deployment"]["previewDeploymentId"] == preview["previewDeploymentId"]
    assert len(done["preview_deployment"]["deployments"]) == 2 and done["preview_deployment"]["previewStatus"] == "done"
    assert writes(deploy_sim) == [("previewDeployment.redeploy", {"previewDeploymentId": preview["previewDeploymentId"],
                                                                  "title": "Rebuilt by Ansible"})]


def test_a_failed_rebuild_fails_with_the_deployment(deploy_sim, app):
    seed(deploy_sim, app, pullRequestNumber=5)
    deploy_sim.control("deploy", {"outcome": "error", "times": 1}, "POST")
    with pytest.raises(DokployDeploymentError) as caught:
        run(deploy_sim, PreviewDeployment, application_id=app["applicationId"], pull_request=5, state="redeployed",
            poll_interval=0.05)
    assert "ended with status 'error'" in str(caught.value)
    assert caught.value.result["changed"] and caught.value.result["deployment"]["status"] == "error"


def test_redeployed_needs_a_preview(deploy_sim, app):
    seed(deploy_sim, app, pullRequestNumber=5)
    with pytest.raises(DokployError) as caught:
        run(deploy_sim, PreviewDeployment, project="shop", application="web", pull_request=6, state="redeployed")
    assert "has no preview that matches (pull_request 6); its previews: preview" in str(caught.value)
    assert writes(deploy_sim) == []


def test_redeployed_needs_v0_26_4():
    client = FakeClient({"previewDeployment.one": {"previewDeploymentId": "p1", "applicationId": "a1"},
                         "previewDeployment.all": [{"previewDeploymentId": "p1", "applicationId": "a1",
                                                    "deployments": []}]}, version=(0, 25, 11))
    with pytest.raises(DokployUnsupportedError) as caught:
        converge(PreviewDeployment, dict(preview_deployment_id="p1", state="redeployed"), client)
    assert "needs Dokploy v0.26.4 or newer (previewDeployment.redeploy)" in str(caught.value)
    assert client.writes() == []
