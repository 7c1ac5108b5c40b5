"""What the published site shows, read from a build: the one module of ``publish`` that knows the data model.

:func:`open_site_data` opens a build folder (its embedded store, or its files in rdflib, as
``ld-export query`` does) and gives the site the resources it has pages for, as small frozen
records (:class:`ArticleView`, :class:`ClaimView`, :class:`ActorView` …) that the templates read.
Nothing else of :mod:`linkeddata.publish` names a class or a property: when the model changes, this
module (and the SPARQL in ``site_queries/``) is what follows it.

- Across articles (the index, actors, places, the timeline, disputes) the data is read with the
  SELECT queries in ``linkeddata/site_queries/`` over the union of the article graphs.
- One article at a time, its named graph is read whole (:meth:`SiteData.article_triples`) and
  turned into an :class:`ArticleView`: the text with its anchors, the claims with their chains,
  the events and relationships.
- The named queries (``linkeddata/queries/``) are shown with their answers on the queries page.

Kinds of resource are read from ``rdf:type`` with the ontology's sub-class links, so a class the
build adds below a known one (or a standard class stated beside it) needs no change here. A claim's
*factuality* is shown once the data states one (:data:`FACTUALITY`); the build writes none yet.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef

from . import resources
from .article import Article, parse_text
from .errors import InputError
from .namespaces import LDE, OA, PROV, RDF, RDFS, SCHEMA, SEM, SKOS, XSD
from .query import DATASET_FILES, StoreData, _to_rdflib, load_dataset, named_queries, open_data, run_query

SITE_QUERIES = Path(__file__).resolve().parent / "site_queries"

Triple = tuple[URIRef, URIRef, URIRef | Literal]

# The kinds of resource the site knows, most specific first, each with the classes that make a
# resource one (their sub-classes in the ontology count too).
KIND_CLASSES: tuple[tuple[str, tuple[URIRef, ...]], ...] = (
    ("article", (SCHEMA.NewsArticle,)),
    ("photo", (SCHEMA.ImageObject,)),
    ("hop", (LDE.Report,)),
    ("claim", (LDE.Claim, SCHEMA.Claim)),
    ("relationship", (LDE.Relationship,)),
    ("event", (LDE.Event, SEM.Event)),
    ("actor", (LDE.Actor,)),
    ("place", (SCHEMA.Place,)),
    ("anchor", (OA.SpecificResource, URIRef(str(OA) + "Annotation"))),
)
# How a resource points at the words that are its evidence, and what the words are to it.
ANCHOR_ROLES: dict[URIRef, str] = {
    LDE.quotation: "quotation",
    LDE.evidence: "evidence",
    LDE.hedgeCue: "cue",
    LDE.timeCue: "time",
}
# The stances of one claim towards another: property → (outgoing wording, incoming wording).
STANCES: dict[URIRef, tuple[str, str]] = {
    LDE.supports: ("supports", "supported by"),
    LDE.disputes: ("disputes", "disputed by"),
    LDE.repeats: ("repeats", "repeated by"),
}
# Properties that state the factuality of a claim, event or relationship (none in the model yet).
FACTUALITY: tuple[URIRef, ...] = ()
EVENT_ROLES: dict[URIRef, str] = {LDE.hasAgent: "agent", LDE.hasTarget: "target", LDE.hasVictim: "victim"}
CHAIN_LINKS: dict[URIRef, str] = {PROV.wasQuotedFrom: "quoted", PROV.wasDerivedFrom: "paraphrased"}

# Which kind of resource a passage shows first when it is evidence for several (the mark's colour).
KIND_ORDER = ("cue", "claim", "chain", "event", "relationship", "time", "actor", "place", "photo", "article")


# --------------------------------------------------------------------------------------------
# Small records the templates read


@dataclass(frozen=True)
class Ref:
    """A link to a resource: its IRI, its label and its kind (``actor``, ``claim`` …)."""

    iri: str
    label: str
    kind: str = ""
    note: str = ""  # e.g. the class of an actor ("ArmedGroup")


@dataclass(frozen=True)
class When:
    """A time as precise as the text: ``2015`` (gYear), ``2015-05`` (gYearMonth) or a date."""

    value: str
    precision: str  # "year", "month", "day" or "" (anything else, shown as written)

    @property
    def words(self) -> str:
        parts = self.value.split("-")
        try:
            if self.precision == "year":
                return parts[0]
            if self.precision == "month":
                return f"{calendar.month_name[int(parts[1])]} {parts[0]}"
            if self.precision == "day":
                return f"{int(parts[2])} {calendar.month_name[int(parts[1])]} {parts[0]}"
        except (IndexError, ValueError):
            pass
        return self.value

    @property
    def sort_key(self) -> str:
        return self.value


PRECISIONS = {XSD.gYear: "year", XSD.gYearMonth: "month", XSD.date: "day"}


def when_of(literal) -> When | None:
    if not isinstance(literal, Literal):
        return None
    return When(str(literal), PRECISIONS.get(literal.datatype, ""))


@dataclass(frozen=True)
class Passage:
    """Words of an article: an anchor's span and exact text (``fragment`` is its id on the article page)."""

    iri: str
    start: int
    end: int
    exact: str
    article: str  # the article's IRI

    @property
    def fragment(self) -> str:
        return f"a{self.start}-{self.end}"


@dataclass(frozen=True)
class Hop:
    """One hand of a claim's chain: who passed the words on, to whom, in which outlet, how."""

    iri: str
    n: int
    label: str
    by: Ref | None
    to: tuple[Ref, ...]
    publisher: Ref | None
    mode: str  # quoted | paraphrased
    evidence: tuple[Passage, ...]


@dataclass(frozen=True)
class ClaimRef:
    """A claim as other pages name it: label, asserter, hedge and the article that reports it."""

    iri: str
    label: str
    asserter: Ref | None
    article: Ref | None
    hedge: str = ""


@dataclass(frozen=True)
class Stance:
    wording: str  # "supports", "disputed by" …
    claim: ClaimRef


@dataclass(frozen=True)
class ClaimView:
    iri: str
    id: str  # its fragment on the article page
    label: str
    asserter: Ref | None
    recipients: tuple[Ref, ...]
    hedge: Ref | None
    cues: tuple[Passage, ...]
    quotation: Passage | None
    evidence: tuple[Passage, ...]
    chain: tuple[Hop, ...]
    article_mode: str  # how the article takes the words from the last hand: quoted | paraphrased | ""
    article: Ref
    publisher: Ref | None
    about: tuple[Ref, ...]
    stances: tuple[Stance, ...]  # outgoing, then incoming
    factuality: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class EventView:
    iri: str
    id: str
    label: str
    type: Ref | None
    roles: tuple[tuple[str, Ref], ...]  # ("agent", actor) …
    places: tuple[Ref, ...]
    when: When | None
    time_cue: Passage | None
    claims: tuple[ClaimRef, ...]
    evidence: tuple[Passage, ...]
    article: Ref
    factuality: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class RelationshipView:
    iri: str
    id: str
    label: str
    kind: Ref | None
    symmetric: bool
    source: Ref | None  # lde:fromActor
    target: Ref | None  # lde:toActor
    when: When | None
    claims: tuple[ClaimRef, ...]
    evidence: tuple[Passage, ...]
    article: Ref
    factuality: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Mark:
    """An anchor as the article page marks it: its span, what it is evidence for, its colour."""

    passage: Passage
    uses: tuple[tuple[str, str, str], ...]  # (kind, fragment id of the resource on the page, IRI)
    kind: str


@dataclass(frozen=True)
class Block:
    """A part of the article text as shown: headline, photo parts, paragraph, contributor line, boilerplate."""

    part: str  # headline | photo-id | credit | caption | paragraph | contributor | boilerplate
    start: int
    end: int


@dataclass(frozen=True)
class Photo:
    iri: str
    identifier: str
    creator: Ref | None
    provider: Ref | None
    when: When | None
    places: tuple[Ref, ...]


@dataclass(frozen=True)
class ArticleView:
    """One article and everything reported in it, ready for its pages."""

    iri: str
    graph: str
    slug: str
    headline: str
    language: str
    text: str
    sha256: str
    publisher: Ref | None
    date: When | None
    authors: tuple[Ref, ...]
    contributors: tuple[Ref, ...]
    photo: Photo | None
    blocks: tuple[Block, ...]
    marks: tuple[Mark, ...]
    claims: tuple[ClaimView, ...]
    events: tuple[EventView, ...]
    relationships: tuple[RelationshipView, ...]
    actors: tuple[Ref, ...]
    places: tuple[Ref, ...]
    # subject IRI → its triples in this graph, for the resources the article's pages describe
    descriptions: dict[str, list[tuple[str, Triple]]] = field(default_factory=dict, compare=False, repr=False)


# --------------------------------------------------------------------------------------------
# The ontology: kinds of resource, labels of concepts


@dataclass(frozen=True)
class Vocabulary:
    """What the site needs of the ontology: class → kind, concept labels, sub-class and
    sub-property closures (for the schema.org view)."""

    kinds: dict[URIRef, str]
    labels: dict[URIRef, str]
    symmetric: frozenset[URIRef]
    superclasses: dict[URIRef, frozenset[URIRef]]
    superproperties: dict[URIRef, frozenset[URIRef]]
    class_labels: dict[URIRef, str]

    def kind(self, types: Iterable[URIRef]) -> str:
        found = {self.kinds[t] for t in types if t in self.kinds}
        return next((k for k, _ in KIND_CLASSES if k in found), "")


def _closure(graph: Graph, prop: URIRef) -> dict[URIRef, frozenset[URIRef]]:
    direct: dict[URIRef, set[URIRef]] = defaultdict(set)
    for s, o in graph.subject_objects(prop):
        if isinstance(s, URIRef) and isinstance(o, URIRef):
            direct[s].add(o)
    closed: dict[URIRef, frozenset[URIRef]] = {}
    for start in direct:
        seen, todo = set(), [start]
        while todo:
            for up in direct.get(todo.pop(), ()):
                if up not in seen:
                    seen.add(up)
                    todo.append(up)
        closed[start] = frozenset(seen)
    return closed


@cache
def vocabulary() -> Vocabulary:
    graph = Graph().parse(resources.ontology_file(), format="turtle")
    superclasses = _closure(graph, RDFS.subClassOf)
    kinds: dict[URIRef, str] = {}
    for kind, classes in reversed(KIND_CLASSES):
        for c in classes:
            kinds[c] = kind
        for c, ups in superclasses.items():
            if ups & set(classes) and c not in kinds:
                kinds[c] = kind
    labels = {}
    for s, o in graph.subject_objects(SKOS.prefLabel):
        if isinstance(s, URIRef) and (s not in labels or o.language == "en"):
            labels[s] = str(o)
    class_labels = {}
    for s, o in graph.subject_objects(RDFS.label):
        if isinstance(s, URIRef) and (s not in class_labels or o.language == "en"):
            class_labels[s] = str(o)
    symmetric = frozenset(s for s, o in graph.subject_objects(LDE.symmetric) if o.toPython() is True)
    return Vocabulary(kinds, labels, symmetric, superclasses, _closure(graph, RDFS.subPropertyOf), class_labels)


# --------------------------------------------------------------------------------------------
# Reading a build


def _local(iri: str) -> str:
    return re.split(r"[/#]", iri.rstrip("/#"))[-1]


def site_query(name: str) -> str:
    return (SITE_QUERIES / f"{name}.rq").read_text(encoding="utf-8")


class SiteData:
    """A build opened for publishing: its base IRI, its articles, and readers of its graphs."""

    def __init__(self, build_dir: Path, data, base: str, articles: list[tuple[str, str, str]]):
        self.build_dir = build_dir
        self.data = data  # StoreData or an rdflib Dataset
        self.base = base
        self.articles = articles  # (article IRI, graph IRI, slug), by slug

    # -- reading -------------------------------------------------------------------------------

    def select(self, name: str) -> list[dict[str, object]]:
        """The rows of the site query ``name`` (``site_queries/NAME.rq``), as {variable: rdflib term}."""
        result = run_query(site_query(name), self.data, f"site query {name}")
        names = [str(v) for v in result.vars]
        return [{n: b.get(v) for n, v in zip(names, result.vars, strict=True)} for b in result.bindings]

    def article_triples(self, graph: str) -> list[tuple[str, Triple]]:
        """Every triple of one article's named graph with its N-Triples line, sorted by the line."""
        if isinstance(self.data, StoreData):
            quads = self.data.store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
            return _lines_and_triples(quads, graph)
        return _rdflib_lines(self.data.graph(URIRef(graph)))

    def graph_digest(self, graph: str) -> str:
        """The SHA-256 of one article's named graph (its sorted N-Quads), read without converting it."""
        if isinstance(self.data, StoreData):
            quads = list(self.data.store.quads_for_pattern(None, None, None, ox.NamedNode(graph)))
            lines = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).split(b"\n") if quads else []
        else:
            lines = [line.encode() for line, _t in _rdflib_lines(self.data.graph(URIRef(graph)))]
        lines.sort()
        return hashlib.sha256(b"\n".join(lines)).hexdigest()

    def subject_triples(self, iri: str) -> list[tuple[str, Triple]]:
        """The triples with subject ``iri`` in the union of the article graphs (each once), as
        :meth:`article_triples` gives them."""
        if isinstance(self.data, StoreData):
            quads = self.data.store.quads_for_pattern(ox.NamedNode(iri), None, None, ox.DefaultGraph())
            return _lines_and_triples(quads)
        return _rdflib_lines(set(self.data.triples((URIRef(iri), None, None))))


def _lines_and_triples(items, graph: str | None = None) -> list[tuple[str, Triple]]:
    """Oxigraph quads (in ``graph``, or the default graph) or triples as (N-Triples line, rdflib
    triple), sorted by the line, each once; each distinct term converted once."""
    items = list(items)
    if not items:
        return []
    if isinstance(items[0], ox.Triple):
        lines = ox.serialize(items, format=ox.RdfFormat.N_TRIPLES).decode("utf-8").split("\n")
    else:  # one line per quad, in order: the quad's graph (if named) is the end of its line
        lines = ox.serialize(items, format=ox.RdfFormat.N_QUADS).decode("utf-8").split("\n")
        if graph is not None:
            cut = len(graph) + 5  # " <graph> ."
            lines = [line[:-cut] + " ." for line in lines[:-1]] + [""]
    if len(lines) != len(items) + 1:
        raise InputError(f"the store gave {len(lines) - 1} lines for {len(items)} quads")
    terms: dict = {}

    def term(t):
        converted = terms.get(t)
        if converted is None:
            converted = terms[t] = _to_rdflib(t)
        return converted

    out = []
    previous = None
    for i in sorted(range(len(items)), key=lines.__getitem__):
        if lines[i] == previous:
            continue
        previous = lines[i]
        q = items[i]
        out.append((lines[i], (term(q.subject), term(q.predicate), term(q.object))))
    return out


def _rdflib_lines(triples) -> list[tuple[str, Triple]]:
    from .write import ntriples_of

    return sorted({(ntriples_of([t]).decode("utf-8").rstrip("\n"), t) for t in triples}, key=lambda x: x[0])


@dataclass(frozen=True)
class Description:
    """A resource's own description: its triples and the same as sorted N-Triples."""

    triples: tuple[Triple, ...]
    ntriples: bytes

    @classmethod
    def of(cls, pairs: Iterable[tuple[str, Triple]]) -> Description:
        pairs = sorted(set(pairs), key=lambda x: x[0])
        text = "".join(line + "\n" for line, _t in pairs)
        return cls(tuple(t for _l, t in pairs), text.encode("utf-8"))


_GRAPH_PATH = "graph/"


def open_site_data(build_dir: str | Path, base_iri: str | None = None) -> SiteData:
    """Open the build in ``build_dir`` for publishing. Raises :class:`InputError` when it is not a
    build, holds no article, or its IRIs are not minted under ``base_iri`` (when given)."""
    build = Path(build_dir)
    if not build.is_dir():
        raise InputError("no such build folder (run `ld-export build` first)", build)
    if not any((build / n).is_file() for n in DATASET_FILES) and not _store_present(build):
        raise InputError(
            "the folder holds no dataset.nq or dataset.trig; publish reads a build folder with its dataset "
            "(run `ld-export build -o FOLDER`, with the nquads or trig format)",
            build,
        )
    try:
        data = open_data([build])
    except InputError:
        raise
    if not isinstance(data, StoreData):
        data = load_dataset([build])
    probe = SiteData(build, data, "", [])
    rows = probe.select("articles")
    if not rows:
        raise InputError("the build holds no article", build)
    graphs = sorted((str(r["graph"]), str(r["article"])) for r in rows)
    bases = set()
    articles = []
    for graph, article in graphs:
        base, sep, slug = graph.rpartition(_GRAPH_PATH)
        if not sep or "/" in slug:
            raise InputError(f"the named graph <{graph}> is not a graph IRI of ld-export (<base>graph/<slug>)", build)
        bases.add(base)
        articles.append((article, graph, slug))
    if len(bases) != 1:
        raise InputError(f"the build's IRIs are minted under several bases: {', '.join(sorted(bases))}", build)
    base = bases.pop()
    if base_iri is not None and base_iri != base:
        raise InputError(
            f"the build's IRIs are minted under {base}, not under {base_iri}; publish it with "
            f"--base-iri {base} (or leave the option out), or build again with --base-iri {base_iri}",
            build,
        )
    articles.sort(key=lambda a: a[2])
    return SiteData(build, data, base, articles)


def _store_present(build: Path) -> bool:
    from .store import current

    return current(build) is not None


# --------------------------------------------------------------------------------------------
# Across articles: what the corpus pages and the pages of shared resources show


@dataclass
class Corpus:
    """Everything the site shows across articles, read with the site queries."""

    articles: dict[str, Ref] = field(default_factory=dict)  # article IRI → headline
    article_info: dict[str, dict] = field(default_factory=dict)  # publisher, date
    claims: dict[str, ClaimRef] = field(default_factory=dict)
    incoming: dict[str, list[Stance]] = field(default_factory=dict)  # claim IRI → stances towards it
    actors: dict[str, Ref] = field(default_factory=dict)
    places: dict[str, Ref] = field(default_factory=dict)
    disputes: list[tuple[ClaimRef, str, ClaimRef]] = field(default_factory=list)


def _str(term) -> str:
    return "" if term is None else str(term)


def read_corpus(site: SiteData) -> Corpus:
    vocab = vocabulary()
    corpus = Corpus()
    for r in site.select("articles"):
        iri = str(r["article"])
        corpus.articles[iri] = Ref(iri, _str(r["headline"]), "article")
        corpus.article_info[iri] = {
            "publisher": Ref(str(r["publisher"]), _str(r["publisherLabel"]), "actor") if r["publisher"] else None,
            "date": when_of(r["date"]),
            "slug": str(r["graph"]).rpartition(_GRAPH_PATH)[2],
        }
    for r in site.select("actors"):
        iri = str(r["actor"])
        kind = vocab.class_labels.get(r["class"], _local(str(r["class"])))
        if iri not in corpus.actors or kind < corpus.actors[iri].note:
            corpus.actors[iri] = Ref(iri, _str(r["label"]), "actor", kind)
    for r in site.select("places"):
        corpus.places[str(r["place"])] = Ref(str(r["place"]), _str(r["label"]), "place")
    for r in site.select("claims"):
        iri = str(r["claim"])
        who = str(r["asserter"])
        corpus.claims[iri] = ClaimRef(
            iri,
            _str(r["label"]),
            corpus.actors.get(who) or Ref(who, _str(r["asserterLabel"]), "actor"),
            corpus.articles.get(str(r["article"])),
            vocab.labels.get(r["hedge"], _local(_str(r["hedge"]))) if r["hedge"] is not None else "",
        )
    for r in site.select("stances"):
        prop, source, target = r["stance"], str(r["claim"]), str(r["other"])
        wording = STANCES.get(prop)
        if wording is None or source not in corpus.claims or target not in corpus.claims:
            continue
        corpus.incoming.setdefault(target, []).append(Stance(wording[1], corpus.claims[source]))
        if prop == LDE.disputes:
            corpus.disputes.append((corpus.claims[source], wording[0], corpus.claims[target]))
    for stances in corpus.incoming.values():
        stances.sort(key=lambda s: (s.wording, s.claim.label, s.claim.iri))
    corpus.disputes.sort(key=lambda d: (d[0].article.label if d[0].article else "", d[0].label, d[2].label))
    return corpus


# --------------------------------------------------------------------------------------------
# One article


class _Nodes:
    """An article graph grouped by subject: ``nodes[s][p]`` is the sorted list of objects."""

    def __init__(self, pairs: Iterable[tuple[str, Triple]]):
        self.by: dict[URIRef, dict[URIRef, list]] = defaultdict(lambda: defaultdict(list))
        self.into: dict[URIRef, list[tuple[URIRef, URIRef]]] = defaultdict(list)  # object → (subject, property)
        self.pairs: dict[URIRef, list[tuple[str, Triple]]] = defaultdict(list)  # by subject, N-Triples order
        for line, (s, p, o) in pairs:
            self.by[s][p].append(o)
            self.pairs[s].append((line, (s, p, o)))
            if isinstance(o, URIRef):
                self.into[o].append((s, p))

    def one(self, s, p):
        values = self.by.get(s, {}).get(p)
        return values[0] if values else None

    def all(self, s, p) -> list:
        return self.by.get(s, {}).get(p, [])

    def text(self, s, p) -> str:
        values = self.by.get(s, {}).get(p) or []
        if not values:
            return ""
        english = [v for v in values if isinstance(v, Literal) and v.language == "en"]
        return str((english or values)[0])


class ArticleReader:
    """Turns one article graph into an :class:`ArticleView`, with the corpus for what lies outside it."""

    def __init__(self, pairs: list[tuple[str, Triple]], corpus: Corpus, graph: str, slug: str):
        self.vocab = vocabulary()
        self.corpus = corpus
        self.graph, self.slug = graph, slug
        self.n = _Nodes(pairs)
        self.kind = {s: self.vocab.kind(props.get(RDF.type, ())) for s, props in self.n.by.items()}

    # -- small readers -------------------------------------------------------------------------

    def label(self, iri) -> str:
        return self.n.text(iri, RDFS.label) or self.n.text(iri, SCHEMA.headline) or _local(str(iri))

    def ref(self, iri) -> Ref:
        iri = URIRef(iri)
        kind = self.kind.get(iri, "")
        if not kind:
            for table in (self.corpus.actors, self.corpus.places):
                if str(iri) in table:
                    return table[str(iri)]
            if str(iri) in self.corpus.claims:
                c = self.corpus.claims[str(iri)]
                return Ref(c.iri, c.label, "claim")
        note = ""
        if kind == "actor":
            note = self.corpus.actors[str(iri)].note if str(iri) in self.corpus.actors else ""
        return Ref(str(iri), self.label(iri), kind, note)

    def refs(self, s, p) -> tuple[Ref, ...]:
        return tuple(sorted((self.ref(o) for o in self.n.all(s, p)), key=lambda r: (r.label, r.iri)))

    def concept(self, iri) -> Ref | None:
        if iri is None:
            return None
        return Ref(str(iri), self.vocab.labels.get(iri, _local(str(iri))), "concept")

    def passage(self, anchor) -> Passage | None:
        span = self.spans.get(anchor)
        if span is None:
            return None
        start, end, exact = span
        return Passage(str(self.anchor_iri[(start, end)]), start, end, exact, str(self.article))

    def passages(self, s, p) -> tuple[Passage, ...]:
        found = {self.passage(o) for o in self.n.all(s, p)}
        return tuple(sorted((x for x in found if x), key=lambda x: (x.start, x.end)))

    def claim_ref(self, iri) -> ClaimRef:
        known = self.corpus.claims.get(str(iri))
        if known:
            return known
        return ClaimRef(str(iri), self.label(iri), None, None)

    def factuality(self, s) -> tuple[tuple[str, str], ...]:
        return tuple((_local(str(p)), self.label(o) if isinstance(o, URIRef) else str(o))
                     for p in FACTUALITY for o in self.n.all(s, p))  # fmt: skip

    # -- the parts -----------------------------------------------------------------------------

    def read(self) -> ArticleView:
        n = self.n
        articles = [s for s, k in self.kind.items() if k == "article"]
        if len(articles) != 1:
            raise InputError(f"the named graph <{self.graph}> holds {len(articles)} articles, not one")
        self.article = art = articles[0]
        text = n.text(art, SCHEMA.text)
        self.article_ref = Ref(str(art), self.label(art), "article")
        self._read_spans()
        claims = self._claims()
        events = self._events()
        relationships = self._relationships()
        photo_iri = n.one(art, SCHEMA.image)
        photo = None
        if photo_iri is not None:
            photo = Photo(
                str(photo_iri),
                n.text(photo_iri, SCHEMA.identifier),
                self.ref(n.one(photo_iri, SCHEMA.creator)) if n.one(photo_iri, SCHEMA.creator) else None,
                self.ref(n.one(photo_iri, SCHEMA.provider)) if n.one(photo_iri, SCHEMA.provider) else None,
                when_of(n.one(photo_iri, SCHEMA.dateCreated)),
                self.refs(photo_iri, SCHEMA.contentLocation),
            )
        parsed = parse_text(text, self.slug, Path(self.slug + ".txt"))
        language = n.text(art, SCHEMA.inLanguage) or "en"
        mentioned = [self.ref(o) for o in n.all(art, SCHEMA.mentions)]
        return ArticleView(
            iri=str(art),
            graph=self.graph,
            slug=self.slug,
            headline=n.text(art, SCHEMA.headline),
            language=language,
            text=text,
            sha256=n.text(art, SCHEMA.sha256),
            publisher=self.ref(n.one(art, SCHEMA.publisher)) if n.one(art, SCHEMA.publisher) else None,
            date=when_of(n.one(art, SCHEMA.datePublished)),
            authors=self.refs(art, SCHEMA.author),
            contributors=self.refs(art, SCHEMA.contributor),
            photo=photo,
            blocks=blocks_of(parsed),
            marks=self._marks(),
            claims=claims,
            events=events,
            relationships=relationships,
            actors=tuple(sorted((r for r in mentioned if r.kind == "actor"), key=lambda r: (r.label, r.iri))),
            places=tuple(sorted((r for r in mentioned if r.kind == "place"), key=lambda r: (r.label, r.iri))),
            descriptions={str(s): pairs for s, pairs in n.pairs.items()},
        )

    def _read_spans(self) -> None:
        """Every anchor of the article: the resources that have (or whose target has) a position
        selector, with its span and exact words; one IRI per span (the first, when several)."""
        n = self.n
        position, exact = {}, {}
        for s, props in n.by.items():
            if OA.start in props and OA.end in props:
                position[s] = (int(props[OA.start][0]), int(props[OA.end][0]))
            if OA.exact in props:
                exact[s] = str(props[OA.exact][0])
        self.spans: dict[URIRef, tuple[int, int, str]] = {}
        for s, props in n.by.items():
            selectors = props.get(OA.hasSelector, ())
            pos = next((position[x] for x in selectors if x in position), None)
            words = next((exact[x] for x in selectors if x in exact), None)
            if pos and words is not None:
                self.spans[s] = (pos[0], pos[1], words)
        for s, props in n.by.items():  # an annotation whose target carries the selectors
            for target in props.get(URIRef(str(OA) + "hasTarget"), ()):
                if target in self.spans and s not in self.spans:
                    self.spans[s] = self.spans[target]
        self.anchor_iri: dict[tuple[int, int], URIRef] = {}
        for s in sorted(self.spans):
            self.anchor_iri.setdefault(self.spans[s][:2], s)

    def _fragment(self, iri, kind: str) -> str:
        """The id of a resource's entry on the article page."""
        prefix = {"claim": "c", "event": "e", "relationship": "r", "actor": "actor", "place": "place"}.get(kind, "x")
        return f"{prefix}-{_local(str(iri))}"

    def _marks(self) -> tuple[Mark, ...]:
        uses: dict[tuple[int, int], set[tuple[str, str, str]]] = defaultdict(set)
        for anchor, (start, end, _exact) in self.spans.items():
            for subject, prop in self.n.into.get(anchor, ()):
                role = ANCHOR_ROLES.get(prop)
                if role is None:
                    continue
                kind = self.kind.get(subject, "")
                target = subject
                if kind == "hop":  # the words that show a hand of the chain: the claim's
                    target = self._claim_of_hop(subject)
                    kind = "chain"
                elif kind == "claim" and role == "cue":
                    kind = "cue"
                elif role == "time":
                    kind = "time"
                elif kind == "photo":
                    target = subject
                shown = {"chain": "claim", "cue": "claim", "time": "event"}.get(kind, kind)
                uses[(start, end)].add((kind, self._fragment(target, shown), str(target)))
        marks = []
        for span, iri in sorted(self.anchor_iri.items()):
            start, end = span
            found = uses.get(span, set())
            kinds = {k for k, _, _ in found}
            kind = next((k for k in KIND_ORDER if k in kinds), "article")
            passage = Passage(str(iri), start, end, self.spans[iri][2], str(self.article))
            marks.append(Mark(passage, tuple(sorted(found)), kind))
        return tuple(marks)

    def _claim_of_hop(self, hop) -> URIRef:
        seen = set()
        while self.kind.get(hop) == "hop" and hop not in seen:
            seen.add(hop)
            hop = next((o for p in CHAIN_LINKS for o in self.n.all(hop, p)), hop)
        return hop

    def _chain(self, claim) -> tuple[Hop, ...]:
        hops = []
        for s, k in self.kind.items():
            if k == "hop" and self._claim_of_hop(s) == claim:
                mode = next((m for p, m in CHAIN_LINKS.items() if self.n.all(s, p)), "")
                by = self.n.one(s, PROV.wasAttributedTo)
                publisher = self.n.one(s, SCHEMA.publisher)
                number = self.n.one(s, LDE.hop)
                hops.append(
                    Hop(
                        str(s),
                        int(number) if number is not None else 0,
                        self.label(s),
                        self.ref(by) if by is not None else None,
                        self.refs(s, SCHEMA.recipient),
                        self.ref(publisher) if publisher is not None else None,
                        mode,
                        self.passages(s, LDE.evidence),
                    )
                )
        return tuple(sorted(hops, key=lambda h: (h.n, h.iri)))

    def _claims(self) -> tuple[ClaimView, ...]:
        n = self.n
        publisher = n.one(self.article, SCHEMA.publisher)
        # How the article takes each chain's last hand (or the claim itself): quoted or paraphrased.
        taken = {o: mode for p, mode in CHAIN_LINKS.items() for o in n.all(self.article, p)}
        out = []
        for s in sorted(x for x, k in self.kind.items() if k == "claim"):
            chain = self._chain(s)
            last = URIRef(chain[-1].iri) if chain else s
            stances = [
                Stance(wording[0], self.claim_ref(o)) for p, wording in STANCES.items() for o in n.all(s, p)
            ] + list(self.corpus.incoming.get(str(s), ()))
            asserter = n.one(s, PROV.wasAttributedTo)
            out.append(
                ClaimView(
                    iri=str(s),
                    id=self._fragment(s, "claim"),
                    label=self.label(s),
                    asserter=self.ref(asserter) if asserter is not None else None,
                    recipients=self.refs(s, SCHEMA.recipient),
                    hedge=self.concept(n.one(s, LDE.hedge)),
                    cues=self.passages(s, LDE.hedgeCue),
                    quotation=(self.passages(s, LDE.quotation) or (None,))[0],
                    evidence=self.passages(s, LDE.evidence),
                    chain=chain,
                    article_mode=taken.get(last, ""),
                    article=self.article_ref,
                    publisher=self.ref(publisher) if publisher is not None else None,
                    about=self.refs(s, SCHEMA.about),
                    stances=tuple(stances),
                    factuality=self.factuality(s),
                )
            )
        return tuple(sorted(out, key=lambda c: (_first(c), c.label, c.iri)))

    def _claim_refs(self, s) -> tuple[ClaimRef, ...]:
        found = (self.claim_ref(o) for o in self.n.all(s, LDE.supportedBy))
        return tuple(sorted(found, key=lambda c: (c.label, c.iri)))

    def _events(self) -> tuple[EventView, ...]:
        n = self.n
        out = []
        for s in sorted(x for x, k in self.kind.items() if k == "event"):
            roles = tuple((role, r) for p, role in EVENT_ROLES.items() for r in self.refs(s, p))
            cue = n.one(s, LDE.timeCue)
            out.append(
                EventView(
                    iri=str(s),
                    id=self._fragment(s, "event"),
                    label=self.label(s),
                    type=self.concept(n.one(s, LDE.eventType)),
                    roles=roles,
                    places=self.refs(s, SEM.hasPlace),
                    when=when_of(n.one(s, SEM.hasTimeStamp)),
                    time_cue=self.passage(cue) if cue is not None else None,
                    claims=self._claim_refs(s),
                    evidence=self.passages(s, LDE.evidence),
                    article=self.article_ref,
                    factuality=self.factuality(s),
                )
            )
        return tuple(sorted(out, key=lambda e: (e.when.sort_key if e.when else "~", e.label, e.iri)))

    def _relationships(self) -> tuple[RelationshipView, ...]:
        n = self.n
        out = []
        for s in sorted(x for x, k in self.kind.items() if k == "relationship"):
            kind = n.one(s, LDE.relationshipKind)
            source, target = n.one(s, LDE.fromActor), n.one(s, LDE.toActor)
            out.append(
                RelationshipView(
                    iri=str(s),
                    id=self._fragment(s, "relationship"),
                    label=self.label(s),
                    kind=self.concept(kind),
                    symmetric=kind in self.vocab.symmetric,
                    source=self.ref(source) if source is not None else None,
                    target=self.ref(target) if target is not None else None,
                    when=when_of(n.one(s, LDE.time)),
                    claims=self._claim_refs(s),
                    evidence=self.passages(s, LDE.evidence),
                    article=self.article_ref,
                    factuality=self.factuality(s),
                )
            )
        return tuple(sorted(out, key=lambda r: (r.kind.label if r.kind else "", r.label, r.iri)))


def _first(claim: ClaimView) -> int:
    spans = [p.start for p in (claim.quotation, *claim.evidence) if p is not None]
    return min(spans) if spans else 1 << 62


def blocks_of(article: Article) -> tuple[Block, ...]:
    """The parts of the text in their order: headline, photo line (picture id, credit, caption),
    body paragraphs (one per line), contributor lines, boilerplate."""
    text = article.text
    blocks = [Block("headline", article.headline.start, article.headline.end)]
    if article.photo:
        p = article.photo
        if p.identifier:
            blocks.append(Block("photo-id", p.identifier.start, p.identifier.end))
        blocks.append(Block("credit", p.credit.start, p.credit.end))
        blocks.append(Block("caption", p.caption.start, p.caption.end))
    for m in re.finditer(r"[^\r\n]+", text[article.body.start : article.body.end]):
        if m.group().strip():
            blocks.append(Block("paragraph", article.body.start + m.start(), article.body.start + m.end()))
    for c in article.contributors:
        blocks.append(Block("contributor", c.start, c.end))
    if article.boilerplate:
        for m in re.finditer(r"[^\r\n]+", text[article.boilerplate.start :]):
            if m.group().strip():
                start = article.boilerplate.start + m.start()
                blocks.append(Block("boilerplate", start, start + len(m.group())))
    return tuple(blocks)


def read_article(site: SiteData, corpus: Corpus, article: tuple[str, str, str]) -> ArticleView:
    _iri, graph, slug = article
    return ArticleReader(site.article_triples(graph), corpus, graph, slug).read()


def read_description(site: SiteData) -> dict[str, list[tuple[str, Triple]]]:
    """The build's description of itself (``void.ttl``: VoID, DCAT, PROV) by subject, as
    :meth:`SiteData.article_triples` gives triples; empty when the build has none."""
    from .describe import DESCRIPTION_NAME

    path = site.build_dir / DESCRIPTION_NAME
    if not path.is_file():
        return {}
    try:
        with path.open("rb") as f:
            pairs = _lines_and_triples(ox.parse(f, format=ox.RdfFormat.TURTLE))
    except (OSError, SyntaxError) as e:
        raise InputError(f"cannot read the build's description: {e}", path) from None
    grouped: dict[str, list[tuple[str, Triple]]] = defaultdict(list)
    for line, triple in pairs:
        grouped[str(triple[0])].append((line, triple))
    return dict(sorted(grouped.items()))


def named_answers(site: SiteData) -> Iterator[tuple[object, object]]:
    """Each named query with its answer over the build (an rdflib Result)."""
    for q in named_queries():
        yield q, run_query(q.text, site.data, f"named query {q.name}")
