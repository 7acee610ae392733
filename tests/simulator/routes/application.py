# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""application router: create [96-107], one [108-110], delete [202-205, 450, 533].

Others extend this file with update, save*, deploy ... (row defaults live in rows.py).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ..registry import route
from ..services import check_server, delete_service, detail, find_environment, get_row, new_row
from ..state import table
from ..util import build_app_name


@route("application.create")
def create(state, inp, ctx):
    find_environment(state, inp["environmentId"])
    check_server(state, inp.get("serverId"))
    row = new_row("application", name=inp["name"], environmentId=inp["environmentId"],
                  description=inp.get("description"), serverId=inp.get("serverId"),
                  sourceType=inp.get("sourceType", "github"))
    if inp.get("appName"):
        row["appName"] = build_app_name("app", inp["appName"])
    table(state, "application")[row["applicationId"]] = row
    return dict(row)


@route("application.one")
def one(state, inp, ctx):
    return detail(state, "application", get_row(state, "application", inp["applicationId"]))


@route("application.delete")
def delete(state, inp, ctx):
    row = get_row(state, "application", inp["applicationId"])
    out = detail(state, "application", row, for_delete=True)
    delete_service(state, "application", row["applicationId"])
    return out
