"""The drafter's rules, as tables: each rule is one function (two for claims: one that finds the
words, one that makes the claim once the speakers are known) and one entry in a table.

Claims are drafted in two stages so that no rule depends on when another one runs:

1. every claim rule's ``find`` reads the text and returns what it found (:class:`Found`), with the
   speaker phrases it needs (:class:`~linkeddata.draft.speakers.Ask`);
2. the speaker index resolves all those phrases at once;
3. every rule's ``make`` turns its findings into claims, in the order of :data:`CLAIM_RULES`: a
   sentence taken by an earlier rule is not drafted again by a later one.

Relationship and event rules then read the sentences, the names and the claims
(:data:`linkeddata.draft.rules.relationships.RULES`, :data:`linkeddata.draft.rules.events.RULES`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from ...records import Hop
from ..attribution import Attribution
from ..dates import Dates
from ..lexicon import lexicon
from ..speakers import Ask, SpeakerIndex
from ..text import Layout, Quotation, Span, inside


@dataclass(frozen=True)
class DraftClaim:
    id: str
    label: str
    asserter: str
    hedge: str
    sort: int
    section: str  # quotations | reported | hedged | publisher
    cues: tuple[Span, ...] = ()
    quote: Span | None = None
    evidence: tuple[Span, ...] = ()
    told_to: tuple[str, ...] = ()
    chain: tuple[Hop[Span], ...] = ()  # each hop's evidence: one span of the text, or none
    article_mode: str | None = None
    notes: tuple[str, ...] = ()
    rule: str = ""
    doubts: tuple[str, ...] = ()  # the ids of the claims whose source this one doubts

    @property
    def spans(self) -> tuple[Span, ...]:
        return ((self.quote,) if self.quote else ()) + self.evidence


@dataclass(frozen=True)
class Found:
    """What a claim rule found in the text: the words, and the speaker phrases it needs."""

    rule: str
    sort: int
    sentence: Span | None  # the sentence it takes (None: it takes no sentence)
    attribution: Attribution | None = None
    quotation: Quotation | None = None
    outer: Found | None = None  # a quotation's finding, for a quotation inside it
    evidence: Span | None = None
    extra: tuple = ()

    def asks(self) -> list[Ask]:
        a = self.attribution
        out = []
        if a is not None and a.head:
            out.append(self.ask())
            if a.outer is not None and a.outer.head:
                out.append(Ask(a.outer.head, a.outer.appos))
        return out

    def ask(self) -> Ask | None:
        a = self.attribution
        if a is None or not a.head:
            return None
        return Ask(a.head, a.appos, self.outer.ask() if self.outer else None)

    def tells(self) -> list[tuple[Span, Ask | None]]:
        a = self.attribution
        out = []
        if a is not None and a.obj:
            out.append((a.obj, self.outer.ask() if self.outer else None))
        if a is not None and a.outer is not None and a.outer.obj:
            out.append((a.outer.obj, None))
        return out


#: The publisher of an article whose outlet the drafter did not find.
UNKNOWN_PUBLISHER = "unknown-publisher"


@dataclass(frozen=True)
class Context:
    """Everything a claim rule's ``make`` reads."""

    layout: Layout
    speakers: SpeakerIndex
    publisher: str
    dates: Dates
    quoted: dict = field(default_factory=dict)  # region → spans of its quotations

    @property
    def text(self) -> str:
        return self.layout.text

    def label(self, ref: str) -> str:
        return self.speakers.names.label(ref)

    def cues(self, span: Span, exclude: list[Span] = ()) -> list[tuple[int, int, str]]:
        """Hedging words in a span: (start, end, level)."""
        return cues_in(self.text, span, exclude)


@dataclass(frozen=True)
class ClaimRule:
    name: str
    find: Callable[[Layout], list[Found]]
    make: Callable[[Found, Context], list[DraftClaim]]
    takes_sentence: bool  # the sentence it drafts is not drafted again by a later rule


def cues_in(text: str, span: Span, exclude=()) -> list[tuple[int, int, str]]:
    import re

    levels = lexicon().hedge_level
    found = []
    for m in re.finditer(r"(?<![\w’'-])[A-Za-z]+(?![\w’'-])", text[span[0] : span[1]]):
        word = m.group()
        key = word if word == "may" else word.lower()
        if word == "May" or key not in levels:
            continue
        s, e = span[0] + m.start(), span[0] + m.end()
        if any(inside((s, e), x) for x in exclude):
            continue
        if re.search(r"\b(?:den(?:y|ies|ied|ial of)|reject(?:s|ed)?|dismiss(?:es|ed)?|refut(?:es|ed))\s+"
                     r"(?:(?:the|these|those|all|such|an?|its|their)\s+)?(?:\w+\s+)?$", text[max(0, s - 40) : s]):
            continue  # "rejected the accusation": the words denied, not a hedge of the one who denies them
        found.append((s, e, levels[key]))
    # "Pyongyang is believed to be receiving oil", "it is thought that": a belief in the passive is
    # nobody's named word, the article's own guess
    for m in re.finditer(r"\b(?:is|are|was|were|been)\s+(?:(?:widely|also|still|generally)\s+)?(believed|thought)"
                         r"\s+(?:to|that)\b", text[span[0] : span[1]]):
        s, e = span[0] + m.start(1), span[0] + m.end(1)
        if not any(inside((s, e), x) for x in exclude):
            found.append((s, e, "likely"))
    return sorted(found)


def hedge_of(cues: list[tuple[int, int, str]]) -> tuple[str, tuple[Span, ...], tuple[str, ...]]:
    """(level, cue spans, notes): the first cue's level; other levels are left as a TODO."""
    if not cues:
        return "asserted", (), ()
    level = cues[0][2]
    others = sorted({c[2] for c in cues} - {level})
    notes = ("TODO: more hedging words, of other levels: " + ", ".join(others),) if others else ()
    return level, tuple((s, e) for s, e, lv in cues if lv == level), notes


def words(text: str, spans) -> str:
    return ", ".join(json.dumps(text[a:b], ensure_ascii=False) for a, b in spans)
