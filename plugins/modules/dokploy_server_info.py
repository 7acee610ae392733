#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_server_info
short_description: List the remote servers of Dokploy with their status
version_added: 0.2.0
description:
  - Lists the remote servers of the organisation as Dokploy does (C(server.all), one request), with their status and
    the number of services on each, the same records the P(dokploy.dokploy.dokploy#inventory) inventory builds its server hosts
    from. Secrets (the monitoring token) are masked.
options:
  name:
    description:
      - Only the servers with this name (Dokploy does not keep names unique, so there may be more than one).
    type: str
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.INFO_ATTRIBUTES
seealso:
  - module: dokploy.dokploy.dokploy_server
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: Every remote server
  dokploy.dokploy.dokploy_server_info:
  register: dokploy_servers

- name: The servers that Dokploy has disabled
  ansible.builtin.debug:
    msg: "{{ dokploy_servers.servers | selectattr('serverStatus', 'equalto', 'inactive') | map(attribute='name') }}"

- name: One server
  dokploy.dokploy.dokploy_server_info:
    name: worker-1
  register: worker
"""

RETURN = r"""
servers:
  description: The servers, newest first, secrets masked.
  returned: always
  type: list
  elements: dict
  contains:
    serverId:
      description: ID of the server.
      type: str
      sample: K8FVRoegDHk2fOVexZgpz
    name:
      description: Name.
      type: str
      sample: worker-1
    description:
      description: Description.
      type: str
    ipAddress:
      description: IP address or host name.
      type: str
      sample: 203.0.113.10
    port:
      description: SSH port.
      type: int
      sample: 22
    username:
      description: SSH user.
      type: str
      sample: root
    sshKeyId:
      description: ID of the SSH key, or null.
      type: str
    serverType:
      description: C(deploy) or C(build).
      type: str
      sample: deploy
    serverStatus:
      description: C(active), or C(inactive) when Dokploy's cloud version has disabled it.
      type: str
      sample: active
    appName:
      description: Name Dokploy gave the server (its log directory).
      type: str
    enableDockerCleanup:
      description: Whether the daily Docker clean-up is on.
      type: bool
    buildsConcurrency:
      description: How many builds the server runs at once.
      type: int
    createdAt:
      description: When the server was added (ISO 8601).
      type: str
    totalSum:
      description: Number of services on the server.
      type: int
      sample: 3
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._server import ServerInfo


def main():
    run_resource(ServerInfo)


if __name__ == "__main__":
    main()
