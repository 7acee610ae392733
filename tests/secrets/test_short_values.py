# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Short env values (1 to 3 characters) leave the output intact, and env values are still never printed.

A user on a real Dokploy set ``env: {GREETING: git, REPLICA_COUNT: "2"}`` and got ``name=nu-********``,
``url=http://1********7.0.0.1:8090/...`` and a creation date full of ``********``: Ansible masks every occurrence of a
no_log value anywhere in the output. The variables options are no longer no_log; the collection masks their values
itself (results, diffs, the invocation, the target's log) and masks a value of 8 characters or more wherever it
appears (secrets.MIN_HARVESTED_LENGTH). The modules run in this process against the simulator (tests/badinput).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from harness import run_module
from simulator import Simulator

from ansible.module_utils import basic

MASK = "********"
HIDDEN = "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"
API_KEY = "dkp-canary-short-" + "k" * 20
# Values found in names, IDs, URLs, dates and images: "2" (2026, nginx:1.27), "we" (nu-web), "git", "1" (127.0.0.1).
SHORT_ENV = {"REPLICA_COUNT": "2", "TWO": "we", "GREETING": "git"}
SHORT_BUILD_ARGS = {"ONE": "1", "NG": "ng", "APP": "app"}
LONG = "cnry-long-env-value-0123"


@pytest.fixture
def sim():
    with Simulator(api_key=API_KEY) as server:
        yield server


def connection(sim):
    return {"api_url": sim.url, "api_key": sim.api_key}


def run(name, sim, args, **kwargs):
    outcome = run_module(name, dict(connection(sim), **args), **kwargs)
    assert not outcome.shows_traceback, outcome.stdout + (outcome.traceback or "")
    return outcome


def intact(value, what):
    assert isinstance(value, str) and value, (what, value)
    assert MASK not in value and HIDDEN not in value, "%s was masked: %r" % (what, value)


def shown_invocation(outcome, sim, **variables):
    """The result's invocation shows the connection and the names as given, the variables' keys with masked values."""
    args = outcome.result["invocation"]["module_args"]
    assert args["api_url"] == sim.url and args["api_key"] == HIDDEN
    for option, given in variables.items():
        assert args[option] == dict((key, MASK) for key in given), (option, args[option])
    return args


def test_application_with_short_env_and_build_args_keeps_its_result_intact(sim):
    assert run("dokploy_project", sim, {"name": "nu"}).result["changed"]
    created = run("dokploy_application", sim, {
        "project": "nu", "name": "nu-web", "docker_image": "nginx:1.27", "env": SHORT_ENV,
        "build_args": SHORT_BUILD_ARGS}, diff=True)
    assert created.result["changed"] and not created.failed, created.result
    app = created.result["application"]
    for field in ("applicationId", "name", "appName", "createdAt", "environmentId", "dockerImage"):
        intact(app[field], field)
    assert app["name"] == "nu-web" and app["dockerImage"] == "nginx:1.27"
    assert app["env"] == MASK and app["buildArgs"] == MASK
    args = shown_invocation(created, sim, env=SHORT_ENV, build_args=SHORT_BUILD_ARGS)
    assert args["name"] == "nu-web" and args["docker_image"] == "nginx:1.27"
    assert created.result["diff"]["after"]["env"] == dict((key, MASK) for key in SHORT_ENV)
    assert "GREETING=git" not in created.stdout and "REPLICA_COUNT=2" not in created.stdout


def test_application_env_diff_names_the_changed_keys(sim):
    run("dokploy_project", sim, {"name": "nu"})
    base = {"project": "nu", "name": "nu-web", "docker_image": "nginx:1.27"}
    run("dokploy_application", sim, dict(base, env=SHORT_ENV))
    changed = run("dokploy_application", sim, dict(base, env={"REPLICA_COUNT": "3", "GREETING": "git", "NEW": "x"}),
                  diff=True)
    assert changed.result["changed"]
    assert changed.result["diff"] == {
        "before": {"env": {"REPLICA_COUNT": MASK, "TWO": MASK}},
        "after": {"env": {"REPLICA_COUNT": MASK + " (changed)", "NEW": MASK}}}
    again = run("dokploy_application", sim, dict(base, env={"REPLICA_COUNT": "3", "GREETING": "git", "NEW": "x"}))
    assert not again.result["changed"]


@pytest.mark.parametrize("module, args, id_field", [
    ("dokploy_compose", {"name": "nu-web", "compose_file": "services:\n  web:\n    image: nginx:1.27\n"}, "composeId"),
    ("dokploy_database", {"name": "nu-web", "type": "redis", "database_password": "cnry-redis-password-01"}, "redisId"),
])
def test_compose_and_database_with_short_env_keep_their_result_intact(sim, module, args, id_field):
    run("dokploy_project", sim, {"name": "nu"})
    outcome = run(module, sim, dict(args, project="nu", env=SHORT_ENV))
    assert outcome.result["changed"] and not outcome.failed, outcome.result
    obj = outcome.result["compose" if module == "dokploy_compose" else "database"]
    for field in (id_field, "name", "appName", "createdAt"):
        intact(obj[field], field)
    assert obj["env"] == MASK
    shown_invocation(outcome, sim, env=SHORT_ENV)


def test_dokploy_env_with_short_values_keeps_names_intact(sim):
    run("dokploy_project", sim, {"name": "nu-web"})
    outcome = run("dokploy_env", sim, {"project": "nu-web", "env": SHORT_ENV}, diff=True)
    target = outcome.result["target"]
    assert outcome.result["changed"] and target["name"] == "nu-web"
    intact(target["id"], "id")
    assert target["names"] == {"env": list(SHORT_ENV)}
    assert outcome.result["diff"]["after"] == {"env": dict((key, MASK) for key in SHORT_ENV)}
    shown_invocation(outcome, sim, env=SHORT_ENV)
    absent = run("dokploy_env", sim, {"project": "nu-web", "env": ["TWO"], "state": "absent"})
    assert absent.result["changes"]["env"]["removed"] == ["TWO"]
    assert absent.result["invocation"]["module_args"]["env"] == {"TWO": None}   # key names are not secrets


def test_stack_with_short_env_keeps_ids_and_hides_the_declaration_values(sim):
    declaration = {"project": "nu", "env": {"SHARED": "we"}, "environments": {"production": {
        "env": {"STAGE": "2"},
        "applications": {"nu-web": {"docker_image": "nginx:1.27", "env": SHORT_ENV, "build_args": SHORT_BUILD_ARGS}},
        "databases": {"cache": {"type": "redis", "database_password": "ab1", "env": {"TZ": "git"}}}}}}
    outcome = run("dokploy_stack", sim, declaration)
    assert outcome.result["changed"] and not outcome.failed, outcome.result
    production = outcome.result["services"]["production"]
    intact(production["applications"]["nu-web"], "application ID")
    intact(production["databases"]["cache"], "database ID")
    assert [a["name"] for a in outcome.result["actions"] if a["kind"] == "application"] == ["nu-web"]
    args = outcome.result["invocation"]["module_args"]
    assert args["env"] == {"SHARED": MASK}
    shown = args["environments"]["production"]
    assert shown["env"] == {"STAGE": MASK}
    assert shown["applications"]["nu-web"] == {"docker_image": "nginx:1.27", "env": dict((k, MASK) for k in SHORT_ENV),
                                               "build_args": dict((k, MASK) for k in SHORT_BUILD_ARGS)}
    assert shown["databases"]["cache"] == {"type": "redis", "database_password": HIDDEN, "env": {"TZ": MASK}}


def test_long_env_value_is_masked_wherever_it_appears(sim):
    """A value of 8 characters or more is still masked in any text, here an error that echoes the env sent."""
    run("dokploy_project", sim, {"name": "nu"})
    sim.add_fault("application.saveEnvironment", status=400, body={
        "message": "Invalid env TOKEN=%s, REPLICA_COUNT=2" % LONG, "code": "BAD_REQUEST"})
    outcome = run("dokploy_application", sim, {"project": "nu", "name": "nu-web", "docker_image": "nginx:1.27",
                                               "env": dict(SHORT_ENV, TOKEN=LONG)})
    assert outcome.failed and "Invalid env" in outcome.msg, outcome.result
    assert LONG not in outcome.stdout + outcome.stderr
    assert "REPLICA_COUNT=2" in outcome.msg   # a short value masks nothing: the message stays readable


def test_target_log_shows_no_env_value(sim, monkeypatch):
    """AnsibleModule logs its parameters on the target (syslog or journal): env values are masked there too."""
    logged = []
    monkeypatch.setattr(basic.AnsibleModule, "log", lambda self, msg, log_args=None: logged.append((msg, log_args)))
    run("dokploy_project", sim, {"name": "nu"})
    logged[:] = []
    run("dokploy_application", sim, {"project": "nu", "name": "nu-web", "docker_image": "nginx:1.27",
                                     "env": dict(SHORT_ENV, TOKEN=LONG)})
    invoked = [entry for entry in logged if entry[0].startswith("Invoked with")]
    assert invoked, logged
    text = json.dumps([str(entry) for entry in invoked])
    assert LONG not in text and "'git'" not in text and "GREETING" in text and "nu-web" in text
