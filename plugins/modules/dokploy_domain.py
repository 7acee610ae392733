#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_domain
short_description: Manage domains of Dokploy applications and compose services
version_added: 0.1.0
description:
  - Create, update and delete the domains (Traefik routes) of a Dokploy application, or of one service
    of a compose stack.
  - A domain is identified by O(host) and O(path) on its target (for a compose stack, on O(service_name)).
    Changing O(host), O(path) or O(service_name) therefore manages another domain; remove the old one with
    O(state=absent).
  - Dokploy itself accepts the same host twice; when two domains of the target share O(host) and O(path), the
    module fails and lists their IDs.
options:
  project:
    description:
      - Name of the project holding the target. Required unless O(application_id) or O(compose_id) is given.
    type: str
  environment:
    description:
      - Name of the environment of O(project) holding the target.
    type: str
    default: production
  application:
    description:
      - Name of the application the domain routes to.
    type: str
  application_id:
    description:
      - ID of the application the domain routes to.
    type: str
  compose:
    description:
      - Name of the compose stack holding the service the domain routes to; requires O(service_name).
    type: str
  compose_id:
    description:
      - ID of the compose stack; requires O(service_name).
    type: str
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
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.ATTRIBUTES
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
"""

import re

from ansible_collections.dokploy.dokploy.plugins.module_utils.client import DokployError
from ansible_collections.dokploy.dokploy.plugins.module_utils.module import DokployModule
from ansible_collections.dokploy.dokploy.plugins.module_utils.resource import Resource, Update

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
HOST = re.compile(r"^(?:\*\.)?%s(?:\.%s)*$" % (_LABEL, _LABEL))

OPTIONS = (
    ("host", "host"), ("path", "path"), ("port", "port"), ("https", "https"), ("certificate_type", "certificateType"),
    ("custom_cert_resolver", "customCertResolver"), ("internal_path", "internalPath"), ("strip_path", "stripPath"),
    ("enabled", "enabled"),
)


class Domain(Resource):
    kind = "domain"
    id_field = "domainId"
    create_procedure = "domain.create"
    delete_procedure = "domain.delete"
    updates = (Update("domain.update", [field for option, field in OPTIONS if field != "host"], keep=("host",)),)

    def __init__(self, module):
        super(Domain, self).__init__(module)
        self.target = None  # ("application", id) or ("compose", id)

    def desired(self):
        params = self.module.params
        return dict((field, params[option]) for option, field in OPTIONS if params[option] is not None)

    def locate_target(self):
        """("application"|"compose", id), or None when the target (and so the domain) does not exist."""
        params = self.module.params
        present = params["state"] == "present"
        if params["application_id"]:
            return "application", params["application_id"]
        if params["compose_id"]:
            return "compose", params["compose_id"]
        kind = "application" if params["application"] else "compose"
        project = self.resolver.project(name=params["project"], required=present)
        environment = self.resolver.environment(project, name=params["environment"], required=present) if project else None
        if environment is None:
            return None
        name = params[kind]
        found = self.resolver.service(kind, environment, name, params["project"])
        if found is None:
            if present:
                raise DokployError("Project '%s' has no %s named '%s' in environment '%s'"
                                   % (params["project"], kind, name, environment.get("name")))
            return None
        return kind, found["applicationId" if kind == "application" else "composeId"]

    def find(self):
        self.target = self.locate_target()
        if self.target is None:
            return None
        kind, target_id = self.target
        if kind == "application":
            domains = self.client.get("domain.byApplicationId", {"applicationId": target_id}) or []
        else:
            domains = self.client.get("domain.byComposeId", {"composeId": target_id}) or []
        params = self.module.params
        matches = [d for d in domains if d.get("host") == params["host"] and (d.get("path") or "/") == params["path"]
                   and (kind == "application" or (d.get("serviceName") or None) == params["service_name"])]
        if len(matches) > 1:
            raise DokployError("%d domains of this %s have host '%s' and path '%s' (IDs: %s); delete the duplicates in Dokploy"
                               % (len(matches), kind, params["host"], params["path"], ", ".join(d["domainId"] for d in matches)))
        if not matches:
            return None
        found = dict(matches[0])
        found.pop(kind, None)  # the nested application/compose summary
        return found

    def create_payload(self, desired):
        kind, target_id = self.target
        payload = dict((k, v) for k, v in desired.items() if k != "enabled")  # create does not take it
        if kind == "application":
            payload.update(applicationId=target_id, domainType="application")
        else:
            payload.update(composeId=target_id, serviceName=self.module.params["service_name"], domainType="compose")
        return payload

    def normalize_field(self, field, value):
        if field in ("path", "internalPath") and not value:
            value = "/"
        return super(Domain, self).normalize_field(field, value)


def main():
    module = DokployModule(
        argument_spec=dict(
            project=dict(type="str"),
            environment=dict(type="str", default="production"),
            application=dict(type="str"),
            application_id=dict(type="str"),
            compose=dict(type="str"),
            compose_id=dict(type="str"),
            service_name=dict(type="str"),
            host=dict(type="str", required=True),
            path=dict(type="str", default="/"),
            port=dict(type="int"),
            https=dict(type="bool"),
            certificate_type=dict(type="str", choices=["none", "letsencrypt", "custom"]),
            custom_cert_resolver=dict(type="str"),
            internal_path=dict(type="str"),
            strip_path=dict(type="bool"),
            enabled=dict(type="bool"),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        ),
        required_one_of=[("application", "application_id", "compose", "compose_id")],
        mutually_exclusive=[("application", "application_id", "compose", "compose_id")],
        required_by={"compose": "service_name", "compose_id": "service_name"},
    )
    check_params(module)
    module.run(Domain(module).run)


def check_params(module):
    """Everything that can be wrong with the options, found before any request."""
    params = module.params
    if (params["application"] or params["compose"]) and not params["project"]:
        module.fail_json(msg="project is required to find the %s by name" % ("application" if params["application"] else "compose"))
    if params["service_name"] and not (params["compose"] or params["compose_id"]):
        module.fail_json(msg="service_name is only for compose domains (compose or compose_id)")
    host = params["host"]
    if not host or not host.strip():
        module.fail_json(msg="host must not be empty")
    if "://" in host or not HOST.match(host) or len(host) > 253:
        module.fail_json(msg="host '%s' is not a valid host name: use only letters, digits, hyphens and dots "
                             "(no scheme, port or path), for example shop.example.com" % host)
    if params["port"] is not None and not 1 <= params["port"] <= 65535:
        module.fail_json(msg="port must be between 1 and 65535, not %d" % params["port"])
    for option in ("path", "internal_path"):
        if params[option] is not None and not params[option].startswith("/"):
            module.fail_json(msg="%s must start with '/', not '%s'" % (option, params[option]))
    if params["certificate_type"] == "letsencrypt" and params["https"] is not True:
        module.fail_json(msg="certificate_type letsencrypt needs https: true (Let's Encrypt certificates are for HTTPS)")
    if params["certificate_type"] == "custom" and not params["custom_cert_resolver"]:
        module.fail_json(msg="certificate_type custom needs custom_cert_resolver")


if __name__ == "__main__":
    main()
