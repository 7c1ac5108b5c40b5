"""The SHACL shapes accept a complete, conforming graph and reject each kind of defect.

Fixtures follow the W3C test-suite style, one case per file:

* ``data/shapes/valid.ttl`` must conform;
* each ``data/shapes/invalid/<what-is-wrong>.ttl`` is a copy of it with one defect and starts with
  ``# shape: ldsh:SomeShape`` (the shape that must reject it) and ``# expect: <text>`` (a substring
  of the expected sh:resultMessage, or of the result path).
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import pytest
from conftest import header, pyshacl_report
from rdflib import RDF, RDFS, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

from linkeddata import resources
from linkeddata.validate import ontology_graph, shapes_graph

SHAPES_PATH = resources.shapes_file()
DATA = Path(__file__).parent / "data" / "shapes"
VALID = DATA / "valid.ttl"
INVALID = sorted((DATA / "invalid").glob("*.ttl"))
# Fixtures that conform but warn (a draft annotation, a TODO label): each names its shape too.
WARNINGS = sorted((DATA / "warnings").glob("*.ttl"))

SH = Namespace("http://www.w3.org/ns/shacl#")
LDSH = Namespace("https://w3id.org/ld-export/shapes#")
SCHEMA = Namespace("http://schema.org/")


def shapes() -> Graph:
    return shapes_graph()


def ontology() -> Graph:
    return ontology_graph()


@cache
def run(path: Path) -> tuple[bool, Graph, str]:
    """Validate a fixture the way the build does (the project's pyshacl wrapper)."""
    result = pyshacl_report(path)
    return result.conforms, result.graph, result.describe()


def expand(curie: str) -> URIRef:
    prefix, _, local = curie.partition(":")
    assert prefix == "ldsh", f"shape {curie!r} should be an ldsh: name"
    return LDSH[local]


def node_shapes() -> set[URIRef]:
    return {s for s in shapes().subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)}


def rejected_by(result, report: Graph, shape: URIRef) -> bool:
    """The result comes from ``shape``, from one of its property shapes, or from a value that fails
    ``shape`` where another shape points at it with sh:node (the allowed-concept shapes) or lists it
    in sh:or (the claim of another article)."""
    source = report.value(result, SH.sourceShape)
    if source == shape or (shape, SH.property, source) in shapes():
        return True
    component = report.value(result, SH.sourceConstraintComponent)
    if component == SH.NodeConstraintComponent:
        return (source, SH.node, shape) in shapes()
    if component == SH.OrConstraintComponent:
        return any(shape in Collection(shapes(), members) for members in shapes().objects(source, SH["or"]))
    return False


def path_texts(report: Graph, result) -> list[str]:
    path = report.value(result, SH.resultPath)
    if not isinstance(path, URIRef):
        return []
    return [str(path), shapes().namespace_manager.normalizeUri(path)]


def describe(report: Graph) -> str:
    lines = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        lines.append(
            f"- {report.value(result, SH.sourceShape)} {report.value(result, SH.resultPath)}: "
            f"{report.value(result, SH.resultMessage)}"
        )
    return "\n".join(sorted(lines))


def fixture_id(path: Path) -> str:
    return path.stem


def test_valid_fixture_conforms_to_the_shapes():
    conforms, report, text = run(VALID)
    assert conforms, text


def test_valid_fixture_text_matches_its_sha256():
    data = Graph().parse(VALID, format="turtle")
    (article,) = data.subjects(RDF.type, SCHEMA.NewsArticle)
    text = str(data.value(article, SCHEMA.text))
    assert str(data.value(article, SCHEMA.sha256)) == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_there_are_invalid_fixtures():
    assert INVALID, f"no fixtures in {DATA / 'invalid'}"


@pytest.mark.parametrize("path", INVALID, ids=fixture_id)
def test_invalid_fixture_is_rejected_by_the_named_shape(path: Path):
    fields = header(path)
    assert {"shape", "expect"} <= fields.keys(), f"{path.name} lacks a '# shape:' or '# expect:' line"
    shape = expand(fields["shape"])
    assert shape in node_shapes(), f"{fields['shape']} is not a node shape of {SHAPES_PATH.name}"
    expect = fields["expect"]

    conforms, report, text = run(path)
    assert not conforms, f"{path.name} conforms but should not"

    from_shape = [r for r in report.subjects(RDF.type, SH.ValidationResult) if rejected_by(r, report, shape)]
    assert from_shape, f"no result from {fields['shape']}; results:\n{describe(report)}"
    assert any(
        expect in str(report.value(r, SH.resultMessage, default=Literal("")))
        or any(expect in p for p in path_texts(report, r))
        for r in from_shape
    ), f"no result of {fields['shape']} mentions {expect!r}; results:\n{describe(report)}"


@pytest.mark.parametrize("path", WARNINGS, ids=fixture_id)
def test_warning_fixture_conforms_with_a_warning_of_the_named_shape(path: Path):
    fields = header(path)
    shape = expand(fields["shape"])
    conforms, report, text = run(path)
    assert conforms, text
    results = list(report.subjects(RDF.type, SH.ValidationResult))
    assert results and all(report.value(r, SH.resultSeverity) == SH.Warning for r in results), text
    assert all(rejected_by(r, report, shape) for r in results), text
    assert any(fields["expect"] in str(report.value(r, SH.resultMessage)) for r in results), text


# That every node shape and SHACL-SPARQL constraint catches something (a fixture here, or a
# corruption of a built graph in the mutation suite) is checked in tests/test_mutations.py.


@pytest.mark.parametrize(
    "shape, scheme",
    [
        ("HedgeConceptShape", "hedge"),
        ("RelationshipKindConceptShape", "relationship-kind"),
        ("EventTypeConceptShape", "event-type"),
    ],
)
def test_allowed_concepts_are_exactly_the_members_of_the_ontology_scheme(shape: str, scheme: str):
    # pyshacl's ont_graph brings only RDFS/OWL axioms into the data graph, not the SKOS concepts,
    # so the shapes list the concepts themselves; this keeps the lists in step with the ontology.
    listed = set(Collection(shapes(), shapes().value(LDSH[shape], SH["in"])))
    members = set(ontology().subjects(SKOS.inScheme, URIRef(f"https://w3id.org/ld-export/ontology/{scheme}")))
    assert members, f"the ontology has no concepts in the {scheme} scheme"
    assert listed == members


def test_every_node_shape_is_named_and_documented():
    g = shapes()
    for shape in node_shapes():
        assert shape.startswith(str(LDSH)), shape
        assert g.value(shape, RDFS.label), shape
        assert g.value(shape, RDFS.comment), shape
        for prop in g.objects(shape, SH.property):
            assert g.value(prop, SH.name), f"property shape of {shape} without sh:name"
            assert g.value(prop, SH.message), f"property shape of {shape} without sh:message"


def test_the_symmetric_kinds_the_shapes_list_are_those_the_ontology_flags():
    import re

    query = str(shapes().value(LDSH.SymmetricRelationshipTwiceConstraint, SH.select))
    listed = set(re.search(r"\?kind IN \(([^)]*)\)", query).group(1).replace(" ", "").split(","))
    rk = "https://w3id.org/ld-export/ontology/relationship-kind/"
    flagged = {"rk:" + str(k)[len(rk) :] for k, v in ontology().subject_objects(LDE_SYMMETRIC) if v.toPython()}
    assert listed == flagged == {"rk:alliance", "rk:tacit-cooperation", "rk:hostility", "rk:unspecified"}


LDE_SYMMETRIC = URIRef("https://w3id.org/ld-export/ontology#symmetric")
