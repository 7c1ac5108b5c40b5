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
with :func:`linkeddata.layout.write_files`.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path

import jinja2
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.compare import to_canonical_graph

from . import __version__, resources
from .errors import InputError, LdExportError
from .layout import write_files
from .namespaces import DCTERMS, LDE, OWL, RDF, RDFS, SKOS
from .write import to_jsonld, to_ntriples

VANN = Namespace("http://purl.org/vocab/vann/")

HTML_NAME = "index.html"
TURTLE_NAME = "ld-export.ttl"
JSONLD_NAME = "ld-export.jsonld"
NTRIPLES_NAME = "ld-export.nt"
DOT_NAME = "classes.dot"
SVG_NAME = "classes.svg"
RDF_MEDIA_TYPES = ("text/turtle", "application/ld+json", "application/n-triples")  # of the three files above

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
# HTML: linkeddata/templates/docs/index.html, given what it shows
# --------------------------------------------------------------------------------------------


@cache
def _templates() -> jinja2.Environment:
    """The documentation's templates: every value escaped (autoescape), nothing fetched."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(resources.templates_dir() / "docs"),
        autoescape=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.tests["bnode"] = lambda node: isinstance(node, BNode)
    env.tests["literal"] = lambda node: isinstance(node, Literal)
    return env


def _refs(nodes: list) -> dict | None:
    return {"kind": "refs", "nodes": nodes} if nodes else None


def _text(kind: str, text) -> dict | None:
    return {"kind": kind, "text": str(text)} if text is not None and str(text) else None


def _rows(rows: Iterable[tuple[str, dict | None]]) -> list[tuple[str, dict]]:
    """The rows that have something to show."""
    return [(k, v) for k, v in rows if v]


def _term(o: Ontology, iri: URIRef) -> dict:
    """What the page shows of a class or property."""
    types = set(o.g.objects(iri, RDF.type))
    if types & set(CLASS_TYPES):
        kind = "class"
        rows = [
            ("Subclass of", o.objects(iri, RDFS.subClassOf)),
            ("Subclasses", o.subjects(RDFS.subClassOf, iri)),
            ("Equivalent to", o.objects(iri, OWL.equivalentClass)),
            ("Disjoint with", o.objects(iri, OWL.disjointWith)),
            ("In the domain of", o.uses(RDFS.domain, iri)),
            ("In the range of", o.uses(RDFS.range, iri)),
        ]
    else:
        kind = ", ".join(PROPERTY_KIND[t] for t in PROPERTY_KIND if t in types)
        rows = [
            ("Domain", o.objects(iri, RDFS.domain)),
            ("Range", o.objects(iri, RDFS.range)),
            ("Subproperty of", o.objects(iri, RDFS.subPropertyOf)),
            ("Subproperties", o.subjects(RDFS.subPropertyOf, iri)),
            ("Inverse of", o.objects(iri, OWL.inverseOf)),
        ]
    rows.append(("Defined by", o.objects(iri, RDFS.isDefinedBy)))
    return {"iri": iri, "own": o.own(iri), "kind": kind, "comment": o.comment(iri),
            "rows": _rows((k, _refs(v)) for k, v in rows)}  # fmt: skip


def _scheme(o: Ontology, scheme: URIRef) -> dict:
    """What the page shows of a SKOS concept scheme: its concepts, in rank order, each with its
    mappings and whatever else is said of it."""
    concepts = sorted(
        (c for c in o.concepts if (c, SKOS.inScheme, scheme) in o.g),
        key=lambda c: (_rank(o.g, c), o.text(c, SKOS.notation) or "", str(c)),
    )
    rows = []
    for c in concepts:
        more = [("text", name, o.objects(c, p)) for p, name in MATCHES.items() if o.objects(c, p)]
        more += [("text", f"{name} of", o.subjects(p, c)) for p, name in MATCHES.items() if o.subjects(p, c)]
        more += [("ref", p, o.objects(c, p)) for p in sorted(set(o.g.predicates(c)) - CONCEPT_SHOWN - set(MATCHES))]
        rows.append({
            "iri": c,
            # A concept that is also a property (a stance) has its anchor on the property's section.
            "anchor": None if c in o.properties else o.anchors[c],
            "notation": o.text(c, SKOS.notation) or "",
            "definition": o.text(c, SKOS.definition) or o.comment(c) or "",
            "more": more,
        })  # fmt: skip
    return {"iri": scheme, "comment": o.comment(scheme), "concepts": rows,
            "meta": _rows([("Source", _refs(o.objects(scheme, DCTERMS.source)))])}  # fmt: skip


def _hierarchy(o: Ontology, classes: list[URIRef]) -> list[tuple]:
    """The ontology's own classes as a tree of (class, children), each under its own super-classes."""
    own = set(classes)

    def node(c: URIRef, seen: frozenset) -> tuple | None:
        if c in seen:
            return None
        children = sorted((s for s in o.subjects(RDFS.subClassOf, c) if s in own), key=o.label)
        return c, [n for s in children if (n := node(s, seen | {c})) is not None]

    roots = [c for c in sorted(classes, key=o.label) if not (set(o.objects(c, RDFS.subClassOf)) & own)]
    return [node(r, frozenset()) for r in roots]


def render_page(o: Ontology, files: dict[str, str], svg: bool) -> str:
    """The documentation page. ``files``: name → description of the files the page links to;
    ``svg``: whether the class diagram was rendered."""
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

    iri = o.iri
    version_iri = o.g.value(iri, OWL.versionIRI)
    rdf_files = (TURTLE_NAME, JSONLD_NAME, NTRIPLES_NAME)
    downloads = [(name, files[name]) for name in rdf_files if name in files]
    metadata = _rows([
        ("Ontology IRI", _text("link", iri)),
        ("Version IRI", _text("link", version_iri)),
        ("Version", _text("text", o.text(iri, OWL.versionInfo))),
        ("Licence", _refs(o.objects(iri, DCTERMS.license))),
        ("Creator", _refs(o.objects(iri, DCTERMS.creator))),
        ("Preferred prefix", _text("code", o.text(iri, VANN.preferredNamespacePrefix))),
        ("Preferred namespace", _text("code", o.text(iri, VANN.preferredNamespaceUri))),
        ("Prior version", _text("link", o.g.value(iri, OWL.priorVersion))),
        ("Source", _refs(o.objects(iri, DCTERMS.source))),
        ("Download", {"kind": "downloads", "nodes": downloads} if downloads else None),
    ])  # fmt: skip
    return _templates().get_template("index.html").render(
        o=o,
        title=o.text(iri, DCTERMS.title) or o.label(iri),
        version=o.text(iri, OWL.versionInfo),
        description=o.text(iri, DCTERMS.description) or o.comment(iri),
        alternates=[(name, mime) for name, mime in zip(rdf_files, RDF_MEDIA_TYPES, strict=True) if name in files],
        own_classes=own_classes,
        by_type=by_type,
        external=external,
        metadata=metadata,
        cite={
            "creator": o.text(iri, DCTERMS.creator),
            "title": o.text(iri, DCTERMS.title) or o.label(iri),
            "version": o.text(iri, OWL.versionInfo),
            "iri": version_iri if version_iri is not None else iri,
            "licence": o.g.value(iri, DCTERMS.license),
            "versioned": version_iri is not None,
        },
        svg=svg,
        svg_name=SVG_NAME,
        dot_name=DOT_NAME,
        hierarchy=_hierarchy(o, own_classes),
        class_terms=[_term(o, c) for c in own_classes],
        property_terms={slug: [_term(o, p) for p in props] for slug, _heading, props in by_type},
        schemes=[_scheme(o, s) for s in o.schemes],
        external_terms=[_term(o, t) for t in external],
        tool_version=__version__,
        turtle_name=TURTLE_NAME,
    )


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
    page = render_page(onto, {n: names.get(n, n) for n in files}, svg=svg_bytes is not None)
    return {HTML_NAME: page.encode("utf-8"), **files}, onto


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
