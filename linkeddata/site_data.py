"""What the published site shows, read from a build: with :mod:`linkeddata.site_article`, the part of
``publish`` that knows the data model.

:func:`open_site_data` opens a build folder (its embedded store, or its files in rdflib, as
``ld-export query`` does) and gives the site the resources it has pages for, as the small frozen
records of :mod:`linkeddata.site_records` that the templates read. When the model changes, this
module, :mod:`linkeddata.site_article` and the SPARQL in ``site_queries/`` are what follow it (the
pages across articles read only an actor's or place's aliases, description, Wikidata link and
parents from its description, in :mod:`linkeddata.site_pages`).

- Across articles (the index, actors, places, the claims and their stances, the articles that
  report each event) the data is read with the SELECT queries in ``linkeddata/site_queries/`` over
  the union of the article graphs (:func:`read_corpus`).
- One article at a time, its named graph is read whole (:meth:`SiteData.article_triples`) and
  turned into an :class:`~linkeddata.site_records.ArticleView` by
  :class:`~linkeddata.site_article.ArticleReader`.
- The named queries (``linkeddata/queries/``) are shown with their answers on the queries page.

Kinds of resource are read from ``rdf:type`` with the ontology's sub-class links, so a class the
build adds below a known one (or a standard class stated beside it) needs no change here. The
stances, the factuality of relationships and events on each claim's word, the certainty a hedge
lends and the draft status are read as the tables below name them (:data:`STANCES`,
:data:`FACTUALITY`, :data:`DRAFT`), with labels from the ontology's concept schemes.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef

from . import resources
from .errors import InputError
from .layout import BuildLayout
from .namespaces import LDE, OA, PROV, RDFS, SCHEMA, SEM, SKOS
from .query import StoreData, Terms, load_dataset, named_queries, open_data, run_query
from .site_records import ClaimRef, Corpus, Ref, Stance, Triple, when_of
from .vocabulary import STANCE_SCHEME

SITE_QUERIES = Path(__file__).resolve().parent / "site_queries"


# The kinds of resource the site knows, most specific first, each with the classes that make a
# resource one (their sub-classes in the ontology count too).
KIND_CLASSES: tuple[tuple[str, tuple[URIRef, ...]], ...] = (
    ("article", (SCHEMA.NewsArticle,)),
    ("photo", (SCHEMA.ImageObject,)),
    ("hop", (LDE.Report,)),
    ("review", (SCHEMA.ClaimReview,)),
    ("claim", (LDE.Claim, SCHEMA.Claim)),
    ("relationship", (LDE.Relationship,)),
    ("event", (LDE.Event, SEM.Event)),
    ("factuality", (LDE.Factuality,)),
    ("actor", (LDE.Actor,)),
    ("place", (SCHEMA.Place,)),
    ("anchor", (OA.SpecificResource, OA.Annotation)),
)
# How a resource points at the words that are its evidence, and what the words are to it.
ANCHOR_ROLES: dict[URIRef, str] = {
    LDE.quotation: "quotation",
    LDE.evidence: "evidence",
    LDE.hedgeCue: "cue",
    LDE.timeCue: "time",
}
# The stances of one claim towards another: property → (outgoing wording, incoming wording). The
# four that dispute are the concepts of the ontology's stance scheme (a test keeps this table
# equal to it); which of them dispute is read from the ontology (sub-properties of lde:disputes).
STANCES: dict[URIRef, tuple[str, str]] = {
    LDE.supports: ("supports", "supported by"),
    LDE.contradicts: ("contradicts", "contradicted by"),
    LDE.deniesSaying: ("denies the saying of", "its saying denied by"),
    LDE.rejectsJustification: ("rejects the justification of", "its justification rejected by"),
    LDE.doubtsSource: ("doubts the source of", "its source doubted by"),
    LDE.repeats: ("repeats", "repeated by"),
}
# A relationship's or event's factuality on each claim's word (lde:Factuality nodes).
FACTUALITY = LDE.hasFactuality
EVENT_ROLES: dict[URIRef, str] = {LDE.hasAgent: "agent", LDE.hasTarget: "target", LDE.hasVictim: "victim"}
CHAIN_LINKS: dict[URIRef, str] = {PROV.wasQuotedFrom: "quoted", PROV.wasDerivedFrom: "paraphrased"}
DRAFT = "draft"  # the schema:creativeWorkStatus of an annotation nobody has checked

# Which kind of resource a passage shows first when it is evidence for several (the mark's colour).
KIND_ORDER = ("cue", "claim", "chain", "event", "relationship", "time", "actor", "place", "photo", "article")


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
    hedge_certainty: dict[URIRef, URIRef]  # hedging level → the certainty it lends (lde:certainty)
    stance_concepts: frozenset[URIRef]  # the concepts of the stance scheme (= its properties)
    ranks: dict[URIRef, int]  # lde:rank of a concept (certainties: 0 certain … 3 underspecified)

    def disputes(self, stance: URIRef) -> bool:
        """Whether a stance property is one that disputes (a sub-property of lde:disputes)."""
        return LDE.disputes in self.superproperties.get(stance, ())

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
    hedge_certainty = {h: c for h, c in graph.subject_objects(LDE.certainty)
                       if isinstance(h, URIRef) and isinstance(c, URIRef)}  # fmt: skip
    stances = frozenset(s for s in graph.subjects(SKOS.inScheme, STANCE_SCHEME) if isinstance(s, URIRef))
    return Vocabulary(kinds, labels, symmetric, superclasses, _closure(graph, RDFS.subPropertyOf), class_labels,
                      hedge_certainty, stances,
                      {c: int(r) for c, r in graph.subject_objects(LDE.rank) if isinstance(c, URIRef)})  # fmt: skip


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
        self._last: tuple[str, list[bytes]] | None = None

    # -- reading -------------------------------------------------------------------------------

    def select(self, name: str) -> list[dict[str, object]]:
        """The rows of the site query ``name`` (``site_queries/NAME.rq``), as {variable: rdflib term}."""
        result = run_query(site_query(name), self.data, f"site query {name}")
        names = [str(v) for v in result.vars]
        return [{n: b.get(v) for n, v in zip(names, result.vars, strict=True)} for b in result.bindings]

    def article_triples(self, graph: str) -> list[tuple[str, Triple]]:
        """Every triple of one article's named graph with its N-Triples line, sorted by the line."""
        if isinstance(self.data, StoreData):
            lines = self._graph_lines(graph)
            if not lines:
                return []
            triples = list(ox.parse(b"\n".join(lines) + b"\n", format=ox.RdfFormat.N_TRIPLES))
            if len(triples) != len(lines):
                raise InputError(f"the store gave {len(triples)} triples for {len(lines)} lines of <{graph}>")
            terms = Terms()
            return [(line.decode("utf-8"), (terms[t.subject], terms[t.predicate], terms[t.object]))
                    for line, t in zip(lines, triples, strict=True)]  # fmt: skip
        return _rdflib_lines(self.data.graph(URIRef(graph)))

    def graph_digest(self, graph: str) -> str:
        """The SHA-256 of one article's named graph (its sorted N-Triples lines)."""
        if isinstance(self.data, StoreData):
            lines = self._graph_lines(graph)
        else:
            lines = [line.encode() for line, _t in _rdflib_lines(self.data.graph(URIRef(graph)))]
        return hashlib.sha256(b"\n".join(lines)).hexdigest()

    def _graph_lines(self, graph: str) -> list[bytes]:
        """One named graph of the store as sorted, distinct N-Triples lines, dumped by Oxigraph
        without a Python object per quad; the last graph read is kept, as :meth:`graph_digest` and
        :meth:`article_triples` read the same graph one after the other."""
        if self._last is not None and self._last[0] == graph:
            return self._last[1]
        dump = self.data.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))
        lines = sorted(set(dump.split(b"\n")) - {b""})
        self._last = (graph, lines)
        return lines

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
    term = Terms().__getitem__
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
    if not BuildLayout(build).dataset() and not _store_present(build):
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
            "draft": _str(r["status"]) == DRAFT,
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
        if prop not in STANCES or source not in corpus.claims or target not in corpus.claims:
            continue
        out, into = stance_pair(prop, corpus.claims[target], corpus.claims[source])
        corpus.incoming.setdefault(target, []).append(into)
        if out.disputes:
            corpus.disputes.append((corpus.claims[source], out, corpus.claims[target]))
    for stances in corpus.incoming.values():
        stances.sort(key=lambda s: (s.wording, s.claim.label, s.claim.iri))
    corpus.disputes.sort(key=lambda d: (d[0].article.label if d[0].article else "", d[0].label, d[2].label,
                                        d[1].kind))  # fmt: skip
    reported: dict[str, list[str]] = defaultdict(list)
    for r in site.select("events"):
        reported[str(r["event"])].append(str(r["article"]))
    corpus.reported = {event: tuple(sorted(set(articles))) for event, articles in sorted(reported.items())}
    return corpus


def stance_pair(prop: URIRef, target: ClaimRef, source: ClaimRef) -> tuple[Stance, Stance]:
    """A stance ``source --prop--> target`` as the source's page shows it (towards ``target``) and
    as the target's page shows it (from ``source``)."""
    out, into = STANCES[prop]
    kind, disputes = _local(str(prop)), vocabulary().disputes(prop)
    return Stance(out, target, kind, disputes), Stance(into, source, kind, disputes)


def read_description(site: SiteData) -> dict[str, list[tuple[str, Triple]]]:
    """The build's description of itself (``void.ttl`` and the parts it names: VoID, DCAT, PROV)
    by subject, as :meth:`SiteData.article_triples` gives triples; empty when the build has none."""
    triples: list[ox.Triple] = []
    for path in BuildLayout(site.build_dir).descriptions():
        try:
            with path.open("rb") as f:
                triples.extend(ox.parse(f, format=ox.RdfFormat.TURTLE))
        except (OSError, SyntaxError) as e:
            raise InputError(f"cannot read the build's description: {e}", path) from None
    pairs = _lines_and_triples(triples)
    grouped: dict[str, list[tuple[str, Triple]]] = defaultdict(list)
    for line, triple in pairs:
        grouped[str(triple[0])].append((line, triple))
    return dict(sorted(grouped.items()))


def named_answers(site: SiteData) -> Iterator[tuple[object, object]]:
    """Each named query with its answer over the build (an rdflib Result)."""
    for q in named_queries():
        yield q, run_query(q.text, site.data, f"named query {q.name}")
