# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The cron expressions Dokploy's scheduler (node-schedule / cron-parser) runs, and the ones it never would."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployParamError
from ansible_collections.dokploy.dokploy.plugins.module_utils.validation._cron import check_cron, cron_problem


@pytest.mark.parametrize("expression", [
    "0 3 * * *", "*/5 * * * *", "0 0 1 1 *", "0 9-17/2 * * mon-fri", "30 6 * JAN,jul sun", "0 0 * * 7",
    "15,45 */3 1-15 * 1-5", "0 0 L * *", "0 0 ? * 5L", "0 0 * * 1#2", "0 0 3 * * *", "@daily", "@Weekly",
    "  0 3 * * *  ",
])
def test_accepted(expression):
    assert cron_problem(expression) is None


@pytest.mark.parametrize("expression, problem", [
    ("", "it is empty"),
    ("0 3 * *", "it has 4 fields"),
    ("0 0 0 3 * * *", "it has 7 fields"),
    ("60 * * * *", "minute field '60': 60 is out of range 0-59"),
    ("0 24 * * *", "hour field '24'"),
    ("0 0 0 * *", "day of month field '0'"),
    ("0 0 * 13 *", "month field '13'"),
    ("0 0 * * 8", "day of week field '8'"),
    ("0 0 * foo *", "'foo' is not a number or a name"),
    ("*/0 * * * *", "a step must be at least 1"),
    ("0 5-2 * * *", "goes backwards"),
    ("0 1,,2 * * *", "an empty list item"),
    ("0 1-2-3 * * *", "not a number, a name or a range"),
    ("0 0 L * L", "day of week field 'L'"),
    ("0 0 * * 1#6", "day of week field '1#6'"),
    ("@sometimes", "the shorthands are"),
    ("60 0 0 * * *", "second field '60'"),
])
def test_refused(expression, problem):
    assert problem in cron_problem(expression)


def test_check_cron_names_the_option():
    with pytest.raises(DokployParamError) as error:
        check_cron("cron_expression", "0 3 * *")
    assert error.value.option == "cron_expression"
    assert "'0 3 * *' is not a valid cron expression" in str(error.value)
    check_cron("cron_expression", None)
