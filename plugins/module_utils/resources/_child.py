# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The base of everything that hangs off a service: domains, mounts, ports, redirects, basic-auth users,
schedules, backups, volume backups.

A child is named by the shared target options (lookups/_target.py) and by its identity on that service, a few of
its own fields (a mount's ``mountPath``, a port's ``publishedPort`` and ``protocol``). Dokploy keeps none of
these unique, so the identity is the module's to keep: two children with the same identity fail listing
their IDs. The children are read from the service's ``<kind>.one`` (which nests them), so a task that
changes nothing sends two requests: the lookup of the service and its row.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._lookup import unnested_children
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._resource import Resource, fields_desired, normalize
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._target import (
    TARGET_OPTIONS,
    check_target,
    resolve_target,
    target_argument_spec,
    target_module_kwargs,
)


class Child(Resource):
    target_kinds = TARGET_OPTIONS   # which of application, compose, database the child can hang off
    nested_key = None               # the key of <kind>.one that lists the children, e.g. "mounts"
    unnested = None                 # or the key of unnested_children() that lists them (<kind>.one does not nest them)
    identity = ()                   # API fields that identify one child on its service
    # The whole-project module (stack.py, stack_export.py): the section of a service that lists this child
    # (``domains: [...]``), and what Dokploy sets on a new one (a value equal to it is not exported).
    section = None
    export_defaults = {}

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

    # -- identity (class level: the whole-project module matches children without a resource) --------

    @classmethod
    def children_of(cls, row):
        """Every child listed in a service row (by default its list ``nested_key``)."""
        return (row or {}).get(cls.nested_key) or []

    @classmethod
    def identity_of(cls, params):
        """``{api_field: value}`` of the identity fields, from the parameters."""
        desired = fields_desired(cls.fields, params)
        return dict((field, desired.get(field)) for field in cls.identity)

    @classmethod
    def comparable(cls, field, value):
        return normalize(value)

    @classmethod
    def matches(cls, child, params):
        """Whether ``child`` (a row) is the one ``params`` name."""
        return all(cls.comparable(field, child.get(field)) == cls.comparable(field, value)
                   for field, value in cls.identity_of(params).items())

    @classmethod
    def identity_fields(cls):
        return list(cls.identity)

    # -- in a whole project: listed, matched, deleted and exported by the class itself -----------------------

    @classmethod
    def listed(cls, ctx, kind, row, fresh=False):
        """The children of the service ``row`` of ``kind`` as Dokploy lists them, without those Dokploy made itself
        (``fresh``: read again, not from this run's cache)."""
        if cls.unnested:
            rows = unnested_lists(ctx, kind, row[kind.id_field], fresh=fresh)[cls.unnested]
        else:
            rows = cls.children_of(ctx.resolver.row(kind, row[kind.id_field]) if fresh else row)
        return [child for child in rows if not cls.made_by_dokploy(child, row)]

    @classmethod
    def made_by_dokploy(cls, child, row):
        """Whether Dokploy created ``child`` with its service ``row`` (a declaration does not manage it)."""
        return False

    @classmethod
    def declared_by(cls, ctx, child, params):
        """Whether the listed ``child`` is the one the (validated) declaration ``params`` names."""
        return cls.matches(child, params)

    @classmethod
    def remove(cls, ctx, kind, row, child):
        """Delete the listed ``child`` of the service ``row`` through the engine (Resource.delete): an answer that was
        lost is looked for in a fresh listing, never sent again."""
        resource = cls(ctx, dict(dict.fromkeys(cls.argument_spec()), state="absent"))
        resource.delete(child, exists=lambda: any(c.get(cls.id_field) == child[cls.id_field]
                                                  for c in cls.listed(ctx, kind, row, fresh=True)))

    @classmethod
    def export_fields(cls, kind, child):
        """The Field declarations an export reads from ``child`` (the options that name the service excluded)."""
        return [field for field in cls.fields if field.option not in TARGET_ONLY]

    @classmethod
    def exported(cls, exporter, kind, child, where):
        """``child`` as the options of its declaration (None: it cannot be declared back)."""
        return exporter.options(cls, cls.export_fields(kind, child), child, where, cls.export_defaults)

    def describe_identity(self, wanted):
        return ", ".join("%s '%s'" % (field, value) for field, value in sorted(wanted.items()))

    def normalize_field(self, field, value):
        return self.comparable(field, value)

    # -- the engine hooks ----------------------------------------------------------------------

    def find(self):
        self.target = resolve_target(self.ctx, self.params, self.target_kinds, required=self.params.get("state") != "absent")
        if self.target is None or self.target.pending:
            return None
        wanted = self.identity_of(self.params)
        matches = [dict(child) for child in self.children_of(self.target.row) if self.matches(child, self.params)]
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
        return "%s with %s" % (self.kind, self.describe_identity(self.identity_of(self.params)))

    def summary_keys(self):
        return [self.id_field] + list(self.identity)


# Options of a child that say which service it hangs off: a declaration in a whole project takes them from where the
# child stands.
TARGET_ONLY = frozenset(TARGET_OPTIONS) | frozenset("%s_id" % option for option in TARGET_OPTIONS) | \
    frozenset(("project", "project_id", "environment", "environment_id", "database_type", "state"))


def unnested_lists(ctx, kind, service_id, fresh=False):
    """The lists of children that ``<kind>.one`` does not nest (unnested_children), read once per service and run
    (``fresh``: read again). A database has volume backups but no schedules."""
    cache = ctx.__dict__.setdefault("unnested_lists", {})
    key = (kind.name, service_id)
    if fresh or key not in cache:
        if kind.is_database:
            cache[key] = {"schedules": [], "volumeBackups": ctx.client.get(
                "volumeBackups.list", {"id": service_id, "volumeBackupType": kind.name}) or []}
        else:
            cache[key] = unnested_children(ctx.client, kind.name, service_id)
    return cache[key]
