# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Masking of secret values (plugins/module_utils/secrets.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import json

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.secrets import MASK, is_secret_field, mask, mask_value, secret_values


@pytest.mark.parametrize("field", [
    "env", "buildArgs", "buildSecrets", "previewEnv", "previewBuildArgs", "previewBuildSecrets",
    "databasePassword", "databaseRootPassword", "password", "refreshToken", "privateKey", "key",
    "githubAppSecretKey", "gitlabAccessToken", "webhookSecret", "apiKey", "clientSecret", "bitbucketAppPassword",
])
def test_secret_fields(field):
    assert is_secret_field(field)


@pytest.mark.parametrize("field", [
    "name", "environments", "environmentId", "envFile", "createEnvFile", "sshKeyId", "publicKey", "appName",
    "description", "keyword", "customGitSSHKeyId", "dockerImage", "username", "databaseUser",
])
def test_plain_fields(field):
    assert not is_secret_field(field)


def test_mask_value():
    assert mask_value("x") == MASK
    assert mask_value(0) == MASK
    assert mask_value(False) == MASK
    assert mask_value(None) is None
    assert mask_value("") == ""


def test_mask_nested_without_touching_the_original():
    obj = {
        "projectId": "p1", "name": "shop", "env": "DB_PASSWORD=hunter2",
        "environments": [{"environmentId": "e1", "env": "X=1", "applications": [
            {"applicationId": "a1", "refreshToken": "tok-123", "registry": {"password": "reg-pass", "username": "bob"}}]}],
        "registry": None, "previewEnv": "", "databasePassword": None,
    }
    original = copy.deepcopy(obj)
    masked = mask(obj)
    assert obj == original
    assert masked["env"] == MASK
    assert masked["environments"][0]["env"] == MASK
    application = masked["environments"][0]["applications"][0]
    assert application["refreshToken"] == MASK
    assert application["registry"] == {"password": MASK, "username": "bob"}
    assert masked["previewEnv"] == ""  # an unset secret stays visibly unset
    assert masked["databasePassword"] is None
    assert masked["name"] == "shop"
    text = json.dumps(masked)
    for secret in ("hunter2", "tok-123", "reg-pass", "X=1"):
        assert secret not in text


def test_mask_whole_secret_structure():
    assert mask({"buildSecrets": {"A": "1"}, "env": ["a", "b"]}) == {"buildSecrets": MASK, "env": MASK}


def test_mask_scalars_and_lists():
    assert mask("plain") == "plain"
    assert mask(None) is None
    assert mask([{"password": "p"}, 1]) == [{"password": MASK}, 1]


def test_a_mask_dokploy_sent_is_not_harvested():
    """vaultProvider.* answers its secret as "********"; harvesting it made the module's own masks unreadable
    (VALUE_SPECIFIED_IN_NO_LOG_PARAMETER)."""
    assert secret_values({"config": {"token": "********", "clientSecret": "real-secret-1"}}, lambda text: {}) == \
        set(["real-secret-1"])
