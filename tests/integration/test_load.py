# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Load: 50 applications with a domain and env, converged by one play over 50 inventory hosts with forks 10.

A static inventory of 50 hosts (``connection: local``), each host's vars naming its application. A first play on
localhost makes the project once; the second play runs dokploy_application and dokploy_domain on every host, 10 at
a time, so that 10 applications are created in the same project at the same moment. Checked in the simulator's
state: no duplicate (exactly 50 applications and 50 domains, each name once), every setting right (image, env
keys and values, domain host and port); and a second run of the same playbook changes nothing on any host.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import re
import subprocess
import sys
import time

from test_targets import collections_path, playbook_environment, tail  # tests/integration is on sys.path (rootdir conftest)

HOSTS = 50
FORKS = 10
PROJECT = "load"
IMAGE = "nginx:1.27-alpine"
PORT = 8080
# Both runs take about 2 minutes of CPU (so about a minute on 2 idle cores; 140 s measured at a load average of 15):
# the figures go to tests/output/load.json.
# Wall time is not asserted (a shared machine makes it vary twofold); a run that hangs fails at this timeout.
RUN_TIMEOUT = 300
FIGURES = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "output", "load.json")
RECAP_LINE = re.compile(r"^(\S+)\s+:\s+ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.MULTILINE)


def app_name(index):
    return "load-%02d" % index


def expected_env(name, index):
    return {"APP_NAME": name, "APP_INDEX": str(index), "LOG_LEVEL": "info"}


def write_inventory(path):
    hosts = dict(("host-%02d" % i, {"app_name": app_name(i), "app_index": i}) for i in range(HOSTS))
    host_vars = {"ansible_connection": "local", "ansible_python_interpreter": sys.executable}
    inventory = {"all": {"hosts": hosts, "vars": host_vars}}
    with open(path, "w") as f:
        json.dump(inventory, f, indent=1)  # JSON is YAML


def write_playbook(path):
    module = "dokploy.dokploy.dokploy_%s"
    plays = [
        {"name": "The project, once", "hosts": "localhost", "connection": "local", "gather_facts": False,
         "vars": {"ansible_python_interpreter": sys.executable},
         "tasks": [{"name": "project", "run_once": True, module % "project": {"name": PROJECT}}]},
        {"name": "One application with its domain per host", "hosts": "all", "gather_facts": False, "tasks": [
            {"name": "application", module % "application": {
                "project": PROJECT, "name": "{{ app_name }}", "docker_image": IMAGE,
                "env": {"APP_NAME": "{{ app_name }}", "APP_INDEX": "{{ app_index | string }}", "LOG_LEVEL": "info"}}},
            {"name": "domain", module % "domain": {
                "project": PROJECT, "application": "{{ app_name }}", "host": "{{ app_name }}.load.example.com",
                "port": PORT}},
        ]},
    ]
    with open(path, "w") as f:
        json.dump(plays, f, indent=1)


def run_playbook(sim, tmp_path, playbook, inventory):
    collections_path()  # also makes tests/output/integration, where playbook_environment writes
    env = playbook_environment(sim, str(tmp_path / "home"))
    ansible_playbook = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")
    return subprocess.run([ansible_playbook, "-i", inventory, "--forks", str(FORKS), playbook],
                          env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True,
                          timeout=RUN_TIMEOUT, check=False)


def recap(output):
    """host -> (ok, changed, unreachable, failed) from the PLAY RECAP."""
    assert "PLAY RECAP" in output, tail(output)
    return dict((m.group(1), tuple(int(n) for n in m.groups()[1:]))
                for m in RECAP_LINE.finditer(output.rsplit("PLAY RECAP", 1)[1]))


def parse_env(text):
    """The simulator stores env as Dokploy does: KEY=value lines (values may be quoted)."""
    env = {}
    for line in (text or "").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _sep, value = line.partition("=")
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            env[key.strip()] = value
    return env


def check_state(sim):
    with sim.lock:
        projects = [p for p in sim.state["project"].values() if p["name"] == PROJECT]
        applications = list(sim.state["application"].values())
        domains = list(sim.state["domain"].values())
    assert len(projects) == 1, "projects named %s: %d" % (PROJECT, len(projects))
    names = sorted(a["name"] for a in applications)
    assert names == sorted(app_name(i) for i in range(HOSTS)), "applications (a duplicate or a missing one): %s" % names
    by_id = dict((a["applicationId"], a) for a in applications)
    wrong = []
    for index in range(HOSTS):
        app = [a for a in applications if a["name"] == app_name(index)][0]
        if app.get("dockerImage") != IMAGE:
            wrong.append("%s: dockerImage %r" % (app["name"], app.get("dockerImage")))
        if parse_env(app.get("env")) != expected_env(app["name"], index):
            wrong.append("%s: env %r" % (app["name"], app.get("env")))
    assert len(domains) == HOSTS, "%d domains for %d applications" % (len(domains), HOSTS)
    hosts = sorted(d["host"] for d in domains)
    assert hosts == sorted("%s.load.example.com" % app_name(i) for i in range(HOSTS)), "domain hosts: %s" % hosts
    for domain in domains:
        owner = by_id.get(domain.get("applicationId"))
        if owner is None or domain["host"] != "%s.load.example.com" % owner["name"] or domain.get("port") != PORT:
            wrong.append("domain %s: application %s, port %r" % (domain["host"], owner and owner["name"], domain.get("port")))
    assert not wrong, "settings not as declared:\n%s" % "\n".join(wrong)


def test_fifty_applications_with_ten_forks(simulator, tmp_path):
    inventory = str(tmp_path / "hosts.yml")
    playbook = str(tmp_path / "load.yml")
    write_inventory(inventory)
    write_playbook(playbook)
    started = time.time()
    first = run_playbook(simulator, tmp_path, playbook, inventory)
    first_seconds = time.time() - started
    assert first.returncode == 0, "first run failed:\n%s" % tail(first.stdout)
    first_recap = recap(first.stdout)
    assert len(first_recap) == HOSTS + 1, first_recap  # the hosts and localhost
    assert all(counts[3] == 0 and counts[2] == 0 for counts in first_recap.values()), first_recap
    check_state(simulator)

    started = time.time()
    second = run_playbook(simulator, tmp_path, playbook, inventory)
    second_seconds = time.time() - started
    assert second.returncode == 0, "second run failed:\n%s" % tail(second.stdout)
    changed = dict((host, counts[1]) for host, counts in recap(second.stdout).items() if counts[1])
    assert not changed, "the second run changed something (host: changed=): %s\n%s" % (changed, tail(second.stdout))
    check_state(simulator)
    assert simulator.api_key not in first.stdout + second.stdout, "the API key (canary) appeared in the output"
    write_figures(first_seconds, second_seconds, len(simulator.requests()))


def write_figures(first_seconds, second_seconds, requests):
    if not os.path.isdir(os.path.dirname(FIGURES)):
        os.makedirs(os.path.dirname(FIGURES))
    with open(FIGURES, "w") as f:
        json.dump({"hosts": HOSTS, "forks": FORKS, "first_run_seconds": round(first_seconds, 1),
                   "second_run_seconds": round(second_seconds, 1), "requests_both_runs": requests,
                   "duplicates": 0, "settings_wrong": 0, "changed_on_second_run": 0}, f, indent=2)
