"""The valid seed and corpus builds conform however users validate them, and stay consistent.

pyshacl is run the four usual ways: on the data alone (no ontology), with the ontology as
``ont_graph``, with ``inference="rdfs"`` and with ``inference="owlrl"`` (both with the ontology);
pyrudof, with the ontology merged into the data, agrees. The corpus is validated as a whole (its
articles' graphs together), as a store holding the dataset would be. An OWL 2 RL closure of the
corpus with the ontology is consistent (the ontology's disjointness axioms find nothing), and
the standard terms a client of the other schema.org convention (https://schema.org/) asks for
are there once the ontology is loaded.
"""

from __future__ import annotations

from pathlib import Path

import owlrl
import pyrudof
import pyshacl
import pytest
from conftest import SEED_SLUG
from rdflib import Graph, URIRef

import linkeddata
from linkeddata import resources
from linkeddata.namespaces import OWL, RDF
from linkeddata.validate import ontology_graph, shapes_graph

CORPUS = Path(__file__).parent / "data" / "corpus"
SETUPS = {
    "data only": {},
    "with the ontology": {"ont_graph": True},
    "rdfs": {"ont_graph": True, "inference": "rdfs"},
    "owlrl": {"ont_graph": True, "inference": "owlrl"},
}


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, Graph]:
    out = tmp_path_factory.mktemp("setups")
    result = linkeddata.build([CORPUS], out, store=False)
    corpus = Graph()
    for a in result.articles:
        corpus += a.graph
    seed = next(a.graph for a in result.articles if a.source.slug == SEED_SLUG)
    return {"seed": seed, "corpus": corpus}


@pytest.mark.parametrize("setup", SETUPS)
@pytest.mark.parametrize("build", ["seed", "corpus"])
def test_valid_build_conforms_in_every_pyshacl_setup(builds, build, setup):
    options = dict(SETUPS[setup])
    if options.pop("ont_graph", False):
        options["ont_graph"] = ontology_graph()
    data = Graph()
    data += builds[build]
    conforms, _report, text = pyshacl.validate(data, shacl_graph=shapes_graph(), advanced=True,
                                               allow_warnings=True, **options)  # fmt: skip
    assert conforms, f"{build}, {setup}:\n{text[:3000]}"


@pytest.mark.parametrize("build", ["seed", "corpus"])
def test_pyrudof_agrees(builds, build):
    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    strict = pyrudof.ReaderMode.Strict
    rudof.read_data(ontology_graph().serialize(format="nt"), format=pyrudof.RDFFormat.NTriples, reader_mode=strict)
    rudof.read_data(builds[build].serialize(format="nt"), format=pyrudof.RDFFormat.NTriples, reader_mode=strict,
                    merge=True)  # fmt: skip
    rudof.read_shacl(str(resources.shapes_file()), format=pyrudof.ShaclFormat.Turtle, reader_mode=strict)
    report = rudof.validate_shacl(mode=pyrudof.ShaclValidationMode.Native)
    # pyrudof counts sh:maxLength in bytes (see linkeddata/screen.py): only those results may appear.
    others = [v for v in report.violations if "MaxLength" not in str(v.constraint_component)]
    assert others == [], others[:3]


def test_owl_rl_closure_of_the_corpus_is_consistent(builds):
    graph = Graph()
    graph += builds["corpus"]
    graph += ontology_graph()
    closure = owlrl.OWLRL_Semantics(graph, False, False, False)
    closure.closure()
    assert closure.error_messages == []
    assert not list(graph.subjects(RDF.type, OWL.Nothing))


def test_disjointness_finds_an_actor_that_is_also_a_place(builds):
    graph = Graph()
    graph += builds["seed"]
    graph += ontology_graph()
    graph.add((URIRef("https://w3id.org/ld-export/data/actor/iran"), RDF.type, URIRef("http://schema.org/Place")))
    closure = owlrl.OWLRL_Semantics(graph, False, False, False)
    closure.closure()
    assert any("disjoint" in m.lower() for m in closure.error_messages), closure.error_messages


def test_a_client_of_https_schema_org_finds_the_claims_with_the_ontology(builds):
    seed = builds["seed"]
    query = "SELECT ?c WHERE { ?c a <https://schema.org/Claim> ; <https://schema.org/author> ?a }"
    assert list(seed.query(query)) == []  # the data speaks http://schema.org/, as schema.org's context does
    graph = Graph()
    graph += seed
    graph += ontology_graph()
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    found = {c for (c,) in graph.query(query)}
    assert found == set(seed.subjects(RDF.type, URIRef("http://schema.org/Claim"))) and len(found) == 45
