# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Mounts (bind, volume, file) of an application, a compose service or a database.

mounts.create takes every field and answers the row [1009]; mounts.update is partial and answers the row as it
was *before* the update [1033 -> 1034] (NOTES-resources.md "mounts"), so what was sent is the new state.
Each ``<kind>.one`` nests its mounts [1044, 1045]; a postgres database also lists its default data volume [1026].
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._resource import Field, Update
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._child import Child
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._checks import check_name

TYPE_FIELDS = (Field("host_path", "hostPath"), Field("volume_name", "volumeName"), Field("file_path", "filePath"),
               Field("content"))
FIELDS = (Field("mount_path", "mountPath"), Field("type")) + TYPE_FIELDS
# The options each type uses; Dokploy stores the others but ignores them (a type change keeps them [1038]).
TYPE_OPTIONS = {"bind": ("host_path",), "volume": ("volume_name",), "file": ("content", "file_path")}
# Docker's rule for volume names (RestrictedNamePattern).
VOLUME_NAME = re.compile(r"^[a-zA-Z0-9][a-zA-Z0-9_.-]+$")


def is_compose(params):
    return bool(params.get("compose") or params.get("compose_id"))


def check_mount(params):
    """Everything about a mount that is known before any request."""
    for option in ("mount_path", "host_path", "volume_name", "file_path"):
        check_name(option, params[option])
    identity = "file_path" if is_compose(params) else "mount_path"
    if params[identity] is None:
        raise DokployParamError("a mount of %s is named by %s: it is required" % (
            "a compose service" if identity == "file_path" else "an application or a database", identity), option=identity)
    kind = params["type"]
    if params["state"] == "absent" or kind is None:  # only the identity names a mount to delete, whatever Dokploy stored
        return
    if is_compose(params) and kind != "file":
        # Deploying a compose service writes its file mounts only (utils/builders/compose.ts); the UI offers no other.
        raise DokployParamError("a compose service takes file mounts only (its compose file declares its volumes), not "
                                "%s mounts" % kind, option="type")
    if params["mount_path"] is not None and not params["mount_path"].startswith("/"):
        raise DokployParamError("mount_path must be an absolute path inside the container, not '%s'" % params["mount_path"],
                                option="mount_path")
    for option in sorted(set(f.option for f in TYPE_FIELDS) - set(TYPE_OPTIONS[kind])):
        if params[option] is not None:
            raise DokployParamError("%s is not for %s mounts (%s mounts take %s)"
                                    % (option, kind, kind, " and ".join(TYPE_OPTIONS[kind])), option=option)
    for option in TYPE_OPTIONS[kind]:
        if params[option] is None:
            raise DokployParamError("a %s mount needs %s" % (kind, option), option=option)
    if kind == "bind" and not params["host_path"].startswith("/"):
        raise DokployParamError("host_path must be an absolute path on the server, not '%s'" % params["host_path"],
                                option="host_path")
    if kind == "volume" and not VOLUME_NAME.match(params["volume_name"]):
        raise DokployParamError("volume_name '%s' is not a Docker volume name: letters, digits, '_', '.' and '-', at least "
                                "two characters, starting with a letter or digit" % params["volume_name"], option="volume_name")
    if kind == "file":
        # Dokploy writes the file at <service files directory>/<file_path> (services/mount.ts createFile).
        path = params["file_path"]
        if path.startswith("/") or path.endswith("/") or ".." in path.split("/"):
            raise DokployParamError("file_path is a file name relative to the service's files directory, for example "
                                    "config/app.ini (no leading or trailing '/', no '..'), not '%s'" % path, option="file_path")


class Mount(Child):
    kind = "mount"
    section = "mounts"
    id_field = "mountId"
    create_procedure = "mounts.create"
    delete_procedure = "mounts.remove"
    nested_key = "mounts"
    identity = ("mountPath",)
    fields = FIELDS
    updates = (Update("mounts.update", [f.api for f in FIELDS]),)
    module_kwargs = Child.target_kwargs(required_if=[("state", "present", ("type",))])

    @classmethod
    def argument_spec(cls):
        spec = cls.target_spec()
        spec.update(
            mount_path=dict(type="str"),
            type=dict(type="str", choices=["bind", "volume", "file"]),
            host_path=dict(type="str"),
            volume_name=dict(type="str"),
            file_path=dict(type="str"),
            content=dict(type="str"),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        )
        return spec

    @classmethod
    def validate(cls, params):
        super(Mount, cls).validate(params)
        check_mount(params)

    @classmethod
    def identity_of(cls, params):
        # Dokploy's UI gives every file mount of a compose service the mount path "/" (add-volumes.tsx) and the
        # compose file refers to its file_path: there, file_path names the mount.
        if is_compose(params):
            return {"filePath": params.get("file_path")}
        return super(Mount, cls).identity_of(params)

    @classmethod
    def made_by_dokploy(cls, child, row):
        """A postgres database's data volume ``<appName>-data`` (NOTES-resources.md "mounts" [1026])."""
        return child.get("type") == "volume" and child.get("volumeName") == "%s-data" % row.get("appName")

    @classmethod
    def export_fields(cls, kind, child):
        kept = set(TYPE_OPTIONS.get(child.get("type"), ()))
        return [f for f in super(Mount, cls).export_fields(kind, child) if f not in TYPE_FIELDS or f.option in kept]

    def target_payload(self):
        return {"serviceType": self.target.kind.name, "serviceId": self.target.id}

    def summary_keys(self):
        return [self.id_field, "mountPath", "filePath"]

    def create_payload(self, desired):
        payload = super(Mount, self).create_payload(desired)
        payload.setdefault("mountPath", "/")  # required by mounts.create; what the UI sends for a compose file mount
        return payload

    def apply(self, current, changes, desired, created=False):
        after = super(Mount, self).apply(current, changes, desired, created)
        # mounts.update answers the row as it was before the update [1033]: what was sent is the new state.
        after = dict((key, value) for key, value in after.items() if key in current)
        after.update((field, new) for field, (old, new) in changes.items())
        return after
