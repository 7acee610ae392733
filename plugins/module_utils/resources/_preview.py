# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The preview deployment settings of an application: the ``preview`` option and Dokploy's ``preview*`` columns.

Dokploy keeps them on the application row and writes them with ``application.update`` (the preview settings dialog,
apps/dokploy/components/dashboard/application/preview-deployments/show-preview-settings.tsx, v0.25.11 and v0.30.2).
A preview itself is made by a GitHub pull-request webhook (apps/dokploy/pages/api/deploy/github.ts): for an
application with ``isPreviewDeploymentsActive``, a pull request (with one of ``previewLabels`` when there are any, by a
collaborator when ``previewRequireCollaboratorPermissions``) gets its own service and a domain made from
``previewWildcard`` (which must start with ``*.``: generateWildcardDomain, packages/server/src/services/
preview-deployment.ts), ``previewPort``, ``previewPath``, ``previewHttps`` and the certificate settings, up to
``previewLimit`` previews. ``previewEnv``, ``previewBuildArgs`` and ``previewBuildSecrets`` are dotenv texts, used
instead of the application's own (prepareEnvironmentVariables, services/application.ts).

Every column is in v0.25.11 and v0.30.2; ``previewBuildSecrets`` came with v0.25.6 (tables/_capabilities.py).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._resource import Field
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._service import env_text
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._checks import (
    check_certificate,
    check_host,
    check_port,
    check_url_path,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._service_checks import check_env_option

CERTIFICATE_TYPES = ["none", "letsencrypt", "custom"]
# option of ``preview`` -> its column
FIELDS = (
    Field("enabled", "isPreviewDeploymentsActive"), Field("wildcard_domain", "previewWildcard"),
    Field("port", "previewPort"), Field("path", "previewPath"), Field("https", "previewHttps"),
    Field("certificate_type", "previewCertificateType"), Field("custom_cert_resolver", "previewCustomCertResolver"),
    Field("limit", "previewLimit"), Field("labels", "previewLabels"),
    Field("require_collaborator_permissions", "previewRequireCollaboratorPermissions"),
)
# the dotenv texts, given like ``env``
ENV_FIELDS = (Field("env", "previewEnv"), Field("build_args", "previewBuildArgs"),
              Field("build_secrets", "previewBuildSecrets"))
COLUMNS = tuple(f.api for f in FIELDS + ENV_FIELDS)
# what application.create stores (the recorded create answer [1002]; the columns' defaults in
# packages/server/src/db/schema/application.ts of v0.25.11 and v0.30.2)
DEFAULTS = {"isPreviewDeploymentsActive": False, "previewPort": 3000, "previewPath": "/", "previewHttps": False,
            "previewCertificateType": "none", "previewLimit": 3, "previewRequireCollaboratorPermissions": True}


def preview_argument_spec():
    return dict(preview=dict(type="dict", options=dict(
        enabled=dict(type="bool"),
        wildcard_domain=dict(type="str"),
        port=dict(type="int"),
        path=dict(type="str"),
        https=dict(type="bool"),
        certificate_type=dict(type="str", choices=CERTIFICATE_TYPES),
        custom_cert_resolver=dict(type="str"),
        limit=dict(type="int"),
        labels=dict(type="list", elements="str"),
        require_collaborator_permissions=dict(type="bool"),
        env=dict(type="raw", no_log=False),  # masked by the collection, as env (secrets.NESTED_VARIABLE_OPTIONS)
        build_args=dict(type="raw", no_log=False),
        build_secrets=dict(type="raw", no_log=True),
    )))


def check_preview(preview):
    """Refuse before any request what Dokploy would store and fail on at the first pull request."""
    if preview is None:
        return
    wildcard = preview.get("wildcard_domain")
    if wildcard is not None:
        if not wildcard.startswith("*."):
            raise DokployParamError("preview.wildcard_domain must start with '*.' (for example *.preview.example.com: "
                                    "each preview gets its own name in place of the *), not '%s'" % wildcard,
                                    option="preview.wildcard_domain")
        check_host("preview.wildcard_domain", wildcard)
    check_port("preview.port", preview.get("port"))
    check_url_path("preview.path", preview.get("path"))
    check_certificate(preview, prefix="preview.")
    if preview.get("limit") is not None and preview["limit"] < 0:
        raise DokployParamError("preview.limit must be 0 or more, not %d" % preview["limit"], option="preview.limit")
    for label in preview.get("labels") or ():
        if not label.strip():
            raise DokployParamError("preview.labels: a label must not be empty", option="preview.labels")
    for field in ENV_FIELDS:
        check_env_option("preview." + field.option, preview.get(field.option))


def preview_desired(preview, current, mode):
    """``{column: value}`` for each setting of ``preview`` given; the dotenv texts as ``env`` is given (a dict replaces,
    or with env_mode ``mode`` merge adds to, the current variables; a string is verbatim)."""
    if not preview:
        return {}
    wanted = dict((f.api, preview[f.option]) for f in FIELDS if preview.get(f.option) is not None)
    for field in ENV_FIELDS:
        if preview.get(field.option) is not None:
            wanted[field.api] = env_text((current or {}).get(field.api), preview[field.option], mode)
    return wanted
