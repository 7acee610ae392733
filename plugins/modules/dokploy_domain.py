#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_domain
short_description: Manage domains of Dokploy applications and compose services
version_added: 0.2.0
description:
  - Create, update and delete the domains (Traefik routes) of a Dokploy application, or of one service
    of a compose stack.
  - A domain is identified by O(host) and O(path) on its target (for a compose stack, on O(service_name)).
    Changing O(host), O(path) or O(service_name) therefore manages another domain; remove the old one with
    O(state=absent).
  - Dokploy itself accepts the same host twice; when two domains of the target share O(host) and O(path), the
    module fails and lists their IDs.
options:
  service_name:
    description:
      - Name of the service inside the compose stack, for example V(web).
    type: str
  host:
    description:
      - Host name, for example V(shop.example.com). Letters, digits, hyphens and dots; V(*.) in front for a wildcard.
    type: str
    required: true
  path:
    description:
      - Path prefix routed to the target, for example V(/api).
    type: str
    default: /
  port:
    description:
      - Port of the container the traffic goes to (1 to 65535). Dokploy's default is V(3000).
    type: int
  https:
    description:
      - Whether the domain is served over HTTPS.
    type: bool
  certificate_type:
    description:
      - Where the HTTPS certificate comes from. V(letsencrypt) requires O(https=true);
        V(custom) requires O(custom_cert_resolver).
    type: str
    choices: [none, letsencrypt, custom]
  custom_cert_resolver:
    description:
      - With O(certificate_type=custom), name of the Traefik certificate resolver, for example V(cloudflare).
    type: str
  internal_path:
    description:
      - Path the request is forwarded to inside the container, for example V(/).
    type: str
  strip_path:
    description:
      - Whether O(path) is removed from the request before it is forwarded.
    type: bool
  enabled:
    description:
      - Whether the route is active.
    type: bool
  state:
    description:
      - V(present) creates or updates the domain; V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
notes:
  - O(enabled=false) needs Dokploy v0.30.0 or newer (C(domain.enabled)); an older server keeps every domain active,
    so O(enabled=true) holds on every version.
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.ATTRIBUTES
  - dokploy.dokploy.target
seealso:
  - module: dokploy.dokploy.dokploy_application
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: Serve the web application on shop.example.com with Let's Encrypt
  dokploy.dokploy.dokploy_domain:
    api_url: https://dokploy.example.com
    api_key: "{{ vault_dokploy_api_key }}"
    project: shop
    application: web
    host: shop.example.com
    port: 80
    https: true
    certificate_type: letsencrypt

- name: Route /api of the same host to the api service of a compose stack
  dokploy.dokploy.dokploy_domain:
    project: shop
    environment: staging
    compose: backend
    service_name: api
    host: shop.example.com
    path: /api
    strip_path: true
    port: 8080

- name: Remove a domain
  dokploy.dokploy.dokploy_domain:
    project: shop
    application: web
    host: old.example.com
    state: absent
"""

RETURN = r"""
domain:
  description:
    - The domain as Dokploy returns it. Empty when it is absent. In check mode, the domain as it would be
      (C(domainId) is null before it exists).
  returned: always
  type: dict
  contains:
    domainId:
      description: ID of the domain.
      type: str
      sample: F8ZfdtqEBpRknwEA_vdWi
    host:
      description: Host name.
      type: str
      sample: shop.example.com
    path:
      description: Path prefix.
      type: str
      sample: /
    port:
      description: Container port.
      type: int
      sample: 3000
    https:
      description: Whether HTTPS is on.
      type: bool
    certificateType:
      description: V(none), V(letsencrypt) or V(custom).
      type: str
    applicationId:
      description: ID of the application, for an application domain.
      type: str
    composeId:
      description: ID of the compose stack, for a compose domain.
      type: str
    serviceName:
      description: Compose service, for a compose domain.
      type: str
    domainType:
      description: V(application) or V(compose).
      type: str
    enabled:
      description: Whether the route is active.
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._domain import Domain


def main():
    run_resource(Domain)


if __name__ == "__main__":
    main()
