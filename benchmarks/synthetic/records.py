"""What one article records: its text, written piece by piece with the place of each piece, and
the claims, events and relationships of its annotation, which point into that text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .emit import Span
from .world import Ent


class Writer:
    """Builds the text piece by piece, remembering where each piece went."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.sentences: list[tuple[int, int]] = []
        self._sentence_start = 0
        self._para_start = True
        self.mentions: dict[str, list[Span]] = {}
        self.entities: dict[str, Ent] = {}  # in the order of their first mention
        self.named: set[str] = set()  # named in full since the last reset (then by their short form)
        self._joined = (0, "")  # (parts, their text)

    def t(self, s: str) -> Span:
        start = self.pos
        self.parts.append(s)
        self.pos += len(s)
        return Span(start, self.pos)

    def para(self) -> None:
        if self.pos:
            self.t("\n\n")
        self._para_start = True

    def s(self) -> None:
        """Begin a sentence."""
        if not self._para_start:
            self.t(" ")
        self._para_start = False
        self._sentence_start = self.pos

    def end(self) -> None:
        """End the sentence begun last."""
        self.sentences.append((self._sentence_start, self.pos))

    def m(self, ent: Ent, text: str | None = None, cap: bool = False) -> Span:
        """Write a mention of ``ent`` (its first form the first time, then its short form)."""
        if text is None:
            text = ent.first if ent.id not in self.named else ent.short
        if cap:
            text = text[0].upper() + text[1:]
        span = self.t(text)
        self.mention(ent, span)
        return span

    def mention(self, ent: Ent, span: Span) -> None:
        self.entities.setdefault(ent.id, ent)
        self.named.add(ent.id)
        self.mentions.setdefault(ent.id, []).append(span)

    def quoted(self, span: Span, text: str, ents) -> None:
        """Record the names of ``ents`` that occur in the quoted ``text`` at ``span`` as mentions."""
        for ent in ents:
            for m in re.finditer(rf"\b{re.escape(ent.label)}\b", text):
                self.mention(ent, Span(span.start + m.start(), span.start + m.end()))

    def actors(self) -> int:
        return sum(e.kind == "actor" for e in self.entities.values())

    def text(self) -> str:
        if self._joined[0] != len(self.parts):
            self._joined = (len(self.parts), "".join(self.parts))
        return self._joined[1]

    def find(self, span: Span, phrase: str) -> Span:
        """The first ``phrase`` inside ``span`` of what is written so far."""
        at = self.text().index(phrase, span.start, span.end)
        return Span(at, at + len(phrase))


@dataclass
class Claim:
    id: str
    label: str
    asserter: str
    evidence: list[Span]
    hedge: str = "asserted"
    cue: list[Span] = field(default_factory=list)
    quote: Span | None = None
    told_to: list[str] = field(default_factory=list)
    chain: list[dict] = field(default_factory=list)
    mode: str | None = None
    about: list[str] = field(default_factory=list)
    supports: list[str] = field(default_factory=list)
    disputes: list[str] = field(default_factory=list)
    repeats: list[str] = field(default_factory=list)


@dataclass
class Event:
    id: str
    label: str
    type: str
    claims: list[str]
    evidence: list[Span]
    agents: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    victims: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    time: str | None = None
    time_cue: Span | None = None


@dataclass
class Relationship:
    id: str
    label: str
    kind: str
    frm: str
    to: str
    claims: list[str]
    evidence: list[Span]
    time: str | None = None


def hop(by: Ent, mode: str, evidence: list[Span], to: list[Ent] = (), publisher: Ent | None = None) -> dict:
    """A hop of a quote chain: ``by`` passed the words on (``to``, in ``publisher``)."""
    h = {"by": by.id, "mode": mode, "evidence": evidence}
    if to:
        h["to"] = [t.id for t in to]
    if publisher:
        h["publisher"] = publisher.id
    return h
