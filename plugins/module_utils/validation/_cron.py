# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Cron expressions as Dokploy's scheduler reads them, checked before any request.

Dokploy stores any string and checks nothing (NOTES-resources.md "backup": an invalid cron is accepted
[1211]); the job then never runs. Its scheduler is node-schedule 2.1.1 (package.json of v0.30.2), which parses
with cron-parser: five fields (minute hour day-of-month month day-of-week), or six with seconds first; numbers,
``*``, ranges ``a-b``, steps ``*/n`` and ``a-b/n``, lists ``a,b``, month and day names (``jan``, ``mon``),
``?`` in the day fields, ``L`` (last day of the month; ``5L``, the last Friday), ``n#k`` (the k-th weekday n of
the month), day of week 0-7 (both 0 and 7 are Sunday), and the shorthands ``@yearly`` ... ``@hourly``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import DokployParamError

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
DAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
SHORTHANDS = ("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@hourly")

# (name, lowest, highest, names): names[i] stands for lowest + i
SECOND = ("second", 0, 59, ())
FIELDS = (("minute", 0, 59, ()), ("hour", 0, 23, ()), ("day of month", 1, 31, ()), ("month", 1, 12, MONTHS),
          ("day of week", 0, 7, DAYS))
_STEP = re.compile(r"^(.+?)(?:/(\d+))?$")
_NTH = re.compile(r"^(\w+)#([1-5])$")
_LAST_WEEKDAY = re.compile(r"^(\w+)L$")


def _value(token, field):
    name, low, high, names = field
    lowered = token.lower()
    if lowered in names:
        return low + names.index(lowered)
    if not token.isdigit():
        raise ValueError("'%s' is not a number%s" % (token, " or a name (%s)" % ", ".join(names) if names else ""))
    number = int(token)
    if not low <= number <= high:
        raise ValueError("%d is out of range %d-%d" % (number, low, high))
    return number


def _check_item(item, field):
    name = field[0]
    if item in ("?",) and name in ("day of month", "day of week"):
        return
    if name == "day of month" and item == "L":
        return
    if name == "day of week":
        special = _NTH.match(item) or _LAST_WEEKDAY.match(item)
        if special:
            _value(special.group(1), field)
            return
    match = _STEP.match(item)
    base, step = match.group(1), match.group(2)
    if step is not None and int(step) == 0:
        raise ValueError("a step must be at least 1")
    if base == "*":
        return
    bounds = base.split("-")
    if len(bounds) > 2 or not all(bounds):
        raise ValueError("'%s' is not a number, a name or a range a-b" % base)
    values = [_value(bound, field) for bound in bounds]
    if len(values) == 2 and values[0] > values[1]:
        raise ValueError("the range %s goes backwards" % base)


def cron_problem(expression):
    """What is wrong with ``expression``, or None when Dokploy's scheduler can run it."""
    text = (expression or "").strip()
    if not text:
        return "it is empty"
    if text.startswith("@"):
        return None if text.lower() in SHORTHANDS else "the shorthands are %s" % ", ".join(SHORTHANDS)
    parts = text.split()
    if len(parts) not in (5, 6):
        return "it has %d fields; a cron expression has 5 (minute hour day-of-month month day-of-week), or 6 with " \
               "seconds first" % len(parts)
    fields = ((SECOND,) if len(parts) == 6 else ()) + FIELDS
    for part, field in zip(parts, fields):
        for item in part.split(","):
            try:
                if not item:
                    raise ValueError("an empty list item")
                _check_item(item, field)
            except ValueError as error:
                return "%s field '%s': %s" % (field[0], part, error)
    return None


def check_cron(option, expression):
    """Raise DokployParamError naming ``option`` when ``expression`` is not a cron expression Dokploy can run
    (Dokploy itself would store it and never run the job)."""
    if expression is None:
        return
    problem = cron_problem(expression)
    if problem:
        raise DokployParamError("%s '%s' is not a valid cron expression: %s (for example '0 3 * * *', every day at "
                                "03:00)" % (option, expression, problem), option=option)
