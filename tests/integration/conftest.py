# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures of the integration harness (see tests/integration/README.md).

Each target gets a fresh Dokploy simulator (tests/simulator) and one ``ansible-playbook`` run that
finds this collection through ANSIBLE_COLLECTIONS_PATH.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import secrets
import sys

import pytest

TESTS_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))

if TESTS_DIR not in sys.path:
    # ``from simulator import Simulator`` (tests/simulator is a package on tests/).
    sys.path.insert(0, TESTS_DIR)


@pytest.fixture
def api_key():
    """A per-target random API key; it doubles as the canary that must never reach the output."""
    return "dkp-canary-" + secrets.token_hex(16)


@pytest.fixture
def simulator(api_key):
    """A fresh, empty simulator for one target."""
    try:
        from simulator import Simulator
    except ImportError as exc:  # pragma: no cover - only while tests/simulator is being written
        pytest.fail("cannot import the Dokploy simulator from tests/simulator: %s" % exc)
    with Simulator(api_key=api_key) as sim:
        yield sim
