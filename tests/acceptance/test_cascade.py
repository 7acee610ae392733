# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What a real Dokploy v0.30.2 deletes with an application (its foreign keys, the simulator's tests/simulator/cascade.py):
an application deployed with rollbacks on, with a domain, a port and a patch, is deleted; its rollback rows, domain,
port and patch are gone (each read answers "not found"), as the simulator answers."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from conftest import REGISTRY, play, remove_rollback_tags

PROJECT = "acc-cascade"
PREFIX = "i22-simfix"


def test_an_application_takes_its_rollbacks_and_children(real):
    made = play(real, "cascade_app", [
        {"name": "project", "dokploy.dokploy.dokploy_project": {"name": PROJECT}},
        {"name": "registry", "dokploy.dokploy.dokploy_registry": {
            "name": PREFIX, "url": REGISTRY, "username": "robot", "password": "cascade-registry-pw",
            "image_prefix": PREFIX}},
        {"name": "app", "dokploy.dokploy.dokploy_application": {
            "project": PROJECT, "name": "web", "state": "deployed", "docker_image": "%s/dokploy-test/envhttp:v1" % REGISTRY,
            "rollback": True, "rollback_registry": PREFIX}},
    ])
    app = made["app"]["application"]
    try:
        check_cascade(real, app)
    finally:
        remove_rollback_tags(PREFIX, app["appName"])


def check_cascade(real, app):
    app_id = app["applicationId"]
    status, rows = real.call("GET", "deployment.allByType", query={"id": app_id, "type": "application"})
    assert status == 200 and rows and rows[0]["rollback"], rows
    rollback_id = rows[0]["rollback"]["rollbackId"]
    status, domain = real.call("POST", "domain.create", {"host": "cascade.example.com", "applicationId": app_id, "port": 80})
    assert status == 200, domain
    status, port = real.call("POST", "port.create", {"publishedPort": 18091, "publishMode": "host", "targetPort": 80,
                                                     "protocol": "tcp", "applicationId": app_id})
    assert status == 200, port
    status, patch = real.call("POST", "patch.create", {"filePath": "a.txt", "content": "x", "applicationId": app_id})
    assert status == 200, patch
    status, body = real.call("POST", "application.delete", {"applicationId": app_id})
    assert status == 200, body
    status, body = real.call("POST", "rollback.delete", {"rollbackId": rollback_id})
    assert status == 400 and body["message"] == "Rollback not found", (status, body)
    status, body = real.call("GET", "domain.one", query={"domainId": domain["domainId"]})
    assert status == 404, (status, body)
    status, body = real.call("GET", "port.one", query={"portId": port["portId"]})
    assert status == 400, (status, body)   # port.one of an unknown ID is a 400 (simulator README, [1041])
    status, body = real.call("GET", "patch.one", query={"patchId": patch["patchId"]})
    assert status == 404, (status, body)


def test_v025_preview_and_rollback_answers(real_v025):
    """The simulator's v0.25 profile (versions.py) on the calls of unknown IDs: previewDeployment.all reads the
    application (404), rollback.delete's unawaited removal escapes its try (500)."""
    status, body = real_v025.call("GET", "previewDeployment.all", query={"applicationId": "no-such-application"})
    assert status == 404 and body["message"] == "Application not found", (status, body)
    status, body = real_v025.call("GET", "previewDeployment.one", query={"previewDeploymentId": "no-such-preview"})
    assert status == 404 and body["message"] == "Preview Deployment not found", (status, body)
    status, body = real_v025.call("POST", "rollback.delete", {"rollbackId": "no-such-rollback"})
    assert status == 500 and body["message"] == "Rollback not found", (status, body)
