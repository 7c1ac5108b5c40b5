"""One article's named graph read into an :class:`~linkeddata.site_records.ArticleView`.

:class:`ArticleReader` groups the graph by subject and reads the article's text and parts, its
anchors (from their selectors, directly or through the ``oa:hasTarget`` of an annotation), its
claims with their chains, stances, hedges and factuality, its events and relationships with the
factuality on each claim's word, and the reviews of its claims. What lies outside the article
(the labels of actors, the claims of other articles and their stances towards its claims) comes
from the :class:`~linkeddata.site_records.Corpus`. The terms it reads are the tables of
:mod:`linkeddata.site_data`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from rdflib import Literal, URIRef

from .article import Article, parse_text
from .errors import InputError
from .namespaces import LDE, OA, PROV, RDF, RDFS, SCHEMA, SEM
from .site_data import (
    ANCHOR_ROLES,
    CHAIN_LINKS,
    DRAFT,
    EVENT_ROLES,
    FACTUALITY,
    KIND_ORDER,
    STANCES,
    SiteData,
    _local,
    stance_pair,
    vocabulary,
)  # fmt: skip
from .site_records import (
    ArticleView,
    Block,
    ClaimRef,
    ClaimView,
    Corpus,
    EventView,
    Factuality,
    Hop,
    Mark,
    Passage,
    Photo,
    Ref,
    RelationshipView,
    Rests,
    Review,
    Triple,
    when_of,
)  # fmt: skip

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

    def concept_label(self, iri) -> str:
        return self.vocab.labels.get(iri, _local(str(iri))) if iri is not None else ""

    def factuality(self, s) -> tuple[Factuality, ...]:
        """A relationship's or event's factuality on each claim's word, by the claim's label."""
        n, found = self.n, []
        for f in n.all(s, FACTUALITY):
            claim = n.one(f, LDE.basedOn)
            agent = n.one(f, PROV.agent) or n.one(f, PROV.influencer)
            found.append(Factuality(
                str(f), self.concept_label(n.one(f, LDE.certainty)), self.concept_label(n.one(f, LDE.polarity)),
                self.ref(agent) if agent is not None else None,
                self.claim_ref(claim) if claim is not None else ClaimRef("", "", None, None), self.label(f),
            ))  # fmt: skip
        return tuple(sorted(found, key=lambda x: (x.claim.label, x.iri)))

    def certainty(self, claim, chain: tuple[Hop, ...]) -> str:
        """The certainty a claim lends its content: the weakest of what its hedge and its hops'
        hedges lend (the ontology's lde:certainty of each hedging level, ranked by lde:rank)."""
        hedges = [self.n.one(claim, LDE.hedge), *(self.n.one(URIRef(h.iri), LDE.hedge) for h in chain)]
        lent = [self.vocab.hedge_certainty[h] for h in hedges if h in self.vocab.hedge_certainty]
        if not lent:
            return ""
        return self.concept_label(max(lent, key=lambda c: (self.vocab.ranks.get(c, 0), str(c))))

    def rests(self, claim) -> tuple[Rests, ...]:
        """The relationships and events of this article's graph that rest on a claim's word, with
        their factuality on it."""
        found = []
        for f, p in self.n.into.get(claim, ()):
            if p != LDE.basedOn:
                continue
            for resource, q in self.n.into.get(f, ()):
                if q == FACTUALITY:
                    found.append(Rests(self.ref(resource), self.concept_label(self.n.one(f, LDE.certainty)),
                                       self.concept_label(self.n.one(f, LDE.polarity))))  # fmt: skip
        return tuple(sorted(set(found), key=lambda r: (r.resource.kind, r.resource.label, r.resource.iri)))

    def reviews(self) -> dict[URIRef, list[Review]]:
        """The annotators' reviews of the article's claims, by claim."""
        n, out = self.n, defaultdict(list)
        for s in sorted(x for x, k in self.kind.items() if k == "review"):
            rating = n.one(s, SCHEMA.reviewRating)
            review = Review(str(s), f"review-{_local(str(s))}", n.text(rating, SCHEMA.alternateName) if rating else "",
                            n.text(s, SCHEMA.reviewBody), self.refs(s, SCHEMA.author))  # fmt: skip
            for claim in n.all(s, SCHEMA.itemReviewed):
                out[claim].append(review)
        return out

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
        self.draft = n.text(art, SCHEMA.creativeWorkStatus) == DRAFT
        self._reviews = self.reviews()
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
            status=n.text(art, SCHEMA.creativeWorkStatus),
            annotators=tuple(sorted({r for a, p in n.into.get(art, ()) if p == PROV.used
                                     for r in self.refs(a, PROV.wasAssociatedWith)}, key=lambda r: (r.label, r.iri))),
            reviews=tuple(sorted({r for rs in self._reviews.values() for r in rs}, key=lambda r: r.iri)),
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
                stance_pair(p, self.claim_ref(o), self.claim_ref(s))[0] for p in STANCES for o in n.all(s, p)
            ] + list(self.corpus.incoming.get(str(s), ()))
            first = n.one(s, SCHEMA.firstAppearance)
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
                    certainty=self.certainty(s, chain),
                    rests=self.rests(s),
                    first_appearance=(Ref(str(first), self.label(first), "publication")
                                      if first is not None and self.kind.get(first) != "hop" else None),
                    reviews=tuple(self._reviews.get(s, ())),
                    draft=self.draft,
                )
            )
        return tuple(sorted(out, key=lambda c: (_first(c), c.label, c.iri)))

    def _claim_refs(self, s) -> tuple[ClaimRef, ...]:
        found = {self.claim_ref(o) for p in (LDE.supportedBy, LDE.deniedBy) for o in self.n.all(s, p)}
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
