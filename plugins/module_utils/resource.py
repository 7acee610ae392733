# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The resource engine: one mechanism that converges any Dokploy object.

A module declares a ``Resource`` subclass: how to find the current object, which API fields the user
set (``desired``), how to create and delete, and which update endpoints take which fields. The
engine then compares after normalising both sides the same way, sends one write per endpoint whose
fields changed (with only those fields, plus the ones that endpoint requires to be kept), predicts
the result in check mode without a single write, and builds ``diff`` from the same comparison that
sets ``changed``. A write whose outcome is unknown is never repeated blindly: the object is looked
up again first.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dokploy.dokploy.plugins.module_utils.client import DokployError, DokployNotFoundError
from ansible_collections.dokploy.dokploy.plugins.module_utils.lookup import Resolver
from ansible_collections.dokploy.dokploy.plugins.module_utils.secrets import is_secret_field, mask, mask_value


class Update(object):
    """An update endpoint: the API fields it sets, and those it needs in every call (``keep``).

    Dokploy's ``save*`` endpoints clear what is not sent, so ``keep`` fields always go along, taken
    from the desired state when the user set them and from the current object otherwise.
    """

    def __init__(self, procedure, fields, keep=(), timeout=None):
        self.procedure = procedure
        self.fields = frozenset(fields)
        self.keep = tuple(keep)
        self.timeout = timeout


def normalize(value):
    """The comparable form of an API value: ``""`` and ``None`` are both unset, numbers compare by value."""
    if value == "" or value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return dict((k, normalize(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return [normalize(v) for v in value]
    return value


class Resource(object):
    """Base of every resource a module manages. Subclasses set the class attributes and the hooks."""

    kind = None             # result key and the word used in messages, e.g. "project"
    id_field = None         # the API's ID field, e.g. "projectId"
    create_procedure = None
    delete_procedure = None
    updates = ()            # Update instances; each changed field goes to the first one that takes it

    def __init__(self, module):
        self.module = module
        self.client = module.client
        self.resolver = Resolver(self.client)
        self.check_mode = module.check_mode

    # -- hooks a module overrides -------------------------------------------------------------

    def desired(self):
        """``{api_field: value}`` for what the user set, in the API's types."""
        raise NotImplementedError

    def find(self):
        """The current object, or None when it does not exist."""
        raise NotImplementedError

    def create_payload(self, desired):
        """The body of the create call (by default the desired fields the create endpoint takes)."""
        return dict(desired)

    def created_object(self, response, payload):
        """The object from the create call's answer (some endpoints answer ``true`` or nothing)."""
        if isinstance(response, dict) and response.get(self.id_field):
            return response
        self.resolver.invalidate()
        found = self.find()
        if found is None:
            raise DokployError("%s was created but cannot be found again" % self.kind, procedure=self.create_procedure)
        return found

    def delete_payload(self, current):
        return {self.id_field: current[self.id_field]}

    def check_delete(self, current):
        """Raise when ``current`` must not be deleted (runs in check mode too)."""

    def before_delete(self, current):
        """Cleans up before the delete call (never in check mode)."""

    def normalize_field(self, field, value):
        return normalize(value)

    def result_object(self, obj):
        """What the module returns under ``kind`` (secrets masked)."""
        return mask(obj)

    # -- the engine ---------------------------------------------------------------------------

    def run(self):
        if self.module.params.get("state") == "absent":
            return self.ensure_absent()
        return self.ensure_present()

    def ensure_present(self):
        desired = self.desired()
        current = self.find()
        if current is None:
            return self.create(desired)
        changes = self.compare(current, desired)
        after = self.apply(current, changes, desired)
        return self.result(bool(changes), current, after, changes)

    def ensure_absent(self):
        current = self.find()
        if current is None:
            return self.result(False, None, None, {})
        self.check_delete(current)
        if not self.check_mode:
            self.before_delete(current)
            try:
                self.client.post(self.delete_procedure, self.delete_payload(current))
            except DokployNotFoundError:
                return self.result(False, None, None, {})  # deleted meanwhile by someone else
        return self.result(True, current, None, {})

    def compare(self, current, desired):
        """``{field: (before, after)}`` for every desired field whose normalised value differs."""
        changes = {}
        for field, value in desired.items():
            before = current.get(field)
            if self.normalize_field(field, before) != self.normalize_field(field, value):
                changes[field] = (before, value)
        return changes

    def plan(self, current, changes, desired):
        """The writes that ``changes`` need: ``[(Update, body)]``, one per endpoint, minimal bodies."""
        writes = []
        pending = set(changes)
        for update in self.updates:
            fields = sorted(f for f in pending if f in update.fields)
            if not fields:
                continue
            pending.difference_update(fields)
            body = {self.id_field: current[self.id_field]}
            for field in update.keep:
                body[field] = desired[field] if field in desired else current.get(field)
            for field in fields:
                body[field] = desired[field]
            writes.append((update, body))
        if pending:
            raise DokployError("no update endpoint is declared for %s field(s) %s" % (self.kind, ", ".join(sorted(pending))))
        return writes

    def apply(self, current, changes, desired):
        """Sends the planned writes (none in check mode) and returns the object as it is afterwards."""
        after = dict(current)
        after.update(dict((field, new) for field, (old, new) in changes.items()))
        if self.check_mode:
            return after
        for update, body in self.plan(current, changes, desired):
            response = self.client.post(update.procedure, body, timeout=update.timeout)
            if isinstance(response, dict) and response.get(self.id_field) == current[self.id_field]:
                after.update(response)
        return after

    def create(self, desired):
        payload = self.create_payload(desired)
        if self.check_mode:
            predicted = dict(desired)
            predicted.update(payload)
            predicted.setdefault(self.id_field, None)
            return self.result(True, None, predicted, {})
        try:
            response = self.client.post(self.create_procedure, payload)
        except DokployError as error:
            if not error.outcome_unknown:
                raise
            # The create may have happened: look before trying again, so no duplicate is ever made.
            self.resolver.invalidate()
            found = self.find()
            response = found if found is not None else self.client.post(self.create_procedure, payload)
        created = self.created_object(response, payload)
        remaining = self.compare(created, desired)  # fields the create endpoint does not take
        after = self.apply(created, remaining, desired)
        return self.result(True, None, after, {})

    # -- results ------------------------------------------------------------------------------

    def result(self, changed, before, after, changes):
        result = {"changed": changed, self.kind: self.result_object(after if after is not None else before) if (after or before) else {}}
        if self.module._diff:
            result["diff"] = self.diff(before, after, changes)
        return result

    def diff(self, before, after, changes):
        """Before/after limited to what differs; secret values masked on both sides."""
        if before is not None and after is not None:
            keys = sorted(changes)
            shown_before = dict((k, self._shown(k, before.get(k))) for k in keys)
            shown_after = dict((k, self._shown(k, after.get(k))) for k in keys)
            for key in keys:
                if shown_before[key] == shown_after[key]:  # two different secrets, both masked
                    shown_after[key] = "%s (changed)" % shown_after[key]
            return {"before": shown_before, "after": shown_after}
        return {
            "before": self.result_object(before) if before is not None else {},
            "after": self.result_object(after) if after is not None else {},
        }

    @staticmethod
    def _shown(field, value):
        return mask_value(value) if is_secret_field(field) else mask(value)
