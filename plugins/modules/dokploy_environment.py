#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_environment
short_description: Manage environments of Dokploy projects
version_added: 0.2.0
description:
  - Create, update and delete environments (for example V(staging)) inside a Dokploy project.
  - Every project has a default environment, V(production), which Dokploy creates with the project.
    It cannot be deleted or renamed; only its description can change.
  - Dokploy does not keep environment names unique within a project. When two share O(name), the module
    fails and lists their IDs; O(environment_id) then selects one.
  - The environment's shared variables are managed by M(dokploy.dokploy.dokploy_env).
options:
  project:
    description:
      - Name of the project the environment belongs to.
      - Required unless O(project_id) or O(environment_id) is given.
    type: str
  project_id:
    description:
      - ID of the project; selects it directly instead of by O(project).
    type: str
  name:
    description:
      - Name of the environment. V(production) names the default environment.
      - With O(environment_id), the environment is renamed to O(name).
    type: str
  environment_id:
    description:
      - ID of the environment; selects it directly instead of by O(name).
    type: str
  description:
    description:
      - Description of the environment. V("") clears it.
    type: str
  state:
    description:
      - V(present) creates or updates the environment; V(absent) deletes it.
      - Dokploy refuses to delete an environment that still holds services, and the default environment.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.ATTRIBUTES
seealso:
  - module: dokploy.dokploy.dokploy_project
  - module: dokploy.dokploy.dokploy_env
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: Add a staging environment to the shop project
  dokploy.dokploy.dokploy_environment:
    api_url: https://dokploy.example.com
    api_key: "{{ vault_dokploy_api_key }}"
    project: shop
    name: staging
    description: Pre-release checks

- name: Describe the default environment
  dokploy.dokploy.dokploy_environment:
    project: shop
    name: production
    description: Live shop

- name: Remove the staging environment (it must hold no services)
  dokploy.dokploy.dokploy_environment:
    project: shop
    name: staging
    state: absent
"""

RETURN = r"""
environment:
  description:
    - The environment as Dokploy returns it. Secret values (C(env)) are masked.
    - Empty when the environment is absent. In check mode, the environment as it would be.
  returned: always
  type: dict
  contains:
    environmentId:
      description: ID of the environment.
      type: str
      sample: d0Yq2VGEcHq1dRbUuQqXc
    projectId:
      description: ID of the project.
      type: str
      sample: Yz-DvSmSXRgSU55j2ftPs
    name:
      description: Name of the environment.
      type: str
      sample: staging
    description:
      description: Description of the environment.
      type: str
      sample: Pre-release checks
    isDefault:
      description: Whether this is the project's default environment (V(production)).
      type: bool
      sample: false
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._project import Environment


def main():
    run_resource(Environment)


if __name__ == "__main__":
    main()
