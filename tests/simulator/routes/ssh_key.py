# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""sshKey router: all [413, 421, 1114], create [417-420, 1107-1113], one [422, 423, 1115, 1116], update [424, 1118-1121],
allForApps [425, 1117], remove [451, 1122, 1123, 1263], generate [1104-1106]."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ..cascade import delete_row
from ..registry import EMPTY, ApiError, not_found, route
from ..state import table
from ..validation import ValidationFailed
from ..util import by_created, nanoid, now_iso, public, touch
from .ssh_key_gen import generate as generate_pair


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
    """The router turns every failure into 400 "Error updating this SSH key": an unknown id [1120] and an update with
    nothing to set (drizzle's "No values to set"), e.g. only the stripped publicKey [1119]."""
    row = table(state, "sshKey").get(inp["sshKeyId"])
    fields = [f for f in ("name", "description", "lastUsedAt") if f in inp]
    if row is None or not fields:
        raise ApiError(400, "Error updating this SSH key")
    for field in fields:
        row[field] = inp[field]
    touch(table(state, "sshKey"), row["sshKeyId"])
    return public(row)


@route("sshKey.remove")
def remove(state, inp, ctx):
    """Succeeds while still referenced; applications' customGitSSHKeyId becomes null [451, 452], compose services' and
    servers' too (the same `set null` foreign keys, cascade.py)."""
    row = _get(state, inp["sshKeyId"])
    delete_row(state, "sshKey", row["sshKeyId"])
    return public(row)


@route("sshKey.generate")
def generate(state, inp, ctx):
    """A new pair, stored nowhere [1104, 1105]. The simulator lock is released meanwhile: RSA 4096 takes a second or
    more in pure Python, as ssh2 does in Dokploy."""
    ctx.sim.lock.release()
    try:
        return generate_pair(inp.get("type") or "rsa")
    finally:
        ctx.sim.lock.acquire()
