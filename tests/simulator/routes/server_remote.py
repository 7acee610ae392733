# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Outcome of the calls that leave Dokploy (docker login, the SSH setup of a server, notification and git provider
connection tests) and its control ``/__sim__/remote``.

Each outcome is "auto", "ok" or "fail"; "ok"/"fail" force the outcome of every later call. "auto" lets the input
decide, as the recording host did (no internet, nothing listening on SSH), so that a test chooses a failure through
its input alone:
* a host name reserved by RFC 2606 / RFC 6761 never resolves: the TLDs `.invalid`, `.test`, `.example` and the
  domains example.com/.net/.org with their subdomains (docker login to registry.example.com [505, 517] and to
  registry.example.invalid [1163] failed, to the stub registry 127.0.0.1:5999 succeeded [508, 1161]);
* SSH to a loopback address is refused: the simulator's own host runs no SSH server (127.0.0.1:2222 [443, 1142]).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import ipaddress
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


RESERVED_TLDS = ("invalid", "test", "example")
RESERVED_DOMAINS = ("example.com", "example.net", "example.org")


def never_resolves(host):
    name = host_of(host).lower().rstrip(".")
    return name.rsplit(".", 1)[-1] in RESERVED_TLDS or any(name == d or name.endswith("." + d) for d in RESERVED_DOMAINS)


def _loopback(host):
    name = host_of(host)
    if name.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def failure(ctx, kind, host, port=None):
    """Why the call of this kind toward `host` fails (node's error text), or None when it succeeds."""
    mode = remote_config(ctx.sim).get(kind, "auto")
    if mode == "ok" or (mode == "auto" and not host):
        return None
    if mode == "auto" and never_resolves(host):
        return "getaddrinfo ENOTFOUND %s" % host_of(host)
    if mode == "fail" or (kind == "server_setup" and _loopback(host)):
        return "connect ECONNREFUSED %s" % (host_of(host) if port is None else "%s:%s" % (host_of(host), port))
    return None


def fails(ctx, kind, *hosts):
    """True when the call of this kind toward any of `hosts` fails, as configured."""
    if remote_config(ctx.sim).get(kind, "auto") == "fail":
        return True
    return any(failure(ctx, kind, h) for h in hosts if h)


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
