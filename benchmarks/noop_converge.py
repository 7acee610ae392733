#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""How fast is a no-op converge with the modules, against the same check written with ansible.builtin.uri? (not a test)

Starts a simulator (tests/simulator) and, in one run, times three plays of ``ansible-playbook`` (wall time of the
process, one host, ``connection: local``) on the reference stack: a project, 2 extra environments, 10 applications
each with a domain and env, 3 databases (postgres, mysql, redis) and 2 compose stacks:

* ``first``: the play of per-resource tasks (dokploy_project, dokploy_environment, dokploy_application,
  dokploy_domain, dokploy_database, dokploy_compose) on an empty simulator;
* ``noop``: the same play again (every task ``ok``);
* ``uri``: the same no-op check written with ``ansible.builtin.uri``, one GET per resource, so one task per task of
  the play: ``project.all`` for the project, ``environment.one`` per extra environment, ``<kind>.one`` per service
  and ``domain.byApplicationId`` per domain, each with a ``failed_when`` on a field.

Each is repeated ``--runs`` times (the simulator is reset before every ``first``); the table shows the medians.
A last no-op run counts the requests of every task from the simulator's request log (callback
benchmarks/callback_plugins/dokploy_request_count.py). Goals (issue 10): noop/uri <= 1.0 and <= 2 requests per
no-op task for every module.

Usage (from the root of the work tree, after scripts/setup)::

    .venv/bin/python benchmarks/noop_converge.py [--runs 3] [--output benchmarks/results/noop_converge.json]

The JSON (default benchmarks/results/noop_converge.json) is committed as the latest run; rerun to refresh it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TESTS = os.path.join(ROOT, "tests")
CALLBACKS = os.path.join(ROOT, "benchmarks", "callback_plugins")
DEFAULT_OUTPUT = os.path.join(ROOT, "benchmarks", "results", "noop_converge.json")

PROJECT = "bench"
EXTRA_ENVIRONMENTS = ("staging", "qa")
APPLICATIONS = ["app-%02d" % i for i in range(10)]
DATABASES = (("postgres", "db-postgres"), ("mysql", "db-mysql"), ("redis", "db-redis"))
COMPOSES = ("stack-a", "stack-b")
COMPOSE_FILE = "services:\n  whoami:\n    image: traefik/whoami\n"
GOAL_RATIO = 1.0
GOAL_REQUESTS = 2


def environment_of(index):
    """Applications 0-5 in production, the others in the extra environments (so every environment holds some)."""
    return "production" if index < 6 else EXTRA_ENVIRONMENTS[index % 2]


def app_env(name):
    return {"APP_NAME": name, "LOG_LEVEL": "info", "WORKERS": "4"}


def play(name, tasks):
    return [{"name": name, "hosts": "localhost", "connection": "local", "gather_facts": False, "tasks": tasks}]


def converge_tasks():
    """The per-resource tasks of the reference stack."""
    module = "dokploy.dokploy.dokploy_%s"
    tasks = [{"name": "project", module % "project": {"name": PROJECT, "description": "benchmark"}}]
    for environment in EXTRA_ENVIRONMENTS:
        tasks.append({"name": "environment %s" % environment,
                      module % "environment": {"project": PROJECT, "name": environment}})
    for i, app in enumerate(APPLICATIONS):
        tasks.append({"name": "application %s" % app, module % "application": {
            "project": PROJECT, "environment": environment_of(i), "name": app,
            "docker_image": "nginx:1.27-alpine", "env": app_env(app)}})
    for i, app in enumerate(APPLICATIONS):
        tasks.append({"name": "domain %s" % app, module % "domain": {
            "project": PROJECT, "environment": environment_of(i), "application": app,
            "host": "%s.bench.example.com" % app, "port": 80}})
    for db_type, name in DATABASES:
        params = {"project": PROJECT, "type": db_type, "name": name, "database_password": "bench-password-1"}
        if db_type != "redis":
            params.update(database_name="bench", database_user="bench")
        tasks.append({"name": "database %s" % name, module % "database": params})
    for name in COMPOSES:
        tasks.append({"name": "compose %s" % name, module % "compose": {
            "project": PROJECT, "name": name, "compose_file": COMPOSE_FILE, "env": {"STACK": name}}})
    return tasks


def uri_tasks(sim_url, api_key, ids):
    """The same no-op check with ansible.builtin.uri: one GET per resource, each checked on one field."""
    def get(name, procedure, query, failed_when):
        url = "%s/api/%s" % (sim_url, procedure)
        if query:
            url += "?" + "&".join("%s=%s" % item for item in query.items())
        return {"name": name, "ansible.builtin.uri": {"url": url, "headers": {"x-api-key": api_key}},
                "register": "answer", "failed_when": failed_when}

    tasks = [get("project.all", "project.all", None,
                 "answer.json | selectattr('name', 'equalto', '%s') | list | length != 1" % PROJECT)]
    for environment in EXTRA_ENVIRONMENTS:
        tasks.append(get("environment %s" % environment, "environment.one", {"environmentId": ids[environment]},
                         "answer.json.name != '%s'" % environment))
    for app in APPLICATIONS:
        tasks.append(get("application %s" % app, "application.one", {"applicationId": ids[app]},
                         "answer.json.name != '%s' or answer.json.dockerImage != 'nginx:1.27-alpine'" % app))
    for app in APPLICATIONS:
        tasks.append(get("domain %s" % app, "domain.byApplicationId", {"applicationId": ids[app]},
                         "answer.json | selectattr('host', 'equalto', '%s.bench.example.com') | list | length != 1" % app))
    for db_type, name in DATABASES:
        tasks.append(get("database %s" % name, "%s.one" % db_type, {"%sId" % db_type: ids[name]},
                         "answer.json.name != '%s'" % name))
    for name in COMPOSES:
        tasks.append(get("compose %s" % name, "compose.one", {"composeId": ids[name]}, "answer.json.name != '%s'" % name))
    return tasks


def service_ids(sim):
    """Name -> ID of the extra environments and the services of the stack, from the simulator's state."""
    ids = {}
    with sim.lock:
        for row in sim.state["environment"].values():
            if row["name"] in EXTRA_ENVIRONMENTS:
                ids[row["name"]] = row["environmentId"]
        for table, id_field in [("application", "applicationId"), ("compose", "composeId")] + [
                (db_type, "%sId" % db_type) for db_type, _name in DATABASES]:
            for row in sim.state[table].values():
                ids[row["name"]] = row[id_field]
    return ids


class Runner(object):
    """Runs playbooks with the environment of the integration harness (tests/integration/test_targets.py)."""

    def __init__(self, sim, workdir):
        sys.path.insert(0, os.path.join(TESTS, "integration"))
        import test_targets  # pylint: disable=import-outside-toplevel
        self.workdir = workdir
        test_targets.collections_path()  # also makes tests/output/integration, where playbook_environment writes
        self.env = test_targets.playbook_environment(sim, os.path.join(workdir, "home"))
        self.ansible_playbook = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")
        self.cpu = []  # CPU seconds (user + system) of each run's process tree

    def write(self, name, plays):
        path = os.path.join(self.workdir, name)
        with open(path, "w") as f:
            json.dump(plays, f, indent=1)  # JSON is YAML
        return path

    def run(self, playbook, **extra_env):
        """Seconds the ansible-playbook process took; fails on a failed play, and on a change where none is expected."""
        env = dict(self.env, **extra_env)
        started = time.time()
        cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        proc = subprocess.run([self.ansible_playbook, "-i", "localhost,", "-e",
                               json.dumps({"ansible_python_interpreter": sys.executable}), playbook],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True,
                              check=False)
        elapsed = time.time() - started
        cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.cpu.append(cpu_after.ru_utime + cpu_after.ru_stime - cpu_before.ru_utime - cpu_before.ru_stime)
        if proc.returncode != 0:
            raise RuntimeError("%s failed (rc %s):\n%s" % (playbook, proc.returncode, proc.stdout[-4000:]))
        return elapsed, proc.stdout


def recap_changed(output):
    """The changed= count of the one host of the PLAY RECAP."""
    recap = output.rsplit("PLAY RECAP", 1)[1]
    return int(recap.split("changed=", 1)[1].split()[0])


def count_requests(runner, sim, playbook):
    """Requests of every task of one run of ``playbook``, from the simulator's log (through the callback)."""
    count_file = os.path.join(runner.workdir, "counts.jsonl")
    if os.path.exists(count_file):
        os.unlink(count_file)
    runner.run(playbook, ANSIBLE_CALLBACK_PLUGINS=CALLBACKS, ANSIBLE_CALLBACKS_ENABLED="dokploy_request_count",
               DOKPLOY_BENCH_SIM_URL=sim.url, DOKPLOY_BENCH_COUNT_FILE=count_file)
    with open(count_file) as f:
        return [json.loads(line) for line in f]


def per_module(counts):
    modules = {}
    for line in counts:
        modules.setdefault(line["action"].rsplit(".", 1)[-1], []).append(line["requests"])
    return dict((name, {"tasks": len(values), "max": max(values), "mean": round(statistics.mean(values), 2)})
                for name, values in sorted(modules.items()))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", maxsplit=1)[0])
    parser.add_argument("--runs", type=int, default=3, help="repetitions of each play (medians are reported)")
    parser.add_argument("--output", default=DEFAULT_OUTPUT, help="where the JSON goes ('' for nowhere)")
    args = parser.parse_args()

    sys.path.insert(0, TESTS)
    from simulator import Simulator  # pylint: disable=import-outside-toplevel

    times = {"first": [], "noop": [], "uri": []}
    cpu = {"first": [], "noop": [], "uri": []}
    with Simulator(api_key="benchmark-key") as sim, tempfile.TemporaryDirectory() as workdir:
        runner = Runner(sim, workdir)

        def timed(kind, playbook):
            elapsed, output = runner.run(playbook)
            times[kind].append(elapsed)
            cpu[kind].append(runner.cpu[-1])
            return output

        converge = runner.write("converge.yml", play("reference stack", converge_tasks()))
        for run in range(1, args.runs + 1):
            sim.reset()
            timed("first", converge)
            if recap_changed(timed("noop", converge)):
                raise RuntimeError("the second converge changed something")
            uri = runner.write("uri.yml", play("no-op check with uri", uri_tasks(sim.url, sim.api_key, service_ids(sim))))
            timed("uri", uri)
            print("run %d: first %.2f s, no-op %.2f s, uri %.2f s (CPU %.2f, %.2f, %.2f s)" % (
                run, times["first"][-1], times["noop"][-1], times["uri"][-1], cpu["first"][-1], cpu["noop"][-1], cpu["uri"][-1]))
        noop_counts = count_requests(runner, sim, converge)
        uri_counts = count_requests(runner, sim, uri)

    medians = dict((name, round(statistics.median(values), 3)) for name, values in times.items())
    cpu_medians = dict((name, round(statistics.median(values), 3)) for name, values in cpu.items())
    modules = per_module(noop_counts)
    result = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_average_at_end": [round(load, 1) for load in os.getloadavg()],  # a busy machine stretches wall times
        "runs": args.runs,
        "tasks": {"converge": len(noop_counts), "uri": len(uri_counts)},
        "seconds": times,
        "median_seconds": medians,
        # Each run's no-op and uri plays run back to back: the median of their ratios is steadier on a busy
        # machine than the ratio of the medians.
        "ratio_noop_uri": round(statistics.median(n / u for n, u in zip(times["noop"], times["uri"])), 3),
        "cpu_seconds": cpu,
        "median_cpu_seconds": cpu_medians,
        "cpu_ratio_noop_uri": round(statistics.median(n / u for n, u in zip(cpu["noop"], cpu["uri"])), 3),
        "requests_per_noop_task": modules,
        "requests_per_uri_task": per_module(uri_counts),
        "goals": {"ratio_noop_uri": GOAL_RATIO, "max_requests_per_noop_task": GOAL_REQUESTS},
    }
    result["goals_met"] = (result["ratio_noop_uri"] <= GOAL_RATIO
                           and all(m["max"] <= GOAL_REQUESTS for m in modules.values()))

    print("\n%-28s %10s %10s" % ("play (%d runs, median)" % args.runs, "wall s", "CPU s"))
    for kind, label, tasks in (("first", "first converge", len(noop_counts)), ("noop", "no-op converge", len(noop_counts)),
                               ("uri", "uri no-op", len(uri_counts))):
        print("%-28s %10.2f %10.2f" % ("%s (%d tasks)" % (label, tasks), medians[kind], cpu_medians[kind]))
    print("%-28s %10.3f %10.3f   (goal <= %.1f)" % (
        "ratio no-op / uri (median)", result["ratio_noop_uri"], result["cpu_ratio_noop_uri"], GOAL_RATIO))
    print("\n%-22s %6s %5s %6s   (requests per no-op task, goal max <= %d)" % ("module", "tasks", "max", "mean", GOAL_REQUESTS))
    for name, figures in modules.items():
        print("%-22s %6d %5d %6.2f" % (name, figures["tasks"], figures["max"], figures["mean"]))
    print("\ngoals met: %s" % ("yes" if result["goals_met"] else "no"))
    if args.output:
        write_json(args.output, result)


def write_json(path, result):
    """Write ``result`` to ``path`` (its folder made if missing) and say where."""
    if not os.path.isdir(os.path.dirname(os.path.abspath(path))):
        os.makedirs(os.path.dirname(os.path.abspath(path)))
    with open(path, "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")
    print("JSON: %s" % os.path.relpath(path))


if __name__ == "__main__":
    main()
