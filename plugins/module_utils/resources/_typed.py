# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Organisation-wide objects of several types in one module (notifications, Git providers): ``type`` chooses a row
of the subclass's ``types`` table, whose ``options`` are ``(option, API field)`` pairs; an option another type has
is refused before any request, naming it, as dokploy_database refuses the options of other database types."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._resource import Resource
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._checks import check_name


class TypedResource(Resource):
    types = {}           # type -> an object with ``options``: ((option, API field), ...)
    type_choices = ()    # what ``type`` accepts (may hold types only listed or deleted, such as github)
    option_specs = {}    # every type's options: option -> argument spec
    secret_options = ()  # the options that are no_log (masked by the client in messages)
    module_kwargs = dict(required_if=[("state", "present", ("type",))])

    @classmethod
    def argument_spec(cls):
        spec = dict(
            name=dict(type="str", required=True),
            type=dict(type="str", choices=list(cls.type_choices)),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        )
        spec.update((option, dict(option_spec, no_log=option in cls.secret_options))
                    for option, option_spec in cls.option_specs.items())
        return spec

    @classmethod
    def validate(cls, params):
        check_name("name", params["name"])
        wrong = cls.unsupported_options(params)
        if wrong:
            raise DokployParamError("%s not available for type %s" % (", ".join(wrong), params["type"]), option=wrong[0])

    @classmethod
    def unsupported_options(cls, params):
        """The options set in ``params`` that its ``type`` does not have (e.g. topic for a slack notification)."""
        if not params.get("type"):
            return []
        kind = cls.types.get(params["type"])
        own = set(option for option, api in kind.options) if kind else set()
        return [option for option in sorted(cls.option_specs) if params.get(option) is not None and option not in own]
