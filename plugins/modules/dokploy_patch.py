#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_patch
short_description: Manage file patches of the repository of Dokploy applications and compose services
version_added: 0.3.0
description:
  - Create, update and delete the file patches of a Dokploy application or compose service built from a Git
    repository. Before each build, Dokploy writes every enabled patch's file into the cloned repository (or
    removes the file, for O(type=delete)).
  - A patch is identified by O(path) on its service; Dokploy keeps one patch per path and service.
  - Needs Dokploy v0.28.0 or newer (the patch router); older servers fail with a message saying so.
options:
  path:
    description:
      - Path of the file in the repository, relative to its root (for example V(config/app.yml)). An absolute
        path or one with V(..) is refused before any request.
    type: str
    required: true
  content:
    description:
      - The whole content the file gets. Required with O(state=present) unless O(type=delete); not allowed with
        O(type=delete).
      - Dokploy ends a content changed by an update with a newline; the module compares contents with that
        newline, so V(abc) and V(abc\\n) are the same content.
    type: str
  type:
    description:
      - V(update) replaces a file of the repository, V(create) adds a new file, V(delete) removes the file.
    type: str
    choices: [create, update, delete]
    default: update
  enabled:
    description:
      - Whether Dokploy applies the patch on the next build. A new patch is enabled unless O(enabled=false).
    type: bool
  state:
    description:
      - V(present) creates or updates the patch; V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.ATTRIBUTES
  - dokploy.dokploy.target
seealso:
  - module: dokploy.dokploy.dokploy_application
  - module: dokploy.dokploy.dokploy_compose
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: Ship a configuration file the repository does not have
  dokploy.dokploy.dokploy_patch:
    api_url: https://dokploy.example.com
    api_key: "{{ vault_dokploy_api_key }}"
    project: shop
    application: web
    path: config/production.yml
    type: create
    content: |
      log_level: info

- name: Remove a file from the compose service's checkout
  dokploy.dokploy.dokploy_patch:
    project: shop
    compose: stack
    path: docker-compose.override.yml
    type: delete

- name: Keep a patch but stop applying it
  dokploy.dokploy.dokploy_patch:
    project: shop
    application: web
    path: config/production.yml
    type: create
    content: |
      log_level: info
    enabled: false

- name: Remove a patch
  dokploy.dokploy.dokploy_patch:
    project: shop
    application: web
    path: config/production.yml
    state: absent
"""

RETURN = r"""
patch:
  description:
    - The patch as Dokploy returns it. Empty when it is absent. In check mode, the patch as it would be
      (C(patchId) is null before it exists).
  returned: always
  type: dict
  contains:
    patchId:
      description: ID of the patch.
      type: str
      sample: 0Qz8mJd1bE3xKpL7sVwYt
    filePath:
      description: Path of the file in the repository.
      type: str
      sample: config/production.yml
    content:
      description: Content of the file (empty for a V(delete) patch).
      type: str
      sample: "log_level: info\n"
    type:
      description: V(create), V(update) or V(delete).
      type: str
      sample: create
    enabled:
      description: Whether the patch is applied on the next build.
      type: bool
      sample: true
    applicationId:
      description: ID of the application, or null.
      type: str
    composeId:
      description: ID of the compose service, or null.
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._patch import Patch


def main():
    run_resource(Patch)


if __name__ == "__main__":
    main()
