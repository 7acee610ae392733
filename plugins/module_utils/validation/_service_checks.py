# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The checks of a service's options that need no request: env, Git URLs and branches, image references, resource
limits (names and IDs: validation/_checks.py). A service's ``validate`` runs them before any request; each raises
DokployParamError naming the option.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import math
import re

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine import _dotenv as dotenv
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployParamError


def check_env_option(option, value):
    """An env-like option: a dict of variables (string, number or boolean values) or a dotenv string."""
    if value is None or isinstance(value, str):
        return
    if not isinstance(value, dict):
        raise DokployParamError("%s must be a dict of variables or a dotenv string, not %s" % (option, type(value).__name__),
                                option=option)
    try:
        dotenv.validate_keys(list(value))
        dotenv.validate_values(value)
    except dotenv.DotenvError as error:
        raise DokployParamError("%s: %s" % (option, error), option=option)


# A Git URL Dokploy can clone: http(s)://, ssh:// or git://, or scp-like user@host:path. A local path or file://
# would clone from the Dokploy server's own disk.
GIT_URL = re.compile(r"^(?:(?:https?|ssh|git)://[^\s/@]+(?:@[^\s/]+)?(?:/\S*)?|[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:\S+)$")
# What git refuses in a branch name (git check-ref-format): whitespace, control characters, ~^:?*[\ and "..".
GIT_BAD_BRANCH = re.compile(r"[\s\x00-\x1f\x7f~^:?*\[\\]|\.\.")


def check_git_url(option, value):
    if value is not None and not GIT_URL.match(value):
        raise DokployParamError("%s '%s' is not a Git URL Dokploy can clone: use https://host/owner/repo.git, "
                                "ssh://git@host/owner/repo.git or git@host:owner/repo.git" % (option, value), option=option)


def check_branch(option, value, pattern=None):
    """Refuse a branch name git refuses, or one that does not match ``pattern`` (Dokploy's, where it has one)."""
    if value is not None and (GIT_BAD_BRANCH.search(value) or (pattern is not None and not pattern.match(value))):
        raise DokployParamError("%s '%s' is not a valid branch name: use letters, digits and . _ - / #"
                                % (option, value), option=option)


def check_repository_path(option, value):
    """Refuse a path inside the service's repository that climbs out of it (a ``..`` segment)."""
    if value is not None and ".." in value.replace("\\", "/").split("/"):
        raise DokployParamError("%s '%s' must stay inside the repository: no '..' segments" % (option, value),
                                option=option)


# An image reference: [registry[:port]/]path[:tag][@digest], no spaces or shell characters.
IMAGE = re.compile(r"^[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*"
                   r"(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@[a-z0-9]+:[a-f0-9]{32,})?$")


# Dokploy's pattern for an application's branch (openapi.json, application.saveGitProvider and save*Provider).
BRANCH = re.compile(r"^[a-zA-Z0-9._\-/#]+$")


def check_image(option, value):
    if value is not None and (len(value) > 512 or not IMAGE.match(value)):
        raise DokployParamError("%s '%s' is not a valid Docker image reference; expected [registry/]name[:tag][@digest], "
                                "for example nginx:1.27-alpine or registry.example.com/team/app:1.0" % (option, value),
                                option=option)


# -- resource limits ---------------------------------------------------------------------------------------------

_MEMORY_UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1024, "ki": 1024, "kib": 1024, "m": 1024 ** 2, "mb": 1024 ** 2,
                 "mi": 1024 ** 2, "mib": 1024 ** 2, "g": 1024 ** 3, "gb": 1024 ** 3, "gi": 1024 ** 3, "gib": 1024 ** 3,
                 "t": 1024 ** 4, "tb": 1024 ** 4, "ti": 1024 ** 4, "tib": 1024 ** 4}
NANO = 10 ** 9


def _number_and_unit(text):
    text = str(text).strip()
    number = text.rstrip("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ").strip()
    try:
        return float(number), text[len(number):].strip().lower()
    except ValueError:
        return None, None


def memory_bytes(option, value):
    """``512M``, ``1.5G``, ``1GiB`` or a number of bytes -> the number of bytes as Dokploy stores it (a string)."""
    if value is None or value == "":
        return value
    number, unit = _number_and_unit(value)
    if number is None or unit not in _MEMORY_UNITS or number < 0:
        raise DokployParamError("%s must be a size such as 512M, 1.5G or a number of bytes, not '%s'" % (option, value),
                                option=option)
    return str(int(round(number * _MEMORY_UNITS[unit])))


def nano_cpus(option, value):
    """``0.5`` or ``2`` CPUs (below 1000) or a whole number of nano CPUs (1000 and more) -> nano CPUs (a string)."""
    if value is None or value == "":
        return value
    try:
        number = float(str(value).strip())
    except ValueError:
        number = None
    if number is None or number < 0 or math.isnan(number):
        raise DokployParamError("%s must be a number of CPUs such as 0.5 or 2 (or of nano CPUs, 1000 and more), not '%s'"
                                % (option, value), option=option)
    return str(int(round(number * NANO))) if number < 1000 else str(int(number))


LIMIT_OPTIONS = (("memory_limit", "memoryLimit", memory_bytes), ("memory_reservation", "memoryReservation", memory_bytes),
                 ("cpu_limit", "cpuLimit", nano_cpus), ("cpu_reservation", "cpuReservation", nano_cpus))


def check_limits(params):
    """Each limit is valid, and no reservation is above its limit (Docker refuses such a task when it deploys)."""
    converted = dict((option, convert(option, params.get(option))) for option, field, convert in LIMIT_OPTIONS)
    for reservation, limit in (("memory_reservation", "memory_limit"), ("cpu_reservation", "cpu_limit")):
        if converted[reservation] and converted[limit] and 0 < int(converted[limit]) < int(converted[reservation]):
            raise DokployParamError("%s (%s) must not be more than %s (%s)" % (
                reservation, params[reservation], limit, params[limit]), option=reservation)
