# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Secrets never leak: one playbook uses every module with canary values for the API key, database passwords,
the registry password, env values, build args and build secrets, and runs at ``-vvvv --diff``:

1. in check mode on an empty server (everything would be created),
2. for real, with failing tasks: a deployment that fails with a build log that prints the secrets, a 400 whose
   zod-style body echoes the request, and a 500 that echoes it as Dokploy's "Failed query ... params:" does,
3. in check mode again on the populated server, with every secret changed (updates would be made).

Each run's stdout (results, diffs, warnings, failure messages) and the registered results (written to a file by
the play) are searched for every canary. Goal: 0 hits. The figures go to tests/output/secrets.json.

Env values and build args of 1 to 3 characters (SHORT_ENV, SHORT_BUILD_ARGS) ride along in every variables option:
chosen to occur in IDs, names, appNames, URLs and dates ("2", "we" of web, "sho" of secrets-shop...), they must leave
those intact (no ``********`` in them), and no ``KEY=value`` or ``"KEY": "value"`` of theirs may be printed.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import secrets
import subprocess
import sys

import pytest

from harness import SUMMARY, playbook_environment
from simulator import Simulator

OUTPUT_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "output", "secrets")
RUNS = ("check-empty", "real-with-failures", "check-changed")
# Tasks that read what a failed build printed without carrying those secrets as options: counted apart.
EXPOSURE = "[exposure] "
TIMEOUT = int(os.environ.get("DOKPLOY_TARGET_TIMEOUT", "600"))
# Short values (1, 2 and 3 characters): too short to search for alone, they are found in ordinary output.
SHORT_ENV = {"SHORT_ONE": "2", "SHORT_TWO": "we", "SHORT_THREE": "sho"}
SHORT_BUILD_ARGS = {"SHORT_B_ONE": "1", "SHORT_B_TWO": "ec", "SHORT_B_THREE": "app"}
MASKED = ("********", "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER")
# Result keys whose values must come back as Dokploy (or the task) gave them: IDs, names, URLs, dates, images.
IDENTITY_KEYS = frozenset(("id", "name", "appName", "createdAt", "url", "api_url", "host", "dockerImage", "docker_image",
                           "environmentName", "projectName", "where"))


def canaries():
    """One distinct value per kind of secret; passwords use only the characters Dokploy allows in them."""
    token = secrets.token_hex(6)
    return {
        "api_key": "dkp-canary-apikey-%s" % token,
        "db_password": "CnryDbPw%s" % token,
        "db_password_changed": "CnryDbPwNew%s" % token,
        "db_root_password": "CnryRootPw%s" % token,
        "registry_password": "cnry-registry-pw-%s" % token,
        "registry_password_changed": "cnry-registry-pw-new-%s" % token,
        "env_value": "cnry-env-%s" % token,
        "env_value_changed": "cnry-env-new-%s" % token,
        "env_multiline": "cnry-ml-first-%s\ncnry-ml-second-%s" % (token, token),
        "env_quoted": "cnry quoted '%s' \"value\"" % token,
        "project_env": "cnry-project-env-%s" % token,
        "build_arg": "cnry-build-arg-%s" % token,
        "build_secret": "cnry-build-secret-%s" % token,
        "compose_env": "cnry-compose-env-%s" % token,
        "env_zod": "cnry-env-zod-%s" % token,
        "s3_access_key": "CNRYACCESSKEY%s" % token.upper(),
        "s3_secret_key": "cnry-s3-secret-%s" % token,
        "s3_secret_key_changed": "cnry-s3-secret-new-%s" % token,
        "basic_auth_password": "cnry-basic-auth-%s" % token,
        "basic_auth_password_changed": "cnry-basic-auth-new-%s" % token,
        "backup_db_password": "cnry-backup-db-pw-%s" % token,
        "registry_token": "cnry-registry-token-%s" % token,
        "ssh_private_key_body": "CnrySshPrivateKeyBody%s" % token,
        "stack_env": "cnry-stack-env-%s" % token,
        "stack_db_password": "CnryStackDbPw%s" % token,
        "database_env": "cnry-db-env-%s" % token,
    }


def searched_strings(values):
    """Every canary, and each line of a multi-line one (a line alone is as much a leak)."""
    found = {}
    for name, value in values.items():
        found[name] = value
        lines = value.split("\n")
        if len(lines) > 1:
            for number, line in enumerate(lines):
                found["%s (line %d)" % (name, number + 1)] = line
    return found


def module_defaults():
    return {"group/dokploy.dokploy.dokploy": {"api_url": "{{ sim_url }}", "api_key": "{{ canary.api_key }}"}}


def control(name, path, body):
    """A call to the simulator's control interface; no_log, since its body holds canaries on purpose. Skipped in
    check mode, where no write is sent for a fault to hit."""
    request = {"url": "{{ sim_url }}/__sim__/%s" % path, "method": "POST", "body_format": "json", "body": body,
               "status_code": [200]}
    return {"name": name, "ansible.builtin.uri": request,
            "no_log": True, "when": "not ansible_check_mode"}


def failing(task):
    return dict(task, ignore_errors=True)


def reading(task):
    """A read of what the play made: in check mode on an empty server it does not exist (a clean failure)."""
    return dict(task, ignore_errors="{{ ansible_check_mode }}")


def app_task(name, register, **options):
    args = {"project": "secrets-shop", "name": "web"}
    args.update(options)
    return {"name": name, "dokploy.dokploy.dokploy_application": args, "register": register}


def short(variables, kind=None):
    """``variables`` with the short values added."""
    return dict(variables, **(SHORT_BUILD_ARGS if kind == "build_args" else SHORT_ENV))


def app_secrets(suffix=""):
    """The secret options of an application task (``suffix`` "_changed": their second values)."""
    return dict(docker_image="nginx:1.27-alpine", registry_url="registry.example.com", registry_username="robot",
                registry_password="{{ canary.registry_password%s }}" % suffix,
                env=short({"API_TOKEN": "{{ canary.env_value%s }}" % suffix, "MULTI_LINE": "{{ canary.env_multiline }}",
                           "QUOTED": "{{ canary.env_quoted }}"}),
                build_args=short({"NPM_TOKEN": "{{ canary.build_arg }}"}, "build_args"),
                build_secrets={"GH_TOKEN": "{{ canary.build_secret }}"})


# What a build prints when it echoes the failing application's secrets (those its task carries, unchanged in every run).
BUILD_ECHO = ("{{ canary.env_value }} {{ canary.build_arg }} {{ canary.build_secret }} {{ canary.registry_password }} "
              "{{ canary.env_quoted }}")
# Everything: what Dokploy's "Failed query ... params:" would print after an SQL error.
SQL_ECHO = " ".join("{{ canary.%s }}" % name for name in (
    "db_password", "db_password_changed", "db_root_password", "env_value", "build_secret", "registry_password"))


def tasks(changed):
    """The play's tasks; ``changed``: the secrets of the first application and database get their second values
    (the check run on a populated server then predicts updates)."""
    suffix = "_changed" if changed else ""
    failing_app = dict(project="secrets-failing", name="failing-web", **app_secrets())
    return [
        {"name": "Project", "dokploy.dokploy.dokploy_project": {"name": "secrets-shop", "description": "canaries"},
         "register": "r_project"},
        {"name": "Project of the failing application", "dokploy.dokploy.dokploy_project": {"name": "secrets-failing"}},
        {"name": "Environment", "dokploy.dokploy.dokploy_environment": {"project": "secrets-shop", "name": "staging"},
         "register": "r_environment"},
        {"name": "Project env", "dokploy.dokploy.dokploy_env": {"project": "secrets-shop",
                                                                "env": short({"SHARED_TOKEN": "{{ canary.project_env }}"})},
         "register": "r_project_env"},
        app_task("Application with registry, env, build args and build secrets", "r_app", **app_secrets(suffix)),
        {"name": "Env of the application, key by key", "register": "r_app_env",
         "dokploy.dokploy.dokploy_env": {"project": "secrets-shop", "application": "web",
                                         "env": short({"EXTRA_TOKEN": "{{ canary.env_value%s }}" % suffix}),
                                         "build_secrets": {"SECOND_SECRET": "{{ canary.build_secret }}"}}},
        {"name": "PostgreSQL", "register": "r_postgres", "dokploy.dokploy.dokploy_database": {
            "project": "secrets-shop", "name": "pg", "type": "postgres", "database_name": "app", "database_user": "app",
            "database_password": "{{ canary.db_password%s }}" % suffix, "update_password": "always",
            "env": short({"DB_ENV_TOKEN": "{{ canary.database_env }}"})}},
        {"name": "MySQL", "register": "r_mysql", "dokploy.dokploy.dokploy_database": {
            "project": "secrets-shop", "name": "my", "type": "mysql", "database_name": "app", "database_user": "app",
            "database_password": "{{ canary.db_password }}", "database_root_password": "{{ canary.db_root_password }}"}},
        {"name": "Compose", "register": "r_compose", "dokploy.dokploy.dokploy_compose": {
            "project": "secrets-shop", "name": "stack", "compose_type": "docker-compose",
            "compose_file": "services:\n  web:\n    image: nginx\n    environment:\n      - TOKEN=${COMPOSE_TOKEN}\n",
            "env": short({"COMPOSE_TOKEN": "{{ canary.compose_env }}"})}},
        {"name": "Domain", "register": "r_domain", "dokploy.dokploy.dokploy_domain": {
            "project": "secrets-shop", "application": "web", "host": "web.example.com", "port": 80}},
        {"name": "Backup destination", "register": "r_destination", "dokploy.dokploy.dokploy_destination": {
            "name": "s3-canary", "provider": "AWS", "endpoint": "https://s3.eu-west-1.amazonaws.com",
            "region": "eu-west-1", "bucket": "canary-backups", "access_key": "{{ canary.s3_access_key }}",
            "secret_key": "{{ canary.s3_secret_key%s }}" % suffix}},
        {"name": "Backup of a database", "register": "r_backup", "dokploy.dokploy.dokploy_backup": {
            "project": "secrets-shop", "database": "pg", "database_type": "postgres", "destination": "s3-canary",
            "database_name": "app", "prefix": "shop/pg", "cron_expression": "0 2 * * *", "keep_latest": 7}},
        {"name": "Backup of a database in the compose stack", "register": "r_compose_backup",
         "dokploy.dokploy.dokploy_backup": {
             "project": "secrets-shop", "compose": "stack", "service_name": "db", "database_type": "mariadb",
             "database_name": "app", "database_user": "app", "database_password": "{{ canary.backup_db_password }}",
             "destination": "s3-canary", "prefix": "shop/stack", "cron_expression": "30 2 * * *"}},
        {"name": "Basic auth", "register": "r_basic_auth", "dokploy.dokploy.dokploy_basic_auth": {
            "project": "secrets-shop", "application": "web", "username": "admin",
            "password": "{{ canary.basic_auth_password%s }}" % suffix}},
        {"name": "Mount", "register": "r_mount", "dokploy.dokploy.dokploy_mount": {
            "project": "secrets-shop", "application": "web", "type": "volume", "volume_name": "web-data",
            "mount_path": "/data"}},
        {"name": "Port", "register": "r_port", "dokploy.dokploy.dokploy_port": {
            "project": "secrets-shop", "application": "web", "published_port": 8080, "target_port": 80}},
        {"name": "Redirect", "register": "r_redirect", "dokploy.dokploy.dokploy_redirect": {
            "project": "secrets-shop", "application": "web", "regex": "^/old/(.*)", "replacement": "/new/${1}"}},
        {"name": "Schedule", "register": "r_schedule", "dokploy.dokploy.dokploy_schedule": {
            "project": "secrets-shop", "application": "web", "name": "nightly", "command": "echo nightly",
            "cron_expression": "0 3 * * *"}},
        {"name": "Volume backup", "register": "r_volume_backup", "dokploy.dokploy.dokploy_volume_backup": {
            "project": "secrets-shop", "application": "web", "name": "data", "volume_name": "web-data",
            "destination": "s3-canary", "prefix": "shop/data", "cron_expression": "0 1 * * *"}},
        {"name": "Registry", "register": "r_registry", "dokploy.dokploy.dokploy_registry": {
            "name": "ghcr-canary", "url": "ghcr.io", "username": "acme-bot", "password": "{{ canary.registry_token }}"}},
        {"name": "SSH key", "register": "r_ssh_key", "dokploy.dokploy.dokploy_ssh_key": {
            "name": "servers-canary", "public_key": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAISecretsSuite deploy@example",
            "private_key": "-----BEGIN OPENSSH PRIVATE KEY-----\n{{ canary.ssh_private_key_body }}\n"
                           "-----END OPENSSH PRIVATE KEY-----\n"}},
        {"name": "Server", "register": "r_server", "dokploy.dokploy.dokploy_server": {
            "name": "edge-canary", "ip_address": "203.0.113.10", "username": "root", "ssh_key": "servers-canary"}},
        {"name": "Whole project", "register": "r_stack", "dokploy.dokploy.dokploy_stack": {
            "project": "secrets-stack", "env": short({"STACK_TOKEN": "{{ canary.stack_env }}"}), "environments": {
                "production": {"databases": {"db": {"type": "postgres", "database_name": "app", "database_user": "app",
                                                    "database_password": "{{ canary.stack_db_password }}"}},
                               "applications": {"api": {"docker_image": "nginx:1.27-alpine",
                                                        "env": short({"API_TOKEN": "{{ canary.stack_env }}"}),
                                                        "build_args": short({}, "build_args")}}}}}},
        reading({"name": "Whole project, exported", "register": "r_stack_info",
                 "dokploy.dokploy.dokploy_stack_info": {"project": "secrets-stack"}}),
        app_task("Deploy", "r_deploy", state="deployed", poll_interval=0.2),
        reading({"name": "Deployments", "register": "r_deployments", "dokploy.dokploy.dokploy_deployment_info": {
            "project": "secrets-shop", "application": "web"}}),
        reading({"name": "Deployment log", "register": "r_deployment_log",
                 "when": "r_deployments.deployments | default([]) | length > 0",
                 "dokploy.dokploy.dokploy_deployment_info": {
                     "project": "secrets-shop", "application": "web",
                     "deployment_id": "{{ r_deployments.deployments[0].deploymentId }}"}}),
        reading({"name": "Projects", "register": "r_project_info",
                 "dokploy.dokploy.dokploy_project_info": {"name": "secrets-shop"}}),
        reading({"name": "Applications", "register": "r_application_info",
                 "dokploy.dokploy.dokploy_application_info": {"project": "secrets-shop"}}),
        reading({"name": "Compose services", "register": "r_compose_info",
                 "dokploy.dokploy.dokploy_compose_info": {"project": "secrets-shop"}}),
        reading({"name": "Databases", "register": "r_database_info",
                 "dokploy.dokploy.dokploy_database_info": {"project": "secrets-shop"}}),
        reading({"name": "Backups", "register": "r_backup_info",
                 "dokploy.dokploy.dokploy_backup_info": {"project": "secrets-shop", "compose": "stack"}}),
        # -- failures -------------------------------------------------------------------------------------------------
        control("Next deployment of failing-web fails, its build log printing the secrets", "deploy", {
            "service": "failing-web", "outcome": "error", "times": 1, "message": "build failed: %s" % BUILD_ECHO,
            "log": "Step 3/9 : RUN echo %s\n{{ canary.env_multiline }}\nerror: exit code 1" % BUILD_ECHO}),
        failing({"name": "Deploy that fails", "register": "r_deploy_failed",
                 "dokploy.dokploy.dokploy_application": dict(failing_app, state="deployed", force_deploy=True,
                                                             poll_interval=0.2)}),
        control("saveEnvironment answers a zod error that echoes the env it was sent", "faults", {
            "procedure": "application.saveEnvironment", "times": 1, "status": 400, "body": {
                "message": "[{\"code\": \"custom\", \"path\": [\"env\"], \"message\": \"Invalid env "
                           "{{ canary.env_value }} {{ canary.env_zod }}\"}]",
                "code": "BAD_REQUEST", "data": {"code": "BAD_REQUEST", "httpStatus": 400, "path": "application.saveEnvironment",
                                                "zodError": {"formErrors": [], "fieldErrors": {"env": [
                                                    "Invalid line {{ canary.env_multiline }} {{ canary.env_zod }}"]}}}}}),
        failing({"name": "Env change refused with a zod error", "register": "r_zod_failed",
                 "dokploy.dokploy.dokploy_application": dict(
                     failing_app, env=dict(failing_app["env"], ZOD_TOKEN="{{ canary.env_zod }}"))}),
        control("postgres.update answers a failed query that echoes its parameters", "faults", {
            "procedure": "postgres.update", "times": 1, "status": 500, "body": {
                "message": "Failed query: update \"postgres\" set \"databasePassword\" = $1\nparams: %s" % SQL_ECHO,
                "code": "INTERNAL_SERVER_ERROR"}}),
        failing({"name": "Password change refused with a failed query", "register": "r_sql_failed",
                 "dokploy.dokploy.dokploy_database": {
                     "project": "secrets-shop", "name": "pg", "type": "postgres", "update_password": "always",
                     "database_password": "{{ canary.db_password }}Sql"}}),
        # -- exposure: reads that do not carry the secrets the failed build printed (counted apart) ------------------
        reading({"name": EXPOSURE + "log of the failed deployment", "register": "r_exposure_deployments",
                 "dokploy.dokploy.dokploy_deployment_info": {"project": "secrets-failing", "application": "failing-web"}}),
        reading({"name": EXPOSURE + "applications of the failing project", "register": "r_exposure_applications",
                 "dokploy.dokploy.dokploy_application_info": {"project": "secrets-failing"}}),
        {"name": "Clear the faults", "ansible.builtin.uri": {"url": "{{ sim_url }}/__sim__/faults", "method": "DELETE"},
         "when": "not ansible_check_mode"},
        {"name": "Registered results", "no_log": True, "check_mode": False, "ansible.builtin.copy": {
            "dest": "{{ results_file }}", "mode": "0600",
            "content": "{{ {'main': {'project': r_project, 'environment': r_environment, 'project_env': r_project_env, "
                       "'app': r_app, 'app_env': r_app_env, 'postgres': r_postgres, 'mysql': r_mysql, "
                       "'compose': r_compose, 'domain': r_domain, 'deploy': r_deploy, 'deployments': r_deployments, "
                       "'deployment_log': r_deployment_log | default({}), 'project_info': r_project_info, "
                       "'application_info': r_application_info, 'compose_info': r_compose_info, "
                       "'database_info': r_database_info, 'deploy_failed': r_deploy_failed, "
                       "'destination': r_destination, 'backup': r_backup, 'compose_backup': r_compose_backup, "
                       "'basic_auth': r_basic_auth, 'mount': r_mount, 'port': r_port, 'redirect': r_redirect, "
                       "'schedule': r_schedule, 'backup_info': r_backup_info, "
                       "'volume_backup': r_volume_backup, 'registry': r_registry, 'ssh_key': r_ssh_key, "
                       "'server': r_server, 'stack': r_stack, 'stack_info': r_stack_info, "
                       "'zod_failed': r_zod_failed, 'sql_failed': r_sql_failed}, "
                       "'exposure': {'deployments': r_exposure_deployments, 'applications': r_exposure_applications}} "
                       "| to_nice_json }}"}},
    ]


def write_play(directory, run, values, sim):
    vars_file = os.path.join(directory, "canaries.json")
    with open(vars_file, "w") as f:
        json.dump({"canary": values}, f)
    play = [{
        "name": "Every module with canary secrets (%s)" % run,
        "hosts": "localhost", "connection": "local", "gather_facts": False,
        "vars_files": [vars_file],
        "vars": {"ansible_python_interpreter": sys.executable, "sim_url": sim.url,
                 "results_file": os.path.join(directory, "%s.results.json" % run)},
        "module_defaults": module_defaults(),
        "tasks": tasks(changed=(run == "check-changed")),
    }]
    path = os.path.join(directory, "%s.yml" % run)
    with open(path, "w") as f:
        json.dump(play, f, indent=1)
    return path


def run_playbook(sim, playbook, check):
    home = os.path.join(OUTPUT_DIR, "home")
    if not os.path.isdir(home):
        os.makedirs(home)
    command = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), playbook, "-i", "localhost,",
               "--diff", "-vvvv"] + (["--check"] if check else [])
    return subprocess.run(command, env=playbook_environment(sim, home), stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True, timeout=TIMEOUT, check=False)


def hits(text, strings):
    return dict((name, text.count(value)) for name, value in strings.items() if value and value in text)


def short_pairs():
    """How a short value would show when printed with its key: ``KEY=value`` (dotenv) or ``"KEY": "value"`` (JSON)."""
    found = {}
    for key, value in list(SHORT_ENV.items()) + list(SHORT_BUILD_ARGS.items()):
        found["%s (dotenv)" % key] = "%s=%s" % (key, value)
        found["%s (json)" % key] = '"%s": "%s"' % (key, value)
    return found


def identity_values(obj, where=""):
    """``[(where, value)]`` of every ID, name, appName, URL, date or image string in ``obj`` (registered results),
    and of the service IDs dokploy_stack returns under ``services``."""
    found = []
    if isinstance(obj, dict):
        for key, value in obj.items():
            here = "%s.%s" % (where, key) if where else str(key)
            if isinstance(value, str) and (key in IDENTITY_KEYS or key.endswith("Id")):
                found.append((here, value))
            elif key == "services" and isinstance(value, dict):
                found.extend(leaves(value, here))
            else:
                found.extend(identity_values(value, here))
    elif isinstance(obj, list):
        for index, item in enumerate(obj):
            found.extend(identity_values(item, "%s[%d]" % (where, index)))
    return found


def leaves(obj, where):
    if isinstance(obj, dict):
        return [found for key, value in obj.items() for found in leaves(value, "%s.%s" % (where, key))]
    return [(where, obj)] if isinstance(obj, str) else []


def short_value_figures(outcome):
    """What the short values did in one run: identity values checked and masked, ``KEY=value`` pairs printed."""
    checked = identity_values(outcome["results"])
    masked = [(where, value) for where, value in checked if any(mask in value for mask in MASKED)]
    pairs = short_pairs()
    printed = {"stdout": hits(outcome["output"], pairs), "registered results": hits(json.dumps(outcome["results"]), pairs)}
    return checked, masked, printed


def split_output(output):
    """(main, exposure): the playbook output without and with the sections of the EXPOSURE tasks."""
    main, exposure, current = [], [], None
    for line in output.splitlines(True):
        if line.startswith("TASK [") or line.startswith("PLAY RECAP"):
            current = exposure if line.startswith("TASK [" + EXPOSURE) else main
        (current if current is not None else main).append(line)
    return "".join(main), "".join(exposure)


@pytest.fixture(scope="module")
def leak_runs():
    """The three runs against one simulator: ``{run: {"output", "exposure_output", "results", "exposure_results", "rc"}}``."""
    values = canaries()
    if not os.path.isdir(OUTPUT_DIR):
        os.makedirs(OUTPUT_DIR)
    runs = {}
    with Simulator(api_key=values["api_key"]) as sim:
        for run in RUNS:
            # Rules and faults a check run set but did not use (it sends no write) must not hit the next run.
            sim.control("deploy", method="DELETE")
            sim.clear_faults()
            sim.control("deploy", {"deploy_duration": 0.3, "deploy_pickup": 0.05, "db_deploy_duration": 0.05},
                        method="POST")
            playbook = write_play(OUTPUT_DIR, run, values, sim)
            results_file = os.path.join(OUTPUT_DIR, "%s.results.json" % run)
            if os.path.exists(results_file):
                os.remove(results_file)
            proc = run_playbook(sim, playbook, check=run.startswith("check"))
            with open(os.path.join(OUTPUT_DIR, "%s.log" % run), "w") as f:
                f.write(proc.stdout)
            results = {"main": {}, "exposure": {}}
            if os.path.exists(results_file):
                with open(results_file) as f:
                    results = json.load(f)
            output, exposure_output = split_output(proc.stdout)
            runs[run] = {"output": output, "exposure_output": exposure_output, "rc": proc.returncode,
                         "results": results["main"], "exposure_results": results["exposure"]}
    return values, runs


@pytest.mark.parametrize("run", RUNS)
def test_playbook_ran_through(leak_runs, run):
    runs = leak_runs[1]
    outcome = runs[run]
    log = os.path.relpath(os.path.join(OUTPUT_DIR, "%s.log" % run))
    assert outcome["rc"] == 0, "ansible-playbook %s failed (rc=%s), see %s" % (run, outcome["rc"], log)
    assert outcome["results"], "no registered results written (%s)" % log
    assert "Traceback" not in outcome["output"] + outcome["exposure_output"], log
    if run == "real-with-failures":
        results = outcome["results"]
        for failed in ("deploy_failed", "zod_failed", "sql_failed"):
            assert results[failed].get("failed"), (failed, results[failed])
        assert "ended with status 'error'" in results["deploy_failed"]["msg"], results["deploy_failed"]["msg"]
        assert "Invalid" in results["zod_failed"]["msg"], results["zod_failed"]["msg"]
        assert "params: (hidden)" in results["sql_failed"]["msg"], results["sql_failed"]["msg"]
        assert results["deploy"].get("changed"), results["deploy"]


@pytest.mark.parametrize("run", RUNS)
def test_no_canary_in_output_or_results(leak_runs, run):
    values, runs = leak_runs
    strings = searched_strings(values)
    found = {"stdout": hits(runs[run]["output"], strings),
             "registered results": hits(json.dumps(runs[run]["results"]), strings)}
    assert not found["stdout"] and not found["registered results"], "canaries found in run %s: %s (see %s)" % (
        run, found, os.path.relpath(os.path.join(OUTPUT_DIR, "%s.log" % run)))


@pytest.mark.parametrize("run", RUNS)
def test_short_values_leave_ids_names_urls_and_dates_intact(leak_runs, run):
    checked, masked, printed = short_value_figures(leak_runs[1][run])
    assert len(checked) >= 40, checked   # the walk found what it checks (check-empty: only what would be created)
    assert not masked, "short env values masked these: %s" % masked[:20]


@pytest.mark.parametrize("run", RUNS)
def test_short_values_are_never_printed_with_their_keys(leak_runs, run):
    outcome = leak_runs[1][run]
    checked, masked, printed = short_value_figures(outcome)
    assert not printed["stdout"] and not printed["registered results"], printed
    # -vvvv prints each task's invocation (not registered): the keys are there, their values masked
    for key in list(SHORT_ENV) + list(SHORT_BUILD_ARGS):
        assert '"%s": "********"' % key in outcome["output"], key


def test_figures(leak_runs):
    values, runs = leak_runs
    strings = searched_strings(values)
    table = {}
    for run in RUNS:
        outcome = runs[run]
        table[run] = {"rc": outcome["rc"], "stdout_bytes": len(outcome["output"]),
                      "stdout_hits": hits(outcome["output"], strings),
                      "results_hits": hits(json.dumps(outcome["results"]), strings),
                      "exposure_hits": hits(outcome["exposure_output"] + json.dumps(outcome["exposure_results"]), strings)}
        checked, masked, printed = short_value_figures(outcome)
        table[run]["short"] = {"identity_values_checked": len(checked), "identity_values_masked": len(masked),
                               "printed_with_key": printed}
    total = sum(sum(row["stdout_hits"].values()) + sum(row["results_hits"].values()) for row in table.values())
    exposure = sum(sum(row["exposure_hits"].values()) for row in table.values())
    short_checked = sum(row["short"]["identity_values_checked"] for row in table.values())
    short_masked = sum(row["short"]["identity_values_masked"] for row in table.values())
    short_printed = sum(sum(hits_found.values()) for row in table.values()
                        for hits_found in row["short"]["printed_with_key"].values())
    short_values = dict(SHORT_ENV, **SHORT_BUILD_ARGS)
    with open(os.path.join(OUTPUT_DIR, "..", "secrets.json"), "w") as f:
        json.dump({"canaries": sorted(strings), "runs": table, "hits": total, "exposure_hits": exposure,
                   "short_canaries": short_values, "short_identity_values_checked": short_checked,
                   "short_identity_values_masked": short_masked, "short_printed_with_key": short_printed}, f, indent=2,
                  sort_keys=True)
    SUMMARY["secrets"] = [
        "secrets: %d canaries searched in %d playbook runs at -vvvv --diff (check on an empty server, real with failing "
        "tasks, check with changed secrets): %d hits" % (len(strings), len(RUNS), total),
        "secrets: a failed build's log read back by tasks that do not carry the secrets it printed: %d hits "
        "(%s; Dokploy shows that log as is)" % (exposure, "[exposure] tasks"),
        "secrets: %d short env values and build args (%s characters): %d IDs, names, appNames, URLs and dates checked "
        "in the registered results, %d masked; %d printed with their key" % (
            len(short_values), ", ".join(str(n) for n in sorted(set(len(v) for v in short_values.values()))),
            short_checked, short_masked, short_printed)]
    assert total == 0 and short_masked == 0 and short_printed == 0
