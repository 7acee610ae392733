# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures of the acceptance suite: a real Dokploy and a real Docker swarm (see tests/acceptance/README.md).

The servers are started through dokploy_real.py (the code behind scripts/dokploy-real) on first use and
stopped at the end of the session when this session started them; the Docker engine stays. Without a
Dokploy source tarball, or without root, every test here is skipped with one line that says why.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import fcntl
import json
import os
import re
import subprocess
import sys
import time

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS_DIR = os.path.dirname(HERE)
REPO_ROOT = os.path.dirname(TESTS_DIR)
for _path in (HERE, os.path.join(TESTS_DIR, "integration"), TESTS_DIR):
    if _path not in sys.path:
        sys.path.insert(0, _path)

import dokploy_real  # noqa: E402  pylint: disable=wrong-import-position
from test_targets import playbook_environment  # noqa: E402  pylint: disable=wrong-import-position

OUTPUT_DIR = os.path.join(TESTS_DIR, "output", "acceptance")
REGISTRY = dokploy_real.REGISTRY


def skip_reason(version):
    """Why the real server of ``version`` cannot run here (None when it can)."""
    if os.geteuid() != 0:
        return "the acceptance suite needs root (apt-get, dockerd, PostgreSQL clusters)"
    try:
        dokploy_real.Version(version).tarball()
    except dokploy_real.HarnessError as exc:
        return str(exc).split(". Give", maxsplit=1)[0]
    return None


class RealServer:
    """A started real Dokploy: url, api_key, version (and ``profile.version`` as the integration harness reads it)."""

    def __init__(self, handle):
        self.handle = handle
        self.url = handle.url
        self.api_key = handle.api_key()
        self.version = handle.version
        self.profile = type("Profile", (), {"version": tuple(int(p) for p in handle.version.split("."))})()

    def reset(self):
        return self.handle.reset()

    def call(self, method, path, body=None, query=None):
        url = "%s/api/%s" % (self.url, path)
        if query:
            from urllib.parse import urlencode  # pylint: disable=import-outside-toplevel
            url += "?" + urlencode(query)
        return dokploy_real.http(method, url, body, headers={"x-api-key": self.api_key}, timeout=300)


class Servers:
    """Starts each version once per session; stops at the end what this session started."""

    def __init__(self):
        self.started = {}
        self.locks = []
        self.shared_before = None
        # what this session starts is marked with this owner (scripts/test sets it for the whole step)
        os.environ.setdefault("DOKPLOY_REAL_OWNER", "pytest-%d" % os.getpid())
        self.owner = os.environ["DOKPLOY_REAL_OWNER"]

    def get(self, version):
        if version in self.started:
            return self.started[version]
        reason = skip_reason(version)
        if reason:
            pytest.skip("real Dokploy v%s: %s" % (version, reason))
        handle = dokploy_real.Version(version)
        self.lock(handle)
        if self.shared_before is None:
            self.shared_before = {"registry": dokploy_real.registry_ok(),
                                  "redis": dokploy_real.port_open(6379)}
        try:
            info = handle.start()
        except dokploy_real.HarnessError as exc:
            pytest.fail("could not start the real Dokploy v%s: %s" % (version, exc), pytrace=False)
        sys.stderr.write("\nreal Dokploy v%s at %s (start: %.1f s)\n" % (version, handle.url, info["seconds"]))
        server = RealServer(handle)
        self.started[version] = server
        return server

    def lock(self, handle, timeout=1800):
        """One acceptance session at a time per server: each resets it, so two would trample each other."""
        os.makedirs(handle.run_dir, exist_ok=True)
        lock = open(os.path.join(handle.run_dir, "session.lock"), "a+")  # pylint: disable=consider-using-with
        deadline = time.time() + timeout
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError:
                if time.time() > deadline:
                    lock.close()
                    pytest.fail("another acceptance session has held the real Dokploy %s for %d s (lock %s)" % (
                        handle.tag, timeout, lock.name), pytrace=False)
                time.sleep(2)
        self.locks.append(lock)

    def stop(self):
        """Empty the swarm of what the tests deployed; stop the servers this session started."""
        try:
            self._stop()
        finally:
            for lock in self.locks:
                lock.close()  # releases the flock

    def _stop(self):
        if not self.started:
            return
        for server in self.started.values():
            server.handle.reset()
        before = {"versions": {}, "registry": self.shared_before["registry"], "redis": self.shared_before["redis"]}
        dokploy_real.stop_all(keep_from=None, owner=self.owner, before=before)


@pytest.fixture(scope="session")
def servers():
    registry = Servers()
    yield registry
    registry.stop()


@pytest.fixture(scope="module")
def real(servers):
    """The real Dokploy v0.30.2, reset (database, files, swarm) for this module."""
    server = servers.get("0.30.2")
    server.reset()
    return server


@pytest.fixture(scope="module")
def real_v025(servers):
    """The real Dokploy v0.25.11, reset for this module."""
    server = servers.get("0.25.11")
    server.reset()
    return server


# ------------------------------------------------------------------------------------------------ playbooks
def play(server, name, tasks, expect_failure=False):
    """Run ``tasks`` (each registered as its ``name``'s result) in one play; return {task name: result}.

    A task that must fail sets ``ignore_errors: true`` itself. The whole output is kept in
    tests/output/acceptance/logs/<name>.log; the API key must never appear in it.
    """
    home = os.path.join(OUTPUT_DIR, "home")
    os.makedirs(os.path.join(OUTPUT_DIR, "playbooks"), exist_ok=True)
    os.makedirs(os.path.join(OUTPUT_DIR, "logs"), exist_ok=True)
    os.makedirs(home, exist_ok=True)
    results_file = os.path.join(OUTPUT_DIR, "playbooks", "%s.results.json" % name)
    if os.path.exists(results_file):
        os.unlink(results_file)
    registered = []
    body = []
    for i, task in enumerate(tasks):
        task = dict(task)
        var = "acc_r%d" % i
        task["register"] = var
        registered.append((task.get("name", var), var))
        body.append(task)
    body.append({
        "name": "Write the results",
        "ansible.builtin.copy": {
            "dest": results_file,
            "mode": "0600",
            "content": "{{ {%s} | to_json }}" % ", ".join(
                "%s: %s | default(None)" % (json.dumps(label), var) for label, var in registered),
        },
    })
    playbook = os.path.join(OUTPUT_DIR, "playbooks", "%s.yml" % name)
    with open(playbook, "w") as f:
        json.dump([{"name": name, "hosts": "localhost", "connection": "local", "gather_facts": False,
                    "tasks": body}], f, indent=2)
    proc = subprocess.run(
        [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), playbook, "-i", "localhost,",
         "-e", json.dumps({"ansible_python_interpreter": sys.executable}), "--diff"],
        cwd=REPO_ROOT, env=playbook_environment(server, home), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        universal_newlines=True, timeout=1200, check=False)
    log = os.path.join(OUTPUT_DIR, "logs", "%s.log" % name)
    with open(log, "w") as f:
        f.write(proc.stdout)
    assert server.api_key not in proc.stdout, "the API key appeared in the output (%s)" % log
    if proc.returncode != 0 and not expect_failure:
        pytest.fail("ansible-playbook failed (%s); its end:\n%s" % (
            log, "\n".join(proc.stdout.splitlines()[-60:])), pytrace=False)
    if not os.path.exists(results_file):
        return {}
    with open(results_file) as f:
        return json.load(f)


# ------------------------------------------------------------------------------------------------ Docker
def docker(*args, check=True):
    proc = subprocess.run(["docker"] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=300, check=False)
    if check and proc.returncode != 0:
        raise AssertionError("docker %s failed: %s" % (" ".join(args), proc.stderr.strip()))
    return proc.stdout


def remove_rollback_tags(prefix, app_name):
    """The rollback tags Dokploy made of ``app_name`` in the local image store (a reset removes services, not images)."""
    for tag in docker("image", "ls", "--format", "{{.Repository}}:{{.Tag}}", check=False).split():
        if tag.startswith("%s/%s/%s:" % (REGISTRY, prefix, app_name)):
            docker("image", "rm", tag, check=False)


def service_inspect(name):
    """The swarm service ``name`` (``docker service inspect``), or None when there is none."""
    proc = subprocess.run(["docker", "service", "inspect", name], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=60, check=False)
    if proc.returncode != 0:
        return None
    return json.loads(proc.stdout)[0]


def service_tasks(name):
    """The tasks of service ``name`` ({state, desired, error, exit_code}), newest first."""
    out = docker("service", "ps", name, "--no-trunc", "--format", "{{json .}}", check=False)
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def running_containers(service, want=1, timeout=90):
    """IDs of the running containers of swarm service ``service``, waiting until there are ``want``."""
    deadline = time.time() + timeout
    ids = []
    while time.time() < deadline:
        ids = docker("ps", "-q", "--filter", "label=com.docker.swarm.service.name=%s" % service,
                     "--filter", "status=running").split()
        if len(ids) >= want:
            return ids
        time.sleep(1)
    raise AssertionError("service %s has %d running containers after %d s (want %d); tasks: %s" % (
        service, len(ids), timeout, want, service_tasks(service)[:4]))


class ContainerGone(AssertionError):
    """The container was stopped between listing it and reading from it (a rolling update replaced it)."""


def wait_for(predicate, timeout=90, what="condition"):
    """The first true value of ``predicate()``, polled each second; a container gone meanwhile is asked again."""
    deadline = time.time() + timeout
    value = None
    while time.time() < deadline:
        try:
            value = predicate()
        except ContainerGone as gone:
            value = str(gone)
            time.sleep(1)
            continue
        if value:
            return value
        time.sleep(1)
    raise AssertionError("timed out after %d s waiting for %s (last: %r)" % (timeout, what, value))


def container_get(container, path, port=80):
    """What the container serves at ``path``, read from inside it (the ingress mesh does not answer here)."""
    proc = subprocess.run(["docker", "exec", container, "wget", "-qO-", "http://127.0.0.1:%d%s" % (port, path)],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, timeout=300,
                          check=False)
    if proc.returncode != 0:
        error = ContainerGone if re.search(r"is not running|No such container", proc.stderr) else AssertionError
        raise error("reading %s from container %s failed: %s" % (path, container, proc.stderr.strip()))
    return proc.stdout
