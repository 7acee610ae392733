# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""destination router (S3 backup destinations): create [1187-1193], all [1194], one [1195-1196], update [1197-1199],
testConnection [1201-1202], remove [1259, 1262, 1291].

Secrets come back in clear everywhere here [1187, 1194, 1195, 1197, 1259]. Names are not unique [1188].
rclone: the recorded server had none, so every S3 call failed and echoed the whole command line, secret included
[1201, 1203]; the simulator does the same when `config["docker"]` is false (the recorded server) and succeeds
otherwise (a real Dokploy image ships rclone).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from .. import deploy_queue
from ..registry import ApiError, EMPTY, route
from ..state import table
from ..util import by_created, nanoid, now_iso, public
from ..cascade import delete_row
from ._children import get_child, update_child

FIELDS = ("name", "provider", "accessKey", "secretAccessKey", "bucket", "region", "endpoint", "additionalFlags")


def rclone_flags(dest):
    """The flags of Dokploy's getS3Credentials, as echoed in the recorded errors [1203]."""
    flags = ["--s3-provider=%s" % dest["provider"]] if dest.get("provider") else []
    flags += ["--s3-access-key-id=%s" % dest["accessKey"], "--s3-secret-access-key=%s" % dest["secretAccessKey"],
              "--s3-region=%s" % dest["region"], "--s3-endpoint=%s" % dest["endpoint"].replace(":", "\\:"),
              "--s3-no-check-bucket", "--s3-force-path-style"]
    return flags + list(dest.get("additionalFlags") or [])


def rclone_failure(command, stderr=""):
    """The 400 of a failed rclone call: the command line (secret included), then what the shell printed."""
    return ApiError(400, "Command execution failed: Command failed: %s\n%s" % (command, stderr))


def rclone_available(ctx):
    return deploy_queue.docker(ctx.sim)


@route("destination.create", nonoptional=("provider",))
def create(state, inp, ctx):
    row = {"destinationId": nanoid()}
    row.update((f, inp.get(f)) for f in FIELDS)
    row["additionalFlags"] = inp.get("additionalFlags") or []
    row["organizationId"] = state["_meta"]["organizationId"]
    row["createdAt"] = now_iso()
    table(state, "destination")[row["destinationId"]] = row
    return public(row)


@route("destination.all")
def all_destinations(state, inp, ctx):
    """Newest first [1194]."""
    return [public(r) for r in by_created(table(state, "destination").values(), newest_first=True)]


@route("destination.one")
def one(state, inp, ctx):
    return public(get_child(state, "destination", inp["destinationId"], "Destination"))


@route("destination.update", nonoptional=("provider",))
def update(state, inp, ctx):
    """Every field is required [1198]; an unknown id is a 400 [1199]; answers the row [1197]."""
    return update_child(state, "destination", "destinationId", inp, "Destination", FIELDS, status=400)


@route("destination.remove")
def remove(state, inp, ctx):
    """Answers the deleted row; the backups and volume backups on it go with it, silently [1259 -> 1260, 1261]."""
    row = get_child(state, "destination", inp["destinationId"], "Destination")
    delete_row(state, "destination", row["destinationId"])  # with their runs (the foreign keys, cascade.py)
    return public(row)


@route("destination.testConnection", nonoptional=("provider",))
def test_connection(state, inp, ctx):
    """`rclone ls` on the bucket: an empty body when it works, 400 with the command line otherwise [1201]."""
    if not rclone_available(ctx):
        flags = rclone_flags(dict(inp, additionalFlags=[]))
        flags += ["--retries 1", "--low-level-retries 1", "--timeout 10s", "--contimeout 5s"] + list(inp.get("additionalFlags") or [])
        raise rclone_failure("rclone ls %s \\:s3\\:%s" % (" ".join(flags), inp["bucket"]), "/bin/sh: 1: rclone: not found\n")
    return EMPTY
