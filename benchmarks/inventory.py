#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Benchmark of the dokploy.dokploy.dokploy inventory plugin against an equivalent static YAML inventory.

    .venv/bin/python benchmarks/inventory.py [--projects 200] [--servers 20] [--services 5000] [--runs 5]

1. fills a simulator state directly (200 projects x 2 environments, 20 servers, 5,000 services of every kind, one
   domain per application and compose stack) and starts the simulator on it (tests/simulator/run.py, its own
   process);
2. runs ``ansible-inventory --list`` once with the plugin (through real HTTP) and turns its output into the
   equivalent static YAML inventory (same hosts, variables and groups);
3. times ``ansible-inventory --list`` on both, alternately, ``--runs`` times each (no inventory cache), and counts
   the plugin's requests in the simulator's request log;
4. prints the medians side by side, the ratio, and the request count. Exit status 1 if a goal is missed
   (at most 3 requests, at most 1.5x the static inventory's time).

Not part of the test suite.
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

try:
    from urllib.request import Request, urlopen
except ImportError:  # pragma: no cover
    raise SystemExit("Python 3 is required")

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TESTS = os.path.join(ROOT, "tests")
sys.path.insert(0, TESTS)
sys.path.insert(0, os.path.join(TESTS, "integration"))

from simulator.state import new_state  # noqa: E402
from inventory_seed import Seeder, plain  # noqa: E402

API_KEY = "bench-key-0123456789abcdef"
KIND_CYCLE = (["application"] * 12 + ["compose"] * 5 + ["postgres"] * 3 + ["mysql"] * 2 + ["mariadb", "mongo", "redis"])
STATUSES = ("idle", "running", "done", "error")


def fill(projects, servers, services):
    state = new_state()
    seeder = Seeder(state)
    server_ids = []
    for index in range(servers):
        server_ids.append(seeder.server("srv%03d" % index, "node-%02d" % index, "10.1.%d.%d" % (index // 250, index % 250 + 1)).get("serverId"))
    environments = []
    for index in range(projects):
        envs = seeder.project("prj%03d" % index, "project-%03d" % index, ("production", "staging"))
        environments.extend(envs.values())
    domains = 0
    for index in range(services):
        kind = KIND_CYCLE[index % len(KIND_CYCLE)]
        env_id = environments[(index // len(KIND_CYCLE) * 2 + index % 2) % len(environments)]
        server_id = server_ids[index % len(server_ids)] if server_ids and index % 2 else None
        service_id = "svc%05d" % index
        seeder.service(kind, service_id, "%s-%d" % (kind, index), env_id, STATUSES[index % 4], server_id)
        if kind == "application":
            seeder.domain("dom%05d" % index, "app-%d.example.com" % index, application_id=service_id, https=True)
            domains += 1
        elif kind == "compose":
            seeder.domain("dom%05d" % index, "stack-%d.example.com" % index, compose_id=service_id, service_name="web")
            domains += 1
    return state, domains


def start_simulator(state_file, workdir):
    ready = os.path.join(workdir, "ready")
    process = subprocess.Popen([sys.executable, os.path.join(TESTS, "simulator", "run.py"), "--api-key", API_KEY,
                                "--state", state_file, "--ready-file", ready],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while not (os.path.exists(ready) and open(ready).read().strip()):
        if process.poll() is not None or time.time() > deadline:
            raise SystemExit("the simulator did not start: %s" % process.stderr.read().decode(errors="replace"))
        time.sleep(0.05)
    return process, open(ready).read().strip()


def control(url, method, path):
    request = Request(url + path, method=method)
    with urlopen(request) as response:
        body = response.read()
    return json.loads(body) if body else None


def collections_path(workdir):
    base = os.path.join(workdir, "collections")
    namespace = os.path.join(base, "ansible_collections", "dokploy")
    os.makedirs(namespace)
    os.symlink(ROOT, os.path.join(namespace, "dokploy"))
    return base


def ansible_env(workdir):
    env = dict(os.environ)
    env.update({"ANSIBLE_COLLECTIONS_PATH": collections_path(workdir), "DOKPLOY_API_KEY": API_KEY,
                "ANSIBLE_LOCAL_TEMP": os.path.join(workdir, "tmp"), "ANSIBLE_NOCOLOR": "1",
                "ANSIBLE_INVENTORY_UNPARSED_FAILED": "1"})
    env.pop("ANSIBLE_INVENTORY_ENABLED", None)
    return env


def run_inventory(source, env, enabled):
    command = [os.path.join(os.path.dirname(sys.executable), "ansible-inventory"), "-i", source, "--list"]
    started = time.perf_counter()
    result = subprocess.run(command, env=dict(env, ANSIBLE_INVENTORY_ENABLED=enabled), capture_output=True, text=True,
                            check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit("%s failed:\n%s" % (" ".join(command), result.stderr))
    return elapsed, result.stdout


def static_inventory(listing):
    """The YAML inventory holding exactly what ``ansible-inventory --list`` printed."""
    listing = plain(listing)
    hostvars = listing.pop("_meta")["hostvars"]
    groups = {}
    for name, entry in listing.items():
        group = {}
        if entry.get("hosts"):
            group["hosts"] = dict((host, None) for host in entry["hosts"])
        if entry.get("children"):
            group["children"] = dict((child, None) for child in entry["children"] if child != "ungrouped")
        groups[name] = group
    # Host variables once, where the host is first listed.
    placed = set()
    for name, group in groups.items():
        for host in list((group.get("hosts") or {}).keys()):
            if host not in placed:
                group["hosts"][host] = hostvars.get(host) or None
                placed.add(host)
    for name, group in groups.items():
        for child in list((group.get("children") or {}).keys()):
            group["children"][child] = None
    return {"all": {"children": dict((name, groups[name]) for name in groups if name != "all")}}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--projects", type=int, default=200)
    parser.add_argument("--servers", type=int, default=20)
    parser.add_argument("--services", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="dokploy-bench-")
    state, domains = fill(args.projects, args.servers, args.services)
    state_file = os.path.join(workdir, "state.json")
    with open(state_file, "w") as f:
        json.dump(state, f)
    process, url = start_simulator(state_file, workdir)
    try:
        env = ansible_env(workdir)
        plugin_source = os.path.join(workdir, "bench.dokploy.yml")
        with open(plugin_source, "w") as f:
            f.write("plugin: dokploy.dokploy.dokploy\napi_url: %s\n" % url)
        dummy, output = run_inventory(plugin_source, env, "dokploy.dokploy.dokploy")  # warm-up, and the content
        listing = json.loads(output)
        hosts = len(listing["_meta"]["hostvars"])
        static_source = os.path.join(workdir, "static.yml")
        with open(static_source, "w") as f:
            yaml.safe_dump(static_inventory(json.loads(output)), f, default_flow_style=False, sort_keys=False)
        dummy, static_output = run_inventory(static_source, env, "yaml")  # warm-up
        if plain(json.loads(static_output))["_meta"]["hostvars"] != plain(listing)["_meta"]["hostvars"]:
            raise SystemExit("the static inventory is not equivalent to the plugin's output")

        plugin_times, static_times, requests = [], [], []
        for dummy in range(args.runs):
            control(url, "DELETE", "/__sim__/requests")
            elapsed, dummy = run_inventory(plugin_source, env, "dokploy.dokploy.dokploy")
            plugin_times.append(elapsed)
            requests.append(len(control(url, "GET", "/__sim__/requests")))
            elapsed, dummy = run_inventory(static_source, env, "yaml")
            static_times.append(elapsed)
    finally:
        process.terminate()
        process.wait(timeout=30)

    plugin_median = statistics.median(plugin_times)
    static_median = statistics.median(static_times)
    ratio = plugin_median / static_median
    print("Dokploy inventory benchmark: %d projects, %d servers, %d services, %d domains -> %d hosts, %d runs each"
          % (args.projects, args.servers, args.services, domains, hosts, args.runs))
    print("")
    print("%-34s %12s %12s" % ("", "plugin", "static YAML"))
    print("%-34s %12.3f %12.3f" % ("median ansible-inventory --list (s)", plugin_median, static_median))
    print("%-34s %12.3f %12.3f" % ("min (s)", min(plugin_times), min(static_times)))
    print("%-34s %12.3f %12.3f" % ("max (s)", max(plugin_times), max(static_times)))
    print("%-34s %12s %12s" % ("requests per run", "/".join(str(r) for r in sorted(set(requests))), "-"))
    print("")
    print("raw plugin (s):      %s" % ", ".join("%.3f" % t for t in plugin_times))
    print("raw static YAML (s): %s" % ", ".join("%.3f" % t for t in static_times))
    print("")
    ok_requests = max(requests) <= 3
    ok_ratio = ratio <= 1.5
    print("requests: %d (goal <= 3: %s)" % (max(requests), "met" if ok_requests else "MISSED"))
    print("time ratio plugin/static: %.2fx (goal <= 1.5x: %s)" % (ratio, "met" if ok_ratio else "MISSED"))
    return 0 if ok_requests and ok_ratio else 1


if __name__ == "__main__":
    sys.exit(main())
