# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""docker router: docker.getServiceContainersByAppName, the tasks of one swarm service (not recorded; from the source).

Dokploy (v0.25.11 and v0.30.2, packages/server/src/services/docker.ts getServiceContainersByAppName) runs
``docker service ps <appName> --no-trunc --format 'CONTAINER ID : {{.ID}} | Name: {{.Name}} | State: {{.DesiredState}}
| Node: {{.Node}} | CurrentState: {{.CurrentState}} | Error: {{.Error}}'`` and answers one object per task
``{containerId, name, state (the desired state, lower case), currentState, node, error}``; any failure (no Docker, no
such service, anything on stderr) answers ``[]``. The tasks come from the swarm model of swarm.py: one running task per
replica. Seen on a real v0.30.2 and swarm (2026-12-07): after a scale to 0 and then to 1 the answer lists the one
running task only (the scaled-down tasks are gone), ``error`` reads ``"Error:"`` when there is none.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import hashlib

from .. import deploy_queue, swarm
from ..registry import not_found, route
from ..services import DATABASES
from ..state import table

NODE = "dokploy-sim"


def _task_id(app_name, slot, state):
    return hashlib.sha1(("%s.%d.%s" % (app_name, slot, state)).encode("utf-8")).hexdigest()[:25]


def _task(app_name, slot, state, current):
    return {"containerId": _task_id(app_name, slot, state), "name": "%s.%d" % (app_name, slot), "state": state,
            "currentState": current, "node": NODE, "error": "Error:"}


def service_row(state, app_name):
    for kind in ("application",) + DATABASES:
        for row in table(state, kind).values():
            if row.get("appName") == app_name:
                return row
    return None


@route("docker.getServiceContainersByAppName")
def get_service_containers_by_app_name(state, inp, ctx):
    if inp.get("serverId") and inp["serverId"] not in table(state, "server"):
        raise not_found("Server")
    row = service_row(state, inp["appName"])
    if row is None or not row.get("_swarm") or not deploy_queue.docker(ctx.sim):
        return []
    running = swarm.replicas(row)
    running = 1 if running is None else running  # a global service: one task on the simulator's one node
    return [_task(row["appName"], slot, "running", "Running 2 minutes ago") for slot in range(1, running + 1)]
