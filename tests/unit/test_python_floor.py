# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Python floor of the collection's code, checked on the syntax of every file under plugins/.

Modules and module_utils run on the managed node's Python: 3.8 and newer (CONTRIBUTING.md, tests/config.yml).
The controller-side plugins (inventory, lookup, action, plugin_utils, doc fragments) run where ansible-core runs:
Python 3.10 and newer, the floor of ansible-core 2.16, the oldest version meta/runtime.yml claims.
``ast.parse(feature_version=...)`` refuses syntax newer than that version (``match``, parenthesised context
managers, ``except*``...); names that do not exist there yet (``X | Y`` types, dict union) are a review matter.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ast
import os

import pytest

PLUGINS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "plugins")
MANAGED_NODE_DIRS = ("modules", "module_utils")
MANAGED_NODE_FLOOR = (3, 8)
CONTROLLER_FLOOR = (3, 10)


def python_files():
    found = []
    for directory, subdirs, files in os.walk(PLUGINS_DIR):
        subdirs[:] = sorted(d for d in subdirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                path = os.path.join(directory, name)
                found.append(os.path.relpath(path, PLUGINS_DIR))
    return found


def floor_of(relative_path):
    return MANAGED_NODE_FLOOR if relative_path.split(os.sep)[0] in MANAGED_NODE_DIRS else CONTROLLER_FLOOR


def test_there_are_files_to_check():
    assert any(path.startswith("modules" + os.sep) for path in python_files())


@pytest.mark.parametrize("relative_path", python_files())
def test_syntax_of_the_python_floor(relative_path):
    with open(os.path.join(PLUGINS_DIR, relative_path), "rb") as source:
        text = source.read()
    floor = floor_of(relative_path)
    try:
        ast.parse(text, filename=relative_path, feature_version=floor)
    except SyntaxError as error:
        pytest.fail("%s uses syntax newer than Python %d.%d: %s (line %s)" % (
            relative_path, floor[0], floor[1], error.msg, error.lineno))


def test_a_newer_syntax_is_refused():
    with pytest.raises(SyntaxError):
        ast.parse("match x:\n    case 1:\n        pass\n", feature_version=MANAGED_NODE_FLOOR)
