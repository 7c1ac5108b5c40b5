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
from urllib.parse import unquote

from rdflib import Graph, Literal, URIRef

from .anchor import Anchor, locate
from .annotation import Actor, Annotation, Origin, Place, Quote
from .article import Article
from .errors import AnnotationError, InputError
from .namespaces import (
    CITO,
    ET,
    GEONAMES,
    HEDGE,
    LDE,
    OA,
    POLARITY,
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
from .vocabulary import vocabulary

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
# Every type an actor of each kind is written with: its class, the project's classes above it (so
# that the shapes need no ontology), and the standard classes a client looks for.
_PERSON = (LDE.Person, LDE.Actor, SCHEMA.Person, PROV.Person, PROV.Agent, SEM.Actor)
_ORGANIZATION = (LDE.Organization, LDE.Actor, SCHEMA.Organization, PROV.Organization, PROV.Agent, SEM.Actor)
ACTOR_TYPES = {
    "person": _PERSON,
    "organization": _ORGANIZATION,
    "state": (LDE.State, *_ORGANIZATION),
    "government": (LDE.Government, *_ORGANIZATION),
    "military-force": (LDE.MilitaryForce, *_ORGANIZATION),
    "armed-group": (LDE.ArmedGroup, *_ORGANIZATION),
    "media-outlet": (LDE.MediaOutlet, SCHEMA.NewsMediaOrganization, *_ORGANIZATION),
    "population-group": (LDE.PopulationGroup, LDE.Actor, PROV.Agent, SEM.Actor),
}
# The Web Annotation motivation of a span, by the property that links a resource to it.
MOTIVATIONS = {LDE.hedgeCue: OA.classifying, LDE.timeCue: OA.classifying}
RATINGS = {"false": "False", "misleading": "Misleading", "unproven": "Unproven", "true": "True"}

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
        # parts → IRI: an article asks for each of its IRIs many times (an anchor's a dozen), and
        # one object per IRI makes the sets and dicts of the graph compare them by identity.
        self._minted: dict[tuple[str | int, ...], URIRef] = {}
        # part → its percent-encoding: the thousands of IRIs of an article are made of a few parts
        # (its slug, "claim", "anchor", the claim ids), and urllib's quote is slow.
        self._segments: dict[str, str] = {}

    def _segment(self, part: str | int) -> str:
        text = str(part)
        segment = self._segments.get(text)
        if segment is None:
            segment = self._segments[text] = percent_encode(text, safe="")
        return segment

    def _iri(self, *parts: str | int) -> URIRef:
        iri = self._minted.get(parts)
        if iri is None:
            iri = self._minted[parts] = URIRef(self.base + "/".join(map(self._segment, parts)))
        return iri

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

    def event(self, event_id: str, shared: bool = False) -> URIRef:
        """An event of this article, or (``shared``) an event of the registry, one IRI across articles."""
        return self._iri("event", event_id) if shared else self._iri("event", self.slug, event_id)

    def first_appearance(self, claim_id: str) -> URIRef:
        return self._iri("claim", self.slug, claim_id, "first-appearance")

    def factuality(self, resource: URIRef, claim_id: str) -> URIRef:
        """The factuality of ``resource`` (a relationship or event minted here) on one claim's word."""
        if not str(resource).startswith(self.base):
            raise ValueError(f"{resource} is not minted under {self.base}")
        parts = str(resource)[len(self.base) :].split("/")
        return self._iri(*(unquote(p) for p in parts), "according-to", self.slug, claim_id)

    def anchor(self, a: Anchor) -> URIRef:
        return self._iri("anchor", self.slug, f"{a.start}-{a.end}")

    def selector(self, a: Anchor, kind: str) -> URIRef:
        return self._iri("anchor", self.slug, f"{a.start}-{a.end}", kind)

    def annotation(self, a: Anchor, motivation: URIRef) -> URIRef:
        """The Web Annotation of a span, for one motivation (``describing``, ``identifying``, …)."""
        return self._iri("anchor", self.slug, f"{a.start}-{a.end}", "annotation", str(motivation).rsplit("#")[-1])

    def annotation_activity(self) -> URIRef:
        return self._iri("annotation", self.slug)

    def review(self, review_id: str) -> URIRef:
        return self._iri("review", self.slug, review_id)

    def rating(self, review_id: str) -> URIRef:
        return self._iri("review", self.slug, review_id, "rating")

    def owns(self, iri: str) -> bool:
        """Whether ``iri`` names a resource of this article alone: one minted with its slug (the
        article, its photo and graph, claims and hops, relationships, events, anchors), which no
        other article's graph describes, unlike the actors and places articles share."""
        if not iri.startswith(self.base):
            return False
        segments = iri[len(self.base) :].split("/", 2)
        return len(segments) > 1 and segments[1] == self._segment(self.slug)


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
    # (event IRI, type, sorted places, time, id, origin) of each event, for the duplicate warning
    events: tuple[tuple, ...] = ()

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
        self.uses: dict[tuple[tuple[int, int], URIRef], set[URIRef]] = {}  # (span, motivation) → bodies
        self.actors: set[str] = set()
        self.places: set[str] = set()
        self.event_keys: list[tuple] = []
        self.article_iri = self.mint.article()

    # -- helpers -------------------------------------------------------------------------------

    def add(self, s: URIRef, p: URIRef, o) -> None:
        self.g.add((s, p, o))

    def origin(self, iri: URIRef, origin: Origin) -> URIRef:
        self.origins.setdefault(iri, origin)
        return iri

    def anchor(self, quote: Quote, body: URIRef | None = None, motivation: URIRef = OA.describing) -> URIRef:
        """The span of ``quote``; ``body`` is what it is evidence for (its Web Annotation's body)."""
        a = locate(self.article, quote)
        iri = self.mint.anchor(a)
        if (a.start, a.end) not in self.anchors:
            self.anchors[(a.start, a.end)] = a
            self.origin(iri, quote.origin)
            self.origin(self.mint.selector(a, "quote"), quote.origin)
            self.origin(self.mint.selector(a, "position"), quote.origin)
        if body is not None:
            self.uses.setdefault(((a.start, a.end), motivation), set()).add(body)
        return iri

    def evidence(self, subject: URIRef, quotes: Iterable[Quote], prop: URIRef = LDE.evidence,
                 motivation: URIRef | None = None) -> None:  # fmt: skip
        for q in quotes:
            self.add(subject, prop, self.anchor(q, subject, motivation or MOTIVATIONS.get(prop, OA.describing)))

    def text_of(self, quote: Quote) -> str:
        return locate(self.article, quote).exact

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
            self.evidence(iri, m.quotes, motivation=OA.identifying)
        for m in self.an.place_mentions:
            iri = self.place(m.id)
            self.add(self.article_iri, SCHEMA.mentions, iri)
            self.evidence(iri, m.quotes, motivation=OA.identifying)
        for c in self.an.claims:
            self.claim(c)
        for r in self.an.relationships:
            self.relationship(r)
        for e in self.an.events:
            self.event(e)
        self.provenance()
        self.close_actors_and_places()
        for a in self.anchors.values():
            self.anchor_node(a)
        self.annotations()
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
            events=tuple(self.event_keys),
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
                self.evidence(iri, credit.evidence, motivation=OA.identifying)
        if info.photo:
            p, photo = info.photo, self.origin(self.mint.photo(), info.photo.origin)
            self.add(art, SCHEMA.image, photo)
            self.add(photo, RDF.type, SCHEMA.ImageObject)
            credit_anchor, caption_anchor = self.anchor(p.credit, photo), self.anchor(p.caption, photo)
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
        for t in (LDE.Claim, SCHEMA.Claim, PROV.Entity):
            self.add(iri, RDF.type, t)
        self.add(iri, RDFS.label, _en(c.label))
        asserter = self.actor(c.asserter)
        self.add(iri, PROV.wasAttributedTo, asserter)
        self.add(iri, SCHEMA.author, asserter)
        self.add(iri, SCHEMA.appearance, self.article_iri)
        for ref in c.told_to:
            self.add(iri, SCHEMA.recipient, self.actor(ref))
        self.add(iri, LDE.hedge, HEDGE[c.hedge])
        self.evidence(iri, c.cue, LDE.hedgeCue)
        if c.quote:
            self.add(iri, LDE.quotation, self.anchor(c.quote, iri))
        self.evidence(iri, c.evidence)
        if c.hedge != "unknown":  # a claim whose words are lost has no text
            if c.quote:
                text = self.text_of(c.quote)
            else:
                spans = sorted({locate(self.article, q) for q in c.evidence})
                text = " … ".join(a.exact for a in spans)
            self.add(iri, SCHEMA.text, Literal(text, lang=self.an.article.language))
        self.add(iri, LDE.reportedIn, self.article_iri)
        for ref in c.about:
            self.add(iri, SCHEMA.about, self.any_iri(ref))
        for ref in c.supports:
            self.add(iri, LDE.supports, self.mint.claim_ref(ref))
            self.add(iri, CITO.supports, self.mint.claim_ref(ref))
        stances = vocabulary().stances
        for key, ref in c.stances():
            prop, cito = stances[key]
            for p in (prop, LDE.disputes, cito):
                self.add(iri, p, self.mint.claim_ref(ref))
        for ref in c.repeats:
            self.add(iri, LDE.repeats, self.mint.claim_ref(ref))
        previous, first = iri, None
        for n, h in enumerate(c.chain, start=1):
            hop = self.origin(self.mint.hop(c.id, n), h.origin)
            for t in (LDE.Report, SCHEMA.CreativeWork, PROV.Entity):
                self.add(hop, RDF.type, t)
            self.add(hop, LDE.hop, Literal(n, datatype=XSD.positiveInteger))
            self.add(hop, PROV.wasAttributedTo, self.actor(h.by))
            for ref in h.to:
                self.add(hop, SCHEMA.recipient, self.actor(ref))
            if h.publisher:
                self.add(hop, SCHEMA.publisher, self.actor(h.publisher))
            if h.hedge:
                self.add(hop, LDE.hedge, HEDGE[h.hedge])
                self.evidence(hop, h.cue, LDE.hedgeCue)
            self.add(hop, PROV.wasQuotedFrom if h.mode == "quoted" else PROV.wasDerivedFrom, previous)
            self.add(hop, RDFS.label, _en(self.hop_label(h)))
            self.evidence(hop, h.evidence)
            if first is None and (h.publisher or self.an.actor(h.by).type == "media-outlet"):
                first = hop  # the first hop that is a publication: where the claim first appeared
            previous = hop
        if c.first_appearance is not None:
            fa = self.origin(self.mint.first_appearance(c.id), c.first_appearance.origin)
            for t in (SCHEMA.CreativeWork, PROV.Entity):
                self.add(fa, RDF.type, t)
            self.add(fa, SCHEMA.author, asserter)
            self.add(fa, SCHEMA.publisher, self.actor(c.first_appearance.publisher))
            outlet = self.an.actor(c.first_appearance.publisher).label
            self.add(fa, RDFS.label, _en(f"{self.an.actor(c.asserter).label} in {outlet}"))
            self.evidence(fa, c.first_appearance.evidence)
            first = fa
        if first is not None:
            self.add(iri, SCHEMA.firstAppearance, first)
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
        event = next((e for e in self.an.events if e.id == ref), None)
        return self.mint.event(ref, shared=event.shared if event else ref in self.an.registry.events)

    def relationship(self, r) -> None:
        iri = self.origin(self.mint.relationship(r.id), r.origin)
        for t in (LDE.Relationship, PROV.Entity, RDF.Statement):
            self.add(iri, RDF.type, t)
        self.add(iri, RDFS.label, _en(r.label))
        frm, to = self.actor(r.from_actor), self.actor(r.to_actor)
        self.add(iri, LDE.relationshipKind, RK[r.kind])
        self.add(iri, LDE.fromActor, frm)
        self.add(iri, LDE.toActor, to)
        # The reified statement, for a client that knows only RDF: never asserted as a fact.
        self.add(iri, RDF.subject, frm)
        self.add(iri, RDF.predicate, RK[r.kind])
        self.add(iri, RDF.object, to)
        if r.time:
            self.add(iri, LDE.time, time_literal(r.time, r.origin))
        self.factuality(iri, r)
        self.evidence(iri, r.evidence)
        self.add(iri, LDE.reportedIn, self.article_iri)

    def event(self, e) -> None:
        iri = self.origin(self.mint.event(e.id, e.shared), e.origin)
        for t in (LDE.Event, SEM.Event, PROV.Entity):
            self.add(iri, RDF.type, t)
        self.add(iri, RDFS.label, _en(e.label))
        self.add(iri, LDE.eventType, ET[e.type])
        self.add(iri, SEM.eventType, ET[e.type])
        for prop, refs in ((LDE.hasAgent, e.agents), (LDE.hasTarget, e.targets), (LDE.hasVictim, e.victims)):
            for ref in refs:
                self.add(iri, prop, self.actor(ref))
                self.add(iri, SEM.hasActor, self.actor(ref))
        for ref in e.places:
            self.add(iri, SEM.hasPlace, self.place(ref))
        if e.time:
            self.add(iri, SEM.hasTimeStamp, time_literal(e.time, e.origin))
        if e.time_cue:
            self.add(iri, LDE.timeCue, self.anchor(e.time_cue, iri, OA.classifying))
        self.factuality(iri, e)
        self.evidence(iri, e.evidence)
        self.add(iri, LDE.reportedIn, self.article_iri)
        self.event_keys.append((str(iri), e.type, tuple(sorted(e.places)), e.time or "", e.id, str(e.origin)))

    def factuality(self, iri: URIRef, x) -> None:
        """The claims a relationship or event rests on, and its factuality on each one's word: a
        qualified PROV attribution to the asserter of a claim that affirms it, a qualified PROV
        influence of one that denies it, with the certainty and polarity as their roles."""
        vocab = vocabulary()
        claims = {c.id: c for c in self.an.claims}
        for refs, affirms in ((x.claims, True), (x.denied_by, False)):
            for ref in refs:
                c = claims[ref]
                claim = self.mint.claim(ref)
                self.add(iri, LDE.supportedBy if affirms else LDE.deniedBy, claim)
                node = self.mint.factuality(iri, ref)
                certainty = vocab.certainty(c.hedge, [h.hedge for h in c.chain if h.hedge])
                polarity = POLARITY.underspecified if c.hedge == "unknown" else (
                    POLARITY.affirmed if affirms else POLARITY.denied)  # fmt: skip
                agent = self.actor(c.asserter)
                self.add(node, RDF.type, LDE.Factuality)
                self.add(node, RDF.type, PROV.Attribution if affirms else PROV.Influence)
                self.add(node, PROV.agent if affirms else PROV.influencer, agent)
                self.add(node, LDE.basedOn, claim)
                self.add(node, LDE.certainty, certainty)
                self.add(node, LDE.polarity, polarity)
                self.add(node, PROV.hadRole, certainty)
                self.add(node, PROV.hadRole, polarity)
                who = self.an.actor(c.asserter).label
                self.add(node, RDFS.label, _en(f"{vocab.labels[certainty]}, {vocab.labels[polarity]}, "
                                               f"on the word of {who}"))  # fmt: skip
                self.add(iri, LDE.hasFactuality, node)
                if affirms:
                    self.add(iri, PROV.qualifiedAttribution, node)
                    self.add(iri, PROV.wasAttributedTo, agent)
                else:
                    self.add(iri, PROV.qualifiedInfluence, node)
                    self.add(iri, PROV.wasInfluencedBy, agent)

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
        for t in ACTOR_TYPES[a.type]:
            self.add(iri, RDF.type, t)
        self.add(iri, RDFS.label, _en(a.label))
        for alias in a.aliases:
            self.add(iri, SKOS.altLabel, _en(alias))
        if a.description:
            self.add(iri, SCHEMA.description, _en(a.description))
        if a.wikidata:
            self.add(iri, SCHEMA.sameAs, WD[a.wikidata])
        if a.since:  # the government formed, the group founded
            self.add(iri, SCHEMA.foundingDate, time_literal(a.since, a.origin))
        if a.until:  # the government fell, the group dissolved
            self.add(iri, SCHEMA.dissolutionDate, time_literal(a.until, a.origin))
        for ref in a.member_of:
            self.add(iri, SCHEMA.memberOf, self.mint.actor(ref))
        for ref in a.part_of:
            self.add(iri, SCHEMA.parentOrganization, self.mint.actor(ref))

    def place_node(self, p: Place) -> None:
        iri = self.origin(self.mint.place(p.id), p.origin)
        self.add(iri, RDF.type, SCHEMA.Place)
        self.add(iri, RDF.type, SEM.Place)
        self.add(iri, RDFS.label, _en(p.label))
        if p.wikidata:
            self.add(iri, SCHEMA.sameAs, WD[p.wikidata])
        if p.geonames:
            self.add(iri, SCHEMA.sameAs, GEONAMES[f"{p.geonames}/"])
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

    def annotations(self) -> None:
        """Each span's Web Annotation for each motivation: the span is the target, what it is
        evidence for the bodies (the span's uses are known once the whole graph is built)."""
        activity = self.mint.annotation_activity() if self.an.annotation else None
        for (span, motivation), bodies in self.uses.items():
            a = self.anchors[span]
            iri = self.mint.annotation(a, motivation)
            self.add(iri, RDF.type, OA.Annotation)
            self.add(iri, OA.motivatedBy, motivation)
            self.add(iri, OA.hasTarget, self.mint.anchor(a))
            for body in bodies:
                self.add(iri, OA.hasBody, body)
            if activity is not None:
                self.add(iri, PROV.wasGeneratedBy, activity)

    def provenance(self) -> None:
        """Who annotated the article, and when (PROV), and their reviews of its claims."""
        info = self.an.annotation
        if info is None:
            return
        activity = self.origin(self.mint.annotation_activity(), info.origin)
        self.add(activity, RDF.type, PROV.Activity)
        self.add(activity, RDFS.label, _en(f"Annotation of “{self.article.headline.of(self.article.text)}”"))
        self.add(activity, PROV.used, self.article_iri)
        self.add(activity, PROV.endedAtTime, Literal(info.date, datatype=XSD.dateTime))
        annotators = [self.actor(ref) for ref in info.by]
        for agent in annotators:
            self.add(activity, PROV.wasAssociatedWith, agent)
        for r in self.an.reviews:
            iri = self.origin(self.mint.review(r.id), r.origin)
            rating = self.mint.rating(r.id)
            self.add(iri, RDF.type, SCHEMA.ClaimReview)
            self.add(iri, RDF.type, PROV.Entity)
            self.add(iri, RDFS.label, _en(f"Review of the claim “{self.an_claim(r.claim).label}”"))
            self.add(iri, SCHEMA.itemReviewed, self.mint.claim(r.claim))
            self.add(iri, SCHEMA.reviewBody, _en(r.body))
            self.add(iri, SCHEMA.reviewRating, rating)
            self.add(iri, PROV.wasGeneratedBy, activity)
            for agent in annotators:
                self.add(iri, SCHEMA.author, agent)
                self.add(iri, PROV.wasAttributedTo, agent)
            self.add(rating, RDF.type, SCHEMA.Rating)
            self.add(rating, SCHEMA.alternateName, _en(RATINGS[r.rating]))

    def an_claim(self, claim_id: str):
        return next(c for c in self.an.claims if c.id == claim_id)


def build_graph(article: Article, annotation: Annotation, base_iri: str) -> ArticleGraph:
    """The RDF graph of one article. Raises :class:`AnnotationError` for quotes that do not anchor."""
    return _Builder(article, annotation, base_iri).build()
