#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_stack
short_description: Converge a whole Dokploy project from one declaration
version_added: 0.2.0
description:
  - Creates and updates a project, its environments, their shared variables, and every application, database
    and compose service in them with their domains, mounts, ports, redirects, basic-auth users, schedules,
    backups and file patches, all from one declaration, in one task.
  - 'The keys of a service are exactly the options of its own module: an application takes the options of
    M(dokploy.dokploy.dokploy_application), a database those of M(dokploy.dokploy.dokploy_database) (with O(ignore:type)),
    a compose service those of M(dokploy.dokploy.dokploy_compose). The options that say where a service is
    (C(project), C(environment), C(name)) come from where it stands in the declaration.'
  - 'A service also takes lists of its children, each item with the options of the child module without its
    target options: C(domains) (M(dokploy.dokploy.dokploy_domain)), C(mounts) (M(dokploy.dokploy.dokploy_mount)),
    C(ports) (M(dokploy.dokploy.dokploy_port)), C(redirects) (M(dokploy.dokploy.dokploy_redirect)), C(basic_auth)
    (M(dokploy.dokploy.dokploy_basic_auth)), C(schedules) (M(dokploy.dokploy.dokploy_schedule)), C(backups)
    (M(dokploy.dokploy.dokploy_backup)), C(volume_backups) (M(dokploy.dokploy.dokploy_volume_backup)) and
    C(patches) (M(dokploy.dokploy.dokploy_patch), applications and compose services, Dokploy v0.28.0 or newer), where
    that module allows the kind of service. The options that name the service (C(project), C(application), ...) come from
    where the list stands.'
  - 'Everything is validated before the first request, with the messages of the single modules prefixed by
    where the value stands, for example C(environments.production.applications.web: replicas must be 0 or more).'
  - 'Order: the project, the environments, the shared variables, the databases, the applications and compose
    services, their children, then the lifecycle states (C(deployed), C(started), C(stopped), C(restarted)),
    then with O(prune) what is not declared. A failure stops there: the result says what was done
    (C(actions)) and where it failed (C(failed_at)); running again converges.'
  - 'Reads are shared: the projects are listed once, each environment is read once, and the services are read
    concurrently on a small pool. A run that changes nothing sends one request for the projects, one per
    environment, one per service, and for each declared schedule and volume backup the list it is found in (Dokploy
    does not nest those in the service; a volume backup also reads the backup destinations), and for a service that
    declares patches the list of its patches. Writes are sequential and a write
    whose answer was lost is never sent again.'
  - Check mode shows the whole plan (on an empty server, everything is created) without any request that writes;
    with C(--diff) the result has one entry per changed resource, with only the fields that differ and secrets masked.
  - M(dokploy.dokploy.dokploy_stack_info) exports a live project in this format.
options:
  project:
    description:
      - Name of the project.
    type: str
    required: true
  description:
    description:
      - Description of the project.
    type: str
  env:
    description:
      - 'The project''s shared variables, as a dict (C(TZ: Europe/Berlin)) or a dotenv string. They replace every
        variable of the project (the keys not listed are removed). Services refer to them as C(${{project.TZ}}).'
      - Left out, the project's variables are not managed.
    type: raw
  environments:
    description:
      - 'The environments of the project: a dict of environment names to their declarations. V(production) is the
        project''s default environment; the others are created.'
      - 'An environment takes C(description); C(env) (its shared variables, a dict or a dotenv string, replacing every
        variable of the environment); C(applications), C(databases) and C(compose), each a dict of service names to
        the options of the service''s module, plus the lists of its children.'
      - An environment left out is not managed (with O(prune=true), it is deleted with everything in it).
    type: dict
    default: {}
  prune:
    description:
      - >-
        Delete what the project holds that the declaration does not list, after everything else converged.
        Services of every environment and environments that are not declared are deleted (the default environment
        is only emptied). Children are pruned only in the sections a service declares (a service without
        C(domains) keeps its domains; C(domains: []) deletes them all). Nothing outside the project is touched.
      - Check mode lists what would be deleted first.
    type: bool
    default: false
  state:
    description:
      - V(present) converges the project to the declaration.
      - V(absent) deletes the project with everything in it, as M(dokploy.dokploy.dokploy_project) with
        O(dokploy.dokploy.dokploy_project#module:force=true) does; O(environments) is not read.
    type: str
    choices: [present, absent]
    default: present
notes:
  - "The first example under EXAMPLES is the declaration format in full: every section and every kind of child."
  - Secrets (passwords, env values) are never printed. The task's invocation (shown from C(-vvv) on) shows the
    declaration with the values of every C(env) and C(build_args) masked and the C(no_log) options of the modules
    (passwords, build secrets) hidden. Env values of 8 characters or more are also masked wherever else they appear;
    shorter ones are not, so that a value such as V(2) does not mask every C(2) of the output.
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.ATTRIBUTES
seealso:
  - module: dokploy.dokploy.dokploy_stack_info
  - module: dokploy.dokploy.dokploy_project
  - module: dokploy.dokploy.dokploy_application
  - module: dokploy.dokploy.dokploy_database
  - module: dokploy.dokploy.dokploy_compose
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: The shop, as code
  dokploy.dokploy.dokploy_stack:
    api_url: https://dokploy.example.com
    api_key: "{{ vault_dokploy_api_key }}"
    project: shop
    description: Online shop
    env:
      TZ: Europe/Berlin
    environments:
      production:
        env:
          REGION: eu
        applications:
          web:
            docker_image: nginx:1.27
            replicas: 2
            env:
              LOG_LEVEL: info
            domains:
              - host: shop.example.com
                port: 80
                https: true
                certificate_type: letsencrypt
            mounts:
              - mount_path: /usr/share/nginx/html/uploads
                type: volume
                volume_name: shop-uploads
            ports:
              - published_port: 8443
                target_port: 443
            redirects:
              - regex: "^https://www\\.shop\\.example\\.com/(.*)"
                replacement: "https://shop.example.com/${1}"
                permanent: true
            basic_auth:
              - username: preview
                password: "{{ vault_preview_password }}"
            schedules:
              - name: purge-cache
                cron_expression: "0 3 * * *"
                command: rm -rf /var/cache/nginx/*
            state: deployed
        databases:
          pg:
            type: postgres
            database_name: shop
            database_user: shop
            database_password: "{{ vault_pg_password }}"
            backups:
              - destination: s3-backups
                cron_expression: "0 2 * * *"
                database_name: shop
                keep_latest: 7
        compose:
          queue:
            compose_file: "{{ lookup('ansible.builtin.file', 'queue/docker-compose.yml') }}"
            domains:
              - host: q.example.com
                service_name: web
                port: 8080
      staging:
        description: Before production
        applications:
          web:
            docker_image: nginx:1.27
    prune: false
    state: present
  register: shop

- name: Use the IDs of the services in later tasks
  ansible.builtin.debug:
    msg: "web is {{ shop.services.production.applications.web }}"

- name: Preview what a changed declaration would do, deletions included
  dokploy.dokploy.dokploy_stack:
    project: shop
    environments: "{{ shop_environments }}"
    prune: true
  check_mode: true
  diff: true
  register: plan

- name: List the planned deletions
  ansible.builtin.debug:
    msg: "{{ plan.actions | selectattr('action', 'equalto', 'delete') | map(attribute='where') }}"

- name: Apply a declaration exported by dokploy_stack_info and kept in Git (the stack role reads the file)
  ansible.builtin.include_role:
    name: dokploy.dokploy.stack
  vars:
    dokploy_stack_file: stacks/shop.yml

- name: Delete the project with everything in it
  dokploy.dokploy.dokploy_stack:
    project: shop
    state: absent
"""

RETURN = r"""
actions:
  description:
    - What was done (in check mode, what would be done), in order. Empty when nothing changed.
  returned: always
  type: list
  elements: dict
  contains:
    action:
      description: V(create), V(update), V(delete), or a lifecycle action (V(deploy), V(start), V(stop), V(restart)).
      type: str
      sample: create
    kind:
      description: >-
        V(project), V(environment), V(env), V(application), V(database), V(compose), V(domain), V(mount),
        V(port), V(redirect), V(basic_auth), V(schedule), V(backup) or V(volume_backup).
      type: str
      sample: application
    name:
      description: Name of the project, environment or service (for a child, of its service).
      type: str
      sample: web
    environment:
      description: Name of its environment; null for the project.
      type: str
      sample: production
    where:
      description: Where it stands in the declaration.
      type: str
      sample: environments.production.applications.web
services:
  description:
    - The IDs of the declared services, by environment, section and name (null in check mode for a service that
      does not exist yet).
  returned: when O(state=present)
  type: dict
  sample: {"production": {"applications": {"web": "H1KhHo9C-GAopJ3cdQud_"}, "databases": {"pg": "WBM6r_jtJIX1-2k4dgMOh"}}}
diff:
  description:
    - With C(--diff), one entry per changed resource (C(before_header) and C(after_header) say where it stands),
      holding only the fields that differ (for a create or delete, the ID, the name and the fields set). Secrets are
      masked.
  returned: in diff mode
  type: list
  elements: dict
failed_at:
  description: When the task fails while converging, where in the declaration it failed; C(actions) holds what was done.
  returned: on failure
  type: str
  sample: environments.production.applications.web.domains[0]
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.project._stack import Stack


def main():
    run_resource(Stack)


if __name__ == "__main__":
    main()
