# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The checks of names and IDs, which every module's ``validate`` runs before any request (the options of services
have theirs in validation/_service_checks.py), and of what Traefik routes (host, port, path, certificate: domains and
an application's previews): a bad value fails with the same message in a single module and in a whole project;
each raises DokployParamError naming the option.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployParamError

# Dokploy's IDs are nanoid()s: letters, digits, "_" and "-". Anything else cannot name an object, so it is refused
# before any request instead of being answered "not found" (or sent into a query string).
DOKPLOY_ID = re.compile(r"^[A-Za-z0-9_-]+$")
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def check_ids(params, options):
    """Refuse an ID option (of ``options``) that cannot be a Dokploy ID."""
    for option in options:
        value = params.get(option)
        if value and not DOKPLOY_ID.match(value):
            raise DokployParamError("%s '%s' is not a Dokploy ID: IDs have only letters, digits, '_' and '-'"
                                    % (option, value), option=option)


def check_name(option, value):
    """Refuse a name that is empty or not one line (a newline or another control character)."""
    if value is None:
        return
    if not value.strip():
        raise DokployParamError("%s must not be empty" % option, option=option)
    if _CONTROL_CHARACTERS.search(value):
        raise DokployParamError("%s must be one line of text, without newlines or other control characters"
                                % option, option=option)


# -- routing: what Traefik is given for a domain (dokploy_domain) or for each preview of an application ------------

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
HOST = re.compile(r"^(?:\*\.)?%s(?:\.%s)*$" % (_LABEL, _LABEL))


def check_host(option, host):
    if not host or not host.strip():
        raise DokployParamError("%s must not be empty" % option, option=option)
    if "://" in host or not HOST.match(host) or len(host) > 253:
        raise DokployParamError("%s '%s' is not a valid host name: use only letters, digits, hyphens and dots "
                                "(no scheme, port or path), for example shop.example.com" % (option, host), option=option)


def check_port(option, port):
    if port is not None and not 1 <= port <= 65535:
        raise DokployParamError("%s must be between 1 and 65535, not %d" % (option, port), option=option)


def check_url_path(option, path):
    if path is None:
        return
    if not path.startswith("/"):
        raise DokployParamError("%s must start with '/', not '%s'" % (option, path), option=option)
    if ".." in path.split("/") or re.search(r"\s", path):
        raise DokployParamError("%s '%s' must be a URL path without spaces or '..' segments" % (option, path), option=option)


def check_certificate(params, prefix=""):
    """certificate_type against https and custom_cert_resolver (``prefix``: where the options stand, e.g. ``preview.``)."""
    if params.get("certificate_type") == "letsencrypt" and params.get("https") is not True:
        raise DokployParamError("%scertificate_type letsencrypt needs %shttps: true (Let's Encrypt certificates are for "
                                "HTTPS)" % (prefix, prefix), option=prefix + "certificate_type")
    if params.get("certificate_type") == "custom" and not params.get("custom_cert_resolver"):
        raise DokployParamError("%scertificate_type custom needs %scustom_cert_resolver" % (prefix, prefix),
                                option=prefix + "custom_cert_resolver")
