# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Golden tests of ``ansible-inventory --list`` with the dokploy.dokploy.dokploy plugin against the simulator.

The simulator is seeded directly with a fixed state (tests/integration/inventory_seed.py: fixed IDs, names and
timestamps), so the output is reproducible. Regenerate the golden files after an intended change with
``INVENTORY_GOLDEN_UPDATE=1 scripts/test --quick -- tests/integration/test_inventory.py`` and review the diff.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import secrets
import subprocess
import sys

import pytest

from inventory_seed import plain, seed_golden  # tests/integration is on sys.path (rootdir conftest)
from test_targets import collections_path

GOLDEN_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "inventory_golden")
BIN_DIR = os.path.dirname(sys.executable)

CONFIGS = {
    "default": "",
    "filtered": """
projects: [shop]
environments: [production]
service_types: [application, database]
include_dokploy_host: false
""",
    "constructed": """
hostname: "{{ dokploy_app_name }}"
service_connection: ""
include_domains: false
strict: true
compose:
  dokploy_url: "'https://' ~ dokploy_domains[0].host if dokploy_domains | default([]) else none"
  dokploy_kind: dokploy_type ~ '/' ~ dokploy_database_type | default(dokploy_type)
keyed_groups:
  - key: dokploy_database_type | default('none')
    prefix: engine
groups:
  remote: dokploy_server_id is not none
""",
}


def run(tool, args, sim, api_key, tmp_path, config="", check=True, environ=None):
    """``tool -i <a source of sim with config>``; ``sim=None``: config gives the servers (instances)."""
    source = tmp_path / "test.dokploy.yml"
    source.write_text("plugin: dokploy.dokploy.dokploy\n%s%s" % ("api_url: %s\n" % sim.url if sim else "", config))
    env = dict(os.environ)
    env.update(environ or {})
    env.update({
        "ANSIBLE_COLLECTIONS_PATH": collections_path(),
        "ANSIBLE_INVENTORY_ENABLED": "dokploy.dokploy.dokploy",
        "ANSIBLE_LOCAL_TEMP": str(tmp_path / "tmp"),
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_FORCE_COLOR": "0",
        "ANSIBLE_INVENTORY_UNPARSED_FAILED": "1",
        "ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED": "1",
        "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
        "DOKPLOY_API_KEY": api_key,
    })
    result = subprocess.run([os.path.join(BIN_DIR, tool), "-i", str(source)] + args, env=env, capture_output=True,
                            text=True, timeout=300, check=False)
    assert api_key not in result.stdout + result.stderr
    if check:
        assert result.returncode == 0, result.stderr
    return result


@pytest.fixture
def seeded(simulator):
    seed_golden(simulator.state)
    simulator.clear_requests()
    return simulator


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_golden(name, seeded, api_key, tmp_path):
    result = run("ansible-inventory", ["--list"], seeded, api_key, tmp_path, CONFIGS[name])
    inventory = json.loads(result.stdout)
    procedures = [r["path"].rsplit("/", 1)[-1] for r in seeded.requests()]
    assert len(procedures) <= 3, procedures
    golden = os.path.join(GOLDEN_DIR, "%s.json" % name)
    if os.environ.get("INVENTORY_GOLDEN_UPDATE") or not os.path.exists(golden):
        with open(golden, "w") as f:
            json.dump(inventory, f, indent=2, sort_keys=True)
            f.write("\n")
    with open(golden) as f:
        assert inventory == json.load(f)


def test_requests_of_the_default_configuration(seeded, api_key, tmp_path):
    run("ansible-inventory", ["--list"], seeded, api_key, tmp_path)
    assert sorted(r["path"] for r in seeded.requests()) == [
        "/api/overview.domains", "/api/overview.services", "/api/server.all"]
    assert all(r["method"] == "GET" for r in seeded.requests())


def test_api_values_are_never_templated(seeded, api_key, tmp_path):
    result = run("ansible", ["blog*", "-m", "ansible.builtin.debug", "-a", "msg={{ dokploy_name }}|{{ dokploy_project }}"],
                 seeded, api_key, tmp_path)
    assert "{{ lookup('env', 'HOME') }}|blog {{ 6 * 7 }}" in result.stdout
    assert "blog 42" not in result.stdout
    assert os.environ.get("HOME", "/nonexistent") + "|" not in result.stdout


def test_refused_server_list_is_a_warning(seeded, api_key, tmp_path):
    seeded.add_fault("server.all", status=403, times=0,
                     body={"message": "You don't have permission", "code": "FORBIDDEN",
                           "data": {"code": "FORBIDDEN", "httpStatus": 403, "path": "server.all", "zodError": None}})
    result = run("ansible-inventory", ["--list"], seeded, api_key, tmp_path)
    inventory = plain(json.loads(result.stdout))
    assert "cannot list the servers" in result.stderr
    assert "edge-1" not in inventory["_meta"]["hostvars"]
    web = inventory["_meta"]["hostvars"]["shop.production.web"]
    assert "ansible_host" not in web and web["dokploy_server"] == "edge-1"


def test_wrong_key_fails_without_printing_it(seeded, api_key, tmp_path):
    source_key = "wrong-" + api_key[::-1]
    result = run("ansible-inventory", ["--list"], seeded, source_key, tmp_path, check=False)
    assert source_key not in result.stdout + result.stderr
    assert "rejected the API key" in result.stderr


def test_templated_key(seeded, api_key, tmp_path):
    config = "api_key: \"{{ 'dkp-canary-' ~ my_key_suffix }}\"\n"
    result = run("ansible-inventory", ["--list", "-e", "my_key_suffix=%s" % api_key[len("dkp-canary-"):]],
                 seeded, "not-the-key", tmp_path, config, check=False)
    assert result.returncode == 0, result.stderr
    assert "shop.production.web" in json.loads(result.stdout)["_meta"]["hostvars"]


# -- several instances in one source -----------------------------------------------------------------

INSTANCES = """
instances:
  - name: prod
    api_url: %s
    api_key: %s
  - name: edge-eu
    api_url: %s
    api_key_env: EDGE_EU_KEY
strict: %s
"""


@pytest.fixture
def second(seeded):
    """A second simulator with the same content as ``seeded`` (same names and IDs) and its own key."""
    from simulator import Simulator
    key = "dkp-canary-" + secrets.token_hex(16)
    with Simulator(api_key=key) as sim:
        seed_golden(sim.state)
        sim.clear_requests()
        sim.key = key
        yield sim


def run_instances(seeded, api_key, second, tmp_path, strict=False, check=True):
    config = INSTANCES % (seeded.url, api_key, second.url, "true" if strict else "false")
    result = run("ansible-inventory", ["--list"], None, api_key, tmp_path, config, check=check,
                 environ={"EDGE_EU_KEY": second.key})
    assert second.key not in result.stdout + result.stderr
    return result


def test_two_instances_make_one_inventory(seeded, api_key, second, tmp_path):
    single = plain(json.loads(run("ansible-inventory", ["--list"], seeded, api_key, tmp_path).stdout))
    names = set(single["_meta"]["hostvars"])
    seeded.clear_requests()
    inventory = plain(json.loads(run_instances(seeded, api_key, second, tmp_path).stdout))
    hostvars = inventory["_meta"]["hostvars"]
    # the same content on both: every host twice, each name prefixed with its instance
    assert set(hostvars) == set("prod." + n for n in names) | set("edge-eu." + n for n in names)
    assert hostvars["prod.shop.production.web"]["dokploy_instance"] == "prod"
    assert hostvars["edge-eu.shop.production.web"]["dokploy_instance"] == "edge-eu"
    assert sorted(inventory["dokploy_instance_edge_eu"]["hosts"]) == sorted(h for h in hostvars if h.startswith("edge-eu."))
    assert "prod.shop.production.web" in inventory["dokploy_applications"]["hosts"]
    assert "edge-eu.shop.production.web" in inventory["dokploy_applications"]["hosts"]
    for sim in (seeded, second):  # three requests per instance, as with one
        assert sorted(r["path"] for r in sim.requests()) == [
            "/api/overview.domains", "/api/overview.services", "/api/server.all"]


def test_a_failing_instance_is_a_warning_unless_strict(seeded, api_key, second, tmp_path):
    second.add_fault("overview.services", status=500, times=0,
                     body={"message": "boom", "code": "INTERNAL_SERVER_ERROR",
                           "data": {"code": "INTERNAL_SERVER_ERROR", "httpStatus": 500, "path": "overview.services"}})
    result = run_instances(seeded, api_key, second, tmp_path)
    hostvars = plain(json.loads(result.stdout))["_meta"]["hostvars"]
    assert "prod.shop.production.web" in hostvars
    assert not [h for h in hostvars if h.startswith("edge-eu.")]
    assert "instance edge-eu (%s): " % second.url in result.stderr and "its hosts are left out" in result.stderr

    strict = run_instances(seeded, api_key, second, tmp_path, strict=True, check=False)
    assert strict.returncode != 0
    assert "instance edge-eu (%s): " % second.url in strict.stderr


def test_a_missing_key_variable_fails_before_any_request(seeded, api_key, second, tmp_path):
    config = INSTANCES % (seeded.url, api_key, second.url, "false")
    result = run("ansible-inventory", ["--list"], None, api_key, tmp_path, config, check=False,
                 environ={"EDGE_EU_KEY": ""})
    assert result.returncode != 0
    assert "EDGE_EU_KEY (its api_key_env) is not set or empty" in result.stderr
    assert seeded.requests() == [] and second.requests() == []
