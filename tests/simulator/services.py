# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Service kinds (application, compose, databases): rows, relations, summaries and cascading deletes."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import re

from .cascade import delete_row
from .registry import ApiError, not_found
from .rows import ROW_DEFAULTS
from .state import table
from .util import build_app_name, by_created, ilike, nanoid, now_iso, public

# kind -> id column, appName prefix, "not found" label, status column
KINDS = {
    "application": {"id": "applicationId", "prefix": "app", "label": "Application", "status": "applicationStatus"},
    "compose": {"id": "composeId", "prefix": "compose", "label": "Compose", "status": "composeStatus"},
    "postgres": {"id": "postgresId", "prefix": "postgres", "label": "Postgres", "status": "applicationStatus"},
    "mysql": {"id": "mysqlId", "prefix": "mysql", "label": "MySql", "status": "applicationStatus"},
    "mariadb": {"id": "mariadbId", "prefix": "mariadb", "label": "Mariadb", "status": "applicationStatus"},
    "mongo": {"id": "mongoId", "prefix": "mongo", "label": "Mongo", "status": "applicationStatus"},
    "redis": {"id": "redisId", "prefix": "redis", "label": "Redis", "status": "applicationStatus"},
    "libsql": {"id": "libsqlId", "prefix": "libsql", "label": "Libsql", "status": "applicationStatus"},
}
DATABASES = ("postgres", "mysql", "mariadb", "mongo", "redis", "libsql")
# order of the service arrays in project.all / environment.one / byProjectId
ENV_SERVICE_KEYS = ("applications", "mariadb", "mongo", "mysql", "postgres", "redis", "compose", "libsql")
# order in project.one
PROJECT_ONE_SERVICE_KEYS = ("applications", "compose", "libsql", "mariadb", "mongo", "mysql", "postgres", "redis")
KEY_TO_KIND = {"applications": "application"}


def kind_of_key(key):
    return KEY_TO_KIND.get(key, key)


def new_row(kind, **values):
    """A fresh row of `kind` from ROW_DEFAULTS with new id, appName, timestamps and tokens."""
    meta = KINDS[kind]
    row = copy.deepcopy(ROW_DEFAULTS[kind])
    row[meta["id"]] = nanoid()
    row["appName"] = build_app_name(meta["prefix"])
    row["createdAt"] = now_iso()
    if "refreshToken" in row:
        row["refreshToken"] = nanoid()
    row["description"] = None
    row["serverId"] = None
    row.update(values)
    return row


def get_row(state, kind, row_id):
    row = table(state, kind).get(row_id)
    if row is None:
        raise not_found(KINDS[kind]["label"])
    return row


def find_environment(state, environment_id):
    env = table(state, "environment").get(environment_id)
    if env is None:
        raise not_found("Environment")
    return env


def check_server(state, server_id):
    if server_id and server_id not in table(state, "server"):
        raise ApiError(401, "You are not authorized to access this server", "UNAUTHORIZED")


def environment_with_project(state, env):
    out = public(env)
    project = table(state, "project").get(env["projectId"])
    out["project"] = public(project) if project else None
    return out


def services_in_environment(state, kind, environment_id):
    return [r for r in table(state, kind).values() if r.get("environmentId") == environment_id]


def environment_has_services(state, environment_id):
    return any(services_in_environment(state, kind, environment_id) for kind in KINDS)


def server_summary(state, server_id, fields=("name",)):
    server = table(state, "server").get(server_id) if server_id else None
    if server is None:
        return None
    return {f: server.get(f) for f in fields}


def _children(state, table_name, column, value):
    return [public(r) for r in table(state, table_name).values() if r.get(column) == value]


def _by_id(state, table_name, row_id, drop=()):
    row = table(state, table_name).get(row_id) if row_id else None
    if row is None:
        return None
    out = public(row)
    for key in drop:
        out.pop(key, None)
    return out


def _server_full(state, server_id):
    return _by_id(state, "server", server_id)


def _deployments(state, column, value):
    rows = _children(state, "deployment", column, value)
    return sorted(rows, key=lambda r: r.get("createdAt") or "", reverse=True)


def destination_without_keys(state, destination_id):
    """The destination nested in backup / volume backup reads: both keys omitted [1222, 1250]."""
    return _by_id(state, "destination", destination_id, ("accessKey", "secretAccessKey"))


def _backups(state, column, value):
    """`<db>.one.backups` / `compose.one.backups` items: the destination without keys and the backup's
    deployments [1217, 1221, 1233]."""
    out = _children(state, "backup", column, value)
    for item in out:
        item["destination"] = destination_without_keys(state, item.get("destinationId"))
        item["deployments"] = _deployments(state, "backupId", item["backupId"])
    return out


def application_detail(state, row, for_delete=False):
    """application.one [108] (and the body of application.delete [202] with for_delete)."""
    out = public(row)
    app_id = row["applicationId"]
    env = table(state, "environment").get(row["environmentId"])
    out["environment"] = environment_with_project(state, env) if env else None
    out["domains"] = _children(state, "domain", "applicationId", app_id)
    out["deployments"] = _deployments(state, "applicationId", app_id)
    out["mounts"] = _children(state, "mount", "applicationId", app_id)
    out["redirects"] = _children(state, "redirect", "applicationId", app_id)
    out["security"] = _children(state, "security", "applicationId", app_id)
    out["ports"] = _children(state, "port", "applicationId", app_id)
    out["gitlab"] = _by_id(state, "gitlab", row.get("gitlabId"))
    out["github"] = _by_id(state, "github", row.get("githubId"))
    out["bitbucket"] = _by_id(state, "bitbucket", row.get("bitbucketId"))
    out["gitea"] = _by_id(state, "gitea", row.get("giteaId"))
    out["server"] = _server_full(state, row.get("serverId"))
    out["previewDeployments"] = _children(state, "previewDeployment", "applicationId", app_id)
    hide = () if for_delete else ("password",)
    out["registry"] = _by_id(state, "registry", row.get("registryId"), hide)
    out["buildRegistry"] = _by_id(state, "registry", row.get("buildRegistryId"), hide)
    out["rollbackRegistry"] = _by_id(state, "registry", row.get("rollbackRegistryId"), hide)
    if not for_delete:
        out["hasGitProviderAccess"] = True
        out["unauthorizedProvider"] = None
    return out


def whole_application(state, row, server=True):
    """The application row with its whole ``server`` and ``environment.project`` (what Dokploy's ``with: {server: true,
    environment: {with: {project: true}}}`` gives, e.g. findPreviewDeploymentById before v0.29.1; without ``server``
    for findRollbackById's before v0.29.14)."""
    out = public(row)
    if server:
        out["server"] = _server_full(state, row.get("serverId"))
    env = table(state, "environment").get(row.get("environmentId"))
    out["environment"] = environment_with_project(state, env) if env else None
    return out


def compose_detail(state, row, for_delete=False):
    """compose.one [345] (and compose.delete [528] with for_delete)."""
    out = public(row)
    compose_id = row["composeId"]
    env = table(state, "environment").get(row["environmentId"])
    out["environment"] = environment_with_project(state, env) if env else None
    out["deployments"] = _deployments(state, "composeId", compose_id)
    out["mounts"] = _children(state, "mount", "composeId", compose_id)
    out["domains"] = _children(state, "domain", "composeId", compose_id)
    out["github"] = _by_id(state, "github", row.get("githubId"))
    out["gitlab"] = _by_id(state, "gitlab", row.get("gitlabId"))
    out["bitbucket"] = _by_id(state, "bitbucket", row.get("bitbucketId"))
    out["gitea"] = _by_id(state, "gitea", row.get("giteaId"))
    out["server"] = _server_full(state, row.get("serverId"))
    out["backups"] = _backups(state, "composeId", compose_id)
    if not for_delete:
        out["hasGitProviderAccess"] = True
        out["unauthorizedProvider"] = None
    return out


def database_detail(state, kind, row):
    """<db>.one [211] and <db>.remove [234]: environment.project, mounts, server, backups (not redis)."""
    out = public(row)
    row_id = row[KINDS[kind]["id"]]
    env = table(state, "environment").get(row["environmentId"])
    out["environment"] = environment_with_project(state, env) if env else None
    out["mounts"] = _children(state, "mount", KINDS[kind]["id"], row_id)
    out["server"] = _server_full(state, row.get("serverId"))
    if kind != "redis":
        out["backups"] = _backups(state, KINDS[kind]["id"], row_id)
    return out


def detail(state, kind, row, for_delete=False):
    if kind == "application":
        return application_detail(state, row, for_delete)
    if kind == "compose":
        return compose_detail(state, row, for_delete)
    return database_detail(state, kind, row)


DB_MOUNT_PATHS = {"mysql": "/var/lib/mysql", "mariadb": "/var/lib/mysql", "mongo": "/data/db", "redis": "/data",
                  "libsql": "/var/lib/sqld"}  # libsql: from the source (routers/libsql.ts create)


def database_mount_path(kind, image):
    if kind != "postgres":
        return DB_MOUNT_PATHS[kind]
    match = re.search(r":(\d+)", image or "")
    if match and int(match.group(1)) >= 18:
        return "/var/lib/postgresql/%s/docker" % match.group(1)
    return "/var/lib/postgresql/data"


def new_mount(kind, service_id, **values):
    """A mount row [211] attached to a service of `kind`."""
    row = {"mountId": nanoid(), "type": "volume", "hostPath": None, "volumeName": None, "filePath": None, "content": None,
           "serviceType": kind, "mountPath": None, "applicationId": None, "composeId": None, "libsqlId": None,
           "mariadbId": None, "mongoId": None, "mysqlId": None, "postgresId": None, "redisId": None}
    if service_id is not None:
        row[KINDS[kind]["id"]] = service_id
    row.update(values)
    return row


def delete_service(state, kind, row_id):
    """Remove a service row and everything Dokploy's foreign keys delete with it (cascade.py)."""
    column = KINDS[kind]["id"]
    # Docker keeps the volumes of a removed service (removeService is `docker service rm` only): what
    # dockerVolume.removeVolume can remove afterwards (routes/docker_volume.py).
    for mount in table(state, "mount").values():
        if mount.get(column) == row_id and mount.get("type") == "volume" and mount.get("volumeName"):
            table(state, "dockerVolume")[mount["volumeName"]] = {"name": mount["volumeName"], "serverId": None}
    delete_row(state, kind, row_id)


def delete_environment(state, environment_id):
    """Delete the environment and its services (with what cascades from them, cascade.py)."""
    for kind in KINDS:
        for row in services_in_environment(state, kind, environment_id):
            delete_service(state, kind, row[KINDS[kind]["id"]])
    delete_row(state, "environment", environment_id)


# ---- summaries used by project/environment routers -----------------------------------------------------------
def summary_all(state, kind, row):
    """project.all [524]: apps {applicationId,name,applicationStatus}, compose {composeId,name,composeStatus}, dbs {<id>}."""
    meta = KINDS[kind]
    if kind in ("application", "compose"):
        return {meta["id"]: row[meta["id"]], "name": row["name"], meta["status"]: row.get(meta["status"])}
    return {meta["id"]: row[meta["id"]]}


def summary_project_one(state, kind, row):
    """project.one [525]."""
    meta = KINDS[kind]
    out = {"name": row["name"], "description": row.get("description"), "appName": row.get("appName"),
           "createdAt": row.get("createdAt"), "serverId": row.get("serverId")}
    if kind == "compose":
        out["composeId"] = row["composeId"]
        out["composeStatus"] = row.get("composeStatus")
    else:
        out[meta["status"]] = row.get(meta["status"])
        out[meta["id"]] = row[meta["id"]]
    if kind == "application":
        out["icon"] = row.get("icon")
    out["server"] = server_summary(state, row.get("serverId"))
    return out


def summary_environment_one(state, kind, row):
    """environment.one [526]."""
    meta = KINDS[kind]
    if kind == "postgres":
        out = {"postgresId": row["postgresId"], "name": row["name"], "description": row.get("description"),
               "createdAt": row.get("createdAt"), "applicationStatus": row.get("applicationStatus")}
    else:
        out = {meta["id"]: row[meta["id"]], "name": row["name"], "createdAt": row.get("createdAt"),
               meta["status"]: row.get(meta["status"]), "description": row.get("description")}
    out["serverId"] = row.get("serverId")
    if kind in ("application", "compose"):
        out["icon"] = row.get("icon")
    out["server"] = server_summary(state, row.get("serverId"), ("name", "serverId"))
    return out


def service_arrays(state, environment_id, summarize, keys=ENV_SERVICE_KEYS):
    out = {}
    for key in keys:
        kind = kind_of_key(key)
        out[key] = [summarize(state, kind, r) for r in services_in_environment(state, kind, environment_id)]
    return out


def search_services(state, kind, inp, fields, like_fields=("name", "appName", "description"), q_fields=("name", "description")):
    """`<kind>.search`: ilike filters, `q` over `q_fields`, environment/project filters, newest first, paginated."""
    rows = by_created(table(state, kind).values(), newest_first=True)
    if inp.get("q"):
        rows = [r for r in rows if any(ilike(r.get(f), inp["q"]) for f in q_fields)]
    for field in like_fields:
        if inp.get(field):
            rows = [r for r in rows if ilike(r.get(field), inp[field])]
    if inp.get("environmentId"):
        rows = [r for r in rows if r.get("environmentId") == inp["environmentId"]]
    if inp.get("projectId"):
        envs = set(k for k, e in table(state, "environment").items() if e.get("projectId") == inp["projectId"])
        rows = [r for r in rows if r.get("environmentId") in envs]
    offset, limit = int(inp.get("offset") or 0), int(inp.get("limit") or 20)
    return {"items": [dict((f, r.get(f)) for f in fields) for r in rows[offset:offset + limit]], "total": len(rows)}
