# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Volume backups (the volumeBackups router): a Docker volume of a service copied to a backup destination on a
schedule (NOTES-resources.md "volumeBackups").

A volume backup is identified by its name on its service and read from ``volumeBackups.list`` [1246]; its
destination is a name here and an ID there, so the destination is looked up too. Dokploy coerces ``turnOff``
(the strings "false" and "yes" are both stored as true [1242, 1243]): the option is a real boolean and is always
sent as one. ``volumeBackups.update`` needs the create fields again [1253].
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError, DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._cron import check_cron
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._resource import Field, Update
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._backup import check_keep_latest
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._child import Child
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._destination import destination_id
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._secrets import mask
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._checks import check_name
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._target import resolve_target

# volumeBackups.create's volumeName (openapi.json v0.30.2)
VOLUME_NAME = re.compile(r"^[a-zA-Z0-9][a-zA-Z0-9_.-]*$")
FIELDS = (Field("name"), Field("volume_name", "volumeName"), Field("prefix"),
          Field("cron_expression", "cronExpression"), Field("keep_latest", "keepLatestCount"),
          Field("turn_off", "turnOff"), Field("enabled"), Field("service_name", "serviceName"))
REQUIRED = ("name", "volumeName", "prefix", "cronExpression", "destinationId")   # by create and update [1240, 1253]
REQUIRED_OPTIONS = ("volume_name", "prefix", "cron_expression", "destination")
# the service relations each list item carries [1246]
RELATIONS = ("application", "postgres", "mysql", "mariadb", "mongo", "redis", "compose", "libsql")


class VolumeBackup(Child):
    kind = "volume_backup"
    section = "volume_backups"
    unnested = "volumeBackups"
    export_defaults = {"turnOff": False}
    id_field = "volumeBackupId"
    create_procedure = "volumeBackups.create"
    delete_procedure = "volumeBackups.delete"
    identity = ("name",)
    fields = FIELDS
    updates = (Update("volumeBackups.update", [f.api for f in FIELDS] + ["destinationId"], keep=REQUIRED),)
    module_kwargs = Child.target_kwargs()

    @classmethod
    def argument_spec(cls):
        spec = cls.target_spec()
        spec.update(
            name=dict(type="str", required=True),
            volume_name=dict(type="str"),
            destination=dict(type="str"),
            prefix=dict(type="str"),
            cron_expression=dict(type="str"),
            keep_latest=dict(type="int"),
            turn_off=dict(type="bool"),
            enabled=dict(type="bool"),
            service_name=dict(type="str"),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        )
        return spec

    @classmethod
    def validate(cls, params):
        super(VolumeBackup, cls).validate(params)
        for option in ("name", "destination", "prefix"):
            check_name(option, params[option])
        check_cron("cron_expression", params["cron_expression"])
        volume = params["volume_name"]
        if volume is not None and not VOLUME_NAME.match(volume):
            raise DokployParamError("volume_name '%s' is not a Docker volume name: a letter or digit, then letters, "
                                    "digits, '_', '.' or '-'" % volume, option="volume_name")
        check_keep_latest(params)
        if params["service_name"] is not None and not (params.get("compose") is not None or params.get("compose_id")):
            raise DokployParamError("service_name is only for compose volume backups (the service of the stack "
                                    "turn_off stops)", option="service_name")

    def __init__(self, ctx, params):
        super(VolumeBackup, self).__init__(ctx, params)
        self._destination_id = None

    @classmethod
    def exported(cls, exporter, kind, child, where):
        item = super(VolumeBackup, cls).exported(exporter, kind, child, where)
        item["destination"] = exporter.destination_name(child.get("destinationId"))   # its list row has only the ID
        if kind.name != "compose":
            item.pop("service_name", None)
        return item

    def find(self):
        """The volume backup named ``name`` in ``volumeBackups.list`` of the service (not nested in its row)."""
        self.target = resolve_target(self.ctx, self.params, self.target_kinds, required=self.params["state"] != "absent")
        if self.target is None or self.target.pending:
            return None
        rows = self.client.get("volumeBackups.list", {"id": self.target.id, "volumeBackupType": self.target.kind.name})
        matches = [row for row in rows or [] if row.get("name") == self.params["name"]]
        if len(matches) > 1:
            raise DokployError("%d volume backups of %s are named '%s' (IDs: %s); Dokploy does not keep them unique: "
                               "delete the duplicates" % (len(matches), self.target.describe(), self.params["name"],
                                                          ", ".join(m["volumeBackupId"] for m in matches)))
        return dict((k, v) for k, v in matches[0].items() if k not in RELATIONS) if matches else None

    def desired(self, current):
        desired = super(VolumeBackup, self).desired(current)
        if self.params["destination"] is not None:
            if self._destination_id is None:
                self._destination_id = destination_id(self.ctx, self.params["destination"])
            desired["destinationId"] = self._destination_id
        return desired

    def create_payload(self, desired):
        missing = [option for option in REQUIRED_OPTIONS if self.params[option] is None]
        if missing:
            raise DokployParamError("Creating volume backup '%s' needs %s" % (self.params["name"], ", ".join(missing)),
                                    option=missing[0])
        payload = dict(desired, serviceType=self.target.kind.name)
        payload[self.target.kind.id_field] = self.target.id
        payload.setdefault("turnOff", False)   # a real boolean: Dokploy coerces strings to true
        return payload

    def result_object(self, obj):
        return mask(obj)

    def label(self, obj=None):
        return "volume backup '%s'" % self.params["name"]

    def summary_keys(self):
        return [self.id_field, "name", "volumeName"]
