# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The checks of names and IDs, which every module's ``validate`` runs before any request (the options of services
have theirs in validation/_service_checks.py): a bad value fails with the same message in a single module and in a whole project;
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
