#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_vault_provider
short_description: Manage the vault providers Dokploy reads secrets from
version_added: 0.3.0
description:
  - Create, update and delete the vault providers (HashiCorp Vault, Infisical, AWS Secrets Manager, Doppler, Azure
    Key Vault, Scaleway) of the organisation the module's API key belongs to (a Dokploy API key acts inside the one
    organisation it was created for), and which projects and environments may use each. Identified by O(name).
  - Dokploy never shows a provider's secret again, so O(secret) is sent when the provider is created (or its type
    changes), and on every run only with O(update_secret=always).
options:
  name:
    description:
      - Name of the provider, letters, digits, dashes and underscores (up to 64); unique in the organisation.
    type: str
    required: true
  type:
    description:
      - The kind of vault. Needed to create one, or to change O(config).
    type: str
    choices: [aws, azure, doppler, hashicorp, infisical, scaleway]
  config:
    description:
      - The provider's settings besides its secret, with Dokploy's keys. V(hashicorp) C(url), C(namespace), C(mount)
        (default C(secret)); V(infisical) C(siteUrl), C(clientId), C(projectId), C(environmentSlug), C(secretPath);
        V(aws) C(region), C(accessKeyId), C(endpoint); V(doppler) C(project), C(config); V(azure) C(vaultUri),
        C(tenantId), C(clientId); V(scaleway) C(region), C(projectId), C(apiUrl). Only the keys given are compared.
    type: dict
  secret:
    description:
      - The provider's secret (HashiCorp C(token), Infisical and Azure C(clientSecret), AWS C(secretAccessKey),
        Doppler C(serviceToken), Scaleway C(secretKey)). Needed to create one.
    type: str
  update_secret:
    description:
      - V(on_create) sends O(secret) only when the provider is created or changes type. V(always) sends it on every
        run, which then always reports a change, since Dokploy cannot show the stored one to compare.
    type: str
    choices: [on_create, always]
    default: on_create
  assignments:
    description:
      - Which projects (and in them which environments; none means the whole project) may use the provider, by name.
        Compared as a set; the list replaces what is there. Not changed when not given; a new provider gets none.
    type: list
    elements: dict
    suboptions:
      project:
        description: Name of the project.
        type: str
        required: true
      environments:
        description: Names of its environments; empty for the whole project.
        type: list
        elements: str
        default: []
  state:
    description:
      - V(present) creates or updates the provider, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
notes:
  - Needs the API key of an owner or admin (or of a member whose enterprise custom role allows vault providers); a
    member's key fails naming what it needs.
  - Needs Dokploy v0.30.0 (the C(vaultProvider) router); on an older server the module fails naming the version.
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.ATTRIBUTES
seealso:
  - module: dokploy.dokploy.dokploy_vault_provider_info
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: HashiCorp Vault for the shop's production environment
  dokploy.dokploy.dokploy_vault_provider:
    name: vault
    type: hashicorp
    config:
      url: https://vault.example.com
      mount: kv
    secret: "{{ vault_token }}"
    assignments:
      - project: shop
        environments: [production]
"""

RETURN = r"""
vault_provider:
  description:
    - The provider, its secret masked (Dokploy masks it too), and C(assignments_by_name). Empty when absent. In check
      mode, as it would be.
  returned: always
  type: dict
  contains:
    vaultProviderId:
      description: ID of the provider.
      type: str
    name:
      description: Name.
      type: str
    providerType:
      description: The kind of vault.
      type: str
    config:
      description: Its settings, the secret masked.
      type: dict
    assignments:
      description: C(projectId) and C(environmentIds) of what may use it.
      type: list
      elements: dict
    assignments_by_name:
      description: The same, as C(project) and C(environments) names.
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._vault_provider import VaultProvider


def main():
    run_resource(VaultProvider)


if __name__ == "__main__":
    main()
