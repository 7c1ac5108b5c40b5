"""The build's writers and the IRIs they start from, on small graphs whose output is pinned byte
for byte: the per-article files of a build are made by these functions (linkeddata.write), so any
change to them that changes a byte shows here first, on a case small enough to read."""

from __future__ import annotations

import pytest
from rdflib import BNode, Graph, Literal, URIRef

from linkeddata import write
from linkeddata.graph import Minter
from linkeddata.namespaces import LDE, OA, RDF, RDFS, SCHEMA, XSD
from linkeddata.pipeline.worker import shared_triples
from linkeddata.write import FORMATS, ArticleData, article_jsonld, ntriples_of, to_ntriples, trig_block

A, B = URIRef("https://example.org/d/a"), URIRef("https://example.org/d/b")
TRIPLES = frozenset({
    (A, RDF.type, SCHEMA.NewsArticle),
    (A, RDF.type, LDE.Claim),
    (A, SCHEMA.mentions, B),  # a term coerced to @id
    (A, SCHEMA.mentions, Literal("not an IRI")),  # the same property with a literal: its compact IRI
    (A, RDFS.label, Literal("Label", lang="en")),
    (A, RDFS.label, Literal("Zweite")),
    (A, OA.start, Literal(12, datatype=XSD.nonNegativeInteger)),  # the term's datatype
    (A, OA.start, Literal("twelve")),  # another value of the property: its compact IRI
    (A, OA.exact, Literal('a "quoted"\nline\\ with\ra form\x0cfeed and\u2028a separator')),
    (A, SCHEMA.dateCreated, Literal("2015-01-01", datatype=XSD.date)),
    (A, URIRef("http://example.org/other#p"), URIRef("http://example.org/x")),  # no term, no prefix
    (B, RDF.type, SCHEMA.Person),
    (B, RDFS.label, Literal("Bé", lang="fr")),
})  # fmt: skip

NTRIPLES = (
    '<https://example.org/d/a> <http://example.org/other#p> <http://example.org/x> .\n'
    '<https://example.org/d/a> <http://schema.org/dateCreated> "2015-01-01"^^<http://www.w3.org/2001/XMLSchema#date> .\n'  # noqa: E501
    '<https://example.org/d/a> <http://schema.org/mentions> "not an IRI" .\n'
    '<https://example.org/d/a> <http://schema.org/mentions> <https://example.org/d/b> .\n'
    '<https://example.org/d/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/NewsArticle> .\n'
    '<https://example.org/d/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/ld-export/ontology#Claim> .\n'  # noqa: E501
    '<https://example.org/d/a> <http://www.w3.org/2000/01/rdf-schema#label> "Label"@en .\n'
    '<https://example.org/d/a> <http://www.w3.org/2000/01/rdf-schema#label> "Zweite" .\n'
    '<https://example.org/d/a> <http://www.w3.org/ns/oa#exact> "a \\"quoted\\"\\nline\\\\ with\\ra form\x0cfeed and\u2028a separator" .\n'  # noqa: E501
    '<https://example.org/d/a> <http://www.w3.org/ns/oa#start> "12"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger> .\n'  # noqa: E501
    '<https://example.org/d/a> <http://www.w3.org/ns/oa#start> "twelve" .\n'
    '<https://example.org/d/b> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/Person> .\n'
    '<https://example.org/d/b> <http://www.w3.org/2000/01/rdf-schema#label> "Bé"@fr .\n'
).encode("utf-8")  # fmt: skip

NODES = (
    '    {"dateCreated": {"@type": "xsd:date", "@value": "2015-01-01"}, '
    '"exact": "a \\"quoted\\"\\nline\\\\ with\\ra form\\ffeed and\u2028a separator", '
    '"http://example.org/other#p": {"@id": "http://example.org/x"}, "id": "https://example.org/d/a", '
    '"label": ["Zweite", {"@language": "en", "@value": "Label"}], "mentions": "https://example.org/d/b", '
    '"oa:start": "twelve", "schema:mentions": "not an IRI", "start": "12", "type": ["lde:Claim", "schema:NewsArticle"]},\n'  # noqa: E501
    '    {"id": "https://example.org/d/b", "label": {"@language": "fr", "@value": "Bé"}, "type": "schema:Person"}\n'
    "  ]\n}\n"
)  # fmt: skip


def test_ntriples_are_sorted_lines_one_per_triple_with_breaks_escaped():
    nt = ntriples_of(TRIPLES)
    assert nt == NTRIPLES
    # rdflib's own N-Triples writer, sorted, gives the same bytes (a form feed and U+2028 stay raw)
    graph = Graph()
    for triple in TRIPLES:
        graph.add(triple)
    assert to_ntriples(graph) == nt
    assert ntriples_of([]) == b""


def test_jsonld_nodes_take_the_term_that_fits_each_value_and_sort_them():
    out = article_jsonld(TRIPLES).decode("utf-8")
    head = write._jsonld_head()
    assert out.startswith(head)
    assert out[len(head) :] == NODES


@pytest.mark.parametrize("triple", [(BNode("x"), RDFS.label, Literal("x")), (A, SCHEMA.mentions, BNode("x"))],
                         ids=["subject", "object"])  # fmt: skip
def test_jsonld_refuses_a_blank_node(triple):
    with pytest.raises(ValueError, match="without blank nodes"):
        article_jsonld([*sorted(TRIPLES), triple])


def test_turtle_file_and_trig_block_come_from_one_serialization(monkeypatch):
    nt, graph_iri = ntriples_of(TRIPLES), "https://example.org/d/graph/a"
    turtle, block = write.turtle_of_ntriples(nt), trig_block(nt, graph_iri)
    calls = []
    real = write.turtle_of_ntriples
    monkeypatch.setattr(write, "turtle_of_ntriples", lambda *args: calls.append(args) or real(*args))
    data = ArticleData(TRIPLES, nt)
    assert FORMATS["turtle"].write(data) == turtle
    assert FORMATS["trig"].part(data, graph_iri) == block
    assert FORMATS["ntriples"].write(data) == nt
    assert len(calls) == 1
    assert block == b"<https://example.org/d/graph/a> {\n" + b"\n".join(
        line for line in turtle.split(b"\n") if not line.startswith(b"@prefix ")).strip(b"\n") + b"\n}\n"  # fmt: skip


def test_minted_iris_percent_encode_each_segment_and_are_one_object_each():
    mint = Minter("https://example.org/d/", "a b/ü")
    assert mint.claim("c%1") == URIRef("https://example.org/d/claim/a%20b%2F%C3%BC/c%251")
    assert mint.hop("c", 2) == URIRef("https://example.org/d/claim/a%20b%2F%C3%BC/c/hop/2")
    assert mint.claim_ref("other/c") == URIRef("https://example.org/d/claim/other/c")
    assert mint.claim("c%1") is mint.claim("c%1")
    assert mint.owns(str(mint.claim("c"))) and not mint.owns(str(mint.claim_ref("other/c")))
    assert not mint.owns(str(mint.actor("x")))


def test_shared_triples_are_those_whose_subject_another_article_may_describe():
    mint = Minter("https://example.org/d/", "a b/ü")
    nt = (
        b'<https://example.org/d/actor/x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/Person> .\n'  # noqa: E501
        b'<https://example.org/d/actor/x> <http://www.w3.org/2000/01/rdf-schema#label> "X" .\n'
        b'<https://example.org/d/claim/a%20b%2F%C3%BC/c> <http://schema.org/about> <https://example.org/d/actor/x> .\n'
        b'<https://example.org/d/claim/a%20b%2F%C3%BC/c> <http://www.w3.org/2000/01/rdf-schema#label> "C" .\n'
        b'<https://example.org/d/claim/other/c> <http://www.w3.org/2000/01/rdf-schema#label> "O" .\n'
        b'<https://example.org/d/place/p> <http://www.w3.org/2000/01/rdf-schema#label> "P" .\n'
    )  # fmt: skip
    assert shared_triples(nt, mint) == {
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type": "kaUywgf5blo=",
        "http://www.w3.org/2000/01/rdf-schema#label": "YnUBM5BY9WfFG1+oFtoi0NgpZosvu6Uv",
    }
