#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_project_info
short_description: List Dokploy projects with their environments and services
version_added: 0.2.0
description:
  - Lists the projects of a Dokploy server, or one project by name or ID, with their environments and the
    services (applications, compose stacks, databases) in each. Read-only.
options:
  name:
    description:
      - Only the project with this name. Several projects may share a name; all of them are returned.
    type: str
  project_id:
    description:
      - Only the project with this ID.
    type: str
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.INFO_ATTRIBUTES
seealso:
  - module: dokploy.dokploy.dokploy_project
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: List every project
  dokploy.dokploy.dokploy_project_info:
    api_url: https://dokploy.example.com
    api_key: "{{ vault_dokploy_api_key }}"
  register: dokploy

- name: Show the environments of the shop project
  dokploy.dokploy.dokploy_project_info:
    name: shop
  register: shop

- name: Print the names of the applications in production
  ansible.builtin.debug:
    msg: "{{ (shop.projects[0].environments | selectattr('name', 'equalto', 'production') | first).applications | map(attribute='name') }}"
"""

RETURN = r"""
projects:
  description: The projects, newest first, as C(project.one) returns them. Secret values (C(env)) are masked.
  returned: always
  type: list
  elements: dict
  contains:
    projectId:
      description: ID of the project.
      type: str
    name:
      description: Name of the project.
      type: str
    description:
      description: Description of the project.
      type: str
    environments:
      description:
        - The environments, each with lists of its services by kind (C(applications), C(compose), C(postgres),
          C(mysql), C(mariadb), C(mongo), C(redis), C(libsql)); every service has its ID, C(name), C(appName) and status.
      type: list
      elements: dict
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.project._info import ProjectInfo


def main():
    run_resource(ProjectInfo)


if __name__ == "__main__":
    main()
