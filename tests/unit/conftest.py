# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Make ``ansible_collections.dokploy.dokploy`` (this work tree) and ``simulator`` (tests/simulator) importable.

Under ansible-test the collection is already on the path; under plain pytest a collections root is
made under tests/output/unit with a symlink ``ansible_collections/dokploy/dokploy`` -> the repository.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import sys

import pytest

TESTS_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
REPO_ROOT = os.path.dirname(TESTS_DIR)


def _collections_root():
    # Already inside an ansible_collections tree (ansible-test copies the collection there)?
    parts = REPO_ROOT.split(os.sep)
    if len(parts) >= 3 and parts[-3] == "ansible_collections":
        return os.sep.join(parts[:-3])
    base = os.path.join(TESTS_DIR, "output", "unit", "collections")
    namespace_dir = os.path.join(base, "ansible_collections", "dokploy")
    link = os.path.join(namespace_dir, "dokploy")
    if not os.path.isdir(namespace_dir):
        os.makedirs(namespace_dir)
    if os.path.islink(link) and os.path.realpath(link) != os.path.realpath(REPO_ROOT):
        os.unlink(link)
    if not os.path.islink(link):
        try:
            os.symlink(REPO_ROOT, link)
        except FileExistsError:  # made meanwhile by a parallel run
            pass
    return base


try:
    import ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client  # noqa: F401 pylint: disable=unused-import
except ImportError:
    sys.path.insert(0, _collections_root())
    for name in [m for m in sys.modules if m == "ansible_collections" or m.startswith("ansible_collections.")]:
        del sys.modules[name]

if TESTS_DIR not in sys.path:
    sys.path.insert(0, TESTS_DIR)  # ``from simulator import Simulator``


SIM_KEY = "unit-sim-key"


@pytest.fixture
def deploy_sim():
    """A fresh simulator (API key SIM_KEY) with fast deploys and a project ``shop``, for lifecycle tests."""
    from simulator import Simulator  # pylint: disable=import-outside-toplevel
    from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployClient  # noqa: E501 pylint: disable=import-outside-toplevel
    with Simulator(api_key=SIM_KEY) as simulator:
        simulator.control("deploy", {"deploy_duration": 0.1, "deploy_pickup": 0.05, "db_deploy_duration": 0.05}, "POST")
        DokployClient(simulator.url, SIM_KEY).post("project.create", {"name": "shop"})
        yield simulator
