# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Members of the organisation the module's key belongs to, found in ``user.all`` by e-mail; their role and the
legacy permissions Dokploy gives members.

Not recorded; from Dokploy's source at v0.30.2 (apps/dokploy/server/api/routers/user.ts and organization.ts,
packages/server/src/services/user.ts, services/admin.ts, services/permission.ts):

- ``user.all`` lists the members with their whole user, the flags (``canCreateProjects``, ...) and the ID lists
  (``accessedProjects``, ...); it needs the ``member.read`` permission (owners and admins).
- ``user.createUserWithCredentials`` (v0.29.0) makes a user with a password and its membership, and answers
  ``{userId, email, role}``; ``organization.inviteMember`` (v0.28.7) makes a pending invitation for 48 hours that the
  person accepts in the browser; ``user.sendInvitation`` mails its link through an email or Resend notification.
- ``user.assignPermissions`` takes every flag and list in every call (its input is ``.required()``); the git provider
  and server lists are stored only
  when the organisation has an enterprise licence, silently dropped otherwise, so the module checks the licence first.
- ``organization.updateMemberRole`` (v0.26.0) refuses the owner role both ways and a change of one's own role.
- ``user.remove`` deletes the user itself (every membership and key), never the owner, nor a user with a web-server
  backup (backup.userId has no onDelete: PostgreSQL refuses, a 500).
Dokploy has no procedure that sets another user's password, so a password only counts when the user is created.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._capabilities import require, supports
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError, DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._kinds import SERVICE_KINDS
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._lookup import DokployMissingError, find_named
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._resource import Resource, Update
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._account import AdminResource, licence_error, whoami
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._checks import check_name
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._task import Info
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._secrets import mask

EMAIL = re.compile(r"^[^\s@]+@[^\s@]+\.[^\s@]+$")
FLAGS = (("can_create_projects", "canCreateProjects"), ("can_delete_projects", "canDeleteProjects"),
         ("can_create_services", "canCreateServices"), ("can_delete_services", "canDeleteServices"),
         ("can_create_environments", "canCreateEnvironments"), ("can_delete_environments", "canDeleteEnvironments"),
         ("can_access_docker", "canAccessToDocker"), ("can_access_traefik_files", "canAccessToTraefikFiles"),
         ("can_access_api", "canAccessToAPI"), ("can_access_ssh_keys", "canAccessToSSHKeys"),
         ("can_access_git_providers", "canAccessToGitProviders"))
LISTS = (("projects", "accessedProjects"), ("environments", "accessedEnvironments"), ("services", "accessedServices"),
         ("git_providers", "accessedGitProviders"), ("servers", "accessedServers"))
LIST_FIELDS = frozenset(api for option, api in LISTS)
LICENSED = ("accessedGitProviders", "accessedServers")   # stored only with an enterprise licence (user.ts)
PERMISSION_FIELDS = [api for option, api in FLAGS] + [api for option, api in LISTS]
PARTS = {"projects": 1, "environments": 2, "services": 3}
BUILT_IN_ROLES = ("admin", "member")


def member_email(member):
    return ((member.get("user") or {}).get("email") or "").lower()


class Names(object):
    """Names <-> IDs of what a member may reach: ``project``, ``project/environment``, ``project/environment/service``,
    git providers and servers by name (an ID is accepted too). Reads what it needs, once."""

    def __init__(self, ctx):
        self.ctx = ctx
        self._tables = {}

    def table(self, option):
        """``{id: name}`` of everything of ``option``'s kind."""
        if option not in self._tables:
            found = {}
            if option in PARTS:
                for project in self.ctx.resolver.projects():
                    found[project["projectId"]] = project["name"]
                    for environment in project.get("environments") or []:
                        path = "%s/%s" % (project["name"], environment["name"])
                        found[environment["environmentId"]] = path
                        if option == "services":
                            for kind in SERVICE_KINDS.values():
                                for service in self.ctx.resolver.service_summaries(kind.name, environment):
                                    found[service[kind.id_field]] = "%s/%s" % (path, service.get("name"))
                depth = PARTS[option]
                found = dict((k, v) for k, v in found.items() if v.count("/") == depth - 1)
            elif option == "git_providers":
                found = dict((p["gitProviderId"], p.get("name")) for p in self.ctx.client.get("gitProvider.getAll") or [])
            elif option == "servers":
                found = dict((s["serverId"], s.get("name")) for s in self.ctx.resolver.servers())
            self._tables[option] = found
        return self._tables[option]

    def ids(self, option, names):
        """The sorted IDs of ``names``; one that matches nothing fails listing what exists (check mode: warned)."""
        table = self.table(option)
        ids = set()
        for name in names:
            if name in table:
                ids.add(name)
                continue
            matches = [i for i, n in table.items() if n == name]
            if len(matches) > 1:
                raise DokployError("%s: %d are named '%s' (IDs: %s); give the ID" % (option, len(matches), name,
                                                                                     ", ".join(sorted(matches))))
            if not matches:
                error = DokployMissingError("%s: nothing is named '%s'; existing: %s"
                                            % (option, name, ", ".join(sorted(table.values())) or "none"))
                self.ctx.missing_parent(error)
                ids.add(name)
                continue
            ids.add(matches[0])
        return sorted(ids)

    def names(self, option, ids):
        if not ids:
            return []   # nothing to name: no read
        table = self.table(option)
        return sorted(table.get(i, i) for i in ids or [])


def with_names(member, names):
    """The member as the modules return it: the row, and ``permissions`` with every list by name."""
    shown = mask(member)
    permissions = dict((option, bool(member.get(api))) for option, api in FLAGS)
    for option, api in LISTS:
        permissions[option] = names.names(option, member.get(api)) if api in member else []
    shown["email"] = member_email(member)
    shown["permissions"] = permissions
    return shown


class User(AdminResource, Resource):
    kind = "user"
    id_field = "userId"
    module_name = "dokploy_user"
    needs = "an owner or admin"
    create_procedure = "user.createUserWithCredentials"
    delete_procedure = "user.remove"
    module_kwargs = dict(mutually_exclusive=[("password", "notification")])

    @classmethod
    def argument_spec(cls):
        spec = dict(
            email=dict(type="str", required=True),
            password=dict(type="str", no_log=True),
            update_password=dict(type="str", choices=["on_create", "always"], default="on_create", no_log=False),
            role=dict(type="str"),
            notification=dict(type="str"),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        )
        spec.update((option, dict(type="bool")) for option, api in FLAGS)
        spec.update((option, dict(type="list", elements="str")) for option, api in LISTS)
        return spec

    @classmethod
    def validate(cls, params):
        if params["role"] == "owner":
            raise DokployParamError("role owner cannot be given: Dokploy's owner role belongs to the user who made the "
                                    "organisation and is never transferred; use admin or member", option="role")
        check_name("role", params["role"])
        if not EMAIL.match(params["email"] or ""):
            raise DokployParamError("email '%s' is not an e-mail address" % params["email"], option="email")
        if params["password"] is not None and len(params["password"]) < 8:
            raise DokployParamError("password must have at least 8 characters (Dokploy's minimum)", option="password")
        for option, depth in PARTS.items():
            for name in params.get(option) or []:
                if name.count("/") != depth - 1 and not re.match(r"^[A-Za-z0-9_-]{21}$", name):
                    raise DokployParamError("%s: '%s' must be %s, or an ID" % (
                        option, name, "/".join(("project", "environment", "service")[:depth])), option=option)

    def __init__(self, ctx, params):
        super(User, self).__init__(ctx, params)
        self.names = Names(ctx)
        self.invitation = None
        self._found = None
        self._licensed = None

    def version(self):
        return self.client.version()

    # -- reads ---------------------------------------------------------------------------------

    def find(self):
        """The member from ``user.all``; the one ensure_present read already is handed over once (no second read)."""
        if self._found is not None:
            found, self._found = self._found, None
            return found[0]
        members = [m for m in self.client.get("user.all") or [] if member_email(m) == self.params["email"].lower()]
        return members[0] if members else None

    def pending_invitation(self):
        if not supports(self.version(), "organization.inviteMember"):
            return None
        for invitation in self.client.get("organization.allInvitations") or []:
            if invitation.get("email") == self.params["email"].lower() and invitation.get("status") == "pending":
                return invitation
        return None

    def desired(self, current):
        desired = {}
        if self.params["role"] is not None:
            if self.params["role"] not in BUILT_IN_ROLES:
                self.require_licence("the enterprise custom role '%s'" % self.params["role"])
            desired["role"] = self.params["role"]
        for option, api in FLAGS:
            if self.params[option] is not None:
                desired[api] = self.params[option]
        for option, api in LISTS:
            if self.params[option] is not None:
                desired[api] = self.names.ids(option, self.params[option])
        return desired

    def normalize_field(self, field, value):
        if field in LIST_FIELDS:
            return sorted(set(value or []))
        if field in PERMISSION_FIELDS:
            return bool(value)
        return super(User, self).normalize_field(field, value)

    # -- converge ------------------------------------------------------------------------------

    def compare(self, current, desired):
        if current.get("role") == "owner" and desired.get("role") not in (None, "owner"):
            raise DokployError("%s is the owner of the organisation; Dokploy never changes the owner's role, so the "
                               "owner is never demoted. Leave role out for the owner" % self.params["email"])
        if desired.get("role") not in (None, current["role"]) and current.get("userId") == whoami(self.ctx).get("userId"):
            raise DokployError("%s is the user of the module's own key; Dokploy does not let a user change their own "
                               "role. Run with the key of another owner or admin" % self.params["email"])
        if self.params["update_password"] == "always" and self.params["password"] is not None:
            raise DokployError("%s exists, and Dokploy's API cannot set another user's password (user.update changes "
                               "only the caller's own, with the current one): use update_password: on_create"
                               % self.params["email"])
        changes = super(User, self).compare(current, desired)
        if "role" in changes:   # refused in check mode too, before any write (plan runs only when writing)
            require(self.version(), "organization.updateMemberRole", "dokploy_user role of an existing member")
        if any(field in changes for field in LICENSED):
            require(self.version(), "user.accessedGitProviders", "dokploy_user git_providers and servers")
            self.require_licence("the member's %s" % " and ".join(
                "git_providers" if f == "accessedGitProviders" else "servers" for f in LICENSED if f in changes))
        return changes

    def require_licence(self, what):
        """What only an enterprise licence unlocks fails in the words of Dokploy's licence check, not as a bare 403
        (custom roles) or a change Dokploy silently drops (git provider and server lists)."""
        if self._licensed is None:
            require(self.version(), "licenseKey", "dokploy_user %s" % what)
            self._licensed = bool(self.client.get("licenseKey.haveValidLicenseKey"))
        if not self._licensed:
            raise licence_error(self.module_name, what)

    def plan(self, current, changes, desired, created=False):
        writes = []
        if "role" in changes:
            writes.append((Update("organization.updateMemberRole", ["role"]),
                           {"memberId": current["id"], "role": desired["role"]}))
        fields = sorted(f for f in changes if f != "role")
        if fields:
            # every field, every time: the input is .required() (schema/user.ts apiAssignPermissions), and a flag
            # left out is coerced to false
            body = {"id": current["userId"]}
            for field in PERMISSION_FIELDS:
                value = desired[field] if field in desired else current.get(field)
                body[field] = (list(value or []) if field in LIST_FIELDS else bool(value))
            writes.append((Update("user.assignPermissions", fields), body))
        return writes

    def ensure_present(self):
        current = self.find()
        if current is None and self.params["password"] is None:
            return self.invite()
        self._found = [current]
        return super(User, self).ensure_present()

    def create_payload(self, desired):
        require(self.version(), "user.createUserWithCredentials", "dokploy_user with a password")
        return {"email": self.params["email"], "password": self.params["password"], "role": desired.get("role", "member")}

    def created_object(self, response, payload):
        self.resolver.invalidate()
        found = self.find()
        if found is None:
            raise DokployError("user %s was created but cannot be found again" % self.params["email"],
                               procedure=self.create_procedure)
        return found

    def invite(self):
        """No such member and no password: an invitation (kept while pending, so a second run changes nothing)."""
        require(self.version(), "organization.inviteMember", "dokploy_user without a password (an invitation)")
        self.desired(None)   # names that match nothing fail before the invitation is sent
        invitation = self.pending_invitation()
        permissions = [option for option, api in FLAGS + LISTS if self.params[option] is not None]
        if permissions:
            self.ctx.warn("%s is invited, not yet a member: %s can be set once the invitation is accepted; run the task "
                          "again then" % (self.params["email"], ", ".join(permissions)))
        if invitation is not None:
            self.invitation = invitation
            return self.result(False, None, None, {})
        body = {"email": self.params["email"], "role": self.params["role"] or "member"}
        notification_id = self.notification_id()
        if self.check_mode:
            self.invitation = dict(body, id=None, status="pending")
            return self.result(True, None, None, {"email": (None, body["email"]), "role": (None, body["role"])})
        self.invitation = self.client.post("organization.inviteMember", body)
        if notification_id:
            self.invitation["link"] = self.client.post("user.sendInvitation", {
                "invitationId": self.invitation["id"], "notificationId": notification_id})
        return self.result(True, None, None, {"email": (None, body["email"]), "role": (None, body["role"])})

    def notification_id(self):
        if not self.params["notification"]:
            return None
        notifications = self.client.get("notification.all") or []
        found = find_named(notifications, "notification", self.params["notification"], "notificationId")
        if not (found.get("email") or found.get("resend") or found.get("notificationType") in ("email", "resend")):
            raise DokployError("notification '%s' is a %s notification; invitations are sent by an email or Resend one"
                               % (found.get("name"), found.get("notificationType")))
        return found["notificationId"]

    def ensure_absent(self):
        current = self.find()
        if current is None:
            invitation = self.pending_invitation()
            if invitation is None:
                return self.result(False, None, None, {})
            self.invitation = invitation
            if not self.check_mode:
                self.client.post("organization.removeInvitation", {"invitationId": invitation["id"]})
            return self.result(True, None, None, {"email": (invitation["email"], None)})
        return super(User, self).ensure_absent()

    def check_delete(self, current):
        if current.get("role") == "owner":
            raise DokployError("%s is the owner of the organisation; Dokploy never removes the owner"
                               % self.params["email"])
        if current.get("userId") == whoami(self.ctx).get("userId"):
            raise DokployError("%s is the user of the module's own key; a user cannot remove themselves. Run with the "
                               "key of another owner or admin" % self.params["email"])

    def delete_payload(self, current):
        return {"userId": current["userId"]}

    def delete(self, current, exists=None):
        try:
            return super(User, self).delete(current, exists)
        except DokployError as error:
            # backup.userId (the web server's backups) has no onDelete: PostgreSQL refuses the delete of the user and
            # user.remove answers drizzle's 500 "Failed query: delete from "user" ..." (v0.30.2's source: db/schema/
            # backups.ts, services/admin.ts removeUserById); the member list cannot show another user's backups
            if error.status != 500 or not error.message.startswith('Failed query: delete from "user"'):
                raise
            raise DokployError(
                "Dokploy refused to remove %s: a web-server backup still belongs to this user (Dokploy keeps the web "
                "server's backups per user and does not delete them with the user). Remove it first with "
                "dokploy_backup (web_server: true, state: absent) run with an API key of %s, then run again"
                % (self.params["email"], self.params["email"]),
                status=error.status, code=error.code, procedure=error.procedure)

    def result(self, changed, before, after, changes):
        result = super(User, self).result(changed, before, after, changes)
        if self.invitation is not None:
            result["invitation"] = self.invitation
        return result

    def result_object(self, obj):
        return with_names(obj, self.names)

    def label(self, obj=None):
        return "user %s" % self.params["email"]

    def summary_keys(self):
        return ["userId", "role"]

    def diff(self, before, after, changes):
        diff = super(User, self).diff(before, after, changes)
        for side in ("before", "after"):
            for option, api in LISTS:   # names, not IDs
                if api in diff[side]:
                    diff[side][option] = self.names.names(option, diff[side].pop(api))
        return diff


class UserInfo(AdminResource, Info):
    key = "users"
    module_name = "dokploy_user_info"
    needs = "an owner or admin"

    @classmethod
    def argument_spec(cls):
        return dict(email=dict(type="str"))

    def items(self):
        names = Names(self.ctx)
        members = self.client.get("user.all") or []
        email = (self.params.get("email") or "").lower()
        return [with_names(m, names) for m in members if not email or member_email(m) == email]
