# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run a module of the collection in this process, as ansible-test's unit tests do with set_module_args.

The module's own ``main()`` runs with the JSON Ansible would send it (``ANSIBLE_MODULE_ARGS``); its answer is
the JSON it prints. An exception that escapes ``main()`` is what Ansible would show as a MODULE FAILURE with a
traceback: it is caught and returned as ``traceback``. Also used by tests/secrets (TLS).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import importlib
import io
import json
import os
import subprocess
import sys
import traceback

TESTS_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
for _path in (TESTS_DIR, os.path.join(TESTS_DIR, "integration")):
    if _path not in sys.path:
        sys.path.insert(0, _path)  # ``simulator`` and the integration harness (test_targets)

from test_targets import collections_path, empty_config, playbook_environment  # noqa: E402 pylint: disable=wrong-import-position

try:
    import ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client  # noqa: F401 pylint: disable=unused-import
except ImportError:
    sys.path.insert(0, collections_path())

from ansible.module_utils import basic  # noqa: E402 pylint: disable=wrong-import-position
from ansible.module_utils.common import warnings as module_warnings  # noqa: E402 pylint: disable=wrong-import-position

MODULES = "ansible_collections.dokploy.dokploy.plugins.modules."

# Lines each suite wants printed at the end of the pytest run: {suite: [line]} (see print_summary).
SUMMARY = {}
_PRINTED = []


def print_summary(terminalreporter):
    """The suites' figures, once per run (the conftest.py of tests/badinput and of tests/secrets both call it)."""
    if SUMMARY and not _PRINTED:
        _PRINTED.append(True)
        terminalreporter.section("bad input and secrets figures")
        for suite in sorted(SUMMARY):
            for line in SUMMARY[suite]:
                terminalreporter.write_line(line)


__all__ = ["ModuleRun", "run_module", "run_inventory", "collections_path", "playbook_environment", "SUMMARY", "print_summary"]


class ModuleRun(object):
    """What one module run printed and returned."""

    def __init__(self, result, stdout, stderr, traceback_text):
        self.result = result
        self.stdout = stdout
        self.stderr = stderr
        self.traceback = traceback_text

    @property
    def failed(self):
        return bool(self.result.get("failed"))

    @property
    def msg(self):
        return str(self.result.get("msg", ""))

    @property
    def shows_traceback(self):
        return bool(self.traceback) or "Traceback" in self.stdout + self.stderr or "exception" in self.result


def run_module(name, args, check_mode=False, diff=False):
    """Run module ``name`` (e.g. ``dokploy_project``) with ``args``; a ModuleRun."""
    module = importlib.import_module(MODULES + name)
    module_args = dict(args, _ansible_check_mode=check_mode, _ansible_diff=diff)
    basic._ANSIBLE_ARGS = json.dumps({"ANSIBLE_MODULE_ARGS": module_args}).encode("utf-8")
    basic._ANSIBLE_PROFILE = "legacy"
    # Each run reports its own warnings: ansible-core keeps them in a module-level collection that a real module
    # process starts empty, so the runs before this one in the same test process must not show up in its result.
    for collected in ("_global_warnings", "_global_deprecations"):
        getattr(module_warnings, collected, []).clear()
    stdout, stderr = io.StringIO(), io.StringIO()
    traceback_text = None
    # A module runs as on a target even when controller code (an inventory plugin, ansible-runner) was loaded in this
    # process before: otherwise ansible-core 2.19 sends its warnings to the controller's display, not the result.
    internal = sys.modules.get("ansible.module_utils._internal")
    was_controller = getattr(internal, "is_controller", False)
    if internal is not None:
        internal.is_controller = False
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                module.main()
            except SystemExit:
                pass
            except Exception:  # pylint: disable=broad-except
                traceback_text = traceback.format_exc()
    finally:
        basic._ANSIBLE_ARGS = None
        basic._ANSIBLE_PROFILE = None
        if internal is not None:
            internal.is_controller = was_controller
    printed = stdout.getvalue()
    try:
        result = json.loads(printed)
    except ValueError:
        result = {"failed": True, "msg": "MODULE FAILURE: no JSON answer", "module_stdout": printed}
    return ModuleRun(result, printed, stderr.getvalue(), traceback_text)


def run_inventory(sim, directory, config):
    """``ansible-inventory --list`` of a dokploy.dokploy.dokploy source for ``sim`` with ``config`` (YAML lines) added,
    written in ``directory`` (a pathlib.Path); the CompletedProcess."""
    source = directory / "test.dokploy.yml"
    source.write_text("plugin: dokploy.dokploy.dokploy\napi_url: %s\n%s" % (sim.url, config))
    environ = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections_path(), ANSIBLE_INVENTORY_ENABLED="dokploy.dokploy.dokploy",
                   ANSIBLE_LOCAL_TEMP=str(directory / "tmp"), ANSIBLE_NOCOLOR="1", ANSIBLE_INVENTORY_UNPARSED_FAILED="1",
                   ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED="1", DOKPLOY_API_KEY=sim.api_key, ANSIBLE_CONFIG=empty_config())
    tool = os.path.join(os.path.dirname(sys.executable), "ansible-inventory")
    return subprocess.run([tool, "-i", str(source), "--list"], env=environ, capture_output=True, text=True, timeout=120,
                          check=False)
