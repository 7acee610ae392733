# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Application options create_env_file, clean_cache, rollback and rollback_registry; compose watch_paths and
auto_deploy (issue 22), against the simulator: check mode, diff, idempotence, bad input."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployClient, DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._context import Context
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._application import Application
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._compose import Compose
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._params import resource_params
from ansible_collections.dokploy.dokploy.tests.unit.conftest import SIM_KEY as KEY


def run(deploy_sim, resource_class, check_mode=False, diff=False, **params):
    deploy_sim.clear_requests()
    ctx = Context(DokployClient(deploy_sim.url, KEY), check_mode=check_mode, diff=diff)
    return resource_class(ctx, resource_params(resource_class, dict(project="shop", **params))).run()


def writes(deploy_sim):
    return [(r["path"].rsplit("/", 1)[-1], r.get("body")) for r in deploy_sim.requests() if r["method"] == "POST"]


def test_application_rollbacks_clean_cache_and_env_file(deploy_sim):
    client = DokployClient(deploy_sim.url, KEY)
    client.post("registry.create", {"registryName": "backup", "registryUrl": "ghcr.io", "username": "bot",
                                    "password": "token-1", "registryType": "cloud", "imagePrefix": None})
    base = dict(name="web", docker_image="nginx:alpine")
    run(deploy_sim, Application, **base)
    options = dict(base, create_env_file=False, clean_cache=True, rollback=True, rollback_registry="backup")
    predicted = run(deploy_sim, Application, check_mode=True, diff=True, **options)
    assert predicted["changed"] and writes(deploy_sim) == []
    assert predicted["diff"]["after"]["rollbackActive"] is True and predicted["diff"]["after"]["cleanCache"] is True
    done = run(deploy_sim, Application, **options)
    assert done["changed"]
    sent = dict(writes(deploy_sim))
    assert sent["application.update"]["rollbackActive"] is True and sent["application.update"]["cleanCache"] is True
    assert sent["application.update"]["rollbackRegistryId"]
    assert sent["application.saveEnvironment"]["createEnvFile"] is False
    row = done["application"]
    assert row["rollbackActive"] is True and row["cleanCache"] is True and row["createEnvFile"] is False
    again = run(deploy_sim, Application, **options)
    assert again["changed"] is False and writes(deploy_sim) == []
    # off again, the registry unset with an empty string
    off = run(deploy_sim, Application, **dict(base, rollback=False, rollback_registry=""))
    assert off["changed"] and off["application"]["rollbackActive"] is False
    assert off["application"]["rollbackRegistryId"] is None


def test_rollback_registry_must_exist(deploy_sim):
    run(deploy_sim, Application, name="web", docker_image="nginx:alpine")
    with pytest.raises(Exception) as caught:
        run(deploy_sim, Application, name="web", docker_image="nginx:alpine", rollback_registry="nowhere")
    assert "nowhere" in str(caught.value)
    assert writes(deploy_sim) == []


def test_compose_watch_paths_and_auto_deploy(deploy_sim):
    base = dict(name="front", git_url="https://git.example.com/shop/front.git", git_branch="main")
    run(deploy_sim, Compose, **base)
    options = dict(base, watch_paths=["front/**", "compose.yml"], auto_deploy=False)
    assert run(deploy_sim, Compose, check_mode=True, **options)["changed"] and writes(deploy_sim) == []
    done = run(deploy_sim, Compose, **options)
    sent = dict(writes(deploy_sim))
    assert sent["compose.update"]["watchPaths"] == ["front/**", "compose.yml"]
    assert sent["compose.update"]["autoDeploy"] is False
    assert done["compose"]["watchPaths"] == ["front/**", "compose.yml"] and done["compose"]["autoDeploy"] is False
    assert run(deploy_sim, Compose, **options)["changed"] is False and writes(deploy_sim) == []


def test_compose_watch_paths_need_a_git_source(deploy_sim):
    with pytest.raises(DokployParamError) as caught:
        run(deploy_sim, Compose, name="front", compose_file="services:\n  web:\n    image: nginx\n",
            watch_paths=["x/**"])
    assert "watch_paths needs a Git source" in str(caught.value)
    assert deploy_sim.requests() == []
