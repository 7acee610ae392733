# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The one HTTP client of the collection: every module and the inventory plugin talk to Dokploy here.

Dokploy's REST surface is tRPC behind an OpenAPI adapter: ``GET /api/<router>.<procedure>`` with flat
query parameters for reads, ``POST`` with a JSON body for every write, ``x-api-key`` for auth.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re
import time
import traceback
from urllib.parse import urlsplit

try:
    import requests
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError:  # pragma: no cover - exercised by the sanity import test
    requests = None
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._dotenv import values as dotenv_values
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._secrets import secret_values

COLLECTION_VERSION = "0.3.0"
USER_AGENT = "ansible-collection-dokploy.dokploy/%s" % COLLECTION_VERSION

# The first version with environments (services hang off environmentId since v0.25.0).
MINIMUM_VERSION = (0, 25, 0)

RETRYABLE_STATUSES = (502, 503, 504)
MASK = "********"
# Dokploy's licence refusals (403 FORBIDDEN): enterpriseProcedure's "Valid enterprise license required"
# (apps/dokploy/server/api/trpc.ts, also routers audit-log.ts, server.ts, git-provider.ts), organization.ts's
# "Setting a custom role as default requires a valid enterprise license", auth.ts's SCIM "... requires an
# enterprise license" (read in v0.30.2's source). No other key helps there, so no "use an owner key" hint.
LICENCE_MESSAGE = "Valid enterprise license required"
LICENCE_WORDS = "enterprise license"

UNAUTHORIZED_HINT = (
    "Dokploy rejected the API key (HTTP 401 Unauthorized): it is wrong, expired, rate-limited, "
    "or was created without an organization. Create a key under Settings > Profile > API/CLI "
    "(or with user.createApiKey, metadata.organizationId set and rateLimitEnabled: false, since "
    "a rate-limited key stops working after 5 calls a day) and pass it as api_key or DOKPLOY_API_KEY."
)


class DokployError(Exception):
    """A failed call to Dokploy, with what Dokploy said about it.

    ``outcome_unknown`` is true when a write may or may not have been applied (the connection failed
    after the request was sent, or a gateway answered instead of Dokploy).
    """

    def __init__(self, message, status=None, code=None, procedure=None, field_errors=None, outcome_unknown=False,
                 result=None):
        super(DokployError, self).__init__(message)
        self.message = message
        self.status = status
        self.code = code
        self.procedure = procedure
        self.field_errors = field_errors or []
        self.outcome_unknown = outcome_unknown
        self.result = result  # what was done before the failure, returned beside it (set by the engine)

    def __str__(self):
        text = self.message
        if self.procedure:
            text = "%s: %s" % (self.procedure, text)
        if self.status:
            text = "%s (HTTP %s)" % (text, self.status)
        if self.field_errors:
            text += "; " + "; ".join("%s: %s" % (e["field"] or "(input)", e["message"]) for e in self.field_errors)
        return text

    def to_failure(self):
        """The structured ``failure`` a module returns beside ``msg``."""
        return {
            "message": self.message,
            "status": self.status,
            "code": self.code,
            "procedure": self.procedure,
            "field_errors": self.field_errors,
        }


class DokployAuthError(DokployError):
    pass


class DokployKeyRejectedError(DokployAuthError):
    """Dokploy rejected the API key itself (401 Unauthorized), as opposed to refusing its user a permission."""


class DokployNotFoundError(DokployError):
    pass


class DokployValidationError(DokployError):
    pass


class DokployConnectionError(DokployError):
    pass


class DokployUnsupportedError(DokployError):
    """The server's Dokploy version lacks a capability (see tables/_capabilities.py); nothing was sent."""

    def __init__(self, message, capability=None, needed=None, version=None):
        super(DokployUnsupportedError, self).__init__(message, code="UNSUPPORTED_VERSION")
        self.capability = capability
        self.needed = needed
        self.version = version


class DokployParamError(DokployError):
    """Bad input, found before any request; ``option`` names what was wrong."""

    def __init__(self, message, option=None):
        super(DokployParamError, self).__init__(message)
        self.option = option


class DokployOutcomeUnknown(DokployError):
    """A write was sent, its answer never came, and looking for its effect did not settle the question."""


def normalize_api_url(api_url):
    """``https://host``, ``https://host/`` and ``https://host/api`` all name the same API root."""
    url = (api_url or "").strip().rstrip("/")
    if url.endswith("/api"):
        url = url[:-len("/api")]
    return url + "/api"


def parse_version(text):
    """``"v0.30.2"`` -> ``(0, 30, 2)``; None when it is not a version."""
    match = re.match(r"^v?(\d+)\.(\d+)(?:\.(\d+))?", str(text or "").strip())
    if not match:
        return None
    return tuple(int(part or 0) for part in match.groups())


def field_errors_from_body(body):
    """Zod issues (or ``data.zodError.fieldErrors``) as ``[{"field": "a.b", "message": "..."}]``."""
    errors = []
    issues = body.get("issues") if isinstance(body, dict) else None
    if isinstance(issues, list):
        for issue in issues:
            if isinstance(issue, dict):
                path = ".".join(str(p) for p in issue.get("path") or [])
                errors.append({"field": path, "message": str(issue.get("message", ""))})
        return errors
    data = body.get("data") if isinstance(body, dict) else None
    zod = data.get("zodError") if isinstance(data, dict) else None
    if isinstance(zod, dict):
        for field, messages in sorted((zod.get("fieldErrors") or {}).items()):
            for message in messages or []:
                errors.append({"field": field, "message": str(message)})
        for message in zod.get("formErrors") or []:
            errors.append({"field": "", "message": str(message)})
    return errors


# OpenSSL's reasons for a TLS hello answered in plain HTTP (see DokployClient._tls_message).
_PLAIN_HTTP_MARKERS = ("WRONG_VERSION_NUMBER", "wrong version number", "RECORD_LAYER_FAILURE", "record layer failure",
                       "packet length too long")


def _is_html(response):
    return "html" in response.headers.get("Content-Type", "").lower() or response.text.lstrip()[:1] == "<"


def _hide_sql_params(message):
    # Dokploy leaks failed SQL as "Failed query: ...\nparams: <values>"; the values may be secrets.
    return re.sub(r"(params:)[\s\S]*$", r"\1 (hidden)", message)


class DokployClient(object):
    """Calls Dokploy procedures; decodes every response shape Dokploy sends; raises DokployError.

    Reads are retried with backoff on connection errors, timeouts and 502/503/504, bounded in count
    and time. Writes are never retried here: a write whose outcome is unknown raises
    ``DokployConnectionError(outcome_unknown=True)`` and the caller looks the resource up before
    deciding anything (see engine/_resource.py).
    """

    def __init__(self, api_url, api_key, validate_certs=True, ca_path=None, timeout=30,
                 read_retries=3, retry_budget=60, session=None, secrets=None):
        if not HAS_REQUESTS:
            raise DokployError("the Python library 'requests' is required")
        self.base_url = normalize_api_url(api_url)
        self.api_key = api_key or ""
        self.timeout = timeout
        self.read_retries = read_retries
        self.retry_budget = retry_budget
        self.verify = (ca_path or True) if validate_certs else False
        self.session = session or requests.Session()
        self.session.headers.update({"x-api-key": self.api_key, "User-Agent": USER_AGENT, "Accept": "application/json"})
        self.secrets = set(s for s in (secrets or []) if s)
        if self.api_key:
            self.secrets.add(self.api_key)
        self.request_count = 0
        self._version = None

    # -- public calls -------------------------------------------------------------------------

    def get(self, procedure, params=None, timeout=None):
        """A tRPC query. ``params`` become flat query-string parameters (None values are left out)."""
        query = dict((k, self._query_value(v)) for k, v in (params or {}).items() if v is not None)
        attempt = 0
        started = time.time()
        while True:
            try:
                return self._call("GET", procedure, params=query, timeout=timeout)
            except DokployConnectionError:
                attempt += 1
                delay = min(0.5 * (2 ** (attempt - 1)), 8)
                if attempt > self.read_retries or time.time() - started + delay > self.retry_budget:
                    raise
                time.sleep(delay)

    def post(self, procedure, body, timeout=None):
        """A tRPC mutation. Never retried (see the class docstring)."""
        return self._call("POST", procedure, body=body, timeout=timeout)

    def version(self):
        """The server's version as a tuple, read once and only when something needs it."""
        if self._version is None:
            try:
                self._version = parse_version(self.get("settings.getDokployVersion"))
            except DokployNotFoundError:
                self._version = None
            if self._version is None:
                document = self.get("settings.getOpenApiDocument")
                info = document.get("info", {}) if isinstance(document, dict) else {}
                self._version = parse_version(info.get("version")) or (0, 0, 0)
        return self._version

    def require_version(self, minimum=MINIMUM_VERSION, feature="dokploy.dokploy"):
        version = self.version()
        if version < minimum:
            raise DokployError(
                "%s needs Dokploy v%s or newer (for environments); this server runs v%s. Upgrade Dokploy."
                % (feature, ".".join(str(v) for v in minimum), ".".join(str(v) for v in version)))

    def redact(self, text):
        """``text`` with the API key and every known secret replaced by a mask."""
        text = str(text)
        for secret in sorted(self.secrets, key=len, reverse=True):
            if len(secret) >= 3:
                text = text.replace(secret, MASK)
        return text

    # -- transport ----------------------------------------------------------------------------

    @staticmethod
    def _query_value(value):
        if isinstance(value, bool):
            return "true" if value else "false"
        return value

    def _call(self, method, procedure, params=None, body=None, timeout=None):
        url = "%s/%s" % (self.base_url, procedure)
        kwargs = {"params": params, "timeout": timeout or self.timeout, "verify": self.verify}
        if method == "POST":
            kwargs["data"] = json.dumps(body if body is not None else {})
            kwargs["headers"] = {"Content-Type": "application/json"}
        self.request_count += 1
        try:
            response = self.session.request(method, url, **kwargs)
        except requests.exceptions.SSLError as exc:
            raise DokployError(self.redact(self._tls_message(exc)), procedure=procedure)
        except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as exc:
            # A read timeout reached Dokploy, which may still be running the call: "could not reach" would mislead.
            reason = ("Dokploy at %s did not answer within %s seconds (the timeout option)" % (self.base_url, kwargs["timeout"])
                      if isinstance(exc, requests.exceptions.ReadTimeout) else "could not reach Dokploy at %s: %s" % (self.base_url, exc))
            raise DokployConnectionError(self.redact(reason), procedure=procedure, outcome_unknown=(method == "POST"))
        except requests.exceptions.RequestException as exc:
            # MissingSchema, InvalidURL, InvalidSchema...: nothing was sent.
            raise DokployError(self.redact(
                "cannot call Dokploy at %s (%s); set api_url to the server's URL, for example "
                "https://dokploy.example.com" % (self.base_url, exc)), procedure=procedure)
        if response.status_code >= 400:
            raise self._error(method, procedure, response)
        return self._decode(procedure, response)

    def _root_and_origin(self):
        """(api_url as given without /api, its scheme://host:port): what the client calls and its origin."""
        root = self.base_url[:-len("/api")]
        parts = urlsplit(root)
        return root, "%s://%s" % (parts.scheme, parts.netloc)

    def _tls_message(self, exc):
        root, origin = self._root_and_origin()
        reason = str(exc)
        if "CERTIFICATE_VERIFY_FAILED" in reason or "certificate verify failed" in reason:
            return ("TLS verification of %s failed (%s). Set ca_path to the CA bundle that signed the server's "
                    "certificate, or validate_certs: false for a test server." % (self.base_url, exc))
        # OpenSSL's reasons when the server answers a TLS hello with plain HTTP (3.0: WRONG_VERSION_NUMBER; 3.2
        # and newer may say RECORD_LAYER_FAILURE or "packet length too long"): validate_certs cannot help.
        if any(marker in reason for marker in _PLAIN_HTTP_MARKERS):
            return ("the server at %s speaks plain HTTP, not HTTPS (%s): use http://%s as api_url, or put Dokploy "
                    "behind a TLS-terminating proxy and use its https:// address."
                    % (urlsplit(root).netloc, exc, root.split("://", 1)[-1]))
        return "the TLS handshake with %s failed (%s); check that api_url's host and port serve HTTPS." % (origin, exc)

    def _not_the_api_message(self, response):
        """Why an HTML (or other non-JSON) answer is not Dokploy's API, and which api_url to use instead."""
        root, origin = self._root_and_origin()
        url = response.url or self.base_url
        if not _is_html(response):
            return ("the answer of %s is not Dokploy's API (content type %r); check api_url %s"
                    % (url, response.headers.get("Content-Type", ""), root))
        # Dokploy's web UI is a Next.js app: its pages (also its 404 page, for a path under the UI) carry these.
        web_ui = "__NEXT_DATA__" in response.text or "/_next/" in response.text
        if web_ui and root != origin:
            return ("api_url %s serves Dokploy's web UI, not its API (%s answered with an HTML page): set "
                    "api_url to %s, the server's address without a path; the modules call %s/api/<procedure>"
                    % (root, url, origin, origin))
        if web_ui:
            return ("%s answered with a page of Dokploy's web UI, not its API: check that %s/api/ reaches "
                    "Dokploy's API (a reverse proxy in front of Dokploy must pass /api/ on to it)" % (url, root))
        return ("api_url %s answered with an HTML page, not Dokploy's API (for %s): set api_url to the Dokploy "
                "server's address%s; the modules call <api_url>/api/<procedure>, which Dokploy answers with JSON"
                % (root, url, (", e.g. %s" % origin) if root != origin else ""))

    def _decode(self, procedure, response):
        text = response.text
        if not text.strip():
            return None  # procedures without a return value answer 200 with an empty body
        try:
            decoded = json.loads(text)
        except ValueError:
            content_type = response.headers.get("Content-Type", "")
            if "json" in content_type:
                raise DokployError(self.redact("Dokploy sent invalid JSON: %r" % text[:200]), status=response.status_code,
                                   procedure=procedure)
            raise DokployError(self.redact(self._not_the_api_message(response)), status=response.status_code,
                               procedure=procedure)
        self.secrets.update(secret_values(decoded, dotenv_values))
        return decoded

    def _error(self, method, procedure, response):
        status = response.status_code
        try:
            body = response.json()
        except ValueError:
            body = None
        message = body.get("message") if isinstance(body, dict) else None
        code = body.get("code") if isinstance(body, dict) else None
        if status in RETRYABLE_STATUSES:
            return DokployConnectionError(
                self.redact("Dokploy at %s is unavailable" % self.base_url),  # str() adds "(HTTP <status>)"
                status=status, procedure=procedure, outcome_unknown=(method == "POST"))
        if body is None and _is_html(response):
            return DokployError(self.redact(self._not_the_api_message(response)), status=status, procedure=procedure)
        if not isinstance(message, str):
            message = (response.text or response.reason or "HTTP %s" % status).strip()[:300]
        message = self.redact(_hide_sql_params(message))
        fields = [dict(e, message=self.redact(e["message"])) for e in field_errors_from_body(body)]
        if (status == 401 or status == 403) and not self.api_key:
            # A request without a key (dokploy_admin's sign-up, sign-in and session): no key's user to blame.
            return DokployAuthError(message, status=status, code=code, procedure=procedure)
        if status == 401 and message == "Unauthorized" and code is None:
            return DokployKeyRejectedError(UNAUTHORIZED_HINT, status=status, procedure=procedure)
        if status == 403 and LICENCE_WORDS in message:
            return DokployAuthError(message, status=status, code=code, procedure=procedure)
        if status == 401 or status == 403:
            return DokployAuthError(message + " (the API key's user lacks permission; use an owner or admin key)",
                                    status=status, code=code, procedure=procedure)
        if status == 404 and message == "Not found":
            return DokployNotFoundError(
                "Dokploy has no procedure %s %s; this Dokploy version may not have it yet (the collection "
                "supports v0.25.0 to v0.30.2; docs/dokploy-versions.md lists what each version brought) "
                "or api_url may not point at Dokploy" % (method, procedure),
                status=status, code=code, procedure=procedure)
        if status == 404:
            return DokployNotFoundError(message, status=status, code=code, procedure=procedure)
        if fields:
            return DokployValidationError(message, status=status, code=code, procedure=procedure, field_errors=fields)
        return DokployError(message, status=status, code=code, procedure=procedure)
