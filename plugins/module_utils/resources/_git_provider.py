# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Git providers: GitLab, Gitea and Bitbucket connections made and updated here, GitHub apps only listed.

Not recorded; shapes from Dokploy's source at v0.30.2 (apps/dokploy/server/api/routers/{git-provider,gitlab,gitea,
bitbucket}.ts, packages/server/src/services/{gitlab,gitea,bitbucket}.ts, packages/server/src/db/schema/*.ts).
A provider is a ``gitProvider`` row (name, ``providerType``) and one row of its type's table. ``gitProvider.getAll``
lists the providers with a summary of that row (no secrets); ``<type>.one`` has the whole row, secrets in clear, so
they are compared like any setting. ``<type>.create`` answers nothing (gitea: its IDs); ``<type>.update`` sets the
fields sent, and needs the name, the ``<type>Id``, the ``gitProviderId`` and (gitlab, gitea) the URL in every call;
``gitProvider.remove`` deletes both rows and leaves the services that used the provider without one.

A GitHub app is made by GitHub's manifest flow in the browser, so this module refuses type github with
state=present; dokploy_git_provider_info lists GitHub apps with the others. GitLab and Gitea connections made here
still need their OAuth authorisation in Dokploy's UI before repositories can be listed (``isConfigured``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._git_source import PROVIDER_TYPES, provider_id_field, providers
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._lookup import pick_one
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._resource import Update, VersionField
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._task import Task
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._typed import TypedResource
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._secrets import mask
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._checks import check_name

SECRET_OPTIONS = ("client_secret", "api_token", "app_password")
OPTION_SPECS = dict(url=dict(type="str"), internal_url=dict(type="str"), client_id=dict(type="str"),
                    client_secret=dict(type="str"), redirect_uri=dict(type="str"), group_name=dict(type="str"),
                    username=dict(type="str"), email=dict(type="str"), api_token=dict(type="str"),
                    app_password=dict(type="str"), workspace=dict(type="str"))
URL_OPTIONS = ("url", "internal_url", "redirect_uri")
INTERNAL_URL_CAPABILITY = "gitlab.internalUrl"
INTERNAL_URL_FIELDS = ("gitlabInternalUrl", "giteaInternalUrl")
# gitProvider.toggleShare: whether the organisation's other members may use the provider (v0.29.0)
SHARE = Update("gitProvider.toggleShare", ["sharedWithOrganization"])
GITHUB_REFUSED = ("type github cannot be created or changed here: a GitHub app is made by GitHub's manifest flow in the "
                  "browser (Dokploy: Settings > Git > GitHub). dokploy_git_provider_info lists it, applications and "
                  "compose services use it by name, and this module deletes it with state: absent")


class ProviderType(object):
    """One creatable provider type: its options -> API fields, the fields its update needs in every call, what a
    create needs and the defaults Dokploy's dialog sends (components/dashboard/settings/git/*/add-*-provider.tsx)."""

    def __init__(self, options, keep, required=(), defaults=None, one_of=()):
        self.options = options
        self.keep = keep
        self.required = required
        self.defaults = defaults or {}
        self.one_of = one_of


# inputs: openapi.json <type>.create/update
TYPES = {
    "gitlab": ProviderType((("url", "gitlabUrl"), ("internal_url", "gitlabInternalUrl"), ("client_id", "applicationId"),
                            ("client_secret", "secret"), ("redirect_uri", "redirectUri"), ("group_name", "groupName")),
                           keep=("gitlabUrl",), required=("client_id", "client_secret"),
                           defaults={"gitlabUrl": "https://gitlab.com"}),
    "gitea": ProviderType((("url", "giteaUrl"), ("internal_url", "giteaInternalUrl"), ("client_id", "clientId"),
                           ("client_secret", "clientSecret"), ("redirect_uri", "redirectUri")),
                          keep=("giteaUrl",), required=("client_id", "client_secret"),
                          defaults={"giteaUrl": "https://gitea.com"}),
    "bitbucket": ProviderType((("username", "bitbucketUsername"), ("email", "bitbucketEmail"), ("api_token", "apiToken"),
                               ("app_password", "appPassword"), ("workspace", "bitbucketWorkspaceName")),
                              keep=(), required=("username",), one_of=("api_token", "app_password")),
}


def flatten(row, detail):
    """The gitProvider row with its type's whole row (``<type>.one``) at the top, the per-type summaries left out."""
    flat = dict((key, value) for key, value in row.items() if key not in PROVIDER_TYPES)
    flat.update((key, value) for key, value in (detail or {}).items() if key != "gitProvider")
    return flat


class GitProvider(TypedResource):
    kind = "git_provider"
    id_field = "gitProviderId"
    delete_procedure = "gitProvider.remove"
    types = TYPES
    type_choices = PROVIDER_TYPES
    option_specs = OPTION_SPECS
    secret_options = SECRET_OPTIONS
    version_fields = tuple(VersionField(field, INTERNAL_URL_CAPABILITY, option="internal_url") for field in INTERNAL_URL_FIELDS) \
        + (VersionField("sharedWithOrganization", "gitProvider.share", option="shared", implied=False),)
    # implied=False: before v0.29.0 a provider is its own user's only (gitProvider.getAll filters on the session's
    # userId, apps/dokploy/server/api/routers/git-provider.ts of v0.25.11): shared false is what it does anyway

    @classmethod
    def argument_spec(cls):
        spec = super(GitProvider, cls).argument_spec()
        spec.update(shared=dict(type="bool"))
        return spec

    @classmethod
    def validate(cls, params):
        if params["type"] == "github" and params["state"] == "present":
            raise DokployParamError(GITHUB_REFUSED, option="type")
        super(GitProvider, cls).validate(params)
        for option in OPTION_SPECS:
            value = params[option]
            if value is not None and not value.strip() and option != "internal_url":
                raise DokployParamError("%s must not be empty" % option, option=option)
            if option in URL_OPTIONS and value and not re.match(r"^https?://[^\s/]+", value):
                raise DokployParamError("%s '%s' must be an http(s) URL" % (option, value), option=option)
        # schema/bitbucket.ts bitbucketEmail: z.string().email()
        if params["email"] and not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", params["email"]):
            raise DokployParamError("email '%s' is not an email address" % params["email"], option="email")

    def __init__(self, ctx, params):
        super(GitProvider, self).__init__(ctx, params)
        self.spec = TYPES.get(params.get("type"))
        if self.spec is not None:
            self.create_procedure = "%s.create" % params["type"]

    def updates_for(self, current, created=False):
        provider_type = self.params["type"]
        fields = ["name"] + [api for option, api in self.spec.options]
        return (Update("%s.update" % provider_type, fields, keep=("name", provider_id_field(provider_type)) + self.spec.keep),
                SHARE)

    def find(self):
        found = pick_one(providers(self.client, self.params["type"]), "git provider", self.params["name"],
                         "gitProviderId", id_option="a unique name")
        if found is None:
            return None
        provider_type = found["providerType"]
        if self.params["state"] == "absent":
            return flatten(found, None)
        detail = self.client.get("%s.one" % provider_type,
                                 {provider_id_field(provider_type): found[provider_type][provider_id_field(provider_type)]})
        return flatten(found, detail)

    def desired(self, current):
        desired = dict((api, self.params[option]) for option, api in self.spec.options if self.params[option] is not None)
        for field in [field for field in INTERNAL_URL_FIELDS if field in desired]:
            desired[field] = desired[field] or None   # "" clears it: Dokploy takes null
        if self.params["shared"] is not None:
            desired["sharedWithOrganization"] = self.params["shared"]
        return desired

    def create_payload(self, desired):
        missing = [option for option in self.spec.required if self.params[option] is None]
        if self.spec.one_of and not any(self.params[option] for option in self.spec.one_of):
            missing.append(" or ".join(self.spec.one_of))
        if missing:
            raise DokployParamError("Creating %s provider '%s' needs %s"
                                    % (self.params["type"], self.params["name"], ", ".join(missing)), option=missing[0])
        payload = dict(self.spec.defaults)
        payload.update((field, value) for field, value in desired.items() if field != "sharedWithOrganization")
        payload["name"] = self.params["name"]   # the create takes no sharing: toggleShare follows it
        if self.params["type"] in ("gitlab", "gitea"):
            # the OAuth callback Dokploy's dialog fills in: <Dokploy's URL>/api/providers/<type>/callback
            callback = "%s/providers/%s/callback" % (self.client.base_url.rstrip("/"), self.params["type"])
            payload.setdefault("redirectUri", callback)
        if self.params["type"] in ("gitlab", "bitbucket"):
            # required by the input schema, stored nowhere since Dokploy's git_provider lost the column (drizzle 0039);
            # the UI sends the user's ID
            payload["authId"] = "dokploy.dokploy"
        return payload

    def summary_keys(self):
        return [self.id_field, "name", "providerType"]


class GitProviderInfo(Task):
    """dokploy_git_provider_info: the Git providers of every type, GitHub apps included (one request)."""

    read_only = True

    @classmethod
    def argument_spec(cls):
        return dict(name=dict(type="str"), type=dict(type="str", choices=list(PROVIDER_TYPES)))

    @classmethod
    def validate(cls, params):
        check_name("name", params["name"])

    def run(self):
        rows = providers(self.ctx.client, self.params["type"])
        if self.params["name"] is not None:
            rows = [row for row in rows if row.get("name") == self.params["name"]]
        return {"changed": False, "git_providers": [mask(row) for row in rows]}
