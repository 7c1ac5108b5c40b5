"""A build keeps no state in the process: what one build read is its own, and a second build in
the same process changes nothing of the first one's result; the library leaves other libraries'
classes as they were."""

from __future__ import annotations

import shutil

from rdflib import Literal, URIRef

import linkeddata
from linkeddata import resources
from linkeddata.namespaces import RDFS


def test_a_second_build_leaves_the_first_results_graph_as_the_first_registry_made_it(tmp_path):
    """The registry is read by each build for itself: editing it and building again in the same
    process does not change what the first result's (lazily rebuilt) graph says."""
    folder = tmp_path / "articles"
    shutil.copytree(resources.seeds_dir(), folder)
    first = linkeddata.build([folder], out_dir=tmp_path / "one", store=False)
    registry = folder / "registry.yaml"
    text = registry.read_text(encoding="utf-8")
    assert text.count("label: Islamic State\n") == 1
    registry.write_text(text.replace("label: Islamic State\n", "label: Islamic State group\n"), encoding="utf-8")
    second = linkeddata.build([folder], out_dir=tmp_path / "two", store=False)

    isis = URIRef("https://w3id.org/ld-export/data/actor/isis")
    assert set(second.articles[0].graph.objects(isis, RDFS.label)) == {Literal("Islamic State group", lang="en")}
    assert set(first.articles[0].graph.objects(isis, RDFS.label)) == {Literal("Islamic State", lang="en")}


def test_rdflibs_namespace_classes_are_left_as_rdflib_made_them(tmp_path):
    """The project's quick term lookup is set on its own namespace classes only: after a build,
    rdflib's RDF, RDFS, OWL, XSD, SKOS, PROV and DCTERMS hold no term as a class attribute."""
    import rdflib.namespace as rdflib_ns

    from linkeddata import namespaces

    linkeddata.build([], out_dir=tmp_path / "out", store=False)
    for name in ("RDF", "RDFS", "OWL", "XSD", "SKOS", "PROV", "DCTERMS"):
        theirs, ours = getattr(rdflib_ns, name), getattr(namespaces, name)
        assert [t for t in ("type", "label", "Class", "string", "prefLabel", "wasDerivedFrom", "source")
                if t in vars(theirs)] == [], name  # fmt: skip
        assert ours is not theirs and issubclass(ours, theirs), name
    assert "type" in vars(namespaces.RDF) and namespaces.RDF.type == rdflib_ns.RDF.type
    assert "Claim" in vars(namespaces.LDE)
