# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The base of every service resource: applications, compose stacks and the six database types.

Written once here: the lookup project -> environment -> service -> ``<kind>.one``; the server a new
service runs on (and the one policy for a different server on an existing one: a warning, since Dokploy
cannot move a service); how ``env`` given as a dict is applied; and the lifecycle states.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import math
import re

from ansible_collections.dokploy.dokploy.plugins.module_utils import dotenv
from ansible_collections.dokploy.dokploy.plugins.module_utils.client import DokployError, DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.kinds import SERVICE_KINDS
from ansible_collections.dokploy.dokploy.plugins.module_utils.lifecycle import (
    LIFECYCLE_STATES,
    DokployDeploymentError,
    Lifecycle,
    check_lifecycle,
    lifecycle_argument_spec,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookup import DokployMissingError
from ansible_collections.dokploy.dokploy.plugins.module_utils.resource import Field, Resource, VersionField
from ansible_collections.dokploy.dokploy.plugins.module_utils.secrets import mask
from ansible_collections.dokploy.dokploy.plugins.module_utils.target import check_ids, check_name

SERVICE_STATES = ["present", "absent"] + list(LIFECYCLE_STATES)


def service_argument_spec(id_option):
    """The options every service module has: where it is, its name or ID, description, server, env, state."""
    spec = dict(
        lifecycle_argument_spec(),
        project=dict(type="str"),
        project_id=dict(type="str"),
        environment=dict(type="str", default="production"),
        environment_id=dict(type="str"),
        name=dict(type="str"),
        description=dict(type="str"),
        server=dict(type="str"),
        server_id=dict(type="str"),
        env=dict(type="raw", no_log=False),  # its values are masked by the collection (secrets.VARIABLE_OPTIONS)
        env_mode=dict(type="str", choices=["replace", "merge"], default="replace"),
        state=dict(type="str", choices=SERVICE_STATES, default="present"),
    )
    spec[id_option] = dict(type="str")
    return spec


def service_module_kwargs(id_option, **extra):
    kwargs = dict(required_one_of=[("name", id_option)],
                  mutually_exclusive=[("server", "server_id"), ("project", "project_id")])
    for key, value in extra.items():
        kwargs[key] = kwargs.get(key, []) + list(value) if isinstance(value, list) else value
    return kwargs


def check_env_option(option, value):
    """An env-like option: a dict of variables (string, number or boolean values) or a dotenv string."""
    if value is None or isinstance(value, str):
        return
    if not isinstance(value, dict):
        raise DokployParamError("%s must be a dict of variables or a dotenv string, not %s" % (option, type(value).__name__),
                                option=option)
    try:
        dotenv.validate_keys(list(value))
        dotenv.validate_values(value)
    except dotenv.DotenvError as error:
        raise DokployParamError("%s: %s" % (option, error), option=option)


# A Git URL Dokploy can clone: http(s)://, ssh:// or git://, or scp-like user@host:path. A local path or file://
# would clone from the Dokploy server's own disk.
GIT_URL = re.compile(r"^(?:(?:https?|ssh|git)://[^\s/@]+(?:@[^\s/]+)?(?:/\S*)?|[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:\S+)$")
# What git refuses in a branch name (git check-ref-format): whitespace, control characters, ~^:?*[\ and "..".
GIT_BAD_BRANCH = re.compile(r"[\s\x00-\x1f\x7f~^:?*\[\\]|\.\.")


def check_git_url(option, value):
    if value is not None and not GIT_URL.match(value):
        raise DokployParamError("%s '%s' is not a Git URL Dokploy can clone: use https://host/owner/repo.git, "
                                "ssh://git@host/owner/repo.git or git@host:owner/repo.git" % (option, value), option=option)


def check_branch(option, value, pattern=None):
    """Refuse a branch name git refuses, or one that does not match ``pattern`` (Dokploy's, where it has one)."""
    if value is not None and (GIT_BAD_BRANCH.search(value) or (pattern is not None and not pattern.match(value))):
        raise DokployParamError("%s '%s' is not a valid branch name: use letters, digits and . _ - / #"
                                % (option, value), option=option)


def check_repository_path(option, value):
    """Refuse a path inside the service's repository that climbs out of it (a ``..`` segment)."""
    if value is not None and ".." in value.replace("\\", "/").split("/"):
        raise DokployParamError("%s '%s' must stay inside the repository: no '..' segments" % (option, value),
                                option=option)


def env_text(current_text, value, mode):
    """The dotenv text an env-like option asks for. A dict replaces every variable (``mode`` replace) or
    only its own keys (merge), keeping comments and the order of the lines that stay; a string is verbatim."""
    if isinstance(value, dict):
        return dotenv.edit(current_text or "", value, exclusive=(mode != "merge"))[0]
    return value


class Service(Resource):
    """A service of ``service_kind`` (databases: of the kind named by the ``type`` parameter)."""

    service_kind = None
    env_fields = (("env", "env"),)   # env-like options -> API fields
    # Service columns later Dokploy versions brought (the engine refuses a set one before any write on older servers,
    # whose zod input would drop it unseen and report a change on every run).
    version_fields = (VersionField("args", "service.args"),
                      VersionField("buildRegistryId", "application.buildRegistry", option="build_registry"))
    section = None                   # its section of an environment in a whole project ("applications")
    # How an export (stack_export.py) gives a row back as options: Dokploy's defaults of a new service (a value equal
    # to them is left out), and the fields of each source type ({sourceType: Fields}), read only for that source.
    export_defaults = {}
    export_sources = {}
    export_source_options = ()      # options of every Git source (watch paths, submodules)

    @classmethod
    def export_fields(cls, kind):
        """The settings an export reads from a row of ``kind`` (the source and the variables apart)."""
        sourced = set(f.api for fields in cls.export_sources.values() for f in fields)
        return [f for f in cls.fields if f.api not in sourced]

    @classmethod
    def export_defaults_of(cls, kind):
        return cls.export_defaults

    @classmethod
    def validate(cls, params):
        id_option = (cls.service_kind.id_option if cls.service_kind else "database_id")
        check_name("name", params.get("name"))
        check_name("environment", params.get("environment"))
        check_ids(params, (id_option, "server_id", "project_id", "environment_id"))
        check_lifecycle(params)
        if not params.get(id_option) and not (params.get("project") or params.get("project_id")
                                              or params.get("environment_id")):
            raise DokployParamError("project (or project_id, or environment_id) is required to select a service by "
                                    "name (or set %s)" % id_option, option="project")
        for option, field in cls.env_fields:
            check_env_option(option, params.get(option))

    def __init__(self, ctx, params):
        super(Service, self).__init__(ctx, params)
        self.spec = self.service_kind or SERVICE_KINDS[params["type"]]
        self.id_field = self.spec.id_field
        self.create_procedure = self.spec.procedure("create")
        self.delete_procedure = self.spec.delete
        self.project = None
        self.environment = None

    # -- finding -------------------------------------------------------------------------------

    def find(self):
        params = self.params
        self.project = self.environment = None
        try:
            # One database alone is found in two requests by search; many resources of one run share environment.one.
            found = self.resolver.find_service(
                self.spec, name=params.get("name"), service_id=params.get(self.spec.id_option),
                project_name=params.get("project"), environment_name=params.get("environment"),
                project_id=params.get("project_id"), environment_id=params.get("environment_id"),
                search=not self.ctx.shared_lookups, what="dokploy_database type=libsql")
        except DokployMissingError as error:
            if params.get("state") == "absent":
                return None
            if params.get(self.spec.id_option):
                raise   # a service chosen by its ID is never one an earlier task creates
            self.ctx.missing_parent(error, consequence="%s would be created" % self.label())
            return None
        if found is None:
            # not there: a new service goes where the lookup looked
            self.project, self.environment = self.resolver.locate_environment(
                project_name=params.get("project"), environment_name=params.get("environment"),
                project_id=params.get("project_id"), environment_id=params.get("environment_id"))
            return None
        self.project, self.environment = found.project, found.environment
        return found.row

    # -- desired state -------------------------------------------------------------------------

    def desired(self, current):
        desired = super(Service, self).desired(current)
        if self.params.get(self.spec.id_option) and self.params.get("name") is not None:
            desired["name"] = self.params["name"]  # a service chosen by ID is renamed
        mode = self.params.get("env_mode") or "replace"
        for option, field in self.env_fields:
            if self.params.get(option) is not None:
                desired[field] = env_text((current or {}).get(field), self.params[option], mode)
        return desired

    def server_id(self):
        """The serverId a new service runs on (None: the Dokploy host); looked up, since Dokploy answers an unknown
        serverId with a misleading 401 [448]."""
        if not (self.params.get("server") or self.params.get("server_id")):
            return None
        return self.resolver.server(name=self.params.get("server"), server_id=self.params.get("server_id"))["serverId"]

    def create_base(self):
        """What every create call takes: name, environment, description, server."""
        if not self.params.get("name"):
            raise DokployParamError("name is required to create a %s" % self.spec.noun, option="name")
        payload = {"name": self.params["name"],
                   "environmentId": self.environment["environmentId"] if self.environment else None}
        if self.params.get("description") is not None:
            payload["description"] = self.params["description"]
        server_id = self.server_id()
        if server_id:
            payload["serverId"] = server_id
        return payload

    def compare(self, current, desired):
        self.warn_if_moved(current)
        return super(Service, self).compare(current, desired)

    def warn_if_moved(self, current):
        """Dokploy cannot move a service to another server: a different server only warns."""
        wanted = self.params.get("server_id") or self.params.get("server")
        if not wanted:
            return
        server = current.get("server") or {}
        if wanted in (current.get("serverId"), server.get("name")):
            return
        if self.params.get("server") and not server and current.get("serverId"):
            if self.resolver.server(name=self.params["server"])["serverId"] == current["serverId"]:
                return
        self.ctx.warn("%s runs on %s; Dokploy cannot move an existing service to another server, so server and "
                      "server_id are only used when it is created" % (
                          self.label(current), "server '%s'" % (server.get("name") or current.get("serverId"))
                          if current.get("serverId") else "the Dokploy host"))

    def label(self, obj=None):
        name = (obj or {}).get("name") or self.params.get("name")
        return "%s '%s'" % (self.spec.noun, name) if name else self.spec.noun

    # -- lifecycle -----------------------------------------------------------------------------

    def converge(self):
        state = self.params.get("state")
        if state not in LIFECYCLE_STATES:
            return super(Service, self).converge()
        return self.reach(state, self.ensure_present())

    def reach(self, state, result):
        """Bring the service whose configuration ``result`` converged to the lifecycle ``state``."""
        obj = result.get(self.kind) or {}
        lifecycle = Lifecycle(self.ctx, self.spec.name, obj.get(self.id_field), self.params)
        if obj and not result.get("changed") and not self.ctx.check_mode:
            lifecycle.seed(obj)  # the row just read: its status, appName and replicas, without reading it again
        try:
            outcome = lifecycle.converge(state, changed_config=bool(result.get("changed")))
        except DokployDeploymentError as error:
            # Beside a failed deployment, the service's identity and status, not its 100 settings.
            failed = dict(result, changed=True, deployment=mask(error.deployment) if error.deployment else {})
            failed[self.kind] = self.identity(obj, lifecycle)
            error.result = failed
            raise
        result["changed"] = bool(result.get("changed")) or outcome["changed"]
        result["deployment"] = outcome["deployment"]
        result["lifecycle_action"] = outcome["lifecycle_action"]
        if obj and outcome.get("status"):
            obj[self.spec.status_field] = outcome["status"]
        return result

    def identity(self, obj, lifecycle):
        shown = dict((key, obj.get(key)) for key in (self.id_field, "name", "appName", "environmentId") if key in obj)
        try:
            shown[self.spec.status_field] = lifecycle.status(refresh=True)
        except DokployError:
            shown[self.spec.status_field] = obj.get(self.spec.status_field)  # the status is only informative here
        return shown


# -- resource limits ---------------------------------------------------------------------------------------------

_MEMORY_UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1024, "ki": 1024, "kib": 1024, "m": 1024 ** 2, "mb": 1024 ** 2,
                 "mi": 1024 ** 2, "mib": 1024 ** 2, "g": 1024 ** 3, "gb": 1024 ** 3, "gi": 1024 ** 3, "gib": 1024 ** 3,
                 "t": 1024 ** 4, "tb": 1024 ** 4, "ti": 1024 ** 4, "tib": 1024 ** 4}
NANO = 10 ** 9


def _number_and_unit(text):
    text = str(text).strip()
    number = text.rstrip("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ").strip()
    try:
        return float(number), text[len(number):].strip().lower()
    except ValueError:
        return None, None


def memory_bytes(option, value):
    """``512M``, ``1.5G``, ``1GiB`` or a number of bytes -> the number of bytes as Dokploy stores it (a string)."""
    if value is None or value == "":
        return value
    number, unit = _number_and_unit(value)
    if number is None or unit not in _MEMORY_UNITS or number < 0:
        raise DokployParamError("%s must be a size such as 512M, 1.5G or a number of bytes, not '%s'" % (option, value),
                                option=option)
    return str(int(round(number * _MEMORY_UNITS[unit])))


def nano_cpus(option, value):
    """``0.5`` or ``2`` CPUs (below 1000) or a whole number of nano CPUs (1000 and more) -> nano CPUs (a string)."""
    if value is None or value == "":
        return value
    try:
        number = float(str(value).strip())
    except ValueError:
        number = None
    if number is None or number < 0 or math.isnan(number):
        raise DokployParamError("%s must be a number of CPUs such as 0.5 or 2 (or of nano CPUs, 1000 and more), not '%s'"
                                % (option, value), option=option)
    return str(int(round(number * NANO))) if number < 1000 else str(int(number))


LIMIT_OPTIONS = (("memory_limit", "memoryLimit", memory_bytes), ("memory_reservation", "memoryReservation", memory_bytes),
                 ("cpu_limit", "cpuLimit", nano_cpus), ("cpu_reservation", "cpuReservation", nano_cpus))


def limits_argument_spec():
    return dict((option, dict(type="str")) for option, field, convert in LIMIT_OPTIONS)


def limit_fields():
    """The Field declarations of the resource limits (converted to what Dokploy stores)."""
    return tuple(Field(option, field, convert=(lambda value, option=option, convert=convert: convert(option, value)))
                 for option, field, convert in LIMIT_OPTIONS)


def check_limits(params):
    """Each limit is valid, and no reservation is above its limit (Docker refuses such a task when it deploys)."""
    converted = dict((option, convert(option, params.get(option))) for option, field, convert in LIMIT_OPTIONS)
    for reservation, limit in (("memory_reservation", "memory_limit"), ("cpu_reservation", "cpu_limit")):
        if converted[reservation] and converted[limit] and 0 < int(converted[limit]) < int(converted[reservation]):
            raise DokployParamError("%s (%s) must not be more than %s (%s)" % (
                reservation, params[reservation], limit, params[limit]), option=reservation)
