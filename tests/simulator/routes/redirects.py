# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""redirects router: create [1068-1075], one [1077-1078], update [1079-1081], delete [1083-1084].

`permanent` is required and not coerced ("yes" gives "expected boolean, received string" [1073]); the regex is
not checked (`([` is accepted [1074]).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ..registry import ApiError, route
from ..state import table
from ..util import nanoid, now_iso, public
from ._children import get_child, remove_child, update_child

FIELDS = ("regex", "replacement", "permanent")


@route("redirects.create", nonoptional=("permanent",), coerce=False)
def create(state, inp, ctx):
    """Answers `true` [1068]; the id is only visible in application.one.redirects [1076]. `uniqueConfigKey` is a
    serial column: one sequence for every redirect of the server (the first redirect of a second application got 4
    [1279]), separate from the domains' one."""
    app_id = inp["applicationId"]
    if app_id not in table(state, "application"):
        raise ApiError(400, "Error creating this redirect")  # [1075]
    meta = state["_meta"]
    meta["redirectUniqueConfigKey"] = meta.get("redirectUniqueConfigKey", 0) + 1
    row = {"redirectId": nanoid(), "regex": inp["regex"], "replacement": inp["replacement"], "permanent": inp["permanent"],
           "uniqueConfigKey": meta["redirectUniqueConfigKey"], "createdAt": now_iso(), "applicationId": app_id}
    table(state, "redirect")[row["redirectId"]] = row
    return True


@route("redirects.one", coerce=False)
def one(state, inp, ctx):
    return public(get_child(state, "redirect", inp["redirectId"], "Redirect"))


@route("redirects.update", coerce=False)
def update(state, inp, ctx):
    """regex, replacement and permanent are all required [1080]; answers the updated row [1079]."""
    return update_child(state, "redirect", "redirectId", inp, "Redirect", FIELDS)


@route("redirects.delete", coerce=False)
def delete(state, inp, ctx):
    return remove_child(state, "redirect", inp["redirectId"], "Redirect")
