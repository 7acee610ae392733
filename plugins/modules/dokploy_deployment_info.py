#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_deployment_info
short_description: List the deployments of a Dokploy application or compose stack, with a deployment's log
version_added: 0.2.0
description:
  - Lists the deployments of one application or compose stack, newest first, as Dokploy keeps them
    (Dokploy keeps about the last ten per service).
  - With O(deployment_id), also returns the last O(log_lines) lines of that deployment's log.
  - Databases have no deployments in Dokploy (they deploy inside the API call). Read-only; it behaves the same in
    check mode.
  - Name the service with the target options, for example O(project) and O(application), or O(compose_id).
  - Or list the runs of a schedule (O(schedule_id)), a backup (O(backup_id)), a volume backup (O(volume_backup_id))
    or the setups of a server (O(server) or O(server_id)); Dokploy records each run as a deployment with its log, so
    "did last night's backup run?" is the C(status) of the newest one.
options:
  type:
    description:
      - B(Deprecated), will be removed in version 2.0.0; use O(application) or O(compose) (or their IDs) instead.
      - The kind of service O(name) or O(service_id) names. Default V(application).
    type: str
    choices: [application, compose]
  name:
    description:
      - B(Deprecated), will be removed in version 2.0.0; use O(application) or O(compose) instead.
      - Name of the service of kind O(type), looked up in O(environment) of O(project).
    type: str
  service_id:
    description:
      - B(Deprecated), will be removed in version 2.0.0; use O(application_id) or O(compose_id) instead.
      - ID of the service of kind O(type).
    type: str
  deployment_id:
    description:
      - ID of one deployment of the service whose log to return in RV(log).
      - The module fails when the service has no deployment with this ID.
    type: str
  log_lines:
    description:
      - How many of the last lines of the log of O(deployment_id) (and, with O(with_logs), of each deployment) to
        return.
      - V(0) returns an empty RV(log) without reading it; a negative number is refused.
    type: int
    default: 100
  with_logs:
    description:
      - Also read the last O(log_lines) lines of the log of every deployment listed, into its C(log) (one request
        each).
    type: bool
    default: false
    version_added: 0.3.0
  schedule_id:
    description:
      - ID of a schedule (as M(dokploy.dokploy.dokploy_schedule) returns it) whose runs to list, instead of a service.
    type: str
    version_added: 0.3.0
  backup_id:
    description:
      - ID of a backup (as M(dokploy.dokploy.dokploy_backup) returns it) whose runs to list, instead of a service.
    type: str
    version_added: 0.3.0
  volume_backup_id:
    description:
      - ID of a volume backup (as M(dokploy.dokploy.dokploy_volume_backup) returns it) whose runs to list, instead of
        a service.
    type: str
    version_added: 0.3.0
  server:
    description:
      - Name of a remote server whose deployments to list, instead of a service; its setups, and the deployments of
        the services it runs (Dokploy lists every deployment that names the server).
    type: str
    version_added: 0.3.0
  server_id:
    description:
      - ID of the remote server of O(server).
    type: str
    version_added: 0.3.0
notes:
  - O(log_lines) needs Dokploy v0.29.5 or newer (C(deployment.readLogs)); listing deployments works on every
    supported version.
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.target
  - dokploy.dokploy.dokploy.INFO_ATTRIBUTES
seealso:
  - module: dokploy.dokploy.dokploy_project_info
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: List the deployments of the web application
  dokploy.dokploy.dokploy_deployment_info:
    api_url: https://dokploy.example.com
    api_key: "{{ vault_dokploy_api_key }}"
    project: shop
    application: web
  register: web_deployments

- name: Show the status of the newest deployment
  ansible.builtin.debug:
    msg: "{{ web_deployments.deployments[0].status }}"
  when: web_deployments.deployments | length > 0

- name: Read the last 200 lines of the log of a deployment of a compose stack
  dokploy.dokploy.dokploy_deployment_info:
    compose_id: 7HGM-iruklT3dZxmnY1f7
    deployment_id: CAN0Bpgj_MQW0UMZS3JGy
    log_lines: 200
  register: stack_deploy

- name: Print it
  ansible.builtin.debug:
    msg: "{{ stack_deploy.log }}"

- name: Did last night's backup run?
  dokploy.dokploy.dokploy_deployment_info:
    backup_id: "{{ nightly_backup.backup.backupId }}"
    with_logs: true
    log_lines: 20
  register: backup_runs

- name: Fail unless its newest run is done
  ansible.builtin.assert:
    that: backup_runs.deployments[0].status == 'done'
    fail_msg: "{{ backup_runs.deployments[0].log | default('') }}"
"""

RETURN = r"""
deployments:
  description: The deployments of the service, newest first, as Dokploy returns them.
  returned: always
  type: list
  elements: dict
  contains:
    deploymentId:
      description: ID of the deployment.
      type: str
      sample: Wvgniwy8bplm-kQe3UxE7
    status:
      description: C(running), C(done), C(error) or C(cancelled).
      type: str
      sample: done
    title:
      description:
        - Title of the deployment. For Git sources Dokploy replaces it with the commit message when the deployment ends.
      type: str
      sample: Manual deployment
    description:
      description: Description of the deployment (for Git sources, the commit hash once it ends).
      type: str
    createdAt:
      description: When the deployment started (ISO 8601).
      type: str
      sample: "2026-11-29T09:46:58.069Z"
    startedAt:
      description: When the deployment started (ISO 8601).
      type: str
    finishedAt:
      description: When the deployment reached its final status (ISO 8601); null while it runs.
      type: str
    errorMessage:
      description: Error message; Dokploy v0.30.2 leaves it null even on error (read the log instead).
      type: str
    logPath:
      description: Path of the log file on the Dokploy server.
      type: str
    log:
      description: With O(with_logs), the last O(log_lines) lines of the deployment's log.
      type: str
      version_added: 0.3.0
service:
  description: The service (or schedule, backup, volume backup, server) whose deployments are listed.
  returned: always
  type: dict
  contains:
    type:
      description: V(application), V(compose), V(schedule), V(backup), V(volumeBackup) or V(server).
      type: str
      sample: application
    id:
      description: ID of the service (or of the schedule, backup, volume backup, server).
      type: str
    name:
      description: Name of the service or server; null for a schedule, backup or volume backup.
      type: str
    status:
      description: Status of the service (C(idle), C(running), C(done) or C(error)); null for the others.
      type: str
      sample: done
deployment:
  description: The deployment O(deployment_id); empty without O(deployment_id).
  returned: always
  type: dict
log:
  description: The last O(log_lines) lines of the log of O(deployment_id).
  returned: when O(deployment_id) is set
  type: str
  sample: "Initializing deployment\nError occurred ❌, check the logs for details."
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._deployment import DeploymentInfo


def main():
    run_resource(DeploymentInfo)


if __name__ == "__main__":
    main()
