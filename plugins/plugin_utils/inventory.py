# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The dokploy inventory plugin's work: checking its configuration, reading Dokploy, building hosts and groups.

``check_config`` runs before any request; ``fetch`` reads everything in as few GET requests as Dokploy
allows (three with v0.30 and newer) and keeps only the fields used, so its result is what the cache holds;
``build_inventory`` turns that into hosts and groups without touching the network.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import difflib
import re

from ansible.errors import AnsibleParserError
from ansible.utils.unsafe_proxy import wrap_var

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import (
    DokployAuthError,
    DokployError,
    DokployKeyRejectedError,
    DokployNotFoundError,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._kinds import (
    DATABASE_TYPES,
    SERVICE_TYPES,
    services_of,
)
from ansible_collections.dokploy.dokploy.plugins.plugin_utils.instances import check_instances

try:
    # ansible-core 2.19+ (data tagging): a string an inventory plugin sets is never templated unless the plugin
    # marks it trusted (ansible-inventory prints such strings as {"__ansible_unsafe": ...}), so API data is
    # already unsafe and wrapping it would only cost time.
    from ansible.template import trust_as_template  # noqa: F401 pylint: disable=unused-import
    UNTRUSTED_BY_DEFAULT = True
except ImportError:  # ansible-core 2.16-2.18: mark every value unsafe explicitly
    UNTRUSTED_BY_DEFAULT = False


def mark_unsafe(value):
    """API data as a value that can never be templated."""
    return value if UNTRUSTED_BY_DEFAULT else wrap_var(value)


KIND_GROUPS = {"application": "dokploy_applications", "compose": "dokploy_compose"}
SERVICE_GROUPS = ("dokploy_applications", "dokploy_compose", "dokploy_databases")

# server.all fields (what dokploy_server_info returns) that server hosts carry as these variables, at no extra request
SERVER_VARIABLES = (("description", "dokploy_description"), ("appName", "dokploy_app_name"),
                    ("sshKeyId", "dokploy_ssh_key_id"), ("enableDockerCleanup", "dokploy_docker_cleanup"),
                    ("buildsConcurrency", "dokploy_builds_concurrency"), ("createdAt", "dokploy_created_at"),
                    ("totalSum", "dokploy_service_count"))
SERVER_FIELDS = ("serverId", "name", "ipAddress", "port", "username", "serverType", "serverStatus")
SERVICE_FIELDS = ("id", "type", "name", "appName", "status", "serverId", "serverName", "projectId",
                  "projectName", "environmentId", "environmentName")
DOMAIN_FIELDS = ("domainId", "host", "path", "port", "https", "certificateType", "enabled", "domainType")

CACHE_FORMAT = 1

_UNSAFE_GROUP_CHARS = re.compile(r"[^A-Za-z0-9_]")
_UNSAFE_HOST_CHARS = re.compile(r"[^A-Za-z0-9_@-]")


# -- the configuration ------------------------------------------------------------------------------

def check_config(config, definitions):
    """Refuse what ``_read_config_data`` lets through, before any request: an option the plugin does not have
    (it is ignored there) and a ``keyed_groups`` entry Constructable would reject only while adding hosts.

    ``config`` is the file as read, ``definitions`` the plugin's option definitions (with suboptions).
    """
    unknown = sorted(set(config) - set(definitions))
    if unknown:
        raise AnsibleParserError("unknown option%s %s%s" % (
            "s" if len(unknown) > 1 else "", ", ".join(unknown), _did_you_mean(unknown, definitions)))
    suboptions = (definitions.get("keyed_groups") or {}).get("suboptions") or {}
    for index, entry in enumerate(config.get("keyed_groups") or []):
        _check_keyed_group(index, entry, suboptions)
    check_instances(config)


def _did_you_mean(unknown, known):
    matches = [match for name in unknown for match in difflib.get_close_matches(name, sorted(known), n=1)]
    return " (did you mean %s?)" % ", ".join(matches) if matches else ""


def _check_keyed_group(index, entry, suboptions):
    where = "keyed_groups[%d]" % index
    if not isinstance(entry, dict):
        raise AnsibleParserError("%s must be a dictionary with a key, not %r" % (where, entry))
    unknown = sorted(set(entry) - set(suboptions))
    if unknown:
        raise AnsibleParserError("%s: unknown option%s %s (its options: %s)" % (
            where, "s" if len(unknown) > 1 else "", ", ".join(unknown), ", ".join(sorted(suboptions))))
    key = entry.get("key")
    if not isinstance(key, str) or not key.strip():
        raise AnsibleParserError("%s needs key, an expression over the host variables such as dokploy_status" % where)
    if entry.get("default_value") is not None and "trailing_separator" in entry:
        raise AnsibleParserError("%s: default_value and trailing_separator are mutually exclusive" % where)
    if not isinstance(entry.get("trailing_separator", True), bool):
        raise AnsibleParserError("%s: trailing_separator must be true or false" % where)


# -- names --------------------------------------------------------------------------------------------

def safe_group_part(text):
    """A piece of a group name: every character but letters, digits and ``_`` becomes ``_``."""
    return _UNSAFE_GROUP_CHARS.sub("_", str(text if text is not None else ""))


def safe_host_part(text):
    return _UNSAFE_HOST_CHARS.sub("_", str(text if text is not None else "").strip()) or "_"


def _clashing(candidates):
    """``{wanted name: set of keys}`` of ``[(key, wanted name)]``, for the names wanted by several keys."""
    counts = {}
    for key, name in candidates:
        counts.setdefault(name, set()).add(key)
    return dict((name, keys) for name, keys in counts.items() if len(keys) > 1)


def unique_names(candidates):
    """``[(key, wanted name)]`` -> ``({key: name}, [names that clashed])``.

    A name wanted by several keys becomes ``<name>.<key>`` (hosts) for each of them, so that the result
    does not depend on the order Dokploy lists things in.
    """
    clashing = _clashing(candidates)
    names = dict((key, "%s.%s" % (name, key) if name in clashing else name) for key, name in candidates)
    clashes = []
    for key, name in candidates:
        if name in clashing and name not in clashes:
            clashes.append(name)
    return names, clashes


def unique_groups(candidates):
    """Like unique_names for groups: ``<group>_<id>`` when one group name would cover several IDs."""
    clashing = _clashing(candidates)
    return dict((key, "%s_%s" % (name, safe_group_part(key)) if name in clashing else name) for key, name in candidates)


def _pick(item, fields):
    return dict((f, item.get(f)) for f in fields)


# -- reading Dokploy ------------------------------------------------------------------------------

def fetch(client, include_services=True, include_domains=True):
    """Everything the inventory needs, in as few GET requests as Dokploy allows.

    Returns ``{"format", "servers", "services", "domains", "source", "warnings"}`` holding only the fields
    the inventory uses (no secret: ``server.all`` carries a metrics token, which is dropped here), so the
    result can be cached as is.
    """
    data = {"format": CACHE_FORMAT, "servers": [], "services": [], "domains": None, "source": "overview",
            "warnings": []}
    if include_services:
        _fetch_services(client, data)
    _fetch_servers(client, data)
    if include_services and include_domains:
        _fetch_domains(client, data)
    return data


def _fetch_services(client, data):
    try:
        services = client.get("overview.services")
        if not isinstance(services, list):
            raise DokployError("overview.services returned %s instead of a list; is api_url Dokploy's?"
                               % type(services).__name__)
        data["services"] = [_pick(s, SERVICE_FIELDS) for s in services if s.get("type") in SERVICE_TYPES]
    except (DokployNotFoundError, DokployAuthError) as error:
        if isinstance(error, DokployKeyRejectedError):
            raise
        # Dokploy before v0.30 (no overview router), or a member without service:read.
        data["source"] = "projects"
        data["services"] = fetch_services_from_projects(client)
        data["warnings"].append(
            "overview.services is not available (%s); read project.all and project.one per project "
            "instead (%d requests)" % (error.message, client.request_count))


def _fetch_servers(client, data):
    try:
        data["servers"] = [dict(_pick(s, SERVER_FIELDS), **dict((field, s[field]) for field, variable in SERVER_VARIABLES
                                                                if field in s))
                           for s in client.get("server.all") or []]
    except DokployAuthError as error:
        if isinstance(error, DokployKeyRejectedError):
            raise
        data["warnings"].append("cannot list the servers (%s); services on remote servers have no ansible_host"
                                % error.message)


def _fetch_domains(client, data):
    if data["source"] != "overview":
        data["warnings"].append("dokploy_domains is left out: this Dokploy has no overview.domains, and listing "
                                "domains would take one request per service")
        return
    try:
        data["domains"] = [
            dict(_pick(d, DOMAIN_FIELDS), ownerId=d.get("serviceOwnerId"), ownerType=d.get("serviceOwnerType"))
            for d in client.get("overview.domains") or []]
    except (DokployNotFoundError, DokployAuthError) as error:
        if isinstance(error, DokployKeyRejectedError):
            raise
        data["warnings"].append("cannot list the domains (%s); dokploy_domains is left out" % error.message)


def fetch_services_from_projects(client):
    """The fallback for Dokploy v0.25-v0.29: project.all, then project.one for each project with services."""
    services = []
    for project in client.get("project.all") or []:
        if not services_of(project.get("environments")):
            continue
        detail = client.get("project.one", {"projectId": project["projectId"]})
        for kind, item, env in services_of(detail.get("environments")):
            server = item.get("server") or {}
            services.append({
                "id": item.get(kind.id_field),
                "type": kind.name,
                "name": item.get("name"),
                "appName": item.get("appName"),
                "status": item.get(kind.status_field),
                "serverId": item.get("serverId"),
                "serverName": server.get("name") if isinstance(server, dict) else None,
                "projectId": project.get("projectId"),
                "projectName": detail.get("name", project.get("name")),
                "environmentId": env.get("environmentId"),
                "environmentName": env.get("name"),
            })
    return services


# -- building the inventory (pure) ----------------------------------------------------------------

def _wanted(values, *candidates):
    return not values or any(c in values for c in candidates if c is not None)


def service_filter(config):
    """A predicate on service dicts from the filter options."""
    projects = set(config.get("projects") or [])
    environments = set(config.get("environments") or [])
    types = set()
    for kind in config.get("service_types") or []:
        types.update(DATABASE_TYPES if kind == "database" else (kind,))
    statuses = set(config.get("status") or [])

    def keep(service):
        return (_wanted(projects, service.get("projectName"), service.get("projectId"))
                and _wanted(environments, service.get("environmentName"), service.get("environmentId"))
                and _wanted(types, service.get("type"))
                and _wanted(statuses, service.get("status")))
    return keep


class Groups(dict):
    """``{name: {"hosts": [], "children": []}}``, each group made on first use (a parent before its child)."""

    def add(self, name, parent=None):
        if parent is not None:
            children = self.add(parent)["children"]
            if name not in children:
                children.append(name)
        return self.setdefault(name, {"hosts": [], "children": []})


def server_hosts(data, config):
    """``[(key, wanted name, variables)]`` of the Dokploy host (key ``dokploy``) and the remote servers."""
    host_name = config.get("dokploy_host_name") or "dokploy"
    found = []
    if config.get("include_dokploy_host", True):
        found.append(("dokploy", host_name, {
            "ansible_host": config.get("dokploy_host_address"), "dokploy_type": "server", "dokploy_server_id": None,
            "dokploy_name": host_name, "dokploy_server_type": "dokploy", "dokploy_server_status": None}))
    for server in data.get("servers") or []:
        variables = {
            "ansible_host": server.get("ipAddress"),
            "ansible_port": server.get("port"),
            "ansible_user": server.get("username"),
            "dokploy_type": "server",
            "dokploy_server_id": server.get("serverId"),
            "dokploy_name": server.get("name"),
            "dokploy_server_type": server.get("serverType"),
            "dokploy_server_status": server.get("serverStatus"),
        }
        # a record cached before these fields were read lacks them: the variables are then left out
        variables.update((variable, server[field]) for field, variable in SERVER_VARIABLES if field in server)
        found.append((server.get("serverId"), safe_host_part(server.get("name")), variables))
    return found


def domains_by_owner(domains):
    """``{service ID: [domain]}`` with the domain fields a host variable shows."""
    owned = {}
    for domain in domains or []:
        if domain.get("ownerId"):
            owned.setdefault(domain["ownerId"], []).append(_pick(domain, DOMAIN_FIELDS))
    return owned


def service_variables(service, server, config, domains):
    """The host variables of one service; ``server`` is its server record (None on the Dokploy host or when
    it cannot be read), ``domains`` the result of domains_by_owner (None when domains were not read)."""
    kind = service.get("type")
    server_id = service.get("serverId")
    host_name = config.get("dokploy_host_name") or "dokploy"
    variables = {
        "dokploy_type": "database" if kind in DATABASE_TYPES else kind,
        "dokploy_id": service.get("id"),
        "dokploy_%s_id" % kind: service.get("id"),
        "dokploy_name": service.get("name"),
        "dokploy_app_name": service.get("appName"),
        "dokploy_status": service.get("status"),
        "dokploy_project": service.get("projectName"),
        "dokploy_project_id": service.get("projectId"),
        "dokploy_environment": service.get("environmentName"),
        "dokploy_environment_id": service.get("environmentId"),
        "dokploy_server": (server.get("name") if server else service.get("serverName")) if server_id else host_name,
        "dokploy_server_id": server_id,
    }
    if kind in DATABASE_TYPES:
        variables["dokploy_database_type"] = kind
    elif domains is not None:
        variables["dokploy_domains"] = domains.get(service.get("id"), [])
    address = (server.get("ipAddress") if server else None) if server_id else config.get("dokploy_host_address")
    if address is not None:
        variables["ansible_host"] = address
    connection = config.get("service_connection", "local")
    if connection:
        variables["ansible_connection"] = connection
    elif server:
        variables["ansible_port"] = server.get("port")
        variables["ansible_user"] = server.get("username")
    return variables


def default_service_name(service):
    """``<project>.<environment>.<name>``, each part made safe for a host name."""
    parts = (service.get("projectName"), service.get("environmentName"), service.get("name"))
    return ".".join(safe_host_part(part) for part in parts)


def service_hosts(services, servers, config, domains, hostname=None):
    """``([(key, wanted name, variables, service)], warnings)`` of the services; a server that services use but
    that cannot be read is a warning."""
    found = []
    missing_servers = {}
    for service in services:
        server_id = service.get("serverId")
        server = servers.get(server_id) if server_id else None
        if server_id and server is None:
            missing_servers.setdefault(server_id, service.get("serverName"))
        variables = service_variables(service, server, config, domains)
        wanted = hostname(variables) if hostname is not None else default_service_name(service)
        found.append((service.get("id"), wanted, variables, service))
    warnings = ["server %s (%s) is used by services but cannot be read; its services have no ansible_host"
                % (server_name or "?", server_id) for server_id, server_name in sorted(missing_servers.items())]
    return found, warnings


def service_groups(service, project_groups, env_groups, server_host_names, host_name):
    """``[(group, parent)]`` a service host belongs to: its kind, project environment, server and status."""
    project_group = project_groups[service.get("projectId")]
    server_id = service.get("serverId")
    if server_id:
        server_host = server_host_names.get(server_id) or "%s_%s" % (service.get("serverName") or "unknown", server_id)
    else:
        server_host = server_host_names.get("dokploy", host_name)
    found = [(KIND_GROUPS.get(service.get("type"), "dokploy_databases"), None),
             (env_groups[service.get("environmentId")], project_group),
             ("dokploy_server_" + safe_group_part(server_host), None)]
    if service.get("status"):
        found.append(("dokploy_status_" + safe_group_part(service.get("status")), None))
    return found


def project_and_environment_groups(services):
    """``({project ID: group}, {environment ID: group})``, a group name two IDs would share made unique."""
    project_groups = unique_groups(
        [(s.get("projectId"), "dokploy_project_" + safe_group_part(s.get("projectName"))) for s in services])
    env_groups = unique_groups(
        [(s.get("environmentId"), "%s_%s" % (project_groups[s.get("projectId")], safe_group_part(s.get("environmentName"))))
         for s in services])
    return project_groups, env_groups


def build_inventory(data, config, hostname=None):
    """Hosts and groups from fetched ``data`` and the plugin's options, without touching the network.

    ``config`` holds the options (see DOCUMENTATION; missing keys take their defaults) plus
    ``dokploy_host_address`` and ``host_prefix`` (put before every host name; several instances). ``hostname`` is
    an optional callable ``(variables) -> name`` (the templated ``hostname`` option). Returns ``{"hosts": {name: vars},
    "groups": {name: {"hosts": [], "children": []}}, "warnings": []}``; values from the API are left as they are
    (the plugin marks them unsafe).
    """
    include_services = config.get("include_services", True)
    host_name = config.get("dokploy_host_name") or "dokploy"
    warnings = list(data.get("warnings") or [])
    groups = Groups()
    keep = service_filter(config)
    services = [s for s in data.get("services") or [] if keep(s)] if include_services else []

    servers_found = []
    if config.get("include_servers", True):
        groups.add("dokploy_servers")
        servers_found = server_hosts(data, config)
    domains = domains_by_owner(data.get("domains")) if data.get("domains") is not None else None
    services_found, missing = service_hosts(services, dict((s.get("serverId"), s) for s in data.get("servers") or []),
                                            config, domains, hostname)
    warnings.extend(missing)

    names, clashes = unique_names([(key, name) for key, name, variables in servers_found]
                                  + [(key, name) for key, name, variables, service in services_found])
    # "<instance>." with several instances (plugin_utils.instances), so that no two instances share a host
    names = dict((key, (config.get("host_prefix") or "") + name) for key, name in names.items())
    if clashes:
        warnings.append("several hosts would be named %s; each got its Dokploy ID appended" % ", ".join(sorted(clashes)))

    hosts = {}
    server_host_names = {}
    for key, wanted, variables in servers_found:
        server_host_names[key] = names[key]
        hosts[names[key]] = variables
        groups.add("dokploy_servers")["hosts"].append(names[key])
    if include_services:
        for name in SERVICE_GROUPS:
            groups.add(name)
    project_groups, env_groups = project_and_environment_groups(services)
    for key, wanted, variables, service in services_found:
        hosts[names[key]] = variables
        for group, parent in service_groups(service, project_groups, env_groups, server_host_names, host_name):
            groups.add(group, parent=parent)["hosts"].append(names[key])
    return {"hosts": hosts, "groups": dict(groups), "warnings": warnings}
