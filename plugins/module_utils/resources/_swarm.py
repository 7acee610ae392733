# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The Docker swarm settings of applications and databases, named as community.docker.docker_swarm_service names
them, and the one conversion between them and the JSON columns Dokploy keeps (``healthCheckSwarm``,
``restartPolicySwarm``, ...; zod schemas in packages/server/src/db/schema/shared.ts of v0.30.2, the same in
v0.25.11 but for ``ulimitsSwarm``, v0.27.0). Dokploy hands each column to Docker as it is (generateConfigContainer in
packages/server/src/utils/docker/utils.ts): durations are the nanoseconds Docker wants, and ``labelsSwarm`` become
the labels of the service's containers (TaskTemplate.ContainerSpec.Labels, builders/index.ts).

Networks (v0.29.14, capability ``service.networkIds``): a service keeps ``networkIds`` (IDs of ``network`` rows, what
dokploy_network makes) and ``detachDokployNetwork``. On each deploy resolveServiceNetworks
(packages/server/src/services/network.ts, v0.30.2) attaches ``dokploy-network`` unless detached, then the overlay
networks among ``networkIds`` by name: an ID whose row is gone, or a bridge network, is left out without a word, and
the older raw column ``networkSwarm``, when set, wins over both. So the module resolves the names itself (one lookup,
lookups/_lookup.py Resolver.network), refuses a missing or non-overlay network, and clears ``networkSwarm``.

Endpoint spec: generateConfigContainer hands ``endpointSpecSwarm`` to Docker in place of the published ports Dokploy
builds otherwise (builders/index.ts: an application's port rows, dokploy_port; databases/<type>.ts: ``Mode: dnsrr``
and the external port, published in host mode): with the column set, those ports are not published at all. So only the
mode is an option (``endpoint_mode``), the ports stay with dokploy_port and external_port, and a mode other than the
service's default (vip for applications, dnsrr for databases) is refused while the service publishes ports.
libsql ignores the column (databases/libsql.ts builds its own dnsrr spec), and so does a rollback
(services/rollbacks.ts: the port rows, Docker's default mode).

Each option is the whole setting: what it leaves out is Docker's default, and an empty value (``{}``, ``[]``)
clears the column (Dokploy then uses its own defaults). Options Docker would refuse are refused before any request.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployParamError

# -- durations (the one place) ------------------------------------------------------------------------------------

_UNITS = (("h", 3600 * 10 ** 9), ("m", 60 * 10 ** 9), ("s", 10 ** 9), ("ms", 10 ** 6), ("us", 10 ** 3), ("ns", 1))
_UNIT_NS = dict(_UNITS, **{"\u00b5s": 10 ** 3})
_DURATION = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|\u00b5s|ms|s|m|h)")


def duration_ns(option, value):
    """``10s``, ``1m30s``, ``1.5h``, ``500ms`` (Go's duration syntax, as docker_swarm_service takes it) -> nanoseconds
    (int). A number needs its unit (``10`` is refused, as docker_swarm_service does), but for ``0``."""
    if value is None:
        return None
    text = str(value).strip()
    if text == "0":
        return 0
    pos, total = 0, 0.0
    for match in _DURATION.finditer(text):
        if match.start() != pos:
            break
        total += float(match.group(1)) * _UNIT_NS[match.group(2)]
        pos = match.end()
    if not text or pos != len(text):
        raise DokployParamError("%s must be a duration such as 10s, 1m30s or 500ms (units h, m, s, ms, us, ns), not '%s'"
                                % (option, value), option=option)
    return int(round(total))


def duration_text(ns):
    """Nanoseconds -> the shortest duration text ``duration_ns`` reads back to the same number (``1m30s``)."""
    if not ns:
        return "0s"
    parts = []
    for unit, size in _UNITS:
        if ns >= size:
            parts.append("%d%s" % (ns // size, unit))
            ns %= size
    return "".join(parts)


# -- the options ---------------------------------------------------------------------------------------------------

def _duration():
    return dict(type="str")


def swarm_argument_spec():
    return dict(
        healthcheck=dict(type="dict", options=dict(
            test=dict(type="raw"), interval=_duration(), timeout=_duration(), start_period=_duration(),
            retries=dict(type="int"))),
        restart_config=dict(type="dict", options=dict(
            condition=dict(type="str", choices=["none", "on-failure", "any"]), delay=_duration(),
            max_attempts=dict(type="int"), window=_duration())),
        placement=dict(type="dict", options=dict(
            constraints=dict(type="list", elements="str"), preferences=dict(type="list", elements="dict"),
            replicas_max_per_node=dict(type="int"),
            platforms=dict(type="list", elements="dict", options=dict(
                os=dict(type="str", required=True), architecture=dict(type="str", required=True))))),
        update_config=dict(type="dict", options=_update_options(["continue", "pause", "rollback"])),
        rollback_config=dict(type="dict", options=_update_options(["continue", "pause"])),
        mode=dict(type="str", choices=["replicated", "global"]),
        labels=dict(type="dict"),
        stop_grace_period=_duration(),
        ulimits=dict(type="list", elements="dict", options=dict(
            name=dict(type="str", required=True), soft=dict(type="int", required=True),
            hard=dict(type="int", required=True))),
        endpoint_mode=dict(type="str", choices=list(ENDPOINT_MODES)),
        networks=dict(type="list", elements="str"),
        detach_dokploy_network=dict(type="bool"),
    )


def _update_options(failure_actions):
    return dict(parallelism=dict(type="int"), delay=_duration(), failure_action=dict(type="str", choices=failure_actions),
                monitor=dict(type="str"), max_failure_ratio=dict(type="float"),
                order=dict(type="str", choices=["stop-first", "start-first"]))


ENDPOINT_MODES = ("vip", "dnsrr")
SWARM_OPTIONS = tuple(swarm_argument_spec())
# option -> Dokploy's column (the JSON columns converted here; networks need a lookup: the service resource does them)
COLUMNS = {"healthcheck": "healthCheckSwarm", "restart_config": "restartPolicySwarm", "placement": "placementSwarm",
           "update_config": "updateConfigSwarm", "rollback_config": "rollbackConfigSwarm", "mode": "modeSwarm",
           "labels": "labelsSwarm", "stop_grace_period": "stopGracePeriodSwarm", "ulimits": "ulimitsSwarm",
           "endpoint_mode": "endpointSpecSwarm"}
NETWORK_COLUMNS = ("networkIds", "detachDokployNetwork", "networkSwarm")
# every swarm column the update endpoints (application.update, <database>.update) take
API_FIELDS = sorted(COLUMNS.values()) + list(NETWORK_COLUMNS)
HEALTHCHECK_KINDS = ("NONE", "CMD", "CMD-SHELL")
# key==value or key!=value (Docker's constraint syntax, daemon/cluster/convert: a constraint without one of the two
# operators is refused when the service is created)
CONSTRAINT = re.compile(r"^\s*[A-Za-z0-9_.\-]+\s*(==|!=)\s*\S.*$")
# Parallelism and Order are required by Dokploy's schema (UpdateConfigSwarmSchema); when the option leaves them out
# the module sends what Dokploy uses without a setting (generateConfigContainer): 1 and start-first.
UPDATE_DEFAULTS = {"Parallelism": 1, "Order": "start-first"}


def _compact(values):
    return dict((key, value) for key, value in values.items() if value is not None)


def _non_negative(option, value):
    if value is not None and value < 0:
        raise DokployParamError("%s must not be negative, not %s" % (option, value), option=option)
    return value


def _durations(option, values, keys):
    return dict((api, duration_ns("%s.%s" % (option, key), values.get(key))) for key, api in keys)


def healthcheck(value):
    test = value.get("test")
    if isinstance(test, str):
        test = ["CMD-SHELL", test]
    elif test is not None:
        if not isinstance(test, list) or not test or not all(isinstance(item, str) for item in test):
            raise DokployParamError("healthcheck.test must be a command (a string) or a list of strings",
                                    option="healthcheck")
        if test[0] not in HEALTHCHECK_KINDS:
            raise DokployParamError("healthcheck.test as a list starts with NONE, CMD or CMD-SHELL, not '%s'" % test[0],
                                    option="healthcheck")
    found = dict(Test=test, Retries=_non_negative("healthcheck.retries", value.get("retries")))
    keys = (("interval", "Interval"), ("timeout", "Timeout"), ("start_period", "StartPeriod"))
    found.update(_durations("healthcheck", value, keys))
    for key, api in (("interval", "Interval"), ("timeout", "Timeout")):
        if found[api] and found[api] < 10 ** 6:  # Docker: "Interval in Healthcheck cannot be less than 1ms"
            raise DokployParamError("healthcheck.%s must be 0 or at least 1ms" % key, option="healthcheck")
    return found


def restart_config(value):
    found = dict(Condition=value.get("condition"),
                 MaxAttempts=_non_negative("restart_config.max_attempts", value.get("max_attempts")))
    found.update(_durations("restart_config", value, (("delay", "Delay"), ("window", "Window"))))
    return found


def placement(value):
    constraints = value.get("constraints")
    for constraint in constraints or ():
        if not CONSTRAINT.match(constraint):
            raise DokployParamError("placement.constraints: '%s' is not a constraint: use <key>==<value> or "
                                    "<key>!=<value> (for example node.role==manager)" % constraint, option="placement")
    preferences = None
    if value.get("preferences") is not None:
        preferences = []
        for preference in value["preferences"]:
            if sorted(preference) != ["spread"] or not isinstance(preference["spread"], str):
                raise DokployParamError("placement.preferences: each item is {spread: <label>}, for example "
                                        "{spread: node.labels.zone}", option="placement")
            preferences.append({"Spread": {"SpreadDescriptor": preference["spread"]}})
    platforms = None
    if value.get("platforms") is not None:
        platforms = [{"Architecture": p["architecture"], "OS": p["os"]} for p in value["platforms"]]
    return dict(Constraints=constraints, Preferences=preferences, Platforms=platforms,
                MaxReplicas=_non_negative("placement.replicas_max_per_node", value.get("replicas_max_per_node")))


def update_config(value, option="update_config"):
    ratio = value.get("max_failure_ratio")
    if ratio is not None and not 0 <= ratio <= 1:
        raise DokployParamError("%s.max_failure_ratio must be between 0 and 1, not %s" % (option, ratio), option=option)
    found = dict(Parallelism=_non_negative(option + ".parallelism", value.get("parallelism")),
                 FailureAction=value.get("failure_action"), MaxFailureRatio=ratio, Order=value.get("order"))
    found.update(_durations(option, value, (("delay", "Delay"), ("monitor", "Monitor"))))
    for key, default in UPDATE_DEFAULTS.items():
        if found[key] is None:
            found[key] = default
    return found


def labels(value):
    for key, item in value.items():
        if item is None or isinstance(item, (dict, list)):
            raise DokployParamError("labels: the value of '%s' must be a string" % key, option="labels")
    return dict((str(key), item if isinstance(item, str) else str(item).lower() if isinstance(item, bool) else str(item))
                for key, item in value.items())


def ulimits(value):
    found = []
    for item in value:
        if item["soft"] < 0 or item["hard"] < 0 or item["soft"] > item["hard"]:
            raise DokployParamError("ulimits: '%s' needs 0 <= soft <= hard, not soft %d and hard %d" % (
                item["name"], item["soft"], item["hard"]), option="ulimits")
        found.append({"Name": item["name"], "Soft": item["soft"], "Hard": item["hard"]})
    return found


_CONVERT = {"healthcheck": healthcheck, "restart_config": restart_config, "placement": placement,
            "update_config": update_config, "rollback_config": lambda v: update_config(v, "rollback_config"),
            "labels": labels, "ulimits": ulimits}


def swarm_value(option, value, endpoint_default="vip"):
    """The column value of one option (None: clear the column). ``endpoint_default``: the endpoint mode Dokploy gives
    the service without a column (vip for an application, dnsrr for a database)."""
    if option == "endpoint_mode":
        # the default mode is no column, so that Dokploy keeps publishing the service's ports (see above)
        return None if value == endpoint_default else {"Mode": value}
    if option == "mode":
        # replicated: no column, so that Dokploy keeps using the service's `replicas` (generateConfigContainer).
        return {"Global": {}} if value == "global" else None
    if option == "stop_grace_period":
        return duration_ns(option, value)
    if not value:
        return None
    converted = _CONVERT[option](value)
    if isinstance(converted, dict):
        converted = _compact(converted)
    return converted or None


def swarm_desired(params, endpoint_default="vip"):
    """``{column: value}`` for each swarm option set but the networks; raises DokployParamError for what Docker would
    refuse."""
    if params.get("mode") == "global" and params.get("replicas") is not None:
        raise DokployParamError("replicas cannot be set with mode=global (one task runs on every node)", option="replicas")
    return dict((column, swarm_value(option, params[option], endpoint_default))
                for option, column in COLUMNS.items() if params.get(option) is not None)


def check_swarm(params):
    swarm_desired(params)
    for name in params.get("networks") or ():
        if not name or not name.strip() or name == "dokploy-network":
            raise DokployParamError("networks: name dokploy_network networks (or their IDs), not '%s'; whether "
                                    "dokploy-network stays attached is detach_dokploy_network" % name, option="networks")


def endpoint_conflict(mode, endpoint_default, ports):
    """The error for an endpoint mode that would leave ``ports`` (what the service publishes otherwise, a text)
    unpublished; None when there is no conflict."""
    if mode is None or mode == endpoint_default or not ports:
        return None
    return DokployParamError(
        "endpoint_mode %s: Dokploy publishes no ports once a service has an endpoint spec, and this one publishes %s; "
        "remove them first, or leave endpoint_mode unset (%s)" % (mode, ports, endpoint_default), option="endpoint_mode")


# -- back to options (the export) ------------------------------------------------------------------------------------

def _from_durations(row, keys):
    return dict((key, duration_text(row[api])) for key, api in keys if row.get(api) is not None)


def swarm_options(row, endpoint_default="vip"):
    """The options that give back the swarm columns of ``row`` (dokploy_stack_info's export), but the networks."""
    found = {}
    value = row.get("healthCheckSwarm")
    if value:
        item = _from_durations(value, (("interval", "Interval"), ("timeout", "Timeout"), ("start_period", "StartPeriod")))
        if value.get("Test") is not None:
            item["test"] = value["Test"]
        if value.get("Retries") is not None:
            item["retries"] = value["Retries"]
        found["healthcheck"] = item
    value = row.get("restartPolicySwarm")
    if value:
        item = _from_durations(value, (("delay", "Delay"), ("window", "Window")))
        item.update(_compact(dict(condition=value.get("Condition"), max_attempts=value.get("MaxAttempts"))))
        found["restart_config"] = item
    value = row.get("placementSwarm")
    if value:
        item = _compact(dict(constraints=value.get("Constraints"), replicas_max_per_node=value.get("MaxReplicas")))
        if value.get("Preferences") is not None:
            item["preferences"] = [{"spread": p["Spread"]["SpreadDescriptor"]} for p in value["Preferences"]]
        if value.get("Platforms") is not None:
            item["platforms"] = [{"os": p["OS"], "architecture": p["Architecture"]} for p in value["Platforms"]]
        found["placement"] = item
    for option, column in (("update_config", "updateConfigSwarm"), ("rollback_config", "rollbackConfigSwarm")):
        value = row.get(column)
        if value:
            item = _from_durations(value, (("delay", "Delay"), ("monitor", "Monitor")))
            item.update(_compact(dict(parallelism=value.get("Parallelism"), failure_action=value.get("FailureAction"),
                                      max_failure_ratio=value.get("MaxFailureRatio"), order=value.get("Order"))))
            found[option] = item
    if (row.get("modeSwarm") or {}).get("Global") is not None:
        found["mode"] = "global"
    if row.get("labelsSwarm"):
        found["labels"] = dict(row["labelsSwarm"])
    if row.get("stopGracePeriodSwarm") is not None:
        found["stop_grace_period"] = duration_text(row["stopGracePeriodSwarm"])
    if row.get("ulimitsSwarm"):
        found["ulimits"] = [{"name": u["Name"], "soft": u["Soft"], "hard": u["Hard"]} for u in row["ulimitsSwarm"]]
    mode = (row.get("endpointSpecSwarm") or {}).get("Mode")
    if mode and mode != endpoint_default:
        found["endpoint_mode"] = mode
    if row.get("detachDokployNetwork"):
        found["detach_dokploy_network"] = True
    return found
