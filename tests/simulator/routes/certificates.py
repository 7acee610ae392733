# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""certificates router [1144-1159, 1287, 1288, 1299]: custom TLS certificates of the organization.

The contents are not validated (any non-empty text is stored [1149]); the row keeps the private key in clear and
every read returns it [1145, 1152, 1153, 1155]. A certificate is removed with its server (FK cascade, server.py).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ..registry import ApiError, not_found, route
from ..state import table
from ..util import generate_app_name, nanoid, public, touch

COLUMNS = ("certificateId", "name", "certificateData", "privateKey", "certificatePath", "autoRenew", "organizationId",
           "serverId")


def _get(state, certificate_id):
    row = table(state, "certificate").get(certificate_id)
    if row is None:
        raise not_found("Certificate")
    return row


def _js_param(value):
    """How Array.prototype.join prints a query parameter."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _failed_insert(values):
    """drizzle's error for a rejected insert, as the 500 of an unknown serverId shows it, private key included [1151]."""
    placeholders, params = [], []
    for column in COLUMNS:
        if column in values:
            params.append(_js_param(values[column]))
            placeholders.append("$%d" % len(params))
        else:
            placeholders.append("default")
    quoted = ", ".join('"%s"' % c for c in COLUMNS)
    return ('Failed query: insert into "certificate" (%s) values (%s) returning %s\nparams: %s'
            % (quoted, ", ".join(placeholders), quoted, ",".join(params)))


@route("certificates.create")
def create(state, inp, ctx):
    """The row [1145]; `organizationId` is required but the caller's is stored [1146]; autoRenew null when not sent [1149]."""
    values = {"certificateId": nanoid(), "name": inp["name"], "certificateData": inp["certificateData"],
              "privateKey": inp["privateKey"], "certificatePath": generate_app_name("certificate")}
    if "autoRenew" in inp:
        values["autoRenew"] = inp["autoRenew"]
    values["organizationId"] = ctx.organization_id
    if "serverId" in inp:
        values["serverId"] = inp["serverId"]
    if inp.get("serverId") and inp["serverId"] not in table(state, "server"):
        raise ApiError(500, _failed_insert(values))
    row = dict((column, values.get(column)) for column in COLUMNS)
    table(state, "certificate")[row["certificateId"]] = row
    return public(row)


@route("certificates.all")
def all_(state, inp, ctx):
    """Heap order, each with its `server` row (or null) [1152]."""
    out = []
    for row in table(state, "certificate").values():
        item = public(row)
        server = table(state, "server").get(row.get("serverId")) if row.get("serverId") else None
        item["server"] = public(server) if server else None
        out.append(item)
    return out


@route("certificates.one")
def one(state, inp, ctx):
    return public(_get(state, inp["certificateId"]))


@route("certificates.update")
def update(state, inp, ctx):
    """Partial (name, certificateData, privateKey); the updated row [1155]."""
    row = _get(state, inp["certificateId"])
    for field in ("name", "certificateData", "privateKey"):
        if field in inp:
            row[field] = inp[field]
    touch(table(state, "certificate"), row["certificateId"])
    return public(row)


@route("certificates.remove")
def remove(state, inp, ctx):
    """`true` [1158, 1287]; 404 the second time [1288]."""
    row = _get(state, inp["certificateId"])
    del table(state, "certificate")[row["certificateId"]]
    return True
