# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""previewDeployment router: all, one, delete, redeploy (v0.26.4 and newer; versions.py).

Nothing recorded: read in Dokploy v0.30.2's apps/dokploy/server/api/routers/preview-deployment.ts and
packages/server/src/services/preview-deployment.ts (findPreviewDeploymentsByApplicationId,
findPreviewDeploymentById, removePreviewDeployment), and rebuildPreviewApplication
(packages/server/src/services/application.ts) for redeploy.

A preview is made by Dokploy's GitHub webhook (apps/dokploy/pages/api/deploy/github.ts, createPreviewDeployment) for
a pull request, never through the API: tests seed one with ``POST /__sim__/previews`` (below), which makes the row,
its domain (``domainType: preview``, the host made from the application's ``previewWildcard`` as
generateWildcardDomain makes it) and, if asked, its deployments.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from .. import deploy_queue
from ..cascade import delete_row
from ..registry import ApiError, control, not_found, route
from ..services import get_row, whole_application
from ..state import table
from ..util import nanoid, now_iso, public, random_suffix, since as _since

STATUSES = ("idle", "running", "done", "error")


def _get(state, preview_id):
    row = table(state, "previewDeployment").get(preview_id)
    if row is None:
        raise not_found("Preview Deployment")
    return row


def _domain(state, row):
    domain = table(state, "domain").get(row.get("domainId")) if row.get("domainId") else None
    return public(domain) if domain else None


def _deployments(state, preview_id):
    found = [public(d) for d in table(state, "deployment").values() if d.get("previewDeploymentId") == preview_id]
    return sorted(found, key=lambda d: d.get("createdAt") or "", reverse=True)


@route("previewDeployment.all")
def all_(state, inp, ctx):
    """The previews of the application, newest first, each with its deployments (newest first) and its domain. v0.30.2
    checks only the caller's permission: an unknown applicationId answers [] (before v0.28.7 the router read the
    application first, 404 "Application not found"; versions.py)."""
    if not _since(ctx, "previewDeployment.all.unchecked"):
        get_row(state, "application", inp["applicationId"])
    rows = [r for r in table(state, "previewDeployment").values() if r.get("applicationId") == inp["applicationId"]]
    out = []
    for row in sorted(rows, key=lambda r: r.get("createdAt") or "", reverse=True):
        item = public(row)
        item["deployments"] = _deployments(state, row["previewDeploymentId"])
        item["domain"] = _domain(state, row)
        out.append(item)
    return out


@route("previewDeployment.one")
def one(state, inp, ctx):
    """The row with its domain and ``application: {applicationId, serverId}`` (v0.30.2; before v0.29.1 the whole
    application with its whole server and environment.project, versions.py); no deployments."""
    row = _get(state, inp["previewDeploymentId"])
    out = public(row)
    out["domain"] = _domain(state, row)
    app = table(state, "application").get(row["applicationId"]) or {}
    if _since(ctx, "previewDeployment.one.narrow"):
        out["application"] = {"applicationId": row["applicationId"], "serverId": app.get("serverId")}
    else:
        out["application"] = whole_application(state, app)
    return out


@route("previewDeployment.delete")
def delete(state, inp, ctx):
    """removePreviewDeployment: the preview's service, deployments, code and Traefik configuration, then the row (its
    domain goes by the foreign key's cascade); ``true``."""
    row = _get(state, inp["previewDeploymentId"])
    delete_row(state, "previewDeployment", row["previewDeploymentId"])
    return True


@route("previewDeployment.redeploy")
def redeploy(state, inp, ctx):
    """Queues a rebuild of the preview (type redeploy, applicationType application-preview); ``true`` at once."""
    row = _get(state, inp["previewDeploymentId"])
    app = get_row(state, "application", row["applicationId"])
    deploy_queue.queue_of(ctx.sim).enqueue("application", app, "redeploy", inp.get("title") or "Rebuild Preview Deployment",
                                           inp.get("description") or "", preview=row["previewDeploymentId"])
    return True


def wildcard_host(app, app_name):
    """generateWildcardDomain: the wildcard's ``*`` replaced by the preview's appName (for sslip.io, followed by the
    server's IP with dashes; the simulator's is 127.0.0.1)."""
    wildcard = app.get("previewWildcard") or "*.sslip.io"
    if "sslip.io" in wildcard:
        return wildcard.replace("*", "%s-127-0-0-1" % app_name)
    return wildcard.replace("*", app_name)


def seed_preview(state, data):
    """A preview of ``applicationId`` as Dokploy's webhook makes one, with ``deployments`` (a list of statuses)."""
    app = table(state, "application").get(data.get("applicationId"))
    if app is None:
        raise ValueError("applicationId: no such application")
    status = data.get("previewStatus", "done")
    if status not in STATUSES:
        raise ValueError("previewStatus must be one of %s" % ", ".join(STATUSES))
    number = str(data.get("pullRequestNumber", 1))
    row = {"previewDeploymentId": nanoid(), "branch": data.get("branch", "feature-%s" % number),
           "pullRequestId": str(data.get("pullRequestId", 1000000 + int(number) if number.isdigit() else number)),
           "pullRequestNumber": number,
           "pullRequestURL": data.get("pullRequestURL", "https://github.com/%s/%s/pull/%s" % (
               app.get("owner") or "owner", app.get("repository") or "repository", number)),
           "pullRequestTitle": data.get("pullRequestTitle", "Pull request %s" % number),
           "pullRequestCommentId": str(data.get("pullRequestCommentId", 2000000 + len(table(state, "previewDeployment")))),
           "previewStatus": status, "appName": "preview-%s-%s" % (app["appName"], random_suffix()),
           "applicationId": app["applicationId"], "domainId": None, "createdAt": now_iso(), "expiresAt": None}
    meta = state.setdefault("_meta", {})
    meta["uniqueConfigKey"] = meta.get("uniqueConfigKey", 0) + 1
    domain = {"domainId": nanoid(), "host": wildcard_host(app, row["appName"]), "https": bool(app.get("previewHttps")),
              "port": app.get("previewPort"), "customEntrypoint": None, "path": app.get("previewPath") or "/",
              "serviceName": None, "domainType": "preview", "uniqueConfigKey": meta["uniqueConfigKey"],
              "createdAt": now_iso(), "composeId": None, "customCertResolver": app.get("previewCustomCertResolver"),
              "applicationId": None, "previewDeploymentId": row["previewDeploymentId"],
              "certificateType": app.get("previewCertificateType") or "none", "internalPath": "/", "stripPath": False,
              "middlewares": [], "forwardAuthEnabled": False, "enabled": True}
    table(state, "domain")[domain["domainId"]] = domain
    row["domainId"] = domain["domainId"]
    table(state, "previewDeployment")[row["previewDeploymentId"]] = row
    for deployment_status in data.get("deployments", [status] if status in ("done", "error") else []):
        now = now_iso()
        deployment = deploy_queue.new_deployment("application", app, "Preview Deployment", "")
        deployment.update(applicationId=None, previewDeploymentId=row["previewDeploymentId"], status=deployment_status,
                          createdAt=now, startedAt=now, finishedAt=None if deployment_status == "running" else now_iso(),
                          logPath=deploy_queue.log_path(row["appName"]))
        table(state, "deployment")[deployment["deploymentId"]] = deployment
    return public(row)


@control("previews")
def previews_control(sim, method, data):
    """``POST /__sim__/previews {"applicationId", "branch"?, "pullRequestNumber"?, "pullRequestTitle"?,
    "previewStatus"? (done), "deployments"? (a list of statuses; default one with the preview's status)}``: seed a
    preview as Dokploy's GitHub webhook would make it; answers the row. ``GET``: every preview row."""
    with sim.lock:
        if method == "GET":
            return 200, [public(r) for r in table(sim.state, "previewDeployment").values()]
        if method != "POST":
            return 405, {"message": "use GET or POST"}
        if not isinstance(data, dict):
            return 400, {"message": "body must be a JSON object"}
        try:
            row = seed_preview(sim.state, data)
        except (ValueError, ApiError) as exc:
            return 400, {"message": str(exc)}
        if sim.state_file:
            sim.save_state()
        return 200, row
