# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Domains of applications and compose services."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._capabilities import require
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._resource import Field, Update, normalize
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._child import Child
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._target import target_argument_spec, target_module_kwargs

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
HOST = re.compile(r"^(?:\*\.)?%s(?:\.%s)*$" % (_LABEL, _LABEL))
KINDS = ("application", "compose")

FIELDS = (
    Field("host"), Field("path"), Field("port"), Field("https"), Field("certificate_type", "certificateType"),
    Field("custom_cert_resolver", "customCertResolver"), Field("internal_path", "internalPath"),
    Field("strip_path", "stripPath"), Field("enabled"),
)


def check_host(option, host):
    if not host or not host.strip():
        raise DokployParamError("%s must not be empty" % option, option=option)
    if "://" in host or not HOST.match(host) or len(host) > 253:
        raise DokployParamError("%s '%s' is not a valid host name: use only letters, digits, hyphens and dots "
                                "(no scheme, port or path), for example shop.example.com" % (option, host), option=option)


class Domain(Child):
    """Identity: host and path (and the compose service's name) on its service; listed in the service row's
    ``domains`` (application.one and compose.one nest them, seq 147/339)."""

    kind = "domain"
    section = "domains"
    # Dokploy's defaults of a new domain (recorded create answer [147])
    export_defaults = {"path": "/", "https": False, "certificateType": "none", "internalPath": "/", "stripPath": False,
                       "enabled": True}
    target_kinds = KINDS
    nested_key = "domains"
    identity = ("host", "path")
    id_field = "domainId"
    create_procedure = "domain.create"
    delete_procedure = "domain.delete"
    fields = FIELDS
    updates = (Update("domain.update", [f.api for f in FIELDS if f.api != "host"], keep=("host",)),)
    module_kwargs = dict(target_module_kwargs(KINDS), required_by={"compose": "service_name", "compose_id": "service_name"})

    @classmethod
    def argument_spec(cls):
        spec = target_argument_spec(KINDS)
        spec.update(
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
        )
        return spec

    @classmethod
    def validate(cls, params):
        super(Domain, cls).validate(params)
        if params["service_name"] and not (params["compose"] or params["compose_id"]):
            raise DokployParamError("service_name is only for compose domains (compose or compose_id)", option="service_name")
        check_host("host", params["host"])
        if params["port"] is not None and not 1 <= params["port"] <= 65535:
            raise DokployParamError("port must be between 1 and 65535, not %d" % params["port"], option="port")
        for option in ("path", "internal_path"):
            if params[option] is not None and not params[option].startswith("/"):
                raise DokployParamError("%s must start with '/', not '%s'" % (option, params[option]), option=option)
            if params[option] is not None and (".." in params[option].split("/") or re.search(r"\s", params[option])):
                raise DokployParamError("%s '%s' must be a URL path without spaces or '..' segments"
                                        % (option, params[option]), option=option)
        if params["certificate_type"] == "letsencrypt" and params["https"] is not True:
            raise DokployParamError("certificate_type letsencrypt needs https: true (Let's Encrypt certificates are for "
                                    "HTTPS)", option="certificate_type")
        if params["certificate_type"] == "custom" and not params["custom_cert_resolver"]:
            raise DokployParamError("certificate_type custom needs custom_cert_resolver", option="custom_cert_resolver")

    @classmethod
    def identity_of(cls, params):
        identity = super(Domain, cls).identity_of(params)
        if params.get("compose") or params.get("compose_id"):
            identity["serviceName"] = params.get("service_name")
        return identity

    @classmethod
    def comparable(cls, field, value):
        if field in ("path", "internalPath") and not value:
            value = "/"
        return normalize(value)

    def compare(self, current, desired):
        if "enabled" in desired and "enabled" not in current:
            # A server before v0.30.0 has no domain.enabled (the row says so, no request): every domain is active,
            # so enabled=true holds; enabled=false cannot be stored (the field would be dropped).
            if desired["enabled"] is not False:
                desired = dict((k, v) for k, v in desired.items() if k != "enabled")
            else:
                require(self.client.version(), "domain.toggleEnable", "dokploy_domain's enabled=false")
        return super(Domain, self).compare(current, desired)

    def create_payload(self, desired):
        if desired.get("enabled") is False:
            # set by an update after the create: refuse before creating on a server that cannot store it
            require(self.client.version(), "domain.toggleEnable", "dokploy_domain's enabled=false")
        payload = dict((k, v) for k, v in desired.items() if k != "enabled")  # create does not take it
        kind = self.target.kind.name
        payload.update(self.target_payload())
        payload["domainType"] = kind
        if kind == "compose":
            payload["serviceName"] = self.params["service_name"]
        return payload

    @classmethod
    def export_fields(cls, kind, child):
        # a compose domain names the service of the stack it routes to (identity_of); other services have one
        fields = super(Domain, cls).export_fields(kind, child)
        return fields + [Field("service_name", "serviceName")] if kind.name == "compose" else fields

    def label(self, obj=None):
        """"domain 'shop.example.com/api'" for messages (a domain has no name)."""
        obj = obj or self.params
        return "domain '%s%s'" % (obj.get("host"), "" if (obj.get("path") or "/") == "/" else obj["path"])
