# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A new API key written to ``key_file`` on the controller (mode 0600) instead of into the task's result.

dokploy_admin and dokploy_api_key return a new key's secret once (Dokploy keeps only its hash). Their action
plugins are ``SecretFileAction`` with the name of the result's field that holds the secret: the option
``key_file`` never reaches the module (which may run on another host), and the secret leaves the result before
Ansible prints or registers it. The one place that writes such a file.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import tempfile

from ansible.module_utils.common.text.converters import to_text
from ansible.plugins.action import ActionBase


def write_secret_file(path, secret):
    """``secret`` and a newline into ``path``: mode 0600 from the start, a missing directory made with mode 0700,
    the old file replaced at once (rename), never a half-written one."""
    path = os.path.abspath(os.path.expanduser(path))
    directory = os.path.dirname(path)
    if not os.path.isdir(directory):
        os.makedirs(directory, 0o700)
    handle, tmp = tempfile.mkstemp(prefix=".dokploy-key-", dir=directory)
    try:
        os.fchmod(handle, 0o600)
        with os.fdopen(handle, "w") as f:
            f.write(secret + "\n")
        os.rename(tmp, path)
    except Exception:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


class SecretFileAction(ActionBase):
    """Runs the module without ``key_file``; a secret in ``result[SECRET]`` goes to that file on the controller."""

    TRANSFERS_FILES = False
    MODULE = None      # the module's FQCN, when the task's resolved_action is unknown
    SECRET = "key"     # the result's field of a new key's secret
    KEEP_FIELD = False  # True: the field stays in the result, as null (it is "returned: always")

    def key_exists(self, result):
        """Whether the result names a key that this run did not create (its secret cannot be read back)."""
        raise NotImplementedError

    def run(self, tmp=None, task_vars=None):
        result = super(SecretFileAction, self).run(tmp, task_vars)
        del tmp
        args = dict(self._task.args)
        path = args.pop("key_file", None)
        module_name = getattr(self._task, "resolved_action", None) or self.MODULE
        result.update(self._execute_module(module_name=module_name, module_args=args, task_vars=task_vars))
        if not path or result.get("failed"):
            return result
        secret = result.get(self.SECRET)
        if secret:
            try:
                write_secret_file(path, secret)
            except (IOError, OSError) as exc:
                result.update(failed=True, msg="the API key was created, but writing it to key_file %s on the controller "
                                               "failed: %s. Its secret is in this result's %s, and cannot be read again"
                                               % (path, to_text(exc), self.SECRET))
                return result
            if self.KEEP_FIELD:
                result[self.SECRET] = None
            else:
                del result[self.SECRET]
            result["key_file"] = path
        elif self.key_exists(result) and not os.path.exists(os.path.expanduser(path)):
            result.setdefault("warnings", []).append(
                "key_file %s does not exist on the controller, and the existing key's secret cannot be read back: set "
                "rotate: true to replace the key and write the file" % path)
        return result
