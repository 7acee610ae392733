# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""tag router: create, all, one, update, remove, assignToProject, removeFromProject, bulkAssign.

Not recorded: shapes from Dokploy's source at v0.30.2 (apps/dokploy/server/api/routers/tag.ts,
packages/server/src/db/schema/tag.ts). Tags live in table `tag`, their links to projects in table `projectTag`
({id, projectId, tagId}); project.all and project.one nest them as `projectTags: [{id, projectId, tagId, tag}]`
(routers/project.ts `projectTags: {with: {tag: true}}`), through project_tags() below.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ..registry import ApiError, route
from ..state import table
from ..util import nanoid, now_iso, public

DUPLICATE_NAME = "A tag with this name already exists in your organization"
PROJECT_NOT_FOUND = "Project not found or you don't have permission to modify it"
TAG_NOT_USABLE = "Tag not found or you don't have permission to use it"


def project_tags(state, project_id):
    """`projectTags` of project.all/one: the links of the project (heap order), each with its tag."""
    tags = table(state, "tag")
    return [dict(public(link), tag=public(tags[link["tagId"]])) for link in table(state, "projectTag").values()
            if link["projectId"] == project_id and link["tagId"] in tags]


def new_tag(state, organization_id, name, color=None):
    """A tag row as tag.create returns it; also used to seed fixtures."""
    if any(t["name"] == name for t in table(state, "tag").values()):
        raise ApiError(409, DUPLICATE_NAME)  # unique_org_tag_name
    row = {"tagId": nanoid(), "name": name, "color": color, "createdAt": now_iso(), "organizationId": organization_id}
    table(state, "tag")[row["tagId"]] = row
    return row


def _tag(state, tag_id, message):
    row = table(state, "tag").get(tag_id)
    if row is None:
        raise ApiError(404, message)
    return row


def _check_project(state, project_id):
    if project_id not in table(state, "project"):
        raise ApiError(404, PROJECT_NOT_FOUND)


def _unlink(state, predicate):
    links = table(state, "projectTag")
    for link_id in [k for k, link in links.items() if predicate(link)]:
        del links[link_id]


def _link(state, project_id, tag_id):
    row = {"id": nanoid(), "projectId": project_id, "tagId": tag_id}
    table(state, "projectTag")[row["id"]] = row
    return row


@route("tag.create")
def create(state, inp, ctx):
    return public(new_tag(state, ctx.organization_id, inp["name"], inp.get("color")))


@route("tag.all")
def all_(state, inp, ctx):
    """Ordered by name."""
    return [public(t) for t in sorted(table(state, "tag").values(), key=lambda t: t["name"])]


@route("tag.one")
def one(state, inp, ctx):
    return public(_tag(state, inp["tagId"], "Tag not found"))


@route("tag.update")
def update(state, inp, ctx):
    """The updated row; only name and color can change."""
    row = _tag(state, inp["tagId"], "Tag not found or you don't have permission to update it")
    if "name" in inp and any(t["name"] == inp["name"] and t is not row for t in table(state, "tag").values()):
        raise ApiError(409, DUPLICATE_NAME)
    for field in ("name", "color"):
        if field in inp:
            row[field] = inp[field]
    return public(row)


@route("tag.remove")
def remove(state, inp, ctx):
    """{success: true}; the project links go with the tag (FK cascade)."""
    row = _tag(state, inp["tagId"], "Tag not found or you don't have permission to delete it")
    del table(state, "tag")[row["tagId"]]
    _unlink(state, lambda link: link["tagId"] == row["tagId"])
    return {"success": True}


@route("tag.assignToProject")
def assign_to_project(state, inp, ctx):
    """The new link row {id, projectId, tagId}; 409 when the tag is already on the project (unique_project_tag)."""
    _check_project(state, inp["projectId"])
    _tag(state, inp["tagId"], TAG_NOT_USABLE)
    if any(link["projectId"] == inp["projectId"] and link["tagId"] == inp["tagId"]
           for link in table(state, "projectTag").values()):
        raise ApiError(409, "This tag is already assigned to this project")
    return _link(state, inp["projectId"], inp["tagId"])


@route("tag.removeFromProject")
def remove_from_project(state, inp, ctx):
    _check_project(state, inp["projectId"])
    _tag(state, inp["tagId"], TAG_NOT_USABLE)
    _unlink(state, lambda link: link["projectId"] == inp["projectId"] and link["tagId"] == inp["tagId"])
    return {"success": True}


@route("tag.bulkAssign")
def bulk_assign(state, inp, ctx):
    """Replaces every tag of the project with `tagIds`."""
    _check_project(state, inp["projectId"])
    if any(tag_id not in table(state, "tag") for tag_id in inp["tagIds"]):
        raise ApiError(404, "One or more tags not found in your organization")
    _unlink(state, lambda link: link["projectId"] == inp["projectId"])
    for tag_id in inp["tagIds"]:
        _link(state, inp["projectId"], tag_id)
    return {"success": True}
