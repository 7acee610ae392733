#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_ai_provider_info
short_description: List the AI providers of Dokploy's assistant
version_added: 0.3.0
description:
  - Lists the AI providers of the organisation the module's API key belongs to, API keys masked.
options:
  name:
    description:
      - Only the providers of this name.
    type: str
notes:
  - Needs the API key of an owner or admin; a member's key fails naming what it needs.
  - Works with Dokploy v0.25.0 and newer.
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.INFO_ATTRIBUTES
seealso:
  - module: dokploy.dokploy.dokploy_ai_provider
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: The AI providers
  dokploy.dokploy.dokploy_ai_provider_info:
  register: ai
"""

RETURN = r"""
ai_providers:
  description: The providers, newest first, as M(dokploy.dokploy.dokploy_ai_provider) returns one.
  returned: always
  type: list
  elements: dict
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._ai_provider import AiProviderInfo


def main():
    run_resource(AiProviderInfo)


if __name__ == "__main__":
    main()
