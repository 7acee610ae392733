# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Basic-auth users of an application (Dokploy's ``security`` router, a Traefik ``basicAuth`` middleware).

security.create answers only ``true`` [1085]: the new row is found in application.one.security [1093].
security.update needs both username and password and answers an empty body [1096, 1098]. The password comes back
in clear everywhere [1093, 1094, 1101] (NOTES-resources.md "security"): it is compared, never shown (``password``
is a secrets.SECRET_FIELDS name, masked in results and diffs). (username, application) is the one uniqueness
Dokploy enforces [1087].
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._resource import Field, Update
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._child import Child
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._checks import check_name
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._target import target_module_kwargs

KINDS = ("application",)
FIELDS = (Field("username"), Field("password"))


class BasicAuth(Child):
    kind = "basic_auth"
    section = "basic_auth"
    id_field = "securityId"
    create_procedure = "security.create"
    delete_procedure = "security.delete"
    target_kinds = KINDS
    nested_key = "security"
    identity = ("username",)
    fields = FIELDS
    updates = (Update("security.update", ["password"], keep=("username", "password")),)
    module_kwargs = dict(target_module_kwargs(KINDS), required_if=[("state", "present", ("password",))])

    @classmethod
    def exported(cls, exporter, kind, child, where):
        item = super(BasicAuth, cls).exported(exporter, kind, child, where)
        return item if "password" in item else None   # without its password a user cannot be declared (listed as left out)

    @classmethod
    def argument_spec(cls):
        spec = cls.target_spec()
        spec.update(
            username=dict(type="str", required=True),
            password=dict(type="str", no_log=True),
            update_password=dict(type="str", choices=["always", "on_create"], default="always", no_log=False),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        )
        return spec

    @classmethod
    def validate(cls, params):
        super(BasicAuth, cls).validate(params)
        check_name("username", params["username"])
        if ":" in params["username"]:
            # Traefik's basicAuth users are "name:hash" lines (utils/traefik/security.ts).
            raise DokployParamError("username must not contain ':'", option="username")
        if params["password"] is not None and not params["password"]:
            raise DokployParamError("password must not be empty", option="password")

    def desired(self, current):
        desired = super(BasicAuth, self).desired(current)
        if current is not None and self.params["update_password"] == "on_create":
            desired.pop("password", None)
        return desired
