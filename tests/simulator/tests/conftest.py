# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The simulator's own tests: the collection and the simulator importable, as for the unit tests
(tests/unit/conftest.py does it); scripts/test --quick runs them with the unit tests."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import runpy

runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "unit", "conftest.py"))
