# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The simulator's better-auth origin check (auth.py), as a real v0.30.2 answered curl's sign-in with a wrong
password under each header (the 401 is the check passed, the password refused)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest
import requests

from simulator import Simulator


@pytest.fixture(scope="module")
def sim():
    with Simulator(api_key="auth-key-" + "c" * 24) as simulator:
        yield simulator


@pytest.mark.parametrize("headers, status, code", [
    ({"Origin": "http://evil.example:1234"}, 403, "INVALID_ORIGIN"),
    ({"Referer": "http://evil.example/x"}, 403, "INVALID_ORIGIN"),
    ({"Origin": "null"}, 403, "MISSING_OR_NULL_ORIGIN"),
    ({"Cookie": "a=b"}, 403, "MISSING_OR_NULL_ORIGIN"),
    ({}, 401, "INVALID_EMAIL_OR_PASSWORD"),
    ({"Origin": "{url}/"}, 401, "INVALID_EMAIL_OR_PASSWORD"),
], ids=["untrusted-origin", "untrusted-referer", "null-origin", "cookie-without-origin", "no-origin", "own-url"])
def test_origin_check_answers_as_the_real_server(sim, headers, status, code):
    headers = dict((name, value.replace("{url}", sim.url)) for name, value in headers.items())
    headers["Content-Type"] = "application/json"
    answer = requests.post(sim.url + "/api/auth/sign-in/email", headers=headers, timeout=30,
                           data=json.dumps({"email": "nobody@example.com", "password": "wrongpassword"}))
    assert (answer.status_code, answer.json()["code"]) == (status, code)
