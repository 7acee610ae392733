# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""meta/execution-environment.yml makes a valid execution environment build context.

No container is built (no container runtime here): ``ansible-builder introspect`` reads the
requirements of the installed collection as the builder stage of an image build does, and
``ansible-builder create`` writes the build context (Containerfile and _build/) of an execution
environment definition that installs the collection from its built tarball.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import shutil
import subprocess

import pytest
import yaml

from test_awx import BIN_DIR, install_collection  # tests/integration is on sys.path (rootdir conftest)

pytest.importorskip("ansible_builder", reason="ansible-builder is in tests/requirements-main.txt")

ANSIBLE_BUILDER = os.path.join(BIN_DIR, "ansible-builder")


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    return install_collection(str(tmp_path_factory.mktemp("ee-collection")))


def test_introspect_lists_the_collection_requirements(installed):
    collections_dir = installed[1]
    out = subprocess.run([ANSIBLE_BUILDER, "introspect", collections_dir],
                         check=True, capture_output=True, text=True).stdout
    data = yaml.safe_load(out)
    assert [line.split("#")[0].strip() for line in data["python"]] == ["requests>=2.25"], out
    assert "from collection dokploy.dokploy" in data["python"][0]
    assert not data.get("system"), out  # no system package is needed


def test_create_writes_a_build_context(installed, tmp_path):
    tarball = installed[0]
    build_files = tmp_path / "files"
    build_files.mkdir()
    shutil.copy(tarball, str(build_files / "dokploy-dokploy.tar.gz"))
    (build_files / "requirements.yml").write_text(
        # The galaxy stage copies _build/ to /build and installs from there.
        "collections:\n  - name: /build/collection/dokploy-dokploy.tar.gz\n    type: file\n")
    definition = {
        "version": 3,
        "images": {"base_image": {"name": "quay.io/fedora/python-311:latest"}},
        "dependencies": {
            "ansible_core": {"package_pip": "ansible-core>=2.16,<2.20"},
            "ansible_runner": {"package_pip": "ansible-runner"},
            "galaxy": "files/requirements.yml",
        },
        "additional_build_files": [{"src": "files/dokploy-dokploy.tar.gz", "dest": "collection"}],
    }
    ee_file = tmp_path / "execution-environment.yml"
    ee_file.write_text(yaml.safe_dump(definition))
    context = tmp_path / "context"
    result = subprocess.run([ANSIBLE_BUILDER, "create", "-f", str(ee_file), "-c", str(context),
                             "--output-filename", "Containerfile"],
                            capture_output=True, text=True, cwd=str(tmp_path), check=False)
    assert result.returncode == 0, result.stdout + result.stderr

    containerfile = (context / "Containerfile").read_text()
    assert 'ARG EE_BASE_IMAGE="quay.io/fedora/python-311:latest"' in containerfile
    assert "ansible-galaxy collection install" in containerfile  # the galaxy stage
    assert "introspect" in containerfile  # the builder stage reads meta/execution-environment.yml
    assert "COPY _build /build" in containerfile
    assert (context / "_build" / "collection" / "dokploy-dokploy.tar.gz").is_file()
    requirements = yaml.safe_load((context / "_build" / "requirements.yml").read_text())
    assert requirements["collections"] == [{"name": "/build/collection/dokploy-dokploy.tar.gz", "type": "file"}]
    assert (context / "_build" / "scripts" / "assemble").is_file()
