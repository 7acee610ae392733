# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the simulator does differently when it answers as an older Dokploy (``--version 0.25`` ... ``0.30``).

The simulator's routes model v0.30.2. A Profile takes that answer and makes it the answer of an older
version, from the declarative tables below; every entry is the first release tag whose source has the
thing, read from Dokploy's git history (citations in docs/dokploy-versions.md):

- PROCEDURES_SINCE / ROUTERS_SINCE: procedures an older server does not have; it answers them like any
  unknown path, 404 "Not found" (apps/dokploy/server/api/routers/*.ts, root.ts).
- COLUMNS_SINCE: columns (and relations) absent from older rows, trimmed from every answer; a row is
  recognised by its own id field (ROW_IDS) (apps/dokploy/drizzle/meta/*_snapshot.json).
- REQUIRED_UNTIL: input fields older servers require (packages/server/src/db/schema/*.ts ``.required()``).
- ZOD4 (v0.28.0): zod 4, drizzle-zod 0.8 and @dokploy/trpc-openapi 0.0.16 arrived together. Before it,
  error bodies are ``{message, code, issues}`` without ``data``, messages are zod 3's ("Required"),
  and ``.required()`` left fields whose schema is ``.optional()`` inside optional, so a partial
  ``application.saveEnvironment`` was accepted (RELAXED_BEFORE_ZOD4).
- WHOLE_ROWS_UNTIL: procedures that embedded whole rows before Dokploy narrowed them to summaries.
- BEHAVIOURS: switches route files read through ``ctx.config["behaviours"]`` (see environment.py).

Routes keep answering as v0.30.2; only this module and the small hooks in core.py know the versions.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import os
import re

from . import validation
from .registry import control
from .state import table
from .util import public
from .validation import ValidationFailed

VERSION_ENV = "DOKPLOY_SIM_VERSION"
LATEST = (0, 30, 2)
# The last release of each supported minor version (git tag -l 'v0.2*'): what "--version 0.25" means.
LAST_TAGS = {(0, 25): (0, 25, 11), (0, 26): (0, 26, 7), (0, 27): (0, 27, 1), (0, 28): (0, 28, 8),
             (0, 29): (0, 29, 14), (0, 30): (0, 30, 2)}
OLDEST = (0, 25, 0)

ROUTERS_SINCE = {"libsql": (0, 29, 0), "tag": (0, 29, 0), "network": (0, 29, 14), "overview": (0, 30, 0),
                 "licenseKey": (0, 27, 0), "vaultProvider": (0, 30, 0), "dockerVolume": (0, 30, 0),
                 "patch": (0, 28, 0)}

PROCEDURES_SINCE = {
    "application.clearDeployments": (0, 27, 1), "compose.clearDeployments": (0, 27, 1),
    "application.killBuild": (0, 25, 8), "compose.killBuild": (0, 25, 8),
    "application.readLogs": (0, 29, 0), "compose.readLogs": (0, 29, 0),
    "postgres.readLogs": (0, 29, 0), "mysql.readLogs": (0, 29, 0), "mariadb.readLogs": (0, 29, 0),
    "mongo.readLogs": (0, 29, 0), "redis.readLogs": (0, 29, 0),
    "postgres.changePassword": (0, 29, 0), "mysql.changePassword": (0, 29, 0), "mariadb.changePassword": (0, 29, 0),
    "mongo.changePassword": (0, 29, 0), "redis.changePassword": (0, 29, 0),
    "application.saveGitProvider": (0, 25, 5),  # v0.25.0-v0.25.4 spelt it saveGitProdiver
    "application.search": (0, 28, 3), "compose.search": (0, 28, 3), "environment.search": (0, 28, 3),
    "project.search": (0, 28, 3), "postgres.search": (0, 28, 3), "mysql.search": (0, 28, 3),
    "mariadb.search": (0, 28, 3), "mongo.search": (0, 28, 3), "redis.search": (0, 28, 3),
    "compose.saveEnvironment": (0, 29, 0),
    "user.createUserWithCredentials": (0, 29, 0), "organization.inviteMember": (0, 28, 7),
    "organization.updateMemberRole": (0, 26, 0), "organization.active": (0, 28, 4), "organization.setDefault": (0, 25, 7),
    "settings.getWebServerSettings": (0, 26, 3), "settings.updateServerIp": (0, 26, 3),
    "settings.updateBuildsConcurrency": (0, 29, 9), "settings.updateRemoteServersOnly": (0, 29, 6),
    "compose.previewTemplate": (0, 29, 5),
    "deployment.allCentralized": (0, 28, 3), "deployment.queueList": (0, 28, 3),
    "deployment.readLogs": (0, 29, 5), "deployment.removeDeployment": (0, 27, 1),
    "domain.toggleEnable": (0, 30, 0),
    "backup.manualBackupLibsql": (0, 29, 0),
    "certificates.update": (0, 29, 0),
    "gitProvider.allForPermissions": (0, 29, 0), "gitProvider.toggleShare": (0, 29, 0),
    "mounts.listByServiceId": (0, 28, 0),
    "previewDeployment.redeploy": (0, 26, 4),
    "project.allForPermissions": (0, 28, 3), "project.homeStats": (0, 29, 1),
    "registry.testRegistryById": (0, 26, 3),
    "server.allForPermissions": (0, 29, 0), "server.buildServers": (0, 26, 0), "server.getServerTime": (0, 25, 7),
    "server.updateBuildsConcurrency": (0, 29, 9),
    "settings.checkInfrastructureHealth": (0, 29, 0), "settings.cleanAllDeploymentQueue": (0, 27, 0),
    "settings.getDockerDiskUsage": (0, 29, 0), "settings.updateEnforceSSO": (0, 29, 6),
    "sshKey.allForApps": (0, 29, 0),
    "user.getBookmarkedTemplates": (0, 29, 0),
    "user.toggleTemplateBookmark": (0, 29, 0), "user.getPermissions": (0, 28, 7), "user.session": (0, 28, 5),
    "user.listPasskeys": (0, 29, 14), "user.listSessions": (0, 30, 0), "user.revokeSession": (0, 30, 0),
}

# notification.create<X>, update<X>, test<X>Connection came together with each notification channel
NOTIFICATION_CHANNELS_SINCE = {"Lark": (0, 25, 6), "Custom": (0, 26, 0), "Pushover": (0, 26, 7), "Resend": (0, 27, 0),
                               "Teams": (0, 27, 1), "Mattermost": (0, 29, 0)}
for _channel, _since in NOTIFICATION_CHANNELS_SINCE.items():
    for _procedure in ("create%s", "update%s", "test%sConnection"):
        PROCEDURES_SINCE["notification." + _procedure % _channel] = _since

# The table a row belongs to is the first whose id field the row has: children before the services they
# point at, services before environment, environment before project, providers before git_provider.
# A gitlab row carries applicationId (its OAuth application's ID, not a service's), so the providers' own URL columns,
# which no service row has (packages/server/src/db/schema/application.ts), tell them first.
ROW_IDS = (
    ("gitlab", "gitlabUrl"), ("gitea", "giteaUrl"),
    ("domain", "domainId"), ("deployment", "deploymentId"), ("mount", "mountId"), ("backup", "backupId"),
    ("volume_backup", "volumeBackupId"), ("schedule", "scheduleId"), ("notification", "notificationId"),
    ("application", "applicationId"), ("compose", "composeId"), ("postgres", "postgresId"), ("mysql", "mysqlId"),
    ("mariadb", "mariadbId"), ("mongo", "mongoId"), ("redis", "redisId"),
    ("environment", "environmentId"), ("project", "projectId"),
    ("github", "githubId"), ("gitlab", "gitlabId"), ("gitea", "giteaId"), ("bitbucket", "bitbucketId"),
    ("git_provider", "gitProviderId"), ("destination", "destinationId"), ("server", "serverId"),
    # better-auth's rows have a bare "id": a member by its permission flags, an organisation by its slug
    ("member", "canAccessToDocker"), ("organization", "slug"),
)

_SERVICE_COLUMNS = {"args": (0, 26, 0), "ulimitsSwarm": (0, 27, 0), "networkIds": (0, 29, 14),
                    "detachDokployNetwork": (0, 29, 14)}
COLUMNS_SINCE = {
    "application": dict(_SERVICE_COLUMNS, bitbucketRepositorySlug=(0, 26, 7), buildRegistryId=(0, 26, 0),
                        rollbackRegistryId=(0, 26, 0), buildServerId=(0, 26, 0), createEnvFile=(0, 26, 1),
                        icon=(0, 29, 0), buildRegistry=(0, 26, 0), rollbackRegistry=(0, 26, 0), buildServer=(0, 26, 0),
                        buildSecrets=(0, 25, 6), previewBuildSecrets=(0, 25, 6)),
    "compose": {"bitbucketRepositorySlug": (0, 26, 7), "createEnvFile": (0, 30, 0), "icon": (0, 29, 14),
                "serviceNetworks": (0, 29, 14), "networkIds": (0, 29, 14), "detachDokployNetwork": (0, 29, 14)},
    "postgres": _SERVICE_COLUMNS, "mysql": _SERVICE_COLUMNS, "mariadb": _SERVICE_COLUMNS, "mongo": _SERVICE_COLUMNS,
    "redis": _SERVICE_COLUMNS,
    "deployment": {"buildServerId": (0, 26, 0), "buildServer": (0, 26, 0)},
    "domain": {"customEntrypoint": (0, 29, 0), "middlewares": (0, 29, 0), "forwardAuthEnabled": (0, 29, 8),
               "enabled": (0, 30, 0)},
    "environment": {"isDefault": (0, 26, 1), "libsql": (0, 29, 0)},
    "project": {"projectTags": (0, 29, 0)},
    "mount": {"libsqlId": (0, 29, 0)},
    "backup": {"libsqlId": (0, 29, 0), "includeEncryptionKey": (0, 29, 12), "libsql": (0, 29, 0)},
    "volume_backup": {"libsqlId": (0, 29, 0), "libsql": (0, 29, 0)},
    "schedule": {"timezone": (0, 26, 0), "description": (0, 29, 3), "organizationId": (0, 29, 7)},
    "notification": {"customId": (0, 26, 0), "volumeBackup": (0, 26, 0), "pushoverId": (0, 26, 7),
                     "resendId": (0, 27, 0), "teamsId": (0, 27, 1), "mattermostId": (0, 29, 0),
                     "dokployBackup": (0, 29, 0), "custom": (0, 26, 0), "pushover": (0, 26, 7),
                     "resend": (0, 27, 0), "teams": (0, 27, 1), "mattermost": (0, 29, 0)},
    # isOwner: computed by gitProvider.getAll, absent from a real v0.25.11's answer (tests/acceptance/test_versions_v025.py);
    # not known more closely than "after v0.25.11": v0.26.0 assumed
    "git_provider": {"sharedWithOrganization": (0, 29, 0), "isOwner": (0, 26, 0)},
    # a real v0.25.11's organization.all and user.all: no defaultRole, members without the two enterprise lists
    "organization": {"defaultRole": (0, 30, 0)},
    "member": {"accessedGitProviders": (0, 29, 0), "accessedServers": (0, 29, 0)},
    "gitea": {"giteaInternalUrl": (0, 27, 0)},
    "gitlab": {"gitlabInternalUrl": (0, 27, 0)},
    "github": {"githubUrl": (0, 29, 14)},
    "destination": {"additionalFlags": (0, 29, 0)},
    "server": {"serverType": (0, 26, 0), "buildsConcurrency": (0, 29, 9)},
}

# procedure -> {field: first version where it is optional}; before it a missing field gives zod 3's "Required".
# `<db>.create` picked appName and ended in .required() until v0.26.7 (packages/server/src/db/schema/<db>.ts);
# application.save<Provider> picked enableSubmodules (notNull, default false) inside .required() until v0.28.4
# (packages/server/src/db/schema/application.ts). A notNull column with a default is optional in drizzle-zod 0.5,
# and zod 3's .required() unwraps that optional.
REQUIRED_UNTIL = dict(("%s.create" % kind, {"appName": (0, 26, 7)}) for kind in ("postgres", "mysql", "mariadb", "mongo", "redis"))
REQUIRED_UNTIL.update(("application.save%sProvider" % provider, {"enableSubmodules": (0, 28, 4)})
                      for provider in ("Github", "Gitlab", "Bitbucket", "Gitea", "Git"))

REQUIRED_TYPES = {"enableSubmodules": "boolean"}

# procedure -> {field: (first version without it, its JSON schema)}: input fields older servers take that v0.30.2's
# schemas lost. v0.25.11's apiUpdateUser is the whole user row made partial (packages/server/src/db/schema/user.ts),
# whose web server columns moved to webServerSettings at v0.26.3.
_NULLABLE_TEXT = {"anyOf": [{"type": "string"}, {"type": "null"}]}
DROPPED_INPUTS = {"user.update": dict(
    (column, ((0, 26, 3), schema)) for column, schema in (
        ("serverIp", _NULLABLE_TEXT), ("host", _NULLABLE_TEXT), ("letsEncryptEmail", _NULLABLE_TEXT),
        ("logCleanupCron", _NULLABLE_TEXT), ("https", {"type": "boolean"}), ("enableDockerCleanup", {"type": "boolean"}),
        ("certificateType", {"type": "string", "enum": ["letsencrypt", "none", "custom"]})))}

ZOD4 = (0, 28, 0)
# Fields a zod 3 .required() left optional (their schema is .optional() inside), so a partial call passes
# and the missing columns keep their values (drizzle skips undefined in .set()).
RELAXED_BEFORE_ZOD4 = {"application.saveEnvironment": ("env", "buildArgs", "buildSecrets", "createEnvFile")}

# procedure -> (first version with summaries, [(path to the embedded rows, their table, their id field,
# relations the whole row carries)]); "*" in a path is every item of a list. Older servers embed the whole row
# where v0.30.2 has a summary: findDomainsBy*Id / findDomainById (packages/server/src/services/domain.ts) and
# findProjectById (services/project.ts, serviceColumns) narrowed them at v0.29.14, project.all
# (apps/dokploy/server/api/routers/project.ts, whole rows with domains before) at v0.28.3.
_SERVICE_KEYS = (("applications", "application", "applicationId"), ("compose", "compose", "composeId"),
                 ("postgres", "postgres", "postgresId"), ("mysql", "mysql", "mysqlId"), ("mariadb", "mariadb", "mariadbId"),
                 ("mongo", "mongo", "mongoId"), ("redis", "redis", "redisId"))
WHOLE_ROWS_UNTIL = {
    "domain.byApplicationId": ((0, 29, 14), [(("*", "application"), "application", "applicationId", ())]),
    "domain.byComposeId": ((0, 29, 14), [(("*", "compose"), "compose", "composeId", ())]),
    "domain.one": ((0, 29, 14), [(("application",), "application", "applicationId", ())]),
    "project.one": ((0, 29, 14), [(("environments", "*", key, "*"), kind, kind_id, ()) for key, kind, kind_id in _SERVICE_KEYS]),
    "project.all": ((0, 28, 3), [(("*", "environments", "*"), "environment", "environmentId", ())] + [
        (("*", "environments", "*", key, "*"), kind, kind_id, ("domain",) if kind in ("application", "compose") else ())
        for key, kind, kind_id in _SERVICE_KEYS]),
    # findApplicationById (packages/server/src/services/application.ts) drops the providers' secrets from v0.29.13
    # and the registry password from v0.29.8; before, the whole rows. "#..." tells two entries of one procedure apart.
    "application.one#git": ((0, 29, 13), [((kind,), kind, kind + "Id", ()) for kind in ("github", "gitlab", "bitbucket", "gitea")]),
    "application.one#registry": ((0, 29, 8), [(("registry",), "registry", "registryId", ())]),
}
# gitProvider.getAll: a real v0.25.11 nests each provider's whole row (its secrets included, no isConfigured), v0.30.2 a
# summary (tests/acceptance/test_versions_v025.py); not known more closely than "after v0.25.11": v0.26.0 assumed.
_PROVIDER_ROWS = [(("*", kind), kind, kind + "Id", ()) for kind in ("github", "gitlab", "bitbucket", "gitea")]
WHOLE_ROWS_UNTIL["gitProvider.getAll"] = ((0, 26, 0), _PROVIDER_ROWS)
# v0.29.8 also left the S3 keys (accessKey, secretAccessKey) out of the destination embedded in backups
# (packages/server/src/services/{postgres,mysql,mariadb,mongo,compose,backup,volume-backups}.ts).
_DESTINATION = ("destination", "destinationId", ())
WHOLE_ROWS_UNTIL.update(("%s.one#destination" % kind, ((0, 29, 8), [(("backups", "*", "destination"),) + _DESTINATION]))
                        for kind in ("postgres", "mysql", "mariadb", "mongo", "compose"))
WHOLE_ROWS_UNTIL.update(("%s.one#destination" % router, ((0, 29, 8), [(("destination",),) + _DESTINATION]))
                        for router in ("backup", "volumeBackups"))

# Relations only the narrowed summaries carry: a whole row of an older version has none (a real v0.25.11's
# project.one lists its applications without their server; tests/acceptance/test_differential.py).
SUMMARY_ONLY = ("server", "isConfigured", "isDeprecated")

# Behaviour switches for route files: name -> first version that behaves like v0.30.2.
BEHAVIOURS = {
    # isDefault column; before it the environment *named* production is the protected one
    # (packages/server/src/services/environment.ts deleteEnvironment, v0.25.11 vs v0.26.1)
    "environment.isDefault": (0, 26, 1),
    # deleteEnvironment refuses an environment with services from v0.27.1; before, they cascade away
    "environment.remove.refuses_services": (0, 27, 1),
    # findEnvironmentById narrowed to columns/summaries at v0.26.1; before, whole rows (deployments, server)
    "environment.one.summary": (0, 26, 1),
    "errors.data": ZOD4,
    # a new application's dockerfile column: null on a real v0.25.11 (its schema has no default; v0.30.2's is
    # "Dockerfile"); seen by tests/acceptance/test_differential.py. First version with the default: not known
    # more closely than "after v0.25.11", v0.26.0 assumed.
    "application.dockerfile.default": (0, 26, 0),
    # compose.create takes sourceType (apiCreateCompose picks it in v0.30.2, not in v0.25.11: zod strips it and
    # the row keeps the column default "github"); seen on a real v0.25.11 by the differential run. v0.26.0 assumed.
    "compose.create.sourceType": (0, 26, 0),
    # server.create and server.update take enableDockerCleanup (apiCreateServer/apiUpdateServer of v0.30.2; v0.25.11's
    # pick no such field, its column defaults to false, and settings.updateDockerCleanup with a serverId sets it).
    # Not known more closely than "after v0.25.11": v0.26.0 assumed, with serverType (tables/_capabilities.py).
    "server.enableDockerCleanup": (0, 26, 0),
    # previewDeployment.all read the application first (findApplicationById: 404 "Application not found", seen on a real
    # v0.25.11, tests/acceptance/test_cascade.py) until v0.28.7 checked only the caller's permission (an unknown applicationId answers []):
    # apps/dokploy/server/api/routers/preview-deployment.ts @ v0.28.6 vs @ v0.28.7
    "previewDeployment.all.unchecked": (0, 28, 7),
    # findPreviewDeploymentById nested the whole application with its server and environment.project until v0.29.1
    # narrowed it to {applicationId, serverId}: packages/server/src/services/preview-deployment.ts @ v0.29.0 vs @ v0.29.1
    "previewDeployment.one.narrow": (0, 29, 1),
    # rollback.delete returned removeRollbackById's promise without await inside its try until v0.28.7: an unknown ID
    # is the plain Error "Rollback not found" as a 500, not the router's 400 (routers/rollbacks.ts @ v0.28.6 vs v0.28.7;
    # the 500 seen on a real v0.25.11, tests/acceptance/test_cascade.py)
    "rollback.delete.awaited": (0, 28, 7),
    # findRollbackById nested the deployment's whole application with environment.project until v0.29.14 nested the
    # deployment alone (packages/server/src/services/rollbacks.ts @ v0.29.13 vs @ v0.29.14)
    "rollback.deployment.narrow": (0, 29, 14),
    # the webServerSettings table (settings.getWebServerSettings, updateServerIp) came with v0.26.3; before, its columns
    # are on each user row, user.get shows them and user.update writes serverIp (routes/settings.py; v0.25.11's source)
    "settings.webServerSettings": (0, 26, 3),
}

# Answers that were a bare value where v0.30.2 answers the row: procedure -> (first version answering as
# v0.30.2, the older answer). A real v0.25.11 answers `true` to mounts.create, port.create and
# <postgres|mysql|mariadb|mongo>.create (apps/dokploy/server/api/routers/*.ts: `return true`) and null to
# security.create (createSecurity returns nothing); seen by tests/acceptance/test_differential.py. When each
# changed is not known more closely than "after v0.25.11": v0.26.0 assumed.
ANSWERS_UNTIL = dict(("%s.create" % kind, ((0, 26, 0), True))
                     for kind in ("mounts", "port", "postgres", "mysql", "mariadb", "mongo"))
ANSWERS_UNTIL["security.create"] = ((0, 26, 0), None)

NOT_FOUND = {"message": "Not found", "code": "NOT_FOUND"}


def parse(version):
    """``"0.25"``, ``"v0.25.3"``, ``(0, 25)`` or None (latest) -> a full version tuple."""
    if version is None:
        return LATEST
    if isinstance(version, (tuple, list)):
        parts = tuple(int(p) for p in version)
    else:
        match = re.match(r"^v?(\d+)\.(\d+)(?:\.(\d+))?$", str(version).strip())
        if not match:
            raise ValueError("not a Dokploy version: %r" % (version,))
        parts = tuple(int(p) for p in match.groups() if p is not None)
    if len(parts) == 2:
        if parts not in LAST_TAGS:
            raise ValueError("the simulator answers as Dokploy %s only" % ", ".join("%d.%d" % m for m in sorted(LAST_TAGS)))
        return LAST_TAGS[parts]
    if not OLDEST <= parts <= LATEST:
        raise ValueError("the simulator answers as Dokploy v0.25.0 to v0.30.2, not %r" % (version,))
    return parts


def _zod3_issue(issue):
    """A zod 4 issue as zod 3 (zod ^3.25, Dokploy before v0.28.0) words it, for the cases the simulator raises."""
    out = dict(issue)
    message = issue.get("message") or ""
    received = re.match(r"^Invalid input: expected (\w+), received (\w+)$", message)
    if received and received.group(2) == "undefined":
        out.update(message="Required", received="undefined")
        if out.get("expected") == "nonoptional":
            out.pop("expected")
    elif received:
        out.update(message="Expected %s, received %s" % received.groups(), received=received.group(2))
    return out


def _embed_whole_rows(value, path, source):
    """``value`` with the summary at ``path`` widened to the whole row it summarises (nested lists kept).

    ``source`` is (the rows by id, their id field, {child table: its rows}): children pointing at the row
    through the same id field are attached as ``<child table>s`` (domains).
    """
    rows, id_field, children = source
    if not path:
        row = rows.get(value.get(id_field)) if isinstance(value, dict) else None
        if row is None:
            return value
        whole = public(row)
        for name, child_rows in children.items():
            whole[name + "s"] = [public(c) for c in child_rows.values() if c.get(id_field) == row[id_field]]
        whole.update((k, v) for k, v in value.items() if k not in whole and k not in SUMMARY_ONLY)
        return whole
    head, rest = path[0], path[1:]
    if head == "*" and isinstance(value, list):
        return [_embed_whole_rows(item, rest, source) for item in value]
    if isinstance(value, dict) and head in value:
        value[head] = _embed_whole_rows(value[head], rest, source)
    return value


class Profile(object):
    """How Dokploy ``version`` differs from the v0.30.2 the routes model."""

    def __init__(self, version=None):
        self.version = parse(version)
        self.tag = "v%d.%d.%d" % self.version
        self.zod4 = self.version >= ZOD4
        self.missing = frozenset(name for name, since in PROCEDURES_SINCE.items() if self.version < since)
        self.missing_routers = frozenset(name for name, since in ROUTERS_SINCE.items() if self.version < since)
        self.absent = dict((tbl, frozenset(c for c, since in cols.items() if self.version < since))
                           for tbl, cols in COLUMNS_SINCE.items())
        self.required = dict((proc, tuple(f for f, until in fields.items() if self.version < until))
                             for proc, fields in REQUIRED_UNTIL.items())
        self.relaxed = {} if self.zod4 else dict((p, frozenset(f)) for p, f in RELAXED_BEFORE_ZOD4.items())
        self.dropped = dict((proc, dict((f, schema) for f, (until, schema) in fields.items() if self.version < until))
                            for proc, fields in DROPPED_INPUTS.items())
        self.whole_rows = {}
        for key, (until, embeds) in WHOLE_ROWS_UNTIL.items():
            if self.version < until:
                self.whole_rows.setdefault(key.split("#", 1)[0], []).extend(embeds)
        self.behaviours = dict((name, self.version >= since) for name, since in BEHAVIOURS.items())
        # fixed answers: the version itself
        self.answers = {"settings.getDokployVersion": self.tag}
        self.answers.update((proc, answer) for proc, (until, answer) in ANSWERS_UNTIL.items() if self.version < until)

    @property
    def is_latest(self):
        return self.version == LATEST

    def has_procedure(self, procedure):
        return procedure not in self.missing and procedure.split(".", 1)[0] not in self.missing_routers

    # ---- input ------------------------------------------------------------------------------------------------
    def validate(self, procedure, data, nonoptional, coerce):
        """Validate as this version: fields it requires, fields its zod 3 left optional, zod 3 messages."""
        relaxed = self.relaxed.get(procedure, frozenset())
        # columns this version does not have are not in its input schemas either, so never required (server.update's
        # serverType before v0.26.0); when sent they reach the routes, whose answers trim them again
        relaxed = relaxed | self.absent.get(procedure.split(".")[0], frozenset())
        issues = []
        result = None
        try:
            extra = self.dropped.get(procedure)
            if relaxed or extra:
                result = self._validate_relaxed(procedure, data, nonoptional, coerce, relaxed, extra)
            else:
                result = validation.validate(procedure, data, nonoptional, coerce)
        except ValidationFailed as exc:
            issues = list(exc.issues)
        given = data if isinstance(data, dict) else {}
        for field in self.required.get(procedure, ()):
            if field not in given:
                expected = REQUIRED_TYPES.get(field, "string")
                issues.append({"expected": expected, "code": "invalid_type", "path": [field],
                               "message": "Invalid input: expected %s, received undefined" % expected})
        if issues:
            raise ValidationFailed(issues if self.zod4 else [_zod3_issue(i) for i in issues])
        return result

    @staticmethod
    def _validate_relaxed(procedure, data, nonoptional, coerce, relaxed, extra=None):
        # validation.validate() with `relaxed` taken out of the schema's required list and the `extra` properties
        # (DROPPED_INPUTS) put back in
        schema = validation._resolve(validation.procedures()[procedure]["schema"])  # pylint: disable=protected-access
        schema = dict(schema, required=[f for f in schema.get("required", []) if f not in relaxed],
                      properties=dict(schema.get("properties", {}), **(extra or {})))
        issues = []
        result = validation._object(schema, data if isinstance(data, dict) else {}, [], issues, coerce,  # pylint: disable=protected-access
                                    frozenset(nonoptional) - relaxed)
        if issues:
            raise ValidationFailed(issues)
        return result

    # ---- output -----------------------------------------------------------------------------------------------
    def error_body(self, body):
        """An OpenAPI error body as this version's @dokploy/trpc-openapi shapes it."""
        if self.zod4 or not isinstance(body, dict) or "code" not in body:
            return body
        out = {"message": body.get("message"), "code": body.get("code")}
        if body.get("issues"):
            out["issues"] = [_zod3_issue(i) for i in body["issues"]]
        return out

    def result(self, procedure, result, state):
        """A successful answer as this version gives it."""
        if procedure in self.answers:
            return self.answers[procedure]
        if self.is_latest or not isinstance(result, (dict, list)):
            return result  # EMPTY and scalars pass as they are
        result = copy.deepcopy(result)
        for path, tbl, id_field, relations in self.whole_rows.get(procedure, ()):
            children = dict((name, table(state, name)) for name in relations)
            result = _embed_whole_rows(result, path, (table(state, tbl), id_field, children))
        return self.trim(result)

    def trim(self, value):
        """``value`` without the columns this version's rows do not have, at any depth."""
        if isinstance(value, list):
            return [self.trim(v) for v in value]
        if not isinstance(value, dict):
            return value
        absent = self.absent.get(self.table_of(value), ())
        return dict((k, self.trim(v)) for k, v in value.items() if k not in absent)

    @staticmethod
    def table_of(row):
        for tbl, id_field in ROW_IDS:
            if id_field in row:
                return tbl
        return None


PROFILES = dict(("%d.%d" % minor, Profile(tag)) for minor, tag in sorted(LAST_TAGS.items()))


def profile_for(version=None):
    """The Profile of ``version`` (None: v0.30.2); a minor version ("0.25") means its last release."""
    parsed = parse(version)
    for profile in PROFILES.values():
        if profile.version == parsed:
            return profile
    return Profile(parsed)


def apply_profile(sim, version=None):
    """Make ``sim`` answer as ``version``: its profile, and the flags route files read from ``ctx.config``.

    Without a version, $DOKPLOY_SIM_VERSION chooses one (so a whole test suite can run as an older Dokploy).
    """
    profile = profile_for(version or os.environ.get(VERSION_ENV) or None)
    with sim.lock:
        sim.profile = profile
        sim.config["version"] = profile.tag
        sim.config["behaviours"] = dict(profile.behaviours)
    return profile


@control("version")
def version_control(sim, method, data):
    """``GET /__sim__/version``: the version answered as; ``POST {"version": "0.25"}``: answer as another one."""
    if method == "POST":
        try:
            apply_profile(sim, (data or {}).get("version"))
        except ValueError as exc:
            return 400, {"message": str(exc)}
    elif method != "GET":
        return 405, {"message": "GET or POST"}
    return 200, {"version": sim.profile.tag, "behaviours": sim.config["behaviours"]}
