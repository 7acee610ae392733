# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Organisations of the user the module's key belongs to, found in ``organization.all`` by name (or ID).

Not recorded; from Dokploy's source at v0.30.2 (apps/dokploy/server/api/routers/organization.ts): ``all`` lists the
organisations the user is a member of, each with ``members`` holding the user's own membership; ``create`` (owners and
admins) answers the row and makes the user its owner; ``update`` (owner only) takes ``name`` in every call, ``logo``
and ``defaultRole`` when sent (v0.30.0); ``delete`` (owner only) refuses the user's last owned organisation and takes
everything in it along. A key acts inside one organisation, so the module never deletes that one.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._capabilities import require
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._lookup import DokployMissingError, find_named
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._resource import Field, Resource, Update
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._account import AdminResource, whoami
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._task import Info
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._secrets import mask
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._checks import check_name


def shown(ctx, row):
    """The organisation as the modules return it: the row, the user's ``role`` in it and whether it is the key's."""
    result = mask(dict((k, v) for k, v in row.items() if k != "members"))
    members = row.get("members") or []
    result["role"] = members[0].get("role") if members else None
    result["current"] = row.get("id") == whoami(ctx).get("organizationId")
    return result


class Organization(AdminResource, Resource):
    kind = "organization"
    id_field = "id"
    create_procedure = "organization.create"
    delete_procedure = "organization.delete"
    module_name = "dokploy_organization"
    needs = "the owner (an owner or admin to create one)"
    fields = (Field("name"), Field("logo"), Field("default_role", "defaultRole"))
    updates = (Update("organization.update", ["name", "logo", "defaultRole"], keep=("name",)),)

    @classmethod
    def argument_spec(cls):
        return dict(
            name=dict(type="str", required=True),
            organization_id=dict(type="str"),
            logo=dict(type="str"),
            default_role=dict(type="str", choices=["admin", "member"]),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        )

    @classmethod
    def validate(cls, params):
        check_name("name", params["name"])

    def find(self):
        organizations = self.client.get("organization.all") or []
        if self.params["organization_id"]:
            found = [o for o in organizations if o.get("id") == self.params["organization_id"]]
            if not found:
                raise DokployMissingError("The key's user is a member of no organisation with ID '%s'; theirs: %s" % (
                    self.params["organization_id"], ", ".join("%s (%s)" % (o.get("name"), o.get("id"))
                                                              for o in organizations) or "none"))
            return found[0]
        return find_named(organizations, "organization", self.params["name"], "id", required=False)

    def desired(self, current):
        desired = super(Organization, self).desired(current)
        if "defaultRole" in desired:
            require(self.client.version(), "organization.defaultRole", "dokploy_organization default_role")
        return desired

    def create_payload(self, desired):
        return dict((k, v) for k, v in desired.items() if k in ("name", "logo"))

    def created_object(self, response, payload):
        return dict(response, members=[{"role": "owner"}])   # the creator becomes its owner

    def plan(self, current, changes, desired, created=False):
        writes = super(Organization, self).plan(current, changes, desired, created)
        for update, body in writes:
            body["organizationId"] = body.pop("id")
        return writes

    def delete_payload(self, current):
        return {"organizationId": current["id"]}

    def check_delete(self, current):
        if current["id"] == whoami(self.ctx).get("organizationId"):
            raise DokployError("Organisation '%s' is the one the module's API key acts in; deleting it would delete the "
                               "key's own organisation with everything in it. Run with a key of another organisation "
                               "(a Dokploy API key acts inside the one organisation it was created for)"
                               % current.get("name"))

    def result_object(self, obj):
        return shown(self.ctx, obj)


class OrganizationInfo(AdminResource, Info):
    key = "organizations"
    module_name = "dokploy_organization_info"
    needs = "a user"

    @classmethod
    def argument_spec(cls):
        return dict(name=dict(type="str"))

    def items(self):
        return [shown(self.ctx, row) for row in self.client.get("organization.all") or []
                if self.params.get("name") in (None, row.get("name"))]
