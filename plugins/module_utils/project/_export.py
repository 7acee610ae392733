# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A live project as a dokploy_stack declaration: the export behind dokploy_stack_info.

The API rows are turned back into module options through the same ``Field(option, api)`` declarations the
resources converge with (and the same sections as stack.py), so an exported declaration fed to dokploy_stack
finds every field equal: nothing changes and nothing is written. Each class says how it is exported (its
``export_fields``, ``export_sources``, ``exported``); only what differs from what Dokploy sets on a new object is
kept (its ``export_defaults``); secret options (no_log ones, passwords, and the variables: env) are left out unless
``include_secrets``, and where they were left out is listed.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from concurrent.futures import ThreadPoolExecutor

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine import _dotenv as dotenv
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._git_source import PROVIDER_TYPES, provider_fields
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._resource import Field, normalize
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._task import Task
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._child import unnested_lists
from ansible_collections.dokploy.dokploy.plugins.module_utils.project._stack import (
    CHILDREN,
    READ_WORKERS,
    Stack,
    read_project,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._secrets import is_secret_option
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._swarm import swarm_options

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

    def options(self, resource_class, fields, row, where, defaults=None, spec=None):
        """``{option: value}`` for each Field whose API value is set and not Dokploy's default; secret options
        (secrets.is_secret_option) are left out (and listed) unless secrets are included. ``spec``: the options the
        Fields name (default: the class's argument spec; a dict option's suboptions for its group)."""
        spec = spec if spec is not None else resource_class.argument_spec()
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
        service = {"type": kind.name} if kind.is_database else {}
        defaults = resource_class.export_defaults_of(kind)
        service.update(self.options(resource_class, resource_class.export_fields(kind), row, where, defaults))
        service.update(self.source(resource_class, kind, row, where, defaults))
        service.update(self.options(resource_class, [Field(o, f) for o, f in resource_class.env_fields if o != "env"],
                                    row, where))
        service.update(self.options(resource_class, [Field("env", "env")], row, where))
        if resource_class.swarm:
            service.update(swarm_options(row, resource_class.endpoint_default))   # the columns, back to options
            if row.get("networkIds"):
                service["networks"] = self.network_names(row)
        for group, fields, group_defaults in resource_class.export_groups:
            found = self.options(resource_class, fields, row, "%s.%s" % (where, group), group_defaults,
                                 spec=resource_class.argument_spec()[group]["options"])
            if found:
                service[group] = found
        if row.get("serverId"):
            service["server_id"] = row["serverId"]
        for child_class in CHILDREN:
            if option in child_class.target_kinds:
                children = self.children(child_class, kind, row, "%s.%s" % (where, child_class.section))
                if children:
                    service[child_class.section] = children
        return service

    def network_names(self, row):
        """The names of a service's networks; the ID of one that is gone stays an ID (applying the export then refuses
        it, listing the networks that exist)."""
        names = dict((n.get("networkId"), n.get("name")) for n in self.ctx.resolver.networks(row.get("serverId")))
        return [names.get(network_id, network_id) for network_id in row["networkIds"]]

    def source(self, resource_class, kind, row, where, defaults):
        """The source options of a service, by its ``sourceType`` (the class's ``export_sources``)."""
        source_type = row.get("sourceType")
        sources = resource_class.export_sources
        if source_type in ("docker", "raw"):
            return self.options(resource_class, sources.get(source_type, ()), row, where)
        if source_type == "git" and row.get("customGitUrl"):
            found = self.options(resource_class, sources.get("git", ()), row, where)
        elif source_type in PROVIDER_TYPES and sources:
            provider = dict((option, row.get(field)) for option, field in provider_fields(kind.name, source_type)
                            if not empty(row.get(field)) and normalize(row.get(field)) != normalize(defaults.get(field)))
            if not provider.get("repository"):
                return {}   # a service without a source yet (Dokploy starts every service as github)
            provider["type"] = source_type
            found = {"git_provider": provider}
        else:
            return {}
        found.update(self.options(resource_class, resource_class.export_source_options, row, where, defaults))
        return found

    # -- children ------------------------------------------------------------------------------

    def children(self, child_class, kind, row, where):
        items = []
        for index, child in enumerate(child_class.listed(self.ctx, kind, row)):
            item = child_class.exported(self, kind, child, "%s[%d]" % (where, index))
            if item is not None:
                items.append(item)
        return items

    def destination_name(self, destination_id):
        """The name of a backup destination (a volume backup names it, its list row has only the ID)."""
        if self.destinations is None:
            self.destinations = dict((d.get("destinationId"), d.get("name"))
                                     for d in self.ctx.client.get("destination.all") or [])
        return self.destinations.get(destination_id, destination_id)


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
