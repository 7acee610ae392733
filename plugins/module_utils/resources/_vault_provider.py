# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Vault providers (v0.30.0): where Dokploy reads secrets from, found in ``vaultProvider.all`` by name.

Not recorded; from Dokploy's source at v0.30.2 (apps/dokploy/server/api/routers/vault-provider.ts,
packages/server/src/services/vault-provider.ts, db/schema/vault-provider.ts): six provider types, each a config with
one secret field that every answer masks as "********"; names are unique per organisation; ``update`` takes the name,
the whole config and the assignments in every call, and a secret sent as the mask keeps the stored one (a new type
needs the secret again). Assignments (``[{projectId, environmentIds}]``) say which projects and environments may use
the provider; an empty ``environmentIds`` means the whole project. The stored secret can never be read back, so it is
only sent when the provider is created, or on every run with ``update_secret: always``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._capabilities import require
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployNotFoundError, DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._lookup import find_named
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._resource import Resource, Update
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._account import AdminResource
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._task import Info
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._checks import check_name

MASK = "********"
NAME = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")
# providerType: (config keys besides the secret, the required ones, the secret key) -- schema/vault-provider.ts
TYPES = {
    "hashicorp": (("url", "namespace", "mount"), ("url",), "token"),
    "infisical": (("siteUrl", "clientId", "projectId", "environmentSlug", "secretPath"),
                  ("clientId", "projectId", "environmentSlug"), "clientSecret"),
    "aws": (("region", "accessKeyId", "endpoint"), ("region", "accessKeyId"), "secretAccessKey"),
    "doppler": (("project", "config"), (), "serviceToken"),
    "azure": (("vaultUri", "tenantId", "clientId"), ("vaultUri", "tenantId", "clientId"), "clientSecret"),
    "scaleway": (("region", "projectId", "apiUrl"), ("projectId",), "secretKey"),
}


def all_providers(ctx, what):
    try:
        return ctx.client.get("vaultProvider.all") or []
    except DokployNotFoundError:
        require(ctx.client.version(), "vaultProvider", what)
        raise


class Assignments(object):
    """``[{project, environments}]`` by name <-> ``[{projectId, environmentIds}]``."""

    def __init__(self, ctx):
        self.ctx = ctx

    def ids(self, wanted):
        result = []
        for item in wanted:
            project = self.ctx.resolver.project(name=item["project"])
            environments = sorted(self.ctx.resolver.environment(project, name=name)["environmentId"]
                                  for name in item.get("environments") or [])
            result.append({"projectId": project["projectId"], "environmentIds": environments})
        return sorted(result, key=lambda a: a["projectId"])

    def names(self, assignments):
        projects = dict((p["projectId"], p) for p in self.ctx.resolver.projects())
        shown = []
        for assignment in assignments or []:
            project = projects.get(assignment.get("projectId")) or {}
            environments = dict((e["environmentId"], e.get("name")) for e in project.get("environments") or [])
            shown.append({"project": project.get("name", assignment.get("projectId")),
                          "environments": sorted(environments.get(e, e) for e in assignment.get("environmentIds") or [])})
        return shown


class VaultProvider(AdminResource, Resource):
    kind = "vault_provider"
    id_field = "vaultProviderId"
    create_procedure = "vaultProvider.create"
    delete_procedure = "vaultProvider.remove"
    module_name = "dokploy_vault_provider"
    updates = (Update("vaultProvider.update", ["name", "config", "assignments"], keep=("name", "config", "assignments")),)

    @classmethod
    def argument_spec(cls):
        return dict(
            name=dict(type="str", required=True),
            type=dict(type="str", choices=sorted(TYPES)),
            config=dict(type="dict"),
            secret=dict(type="str", no_log=True),
            update_secret=dict(type="str", choices=["on_create", "always"], default="on_create", no_log=False),
            assignments=dict(type="list", elements="dict", options=dict(
                project=dict(type="str", required=True),
                environments=dict(type="list", elements="str", default=[]))),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        )

    @classmethod
    def validate(cls, params):
        if not NAME.match(params["name"] or ""):
            raise DokployParamError("name '%s' may hold only letters, digits, dashes and underscores, 1 to 64 of them "
                                    "(Dokploy's rule)" % params["name"], option="name")
        if params["config"] is not None and params["type"] is None:
            raise DokployParamError("config needs type", option="type")
        if params["type"]:
            keys, required, secret = TYPES[params["type"]]
            config = params["config"] or {}
            unknown = sorted(set(config) - set(keys))
            if secret in unknown:
                raise DokployParamError("config.%s is the secret: give it as secret (never logged)" % secret,
                                        option="secret")
            if unknown:
                raise DokployParamError("config of a %s provider takes %s, not %s" % (
                    params["type"], ", ".join(keys), ", ".join(unknown)), option="config")
        for item in params["assignments"] or []:
            check_name("assignments.project", item["project"])

    def __init__(self, ctx, params):
        super(VaultProvider, self).__init__(ctx, params)
        self.assignment_names = Assignments(ctx)

    def find(self):
        return find_named(all_providers(self.ctx, "dokploy_vault_provider"), "vault provider", self.params["name"],
                          "vaultProviderId", required=False)

    def desired(self, current):
        desired = {"name": self.params["name"]}
        kind = self.params["type"]
        if kind is not None:
            config = dict((k, v) for k, v in (self.params["config"] or {}).items() if v is not None)
            config["providerType"] = kind
            old_type = ((current or {}).get("config") or {}).get("providerType")
            if current is None or self.params["update_secret"] == "always" or old_type != kind:
                if self.params["secret"] is None:
                    raise DokployParamError("%s vault provider '%s' needs secret (its %s)" % (
                        "Creating" if current is None else "Changing the type of", self.params["name"], TYPES[kind][2]),
                        option="secret")
                config[TYPES[kind][2]] = self.params["secret"]
            desired["config"] = config
        if self.params["assignments"] is not None:
            desired["assignments"] = self.assignment_names.ids(self.params["assignments"])
        return desired

    def compare(self, current, desired):
        changes = super(VaultProvider, self).compare(current, desired)
        if "config" in changes:
            stored, wanted = current.get("config") or {}, desired["config"]
            secret = TYPES[wanted["providerType"]][2]
            differs = [k for k, v in wanted.items() if k != secret and stored.get(k) != v]
            if secret in wanted and (self.params["update_secret"] == "always" or
                                     stored.get("providerType") != wanted["providerType"]):
                differs.append(secret)
            if not differs:
                del changes["config"]
        return changes

    def normalize_field(self, field, value):
        if field == "assignments":
            return sorted((a.get("projectId"), sorted(a.get("environmentIds") or [])) for a in value or [])
        return super(VaultProvider, self).normalize_field(field, value)

    def create_payload(self, desired):
        if self.params["type"] is None:
            raise DokployParamError("Creating vault provider '%s' needs type, config and secret" % self.params["name"],
                                    option="type")
        missing = [k for k in TYPES[self.params["type"]][1] if k not in desired["config"]]
        if missing:
            raise DokployParamError("A %s vault provider needs config.%s" % (self.params["type"], ", config.".join(missing)),
                                    option="config")
        return dict(desired, assignments=desired.get("assignments", []))

    def plan(self, current, changes, desired, created=False):
        writes = super(VaultProvider, self).plan(current, changes, desired, created)
        for update, body in writes:
            config = dict(current.get("config") or {}, **body["config"])
            secret = TYPES[config["providerType"]][2]
            config.setdefault(secret, MASK)   # the mask keeps the stored secret
            body["config"] = config
        return writes

    def result_object(self, obj):
        shown = super(VaultProvider, self).result_object(obj)
        if "assignments" in obj:
            shown["assignments_by_name"] = self.assignment_names.names(obj["assignments"])
        return shown

    def diff(self, before, after, changes):
        diff = super(VaultProvider, self).diff(before, after, changes)
        for side in ("before", "after"):
            if "assignments" in diff[side]:
                diff[side]["assignments"] = self.assignment_names.names(diff[side]["assignments"])
        return diff


class VaultProviderInfo(AdminResource, Info):
    key = "vault_providers"
    module_name = "dokploy_vault_provider_info"
    needs = "an owner or admin (or a member allowed to read vault providers)"

    @classmethod
    def argument_spec(cls):
        return dict(name=dict(type="str"))

    def items(self):
        names = Assignments(self.ctx)
        found = []
        for row in all_providers(self.ctx, "dokploy_vault_provider_info"):
            if self.params.get("name") in (None, row.get("name")):
                found.append(dict(row, assignments_by_name=names.names(row.get("assignments"))))
        return found
