# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Compose stacks: compose.update is partial and answers the updated row (NOTES.md "Compose")."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import io

from ansible.module_utils.common.text.converters import to_text

try:
    import yaml
    HAS_YAML = True
except ImportError:  # the module then leaves the check to Dokploy's deploy
    HAS_YAML = False

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._service_checks import check_branch, check_git_url, check_repository_path
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._git_source import (
    PROVIDER_TYPES,
    check_git_provider,
    git_provider_option,
    provider_desired,
    provider_fields,
    ssh_key_id,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._kinds import SERVICE_KINDS
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._resource import Field, Update
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._service import (
    Service,
    service_argument_spec,
    service_module_kwargs,
)

FIELDS = (
    Field("description"), Field("compose_type", "composeType"), Field("compose_file", "composeFile"),
    Field("compose_path", "composePath"), Field("command"), Field("randomize"),
    Field("isolated_deployment", "isolatedDeployment"), Field("auto_deploy", "autoDeploy"),
    Field("watch_paths", "watchPaths"),
)
CREATE_FIELDS = ("name", "description", "composeType", "composeFile", "sourceType")
UPDATE_FIELDS = [
    "name", "description", "composeType", "composeFile", "sourceType", "composePath", "command", "env", "randomize",
    "isolatedDeployment", "customGitUrl", "customGitBranch", "customGitSSHKeyId", "autoDeploy", "watchPaths",
] + sorted(set(field for provider_type in PROVIDER_TYPES for option, field in provider_fields("compose", provider_type)))


def read_compose_src(path):
    """compose_src read where the module runs (the action plugin normally reads it on the controller)."""
    try:
        with io.open(path, "rb") as f:
            return to_text(f.read(), errors="surrogate_or_strict")
    except (IOError, OSError) as exc:
        raise DokployParamError("cannot read compose_src %s: %s" % (path, exc), option="compose_src")


def check_compose_file(option, text):
    """Refuse a compose file that is not YAML or defines no ``services``, naming the line.

    Dokploy stores any text and fails only when it deploys (``docker compose`` reads the file then).
    """
    if not text or not text.strip() or not HAS_YAML:
        return
    try:
        document = yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = " at line %d, column %d" % (mark.line + 1, mark.column + 1) if mark else ""
        raise DokployParamError("%s is not valid YAML%s: %s" % (option, where, error.problem or error.context),
                                option=option)
    except yaml.YAMLError as error:
        raise DokployParamError("%s is not valid YAML: %s" % (option, error), option=option)
    services = document.get("services") if isinstance(document, dict) else None
    if not isinstance(services, dict) or not services:
        raise DokployParamError("%s defines no services: a compose file needs a top-level 'services:' mapping with at "
                                "least one service" % option, option=option)


class Compose(Service):
    kind = "compose"
    service_kind = SERVICE_KINDS["compose"]
    fields = FIELDS
    section = "compose"
    # the recorded compose.create answer [339]
    export_defaults = {"composeType": "docker-compose", "composePath": "./docker-compose.yml", "randomize": False,
                       "isolatedDeployment": False, "autoDeploy": True, "triggerType": "push"}
    export_sources = {"raw": (Field("compose_file", "composeFile"),),
                      "git": (Field("git_url", "customGitUrl"), Field("git_branch", "customGitBranch"),
                              Field("git_ssh_key", "customGitSSHKeyId"))}
    # env goes along with compose.update (seq 350).
    updates = (Update("compose.update", UPDATE_FIELDS),)
    module_kwargs = service_module_kwargs("compose_id", mutually_exclusive=[("compose_file", "compose_src", "git_url",
                                                                             "git_provider")])

    @classmethod
    def argument_spec(cls):
        spec = service_argument_spec("compose_id")
        spec.update(
            compose_type=dict(type="str", choices=["docker-compose", "stack"]),
            compose_file=dict(type="str"),
            compose_src=dict(type="path"),
            git_url=dict(type="str"),
            git_branch=dict(type="str"),
            git_ssh_key=dict(type="str", no_log=False),
            git_provider=git_provider_option(),
            compose_path=dict(type="str"),
            command=dict(type="str"),
            randomize=dict(type="bool"),
            isolated_deployment=dict(type="bool"),
            auto_deploy=dict(type="bool"),
            watch_paths=dict(type="list", elements="str"),
            delete_volumes=dict(type="bool", default=False),
        )
        return spec

    @classmethod
    def validate(cls, params):
        super(Compose, cls).validate(params)
        if params.get("compose_src") is not None:
            params["compose_file"] = read_compose_src(params["compose_src"])
        check_compose_file("compose_src" if params.get("compose_src") is not None else "compose_file",
                           params["compose_file"])
        if params.get("watch_paths") is not None and not (params["git_url"] or params["git_provider"]):
            raise DokployParamError("watch_paths needs a Git source: git_url or git_provider", option="watch_paths")
        problem = check_git_provider("compose", params["git_provider"])
        if problem:
            raise DokployParamError(problem, option="git_provider")
        if params["git_url"] is None and params["git_ssh_key"]:
            raise DokployParamError("git_ssh_key needs git_url", option="git_ssh_key")
        if params["git_branch"] is not None and params["git_url"] is None:
            raise DokployParamError("git_branch needs git_url (a connected provider takes git_provider.branch)",
                                    option="git_branch")
        for option in ("git_branch", "compose_path"):
            if params[option] is not None and not params[option].strip():
                raise DokployParamError("%s must not be empty" % option, option=option)
        check_repository_path("compose_path", params["compose_path"])
        check_git_url("git_url", params["git_url"])
        check_branch("git_branch", params["git_branch"])
        if params["git_provider"]:
            check_branch("git_provider.branch", params["git_provider"]["branch"])

    def desired(self, current):
        desired = super(Compose, self).desired(current)
        params = self.params
        if params["compose_file"] is not None:
            desired["sourceType"] = "raw"
        elif params["git_url"] is not None:
            desired.update(sourceType="git", customGitUrl=params["git_url"])
            if params["git_branch"] is not None:
                desired["customGitBranch"] = params["git_branch"]
        elif params["git_provider"]:
            desired.update(provider_desired(self.client, "compose", params["git_provider"]))
        if params["git_ssh_key"] is not None:
            desired["customGitSSHKeyId"] = ssh_key_id(self.client, params["git_ssh_key"]) if params["git_ssh_key"] else None
        return desired

    def create_payload(self, desired):
        payload = dict((field, desired[field]) for field in CREATE_FIELDS if desired.get(field) is not None)
        payload.update(self.create_base())
        return payload

    def delete_payload(self, current):
        return {"composeId": current["composeId"], "deleteVolumes": bool(self.params.get("delete_volumes"))}
