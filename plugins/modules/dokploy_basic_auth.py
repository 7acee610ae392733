#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_basic_auth
short_description: Manage basic-auth users of Dokploy applications
version_added: 0.2.0
description:
  - Create, update and delete the users of a Dokploy application's HTTP basic authentication (Dokploy's
    C(security) settings, a Traefik C(basicAuth) middleware on its domains).
  - A user is identified by O(username) on its application.
  - Dokploy returns stored passwords in clear text. The module compares O(password) with the stored one without
    ever showing either; results and diffs mask them.
options:
  username:
    description:
      - Name of the user. Must not contain V(:).
    type: str
    required: true
  password:
    description:
      - Password of the user. Required with O(state=present).
    type: str
  update_password:
    description:
      - V(always) sets O(password) whenever it differs from the stored one; V(on_create) sets it only when the
        user is created, and leaves a password changed elsewhere alone.
    type: str
    choices: [always, on_create]
    default: always
  state:
    description:
      - V(present) creates the user or updates its password; V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.ATTRIBUTES
  - dokploy.dokploy.target.APPLICATION
seealso:
  - module: dokploy.dokploy.dokploy_application
  - module: ansible.builtin.user
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: Protect the staging application with a password
  dokploy.dokploy.dokploy_basic_auth:
    api_url: https://dokploy.example.com
    api_key: "{{ vault_dokploy_api_key }}"
    project: shop
    environment: staging
    application: web
    username: reviewer
    password: "{{ vault_staging_password }}"

- name: Create a user once; later changes of its password in Dokploy are kept
  dokploy.dokploy.dokploy_basic_auth:
    project: shop
    environment: staging
    application: web
    username: client
    password: "{{ initial_password }}"
    update_password: on_create

- name: Remove a user
  dokploy.dokploy.dokploy_basic_auth:
    project: shop
    environment: staging
    application: web
    username: former-colleague
    state: absent
"""

RETURN = r"""
basic_auth:
  description:
    - The user as Dokploy returns it, the password masked. Empty when it is absent. In check mode, the user as it
      would be (C(securityId) is null before it exists).
  returned: always
  type: dict
  contains:
    securityId:
      description: ID of the user.
      type: str
      sample: Xo-dd0TaxUqa4KMpjdvPv
    username:
      description: Name of the user.
      type: str
      sample: reviewer
    password:
      description: Always masked.
      type: str
      sample: "********"
    createdAt:
      description: When the user was created.
      type: str
      sample: "2026-11-29T22:18:08.652Z"
    applicationId:
      description: ID of the application.
      type: str
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._basic_auth import BasicAuth


def main():
    run_resource(BasicAuth)


if __name__ == "__main__":
    main()
