# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every module returns the structured ``failure`` of a Dokploy or connection error (module.py, fail_on_error):
each RETURN documents it, with the keys DokployError.to_failure() gives, in the same words everywhere.

A doc fragment cannot carry RETURN (ansible-core's add_fragments merges fragments into DOCUMENTATION only), so
each module carries the block; this test keeps the copies equal.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ast
import glob
import os

import pytest
import yaml

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError

MODULES_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "plugins", "modules")
MODULES = sorted(glob.glob(os.path.join(MODULES_DIR, "dokploy_*.py")))


def return_doc(path):
    with open(path) as f:
        tree = ast.parse(f.read())
    for node in tree.body:
        if isinstance(node, ast.Assign) and [t.id for t in node.targets if isinstance(t, ast.Name)] == ["RETURN"]:
            return yaml.safe_load(node.value.value if hasattr(node.value, "value") else node.value.s) or {}
    return {}


@pytest.mark.parametrize("path", MODULES, ids=[os.path.basename(p)[:-3] for p in MODULES])
def test_return_documents_the_failure(path):
    failure = return_doc(path).get("failure")
    assert failure, "RETURN of %s has no failure" % os.path.basename(path)
    assert failure["returned"] == "on failure" and failure["type"] == "dict"
    assert sorted(failure["contains"]) == sorted(DokployError("x").to_failure())


def test_the_failure_reads_the_same_in_every_module():
    docs = [return_doc(path).get("failure") for path in MODULES]
    assert all(doc == docs[0] for doc in docs)
