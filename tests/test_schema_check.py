"""The JSON Schema check of annotations and registries: jsonschema-rs (Rust) passes valid files,
and never one that jsonschema (which makes the messages) refuses."""

from __future__ import annotations

import copy
import random
import re
from pathlib import Path

import pytest

from linkeddata import annotation
from linkeddata.annotation import _fast_valid, _load_yaml, _validator, load_annotation, load_registry
from linkeddata.errors import AnnotationError

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted([*ROOT.joinpath("seeds").glob("*.yaml"), *ROOT.joinpath("tests", "data").rglob("*.yaml")])
# Each file names its schema on its first line, for editors: "# yaml-language-server: $schema=…".
HEADER = re.compile(r"# yaml-language-server: \$schema=\S*/(\w+)\.schema\.json")
SCHEMA_OF = {p: m.group(1) for p in FILES if (m := HEADER.match(p.read_text(encoding="utf-8")))}


def slow_errors(doc, name: str) -> list:
    return list(_validator(name).iter_errors(doc))


def test_every_file_of_the_project_is_judged_alike_by_both_checkers():
    assert len(SCHEMA_OF) == 175  # the annotations and registries of the seed, the corpus and the draft benchmark
    for path, name in SCHEMA_OF.items():
        doc = _load_yaml(path)
        assert _fast_valid(doc, name) == (not slow_errors(doc, name)), path


def test_a_valid_annotation_is_not_checked_by_jsonschema(monkeypatch):
    """The fast path is taken: with jsonschema's validator broken, valid files still load."""

    def broken(_name):
        raise AssertionError("jsonschema was asked")

    monkeypatch.setattr(annotation, "_validator", broken)
    registry = load_registry(ROOT / "seeds" / "registry.yaml")
    annotated = next(p for p, n in SCHEMA_OF.items() if n == "annotation" and p.parent.name == "seeds")
    loaded = load_annotation(annotated, registry)
    assert (loaded.path, loaded.article.publisher, len(loaded.claims)) == (annotated, "business-insider", 45)


# Values put in place of a value of the document: each one breaks some schema rule somewhere.
REPLACEMENTS = [1.0, 2.5, -1, 0, True, None, "", " \t ", "Q1\n", "en\n", "x" * 300, [], {}, ["x"], {"bogus": 1}]


def _paths(value, prefix=()):
    """Every path to a value inside ``value`` (keys of mappings, indexes of lists)."""
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, (*prefix, i))


def _mutated(doc, path, how, draw: random.Random):
    doc = copy.deepcopy(doc)
    parent = doc
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if how == "delete":
        del parent[last]
    elif how == "add-key":
        target = parent[last]
        if not isinstance(target, dict):
            return None
        target["unknown_" + str(draw.randrange(100))] = "x"
    else:
        parent[last] = draw.choice(REPLACEMENTS)
    return doc


@pytest.mark.parametrize("name", ["annotation", "registry"])
def test_jsonschema_rs_never_passes_a_document_jsonschema_refuses(name):
    """Seeded mutations of the seed's files (seed printed on failure): whatever jsonschema refuses,
    the fast check does not pass. Most mutations are refused, so the test checks both sides."""
    seed = 20261202
    draw = random.Random(seed)
    path = ROOT / "seeds" / ("registry.yaml" if name == "registry" else "bi-2015-isis-strategy-contradiction.yaml")
    doc = _load_yaml(path)
    plain = _plain(doc)
    paths = [p for p in _paths(plain) if p]
    refused = 0
    for _ in range(250):
        mutated = _mutated(plain, draw.choice(paths), draw.choice(["delete", "replace", "replace", "add-key"]), draw)
        if mutated is None:
            continue
        errors = slow_errors(mutated, name)
        refused += bool(errors)
        assert _fast_valid(mutated, name) == (not errors), f"seed {seed}: {mutated!r:.300}"
    assert refused >= 100, f"seed {seed}: only {refused} of the mutations were invalid"


def _plain(value):
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def test_a_float_where_an_integer_belongs_is_refused_with_its_line(tmp_path):
    """JSON Schema counts 1.0 as an integer, and so does jsonschema-rs; a YAML reader does not."""
    source = ROOT / "seeds" / "registry.yaml"
    text = source.read_text(encoding="utf-8")
    assert "geonames: 163843" in text
    bad = tmp_path / "registry.yaml"
    bad.write_text(text.replace("geonames: 163843", "geonames: 163843.0", 1), encoding="utf-8")
    with pytest.raises(AnnotationError, match="expected integer, found float 163843.0"):
        load_registry(bad)
