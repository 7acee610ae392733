#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_admin
short_description: Create the first owner of a Dokploy server and an API key, without a browser
version_added: 0.3.0
description:
  - On a freshly installed Dokploy whose database holds no user, creates the owner the way Dokploy's sign-up page
    does (the first user becomes the owner of a new organisation), then an API key named O(api_key_name), and
    returns the key once as RV(api_key) (or writes it to O(key_file) on the controller).
  - On a Dokploy that has its owner, signs in with O(email) and O(password) and makes sure a key named
    O(api_key_name) exists. Dokploy keeps only a hash of a key, so an existing key's secret cannot be read back;
    the result says so, and O(rotate=true) replaces the key with a new one.
  - Needs only O(api_url), since no API key exists yet. This is the step between installing Dokploy (the role
    C(dokploy.dokploy.install)) and every other module of the collection.
options:
  api_url:
    description:
      - URL of the Dokploy server, for example V(http://203.0.113.10:3000) or V(https://dokploy.example.com).
        V(https://host/api) is accepted too.
    type: str
    required: true
  validate_certs:
    description:
      - Whether to verify the server's TLS certificate.
    type: bool
    default: true
  ca_path:
    description:
      - Path to a CA bundle used to verify the server's certificate.
    type: path
  timeout:
    description:
      - Seconds to wait for one HTTP response. A Dokploy that has just started can take a while for its first
        sign-in.
    type: int
    default: 120
  origin:
    description:
      - The C(Origin) header of the sign-up and sign-in requests. Dokploy (better-auth) accepts them only from an
        origin it trusts, which are its own URL, V(http://<server IP>:3000) and its configured domain.
      - Defaults to the scheme, host and port of O(api_url). Set it when the controller reaches Dokploy under
        another address than the one Dokploy knows itself by (a tunnel, a proxy).
    type: str
  email:
    description:
      - E-mail address of the owner; the sign-in name.
    type: str
    required: true
  password:
    description:
      - Password of the owner, at least eight characters. Never logged or returned.
    type: str
    required: true
  name:
    description:
      - Name of the owner, set when the owner is created (an existing owner's name is left alone).
    type: str
    default: Admin
  api_key_name:
    description:
      - Name of the API key (1 to 32 characters). One key of that name is kept.
    type: str
    default: ansible
  key_file:
    description:
      - When set, a new key is written to this file on the controller (mode C(0600), its directory created with
        mode C(0700)), whichever host the task runs on, and RV(api_key) stays null, so that the key never appears
        in the output. The same option as in M(dokploy.dokploy.dokploy_api_key).
      - An existing key is not written (its secret cannot be read back); when the file is missing then, the task
        warns that O(rotate=true) replaces the key and writes the file.
    type: path
  rotate:
    description:
      - Replace an existing key of that name with a new one (its old secret stops working). With V(true) every run
        creates a new key and reports a change.
    type: bool
    default: false
notes:
  - The key is created with C(rateLimitEnabled=false) and the organisation of the owner in its metadata; without them
    a key stops working after five REST calls a day, or never works.
  - Whether an owner exists is read from Dokploy's sign-up page (C(GET /register), which redirects once an owner
    exists), without authentication and without a write.
  - In check mode nothing is created. On a server with an owner the module still signs in (and out), since only a
    signed-in user can see whether the key exists; a session is not something this module manages.
  - Not part of the C(group/dokploy.dokploy.dokploy) action group, whose defaults set C(api_key); this module has none.
attributes:
  check_mode:
    description: Can run in C(check_mode) and report what it would create; no write request is sent.
    support: full
  diff_mode:
    description: Returns no diff; the result says what was created.
    support: none
  idempotent:
    description: A second run with the same arguments reports no change (except with O(rotate=true)).
    support: partial
seealso:
  - module: dokploy.dokploy.dokploy_stack
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: The owner and a key on a fresh Dokploy; the key goes to a file on the controller
  dokploy.dokploy.dokploy_admin:
    api_url: http://203.0.113.10:3000
    email: admin@example.com
    password: "{{ vault_dokploy_owner_password }}"
    name: Ada
    api_key_name: ansible
    key_file: "{{ playbook_dir }}/.dokploy-api-key"
  delegate_to: localhost  # the requests go from the controller; key_file is on the controller either way

- name: The key in a variable, for the tasks that follow
  dokploy.dokploy.dokploy_admin:
    api_url: http://203.0.113.10:3000
    email: admin@example.com
    password: "{{ vault_dokploy_owner_password }}"
  register: dokploy_admin
  no_log: true

- name: Replace the key (the old secret stops working)
  dokploy.dokploy.dokploy_admin:
    api_url: https://dokploy.example.com
    email: admin@example.com
    password: "{{ vault_dokploy_owner_password }}"
    rotate: true
    key_file: ~/.config/dokploy/api-key
"""

RETURN = r"""
owner_created:
  description: Whether this run created the owner (Dokploy had no user).
  returned: always
  type: bool
api_key:
  description:
    - The secret of the key this run created. Shown only here, once; null when the key already existed, in check
      mode, and when O(key_file) is set (the key is in the file then).
    - Register the result with C(no_log=true) on the task, or use O(key_file).
  returned: always
  type: str
api_key_created:
  description: Whether this run created (or, with O(rotate), replaced) the key.
  returned: always
  type: bool
api_key_name:
  description: Name of the key.
  returned: always
  type: str
  sample: ansible
api_key_id:
  description: ID of the key (null in check mode before it exists).
  returned: always
  type: str
key_file:
  description: The file on the controller the new key was written to, as given in O(key_file).
  returned: when a key was created and O(key_file) is set
  type: str
user_id:
  description: ID of the owner (null in check mode before the owner exists).
  returned: always
  type: str
organization_id:
  description: ID of the owner's organisation, which the key's metadata names.
  returned: always
  type: str
msg:
  description: What was done or would be done, in words.
  returned: always
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

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._admin import Admin, argument_spec, validate
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import (
    HAS_REQUESTS,
    REQUESTS_IMPORT_ERROR,
    DokployError,
)


def main():
    module = AnsibleModule(argument_spec=argument_spec(), supports_check_mode=True)
    if not HAS_REQUESTS:
        module.fail_json(msg=missing_required_lib("requests"), exception=REQUESTS_IMPORT_ERROR)
    try:
        validate(module.params)
    except DokployError as error:  # refused before any request: the message alone
        module.fail_json(msg=str(error))
    try:
        admin = Admin(module.params, check_mode=module.check_mode, warn=module.warn)
        if not module.params["validate_certs"]:
            module.warn("validate_certs is false: the TLS certificate of %s is not checked" % module.params["api_url"])
        result = admin.run()
    except DokployError as error:
        module.fail_json(msg=str(error), failure=error.to_failure(), **(error.result or {}))
    module.exit_json(**result)


if __name__ == "__main__":
    main()
