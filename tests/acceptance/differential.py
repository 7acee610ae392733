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
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from conformance.replay import diff  # tests/ is on sys.path (conftest.py)
from simulator.core import Simulator

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
                    return proxy.control(self, self.command, urlsplit(self.path).path)
                headers = dict((k, v) for k, v in self.headers.items() if k.lower() not in REQUEST_DROPPED)
                conn = http.client.HTTPConnection(proxy.target.hostname, proxy.target.port, timeout=900)
                conn.request(self.command, self.path, body=payload, headers=headers)
                resp = conn.getresponse()
                raw = resp.read()
                conn.close()
                with proxy.lock:
                    proxy.exchanges.append({
                        "method": self.command, "path": self.path, "request": decode(payload),
                        "status": resp.status, "response": decode(raw)})
                self.send_response(resp.status)
                for name, value in resp.getheaders():
                    if name.lower() not in HOP_HEADERS:
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)
                return None

            do_GET = do_POST = do_DELETE = forward

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d" % self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    def control(self, handler, method, path):
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
    """A recording proxy that also answers the simulator's request log (``GET``/``DELETE /__sim__/requests``).

    In front of a real Dokploy it lets the integration targets' ``setup_simulator`` tasks (clear_requests,
    get_requests, assert_no_writes) prove on the real server what they prove on the simulator: the calls a
    module made, and that check mode or a re-run sent no write. Entries have the simulator's log shape
    ({method, path, query, body, status}).
    """

    def log(self):
        entries = []
        with self.lock:
            exchanges = list(self.exchanges)
        for exchange in exchanges:
            parts = urlsplit(exchange["path"])
            query = dict((k, v[0] if len(v) == 1 else v)
                         for k, v in parse_qs(parts.query, keep_blank_values=True).items())
            entries.append({"method": exchange["method"], "path": parts.path, "query": query,
                            "body": exchange["request"], "status": exchange["status"]})
        return entries

    def control(self, handler, method, path):
        if path == "/__sim__/requests" and method == "GET":
            return self.send_json(handler, 200, self.log())  # a list, as the simulator answers
        if path == "/__sim__/requests" and method == "DELETE":
            with self.lock:
                del self.exchanges[:]
            return self.send_json(handler, 200, {"cleared": True})
        return RecordingProxy.control(self, handler, method, path)


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
