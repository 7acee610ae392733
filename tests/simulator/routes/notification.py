# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""notification router: create<Kind>, update<Kind>, test<Kind>Connection for the 12 kinds of v0.30.2, remove, one,
all, getEmailProviders.

Not recorded: shapes from Dokploy's source at v0.30.2 (apps/dokploy/server/api/routers/notification.ts,
packages/server/src/services/notification.ts, packages/server/src/db/schema/notification.ts); the inputs come from
the OpenAPI document. A notification is a `notification` row plus one row of its kind's table (`slack`, `email`...),
nested under the kind's key by one/all. create<Kind> and update<Kind> answer an empty body (the services await their
transaction without returning it). test<Kind>Connection answers `true`; the outcome comes from server_remote.py
(a URL or SMTP server on a reserved host such as `hooks.example.invalid` fails, or `/__sim__/remote`
{"notification_test": "fail"}).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ..registry import EMPTY, ApiError, not_found, route
from ..state import table
from ..util import by_created, nanoid, now_iso, public
from ..validation import procedures
from .server_remote import failure

FLAGS = ("appDeploy", "appBuildError", "databaseBackup", "volumeBackup", "dokployRestart", "dokployBackup",
         "dockerCleanup", "serverThreshold")
# the kind's table columns with their defaults (schema/notification.ts), in column order
KINDS = {
    "slack": {"webhookUrl": None, "channel": None},
    "telegram": {"botToken": None, "chatId": None, "messageThreadId": None},
    "discord": {"webhookUrl": None, "decoration": None},
    "email": {"smtpServer": None, "smtpPort": None, "username": None, "password": None, "fromAddress": None,
              "toAddresses": None},
    "resend": {"apiKey": None, "fromAddress": None, "toAddresses": None},
    "gotify": {"serverUrl": None, "appToken": None, "priority": 5, "decoration": None},
    "ntfy": {"serverUrl": None, "topic": None, "accessToken": None, "priority": 3},
    "mattermost": {"webhookUrl": None, "channel": None, "username": None},
    "custom": {"endpoint": None, "headers": None},
    "lark": {"webhookUrl": None},
    "pushover": {"userKey": None, "apiToken": None, "priority": 0, "retry": None, "expire": None},
    "teams": {"webhookUrl": None},
}
# the host each test reaches; telegram, resend and pushover call fixed public APIs
FIXED_HOSTS = {"telegram": "api.telegram.org", "resend": "api.resend.com", "pushover": "api.pushover.net"}
TARGETS = {"slack": "webhookUrl", "discord": "webhookUrl", "email": "smtpServer", "gotify": "serverUrl",
           "ntfy": "serverUrl", "mattermost": "webhookUrl", "custom": "endpoint", "lark": "webhookUrl",
           "teams": "webhookUrl"}
# update<Kind> handlers that turn every error into 400 "Error updating the notification"; the others rethrow the 404
WRAPPED_UPDATES = ("telegram", "discord", "email", "resend")
# test<Kind>Connection messages on failure: the error's own message, or a fixed text
TEST_MESSAGE_FIXED = ("telegram", "gotify", "mattermost", "lark", "pushover")


def _procedure_suffix(kind):
    return kind[0].upper() + kind[1:]


def _nonoptional_flags(procedure):
    """`.required()` on the pick makes the defaulted flag columns "expected nonoptional" when missing."""
    spec = procedures().get(procedure) or {}
    required = (spec.get("schema") or {}).get("required") or []
    return tuple(f for f in FLAGS if f in required)


def _get(state, notification_id):
    row = table(state, "notification").get(notification_id)
    if row is None:
        raise not_found("Notification")
    return row


def notification_detail(state, row):
    """findNotificationById: the row with every kind relation (null but its own) [source]."""
    out = public(row)
    for kind in KINDS:
        child = table(state, kind).get(row.get(kind + "Id")) if row.get(kind + "Id") else None
        out[kind] = public(child) if child else None
    return out


def new_notification(state, organization_id, kind, name, flags=None, **values):
    """Store a notification of `kind` (row + kind row); also used to seed fixtures. Returns the notification row."""
    child = {kind + "Id": nanoid()}
    for column, default in KINDS[kind].items():
        child[column] = values[column] if values.get(column) is not None else default
    table(state, kind)[child[kind + "Id"]] = child
    row = {"notificationId": nanoid(), "name": name}
    for flag in FLAGS:
        row[flag] = bool((flags or {}).get(flag, False))
    row.update({"notificationType": kind, "createdAt": now_iso()})
    for other in KINDS:
        row[other + "Id"] = child[kind + "Id"] if other == kind else None
    row["organizationId"] = organization_id
    table(state, "notification")[row["notificationId"]] = row
    return row


def _register(kind):
    suffix = _procedure_suffix(kind)
    create_name = "notification.create" + suffix

    @route(create_name, nonoptional=_nonoptional_flags(create_name))
    def create(state, inp, ctx):
        flags = dict((f, inp[f]) for f in FLAGS if f in inp)
        new_notification(state, ctx.organization_id, kind, inp["name"], flags,
                         **dict((c, inp[c]) for c in KINDS[kind] if c in inp))
        return EMPTY

    @route("notification.update" + suffix)
    def update(state, inp, ctx):
        """Only the fields sent are set (drizzle skips undefined); the kind row is found by `<kind>Id`."""
        row = table(state, "notification").get(inp["notificationId"])
        if row is None:
            if kind in WRAPPED_UPDATES:
                raise ApiError(400, "Error updating the notification")
            raise not_found("Notification")
        for flag in FLAGS:
            if flag in inp:
                row[flag] = inp[flag]
        if "name" in inp:
            row["name"] = inp["name"]
        child = table(state, kind).get(inp.get(kind + "Id"))
        if child is not None:
            for column in KINDS[kind]:
                if column in inp:
                    child[column] = inp[column]
        return EMPTY

    @route("notification.test%sConnection" % suffix)
    def test_connection(state, inp, ctx):
        target = inp.get(TARGETS.get(kind)) or FIXED_HOSTS.get(kind)
        reason = failure(ctx, "notification_test", target)
        if not reason:
            return True
        if kind in TEST_MESSAGE_FIXED:
            raise ApiError(400, "Error testing the notification")
        if kind == "ntfy":
            raise ApiError(400, "Error testing the notification: %s" % reason)
        raise ApiError(400, reason)

    return create, update, test_connection


HANDLERS = dict((kind, _register(kind)) for kind in KINDS)


@route("notification.one")
def one(state, inp, ctx):
    return notification_detail(state, _get(state, inp["notificationId"]))


@route("notification.all")
def all_(state, inp, ctx):
    """Newest first, each with its kind relations."""
    rows = by_created(table(state, "notification").values(), newest_first=True)
    return [notification_detail(state, r) for r in rows]


@route("notification.getEmailProviders")
def get_email_providers(state, inp, ctx):
    """Every notification of the organization with only its `email` and `resend` relations (heap order)."""
    out = []
    for row in table(state, "notification").values():
        item = public(row)
        for kind in ("email", "resend"):
            child = table(state, kind).get(row.get(kind + "Id")) if row.get(kind + "Id") else None
            item[kind] = public(child) if child else None
        out.append(item)
    return out


@route("notification.remove")
def remove(state, inp, ctx):
    """The deleted notification row (no relations); an unknown id is rethrown as 400 "Notification not found".
    The kind row stays (the FK cascades from the kind to the notification, not back)."""
    row = table(state, "notification").get(inp["notificationId"])
    if row is None:
        raise ApiError(400, "Notification not found")
    del table(state, "notification")[row["notificationId"]]
    return public(row)


@route("notification.receiveNotification")
def receive_notification(state, inp, ctx):
    """The monitoring agent's threshold callback: the Token must match the Dokploy host's metrics token (the simulator
    keeps none, as a host without monitoring set up) or a server's `metricsConfig.server.token`; every failure is
    400 "Error sending the notification". Sends to the notifications with serverThreshold on; empty body."""
    if inp.get("ServerType", "Dokploy") == "Remote" and any(
            ((server.get("metricsConfig") or {}).get("server") or {}).get("token") == inp["Token"]
            for server in table(state, "server").values()):
        return EMPTY
    raise ApiError(400, "Error sending the notification")
