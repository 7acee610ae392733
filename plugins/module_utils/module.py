# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The module base: connection options, the client, and failures with a structured ``failure``."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.basic import AnsibleModule, env_fallback, missing_required_lib

from ansible_collections.dokploy.dokploy.plugins.module_utils.client import (
    HAS_REQUESTS,
    REQUESTS_IMPORT_ERROR,
    DokployClient,
    DokployError,
)


def dokploy_argument_spec():
    """The connection options every module and the inventory plugin share (doc fragment ``dokploy.dokploy.dokploy``)."""
    return dict(
        api_url=dict(type="str", required=True, fallback=(env_fallback, ["DOKPLOY_API_URL"])),
        api_key=dict(type="str", required=True, no_log=True, fallback=(env_fallback, ["DOKPLOY_API_KEY"])),
        validate_certs=dict(type="bool", default=True, fallback=(env_fallback, ["DOKPLOY_VALIDATE_CERTS"])),
        ca_path=dict(type="path"),
        timeout=dict(type="int", default=30, fallback=(env_fallback, ["DOKPLOY_TIMEOUT"])),
    )


class DokployModule(AnsibleModule):
    """An AnsibleModule that knows how to reach Dokploy and how to report Dokploy's errors."""

    def __init__(self, argument_spec, supports_check_mode=True, **kwargs):
        spec = dokploy_argument_spec()
        spec.update(argument_spec)
        super(DokployModule, self).__init__(argument_spec=spec, supports_check_mode=supports_check_mode, **kwargs)
        if not HAS_REQUESTS:
            self.fail_json(msg=missing_required_lib("requests"), exception=REQUESTS_IMPORT_ERROR)
        self._client = None

    @property
    def client(self):
        if self._client is None:
            self._client = DokployClient(
                api_url=self.params["api_url"],
                api_key=self.params["api_key"],
                validate_certs=self.params["validate_certs"],
                ca_path=self.params["ca_path"],
                timeout=self.params["timeout"],
                secrets=self.no_log_values,
            )
        return self._client

    def param_is_set(self, name):
        """True when the user gave ``name``: only such options are compared and sent."""
        return self.params.get(name) is not None

    def fail_on_error(self, error, **result):
        """Fail with a readable ``msg`` and the structured ``failure`` a playbook can inspect."""
        if isinstance(error, DokployError):
            failure = error.to_failure()
            self.fail_json(msg=self.client.redact(str(error)) if self._client else str(error), failure=failure, **result)
        self.fail_json(msg=str(error), **result)

    def run(self, action):
        """Call ``action()`` and exit with its result; any DokployError becomes a clean failure."""
        try:
            result = action()
        except DokployError as error:
            self.fail_on_error(error)
        self.exit_json(**result)
