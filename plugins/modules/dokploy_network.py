#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_network
short_description: Manage the Docker networks that Dokploy manages
version_added: 0.2.0
description:
  - Create and delete Docker networks through Dokploy, on the Dokploy host or on a remote server. Dokploy stores
    the network and creates the Docker network of the same name; services join it by name.
  - A network is identified by O(name) on its O(server). Dokploy does not keep names unique, so when two networks of
    one server share O(name) the module fails and lists their IDs.
  - Neither Dokploy nor Docker can change a network's settings. When a setting differs the module fails naming it,
    unless O(recreate=true).
  - Networks came with Dokploy v0.29.14; on an older server the module fails saying so.
options:
  name:
    description:
      - Name of the network, in Dokploy and in Docker.
    type: str
    required: true
  server:
    description:
      - Name or ID of the remote server whose Docker the network belongs to. Leave it out for the Dokploy host.
    type: str
  driver:
    description:
      - Docker network driver. Dokploy creates V(bridge) when not set; V(overlay) spans a swarm.
    type: str
    choices: [bridge, overlay]
  internal:
    description:
      - Whether the network is cut off from the outside (C(docker network create --internal)). Dokploy's default is
        V(false).
    type: bool
  attachable:
    description:
      - Whether standalone containers may join an overlay network. Dokploy's default is V(false).
    type: bool
  enable_ipv4:
    description:
      - Whether the network has IPv4. Dokploy's default is V(true); V(false) needs O(enable_ipv6=true).
    type: bool
  enable_ipv6:
    description:
      - Whether the network has IPv6. Dokploy's default is V(false); an IPv6 subnet in O(ipam_config) needs V(true).
    type: bool
  mtu:
    description:
      - MTU of the network, 68 to 65535. Docker's default when not set.
    type: int
  ipam_driver:
    description:
      - IPAM driver, V(default) when O(ipam_config) is given without it.
    type: str
  ipam_config:
    description:
      - Address pools of the network. Compared as a whole, in order.
    type: list
    elements: dict
    suboptions:
      subnet:
        description:
          - Subnet in CIDR notation, for example V(172.28.0.0/16) or V(fd00:1::/64).
        type: str
      gateway:
        description:
          - Gateway address inside O(ipam_config[].subnet).
        type: str
      iprange:
        description:
          - Range inside O(ipam_config[].subnet) that containers get their addresses from, in CIDR notation.
        type: str
  recreate:
    description:
      - When the existing network's settings differ from the ones given, remove it and create it again with the
        settings it had and the ones that changed (a new C(networkId)). Docker refuses to remove a network that
        containers still use.
      - When V(false), different settings fail the task and nothing is changed.
    type: bool
    default: false
  state:
    description:
      - V(present) creates the network, V(absent) removes it from Dokploy and from Docker.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.ATTRIBUTES
notes:
  - Only the settings given are compared; the others are whatever the network has.
  - Needs Dokploy v0.29.14 or newer (the C(network) router); on an older server the module fails with a message
    naming the version.
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: A private network for the shop's services on the Dokploy host
  dokploy.dokploy.dokploy_network:
    name: shop-backend
    internal: true
    ipam_config:
      - subnet: 172.28.0.0/16
        gateway: 172.28.0.1

- name: An attachable overlay network on a remote server, dual stack
  dokploy.dokploy.dokploy_network:
    name: mesh
    server: worker-1
    driver: overlay
    attachable: true
    enable_ipv6: true
    ipam_config:
      - subnet: 10.20.0.0/16
      - subnet: fd00:20::/64

- name: Change a setting (the network is removed and created again)
  dokploy.dokploy.dokploy_network:
    name: shop-backend
    internal: false
    recreate: true

- name: Remove it
  dokploy.dokploy.dokploy_network:
    name: shop-backend
    state: absent
"""

RETURN = r"""
network:
  description:
    - The network as Dokploy returns it. Empty when it is absent. In check mode, the network as it would be
      (C(networkId) is null before it exists, and after a predicted O(recreate)).
  returned: always
  type: dict
  contains:
    networkId:
      description: ID of the network in Dokploy.
      type: str
      sample: pQ0vV3m9bZ2c7Rk1yT4sA
    name:
      description: Name in Dokploy and in Docker.
      type: str
      sample: shop-backend
    driver:
      description: V(bridge) or V(overlay).
      type: str
    internal:
      description: Whether the network is internal.
      type: bool
    attachable:
      description: Whether standalone containers may join it.
      type: bool
    enableIPv4:
      description: Whether it has IPv4.
      type: bool
    enableIPv6:
      description: Whether it has IPv6.
      type: bool
    mtu:
      description: MTU, null for Docker's default.
      type: int
    ipam:
      description: IPAM settings, C(driver) and C(config) (each with C(subnet), C(gateway), C(ipRange)).
      type: dict
      sample: {"driver": "default", "config": [{"subnet": "172.28.0.0/16", "gateway": "172.28.0.1"}]}
    serverId:
      description: ID of the remote server, null for the Dokploy host.
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._network import Network


def main():
    run_resource(Network)


if __name__ == "__main__":
    main()
