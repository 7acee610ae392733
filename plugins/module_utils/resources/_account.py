# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What the administration modules share: who the API key is, and the errors of a key that may not do something.

A Dokploy API key acts as one user inside one organisation: the one in its ``metadata.organizationId``
(packages/server/src/lib/auth.ts validateRequest, v0.30.2). ``user.get`` answers that membership: the member row
(``organizationId``, ``role``: owner, admin or member, the legacy permission flags) with the user and the names of
its API keys. Procedures for owners and admins (``adminProcedure``) refuse others with a bare 401 "UNAUTHORIZED",
those of a permission (``withPermission``) with 401 "Permission denied", the enterprise ones with 403 "Valid
enterprise license required" (apps/dokploy/server/api/trpc.ts, services/permission.ts).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import (
    LICENCE_MESSAGE, DokployAuthError, DokployError, DokployKeyRejectedError)


def whoami(ctx):
    """``user.get``: the key's member row (``organizationId``, ``role``, flags) with ``user`` (``email``, ``apiKeys``);
    read once per context."""
    me = getattr(ctx, "_dokploy_whoami", None)
    if me is None:
        me = ctx.client.get("user.get") or {}
        ctx._dokploy_whoami = me
    return me


def forget_whoami(ctx):
    ctx._dokploy_whoami = None


def refused(error):
    """Whether ``error`` is Dokploy refusing the key's user (not a wrong key: that one says so itself)."""
    return isinstance(error, DokployAuthError) and not isinstance(error, DokployKeyRejectedError)


def permission_error(error, module, needs):
    """The error for a key whose user lacks ``needs`` (e.g. "an owner or admin"), naming the module and the scope."""
    reason = error.message.split(" (the API key's user lacks permission")[0]
    return DokployError("%s needs the API key of %s of its organisation (a Dokploy API key acts inside the one "
                        "organisation it was created for); Dokploy refused this key's user: %s"
                        % (module, needs, reason), status=error.status, code=error.code, procedure=error.procedure)


def licence_error(module, what):
    """The error for what only an enterprise licence unlocks, in the words of Dokploy's licence check."""
    return DokployError("%s: %s: %s needs Dokploy's enterprise licence on this organisation, and it has none"
                        % (module, LICENCE_MESSAGE, what), code="FORBIDDEN")


def translated(error, module, needs):
    """``error`` in the words a user can act on when it is Dokploy refusing the key's user; else ``error`` itself."""
    if not refused(error):
        return error
    if error.status == 403 and LICENCE_MESSAGE in error.message:
        converted = licence_error(module, error.procedure)
    else:
        converted = permission_error(error, module, needs)
    converted.result = error.result
    return converted


class AdminResource(object):
    """Mixin before Resource (or Info): a refusal of the key's user fails naming the module and what it needs."""

    module_name = None
    needs = "an owner or admin"

    def run(self):
        try:
            return super(AdminResource, self).run()
        except DokployAuthError as error:
            raise translated(error, self.module_name, self.needs)
