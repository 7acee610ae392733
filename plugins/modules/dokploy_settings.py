#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_settings
short_description: Manage the settings of the Dokploy server itself
version_added: 0.3.0
description:
  - Sets up the Dokploy server (its IP address, the panel's own domain and certificate, Docker and log cleanup,
    builds running at once, Traefik's published ports, dashboard and request log) and runs one-off actions on it.
  - Only the settings given are read and compared, and each is sent only when it differs, so a task with one
    setting costs one read when nothing changes.
  - With O(server), O(docker_cleanup), O(traefik_ports), O(traefik_dashboard) and O(actions) apply to that remote
    server instead of the Dokploy host.
  - These settings are server-wide, not part of a project; M(dokploy.dokploy.dokploy_stack_info) leaves them out.
options:
  server:
    description:
      - Name (or ID) of a remote server whose Docker cleanup, Traefik ports, dashboard and actions to manage. The
        other settings belong to the Dokploy server and are refused with it.
    type: str
  server_ip:
    description:
      - The IP address of the Dokploy server, as its services and the panel's links use it.
    type: str
  host:
    description:
      - The panel's own domain, for example V(dokploy.example.com); compared without regard to case. V("") removes it.
    type: str
  https:
    description:
      - Whether the panel's domain is served over HTTPS.
    type: bool
  certificate_type:
    description:
      - Certificate of the panel's domain. V(letsencrypt) needs O(host).
    type: str
    choices: [letsencrypt, none, custom]
  letsencrypt_email:
    description:
      - E-mail address Let's Encrypt sends notices to.
    type: str
  docker_cleanup:
    description:
      - Whether Dokploy cleans unused Docker images and containers every day (on O(server) if given).
    type: bool
  cron_expression:
    description:
      - When Traefik's access log is cleaned, as a cron expression (checked before any request). V("") stops the
        cleanup.
    type: str
  builds_concurrency:
    description:
      - Builds the Dokploy server runs at once, 1 to 100. Needs Dokploy v0.29.9.
    type: int
  remote_servers_only:
    description:
      - Deploy only to remote servers, never on the Dokploy host. An enterprise feature (v0.29.6); without a licence
        the module fails with Dokploy's licence message.
    type: bool
  traefik_ports:
    description:
      - Every port Traefik publishes besides 80 and 443 (and the dashboard's 8080, see O(traefik_dashboard)).
        Compared as a set; the list replaces what is there. Dokploy recreates Traefik to apply it.
    type: list
    elements: dict
    suboptions:
      published_port:
        description: Port on the host.
        type: int
        required: true
      target_port:
        description: Port inside Traefik (an entry point of its configuration).
        type: int
        required: true
      protocol:
        description: Protocol.
        type: str
        choices: [tcp, udp, sctp]
        default: tcp
  traefik_dashboard:
    description:
      - Whether Traefik's dashboard is published on port 8080.
    type: bool
  request_logging:
    description:
      - Whether Traefik writes its access log (Dokploy's Requests page).
    type: bool
  actions:
    description:
      - One-off actions run after the settings, every time they are given, and reported as a change (they change
        nothing that can be read back). Not run in check mode. V(reload_traefik) restarts Traefik; the C(clean_*)
        actions remove unused Docker images, volumes, stopped containers, the builder cache, everything unused
        (V(clean_docker_prune)), or all of them (V(clean_all)).
    type: list
    elements: str
    choices: [clean_all, clean_docker_builder, clean_docker_prune, clean_stopped_containers, clean_unused_images,
              clean_unused_volumes, reload_traefik]
    default: []
notes:
  - Needs the API key of an owner or admin (any organisation's owner or admin, since the Dokploy server is shared by
    all). A member's key fails naming what it needs; Dokploy lets members change only the log cleanup and the
    request log.
  - "Versions: O(server_ip), the panel's domain (O(host), O(https), O(certificate_type), O(letsencrypt_email)),
    O(docker_cleanup), O(cron_expression), the Traefik settings and the actions work on v0.25.0 and newer;
    O(builds_concurrency) needs v0.29.9 and O(remote_servers_only) v0.29.6, and are refused naming the version
    before any write."
  - "Before v0.26.3 (v0.25.x) Dokploy keeps the web server settings (O(server_ip), the panel's domain,
    O(docker_cleanup) of the Dokploy host) on the organisation owner's user and writes them to the caller's own user,
    so they need the owner's API key there (an admin's key fails saying so); the module reads them with C(user.get)
    and sets O(server_ip) with C(user.update). From v0.26.3 they are the server's C(settings.getWebServerSettings)."
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.ATTRIBUTES
seealso:
  - module: dokploy.dokploy.dokploy_settings_info
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: The panel on its own domain with Let's Encrypt, and a Postgres port through Traefik
  dokploy.dokploy.dokploy_settings:
    host: dokploy.example.com
    https: true
    certificate_type: letsencrypt
    letsencrypt_email: ops@example.com
    traefik_ports:
      - published_port: 5432
        target_port: 5432
    request_logging: true
    cron_expression: "0 3 * * *"

- name: Free disk space on a remote server
  dokploy.dokploy.dokploy_settings:
    server: edge-1
    docker_cleanup: true
    actions: [clean_unused_images, clean_stopped_containers]
"""

RETURN = r"""
settings:
  description:
    - What was read of the settings the task set, as it is afterwards (in check mode, as it would be), secrets
      masked. Keys are Dokploy's (C(serverIp), C(host), C(enableDockerCleanup), C(logCleanupCron),
      C(buildsConcurrency)...), plus C(traefikPorts), C(traefikDashboard) and C(requestLogging).
  returned: always
  type: dict
actions:
  description: The actions run (in check mode, that would run).
  returned: always
  type: list
  elements: str
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._settings import Settings


def main():
    run_resource(Settings)


if __name__ == "__main__":
    main()
