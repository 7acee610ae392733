# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dokploy_rollback against the simulator (its rollback router: routes/rollback.py): back to the previous deployment
and waiting until it runs, a second run that sends nothing, check mode and diff, the errors (rollbacks off, no registry,
none kept yet, a version that does not exist), no secret of the kept context in the result; and the simulator's
rollback rows as Dokploy v0.30.2 and v0.25.11 write them (issue 22)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import (
    DokployClient,
    DokployError,
    DokployParamError,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._context import Context
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._application import Application
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._registry import Registry
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._rollback import (
    Rollback,
    comparable_image,
    registry_tag,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._running import DokployServiceNotRunning
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._params import resource_params
from ansible_collections.dokploy.dokploy.tests.unit.conftest import SIM_KEY

REGISTRY = "127.0.0.1:5000"
V1 = REGISTRY + "/dokploy-test/envhttp:v1"
V2 = REGISTRY + "/dokploy-test/envhttp:v2"
APP = dict(project="shop", application="web", settle_time=0.2, wait_timeout=30)


def run(sim, resource_class, check_mode=False, diff=False, **params):
    sim.clear_requests()
    ctx = Context(DokployClient(sim.url, SIM_KEY), check_mode=check_mode, diff=diff)
    return resource_class(ctx, resource_params(resource_class, params)).run()


def paths(sim):
    return [r["path"].rsplit("/", 1)[-1] for r in sim.requests()]


def writes(sim):
    return [p for p, r in zip(paths(sim), sim.requests()) if r["method"] != "GET"]


def deploy(sim, image, **extra):
    return run(sim, Application, project="shop", name="web", docker_image=image, state="deployed",
               settle_time=0.2, **extra)


def running_image(sim):
    row = next(iter(sim.state["application"].values()))
    return row.get("_image")


@pytest.fixture
def two_deploys(deploy_sim):
    """web deployed with envhttp:v1, then v2, rollbacks kept in the registry ``rollbacks``."""
    run(deploy_sim, Registry, name="rollbacks", url=REGISTRY, username="robot", password="registry-secret-pw",
        image_prefix="keep")
    deploy(deploy_sim, V1, rollback=True, rollback_registry="rollbacks")
    deploy(deploy_sim, V2)
    return deploy_sim


def test_back_to_the_previous_deployment_then_nothing(two_deploys):
    sim = two_deploys
    app_name = next(iter(sim.state["application"].values()))["appName"]
    assert running_image(sim) == V2
    planned = run(sim, Rollback, check_mode=True, diff=True, **APP)
    assert planned["changed"] is True and writes(sim) == []
    assert planned["diff"] == {"before": {"image": V2}, "after": {"image": "%s/keep/%s:v1" % (REGISTRY, app_name)}}
    done = run(sim, Rollback, **APP)
    assert done["changed"] is True
    assert writes(sim) == ["rollback.rollback"]
    assert done["image"] == running_image(sim) == "%s/keep/%s:v1" % (REGISTRY, app_name)
    assert done["rollback"]["version"] == 1 and done["deployment"]["status"] == "done"
    assert done["tasks"] and all(t["error"] == "" for t in done["tasks"][:1])   # waited until it runs
    text = json.dumps(done)
    assert "registry-secret-pw" not in text and "fullContext" not in text
    again = run(sim, Rollback, diff=True, **APP)
    assert again["changed"] is False and writes(sim) == []
    assert again["diff"] == {"before": {}, "after": {}}
    # the requests of a no-op: the lookup (projects, environment, row), the rollbacks, the services, the tasks
    assert paths(sim) == ["project.all", "application.one", "deployment.allByType", "swarm.getNodeApps",
                          "docker.getServiceContainersByAppName"], paths(sim)


def test_a_version_by_number_or_id_and_one_that_does_not_exist(two_deploys):
    sim = two_deploys
    kept = DokployClient(sim.url, SIM_KEY).get("deployment.allByType", {
        "id": next(iter(sim.state["application"])), "type": "application"})
    newest = kept[0]
    to_v1 = run(sim, Rollback, to="1", **APP)
    assert to_v1["changed"] is True and to_v1["rollback"]["version"] == 1
    # the newest deployment's own rollback: the same image by the rollback registry's name, then nothing
    assert run(sim, Rollback, to=newest["rollback"]["rollbackId"], **APP)["changed"] is True
    assert run(sim, Rollback, to=newest["deploymentId"], **APP)["changed"] is False
    assert run(sim, Rollback, to="2", **APP)["changed"] is False
    with pytest.raises(DokployError) as caught:
        run(sim, Rollback, to="7", **APP)
    message = str(caught.value)
    assert "has no rollback '7'" in message and "version 1 (deployment" in message and "version 2" in message
    assert writes(sim) == []


def test_no_rollback_kept(deploy_sim):
    deploy(deploy_sim, V1)
    with pytest.raises(DokployError) as caught:
        run(deploy_sim, Rollback, **APP)
    assert "rollbacks are off for it" in str(caught.value) and "rollback_registry" in str(caught.value)
    deploy(deploy_sim, V2, rollback=True)
    with pytest.raises(DokployError) as caught:
        run(deploy_sim, Rollback, **APP)
    assert "it has no rollback registry" in str(caught.value)
    assert writes(deploy_sim) == []


def test_one_kept_has_no_previous(deploy_sim):
    run(deploy_sim, Registry, name="rollbacks", url=REGISTRY, username="robot", password="pw", image_prefix="keep")
    deploy(deploy_sim, V1, rollback=True, rollback_registry="rollbacks")
    with pytest.raises(DokployError) as caught:
        run(deploy_sim, Rollback, **APP)
    assert "no earlier deployment to roll back to" in str(caught.value) and "version 1" in str(caught.value)


def test_a_rollback_whose_tasks_fail_fails(two_deploys):
    sim = two_deploys
    sim.control("tasks", {"service": "web", "failure": "image"}, "POST")
    with pytest.raises(DokployServiceNotRunning) as caught:
        run(sim, Rollback, **APP)
    assert "No such image" in str(caught.value)


@pytest.mark.parametrize("params, message", [
    (dict(to="not a version!"), "to must be 'previous'"),
    (dict(settle_time=-1), "settle_time must not be negative"),
    (dict(wait_timeout=-1), "wait_timeout must not be negative"),
])
def test_bad_input_before_any_request(deploy_sim, params, message):
    with pytest.raises(DokployParamError) as caught:
        run(deploy_sim, Rollback, **dict(APP, **params))
    assert message in str(caught.value)
    assert deploy_sim.requests() == []


def test_images_compare_as_docker_service_ls_prints_them():
    assert registry_tag({"registryUrl": "r:5000", "imagePrefix": "Keep", "username": "u"}, "app:v3") == "r:5000/keep/app:v3"
    assert registry_tag({"registryUrl": "", "imagePrefix": None, "username": "Bob"}, "app:v3") == "bob/app:v3"
    assert comparable_image("docker.io/library/nginx:1@sha256:abc") == "nginx:1"
    assert comparable_image("r:5000/keep/app:v1") == "r:5000/keep/app:v1"


def test_on_v025_git_built_applications_only():
    """Dokploy v0.25.11: a rollback after each successful deploy with rollbackActive alone, tagged locally
    ``<appName>:v<N>`` for an application built from Git; for a docker source the name is ``<image>:v<N>``, which
    Docker refuses: a clear error before any write."""
    from simulator import Simulator  # pylint: disable=import-outside-toplevel
    with Simulator(api_key=SIM_KEY, version="0.25") as sim:
        sim.control("deploy", {"deploy_duration": 0.1, "deploy_pickup": 0.05}, "POST")
        DokployClient(sim.url, SIM_KEY).post("project.create", {"name": "shop"})
        git = dict(project="shop", name="web", git_url="https://git.example.com/shop/web.git", state="deployed",
                   settle_time=0.2)
        run(sim, Application, git_branch="main", rollback=True, **git)
        run(sim, Application, git_branch="next", **git)
        result = run(sim, Rollback, **APP)
        app_name = next(iter(sim.state["application"].values()))["appName"]
        assert result["changed"] and result["image"] == "%s:v1" % app_name == running_image(sim)
        assert run(sim, Rollback, **APP)["changed"] is False
        run(sim, Application, project="shop", name="docker", docker_image="envhttp:v1", rollback=True,
            state="deployed", settle_time=0.2)
        run(sim, Application, project="shop", name="docker", docker_image="envhttp:v2", state="deployed",
            settle_time=0.2)
        docker = dict(APP)
        docker["application"] = "docker"
        with pytest.raises(DokployError) as caught:
            run(sim, Rollback, **docker)
        assert "names the image 'envhttp:v1:v" in str(caught.value) and "cannot be rolled back there" in str(caught.value)
        assert writes(sim) == []


@pytest.mark.parametrize("fault, ran", [(dict(lose_response=True), True), (dict(drop=True), False)])
def test_a_lost_answer_is_never_sent_again(two_deploys, fault, ran):
    """rollback.rollback whose answer is lost: the service tells whether it ran (swarm.getNodeApps), never a second
    call; a call that never ran fails saying that running again rolls back."""
    sim = two_deploys
    sim.add_fault("rollback.rollback", **fault)
    if ran:
        assert run(sim, Rollback, **APP)["changed"] is True
    else:
        with pytest.raises(DokployError) as caught:
            run(sim, Rollback, **APP)
        assert "running the task again rolls back" in str(caught.value) or "rollback.rollback" in str(caught.value)
    assert writes(sim).count("rollback.rollback") == 1
    assert run(sim, Rollback, **APP)["changed"] is (not ran)
