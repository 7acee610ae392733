#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_deployment_info
short_description: List the deployments of a Dokploy application or compose stack, with a deployment's log
version_added: 0.1.0
description:
  - Lists the deployments of one application or compose stack, newest first, as Dokploy keeps them
    (Dokploy keeps about the last ten per service).
  - With O(deployment_id), also returns the last O(log_lines) lines of that deployment's log.
  - Databases have no deployments in Dokploy (they deploy inside the API call). Read-only.
options:
  type:
    description:
      - The kind of service.
    type: str
    choices: [application, compose]
    default: application
  name:
    description:
      - Name of the service, looked up in O(environment) of O(project).
      - Dokploy does not keep names unique. When two services share O(name), the module fails and lists their IDs;
        O(service_id) then selects one.
    type: str
  service_id:
    description:
      - ID of the service (C(applicationId) or C(composeId)); selects it directly instead of by O(name).
    type: str
    aliases: [application_id, compose_id]
  project:
    description:
      - Name of the project holding the service. Required with O(name) unless O(project_id) is given.
    type: str
  project_id:
    description:
      - ID of the project holding the service.
    type: str
  environment:
    description:
      - Name of the environment holding the service.
    type: str
    default: production
  deployment_id:
    description:
      - ID of one deployment of the service whose log to return in RV(log).
      - The module fails when the service has no deployment with this ID.
    type: str
  log_lines:
    description:
      - How many of the last lines of the log of O(deployment_id) to return.
    type: int
    default: 100
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.INFO_ATTRIBUTES
seealso:
  - module: dokploy.dokploy.dokploy_project_info
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: List the deployments of the web application
  dokploy.dokploy.dokploy_deployment_info:
    api_url: https://dokploy.example.com
    api_key: "{{ vault_dokploy_api_key }}"
    project: shop
    name: web
  register: web_deployments

- name: Show the status of the newest deployment
  ansible.builtin.debug:
    msg: "{{ web_deployments.deployments[0].status }}"
  when: web_deployments.deployments | length > 0

- name: Read the last 200 lines of the log of a deployment of a compose stack
  dokploy.dokploy.dokploy_deployment_info:
    type: compose
    service_id: 7HGM-iruklT3dZxmnY1f7
    deployment_id: CAN0Bpgj_MQW0UMZS3JGy
    log_lines: 200
  register: stack_deploy

- name: Print it
  ansible.builtin.debug:
    msg: "{{ stack_deploy.log }}"
"""

RETURN = r"""
deployments:
  description: The deployments of the service, newest first, as Dokploy returns them.
  returned: always
  type: list
  elements: dict
  contains:
    deploymentId:
      description: ID of the deployment.
      type: str
      sample: Wvgniwy8bplm-kQe3UxE7
    status:
      description: C(running), C(done), C(error) or C(cancelled).
      type: str
      sample: done
    title:
      description:
        - Title of the deployment. For Git sources Dokploy replaces it with the commit message when the deployment ends.
      type: str
      sample: Manual deployment
    description:
      description: Description of the deployment (for Git sources, the commit hash once it ends).
      type: str
    createdAt:
      description: When the deployment started (ISO 8601).
      type: str
      sample: "2026-11-29T09:46:58.069Z"
    startedAt:
      description: When the deployment started (ISO 8601).
      type: str
    finishedAt:
      description: When the deployment reached its final status (ISO 8601); null while it runs.
      type: str
    errorMessage:
      description: Error message; Dokploy v0.30.2 leaves it null even on error (read the log instead).
      type: str
    logPath:
      description: Path of the log file on the Dokploy server.
      type: str
service:
  description: The service whose deployments are listed.
  returned: always
  type: dict
  contains:
    type:
      description: V(application) or V(compose).
      type: str
      sample: application
    id:
      description: ID of the service.
      type: str
    name:
      description: Name of the service.
      type: str
    status:
      description: Status of the service (C(idle), C(running), C(done) or C(error)).
      type: str
      sample: done
deployment:
  description: The deployment O(deployment_id); empty without O(deployment_id).
  returned: always
  type: dict
log:
  description: The last O(log_lines) lines of the log of O(deployment_id).
  returned: when O(deployment_id) is set
  type: str
  sample: "Initializing deployment\nError occurred ❌, check the logs for details."
"""

from ansible_collections.dokploy.dokploy.plugins.module_utils.client import DokployError
from ansible_collections.dokploy.dokploy.plugins.module_utils.lifecycle import DEPLOYMENT_LISTS, newest_first, tail_lines
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookup import SERVICE_KINDS, DokployLookupError, Resolver
from ansible_collections.dokploy.dokploy.plugins.module_utils.module import DokployModule
from ansible_collections.dokploy.dokploy.plugins.module_utils.secrets import mask


def deployment_info(module):
    params = module.params
    client = module.client
    kind = SERVICE_KINDS[params["type"]]
    service_id = params["service_id"]
    if not service_id:
        resolver = Resolver(client)
        project, environment = resolver.locate_environment(
            project_name=params["project"], environment_name=params["environment"], project_id=params["project_id"])
        found = resolver.service(kind.name, environment, params["name"], project_name=project.get("name"))
        if found is None:
            raise DokployLookupError("No %s is named '%s' in environment '%s' of project '%s'; existing: %s" % (
                kind.label, params["name"], environment.get("name"), project.get("name"),
                ", ".join(sorted(set(str(s.get("name")) for s in resolver.service_summaries(kind.name, environment))))
                or "none"))
        service_id = found[kind.id_field]
    service = client.get(kind.procedure("one"), {kind.id_field: service_id})
    procedure, field = DEPLOYMENT_LISTS[kind.name]
    deployments = newest_first(client.get(procedure, {field: service_id}))
    result = {
        "changed": False,
        "service": {"type": kind.name, "id": service_id, "name": service.get("name"), "status": service.get(kind.status_field)},
        "deployments": mask(deployments),
        "deployment": {},
    }
    if params["deployment_id"]:
        matches = [d for d in deployments if d.get("deploymentId") == params["deployment_id"]]
        if not matches:
            raise DokployError("%s '%s' has no deployment with ID '%s'; its deployments: %s" % (
                kind.label, service.get("name"), params["deployment_id"],
                ", ".join(d.get("deploymentId") for d in deployments) or "none"))
        result["deployment"] = mask(matches[0])
        result["log"] = ""
        if params["log_lines"]:
            text = client.get("deployment.readLogs", {"deploymentId": params["deployment_id"], "tail": params["log_lines"]})
            result["log"] = tail_lines(text, params["log_lines"])
    return result


def main():
    module = DokployModule(
        argument_spec=dict(
            type=dict(type="str", choices=["application", "compose"], default="application"),
            name=dict(type="str"),
            service_id=dict(type="str", aliases=["application_id", "compose_id"]),
            project=dict(type="str"),
            project_id=dict(type="str"),
            environment=dict(type="str", default="production"),
            deployment_id=dict(type="str"),
            log_lines=dict(type="int", default=100),
        ),
        required_one_of=[("name", "service_id")],
        mutually_exclusive=[("name", "service_id"), ("project", "project_id")],
    )
    params = module.params
    if params["name"] is not None and not (params["project"] or params["project_id"]):
        module.fail_json(msg="name needs project or project_id")
    if params["log_lines"] < 0:
        module.fail_json(msg="log_lines must not be negative")
    module.run(lambda: deployment_info(module))


if __name__ == "__main__":
    main()
