"""Serialize graphs deterministically, and the output formats of a build as a registry of writers.

Deterministic: the same graph gives the same bytes, whatever Python's hash seed. The build's
writers start from an article's sorted N-Triples (:func:`ntriples_of`): Turtle and TriG follow
that order (pyoxigraph), N-Quads are those lines in the article's named graph, JSON-LD nodes are
sorted by ``@id`` with sorted keys. :func:`to_turtle`, :func:`to_ntriples` and :func:`to_jsonld`
write any rdflib graph, blank nodes included (the ontology's pages, CONSTRUCT answers).

The build's output formats are a registry of writers (:data:`FORMATS`); the files are written
atomically by :mod:`linkeddata.layout`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

from . import resources
from .namespaces import PREFIXES, RDF, XSD, bind_prefixes


@cache
def jsonld_context() -> dict:
    """The shipped JSON-LD context (the value of ``@context``)."""
    return json.loads(resources.context_file().read_text(encoding="utf-8"))["@context"]


def _sorted_lines(text: str) -> bytes:
    # Split on LF only: str.splitlines() would also split inside literals that hold a form feed,
    # U+2028 or U+0085, which N-Triples and N-Quads leave unescaped.
    lines = sorted({line for line in text.split("\n") if line.strip()})
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def to_turtle(graph: Graph) -> bytes:
    bind_prefixes(graph)
    return graph.serialize(format="turtle").encode("utf-8")


def to_ntriples(graph: Graph) -> bytes:
    return _sorted_lines(graph.serialize(format="nt"))


def _sort_json(value, ordered: bool = False):
    """Sort JSON-LD node objects and unordered arrays so the output does not depend on hashing.

    The items of an ``@list`` are an RDF list: their order is data and is kept.
    """
    if isinstance(value, dict):
        return {k: _sort_json(v, ordered=k == "@list") for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_sort_json(v) for v in value]
        return items if ordered else sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def to_jsonld(graph: Graph) -> bytes:
    """Compacted JSON-LD with the context embedded (so no processor fetches anything)."""
    context = jsonld_context()
    doc = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    if "@graph" not in doc:  # a single node comes back without @graph
        doc = {"@context": doc.pop("@context"), "@graph": [doc]}
    nodes = sorted((_sort_json(n) for n in doc["@graph"]), key=lambda n: n.get("id", ""))
    out = {"@context": context, "@graph": nodes}
    return (json.dumps(out, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


# --------------------------------------------------------------------------------------------
# The build's writers: one article graph (IRIs and literals only, no blank nodes) at a time, in
# Rust (pyoxigraph) where it can be done there. Every one starts from the article's sorted
# N-Triples, so the order of everything they write is fixed by the data alone.

_OX_PREFIXES = {prefix: str(ns) for prefix, ns in PREFIXES.items()}


def _nt_term(term) -> str:
    if isinstance(term, Literal):
        text = '"' + str(term).replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r") + '"'
        if term.language:
            return f"{text}@{term.language}"
        return f"{text}^^<{term.datatype}>" if term.datatype else text
    return f"<{term}>"


def ntriples_of(triples: Iterable[tuple]) -> bytes:
    """Triples (IRIs and literals, no blank nodes) as sorted N-Triples: the .nt file the build
    writes, byte for byte what rdflib's N-Triples writer gives, sorted."""
    # Subjects and predicates are IRIs, and a line holds no line break (literals escape theirs):
    # each triple is one line as it is, with no splitting again.
    lines = sorted({f"<{s}> <{p}> {_nt_term(o)} ." for s, p, o in triples})
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def turtle_of_ntriples(nt: bytes, prefixes: Mapping[str, str] | None = None) -> bytes:
    """Turtle with the project's prefixes (or ``prefixes``), subjects and predicates in the order
    of the (sorted) N-Triples ``nt``."""
    return ox.serialize(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.TURTLE,
                        prefixes=dict(prefixes or _OX_PREFIXES))  # fmt: skip


def prefix_lines(prefixes: Mapping[str, str] | None = None) -> bytes:
    """Turtle/TriG prefix declarations, sorted."""
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted((prefixes or _OX_PREFIXES).items())).encode()


def turtle_body(nt: bytes, prefixes: Mapping[str, str] | None = None) -> bytes:
    """:func:`turtle_of_ntriples` without its prefix declarations (for files made of several parts)."""
    return _without_prefixes(turtle_of_ntriples(nt, prefixes))


def _without_prefixes(turtle: bytes) -> bytes:
    lines = turtle.split(b"\n")
    return b"\n".join(line for line in lines if not line.startswith(b"@prefix ")).strip(b"\n") + b"\n"


def nquads_of_ntriples(nt: bytes, graph_iri: str) -> bytes:
    """The lines of sorted N-Triples ``nt`` as N-Quads in the named graph ``graph_iri``."""
    if not nt:
        return b""
    suffix = f" <{graph_iri}> .\n".encode()
    return b"".join(line[:-1] + suffix for line in nt[:-1].split(b"\n"))


def trig_block(nt: bytes, graph_iri: str) -> bytes:
    """One named graph of the build's TriG file: ``<graph> { Turtle }``, its prefixes left to the top."""
    return _trig_block_of_turtle(turtle_of_ntriples(nt), graph_iri)


def _trig_block_of_turtle(turtle: bytes, graph_iri: str) -> bytes:
    """:func:`trig_block` from the Turtle of the graph (:func:`turtle_of_ntriples`)."""
    return b"<" + graph_iri.encode() + b"> {\n" + _without_prefixes(turtle) + b"}\n"


@dataclass(frozen=True)
class ArticleData:
    """An article graph as the build's writers take it: its triples (IRIs and literals only) and
    their sorted N-Triples (:func:`ntriples_of`). Its Turtle is made on first use and once: the
    Turtle file and the TriG block are the same serialization."""

    triples: Iterable[tuple]
    nt: bytes

    @cached_property
    def turtle(self) -> bytes:
        return turtle_of_ntriples(self.nt)


@cache
def _context_terms() -> tuple[dict, dict[str, str]]:
    """From the shipped context: property IRI → [(term, coercion)], and namespace → prefix."""
    context = jsonld_context()
    prefixes = {v: k for k, v in context.items() if isinstance(v, str) and v.endswith(("/", "#"))}

    def expand(value: str) -> str:
        prefix, _, local = value.partition(":")
        return context[prefix] + local if prefix in context and isinstance(context[prefix], str) else value

    terms: dict[str, list[tuple[str, str | None]]] = {}
    for term, value in sorted(context.items()):
        if term.startswith("@") or term in prefixes.values():
            continue
        if isinstance(value, str) and not value.startswith("@"):
            terms.setdefault(expand(value), []).append((term, None))
        elif isinstance(value, dict) and "@id" in value and "@container" not in value and "@language" not in value:
            coercion = value.get("@type")
            coercion = "@id" if coercion == "@id" else expand(coercion) if coercion else None
            terms.setdefault(expand(value["@id"]), []).append((term, coercion))
    return terms, prefixes


def _compact_iri(iri: str, prefixes: dict[str, str]) -> str:
    if prefixes is _context_terms()[1]:  # the shipped context's: few distinct IRIs (properties, classes, datatypes)
        return _compact_in_context(iri)
    return _compact_with(iri, prefixes)


@lru_cache(maxsize=1 << 14)
def _compact_in_context(iri: str) -> str:
    return _compact_with(iri, _context_terms()[1])


def _compact_with(iri: str, prefixes: dict[str, str]) -> str:
    for ns in sorted(prefixes, key=len, reverse=True):
        if iri.startswith(ns) and len(iri) > len(ns) and not iri[len(ns) :].startswith("//"):
            return f"{prefixes[ns]}:{iri[len(ns) :]}"
    return iri


# json.dumps with options other than the defaults makes a new encoder at every call; an article
# has thousands of nodes and values to encode.
_KEY_JSON = json.JSONEncoder(sort_keys=True)
_NODE_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True)
_RDF_TYPE = str(RDF.type)


def _value_key(value) -> tuple:
    return (0, value, "") if isinstance(value, str) else (1, value.get("@id", ""), _KEY_JSON.encode(value))


@cache
def _jsonld_head() -> str:
    context = json.dumps({"@context": jsonld_context()}, indent=2, ensure_ascii=False)
    return context[:-2] + ',\n  "@graph": [\n'


def _placement(predicate: str, iri: bool, language: bool, datatype: str | None) -> tuple[str, str]:
    """Where a value of ``predicate`` goes in a node object: its key, and the form of the value,
    ``string`` (the IRI or the literal's lexical form), ``id`` (``{"@id": IRI}``) or ``value``
    (:func:`_value_object`). An IRI value when ``iri``, else a literal (with a ``language`` tag,
    or of the ``datatype``)."""
    terms, prefixes = _context_terms()
    for term, coercion in terms.get(predicate, ()):
        if iri:
            if coercion == "@id":
                return term, "string"
            if coercion is None:
                return term, "id"
        elif coercion is None:
            return term, "value"
        elif coercion != "@id" and not language and datatype == coercion:
            return term, "string"
    return _compact_iri(predicate, prefixes), "id" if iri else "value"


def article_jsonld(triples: Iterable[tuple]) -> bytes:
    """Compacted JSON-LD of an article graph (no blank nodes), with the shipped context embedded.

    A node object per subject, one per line, sorted by ``id``, keys sorted; a property with
    several values holds them as a sorted array. Each predicate takes the context's term for it
    when one fits the value (an ``@id`` term for an IRI, a term coerced to the literal's datatype,
    a plain term for a string or a language-tagged string), else its compact IRI with an explicit
    value object. Built directly from the triples (rdflib's writer takes several times longer).
    """
    prefixes = _context_terms()[1]
    nodes: dict[str, dict[str, list]] = {}
    # predicate (of an IRI), or (predicate, language, datatype) of a literal → _placement: a graph
    # has thousands of triples and few of those
    placements: dict[str | tuple, tuple[str, str]] = {}
    for s, p, o in triples:
        subject, predicate, iri = str(s), str(p), isinstance(o, URIRef)
        node = nodes.get(subject)
        if node is None:
            if isinstance(s, BNode):
                raise ValueError("article_jsonld writes graphs without blank nodes; use to_jsonld")
            node = nodes[subject] = {}
        if not iri and isinstance(o, BNode):
            raise ValueError("article_jsonld writes graphs without blank nodes; use to_jsonld")
        if iri and predicate == _RDF_TYPE:
            node.setdefault("type", []).append(_compact_iri(str(o), prefixes))
            continue
        if iri:
            kind, language, datatype = predicate, False, None
        else:
            language, datatype = bool(o.language), None if o.datatype is None else str(o.datatype)
            kind = (predicate, language, datatype)
        placement = placements.get(kind)
        if placement is None:
            placement = placements[kind] = _placement(predicate, iri, language, datatype)
        key, form = placement
        value = str(o) if form == "string" else {"@id": str(o)} if form == "id" else _value_object(o, prefixes)
        node.setdefault(key, []).append(value)
    lines = []
    for iri in sorted(nodes):
        node = {"id": iri}
        for key, values in nodes[iri].items():
            if len(values) > 1:
                values.sort(key=_value_key)
            node[key] = values[0] if len(values) == 1 else values
        lines.append("    " + _NODE_JSON.encode(node))
    return (_jsonld_head() + ",\n".join(lines) + "\n  ]\n}\n").encode("utf-8")


def _value_object(literal: Literal, prefixes: dict[str, str]):
    if literal.language:
        return {"@language": literal.language, "@value": str(literal)}
    if literal.datatype is None or literal.datatype == XSD.string:
        return str(literal)
    return {"@type": _compact_iri(str(literal.datatype), prefixes), "@value": str(literal)}


# --------------------------------------------------------------------------------------------
# The output formats: a registry of writers


@dataclass(frozen=True)
class OutputFormat:
    """One output format of a build.

    An article format (``dataset`` false) writes one file per article, ``SLUG`` + ``extension``,
    with ``write(article)`` (the article graph, :class:`ArticleData`). A dataset format writes one
    file for the whole build, ``dataset`` + ``extension``: ``head()``, then each article's
    ``part(article, graph_iri)`` in named-graph order."""

    name: str
    extension: str
    description: str
    dataset: bool = False
    write: Callable[[ArticleData], bytes] | None = None
    part: Callable[[ArticleData, str], bytes] | None = None
    head: Callable[[], bytes] = bytes

    def file_name(self, slug: str) -> str:
        """The file this format writes for the article ``slug`` (or for the whole build)."""
        return (DATASET_NAME if self.dataset else slug) + self.extension


def _turtle(article: ArticleData) -> bytes:
    return article.turtle


def _jsonld(article: ArticleData) -> bytes:
    return article_jsonld(article.triples)


def _ntriples(article: ArticleData) -> bytes:
    return article.nt


def _trig(article: ArticleData, graph_iri: str) -> bytes:
    return _trig_block_of_turtle(article.turtle, graph_iri)


def _nquads(article: ArticleData, graph_iri: str) -> bytes:
    return nquads_of_ntriples(article.nt, graph_iri)


DATASET_NAME = "dataset"
FORMATS: dict[str, OutputFormat] = {
    f.name: f
    for f in (
        OutputFormat("turtle", ".ttl", "Turtle, one file per article", write=_turtle),
        OutputFormat("jsonld", ".jsonld", "JSON-LD compacted with the ld-export context, one file per article",
                     write=_jsonld),  # fmt: skip
        OutputFormat("ntriples", ".nt", "N-Triples, sorted, one file per article", write=_ntriples),
        OutputFormat("trig", ".trig", "TriG dataset of the whole build, one named graph per article", dataset=True,
                     part=_trig, head=prefix_lines),  # fmt: skip
        OutputFormat("nquads", ".nq", "N-Quads dataset of the whole build, sorted", dataset=True,
                     part=_nquads),  # fmt: skip
    )
}
PER_ARTICLE = tuple(name for name, f in FORMATS.items() if not f.dataset)
DATASET_FORMATS = tuple(name for name, f in FORMATS.items() if f.dataset)
