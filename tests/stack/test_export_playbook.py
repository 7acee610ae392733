# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""playbooks/export.yml against the simulator: the file it writes, applied with dokploy_stack, changes nothing."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import subprocess
import sys

import pytest
import yaml

from integration.test_targets import REPO_ROOT, playbook_environment  # the integration targets' clean environment
from simulator import Simulator
from test_export import BUILD, P, converge, writes

from ansible_collections.dokploy.dokploy.plugins.module_utils.resources.stack import Stack


@pytest.mark.parametrize("include_secrets", [False, True])
def test_export_playbook_writes_a_declaration_that_changes_nothing(tmp_path, include_secrets):
    dest = str(tmp_path / "handmade.yml")
    home = str(tmp_path / "home")
    os.makedirs(home)
    with Simulator(api_key="export-canary-key") as sim:
        for resource_class, params in BUILD:
            converge(sim, resource_class, params)
        proc = subprocess.run(
            [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "playbooks/export.yml", "-i", "localhost,",
             "-e", "export_project=%s export_dest=%s ansible_python_interpreter=%s export_include_secrets=%s"
             % (P, dest, sys.executable, include_secrets)],
            cwd=REPO_ROOT, env=playbook_environment(sim, home), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            universal_newlines=True, timeout=300, check=False)
        assert proc.returncode == 0, proc.stdout
        assert ("Secrets left out" in proc.stdout) is not include_secrets and sim.api_key not in proc.stdout
        with open(dest) as f:
            text = f.read()
        assert text.startswith("---\n# %s: exported" % P)
        declaration = yaml.safe_load(text)
        assert declaration["project"] == P and ("pgpass1" in text) is include_secrets
        assert "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER" not in text and "********" not in text
        sim.clear_requests()
        result = converge(sim, Stack, declaration)
        assert result["changed"] is False and writes(sim) == []
