# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Running the suites on several workers (pytest-xdist, ``-n``).

The integration targets are independent: each runs on any worker. Every other test module keeps its tests
together on one worker, in order, since many share a module-scoped simulator and build on earlier tests.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

INDEPENDENT = ("tests/integration/test_targets.py::",)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadScopeScheduling  # pylint: disable=import-outside-toplevel

    class Scheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            if nodeid.startswith(INDEPENDENT):
                return nodeid
            return nodeid.split("::", 1)[0]

    return Scheduling(config, log)
