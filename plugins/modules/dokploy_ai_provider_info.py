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
"""

from ansible_collections.dokploy.dokploy.plugins.module_utils.module import run_resource
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources.ai_provider import AiProviderInfo


def main():
    run_resource(AiProviderInfo)


if __name__ == "__main__":
    main()
