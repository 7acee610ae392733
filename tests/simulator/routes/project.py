# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""project router [34-69, 524-525, 538-541]."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy

from ..cascade import delete_row
from ..registry import ApiError, not_found, route
from ..services import (KINDS, PROJECT_ONE_SERVICE_KEYS, delete_environment, kind_of_key, service_arrays,
                        services_in_environment, summary_all, summary_project_one)
from ..state import table
from ..util import build_app_name, by_created, ilike, nanoid, now_iso, public, touch
from .tag import project_tags

PROJECT_FIELDS = ("name", "description", "createdAt", "organizationId", "env")


def new_project(state, ctx, name, description=None, env=""):
    row = {"projectId": nanoid(), "name": name, "description": description, "createdAt": now_iso(),
           "organizationId": ctx.organization_id, "env": env}
    table(state, "project")[row["projectId"]] = row
    return row


def new_environment(state, project_id, name, description=None, env="", is_default=False):
    row = {"environmentId": nanoid(), "name": name, "description": description, "createdAt": now_iso(), "env": env,
           "projectId": project_id, "isDefault": is_default}
    table(state, "environment")[row["environmentId"]] = row
    return row


def create_production_environment(state, project_id):
    return new_environment(state, project_id, "production", "Production environment", is_default=True)


def get_project(state, project_id):
    row = table(state, "project").get(project_id)
    if row is None:
        raise not_found("Project")
    return row


def environments_of(state, project_id):
    return [e for e in table(state, "environment").values() if e["projectId"] == project_id]


@route("project.create")
def create(state, inp, ctx):
    project = new_project(state, ctx, inp["name"], inp.get("description"), inp.get("env", ""))
    env = create_production_environment(state, project["projectId"])
    return {"project": public(project), "environment": public(env)}


@route("project.all")
def all_(state, inp, ctx):
    out = []
    for project in by_created(table(state, "project").values(), newest_first=True):
        item = public(project)
        item["environments"] = []
        for env in environments_of(state, project["projectId"]):
            summary = {"name": env["name"], "environmentId": env["environmentId"], "isDefault": env["isDefault"]}
            summary.update(service_arrays(state, env["environmentId"], summary_all))
            item["environments"].append(summary)
        item["projectTags"] = project_tags(state, project["projectId"])
        out.append(item)
    return out


@route("project.one")
def one(state, inp, ctx):
    project = get_project(state, inp["projectId"])
    out = public(project)
    out["environments"] = []
    for env in environments_of(state, project["projectId"]):
        item = public(env)
        item.update(service_arrays(state, env["environmentId"], summary_project_one, PROJECT_ONE_SERVICE_KEYS))
        out["environments"].append(item)
    out["projectTags"] = project_tags(state, project["projectId"])
    return out


@route("project.update")
def update(state, inp, ctx):
    project = get_project(state, inp["projectId"])
    for field in PROJECT_FIELDS:
        if field in inp:
            project[field] = inp[field]
    touch(table(state, "project"), project["projectId"])
    return public(project)


@route("project.remove")
def remove(state, inp, ctx):
    project = get_project(state, inp["projectId"])
    for env in environments_of(state, project["projectId"]):
        delete_environment(state, env["environmentId"])
    delete_row(state, "project", project["projectId"])  # its tag links go by the foreign key (cascade.py)
    return public(project)


@route("project.search")
def search(state, inp, ctx):
    rows = by_created(table(state, "project").values(), newest_first=True)
    if inp.get("q"):
        rows = [r for r in rows if ilike(r["name"], inp["q"]) or ilike(r.get("description"), inp["q"])]
    if inp.get("name"):
        rows = [r for r in rows if ilike(r["name"], inp["name"])]
    if inp.get("description"):
        rows = [r for r in rows if ilike(r.get("description"), inp["description"])]
    offset, limit = int(inp.get("offset", 0)), int(inp.get("limit", 20))
    return {"items": [public(r) for r in rows[offset:offset + limit]], "total": len(rows)}


def copy_services(state, source_env_id, target_env_id, selected=None):
    """Duplicate services (rows get new ids, appNames, timestamps) into another environment."""
    for key in PROJECT_ONE_SERVICE_KEYS:
        kind = kind_of_key(key)
        meta = KINDS[kind]
        for row in services_in_environment(state, kind, source_env_id):
            if selected is not None and row[meta["id"]] not in selected:
                continue
            clone = copy.deepcopy(row)
            clone[meta["id"]] = nanoid()
            clone["appName"] = build_app_name(meta["prefix"])
            clone["createdAt"] = now_iso()
            clone["environmentId"] = target_env_id
            if "refreshToken" in clone:
                clone["refreshToken"] = nanoid()
            table(state, kind)[clone[meta["id"]]] = clone


@route("project.duplicate")
def duplicate(state, inp, ctx):
    source = table(state, "environment").get(inp["sourceEnvironmentId"])
    if source is None:
        raise ApiError(400, "Error duplicating the project: Environment not found")
    selected = None
    if inp.get("selectedServices"):
        selected = set(s.get("id") for s in inp["selectedServices"] if isinstance(s, dict))
    if inp.get("duplicateInSameProject"):
        target = source
    else:
        project = new_project(state, ctx, inp["name"], inp.get("description"))
        target = create_production_environment(state, project["projectId"])
    if inp.get("includeServices", True):
        copy_services(state, source["environmentId"], target["environmentId"], selected)
    return public(target)
