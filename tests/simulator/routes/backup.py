# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""backup router (scheduled database backups): create [1204-1216], one [1222-1224], update [1225-1228],
manualBackup* [1229-1232], remove [1234-1236], listBackupFiles [1203]; user.getBackups (the web server's backups).

Databases (postgres, mysql, mariadb, mongo, libsql), compose services (`backupType: compose`, `serviceName`,
`metadata`) [1209] and the Dokploy web server (`databaseType: web-server`, `userId`; from the source). Nothing is
checked: an invalid cron [1211], no service id at all [1210]. Only the foreign keys fail, with the SQL text [1215-1216].
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from .. import deploy_queue
from ..registry import ApiError, EMPTY, route
from ..state import table
from ..util import generate_app_name, nanoid, public, touch
from ..services import KINDS, destination_without_keys
from ..cascade import delete_row
from ._children import failed_insert, get_child
from .destination import rclone_available, rclone_failure, rclone_flags
from ..identity import require_admin

COLUMNS = ("backupId", "appName", "schedule", "enabled", "database", "prefix", "serviceName", "destinationId",
           "keepLatestCount", "includeEncryptionKey", "backupType", "databaseType", "composeId", "postgresId",
           "mariadbId", "mysqlId", "mongoId", "libsqlId", "userId", "metadata")
DATABASE_KINDS = ("postgres", "mysql", "mariadb", "mongo", "libsql")  # the order of backup.one's relations [1222]
# manualBackup<X>: the service kind it backs up, the label of its generic failure text (Dokploy's own spelling)
# [1230, 1231] and the title of the deployment it records ([1233, 1273]; the others from utils/backups/*.ts)
MANUAL = {"Postgres": ("postgres", None, "Initializing Backup"), "MySql": ("mysql", "MySQL", "MySQL Backup"),
          "Mariadb": ("mariadb", "Mariadb", "MariaDB Backup"), "Mongo": ("mongo", "Mongo", "MongoDB Backup"),
          "Libsql": ("libsql", "Libsql", "Initializing Backup"), "Compose": ("compose", "Compose", "Compose Backup"),
          "WebServer": (None, None, "Web Server Backup")}
NO_DOCKER = "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n"


def get_backup(state, backup_id, status=400):
    """update/remove/manualBackup* answer 400 "Backup not found" [1227, 1235, 1232]; one a 404 [1224]."""
    return get_child(state, "backup", backup_id, "Backup", status=status)


def remove_backup(state, backup_id):
    return delete_row(state, "backup", backup_id)   # its deployments go by the foreign key (cascade.py)


@route("backup.create")
def create(state, inp, ctx):
    """An empty body [1204]; the id is only visible in `<db>.one.backups` [1217-1221]."""
    row = {c: None for c in COLUMNS}
    row.update(backupId=nanoid(), appName=generate_app_name("backup"), includeEncryptionKey=True, backupType="database")
    row.update((k, v) for k, v in inp.items() if k in row)
    missing_fk = inp["destinationId"] not in table(state, "destination") or any(
        row.get(kind + "Id") and row[kind + "Id"] not in table(state, kind) for kind in DATABASE_KINDS + ("compose",))
    if missing_fk:
        sent = dict((k, v) for k, v in inp.items() if k in row)
        sent.update(backupId=row["backupId"], appName=row["appName"])
        raise ApiError(400, failed_insert("backup", COLUMNS, sent))
    table(state, "backup")[row["backupId"]] = row
    return EMPTY


@route("backup.one")
def one(state, inp, ctx):
    """The row, its database with the password in clear, the destination without keys, the compose [1222, 1223]."""
    row = get_backup(state, inp["backupId"], status=404)
    out = public(row)
    for kind in DATABASE_KINDS:
        service = table(state, kind).get(row.get(kind + "Id")) if row.get(kind + "Id") else None
        out[kind] = public(service) if service else None
    out["destination"] = destination_without_keys(state, row.get("destinationId"))
    compose = table(state, "compose").get(row.get("composeId")) if row.get("composeId") else None
    out["compose"] = public(compose) if compose else None
    return out


@route("backup.update")
def update(state, inp, ctx):
    """Every field is required (null where nullable) [1226]; an empty body [1225]."""
    row = get_backup(state, inp["backupId"])
    row.update((k, v) for k, v in inp.items() if k != "backupId")
    touch(table(state, "backup"), row["backupId"])
    return EMPTY


@route("backup.remove", nonoptional=("backupId",))
def remove(state, inp, ctx):
    """The deleted row [1234]; again: 400 "Backup not found" [1235]."""
    row = get_backup(state, inp["backupId"])
    return public(remove_backup(state, row["backupId"]))


@route("backup.listBackupFiles")
def list_backup_files(state, inp, ctx):
    """`rclone lsjson` of the destination; without rclone 400 with the command line, secret included [1203]."""
    dest = get_child(state, "destination", inp["destinationId"], "Destination", status=400)
    if not rclone_available(ctx):
        raise rclone_failure("rclone lsjson %s \\:s3\\:%s --no-mimetype --no-modtime 2>/dev/null"
                             % (" ".join(rclone_flags(dest)), dest["bucket"]))
    return []


def _service_app_name(state, row):
    for kind in DATABASE_KINDS + ("compose",):
        service = table(state, kind).get(row.get(kind + "Id")) if row.get(kind + "Id") else None
        if service:
            return service.get("appName")
    return "dokploy"


def _postgres_script_failure(state, row, deployment):
    """What manualBackupPostgres answers without Docker: the generated script, S3 secret included [1229]."""
    dest = table(state, "destination").get(row.get("destinationId")) or {}
    target = ":s3:%s/%s/%s" % (dest.get("bucket"), _service_app_name(state, row), row.get("prefix"))
    script = ("\n\tset -eo pipefail;\n\techo \"[$(date)] Starting backup process...\" >> %s;\n\t"
              "UPLOAD_OUTPUT=$({ docker exec ... | rclone rcat %s \"%s\"; } 2>&1 >/dev/null)\n\t\n"
              % (deployment["logPath"], " ".join(rclone_flags(dest)) if dest else "", target))
    return ApiError(400, "Command execution failed: Command failed: %s%s" % (script, NO_DOCKER))


def _manual(name, kind, label, title):
    @route("backup.manualBackup%s" % name)
    def manual(state, inp, ctx):
        """Records a deployment of the backup, `done` with Docker, `error` without [1233, 1273]. Without Docker
        postgres answers 400 with its whole script [1229], the other databases and compose a generic text with a
        trailing space [1230, 1231], the web server a 500 (its call has no try/catch, source). A backup of another
        kind fails on the service lookup before any deployment."""
        row = get_backup(state, inp["backupId"], status=404 if kind is None else 400)
        if kind is not None and row.get(kind + "Id") not in table(state, kind):
            raise ApiError(400, "Error running manual %s backup " % label if label else "%s not found" % KINDS[kind]["label"])
        deployment = deploy_queue.record_run(state, "backupId", row, title, rclone_available(ctx))
        if deployment["status"] == "done":
            return True
        if kind is None:
            raise ApiError(500, "Dokploy postgres container not found")
        if label:
            raise ApiError(400, "Error running manual %s backup " % label)
        raise _postgres_script_failure(state, row, deployment)
    return manual


for _name, (_kind, _label, _title) in MANUAL.items():
    _manual(_name, _kind, _label, _title)


@route("user.getBackups")
def user_backups(state, inp, ctx):
    """The caller's user with its `backups` (the web server's: `backup.userId`), each with its whole destination
    (keys included) and deployments, then `apiKeys` (source: routers/user.ts getBackups; not recorded)."""
    require_admin(ctx)
    user = public(table(state, "user")[ctx.caller["userId"]])   # the whole user row [2104]
    user["backups"] = []
    for row in table(state, "backup").values():
        if row.get("userId") == state["_meta"]["userId"]:
            item = public(row)
            destination = table(state, "destination").get(row.get("destinationId"))
            item["destination"] = public(destination) if destination else None
            item["deployments"] = [public(d) for d in table(state, "deployment").values() if d.get("backupId") == row["backupId"]]
            user["backups"].append(item)
    # apiKeys: true, the whole rows (the hashed key too)
    user["apiKeys"] = [public(k) for k in table(state, "apikey").values() if k["referenceId"] == ctx.caller["userId"]]
    return user
