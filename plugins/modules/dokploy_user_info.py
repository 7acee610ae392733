#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_user_info
short_description: List the members of a Dokploy organisation with their role and permissions
version_added: 0.3.0
description:
  - Lists the members of the organisation the module's API key belongs to (a Dokploy API key acts inside the one
    organisation it was created for), with their role and permissions, the lists by name as well as by ID.
options:
  email:
    description:
      - Only the member with this e-mail address (compared without regard to case).
    type: str
notes:
  - Needs the API key of an owner or admin of the organisation; a member's key fails naming what it needs.
  - Works with Dokploy v0.25.0 and newer.
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.INFO_ATTRIBUTES
seealso:
  - module: dokploy.dokploy.dokploy_user
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: Who may do what
  dokploy.dokploy.dokploy_user_info:
  register: members

- name: The admins
  ansible.builtin.debug:
    msg: "{{ members.users | selectattr('role', 'equalto', 'admin') | map(attribute='email') | list }}"
"""

RETURN = r"""
users:
  description: The members, oldest first, as M(dokploy.dokploy.dokploy_user) returns one.
  returned: always
  type: list
  elements: dict
  contains:
    email:
      description: E-mail address.
      type: str
    role:
      description: V(owner), V(admin), V(member) or an enterprise custom role.
      type: str
    permissions:
      description: The C(can_*) flags, and C(projects), C(environments), C(services), C(git_providers), C(servers) by name.
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._user import UserInfo


def main():
    run_resource(UserInfo)


if __name__ == "__main__":
    main()
