#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_compose
short_description: Manage Dokploy compose services (Docker Compose and Swarm stacks)
version_added: 0.2.0
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
      - Name of the project that holds the compose service.
      - Required unless O(compose_id), O(project_id) or O(environment_id) is given.
    type: str
  environment:
    description:
      - Name of the environment of O(project).
    type: str
    default: production
  project_id:
    description:
      - ID of the project that holds the compose service; instead of O(project).
    type: str
    version_added: 0.3.0
  environment_id:
    description:
      - ID of the environment that holds the compose service; instead of O(environment). Names the project too, so
        neither O(project) nor O(project_id) is needed.
    type: str
    version_added: 0.3.0
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
      - Environment of the compose service, as a dict of variables or as a dotenv string (C(KEY=value) lines). Dokploy
        writes it to C(.env) beside the compose file.
      - A dict replaces every variable (O(env_mode=replace), the default) or sets only its own keys and leaves the
        other variables alone (O(env_mode=merge)); values are quoted where dotenv needs it, and comments and the order
        of the remaining lines are kept.
      - A dotenv string replaces the whole environment and is stored and compared verbatim. V("") clears it (so does
        V({}) with O(env_mode=replace)).
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
        compose service, so a different server on an existing one only gives a warning.
    type: str
  server_id:
    description:
      - ID of the remote server that runs the compose service; see O(server).
    type: str
  state:
    description:
      - V(present) creates or updates the compose service; V(absent) deletes it with its containers.
      - V(deployed) converges the configuration as V(present), then deploys the compose service when it was just
        created, when its configuration changed in this task, when it has never deployed successfully, or when its
        latest deployment failed or was cancelled, or with O(force_deploy=true); otherwise nothing is deployed. See
        O(wait).
      - V(started) and V(stopped) start or stop the compose service unless its status already is C(done) (or
        C(running)), respectively C(idle); a compose service never deployed successfully is deployed instead, and so is
        a C(stack), which Dokploy's stop removes and its start does not bring back.
      - V(restarted) always acts and reports a change; it runs a redeploy, awaited like a deploy (Dokploy has no
        reload for compose, and a stop and start would remove a stack).
      - The lifecycle states converge the configuration as V(present) first, and create the compose service if needed.
    type: str
    choices: [present, absent, deployed, started, stopped, restarted]
    default: present
  auto_deploy:
    description:
      - Whether a push to the Git source (or its webhook) deploys the compose service automatically.
    type: bool
    version_added: 0.3.0
  watch_paths:
    description:
      - With a Git source (O(git_url) or O(git_provider)), only pushes that touch these paths trigger an
        automatic deployment, for example V(["stack/**"]). V([]) clears the list.
    type: list
    elements: str
    version_added: 0.3.0
  delete_volumes:
    description:
      - With O(state=absent), also delete the volumes of the compose service.
    type: bool
    default: false
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.ATTRIBUTES
  - dokploy.dokploy.dokploy.LIFECYCLE
  - dokploy.dokploy.dokploy.ENV_MODE
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
    - When the deployment is C(done) but the service does not run (O(wait_for=running)), the task fails too;
      C(failure.deployment_id) names the deployment and C(failure.tasks) lists the swarm tasks.
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
failure:
  description:
    - Why the task failed, for C(failed_when) or a C(rescue), when the error came from Dokploy or on the way to it (a
      refused call, an object not found, an unreachable server); C(msg) says it in words. Not returned when the
      options were refused before any request.
  returned: on failure
  type: dict
  contains:
    message: {description: What Dokploy or the connection said (secrets masked)., type: str}
    status: {description: The HTTP status of Dokploy's answer; null when none came., type: int}
    code: {description: "Dokploy's error code (V(NOT_FOUND), V(BAD_REQUEST)...) or V(UNSUPPORTED_VERSION).", type: str}
    procedure: {description: The API procedure that failed., type: str}
    field_errors: {description: "The input fields Dokploy refused, each a C(field) and a C(message).", type: list, elements: dict}
  sample: {message: Project not found, status: 404, code: NOT_FOUND, procedure: project.one, field_errors: []}
"""

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._module import run_resource
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._compose import Compose


def main():
    run_resource(Compose)


if __name__ == "__main__":
    main()
