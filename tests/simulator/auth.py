# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Users, sessions and API keys: what better-auth does in front of Dokploy's API.

Sources: Dokploy v0.30.2 `packages/server/src/lib/auth.ts` (the first sign-up becomes the owner of a new
organisation "My Organization"; later sign-ups without an invitation answer 400 "Admin is already created";
trusted origins are the server's own URL and its settings), `pages/register.tsx` (GET /register redirects to
"/" once an owner exists), `apps/dokploy/server/api/routers/user.ts` (createApiKey, deleteApiKey), and what
../shared/dokploy/REAL.md observed on a real server (the Origin header, the session cookie that the REST
API accepts, `rateLimitEnabled: false`). better-auth's own error bodies ({"code", "message"}) are from
better-auth 1.x; checked against the real server where tests/acceptance could (see the module's notes).

Users, organisations, members and keys are identity.py's tables; a password is the user row's ``_password`` (as
``user.createUserWithCredentials`` stores it). Sessions are ``_meta.sessions`` (token -> user id).
``POST /__sim__/users {"empty": true}`` empties them: a Dokploy whose database holds no user, where the simulator's own
key (the seeded owner's) no longer works either.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import secrets
from urllib.parse import urlsplit

from . import identity
from .identity import new_member, new_organization, new_user
from .registry import control
from .state import table

COOKIE = "better-auth.session_token"
MIN_PASSWORD = 8   # better-auth's defaults (emailAndPassword.minPasswordLength / maxPasswordLength)
MAX_PASSWORD = 128


def has_owner(sim):
    """services/admin.ts isAdminPresent: a member with the role owner exists (the seeded one is made on first use)."""
    identity.ensure(sim.state, sim.api_key)
    return any(m["role"] == "owner" for m in table(sim.state, "member").values())


def session_caller(state, cookie_header):
    """The caller of a valid session cookie (its user's default organisation), or None."""
    token = _cookie_token(cookie_header)
    user_id = state["_meta"].get("sessions", {}).get(token) if token else None
    if not user_id:
        return None
    members = [m for m in table(state, "member").values() if m["userId"] == user_id]
    if not members:
        return None
    member = sorted(members, key=lambda m: (not m.get("isDefault"), m["createdAt"]))[0]
    return {"userId": user_id, "organizationId": member["organizationId"], "role": member["role"], "apiKeyId": None}


def _cookie_token(cookie_header):
    for part in (cookie_header or "").split(";"):
        name, dummy, value = part.strip().partition("=")
        if name == COOKIE and value:
            return value.split(".", 1)[0]
    return None


def _send(h, entry, status, body, cookie=None, location=None):
    entry["status"] = status
    payload = json.dumps(body, separators=(",", ":")).encode("utf-8") if body is not None else b""
    h.send_response(status)
    if body is not None:
        h.send_header("Content-Type", "application/json")
    if cookie is not None:
        h.send_header("Set-Cookie", "%s=%s; Max-Age=604800; Path=/; HttpOnly; SameSite=Lax" % (COOKIE, cookie))
    if location is not None:
        h.send_header("Location", location)
    h.send_header("Content-Length", str(len(payload)))
    h.end_headers()
    if h.command != "HEAD":
        h.wfile.write(payload)
    return status


def _origin_problem(sim, h):
    """better-auth refuses a call from an origin it does not trust (403): the server's own URL is trusted.

    Observed on a real v0.30.2 (curl to /api/auth/sign-in/email): an untrusted Origin, or without one an untrusted
    Referer, answers 403 INVALID_ORIGIN; ``Origin: null``, or a Cookie without an Origin, 403 MISSING_OR_NULL_ORIGIN;
    a request with neither Origin, Referer nor Cookie is not checked; the own URL with a trailing slash passes."""
    origin = h.headers.get("Origin")
    referer = h.headers.get("Referer")
    if origin is None and referer:
        parts = urlsplit(referer)
        origin = "%s://%s" % (parts.scheme, parts.netloc)
    if origin is None and not h.headers.get("Cookie"):
        return None
    if not origin or origin == "null":
        return {"code": "MISSING_OR_NULL_ORIGIN", "message": "Missing or null Origin"}
    if origin.rstrip("/") != sim.url:
        return {"code": "INVALID_ORIGIN", "message": "Invalid origin"}
    return None


def _new_session(sim, user_id):
    token = secrets.token_urlsafe(24)
    sim.state["_meta"].setdefault("sessions", {})[token] = user_id
    return token, "%s.%s" % (token, secrets.token_urlsafe(32))


def _user_body(user):
    return {"id": user["id"], "email": user["email"], "name": user["firstName"], "image": None,
            "emailVerified": user.get("emailVerified", False), "createdAt": user["createdAt"], "updatedAt": user["updatedAt"]}


def handle(sim, h, procedure, raw, entry):
    """``/api/auth/<path>`` (better-auth's handler): sign-up, sign-in and sign-out by e-mail."""
    path = procedure[len("auth/"):]
    try:
        data = json.loads(raw.decode("utf-8")) if raw.strip() else {}
    except ValueError:
        data = None
    if isinstance(entry.get("body"), dict) and "password" in entry["body"]:
        entry["body"] = dict(entry["body"], password="********")  # the request log never shows a password
    if h.command != "POST" or path not in ("sign-up/email", "sign-in/email", "sign-out"):
        return _send(h, entry, 404, None)
    if not isinstance(data, dict):
        return _send(h, entry, 400, {"code": "VALIDATION_ERROR", "message": "Invalid body"})
    problem = _origin_problem(sim, h)
    if problem:
        return _send(h, entry, 403, problem)
    with sim.lock:
        state = sim.state
        if path == "sign-out":
            state["_meta"].get("sessions", {}).pop(_cookie_token(h.headers.get("Cookie")), None)
            return _send(h, entry, 200, {"success": True}, cookie="")
        email = data.get("email")
        password = data.get("password")
        if not isinstance(email, str) or "@" not in email or not isinstance(password, str):
            return _send(h, entry, 400, {"code": "VALIDATION_ERROR", "message": "Invalid email or password"})
        email = email.strip().lower()
        users = [u for u in table(state, "user").values() if u["email"] == email]
        if path == "sign-in/email":
            if not users or users[0].get("_password") != password:
                return _send(h, entry, 401, {"code": "INVALID_EMAIL_OR_PASSWORD", "message": "Invalid email or password"})
            token, cookie = _new_session(sim, users[0]["id"])
            sim.save_state() if sim.state_file else None
            return _send(h, entry, 200, {"redirect": False, "token": token, "url": None, "user": _user_body(users[0])},
                         cookie=cookie)
        # sign-up: the first user becomes the owner of "My Organization"; afterwards only an invitation lets anyone in
        if has_owner(sim):
            return _send(h, entry, 400, {"message": "Admin is already created"})
        if users:
            return _send(h, entry, 422, {"code": "USER_ALREADY_EXISTS", "message": "User already exists"})
        if len(password) < MIN_PASSWORD:
            return _send(h, entry, 400, {"code": "PASSWORD_TOO_SHORT", "message": "Password too short"})
        if len(password) > MAX_PASSWORD:
            return _send(h, entry, 400, {"code": "PASSWORD_TOO_LONG", "message": "Password too long"})
        name = data.get("name")
        if not isinstance(name, str):
            return _send(h, entry, 400, {"code": "VALIDATION_ERROR", "message": "name is required"})
        user = new_user(state, email, first_name=name, last_name=data.get("lastName") or "")
        user["_password"] = password
        organization = new_organization(state, "My Organization", user["id"])
        new_member(state, organization["id"], user["id"], "owner", is_default=True)
        token, cookie = _new_session(sim, user["id"])
        sim.save_state() if sim.state_file else None
        return _send(h, entry, 200, {"token": token, "user": _user_body(user)}, cookie=cookie)


def register_page(sim, h):
    """GET /register: the sign-up page while no owner exists, else a redirect to "/" (pages/register.tsx)."""
    entry = {"method": h.command, "path": "/register", "query": {}, "body": None, "status": None}
    with sim.lock:
        sim._log.append(entry)  # pylint: disable=protected-access
        owner_exists = has_owner(sim)
    if owner_exists:
        return _send(h, entry, 307, None, location="/")
    entry["status"] = 200
    payload = b"<!DOCTYPE html><html><head><title>Dokploy</title></head><body>register</body></html>"
    h.send_response(200)
    h.send_header("Content-Type", "text/html; charset=utf-8")
    h.send_header("Content-Length", str(len(payload)))
    h.end_headers()
    if h.command != "HEAD":
        h.wfile.write(payload)
    return 200


@control("users")
def users_control(sim, method, data):
    """``GET /__sim__/users``: the users' e-mails, the owners, sessions and keys' names;
    ``POST /__sim__/users {"empty": true}``: a Dokploy whose database holds no user (no member, session or key)."""
    with sim.lock:
        state = sim.state
        if method == "POST":
            if not isinstance(data, dict) or data.get("empty") is not True:
                return 400, {"message": 'body must be {"empty": true}'}
            for name in ("user", "member", "organization", "apikey", "invitation"):
                state[name] = {}
            state["_meta"].update(noSeed=True, sessions={})
            sim.save_state() if sim.state_file else None
        else:
            identity.ensure(state, sim.api_key)
        owners = [m["userId"] for m in table(state, "member").values() if m["role"] == "owner"]
        return 200, {"users": [u["email"] for u in table(state, "user").values()],
                     "owners": [table(state, "user")[u]["email"] for u in owners if u in table(state, "user")],
                     "sessions": len(state["_meta"].get("sessions", {})),
                     "apiKeys": [row["name"] for row in table(state, "apikey").values()]}
