# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A server's reset removes from the shared Docker engine what that server deployed, and nothing else: the other
version's services, the install role's molecule-* services and other sessions' objects stay."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

from conftest import REGISTRY, docker, play, service_inspect, wait_for

WORKER = "%s/dokploy-test/worker:v1" % REGISTRY


def test_reset_removes_only_what_the_server_deployed(real):
    foreign = "acceptance-foreign-%d" % os.getpid()
    docker("service", "create", "--detach", "--name", foreign, "--label", "acceptance.reset=foreign", WORKER)
    try:
        results = play(real, "reset_scope", [
            {"name": "project", "dokploy.dokploy.dokploy_project": {"name": "reset-scope"}},
            {"name": "app", "dokploy.dokploy.dokploy_application": {
                "project": "reset-scope", "name": "worker", "docker_image": WORKER, "state": "deployed"}}])
        app_name = results["app"]["application"]["appName"]
        assert service_inspect(app_name) is not None
        real.reset()
        wait_for(lambda: service_inspect(app_name) is None and not docker(
            "ps", "-aq", "--filter", "label=com.docker.swarm.service.name=%s" % app_name),
            what="the reset server's own service and containers gone")
        assert service_inspect(foreign) is not None, "the reset removed a service its server did not deploy"
    finally:
        docker("service", "rm", foreign, check=False)
