# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fault matrix: every write procedure a module sends, under each network fault, against the simulator.

For one procedure and one fault, a scenario seeds the simulator (without faults), injects the fault for the next
call of that procedure, and runs the resource in-process three times:

1. under the fault: it succeeds, or raises a DokployError with a readable message; any other exception is a
   traceback and fails the scenario;
2. without faults: it converges (changed or not);
3. again: changed false, and not a single write in the simulator's request log.

Afterwards exactly one object of each declared name exists (none after a delete), every declared setting is stored
(the fields, env, build args and build secrets), and no run sent the faulted procedure more than once: writes are
never re-sent, an unknown outcome is settled by looking again. The figures go to tests/output/fault_matrix.json and
to a summary line at the end of the pytest run.

Faults (the simulator's ``add_fault``): the connection dropped before the call runs, 502 and 503 without running it,
an answer slower than the client's timeout (the call runs after the client gave up), and an answer lost after the
call ran.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import concurrent.futures
import json
import os
import queue
import time
import traceback

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine import _dotenv as dotenv
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployClient, DokployError
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._context import Context
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._application import Application
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._backup import Backup
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._basic_auth import BasicAuth
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._compose import Compose
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._database import Database
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._destination import Destination
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._domain import Domain
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._env import EnvTarget
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._mount import Mount
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._port import Port
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._project import Environment, Project
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._redirect import Redirect
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._registry import Registry
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._schedule import Schedule
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._ssh_key import SshKey
from ansible_collections.dokploy.dokploy.plugins.module_utils.project._stack import Stack
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._tag import Tag
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._volume_backup import VolumeBackup
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._params import resource_params
from simulator import Simulator

OUTPUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "output", "fault_matrix.json")

TIMEOUT = 1                 # the client's timeout under the fault, seconds
CALM_TIMEOUT = 10           # without faults (seeding, runs 2 and 3): a busy CI machine never makes a scenario flaky
DELAY = TIMEOUT + 1.5       # the slow answer: the call runs after the client gave up
# How long the engine looks for the effect of a write whose outcome is unknown: under the slow answer, the modules'
# own default (context.py: the client timeout, at least 5 s), which the slow call must land within; under the faults
# whose effect is there, or not, once the answer failed, a short time that keeps the matrix fast.
SETTLE_SLOW = None
SETTLE_FAST = 0.3
WORKERS = 6                 # simulators running scenarios side by side

FAULTS = {
    "drop": dict(drop=True),
    "502": dict(status=502),
    "503": dict(status=503),
    "delay": dict(delay=DELAY),
    "lose_response": dict(lose_response=True),
}
# A read failing on every attempt: the client gives up after read_retries and the run fails cleanly.
READ_FAULTS = dict(FAULTS, persistent_503=dict(status=503, times=0))
READ_ATTEMPTS = 1 + 3       # DokployClient's first try and its read_retries
DATABASE_TYPES = ("postgres", "mysql", "mariadb", "mongo", "redis", "libsql")

# -- what is declared -------------------------------------------------------------------------------------------

# option -> API field, for the settings the verification reads back from the simulator's tables
STORED_AS = {
    "description": "description", "docker_image": "dockerImage", "replicas": "replicas", "dockerfile": "dockerfile",
    "build_type": "buildType", "git_url": "customGitUrl", "git_branch": "customGitBranch", "compose_file": "composeFile",
    "external_port": "externalPort", "database_user": "databaseUser", "database_name": "databaseName",
    "database_password": "databasePassword", "database_root_password": "databaseRootPassword", "command": "command",
    "port": "port", "https": "https",
}
# the options whose API field differs by resource: the children of a service and the registry
STORED_BY_CLASS = {
    Mount: {"mount_path": "mountPath", "type": "type", "volume_name": "volumeName"},
    Port: {"published_port": "publishedPort", "target_port": "targetPort", "protocol": "protocol"},
    Redirect: {"regex": "regex", "replacement": "replacement", "permanent": "permanent"},
    BasicAuth: {"username": "username", "password": "password"},
    Registry: {"name": "registryName", "url": "registryUrl", "username": "username", "password": "password"},
    Schedule: {"name": "name", "cron_expression": "cronExpression", "command": "command"},
    Stack: {},  # its pieces are checked one by one (STACK_PIECES)
    SshKey: {"name": "name", "description": "description"},
    Tag: {"name": "name", "color": "color"},
    Destination: {"name": "name", "endpoint": "endpoint", "region": "region", "bucket": "bucket", "access_key": "accessKey",
                  "secret_key": "secretAccessKey"},
    Backup: {"prefix": "prefix", "cron_expression": "schedule", "keep_latest": "keepLatestCount"},
    VolumeBackup: {"name": "name", "volume_name": "volumeName", "prefix": "prefix", "cron_expression": "cronExpression",
                   "keep_latest": "keepLatestCount"},
}
# (table, name field, option holding the name) of the objects that are not found by "name"
ROWS_BY_CLASS = {
    Domain: ("domain", "host", "host"), Mount: ("mount", "mountPath", "mount_path"),
    Port: ("port", "publishedPort", "published_port"), Redirect: ("redirect", "regex", "regex"),
    BasicAuth: ("security", "username", "username"), Registry: ("registry", "registryName", "name"),
    Schedule: ("schedule", "name", "name"), Destination: ("destination", "name", "name"),
    Backup: ("backup", "prefix", "prefix"), VolumeBackup: ("volumeBackup", "name", "name"),
    SshKey: ("sshKey", "name", "name"), Tag: ("tag", "name", "name"), Stack: ("project", "name", "project"),
}
ENV_FIELDS = (("env", "env"), ("build_args", "buildArgs"), ("build_secrets", "buildSecrets"))
SERVICE_TARGETS = ("application", "compose", "database")


class Declaration(object):
    """One resource as a task declares it, and where its row is in the simulator's state."""

    def __init__(self, resource_class, **params):
        self.resource_class = resource_class
        self.params = params

    def but(self, **changes):
        """The same declaration with ``changes`` (None removes an option)."""
        params = dict(self.params, **changes)
        return Declaration(self.resource_class, **dict((k, v) for k, v in params.items() if v is not None))

    @property
    def absent(self):
        return self.params.get("state") == "absent"

    def row_key(self):
        """(table, name field, name) of the object this declaration is about."""
        params = self.params
        if self.resource_class is EnvTarget:
            for option in SERVICE_TARGETS:
                if params.get(option):
                    return (params["database_type"] if option == "database" else option), "name", params[option]
            if params.get("environment"):
                return "environment", "name", params["environment"]
            return "project", "name", params["project"]
        if self.resource_class in ROWS_BY_CLASS:
            table, field, option = ROWS_BY_CLASS[self.resource_class]
            return table, field, params[option]
        table = {Project: "project", Environment: "environment", Application: "application", Compose: "compose"}
        return table.get(self.resource_class) or params["type"], "name", params["name"]

    def rows(self, state):
        table, field, name = self.row_key()
        return [row for row in state.get(table, {}).values() if row.get(field) == name]

    def lost_settings(self, row):
        """The declared settings ``row`` does not hold: ``["env: ...", ...]``."""
        lost = []
        stored_as = STORED_BY_CLASS.get(self.resource_class) or (STORED_AS if self.resource_class is not EnvTarget else {})
        for option, field in stored_as.items():
            if option in self.params and row.get(field) != self.params[option]:
                lost.append("%s: %r != declared %r" % (field, row.get(field), self.params[option]))
        for option, field in ENV_FIELDS:
            declared = self.params.get(option)
            if declared is None:
                continue
            stored = dotenv.values(row.get(field) or "")
            wanted = dotenv.values(declared) if isinstance(declared, str) else dict((k, str(v)) for k, v in declared.items())
            exact = isinstance(declared, str) or self.params.get("exclusive")
            if (stored != wanted) if exact else any(stored.get(k) != v for k, v in wanted.items()):
                lost.append("%s: keys %s, declared %s" % (field, sorted(stored), sorted(wanted)))
        return lost


PROJECT = Declaration(Project, name="shop", description="the shop")
STAGING = Declaration(Environment, project="shop", name="staging", description="pre-production")
APP = Declaration(Application, project="shop", name="web", description="front", docker_image="nginx:1.27",
                  build_type="dockerfile", dockerfile="Dockerfile", replicas=1, env="A=1\nTOKEN=t0k3n",
                  build_args="NODE_VERSION=20", build_secrets="NPM_TOKEN=s3cr3t")
COMPOSE = Declaration(Compose, project="shop", name="stack", description="stack", compose_type="docker-compose",
                      compose_file="services:\n  web:\n    image: nginx:1.27\n", env="TZ=UTC")
DOMAIN = Declaration(Domain, project="shop", application="web", host="shop.example.com", port=80, https=False)
# the other children of a service, and the registry (organisation-wide)
CHILDREN = (
    Declaration(Mount, project="shop", application="web", mount_path="/data", type="volume", volume_name="web-data"),
    Declaration(Port, project="shop", application="web", published_port=8080, target_port=80, protocol="tcp"),
    Declaration(Redirect, project="shop", application="web", regex="^/old/(.*)", replacement="/new/$1", permanent=True),
    Declaration(BasicAuth, project="shop", application="web", username="admin", password="first-pw"),
    Declaration(Schedule, project="shop", application="web", name="nightly", cron_expression="0 3 * * *",
                command="echo nightly"),
)
CHILD_CHANGES = {Mount: dict(volume_name="web-data-2"), Port: dict(target_port=81), Redirect: dict(permanent=False),
                 BasicAuth: dict(password="second-pw"), Schedule: dict(cron_expression="0 4 * * *")}
DESTINATION = Declaration(Destination, name="s3", endpoint="https://s3.example.invalid", region="eu-west-1",
                          bucket="backups", access_key="AKIA-fault", secret_key="s3-secret")
BACKUP = Declaration(Backup, project="shop", database="db-postgres", database_type="postgres", destination="s3",
                     prefix="shop/pg", cron_expression="0 2 * * *", keep_latest=7)
VOLUME_BACKUP = Declaration(VolumeBackup, project="shop", application="web", name="uploads", volume_name="web-uploads",
                            destination="s3", prefix="web", cron_expression="0 1 * * *", keep_latest=14)
SSH_KEY = Declaration(SshKey, name="deploy", description="CI", generate=True)
TAG = Declaration(Tag, name="prod", color="#ff0000")
REGISTRY = Declaration(Registry, name="private", url="ghcr.io", username="robot", password="reg-pw")  # a reserved name fails
CREDENTIALS = {
    "postgres": dict(database_name="app", database_user="app"),
    "mysql": dict(database_name="app", database_user="app", database_root_password="r00t-pw"),
    "mariadb": dict(database_name="app", database_user="app", database_root_password="r00t-pw"),
    "mongo": dict(database_user="app"),
    "redis": dict(),
    "libsql": dict(database_user="app"),
}


def database(db_type):
    return Declaration(Database, project="shop", name="db-" + db_type, type=db_type, description="data",
                       database_password="first-pw", env="TZ=UTC", **CREDENTIALS[db_type])


def connect_gitea(sim):
    """A connected Gitea provider named 'forge' (gitea.create), for the applications that build from it."""
    client = DokployClient(sim.url, sim.api_key, timeout=CALM_TIMEOUT)
    client.post("gitea.create", {"name": "forge", "giteaUrl": "https://gitea.example.com"})


def mark_running(sim, declaration):
    """A database that runs (deployed once, status done): changePassword needs its container."""
    with sim.lock:
        for row in declaration.rows(sim.state):
            row.update(applicationStatus="done", _swarm=True)


MODULES = {Project: "dokploy_project", Environment: "dokploy_environment", Application: "dokploy_application",
           Compose: "dokploy_compose", Database: "dokploy_database", Domain: "dokploy_domain", EnvTarget: "dokploy_env",
           Mount: "dokploy_mount", Port: "dokploy_port", Redirect: "dokploy_redirect", BasicAuth: "dokploy_basic_auth",
           Registry: "dokploy_registry", Schedule: "dokploy_schedule", Destination: "dokploy_destination",
           Backup: "dokploy_backup", VolumeBackup: "dokploy_volume_backup", SshKey: "dokploy_ssh_key", Tag: "dokploy_tag",
           Stack: "dokploy_stack"}


class Scenario(object):
    """``procedure`` under a fault: ``seed`` (declarations run first, without faults; ``prepare(sim)`` after them),
    then ``run``. ``final``: what must hold at the end besides ``run`` (by default the seeds it does not replace)."""

    def __init__(self, procedure, run, seed=(), prepare=None, final=None, method="POST", when="", stores=True):
        self.procedure = procedure
        self.method = method    # GET: a read, retried by the client; POST: a write, never sent twice
        self.stores = stores    # False: a POST that changes nothing in Dokploy (sshKey.generate)
        self.run = run
        self.seed = list(seed)
        self.prepare = prepare
        self.final = list(final) if final is not None else [d for d in self.seed if d.row_key() != run.row_key()]
        self.when = when

    @property
    def name(self):
        return "%s:%s%s%s" % (MODULES[self.run.resource_class], "GET " if self.method == "GET" else "", self.procedure,
                              "(%s)" % self.when if self.when else "")


# dokploy_stack: a whole project in one declaration, converged by the same resource classes in one Context
STACK_WEB = {"docker_image": "nginx:1.27", "replicas": 2, "env": {"LOG_LEVEL": "info", "API_TOKEN": "t0k3n"},
             "build_secrets": {"NPM_TOKEN": "s3cr3t"}, "domains": [{"host": "shop.example.com", "port": 80}],
             "mounts": [{"mount_path": "/data", "type": "volume", "volume_name": "web-data"}]}
STACK = Declaration(Stack, project="shop", environments={
    "production": {"env": {"REGION": "eu"}, "applications": {"web": STACK_WEB},
                   "databases": {"pg": {"type": "postgres", "database_name": "shop", "database_user": "shop",
                                        "database_password": "pg-pw"}},
                   "compose": {"queue": {"compose_file": "services:\n  web:\n    image: nginx:1.27\n"}}},
    "staging": {"description": "Before production"},
})
# what the stack declares, for the checks of the simulator's tables (never run on their own)
STACK_PIECES = [
    Declaration(Environment, project="shop", name="staging", description="Before production"),
    Declaration(EnvTarget, project="shop", environment="production", env={"REGION": "eu"}),
    Declaration(Application, **dict((k, v) for k, v in STACK_WEB.items() if k not in ("domains", "mounts"))).but(name="web"),
    Declaration(Database, project="shop", name="pg", type="postgres", database_name="shop", database_user="shop",
                database_password="pg-pw"),
    Declaration(Compose, project="shop", name="queue", compose_file="services:\n  web:\n    image: nginx:1.27\n"),
    Declaration(Domain, host="shop.example.com", port=80),
    Declaration(Mount, mount_path="/data", type="volume", volume_name="web-data"),
]
# every write the stack's first run sends (test_stack_writes_are_all_in_the_matrix keeps this list true)
STACK_PROCEDURES = ("project.create", "environment.update", "environment.create", "postgres.create", "application.create",
                    "application.update", "application.saveEnvironment", "application.saveDockerProvider",
                    "compose.create", "domain.create", "mounts.create")
STACK_OLD = STACK.but(environments=dict(STACK.params["environments"], staging={
    "description": "Before production", "applications": {"old": {"docker_image": "nginx:1.26"}}}))


def scenarios():
    found = [
        Scenario("project.create", PROJECT),
        Scenario("project.update", PROJECT, seed=[PROJECT.but(description="old")]),
        Scenario("project.remove", PROJECT.but(state="absent"), seed=[PROJECT]),
        Scenario("environment.create", STAGING, seed=[PROJECT]),
        Scenario("environment.update", STAGING, seed=[PROJECT, STAGING.but(description="old")]),
        Scenario("environment.remove", STAGING.but(state="absent"), seed=[PROJECT, STAGING]),
        Scenario("application.create", APP, seed=[PROJECT]),
        Scenario("application.update", APP.but(replicas=2, description="front v2"), seed=[PROJECT, APP]),
        Scenario("application.saveBuildType", APP.but(dockerfile="docker/Dockerfile"), seed=[PROJECT, APP]),
        Scenario("application.saveEnvironment", APP.but(env="A=2\nTOKEN=t0k3n"), seed=[PROJECT, APP]),
        Scenario("application.saveDockerProvider", APP.but(docker_image="nginx:1.28"), seed=[PROJECT, APP]),
        Scenario("application.saveGitProvider",
                 APP.but(docker_image=None, git_url="https://git.example.com/shop/web.git", git_branch="main"),
                 seed=[PROJECT, APP]),
        Scenario("application.saveGiteaProvider",
                 APP.but(docker_image=None, git_provider={"type": "gitea", "name": "forge", "repository": "web",
                                                          "owner": "shop", "branch": "main"}),
                 seed=[PROJECT, APP], prepare=connect_gitea),
        Scenario("application.delete", APP.but(state="absent"), seed=[PROJECT, APP]),
        Scenario("compose.create", COMPOSE, seed=[PROJECT]),
        Scenario("compose.update", COMPOSE.but(compose_file="services:\n  web:\n    image: nginx:1.28\n", env="TZ=CET"),
                 seed=[PROJECT, COMPOSE]),
        Scenario("compose.delete", COMPOSE.but(state="absent"), seed=[PROJECT, COMPOSE]),
        Scenario("domain.create", DOMAIN, seed=[PROJECT, APP]),
        Scenario("domain.update", DOMAIN.but(port=8080), seed=[PROJECT, APP, DOMAIN]),
        Scenario("domain.delete", DOMAIN.but(state="absent"), seed=[PROJECT, APP, DOMAIN]),
        # dokploy_env: one key added to the target's variables; the rest of the target stays as declared
        Scenario("project.update", Declaration(EnvTarget, project="shop", env={"SHARED": "1"}), seed=[PROJECT],
                 final=[PROJECT]),
        Scenario("environment.update", Declaration(EnvTarget, project="shop", environment="staging", env={"STAGE": "1"}),
                 seed=[PROJECT, STAGING], final=[PROJECT, STAGING]),
        Scenario("application.saveEnvironment", Declaration(EnvTarget, project="shop", application="web",
                                                            env={"NEW": "x"}, build_args={"EXTRA": "1"}),
                 seed=[PROJECT, APP], final=[PROJECT, APP.but(env=None, build_args=None)]),
        Scenario("compose.update", Declaration(EnvTarget, project="shop", compose="stack", env={"NEW": "x"}),
                 seed=[PROJECT, COMPOSE], final=[PROJECT, COMPOSE.but(env=None)]),
    ]
    # the writes after a create: the object exists, some of its settings are not stored yet
    found += [Scenario(procedure, APP.but(replicas=2), seed=[PROJECT], when="after create") for procedure in (
        "application.update", "application.saveBuildType", "application.saveEnvironment", "application.saveDockerProvider")]
    found += [Scenario("compose.update", COMPOSE, seed=[PROJECT], when="after create"),
              Scenario("domain.update", DOMAIN.but(enabled=False), seed=[PROJECT, APP], when="after create")]
    for child in CHILDREN:
        create, delete = child.resource_class.create_procedure, child.resource_class.delete_procedure
        found += [
            Scenario(create, child, seed=[PROJECT, APP]),
            Scenario(child.resource_class.updates[0].procedure, child.but(**CHILD_CHANGES[child.resource_class]),
                     seed=[PROJECT, APP, child]),
            Scenario(delete, child.but(state="absent"), seed=[PROJECT, APP, child]),
        ]
    # dokploy_project state=absent force=true deletes the services and environments first
    full = [PROJECT, STAGING, APP, COMPOSE.but(project="shop", environment="staging"), database("postgres")]
    gone = [declaration.but(state="absent") for declaration in full[1:]]
    found += [Scenario(procedure, PROJECT.but(state="absent", force=True), seed=full, final=gone, when="force")
              for procedure in ("application.delete", "compose.delete", "postgres.remove", "environment.remove",
                                "project.remove")]
    backed_up = [PROJECT, database("postgres"), DESTINATION]
    found += [
        Scenario("destination.create", DESTINATION),
        Scenario("destination.update", DESTINATION.but(bucket="backups-2"), seed=[DESTINATION]),
        Scenario("destination.remove", DESTINATION.but(state="absent"), seed=[DESTINATION]),
        Scenario("backup.create", BACKUP, seed=backed_up),
        Scenario("backup.update", BACKUP.but(keep_latest=3), seed=backed_up + [BACKUP]),
        Scenario("backup.remove", BACKUP.but(state="absent"), seed=backed_up + [BACKUP]),
        Scenario("volumeBackups.create", VOLUME_BACKUP, seed=[PROJECT, APP, DESTINATION]),
        Scenario("volumeBackups.update", VOLUME_BACKUP.but(keep_latest=3), seed=[PROJECT, APP, DESTINATION, VOLUME_BACKUP]),
        Scenario("volumeBackups.delete", VOLUME_BACKUP.but(state="absent"), seed=[PROJECT, APP, DESTINATION, VOLUME_BACKUP]),
        # sshKey.generate stores nothing: its outcome is never unknown, a rerun generates another pair
        Scenario("sshKey.generate", SSH_KEY, stores=False),
        Scenario("sshKey.create", SSH_KEY),
        Scenario("sshKey.update", SSH_KEY.but(description="CI v2"), seed=[SSH_KEY]),
        Scenario("sshKey.remove", SSH_KEY.but(state="absent"), seed=[SSH_KEY]),
        Scenario("tag.create", TAG),
        Scenario("tag.update", TAG.but(color="#00ff00"), seed=[TAG]),
        Scenario("tag.remove", TAG.but(state="absent"), seed=[TAG]),
        Scenario("registry.create", REGISTRY),
        Scenario("registry.update", REGISTRY.but(username="robot-2"), seed=[REGISTRY]),
        Scenario("registry.remove", REGISTRY.but(state="absent"), seed=[REGISTRY]),
    ]
    for db_type in DATABASE_TYPES:
        db = database(db_type)
        found += [
            Scenario("%s.create" % db_type, db, seed=[PROJECT]),
            Scenario("%s.update" % db_type, db.but(description="data v2", command="run --fast"), seed=[PROJECT, db]),
            Scenario("%s.saveEnvironment" % db_type, db.but(env="TZ=CET"), seed=[PROJECT, db]),
            Scenario("%s.%s" % (db_type, "saveExternalPorts" if db_type == "libsql" else "saveExternalPort"),
                     db.but(external_port=20000 + DATABASE_TYPES.index(db_type)), seed=[PROJECT, db]),
        ]
        if db_type != "libsql":  # libsql has no changePassword
            found.append(Scenario("%s.changePassword" % db_type, db.but(database_password="second-pw", update_password="always"),
                                  seed=[PROJECT, db], prepare=lambda sim, db=db: mark_running(sim, db)))
        found += [
            Scenario("%s.remove" % db_type, db.but(state="absent"), seed=[PROJECT, db]),
            Scenario("%s.saveEnvironment" % db_type, Declaration(EnvTarget, project="shop", database=db.params["name"],
                                                                 database_type=db_type, env={"NEW": "x"}),
                     seed=[PROJECT, db], final=[PROJECT, db.but(env=None)]),
            Scenario("%s.update" % db_type, db.but(external_port=21000 + DATABASE_TYPES.index(db_type)), seed=[PROJECT],
                     when="after create"),
        ]
    found += [Scenario(procedure, STACK, final=STACK_PIECES, when="stack create") for procedure in STACK_PROCEDURES]
    # prune: the application no longer declared is deleted
    found.append(Scenario("application.delete", STACK.but(prune=True), seed=[STACK_OLD],
                          final=STACK_PIECES + [Declaration(Application, name="old", state="absent")], when="stack prune"))
    return found


def read_scenarios():
    """The reads of a converging run: each retried by the client within its bound (read_retries, retry_budget)."""
    db = database("postgres")
    return [
        Scenario("project.all", APP.but(replicas=2), seed=[PROJECT, APP], method="GET"),
        Scenario("application.one", APP.but(replicas=2), seed=[PROJECT, APP], method="GET"),
        Scenario("compose.one", COMPOSE.but(env="TZ=CET"), seed=[PROJECT, COMPOSE], method="GET"),
        Scenario("postgres.one", db.but(env="TZ=CET"), seed=[PROJECT, db], method="GET"),
        Scenario("application.one", DOMAIN.but(port=8080), seed=[PROJECT, APP, DOMAIN], method="GET"),  # its domains
        Scenario("environment.one", Declaration(EnvTarget, project="shop", environment="staging", env={"STAGE": "1"}),
                 seed=[PROJECT, STAGING], final=[PROJECT, STAGING], method="GET"),
    ]


SCENARIOS = scenarios()
READ_SCENARIOS = read_scenarios()

# -- running ----------------------------------------------------------------------------------------------------


def converge(sim, declaration, timeout=CALM_TIMEOUT, settle=SETTLE_FAST):
    client = DokployClient(sim.url, sim.api_key, timeout=timeout)
    ctx = Context(client, diff=True, settle_timeout=settle)
    resource = declaration.resource_class(ctx, resource_params(declaration.resource_class, declaration.params))
    return resource.run()


def sent(sim, procedure=None, method="POST"):
    return [r for r in sim.requests() if r["method"] == method and (procedure is None or r["path"] == "/api/" + procedure)]


def wait_for_the_slow_call(sim, procedure, method):
    """The delayed call runs after the client gave up: wait until it has answered before going on."""
    deadline = time.time() + DELAY + 5
    while time.time() < deadline:
        if all(r["status"] is not None for r in sent(sim, procedure, method)):
            return
        time.sleep(0.05)
    raise AssertionError("the delayed %s never answered" % procedure)


def figures_of(outcomes):
    writes = [o for o in outcomes if o["method"] == "POST"]
    reads = [o for o in outcomes if o["method"] == "GET"]
    return {
        "scenarios": len(outcomes),
        "write_scenarios": len(writes),
        "read_scenarios": len(reads),
        "write_procedures": sorted(set(o["procedure"] for o in writes)),
        "read_procedures": sorted(set(o["procedure"] for o in reads)),
        "write_module_calls": sorted(set(o["scenario"] for o in writes)),
        "read_module_calls": sorted(set(o["scenario"] for o in reads)),
        "faults": sorted(set(o["fault"] for o in outcomes)),
        "succeeded_under_fault": sum(1 for o in outcomes if o["first_run"] == "ok"),
        "failed_cleanly_under_fault": sum(1 for o in outcomes if o["first_run"] != "ok" and not o["tracebacks"]),
        "duplicates": sum(o["duplicates"] for o in outcomes),
        "lost_settings": sum(len(o["lost_settings"]) for o in outcomes),
        "tracebacks": sum(len(o["tracebacks"]) for o in outcomes),
        "writes_resent": sum(1 for o in writes if max(o["calls_of_procedure"] or [0]) > 1),
        "reads_not_retried": sum(1 for o in reads if o["first_run"] != "ok" and o["fault"] in FAULTS),
        "with_problems": sum(1 for o in outcomes if o["problems"]),
    }


def run_all(pairs):
    """Runs the (scenario, fault) pairs, WORKERS at a time, each worker on a simulator of its own (reset before every
    scenario): a slow-answer scenario waits on the clock for seconds, so they overlap instead of adding up."""
    simulators = queue.Queue()
    for number in range(WORKERS):
        simulators.put(Simulator(api_key="fault-matrix-key-%d" % number).start())

    def one(pair):
        scenario, fault = pair
        sim = simulators.get()
        started = time.time()
        try:
            outcome = run_scenario(sim, scenario, fault)
        except Exception:  # pylint: disable=broad-except
            outcome = new_outcome(scenario, fault)
            outcome["problems"].append("the scenario itself failed:\n" + traceback.format_exc())
        finally:
            simulators.put(sim)
        outcome["seconds"] = round(time.time() - started, 2)
        return outcome

    slow_first = sorted(pairs, key=lambda pair: pair[1] != "delay")
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=WORKERS) as pool:
            return list(pool.map(one, slow_first))
    finally:
        while not simulators.empty():
            simulators.get().stop()


@pytest.fixture(scope="module")
def outcomes(request, summary_lines):
    """The outcome of every selected scenario, by (scenario name, fault); the figures go to
    tests/output/fault_matrix.json and to the summary line."""
    pairs = [(item.callspec.params["scenario"], item.callspec.params["fault"]) for item in request.session.items
             if item.module is request.module and "scenario" in getattr(getattr(item, "callspec", None), "params", {})]
    started = time.time()
    results = run_all(pairs)
    figures = dict(figures_of(results), seconds=round(time.time() - started, 1), workers=WORKERS)
    if not os.path.isdir(os.path.dirname(OUTPUT)):
        os.makedirs(os.path.dirname(OUTPUT))
    with open(OUTPUT, "w") as f:
        json.dump(dict(figures, outcomes=results), f, indent=1, sort_keys=True)
    summary_lines.append(
        "fault matrix: %(scenarios)d scenarios: %(write_scenarios)d on %(n_writes)d write procedures (%(n_write_calls)d "
        "module calls x %(n_write_faults)d faults), %(read_scenarios)d on %(n_reads)d reads (%(n_read_calls)d module calls x "
        "%(n_read_faults)d faults); "
        "%(succeeded_under_fault)d succeeded "
        "under the fault, %(failed_cleanly_under_fault)d failed cleanly; duplicates %(duplicates)d, lost settings "
        "%(lost_settings)d, tracebacks %(tracebacks)d, writes re-sent %(writes_resent)d, reads not retried "
        "%(reads_not_retried)d, scenarios with problems %(with_problems)d (%(seconds)ss on %(workers)d simulators; "
        "tests/output/fault_matrix.json)"
        % dict(figures, n_writes=len(figures["write_procedures"]), n_reads=len(figures["read_procedures"]),
               n_write_calls=len(figures["write_module_calls"]), n_read_calls=len(figures["read_module_calls"]),
               n_write_faults=len(FAULTS), n_read_faults=len(READ_FAULTS)))
    return dict(((o["scenario"], o["fault"]), o) for o in results)


def message_problems(scenario, fault, message):
    """What makes the message of a failed run unclear: it must name the call, the object and, for a write whose
    outcome is unknown, say so and that running again converges."""
    problems = []
    if not message.startswith(scenario.procedure + ": "):
        problems.append("the message does not start with the procedure: %s" % message)
    if message.count("(HTTP ") > 1:
        problems.append("the message repeats the HTTP status: %s" % message)
    if fault == "delay" and "did not answer within" not in message:
        problems.append("a timeout is not called one: %s" % message)
    if scenario.method == "POST" and scenario.stores:
        # a stack names the piece where it stands (environments.production.applications.web: ...)
        named = "'%s'" % scenario.run.row_key()[2] in message or \
            (scenario.run.resource_class is Stack and ": environments." in message)
        if not named:
            problems.append("the message does not name %r: %s" % (scenario.run.row_key()[2], message))
        if "unknown" not in message or "run the play again" not in message:
            problems.append("the message does not say that the outcome is unknown and what to do: %s" % message)
    return problems


def first_run_problems(scenario, fault, error, calls):
    """What is wrong with the run under the fault, given its error (None, a DokployError or a traceback) and how
    often it called the faulted procedure."""
    problems = []
    if calls == 0:
        problems.append("run 1 never called %s %s: the scenario does not reach the fault" % (scenario.method, scenario.procedure))
    if isinstance(error, DokployError):
        problems.extend(message_problems(scenario, fault, str(error)))
    if scenario.method == "GET":
        if fault in FAULTS and error is not None:
            problems.append("a read failing once was not retried: %s" % error)
        if fault in FAULTS and calls != 2:
            problems.append("a read failing once was called %d times (expected 2)" % calls)
        if fault not in FAULTS and (calls != READ_ATTEMPTS or not isinstance(error, DokployError)):
            problems.append("a read failing every time: %d calls (expected %d), then %r" % (calls, READ_ATTEMPTS, error))
    return problems


def new_outcome(scenario, fault):
    return {"procedure": scenario.procedure, "method": scenario.method, "scenario": scenario.name, "fault": fault,
            "first_run": None, "calls_of_procedure": [], "duplicates": 0, "lost_settings": [], "tracebacks": [],
            "problems": []}


def run_scenario(sim, scenario, fault):
    """Runs the three passes; the outcome dict lists every problem found instead of stopping at the first."""
    outcome = new_outcome(scenario, fault)
    problems = outcome["problems"]
    sim.reset()
    for declaration in scenario.seed:
        converge(sim, declaration)
    if scenario.prepare:
        scenario.prepare(sim)

    faults = READ_FAULTS if scenario.method == "GET" else FAULTS
    for attempt in (1, 2, 3):
        sim.clear_requests()
        if attempt == 1:
            sim.add_fault(scenario.procedure, method=scenario.method, **faults[fault])
        try:
            if attempt == 1:
                result = converge(sim, scenario.run, TIMEOUT, SETTLE_SLOW if fault == "delay" else SETTLE_FAST)
            else:
                result = converge(sim, scenario.run)
            error = None
        except DokployError as exc:
            result, error = None, exc
        except Exception:  # pylint: disable=broad-except
            result, error = None, traceback.format_exc()
            outcome["tracebacks"].append(error)
        calls = len(sent(sim, scenario.procedure, scenario.method))
        outcome["calls_of_procedure"].append(calls)
        if attempt == 1:
            if fault == "delay":
                wait_for_the_slow_call(sim, scenario.procedure, scenario.method)
            sim.clear_faults()
            outcome["first_run"] = "ok" if error is None else str(error)
            problems.extend(first_run_problems(scenario, fault, error, calls))
        elif error is not None:
            problems.append("run %d failed: %s" % (attempt, error))
        if scenario.method == "POST" and calls > 1:
            problems.append("run %d sent %s %d times" % (attempt, scenario.procedure, calls))
        if attempt == 3 and result is not None:
            if result["changed"]:
                problems.append("run 3 reported changed: %s" % result.get("diff"))
            writes = [r["path"] for r in sent(sim)]
            if writes:
                problems.append("run 3 wrote: %s" % ", ".join(writes))

    for declaration in [scenario.run] + scenario.final:
        rows = declaration.rows(sim.state)
        wanted = 0 if declaration.absent else 1
        if len(rows) != wanted:
            outcome["duplicates"] += max(len(rows) - 1, 0)
            problems.append("%d %s named %r (expected %d)" % ((len(rows),) + declaration.row_key()[::2] + (wanted,)))
        for row in rows[:1] if not declaration.absent else []:
            outcome["lost_settings"] += ["%s %r: %s" % (declaration.row_key()[0], declaration.row_key()[2], lost)
                                         for lost in declaration.lost_settings(row)]
    problems += outcome["lost_settings"] + ["traceback:\n" + t for t in outcome["tracebacks"]]
    return outcome


@pytest.mark.parametrize("fault", sorted(FAULTS))
@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_write_fault(outcomes, scenario, fault):
    outcome = outcomes[(scenario.name, fault)]
    assert not outcome["problems"], "\n".join(outcome["problems"])


def test_stack_writes_are_all_in_the_matrix():
    """The stack scenarios fault every write its first run sends, no fewer."""
    with Simulator(api_key="fault-matrix-stack") as sim:
        converge(sim, STACK)
        sent_procedures = set(r["path"][len("/api/"):] for r in sent(sim))
    assert sent_procedures == set(STACK_PROCEDURES)


@pytest.mark.parametrize("fault", sorted(READ_FAULTS))
@pytest.mark.parametrize("scenario", READ_SCENARIOS, ids=[s.name for s in READ_SCENARIOS])
def test_read_fault(outcomes, scenario, fault):
    outcome = outcomes[(scenario.name, fault)]
    assert not outcome["problems"], "\n".join(outcome["problems"])
