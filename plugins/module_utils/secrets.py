# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Masking of the secrets Dokploy returns in plain text (API.md section 5), for results and diffs."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

MASK = "********"

# Fields that hold secrets wherever they appear, at any depth of a Dokploy object.
SECRET_FIELDS = frozenset((
    "env", "buildArgs", "buildSecrets", "previewEnv", "previewBuildArgs", "previewBuildSecrets",
    "databasePassword", "databaseRootPassword", "password", "refreshToken", "privateKey", "key",
    "accessKey",  # S3 access key ID of backup destinations (the secret one matches "secret")
))
# Any field whose name contains one of these (provider rows nested in compose.one carry tokens).
SECRET_MARKERS = ("password", "secret", "token", "privatekey", "apikey")


def is_secret_field(name):
    if name in SECRET_FIELDS:
        return True
    lowered = str(name).lower()
    return any(marker in lowered for marker in SECRET_MARKERS)


def mask_value(value):
    """A secret's stand-in: an unset secret stays visibly unset, anything else becomes the mask."""
    if value is None or value == "":
        return value
    return MASK


# Secret values found in Dokploy's answers are masked wherever they appear (a build log that prints one, an
# error that echoes one) once they are this long; shorter ones (``1``, ``info``) would mask ordinary words.
MIN_HARVESTED_LENGTH = 8
ENV_FIELDS = frozenset(("env", "buildArgs", "buildSecrets", "previewEnv", "previewBuildArgs", "previewBuildSecrets"))


def secret_values(obj, parse_env):
    """Every secret value in ``obj`` (any depth): secret fields' strings, and the values inside env-like fields
    (``parse_env(text)`` gives ``{key: value}``), those of at least MIN_HARVESTED_LENGTH characters."""
    found = set()
    if isinstance(obj, dict):
        for key, value in obj.items():
            if isinstance(value, str) and is_secret_field(key):
                found.add(value)
                if key in ENV_FIELDS:
                    found.update(v for v in parse_env(value).values() if isinstance(v, str))
            else:
                found.update(secret_values(value, parse_env))
    elif isinstance(obj, list):
        for item in obj:
            found.update(secret_values(item, parse_env))
    # Dokploy masks some secrets itself with the same "********" (vault providers): hiding it would hide the mask
    return set(value for value in found if len(value.strip()) >= MIN_HARVESTED_LENGTH and value != MASK)


def mask(obj):
    """A copy of ``obj`` (dicts and lists, any depth) with every secret field's value masked."""
    if isinstance(obj, dict):
        return dict((k, mask_value(v) if is_secret_field(k) else mask(v)) for k, v in obj.items())
    if isinstance(obj, list):
        return [mask(item) for item in obj]
    return obj
