# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The previews of an application (Dokploy's previewDeployment router): dokploy_preview_deployment_info lists them,
dokploy_preview_deployment deletes one or rebuilds it.

Dokploy makes a preview only from a GitHub pull-request webhook (apps/dokploy/pages/api/deploy/github.ts) and deletes it
when the pull request is closed; the API can list them (``previewDeployment.all`` by applicationId: each row with its
``domain`` and ``deployments``, newest first; ``previewDeployment.one``: the row with its domain, no deployments),
delete one (``previewDeployment.delete``: its service, deployments, code and Traefik configuration) and, from v0.26.4,
rebuild one (``previewDeployment.redeploy``: queued like an application's deploy; the preview's deployment rows carry
its previewDeploymentId and no applicationId). Read in Dokploy v0.30.2's and v0.25.11's
apps/dokploy/server/api/routers/preview-deployment.ts and packages/server/src/services/preview-deployment.ts.

So previews are not declared: a module acts on one that exists (``state: absent`` or ``redeployed``), the way a
lifecycle state acts on a service, and the settings that decide which pull requests get one are dokploy_application's
``preview`` option.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import (
    DokployError,
    DokployNotFoundError,
    DokployParamError,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._secrets import mask
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._task import Task
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._target import (
    check_target,
    resolve_target,
    target_argument_spec,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.resources._deployments import (
    DEFAULT_POLL_INTERVAL,
    DEFAULT_WAIT_TIMEOUT,
    DeploymentWatcher,
    newest_first,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._capabilities import require
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._checks import check_ids

KINDS = ("application",)
DEFAULT_LOG_LINES = 50  # as the lifecycle states' log_lines
NON_NEGATIVE = ("pull_request", "wait_timeout", "poll_interval", "log_lines")


def selection_spec():
    spec = target_argument_spec(KINDS)
    spec.update(preview_deployment_id=dict(type="str"), pull_request=dict(type="int"), branch=dict(type="str"))
    return spec


def check_selection(params):
    """The application (by the target options) or the preview's own ID, checked before any request."""
    if params.get("application") is not None or params.get("application_id"):
        check_target(params, KINDS)
    elif params.get("pull_request") is not None or params.get("branch") is not None:
        raise DokployParamError("pull_request and branch select a preview of an application: give application (with "
                                "project) or application_id", option="pull_request")
    check_ids(params, ["preview_deployment_id"])
    for option in NON_NEGATIVE:
        if params.get(option) is not None and params[option] < 0:
            raise DokployParamError("%s must not be negative (got %s)" % (option, params[option]), option=option)


def url_of(preview):
    """The address of a preview, from its domain (None without one)."""
    domain = preview.get("domain") or {}
    if not domain.get("host"):
        return None
    path = domain.get("path") or "/"
    return "%s://%s%s" % ("https" if domain.get("https") else "http", domain["host"], "" if path == "/" else path)


def shown(preview):
    """A preview as the modules return it: as Dokploy lists it, secrets masked, with its ``url``."""
    found = mask(preview)
    found["url"] = url_of(preview)
    if "deployments" in found:
        found["deployments"] = newest_first(found["deployments"])
    return found


def matches(preview, params):
    if params.get("preview_deployment_id") and preview.get("previewDeploymentId") != params["preview_deployment_id"]:
        return False
    if params.get("pull_request") is not None and str(preview.get("pullRequestNumber")) != str(params["pull_request"]):
        return False
    return params.get("branch") is None or preview.get("branch") == params["branch"]


def describe(preview):
    return "preview %s (pull request #%s, branch '%s')" % (preview.get("previewDeploymentId"),
                                                           preview.get("pullRequestNumber"), preview.get("branch"))


class Previews(object):
    """The previews of one application, read with one previewDeployment.all."""

    def __init__(self, ctx, params):
        self.ctx = ctx
        self.client = ctx.client
        self.params = params
        self.application = None   # {id, name}

    def locate(self):
        """The application whose previews are asked for: by the target options, or the preview's own ID
        (previewDeployment.one names its applicationId). None when a preview chosen by its ID does not exist."""
        params = self.params
        if params.get("application") is not None or params.get("application_id"):
            target = resolve_target(self.ctx, params, KINDS)
            self.application = {"id": target.id, "name": (target.row or {}).get("name") or params.get("application")}
            return self.application
        try:
            one = self.client.get("previewDeployment.one", {"previewDeploymentId": params["preview_deployment_id"]})
        except DokployNotFoundError:
            return None
        self.application = {"id": one.get("applicationId"), "name": None}
        return self.application

    def all(self):
        if not self.application or not self.application["id"]:
            return []   # an application this check-mode run would create has none
        return newest_first_previews(self.client.get("previewDeployment.all", {"applicationId": self.application["id"]}))

    def selected(self, previews):
        return [p for p in previews if matches(p, self.params)]


def newest_first_previews(previews):
    items = [p for p in (previews or []) if isinstance(p, dict)]
    return sorted(items, key=lambda p: p.get("createdAt") or "", reverse=True)


class PreviewDeploymentInfo(Task):
    """dokploy_preview_deployment_info: reads only."""

    read_only = True
    module_kwargs = dict(required_one_of=[("application", "application_id", "preview_deployment_id")],
                         mutually_exclusive=[("application", "application_id"), ("project", "project_id")])

    @classmethod
    def argument_spec(cls):
        return selection_spec()

    @classmethod
    def validate(cls, params):
        check_selection(params)

    def run(self):
        previews = Previews(self.ctx, self.params)
        if previews.locate() is None:
            return {"changed": False, "application": {}, "preview_deployments": [], "preview_deployment": {}}
        found = [shown(p) for p in previews.selected(previews.all())]
        return {"changed": False, "application": previews.application, "preview_deployments": found,
                "preview_deployment": found[0] if self.params.get("preview_deployment_id") and found else {}}


class PreviewWatcher(DeploymentWatcher):
    """Waits for a deployment of one preview: its deployments come with previewDeployment.all (one request a poll)."""

    def __init__(self, client, application_id, preview_id, label, **kwargs):
        super(PreviewWatcher, self).__init__(client, None, preview_id, label, **kwargs)
        self.application_id = application_id

    def deployments(self):
        for preview in self.client.get("previewDeployment.all", {"applicationId": self.application_id}) or []:
            if preview.get("previewDeploymentId") == self.service_id:
                return newest_first(preview.get("deployments"))
        return []


class PreviewDeployment(Task):
    """dokploy_preview_deployment: deletes a preview (state absent) or rebuilds it (state redeployed)."""

    module_kwargs = dict(required_one_of=[("preview_deployment_id", "pull_request", "branch")],
                         mutually_exclusive=[("application", "application_id"), ("project", "project_id")])

    @classmethod
    def argument_spec(cls):
        spec = selection_spec()
        spec.update(
            state=dict(type="str", choices=["absent", "redeployed"], required=True),
            wait=dict(type="bool", default=True),
            wait_timeout=dict(type="int", default=DEFAULT_WAIT_TIMEOUT),
            poll_interval=dict(type="float", default=DEFAULT_POLL_INTERVAL),
            log_lines=dict(type="int", default=DEFAULT_LOG_LINES),
            title=dict(type="str"),
        )
        return spec

    @classmethod
    def validate(cls, params):
        check_selection(params)
        if params.get("title") is not None and params["state"] != "redeployed":
            raise DokployParamError("title is the title of the deployment of state=redeployed", option="title")

    def find(self, previews):
        """The one preview the options select (None: there is none); several fail, naming them."""
        if previews.locate() is None:
            return None
        listed = previews.all()
        found = previews.selected(listed)
        if len(found) > 1:
            raise DokployParamError("%d previews of application '%s' match: %s; choose one with preview_deployment_id or "
                                    "pull_request" % (len(found), previews.application.get("name") or previews.application["id"],
                                                      ", ".join(describe(p) for p in found)))
        if not found and self.params["state"] == "redeployed":
            raise DokployError("Application '%s' has no preview that matches (%s); its previews: %s" % (
                previews.application.get("name") or previews.application["id"], self.wanted(),
                ", ".join(describe(p) for p in listed) or "none"))
        return found[0] if found else None

    def wanted(self):
        return ", ".join("%s %s" % (option, self.params[option]) for option in ("preview_deployment_id", "pull_request", "branch")
                         if self.params.get(option) is not None)

    def run(self):
        previews = Previews(self.ctx, self.params)
        preview = self.find(previews)
        if self.params["state"] == "absent":
            return self.absent(preview)
        return self.redeployed(previews, preview)

    def result(self, changed, preview, before, after, **extra):
        result = dict(changed=changed, preview_deployment=shown(preview) if preview else {}, **extra)
        if self.ctx.diff:
            result["diff"] = {"before": before, "after": after}
        return result

    @staticmethod
    def summary(preview):
        return dict((key, preview.get(key)) for key in ("previewDeploymentId", "pullRequestNumber", "branch", "appName"))

    def absent(self, preview):
        if preview is None:
            return self.result(False, None, {}, {})
        if not self.ctx.check_mode:
            try:
                self.client.post("previewDeployment.delete", {"previewDeploymentId": preview["previewDeploymentId"]})
            except DokployNotFoundError:
                return self.result(False, None, {}, {})   # deleted meanwhile (the pull request was closed)
        return self.result(True, preview, self.summary(preview), {})

    def redeployed(self, previews, preview):
        require(self.client.version(), "previewDeployment.redeploy", "dokploy_preview_deployment state=redeployed")
        summary = self.summary(preview)
        if self.ctx.check_mode:
            return self.result(True, preview, summary, dict(summary, redeployed=True), deployment={})
        snapshot = [d.get("deploymentId") for d in preview.get("deployments") or []]
        body = {"previewDeploymentId": preview["previewDeploymentId"]}
        if self.params.get("title"):
            body["title"] = self.params["title"]
        self.client.post("previewDeployment.redeploy", body)
        deployment = {}
        if self.params["wait"]:
            watcher = PreviewWatcher(self.client, previews.application["id"], preview["previewDeploymentId"],
                                     lambda: describe(preview), poll_interval=self.params["poll_interval"],
                                     wait_timeout=self.params["wait_timeout"], log_lines=self.params["log_lines"],
                                     clock=self.ctx.clock, sleep=self.ctx.sleep)
            try:
                deployment = mask(watcher.wait_for_new(snapshot))
            except DokployError as error:
                error.result = self.result(True, preview, summary, dict(summary, redeployed=True),
                                           deployment=mask(getattr(error, "deployment", None) or {}))
                raise
            preview = ([p for p in previews.all() if p.get("previewDeploymentId") == preview["previewDeploymentId"]]
                       or [preview])[0]
        return self.result(True, preview, summary, dict(summary, redeployed=True), deployment=deployment)
