# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""AI providers of the organisation (Dokploy's AI assistant), found in ``ai.getAll`` by name.

Not recorded; from Dokploy's source at v0.30.2 (apps/dokploy/server/api/routers/ai.ts, packages/server/src/services/
ai.ts, db/schema/ai.ts): every procedure is for owners and admins; ``ai.getAll`` lists the rows, API key in clear, so
the key is compared like any setting (``update_provider_api_key: on_create`` leaves a stored one alone). The options
are ``url`` and ``provider_api_key``: ``api_url`` and ``api_key`` are Dokploy's own, as in every module. ``ai.create`` and
``ai.update`` both run one INSERT ... ON CONFLICT DO UPDATE without RETURNING: the answer is no row, and the insert's
NOT NULL columns (name, apiUrl, apiKey, model) must be in an update too, so every update sends them all. When the
organisation restricts AI to a list of providers, a URL outside it is refused (403).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._lookup import find_named
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._resource import Field, Resource, Update
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._account import AdminResource
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._task import Info
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._secrets import mask
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._checks import check_name

FIELDS = (Field("name"), Field("url", "apiUrl"), Field("provider_api_key", "apiKey"), Field("model"),
          Field("enabled", "isEnabled"))
ALL = [f.api for f in FIELDS]


class AiProvider(AdminResource, Resource):
    kind = "ai_provider"
    id_field = "aiId"
    create_procedure = "ai.create"
    delete_procedure = "ai.delete"
    module_name = "dokploy_ai_provider"
    fields = FIELDS
    updates = (Update("ai.update", ALL, keep=ALL),)

    @classmethod
    def argument_spec(cls):
        return dict(
            name=dict(type="str", required=True),
            url=dict(type="str"),
            provider_api_key=dict(type="str", no_log=True),
            update_provider_api_key=dict(type="str", choices=["always", "on_create"], default="always", no_log=False),
            model=dict(type="str"),
            enabled=dict(type="bool"),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        )

    @classmethod
    def validate(cls, params):
        check_name("name", params["name"])
        check_name("model", params["model"])
        url = params["url"]
        if url is not None and not (url.startswith("http://") or url.startswith("https://")):
            raise DokployParamError("url '%s' must be a URL such as https://api.openai.com/v1" % url, option="url")

    def find(self):
        return find_named(self.client.get("ai.getAll") or [], "AI provider", self.params["name"], "aiId",
                          required=False)

    def desired(self, current):
        desired = super(AiProvider, self).desired(current)
        if current is not None and self.params["update_provider_api_key"] == "on_create":
            desired.pop("apiKey", None)
        return desired

    def create_payload(self, desired):
        missing = [o for o in ("url", "provider_api_key", "model") if self.params[o] is None]
        if missing:
            raise DokployParamError("Creating AI provider '%s' needs %s" % (self.params["name"], ", ".join(missing)),
                                    option=missing[0])
        return dict(desired, isEnabled=desired.get("isEnabled", True))

    def delete_payload(self, current):
        return {"aiId": current["aiId"]}


class AiProviderInfo(AdminResource, Info):
    key = "ai_providers"
    module_name = "dokploy_ai_provider_info"
    needs = "an owner or admin"

    @classmethod
    def argument_spec(cls):
        return dict(name=dict(type="str"))

    def items(self):
        return [mask(row) for row in self.client.get("ai.getAll") or []
                if self.params.get("name") in (None, row.get("name"))]
