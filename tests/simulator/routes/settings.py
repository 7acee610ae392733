# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""settings router (read-only parts) [7-10]."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ..registry import route
from ..validation import load_openapi

VERSION = "v0.30.2"


@route("settings.getDokployVersion")
def get_dokploy_version(state, inp, ctx):
    return VERSION


@route("settings.getReleaseTag")
def get_release_tag(state, inp, ctx):
    return "latest"


@route("settings.isCloud")
def is_cloud(state, inp, ctx):
    return False


@route("settings.health")
def health(state, inp, ctx):
    return {"status": "ok"}


@route("settings.getOpenApiDocument")
def get_openapi_document(state, inp, ctx):
    return load_openapi()
