# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Which Dokploy version brought what: the one table the engine asks instead of comparing versions.

Every version below is the first Dokploy release tag whose source has the capability, read from
Dokploy's git history (routers under apps/dokploy/server/api/routers/, the drizzle snapshots under
apps/dokploy/drizzle/meta/, the zod input schemas under packages/server/src/db/schema/); the citation of
each entry is in docs/dokploy-versions.md. The collection supports v0.25.0 and newer
(client.MINIMUM_VERSION), so a capability every supported version has is not listed.

    if supports(client.version(), "compose.saveEnvironment"): ...
    require(client.version(), "libsql", "dokploy_database type=libsql")  # raises DokployUnsupportedError
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import random
import re

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployUnsupportedError

CAPABILITIES = {
    # -- procedures that older servers answer with 404 "Not found" --------------------------------------
    "compose.saveEnvironment": ((0, 29, 0), "compose.saveEnvironment (older servers take env in compose.update)"),
    "database.changePassword": ((0, 29, 0), "<database>.changePassword for postgres, mysql, mariadb, mongo and redis"),
    "service.readLogs": ((0, 29, 0), "application/compose/<database>.readLogs (container logs)"),
    "deployment.readLogs": ((0, 29, 5), "deployment.readLogs (a deployment's build log through the API)"),
    "deployment.removeDeployment": ((0, 27, 1), "deployment.removeDeployment"),
    "service.clearDeployments": ((0, 27, 1), "application.clearDeployments and compose.clearDeployments"),
    "service.search": ((0, 28, 3), "project/environment/application/compose/<database>.search"),
    "mounts.listByServiceId": ((0, 28, 0), "mounts.listByServiceId"),
    "libsql": ((0, 29, 0), "the libsql database type (libsql router, backups and mounts of libsql)"),
    "tag": ((0, 29, 0), "project tags (tag router, project_tag table)"),
    "network": ((0, 29, 14), "Docker networks managed by Dokploy (network router)"),
    "patch": ((0, 28, 0), "file patches of a service's repository (patch router)"),
    "overview": ((0, 30, 0), "the overview router (overview.services, overview.domains, overview.backups)"),
    "sshKey.allForApps": ((0, 29, 0), "sshKey.allForApps (older servers: sshKey.all)"),
    "gitProvider.share": ((0, 29, 0), "gitProvider.toggleShare and git_provider.sharedWithOrganization"),
    "server.buildServers": ((0, 26, 0), "build servers (server.buildServers, server.serverType, buildServerId)"),
    # after v0.25.11 (its apiCreateServer/apiUpdateServer pick no enableDockerCleanup); v0.26.0 assumed, with serverType
    "server.update.dockerCleanup": ((0, 26, 0), "enableDockerCleanup in server.create and server.update (older: "
                                                "settings.updateDockerCleanup with the serverId)"),
    "server.buildsConcurrency": ((0, 29, 9), "server.updateBuildsConcurrency and server.buildsConcurrency"),
    "registry.testRegistryById": ((0, 26, 3), "registry.testRegistryById"),
    "certificates.update": ((0, 29, 0), "certificates.update"),
    "domain.toggleEnable": ((0, 30, 0), "domain.toggleEnable and domain.enabled"),
    "previewDeployment.redeploy": ((0, 26, 4), "previewDeployment.redeploy"),
    "notification.custom": ((0, 26, 0), "custom webhook notifications (notification.createCustom)"),
    "notification.pushover": ((0, 26, 7), "Pushover notifications"),
    "notification.resend": ((0, 27, 0), "Resend notifications"),
    "notification.teams": ((0, 27, 1), "Microsoft Teams notifications"),
    "notification.mattermost": ((0, 29, 0), "Mattermost notifications"),
    "notification.volumeBackup": ((0, 26, 0), "the volumeBackup notification event"),
    "notification.dokployBackup": ((0, 29, 0), "the dokployBackup notification event"),
    "user.createUserWithCredentials": ((0, 29, 0), "user.createUserWithCredentials (a member made with a password)"),
    "organization.inviteMember": ((0, 28, 7), "organization.inviteMember (older servers invite through better-auth only)"),
    "organization.updateMemberRole": ((0, 26, 0), "organization.updateMemberRole (a member's role through the API)"),
    "user.accessedGitProviders": ((0, 29, 0), "the accessedGitProviders and accessedServers lists of members"),
    "licenseKey": ((0, 27, 0), "the licenseKey router (whether the organisation has an enterprise licence)"),
    "organization.defaultRole": ((0, 30, 0), "defaultRole of organisations (the role of new members)"),
    # older servers keep them on the owner's user row: dokploy_settings reads user.get there (resources/_settings.py)
    "settings.getWebServerSettings": ((0, 26, 3), "settings.getWebServerSettings and updateServerIp (the web server "
                                                  "settings table; older servers keep them on the owner's user)"),
    "settings.buildsConcurrency": ((0, 29, 9), "settings.updateBuildsConcurrency (builds running at once)"),
    "settings.remoteServersOnly": ((0, 29, 6), "settings.updateRemoteServersOnly (enterprise)"),
    "vaultProvider": ((0, 30, 0), "vault providers (vaultProvider router)"),
    "dockerVolume.removeVolume": ((0, 30, 0), "dockerVolume.removeVolume (a Docker volume removed through the API)"),
    # -- input fields: older servers require them, or drop them silently (zod strips unknown keys) ---------
    "database.create.appName_optional": ((0, 26, 7), "<database>.create without appName (older servers require one)"),
    "application.saveProvider.enableSubmodules_optional": (
        (0, 28, 4), "application.save<Git|Github|Gitlab|Bitbucket|Gitea>Provider without enableSubmodules (older: required)"),
    "service.create.sourceType": ((0, 30, 0), "sourceType in application.create and compose.create"),
    "service.args": ((0, 26, 0), "args on applications and databases"),
    "service.ulimitsSwarm": ((0, 27, 0), "ulimitsSwarm on applications and databases"),
    "service.networkIds": ((0, 29, 14), "networkIds and detachDokployNetwork on services"),
    "application.buildRegistry": ((0, 26, 0), "buildRegistryId, rollbackRegistryId and buildServerId on applications"),
    "application.buildSecrets": ((0, 25, 6), "buildSecrets and previewBuildSecrets on applications"),
    "application.createEnvFile": ((0, 26, 1), "createEnvFile on applications (application.saveEnvironment)"),
    "compose.createEnvFile": ((0, 30, 0), "createEnvFile on compose services"),
    "application.icon": ((0, 29, 0), "icon on applications"),
    "compose.icon": ((0, 29, 14), "icon on compose services"),
    "bitbucket.repositorySlug": ((0, 26, 7), "bitbucketRepositorySlug on applications and compose services"),
    "gitlab.internalUrl": ((0, 27, 0), "gitlabInternalUrl and giteaInternalUrl on git providers"),
    "github.githubUrl": ((0, 29, 14), "githubUrl (GitHub Enterprise) on GitHub providers"),
    "domain.customEntrypoint": ((0, 29, 0), "customEntrypoint and middlewares on domains"),
    "domain.forwardAuth": ((0, 29, 8), "forwardAuthEnabled on domains"),
    "schedule.timezone": ((0, 26, 0), "timezone on schedules"),
    "schedule.description": ((0, 29, 3), "description on schedules"),
    "backup.includeEncryptionKey": ((0, 29, 12), "includeEncryptionKey on backups"),
    "destination.additionalFlags": ((0, 29, 0), "additionalFlags on S3 destinations"),
    # -- shapes and behaviours ----------------------------------------------------------------------------
    "environment.isDefault": ((0, 26, 1), "environments carry isDefault (older: the one named 'production' is the default)"),
    "environment.remove.refuses_services": ((0, 27, 1), "environment.remove refuses an environment that still holds "
                                                        "services (older servers delete them with it)"),
    "environment.one.summary": ((0, 26, 1), "environment.one lists service summaries (older: whole rows, secrets included)"),
    "project.one.summary": ((0, 29, 14), "project.one lists service summaries (older: whole rows, secrets included)"),
    "project.all.summary": ((0, 28, 3), "project.all lists service summaries (older: whole rows with domains)"),
    "domain.service.summary": ((0, 29, 14), "domain.byApplicationId/byComposeId embed a service summary (older: whole row)"),
    "application.one.hides_git_secrets": ((0, 29, 13), "application.one leaves out the git providers' secrets "
                                                       "(older: whole github/gitlab/bitbucket/gitea rows)"),
    "application.one.hides_registry_password": ((0, 29, 8), "application.one leaves out the registry password"),
    "destination.keys_hidden": ((0, 29, 8), "backups embedded in <database>.one, compose.one, backup.one and "
                                            "volumeBackups.one leave out the S3 keys"),
    "notification.ntfy.accessToken_optional": ((0, 26, 0), "notification.createNtfy without accessToken"),
    "errors.data": ((0, 28, 0), "error bodies carry data.zodError and zod 4 messages (older: {code, message, issues})"),
    "input.required_nonoptional": ((0, 28, 0), "zod 4 .required(): a partial application.saveEnvironment is "
                                               "refused (older servers accept it and keep the missing fields)"),
}

# Dokploy's generateAppName()/buildAppName() (packages/server/src/db/schema/utils.ts, v0.25.0 to v0.30.2).
APP_NAME_ALPHABET = "abcdefghijklmnopqrstuvwxyz123456789"
APP_NAME_SUFFIX_LENGTH = 6
APP_NAME_MAX_LENGTH = 63  # the zod limit from v0.26.7 (packages/server/src/db/schema/postgres.ts)


def version_text(version):
    return "v" + ".".join(str(part) for part in version)


def since(capability):
    """The first Dokploy version with ``capability``; KeyError names an unknown capability."""
    try:
        return CAPABILITIES[capability][0]
    except KeyError:
        raise KeyError("unknown Dokploy capability %r" % capability)


def supports(version, capability):
    """True when a server running ``version`` (a tuple such as ``(0, 25, 11)``) has ``capability``."""
    return tuple(version) >= since(capability)


def require(version, capability, what):
    """Raise DokployUnsupportedError unless ``version`` has ``capability``; ``what`` names the module and option."""
    if supports(version, capability):
        return
    raise DokployUnsupportedError(
        "%s needs Dokploy %s or newer (%s); this server runs %s"
        % (what, version_text(since(capability)), capability, version_text(version)),
        capability=capability, needed=since(capability), version=tuple(version))


def require_kind(client, kind, what):
    """A service kind that later Dokploy versions brought: the libsql router arrived in v0.29.0, and an older server
    answers every libsql call with a 404."""
    if kind.name == "libsql":
        require(client.version(), "libsql", what)


def clean_app_name(name):
    """Dokploy's cleanAppName: trimmed, spaces to '-', lower case; characters its appName rule refuses dropped."""
    cleaned = re.sub(r" ", "-", (name or "").strip()).lower()
    return re.sub(r"[^a-z0-9._-]", "", cleaned)


def generate_app_name(prefix, rng=None):
    """An appName as Dokploy's generateAppName makes one: ``<prefix>-<6 of [a-z1-9]>``.

    Dokploy puts three faker "hacker" words between the two parts; they carry no meaning and are left
    out. Send it to servers without ``database.create.appName_optional``. Every version also runs a
    sent appName through buildAppName, which appends ``-`` and 6 more random characters, so the stored
    appName is ``<prefix>-<suffix>-<suffix>``: read it back from the create answer.
    """
    rng = rng or random.SystemRandom()
    suffix = "".join(rng.choice(APP_NAME_ALPHABET) for dummy in range(APP_NAME_SUFFIX_LENGTH))
    base = (clean_app_name(prefix) or "service").strip("-.")
    # room for "-<suffix>" here and the "-<6>" buildAppName adds
    base = base[:APP_NAME_MAX_LENGTH - 2 * (APP_NAME_SUFFIX_LENGTH + 1)].rstrip("-.") or "service"
    return "%s-%s" % (base, suffix)
