# -*- coding: utf-8 -*-
# Copyright: (c) 2026, dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Dokploy's environment variables: one dotenv string, stored and returned verbatim (API.md section 5).

Pure functions, no I/O. ``edit()`` sets or removes keys in such a string and keeps every other line
(comments, blank lines, keys nobody mentioned, their order and their exact spelling) untouched.
Values are written the way Dokploy's ``dotenv.parse`` reads them back, quoted only when they need it,
and a key counts as unchanged only when its line is exactly what would be written.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

KEY_RULE = "a letter or underscore, then letters, digits, '_', '.' or '-'"
_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
_ASSIGNMENT = re.compile(r"^\s*(?:export\s+)?([\w.-]+)\s*=(.*)$")
_QUOTES = ("'", '"', "`")
_NEEDS_QUOTES = re.compile(r"[#'\"`\\\r\n]")


class DotenvError(ValueError):
    """A key or value that cannot be written to a dotenv string."""


def key_problem(key):
    """Why ``key`` is not a valid variable name, or None."""
    if not isinstance(key, str) or key == "":
        return "a key must not be empty"
    if "=" in key:
        return "key '%s' must not contain '='" % key
    if re.search(r"\s", key):
        return "key '%s' must not contain whitespace" % key.strip() if key.strip() else "a key must not be blank"
    if key[0].isdigit():
        return "key '%s' must not start with a digit" % key
    if not _KEY.match(key):
        return "key '%s' is not a valid variable name (%s)" % (key, KEY_RULE)
    return None


def validate_keys(keys):
    """Raise DotenvError naming every invalid key."""
    problems = [p for p in (key_problem(k) for k in keys) if p]
    if problems:
        raise DotenvError("; ".join(problems))


def validate_values(variables):
    """Raise DotenvError naming every key whose value is not a string, a number, a boolean or null (a dict or a
    list would be stored as Python text)."""
    wrong = sorted(str(k) for k, v in variables.items()
                   if v is not None and not isinstance(v, (str, bool, int, float)))
    if wrong:
        raise DotenvError("the value of %s must be a string, a number or a boolean, not a %s"
                          % (", ".join(wrong), "list or dict"))


def to_text(value):
    """An env value as Ansible may hand it over (bool, int, float, None) as the string to store."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def quote(value):
    """``value`` as it must appear after ``KEY=`` so that dotenv reads back exactly ``value``."""
    value = to_text(value)
    if value == "":
        return ""
    if not _NEEDS_QUOTES.search(value) and value == value.strip():
        return value
    if "\n" not in value and "\r" not in value and "'" not in value:
        return "'%s'" % value  # single quotes are literal in dotenv
    if '"' not in value and "\\n" not in value and "\\r" not in value:
        return '"%s"' % value.replace("\r", "\\r").replace("\n", "\\n")  # dotenv expands \n in double quotes
    if "`" not in value:
        return "`%s`" % value  # backticks are literal and may span lines
    if "'" not in value:
        return "'%s'" % value
    raise DotenvError("the value of this variable contains every kind of quote and a line break; dotenv cannot store it")


def render_line(key, value):
    return "%s=%s" % (key, quote(value))


def render(variables):
    """A dotenv string of ``variables`` (a dict, in its order), one ``KEY=value`` per line."""
    validate_keys(list(variables))
    validate_values(variables)
    return "\n".join(render_line(k, v) for k, v in variables.items())


class Entry(object):
    """One logical line: a variable (``key`` set; ``lines`` may span several for a quoted multi-line value) or
    anything else (comment, blank, unparsable), kept verbatim."""

    def __init__(self, lines, key=None):
        self.lines = lines
        self.key = key

    @property
    def text(self):
        return "\n".join(self.lines)


def parse(text):
    """``text`` as a list of Entry, such that joining every entry's lines with ``\\n`` gives ``text`` back."""
    lines = (text or "").split("\n")
    entries = []
    index = 0
    while index < len(lines):
        line = lines[index]
        match = _ASSIGNMENT.match(line)
        if not match:
            entries.append(Entry([line]))
            index += 1
            continue
        value = match.group(2).lstrip()
        end = index
        if value[:1] in _QUOTES and value.find(value[0], 1) == -1:
            # A quoted value that goes on over the next lines, up to the line holding the closing quote.
            probe = index + 1
            while probe < len(lines) and value[0] not in lines[probe]:
                probe += 1
            if probe < len(lines):
                end = probe
        entries.append(Entry(lines[index:end + 1], match.group(1)))
        index = end + 1
    return entries


def _unquote(raw):
    raw = raw.strip()
    if len(raw) >= 2 and raw[0] in _QUOTES and raw[-1] == raw[0]:
        inner = raw[1:-1]
        if raw[0] == '"':
            inner = inner.replace("\\n", "\n").replace("\\r", "\r")
        return inner
    return raw.split("#", 1)[0].strip() if not raw[:1] in _QUOTES else raw


def values(text):
    """``{key: value}`` as dotenv would read ``text`` (the last assignment of a key wins)."""
    result = {}
    for entry in parse(text):
        if entry.key is not None:
            raw = _ASSIGNMENT.match(entry.lines[0]).group(2)
            if len(entry.lines) > 1:
                raw = "\n".join([raw] + entry.lines[1:])
            # strip a trailing comment after a closing quote
            stripped = raw.strip()
            if stripped[:1] in _QUOTES:
                close = stripped.find(stripped[0], 1)
                if close != -1:
                    stripped = stripped[:close + 1]
            result[entry.key] = _unquote(stripped)
    return result


def keys(text):
    """The variable names in ``text``, in order, each once."""
    seen = []
    for entry in parse(text):
        if entry.key is not None and entry.key not in seen:
            seen.append(entry.key)
    return seen


def edit(text, variables, state="present", exclusive=False):
    """Set (``present``) or remove (``absent``) ``variables`` in the dotenv string ``text``.

    ``variables`` is a dict (values ignored for ``absent``; a list of keys works too). With ``exclusive``,
    every other variable is removed (comments and blank lines stay). Everything not concerned keeps its
    exact text and place; new variables are appended in the order given.

    Returns ``(new_text, changes)`` where changes is ``{"added": [...], "changed": [...], "removed": [...]}``
    (key names only, never values). ``new_text == text`` exactly when nothing changed.
    """
    text = text or ""
    names = list(variables)
    validate_keys(names)
    wanted = dict(variables) if isinstance(variables, dict) else dict((k, None) for k in names)
    entries = parse(text)
    changes = {"added": [], "changed": [], "removed": []}
    result = []
    placed = set()
    for entry in entries:
        key = entry.key
        if key is None:
            result.append(entry.text)
            continue
        if state == "absent":
            if key in wanted:
                if key not in changes["removed"]:
                    changes["removed"].append(key)
                continue
            result.append(entry.text)
            continue
        if key in wanted:
            line = render_line(key, wanted[key])
            if key in placed:  # a later duplicate: the one line kept holds the value
                if key not in changes["changed"]:
                    changes["changed"].append(key)
                continue
            placed.add(key)
            if entry.text != line and key not in changes["changed"]:
                changes["changed"].append(key)
            result.append(line)
            continue
        if exclusive:
            if key not in changes["removed"]:
                changes["removed"].append(key)
            continue
        result.append(entry.text)
    if state != "absent":
        added = [render_line(k, wanted[k]) for k in names if k not in placed]
        changes["added"] = [k for k in names if k not in placed]
        if added:
            trailing = len(result) > 1 and result[-1] == "" and text.endswith("\n")
            if trailing:
                result = result[:-1] + added + [""]
            elif result == [""] and text == "":
                result = added
            else:
                result = result + added
    new_text = "\n".join(result)
    if new_text == text:
        changes = {"added": [], "changed": [], "removed": []}
    return new_text, changes


def key_changes(before, after):
    """``{"added", "changed", "removed"}`` key names between two dotenv strings; a key whose lines differ in any way
    (value, quoting, a duplicate) is changed. Comments and order alone change no key."""
    def lines_by_key(text):
        found = {}
        for entry in parse(text):
            if entry.key is not None:
                found.setdefault(entry.key, []).append(entry.text)
        return found

    old, new = lines_by_key(before), lines_by_key(after)
    return {"added": [key for key in new if key not in old],
            "changed": [key for key in new if key in old and new[key] != old[key]],
            "removed": [key for key in old if key not in new]}


def has_changes(changes):
    return bool(changes["added"] or changes["changed"] or changes["removed"])
