# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""dokploy_deployment_info: the deployments of one application or compose stack, with a deployment's log; also the
runs of a schedule, a backup, a volume backup or the setups of a server (Dokploy's ``deployment.allByType``, which
v0.25.11 and v0.30.2 both have: the rows whose ``<type>Id`` is the ID, newest first, each with its ``rollback``).

Only the kinds that deploy through Dokploy's queue have deployment rows (tables/_kinds.py ``deploy``); databases
deploy inside the API call and have none. The service is named by the shared target options (lookups/_target.py);
the module's first options ``type``, ``name`` and ``service_id`` still work until 2.0.0, with a deprecation
warning, and stand for the target option they name.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError, DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._deployments import (
    list_deployments,
    newest_first,
    read_log,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._task import Task
from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._kinds import QUEUED, SERVICE_KINDS, SERVICE_TYPES
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._lifecycle import check_lifecycle
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._secrets import mask
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._target import (
    check_ids,
    check_target,
    resolve_target,
    target_argument_spec,
    target_module_kwargs,
)

DEPLOYMENT_KINDS = tuple(name for name in SERVICE_TYPES if SERVICE_KINDS[name].deploy == QUEUED)
DEPRECATED = dict(removed_in_version="2.0.0", removed_from_collection="dokploy.dokploy")
DEFAULT_LOG_LINES = 100
# Run sources other than services: option -> deployment.allByType type (its column is <type>Id).
RUN_SOURCES = (("schedule_id", "schedule"), ("backup_id", "backup"), ("volume_backup_id", "volumeBackup"),
               ("server", "server"), ("server_id", "server"))


def _module_kwargs():
    kwargs = target_module_kwargs(DEPLOYMENT_KINDS)
    # name and service_id (deprecated) are one more way to name the service.
    services = (list(kwargs["required_one_of"][0]) + ["name", "service_id"]
                + [option for option, kind in RUN_SOURCES])
    kwargs["required_one_of"] = [services]
    kwargs["mutually_exclusive"] = [services] + list(kwargs["mutually_exclusive"][1:])
    return kwargs


def use_deprecated_options(params):
    """Set the target option that ``type`` with ``name`` or ``service_id`` stands for (in ``params``)."""
    by_name = params.get("name") is not None
    if params.get("type") and not (by_name or params.get("service_id")):
        raise DokployParamError("type only goes with the deprecated name or service_id; name the service with "
                                "%s instead" % " or ".join("%s (or %s_id)" % (kind, kind) for kind in DEPLOYMENT_KINDS),
                                option="type")
    kind = params.get("type") or "application"
    if by_name:
        params[kind] = params["name"]
    if params.get("service_id"):
        params["%s_id" % kind] = params["service_id"]


class DeploymentInfo(Task):
    """Reads; has the interface module.run_resource expects of a resource class."""

    module_kwargs = _module_kwargs()
    # Only reads, so check mode changes nothing: a missing service fails in check mode too, instead of being taken
    # for one an earlier task would create.
    read_only = True

    @classmethod
    def argument_spec(cls):
        spec = target_argument_spec(DEPLOYMENT_KINDS)
        spec.update(
            type=dict(type="str", choices=list(DEPLOYMENT_KINDS), **DEPRECATED),
            name=dict(type="str", **DEPRECATED),
            service_id=dict(type="str", **DEPRECATED),
            deployment_id=dict(type="str"),
            log_lines=dict(type="int", default=DEFAULT_LOG_LINES),
            with_logs=dict(type="bool", default=False),
        )
        for option, kind in RUN_SOURCES:
            spec[option] = dict(type="str")
        return spec

    @classmethod
    def validate(cls, params):
        """Problems found before any request; also moves the deprecated options to the target options."""
        use_deprecated_options(params)
        check_target(params, DEPLOYMENT_KINDS)
        check_ids(params, [option for option, kind in RUN_SOURCES if option != "server"])
        check_lifecycle({"log_lines": params.get("log_lines")})

    def run_source(self):
        """(type, id, name) of the schedule, backup, volume backup or server named, or None."""
        for option, kind in RUN_SOURCES:
            value = self.params.get(option)
            if not value:
                continue
            if option == "server":
                server = self.ctx.resolver.server(name=value)
                return kind, server["serverId"], server.get("name")
            return kind, value, None
        return None

    def run(self):
        source = self.run_source()
        if source is not None:
            kind_name, source_id, name = source
            deployments = newest_first(self.client.get("deployment.allByType", {"id": source_id, "type": kind_name}))
            service = {"type": kind_name, "id": source_id, "name": name, "status": None}
            label = "%s %s" % (kind_name, name or source_id)
        else:
            target = resolve_target(self.ctx, self.params, DEPLOYMENT_KINDS)
            kind, service_id, row = target.kind, target.id, target.row
            deployments = list_deployments(self.client, kind, service_id)
            service = {"type": kind.name, "id": service_id, "name": row.get("name"), "status": row.get(kind.status_field)}
            label = "%s '%s'" % (kind.label, row.get("name"))
        deployments = mask(deployments)
        if self.params.get("with_logs"):
            for deployment in deployments:
                deployment["log"] = read_log(self.client, deployment.get("deploymentId"), self.params["log_lines"])
        result = {"changed": False, "service": service, "deployments": deployments, "deployment": {}}
        wanted = self.params.get("deployment_id")
        if wanted:
            matches = [d for d in deployments if d.get("deploymentId") == wanted]
            if not matches:
                raise DokployError("%s has no deployment with ID '%s'; its deployments: %s" % (
                    label, wanted, ", ".join(d.get("deploymentId") for d in deployments) or "none"))
            result["deployment"] = matches[0]
            result["log"] = matches[0]["log"] if "log" in matches[0] else \
                read_log(self.client, wanted, self.params["log_lines"])
        return result
