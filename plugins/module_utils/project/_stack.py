# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A whole project from one declaration: the runner behind dokploy_stack.

Nothing is implemented twice. Each piece of the declaration is validated with the argument spec and the
``validate`` of its own module's resource class (messages prefixed by where the piece stands), and
converged by that same class, all in one Context: ``project.all``, each environment and each service row
are read once for the whole stack (the service rows concurrently, on a small pool), and writes stay
sequential and are never re-sent (engine/_resource.py). Order: project, environments, shared env, databases,
applications and compose, their children, deployments; then, with ``prune``, what is not declared.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from concurrent.futures import ThreadPoolExecutor

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError, DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._kinds import services_of
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._lifecycle import LIFECYCLE_STATES
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._lookup import DokployMissingError
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._application import Application
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._backup import Backup
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._basic_auth import BasicAuth
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._compose import Compose
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._database import Database
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._domain import Domain
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._env import EnvTarget
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._mount import Mount
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._patch import Patch
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._port import Port
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._project import (
    Environment,
    Project,
    is_default_environment,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._redirect import Redirect
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._schedule import Schedule
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._volume_backup import VolumeBackup
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._resource import refuse_unsupported
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._secrets import declared_variable_secrets, mask, shown_options
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._task import Task
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._target import target_argument_spec
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._params import resource_params

READ_WORKERS = 4

# section of an environment -> (resource class, target option naming one of its services); the order is the
# order of convergence (databases first: applications refer to them).
SERVICE_SECTIONS = tuple((resource_class.section, resource_class, option)
                         for resource_class, option in ((Database, "database"), (Application, "application"),
                                                        (Compose, "compose")))


# The children of a service, in the order of convergence. Each class knows its section (``domains``), how Dokploy
# lists it (Child.listed), which listed child a declaration names (Child.declared_by), how it is deleted and exported:
# adding a child type is its resource file, its module and its line here.
CHILDREN = (Domain, Mount, Port, Redirect, BasicAuth, Schedule, Backup, VolumeBackup, Patch)
DEFAULT_ENVIRONMENT = "production"    # the environment project.create makes
ENVIRONMENT_SECTION = "environment"    # the section of the pieces that are environments themselves
# action kinds that differ from the resource's result key
ACTION_KINDS = {EnvTarget.kind: "env"}
ENVIRONMENT_KEYS = ("description", "env") + tuple(section for section, resource_class, option in SERVICE_SECTIONS)


# Options the stack sets from where a piece stands; a declaration that sets them is refused.
SERVICE_POSITION = ("project", "project_id", "environment", "environment_id", "name")
SERVICE_KINDS_ID_OPTION = {"application": "application_id", "compose": "compose_id", "database": "database_id"}
CHILD_POSITION = tuple(option for option in target_argument_spec() if option != "database_type") + \
    ("server", "dokploy_host", "web_server")


def refuse_position(declared, options, where, source):
    found = sorted(option for option in options if option in declared)
    if found:
        raise DokployParamError("%s: %s cannot be set here: %s comes from %s" % (
            where, ", ".join(found), "it" if len(found) == 1 else "they", source))


def child_sections():
    return CHILDREN


class Piece(object):
    """One resource of the stack: its class, its validated parameters and where it stands in the declaration."""

    def __init__(self, resource_class, params, where, environment=None, section=None, name=None):
        self.resource_class = resource_class
        self.params = params
        self.where = where
        self.environment = environment
        self.section = section
        self.name = name
        self.state = params.get("state")


class Stack(Task):
    """Converges one project declaration; ``run()`` returns the module result."""

    shared_lookups = True   # many resources in one Context: lookups through the reads they share

    @classmethod
    def argument_spec(cls):
        return stack_argument_spec()

    @classmethod
    def validate(cls, params):
        if not (params.get("project") or "").strip():
            raise DokployParamError("project must not be empty", option="project")
        cls.parse(params)

    @classmethod
    def no_log_values(cls, params):
        """Only what the pieces' own specs mark no_log and their long variable values (``environments`` is no_log as
        a whole, so that Ansible does not log it on the target; masking all its values would mask every name)."""
        return declared_secrets(params)

    @classmethod
    def shown_params(cls, params):
        """The parameters as the invocation shows them: every variables option of the declaration masked."""
        shown = shown_options(params)
        environments = params.get("environments")
        if isinstance(environments, dict):
            shown["environments"] = dict((name, shown_environment(declaration))
                                         for name, declaration in environments.items())
        return shown

    def __init__(self, ctx, params):
        super(Stack, self).__init__(ctx, params)
        self.actions = []
        self.diffs = []
        self.services = {}
        self.plan = self.parse(params)
        self.show_diff = ctx.diff
        self.project_pending = False    # check mode: the project does not exist yet
        # In check mode a single module warns that a missing project, environment or service is taken as one an
        # earlier task would create; in a stack it is always one the stack itself plans, so that says nothing.
        ctx.warn_pending = False

    # -- the declaration -----------------------------------------------------------------------

    @classmethod
    def parse(cls, params):
        """Every piece of the declaration, validated, in the order of convergence; raises DokployParamError."""
        project = params["project"]
        pieces = [Piece(Project, resource_params(Project, {"name": project, "description": params.get("description"),
                                                           "state": "present"}, "project"), "project", name=project)]
        environments = params.get("environments") or {}
        if not isinstance(environments, dict):
            raise DokployParamError("environments must be a dict of environment names to their declarations",
                                    option="environments")
        if params.get("env") is not None:
            pieces.append(Piece(EnvTarget, resource_params(EnvTarget, {"project": project, "env": params["env"],
                                                                       "exclusive": True}, "env"), "env", name=project))
        services, children = [], []
        for env_name, declaration in environments.items():
            where = "environments.%s" % env_name
            declaration = declaration or {}
            if not isinstance(declaration, dict):
                raise DokployParamError("%s must be a dict (%s)" % (where, ", ".join(ENVIRONMENT_KEYS)))
            unknown = sorted(set(declaration) - set(ENVIRONMENT_KEYS))
            if unknown:
                raise DokployParamError("%s: unsupported parameters: %s (expected %s)"
                                        % (where, ", ".join(unknown), ", ".join(ENVIRONMENT_KEYS)))
            pieces.append(Piece(Environment, resource_params(Environment, {
                "project": project, "name": env_name, "description": declaration.get("description")}, where),
                where, environment=env_name, section=ENVIRONMENT_SECTION, name=env_name))
            if declaration.get("env") is not None:
                pieces.append(Piece(EnvTarget, resource_params(EnvTarget, {
                    "project": project, "environment": env_name, "env": declaration["env"], "exclusive": True},
                    where + ".env"), where + ".env", environment=env_name, name=env_name))
            for section, resource_class, option in SERVICE_SECTIONS:
                listed = declaration.get(section) or {}
                if not isinstance(listed, dict):
                    raise DokployParamError("%s.%s must be a dict of service names to the options of their module"
                                            % (where, section))
                for name, service in listed.items():
                    service_where = "%s.%s.%s" % (where, section, name)
                    service, child_decls = cls.split_children(service, service_where, option)
                    refuse_position(service, SERVICE_POSITION + (SERVICE_KINDS_ID_OPTION[option],), service_where,
                                    "where the service stands")
                    service.update(project=project, environment=env_name, name=name)
                    piece = Piece(resource_class, resource_params(resource_class, service, service_where), service_where,
                                  environment=env_name, section=section, name=name)
                    services.append(piece)
                    children.extend(cls.child_pieces(piece, option, child_decls))
        return pieces + services + children

    @staticmethod
    def split_children(service, where, option):
        if not isinstance(service, dict):
            raise DokployParamError("%s must be a dict of the options of its module" % where)
        service = dict(service)
        found = {}
        for child_class in child_sections():
            if child_class.section in service:
                found[child_class.section] = service.pop(child_class.section)
                if option not in child_class.target_kinds:
                    raise DokployParamError("%s.%s: a %s has no %s (%s only)" % (
                        where, child_class.section, option, child_class.section, ", ".join(child_class.target_kinds)))
        return service, found

    @staticmethod
    def child_pieces(service, option, declarations):
        pieces = []
        for child_class in child_sections():
            items = declarations.get(child_class.section)
            if items is None:
                continue
            if not isinstance(items, list):
                raise DokployParamError("%s.%s must be a list" % (service.where, child_class.section))
            for index, item in enumerate(items):
                where = "%s.%s[%d]" % (service.where, child_class.section, index)
                if not isinstance(item, dict):
                    raise DokployParamError("%s must be a dict of the options of its module" % where)
                refuse_position(item, CHILD_POSITION + (("database_type",) if option == "database" else ()), where,
                                "the service it is listed under")
                params = dict(item, project=service.params["project"], environment=service.environment)
                params[option] = service.name
                if option == "database":
                    params["database_type"] = service.params["type"]
                pieces.append(Piece(child_class, resource_params(child_class, params, where), where,
                                    environment=service.environment, section=child_class.section, name=service.name))
        return pieces

    # -- converging ----------------------------------------------------------------------------

    def run(self):
        if self.params.get("state") == "absent":
            return self.remove()
        self.preflight()
        self.prefetch()
        deployments = []
        for piece in self.plan:
            params = piece.params
            if self.created_with_project(piece):
                continue
            if piece.state in LIFECYCLE_STATES:
                params = dict(params, state="present")  # deployments come last
            resource = piece.resource_class(self.ctx, params)
            result = self.converge(resource, piece)
            if piece.section in [section for section, cls, option in SERVICE_SECTIONS]:
                obj = result.get(resource.kind) or {}
                self.services.setdefault(piece.environment, {}).setdefault(piece.section, {})[piece.name] = \
                    obj.get(resource.id_field)
                if piece.state in LIFECYCLE_STATES:
                    deployments.append((resource, piece, result))
        for resource, piece, result in deployments:
            before = result.get("changed")
            result = self.step(piece, lambda: resource.reach(piece.state, result))
            if result.get("lifecycle_action"):
                self.act(result["lifecycle_action"], piece)
            elif result.get("changed") and not before:
                self.act("deploy", piece)
        if self.params.get("prune"):
            self.prune()
        return self.result()

    def preflight(self):
        """What the declaration asks that the server's Dokploy version lacks is refused before the first write (the
        project would be created first otherwise), all of it in one message; one version read, none when nothing
        declared depends on the version."""
        refuse_unsupported(self.ctx.client, [(capability, "%s: %s" % (piece.where, option)) for piece in self.plan
                                             for capability, option in piece.resource_class.version_needs(piece.params)])

    def step(self, piece, action):
        """Run ``action``; a failure stops the stack, saying where, with what was done so far."""
        try:
            return action()
        except DokployError as error:
            error.message = "%s: %s" % (piece.where, error.message)
            partial = self.result()
            partial["failed_at"] = piece.where
            if error.result:
                partial["failed_result"] = error.result
            error.result = partial
            raise

    def created_with_project(self, piece):
        """In check mode, the default environment of a project that does not exist yet: project.create makes it."""
        return self.project_pending and piece.section == ENVIRONMENT_SECTION and piece.name == DEFAULT_ENVIRONMENT \
            and piece.params.get("description") is None

    def converge(self, resource, piece):
        result = self.step(piece, resource.run)
        if resource.change.action:
            if piece.where == "project" and resource.change.action == "create" and self.ctx.check_mode:
                self.project_pending = True
            self.act(resource.change.action, piece, resource.kind)
            self.record_diff(result.get("diff") or {}, piece)
        return result

    def record_diff(self, diff, piece):
        self.diffs.append(dict(diff, before_header=piece.where, after_header=piece.where))

    def act(self, action, piece, kind=None):
        kind = kind or piece.resource_class.kind
        entry = {"action": action, "kind": ACTION_KINDS.get(kind, kind), "name": piece.name or piece.where,
                 "environment": piece.environment, "where": piece.where}
        self.actions.append(entry)

    def result(self):
        result = {"changed": bool(self.actions), "actions": list(self.actions), "services": self.services}
        if self.show_diff:
            result["diff"] = list(self.diffs)
        return result

    # -- reads shared by the whole stack ----------------------------------------------------------

    def prefetch(self):
        """Read, concurrently, every environment and service row of the project that the resources will ask for."""
        try:
            project = self.ctx.resolver.project(name=self.params["project"])
        except DokployMissingError:
            return  # a new project: nothing to read yet
        read_project(self.ctx, project)

    # -- prune and absent ------------------------------------------------------------------------

    def prune(self):
        """Delete what the project holds that the declaration does not: children, services, environments."""
        declared = dict((piece.where, piece) for piece in self.plan)
        project = self.ctx.resolver.project(name=self.params["project"], required=False)
        if project is None:
            return
        environments = self.params.get("environments") or {}
        for environment in project.get("environments") or []:
            name = environment.get("name")
            detail = self.ctx.resolver.environment_detail(environment["environmentId"])
            kept_env = name in environments or is_default_environment(environment)
            for kind, item, env in services_of([detail]):
                section, resource_class, option = self.section_of(kind)
                where = "environments.%s.%s.%s" % (name, section, item.get("name"))
                if kept_env and where in declared:
                    self.prune_children(declared[where], kind, item)
                    continue
                self.delete_service(resource_class, kind, item, where, name)
            if not kept_env:
                piece = Piece(Environment, {"project": self.params["project"], "name": name, "state": "absent",
                                            "environment_id": environment["environmentId"], "project_id": None,
                                            "description": None}, "environments.%s" % name, environment=name, name=name)
                if self.ctx.check_mode:
                    # Its services would be gone by now; Environment.check_delete would still see them.
                    self.act("delete", piece)
                    self.record_diff({"before": {"environmentId": environment["environmentId"], "name": name},
                                      "after": {}}, piece)
                else:
                    self.delete(piece)

    @staticmethod
    def section_of(kind):
        for section, resource_class, option in SERVICE_SECTIONS:
            if (kind.is_database and option == "database") or kind.name == option:
                return section, resource_class, option
        raise DokployError("no stack section for a %s" % kind.name)

    def delete_service(self, resource_class, kind, item, where, environment):
        params = resource_params(resource_class, dict(
            {kind.id_option: item[kind.id_field], "state": "absent"}, **({"type": kind.name} if kind.is_database else {})))
        self.delete(Piece(resource_class, params, where, environment=environment, name=item.get("name")))

    def delete(self, piece):
        resource = piece.resource_class(self.ctx, piece.params)
        result = self.step(piece, resource.run)
        if result.get("changed"):
            self.act("delete", piece, resource.kind)
            self.record_diff(result.get("diff") or {}, piece)

    def prune_children(self, service_piece, kind, item):
        """Delete the children of a declared service that its sections (those given) do not declare."""
        row = self.ctx.resolver.row(kind, item[kind.id_field])
        for child_class in child_sections():
            if child_class.section not in self.declared_sections(service_piece):
                continue  # a section left out is not managed
            declared = [p for p in self.plan if p.section == child_class.section
                        and p.where.startswith(service_piece.where + ".")]
            for child in child_class.listed(self.ctx, kind, row):
                if not any(child_class.declared_by(self.ctx, child, p.params) for p in declared):
                    where = "%s.%s(%s)" % (service_piece.where, child_class.section, child.get(child_class.id_field))
                    self.delete_child(child_class, kind, row, child, where, service_piece)

    def declared_sections(self, service_piece):
        declaration = ((self.params.get("environments") or {}).get(service_piece.environment) or {}) \
            .get(service_piece.section, {}).get(service_piece.name) or {}
        return [child_class.section for child_class in child_sections() if child_class.section in declaration]

    def delete_child(self, child_class, kind, row, child, where, service_piece):
        piece = Piece(child_class, {"state": "absent"}, where, environment=service_piece.environment,
                      name=service_piece.name)
        if not self.ctx.check_mode:
            self.step(piece, lambda: child_class.remove(self.ctx, kind, row, child))
        self.act("delete", piece, child_class.kind)
        shown = dict((key, mask(child.get(key))) for key in child_class.identity_fields() + [child_class.id_field]
                     if key in child)
        self.record_diff({"before": shown, "after": {}}, piece)

    def remove(self):
        """``state: absent``: the project with everything in it, as dokploy_project with force does."""
        piece = Piece(Project, resource_params(Project, {"name": self.params["project"], "state": "absent",
                                                         "force": True}), "project", name=self.params["project"])
        self.delete(piece)
        return self.result()


def read_project(ctx, project):
    """Every environment (``environment.one``) and service row (``<kind>.one``) of ``project``, read concurrently
    on a small pool into the run's shared cache; ``[(environment detail, [(kind, service row)])]``."""
    environments = project.get("environments") or []
    with ThreadPoolExecutor(max_workers=READ_WORKERS) as pool:
        details = list(pool.map(lambda e: ctx.resolver.environment_detail(e["environmentId"]), environments))
        found = [(detail, services_of([detail])) for detail in details]
        reads = [(kind, item[kind.id_field]) for detail, services in found for kind, item, env in services]
        rows = dict(zip(reads, pool.map(lambda read: ctx.resolver.row(*read), reads)))
    return [(detail, [(kind, rows[(kind, item[kind.id_field])]) for kind, item, env in services])
            for detail, services in found]


def stack_argument_spec():
    return dict(
        project=dict(type="str", required=True),
        description=dict(type="str"),
        env=dict(type="raw", no_log=False),  # masked by the collection (secrets.VARIABLE_OPTIONS)
        environments=dict(type="dict", default={}, no_log=True),
        prune=dict(type="bool", default=False),
        state=dict(type="str", choices=["present", "absent"], default="present"),
    )


def declared_secrets(params):
    """The values that the pieces' own argument specs mark no_log, read from the declaration as it was given: the
    module never prints them, not even in the message of a declaration that fails validation."""
    from ansible.module_utils.common.parameters import _list_no_log_values  # pylint: disable=import-outside-toplevel
    secrets = set()

    def add(resource_class, values):
        if isinstance(values, dict):
            spec = resource_class.argument_spec()
            secrets.update(_list_no_log_values(spec, values))
            secrets.update(declared_variable_secrets(spec, values))

    add(EnvTarget, {"env": params.get("env")})
    for declaration in dict_values(params.get("environments")):
        add(EnvTarget, {"env": declaration.get("env")})
        for section, resource_class, option in SERVICE_SECTIONS:
            for service in dict_values(declaration.get(section)):
                add(resource_class, service)
                for child_class in CHILDREN:
                    items = service.get(child_class.section)
                    for item in items if isinstance(items, list) else []:
                        add(child_class, item)
    return secrets


def shown_environment(declaration):
    """One environment's declaration with the variables of the environment and of each service masked."""
    if not isinstance(declaration, dict):
        return declaration
    shown = shown_options(declaration)
    for section, resource_class, option in SERVICE_SECTIONS:
        services = declaration.get(section)
        if isinstance(services, dict):
            shown[section] = dict((name, shown_options(service) if isinstance(service, dict) else service)
                                  for name, service in services.items())
    return shown


def dict_values(value):
    """The dict values of ``value`` when it is a dict (a declaration not validated yet may hold anything)."""
    return [item for item in value.values() if isinstance(item, dict)] if isinstance(value, dict) else []
