#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_stack_info
short_description: Export a live Dokploy project as a dokploy_stack declaration
version_added: 0.2.0
description:
  - Reads one project with its environments, their shared variables, and every application, database and compose
    service in them with their domains, mounts, ports, redirects, basic-auth users, schedules, backups, volume
    backups and file patches, and returns
    it under RV(stack) in exactly the format of M(dokploy.dokploy.dokploy_stack).
  - The rows are turned back into the options of each module through the same field declarations the modules
    converge with, so feeding RV(stack) to M(dokploy.dokploy.dokploy_stack) changes nothing and sends no write.
  - Only what differs from what Dokploy sets on a new object is kept. Values the modules treat as secrets
    (env variables, database, registry and basic-auth passwords) are left out unless O(include_secrets=true); where
    they were left out is listed in RV(secrets_left_out). A basic-auth user cannot be declared without its
    password, so without secrets it is left out entirely.
  - The lifecycle state of the services (deployed, running, stopped) is not exported, so an export applied to a fresh
    server creates the services but deploys and starts nothing until asked (a service of
    O(dokploy.dokploy.dokploy_stack#module:environments) takes C(state=deployed)). Nor are the data of databases and
    volumes, or the objects outside the project that it names (backup destinations, git providers, SSH keys,
    servers), which must exist where it is applied.
  - What is organisation-wide or server-wide rather than part of a project is left out too (members, organisations,
    API keys, the server's settings, AI and vault providers); M(dokploy.dokploy.dokploy_user_info),
    M(dokploy.dokploy.dokploy_organization_info), M(dokploy.dokploy.dokploy_settings_info),
    M(dokploy.dokploy.dokploy_ai_provider_info) and M(dokploy.dokploy.dokploy_vault_provider_info) read them.
  - To apply a file holding RV(stack), give its path to the C(dokploy.dokploy.stack) role as C(dokploy_stack_file)
    (see EXAMPLES). Its values are passed on as they are, never templated.
  - Reads only; one request for the projects, one per environment, one per service, the lists of schedules and
    volume backups of each service and the patches of each application and compose service (Dokploy does not nest
    them; a server older than v0.28.0 has no patches and answers the first such list with a 404, and the others are not asked for), and the
    backup destinations once.
options:
  project:
    description:
      - Name of the project.
      - Exactly one of O(project) and O(project_id) is required.
    type: str
  project_id:
    description:
      - ID of the project.
    type: str
  include_secrets:
    description:
      - Include the secret values (env variables and passwords) in RV(stack), in clear.
      - Keep such an export in Ansible Vault, never in plain text in Git.
    type: bool
    default: false
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.INFO_ATTRIBUTES
seealso:
  - module: dokploy.dokploy.dokploy_stack
  - module: dokploy.dokploy.dokploy_project_info
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: Export the shop project
  dokploy.dokploy.dokploy_stack_info:
    api_url: https://dokploy.example.com
    api_key: "{{ vault_dokploy_api_key }}"
    project: shop
  register: shop

- name: Write it to a file to commit
  ansible.builtin.copy:
    content: "{{ shop.stack | to_nice_yaml(indent=2, sort_keys=false) }}"
    dest: stacks/shop.yml
    mode: "0644"

- name: Apply it again later with the stack role (changes nothing on the same server)
  ansible.builtin.include_role:
    name: dokploy.dokploy.stack
  vars:
    dokploy_stack_file: stacks/shop.yml
"""

RETURN = r"""
stack:
  description:
    - The project as a declaration for M(dokploy.dokploy.dokploy_stack) (its options C(project), C(description),
      C(env), C(environments)).
  returned: always
  type: dict
  sample:
    project: shop
    description: Online shop
    environments:
      production:
        applications:
          web:
            docker_image: nginx:1.27
            replicas: 2
            domains:
              - host: shop.example.com
                port: 80
                https: true
                certificate_type: letsencrypt
        databases:
          pg:
            type: postgres
            database_name: shop
            database_user: shop
secrets_left_out:
  description:
    - Where secret values were left out of RV(stack) (empty with O(include_secrets=true)).
  returned: always
  type: list
  elements: str
  sample: [environments.production.applications.web.env, environments.production.databases.pg.database_password]
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.project._export import StackExport


def main():
    run_resource(StackExport)


if __name__ == "__main__":
    main()
