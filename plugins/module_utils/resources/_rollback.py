# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Going back to an application's earlier deployment with Dokploy's rollbacks: dokploy_rollback.

How Dokploy keeps rollbacks (read in its source, v0.30.2 and v0.25.11; seen on a real v0.30.2 with a real swarm,
2026-12-07, tests/acceptance/test_rollback.py):

* The ``rollback`` table (packages/server/src/db/schema/rollbacks.ts): ``rollbackId``, ``deploymentId`` (one per
  deployment), ``version`` (a serial of the whole table, not per application), ``image`` (``<appName>:v<version>``),
  ``createdAt`` and ``fullContext``: the whole application row of that time (env, mounts, ports, swarm settings, and
  on v0.30.2 its registries WITH their passwords). ``deployment.allByType {id, type: application}`` lists the
  deployments newest first, each with its ``rollback`` (or null); ``deployment.all`` and ``application.one`` do not
  join it.
* When a row is written: v0.30.2 (utils/cluster/upload.ts) while building the deploy command, when the application has
  ``rollbackActive`` AND a rollback registry: the row goes to the newest deployment, and the build pushes the image it
  deploys to ``<registryUrl>/<imagePrefix or username>/<appName>:v<version>`` (getRegistryTag), so even a deployment
  that fails later has one. v0.25.11 (services/application.ts) writes it after a successful deploy, with
  ``rollbackActive`` alone, tagging the image locally as ``<name>:v<version>`` where the name is the appName of an
  application built from Git but the whole image of a docker source: ``envhttp:v1:v3``, which Docker refuses, and for
  an image with a registry port (``127.0.0.1:5000/x:v1``) its tag call fails and so does the deployment that had just
  updated the service (seen on a real v0.25.11: every deployment ``error``, no rollback kept).
* ``rollback.rollback {rollbackId}`` (services/rollbacks.ts) runs inside the call: it logs in to the rollback registry
  and updates the swarm service from the row's ``fullContext`` (its env, mounts, ports, swarm settings) with the
  rollback image, ``ForceUpdate + 1``; it answers null (seen: about 1 s), and writes no deployment row and no status.
  So a later ``state: deployed`` of dokploy_application sees its newest deployment ``done`` and deploys nothing:
  going forward again is a deploy (``force_deploy: true``) or a configuration change.
* ``rollback.delete`` removes the row and, through the cascade of ``deployment.rollbackId``, ITS DEPLOYMENT too (seen
  on the real server); Dokploy deletes both itself beyond the newest 10 deployments. This module does not delete.

What runs is read through Dokploy too: ``swarm.getNodeApps`` (``docker service ls``: each service's image, digest
left out). A service that runs the rollback's image is where the rollback leads: nothing is sent (idempotence), and
the running check (resources/_running.py) only reads its tasks.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import (
    DokployConnectionError,
    DokployError,
    DokployParamError,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._secrets import mask
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._task import Task
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._target import (
    check_target,
    resolve_target,
    target_argument_spec,
    target_module_kwargs,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._deployments import DEFAULT_WAIT_TIMEOUT
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._lifecycle import Lifecycle, check_lifecycle
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._running import running_argument_spec

KINDS = ("application",)
PREVIOUS = "previous"
# A deployment ID or rollback ID (nanoid) or a version number.
_TARGET = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
DONE = "done"


def registry_tag(registry, image):
    """The name Dokploy gives ``image`` in ``registry`` (utils/cluster/upload.ts getRegistryTag, v0.30.2): the
    registry's URL, its image prefix (else its user name) in lower case, and the last part of the image's name."""
    name = image.rsplit("/", 1)[-1]
    prefix = (registry.get("imagePrefix") or registry.get("username") or "").lower()
    url = registry.get("registryUrl") or ""
    return "%s/%s/%s" % (url, prefix, name) if url else "%s/%s" % (prefix, name)


def rollback_image(rollback):
    """The image a rollback puts in the service: its ``image`` in the rollback registry of its ``fullContext``
    (v0.30.2), or as it is (v0.25.11 tags it locally and its context names no rollback registry)."""
    image = rollback.get("image") or ""
    registry = (rollback.get("fullContext") or {}).get("rollbackRegistry")
    return registry_tag(registry, image) if registry and image else image


def comparable_image(image):
    """An image name as ``docker service ls`` prints it: without its digest, and in Docker Hub's short form."""
    if not image:
        return image
    image = image.split("@", 1)[0]
    for prefix in ("docker.io/library/", "docker.io/", "library/"):
        if image.startswith(prefix):
            image = image[len(prefix):]
            break
    return image


def public_rollback(rollback):
    """A rollback row without its ``fullContext`` (the application of that time, with its secrets)."""
    return dict((key, value) for key, value in rollback.items() if key != "fullContext")


def public_deployment(deployment):
    return dict((key, value) for key, value in deployment.items() if key != "rollback")


def describe(deployment):
    rollback = deployment["rollback"]
    return "version %s (deployment %s of %s, %s, image %s)" % (
        rollback.get("version"), deployment.get("deploymentId"), deployment.get("createdAt"), deployment.get("status"),
        rollback.get("image"))


class Rollback(Task):
    """dokploy_rollback: the application runs the image of one of its earlier deployments, as Dokploy rolls back."""

    kind = "rollback"
    module_kwargs = target_module_kwargs(KINDS)

    @classmethod
    def argument_spec(cls):
        spec = target_argument_spec(KINDS)
        spec.update(
            to=dict(type="str", default=PREVIOUS),
            wait_timeout=dict(type="int", default=DEFAULT_WAIT_TIMEOUT),
        )
        spec.update(running_argument_spec())
        return spec

    @classmethod
    def validate(cls, params):
        check_target(params, KINDS)
        check_lifecycle(params)
        target = params["to"]
        if target != PREVIOUS and not _TARGET.match(target or ""):
            raise DokployParamError("to must be 'previous', a rollback version number, a deployment ID or a rollback "
                                    "ID (got '%s')" % target, option="to")

    def run(self):
        target = resolve_target(self.ctx, self.params, KINDS)
        if target.pending:
            raise DokployError("%s does not exist yet: it has no deployment to roll back to" % target.describe())
        row = target.row or {}
        deployments = [d for d in self.client.get("deployment.allByType", {"id": target.id, "type": "application"}) or []
                       if isinstance(d, dict)]
        chosen = self.choose(target, row, deployments)
        rollback = chosen["rollback"]
        wanted = rollback_image(rollback)
        if wanted.rsplit("/", 1)[-1].count(":") > 1:
            raise DokployError(
                "Rollback version %s of %s names the image '%s', which Docker refuses: Dokploy before v0.26 names a "
                "rollback '<image>:v<version>' after the docker image of the application (and fails the deployment "
                "when that image has a registry port), so an application whose source is a Docker image cannot be "
                "rolled back there; one built from Git can, and Dokploy v0.26 or newer can roll back both."
                % (rollback.get("version"), target.describe(), wanted))
        running = self.running_image(row)
        lifecycle = Lifecycle(self.ctx, target.kind, target.id, dict(self.params, wait=True))
        lifecycle.seed(row)
        result = {"rollback": mask(public_rollback(rollback)), "deployment": mask(public_deployment(chosen)),
                  "image": wanted, "application_id": target.id}
        if self.ctx.diff:
            result["diff"] = {"before": {"image": running}, "after": {"image": wanted}}
        if running is not None and comparable_image(running) == comparable_image(wanted):
            if self.ctx.diff:
                result["diff"] = {"before": {}, "after": {}}
            result["tasks"] = lifecycle.running.verify(None, acted=False)
            return dict(result, changed=False)
        if self.ctx.check_mode:
            return dict(result, changed=True)
        snapshot = lifecycle.running.snapshot()
        try:
            self.client.post("rollback.rollback", {"rollbackId": rollback["rollbackId"]}, timeout=self.params["wait_timeout"])
        except DokployConnectionError as error:
            if not error.outcome_unknown:
                raise
            # Never sent twice: the service tells whether it was done.
            if comparable_image(self.running_image(row)) != comparable_image(wanted):
                raise DokployError("rollback.rollback of %s: %s; the service does not run %s: running the task again "
                                   "rolls back" % (target.describe(), error, wanted))
        result["tasks"] = lifecycle.running.verify(snapshot)
        return dict(result, changed=True)

    # -- choosing --------------------------------------------------------------------------------

    def choose(self, target, row, deployments):
        """The deployment (with its rollback) that ``to`` names; a clear error when there is none."""
        kept = [d for d in deployments if d.get("rollback")]
        usable = [d for d in kept if d.get("status") == DONE]
        if not kept:
            raise DokployError(self.none_kept(target, row, deployments))
        wanted = self.params["to"]
        if wanted == PREVIOUS:
            newest_done = next((i for i, d in enumerate(deployments) if d.get("status") == DONE), None)
            earlier = [d for d in deployments[newest_done + 1:] if d in usable] if newest_done is not None else []
            if not earlier:
                raise DokployError("%s has no earlier deployment to roll back to: its newest successful deployment is "
                                   "%s; kept for rollback: %s" % (
                                       target.describe(),
                                       deployments[newest_done].get("deploymentId") if newest_done is not None else
                                       "none", "; ".join(describe(d) for d in kept)))
            return earlier[0]
        found = [d for d in kept if wanted in (d.get("deploymentId"), d["rollback"].get("rollbackId"))
                 or (wanted.isdigit() and str(d["rollback"].get("version")) == wanted)]
        if not found:
            raise DokployError("%s has no rollback '%s' (a version, deployment ID or rollback ID); kept for rollback: "
                               "%s" % (target.describe(), wanted, "; ".join(describe(d) for d in kept)))
        if found[0] not in usable:
            raise DokployError("The deployment of rollback '%s' of %s ended '%s', so its image may never have been "
                               "pushed; roll back to a successful one: %s" % (
                                   wanted, target.describe(), found[0].get("status"),
                                   "; ".join(describe(d) for d in usable) or "none"))
        return found[0]

    @staticmethod
    def none_kept(target, row, deployments):
        if not row.get("rollbackActive"):
            why = "rollbacks are off for it"
        elif "rollbackRegistryId" in row and not row.get("rollbackRegistryId"):
            why = "it has no rollback registry (Dokploy v0.26 and newer keep a rollback only with one)"
        else:
            why = "none of its %d deployments has one yet" % len(deployments)
        return ("%s has no deployment kept for rollback: %s. Set rollback: true and rollback_registry on the application "
                "(dokploy_application): each deployment after that is kept (Dokploy keeps the newest 10)."
                % (target.describe(), why))

    # -- what runs -------------------------------------------------------------------------------

    def running_image(self, row):
        """The image the application's swarm service runs (``swarm.getNodeApps``), None when it has no service or
        Dokploy cannot list them (then the rollback is sent: Dokploy creates the service when there is none)."""
        query = {"serverId": row["serverId"]} if row.get("serverId") else {}
        try:
            services = self.client.get("swarm.getNodeApps", query)
        except DokployError as error:
            self.ctx.warn("swarm.getNodeApps: %s; which image runs is not known" % error)
            return None
        if not isinstance(services, list):
            self.ctx.warn("Dokploy could not list the swarm services (swarm.getNodeApps answered %r); which image runs "
                          "is not known" % (services,))
            return None
        for service in services:
            if isinstance(service, dict) and service.get("Name") == row.get("appName"):
                return service.get("Image")
        return None
