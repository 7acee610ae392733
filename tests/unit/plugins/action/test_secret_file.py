# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""key_file of dokploy_admin and dokploy_api_key: one option name, written on the controller by one action plugin base."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import stat

import pytest

from ansible_collections.dokploy.dokploy.plugins.action.dokploy_admin import ActionModule as AdminAction
from ansible_collections.dokploy.dokploy.plugins.action.dokploy_api_key import ActionModule as ApiKeyAction
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._admin import argument_spec
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._api_key import ApiKey
from ansible_collections.dokploy.dokploy.plugins.plugin_utils.secret_file import write_secret_file

SECRET = "s" * 64


class Task(object):
    async_val = 0
    check_mode = False
    action = resolved_action = "dokploy.dokploy.dokploy_admin"

    def __init__(self, args):
        self.args = args


class Connection(object):
    class _shell(object):  # pylint: disable=invalid-name
        tmpdir = "/tmp"


def run(action_class, args, answer):
    """The action plugin with the module's answer ``answer``; returns (result, the module's arguments)."""
    seen = {}

    def execute(module_name=None, module_args=None, task_vars=None):
        seen.update(module_name=module_name, args=module_args)
        return dict(answer)

    action = action_class(Task(args), Connection(), None, None, None)
    action._execute_module = execute  # pylint: disable=protected-access
    return action.run(task_vars={}), seen


def test_the_same_option_in_both_modules():
    assert "key_file" in argument_spec() and "api_key_file" not in argument_spec()
    assert "key_file" in ApiKey.argument_spec()


@pytest.mark.parametrize("action_class, field, kept", [(AdminAction, "api_key", True), (ApiKeyAction, "key", False)])
def test_a_new_key_goes_to_the_file_on_the_controller(tmp_path, action_class, field, kept):
    path = tmp_path / "keys" / "dokploy.key"
    result, seen = run(action_class, {"email": "a@example.com", "key_file": str(path)},
                       {"changed": True, field: SECRET, "api_key_created": True})
    # the module never sees key_file (it may run on another host); the secret is not in the result
    assert "key_file" not in seen["args"] and seen["args"]["email"] == "a@example.com"
    assert (field in result) == kept and result.get(field) is None and result["key_file"] == str(path)
    assert SECRET not in repr(result)
    assert path.read_text() == SECRET + "\n"
    assert stat.S_IMODE(os.stat(str(path)).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(str(path.parent)).st_mode) == 0o700


def test_without_key_file_the_secret_is_returned(tmp_path):
    result, seen = run(AdminAction, {"email": "a@example.com"}, {"changed": True, "api_key": SECRET})
    assert result["api_key"] == SECRET and "key_file" not in result and "key_file" not in seen["args"]


def test_an_existing_key_and_no_file_warns(tmp_path):
    path = tmp_path / "missing.key"
    result, _seen = run(AdminAction, {"key_file": str(path)},
                        {"changed": False, "api_key": None, "api_key_created": False, "api_key_id": "k1"})
    assert "rotate: true" in result["warnings"][0] and not path.exists()
    result, _seen = run(ApiKeyAction, {"name": "ci", "key_file": str(path)},
                        {"changed": False, "api_key": {"id": "k1", "name": "ci"}})
    assert "rotate: true" in result["warnings"][0]
    path.write_text(SECRET + "\n")
    result, _seen = run(AdminAction, {"key_file": str(path)},
                        {"changed": False, "api_key": None, "api_key_created": False, "api_key_id": "k1"})
    assert "warnings" not in result


def test_a_file_that_cannot_be_written_fails_keeping_the_secret(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    result, _seen = run(ApiKeyAction, {"name": "ci", "key_file": str(blocker / "ci.key")},
                        {"changed": True, "key": SECRET})
    assert result["failed"] and result["key"] == SECRET and "cannot be read again" in result["msg"]


def test_a_failed_module_writes_nothing(tmp_path):
    path = tmp_path / "x.key"
    result, _seen = run(AdminAction, {"key_file": str(path)}, {"failed": True, "msg": "wrong password"})
    assert result["failed"] and not path.exists()


def test_write_replaces_an_old_file_at_once(tmp_path):
    path = tmp_path / "k"
    path.write_text("old\n")
    os.chmod(str(path), 0o644)
    write_secret_file(str(path), "new")
    assert path.read_text() == "new\n" and stat.S_IMODE(os.stat(str(path)).st_mode) == 0o600
    assert os.listdir(str(tmp_path)) == ["k"]
