# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Domains of applications and compose services."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._resource import Field, Update, VersionField, normalize
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._child import Child
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._checks import (
    check_certificate,
    check_host,
    check_port,
    check_url_path,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._target import target_argument_spec, target_module_kwargs

KINDS = ("application", "compose")

FIELDS = (
    Field("host"), Field("path"), Field("port"), Field("https"), Field("certificate_type", "certificateType"),
    Field("custom_cert_resolver", "customCertResolver"), Field("internal_path", "internalPath"),
    Field("strip_path", "stripPath"), Field("enabled"),
)


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
    # Before v0.30.0 every domain is active: enabled true asks nothing there, false is refused before any write.
    version_fields = (VersionField("enabled", "domain.toggleEnable", option="enabled", implied=True),)
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
        check_port("port", params["port"])
        check_url_path("path", params["path"])
        check_url_path("internal_path", params["internal_path"])
        check_certificate(params)

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

    def create_payload(self, desired):
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
