#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_redirect
short_description: Manage redirects of Dokploy applications
version_added: 0.2.0
description:
  - Create, update and delete the redirects of a Dokploy application (Traefik C(redirectRegex) middlewares on
    its domains).
  - A redirect is identified by O(regex) on its application. Changing O(regex) therefore manages another
    redirect; remove the old one with O(state=absent).
  - Dokploy itself accepts the same regex twice; when two redirects of the application share O(regex), the
    module fails and lists their IDs.
options:
  regex:
    description:
      - Regular expression matched against the whole request URL; its groups go into O(replacement). See the
        examples.
      - Traefik uses Go's regular expressions (RE2). Dokploy stores any pattern; the module refuses, before any
        request, a pattern that Python cannot compile (Python's syntax is close enough to RE2 to tell a broken
        pattern, such as an unclosed group or class, from a valid one), and lookarounds and backreferences, which
        RE2 does not have. With O(state=absent) any pattern is accepted, so that a broken redirect can be removed.
    type: str
    required: true
  replacement:
    description:
      - Where the request goes, with the groups of O(regex) as C(${1}), C(${2}) and so on, for example
        V(https://example.com/${1}). Required with O(state=present).
    type: str
  permanent:
    description:
      - Whether the redirect is permanent (HTTP 301/308) rather than temporary (302/307). A new redirect is
        temporary unless O(permanent=true).
    type: bool
  state:
    description:
      - V(present) creates or updates the redirect; V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.ATTRIBUTES
  - dokploy.dokploy.target.APPLICATION
seealso:
  - module: dokploy.dokploy.dokploy_application
  - module: dokploy.dokploy.dokploy_domain
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: Send www to the bare domain, permanently
  dokploy.dokploy.dokploy_redirect:
    api_url: https://dokploy.example.com
    api_key: "{{ vault_dokploy_api_key }}"
    project: shop
    application: web
    regex: ^https?://www\.example\.com/(.*)
    replacement: https://example.com/${1}
    permanent: true

- name: Move the blog temporarily
  dokploy.dokploy.dokploy_redirect:
    project: shop
    application: web
    regex: ^https://example\.com/blog/(.*)
    replacement: https://blog.example.com/${1}

- name: Remove a redirect
  dokploy.dokploy.dokploy_redirect:
    project: shop
    application: web
    regex: ^https://example\.com/old/(.*)
    state: absent
"""

RETURN = r"""
redirect:
  description:
    - The redirect as Dokploy returns it. Empty when it is absent. In check mode, the redirect as it would be
      (C(redirectId) is null before it exists).
  returned: always
  type: dict
  contains:
    redirectId:
      description: ID of the redirect.
      type: str
      sample: SjZqW-SKzJJwkBnG_SCh2
    regex:
      description: Regular expression.
      type: str
      sample: ^https?://www\.example\.com/(.*)
    replacement:
      description: Replacement.
      type: str
      sample: https://example.com/${1}
    permanent:
      description: Whether the redirect is permanent.
      type: bool
      sample: true
    uniqueConfigKey:
      description: Number of the Traefik middleware of the redirect.
      type: int
      sample: 1
    applicationId:
      description: ID of the application.
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._redirect import Redirect


def main():
    run_resource(Redirect)


if __name__ == "__main__":
    main()
