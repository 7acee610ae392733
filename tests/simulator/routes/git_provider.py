# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Git providers: gitProvider (getAll, remove, toggleShare, allForPermissions), gitlab, gitea and bitbucket (create,
one, update, <kind>Providers, testConnection, repository and branch lists), github (one, githubProviders, update,
testConnection, lists).

Not recorded (connecting a provider needs an OAuth round trip); shapes read from Dokploy's source at v0.30.2:
apps/dokploy/server/api/routers/{git-provider,gitlab,gitea,bitbucket,github}.ts, packages/server/src/services/*.ts
and packages/server/src/db/schema/{git-provider,gitlab,gitea,bitbucket,github}.ts. A provider is a `gitProvider` row
plus one row of table `github`/`gitlab`/`gitea`/`bitbucket` that points to it. GitHub apps are made by a manifest
flow in the browser, so tests seed them with new_git_provider(). The simulator reaches no forge: repository and
branch lists are empty, testConnection answers "Found 0 repositories" unless it fails (server_remote.py: a forge URL
on a reserved host such as `gitea.example.invalid`, or `/__sim__/remote` {"git_test": "fail"}).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ..cascade import delete_row
from ..registry import EMPTY, ApiError, not_found, route
from ..state import table
from ..util import by_created, nanoid, now_iso, public
from .server_remote import failure

ID_FIELDS = {"github": "githubId", "gitlab": "gitlabId", "bitbucket": "bitbucketId", "gitea": "giteaId"}
LABELS = {"github": "Github", "gitlab": "Gitlab", "bitbucket": "Bitbucket", "gitea": "Gitea"}
# each kind's table columns with their defaults, in column order (schema/<kind>.ts)
COLUMNS = {
    "github": (("githubAppName", None), ("githubAppId", None), ("githubClientId", None), ("githubClientSecret", None),
               ("githubInstallationId", None), ("githubPrivateKey", None), ("githubWebhookSecret", None),
               ("githubUrl", "https://github.com")),
    "gitlab": (("gitlabUrl", "https://gitlab.com"), ("gitlabInternalUrl", None), ("applicationId", None),
               ("redirectUri", None), ("secret", None), ("accessToken", None), ("refreshToken", None),
               ("groupName", None), ("expiresAt", None)),
    "bitbucket": (("bitbucketUsername", None), ("bitbucketEmail", None), ("appPassword", None), ("apiToken", None),
                  ("bitbucketWorkspaceName", None)),
    "gitea": (("giteaUrl", "https://gitea.com"), ("giteaInternalUrl", None), ("redirectUri", None), ("clientId", None),
              ("clientSecret", None), ("accessToken", None), ("refreshToken", None), ("expiresAt", None),
              ("scopes", "repo,repo:status,read:user,read:org"), ("lastAuthenticatedAt", None)),
}
FORGE_URL = {"github": "githubUrl", "gitlab": "gitlabUrl", "gitea": "giteaUrl"}


def _column_names(kind):
    return [name for name, dummy in COLUMNS[kind]]


def new_git_provider(state, organization_id, user_id, provider_type, name, **values):
    """Store a provider: the gitProvider row and its `<type>` row (column defaults applied); returns the `<type>` row."""
    provider = {"gitProviderId": nanoid(), "name": name, "providerType": provider_type, "createdAt": now_iso(),
                "organizationId": organization_id, "userId": user_id, "sharedWithOrganization": False}
    table(state, "gitProvider")[provider["gitProviderId"]] = provider
    row = {ID_FIELDS[provider_type]: nanoid()}
    for column, default in COLUMNS[provider_type]:
        row[column] = values[column] if values.get(column) is not None else default
    row["gitProviderId"] = provider["gitProviderId"]
    table(state, provider_type)[row[ID_FIELDS[provider_type]]] = row
    return row


def _typed(state, provider_type, provider_id):
    for row in table(state, provider_type).values():
        if row.get("gitProviderId") == provider_id:
            return row
    return None


def _get(state, kind, row_id):
    row = table(state, kind).get(row_id)
    if row is None:
        raise not_found("%s Provider" % LABELS[kind])
    return row


def _with_provider(state, row):
    out = public(row)
    out["gitProvider"] = public(table(state, "gitProvider").get(row["gitProviderId"]) or {})
    return out


def _summary(kind, row):
    """gitProvider.getAll's per-kind summary with `isConfigured` (routers/git-provider.ts)."""
    if kind == "github":
        return {"githubId": row["githubId"], "githubAppName": row.get("githubAppName"), "githubAppId": row.get("githubAppId"),
                "githubInstallationId": row.get("githubInstallationId"), "githubUrl": row.get("githubUrl"),
                "isConfigured": bool(row.get("githubPrivateKey") and row.get("githubAppId") and row.get("githubInstallationId"))}
    if kind == "gitlab":
        return {"gitlabId": row["gitlabId"], "applicationId": row.get("applicationId"), "gitlabUrl": row.get("gitlabUrl"),
                "isConfigured": bool(row.get("accessToken") and row.get("refreshToken"))}
    if kind == "bitbucket":
        return {"bitbucketId": row["bitbucketId"], "bitbucketUsername": row.get("bitbucketUsername"), "isConfigured": False,
                "isDeprecated": bool(row.get("appPassword") and not row.get("apiToken"))}
    return {"giteaId": row["giteaId"], "giteaUrl": row.get("giteaUrl"), "clientId": row.get("clientId"),
            "isConfigured": bool(row.get("accessToken") and row.get("refreshToken"))}


@route("gitProvider.getAll")
def get_all(state, inp, ctx):
    """Newest first; the API key's user is the owner, who sees every provider of the organization."""
    out = []
    for provider in by_created(table(state, "gitProvider").values(), newest_first=True):
        item = public(provider)
        for kind in ("gitlab", "bitbucket", "github", "gitea"):
            row = _typed(state, kind, provider["gitProviderId"])
            item[kind] = _summary(kind, row) if row else None
        item["isOwner"] = provider.get("userId") == state.get("_meta", {}).get("userId")
        out.append(item)
    return out


@route("gitProvider.remove")
def remove(state, inp, ctx):
    """The deleted gitProvider row; its `<kind>` row goes with it (FK cascade) and the services using it keep their
    source with a null provider id (FK set null). An unknown id becomes 400 "Git Provider not found"."""
    provider = table(state, "gitProvider").get(inp["gitProviderId"])
    if provider is None:
        raise ApiError(400, "Git Provider not found")
    delete_row(state, "gitProvider", provider["gitProviderId"])   # the keys of cascade.py
    return public(provider)


@route("gitProvider.toggleShare")
def toggle_share(state, inp, ctx):
    provider = table(state, "gitProvider").get(inp["gitProviderId"])
    if provider is None:
        raise not_found("Git Provider")
    provider["sharedWithOrganization"] = inp["sharedWithOrganization"]
    return public(provider)


@route("gitProvider.allForPermissions")
def all_for_permissions(state, inp, ctx):
    raise ApiError(403, "Valid enterprise license required")  # needs an enterprise licence in v0.30.2


def _create(kind, extra_result=None):
    @route("%s.create" % kind)
    def create(state, inp, ctx):
        """gitlab/bitbucket answer an empty body, gitea {giteaId, clientId, giteaUrl} (services/<kind>.ts)."""
        values = dict((c, inp[c]) for c in _column_names(kind) if c in inp)
        row = new_git_provider(state, ctx.organization_id, state["_meta"]["userId"], kind, inp["name"], **values)
        return extra_result(row) if extra_result else EMPTY
    return create


def _one(kind):
    @route("%s.one" % kind)
    def one(state, inp, ctx):
        """The `<kind>` row with its `gitProvider`, secrets included."""
        return _with_provider(state, _get(state, kind, inp[ID_FIELDS[kind]]))
    return one


def _listing(kind, requirements, extra=()):
    @route("%s.%sProviders" % (kind, kind))
    def listing(state, inp, ctx):
        """Only the providers whose OAuth/app setup is complete (have<Kind>Requirements)."""
        out = []
        for row in table(state, kind).values():
            if not requirements(row):
                continue
            item = {ID_FIELDS[kind]: row[ID_FIELDS[kind]]}
            for field in extra:
                item[field] = row.get(field)
            item["gitProvider"] = public(table(state, "gitProvider").get(row["gitProviderId"]) or {})
            out.append(item)
        return out
    return listing


def _test_connection(kind):
    @route("%s.testConnection" % kind)
    def test_connection(state, inp, ctx):
        row = _get(state, kind, inp.get(ID_FIELDS[kind]))
        url = row.get(FORGE_URL[kind]) if kind in FORGE_URL else "https://api.bitbucket.org"
        reason = failure(ctx, "git_test", url)
        if reason:
            raise ApiError(400, reason)
        return "Found 0 repositories"
    return test_connection


def _lists(kind, repositories, branches, branch_required=()):
    @route("%s.%s" % (kind, repositories))
    def repository_list(state, inp, ctx):
        _get(state, kind, inp.get(ID_FIELDS[kind]))
        return []

    @route("%s.%s" % (kind, branches))
    def branch_list(state, inp, ctx):
        if branch_required and not all(inp.get(f) for f in branch_required):
            raise ApiError(400, "Gitea provider ID, owner, and repository name are required.")
        if inp.get(ID_FIELDS[kind]):
            _get(state, kind, inp.get(ID_FIELDS[kind]))
        return []
    return repository_list, branch_list


def _update_provider(state, provider_id, name, organization_id):
    provider = table(state, "gitProvider").get(provider_id)
    if provider is not None:
        provider.update(name=name, organizationId=organization_id)


def _set_columns(kind, row, inp):
    for column in _column_names(kind):
        if column in inp:
            row[column] = inp[column]


@route("gitlab.update")
def gitlab_update(state, inp, ctx):
    """Empty body; an unknown gitlabId updates nothing and still answers 200 (routers/gitlab.ts)."""
    _update_provider(state, inp["gitProviderId"], inp["name"], ctx.organization_id)
    row = table(state, "gitlab").get(inp["gitlabId"])
    if row is not None:
        _set_columns("gitlab", row, inp)
    return EMPTY


@route("gitea.update")
def gitea_update(state, inp, ctx):
    """{success: true}; an unknown giteaId is a plain Error in updateGitea, so a 500."""
    _update_provider(state, inp.get("gitProviderId"), inp["name"], ctx.organization_id)
    row = table(state, "gitea").get(inp["giteaId"])
    if row is None:
        raise ApiError(500, "Failed to update Gitea provider with ID %s" % inp["giteaId"])
    _set_columns("gitea", row, inp)
    return {"success": True}


@route("bitbucket.update")
def bitbucket_update(state, inp, ctx):
    """The updated bitbucket row; 404 "Bitbucket provider not found" (services/bitbucket.ts)."""
    row = table(state, "bitbucket").get(inp["bitbucketId"])
    if row is None:
        raise ApiError(404, "Bitbucket provider not found")
    _set_columns("bitbucket", row, inp)
    _update_provider(state, row["gitProviderId"], inp["name"], ctx.organization_id)
    return public(row)


@route("github.update")
def github_update(state, inp, ctx):
    """Empty body; renames the provider and the app (routers/github.ts)."""
    _update_provider(state, inp["gitProviderId"], inp["name"], ctx.organization_id)
    row = table(state, "github").get(inp["githubId"])
    if row is not None:
        row["githubAppName"] = inp["githubAppName"]
    return EMPTY


@route("gitea.getGiteaUrl")
def gitea_url(state, inp, ctx):
    return _get(state, "gitea", inp["giteaId"])["giteaUrl"]


gitlab_create = _create("gitlab")
bitbucket_create = _create("bitbucket")
gitea_create = _create("gitea", lambda row: {"giteaId": row["giteaId"], "clientId": row["clientId"], "giteaUrl": row["giteaUrl"]})
github_one, gitlab_one, gitea_one, bitbucket_one = _one("github"), _one("gitlab"), _one("gitea"), _one("bitbucket")
github_providers = _listing("github", lambda r: _summary("github", r)["isConfigured"], extra=("githubUrl",))
gitlab_providers = _listing("gitlab", lambda r: _summary("gitlab", r)["isConfigured"], extra=("gitlabUrl",))
gitea_providers = _listing("gitea", lambda r: bool(r.get("clientId") and r.get("clientSecret")))
bitbucket_providers = _listing("bitbucket", lambda r: True)
test_connections = [_test_connection(kind) for kind in ("github", "gitlab", "gitea", "bitbucket")]
github_lists = _lists("github", "getGithubRepositories", "getGithubBranches")
gitlab_lists = _lists("gitlab", "getGitlabRepositories", "getGitlabBranches")
gitea_lists = _lists("gitea", "getGiteaRepositories", "getGiteaBranches", ("giteaId", "owner", "repositoryName"))
bitbucket_lists = _lists("bitbucket", "getBitbucketRepositories", "getBitbucketBranches")
