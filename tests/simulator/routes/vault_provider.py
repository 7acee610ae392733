# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""vaultProvider router (v0.30.0): create, update, remove, all, one, testConnection.

Recorded [2138-2142] on a real v0.30.2 (tests/conformance/admin_record.py); from Dokploy's source at v0.30.2 (apps/dokploy/server/api/routers/vault-provider.ts,
packages/server/src/services/vault-provider.ts, db/schema/vault-provider.ts): every answer masks the config's secret
field with "********"; an update takes name, the whole config and the assignments, and a secret sent as the mask keeps
the stored one (refused when the type changes); assignments must name projects and environments of the organisation;
names are unique per organisation (409). The config is validated here as the zod discriminated union does.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

from ..identity import require_permission
from ..registry import ApiError, route
from ..state import table
from ..util import nanoid, public

MASK = "********"
# providerType: (required keys, {key: default}, the secret key)
TYPES = {
    "hashicorp": (("url", "token"), {"mount": "secret"}, "token"),
    "infisical": (("clientId", "clientSecret", "projectId", "environmentSlug"),
                  {"siteUrl": "https://app.infisical.com", "secretPath": "/"}, "clientSecret"),
    "aws": (("region", "accessKeyId", "secretAccessKey"), {}, "secretAccessKey"),
    "doppler": (("serviceToken",), {}, "serviceToken"),
    "azure": (("vaultUri", "tenantId", "clientId", "clientSecret"), {}, "clientSecret"),
    "scaleway": (("projectId", "secretKey"), {"region": "fr-par", "apiUrl": "https://api.scaleway.com"}, "secretKey"),
}


def _config(config):
    kind = (config or {}).get("providerType")
    if kind not in TYPES:
        raise ApiError(400, "Invalid input: providerType must be one of %s" % ", ".join(sorted(TYPES)))
    required, defaults, dummy = TYPES[kind]
    missing = [key for key in required if not config.get(key)]
    if missing:
        raise ApiError(400, "Invalid input: config.%s is required" % missing[0])
    return dict(defaults, **config)


def _masked(row):
    shown = public(row)
    secret = TYPES[row["config"]["providerType"]][2]
    if shown["config"].get(secret):
        shown["config"] = dict(shown["config"], **{secret: MASK})
    return shown


def _assignments(state, ctx, assignments):
    for assignment in assignments:
        project = table(state, "project").get(assignment["projectId"])
        if project is None:
            raise ApiError(400, "Assignment references a project outside this organization")
        environments = set(e["environmentId"] for e in table(state, "environment").values()
                           if e.get("projectId") == project["projectId"])
        if any(e not in environments for e in assignment.get("environmentIds") or []):
            raise ApiError(400, "Assignment references an environment outside the selected project")
    return [dict(a, environmentIds=a.get("environmentIds") or []) for a in assignments]


def _unique(state, ctx, name, own_id=None):
    """Dokploy means a 409 here, but drizzle's "Failed query" error does not name the index its check looks for,
    so the unique violation comes out as a 500 [2139]."""
    if any(r["name"] == name and r["organizationId"] == ctx.organization_id and r["vaultProviderId"] != own_id
           for r in table(state, "vaultProvider").values()):
        raise ApiError(500, 'Failed query: insert into "vault_provider" ("vaultProviderId", "name", "providerType", '
                            '"config", "assignments", "organizationId", "createdAt") values ($1, $2, $3, $4, $5, $6, $7)')


def _find(state, ctx, provider_id):
    row = table(state, "vaultProvider").get(provider_id)
    if row is None:
        raise ApiError(404, "Vault provider not found")
    if row["organizationId"] != ctx.organization_id:
        raise ApiError(401, "You are not allowed to access this vault provider")
    return row


@route("vaultProvider.create")
def create(state, inp, ctx):
    require_permission(ctx, "vaultProvider", "create")
    config = _config(inp["config"])
    assignments = _assignments(state, ctx, inp["assignments"])
    _unique(state, ctx, inp["name"])
    row = {"vaultProviderId": nanoid(), "name": inp["name"], "providerType": config["providerType"], "config": config,
           "assignments": assignments, "organizationId": ctx.organization_id,
           "createdAt": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"}
    table(state, "vaultProvider")[row["vaultProviderId"]] = row
    return _masked(row)


@route("vaultProvider.update")
def update(state, inp, ctx):
    require_permission(ctx, "vaultProvider", "update")
    row = _find(state, ctx, inp["vaultProviderId"])
    config = dict(inp["config"])
    secret = TYPES.get(config.get("providerType"), ((), {}, None))[2]
    if secret and config.get(secret) == MASK:
        if config["providerType"] != row["config"]["providerType"]:
            raise ApiError(400, "Credentials must be re-entered when changing the provider type")
        config[secret] = row["config"][secret]
    config = _config(config)
    assignments = _assignments(state, ctx, inp["assignments"])
    _unique(state, ctx, inp["name"], row["vaultProviderId"])
    row.update(name=inp["name"], providerType=config["providerType"], config=config, assignments=assignments)
    return _masked(row)


@route("vaultProvider.remove")
def remove(state, inp, ctx):
    require_permission(ctx, "vaultProvider", "delete")
    row = _find(state, ctx, inp["vaultProviderId"])
    del table(state, "vaultProvider")[row["vaultProviderId"]]
    return True


@route("vaultProvider.all")
def all_(state, inp, ctx):
    """Ordered by name."""
    require_permission(ctx, "vaultProvider", "read")
    rows = [r for r in table(state, "vaultProvider").values() if r["organizationId"] == ctx.organization_id]
    return [_masked(r) for r in sorted(rows, key=lambda r: r["name"])]


@route("vaultProvider.one")
def one(state, inp, ctx):
    require_permission(ctx, "vaultProvider", "read")
    return _masked(_find(state, ctx, inp["vaultProviderId"]))


@route("vaultProvider.testConnection")
def test_connection(state, inp, ctx):
    require_permission(ctx, "vaultProvider", "create")
    if not inp.get("config") and not inp.get("vaultProviderId"):
        raise ApiError(400, "Provide a config or a vaultProviderId to test")
    return True
