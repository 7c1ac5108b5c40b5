"""How an annotation's YAML is read (linkeddata.annotation._load_yaml): the values, the line of
each mapping, key and item, and the message and line of each kind of text the reader refuses. One
row per case; text is made apart from the other scalars, so text in keys, values and sequences,
through aliases and merge keys, and text tags on other nodes each have a row."""

from __future__ import annotations

import datetime

import pytest

from linkeddata.annotation import _load_yaml
from linkeddata.errors import AnnotationError


def plain(value):
    """A read document as plain data with its lines: (line, {key: (key line, value)}) for a
    mapping, (line, [(item line, item)]) for a sequence."""
    if isinstance(value, dict):
        return value.line, {k: (value.key_lines[k], plain(v)) for k, v in value.items()}
    if isinstance(value, list):
        return value.line, [(line, plain(v)) for line, v in zip(value.item_lines, value, strict=True)]
    return value


READ = [
    ("surrogate-pair", 'a: "\\uD83D\\uDE00"\nb: x\n', (1, {"a": (1, "\U0001f600"), "b": (2, "x")})),
    ("surrogate-pair-key", '"\\uD83D\\uDE00": text\n', (1, {"\U0001f600": (1, "text")})),
    ("alias-of-text", "a: &x hello\nb: *x\nc: [*x, *x]\n",
     # an alias is the node of its anchor: its line is the anchor's
     (1, {"a": (1, "hello"), "b": (1, "hello"), "c": (3, (3, [(1, "hello"), (1, "hello")]))})),
    ("merge-key", "base: &b {k: v}\nd:\n  <<: *b\n  z: text\n",
     (1, {"base": (1, (1, {"k": (1, "v")})), "d": (3, (3, {"k": (1, "v"), "z": (4, "text")}))})),
    ("scalars", "d: 2015-01-01\nn: 12\nt: yes\ns: !!str 123\nq: '7'\nnone: ~\n",
     (1, {"d": (1, datetime.date(2015, 1, 1)), "n": (2, 12), "t": (3, True), "s": (4, "123"), "q": (5, "7"),
          "none": (6, None)})),
    ("text-in-a-sequence", "a:\n  - b: c\n  - d\n",
     (1, {"a": (2, (2, [(2, (2, {"b": (2, "c")})), (3, "d")]))})),
]  # fmt: skip


@pytest.mark.parametrize(("name", "text", "expected"), READ, ids=[r[0] for r in READ])
def test_yaml_values_and_their_lines(tmp_path, name, text, expected):
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    assert plain(_load_yaml(path)) == expected


LONE = "the text holds a lone surrogate escape (\\uD800-\\uDFFF), not a character"
REFUSED = [
    ("lone-surrogate", 'a: "\\uD800"\n', 1, LONE),
    ("lone-surrogate-in-a-sequence", 'a:\n  - b: "\\uD83D\\uDE00x"\n  - "\\uDC00"\n', 3, LONE),
    ("text-tag-on-a-mapping", "a: !!str {b: 1}\n", 1, "not valid YAML: expected a scalar node, but found mapping"),
    ("duplicate-key", "a: 1\nb: 2\na: 3\n", 3, "duplicate key 'a' (first on line 1)"),
    ("number-key", "1: x\n", 1, "a key must be text, not 1"),
    ("sequence-key", "? [a]\n: b\n", 1, "a key must be text, not ['a']"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "text", "line", "message"), REFUSED, ids=[r[0] for r in REFUSED])
def test_refused_yaml_names_file_line_and_problem(tmp_path, name, text, line, message):
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AnnotationError) as caught:
        _load_yaml(path)
    assert str(caught.value) == f"{path}:{line}: {message}"
