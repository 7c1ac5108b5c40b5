"""Events the words state outright, each a rule of its own (one function, one entry in
:data:`RULES`):

- ``x-captured-y``: "Al-Shabaab militants captured the town of Mahaday", "seize";
- ``air-strikes-on-y``: "air strikes on villages in southern Lebanon", "X's jets struck / bombed Y" (struck and
  bombed by aircraft named before them; shelling is no strike from the air);
- ``x-denies``: "Tehran denies the charge", "a charge the group rejects";
- ``x-accuses-y``: "Saudi Arabia accuses Iran of …";
- ``x-launched-offensive``: "X launched an offensive / an attack".

An event takes the time of a date the text gives in the same sentence, and rests on the drafted
claim whose words hold it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..dates import Dates
from ..mentions import Names
from ..text import Span, inside, overlaps
from . import DraftClaim
from .relationships import actor_after, subject_before


@dataclass(frozen=True)
class Proposal:
    type: str
    evidence: Span
    agents: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    places: tuple[str, ...] = ()


@dataclass(frozen=True)
class DraftEvent:
    id: str
    type: str
    evidence: Span
    claim: str
    agents: tuple[str, ...]
    targets: tuple[str, ...]
    places: tuple[str, ...]
    time: str | None
    time_cue: Span | None
    rule: str
    confidence: float


def _places_after(names: Names, pos: int, limit: int, text: str, max_words: int = 7) -> list[str]:
    out = []
    for h in names.hits:
        if h.kind == "place" and pos <= h.start < limit:
            if len(re.findall(r"[\w’'-]+", text[pos : h.start])) > max_words:
                break
            out.append(h.id)
    return list(dict.fromkeys(out))


def captured(text: str, names: Names, s: int, e: int) -> list[Proposal]:
    out = []
    verbs = r"captured|captures|capture|seized|seizes|seize|took|takes|overran|overrun|overruns|recaptured|retook|" \
            r"retake|retakes"
    # (not "took part in the Tessit operation", "took charge of Guatemala", "took refuge in …": no place taken)
    for m in re.finditer(rf"\b(?:has |have |had )?(?:{verbs})\s+(?!(?:part|charge|office|power|refuge|shelter|"
                         rf"place|hold|aim|command)\b)", text[s:e]):  # fmt: skip
        x = subject_before(names, text, s, s + m.start()) or _subject_noun(names, text, s, s + m.start())
        places = _places_after(names, s + m.end(), e, text, max_words=5)
        if x and places:
            out.append(Proposal("capture", (x.start, _end_of_place(names, places[0], s + m.end(), e)), (x.id,),
                                places=tuple(places[:1])))  # fmt: skip
    return out


def _subject_noun(names: Names, text: str, start: int, pos: int):
    """"Al-Shabaab militants captured": an actor named right before a noun for its fighters."""
    m = re.search(r"(?:fighters|militants|troops|forces|rebels|soldiers)\s+$", text[start:pos])
    if not m:
        return None
    return subject_before(names, text, start, start + m.start())


def _end_of_place(names: Names, ref: str, pos: int, limit: int) -> int:
    return next(h.end for h in names.hits if h.id == ref and pos <= h.start < limit)


_AIRCRAFT = re.compile(r"\b(?:drones?|warplanes?|jets?|aircraft|air ?forces?|helicopters?|planes?|bombers?|"
                       r"F-\d+s?|air|coalition)\b", re.I)  # "the Saudi-led coalition struck": a campaign from the air


def air_strikes(text: str, names: Names, s: int, e: int) -> list[Proposal]:
    out = []
    for m in re.finditer(r"\b(?:air ?strikes?|airstrikes?|bombed|bombs?|struck)\s+(?:on\s+)?", text[s:e]):
        places = _places_after(names, s + m.end(), e, text)
        if not places:
            continue
        if m.group().startswith(("struck", "bomb")) and not _AIRCRAFT.search(text[s : s + m.start()]):
            continue  # "gunmen struck", "a roadside bomb in …": no strike from the air (and shelling is none)
        x = subject_before(names, text, s, s + m.start())
        end = _end_of_place(names, places[0], s + m.end(), e)
        out.append(Proposal("air-strike", (x.start if x else s + m.start(), end), (x.id,) if x else (),
                            places=tuple(places[:2])))  # fmt: skip
    return out


def denies(text: str, names: Names, s: int, e: int) -> list[Proposal]:
    out = []
    for m in re.finditer(r"\b(?:denies|denied|rejects|rejected)\b", text[s:e]):
        x = subject_before(names, text, s, s + m.start())
        if x is None:
            pre = text[max(s, s + m.start() - 60) : s + m.start()]
            c = re.search(r"(?:charge|claim|charges|which)\s+(?:the\s+)?$", pre)
            x = next((h for h in names.hits if h.kind == "actor" and s <= h.start < s + m.start()
                      and h.end == s + m.start() - 1), None) if c is None else None  # fmt: skip
            if x is None:
                continue
        out.append(Proposal("rejection", (x.start, s + m.end()), (x.id,)))
    return out


def accuses(text: str, names: Names, s: int, e: int) -> list[Proposal]:
    out = []
    for m in re.finditer(r"\b(?:accuses|accused)\s+", text[s:e]):
        x = subject_before(names, text, s, s + m.start())
        y = actor_after(names, text, s + m.end(), e, max_words=1)
        if x and y and x.id != y.id and re.match(r"\s+of\b", text[y.end : y.end + 5]):
            out.append(Proposal("accusation", (x.start, y.end), (x.id,), (y.id,)))
    return out


def offensive(text: str, names: Names, s: int, e: int) -> list[Proposal]:
    out = []
    for m in re.finditer(r"\b(?:launched|launches|began|begun)\s+(?:an?|its|their)\s+(?:\w+\s+){0,2}(?:offensive|"
                         r"assault)\b", text[s:e]):  # fmt: skip
        x = subject_before(names, text, s, s + m.start())
        if x:
            out.append(Proposal("offensive", (x.start, s + m.end()), (x.id,)))
    return out


RULES: tuple[tuple[str, Callable[[str, Names, int, int], list[Proposal]], float], ...] = (
    ("x-captured-y", captured, 0.8),
    ("air-strikes-on-y", air_strikes, 0.7),
    ("x-denies", denies, 0.8),
    ("x-accuses-y", accuses, 0.8),
    ("x-launched-offensive", offensive, 0.7),
)


def find_events(sentences: list[Span], text: str, names: Names, claims: list[DraftClaim], dates: Dates,
                headline: Span | None = None):  # fmt: skip
    """The events the rules find, each resting on a drafted claim; none of the headline's ("Abkhaz forces
    seize Sukhumi": the story's event, which the curators give where the body tells it)."""
    out: list[DraftEvent] = []
    counts: dict[str, int] = {}
    for s, e in sentences:
        if (s, e) == headline:
            continue
        for rule, fn, confidence in RULES:
            for p in fn(text, names, s, e):
                if any(ev.type == p.type and overlaps(ev.evidence, p.evidence) for ev in out):
                    continue
                claim = next((c for c in claims if any(inside(p.evidence, sp) for sp in c.spans)), None) or next(
                    (c for c in claims if any(overlaps(p.evidence, sp) for sp in c.spans)), None
                )
                if claim is None:
                    continue
                when = [d for d in dates.in_span(s, e) if d.value]
                when.sort(key=lambda d: abs(d.start - p.evidence[1]))
                time = when[0] if when else None
                counts[p.type] = counts.get(p.type, 0) + 1
                out.append(DraftEvent(
                    f"{p.type}-{counts[p.type]}", p.type, p.evidence, claim.id, p.agents, p.targets, p.places,
                    time.value if time else None, (time.start, time.end) if time else None, rule, confidence,
                ))  # fmt: skip
    return out
