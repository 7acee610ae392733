#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_database_info
short_description: List Dokploy databases with their connection details
version_added: 0.2.0
description:
  - Lists the databases (PostgreSQL, MySQL, MariaDB, MongoDB, Redis, libSQL) of a Dokploy server, of a project, of an
    environment, or one database by name or ID, with the connection details of each. Read-only.
  - Passwords and environment variables are masked.
options:
  type:
    description:
      - Only databases of this type. Required with O(database_id).
    type: str
    choices: [postgres, mysql, mariadb, mongo, redis, libsql]
  project:
    description:
      - Only databases of the project with this name (every project sharing the name).
    type: str
  environment:
    description:
      - Only databases of the environment with this name (in every project, or in O(project)).
    type: str
  name:
    description:
      - Only databases with this name.
    type: str
  database_id:
    description:
      - Only the database with this ID (its C(postgresId), C(mysqlId), ...).
    type: str
  with_tasks:
    description:
      - Also read each database's swarm tasks (C(docker service ps)) as Dokploy's Docker
        router lists them, into RV(databases[].tasks); the same read as the check of C(wait_for=running) in
        M(dokploy.dokploy.dokploy_database). One request each.
    type: bool
    default: false
    version_added: 0.3.0
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.INFO_ATTRIBUTES
seealso:
  - module: dokploy.dokploy.dokploy_database
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: Every database of the shop project
  dokploy.dokploy.dokploy_database_info:
    api_url: https://dokploy.example.com
    api_key: "{{ vault_dokploy_api_key }}"
    project: shop
  register: shop_databases

- name: Where is the shop database?
  ansible.builtin.debug:
    msg: "{{ (shop_databases.databases | selectattr('name', 'equalto', 'shop-db') | first).connection }}"

- name: One database by ID
  dokploy.dokploy.dokploy_database_info:
    type: redis
    database_id: FZOEDRCm0WLwDckdi1r0u
"""

RETURN = r"""
databases:
  description:
    - The databases, each as C(<type>.one) returns it, with C(type) and C(connection) added (see M(dokploy.dokploy.dokploy_database)).
    - Passwords and C(env) are masked.
  returned: always
  type: list
  elements: dict
  contains:
    type:
      description: Type of the database.
      type: str
      sample: postgres
    name:
      description: Name of the database service.
      type: str
      sample: shop-db
    appName:
      description: Name of the Docker service, also its host name inside the Docker network.
      type: str
    environmentId:
      description: ID of the environment that holds the database.
      type: str
    applicationStatus:
      description: Status of the database (V(idle), V(running), V(done), V(error)).
      type: str
    connection:
      description: Host, port, user, database name and external port.
      type: dict
      sample: {"host": "postgres-calculate-neural-firewall-1kjeyq", "port": 5432, "user": "shop", "database": "shop",
               "external_port": null}
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.project._service_info import DatabaseInfo


def main():
    run_resource(DatabaseInfo)


if __name__ == "__main__":
    main()
