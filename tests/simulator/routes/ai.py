# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""ai router: getAll, one, get, create, update, delete (the AI providers of an organisation).

Recorded [2133-2137] on a real v0.30.2 (tests/conformance/admin_record.py): the partial update's 500 too; from
Dokploy's source at v0.30.2 (apps/dokploy/server/api/routers/ai.ts, packages/server/src/services/
ai.ts saveAiSettings, db/schema/ai.ts): owners and admins only; create and update are one INSERT ... ON CONFLICT
(aiId) DO UPDATE without RETURNING, answered as postgres-js's empty row list ``[]``; the insert's NOT NULL columns must
be there in an update too (PostgreSQL checks them before the conflict), else a 500.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

from ..identity import require_admin
from ..registry import ApiError, route
from ..state import table
from ..util import nanoid, public

NOT_NULL = ("name", "apiUrl", "apiKey", "model")


def _save(state, ctx, inp):
    require_admin(ctx)
    ai_id = inp.get("aiId") or nanoid()
    for column in NOT_NULL:
        if inp.get(column) is None:
            # drizzle fills the missing NOT NULL columns with "default" and PostgreSQL refuses the row [2135]
            raise ApiError(500, 'Failed query: insert into "ai" ("aiId", "name", "apiUrl", "apiKey", "model", "isEnabled", '
                                '"organizationId", "createdAt") values ($1, default, default, default, default, $2, $3, $4) '
                                'on conflict ("aiId") do update set ...')
    rows = table(state, "ai")
    row = rows.get(ai_id)
    if row is None:
        row = {"aiId": ai_id, "isEnabled": True, "organizationId": ctx.organization_id,
               "createdAt": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")[:-4] + "Z"}
        rows[ai_id] = row
    for field in NOT_NULL + ("isEnabled",):
        if field in inp:
            row[field] = inp[field]
    return []


@route("ai.create")
def create(state, inp, ctx):
    return _save(state, ctx, dict(inp, aiId=None))


@route("ai.update")
def update(state, inp, ctx):
    return _save(state, ctx, inp)


@route("ai.getAll")
def get_all(state, inp, ctx):
    """Newest first."""
    require_admin(ctx)
    rows = [public(r) for r in table(state, "ai").values() if r["organizationId"] == ctx.organization_id]
    return sorted(rows, key=lambda r: r["createdAt"], reverse=True)


def _one(state, inp, ctx):
    require_admin(ctx)
    row = table(state, "ai").get(inp["aiId"])
    if row is None:
        raise ApiError(404, "AI settings not found")
    return public(row)


route("ai.one")(_one)
route("ai.get")(_one)


@route("ai.delete")
def delete(state, inp, ctx):
    require_admin(ctx)
    table(state, "ai").pop(inp["aiId"], None)
    return []
