# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Deleting a row as PostgreSQL does under Dokploy's foreign keys: ``onDelete: cascade`` children go with it (and
theirs), ``set null`` columns are cleared, and a ``no action`` key (no ``onDelete``) still pointing at a deleted row
refuses the whole delete (ForeignKeyRefused; nothing is deleted).

The keys are those of Dokploy's database between the simulator's tables, read in the drizzle snapshot of v0.30.2
(apps/dokploy/drizzle/meta/0185_snapshot.json, the same as the ``references(..., {onDelete})`` of
packages/server/src/db/schema/*.ts). v0.25.11's snapshot (0121_snapshot.json) has the same keys between these tables
but for the tables and columns it does not have yet (patch, libsql, projectTag, network, rollbackRegistryId,
buildServerId, buildRegistryId): a key on a table or column a version lacks finds nothing to delete.

Dokploy's delete procedures rely on these keys: application.delete, compose.delete, <db>.remove, environment.remove and
project.remove delete one row (and remove Docker objects, files and queues); everything below goes by the keys.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from .state import table

SERVICES = ("application", "compose", "postgres", "mysql", "mariadb", "mongo", "redis", "libsql")
_DATABASE_IDS = ("postgresId", "mysqlId", "mariadbId", "mongoId", "redisId", "libsqlId")
_SERVICE_IDS = ("applicationId", "composeId") + _DATABASE_IDS

# (child table, column, parent table, action)
FOREIGN_KEYS = (
    [("environment", "projectId", "project", "cascade"),
     ("projectTag", "projectId", "project", "cascade"),
     ("projectTag", "tagId", "tag", "cascade")]
    + [(kind, "environmentId", "environment", "cascade") for kind in SERVICES]
    + [(kind, "serverId", "server", "cascade") for kind in SERVICES]
    + [("application", "buildServerId", "server", "set null"),
       ("application", "customGitSSHKeyId", "sshKey", "set null"),
       ("compose", "customGitSSHKeyId", "sshKey", "set null")]
    + [("application", column, "registry", "set null")
       for column in ("registryId", "rollbackRegistryId", "buildRegistryId")]
    + [(kind, provider + "Id", provider, "set null")
       for kind in ("application", "compose") for provider in ("github", "gitlab", "gitea", "bitbucket")]
    + [(provider, "gitProviderId", "gitProvider", "cascade") for provider in ("github", "gitlab", "gitea", "bitbucket")]
    + [("deployment", column, parent, "cascade") for column, parent in (
        ("applicationId", "application"), ("composeId", "compose"), ("serverId", "server"),
        ("previewDeploymentId", "previewDeployment"), ("scheduleId", "schedule"), ("backupId", "backup"),
        ("rollbackId", "rollback"), ("volumeBackupId", "volumeBackup"), ("buildServerId", "server"))]
    + [("rollback", "deploymentId", "deployment", "cascade")]
    + [("domain", column, parent, "cascade") for column, parent in (
        ("applicationId", "application"), ("composeId", "compose"), ("previewDeploymentId", "previewDeployment"))]
    + [("previewDeployment", "applicationId", "application", "cascade"),
       ("previewDeployment", "domainId", "domain", "cascade")]
    + [("mount", column, column[:-2], "cascade") for column in _SERVICE_IDS]
    + [(child, "applicationId", "application", "cascade") for child in ("port", "redirect", "security")]
    + [("backup", column, column[:-2], "cascade") for column in ("composeId",) + _DATABASE_IDS if column != "redisId"]
    + [("backup", "destinationId", "destination", "cascade")]
    + [("volumeBackup", column, column[:-2], "cascade") for column in _SERVICE_IDS]
    + [("volumeBackup", "destinationId", "destination", "cascade")]
    + [("schedule", column, parent, "cascade") for column, parent in (
        ("applicationId", "application"), ("composeId", "compose"), ("serverId", "server"))]
    + [("patch", "applicationId", "application", "cascade"), ("patch", "composeId", "compose", "cascade")]
    + [("certificate", "serverId", "server", "cascade"), ("network", "serverId", "server", "cascade"),
       ("server", "sshKeyId", "sshKey", "set null")]
    # what an organisation holds (schedule.organizationId from v0.29.7; before, schedule.userId -> user)
    + [(child, "organizationId", "organization", "cascade") for child in (
        "project", "server", "registry", "destination", "sshKey", "notification", "certificate", "gitProvider", "network",
        "tag", "ai", "vaultProvider", "schedule", "member", "invitation", "organizationRole")]
    # what a user holds (better-auth's tables and git_provider.userId)
    + [("member", "userId", "user", "cascade"), ("invitation", "inviterId", "user", "cascade"),
       ("gitProvider", "userId", "user", "cascade")]
    # the web server's backups (backupType webServer): backup.userId has no onDelete, "no action" in both snapshots
    # (packages/server/src/db/schema/backups.ts, constraint backup_userId_user_id_fk)
    + [("backup", "userId", "user", "no action")]
)


class ForeignKeyRefused(Exception):
    """PostgreSQL refusing a delete: a ``no action`` key's ``child`` row still refers to the row."""

    def __init__(self, child, column, parent):
        super(ForeignKeyRefused, self).__init__(
            'update or delete on table "%s" violates foreign key constraint "%s_%s_%s_id_fk" on table "%s"'
            % (parent, child, column, parent, child))
        self.child, self.column, self.parent = child, column, parent


def _doomed(state, table_name, row_id, into):
    """The (table, id) pairs a delete of ``row_id`` removes: the row and its cascade children, recursively."""
    if (table_name, row_id) in into or row_id not in table(state, table_name):
        return into
    into.add((table_name, row_id))
    for child, column, parent, action in FOREIGN_KEYS:
        if parent == table_name and action == "cascade":
            for key in [k for k, r in table(state, child).items() if r.get(column) == row_id]:
                _doomed(state, child, key, into)
    return into


def delete_row(state, table_name, row_id):
    """Delete the row ``row_id`` of ``table_name`` and what Dokploy's foreign keys delete or clear with it; the deleted
    row (None when there was none). Raises ForeignKeyRefused, deleting nothing, when a ``no action`` key still
    refers to a row it would delete (PostgreSQL checks those at the end of the statement)."""
    doomed = _doomed(state, table_name, row_id, set())
    for child, column, parent, action in FOREIGN_KEYS:
        if action != "no action":
            continue
        for key, row in table(state, child).items():
            if (parent, row.get(column)) in doomed and (child, key) not in doomed:
                raise ForeignKeyRefused(child, column, parent)
    return _delete(state, table_name, row_id)


def _delete(state, table_name, row_id):
    row = table(state, table_name).pop(row_id, None)
    if row is None:
        return None
    for child, column, parent, action in FOREIGN_KEYS:
        if parent != table_name:
            continue
        rows = table(state, child)
        for key in [k for k, r in rows.items() if r.get(column) == row_id]:
            if action == "cascade":
                _delete(state, child, key)
            elif action == "set null" and key in rows:
                rows[key][column] = None
    return row
