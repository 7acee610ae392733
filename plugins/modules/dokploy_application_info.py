#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_application_info
short_description: Read Dokploy applications
version_added: 0.2.0
description:
  - Return one application, chosen by name or ID, or every application of an environment.
  - Read-only. Secret values (environment variables, build arguments and secrets, registry password,
    webhook token, basic-auth passwords) are masked.
  - Each application comes with what hangs off it, with their IDs (domains, mounts, ports, redirects, basic-auth users,
    schedules and volume backups). The schedules and volume backups take two more requests per application.
options:
  project:
    description:
      - Name of the project. Required unless O(application_id) is given.
    type: str
  environment:
    description:
      - Name of the environment of O(project).
    type: str
    default: production
  name:
    description:
      - Name of the application. Without O(name) and O(application_id), every application of the environment
        is returned.
    type: str
  application_id:
    description:
      - ID of the application.
    type: str
  with_tasks:
    description:
      - Also read each application's swarm tasks (C(docker service ps)) as Dokploy's Docker
        router lists them, into RV(applications[].tasks); the same read as the check of C(wait_for=running) in
        M(dokploy.dokploy.dokploy_application). One request each.
    type: bool
    default: false
    version_added: 0.3.0
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.INFO_ATTRIBUTES
seealso:
  - module: dokploy.dokploy.dokploy_application
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: Read the web application
  dokploy.dokploy.dokploy_application_info:
    api_url: https://dokploy.example.com
    api_key: "{{ vault_dokploy_api_key }}"
    project: shop
    name: web
  register: web

- name: Show its Docker service name
  ansible.builtin.debug:
    msg: "{{ web.applications[0].appName }}"

- name: Every application of the staging environment
  dokploy.dokploy.dokploy_application_info:
    project: shop
    environment: staging
  register: staging_apps
"""

RETURN = r"""
applications:
  description:
    - The applications found, as C(application.one) returns them, secrets masked. Empty when none matches.
  returned: always
  type: list
  elements: dict
  contains:
    applicationId:
      description: ID of the application.
      type: str
      sample: mbfznUa2NxhtN-2eISFF7
    name:
      description: Name of the application.
      type: str
      sample: web
    appName:
      description: Name of the Docker service.
      type: str
      sample: app-input-multi-byte-transmitter-5bsbfr
    sourceType:
      description: Source of the application.
      type: str
      sample: docker
    applicationStatus:
      description: V(idle), V(running), V(done) or V(error).
      type: str
      sample: done
    env:
      description: The environment variables, masked.
      type: str
      sample: "********"
    domains:
      description: The domains of the application (see M(dokploy.dokploy.dokploy_domain)).
      type: list
      elements: dict
    mounts:
      description:
        - The mounts of the application, as M(dokploy.dokploy.dokploy_mount) returns one (C(mountId), C(type),
          C(mountPath), C(hostPath), C(volumeName), C(filePath), C(content)).
      type: list
      elements: dict
    ports:
      description:
        - The published ports, as M(dokploy.dokploy.dokploy_port) returns one (C(portId), C(publishedPort),
          C(targetPort), C(protocol), C(publishMode)).
      type: list
      elements: dict
    redirects:
      description:
        - The redirects, as M(dokploy.dokploy.dokploy_redirect) returns one (C(redirectId), C(regex),
          C(replacement), C(permanent)).
      type: list
      elements: dict
    security:
      description:
        - The basic-auth users, as M(dokploy.dokploy.dokploy_basic_auth) returns one (C(securityId), C(username));
          C(password) is masked.
      type: list
      elements: dict
      sample: [{"securityId": "Xo-dd0TaxUqa4KMpjdvPv", "username": "reviewer", "password": "********"}]
    schedules:
      description:
        - The scheduled jobs of the application (C(schedule.list)), see M(dokploy.dokploy.dokploy_schedule).
      type: list
      elements: dict
    volumeBackups:
      description:
        - The volume backups of the application (C(volumeBackups.list)), see M(dokploy.dokploy.dokploy_volume_backup).
      type: list
      elements: dict
    tasks:
      description:
        - With O(with_tasks), the swarm tasks, newest first within a slot, each with C(id), C(slot), C(desired_state),
          C(current_state) (for example C(Running 2 minutes ago), C(Failed 3 seconds ago)), C(error) (for example
          C(non-zero exit (3)), C(No such image), C(no suitable node ...)) and C(node). Null when Dokploy
          cannot read them.
      type: list
      elements: dict
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.project._service_info import ApplicationInfo


def main():
    run_resource(ApplicationInfo)


if __name__ == "__main__":
    main()
