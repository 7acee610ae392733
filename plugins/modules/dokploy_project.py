#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_project
short_description: Manage Dokploy projects
version_added: 0.1.0
description:
  - Create, update and delete projects on a Dokploy server.
  - A new project comes with its default environment V(production).
  - Dokploy does not keep project names unique. When two projects share O(name), the module fails and
    lists their IDs; O(project_id) then selects one.
options:
  name:
    description:
      - Name of the project.
      - With O(project_id), the project is renamed to O(name).
    type: str
  project_id:
    description:
      - ID of the project; selects it directly instead of by O(name).
    type: str
  description:
    description:
      - Description of the project. V("") clears it.
    type: str
  state:
    description:
      - V(present) creates or updates the project; V(absent) deletes it.
      - Dokploy's C(project.remove) deletes only database rows and leaves the containers of the project's
        services running. So V(absent) on a project that still holds services fails and names them,
        unless O(force=true).
    type: str
    choices: [present, absent]
    default: present
  force:
    description:
      - With O(state=absent), first delete every service of the project through its own delete call
        (so that Dokploy also removes its containers), then the environments, then the project.
      - Compose stacks are deleted without their volumes.
    type: bool
    default: false
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.ATTRIBUTES
seealso:
  - module: dokploy.dokploy.dokploy_environment
  - module: dokploy.dokploy.dokploy_project_info
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: Make sure the shop project exists
  dokploy.dokploy.dokploy_project:
    api_url: https://dokploy.example.com
    api_key: "{{ vault_dokploy_api_key }}"
    name: shop
    description: Online shop

- name: Set the connection once for every Dokploy task of the play
  module_defaults:
    group/dokploy.dokploy.dokploy:
      api_url: https://dokploy.example.com
      api_key: "{{ vault_dokploy_api_key }}"
  block:
    - name: Rename a project chosen by ID
      dokploy.dokploy.dokploy_project:
        project_id: Yz-DvSmSXRgSU55j2ftPs
        name: webshop

    - name: Delete a project and every service in it
      dokploy.dokploy.dokploy_project:
        name: old-shop
        state: absent
        force: true
"""

RETURN = r"""
project:
  description:
    - The project as Dokploy returns it, with its environments. Secret values (C(env)) are masked.
    - Empty when the project is absent. In check mode, the project as it would be (C(projectId) is null before it exists).
  returned: always
  type: dict
  contains:
    projectId:
      description: ID of the project.
      type: str
      sample: Yz-DvSmSXRgSU55j2ftPs
    name:
      description: Name of the project.
      type: str
      sample: shop
    description:
      description: Description of the project.
      type: str
      sample: Online shop
    createdAt:
      description: Creation time (ISO 8601).
      type: str
      sample: "2026-11-29T10:00:00.000Z"
    organizationId:
      description: ID of the organization the project belongs to.
      type: str
    env:
      description: The project's shared variables, masked.
      type: str
    environments:
      description: The project's environments, each with its service summaries.
      type: list
      elements: dict
      sample: [{"environmentId": "d0Yq2VGEcHq1dRbUuQqXc", "name": "production", "isDefault": true}]
"""

from ansible_collections.dokploy.dokploy.plugins.module_utils.client import DokployError, DokployNotFoundError
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookup import describe_services, services_of
from ansible_collections.dokploy.dokploy.plugins.module_utils.module import DokployModule
from ansible_collections.dokploy.dokploy.plugins.module_utils.resource import Resource, Update


class Project(Resource):
    kind = "project"
    id_field = "projectId"
    create_procedure = "project.create"
    delete_procedure = "project.remove"
    updates = (Update("project.update", ["name", "description"]),)

    def desired(self):
        params = self.module.params
        return dict((field, params[field]) for field in ("name", "description") if params[field] is not None)

    def find(self):
        params = self.module.params
        required = bool(params["project_id"]) and params["state"] == "present"
        return self.resolver.project(name=params["name"], project_id=params["project_id"], required=required)

    def created_object(self, response, payload):
        # project.create answers {project, environment}; the default environment is the only one so far.
        if "project" not in response:
            return response  # found again by name after a create whose answer was lost
        project = dict(response["project"])
        project["environments"] = [response["environment"]]
        return project

    def check_delete(self, current):
        services = services_of(current.get("environments"))
        if services and not self.module.params["force"]:
            raise DokployError(
                "Project '%s' still holds %d service(s): %s. Dokploy's project.remove would leave their containers "
                "running; delete them first, or set force: true to delete them with the project"
                % (current["name"], len(services), describe_services(self.client, current["projectId"], services)))

    def before_delete(self, current):
        for kind, item, environment in services_of(current.get("environments")):
            body = {kind.id_field: item[kind.id_field]}
            body.update(kind.delete_extra)
            try:
                self.client.post(kind.delete, body)
            except DokployNotFoundError:
                pass  # deleted meanwhile: what force wants anyway
        for environment in current.get("environments") or []:
            if not environment.get("isDefault"):
                self.client.post("environment.remove", {"environmentId": environment["environmentId"]})


def main():
    module = DokployModule(
        argument_spec=dict(
            name=dict(type="str"),
            project_id=dict(type="str"),
            description=dict(type="str"),
            state=dict(type="str", choices=["present", "absent"], default="present"),
            force=dict(type="bool", default=False),
        ),
        required_one_of=[("name", "project_id")],
    )
    if module.params["name"] is not None and not module.params["name"].strip():
        module.fail_json(msg="name must not be empty")
    module.run(Project(module).run)


if __name__ == "__main__":
    main()
