# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Who is calling: users, organisations, members and API keys, and the role checks of Dokploy's procedures.

Not recorded; from Dokploy's source at v0.30.2: packages/server/src/lib/auth.ts validateRequest (a key's
``metadata.organizationId`` is the active organisation, the role comes from the member row), the ``apikey`` table
(packages/server/src/db/schema/account.ts, ``key`` stored as @better-auth/api-key's defaultKeyHasher: SHA-256,
base64url without padding), apps/dokploy/server/api/trpc.ts (adminProcedure: 401 UNAUTHORIZED without a message;
enterpriseProcedure: 403 "Valid enterprise license required") and services/permission.ts checkPermission (members pass
through their legacy flags, else 401 "Permission denied").

The simulator's own key (``Simulator(api_key=...)``) is the owner's key in the first organisation; its apikey row is
made on first use so that it can be listed and deleted like any other. More keys come from ``user.createApiKey``.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import hashlib
import json

from .registry import ApiError
from .state import table
from .util import nanoid, now_iso

MAIN_KEY_ID = "simulatorApiKey0000000000000000"
SEED_TIME = "2026-01-01T00:00:00.000Z"
LEGACY_FLAGS = ("canCreateProjects", "canAccessToSSHKeys", "canCreateServices", "canDeleteProjects", "canDeleteServices",
                "canAccessToDocker", "canAccessToAPI", "canAccessToGitProviders", "canAccessToTraefikFiles",
                "canDeleteEnvironments", "canCreateEnvironments")
ACCESS_LISTS = ("accessedProjects", "accessedEnvironments", "accessedServices", "accessedGitProviders", "accessedServers")
# services/permission.ts getLegacyOverrides: which legacy flag grants which resource action to a member
LEGACY_GRANTS = {("project", "create"): "canCreateProjects", ("project", "delete"): "canDeleteProjects",
                 ("service", "create"): "canCreateServices", ("service", "delete"): "canDeleteServices",
                 ("environment", "create"): "canCreateEnvironments", ("environment", "delete"): "canDeleteEnvironments",
                 ("docker", "read"): "canAccessToDocker", ("traefikFiles", "read"): "canAccessToTraefikFiles",
                 ("sshKeys", "read"): "canAccessToSSHKeys", ("gitProviders", "read"): "canAccessToGitProviders",
                 ("api", "read"): "canAccessToAPI"}


# what lib/access-control.ts memberRole grants every member (of the resources the simulator checks); members read
# vault providers "for env editor autocomplete" (seen on a real v0.30.2: vaultProvider.all answers a member's key)
MEMBER_ROLE = frozenset([("service", "read"), ("environment", "read"), ("tag", "read"), ("vaultProvider", "read")])


def hash_key(key):
    """@better-auth/api-key's defaultKeyHasher."""
    return base64.urlsafe_b64encode(hashlib.sha256(key.encode("utf-8")).digest()).decode("ascii").rstrip("=")


def new_user(state, email, first_name="", last_name="", user_id=None, created_at=None, email_verified=True):
    """A user row with every column user.all and user.getBackups show (recorded [2102, 2104])."""
    now = created_at or now_iso()
    row = {"id": user_id or nanoid(), "firstName": first_name, "lastName": last_name, "isRegistered": False,
           "expirationDate": now, "createdAt2": now, "createdAt": now, "twoFactorEnabled": False, "email": email,
           "emailVerified": email_verified, "image": None, "banned": False, "banReason": None, "banExpires": None,
           "updatedAt": now, "role": "user", "enablePaidFeatures": False, "allowImpersonation": False,
           "enableEnterpriseFeatures": False, "licenseKey": None, "isValidEnterpriseLicense": False,
           "stripeCustomerId": None, "stripeSubscriptionId": None, "serversQuantity": 0, "sendInvoiceNotifications": False,
           "isEnterpriseCloud": False, "trustedOrigins": None, "bookmarkedTemplates": []}
    table(state, "user")[row["id"]] = row
    return row


def new_member(state, organization_id, user_id, role, is_default=False, member_id=None, created_at=None):
    row = {"id": member_id or nanoid(), "organizationId": organization_id, "userId": user_id, "role": role,
           "createdAt": created_at or now_iso(),
           "teamId": None, "isDefault": is_default}
    row.update(dict.fromkeys(LEGACY_FLAGS, False))
    row.update((name, []) for name in ACCESS_LISTS)
    table(state, "member")[row["id"]] = row
    return row


def new_organization(state, name, owner_id, logo=None):
    row = {"id": nanoid(), "name": name, "slug": nanoid(), "logo": logo, "createdAt": now_iso(), "metadata": None,
           "ownerId": owner_id, "defaultRole": None}
    table(state, "organization")[row["id"]] = row
    return row


def ensure(state, main_key):
    """The owner, the first organisation, its owner member and the main key's row, made on first use."""
    meta = state["_meta"]
    if meta.get("noSeed"):  # emptied by /__sim__/users (auth.py): a Dokploy whose database holds no user yet
        return
    users = table(state, "user")
    if meta["userId"] not in users:
        new_user(state, "admin@example.com", "Admin", "User", user_id=meta["userId"], created_at=SEED_TIME,
                 email_verified=False)
    organizations = table(state, "organization")
    if meta["organizationId"] not in organizations:
        # the organisation made at sign-up has no slug [2103]
        organizations[meta["organizationId"]] = {"id": meta["organizationId"], "name": "My Organization", "slug": None,
                                                 "logo": None, "createdAt": SEED_TIME, "metadata": None,
                                                 "ownerId": meta["userId"], "defaultRole": None}
    members = table(state, "member")
    if meta["memberId"] not in members:
        new_member(state, meta["organizationId"], meta["userId"], "owner", is_default=True, member_id=meta["memberId"],
                   created_at=SEED_TIME)
    keys = table(state, "apikey")
    if not meta.get("mainKeyMade"):
        meta["mainKeyMade"] = True
        keys[MAIN_KEY_ID] = new_key_row(MAIN_KEY_ID, "simulator", main_key, meta["userId"], meta["organizationId"],
                                        rate_limit_enabled=False)


def new_key_row(key_id, name, plain, user_id, organization_id, rate_limit_enabled=True, expires_at=None,
                prefix=None, time_window=None, max_requests=None, remaining=None, refill_amount=None,
                refill_interval=None):
    """An apikey row as better-auth stores it (its defaults: 10 requests a day when rate limiting is not sent)."""
    return {"id": key_id, "configId": "default", "name": name, "start": plain[:6], "prefix": prefix,
            "key": hash_key(plain), "referenceId": user_id, "refillInterval": refill_interval,
            "refillAmount": refill_amount, "lastRefillAt": None, "enabled": True,
            "rateLimitEnabled": rate_limit_enabled,
            "rateLimitTimeWindow": 86400000 if time_window is None else time_window,
            "rateLimitMax": 10 if max_requests is None else max_requests, "requestCount": 0,
            "remaining": remaining if remaining is not None else refill_amount, "lastRequest": None,
            "expiresAt": expires_at, "createdAt": now_iso(), "updatedAt": now_iso(), "permissions": None,
            "metadata": '{"organizationId":"%s"}' % organization_id}


def authenticate(state, key, main_key):
    """The caller ``{userId, organizationId, role, apiKeyId}`` of an ``x-api-key``, or None (401)."""
    if not key:
        return None
    ensure(state, main_key)
    hashed = hash_key(key)
    for row in table(state, "apikey").values():
        if row["key"] == hashed and row.get("enabled", True):
            organization_id = json.loads(row.get("metadata") or "{}").get("organizationId")
            if not organization_id:
                return None
            row["lastRequest"] = row["updatedAt"] = now_iso()   # better-auth notes every use [2104]
            member = member_of(state, row["referenceId"], organization_id)
            return {"userId": row["referenceId"], "organizationId": organization_id,
                    "role": member["role"] if member else "member", "apiKeyId": row["id"]}
    return None


def member_of(state, user_id, organization_id):
    for row in table(state, "member").values():
        if row["userId"] == user_id and row["organizationId"] == organization_id:
            return row
    return None


def require_admin(ctx):
    """adminProcedure."""
    if ctx.caller["role"] not in ("owner", "admin"):
        raise ApiError(401, "UNAUTHORIZED")


def require_permission(ctx, resource, action):
    """withPermission(resource, action): owner and admin pass; a member through the member role's statements
    (lib/access-control.ts memberRole) or a legacy flag; else 401 with better-auth's message [member refused]."""
    if ctx.caller["role"] in ("owner", "admin") or (resource, action) in MEMBER_ROLE:
        return
    member = member_of(ctx.sim.state, ctx.caller["userId"], ctx.caller["organizationId"])
    if member is None:
        raise ApiError(401, "Permission denied")
    flag = LEGACY_GRANTS.get((resource, action))
    if not flag or not member.get(flag):
        raise ApiError(401, 'unauthorized to access resource "%s"' % resource)


def licensed(state, organization_id):
    """services/proprietary/license-key.ts hasValidLicense: the organisation owner's enterprise flags."""
    organization = table(state, "organization").get(organization_id) or {}
    owner = table(state, "user").get(organization.get("ownerId")) or {}
    return bool(owner.get("enableEnterpriseFeatures") and owner.get("isValidEnterpriseLicense"))


def require_enterprise(ctx):
    """enterpriseProcedure."""
    require_admin(ctx)
    if not licensed(ctx.sim.state, ctx.caller["organizationId"]):
        raise ApiError(403, "Valid enterprise license required")
