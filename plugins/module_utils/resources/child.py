# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The base of everything that hangs off a service: domains, mounts, ports, redirects, basic-auth users,
schedules, backups, volume backups.

A child is named by the shared target options (target.py) and by its identity on that service, a few of
its own fields (a mount's ``mountPath``, a port's ``publishedPort`` and ``protocol``). Dokploy keeps none of
these unique, so the identity is the module's to keep: two children with the same identity fail listing
their IDs. The children are read from the service's ``<kind>.one`` (which nests them), so a task that
changes nothing sends two requests: the lookup of the service and its row.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dokploy.dokploy.plugins.module_utils.client import DokployError
from ansible_collections.dokploy.dokploy.plugins.module_utils.resource import Resource
from ansible_collections.dokploy.dokploy.plugins.module_utils.target import (
    TARGET_OPTIONS,
    check_target,
    resolve_target,
    target_argument_spec,
    target_module_kwargs,
)


class Child(Resource):
    target_kinds = TARGET_OPTIONS   # which of application, compose, database the child can hang off
    nested_key = None               # the key of <kind>.one that lists the children, e.g. "mounts"
    identity = ()                   # API fields that identify one child on its service

    @classmethod
    def target_spec(cls):
        return target_argument_spec(cls.target_kinds)

    @classmethod
    def target_kwargs(cls, **extra):
        kwargs = target_module_kwargs(cls.target_kinds)
        for key, value in extra.items():
            kwargs[key] = kwargs.get(key, []) + list(value) if isinstance(value, list) else value
        return kwargs

    @classmethod
    def validate(cls, params):
        check_target(params, cls.target_kinds)

    def __init__(self, ctx, params):
        super(Child, self).__init__(ctx, params)
        self.target = None

    # -- hooks ---------------------------------------------------------------------------------

    def children(self):
        """Every child of the target service (by default the list ``nested_key`` of its row)."""
        return self.target.row.get(self.nested_key) or []

    def wanted_identity(self):
        """``{api_field: value}`` of the identity fields, from the parameters."""
        desired = self.desired(None)
        return dict((field, desired.get(field)) for field in self.identity)

    def same_identity(self, child, wanted):
        return all(self.normalize_field(field, child.get(field)) == self.normalize_field(field, value)
                   for field, value in wanted.items())

    def describe_identity(self, wanted):
        return ", ".join("%s '%s'" % (field, value) for field, value in sorted(wanted.items()))

    # -- the engine hooks ----------------------------------------------------------------------

    def find(self):
        self.target = resolve_target(self.ctx, self.params, self.target_kinds, required=self.params.get("state") != "absent")
        if self.target is None or self.target.pending:
            return None
        wanted = self.wanted_identity()
        matches = [child for child in self.children() if self.same_identity(child, wanted)]
        if len(matches) > 1:
            raise DokployError("%d %ss of %s have %s (IDs: %s); Dokploy does not keep them unique: delete the duplicates"
                               % (len(matches), self.kind, self.target.describe(), self.describe_identity(wanted),
                                  ", ".join(str(m.get(self.id_field)) for m in matches)))
        return matches[0] if matches else None

    def target_payload(self):
        """The fields that attach a new child to its service (by default ``<kind>Id``)."""
        return {self.target.kind.id_field: self.target.id}

    def create_payload(self, desired):
        payload = dict(desired)
        payload.update(self.target_payload())
        return payload

    def label(self, obj=None):
        """"mount with mountPath '/data'" for messages."""
        return "%s with %s" % (self.kind, self.describe_identity(self.wanted_identity()))

    def summary_keys(self):
        return [self.id_field] + list(self.identity)

