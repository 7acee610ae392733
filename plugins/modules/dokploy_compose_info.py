#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_compose_info
short_description: List Dokploy compose services
version_added: 0.2.0
description:
  - Lists the compose services of a Dokploy server, of a project, of an environment, or one by name or ID. Read-only.
  - C(env), webhook tokens and the secrets of connected Git providers are masked.
options:
  project:
    description:
      - Only compose services of the project with this name (every project sharing the name).
    type: str
  environment:
    description:
      - Only compose services of the environment with this name (in every project, or in O(project)).
    type: str
  name:
    description:
      - Only compose services with this name.
    type: str
  compose_id:
    description:
      - Only the compose service with this ID.
    type: str
  with_tasks:
    description:
      - Also read each compose service's swarm tasks (C(docker stack ps) for a stack, its containers for a
        docker-compose project) as Dokploy's Docker router lists them, into RV(composes[].tasks); the same read as
        the check of C(wait_for=running) in M(dokploy.dokploy.dokploy_compose). One request each.
    type: bool
    default: false
    version_added: 0.3.0
  with_services:
    description:
      - Also read the names of the services the compose file defines (C(compose.loadServices)) into
        RV(composes[].services), for example to choose a domain's C(service_name). A raw compose file is written
        on the Dokploy server to be read when no deploy did; a Git source that was never deployed gives null.
    type: bool
    default: false
    version_added: 0.3.0
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.INFO_ATTRIBUTES
seealso:
  - module: dokploy.dokploy.dokploy_compose
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: Every compose service of the shop project
  dokploy.dokploy.dokploy_compose_info:
    api_url: https://dokploy.example.com
    api_key: "{{ vault_dokploy_api_key }}"
    project: shop
  register: shop_compose

- name: Print their names and statuses
  ansible.builtin.debug:
    msg: "{{ shop_compose.composes | items2dict(key_name='name', value_name='composeStatus') }}"
"""

RETURN = r"""
composes:
  description:
    - The compose services, each as C(compose.one) returns it (with its domains, mounts, backups and last
      deployments), and its schedules and volume backups (two more requests per compose service).
    - C(env), C(refreshToken) and provider secrets are masked.
  returned: always
  type: list
  elements: dict
  contains:
    composeId:
      description: ID of the compose service.
      type: str
    name:
      description: Name of the compose service.
      type: str
    appName:
      description: Name of the compose project on the server.
      type: str
    sourceType:
      description: Where the compose file comes from.
      type: str
      sample: raw
    composeType:
      description: V(docker-compose) or V(stack).
      type: str
    composeStatus:
      description: Status of the last deployment.
      type: str
      sample: done
    domains:
      description: The domains of the compose service (see M(dokploy.dokploy.dokploy_domain)).
      type: list
      elements: dict
    mounts:
      description:
        - The mounts of the compose service, as M(dokploy.dokploy.dokploy_mount) returns one (C(mountId), C(type),
          C(mountPath), C(hostPath), C(volumeName), C(filePath), C(content)).
      type: list
      elements: dict
    backups:
      description:
        - The database backups of the compose service, each with its C(destination) (without its keys), see
          M(dokploy.dokploy.dokploy_backup).
      type: list
      elements: dict
    schedules:
      description:
        - The scheduled jobs of the compose service (C(schedule.list)), see M(dokploy.dokploy.dokploy_schedule).
      type: list
      elements: dict
    volumeBackups:
      description:
        - The volume backups of the compose service (C(volumeBackups.list)), see
          M(dokploy.dokploy.dokploy_volume_backup).
      type: list
      elements: dict
    tasks:
      description:
        - With O(with_tasks), the swarm tasks (of a docker-compose project, its containers), newest first within a
          slot, each with C(id), C(slot), C(desired_state), C(current_state) (for example C(Running 2 minutes ago), C(Failed 3 seconds ago)),
          C(error) (for example
          C(non-zero exit (3)), C(No such image), C(no suitable node ...)) and C(node). Null when Dokploy
          cannot read them.
      type: list
      elements: dict
      version_added: 0.3.0
    services:
      description: With O(with_services), the names of the services the compose file defines; null when Dokploy
        cannot read the file.
      type: list
      elements: str
      sample: [web, worker]
      version_added: 0.3.0
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.project._service_info import ComposeInfo


def main():
    run_resource(ComposeInfo)


if __name__ == "__main__":
    main()
