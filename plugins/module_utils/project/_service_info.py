# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The read-only listings of applications, compose services and databases (dokploy_application_info,
dokploy_compose_info, dokploy_database_info): each service's row, the children Dokploy lists apart, and with
``with_tasks`` its swarm tasks."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError, DokployNotFoundError
from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._kinds import DATABASE_TYPES, SERVICE_KINDS, masked_database
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._lookup import unnested_children
from ansible_collections.dokploy.dokploy.plugins.module_utils.project._info import Listing
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._running import public, read_tasks
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._secrets import mask


class ServiceListing(Listing):
    """A listing of services, which can read their swarm tasks."""

    def tasks(self, kind, row):
        """With ``with_tasks``: the service's swarm tasks (compose: containers) as Dokploy's Docker router reads them
        (resources/_running.py), or None when it cannot answer."""
        try:
            return [public(task) for task in read_tasks(self.client, SERVICE_KINDS[kind], row)]
        except DokployError as error:
            self.ctx.warn("%s '%s': could not read its tasks (%s)" % (kind, row.get("name"), error))
            return None


def info_options(**options):
    """The options every service listing takes, with ``options``."""
    options["with_tasks"] = dict(type="bool", default=False)
    return options


class ServiceInfo(ServiceListing):
    """Applications or compose services, each with the children Dokploy nests and those it lists apart."""

    kind = None

    def items(self):
        kind = SERVICE_KINDS[self.kind]
        name = self.params.get("name")
        if self.params.get(kind.id_option):
            ids = [self.params[kind.id_option]]
        else:
            ids = [summary[kind.id_field] for environment in self.environments()
                   for summary in self.ctx.resolver.service_summaries(kind.name, environment)
                   if name is None or summary.get("name") == name]
        found = []
        for service_id in ids:
            row = self.row(kind.name, service_id)
            if row is not None and (name is None or row.get("name") == name):
                item = mask(dict(row, **unnested_children(self.client, kind.name, service_id)))
                if self.params.get("with_tasks"):
                    item["tasks"] = self.tasks(kind.name, row)
                self.extend(item, row)
                found.append(item)
        return found

    def extend(self, item, row):
        """What a listing adds to each item beyond the row."""


class ApplicationInfo(ServiceInfo):
    key = "applications"
    kind = "application"
    module_kwargs = dict(required_one_of=[("project", "application_id")], mutually_exclusive=[("name", "application_id")])

    @classmethod
    def argument_spec(cls):
        return info_options(project=dict(type="str"), environment=dict(type="str", default="production"),
                            name=dict(type="str"), application_id=dict(type="str"))

    def environments(self):
        """The one environment named: a project or environment that does not exist fails saying what exists."""
        project = self.ctx.resolver.project(name=self.params["project"])
        yield self.ctx.resolver.environment(project, name=self.params["environment"])


class ComposeInfo(ServiceInfo):
    key = "composes"
    kind = "compose"

    @classmethod
    def argument_spec(cls):
        return info_options(project=dict(type="str"), environment=dict(type="str"), name=dict(type="str"),
                            compose_id=dict(type="str"), with_services=dict(type="bool", default=False))

    def extend(self, item, row):
        if self.params.get("with_services"):
            item["services"] = self.services(row)

    def services(self, row):
        """The service names the compose file defines (``compose.loadServices``), or None when Dokploy cannot read
        it. Dokploy's default ``type: cache`` reads the file a deploy wrote and answers 404 "Services not found"
        before one; ``fetch`` writes a raw file first (a Git source would be cloned: not done here) [NOTES 356-358]."""
        body = {"composeId": row["composeId"], "type": "cache"}
        try:
            return self.client.get("compose.loadServices", body)
        except DokployNotFoundError:
            if row.get("sourceType") != "raw":
                return None
        except DokployError:
            return None
        try:
            return self.client.get("compose.loadServices", dict(body, type="fetch"))
        except DokployError:
            return None


class DatabaseInfo(ServiceListing):
    key = "databases"
    module_kwargs = dict(required_by={"database_id": "type"})

    @classmethod
    def argument_spec(cls):
        return info_options(type=dict(type="str", choices=list(DATABASE_TYPES)), project=dict(type="str"),
                            environment=dict(type="str"), name=dict(type="str"), database_id=dict(type="str"))

    def items(self):
        name = self.params.get("name")
        if self.params.get("database_id"):
            selected = [(self.params["type"], self.params["database_id"])]
        else:
            types = [self.params["type"]] if self.params.get("type") else list(DATABASE_TYPES)
            selected = []
            for environment in self.environments():
                for db_type in types:
                    kind = SERVICE_KINDS[db_type]
                    summaries = environment.get(kind.list_key) or []
                    if name is not None and summaries:
                        # project.all lists databases by ID only; environment.one names them.
                        summaries = [s for s in self.ctx.resolver.service_summaries(db_type, environment)
                                     if s.get("name") == name]
                    selected.extend((db_type, summary[kind.id_field]) for summary in summaries)
        rows = [(db_type, self.row(db_type, service_id)) for db_type, service_id in selected]
        found = []
        for db_type, row in rows:
            if row is not None and (name is None or row.get("name") == name):
                item = masked_database(db_type, row)
                if self.params.get("with_tasks"):
                    item["tasks"] = self.tasks(db_type, row)
                found.append(item)
        return found
