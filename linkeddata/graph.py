"""Turn an article and its checked annotation into an RDF graph of the conflict ontology.

All IRIs are minted by :class:`Minter`; nothing else builds an IRI from a string. The graph is
self-contained: it holds every actor and place it refers to, so it validates on its own.
"""

from __future__ import annotations

import datetime
import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import quote as percent_encode

from rdflib import Graph, Literal, URIRef

from .anchor import Anchor, locate
from .annotation import Actor, Annotation, Origin, Place, Quote
from .article import Article
from .errors import AnnotationError, InputError
from .namespaces import (
    ET,
    HEDGE,
    LDE,
    OA,
    OWL,
    PROV,
    RDF,
    RDFS,
    RK,
    SCHEMA,
    SEM,
    SKOS,
    WD,
    XSD,
    bind_prefixes,
)  # fmt: skip

ACTOR_CLASSES = {
    "person": LDE.Person,
    "organization": LDE.Organization,
    "state": LDE.State,
    "government": LDE.Government,
    "military-force": LDE.MilitaryForce,
    "armed-group": LDE.ArmedGroup,
    "media-outlet": LDE.MediaOutlet,
    "population-group": LDE.PopulationGroup,
}

# The syntax of an absolute IRI (RFC 3987), which Turtle, N-Triples, JSON-LD and SPARQL parsers check.
_UCSCHAR = (
    "\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef"
    + "".join(f"{chr(plane)}-{chr(plane + 0xFFFD)}" for plane in range(0x10000, 0xE0000, 0x10000))
    + "\U000e1000-\U000efffd"
)
_IPRIVATE = "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"
_IUNRESERVED = r"A-Za-z0-9._~\-" + _UCSCHAR
_SUB_DELIMS = "!$&'()*+,;="
_PCT = "%[0-9A-Fa-f]{2}"
_IPCHAR = f"(?:[{_IUNRESERVED}{_SUB_DELIMS}:@]|{_PCT})"
_IRI = re.compile(
    r"[A-Za-z][A-Za-z0-9+.\-]*:"
    f"(?://(?:(?:[{_IUNRESERVED}{_SUB_DELIMS}:]|{_PCT})*@)?"
    rf"(?P<host>\[[^\]/]*\]|(?:[{_IUNRESERVED}{_SUB_DELIMS}]|{_PCT})*)(?::[0-9]*)?(?:/{_IPCHAR}*)*"
    f"|/?(?:{_IPCHAR}+(?:/{_IPCHAR}*)*)?)"
    f"(?:\\?(?:{_IPCHAR}|[/?{_IPRIVATE}])*)?"
    f"(?:#(?:{_IPCHAR}|[/?])*)?"
)
_IP_FUTURE = re.compile(rf"v[0-9A-Fa-f]+\.[A-Za-z0-9._~\-{_SUB_DELIMS}:]+")


def _is_absolute_iri(text: str) -> bool:
    m = _IRI.fullmatch(text)
    if not m or re.search(r"\s", text):  # rdflib's readers stop at any Unicode space, e.g. U+00A0
        return False
    host = m.group("host") or ""
    if host.startswith("["):
        inner = host[1:-1]
        if not _IP_FUTURE.fullmatch(inner):
            try:
                ipaddress.IPv6Address(inner)
            except ValueError:
                return False
            return "%" not in inner
    return True


BASE_SCHEMES = ("http", "https", "urn", "tag")


def check_base_iri(base: str) -> str:
    """A base IRI must be an absolute IRI (RFC 3987) of a scheme that names things
    (:data:`BASE_SCHEMES`: not ``javascript:``, ``data:`` or ``file:``, which a browser or a
    client would run, decode or read) and end in ``/`` or ``#``."""
    if not _is_absolute_iri(base):
        raise InputError(f"the base IRI {base!r} is not an absolute IRI (e.g. https://example.org/data/)")
    scheme = base.split(":", 1)[0].lower()
    if scheme not in BASE_SCHEMES:
        raise InputError(
            f"the base IRI {base!r} has the scheme '{scheme}:'; IRIs of the data are minted under "
            f"{', '.join(s + ':' for s in BASE_SCHEMES)} only (e.g. https://example.org/data/)"
        )
    if not base.endswith(("/", "#")):
        raise InputError(f"the base IRI {base!r} must end with '/' or '#'")
    return base


class Minter:
    """Mints the IRIs of one article's resources under a base IRI (see docs/model.md)."""

    def __init__(self, base: str, slug: str):
        self.base, self.slug = check_base_iri(base), slug

    def _iri(self, *parts: str | int) -> URIRef:
        return URIRef(self.base + "/".join(percent_encode(str(p), safe="") for p in parts))

    def article(self) -> URIRef:
        return self._iri("article", self.slug)

    def graph(self) -> URIRef:
        return self._iri("graph", self.slug)

    def photo(self) -> URIRef:
        return self._iri("article", self.slug, "photo")

    def actor(self, actor_id: str) -> URIRef:
        return self._iri("actor", actor_id)

    def place(self, place_id: str) -> URIRef:
        return self._iri("place", place_id)

    def claim(self, claim_id: str) -> URIRef:
        return self._iri("claim", self.slug, claim_id)

    def claim_ref(self, ref: str) -> URIRef:
        """A claim named by ``id`` (this article) or ``other-slug/id`` (another article)."""
        slug, _, claim_id = ref.rpartition("/")
        return self._iri("claim", slug or self.slug, claim_id)

    def hop(self, claim_id: str, n: int) -> URIRef:
        return self._iri("claim", self.slug, claim_id, "hop", n)

    def relationship(self, rel_id: str) -> URIRef:
        return self._iri("relationship", self.slug, rel_id)

    def event(self, event_id: str) -> URIRef:
        return self._iri("event", self.slug, event_id)

    def anchor(self, a: Anchor) -> URIRef:
        return self._iri("anchor", self.slug, f"{a.start}-{a.end}")

    def selector(self, a: Anchor, kind: str) -> URIRef:
        return self._iri("anchor", self.slug, f"{a.start}-{a.end}", kind)

    def owns(self, iri: str) -> bool:
        """Whether ``iri`` names a resource of this article alone: one minted with its slug (the
        article, its photo and graph, claims and hops, relationships, events, anchors), which no
        other article's graph describes, unlike the actors and places articles share."""
        if not iri.startswith(self.base):
            return False
        segments = iri[len(self.base) :].split("/", 2)
        return len(segments) > 1 and segments[1] == percent_encode(self.slug, safe="")


def time_literal(value: str, origin: Origin) -> Literal:
    """``YYYY`` → xsd:gYear, ``YYYY-MM`` → xsd:gYearMonth, ``YYYY-MM-DD`` → xsd:date (checked)."""
    if len(value) == 4:
        return Literal(value, datatype=XSD.gYear)
    if len(value) == 7:
        return Literal(value, datatype=XSD.gYearMonth)
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        raise AnnotationError(f"{value!r} is not a calendar date", origin.file, origin.line) from None
    return Literal(value, datatype=XSD.date)


@dataclass
class ArticleGraph:
    """The graph of one article, where each resource came from, and what it holds.

    ``triples`` is the graph as a set of rdflib triples (cheap to build and to write out);
    ``graph`` is the same as an rdflib :class:`~rdflib.Graph`, made on first use.
    """

    article: Article
    triples: frozenset[tuple[URIRef, URIRef, URIRef | Literal]]
    graph_iri: URIRef
    article_iri: URIRef
    origins: dict[URIRef, Origin] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    actors: frozenset[URIRef] = frozenset()
    places: frozenset[URIRef] = frozenset()

    @cached_property
    def graph(self) -> Graph:
        graph = Graph()
        bind_prefixes(graph)
        for triple in sorted(self.triples):
            graph.add(triple)
        return graph


def _en(text: str) -> Literal:
    return Literal(text, lang="en")


class _Builder:
    def __init__(self, article: Article, an: Annotation, base: str):
        self.article, self.an = article, an
        self.mint = Minter(base, article.slug)
        self.g: set[tuple] = set()
        self.origins: dict[URIRef, Origin] = {}
        self.anchors: dict[tuple[int, int], Anchor] = {}
        self.actors: set[str] = set()
        self.places: set[str] = set()
        self.article_iri = self.mint.article()

    # -- helpers -------------------------------------------------------------------------------

    def add(self, s: URIRef, p: URIRef, o) -> None:
        self.g.add((s, p, o))

    def origin(self, iri: URIRef, origin: Origin) -> URIRef:
        self.origins.setdefault(iri, origin)
        return iri

    def anchor(self, quote: Quote) -> URIRef:
        a = locate(self.article, quote)
        iri = self.mint.anchor(a)
        if (a.start, a.end) not in self.anchors:
            self.anchors[(a.start, a.end)] = a
            self.origin(iri, quote.origin)
            self.origin(self.mint.selector(a, "quote"), quote.origin)
            self.origin(self.mint.selector(a, "position"), quote.origin)
        return iri

    def evidence(self, subject: URIRef, quotes: Iterable[Quote], prop: URIRef = LDE.evidence) -> None:
        for q in quotes:
            self.add(subject, prop, self.anchor(q))

    def actor(self, actor_id: str) -> URIRef:
        self.actors.add(actor_id)
        return self.mint.actor(actor_id)

    def place(self, place_id: str) -> URIRef:
        self.places.add(place_id)
        return self.mint.place(place_id)

    # -- the parts -----------------------------------------------------------------------------

    def build(self) -> ArticleGraph:
        self.article_node()
        for m in self.an.actor_mentions:
            iri = self.actor(m.id)
            self.add(self.article_iri, SCHEMA.mentions, iri)
            self.evidence(iri, m.quotes)
        for m in self.an.place_mentions:
            iri = self.place(m.id)
            self.add(self.article_iri, SCHEMA.mentions, iri)
            self.evidence(iri, m.quotes)
        for c in self.an.claims:
            self.claim(c)
        for r in self.an.relationships:
            self.relationship(r)
        for e in self.an.events:
            self.event(e)
        self.close_actors_and_places()
        for a in self.anchors.values():
            self.anchor_node(a)
        return ArticleGraph(
            article=self.article,
            triples=frozenset(self.g),
            graph_iri=self.mint.graph(),
            article_iri=self.article_iri,
            origins=self.origins,
            counts={
                "actors": len(self.actors),
                "places": len(self.places),
                "claims": len(self.an.claims),
                "relationships": len(self.an.relationships),
                "events": len(self.an.events),
                "anchors": len(self.anchors),
                "triples": len(self.g),
            },
            actors=frozenset(map(self.mint.actor, self.actors)),
            places=frozenset(map(self.mint.place, self.places)),
        )

    def article_node(self) -> None:
        art, info, text = self.article_iri, self.an.article, self.article.text
        self.origin(art, info.origin)
        headline = self.article.headline.of(text)
        for t in (SCHEMA.NewsArticle, PROV.Entity):
            self.add(art, RDF.type, t)
        self.add(art, RDFS.label, Literal(headline, lang=info.language))
        self.add(art, SCHEMA.headline, Literal(headline, lang=info.language))
        self.add(art, SCHEMA.articleBody, Literal(self.article.body.of(text), lang=info.language))
        self.add(art, SCHEMA.text, Literal(text))
        self.add(art, SCHEMA.sha256, Literal(self.article.sha256))
        self.add(art, SCHEMA.encodingFormat, Literal("text/plain"))
        self.add(art, SCHEMA.inLanguage, Literal(info.language))
        self.add(art, SCHEMA.publisher, self.actor(info.publisher))
        if info.date_published:
            self.add(art, SCHEMA.datePublished, time_literal(info.date_published, info.origin))
        if info.status:
            self.add(art, SCHEMA.creativeWorkStatus, Literal(info.status))
        for prop, credits in ((SCHEMA.author, info.authors), (SCHEMA.contributor, info.contributors)):
            for credit in credits:
                iri = self.actor(credit.actor)
                self.add(art, prop, iri)
                self.evidence(iri, credit.evidence)
        if info.photo:
            p, photo = info.photo, self.origin(self.mint.photo(), info.photo.origin)
            self.add(art, SCHEMA.image, photo)
            self.add(photo, RDF.type, SCHEMA.ImageObject)
            credit_anchor, caption_anchor = self.anchor(p.credit), self.anchor(p.caption)
            credit_text = self.anchors_text(credit_anchor)
            self.add(photo, RDFS.label, _en(f"Photo: {credit_text}"))
            self.add(photo, SCHEMA.creditText, Literal(credit_text))
            self.add(photo, SCHEMA.caption, Literal(self.anchors_text(caption_anchor), lang=info.language))
            self.add(photo, LDE.evidence, credit_anchor)
            self.add(photo, LDE.evidence, caption_anchor)
            if p.identifier:
                self.add(photo, SCHEMA.identifier, Literal(p.identifier))
            if p.creator:
                self.add(photo, SCHEMA.creator, self.actor(p.creator))
            if p.provider:
                self.add(photo, SCHEMA.provider, self.actor(p.provider))
            if p.date:
                self.add(photo, SCHEMA.dateCreated, time_literal(p.date, p.origin))
            for place_id in p.places:
                self.add(photo, SCHEMA.contentLocation, self.place(place_id))

    def anchors_text(self, anchor_iri: URIRef) -> str:
        start, end = str(anchor_iri).rsplit("/", 1)[1].split("-")
        return self.article.text[int(start) : int(end)]

    def claim(self, c) -> None:
        iri = self.origin(self.mint.claim(c.id), c.origin)
        self.add(iri, RDF.type, LDE.Claim)
        self.add(iri, RDFS.label, _en(c.label))
        self.add(iri, PROV.wasAttributedTo, self.actor(c.asserter))
        for ref in c.told_to:
            self.add(iri, SCHEMA.recipient, self.actor(ref))
        self.add(iri, LDE.hedge, HEDGE[c.hedge])
        self.evidence(iri, c.cue, LDE.hedgeCue)
        if c.quote:
            self.add(iri, LDE.quotation, self.anchor(c.quote))
        self.evidence(iri, c.evidence)
        self.add(iri, LDE.reportedIn, self.article_iri)
        for ref in c.about:
            self.add(iri, SCHEMA.about, self.any_iri(ref))
        for prop, refs in ((LDE.supports, c.supports), (LDE.disputes, c.disputes), (LDE.repeats, c.repeats)):
            for ref in refs:
                self.add(iri, prop, self.mint.claim_ref(ref))
        previous = iri
        for n, h in enumerate(c.chain, start=1):
            hop = self.origin(self.mint.hop(c.id, n), h.origin)
            self.add(hop, RDF.type, LDE.Report)
            self.add(hop, LDE.hop, Literal(n, datatype=XSD.positiveInteger))
            self.add(hop, PROV.wasAttributedTo, self.actor(h.by))
            for ref in h.to:
                self.add(hop, SCHEMA.recipient, self.actor(ref))
            if h.publisher:
                self.add(hop, SCHEMA.publisher, self.actor(h.publisher))
            self.add(hop, PROV.wasQuotedFrom if h.mode == "quoted" else PROV.wasDerivedFrom, previous)
            self.add(hop, RDFS.label, _en(self.hop_label(h)))
            self.evidence(hop, h.evidence)
            previous = hop
        if c.asserter != self.an.article.publisher or c.chain:
            link = PROV.wasQuotedFrom if c.article_mode == "quoted" else PROV.wasDerivedFrom
            self.add(self.article_iri, link, previous)

    def hop_label(self, h) -> str:
        label = self.an.actor(h.by).label
        if h.to:
            label += " to " + " and ".join(self.an.actor(t).label for t in h.to)
        if h.publisher:
            label += " in " + self.an.actor(h.publisher).label
        return label

    def any_iri(self, ref: str) -> URIRef:
        """The IRI of whatever ``ref`` names: actor, place, claim, relationship or event."""
        if ref in self.an.local_actors or ref in self.an.registry.actors:
            return self.actor(ref)
        if ref in self.an.local_places or ref in self.an.registry.places:
            return self.place(ref)
        if any(c.id == ref for c in self.an.claims):
            return self.mint.claim(ref)
        if any(r.id == ref for r in self.an.relationships):
            return self.mint.relationship(ref)
        return self.mint.event(ref)

    def relationship(self, r) -> None:
        iri = self.origin(self.mint.relationship(r.id), r.origin)
        self.add(iri, RDF.type, LDE.Relationship)
        self.add(iri, RDFS.label, _en(r.label))
        self.add(iri, LDE.relationshipKind, RK[r.kind])
        self.add(iri, LDE.fromActor, self.actor(r.from_actor))
        self.add(iri, LDE.toActor, self.actor(r.to_actor))
        if r.time:
            self.add(iri, LDE.time, time_literal(r.time, r.origin))
        for ref in r.claims:
            self.add(iri, LDE.supportedBy, self.mint.claim(ref))
        self.evidence(iri, r.evidence)
        self.add(iri, LDE.reportedIn, self.article_iri)

    def event(self, e) -> None:
        iri = self.origin(self.mint.event(e.id), e.origin)
        self.add(iri, RDF.type, LDE.Event)
        self.add(iri, RDFS.label, _en(e.label))
        self.add(iri, LDE.eventType, ET[e.type])
        for prop, refs in ((LDE.hasAgent, e.agents), (LDE.hasTarget, e.targets), (LDE.hasVictim, e.victims)):
            for ref in refs:
                self.add(iri, prop, self.actor(ref))
        for ref in e.places:
            self.add(iri, SEM.hasPlace, self.place(ref))
        if e.time:
            self.add(iri, SEM.hasTimeStamp, time_literal(e.time, e.origin))
        if e.time_cue:
            self.add(iri, LDE.timeCue, self.anchor(e.time_cue))
        for ref in e.claims:
            self.add(iri, LDE.supportedBy, self.mint.claim(ref))
        self.evidence(iri, e.evidence)
        self.add(iri, LDE.reportedIn, self.article_iri)

    def close_actors_and_places(self) -> None:
        """Write every actor and place used, and those they belong to or lie within."""
        todo = sorted(self.actors)
        while todo:
            a: Actor = self.an.actor(todo.pop())
            for ref in a.member_of + a.part_of:
                if ref not in self.actors:
                    self.actors.add(ref)
                    todo.append(ref)
            self.actor_node(a)
        todo = sorted(self.places)
        while todo:
            p: Place = self.an.place(todo.pop())
            if p.within and p.within not in self.places:
                self.places.add(p.within)
                todo.append(p.within)
            self.place_node(p)

    def actor_node(self, a: Actor) -> None:
        iri = self.origin(self.mint.actor(a.id), a.origin)
        self.add(iri, RDF.type, ACTOR_CLASSES[a.type])
        self.add(iri, RDFS.label, _en(a.label))
        for alias in a.aliases:
            self.add(iri, SKOS.altLabel, _en(alias))
        if a.description:
            self.add(iri, SCHEMA.description, _en(a.description))
        if a.wikidata:
            self.add(iri, OWL.sameAs, WD[a.wikidata])
        for ref in a.member_of:
            self.add(iri, SCHEMA.memberOf, self.mint.actor(ref))
        for ref in a.part_of:
            self.add(iri, SCHEMA.parentOrganization, self.mint.actor(ref))

    def place_node(self, p: Place) -> None:
        iri = self.origin(self.mint.place(p.id), p.origin)
        self.add(iri, RDF.type, SCHEMA.Place)
        self.add(iri, RDFS.label, _en(p.label))
        if p.wikidata:
            self.add(iri, OWL.sameAs, WD[p.wikidata])
        if p.within:
            self.add(iri, SCHEMA.containedInPlace, self.mint.place(p.within))

    def anchor_node(self, a: Anchor) -> None:
        iri = self.mint.anchor(a)
        quote, position = self.mint.selector(a, "quote"), self.mint.selector(a, "position")
        self.add(iri, RDF.type, OA.SpecificResource)
        self.add(iri, OA.hasSource, self.article_iri)
        self.add(iri, OA.hasSelector, quote)
        self.add(iri, OA.hasSelector, position)
        self.add(quote, RDF.type, OA.TextQuoteSelector)
        self.add(quote, OA.exact, Literal(a.exact))
        self.add(quote, OA.prefix, Literal(a.prefix))
        self.add(quote, OA.suffix, Literal(a.suffix))
        self.add(position, RDF.type, OA.TextPositionSelector)
        self.add(position, OA.start, Literal(a.start, datatype=XSD.nonNegativeInteger))
        self.add(position, OA.end, Literal(a.end, datatype=XSD.nonNegativeInteger))


def build_graph(article: Article, annotation: Annotation, base_iri: str) -> ArticleGraph:
    """The RDF graph of one article. Raises :class:`AnnotationError` for quotes that do not anchor."""
    return _Builder(article, annotation, base_iri).build()
