"""Publish the ontology like a vocabulary: HTML documentation, the ontology in three syntaxes, a class diagram.

:func:`write_docs` writes into one folder (``ld-export docs`` defaults to ``dist/ontology/``):

- ``index.html``: the ontology's metadata (IRI, version IRI, version, licence, creator, preferred
  prefix and namespace) and how to cite it; every class and property with its label, comment,
  domain, range and super-classes or super-properties (the alignments to PROV-O, schema.org, SEM
  and Web Annotation); every SKOS concept scheme with its concepts and their CAMEO mappings. Each
  term has an anchor: the local name for the ontology's own terms (so ``…/ontology#Actor`` lands
  on ``#Actor`` when the folder is published at the ontology IRI), ``prefix-name`` for the others.
- ``ld-export.ttl`` (the ontology file as shipped, comments included), ``ld-export.jsonld``
  (compacted with the shipped context, embedded) and ``ld-export.nt`` (sorted).
- ``classes.dot``, a Graphviz class diagram, and ``classes.svg`` rendered from it when Graphviz's
  ``dot`` is installed; the page shows the SVG, or links the DOT file when there is none.

Deterministic: the same ontology gives the same bytes. The ontology's blank nodes (its
``owl:unionOf`` domains and ranges) are labelled by rdflib's canonicalisation, renumbered.
Everything is read from the installed package; nothing is fetched. Files are written atomically
with :func:`linkeddata.write.write_files`.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.compare import to_canonical_graph

from . import __version__, resources
from .errors import InputError, LdExportError
from .namespaces import DCTERMS, LDE, OWL, RDF, RDFS, SKOS
from .write import to_jsonld, to_ntriples, write_files

VANN = Namespace("http://purl.org/vocab/vann/")

HTML_NAME = "index.html"
TURTLE_NAME = "ld-export.ttl"
JSONLD_NAME = "ld-export.jsonld"
NTRIPLES_NAME = "ld-export.nt"
DOT_NAME = "classes.dot"
SVG_NAME = "classes.svg"

CLASS_TYPES = (OWL.Class, RDFS.Class)
# Property types, in the order their sections appear.
PROPERTY_TYPES = {
    OWL.ObjectProperty: "Object properties",
    OWL.DatatypeProperty: "Datatype properties",
    OWL.AnnotationProperty: "Annotation properties",
    RDF.Property: "Other properties",
}
PROPERTY_KIND = {
    OWL.ObjectProperty: "object property",
    OWL.DatatypeProperty: "datatype property",
    OWL.AnnotationProperty: "annotation property",
    RDF.Property: "property",
    OWL.FunctionalProperty: "functional",
    OWL.SymmetricProperty: "symmetric",
    OWL.TransitiveProperty: "transitive",
    OWL.InverseFunctionalProperty: "inverse functional",
}
# Concept statements that the concept table shows in their own columns.
CONCEPT_SHOWN = {
    RDF.type, SKOS.inScheme, SKOS.topConceptOf, SKOS.prefLabel, RDFS.label, SKOS.definition, SKOS.notation,
}  # fmt: skip
MATCHES = {
    SKOS.exactMatch: "exact match",
    SKOS.closeMatch: "close match",
    SKOS.broadMatch: "broad match",
    SKOS.narrowMatch: "narrow match",
    SKOS.relatedMatch: "related match",
}


@dataclass(frozen=True)
class DocsResult:
    """What :func:`write_docs` wrote: the files, how many terms it documented, and whether the SVG was rendered."""

    files: list[Path]
    classes: int
    properties: int
    schemes: int
    concepts: int
    svg: bool


def load_ontology(path: str | Path | None = None) -> Graph:
    """The ontology (default: the bundled one) with exactly the prefixes its file declares."""
    return _read_ontology(path)[1]


def _read_ontology(path: str | Path | None) -> tuple[bytes, Graph]:
    """The ontology file's bytes and its graph, from one read."""
    path = Path(path) if path is not None else resources.ontology_file()
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read the ontology: {e.strerror or e}", path) from None
    try:
        return data, Graph(bind_namespaces="none").parse(data=data, format="turtle")
    except Exception as e:  # noqa: BLE001 - rdflib raises many kinds of parse errors
        raise InputError(f"the ontology is not valid Turtle: {e}", path) from None


def canonical(graph: Graph) -> Graph:
    """A copy of ``graph`` whose blank nodes are labelled b0, b1, … in canonical order."""
    canon = to_canonical_graph(graph)
    order = sorted({str(t) for triple in canon for t in triple if isinstance(t, BNode)})
    names = {label: BNode(f"b{i}") for i, label in enumerate(order)}
    out = Graph(bind_namespaces="none")
    for prefix, ns in graph.namespaces():
        out.bind(prefix, ns)
    for triple in canon:
        out.add(tuple(names[str(t)] if isinstance(t, BNode) else t for t in triple))
    return out


class Ontology:
    """The ontology graph with what the page and the diagram need: terms, names, anchors."""

    def __init__(self, graph: Graph):
        self.g = graph
        iris = sorted(s for s in graph.subjects(RDF.type, OWL.Ontology) if isinstance(s, URIRef))
        if len(iris) != 1:
            raise InputError(f"the ontology must declare exactly one owl:Ontology, not {len(iris)}")
        self.iri = iris[0]
        ns = graph.value(self.iri, VANN.preferredNamespaceUri)
        self.namespace = str(ns) if ns is not None else f"{self.iri}#"
        self.prefixes = sorted(((p, str(n)) for p, n in graph.namespaces() if p), key=lambda pn: pn[0])
        self.classes = self._typed(CLASS_TYPES)
        self.properties = self._typed(PROPERTY_TYPES)
        self.concepts = self._typed([SKOS.Concept])
        # Schemes in label order, those that only other schemes map to (CAMEO) last.
        targets = {o for p in MATCHES for o in graph.objects(None, p)}
        self.schemes = sorted(
            self._typed([SKOS.ConceptScheme]),
            key=lambda s: (
                all(c in targets for c in graph.subjects(SKOS.inScheme, s)),
                self.label(s).lower(),
                str(s),
            ),
        )
        self.anchors = self._anchors()

    def _typed(self, types: Iterable[URIRef]) -> list[URIRef]:
        found = {s for t in types for s in self.g.subjects(RDF.type, t) if isinstance(s, URIRef)}
        return sorted(found)

    def own(self, iri: URIRef) -> bool:
        return str(iri).startswith(self.namespace)

    def curie(self, iri: URIRef) -> str | None:
        best = None
        for prefix, ns in self.prefixes:
            local = str(iri)[len(ns) :]
            if str(iri).startswith(ns) and local and not re.search(r"[/#?]", local):
                if best is None or len(ns) > len(best[1]):
                    best = (prefix, ns, local)
        return f"{best[0]}:{best[2]}" if best else None

    def short(self, iri: URIRef) -> str:
        return self.curie(iri) or str(iri)

    def _anchors(self) -> dict[URIRef, str]:
        anchors: dict[URIRef, str] = {}
        taken = {"top", "metadata", "cite", "diagram", "namespaces", "classes", "schemes", "external"}
        taken |= {_slug(heading) for heading in PROPERTY_TYPES.values()}
        terms = [*self.classes, *self.properties, *self.schemes, *self.concepts]
        for iri in sorted(set(terms)):
            if self.own(iri):
                base = str(iri)[len(self.namespace) :]
            elif iri in self.schemes:
                base = "scheme-" + re.split(r"[/#]", str(iri).rstrip("/#"))[-1]
            else:
                base = (self.curie(iri) or re.split(r"[/#]", str(iri).rstrip("/#"))[-1]).replace(":", "-")
            base = re.sub(r"[^A-Za-z0-9_.-]+", "-", base) or "term"
            anchor, n = base, 1
            while anchor.lower() in taken:
                n += 1
                anchor = f"{base}-{n}"
            taken.add(anchor.lower())
            anchors[iri] = anchor
        return anchors

    def text(self, subject, predicate) -> str | None:
        """One literal value, English first, then untagged, then any."""
        values = [v for v in self.g.objects(subject, predicate) if isinstance(v, Literal)]
        if not values:
            return None
        values.sort(key=lambda v: ((v.language or "") != "en", v.language is not None, v.language or "", str(v)))
        return str(values[0])

    def label(self, iri) -> str:
        return self.text(iri, RDFS.label) or self.text(iri, SKOS.prefLabel) or self.short(iri)

    def comment(self, iri) -> str | None:
        return self.text(iri, RDFS.comment) or self.text(iri, SKOS.definition) or self.text(iri, DCTERMS.description)

    def members(self, node) -> list:
        """The classes or datatypes a domain or range stands for (the members of an owl:unionOf)."""
        if isinstance(node, BNode):
            union = self.g.value(node, OWL.unionOf)
            if union is not None:
                return list(Collection(self.g, union))
            return []
        return [node]

    def objects(self, subject, predicate) -> list:
        return sorted(self.g.objects(subject, predicate), key=lambda o: (isinstance(o, BNode), str(o)))

    def subjects(self, predicate, obj) -> list[URIRef]:
        return sorted(s for s in self.g.subjects(predicate, obj) if isinstance(s, URIRef))

    def uses(self, predicate, cls) -> list[URIRef]:
        """The properties whose ``predicate`` (domain or range) is ``cls`` or a union holding it."""
        return [p for p in self.properties if any(cls in self.members(v) for v in self.g.objects(p, predicate))]


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------

CSS = """
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: #1b1f24; max-width: 62rem; margin: 0 auto; padding: 1rem 1.5rem 4rem; }
h1 { font-size: 2rem; margin-bottom: .25rem; }
h2 { border-bottom: 2px solid #d0d7de; padding-bottom: .25rem; margin-top: 2.5rem; }
h3 { margin: 0 0 .25rem; font-size: 1.2rem; }
a { color: #0b5cad; text-decoration: none; } a:hover { text-decoration: underline; }
code { font: .9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f3f5f7;
       padding: .05em .3em; border-radius: 3px; }
.lead { font-size: 1.1rem; color: #3d444d; }
nav { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; padding: .5rem 1.5rem; }
nav ul { margin: .25rem 0; } nav li { margin: .1rem 0; }
nav h2 { margin-top: .5rem; }
.terms { columns: 3 14rem; } nav .terms li { break-inside: avoid; margin: 0; padding: .1rem 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .6rem; border-bottom: 1px solid #d8dee4; }
th { background: #f6f8fa; } table.meta th { width: 13rem; background: none; }
section.term { border-left: 4px solid #0b5cad; padding: .5rem 1rem; margin: 1.25rem 0; background: #fbfcfd; }
section.term.external { border-left-color: #8c959f; }
.kind { font-size: .75rem; font-weight: normal; color: #57606a; border: 1px solid #d0d7de; border-radius: 1em;
        padding: 0 .5em; margin-left: .5em; vertical-align: middle; }
.iri { margin: 0; font-size: .85rem; color: #57606a; word-break: break-all; }
dl { display: grid; grid-template-columns: 11rem 1fr; gap: .2rem .8rem; margin: .5rem 0 0; }
dt { color: #57606a; } dd { margin: 0; }
blockquote.cite { border-left: 4px solid #2da44e; background: #f6fff8; margin: .5rem 0; padding: .5rem 1rem; }
figure { margin: 1rem 0; } figure object { width: 100%; border: 1px solid #d0d7de; border-radius: 6px; }
tr:target, section:target { background: #fff8c5; }
footer { margin-top: 3rem; color: #57606a; font-size: .85rem; }
"""


class _Page:
    def __init__(self, onto: Ontology, files: dict[str, str], svg: bool):
        self.o = onto
        self.files = files  # name → description, the files the page links to
        self.svg = svg

    # -- small pieces --------------------------------------------------------------------------

    def ref(self, node) -> str:
        """A link to a term: to its anchor when the page documents it, else to its IRI."""
        o = self.o
        if isinstance(node, BNode):
            members = o.members(node)
            if members:
                return " or ".join(self.ref(m) for m in members)
            return "<em>an anonymous class</em>"
        if isinstance(node, Literal):
            return escape(str(node))
        text = f"<code>{escape(o.short(node))}</code>"
        if node in o.anchors:
            return f'<a href="#{o.anchors[node]}" title="{escape(o.label(node))}">{text}</a>'
        return f'<a href="{escape(str(node))}">{text}</a>'

    def refs(self, nodes: Iterable) -> str:
        return ", ".join(self.ref(n) for n in nodes)

    @staticmethod
    def dl(rows: Iterable[tuple[str, str]]) -> str:
        items = "".join(f"<dt>{escape(k)}</dt><dd>{v}</dd>" for k, v in rows if v)
        return f"<dl>{items}</dl>" if items else ""

    def term(self, iri: URIRef) -> str:
        o = self.o
        types = set(o.g.objects(iri, RDF.type))
        is_class = bool(types & set(CLASS_TYPES))
        if is_class:
            kind = "class"
            rows = [
                ("Subclass of", self.refs(o.objects(iri, RDFS.subClassOf))),
                ("Subclasses", self.refs(o.subjects(RDFS.subClassOf, iri))),
                ("Equivalent to", self.refs(o.objects(iri, OWL.equivalentClass))),
                ("Disjoint with", self.refs(o.objects(iri, OWL.disjointWith))),
                ("In the domain of", self.refs(o.uses(RDFS.domain, iri))),
                ("In the range of", self.refs(o.uses(RDFS.range, iri))),
            ]
        else:
            kind = ", ".join(PROPERTY_KIND[t] for t in PROPERTY_KIND if t in types)
            rows = [
                ("Domain", self.refs(o.objects(iri, RDFS.domain))),
                ("Range", self.refs(o.objects(iri, RDFS.range))),
                ("Subproperty of", self.refs(o.objects(iri, RDFS.subPropertyOf))),
                ("Subproperties", self.refs(o.subjects(RDFS.subPropertyOf, iri))),
                ("Inverse of", self.refs(o.objects(iri, OWL.inverseOf))),
            ]
        rows.append(("Defined by", self.refs(o.objects(iri, RDFS.isDefinedBy))))
        comment = o.comment(iri)
        return (
            f'<section class="term{"" if o.own(iri) else " external"}" id="{o.anchors[iri]}">'
            f'<h3>{escape(o.label(iri))}<span class="kind">{escape(kind)}</span></h3>'
            f'<p class="iri"><code>{escape(o.short(iri))}</code> · {escape(str(iri))}</p>'
            + (f"<p>{escape(comment)}</p>" if comment else "")
            + self.dl(rows)
            + "</section>\n"
        )

    def toc_list(self, terms: Iterable[URIRef], cls: str = "terms", by_label: bool = False) -> str:
        name = self.o.label if by_label else self.o.short
        items = "".join(f'<li><a href="#{self.o.anchors[t]}">{escape(name(t))}</a></li>' for t in terms)
        return f'<ul class="{cls}">{items}</ul>' if items else ""

    # -- sections --------------------------------------------------------------------------------

    def metadata(self) -> str:
        o, iri = self.o, self.o.iri
        version_iri = o.g.value(iri, OWL.versionIRI)
        rows = [
            ("Ontology IRI", f'<a href="{escape(str(iri))}"><code>{escape(str(iri))}</code></a>'),
            ("Version IRI", self._link(version_iri)),
            ("Version", escape(o.text(iri, OWL.versionInfo) or "")),
            ("Licence", self.refs(o.objects(iri, DCTERMS.license))),
            ("Creator", self.refs(o.objects(iri, DCTERMS.creator))),
            ("Preferred prefix", self._code(o.text(iri, VANN.preferredNamespacePrefix))),
            ("Preferred namespace", self._code(o.text(iri, VANN.preferredNamespaceUri))),
            ("Prior version", self._link(o.g.value(iri, OWL.priorVersion))),
            ("Source", self.refs(o.objects(iri, DCTERMS.source))),
            ("Download", self._downloads()),
        ]
        body = "".join(f"<tr><th>{escape(k)}</th><td>{v}</td></tr>" for k, v in rows if v)
        return f'<section id="metadata"><h2>Metadata</h2><table class="meta">{body}</table></section>\n'

    @staticmethod
    def _link(node) -> str:
        return f'<a href="{escape(str(node))}"><code>{escape(str(node))}</code></a>' if node is not None else ""

    @staticmethod
    def _code(text) -> str:
        return f"<code>{escape(text)}</code>" if text else ""

    def _downloads(self) -> str:
        rdf = (TURTLE_NAME, JSONLD_NAME, NTRIPLES_NAME)
        return " · ".join(f'<a href="{name}">{escape(self.files[name])}</a>' for name in rdf if name in self.files)

    def citation(self) -> str:
        o, iri = self.o, self.o.iri
        creator = o.text(iri, DCTERMS.creator)
        title = o.text(iri, DCTERMS.title) or o.label(iri)
        version = o.text(iri, OWL.versionInfo)
        version_iri = o.g.value(iri, OWL.versionIRI)
        cite_iri = version_iri if version_iri is not None else iri
        licence = o.g.value(iri, DCTERMS.license)
        parts = [f"{escape(creator)}." if creator else "", f"<cite>{escape(title)}</cite>"]
        parts.append(f", version {escape(version)}." if version else ".")
        parts.append(f' <a href="{escape(str(cite_iri))}">{escape(str(cite_iri))}</a>')
        if licence is not None:
            parts.append(f' (licence: <a href="{escape(str(licence))}">{escape(str(licence))}</a>)')
        line = " ".join(p for p in parts[:2] if p) + "".join(parts[2:])
        note = (
            "Cite the version IRI: it names this release. Term IRIs stay the same across versions."
            if version_iri is not None
            else "This ontology has no version IRI; the citation names the ontology IRI."
        )
        return (
            f'<section id="cite"><h2>How to cite</h2><blockquote class="cite">{line}</blockquote>'
            f"<p>{note}</p></section>\n"
        )

    def diagram(self) -> str:
        if self.svg:
            figure = (
                f'<figure><object data="{SVG_NAME}" type="image/svg+xml" aria-label="Class diagram">'
                f'<a href="{SVG_NAME}">Class diagram (SVG)</a></object>'
                f"<figcaption>Classes (blue: this ontology; grey: other vocabularies), their sub-class links "
                f"(hollow arrows), object properties from domain to range (labelled arrows) and datatype "
                f"properties (inside the boxes). Click a class to go to its description. "
                f'<a href="{SVG_NAME}">SVG</a> · Graphviz source <a href="{DOT_NAME}">{DOT_NAME}</a>.'
                f"</figcaption></figure>"
            )
        else:
            figure = (
                f'<p>The class diagram is the Graphviz file <a href="{DOT_NAME}">{DOT_NAME}</a>; render it with '
                f"<code>dot -Tsvg {DOT_NAME} -o {SVG_NAME}</code> (Graphviz was not installed when this page was "
                f"written).</p>"
            )
        return f'<section id="diagram"><h2>Class diagram</h2>{figure}</section>\n'

    def namespaces(self) -> str:
        rows = "".join(
            f"<tr><td><code>{escape(p)}:</code></td><td><code>{escape(ns)}</code></td></tr>"
            for p, ns in self.o.prefixes
        )
        return (
            '<section id="namespaces"><h2>Namespaces</h2><table><tr><th>prefix</th><th>namespace</th></tr>'
            f"{rows}</table></section>\n"
        )

    def hierarchy(self, classes: list[URIRef]) -> str:
        """The ontology's own classes as a nested list (each under its own super-classes)."""
        o = self.o
        own = set(classes)

        def children(c):
            return sorted((s for s in o.subjects(RDFS.subClassOf, c) if s in own), key=o.label)

        def item(c, seen):
            if c in seen:
                return ""
            sub = "".join(item(s, seen | {c}) for s in children(c))
            return (
                f'<li><a href="#{o.anchors[c]}">{escape(o.label(c))}</a>' + (f"<ul>{sub}</ul>" if sub else "") + "</li>"
            )

        roots = [c for c in sorted(classes, key=o.label) if not (set(o.objects(c, RDFS.subClassOf)) & own)]
        return f"<ul>{''.join(item(r, frozenset()) for r in roots)}</ul>"

    def scheme(self, scheme: URIRef) -> str:
        o = self.o
        concepts = sorted(
            (c for c in o.concepts if (c, SKOS.inScheme, scheme) in o.g),
            key=lambda c: (_rank(o.g, c), o.text(c, SKOS.notation) or "", str(c)),
        )
        rows = "".join(self.concept_row(c) for c in concepts)
        comment = o.comment(scheme)
        meta = self.dl([("Source", self.refs(o.objects(scheme, DCTERMS.source)))])
        return (
            f'<section class="term" id="{o.anchors[scheme]}">'
            f'<h3>{escape(o.label(scheme))}<span class="kind">SKOS concept scheme</span></h3>'
            f'<p class="iri">{escape(str(scheme))}</p>'
            + (f"<p>{escape(comment)}</p>" if comment else "")
            + meta
            + f"<p>{len(concepts)} concepts.</p>"
            + "<table><tr><th>concept</th><th>notation</th><th>label</th><th>definition</th>"
            + f"<th>mappings and values</th></tr>{rows}</table></section>\n"
        )

    def concept_row(self, c: URIRef) -> str:
        o = self.o
        more = []
        for predicate, name in MATCHES.items():
            targets = o.objects(c, predicate)
            if targets:
                more.append(f"{name}: {self.refs(targets)}")
        for predicate, name in MATCHES.items():
            sources = o.subjects(predicate, c)
            if sources:
                more.append(f"{name} of: {self.refs(sources)}")
        for predicate in sorted(set(o.g.predicates(c)) - CONCEPT_SHOWN - set(MATCHES)):
            more.append(f"{self.ref(predicate)}: {self.refs(o.objects(c, predicate))}")
        # A concept that is also a property (a stance) has its anchor on the property's section.
        row_id = "" if c in o.properties else f' id="{o.anchors[c]}"'
        return (
            f"<tr{row_id}><td><code>{escape(o.short(c))}</code></td>"
            f"<td>{escape(o.text(c, SKOS.notation) or '')}</td>"
            f"<td>{escape(o.label(c))}</td><td>{escape(o.text(c, SKOS.definition) or o.comment(c) or '')}</td>"
            f"<td>{'<br>'.join(more)}</td></tr>"
        )

    # -- the page ------------------------------------------------------------------------------

    def render(self) -> str:
        o = self.o
        own_classes = [c for c in o.classes if o.own(c)]
        own_props = [p for p in o.properties if o.own(p)]
        by_type: list[tuple[str, str, list[URIRef]]] = []
        grouped: set[URIRef] = set()
        for ptype, heading in PROPERTY_TYPES.items():
            props = [p for p in own_props if p not in grouped and (p, RDF.type, ptype) in o.g]
            grouped.update(props)
            if props:
                by_type.append((_slug(heading), heading, props))
        external = sorted((t for t in [*o.classes, *o.properties] if not o.own(t)), key=lambda t: o.short(t))
        orphans = [c for c in o.concepts if not any(s in o.schemes for s in o.g.objects(c, SKOS.inScheme))]
        if orphans:
            raise InputError(f"the concept {orphans[0]} is in no concept scheme of the ontology")

        title = o.text(o.iri, DCTERMS.title) or o.label(o.iri)
        version = o.text(o.iri, OWL.versionInfo)
        description = o.text(o.iri, DCTERMS.description) or o.comment(o.iri)
        toc = [
            '<li><a href="#metadata">Metadata</a> · <a href="#cite">How to cite</a></li>',
            '<li><a href="#diagram">Class diagram</a></li>',
            '<li><a href="#namespaces">Namespaces</a></li>',
            f'<li><a href="#classes">Classes</a>{self.toc_list(own_classes)}</li>',
            *(f'<li><a href="#{slug}">{escape(h)}</a>{self.toc_list(ps)}</li>' for slug, h, ps in by_type),
            f'<li><a href="#schemes">Concept schemes</a>{self.toc_list(o.schemes, "", by_label=True)}</li>',
            f'<li><a href="#external">Terms from other vocabularies</a>{self.toc_list(external)}</li>',
        ]
        alternates = "".join(
            f'<link rel="alternate" type="{mime}" href="{name}">\n'
            for name, mime in (
                (TURTLE_NAME, "text/turtle"),
                (JSONLD_NAME, "application/ld+json"),
                (NTRIPLES_NAME, "application/n-triples"),
            )  # fmt: skip
            if name in self.files
        )
        parts = [
            "<!DOCTYPE html>\n",
            '<html lang="en">\n<head>\n<meta charset="utf-8">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            f"<title>{escape(title)}{' ' + escape(version) if version else ''}</title>\n",
            alternates,
            f"<style>{CSS}</style>\n</head>\n<body>\n",
            f'<header id="top"><h1>{escape(title)}</h1>',
            f'<p class="iri">{escape(str(o.iri))}{" · version " + escape(version) if version else ""}</p>',
            f'<p class="lead">{escape(description)}</p></header>\n' if description else "</header>\n",
            f"<nav><h2>Contents</h2><ul>{''.join(toc)}</ul></nav>\n",
            self.metadata(),
            self.citation(),
            self.diagram(),
            self.namespaces(),
            '<section id="classes"><h2>Classes</h2>',
            f"<p>Class hierarchy of this ontology:</p>{self.hierarchy(own_classes)}\n",
            *(self.term(c) for c in own_classes),
            "</section>\n",
        ]
        for slug, heading, props in by_type:
            parts.append(f'<section id="{slug}"><h2>{escape(heading)}</h2>\n')
            parts.extend(self.term(p) for p in props)
            parts.append("</section>\n")
        parts.append('<section id="schemes"><h2>Concept schemes</h2>\n')
        parts.append(
            "<p>The SKOS concept schemes whose concepts are the values of the ontology's properties; "
            "event types map to CAMEO codes with <code>skos:exactMatch</code> or <code>skos:closeMatch</code>.</p>\n"
        )
        parts.extend(self.scheme(s) for s in o.schemes)
        parts.append('</section>\n<section id="external"><h2>Terms from other vocabularies</h2>\n')
        parts.append(
            "<p>Classes and properties of PROV-O, schema.org, SEM, Web Annotation and SKOS that the ontology "
            "aligns to or uses, as it declares them for readers; each is defined by its own vocabulary.</p>\n"
        )
        parts.extend(self.term(t) for t in external)
        parts.append("</section>\n")
        parts.append(
            f'<footer><a href="#top">Top</a> · Written by ld-export {escape(__version__)} '
            f"(<code>ld-export docs</code>) from the ontology file {escape(TURTLE_NAME)}.</footer>\n"
            "</body>\n</html>\n"
        )
        return "".join(parts)


def _slug(heading: str) -> str:
    return re.sub(r"\W+", "-", heading.lower()).strip("-")


def _rank(graph: Graph, concept) -> float:
    value = graph.value(concept, LDE.rank)
    try:
        return float(value.toPython()) if isinstance(value, Literal) else float("inf")
    except (TypeError, ValueError):
        return float("inf")


# --------------------------------------------------------------------------------------------
# Class diagram
# --------------------------------------------------------------------------------------------


def _dot_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def to_dot(onto: Ontology) -> str:
    """A Graphviz class diagram: classes, sub-class links, object properties as arrows, datatype properties inside."""
    o = onto
    nodes: set[URIRef] = set()
    edges: list[tuple[str, str, str]] = []  # (from, to, attributes)
    attributes: dict[URIRef, list[str]] = {}

    def domains(p):
        found = [m for d in o.objects(p, RDFS.domain) for m in o.members(d)]
        return found or [OWL.Thing]

    for c in o.classes:
        if o.own(c):
            nodes.add(c)
            for sup in o.objects(c, RDFS.subClassOf):
                for m in o.members(sup):
                    nodes.add(m)
                    edges.append((o.short(c), o.short(m), 'arrowhead=empty, style=solid, color="#57606a"'))
    for p in o.properties:
        if not o.own(p):
            continue
        ranges = [r for r in o.objects(p, RDFS.range)]
        if (p, RDF.type, OWL.DatatypeProperty) in o.g:
            shown = " | ".join(o.short(m) for r in ranges for m in (o.members(r) or [r]))
            for d in domains(p):
                nodes.add(d)
                attributes.setdefault(d, []).append(f"{o.short(p)} : {shown or 'literal'}")
            continue
        for d in domains(p):
            for r in [m for rng in ranges for m in o.members(rng)] or [OWL.Thing]:
                nodes.update((d, r))
                link = f", URL={_dot_string(HTML_NAME + '#' + o.anchors[p])}, target=_top" if p in o.anchors else ""
                tip = _dot_string(o.comment(p) or o.label(p))
                edges.append((o.short(d), o.short(r), f"label={_dot_string(o.short(p))}, tooltip={tip}{link}"))

    lines = [
        f"// Class diagram of {o.iri}, written by ld-export docs.",
        f"// Render: dot -Tsvg {DOT_NAME} -o {SVG_NAME}",
        "digraph classes {",
        '  graph [rankdir=LR, fontname="Helvetica", fontsize=10, nodesep=0.25, ranksep=0.7, '
        f"tooltip={_dot_string(o.label(o.iri))}];",
        '  node [shape=plain, fontname="Helvetica", fontsize=10];',
        '  edge [fontname="Helvetica", fontsize=9, color="#0b5cad", fontcolor="#0b5cad"];',
    ]
    for n in sorted(nodes, key=o.short):
        own = o.own(n)
        fill = "#dbe9f6" if own else "#eaeef2"
        rows = [f'<TR><TD BGCOLOR="{fill}"><B>{escape(o.short(n))}</B></TD></TR>']
        rows += [f'<TR><TD ALIGN="LEFT">{escape(a)}</TD></TR>' for a in sorted(attributes.get(n, []))]
        border = "#0b5cad" if own else "#8c959f"
        table = (
            f'<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="4" COLOR="{border}">'
            + "".join(rows)
            + "</TABLE>"
        )
        attrs = [f"label=<{table}>", f"tooltip={_dot_string(o.comment(n) or o.label(n))}"]
        if n in o.anchors:
            attrs.append(f"URL={_dot_string(HTML_NAME + '#' + o.anchors[n])}, target=_top")
        lines.append(f"  {_dot_string(o.short(n))} [{', '.join(attrs)}];")
    for a, b, attrs in sorted(set(edges)):
        lines.append(f"  {_dot_string(a)} -> {_dot_string(b)} [{attrs}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def render_svg(dot_source: str, timeout: float = 120) -> bytes | None:
    """The diagram as SVG, from Graphviz's ``dot``; ``None`` when it is not installed."""
    dot = shutil.which("dot")
    if dot is None:
        return None
    try:
        run = subprocess.run([dot, "-Tsvg"], input=dot_source.encode("utf-8"), capture_output=True, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise LdExportError(f"Graphviz dot ({dot}) could not render the class diagram: {e}") from None
    if run.returncode != 0:
        message = run.stderr.decode("utf-8", "replace").strip()
        raise LdExportError(f"Graphviz dot ({dot}) could not render the class diagram: {message}")
    return run.stdout


# --------------------------------------------------------------------------------------------
# Everything together
# --------------------------------------------------------------------------------------------


def documentation(ontology: str | Path | None = None, svg: bool = True) -> dict[str, bytes]:
    """Every file of the documentation, name → bytes, without writing anything."""
    return _documentation(ontology, svg)[0]


def _documentation(ontology: str | Path | None, svg: bool) -> tuple[dict[str, bytes], Ontology]:
    source, graph = _read_ontology(ontology)
    onto = Ontology(graph)
    dot_source = to_dot(onto)
    svg_bytes = render_svg(dot_source) if svg else None
    files: dict[str, bytes] = {
        TURTLE_NAME: source,
        JSONLD_NAME: to_jsonld(canonical(graph)),
        NTRIPLES_NAME: to_ntriples(canonical(graph)),
        DOT_NAME: dot_source.encode("utf-8"),
    }
    if svg_bytes is not None:
        files[SVG_NAME] = svg_bytes
    names = {TURTLE_NAME: "Turtle", JSONLD_NAME: "JSON-LD", NTRIPLES_NAME: "N-Triples"}
    page = _Page(onto, {n: names.get(n, n) for n in files}, svg=svg_bytes is not None)
    return {HTML_NAME: page.render().encode("utf-8"), **files}, onto


def write_docs(
    out_dir: str | Path = "dist/ontology", ontology: str | Path | None = None, svg: bool = True
) -> DocsResult:
    """Write the ontology's documentation into ``out_dir``, all files or none.

    ``svg=False`` (or no Graphviz ``dot`` on the PATH) writes the DOT file only and removes a
    ``classes.svg`` left by an earlier run, which would no longer match.
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError("the output path exists and is not a folder", out)
    files, onto = _documentation(ontology, svg)
    try:
        written = write_files(out, files, remove=[] if SVG_NAME in files else [SVG_NAME])
    except OSError as e:
        raise InputError(f"cannot write the documentation: {e.strerror or e}", out) from None
    return DocsResult(
        files=written,
        classes=len(onto.classes),
        properties=len(onto.properties),
        schemes=len(onto.schemes),
        concepts=len(onto.concepts),
        svg=SVG_NAME in files,
    )
