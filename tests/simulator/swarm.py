# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Docker swarm service behind an application or database row: whether it exists and how many replicas it runs.

Private row keys (never returned by the API): ``_swarm`` (the service exists: deployed successfully at least once),
``_replicas`` (the replica count of its swarm spec) and ``_image`` (the image it runs). What sets them follows Dokploy's source (v0.25.11 and v0.30.2 alike):

* a deploy (application: mechanizeDockerContainer, packages/server/src/utils/builders/index.ts; databases:
  build<Kind>, packages/server/src/utils/databases/<kind>.ts) creates or updates the service with the spec of
  generateConfigContainer (packages/server/src/utils/docker/utils.ts): ``Mode`` = the row's ``modeSwarm`` if set,
  else ``{Replicated: {Replicas: <row.replicas>}}``; so does ``application.reload`` (mechanizeDockerContainer);
* ``<kind>.start`` is startService: ``docker service scale <appName>=1``, whatever ``replicas`` says;
* ``<kind>.stop`` is stopService: ``docker service scale <appName>=0``;
* ``<database>.reload`` is stopService then startService: 1 replica again.

``_networkIds``: the dokploy_network rows the service joined at its last deploy. resolveServiceNetworks
(packages/server/src/services/network.ts, v0.30.2) attaches the overlay networks among the row's ``networkIds``
(dokploy-network too unless ``detachDokployNetwork``), or the raw ``networkSwarm`` when that is set; Docker then
refuses to remove a network a service uses (routes/network.py).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type


def spec_replicas(row):
    """The replica count Dokploy writes into the swarm spec on a deploy; None for a global (not counted) mode."""
    mode = row.get("modeSwarm")
    if mode:
        replicated = mode.get("Replicated")
        if replicated is None:
            return None  # Global, ReplicatedJob, GlobalJob: `docker service scale` does not apply
        return replicated.get("Replicas", 1)
    replicas = row.get("replicas")
    return 1 if replicas is None else int(replicas)


def image_of(row):
    """The image a deploy puts in the service (mechanizeDockerContainer getImageName): an application's docker source
    image, else ``<appName>:latest``; a database's image."""
    if row.get("sourceType") == "docker" or row.get("applicationId") is None:
        return row.get("dockerImage") or "ERROR-NO-IMAGE-PROVIDED"
    return "%s:latest" % row.get("appName")


def deployed(row, spec=None, image=None):
    """A successful deploy (or application.reload; or a rollback, with the ``spec`` and ``image`` of its context):
    the service exists with the row's spec and image (``_image``, what swarm.getNodeApps lists)."""
    row["_swarm"] = True
    row["_replicas"] = spec_replicas(spec or row)
    row["_generation"] = generation(row) + 1  # ForceUpdate + 1: every task is replaced
    row["_image"] = image or image_of(row)
    source = spec or row
    row["_networkIds"] = [] if source.get("networkSwarm") else list(source.get("networkIds") or [])


def generation(row):
    """How many times the service's tasks were replaced (deploy, reload, scale): part of the task IDs."""
    return row.get("_generation") or 0


def scale(row, replicas):
    """``docker service scale <appName>=<replicas>`` (start: 1, stop: 0); nothing when the service does not exist."""
    if row.get("_swarm"):
        row["_replicas"] = replicas
        row["_generation"] = generation(row) + 1


def replicas(row):
    """Replicas the service runs now (0 without a service); rows saved before ``_replicas`` existed run their spec."""
    if not row.get("_swarm"):
        return 0
    if "_replicas" not in row:
        return spec_replicas(row)
    return row["_replicas"]
