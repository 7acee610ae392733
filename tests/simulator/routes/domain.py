# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""domain router: create [376-392], one [393, 394, 401, 412], byApplicationId [395, 396], byComposeId [397],
update [398-400], toggleEnable [402], delete [409-411]."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ..cascade import delete_row
from ..registry import ApiError, not_found, route
from ..state import table
from ..validation import ValidationFailed
from ..util import nanoid, now_iso, public, touch


FIELDS = ("host", "path", "port", "customEntrypoint", "https", "certificateType", "customCertResolver", "serviceName",
          "domainType", "internalPath", "stripPath", "middlewares", "forwardAuthEnabled", "enabled")
HOST_MESSAGE = "Invalid domain name. Use only letters, numbers, hyphens and dots (e.g. example.com). Underscores are not allowed."
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
HOST = re.compile(r"^(?:\*\.)?%s(?:\.%s)*$" % (_LABEL, _LABEL))


def _check_host(inp):
    """The zod refine on host [383, 384] and the custom messages of host/port [385, 386]."""
    issues = []
    host = inp.get("host")
    if host == "":
        issues.append({"origin": "string", "code": "too_small", "minimum": 1, "inclusive": True, "path": ["host"],
                       "message": "Add a hostname"})
    elif host is not None and not HOST.match(host):
        issues.append({"code": "custom", "path": ["host"], "message": HOST_MESSAGE})
    if isinstance(inp.get("port"), (int, float)) and inp["port"] > 65535:
        issues.append({"origin": "number", "code": "too_big", "maximum": 65535, "inclusive": True, "path": ["port"],
                       "message": "Port must be 65535 or below"})
    if issues:
        raise ValidationFailed(issues)


def _get(state, domain_id):
    row = table(state, "domain").get(domain_id)
    if row is None:
        raise not_found("Domain")
    return row


def _with_parent(state, row):
    out = public(row)
    if row.get("applicationId"):
        app = table(state, "application").get(row["applicationId"]) or {}
        out["application"] = {"applicationId": row["applicationId"], "appName": app.get("appName"), "name": app.get("name")}
    elif row.get("composeId"):
        compose = table(state, "compose").get(row["composeId"]) or {}
        out["compose"] = {"composeId": row["composeId"], "appName": compose.get("appName"), "name": compose.get("name")}
    return out


@route("domain.create")
def create(state, inp, ctx):
    _check_host(inp)
    app_id = inp.get("applicationId")
    if app_id and app_id not in table(state, "application"):
        raise ApiError(400, 'Failed query: insert into "domain" ("domainId", "host", ...) values (...)\nparams: %s' % app_id)
    compose_id = inp.get("composeId")
    if compose_id and compose_id not in table(state, "compose"):
        raise ApiError(400, 'Failed query: insert into "domain" ("domainId", "host", ...) values (...)\nparams: %s' % compose_id)
    meta = state.setdefault("_meta", {})
    meta["uniqueConfigKey"] = meta.get("uniqueConfigKey", 0) + 1
    row = {"domainId": nanoid(), "host": inp["host"], "https": inp.get("https", False), "port": inp.get("port", 3000),
           "customEntrypoint": inp.get("customEntrypoint"), "path": inp.get("path") or "/",
           "serviceName": inp.get("serviceName"), "domainType": inp.get("domainType") or "application",
           "uniqueConfigKey": meta["uniqueConfigKey"], "createdAt": now_iso(), "composeId": compose_id,
           "customCertResolver": inp.get("customCertResolver"), "applicationId": app_id,
           "previewDeploymentId": inp.get("previewDeploymentId"), "certificateType": inp.get("certificateType", "none"),
           "internalPath": inp.get("internalPath") or "/", "stripPath": inp.get("stripPath", False),
           "middlewares": inp.get("middlewares") or [], "forwardAuthEnabled": inp.get("forwardAuthEnabled", False),
           "enabled": True}
    if inp.get("port") is None and "port" in inp:
        row["port"] = None
    table(state, "domain")[row["domainId"]] = row
    return public(row)


@route("domain.one")
def one(state, inp, ctx):
    return _with_parent(state, _get(state, inp["domainId"]))


@route("domain.byApplicationId")
def by_application_id(state, inp, ctx):
    return [_with_parent(state, r) for r in table(state, "domain").values() if r.get("applicationId") == inp["applicationId"]]


@route("domain.byComposeId")
def by_compose_id(state, inp, ctx):
    return [_with_parent(state, r) for r in table(state, "domain").values() if r.get("composeId") == inp["composeId"]]


@route("domain.update")
def update(state, inp, ctx):
    """host and domainId required [399]; unknown id 404 [400]; the updated row without relation [398]."""
    _check_host(inp)
    row = _get(state, inp["domainId"])
    for field in FIELDS:
        if field in inp:
            row[field] = inp[field]
    touch(table(state, "domain"), row["domainId"])
    return public(row)


@route("domain.toggleEnable")
def toggle_enable(state, inp, ctx):
    row = _get(state, inp["domainId"])
    row["enabled"] = not row.get("enabled", True)
    out = public(row)
    out["requiresRedeploy"] = bool(row.get("composeId"))
    return out


@route("domain.delete")
def delete(state, inp, ctx):
    row = _get(state, inp["domainId"])
    delete_row(state, "domain", row["domainId"])  # a preview's domain takes the preview (preview_deployments.domainId)
    return public(row)
