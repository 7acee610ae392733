#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_volume_backup
short_description: Manage scheduled backups of the Docker volumes of Dokploy services
version_added: 0.2.0
description:
  - Create, update and delete Dokploy's volume backups, which copy a Docker volume of an application, a compose
    stack or a database to an S3 destination (M(dokploy.dokploy.dokploy_destination)) on a schedule.
  - A volume backup is identified by O(name) on its service. Dokploy does not keep names unique; when two volume
    backups of the service share O(name), the module fails and lists their IDs.
  - Dokploy stores any cron expression and silently never runs a job whose expression it cannot read; the module
    checks O(cron_expression) before any request.
options:
  name:
    description:
      - Name of the volume backup, unique on its service.
    type: str
    required: true
  volume_name:
    description:
      - The Docker volume to copy, for example V(web-uploads). Required to create one.
    type: str
  destination:
    description:
      - Name of the backup destination (see M(dokploy.dokploy.dokploy_destination)). Required to create one.
    type: str
  prefix:
    description:
      - Folder of the bucket the copies go to, for example V(web/uploads). Required to create one.
    type: str
  cron_expression:
    description:
      - When the copy runs, a cron expression of five fields (minute hour day-of-month month day-of-week), or six
        with seconds first; ranges, steps, lists and month and day names are allowed, and the shorthands
        V(@hourly), V(@daily), V(@weekly), V(@monthly), V(@yearly). Required to create one.
    type: str
  keep_latest:
    description:
      - How many copies to keep in the destination; older ones are deleted. Dokploy keeps all when it is not set.
    type: int
  turn_off:
    description:
      - Whether the service is stopped while its volume is copied (a consistent copy, at the price of downtime).
        Dokploy's default is V(false).
    type: bool
  enabled:
    description:
      - Whether the copy runs on its schedule.
    type: bool
  service_name:
    description:
      - For a compose stack, the service of the stack that O(turn_off) stops.
    type: str
  state:
    description:
      - V(present) creates or updates the volume backup, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.ATTRIBUTES
  - dokploy.dokploy.target
  - dokploy.dokploy.target.DATABASE
seealso:
  - module: dokploy.dokploy.dokploy_destination
  - module: dokploy.dokploy.dokploy_backup
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: Copy the uploads volume every night
  dokploy.dokploy.dokploy_volume_backup:
    project: shop
    application: web
    name: uploads
    volume_name: web-uploads
    destination: s3-backups
    prefix: shop/uploads
    cron_expression: "0 1 * * *"
    keep_latest: 14

- name: A consistent weekly copy of a Redis volume, stopping the database meanwhile
  dokploy.dokploy.dokploy_volume_backup:
    project: shop
    database: cache
    database_type: redis
    name: redis-data
    volume_name: redis-cache-data
    destination: s3-backups
    prefix: shop/redis
    cron_expression: "0 3 * * sun"
    turn_off: true

- name: Remove it
  dokploy.dokploy.dokploy_volume_backup:
    project: shop
    database: cache
    database_type: redis
    name: redis-data
    state: absent
"""

RETURN = r"""
volume_backup:
  description:
    - The volume backup as Dokploy returns it. Empty when it is absent. In check mode, the volume backup as it
      would be (C(volumeBackupId) is null before it exists).
  returned: always
  type: dict
  contains:
    volumeBackupId:
      description: ID of the volume backup.
      type: str
      sample: EOva07FGyNJ9q7OD2jOH4
    name:
      description: Name.
      type: str
      sample: uploads
    volumeName:
      description: The Docker volume copied.
      type: str
    prefix:
      description: Folder in the bucket.
      type: str
    cronExpression:
      description: The cron expression.
      type: str
    keepLatestCount:
      description: How many copies are kept; null keeps all.
      type: int
    turnOff:
      description: Whether the service is stopped during the copy.
      type: bool
    enabled:
      description: Whether the copy runs on its schedule.
      type: bool
    serviceType:
      description: Kind of the service (V(application), V(compose), V(postgres), ...).
      type: str
    destinationId:
      description: ID of the destination.
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._volume_backup import VolumeBackup


def main():
    run_resource(VolumeBackup)


if __name__ == "__main__":
    main()
