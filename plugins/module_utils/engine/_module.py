# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The module layer: connection options, the Context, and the only place that exits the process.

A module file is its documentation and ``main()``, which is one call::

    def main():
        run_resource(Application)

``run_resource`` builds the AnsibleModule from the resource class's argument spec, validates the
parameters (``validate`` raises before any request), runs the resource in a Context and turns a
DokployError into ``fail_json`` with a readable ``msg``, the structured ``failure`` and the partial result.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.basic import AnsibleModule, env_fallback, missing_required_lib

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import (
    HAS_REQUESTS,
    REQUESTS_IMPORT_ERROR,
    DokployClient,
    DokployError,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._context import Context
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._secrets import declared_variable_secrets, shown_options

CONNECTION_ENV = (("api_url", "DOKPLOY_API_URL"), ("api_key", "DOKPLOY_API_KEY"))


def dokploy_argument_spec():
    """The connection options every module and the inventory plugin share (doc fragment ``dokploy.dokploy.dokploy``).

    ``api_url`` and ``api_key`` are not ``required``: their environment variables may supply them, and the
    check that one of both is there names the variable too."""
    return dict(
        api_url=dict(type="str", fallback=(env_fallback, ["DOKPLOY_API_URL"])),
        api_key=dict(type="str", no_log=True, fallback=(env_fallback, ["DOKPLOY_API_KEY"])),
        validate_certs=dict(type="bool", default=True, fallback=(env_fallback, ["DOKPLOY_VALIDATE_CERTS"])),
        ca_path=dict(type="path"),
        timeout=dict(type="int", default=30, fallback=(env_fallback, ["DOKPLOY_TIMEOUT"])),
    )


def missing_connection(params):
    """The message for connection options that neither the task nor the environment gave; None when complete."""
    missing = ["%s (or the environment variable %s)" % (option, variable)
               for option, variable in CONNECTION_ENV if not params.get(option)]
    if missing:
        return "missing required arguments: %s" % ", ".join(missing)
    if params.get("timeout") is not None and params["timeout"] <= 0:
        return "timeout must be a positive number of seconds, not %s" % params["timeout"]
    return None


class DokployModule(AnsibleModule):
    """An AnsibleModule that knows how to reach Dokploy and how to report Dokploy's errors.

    The variables options (secrets.VARIABLE_OPTIONS: env, build_args) are not no_log, so that a short value does not
    mask every occurrence of itself in the output; the module hides their values itself: ``shown_params(params)``
    (default: secrets.shown_options) is what the result's ``invocation`` and the target's log show, and their values
    of MIN_HARVESTED_LENGTH characters or more are masked wherever they appear, as no_log values are."""

    def __init__(self, argument_spec, supports_check_mode=True, shown_params=None, **kwargs):
        spec = dokploy_argument_spec()
        spec.update(argument_spec)
        self._shown_params = shown_params or shown_options  # set first: AnsibleModule.__init__ may fail_json already
        super(DokployModule, self).__init__(argument_spec=spec, supports_check_mode=supports_check_mode, **kwargs)
        self.no_log_values.update(declared_variable_secrets(spec, self.params))
        if not HAS_REQUESTS:
            self.fail_json(msg=missing_required_lib("requests"), exception=REQUESTS_IMPORT_ERROR)
        problem = missing_connection(self.params)
        if problem:
            self.fail_json(msg=problem)
        self._client = None

    def invocation(self):
        return {"module_args": self._shown_params(self.params)}

    def exit_json(self, **kwargs):
        kwargs.setdefault("invocation", self.invocation())  # AnsibleModule would print self.params
        super(DokployModule, self).exit_json(**kwargs)

    def fail_json(self, *args, **kwargs):
        kwargs.setdefault("invocation", self.invocation())
        super(DokployModule, self).fail_json(*args, **kwargs)

    def _log_invocation(self):
        """AnsibleModule logs the parameters to the target's syslog or journal: the shown ones."""
        params = self.params
        self.params = self._shown_params(params)
        try:
            super(DokployModule, self)._log_invocation()
        finally:
            self.params = params

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
            if not self.params["validate_certs"]:
                self.warn("validate_certs is false: the TLS certificate of %s is not checked" % self.params["api_url"])
        return self._client

    def context(self, shared_lookups=False, read_only=False):
        return Context(self.client, check_mode=self.check_mode, diff=self._diff, warn=self.warn,
                       shared_lookups=shared_lookups, read_only=read_only)

    def fail_on_error(self, error, **result):
        """Fail with a readable ``msg`` and the structured ``failure`` a playbook can inspect."""
        if isinstance(error, DokployError):
            failure = error.to_failure()
            msg = self.client.redact(str(error)) if self._client else str(error)
            self.fail_json(msg=msg, failure=failure, **result)
        self.fail_json(msg=str(error), **result)

    def run(self, action):
        """Call ``action()`` and exit with its result; a DokployError becomes a clean failure with its partial result.

        Every secret value Dokploy sent (the client collects them) is masked wherever it appears in the output,
        for example in a build log that printed one."""
        try:
            result = action()
        except DokployError as error:
            self.hide_seen_secrets()
            self.fail_on_error(error, **(error.result or {}))
        self.hide_seen_secrets()
        self.exit_json(**result)

    def hide_seen_secrets(self):
        if self._client is not None:
            self.no_log_values.update(self._client.secrets)


def run_resource(resource_class):
    """The whole ``main()`` of a module that manages one ``resource_class`` object."""
    module = DokployModule(argument_spec=resource_class.argument_spec(), shown_params=getattr(resource_class, "shown_params", None),
                           **resource_class.module_kwargs)
    if hasattr(resource_class, "no_log_values"):  # before validate: its messages are masked with these
        module.no_log_values = resource_class.no_log_values(module.params) | set([module.params["api_key"]])
    try:
        resource_class.validate(module.params)
    except DokployError as error:
        module.fail_json(msg=str(error))
    module.run(lambda: resource_class(module.context(resource_class.shared_lookups, resource_class.read_only),
                                      module.params).run())
