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

from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._application import Application
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._compose import Compose
from ansible_collections.dokploy.dokploy.plugins.module_utils.project._stack import Stack

# Values that look like Jinja to Ansible: a Dokploy env reference and a Go template in a compose file. Applying
# the exported file must pass them on as they are, not template them.
TEMPLATE_LOOKALIKES = [
    (Application, dict(project=P, name="tz", docker_image="busybox:1.36", env={"TZ": "${{project.TZ}}"})),
    (Compose, dict(project=P, name="labels", compose_file='services:\n  web:\n    image: nginx:1.27\n'
                                                          '    labels:\n      name: "{{ .Name }}"\n')),
]
# The way the export's header and the docs give to apply an exported file: the stack role's dokploy_stack_file.
APPLY_PLAYBOOK = """---
- name: Apply an exported project
  hosts: localhost
  connection: local
  gather_facts: false
  vars:
    ansible_python_interpreter: "{{ ansible_playbook_python }}"
  roles:
    - role: dokploy.dokploy.stack
      vars:
        dokploy_stack_file: %s
"""


def ansible_playbook(sim, home, *arguments):
    proc = subprocess.run(
        [os.path.join(os.path.dirname(sys.executable), "ansible-playbook")] + list(arguments) + ["-i", "localhost,"],
        cwd=REPO_ROOT, env=playbook_environment(sim, home), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        universal_newlines=True, timeout=300, check=False)
    assert sim.api_key not in proc.stdout
    return proc


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


@pytest.mark.parametrize("include_secrets", [False, True])
def test_exported_file_applied_the_documented_way_changes_nothing(tmp_path, include_secrets):
    dest = str(tmp_path / "shop.yml")
    apply_playbook = tmp_path / "apply.yml"
    apply_playbook.write_text(APPLY_PLAYBOOK % dest)
    home = str(tmp_path / "home")
    os.makedirs(home)
    with Simulator(api_key="export-canary-key") as sim:
        for resource_class, params in BUILD + TEMPLATE_LOOKALIKES:
            converge(sim, resource_class, params)
        export = ansible_playbook(sim, home, "playbooks/export.yml", "-e", "export_project=%s export_dest=%s "
                                  "ansible_python_interpreter=%s export_include_secrets=%s"
                                  % (P, dest, sys.executable, include_secrets))
        assert export.returncode == 0, export.stdout
        with open(dest) as f:
            header = f.read().split("\nproject:", 1)[0]
        assert "dokploy_stack_file: " in header and "nothing is deployed" in header, header
        assert ("${{project.TZ}}" in open(dest).read()) is include_secrets
        sim.clear_requests()
        applied = ansible_playbook(sim, home, str(apply_playbook))
        assert applied.returncode == 0, applied.stdout
        assert "changed=0" in applied.stdout and "failed=0" in applied.stdout, applied.stdout
        assert writes(sim) == [], writes(sim)
        assert "[WARNING]" not in applied.stdout and "unsafe" not in applied.stdout.lower(), applied.stdout
