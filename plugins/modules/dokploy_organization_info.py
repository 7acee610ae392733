#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_organization_info
short_description: List the Dokploy organisations of the key's user
version_added: 0.3.0
description:
  - Lists the organisations the user of the module's API key is a member of, with that user's role in each and
    which one the key acts in (a Dokploy API key acts inside the one organisation it was created for).
options:
  name:
    description:
      - Only the organisations of this name.
    type: str
notes:
  - Any user's key works. Works with Dokploy v0.25.0 and newer.
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.INFO_ATTRIBUTES
seealso:
  - module: dokploy.dokploy.dokploy_organization
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: The organisation this key acts in
  dokploy.dokploy.dokploy_organization_info:
  register: organizations

- name: Show it
  ansible.builtin.debug:
    msg: "{{ (organizations.organizations | selectattr('current') | first).name }}"
"""

RETURN = r"""
organizations:
  description: The organisations, as M(dokploy.dokploy.dokploy_organization) returns one.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: ID.
      type: str
    name:
      description: Name.
      type: str
    role:
      description: The role of the key's user in it.
      type: str
    current:
      description: Whether the module's key acts in it.
      type: bool
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._organization import OrganizationInfo


def main():
    run_resource(OrganizationInfo)


if __name__ == "__main__":
    main()
