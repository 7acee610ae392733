# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):

    # The suboptions of the git_provider option (module_utils/lookups/_git_source.py git_provider_option()).
    # A module documents git_provider itself (description, type: dict); the fragment adds its suboptions.
    DOCUMENTATION = r"""
options:
  git_provider:
    suboptions:
      type:
        description:
          - Kind of provider.
        type: str
        required: true
        choices: [github, gitlab, bitbucket, gitea]
      name:
        description:
          - Name of the provider as shown under Settings > Git in Dokploy, for example V(my-github-app).
          - Either O(git_provider.name) or O(git_provider.id) is required.
        type: str
      id:
        description:
          - ID of the provider (its C(githubId), C(gitlabId), C(bitbucketId) or C(giteaId), or its C(gitProviderId)).
        type: str
      repository:
        description:
          - Repository name, for example V(shop).
        type: str
        required: true
      owner:
        description:
          - Owner of the repository (user, organization, group or workspace), for example V(acme).
        type: str
        required: true
      branch:
        description:
          - Branch of the repository, for example V(main).
        type: str
        required: true
      trigger_type:
        description:
          - GitHub only. Deploy automatically on every V(push), or only when a V(tag) is pushed.
        type: str
        choices: [push, tag]
      gitlab_project_id:
        description:
          - GitLab only. Numeric ID of the GitLab project, for example V(4211).
        type: int
      gitlab_path_namespace:
        description:
          - GitLab only. Full path of the project, for example V(acme/shop).
        type: str
      bitbucket_repository_slug:
        description:
          - Bitbucket only. Slug of the repository, for example V(shop).
        type: str
      build_path:
        description:
          - Applications only. Directory of the repository to build, for example V(/).
          - A compose service rejects it; its C(compose_path) names the compose file in the repository.
        type: str
"""
