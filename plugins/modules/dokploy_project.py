#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_project
short_description: Manage Dokploy projects
version_added: 0.2.0
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
      - The data stays on the server. Dokploy's delete of a database removes its Docker service but keeps its Docker
        volumes (the data volume C(<appName>-data) it made with the database, and its other volume mounts), and
        compose stacks are deleted without their volumes. O(remove_volumes=true) removes them too.
    type: bool
    default: false
  remove_volumes:
    description:
      - With O(state=absent) and O(force=true), also remove the Docker volumes of the project's services, that is, the
        data is gone for good. Each database's volume mounts (its data volume among them) are read before it is
        deleted and removed after it with C(dockerVolume.removeVolume), waiting while Docker still reports them in
        use; compose stacks are deleted with their volumes (C(deleteVolumes)).
      - Volumes of applications' mounts are not removed (a named volume may be shared); a volume already gone counts
        as removed. When a volume cannot be removed, the task fails naming it after the services were deleted, and
        the project is left for the next run.
      - Needs Dokploy v0.30.0 or newer (the C(dockerVolume) router); on an older server the module fails before
        deleting anything.
    type: bool
    default: false
    version_added: 0.3.0
  tags:
    description:
      - Names of the tags the project carries, made with M(dokploy.dokploy.dokploy_tag). The list is exclusive, tags not listed
        are taken off the project; V([]) takes all off. Order and repeats do not matter. Not changed when not set.
      - Each tag added is one C(tag.assignToProject) call, each taken off one C(tag.removeFromProject) call; the
        tags' IDs are read only when one is added. Tags need Dokploy v0.29.0 or newer.
    type: list
    elements: str
    version_added: 0.2.0
notes:
  - O(tags) needs Dokploy v0.29.0 or newer (project tags); on an older server the module fails naming the version.
  - O(remove_volumes) needs Dokploy v0.30.0 or newer; on an older server the module fails naming the version.
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.ATTRIBUTES
seealso:
  - module: dokploy.dokploy.dokploy_environment
  - module: dokploy.dokploy.dokploy_project_info
  - module: dokploy.dokploy.dokploy_tag
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

    - name: Label a project with exactly these tags
      dokploy.dokploy.dokploy_project:
        name: shop
        tags: [customer, production]

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
    tags:
      description: Names of the project's tags, sorted (empty on servers before v0.29.0).
      type: list
      elements: str
      sample: [customer, production]
      version_added: 0.2.0
    projectTags:
      description: The project's tag links as Dokploy returns them, each with its C(tag).
      type: list
      elements: dict
      version_added: 0.2.0
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._project import Project


def main():
    run_resource(Project)


if __name__ == "__main__":
    main()
