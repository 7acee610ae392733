# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""DokployClient over real HTTP: against the simulator (tests/simulator) and a tiny stub server.

The stub answers whatever a test scripts (status, content type, raw body), for the response shapes the
simulator does not produce (empty 200 body, bare ``null``, HTML, old versions, ...). Every request is
recorded by both servers, so "exactly one POST" and "retried N times" are counted, not assumed.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine import _client as client_module
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import (
    MINIMUM_VERSION,
    USER_AGENT,
    DokployAuthError,
    DokployKeyRejectedError,
    DokployClient,
    DokployConnectionError,
    DokployError,
    DokployNotFoundError,
    DokployValidationError,
    field_errors_from_body,
    normalize_api_url,
    parse_version,
)
from simulator import Simulator

CANARY = "dkp-canary-6f0c1d2e3b4a59687786950a1b2c3d4e"


# ---------------------------------------------------------------------------------------------------------
# A stub server: scripted answers per procedure, every request recorded
# ---------------------------------------------------------------------------------------------------------

class _StubHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        pass

    def _handle(self):
        stub = self.server.stub
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        record = {
            "method": self.command,
            "path": parts.path,
            "query": dict((k, v[0] if len(v) == 1 else v) for k, v in parse_qs(parts.query, keep_blank_values=True).items()),
            "headers": dict((k.lower(), v) for k, v in self.headers.items()),
            "raw": raw,
        }
        stub.log.append(record)
        procedure = parts.path.rsplit("/", 1)[-1]
        answer = stub.answers.get(procedure, (404, "application/json", json.dumps({"message": "Not found", "code": "NOT_FOUND"})))
        if callable(answer):
            answer = answer(record)
        status, content_type, body = answer
        payload = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = _handle


class Stub(object):
    def __init__(self):
        self.log = []
        self.answers = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _StubHandler)
        self.server.daemon_threads = True
        self.server.stub = self
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.server.server_address[1]

    def answer(self, procedure, status=200, body="", content_type="application/json"):
        """Script the answer of ``procedure``: ``body`` is sent as is when a str, JSON-encoded otherwise."""
        if not isinstance(body, (str, bytes)):
            body = json.dumps(body)
        self.answers[procedure] = (status, content_type, body)


@pytest.fixture
def stub():
    server = Stub()
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


@pytest.fixture
def sim():
    with Simulator(api_key=CANARY) as simulator:
        yield simulator


class _NoSleep(object):
    """Stands in for the ``time`` module inside client.py only (the servers keep the real one)."""

    def __init__(self):
        self.sleeps = []

    def sleep(self, seconds):
        self.sleeps.append(seconds)

    @staticmethod
    def time():
        return time.time()


@pytest.fixture
def no_sleep(monkeypatch):
    fake = _NoSleep()
    monkeypatch.setattr(client_module, "time", fake)
    return fake


def make(url, key=CANARY, **kwargs):
    return DokployClient(url, key, **kwargs)


def assert_no_canary(error):
    for text in (str(error), repr(error), error.message, json.dumps(error.to_failure())):
        assert CANARY not in text


# ---------------------------------------------------------------------------------------------------------
# URL, headers, query parameters, JSON bodies
# ---------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("given", [
    "https://dokploy.example.com",
    "https://dokploy.example.com/",
    "https://dokploy.example.com/api",
    "https://dokploy.example.com/api/",
    "  https://dokploy.example.com/api  ",
])
def test_normalize_api_url(given):
    assert normalize_api_url(given) == "https://dokploy.example.com/api"


def test_normalize_api_url_keeps_a_path_prefix():
    assert normalize_api_url("https://example.com/dokploy/") == "https://example.com/dokploy/api"


@pytest.mark.parametrize("suffix", ["", "/", "/api", "/api/"])
def test_every_url_form_reaches_the_same_path(stub, suffix):
    stub.answer("project.all", body=[])
    assert make(stub.url + suffix).get("project.all") == []
    assert stub.log[-1]["path"] == "/api/project.all"


def test_url_without_scheme_fails_cleanly():
    with pytest.raises(DokployError) as info:
        make("dokploy.example.com").get("project.all")
    assert "api_url" in str(info.value)
    assert_no_canary(info.value)


def test_headers(stub):
    stub.answer("project.all", body=[])
    make(stub.url).get("project.all")
    headers = stub.log[0]["headers"]
    assert headers["x-api-key"] == CANARY
    assert headers["user-agent"] == USER_AGENT
    assert USER_AGENT.startswith("ansible-collection-dokploy.dokploy/")
    assert "authorization" not in headers


def test_get_sends_flat_query_parameters(stub):
    stub.answer("deployment.readLogs", body="")
    make(stub.url).get("deployment.readLogs", {"deploymentId": "abc", "tail": 5, "yes": True, "no": False, "unset": None})
    request = stub.log[0]
    assert request["method"] == "GET"
    assert request["query"] == {"deploymentId": "abc", "tail": "5", "yes": "true", "no": "false"}
    assert request["raw"] == b""


def test_post_sends_json(stub):
    stub.answer("project.create", body={"project": {"projectId": "p1"}, "environment": {"environmentId": "e1"}})
    body = {"name": "shop", "description": None, "flag": False, "replicas": 2, "nested": {"a": [1, "x"]}}
    make(stub.url).post("project.create", body)
    request = stub.log[0]
    assert request["method"] == "POST"
    assert request["headers"]["content-type"] == "application/json"
    assert request["headers"]["x-api-key"] == CANARY
    assert json.loads(request["raw"].decode("utf-8")) == body
    assert request["query"] == {}


def test_post_without_body_sends_an_empty_object(stub):
    stub.answer("application.deploy", body="")
    make(stub.url).post("application.deploy", None)
    assert json.loads(stub.log[0]["raw"].decode("utf-8")) == {}


def test_against_the_simulator(sim):
    client = make(sim.url)
    created = client.post("project.create", {"name": "shop"})
    assert created["project"]["name"] == "shop"
    projects = client.get("project.all")
    assert [p["name"] for p in projects] == ["shop"]
    one = client.get("project.one", {"projectId": created["project"]["projectId"]})
    assert one["projectId"] == created["project"]["projectId"]
    log = sim.requests()
    assert [(r["method"], r["path"]) for r in log] == [
        ("POST", "/api/project.create"), ("GET", "/api/project.all"), ("GET", "/api/project.one")]
    assert log[0]["body"] == {"name": "shop"}
    assert log[2]["query"] == {"projectId": created["project"]["projectId"]}
    assert client.request_count == 3


# ---------------------------------------------------------------------------------------------------------
# Response shapes
# ---------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    ('{"projectId": "p1", "name": "a"}', {"projectId": "p1", "name": "a"}),
    ('[{"projectId": "p1"}, {"projectId": "p2"}]', [{"projectId": "p1"}, {"projectId": "p2"}]),
    ("[]", []),
    ("true", True),
    ("false", False),
    ('"v0.30.2"', "v0.30.2"),
    ('"line 1\\nline 2"', "line 1\nline 2"),
    ("null", None),
    ("3", 3),
    ("", None),  # procedures without a return value: 200, application/json, zero-length body
])
def test_response_shapes(stub, raw, expected):
    stub.answer("some.procedure", body=raw)
    assert make(stub.url).post("some.procedure", {}) == expected
    assert make(stub.url).get("some.procedure") == expected


def test_empty_body_with_json_utf8_content_type(stub):
    stub.answer("application.markRunning", body="", content_type="application/json; charset=utf-8")
    assert make(stub.url).post("application.markRunning", {"applicationId": "a"}) is None


def test_invalid_json_with_a_json_content_type(stub):
    stub.answer("project.all", body="{not json")
    with pytest.raises(DokployError) as info:
        make(stub.url).get("project.all")
    assert "invalid JSON" in str(info.value)


def test_html_answer_points_at_api_url(stub):
    stub.answer("project.all", body="<html><body>Welcome to nginx</body></html>", content_type="text/html")
    with pytest.raises(DokployError) as info:
        make(stub.url).get("project.all")
    assert "not Dokploy's API" in str(info.value)
    assert "api_url" in str(info.value)


# ---------------------------------------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------------------------------------

# What Dokploy v0.30.2 serves for a path its web UI (Next.js) has no page for: its _error page, HTTP 404, text/html
# (apps/dokploy/pages/_error.tsx; /api/... paths are its API's and always answer JSON, API.md).
UI_404_PAGE = ('<!DOCTYPE html><html><head><meta charSet="utf-8"/><title>Dokploy</title>'
               '<script src="/_next/static/chunks/main.js" defer=""></script></head><body><div id="__next">'
               '<h1>404</h1><p>Sorry, we couldn&#x27;t find your page.</p></div>'
               '<script id="__NEXT_DATA__" type="application/json">{"page":"/_error"}</script></body></html>')


def test_api_url_of_a_web_ui_page_says_which_url_to_use(stub):
    stub.answer("settings.getDokployVersion", status=404, body=UI_404_PAGE, content_type="text/html; charset=utf-8")
    with pytest.raises(DokployError) as info:
        make(stub.url + "/dashboard/projects").get("settings.getDokployVersion")
    message = str(info.value)
    assert stub.log[-1]["path"] == "/dashboard/projects/api/settings.getDokployVersion"
    assert "Dokploy's web UI, not its API" in message, message
    assert "set api_url to %s" % stub.url in message, message
    assert "<html" not in message.lower() and "__NEXT_DATA__" not in message, message
    assert not isinstance(info.value, DokployNotFoundError)  # not "this Dokploy version may not have it"
    assert_no_canary(info.value)


def test_html_page_at_the_root_says_it_is_not_the_api(stub):
    stub.answer("project.all", status=404, body="<html><body><h1>404 Not Found</h1>nginx</body></html>",
                content_type="text/html")
    with pytest.raises(DokployError) as info:
        make(stub.url).get("project.all")
    message = str(info.value)
    assert "an HTML page, not Dokploy's API" in message and "api_url" in message, message
    assert "<html" not in message.lower(), message


def test_https_to_a_plain_http_server_says_to_use_http(stub):
    https_url = stub.url.replace("http://", "https://")
    for options in ({"validate_certs": False}, {}):
        with pytest.raises(DokployError) as info:
            make(https_url, **options).get("project.all")
        message = str(info.value)
        assert "speaks plain HTTP" in message and "use http://127.0.0.1:" in message, message
        assert "ca_path" not in message and "validate_certs" not in message, message
        assert_no_canary(info.value)


ZOD_BODY = {
    "message": "Input validation failed",
    "code": "BAD_REQUEST",
    "data": {"code": "BAD_REQUEST", "httpStatus": 400, "path": "project.create",
             "zodError": {"formErrors": [], "fieldErrors": {"name": ["Too small: expected string to have >=1 characters"]}}},
    "issues": [{"origin": "string", "code": "too_small", "minimum": 1, "inclusive": True, "path": ["name"],
                "message": "Too small: expected string to have >=1 characters"},
               {"expected": "string", "code": "invalid_type", "path": ["env", 0, "key"],
                "message": "Invalid input: expected string, received number"}],
}


def test_zod_issues_become_field_errors(stub):
    stub.answer("project.create", status=400, body=ZOD_BODY)
    with pytest.raises(DokployValidationError) as info:
        make(stub.url).post("project.create", {"name": ""})
    error = info.value
    assert error.status == 400
    assert error.code == "BAD_REQUEST"
    assert error.procedure == "project.create"
    assert error.field_errors == [
        {"field": "name", "message": "Too small: expected string to have >=1 characters"},
        {"field": "env.0.key", "message": "Invalid input: expected string, received number"},
    ]
    text = str(error)
    assert text.startswith("project.create: Input validation failed (HTTP 400)")
    assert "name: Too small" in text and "env.0.key: Invalid input" in text
    failure = error.to_failure()
    assert failure["field_errors"] == error.field_errors
    assert failure["status"] == 400 and failure["procedure"] == "project.create"


def test_zod_error_without_issues_uses_data_zod_error(stub):
    body = dict(ZOD_BODY)
    del body["issues"]
    body["data"] = dict(body["data"], zodError={
        "formErrors": ["Expected object"], "fieldErrors": {"projectId": ["Required"], "name": ["Too short"]}})
    stub.answer("project.update", status=400, body=body)
    with pytest.raises(DokployValidationError) as info:
        make(stub.url).post("project.update", {})
    assert info.value.field_errors == [
        {"field": "name", "message": "Too short"},
        {"field": "projectId", "message": "Required"},
        {"field": "", "message": "Expected object"},
    ]
    assert "(input): Expected object" in str(info.value)


def test_field_errors_from_odd_bodies():
    assert field_errors_from_body(None) == []
    assert field_errors_from_body("Invalid JSON") == []
    assert field_errors_from_body({"message": "x", "data": {"zodError": None}}) == []
    assert field_errors_from_body({"issues": [{"message": "m"}]}) == [{"field": "", "message": "m"}]


def test_bare_401_explains_the_key(stub):
    stub.answer("project.all", status=401, body={"message": "Unauthorized"}, content_type="application/json; charset=utf-8")
    with pytest.raises(DokployAuthError) as info:
        make(stub.url).get("project.all")
    text = str(info.value)
    assert "rateLimitEnabled" in text
    assert "organization" in text
    assert "DOKPLOY_API_KEY" in text
    assert info.value.status == 401
    assert isinstance(info.value, DokployKeyRejectedError)   # the key itself: told by its class, never by its text
    assert_no_canary(info.value)


def test_wrong_key_against_the_simulator(sim):
    with pytest.raises(DokployAuthError) as info:
        make(sim.url, key="wrong-key-0123456789abcdef").get("project.all")
    assert "rateLimitEnabled" in str(info.value)
    assert "wrong-key-0123456789abcdef" not in str(info.value)
    assert len(sim.requests()) == 1  # an auth failure is not retried


def test_401_with_a_message_keeps_it(stub):
    stub.answer("project.one", status=401, body={
        "message": "You are not authorized to access this project", "code": "UNAUTHORIZED",
        "data": {"code": "UNAUTHORIZED", "httpStatus": 401}})
    with pytest.raises(DokployAuthError) as info:
        make(stub.url).get("project.one", {"projectId": "p"})
    text = str(info.value)
    assert "You are not authorized to access this project" in text
    assert "owner or admin" in text
    assert "rateLimitEnabled" not in text
    assert info.value.code == "UNAUTHORIZED"


def test_403_is_an_auth_error(stub):
    stub.answer("environment.one", status=403, body={
        "message": "You are not allowed to access this environment", "code": "FORBIDDEN"})
    with pytest.raises(DokployAuthError) as info:
        make(stub.url).get("environment.one", {"environmentId": "e"})
    assert "not allowed to access this environment" in str(info.value)


def test_a_licence_refusal_does_not_ask_for_an_owner_key(stub):
    # enterpriseProcedure's 403 (apps/dokploy/server/api/trpc.ts, v0.30.2): an owner's key is refused the same way
    stub.answer("auditLog.all", status=403, body={"message": "Valid enterprise license required", "code": "FORBIDDEN"})
    with pytest.raises(DokployAuthError) as info:
        make(stub.url).get("auditLog.all", {})
    assert info.value.message == "Valid enterprise license required"
    assert "owner or admin" not in str(info.value) and info.value.status == 403 and info.value.code == "FORBIDDEN"


def test_a_refusal_without_an_api_key_does_not_blame_a_key(stub):
    # dokploy_admin's sign-in has no key yet: better-auth's 403 is about the request, never a key's user
    # (the stub answers by the path's last part)
    stub.answer("email", status=403, body={"message": "Invalid origin", "code": "INVALID_ORIGIN"})
    with pytest.raises(DokployAuthError) as info:
        make(stub.url, key=None).post("auth/sign-in/email", {"email": "a@example.com", "password": "x" * 8})
    assert info.value.message == "Invalid origin" and info.value.code == "INVALID_ORIGIN" and info.value.status == 403
    assert not isinstance(info.value, DokployKeyRejectedError)


def test_unknown_procedure(sim):
    with pytest.raises(DokployNotFoundError) as info:
        make(sim.url).get("project.nope")
    text = str(info.value)
    assert "no procedure GET project.nope" in text
    assert "v0.25" in text and "api_url" in text


def test_wrong_method_is_reported_as_unknown_procedure(sim):
    with pytest.raises(DokployNotFoundError) as info:
        make(sim.url).post("project.all", {})
    assert "no procedure POST project.all" in str(info.value)


def test_entity_not_found(sim):
    with pytest.raises(DokployNotFoundError) as info:
        make(sim.url).get("project.one", {"projectId": "does-not-exist"})
    assert info.value.message == "Project not found"
    assert info.value.status == 404
    assert info.value.code == "NOT_FOUND"
    assert str(info.value) == "project.one: Project not found (HTTP 404)"


def test_sql_text_hides_the_params(sim):
    client = make(sim.url)
    with pytest.raises(DokployError) as info:
        client.post("environment.create", {"name": "staging", "projectId": "no-such-project-hunter2"})
    text = str(info.value)
    assert info.value.status == 400
    assert "Failed query" in text
    assert "params: (hidden)" in text
    assert "no-such-project-hunter2" not in text
    assert "no-such-project-hunter2" not in json.dumps(info.value.to_failure())


def test_sql_params_hidden_even_with_a_secret_value(stub):
    message = 'Failed query: insert into "security" ("username", "password") values ($1, $2)\nparams: admin,s3cr3t-pass'
    stub.answer("security.create", status=400, body={"message": message, "code": "BAD_REQUEST"})
    with pytest.raises(DokployError) as info:
        make(stub.url).post("security.create", {"username": "admin", "password": "s3cr3t-pass"})
    assert "s3cr3t-pass" not in str(info.value)
    assert info.value.message.endswith("params: (hidden)")


def test_plain_text_error_body(stub):
    stub.answer("project.create", status=400, body="Invalid JSON", content_type="")
    with pytest.raises(DokployError) as info:
        make(stub.url).post("project.create", {})
    assert info.value.message == "Invalid JSON"
    assert info.value.status == 400


def test_500_is_a_plain_error_and_not_retried(stub):
    stub.answer("application.update", status=500, body={"message": "No values to set", "code": "INTERNAL_SERVER_ERROR"})
    with pytest.raises(DokployError) as info:
        make(stub.url).get("application.update")
    assert not isinstance(info.value, DokployConnectionError)
    assert info.value.message == "No values to set"
    assert len(stub.log) == 1


def test_a_known_secret_echoed_by_the_server_is_masked(stub):
    stub.answer("registry.create", status=400, body={"message": "login failed for password hunter22 with key %s" % CANARY})
    client = make(stub.url, secrets=["hunter22"])
    with pytest.raises(DokployError) as info:
        client.post("registry.create", {"password": "hunter22"})
    assert "hunter22" not in str(info.value)
    assert "********" in str(info.value)
    assert_no_canary(info.value)


# ---------------------------------------------------------------------------------------------------------
# Retries: reads are retried (bounded), writes never
# ---------------------------------------------------------------------------------------------------------

def _calls(sim, procedure, method=None):
    return [r for r in sim.requests() if r["path"] == "/api/" + procedure and (method is None or r["method"] == method)]


def test_read_retried_after_a_dropped_connection(sim, no_sleep):
    sim.add_fault("project.all", drop=True, times=1)
    assert make(sim.url).get("project.all") == []
    assert len(_calls(sim, "project.all")) == 2
    assert len(no_sleep.sleeps) == 1


def test_read_retried_after_503(sim, no_sleep):
    sim.add_fault("project.all", status=503, times=2)
    assert make(sim.url).get("project.all") == []
    assert len(_calls(sim, "project.all")) == 3
    assert no_sleep.sleeps == [0.5, 1]


@pytest.mark.parametrize("status", [502, 504])
def test_read_retried_after_gateway_errors(sim, no_sleep, status):
    sim.add_fault("project.all", status=status, times=1)
    assert make(sim.url).get("project.all") == []
    assert len(_calls(sim, "project.all")) == 2


def test_read_retried_after_a_timeout(sim, no_sleep):
    sim.add_fault("project.all", delay=1.5, times=1)
    started = time.time()
    assert make(sim.url, timeout=0.5).get("project.all") == []
    assert time.time() - started < 5
    assert len(_calls(sim, "project.all")) == 2


def test_read_retries_are_bounded(sim, no_sleep):
    sim.add_fault("project.all", status=503, times=0)  # forever
    with pytest.raises(DokployConnectionError) as info:
        make(sim.url, read_retries=3).get("project.all")
    assert len(_calls(sim, "project.all")) == 4  # the first try + 3 retries
    assert no_sleep.sleeps == [0.5, 1, 2]
    assert info.value.status == 503
    assert info.value.outcome_unknown is False
    assert "unavailable" in str(info.value)
    assert_no_canary(info.value)


def test_read_retries_bounded_by_the_time_budget(sim, no_sleep):
    sim.add_fault("project.all", drop=True, times=0)
    with pytest.raises(DokployConnectionError):
        make(sim.url, read_retries=10, retry_budget=1).get("project.all")
    assert len(_calls(sim, "project.all")) == 2  # 0.5 s fits in the budget, the next 1 s does not


def test_unreachable_server_is_bounded(no_sleep):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    client = make("http://127.0.0.1:%d" % port, read_retries=2)
    with pytest.raises(DokployConnectionError) as info:
        client.get("project.all")
    assert client.request_count == 3
    assert "could not reach Dokploy" in str(info.value)
    assert_no_canary(info.value)


@pytest.mark.parametrize("fault", [
    {"drop": True},
    {"status": 503},
    {"status": 502},
    {"lose_response": True},
])
def test_writes_are_never_retried(sim, no_sleep, fault):
    sim.add_fault("project.create", times=1, **fault)
    with pytest.raises(DokployConnectionError) as info:
        make(sim.url).post("project.create", {"name": "once"})
    assert info.value.outcome_unknown is True
    assert info.value.procedure == "project.create"
    assert len(_calls(sim, "project.create", "POST")) == 1
    assert no_sleep.sleeps == []
    assert_no_canary(info.value)


def test_write_timeout_is_not_retried(sim, no_sleep):
    sim.add_fault("project.create", delay=1.5, times=1)
    with pytest.raises(DokployConnectionError) as info:
        make(sim.url, timeout=0.5).post("project.create", {"name": "slow"})
    assert info.value.outcome_unknown is True
    assert len(_calls(sim, "project.create", "POST")) == 1


def test_lost_response_of_a_write_did_happen(sim):
    sim.add_fault("project.create", lose_response=True, times=1)
    client = make(sim.url)
    with pytest.raises(DokployConnectionError):
        client.post("project.create", {"name": "lost"})
    assert [p["name"] for p in client.get("project.all")] == ["lost"]


def test_write_errors_are_not_outcome_unknown(sim):
    with pytest.raises(DokployValidationError) as info:
        make(sim.url).post("project.create", {"name": ""})
    assert info.value.outcome_unknown is False
    assert any(e["field"] == "name" for e in info.value.field_errors)


# ---------------------------------------------------------------------------------------------------------
# Versions
# ---------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("v0.30.2", (0, 30, 2)),
    ("0.30.2", (0, 30, 2)),
    (" v1.2 ", (1, 2, 0)),
    ("v0.25.0-canary.3", (0, 25, 0)),
    ("latest", None),
    ("", None),
    (None, None),
])
def test_parse_version(text, expected):
    assert parse_version(text) == expected


def test_version_of_the_simulator(sim):
    client = make(sim.url)
    assert client.version() == (0, 30, 2)
    assert client.version() == (0, 30, 2)
    assert len(_calls(sim, "settings.getDokployVersion")) == 1  # read once
    client.require_version()


def test_require_version_refuses_old_servers(stub):
    stub.answer("settings.getDokployVersion", body='"v0.24.3"')
    client = make(stub.url)
    with pytest.raises(DokployError) as info:
        client.require_version()
    text = str(info.value)
    assert "v0.25.0 or newer" in text
    assert "v0.24.3" in text
    assert MINIMUM_VERSION == (0, 25, 0)


def test_require_version_accepts_the_minimum(stub):
    stub.answer("settings.getDokployVersion", body='"v0.25.0"')
    client = make(stub.url)
    assert client.require_version() is None   # accepted: a refusal raises
    assert client.version() == (0, 25, 0)


def test_version_falls_back_to_the_openapi_document(stub):
    stub.answer("settings.getOpenApiDocument", body={"openapi": "3.0.3", "info": {"title": "Dokploy", "version": "v0.22.7"}})
    client = make(stub.url)  # getDokployVersion answers 404 "Not found"
    assert client.version() == (0, 22, 7)
    with pytest.raises(DokployError) as info:
        client.require_version(feature="dokploy_project")
    assert "dokploy_project needs Dokploy v0.25.0" in str(info.value)
