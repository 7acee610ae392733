# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""registry router [1160-1185, 1286, 1289, 1290, 1300]: container registries of the organization.

create and update run `docker login` on the Dokploy host: its outcome comes from server_remote.py (a registryUrl
on a reserved name such as registry.example.com or registry.example.invalid fails, or `/__sim__/remote`
{"registry_login": "fail"}). create logs in inside its insert
transaction, so a failed login stores nothing [1163, 1168]; update stores first and logs in after, so a failed login
answers 400 with the new values kept [1173, 1174].
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ..cascade import delete_row
from ..registry import ApiError, not_found, route
from ..state import table
from ..util import nanoid, now_iso, public, touch
from ..validation import ValidationFailed
from .server_remote import dns_error, docker_time, fails, host_of

# schema/registry.ts registryUrlSchema (v0.30.2): hostname[:port] or "" (Docker Hub)
URL_MESSAGE = "Registry URL must be a valid hostname or hostname:port (e.g. registry.example.com or localhost:5000)"
UPDATE_FIELDS = ("registryName", "imagePrefix", "username", "password", "registryUrl", "registryType")


def _valid_url(value):
    return value == "" or re.match(r"^[a-zA-Z0-9]([a-zA-Z0-9._-]*[a-zA-Z0-9])?(:\d{1,5})?$", value) is not None


def _check_url(inp):
    if "registryUrl" in inp and not _valid_url(inp["registryUrl"]):
        raise ValidationFailed([{"code": "custom", "path": ["registryUrl"], "message": URL_MESSAGE}])


def _docker_stderr(url):
    host = host_of(url) or "registry-1.docker.io"
    error = dns_error(host)
    return ('time="%s" level=info msg="Error logging in to endpoint, trying next endpoint" endpoint="{false https://%s '
            'false false false 0xc00015b0e0}" error="%s"\n%s\n' % (docker_time(), host, error.replace('"', '\\"'), error))


def _login(ctx, url, username, shell):
    """docker login; `shell` selects the message of services/registry.ts execAsync (create/update) [1163, 1173]
    or of the router's execFileAsync (testRegistry*) [1179]."""
    if not fails(ctx, "registry_login", url):
        return
    if shell:
        command = "printf %%s '***' | docker login '%s' -u '%s' --password-stdin" % (url, username)
        raise ApiError(400, "Command execution failed: Command failed: %s\n%s" % (command, _docker_stderr(url)))
    raise ApiError(400, "Command failed with code 1. Stderr: %s" % _docker_stderr(url))


def _get(state, registry_id):
    row = table(state, "registry").get(registry_id)
    if row is None:
        raise not_found("Registry")
    return row


def new_registry(state, organization_id, name, username, password, url, image_prefix=None, registry_type="cloud"):
    """A registry row as registry.create returns it [1161]; also used to seed fixtures."""
    row = {"registryId": nanoid(), "registryName": name, "imagePrefix": image_prefix, "username": username,
           "password": password, "registryUrl": url, "createdAt": now_iso(), "registryType": registry_type,
           "organizationId": organization_id}
    table(state, "registry")[row["registryId"]] = row
    return row


def without_password(row):
    """findRegistryById selects every column but the password [1169]."""
    out = public(row)
    out.pop("password", None)
    return out


@route("registry.create", nonoptional=("imagePrefix",))
def create(state, inp, ctx):
    _check_url(inp)
    _login(ctx, inp["registryUrl"], inp["username"], shell=True)
    row = new_registry(state, ctx.organization_id, inp["registryName"], inp["username"], inp["password"],
                       inp["registryUrl"], inp.get("imagePrefix"), inp["registryType"])
    return public(row)


@route("registry.all")
def all_(state, inp, ctx):
    return [public(r) for r in table(state, "registry").values()]  # heap order, password included [1168]


@route("registry.one")
def one(state, inp, ctx):
    return without_password(_get(state, inp["registryId"]))


@route("registry.update")
def update(state, inp, ctx):
    """`true` [1171]; partial; the login runs with the stored values after the update [1172, 1173]."""
    _check_url(inp)
    row = _get(state, inp["registryId"])
    changed = [f for f in UPDATE_FIELDS if f in inp]
    for field in changed:
        row[field] = inp[field]
    if changed:
        touch(table(state, "registry"), row["registryId"])
    _login(ctx, row["registryUrl"], row["username"], shell=True)
    return True


@route("registry.remove")
def remove(state, inp, ctx):
    """The deleted row, password included [1184]; the applications' registry columns become null (FK `set null`,
    schema/application.ts)."""
    row = _get(state, inp["registryId"])
    delete_row(state, "registry", row["registryId"])   # the `set null` keys of cascade.py
    return public(row)


@route("registry.testRegistry")
def test_registry(state, inp, ctx):
    _check_url(inp)
    _login(ctx, inp["registryUrl"], inp["username"], shell=False)
    return True


@route("registry.testRegistryById")
def test_registry_by_id(state, inp, ctx):
    """An unknown id is a 400 here: the router wraps its NOT_FOUND in BAD_REQUEST [1182]."""
    row = table(state, "registry").get(inp.get("registryId") or "")
    if row is None:
        raise ApiError(400, "Registry not found")
    _login(ctx, row["registryUrl"], row["username"], shell=False)
    return True
