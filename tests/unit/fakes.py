# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fakes for engine tests: a client that records every call and answers from a script, a virtual clock, and the
Context a resource runs in (built on them, as the module layer builds one on the real client)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployError, DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._context import Context
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._params import resource_params


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
        self.base_url = "http://dokploy.test/api"   # what DokployClient holds: api_url + /api
        self.timeout = 30

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


class FakeClock(object):
    """A virtual clock for ``Context(clock=..., sleep=...)``: sleeping advances it at once and is recorded."""

    def __init__(self, now=1000.0):
        self.now = now
        self.sleeps = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        assert seconds >= 0
        self.sleeps.append(seconds)
        self.now += seconds


def fake_context(client, check_mode=False, diff=False, settle_timeout=0, clock=None):
    """A Context on ``client`` and a virtual clock (``ctx.clock``). ``settle_timeout`` 0: after a write whose
    outcome is unknown the engine looks exactly once; warnings are in ``ctx.warnings``."""
    clock = clock or FakeClock()
    return Context(client, check_mode=check_mode, diff=diff, settle_timeout=settle_timeout, clock=clock, sleep=clock.sleep)


def converge(resource_class, values, client, ctx=None, **context):
    """``values`` validated as the resource's module validates them, then converged on ``client`` (in ``ctx``, or a
    fresh ``fake_context(client, **context)``); the result."""
    ctx = ctx or fake_context(client, **context)
    return resource_class(ctx, resource_params(resource_class, values)).run()


def refused(resource_class, values):
    """The message with which validating ``values`` (as the module does, before any request) refuses them."""
    with pytest.raises(DokployParamError) as error:
        resource_params(resource_class, values)
    return str(error.value)
