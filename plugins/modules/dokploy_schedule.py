#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_schedule
short_description: Manage scheduled jobs of Dokploy applications, compose services, servers and the Dokploy host
version_added: 0.2.0
description:
  - Create, update and delete Dokploy's scheduled jobs (cron jobs).
  - A schedule belongs to an application or a compose service (the target options; it runs O(command) in the
    service's container), to a remote server (O(server)) or to the Dokploy host (O(dokploy_host=true)); these two
    run O(script) on the machine.
  - A schedule is identified by O(name) on its owner. Dokploy does not keep names unique; when two schedules of the
    owner share O(name), the module fails and lists their IDs.
  - Dokploy stores any cron expression and silently never runs a job whose expression it cannot read; the module
    checks O(cron_expression) before any request.
options:
  server:
    description:
      - Name (or ID) of the remote server whose schedule this is. Instead of the target options.
    type: str
  dokploy_host:
    description:
      - V(true) for a schedule of the Dokploy host itself. Instead of the target options.
    type: bool
  name:
    description:
      - Name of the schedule, unique on its owner.
    type: str
    required: true
  description:
    description:
      - Description of the schedule.
    type: str
  cron_expression:
    description:
      - When the job runs, a cron expression of five fields (minute hour day-of-month month day-of-week), or six with
        seconds first; ranges, steps, lists and month and day names (V(jan), V(mon)) are allowed, and the shorthands
        V(@hourly), V(@daily), V(@weekly), V(@monthly), V(@yearly). Required to create one.
    type: str
  timezone:
    description:
      - IANA time zone the cron expression is read in, for example V(Europe/Berlin). Dokploy's default is V(UTC).
      - Needs Dokploy v0.26.0 or newer; on an older server the module fails naming the version before any change.
    type: str
  command:
    description:
      - For an application or compose schedule, the command run in the service's container. Required to create one.
    type: str
  script:
    description:
      - For a O(server) or O(dokploy_host) schedule, the shell script run on the machine. Required to create one.
    type: str
  shell_type:
    description:
      - Shell the command or script runs in. Dokploy's default is V(bash).
    type: str
    choices: [bash, sh]
  service_name:
    description:
      - For a compose schedule, the service of the stack whose container runs O(command). Required to create one.
    type: str
  enabled:
    description:
      - Whether the job runs. Dokploy's default is V(true).
    type: bool
  state:
    description:
      - V(present) creates or updates the schedule, V(absent) deletes it.
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
- name: Clear the application's cache every night
  dokploy.dokploy.dokploy_schedule:
    project: shop
    application: web
    name: clear-cache
    cron_expression: "0 3 * * *"
    command: php artisan cache:clear

- name: A weekly job in the worker service of a compose stack, Berlin time
  dokploy.dokploy.dokploy_schedule:
    project: shop
    compose: stack
    service_name: worker
    name: weekly-report
    cron_expression: "30 6 * * mon"
    timezone: Europe/Berlin
    command: ./bin/report --week

- name: Prune Docker images on a remote server
  dokploy.dokploy.dokploy_schedule:
    server: build-1
    name: prune
    cron_expression: "@daily"
    script: docker image prune -af

- name: A job of the Dokploy host, paused
  dokploy.dokploy.dokploy_schedule:
    dokploy_host: true
    name: disk-report
    cron_expression: "0 */6 * * *"
    script: df -h > /tmp/disk.txt
    enabled: false

- name: Remove it
  dokploy.dokploy.dokploy_schedule:
    dokploy_host: true
    name: disk-report
    state: absent
"""

RETURN = r"""
schedule:
  description:
    - The schedule as Dokploy returns it. Empty when it is absent. In check mode, the schedule as it would be
      (C(scheduleId) is null before it exists).
  returned: always
  type: dict
  contains:
    scheduleId:
      description: ID of the schedule.
      type: str
      sample: 2b6O1tV3lQ2k9sRrVbW0x
    name:
      description: Name.
      type: str
      sample: clear-cache
    cronExpression:
      description: The cron expression.
      type: str
      sample: "0 3 * * *"
    scheduleType:
      description: V(application), V(compose), V(server) or V(dokploy-server) (the Dokploy host).
      type: str
    command:
      description: Command run in the container (application and compose schedules).
      type: str
    script:
      description: Script run on the machine (server and host schedules).
      type: str
    shellType:
      description: V(bash) or V(sh).
      type: str
    enabled:
      description: Whether the job runs.
      type: bool
    timezone:
      description: Time zone of the cron expression; null means UTC.
      type: str
    appName:
      description: Name Dokploy generated for the job.
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._schedule import Schedule


def main():
    run_resource(Schedule)


if __name__ == "__main__":
    main()
