# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Reads ``compose_src`` on the controller and passes its content to dokploy_compose as ``compose_file``."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleError
from ansible.module_utils.common.text.converters import to_text
from ansible.plugins.action import ActionBase


class ActionModule(ActionBase):

    TRANSFERS_FILES = False

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        del tmp
        args = dict(self._task.args)
        src = args.pop("compose_src", None)
        if src is not None:
            if args.get("compose_file") is not None:
                result.update(failed=True, msg="parameters are mutually exclusive: compose_file|compose_src")
                return result
            try:
                path = self._find_needle("files", src)
                with open(path, "rb") as f:
                    args["compose_file"] = to_text(f.read(), errors="surrogate_or_strict")
            except (AnsibleError, IOError, OSError, UnicodeError) as exc:
                result.update(failed=True, msg="cannot read compose_src %s: %s" % (src, to_text(exc)))
                return result
        module_name = getattr(self._task, "resolved_action", None) or "dokploy.dokploy.dokploy_compose"
        result.update(self._execute_module(module_name=module_name, module_args=args, task_vars=task_vars))
        return result
