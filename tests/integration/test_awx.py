# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A playbook of the collection run the way AWX runs a job, without an AWX server.

AWX hands a job to ansible-runner on an execution node: a private data directory with the project's
playbook, the collections of the project's requirements installed into a private collections path,
the job's credentials applied through their injectors (environment variables here), an inventory,
and then reads the job's events back. This test does the same with ansible-runner's Python API:

* the collection is built (``ansible-galaxy collection build``) and installed from the tarball
  (``ansible-galaxy collection install -p``), so the job sees what Galaxy users get, not the work tree;
* the credential type of ``extensions/awx/credential_type.yml`` is rendered as AWX renders
  injectors (a sandboxed Jinja environment over the credential's inputs);
* the job's inventory is a ``*.dokploy.yml`` file of the ``dokploy.dokploy.dokploy`` plugin, or the
  result of an inventory sync (``ansible-inventory --list``, as AWX's inventory update runs it);
* the job's events are checked: per-task ``changed``/``failed`` and results, the play recap.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import subprocess
import sys

import pytest
import yaml

ansible_runner = pytest.importorskip("ansible_runner", reason="ansible-runner is in tests/requirements-main.txt")

TESTS_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
REPO_ROOT = os.path.dirname(TESTS_DIR)
CREDENTIAL_TYPE = os.path.join(REPO_ROOT, "extensions", "awx", "credential_type.yml")
BIN_DIR = os.path.dirname(sys.executable)

PROJECT = "awx-shop"
PLAYBOOK = """\
---
- name: AWX job on the Dokploy host from the inventory plugin
  hosts: dokploy_servers
  connection: local
  gather_facts: false
  tasks:
    - name: Project
      dokploy.dokploy.dokploy_project:
        name: %(project)s
        description: Made by an AWX job
      register: awx_project

    - name: Staging environment
      dokploy.dokploy.dokploy_environment:
        project: %(project)s
        name: staging
        description: Pre-release checks
""" % {"project": PROJECT}


def galaxy(args, env):
    result = subprocess.run([os.path.join(BIN_DIR, "ansible-galaxy"), "collection"] + args,
                            env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, "ansible-galaxy collection %s failed:\n%s%s" % (
        " ".join(args), result.stdout, result.stderr)


def install_collection(dest):
    """Build the collection's tarball and install it into ``dest`` (a private collections path).

    Returns ``(tarball, collections_path)``. HOME is pointed inside ``dest`` so no user cache is used.
    """
    build_dir = os.path.join(dest, "build")
    collections_dir = os.path.join(dest, "requirements_collections")  # AWX's name for it
    home = os.path.join(dest, "home")
    os.makedirs(home)
    env = dict(os.environ, HOME=home, ANSIBLE_HOME=os.path.join(home, ".ansible"))
    galaxy(["build", "--output-path", build_dir, REPO_ROOT], env)
    tarballs = [name for name in os.listdir(build_dir) if name.endswith(".tar.gz")]
    assert len(tarballs) == 1, tarballs
    tarball = os.path.join(build_dir, tarballs[0])
    # --no-deps: galaxy.yml's community.docker (for the install role) cannot come from Galaxy offline; the job
    # runs modules only
    galaxy(["install", "--offline", "--no-deps", "-p", collections_dir, tarball], env)
    assert os.path.isfile(os.path.join(collections_dir, "ansible_collections", "dokploy", "dokploy", "MANIFEST.json"))
    return tarball, collections_dir


@pytest.fixture(autouse=True)
def ansible_on_path(monkeypatch):
    """ansible-runner looks its commands up on PATH (of this process, not of the job)."""
    monkeypatch.setenv("PATH", BIN_DIR + os.pathsep + os.environ.get("PATH", ""))


@pytest.fixture(scope="module")
def collections_dir(tmp_path_factory):
    return install_collection(str(tmp_path_factory.mktemp("awx-collection")))[1]


def credential_type():
    with open(CREDENTIAL_TYPE) as f:
        return yaml.safe_load(f)


def injected_env(inputs):
    """The environment AWX gives a job that has a Dokploy credential with these inputs.

    AWX renders each injector with a sandboxed Jinja environment over the credential's inputs,
    after checking the required ones; a boolean input left unset is absent from the inputs.
    """
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    definition = credential_type()
    missing = [name for name in definition["inputs"].get("required", []) if not inputs.get(name)]
    assert not missing, "required credential inputs missing: %s" % missing
    sandbox = ImmutableSandboxedEnvironment()
    return dict((name, sandbox.from_string(template).render(**inputs))
                for name, template in definition["injectors"]["env"].items())


def job_environment(collections_path, credential_env, home):
    """Environment of the job: AWX's private collections path, the credential, nothing of the user."""
    env = {
        "PATH": BIN_DIR + os.pathsep + os.environ.get("PATH", ""),
        "HOME": home,
        "ANSIBLE_HOME": os.path.join(home, ".ansible"),
        "ANSIBLE_LOCAL_TEMP": os.path.join(home, ".ansible", "tmp"),
        "ANSIBLE_COLLECTIONS_PATH": collections_path,
        "ANSIBLE_COLLECTIONS_SCAN_SYS_PATH": "false",
        "ANSIBLE_CONFIG": os.path.join(home, "ansible.cfg"),
        "ANSIBLE_INVENTORY_ENABLED": "dokploy.dokploy.dokploy,yaml",
        # An inventory that cannot be read must fail the job, not turn it into "no hosts matched".
        "ANSIBLE_INVENTORY_UNPARSED_FAILED": "true",
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_RETRY_FILES_ENABLED": "false",
    }
    env.update(credential_env)
    return env


def private_data_dir(tmp_path):
    """An AWX-like private data directory: project/ with the playbook, an empty ansible.cfg in home/."""
    root = tmp_path / "job"
    (root / "project").mkdir(parents=True)
    (root / "inventory").mkdir()
    (root / "home").mkdir()
    (root / "home" / "ansible.cfg").write_text("[defaults]\n")
    (root / "project" / "awx_job.yml").write_text(PLAYBOOK)
    (root / "inventory" / "awx.dokploy.yml").write_text("plugin: dokploy.dokploy.dokploy\n")
    return root


def run_job(root, env, inventory, ident):
    runner = ansible_runner.run(
        private_data_dir=str(root),
        playbook="awx_job.yml",
        inventory=str(inventory),
        envvars=env,
        # Interpreter discovery would pick a broken pyenv shim on this machine.
        extravars={"ansible_python_interpreter": sys.executable},
        ident=ident,
        quiet=True,
        settings={"suppress_ansible_output": True},
    )
    events = list(runner.events)
    with open(os.path.join(str(root), "artifacts", ident, "stdout")) as f:
        stdout = f.read()
    return runner, events, stdout


def task_results(events):
    """{task name: (event name, changed, result)} of the runner_on_* events of the job."""
    results = {}
    for event in events:
        if event.get("event", "").startswith("runner_on_"):
            data = event["event_data"]
            results[data["task"]] = (event["event"], data.get("res", {}).get("changed"), data.get("res", {}))
    return results


def stats(events):
    return [event["event_data"] for event in events if event.get("event") == "playbook_on_stats"][-1]


def good_credential(sim):
    return injected_env({"url": sim.url, "api_key": sim.api_key, "validate_certs": True})


def test_credential_type_shape():
    definition = credential_type()
    fields = dict((field["id"], field) for field in definition["inputs"]["fields"])
    assert set(fields) == {"url", "api_key", "validate_certs"}
    assert fields["api_key"].get("secret") is True
    assert fields["validate_certs"]["type"] == "boolean"
    assert set(definition["injectors"]["env"]) == {"DOKPLOY_API_URL", "DOKPLOY_API_KEY", "DOKPLOY_VALIDATE_CERTS"}
    # A credential saved without touching the checkbox still verifies TLS.
    assert injected_env({"url": "https://d.example", "api_key": "k"})["DOKPLOY_VALIDATE_CERTS"] == "True"


def test_job_converges_then_changes_nothing(simulator, collections_dir, tmp_path):
    root = private_data_dir(tmp_path)
    env = job_environment(collections_dir, good_credential(simulator), str(root / "home"))
    inventory = root / "inventory" / "awx.dokploy.yml"

    runner, events, stdout = run_job(root, env, inventory, "first")
    assert runner.status == "successful", stdout
    results = task_results(events)
    assert results["Project"][:2] == ("runner_on_ok", True), results["Project"]
    assert results["Project"][2]["project"]["name"] == PROJECT
    assert results["Staging environment"][:2] == ("runner_on_ok", True), results["Staging environment"]
    assert results["Staging environment"][2]["environment"]["name"] == "staging"
    recap = stats(events)
    assert recap["changed"] == {"dokploy": 2}, recap  # the host comes from the inventory plugin
    assert not recap["failures"], recap
    projects = [p for p in simulator.state["project"].values() if p["name"] == PROJECT]
    assert len(projects) == 1

    runner, events, stdout = run_job(root, env, inventory, "second")
    assert runner.status == "successful", stdout
    results = task_results(events)
    assert set(results) == {"Project", "Staging environment"}
    for task, (event, changed, result) in results.items():
        assert (event, changed) == ("runner_on_ok", False), (task, result)
    recap = stats(events)
    assert not recap["changed"] and recap["ok"] == {"dokploy": 2}, recap


def assert_key_nowhere(key, root, events, stdout):
    """The key is in no event (all fields) and in no output file of the job."""
    assert key not in json.dumps(events)
    assert key not in stdout
    artifacts = os.path.join(str(root), "artifacts")
    for directory, _subdirs, files in os.walk(artifacts):
        for name in files:
            # `command` is ansible-runner's record of how it started the job, with its environment (the
            # credential is there as in env/envvars, which AWX writes for the job): input, not output.
            if name == "command":
                continue
            with open(os.path.join(directory, name), errors="replace") as f:
                assert key not in f.read(), os.path.join(directory, name)


WRONG_KEY = "dkp-wrong-canary-0b1f6c2e9d"
UNAUTHORIZED = "Dokploy rejected the API key (HTTP 401 Unauthorized)"


def test_wrong_key_fails_the_inventory_clearly_and_never_shows_the_key(simulator, collections_dir, tmp_path):
    """The credential's key is wrong: the job's plugin inventory fails with the 401 explanation."""
    root = private_data_dir(tmp_path)
    credential = injected_env({"url": simulator.url, "api_key": WRONG_KEY})
    env = job_environment(collections_dir, credential, str(root / "home"))

    runner, events, stdout = run_job(root, env, root / "inventory" / "awx.dokploy.yml", "wrong-key-inventory")
    assert runner.status == "failed", stdout
    assert UNAUTHORIZED in stdout
    assert "DOKPLOY_API_KEY" in stdout  # the message says where the key comes from
    assert not [e for e in events if e.get("event") == "runner_on_ok"]
    assert_key_nowhere(WRONG_KEY, root, events, stdout)
    assert not [r for r in simulator.requests() if r["method"] == "POST"]


def test_wrong_key_fails_the_task_clearly_and_never_shows_the_key(simulator, collections_dir, tmp_path):
    """As AWX runs jobs: the inventory was synced earlier (with a good credential); the job's key is wrong."""
    root = private_data_dir(tmp_path)
    synced = root / "inventory" / "synced.yml"
    sync_env = job_environment(collections_dir, good_credential(simulator), str(root / "home"))
    out, err = ansible_runner.get_inventory(
        action="list", inventories=[str(root / "inventory" / "awx.dokploy.yml")], response_format="yaml",
        envvars=sync_env, private_data_dir=str(tmp_path / "sync"), quiet=True)
    assert "dokploy_servers" in out, err
    synced.write_text(out)

    env = job_environment(collections_dir, injected_env({"url": simulator.url, "api_key": WRONG_KEY}),
                          str(root / "home"))
    runner, events, stdout = run_job(root, env, synced, "wrong-key-task")
    assert runner.status == "failed", stdout
    results = task_results(events)
    event, _changed, result = results["Project"]
    assert event == "runner_on_failed", results
    assert UNAUTHORIZED in result["msg"], result
    assert "Staging environment" not in results
    assert stats(events)["failures"] == {"dokploy": 1}
    assert_key_nowhere(WRONG_KEY, root, events, stdout)
