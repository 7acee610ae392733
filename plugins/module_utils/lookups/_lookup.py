# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Names to objects: projects, environments and services, the way users name them.

Dokploy names are not unique (API.md 4.1), so every lookup matches exactly on the name, client-side,
fails listing the IDs when a name is ambiguous, and lists the existing names when nothing matches.
``project.all`` is read at most once per task: it carries every project, its environments and the
application and compose names in each.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError, DokployNotFoundError
from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._kinds import SERVICE_KINDS, services_of


class DokployLookupError(DokployError):
    """A name that matches nothing, or more than one thing."""


class DokployMissingError(DokployLookupError):
    """A name or ID that matches nothing (in check mode, a parent a previous task would create)."""


def _names(items):
    names = sorted(set(str(i.get("name")) for i in items if i.get("name") is not None))
    return ", ".join(names) if names else "none"


def _plural(noun):
    """"registries", "SSH keys", "servers"."""
    return noun[:-1] + "ies" if noun.endswith("y") and noun[-2:-1] not in "aeiou" else noun + "s"


def pick_one(items, what, name, id_field, where="", id_option=None):
    """The single item named ``name``; None when there is none; an error listing IDs when there are several."""
    matches = [i for i in items if i.get("name") == name]
    if len(matches) > 1:
        raise DokployLookupError(
            "%d %s are named '%s'%s (IDs: %s); Dokploy does not keep names unique, so set %s to choose one"
            % (len(matches), _plural(what), name, where, ", ".join(str(m.get(id_field)) for m in matches), id_option or id_field))
    return matches[0] if matches else None


def find_named(items, what, name, id_field, required=True, name_field="name"):
    """The organisation-wide object named ``name`` among ``items`` (a ``<router>.all`` answer): two of that name fail
    listing their IDs; none fails listing the names that exist when ``required``, else gives None."""
    named = [dict(item, name=item.get(name_field)) for item in items or []]
    found = pick_one(named, what, name, id_field, id_option="a unique name")
    if found is None:
        if required:
            raise DokployMissingError("No %s is named '%s'; existing: %s" % (what, name, _names(named)))
        return None
    return [item for item in items if item.get(id_field) == found.get(id_field)][0]


class Service(object):
    """A service found by ``Resolver.find_service``: its kind, ID and name, and where it stands when the lookup went
    through its project and environment. ``id`` is None for a pending service (check mode: a service, or a parent of
    it, that an earlier task would create). ``row`` is ``<kind>.one``, from the run's shared cache."""

    def __init__(self, resolver, kind, service_id, name=None, project=None, environment=None):
        self.resolver = resolver
        self.kind = kind
        self.id = service_id
        self.name = name
        self.project = project
        self.environment = environment

    @property
    def pending(self):
        return self.id is None

    @property
    def row(self):
        if self.id is None:
            return None
        return self.resolver.row(self.kind, self.id)

    def describe(self):
        where = ""
        if self.environment is not None:
            where = " in environment '%s'" % self.environment.get("name")
        if self.project is not None:
            where += " of project '%s'" % self.project.get("name")
        return "%s '%s'%s" % (self.kind.noun, self.name or self.id, where)


class Resolver(object):
    """Resolves projects, environments and services by name or ID, caching what it read for one task."""

    def __init__(self, client):
        self.client = client
        self._projects = None
        self._environments = {}
        self._servers = None
        self._rows = {}
        self._networks = {}

    def invalidate(self):
        """Forget everything read: after a create or delete, or before looking for the effect of a lost answer."""
        self._projects = None
        self._environments = {}
        self._servers = None
        self._rows = {}
        self._networks = {}

    def forget_rows(self):
        """Forget the service rows and environments read: after an update (a child's write changes its service's
        row too, a service's or an environment's write the environment)."""
        self._rows = {}
        self._environments = {}

    def row(self, kind, service_id):
        """``<kind>.one`` of a service, read at most once until a write (every resource of a run shares it)."""
        key = (kind.name, service_id)
        if key not in self._rows:
            self._rows[key] = self.client.get(kind.procedure("one"), {kind.id_field: service_id})
        return self._rows[key]

    def projects(self):
        if self._projects is None:
            projects = self.client.get("project.all")
            if not isinstance(projects, list):
                raise DokployError("project.all returned %s instead of a list; is api_url Dokploy's?" % type(projects).__name__)
            if any("environments" not in p for p in projects):
                self.client.require_version()
            self._projects = projects
        return self._projects

    def project(self, name=None, project_id=None, required=True):
        """The project named ``name`` (or with ``project_id``) from ``project.all``."""
        projects = self.projects()
        if project_id:
            found = [p for p in projects if p.get("projectId") == project_id]
            if not found and required:
                raise DokployMissingError("No project has ID '%s'" % project_id)
            return found[0] if found else None
        found = pick_one(projects, "project", name, "projectId", id_option="project_id")
        if found is None and required:
            raise DokployMissingError("No project is named '%s'; existing: %s" % (name, _names(projects)))
        return found

    def environment(self, project, name=None, environment_id=None, required=True):
        """An environment of ``project`` by name (default: production) or ID."""
        environments = project.get("environments") or []
        if environment_id:
            found = [e for e in environments if e.get("environmentId") == environment_id]
            if not found and required:
                raise DokployMissingError("Project '%s' has no environment with ID '%s'" % (project.get("name"), environment_id))
            return found[0] if found else None
        name = name or "production"
        found = pick_one(environments, "environment", name, "environmentId", " in project '%s'" % project.get("name"),
                         id_option="environment_id")
        if found is None and required:
            raise DokployMissingError("Project '%s' has no environment '%s'; existing: %s"
                                      % (project.get("name"), name, _names(environments)))
        return found

    def environment_detail(self, environment_id):
        """``environment.one``: the environment with the name of every service in it (databases included)."""
        if environment_id not in self._environments:
            self._environments[environment_id] = self.client.get("environment.one", {"environmentId": environment_id})
        return self._environments[environment_id]

    def locate_environment(self, project_name=None, environment_name=None, project_id=None, environment_id=None):
        """(project, environment) from the names or IDs a module was given."""
        if environment_id and not (project_name or project_id):
            for project in self.projects():
                environment = self.environment(project, environment_id=environment_id, required=False)
                if environment is not None:
                    return project, environment
            raise DokployMissingError("No environment has ID '%s'" % environment_id)
        project = self.project(name=project_name, project_id=project_id)
        return project, self.environment(project, name=environment_name, environment_id=environment_id)

    def service_summaries(self, kind, environment):
        """The services of one kind in an environment, each with at least its ID and name."""
        kind = SERVICE_KINDS[kind]
        items = environment.get(kind.list_key) or []
        if any("name" not in item for item in items):
            # project.all lists databases by ID only; environment.one has their names.
            items = self.environment_detail(environment["environmentId"]).get(kind.list_key) or []
        return items

    def service(self, kind, environment, name, project_name=None, id_option=None):
        """The summary of the ``kind`` service named ``name`` in ``environment``, or None."""
        spec = SERVICE_KINDS[kind]
        where = " in environment '%s'%s" % (environment.get("name"), " of project '%s'" % project_name if project_name else "")
        return pick_one(self.service_summaries(kind, environment), spec.label, name, spec.id_field, where,
                        id_option=id_option or spec.id_option)

    def find_service(self, kind, name=None, service_id=None, project_name=None, environment_name=None, project_id=None,
                     environment_id=None, search=True):
        """THE service lookup (a service module's own service, and the service a child or env names): the ``kind``
        service with ``service_id``, or named ``name`` in the environment the other arguments name. A Service, or
        None when the environment has no service of that name. An ID that names nothing, or a project or environment
        that does not exist, raises DokployMissingError (the caller decides what a missing parent means).

        ``search``: a database named in a project by name is found in two requests by ``<type>.search`` (one task
        alone); a run of many resources passes False and shares environment.one instead."""
        if service_id:
            try:
                row = self.row(kind, service_id)
            except DokployNotFoundError:
                raise DokployMissingError("No %s has ID '%s'" % (kind.noun, service_id))
            return Service(self, kind, service_id, name=row.get("name"))
        searched = search and kind.is_database and kind.database.searchable and project_name and not environment_id
        if searched:
            try:
                row = self.search_database(kind, name, environment_name or "production", project_name)
            except DokployNotFoundError:
                searched = False  # no <type>.search before Dokploy v0.28.3 (tables/_capabilities.py): the lookup below
            else:
                if row is not None:
                    return Service(self, kind, row[kind.id_field], name=name)
        project, environment = self.locate_environment(project_name=project_name, environment_name=environment_name,
                                                       project_id=project_id, environment_id=environment_id)
        if searched:
            return None  # the search saw every database of that name
        summary = self.service(kind.name, environment, name, project_name=project.get("name"))
        if summary is None:
            return None
        return Service(self, kind, summary[kind.id_field], name=name, project=project, environment=environment)

    def search_database(self, kind, name, environment, project):
        """The ``kind`` database named ``name`` in ``environment`` of ``project`` (names), in two requests:
        ``<type>.search`` by name (a case-insensitive substring match, NOTES.md "Search endpoints"), then ``<type>.one``
        of each exact match, whose nested environment and project tell where it is. project.all lists databases by ID
        only, so the lookup through it takes a third request (environment.one). None when there is no such database."""
        items, offset = [], 0
        while True:
            page = self.client.get(kind.procedure("search"), {"name": name, "limit": 100, "offset": offset}) or {}
            items.extend(page.get("items") or [])
            offset += 100
            if offset >= (page.get("total") or 0):
                break
        rows = []
        for item in items:
            if item.get("name") == name:
                row = self.row(kind, item[kind.id_field])
                where = row.get("environment") or {}
                if where.get("name") == environment and (where.get("project") or {}).get("name") == project:
                    rows.append(row)
        if len(rows) > 1:
            raise DokployLookupError("%d %ss are named '%s' in environment '%s' of project '%s' (IDs: %s); Dokploy does "
                                     "not keep names unique, so set database_id to choose one"
                                     % (len(rows), kind.noun, name, environment, project,
                                        ", ".join(r[kind.id_field] for r in rows)))
        return rows[0] if rows else None

    def servers(self):
        """``server.all``, read at most once per task."""
        if self._servers is None:
            self._servers = self.client.get("server.all") or []
        return self._servers

    def server(self, name=None, server_id=None):
        """The remote server with ``server_id``, or named ``name`` (an ID given as ``name`` works too), from ``server.all``."""
        servers = self.servers()
        wanted = server_id or name
        found = [s for s in servers if s.get("serverId") == wanted]
        if found:
            return found[0]
        if server_id:
            raise DokployMissingError("No server has ID '%s'" % server_id)
        found = pick_one(servers, "server", name, "serverId", id_option="the server's ID")
        if found is None:
            raise DokployMissingError("No server is named '%s' or has that ID; existing: %s" % (name, _names(servers)))
        return found

    def networks(self, server_id=None):
        """``network.all`` of one server (None: the Dokploy host), read at most once per server until a write."""
        key = server_id or None
        if key not in self._networks:
            self._networks[key] = self.client.get("network.all", {"serverId": key}) or []
        return self._networks[key]

    def network(self, name, server_id=None, where="on the Dokploy host"):
        """THE lookup of a Docker network Dokploy manages (dokploy_network) on one server, by ID or by name; a name
        that matches nothing raises DokployMissingError listing the names that exist there."""
        networks = self.networks(server_id)
        found = [n for n in networks if n.get("networkId") == name]
        if found:
            return found[0]
        found = pick_one(networks, "network", name, "networkId", " %s" % where, id_option="its ID")
        if found is None:
            raise DokployMissingError("No network is named '%s' %s (or has that ID); existing: %s"
                                      % (name, where, _names(networks)))
        return found

    def find_service_by_id(self, kind, service_id):
        """(project, environment) holding the ``kind`` service with ``service_id``, from project.all; None if absent."""
        spec = SERVICE_KINDS[kind]
        for project in self.projects():
            for environment in project.get("environments") or []:
                for item in environment.get(spec.list_key) or []:
                    if item.get(spec.id_field) == service_id:
                        return project, environment
        return None


def describe_services(client, project_id, services):
    """"application 'web' in production, postgres 'db' in staging" for an error message."""
    names = {}
    if any("name" not in item for kind, item, environment in services):
        # project.all lists databases by ID only; project.one names them.
        for environment in client.get("project.one", {"projectId": project_id}).get("environments") or []:
            for kind, item, env in services_of([environment]):
                names[item.get(kind.id_field)] = item.get("name")
    return ", ".join(
        "%s '%s' in %s" % (kind.label, item.get("name") or names.get(item[kind.id_field]) or item[kind.id_field], environment.get("name"))
        for kind, item, environment in services)


def unnested_children(client, kind, service_id):
    """The children of an application or compose service that ``<kind>.one`` does not nest (findApplicationById and
    findComposeById in Dokploy's source): its schedules and its volume backups, one list request each."""
    return {
        "schedules": client.get("schedule.list", {"id": service_id, "scheduleType": kind}) or [],
        "volumeBackups": client.get("volumeBackups.list", {"id": service_id, "volumeBackupType": kind}) or [],
    }
