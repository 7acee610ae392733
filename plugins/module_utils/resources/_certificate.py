# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Custom TLS certificates: organisation-wide, found in ``certificates.all`` by name.

Dokploy stores any text as a certificate or a key [1149], so both are checked as PEM before any request. Certificates
are compared by fingerprint (SHA-256 of each certificate's DER, the chain in order) and diffs show fingerprints, not
PEM text. Every read returns the private key in clear [1145, 1152, 1153, 1155]: it is compared after normalising its
lines, and masked in results and diffs (engine/_secrets.py: ``privateKey``). A create that fails in the database answers 500
with the SQL text, private key included [1151]: the client hides SQL parameters and redacts every no_log value.
``certificates.update`` takes only the name, the certificate and the key [1155]; the server is chosen on create.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import re
import ssl

from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._capabilities import require
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError, DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._lookup import find_named
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._resource import Field, Resource, Update, normalize
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._secrets import mask
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._registry import server_id
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._checks import check_name

CERTIFICATE_BLOCK = re.compile(r"-----BEGIN CERTIFICATE-----\s*[A-Za-z0-9+/=\s]+?-----END CERTIFICATE-----")
PRIVATE_KEY = re.compile(r"^-----BEGIN (RSA |EC )?PRIVATE KEY-----\s*[A-Za-z0-9+/=\s]+-----END \1?PRIVATE KEY-----$")


def fingerprints(pem):
    """SHA-256 fingerprints (hex, colon-separated) of the certificates of a PEM text, in order; None when it holds none
    or a block is not a certificate."""
    blocks = CERTIFICATE_BLOCK.findall(pem or "")
    if not blocks or CERTIFICATE_BLOCK.sub("", pem).strip():
        return None
    prints = []
    for block in blocks:
        try:
            der = ssl.PEM_cert_to_DER_cert(block)
        except ValueError:
            return None
        if not der or der[0:1] != b"\x30":   # a certificate is a DER SEQUENCE
            return None
        digest = hashlib.sha256(der).hexdigest().upper()
        prints.append(":".join(digest[i:i + 2] for i in range(0, len(digest), 2)))
    return prints


def key_lines(pem):
    """A key's text as compared: its lines without the whitespace around them."""
    return [line.strip() for line in (pem or "").strip().splitlines() if line.strip()]


class Certificate(Resource):
    kind = "certificate"
    id_field = "certificateId"
    create_procedure = "certificates.create"
    delete_procedure = "certificates.remove"
    fields = (Field("name"), Field("certificate", "certificateData", lambda pem: pem.strip() + "\n"),
              Field("private_key", "privateKey", lambda pem: pem.strip() + "\n"))
    updates = (Update("certificates.update", ["name", "certificateData", "privateKey"]),)   # partial [1155]

    @classmethod
    def argument_spec(cls):
        return dict(
            name=dict(type="str", required=True),
            certificate=dict(type="str"),
            private_key=dict(type="str", no_log=True),
            server=dict(type="str"),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        )

    @classmethod
    def validate(cls, params):
        check_name("name", params["name"])
        check_name("server", params["server"] or None)   # "" is the Dokploy host
        if params["certificate"] is not None and fingerprints(params["certificate"].strip()) is None:
            raise DokployParamError("certificate is not PEM: one or more -----BEGIN CERTIFICATE----- blocks (the "
                                    "certificate first, then its chain) and nothing else", option="certificate")
        key = params["private_key"]
        if key is not None and (not PRIVATE_KEY.match(key.strip()) or "ENCRYPTED" in key):
            raise DokployParamError("private_key is not an unencrypted PEM private key (-----BEGIN PRIVATE KEY-----, "
                                    "-----BEGIN RSA PRIVATE KEY----- or -----BEGIN EC PRIVATE KEY-----)",
                                    option="private_key")

    def find(self):
        return find_named(self.client.get("certificates.all"), "certificate", self.params["name"], "certificateId",
                          required=False)

    def server_id(self):
        return server_id(self.ctx, self.params["server"])

    def compare(self, current, desired):
        if self.params["server"] is not None:
            wanted = self.server_id()
            unknown = self.check_mode and self.params["server"] and wanted is None   # created by an earlier task
            if not unknown and wanted != current.get("serverId"):
                server = (current.get("server") or {}).get("name") or current.get("serverId")
                where = "server '%s'" % server if server else "the Dokploy host"
                raise DokployError("Certificate '%s' is on %s; Dokploy cannot move a certificate to another server: "
                                   "delete it and create it again there" % (current["name"], where))
        changes = super(Certificate, self).compare(current, desired)
        if changes:
            # certificates.update arrived in v0.29.0 (tables/_capabilities.py); an older server could only delete and recreate
            require(self.client.version(), "certificates.update", "changing certificate '%s'" % current["name"])
        return changes

    def normalize_field(self, field, value):
        if field == "certificateData" and value:
            return fingerprints(value.strip()) or value
        if field == "privateKey" and value:
            return key_lines(value)
        return normalize(value)

    def create_payload(self, desired):
        missing = [option for option in ("certificate", "private_key") if self.params[option] is None]
        if missing:
            raise DokployParamError("Creating certificate '%s' needs %s" % (self.params["name"], " and ".join(missing)),
                                    option=missing[0])
        payload = dict(desired, organizationId="")   # required, but Dokploy stores the caller's organization [1146]
        server_id = self.server_id()
        if server_id:
            payload["serverId"] = server_id
        return payload

    def result_object(self, obj):
        """The certificate, its key masked, with the fingerprints of its certificates."""
        shown = mask(obj)
        shown["fingerprints"] = fingerprints((obj.get("certificateData") or "").strip())
        return shown

    def _shown(self, field, value):
        """Diffs show a certificate by its fingerprints."""
        if field == "certificateData" and value:
            return fingerprints(value.strip()) or "(not a PEM certificate)"
        return super(Certificate, self)._shown(field, value)
