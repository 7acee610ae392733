# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Parameters for a resource class without an AnsibleModule: the same argument spec, the same checks and
the same messages as the resource's own module, prefixed by where the parameters stand.

Used wherever resources run in-process: the whole-project module validates each nested declaration with
this, and the test suites drive resources through it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.errors import UnsupportedError

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError, DokployParamError


def resource_params(resource_class, params, where=""):
    """``params`` checked against ``resource_class``'s argument spec (defaults filled in) and its ``validate``;
    a DokployParamError names ``where`` (e.g. ``environments.production.applications.web``) before the message."""
    prefix = "%s: " % where if where else ""
    kwargs = dict((key, value) for key, value in resource_class.module_kwargs.items())
    validator = ArgumentSpecValidator(resource_class.argument_spec(), **kwargs)
    result = validator.validate(dict(params))
    if result.error_messages:
        # AnsibleModule prefixes an UnsupportedError ("b. Supported parameters include: a.") itself; so must we.
        raise DokployParamError(prefix + "; ".join("Unsupported parameters: %s" % error.msg if isinstance(error, UnsupportedError)
                                                   else error.msg for error in result.errors))
    validated = result.validated_parameters
    try:
        resource_class.validate(validated)
    except DokployError as error:
        raise DokployParamError(prefix + str(error), option=getattr(error, "option", None))
    return validated


def no_log_values(resource_class, params):
    """The values of ``params`` that the argument spec marks no_log (for the client's redaction)."""
    validator = ArgumentSpecValidator(resource_class.argument_spec())
    return set(validator.validate(dict(params))._no_log_values)
