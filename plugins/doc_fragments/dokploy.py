# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):

    # Connection options shared by every module and the inventory plugin.
    DOCUMENTATION = r"""
options:
  api_url:
    description:
      - URL of the Dokploy server, for example V(https://dokploy.example.com).
      - V(https://host), V(https://host/) and V(https://host/api) are all accepted.
      - If not set, the value of the E(DOKPLOY_API_URL) environment variable is used.
      - Set it once for every module of a play with C(module_defaults) and the
        C(group/dokploy.dokploy.dokploy) action group.
      - Required, given either here or by E(DOKPLOY_API_URL).
    type: str
  api_key:
    description:
      - Dokploy API key, sent in the C(x-api-key) header. It is never logged or returned.
      - Create it under Settings > Profile > API/CLI. A key created through the API must set
        C(metadata.organizationId) and C(rateLimitEnabled=false), or it stops working after five calls a day.
      - If not set, the value of the E(DOKPLOY_API_KEY) environment variable is used.
      - Required, given either here or by E(DOKPLOY_API_KEY).
    type: str
  validate_certs:
    description:
      - Whether to verify the server's TLS certificate. V(false) gives a warning, since the API key then travels to
        a server nobody checked.
      - If not set, the value of the E(DOKPLOY_VALIDATE_CERTS) environment variable is used.
    type: bool
    default: true
  ca_path:
    description:
      - Path to a CA bundle used to verify the server's certificate.
    type: path
  timeout:
    description:
      - Seconds to wait for one HTTP response from Dokploy.
      - Calls that Dokploy runs synchronously for minutes (database deploys) use a longer timeout of their own.
      - If not set, the value of the E(DOKPLOY_TIMEOUT) environment variable is used.
    type: int
    default: 30
requirements:
  - requests
notes:
  - Dokploy v0.25.0 to v0.30.2 are supported (v0.25.0 is the first version with environments); the
    collection is tested against the API of each minor version's last release, v0.30.2 in full.
    An option or operation that needs a newer Dokploy fails with a message naming the version it
    needs (C(needs Dokploy vX or newer)); the module's notes list them.
"""

    # env_mode of the service modules (application, compose, database).
    ENV_MODE = r"""
options:
  env_mode:
    description:
      - How a dict given as O(env) (and C(build_args), C(build_secrets) where the module has them) is applied.
      - V(replace) makes the variables exactly the ones given (comments and the order of the remaining lines are kept).
      - V(merge) sets only the given keys and leaves every other variable alone, like M(dokploy.dokploy.dokploy_env).
      - Use V(merge) when M(dokploy.dokploy.dokploy_env) also manages variables of the same service; with V(replace)
        the two undo each other on every run.
      - A dotenv string is always stored as given.
    type: str
    choices: [replace, merge]
    default: replace
notes:
  - The values of O(env) (and of C(build_args) where the module has it) are never printed. Results mask them, diffs name
    the keys that were added, changed or removed with their values masked, and the task's invocation (shown from C(-vvv)
    on) shows the keys only. A value of 8 characters or more is also masked wherever else it appears in the output, for
    example in a build log; a shorter one is not, so that a value such as V(2) or V(git) does not turn every C(2) and
    C(git) of the output (in IDs, names, URLs and dates) into C(********). C(build_secrets) values are C(no_log).
"""

    # Resource limits of applications and databases (resources/_service.py LIMIT_OPTIONS).
    LIMITS = r"""
options:
  memory_limit:
    description:
      - Memory limit, as a size (V(512M), V(1.5G), V(1GiB); units are powers of 1024, as Docker's) or a number of
        bytes (V("536870912")). Dokploy stores bytes. V("") clears it.
    type: str
  memory_reservation:
    description:
      - Memory reservation, given like O(memory_limit). V("") clears it.
    type: str
  cpu_limit:
    description:
      - CPU limit, as a number of CPUs (V("0.5"), V("2")) or, from 1000 on, of nano CPUs (V("1000000000") is one
        CPU). Dokploy stores nano CPUs. V("") clears it.
    type: str
  cpu_reservation:
    description:
      - CPU reservation, given like O(cpu_limit). V("") clears it.
    type: str
"""

    # Docker swarm settings of applications and databases (module_utils/resources/_swarm.py), named as
    # community.docker.docker_swarm_service names them.
    SWARM = r"""
options:
  healthcheck:
    version_added: 0.3.0
    description:
      - The health check of the service's containers. The whole setting; what is left out is Docker's default.
        V({}) removes it. Durations are given as V(10s), V(1m30s), V(500ms) (units h, m, s, ms, us, ns) and
        stored as the nanoseconds Docker takes.
    type: dict
    suboptions:
      test:
        description:
          - A command run by a shell (a string, sent as C([CMD-SHELL, <command>])), or a list starting with
            V(NONE), V(CMD) or V(CMD-SHELL).
        type: raw
      interval:
        description: Time between two checks (0, or 1ms or more).
        type: str
      timeout:
        description: Time a check may take (0, or 1ms or more).
        type: str
      start_period:
        description: Time the container has to start before failed checks count.
        type: str
      retries:
        description: Failed checks in a row that make the container unhealthy (0 or more).
        type: int
  restart_config:
    version_added: 0.3.0
    description:
      - When Docker restarts the service's containers. The whole setting; V({}) removes it.
    type: dict
    suboptions:
      condition:
        description: When to restart.
        type: str
        choices: [none, on-failure, any]
      delay:
        description: Time between restart attempts, such as V(5s).
        type: str
      max_attempts:
        description: Attempts before giving up (0 or more; 0 is no limit).
        type: int
      window:
        description: Time used to decide whether a restart succeeded.
        type: str
  placement:
    version_added: 0.3.0
    description:
      - Where the service's tasks run. The whole setting; V({}) removes it, and Dokploy then places a service with
        mounts on a manager node.
    type: dict
    suboptions:
      constraints:
        description:
          - Each C(<key>==<value>) or C(<key>!=<value>), for example V(node.role==manager) or
            V(node.labels.zone==eu); a constraint without an operator is refused before any request.
        type: list
        elements: str
      preferences:
        description:
          - Spread preferences, each a dict with the key C(spread) and a node label, for example C(node.labels.zone).
        type: list
        elements: dict
      replicas_max_per_node:
        description: Tasks of the service one node may run at most (0 or more; 0 is no limit).
        type: int
      platforms:
        description: Platforms the tasks may run on.
        type: list
        elements: dict
        suboptions:
          os:
            description: Operating system, such as V(linux).
            type: str
            required: true
          architecture:
            description: Architecture, such as V(x86_64).
            type: str
            required: true
  update_config:
    version_added: 0.3.0
    description:
      - How Docker rolls out a new version of the service. The whole setting; V({}) removes it (Dokploy then uses
        parallelism 1, order start-first and failure action rollback).
    type: dict
    suboptions:
      parallelism:
        description: Tasks updated at once (0 is all); 1 when left out (Dokploy requires a value).
        type: int
      delay:
        description: Time between two batches, such as V(10s).
        type: str
      failure_action:
        description: What to do when an update fails.
        type: str
        choices: [continue, pause, rollback]
      monitor:
        description: Time each task is watched for failure after its update.
        type: str
      max_failure_ratio:
        description: Share of tasks that may fail (0 to 1).
        type: float
      order:
        description: Whether the old task stops before the new one starts; V(start-first) when left out (Dokploy
          requires a value).
        type: str
        choices: [stop-first, start-first]
  rollback_config:
    version_added: 0.3.0
    description:
      - How Docker rolls back a failed update; the options of O(update_config), but for the V(rollback)
        failure action. V({}) removes it.
    type: dict
    suboptions:
      parallelism:
        description: Tasks rolled back at once (0 is all); 1 when left out.
        type: int
      delay:
        description: Time between two batches.
        type: str
      failure_action:
        description: What to do when a rollback fails.
        type: str
        choices: [continue, pause]
      monitor:
        description: Time each task is watched for failure after its rollback.
        type: str
      max_failure_ratio:
        description: Share of tasks that may fail (0 to 1).
        type: float
      order:
        description: Whether the old task stops before the new one starts; V(start-first) when left out.
        type: str
        choices: [stop-first, start-first]
  mode:
    version_added: 0.3.0
    description:
      - V(replicated) runs O(replicas) tasks; V(global) one task on every node (O(replicas) is then refused).
    type: str
    choices: [replicated, global]
  labels:
    version_added: 0.3.0
    description:
      - Labels of the service's containers (Dokploy sets them on the task's container spec). The whole set; V({})
        removes them.
    type: dict
  stop_grace_period:
    version_added: 0.3.0
    description:
      - Time a container has to stop before it is killed, such as V(30s).
    type: str
  ulimits:
    version_added: 0.3.0
    description:
      - Resource limits of the containers (C(ulimit)). The whole list; V([]) removes them. Needs Dokploy v0.27.0
        or newer; not available for libsql databases.
    type: list
    elements: dict
    suboptions:
      name:
        description: The limit, such as V(nofile) or V(nproc).
        type: str
        required: true
      soft:
        description: Soft limit (0 or more, at most O(ulimits[].hard)).
        type: int
        required: true
      hard:
        description: Hard limit.
        type: int
        required: true
  networks:
    version_added: 0.3.0
    description:
      - The overlay networks the service joins, each the name (or ID) of a network made with
        M(dokploy.dokploy.dokploy_network) on the service's server, with C(driver=overlay). The whole set, compared
        as a set (order and repeats mean nothing); V([]) leaves only C(dokploy-network). A network that does not
        exist, or that is not an overlay network, is refused before any write (Dokploy would leave it out without a
        word). Dokploy attaches them on the next deploy. Needs Dokploy v0.29.14 or newer.
      - Setting O(networks) or O(detach_dokploy_network) clears the older raw setting C(networkSwarm), which Dokploy
        would otherwise use in their place.
    type: list
    elements: str
  detach_dokploy_network:
    version_added: 0.3.0
    description:
      - Whether the service leaves C(dokploy-network), the overlay network Dokploy attaches every service to and
        Traefik reaches the services' domains through. V(false) keeps it attached, as Dokploy does by default.
        V(true) needs Dokploy v0.29.14 or newer.
    type: bool
  endpoint_mode:
    version_added: 0.3.0
    description:
      - How other services reach the service's tasks (Docker's endpoint mode), V(vip) (one virtual IP) or V(dnsrr)
        (DNS round robin). The published ports are not set here; they stay with M(dokploy.dokploy.dokploy_port)
        (applications) and the C(external_port) of M(dokploy.dokploy.dokploy_database).
      - Why only the mode. When a service has an endpoint spec, Dokploy hands it to Docker instead of the ports it
        publishes otherwise (an application's ports, a database's external port), so those would silently stop
        being published. The mode Dokploy uses anyway (V(vip) for an application, V(dnsrr) for a database) is
        therefore stored as no endpoint spec, and the other one is refused while the service publishes ports.
        libsql databases always run V(dnsrr) (Dokploy ignores the setting there), and Dokploy's rollback of an
        application ignores it too (the rolled back service runs V(vip) with the application's ports).
    type: str
    choices: [vip, dnsrr]
"""

    # What every resource module supports.
    ATTRIBUTES = r"""
attributes:
  check_mode:
    description: Can run in C(check_mode) and return changed status prediction without modifying target; no write request is sent.
    support: full
  diff_mode:
    description: Will return details on what has changed (or possibly needs changing in C(check_mode)), when in diff mode. Secret values are masked.
    support: full
  idempotent:
    description: When run twice in a row outside check mode, with the same arguments, the second invocation indicates no change.
    support: full
  action_group:
    description: Use C(group/dokploy.dokploy.dokploy) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - dokploy.dokploy.dokploy
"""

    # What every read-only (_info) module supports.
    INFO_ATTRIBUTES = r"""
attributes:
  check_mode:
    description: Can run in C(check_mode); the module only reads.
    support: full
  diff_mode:
    description: Returns no diff; the module changes nothing.
    support: N/A
  idempotent:
    description: The module only reads.
    support: full
  action_group:
    description: Use C(group/dokploy.dokploy.dokploy) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - dokploy.dokploy.dokploy
"""

    # Connection options of the inventory plugin: the same names, types and defaults as the modules',
    # with the same environment variables declared as C(env) sources (plugins read them through the
    # config manager rather than an argument spec fallback).
    INVENTORY = r"""
options:
  api_url:
    description:
      - URL of the Dokploy server, for example V(https://dokploy.example.com).
      - V(https://host), V(https://host/) and V(https://host/api) are all accepted.
      - May be a template.
    type: str
    required: true
    env:
      - name: DOKPLOY_API_URL
  api_key:
    description:
      - Dokploy API key, sent in the C(x-api-key) header. It is never logged, cached or printed.
      - May be a template, for example a vaulted variable or a lookup, so that AWX credentials and
        Ansible Vault can supply it.
      - Create it under Settings > Profile > API/CLI. A key created through the API must set
        C(metadata.organizationId) and C(rateLimitEnabled=false), or it stops working after five calls a day.
    type: str
    required: true
    env:
      - name: DOKPLOY_API_KEY
  validate_certs:
    description:
      - Whether to verify the server's TLS certificate. V(false) gives a warning, since the API key then travels to
        a server nobody checked.
    type: bool
    default: true
    env:
      - name: DOKPLOY_VALIDATE_CERTS
  ca_path:
    description:
      - Path to a CA bundle used to verify the server's certificate.
    type: path
  timeout:
    description:
      - Seconds to wait for one HTTP response from Dokploy.
    type: int
    default: 30
    env:
      - name: DOKPLOY_TIMEOUT
requirements:
  - requests
notes:
  - Dokploy v0.25.0 to v0.30.2 are supported (v0.25.0 is the first version with environments); the
    collection is tested against the API of each minor version's last release, v0.30.2 in full.
    An option or operation that needs a newer Dokploy fails with a message naming the version it
    needs (C(needs Dokploy vX or newer)); the module's notes list them.
"""

    # The lifecycle options of dokploy_application, dokploy_compose and dokploy_database
    # (plugins/module_utils/resources/_lifecycle.py). The modules document their own `state` choices.
    LIFECYCLE = r"""
options:
  wait:
    description:
      - With O(state=deployed), O(state=started) or O(state=restarted), wait for a deployment to reach a final
        status (C(done), C(error) or C(cancelled)) and fail, showing the tail of its log, when it does not succeed.
      - Applications and compose stacks deploy through Dokploy's queue, so the API call returns before the
        deployment exists. The module lists the deployments before triggering and waits for a B(new) one to
        appear and finish; a deployment that existed before the call is never taken for it.
      - With V(false), the module returns once Dokploy has queued the deploy; RV(deployment) is then empty.
      - Databases deploy inside the API call itself, so their deploys always wait, up to O(wait_timeout).
    type: bool
    default: true
  wait_timeout:
    description:
      - Seconds to wait for a deployment to finish. On timeout the module fails, saying that the deployment
        goes on on the server (Dokploy has no cancel outside its cloud version) and giving its ID.
      - Also the HTTP timeout of the calls Dokploy runs synchronously (database deploys, start, stop, reload),
        which may pull images.
    type: int
    default: 900
  poll_interval:
    description:
      - Seconds before the first poll of the deployment list after a deploy is triggered. Each later interval is
        1.5 times the previous one, up to 3 seconds (or O(poll_interval) when that is larger). Each poll is one request.
    type: float
    default: 1.0
  force_deploy:
    description:
      - With O(state=deployed), deploy even when the configuration did not change and the service has been deployed
        successfully before.
    type: bool
    default: false
  log_lines:
    description:
      - How many of the last lines of a failed deployment's log the failure message and C(failure.log) show.
      - V(0) skips reading the log.
    type: int
    default: 50
  wait_for:
    description:
      - What O(state=deployed), O(state=started) and O(state=restarted) wait for (with O(wait=true)).
      - V(running) (the default) waits until the service B(runs) after its deployment, start or reload; every replica
        of its swarm service has a task in C(running) (a compose project, every container), and none of the tasks
        made since the action failed, for O(settle_time) seconds. A task that fails fails the module at once, with
        the task's error (C(non-zero exit (3)), C(No such image), C(no suitable node)), the deployment and the
        tail of its log; C(failure.tasks) lists the tasks (C(id), C(slot), C(desired_state), C(current_state),
        C(error), C(node)). A service that nothing was done to and that should run is read once (one request) and
        must run too.
      - V(deployment) takes Dokploy's meaning; a deployment C(done) is success, even when its container then exits
        and the swarm restarts it again and again. Dokploy's deployment only says that Dokploy finished its own
        steps (image pulled, service created or updated).
      - Dokploy reads the tasks with C(docker service ps) (C(docker stack ps), C(docker ps) for a compose project)
        on the service's server. When it cannot answer, the module warns and does not check.
    type: str
    choices: [running, deployment]
    default: running
    version_added: 0.3.0
  settle_time:
    description:
      - With O(wait_for=running), seconds every replica must keep running after all of them were seen running,
        so that a container that crashes right after its start is caught. A healthy deploy takes this much longer.
    type: float
    default: 3.0
    version_added: 0.3.0
notes:
  - O(state=deployed) converges the configuration as with V(present), then deploys when the service was just
    created, when its configuration changed in this task, when it has never deployed successfully, when its latest
    deployment failed or was cancelled, or with O(force_deploy=true). Otherwise nothing is deployed and the task
    reports no change. A deployment started elsewhere that is still running is waited for, not repeated.
  - O(state=started) and O(state=stopped) act on the service's status. A stopped service reads C(idle) and a
    started one C(done). A service that has never been deployed is deployed by O(state=started).
  - O(state=restarted) always acts and reports a change.
  - Check mode never triggers a deploy, start, stop or restart; it reports what would happen.
"""
