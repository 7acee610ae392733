# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""application router: create [96-107], one [108-110], update [111-121, 132, 185], saveEnvironment [122-131],
saveBuildType [133-143], saveDockerProvider [144-147], saveGitProvider [148-151, 153, 169, 426],
save{Github,Gitlab,Bitbucket,Gitea}Provider (from the source: set the provider's columns and sourceType),
disconnectGitProvider [197], move [196], search [198-201], delete [202-205, 450, 533].

Others extend this file with deploy, start, stop ... (row defaults live in rows.py).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ..registry import ApiError, route
from ..services import check_server, delete_service, detail, find_environment, get_row, new_row, search_services
from ..state import table
from ..util import build_app_name, public, touch

# columns application.update may not set (the service drops appName [119]; serverId is not in its schema)
UPDATE_IGNORED = ("applicationId", "appName", "serverId")
SEARCH_FIELDS = ("applicationId", "name", "appName", "description", "environmentId", "applicationStatus", "sourceType",
                 "createdAt")


def _save(state, application_id, values):
    """Set columns of an application found by id (404 Application not found [131, 143])."""
    row = get_row(state, "application", application_id)
    row.update(values)
    touch(table(state, "application"), application_id)
    return True


def _present(inp, fields):
    return dict((f, inp[f]) for f in fields if f in inp)


@route("application.create")
def create(state, inp, ctx):
    find_environment(state, inp["environmentId"])
    check_server(state, inp.get("serverId"))
    row = new_row("application", name=inp["name"], environmentId=inp["environmentId"],
                  description=inp.get("description"), serverId=inp.get("serverId"),
                  sourceType=inp.get("sourceType", "github"))
    if inp.get("appName"):
        row["appName"] = build_app_name("app", inp["appName"])
    if not ctx.config.get("behaviours", {}).get("application.dockerfile.default", True):
        row["dockerfile"] = None  # no column default before (tests/simulator/versions.py BEHAVIOURS)
    table(state, "application")[row["applicationId"]] = row
    return dict(row)


@route("application.one")
def one(state, inp, ctx):
    return detail(state, "application", get_row(state, "application", inp["applicationId"]))


@route("application.update")
def update(state, inp, ctx):
    """Partial update; `true` [111]; unknown id 400 [117]; nothing to set 500 [118, 119]."""
    row = table(state, "application").get(inp["applicationId"])
    values = dict((k, v) for k, v in inp.items() if k not in UPDATE_IGNORED)
    if not values:
        raise ApiError(500, "No values to set")
    if row is None:
        raise ApiError(400, "Error updating application")
    row.update(values)
    touch(table(state, "application"), row["applicationId"])
    return True


@route("application.saveEnvironment", nonoptional=("createEnvFile",))
def save_environment(state, inp, ctx):
    """All of env, buildArgs, buildSecrets, createEnvFile are required [124, 125]; stored verbatim [123]."""
    return _save(state, inp["applicationId"], _present(inp, ("env", "buildArgs", "buildSecrets", "createEnvFile")))


@route("application.saveBuildType")
def save_build_type(state, inp, ctx):
    """The five nullable build fields are required [133]; publishDirectory/isStaticSpa only when sent [141]."""
    fields = ("buildType", "dockerfile", "dockerContextPath", "dockerBuildStage", "herokuVersion", "railpackVersion",
              "publishDirectory", "isStaticSpa")
    return _save(state, inp["applicationId"], _present(inp, fields))


@route("application.saveDockerProvider")
def save_docker_provider(state, inp, ctx):
    """dockerImage, username, password, registryUrl required (nullable) [144]; sourceType docker [147]."""
    values = _present(inp, ("dockerImage", "username", "password", "registryUrl"))
    values.update(sourceType="docker", applicationStatus="idle")
    return _save(state, inp["applicationId"], values)


@route("application.saveGitProvider")
def save_git_provider(state, inp, ctx):
    """[148-150, 426]; an unknown SSH key is a foreign-key violation: 500 with the SQL text [151]."""
    row = get_row(state, "application", inp["applicationId"])
    key_id = inp.get("customGitSSHKeyId")
    if key_id and key_id not in table(state, "sshKey"):
        raise ApiError(500, 'Failed query: update "application" set "watchPaths" = $1, "sourceType" = $2, "customGitUrl" = $3, '
                            '"customGitBranch" = $4, "customGitBuildPath" = $5, "customGitSSHKeyId" = $6, '
                            '"applicationStatus" = $7 where "application"."applicationId" = $8\nparams: %s'
                       % row["applicationId"])
    values = _present(inp, ("customGitUrl", "customGitBranch", "customGitBuildPath", "customGitSSHKeyId", "watchPaths",
                            "enableSubmodules"))
    values.update(sourceType="git", applicationStatus="idle")
    return _save(state, inp["applicationId"], values)


def _provider_route(name, source_type, fields):
    @route("application.%s" % name)
    def save(state, inp, ctx):
        values = _present(inp, tuple(fields) + ("enableSubmodules", "watchPaths"))
        values.update(sourceType=source_type, applicationStatus="idle")
        return _save(state, inp["applicationId"], values)
    return save


save_github_provider = _provider_route("saveGithubProvider", "github",
                                       ("repository", "owner", "branch", "buildPath", "githubId", "triggerType"))
save_gitlab_provider = _provider_route("saveGitlabProvider", "gitlab",
                                       ("gitlabRepository", "gitlabOwner", "gitlabBranch", "gitlabBuildPath", "gitlabId",
                                        "gitlabProjectId", "gitlabPathNamespace"))
save_bitbucket_provider = _provider_route("saveBitbucketProvider", "bitbucket",
                                          ("bitbucketRepository", "bitbucketRepositorySlug", "bitbucketOwner",
                                           "bitbucketBranch", "bitbucketBuildPath", "bitbucketId"))
save_gitea_provider = _provider_route("saveGiteaProvider", "gitea",
                                      ("giteaRepository", "giteaOwner", "giteaBranch", "giteaBuildPath", "giteaId"))


@route("application.disconnectGitProvider")
def disconnect_git_provider(state, inp, ctx):
    """`true` [197]; clears every git column, sourceType back to github."""
    cleared = dict((f, None) for f in (
        "repository", "owner", "branch", "githubId", "gitlabRepository", "gitlabOwner", "gitlabBranch", "gitlabId",
        "gitlabProjectId", "gitlabPathNamespace", "bitbucketRepository", "bitbucketRepositorySlug", "bitbucketOwner",
        "bitbucketBranch", "bitbucketId", "giteaRepository", "giteaOwner", "giteaBranch", "giteaId", "customGitUrl",
        "customGitBranch", "customGitBuildPath", "customGitSSHKeyId", "gitlabBuildPath", "giteaBuildPath",
        "bitbucketBuildPath", "dropBuildPath"))
    cleared.update(sourceType="github", applicationStatus="idle", buildPath="/")
    return _save(state, inp["applicationId"], cleared)


@route("application.move")
def move(state, inp, ctx):
    """The application row with its new environmentId [196]."""
    row = get_row(state, "application", inp["applicationId"])
    find_environment(state, inp["targetEnvironmentId"])
    row["environmentId"] = inp["targetEnvironmentId"]
    touch(table(state, "application"), row["applicationId"])
    return public(row)


@route("application.search")
def search(state, inp, ctx):
    """{items, total}, ilike filters, newest first [198-201]."""
    return search_services(state, "application", inp, SEARCH_FIELDS,
                           like_fields=("name", "appName", "description", "repository", "owner", "dockerImage"),
                           q_fields=("name", "description", "appName"))


@route("application.delete")
def delete(state, inp, ctx):
    row = get_row(state, "application", inp["applicationId"])
    out = detail(state, "application", row, for_delete=True)
    delete_service(state, "application", row["applicationId"])
    return out
