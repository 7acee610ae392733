#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_organization
short_description: Manage Dokploy organisations
version_added: 0.3.0
description:
  - Create, rename and delete the organisations of the user the module's API key belongs to, and set their logo
    and the role of new members. An organisation is identified by O(name), or by O(organization_id) to rename it.
  - A Dokploy API key acts inside the one organisation it was created for. This module creates others and changes
    them, but projects, members and settings inside another organisation need a key created for that one
    (M(dokploy.dokploy.dokploy_api_key) run with a key of it). The organisation of the module's own key is never
    deleted.
options:
  name:
    description:
      - Name of the organisation. With O(organization_id), the name it gets (a rename).
    type: str
    required: true
  organization_id:
    description:
      - ID of the organisation, to rename it. The key's user must be a member of it.
    type: str
  logo:
    description:
      - URL of the organisation's logo. Not changed when not given.
    type: str
  default_role:
    description:
      - Role of new members who join without a role given. Needs Dokploy v0.30.0. Not changed when not given.
    type: str
    choices: [admin, member]
  state:
    description:
      - V(present) creates or updates the organisation. V(absent) deletes it with everything in it (projects,
        services, members' access); Dokploy refuses the last organisation its user owns.
    type: str
    choices: [present, absent]
    default: present
notes:
  - Creating needs the key of an owner or admin; changing or deleting an organisation needs its owner. Any other
    key fails naming what it needs.
  - "Versions: works with Dokploy v0.25.0 and newer; O(default_role) needs v0.30.0."
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.ATTRIBUTES
seealso:
  - module: dokploy.dokploy.dokploy_organization_info
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: An organisation for the agency's customers
  dokploy.dokploy.dokploy_organization:
    name: customers
    logo: https://example.com/logo.png
    default_role: member

- name: Rename it
  dokploy.dokploy.dokploy_organization:
    organization_id: "{{ customers_id }}"
    name: clients

- name: Delete an organisation and everything in it
  dokploy.dokploy.dokploy_organization:
    name: trial
    state: absent
"""

RETURN = r"""
organization:
  description: The organisation. Empty when it is absent. In check mode, as it would be (C(id) null before it exists).
  returned: always
  type: dict
  contains:
    id:
      description: ID of the organisation.
      type: str
    name:
      description: Name.
      type: str
    logo:
      description: URL of the logo.
      type: str
    defaultRole:
      description: Role of new members (v0.30.0), null for Dokploy's default.
      type: str
    ownerId:
      description: ID of the owner's user.
      type: str
    role:
      description: The role of the key's user in it.
      type: str
    current:
      description: Whether it is the organisation the module's key acts in.
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._organization import Organization


def main():
    run_resource(Organization)


if __name__ == "__main__":
    main()
