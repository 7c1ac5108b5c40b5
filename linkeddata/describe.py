"""Describe a build with VoID, DCAT and PROV-O: what it holds, where it came from, which files carry it.

The description (``void.ttl`` in the build folder) is a graph of its own, kept out of the data:

- ``<base>dataset``, a ``void:Dataset`` and ``dcat:Dataset``, is the whole build; each article's
  named graph ``<base>graph/<slug>`` is one of its ``void:subset``\\ s.
- Each has its statistics (``void:triples``, ``void:entities`` = distinct IRI subjects,
  ``void:distinctSubjects``, ``void:distinctObjects``, ``void:properties``, ``void:classes``), a class
  partition per class (``void:class``, ``void:entities``) and a property partition per property
  (``void:property``, ``void:triples``). The whole build is counted as the union of its named
  graphs, the default graph ``ld-export query`` asks: ``void:triples`` counts each distinct triple
  once (an actor that two articles describe is counted once, though ``dataset.nq`` holds its
  triples in both graphs), with a property partition per property, also of distinct triples, and a
  class partition per class (without entity counts, which would need the union in memory).
- Licence (CC BY 4.0), the source article (``dcterms:source``, ``prov:wasDerivedFrom``) with its
  ``schema:sha256``, a ``dcat:Distribution`` per data file written (media type, format, size and
  SHA-256), and the ``prov:Activity`` of the build, which used this version of ld-export, the
  ontology version (``owl:versionIRI``, read from the ontology) and the shapes.

Every IRI is minted under the base IRI (no blank nodes, no paths of the machine that built it), so
the same build gives the same bytes. Time appears only when ``SOURCE_DATE_EPOCH`` is set
(https://reproducible-builds.org/specs/source-date-epoch/): then ``dcterms:issued`` of the dataset
and ``prov:endedAtTime`` of the build, as ``xsd:dateTime`` in UTC.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from urllib.parse import quote as percent_encode

from rdflib import Graph, Literal, Namespace, URIRef

from . import __version__
from .errors import InputError
from .graph import ArticleGraph
from .namespaces import DCTERMS, OWL, PREFIXES, PROV, RDF, RDFS, SCHEMA, XSD
from .validate import ontology_graph, shapes_graph
from .write import FORMATS, PER_ARTICLE, ntriples_of, prefix_lines, turtle_body

VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
SPDX = Namespace("http://spdx.org/rdf/terms#")

DATA_LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")

# file extension → (IANA media type, W3C format IRI)
MEDIA_TYPES: dict[str, tuple[str, str]] = {
    ".ttl": ("text/turtle", "Turtle"),
    ".jsonld": ("application/ld+json", "JSON-LD"),
    ".nt": ("application/n-triples", "N-Triples"),
    ".trig": ("application/trig", "TriG"),
    ".nq": ("application/n-quads", "N-Quads"),
}
_IANA = "https://www.iana.org/assignments/media-types/"
_W3C_FORMATS = "http://www.w3.org/ns/formats/"

# Prefixes for partition keys (``schema-Person``); rdf: is not among the prefixes the data binds.
_KEY_PREFIXES: dict[str, str] = {str(ns): prefix for prefix, ns in PREFIXES.items()} | {str(RDF): "rdf"}
_KEY_NAMESPACES = sorted(_KEY_PREFIXES, key=len, reverse=True)  # the longest that fits is the one
_SAFE_LOCAL = re.compile(r"[A-Za-z0-9_.-]+")


# --------------------------------------------------------------------------------------------
# SOURCE_DATE_EPOCH


def source_date(environ: Mapping[str, str]) -> datetime.datetime | None:
    """The time ``SOURCE_DATE_EPOCH`` of ``environ`` gives (UTC), or None when it is unset or empty.
    (The command line passes its environment; the library reads none.)

    A value that is not a whole number of seconds is bad input, as the specification asks.
    """
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    if not value.isascii() or not value.isdigit():
        raise InputError(f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, not {value!r}")
    try:
        return datetime.datetime.fromtimestamp(int(value), tz=datetime.UTC)
    except (OverflowError, OSError, ValueError):
        raise InputError(f"SOURCE_DATE_EPOCH {value} is out of range for a date") from None


def _datetime_literal(when: datetime.datetime) -> Literal:
    lexical = when.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return Literal(lexical, datatype=XSD.dateTime)


# --------------------------------------------------------------------------------------------
# Statistics


@dataclass(frozen=True)
class Statistics:
    """VoID statistics of one graph (or of the union of several)."""

    triples: int
    entities: int  # distinct IRI subjects
    distinct_subjects: int
    distinct_objects: int
    properties: dict[URIRef, int]  # property → triples
    classes: dict[URIRef, int]  # class → distinct IRI subjects of that rdf:type


_RDF_TYPE = str(RDF.type)


def statistics(triples: Graph | set[tuple]) -> Statistics:
    """Counts of a graph, or of a set of triples (the union of several graphs)."""
    subjects, objects = set(), set()
    properties: Counter[URIRef] = Counter()
    members: dict[URIRef, set] = {}
    for s, p, o in triples:
        subjects.add(s)
        objects.add(o)
        properties[p] += 1
        # compared as text: rdflib's == is a Python call, and this runs for every triple
        if str(p) == _RDF_TYPE and isinstance(o, URIRef) and isinstance(s, URIRef):
            members.setdefault(o, set()).add(s)
    return Statistics(
        triples=len(triples),
        entities=sum(1 for s in subjects if isinstance(s, URIRef)),
        distinct_subjects=len(subjects),
        distinct_objects=len(objects),
        properties=dict(properties),
        classes={c: len(m) for c, m in members.items()},
    )


def _key(term: URIRef) -> str:
    """A short, readable and unique path segment for a class or property: ``schema-Person``."""
    text = str(term)
    for ns in _KEY_NAMESPACES:
        local = text[len(ns) :]
        if text.startswith(ns) and _SAFE_LOCAL.fullmatch(local):
            return f"{_KEY_PREFIXES[ns]}-{local}"
    return "iri-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# --------------------------------------------------------------------------------------------
# The description


@cache
def ontology_version() -> URIRef:
    """The ``owl:versionIRI`` of the bundled ontology (its IRI if it has none)."""
    onto = ontology_graph()
    for ontology in sorted(onto.subjects(RDF.type, OWL.Ontology)):
        version = onto.value(ontology, OWL.versionIRI)
        return version if isinstance(version, URIRef) else ontology
    raise InputError("the bundled ontology declares no owl:Ontology")


@cache
def shapes_iri() -> URIRef | None:
    return next(iter(sorted(shapes_graph().subjects(RDF.type, OWL.Ontology))), None)


class _Description:
    def __init__(self, base: str):
        self.base = base
        self.g: set[tuple] = set()
        self.dataset = self.iri("dataset")

    def iri(self, *parts: str) -> URIRef:
        return URIRef(self.base + "/".join(percent_encode(p, safe="") for p in parts))

    def add(self, s, p, o) -> None:
        self.g.add((s, p, o))

    def statistics(self, node: URIRef, stats: Statistics, *path: str) -> None:
        """VoID counts and partitions of ``node``; partition IRIs under ``<base>dataset/<path…>``."""
        count = lambda n: Literal(n, datatype=XSD.integer)  # noqa: E731
        self.add(node, VOID.triples, count(stats.triples))
        self.add(node, VOID.entities, count(stats.entities))
        self.add(node, VOID.distinctSubjects, count(stats.distinct_subjects))
        self.add(node, VOID.distinctObjects, count(stats.distinct_objects))
        self.add(node, VOID.properties, count(len(stats.properties)))
        self.add(node, VOID.classes, count(len(stats.classes)))
        for cls, n in stats.classes.items():
            part = self.iri("dataset", *path, "class", _key(cls))
            self.add(node, VOID.classPartition, part)
            self.add(part, RDF.type, VOID.Dataset)
            self.add(part, VOID["class"], cls)
            self.add(part, VOID.entities, count(n))
        for prop, n in stats.properties.items():
            part = self.iri("dataset", *path, "property", _key(prop))
            self.add(node, VOID.propertyPartition, part)
            self.add(part, RDF.type, VOID.Dataset)
            self.add(part, VOID.property, prop)
            self.add(part, VOID.triples, count(n))
        used = set(stats.properties) | set(stats.classes)
        for ns in _KEY_PREFIXES:
            if any(str(t).startswith(ns) for t in used):
                self.add(node, VOID.vocabulary, URIRef(ns))

    def distribution(self, dataset: URIRef, name: str, size: int, sha256: str) -> None:
        dist = self.iri("dataset", "distribution", name)
        self.add(dataset, DCAT.distribution, dist)
        self.add(dist, RDF.type, DCAT.Distribution)
        self._file(dist, name, size, sha256)

    def document(self, dataset: URIRef, name: str, size: int, sha256: str) -> None:
        """A file of the description itself: more about ``dataset`` (``rdfs:seeAlso``), not a
        distribution of its data."""
        doc = self.iri("dataset", "description", name)
        self.add(dataset, RDFS.seeAlso, doc)
        self.add(doc, RDF.type, PROV.Entity)
        self._file(doc, name, size, sha256)

    def _file(self, node: URIRef, name: str, size: int, sha256: str) -> None:
        """A file of the build: its name, media type and format, size, licence and SHA-256."""
        media, fmt = MEDIA_TYPES[os.path.splitext(name)[1]]
        checksum = URIRef(str(node) + "/sha256")
        self.add(node, DCTERMS.title, Literal(name))
        self.add(node, DCAT.mediaType, URIRef(_IANA + media))
        self.add(node, DCTERMS["format"], URIRef(_W3C_FORMATS + fmt))
        self.add(node, DCAT.byteSize, Literal(size, datatype=XSD.nonNegativeInteger))
        self.add(node, DCTERMS.license, DATA_LICENSE)
        self.add(node, SPDX.checksum, checksum)
        self.add(checksum, RDF.type, SPDX.Checksum)
        self.add(checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256)
        self.add(checksum, SPDX.checksumValue, Literal(sha256, datatype=XSD.hexBinary))

    def common(self, node: URIRef, activity: URIRef) -> None:
        self.add(node, RDF.type, VOID.Dataset)
        self.add(node, RDF.type, DCAT.Dataset)
        self.add(node, RDF.type, PROV.Entity)
        self.add(node, DCTERMS.license, DATA_LICENSE)
        self.add(node, PROV.wasGeneratedBy, activity)
        shapes = shapes_iri()
        if shapes is not None:
            self.add(node, DCTERMS.conformsTo, shapes)


def describe_article(ag: ArticleGraph, files: Mapping[str, tuple[int, str]], base_iri: str,
                     stats: Statistics | None = None) -> set[tuple]:  # fmt: skip
    """The part of the build's description about one article: its named graph (a subset of the
    dataset), its statistics (``stats``, if the caller has them already: :func:`statistics` of
    ``ag.triples``) and the per-article data ``files`` written for it (name → (size, SHA-256))."""
    d = _Description(base_iri)
    activity = d.iri("dataset", "build")
    subset, article = ag.graph_iri, ag.article_iri
    d.add(d.dataset, VOID.subset, subset)
    d.common(subset, activity)
    d.add(subset, DCTERMS.title, Literal(f"ld-export data of the article {ag.article.slug}", lang="en"))
    for node in (d.dataset, subset):
        d.add(node, DCTERMS.source, article)
        d.add(node, PROV.wasDerivedFrom, article)
    d.add(activity, PROV.used, article)
    d.add(article, RDF.type, PROV.Entity)
    d.add(article, SCHEMA.sha256, Literal(ag.article.sha256))
    headline = next((o for s, p, o in ag.triples if s == article and p == RDFS.label), None)
    if headline is not None:
        d.add(article, RDFS.label, headline)
    d.statistics(subset, stats or statistics(ag.triples), "graph", ag.article.slug)
    for fmt in PER_ARTICLE:
        name = FORMATS[fmt].file_name(ag.article.slug)
        if name in files:
            d.distribution(subset, name, *files[name])
    return d.g


def describe_dataset(
    articles: int,
    triples: int,
    properties: Mapping[URIRef, int],
    classes: set[URIRef],
    files: Mapping[str, tuple[int, str]],
    base_iri: str,
    issued: datetime.datetime | None = None,
    described_in: Mapping[str, tuple[int, str]] | None = None,
) -> set[tuple]:
    """The whole build: ``articles`` article graphs whose union holds ``triples`` distinct triples,
    used ``properties`` (property → distinct triples) and ``classes``; the dataset ``files`` (name → (size,
    SHA-256)); ``issued`` is the time of the build, if any. With each article's
    :func:`describe_article`, this is the build's description: in the same file, or in the files
    ``described_in`` (name → (size, SHA-256)), which this part names (``rdfs:seeAlso``) with their
    sizes and checksums."""
    d = _Description(base_iri)
    dataset = d.dataset
    activity = d.iri("dataset", "build")
    tool = d.iri("dataset", "software", "ld-export", __version__)
    ontology = ontology_version()

    d.common(dataset, activity)
    d.add(dataset, DCTERMS.title, Literal(f"ld-export dataset of {articles} article(s)", lang="en"))

    d.add(activity, RDF.type, PROV.Activity)
    d.add(activity, RDFS.label, Literal("ld-export build", lang="en"))
    d.add(activity, PROV.used, tool)
    d.add(activity, PROV.used, ontology)
    d.add(activity, PROV.wasAssociatedWith, tool)
    if shapes_iri() is not None:
        d.add(activity, PROV.used, shapes_iri())
    d.add(tool, RDF.type, PROV.SoftwareAgent)
    d.add(tool, RDF.type, PROV.Entity)
    d.add(tool, RDF.type, SCHEMA.SoftwareApplication)
    d.add(tool, RDFS.label, Literal(f"ld-export {__version__}"))
    d.add(tool, SCHEMA.name, Literal("ld-export"))
    d.add(tool, SCHEMA.softwareVersion, Literal(__version__))
    d.add(ontology, RDF.type, PROV.Entity)
    if issued is not None:
        d.add(dataset, DCTERMS.issued, _datetime_literal(issued))
        d.add(activity, PROV.endedAtTime, _datetime_literal(issued))

    count = lambda n: Literal(n, datatype=XSD.integer)  # noqa: E731
    d.add(dataset, VOID.triples, count(triples))
    d.add(dataset, VOID.properties, count(len(properties)))
    d.add(dataset, VOID.classes, count(len(classes)))
    for cls in classes:
        part = d.iri("dataset", "class", _key(cls))
        d.add(dataset, VOID.classPartition, part)
        d.add(part, RDF.type, VOID.Dataset)
        d.add(part, VOID["class"], cls)
    for prop, n in properties.items():
        part = d.iri("dataset", "property", _key(prop))
        d.add(dataset, VOID.propertyPartition, part)
        d.add(part, RDF.type, VOID.Dataset)
        d.add(part, VOID.property, prop)
        d.add(part, VOID.triples, count(n))
    used = set(properties) | set(classes)
    for ns in _KEY_PREFIXES:
        if any(str(t).startswith(ns) for t in used):
            d.add(dataset, VOID.vocabulary, URIRef(ns))
    for name, (size, sha256) in files.items():
        d.distribution(dataset, name, size, sha256)
    for name, (size, sha256) in (described_in or {}).items():
        d.document(dataset, name, size, sha256)
    return d.g


DESCRIPTION_PREFIXES = {**{p: str(ns) for p, ns in PREFIXES.items()}, "void": str(VOID), "dcat": str(DCAT),
                        "spdx": str(SPDX)}  # fmt: skip


def description_part(description: set[tuple]) -> bytes:
    """A part of the description as Turtle without prefix declarations (the build's ``void.ttl`` is
    :func:`description_prefixes` followed by the dataset's part and then each article's, in order)."""
    return turtle_body(ntriples_of(description), DESCRIPTION_PREFIXES)


def description_prefixes() -> bytes:
    return prefix_lines(DESCRIPTION_PREFIXES)
