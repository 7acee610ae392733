#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_user
short_description: Manage the members of a Dokploy organisation, their role and permissions
version_added: 0.3.0
description:
  - Add, change and remove the members of the organisation the module's API key belongs to, identified by
    O(email). A Dokploy API key acts inside the one organisation it was created for; members of other
    organisations are out of its reach.
  - A new member is created with O(password), or invited when no password is given (Dokploy keeps the invitation
    for 48 hours; the person accepts it in the browser). The invitation is returned, and sent by e-mail when
    O(notification) names an email or Resend notification.
  - The owner of the organisation is never demoted or removed, and nobody changes their own role or removes
    themselves; such a task fails saying so.
  - Permissions are Dokploy's member permissions (owners and admins may do everything anyway), the C(can_*)
    flags, and what the member may reach, by name. Lists are compared as sets and replace what the member has.
options:
  email:
    description:
      - E-mail address of the user; compared without regard to case (Dokploy stores it in lower case).
    type: str
    required: true
  password:
    description:
      - Password of a user created here, at least 8 characters. Without it, an absent user is invited.
    type: str
  update_password:
    description:
      - V(on_create) sets O(password) only when the user is created. Dokploy's API has no way to set another
        user's password, so V(always) fails for an existing user rather than pretending.
    type: str
    choices: [on_create, always]
    default: on_create
  role:
    description:
      - Role in the organisation, V(admin) or V(member), or the name of an enterprise custom role. Not changed when
        not given; a new user is a V(member) unless told. A custom role without an enterprise licence fails with
        Dokploy's licence message. V(owner) is refused, since the owner role is never transferred.
    type: str
  notification:
    description:
      - Name of an email or Resend notification that sends a new invitation's link by e-mail.
    type: str
  state:
    description:
      - V(present) creates, invites or updates the member; V(absent) removes the user, or withdraws a pending
        invitation. Dokploy deletes the user itself, with its memberships in every organisation and its API keys;
        it refuses a user who still has a web-server backup (remove that with M(dokploy.dokploy.dokploy_backup) first).
    type: str
    choices: [present, absent]
    default: present
  can_create_projects:
    description:
      - Whether the member may create projects. Not changed when not given.
    type: bool
  can_delete_projects:
    description:
      - Whether the member may delete projects. Not changed when not given.
    type: bool
  can_create_services:
    description:
      - Whether the member may create services. Not changed when not given.
    type: bool
  can_delete_services:
    description:
      - Whether the member may delete services. Not changed when not given.
    type: bool
  can_create_environments:
    description:
      - Whether the member may create environments. Not changed when not given.
    type: bool
  can_delete_environments:
    description:
      - Whether the member may delete environments. Not changed when not given.
    type: bool
  can_access_docker:
    description:
      - Whether the member may see the Docker containers, images and volumes. Not changed when not given.
    type: bool
  can_access_traefik_files:
    description:
      - Whether the member may read and edit Traefik's files. Not changed when not given.
    type: bool
  can_access_api:
    description:
      - Whether the member may use the API (create API keys). Not changed when not given.
    type: bool
  can_access_ssh_keys:
    description:
      - Whether the member may use the SSH keys. Not changed when not given.
    type: bool
  can_access_git_providers:
    description:
      - Whether the member may use the Git providers. Not changed when not given.
    type: bool
  projects:
    description:
      - Projects the member may reach, by name (or ID).
    type: list
    elements: str
  environments:
    description:
      - Environments the member may reach, as V(project/environment) (or IDs).
    type: list
    elements: str
  services:
    description:
      - Services the member may reach, as V(project/environment/service) (applications, compose services and
        databases; or IDs).
    type: list
    elements: str
  git_providers:
    description:
      - Git providers the member may use, by name (or ID). Dokploy stores this only with an enterprise licence;
        without one the module fails with Dokploy's licence message rather than report a change that does not
        happen. Needs Dokploy v0.29.0.
    type: list
    elements: str
  servers:
    description:
      - Remote servers the member may use, by name (or ID). Like O(git_providers), enterprise only, v0.29.0.
    type: list
    elements: str
notes:
  - Needs the API key of an owner or admin of the organisation; a member's key fails naming what it needs. Only
    the owner can change an admin's role or remove an admin.
  - "Versions: reading and permissions work on every supported version; a user with a password needs Dokploy
    v0.29.0, an invitation v0.28.7, a role change v0.26.0."
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.ATTRIBUTES
seealso:
  - module: dokploy.dokploy.dokploy_user_info
  - module: dokploy.dokploy.dokploy_api_key
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: A developer who may deploy to the shop's staging environment
  dokploy.dokploy.dokploy_user:
    email: dev@example.com
    password: "{{ vault_dev_password }}"
    role: member
    can_create_services: true
    projects: [shop]
    environments: [shop/staging]
    services: [shop/staging/web]

- name: Invite an admin, the link sent by e-mail
  dokploy.dokploy.dokploy_user:
    email: ops@example.com
    role: admin
    notification: mail
  register: invited

- name: Remove a member who left
  dokploy.dokploy.dokploy_user:
    email: former@example.com
    state: absent
"""

RETURN = r"""
user:
  description:
    - The member. Empty when absent or only invited. Lists of IDs as Dokploy keeps them, and RV(user.permissions)
      with every list by name.
  returned: always
  type: dict
  contains:
    id:
      description: ID of the membership.
      type: str
    userId:
      description: ID of the user.
      type: str
    email:
      description: E-mail address.
      type: str
    role:
      description: V(owner), V(admin) or V(member) (or an enterprise custom role).
      type: str
    permissions:
      description: The C(can_*) flags, and C(projects), C(environments), C(services), C(git_providers), C(servers) by name.
      type: dict
invitation:
  description: The pending invitation (C(id), C(email), C(role), C(status), C(expiresAt); C(link) when sent).
  returned: when the user is invited rather than a member
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._user import User


def main():
    run_resource(User)


if __name__ == "__main__":
    main()
