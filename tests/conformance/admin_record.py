# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Record the administration procedures (issue 21) on a real Dokploy and compare the simulator with it.

    python tests/conformance/admin_record.py URL KEY_FILE [--out exchanges.jsonl]

Runs one sequence of calls (users, keys, organisations, the server's settings read-only, AI and vault providers) on
the real server, every object it makes deleted again, then the same sequence on a fresh simulator, each side with
the IDs its own answers gave; prints per call whether the status and the shape of the answer (keys, types) agree,
and the totals. Writes the real exchanges (API key redacted) as JSON lines like simulator/data/exchanges-*.jsonl.
It changes nothing durable on the real server: no Traefik, domain, IP or cleanup write is sent.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

TESTS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, TESTS_DIR)

from simulator import Simulator  # noqa: E402  pylint: disable=wrong-import-position

EMAIL = "i21-recording@example.com"
PERMISSIONS = dict(accessedProjects=[], accessedEnvironments=[], accessedServices=[], accessedGitProviders=[],
                   accessedServers=[], canCreateProjects=True, canCreateServices=False, canDeleteProjects=False,
                   canDeleteServices=False, canAccessToDocker=False, canAccessToTraefikFiles=False,
                   canAccessToAPI=False, canAccessToSSHKeys=False, canAccessToGitProviders=False,
                   canDeleteEnvironments=False, canCreateEnvironments=False)
VAULT = {"providerType": "hashicorp", "url": "https://vault.example.com", "token": "hvs.recording-token-0001"}

# (title, method, procedure, body or query as a function of what earlier answers gave (``ids``), what to keep)
STEPS = [
    ("the key's member record", "GET", "user.get", None,
     lambda a, ids: ids.update(org=a["organizationId"], me=a["userId"])),
    ("members", "GET", "user.all", None, None),
    ("organisations", "GET", "organization.all", None, None),
    ("whole API key rows", "GET", "user.getBackups", None, None),
    ("a key, no rate limit, 30 days", "POST", "user.createApiKey",
     lambda ids: {"name": "i21-rec", "metadata": {"organizationId": ids["org"]}, "rateLimitEnabled": False,
                  "expiresIn": 2592000}, lambda a, ids: ids.update(key=a["id"])),
    ("a key named with 33 characters", "POST", "user.createApiKey",
     lambda ids: {"name": "k" * 33, "metadata": {"organizationId": ids["org"]}}, None),
    ("a key that expires in a minute", "POST", "user.createApiKey",
     lambda ids: {"name": "i21-short", "metadata": {"organizationId": ids["org"]}, "expiresIn": 60,
                  "rateLimitEnabled": False}, lambda a, ids: ids.update(short=(a or {}).get("id"))),
    ("the key lists", "GET", "user.get", None, None),
    ("delete the key", "POST", "user.deleteApiKey", lambda ids: {"apiKeyId": ids["key"]}, None),
    ("a member with a password", "POST", "user.createUserWithCredentials",
     lambda ids: {"email": EMAIL.upper(), "password": "password-1234", "role": "member"},
     lambda a, ids: ids.update(user=a["userId"])),
    ("the same e-mail again", "POST", "user.createUserWithCredentials",
     lambda ids: {"email": EMAIL, "password": "password-1234", "role": "member"}, None),
    ("members with the new one", "GET", "user.all", None,
     lambda a, ids: ids.update(member=[m["id"] for m in a if m["userId"] == ids["user"]][0])),
    ("permissions, one flag only", "POST", "user.assignPermissions",
     lambda ids: {"id": ids["user"], "canCreateProjects": True}, None),
    ("permissions, every field", "POST", "user.assignPermissions", lambda ids: dict(PERMISSIONS, id=ids["user"]), None),
    ("make the member an admin", "POST", "organization.updateMemberRole",
     lambda ids: {"memberId": ids["member"], "role": "admin"}, None),
    ("invite someone", "POST", "organization.inviteMember",
     lambda ids: {"email": "i21-invited@example.com", "role": "member"}, lambda a, ids: ids.update(invitation=a["id"])),
    ("invitations", "GET", "organization.allInvitations", None, None),
    ("withdraw the invitation", "POST", "organization.removeInvitation",
     lambda ids: {"invitationId": ids["invitation"]}, None),
    ("remove the member", "POST", "user.remove", lambda ids: {"userId": ids["user"]}, None),
    ("remove the owner", "POST", "user.remove", lambda ids: {"userId": ids["me"]}, None),
    ("an organisation", "POST", "organization.create", lambda ids: {"name": "i21-recording"},
     lambda a, ids: ids.update(new_org=a["id"])),
    ("rename it, default role member", "POST", "organization.update",
     lambda ids: {"organizationId": ids["new_org"], "name": "i21-recording-2", "defaultRole": "member"}, None),
    ("a logo without the name", "POST", "organization.update",
     lambda ids: {"organizationId": ids["new_org"], "logo": "https://example.com/logo.png"}, None),
    ("delete it", "POST", "organization.delete", lambda ids: {"organizationId": ids["new_org"]}, None),
    ("the licence", "GET", "licenseKey.haveValidLicenseKey", None, None),
    ("web server settings", "GET", "settings.getWebServerSettings", None, None),
    ("log cleanup", "GET", "settings.getLogCleanupStatus", None, None),
    ("Traefik's ports", "GET", "settings.getTraefikPorts", None, None),
    ("the dashboard", "GET", "settings.haveTraefikDashboardPortEnabled", None, None),
    ("request logging", "GET", "settings.haveActivateRequests", None, None),
    ("remote servers only without a licence", "POST", "settings.updateRemoteServersOnly",
     lambda ids: {"remoteServersOnly": False}, None),
    ("builds concurrency 0", "POST", "settings.updateBuildsConcurrency", lambda ids: {"buildsConcurrency": 0}, None),
    ("an AI provider", "POST", "ai.create",
     lambda ids: {"name": "i21-ai", "apiUrl": "https://api.example.com/v1", "apiKey": "sk-recording-0001",
                  "model": "gpt-4o", "isEnabled": True}, None),
    ("AI providers", "GET", "ai.getAll", None,
     lambda a, ids: ids.update(ai=[p["aiId"] for p in a if p["name"] == "i21-ai"][0])),
    ("switch it off alone", "POST", "ai.update", lambda ids: {"aiId": ids["ai"], "isEnabled": False}, None),
    ("every field", "POST", "ai.update",
     lambda ids: {"aiId": ids["ai"], "name": "i21-ai", "apiUrl": "https://api.example.com/v1",
                  "apiKey": "sk-recording-0001", "model": "gpt-4o-mini", "isEnabled": False}, None),
    ("delete it", "POST", "ai.delete", lambda ids: {"aiId": ids["ai"]}, None),
    ("a vault provider", "POST", "vaultProvider.create",
     lambda ids: {"name": "i21-vault", "config": VAULT, "assignments": []}, lambda a, ids: ids.update(vault=a["vaultProviderId"])),
    ("a second one of the name", "POST", "vaultProvider.create",
     lambda ids: {"name": "i21-vault", "config": VAULT, "assignments": []}, None),
    ("vault providers", "GET", "vaultProvider.all", None, None),
    ("update, the secret as the mask", "POST", "vaultProvider.update",
     lambda ids: {"vaultProviderId": ids["vault"], "name": "i21-vault",
                  "config": dict(VAULT, token="********", mount="kv"), "assignments": []}, None),
    ("remove it", "POST", "vaultProvider.remove", lambda ids: {"vaultProviderId": ids["vault"]}, None),
]


def call(url, key, method, procedure, body):
    target = "%s/api/%s" % (url.rstrip("/"), procedure)
    data = None
    headers = {"x-api-key": key, "Accept": "application/json"}
    if method == "GET" and body:
        target += "?" + urllib.parse.urlencode(body)
    elif method == "POST":
        data = json.dumps(body or {}).encode("utf-8")
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(target, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=120) as answer:
            status, ctype, raw = answer.status, answer.headers.get("Content-Type"), answer.read()
    except urllib.error.HTTPError as error:
        status, ctype, raw = error.code, error.headers.get("Content-Type"), error.read()
    text = raw.decode("utf-8", "replace")
    try:
        parsed = json.loads(text) if text else None
    except ValueError:
        parsed = text
    return status, ctype, parsed


def run(url, key):
    ids, exchanges = {}, []
    for seq, (title, method, procedure, body_of, keep) in enumerate(STEPS, 1):
        try:
            body = body_of(ids) if body_of else None
        except (KeyError, IndexError, TypeError):
            exchanges.append(None)   # an earlier step failed on this side
            continue
        status, ctype, answer = call(url, key, method, procedure, body)
        if keep and status == 200:
            try:
                keep(answer, ids)
            except (KeyError, IndexError, TypeError):
                pass
        exchanges.append({"seq": 2100 + seq, "title": title,
                          "request": {"method": method, "path": "/api/" + procedure, "query": {},
                                      "headers": {"x-api-key": "<API_KEY>"}, "body": body},
                          "response": {"status": status, "content_type": ctype, "body": answer}})
    if ids.get("short"):   # a key the server should have refused
        call(url, key, "POST", "user.deleteApiKey", {"apiKeyId": ids["short"]})
    return exchanges


def differences(real, simulated, path=""):
    """Where the shapes differ: a key only one side has, or a value of another type. Lists compare their first
    items, and only when both have some (what a list holds depends on what the server holds)."""
    found = []
    if isinstance(real, dict) and isinstance(simulated, dict):
        for key in sorted(set(real) | set(simulated)):
            if key not in simulated:
                found.append("%s.%s only on the real server" % (path, key))
            elif key not in real:
                found.append("%s.%s only in the simulator" % (path, key))
            else:
                found.extend(differences(real[key], simulated[key], "%s.%s" % (path, key)))
    elif isinstance(real, list) and isinstance(simulated, list):
        if real and simulated:
            found.extend(differences(real[0], simulated[0], path + "[0]"))
    elif real is not None and simulated is not None and type(real) is not type(simulated):
        found.append("%s: %s on the real server, %s in the simulator"
                     % (path or "answer", type(real).__name__, type(simulated).__name__))
    return found


def redacted(exchange):
    """The exchange without the secret of a new API key (returned only by user.createApiKey)."""
    body = exchange["response"]["body"]
    if isinstance(body, dict) and "key" in body and exchange["request"]["path"] == "/api/user.createApiKey":
        exchange["response"]["body"] = dict(body, key="<NEW_API_KEY>", start="<START>")
    return exchange


def main():
    url, key_file = sys.argv[1], sys.argv[2]
    out = sys.argv[sys.argv.index("--out") + 1] if "--out" in sys.argv else None
    with open(key_file) as handle:
        key = handle.read().strip()
    real = run(url, key)
    with Simulator(api_key="recording-key") as sim:
        simulated = run(sim.url, "recording-key")
    same_status = same_shape = compared = 0
    for got, want in zip(simulated, real):
        if want is None or got is None:
            print("--  %s: not run on one side" % (want or got)["title"])
            continue
        compared += 1
        status_ok = got["response"]["status"] == want["response"]["status"]
        problems = differences(want["response"]["body"], got["response"]["body"]) \
            if status_ok and want["response"]["status"] == 200 else []
        shape_ok = status_ok and not problems
        same_status += status_ok
        same_shape += shape_ok
        print("%s %s %s (%s): real %s, simulator %s%s" % (
            "OK" if shape_ok else "!!", want["seq"], want["request"]["path"], want["title"], want["response"]["status"],
            got["response"]["status"], "".join("\n     " + p for p in problems) if status_ok else
            "\n     real: %s" % json.dumps(want["response"]["body"])[:300]))
    print("compared %d calls: status agrees %d, status and shape agree %d" % (compared, same_status, same_shape))
    if out:
        with open(out, "w") as handle:
            for exchange in real:
                if exchange is not None:
                    handle.write(json.dumps(redacted(exchange)) + "\n")


if __name__ == "__main__":
    main()
