# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Published ports of an application (Docker swarm's published ports).

port.create answers the row [1049]; port.update needs every field and answers the new row [1062, 1063];
application.one nests the ports [1065] (NOTES-resources.md "port"). Dokploy checks no range: 70000 is stored [1058].
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._resource import Field, Update
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._child import Child
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._target import target_module_kwargs

KINDS = ("application",)
FIELDS = (Field("published_port", "publishedPort"), Field("protocol"), Field("target_port", "targetPort"),
          Field("publish_mode", "publishMode"))
ALL = [f.api for f in FIELDS]


class Port(Child):
    kind = "port"
    section = "ports"
    export_defaults = {"protocol": "tcp", "publishMode": "ingress"}
    id_field = "portId"
    create_procedure = "port.create"
    delete_procedure = "port.delete"
    target_kinds = KINDS
    nested_key = "ports"
    identity = ("publishedPort", "protocol")
    fields = FIELDS
    updates = (Update("port.update", ALL, keep=ALL),)
    module_kwargs = dict(target_module_kwargs(KINDS), required_if=[("state", "present", ("target_port",))])

    @classmethod
    def argument_spec(cls):
        spec = cls.target_spec()
        spec.update(
            published_port=dict(type="int", required=True),
            protocol=dict(type="str", choices=["tcp", "udp"], default="tcp"),
            target_port=dict(type="int"),
            publish_mode=dict(type="str", choices=["ingress", "host"]),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        )
        return spec

    @classmethod
    def validate(cls, params):
        super(Port, cls).validate(params)
        if params["state"] == "absent":
            return  # a port Dokploy stored out of range [1058] can still be deleted
        for option in ("published_port", "target_port"):
            if params[option] is not None and not 1 <= params[option] <= 65535:
                raise DokployParamError("%s must be between 1 and 65535, not %d" % (option, params[option]), option=option)

    def desired(self, current):
        # Dokploy hands an application's endpoint spec (endpointSpecSwarm, dokploy_application endpoint_mode) to Docker
        # in place of its port rows (mechanizeDockerContainer, packages/server/src/utils/builders/index.ts, v0.30.2):
        # while it is set, a new port would be stored and never published.
        spec = (self.target.row or {}).get("endpointSpecSwarm") if self.target is not None else None
        if spec:
            message = ("%s has an endpoint spec (endpoint mode %s), and Dokploy publishes none of its ports (dokploy_port) "
                       "while it has one; set endpoint_mode: vip on the application (dokploy_application) to publish "
                       "them" % (self.target.describe(), spec.get("Mode") or "vip"))
            if current is None:
                raise DokployParamError(message, option="published_port")
            self.ctx.warn(message)
        return super(Port, self).desired(current)
