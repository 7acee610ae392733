# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What Dokploy's applications look like through the API: option -> field mapping and the update endpoints.

Dokploy spreads one application over several endpoints (API.md 3.3, NOTES.md "Application"):
``application.update`` (partial), ``saveBuildType``, ``saveEnvironment`` and one ``save*Provider`` per
source. The ``save*`` endpoints need a whole group of fields in every call and clear what is not sent,
so each ``Update`` lists that group in ``keep``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dokploy.dokploy.plugins.module_utils.lookup import DokployLookupError, pick_one
from ansible_collections.dokploy.dokploy.plugins.module_utils.resource import Update

BUILD_TYPES = ("dockerfile", "nixpacks", "heroku_buildpacks", "paketo_buildpacks", "static", "railpack")
PROVIDER_TYPES = ("github", "gitlab", "bitbucket", "gitea")

# module option -> API field, for the fields application.update takes as they are
UPDATE_OPTIONS = (
    ("description", "description"),
    ("command", "command"),
    ("args", "args"),
    ("replicas", "replicas"),
    ("memory_limit", "memoryLimit"),
    ("memory_reservation", "memoryReservation"),
    ("cpu_limit", "cpuLimit"),
    ("cpu_reservation", "cpuReservation"),
    ("auto_deploy", "autoDeploy"),
)
BUILD_OPTIONS = (
    ("build_type", "buildType"),
    ("dockerfile", "dockerfile"),
    ("docker_context_path", "dockerContextPath"),
    ("docker_build_stage", "dockerBuildStage"),
    ("publish_directory", "publishDirectory"),
    ("static_spa", "isStaticSpa"),
    ("heroku_version", "herokuVersion"),
    ("railpack_version", "railpackVersion"),
)
ENV_OPTIONS = (("env", "env"), ("build_args", "buildArgs"), ("build_secrets", "buildSecrets"))

# git_provider suboption -> API field, per provider type; the provider's own ID field last
PROVIDER_FIELDS = {
    "github": {"repository": "repository", "owner": "owner", "branch": "branch", "build_path": "buildPath",
               "trigger_type": "triggerType", "id": "githubId"},
    "gitlab": {"repository": "gitlabRepository", "owner": "gitlabOwner", "branch": "gitlabBranch",
               "build_path": "gitlabBuildPath", "gitlab_project_id": "gitlabProjectId",
               "gitlab_path_namespace": "gitlabPathNamespace", "id": "gitlabId"},
    "bitbucket": {"repository": "bitbucketRepository", "owner": "bitbucketOwner", "branch": "bitbucketBranch",
                  "build_path": "bitbucketBuildPath", "bitbucket_repository_slug": "bitbucketRepositorySlug",
                  "id": "bitbucketId"},
    "gitea": {"repository": "giteaRepository", "owner": "giteaOwner", "branch": "giteaBranch",
              "build_path": "giteaBuildPath", "id": "giteaId"},
}
PROVIDER_PROCEDURES = {"github": "application.saveGithubProvider", "gitlab": "application.saveGitlabProvider",
                       "bitbucket": "application.saveBitbucketProvider", "gitea": "application.saveGiteaProvider"}
SOURCE_FIELDS = ("watchPaths", "enableSubmodules", "sourceType")

UPDATE = Update("application.update", ["name"] + [field for option, field in UPDATE_OPTIONS])
BUILD = Update("application.saveBuildType", [field for option, field in BUILD_OPTIONS],
               keep=("buildType", "dockerfile", "dockerContextPath", "dockerBuildStage", "herokuVersion", "railpackVersion"))
ENVIRONMENT = Update("application.saveEnvironment", ["env", "buildArgs", "buildSecrets", "createEnvFile"],
                     keep=("env", "buildArgs", "buildSecrets", "createEnvFile"))
DOCKER = Update("application.saveDockerProvider", ["dockerImage", "username", "password", "registryUrl", "sourceType"],
                keep=("dockerImage", "username", "password", "registryUrl"))
GIT = Update("application.saveGitProvider",
             ["customGitUrl", "customGitBranch", "customGitBuildPath", "customGitSSHKeyId"] + list(SOURCE_FIELDS),
             keep=("customGitUrl", "customGitBranch", "customGitBuildPath", "customGitSSHKeyId", "watchPaths"))


def provider_update(provider_type):
    """save<Type>Provider: every field of the provider is required in each call (nullable); watchPaths and
    enableSubmodules are optional and left alone when not sent."""
    fields = list(PROVIDER_FIELDS[provider_type].values())
    return Update(PROVIDER_PROCEDURES[provider_type], fields + list(SOURCE_FIELDS), keep=fields)


def updates_for(source_type):
    """The update endpoints of an application whose source the user sets to ``source_type`` (None: untouched)."""
    updates = [UPDATE, BUILD, ENVIRONMENT]
    if source_type == "docker":
        updates.append(DOCKER)
    elif source_type == "git":
        updates.append(GIT)
    elif source_type in PROVIDER_TYPES:
        updates.append(provider_update(source_type))
    return tuple(updates)


def strip_source_type(writes):
    """The save*Provider endpoints set sourceType themselves and do not take it: never send it."""
    for update, body in writes:
        body.pop("sourceType", None)
    return writes


# -- lookups of the things an application refers to ----------------------------------------------------------

def _match(items, value, id_field, what, option):
    by_id = [i for i in items if i.get(id_field) == value]
    if by_id:
        return by_id[0]
    found = pick_one(items, what, value, id_field, id_option=option)
    if found is None:
        names = sorted(set(str(i.get("name")) for i in items if i.get("name") is not None))
        raise DokployLookupError("No %s is named (or has ID) '%s'; existing: %s"
                                 % (what, value, ", ".join(names) if names else "none"))
    return found


def ssh_key_id(client, value):
    """The ID of the SSH key named ``value`` (or with ID ``value``), from ``sshKey.allForApps`` (no private keys)."""
    return _match(client.get("sshKey.allForApps") or [], value, "sshKeyId", "SSH key", "git_ssh_key")["sshKeyId"]


def provider_id(client, provider_type, value):
    """The ``<type>Id`` of the connected Git provider named ``value`` (or with that ID), from ``gitProvider.getAll``."""
    id_field = PROVIDER_FIELDS[provider_type]["id"]
    items = []
    for row in client.get("gitProvider.getAll") or []:
        nested = row.get(provider_type)
        if row.get("providerType") == provider_type and isinstance(nested, dict) and nested.get(id_field):
            items.append({"name": row.get("name"), id_field: nested[id_field], "gitProviderId": row.get("gitProviderId")})
    if any(i[id_field] == value or i.get("gitProviderId") == value for i in items):
        return [i for i in items if value in (i[id_field], i.get("gitProviderId"))][0][id_field]
    return _match(items, value, id_field, "%s provider" % provider_type, "git_provider.name")[id_field]
