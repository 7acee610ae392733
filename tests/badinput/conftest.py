# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The bad input suite prints its figures at the end of the pytest run (harness.print_summary)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from harness import print_summary  # also makes the collection and the simulator importable


def pytest_terminal_summary(terminalreporter):
    print_summary(terminalreporter)
