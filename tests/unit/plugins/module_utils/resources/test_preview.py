# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dokploy_application's preview deployment settings (resources/_preview.py, issue 22) against the simulator: the
columns written by application.update, check mode, diff with the variables masked, a re-run without a write, bad
input refused before any request, the version gate of previewBuildSecrets, the export's round trip."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import (
    DokployClient,
    DokployParamError,
    DokployUnsupportedError,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._context import Context
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._secrets import (
    MASK,
    declared_variable_secrets,
    shown_options,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.project._export import Exporter
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._application import Application
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._params import resource_params
from ansible_collections.dokploy.dokploy.tests.unit.conftest import SIM_KEY as KEY
from ansible_collections.dokploy.dokploy.tests.unit.fakes import FakeClient, converge

PREVIEW = dict(enabled=True, wildcard_domain="*.preview.example.com", port=8080, path="/app", https=True,
               certificate_type="letsencrypt", limit=5, labels=["preview", "deploy-me"],
               require_collaborator_permissions=False, env={"API_URL": "https://api.example.com", "TOKEN": "s3cret-token-1"},
               build_args="NODE_ENV=preview\n", build_secrets={"NPM_TOKEN": "npm-secret-0001"})


def run(sim, check_mode=False, diff=False, **params):
    sim.clear_requests()
    ctx = Context(DokployClient(sim.url, KEY), check_mode=check_mode, diff=diff)
    return Application(ctx, resource_params(Application, dict(project="shop", **params))).run()


def writes(sim):
    return [(r["path"].rsplit("/", 1)[-1], r.get("body")) for r in sim.requests() if r["method"] == "POST"]


def test_preview_settings_written_once_masked_and_then_left_alone(deploy_sim):
    run(deploy_sim, name="web", docker_image="nginx:alpine")
    predicted = run(deploy_sim, check_mode=True, diff=True, name="web", preview=PREVIEW)
    assert predicted["changed"] and writes(deploy_sim) == []
    after = predicted["diff"]["after"]
    assert after["isPreviewDeploymentsActive"] is True and after["previewWildcard"] == "*.preview.example.com"
    # the variables' diff names the keys, never the values
    assert after["previewEnv"] == {"API_URL": MASK, "TOKEN": MASK}
    assert "s3cret-token-1" not in repr(predicted) and "npm-secret-0001" not in repr(predicted)

    done = run(deploy_sim, diff=True, name="web", preview=PREVIEW)
    sent = writes(deploy_sim)
    assert [procedure for procedure, body in sent] == ["application.update"]  # one write, every column in it
    body = sent[0][1]
    assert body["previewPort"] == 8080 and body["previewPath"] == "/app" and body["previewHttps"] is True
    assert body["previewCertificateType"] == "letsencrypt" and body["previewLimit"] == 5
    assert body["previewLabels"] == ["preview", "deploy-me"] and body["previewRequireCollaboratorPermissions"] is False
    assert body["previewEnv"] == "API_URL=https://api.example.com\nTOKEN=s3cret-token-1"
    assert body["previewBuildArgs"] == "NODE_ENV=preview\n" and body["previewBuildSecrets"] == "NPM_TOKEN=npm-secret-0001"
    row = done["application"]
    assert row["previewEnv"] == MASK and row["previewBuildSecrets"] == MASK and row["previewBuildArgs"] == MASK
    assert row["previewLimit"] == 5

    again = run(deploy_sim, name="web", preview=PREVIEW)
    assert again["changed"] is False and writes(deploy_sim) == []


def test_only_the_settings_given_are_compared_and_sent(deploy_sim):
    run(deploy_sim, name="web", docker_image="nginx:alpine", preview=PREVIEW)
    changed = run(deploy_sim, diff=True, name="web", preview=dict(limit=2, env={"TOKEN": "s3cret-token-2"}),
                  env_mode="merge")
    assert changed["changed"]
    assert sorted(changed["diff"]["after"]) == ["previewEnv", "previewLimit"]
    assert changed["diff"]["after"]["previewEnv"] == {"TOKEN": MASK + " (changed)"}
    (procedure, body), = writes(deploy_sim)
    assert procedure == "application.update"
    assert sorted(body) == ["applicationId", "previewEnv", "previewLimit"]
    assert body["previewEnv"] == "API_URL=https://api.example.com\nTOKEN=s3cret-token-2"  # merged: API_URL kept
    assert run(deploy_sim, name="web", preview=dict(enabled=False))["changed"]
    assert run(deploy_sim, name="web", preview=dict(enabled=False))["changed"] is False and writes(deploy_sim) == []


@pytest.mark.parametrize("preview, message", [
    (dict(wildcard_domain="preview.example.com"), "preview.wildcard_domain must start with '*.'"),
    (dict(wildcard_domain="*.exa mple.com"), "is not a valid host name"),
    (dict(port=0), "preview.port must be between 1 and 65535"),
    (dict(path="app"), "preview.path must start with '/'"),
    (dict(certificate_type="letsencrypt"), "preview.certificate_type letsencrypt needs preview.https: true"),
    (dict(certificate_type="custom", https=True), "needs preview.custom_cert_resolver"),
    (dict(limit=-1), "preview.limit must be 0 or more"),
    (dict(labels=[" "]), "preview.labels: a label must not be empty"),
    (dict(env={"A": [1]}), "preview.env"),
    (dict(build_args=3), "preview.build_args must be a dict of variables or a dotenv string"),
])
def test_bad_preview_settings_are_refused_before_any_request(preview, message):
    with pytest.raises(DokployParamError) as caught:
        resource_params(Application, dict(project="shop", name="web", preview=preview))
    assert message in str(caught.value)


def test_preview_build_secrets_need_v0_25_6():
    row = {"applicationId": "a1", "name": "web", "environmentId": "e1", "applicationStatus": "idle"}
    client = FakeClient({"application.one": row}, version=(0, 25, 5))
    with pytest.raises(DokployUnsupportedError) as caught:
        converge(Application, dict(application_id="a1", preview=dict(build_secrets={"A": "b"})), client)
    assert "preview.build_secrets needs Dokploy v0.25.6 or newer" in str(caught.value)
    assert client.writes() == []


def test_the_variables_of_preview_are_masked_in_the_invocation_and_harvested():
    params = dict(name="web", preview=dict(env={"TOKEN": "s3cret-token-1"}, build_args="A=build-arg-value",
                                           limit=2))
    shown = shown_options(params)
    assert shown["preview"]["env"] == {"TOKEN": MASK} and shown["preview"]["build_args"] == MASK
    assert shown["preview"]["limit"] == 2 and params["preview"]["env"] == {"TOKEN": "s3cret-token-1"}
    found = declared_variable_secrets(Application.argument_spec(), params)
    assert {"s3cret-token-1", "build-arg-value"} <= found


def test_export_gives_preview_back_and_applies_without_a_change(deploy_sim):
    run(deploy_sim, name="web", docker_image="nginx:alpine", preview=PREVIEW)
    ctx = Context(DokployClient(deploy_sim.url, KEY))
    project = ctx.resolver.project(name="shop")
    exporter = Exporter(ctx)
    web = exporter.export(project)["environments"]["production"]["applications"]["web"]
    assert web["preview"] == dict((k, v) for k, v in PREVIEW.items() if k not in ("env", "build_args", "build_secrets"))
    where = "environments.production.applications.web.preview."
    assert sorted(exporter.secrets_left_out) == [where + "build_args", where + "build_secrets", where + "env"]
    with_secrets = Exporter(Context(DokployClient(deploy_sim.url, KEY)), include_secrets=True)
    web = with_secrets.export(project)["environments"]["production"]["applications"]["web"]
    assert web["preview"]["env"] == PREVIEW["env"] and web["preview"]["build_secrets"] == PREVIEW["build_secrets"]
    assert run(deploy_sim, name="web", **dict((k, v) for k, v in web.items() if k != "preview"),
               preview=web["preview"])["changed"] is False


def test_the_stack_masks_the_variables_of_preview():
    from ansible_collections.dokploy.dokploy.plugins.module_utils.project._stack import Stack
    preview = {"env": {"TOKEN": "stack-token-0001"}, "build_secrets": "S=stack-secret-01", "port": 8080}
    params = {"project": "shop",
              "environments": {"production": {"applications": {"web": {"docker_image": "nginx", "preview": preview}}}}}
    shown = Stack.shown_params(params)
    preview = shown["environments"]["production"]["applications"]["web"]["preview"]
    assert preview["env"] == {"TOKEN": MASK} and preview["port"] == 8080
    assert {"stack-token-0001", "S=stack-secret-01"} <= Stack.no_log_values(params)
