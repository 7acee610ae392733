# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""What every resource of one run shares: the client, one lookup cache, check and diff mode, warnings.

A single module builds one Context for its one resource; a module that converges many resources (a
whole project) builds one Context and runs every resource class in it, so that ``project.all`` and each
environment are read once for all of them. Nothing here knows about AnsibleModule.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible_collections.dokploy.dokploy.plugins.module_utils.lookups._lookup import Resolver

# After a write whose answer was lost, how long the engine keeps looking for its effect: at least this
# long, and at least as long as the request itself was given (a slow server finishes after our timeout).
MIN_SETTLE_SECONDS = 5
MAX_SETTLE_SECONDS = 60


class PendingParent(object):
    """The structured outcome of a lookup that found no parent in check mode: a project, environment, service,
    server, tag, registry or destination that an earlier task of the play may create. The task goes on as if it
    existed (its ID None); ``Context.pending`` lists them."""

    def __init__(self, message, noun=None, consequence=None):
        self.message = message          # the lookup's own message ("No project is named 'web'; existing: ...")
        self.noun = noun                # what it is taken as ("project"); None: "one"
        self.consequence = consequence  # what follows ("application 'web' would be created"), or None

    def warning(self):
        if self.noun:
            taken = "%s %s" % ("an" if self.noun[:1].lower() in "aeiou" else "a", self.noun)
        else:
            taken = "one"
        return "%s. In check mode this is taken as %s an earlier task would create%s; without check mode the task " \
               "fails" % (self.message, taken, ", so %s" % self.consequence if self.consequence else "")


class Context(object):
    def __init__(self, client, check_mode=False, diff=False, warn=None, settle_timeout=None, clock=None, sleep=None,
                 shared_lookups=False, read_only=False):
        self.client = client
        # True for a task that only reads (the *_info modules): it runs the same in check mode, so a missing
        # service fails there too instead of being taken as one an earlier task would create.
        self.read_only = bool(read_only)
        # True when many resources run in one context: lookups then go through reads they all share
        # (project.all, environment.one) rather than the fewest requests for one resource.
        self.shared_lookups = shared_lookups
        self.resolver = Resolver(client)
        self.check_mode = bool(check_mode) and not self.read_only
        self.diff = bool(diff)
        self.warnings = []
        self._warn = warn
        self.pending = []           # PendingParent outcomes of this run (check mode only)
        # A single task warns about each pending parent; a run that creates the parents itself (the whole-project
        # module) knows that they are its own and turns this off.
        self.warn_pending = True
        if settle_timeout is None:
            settle_timeout = min(max(getattr(client, "timeout", 0) or 0, MIN_SETTLE_SECONDS), MAX_SETTLE_SECONDS)
        self.settle_timeout = settle_timeout
        self.clock = clock or time.time
        self.sleep = sleep or time.sleep

    def warn(self, message):
        """Report ``message`` once per run, through the module's warnings when there is a module."""
        if message in self.warnings:
            return
        self.warnings.append(message)
        if self._warn is not None:
            self._warn(message)

    def missing_parent(self, error, noun=None, consequence=None):
        """A parent lookup raised DokployMissingError ``error``. Without check mode that is the task's failure (raised
        again); in check mode the parent may be one an earlier task creates: the PendingParent outcome is recorded
        (the first one warned about) and returned, and the caller goes on with the parent's ID None."""
        if not self.check_mode:
            raise error
        pending = PendingParent(error.message, noun, consequence)
        self.pending.append(pending)
        # One warning per task, however many of its parents are missing (on an empty server a backup misses its
        # project and its destination): the first says why the prediction may differ; the rest are in ``pending``.
        if self.warn_pending and len(self.pending) == 1:
            self.warn(pending.warning())
        return pending

    def settle(self, look):
        """Call ``look()`` until it returns something or the settle time is over; its last answer.

        For a write whose outcome is unknown: the server may still be running it, so one empty lookup
        proves nothing. The lookup cache is dropped before every look.
        """
        deadline = self.clock() + self.settle_timeout
        interval = 0.5
        while True:
            self.resolver.invalidate()
            found = look()
            remaining = deadline - self.clock()
            if found is not None or remaining <= 0:
                return found
            self.sleep(min(interval, remaining))
            interval = min(interval * 1.5, 3.0)
