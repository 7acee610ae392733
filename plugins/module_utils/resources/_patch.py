# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""File patches of an application's or compose service's repository (Dokploy v0.28.0 and newer).

Read in Dokploy's source (v0.30.2, unchanged since v0.28.0; no exchange was recorded): the patch router
(apps/dokploy/server/api/routers/patch.ts), its schema (packages/server/src/db/schema/patch.ts) and service
(packages/server/src/services/patch.ts). A patch is one file of the cloned repository written (``create``,
``update``) or removed (``delete``) before each build, when enabled. ``<kind>.one`` does not nest them:
patch.byEntityId lists those of a service. The table keeps one patch per file path and service (a unique
constraint), so the path is the identity. patch.create always stores ``enabled: true`` (createPatch overrides it)
and stores the content as sent; patch.update takes every field as optional and appends a newline to a non-empty
content that has none, so contents compare with that newline added.

In dokploy_stack a service lists its patches under ``patches:`` (the options of this module without those naming
the service); they are listed once per service and run (``patches_of``), also for the export (dokploy_stack_info),
which leaves out what Dokploy sets on a new patch (``type: update``, ``enabled: true``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._capabilities import require
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployNotFoundError, DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._resource import Field, Update, normalize
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._child import Child
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._checks import check_name
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._target import resolve_target, target_module_kwargs

KINDS = ("application", "compose")
FIELDS = (Field("path", "filePath"), Field("content"), Field("type"), Field("enabled"))


def comparable_content(value):
    """The content as Dokploy keeps it after patch.update: a non-empty text ends with a newline."""
    if value and not value.endswith("\n"):
        return value + "\n"
    return normalize(value)


def patches_of(ctx, kind, service_id, fresh=False, required=False):
    """The patches of a service (``patch.byEntityId``), read once per service and run (``fresh``: read again).

    A server without the patch router (Dokploy before v0.28.0) answers 404: no patches to list there, or, when
    ``required`` (a patch is declared), the error saying which version brought them."""
    cache = ctx.__dict__.setdefault("patch_lists", {})
    key = (kind, service_id)
    if cache.get("no router") and not required:
        return []
    if fresh or key not in cache:
        try:
            cache[key] = ctx.client.get("patch.byEntityId", {"id": service_id, "type": kind}) or []
        except DokployNotFoundError:
            if required:
                require(ctx.client.version(), "patch", "dokploy_patch")
                raise
            cache["no router"] = True  # one 404 tells for the whole run
            cache[key] = []
    return cache[key]


class Patch(Child):
    kind = "patch"
    id_field = "patchId"
    create_procedure = "patch.create"
    delete_procedure = "patch.delete"
    target_kinds = KINDS
    identity = ("filePath",)
    fields = FIELDS
    updates = (Update("patch.update", ["content", "type", "enabled"]),)
    section = "patches"
    # what patch.create stores (createPatch: enabled true; the type the module defaults to)
    export_defaults = {"type": "update", "enabled": True}
    module_kwargs = target_module_kwargs(KINDS)

    @classmethod
    def version_needs(cls, params):
        # the patch router came with v0.28.0: a whole project refuses a declared patch before its first write
        needs = super(Patch, cls).version_needs(params)
        return needs + ([("patch", "dokploy_patch")] if params.get("state") != "absent" else [])

    @classmethod
    def argument_spec(cls):
        spec = cls.target_spec()
        spec.update(
            path=dict(type="str", required=True),
            content=dict(type="str"),
            type=dict(type="str", choices=["create", "update", "delete"], default="update"),
            enabled=dict(type="bool"),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        )
        return spec

    @classmethod
    def validate(cls, params):
        super(Patch, cls).validate(params)
        check_name("path", params["path"])
        path = params["path"]
        # Dokploy joins the path to the repository's directory (path.join) and writes there: an absolute path or
        # one that climbs out would write outside the clone.
        if path.startswith("/") or ".." in path.replace("\\", "/").split("/"):
            raise DokployParamError("path '%s' must be relative to the repository's root, without '..'" % path,
                                    option="path")
        if params["state"] != "present":
            return
        if params["type"] == "delete":
            if params["content"]:
                raise DokployParamError("content cannot be set with type=delete: the patch removes the file",
                                        option="content")
        elif params["content"] is None:
            raise DokployParamError("content is required with type=%s and state=present" % params["type"],
                                    option="content")

    @classmethod
    def comparable(cls, field, value):
        if field == "content":
            return comparable_content(value)
        return normalize(value)

    def desired(self, current):
        desired = super(Patch, self).desired(current)
        if self.params["type"] == "delete":
            desired["content"] = ""  # what markFileForDeletion stores
        return desired

    def find(self):
        self.target = resolve_target(self.ctx, self.params, self.target_kinds, required=self.params["state"] != "absent")
        if self.target is None or self.target.pending:
            return None
        for row in patches_of(self.ctx, self.target.kind.name, self.target.id, required=True):
            if row.get("filePath") == self.params["path"]:
                return dict(row)
        return None

    @classmethod
    def listed(cls, ctx, kind, row, fresh=False):
        return patches_of(ctx, kind.name, row[kind.id_field], fresh=fresh)

    def create_payload(self, desired):
        payload = super(Patch, self).create_payload(desired)
        payload.pop("enabled", None)  # createPatch stores true whatever is sent; a false is a patch.update after
        return payload
