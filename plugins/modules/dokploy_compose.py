#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_compose
short_description: Manage Dokploy compose services (Docker Compose and Swarm stacks)
version_added: 0.1.0
description:
  - Create, update and delete compose services of a Dokploy environment.
  - The compose file comes from one source, chosen by the options given. Inline with O(compose_file) or from a file on
    the controller with O(compose_src) (source type C(raw)); from any Git repository with O(git_url) (C(git)); or from
    a Git provider connected to Dokploy with O(git_provider) (C(github), C(gitlab), C(bitbucket), C(gitea)).
  - Dokploy does not keep service names unique. When two compose services share O(name) in the environment, the module
    fails and lists their IDs; O(compose_id) then selects one.
  - Changes are stored in Dokploy; they reach the running containers at the next deploy.
options:
  project:
    description:
      - Name of the project that holds the compose service. Required unless O(compose_id) is given.
    type: str
  environment:
    description:
      - Name of the environment of O(project).
    type: str
    default: production
  name:
    description:
      - Name of the compose service. Required unless O(compose_id) is given.
      - With O(compose_id), the service is renamed to O(name).
    type: str
  compose_id:
    description:
      - ID of the compose service; selects it directly instead of by O(name).
    type: str
  description:
    description:
      - Description of the compose service. V("") clears it.
    type: str
  compose_type:
    description:
      - V(docker-compose) runs C(docker compose up); V(stack) deploys a Docker Swarm stack.
      - Dokploy creates V(docker-compose) when not set.
    type: str
    choices: [docker-compose, stack]
  compose_file:
    description:
      - The compose file itself (YAML text). Sets the source type to C(raw).
      - Mutually exclusive with O(compose_src), O(git_url) and O(git_provider).
    type: str
  compose_src:
    description:
      - Path of a compose file on the Ansible controller, read by the action plugin and sent as O(compose_file).
        A relative path is searched like the C(src) of M(ansible.builtin.copy) (the role's or play's C(files/) first).
    type: path
  git_url:
    description:
      - URL of a Git repository (HTTPS, or SSH with O(git_ssh_key)). Sets the source type to C(git).
      - Mutually exclusive with O(compose_file), O(compose_src) and O(git_provider).
    type: str
  git_branch:
    description:
      - Branch of O(git_url), for example V(main). A connected provider takes O(git_provider.branch) instead.
    type: str
  git_ssh_key:
    description:
      - Name or ID of the SSH key (Settings > SSH Keys) used to clone O(git_url). V("") removes it.
    type: str
  git_provider:
    description:
      - Take the compose file from a repository of a Git provider connected to Dokploy under Settings > Git (GitHub,
        GitLab, Bitbucket, Gitea). Sets the source type to O(git_provider.type).
      - The connected provider is chosen by name or ID, as with M(dokploy.dokploy.dokploy_application).
      - O(compose_path) names the compose file in the repository; O(git_provider.build_path) is rejected.
      - Mutually exclusive with O(compose_file), O(compose_src) and O(git_url).
    type: dict
  compose_path:
    description:
      - Path of the compose file inside the repository of O(git_url) or O(git_provider). Dokploy's default is
        V(./docker-compose.yml).
    type: str
  command:
    description:
      - Replaces every argument after C(docker) in the deploy command (Dokploy's default is
        C(compose -p <appName> -f <file> up -d --build --remove-orphans)). V("") restores the default.
    type: str
  env:
    description:
      - Environment of the compose service, as one dotenv string (C(KEY=value) lines), or as a dict that is written as
        such a string (one C(KEY=value) line per item, in its order, values quoted when needed). Dokploy writes it to
        C(.env) beside the compose file.
      - Replaces the whole environment; stored and compared verbatim. V("") clears it.
    type: raw
  randomize:
    description:
      - Add a suffix to the names of the compose file's services, volumes and networks (Dokploy's "Randomize Compose").
    type: bool
  isolated_deployment:
    description:
      - Deploy the compose service in its own Docker network (Dokploy's "Isolated Deployment").
    type: bool
  server:
    description:
      - Name or ID of the remote server that runs the compose service. Chosen at creation; Dokploy cannot move a
        compose service, so a different server on an existing one fails.
    type: str
  state:
    description:
      - V(present) creates or updates the compose service; V(absent) deletes it with its containers.
      - V(deployed) converges the configuration as V(present), then deploys the compose service when it was just
        created, when its configuration changed in this task, when it has never deployed successfully, or when its
        latest deployment failed or was cancelled, or with O(force_deploy=true); otherwise nothing is deployed. See
        O(wait).
      - V(started) and V(stopped) start or stop the compose service unless its status already is C(done) (or
        C(running)), respectively C(idle); a compose service never deployed successfully is deployed instead.
      - V(restarted) always acts and reports a change; it runs a redeploy, awaited like a deploy (Dokploy has no
        reload for compose, and a stop and start would remove a stack).
      - The lifecycle states converge the configuration as V(present) first, and create the compose service if needed.
    type: str
    choices: [present, absent, deployed, started, stopped, restarted]
    default: present
  delete_volumes:
    description:
      - With O(state=absent), also delete the volumes of the compose service.
    type: bool
    default: false
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.ATTRIBUTES
  - dokploy.dokploy.dokploy.LIFECYCLE
  - dokploy.dokploy.git_provider
attributes:
  action:
    description: An action plugin reads O(compose_src) on the controller.
    support: full
seealso:
  - module: dokploy.dokploy.dokploy_compose_info
  - module: dokploy.dokploy.dokploy_project
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: A compose service from a file of the role
  dokploy.dokploy.dokploy_compose:
    api_url: https://dokploy.example.com
    api_key: "{{ vault_dokploy_api_key }}"
    project: shop
    name: shop-stack
    compose_src: docker-compose.yml
    env: |
      POSTGRES_PASSWORD={{ vault_shop_db_password }}
      TZ=UTC

- name: Set the connection once for every Dokploy task of the play
  module_defaults:
    group/dokploy.dokploy.dokploy:
      api_url: https://dokploy.example.com
      api_key: "{{ vault_dokploy_api_key }}"
  block:
    - name: An inline swarm stack
      dokploy.dokploy.dokploy_compose:
        project: shop
        name: whoami
        compose_type: stack
        compose_file: |
          services:
            whoami:
              image: traefik/whoami

    - name: A compose service cloned over SSH
      dokploy.dokploy.dokploy_compose:
        project: shop
        environment: staging
        name: monitoring
        git_url: git@github.com:example/monitoring.git
        git_branch: main
        git_ssh_key: deploy-key
        compose_path: ./stack/docker-compose.yml

    - name: A compose service from a connected GitHub App, chosen by its name
      dokploy.dokploy.dokploy_compose:
        project: shop
        name: api
        git_provider:
          type: github
          name: acme-github
          owner: acme
          repository: api
          branch: main
        compose_path: ./deploy/docker-compose.yml

    - name: A compose service from a connected GitLab, chosen by the provider's ID
      dokploy.dokploy.dokploy_compose:
        project: shop
        name: billing
        git_provider:
          type: gitlab
          id: Gl1aBcDeFgHiJkLmNoPqR
          owner: acme
          repository: billing
          branch: main
          gitlab_project_id: 4211
          gitlab_path_namespace: acme/billing

    - name: Delete a compose service and its volumes
      dokploy.dokploy.dokploy_compose:
        project: shop
        name: old-stack
        state: absent
        delete_volumes: true

- name: Deploy a compose service (nothing happens when it is deployed and unchanged)
  dokploy.dokploy.dokploy_compose:
    project: shop
    name: shop-stack
    compose_src: docker-compose.yml
    state: deployed

- name: Restart it (a redeploy, awaited)
  dokploy.dokploy.dokploy_compose:
    project: shop
    name: shop-stack
    state: restarted
"""

RETURN = r"""
compose:
  description:
    - The compose service as Dokploy returns it. C(env), C(refreshToken) and the secrets of connected providers are masked.
    - Empty when the service is absent. In check mode, the service as it would be (C(composeId) is null before it exists).
  returned: always
  type: dict
  contains:
    composeId:
      description: ID of the compose service.
      type: str
      sample: 7HGM-iruklT3dZxmnY1f7
    name:
      description: Name of the compose service.
      type: str
      sample: shop-stack
    appName:
      description: Name Dokploy gives the compose project (and the stack's prefix).
      type: str
      sample: compose-index-open-source-alarm-tb4nlv
    sourceType:
      description: Where the compose file comes from (V(raw), V(git), V(github), V(gitlab), V(bitbucket), V(gitea)).
      type: str
      sample: raw
    composeType:
      description: V(docker-compose) or V(stack).
      type: str
      sample: docker-compose
    composeFile:
      description: The compose file (for source type C(raw)).
      type: str
    composePath:
      description: Path of the compose file in the repository (Git sources).
      type: str
      sample: ./docker-compose.yml
    githubId:
      description: ID of the connected GitHub provider (source type C(github)); C(gitlabId), C(bitbucketId) and
        C(giteaId) likewise.
      type: str
    repository:
      description: Repository of the connected GitHub provider; C(gitlabRepository), C(bitbucketRepository) and
        C(giteaRepository) likewise, with C(*Owner) and C(*Branch) beside them.
      type: str
    composeStatus:
      description: Status of the last deployment (V(idle), V(running), V(done), V(error)).
      type: str
      sample: idle
    env:
      description: The environment, masked.
      type: str
      sample: "********"
deployment:
  description:
    - The deployment this task waited for (for V(deployed) with nothing to deploy, the newest deployment), as Dokploy
      lists it. Empty for the other states, with O(wait=false) and in check mode.
    - On a failed deployment, the failed deployment (the task fails; C(failure.log) has the tail of its log).
  returned: when O(state) is V(deployed), V(started), V(stopped) or V(restarted)
  type: dict
  contains:
    deploymentId:
      description: ID of the deployment.
      type: str
      sample: Wvgniwy8bplm-kQe3UxE7
    status:
      description: C(done), C(error), C(cancelled), or C(running) when the wait timed out.
      type: str
      sample: done
    createdAt:
      description: When the deployment started (ISO 8601).
      type: str
    finishedAt:
      description: When the deployment reached its final status (ISO 8601).
      type: str
lifecycle_action:
  description:
    - The action the task took (or would take, in check mode) - V(deploy), V(redeploy), V(start), V(stop) or V(reload)
      -
      or null when the service already was in O(state).
  returned: when O(state) is V(deployed), V(started), V(stopped) or V(restarted)
  type: str
  sample: deploy
"""

import io

from ansible.module_utils.common.text.converters import to_text

from ansible_collections.dokploy.dokploy.plugins.module_utils.client import DokployError, DokployNotFoundError
from ansible_collections.dokploy.dokploy.plugins.module_utils.dotenv import DotenvError, render
from ansible_collections.dokploy.dokploy.plugins.module_utils.lifecycle import (
    LIFECYCLE_STATES,
    lifecycle_argument_spec,
    run_with_lifecycle,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.git_source import (
    PROVIDER_TYPES,
    check_git_provider,
    git_provider_option,
    provider_desired,
    provider_fields,
    ssh_key_id,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.module import DokployModule
from ansible_collections.dokploy.dokploy.plugins.module_utils.resource import Resource, Update

SIMPLE_OPTIONS = (
    ("description", "description"),
    ("compose_type", "composeType"),
    ("compose_file", "composeFile"),
    ("compose_path", "composePath"),
    ("command", "command"),
    ("env", "env"),
    ("randomize", "randomize"),
    ("isolated_deployment", "isolatedDeployment"),
)
CREATE_FIELDS = ("name", "description", "composeType", "composeFile", "sourceType")
UPDATE_FIELDS = [
    "name", "description", "composeType", "composeFile", "sourceType", "composePath", "command", "env", "randomize",
    "isolatedDeployment", "customGitUrl", "customGitBranch", "customGitSSHKeyId",
] + sorted(set(field for provider_type in PROVIDER_TYPES for option, field in provider_fields("compose", provider_type)))


class Compose(Resource):
    kind = "compose"
    id_field = "composeId"
    create_procedure = "compose.create"
    delete_procedure = "compose.delete"
    # compose.update is partial and answers the updated row (NOTES.md "Compose"); env goes along (seq 350).
    updates = (Update("compose.update", UPDATE_FIELDS),)

    def __init__(self, module):
        super(Compose, self).__init__(module)
        self.environment = None
        self.creating = False

    def desired(self):
        params = self.module.params
        desired = dict((field, params[option]) for option, field in SIMPLE_OPTIONS if params[option] is not None)
        if params["compose_id"] and params["name"] is not None:
            desired["name"] = params["name"]
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

    def find(self):
        params = self.module.params
        present = params["state"] == "present"
        if params["compose_id"]:
            try:
                return self.client.get("compose.one", {"composeId": params["compose_id"]})
            except DokployNotFoundError:
                if not present:
                    return None
                raise DokployError("No compose service has ID '%s'" % params["compose_id"])
        project = self.resolver.project(name=params["project"], required=present)
        if project is None:
            return None
        self.environment = self.resolver.environment(project, name=params["environment"], required=present)
        if self.environment is None:
            return None
        summary = self.resolver.service("compose", self.environment, params["name"], project_name=project["name"],
                                        id_option="compose_id")
        if summary is None:
            return None
        return self.client.get("compose.one", {"composeId": summary["composeId"]})

    def compare(self, current, desired):
        if not self.creating and self.module.params["server"]:
            server = self.resolver.server(name=self.module.params["server"])
            if server["serverId"] != current.get("serverId"):
                raise DokployError(
                    "Compose service '%s' runs on %s, not on server '%s'; Dokploy cannot move it to another server "
                    "(delete it and create it again)" % (current.get("name"), "server %s" % current["serverId"]
                                                         if current.get("serverId") else "the Dokploy host", server.get("name")))
        return super(Compose, self).compare(current, desired)

    def create(self, desired):
        self.creating = True
        return super(Compose, self).create(desired)

    def create_payload(self, desired):
        params = self.module.params
        payload = dict((field, desired[field]) for field in CREATE_FIELDS if desired.get(field) is not None)
        payload.update(name=params["name"], environmentId=self.environment["environmentId"])
        if params["server"]:
            payload["serverId"] = self.resolver.server(name=params["server"])["serverId"]
        return payload

    def delete_payload(self, current):
        return {"composeId": current["composeId"], "deleteVolumes": self.module.params["delete_volumes"]}


def read_compose_src(module):
    """compose_src read where the module runs (the action plugin normally reads it on the controller)."""
    try:
        with io.open(module.params["compose_src"], "rb") as f:
            module.params["compose_file"] = to_text(f.read(), errors="surrogate_or_strict")
    except (IOError, OSError) as exc:
        module.fail_json(msg="cannot read compose_src %s: %s" % (module.params["compose_src"], exc))


def validate(module):
    """Bad input fails here, before any request."""
    params = module.params
    if isinstance(params["env"], dict):
        try:
            params["env"] = render(params["env"])
        except DotenvError as exc:
            module.fail_json(msg="env: %s" % exc)
    elif params["env"] is not None and not isinstance(params["env"], str):
        module.fail_json(msg="env must be a dotenv string or a dict, not %s" % type(params["env"]).__name__)
    if not params["compose_id"] and not params["project"]:
        module.fail_json(msg="project is required to select a compose service by name (or set compose_id)")
    if params["name"] is not None and not params["name"].strip():
        module.fail_json(msg="name must not be empty")
    problem = check_git_provider("compose", params["git_provider"])
    if problem:
        module.fail_json(msg=problem)
    if params["git_url"] is None and params["git_ssh_key"]:
        module.fail_json(msg="git_ssh_key needs git_url")
    if params["git_branch"] is not None and params["git_url"] is None:
        module.fail_json(msg="git_branch needs git_url (a connected provider takes git_provider.branch)")
    if params["git_branch"] is not None and not params["git_branch"].strip():
        module.fail_json(msg="git_branch must not be empty")
    if params["compose_path"] is not None and not params["compose_path"].strip():
        module.fail_json(msg="compose_path must not be empty")


def main():
    module = DokployModule(
        argument_spec=dict(
            lifecycle_argument_spec(),
            project=dict(type="str"),
            environment=dict(type="str", default="production"),
            name=dict(type="str"),
            compose_id=dict(type="str"),
            description=dict(type="str"),
            compose_type=dict(type="str", choices=["docker-compose", "stack"]),
            compose_file=dict(type="str"),
            compose_src=dict(type="path"),
            git_url=dict(type="str"),
            git_branch=dict(type="str"),
            git_ssh_key=dict(type="str", no_log=False),
            git_provider=git_provider_option(),
            compose_path=dict(type="str"),
            command=dict(type="str"),
            env=dict(type="raw", no_log=True),
            randomize=dict(type="bool"),
            isolated_deployment=dict(type="bool"),
            server=dict(type="str"),
            state=dict(type="str", choices=["present", "absent"] + list(LIFECYCLE_STATES), default="present"),
            delete_volumes=dict(type="bool", default=False),
        ),
        required_one_of=[("name", "compose_id")],
        mutually_exclusive=[("compose_file", "compose_src", "git_url", "git_provider")],
    )
    if module.params["compose_src"] is not None:
        read_compose_src(module)
    validate(module)
    module.run(lambda: run_with_lifecycle(Compose(module), "compose"))


if __name__ == "__main__":
    main()
