# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""security (basic auth) router: create [1085-1092], one [1094-1095], update [1096-1099], delete [1101-1102].

The only uniqueness Dokploy enforces among these routers: (username, applicationId); a duplicate is a 400 with the
SQL text, password included [1087, 1097]. Passwords are returned in clear everywhere [1094, 1101].
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ..registry import ApiError, EMPTY, route
from ..state import table
from ..util import nanoid, now_iso, public, touch
from ._children import failed_insert, failed_update, get_child, remove_child

COLUMNS = ("securityId", "username", "password", "createdAt", "applicationId")


def _taken(state, app_id, username, except_id=None):
    return any(r.get("applicationId") == app_id and r.get("username") == username and r["securityId"] != except_id
               for r in table(state, "security").values())


@route("security.create", coerce=False)
def create(state, inp, ctx):
    """Answers `true` [1085]; the id is only visible in application.one.security [1093]."""
    app_id = inp["applicationId"]
    if app_id not in table(state, "application"):
        raise ApiError(400, "Application not found")  # BAD_REQUEST, not 404 [1092]
    row = {"securityId": nanoid(), "username": inp["username"], "password": inp["password"], "createdAt": now_iso(),
           "applicationId": app_id}
    if _taken(state, app_id, inp["username"]):
        raise ApiError(400, failed_insert("security", COLUMNS, row))
    table(state, "security")[row["securityId"]] = row
    return True


@route("security.one", coerce=False)
def one(state, inp, ctx):
    return public(get_child(state, "security", inp["securityId"], "Security"))


@route("security.update", coerce=False)
def update(state, inp, ctx):
    """username and password are both required [1098]; answers an empty body [1096]."""
    row = get_child(state, "security", inp["securityId"], "Security")
    if _taken(state, row["applicationId"], inp["username"], row["securityId"]):
        values = {"securityId": row["securityId"], "username": inp["username"], "password": inp["password"]}
        raise ApiError(400, failed_update("security", "securityId", row["securityId"], values, COLUMNS))
    row["username"], row["password"] = inp["username"], inp["password"]
    touch(table(state, "security"), row["securityId"])
    return EMPTY


@route("security.delete", coerce=False)
def delete(state, inp, ctx):
    return remove_child(state, "security", inp["securityId"], "Security")
