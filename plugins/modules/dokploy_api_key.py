#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_api_key
short_description: Manage the API keys of the Dokploy user the module's key belongs to
version_added: 0.3.0
description:
  - Create and delete the API keys of the user whose key the module runs with, identified by O(name). A new key
    acts inside the organisation of the module's key (a Dokploy API key acts inside the one organisation it was
    created for).
  - The secret of a new key is returned once, in RV(key), or written to O(key_file) on the controller; Dokploy
    stores only its hash, so it can never be read again.
  - Dokploy cannot change an existing key. When a setting differs (expiry, rate limit, refill), the module fails
    saying so, unless O(rotate=true), which creates a new key with a new secret and then deletes the old one.
  - Any user may manage their own keys. The rate limits of an existing key and which key the module runs with can
    only be read with the key of an owner or admin (C(user.getBackups)); a member's key compares the expiry only,
    and deletes only with O(force=true).
options:
  name:
    description:
      - Name of the key, at most 32 characters. Names are not unique in Dokploy; two keys of the name fail listing
        their IDs.
    type: str
    required: true
  expires_in:
    description:
      - Lifetime of the key in seconds, from its creation, 86400 (a day) to 31536000 (365 days). Left out, the key
        never expires.
    type: int
  prefix:
    description:
      - Text the secret starts with, for example V(dok_). Only used when the key is created.
    type: str
  rate_limit_enabled:
    description:
      - Whether Dokploy limits the requests of the key to O(rate_limit_max) per O(rate_limit_time_window).
      - V(false) by default, as in Dokploy's own dialog. Dokploy's API default is C(true) with 10 requests a day,
        and every request counts twice, so such a key stops after five calls a day.
    type: bool
    default: false
  rate_limit_time_window:
    description:
      - The rate limit's window in milliseconds. Needs O(rate_limit_enabled=true).
    type: int
  rate_limit_max:
    description:
      - Requests allowed per window. Needs O(rate_limit_enabled=true).
    type: int
  remaining:
    description:
      - Requests the key may make in all (each REST call counts twice). Only used when the key is created; it
        counts down, so it is never compared.
    type: int
  refill_amount:
    description:
      - Requests given back each O(refill_interval).
    type: int
  refill_interval:
    description:
      - Milliseconds between refills. Needs O(refill_amount).
    type: int
  key_file:
    description:
      - Write the secret of a new key to this file on the controller, readable by its owner only (mode C(0600), its
        directory created with mode C(0700)), instead of returning it in RV(key). The same option as in
        M(dokploy.dokploy.dokploy_admin).
      - Not touched when the key exists already (its secret cannot be read back); when the file is missing then,
        the task warns that O(rotate=true) replaces the key and writes the file.
    type: path
  rotate:
    description:
      - Replace a key whose settings differ with a new one (new secret; the old key stops working). Without it
        such a key fails the task.
    type: bool
    default: false
  force:
    description:
      - Delete (or rotate) the key even when it is the key the module runs with, or when that cannot be told (a
        member's key). The play then loses its access at once.
    type: bool
    default: false
  state:
    description:
      - V(present) creates the key, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
notes:
  - Needs the key of any user of the organisation; it manages that user's own keys only.
  - The key the module runs with is never deleted or rotated unless O(force=true).
  - Works with Dokploy v0.25.0 and newer.
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.ATTRIBUTES
seealso:
  - module: dokploy.dokploy.dokploy_user
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: A key for the CI, valid 90 days, written to a file on the controller
  dokploy.dokploy.dokploy_api_key:
    name: ci
    expires_in: 7776000
    key_file: ~/.config/dokploy/ci.key

- name: A key for a script, limited to 100 requests a minute
  dokploy.dokploy.dokploy_api_key:
    name: reporting
    rate_limit_enabled: true
    rate_limit_time_window: 60000
    rate_limit_max: 100
    rotate: true
  register: reporting

- name: Delete a key nobody uses any more
  dokploy.dokploy.dokploy_api_key:
    name: old-laptop
    state: absent
"""

RETURN = r"""
api_key:
  description:
    - The key without its secret. Empty when it is absent. In check mode, the key as it would be (C(id) is null
      before it exists). The rate limit fields are there when the module's key may read them (owner or admin).
  returned: always
  type: dict
  contains:
    id:
      description: ID of the key.
      type: str
    name:
      description: Name.
      type: str
    start:
      description: The first characters of the secret, as Dokploy shows them.
      type: str
    enabled:
      description: Whether the key works.
      type: bool
    expiresAt:
      description: When it expires (ISO 8601), null for never.
      type: str
    rateLimitEnabled:
      description: Whether requests are limited.
      type: bool
key:
  description:
    - The secret of the key just created. Only when a key was created and O(key_file) is not set; Dokploy never
      shows it again.
  returned: when a key was created
  type: str
key_file:
  description: The file on the controller the new secret was written to, as given in O(key_file).
  returned: when a key was created and O(key_file) is set
  type: str
failure:
  description:
    - Why the task failed, for C(failed_when) or a C(rescue), when the error came from Dokploy or on the way to it (a
      refused call, an object not found, an unreachable server); C(msg) says it in words. Not returned when the
      options were refused before any request.
  returned: on failure
  type: dict
  contains:
    message: {description: What Dokploy or the connection said (secrets masked)., type: str}
    status: {description: The HTTP status of Dokploy's answer; null when none came., type: int}
    code: {description: "Dokploy's error code (V(NOT_FOUND), V(BAD_REQUEST)...) or V(UNSUPPORTED_VERSION).", type: str}
    procedure: {description: The API procedure that failed., type: str}
    field_errors: {description: "The input fields Dokploy refused, each a C(field) and a C(message).", type: list, elements: dict}
  sample: {message: Project not found, status: 404, code: NOT_FOUND, procedure: project.one, field_errors: []}
"""

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._module import run_resource
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._api_key import ApiKey


def main():
    run_resource(ApiKey)


if __name__ == "__main__":
    main()
