# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The simulator state: a dict of tables (each an ordered dict id -> row) plus `_meta`."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from .util import nanoid

# Add a table name here when a new router needs one; rows are keyed by their primary id.
TABLES = (
    "project", "environment", "application", "compose", "postgres", "mysql", "mariadb", "mongo", "redis", "libsql",
    "domain", "deployment", "server", "sshKey", "mount", "port", "redirect", "security", "registry", "backup",
    "previewDeployment", "github", "gitlab", "gitea", "bitbucket", "destination", "certificate", "notification",
    "schedule", "volumeBackup", "projectTag",
)


def new_state():
    state = {name: {} for name in TABLES}
    state["_meta"] = {"organizationId": nanoid(), "userId": nanoid(32), "memberId": nanoid(), "uniqueConfigKey": 0}
    return state


def table(state, name):
    """The table `name`, created on first use (so later routers need no edit here)."""
    return state.setdefault(name, {})
