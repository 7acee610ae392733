# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Redirects of an application (Traefik ``redirectRegex`` middlewares, utils/traefik/redirect.ts).

redirects.create needs regex, replacement and permanent, and answers only ``true`` [1068, 1071]: the new row is
found in application.one.redirects [1076]. redirects.update needs the same three fields and answers the new row
[1079, 1080] (NOTES-resources.md "redirects"). Dokploy stores a regex that cannot compile (``([``) [1074].
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._resource import Field, Update
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._child import Child
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._checks import check_name
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._target import target_module_kwargs

KINDS = ("application",)
FIELDS = (Field("regex"), Field("replacement"), Field("permanent"))
ALL = [f.api for f in FIELDS]
# What Python's re accepts but Traefik's Go regexp (RE2) refuses: lookarounds and backreferences.
NOT_RE2 = re.compile(r"\(\?<?[=!]|\\[1-9]")


def check_regex(regex):
    """Refuse a regex Traefik cannot compile. Traefik uses Go's regexp (RE2 syntax); Python's re is close enough
    to tell a broken pattern (``([``) from a valid one, and the RE2-only limits are checked on top."""
    try:
        re.compile(regex)
    except re.error as error:
        raise DokployParamError("regex '%s' is not a valid regular expression: %s" % (regex, error), option="regex")
    if NOT_RE2.search(regex):
        raise DokployParamError("regex '%s' uses a lookaround or a backreference, which Traefik's regular expressions "
                                "(Go RE2) do not support" % regex, option="regex")


class Redirect(Child):
    kind = "redirect"
    section = "redirects"
    export_defaults = {"permanent": False}
    id_field = "redirectId"
    create_procedure = "redirects.create"
    delete_procedure = "redirects.delete"
    target_kinds = KINDS
    nested_key = "redirects"
    identity = ("regex",)
    fields = FIELDS
    updates = (Update("redirects.update", ALL, keep=ALL),)
    module_kwargs = dict(target_module_kwargs(KINDS), required_if=[("state", "present", ("replacement",))])

    @classmethod
    def argument_spec(cls):
        spec = cls.target_spec()
        spec.update(
            regex=dict(type="str", required=True),
            replacement=dict(type="str"),
            permanent=dict(type="bool"),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        )
        return spec

    @classmethod
    def validate(cls, params):
        super(Redirect, cls).validate(params)
        check_name("regex", params["regex"])
        if params["state"] == "present":  # a broken regex Dokploy stored [1074] can still be deleted
            check_regex(params["regex"])
        check_name("replacement", params["replacement"])

    def create_payload(self, desired):
        payload = super(Redirect, self).create_payload(desired)
        payload.setdefault("permanent", False)  # required by redirects.create [1071]; Dokploy's form defaults to false
        return payload
