# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Check mode on an empty server: a parent that does not exist may be one an earlier task of the play creates.

The task warns about it once, however many of its parents are missing (a backup of a database of a project that
does not exist, to a destination that does not exist), in plain English ("an application"), and writes nothing.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployClient
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._context import Context
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._backup import Backup
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._domain import Domain
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._env import EnvTarget
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._schedule import Schedule
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._volume_backup import VolumeBackup
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._params import resource_params
from simulator import Simulator

APP = dict(project="shop", application="web")
CASES = [
    (Domain, dict(APP, host="shop.example.com", port=80), "an application"),
    (EnvTarget, dict(APP, env={"A": "1"}), "an application"),
    (Schedule, dict(APP, name="purge", cron_expression="0 3 * * *", command="true"), "an application"),
    (Backup, dict(project="shop", database="pg", database_type="postgres", destination="s3",
                  cron_expression="0 2 * * *", database_name="shop"), "a postgres database"),
    (VolumeBackup, dict(APP, name="data", volume_name="web-data", destination="s3", prefix="web",
                        cron_expression="0 1 * * *"), "an application"),
]


@pytest.fixture(scope="module")
def empty_server():
    with Simulator(api_key="pending-warnings-key") as sim:
        yield sim


@pytest.mark.parametrize("resource_class, params, taken_as", CASES, ids=[c[0].__name__ for c in CASES])
def test_check_mode_on_an_empty_server_warns_once(empty_server, resource_class, params, taken_as):
    ctx = Context(DokployClient(empty_server.url, empty_server.api_key), check_mode=True)
    empty_server.clear_requests()
    result = resource_class(ctx, resource_params(resource_class, params)).run()
    assert result["changed"] is True
    assert len(ctx.warnings) == 1, ctx.warnings
    assert ctx.warnings[0] == ("No project is named 'shop'; existing: none. In check mode this is taken as %s an earlier "
                               "task would create; without check mode the task fails" % taken_as)
    assert [r for r in empty_server.requests() if r["method"] != "GET"] == []
