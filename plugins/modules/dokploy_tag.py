#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_tag
short_description: Manage the tags of Dokploy projects
version_added: 0.2.0
description:
  - Create, recolour and delete the tags that label Dokploy projects.
  - Tags belong to the organisation and are identified by O(name). Which projects carry a tag is set on the
    project, with the O(dokploy.dokploy.dokploy_project#module:tags) option of M(dokploy.dokploy.dokploy_project).
  - Tags came with Dokploy v0.29.0; on an older server the module fails saying so.
options:
  name:
    description:
      - Name of the tag. Dokploy keeps tag names unique in an organisation.
    type: str
    required: true
  color:
    description:
      - Colour of the tag's badge, as V(#rrggbb), for example V(#3b82f6) (Dokploy's default in its tag dialog).
        Compared without regard to case. Not set when not given.
    type: str
  state:
    description:
      - V(present) creates or updates the tag, V(absent) deletes it; Dokploy takes a deleted tag off every project.
    type: str
    choices: [present, absent]
    default: present
notes:
  - Needs Dokploy v0.29.0 or newer (the C(tag) router); on an older server the module fails with a message naming the
    version.
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.ATTRIBUTES
seealso:
  - module: dokploy.dokploy.dokploy_project
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: A tag for customer-facing projects
  dokploy.dokploy.dokploy_tag:
    name: customer
    color: "#3b82f6"

- name: Label the shop project with it
  dokploy.dokploy.dokploy_project:
    name: shop
    tags: [customer]

- name: Remove a tag from Dokploy and from every project
  dokploy.dokploy.dokploy_tag:
    name: legacy
    state: absent
"""

RETURN = r"""
tag:
  description:
    - The tag as Dokploy returns it. Empty when it is absent. In check mode, the tag as it would be (C(tagId) is
      null before it exists).
  returned: always
  type: dict
  contains:
    tagId:
      description: ID of the tag.
      type: str
      sample: 3xT1dQj9kVbqQ2m0aZ8cN
    name:
      description: Name.
      type: str
      sample: customer
    color:
      description: Colour of the badge.
      type: str
      sample: "#3b82f6"
    createdAt:
      description: Creation time (ISO 8601).
      type: str
    organizationId:
      description: ID of the organisation.
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._tag import Tag


def main():
    run_resource(Tag)


if __name__ == "__main__":
    main()
