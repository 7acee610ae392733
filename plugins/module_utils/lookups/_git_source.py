# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Git sources shared by applications and compose services: the ``git_provider`` option and the lookups of
connected Git providers and SSH keys by name or ID.

Both kinds of service name a connected provider's repository with the same API fields (``repository``/``owner``/
``branch`` for GitHub, ``gitlabRepository``/``gitlabOwner``/... for the others); only applications have a build
path (compose services name their file with ``composePath``, outside of ``git_provider``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployNotFoundError
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._lookup import DokployMissingError, pick_one

PROVIDER_TYPES = ("github", "gitlab", "bitbucket", "gitea")

# git_provider suboption -> API field, per provider type, for every kind of service; the provider's ID field last
_COMMON_FIELDS = {
    "github": (("repository", "repository"), ("owner", "owner"), ("branch", "branch"),
               ("trigger_type", "triggerType"), ("id", "githubId")),
    "gitlab": (("repository", "gitlabRepository"), ("owner", "gitlabOwner"), ("branch", "gitlabBranch"),
               ("gitlab_project_id", "gitlabProjectId"), ("gitlab_path_namespace", "gitlabPathNamespace"),
               ("id", "gitlabId")),
    "bitbucket": (("repository", "bitbucketRepository"), ("owner", "bitbucketOwner"), ("branch", "bitbucketBranch"),
                  ("bitbucket_repository_slug", "bitbucketRepositorySlug"), ("id", "bitbucketId")),
    "gitea": (("repository", "giteaRepository"), ("owner", "giteaOwner"), ("branch", "giteaBranch"), ("id", "giteaId")),
}
# git_provider.build_path -> API field: applications only
_BUILD_PATH_FIELDS = {"github": "buildPath", "gitlab": "gitlabBuildPath", "bitbucket": "bitbucketBuildPath",
                      "gitea": "giteaBuildPath"}
SERVICE_KINDS = ("application", "compose")

# suboptions that only one provider type takes
_TYPE_ONLY = (("trigger_type", "github"), ("gitlab_project_id", "gitlab"), ("gitlab_path_namespace", "gitlab"),
              ("bitbucket_repository_slug", "bitbucket"))


def provider_fields(kind, provider_type):
    """``[(suboption, API field)]`` of a ``provider_type`` source of a ``kind`` service, the provider's ID field last."""
    if kind not in SERVICE_KINDS:
        raise ValueError("no Git provider fields for a %s" % kind)
    fields = list(_COMMON_FIELDS[provider_type])
    if kind == "application":
        fields.insert(3, ("build_path", _BUILD_PATH_FIELDS[provider_type]))
    return fields


def provider_id_field(provider_type):
    """``githubId``, ``gitlabId``, ``bitbucketId`` or ``giteaId``."""
    return dict(_COMMON_FIELDS[provider_type])["id"]


def git_provider_option():
    """The argument spec of the ``git_provider`` option (documented by the ``dokploy.dokploy.git_provider`` doc
    fragment); ``check_git_provider`` rejects ``build_path`` on a compose service."""
    options = dict(
        type=dict(type="str", required=True, choices=list(PROVIDER_TYPES)),
        name=dict(type="str"),
        id=dict(type="str"),
        repository=dict(type="str", required=True),
        owner=dict(type="str", required=True),
        branch=dict(type="str", required=True),
        trigger_type=dict(type="str", choices=["push", "tag"]),
        gitlab_project_id=dict(type="int"),
        gitlab_path_namespace=dict(type="str"),
        bitbucket_repository_slug=dict(type="str"),
        build_path=dict(type="str"),
    )
    return dict(type="dict", options=options, required_one_of=[("name", "id")], mutually_exclusive=[("name", "id")])


def check_git_provider(kind, provider):
    """What is wrong with the ``git_provider`` value of a ``kind`` service, as a message; None when nothing is."""
    if not provider:
        return None
    if not provider["branch"].strip():
        return "git_provider.branch must not be empty"
    if kind != "application" and provider.get("build_path") is not None:
        return ("git_provider.build_path only applies to applications; a %s service names the file in the "
                "repository with compose_path" % kind)
    wrong = [option for option, provider_type in _TYPE_ONLY
             if provider.get(option) is not None and provider["type"] != provider_type]
    if wrong:
        return "; ".join("git_provider.%s only applies to type %s" % (option, dict(_TYPE_ONLY)[option]) for option in wrong)
    return None


def provider_desired(client, kind, provider):
    """The API fields a ``git_provider`` value sets on a ``kind`` service, sourceType and the provider's ID included."""
    provider_type = provider["type"]
    wanted = {"sourceType": provider_type}
    for option, field in provider_fields(kind, provider_type):
        if option == "id":
            wanted[field] = provider_id(client, provider_type, provider["id"] or provider["name"])
        elif provider.get(option) is not None:
            wanted[field] = provider[option]
    return wanted


# -- lookups by name or ID --------------------------------------------------------------------------------------

def _match(items, value, id_field, what, option):
    by_id = [i for i in items if i.get(id_field) == value]
    if by_id:
        return by_id[0]
    found = pick_one(items, what, value, id_field, id_option=option)
    if found is None:
        names = sorted(set(str(i.get("name")) for i in items if i.get("name") is not None))
        raise DokployMissingError("No %s is named (or has ID) '%s'; existing: %s"
                                  % (what, value, ", ".join(names) if names else "none"))
    return found


def ssh_key_id(client, value, option="git_ssh_key"):
    """The ID of the SSH key named ``value`` (or with ID ``value``), from ``sshKey.allForApps`` (no private keys);
    ``option`` is the one an ambiguous name asks to set to an ID."""
    try:
        keys = client.get("sshKey.allForApps")
    except DokployNotFoundError:
        keys = client.get("sshKey.all")  # no allForApps before Dokploy v0.29.0 (tables/_capabilities.py)
    return _match(keys or [], value, "sshKeyId", "SSH key", option)["sshKeyId"]


def providers(client, provider_type=None):
    """The ``gitProvider.getAll`` rows of ``provider_type`` (of every type when None) that have their own
    ``<type>`` row (gitProvider.getAll nests its summary, the ``<type>Id`` included, under the type's key)."""
    return [row for row in client.get("gitProvider.getAll") or []
            if row.get("providerType") in ((provider_type,) if provider_type else PROVIDER_TYPES)
            and isinstance(row.get(row["providerType"]), dict)
            and row[row["providerType"]].get(provider_id_field(row["providerType"]))]


def provider_id(client, provider_type, value):
    """The ``<type>Id`` of the connected Git provider named ``value`` (or with that ID, or with that
    ``gitProviderId``), from ``gitProvider.getAll``."""
    id_field = provider_id_field(provider_type)
    items = [{"name": row.get("name"), id_field: row[provider_type][id_field], "gitProviderId": row.get("gitProviderId")}
             for row in providers(client, provider_type)]
    by_id = [i for i in items if value in (i[id_field], i.get("gitProviderId"))]
    if by_id:
        return by_id[0][id_field]
    return _match(items, value, id_field, "%s provider" % provider_type, "git_provider.id")[id_field]
