# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""overview router (v0.30.0+): every service and every domain of the organization in one call each.

Not recorded in the corpus; shapes follow Dokploy v0.30.2's source (packages/server/src/services/overview.ts,
OverviewService and OverviewDomain in overview-shared.ts): the services of each kind in turn (application,
postgres, mysql, mariadb, mongo, redis, compose, libsql), joined with environment, project and server.
The inventory plugin reads these two (plus server.all).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ..registry import route
from ..services import KINDS
from ..state import table

ORDER = ("application", "postgres", "mysql", "mariadb", "mongo", "redis", "compose", "libsql")
WITH_ICON = ("application", "compose")


def _last_deploy(state, kind):
    if kind not in ("application", "compose"):
        return {}
    column = KINDS[kind]["id"]
    last = {}
    for deployment in table(state, "deployment").values():
        owner = deployment.get(column)
        if owner and (deployment.get("createdAt") or "") > (last.get(owner) or ""):
            last[owner] = deployment.get("createdAt")
    return last


@route("overview.services")
def services(state, inp, ctx):
    environments = table(state, "environment")
    projects = table(state, "project")
    servers = table(state, "server")
    out = []
    for kind in ORDER:
        spec = KINDS[kind]
        last = _last_deploy(state, kind)
        for row in table(state, kind).values():
            env = environments.get(row.get("environmentId"))
            project = projects.get(env["projectId"]) if env else None
            if env is None or project is None:
                continue  # inner joins
            server = servers.get(row.get("serverId")) if row.get("serverId") else None
            out.append({
                "id": row[spec["id"]], "name": row.get("name"), "appName": row.get("appName"),
                "status": row.get(spec["status"]), "createdAt": row.get("createdAt"),
                "serverId": row.get("serverId"), "serverName": server.get("name") if server else None,
                "projectId": project["projectId"], "projectName": project["name"],
                "environmentId": env["environmentId"], "environmentName": env["name"],
                "icon": row.get("icon") if kind in WITH_ICON else None,
                "type": kind, "lastDeployAt": last.get(row[spec["id"]]),
            })
    return out


@route("overview.domains")
def domains(state, inp, ctx):
    environments = table(state, "environment")
    projects = table(state, "project")
    out = []
    for domain in table(state, "domain").values():
        owner = None
        for kind, column in (("application", "applicationId"), ("compose", "composeId")):
            if domain.get(column):
                row = table(state, kind).get(domain[column])
                if row is not None:
                    owner = (kind, row[column], row)
                    break
        if owner is None and domain.get("previewDeploymentId"):
            preview = table(state, "previewDeployment").get(domain["previewDeploymentId"]) or {}
            row = table(state, "application").get(preview.get("applicationId"))
            if row is not None:
                owner = ("application", row["applicationId"], row)
        if owner is None:
            continue  # orphan domains are not listed
        kind, owner_id, row = owner
        env = environments.get(row.get("environmentId")) or {}
        project = projects.get(env.get("projectId")) or {}
        out.append({
            "domainId": domain["domainId"], "host": domain.get("host"), "path": domain.get("path"),
            "port": domain.get("port"), "customEntrypoint": domain.get("customEntrypoint"),
            "https": domain.get("https"), "certificateType": domain.get("certificateType"),
            "createdAt": domain.get("createdAt"), "enabled": domain.get("enabled"),
            "domainType": domain.get("domainType"), "serviceOwnerId": owner_id, "serviceOwnerType": kind,
            "serviceName": row.get("name"), "projectId": project.get("projectId", ""),
            "projectName": project.get("name", ""), "environmentId": env.get("environmentId", ""),
            "environmentName": env.get("name", ""),
        })
    return out
