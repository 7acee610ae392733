#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_database
short_description: Manage Dokploy databases (PostgreSQL, MySQL, MariaDB, MongoDB, Redis)
version_added: 0.1.0
description:
  - Create, update and delete the databases of a Dokploy environment.
  - One module for the five database types; O(type) chooses the type. The types differ in their credentials
    (Redis has only a password, MongoDB has no database name but can run as a replica set, MySQL and MariaDB also
    have a root password). An option that the chosen type does not have fails before any request.
  - Dokploy does not keep service names unique. When two databases of the type share O(name) in the environment, the
    module fails and lists their IDs; O(database_id) then selects one.
  - Settings changed on an existing database (image, limits, command, environment) are stored in Dokploy; they
    reach the running container at the database's next deploy. O(external_port) is applied at once (see there).
options:
  type:
    description:
      - Type of the database.
    type: str
    required: true
    choices: [postgres, mysql, mariadb, mongo, redis]
  project:
    description:
      - Name of the project that holds the database. Required unless O(database_id) is given.
    type: str
  environment:
    description:
      - Name of the environment of O(project) that holds the database.
    type: str
    default: production
  name:
    description:
      - Name of the database service in Dokploy. Required unless O(database_id) is given.
      - With O(database_id), the database is renamed to O(name).
    type: str
  database_id:
    description:
      - ID of the database (its C(postgresId), C(mysqlId), ...); selects it directly instead of by O(name).
    type: str
  description:
    description:
      - Description of the database. V("") clears it.
    type: str
  docker_image:
    description:
      - Docker image of the database.
      - Always sent on creation. When not set, the collection sends V(postgres:18), V(mysql:8), V(mariadb:11),
        V(mongo:8) or V(redis:8), because Dokploy's own defaults for MariaDB (V(mariadb:6)) and MongoDB (V(mongo:15))
        name image tags that do not exist.
      - On an existing database, compared and changed only when set.
    type: str
  database_name:
    description:
      - Name of the database created in the server. Required to create a V(postgres), V(mysql) or V(mariadb) database.
      - Not available for V(mongo) and V(redis).
    type: str
  database_user:
    description:
      - Name of the database user. Required to create a V(postgres), V(mysql), V(mariadb) or V(mongo) database.
      - Not available for V(redis).
    type: str
  database_password:
    description:
      - Password of O(database_user) (for Redis, the server password).
      - When not set on creation, Dokploy generates one (16 characters).
      - See O(update_password) for when it is compared and changed.
    type: str
  database_root_password:
    description:
      - Password of the C(root) user. Only V(mysql) and V(mariadb).
      - When not set on creation, Dokploy generates one.
    type: str
  update_password:
    description:
      - V(on_create) sets O(database_password) and O(database_root_password) only when the database is created.
      - V(always) compares them with the passwords Dokploy stores (Dokploy returns them) and changes those that differ.
        On a running database (status C(done) or C(running)) the change goes through Dokploy's C(changePassword), which
        changes the password inside the container too. Otherwise Dokploy only stores the new password; a database whose
        data volume was already initialised keeps its old password until it is changed inside the database.
    type: str
    choices: [always, on_create]
    default: on_create
  replica_sets:
    description:
      - Run MongoDB as a replica set. Only V(mongo).
    type: bool
  external_port:
    description:
      - Port published on the Dokploy host (or remote server) for access from outside the Docker network.
      - V(0) closes the published port. (A YAML C(null) cannot be told apart from an option that is not set.)
      - On an existing database Dokploy's C(saveExternalPort) stores the port and redeploys the database synchronously,
        which can take minutes (the call waits up to 15 minutes). On creation, the port is only stored.
      - Dokploy answers 409 when another service already publishes the port.
    type: int
  command:
    description:
      - Command that replaces the image's default command. V("") clears it.
    type: str
  args:
    description:
      - Arguments passed to the command. V([]) clears them.
    type: list
    elements: str
  memory_limit:
    description:
      - Memory limit in bytes, as Dokploy stores it (a string, for example V("1073741824")). V("") clears it.
    type: str
  memory_reservation:
    description:
      - Memory reservation in bytes (a string). V("") clears it.
    type: str
  cpu_limit:
    description:
      - CPU limit in nano CPUs (a string, for example V("2000000000") for two CPUs). V("") clears it.
    type: str
  cpu_reservation:
    description:
      - CPU reservation in nano CPUs (a string). V("") clears it.
    type: str
  replicas:
    description:
      - Number of replicas of the database's swarm service.
    type: int
  env:
    description:
      - Environment variables of the database container, as one dotenv string (C(KEY=value) lines), or as a dict
        that is written as such a string (one C(KEY=value) line per item, in its order, values quoted when needed).
      - Replaces the whole environment. Stored and compared verbatim. V("") clears it.
    type: raw
  server:
    description:
      - Name or ID of the remote server (Settings > Remote Servers) that runs the database. Chosen at creation;
        Dokploy cannot move a database, so a different server on an existing database fails.
      - When not set, the database runs on the Dokploy host itself.
    type: str
  state:
    description:
      - V(present) creates or updates the database; V(absent) deletes it and its Docker service.
      - V(deployed) converges the configuration as V(present), then deploys the database when it was just created,
        when its configuration changed in this task, or when its status is not C(done), or with O(force_deploy=true);
        otherwise nothing is deployed. See O(wait).
      - V(started) and V(stopped) start or stop the database unless its status already is C(done) (or C(running)),
        respectively C(idle); Dokploy shows C(idle) both for a stopped database and for one never deployed, so
        V(started) deploys a database that is not running, which creates or updates its service and starts it.
      - V(restarted) always acts and reports a change; it runs Dokploy's reload (the service is stopped and started; a
        database not running is deployed instead).
      - The lifecycle states converge the configuration as V(present) first, and create the database if needed.
    type: str
    choices: [present, absent, deployed, started, stopped, restarted]
    default: present
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.ATTRIBUTES
  - dokploy.dokploy.dokploy.LIFECYCLE
seealso:
  - module: dokploy.dokploy.dokploy_database_info
  - module: dokploy.dokploy.dokploy_project
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: A PostgreSQL database for the shop
  dokploy.dokploy.dokploy_database:
    api_url: https://dokploy.example.com
    api_key: "{{ vault_dokploy_api_key }}"
    type: postgres
    project: shop
    name: shop-db
    docker_image: postgres:17
    database_name: shop
    database_user: shop
    database_password: "{{ vault_shop_db_password }}"
  register: shop_db

- name: Use the connection details
  ansible.builtin.debug:
    msg: "postgresql://{{ shop_db.database.connection.user }}@{{ shop_db.database.connection.host }}:{{ shop_db.database.connection.port }}"

- name: Set the connection once for every Dokploy task of the play
  module_defaults:
    group/dokploy.dokploy.dokploy:
      api_url: https://dokploy.example.com
      api_key: "{{ vault_dokploy_api_key }}"
  block:
    - name: A Redis cache in staging, reachable from outside on port 16379, password kept in sync
      dokploy.dokploy.dokploy_database:
        type: redis
        project: shop
        environment: staging
        name: cache
        database_password: "{{ vault_cache_password }}"
        update_password: always
        external_port: 16379
        memory_limit: "268435456"

    - name: A MongoDB replica set
      dokploy.dokploy.dokploy_database:
        type: mongo
        project: shop
        name: events
        database_user: events
        replica_sets: true

    - name: Close the external port again
      dokploy.dokploy.dokploy_database:
        type: redis
        project: shop
        environment: staging
        name: cache
        external_port: 0

    - name: Delete the MySQL database
      dokploy.dokploy.dokploy_database:
        type: mysql
        project: shop
        name: legacy
        state: absent

- name: Create and deploy a Redis database
  dokploy.dokploy.dokploy_database:
    type: redis
    project: shop
    name: cache
    docker_image: redis:8
    database_password: "{{ vault_cache_password }}"
    state: deployed

- name: Stop the cache
  dokploy.dokploy.dokploy_database:
    type: redis
    project: shop
    name: cache
    state: stopped
"""

RETURN = r"""
database:
  description:
    - The database as Dokploy returns it, with C(type) and C(connection) added. Passwords and C(env) are masked.
    - Empty when the database is absent. In check mode, the database as it would be (its ID is null before it exists).
  returned: always
  type: dict
  contains:
    type:
      description: Type of the database.
      type: str
      sample: postgres
    name:
      description: Name of the database service.
      type: str
      sample: shop-db
    appName:
      description: Name of the Docker service, also the host name inside the Docker network.
      type: str
      sample: postgres-calculate-neural-firewall-1kjeyq
    dockerImage:
      description: Docker image.
      type: str
      sample: postgres:17
    externalPort:
      description: Published port, or null.
      type: int
      sample: 15432
    applicationStatus:
      description: Status of the database (V(idle), V(running), V(done), V(error)).
      type: str
      sample: idle
    databasePassword:
      description: Always masked.
      type: str
      sample: "********"
    connection:
      description: How to reach the database from another service in Dokploy.
      type: dict
      contains:
        host:
          description: Host name inside the Docker network (the database's C(appName)).
          type: str
        port:
          description: Port inside the Docker network (5432, 3306, 27017 or 6379).
          type: int
        user:
          description: Database user (null for Redis).
          type: str
        database:
          description: Database name (null for MongoDB and Redis).
          type: str
        external_port:
          description: Port published outside the Docker network, or null.
          type: int
      sample: {"host": "postgres-calculate-neural-firewall-1kjeyq", "port": 5432, "user": "shop", "database": "shop",
               "external_port": null}
deployment:
  description:
    - The deployment this task waited for (for V(deployed) with nothing to deploy, the newest deployment), as Dokploy
      lists it. Empty for the other states, with O(wait=false) and in check mode.
    - On a failed deployment, the failed deployment (the task fails; C(failure.log) has the tail of its log).
    - Always empty for databases, since Dokploy deploys them inside the API call and keeps no deployment record.
  returned: when O(state) is V(deployed), V(started), V(stopped) or V(restarted)
  type: dict
  contains:
    deploymentId:
      description: ID of the deployment.
      type: str
      sample: Wvgniwy8bplm-kQe3UxE7
    status:
      description: C(done), C(error), C(cancelled), or C(running) when the wait timed out.
      type: str
      sample: done
    createdAt:
      description: When the deployment started (ISO 8601).
      type: str
    finishedAt:
      description: When the deployment reached its final status (ISO 8601).
      type: str
lifecycle_action:
  description:
    - The action the task took (or would take, in check mode) - V(deploy), V(redeploy), V(start), V(stop) or V(reload)
      -
      or null when the service already was in O(state).
  returned: when O(state) is V(deployed), V(started), V(stopped) or V(restarted)
  type: str
  sample: deploy
"""

from ansible_collections.dokploy.dokploy.plugins.module_utils.client import DokployError, DokployNotFoundError
from ansible_collections.dokploy.dokploy.plugins.module_utils.database import (
    DATABASE_TYPE_NAMES,
    DATABASE_TYPES,
    DEPLOY_TIMEOUT,
    PASSWORD_FIELDS,
    masked_database,
    unsupported_options,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.dotenv import DotenvError, render
from ansible_collections.dokploy.dokploy.plugins.module_utils.lifecycle import (
    LIFECYCLE_STATES,
    lifecycle_argument_spec,
    run_with_lifecycle,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.module import DokployModule
from ansible_collections.dokploy.dokploy.plugins.module_utils.resource import Resource, Update, normalize

# Module option -> API field, for the options every type has (credentials: database.CREDENTIAL_OPTIONS).
COMMON_OPTIONS = (
    ("description", "description"),
    ("docker_image", "dockerImage"),
    ("command", "command"),
    ("args", "args"),
    ("memory_limit", "memoryLimit"),
    ("memory_reservation", "memoryReservation"),
    ("cpu_limit", "cpuLimit"),
    ("cpu_reservation", "cpuReservation"),
    ("replicas", "replicas"),
    ("env", "env"),
    ("database_name", "databaseName"),
    ("database_user", "databaseUser"),
    ("database_password", "databasePassword"),
    ("database_root_password", "databaseRootPassword"),
    ("replica_sets", "replicaSets"),
)
UPDATE_FIELDS = ["name", "description", "dockerImage", "command", "args", "memoryLimit", "memoryReservation", "cpuLimit",
                 "cpuReservation", "replicas", "databaseName", "databaseUser", "databasePassword", "databaseRootPassword",
                 "replicaSets"]
RUNNING = ("done", "running")


class Database(Resource):
    kind = "database"

    def __init__(self, module):
        super(Database, self).__init__(module)
        self.spec = DATABASE_TYPES[module.params["type"]]
        self.id_field = self.spec.id_field
        self.create_procedure = self.spec.procedure("create")
        self.delete_procedure = self.spec.procedure("remove")
        fields = [f for f in UPDATE_FIELDS if f in ("name",) or not f.startswith(("database", "replica")) or self.spec.has(f)]
        self.updates = (
            Update(self.spec.procedure("update"), fields),
            Update(self.spec.procedure("saveEnvironment"), ["env"]),
            # Stores the port, then redeploys synchronously (API.md 6).
            Update(self.spec.procedure("saveExternalPort"), ["externalPort"], timeout=DEPLOY_TIMEOUT),
        )
        self.creating = False
        self.environment = None
        self.server_id = None

    def desired(self):
        params = self.module.params
        desired = dict((field, params[option]) for option, field in COMMON_OPTIONS if params[option] is not None)
        if params["external_port"] is not None:
            desired["externalPort"] = params["external_port"] or None
        if params["database_id"] and params["name"] is not None:
            desired["name"] = params["name"]
        return desired

    def find(self):
        params = self.module.params
        present = params["state"] == "present"
        if params["database_id"]:
            try:
                return self.client.get(self.spec.procedure("one"), {self.id_field: params["database_id"]})
            except DokployNotFoundError:
                if not present:
                    return None
                raise DokployError("No %s database has ID '%s'" % (self.spec.name, params["database_id"]))
        project = self.resolver.project(name=params["project"], required=present)
        if project is None:
            return None
        self.environment = self.resolver.environment(project, name=params["environment"], required=present)
        if self.environment is None:
            return None
        summary = self.resolver.service(self.spec.name, self.environment, params["name"], project_name=project["name"],
                                        id_option="database_id")
        if summary is None:
            return None
        return self.client.get(self.spec.procedure("one"), {self.id_field: summary[self.id_field]})

    def normalize_field(self, field, value):
        if value == []:
            return None
        return normalize(value)

    def compare(self, current, desired):
        if not self.creating and self.module.params["update_password"] == "on_create":
            desired = dict((k, v) for k, v in desired.items() if k not in PASSWORD_FIELDS)
        if not self.creating and self.module.params["server"]:
            server = self.resolver.server(name=self.module.params["server"])
            if server["serverId"] != current.get("serverId"):
                raise DokployError(
                    "%s database '%s' runs on %s, not on server '%s'; Dokploy cannot move a database to another server "
                    "(delete it and create it again)" % (self.spec.label, current.get("name"),
                                                         "server %s" % current["serverId"] if current.get("serverId")
                                                         else "the Dokploy host", server.get("name")))
        return super(Database, self).compare(current, desired)

    def create(self, desired):
        self.creating = True
        # A database that never ran takes its port with the other settings; saveExternalPort would deploy it.
        self.updates = (Update(self.updates[0].procedure, list(self.updates[0].fields) + ["externalPort"]),) + self.updates[1:2]
        return super(Database, self).create(desired)

    def create_payload(self, desired):
        params = self.module.params
        missing = [option for option, field in COMMON_OPTIONS if field in self.spec.required_on_create and field not in desired]
        if missing:
            raise DokployError("Creating %s database '%s' needs %s" % (self.spec.label, params["name"], " and ".join(missing)))
        payload = {"name": params["name"], "environmentId": self.environment["environmentId"],
                   "dockerImage": desired.get("dockerImage") or self.spec.default_image}
        for field in self.spec.credentials:
            if field in desired:
                payload[field] = desired[field]
        payload.setdefault("databasePassword", "")  # Dokploy generates a password for ""
        if desired.get("description") is not None:
            payload["description"] = desired["description"]
        if params["server"]:
            payload["serverId"] = self.resolver.server(name=params["server"])["serverId"]
        return payload

    def plan(self, current, changes, desired):
        changes = dict(changes)
        passwords = []
        if not self.creating and current.get("applicationStatus") in RUNNING:
            # changePassword changes the password inside the running container, then stores it.
            for field in PASSWORD_FIELDS:
                if field in changes:
                    del changes[field]
                    body = {self.id_field: current[self.id_field], "password": desired[field]}
                    if self.spec.root_password:
                        body["type"] = "root" if field == "databaseRootPassword" else "user"
                    passwords.append((Update(self.spec.procedure("changePassword"), [field], timeout=DEPLOY_TIMEOUT), body))
        writes = super(Database, self).plan(current, changes, desired)
        last = [w for w in writes if w[0].procedure.endswith(".saveExternalPort")]
        return [w for w in writes if w not in last] + passwords + last

    def apply(self, current, changes, desired):
        after = super(Database, self).apply(current, changes, desired)
        # saveExternalPort answers the row as it was before the call: keep what was set.
        after.update(dict((field, new) for field, (old, new) in changes.items()))
        return after

    def result_object(self, obj):
        return masked_database(self.spec.name, obj)


def main():
    module = DokployModule(
        argument_spec=dict(
            lifecycle_argument_spec(),
            type=dict(type="str", required=True, choices=list(DATABASE_TYPE_NAMES)),
            project=dict(type="str"),
            environment=dict(type="str", default="production"),
            name=dict(type="str"),
            database_id=dict(type="str"),
            description=dict(type="str"),
            docker_image=dict(type="str"),
            database_name=dict(type="str"),
            database_user=dict(type="str"),
            database_password=dict(type="str", no_log=True),
            database_root_password=dict(type="str", no_log=True),
            update_password=dict(type="str", choices=["always", "on_create"], default="on_create", no_log=False),
            replica_sets=dict(type="bool"),
            external_port=dict(type="int"),
            command=dict(type="str"),
            args=dict(type="list", elements="str"),
            memory_limit=dict(type="str"),
            memory_reservation=dict(type="str"),
            cpu_limit=dict(type="str"),
            cpu_reservation=dict(type="str"),
            replicas=dict(type="int"),
            env=dict(type="raw", no_log=True),
            server=dict(type="str"),
            state=dict(type="str", choices=["present", "absent"] + list(LIFECYCLE_STATES), default="present"),
        ),
        required_one_of=[("name", "database_id")],
    )
    validate(module)
    module.run(lambda: run_with_lifecycle(Database(module), module.params["type"]))


def validate(module):
    """Bad input fails here, before any request."""
    params = module.params
    if isinstance(params["env"], dict):
        try:
            params["env"] = render(params["env"])
        except DotenvError as exc:
            module.fail_json(msg="env: %s" % exc)
    elif params["env"] is not None and not isinstance(params["env"], str):
        module.fail_json(msg="env must be a dotenv string or a dict, not %s" % type(params["env"]).__name__)
    wrong = unsupported_options(params["type"], params)
    if wrong:
        module.fail_json(msg="%s not available for type %s" % (", ".join(wrong), params["type"]))
    if not params["database_id"] and not params["project"]:
        module.fail_json(msg="project is required to select a database by name (or set database_id)")
    if params["name"] is not None and not params["name"].strip():
        module.fail_json(msg="name must not be empty")
    port = params["external_port"]
    if port is not None and not 0 <= port <= 65535:
        module.fail_json(msg="external_port must be between 1 and 65535 (or 0 to close it), not %s" % port)
    if params["replicas"] is not None and params["replicas"] < 0:
        module.fail_json(msg="replicas must not be negative")
    for option in ("database_name", "database_user", "docker_image"):
        if params[option] is not None and not params[option].strip():
            module.fail_json(msg="%s must not be empty" % option)


if __name__ == "__main__":
    main()
