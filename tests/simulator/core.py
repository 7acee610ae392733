# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The HTTP server, transport rules, control interface, faults and state of the simulator."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import json
import os
import socket
import ssl
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from . import auth, identity, routes
from .registry import CONTROLS, EMPTY, ROUTES, ApiError
from .state import new_state
from .validation import ValidationFailed, procedures, zod_error_body
from .versions import apply_profile

JSON = "application/json"
JSON_UTF8 = "application/json; charset=utf-8"
NOT_FOUND_BODY = {"message": "Not found", "code": "NOT_FOUND", "data": {"code": "NOT_FOUND", "httpStatus": 404, "zodError": None}}
TRPC_CODES = {"BAD_REQUEST": -32600, "UNAUTHORIZED": -32001, "FORBIDDEN": -32003, "NOT_FOUND": -32004, "CONFLICT": -32009,
              "INTERNAL_SERVER_ERROR": -32603, "UNSUPPORTED_MEDIA_TYPE": -32015, "NOT_IMPLEMENTED": -32603}
MUTATING = ("POST",)

routes.load_all()


class _Drop(Exception):
    """Close the connection without any response."""


class Context(object):
    """Passed to every handler as its third argument."""

    def __init__(self, sim, procedure, method, caller=None):
        self.sim = sim
        # {userId, organizationId, role, apiKeyId} of the key that called (identity.py)
        self.caller = caller or {"userId": sim.state["_meta"]["userId"], "role": "owner",
                                 "organizationId": sim.state["_meta"]["organizationId"], "apiKeyId": identity.MAIN_KEY_ID}
        self.procedure = procedure
        self.method = method
        self.config = sim.config
        self.version = sim.profile.version  # the Dokploy version answered as; switches: config["behaviours"]

    @property
    def organization_id(self):
        return self.caller["organizationId"]


def error_body(status, message, code, procedure):
    return {"message": message, "code": code,
            "data": {"code": code, "httpStatus": status, "path": procedure, "zodError": None}}


def new_fault(procedure, method=None, times=1, status=None, body=None, delay=None, drop=False, lose_response=False):
    """A fault for the next ``times`` calls of ``procedure`` ("*" matches all; times <= 0: forever)."""
    return {"procedure": procedure, "method": method.upper() if method else None, "times": times, "status": status,
            "body": body, "delay": delay, "drop": bool(drop), "lose_response": bool(lose_response)}


FAULT_FIELDS = ("procedure", "method", "times", "status", "body", "delay", "drop", "lose_response")


def take_fault(faults, procedure, method):
    """The first of ``faults`` that matches the call (a copy), one of its times used up; None when none does."""
    for fault in faults:
        if fault["procedure"] not in (procedure, "*"):
            continue
        if fault["method"] and fault["method"] != method:
            continue
        times = fault.get("times")
        if times is not None and times > 0:
            fault["times"] = times - 1
            if fault["times"] == 0:
                faults.remove(fault)
        return dict(fault)
    return None


def drop_connection(handler):
    """Close ``handler``'s connection without an answer (a drop, a lost response)."""
    handler.close_connection = True
    try:
        handler.wfile.flush()
        handler.connection.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "DokploySimulator/0.30.2"
    # TCP_NODELAY: headers and body go out in two writes; with Nagle, every request after the first on a
    # kept-alive connection waited for the client's delayed ACK (about 40 ms), which Dokploy does not do.
    disable_nagle_algorithm = True

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        if self.server.sim.verbose:
            BaseHTTPRequestHandler.log_message(self, format, *args)

    def _dispatch(self):
        try:
            self.server.sim.handle(self)
        except _Drop:
            drop_connection(self)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = _dispatch


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def get_request(self):
        connection, address = super().get_request()
        if self.sim.tls_context is not None:
            # A client that refuses the certificate aborts the handshake: an ssl.SSLError (an OSError), which
            # socketserver drops with the connection.
            connection = self.sim.tls_context.wrap_socket(connection, server_side=True)
        return connection, address


class Simulator(object):
    """A Dokploy v0.30.2 API simulator running in a background thread.

    with Simulator(api_key="k") as sim:
        sim.url, sim.api_key, sim.state, sim.requests(), sim.add_fault(...)
    """

    def __init__(self, api_key="sim-api-key", host="127.0.0.1", port=0, state_file=None, deploy_duration=2.0, verbose=False,
                 version=None, tls=None):
        self.api_key = api_key
        self.tls_context = None  # tls=(certfile, keyfile): serve HTTPS with that certificate
        if tls:
            self.tls_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            self.tls_context.load_cert_chain(*tls)
        self.host = host
        self.port = port
        self.state_file = state_file
        self.verbose = verbose
        self.config = {"deploy_duration": float(deploy_duration)}
        self.lock = threading.RLock()
        self.profile = apply_profile(self, version)  # versions.py: how an older Dokploy (version="0.25") answers
        self.state = new_state()
        self._log = []
        self._faults = []
        self._httpd = None
        self._thread = None
        if state_file and os.path.exists(state_file) and os.path.getsize(state_file) > 0:
            self.load_state(state_file)

    # ---- lifecycle -------------------------------------------------------------------------------------------
    def start(self):
        self._httpd = _Server((self.host, self.port), _Handler)
        self._httpd.sim = self
        self.port = self._httpd.server_address[1]
        # A short poll interval: stop() (shutdown) waits for the next poll, and test suites start hundreds of these.
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02},
                                        name="dokploy-simulator", daemon=True)
        self._thread.start()
        return self

    def serve_forever(self):
        """Run in the calling thread (used by run.py)."""
        self._httpd = _Server((self.host, self.port), _Handler)
        self._httpd.sim = self
        self.port = self._httpd.server_address[1]
        self._httpd.serve_forever()

    def bind(self):
        self._httpd = _Server((self.host, self.port), _Handler)
        self._httpd.sim = self
        self.port = self._httpd.server_address[1]
        return self

    def stop(self):
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None
        if self.state_file:
            self.save_state(self.state_file)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    @property
    def url(self):
        return "%s://%s:%d" % ("https" if self.tls_context else "http", self.host, self.port)

    # ---- state, log, faults -----------------------------------------------------------------------------------
    def requests(self):
        with self.lock:
            return copy.deepcopy(self._log)

    def clear_requests(self):
        with self.lock:
            del self._log[:]

    def reset(self):
        with self.lock:
            self.state = new_state()
            del self._log[:]
            del self._faults[:]

    def set_state(self, state):
        with self.lock:
            fresh = new_state()
            fresh.update(copy.deepcopy(state))
            self.state = fresh

    def save_state(self, path=None):
        path = path or self.state_file
        if not path:
            return
        with self.lock:
            data = json.dumps(self.state, indent=1, sort_keys=False)
        directory = os.path.dirname(os.path.abspath(path))
        fd, tmp = tempfile.mkstemp(prefix=".sim-state-", dir=directory)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(data)
        os.replace(tmp, path)

    def load_state(self, path=None):
        with open(path or self.state_file, "r", encoding="utf-8") as f:
            self.set_state(json.load(f))

    def add_fault(self, procedure, method=None, times=1, status=None, body=None, delay=None, drop=False, lose_response=False):
        """Inject a fault for the next `times` calls of `procedure` ("*" matches all; times <= 0: forever)."""
        fault = new_fault(procedure, method, times, status, body, delay, drop, lose_response)
        with self.lock:
            self._faults.append(fault)
        return fault

    def control(self, name, body=None, method="GET"):
        """In-process twin of ``/__sim__/<name>`` for a control route a simulator module registered (e.g. "deploy")."""
        status, result = CONTROLS[name](self, method, body)
        if status != 200:
            raise ValueError("/__sim__/%s answered %s: %s" % (name, status, result))
        return result

    def clear_faults(self):
        with self.lock:
            del self._faults[:]

    def faults(self):
        with self.lock:
            return copy.deepcopy(self._faults)

    def _take_fault(self, procedure, method):
        with self.lock:
            return take_fault(self._faults, procedure, method)

    # ---- HTTP ---------------------------------------------------------------------------------------------
    @staticmethod
    def _send(h, status, body, content_type=JSON):
        if body is EMPTY:
            payload = b""
        elif isinstance(body, bytes):
            payload = body
        elif content_type == "" or (isinstance(body, str) and content_type.startswith("text/")):
            payload = body.encode("utf-8")
        else:
            payload = json.dumps(body, separators=(",", ":")).encode("utf-8")
        h.send_response(status)
        if content_type:
            h.send_header("Content-Type", content_type)
        h.send_header("Content-Length", str(len(payload)))
        h.end_headers()
        if h.command != "HEAD":
            h.wfile.write(payload)

    def handle(self, h):
        parts = urlsplit(h.path)
        path = parts.path
        query = {}
        for key, values in parse_qs(parts.query, keep_blank_values=True).items():
            query[key] = values[0] if len(values) == 1 else values
        length = int(h.headers.get("Content-Length") or 0)
        raw = h.rfile.read(length) if length > 0 else b""
        if path.startswith("/__sim__/"):
            return self._control(h, path, raw)
        if path == "/register" and h.command in ("GET", "HEAD"):
            return auth.register_page(self, h)
        if not path.startswith("/api/") and path != "/api":
            return self._send(h, 404, NOT_FOUND_BODY)
        entry = {"method": h.command, "path": path, "query": query, "body": self._body_for_log(raw), "status": None}
        with self.lock:
            self._log.append(entry)
        self._api(h, path, query, raw, entry)
        return None

    @staticmethod
    def _body_for_log(raw):
        if not raw:
            return None
        text = raw.decode("utf-8", "replace")
        try:
            return json.loads(text)
        except ValueError:
            return text

    def _api(self, h, path, query, raw, entry):
        def send(status, payload, content_type=JSON):
            entry["status"] = status  # logged before the answer leaves: a client reading the log next sees it
            self._send(h, status, payload, content_type)

        method = h.command
        if path == "/api/health":
            send(200, {"ok": True}, JSON_UTF8)
            return 200
        trpc = path.startswith("/api/trpc/")
        procedure = path[len("/api/trpc/"):] if trpc else path[len("/api/"):]
        if procedure.startswith("auth/") and not trpc:  # better-auth: sign-up, sign-in, sign-out (auth.py)
            return auth.handle(self, h, procedure, raw, entry)
        with self.lock:
            caller = identity.authenticate(self.state, h.headers.get("x-api-key"), self.api_key)
            if caller is None:  # the REST API accepts a session cookie too (auth.py)
                caller = auth.session_caller(self.state, h.headers.get("Cookie"))
        if caller is None:
            if trpc:
                body = {"error": {"json": {"message": "UNAUTHORIZED", "code": TRPC_CODES["UNAUTHORIZED"],
                                           "data": {"code": "UNAUTHORIZED", "httpStatus": 401, "path": procedure, "zodError": None}}}}
                send(401, body)
            else:
                send(401, {"message": "Unauthorized"}, JSON_UTF8)
            return 401
        fault = self._take_fault(procedure, method)
        if fault:
            if fault.get("delay"):
                time.sleep(float(fault["delay"]))
            if fault.get("drop"):
                entry["status"] = None
                raise _Drop()
            if fault.get("status") and not fault.get("lose_response"):
                body = fault.get("body")
                if body is None:
                    body = error_body(fault["status"], "Simulated fault", "INTERNAL_SERVER_ERROR"
                                      if fault["status"] >= 500 else "BAD_REQUEST", procedure)
                send(int(fault["status"]), body)
                return int(fault["status"])
        status, body, ctype = self._call(procedure, method, query, raw, h.headers.get("Content-Type"), trpc, caller)
        if fault and fault.get("lose_response"):
            entry["status"] = status
            raise _Drop()
        send(status, body, ctype)
        return status

    def _call(self, procedure, method, query, raw, content_type, trpc, caller=None):
        """Run one procedure; returns (status, body, content type)."""
        spec = procedures().get(procedure) if self.profile.has_procedure(procedure) else None
        if trpc:
            return self._call_trpc(procedure, method, query, raw, spec, caller)
        if spec is None or spec["method"] != method:
            return 404, self.profile.error_body(NOT_FOUND_BODY), JSON
        if method == "POST":
            ctype = (content_type or "").split(";")[0].strip().lower()
            if not content_type:
                return 415, error_body(415, "Missing content-type header", "UNSUPPORTED_MEDIA_TYPE", procedure), JSON
            if ctype not in ("application/json", "multipart/form-data"):
                return 415, error_body(415, 'Unsupported content-type "%s' % ctype, "UNSUPPORTED_MEDIA_TYPE", procedure), JSON
            if raw.strip():
                try:
                    data = json.loads(raw.decode("utf-8"))
                except ValueError:
                    return 400, "Invalid JSON", ""
            else:
                data = None
        else:
            data = {k: v for k, v in query.items() if v != ""}
        status, body, ctype = self._run(procedure, method, data, caller)
        return status, (self.profile.error_body(body) if status >= 400 else body), ctype

    def _run(self, procedure, method, data, caller=None):
        rt = ROUTES.get(procedure)
        if rt is None:
            msg = "Procedure %s is not implemented by the Dokploy simulator" % procedure
            return 501, error_body(501, msg, "NOT_IMPLEMENTED", procedure), JSON
        try:
            inp = self.profile.validate(procedure, data, rt.nonoptional, rt.coerce)
        except ValidationFailed as exc:
            return 400, zod_error_body(procedure, exc.issues), JSON
        ctx = Context(self, procedure, method, caller)
        try:
            with self.lock:
                result = self.profile.result(procedure, rt.func(self.state, inp, ctx), self.state)
                if method in MUTATING and self.state_file:
                    self.save_state()
        except ApiError as exc:
            return exc.status, error_body(exc.status, exc.message, exc.code, procedure), JSON
        except ValidationFailed as exc:  # a handler's zod refine (domain host, SSH key format)
            return 400, zod_error_body(procedure, exc.issues), JSON
        except Exception as exc:  # pylint: disable=broad-except
            return 500, error_body(500, "Internal server error: %s" % exc, "INTERNAL_SERVER_ERROR", procedure), JSON
        return 200, result, JSON

    def _call_trpc(self, procedure, method, query, raw, spec, caller=None):
        if spec is None or (spec["method"] == "GET") != (method == "GET"):
            body = {"error": {"json": {"message": 'No procedure found on path "%s"' % procedure, "code": TRPC_CODES["NOT_FOUND"],
                                       "data": {"code": "NOT_FOUND", "httpStatus": 404, "path": procedure, "zodError": None}}}}
            return 404, body, JSON
        data = None
        try:
            if method == "GET" and "input" in query:
                data = json.loads(query["input"])
            elif method != "GET" and raw.strip():
                data = json.loads(raw.decode("utf-8"))
        except ValueError:
            data = None
        if isinstance(data, dict) and "json" in data:
            data = data["json"]
        status, body, ctype = self._run(procedure, spec["method"], data, caller)
        if status == 200:
            return 200, {"result": {"data": {"json": None if body is EMPTY else body}}}, JSON
        if isinstance(body, dict) and "code" in body:
            err = {"message": body["message"], "code": TRPC_CODES.get(body["code"], -32603), "data": body["data"]}
            return status, {"error": {"json": err}}, JSON
        return status, body, ctype

    # ---- control interface ----------------------------------------------------------------------------------
    def _control(self, h, path, raw):
        method = h.command
        try:
            data = json.loads(raw.decode("utf-8")) if raw.strip() else None
        except ValueError:
            return self._send(h, 400, {"message": "Invalid JSON"})
        name = path[len("/__sim__/"):].strip("/")
        if name == "requests" and method == "GET":
            return self._send(h, 200, self.requests())
        if name == "requests" and method == "DELETE":
            self.clear_requests()
            return self._send(h, 200, {"ok": True})
        if name == "reset" and method == "POST":
            self.reset()
            return self._send(h, 200, {"ok": True})
        if name == "faults" and method == "GET":
            return self._send(h, 200, self.faults())
        if name == "faults" and method == "POST":
            if not isinstance(data, dict) or not data.get("procedure"):
                return self._send(h, 400, {"message": "body must be an object with 'procedure'"})
            fault = self.add_fault(**{k: v for k, v in data.items() if k in FAULT_FIELDS})
            return self._send(h, 200, fault)
        if name == "faults" and method == "DELETE":
            self.clear_faults()
            return self._send(h, 200, {"ok": True})
        if name == "state" and method == "GET":
            with self.lock:
                return self._send(h, 200, self.state)
        if name == "state" and method == "PUT":
            if not isinstance(data, dict):
                return self._send(h, 400, {"message": "body must be a JSON object"})
            self.set_state(data)
            return self._send(h, 200, {"ok": True})
        if name in CONTROLS:
            status, body = CONTROLS[name](self, method, data)
            return self._send(h, status, body)
        return self._send(h, 404, {"message": "Unknown control endpoint %s %s" % (method, path)})
