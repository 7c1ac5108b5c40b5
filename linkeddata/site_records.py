"""The small frozen records the site's templates read: what a page shows of a resource.

:mod:`linkeddata.site_data` and :mod:`linkeddata.site_article` fill them from a build; the
templates and :mod:`linkeddata.site_pages` read them and know nothing of RDF. Records cross
process boundaries (a worker's summary of its article) and are kept in the site's manifest as
JSON (:func:`linkeddata.publish.encode`), so they hold only strings, numbers, tuples and records.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field

from rdflib import Literal, URIRef

from .namespaces import XSD

Triple = tuple[URIRef, URIRef, URIRef | Literal]


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
    """A claim's stance towards another, or another's towards it, in words: "rejects the
    justification of" (outgoing) or "justification rejected by" (incoming)."""

    wording: str
    claim: ClaimRef
    kind: str = ""  # the stance property's local name: supports, contradicts, deniesSaying …
    disputes: bool = False  # one of the stances that dispute (sub-properties of lde:disputes)


@dataclass(frozen=True)
class Factuality:
    """How certain a relationship or event is on the word of one claim, and whether affirmed or
    denied: certainty and polarity as the ontology's concepts name them."""

    iri: str
    certainty: str  # certain | probable | possible | underspecified
    polarity: str  # affirmed | denied | underspecified
    agent: Ref | None  # the claim's asserter: on whose word
    claim: ClaimRef
    label: str

    @property
    def fragment(self) -> str:
        """Its id on the page of the relationship or event: ``f-<slug>-<claim-id>``."""
        parts = self.iri.rstrip("/").split("/")
        return f"f-{parts[-2]}-{parts[-1]}"


@dataclass(frozen=True)
class Rests:
    """What rests on a claim's word: a relationship or event, with its factuality on that word."""

    resource: Ref
    certainty: str
    polarity: str


@dataclass(frozen=True)
class Review:
    """The annotators' review of a claim (``schema:ClaimReview``): its rating and why."""

    iri: str
    id: str  # its fragment on the article page
    rating: str
    body: str
    authors: tuple[Ref, ...]


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
    certainty: str = ""  # the certainty its hedge (or a hop's weaker hedge) lends its content
    rests: tuple[Rests, ...] = ()  # the relationships and events its word supports or denies
    first_appearance: Ref | None = None  # where its words first appeared, when not in a hop
    reviews: tuple[Review, ...] = ()
    draft: bool = False  # reported in an article whose annotation is a draft


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
    factuality: tuple[Factuality, ...] = ()


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
    factuality: tuple[Factuality, ...] = ()


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
    status: str = ""  # schema:creativeWorkStatus: "draft" for an annotation nobody has checked
    annotators: tuple[Ref, ...] = ()  # who annotated the article (prov:wasAssociatedWith)
    reviews: tuple[Review, ...] = ()
    # subject IRI → its triples in this graph, for the resources the article's pages describe
    descriptions: dict[str, list[tuple[str, Triple]]] = field(default_factory=dict, compare=False, repr=False)


@dataclass
class Corpus:
    """Everything the site shows across articles, read with the site queries."""

    articles: dict[str, Ref] = field(default_factory=dict)  # article IRI → headline
    article_info: dict[str, dict] = field(default_factory=dict)  # publisher, date
    claims: dict[str, ClaimRef] = field(default_factory=dict)
    incoming: dict[str, list[Stance]] = field(default_factory=dict)  # claim IRI → stances towards it
    actors: dict[str, Ref] = field(default_factory=dict)
    places: dict[str, Ref] = field(default_factory=dict)
    disputes: list[tuple[ClaimRef, Stance, ClaimRef]] = field(default_factory=list)  # (claim, how, against)
    reported: dict[str, tuple[str, ...]] = field(default_factory=dict)  # event IRI → articles reporting it

    def shared(self, event: str) -> bool:
        """Whether an event is reported in several articles (an event of the registry): its page
        is then one page across them."""
        return len(self.reported.get(event, ())) > 1
