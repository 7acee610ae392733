# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Scheduled backups (the backup router) of a database, of a database inside a compose service, and of the Dokploy
web server (NOTES-resources.md "backup").

A backup is identified by its service, its destination (by name) and its prefix (and, in a compose service, the
service of the stack). The backups are read where Dokploy nests them: ``<db>.one.backups`` and
``compose.one.backups`` [1217, 1221], each with its destination (without keys), and ``user.getBackups`` for the web
server's (source: routers/user.ts). So a task that changes nothing sends two requests (one for the web server),
and the destination is looked up by name only to create a backup. ``backup.create`` answers an empty body [1204]:
the new backup is found again the same way. ``backup.update`` needs every field [1226].
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError, DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._cron import check_cron
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._resource import Field, Update
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._task import Task
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._child import Child
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._destination import destination_id
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._secrets import mask
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._checks import check_name
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._target import check_target, resolve_target

KINDS = ("compose", "database")
OWNERS = ("compose", "compose_id", "database", "database_id", "web_server")
WEB_SERVER = "web-server"
# backup.create's databaseType (openapi.json v0.30.2): redis has no backups
ENGINES = ("postgres", "mysql", "mariadb", "mongo", "libsql")
# The credentials a compose backup needs to reach the database in the stack (``metadata``; the UI's
# handle-backup.tsx): option -> API field, per engine.
CREDENTIALS = {"postgres": ("database_user",), "mariadb": ("database_user", "database_password"),
               "mongo": ("database_user", "database_password"), "mysql": ("database_root_password",), "libsql": ()}
CREDENTIAL_FIELDS = {"database_user": "databaseUser", "database_password": "databasePassword",
                     "database_root_password": "databaseRootPassword"}
# What the UI fills in for ``database`` when there is nothing else to take (handle-backup.tsx).
DEFAULT_DATABASE = {WEB_SERVER: "dokploy", "libsql": "iku.db"}
FIELDS = (Field("cron_expression", "schedule"), Field("prefix"), Field("keep_latest", "keepLatestCount"),
          Field("enabled"), Field("database_name", "database"), Field("service_name", "serviceName"))
# backup.update requires all of these besides backupId [1226]
UPDATE_FIELDS = ("schedule", "enabled", "prefix", "destinationId", "database", "keepLatestCount", "serviceName",
                 "metadata", "databaseType")


def check_keep_latest(params):
    """keep_latest of a backup or a volume backup: Dokploy would delete every copy for 0 (keep none)."""
    if params["keep_latest"] is not None and params["keep_latest"] < 1:
        raise DokployParamError("keep_latest must be at least 1 (leave it out to keep every copy)", option="keep_latest")


def backup_owner(params):
    """"compose", "database" or "web_server": what the parameters back up."""
    if params.get("web_server"):
        return "web_server"
    return "compose" if params.get("compose") is not None or params.get("compose_id") else "database"


def check_backup_owner(params):
    """The owner problems of dokploy_backup and dokploy_backup_info; for a compose service database_type names the
    engine in the stack, not the kind of the target."""
    if params.get("web_server") is False:
        raise DokployParamError("web_server: false names nothing to back up; name the database or compose service "
                                "instead", option="web_server")
    owner = backup_owner(params)
    if owner == "web_server":
        named = [o for o in ("project", "project_id", "environment_id", "database_type") if params.get(o)]
        if named:
            raise DokployParamError("%s names a service; the web server backup has none" % named[0], option=named[0])
        return owner
    check_target(dict(params, database_type=None) if owner == "compose" else params, KINDS)
    if params.get("database_type") == "redis":
        raise DokployParamError("Dokploy has no scheduled backups of redis databases (database_type redis); back up "
                                "its volume with dokploy_volume_backup", option="database_type")
    return owner


def resolve_backup_target(ctx, params, required=True):
    """The database or compose service whose backups these are (for compose, database_type is the engine)."""
    if backup_owner(params) == "compose":
        params = dict(params, database_type=None)
    return resolve_target(ctx, params, KINDS, required=required)


def backup_rows(ctx, target):
    """The backups of ``target`` (None: the web server's), as Dokploy nests them, and the web server's user ID."""
    if target is None:
        user = ctx.client.get("user.getBackups") or {}
        return user.get("backups") or [], user.get("id")
    return target.row.get("backups") or [], None


def shown_backup(row):
    """A backup for a result: secrets masked (a compose backup's metadata holds passwords), its runs left out."""
    return mask(dict((k, v) for k, v in (row or {}).items() if k != "deployments"))


class Backup(Child):
    kind = "backup"
    section = "backups"
    nested_key = "backups"      # of a database's or compose service's <kind>.one
    export_defaults = {"prefix": "/", "enabled": True}   # db/schema/backups.ts of v0.30.2
    id_field = "backupId"
    create_procedure = "backup.create"
    delete_procedure = "backup.remove"
    target_kinds = KINDS
    fields = FIELDS
    updates = (Update("backup.update", UPDATE_FIELDS, keep=UPDATE_FIELDS),)
    module_kwargs = dict(required_one_of=[OWNERS], mutually_exclusive=[OWNERS, ("project", "project_id")],
                         required_by={"database": "database_type", "database_id": "database_type"})

    @classmethod
    def argument_spec(cls):
        spec = cls.target_spec()
        spec.update(
            web_server=dict(type="bool"),
            destination=dict(type="str", required=True),
            prefix=dict(type="str", default="/"),
            cron_expression=dict(type="str"),
            keep_latest=dict(type="int"),
            enabled=dict(type="bool"),
            database_name=dict(type="str"),
            service_name=dict(type="str"),
            database_user=dict(type="str"),
            database_password=dict(type="str", no_log=True),
            database_root_password=dict(type="str", no_log=True),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        )
        return spec

    @classmethod
    def validate(cls, params):
        owner = check_backup_owner(params)
        check_name("destination", params["destination"])
        check_name("prefix", params["prefix"])
        check_name("database_name", params["database_name"])
        check_cron("cron_expression", params["cron_expression"])
        check_keep_latest(params)
        credentials = [o for o in CREDENTIAL_FIELDS if params[o] is not None]
        if owner != "compose":
            wrong = [o for o in ["service_name"] + credentials if params[o] is not None]
            if wrong:
                raise DokployParamError("%s is only for the backup of a database in a compose service" % wrong[0],
                                        option=wrong[0])
            return
        if not params["service_name"]:
            raise DokployParamError("a compose backup needs service_name, the service of the stack that runs the "
                                    "database", option="service_name")
        engine = params["database_type"]
        if engine is None and params["state"] == "present":
            raise DokployParamError("a compose backup needs database_type, the engine of the database in the stack",
                                    option="database_type")
        wrong = [o for o in credentials if engine and o not in CREDENTIALS[engine]]
        if wrong:
            raise DokployParamError("%s is not used for a %s database in a compose service (it needs %s)" % (
                wrong[0], engine, ", ".join(CREDENTIALS[engine]) or "no credentials"), option=wrong[0])

    def __init__(self, ctx, params):
        super(Backup, self).__init__(ctx, params)
        self.owner = backup_owner(params)
        self.user_id = None

    # -- finding -------------------------------------------------------------------------------

    def find(self):
        if self.owner == "web_server":
            rows, self.user_id = backup_rows(self.ctx, None)
            where = "the Dokploy web server"
        else:
            self.target = self.resolve()
            if self.target is None or self.target.pending:
                return None
            rows, dummy = backup_rows(self.ctx, self.target)
            where = self.target.describe()
        matches = [r for r in rows if self.same_backup(r)]
        if len(matches) > 1:
            raise DokployError("%d backups of %s go to destination '%s' with prefix '%s' (IDs: %s); Dokploy does not "
                               "keep them unique: delete the duplicates" % (
                                   len(matches), where, self.params["destination"], self.params["prefix"],
                                   ", ".join(m["backupId"] for m in matches)))
        return self.plain(matches[0]) if matches else None

    @classmethod
    def declared_by(cls, ctx, child, params):
        return cls(ctx, params).same_backup(child)   # named by its destination and prefix

    @classmethod
    def exported(cls, exporter, kind, child, where):
        """A backup names its destination by name (same_backup); in a compose service, the engine too, and the
        credentials the backup reaches the database with (``metadata``, compared as a whole: all or none)."""
        item = super(Backup, cls).exported(exporter, kind, child, where)
        item["destination"] = (child.get("destination") or {}).get("name")
        if kind.name != "compose":
            return item
        engine = child.get("databaseType")
        item["database_type"] = engine
        stored = ((child.get("metadata") or {}).get(engine)) or {}
        fields = [Field(option, CREDENTIAL_FIELDS[option]) for option in CREDENTIALS.get(engine, ())]
        credentials = exporter.options(cls, fields, stored, where)
        if len(credentials) == len(fields):
            item.update(credentials)
        return item

    def resolve(self):
        return resolve_backup_target(self.ctx, self.params, required=self.params["state"] != "absent")

    def same_backup(self, row):
        destination = row.get("destination") or {}
        return (destination.get("name") == self.params["destination"] and row.get("prefix") == self.params["prefix"]
                and (self.owner != "compose" or row.get("serviceName") == self.params["service_name"]))

    @staticmethod
    def plain(row):
        return dict((k, v) for k, v in row.items() if k != "deployments")

    # -- desired state -------------------------------------------------------------------------

    def engine(self):
        if self.owner == "web_server":
            return WEB_SERVER
        if self.owner == "compose":
            return self.params["database_type"]
        return self.target.kind.name if self.target is not None else self.params["database_type"]

    def desired(self, current):
        desired = super(Backup, self).desired(current)
        if self.params["keep_latest"] is not None:
            desired["keepLatestCount"] = self.params["keep_latest"]
        engine = self.engine()
        if engine:
            desired["databaseType"] = engine
        if self.owner == "compose" and engine:
            credentials = dict((CREDENTIAL_FIELDS[o], self.params[o]) for o in CREDENTIALS[engine]
                               if self.params[o] is not None)
            if credentials or current is None:
                desired["metadata"] = {engine: credentials} if CREDENTIALS[engine] else None
        return desired

    def default_database(self):
        row = self.target.row if self.target is not None and not self.target.pending else {}
        return (row or {}).get("databaseName") or DEFAULT_DATABASE.get(self.engine())

    def create_payload(self, desired):
        payload = dict(desired)
        payload.setdefault("database", self.default_database())
        pending = self.target is not None and self.target.pending   # check mode: its databaseName is not known
        missing = [o for o, f in (("cron_expression", "schedule"), ("database_name", "database"))
                   if not payload.get(f) and not (pending and f == "database")]
        if self.owner == "compose":
            engine = self.params["database_type"]
            missing += [o for o in CREDENTIALS[engine] if self.params[o] is None]
        if missing:
            raise DokployParamError("Creating a backup to destination '%s' needs %s" % (
                self.params["destination"], ", ".join(missing)), option=missing[0])
        payload["destinationId"] = destination_id(self.ctx, self.params["destination"])
        if self.owner == "web_server":
            payload.update(backupType="database", userId=self.user_id)
        elif self.owner == "compose":
            payload.update(backupType="compose", composeId=self.target.id)
        else:
            payload.update(backupType="database")
            payload[self.target.kind.id_field] = self.target.id
        return payload

    def normalize_field(self, field, value):
        if field == "metadata" and not value:
            return None
        return super(Backup, self).normalize_field(field, value)

    def result_object(self, obj):
        return shown_backup(obj)

    def label(self, obj=None):
        return "backup to '%s' with prefix '%s'" % (self.params["destination"], self.params["prefix"])

    def summary_keys(self):
        return [self.id_field, "prefix", "databaseType"]


class BackupInfo(Task):
    """dokploy_backup_info: the backups of a database, a compose service or the web server (reads only: a missing
    service fails in check mode too)."""

    module_kwargs = Backup.module_kwargs
    read_only = True

    @classmethod
    def argument_spec(cls):
        spec = Backup.target_spec()
        spec.update(web_server=dict(type="bool"))
        return spec

    @classmethod
    def validate(cls, params):
        check_backup_owner(params)

    def run(self):
        target = None if backup_owner(self.params) == "web_server" else resolve_backup_target(self.ctx, self.params)
        rows, dummy = backup_rows(self.ctx, target)
        return {"changed": False, "backups": [mask(row) for row in rows]}
