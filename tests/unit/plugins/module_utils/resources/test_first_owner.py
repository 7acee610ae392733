# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dokploy_admin (resources/_admin.py) against the simulator: how a sign-up or sign-in that Dokploy refuses fails
(issue 23). The whole run, its idempotence and check mode: tests/integration/targets/dokploy_admin."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest
import requests

from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._admin import Admin, argument_spec
from simulator import Simulator

KEY = "first-owner-key-" + "b" * 24
UNTRUSTED = "http://untrusted.example:8080"


@pytest.fixture
def sim():
    with Simulator(api_key=KEY) as simulator:
        yield simulator


def params(sim, **given):
    spec = argument_spec()
    values = dict((name, option.get("default")) for name, option in spec.items())
    values.update(api_url=sim.url, email="owner@example.com", password="owner-password-1", timeout=30)
    values.update(given)
    return values


def empty(sim):
    """A Dokploy just installed: no user, no owner."""
    requests.post(sim.url + "/__sim__/users", data=json.dumps({"empty": True}),
                  headers={"Content-Type": "application/json"}, timeout=30).raise_for_status()


@pytest.mark.parametrize("has_owner", [False, True], ids=["sign-up", "sign-in"])
def test_an_untrusted_origin_says_so_and_how_to_fix_it(sim, has_owner):
    if not has_owner:
        empty(sim)
    with pytest.raises(Exception) as caught:
        Admin(params(sim, origin=UNTRUSTED)).run()
    text = str(caught.value)
    assert "Origin header '%s'" % UNTRUSTED in text
    assert "Set the module's origin option" in text
    # the module has no API key yet: a hint about a key's user would send the user the wrong way
    assert "API key" not in text and "lacks permission" not in text
    assert caught.value.status == 403
    assert [r["path"] for r in sim.requests() if r["method"] == "POST"] == [
        "/api/auth/sign-in/email" if has_owner else "/api/auth/sign-up/email"]


def test_the_default_origin_is_trusted(sim):
    empty(sim)
    result = Admin(params(sim)).run()
    assert result["owner_created"] and len(result["api_key"]) == 64
