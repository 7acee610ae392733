#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_rollback
short_description: Roll a Dokploy application back to one of its earlier deployments
version_added: 0.3.0
description:
  - Puts an application back on the image of an earlier deployment, as the B(Rollback) button of Dokploy's
    deployments list does, and waits until it runs.
  - 'How Dokploy keeps rollbacks: with rollbacks on (O(dokploy.dokploy.dokploy_application#module:rollback=true) and,
    on Dokploy v0.26 and newer, a O(dokploy.dokploy.dokploy_application#module:rollback_registry)), each deployment
    pushes the image it deploys to the rollback registry as C(<registry>/<prefix>/<appName>:v<version>) and keeps a
    rollback with it: a C(version) (a number counted over the whole server, not per application), that image, and
    the whole application as it was then. Dokploy keeps the newest 10 deployments and their rollbacks.'
  - 'A rollback updates the application''s swarm service with that image B(and the settings of that time): its
    environment variables, mounts, ports and swarm settings as they were at that deployment. It writes no
    deployment, so M(dokploy.dokploy.dokploy_application) with O(dokploy.dokploy.dokploy_application#module:state=deployed)
    then sees its newest deployment done and deploys nothing; going forward again is a deploy
    (O(dokploy.dokploy.dokploy_application#module:force_deploy=true)) or a change of the configuration.'
  - Idempotent; the image the service runs is read through Dokploy (C(swarm.getNodeApps), C(docker service ls)).
    When it already runs the rollback's image, nothing is sent and the task reports no change (the running check
    still reads its tasks once).
  - This module does not delete rollbacks. Dokploy's C(rollback.delete) also deletes the rollback's deployment.
options:
  to:
    description:
      - Which deployment to go back to.
      - V(previous) (the default) is the newest successful deployment kept for rollback that is older than the
        newest successful deployment. It stays the same after the rollback (a rollback writes no deployment), so a
        second run changes nothing.
      - Otherwise a rollback's C(version) (as Dokploy's image tag C(v<version>) shows it), the ID of a deployment,
        or the ID of a rollback. A version that does not exist fails, listing those that do; so does the deployment
        of a rollback that did not end C(done) (its image may never have been pushed).
    type: str
    default: previous
  wait_timeout:
    description:
      - Seconds the rollback call and the wait until the service runs may take.
    type: int
    default: 900
  wait_for:
    description:
      - V(running) (the default) waits until the service runs the rollback's tasks, every replica running for
        O(settle_time) seconds; a task that fails fails the module with its error (C(failure.tasks) lists the tasks).
      - V(deployment) takes Dokploy's answer alone (the service was updated).
    type: str
    choices: [running, deployment]
    default: running
  settle_time:
    description:
      - With O(wait_for=running), seconds every replica must keep running after all of them were seen running.
    type: float
    default: 3.0
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.ATTRIBUTES
  - dokploy.dokploy.target.APPLICATION
notes:
  - Check mode reads what runs and which rollback is asked for, says whether it would roll back, and sends nothing;
    C(--diff) shows the image the service runs, before and after.
  - 'Requests of a task that changes nothing: the lookup of the application (the projects, its environment, its
    row), its deployments with their rollbacks, the swarm services, and its tasks for the running check.'
  - 'Dokploy before v0.26 keeps rollbacks with O(dokploy.dokploy.dokploy_application#module:rollback=true) alone, as
    local images, and names them after the docker image of an application whose source is one
    (C(envhttp:v1:v3), a name Docker refuses; with a registry port in the image, its deployments even fail): there,
    only applications built from Git can be rolled back, and the module says so before any write. Seen on a real
    v0.25.11.'
  - Errors say why no rollback is kept (rollbacks off, no rollback registry, none deployed since) and list the
    rollbacks that are kept when the one asked for is not among them.
seealso:
  - module: dokploy.dokploy.dokploy_application
  - module: dokploy.dokploy.dokploy_deployment_info
  - module: dokploy.dokploy.dokploy_registry
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: Keep a rollback of each deployment of the application
  dokploy.dokploy.dokploy_application:
    project: shop
    name: web
    docker_image: registry.example.com/shop/web:1.4.2
    rollback: true
    rollback_registry: rollbacks
    state: deployed

- name: Go back to the deployment before the newest one
  dokploy.dokploy.dokploy_rollback:
    project: shop
    application: web
  register: back

- name: Go back to a given rollback version
  dokploy.dokploy.dokploy_rollback:
    project: shop
    application: web
    to: "12"

- name: Go forward again with a new deployment
  dokploy.dokploy.dokploy_application:
    project: shop
    name: web
    state: deployed
    force_deploy: true
"""

RETURN = r"""
rollback:
  description: The rollback rolled back to (without the application of that time Dokploy keeps with it).
  returned: success
  type: dict
  contains:
    rollbackId: {description: ID of the rollback., type: str}
    deploymentId: {description: ID of its deployment., type: str}
    version: {description: Its version (the C(v<version>) of its image)., type: int, sample: 12}
    image: {description: "The image Dokploy tagged for it (C(<appName>:v<version>)).", type: str}
    createdAt: {description: When it was kept., type: str}
deployment:
  description: The deployment rolled back to (a row of M(dokploy.dokploy.dokploy_deployment_info)).
  returned: success
  type: dict
image:
  description: The image the service runs after the rollback (in the rollback registry).
  returned: success
  type: str
  sample: registry.example.com/rollbacks/shop-web-4f2a1c:v12
application_id:
  description: ID of the application.
  returned: success
  type: str
tasks:
  description:
    - The service's tasks seen last by the running check (C(id), C(slot), C(desired_state), C(current_state),
      C(error), C(node)); empty in check mode or with O(wait_for=deployment).
  returned: success
  type: list
  elements: dict
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._rollback import Rollback


def main():
    run_resource(Rollback)


if __name__ == "__main__":
    main()
