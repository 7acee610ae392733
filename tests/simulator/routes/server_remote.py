# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Outcome of the calls that leave Dokploy (docker login, the SSH setup of a server, notification and git provider
connection tests) and its control ``/__sim__/remote``.

Each outcome is "auto", "ok" or "fail". "auto" fails exactly when the host involved ends in `.invalid` (the TLD
RFC 2606 reserves for names that never resolve, the one the recordings used for an unreachable registry [1163]),
so a test can choose a failure through its input alone; "ok"/"fail" force the outcome of every later call.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time
from urllib.parse import urlsplit

from ..registry import control

OUTCOMES = ("auto", "ok", "fail")
# registry_login: registry.create/update/testRegistry/testRegistryById; server_setup: server.setup (and validate,
# security); notification_test: notification.test<Kind>Connection; git_test: <gitlab|gitea|bitbucket|github>.testConnection
KINDS = ("registry_login", "server_setup", "notification_test", "git_test")
DEFAULTS = dict((kind, "auto") for kind in KINDS)


def remote_config(sim):
    return sim.config.setdefault("remote", dict(DEFAULTS))


def host_of(value):
    """The host of a URL, a `host:port` or a bare host name."""
    value = (value or "").strip()
    if "://" in value:
        return urlsplit(value).hostname or ""
    return value.rsplit("@", 1)[-1].split("/", 1)[0].split(":", 1)[0]


def fails(ctx, kind, *hosts):
    """True when the call of this kind toward `hosts` fails, as configured."""
    mode = remote_config(ctx.sim).get(kind, "auto")
    if mode in ("ok", "fail"):
        return mode == "fail"
    return any(host_of(h).lower().rstrip(".").endswith(".invalid") for h in hosts if h)


def docker_time():
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def dns_error(host, scheme="https", path="/v2/"):
    """The resolver error Dokploy's host printed for an unknown name [1163]."""
    return 'Get "%s://%s%s": dial tcp: lookup %s on 10.255.255.53:53: no such host' % (scheme, host, path, host)


@control("remote")
def remote_control(sim, method, data):
    """``/__sim__/remote``: GET the outcomes; POST ``{"registry_login"?, "server_setup"?, "notification_test"?,
    "git_test"?}`` each "auto" | "ok" | "fail"; DELETE back to "auto"."""
    with sim.lock:
        cfg = remote_config(sim)
        if method == "GET":
            return 200, dict(cfg)
        if method == "DELETE":
            cfg.update(DEFAULTS)
            return 200, dict(cfg)
        if method == "POST":
            if not isinstance(data, dict) or any(k not in KINDS or v not in OUTCOMES for k, v in data.items()):
                return 400, {"message": "body: {%s} each one of %s" % (", ".join(KINDS), "|".join(OUTCOMES))}
            cfg.update(data)
            return 200, dict(cfg)
    return 405, {"message": "use GET, POST or DELETE"}
