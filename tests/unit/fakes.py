# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fakes for engine tests: a client that records every call and answers from a script, and a module."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible_collections.dokploy.dokploy.plugins.module_utils.client import DokployError


class Seq(list):
    """A scripted answer consumed one item per call."""


class FakeClient(object):
    """Records ``(method, procedure, params_or_body)``; answers from ``answers[procedure]``.

    An answer is a value (returned, deep-copied), an exception (raised), a callable ``f(payload)``, or
    a ``Seq`` of those (consumed one per call). Unscripted procedures raise, so no call goes unnoticed.
    """

    def __init__(self, answers=None, version=(0, 30, 2)):
        self.answers = dict(answers or {})
        self.calls = []
        self._version = version
        self.secrets = set()

    def _answer(self, method, procedure, payload):
        self.calls.append((method, procedure, copy.deepcopy(payload)))
        if procedure not in self.answers:
            raise AssertionError("unexpected %s %s %r" % (method, procedure, payload))
        answer = self.answers[procedure]
        if isinstance(answer, Seq):
            if not answer:
                raise AssertionError("%s %s called more often than scripted" % (method, procedure))
            answer = answer.pop(0)
        if isinstance(answer, Exception):
            raise answer
        if callable(answer):
            answer = answer(payload)
        return copy.deepcopy(answer)

    def get(self, procedure, params=None, timeout=None):
        return self._answer("GET", procedure, params)

    def post(self, procedure, body, timeout=None):
        return self._answer("POST", procedure, body)

    def version(self):
        return self._version

    def require_version(self, minimum=(0, 25, 0), feature="dokploy.dokploy"):
        if self._version < minimum:
            raise DokployError("%s needs Dokploy v0.25.0 or newer" % feature)

    def redact(self, text):
        return str(text)

    # -- what was sent ---------------------------------------------------------------------------------
    def writes(self):
        return [(procedure, body) for method, procedure, body in self.calls if method == "POST"]

    def reads(self):
        return [(procedure, params) for method, procedure, params in self.calls if method == "GET"]


class FakeModule(object):
    """What Resource needs of a DokployModule."""

    def __init__(self, client, params=None, check_mode=False, diff=False):
        self.client = client
        self.params = dict(params or {})
        self.check_mode = check_mode
        self._diff = diff
