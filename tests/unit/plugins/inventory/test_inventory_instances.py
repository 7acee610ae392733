# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Several Dokploy instances in one inventory: the configuration checks and the host/group building (no network)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

import pytest

from ansible.errors import AnsibleParserError

from ansible_collections.dokploy.dokploy.plugins.plugin_utils import inventory as plugin
from ansible_collections.dokploy.dokploy.plugins.plugin_utils.instances import (
    check_instances,
    host_prefix,
    instance_credentials,
    merge_instances,
)

from ansible_collections.dokploy.dokploy.tests.unit.plugins.inventory.test_inventory_build import DATA

PROD = {"name": "prod", "api_url": "https://prod.example.com", "api_key": "k1"}
STAGING = {"name": "staging-eu", "api_url": "https://staging.example.com", "api_key_env": "STAGING_KEY"}


def build_two():
    """The same Dokploy content read from two instances, as the plugin builds it."""
    built = []
    for name, address in (("prod", "prod.example.com"), ("staging-eu", "staging.example.com")):
        config = {"dokploy_host_address": address, "host_prefix": host_prefix(name)}
        built.append((name, plugin.build_inventory(copy.deepcopy(DATA), config)))
    return merge_instances(built)


def test_host_names_carry_the_instance_and_never_collide():
    hosts = build_two()["hosts"]
    single = plugin.build_inventory(copy.deepcopy(DATA), {"dokploy_host_address": "x"})["hosts"]
    assert set(hosts) == set("prod." + name for name in single) | set("staging-eu." + name for name in single)
    assert len(hosts) == 2 * len(single)


def test_every_host_has_its_instance_and_address():
    hosts = build_two()["hosts"]
    assert hosts["prod.shop.production.web"]["dokploy_instance"] == "prod"
    assert hosts["staging-eu.shop.production.web"]["dokploy_instance"] == "staging-eu"
    assert hosts["prod.dokploy"]["ansible_host"] == "prod.example.com"
    assert hosts["staging-eu.dokploy"]["ansible_host"] == "staging.example.com"
    # the rest of the variables is what one instance gives
    web = dict(hosts["prod.shop.production.web"])
    del web["dokploy_instance"]
    assert web == plugin.build_inventory(copy.deepcopy(DATA), {"dokploy_host_address": "prod.example.com"})[
        "hosts"]["shop.production.web"]


def test_a_group_per_instance_and_shared_groups():
    inventory = build_two()
    groups = inventory["groups"]
    assert sorted(groups["dokploy_instance_prod"]["hosts"]) == sorted(h for h in inventory["hosts"] if h.startswith("prod."))
    assert sorted(groups["dokploy_instance_staging_eu"]["hosts"]) == sorted(
        h for h in inventory["hosts"] if h.startswith("staging-eu."))
    assert sorted(groups["dokploy_applications"]["hosts"]) == [
        "prod.shop.production.api", "prod.shop.production.web",
        "staging-eu.shop.production.api", "staging-eu.shop.production.web"]
    # a project group's children are listed once, however many instances have the project
    assert groups["dokploy_project_shop"]["children"] == ["dokploy_project_shop_production", "dokploy_project_shop_staging"]


def test_server_groups_stay_per_instance():
    groups = build_two()["groups"]
    assert groups["dokploy_server_prod_dokploy"]["hosts"] == [
        "prod.shop.production.web", "prod.shop.staging.stack", "prod.blog_Site.production.cache"]
    assert "staging-eu.shop.production.web" in groups["dokploy_server_staging_eu_dokploy"]["hosts"]
    assert "dokploy_server_dokploy" not in groups


def test_warnings_name_their_instance():
    data = dict(copy.deepcopy(DATA), warnings=["cannot list the servers (refused)"])
    merged = merge_instances([("prod", plugin.build_inventory(data, {"host_prefix": "prod."}))])
    assert "instance prod: cannot list the servers (refused)" in merged["warnings"]


def config(*instances, **options):
    return dict(options, plugin="dokploy.dokploy.dokploy", instances=list(instances))


def test_a_valid_configuration_passes():
    # accepted: check_instances returns nothing (a refusal raises AnsibleParserError, below)
    assert check_instances(config(PROD, STAGING)) is None
    assert check_instances({"plugin": "dokploy.dokploy.dokploy", "api_url": "https://x"}) is None  # no instances


@pytest.mark.parametrize("bad, message", [
    (config(), "non-empty list"),
    (dict(config(PROD), api_url="https://other"), "api_url cannot be set together with instances"),
    (dict(config(PROD), dokploy_host_address="x"), "dokploy_host_address cannot be set together with instances"),
    (config("prod"), "instances[0] must be a dictionary"),
    (config(dict(PROD, token="x")), "instances[0]: unknown option token"),
    (config(dict(PROD, name="prod.eu")), "name must be letters, digits"),
    (config(dict(PROD, name=None)), "name must be letters, digits"),
    (config(dict(PROD, api_url=None)), "instances[0] (prod) needs api_url"),
    (config(dict(PROD, api_url="")), "api_url must be a non-empty string"),
    (config(dict(PROD, api_key_env="K")), "exactly one of api_key and api_key_env"),
    (config(dict(PROD, api_key=None)), "exactly one of api_key and api_key_env"),
    (config(PROD, dict(PROD, api_url="https://other")), "instances[1] (prod): another instance, prod, has the same group"),
    (config(dict(STAGING, name="a-b"), dict(PROD, name="a_b")), "same group dokploy_instance_a_b"),
])
def test_bad_configurations_fail_before_any_request(bad, message):
    with pytest.raises(AnsibleParserError) as error:
        check_instances(bad)
    assert message in str(error.value)


def test_check_config_checks_the_instances():
    definitions = {"plugin": {}, "instances": {}, "api_url": {}}
    with pytest.raises(AnsibleParserError, match="cannot be set together"):
        plugin.check_config(dict(config(PROD), api_url="https://x"), definitions)


def test_credentials_from_the_option_or_the_environment():
    assert instance_credentials(PROD, environ={}) == ("https://prod.example.com", "k1")
    assert instance_credentials(STAGING, environ={"STAGING_KEY": "k2"}) == ("https://staging.example.com", "k2")
    for environ in ({}, {"STAGING_KEY": ""}):
        with pytest.raises(AnsibleParserError, match="STAGING_KEY .* is not set or empty"):
            instance_credentials(STAGING, environ=environ)
