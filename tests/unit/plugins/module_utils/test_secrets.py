# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Masking of secret values (plugins/module_utils/engine/_secrets.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import json

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._dotenv import values
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._secrets import (
    MASK,
    is_secret_field,
    is_secret_option,
    mask,
    mask_value,
    shown_options,
    shown_variables,
    secret_values,
    variable_secrets,
)


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


# -- variables options (env, build_args): not no_log, masked by the collection --------------------------------------

def test_variables_options_are_secret_options_without_no_log():
    assert is_secret_option("env", {"type": "raw", "no_log": False})
    assert is_secret_option("build_args", {"type": "raw"})
    assert is_secret_option("database_password", {"type": "str", "no_log": True})
    assert not is_secret_option("replicas", {"type": "int"})


def test_shown_variables_keep_the_keys_only():
    assert shown_variables({"A": "2", "B": 3, "C": None, "D": ""}) == {"A": MASK, "B": MASK, "C": None, "D": ""}
    assert shown_variables("A=1\nB=git") == MASK and shown_variables("") == "" and shown_variables(None) is None
    assert shown_variables(["OLD_KEY", "A=leaked"]) == ["OLD_KEY", MASK]   # key names, anything else masked
    params = {"name": "web", "env": {"A": "1"}, "build_args": "X=1", "build_secrets": {"S": "s"}}
    assert shown_options(params) == {"name": "web", "env": {"A": MASK}, "build_args": MASK, "build_secrets": {"S": "s"}}
    assert params["env"] == {"A": "1"}   # a copy


def test_variable_secrets_are_the_long_values_only():
    assert variable_secrets({"A": "2", "B": "git", "C": "seven77", "D": True, "E": None}, values) == set()
    assert variable_secrets({"A": "long-enough", "N": 123456789, "M": "first-line\nsecond-line"}, values) == {
        "long-enough", "123456789", "first-line\nsecond-line", "first-line", "second-line"}
    assert variable_secrets("A=1\nTOKEN=long-enough", values) == {"long-enough", "A=1\nTOKEN=long-enough"}
    assert variable_secrets(["KEY_NAME_LONG"], values) == set() and variable_secrets(None, values) == set()
    assert variable_secrets({"A": MASK}, values) == set()   # the mask itself is no secret
