# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Helpers shared by the routers of what hangs off a service (mounts, port, redirects, security, backups, ...).

Sources: exchanges-resources-v0.30.2.jsonl and NOTES-resources.md (seq numbers in brackets).
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ..cascade import delete_row
from ..registry import ApiError
from ..services import KINDS
from ..state import table
from ..util import public, touch

# the service FK columns, in the order of the mount table [1009]
MOUNT_SERVICE_COLUMNS = ("applicationId", "composeId", "libsqlId", "mariadbId", "mongoId", "mysqlId", "postgresId", "redisId")


def js_string(value):
    """How a value prints in a JavaScript array's toString (the `params:` line of a failed query)."""
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


def failed_insert(table_name, columns, values):
    """Drizzle's "Failed query: insert into ..." text: `default` for absent columns, the values as `params`
    [1022, 1087, 1215, 1245]. Secrets sent in the values appear in clear, as Dokploy shows them."""
    placeholders = []
    params = []
    for column in columns:
        if column in values and values[column] is not None:
            params.append(values[column])
            placeholders.append("$%d" % len(params))
        else:
            placeholders.append("default")
    quoted = ", ".join('"%s"' % c for c in columns)
    return 'Failed query: insert into "%s" (%s) values (%s) returning %s\nparams: %s' % (
        table_name, quoted, ", ".join(placeholders), quoted, ",".join(js_string(p) for p in params))


def failed_update(table_name, id_column, row_id, values, columns):
    """Drizzle's "Failed query: update ..." text: `values` are the columns set, `columns` those returned [1097]."""
    sets = ", ".join('"%s" = $%d' % (k, i + 1) for i, k in enumerate(values))
    params = [js_string(v) for v in values.values()] + [js_string(row_id)]
    return 'Failed query: update "%s" set %s where "%s"."%s" = $%d returning %s\nparams: %s' % (
        table_name, sets, table_name, id_column, len(values) + 1, ", ".join('"%s"' % c for c in columns), ",".join(params))


def get_child(state, table_name, row_id, label, status=404):
    """The row, or `<label> not found` (404, or 400 BAD_REQUEST where Dokploy throws that)."""
    row = table(state, table_name).get(row_id)
    if row is None:
        raise ApiError(status, "%s not found" % label)
    return row


def update_child(state, table_name, id_field, inp, label, fields, status=404):
    """Set `fields` from `inp` on the row (PostgreSQL heap order: it moves to the end); the public row."""
    row = get_child(state, table_name, inp[id_field], label, status)
    row.update((f, inp[f]) for f in fields if f in inp)
    touch(table(state, table_name), row[id_field])
    return public(row)


def remove_child(state, table_name, row_id, label):
    """Delete the row; the deleted row, as Dokploy's `.returning()` gives it."""
    get_child(state, table_name, row_id, label)
    return public(delete_row(state, table_name, row_id))


def service_of(row, kinds=None):
    """(kind, id) of the service a child row points at, or (None, None)."""
    kinds = KINDS if kinds is None else kinds
    for kind in kinds:
        value = row.get(KINDS[kind]["id"])
        if value:
            return kind, value
    return None, None


def environment_project(state, environment_id):
    """`environment` with its `project` nested, both full rows [1250]."""
    env = table(state, "environment").get(environment_id)
    if env is None:
        return None
    out = public(env)
    project = table(state, "project").get(env.get("projectId"))
    out["project"] = public(project) if project else None
    return out
