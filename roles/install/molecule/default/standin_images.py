# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Stand-in images for the install role's molecule scenario: nothing can be pulled from Docker Hub here.

    python3 standin_images.py PREFIX            e.g. 127.0.0.1:5000/molecule-dokploy

builds and pushes, under PREFIX (the role's dokploy_registry_mirror in the scenario):

* ``dokploy/dokploy:v0.30.2``: the Dokploy server that scripts/dokploy-real built from ../shared/dokploy/src
  (its tree and its Node), run as that harness runs it (tsx, development mode: the official image's production
  build needs tools from the internet). Its start script waits for PostgreSQL, runs the migrations and Dokploy's
  own Traefik-defaults setup, then the server on port 3000, reading the database password from
  POSTGRES_PASSWORD_FILE as the official image does; its files go to /etc/dokploy (a link from the tree).
* ``dokploy/dokploy:v0.30.2-next``: the same with the version string v0.30.2-next, standing in for the next
  release in the upgrade step.
* ``dokploy/dokploy:v0.30.2-broken``: a release that starts and never answers (busybox sleep), for the role's
  clear failure when Dokploy does not answer.
* ``postgres:16``: Debian's PostgreSQL (15, the machine's) with the official image's contract: POSTGRES_USER,
  POSTGRES_DB, POSTGRES_PASSWORD_FILE, data in /var/lib/postgresql/data.
* ``redis:7``: Debian's redis-server, data in /data.
* ``app:v1``: the application the scenario deploys through the installed Dokploy (busybox httpd).
* ``traefik:v3.6.7``: NOT Traefik: busybox httpd answering on 80 and 443, a stand-in that proves the container,
  its ports, binds and network as the role creates them.

Each image is rebuilt only when its inputs changed (a stamp under $DOKPLOY_REAL_CACHE/install-images).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request

CACHE = os.environ.get("DOKPLOY_REAL_CACHE", "/var/cache/dokploy-real")
WORK = os.path.join(CACHE, "install-images")
BUILD = os.path.join(CACHE, "build", "v0.30.2")
NODE = os.path.join(CACHE, "toolchain", "node-24.4.0", "node_modules", "node", "bin", "node")
VERSION = "v0.30.2"
NEXT = "v0.30.2-next"
BROKEN = "v0.30.2-broken"

DOKPLOY_START = r"""#!/bin/sh
# Stand-in for the dokploy/dokploy image (see roles/install/molecule/default/standin_images.py).
cd /app/apps/dokploy
export NODE_ENV=development NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOST=0.0.0.0 HOME=/root
# migration.ts exits 0 even when it failed: its "Migration complete" line is what counts
until node node_modules/tsx/dist/cli.mjs migration.ts > /tmp/migration.log 2>&1 && grep -q "Migration complete" /tmp/migration.log; do
  tail -n 3 /tmp/migration.log; echo "waiting for PostgreSQL (${POSTGRES_HOST:-dokploy-postgres})"; sleep 3
done
node node_modules/tsx/dist/cli.mjs standin-setup.ts
exec node node_modules/tsx/dist/cli.mjs server/server.ts
"""

# What production does at start-up (server.ts) and development skips: the directories and Traefik's defaults.
DOKPLOY_SETUP = """import { setupDirectories, createDefaultTraefikConfig, createDefaultServerTraefikConfig,
  createDefaultMiddlewares } from "@dokploy/server";
setupDirectories();
createDefaultTraefikConfig();
createDefaultServerTraefikConfig();
createDefaultMiddlewares();
process.exit(0);
"""

POSTGRES_START = r"""#!/bin/sh
# Stand-in for postgres:16: the official image's POSTGRES_USER, POSTGRES_DB, POSTGRES_PASSWORD_FILE contract.
set -e
PGDATA=/var/lib/postgresql/data
BIN=/usr/lib/postgresql/15/bin
USER_NAME=${POSTGRES_USER:-postgres}
DB=${POSTGRES_DB:-$USER_NAME}
mkdir -p "$PGDATA" /run/postgresql /var/run/postgresql
chown -R postgres:postgres "$PGDATA" /run/postgresql /var/run/postgresql
chmod 700 "$PGDATA"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  cp "$POSTGRES_PASSWORD_FILE" /tmp/pwfile && chown postgres /tmp/pwfile
  su postgres -s /bin/sh -c "$BIN/initdb -D $PGDATA -U $USER_NAME --pwfile=/tmp/pwfile -A scram-sha-256 --no-sync"
  rm -f /tmp/pwfile
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  echo "listen_addresses = '*'" >> "$PGDATA/postgresql.conf"
  if [ "$DB" != "postgres" ]; then
    echo "CREATE DATABASE \"$DB\" OWNER \"$USER_NAME\";" | su postgres -s /bin/sh -c "$BIN/postgres --single -D $PGDATA postgres" >/dev/null
  fi
fi
exec su postgres -s /bin/sh -c "exec $BIN/postgres -D $PGDATA"
"""

TRAEFIK_START = """#!/bin/sh
# NOT Traefik: a stand-in answering on 80 and 443 (plain HTTP) for the install role's test.
echo "traefik stand-in" > /www/index.html
httpd -p 443 -h /www
exec httpd -f -p 80 -h /www
"""

BROKEN_START = """#!/bin/sh
# Stand-in for a Dokploy release whose server never answers: the role's wait fails, and a run with another version
# finishes the work (roles/install/molecule/default/side_effect.yml).
exec sleep 2147483647
"""


APP_START = """#!/bin/sh
# The application the scenario's stack deploys: an HTTP server on port 80.
echo "molecule app v1" > /www/index.html
exec httpd -f -p 80 -h /www
"""


def log(msg):
    sys.stdout.write("[standin-images] %s\n" % msg)
    sys.stdout.flush()


def run(cmd, **kwargs):
    return subprocess.run(cmd, check=True, **kwargs)


def copy_with_libs(root, binary, dest=None):
    """``binary`` into ``root`` (at ``dest`` or its own path) with the shared libraries ldd names."""
    target = os.path.join(root, (dest or binary).lstrip("/"))
    os.makedirs(os.path.dirname(target), exist_ok=True)
    shutil.copy2(os.path.realpath(binary), target)
    # ldd fails on a static binary: then there is nothing to copy
    out = subprocess.run(["ldd", binary], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         universal_newlines=True, check=False).stdout
    for line in out.splitlines():
        parts = line.split()
        lib = parts[2] if "=>" in parts and len(parts) > 2 else (parts[0] if parts else "")
        if lib.startswith("/"):
            dest_lib = os.path.join(root, lib.lstrip("/"))
            if not os.path.exists(dest_lib):
                os.makedirs(os.path.dirname(dest_lib), exist_ok=True)
                shutil.copy2(os.path.realpath(lib), dest_lib)


def base_root(root, users=""):
    busybox = "/bin/busybox" if os.path.exists("/bin/busybox") else shutil.which("busybox")
    for d in ("bin", "tmp", "etc", "www", "root", "usr/local/bin"):
        os.makedirs(os.path.join(root, d), exist_ok=True)
    os.chmod(os.path.join(root, "tmp"), 0o1777)
    shutil.copy2(busybox, os.path.join(root, "bin", "busybox"))
    applets = subprocess.run([busybox, "--list"], stdout=subprocess.PIPE, universal_newlines=True,
                             check=True).stdout.split()
    for applet in applets:
        link = os.path.join(root, "bin", applet)
        if applet != "busybox" and not os.path.lexists(link):
            os.symlink("busybox", link)
    with open(os.path.join(root, "etc", "passwd"), "w") as f:
        f.write("root:x:0:0:root:/root:/bin/sh\n" + users + "nobody:x:65534:65534::/:/bin/false\n")
    with open(os.path.join(root, "etc", "group"), "w") as f:
        f.write("root:x:0:\npostgres:x:999:\nnogroup:x:65534:\n")


def write(path, text, mode=0o644):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)
    os.chmod(path, mode)


def import_root(root, name, changes, tree=None, extras=None):
    """``root`` as the image ``name``; with ``tree`` (tar arguments of a folder elsewhere, its members renamed
    ``./x`` to ``app/x``) that folder under /app too, streamed from where it is (no 1.7 GB copy first), and then
    ``extras``, a folder whose files (not its folders: docker import refuses a path twice) go over the tree's."""
    tar_args = ["-C", root, "-c", "."]
    if tree:
        # root's members named without "./" so that only the tree's match the transform (S: not link targets)
        extra_files = []
        for folder, dirs, files in os.walk(extras):
            paths = [os.path.join(folder, f) for f in dirs + files]
            extra_files += [os.path.relpath(p, extras) for p in paths if os.path.islink(p) or not os.path.isdir(p)]
        tar_args = (["-C", root, "-c"] + sorted(os.listdir(root)) + ["--transform", r"s,^\./,app/,S"] + tree
                    + ["--no-recursion", "-C", extras] + sorted(extra_files))
    tar = subprocess.Popen(["tar"] + tar_args, stdout=subprocess.PIPE)
    cmd = ["docker", "import"]
    for change in changes:
        cmd += ["-c", change]
    run(cmd + ["-", name], stdin=tar.stdout, stdout=subprocess.DEVNULL)
    tar.stdout.close()
    if tar.wait() != 0:
        raise SystemExit("tar of %s failed" % root)


def in_registry(name):
    registry, rest = name.split("/", 1)
    repo, tag = rest.rsplit(":", 1)
    request = urllib.request.Request("http://%s/v2/%s/manifests/%s" % (registry, repo, tag), method="HEAD",
                                     headers={"Accept": "application/vnd.docker.distribution.manifest.v2+json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status == 200
    except Exception:  # pylint: disable=broad-except
        return False


def stamp_ok(name, digest):
    path = os.path.join(WORK, name.replace("/", "_").replace(":", "_") + ".stamp")
    try:
        with open(path) as f:
            return f.read().strip() == digest and in_registry(name)
    except IOError:
        return False


def stamp(name, digest):
    write(os.path.join(WORK, name.replace("/", "_").replace(":", "_") + ".stamp"), digest)


def digest_of(*parts):
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:16]


def build(name, digest, maker):
    if stamp_ok(name, digest):
        log("%s is up to date" % name)
        return
    log("building %s" % name)
    maker(name)
    run(["docker", "push", name], stdout=subprocess.DEVNULL)
    stamp(name, digest)
    log("pushed %s" % name)


def base_name(prefix, tree):
    return "%s/dokploy-standin-base:%s" % (prefix, digest_of(tree, 2))


def make_dokploy_base(name):
    """The tree and its Node as an image (slow: 1.7 GB); only rebuilt when scripts/dokploy-real rebuilt the tree."""
    if not os.path.isfile(os.path.join(BUILD, "apps", "dokploy", "server", "server.ts")) or not os.path.exists(NODE):
        raise SystemExit("the Dokploy tree built by scripts/dokploy-real is missing (%s, %s): run "
                         "scripts/dokploy-real start first" % (BUILD, NODE))
    root = tempfile.mkdtemp(prefix="dokploy-root-", dir=WORK)
    try:
        base_root(root)
        copy_with_libs(root, NODE, "/usr/local/bin/node")
        docker_cli = shutil.which("docker")
        if docker_cli:
            shutil.copy2(os.path.realpath(docker_cli), os.path.join(root, "usr", "local", "bin", "docker"))
        # the tree under /app, without the harness's run files (.env with its database URL, .docker with its state),
        # which the image has its own of
        extras = os.path.join(WORK, "dokploy-extras")
        shutil.rmtree(extras, ignore_errors=True)
        app = os.path.join(extras, "app", "apps", "dokploy")
        os.makedirs(app)
        os.symlink("/etc/dokploy", os.path.join(app, ".docker"))
        write(os.path.join(app, ".env"), "# stand-in image: configured by the environment\n")
        tree = ["-C", BUILD, "--anchored", "--exclude=./apps/dokploy/.env", "--exclude=./apps/dokploy/.docker",
                "--exclude=./.git", "."]
        import_root(root, name, ["ENV PATH=/usr/local/bin:/bin", "WORKDIR /app/apps/dokploy", "EXPOSE 3000"], tree, extras)
    finally:
        shutil.rmtree(root, ignore_errors=True)
        shutil.rmtree(os.path.join(WORK, "dokploy-extras"), ignore_errors=True)


def layer(base, files, extra=""):
    """An image FROM ``base`` with ``files`` ({path in the image: text}) added: docker build, no download."""
    def maker(name):
        context = tempfile.mkdtemp(prefix="layer-", dir=WORK)
        try:
            lines = ["FROM %s" % base]
            for i, (path, text) in enumerate(sorted(files.items())):
                write(os.path.join(context, "f%d" % i), text, 0o755)
                lines.append("COPY f%d %s" % (i, path))
            lines.append(extra)
            write(os.path.join(context, "Dockerfile"), "\n".join(lines) + "\n")
            run(["docker", "build", "-q", "-t", name, context], stdout=subprocess.DEVNULL)
        finally:
            shutil.rmtree(context, ignore_errors=True)
    return maker


def make_postgres(name):
    root = tempfile.mkdtemp(prefix="postgres-root-", dir=WORK)
    try:
        base_root(root, users="postgres:x:999:999::/var/lib/postgresql:/bin/sh\n")
        bindir = "/usr/lib/postgresql/15/bin"
        for binary in ("postgres", "initdb", "pg_ctl"):
            copy_with_libs(root, os.path.join(bindir, binary))
        shutil.copytree("/usr/share/postgresql/15", os.path.join(root, "usr", "share", "postgresql", "15"))
        libdir = "/usr/lib/postgresql/15/lib"
        if os.path.isdir(libdir):
            shutil.copytree(libdir, os.path.join(root, libdir.lstrip("/")))
        for extra in ("/usr/share/zoneinfo",):
            if os.path.isdir(extra):
                shutil.copytree(extra, os.path.join(root, extra.lstrip("/")), symlinks=True)
        write(os.path.join(root, "start.sh"), POSTGRES_START, 0o755)
        import_root(root, name, ['CMD ["/bin/sh", "/start.sh"]', "ENV PATH=/bin", "EXPOSE 5432",
                                 "VOLUME /var/lib/postgresql/data"])
    finally:
        shutil.rmtree(root, ignore_errors=True)


def make_redis(name):
    root = tempfile.mkdtemp(prefix="redis-root-", dir=WORK)
    try:
        base_root(root)
        copy_with_libs(root, shutil.which("redis-server") or "/usr/bin/redis-server", "/usr/local/bin/redis-server")
        os.makedirs(os.path.join(root, "data"))
        import_root(root, name, ['CMD ["redis-server", "--dir", "/data", "--protected-mode", "no"]',
                                 "ENV PATH=/usr/local/bin:/bin", "WORKDIR /data", "VOLUME /data", "EXPOSE 6379"])
    finally:
        shutil.rmtree(root, ignore_errors=True)


def busybox_server(start, changes=()):
    """A maker of a busybox image that runs ``start`` (the Traefik stand-in, the application)."""
    def maker(name):
        root = tempfile.mkdtemp(prefix="busybox-root-", dir=WORK)
        try:
            base_root(root)
            write(os.path.join(root, "start.sh"), start, 0o755)
            import_root(root, name, ['CMD ["/bin/sh", "/start.sh"]', "ENV PATH=/bin"] + list(changes))
        finally:
            shutil.rmtree(root, ignore_errors=True)
    return maker


def main(argv):
    if len(argv) != 2:
        raise SystemExit("usage: standin_images.py PREFIX (e.g. 127.0.0.1:5000/molecule-dokploy)")
    prefix = argv[1].rstrip("/")
    os.makedirs(WORK, exist_ok=True)
    tree = ""
    stamp_file = os.path.join(BUILD, ".dokploy-real-installed")
    if os.path.exists(stamp_file):
        with open(stamp_file) as f:
            tree = f.read().strip()
    base = base_name(prefix, tree)
    if subprocess.call(["docker", "image", "inspect", base], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) != 0:
        log("building %s" % base)
        make_dokploy_base(base)  # local only: the pushed images below are built on it
    scripts = {"/start.sh": DOKPLOY_START, "/app/apps/dokploy/standin-setup.ts": DOKPLOY_SETUP}
    start = 'CMD ["/bin/sh", "/start.sh"]'
    build("%s/dokploy/dokploy:%s" % (prefix, VERSION), digest_of(base, DOKPLOY_START, DOKPLOY_SETUP, 2),
          layer(base, scripts, start))
    # the next release: the same server with another version string (what settings.getDokployVersion answers)
    bump = ("RUN sed -i 's/\"version\": \"%s\"/\"version\": \"%s\"/' /app/apps/dokploy/package.json "
            "&& grep -q '\"version\": \"%s\"' /app/apps/dokploy/package.json\n%s" % (VERSION, NEXT, NEXT, start))
    build("%s/dokploy/dokploy:%s" % (prefix, NEXT), digest_of(base, DOKPLOY_START, DOKPLOY_SETUP, NEXT, 2),
          layer(base, scripts, bump))
    build("%s/dokploy/dokploy:%s" % (prefix, BROKEN), digest_of(BROKEN_START, 1), busybox_server(BROKEN_START))
    build("%s/postgres:16" % prefix, digest_of(POSTGRES_START, 1), make_postgres)
    build("%s/redis:7" % prefix, digest_of("redis", 1), make_redis)
    build("%s/traefik:v3.6.7" % prefix, digest_of(TRAEFIK_START, 1), busybox_server(TRAEFIK_START, ["LABEL stand-in=traefik"]))
    build("%s/app:v1" % prefix, digest_of(APP_START, 1), busybox_server(APP_START))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
