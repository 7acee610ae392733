# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Several Dokploy instances in one inventory source (the ``instances`` option of the inventory plugin).

``check_instances`` refuses a bad ``instances`` list before any request; ``instance_credentials`` reads the key of
each instance (``api_key`` or the environment variable ``api_key_env`` names); ``merge_instances`` puts the inventories
built for each instance (plugin_utils.inventory.build_inventory, host names already prefixed with the instance
name) together: one group ``dokploy_instance_<name>`` per instance, ``dokploy_instance`` on every host, and the other
groups (kind, project, status...) shared, so that ``dokploy_project_shop`` holds the shop hosts of every instance.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import re

from ansible.errors import AnsibleParserError

INSTANCE_OPTIONS = ("name", "api_url", "api_key", "api_key_env")
# Options that name one server; with instances, each instance gives its own.
SINGLE_INSTANCE_OPTIONS = ("api_url", "api_key", "dokploy_host_address")
INSTANCE_GROUP_PREFIX = "dokploy_instance_"
# No dot: "<instance>.<host>" then cannot be read two ways, so host names of two instances never collide.
_INSTANCE_NAME = re.compile(r"^[A-Za-z0-9_-]+$")


def instance_group(name):
    return INSTANCE_GROUP_PREFIX + name.replace("-", "_")


def host_prefix(name):
    return name + "."


def check_instances(config):
    """Refuse, before any request, an ``instances`` list the plugin could not use. ``config`` is the file as read."""
    instances = config.get("instances")
    if instances is None:
        return
    if not isinstance(instances, list) or not instances:
        raise AnsibleParserError("instances must be a non-empty list of {name, api_url, api_key or api_key_env}")
    both = [option for option in SINGLE_INSTANCE_OPTIONS if config.get(option) is not None]
    if both:
        raise AnsibleParserError("%s cannot be set together with instances: give each instance its own api_url and "
                                 "api_key (or api_key_env)" % ", ".join(both))
    groups = {}
    for index, instance in enumerate(instances):
        where = "instances[%d]" % index
        if not isinstance(instance, dict):
            raise AnsibleParserError("%s must be a dictionary with name, api_url and api_key or api_key_env, not %r"
                                     % (where, type(instance).__name__))
        unknown = sorted(set(instance) - set(INSTANCE_OPTIONS))
        if unknown:
            raise AnsibleParserError("%s: unknown option%s %s (its options: %s)" % (
                where, "s" if len(unknown) > 1 else "", ", ".join(unknown), ", ".join(INSTANCE_OPTIONS)))
        name = instance.get("name")
        if not isinstance(name, str) or not _INSTANCE_NAME.match(name):
            raise AnsibleParserError("%s: name must be letters, digits, _ and - (it prefixes host names and names the "
                                     "group dokploy_instance_<name>), not %r" % (where, name))
        for option in ("api_url", "api_key", "api_key_env"):
            if instance.get(option) is not None and (not isinstance(instance[option], str) or not instance[option]):
                raise AnsibleParserError("%s (%s): %s must be a non-empty string" % (where, name, option))
        if not instance.get("api_url"):
            raise AnsibleParserError("%s (%s) needs api_url" % (where, name))
        if (instance.get("api_key") is None) == (instance.get("api_key_env") is None):
            raise AnsibleParserError("%s (%s) needs exactly one of api_key and api_key_env" % (where, name))
        group = instance_group(name)
        if group in groups:
            raise AnsibleParserError("%s (%s): another instance, %s, has the same group %s; rename one"
                                     % (where, name, groups[group], group))
        groups[group] = name


def instance_credentials(instance, environ=None):
    """``(api_url, api_key)`` of a checked instance; a missing environment variable fails before any request."""
    environ = os.environ if environ is None else environ
    if instance.get("api_key_env") is None:
        return instance["api_url"], instance["api_key"]
    variable = instance["api_key_env"]
    if not environ.get(variable):
        raise AnsibleParserError("instance %s: the environment variable %s (its api_key_env) is not set or empty"
                                 % (instance["name"], variable))
    return instance["api_url"], environ[variable]


def merge_instances(built_by_instance):
    """One inventory of ``[(instance name, build_inventory result)]``, in that order (the configuration's)."""
    hosts = {}
    groups = {}
    warnings = []
    for name, built in built_by_instance:
        warnings.extend("instance %s: %s" % (name, warning) for warning in built["warnings"])
        own = groups.setdefault(instance_group(name), {"hosts": [], "children": []})
        for host, variables in built["hosts"].items():
            hosts[host] = dict(variables, dokploy_instance=name)
            own["hosts"].append(host)
        for group, entry in built["groups"].items():
            merged = groups.setdefault(group, {"hosts": [], "children": []})
            merged["hosts"].extend(entry["hosts"])
            merged["children"].extend(child for child in entry["children"] if child not in merged["children"])
    return {"hosts": hosts, "groups": groups, "warnings": warnings}
