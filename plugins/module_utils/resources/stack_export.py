# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A live project as a dokploy_stack declaration: the export behind dokploy_stack_info.

The API rows are turned back into module options through the same ``Field(option, api)`` declarations the
resources converge with (and the same sections as stack.py), so an exported declaration fed to dokploy_stack
finds every field equal: nothing changes and nothing is written. Only what differs from what Dokploy sets
on a new object is kept (``DEFAULTS``); secret options (no_log ones, passwords, and the variables: env) are left out unless
``include_secrets``, and where they were left out is listed.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from concurrent.futures import ThreadPoolExecutor

from ansible_collections.dokploy.dokploy.plugins.module_utils import dotenv
from ansible_collections.dokploy.dokploy.plugins.module_utils.git_source import PROVIDER_TYPES, provider_fields
from ansible_collections.dokploy.dokploy.plugins.module_utils.resource import Field, Task, normalize
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources.application import (
    DOCKER_FIELDS,
    GIT_FIELDS,
    SOURCE_OPTIONS,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources.backup import CREDENTIAL_FIELDS as BACKUP_CREDENTIAL_FIELDS
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources.backup import CREDENTIALS as BACKUP_CREDENTIALS
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources.backup import Backup
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources.basic_auth import BasicAuth
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources.compose import Compose
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources.database import COMMON_FIELDS
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources.database import TYPE_FIELDS as DATABASE_TYPE_FIELDS
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources.domain import Domain
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources.mount import TYPE_FIELDS, TYPE_OPTIONS, Mount
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources.stack import (
    CHILD_SECTIONS,
    READ_WORKERS,
    Stack,
    read_project,
    unnested_lists,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources.volume_backup import VolumeBackup
from ansible_collections.dokploy.dokploy.plugins.module_utils.secrets import is_secret_option
from ansible_collections.dokploy.dokploy.plugins.module_utils.target import TARGET_OPTIONS

# What Dokploy sets on a new object (its schema defaults, as the recorded create answers show them:
# application [seq 96], compose [339], domain [147], schedule and backup from routers/schedule.ts and
# db/schema/backups.ts of v0.30.2); a value equal to these is not exported. Databases: the image the
# collection sends on create (kinds.py).
DEFAULTS = {
    "application": {"replicas": 1, "buildType": "nixpacks", "dockerfile": "Dockerfile", "railpackVersion": "0.15.4",
                    "herokuVersion": "24", "autoDeploy": True, "enableSubmodules": False, "triggerType": "push",
                    "buildPath": "/", "gitlabBuildPath": "/", "giteaBuildPath": "/", "bitbucketBuildPath": "/"},
    "compose": {"composeType": "docker-compose", "composePath": "./docker-compose.yml", "randomize": False,
                "isolatedDeployment": False, "autoDeploy": True, "triggerType": "push"},
    "database": {"replicas": 1},
    "domain": {"path": "/", "https": False, "certificateType": "none", "internalPath": "/", "stripPath": False,
               "enabled": True},
    "port": {"protocol": "tcp", "publishMode": "ingress"},
    "redirect": {"permanent": False},
    "schedule": {"shellType": "bash", "enabled": True},
    "backup": {"prefix": "/", "enabled": True},
    "volume_backup": {"turnOff": False},
}
# Options of a child that say which service it hangs off: the stack sets them from where the child stands.
TARGET_ONLY = frozenset(TARGET_OPTIONS) | frozenset("%s_id" % option for option in TARGET_OPTIONS) | \
    frozenset(("project", "project_id", "environment", "environment_id", "database_type", "state"))
# Fields the single modules compare outside their ``fields`` tables, as their ``desired`` reads them.
EXTRA_FIELDS = {
    "domain": (Field("service_name", "serviceName"),),              # Domain.identity_of, compose domains
    "database": (Field("external_port", "externalPort"),),         # Database.desired
}
COMPOSE_FILE = "composeFile"
# What project.create gives its default environment (the recorded project.create answers).
DEFAULT_DESCRIPTION = "Production environment"


def empty(value):
    return normalize(value) in (None, [], {})


class Exporter(object):
    """Builds the declaration of one project from its rows (read once, concurrently, as the stack reads them)."""

    def __init__(self, ctx, include_secrets=False):
        self.ctx = ctx
        self.include_secrets = include_secrets
        self.secrets_left_out = []
        self.destinations = None

    def options(self, resource_class, fields, row, where, defaults=None):
        """``{option: value}`` for each Field whose API value is set and not Dokploy's default; secret options
        (secrets.is_secret_option) are left out (and listed) unless secrets are included."""
        spec = resource_class.argument_spec()
        defaults = defaults or {}
        found = {}
        for field in fields:
            value = row.get(field.api)
            if empty(value) or (field.api in defaults and normalize(value) == normalize(defaults[field.api])):
                continue
            if field.convert is not None and field.convert(value) != value:
                continue  # not a value the option gives back as it is (never the case for what Dokploy stores)
            if is_secret_option(field.option, spec.get(field.option, {})):
                if not self.include_secrets:
                    self.secrets_left_out.append("%s.%s" % (where, field.option))
                    continue
                value = env_option(value) if spec[field.option]["type"] == "raw" else value
            found[field.option] = value
        return found

    # -- the project ---------------------------------------------------------------------------

    def export(self, project):
        declaration = {"project": project["name"]}
        if not empty(project.get("description")):
            declaration["description"] = project["description"]
        self.env_of(declaration, project, "env")
        environments = {}
        found = read_project(self.ctx, project)
        with ThreadPoolExecutor(max_workers=READ_WORKERS) as pool:   # the lists of children <kind>.one does not nest
            list(pool.map(lambda service: unnested_lists(self.ctx, *service),
                          [(kind, row[kind.id_field]) for detail, services in found for kind, row in services]))
        for detail, services in found:
            where = "environments.%s" % detail["name"]
            environment = {}
            if not empty(detail.get("description")) and detail["description"] != DEFAULT_DESCRIPTION:
                environment["description"] = detail["description"]
            self.env_of(environment, detail, where + ".env")
            for kind, row in services:
                section, resource_class, option = Stack.section_of(kind)
                service_where = "%s.%s.%s" % (where, section, row["name"])
                environment.setdefault(section, {})[row["name"]] = self.service(resource_class, kind, option, row,
                                                                                service_where)
            environments[detail["name"]] = environment
        declaration["environments"] = environments
        return declaration

    def env_of(self, declaration, row, where):
        if empty(row.get("env")):
            return
        if not self.include_secrets:
            self.secrets_left_out.append(where)
            return
        declaration["env"] = env_option(row["env"])

    # -- services ------------------------------------------------------------------------------

    def service(self, resource_class, kind, option, row, where):
        if kind.is_database:
            service = {"type": kind.name}
            fields = list(COMMON_FIELDS) + [f for f in DATABASE_TYPE_FIELDS if kind.has(f.api)]
            defaults = dict(DEFAULTS["database"], dockerImage=kind.database.default_image)
            service.update(self.options(resource_class, fields + list(EXTRA_FIELDS["database"]), row, where, defaults))
        else:
            defaults = DEFAULTS[kind.name]
            fields = [f for f in resource_class.fields if f.api != COMPOSE_FILE]   # a source: see source()
            service = self.options(resource_class, fields, row, where, defaults)
            service.update(self.source(resource_class, kind, row, where, defaults))
            service.update(self.options(resource_class, [Field(o, f) for o, f in resource_class.env_fields if o != "env"],
                                        row, where))
        service.update(self.options(resource_class, [Field("env", "env")], row, where))
        if row.get("serverId"):
            service["server_id"] = row["serverId"]
        for section in CHILD_SECTIONS:
            if option in section.child_class.target_kinds:
                children = self.children(section, kind, row, "%s.%s" % (where, section.name))
                if children:
                    service[section.name] = children
        return service

    def source(self, resource_class, kind, row, where, defaults):
        """The source options of an application or compose service, by its ``sourceType``."""
        source_type = row.get("sourceType")
        if source_type == "docker" and kind.name == "application":
            return self.options(resource_class, DOCKER_FIELDS, row, where)
        if source_type == "raw":
            return self.options(resource_class, [f for f in Compose.fields if f.api == COMPOSE_FILE], row, where)
        found = {}
        if source_type == "git" and row.get("customGitUrl"):
            git_fields = [f for f in GIT_FIELDS if kind.name == "application" or f.api != "customGitBuildPath"]
            found = self.options(resource_class, git_fields + [Field("git_ssh_key", "customGitSSHKeyId")], row, where)
        elif source_type in PROVIDER_TYPES:
            provider = dict((option, row.get(field)) for option, field in provider_fields(kind.name, source_type)
                            if not empty(row.get(field)) and normalize(row.get(field)) != normalize(defaults.get(field)))
            if not provider.get("repository"):
                return {}   # a service without a source yet (Dokploy starts every service as github)
            provider["type"] = source_type
            found = {"git_provider": provider}
        else:
            return {}
        if kind.name == "application":
            found.update(self.options(resource_class, SOURCE_OPTIONS, row, where, defaults))
        return found

    # -- children ------------------------------------------------------------------------------

    def children(self, section, kind, row, where):
        child_class = section.child_class
        fields = list(child_class.fields) + list(EXTRA_FIELDS.get(child_class.kind, ()))
        fields = [f for f in fields if f.option not in TARGET_ONLY]
        items = []
        for index, child in enumerate(section.listed(self.ctx, kind, row)):
            child_where = "%s[%d]" % (where, index)
            if child_class is Mount:
                kept = set(TYPE_OPTIONS.get(child.get("type"), ()))
                fields_here = [f for f in fields if f not in TYPE_FIELDS or f.option in kept]
            else:
                fields_here = fields
            item = self.options(child_class, fields_here, child, child_where, DEFAULTS.get(child_class.kind))
            if child_class is Domain and kind.name != "compose":
                item.pop("service_name", None)
            if child_class is Backup:
                item.update(self.backup_extra(kind, child, child_where))
            if child_class is VolumeBackup:
                item["destination"] = self.destination_name(child.get("destinationId"))
                if kind.name != "compose":
                    item.pop("service_name", None)
            if child_class is BasicAuth and "password" not in item:
                continue  # a user cannot be declared without its password: listed among the secrets left out
            items.append(item)
        return items

    def destination_name(self, destination_id):
        """The name of a backup destination (a volume backup names it, its list row has only the ID)."""
        if self.destinations is None:
            self.destinations = dict((d.get("destinationId"), d.get("name"))
                                     for d in self.ctx.client.get("destination.all") or [])
        return self.destinations.get(destination_id, destination_id)

    def backup_extra(self, kind, child, where):
        """A backup names its destination by name (Backup.same_backup); in a compose service, the engine too, and the
        credentials the backup reaches the database with (``metadata``, compared as a whole: all or none)."""
        extra = {"destination": (child.get("destination") or {}).get("name")}
        if kind.name != "compose":
            return extra
        engine = child.get("databaseType")
        extra["database_type"] = engine
        stored = ((child.get("metadata") or {}).get(engine)) or {}
        fields = [Field(option, BACKUP_CREDENTIAL_FIELDS[option]) for option in BACKUP_CREDENTIALS.get(engine, ())]
        credentials = self.options(Backup, fields, stored, where)
        if len(credentials) == len(fields):
            extra.update(credentials)
        return extra


def env_option(text):
    """An env text as the option that gives it back exactly: a dict when dotenv renders it as it is, else the text."""
    if isinstance(text, dict) or text is None:
        return text
    variables = dotenv.values(text)
    try:
        if variables and dotenv.edit(text, variables, exclusive=True)[0] == text:
            return variables
    except dotenv.DotenvError:
        pass
    return text


class StackExport(Task):
    """dokploy_stack_info: reads only."""

    module_kwargs = dict(required_one_of=[("project", "project_id")], mutually_exclusive=[("project", "project_id")])
    shared_lookups = True

    @classmethod
    def argument_spec(cls):
        return dict(
            project=dict(type="str"),
            project_id=dict(type="str"),
            include_secrets=dict(type="bool", default=False),
        )

    def run(self):
        project = self.ctx.resolver.project(name=self.params["project"], project_id=self.params["project_id"])
        exporter = Exporter(self.ctx, include_secrets=self.params["include_secrets"])
        stack = exporter.export(project)
        # The client collects every secret value Dokploy sent, and the module masks them wherever they appear in
        # the result. An export is data to apply again: it leaves out the secret options itself (or returns them on
        # purpose with include_secrets), and a masked copy of a value that only equals a secret (a time zone that is
        # also an env value) would make the declaration wrong. Only the API key stays masked.
        client = self.ctx.client
        client.secrets.intersection_update([client.api_key])
        return {"changed": False, "stack": stack, "secrets_left_out": exporter.secrets_left_out}
