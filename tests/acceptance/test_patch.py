# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""dokploy_patch on a real Dokploy v0.30.2: what the simulator's patch router (read in the source, nothing recorded)
assumes, seen on the real server: create stores enabled true and the content as sent, an update adds the final
newline, a re-run changes nothing (issue 22)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from conftest import REGISTRY, play

PROJECT = "acc-patch"


def patch(**params):
    values = {"project": PROJECT, "application": "web", "path": "config/app.yml"}
    values.update(params)
    return values


def test_patch_converges_on_the_real_server(real):
    first = play(real, "patch_first", [
        {"name": "project", "dokploy.dokploy.dokploy_project": {"name": PROJECT}},
        {"name": "app", "dokploy.dokploy.dokploy_application": {
            "project": PROJECT, "name": "web", "docker_image": "%s/dokploy-test/envhttp:v1" % REGISTRY}},
        {"name": "create", "dokploy.dokploy.dokploy_patch": patch(type="create", content="level: info", enabled=False)},
        {"name": "again", "dokploy.dokploy.dokploy_patch": patch(type="create", content="level: info", enabled=False)},
        {"name": "update", "dokploy.dokploy.dokploy_patch": patch(type="create", content="level: debug")},
        {"name": "update_again", "dokploy.dokploy.dokploy_patch": patch(type="create", content="level: debug")},
        {"name": "delete_file", "dokploy.dokploy.dokploy_patch": patch(path="README.md", type="delete")},
        {"name": "remove", "dokploy.dokploy.dokploy_patch": patch(state="absent")},
        {"name": "remove_again", "dokploy.dokploy.dokploy_patch": patch(state="absent")},
    ])
    assert first["create"]["changed"] and first["create"]["patch"]["enabled"] is False
    assert first["again"]["changed"] is False
    assert first["update"]["changed"] and first["update"]["patch"]["content"] == "level: debug\n"
    assert first["update"]["patch"]["enabled"] is False   # not set by the task: kept
    assert first["update_again"]["changed"] is False
    assert first["delete_file"]["patch"]["type"] == "delete" and first["delete_file"]["patch"]["content"] == ""
    assert first["remove"]["changed"] and first["remove_again"]["changed"] is False


def test_patches_in_a_stack_round_trip(real):
    """Patches declared under an application of dokploy_stack, exported by dokploy_stack_info and applied again:
    nothing changes."""
    declaration = {"project": "acc-patch-stack", "environments": {"production": {"applications": {"web": {
        "docker_image": "%s/dokploy-test/envhttp:v1" % REGISTRY,
        "patches": [{"path": "config/app.yml", "content": "level: info"},
                    {"path": "README.md", "type": "delete"}]}}}}}
    first = play(real, "patch_stack", [
        {"name": "converge", "dokploy.dokploy.dokploy_stack": declaration},
        {"name": "again", "dokploy.dokploy.dokploy_stack": declaration},
        {"name": "export", "dokploy.dokploy.dokploy_stack_info": {"project": "acc-patch-stack"}},
    ])
    assert [a["kind"] for a in first["converge"]["actions"]].count("patch") == 2
    assert first["again"]["changed"] is False
    exported = first["export"]["stack"]
    assert exported["environments"]["production"]["applications"]["web"]["patches"] == [
        {"path": "README.md", "type": "delete"}, {"path": "config/app.yml", "content": "level: info"}]
    applied = play(real, "patch_stack_export", [
        {"name": "apply", "dokploy.dokploy.dokploy_stack": dict(exported, prune=True)}])
    assert applied["apply"]["changed"] is False, applied["apply"]["actions"]
