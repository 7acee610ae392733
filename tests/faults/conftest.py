# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fault suite imports the collection and the simulator as the unit tests do (tests/unit/conftest.py sets
both up), and prints the fault matrix's figures at the end of the run."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import importlib.util
import os

import pytest

_UNIT_CONFTEST = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "unit", "conftest.py")
_spec = importlib.util.spec_from_file_location("dokploy_unit_conftest", _UNIT_CONFTEST)
_spec.loader.exec_module(importlib.util.module_from_spec(_spec))

_LINES = []


@pytest.fixture(scope="session")
def summary_lines():
    """Lines a test module leaves to be printed after the run (pytest captures what tests print)."""
    return _LINES


def pytest_terminal_summary(terminalreporter):
    for line in _LINES:
        terminalreporter.write_line(line)
