# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""compose router: create [339-344], one [345-346], update [347-352], saveEnvironment [353-355], search [362],
delete [528-532].

Others extend this file with update, deploy ... (row defaults live in rows.py).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ..registry import EMPTY, ApiError, route
from ..services import check_server, delete_service, detail, find_environment, get_row, new_row, search_services
from ..state import table
from ..util import build_app_name, touch


@route("compose.create")
def create(state, inp, ctx):
    find_environment(state, inp["environmentId"])
    check_server(state, inp.get("serverId"))
    row = new_row("compose", name=inp["name"], environmentId=inp["environmentId"], description=inp.get("description"),
                  serverId=inp.get("serverId"), composeType=inp.get("composeType", "docker-compose"),
                  sourceType=inp.get("sourceType", "github"), composeFile=inp.get("composeFile", ""))
    if not ctx.config.get("behaviours", {}).get("compose.create.sourceType", True):
        row["sourceType"] = "github"  # not in its input before (tests/simulator/versions.py BEHAVIOURS)
    if inp.get("appName"):
        row["appName"] = build_app_name("compose", inp["appName"])
    table(state, "compose")[row["composeId"]] = row
    return dict(row)


@route("compose.one")
def one(state, inp, ctx):
    return detail(state, "compose", get_row(state, "compose", inp["composeId"]))


@route("compose.delete")
def delete(state, inp, ctx):
    # deleteVolumes is coerced (missing -> false), so it is not actually required [528].
    row = get_row(state, "compose", inp["composeId"])
    out = detail(state, "compose", row, for_delete=True)
    delete_service(state, "compose", row["composeId"])
    return out


@route("compose.update")
def update(state, inp, ctx):
    rows = table(state, "compose")
    row = rows.get(inp["composeId"])
    if row is None:
        return EMPTY  # an unknown id answers 200 with an empty body [352]
    for field, value in inp.items():
        if field not in ("composeId", "appName"):
            row[field] = value
    touch(rows, row["composeId"])
    return dict(row)  # the updated row, without relations [347]


@route("compose.saveEnvironment")
def save_environment(state, inp, ctx):
    rows = table(state, "compose")
    row = get_row(state, "compose", inp["composeId"])
    row["env"] = inp.get("env")
    if inp.get("createEnvFile") is not None:
        row["createEnvFile"] = inp["createEnvFile"]
    touch(rows, row["composeId"])
    return True


SEARCH_FIELDS = ("composeId", "name", "appName", "description", "environmentId", "composeStatus", "sourceType", "createdAt")


@route("compose.search")
def search(state, inp, ctx):
    return search_services(state, "compose", inp, SEARCH_FIELDS)


@route("compose.loadServices")
def load_services(state, inp, ctx):
    """The service names of the compose file [356-358]: ``type: cache`` (the default) reads the file a deploy or an
    earlier fetch wrote, 404 "Services not found" before; ``fetch`` writes a raw file first (a Git source is cloned,
    which fails offline: 404 too)."""
    from .docker import compose_services  # the one reading of a compose file's service names in the simulator
    row = get_row(state, "compose", inp["composeId"])
    if inp.get("type") == "fetch" and row.get("sourceType") == "raw":
        row["_composeWritten"] = True
    if not (row.get("_composeWritten") or row.get("_swarm")) or not (row.get("composeFile") or "").strip():
        raise ApiError(404, "Services not found", code="NOT_FOUND")
    return compose_services(row)
