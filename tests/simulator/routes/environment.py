# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""environment router [70-95, 526, 537].

Older Dokploy (ctx.config["behaviours"], tests/simulator/versions.py): before v0.26.1 there is no
isDefault and the environment *named* production is the protected one, environment.one returns whole
rows; before v0.27.1 environment.remove deletes the services with the environment
(apps/dokploy/server/api/routers/environment.ts, packages/server/src/services/environment.ts).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ..registry import ApiError, not_found, route
from ..services import (KINDS, delete_environment, environment_has_services, environment_with_project, service_arrays,
                        summary_environment_one)
from ..state import table
from ..util import by_created, ilike, nanoid, now_iso, public, since as _since, touch
from .project import new_environment


def _get(state, environment_id):
    env = table(state, "environment").get(environment_id)
    if env is None:
        raise not_found("Environment")
    return env


def _whole_service(state, kind, row):
    """environment.one before v0.26.1: the whole service row, with its server and (apps, compose) deployments."""
    out = public(row)
    id_field = KINDS[kind]["id"]
    if kind in ("application", "compose"):
        out["deployments"] = [public(d) for d in table(state, "deployment").values() if d.get(id_field) == row[id_field]]
    server = table(state, "server").get(row.get("serverId"))
    out["server"] = public(server) if server else None
    return out


def _whole(state, env):
    out = public(env)
    out.update(service_arrays(state, env["environmentId"], _whole_service))
    out["project"] = environment_with_project(state, env)["project"]
    return out


def _nested(state, env, with_project_fields):
    """environment.one [78] / byProjectId [70] item."""
    out = {"name": env["name"], "description": env["description"], "environmentId": env["environmentId"], "isDefault": env["isDefault"]}
    if with_project_fields:
        out["projectId"] = env["projectId"]
        out["env"] = env["env"]
    out.update(service_arrays(state, env["environmentId"], summary_environment_one))
    out["project"] = environment_with_project(state, env)["project"]
    return out


@route("environment.create")
def create(state, inp, ctx):
    if inp["name"] == "production":
        raise ApiError(400, "You cannot create a environment with the name 'production'" if _since(ctx, "environment.isDefault")
                       else "Environment name cannot be production")
    if inp["projectId"] not in table(state, "project"):
        raise ApiError(400, (
            'Error creating the environment: Failed query: insert into "environment" ("environmentId", "name", "description", '
            '"createdAt", "env", "projectId", "isDefault") values ($1, $2, default, $3, default, $4, default) returning '
            '"environmentId", "name", "description", "createdAt", "env", "projectId", "isDefault"\nparams: %s,%s,%s,%s'
        ) % (nanoid(), inp["name"], now_iso(), inp["projectId"]))
    env = new_environment(state, inp["projectId"], inp["name"], inp.get("description"))
    return public(env)


@route("environment.one")
def one(state, inp, ctx):
    env = _get(state, inp["environmentId"])
    if not _since(ctx, "environment.one.summary"):
        return _whole(state, env)
    return _nested(state, env, True)


@route("environment.byProjectId")
def by_project_id(state, inp, ctx):
    envs = [e for e in table(state, "environment").values() if e["projectId"] == inp["projectId"]]
    return [_nested(state, e, False) for e in by_created(envs)]


@route("environment.update")
def update(state, inp, ctx):
    env = table(state, "environment").get(inp["environmentId"])
    if env is None:
        raise ApiError(400, "Error updating the environment: Environment not found")
    if not _since(ctx, "environment.isDefault"):
        if inp.get("name") == "production":
            raise ApiError(400, "Error updating the environment: Environment name cannot be production")
    elif env["isDefault"] and "name" in inp:
        raise ApiError(400, "Error updating the environment: You cannot rename the default environment")
    for field in ("name", "description", "projectId", "env"):
        if field in inp:
            env[field] = inp[field]
    touch(table(state, "environment"), env["environmentId"])
    return public(env)


@route("environment.remove")
def remove(state, inp, ctx):
    env = _get(state, inp["environmentId"])
    if not _since(ctx, "environment.isDefault"):
        if env["name"] == "production":
            raise ApiError(400, "You cannot delete the production environment")
    elif env["isDefault"]:
        raise ApiError(400, "You cannot delete the default environment")
    if not _since(ctx, "environment.remove.refuses_services"):
        delete_environment(state, env["environmentId"])  # the services cascade with it (onDelete: "cascade")
        return public(env)
    if environment_has_services(state, env["environmentId"]):
        raise ApiError(400, "Cannot delete environment: it has active services. Delete all services first.")
    table(state, "environment").pop(env["environmentId"])
    return public(env)


@route("environment.duplicate")
def duplicate(state, inp, ctx):
    source = table(state, "environment").get(inp["environmentId"])
    if source is None:
        raise ApiError(400, "Error duplicating the environment: Environment not found")
    env = new_environment(state, source["projectId"], inp["name"], inp.get("description"), source.get("env", ""))
    return public(env)


@route("environment.search")
def search(state, inp, ctx):
    rows = by_created(table(state, "environment").values(), newest_first=True)
    if inp.get("projectId"):
        rows = [r for r in rows if r["projectId"] == inp["projectId"]]
    if inp.get("q"):
        rows = [r for r in rows if ilike(r["name"], inp["q"]) or ilike(r.get("description"), inp["q"])]
    if inp.get("name"):
        rows = [r for r in rows if ilike(r["name"], inp["name"])]
    if inp.get("description"):
        rows = [r for r in rows if ilike(r.get("description"), inp["description"])]
    offset, limit = int(inp.get("offset", 0)), int(inp.get("limit", 20))
    return {"items": [public(r) for r in rows[offset:offset + limit]], "total": len(rows)}
