#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_mount
short_description: Manage bind, volume and file mounts of Dokploy services
version_added: 0.2.0
description:
  - Create, update and delete the mounts of a Dokploy application, compose service or database.
  - A mount of an application or a database is identified by O(mount_path) on its service. Changing O(mount_path)
    therefore manages another mount; remove the old one with O(state=absent).
  - A compose service takes file mounts only, which its compose file refers to as C(../files/<file_path>); such a
    mount is identified by O(file_path) (Dokploy's UI gives each of them the mount path V(/)).
  - Dokploy itself accepts the same mount path twice; when two mounts of the service share the identity, the
    module fails and lists their IDs.
  - A postgres database lists its data volume among its mounts; it can be managed like any other mount.
  - Dokploy applies a changed mount at the next deployment of the service.
options:
  mount_path:
    description:
      - Absolute path inside the container, for example V(/data). With O(state=absent) any path Dokploy stored is
        accepted.
      - Required for an application or a database. For a compose service it is optional (V(/) when the mount is
        created, as Dokploy's UI does).
    type: str
  type:
    description:
      - V(bind) mounts O(host_path) of the server, V(volume) mounts the Docker volume O(volume_name), V(file)
        mounts a file with O(content) that Dokploy writes at O(file_path) in the service's files directory.
      - Required with O(state=present).
    type: str
    choices: [bind, volume, file]
  host_path:
    description:
      - For O(type=bind) (required there, refused otherwise), the absolute path on the server.
    type: str
  volume_name:
    description:
      - For O(type=volume) (required there, refused otherwise), the name of the Docker volume, for example
        V(web-data).
    type: str
  file_path:
    description:
      - For O(type=file) (required there, refused otherwise), the file's path relative to the service's files
        directory, for example V(config/app.ini).
      - For a compose service, the identity of the mount (required, with O(state=absent) too).
    type: str
  content:
    description:
      - For O(type=file) (required there, refused otherwise), the content of the file. It is compared exactly
        (a YAML C(|) block ends with a newline) and shown in results and diffs.
    type: str
  state:
    description:
      - V(present) creates or updates the mount; V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.ATTRIBUTES
  - dokploy.dokploy.target
  - dokploy.dokploy.target.DATABASE
seealso:
  - module: dokploy.dokploy.dokploy_application
  - module: dokploy.dokploy.dokploy_compose
  - module: dokploy.dokploy.dokploy_database
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: Keep the uploads of the web application in a Docker volume
  dokploy.dokploy.dokploy_mount:
    api_url: https://dokploy.example.com
    api_key: "{{ vault_dokploy_api_key }}"
    project: shop
    application: web
    mount_path: /app/uploads
    type: volume
    volume_name: shop-uploads

- name: Give nginx of a compose stack its configuration file (mounted by the compose file from ../files/nginx/default.conf)
  dokploy.dokploy.dokploy_mount:
    project: shop
    compose: frontend
    type: file
    file_path: nginx/default.conf
    content: "{{ lookup('ansible.builtin.template', 'default.conf.j2') }}"

- name: Bind init scripts of the server into a postgres database
  dokploy.dokploy.dokploy_mount:
    project: shop
    database: orders
    database_type: postgres
    mount_path: /docker-entrypoint-initdb.d
    type: bind
    host_path: /srv/orders/init

- name: Remove a mount
  dokploy.dokploy.dokploy_mount:
    project: shop
    application: web
    mount_path: /app/cache
    state: absent
"""

RETURN = r"""
mount:
  description:
    - The mount as Dokploy returns it. Empty when it is absent. In check mode, the mount as it would be
      (C(mountId) is null before it exists).
  returned: always
  type: dict
  contains:
    mountId:
      description: ID of the mount.
      type: str
      sample: E6GRa-0E4tFTgBx0mKzC8
    type:
      description: V(bind), V(volume) or V(file).
      type: str
      sample: volume
    mountPath:
      description: Path inside the container.
      type: str
      sample: /app/uploads
    hostPath:
      description: Path on the server, for a bind mount.
      type: str
    volumeName:
      description: Docker volume, for a volume mount.
      type: str
      sample: shop-uploads
    filePath:
      description: Path in the service's files directory, for a file mount.
      type: str
    content:
      description: Content of the file, for a file mount.
      type: str
    serviceType:
      description: Kind of the service, V(application), V(compose) or a database type.
      type: str
      sample: application
    applicationId:
      description: ID of the application, for a mount of an application (the column of the service's kind is set,
        for example C(composeId) or C(postgresId)).
      type: str
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._mount import Mount


def main():
    run_resource(Mount)


if __name__ == "__main__":
    main()
