# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The first owner of a Dokploy and an API key, without a browser (the module dokploy_admin).

What Dokploy's sign-up page does (v0.30.2 ``pages/register.tsx``, ``packages/server/src/lib/auth.ts``; observed
in ../shared/dokploy/REAL.md): ``POST /api/auth/sign-up/email`` with an ``Origin`` header equal to the server's
own URL makes the first user the owner of a new organisation and answers with a session cookie; the REST API
accepts that cookie; ``user.createApiKey`` with ``metadata.organizationId`` and ``rateLimitEnabled: false``
makes a key that works for the REST API (a rate-limited key stops after five calls a day).
``GET /register`` tells, without a write, whether an owner exists: the page answers while there is none and
redirects to ``/`` once there is one.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import (
    DokployAuthError,
    DokployClient,
    DokployConnectionError,
    DokployError,
    DokployParamError,
)

try:
    from urllib.parse import urlsplit
except ImportError:  # pragma: no cover - Python 2 is not supported; keeps the sanity import test quiet
    from urlparse import urlsplit  # type: ignore

API_KEY_NAME_MAX = 32  # user.createApiKey: name maxLength 32
PASSWORD_MIN = 8       # better-auth's default minimum password length
ORIGIN_REFUSALS = ("INVALID_ORIGIN", "MISSING_OR_NULL_ORIGIN")  # better-auth's origin check (Admin._fail_on_origin)


def argument_spec():
    return dict(
        api_url=dict(type="str", required=True),
        validate_certs=dict(type="bool", default=True),
        ca_path=dict(type="path"),
        timeout=dict(type="int", default=120),
        origin=dict(type="str"),
        email=dict(type="str", required=True),
        password=dict(type="str", required=True, no_log=True),
        name=dict(type="str", default="Admin"),
        api_key_name=dict(type="str", default="ansible"),
        key_file=dict(type="path"),  # the action plugin writes it on the controller (plugin_utils/secret_file.py)
        rotate=dict(type="bool", default=False),
    )


def validate(params):
    """Every problem of the parameters, before any request."""
    email = (params.get("email") or "").strip()
    if "@" not in email or email.startswith("@") or email.endswith("@"):
        raise DokployParamError("email must be an e-mail address, for example admin@example.com", option="email")
    if len(params.get("password") or "") < PASSWORD_MIN:
        raise DokployParamError("password must have at least %d characters (Dokploy's sign-up refuses shorter ones)"
                                % PASSWORD_MIN, option="password")
    name = (params.get("api_key_name") or "").strip()
    if not name or len(name) > API_KEY_NAME_MAX:
        raise DokployParamError("api_key_name must have 1 to %d characters" % API_KEY_NAME_MAX, option="api_key_name")
    if not (params.get("name") or "").strip():
        raise DokployParamError("name must not be empty", option="name")
    if params.get("timeout") is not None and params["timeout"] <= 0:
        raise DokployParamError("timeout must be a positive number of seconds", option="timeout")
    url = urlsplit(params.get("api_url") or "")
    if url.scheme not in ("http", "https") or not url.netloc:
        raise DokployParamError("api_url must be the server's URL, for example https://dokploy.example.com or "
                                "http://203.0.113.10:3000", option="api_url")


def origin_of(api_url):
    """``scheme://host[:port]`` of the server: better-auth trusts its own URL as an origin."""
    url = urlsplit(api_url)
    return "%s://%s" % (url.scheme, url.netloc)


class Admin(object):
    """One run of dokploy_admin: ``run()`` returns the result dict or raises DokployError."""

    def __init__(self, params, check_mode=False, warn=None, client=None):
        self.params = params
        self.check_mode = check_mode
        self.warn = warn or (lambda msg: None)
        self.origin = (params.get("origin") or origin_of(params["api_url"])).rstrip("/")
        self.client = client or DokployClient(
            api_url=params["api_url"], api_key=None, validate_certs=params["validate_certs"],
            ca_path=params.get("ca_path"), timeout=params["timeout"], secrets=[params["password"]])
        # No API key yet: the session cookie that sign-up or sign-in sets authenticates every later call.
        self.client.session.headers.pop("x-api-key", None)
        self.client.session.headers["Origin"] = self.origin
        self.signed_in = False

    # -- reads ---------------------------------------------------------------------------------------

    def has_owner(self):
        """Whether Dokploy's database holds its owner: GET /register (no write, no authentication)."""
        url = "%s/register" % self.client.base_url[:-len("/api")]
        try:
            response = self.client.session.get(url, allow_redirects=False, timeout=self.params["timeout"],
                                               verify=self.client.verify)
        except Exception as exc:  # requests' ConnectionError, Timeout, SSLError...: nothing was changed
            raise DokployConnectionError(
                "Dokploy does not answer at %s (%s); check api_url and that Dokploy is running (its port, by "
                "default 3000, must be reachable from the controller)" % (self.client.base_url, exc))
        if response.status_code == 200:
            return False
        if response.status_code in (301, 302, 303, 307, 308):
            return True
        raise DokployError("%s answered HTTP %s: that is not a Dokploy sign-up page; check api_url"
                           % (url, response.status_code), status=response.status_code)

    # -- authentication ------------------------------------------------------------------------------

    def sign_up(self):
        body = {"email": self.params["email"].strip(), "password": self.params["password"], "name": self.params["name"]}
        try:
            answer = self.client.post("auth/sign-up/email", body)
        except DokployError as error:
            self._fail_on_origin(error, "sign-up")
            raise DokployError(
                "Dokploy refused to create its first user %s: %s. If an owner was created meanwhile, run again "
                "with its credentials." % (body["email"], error), status=error.status)
        self.signed_in = True
        return answer.get("user") if isinstance(answer, dict) else None

    def sign_in(self):
        body = {"email": self.params["email"].strip(), "password": self.params["password"]}
        try:
            answer = self.client.post("auth/sign-in/email", body)
        except DokployError as error:
            self._fail_on_origin(error, "sign-in")
            if error.status == 401:
                raise DokployAuthError(
                    "Dokploy already has its owner, and %s with the given password does not sign in (wrong e-mail "
                    "or password). Give the owner's credentials; the password is not shown." % body["email"],
                    status=401)
            raise DokployError("signing in to Dokploy as %s failed: %s" % (body["email"], error),
                               status=error.status)
        self.signed_in = True
        return answer.get("user") if isinstance(answer, dict) else None

    def sign_out(self):
        if self.signed_in:
            try:
                self.client.post("auth/sign-out", {})
            except DokployError:
                pass  # a leftover session expires by itself; the work is done
            self.signed_in = False

    def _fail_on_origin(self, error, what):
        """better-auth's origin check refused the request: say which Origin and what to set.

        Observed on v0.30.2 (curl to /api/auth/sign-in/email): an Origin (or, without one, a Referer) it does not
        trust answers 403 {"message": "Invalid origin", "code": "INVALID_ORIGIN"}; ``Origin: null``, or a cookie
        without an Origin, 403 "Missing or null Origin" (MISSING_OR_NULL_ORIGIN); its own URL with or without a
        trailing slash passes. The trusted ones (packages/server/src/lib/auth.ts): the URL Dokploy is reached at,
        http://<server IP>:3000, https://<its domain>, and the owner's trusted origins (enterprise SSO settings)."""
        if error.status != 403 or error.code not in ORIGIN_REFUSALS:
            return
        raise DokployAuthError(
            "Dokploy refused the %s because of the request's Origin header '%s' (%s): it accepts a sign-up or "
            "sign-in only from an origin it trusts: the URL it is reached at, http://<server IP>:3000 and "
            "https://<its domain>. Set the module's origin option to the URL you open Dokploy at in a browser "
            "(by default origin is api_url's scheme, host and port; set it when the controller reaches Dokploy "
            "through a tunnel or a proxy)" % (what, self.origin, error.message),
            status=error.status, code=error.code)

    # -- keys ------------------------------------------------------------------------------------------

    def organization_id(self, user_id):
        organizations = self.client.get("organization.all") or []
        if not organizations:
            raise DokployError("the owner belongs to no organisation (organization.all answered none)")
        for organization in organizations:
            if user_id and organization.get("ownerId") == user_id:
                return organization["id"]
        return organizations[0]["id"]

    def keys_named(self, name):
        member = self.client.get("user.get") or {}
        keys = (member.get("user") or {}).get("apiKeys") or []
        return [key for key in keys if key.get("name") == name]

    def create_key(self, organization_id):
        answer = self.client.post("user.createApiKey", {
            "name": self.params["api_key_name"].strip(),
            "metadata": {"organizationId": organization_id},
            # without it better-auth limits the key to ten verifications a day (five REST calls)
            "rateLimitEnabled": False,
        })
        if not isinstance(answer, dict) or not answer.get("key"):
            raise DokployError("user.createApiKey answered without a key")
        self.client.secrets.add(answer["key"])
        return answer

    # -- the run ---------------------------------------------------------------------------------------

    def run(self):
        p = self.params
        name = p["api_key_name"].strip()
        result = dict(changed=False, owner_created=False, api_key=None, api_key_name=name, api_key_id=None,
                      api_key_created=False, user_id=None, organization_id=None)
        if not self.has_owner():
            result.update(changed=True, owner_created=True, api_key_created=True)
            if self.check_mode:
                result["msg"] = "Dokploy has no user: the owner %s and the API key %s would be created" % (
                    p["email"].strip(), name)
                return result
            user = self.sign_up() or {}
            result["user_id"] = user.get("id")
            try:
                result["organization_id"] = self.organization_id(user.get("id"))
                key = self.create_key(result["organization_id"])
            except DokployError as error:
                # the owner exists now: the failure says so (changed), and a second run signs in and makes the key
                raise DokployError(
                    "the owner %s was created, but the API key was not: %s. Run again with the same credentials: "
                    "the module signs in and creates the key." % (p["email"].strip(), error), status=error.status,
                    result=dict(result, api_key_created=False))
            finally:
                self.sign_out()
            return self._deliver(result, key, "the owner %s and the API key %s were created" % (p["email"].strip(), name))

        # An owner exists: sign in (a session, not a change of anything this module manages; check mode too,
        # since only a signed-in user can see whether the key exists).
        user = self.sign_in() or {}
        result["user_id"] = user.get("id")
        try:
            result["organization_id"] = self.organization_id(user.get("id"))
            existing = self.keys_named(name)
            if existing and not p["rotate"]:
                result["api_key_id"] = existing[0].get("id")
                result["msg"] = ("the API key %s exists; Dokploy keeps only its hash, so its secret cannot be read "
                                 "back (rotate: true replaces it with a new one)" % name)
                return result
            result.update(changed=True, api_key_created=True)
            if self.check_mode:
                result["msg"] = ("the API key %s would be replaced" if existing else "the API key %s would be created") % name
                return result
            for old in existing:  # rotate: the new key first would leave two of the same name if the delete failed
                self.client.post("user.deleteApiKey", {"apiKeyId": old["id"]})
            key = self.create_key(result["organization_id"])
        finally:
            self.sign_out()
        return self._deliver(result, key, ("the API key %s was replaced" if existing else "the API key %s was created") % name)

    def _deliver(self, result, key, msg):
        # with key_file, the action plugin moves the key from the result into the file on the controller
        result.update(api_key_id=key.get("id"), api_key=key["key"], msg=msg)
        return result
