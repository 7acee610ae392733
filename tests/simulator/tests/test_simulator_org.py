# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The simulator's organisation-wide routers: registry, sshKey, server, certificates, notification, git providers,
tag and network (tests/simulator/routes/)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import shutil
import struct
import subprocess

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployClient, DokployError
from simulator import Simulator
from simulator.routes.git_provider import new_git_provider
from simulator.routes.notification import KINDS as NOTIFICATION_KINDS

KEY = "org-key"
REGISTRY = {"registryName": "hub", "username": "robot", "password": "s3cret", "registryUrl": "127.0.0.1:5999",
            "registryType": "cloud", "imagePrefix": None}
FLAGS = dict.fromkeys(("appDeploy", "appBuildError", "databaseBackup", "volumeBackup", "dokployRestart", "dokployBackup",
                       "dockerCleanup", "serverThreshold"), False)


@pytest.fixture
def sim():
    with Simulator(api_key=KEY) as simulator:
        yield simulator


@pytest.fixture
def client(sim):
    # sshKey.generate makes a 4096-bit RSA pair in pure Python: well over the default 30 s on a busy machine
    return DokployClient(sim.url, KEY, timeout=300)


def error_of(call, *args):
    with pytest.raises(DokployError) as caught:
        call(*args)
    return caught.value


# ---- registry ---------------------------------------------------------------------------------------------------
def test_registry_login_outcome_rule_and_control(sim, client):
    row = client.post("registry.create", REGISTRY)
    assert row["password"] == "s3cret" and "password" not in client.get("registry.one", {"registryId": row["registryId"]})
    failed = error_of(client.post, "registry.create", dict(REGISTRY, registryUrl="registry.example.invalid"))
    assert failed.status == 400 and "docker login 'registry.example.invalid' -u 'robot'" in str(failed)
    assert "s3cret" not in str(failed) and len(client.get("registry.all")) == 1  # a failed create stores nothing
    # a failed update keeps the new values [1173, 1174]
    assert error_of(client.post, "registry.update", {"registryId": row["registryId"], "registryUrl": "x.invalid"}).status == 400
    assert client.get("registry.one", {"registryId": row["registryId"]})["registryUrl"] == "x.invalid"
    assert client.post("registry.update", {"registryId": row["registryId"], "registryUrl": "127.0.0.1:5999"}) is True
    sim.control("remote", {"registry_login": "fail"}, "POST")
    assert "Command failed with code 1" in str(error_of(client.post, "registry.testRegistryById", {"registryId": row["registryId"]}))
    sim.control("remote", None, "DELETE")
    assert client.post("registry.testRegistryById", {"registryId": row["registryId"]}) is True
    assert error_of(client.post, "registry.testRegistryById", {"registryId": "nope"}).status == 400
    assert error_of(client.post, "registry.create", dict(REGISTRY, registryUrl="https://x")).status == 400
    assert client.post("registry.remove", {"registryId": row["registryId"]})["password"] == "s3cret"
    assert error_of(client.post, "registry.remove", {"registryId": row["registryId"]}).status == 404


# ---- sshKey ----------------------------------------------------------------------------------------------------
def _openssh_public_blob(private_key):
    body = "".join(private_key.strip().splitlines()[1:-1])
    data = base64.b64decode(body)
    assert data.startswith(b"openssh-key-v1\0")
    offset = len(b"openssh-key-v1\0")
    for dummy in range(3):  # cipher, kdf, kdf options
        offset += 4 + struct.unpack(">I", data[offset:offset + 4])[0]
    offset += 4  # number of keys
    size = struct.unpack(">I", data[offset:offset + 4])[0]
    return data[offset + 4:offset + 4 + size]


@pytest.mark.parametrize("key_type", ["ed25519", "rsa"])
def test_ssh_key_generate_gives_a_matching_openssh_pair(client, tmp_path, key_type):
    pair = client.post("sshKey.generate", {"type": key_type})
    kind, blob, comment = pair["publicKey"].split(" ")
    assert kind == "ssh-" + key_type and comment == "dokploy"
    assert _openssh_public_blob(pair["privateKey"]) == base64.b64decode(blob)
    assert all(len(line) <= 64 for line in pair["privateKey"].splitlines())
    if shutil.which("ssh-keygen"):
        path = tmp_path / "key"
        path.write_text(pair["privateKey"])
        path.chmod(0o600)
        derived = subprocess.run(["ssh-keygen", "-y", "-f", str(path)], capture_output=True, text=True, check=True).stdout
        assert derived.split()[:2] == pair["publicKey"].split()[:2]
    client.post("sshKey.create", {"name": "k", "organizationId": "x", **pair})
    assert client.get("sshKey.all")[0]["publicKey"] == pair["publicKey"]


def test_ssh_key_update_errors_are_400(client):
    assert error_of(client.post, "sshKey.update", {"sshKeyId": "nope", "name": "x"}).status == 400
    assert error_of(client.post, "sshKey.generate", {"type": "dsa"}).status == 400


# ---- server and certificates ----------------------------------------------------------------------------------
def _server(client, ip="10.0.0.5", with_key=True):
    key_id = None
    if with_key:
        client.post("sshKey.create", {"name": "k", "organizationId": "x", **client.post("sshKey.generate", {"type": "ed25519"})})
        key_id = client.get("sshKey.all")[0]["sshKeyId"]
    return client.post("server.create", {"name": "s", "description": None, "ipAddress": ip, "port": 22,
                                         "username": "root", "sshKeyId": key_id, "serverType": "deploy"})


def test_server_setup_records_a_deployment_done_or_error(sim, client):
    server = _server(client)
    assert client.get("server.validate", {"serverId": server["serverId"]})["docker"]["enabled"] is False
    assert client.post("server.setup", {"serverId": server["serverId"]}) is None  # empty body [1141]
    deployments = client.get("deployment.allByServer", {"serverId": server["serverId"]})
    assert [(d["title"], d["status"], d["startedAt"]) for d in deployments] == [("Setup Server", "done", None)]
    assert client.get("server.validate", {"serverId": server["serverId"]})["docker"]["enabled"] is True
    sim.control("remote", {"server_setup": "fail"}, "POST")
    client.post("server.setup", {"serverId": server["serverId"]})
    assert client.get("server.one", {"serverId": server["serverId"]})["deployments"][-1]["status"] == "error"
    assert error_of(client.get, "server.security", {"serverId": server["serverId"]}).status == 400
    assert error_of(client.post, "server.setup", {"serverId": "nope"}).status == 404
    sim.control("remote", None, "DELETE")
    for address, reason in (("host.invalid", "getaddrinfo ENOTFOUND host.invalid"), ("127.0.0.1", "connect ECONNREFUSED 127.0.0.1:22")):
        unreachable = _server(client, ip=address)
        client.post("server.setup", {"serverId": unreachable["serverId"]})
        assert client.get("deployment.allByServer", {"serverId": unreachable["serverId"]})[0]["status"] == "error"
        assert error_of(client.get, "server.validate", {"serverId": unreachable["serverId"]}).args[0] == "SSH connection error: " + reason


def test_server_create_checks_key_and_port_type(client):
    base = {"name": "s", "description": None, "ipAddress": "1.2.3.4", "username": "root", "serverType": "deploy"}
    assert error_of(client.post, "server.create", dict(base, port=22, sshKeyId="nope")).args[0] == "Error creating the server"
    assert error_of(client.post, "server.create", dict(base, port="22", sshKeyId=None)).status == 400


def test_certificates_and_their_removal_with_the_server(client):
    cert = client.post("certificates.create", {"name": "c", "certificateData": "not a certificate", "privateKey": "k3y",
                                               "organizationId": "x"})
    assert cert["autoRenew"] is None and cert["certificatePath"].startswith("certificate-")
    failed = error_of(client.post, "certificates.create", {"name": "c", "certificateData": "d", "privateKey": "k3y",
                                                           "organizationId": "x", "serverId": "nope"})
    assert failed.status == 500 and 'insert into "certificate"' in str(failed)  # the client hides the params
    server = _server(client, with_key=False)
    on_server = client.post("certificates.create", {"name": "s", "certificateData": "d", "privateKey": "k",
                                                    "organizationId": "x", "serverId": server["serverId"]})
    assert [c["server"] is not None for c in client.get("certificates.all")] == [False, True]
    client.post("server.remove", {"serverId": server["serverId"]})
    assert error_of(client.get, "certificates.one", {"certificateId": on_server["certificateId"]}).status == 404
    assert client.post("certificates.remove", {"certificateId": cert["certificateId"]}) is True


# ---- notification -----------------------------------------------------------------------------------------------
NOTIFICATION_INPUTS = {
    "slack": {"webhookUrl": "https://hooks.slack.com/services/x", "channel": "#ops"},
    "telegram": {"botToken": "t", "chatId": "1", "messageThreadId": ""},
    "discord": {"webhookUrl": "https://discord.com/api/webhooks/x", "decoration": True},
    "email": {"smtpServer": "smtp.mail.net", "smtpPort": 587, "username": "u", "password": "p", "fromAddress": "a@b.c",
              "toAddresses": ["d@e.f"]},
    "resend": {"apiKey": "re_x", "fromAddress": "a@b.c", "toAddresses": ["d@e.f"]},
    "gotify": {"serverUrl": "https://gotify.lan.net", "appToken": "t", "priority": 5, "decoration": True},
    "ntfy": {"serverUrl": "https://ntfy.sh", "topic": "t", "accessToken": "", "priority": 3},
    "mattermost": {"webhookUrl": "https://chat.team.net/hooks/x", "channel": "c", "username": "u"},
    "custom": {"endpoint": "https://hooks.team.net/x", "headers": {"X-A": "1"}},
    "lark": {"webhookUrl": "https://open.larksuite.com/x"},
    "pushover": {"userKey": "u", "apiToken": "t", "priority": 0},
    "teams": {"webhookUrl": "https://team.webhook.office.com/x"},
}


def test_notifications_of_every_kind(sim, client):
    assert set(NOTIFICATION_INPUTS) == set(NOTIFICATION_KINDS)
    for kind, values in NOTIFICATION_INPUTS.items():
        flags = dict(FLAGS) if kind not in ("gotify", "ntfy") else dict((k, v) for k, v in FLAGS.items() if k != "serverThreshold")
        suffix = kind[0].upper() + kind[1:]
        assert client.post("notification.create" + suffix, dict(flags, name=kind, **values)) is None
        assert client.post("notification.test%sConnection" % suffix, values) is True
    rows = client.get("notification.all")
    assert [r["name"] for r in rows] == list(reversed(list(NOTIFICATION_INPUTS)))  # newest first
    slack = rows[-1]
    assert slack["slack"]["channel"] == "#ops" and slack["email"] is None
    client.post("notification.updateSlack", {"notificationId": slack["notificationId"], "slackId": slack["slackId"],
                                             "channel": "#dev", "appDeploy": True})
    one = client.get("notification.one", {"notificationId": slack["notificationId"]})
    assert one["slack"]["channel"] == "#dev" and one["appDeploy"] is True and one["slack"]["webhookUrl"]
    assert error_of(client.post, "notification.updateSlack", {"notificationId": "nope", "slackId": "x"}).status == 404
    assert error_of(client.post, "notification.updateEmail", {"notificationId": "nope", "emailId": "x"}).status == 400
    unresolved = error_of(client.post, "notification.testSlackConnection", {"webhookUrl": "https://hooks.example.com/x",
                                                                            "channel": "c"})
    assert unresolved.args[0] == "getaddrinfo ENOTFOUND hooks.example.com"
    sim.control("remote", {"notification_test": "fail"}, "POST")
    lark = error_of(client.post, "notification.testLarkConnection", {"webhookUrl": "https://x"})
    assert lark.args[0] == "Error testing the notification"
    assert client.post("notification.remove", {"notificationId": slack["notificationId"]})["name"] == "slack"
    assert error_of(client.post, "notification.remove", {"notificationId": slack["notificationId"]}).status == 400
    assert len(client.get("notification.getEmailProviders")) == 11
    alert = {"Type": "CPU", "Value": 95, "Threshold": 90, "Message": "high", "Timestamp": "now", "Token": "t0k"}
    assert error_of(client.post, "notification.receiveNotification", alert).status == 400
    server = _server(client, with_key=False)
    sim.state["server"][server["serverId"]]["metricsConfig"]["server"]["token"] = "t0k"
    assert client.post("notification.receiveNotification", dict(alert, ServerType="Remote")) is None


# ---- git providers ----------------------------------------------------------------------------------------------
def test_git_providers(sim, client):
    assert client.post("gitlab.create", {"name": "gl", "authId": "a", "gitlabUrl": "https://gitlab.team.net"}) is None
    gitea = client.post("gitea.create", {"name": "gt", "giteaUrl": "https://gitea.invalid", "clientId": "c", "clientSecret": "s"})
    assert client.post("bitbucket.create", {"name": "bb", "authId": "a", "bitbucketUsername": "u", "apiToken": "t"}) is None
    providers = client.get("gitProvider.getAll")
    assert [p["providerType"] for p in providers] == ["bitbucket", "gitea", "gitlab"]
    gitlab = providers[2]["gitlab"]
    assert gitlab["isConfigured"] is False and client.get("gitlab.gitlabProviders") == []  # no OAuth token yet
    assert [p["giteaId"] for p in client.get("gitea.giteaProviders")] == [gitea["giteaId"]]
    assert client.get("gitlab.one", {"gitlabId": gitlab["gitlabId"]})["gitProvider"]["name"] == "gl"
    client.post("gitlab.update", {"gitlabId": gitlab["gitlabId"], "gitProviderId": providers[2]["gitProviderId"],
                                  "name": "gl2", "gitlabUrl": "https://gitlab.team.net", "groupName": "team"})
    renamed = client.get("gitlab.one", {"gitlabId": gitlab["gitlabId"]})
    assert (renamed["gitProvider"]["name"], renamed["groupName"]) == ("gl2", "team")
    assert client.post("gitlab.testConnection", {"gitlabId": gitlab["gitlabId"]}) == "Found 0 repositories"
    assert error_of(client.post, "gitea.testConnection", {"giteaId": gitea["giteaId"]}).status == 400
    assert client.get("gitea.getGiteaRepositories", {"giteaId": gitea["giteaId"]}) == []
    assert error_of(client.get, "gitlab.one", {"gitlabId": "nope"}).status == 404
    github = new_git_provider(sim.state, sim.state["_meta"]["organizationId"], sim.state["_meta"]["userId"], "github", "gh",
                              githubAppId=1, githubPrivateKey="k", githubInstallationId="2")
    assert [p["githubId"] for p in client.get("github.githubProviders")] == [github["githubId"]]
    removed = client.post("gitProvider.remove", {"gitProviderId": providers[2]["gitProviderId"]})
    assert removed["name"] == "gl2" and error_of(client.get, "gitlab.one", {"gitlabId": gitlab["gitlabId"]}).status == 404
    assert error_of(client.post, "gitProvider.remove", {"gitProviderId": "nope"}).status == 400


# ---- tag --------------------------------------------------------------------------------------------------------
def test_tags_and_project_tags(client):
    project = client.post("project.create", {"name": "p"})["project"]
    blue = client.post("tag.create", {"name": "blue", "color": "#00f"})
    amber = client.post("tag.create", {"name": "amber"})
    assert error_of(client.post, "tag.create", {"name": "blue"}).status == 409
    assert [t["name"] for t in client.get("tag.all")] == ["amber", "blue"]
    link = client.post("tag.assignToProject", {"projectId": project["projectId"], "tagId": blue["tagId"]})
    assert set(link) == {"id", "projectId", "tagId"}
    assert error_of(client.post, "tag.assignToProject", {"projectId": project["projectId"], "tagId": blue["tagId"]}).status == 409
    assert client.get("project.one", {"projectId": project["projectId"]})["projectTags"][0]["tag"]["name"] == "blue"
    client.post("tag.bulkAssign", {"projectId": project["projectId"], "tagIds": [amber["tagId"]]})
    assert [t["tag"]["name"] for t in client.get("project.all")[0]["projectTags"]] == ["amber"]
    assert client.post("tag.update", {"tagId": amber["tagId"], "color": "#fa0"})["color"] == "#fa0"
    assert client.post("tag.remove", {"tagId": amber["tagId"]}) == {"success": True}
    assert client.get("project.one", {"projectId": project["projectId"]})["projectTags"] == []
    assert error_of(client.get, "tag.one", {"tagId": amber["tagId"]}).status == 404


# ---- network ----------------------------------------------------------------------------------------------------
def test_networks(sim, client):
    row = client.post("network.create", {"name": "backend", "driver": "overlay", "attachable": True,
                                         "ipam": {"config": [{"subnet": "10.9.0.0/24"}]}})
    assert (row["enableIPv4"], row["serverId"], row["mtu"]) == (True, None, None)
    assert client.get("network.inspect", {"networkId": row["networkId"]})["IPAM"]["Config"] == [{"Subnet": "10.9.0.0/24"}]
    assert error_of(client.post, "network.create", {"name": "backend"}).status == 400  # the Docker network exists
    assert error_of(client.post, "network.create", {"name": "x", "enableIPv4": False}).status == 400
    assert [n["name"] for n in client.get("network.all")] == ["backend"]
    sim.state["dockerNetwork"]["/legacy"] = {"Name": "legacy", "Driver": "bridge", "IPAM": {"Config": [{"Subnet": "172.30.0.0/16"}]}}
    del sim.state["dockerNetwork"]["/backend"]
    sync = client.get("network.networksToSync")
    assert sync["importable"][0]["subnets"] == ["172.30.0.0/16"] and sync["missing"][0]["name"] == "backend"
    assert client.post("network.recreate", {"networkId": row["networkId"]})["name"] == "backend"
    result = client.post("network.import", {"names": ["legacy", "bridge", "legacy"]})
    assert result["imported"] == ["legacy"] and [e["error"] for e in result["errors"]] == [
        "Network is reserved or not supported", "Already imported"]
    sim.control("deploy", {"docker": False}, "POST")
    assert "docker.sock" in str(error_of(client.post, "network.remove", {"networkId": row["networkId"]}))
    sim.control("deploy", {"docker": True}, "POST")
    assert client.post("network.remove", {"networkId": row["networkId"]})["name"] == "backend"
    assert error_of(client.get, "network.one", {"networkId": row["networkId"]}).status == 404


def test_networks_of_another_organization_are_not_seen(sim, client):
    """network.all lists the caller's organisation's rows only; one, inspect and recreate of another's answer 404
    "Network not found", remove 401 (apps/dokploy/server/api/routers/network.ts, v0.30.2)."""
    row = client.post("network.create", {"name": "theirs", "driver": "overlay"})
    with sim.lock:
        sim.state["network"][row["networkId"]]["organizationId"] = "another-organization"
    assert client.get("network.all") == []
    for procedure, call in (("network.one", client.get), ("network.inspect", client.get), ("network.recreate", client.post)):
        error = error_of(call, procedure, {"networkId": row["networkId"]})
        assert error.status == 404 and "Network not found" in str(error), procedure
    assert error_of(client.post, "network.remove", {"networkId": row["networkId"]}).status == 401
    assert row["networkId"] in sim.state["network"]
