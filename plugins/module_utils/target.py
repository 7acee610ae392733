# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""One way to name the service a module acts on (doc fragment ``dokploy.dokploy.target``).

``project`` (or ``project_id``), ``environment`` (default ``production``, or ``environment_id``), then
exactly one of ``application``, ``compose`` or ``database`` with ``database_type``; or the service's own
ID (``application_id``, ``compose_id``, ``database_id`` with ``database_type``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.dokploy.dokploy.plugins.module_utils.capabilities import require
from ansible_collections.dokploy.dokploy.plugins.module_utils.client import DokployNotFoundError, DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.kinds import DATABASE_TYPES, SERVICE_KINDS
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookup import DokployLookupError, DokployMissingError

TARGET_OPTIONS = ("application", "compose", "database")

# Dokploy's IDs are nanoid()s: letters, digits, "_" and "-". Anything else cannot name an object, so it is refused
# before any request instead of being answered "not found" (or sent into a query string).
DOKPLOY_ID = re.compile(r"^[A-Za-z0-9_-]+$")
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def check_ids(params, options):
    """Refuse an ID option (of ``options``) that cannot be a Dokploy ID."""
    for option in options:
        value = params.get(option)
        if value and not DOKPLOY_ID.match(value):
            raise DokployParamError("%s '%s' is not a Dokploy ID: IDs have only letters, digits, '_' and '-'"
                                    % (option, value), option=option)


def check_name(option, value):
    """Refuse a name that is empty or not one line (a newline or another control character)."""
    if value is None:
        return
    if not value.strip():
        raise DokployParamError("%s must not be empty" % option, option=option)
    if _CONTROL_CHARACTERS.search(value):
        raise DokployParamError("%s must be one line of text, without newlines or other control characters"
                                % option, option=option)


def target_argument_spec(kinds=TARGET_OPTIONS):
    """The target options for a module whose service is one of ``kinds`` (``application``, ``compose``,
    ``database``)."""
    spec = dict(
        project=dict(type="str"),
        project_id=dict(type="str"),
        environment=dict(type="str", default="production"),
        environment_id=dict(type="str"),
    )
    for kind in kinds:
        spec[kind] = dict(type="str")
        spec["%s_id" % kind] = dict(type="str")
    if "database" in kinds:
        spec["database_type"] = dict(type="str", choices=list(DATABASE_TYPES))
    return spec


def target_module_kwargs(kinds=TARGET_OPTIONS):
    """required_one_of / mutually_exclusive / required_by of the target options."""
    names = [option for kind in kinds for option in (kind, "%s_id" % kind)]
    kwargs = dict(required_one_of=[names], mutually_exclusive=[names, ("project", "project_id")])
    if "database" in kinds:
        kwargs["required_by"] = {"database": "database_type", "database_id": "database_type"}
    return kwargs


def check_target(params, kinds=TARGET_OPTIONS):
    """The target problems AnsibleModule's own checks cannot express; raises DokployParamError."""
    named = [kind for kind in kinds if params.get(kind) is not None]
    check_ids(params, ["project_id", "environment_id"] + ["%s_id" % kind for kind in kinds])
    check_name("project", params.get("project"))
    check_name("environment", params.get("environment"))
    for kind in named:
        check_name(kind, params[kind])
        if not (params.get("project") or params.get("project_id") or params.get("environment_id")):
            raise DokployParamError("%s is a name: it needs project (or project_id, or environment_id), or give %s_id "
                                    "instead" % (kind, kind), option=kind)
    if params.get("database_type") and not (params.get("database") or params.get("database_id")):
        raise DokployParamError("database_type needs database or database_id", option="database_type")


class Target(object):
    """The service a module acts on. ``id`` is None in check mode when the service (or a parent) does not
    exist yet. ``row`` is the service as ``<kind>.one`` returns it (the run's shared cache)."""

    def __init__(self, ctx, kind, service_id, name=None, project=None, environment=None):
        self.ctx = ctx
        self.kind = kind
        self.id = service_id
        self.name = name
        self.project = project
        self.environment = environment

    @property
    def pending(self):
        return self.id is None

    @property
    def row(self):
        if self.id is None:
            return None
        return self.ctx.resolver.row(self.kind, self.id)

    def describe(self):
        where = ""
        if self.environment is not None:
            where = " in environment '%s'" % self.environment.get("name")
        if self.project is not None:
            where += " of project '%s'" % self.project.get("name")
        return "%s '%s'%s" % (self.kind.noun, self.name or self.id, where)


def search_database(ctx, kind, name, environment, project):
    """The ``kind`` database named ``name`` in ``environment`` of ``project`` (names), in two requests:
    ``<type>.search`` by name (a case-insensitive substring match, NOTES.md "Search endpoints"), then ``<type>.one``
    of each exact match, whose nested environment and project tell where it is. project.all lists databases by ID
    only, so the lookup through it takes a third request (environment.one). None when there is no such database."""
    items, offset = [], 0
    while True:
        page = ctx.client.get(kind.procedure("search"), {"name": name, "limit": 100, "offset": offset}) or {}
        items.extend(page.get("items") or [])
        offset += 100
        if offset >= (page.get("total") or 0):
            break
    rows = []
    for item in items:
        if item.get("name") == name:
            row = ctx.resolver.row(kind, item[kind.id_field])
            where = row.get("environment") or {}
            if where.get("name") == environment and (where.get("project") or {}).get("name") == project:
                rows.append(row)
    if len(rows) > 1:
        raise DokployLookupError("%d %ss are named '%s' in environment '%s' of project '%s' (IDs: %s); Dokploy does not "
                                 "keep names unique, so set database_id to choose one"
                                 % (len(rows), kind.noun, name, environment, project,
                                    ", ".join(r[kind.id_field] for r in rows)))
    return rows[0] if rows else None


def target_kind(params, kinds=TARGET_OPTIONS):
    """The ServiceKind the target options name."""
    for kind in kinds:
        if params.get(kind) is not None or params.get("%s_id" % kind):
            return SERVICE_KINDS[params["database_type"]] if kind == "database" else SERVICE_KINDS[kind]
    return None


def resolve_target(ctx, params, kinds=TARGET_OPTIONS, required=True):
    """The Target the parameters name.

    A service (or a parent of it) that does not exist fails with the lookup's message when ``required``;
    otherwise the answer is None. In check mode a missing service or parent may be one that an earlier task
    of the play would create, so it gives a pending Target and a warning instead of a failure.
    """
    kind = target_kind(params, kinds)
    if kind.name == "libsql":
        # the libsql router arrived in Dokploy v0.29.0: an older server answers every libsql call with a 404
        require(ctx.client.version(), "libsql", "database_type=libsql")
    option = "database" if kind.is_database else kind.name
    service_id = params.get("%s_id" % option)
    if service_id:
        try:
            service = ctx.resolver.row(kind, service_id)
        except DokployNotFoundError:
            return _missing(ctx, kind, required, "No %s has ID '%s'" % (kind.noun, service_id))
        return Target(ctx, kind, service_id, name=service.get("name"))
    if kind.is_database and kind.database.searchable and params.get("project") and not params.get("environment_id") \
            and not ctx.shared_lookups:
        try:
            row = search_database(ctx, kind, params[option], params.get("environment") or "production", params["project"])
        except DokployNotFoundError:
            row = None  # no <type>.search before Dokploy v0.28.3 (capabilities.py): the lookup below
        if row is not None:
            return Target(ctx, kind, row[kind.id_field], name=params[option])
    try:
        project, environment = ctx.resolver.locate_environment(
            project_name=params.get("project"), environment_name=params.get("environment"),
            project_id=params.get("project_id"), environment_id=params.get("environment_id"))
    except DokployMissingError as error:
        return _missing(ctx, kind, required, error.message, name=params[option])
    summary = ctx.resolver.service(kind.name, environment, params[option], project_name=project.get("name"))
    if summary is None:
        names = sorted(set(str(s.get("name")) for s in ctx.resolver.service_summaries(kind.name, environment)))
        return _missing(ctx, kind, required, "Environment '%s' of project '%s' has no %s named '%s'; existing: %s"
                        % (environment.get("name"), project.get("name"), kind.noun, params[option],
                           ", ".join(names) or "none"), name=params[option], project=project, environment=environment)
    return Target(ctx, kind, summary[kind.id_field], name=params[option], project=project, environment=environment)


def _missing(ctx, kind, required, message, **found):
    if not required:
        return None
    if ctx.check_mode:
        ctx.warn("%s. In check mode this is taken as a %s an earlier task would create; without check mode the task "
                 "fails" % (message, kind.noun))
        return Target(ctx, kind, None, **found)
    raise DokployMissingError(message)
