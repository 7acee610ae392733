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

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine import _dotenv as dotenv
from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._capabilities import require, require_kind
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._checks import check_ids, check_name
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._service_checks import LIMIT_OPTIONS, check_env_option
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError, DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._kinds import SERVICE_KINDS
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._lifecycle import (
    LIFECYCLE_STATES,
    DokployDeploymentError,
    Lifecycle,
    check_lifecycle,
    lifecycle_argument_spec,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._lookup import DokployMissingError
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._resource import Field, Resource, VersionField, normalize
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._secrets import mask
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._swarm import COLUMNS as SWARM_COLUMNS
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._swarm import endpoint_conflict, swarm_desired

SERVICE_STATES = ["present", "absent"] + list(LIFECYCLE_STATES)
SWARM_FIELDS = frozenset(SWARM_COLUMNS.values())


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


def env_text(current_text, value, mode):
    """The dotenv text an env-like option asks for. A dict replaces every variable (``mode`` replace) or
    only its own keys (merge), keeping comments and the order of the lines that stay; a string is verbatim."""
    if isinstance(value, dict):
        return dotenv.edit(current_text or "", value, exclusive=(mode != "merge"))[0]
    return value


def asks_bitbucket_slug(params):
    """Whether ``git_provider`` names a Bitbucket slug other than the repository (what older servers clone)."""
    provider = params.get("git_provider") or {}
    slug = provider.get("bitbucket_repository_slug")
    return slug not in (None, "") and slug != provider.get("repository")


class Service(Resource):
    """A service of ``service_kind`` (databases: of the kind named by the ``type`` parameter)."""

    service_kind = None
    env_fields = (("env", "env"),)   # env-like options -> API fields
    # Service columns later Dokploy versions brought (the engine refuses a set one before any write on older servers,
    # whose zod input would drop it unseen and report a change on every run).
    version_fields = (VersionField("args", "service.args"),
                      VersionField("ulimitsSwarm", "service.ulimitsSwarm", option="ulimits"),
                      VersionField("networkIds", "service.networkIds", option="networks"),
                      VersionField("detachDokployNetwork", "service.networkIds", option="detach_dokploy_network",
                                   implied=False),
                      VersionField("buildRegistryId", "application.buildRegistry", option="build_registry"),
                      # before v0.26.7 Dokploy clones bitbucketRepository itself (utils/providers/bitbucket.ts, v0.30.2:
                      # ``bitbucketRepositorySlug || bitbucketRepository``): a slug equal to it asks nothing
                      VersionField("bitbucketRepositorySlug", "bitbucket.repositorySlug",
                                   option="git_provider.bitbucket_repository_slug",
                                   implied=lambda values: values.get("bitbucketRepository"), asked=asks_bitbucket_slug))
    section = None                   # its section of an environment in a whole project ("applications")
    # How an export (stack_export.py) gives a row back as options: Dokploy's defaults of a new service (a value equal
    # to them is left out), and the fields of each source type ({sourceType: Fields}), read only for that source.
    export_defaults = {}
    export_sources = {}
    export_source_options = ()      # options of every Git source (watch paths, submodules)
    export_groups = ()              # (dict option, its Fields, the defaults of their columns): settings under one option
    swarm = False                    # whether it has the swarm settings (resources/_swarm.py): applications and databases
    endpoint_default = "vip"         # the endpoint mode Dokploy gives its swarm service without an endpoint spec

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
        require_kind(self.client, self.spec, "dokploy_database type=libsql")
        try:
            # One database alone is found in two requests by search; many resources of one run share environment.one.
            found = self.resolver.find_service(
                self.spec, name=params.get("name"), service_id=params.get(self.spec.id_option),
                project_name=params.get("project"), environment_name=params.get("environment"),
                project_id=params.get("project_id"), environment_id=params.get("environment_id"),
                search=not self.ctx.shared_lookups)
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

    def swarm_wanted(self, current, wanted):
        """The swarm columns the options ask for (resources/_swarm.py), with the networks resolved by name; ``wanted``:
        the other fields desired (the ports the service would publish)."""
        params = self.params
        desired = swarm_desired(params, self.endpoint_default)
        if params.get("detach_dokploy_network") is not None:
            desired["detachDokployNetwork"] = params["detach_dokploy_network"]
        if params.get("networks") is not None:
            desired["networkIds"] = self.network_ids(current, params["networks"])
        if "networkIds" in desired or "detachDokployNetwork" in desired:
            desired["networkSwarm"] = None  # the raw column, when set, wins over both (resolveServiceNetworks)
        error = endpoint_conflict(params.get("endpoint_mode"), self.endpoint_default, self.published_ports(current, wanted))
        if error:
            raise error
        return desired

    def published_ports(self, current, wanted):
        """What the service publishes without an endpoint spec, as a text for a message (None: nothing)."""
        return None

    def network_ids(self, current, names):
        """The IDs of the overlay networks ``names`` (names or IDs of dokploy_network rows) on the service's server.
        Dokploy itself leaves out a network that is missing or not overlay without a word (resolveServiceNetworks):
        both are refused here."""
        if not names:
            return []
        if current is None or "networkIds" not in current:
            require(self.client.version(), "service.networkIds", "%s: networks" % self.label(current))
        server_id = current.get("serverId") if current is not None else self.server_id()
        where = ("on server '%s'" % ((current or {}).get("server") or {}).get("name", self.params.get("server") or server_id)
                 if server_id else "on the Dokploy host")
        ids = []
        for name in names:
            try:
                network = self.resolver.network(name, server_id, where)
            except DokployMissingError as error:
                self.ctx.missing_parent(error, "network", consequence="%s would use it" % self.label(current))
                network = {"networkId": name, "driver": "overlay"}  # check mode: one an earlier task creates
            if network.get("driver") != "overlay":
                raise DokployParamError("networks: network '%s' %s is a %s network; a swarm service joins only overlay "
                                        "networks (Dokploy leaves the others out), so create it with driver: overlay"
                                        % (name, where, network.get("driver")), option="networks")
            if network["networkId"] not in ids:
                ids.append(network["networkId"])
        return ids

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

    def normalize_field(self, field, value):
        if field in SWARM_FIELDS and value in ([], {}):
            return None  # an empty swarm setting is no setting: Dokploy hands Docker its defaults
        if field == "networkIds":
            return sorted(set(value or []))  # a set: the order of the networks means nothing to Docker
        return normalize(value)

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

def limits_argument_spec():
    return dict((option, dict(type="str")) for option, field, convert in LIMIT_OPTIONS)


def limit_fields():
    """The Field declarations of the resource limits (converted to what Dokploy stores)."""
    return tuple(Field(option, field, convert=(lambda value, option=option, convert=convert: convert(option, value)))
                 for option, field, convert in LIMIT_OPTIONS)
