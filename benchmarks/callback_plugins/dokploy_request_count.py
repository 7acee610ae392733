# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Callback of benchmarks/noop_converge.py: how many API requests each task sent (not part of the collection).

Reads the length of the simulator's request log (``GET /__sim__/requests``) when a task starts and when its
result arrives, and appends ``{"task", "action", "changed", "requests"}`` lines (JSON) to the file named by
DOKPLOY_BENCH_COUNT_FILE. Only exact for one host and tasks run one after another, as the benchmark runs them.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: dokploy_request_count
type: aggregate
short_description: Count the simulator requests of every task (benchmarks only)
description:
  - Needs DOKPLOY_BENCH_SIM_URL (the simulator) and DOKPLOY_BENCH_COUNT_FILE (where the counts go).
"""

import json
import os

from ansible.module_utils.urls import open_url
from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "dokploy_request_count"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super(CallbackModule, self).__init__(*args, **kwargs)
        self._log_url = os.environ["DOKPLOY_BENCH_SIM_URL"].rstrip("/") + "/__sim__/requests"
        self._out = os.environ["DOKPLOY_BENCH_COUNT_FILE"]
        self._before = 0

    def _log_length(self):
        return len(json.loads(open_url(self._log_url, validate_certs=False).read()))

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._before = self._log_length()

    def _record(self, result, failed):
        line = {"task": result.task_name, "action": result._task.action, "changed": bool(result._result.get("changed")),
                "failed": failed, "requests": self._log_length() - self._before}
        with open(self._out, "a") as f:
            f.write(json.dumps(line) + "\n")

    def v2_runner_on_ok(self, result):
        self._record(result, False)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record(result, True)
