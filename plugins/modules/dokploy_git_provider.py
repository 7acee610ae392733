#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_git_provider
short_description: Manage the GitLab, Gitea and Bitbucket connections of Dokploy
version_added: 0.2.0
description:
  - Create, update and delete the Git providers through which Dokploy's applications and compose services reach
    private repositories (their O(dokploy.dokploy.dokploy_application#module:git_provider) option names one).
  - Providers belong to the organisation. One is identified by O(name) among the providers of its O(type); Dokploy
    does not keep names unique, so when two share O(name) the module fails and lists their IDs.
  - A GitLab or Gitea connection made here is an OAuth application registered with Dokploy; Dokploy can list its
    repositories once someone has authorised it in Dokploy's UI (Settings > Git), which only a browser can do.
    A Bitbucket connection with an API token works at once.
  - GitHub apps are made by GitHub's manifest flow in the browser, so O(type=github) is refused with
    O(state=present); M(dokploy.dokploy.dokploy_git_provider_info) lists them, and O(state=absent) deletes one.
  - Secrets (O(client_secret), O(api_token), O(app_password)) are compared with the stored ones (Dokploy returns
    them), masked in the result and the diff.
options:
  name:
    description:
      - Name of the provider in Dokploy.
    type: str
    required: true
  type:
    description:
      - The kind of provider. Required with O(state=present), where V(github) is refused (see above).
      - With O(state=absent) and no O(type), the provider named O(name) is looked for among all types.
    type: str
    choices: [github, gitlab, bitbucket, gitea]
  url:
    description:
      - Types V(gitlab) and V(gitea), URL of the instance. V(https://gitlab.com) and V(https://gitea.com) when a
        provider is created without it.
    type: str
  internal_url:
    description:
      - Types V(gitlab) and V(gitea), the URL through which the Dokploy server reaches the instance when it differs
        from O(url) (for example inside a private network). V("") clears it. Needs Dokploy v0.27.0.
    type: str
  client_id:
    description:
      - Types V(gitlab) (the OAuth application's Application ID) and V(gitea) (its Client ID). Required to create one.
    type: str
  client_secret:
    description:
      - Types V(gitlab) and V(gitea), the OAuth application's secret. Required to create one.
    type: str
  redirect_uri:
    description:
      - Types V(gitlab) and V(gitea), the OAuth callback registered with the application. When a provider is created
        without it, V(<api_url>/api/providers/<type>/callback), as Dokploy's dialog fills it in.
    type: str
  group_name:
    description:
      - Type V(gitlab), the group (or groups, comma-separated) whose repositories Dokploy lists.
    type: str
  username:
    description:
      - Type V(bitbucket), the Bitbucket user name. Required to create one.
    type: str
  email:
    description:
      - Type V(bitbucket), the e-mail address of the Atlassian account the O(api_token) belongs to.
    type: str
  api_token:
    description:
      - Type V(bitbucket), an Atlassian API token with repository scopes. Creating one needs it or O(app_password).
    type: str
  app_password:
    description:
      - Type V(bitbucket), an app password, the credential Bitbucket is retiring (Dokploy marks such connections as
        deprecated); prefer O(api_token).
    type: str
  workspace:
    description:
      - Type V(bitbucket), the workspace whose repositories Dokploy lists.
    type: str
  shared:
    description:
      - Whether the organisation's other members may use the provider too (C(gitProvider.toggleShare)); only the
        member who connected it may change this. Not changed when not set. Needs Dokploy v0.29.0.
    type: bool
  state:
    description:
      - V(present) creates or updates the provider, V(absent) deletes it; the applications and compose services that
        used it keep their repository settings without a provider.
    type: str
    choices: [present, absent]
    default: present
notes:
  - O(internal_url) needs Dokploy v0.27.0 or newer, O(shared) v0.29.0; on an older server the module fails naming the
    version.
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.ATTRIBUTES
seealso:
  - module: dokploy.dokploy.dokploy_git_provider_info
  - module: dokploy.dokploy.dokploy_application
  - module: dokploy.dokploy.dokploy_compose
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: A self-hosted GitLab
  dokploy.dokploy.dokploy_git_provider:
    name: company-gitlab
    type: gitlab
    url: https://gitlab.example.com
    internal_url: http://gitlab.internal:8080
    client_id: "{{ gitlab_application_id }}"
    client_secret: "{{ vault_gitlab_application_secret }}"
    group_name: platform
    shared: true

- name: Bitbucket with an API token
  dokploy.dokploy.dokploy_git_provider:
    name: bitbucket
    type: bitbucket
    username: deploy-bot
    email: deploy-bot@example.com
    api_token: "{{ vault_bitbucket_api_token }}"
    workspace: acme

- name: An application built from a repository of that GitLab
  dokploy.dokploy.dokploy_application:
    project: shop
    name: web
    git_provider:
      type: gitlab
      name: company-gitlab
      owner: platform
      repository: web
      branch: main

- name: Delete a provider, whatever its type
  dokploy.dokploy.dokploy_git_provider:
    name: old-gitea
    state: absent
"""

RETURN = r"""
git_provider:
  description:
    - The provider as Dokploy returns it (C(gitProvider.getAll)) with its type's own settings (C(<type>.one)) at the
      top level; secrets masked. Empty when it is absent. In check mode, the provider as it would be (C(gitProviderId)
      is null before it exists).
  returned: always
  type: dict
  contains:
    gitProviderId:
      description: ID of the provider.
      type: str
      sample: 8qQ0yWbV3mX1cJ7eR2nAs
    name:
      description: Name.
      type: str
      sample: company-gitlab
    providerType:
      description: V(gitlab), V(gitea) or V(bitbucket).
      type: str
      sample: gitlab
    gitlabId:
      description: ID of the type's own row (C(gitlabId), C(giteaId) or C(bitbucketId)), which services refer to;
        the type's settings stand beside it, for example C(gitlabUrl), C(applicationId) and C(secret) (masked).
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._git_provider import GitProvider


def main():
    run_resource(GitProvider)


if __name__ == "__main__":
    main()
