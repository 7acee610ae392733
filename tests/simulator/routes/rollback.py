# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""rollback router (rollback, delete), the rollback rows a deployment writes, and swarm.getNodeApps.

Read in Dokploy's source (v0.30.2 and v0.25.11: apps/dokploy/server/api/routers/rollbacks.ts,
packages/server/src/services/rollbacks.ts, utils/cluster/upload.ts, services/application.ts, services/docker.ts
getNodeApplications) and seen on a real v0.30.2 with a real swarm (2026-12-07, tests/acceptance/test_rollback.py):

* a row ``{rollbackId, deploymentId, version (a serial over the whole table), image "<appName>:v<version>", createdAt,
  fullContext (the application row of that time with environment{project}, mounts, ports, and its registries with
  their passwords)}``; the deployment gets its ``rollbackId``. v0.30.2 writes it when the deploy starts (before the
  build) for an application with ``rollbackActive`` and a rollback registry; v0.25.11 after a successful deploy, with
  ``rollbackActive`` alone (there is no rollback registry before v0.26.0), and a docker image with a registry port
  fails that deploy (``_valid_tag``);
* ``deployment.allByType`` joins it as ``rollback`` (routes/deployment.py);
* ``rollback.rollback`` updates the service inside the call (image: the rollback image in the rollback registry,
  ``<registryUrl>/<imagePrefix or username>/<appName>:v<version>``; every task replaced) and answers null; no
  deployment row, no status. An unknown ID answers 400 "Error input: Rolling back" (seen);
* ``rollback.delete`` answers the row as findRollbackById reads it, with its ``deployment`` (before v0.29.14 with the
  deployment's whole ``application`` and its ``environment.project``), and deletes it, and its deployment with it
  (the cascade of ``deployment.rollbackId``, seen); an unknown ID answers 400 "Rollback not found" (seen; a 500 before
  v0.28.7, whose router did not await the removal inside its try);
* Dokploy's cleanup beyond the newest 10 deployments deletes their rollbacks too (deploy_queue.py);
* ``swarm.getNodeApps`` is ``docker service ls --format '{{json .}}'`` without the ``dokploy-*`` services:
  ``{ID, Image, Mode, Name, Ports, Replicas}`` (seen: ``"Image": "127.0.0.1:5000/dokploy-test/envhttp:v2"``,
  ``"Mode": "replicated"``, ``"Replicas": "2/1"``).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import hashlib
import re

from .. import swarm
from ..cascade import delete_row
from ..registry import ApiError, not_found, route
from ..services import DATABASES, application_detail, whole_application
from ..state import table
from ..util import nanoid, now_iso, public, since as _since


def registry_tag(registry, image):
    """getRegistryTag (utils/cluster/upload.ts, v0.30.2)."""
    name = image.rsplit("/", 1)[-1]
    prefix = (registry.get("imagePrefix") or registry.get("username") or "").lower()
    url = registry.get("registryUrl") or ""
    return "%s/%s/%s" % (url, prefix, name) if url else "%s/%s" % (prefix, name)


def _keeps_registry(sim):
    return sim.profile.version >= (0, 26, 0)


def _valid_tag(image):
    """v0.25.11's createRollbackImage tags ``<dockerImage>:v<N>`` split at ":" as repo and tag: an image with a
    registry port (``127.0.0.1:5000/x:v1``) gives the tag ``5000/x``, which Docker refuses, and the deploy that had
    succeeded ends ``error`` without a rollback (seen on a real v0.25.11, 2026-12-07)."""
    parts = (image + ":v0").split(":")
    return re.match(r"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", parts[1]) is not None


def keep(sim, app, deployment, succeeded):
    """Write the rollback row of ``deployment`` of ``app`` when Dokploy would: v0.30.2 when the deploy starts
    (``succeeded`` None) with rollbackActive and a rollback registry, v0.25.11 after a success with rollbackActive."""
    if not app.get("rollbackActive"):
        return None
    if _keeps_registry(sim):
        if succeeded is not None or not app.get("rollbackRegistryId"):
            return None
    elif not succeeded:
        return None
    state = sim.state
    meta = state["_meta"]
    if succeeded and app.get("sourceType") == "docker" and not _valid_tag(app.get("dockerImage") or ""):
        return False
    meta["rollbackVersion"] = meta.get("rollbackVersion", 0) + 1
    context = application_detail(state, app, for_delete=True)  # the registries with their passwords, as Dokploy keeps
    context.pop("deployments", None)
    # v0.25.11 passes a docker source's image as the "appName" of the tag (services/application.ts)
    name = app["appName"] if _keeps_registry(sim) or app.get("sourceType") != "docker" else app.get("dockerImage")
    row = {"rollbackId": nanoid(), "deploymentId": deployment["deploymentId"], "version": meta["rollbackVersion"],
           "image": "%s:v%d" % (name, meta["rollbackVersion"]), "createdAt": now_iso(),
           "fullContext": context}
    table(state, "rollback")[row["rollbackId"]] = row
    deployment["rollbackId"] = row["rollbackId"]
    return row


def remove_deployment(state, deployment):
    """Dokploy's cleanup of an old deployment: its rollback first (removeRollbackById), then the row."""
    delete_row(state, "deployment", deployment["deploymentId"])   # the rollback goes by rollback.deploymentId


def joined(state, deployment):
    row = table(state, "rollback").get(deployment.get("rollbackId") or "")
    return copy.deepcopy(row) if row else None


def _find(state, rollback_id, message):
    row = table(state, "rollback").get(rollback_id)
    if row is None:
        raise ApiError(400, message)
    return row


@route("rollback.rollback")
def rollback(state, inp, ctx):
    row = _find(state, inp["rollbackId"], "Error input: Rolling back")
    deployment = table(state, "deployment").get(row["deploymentId"]) or {}
    app = table(state, "application").get(deployment.get("applicationId") or "")
    if app is None:
        raise ApiError(400, "Error input: Rolling back")
    context = row.get("fullContext") or {}
    registry = context.get("rollbackRegistry")
    if row["image"].rsplit("/", 1)[-1].count(":") > 1:
        raise ApiError(400, "Error input: Rolling back")  # "envhttp:v1:v3" (v0.25.11): Docker refuses the name
    # the service as the rollback's context describes it (its Mode among the rest), every task replaced
    swarm.deployed(app, spec=context, image=registry_tag(registry, row["image"]) if registry else row["image"])
    return None


@route("rollback.delete")
def delete(state, inp, ctx):
    row = table(state, "rollback").get(inp["rollbackId"])
    if row is None:
        raise ApiError(400 if _since(ctx, "rollback.delete.awaited") else 500, "Rollback not found")
    answer = copy.deepcopy(row)
    deployment = table(state, "deployment").get(row["deploymentId"])
    answer["deployment"] = public(deployment) if deployment else None
    if deployment and not _since(ctx, "rollback.deployment.narrow"):
        app = table(state, "application").get(deployment.get("applicationId") or "")
        answer["deployment"]["application"] = whole_application(state, app, server=False) if app else None
    delete_row(state, "rollback", row["rollbackId"])  # its deployment by the cascade of deployment.rollbackId (seen)
    return answer


@route("swarm.getNodeApps")
def get_node_apps(state, inp, ctx):
    if inp.get("serverId") and inp["serverId"] not in table(state, "server"):
        raise not_found("Server")   # the router's findServerById (routers/swarm.ts, v0.25.11 and v0.30.2)
    services = []
    for kind in ("application",) + DATABASES:
        for row in table(state, kind).values():
            if not row.get("_swarm") or (row.get("serverId") or None) != (inp.get("serverId") or None):
                continue
            running = swarm.replicas(row)
            spec = swarm.spec_replicas(row)
            services.append({
                "ID": hashlib.sha1(row["appName"].encode("utf-8")).hexdigest()[:12],
                "Image": (row.get("_image") or swarm.image_of(row)).split("@", 1)[0],
                "Mode": "replicated" if spec is not None else "global",
                "Name": row["appName"],
                "Ports": "",
                "Replicas": "%d/%d" % (running, spec if spec is not None else running)})
    return [s for s in services if not s["Name"].startswith("dokploy-")]
