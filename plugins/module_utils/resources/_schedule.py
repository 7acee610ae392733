# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Scheduled jobs (the schedule router) of an application, a compose service, a remote server or the Dokploy host.

Dokploy's ``scheduleType`` names the owner: ``application`` and ``compose`` run ``command`` in the service's
container (compose: in ``serviceName``), ``server`` and ``dokploy-server`` run ``script`` on the machine. The
owner is the shared target options for services, plus ``server`` and ``dokploy_host``. A schedule is identified
by its name on its owner, and read from ``schedule.list`` (one request after the owner's lookup). Shapes from
Dokploy v0.30.2's source (routers/schedule.ts; the UI's handle-schedules.tsx lists the host's schedules with
``id: "dokploy-server"`` and sends ``command`` empty for machine schedules); not recorded.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError, DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._cron import check_cron
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._lookup import DokployMissingError
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._resource import Field, Update, VersionField
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._child import Child
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._checks import check_name
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._target import resolve_target

FIELDS = (Field("name"), Field("description"), Field("cron_expression", "cronExpression"), Field("command"),
          Field("script"), Field("shell_type", "shellType"), Field("enabled"), Field("timezone"),
          Field("service_name", "serviceName"))
OWNERS = ("application", "application_id", "compose", "compose_id", "server", "dokploy_host")
HOST_ID = "dokploy-server"   # schedule.list's id for the Dokploy host's schedules (the UI's schedules.tsx)
NESTED = ("application", "compose", "server", "deployments")  # what schedule.list adds to each row
_TIMEZONE = re.compile(r"^(UTC|[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+){0,2})$")


def check_timezone(option, value):
    """An IANA time zone name (Dokploy passes it to node-schedule; an unknown one makes the job never run)."""
    if value is None:
        return
    try:
        from zoneinfo import available_timezones
        known = available_timezones()
    except ImportError:
        known = ()
    if (known and value not in known and value != "UTC") or not _TIMEZONE.match(value):
        raise DokployParamError("%s '%s' is not a time zone name; use an IANA name such as Europe/Berlin or UTC"
                                % (option, value), option=option)


class Schedule(Child):
    kind = "schedule"
    section = "schedules"
    unnested = "schedules"
    export_defaults = {"shellType": "bash", "enabled": True}   # routers/schedule.ts of v0.30.2
    id_field = "scheduleId"
    create_procedure = "schedule.create"
    delete_procedure = "schedule.delete"
    target_kinds = ("application", "compose")
    identity = ("name",)
    fields = FIELDS
    # schedule.update requires name, cronExpression and command besides the ID (openapi.json v0.30.2)
    updates = (Update("schedule.update", [f.api for f in FIELDS], keep=("name", "cronExpression", "command")),)
    version_fields = (VersionField("timezone", "schedule.timezone"), VersionField("description", "schedule.description"))
    module_kwargs = dict(required_one_of=[OWNERS], mutually_exclusive=[OWNERS, ("project", "project_id")])

    @classmethod
    def argument_spec(cls):
        spec = cls.target_spec()
        spec.update(
            server=dict(type="str"),
            dokploy_host=dict(type="bool"),
            name=dict(type="str", required=True),
            description=dict(type="str"),
            cron_expression=dict(type="str"),
            command=dict(type="str"),
            script=dict(type="str"),
            shell_type=dict(type="str", choices=["bash", "sh"]),
            service_name=dict(type="str"),
            enabled=dict(type="bool"),
            timezone=dict(type="str"),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        )
        return spec

    @classmethod
    def validate(cls, params):
        if params["dokploy_host"] is False:
            raise DokployParamError("dokploy_host: false names no owner; name the application, compose service or "
                                    "server instead", option="dokploy_host")
        machine = cls.machine_owner(params)
        if machine is None:
            super(Schedule, cls).validate(params)
        elif params.get("project") or params.get("project_id") or params.get("environment_id"):
            raise DokployParamError("project, project_id and environment_id name a service; a %s schedule has none"
                                    % machine, option="project")
        check_name("name", params["name"])
        check_name("server", params["server"])
        check_cron("cron_expression", params["cron_expression"])
        check_timezone("timezone", params["timezone"])
        compose = params.get("compose") is not None or params.get("compose_id")
        if params["service_name"] is not None and not compose:
            raise DokployParamError("service_name is only for compose schedules (the service of the stack the command "
                                    "runs in)", option="service_name")
        wrong, right = ("script", "command") if machine is None else ("command", "script")
        if params[wrong] is not None:
            raise DokployParamError("%s is for %s schedules; %s runs %s" % (
                wrong, "server and dokploy_host" if machine is None else "application and compose",
                "an application or compose schedule" if machine is None else "a %s schedule" % machine, right),
                option=wrong)
        for option in ("command", "script", "cron_expression"):
            if params[option] is not None and not params[option].strip():
                raise DokployParamError("%s must not be empty" % option, option=option)

    @staticmethod
    def machine_owner(params):
        if params.get("server") is not None:
            return "server"
        return "dokploy_host" if params.get("dokploy_host") else None

    def __init__(self, ctx, params):
        super(Schedule, self).__init__(ctx, params)
        self.owner_info = None
        self.keyless_server = None  # the name of the schedule's server when that server has no SSH key

    def owner(self):
        """(scheduleType, owner ID, owner column, what for messages); the ID is None while the service is pending."""
        machine = self.machine_owner(self.params)
        if machine == "dokploy_host":
            return "dokploy-server", HOST_ID, None, "the Dokploy host"
        if machine == "server":
            try:
                server = self.resolver.server(name=self.params["server"])
            except DokployMissingError as error:
                if self.params["state"] == "absent":
                    return None
                self.ctx.missing_parent(error, "server")
                return "server", None, "serverId", "server '%s'" % self.params["server"]
            if not server.get("sshKeyId"):
                self.keyless_server = server.get("name")
            return "server", server["serverId"], "serverId", "server '%s'" % server.get("name")
        self.target = resolve_target(self.ctx, self.params, self.target_kinds, required=self.params["state"] != "absent")
        if self.target is None:
            return None
        kind = self.target.kind
        return kind.name, self.target.id, kind.id_field, self.target.describe()

    def find(self):
        self.owner_info = self.owner()
        if self.owner_info is None or self.owner_info[1] is None:
            return None
        schedule_type, owner_id, column, where = self.owner_info
        rows = self.client.get("schedule.list", {"id": owner_id, "scheduleType": schedule_type}) or []
        matches = [r for r in rows if r.get("name") == self.params["name"]]
        if len(matches) > 1:
            raise DokployError("%d schedules of %s are named '%s' (IDs: %s); Dokploy does not keep them unique: delete "
                               "the duplicates" % (len(matches), where, self.params["name"],
                                                   ", ".join(m["scheduleId"] for m in matches)))
        if not matches:
            return None
        return dict((k, v) for k, v in matches[0].items() if k not in NESTED)

    def label(self, obj=None):
        return "schedule '%s'" % self.params["name"]

    def refuse_keyless(self, doing):
        """Dokploy writes a server schedule's script on the server over SSH after a create or an update, and removes
        it before a delete (services/schedule.ts, handleScript / deleteSchedule): without a key the call fails with
        500 "No SSH key available for this server", after storing a create or an update (seen on a real v0.30.2)."""
        if self.keyless_server is not None:
            raise DokployParamError("Server '%s' has no SSH key, and Dokploy %s over SSH (it would answer 'No SSH key "
                                    "available for this server'%s): give the server a key first (dokploy_server ssh_key)"
                                    % (self.keyless_server, doing, "" if doing.startswith("removes") else
                                       ", after storing the schedule"), option="server")

    def apply(self, current, changes, desired, created=False):
        if changes and not created:
            self.refuse_keyless("writes the schedule's script on the server")
        return super(Schedule, self).apply(current, changes, desired, created)

    def check_delete(self, current):
        self.refuse_keyless("removes the schedule's script from the server before deleting it")

    def create_payload(self, desired):
        schedule_type, owner_id, column, where = self.owner_info
        runs = "command" if schedule_type in ("application", "compose") else "script"
        missing = [option for option in ("cron_expression", runs) if self.params[option] is None]
        if schedule_type == "compose" and self.params["service_name"] is None:
            missing.append("service_name")
        if missing:
            raise DokployParamError("Creating schedule '%s' of %s needs %s" % (self.params["name"], where, ", ".join(missing)),
                                    option=missing[0])
        self.refuse_keyless("writes the schedule's script on the server")
        payload = dict(desired, scheduleType=schedule_type)
        payload.setdefault("command", "")  # required by the API; machine schedules run their script
        if column:
            payload[column] = owner_id
        return payload
