# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""deployment router: all [152,155-158,166,171], allByCompose [363,365,366,370], allByType [160,165,367],
readLogs [161-164], queueList [167]. Rows are written by deploy_queue.py."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ..registry import ApiError, route
from ..state import table
from ..util import public
from .rollback import joined

TYPE_COLUMNS = {"application": "applicationId", "compose": "composeId", "server": "serverId", "schedule": "scheduleId",
                "previewDeployment": "previewDeploymentId", "backup": "backupId", "volumeBackup": "volumeBackupId"}


def _list(state, column, value, rollback=False):
    rows = [public(d) for d in table(state, "deployment").values() if d.get(column) == value]
    rows.sort(key=lambda d: d.get("createdAt") or "", reverse=True)  # newest first [171]
    if rollback:
        for row in rows:
            row["rollback"] = joined(state, row)  # allByType joins the rollback relation [160] (routes/rollback.py)
    return rows


@route("deployment.all")
def all_(state, inp, ctx):
    return _list(state, "applicationId", inp["applicationId"])


@route("deployment.allByCompose")
def all_by_compose(state, inp, ctx):
    return _list(state, "composeId", inp["composeId"])


@route("deployment.allByType")
def all_by_type(state, inp, ctx):
    return _list(state, TYPE_COLUMNS[inp["type"]], inp["id"], rollback=True)


@route("deployment.readLogs")
def read_logs(state, inp, ctx):
    row = table(state, "deployment").get(inp["deploymentId"])
    if row is None:
        raise ApiError(404, "Deployment not found")
    text = row.get("_log") or ""
    tail = int(inp.get("tail") or 100)
    lines = text[:-1].split("\n") if text.endswith("\n") else text.split("\n")
    if not text:
        return ""
    return "\n".join(lines[-tail:]) + "\n"


@route("deployment.queueList")
def queue_list(state, inp, ctx):
    return []  # recorded [] [167]; the shape of a waiting job was never seen
