# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""user router: get [11] (the API key's member record), all, one, createApiKey, deleteApiKey,
createUserWithCredentials, assignPermissions, remove.

Recorded: user.get [11]; the rest [2101-2120] (tests/conformance/admin_record.py on a real v0.30.2), shaped by Dokploy's
source at v0.30.2 (apps/dokploy/server/api/routers/user.ts,
packages/server/src/services/user.ts createApiKey and createOrganizationUserWithCredentials, services/admin.ts
removeUserById, @better-auth/api-key 1.6.23 createApiKey). Users, members and keys live in identity.py's tables.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import secrets
import string

from ..identity import (ACCESS_LISTS, LEGACY_FLAGS, licensed, member_of, new_key_row, new_member, new_user,
                        require_permission)
from ..cascade import ForeignKeyRefused, delete_row
from ..registry import EMPTY, ApiError, route
from ..state import table
from ..util import nanoid, public
from .settings import USER_DEFAULTS, on_user, user_settings

USER_COLUMNS = ("id", "firstName", "lastName", "email", "image", "allowImpersonation", "twoFactorEnabled",
                "stripeCustomerId", "stripeSubscriptionId", "serversQuantity", "isEnterpriseCloud",
                "sendInvoiceNotifications")
KEY_COLUMNS = ("id", "name", "prefix", "enabled", "expiresAt", "createdAt")
KEY_ALPHABET = string.ascii_letters
# better-auth's keyExpiration defaults: 1 to 365 days
MIN_EXPIRES, MAX_EXPIRES = 86400, 365 * 86400
# what removeUserById's `delete(user).returning()` returns: every column of v0.30.2's user table (0185_snapshot.json)
RETURNED_USER_COLUMNS = (
    "id", "firstName", "lastName", "isRegistered", "expirationDate", "createdAt", "created_at", "two_factor_enabled",
    "email", "email_verified", "image", "banned", "ban_reason", "ban_expires", "updated_at", "role",
    "enablePaidFeatures", "allowImpersonation", "enableEnterpriseFeatures", "licenseKey", "isValidEnterpriseLicense",
    "stripeCustomerId", "stripeSubscriptionId", "serversQuantity", "sendInvoiceNotifications", "isEnterpriseCloud",
    "trustedOrigins", "bookmarkedTemplates")


def _member_view(state, member, user_columns=None):
    row = public(member)
    user = table(state, "user").get(member["userId"]) or {}
    row["user"] = public(user) if user_columns is None else dict((c, user.get(c)) for c in user_columns)
    return row


def keys_of(state, user_id):
    return [k for k in table(state, "apikey").values() if k["referenceId"] == user_id]


@route("user.get")
def get(state, inp, ctx):
    member = member_of(state, ctx.caller["userId"], ctx.caller["organizationId"])
    if member is None:
        return None
    if on_user(ctx):   # before v0.26.3: the whole user row, the web server columns with it (routes/settings.py)
        user_settings(state, member["userId"])
        row = _member_view(state, member, USER_COLUMNS + tuple(USER_DEFAULTS))
    else:
        row = _member_view(state, member, USER_COLUMNS)
    if member["role"] == "owner":   # Dokploy adds every project its owner creates (addNewProject)
        row["accessedProjects"] = list(dict.fromkeys(row["accessedProjects"] + list(state.get("project", {}))))
        row["accessedEnvironments"] = list(dict.fromkeys(row["accessedEnvironments"] + list(state.get("environment", {}))))
    row["user"]["apiKeys"] = [dict((c, k.get(c)) for c in KEY_COLUMNS) for k in keys_of(state, ctx.caller["userId"])]
    return row


@route("user.update")
def update(state, inp, ctx):
    """The caller's own user row (updateUser(ctx.user.id, input)), answered; a password change needs the current
    password (the one createUserWithCredentials kept). Before v0.26.3 the web server columns are among the fields
    (versions.DROPPED_INPUTS)."""
    user = user_settings(state, ctx.caller["userId"]) if on_user(ctx) else table(state, "user")[ctx.caller["userId"]]
    if inp.get("password") or inp.get("currentPassword"):
        if not inp.get("currentPassword") or inp["currentPassword"] != user.get("_password"):
            raise ApiError(400, "Current password is incorrect")
        if not inp.get("password"):
            raise ApiError(400, "New password is required")
        user["_password"] = inp["password"]
    user.update((k, v) for k, v in inp.items() if k not in ("id", "password", "currentPassword"))
    return public(user)


@route("user.all")
def all_(state, inp, ctx):
    """withPermission("member", "read"): the members of the key's organisation with their whole user, oldest first."""
    require_permission(ctx, "member", "read")
    members = [m for m in table(state, "member").values() if m["organizationId"] == ctx.organization_id]
    return [_member_view(state, m) for m in sorted(members, key=lambda m: m["createdAt"])]


@route("user.one")
def one(state, inp, ctx):
    member = member_of(state, inp["userId"], ctx.organization_id)
    if member is None:
        raise ApiError(404, "User not found in this organization")
    if member["userId"] != ctx.caller["userId"] and ctx.caller["role"] not in ("owner", "admin"):
        raise ApiError(401, "You are not authorized to access this user")
    return _member_view(state, member)


@route("user.createApiKey")
def create_api_key(state, inp, ctx):
    """The better-auth key object with the plain ``key`` (returned only here) and ``metadata: null`` (Dokploy stores
    the organisation afterwards, services/user.ts)."""
    organization_id = inp["metadata"]["organizationId"]
    if organization_id and member_of(state, ctx.caller["userId"], organization_id) is None:
        raise ApiError(403, "You are not a member of this organization")
    expires_in = inp.get("expiresIn")
    if expires_in and not MIN_EXPIRES <= expires_in <= MAX_EXPIRES:
        # better-auth's APIError is not a TRPCError: Dokploy answers it as a 500 [2107]
        raise ApiError(500, "The expiresIn is smaller than the predefined minimum value." if expires_in < MIN_EXPIRES
                       else "The expiresIn is larger than the predefined maximum value.")
    if inp.get("refillInterval") and not inp.get("refillAmount"):
        raise ApiError(400, "You must provide a refillAmount if you provide a refillInterval.")
    plain = (inp.get("prefix") or "") + "".join(secrets.choice(KEY_ALPHABET) for dummy in range(64))
    expires_at = None
    if expires_in:
        expires_at = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=expires_in)) \
            .strftime("%Y-%m-%dT%H:%M:%S.000Z")
    row = new_key_row(nanoid(32), inp["name"], plain, ctx.caller["userId"], organization_id,
                      rate_limit_enabled=inp.get("rateLimitEnabled", True), expires_at=expires_at,
                      prefix=inp.get("prefix"), time_window=inp.get("rateLimitTimeWindow"),
                      max_requests=inp.get("rateLimitMax"), remaining=inp.get("remaining"),
                      refill_amount=inp.get("refillAmount"), refill_interval=inp.get("refillInterval"))
    table(state, "apikey")[row["id"]] = row
    return dict(public(row), key=plain, metadata=None)


@route("user.deleteApiKey")
def delete_api_key(state, inp, ctx):
    row = table(state, "apikey").get(inp["apiKeyId"])
    if row is None:
        raise ApiError(404, "API key not found")
    if row["referenceId"] != ctx.caller["userId"]:
        raise ApiError(401, "You are not authorized to delete this API key")
    del table(state, "apikey")[row["id"]]
    return True


@route("user.createUserWithCredentials")
def create_user_with_credentials(state, inp, ctx):
    """{userId, email, role}; the email is stored trimmed and in lower case; pending invitations of it are canceled."""
    require_permission(ctx, "member", "create")
    if inp["role"] == "owner":
        raise ApiError(403, "Cannot create a user with the owner role")
    email = inp["email"].strip().lower()
    if any(u["email"] == email for u in table(state, "user").values()):
        raise ApiError(400, "This email already has an account. Use the invitation link flow for existing users.")
    user = new_user(state, email)   # a nanoid of 21, like every user made here [2110]
    user["_password"] = inp["password"]
    new_member(state, ctx.organization_id, user["id"], inp["role"], is_default=True)
    for invitation in table(state, "invitation").values():
        if invitation["organizationId"] == ctx.organization_id and invitation["email"] == email \
                and invitation["status"] == "pending":
            invitation["status"] = "canceled"
    return {"userId": user["id"], "email": email, "role": inp["role"]}


@route("user.assignPermissions")
def assign_permissions(state, inp, ctx):
    """Sets what was sent on the member (id = its userId); the git provider and server lists only with an enterprise
    licence, silently dropped without one. Answers nothing."""
    require_permission(ctx, "member", "update")
    member = member_of(state, inp["id"], ctx.organization_id)
    with_licence = licensed(state, ctx.organization_id)
    for field in LEGACY_FLAGS + ACCESS_LISTS:
        if field not in inp or member is None:
            continue
        if field in ("accessedGitProviders", "accessedServers") and not with_licence:
            continue
        member[field] = inp[field]
    return EMPTY


@route("user.remove")
def remove(state, inp, ctx):
    """Deletes the user itself (services/admin.ts removeUserById): every membership and key go with it."""
    if ctx.caller["role"] not in ("owner", "admin"):
        raise ApiError(403, "Only owners or admins can delete users")
    target = member_of(state, inp["userId"], ctx.organization_id)
    if target is None:
        raise ApiError(404, "Target user is not a member of this organization")
    if target["role"] == "owner":
        raise ApiError(403, "You cannot delete the organization owner")
    if target["role"] == "admin" and inp["userId"] == ctx.caller["userId"]:
        raise ApiError(403, "Admins cannot delete themselves. Ask the owner or another admin.")
    if ctx.caller["role"] == "admin" and target["role"] == "admin":
        raise ApiError(403, "Only the organization owner can delete admins. Admins can only delete members.")
    try:
        delete_row(state, "user", inp["userId"])   # its memberships, invitations and git providers (cascade.py)
    except ForeignKeyRefused:
        # a web-server backup of the user (backup.userId, no onDelete): PostgreSQL refuses the delete and user.remove
        # does not catch it, so tRPC answers 500 with drizzle's text (read in v0.30.2's source: routers/user.ts
        # remove, services/admin.ts removeUserById; nothing recorded)
        raise ApiError(500, 'Failed query: delete from "user" where "user"."id" = $1 returning %s\nparams: %s' % (
            ", ".join('"%s"' % c for c in RETURNED_USER_COLUMNS), inp["userId"]))
    rows = table(state, "apikey")
    for key in [k for k, row in rows.items() if row.get("userId", row.get("referenceId")) == inp["userId"]]:
        del rows[key]
    return EMPTY


@route("user.haveRootAccess")
def have_root_access(state, inp, ctx):
    return False


@route("user.sendInvitation")
def send_invitation(state, inp, ctx):
    """The invitation link, after mailing it through an email or Resend notification (not mailed here)."""
    require_permission(ctx, "member", "create")
    notification = table(state, "notification").get(inp["notificationId"])
    if notification is None:
        raise ApiError(404, "Notification not found")
    if notification.get("notificationType") not in ("email", "resend"):
        raise ApiError(404, "Email provider not found")
    return "http://localhost:3000/invitation?token=%s" % inp["invitationId"]
