# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Zod-like validation of procedure input against the request schemas of openapi.json."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import json
import math
import os
import re
import threading

DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
OPENAPI_FILE = os.path.join(DATA_DIR, "openapi-v0.30.2.json")

# zod custom messages attached to some patterns (copied from recordings).
PATTERN_MESSAGES = {
    "^[a-zA-Z0-9._-]+$": "App name can only contain letters, numbers, dots, underscores and hyphens",
    "^--[a-zA-Z0-9-]+(=[a-zA-Z0-9._:/@-]+)?$": "Invalid flag format. Must start with -- (e.g. --s3-sign-accept-encoding=false)",
    "^[a-zA-Z0-9][a-zA-Z0-9_.-]*$": "Volume name must start with a letter or number and contain only letters, numbers, dots, underscores and hyphens",
}

_lock = threading.Lock()
_cache = {}


class ValidationFailed(Exception):
    def __init__(self, issues):
        super(ValidationFailed, self).__init__("Input validation failed")
        self.issues = issues


def load_openapi():
    with _lock:
        if "doc" not in _cache:
            with open(OPENAPI_FILE, "r", encoding="utf-8") as f:
                _cache["doc"] = json.load(f)
        return _cache["doc"]


def procedures():
    """{"router.proc": {"method": "GET"|"POST", "schema": <object schema>}} for every OpenAPI operation."""
    with _lock:
        cached = _cache.get("procs")
    if cached is not None:
        return cached
    doc = load_openapi()
    procs = {}
    for path, ops in doc.get("paths", {}).items():
        name = path.lstrip("/")
        for method, op in ops.items():
            method = method.upper()
            if method == "GET":
                props = {}
                required = []
                for param in op.get("parameters", []):
                    if param.get("in") != "query":
                        continue
                    props[param["name"]] = param.get("schema", {})
                    if param.get("required"):
                        required.append(param["name"])
                schema = {"type": "object", "properties": props, "required": required}
            else:
                content = op.get("requestBody", {}).get("content", {})
                media = content.get("application/json") or next(iter(content.values()), {})
                schema = media.get("schema", {"type": "object", "properties": {}})
            procs[name] = {"method": method, "schema": schema}
    with _lock:
        _cache["procs"] = procs
    return procs


def _resolve(schema):
    ref = schema.get("$ref") if isinstance(schema, dict) else None
    if not ref:
        return schema
    node = load_openapi()
    for part in ref.lstrip("#/").split("/"):
        node = node.get(part, {})
    return node


def _unwrap(schema):
    """(base schema, nullable) after flattening anyOf[..., null]."""
    schema = _resolve(schema or {})
    nullable = False
    while "anyOf" in schema:
        options = [_resolve(o) for o in schema["anyOf"]]
        non_null = [o for o in options if o.get("type") != "null"]
        if len(non_null) != len(options):
            nullable = True
        if len(non_null) == 1:
            schema = non_null[0]
        else:
            break
    if schema.get("nullable"):
        nullable = True
    return schema, nullable


def js_type(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "NaN" if isinstance(value, float) and math.isnan(value) else "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def js_number(value):
    """JavaScript Number(value)."""
    if value is None:
        return 0
    if isinstance(value, bool):
        return 1 if value else 0
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str):
        text = value.strip()
        if text == "":
            return 0
        try:
            if re.match(r"^[+-]?\d+$", text):
                return int(text)
            if text.lower().startswith("0x"):
                return int(text, 16)
            result = float(text)
            if math.isinf(result) and text.lower().lstrip("+-") != "infinity":
                return float("nan")
            return int(result) if result.is_integer() and "e" not in text.lower() and "." not in text else result
        except ValueError:
            return float("nan")
    if isinstance(value, list):
        if not value:
            return 0
        if len(value) == 1:
            return js_number(value[0] if not isinstance(value[0], str) else value[0])
    return float("nan")


def js_boolean(value):
    """JavaScript Boolean(value)."""
    if value is None or value is False:
        return False
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return not (value == 0 or (isinstance(value, float) and math.isnan(value)))
    if isinstance(value, str):
        return value != ""
    return True


def _fmt_num(n):
    if isinstance(n, float) and n.is_integer():
        return str(int(n))
    return str(n)


def _missing_issue(schema, path, nonoptional):
    base, nullable = _unwrap(schema)
    if nonoptional or nullable:
        return {"code": "invalid_type", "expected": "nonoptional", "path": path,
                "message": "Invalid input: expected nonoptional, received undefined"}
    if "enum" in base:
        return _enum_issue(base, path)
    expected = base.get("type", "object")
    if expected == "integer":
        expected = "number"
    return {"expected": expected, "code": "invalid_type", "path": path,
            "message": "Invalid input: expected %s, received undefined" % expected}


def _enum_issue(base, path):
    values = base["enum"]
    return {"code": "invalid_value", "values": values, "path": path,
            "message": "Invalid option: expected one of %s" % "|".join(json.dumps(v) for v in values)}


def _check(schema, value, path, issues, coerce):
    """Validate one value; returns the (coerced, stripped) value."""
    base, nullable = _unwrap(schema)
    if value is None and nullable:
        return None
    expected = base.get("type")
    if "enum" in base and expected in (None, "string"):
        if value not in base["enum"]:
            issues.append(_enum_issue(base, path))
        return value
    if expected in ("number", "integer"):
        if coerce:
            value = js_number(value)
        kind = js_type(value)
        if kind == "NaN":
            issues.append({"expected": "number", "code": "invalid_type", "received": "NaN", "path": path,
                           "message": "Invalid input: expected number, received NaN"})
            return value
        if kind != "number":
            issues.append({"expected": "number", "code": "invalid_type", "path": path,
                           "message": "Invalid input: expected number, received %s" % kind})
            return value
        if expected == "integer" and not float(value).is_integer():
            issues.append({"expected": "int", "format": "safeint", "code": "invalid_type", "path": path,
                           "message": "Invalid input: expected int, received number"})
            return value
        if "minimum" in base and value < base["minimum"]:
            issues.append({"origin": "number", "code": "too_small", "minimum": base["minimum"], "inclusive": True, "path": path,
                           "message": "Too small: expected number to be >=%s" % _fmt_num(base["minimum"])})
        if "maximum" in base and value > base["maximum"]:
            issues.append({"origin": "number", "code": "too_big", "maximum": base["maximum"], "inclusive": True, "path": path,
                           "message": "Too big: expected number to be <=%s" % _fmt_num(base["maximum"])})
        return value
    if expected == "boolean":
        if coerce:
            return js_boolean(value)
        if not isinstance(value, bool):
            issues.append({"expected": "boolean", "code": "invalid_type", "path": path,
                           "message": "Invalid input: expected boolean, received %s" % js_type(value)})
        return value
    if expected == "string":
        if not isinstance(value, str):
            issues.append({"expected": "string", "code": "invalid_type", "path": path,
                           "message": "Invalid input: expected string, received %s" % js_type(value)})
            return value
        if "minLength" in base and len(value) < base["minLength"]:
            issues.append({"origin": "string", "code": "too_small", "minimum": base["minLength"], "inclusive": True, "path": path,
                           "message": "Too small: expected string to have >=%d characters" % base["minLength"]})
        if "maxLength" in base and len(value) > base["maxLength"]:
            issues.append({"origin": "string", "code": "too_big", "maximum": base["maxLength"], "inclusive": True, "path": path,
                           "message": "Too big: expected string to have <=%d characters" % base["maxLength"]})
        pattern = base.get("pattern")
        if pattern and not re.search(pattern, value):
            issues.append({"origin": "string", "code": "invalid_format", "format": "regex", "pattern": "/%s/" % pattern, "path": path,
                           "message": PATTERN_MESSAGES.get(pattern, "Invalid string: must match pattern /%s/" % pattern)})
        return value
    if expected == "array":
        if not isinstance(value, list):
            issues.append({"expected": "array", "code": "invalid_type", "path": path,
                           "message": "Invalid input: expected array, received %s" % js_type(value)})
            return value
        items = base.get("items", {})
        return [_check(items, item, path + [i], issues, False) for i, item in enumerate(value)]
    if expected == "object" or "properties" in base:
        if not isinstance(value, dict):
            issues.append({"expected": "object", "code": "invalid_type", "path": path,
                           "message": "Invalid input: expected object, received %s" % js_type(value)})
            return value
        if "properties" not in base or base.get("additionalProperties"):
            return value
        return _object(base, value, path, issues, coerce, frozenset())
    return value


def _object(schema, value, path, issues, coerce, nonoptional):
    out = {}
    required = set(schema.get("required", []))
    for name, prop in schema.get("properties", {}).items():
        if name not in value:
            base = _resolve(prop)
            if "default" not in base:
                base = _unwrap(prop)[0]  # a default inside anyOf[..., null] (destination.additionalFlags [1187])
            if "default" in base:
                out[name] = copy.deepcopy(base["default"])
            elif name in required and coerce and name not in nonoptional and _unwrap(prop)[0].get("type") == "boolean":
                out[name] = False  # z.coerce.boolean() turns undefined into false [528]
            elif name in required:
                issues.append(_missing_issue(prop, path + [name], name in nonoptional))
            continue
        out[name] = _check(prop, value[name], path + [name], issues, coerce and name not in nonoptional)
    return out


def validate(procedure, raw, nonoptional=(), coerce=True):
    """Return the validated input of `procedure`, or raise ValidationFailed(issues)."""
    spec = procedures()[procedure]
    if not isinstance(raw, dict):
        raw = {}
    issues = []
    result = _object(_resolve(spec["schema"]), raw, [], issues, coerce, frozenset(nonoptional))
    if issues:
        raise ValidationFailed(issues)
    return result


def zod_error_body(procedure, issues):
    field_errors = {}
    form_errors = []
    for issue in issues:
        if issue["path"]:
            field_errors.setdefault(str(issue["path"][0]), []).append(issue["message"])
        else:
            form_errors.append(issue["message"])
    return {
        "message": "Input validation failed",
        "code": "BAD_REQUEST",
        "data": {"code": "BAD_REQUEST", "httpStatus": 400, "path": procedure,
                 "zodError": {"formErrors": form_errors, "fieldErrors": field_errors}},
        "issues": issues,
    }
