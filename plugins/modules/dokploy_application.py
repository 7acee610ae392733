#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_application
short_description: Manage Dokploy applications
version_added: 0.2.0
description:
  - Create, update and delete applications on a Dokploy server, with their source (a Docker image, a Git
    repository or a connected Git provider), build settings, runtime settings and environment variables.
  - Only the options that are set are compared and sent. Dokploy spreads an application over several
    endpoints; the module calls only those whose settings changed, each with every field that endpoint
    needs, so nothing that is not mentioned is ever cleared.
  - With O(state=deployed), O(state=started), O(state=stopped) or O(state=restarted) the module also deploys,
    starts, stops or restarts the application, waiting for the real outcome (see O(wait)).
  - Dokploy does not keep application names unique. When two applications of an environment share O(name),
    the module fails and lists their IDs; O(application_id) then selects one.
options:
  project:
    description:
      - Name of the project holding the application.
      - Required unless O(application_id), O(project_id) or O(environment_id) is given.
    type: str
  environment:
    description:
      - Name of the environment of O(project) holding the application.
    type: str
    default: production
  project_id:
    description:
      - ID of the project that holds the application; instead of O(project).
    type: str
    version_added: 0.3.0
  environment_id:
    description:
      - ID of the environment that holds the application; instead of O(environment). Names the project too, so
        neither O(project) nor O(project_id) is needed.
    type: str
    version_added: 0.3.0
  name:
    description:
      - Name of the application.
      - With O(application_id), the application is renamed to O(name).
    type: str
  application_id:
    description:
      - ID of the application; selects it directly instead of by O(project), O(environment) and O(name).
    type: str
  description:
    description:
      - Description of the application. V("") clears it.
    type: str
  server:
    description:
      - Name of the Dokploy server (remote server) the application runs on.
      - Chosen when the application is created; Dokploy cannot move an existing application to another
        server, so a different server on an existing application only gives a warning.
      - Without O(server) and O(server_id), the application runs on the Dokploy host itself.
    type: str
  server_id:
    description:
      - ID of the Dokploy server the application runs on; see O(server).
    type: str
  docker_image:
    description:
      - Deploy this Docker image (the C(docker) source), for example V(nginx:1.27-alpine) or
        V(registry.example.com/team/app:1.0).
      - Mutually exclusive with O(git_url) and O(git_provider).
    type: str
  registry_url:
    description:
      - Registry of a private O(docker_image), for example V(registry.example.com). V("") clears it.
    type: str
  registry_username:
    description:
      - User name for the registry of O(docker_image). V("") clears it.
    type: str
  registry_password:
    description:
      - Password for the registry of O(docker_image). V("") clears it.
      - Dokploy returns it in plain text; the module masks it in every result.
    type: str
  registry:
    description:
      - Name (or ID) of the registry (see M(dokploy.dokploy.dokploy_registry)) that Dokploy pushes the built image to, so
        that swarm nodes and remote servers can pull it. V("") clears it.
    type: str
    version_added: 0.2.0
  build_registry:
    description:
      - Name (or ID) of the registry that a build server pushes the image it built to, for the deploy server to pull.
        V("") clears it.
    type: str
    version_added: 0.2.0
  rollback:
    description:
      - Whether Dokploy keeps a rollback of each deployment (C(rollbackActive)); each deployment's image is then
        tagged C(<appName>:v<N>) and pushed to O(rollback_registry), and Dokploy's UI offers to go back to it;
        M(dokploy.dokploy.dokploy_rollback) goes back to one. On Dokploy v0.26.0 and newer a rollback is kept only
        with O(rollback_registry) set.
    type: bool
    version_added: 0.3.0
  rollback_registry:
    description:
      - Name (or ID) of the registry Dokploy pushes the rollback images to (see O(rollback)). V("") clears it.
      - Needs Dokploy v0.26.0 or newer.
    type: str
    version_added: 0.3.0
  clean_cache:
    description:
      - Whether Dokploy builds without its Docker build cache (C(cleanCache)), on every deployment.
    type: bool
    version_added: 0.3.0
  create_env_file:
    description:
      - Whether Dokploy writes O(env) to a C(.env) file in the build context (C(createEnvFile); Dokploy's default
        is V(true)).
      - Needs Dokploy v0.26.1 or newer.
    type: bool
    version_added: 0.3.0
  git_url:
    description:
      - Build from this Git repository (the C(git) source), for example V(https://github.com/Dokploy/examples.git)
        or V(git@github.com:Dokploy/examples.git) with O(git_ssh_key).
      - Mutually exclusive with O(docker_image) and O(git_provider). Requires O(git_branch).
    type: str
  git_branch:
    description:
      - Branch of O(git_url), for example V(main).
    type: str
  git_build_path:
    description:
      - Directory of O(git_url) to build, for example V(/) or V(/apps/web).
    type: str
  git_ssh_key:
    description:
      - Dokploy SSH key (by name or ID) used to clone O(git_url), for example V(deploy-key). V("") clears it.
    type: str
  watch_paths:
    description:
      - With a Git source (O(git_url) or O(git_provider)), only pushes that touch these paths trigger an
        automatic deployment, for example V(["apps/web/**"]). V([]) clears the list.
    type: list
    elements: str
  enable_submodules:
    description:
      - With a Git source (O(git_url) or O(git_provider)), whether Git submodules are cloned too.
    type: bool
  git_provider:
    description:
      - Build from a repository of a Git provider connected to Dokploy (GitHub, GitLab, Bitbucket, Gitea).
      - Mutually exclusive with O(docker_image) and O(git_url).
    type: dict
  build_type:
    description:
      - How Dokploy builds the application from a Git source.
    type: str
    choices: [dockerfile, nixpacks, heroku_buildpacks, paketo_buildpacks, static, railpack]
  dockerfile:
    description:
      - With O(build_type=dockerfile), path of the Dockerfile, for example V(Dockerfile) or V(docker/Dockerfile.prod).
    type: str
  docker_context_path:
    description:
      - With O(build_type=dockerfile), the build context, for example V(.).
    type: str
  docker_build_stage:
    description:
      - With O(build_type=dockerfile), the target stage of a multi-stage build, for example V(runtime).
    type: str
  publish_directory:
    description:
      - With O(build_type=static) (or V(nixpacks)), the directory to serve, for example V(dist).
    type: str
  static_spa:
    description:
      - With O(build_type=static), serve the site as a single-page application (unknown paths give C(index.html)).
    type: bool
  heroku_version:
    description:
      - With O(build_type=heroku_buildpacks), the Heroku stack version, for example V("24").
    type: str
  railpack_version:
    description:
      - With O(build_type=railpack), the Railpack version, for example V(0.15.4).
    type: str
  command:
    description:
      - Command that replaces the image's default command, for example V(npm run start:prod). V("") clears it.
    type: str
  args:
    description:
      - Arguments of O(command), for example V(["--port", "3000"]).
    type: list
    elements: str
  replicas:
    description:
      - Number of replicas of the Swarm service.
    type: int
  auto_deploy:
    description:
      - Whether a push to the Git source (or its webhook) deploys the application automatically.
    type: bool
  env:
    description:
      - The application's whole environment, as a dict of variables or as a dotenv string (V(KEY=value) lines).
      - "A dict replaces every variable; the comments and the order of the variables that remain are kept,
        and values are quoted where dotenv needs it. A string is stored verbatim."
      - V({}) or V("") removes every variable.
      - To set or remove single variables and leave the others alone, use M(dokploy.dokploy.dokploy_env), or
        O(env_mode=merge).
      - "Do not combine a dict O(env) in the default O(env_mode=replace) with M(dokploy.dokploy.dokploy_env) on the
        same application: each removes what the other set, and both report a change on every run."
      - Values must be strings, numbers or booleans; a list or a dict value fails naming its key.
    type: raw
  build_args:
    description:
      - Build arguments, given like O(env).
    type: raw
  build_secrets:
    description:
      - Build secrets, given like O(env).
    type: raw
  preview:
    description:
      - The preview deployments of the application. Dokploy deploys each pull request of the application's GitHub
        repository (a O(git_provider) of type V(github)) as a preview of its own, with its own domain, when a GitHub
        webhook tells it about the pull request; M(dokploy.dokploy.dokploy_preview_deployment_info) lists them and
        M(dokploy.dokploy.dokploy_preview_deployment) deletes or rebuilds one.
      - Only the settings given are compared and sent (with C(application.update)); the others are left as they are.
    type: dict
    version_added: 0.3.0
    suboptions:
      enabled:
        description:
          - Whether pull requests get preview deployments.
        type: bool
      wildcard_domain:
        description:
          - The wildcard domain each preview gets a name under, starting with V(*.), for example
            V(*.preview.example.com). Without one Dokploy uses V(*.sslip.io) (V(*.traefik.me) before v0.26).
        type: str
      port:
        description:
          - The container port the previews' domains route to. Dokploy's default is V(3000).
        type: int
      path:
        description:
          - The path of the previews' domains. Dokploy's default is V(/).
        type: str
      https:
        description:
          - Whether the previews' domains use HTTPS.
        type: bool
      certificate_type:
        description:
          - The certificate of the previews' domains. V(letsencrypt) needs O(preview.https=true), V(custom) a
            O(preview.custom_cert_resolver).
        type: str
        choices: [none, letsencrypt, custom]
      custom_cert_resolver:
        description:
          - The Traefik certificate resolver of O(preview.certificate_type=custom).
        type: str
      limit:
        description:
          - How many previews the application may have at once; a pull request beyond it gets none. Dokploy's default
            is V(3).
        type: int
      labels:
        description:
          - Only pull requests with one of these GitHub labels get a preview; V([]) means every pull request.
        type: list
        elements: str
      require_collaborator_permissions:
        description:
          - Whether only pull requests by collaborators with write access to the repository get a preview. Dokploy's
            default is V(true).
        type: bool
      env:
        description:
          - The previews' environment variables (used instead of O(env)), given like O(env) (O(env_mode) applies).
            Their values are masked in results, diffs and the task's output.
        type: raw
      build_args:
        description:
          - The previews' build arguments, given like O(env).
        type: raw
      build_secrets:
        description:
          - The previews' build secrets, given like O(env). Needs Dokploy v0.25.6 or newer.
        type: raw
  state:
    description:
      - V(present) creates or updates the application; V(absent) deletes it (with its domains, mounts and
        deployments).
      - V(deployed) converges the configuration as V(present), then deploys the application when it was just created,
        when its configuration changed in this task, when it has never deployed successfully, or when its latest
        deployment failed or was cancelled, or with O(force_deploy=true); otherwise nothing is deployed. See O(wait).
      - V(started) and V(stopped) start or stop the application unless its status already is C(done) (or C(running)),
        respectively C(idle); an application never deployed successfully is deployed instead. Dokploy's start runs
        1 replica, so an application whose O(replicas) is not 1 is started with Dokploy's reload, which brings back its
        replicas; such an application that runs fewer replicas than O(replicas) (for example after a start in
        Dokploy's interface) is started again although its status is C(done).
      - V(restarted) always acts and reports a change; it runs Dokploy's reload, which recreates the application's
        service with its current settings without a rebuild (an application never deployed successfully is deployed
        instead).
      - The lifecycle states converge the configuration as V(present) first, and create the application if needed.
    type: str
    choices: [present, absent, deployed, started, stopped, restarted]
    default: present
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.ATTRIBUTES
  - dokploy.dokploy.dokploy.LIFECYCLE
  - dokploy.dokploy.dokploy.ENV_MODE
  - dokploy.dokploy.dokploy.LIMITS
  - dokploy.dokploy.dokploy.SWARM
  - dokploy.dokploy.git_provider
seealso:
  - module: dokploy.dokploy.dokploy_application_info
  - module: dokploy.dokploy.dokploy_domain
  - module: dokploy.dokploy.dokploy_env
  - module: dokploy.dokploy.dokploy_preview_deployment_info
notes:
  - O(build_secrets), O(preview.build_secrets) and O(registry_password) are C(no_log) and never shown; results and diffs
    mask them.
  - O(build_registry) and a non-empty O(args) need Dokploy v0.26.0 or newer; on an older server the module fails naming
    the version.
  - O(state=absent) deletes the application with Dokploy's C(application.delete), which removes its Docker service,
    deployments, Traefik configuration and cloned code, but not its image. The image Dokploy built from Git or a
    Dockerfile (C(<appName>:latest), or its tag in O(build_registry)) stays on the server, as does a pulled
    O(docker_image). Dokploy's C(settings.cleanUnusedImages) (or C(docker image prune -a) on the server) removes images
    that no container uses.
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: Run nginx from Docker Hub
  dokploy.dokploy.dokploy_application:
    api_url: https://dokploy.example.com
    api_key: "{{ vault_dokploy_api_key }}"
    project: shop
    name: web
    docker_image: nginx:1.27-alpine
    replicas: 2
    memory_limit: "536870912"

- name: Tune how the swarm runs it (named as in community.docker.docker_swarm_service)
  dokploy.dokploy.dokploy_application:
    project: shop
    name: web
    healthcheck:
      test: wget -q -O- http://127.0.0.1/
      interval: 10s
      retries: 3
    restart_config:
      condition: on-failure
      delay: 5s
    placement:
      constraints: ["node.labels.zone==eu"]
    update_config:
      parallelism: 1
      delay: 30s
      failure_action: rollback
    stop_grace_period: 1m30s
    labels:
      team: shop

- name: Set the connection once for every Dokploy task of the play
  module_defaults:
    group/dokploy.dokploy.dokploy:
      api_url: https://dokploy.example.com
      api_key: "{{ vault_dokploy_api_key }}"
  block:
    - name: An image from a private registry, on a remote server
      dokploy.dokploy.dokploy_application:
        project: shop
        environment: staging
        name: api
        server: worker-1
        docker_image: registry.example.com/team/api:1.4.2
        registry_url: registry.example.com
        registry_username: robot
        registry_password: "{{ vault_registry_password }}"
        env:
          DATABASE_URL: "postgres://shop:{{ vault_db_password }}@db:5432/shop"
          LOG_LEVEL: info

    - name: Build a Git repository over SSH with its Dockerfile
      dokploy.dokploy.dokploy_application:
        project: shop
        name: worker
        git_url: git@github.com:acme/shop.git
        git_branch: main
        git_build_path: /worker
        git_ssh_key: deploy-key
        watch_paths: ["worker/**"]
        build_type: dockerfile
        dockerfile: Dockerfile
        docker_context_path: .
        build_args: "NODE_ENV=production"

    - name: Build a static site from a connected GitHub App
      dokploy.dokploy.dokploy_application:
        project: shop
        name: docs
        git_provider:
          type: github
          name: acme-github
          owner: acme
          repository: docs
          branch: main
          build_path: /
        build_type: static
        publish_directory: dist
        static_spa: true

    - name: Rename an application chosen by ID
      dokploy.dokploy.dokploy_application:
        application_id: mbfznUa2NxhtN-2eISFF7
        name: storefront

    - name: Delete an application
      dokploy.dokploy.dokploy_application:
        project: shop
        name: old-web
        state: absent

- name: Deploy the web application and wait for the outcome (fails with the log tail if the build fails)
  dokploy.dokploy.dokploy_application:
    project: shop
    name: web
    docker_image: nginx:1.27-alpine
    state: deployed
    wait_timeout: 600
  register: web

- name: Preview every labelled pull request on its own domain
  dokploy.dokploy.dokploy_application:
    project: shop
    name: web
    preview:
      enabled: true
      wildcard_domain: "*.preview.example.com"
      port: 8080
      https: true
      certificate_type: letsencrypt
      labels: [preview]
      env:
        API_URL: https://staging-api.example.com

- name: Stop an application
  dokploy.dokploy.dokploy_application:
    project: shop
    name: web
    state: stopped
"""

RETURN = r"""
application:
  description:
    - The application as Dokploy returns it (C(application.one)), with its settings. Secret values
      (C(env), C(buildArgs), C(buildSecrets), C(previewEnv), C(previewBuildArgs), C(previewBuildSecrets),
      C(password), C(refreshToken)) are masked.
    - Empty when the application is absent. In check mode, the application as it would be
      (C(applicationId) is null before it exists).
  returned: always
  type: dict
  contains:
    applicationId:
      description: ID of the application.
      type: str
      sample: mbfznUa2NxhtN-2eISFF7
    appName:
      description: Name of the Docker service, generated by Dokploy.
      type: str
      sample: app-input-multi-byte-transmitter-5bsbfr
    name:
      description: Name of the application.
      type: str
      sample: web
    environmentId:
      description: ID of the environment holding the application.
      type: str
    serverId:
      description: ID of the server the application runs on; null on the Dokploy host.
      type: str
    sourceType:
      description: Source of the application (V(docker), V(git), V(github), V(gitlab), V(bitbucket), V(gitea), V(drop)).
      type: str
      sample: docker
    buildType:
      description: Build type.
      type: str
      sample: nixpacks
    dockerImage:
      description: Docker image of the C(docker) source.
      type: str
      sample: nginx:1.27-alpine
    registryId:
      description: ID of the registry set by O(registry); null when none.
      type: str
    buildRegistryId:
      description: ID of the registry set by O(build_registry); null when none.
      type: str
    applicationStatus:
      description: V(idle), V(running), V(done) or V(error).
      type: str
      sample: idle
    env:
      description: The environment variables, masked.
      type: str
      sample: "********"
    isPreviewDeploymentsActive:
      description: Whether pull requests get preview deployments (O(preview.enabled)).
      type: bool
      sample: false
    previewWildcard:
      description: The wildcard domain of the previews (O(preview.wildcard_domain)); null for Dokploy's default.
      type: str
      sample: "*.preview.example.com"
    previewLimit:
      description: How many previews the application may have at once (O(preview.limit)).
      type: int
      sample: 3
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._application import Application


def main():
    run_resource(Application)


if __name__ == "__main__":
    main()
