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

from ansible_collections.dokploy.dokploy.plugins.module_utils.git_source import PROVIDER_TYPES, provider_fields
from ansible_collections.dokploy.dokploy.plugins.module_utils.resource import Update

BUILD_TYPES = ("dockerfile", "nixpacks", "heroku_buildpacks", "paketo_buildpacks", "static", "railpack")

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
    fields = [field for option, field in provider_fields("application", provider_type)]
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
