#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_registry
short_description: Manage the container registries of Dokploy
version_added: 0.2.0
description:
  - Create, update and delete the container registries that Dokploy pulls from and pushes to (an application's
    O(dokploy.dokploy.dokploy_application#module:registry) and
    O(dokploy.dokploy.dokploy_application#module:build_registry) name one).
  - Registries belong to the organisation. One is identified by O(name); Dokploy does not keep names unique, so when
    two registries share O(name) the module fails and lists their IDs.
  - Creating or updating a registry makes Dokploy run C(docker login) with it. When that login fails, Dokploy stores
    nothing on a create, but B(keeps the new values) on an update; the module fails in both cases and says which
    happened.
  - Dokploy returns the password in plain text; the module masks it in its result and diff, and it never appears in
    its messages.
options:
  name:
    description:
      - Name of the registry.
    type: str
    required: true
  url:
    description:
      - Host name of the registry, with a port if needed and without V(https://), for example V(ghcr.io) or
        V(registry.example.com:5000). V("") is Docker Hub. Required to create one.
    type: str
  username:
    description:
      - User name to log in with. Required to create one.
    type: str
  password:
    description:
      - Password or token to log in with. Required to create one.
    type: str
  update_password:
    description:
      - V(always) sets O(password) whenever it differs from the stored one; V(on_create) sets it only when the
        registry is created, and leaves a stored one alone.
    type: str
    choices: [always, on_create]
    default: always
  image_prefix:
    description:
      - Namespace that Dokploy puts before an application's image name when it pushes there, for example V(acme)
        for C(ghcr.io/acme/<app>). V("") clears it.
    type: str
  server:
    description:
      - Name or ID of the remote server on which Dokploy runs C(docker login) when it creates or updates the
        registry; by default the Dokploy host. Dokploy does not store it, so it is never compared, and it is sent
        only with a create or an update.
    type: str
  state:
    description:
      - V(present) creates or updates the registry, V(absent) deletes it. Deleting it clears it on the applications
        that use it.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.ATTRIBUTES
seealso:
  - module: dokploy.dokploy.dokploy_application
  - module: dokploy.dokploy.dokploy_server
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: GitHub's container registry
  dokploy.dokploy.dokploy_registry:
    name: ghcr
    url: ghcr.io
    username: acme-bot
    password: "{{ vault_ghcr_token }}"
    image_prefix: acme

- name: A self-hosted registry, logged in to from a remote server
  dokploy.dokploy.dokploy_registry:
    name: internal
    url: registry.internal.example.com:5000
    username: robot
    password: "{{ vault_registry_password }}"
    update_password: on_create
    server: worker-1

- name: Push the images of an application there
  dokploy.dokploy.dokploy_application:
    project: shop
    name: api
    registry: ghcr

- name: Remove a registry
  dokploy.dokploy.dokploy_registry:
    name: internal
    state: absent
"""

RETURN = r"""
registry:
  description:
    - The registry as Dokploy returns it, the password masked. Empty when it is absent. In check mode, the registry
      as it would be (C(registryId) is null before it exists).
  returned: always
  type: dict
  contains:
    registryId:
      description: ID of the registry.
      type: str
      sample: saiP8fRiIk5cNtcmb6-zQ
    registryName:
      description: Name.
      type: str
      sample: ghcr
    registryUrl:
      description: Host name of the registry (empty for Docker Hub).
      type: str
      sample: ghcr.io
    username:
      description: User name.
      type: str
      sample: acme-bot
    password:
      description: Always masked.
      type: str
      sample: "********"
    imagePrefix:
      description: Namespace before pushed image names.
      type: str
      sample: acme
    registryType:
      description: Always C(cloud) (the only type Dokploy's API creates).
      type: str
      sample: cloud
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._registry import Registry


def main():
    run_resource(Registry)


if __name__ == "__main__":
    main()
