# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""organization router: create, all, one, update, delete, inviteMember, allInvitations, removeInvitation,
updateMemberRole, setDefault, active; licenseKey.haveValidLicenseKey.

Recorded [2103, 2115-2125] on a real v0.30.2 (tests/conformance/admin_record.py); from Dokploy's source at v0.30.2
(apps/dokploy/server/api/routers/organization.ts, routers/proprietary/license-key.ts). Organisations, members and invitations live in identity.py's tables.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

from ..identity import licensed, member_of, new_member, new_organization, require_permission
from ..cascade import delete_row
from ..registry import ApiError, route
from ..state import table
from ..util import nanoid, now_iso, public

BUILT_IN_ROLES = ("owner", "admin", "member")


def _organization(state, organization_id):
    row = table(state, "organization").get(organization_id)
    if row is None:
        raise ApiError(404, "Organization not found")
    return row


def _owner_of(state, ctx, row, what):
    member = member_of(state, ctx.caller["userId"], row["id"])
    if member is None:
        raise ApiError(403, "You are not a member of this organization")
    if row["ownerId"] != ctx.caller["userId"] and member["role"] != "owner":
        raise ApiError(403, "Only the organization owner can %s it" % what)


def _custom_role_exists(state, organization_id, role):
    return any(r.get("organizationId") == organization_id and r.get("role") == role
               for r in table(state, "organizationRole").values())


@route("organization.create")
def create(state, inp, ctx):
    """The new row; the caller becomes its owner member."""
    if ctx.caller["role"] not in ("owner", "admin"):
        raise ApiError(403, "Only the organization owner can create an organization")
    row = new_organization(state, inp["name"], ctx.caller["userId"], inp.get("logo"))
    new_member(state, row["id"], ctx.caller["userId"], "owner")
    return public(row)


@route("organization.all")
def all_(state, inp, ctx):
    """The organisations the caller is a member of, each with ``members``: the caller's own membership."""
    result = []
    for row in table(state, "organization").values():
        member = member_of(state, ctx.caller["userId"], row["id"])
        if member is not None:
            result.append(dict(public(row), members=[public(member)]))
    return result


@route("organization.one")
def one(state, inp, ctx):
    if member_of(state, ctx.caller["userId"], inp["organizationId"]) is None:
        raise ApiError(403, "You are not a member of this organization")
    row = table(state, "organization").get(inp["organizationId"])
    return public(row) if row else None


@route("organization.active")
def active(state, inp, ctx):
    row = table(state, "organization").get(ctx.organization_id)
    return public(row) if row else None


@route("organization.update")
def update(state, inp, ctx):
    """The updated row. name is always set, logo set to what was sent (absent: NULL, drizzle skips undefined only in
    .set(): it is left as it is), defaultRole only when sent."""
    row = _organization(state, inp["organizationId"])
    _owner_of(state, ctx, row, "update")
    role = inp.get("defaultRole")
    if role is not None:
        if role == "owner":
            raise ApiError(403, "Cannot set owner as the default role")
        if role not in ("admin", "member"):
            if not _custom_role_exists(state, row["id"], role):
                raise ApiError(404, 'Role "%s" not found' % role)
            if not licensed(state, row["id"]):
                raise ApiError(403, "Setting a custom role as default requires a valid enterprise license")
    row["name"] = inp["name"]
    if "logo" in inp:
        row["logo"] = inp["logo"]
    if "defaultRole" in inp:
        row["defaultRole"] = inp["defaultRole"]
    return public(row)


@route("organization.delete")
def delete(state, inp, ctx):
    """Its members, invitations and everything it holds go with it (FK cascade); answers the driver's result."""
    row = _organization(state, inp["organizationId"])
    _owner_of(state, ctx, row, "delete")
    if sum(1 for o in table(state, "organization").values() if o["ownerId"] == ctx.caller["userId"]) <= 1:
        raise ApiError(403, "You must maintain at least one organization where you are the owner")
    delete_row(state, "organization", row["id"])   # its projects, servers, members, ... (cascade.py)
    rows = table(state, "apikey")
    for key in [k for k, r in rows.items() if r.get("organizationId") == row["id"]
                or ('"organizationId":"%s"' % row["id"]) in (r.get("metadata") or "")]:
        del rows[key]
    return []   # postgres-js's row list of a DELETE without RETURNING [2124]


@route("organization.inviteMember")
def invite_member(state, inp, ctx):
    """The invitation row (pending, 48 hours); self-hosted Dokploy sends no e-mail here (user.sendInvitation does)."""
    require_permission(ctx, "member", "create")
    email = inp["email"].lower()
    for user in table(state, "user").values():
        if user["email"] == email and member_of(state, user["id"], ctx.organization_id) is not None:
            raise ApiError(409, "User is already a member of this organization")
    if any(i["organizationId"] == ctx.organization_id and i["email"] == email and i["status"] == "pending"
           for i in table(state, "invitation").values()):
        raise ApiError(409, "An invitation has already been sent to this email")
    if inp["role"] == "owner":
        raise ApiError(403, "Cannot invite a user with the owner role")
    if inp["role"] not in BUILT_IN_ROLES and not _custom_role_exists(state, ctx.organization_id, inp["role"]):
        raise ApiError(404, 'Role "%s" not found' % inp["role"])
    expires = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=48)
    row = {"id": nanoid(), "organizationId": ctx.organization_id, "email": email, "role": inp["role"],
           "status": "pending", "expiresAt": expires.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
           "inviterId": ctx.caller["userId"], "teamId": None, "createdAt": now_iso()}
    table(state, "invitation")[row["id"]] = row
    return public(row)


@route("organization.allInvitations")
def all_invitations(state, inp, ctx):
    require_permission(ctx, "member", "create")
    rows = [public(i) for i in table(state, "invitation").values() if i["organizationId"] == ctx.organization_id]
    return sorted(rows, key=lambda i: (i["status"], i["expiresAt"]), reverse=True)


@route("organization.removeInvitation")
def remove_invitation(state, inp, ctx):
    require_permission(ctx, "member", "create")
    row = table(state, "invitation").get(inp["invitationId"])
    if row is None:
        raise ApiError(404, "Invitation not found")
    if row["organizationId"] != ctx.organization_id:
        raise ApiError(403, "You are not allowed to remove this invitation")
    del table(state, "invitation")[row["id"]]
    return []   # [2118]


@route("organization.updateMemberRole")
def update_member_role(state, inp, ctx):
    require_permission(ctx, "member", "update")
    target = table(state, "member").get(inp["memberId"])
    if target is None:
        raise ApiError(404, "Member not found")
    if target["organizationId"] != ctx.organization_id:
        raise ApiError(403, "You are not allowed to update this member's role")
    if target["userId"] == ctx.caller["userId"]:
        raise ApiError(403, "You cannot change your own role")
    if target["role"] == "owner" or inp["role"] == "owner":
        raise ApiError(403, "The owner role is nontransferable")
    if ctx.caller["role"] == "admin" and target["role"] == "admin":
        raise ApiError(403, "Only the organization owner can change admin roles. Admins can only modify member roles.")
    if inp["role"] not in ("admin", "member") and not _custom_role_exists(state, ctx.organization_id, inp["role"]):
        raise ApiError(404, 'Custom role "%s" not found' % inp["role"])
    target["role"] = inp["role"]
    return True


@route("organization.setDefault")
def set_default(state, inp, ctx):
    if member_of(state, ctx.caller["userId"], inp["organizationId"]) is None:
        raise ApiError(403, "You are not a member of this organization")
    for member in table(state, "member").values():
        if member["userId"] == ctx.caller["userId"]:
            member["isDefault"] = member["organizationId"] == inp["organizationId"]
    return {"success": True}


@route("licenseKey.haveValidLicenseKey")
def have_valid_license_key(state, inp, ctx):
    return licensed(state, ctx.organization_id)
