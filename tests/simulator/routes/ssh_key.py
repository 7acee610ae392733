# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""sshKey router: all [413, 421], create [417-420], one [422, 423], update [424], allForApps [425], remove [451]."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ..registry import EMPTY, not_found, route
from ..state import table
from ..validation import ValidationFailed
from ..util import by_created, nanoid, now_iso, public, touch


def _get(state, key_id):
    row = table(state, "sshKey").get(key_id)
    if row is None:
        raise not_found("SSH Key")
    return row


def new_ssh_key(state, organization_id, name, private_key, public_key, description=None):
    """A key row as sshKey.all returns it [421]; also used to seed fixtures."""
    row = {"sshKeyId": nanoid(), "privateKey": private_key, "publicKey": public_key, "name": name,
           "description": description, "createdAt": now_iso(), "lastUsedAt": None, "organizationId": organization_id}
    table(state, "sshKey")[row["sshKeyId"]] = row
    return row


@route("sshKey.create")
def create(state, inp, ctx):
    """Empty body [418]; the caller's organization wins over the one sent [420]; keys are checked [419]."""
    issues = []
    if "PRIVATE KEY-----" not in (inp.get("privateKey") or ""):
        issues.append({"code": "custom", "path": ["privateKey"], "message": "Invalid private key format"})
    if not (inp.get("publicKey") or "").startswith(("ssh-", "ecdsa-")):
        issues.append({"code": "custom", "path": ["publicKey"], "message": "Invalid public key format"})
    if issues:
        raise ValidationFailed(issues)
    new_ssh_key(state, ctx.organization_id, inp["name"], inp["privateKey"], inp["publicKey"], inp.get("description"))
    return EMPTY


@route("sshKey.all")
def all_keys(state, inp, ctx):
    return [public(r) for r in by_created(table(state, "sshKey").values(), newest_first=True)]


@route("sshKey.allForApps")
def all_for_apps(state, inp, ctx):
    return [{"sshKeyId": r["sshKeyId"], "name": r["name"]} for r in by_created(table(state, "sshKey").values(), newest_first=True)]


@route("sshKey.one")
def one(state, inp, ctx):
    return public(_get(state, inp["sshKeyId"]))


@route("sshKey.update")
def update(state, inp, ctx):
    row = _get(state, inp["sshKeyId"])
    for field in ("name", "description", "lastUsedAt"):
        if field in inp:
            row[field] = inp[field]
    touch(table(state, "sshKey"), row["sshKeyId"])
    return public(row)


@route("sshKey.remove")
def remove(state, inp, ctx):
    """Succeeds while still referenced; applications' customGitSSHKeyId becomes null [451, 452]."""
    row = _get(state, inp["sshKeyId"])
    table(state, "sshKey").pop(row["sshKeyId"])
    for app in table(state, "application").values():
        if app.get("customGitSSHKeyId") == row["sshKeyId"]:
            app["customGitSSHKeyId"] = None
    for server in table(state, "server").values():
        if server.get("sshKeyId") == row["sshKeyId"]:
            server["sshKeyId"] = None
    return public(row)
