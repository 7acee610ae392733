#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_ai_provider
short_description: Manage the AI providers of Dokploy's assistant
version_added: 0.3.0
description:
  - Create, update and delete the AI providers (an OpenAI-compatible API and a model) that Dokploy's assistant
    uses, in the organisation the module's API key belongs to (a Dokploy API key acts inside the one organisation
    it was created for). Identified by O(name).
options:
  name:
    description:
      - Name of the provider in Dokploy.
    type: str
    required: true
  url:
    description:
      - Base URL of the provider's API, for example V(https://api.openai.com/v1). Needed to create one. When the organisation
        allows only some providers, another URL is refused by Dokploy.
    type: str
  provider_api_key:
    description:
      - API key of the provider (O(api_key) is Dokploy's). Needed to create one. Never returned (masked).
    type: str
  update_provider_api_key:
    description:
      - V(always) compares O(provider_api_key) with the stored one and updates it when it differs; V(on_create) sets it only
        when the provider is created.
    type: str
    choices: [always, on_create]
    default: always
  model:
    description:
      - Model to use, for example V(gpt-4o). Needed to create one.
    type: str
  enabled:
    description:
      - Whether the assistant may use this provider. A new one is enabled unless told.
    type: bool
  state:
    description:
      - V(present) creates or updates the provider, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
notes:
  - Needs the API key of an owner or admin; a member's key fails naming what it needs.
  - Works with Dokploy v0.25.0 and newer.
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.ATTRIBUTES
seealso:
  - module: dokploy.dokploy.dokploy_ai_provider_info
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: The assistant through OpenAI
  dokploy.dokploy.dokploy_ai_provider:
    name: openai
    url: https://api.openai.com/v1
    provider_api_key: "{{ vault_openai_key }}"
    model: gpt-4o

- name: Switch it off
  dokploy.dokploy.dokploy_ai_provider:
    name: openai
    enabled: false
"""

RETURN = r"""
ai_provider:
  description: The provider, its API key masked. Empty when absent. In check mode, as it would be.
  returned: always
  type: dict
  contains:
    aiId:
      description: ID of the provider.
      type: str
    name:
      description: Name.
      type: str
    apiUrl:
      description: Base URL of the API.
      type: str
    model:
      description: Model.
      type: str
    isEnabled:
      description: Whether the assistant may use it.
      type: bool
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._ai_provider import AiProvider


def main():
    run_resource(AiProvider)


if __name__ == "__main__":
    main()
