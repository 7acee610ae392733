# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Writes a new API key to ``key_file`` on the controller (mode 0600) instead of returning it."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.common.text.converters import to_text
from ansible.plugins.action import ActionBase

from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._api_key import write_key_file


class ActionModule(ActionBase):

    TRANSFERS_FILES = False

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        del tmp
        args = dict(self._task.args)
        key_file = args.pop("key_file", None)
        module_name = getattr(self._task, "resolved_action", None) or "dokploy.dokploy.dokploy_api_key"
        result.update(self._execute_module(module_name=module_name, module_args=args, task_vars=task_vars))
        secret = result.get("key")
        if key_file and secret and not result.get("failed"):
            try:
                write_key_file(key_file, secret)
            except (IOError, OSError) as exc:
                result.update(failed=True, msg="API key '%s' was created, but writing it to key_file %s on the "
                                               "controller failed: %s. Its secret is in this result's key, and cannot "
                                               "be read again" % (args.get("name"), key_file, to_text(exc)))
                return result
            del result["key"]
            result["key_file"] = key_file
        return result
