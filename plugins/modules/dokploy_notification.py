#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: dokploy_notification
short_description: Manage the notifications Dokploy sends (Slack, Discord, Telegram, email and more)
version_added: 0.2.0
description:
  - Create, update and delete the notifications through which Dokploy reports deployments, backups, restarts,
    Docker clean-ups and server thresholds, of every kind Dokploy v0.30.2 has.
  - Notifications belong to the organisation. One is identified by O(name); Dokploy does not keep names unique, so
    when two notifications share O(name) the module fails and lists their IDs.
  - Each O(type) has its own options; an option of another type fails the task before any request, naming it.
    The type of an existing notification cannot be changed.
  - Tokens, passwords, API keys, headers and webhook URLs (a webhook URL is its own credential) are masked in the
    result and the diff.
options:
  name:
    description:
      - Name of the notification.
    type: str
    required: true
  type:
    description:
      - The kind of notification. Required with O(state=present).
      - V(custom) posts JSON to any URL (O(webhook_url)) with O(headers).
      - V(resend), V(pushover), V(teams), V(mattermost) and V(custom) need Dokploy v0.27.0, v0.26.7, v0.27.1,
        v0.29.0 and v0.26.0 or newer; the module says so on an older server.
    type: str
    choices: [custom, discord, email, gotify, lark, mattermost, ntfy, pushover, resend, slack, teams, telegram]
  events:
    description:
      - The events the notification reports, as one list; the events not listed are off. When not set, the events
        of an existing notification are left as they are and a new one reports none.
      - A list rather than one boolean per event, so that a task states the whole set and a type that lacks an event
        (V(gotify) and V(ntfy) have no V(server_threshold)) is refused in one place.
      - V(volume_backup) needs Dokploy v0.26.0, V(dokploy_backup) v0.29.0.
    type: list
    elements: str
    choices: [app_deploy, app_build_error, database_backup, volume_backup, dokploy_restart, docker_cleanup,
              server_threshold, dokploy_backup]
  update_secrets:
    description:
      - V(always) compares the secret options (O(webhook_url), O(bot_token), O(password), O(resend_api_key), O(app_token),
        O(access_token), O(user_key), O(api_token), O(headers)) with the stored values and sends those that differ.
      - V(on_create) sets them only when the notification is created, and leaves the stored ones alone afterwards,
        as O(ansible.builtin.user#module:update_password) does.
    type: str
    choices: [always, on_create]
    default: always
  webhook_url:
    description:
      - The URL the notification posts to; types V(slack), V(discord), V(lark), V(teams), V(mattermost) and V(custom)
        (whose C(endpoint) it is). Required to create one of them.
    type: str
  channel:
    description:
      - Channel to post in; types V(slack) and V(mattermost).
    type: str
  username:
    description:
      - Type V(email), the SMTP user name (required to create one); type V(mattermost), the name to post as.
    type: str
  decoration:
    description:
      - Whether messages carry decorations (emoji); types V(discord) and V(gotify). Dokploy's default is V(true).
    type: bool
  bot_token:
    description:
      - Type V(telegram), the bot's token. Required to create one.
    type: str
  chat_id:
    description:
      - Type V(telegram), the chat to post in. Required to create one.
    type: str
  message_thread_id:
    description:
      - Type V(telegram), the topic of a forum chat.
    type: str
  smtp_server:
    description:
      - Type V(email), host name of the SMTP server. Required to create one.
    type: str
  smtp_port:
    description:
      - Type V(email), port of the SMTP server, 1 to 65535. Required to create one.
    type: int
  password:
    description:
      - Type V(email), the SMTP password. Required to create one.
    type: str
  from_address:
    description:
      - Types V(email) and V(resend), the sender's address. Required to create one.
    type: str
  to_addresses:
    description:
      - Types V(email) and V(resend), the recipients (at least one). Required to create one.
    type: list
    elements: str
  resend_api_key:
    description:
      - Type V(resend), the Resend API key. Required to create one. (Not C(api_key), which is Dokploy's.)
    type: str
  server_url:
    description:
      - Types V(gotify) and V(ntfy), URL of the server. Required to create one.
    type: str
  app_token:
    description:
      - Type V(gotify), the application token. Required to create one.
    type: str
  priority:
    description:
      - Message priority; type V(gotify) 1 to 10 (default 5), V(ntfy) 1 to 5 (default 3), V(pushover) -2 to 2
        (default 0; V(2), an emergency, needs O(retry) and O(expire)).
    type: int
  topic:
    description:
      - Type V(ntfy), the topic to publish to. Required to create one.
    type: str
  access_token:
    description:
      - Type V(ntfy), an access token for a protected topic.
    type: str
  user_key:
    description:
      - Type V(pushover), the user or group key. Required to create one.
    type: str
  api_token:
    description:
      - Type V(pushover), the application's API token. Required to create one.
    type: str
  retry:
    description:
      - Type V(pushover), seconds between the repeats of an emergency message, at least 30.
    type: int
  expire:
    description:
      - Type V(pushover), seconds an emergency message is repeated for, 1 to 10800.
    type: int
  headers:
    description:
      - Type V(custom), HTTP headers sent with each post, for example an C(Authorization) header. Compared as a whole.
    type: dict
  state:
    description:
      - V(present) creates or updates the notification, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
notes:
  - "Types and events newer than Dokploy v0.25 fail on an older server with a message naming the version:
    V(custom) v0.26.0, V(pushover) v0.26.7, V(resend) v0.27.0, V(teams) v0.27.1, V(mattermost) v0.29.0; the events
    V(volume_backup) v0.26.0, V(dokploy_backup) v0.29.0."
extends_documentation_fragment:
  - dokploy.dokploy.dokploy
  - dokploy.dokploy.dokploy.ATTRIBUTES
author:
  - dokploy.dokploy contributors (@dokploy-ansible)
"""

EXAMPLES = r"""
- name: Deployments and failed builds to Slack
  dokploy.dokploy.dokploy_notification:
    name: ops-slack
    type: slack
    webhook_url: "{{ vault_slack_webhook_url }}"
    channel: "#deployments"
    events: [app_deploy, app_build_error]

- name: Backups and server alerts by email
  dokploy.dokploy.dokploy_notification:
    name: ops-mail
    type: email
    smtp_server: smtp.example.com
    smtp_port: 587
    username: dokploy@example.com
    password: "{{ vault_smtp_password }}"
    from_address: dokploy@example.com
    to_addresses: [ops@example.com, oncall@example.com]
    events: [database_backup, volume_backup, dokploy_backup, server_threshold]

- name: Telegram, with a token that is set once and then left to the people who rotate it
  dokploy.dokploy.dokploy_notification:
    name: ops-telegram
    type: telegram
    bot_token: "{{ vault_telegram_token }}"
    chat_id: "-1001234567890"
    events: [app_build_error, dokploy_restart]
    update_secrets: on_create

- name: Any HTTP endpoint
  dokploy.dokploy.dokploy_notification:
    name: incident-hook
    type: custom
    webhook_url: https://hooks.example.com/dokploy
    headers:
      Authorization: "Bearer {{ vault_hook_token }}"
    events: [app_build_error, docker_cleanup]

- name: Remove a notification
  dokploy.dokploy.dokploy_notification:
    name: ops-slack
    state: absent
"""

RETURN = r"""
notification:
  description:
    - The notification as Dokploy returns it, with the settings of its kind at the top level (Dokploy nests them
      under the kind's name). Secrets and webhook URLs are masked. Empty when it is absent. In check mode, the
      notification as it would be (C(notificationId) is null before it exists).
  returned: always
  type: dict
  contains:
    notificationId:
      description: ID of the notification.
      type: str
      sample: hV4b2YqkL0sXJ1yA9eN3m
    name:
      description: Name.
      type: str
      sample: ops-slack
    notificationType:
      description: The kind, as O(type).
      type: str
      sample: slack
    appDeploy:
      description: Whether deployments are reported; likewise C(appBuildError), C(databaseBackup), C(volumeBackup),
        C(dokployRestart), C(dockerCleanup), C(serverThreshold) and C(dokployBackup).
      type: bool
    slackId:
      description: ID of the kind's own row (C(<type>Id)), with the kind's settings beside it, for example
        C(webhookUrl) (masked) and C(channel).
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
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._notification import Notification


def main():
    run_resource(Notification)


if __name__ == "__main__":
    main()
