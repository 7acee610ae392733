# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Real deployments on a real Dokploy v0.30.2 and a real swarm: what a setting does, seen by the swarm.

The tests of this module build on each other in order (one project, ``acc``), like a user's session.
Images come from the harness's local registry (tests/acceptance/dokploy_real.py IMAGES).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from conftest import (REGISTRY, container_get, docker, play, running_containers, service_inspect,
                      service_tasks, wait_for)

PROJECT = "acc"
ENVHTTP = "%s/dokploy-test/envhttp" % REGISTRY
APPS = {}  # name -> appName, filled as the tests create them


def app(name, **params):
    task = {"project": PROJECT, "name": name}
    task.update(params)
    return task


@pytest.fixture(scope="module")
def server(real):
    play(real, "deploy_project", [{"name": "project", "dokploy.dokploy.dokploy_project": {"name": PROJECT}}])
    return real


def test_application_deployed_with_its_settings(server):
    results = play(server, "deploy_web", [
        {"name": "create", "dokploy.dokploy.dokploy_application": app(
            "web", docker_image=ENVHTTP + ":v1", env={"GREETING": "hello", "MODE": "real"}, replicas=2,
            memory_limit="128M", cpu_limit="0.5")},
        {"name": "volume", "dokploy.dokploy.dokploy_mount": {
            "project": PROJECT, "application": "web",
            "type": "volume", "volume_name": "acc-web-data", "mount_path": "/data"}},
        {"name": "file", "dokploy.dokploy.dokploy_mount": {
            "project": PROJECT, "application": "web",
            "type": "file", "file_path": "conf/app.ini", "content": "[app]\nmode = real\n",
            "mount_path": "/etc/app.ini"}},
        {"name": "port", "dokploy.dokploy.dokploy_port": {
            "project": PROJECT, "application": "web", "published_port": 18081, "target_port": 80}},
        {"name": "deploy", "dokploy.dokploy.dokploy_application": app(
            "web", docker_image=ENVHTTP + ":v1", env={"GREETING": "hello", "MODE": "real"}, replicas=2,
            memory_limit="128M", cpu_limit="0.5", state="deployed")},
    ])
    deploy = results["deploy"]
    assert deploy["changed"] is True
    app_name = deploy["application"]["appName"]
    APPS["web"] = app_name
    assert deploy["application"]["applicationStatus"] == "done", deploy["application"]["applicationStatus"]
    spec = service_inspect(app_name)["Spec"]
    container = spec["TaskTemplate"]["ContainerSpec"]
    assert container["Image"].startswith(ENVHTTP + ":v1")
    assert "GREETING=hello" in container["Env"] and "MODE=real" in container["Env"]
    assert spec["Mode"]["Replicated"]["Replicas"] == 2
    limits = spec["TaskTemplate"]["Resources"]["Limits"]
    assert limits["MemoryBytes"] == 128 * 1024 * 1024
    assert limits["NanoCPUs"] == 500000000
    mounts = {m["Target"]: m for m in container.get("Mounts", [])}
    assert mounts["/data"]["Type"] == "volume" and mounts["/data"]["Source"] == "acc-web-data"
    assert mounts["/etc/app.ini"]["Type"] == "bind"
    ports = spec["EndpointSpec"]["Ports"]
    assert [(p["PublishedPort"], p["TargetPort"], p["Protocol"]) for p in ports] == [(18081, 80, "tcp")]
    # what it serves, read from inside (the ingress mesh does not answer on this machine)
    containers = running_containers(app_name, want=2)
    assert container_get(containers[0], "/").strip() == "envhttp v1"
    env = container_get(containers[0], "/env.txt")
    assert "GREETING=hello" in env and "MODE=real" in env
    assert docker("exec", containers[0], "cat", "/etc/app.ini") == "[app]\nmode = real\n"
    # re-applied unchanged: no change, no deployment
    again = play(server, "deploy_web_again", [
        {"name": "again", "dokploy.dokploy.dokploy_application": app(
            "web", docker_image=ENVHTTP + ":v1", env={"GREETING": "hello", "MODE": "real"}, replicas=2,
            memory_limit="128M", cpu_limit="0.5", state="deployed")}])
    assert again["again"]["changed"] is False


def test_new_image_redeployed(server):
    results = play(server, "deploy_web_v2", [
        {"name": "v2", "dokploy.dokploy.dokploy_application": app(
            "web", docker_image=ENVHTTP + ":v2", state="deployed")}])
    assert results["v2"]["changed"] is True
    app_name = APPS["web"]
    assert service_inspect(app_name)["Spec"]["TaskTemplate"]["ContainerSpec"]["Image"].startswith(ENVHTTP + ":v2")

    def serves_v2():
        for cid in running_containers(app_name, want=2):
            if container_get(cid, "/").strip() != "envhttp v2":
                return False
        return True
    wait_for(serves_v2, what="every replica serving envhttp v2")


def test_stop_start_restart_seen_in_the_swarm(server):
    app_name = APPS["web"]
    stopped = play(server, "web_stop", [
        {"name": "stop", "dokploy.dokploy.dokploy_application": app("web", state="stopped")}])
    assert stopped["stop"]["changed"] is True
    assert service_inspect(app_name)["Spec"]["Mode"]["Replicated"]["Replicas"] == 0
    wait_for(lambda: not docker("ps", "-q", "--filter", "label=com.docker.swarm.service.name=%s" % app_name),
             what="no container of the stopped application")
    started = play(server, "web_start", [
        {"name": "start", "dokploy.dokploy.dokploy_application": app("web", state="started")}])
    assert started["start"]["changed"] is True
    assert service_inspect(app_name)["Spec"]["Mode"]["Replicated"]["Replicas"] == 2
    before = set(running_containers(app_name, want=2))
    restarted = play(server, "web_restart", [
        {"name": "restart", "dokploy.dokploy.dokploy_application": app("web", state="restarted")}])
    assert restarted["restart"]["changed"] is True

    def replaced():
        now = set(docker("ps", "-q", "--filter", "label=com.docker.swarm.service.name=%s" % app_name,
                         "--filter", "status=running").split())
        return len(now) == 2 and not now & before
    wait_for(replaced, what="both replicas replaced by the restart")


def test_missing_image_is_a_failed_deployment_with_its_log(server):
    results = play(server, "deploy_missing", [
        {"name": "missing", "dokploy.dokploy.dokploy_application": app(
            "ghost", docker_image="%s/dokploy-test/missing:v1" % REGISTRY, state="deployed"),
         "ignore_errors": True}])
    missing = results["missing"]
    assert missing["failed"] is True
    msg = missing["msg"]
    assert "error" in msg.lower() and "missing" in msg, msg


def test_container_that_exits_at_once(server):
    """Dokploy's deployment ends `done` (the service was created); the swarm's tasks fail with exit code 3.
    Recorded with wait_for: deployment (Dokploy's meaning); the default fails the task (test_running.py)."""
    results = play(server, "deploy_crash", [
        {"name": "crash", "dokploy.dokploy.dokploy_application": app(
            "crash", docker_image="%s/dokploy-test/crash:v1" % REGISTRY, state="deployed", wait_for="deployment"),
         "ignore_errors": True}])
    crash = results["crash"]
    app_name = crash.get("application", {}).get("appName") or crash.get("app_name")
    assert app_name, crash
    # record what Dokploy says: the deployment is done (docker service create succeeded)
    assert crash.get("failed") is not True, crash.get("msg")
    assert crash["application"]["applicationStatus"] == "done"

    def failed_tasks():
        return [t for t in service_tasks(app_name) if "exit (3)" in t.get("Error", "")]
    assert wait_for(failed_tasks, what="a task of the crashing service failing with exit code 3")


def test_compose_stack_deployed(server):
    compose_file = (
        "version: '3.8'\n"
        "services:\n"
        "  web:\n"
        "    image: %s:v1\n"
        "    environment:\n"
        "      STACK: yes-stack\n"
        "    networks: [dokploy-network]\n"
        "networks:\n"
        "  dokploy-network:\n"
        "    external: true\n") % ENVHTTP
    results = play(server, "deploy_stack_compose", [
        {"name": "stack", "dokploy.dokploy.dokploy_compose": {
            "project": PROJECT, "name": "stacked", "compose_type": "stack", "compose_file": compose_file,
            "state": "deployed"}}])
    stack = results["stack"]
    assert stack["changed"] is True
    app_name = stack["compose"]["appName"]
    APPS["stacked"] = app_name
    assert stack["compose"]["composeStatus"] == "done"
    services = docker("stack", "services", app_name, "--format", "{{.Name}}").split()
    assert services == ["%s_web" % app_name], services
    cid = running_containers("%s_web" % app_name)[0]
    assert "STACK=yes-stack" in container_get(cid, "/env.txt")


def test_database_from_a_registry_image(server):
    results = play(server, "deploy_redis", [
        {"name": "redis", "dokploy.dokploy.dokploy_database": {
            "project": PROJECT, "name": "cache", "type": "redis", "docker_image": "%s/dokploy-test/redis:7" % REGISTRY,
            "database_password": "acc-redis-pw-1", "state": "deployed"}}])
    redis = results["redis"]
    assert redis["changed"] is True
    app_name = redis["database"]["appName"]
    APPS["cache"] = app_name
    assert redis["database"]["applicationStatus"] == "done"
    cid = running_containers(app_name)[0]
    # the password set through the module is the one the server requires
    answer = wait_for(lambda: docker("exec", cid, "sh", "-c", "printf 'AUTH acc-redis-pw-1\\r\\nPING\\r\\nQUIT\\r\\n'"
                                     " | nc 127.0.0.1 6379", check=False), what="redis answering")
    assert "+OK" in answer and "+PONG" in answer, answer


def test_project_deleted_with_force_leaves_nothing_in_the_swarm(server):
    assert APPS, "the earlier tests made no service"
    results = play(server, "delete_project", [
        {"name": "delete", "dokploy.dokploy.dokploy_project": {"name": PROJECT, "state": "absent", "force": True}}])
    assert results["delete"]["changed"] is True

    def gone():
        left = []
        for app_name in APPS.values():
            for svc in docker("service", "ls", "--format", "{{.Name}}").split():
                if svc == app_name or svc.startswith(app_name + "_"):
                    left.append("service " + svc)
            for cid in docker("ps", "-aq", "--filter", "name=%s" % app_name).split():
                left.append("container " + cid)
        return not left and True or None
    wait_for(gone, timeout=120, what="no service or container of project acc")


def test_project_deleted_with_force_keeps_the_volumes(server):
    """What Dokploy does, recorded: deleting an application or a database removes its swarm service only
    (removeService), not its Docker volumes; dokploy_project force says so (compose stacks too: without
    their volumes). Removing them would take dockerVolume.removeVolume (v0.30.x) after the containers are gone."""
    volumes = docker("volume", "ls", "--format", "{{.Name}}").split()
    assert "acc-web-data" in volumes
    assert "%s-data" % APPS["cache"] in volumes
    for volume in ("acc-web-data", "%s-data" % APPS["cache"]):
        docker("volume", "rm", volume)
