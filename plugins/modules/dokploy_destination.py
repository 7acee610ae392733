#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_destination
short_description: Manage S3-compatible backup destinations of Dokploy
version_added: 0.2.0
description:
  - Create, update and delete the S3-compatible storage that Dokploy's database and volume backups are sent to.
  - Destinations belong to the organisation. One is identified by O(name); Dokploy does not keep names unique, so
    when two destinations share O(name) the module fails and lists their IDs.
  - Dokploy returns both keys in plain text; the module masks them in its result and diff, and they never appear in
    its messages.
  - Deleting a destination in Dokploy also deletes, without a word, every backup and volume backup that uses it.
    O(state=absent) therefore refuses while any does, and names them, unless O(force=true).
options:
  name:
    description:
      - Name of the destination.
    type: str
    required: true
  provider:
    description:
      - The S3 provider as rclone names it (C(--s3-provider)), for example V(AWS), V(Cloudflare), V(Minio),
        V(DigitalOcean), V(Wasabi) or V(Other). Not sent when not set.
    type: str
  endpoint:
    description:
      - URL of the S3 endpoint, for example V(https://s3.eu-west-1.amazonaws.com). Required to create one.
    type: str
  region:
    description:
      - Region of the bucket, for example V(eu-west-1). Required to create one.
    type: str
  bucket:
    description:
      - Name of the bucket. Required to create one. A folder inside the bucket is each backup's C(prefix).
    type: str
  access_key:
    description:
      - Access key ID. Required to create one.
    type: str
  secret_key:
    description:
      - Secret access key. Required to create one. Compared with the stored one like any other setting.
    type: str
  additional_flags:
    description:
      - Further rclone flags, each V(--name) or V(--name=value), for example V(--s3-acl=private). V([]) clears them.
      - Needs Dokploy v0.29.0 or newer; on an older server the module fails naming the version before any change.
    type: list
    elements: str
  force:
    description:
      - With O(state=absent), delete the destination even while backups or volume backups use it; Dokploy deletes
        them with it.
    type: bool
    default: false
  state:
    description:
      - V(present) creates or updates the destination, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.ATTRIBUTES
seealso:
  - module: dokploy.dokploy.dokploy_backup
  - module: dokploy.dokploy.dokploy_volume_backup
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: An S3 bucket for backups
  dokploy.dokploy.dokploy_destination:
    name: s3-backups
    provider: AWS
    endpoint: https://s3.eu-west-1.amazonaws.com
    region: eu-west-1
    bucket: acme-backups
    access_key: "{{ vault_s3_access_key }}"
    secret_key: "{{ vault_s3_secret_key }}"

- name: Cloudflare R2
  dokploy.dokploy.dokploy_destination:
    name: r2
    provider: Cloudflare
    endpoint: https://0123456789abcdef.r2.cloudflarestorage.com
    region: auto
    bucket: backups
    access_key: "{{ vault_r2_access_key }}"
    secret_key: "{{ vault_r2_secret_key }}"
    additional_flags:
      - --s3-no-check-bucket

- name: Remove a destination nothing uses any more
  dokploy.dokploy.dokploy_destination:
    name: r2
    state: absent
"""

RETURN = r"""
destination:
  description:
    - The destination as Dokploy returns it, both keys masked. Empty when it is absent. In check mode, the
      destination as it would be (C(destinationId) is null before it exists).
  returned: always
  type: dict
  contains:
    destinationId:
      description: ID of the destination.
      type: str
      sample: Kh81YHRbS-jgSYmER2f7r
    name:
      description: Name.
      type: str
      sample: s3-backups
    provider:
      description: rclone S3 provider.
      type: str
      sample: AWS
    endpoint:
      description: S3 endpoint URL.
      type: str
    region:
      description: Region.
      type: str
    bucket:
      description: Bucket.
      type: str
    accessKey:
      description: Always masked.
      type: str
      sample: "********"
    secretAccessKey:
      description: Always masked.
      type: str
      sample: "********"
    additionalFlags:
      description: Further rclone flags.
      type: list
      elements: str
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._destination import Destination


def main():
    run_resource(Destination)


if __name__ == "__main__":
    main()
