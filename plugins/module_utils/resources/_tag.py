# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Tags: organisation-wide, found in ``tag.all`` by name, and the tags of a project.

Not recorded; shapes from Dokploy's source at v0.30.2 (apps/dokploy/server/api/routers/tag.ts,
packages/server/src/db/schema/tag.ts): ``tag.create`` and ``tag.update`` answer the row, ``tag.remove`` takes the
tag off every project with it (FK cascade). Dokploy keeps tag names unique per organisation (``unique_org_tag_name``,
409 on a duplicate), so a name Dokploy holds twice cannot happen there; the lookup still refuses one. project.all
nests a project's tags as ``projectTags: [{id, projectId, tagId, tag: {tagId, name, color, ...}}]``.
The tag router came with v0.29.0: older servers answer 404, which becomes "needs Dokploy v0.29.0".
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._capabilities import require
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployNotFoundError, DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._lookup import DokployMissingError, pick_one
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._resource import Field, Resource, Update
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._checks import check_name

# the colours Dokploy's tag dialog stores: "#rrggbb" (components/dashboard/settings/tags)
COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


def all_tags(ctx, what):
    """``tag.all`` (one request); a server without the tag router fails saying which version brought it."""
    try:
        return ctx.client.get("tag.all") or []
    except DokployNotFoundError:
        require(ctx.client.version(), "tag", what)
        raise


def tag_names(project):
    """The names of a project's tags, from the ``projectTags`` that project.all nests (sorted)."""
    return sorted((link.get("tag") or {}).get("name") for link in project.get("projectTags") or [])


def tag_ids(ctx, names):
    """``{name: tagId}`` of the tags named ``names``, from one ``tag.all``; missing ones fail naming what exists
    (in check mode a missing one is taken as one an earlier task would create: ID None)."""
    tags = all_tags(ctx, "dokploy_project tags")
    ids = {}
    for name in names:
        found = pick_one(tags, "tag", name, "tagId", id_option="a unique name")
        if found is None:
            error = DokployMissingError("No tag is named '%s'; existing: %s"
                                        % (name, ", ".join(sorted(t["name"] for t in tags)) or "none"))
            ctx.missing_parent(error, "tag")
        ids[name] = found["tagId"] if found else None
    return ids


class Tag(Resource):
    kind = "tag"
    id_field = "tagId"
    create_procedure = "tag.create"
    delete_procedure = "tag.remove"
    fields = (Field("name"), Field("color"))
    updates = (Update("tag.update", ["name", "color"]),)   # partial: both optional (schema/tag.ts apiUpdateTag)

    @classmethod
    def argument_spec(cls):
        return dict(
            name=dict(type="str", required=True),
            color=dict(type="str"),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        )

    @classmethod
    def validate(cls, params):
        check_name("name", params["name"])
        if params["color"] and not COLOR.match(params["color"]):
            raise DokployParamError("color '%s' must be a colour as #rrggbb, for example #3b82f6" % params["color"],
                                    option="color")

    def find(self):
        return pick_one(all_tags(self.ctx, "dokploy_tag"), "tag", self.params["name"], "tagId",
                        id_option="a unique name")

    def normalize_field(self, field, value):
        if field == "color" and value:
            return value.lower()
        return super(Tag, self).normalize_field(field, value)
