# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The resource engine: one mechanism that converges any Dokploy object.

A resource class declares how to find the current object, which API fields the user's parameters set
(``fields``, or ``desired(current)``), how to create and delete, and which update endpoints take which
fields. The engine compares after normalising both sides the same way, sends one write per endpoint whose
fields changed (only those fields, plus the ones that endpoint needs kept), predicts the result in check
mode without a single write, and builds ``diff`` from the same comparison that sets ``changed``.

A resource takes its parameters and a Context (engine/_context.py), never an AnsibleModule, so one process can
converge many resources with one lookup cache. The engine never exits: failures are DokployErrors that
carry the partial result (``error.result``); only the module layer turns them into ``fail_json``.

What an older Dokploy lacks fails before any write: a resource declares the API fields only later versions have
(``version_fields``, each with its tables/_capabilities.py entry). Such a field in the row tells the server has it; on a
create, or a row without it, the engine asks the server's version (``settings.getDokployVersion``, read once per
client) before the create or update. On an older server a field that asks for nothing (empty, or the value that
server behaves as anyway) is left out, and any other value raises DokployUnsupportedError: an older server's zod
input would drop it unseen, after a create had already happened.

A write whose outcome is unknown (the answer was lost, or came after our timeout) is never sent again:
the engine looks for its effect through fresh lookups for a bounded settle time, adopts the object when
it appears, and otherwise fails saying that the outcome is unknown and that running again converges.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.dokploy.dokploy.plugins.module_utils.tables._capabilities import require, supports
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._client import (
    DokployError,
    DokployNotFoundError,
    DokployOutcomeUnknown,
    DokployUnsupportedError,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._secrets import (
    ENV_FIELDS,
    is_secret_field,
    mask,
    mask_value,
    masked_key_changes,
)
from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._task import Task


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


class Field(object):
    """A module option and the API field it sets; ``convert`` turns the option's value into the API's."""

    def __init__(self, option, api=None, convert=None):
        self.option = option
        self.api = api or option
        self.convert = convert

    def value(self, params):
        value = params.get(self.option)
        return self.convert(value) if self.convert is not None else value


class VersionField(object):
    """An API field that Dokploy versions before ``capability`` (tables/_capabilities.py) do not have.

    ``option``: the module option that sets it (a dotted path for a suboption), for the message and for ``asked``;
    ``implied``: the value an older server behaves as (``server_type: deploy`` where every server deploys), asked for
    without sending anything; a function of the other API values when it depends on them (a Bitbucket slug equal to the
    repository). ``asked``: a function of the module parameters saying whether they ask for the field, when reading the
    option's value at ``option`` is not enough."""

    EMPTY = (None, "", [], {})

    def __init__(self, api, capability, option=None, implied=None, asked=None):
        self.api = api
        self.capability = capability
        self.option = option or api
        self.implied = implied
        self._asked = asked

    def asks_nothing(self, value, values=None):
        """Whether ``value`` is what a server without the field behaves as anyway (``values``: the other API values)."""
        implied = self.implied(values or {}) if callable(self.implied) else self.implied
        return value in self.EMPTY or normalize(value) == normalize(implied)

    def asked(self, params):
        """Whether the module parameters ask for the field, read from them alone (no request): a whole project's
        pre-flight (project/_stack.py) refuses what the server lacks before its first write."""
        if self._asked is not None:
            return self._asked(params)
        value = params
        for key in self.option.split("."):
            value = value.get(key) if isinstance(value, dict) else None
        return value is not None and not self.asks_nothing(value)


def fields_desired(fields, params):
    """``{api_field: value}`` for every declared field whose option the user set."""
    return dict((field.api, field.value(params)) for field in fields if params.get(field.option) is not None)


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


def outcome_unknown(error, what):
    """The error for a write that was sent but whose outcome nobody knows."""
    return DokployOutcomeUnknown(
        "%s; whether Dokploy %s is unknown. It was not sent again (that could make a duplicate); run the play "
        "again, which converges" % (error.message, what), status=error.status, code=error.code, procedure=error.procedure)


def refuse_unsupported(client, needs):
    """Raise DokployUnsupportedError naming every ``(capability, what)`` of ``needs`` the server lacks (one version read,
    none when ``needs`` is empty): the pre-flight of what is converged as a whole, before its first write."""
    if not needs:
        return
    version = client.version()
    errors = []
    for capability, what in needs:
        try:
            require(version, capability, what)
        except DokployUnsupportedError as error:
            errors.append(error)
    if errors:
        first = errors[0]
        raise DokployUnsupportedError("; ".join(e.message for e in errors), capability=first.capability,
                                      needed=first.needed, version=first.version)


class Change(object):
    """What one converge did (in check mode: would do), as the engine knows it: ``action`` is None (nothing),
    "create", "update" or "delete"; ``fields`` the API fields it set. Whoever acts on what a task did (a server's
    setup, the whole-project module's list of actions) reads this instead of inferring it from a diff."""

    def __init__(self, action=None, fields=()):
        self.action = action
        self.fields = tuple(sorted(fields))

    def __repr__(self):
        return "Change(%r, %r)" % (self.action, self.fields)


class Resource(Task):
    """Base of every resource. Subclasses set the class attributes and override the hooks they need."""

    kind = None             # result key and the word used in messages, e.g. "project"
    id_field = None         # the API's ID field, e.g. "projectId"
    create_procedure = None
    delete_procedure = None
    updates = ()            # Update instances; each changed field goes to the first one that takes it (updates_for)
    fields = ()             # Field instances: what ``desired`` reads from the parameters by default
    version_fields = ()     # VersionField instances: API fields only later Dokploy versions have

    def __init__(self, ctx, params):
        super(Resource, self).__init__(ctx, params)
        self.resolver = ctx.resolver
        self.check_mode = ctx.check_mode
        self._written = None    # the object after the last write, for the partial result of a failure
        self.change = Change()  # what the last converge did (set by result())

    # -- hooks ---------------------------------------------------------------------------------

    @classmethod
    def version_needs(cls, params):
        """``[(capability, option)]``: what ``params`` ask for that only some Dokploy versions have, read from the
        parameters alone (no request); by default the ``version_fields`` they set. A class that refuses more on an older
        server (a kind, a value) adds it here, so a whole project refuses it before its first write."""
        if params.get("state") == "absent":
            return []
        return [(field.capability, field.option) for field in cls.version_fields if field.asked(params)]

    def find(self):
        """The current object, or None when it does not exist. Never cached by the resource."""
        raise NotImplementedError

    def desired(self, current):
        """``{api_field: value}`` for what the user set, in the API's types; ``current`` may be None."""
        return fields_desired(self.fields, self.params)

    def create_payload(self, desired):
        """The body of the create call (by default the desired fields)."""
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

    def updates_for(self, current, created=False):
        """The update endpoints for ``current`` (``created``: this task has just created it); by default ``updates``.
        A class whose endpoints depend on the object or its parameters computes them here, never by reassigning."""
        return self.updates

    def result_object(self, obj):
        """What the module returns under ``kind`` (secrets masked)."""
        return mask(obj)

    def label(self, obj=None):
        """"application 'web'" for messages."""
        name = (obj or {}).get("name") or self.params.get("name")
        return "%s '%s'" % (self.kind, name) if name else self.kind

    # -- the engine ----------------------------------------------------------------------------

    def run(self):
        """Converge and return the result; a DokployError raised here carries the partial result."""
        try:
            return self.converge()
        except DokployError as error:
            if error.result is None:
                error.result = self.partial_result()
            raise

    def converge(self):
        if self.params.get("state") == "absent":
            return self.ensure_absent()
        return self.ensure_present()

    def partial_result(self):
        obj = self._written
        return {"changed": obj is not None, self.kind: self.result_object(obj) if obj else {}}

    def ensure_present(self):
        current = self.find()
        desired = self.supported(current, self.desired(current))
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
        if not self.check_mode and not self.delete(current):
            return self.result(False, None, None, {})  # deleted meanwhile by someone else
        return self.result(True, current, None, {})

    def supported(self, current, values):
        """``values`` (API fields) without the version fields this server lacks that ask for nothing; a version
        field set to anything else on a server without it raises DokployUnsupportedError, before any write.

        The row ``current`` having the field answers for the server; a create (``current`` None) or a row without it
        asks the server's version (one read per client, settings.getDokployVersion)."""
        kept = dict(values)
        for field in self.version_fields:
            if field.api not in values or (current is not None and field.api in current):
                continue
            if supports(self.client.version(), field.capability):
                continue
            if not field.asks_nothing(values[field.api], values):
                require(self.client.version(), field.capability, "%s: %s" % (self.label(current), field.option))
            del kept[field.api]
        return kept

    def delete(self, current, exists=None):
        """THE delete of ``current`` (never in check mode): before_delete, the call, and for an answer that was lost a
        look whether it is gone (``exists()``, by default ``find()``): gone means done, still there means run again.
        False when someone else deleted it meanwhile."""
        exists = exists or (lambda: self.find() is not None)
        try:
            self.before_delete(current)
        except DokployError as error:
            if not error.outcome_unknown:
                raise
            raise outcome_unknown(error, "deleted what %s holds" % self.label(current))
        try:
            self.client.post(self.delete_procedure, self.delete_payload(current))
            self.resolver.invalidate()
        except DokployNotFoundError:
            return False
        except DokployError as error:
            if not error.outcome_unknown:
                raise
            if self.ctx.settle(lambda: None if exists() else True) is None:
                raise outcome_unknown(error, "deleted %s" % self.label(current))
        return True

    def compare(self, current, desired):
        """``{field: (before, after)}`` for every desired field whose normalised value differs."""
        changes = {}
        for field, value in desired.items():
            before = current.get(field)
            if self.normalize_field(field, before) != self.normalize_field(field, value):
                changes[field] = (before, value)
        return changes

    def plan(self, current, changes, desired, created=False):
        """The writes that ``changes`` need: ``[(Update, body)]``, one per endpoint, minimal bodies."""
        writes = []
        pending = set(changes)
        for update in self.updates_for(current, created):
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

    def apply(self, current, changes, desired, created=False):
        """Sends the planned writes (none in check mode) and returns the object as it is afterwards; ``created``: this
        task has just created ``current`` (the fields its create endpoint does not take follow)."""
        after = dict(current)
        after.update(dict((field, new) for field, (old, new) in changes.items()))
        if self.check_mode:
            return after
        for update, body in self.plan(current, changes, desired, created):
            try:
                response = self.client.post(update.procedure, body, timeout=update.timeout)
            except DokployError as error:
                if error.outcome_unknown:
                    raise outcome_unknown(error, "applied the update of %s" % self.label(current))
                raise
            self.resolver.forget_rows()
            if isinstance(response, dict) and response.get(self.id_field) == current[self.id_field]:
                after.update(response)
            self._written = after
        return after

    def create(self, desired):
        payload = self.supported(None, self.create_payload(desired))  # create defaults too (server_type: deploy)
        requested = dict((field, (None, value)) for field, value in desired.items())
        if self.check_mode:
            predicted = dict(desired)
            predicted.update(payload)
            predicted.setdefault(self.id_field, None)
            return self.result(True, None, predicted, requested)
        created = self.create_object(payload)
        remaining = self.compare(created, desired)  # fields the create endpoint does not take
        after = self.apply(created, remaining, desired, created=True)
        return self.result(True, None, after, requested)

    def create_object(self, payload):
        """THE create call (never in check mode); an answer that was lost is looked for (``find``) and adopted, never
        sent again. The created object."""
        try:
            response = self.client.post(self.create_procedure, payload)
        except DokployError as error:
            if not error.outcome_unknown:
                raise
            response = self.ctx.settle(self.find)
            if response is None:
                raise outcome_unknown(error, "created %s" % self.label())
            self.ctx.warn("%s: %s; the %s it created was found and is used" % (self.create_procedure, error.message, self.label()))
        self.resolver.invalidate()
        created = self.created_object(response, payload)
        self._written = created
        return created

    # -- results -------------------------------------------------------------------------------

    def change_of(self, changed, before, after, changes):
        """The Change record of a converge that ends in ``result(changed, before, after, changes)``."""
        if not changed:
            return Change()
        if before is None and after is not None:
            return Change("create", changes)
        if after is None and before is not None:
            return Change("delete")
        return Change("update", changes)

    def result(self, changed, before, after, changes):
        self.change = self.change_of(changed, before, after, changes)
        shown = after if after is not None else before
        result = {"changed": changed, self.kind: self.result_object(shown) if shown else {}}
        if self.ctx.diff:
            result["diff"] = self.diff(before, after, changes)
        return result

    def summary_keys(self):
        """What a create or delete diff shows besides the fields the user set: the ID and the name."""
        return [self.id_field, "name"]

    def diff(self, before, after, changes):
        """Before/after limited to what differs (for a create or delete: the ID, the name and what the user
        set); secret values masked on both sides."""
        keys = sorted(changes)
        if before is None or after is None:
            obj = after if after is not None else before
            if obj is None:
                return {"before": {}, "after": {}}
            shown = dict((k, self._shown(k, obj.get(k))) for k in self.summary_keys() + keys if k in obj)
            for key in [k for k in keys if k in ENV_FIELDS and k in obj]:
                sides = variables_diff(None, obj[key]) if after is not None else variables_diff(obj[key], None)
                if sides is not None:
                    shown[key] = sides[1] if after is not None else sides[0]
            return {"before": {}, "after": shown} if after is not None else {"before": shown, "after": {}}
        shown_before = dict((k, self._shown(k, before.get(k))) for k in keys)
        shown_after = dict((k, self._shown(k, after.get(k))) for k in keys)
        for key in keys:
            sides = variables_diff(before.get(key), after.get(key)) if key in ENV_FIELDS else None
            if sides is not None:
                shown_before[key], shown_after[key] = sides
            elif shown_before[key] == shown_after[key]:  # two different secrets, both masked
                shown_after[key] = "%s (changed)" % shown_after[key]
        return {"before": shown_before, "after": shown_after}

    @staticmethod
    def _shown(field, value):
        return mask_value(value) if is_secret_field(field) else mask(value)


def variables_diff(before, after):
    """The diff of a variables field (env, buildArgs, ...; dotenv strings, None when unset): ``(before, after)``
    naming the added, changed and removed keys with their values masked; None when no key differs (only comments or
    the order did, or a side is not a string): the field is then shown masked as a whole."""
    if not all(isinstance(side, str) or side is None for side in (before, after)):
        return None
    # Imported here: most resources have no variables, and AnsiballZ compiles every module_utils file a task imports.
    from ansible_collections.dokploy.dokploy.plugins.module_utils.engine._dotenv import has_changes, key_changes
    changes = key_changes(before or "", after or "")
    return masked_key_changes(changes) if has_changes(changes) else None
