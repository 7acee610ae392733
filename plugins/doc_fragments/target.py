# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):

    # The target options (module_utils/lookups/_target.py target_argument_spec()): where the service is, and which one.
    DOCUMENTATION = r"""
options:
  project:
    description:
      - Name of the project holding the service, when the service is selected by its name.
      - Mutually exclusive with O(project_id).
    type: str
  project_id:
    description:
      - ID of the project holding the service, when the service is selected by its name.
      - Mutually exclusive with O(project).
    type: str
  environment:
    description:
      - Name of the environment of O(project) or O(project_id) holding the service.
    type: str
    default: production
  environment_id:
    description:
      - ID of the environment holding the service; selects the environment directly, without O(project).
    type: str
  application:
    description:
      - Name of the application to act on, looked up in O(environment) of O(project).
      - Exactly one of the service options (for example O(application), O(application_id), O(compose) or
        O(compose_id)) is needed.
      - Dokploy does not keep names unique. When two services share a name, the module fails and lists their IDs;
        O(application_id) then selects one.
    type: str
  application_id:
    description:
      - ID of the application to act on (C(applicationId)); selects it directly, without O(project).
      - Exactly one of the service options (for example O(application), O(application_id), O(compose) or
        O(compose_id)) is needed.
    type: str
  compose:
    description:
      - Name of the compose stack to act on, looked up in O(environment) of O(project).
      - Exactly one of the service options (for example O(application), O(application_id), O(compose) or
        O(compose_id)) is needed.
      - Dokploy does not keep names unique. When two services share a name, the module fails and lists their IDs;
        O(compose_id) then selects one.
    type: str
  compose_id:
    description:
      - ID of the compose stack to act on (C(composeId)); selects it directly, without O(project).
      - Exactly one of the service options (for example O(application), O(application_id), O(compose) or
        O(compose_id)) is needed.
    type: str
"""

    # For modules that also act on databases.
    DATABASE = r"""
options:
  database:
    description:
      - Name of the database to act on, looked up in O(environment) of O(project); O(database_type) says which
        kind of database it is.
      - Exactly one of the service options (for example C(application), O(compose), O(database) or
        O(database_id)) is needed.
    type: str
  database_id:
    description:
      - ID of the database to act on (for example C(postgresId)); selects it directly, without O(project).
        O(database_type) says which kind of database it is.
      - Exactly one of the service options (for example C(application), O(compose), O(database) or
        O(database_id)) is needed.
    type: str
  database_type:
    description:
      - The kind of database O(database) or O(database_id) names. Required with either of them.
    type: str
    choices: [postgres, mysql, mariadb, mongo, redis, libsql]
"""

    # For modules whose service can only be an application (target_argument_spec(("application",))).
    APPLICATION = r"""
options:
  project:
    description:
      - Project of the application named by O(application); mutually exclusive with O(project_id).
    type: str
  project_id:
    description:
      - ID of the project of the application named by O(application); mutually exclusive with O(project).
    type: str
  environment:
    description:
      - Environment of the project holding the application.
    type: str
    default: production
  environment_id:
    description:
      - ID of the environment holding the application, instead of O(project) and O(environment).
    type: str
  application:
    description:
      - Name of the application, looked up in O(environment) of O(project). Either O(application) or
        O(application_id) is needed.
      - Dokploy does not keep names unique. When two applications share the name, the module fails and lists their
        IDs; O(application_id) then selects one.
    type: str
  application_id:
    description:
      - ID of the application (C(applicationId)), instead of O(application) and O(project).
    type: str
"""
