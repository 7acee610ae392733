# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""user router: user.get [11] (the API key's member record)."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ..registry import route


@route("user.get")
def get(state, inp, ctx):
    meta = state["_meta"]
    user_id = meta["userId"]
    return {
        "id": meta["memberId"], "organizationId": meta["organizationId"], "userId": user_id, "role": "owner",
        "createdAt": "2026-01-01T00:00:00.000Z", "teamId": None, "isDefault": True,
        "canCreateProjects": False, "canAccessToSSHKeys": False, "canCreateServices": False, "canDeleteProjects": False,
        "canDeleteServices": False, "canAccessToDocker": False, "canAccessToAPI": False, "canAccessToGitProviders": False,
        "canAccessToTraefikFiles": False, "canDeleteEnvironments": False, "canCreateEnvironments": False,
        "accessedProjects": list(state.get("project", {})), "accessedEnvironments": list(state.get("environment", {})),
        "accessedServices": [], "accessedGitProviders": [], "accessedServers": [],
        "user": {"id": user_id, "firstName": "Admin", "lastName": "User", "email": "admin@example.com", "image": None,
                 "allowImpersonation": False, "twoFactorEnabled": False, "stripeCustomerId": None, "stripeSubscriptionId": None,
                 "serversQuantity": 0, "isEnterpriseCloud": False, "sendInvoiceNotifications": False,
                 "apiKeys": [{"id": "simulatorApiKey0000000000000000", "name": "simulator", "prefix": None, "enabled": True,
                              "expiresAt": None, "createdAt": "2026-01-01T00:00:00.000Z"}]},
    }
