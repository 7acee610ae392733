#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""How long after a deployment ends does a `state: deployed` task return? (not part of the test suite)

Runs a deploy N times against the simulator (tests/simulator) with a fixed deployment duration, at the default
poll settings of plugins/module_utils/resources/_deployments.py, and measures the seconds between the moment the simulator
made the deployment final (`finishedEpoch`, from `GET /__sim__/deploy`) and the moment the task returned:

* ``--mode engine`` (default): the lifecycle engine in-process (Lifecycle.converge), timed when it returns;
* ``--mode playbook``: a real ``ansible-playbook`` run of one dokploy_application task, timed when the process
  ends (includes Ansible's own overhead after the module exits).

Prints every run and the median.  Usage:

    .venv/bin/python benchmarks/deploy_wait.py [--runs 7] [--duration 10] [--spread 0] [--mode engine|playbook]
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TESTS = os.path.join(ROOT, "tests")


def collections_root():
    """A collections root where ansible_collections/dokploy/dokploy is this work tree (as the unit tests make it)."""
    base = os.path.join(TESTS, "output", "benchmarks", "collections")
    link = os.path.join(base, "ansible_collections", "dokploy", "dokploy")
    if not os.path.islink(link):
        os.makedirs(os.path.dirname(link), exist_ok=True)
        os.symlink(ROOT, link)
    return base


def finished_epoch(sim, deployment_id):
    for event in sim.control("deploy")["finished"]:
        if event["deploymentId"] == deployment_id:
            return event["finishedEpoch"]
    raise RuntimeError("the simulator has no finished deployment %s" % deployment_id)


def lifecycle_params(**params):
    """The defaults of the lifecycle options, as the module would pass them, with ``params`` over them."""
    from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._lifecycle import lifecycle_argument_spec
    defaults = dict((k, v.get("default")) for k, v in lifecycle_argument_spec().items())
    defaults.update(params)
    return defaults


def run_engine(sim, app_id):
    from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployClient
    from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._context import Context
    from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._lifecycle import Lifecycle
    client = DokployClient(sim.url, sim.api_key)
    outcome = Lifecycle(Context(client), "application", app_id, lifecycle_params(force_deploy=True)).converge("deployed")
    returned = time.time()
    return outcome["deployment"]["deploymentId"], returned


def run_playbook(sim, app_id, workdir):
    playbook = os.path.join(workdir, "deploy.yml")
    with open(playbook, "w") as f:
        json.dump([{"hosts": "localhost", "connection": "local", "gather_facts": False, "tasks": [{
            "dokploy.dokploy.dokploy_application": {"application_id": app_id, "state": "deployed", "force_deploy": True},
            "register": "deployed"}, {"ansible.builtin.copy": {"content": "{{ deployed.deployment.deploymentId }}",
                                                               "dest": os.path.join(workdir, "id")}}]}], f)
    env = dict(os.environ, DOKPLOY_API_URL=sim.url, DOKPLOY_API_KEY=sim.api_key, ANSIBLE_COLLECTIONS_PATH=collections_root(),
               ANSIBLE_PYTHON_INTERPRETER=sys.executable, ANSIBLE_HOME=os.path.join(workdir, ".ansible"))
    ansible_playbook = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")
    subprocess.run([ansible_playbook, "-i", "localhost,", playbook], env=env, check=True, stdout=subprocess.DEVNULL)
    returned = time.time()
    with open(os.path.join(workdir, "id")) as f:
        return f.read().strip(), returned


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", maxsplit=1)[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--duration", type=float, default=10.0, help="seconds each deployment runs in the simulator")
    parser.add_argument("--pickup", type=float, default=0.3, help="seconds before the queue picks a job up")
    parser.add_argument("--spread", type=float, default=0.0,
                        help="run i (0-based) lasts duration + spread * i / runs, to sample every phase of the poll schedule")
    parser.add_argument("--mode", choices=["engine", "playbook"], default="engine")
    args = parser.parse_args()

    sys.path.insert(0, TESTS)
    sys.path.insert(0, collections_root())
    from simulator import Simulator  # pylint: disable=import-outside-toplevel
    from ansible_collections.dokploy.dokploy.plugins.module_utils.resources import _deployments as deployments  # pylint: disable=import-outside-toplevel
    from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployClient  # pylint: disable=import-outside-toplevel

    print("poll settings: first %.1f s, x%.1f, cap %.1f s; deployment duration %.1f s, pickup %.1f s; mode %s"
          % (deployments.DEFAULT_POLL_INTERVAL, deployments.POLL_GROWTH, deployments.POLL_CAP, args.duration, args.pickup, args.mode))
    latencies = []
    with Simulator(api_key="benchmark-key") as sim, tempfile.TemporaryDirectory() as workdir:
        sim.control("deploy", {"deploy_duration": args.duration, "deploy_pickup": args.pickup, "docker": True}, "POST")
        client = DokployClient(sim.url, sim.api_key)
        environment_id = client.post("project.create", {"name": "benchmark"})["environment"]["environmentId"]
        app_id = client.post("application.create", {"name": "web", "environmentId": environment_id})["applicationId"]
        for run in range(1, args.runs + 1):
            duration = args.duration + args.spread * (run - 1) / args.runs
            sim.control("deploy", {"deploy_duration": duration}, "POST")
            if args.mode == "engine":
                deployment_id, returned = run_engine(sim, app_id)
            else:
                deployment_id, returned = run_playbook(sim, app_id, workdir)
            latency = returned - finished_epoch(sim, deployment_id)
            latencies.append(latency)
            print("run %d (%.2f s deployment): %s final -> task returned after %.3f s" % (run, duration, deployment_id, latency))
    print("median: %.3f s (min %.3f, max %.3f, %d runs)" % (statistics.median(latencies), min(latencies), max(latencies), len(latencies)))


if __name__ == "__main__":
    main()
