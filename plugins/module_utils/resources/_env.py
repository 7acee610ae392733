# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Single environment variables of a project, an environment or a service, edited key by key."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine import _dotenv as dotenv
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._lookup import DokployMissingError
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._resource import Change, Resource, Update
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._secrets import masked_key_changes
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._target import (
    TARGET_OPTIONS,
    check_target,
    resolve_target,
    target_argument_spec,
    target_kind,
)

FIELDS = (("env", "env"), ("build_args", "buildArgs"), ("build_secrets", "buildSecrets"))
SERVICE_OPTIONS = [option for kind in TARGET_OPTIONS for option in (kind, "%s_id" % kind)]


class EnvTarget(Resource):
    kind = "target"
    module_kwargs = dict(
        required_one_of=[["project", "project_id", "environment_id"] + SERVICE_OPTIONS, ("env", "build_args", "build_secrets")],
        mutually_exclusive=[("project", "project_id"), ("environment", "environment_id"), SERVICE_OPTIONS],
        required_by={"database": "database_type", "database_id": "database_type"},
    )

    @classmethod
    def argument_spec(cls):
        spec = target_argument_spec()
        spec["environment"] = dict(type="str")  # no default: without a service, no environment means the project
        spec.update(
            # not no_log: the collection masks their values itself (secrets.VARIABLE_OPTIONS)
            env=dict(type="raw", no_log=False),
            build_args=dict(type="raw", no_log=False),
            build_secrets=dict(type="raw", no_log=True),
            state=dict(type="str", choices=["present", "absent"], default="present"),
            exclusive=dict(type="bool", default=False),
        )
        return spec

    @classmethod
    def validate(cls, params):
        check_target(params)
        if (params["build_args"] is not None or params["build_secrets"] is not None) and \
                not (params["application"] or params["application_id"]):
            raise DokployParamError("build_args and build_secrets exist only on applications (application or "
                                    "application_id)", option="build_args")
        if params["exclusive"] and params["state"] != "present":
            raise DokployParamError("exclusive applies to state=present only", option="exclusive")
        for option, field in FIELDS:
            value = params[option]
            if value is None:
                continue
            if isinstance(value, list) and params["state"] == "absent":
                value = params[option] = dict((k, None) for k in value)
            if not isinstance(value, dict):
                hint = " (or a list of keys with state=absent)" if params["state"] == "absent" else ""
                raise DokployParamError("%s must be a dict of variables%s" % (option, hint), option=option)
            try:
                dotenv.validate_keys(list(value))
                if params["state"] == "present":
                    dotenv.validate_values(value)
                    dotenv.render(value)
            except dotenv.DotenvError as error:
                raise DokployParamError("%s: %s" % (option, error), option=option)
        if target_kind(params) is not None and params["environment"] is None and params["environment_id"] is None:
            params["environment"] = "production"

    def __init__(self, ctx, params):
        super(EnvTarget, self).__init__(ctx, params)
        self.service = target_kind(params)
        self.target_type = self.service.name if self.service else ("environment" if params["environment"] or
                                                                   params["environment_id"] else "project")
        if self.service:
            self.id_field = self.service.id_field
        else:
            self.id_field = "environmentId" if self.target_type == "environment" else "projectId"
        self.key_changes = {}

    def updates_for(self, current, created=False):
        if self.target_type == "project":
            return (Update("project.update", ["env"]),)
        if self.target_type == "environment":
            return (Update("environment.update", ["env"]),)
        if self.target_type == "application":
            return (Update("application.saveEnvironment", ["env", "buildArgs", "buildSecrets"],
                           keep=("env", "buildArgs", "buildSecrets", "createEnvFile")),)
        if self.target_type == "compose":
            # compose.update is partial and takes env on every version; saveEnvironment only since v0.29.0.
            return (Update("compose.update", ["env"]),)
        return (Update("%s.saveEnvironment" % self.target_type, ["env"]),)

    # -- the target ---------------------------------------------------------------------------

    def find(self):
        params = self.params
        present = params["state"] == "present"
        if self.service:
            target = resolve_target(self.ctx, params, required=present)
            if target is None or target.pending:
                return None
            return target.row
        try:
            if self.target_type == "project":
                return self.resolver.project(name=params["project"], project_id=params["project_id"], required=present)
            if params["environment_id"] and not (params["project"] or params["project_id"]):
                project, environment = self.resolver.locate_environment(environment_id=params["environment_id"])
            else:
                project = self.resolver.project(name=params["project"], project_id=params["project_id"], required=present)
                environment = project and self.resolver.environment(
                    project, name=params["environment"], environment_id=params["environment_id"], required=present)
        except DokployMissingError as error:
            if present:
                self.ctx.missing_parent(error)
            return None
        return self.resolver.environment_detail(environment["environmentId"]) if environment else None

    def label(self, obj=None):
        """"the variables of compose service 'stack'" for messages."""
        noun = self.service.noun if self.service else self.target_type
        return "the variables of %s '%s'" % (noun, (obj or {}).get("name") or (obj or {}).get(self.id_field))

    # -- desired state ------------------------------------------------------------------------

    def desired(self, current):
        current = current or {}
        wanted = {}
        for option, field in FIELDS:
            if self.params[option] is None:
                continue
            new, changes = dotenv.edit(current.get(field) or "", self.params[option], state=self.params["state"],
                                       exclusive=self.params["exclusive"])
            self.key_changes[field] = changes
            wanted[field] = new if dotenv.has_changes(changes) else current.get(field)
        return wanted

    # -- engine hooks -------------------------------------------------------------------------

    def converge(self):
        current = self.find()
        if current is None:
            if self.check_mode and self.params["state"] == "present":
                desired = self.desired(None)  # a target an earlier task would create: every key would be added
                return self.result(True, None, dict(desired, name=None), {})
            return self.result(False, None, None, {})  # state=absent on a target that does not exist
        desired = self.desired(current)
        changes = self.compare(current, desired)
        after = self.apply(current, changes, desired)
        return self.result(bool(changes), current, after, changes)

    def change_of(self, changed, before, after, changes):
        """Variables are a setting of their project, environment or service: an edit is an "update" of it, never a
        create (in check mode not even when the target is one an earlier task creates), with the fields edited."""
        if not changed:
            return Change()
        return Change("update", [field for field, keys in self.key_changes.items() if dotenv.has_changes(keys)])

    def result(self, changed, before, after, changes):
        result = super(EnvTarget, self).result(changed, before, after, changes)
        result["changes"] = dict((field, self.key_changes[field]) for field in sorted(self.key_changes))
        return result

    def result_object(self, obj):
        if not obj:
            return {}
        fields = [field for option, field in FIELDS if field in obj]
        return {
            "type": self.target_type,
            "id": obj.get(self.id_field),
            "name": obj.get("name"),
            "names": dict((field, dotenv.keys(obj.get(field) or "")) for field in fields),
        }

    def diff(self, before, after, changes):
        shown_before, shown_after = {}, {}
        for field, keys in sorted(self.key_changes.items()):
            if not dotenv.has_changes(keys):
                continue
            shown_before[field], shown_after[field] = masked_key_changes(keys)
        return {"before": shown_before, "after": shown_after}
