#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_backup_info
short_description: List the scheduled backups of a Dokploy database, compose stack or the Dokploy web server
version_added: 0.2.0
description:
  - Lists the backups of a database (O(database) or O(database_id) with O(database_type)), of a compose stack
    (O(compose) or O(compose_id)), or of the Dokploy web server (O(web_server=true)), with their destinations and
    their runs. Passwords are masked.
options:
  project:
    description:
      - Name of the project holding the database or compose stack, when it is selected by its name.
    type: str
  project_id:
    description:
      - ID of the project holding the database or compose stack, when it is selected by its name.
    type: str
  environment:
    description:
      - Name of the environment of O(project) or O(project_id) holding the database or compose stack.
    type: str
    default: production
  environment_id:
    description:
      - ID of the environment holding the database or compose stack, instead of O(project) and O(environment).
    type: str
  compose:
    description:
      - Name of the compose stack, looked up in O(environment) of O(project).
    type: str
  compose_id:
    description:
      - ID of the compose stack, instead of O(compose) and O(project).
    type: str
  database_type:
    description:
      - With O(database) or O(database_id), the kind of that database.
    type: str
    choices: [postgres, mysql, mariadb, mongo, redis, libsql]
  web_server:
    description:
      - V(true) to list the backups of the Dokploy web server. Instead of the target options.
    type: bool
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.INFO_ATTRIBUTES
  - dokploy.dokploy.target.DATABASE
seealso:
  - module: dokploy.dokploy.dokploy_backup
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: The backups of the shop database
  dokploy.dokploy.dokploy_backup_info:
    project: shop
    database: db
    database_type: postgres
  register: shop_backups

- name: Which destinations they go to
  ansible.builtin.debug:
    msg: "{{ shop_backups.backups | map(attribute='destination.name') | list }}"

- name: The backups of the Dokploy web server
  dokploy.dokploy.dokploy_backup_info:
    web_server: true
"""

RETURN = r"""
backups:
  description:
    - The backups, as Dokploy nests them in the service (passwords masked).
  returned: always
  type: list
  elements: dict
  contains:
    backupId:
      description: ID of the backup.
      type: str
    schedule:
      description: The cron expression.
      type: str
    prefix:
      description: Folder in the bucket.
      type: str
    databaseType:
      description: V(postgres), V(mysql), V(mariadb), V(mongo), V(libsql) or V(web-server).
      type: str
    enabled:
      description: Whether the backup runs on its schedule.
      type: bool
    destination:
      description: The destination (its C(name), bucket and endpoint; keys masked).
      type: dict
    deployments:
      description: The runs of the backup, newest first.
      type: list
      elements: dict
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._backup import BackupInfo


def main():
    run_resource(BackupInfo)


if __name__ == "__main__":
    main()
