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

from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._capabilities import require_kind
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._checks import check_ids, check_name
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._kinds import DATABASE_TYPES, SERVICE_KINDS
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._lookup import DokployMissingError, Service

TARGET_OPTIONS = ("application", "compose", "database")


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


def target_kind(params, kinds=TARGET_OPTIONS):
    """The ServiceKind the target options name."""
    for kind in kinds:
        if params.get(kind) is not None or params.get("%s_id" % kind):
            return SERVICE_KINDS[params["database_type"]] if kind == "database" else SERVICE_KINDS[kind]
    return None


def resolve_target(ctx, params, kinds=TARGET_OPTIONS, required=True):
    """The service (lookup.Service) the parameters name, through the one service lookup (Resolver.find_service).

    A service (or a parent of it) that does not exist fails with the lookup's message when ``required``;
    otherwise the answer is None. In check mode a missing service or parent may be one that an earlier task
    of the play would create: the Context records it (Context.missing_parent) and the answer is a pending service.
    """
    kind = target_kind(params, kinds)
    require_kind(ctx.client, kind, "database_type=libsql")
    option = "database" if kind.is_database else kind.name
    name = params.get(option)
    where = {}
    try:
        service = ctx.resolver.find_service(
            kind, name=name, service_id=params.get("%s_id" % option), project_name=params.get("project"),
            environment_name=params.get("environment"), project_id=params.get("project_id"),
            environment_id=params.get("environment_id"), search=not ctx.shared_lookups)
        if service is None:
            project, environment = ctx.resolver.locate_environment(
                project_name=params.get("project"), environment_name=params.get("environment"),
                project_id=params.get("project_id"), environment_id=params.get("environment_id"))
            where = dict(project=project, environment=environment)
            names = sorted(set(str(s.get("name")) for s in ctx.resolver.service_summaries(kind.name, environment)))
            raise DokployMissingError("Environment '%s' of project '%s' has no %s named '%s'; existing: %s"
                                      % (environment.get("name"), project.get("name"), kind.noun, name,
                                         ", ".join(names) or "none"))
    except DokployMissingError as error:
        if not required:
            return None
        ctx.missing_parent(error, kind.noun)
        return Service(ctx.resolver, kind, None, name=name, **where)
    return service
