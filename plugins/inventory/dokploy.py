# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: dokploy
short_description: Dokploy servers and services as an inventory source
version_added: 0.2.0
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
description:
  - Lists the remote servers registered in Dokploy, the Dokploy host itself, and every application,
    compose stack and database (postgres, mysql, mariadb, mongo, redis, libsql) as hosts, with their
    variables under a C(dokploy_) prefix, and groups them by kind, project, environment, server and status.
  - "Few requests: with Dokploy v0.30 or newer the whole picture takes three GET requests, whatever the
    number of hosts: C(overview.services) (every service with its name, appName, status, server, project
    and environment), C(server.all) (addresses, ports, users) and C(overview.domains) (every domain of
    every application and compose stack). C(project.all) is not needed: it lists databases by ID only."
  - "Older Dokploy (v0.25 to v0.29) has no C(overview) router: the plugin then reads C(project.all) and
    C(project.one) once per project that has services (N+2 requests), and cannot list domains without one
    request per service, so C(dokploy_domains) is left out there (with a warning)."
  - Everything read from the API is marked unsafe, so that a value such as a service name can never be
    templated (with ansible-core 2.19 and later, values set by an inventory plugin are untrusted by
    design; with older versions the plugin wraps them as unsafe).
  - A server that cannot be read (the key's user lacks permission, or C(server.all) is refused) is a
    warning, not a failure; its services are listed without C(ansible_host).
  - The configuration file must be named C(*.dokploy.yml) or C(*.dokploy.yaml). An option the plugin does not have
    and a malformed O(keyed_groups) or O(instances) entry fail before any request.
  - "Several Dokploy instances: O(instances) lists them; the source is then one inventory of all of them, each
    read with its own requests (three per instance with v0.30 and newer)."
extends_documentation_fragment:
  - constructed
  - inventory_cache
  - dokploy.dokploy.dokploy.inventory
options:
  plugin:
    description: The name of this plugin; it makes the file an inventory source of this plugin.
    type: str
    required: true
    choices: [dokploy.dokploy.dokploy]
  api_url:
    description:
      - URL of the Dokploy server, for example V(https://dokploy.example.com).
      - V(https://host), V(https://host/) and V(https://host/api) are all accepted. May be a template.
      - Required, unless O(instances) is set (it is then not allowed; C(DOKPLOY_API_URL) is ignored).
    type: str
    required: false
    env:
      - name: DOKPLOY_API_URL
  api_key:
    description:
      - Dokploy API key, sent in the C(x-api-key) header. It is never logged, cached or printed.
      - May be a template, for example a vaulted variable or a lookup.
      - Required, unless O(instances) is set (it is then not allowed; C(DOKPLOY_API_KEY) is ignored).
    type: str
    required: false
    env:
      - name: DOKPLOY_API_KEY
  instances:
    description:
      - Several Dokploy instances in one inventory, instead of O(api_url) and O(api_key).
      - "Each host name starts with C(<name>.) (for example C(prod.shop.production.web), C(prod.dokploy)), so hosts
        of two instances never collide; each host has C(dokploy_instance) (the instance name) and is in the group
        C(dokploy_instance_<name>) (C(-) becomes C(_)). The other groups (C(dokploy_applications),
        C(dokploy_project_<project>)...) hold the hosts of every instance; C(dokploy_server_<server host>) uses the
        prefixed host name, so it stays per instance."
      - O(validate_certs), O(ca_path), O(timeout) and the filters apply to every instance; the Dokploy host of each
        instance has the host name of its O(instances[].api_url) as C(ansible_host) (O(dokploy_host_address) is
        not allowed with O(instances)).
      - "An instance that cannot be read (unreachable, refused key, server error) is a warning with
        O(strict=false) (its hosts are left out, and the cache is not written) and fails the source with
        O(strict=true). When every instance fails, the source fails."
    type: list
    elements: dict
    suboptions:
      name:
        description: The instance's name; letters, digits, C(_) and C(-). Unique.
        type: str
        required: true
      api_url:
        description: URL of this instance's Dokploy. May be a template.
        type: str
        required: true
      api_key:
        description:
          - API key of this instance. May be a template (a vaulted variable).
          - Exclusive with O(instances[].api_key_env).
        type: str
      api_key_env:
        description:
          - Name of an environment variable that holds this instance's API key. Exclusive with O(instances[].api_key).
          - A variable that is not set or empty fails the source before any request.
        type: str
  include_dokploy_host:
    description:
      - Add the Dokploy host itself (the host of O(api_url)) to C(dokploy_servers), named O(dokploy_host_name).
      - Services without a remote server run there.
    type: bool
    default: true
  dokploy_host_name:
    description: Inventory name of the Dokploy host, and the C(dokploy_server) of the services that run on it.
    type: str
    default: dokploy
  dokploy_host_address:
    description:
      - C(ansible_host) of the Dokploy host and of the services that run on it.
      - Defaults to the host name of O(api_url).
    type: str
  include_servers:
    description: List the remote servers (and the Dokploy host) as hosts of C(dokploy_servers).
    type: bool
    default: true
  include_services:
    description: List the services (applications, compose stacks, databases) as hosts.
    type: bool
    default: true
  include_domains:
    description:
      - Read the domains of applications and compose stacks (one request, C(overview.domains)) into
        C(dokploy_domains).
    type: bool
    default: true
  hostname:
    description:
      - A Jinja2 template giving the inventory name of each service from its C(dokploy_*) variables, for example
        V({{ dokploy_app_name }}).
      - "When not set, the name is C(<project>.<environment>.<service name>), each part with whitespace
        and characters other than letters, digits, C(_), C(-) and C(@) replaced by C(_)."
      - Dokploy does not keep names unique. When several hosts would get the same name, each of them gets
        C(.<id>) appended (its Dokploy ID), and a warning says so.
    type: str
  service_connection:
    description:
      - C(ansible_connection) of the service hosts.
      - The default V(local) suits the collection's modules, which run on the controller and talk to the
        Dokploy API; C(ansible_host) is still set to the address of the server the service runs on.
      - Set to an empty string to leave C(ansible_connection) unset, so that a play on a service host reaches
        its server over SSH (C(ansible_host), C(ansible_port) and C(ansible_user) of the server are then set
        on the service too).
    type: str
    default: local
  projects:
    description: Only services of these projects (names or IDs). Empty means all.
    type: list
    elements: str
    default: []
  environments:
    description: Only services of these environments (names or IDs, in any project). Empty means all.
    type: list
    elements: str
    default: []
  service_types:
    description:
      - Only services of these kinds. V(database) stands for every database type. Empty means all.
    type: list
    elements: str
    choices: [application, compose, database, postgres, mysql, mariadb, mongo, redis, libsql]
    default: []
  status:
    description:
      - Only services with one of these statuses (C(idle), C(running), C(done), C(error)). Empty means all.
    type: list
    elements: str
    default: []
notes:
  - "Groups: C(dokploy_servers), C(dokploy_applications), C(dokploy_compose), C(dokploy_databases),
    C(dokploy_project_<project>), its children C(dokploy_project_<project>_<environment>),
    C(dokploy_server_<server host>) (the services on that server) and C(dokploy_status_<status>). Every
    character other than a letter, a digit or C(_) in a name becomes C(_); a group name that two different
    projects (or environments) would share gets C(_<id>) appended."
  - "Service host variables: C(dokploy_type) (V(application), V(compose) or V(database)),
    C(dokploy_database_type) (databases only), C(dokploy_id), C(dokploy_<kind>_id) (for example
    C(dokploy_postgres_id), the value the modules' C(<kind>_id) option takes), C(dokploy_name),
    C(dokploy_app_name), C(dokploy_status), C(dokploy_project), C(dokploy_project_id), C(dokploy_environment),
    C(dokploy_environment_id), C(dokploy_server), C(dokploy_server_id) (null on the Dokploy host) and, for
    applications and compose stacks, C(dokploy_domains) (a list of C(domainId), C(host), C(path), C(port),
    C(https), C(certificateType), C(enabled), C(domainType))."
  - "Server host variables: C(ansible_host), C(ansible_port), C(ansible_user), C(dokploy_type) (V(server)),
    C(dokploy_server_id), C(dokploy_name), C(dokploy_server_type) (V(deploy), V(build), or V(dokploy) for the
    Dokploy host), C(dokploy_server_status) and, for remote servers, what M(dokploy.dokploy.dokploy_server_info)
    returns of them - C(dokploy_description), C(dokploy_app_name), C(dokploy_ssh_key_id), C(dokploy_docker_cleanup),
    C(dokploy_builds_concurrency), C(dokploy_created_at) and C(dokploy_service_count) (the services on the server)."
  - "With O(service_connection=local), a play on service hosts runs on the controller; if interpreter discovery
    picks the wrong Python there, set C(ansible_python_interpreter: \"{{ ansible_playbook_python }}\") in
    C(group_vars) of C(dokploy_applications), C(dokploy_compose) and C(dokploy_databases) (a C(compose) entry
    cannot do it: C(ansible_playbook_python) is not known while the inventory is built)."
"""

EXAMPLES = r"""
# Each example below is a file of its own; "# ----" lines separate them, and all but the first are commented
# out so that these examples stay one YAML document.
# dokploy.dokploy.yml: everything, with the key from the environment (DOKPLOY_API_KEY)
plugin: dokploy.dokploy.dokploy
api_url: https://dokploy.example.com

# ---- another file
# production.dokploy.yml: the running apps of two projects, the key from Ansible Vault
# plugin: dokploy.dokploy.dokploy
# api_url: https://dokploy.example.com
# api_key: "{{ vault_dokploy_api_key }}"
# projects: [shop, blog]
# environments: [production]
# service_types: [application]
# status: [running, done]
# include_dokploy_host: false
# cache: true
# cache_plugin: ansible.builtin.jsonfile
# cache_connection: ~/.cache/dokploy-inventory
# cache_timeout: 300

# ---- another file
# services named after their appName, grouped by database type, with a URL variable
# plugin: dokploy.dokploy.dokploy
# api_url: https://dokploy.example.com
# hostname: "{{ dokploy_app_name }}"
# compose:
#   dokploy_url: "'https://' ~ dokploy_domains[0].host if dokploy_domains | default([]) else none"
# keyed_groups:
#   - key: dokploy_database_type
#     prefix: db
#     default_value: none
# groups:
#   has_domains: dokploy_domains | default([]) | length > 0

# ---- another file
# all.dokploy.yml: two Dokploy instances in one inventory (groups dokploy_instance_prod, dokploy_instance_staging)
# plugin: dokploy.dokploy.dokploy
# instances:
#   - name: prod
#     api_url: https://dokploy.example.com
#     api_key: "{{ vault_dokploy_prod_api_key }}"
#   - name: staging
#     api_url: https://staging.dokploy.example.com
#     api_key_env: DOKPLOY_STAGING_API_KEY
# strict: false   # an unreachable instance is a warning, the other is still listed
"""

try:
    from urllib.parse import urlparse
except ImportError:  # pragma: no cover - Python 2 is not a controller Python
    from urlparse import urlparse

from ansible.errors import AnsibleError, AnsibleParserError
from ansible.module_utils.common.text.converters import to_native
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable
from ansible.utils.vars import load_extra_vars

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployClient, DokployError, normalize_api_url
from ansible_collections.dokploy.dokploy.plugins.plugin_utils.instances import (
    host_prefix,
    instance_credentials,
    merge_instances,
)
from ansible_collections.dokploy.dokploy.plugins.plugin_utils.inventory import (
    CACHE_FORMAT,
    build_inventory,
    check_config,
    fetch,
    mark_unsafe,
)


# -- the plugin -------------------------------------------------------------------------------------

class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):

    NAME = "dokploy.dokploy.dokploy"

    def verify_file(self, path):
        if super(InventoryModule, self).verify_file(path):
            return path.endswith(("dokploy.yml", "dokploy.yaml"))
        return False

    def _template_option(self, name, value=None):
        """The option ``name`` (or ``value``, an instance's setting of that name), templated."""
        value = self.get_option(name) if value is None else value
        if isinstance(value, str) and self.templar.is_template(value):
            try:
                value = self.templar.template(value)
            except Exception as exc:
                # The message may quote the rendered value; never let the key through.
                raise AnsibleError("could not template the %s option (%s)" % (
                    name, type(exc).__name__ if name == "api_key" else to_native(exc)))
        return value

    def _client(self, instance=None):
        """``(client, api_url)`` of the single server, or of a checked entry of ``instances``."""
        if instance is None:
            api_url = self._template_option("api_url")
            api_key = self._template_option("api_key")
        else:
            api_url, api_key = instance_credentials(instance)
            api_url = self._template_option("api_url", api_url)
            api_key = self._template_option("api_key", api_key)
        if not api_url:
            raise AnsibleError("api_url (or DOKPLOY_API_URL) is required")
        if not api_key:
            raise AnsibleError("api_key (or DOKPLOY_API_KEY) is required")
        return DokployClient(
            api_url=to_native(api_url),
            api_key=to_native(api_key),
            validate_certs=self.get_option("validate_certs"),
            ca_path=self.get_option("ca_path"),
            timeout=self.get_option("timeout"),
        ), api_url

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path, cache)
        config = self._read_config_data(path)
        try:
            check_config(config, self.option_definitions)
        except AnsibleParserError as error:
            raise AnsibleParserError("Dokploy inventory %s: %s" % (path, to_native(error)))
        self.templar.available_variables = load_extra_vars(loader)
        if self.get_option("instances"):
            self._parse_instances(path, cache)
            return

        cache_key, data, update_cache = self._cached_data(path, cache, lambda cached: "instances" not in cached)
        client, api_url = self._client()
        if data is None:
            try:
                data = self._fetch(client)
            except DokployError as error:
                raise AnsibleError("Dokploy inventory %s: %s" % (path, client.redact(str(error))))
        if update_cache:
            self._cache[cache_key] = data

        self.populate(data, api_url)

    def _cached_data(self, path, cache, usable):
        """``(cache key, cached data or None, whether to write the cache)``; ``usable(data)`` says if a cached
        record of the current format fits the configuration (one server or several instances)."""
        cache_key = self.get_cache_key(path)
        use_cache = self.get_option("cache") and cache
        update_cache = self.get_option("cache") and not cache
        data = None
        if use_cache:
            try:
                data = self._cache[cache_key]
            except KeyError:
                update_cache = True
            if data is not None and (not isinstance(data, dict) or data.get("format") != CACHE_FORMAT
                                     or not usable(data)):
                data = None
                update_cache = True
        return cache_key, data, update_cache

    def _fetch(self, client):
        """What fetch reads; raises DokployError."""
        return fetch(client, include_services=self.get_option("include_services"),
                     include_domains=self.get_option("include_domains"))

    def _parse_instances(self, path, cache):
        instances = self.get_option("instances")
        names = [instance["name"] for instance in instances]
        # Every key is read (and every template rendered) before the first request.
        clients = [(instance["name"],) + self._client(instance) for instance in instances]
        cache_key, data, update_cache = self._cached_data(
            path, cache, lambda cached: sorted(cached.get("instances") or {}) == sorted(names))
        if data is None:
            data = {"format": CACHE_FORMAT, "instances": {}}
            failures = []
            for name, client, api_url in clients:
                try:
                    data["instances"][name] = self._fetch(client)
                except DokployError as error:
                    failure = "instance %s (%s): %s" % (name, api_url, client.redact(str(error)))
                    if self.get_option("strict"):
                        raise AnsibleError("Dokploy inventory %s: %s" % (path, failure))
                    failures.append(failure)
            if not data["instances"]:
                raise AnsibleError("Dokploy inventory %s: no instance could be read: %s" % (path, "; ".join(failures)))
            for failure in failures:
                self.display.warning("Dokploy inventory: %s; its hosts are left out" % failure)
            # A failure is not cached: the next run reads that instance again.
            update_cache = update_cache and not failures
        if update_cache:
            self._cache[cache_key] = data

        hostname = self._hostname_function()
        built = []
        for name, client, api_url in clients:
            if name in data["instances"]:
                config = dict(self._config(api_url), host_prefix=host_prefix(name))
                built.append((name, build_inventory(data["instances"][name], config, hostname=hostname)))
        self._add(merge_instances(built))

    def _config(self, api_url):
        config = dict((name, self.get_option(name)) for name in (
            "include_dokploy_host", "dokploy_host_name", "include_servers", "include_services", "service_connection",
            "projects", "environments", "service_types", "status"))
        address = self.get_option("dokploy_host_address")
        if not address:
            address = urlparse(normalize_api_url(to_native(api_url))).hostname
        config["dokploy_host_address"] = address
        return config

    def _hostname_function(self):
        template = self.get_option("hostname")
        if not template:
            return None

        def render(variables):
            # wrap_var: an API value such as a name holding "{{ }}" must not be templated in turn.
            self.templar.available_variables = mark_unsafe(variables)
            try:
                name = self.templar.template(template)
            except Exception as exc:
                raise AnsibleError("could not template hostname %r: %s" % (template, to_native(exc)))
            return to_native(name)
        return render

    def populate(self, data, api_url):
        self._add(build_inventory(data, self._config(api_url), hostname=self._hostname_function()))

    def _add(self, built):
        """Adds the hosts and groups of build_inventory (or merge_instances) to the inventory."""
        for warning in built["warnings"]:
            self.display.warning("Dokploy inventory: %s" % warning)

        inventory = self.inventory
        for name, entry in built["groups"].items():
            inventory.add_group(name)
        for name, entry in built["groups"].items():
            for child in entry["children"]:
                inventory.add_child(name, child)

        strict = self.get_option("strict")
        compose = self.get_option("compose")
        composed_groups = self.get_option("groups")
        keyed_groups = self.get_option("keyed_groups")
        constructed = compose or composed_groups or keyed_groups
        for name, variables in built["hosts"].items():
            inventory.add_host(name)
            for key, value in variables.items():
                inventory.set_variable(name, key, mark_unsafe(value))
        for group_name, entry in built["groups"].items():
            for host in entry["hosts"]:
                inventory.add_child(group_name, host)
        if constructed:
            for name in built["hosts"]:
                host_vars = inventory.get_host(name).get_vars()
                self._set_composite_vars(compose, host_vars, name, strict=strict)
                self._add_host_to_composed_groups(composed_groups, host_vars, name, strict=strict)
                self._add_host_to_keyed_groups(keyed_groups, host_vars, name, strict=strict)
