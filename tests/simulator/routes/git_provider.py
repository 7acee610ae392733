# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""gitProvider.getAll and the per-type provider listings (github.githubProviders, gitlab.gitlabProviders,
bitbucket.bitbucketProviders, gitea.giteaProviders).

Not recorded (connecting a provider needs an OAuth round trip); shapes read from Dokploy's source
(routers/git-provider.ts getAll: the gitProvider row + one nested provider summary + isOwner). Providers are
seeded through the state: table `gitProvider` (gitProviderId, name, providerType, createdAt, organizationId,
userId) and one row in table `github`/`gitlab`/`bitbucket`/`gitea` with `gitProviderId`; use new_git_provider().
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ..registry import route
from ..state import table
from ..util import by_created, nanoid, now_iso, public

ID_FIELDS = {"github": "githubId", "gitlab": "gitlabId", "bitbucket": "bitbucketId", "gitea": "giteaId"}
SUMMARY_FIELDS = {
    "github": ("githubId", "githubAppName", "githubAppId", "githubInstallationId", "githubUrl"),
    "gitlab": ("gitlabId", "applicationId", "gitlabUrl"),
    "bitbucket": ("bitbucketId", "bitbucketUsername"),
    "gitea": ("giteaId", "giteaUrl", "clientId"),
}


def new_git_provider(state, organization_id, user_id, provider_type, name, **values):
    """Seed a connected provider: the gitProvider row and its `<type>` row; returns the `<type>` row."""
    provider = {"gitProviderId": nanoid(), "name": name, "providerType": provider_type, "createdAt": now_iso(),
                "organizationId": organization_id, "userId": user_id, "sharedWithOrganization": False}
    table(state, "gitProvider")[provider["gitProviderId"]] = provider
    row = {ID_FIELDS[provider_type]: nanoid(), "gitProviderId": provider["gitProviderId"]}
    row.update(values)
    table(state, provider_type)[row[ID_FIELDS[provider_type]]] = row
    return row


def _typed(state, provider_type, provider_id):
    for row in table(state, provider_type).values():
        if row.get("gitProviderId") == provider_id:
            return row
    return None


@route("gitProvider.getAll")
def get_all(state, inp, ctx):
    out = []
    for provider in by_created(table(state, "gitProvider").values(), newest_first=True):
        item = public(provider)
        item["isOwner"] = provider.get("userId") == state.get("_meta", {}).get("userId")
        for provider_type, fields in SUMMARY_FIELDS.items():
            row = _typed(state, provider_type, provider["gitProviderId"])
            item[provider_type] = dict((f, row.get(f)) for f in fields) if row else None
            if row is not None:
                item[provider_type]["isConfigured"] = provider_type == "github"
        out.append(item)
    return out


def _listing(provider_type):
    @route("%s.%sProviders" % (provider_type, provider_type))
    def listing(state, inp, ctx):
        out = []
        for row in table(state, provider_type).values():
            provider = table(state, "gitProvider").get(row.get("gitProviderId")) or {}
            item = {ID_FIELDS[provider_type]: row[ID_FIELDS[provider_type]], "gitProvider": public(provider)}
            out.append(item)
        return out
    return listing


github_providers = _listing("github")
gitlab_providers = _listing("gitlab")
bitbucket_providers = _listing("bitbucket")
gitea_providers = _listing("gitea")
