# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Projects and their environments."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._capabilities import require
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError, DokployNotFoundError, DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._kinds import services_of
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._lookup import DokployMissingError, describe_services
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._resource import Field, Resource, Update, VersionField
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._tag import tag_ids, tag_names
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._checks import check_ids, check_name

NAMED = (Field("name"), Field("description"))


# How long a database's volume may stay "in use" after its service was removed (its container stops meanwhile).
VOLUME_RELEASE_SECONDS = 30


def check_names(params):
    """The names and IDs of dokploy_project and dokploy_environment."""
    check_name("name", params.get("name"))
    check_name("project", params.get("project"))
    check_ids(params, ("project_id", "environment_id"))


def is_default_environment(environment):
    """The project's default environment: ``isDefault``, or on servers without that field (before v0.26) the one
    named ``production``, which Dokploy refuses to delete."""
    if "isDefault" in environment:
        return bool(environment["isDefault"])
    return environment.get("name") == "production"


class Project(Resource):
    kind = "project"
    id_field = "projectId"
    create_procedure = "project.create"
    delete_procedure = "project.remove"
    updates = (Update("project.update", ["name", "description"]),)
    fields = NAMED
    # the tag router came with v0.29.0: on an older server tags are refused before the project is created
    version_fields = (VersionField("tags", "tag", option="tags"),)
    module_kwargs = dict(required_one_of=[("name", "project_id")])

    @classmethod
    def argument_spec(cls):
        return dict(
            name=dict(type="str"),
            project_id=dict(type="str"),
            description=dict(type="str"),
            state=dict(type="str", choices=["present", "absent"], default="present"),
            force=dict(type="bool", default=False),
            remove_volumes=dict(type="bool", default=False),
            tags=dict(type="list", elements="str"),
        )

    @classmethod
    def validate(cls, params):
        check_names(params)
        if params.get("remove_volumes") and not (params.get("state") == "absent" and params.get("force")):
            raise DokployParamError("remove_volumes is for deleting a project with its services: set state: absent and "
                                    "force: true with it", option="remove_volumes")
        for tag in params.get("tags") or []:
            check_name("tags", tag)

    def find(self):
        required = bool(self.params["project_id"]) and self.params["state"] == "present"
        found = self.resolver.project(name=self.params["name"], project_id=self.params["project_id"], required=required)
        # the names of its tags, from the projectTags project.all nests (v0.29.0 and newer; an older row has no tags, and
        # the engine asks the version: version_fields)
        if found is None or "projectTags" not in found:
            return found
        return dict(found, tags=tag_names(found))

    def desired(self, current):
        desired = super(Project, self).desired(current)
        if self.params.get("tags") is not None:
            desired["tags"] = sorted(set(self.params["tags"]))
        return desired

    def create_payload(self, desired):
        return dict((field, value) for field, value in desired.items() if field != "tags")

    def apply(self, current, changes, desired, created=False):
        """Tags are links, one call each: tag.assignToProject for a new one, tag.removeFromProject for a gone one."""
        others = dict((field, change) for field, change in changes.items() if field != "tags")
        after = super(Project, self).apply(current, others, desired, created)
        if "tags" not in changes:
            return after
        after["tags"] = desired["tags"]
        if self.check_mode:
            return after
        links = dict(((link.get("tag") or {}).get("name"), link["tagId"]) for link in current.get("projectTags") or [])
        added = [name for name in desired["tags"] if name not in links]
        for name, tag_id in sorted(tag_ids(self.ctx, added).items()) if added else ():
            self.client.post("tag.assignToProject", {"projectId": current["projectId"], "tagId": tag_id})
        for name in sorted(set(links) - set(desired["tags"])):
            self.client.post("tag.removeFromProject", {"projectId": current["projectId"], "tagId": links[name]})
        self.resolver.invalidate()
        self._written = after
        return after

    def created_object(self, response, payload):
        # project.create answers {project, environment}; the default environment is the only one so far.
        if "project" not in response:
            return response  # found again by name after a create whose answer was lost
        project = dict(response["project"])
        project["environments"] = [response["environment"]]
        return project

    def check_delete(self, current):
        services = services_of(current.get("environments"))
        if services and not self.params.get("force"):
            raise DokployError(
                "Project '%s' still holds %d service(s): %s. Dokploy's project.remove would leave their containers "
                "running; delete them first, or set force: true to delete them with the project"
                % (current["name"], len(services), describe_services(self.client, current["projectId"], services)))
        if services and self.params.get("remove_volumes"):
            require(self.client.version(), "dockerVolume.removeVolume", "dokploy_project remove_volumes")

    def before_delete(self, current):
        remove_volumes = self.params.get("remove_volumes")
        volumes = []
        for kind, item, environment in services_of(current.get("environments")):
            body = {kind.id_field: item[kind.id_field]}
            body.update(kind.delete_extra)
            if remove_volumes and "deleteVolumes" in body:
                body["deleteVolumes"] = True    # compose.delete: docker compose down --volumes / the stack's volumes
            if remove_volumes and kind.is_database:
                volumes.extend(self.database_volumes(kind, item[kind.id_field]))
            try:
                self.client.post(kind.delete, body)
            except DokployNotFoundError:
                pass  # deleted meanwhile: what force wants anyway
        for environment in current.get("environments") or []:
            if not is_default_environment(environment):
                self.client.post("environment.remove", {"environmentId": environment["environmentId"]})
        self.remove_volumes(current, volumes)

    def database_volumes(self, kind, database_id):
        """``[(volume name, server ID)]`` of a database's volume mounts (the data volume Dokploy made with it among
        them), read before the delete: <type>.remove removes the Docker service only, and the mounts with the row."""
        try:
            database = self.client.get(kind.procedure("one"), {kind.id_field: database_id}) or {}
        except DokployNotFoundError:
            return []
        return [(mount["volumeName"], database.get("serverId")) for mount in database.get("mounts") or []
                if mount.get("type") == "volume" and mount.get("volumeName")]

    def remove_volumes(self, current, volumes):
        """dockerVolume.removeVolume for each volume of the deleted databases. Docker refuses a volume while the
        removed service's container still stops ("volume is in use"): that refusal is waited out (Dokploy's own
        rebuild waits 6 s), a volume already gone counts as removed."""
        left = []
        for name, server_id in volumes:
            body = {"volumeName": name}
            if server_id:
                body["serverId"] = server_id
            deadline = self.ctx.clock() + VOLUME_RELEASE_SECONDS
            while True:
                try:
                    self.client.post("dockerVolume.removeVolume", body)
                    break
                except DokployError as error:
                    reason = str(error.message or "")
                    if "no such volume" in reason.lower():
                        break
                    if "in use" in reason and self.ctx.clock() < deadline:
                        self.ctx.sleep(2)
                        continue
                    left.append((name, reason))
                    break
        if left:
            raise DokployError(
                "The services of project '%s' were deleted, but not these Docker volumes: %s. Remove them on the "
                "server (docker volume rm), then run the task again to delete the project"
                % (current["name"], "; ".join("%s (%s)" % item for item in left)))


class Environment(Resource):
    kind = "environment"
    id_field = "environmentId"
    create_procedure = "environment.create"
    delete_procedure = "environment.remove"
    updates = (Update("environment.update", ["name", "description"]),)
    fields = NAMED
    module_kwargs = dict(required_one_of=[("name", "environment_id"), ("project", "project_id", "environment_id")],
                         mutually_exclusive=[("project", "project_id")])

    @classmethod
    def argument_spec(cls):
        return dict(
            project=dict(type="str"),
            project_id=dict(type="str"),
            name=dict(type="str"),
            environment_id=dict(type="str"),
            description=dict(type="str"),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        )

    @classmethod
    def validate(cls, params):
        check_names(params)

    def __init__(self, ctx, params):
        super(Environment, self).__init__(ctx, params)
        self.project = None

    def find(self):
        params = self.params
        present = params["state"] == "present"
        self.project = None
        if params["environment_id"] and not (params["project"] or params["project_id"]):
            located = [(p, e) for p in self.resolver.projects() for e in p.get("environments") or []
                       if e.get("environmentId") == params["environment_id"]]
            if not located:
                if not present:
                    return None
                raise DokployMissingError("No environment has ID '%s'" % params["environment_id"])
            self.project, summary = located[0]
        else:
            try:
                self.project = self.resolver.project(name=params["project"], project_id=params["project_id"],
                                                     required=present)
            except DokployMissingError as error:
                self.ctx.missing_parent(error, "project")
            if self.project is None:
                return None  # an environment of a project that does not exist is absent too
            summary = self.resolver.environment(self.project, name=params["name"], environment_id=params["environment_id"],
                                                required=bool(params["environment_id"]) and present)
        if summary is None:
            return None
        current = dict(summary, projectId=self.project["projectId"])
        if params.get("description") is not None and "description" not in summary:
            # project.all leaves the description out; read it only when there is one to compare.
            current.update(self.resolver.environment_detail(summary["environmentId"]))
        return current

    def create_payload(self, desired):
        payload = dict(desired, projectId=self.project["projectId"] if self.project else None)
        if payload.get("description") is None:
            payload.pop("description", None)
        return payload

    def compare(self, current, desired):
        changes = super(Environment, self).compare(current, desired)
        if is_default_environment(current) and "name" in changes:
            raise DokployError("The default environment '%s' of project '%s' cannot be renamed; Dokploy refuses it"
                               % (current["name"], self.project["name"]))
        return changes

    def check_delete(self, current):
        if is_default_environment(current):
            raise DokployError("The default environment '%s' of project '%s' cannot be deleted; delete the project instead"
                               % (current["name"], self.project["name"]))
        services = services_of([current])
        if services:
            raise DokployError("Environment '%s' of project '%s' still holds %d service(s): %s. Delete them first"
                               % (current["name"], self.project["name"], len(services),
                                  describe_services(self.client, self.project["projectId"], services)))
