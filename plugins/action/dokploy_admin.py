# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Writes the new API key to ``key_file`` on the controller (mode 0600) instead of returning it in ``api_key``."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dokploy.dokploy.plugins.plugin_utils.secret_file import SecretFileAction


class ActionModule(SecretFileAction):

    MODULE = "dokploy.dokploy.dokploy_admin"
    SECRET = "api_key"
    KEEP_FIELD = True  # api_key is "returned: always" (null when the key is in the file)

    def key_exists(self, result):
        return not result.get("api_key_created") and bool(result.get("api_key_id"))
