# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Preview deployments on a real Dokploy v0.30.2 (issue 22): dokploy_application's preview settings written by
application.update and read back as stored, a re-run and the export applied again without a change; the previewDeployment
router the simulator learnt from the source (nothing recorded) answering as the simulator does: an application without
previews lists none, an unknown preview is a 404. A preview itself needs a GitHub webhook, which cannot happen here."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from conftest import REGISTRY, play

PROJECT = "acc-preview"
PREVIEW = {"enabled": True, "wildcard_domain": "*.pr.example.com", "port": 8080, "path": "/app", "https": True,
           "certificate_type": "letsencrypt", "limit": 2, "labels": ["preview"], "require_collaborator_permissions": False,
           "env": {"API_URL": "https://api.example.com", "API_TOKEN": "acc-preview-token-1"},
           "build_args": "NODE_ENV=preview", "build_secrets": {"NPM_TOKEN": "acc-npm-secret-1"}}


def test_preview_settings_and_previews_on_the_real_server(real):
    app = {"project": PROJECT, "name": "web"}
    first = play(real, "preview_first", [
        {"name": "project", "dokploy.dokploy.dokploy_project": {"name": PROJECT}},
        {"name": "app", "dokploy.dokploy.dokploy_application": dict(app, docker_image="%s/dokploy-test/envhttp:v1" % REGISTRY)},
        {"name": "preview", "dokploy.dokploy.dokploy_application": dict(app, preview=PREVIEW)},
        {"name": "again", "dokploy.dokploy.dokploy_application": dict(app, preview=PREVIEW)},
        {"name": "info", "dokploy.dokploy.dokploy_preview_deployment_info": {"project": PROJECT, "application": "web"}},
        {"name": "delete_unknown", "dokploy.dokploy.dokploy_preview_deployment": {
            "preview_deployment_id": "no-such-preview-id", "state": "absent"}},
        {"name": "export", "dokploy.dokploy.dokploy_stack_info": {"project": PROJECT, "include_secrets": True}},
    ])
    assert first["preview"]["changed"] and first["again"]["changed"] is False
    assert first["preview"]["application"]["previewEnv"] == "********"
    assert "acc-preview-token-1" not in repr(first["preview"])
    status, row = real.call("GET", "application.one", query={"applicationId": first["app"]["application"]["applicationId"]})
    assert status == 200
    assert row["isPreviewDeploymentsActive"] is True and row["previewWildcard"] == "*.pr.example.com"
    assert row["previewPort"] == 8080 and row["previewPath"] == "/app" and row["previewHttps"] is True
    assert row["previewCertificateType"] == "letsencrypt" and row["previewLimit"] == 2
    assert row["previewLabels"] == ["preview"] and row["previewRequireCollaboratorPermissions"] is False
    assert row["previewEnv"] == "API_URL=https://api.example.com\nAPI_TOKEN=acc-preview-token-1"
    assert row["previewBuildArgs"] == "NODE_ENV=preview" and row["previewBuildSecrets"] == "NPM_TOKEN=acc-npm-secret-1"
    assert row["previewDeployments"] == []
    # the info module on a real application: an empty list; an unknown preview: nothing to delete
    assert first["info"]["preview_deployments"] == [] and first["info"]["application"]["name"] == "web"
    assert first["delete_unknown"]["changed"] is False
    # the router as the simulator models it (routes/preview_deployment.py)
    status, body = real.call("GET", "previewDeployment.one", query={"previewDeploymentId": "no-such-preview-id"})
    assert status == 404 and body["message"] == "Preview Deployment not found"
    status, body = real.call("GET", "previewDeployment.all", query={"applicationId": "no-such-application"})
    assert status == 200 and body == []
    # the export gives the settings back and applies without a change
    exported = first["export"]["stack"]["environments"]["production"]["applications"]["web"]["preview"]
    assert dict(exported, build_args=None) == dict(PREVIEW, build_args=None)
    assert exported["build_args"] in ("NODE_ENV=preview", {"NODE_ENV": "preview"})   # a dict when it renders the same
    second = play(real, "preview_second", [
        {"name": "stack", "dokploy.dokploy.dokploy_stack": first["export"]["stack"]},
        {"name": "off", "dokploy.dokploy.dokploy_application": dict(app, preview={"enabled": False, "labels": []})},
        {"name": "off_again", "dokploy.dokploy.dokploy_application": dict(app, preview={"enabled": False, "labels": []})},
    ])
    assert second["stack"]["changed"] is False, second["stack"].get("actions")
    assert second["off"]["changed"] and second["off_again"]["changed"] is False
    status, row = real.call("GET", "application.one", query={"applicationId": first["app"]["application"]["applicationId"]})
    assert row["isPreviewDeploymentsActive"] is False and row["previewLabels"] == []
