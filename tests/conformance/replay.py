# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Replay the recorded Dokploy exchanges against the simulator and compare status and response shape."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import http.client
import json
import os
import re
import sys
from urllib.parse import urlencode, urlsplit

TESTS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if TESTS_DIR not in sys.path:
    sys.path.insert(0, TESTS_DIR)

from simulator import Simulator  # noqa: E402  pylint: disable=wrong-import-position
from simulator.registry import ROUTES  # noqa: E402  pylint: disable=wrong-import-position

DATA_DIR = os.path.join(TESTS_DIR, "simulator", "data")
# (corpus name, file): each corpus is replayed in its own fresh simulator, from the empty state it was recorded from;
# their seq numbers are distinct (core 1..541, resources 1001..1301).
CORPORA = (
    ("core", os.path.join(DATA_DIR, "exchanges-v0.30.2.jsonl")),
    ("resources", os.path.join(DATA_DIR, "exchanges-resources-v0.30.2.jsonl")),
)
# The resources corpus records only the API key header; its recorder sent every body as JSON.
IMPLIED_HEADERS = {"resources": {"content-type": "application/json"}}
SIM_KEY = "conformance-key"
WRONG_KEY = "wrong-key-0123456789abcdef"
# transport-level paths handled by the simulator core rather than by a route
TRANSPORT = "transport"
NANOID = re.compile(r"^[A-Za-z0-9_-]{21}$")


def load_exchanges(path):
    with open(path, "r", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def endpoint_of(exchange):
    """(endpoint name, implemented?) of one exchange."""
    path = exchange["request"]["path"]
    if path == "/api/health":
        return TRANSPORT, True
    proc = path[len("/api/trpc/"):] if path.startswith("/api/trpc/") else path[len("/api/"):]
    if proc in ROUTES:
        return proc, True
    status = exchange["response"]["status"]
    if status in (401, 404) and (exchange["request"]["headers"].get("x-api-key") != "<API_KEY>" or "." not in proc
                                 or exchange["response"]["body"] == {"message": "Not found", "code": "NOT_FOUND",
                                                                     "data": {"code": "NOT_FOUND", "httpStatus": 404, "zodError": None}}):
        return TRANSPORT, True
    return proc, False


def shape(value):
    if isinstance(value, dict):
        return {k: shape(v) for k, v in value.items()}
    if isinstance(value, list):
        shapes = []
        for item in value:
            s = shape(item)
            if s not in shapes:
                shapes.append(s)
        return ["list", shapes]
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return "string"


def diff(recorded, actual, path="$"):
    """First difference of shape between two JSON values, or None."""
    if isinstance(recorded, dict) and isinstance(actual, dict):
        missing = [k for k in recorded if k not in actual]
        extra = [k for k in actual if k not in recorded]
        if missing or extra:
            return "%s: keys missing %s, extra %s" % (path, missing, extra)
        for key in recorded:
            d = diff(recorded[key], actual[key], "%s.%s" % (path, key))
            if d:
                return d
        return None
    if isinstance(recorded, list) and isinstance(actual, list):
        if bool(recorded) != bool(actual):
            return "%s: list has %d items, recorded %d" % (path, len(actual), len(recorded))
        for item in actual:
            if not any(diff(r, item, path + "[]") is None for r in recorded):
                return diff(recorded[0], item, path + "[]")
        return None
    if shape(recorded) != shape(actual):
        return "%s: %s != recorded %s" % (path, shape(actual), shape(recorded))
    return None


def collect_ids(recorded, actual, mapping):
    """Map recorded ids/appNames to the simulator's at the same positions."""
    if isinstance(recorded, dict) and isinstance(actual, dict):
        for key, value in recorded.items():
            if key not in actual:
                continue
            other = actual[key]
            if isinstance(value, str) and isinstance(other, str) and value != other and (
                    key.endswith("Id") or key in ("id", "appName", "refreshToken")):
                mapping.setdefault(value, other)
            else:
                collect_ids(value, other, mapping)
    elif isinstance(recorded, list) and isinstance(actual, list):
        for index in range(min(len(recorded), len(actual))):
            collect_ids(recorded[index], actual[index], mapping)


def substitute(value, mapping):
    if isinstance(value, dict):
        return {k: substitute(v, mapping) for k, v in value.items()}
    if isinstance(value, list):
        return [substitute(v, mapping) for v in value]
    if isinstance(value, str):
        return mapping.get(value, value)
    return value


def ids_in(value, key=""):
    """The strings of a recorded response that are ids (under an id-like key), not secrets that look like one."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from ids_in(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from ids_in(v, key)
    elif isinstance(value, str) and NANOID.match(value) and (key.endswith("Id") or key in ("id", "refreshToken")):
        yield value


def strings_in(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from strings_in(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings_in(v)
    elif isinstance(value, str):
        yield value


def send(base_url, request, mapping, implied_headers=None):
    parts = urlsplit(base_url)
    # 300 s: the simulator generates SSH keys in pure Python, which takes over 30 s on two busy cores
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=300)
    headers = {}
    recorded_headers = dict(implied_headers or {}) if request.get("body") is not None else {}
    recorded_headers.update(request.get("headers", {}))
    for name, value in recorded_headers.items():
        if value == "<ABSENT>":
            continue
        value = value.replace("<API_KEY>", SIM_KEY).replace("<WRONG_KEY>", WRONG_KEY)
        headers[name] = value
    query = substitute(request.get("query") or {}, mapping)
    path = request["path"] + ("?" + urlencode(query, doseq=True) if query else "")
    body = request.get("body")
    payload = None
    if isinstance(body, str):
        payload = substitute(body, mapping).encode("utf-8")
    elif body is not None:
        payload = json.dumps(substitute(body, mapping)).encode("utf-8")
    conn.request(request["method"], path, body=payload, headers=headers)
    resp = conn.getresponse()
    raw = resp.read()
    ctype = resp.getheader("Content-Type") or ""
    conn.close()
    if not raw:
        parsed = ""
    else:
        try:
            parsed = json.loads(raw.decode("utf-8"))
        except ValueError:
            parsed = raw.decode("utf-8", "replace")
    return resp.status, ctype, parsed


def replay_corpus(corpus, exchanges):
    """Replay the exchanges of one corpus in a fresh simulator; returns the list of results."""
    mapping = {}
    seen_ids = set()  # ids that appeared in recorded responses so far
    unimplemented_touch = {}  # recorded id -> unimplemented procedures that changed it earlier
    results = []
    with Simulator(api_key=SIM_KEY) as sim:
        sim.config["docker"] = False  # the recordings come from a server without a Docker daemon
        # No pickup delay, no duration: deploy jobs run inside the deploy call, so the replay is deterministic
        # (simulator/README.md, "Deployments, actions and Docker").
        sim.config.update(deploy_pickup=0, deploy_duration=0, db_deploy_duration=0)
        for ex in exchanges:
            endpoint, implemented = endpoint_of(ex)
            req, rec = ex["request"], ex["response"]
            refs = set(s for s in list(strings_in(req.get("query"))) + list(strings_in(req.get("body"))) if NANOID.match(s))
            if not implemented:
                if rec["status"] == 200 and req["method"] == "POST":
                    for s in refs:
                        unimplemented_touch.setdefault(s, set()).add(endpoint)
                seen_ids.update(ids_in(rec["body"]))
                continue
            result = {"seq": ex["seq"], "corpus": corpus, "endpoint": endpoint, "title": ex["title"], "reproduced": False, "reason": None}
            results.append(result)
            deps = sorted(set().union(*[unimplemented_touch.get(r, set()) for r in refs])) if refs else []
            unmapped = sorted(r for r in refs if r in seen_ids and r not in mapping)
            seen_ids.update(ids_in(rec["body"]))
            if unmapped:
                result["reason"] = "skipped: references ids %s created by calls the simulator did not replay" % unmapped
                continue
            status, ctype, body = send(sim.url, req, mapping, IMPLIED_HEADERS.get(corpus))
            if status == 200 and rec["status"] == 200:
                collect_ids(rec["body"], body, mapping)
            problems = []
            if status != rec["status"]:
                problems.append("status %s != recorded %s" % (status, rec["status"]))
            if ctype.split(";")[0] != (rec.get("content_type") or "").split(";")[0]:
                problems.append("content type %r != recorded %r" % (ctype, rec.get("content_type")))
            d = diff(rec["body"], body)
            if d:
                problems.append(d)
            if problems:
                result["reason"] = "; ".join(problems)
                if deps:
                    result["reason"] += " (state depends on unimplemented endpoints %s)" % deps
            else:
                result["reproduced"] = True
    return results


def _tally(results):
    """{"total": {...}, "per_endpoint": {endpoint: {...}}} with reproduced/recorded counts."""
    per_endpoint = {}
    for r in results:
        entry = per_endpoint.setdefault(r["endpoint"], {"reproduced": 0, "recorded": 0})
        entry["recorded"] += 1
        entry["reproduced"] += 1 if r["reproduced"] else 0
    return {"total": {"reproduced": sum(1 for r in results if r["reproduced"]), "recorded": len(results)},
            "per_endpoint": per_endpoint}


def replay():
    """Replay every exchange of implemented endpoints of every corpus; returns the report dict."""
    results = []
    corpora = {}
    for corpus, path in CORPORA:
        corpus_results = replay_corpus(corpus, load_exchanges(path))
        corpora[corpus] = _tally(corpus_results)
        results.extend(corpus_results)
    report = _tally(results)
    report.update(corpora=corpora, results=results, not_reproduced=[r for r in results if not r["reproduced"]])
    return report


def format_report(report):
    lines = []
    for corpus, dummy in CORPORA:
        tally = report["corpora"][corpus]
        lines.append("== corpus %s" % corpus)
        for endpoint in sorted(tally["per_endpoint"]):
            e = tally["per_endpoint"][endpoint]
            lines.append("%-40s reproduced %d of %d recorded exchanges" % (endpoint, e["reproduced"], e["recorded"]))
        t = tally["total"]
        lines.append("CORPUS %s: reproduced %d of %d recorded exchanges for implemented endpoints"
                     % (corpus, t["reproduced"], t["recorded"]))
    t = report["total"]
    lines.append("TOTAL: reproduced %d of %d recorded exchanges for implemented endpoints" % (t["reproduced"], t["recorded"]))
    for r in report["not_reproduced"]:
        lines.append("  not reproduced seq %d %s: %s" % (r["seq"], r["endpoint"], r["reason"]))
    return "\n".join(lines)


if __name__ == "__main__":
    print(format_report(replay()))
