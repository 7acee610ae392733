# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The example playbooks of playbooks/, run as a user runs them (ansible-playbook, the server in DOKPLOY_API_URL and
DOKPLOY_API_KEY) against a fresh simulator each. playbooks/export.yml is tested by tests/stack/test_export_playbook.py.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import re
import subprocess
import sys

import pytest
import requests

from test_targets import OUTPUT_DIR, REPO_ROOT, playbook_environment, tail  # tests/integration is on sys.path

PLAYBOOKS_DIR = os.path.join(REPO_ROOT, "playbooks")
HOME = os.path.join(OUTPUT_DIR, "home")


def run_playbook(sim, name, extra_vars=None, inventory="localhost,", expect_rc=0, interpreter=sys.executable):
    """``ansible-playbook playbooks/<name>``; returns its output (stdout and stderr), checked for the API key.

    ``interpreter``: the ``ansible_python_interpreter`` given as an extra var; None gives none, so that the
    playbook's own choice is what counts (ANSIBLE_PYTHON_INTERPRETER is then a Python without requests).
    """
    if not os.path.isdir(HOME):
        os.makedirs(HOME)
    env = playbook_environment(sim, HOME)
    env["ANSIBLE_INVENTORY_ENABLED"] = "dokploy.dokploy.dokploy,ansible.builtin.host_list"
    variables = dict(extra_vars or {})
    if interpreter:
        variables["ansible_python_interpreter"] = interpreter
    else:
        env["ANSIBLE_PYTHON_INTERPRETER"] = python_without_requests()
    command = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), os.path.join(PLAYBOOKS_DIR, name),
               "-i", inventory, "-e", json.dumps(variables)]
    proc = subprocess.run(command, cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, timeout=600, check=False)
    assert proc.returncode == expect_rc, "%s: rc %s, expected %s:\n%s" % (name, proc.returncode, expect_rc, tail(proc.stdout))
    assert sim.api_key not in proc.stdout
    return proc.stdout


def python_without_requests():
    """A Python that cannot import requests, as a discovered system Python may be (skips the test if none)."""
    for candidate in ("/usr/bin/python3", "/bin/python3"):
        if os.path.exists(candidate) and subprocess.call(
                [candidate, "-c", "import requests"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) != 0:
            return candidate
    pytest.skip("no Python without requests here")


def recap(output):
    """``{"ok": n, "changed": n, "failed": n, ...}`` summed over the hosts of the PLAY RECAP."""
    totals = {}
    for line in output.split("PLAY RECAP", 1)[1].splitlines():
        for key, value in re.findall(r"(\w+)=(\d+)", line):
            totals[key] = totals.get(key, 0) + int(value)
    return totals


def rows(sim, table):
    return list(sim.state.get(table, {}).values())


def application(sim, name):
    found = [row for row in rows(sim, "application") if row["name"] == name]
    assert len(found) == 1, found
    return found[0]


def posts(sim, procedure):
    return [r for r in sim.requests() if r["method"] == "POST" and r["path"] == "/api/" + procedure]


def test_app_with_domain_converges_then_changes_nothing(simulator):
    run_playbook(simulator, "app_with_domain.yml")
    web = application(simulator, "web")
    assert web["dockerImage"] == "nginx:1.27-alpine"
    assert "TZ=UTC" in web["env"] and "DATABASE_URL=${{project.DATABASE_URL}}" in web["env"]
    domains = [d for d in rows(simulator, "domain") if d.get("applicationId") == web["applicationId"]]
    assert [(d["host"], d["https"], d["certificateType"], d["port"]) for d in domains] == [
        ("shop.example.com", True, "letsencrypt", 80)]
    assert [d["status"] for d in rows(simulator, "deployment") if d.get("applicationId") == web["applicationId"]] == ["done"]

    simulator.clear_requests()
    again = run_playbook(simulator, "app_with_domain.yml")
    assert recap(again)["changed"] == 0, tail(again)
    assert all(r["method"] == "GET" for r in simulator.requests())


def deploy_rule(sim, **rule):
    """A rule of the simulator's deployment queue (/__sim__/deploy), for the next deployments."""
    response = requests.post(sim.url + "/__sim__/deploy", json=rule, timeout=10)
    response.raise_for_status()


def test_ci_deploy_of_a_new_tag(simulator):
    run_playbook(simulator, "app_with_domain.yml")
    output = run_playbook(simulator, "ci_deploy.yml", {"ci_tag": "1.28-alpine"})
    assert application(simulator, "web")["dockerImage"] == "nginx:1.28-alpine"
    assert "web runs nginx:1.28-alpine (deployment " in output and ": done)" in output
    assert len(posts(simulator, "application.deploy")) == 2  # the first deploy, then the new tag's

    simulator.clear_requests()
    same = run_playbook(simulator, "ci_deploy.yml", {"ci_tag": "1.28-alpine"})
    assert "already deployed: nothing to do" in same and not posts(simulator, "application.deploy")


def test_ci_deploy_failure_shows_the_log_tail(simulator):
    run_playbook(simulator, "app_with_domain.yml")
    deploy_rule(simulator, outcome="error", log="Pulling nginx:9.99\nError response from daemon: manifest unknown\n")
    output = run_playbook(simulator, "ci_deploy.yml", {"ci_tag": "9.99"}, expect_rc=2)
    assert "Deploying nginx:9.99 on web failed" in output
    assert "manifest unknown" in output
    assert recap(output)["failed"] == 1


def test_ci_deploy_of_a_missing_application_changes_nothing(simulator):
    output = run_playbook(simulator, "ci_deploy.yml", {"ci_tag": "1.28"}, expect_rc=2)
    assert "Find the application" in output
    assert not [r for r in simulator.requests() if r["method"] == "POST"]


def test_inventory_restart_acts_on_the_applications_of_one_project(simulator, tmp_path):
    for project, name, domain in (("shop", "web", "shop.example.com"), ("shop", "api", "api.example.com"),
                                  ("blog", "web", "blog.example.com")):
        run_playbook(simulator, "app_with_domain.yml", {"app_project": project, "app_name": name, "app_domain": domain})
    source = tmp_path / "test.dokploy.yml"
    source.write_text("plugin: dokploy.dokploy.dokploy\napi_url: %s\n" % simulator.url)
    simulator.clear_requests()
    output = run_playbook(simulator, "inventory_restart.yml", {"restart_project": "shop"}, inventory=str(source))
    reloaded = [r["body"]["applicationId"] for r in posts(simulator, "application.reload")]
    assert sorted(reloaded) == sorted(applications_of(simulator, "shop")), reloaded
    assert "ok: [shop.production.api]" in output and "ok: [shop.production.web]" in output
    assert output.index("[shop.production.api]") < output.index("[shop.production.web]")  # serial: 1, sorted
    assert recap(output)["failed"] == 0 and "blog.production.web" not in output


def seed_inventory_projects(sim, tmp_path, apps):
    """Applications ``[(project, name, domain)]`` made with app_with_domain.yml; returns the inventory source."""
    for project, name, domain in apps:
        run_playbook(sim, "app_with_domain.yml", {"app_project": project, "app_name": name, "app_domain": domain})
    source = tmp_path / "test.dokploy.yml"
    source.write_text("plugin: dokploy.dokploy.dokploy\napi_url: %s\n" % sim.url)
    sim.clear_requests()
    return str(source)


def test_inventory_restart_of_a_project_whose_name_is_not_a_group_name(simulator, tmp_path):
    # The inventory's group of "nu-shop" is dokploy_project_nu_shop; the playbook derives it the same way. No
    # ansible_python_interpreter is given: the playbook runs the modules with the Python running Ansible, as
    # the hosts' ansible_connection=local would otherwise use a discovered Python that may lack requests.
    apps = [("nu-shop", "web", "nu.example.com"), ("blog", "web", "blog.example.com")]
    source = seed_inventory_projects(simulator, tmp_path, apps)
    output = run_playbook(simulator, "inventory_restart.yml", {"restart_project": "nu-shop"}, inventory=source,
                          interpreter=None)
    reloaded = [r["body"]["applicationId"] for r in posts(simulator, "application.reload")]
    assert reloaded == applications_of(simulator, "nu-shop"), tail(output)
    assert recap(output)["failed"] == 0


def test_inventory_restart_fails_when_no_application_matches(simulator, tmp_path):
    source = seed_inventory_projects(simulator, tmp_path, [("blog", "web", "blog.example.com")])
    output = run_playbook(simulator, "inventory_restart.yml", {"restart_project": "nu-shop"}, inventory=source,
                          expect_rc=2)
    assert "No application of project 'nu-shop' in the inventory" in output, tail(output)
    assert "blog" in output.split("No application of project", 1)[1]  # the projects it has
    assert not posts(simulator, "application.reload")


def applications_of(sim, project_name):
    """IDs of the applications of the projects named ``project_name``."""
    projects = set(p["projectId"] for p in rows(sim, "project") if p["name"] == project_name)
    environments = set(e["environmentId"] for e in rows(sim, "environment") if e["projectId"] in projects)
    return [a["applicationId"] for a in rows(sim, "application") if a["environmentId"] in environments]
