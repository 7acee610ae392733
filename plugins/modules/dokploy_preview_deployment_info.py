#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_preview_deployment_info
short_description: List the preview deployments of a Dokploy application
version_added: 0.3.0
description:
  - Lists the previews of one application, newest first, as Dokploy keeps them - each with its pull request, branch,
    status, domain and address, and its deployments (newest first).
  - Dokploy makes a preview for each pull request of the application's GitHub repository when a GitHub webhook tells
    it about one (and the application's O(dokploy.dokploy.dokploy_application#module:preview) settings let it), and
    deletes it when the pull request is closed. M(dokploy.dokploy.dokploy_preview_deployment) deletes or rebuilds one.
  - Name the application with O(application) and O(project) or with O(application_id); or give only
    O(preview_deployment_id). Read-only; it behaves the same in check mode.
options:
  preview_deployment_id:
    description:
      - ID of one preview (C(previewDeploymentId)); RV(preview_deployment) is then that preview (empty when there is
        none with that ID). Alone, without O(application) or O(application_id), it finds its application.
    type: str
  pull_request:
    description:
      - Only the previews of the pull request with this number.
    type: int
  branch:
    description:
      - Only the previews of this branch.
    type: str
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.target.APPLICATION
  - dokploy.dokploy.dokploy.INFO_ATTRIBUTES
seealso:
  - module: dokploy.dokploy.dokploy_preview_deployment
  - module: dokploy.dokploy.dokploy_application
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: List the previews of the web application
  dokploy.dokploy.dokploy_preview_deployment_info:
    api_url: https://dokploy.example.com
    api_key: "{{ vault_dokploy_api_key }}"
    project: shop
    application: web
  register: web_previews

- name: Show the address of the preview of pull request 42
  ansible.builtin.debug:
    msg: "{{ (web_previews.preview_deployments | selectattr('pullRequestNumber', 'equalto', '42') | first).url }}"
  when: web_previews.preview_deployments | selectattr('pullRequestNumber', 'equalto', '42') | list | length > 0

- name: One preview by its ID
  dokploy.dokploy.dokploy_preview_deployment_info:
    preview_deployment_id: 4sJ2hP3kX9aQmT0vW1zYc
  register: one_preview
"""

RETURN = r"""
application:
  description: The application whose previews are listed; empty when a preview chosen by O(preview_deployment_id) does not exist.
  returned: always
  type: dict
  contains:
    id:
      description: ID of the application.
      type: str
    name:
      description: Name of the application (null when only O(preview_deployment_id) named it).
      type: str
preview_deployments:
  description: The previews of the application that match O(pull_request), O(branch) and O(preview_deployment_id), newest first.
  returned: always
  type: list
  elements: dict
  contains:
    previewDeploymentId:
      description: ID of the preview.
      type: str
    pullRequestNumber:
      description: Number of the pull request (a string, as Dokploy keeps it).
      type: str
      sample: "42"
    pullRequestTitle:
      description: Title of the pull request.
      type: str
    pullRequestURL:
      description: Address of the pull request on GitHub.
      type: str
    branch:
      description: The pull request's branch.
      type: str
    previewStatus:
      description: V(idle), V(running), V(done) or V(error).
      type: str
      sample: done
    appName:
      description: Name of the preview's Docker service.
      type: str
    domain:
      description: The preview's domain (C(host), C(port), C(path), C(https), C(certificateType)); null when none.
      type: dict
    url:
      description: The preview's address, made from its domain; null without a domain.
      type: str
      sample: https://preview-web-x1y2z3.preview.example.com
    deployments:
      description: The preview's deployments, newest first (C(deploymentId), C(status), C(title), C(createdAt), ...).
      type: list
      elements: dict
    createdAt:
      description: When the preview was made (ISO 8601).
      type: str
preview_deployment:
  description: With O(preview_deployment_id), that preview (as in RV(preview_deployments)); otherwise empty.
  returned: always
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._preview_deployment import PreviewDeploymentInfo


def main():
    run_resource(PreviewDeploymentInfo)


if __name__ == "__main__":
    main()
