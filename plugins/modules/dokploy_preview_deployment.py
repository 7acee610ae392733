#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_preview_deployment
short_description: Delete or rebuild a preview deployment of a Dokploy application
version_added: 0.3.0
description:
  - Acts on one preview of an application. Dokploy makes a preview for each pull request of the application's GitHub
    repository when a GitHub webhook tells it about one, and deletes it when the pull request is closed; nothing makes
    one through Dokploy's API, so this module does not create previews. The application's
    O(dokploy.dokploy.dokploy_application#module:preview) settings decide which pull requests get one.
  - V(absent) deletes the preview (its Docker service, deployments, domain and cloned code), as Dokploy's C(Delete
    Preview) does; a preview that is not there is no change.
  - V(redeployed) rebuilds the preview (Dokploy's C(Rebuild)) and waits for its new deployment, like
    O(dokploy.dokploy.dokploy_application#module:state=deployed); it always acts and reports a change. Needs Dokploy
    v0.26.4 or newer.
  - Choose the preview with O(preview_deployment_id), or with O(pull_request) or O(branch) of the application named by
    O(application) and O(project) (or O(application_id)). When several previews match, the module fails and lists them.
options:
  state:
    description:
      - V(absent) deletes the preview; V(redeployed) rebuilds it.
    type: str
    choices: [absent, redeployed]
    required: true
  preview_deployment_id:
    description:
      - ID of the preview (C(previewDeploymentId), as M(dokploy.dokploy.dokploy_preview_deployment_info) returns it).
        Alone, without O(application) or O(application_id), it finds its application.
    type: str
  pull_request:
    description:
      - Number of the pull request whose preview to act on.
    type: int
  branch:
    description:
      - Branch of the pull request whose preview to act on.
    type: str
  title:
    description:
      - Title of the deployment of O(state=redeployed). Dokploy's default is C(Rebuild Preview Deployment).
    type: str
  wait:
    description:
      - With O(state=redeployed), wait for the new deployment to reach a final status and fail, showing the tail of its
        log, when it does not succeed. With V(false), return once Dokploy has queued the rebuild.
    type: bool
    default: true
  wait_timeout:
    description:
      - Seconds to wait for the deployment to finish; on timeout the module fails, saying that it goes on on the server.
    type: int
    default: 900
  poll_interval:
    description:
      - Seconds before the first poll of the preview's deployments; each later interval is 1.5 times the previous one,
        up to 3 seconds. Each poll is one request.
    type: float
    default: 1.0
  log_lines:
    description:
      - How many of the last lines of a failed deployment's log the failure shows (Dokploy v0.29.5 or newer); V(0)
        skips reading it.
    type: int
    default: 50
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.ATTRIBUTES
  - dokploy.dokploy.target.APPLICATION
seealso:
  - module: dokploy.dokploy.dokploy_preview_deployment_info
  - module: dokploy.dokploy.dokploy_application
notes:
  - O(state=redeployed) always acts, so it is not idempotent; the attribute C(idempotent) describes O(state=absent).
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: Delete the preview of pull request 42 of the web application
  dokploy.dokploy.dokploy_preview_deployment:
    api_url: https://dokploy.example.com
    api_key: "{{ vault_dokploy_api_key }}"
    project: shop
    application: web
    pull_request: 42
    state: absent

- name: Rebuild a preview and wait for it
  dokploy.dokploy.dokploy_preview_deployment:
    preview_deployment_id: 4sJ2hP3kX9aQmT0vW1zYc
    state: redeployed
    wait_timeout: 600
  register: rebuilt
"""

RETURN = r"""
preview_deployment:
  description:
    - The preview acted on, as M(dokploy.dokploy.dokploy_preview_deployment_info) returns it (for V(absent), as it was
      before the delete); empty when there was none to delete.
  returned: always
  type: dict
  contains:
    previewDeploymentId:
      description: ID of the preview.
      type: str
    pullRequestNumber:
      description: Number of the pull request.
      type: str
      sample: "42"
    branch:
      description: The pull request's branch.
      type: str
    previewStatus:
      description: V(idle), V(running), V(done) or V(error).
      type: str
    url:
      description: The preview's address, made from its domain; null without a domain.
      type: str
deployment:
  description:
    - With O(state=redeployed) and O(wait), the new deployment of the preview (C(deploymentId), C(status), ...); empty
      with O(wait=false) and in check mode. On a failed deployment, the failed one (the task fails; C(failure.log) has
      the tail of its log).
  returned: when O(state=redeployed)
  type: dict
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._preview_deployment import PreviewDeployment


def main():
    run_resource(PreviewDeployment)


if __name__ == "__main__":
    main()
