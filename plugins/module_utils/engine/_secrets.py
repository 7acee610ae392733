# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Masking of the secrets Dokploy returns in plain text (API.md section 5), for results and diffs."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._dotenv import values as dotenv_values

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


# Options holding variables (a dict, or a dotenv string; a list of keys with state=absent). They are not no_log:
# Ansible masks every no_log value wherever it appears in the output, so an env value of "2" or "git" turned IDs,
# names, URLs and dates into "1********7.0.0.1". The collection masks their values itself: in results and diffs
# (ENV_FIELDS), in the module's invocation and log (shown_variables), and a value long enough not to be an ordinary
# word (MIN_HARVESTED_LENGTH) wherever it appears, a build log for one (variable_secrets). Build secrets are no_log.
VARIABLE_OPTIONS = ("env", "build_args")
# dict options whose own VARIABLE_OPTIONS are variables too (dokploy_application's preview.env, preview.build_args)
NESTED_VARIABLE_OPTIONS = ("preview",)
_KEY_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


def is_secret_option(name, option_spec):
    """Whether a module option (or a suboption of NESTED_VARIABLE_OPTIONS) holds secrets: a no_log one, or one of
    VARIABLE_OPTIONS."""
    return bool(option_spec.get("no_log")) or name in VARIABLE_OPTIONS


def shown_variables(value):
    """A variables option as a module may print it: the keys, their values masked (a dotenv string as a whole)."""
    if isinstance(value, dict):
        return dict((key, mask_value(item)) for key, item in value.items())
    if isinstance(value, list):  # key names (state=absent); anything else in it is masked
        return [item if isinstance(item, str) and _KEY_NAME.match(item) else MASK for item in value]
    return mask_value(value)


def shown_options(params):
    """``params`` (a module's, or one declaration of the stack) with the values of its VARIABLE_OPTIONS masked."""
    shown = dict(params)
    for option in VARIABLE_OPTIONS:
        if option in shown:
            shown[option] = shown_variables(shown[option])
    for option in NESTED_VARIABLE_OPTIONS:
        if isinstance(shown.get(option), dict):
            shown[option] = shown_options(shown[option])
    return shown


def variable_secrets(value, parse_env):
    """The values of a variables option to mask wherever they appear: each value (and each line of a multi-line one)
    of at least MIN_HARVESTED_LENGTH characters, and a dotenv string as a whole; ``parse_env(text)`` reads one."""
    found = set()
    if isinstance(value, str):
        found.add(value)
        value = parse_env(value)
    if not isinstance(value, dict):
        return set()
    for item in value.values():
        if item is None or isinstance(item, bool) or isinstance(item, (dict, list)):
            continue
        item = str(item)
        found.add(item)
        found.update(item.splitlines())
    return set(item for item in found if len(item.strip()) >= MIN_HARVESTED_LENGTH and item != MASK)


def declared_variable_secrets(argument_spec, params):
    """variable_secrets of each of the VARIABLE_OPTIONS that ``argument_spec`` has, as ``params`` give them."""
    found = set()
    for option in VARIABLE_OPTIONS:
        if option in argument_spec:
            found.update(variable_secrets(params.get(option), dotenv_values))
    for option in NESTED_VARIABLE_OPTIONS:
        if isinstance(params.get(option), dict) and (argument_spec.get(option) or {}).get("options"):
            found.update(declared_variable_secrets(argument_spec[option]["options"], params[option]))
    return found


def masked_key_changes(changes):
    """The diff of variables from ``{"added", "changed", "removed"}`` key names: ``(before, after)`` dicts naming
    the keys, their values masked (a changed value shows ``******** (changed)``)."""
    before = dict((key, MASK) for key in changes["changed"] + changes["removed"])
    after = dict([(key, MASK) for key in changes["added"]] + [(key, MASK + " (changed)") for key in changes["changed"]])
    return before, after
