# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Notifications of every kind: organisation-wide, found in ``notification.all`` by name.

Not recorded; shapes from Dokploy's source at v0.30.2 (apps/dokploy/server/api/routers/notification.ts,
packages/server/src/services/notification.ts, packages/server/src/db/schema/notification.ts). A notification is a
``notification`` row (name, ``notificationType``, the event flags) plus one row of its kind's table, nested under
the kind's key by ``notification.all``; this module flattens the two. ``notification.create<Kind>`` and
``update<Kind>`` answer an empty body; an update sets only the fields sent (drizzle skips undefined ones) and needs
``notificationId`` and ``<kind>Id``. Gotify and ntfy have no ``serverThreshold`` in their inputs.

Everything that differs between the kinds is the KINDS table: one create and one update procedure, and the options
of the kind with their API fields. Dokploy v0.30.2 returns every secret in clear; ``update_secrets: on_create``
leaves the stored ones alone.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._capabilities import require
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError, DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._lookup import pick_one
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._resource import Resource, Update, VersionField
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._typed import TypedResource
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._secrets import mask, mask_value

# event -> the notification row's flag; the capability of the flags older servers do not have
EVENTS = (("app_deploy", "appDeploy", None), ("app_build_error", "appBuildError", None),
          ("database_backup", "databaseBackup", None), ("volume_backup", "volumeBackup", "notification.volumeBackup"),
          ("dokploy_restart", "dokployRestart", None), ("docker_cleanup", "dockerCleanup", None),
          ("server_threshold", "serverThreshold", None), ("dokploy_backup", "dokployBackup", "notification.dokployBackup"))
# an event an older server has no flag for: off is what it does anyway, on is refused before any write
EVENT_FIELDS = tuple(VersionField(flag, capability, option="events %s" % event, implied=False,
                                  asked=lambda params, event=event: event in (params.get("events") or []))
                     for event, flag, capability in EVENTS if capability)
WITHOUT_THRESHOLD = tuple(event for event, flag, capability in EVENTS if event != "server_threshold")

# options holding secrets (no_log, masked in results and diffs); a webhook URL is its own credential
SECRET_OPTIONS = ("webhook_url", "bot_token", "password", "resend_api_key", "app_token", "access_token", "user_key",
                  "api_token", "headers")
OPTION_SPECS = dict(
    webhook_url=dict(type="str"), channel=dict(type="str"), username=dict(type="str"), decoration=dict(type="bool"),
    bot_token=dict(type="str"), chat_id=dict(type="str"), message_thread_id=dict(type="str"),
    smtp_server=dict(type="str"), smtp_port=dict(type="int"), password=dict(type="str"), from_address=dict(type="str"),
    to_addresses=dict(type="list", elements="str"), resend_api_key=dict(type="str"), server_url=dict(type="str"),
    app_token=dict(type="str"), priority=dict(type="int"), topic=dict(type="str"), access_token=dict(type="str"),
    user_key=dict(type="str"), api_token=dict(type="str"), retry=dict(type="int"), expire=dict(type="int"),
    headers=dict(type="dict"),
)


class Kind(object):
    """One notification kind: its procedures' suffix, its options -> API fields, what a create needs, the defaults
    Dokploy's dialog sends, the allowed ranges, its events and the capability that brought it."""

    def __init__(self, suffix, options, required, defaults=None, ranges=None, events=None, capability=None):
        self.suffix = suffix
        self.options = options
        self.required = required
        self.defaults = defaults or {}
        self.ranges = ranges or {}
        self.events = events or tuple(event for event, flag, capability in EVENTS)
        self.capability = capability

    def flags(self):
        return [(event, flag) for event, flag, capability in EVENTS if event in self.events]


# inputs: openapi.json notification.create<Kind>/update<Kind>; defaults and ranges: Dokploy's dialog
# (components/dashboard/settings/notifications/handle-notifications.tsx)
KINDS = {
    "slack": Kind("Slack", (("webhook_url", "webhookUrl"), ("channel", "channel")), ("webhook_url",),
                  defaults={"channel": ""}),
    "discord": Kind("Discord", (("webhook_url", "webhookUrl"), ("decoration", "decoration")), ("webhook_url",),
                    defaults={"decoration": True}),
    "telegram": Kind("Telegram", (("bot_token", "botToken"), ("chat_id", "chatId"),
                                  ("message_thread_id", "messageThreadId")), ("bot_token", "chat_id"),
                     defaults={"messageThreadId": ""}),
    "email": Kind("Email", (("smtp_server", "smtpServer"), ("smtp_port", "smtpPort"), ("username", "username"),
                            ("password", "password"), ("from_address", "fromAddress"), ("to_addresses", "toAddresses")),
                  ("smtp_server", "smtp_port", "username", "password", "from_address", "to_addresses"),
                  ranges={"smtp_port": (1, 65535)}),
    "resend": Kind("Resend", (("resend_api_key", "apiKey"), ("from_address", "fromAddress"), ("to_addresses", "toAddresses")),
                   ("resend_api_key", "from_address", "to_addresses"), capability="notification.resend"),
    "gotify": Kind("Gotify", (("server_url", "serverUrl"), ("app_token", "appToken"), ("priority", "priority"),
                              ("decoration", "decoration")), ("server_url", "app_token"),
                   defaults={"priority": 5, "decoration": True}, ranges={"priority": (1, 10)}, events=WITHOUT_THRESHOLD),
    "ntfy": Kind("Ntfy", (("server_url", "serverUrl"), ("topic", "topic"), ("access_token", "accessToken"),
                          ("priority", "priority")), ("server_url", "topic"),
                 defaults={"accessToken": "", "priority": 3}, ranges={"priority": (1, 5)}, events=WITHOUT_THRESHOLD),
    "pushover": Kind("Pushover", (("user_key", "userKey"), ("api_token", "apiToken"), ("priority", "priority"),
                                  ("retry", "retry"), ("expire", "expire")), ("user_key", "api_token"),
                     defaults={"priority": 0}, ranges={"priority": (-2, 2), "retry": (30, None), "expire": (1, 10800)},
                     capability="notification.pushover"),
    "lark": Kind("Lark", (("webhook_url", "webhookUrl"),), ("webhook_url",)),
    "teams": Kind("Teams", (("webhook_url", "webhookUrl"),), ("webhook_url",), capability="notification.teams"),
    "mattermost": Kind("Mattermost", (("webhook_url", "webhookUrl"), ("channel", "channel"), ("username", "username")),
                       ("webhook_url",), capability="notification.mattermost"),
    "custom": Kind("Custom", (("webhook_url", "endpoint"), ("headers", "headers")), ("webhook_url",),
                   capability="notification.custom"),
}
# API fields that hold secrets, in any kind
SECRET_FIELDS = frozenset(api for kind in KINDS.values() for option, api in kind.options if option in SECRET_OPTIONS)
URL_OPTIONS = ("webhook_url", "server_url")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def flatten(row):
    """The notification row with its own kind's fields at the top, the other kinds' (null) relations left out."""
    flat = dict((key, value) for key, value in row.items() if key not in KINDS)
    flat.update(row.get(row.get("notificationType")) or {})
    return flat


class Notification(TypedResource):
    kind = "notification"
    id_field = "notificationId"
    delete_procedure = "notification.remove"
    types = KINDS
    type_choices = sorted(KINDS)
    option_specs = OPTION_SPECS
    secret_options = SECRET_OPTIONS
    version_fields = EVENT_FIELDS

    @classmethod
    def version_needs(cls, params):
        needs = super(Notification, cls).version_needs(params)
        kind = KINDS.get(params.get("type") or "")
        if kind is not None and kind.capability and params.get("state") != "absent":
            needs.append((kind.capability, "dokploy_notification type %s" % params["type"]))
        return needs

    @classmethod
    def argument_spec(cls):
        spec = super(Notification, cls).argument_spec()
        spec.update(
            events=dict(type="list", elements="str", choices=[event for event, flag, capability in EVENTS]),
            update_secrets=dict(type="str", choices=["always", "on_create"], default="always", no_log=False),
        )
        return spec

    @classmethod
    def validate(cls, params):
        super(Notification, cls).validate(params)
        if not params["type"]:
            return
        kind = KINDS[params["type"]]
        wrong = [event for event in params["events"] or [] if event not in kind.events]
        if wrong:
            raise DokployParamError("events: %s not available for type %s" % (", ".join(wrong), params["type"]),
                                    option="events")
        for option, (low, high) in sorted(kind.ranges.items()):
            value = params[option]
            if value is not None and (value < low or (high is not None and value > high)):
                raise DokployParamError("%s must be %s for type %s, not %s" % (
                    option, "between %s and %s" % (low, high) if high is not None else "at least %s" % low,
                    params["type"], value), option=option)
        for option, api in kind.options:
            value = params[option]
            if isinstance(value, str) and not value.strip() and option in kind.required:
                raise DokployParamError("%s must not be empty" % option, option=option)
            if option in URL_OPTIONS and value and not re.match(r"^https?://[^\s/]+", value):
                raise DokployParamError("%s must be an http(s) URL" % option, option=option)
        addresses = [("from_address", params["from_address"])] if params["from_address"] else []
        for option, address in addresses + [("to_addresses", a) for a in params["to_addresses"] or []]:
            if not EMAIL.match(address):
                raise DokployParamError("%s: '%s' is not an email address" % (option, address), option=option)
        if params["to_addresses"] == []:
            raise DokployParamError("to_addresses needs at least one address", option="to_addresses")
        if params["type"] == "pushover" and params["priority"] == 2 and (params["retry"] is None or params["expire"] is None):
            raise DokployParamError("priority 2 (emergency) needs retry and expire: Pushover repeats an emergency "
                                    "message every retry seconds until expire", option="priority")

    def __init__(self, ctx, params):
        super(Notification, self).__init__(ctx, params)
        self.spec = KINDS.get(params.get("type") or "slack")
        self.create_procedure = "notification.create" + self.spec.suffix

    def updates_for(self, current, created=False):
        kind_id = (self.params.get("type") or "slack") + "Id"
        fields = ["name"] + [api for option, api in self.spec.options] + [flag for event, flag in self.spec.flags()]
        return (Update("notification.update" + self.spec.suffix, fields, keep=(kind_id,)),)

    def find(self):
        found = pick_one(self.client.get("notification.all") or [], "notification", self.params["name"],
                         "notificationId", id_option="a unique name")
        return flatten(found) if found else None

    def desired(self, current):
        if current is not None and current.get("notificationType") != self.params["type"]:
            raise DokployError("%s is a %s notification; Dokploy cannot change the type of a notification: delete it "
                               "first (state: absent), or choose another name"
                               % (self.label(current), current.get("notificationType")))
        desired = dict((api, self.params[option]) for option, api in self.spec.options if self.params[option] is not None)
        if current is not None and self.params["update_secrets"] == "on_create":
            desired = dict((field, value) for field, value in desired.items() if field not in SECRET_FIELDS)
        events = self.params["events"]
        if events is not None:
            desired.update((flag, event in events) for event, flag in self.spec.flags())
        return desired

    def create_payload(self, desired):
        missing = [option for option in self.spec.required if self.params[option] is None]
        if missing:
            raise DokployParamError("Creating %s notification '%s' needs %s" % (
                self.params["type"], self.params["name"], ", ".join(missing)), option=missing[0])
        if self.spec.capability:
            require(self.client.version(), self.spec.capability, "dokploy_notification type %s" % self.params["type"])
        payload = dict(self.spec.defaults)
        payload.update((flag, False) for event, flag in self.spec.flags())   # every create takes them all
        payload.update(desired)
        payload["name"] = self.params["name"]
        return payload

    def result_object(self, obj):
        return dict((field, mask_value(value) if field in SECRET_FIELDS else value) for field, value in mask(obj).items())

    def _shown(self, field, value):
        return mask_value(value) if field in SECRET_FIELDS else Resource._shown(field, value)

    def summary_keys(self):
        return [self.id_field, "name", "notificationType"]
