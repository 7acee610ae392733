# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""S3-compatible backup destinations: organisation-wide, found in ``destination.all`` by name.

Dokploy returns both S3 keys in clear everywhere (NOTES-resources.md "destination") and echoes the secret key in
rclone error messages; the keys are no_log options (the client redacts them from messages) and masked in results
and diffs (engine/_secrets.py). ``destination.remove`` silently deletes every backup and volume backup on the destination
[1259 -> 1260, 1261], so ``state: absent`` refuses while any uses it, unless ``force``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError, DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._kinds import services_of
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._lookup import DokployMissingError, find_named
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._checks import check_name
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._resource import Field, Resource, Update, VersionField

FIELDS = (Field("name"), Field("provider"), Field("endpoint"), Field("region"), Field("bucket"),
          Field("access_key", "accessKey"), Field("secret_key", "secretAccessKey"),
          Field("additional_flags", "additionalFlags"))
API_FIELDS = tuple(f.api for f in FIELDS)
REQUIRED_ON_CREATE = ("endpoint", "region", "bucket", "access_key", "secret_key")
# destination.create/update: each additional flag (openapi.json v0.30.2)
FLAG = re.compile(r"^--[a-zA-Z0-9-]+(=[a-zA-Z0-9._:/@-]+)?$")


def find_destination(ctx, name, required=True):
    """The destination named ``name`` from ``destination.all`` (one request); two of that name fail listing IDs."""
    return find_named(ctx.client.get("destination.all"), "backup destination", name, "destinationId", required=required)


def destination_id(ctx, name):
    """The ID of the destination named ``name``; in check mode a missing one may come from an earlier task."""
    try:
        return find_destination(ctx, name)["destinationId"]
    except DokployMissingError as error:
        ctx.missing_parent(error, "backup destination")
        return None


def destination_users(ctx, used_id):
    """"postgres database 'pg' (backup 'daily/')" for every backup and volume backup on the destination.

    Dokploy has no list by destination: the backups are nested in each database's and compose service's ``one``
    and in ``user.getBackups`` (the web server's), the volume backups listed per service. Only runs before a
    delete, which is worth the requests."""
    users = []
    for backup in (ctx.client.get("user.getBackups") or {}).get("backups") or []:
        if backup.get("destinationId") == used_id:
            users.append("the Dokploy web server (backup '%s')" % backup.get("prefix"))
    environments = [env for project in ctx.resolver.projects() for env in project.get("environments") or []]
    for kind, item, environment in services_of(environments):
        service_id = item[kind.id_field]
        name = item.get("name")
        if kind.name != "application":  # backups are nested in the row; project.all names no database
            row = ctx.client.get(kind.procedure("one"), {kind.id_field: service_id}) or {}
            name = row.get("name") or name
            users.extend("%s '%s' (backup '%s')" % (kind.noun, name, b.get("prefix"))
                         for b in row.get("backups") or [] if b.get("destinationId") == used_id)
        volume_backups = ctx.client.get("volumeBackups.list", {"id": service_id, "volumeBackupType": kind.name}) or []
        users.extend("%s '%s' (volume backup '%s')" % (kind.noun, name or service_id, v.get("name"))
                     for v in volume_backups if v.get("destinationId") == used_id)
    return users


class Destination(Resource):
    kind = "destination"
    id_field = "destinationId"
    create_procedure = "destination.create"
    delete_procedure = "destination.remove"
    fields = FIELDS
    # destination.update needs every field [1198]
    updates = (Update("destination.update", API_FIELDS, keep=API_FIELDS),)
    version_fields = (VersionField("additionalFlags", "destination.additionalFlags", option="additional_flags"),)

    @classmethod
    def argument_spec(cls):
        return dict(
            name=dict(type="str", required=True),
            provider=dict(type="str"),
            endpoint=dict(type="str"),
            region=dict(type="str"),
            bucket=dict(type="str"),
            access_key=dict(type="str", no_log=True),
            secret_key=dict(type="str", no_log=True),
            additional_flags=dict(type="list", elements="str"),
            force=dict(type="bool", default=False),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        )

    @classmethod
    def validate(cls, params):
        check_name("name", params["name"])
        for option in ("provider", "endpoint", "region", "bucket", "access_key", "secret_key"):
            if params[option] is not None and not params[option].strip():
                raise DokployParamError("%s must not be empty" % option, option=option)
        endpoint = params["endpoint"]
        if endpoint and not re.match(r"^https?://[^\s/]+", endpoint):
            raise DokployParamError("endpoint '%s' must be the S3 endpoint's URL, for example "
                                    "https://s3.eu-west-1.amazonaws.com" % endpoint, option="endpoint")
        if params["bucket"] and not re.match(r"^[A-Za-z0-9][A-Za-z0-9._-]*$", params["bucket"]):
            raise DokployParamError("bucket '%s' is not a bucket name: letters, digits, '.', '_' and '-' only (a path "
                                    "inside the bucket is a backup's prefix)" % params["bucket"], option="bucket")
        for flag in params["additional_flags"] or []:
            if not FLAG.match(flag):
                raise DokployParamError("additional_flags: '%s' is not an rclone flag Dokploy accepts (--name or "
                                        "--name=value)" % flag, option="additional_flags")

    def find(self):
        return find_destination(self.ctx, self.params["name"], required=False)

    def create_payload(self, desired):
        missing = [option for option in REQUIRED_ON_CREATE if self.params[option] is None]
        if missing:
            raise DokployParamError("Creating backup destination '%s' needs %s" % (self.params["name"], ", ".join(missing)),
                                    option=missing[0])
        payload = dict(desired)
        payload.setdefault("provider", None)
        payload.setdefault("additionalFlags", [])
        return payload

    def normalize_field(self, field, value):
        if field == "additionalFlags" and not value:
            return None
        return super(Destination, self).normalize_field(field, value)

    def check_delete(self, current):
        if self.params["force"]:
            return
        users = destination_users(self.ctx, current["destinationId"])
        if users:
            raise DokployError("Backup destination '%s' is used by %d backup(s): %s. Dokploy's destination.remove "
                               "deletes them with it, silently; delete or move them first, or set force: true to "
                               "delete them with the destination" % (current["name"], len(users), "; ".join(users)))

    def summary_keys(self):
        return [self.id_field, "name"]
