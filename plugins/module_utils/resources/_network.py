# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Docker networks that Dokploy manages: found by name in ``network.all`` of their server (the Dokploy host when
``serverId`` is left out).

Not recorded; shapes from Dokploy's source at v0.30.2 (apps/dokploy/server/api/routers/network.ts,
packages/server/src/services/network.ts, packages/server/src/db/schema/network.ts). ``network.create`` stores the
row and creates the Docker network in one transaction (a Docker failure stores nothing) and answers the row;
``network.remove`` removes both. There is no update: Docker cannot change a network's settings either, so a network
whose settings differ is removed and created again only when ``recreate`` says so. The router came with v0.29.14.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress

from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._capabilities import require
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import (
    DokployError,
    DokployNotFoundError,
    DokployParamError,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._lookup import DokployMissingError, pick_one
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._resource import Field, Resource
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._checks import check_name

# ipam_config suboption -> the key of an entry of the row's ipam.config
IPAM_KEYS = (("subnet", "subnet"), ("gateway", "gateway"), ("iprange", "ipRange"))
DERIVED = ("ipamDriver", "ipamConfig")
# network.create's defaults (schema/network.ts): what a recreated network keeps unless told otherwise
DEFAULTS = {"driver": "bridge", "internal": False, "attachable": False, "enableIPv4": True, "enableIPv6": False}


def canonical_entry(entry, keys=tuple((k, k) for dummy, k in IPAM_KEYS)):
    """An ipam.config entry with every key present, empty values as None."""
    return dict((api, (entry or {}).get(option) or None) for option, api in keys)


# The settings as compared: ipam is split into ipamDriver and ipamConfig (each entry with all three keys)
FIELDS = (Field("driver"), Field("internal"), Field("attachable"), Field("enable_ipv4", "enableIPv4"),
          Field("enable_ipv6", "enableIPv6"), Field("mtu"), Field("ipam_driver", "ipamDriver"),
          Field("ipam_config", "ipamConfig", lambda entries: [canonical_entry(e, IPAM_KEYS) for e in entries]))


def flatten(row):
    """The network row with its ipam split into the two compared fields."""
    ipam = row.get("ipam") or {}
    return dict(row, ipamDriver=ipam.get("driver") or None,
                ipamConfig=[canonical_entry(entry) for entry in ipam.get("config") or []])


def _network(value, option):
    try:
        return ipaddress.ip_network(value, strict=False)
    except ValueError:
        raise DokployParamError("%s '%s' is not a network in CIDR notation, for example 172.28.0.0/16 or fd00:1::/64"
                                % (option, value), option=option)


def check_ipam(params):
    """Dokploy's own rule (a gateway or an IP range needs a subnet), and what Docker refuses at create time."""
    for entry in params["ipam_config"] or []:
        if not entry["subnet"]:
            if entry["gateway"] or entry["iprange"]:
                raise DokployParamError("ipam_config: a gateway or an IP range needs a subnet", option="ipam_config")
            continue
        subnet = _network(entry["subnet"], "ipam_config.subnet")
        family = "enable_ipv6" if subnet.version == 6 else "enable_ipv4"
        if params[family] is False or (subnet.version == 6 and not params["enable_ipv6"]):
            raise DokployParamError("ipam_config: subnet %s is IPv%d, which needs %s: true"
                                    % (entry["subnet"], subnet.version, family), option="ipam_config")
        if entry["iprange"] and not _network(entry["iprange"], "ipam_config.iprange").subnet_of(subnet):
            raise DokployParamError("ipam_config: iprange %s is not inside subnet %s" % (entry["iprange"], subnet),
                                    option="ipam_config")
        if entry["gateway"]:
            try:
                inside = ipaddress.ip_address(entry["gateway"]) in subnet
            except ValueError:
                inside = False
            if not inside:
                raise DokployParamError("ipam_config: gateway %s is not an address inside subnet %s"
                                        % (entry["gateway"], subnet), option="ipam_config")


class Network(Resource):
    kind = "network"
    id_field = "networkId"
    create_procedure = "network.create"
    delete_procedure = "network.remove"
    fields = FIELDS

    @classmethod
    def argument_spec(cls):
        return dict(
            name=dict(type="str", required=True),
            server=dict(type="str"),
            driver=dict(type="str", choices=["bridge", "overlay"]),
            internal=dict(type="bool"),
            attachable=dict(type="bool"),
            enable_ipv4=dict(type="bool"),
            enable_ipv6=dict(type="bool"),
            mtu=dict(type="int"),
            ipam_driver=dict(type="str"),
            ipam_config=dict(type="list", elements="dict", options=dict(
                subnet=dict(type="str"), gateway=dict(type="str"), iprange=dict(type="str"))),
            recreate=dict(type="bool", default=False),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        )

    @classmethod
    def validate(cls, params):
        check_name("name", params["name"])
        check_name("server", params["server"])
        if params["mtu"] is not None and not 68 <= params["mtu"] <= 65535:
            raise DokployParamError("mtu must be between 68 and 65535, not %s" % params["mtu"], option="mtu")
        if params["enable_ipv4"] is False and not params["enable_ipv6"]:
            raise DokployParamError("enable_ipv4: false needs enable_ipv6: true (IPv4 or IPv6 must be enabled)",
                                    option="enable_ipv4")
        check_ipam(params)

    def __init__(self, ctx, params):
        super(Network, self).__init__(ctx, params)
        self.server_id = None

    def find(self):
        self.server_id = None
        if self.params["server"]:
            try:
                self.server_id = self.resolver.server(self.params["server"])["serverId"]
            except DokployMissingError as error:
                if self.params["state"] == "absent":
                    return None  # no such server, so no such network
                self.ctx.missing_parent(error, "server")
                return None
        try:
            networks = self.resolver.networks(self.server_id)
        except DokployNotFoundError:
            require(self.client.version(), "network", "dokploy_network")
            raise
        found = pick_one(networks, "network", self.params["name"], "networkId", id_option="a unique name")
        return flatten(found) if found else None

    def create_payload(self, desired):
        payload = dict((field, value) for field, value in desired.items() if field not in DERIVED)
        payload["name"] = self.params["name"]
        if desired.get("ipamDriver") or desired.get("ipamConfig"):
            payload["ipam"] = {"driver": desired.get("ipamDriver") or "default",
                               "config": [dict((k, v) for k, v in entry.items() if v) for entry in desired.get("ipamConfig") or []]}
        if self.server_id:
            payload["serverId"] = self.server_id
        return payload

    def created_object(self, response, payload):
        return flatten(super(Network, self).created_object(response, payload))

    def apply(self, current, changes, desired, created=False):
        """No update exists: different settings fail, or with ``recreate`` the network is removed and created again
        with the settings it had and the ones that changed."""
        if not changes:
            return dict(current)
        if not self.params["recreate"]:
            raise DokployError(
                "%s differs in %s, and neither Dokploy nor Docker can change a network; set recreate: true to remove "
                "and create it again (Docker refuses while containers use it), or choose another name"
                % (self.label(current), ", ".join("%s (%s, wanted %s)" % (field, old, new)
                                                  for field, (old, new) in sorted(changes.items()))))
        wanted = dict(DEFAULTS)
        wanted.update((field.api, current.get(field.api)) for field in FIELDS if current.get(field.api) is not None)
        wanted.update(desired)
        if self.check_mode:
            return dict(current, networkId=None, **wanted)
        # The engine's delete and create: an answer that was lost is looked for, never sent again.
        self.delete(current)
        self._written = {}
        return self.create_object(self.create_payload(wanted))

    def delete(self, current, exists=None):
        try:
            return super(Network, self).delete(current, exists)
        except DokployError as error:
            # Docker refuses a network a swarm service uses; Dokploy keeps the row and answers Docker's words, which name
            # the service by its Docker ID only (seen on a real v0.30.2).
            if "is in use by" not in error.message:
                raise
            error.message = ("%s is in use: %s. Take it off the networks of the services that use it (the networks "
                             "option of dokploy_application and dokploy_database) and deploy them, then remove it"
                             % (self.label(current), error.message.strip()))
            raise

    def result_object(self, obj):
        return super(Network, self).result_object(dict((k, v) for k, v in obj.items() if k not in DERIVED))

    def label(self, obj=None):
        return "network '%s'" % (obj or {}).get("name", self.params["name"])
