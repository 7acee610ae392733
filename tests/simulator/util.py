# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared helpers for simulator routes: IDs, timestamps, appNames, lookups."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import datetime
import random
import re
import secrets
import string
import threading

NANOID_ALPHABET = string.ascii_letters + string.digits + "_-"
_SUFFIX_ALPHABET = string.ascii_lowercase + string.digits

_VERBS = ["program", "quantify", "input", "override", "navigate", "reboot", "calculate", "bypass", "hack", "parse",
          "index", "compress", "connect", "generate", "back-up", "copy", "synthesize", "transmit", "compile", "reboot"]
_ADJECTIVES = ["haptic", "optical", "multi-byte", "bluetooth", "neural", "solid-state", "online", "auxiliary", "open-source",
               "virtual", "wireless", "primary", "mobile", "back-end", "1080p", "digital", "redundant", "cross-platform"]
_NOUNS = ["sensor", "transmitter", "firewall", "array", "interface", "system", "bandwidth", "circuit", "alarm", "panel",
          "matrix", "protocol", "bus", "driver", "card", "feed", "monitor", "pixel", "port", "microchip"]

_ts_lock = threading.Lock()
_last_ts = [None]


def nanoid(size=21):
    """A nanoid-style identifier (21 characters of A-Za-z0-9_-)."""
    return "".join(secrets.choice(NANOID_ALPHABET) for dummy in range(size))


def random_suffix(size=6):
    return "".join(random.choice(_SUFFIX_ALPHABET) for dummy in range(size))


def random_password(size=16):
    return "".join(random.choice(_SUFFIX_ALPHABET) for dummy in range(size))


def now_iso():
    """ISO-8601 UTC timestamp with milliseconds, strictly increasing within the process."""
    with _ts_lock:
        now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
        now = now.replace(microsecond=(now.microsecond // 1000) * 1000)
        if _last_ts[0] is not None and now <= _last_ts[0]:
            now = _last_ts[0] + datetime.timedelta(milliseconds=1)
        _last_ts[0] = now
        return now.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (now.microsecond // 1000)


def clean_app_name(name):
    return re.sub(r"\s+", "-", (name or "").strip()).lower()


def generate_app_name(prefix):
    """`<prefix>-<verb>-<adjective>-<noun>-<6 [a-z0-9]>` as Dokploy's generateAppName."""
    return "%s-%s-%s-%s-%s" % (prefix, random.choice(_VERBS), random.choice(_ADJECTIVES), random.choice(_NOUNS), random_suffix())


def build_app_name(prefix, explicit=None):
    """Dokploy's buildAppName: an explicit name is cleaned and gets `-xxxxxx`; otherwise one is generated."""
    if explicit:
        return "%s-%s" % (clean_app_name(explicit), random_suffix())
    return generate_app_name(prefix)


def touch(table, key):
    """Move a row to the end of its table, as PostgreSQL's heap order does after an UPDATE."""
    table[key] = table.pop(key)


def public(row):
    """A deep copy of a row without simulator-private keys (those starting with `_`)."""
    return {k: copy.deepcopy(v) for k, v in row.items() if not k.startswith("_")}


def since(ctx, behaviour):
    """Whether the version answered as behaves as v0.30.2 for ``behaviour`` (a switch of versions.BEHAVIOURS)."""
    return ctx.config.get("behaviours", {}).get(behaviour, True)


def ilike(haystack, needle):
    return needle.lower() in (haystack or "").lower()


def by_created(rows, newest_first=False):
    return sorted(rows, key=lambda r: r.get("createdAt") or "", reverse=newest_first)
