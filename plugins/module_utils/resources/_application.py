# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Applications: option -> field mapping and the update endpoints.

Dokploy spreads one application over several endpoints (API.md 3.3, NOTES.md "Application"):
``application.update`` (partial), ``saveBuildType``, ``saveEnvironment`` and one ``save*Provider`` per
source. The ``save*`` endpoints need a whole group of fields in every call and clear what is not sent,
so each ``Update`` lists that group in ``keep``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._service_checks import (
    BRANCH,
    check_branch,
    check_git_url,
    check_image,
    check_limits,
    check_repository_path,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._git_source import (
    PROVIDER_TYPES,
    check_git_provider,
    git_provider_option,
    provider_desired,
    provider_fields,
    ssh_key_id,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._kinds import SERVICE_KINDS
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._resource import Field, Update, VersionField
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._service import (
    Service,
    limit_fields,
    limits_argument_spec,
    service_argument_spec,
    service_module_kwargs,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._preview import COLUMNS as PREVIEW_COLUMNS
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._preview import FIELDS as PREVIEW_FIELDS
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._preview import DEFAULTS as PREVIEW_DEFAULTS
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._preview import ENV_FIELDS as PREVIEW_ENV_FIELDS
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._preview import (
    check_preview,
    preview_argument_spec,
    preview_desired,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._swarm import API_FIELDS as SWARM_API_FIELDS
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._swarm import check_swarm, swarm_argument_spec

BUILD_TYPES = ("dockerfile", "nixpacks", "heroku_buildpacks", "paketo_buildpacks", "static", "railpack")

UPDATE_FIELDS = (Field("description"), Field("command"), Field("args"), Field("replicas"),
                 Field("auto_deploy", "autoDeploy"), Field("clean_cache", "cleanCache"),
                 Field("rollback", "rollbackActive")) + limit_fields()
ENV_FILE_FIELDS = (Field("create_env_file", "createEnvFile"),)
BUILD_FIELDS = (
    Field("build_type", "buildType"), Field("dockerfile"), Field("docker_context_path", "dockerContextPath"),
    Field("docker_build_stage", "dockerBuildStage"), Field("publish_directory", "publishDirectory"),
    Field("static_spa", "isStaticSpa"), Field("heroku_version", "herokuVersion"),
    Field("railpack_version", "railpackVersion"),
)
DOCKER_FIELDS = (Field("docker_image", "dockerImage"), Field("registry_url", "registryUrl"),
                 Field("registry_username", "username"), Field("registry_password", "password"))
GIT_FIELDS = (Field("git_url", "customGitUrl"), Field("git_branch", "customGitBranch"),
              Field("git_build_path", "customGitBuildPath"))
SOURCE_OPTIONS = (Field("watch_paths", "watchPaths"), Field("enable_submodules", "enableSubmodules"))
SOURCE_FIELDS = ("watchPaths", "enableSubmodules", "sourceType")

PROVIDER_PROCEDURES = {"github": "application.saveGithubProvider", "gitlab": "application.saveGitlabProvider",
                       "bitbucket": "application.saveBitbucketProvider", "gitea": "application.saveGiteaProvider"}

UPDATE = Update("application.update", ["name", "registryId", "buildRegistryId", "rollbackRegistryId"]
                + [f.api for f in UPDATE_FIELDS] + SWARM_API_FIELDS + list(PREVIEW_COLUMNS))
BUILD = Update("application.saveBuildType", [f.api for f in BUILD_FIELDS],
               keep=("buildType", "dockerfile", "dockerContextPath", "dockerBuildStage", "herokuVersion", "railpackVersion"))
ENVIRONMENT = Update("application.saveEnvironment", ["env", "buildArgs", "buildSecrets", "createEnvFile"],
                     keep=("env", "buildArgs", "buildSecrets", "createEnvFile"))
DOCKER = Update("application.saveDockerProvider", ["dockerImage", "username", "password", "registryUrl", "sourceType"],
                keep=("dockerImage", "username", "password", "registryUrl"))
# enableSubmodules is kept too: before Dokploy v0.28.4 the save*Provider endpoints require it (tables/_capabilities.py).
GIT = Update("application.saveGitProvider",
             ["customGitUrl", "customGitBranch", "customGitBuildPath", "customGitSSHKeyId"] + list(SOURCE_FIELDS),
             keep=("customGitUrl", "customGitBranch", "customGitBuildPath", "customGitSSHKeyId", "watchPaths",
                   "enableSubmodules"))


def provider_update(provider_type):
    """save<Type>Provider: every field of the provider is required in each call (nullable); watchPaths and
    enableSubmodules are optional and left alone when not sent."""
    fields = [field for option, field in provider_fields("application", provider_type)]
    return Update(PROVIDER_PROCEDURES[provider_type], fields + list(SOURCE_FIELDS), keep=fields + ["enableSubmodules"])


def source_updates(source_type):
    """The update endpoints of an application whose source the user sets to ``source_type`` (None: untouched)."""
    updates = [UPDATE, BUILD, ENVIRONMENT]
    if source_type == "docker":
        updates.append(DOCKER)
    elif source_type == "git":
        updates.append(GIT)
    elif source_type in PROVIDER_TYPES:
        updates.append(provider_update(source_type))
    return tuple(updates)


def source_type(params):
    if params.get("docker_image") is not None:
        return "docker"
    if params.get("git_url") is not None:
        return "git"
    if params.get("git_provider"):
        return params["git_provider"]["type"]
    return None


class Application(Service):
    kind = "application"
    swarm = True
    service_kind = SERVICE_KINDS["application"]
    fields = UPDATE_FIELDS + BUILD_FIELDS + ENV_FILE_FIELDS
    # createEnvFile on applications and rollbackRegistryId came with Dokploy v0.26 (tables/_capabilities.py)
    version_fields = Service.version_fields + (
        # before v0.26.1 every build writes the .env file (builders/docker-file.ts, v0.25.11): true asks nothing
        VersionField("createEnvFile", "application.createEnvFile", option="create_env_file", implied=True),
        VersionField("rollbackRegistryId", "application.buildRegistry", option="rollback_registry"),
        VersionField("buildSecrets", "application.buildSecrets", option="build_secrets"),
        VersionField("previewBuildSecrets", "application.buildSecrets", option="preview.build_secrets"))
    env_fields = (("env", "env"), ("build_args", "buildArgs"), ("build_secrets", "buildSecrets"))
    section = "applications"
    # the recorded application.create answer [seq 96]
    export_defaults = {"replicas": 1, "buildType": "nixpacks", "dockerfile": "Dockerfile", "railpackVersion": "0.15.4",
                       "herokuVersion": "24", "autoDeploy": True, "cleanCache": False, "rollbackActive": False,
                       "createEnvFile": True, "enableSubmodules": False, "triggerType": "push",
                       "buildPath": "/", "gitlabBuildPath": "/", "giteaBuildPath": "/", "bitbucketBuildPath": "/"}
    export_sources = {"docker": DOCKER_FIELDS, "git": GIT_FIELDS + (Field("git_ssh_key", "customGitSSHKeyId"),)}
    export_source_options = SOURCE_OPTIONS
    # the options of the ``preview`` dict, exported as the top-level ones are (a setting equal to its default left out)
    export_groups = (("preview", PREVIEW_FIELDS + PREVIEW_ENV_FIELDS, PREVIEW_DEFAULTS),)
    module_kwargs = service_module_kwargs(
        "application_id",
        mutually_exclusive=[("docker_image", "git_url", "git_provider")],
        required_by={"registry_url": "docker_image", "registry_username": "docker_image",
                     "registry_password": "docker_image", "git_branch": "git_url", "git_build_path": "git_url",
                     "git_ssh_key": "git_url"},
        required_together=[("git_url", "git_branch")])

    @classmethod
    def argument_spec(cls):
        spec = service_argument_spec("application_id")
        spec.update(limits_argument_spec())
        spec.update(swarm_argument_spec())
        spec.update(preview_argument_spec())
        spec.update(
            docker_image=dict(type="str"),
            registry_url=dict(type="str"),
            registry_username=dict(type="str"),
            registry_password=dict(type="str", no_log=True),
            git_url=dict(type="str"),
            git_branch=dict(type="str"),
            git_build_path=dict(type="str"),
            git_ssh_key=dict(type="str", no_log=False),
            watch_paths=dict(type="list", elements="str"),
            enable_submodules=dict(type="bool"),
            git_provider=git_provider_option(),
            build_type=dict(type="str", choices=list(BUILD_TYPES)),
            dockerfile=dict(type="str"),
            docker_context_path=dict(type="str"),
            docker_build_stage=dict(type="str"),
            publish_directory=dict(type="str"),
            static_spa=dict(type="bool"),
            heroku_version=dict(type="str"),
            railpack_version=dict(type="str"),
            command=dict(type="str"),
            args=dict(type="list", elements="str"),
            replicas=dict(type="int"),
            auto_deploy=dict(type="bool"),
            build_args=dict(type="raw", no_log=False),  # masked by the collection, as env
            build_secrets=dict(type="raw", no_log=True),
            registry=dict(type="str"),
            build_registry=dict(type="str"),
            create_env_file=dict(type="bool"),
            clean_cache=dict(type="bool"),
            rollback=dict(type="bool"),
            rollback_registry=dict(type="str"),
        )
        return spec

    @classmethod
    def validate(cls, params):
        super(Application, cls).validate(params)
        if (params["watch_paths"] is not None or params["enable_submodules"] is not None) and \
                not (params["git_url"] or params["git_provider"]):
            raise DokployParamError("watch_paths and enable_submodules need a Git source: git_url or git_provider",
                                    option="watch_paths")
        if params["replicas"] is not None and params["replicas"] < 0:
            raise DokployParamError("replicas must be 0 or more", option="replicas")
        check_limits(params)
        check_swarm(params)
        check_preview(params["preview"])
        check_image("docker_image", params["docker_image"])
        if params["git_branch"] is not None and not params["git_branch"].strip():
            raise DokployParamError("git_branch must not be empty", option="git_branch")
        check_repository_path("git_build_path", params["git_build_path"])
        check_git_url("git_url", params["git_url"])
        check_branch("git_branch", params["git_branch"], BRANCH)
        if params["git_provider"]:
            check_branch("git_provider.branch", params["git_provider"]["branch"], BRANCH)
        problem = check_git_provider("application", params["git_provider"])
        if problem:
            raise DokployParamError(problem, option="git_provider")

    def updates_for(self, current, created=False):
        return source_updates(source_type(self.params))

    def desired(self, current):
        wanted = super(Application, self).desired(current)
        params = self.params
        wanted.update(self.swarm_wanted(current, wanted))
        wanted.update(preview_desired(params["preview"], current, params.get("env_mode") or "replace"))
        source = source_type(params)
        if source == "docker":
            wanted["sourceType"] = "docker"
            wanted.update((f.api, f.value(params)) for f in DOCKER_FIELDS if params.get(f.option) is not None)
        elif source == "git":
            wanted["sourceType"] = "git"
            wanted.update((f.api, f.value(params)) for f in GIT_FIELDS if params.get(f.option) is not None)
            if params["git_ssh_key"] is not None:
                wanted["customGitSSHKeyId"] = ssh_key_id(self.client, params["git_ssh_key"]) if params["git_ssh_key"] else None
        elif source:
            wanted.update(provider_desired(self.client, "application", params["git_provider"]))
        if source and source != "docker":
            wanted.update((f.api, f.value(params)) for f in SOURCE_OPTIONS if params.get(f.option) is not None)
        # application.update takes the registries by ID (registryId: pushed to after the build, for swarm nodes and
        # remote servers; buildRegistryId: where a build server pushes; utils/cluster/upload.ts, v0.30.2)
        registries = [(option, field, nested) for option, field, nested in (
            ("registry", "registryId", "registry"), ("build_registry", "buildRegistryId", "buildRegistry"),
            ("rollback_registry", "rollbackRegistryId", "rollbackRegistry"))
            if params[option] is not None]
        if registries:
            # Imported here: most tasks name no registry, and every module_utils file a task imports is compiled
            # again on each run (AnsiballZ ships sources only); see benchmarks/README.md.
            from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._registry import registry_ids
            # application.one nests both registries (without their passwords): naming the one held costs no request
            wanted.update(zip([field for option, field, nested in registries],
                              registry_ids(self.ctx, [(params[option], (current or {}).get(nested))
                                                      for option, field, nested in registries])))
        return wanted

    def published_ports(self, current, wanted):
        ports = (current or {}).get("ports") or []
        return ", ".join("%s->%s/%s" % (p.get("publishedPort"), p.get("targetPort"), p.get("protocol") or "tcp")
                         for p in ports) + " (dokploy_port)" if ports else None

    def create_payload(self, desired):
        payload = self.create_base()
        if desired.get("description") is not None:
            payload["description"] = desired["description"]
        return payload

    def plan(self, current, changes, desired, created=False):
        writes = super(Application, self).plan(current, changes, desired, created)
        for update, body in writes:
            body.pop("sourceType", None)  # the save*Provider endpoints set it themselves and do not take it
            if "enableSubmodules" in body and body["enableSubmodules"] is None:
                body["enableSubmodules"] = False  # Dokploy's default; a boolean is required before v0.28.4
        return writes
