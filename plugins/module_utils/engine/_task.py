# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The base of what a module runs (its own file, so that a listing ships without the engine)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class Task(object):
    """The small base of everything the module layer runs (run_resource): a resource, a listing (*_info), the
    whole-project module and its export. The module builds the AnsibleModule from ``argument_spec()`` and
    ``module_kwargs``, refuses bad parameters with ``validate`` before any request, and calls ``run()``."""

    module_kwargs = {}
    shared_lookups = False  # True: many resources in one Context, lookups through the reads they share
    read_only = False       # True: only reads, so check mode changes nothing (the Context's check_mode is off)

    @classmethod
    def argument_spec(cls):
        raise NotImplementedError

    @classmethod
    def validate(cls, params):
        """Raise DokployParamError for what is wrong with ``params``; runs before any request."""

    def __init__(self, ctx, params):
        self.ctx = ctx
        self.params = params
        self.client = ctx.client

    def run(self):
        raise NotImplementedError


class Info(Task):
    """Base of the listings (the *_info modules): they only read, and ``run()`` returns
    ``{changed: False, <key>: items()}``."""

    key = None
    read_only = True

    def items(self):
        raise NotImplementedError

    def run(self):
        return {"changed": False, self.key: self.items()}
