#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_env
short_description: Manage single environment variables of Dokploy projects, environments and services
version_added: 0.1.0
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
    choices: [postgres, mysql, mariadb, mongo, redis]
  env:
    description:
      - 'The variables, as a dict, for example V({"LOG_LEVEL": "info", "FEATURE_X": "on"}).'
      - Values are written as dotenv reads them back, quoted when needed (spaces, C(#), quotes, line breaks).
        A variable is unchanged only when its line is exactly the one the module would write.
      - 'With O(state=absent), only the keys matter (for example V({"OLD_KEY": null})). A list of keys works too,
        but Ansible then hides the key names in the output, as it does with every element of a C(no_log) list.'
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
"""

from ansible_collections.dokploy.dokploy.plugins.module_utils import dotenv
from ansible_collections.dokploy.dokploy.plugins.module_utils.client import DokployError, DokployNotFoundError
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookup import DATABASE_TYPES
from ansible_collections.dokploy.dokploy.plugins.module_utils.module import DokployModule
from ansible_collections.dokploy.dokploy.plugins.module_utils.resource import Resource, Update
from ansible_collections.dokploy.dokploy.plugins.module_utils.secrets import MASK

FIELDS = (("env", "env"), ("build_args", "buildArgs"), ("build_secrets", "buildSecrets"))
_MISSING = object()


class EnvTarget(Resource):
    kind = "target"

    def __init__(self, module):
        super(EnvTarget, self).__init__(module)
        self._current = _MISSING
        self._desired = None
        self.target_type = None
        self.key_changes = {}

    # -- the target ---------------------------------------------------------------------------

    def target_kind(self):
        params = self.module.params
        for kind in ("application", "compose"):
            if params[kind] or params[kind + "_id"]:
                return kind
        if params["database"] or params["database_id"]:
            return params["database_type"]
        if params["environment"] or params["environment_id"]:
            return "environment"
        return "project"

    def _read(self, kind, object_id):
        procedure, id_field = {
            "environment": ("environment.one", "environmentId"),
            "application": ("application.one", "applicationId"),
            "compose": ("compose.one", "composeId"),
        }.get(kind, ("%s.one" % kind, "%sId" % kind))
        try:
            return self.client.get(procedure, {id_field: object_id})
        except DokployNotFoundError:
            if self.module.params["state"] == "present":
                raise DokployError("No %s has ID '%s'" % (kind, object_id))
            return None

    def find(self):
        if self._current is not _MISSING:
            return self._current
        params = self.module.params
        kind = self.target_kind()
        self.target_type = kind
        present = params["state"] == "present"
        self.id_field = "projectId" if kind == "project" else "environmentId" if kind == "environment" else "%sId" % kind
        self.updates = self._updates(kind)
        current = None
        service_id = params.get("%s_id" % kind) if kind in ("application", "compose") else params["database_id"]
        if kind == "project":
            current = self.resolver.project(name=params["project"], project_id=params["project_id"], required=present)
        elif kind == "environment" and params["environment_id"]:
            current = self._read("environment", params["environment_id"])
        elif kind not in ("project", "environment") and service_id:
            current = self._read(kind, service_id)
        else:
            environment = None
            if params["environment_id"] and not (params["project"] or params["project_id"]):
                project, environment = self.resolver.locate_environment(environment_id=params["environment_id"])
            else:
                project = self.resolver.project(name=params["project"], project_id=params["project_id"], required=present)
            if project is not None and environment is None:
                environment = self.resolver.environment(project, name=params["environment"],
                                                        environment_id=params["environment_id"], required=present)
            if environment is not None and kind == "environment":
                current = self._read("environment", environment["environmentId"])
            elif environment is not None:
                name = params[kind] if kind in ("application", "compose") else params["database"]
                summary = self.resolver.service(kind, environment, name, project.get("name"))
                if summary is None and present:
                    raise DokployError("Environment '%s' of project '%s' has no %s named '%s'"
                                       % (environment.get("name"), project.get("name"), kind, name))
                if summary is not None:
                    current = self._read(kind, summary[self.id_field])
        self._current = current
        return current

    def _updates(self, kind):
        if kind == "project":
            return (Update("project.update", ["env"]),)
        if kind == "environment":
            return (Update("environment.update", ["env"]),)
        if kind == "application":
            return (Update("application.saveEnvironment", ["env", "buildArgs", "buildSecrets"],
                           keep=("env", "buildArgs", "buildSecrets", "createEnvFile")),)
        return (Update("%s.saveEnvironment" % kind, ["env"]),)

    # -- desired state ------------------------------------------------------------------------

    def desired(self):
        if self._desired is not None:
            return self._desired
        params = self.module.params
        current = self.find() or {}
        wanted = {}
        for option, field in FIELDS:
            if params[option] is None:
                continue
            new, changes = dotenv.edit(current.get(field) or "", params[option], state=params["state"],
                                       exclusive=params["exclusive"])
            self.key_changes[field] = changes
            wanted[field] = new if dotenv.has_changes(changes) else current.get(field)
        self._desired = wanted
        return wanted

    # -- engine hooks -------------------------------------------------------------------------

    def run(self):
        if self.find() is None:  # state=absent on a target that does not exist: nothing to remove
            return self.result(False, None, None, {})
        return self.ensure_present()

    def result(self, changed, before, after, changes):
        result = super(EnvTarget, self).result(changed, before, after, changes)
        result["changes"] = dict((field, self.key_changes[field]) for field in sorted(self.key_changes))
        return result

    def result_object(self, obj):
        if not obj:
            return {}
        fields = [field for option, field in FIELDS if field in obj]
        return {
            "type": self.target_type,
            "id": obj.get(self.id_field),
            "name": obj.get("name"),
            "names": dict((field, dotenv.keys(obj.get(field) or "")) for field in fields),
        }

    def diff(self, before, after, changes):
        shown_before, shown_after = {}, {}
        for field, keys in sorted(self.key_changes.items()):
            if not dotenv.has_changes(keys):
                continue
            shown_before[field] = dict((k, MASK) for k in keys["changed"] + keys["removed"])
            shown_after[field] = dict([(k, MASK) for k in keys["added"]] + [(k, MASK + " (changed)") for k in keys["changed"]])
        return {"before": shown_before, "after": shown_after}


def main():
    module = DokployModule(
        argument_spec=dict(
            project=dict(type="str"),
            project_id=dict(type="str"),
            environment=dict(type="str"),
            environment_id=dict(type="str"),
            application=dict(type="str"),
            application_id=dict(type="str"),
            compose=dict(type="str"),
            compose_id=dict(type="str"),
            database=dict(type="str"),
            database_id=dict(type="str"),
            database_type=dict(type="str", choices=list(DATABASE_TYPES)),
            env=dict(type="raw", no_log=True),
            build_args=dict(type="raw", no_log=True),
            build_secrets=dict(type="raw", no_log=True),
            state=dict(type="str", choices=["present", "absent"], default="present"),
            exclusive=dict(type="bool", default=False),
        ),
        required_one_of=[("project", "project_id", "environment_id", "application_id", "compose_id", "database_id"),
                         ("env", "build_args", "build_secrets")],
        mutually_exclusive=[("project", "project_id"), ("environment", "environment_id"),
                            ("application", "application_id", "compose", "compose_id", "database", "database_id")],
        required_by={"database": "database_type", "database_id": "database_type"},
    )
    check_params(module)
    if module.params["application"] or module.params["compose"] or module.params["database"]:
        if module.params["environment"] is None and module.params["environment_id"] is None:
            module.params["environment"] = "production"
    module.run(EnvTarget(module).run)


def check_params(module):
    """Everything that can be wrong with the options, found before any request."""
    params = module.params
    service = params["application"] or params["compose"] or params["database"]
    if service and not (params["project"] or params["project_id"] or params["environment_id"]):
        module.fail_json(msg="a service named by application, compose or database needs project (or project_id)")
    if (params["build_args"] is not None or params["build_secrets"] is not None) and \
            not (params["application"] or params["application_id"]):
        module.fail_json(msg="build_args and build_secrets exist only on applications (application or application_id)")
    if params["exclusive"] and params["state"] != "present":
        module.fail_json(msg="exclusive applies to state=present only")
    if params["database_type"] and not (params["database"] or params["database_id"]):
        module.fail_json(msg="database_type needs database or database_id")
    for option, field in FIELDS:
        value = params[option]
        if value is None:
            continue
        if isinstance(value, list) and params["state"] == "absent":
            value = dict((k, None) for k in value)
            params[option] = value
        if not isinstance(value, dict):
            hint = " (or a list of keys with state=absent)" if params["state"] == "absent" else ""
            module.fail_json(msg="%s must be a dict of variables%s" % (option, hint))
        try:
            dotenv.validate_keys(list(value))
            if params["state"] == "present":
                dotenv.render(value)
        except dotenv.DotenvError as error:
            module.fail_json(msg="%s: %s" % (option, error))


if __name__ == "__main__":
    main()
