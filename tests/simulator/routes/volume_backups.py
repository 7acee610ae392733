# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""volumeBackups router: create [1237-1245], list [1246-1249], one [1250-1251], update [1252-1254],
runManually [1255-1256], delete [1257-1258].

Coerced input, as recorded: `turnOff: "yes"` and `turnOff: "false"` are both stored as true [1242, 1243], and
`keepLatestCount: "five"` gives "expected number, received NaN" [1244].
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from .. import deploy_queue
from ..cascade import delete_row
from ..registry import ApiError, EMPTY, route
from ..services import KINDS, destination_without_keys
from ..state import table
from ..util import by_created, generate_app_name, nanoid, now_iso, public
from ._children import environment_project, failed_insert, get_child, update_child

SERVICE_COLUMNS = ("applicationId", "postgresId", "mariadbId", "mongoId", "mysqlId", "redisId", "libsqlId", "composeId")
COLUMNS = ("volumeBackupId", "name", "volumeName", "prefix", "serviceType", "appName", "serviceName", "turnOff",
           "cronExpression", "keepLatestCount", "enabled") + SERVICE_COLUMNS + ("createdAt", "destinationId")
# the order of the relations in list/one [1246, 1250]
RELATIONS = ("application", "postgres", "mysql", "mariadb", "mongo", "redis", "compose", "libsql")


def get_volume_backup(state, volume_backup_id):
    return get_child(state, "volumeBackup", volume_backup_id, "Volume backup")


def with_relations(state, row, with_environment):
    """Every service relation, only the owner set, reduced to `{<kind>Id, appName, serverId}` (list [1246]), plus
    `environment.project` and the destination without keys in `one` [1250]."""
    out = public(row)
    for kind in RELATIONS:
        column = KINDS[kind]["id"]
        service = table(state, kind).get(row.get(column)) if row.get(column) else None
        if service is None:
            out[kind] = None
            continue
        out[kind] = {column: service[column], "appName": service.get("appName"), "serverId": service.get("serverId")}
        if with_environment:
            out[kind]["environment"] = environment_project(state, service.get("environmentId"))
    if with_environment:
        out["destination"] = destination_without_keys(state, row.get("destinationId"))
    return out


@route("volumeBackups.create")
def create(state, inp, ctx):
    """The row [1237]; defaults turnOff false, enabled and keepLatestCount null. A foreign key that does not
    exist is a 500 with the SQL text [1245]."""
    row = {c: None for c in COLUMNS}
    row.update(volumeBackupId=nanoid(), serviceType="application", appName=generate_app_name("volumeBackup"),
               turnOff=False, createdAt=now_iso())
    row.update((k, v) for k, v in inp.items() if k in row)
    missing_fk = row["destinationId"] not in table(state, "destination") or any(
        row.get(c) and row[c] not in table(state, c[:-2]) for c in SERVICE_COLUMNS)
    if missing_fk:
        sent = dict((k, v) for k, v in inp.items() if k in row)
        sent.update(volumeBackupId=row["volumeBackupId"], appName=row["appName"], createdAt=row["createdAt"])
        raise ApiError(500, failed_insert("volume_backup", COLUMNS, sent))
    table(state, "volumeBackup")[row["volumeBackupId"]] = row
    return public(row)


@route("volumeBackups.list")
def list_volume_backups(state, inp, ctx):
    """Newest first; an unknown id is just `[]` [1248]."""
    column = KINDS[inp["volumeBackupType"]]["id"]
    rows = [r for r in table(state, "volumeBackup").values() if r.get(column) == inp["id"]]
    return [with_relations(state, r, False) for r in by_created(rows, newest_first=True)]


@route("volumeBackups.one")
def one(state, inp, ctx):
    return with_relations(state, get_volume_backup(state, inp["volumeBackupId"]), True)


@route("volumeBackups.update")
def update(state, inp, ctx):
    """The create fields are required again [1253]; answers the row [1252]."""
    fields = [f for f in COLUMNS if f != "volumeBackupId"]
    return update_child(state, "volumeBackup", "volumeBackupId", inp, "Volume backup", fields)


@route("volumeBackups.delete")
def delete(state, inp, ctx):
    """An empty body [1257]; again: 404 [1258]."""
    row = get_volume_backup(state, inp["volumeBackupId"])
    delete_row(state, "volumeBackup", row["volumeBackupId"])  # its runs too: deployment.volumeBackupId cascades
    return EMPTY


@route("volumeBackups.runManually")
def run_manually(state, inp, ctx):
    """A "Volume Backup" deployment, `done`, or `error` without Docker; an empty body either way [1255]: the run
    (runVolumeBackup, utils/volume-backups/utils.ts, read in v0.30.2's and v0.25.11's source) catches the failure
    and sets the deployment to error. Its log starts with createDeploymentVolumeBackup's first line."""
    row = get_volume_backup(state, inp["volumeBackupId"])
    deploy_queue.record_run(state, "volumeBackupId", row, "Volume Backup", deploy_queue.docker(ctx.sim),
                            directory="volume-backups", log="Initializing volume backup\n")
    return EMPTY
