# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Container registries: organisation-wide, found in ``registry.all`` by name (``registryName``).

``registry.all`` returns the password in clear [1168] (``registry.one`` omits it [1169]), so a password is compared
like any field; ``update_password: on_create`` leaves a stored one alone. ``registry.create`` and ``registry.update``
run ``docker login`` on the Dokploy host, or on ``serverId`` when it is sent (services/registry.ts, v0.30.2). A failed
login stores nothing on create [1163, 1168] but keeps the new values on update [1173, 1174]: both are said plainly.
``serverId`` only chooses where the login runs; Dokploy stores no server with a registry, so it is never compared.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError, DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._lookup import DokployMissingError, find_named
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._resource import Field, Resource, Update
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._checks import check_name

FIELDS = (Field("name", "registryName"), Field("url", "registryUrl"), Field("username"), Field("password"),
          Field("image_prefix", "imagePrefix"))
REQUIRED_ON_CREATE = ("url", "username", "password")
# schema/registry.ts registryUrlSchema (v0.30.2): hostname[:port], or "" for Docker Hub
REGISTRY_URL = re.compile(r"^[a-zA-Z0-9]([a-zA-Z0-9._-]*[a-zA-Z0-9])?(:\d{1,5})?$")


def find_registry(ctx, name, required=True, registries=None):
    """The registry named ``name`` from ``registry.all`` (one request, none when ``registries`` is that list already);
    two of that name fail listing their IDs."""
    if registries is None:
        registries = ctx.client.get("registry.all") or []
    return find_named(registries, "registry", name, "registryId", required=required, name_field="registryName")


def registry_ids(ctx, wanted):
    """The IDs of the registries ``wanted``: ``[(name, the registry row the service holds now or None)]``. A name
    that is the held registry's costs no request, "" clears (None), the others come from one ``registry.all``; in
    check mode a missing one may come from an earlier task."""
    ids = [held.get("registryId") if name and held and name in (held.get("registryName"), held.get("registryId"))
           else None for name, held in wanted]
    lookup = [i for i, (name, held) in enumerate(wanted) if name and ids[i] is None]
    registries = (ctx.client.get("registry.all") or []) if lookup else []
    known = set(r.get("registryId") for r in registries)
    for i in lookup:
        if wanted[i][0] in known:   # named by its ID
            ids[i] = wanted[i][0]
            continue
        try:
            ids[i] = find_registry(ctx, wanted[i][0], registries=registries)["registryId"]
        except DokployMissingError as error:
            ctx.missing_parent(error, "registry")
    return ids


def server_id(ctx, name):
    """The ID of the remote server named ``name`` (or with that ID) that a registry logs in on or a certificate is
    served by; None for "" or None (the Dokploy host); in check mode a missing one may come from an earlier task."""
    if not name:
        return None
    try:
        return ctx.resolver.server(name)["serverId"]
    except DokployMissingError as error:
        ctx.missing_parent(error, "server")
        return None


def login_failed(error):
    """Whether Dokploy's answer is the failure of its ``docker login`` [1163, 1173]."""
    return error.status == 400 and "docker login" in (error.message or "")


class Registry(Resource):
    kind = "registry"
    id_field = "registryId"
    create_procedure = "registry.create"
    delete_procedure = "registry.remove"
    fields = FIELDS
    updates = (Update("registry.update", [f.api for f in FIELDS]),)   # partial [1171, 1172]

    @classmethod
    def argument_spec(cls):
        return dict(
            name=dict(type="str", required=True),
            url=dict(type="str"),
            username=dict(type="str"),
            password=dict(type="str", no_log=True),
            update_password=dict(type="str", choices=["always", "on_create"], default="always", no_log=False),
            image_prefix=dict(type="str"),
            server=dict(type="str"),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        )

    @classmethod
    def validate(cls, params):
        check_name("name", params["name"])
        for option in ("username", "password"):
            if params[option] is not None and not params[option].strip():
                raise DokployParamError("%s must not be empty" % option, option=option)
        url = params["url"]
        if url is not None and not REGISTRY_URL.match(url):
            raise DokployParamError("url '%s' must be the registry's host name, with a port if needed and without "
                                    "https:// or a path, for example registry.example.com or localhost:5000 (\"\" is "
                                    "Docker Hub)" % url, option="url")
        check_name("server", params["server"])

    def find(self):
        return find_registry(self.ctx, self.params["name"], required=False)

    def desired(self, current):
        desired = super(Registry, self).desired(current)
        if current is not None and self.params["update_password"] == "on_create":
            desired.pop("password", None)
        return desired

    def server_id(self):
        """The server where Dokploy runs ``docker login`` (None: the Dokploy host); sent, never stored."""
        return server_id(self.ctx, self.params["server"])

    def create_payload(self, desired):
        missing = [option for option in REQUIRED_ON_CREATE if self.params[option] is None]
        if missing:
            raise DokployParamError("Creating registry '%s' needs %s" % (self.params["name"], ", ".join(missing)),
                                    option=missing[0])
        payload = dict(desired, registryType="cloud")   # the only type registry.create takes [1166]
        payload.setdefault("imagePrefix", None)          # required, may be null [1162]
        server_id = self.server_id()
        if server_id:
            payload["serverId"] = server_id
        return payload

    def create(self, desired):
        try:
            return super(Registry, self).create(desired)
        except DokployError as error:
            if not login_failed(error):
                raise
            raise DokployError("Dokploy's docker login to %s failed, so Dokploy stored no registry '%s': %s"
                               % (self.params["url"] or "Docker Hub", self.params["name"], error.message),
                               status=error.status, code=error.code, procedure=error.procedure,
                               result={"changed": False, self.kind: {}})

    def plan(self, current, changes, desired, created=False):
        writes = super(Registry, self).plan(current, changes, desired, created)
        server_id = self.server_id() if writes else None
        for update, body in writes:
            if server_id:
                body["serverId"] = server_id
        return writes

    def apply(self, current, changes, desired, created=False):
        try:
            return super(Registry, self).apply(current, changes, desired, created)
        except DokployError as error:
            if not login_failed(error):
                raise
            after = dict(current)
            after.update(dict((field, new) for field, (old, new) in changes.items()))
            self._written = after
            raise DokployError("Dokploy STORED the new values of registry '%s' (%s), but its docker login with them "
                               "failed, so pulls and pushes through it will fail until the values are fixed: %s"
                               % (self.params["name"], ", ".join(sorted(changes)), error.message),
                               status=error.status, code=error.code, procedure=error.procedure)

    def summary_keys(self):
        return [self.id_field, "registryName"]
