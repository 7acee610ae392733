# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The simulator checked against a real Dokploy on the collection's own sequence of calls.

The same playbook runs twice: against the simulator and against the real server, each behind a recording
proxy. The two recorded sequences are aligned call by call (method and procedure) and each pair is compared:
status, and the shape of the answer (keys and value types, as tests/conformance/replay.py compares them).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import difflib
import http.client
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from conformance.replay import diff  # tests/ is on sys.path (conftest.py)
from simulator.core import FAULT_FIELDS, Simulator, drop_connection, error_body, new_fault, take_fault

# JSON, else text, else None
decode = Simulator._body_for_log  # pylint: disable=protected-access

HOP_HEADERS = ("connection", "keep-alive", "transfer-encoding", "content-length", "host")
# not forwarded: so that both servers answer plain JSON the proxy can read (Next.js compresses otherwise)
REQUEST_DROPPED = HOP_HEADERS + ("accept-encoding",)


class RecordingProxy:
    """A loopback HTTP proxy in front of ``target`` that records every exchange (``.exchanges``)."""

    def __init__(self, target, api_key):
        self.target = urlsplit(target)
        self.api_key = api_key
        self.exchanges = []
        self.lock = threading.Lock()
        self.httpd = None
        self.url = None

    def __enter__(self):
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # pylint: disable=arguments-differ
                pass

            def forward(self):
                length = int(self.headers.get("Content-Length") or 0)
                payload = self.rfile.read(length) if length else None
                if self.path.startswith("/__sim__/"):
                    return proxy.control(self, self.command, urlsplit(self.path).path, payload)
                fault = proxy.take_fault(self.command, urlsplit(self.path).path)
                if fault and fault.get("delay"):
                    time.sleep(float(fault["delay"]))
                if fault and fault.get("drop"):
                    proxy.record(self.command, self.path, payload, None, None)  # logged, as by the simulator
                    return self.drop()
                if fault and fault.get("status") and not fault.get("lose_response"):
                    body = fault.get("body")
                    if body is None:
                        body = error_body(fault["status"], "Simulated fault", "INTERNAL_SERVER_ERROR"
                                          if fault["status"] >= 500 else "BAD_REQUEST", fault["procedure"])
                    proxy.record(self.command, self.path, payload, int(fault["status"]), body)
                    return proxy.send_json(self, int(fault["status"]), body)
                headers = dict((k, v) for k, v in self.headers.items() if k.lower() not in REQUEST_DROPPED)
                conn = http.client.HTTPConnection(proxy.target.hostname, proxy.target.port, timeout=900)
                conn.request(self.command, self.path, body=payload, headers=headers)
                resp = conn.getresponse()
                raw = resp.read()
                conn.close()
                proxy.record(self.command, self.path, payload, resp.status, decode(raw))
                if fault and fault.get("lose_response"):
                    return self.drop()
                self.send_response(resp.status)
                for name, value in resp.getheaders():
                    if name.lower() not in HOP_HEADERS:
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)
                return None

            drop = drop_connection  # as the simulator's drop and lose_response

            do_GET = do_POST = do_DELETE = forward

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d" % self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    def record(self, method, path, payload, status, response):
        with self.lock:
            self.exchanges.append({"method": method, "path": path, "request": decode(payload), "status": status,
                                   "response": response})

    def take_fault(self, method, path):  # pylint: disable=unused-argument
        """The fault for this call (RequestLogProxy injects them); None: forward it."""
        return None

    def control(self, handler, method, path, payload=None):  # pylint: disable=unused-argument
        """The simulator's ``/__sim__/`` routes: a real server has none (RequestLogProxy answers some)."""
        return self.send_json(handler, 501, {"message": "%s %s is the simulator's own route: a real Dokploy has no "
                                             "twin of it; guard the task with `when: dokploy_server_kind == "
                                             "'simulator'`" % (method, path)})

    @staticmethod
    def send_json(handler, status, body):
        raw = json.dumps(body).encode("utf-8")
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(raw)))
        handler.end_headers()
        handler.wfile.write(raw)


class RequestLogProxy(RecordingProxy):
    """A recording proxy that answers the simulator's request log and faults (``/__sim__/requests``, ``faults``).

    In front of a real Dokploy it lets the integration targets' ``setup_simulator`` tasks (clear_requests,
    get_requests, assert_no_writes) prove on the real server what they prove on the simulator: the calls a
    module made, and that check mode or a re-run sent no write. Entries have the simulator's log shape
    ({method, path, query, body, status}). Faults are the simulator's too (tests/simulator/README.md: procedure,
    method, times, status, body, delay, drop, lose_response), applied here in front of the real server: a lost
    answer is a call the real server did run.
    """

    def __init__(self, target, api_key):
        RecordingProxy.__init__(self, target, api_key)
        self.faults = []

    def take_fault(self, method, path):
        procedure = path.replace("/api/", "", 1).replace("trpc/", "", 1)
        with self.lock:
            fault = take_fault(self.faults, procedure, method)
        return dict(fault, procedure=procedure) if fault else None

    def log(self):
        entries = []
        with self.lock:
            exchanges = list(self.exchanges)
        for exchange in exchanges:
            parts = urlsplit(exchange["path"])
            query = dict((k, v[0] if len(v) == 1 else v)
                         for k, v in parse_qs(parts.query, keep_blank_values=True).items())
            body = exchange["request"]
            if parts.path.startswith("/api/auth/") and isinstance(body, dict) and "password" in body:
                body = dict(body, password="********")  # as the simulator's log (auth.py): never a password
            entries.append({"method": exchange["method"], "path": parts.path, "query": query, "body": body,
                            "status": exchange["status"]})
        return entries

    def control(self, handler, method, path, payload=None):
        if path == "/__sim__/faults" and method == "POST":
            data = json.loads(payload or b"{}")
            if not isinstance(data, dict) or not data.get("procedure"):
                return self.send_json(handler, 400, {"message": "body must be an object with 'procedure'"})
            fault = new_fault(**dict((k, v) for k, v in data.items() if k in FAULT_FIELDS))
            with self.lock:
                self.faults.append(fault)
            return self.send_json(handler, 200, fault)
        if path == "/__sim__/faults" and method == "DELETE":
            with self.lock:
                del self.faults[:]
            return self.send_json(handler, 200, {"ok": True})
        if path == "/__sim__/requests" and method == "GET":
            return self.send_json(handler, 200, self.log())  # a list, as the simulator answers
        if path == "/__sim__/requests" and method == "DELETE":
            with self.lock:
                del self.exchanges[:]
            return self.send_json(handler, 200, {"cleared": True})
        return RecordingProxy.control(self, handler, method, path, payload)


def procedure(exchange):
    return "%s %s" % (exchange["method"], exchange["path"].split("?", 1)[0].replace("/api/", "", 1))


def compare(sim_exchanges, real_exchanges):
    """[{call, agree, problem}] for the aligned sequences; a call made on one side only is a difference."""
    sim_keys = [procedure(e) for e in sim_exchanges]
    real_keys = [procedure(e) for e in real_exchanges]
    results = []
    matcher = difflib.SequenceMatcher(a=real_keys, b=sim_keys, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for real, sim in zip(real_exchanges[i1:i2], sim_exchanges[j1:j2]):
                problem = None
                if real["status"] != sim["status"]:
                    problem = "status: real %s, simulator %s (real answer: %s)" % (
                        real["status"], sim["status"], json.dumps(real["response"])[:300])
                elif real["status"] == 200:
                    # diff(recorded, actual): the real answer stands where a recording would
                    shape = diff(real["response"], sim["response"])
                    if shape:
                        problem = "shape (simulator vs real): " + shape.replace("recorded", "real")
                results.append({"call": procedure(real), "index": i1, "agree": problem is None, "problem": problem})
                i1 += 1
        else:
            for real in real_exchanges[i1:i2]:
                results.append({"call": procedure(real), "index": i1, "agree": False,
                                "problem": "made against the real server only (status %s)" % real["status"]})
            for sim in sim_exchanges[j1:j2]:
                results.append({"call": procedure(sim), "index": i1, "agree": False,
                                "problem": "made against the simulator only (status %s)" % sim["status"]})
    return results
