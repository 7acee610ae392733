#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_backup
short_description: Manage scheduled backups of Dokploy databases, compose databases and the Dokploy web server
version_added: 0.2.0
description:
  - Create, update and delete the scheduled backups Dokploy sends to an S3 destination (M(dokploy.dokploy.dokploy_destination)).
  - A backup belongs to a database (O(database) or O(database_id) with O(database_type) V(postgres), V(mysql),
    V(mariadb), V(mongo) or V(libsql); Dokploy has no backups of Redis), to a database running in a compose stack
    (O(compose) or O(compose_id) with O(service_name) and O(database_type), the engine in the stack), or to the
    Dokploy web server itself (O(web_server=true)).
  - A backup is identified by its owner, O(destination) and O(prefix) (and O(service_name) in a compose stack).
    Changing O(destination) or O(prefix) therefore manages another backup; remove the old one with O(state=absent).
    Dokploy does not keep them unique; when two backups share the identity, the module fails and lists their IDs.
  - Dokploy stores any cron expression and silently never runs a job whose expression it cannot read; the module
    checks O(cron_expression) before any request.
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
      - Name of the compose stack whose database is backed up, looked up in O(environment) of O(project). Needs
        O(service_name) and O(database_type).
    type: str
  compose_id:
    description:
      - ID of the compose stack whose database is backed up, instead of O(compose) and O(project).
    type: str
  database_type:
    description:
      - With O(database) or O(database_id), the kind of that database.
      - With O(compose) or O(compose_id), the engine of the database in the stack. Required to create one.
      - V(redis) has no backups in Dokploy.
    type: str
    choices: [postgres, mysql, mariadb, mongo, redis, libsql]
  web_server:
    description:
      - V(true) for a backup of the Dokploy web server (its own database and files). Instead of the target options.
    type: bool
  destination:
    description:
      - Name of the backup destination (see M(dokploy.dokploy.dokploy_destination)).
    type: str
    required: true
  prefix:
    description:
      - Folder of the bucket the backups go to, for example V(postgres/shop).
    type: str
    default: /
  cron_expression:
    description:
      - When the backup runs, a cron expression of five fields (minute hour day-of-month month day-of-week), or six
        with seconds first; ranges, steps, lists and month and day names are allowed, and the shorthands
        V(@hourly), V(@daily), V(@weekly), V(@monthly), V(@yearly). Required to create one.
    type: str
  keep_latest:
    description:
      - How many backups to keep in the destination; older ones are deleted. Dokploy keeps all when it is not set.
    type: int
  enabled:
    description:
      - Whether the backup runs on its schedule.
    type: bool
  database_name:
    description:
      - The database inside the engine to dump.
      - Defaults on creation to the database's own C(databaseName) (PostgreSQL, MySQL, MariaDB), V(iku.db) for
        libSQL and V(dokploy) for the web server; required for MongoDB and compose stacks.
    type: str
  service_name:
    description:
      - For a compose stack, the service of the stack that runs the database.
    type: str
  database_user:
    description:
      - For a compose stack, the database user the backup connects as (V(postgres), V(mariadb), V(mongo)).
        Required to create one.
    type: str
  database_password:
    description:
      - For a compose stack, the password of O(database_user) (V(mariadb), V(mongo)). Required to create one.
    type: str
  database_root_password:
    description:
      - For a V(mysql) database in a compose stack, the root password the backup connects with. Required to create
        one.
    type: str
  state:
    description:
      - V(present) creates or updates the backup, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.ATTRIBUTES
  - dokploy.dokploy.target.DATABASE
seealso:
  - module: dokploy.dokploy.dokploy_destination
  - module: dokploy.dokploy.dokploy_backup_info
  - module: dokploy.dokploy.dokploy_volume_backup
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: Back the shop database up every night, keeping a week
  dokploy.dokploy.dokploy_backup:
    project: shop
    database: db
    database_type: postgres
    destination: s3-backups
    prefix: shop/postgres
    cron_expression: "0 2 * * *"
    keep_latest: 7

- name: A MariaDB database running in a compose stack
  dokploy.dokploy.dokploy_backup:
    project: shop
    compose: stack
    service_name: mariadb
    database_type: mariadb
    database_name: wordpress
    database_user: wordpress
    database_password: "{{ vault_wordpress_db_password }}"
    destination: s3-backups
    prefix: shop/wordpress
    cron_expression: "30 2 * * *"

- name: Back the Dokploy web server up every Sunday
  dokploy.dokploy.dokploy_backup:
    web_server: true
    destination: s3-backups
    prefix: dokploy
    cron_expression: "0 4 * * sun"

- name: Pause a backup
  dokploy.dokploy.dokploy_backup:
    project: shop
    database: db
    database_type: postgres
    destination: s3-backups
    prefix: shop/postgres
    enabled: false

- name: Remove it
  dokploy.dokploy.dokploy_backup:
    project: shop
    database: db
    database_type: postgres
    destination: s3-backups
    prefix: shop/postgres
    state: absent
"""

RETURN = r"""
backup:
  description:
    - The backup as Dokploy returns it, passwords masked. Empty when it is absent. In check mode, the backup as it
      would be (C(backupId) is null before it exists).
  returned: always
  type: dict
  contains:
    backupId:
      description: ID of the backup.
      type: str
      sample: sHoNKbuq1ERmcVm9mjzFK
    schedule:
      description: The cron expression.
      type: str
      sample: "0 2 * * *"
    prefix:
      description: Folder in the bucket.
      type: str
    database:
      description: The database dumped.
      type: str
    databaseType:
      description: V(postgres), V(mysql), V(mariadb), V(mongo), V(libsql) or V(web-server).
      type: str
    backupType:
      description: V(database) or V(compose).
      type: str
    keepLatestCount:
      description: How many backups are kept; null keeps all.
      type: int
    enabled:
      description: Whether the backup runs on its schedule.
      type: bool
    destinationId:
      description: ID of the destination.
      type: str
    destination:
      description: The destination (name, bucket, endpoint; no keys).
      type: dict
    metadata:
      description: For a compose backup, the credentials it connects with (passwords masked).
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._backup import Backup


def main():
    run_resource(Backup)


if __name__ == "__main__":
    main()
