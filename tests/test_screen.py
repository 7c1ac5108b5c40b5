"""The build's fast validation pass (pyrudof, :mod:`linkeddata.screen`) agrees with pyshacl.

The build trusts a "conforms" from the screening pass and sends anything else to pyshacl, so
the one thing that must never happen is the pass accepting what pyshacl rejects. On every shape
fixture and on the built articles, both must give the same verdict.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import pyshacl_report
from rdflib import Graph

from linkeddata import resources, screen
from linkeddata.validate import validate_graph
from linkeddata.write import ntriples_of

DATA = Path(__file__).parent / "data" / "shapes"
FIXTURES = [DATA / "valid.ttl", *sorted((DATA / "invalid").glob("*.ttl"))]


def verdicts(graph: Graph) -> tuple[bool, bool]:
    return screen.conforms(graph.serialize(format="nt")), validate_graph(graph).conforms


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_screening_gives_pyshacl_verdict_on_every_fixture(path: Path):
    fast = screen.conforms(Graph().parse(path, format="turtle").serialize(format="nt"))
    exact = pyshacl_report(path).conforms
    assert fast == exact, f"pyrudof says conforms={fast}, pyshacl conforms={exact}"
    assert exact == (path.name == "valid.ttl")


def test_screening_gives_pyshacl_verdict_on_each_built_article(seed_build):
    result, _out = seed_build
    for article in result.articles:
        assert verdicts(article.graph) == (True, True)


def test_screening_counts_max_length_in_characters_not_bytes(seed_build):
    """pyrudof 0.3.35 counts sh:maxLength in bytes; the seed's prefixes and suffixes with typographic
    quotes are within 32 characters but over 32 bytes, so the unmodified shapes reject them."""
    graph = seed_build[0].articles[0].graph
    long_in_bytes = [o for o in graph.objects() if isinstance(o, str) and len(o) <= 32 < len(o.encode())]
    assert long_in_bytes, "the seed should have a prefix or suffix of more bytes than characters"
    assert "sh:maxLength" not in screen.screening_shapes()
    assert resources.shapes_file().read_text(encoding="utf-8").count("sh:maxLength") == 2
    assert screen.conforms(ntriples_of(seed_build[0].articles[0].graph))


def test_screening_rejects_an_over_long_prefix_by_characters(seed_build):
    graph = seed_build[0].articles[0].graph
    from linkeddata.namespaces import OA

    selector, prefix = next(iter(graph.subject_objects(OA.prefix)))
    graph = Graph() + graph
    graph.set((selector, OA.prefix, type(prefix)("’" * 33)))
    assert verdicts(graph) == (False, False)


def test_a_build_validated_by_pyshacl_alone_gives_the_same_files(tmp_path):
    from conftest import snapshot

    import linkeddata

    fast = linkeddata.build([], tmp_path / "auto")
    exact = linkeddata.build([], tmp_path / "pyshacl", validator="pyshacl")
    assert fast.rechecked == 0 and fast.report.conforms and exact.report.conforms
    assert snapshot(tmp_path / "auto") == snapshot(tmp_path / "pyshacl")
