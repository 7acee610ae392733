#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What ``wait_for: running`` costs and what it catches, on a real Dokploy v0.30.2 and a real swarm (issue 22).

Not part of the test suite. Needs the harness of tests/acceptance (``scripts/dokploy-real``, a Dokploy source tarball,
root for Docker); it uses a running v0.30.2 or starts one, and works in a project of its own (``bench-running``),
which it deletes at the end. It does not reset the server.

For ``--runs`` runs, in-process (the lifecycle engine, as the module runs it; no Ansible overhead):

* a healthy application (``worker:v1`` of the harness's registry) deployed with ``force_deploy`` and
  ``wait_for: deployment``, then with ``wait_for: running``: the median of each and the median of the per-run
  differences, which is what the running check adds to a healthy deploy (the settle time is part of it);
* an application whose container exits at once (``crash:v1``) deployed with ``wait_for: running``: seconds from the
  trigger until the task fails, and from the deployment's end (``finishedAt``) until it fails;
* the requests the check sends (``docker.*`` reads, and the log read of a failure) and the median time of one
  request to this server (``docker.*`` reads run ``docker service ps`` on it): on a loaded machine with Dokploy in dev
  mode a request takes seconds, which the check's time is mostly made of.

Usage:  .venv/bin/python benchmarks/running_check.py [--runs 5] [--settle-time 3] [--output results/running_check.json]
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import datetime
import json
import os
import platform
import statistics
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "acceptance"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from deploy_wait import collections_root  # noqa: E402  pylint: disable=wrong-import-position

PROJECT = "bench-running"
REGISTRY = "127.0.0.1:5000/dokploy-test"


def engine(url, key):
    sys.path.insert(0, collections_root())
    from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployClient
    from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._context import Context
    from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._application import Application
    from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._project import Project
    from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._params import resource_params

    calls = []
    original = DokployClient.get

    def counted_get(self, procedure, params=None, timeout=None):
        started = time.time()
        try:
            return original(self, procedure, params, timeout)
        finally:
            calls.append((procedure, time.time() - started))
    DokployClient.get = counted_get

    def run(resource_class, **params):
        ctx = Context(DokployClient(url, key), warn=lambda message: None)
        return resource_class(ctx, resource_params(resource_class, params)).run()
    return run, Application, Project, calls


def check_requests(calls):
    return len([procedure for procedure, seconds in calls if procedure.startswith("docker.")])


def parse_iso(text):
    return datetime.datetime.strptime(text[:19], "%Y-%m-%dT%H:%M:%S").replace(
        tzinfo=datetime.timezone.utc).timestamp() + float("0." + text[20:23] if len(text) > 20 else 0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", maxsplit=1)[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--settle-time", type=float, default=3.0)
    parser.add_argument("--output", default=os.path.join(ROOT, "benchmarks", "results", "running_check.json"))
    args = parser.parse_args()

    import dokploy_real  # tests/acceptance/dokploy_real.py
    handle = dokploy_real.Version("0.30.2")
    handle.start()
    run, Application, Project, calls = engine(handle.url, handle.api_key())
    from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._running import DokployServiceNotRunning

    run(Project, name=PROJECT)
    common = dict(project=PROJECT, settle_time=args.settle_time)
    run(Application, name="healthy", docker_image=REGISTRY + "/worker:v1", state="deployed", **common)
    plain, checked, added, to_failure, after_done, healthy_reads, crash_reads = [], [], [], [], [], [], []
    try:
        for number in range(args.runs):
            started = time.time()
            run(Application, name="healthy", docker_image=REGISTRY + "/worker:v1", state="deployed",
                force_deploy=True, wait_for="deployment", **common)
            plain.append(time.time() - started)
            started = time.time()
            del calls[:]
            run(Application, name="healthy", docker_image=REGISTRY + "/worker:v1", state="deployed",
                force_deploy=True, wait_for="running", **common)
            checked.append(time.time() - started)
            healthy_reads.append(check_requests(calls))
            added.append(checked[-1] - plain[-1])
            started = time.time()
            del calls[:]
            try:
                run(Application, name="crash", docker_image=REGISTRY + "/crash:v1", state="deployed",
                    force_deploy=True, **common)
                raise SystemExit("the crashing application was not reported")
            except DokployServiceNotRunning as error:
                failed = time.time()
                to_failure.append(failed - started)
                crash_reads.append(check_requests(calls))
                finished = (error.deployment or {}).get("finishedAt")
                if finished:
                    after_done.append(failed - parse_iso(finished))
            print("run %d: deployment only %.1f s, running check %.1f s (+%.1f s, %d task reads); crash reported after "
                  "%.1f s (%d task reads)" % (number + 1, plain[-1], checked[-1], added[-1], healthy_reads[-1],
                                              to_failure[-1], crash_reads[-1]))
    finally:
        run(Project, name=PROJECT, state="absent", force=True)

    latency = [seconds for procedure, seconds in calls if procedure.startswith("docker.")] or [0.0]
    figures = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "cpus": os.cpu_count(),
        "python": platform.python_version(), "runs": args.runs, "settle_time": args.settle_time,
        "healthy_wait_for_deployment_median_s": round(statistics.median(plain), 2),
        "healthy_wait_for_running_median_s": round(statistics.median(checked), 2),
        "running_check_adds_median_s": round(statistics.median(added), 2),
        "crash_reported_after_trigger_median_s": round(statistics.median(to_failure), 2),
        "crash_reported_after_deployment_done_median_s":
            round(statistics.median(after_done), 2) if after_done else None,
        "healthy_check_requests_median": statistics.median(healthy_reads),
        "crash_check_requests_median": statistics.median(crash_reads),
        "docker_read_latency_median_s": round(statistics.median(latency), 2),
    }
    print(json.dumps(figures, indent=2))
    if args.output:
        os.makedirs(os.path.dirname(args.output), exist_ok=True)
        with open(args.output, "w") as f:
            json.dump(figures, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
