#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_server
short_description: Manage the remote servers of Dokploy, and set them up
version_added: 0.2.0
description:
  - Create, update and delete the remote servers that Dokploy deploys services to (C(deploy) servers) or builds
    images on (C(build) servers), and reaches over SSH with an SSH key stored in Dokploy
    (M(dokploy.dokploy.dokploy_ssh_key)).
  - Servers belong to the organisation. One is identified by O(name); Dokploy does not keep names unique, so when two
    servers share O(name) the module fails and lists their IDs.
  - Setting a server up (installing Docker, Traefik and the rest over SSH) takes minutes, so it never happens on its
    own. With O(setup=true) the module runs Dokploy's setup when the server has not been set up successfully yet, or
    when this task changed O(ip_address), O(port), O(username) or O(ssh_key); it waits for the setup to finish and
    fails with the tail of its log when it does not succeed.
options:
  name:
    description:
      - Name of the server.
    type: str
    required: true
  description:
    description:
      - Description of the server. V("") clears it.
    type: str
  ip_address:
    description:
      - IP address or host name Dokploy connects to. Required to create one.
    type: str
  port:
    description:
      - SSH port. V(22) when a server is created without it.
    type: int
  username:
    description:
      - User Dokploy logs in as. V(root) when a server is created without it.
    type: str
  ssh_key:
    description:
      - Name or ID of the SSH key (see M(dokploy.dokploy.dokploy_ssh_key)) Dokploy logs in with. V("") removes the
        server's key.
    type: str
  server_type:
    description:
      - V(deploy) runs services; V(build) only builds images for them. V(deploy) when a server is created without it.
    type: str
    choices: [deploy, build]
  docker_cleanup:
    description:
      - Whether Dokploy cleans up unused Docker images and containers on the server every day. Dokploy turns it on
        for a new server.
    type: bool
  setup:
    description:
      - V(true) sets the server up when it has not been set up successfully yet, or when this task changed how Dokploy
        reaches it, and waits for the end of the setup. The server must have an SSH key, installed on the server.
      - V(false) never sets a server up.
    type: bool
    default: false
  wait_timeout:
    description:
      - Seconds to wait for the setup to finish. On timeout the module fails, saying that the setup goes on.
    type: int
    default: 900
  poll_interval:
    description:
      - Seconds before the first look at the setup's progress; each later interval is 1.5 times longer, up to
        3 seconds.
    type: float
    default: 1.0
  log_lines:
    description:
      - How many of the last lines of a failed setup's log the failure message shows. V(0) skips reading the log.
    type: int
    default: 50
  force:
    description:
      - With O(state=absent), delete the server even when it holds certificates; Dokploy deletes them with it.
      - A server that services use is never deleted; Dokploy refuses it.
    type: bool
    default: false
  state:
    description:
      - V(present) creates or updates the server, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
notes:
  - O(server_type=build) needs Dokploy v0.26.0 or newer (build servers); on an older server the module fails naming the
    version before any change. Before v0.26.0 every server is a deploy server, so O(server_type=deploy) works there
    (nothing is sent).
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.ATTRIBUTES
seealso:
  - module: dokploy.dokploy.dokploy_server_info
  - module: dokploy.dokploy.dokploy_ssh_key
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: A key for the servers
  dokploy.dokploy.dokploy_ssh_key:
    name: servers
    generate: true
  register: servers_key

- name: A deploy server, set up once its key is authorised
  dokploy.dokploy.dokploy_server:
    name: worker-1
    description: Hetzner CX22, Falkenstein
    ip_address: 203.0.113.10
    username: root
    ssh_key: servers
    setup: true
    wait_timeout: 1200

- name: A build server
  dokploy.dokploy.dokploy_server:
    name: builder
    ip_address: builder.internal.example.com
    port: 2222
    username: deploy
    ssh_key: servers
    server_type: build

- name: Remove a server that no service uses any more
  dokploy.dokploy.dokploy_server:
    name: builder
    state: absent
"""

RETURN = r"""
server:
  description:
    - The server as Dokploy lists it (C(server.all)), secrets masked. Empty when it is absent. In check mode, the server
      as it would be (C(serverId) is null before it exists).
  returned: always
  type: dict
  contains:
    serverId:
      description: ID of the server.
      type: str
      sample: K8FVRoegDHk2fOVexZgpz
    name:
      description: Name.
      type: str
      sample: worker-1
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
    enableDockerCleanup:
      description: Whether the daily Docker clean-up is on.
      type: bool
    totalSum:
      description: Number of services on the server.
      type: int
      sample: 0
deployment:
  description:
    - The "Setup Server" deployment of the setup this task ran or waited for (with O(setup=true) on a server set up
      before, its latest successful setup). On a failed setup the task fails and C(failure.log) has the tail of its log.
  returned: when O(setup=true), except in check mode
  type: dict
  contains:
    deploymentId:
      description: ID of the deployment.
      type: str
    status:
      description: C(done), C(error), or C(running) when the wait timed out.
      type: str
      sample: done
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._server import Server


def main():
    run_resource(Server)


if __name__ == "__main__":
    main()
