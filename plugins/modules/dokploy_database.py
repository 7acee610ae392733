#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_database
short_description: Manage Dokploy databases (PostgreSQL, MySQL, MariaDB, MongoDB, Redis, libSQL)
version_added: 0.2.0
description:
  - Create, update and delete the databases of a Dokploy environment.
  - One module for the six database types; O(type) chooses the type. The types differ in their credentials
    (Redis has only a password, MongoDB has no database name but can run as a replica set, MySQL and MariaDB also
    have a root password, libSQL has a user and a password, a node role and three published ports). An option that
    the chosen type does not have fails before any request.
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
    choices: [postgres, mysql, mariadb, mongo, redis, libsql]
  project:
    description:
      - Name of the project that holds the database.
      - Required unless O(database_id), O(project_id) or O(environment_id) is given.
    type: str
  environment:
    description:
      - Name of the environment of O(project) that holds the database.
    type: str
    default: production
  project_id:
    description:
      - ID of the project that holds the database; instead of O(project).
    type: str
    version_added: 0.3.0
  environment_id:
    description:
      - ID of the environment that holds the database; instead of O(environment). Names the project too, so
        neither O(project) nor O(project_id) is needed.
    type: str
    version_added: 0.3.0
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
      - Not available for V(mongo), V(redis) and V(libsql).
    type: str
  database_user:
    description:
      - Name of the database user. Required to create a V(postgres), V(mysql), V(mariadb), V(mongo) or V(libsql)
        database.
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
      - For V(libsql), the HTTP port (Dokploy's C(saveExternalPorts) sets it with O(external_grpc_port) and
        O(external_admin_port); the ones not given are kept).
    type: int
  external_grpc_port:
    description:
      - V(libsql) only. Published gRPC port (replication); V(0) closes it. A V(replica) cannot publish it.
    type: int
  external_admin_port:
    description:
      - V(libsql) only. Published admin API port; V(0) closes it.
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
  replicas:
    description:
      - Number of replicas of the database's swarm service.
    type: int
  env:
    description:
      - Environment variables of the database container, as a dict of variables or as a dotenv string (C(KEY=value)
        lines).
      - A dict replaces every variable (O(env_mode=replace), the default) or sets only its own keys and leaves the
        other variables alone (O(env_mode=merge)); values are quoted where dotenv needs it, and comments and the order
        of the remaining lines are kept.
      - A dotenv string replaces the whole environment and is stored and compared verbatim. V("") clears it (so does
        V({}) with O(env_mode=replace)).
    type: raw
  server:
    description:
      - Name or ID of the remote server (Settings > Remote Servers) that runs the database. Chosen at creation;
        Dokploy cannot move a database, so a different server on an existing database only gives a warning.
      - When not set, the database runs on the Dokploy host itself.
    type: str
  server_id:
    description:
      - ID of the remote server that runs the database; see O(server).
    type: str
  sqld_node:
    description:
      - V(libsql) only. Whether the libSQL server is a V(primary) or a V(replica) of O(sqld_primary_url).
        V(primary) is sent on creation when not set.
    type: str
    choices: [primary, replica]
  sqld_primary_url:
    description:
      - V(libsql) only. The primary a V(replica) follows.
    type: str
  enable_namespaces:
    description:
      - V(libsql) only. Whether the libSQL server serves several databases (namespaces).
    type: bool
  state:
    description:
      - V(present) creates or updates the database; V(absent) deletes it and its Docker service. Its Docker volumes (the
        data volume C(<appName>-data) and its other volume mounts) stay on the server with the data; M(dokploy.dokploy.dokploy_project)
        with O(dokploy.dokploy.dokploy_project#module:remove_volumes=true) removes them with the project.
      - V(deployed) converges the configuration as V(present), then deploys the database when it was just created,
        when its configuration changed in this task, or when its status is not C(done), or with O(force_deploy=true);
        otherwise nothing is deployed. See O(wait).
      - V(started) and V(stopped) start or stop the database unless its status already is C(done) (or C(running)),
        respectively C(idle); Dokploy shows C(idle) both for a stopped database and for one never deployed, so
        V(started) deploys a database that is not running, which creates or updates its service and starts it with
        its O(replicas); a database whose O(replicas) is more than 1 and that runs fewer (Dokploy's start and reload
        run 1 replica) is deployed again although its status is C(done).
      - V(restarted) always acts and reports a change; it runs Dokploy's reload (the service is stopped and started; a
        database not running, or whose O(replicas) is not 1, is deployed instead, as Dokploy's reload leaves 1
        replica).
      - The lifecycle states converge the configuration as V(present) first, and create the database if needed.
    type: str
    choices: [present, absent, deployed, started, stopped, restarted]
    default: present
notes:
  - O(type=libsql) needs Dokploy v0.29.0 or newer, and so does changing the password of a running database
    (C(<type>.changePassword)); on an older server the module fails naming the version, before any change.
  - A non-empty O(args) needs Dokploy v0.26.0 or newer.
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.ATTRIBUTES
  - dokploy.dokploy.dokploy.LIFECYCLE
  - dokploy.dokploy.dokploy.ENV_MODE
  - dokploy.dokploy.dokploy.LIMITS
  - dokploy.dokploy.dokploy.SWARM
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

- name: A libSQL server with its HTTP and admin ports published
  dokploy.dokploy.dokploy_database:
    type: libsql
    project: shop
    name: edge
    database_user: edge
    database_password: "{{ vault_edge_password }}"
    external_port: 18080
    external_admin_port: 18081

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
    - When the deployment is C(done) but the service does not run (O(wait_for=running)), the task fails too;
      C(failure.deployment_id) names the deployment and C(failure.tasks) lists the swarm tasks.
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
failure:
  description:
    - Why the task failed, for C(failed_when) or a C(rescue), when the error came from Dokploy or on the way to it (a
      refused call, an object not found, an unreachable server); C(msg) says it in words. Not returned when the
      options were refused before any request.
  returned: on failure
  type: dict
  contains:
    message: {description: What Dokploy or the connection said (secrets masked)., type: str}
    status: {description: The HTTP status of Dokploy's answer; null when none came., type: int}
    code: {description: "Dokploy's error code (V(NOT_FOUND), V(BAD_REQUEST)...) or V(UNSUPPORTED_VERSION).", type: str}
    procedure: {description: The API procedure that failed., type: str}
    field_errors: {description: "The input fields Dokploy refused, each a C(field) and a C(message).", type: list, elements: dict}
  sample: {message: Project not found, status: 404, code: NOT_FOUND, procedure: project.one, field_errors: []}
"""

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._module import run_resource
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._database import Database


def main():
    run_resource(Database)


if __name__ == "__main__":
    main()
