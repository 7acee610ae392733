#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_settings_info
short_description: Read the settings of the Dokploy server itself
version_added: 0.3.0
description:
  - Reads everything M(dokploy.dokploy.dokploy_settings) manages, secrets masked. With O(server), a remote
    server's Docker cleanup and Traefik ports instead.
options:
  server:
    description:
      - Name (or ID) of a remote server to read instead of the Dokploy server.
    type: str
notes:
  - Needs the API key of an owner or admin; a member's key fails naming what it needs.
  - Reading the Dokploy server's settings needs Dokploy v0.26.3; a remote server's works on v0.25.0 and newer.
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.INFO_ATTRIBUTES
seealso:
  - module: dokploy.dokploy.dokploy_settings
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: Read the server's settings
  dokploy.dokploy.dokploy_settings_info:
  register: dokploy

- name: Show the panel's domain
  ansible.builtin.debug:
    msg: "{{ dokploy.settings.host }}"
"""

RETURN = r"""
settings:
  description:
    - The web server settings as Dokploy keeps them (C(serverIp), C(host), C(https), C(certificateType),
      C(letsEncryptEmail), C(enableDockerCleanup), C(logCleanupCron), C(buildsConcurrency), C(remoteServersOnly),
      C(metricsConfig) with its token masked, ...), C(traefikPorts), C(traefikDashboard) and C(requestLogging). With
      O(server), C(enableDockerCleanup), C(traefikPorts) and C(traefikDashboard) of that server.
  returned: always
  type: dict
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._settings import SettingsInfo


def main():
    run_resource(SettingsInfo)


if __name__ == "__main__":
    main()
