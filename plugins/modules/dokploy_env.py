#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_env
short_description: Manage single environment variables of Dokploy projects, environments and services
version_added: 0.2.0
description:
  - Set or remove individual environment variables without touching the others.
  - Dokploy stores the variables of a project, an environment or a service as one dotenv string. This module
    edits that string key by key. Variables that are not mentioned, comment lines, blank lines and the order
    of the lines stay exactly as they were.
  - "The target is chosen by the options given: only O(project) (or O(project_id)): the project's shared variables
    (used as C(${{project.KEY}})); O(project) and O(environment) (or O(environment_id)) without a service: the
    environment's shared variables (C(${{environment.KEY}})); O(application), O(compose) or O(database) (each
    with O(project), and O(environment) defaulting to V(production)), or O(application_id), O(compose_id) or
    O(database_id): the variables of that service."
  - Values are secrets. Results and diffs name the keys that were added, changed or removed, never their values.
  - "Do not also set O(env) as a dict on the service's own module (M(dokploy.dokploy.dokploy_application),
    M(dokploy.dokploy.dokploy_compose), M(dokploy.dokploy.dokploy_database)) unless that task has C(env_mode: merge):
    by default it replaces every variable, so the two tasks undo each other on every run."
options:
  project:
    description:
      - Name of the project.
    type: str
  project_id:
    description:
      - ID of the project.
    type: str
  environment:
    description:
      - Name of the environment of the project. For a service, V(production) when not given.
    type: str
  environment_id:
    description:
      - ID of the environment.
    type: str
  application:
    description:
      - Name of the application whose variables are managed.
    type: str
  application_id:
    description:
      - ID of the application whose variables are managed.
    type: str
  compose:
    description:
      - Name of the compose stack whose variables are managed.
    type: str
  compose_id:
    description:
      - ID of the compose stack whose variables are managed.
    type: str
  database:
    description:
      - Name of the database whose variables are managed; requires O(database_type).
    type: str
  database_id:
    description:
      - ID of the database whose variables are managed; requires O(database_type).
    type: str
  database_type:
    description:
      - Kind of O(database) or O(database_id).
    type: str
    choices: [postgres, mysql, mariadb, mongo, redis, libsql]
  env:
    description:
      - 'The variables, as a dict, for example V({"LOG_LEVEL": "info", "FEATURE_X": "on"}).'
      - Values are written as dotenv reads them back, quoted when needed (spaces, C(#), quotes, line breaks).
        A variable is unchanged only when its line is exactly the one the module would write.
      - 'With O(state=absent), only the keys matter (for example V({"OLD_KEY": null})); a list of keys works too
        (for O(build_secrets), which is C(no_log), Ansible then hides the key names in the output).'
      - Values are never printed, not even in the task's invocation (shown from C(-vvv) on), which shows the keys only.
        A value of 8 characters or more is also masked wherever else it appears in the output; a shorter one is not,
        so that a value such as V(2) does not turn every C(2) of the output (in IDs, names and dates) into C(********).
      - "Keys: a letter or underscore, then letters, digits, C(_), C(.) or C(-)."
    type: raw
  build_args:
    description:
      - Applications only. Build arguments, managed like O(env).
    type: raw
  build_secrets:
    description:
      - Applications only. Build secrets, managed like O(env).
    type: raw
  state:
    description:
      - V(present) sets the given variables; V(absent) removes them.
    type: str
    choices: [present, absent]
    default: present
  exclusive:
    description:
      - With O(state=present), remove every variable that is not given (in each of O(env), O(build_args) and
        O(build_secrets) that is set). Comment lines stay.
    type: bool
    default: false
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.ATTRIBUTES
seealso:
  - module: dokploy.dokploy.dokploy_application
  - module: dokploy.dokploy.dokploy_project
  - module: dokploy.dokploy.dokploy_environment
notes:
  - Of the application variables, those not managed by the task (O(env), O(build_args), O(build_secrets)) are sent
    back unchanged, because Dokploy's C(application.saveEnvironment) needs all three.
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: Set two variables of the web application, keep the rest
  dokploy.dokploy.dokploy_env:
    api_url: https://dokploy.example.com
    api_key: "{{ vault_dokploy_api_key }}"
    project: shop
    application: web
    env:
      LOG_LEVEL: info
      DATABASE_URL: "postgres://shop:{{ vault_db_password }}@db:5432/shop"

- name: Set the connection once for every Dokploy task of the play
  module_defaults:
    group/dokploy.dokploy.dokploy:
      api_url: https://dokploy.example.com
      api_key: "{{ vault_dokploy_api_key }}"
  block:
    - name: A project-wide variable, used by services as ${{project.SENTRY_DSN}}
      dokploy.dokploy.dokploy_env:
        project: shop
        env:
          SENTRY_DSN: "{{ vault_sentry_dsn }}"

    - name: Shared variables of the staging environment, exactly these
      dokploy.dokploy.dokploy_env:
        project: shop
        environment: staging
        env:
          STAGE: staging
        exclusive: true

    - name: Remove a build secret of an application
      dokploy.dokploy.dokploy_env:
        project: shop
        application: web
        build_secrets: [OLD_NPM_TOKEN]
        state: absent

    - name: Tune a postgres database
      dokploy.dokploy.dokploy_env:
        project: shop
        database: db
        database_type: postgres
        env:
          TZ: UTC
"""

RETURN = r"""
target:
  description:
    - What holds the variables, and the names of the variables it has afterwards (never the values).
  returned: always
  type: dict
  contains:
    type:
      description: V(project), V(environment), V(application), V(compose) or the database type.
      type: str
      sample: application
    id:
      description: ID of the target.
      type: str
      sample: mbfznUa2NxhtN-2eISFF7
    name:
      description: Name of the target.
      type: str
      sample: web
    names:
      description: For each managed field (C(env), C(buildArgs), C(buildSecrets)), the variable names it holds.
      type: dict
      sample: {"env": ["LOG_LEVEL", "DATABASE_URL"]}
changes:
  description: For each managed field, the keys that were (or in check mode would be) added, changed and removed.
  returned: always
  type: dict
  sample: {"env": {"added": ["LOG_LEVEL"], "changed": [], "removed": []}}
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._env import EnvTarget


def main():
    run_resource(EnvTarget)


if __name__ == "__main__":
    main()
