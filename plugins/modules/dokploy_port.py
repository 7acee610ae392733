#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_port
short_description: Manage published ports of Dokploy applications
version_added: 0.2.0
description:
  - Create, update and delete the ports a Dokploy application publishes on the server (Docker swarm published
    ports), besides its domains.
  - A port is identified by O(published_port) and O(protocol) on its application. Changing either therefore
    manages another port; remove the old one with O(state=absent).
  - Dokploy itself accepts the same published port twice; when two ports of the application share
    O(published_port) and O(protocol), the module fails and lists their IDs.
  - Dokploy applies a changed port at the next deployment of the application.
  - Dokploy publishes none of an application's ports while the application has an endpoint spec
    (O(dokploy.dokploy.dokploy_application#module:endpoint_mode=dnsrr)); a new port on such an application is refused
    before any write, and an existing one only warns.
options:
  published_port:
    description:
      - Port on the server, 1 to 65535. Dokploy stores any number; with O(state=absent) any number is accepted,
        so that a port stored out of range can be removed.
    type: int
    required: true
  protocol:
    description:
      - Protocol of the port.
    type: str
    choices: [tcp, udp]
    default: tcp
  target_port:
    description:
      - Port inside the container, 1 to 65535. Required with O(state=present).
    type: int
  publish_mode:
    description:
      - V(ingress) publishes the port on every node of the swarm through its routing mesh; V(host) only on the
        node that runs the container. Dokploy's default is V(ingress).
    type: str
    choices: [ingress, host]
  state:
    description:
      - V(present) creates or updates the port; V(absent) deletes it.
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
- name: Publish the DNS server's port 53/udp on port 5353 of the server
  dokploy.dokploy.dokploy_port:
    api_url: https://dokploy.example.com
    api_key: "{{ vault_dokploy_api_key }}"
    project: infra
    application: dns
    published_port: 5353
    protocol: udp
    target_port: 53

- name: Publish SSH of a Git server on the node that runs it
  dokploy.dokploy.dokploy_port:
    project: infra
    application: gitea
    published_port: 2222
    target_port: 22
    publish_mode: host

- name: Stop publishing a port
  dokploy.dokploy.dokploy_port:
    project: infra
    application: dns
    published_port: 5353
    protocol: udp
    state: absent
"""

RETURN = r"""
port:
  description:
    - The port as Dokploy returns it. Empty when it is absent. In check mode, the port as it would be
      (C(portId) is null before it exists).
  returned: always
  type: dict
  contains:
    portId:
      description: ID of the port.
      type: str
      sample: nYZmBoyFkGnh-lCTdJRRT
    publishedPort:
      description: Port on the server.
      type: int
      sample: 5353
    targetPort:
      description: Port inside the container.
      type: int
      sample: 53
    protocol:
      description: V(tcp) or V(udp).
      type: str
      sample: udp
    publishMode:
      description: V(ingress) or V(host).
      type: str
      sample: ingress
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._port import Port


def main():
    run_resource(Port)


if __name__ == "__main__":
    main()
