# -*- coding: utf-8 -*-
# Copyright: dokploy.dokploy contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""plugins/module_utils/engine/_dotenv.py: editing Dokploy's env strings key by key, keeping everything else."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.dokploy.dokploy.plugins.module_utils.engine import _dotenv as dotenv

# The env string recorded in exchanges seq 122/123 (stored and returned verbatim by Dokploy).
RECORDED = ("# comment line\nPLAIN=value\nQUOTED_DOUBLE=\"hello world\"\nQUOTED_SINGLE='single quoted'\n"
            "WITH_EQUALS=a=b=c\nURL=postgres://user:p%40ss@db:5432/app?sslmode=disable\nEMPTY=\n"
            "HASH_IN_VALUE=abc#def\n\nREF=${{project.SHARED}}\nMULTI_LINE=\"line1\\nline2\"\n")
NONE = {"added": [], "changed": [], "removed": []}


def test_parse_round_trips_verbatim():
    for text in (RECORDED, "", "A=1", "A=1\n", "\n\n# only comments\n", "M=\"a\nb\"\nX=1"):
        assert "\n".join(e.text for e in dotenv.parse(text)) == text


def test_values_read_like_dotenv():
    values = dotenv.values(RECORDED)
    assert values["PLAIN"] == "value"
    assert values["QUOTED_DOUBLE"] == "hello world"
    assert values["QUOTED_SINGLE"] == "single quoted"
    assert values["WITH_EQUALS"] == "a=b=c"
    assert values["EMPTY"] == ""
    assert values["HASH_IN_VALUE"] == "abc"
    assert values["REF"] == "${{project.SHARED}}"
    assert values["MULTI_LINE"] == "line1\nline2"
    assert dotenv.keys(RECORDED)[0] == "PLAIN"


def test_setting_an_equal_value_changes_nothing():
    text, changes = dotenv.edit(RECORDED, {"PLAIN": "value", "WITH_EQUALS": "a=b=c", "EMPTY": ""})
    assert text == RECORDED
    assert changes == NONE


def test_set_keeps_other_lines_comments_and_order():
    text, changes = dotenv.edit(RECORDED, {"PLAIN": "new", "ADDED": "x"})
    assert changes == {"added": ["ADDED"], "changed": ["PLAIN"], "removed": []}
    lines = text.split("\n")
    assert lines[0] == "# comment line"
    assert lines[1] == "PLAIN=new"
    assert lines[-2] == "ADDED=x"
    assert lines[-1] == ""  # the trailing newline stays last
    assert text.replace("PLAIN=new", "PLAIN=value").replace("ADDED=x\n", "") == RECORDED


def test_add_to_text_without_trailing_newline_and_to_empty():
    assert dotenv.edit("A=1", {"B": "2"})[0] == "A=1\nB=2"
    assert dotenv.edit("", {"B": "2", "C": "3"})[0] == "B=2\nC=3"
    assert dotenv.edit(None, {"B": "2"})[0] == "B=2"


def test_absent_removes_only_those_keys():
    text, changes = dotenv.edit(RECORDED, ["PLAIN", "MULTI_LINE", "NOT_THERE"], state="absent")
    assert changes == {"added": [], "changed": [], "removed": ["PLAIN", "MULTI_LINE"]}
    assert "PLAIN=" not in text and "MULTI_LINE" not in text
    assert text.startswith("# comment line\nQUOTED_DOUBLE=")
    assert dotenv.edit(RECORDED, {"NOT_THERE": None}, state="absent") == (RECORDED, NONE)


def test_exclusive_keeps_comments_and_blank_lines():
    text, changes = dotenv.edit(RECORDED, {"PLAIN": "value", "REF": "${{project.SHARED}}"}, exclusive=True)
    assert text == "# comment line\nPLAIN=value\n\nREF=${{project.SHARED}}\n"
    assert changes["removed"] == ["QUOTED_DOUBLE", "QUOTED_SINGLE", "WITH_EQUALS", "URL", "EMPTY", "HASH_IN_VALUE", "MULTI_LINE"]
    assert dotenv.edit(text, {"PLAIN": "value", "REF": "${{project.SHARED}}"}, exclusive=True) == (text, NONE)


def test_duplicates_collapse_to_one_line():
    text, changes = dotenv.edit("A=1\nB=2\nA=3", {"A": "4"})
    assert text == "A=4\nB=2"
    assert changes["changed"] == ["A"]


def test_multiline_quoted_value_is_one_entry():
    text = 'CERT="-----BEGIN\nabc\n-----END"\nNEXT=1'
    entries = dotenv.parse(text)
    assert [e.key for e in entries] == ["CERT", "NEXT"]
    assert dotenv.values(text)["CERT"] == "-----BEGIN\nabc\n-----END"
    assert dotenv.edit(text, {"NEXT": "2"})[0] == 'CERT="-----BEGIN\nabc\n-----END"\nNEXT=2'


@pytest.mark.parametrize("value,line", [
    ("plain", "K=plain"),
    ("", "K="),
    ("with space", "K=with space"),
    (" lead", "K=' lead'"),
    ("a#b", "K='a#b'"),
    ("it's", 'K="it\'s"'),
    ("two\nlines", 'K="two\\nlines"'),
    ('say "hi"', "K='say \"hi\"'"),
    ("${{project.X}}", "K=${{project.X}}"),
    (True, "K=true"),
    (3, "K=3"),
    (None, "K="),
])
def test_quoting(value, line):
    assert dotenv.render_line("K", value) == line
    assert dotenv.values(line)["K"] == dotenv.to_text(value)


def test_quoting_reads_back_for_hard_values():
    for value in ("it's \"both\"", "a\\nb 'x'\nreal", "tab\tinside", "back\\slash"):
        assert dotenv.values(dotenv.render_line("K", value))["K"] == value


@pytest.mark.parametrize("key,fragment", [
    ("", "empty"),
    ("A=B", "'='"),
    ("A B", "whitespace"),
    ("1ABC", "digit"),
    ("A:B", "valid variable name"),
])
def test_invalid_keys(key, fragment):
    with pytest.raises(dotenv.DotenvError) as error:
        dotenv.edit("", {key: "x"})
    assert fragment in str(error.value)


def test_valid_keys():
    keys = ["A", "_a", "a.b-c", "A1"]
    assert dotenv.validate_keys(keys) is None   # accepted: a refusal raises
    text, changes = dotenv.edit("", dict.fromkeys(keys, "1"))
    assert text == "A=1\n_a=1\na.b-c=1\nA1=1" and changes["added"] == keys


def test_render_dict_in_order():
    assert dotenv.render({"B": "1", "A": "x y"}) == "B=1\nA=x y"


def test_key_changes_between_two_texts():
    key_changes = dotenv.key_changes
    assert key_changes("A=1\nB=2\nC=3", "# note\nB='2'\nA=1\nD=4") == {"added": ["D"], "changed": ["B"], "removed": ["C"]}
    assert key_changes("", "A=1") == {"added": ["A"], "changed": [], "removed": []}
    assert key_changes("A=1\n# old", "# new\nA=1") == {"added": [], "changed": [], "removed": []}
