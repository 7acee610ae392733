# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dockerVolume router (v0.30.0 and newer): removeVolume only (not recorded; from the source).

Dokploy v0.30.2 (routers/docker-volume.ts, services/docker-volume.ts removeVolume) runs ``docker volume rm <name>`` and
lets its failure through as a 500 whose message is execAsync's ("Command execution failed: Command failed: ...").
The simulator knows the volumes Docker kept when a service was deleted (services.delete_service) and those of the
volume mounts of existing services, which it answers as in use.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ..registry import ApiError, not_found, route
from ..services import KINDS
from ..state import table

FAILED = "Command execution failed: Command failed: docker volume rm '%s'\nError response from daemon: %s"


def _in_use(state, name):
    for mount in table(state, "mount").values():
        if mount.get("type") != "volume" or mount.get("volumeName") != name:
            continue
        for kind, meta in KINDS.items():
            if mount.get(meta["id"]) and mount[meta["id"]] in table(state, kind):
                return True
    return False


@route("dockerVolume.removeVolume")
def remove_volume(state, inp, ctx):
    if inp.get("serverId") and inp["serverId"] not in table(state, "server"):
        raise not_found("Server")
    name = inp["volumeName"]
    if _in_use(state, name):
        raise ApiError(500, FAILED % (name, "remove %s: volume is in use - [0123456789ab]" % name))
    if table(state, "dockerVolume").pop(name, None) is None:
        raise ApiError(500, FAILED % (name, "get %s: no such volume" % name))
    return None
