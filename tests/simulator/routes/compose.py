# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""compose router: create [339-344], one [345-346], delete [528-532].

Others extend this file with update, deploy ... (row defaults live in rows.py).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ..registry import route
from ..services import check_server, delete_service, detail, find_environment, get_row, new_row
from ..state import table
from ..util import build_app_name


@route("compose.create")
def create(state, inp, ctx):
    find_environment(state, inp["environmentId"])
    check_server(state, inp.get("serverId"))
    row = new_row("compose", name=inp["name"], environmentId=inp["environmentId"], description=inp.get("description"),
                  serverId=inp.get("serverId"), composeType=inp.get("composeType", "docker-compose"),
                  sourceType=inp.get("sourceType", "github"), composeFile=inp.get("composeFile", ""))
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
