#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_git_provider_info
short_description: List the Git providers connected to Dokploy, GitHub apps included
version_added: 0.2.0
description:
  - Lists the GitHub apps, GitLab, Gitea and Bitbucket connections of the organisation in one request, each with the
    summary Dokploy gives of it (C(isConfigured) says whether its setup is complete). No secret is part of it.
  - GitHub apps can only be connected through Dokploy's UI; this is where playbooks find them, and applications and
    compose services name them in their O(dokploy.dokploy.dokploy_application#module:git_provider) option.
options:
  name:
    description:
      - Only the providers of this name.
    type: str
  type:
    description:
      - Only the providers of this type.
    type: str
    choices: [github, gitlab, bitbucket, gitea]
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.INFO_ATTRIBUTES
seealso:
  - module: dokploy.dokploy.dokploy_git_provider
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: The GitHub apps
  dokploy.dokploy.dokploy_git_provider_info:
    type: github
  register: github_apps

- name: Say which of them are ready
  ansible.builtin.debug:
    msg: "{{ item.name }}: {{ 'ready' if item.github.isConfigured else 'setup incomplete' }}"
  loop: "{{ github_apps.git_providers }}"
"""

RETURN = r"""
git_providers:
  description:
    - The providers, newest first, as C(gitProvider.getAll) returns them.
  returned: always
  type: list
  elements: dict
  contains:
    gitProviderId:
      description: ID of the provider.
      type: str
    name:
      description: Name.
      type: str
    providerType:
      description: V(github), V(gitlab), V(gitea) or V(bitbucket).
      type: str
    github:
      description:
        - For a GitHub app, C(githubId), C(githubAppName), C(githubAppId), C(githubInstallationId), C(githubUrl) and
          C(isConfigured); null for the other types. C(gitlab), C(gitea) and C(bitbucket) hold the summary of their
          type likewise.
      type: dict
    isOwner:
      description: Whether the API key's user connected it.
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._git_provider import GitProviderInfo


def main():
    run_resource(GitProviderInfo)


if __name__ == "__main__":
    main()
