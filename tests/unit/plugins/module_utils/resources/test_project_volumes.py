# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dokploy_project force=true and the databases' Docker volumes, against the simulator.

Dokploy's <database>.remove is ``docker service rm`` only: the data volume Dokploy made with the database stays on the
server (the simulator keeps it, as Docker does). remove_volumes=true removes it with dockerVolume.removeVolume
(v0.30.0 and newer), waiting while Docker still reports it in use.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployClient, DokployError, DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._context import Context
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._database import Database
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._project import Project
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._params import resource_params
from simulator import Simulator

PG = dict(project="shop", name="pg", type="postgres", database_name="shop", database_user="shop",
          database_password="pg-password-1")


def run(sim, resource_class, params, sleeps=None):
    ctx = Context(DokployClient(sim.url, sim.api_key), sleep=(sleeps.append if sleeps is not None else None))
    return resource_class(ctx, resource_params(resource_class, params)).run()


def shop_with_a_database(sim):
    run(sim, Project, dict(name="shop"))
    return run(sim, Database, PG)["database"]["appName"] + "-data"


def test_force_keeps_the_database_volume():
    with Simulator(api_key="volumes-key") as sim:
        volume = shop_with_a_database(sim)
        assert run(sim, Project, dict(name="shop", state="absent", force=True))["changed"] is True
        assert volume in sim.state.get("dockerVolume", {})
        assert not [r for r in sim.requests() if r["path"] == "/api/dockerVolume.removeVolume"]


def test_remove_volumes_removes_the_database_volume():
    with Simulator(api_key="volumes-key") as sim:
        volume = shop_with_a_database(sim)
        sim.add_fault("dockerVolume.removeVolume", times=1, status=500, body={
            "message": "Command execution failed: Command failed: docker volume rm '%s'\nError response from daemon: "
                       "remove %s: volume is in use - [0123456789ab]" % (volume, volume),
            "code": "INTERNAL_SERVER_ERROR"})
        sleeps = []
        result = run(sim, Project, dict(name="shop", state="absent", force=True, remove_volumes=True), sleeps)
        assert result["changed"] is True and sim.state.get("project") == {}
        assert volume not in sim.state.get("dockerVolume", {})
        removes = [r for r in sim.requests() if r["path"] == "/api/dockerVolume.removeVolume"]
        assert [r["body"] for r in removes] == [{"volumeName": volume}] * 2 and len(sleeps) == 1


def test_remove_volumes_on_a_server_without_the_call_fails_before_any_delete():
    with Simulator(api_key="volumes-key", version="0.29") as sim:
        shop_with_a_database(sim)
        sim.clear_requests()
        with pytest.raises(DokployError) as info:
            run(sim, Project, dict(name="shop", state="absent", force=True, remove_volumes=True))
        assert "needs Dokploy v0.30.0 or newer" in str(info.value)
        assert [r for r in sim.requests() if r["method"] == "POST"] == []


@pytest.mark.parametrize("params", [dict(name="shop", remove_volumes=True),
                                    dict(name="shop", state="absent", remove_volumes=True)])
def test_remove_volumes_needs_absent_and_force(params):
    with pytest.raises(DokployParamError) as info:
        resource_params(Project, params)
    assert "remove_volumes" in str(info.value) and "force: true" in str(info.value)
