# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The pure host/group building of the dokploy inventory plugin (no network)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

import pytest

from ansible.errors import AnsibleParserError

from ansible_collections.dokploy.dokploy.plugins.plugin_utils import inventory as plugin
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import (
    UNAUTHORIZED_HINT,
    DokployAuthError,
    DokployKeyRejectedError,
    DokployNotFoundError,
)

# Shapes as server.all [seq 434] and overview.services / overview.domains (Dokploy v0.30.2 source) give them.
SERVERS = [
    {"serverId": "srv-a", "name": "remote-1", "ipAddress": "10.0.0.1", "port": 22, "username": "root",
     "serverType": "deploy", "serverStatus": "active"},
    {"serverId": "srv-b", "name": "remote-1", "ipAddress": "10.0.0.2", "port": 2222, "username": "ubuntu",
     "serverType": "deploy", "serverStatus": "active"},
]


def service(kind, sid, name, status="idle", project=("p1", "shop"), env=("e1", "production"), server=None):
    return {"id": sid, "type": kind, "name": name, "appName": "%s-%s" % (name, sid), "status": status,
            "serverId": server, "serverName": {"srv-a": "remote-1", "srv-b": "remote-1"}.get(server),
            "projectId": project[0], "projectName": project[1], "environmentId": env[0], "environmentName": env[1]}


SERVICES = [
    service("application", "app1", "web", "running"),
    service("application", "app2", "api", "error", server="srv-a"),
    service("compose", "cmp1", "stack", "done", env=("e2", "staging")),
    service("postgres", "pg1", "db", "idle", server="srv-b"),
    service("redis", "rd1", "cache", project=("p2", "blog Site"), env=("e3", "production")),
]

DOMAINS = [
    {"domainId": "d1", "host": "web.example.com", "path": "/", "port": 3000, "https": True,
     "certificateType": "letsencrypt", "enabled": True, "domainType": "application", "ownerId": "app1",
     "ownerType": "application"},
    {"domainId": "d2", "host": "shop.example.com", "path": "/", "port": 80, "https": False,
     "certificateType": "none", "enabled": True, "domainType": "compose", "ownerId": "cmp1", "ownerType": "compose"},
]

DATA = {"format": plugin.CACHE_FORMAT, "servers": SERVERS, "services": SERVICES, "domains": DOMAINS,
        "source": "overview", "warnings": []}
CONFIG = {"dokploy_host_address": "dokploy.example.com"}


def build(data=None, **config):
    merged = dict(CONFIG)
    merged.update(config)
    return plugin.build_inventory(copy.deepcopy(data or DATA), merged)


def test_service_hosts_are_named_project_environment_name():
    hosts = build()["hosts"]
    assert set(hosts) == {
        "dokploy", "remote-1.srv-a", "remote-1.srv-b",
        "shop.production.web", "shop.production.api", "shop.staging.stack", "shop.production.db",
        "blog_Site.production.cache"}


def test_service_variables():
    hosts = build()["hosts"]
    web = hosts["shop.production.web"]
    assert web == {
        "dokploy_type": "application", "dokploy_id": "app1", "dokploy_application_id": "app1",
        "dokploy_name": "web", "dokploy_app_name": "web-app1", "dokploy_status": "running",
        "dokploy_project": "shop", "dokploy_project_id": "p1", "dokploy_environment": "production",
        "dokploy_environment_id": "e1", "dokploy_server": "dokploy", "dokploy_server_id": None,
        "dokploy_domains": [{"domainId": "d1", "host": "web.example.com", "path": "/", "port": 3000, "https": True,
                             "certificateType": "letsencrypt", "enabled": True, "domainType": "application"}],
        "ansible_host": "dokploy.example.com", "ansible_connection": "local"}
    db = hosts["shop.production.db"]
    assert db["dokploy_type"] == "database"
    assert db["dokploy_database_type"] == "postgres"
    assert db["dokploy_postgres_id"] == "pg1"
    assert db["ansible_host"] == "10.0.0.2"
    assert db["dokploy_server"] == "remote-1"
    assert "dokploy_domains" not in db
    assert hosts["shop.production.api"]["dokploy_domains"] == []


def test_server_variables():
    hosts = build()["hosts"]
    assert hosts["remote-1.srv-b"] == {
        "ansible_host": "10.0.0.2", "ansible_port": 2222, "ansible_user": "ubuntu", "dokploy_type": "server",
        "dokploy_server_id": "srv-b", "dokploy_name": "remote-1", "dokploy_server_type": "deploy",
        "dokploy_server_status": "active"}
    assert hosts["dokploy"]["ansible_host"] == "dokploy.example.com"
    assert hosts["dokploy"]["dokploy_server_type"] == "dokploy"


def test_groups():
    groups = build()["groups"]
    assert groups["dokploy_servers"]["hosts"] == ["dokploy", "remote-1.srv-a", "remote-1.srv-b"]
    assert groups["dokploy_applications"]["hosts"] == ["shop.production.web", "shop.production.api"]
    assert groups["dokploy_compose"]["hosts"] == ["shop.staging.stack"]
    assert groups["dokploy_databases"]["hosts"] == ["shop.production.db", "blog_Site.production.cache"]
    assert groups["dokploy_project_shop"]["children"] == ["dokploy_project_shop_production", "dokploy_project_shop_staging"]
    assert groups["dokploy_project_blog_Site"]["children"] == ["dokploy_project_blog_Site_production"]
    assert groups["dokploy_project_shop_production"]["hosts"] == [
        "shop.production.web", "shop.production.api", "shop.production.db"]
    assert groups["dokploy_server_dokploy"]["hosts"] == [
        "shop.production.web", "shop.staging.stack", "blog_Site.production.cache"]
    assert groups["dokploy_server_remote_1_srv_a"]["hosts"] == ["shop.production.api"]
    assert groups["dokploy_status_idle"]["hosts"] == ["shop.production.db", "blog_Site.production.cache"]
    assert groups["dokploy_status_running"]["hosts"] == ["shop.production.web"]
    for name in groups:
        assert plugin.safe_group_part(name) == name


def test_duplicate_names_get_their_id_and_a_warning():
    data = copy.deepcopy(DATA)
    data["services"].append(service("application", "app9", "web"))
    built = build(data)
    assert "shop.production.web.app1" in built["hosts"]
    assert "shop.production.web.app9" in built["hosts"]
    assert "shop.production.web" not in built["hosts"]
    assert any("shop.production.web" in w for w in built["warnings"])


def test_duplicate_project_names_get_distinct_groups():
    data = copy.deepcopy(DATA)
    data["services"].append(service("application", "app9", "other", project=("p9", "shop"), env=("e9", "production")))
    groups = build(data)["groups"]
    assert "dokploy_project_shop_p1" in groups and "dokploy_project_shop_p9" in groups


@pytest.mark.parametrize("config, expected", [
    ({"projects": ["blog Site"]}, {"blog_Site.production.cache"}),
    ({"projects": ["p2"]}, {"blog_Site.production.cache"}),
    ({"environments": ["staging"]}, {"shop.staging.stack"}),
    ({"service_types": ["database"]}, {"shop.production.db", "blog_Site.production.cache"}),
    ({"service_types": ["compose", "redis"]}, {"shop.staging.stack", "blog_Site.production.cache"}),
    ({"status": ["running", "error"]}, {"shop.production.web", "shop.production.api"}),
    ({"projects": ["shop"], "status": ["idle"]}, {"shop.production.db"}),
])
def test_filters(config, expected):
    hosts = build(**config)["hosts"]
    services = set(h for h, v in hosts.items() if v["dokploy_type"] != "server")
    assert services == expected
    assert "remote-1.srv-a" in hosts  # servers are listed whatever the filters


def test_without_dokploy_host_and_servers():
    hosts = build(include_dokploy_host=False)["hosts"]
    assert "dokploy" not in hosts and "remote-1.srv-a" in hosts
    hosts = build(include_servers=False)["hosts"]
    assert all(v["dokploy_type"] != "server" for v in hosts.values())
    # Services on the Dokploy host still know where they run.
    assert hosts["shop.production.web"]["ansible_host"] == "dokploy.example.com"


def test_ssh_connection_for_services():
    hosts = build(service_connection="")["hosts"]
    api = hosts["shop.production.api"]
    assert "ansible_connection" not in api
    assert (api["ansible_host"], api["ansible_port"], api["ansible_user"]) == ("10.0.0.1", 22, "root")


def test_unreadable_server_is_a_warning():
    data = copy.deepcopy(DATA)
    data["servers"] = [SERVERS[0]]
    built = build(data)
    db = built["hosts"]["shop.production.db"]
    assert "ansible_host" not in db
    assert db["dokploy_server"] == "remote-1"
    assert any("srv-b" in w for w in built["warnings"])


def test_hostname_callable():
    built = plugin.build_inventory(copy.deepcopy(DATA), CONFIG, hostname=lambda v: v["dokploy_app_name"])
    assert "web-app1" in built["hosts"] and "db-pg1" in built["hosts"]


def test_without_domains_no_domain_variable():
    data = copy.deepcopy(DATA)
    data["domains"] = None
    assert "dokploy_domains" not in build(data)["hosts"]["shop.production.web"]


# -- the configuration, checked before any request ------------------------------------------------

DEFINITIONS = {"plugin": {}, "api_url": {}, "projects": {}, "keyed_groups": {"suboptions": dict(
    (name, {}) for name in ("key", "prefix", "separator", "parent_group", "default_value", "trailing_separator"))}}


@pytest.mark.parametrize("config, message", [
    ({"bogus_option": 1}, "unknown option bogus_option"),
    ({"project": ["shop"]}, "did you mean projects?"),
    ({"keyed_groups": ["dokploy_status"]}, "keyed_groups[0] must be a dictionary"),
    ({"keyed_groups": [{"key": "dokploy_status"}, {"prefix": "x"}]}, "keyed_groups[1] needs key"),
    ({"keyed_groups": [{"key": "  "}]}, "keyed_groups[0] needs key"),
    ({"keyed_groups": [{"key": "dokploy_status", "prefx": "x"}]}, "unknown option prefx"),
    ({"keyed_groups": [{"key": "a", "default_value": "none", "trailing_separator": False}]}, "mutually exclusive"),
    ({"keyed_groups": [{"key": "a", "trailing_separator": "no"}]}, "true or false"),
])
def test_config_is_refused(config, message):
    with pytest.raises(AnsibleParserError) as info:
        plugin.check_config(dict(config, plugin="dokploy.dokploy.dokploy"), DEFINITIONS)
    assert message in str(info.value)


def test_config_is_accepted():
    # accepted: check_config returns nothing (a refusal raises AnsibleParserError, as above)
    assert plugin.check_config({"plugin": "dokploy.dokploy.dokploy", "projects": ["shop"], "keyed_groups": [
        {"key": "dokploy_status", "prefix": "status", "default_value": "none"}]}, DEFINITIONS) is None
    assert plugin.check_config({"plugin": "dokploy.dokploy.dokploy"}, DEFINITIONS) is None


# -- fetch ------------------------------------------------------------------------------------------


class FakeClient(object):
    def __init__(self, answers):
        self.answers = answers
        self.calls = []
        self.request_count = 0

    def get(self, procedure, params=None):
        self.calls.append((procedure, params))
        self.request_count += 1
        answer = self.answers[procedure]
        if callable(answer):
            answer = answer(params)
        if isinstance(answer, Exception):
            raise answer
        return answer


OVERVIEW_SERVICES = [dict(s, serverName=s["serverName"], createdAt="x", icon=None, lastDeployAt=None)
                     for s in SERVICES]
SERVER_ALL = [dict(s, metricsConfig={"server": {"token": "secret-token"}}, totalSum=1) for s in SERVERS]
OVERVIEW_DOMAINS = [dict(((k, v) for k, v in d.items() if k not in ("ownerId", "ownerType")),
                         serviceOwnerId=d["ownerId"], serviceOwnerType=d["ownerType"], serviceName="x",
                         projectId="p", projectName="p", environmentId="e", environmentName="e", createdAt="x",
                         customEntrypoint=None) for d in DOMAINS]


def test_fetch_takes_three_requests_and_keeps_no_secret():
    client = FakeClient({"overview.services": OVERVIEW_SERVICES, "server.all": SERVER_ALL,
                         "overview.domains": OVERVIEW_DOMAINS})
    data = plugin.fetch(client)
    assert [c[0] for c in client.calls] == ["overview.services", "server.all", "overview.domains"]
    assert data["services"] == SERVICES
    assert data["servers"] == [dict(s, totalSum=1) for s in SERVERS]   # totalSum: dokploy_service_count
    assert data["domains"] == DOMAINS
    assert "secret-token" not in repr(data)
    assert data["warnings"] == []


def test_fetch_without_domains_takes_two_requests():
    client = FakeClient({"overview.services": OVERVIEW_SERVICES, "server.all": SERVER_ALL})
    data = plugin.fetch(client, include_domains=False)
    assert len(client.calls) == 2 and data["domains"] is None


def test_fetch_tolerates_refused_servers_and_domains():
    refused = DokployAuthError("Forbidden (the API key's user lacks permission; use an owner or admin key)", status=403)
    client = FakeClient({"overview.services": OVERVIEW_SERVICES, "server.all": refused, "overview.domains": refused})
    data = plugin.fetch(client)
    assert data["servers"] == [] and data["domains"] is None
    assert len(data["warnings"]) == 2


def test_fetch_fails_on_a_bad_key():
    client = FakeClient({"overview.services": DokployKeyRejectedError(UNAUTHORIZED_HINT, status=401)})
    with pytest.raises(DokployAuthError):
        plugin.fetch(client)


def test_fetch_falls_back_to_projects_before_v0_30():
    app_summary = {"applicationId": "app1", "name": "web", "applicationStatus": "running"}
    project_all = [
        {"projectId": "p1", "name": "shop", "environments": [
            {"environmentId": "e1", "name": "production", "applications": [app_summary],
             "postgres": [{"postgresId": "pg1"}], "compose": []}]},
        {"projectId": "p3", "name": "empty", "environments": [
            {"environmentId": "e5", "name": "production", "applications": [], "postgres": []}]},
    ]
    project_one = {"projectId": "p1", "name": "shop", "environments": [
        {"environmentId": "e1", "name": "production",
         "applications": [{"applicationId": "app1", "name": "web", "appName": "web-app1", "serverId": None,
                           "applicationStatus": "running", "server": None}],
         "postgres": [{"postgresId": "pg1", "name": "db", "appName": "db-pg1", "serverId": "srv-b",
                       "applicationStatus": "idle", "server": {"name": "remote-1"}}]}]}
    client = FakeClient({"overview.services": DokployNotFoundError("no procedure", status=404),
                         "project.all": project_all, "project.one": project_one, "server.all": SERVER_ALL})
    data = plugin.fetch(client)
    assert [c[0] for c in client.calls] == ["overview.services", "project.all", "project.one", "server.all"]
    assert data["services"] == [SERVICES[0], SERVICES[3]]
    assert data["domains"] is None
    assert len(data["warnings"]) == 2
