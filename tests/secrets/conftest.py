# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The secrets and TLS suites run modules the way the bad input suite does (tests/badinput/harness.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import sys

BADINPUT_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "badinput")
if BADINPUT_DIR not in sys.path:
    sys.path.insert(0, BADINPUT_DIR)  # ``import harness``

from harness import print_summary  # noqa: E402 pylint: disable=wrong-import-position


def pytest_terminal_summary(terminalreporter):
    print_summary(terminalreporter)
