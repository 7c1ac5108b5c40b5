"""The ontology published like a vocabulary: ``ld-export docs``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner
from conftest import need, snapshot
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from linkeddata import docs, resources
from linkeddata.cli import main
from linkeddata.errors import InputError

VANN = Namespace("http://purl.org/vocab/vann/")
LDE_NS = "https://w3id.org/ld-export/ontology#"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
RDF_FILES = {"ld-export.ttl": "turtle", "ld-export.jsonld": "json-ld", "ld-export.nt": "nt"}


class Page(HTMLParser):
    """Every id with the text inside its element, and every link (href, src, data)."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.ids: dict[str, str] = {}
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.html: dict[str, str] = {}  # id → the raw markup of its element's links
        self._open: list[str | None] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src", "data"):
            if attrs.get(name) is not None:
                self.links.append((tag, name, attrs[name]))
                for open_id in filter(None, self._open):
                    self.html[open_id] += f" {attrs[name]}"
        if tag in VOID:
            return
        element_id = attrs.get("id")
        if element_id is not None:
            assert element_id not in self.ids, f"duplicate id {element_id}"
            self.ids[element_id] = ""
            self.html[element_id] = ""
        self._open.append(element_id)

    def handle_endtag(self, tag):
        if tag not in VOID and self._open:
            self._open.pop()

    def handle_data(self, data):
        for open_id in filter(None, self._open):
            self.ids[open_id] += data


def ontology() -> Graph:
    return Graph(bind_namespaces="none").parse(resources.ontology_file(), format="turtle")


def terms(g: Graph, *types) -> list[URIRef]:
    return sorted({s for t in types for s in g.subjects(RDF.type, t) if isinstance(s, URIRef)})


def expected_anchor(g: Graph, iri: URIRef) -> str:
    """The documented anchor rule: the local name for lde: terms, prefix-name for other terms."""
    if str(iri).startswith(LDE_NS):
        return str(iri)[len(LDE_NS) :]
    if (iri, RDF.type, SKOS.ConceptScheme) in g:
        return "scheme-" + str(iri).rstrip("/").rsplit("/", 1)[-1]
    prefix, _ns, local = g.namespace_manager.compute_qname(iri, generate=False)
    return f"{prefix}-{local}"


def label(g: Graph, iri: URIRef) -> str:
    labels = [v for v in g.objects(iri, RDFS.label) if isinstance(v, Literal) and v.language in ("en", None)]
    labels += [v for v in g.objects(iri, SKOS.prefLabel) if isinstance(v, Literal)]
    assert labels, f"{iri} has no label"
    return str(labels[0])


def members(g: Graph, node) -> list:
    if isinstance(node, BNode):
        return list(Collection(g, g.value(node, OWL.unionOf)))
    return [node]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("ontology-docs")
    result = docs.write_docs(out)
    text = (out / "index.html").read_text(encoding="utf-8")
    return result, out, Page(text)


def test_the_ontology_carries_the_metadata_a_vocabulary_needs():
    g = ontology()
    iri = URIRef("https://w3id.org/ld-export/ontology")
    assert (iri, RDF.type, OWL.Ontology) in g
    version_iri, version = g.value(iri, OWL.versionIRI), g.value(iri, OWL.versionInfo)
    assert isinstance(version_iri, URIRef) and isinstance(version, Literal)
    assert str(version_iri) == f"{iri}/{version}", "the version IRI names the version"
    assert isinstance(g.value(iri, DCTERMS.license), URIRef)
    assert g.value(iri, DCTERMS.creator) is not None
    assert str(g.value(iri, VANN.preferredNamespacePrefix)) == "lde"
    assert str(g.value(iri, VANN.preferredNamespaceUri)) == LDE_NS


def test_the_page_gives_metadata_and_how_to_cite_with_the_version_iri(site):
    _result, _out, page = site
    g = ontology()
    iri = URIRef("https://w3id.org/ld-export/ontology")
    version_iri = str(g.value(iri, OWL.versionIRI))
    metadata = page.ids["metadata"]
    for value in (version_iri, str(g.value(iri, OWL.versionInfo)), str(g.value(iri, DCTERMS.license)),
                  str(g.value(iri, DCTERMS.creator)), "lde", LDE_NS):  # fmt: skip
        assert value in metadata, value
    cite = page.ids["cite"] + page.html["cite"]
    assert "How to cite" in cite and version_iri in cite and str(g.value(iri, OWL.versionInfo)) in cite


def test_every_class_property_and_concept_has_its_anchor_and_label(site):
    result, _out, page = site
    g = ontology()
    classes = terms(g, OWL.Class, RDFS.Class)
    properties = terms(g, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)
    schemes = terms(g, SKOS.ConceptScheme)
    concepts = terms(g, SKOS.Concept)
    assert (len(classes), len(properties), len(schemes), len(concepts)) == (36, 41, 7, 55)  # the ontology's terms
    assert (result.classes, result.properties, result.schemes, result.concepts) == (
        len(classes), len(properties), len(schemes), len(concepts))  # fmt: skip
    for iri in [*classes, *properties, *schemes, *concepts]:
        anchor = expected_anchor(g, iri)
        assert anchor in page.ids, f"no anchor #{anchor} for {iri}"
        assert label(g, iri) in page.ids[anchor], f"#{anchor} does not show the label of {iri}"
    assert page.ids["Actor"].startswith("Actor"), "the IRI …ontology#Actor lands on lde:Actor"


def test_alignments_domains_ranges_and_cameo_mappings_link_to_their_terms(site):
    _result, _out, page = site
    g = ontology()
    own = [t for t in terms(g, OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty) if str(t).startswith(LDE_NS)]
    checked = 0
    for term in own:
        links = page.html[expected_anchor(g, term)].split()
        for predicate in (RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range):
            for value in g.objects(term, predicate):
                for target in members(g, value):
                    documented = any(
                        (target, RDF.type, t) in g for t in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
                    )
                    want = f"#{expected_anchor(g, target)}" if documented else str(target)
                    assert want in links, f"{term} {predicate} {target}: no link {want}"
                    checked += 1
    # The alignments the ontology is about: PROV-O, schema.org, SEM, Web Annotation.
    assert "#prov-Agent" in page.html["Actor"].split() and "#sem-Event" in page.html["Event"].split()
    assert "#oa-SpecificResource" in page.html["quotation"].split()
    mappings = 0
    for predicate in (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch):
        for concept, code in g.subject_objects(predicate):
            if (code, RDF.type, SKOS.Concept) not in g:
                continue  # a match outside the ontology (GRaSP factuality values) is a plain link
            assert f"#{expected_anchor(g, code)}" in page.html[expected_anchor(g, concept)].split()
            assert f"#{expected_anchor(g, concept)}" in page.html[expected_anchor(g, code)].split()
            mappings += 1
    assert (checked, mappings) == (108, 14)


def test_every_link_resolves_and_nothing_is_fetched(site):
    result, out, page = site
    written = {p.name for p in result.files}
    assert {"index.html", "ld-export.ttl", "ld-export.jsonld", "ld-export.nt", "classes.dot"} <= written
    internal = relative = 0
    for tag, attribute, value in page.links:
        parts = urlsplit(value)
        if value.startswith("#"):
            assert value[1:] in page.ids, f"broken internal link {value}"
            internal += 1
        elif not parts.scheme:
            assert parts.path in written and (out / parts.path).is_file(), f"broken link {value}"
            assert not parts.fragment or parts.path != "index.html" or parts.fragment in page.ids
            relative += 1
        else:
            # Outside links are only for the reader to follow: nothing the page loads is remote.
            assert tag == "a" and attribute == "href" and parts.scheme in ("http", "https"), value
    # With Graphviz the page also links the class diagram's SVG (three links); without it, not.
    assert (internal, relative) == (391, 10 if shutil.which("dot") else 7)
    for name in ("ld-export.ttl", "ld-export.jsonld", "ld-export.nt", "classes.dot"):
        assert any(v == name for _t, _a, v in page.links), f"the page does not link {name}"


@pytest.mark.parametrize("name", sorted(RDF_FILES))
def test_the_ontology_files_parse_back_isomorphic(site, name):
    _result, out, _page = site
    parsed = Graph().parse(out / name, format=RDF_FILES[name])
    assert isomorphic(parsed, ontology()), f"{name} is not the ontology"


def test_ntriples_are_sorted_and_jsonld_uses_the_shipped_context(site):
    _result, out, _page = site
    lines = (out / "ld-export.nt").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines) and len(lines) == len(ontology())
    import json

    doc = json.loads((out / "ld-export.jsonld").read_text(encoding="utf-8"))
    shipped = json.loads(resources.context_file().read_text(encoding="utf-8"))["@context"]
    assert doc["@context"] == shipped
    assert any(node.get("id") == "lde:Actor" for node in doc["@graph"])


def test_the_class_diagram_has_every_class_and_subclass_link(site):
    _result, out, _page = site
    g = ontology()
    dot = (out / "classes.dot").read_text(encoding="utf-8")
    assert dot.count("digraph") == 1
    for cls in terms(g, OWL.Class):
        if str(cls).startswith(LDE_NS):
            name = g.namespace_manager.normalizeUri(cls)
            assert f'"{name}" [' in dot, f"no node for {name}"
            for sup in g.objects(cls, RDFS.subClassOf):
                assert f'"{name}" -> "{g.namespace_manager.normalizeUri(sup)}" [arrowhead=empty' in dot
    for prop in terms(g, OWL.ObjectProperty):
        if str(prop).startswith(LDE_NS):
            assert f'label="{g.namespace_manager.normalizeUri(prop)}"' in dot, prop


def test_the_svg_diagram_is_rendered_and_its_links_resolve(site):
    result, out, page = site
    need("Graphviz dot", shutil.which("dot") is not None, "apt-get install graphviz")
    assert result.svg and (out / "classes.svg").is_file()
    root = ET.parse(out / "classes.svg").getroot()
    hrefs = [v for el in root.iter() for k, v in el.attrib.items() if k.endswith("}href") or k == "href"]
    g = ontology()
    own = [c for c in terms(g, OWL.Class) if str(c).startswith(LDE_NS)]
    for cls in own:
        assert f"index.html#{expected_anchor(g, cls)}" in hrefs, cls
    for href in hrefs:
        path, _, fragment = href.partition("#")
        assert path == "index.html" and fragment in page.ids, href
    assert any(v == "classes.svg" for _t, a, v in page.links if a == "data"), "the page embeds the SVG"


def test_without_graphviz_the_dot_file_is_written_and_a_stale_svg_removed(tmp_path, monkeypatch):
    (tmp_path / "classes.svg").write_text("<svg/>", encoding="utf-8")
    monkeypatch.setattr(docs.shutil, "which", lambda _name: None)
    result = docs.write_docs(tmp_path)
    assert not result.svg and not (tmp_path / "classes.svg").exists()
    text = (tmp_path / "index.html").read_text(encoding="utf-8")
    page = Page(text)
    assert all("classes.svg" not in v for _t, _a, v in page.links)
    assert any(v == "classes.dot" for _t, _a, v in page.links) and "dot -Tsvg" in text


def test_output_is_byte_identical_across_runs_and_hash_seeds(site, tmp_path):
    _result, out, _page = site
    outputs = []
    for seed in ("1", "2"):
        target = tmp_path / f"run-{seed}"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        r = subprocess.run([sys.executable, "-m", "linkeddata.cli", "docs", "-q", "-o", str(target)],
                           env=env, capture_output=True, text=True)  # fmt: skip
        assert r.returncode == 0, r.stderr
        outputs.append(snapshot(target))
    assert outputs[0] == outputs[1] == snapshot(out)


def test_a_term_added_to_the_ontology_is_documented(tmp_path):
    source = resources.ontology_file().read_text(encoding="utf-8")
    extra = """
lde:Checkpoint a owl:Class ;
    rdfs:label "Checkpoint"@en ;
    rdfs:comment "A place where an armed actor stops and searches passers-by."@en ;
    rdfs:subClassOf schema:Place .

lde:controlledBy a owl:ObjectProperty ;
    rdfs:label "controlled by"@en ;
    rdfs:domain lde:Checkpoint ;
    rdfs:range lde:Actor .
"""
    changed = tmp_path / "changed.ttl"
    changed.write_text(source + extra, encoding="utf-8")
    out = tmp_path / "out"
    docs.write_docs(out, ontology=changed)
    page = Page((out / "index.html").read_text(encoding="utf-8"))
    assert "Checkpoint" in page.ids["Checkpoint"] and "stops and searches" in page.ids["Checkpoint"]
    assert {"#schema-Place", "#controlledBy"} <= set(page.html["Checkpoint"].split())
    assert "#controlledBy" in page.html["Actor"].split(), "the range side lists the new property"
    assert '"lde:Checkpoint" -> "lde:Actor" [label="lde:controlledBy"' in (out / "classes.dot").read_text()


def test_a_broken_ontology_is_bad_input_and_leaves_earlier_output(site, tmp_path):
    out = tmp_path / "out"
    docs.write_docs(out)
    before = snapshot(out)
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix lde: <https://w3id.org/ld-export/ontology#> .\nlde:Actor a \n", encoding="utf-8")
    with pytest.raises(InputError, match="not valid Turtle"):
        docs.write_docs(out, ontology=broken)
    assert snapshot(out) == before


def test_cli_docs_writes_the_folder_and_reports_on_stderr(tmp_path):
    runner = CliRunner()
    r = runner.invoke(main, ["docs", "-o", str(tmp_path / "site")])
    assert r.exit_code == 0, r.output
    assert r.stdout == ""
    assert "classes" in r.stderr and "concepts" in r.stderr and "index.html" in r.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    help_text = " ".join(runner.invoke(main, ["docs", "--help"]).output.split())
    for words in ("dist/ontology", "index.html", "cite", "version IRI", "ld-export.jsonld", "classes.svg", "dot"):
        assert words in help_text, words


def test_cli_docs_into_a_file_is_exit_2_with_one_paragraph(tmp_path):
    target = tmp_path / "a-file"
    target.write_text("x", encoding="utf-8")
    r = CliRunner().invoke(main, ["docs", "-o", str(target)])
    assert r.exit_code == 2
    assert r.stderr.startswith("Error: ") and "not a folder" in r.stderr and "Traceback" not in r.stderr
    assert r.stderr.strip().count("\n") == 0
