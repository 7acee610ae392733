# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""API keys of the user the module's key belongs to, found in ``user.get``'s ``user.apiKeys`` by name.

Not recorded; from Dokploy's source at v0.30.2 (apps/dokploy/server/api/routers/user.ts createApiKey/deleteApiKey,
packages/server/src/services/user.ts) and @better-auth/api-key 1.6.23: ``user.createApiKey`` answers the key object
with the secret ``key`` (the only time it is readable: better-auth stores its SHA-256, base64url without padding);
a key without ``rateLimitEnabled`` gets better-auth's default of 10 requests a day, so the module sends ``false``
unless told otherwise, as Dokploy's own dialog does; ``expiresIn`` must be 1 to 365 days. The API has no update of a
key: a setting that differs needs a new key (``rotate``). ``user.get`` lists only a key's name, prefix, state and
dates; ``user.getBackups`` (owners and admins) lists whole rows, rate limits and the hashed key too, which is how the
module recognises the key it runs with.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import datetime
import hashlib

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployAuthError, DokployError, DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._lookup import find_named
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._resource import Field, Resource
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._account import AdminResource, forget_whoami, whoami
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._checks import check_name

NAME_MAX = 32                       # apps/dokploy/lib/api-keys.ts
EXPIRES_MIN, EXPIRES_MAX = 86400, 365 * 86400
EXPIRY_TOLERANCE = 300              # seconds between createdAt and the expiry better-auth computed
SETTINGS = (Field("rate_limit_enabled", "rateLimitEnabled"), Field("rate_limit_time_window", "rateLimitTimeWindow"),
            Field("rate_limit_max", "rateLimitMax"), Field("refill_amount", "refillAmount"),
            Field("refill_interval", "refillInterval"), Field("expires_in", "expiresIn"))
CREATE_ONLY = (Field("prefix"), Field("remaining"))
SHOWN = ("id", "name", "prefix", "start", "enabled", "expiresAt", "createdAt", "updatedAt", "rateLimitEnabled",
         "rateLimitTimeWindow", "rateLimitMax", "remaining", "refillAmount", "refillInterval", "lastRequest")


def key_hash(key):
    """How better-auth stores a key: SHA-256, base64url without padding (@better-auth/api-key defaultKeyHasher)."""
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def parse_time(text):
    try:
        return datetime.datetime.strptime(text[:19], "%Y-%m-%dT%H:%M:%S")
    except (TypeError, ValueError):
        return None


def lifetime(row):
    """``expiresAt - createdAt`` in seconds, or None for a key that never expires."""
    expires, created = parse_time(row.get("expiresAt")), parse_time(row.get("createdAt"))
    if expires is None or created is None:
        return None
    return int((expires - created).total_seconds())


class ApiKey(AdminResource, Resource):
    kind = "api_key"
    id_field = "id"
    create_procedure = "user.createApiKey"
    delete_procedure = "user.deleteApiKey"
    module_name = "dokploy_api_key"
    needs = "a user"
    fields = SETTINGS + CREATE_ONLY

    @classmethod
    def argument_spec(cls):
        return dict(
            name=dict(type="str", required=True),
            expires_in=dict(type="int"),
            prefix=dict(type="str"),
            rate_limit_enabled=dict(type="bool", default=False),
            rate_limit_time_window=dict(type="int"),
            rate_limit_max=dict(type="int"),
            remaining=dict(type="int"),
            refill_amount=dict(type="int"),
            refill_interval=dict(type="int"),
            key_file=dict(type="path"),  # taken by the action plugin (plugin_utils/secret_file.py)
            rotate=dict(type="bool", default=False),
            force=dict(type="bool", default=False),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        )

    @classmethod
    def validate(cls, params):
        check_name("name", params["name"])
        if len(params["name"]) > NAME_MAX:
            raise DokployParamError("name must be at most %d characters (Dokploy's limit), not %d"
                                    % (NAME_MAX, len(params["name"])), option="name")
        expires = params["expires_in"]
        if expires is not None and not EXPIRES_MIN <= expires <= EXPIRES_MAX:
            raise DokployParamError("expires_in must be 86400 (one day) to 31536000 (365 days) seconds, the range Dokploy "
                                    "accepts, not %s; leave it out for a key that never expires" % expires,
                                    option="expires_in")
        for option in ("rate_limit_time_window", "rate_limit_max", "remaining", "refill_amount", "refill_interval"):
            if params[option] is not None and params[option] < 1:
                raise DokployParamError("%s must be a positive number, not %s" % (option, params[option]), option=option)
        if not params["rate_limit_enabled"]:
            for option in ("rate_limit_time_window", "rate_limit_max"):
                if params[option] is not None:
                    raise DokployParamError("%s needs rate_limit_enabled: true" % option, option=option)
        if params["refill_interval"] is not None and params["refill_amount"] is None:
            raise DokployParamError("refill_interval needs refill_amount (Dokploy refuses one without the other)",
                                    option="refill_interval")

    # -- reads ---------------------------------------------------------------------------------

    def find(self):
        keys = (whoami(self.ctx).get("user") or {}).get("apiKeys") or []
        return find_named(keys, "API key", self.params["name"], "id", required=False)

    def whole_rows(self):
        """``{id: whole row}`` of the user's keys from ``user.getBackups``; None when the user may not read it (a
        member: Dokploy lets only owners and admins)."""
        if not hasattr(self, "_rows"):
            try:
                user = self.client.get("user.getBackups") or {}
                self._rows = dict((row.get("id"), row) for row in user.get("apiKeys") or [])
            except DokployAuthError:
                self._rows = None
        return self._rows

    def whole(self, current):
        """The key with what can be read of it, and its lifetime as ``expiresIn`` (what the diff shows)."""
        rows = self.whole_rows()
        row = dict(current, **rows.get(current["id"], {})) if rows else dict(current)
        row["expiresIn"] = lifetime(row)
        return row

    def is_own_key(self, current):
        """True, False, or None when it cannot be told (the whole rows need an owner or admin key)."""
        rows = self.whole_rows()
        if rows is None:
            return None
        return (rows.get(current["id"]) or {}).get("key") == key_hash(self.client.api_key)

    # -- converge ------------------------------------------------------------------------------

    def settings(self):
        return dict((f.api, f.value(self.params)) for f in SETTINGS if self.params.get(f.option) is not None)

    def differences(self, row):
        """``{field: (now, wanted)}`` of the settings that can be read from ``row``."""
        changes = {}
        for field, wanted in self.settings().items():
            if field == "expiresIn":
                now = lifetime(row)
                if now is None or abs(now - wanted) > EXPIRY_TOLERANCE:
                    changes[field] = (now, wanted)
            elif field in row and self.normalize_field(field, row[field]) != self.normalize_field(field, wanted):
                changes[field] = (row[field], wanted)
        if "expiresIn" not in self.settings() and lifetime(row) is not None:
            changes["expiresIn"] = (lifetime(row), None)
        return changes

    def ensure_present(self):
        current = self.find()
        if current is None:
            return self.create(self.desired(None))
        row = self.whole(current)
        changes = self.differences(row)
        if self.whole_rows() is None:
            self.ctx.warn("The rate limits of API key '%s' cannot be read with this key (Dokploy shows them to owners "
                          "and admins only), so only its expiry was compared" % current.get("name"))
        if not changes:
            return self.result(False, row, row, {})
        if not self.params["rotate"]:
            raise DokployError(
                "API key '%s' differs (%s), and Dokploy cannot change a key: a new key is needed, with a new secret, "
                "and the old one stops working. Set rotate: true to replace it"
                % (current.get("name"), ", ".join("%s %s -> %s" % (f, old, new) for f, (old, new) in sorted(changes.items()))))
        self.check_delete(current)
        if self.check_mode:
            after = dict(row, id=None, **dict((f, new) for f, (old, new) in changes.items()))
            return self.result(True, row, after, changes)
        created = self.created(self.client.post(self.create_procedure, self.create_payload(self.desired(None))))
        self.client.post(self.delete_procedure, self.delete_payload(current))
        forget_whoami(self.ctx)
        return self.result(True, row, created, changes)

    def create_payload(self, desired):
        payload = dict(desired, name=self.params["name"],
                       metadata={"organizationId": whoami(self.ctx).get("organizationId")})
        return payload

    def create(self, desired):
        payload = self.create_payload(desired)
        requested = dict((field, (None, value)) for field, value in desired.items())
        if self.check_mode:
            return self.result(True, None, dict(desired, id=None, name=self.params["name"]), requested)
        created = self.created(self.client.post(self.create_procedure, payload))
        forget_whoami(self.ctx)
        return self.result(True, None, created, requested)

    def created(self, response):
        """The new key; its secret goes to ``self.secret`` (returned once, never masked by the client)."""
        response = dict(response or {})
        self.secret = response.pop("key", None)
        response["expiresIn"] = lifetime(response)
        self.client.secrets.discard(self.secret)
        self._written = response
        return response

    def check_delete(self, current):
        if self.params["force"]:
            return
        own = self.is_own_key(current)
        if own:
            raise DokployError("API key '%s' is the key this task runs with: deleting it would lock this play out. Run "
                               "with another key, or set force: true" % current.get("name"))
        if own is None:
            raise DokployError("Whether API key '%s' is the key this task runs with cannot be told with this key (the "
                               "hashed keys are shown to owners and admins only); set force: true to delete it anyway"
                               % current.get("name"))

    def delete_payload(self, current):
        return {"apiKeyId": current["id"]}

    def result(self, changed, before, after, changes):
        result = super(ApiKey, self).result(changed, before, after, changes)
        secret = getattr(self, "secret", None)
        if secret:
            # with key_file, the action plugin moves it into the file on the controller (plugin_utils/secret_file.py)
            result["key"] = secret
        return result

    def result_object(self, obj):
        return dict((k, obj.get(k)) for k in SHOWN if k in obj)

    def summary_keys(self):
        return ["id", "name"]
