# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""port router: create [1049-1059], one [1060-1061], update [1062-1064], delete [1066-1067].

No coercion: a JSON string for a port gives "expected number, received string", even "9001" [1054, 1055];
no range check: 70000 is accepted [1058]; duplicates are accepted [1051, 1052].
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ..registry import ApiError, route
from ..state import table
from ..util import nanoid, public
from ._children import get_child, remove_child, update_child

FIELDS = ("publishedPort", "publishMode", "targetPort", "protocol")


@route("port.create", coerce=False)
def create(state, inp, ctx):
    if inp["applicationId"] not in table(state, "application"):
        raise ApiError(400, "Error input: Inserting port")  # [1059]
    row = {"portId": nanoid()}
    row.update((f, inp[f]) for f in FIELDS)
    row["applicationId"] = inp["applicationId"]
    table(state, "port")[row["portId"]] = row
    return public(row)


@route("port.one", coerce=False)
def one(state, inp, ctx):
    """The row plus `application: {applicationId}` [1060]; an unknown id is a 400 here [1061]."""
    row = get_child(state, "port", inp["portId"], "Port", status=400)
    out = public(row)
    out["application"] = {"applicationId": row["applicationId"]}
    return out


@route("port.update", coerce=False)
def update(state, inp, ctx):
    """Every field is required [1063]; answers the row with the new values [1062]."""
    return update_child(state, "port", "portId", inp, "Port", FIELDS)


@route("port.delete", coerce=False)
def delete(state, inp, ctx):
    return remove_child(state, "port", inp["portId"], "Port")
