#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The no-op converge of a whole project by dokploy_stack (one task), side by side with the per-resource play and
the ansible.builtin.uri reads of benchmarks/noop_converge.py; then the same for 10 times the stack (not a test).

Starts a simulator and, in one run, on the reference stack of noop_converge.py (a project, 2 extra environments,
10 applications each with a domain and env, 3 databases, 2 compose stacks), times ``ansible-playbook`` (wall time
of the process, one host, ``connection: local``):

* ``per_resource_first`` / ``per_resource_noop``: the per-resource play (noop_converge.converge_tasks);
* ``uri``: the same reads with ansible.builtin.uri (noop_converge.uri_tasks);
* ``stack_noop``: one dokploy_stack task with the declaration of the same stack, on the project the per-resource play
  made (so it also proves that the two ways of declaring agree: it must report changed=0);
* ``stack_first``: the same task on an empty simulator.

Then ``stack_first`` and ``stack_noop`` for 10 times the stack (100 applications with a domain and env, 30
databases, 20 compose stacks, the same 3 environments). The requests of each stack no-op are counted in the
simulator's log; goal: at most 1 + environments + services + children lists (domains are nested in their service's
row, so no list). Goals of issue 13: stack no-op <= 0.15 x uri and <= 0.15 x the per-resource no-op.

Usage (from the root of the work tree, after scripts/setup)::

    .venv/bin/python benchmarks/stack_noop.py [--runs 3] [--output benchmarks/results/stack_noop.json]
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import noop_converge as reference  # noqa: E402  the reference stack and its plays (benchmarks/noop_converge.py)

DEFAULT_OUTPUT = os.path.join(reference.ROOT, "benchmarks", "results", "stack_noop.json")
GOAL_RATIO = 0.15
SCALE = 10


def declaration(scale=1):
    """The reference stack as one dokploy_stack declaration; ``scale`` times its services."""
    environments = dict((name, {}) for name in ("production",) + tuple(reference.EXTRA_ENVIRONMENTS))

    def section(environment, name):
        return environments[environment].setdefault(name, {})

    copies = [""] if scale == 1 else ["-%02d" % copy for copy in range(scale)]
    for suffix in copies:
        for i, app in enumerate(reference.APPLICATIONS):
            name = app + suffix
            section(reference.environment_of(i), "applications")[name] = {
                "docker_image": "nginx:1.27-alpine", "env": reference.app_env(app),
                "domains": [{"host": "%s.bench.example.com" % name, "port": 80}]}
        for db_type, db_name in reference.DATABASES:
            params = {"type": db_type, "database_password": "bench-password-1"}
            if db_type != "redis":
                params.update(database_name="bench", database_user="bench")
            section("production", "databases")[db_name + suffix] = params
        for compose in reference.COMPOSES:
            section("production", "compose")[compose + suffix] = {
                "compose_file": reference.COMPOSE_FILE, "env": {"STACK": compose}}
    return {"project": reference.PROJECT, "description": "benchmark", "environments": environments}


def counts_of(decl):
    environments = decl["environments"]
    services = sum(len(env.get(section) or {}) for env in environments.values()
                   for section in ("applications", "databases", "compose"))
    return len(environments), services


def stack_requests(runner, sim, playbook):
    """(requests, writes) of one run of the stack playbook, from the simulator's log."""
    sim.clear_requests()
    elapsed, output = runner.run(playbook)
    if reference.recap_changed(output):
        raise RuntimeError("the stack no-op changed something:\n%s" % output[-3000:])
    requests = sim.requests()
    return len(requests), len([r for r in requests if r["method"] != "GET"]), elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", maxsplit=1)[0])
    parser.add_argument("--runs", type=int, default=3, help="repetitions of each play (medians are reported)")
    parser.add_argument("--output", default=DEFAULT_OUTPUT, help="where the JSON goes ('' for nowhere)")
    args = parser.parse_args()

    sys.path.insert(0, reference.TESTS)
    from simulator import Simulator  # pylint: disable=import-outside-toplevel

    kinds = ("per_resource_first", "per_resource_noop", "uri", "stack_noop", "stack_first",
             "stack_first_x%d" % SCALE, "stack_noop_x%d" % SCALE)
    times = dict((kind, []) for kind in kinds)
    requests = {}
    with Simulator(api_key="benchmark-key") as sim, tempfile.TemporaryDirectory() as workdir:
        runner = reference.Runner(sim, workdir)
        per_resource = runner.write("converge.yml", reference.play("reference stack", reference.converge_tasks()))
        stack = runner.write("stack.yml", reference.play("reference stack, one task", [
            {"name": "stack", "dokploy.dokploy.dokploy_stack": declaration()}]))
        stack_big = runner.write("stack_x%d.yml" % SCALE, reference.play("%d times the reference stack" % SCALE, [
            {"name": "stack", "dokploy.dokploy.dokploy_stack": declaration(SCALE)}]))

        def timed(kind, playbook, expect_change=None):
            elapsed, output = runner.run(playbook)
            if expect_change is not None and bool(reference.recap_changed(output)) != expect_change:
                raise RuntimeError("%s: changed=%s, expected %s:\n%s" % (kind, reference.recap_changed(output),
                                                                         expect_change, output[-3000:]))
            times[kind].append(elapsed)

        for run in range(1, args.runs + 1):
            sim.reset()
            timed("per_resource_first", per_resource, True)
            timed("per_resource_noop", per_resource, False)
            uri = runner.write("uri.yml", reference.play("no-op check with uri", reference.uri_tasks(
                sim.url, sim.api_key, reference.service_ids(sim))))
            timed("uri", uri)
            timed("stack_noop", stack, False)
            sim.reset()
            timed("stack_first", stack, True)
            print("run %d: %s" % (run, ", ".join("%s %.2f s" % (k, times[k][-1]) for k in kinds if times[k])))
        requests["stack_noop"] = stack_requests(runner, sim, stack)[:2]
        for run in range(1, args.runs + 1):
            sim.reset()
            timed("stack_first_x%d" % SCALE, stack_big, True)
            timed("stack_noop_x%d" % SCALE, stack_big, False)
            print("x%d run %d: first %.2f s, no-op %.2f s" % (
                SCALE, run, times["stack_first_x%d" % SCALE][-1], times["stack_noop_x%d" % SCALE][-1]))
        requests["stack_noop_x%d" % SCALE] = stack_requests(runner, sim, stack_big)[:2]

    medians = dict((kind, round(statistics.median(values), 3)) for kind, values in times.items())
    ratio = dict((other, round(statistics.median(s / o for s, o in zip(times["stack_noop"], times[other])), 3))
                 for other in ("uri", "per_resource_noop"))
    budgets = {}
    for name, decl in (("stack_noop", declaration()), ("stack_noop_x%d" % SCALE, declaration(SCALE))):
        environments, services = counts_of(decl)
        budgets[name] = {"environments": environments, "services": services, "children_lists": 0,
                         "budget": 1 + environments + services, "requests": requests[name][0],
                         "writes": requests[name][1]}
    result = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "runs": args.runs,
        "seconds": times,
        "median_seconds": medians,
        "ratio_stack_noop_to": ratio,
        "requests": budgets,
        "growth_x%d" % SCALE: {
            "first": round(medians["stack_first_x%d" % SCALE] / medians["stack_first"], 2),
            "noop": round(medians["stack_noop_x%d" % SCALE] / medians["stack_noop"], 2)},
        "goals": {"ratio_stack_noop_to_uri": GOAL_RATIO, "ratio_stack_noop_to_per_resource_noop": GOAL_RATIO,
                  "requests": "<= 1 + environments + services + children lists"},
    }
    result["goals_met"] = {
        "ratio_uri": ratio["uri"] <= GOAL_RATIO,
        "ratio_per_resource": ratio["per_resource_noop"] <= GOAL_RATIO,
        "requests": all(b["requests"] <= b["budget"] and b["writes"] == 0 for b in budgets.values()),
    }

    print("\n%-44s %10s" % ("play (%d runs, median)" % args.runs, "wall s"))
    for kind in kinds:
        print("%-44s %10.2f" % (kind, medians[kind]))
    print("%-44s %10.3f   (goal <= %.2f)" % ("stack no-op / uri no-op", ratio["uri"], GOAL_RATIO))
    print("%-44s %10.3f   (goal <= %.2f)" % ("stack no-op / per-resource no-op", ratio["per_resource_noop"], GOAL_RATIO))
    for name, budget in budgets.items():
        print("%-44s %10d   (budget %d = 1 + %d environments + %d services; writes %d)" % (
            "requests of " + name, budget["requests"], budget["budget"], budget["environments"], budget["services"],
            budget["writes"]))
    growth = result["growth_x%d" % SCALE]
    print("x%d growth: first converge %.2f times, no-op %.2f times" % (SCALE, growth["first"], growth["noop"]))
    print("goals met: %s" % result["goals_met"])
    if args.output:
        if not os.path.isdir(os.path.dirname(os.path.abspath(args.output))):
            os.makedirs(os.path.dirname(os.path.abspath(args.output)))
        with open(args.output, "w") as f:
            json.dump(result, f, indent=2)
            f.write("\n")
        print("JSON: %s" % os.path.relpath(args.output))


if __name__ == "__main__":
    main()
