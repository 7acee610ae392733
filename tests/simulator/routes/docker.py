# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""docker router: the tasks of a swarm service or stack, the containers of a compose project (from the source; the
shapes recorded on a real v0.30.2 with a real swarm, issue 22).

Dokploy (v0.25.11 and v0.30.2, packages/server/src/services/docker.ts) runs
``docker service ps <appName> --no-trunc --format 'CONTAINER ID : {{.ID}} | Name: {{.Name}} | State: {{.DesiredState}}
| Node: {{.Node}} | CurrentState: {{.CurrentState}} | Error: {{.Error}}'`` (getServiceContainersByAppName; ``docker
stack ps`` for getStackContainersByAppName) and answers one object per task ``{containerId, name, state (the desired
state, lower case), currentState, node, error}``, a slot's tasks newest first; any failure (no Docker, no such
service, anything on stderr) answers ``[]``. getContainersByAppNameMatch with ``appType: docker-compose`` runs ``docker
ps -a`` filtered by the compose project: ``{containerId, name, state, status}``.

Recorded on the real swarm (v0.30.2, docker.io 26), what a failing service lists:

* a container that exits at once: ``{state: "ready", currentState: "Ready less than a second ago", error: ""}`` (the
  restart delay), then ``{state: "shutdown", currentState: "Failed 6 seconds ago", error: "\\"task: non-zero exit
  (3)\\""}`` for each earlier try;
* an image that is not there: ``{state: "ready", currentState: "Rejected 2 seconds ago", error: "\\"No such image:
  127.0.0.1:5000/dokploy-test/missing:v1\\""}`` and the earlier rejected tries (shutdown);
* no error: ``""``, but ``"Error:"`` on the last task of the answer (Dokploy trims the whole output, so the last line
  loses the space its ``replace("Error: ", "")`` looks for);
* a placement constraint no node matches: ``{state: "running", node: "", currentState: "Pending 8 seconds ago",
  error: "\\"no suitable node (scheduling constraints not satisfied on 1 node)\\""}``.

The tasks come from the swarm model of swarm.py: one running task per replica (IDs change with each deploy, reload or
scale: Dokploy's ForceUpdate + 1). Seen on a real v0.30.2 and swarm (2026-12-07): after a scale to 0 and then to 1 the
answer lists the one running task only (the scaled-down tasks are gone). Failures: a placement
constraint this one-node swarm cannot meet (``node.labels.*==``, another ``node.hostname``, ``node.role==worker``),
or what a test sets through ``POST /__sim__/tasks {"service": <name or appName>, "failure": "exit"|"flap"|"image"|null}``.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import hashlib
import re

from .. import deploy_queue, swarm
from ..registry import control, not_found, route
from ..services import DATABASES
from ..state import table

NODE = "dokploy-sim"
FAILURES = ("exit", "flap", "image", "placement")
NO_NODE = '"no suitable node (scheduling constraints not satisfied on 1 node)"'


def _task_id(*parts):
    return hashlib.sha1(".".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:25]


def _task(name, task_id, state, current, error="", node=NODE):
    return {"containerId": task_id, "name": name, "state": state, "currentState": current, "node": node,
            "error": error}


def service_row(state, app_name, kinds=("application",) + DATABASES):
    for kind in kinds:
        for row in table(state, kind).values():
            if row.get("appName") == app_name:
                return row
    return None


def _failures(sim):
    return sim.config.setdefault("task_failures", {})


def unmet_constraint(row):
    """Whether a placement constraint of the row cannot be met on the simulator's one manager node."""
    for constraint in ((row.get("placementSwarm") or {}).get("Constraints") or []):
        text = re.sub(r"\s+", "", str(constraint))
        if text.startswith("node.labels.") and "==" in text:
            return True
        if text.startswith("node.hostname==") and text.split("==", 1)[1] != NODE:
            return True
        if text == "node.role==worker":
            return True
    return False


def failure_of(sim, row):
    failures = _failures(sim)
    failure = failures.get(row.get("name")) or failures.get(row.get("appName"))
    if failure is None and unmet_constraint(row):
        failure = "placement"
    return failure


def slot_tasks(name, gen, failure, image, tries=0):
    """The tasks of one running slot, newest first, for a service whose tasks were replaced ``gen`` times.

    ``flap``: the crash loop of ``exit`` read while a try runs, as a real swarm answered a re-run (2026-12-07, v0.30.2:
    the newest task "Running" for a moment over the failed ones); each read (``tries``) is one try later, so the try
    that ran at one read has failed at the next."""
    if failure == "flap":
        def failed_try(n):
            return _task(name, _task_id(name, gen, "try", n), "shutdown", "Failed 1 second ago", '"task: non-zero exit (3)"')
        running_try = tries - tries % 2
        if tries % 2:  # the try that ran at the read before has failed; the next waits out the restart delay
            newest = _task(name, _task_id(name, gen, "try", running_try + 2), "ready", "Ready less than a second ago")
            last_failed = running_try
        else:
            newest = _task(name, _task_id(name, gen, "try", running_try), "running", "Running less than a second ago")
            last_failed = running_try - 2
        earlier = [failed_try(n) for n in range(last_failed, last_failed - 6, -2) if n >= 0]
        return [newest] + earlier + [_task(name, _task_id(name, gen, "f0"), "shutdown", "Failed 6 seconds ago",
                                           '"task: non-zero exit (3)"')]
    if failure == "exit":
        return [_task(name, _task_id(name, gen, "ready"), "ready", "Ready less than a second ago"),
                _task(name, _task_id(name, gen, "f1"), "shutdown", "Failed 1 second ago", '"task: non-zero exit (3)"'),
                _task(name, _task_id(name, gen, "f2"), "shutdown", "Failed 6 seconds ago", '"task: non-zero exit (3)"')]
    if failure == "image":
        error = '"No such image: %s"' % image
        return [_task(name, _task_id(name, gen, "r1"), "ready", "Rejected 1 second ago", error),
                _task(name, _task_id(name, gen, "r2"), "shutdown", "Rejected 6 seconds ago", error)]
    if failure == "placement":
        return [_task(name, _task_id(name, gen, "pending"), "running", "Pending 3 seconds ago", NO_NODE, node="")]
    tasks = [_task(name, _task_id(name, gen, "run"), "running", "Running 2 seconds ago")]
    if gen > 1:
        tasks.append(_task(name, _task_id(name, gen - 1, "run"), "shutdown", "Shutdown 2 seconds ago"))
    return tasks


def service_tasks(sim, row, service_name, image):
    running = swarm.replicas(row)
    running = 1 if running is None else running  # a global service: one task on the simulator's one node
    gen = swarm.generation(row)
    failure = failure_of(sim, row)
    tries = 0
    if failure == "flap":
        reads = sim.config.setdefault("task_reads", {})
        tries = reads[row["appName"]] = reads.get(row["appName"], -1) + 1
    tasks = []
    for slot in range(1, running + 1):
        tasks += slot_tasks("%s.%d" % (service_name, slot), gen, failure, image, tries)
    return tasks


def _check_server(state, inp):
    if inp.get("serverId") and inp["serverId"] not in table(state, "server"):
        raise not_found("Server")


@route("docker.getServiceContainersByAppName")
def get_service_containers_by_app_name(state, inp, ctx):
    _check_server(state, inp)
    row = service_row(state, inp["appName"])
    if row is None or not row.get("_swarm") or not deploy_queue.docker(ctx.sim):
        return []
    return last_error(service_tasks(ctx.sim, row, row["appName"], row.get("dockerImage") or "image"))


def last_error(tasks):
    """Dokploy's parser leaves "Error:" on the last task when it has none (recorded on v0.30.2)."""
    if tasks and not tasks[-1]["error"]:
        tasks[-1] = dict(tasks[-1], error="Error:")
    return tasks


def compose_services(row):
    """The service names of a compose file (the keys under ``services:``), without a YAML parser."""
    names = []
    inside = False
    for line in (row.get("composeFile") or "").split("\n"):
        if re.match(r"^services:\s*$", line):
            inside = True
            continue
        if inside and re.match(r"^\S", line):
            inside = False
        match = re.match(r"^  ([A-Za-z0-9_.-]+):", line) if inside else None
        if match:
            names.append(match.group(1))
    return names


@route("docker.getStackContainersByAppName")
def get_stack_containers_by_app_name(state, inp, ctx):
    _check_server(state, inp)
    row = service_row(state, inp["appName"], kinds=("compose",))
    if row is None or row.get("composeType") != "stack" or not row.get("_swarm") or not deploy_queue.docker(ctx.sim):
        return []
    tasks = []
    for service in compose_services(row) or ["app"]:
        tasks += service_tasks(ctx.sim, dict(row, _replicas=1), "%s_%s" % (row["appName"], service), "image")
    return last_error(tasks)


@route("docker.getContainersByAppNameMatch")
def get_containers_by_app_name_match(state, inp, ctx):
    _check_server(state, inp)
    row = service_row(state, inp["appName"], kinds=("compose",))
    if row is None or not row.get("_swarm") or not deploy_queue.docker(ctx.sim):
        return []
    if inp.get("appType") == "stack":
        return get_stack_containers_by_app_name(state, inp, ctx)
    gen = swarm.generation(row)
    failure = failure_of(ctx.sim, row)
    stopped = row.get("composeStatus") == "idle"
    containers = []
    for service in compose_services(row) or ["app"]:
        name = "%s-%s-1" % (row["appName"], service)
        if stopped:
            status, state_ = "Exited (0) 1 second ago", "exited"
        elif failure:
            status, state_ = "Restarting (3) 1 second ago", "restarting"
        else:
            status, state_ = "Up 2 seconds", "running"
        containers.append({"containerId": _task_id(name, gen)[:12], "name": name, "state": state_, "status": status})
    return containers


@control("tasks")
def tasks_control(sim, method, data):
    """``/__sim__/tasks``: GET the failures set; POST ``{"service": <name or appName>, "failure": "exit"|"image"|
    "placement"|null}`` makes that service's tasks fail (null: run again); DELETE clears them."""
    failures = _failures(sim)
    if method == "GET":
        return 200, dict(failures)
    if method == "DELETE":
        failures.clear()
        return 200, {"ok": True}
    if method == "POST":
        if not isinstance(data, dict) or not data.get("service"):
            return 400, {"message": "body must be {\"service\": <name or appName>, \"failure\": ...}"}
        failure = data.get("failure")
        if failure is not None and failure not in FAILURES:
            return 400, {"message": "failure must be one of %s or null" % ", ".join(FAILURES)}
        if failure is None:
            failures.pop(data["service"], None)
        else:
            failures[data["service"]] = failure
        return 200, {"ok": True, "failures": dict(failures)}
    return 405, {"message": "use GET, POST or DELETE"}
