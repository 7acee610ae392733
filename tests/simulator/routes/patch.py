# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""patch router (v0.28.0 and newer): create, one, byEntityId, update, toggleEnabled, delete.

Nothing recorded: read in Dokploy v0.30.2's apps/dokploy/server/api/routers/patch.ts and
packages/server/src/services/patch.ts (createPatch, updatePatch, findPatchesByEntityId). The repository
operations (ensureRepo, readRepoFile, ...) need a clone and are not simulated.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ..registry import ApiError, route
from ..state import table
from ..util import nanoid, now_iso, public
from ._children import failed_insert, get_child, remove_child

COLUMNS = ("patchId", "type", "filePath", "enabled", "content", "createdAt", "updatedAt", "applicationId", "composeId")
FIELDS = ("filePath", "content", "type", "enabled")


def _owner_column(inp):
    return "applicationId" if inp.get("applicationId") else "composeId"


@route("patch.create")
def create(state, inp, ctx):
    """createPatch stores `enabled: true` whatever is sent and the content as sent; one patch per file path and
    service (unique constraints patch_filepath_application_unique / patch_filepath_compose_unique)."""
    if not inp.get("applicationId") and not inp.get("composeId"):
        raise ApiError(400, "Either applicationId or composeId must be provided")
    column = _owner_column(inp)
    owner_id = inp[column]
    row = {"patchId": nanoid(), "type": inp.get("type") or "update", "filePath": inp["filePath"], "enabled": True,
           "content": inp["content"], "createdAt": now_iso(), "updatedAt": now_iso(),
           "applicationId": inp.get("applicationId"), "composeId": inp.get("composeId")}
    owner_table = "application" if column == "applicationId" else "compose"
    taken = any(p.get(column) == owner_id and p.get("filePath") == row["filePath"] for p in table(state, "patch").values())
    if owner_id not in table(state, owner_table) or taken:  # a foreign key or the unique constraint fails
        raise ApiError(500, failed_insert("patch", COLUMNS, row))
    table(state, "patch")[row["patchId"]] = row
    return public(row)


@route("patch.one")
def one(state, inp, ctx):
    return public(get_child(state, "patch", inp["patchId"], "Patch"))


@route("patch.byEntityId")
def by_entity_id(state, inp, ctx):
    """The patches of the service, ordered by filePath."""
    column = "applicationId" if inp["type"] == "application" else "composeId"
    rows = [public(p) for p in table(state, "patch").values() if p.get(column) == inp["id"]]
    return sorted(rows, key=lambda p: p["filePath"])


def _update(state, patch_id, data):
    """updatePatch: a non-empty content gets a final newline; updatedAt is set; answers the row."""
    row = get_child(state, "patch", patch_id, "Patch")
    row.update(data)
    if data.get("content") and not data["content"].endswith("\n"):
        row["content"] = data["content"] + "\n"
    row["updatedAt"] = now_iso()
    return public(row)


@route("patch.update")
def update(state, inp, ctx):
    return _update(state, inp["patchId"], dict((f, inp[f]) for f in FIELDS if f in inp))


@route("patch.toggleEnabled")
def toggle_enabled(state, inp, ctx):
    return _update(state, inp["patchId"], {"enabled": inp["enabled"]})


@route("patch.delete")
def delete(state, inp, ctx):
    return remove_child(state, "patch", inp["patchId"], "Patch")
