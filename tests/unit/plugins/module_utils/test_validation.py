# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""validation.resource_params: a resource class's parameters checked without an AnsibleModule, with the same
argument spec, the same checks and the same messages as its module, prefixed by where the parameters stand."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._application import Application
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._compose import Compose
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._database import Database
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._domain import Domain
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._env import EnvTarget
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._project import Environment, Project
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._params import no_log_values, resource_params

WHERE = "environments.production.applications.web"


def test_defaults_are_filled_in():
    params = resource_params(Project, {"name": "shop"})
    assert dict((k, params[k]) for k in ("name", "project_id", "description", "state", "force")) == {
        "name": "shop", "project_id": None, "description": None, "state": "present", "force": False}
    assert set(params) == set(Project.argument_spec())  # every option, set or not
    params = resource_params(Application, {"project": "shop", "name": "web"})
    assert params["environment"] == "production" and params["env_mode"] == "replace" and params["docker_image"] is None


def test_the_caller_s_params_are_not_changed():
    given = {"project": "shop", "name": "web"}
    resource_params(Application, given)
    assert given == {"project": "shop", "name": "web"}


def test_values_are_converted_as_the_module_converts_them():
    params = resource_params(Application, {"project": "shop", "name": "web", "replicas": "2", "auto_deploy": "yes"})
    assert params["replicas"] == 2 and params["auto_deploy"] is True


@pytest.mark.parametrize("resource_class, params, message", [
    # the argument spec and the module's keyword arguments, in Ansible's words
    (Project, {}, "one of the following is required: name, project_id"),
    (Project, {"name": "x", "state": "gone"}, "value of state must be one of: present, absent, got: gone"),
    (Project, {"name": "x", "colour": "red"},
     "Unsupported parameters: colour. Supported parameters include: description, force, name, project_id, remove_volumes, state"),
    (Environment, {"name": "qa", "project": "shop", "project_id": "p1"}, "parameters are mutually exclusive: project|project_id"),
    (Application, {"project": "s", "name": "w", "docker_image": "nginx", "git_url": "u", "git_branch": "main"},
     "parameters are mutually exclusive: docker_image|git_url|git_provider"),
    (Application, {"project": "s", "name": "w", "registry_url": "r"}, "missing parameter(s) required by 'registry_url': docker_image"),
    (Application, {"project": "s", "name": "w", "replicas": "many"},
     "argument 'replicas' is of type str and we were unable to convert to int"),
    (Domain, {"project": "s", "compose": "c", "host": "x.example.com"}, "missing parameter(s) required by 'compose': service_name"),
    # the resource's own validate
    (Project, {"name": " "}, "name must not be empty"),
    (Database, {"project": "s", "name": "d", "type": "redis", "database_name": "x"}, "database_name not available for type redis"),
    (Database, {"name": "d", "type": "redis"}, "project (or project_id, or environment_id) is required to select a service by name (or set database_id)"),
    (Database, {"project": "s", "name": "d", "type": "postgres", "external_port": 70000},
     "external_port must be between 1 and 65535 (or 0 to close it), not 70000"),
    (Compose, {"project": "s", "name": "c", "git_branch": "main"},
     "git_branch needs git_url (a connected provider takes git_provider.branch)"),
    (EnvTarget, {"project": "s", "compose": "c", "build_args": {"A": "1"}},
     "build_args and build_secrets exist only on applications (application or application_id)"),
    (EnvTarget, {"project": "s", "env": ["A"]}, "env must be a dict of variables"),
    (Domain, {"project": "s", "application": "w", "host": "x.example.com", "port": 0}, "port must be between 1 and 65535, not 0"),
])
def test_messages(resource_class, params, message):
    with pytest.raises(DokployParamError) as info:
        resource_params(resource_class, params)
    assert str(info.value).startswith(message)


def test_where_prefixes_both_kinds_of_message():
    with pytest.raises(DokployParamError) as info:
        resource_params(Application, {"project": "s", "name": "w", "replicas": "many"}, where=WHERE)
    assert str(info.value).startswith(WHERE + ": argument 'replicas'")
    with pytest.raises(DokployParamError) as info:
        resource_params(Application, {"project": "s", "name": "w", "replicas": -1}, where=WHERE)
    assert str(info.value) == WHERE + ": replicas must be 0 or more"


def test_validate_errors_keep_the_option():
    with pytest.raises(DokployParamError) as info:
        resource_params(Application, {"project": "s", "name": "w", "docker_image": "Not An Image"})
    assert info.value.option == "docker_image"
    assert "is not a valid Docker image reference" in str(info.value)


def test_several_spec_errors_are_all_named():
    with pytest.raises(DokployParamError) as info:
        resource_params(Project, {"name": "x", "state": "gone", "force": "maybe"})
    text = str(info.value)
    assert "value of state must be one of" in text and "'force' is of type" in text and "; " in text


def test_validate_may_complete_the_params():
    # EnvTarget: a service target defaults to the production environment; a list of keys means absent keys
    params = resource_params(EnvTarget, {"project": "s", "application": "w", "env": ["A", "B"], "state": "absent"})
    assert params["environment"] == "production" and params["env"] == {"A": None, "B": None}
    assert resource_params(EnvTarget, {"project": "s", "env": {"A": "1"}})["environment"] is None


def test_no_log_values():
    params = {"project": "s", "name": "d", "type": "mysql", "database_password": "pw-one", "database_root_password": "pw-two"}
    assert no_log_values(Database, params) == {"pw-one", "pw-two"}
    assert no_log_values(Project, {"name": "shop"}) == set()
