# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The read-only listings of what projects hold: the projects here, the services in service_info.py (apart, so that
dokploy_project_info ships without the reading of swarm tasks).

One way to walk what the parameters select (projects by name or ID, environments by name, services by name
or ID) and to read each service's row; every listing masks secrets.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployNotFoundError
from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._kinds import SERVICE_KINDS
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._task import Info
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._secrets import mask


class Listing(Info):
    """Base of the listings of what projects hold: the environments and service rows the parameters select."""

    def environments(self):
        """Every environment of the projects and environment the parameters name (None names every one)."""
        for project in self.ctx.resolver.projects():
            if self.params.get("project") is not None and project.get("name") != self.params["project"]:
                continue
            for environment in project.get("environments") or []:
                if self.params.get("environment") is not None and environment.get("name") != self.params["environment"]:
                    continue
                yield environment

    def row(self, kind, service_id):
        """``<kind>.one``, or None when the service was deleted meanwhile."""
        try:
            return self.ctx.resolver.row(SERVICE_KINDS[kind], service_id)
        except DokployNotFoundError:
            return None


class ProjectInfo(Listing):
    key = "projects"
    module_kwargs = dict(mutually_exclusive=[("name", "project_id")])

    @classmethod
    def argument_spec(cls):
        return dict(name=dict(type="str"), project_id=dict(type="str"))

    def items(self):
        projects = [p for p in self.ctx.resolver.projects()
                    if self.params.get("project_id") in (None, p.get("projectId"))
                    and self.params.get("name") in (None, p.get("name"))]
        # project.all names no database; project.one names every service.
        return [mask(self.client.get("project.one", {"projectId": p["projectId"]})) for p in projects]
