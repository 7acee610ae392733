#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_environment
short_description: Manage environments of Dokploy projects
version_added: 0.1.0
description:
  - Create, update and delete environments (for example V(staging)) inside a Dokploy project.
  - Every project has a default environment, V(production), which Dokploy creates with the project.
    It cannot be deleted or renamed; only its description can change.
  - Dokploy does not keep environment names unique within a project. When two share O(name), the module
    fails and lists their IDs; O(environment_id) then selects one.
  - The environment's shared variables are managed by M(dokploy.dokploy.dokploy_env).
options:
  project:
    description:
      - Name of the project the environment belongs to.
      - Required unless O(project_id) or O(environment_id) is given.
    type: str
  project_id:
    description:
      - ID of the project; selects it directly instead of by O(project).
    type: str
  name:
    description:
      - Name of the environment. V(production) names the default environment.
      - With O(environment_id), the environment is renamed to O(name).
    type: str
  environment_id:
    description:
      - ID of the environment; selects it directly instead of by O(name).
    type: str
  description:
    description:
      - Description of the environment. V("") clears it.
    type: str
  state:
    description:
      - V(present) creates or updates the environment; V(absent) deletes it.
      - Dokploy refuses to delete an environment that still holds services, and the default environment.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.ATTRIBUTES
seealso:
  - module: dokploy.dokploy.dokploy_project
  - module: dokploy.dokploy.dokploy_env
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: Add a staging environment to the shop project
  dokploy.dokploy.dokploy_environment:
    api_url: https://dokploy.example.com
    api_key: "{{ vault_dokploy_api_key }}"
    project: shop
    name: staging
    description: Pre-release checks

- name: Describe the default environment
  dokploy.dokploy.dokploy_environment:
    project: shop
    name: production
    description: Live shop

- name: Remove the staging environment (it must hold no services)
  dokploy.dokploy.dokploy_environment:
    project: shop
    name: staging
    state: absent
"""

RETURN = r"""
environment:
  description:
    - The environment as Dokploy returns it. Secret values (C(env)) are masked.
    - Empty when the environment is absent. In check mode, the environment as it would be.
  returned: always
  type: dict
  contains:
    environmentId:
      description: ID of the environment.
      type: str
      sample: d0Yq2VGEcHq1dRbUuQqXc
    projectId:
      description: ID of the project.
      type: str
      sample: Yz-DvSmSXRgSU55j2ftPs
    name:
      description: Name of the environment.
      type: str
      sample: staging
    description:
      description: Description of the environment.
      type: str
      sample: Pre-release checks
    isDefault:
      description: Whether this is the project's default environment (V(production)).
      type: bool
      sample: false
"""

from ansible_collections.dokploy.dokploy.plugins.module_utils.client import DokployError
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookup import describe_services, services_of
from ansible_collections.dokploy.dokploy.plugins.module_utils.module import DokployModule
from ansible_collections.dokploy.dokploy.plugins.module_utils.resource import Resource, Update


class Environment(Resource):
    kind = "environment"
    id_field = "environmentId"
    create_procedure = "environment.create"
    delete_procedure = "environment.remove"
    updates = (Update("environment.update", ["name", "description"]),)

    def desired(self):
        params = self.module.params
        return dict((field, params[field]) for field in ("name", "description") if params[field] is not None)

    def find(self):
        params = self.module.params
        self.project = None
        if params["environment_id"] and not (params["project"] or params["project_id"]):
            located = [(p, e) for p in self.resolver.projects() for e in p.get("environments") or []
                       if e.get("environmentId") == params["environment_id"]]
            if not located:
                if params["state"] == "absent":
                    return None
                raise DokployError("No environment has ID '%s'" % params["environment_id"])
            self.project, summary = located[0]
        else:
            # An environment of a project that does not exist is absent too.
            self.project = self.resolver.project(name=params["project"], project_id=params["project_id"],
                                                 required=params["state"] == "present")
            if self.project is None:
                return None
            summary = self.resolver.environment(self.project, name=params["name"], environment_id=params["environment_id"],
                                                required=bool(params["environment_id"]) and params["state"] == "present")
        if summary is None:
            return None
        current = dict(summary, projectId=self.project["projectId"])
        if "description" in self.desired() and "description" not in summary:
            # project.all leaves the description out; read it only when there is one to compare.
            current.update(self.resolver.environment_detail(summary["environmentId"]))
        return current

    def create_payload(self, desired):
        payload = dict(desired, projectId=self.project["projectId"])
        if payload.get("description") is None:
            payload.pop("description", None)
        return payload

    def compare(self, current, desired):
        changes = super(Environment, self).compare(current, desired)
        if current.get("isDefault") and "name" in changes:
            raise DokployError("The default environment '%s' of project '%s' cannot be renamed; Dokploy refuses it"
                               % (current["name"], self.project["name"]))
        return changes

    def check_delete(self, current):
        if current.get("isDefault"):
            raise DokployError("The default environment '%s' of project '%s' cannot be deleted; delete the project instead"
                               % (current["name"], self.project["name"]))
        services = services_of([current])
        if services:
            raise DokployError("Environment '%s' of project '%s' still holds %d service(s): %s. Delete them first"
                               % (current["name"], self.project["name"], len(services),
                                  describe_services(self.client, self.project["projectId"], services)))


def main():
    module = DokployModule(
        argument_spec=dict(
            project=dict(type="str"),
            project_id=dict(type="str"),
            name=dict(type="str"),
            environment_id=dict(type="str"),
            description=dict(type="str"),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        ),
        required_one_of=[("name", "environment_id"), ("project", "project_id", "environment_id")],
        mutually_exclusive=[("project", "project_id")],
    )
    if module.params["name"] is not None and not module.params["name"].strip():
        module.fail_json(msg="name must not be empty")
    module.run(Environment(module).run)


if __name__ == "__main__":
    main()
