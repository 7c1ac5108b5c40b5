"""Relationships the words state outright, each a rule of its own (one function, one entry in
:data:`RULES`); anything less certain is left to the person:

- ``x-backed-y``: "Iran-backed Shia militias", "the army, backed by the African Union mission";
- ``x-backs-y``: "the UAE … backs the Security Belt forces", "Tehran, which funds and arms
  Hezbollah", "China, which has long supplied weapons to the junta", "India trains and funds
  the Baloch separatists", "Ankara has sent troops to help the GNA";
- ``x-joined-y``: "Kenya joined the mission", "Eritrea joined the war on Abiy’s side";
- ``x-ally-of-y``: "Turkey, Azerbaijan’s closest ally", "Iran, the Assad government’s closest ally";
- ``x-fights-y``: "the coalition, which has fought the Houthis", "X clashed with Y", "fighting
  between X and Y";
- ``x-alongside-y``: "Rwandan soldiers were operating … alongside the M23", "Burundi has sent soldiers
  to fight alongside …" (an alliance);
- ``x-formed-y``: "Burkina Faso, Mali and Niger have since formed the Alliance of Sahel States";
- ``x-offensive-against-y``: "the army launched an offensive against the MFDC" (hostility);
- ``x-ally-of-y-said``: "Thailand is a longtime treaty ally of the United States";
- ``accused-of-backing``: "Saudi Arabia accuses Iran of arming the Houthis" (the backing alleged);
- ``x-allegiance-to-y``: "the ADF pledged allegiance to the Islamic State", "X, a member of Y";
- ``joint-operation``: "Uganda and the DR Congo launched a joint operation against the ADF" (an
  alliance of the two, each against the third).

Each proposal rests on the drafted claim whose words hold it; with no such claim there is none.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..mentions import Hit, Names
from ..text import Span, inside, overlaps
from . import DraftClaim


@dataclass(frozen=True)
class DraftRelationship:
    id: str
    kind: str
    from_actor: str
    to_actor: str
    evidence: Span
    claim: str
    rule: str
    confidence: float


@dataclass(frozen=True)
class Proposal:
    kind: str
    from_actor: str
    to_actor: str
    evidence: Span


def _actor_ending_at(names: Names, pos: int) -> Hit | None:
    return next((h for h in names.hits if h.kind == "actor" and h.end == pos), None)


def actor_after(names: Names, text: str, pos: int, limit: int, max_words: int = 4) -> Hit | None:
    for h in names.hits:
        if h.kind == "actor" and pos <= h.start < limit:
            gap = text[pos : h.start]
            if len(re.findall(r"[\w’'-]+", gap)) <= max_words and not re.search(r"[,.;:]", gap):
                return h
            return None
    return None


def subject_before(names: Names, text: str, start: int, pos: int) -> Hit | None:
    """The actor a clause ending at ``pos`` is about: named right before it, or before an
    apposition, a "which" clause or a first verb joined by "and"."""
    best = None
    for h in names.hits:
        if h.kind != "actor" or not (start <= h.start and h.end <= pos):
            continue
        between = text[h.end : pos]
        if re.fullmatch(
            r"(?:['’]s?)?(?:\s*,\s*(?:which|who)|\s*,[^,;]{1,90},|\s*\([^)]{1,40}\))?\s*"
            # "X rallied near the embassy and accused …": the subject of a first verb and of the one after "and"
            r"(?:[a-z]+ed\s+[^,;.“”]{0,60}?\s+and\s+)?"
            r"(?:(?:has|have|had|long|also|openly|reportedly|now|still|which|who)\s+)*",
            between,
        ):
            best = h
    return best


def _subject_then_object(text: str, names: Names, s: int, e: int, pattern: str, kind: str,
                         max_words: int, right_before: bool = False) -> list[Proposal]:  # fmt: skip
    """The actor a clause is about, before the words ``pattern`` matches (``right_before``: the one
    whose name ends where they begin), and the one named right after them: "X has fought Y", "X
    launched an offensive against Y", "X, a member of Y"."""
    out = []
    for m in re.finditer(pattern, text[s:e]):
        x = _actor_ending_at(names, s + m.start()) if right_before else subject_before(names, text, s, s + m.start())
        y = actor_after(names, text, s + m.end(), e, max_words=max_words)
        if x and y and x.id != y.id:
            out.append(Proposal(kind, x.id, y.id, (x.start, y.end)))
    return out


def backed(text: str, names: Names, s: int, e: int) -> list[Proposal]:
    out = []
    for m in re.finditer(r"-backed\s+", text[s:e]):
        x = _actor_ending_at(names, s + m.start())
        y = actor_after(names, text, s + m.end(), e, max_words=1)
        if x and y and x.id != y.id:
            out.append(Proposal("backing", x.id, y.id, (x.start, y.end)))
    for m in re.finditer(r",?\s+backed by\s+", text[s:e]):
        y = _actor_ending_at(names, s + m.start()) or subject_before(names, text, s, s + m.start())
        x = actor_after(names, text, s + m.end(), e, max_words=1)
        if x and y and x.id != y.id:
            out.append(Proposal("backing", x.id, y.id, (y.start, x.end)))
    return out


def backs(text: str, names: Names, s: int, e: int) -> list[Proposal]:
    out = []
    verbs = r"backs|backed|arms|armed|funds|funded|sponsors|sponsored|supplied weapons to|supplies weapons to|" \
            r"funds and arms|arms and funds|trains and funds|trains and arms|trained and armed|(?:has |have )?sent " \
            r"(?:troops|soldiers|forces) to (?:help|support|back)"
    for m in re.finditer(rf"\b(?:{verbs})\s+", text[s:e]):
        if text[s + m.start() - 1 : s + m.start()] == "-":
            continue
        x = subject_before(names, text, s, s + m.start())
        y = actor_after(names, text, s + m.end(), e, max_words=2)
        if x and y and x.id != y.id:
            out.append(Proposal("backing", x.id, y.id, (x.start, y.end)))
    return out


def joined(text: str, names: Names, s: int, e: int) -> list[Proposal]:
    out = []
    for m in re.finditer(r"\b(?:joined|joins)\s+(?:the\s+)?", text[s:e]):
        x = subject_before(names, text, s, s + m.start())
        if not x:
            continue
        side = re.match(r"(?:war|fighting|fight|conflict)\s+on\s+", text[s + m.end() : e])
        if side:
            y = actor_after(names, text, s + m.end() + side.end(), e, max_words=1)
        else:
            y = actor_after(names, text, s + m.start() + len("joined "), e, max_words=2)
        if y and y.id != x.id:
            out.append(Proposal("alliance", x.id, y.id, (x.start, y.end)))
    return out


def ally(text: str, names: Names, s: int, e: int) -> list[Proposal]:
    out = []
    for m in re.finditer(r",\s+(?:which is\s+)?(?:the\s+)?", text[s:e]):
        x = _actor_ending_at(names, s + m.start())
        rest = s + m.end()
        y = next((h for h in names.hits if h.kind == "actor" and h.start == rest), None)
        if x and y and re.match(r"['’]s?\s+(?:closest|main|primary|key|chief|oldest|staunchest)?\s*all(?:y|ies)\b",
                                text[y.end : y.end + 30]):  # fmt: skip
            out.append(Proposal("alliance", x.id, y.id, (x.start, y.end + text[y.end :].index("all") + 4)))
    return out


def fights(text: str, names: Names, s: int, e: int) -> list[Proposal]:
    out = []
    # "fighting between the Sudanese Armed Forces and the Rapid Support Forces", "clashes between X and Y"
    for m in re.finditer(r"\b(?:[Ff]ighting|[Cc]lashes|[Bb]attles?|[Ww]ar|[Hh]ostilities)\s+between\s+(?:the\s+)?",
                         text[s:e]):
        x = actor_after(names, text, s + m.end(), e, max_words=1)
        if x is None:
            continue
        y = actor_after(names, text, x.end, e, max_words=3)
        if y and x.id != y.id and re.fullmatch(r"\s+and\s+(?:the\s+)?(?:[a-z]+\s+)?", text[x.end : y.start]):
            out.append(Proposal("hostility", x.id, y.id, (s + m.start(), y.end)))
    return out + _subject_then_object(text, names, s, e, r"\b(?:has fought|have fought|fought|is fighting|are fighting|"
                                      r"fights|clashed with|have clashed with|has clashed with)\s+", "hostility", 1)


def offensive(text: str, names: Names, s: int, e: int) -> list[Proposal]:
    """"the army launched an offensive against the MFDC", "X launched its biggest offensive against
    the military": hostility of the one that launched it towards the one it is against."""
    return _subject_then_object(text, names, s, e, r"\b(?:launched|launches|began|begun|mounted|opened)\s+"
                                r"(?:an?|its|their|a\s+new|(?:its|their)\s+(?:biggest|largest|latest|new|final))?\s*"
                                r"(?:[\w-]+\s+)?(?:offensive|assault|campaign|operation|attack)\s+against\s+(?:the\s+)?",
                                "hostility", 0)


def ally_of(text: str, names: Names, s: int, e: int) -> list[Proposal]:
    """"Thailand is a longtime treaty ally of the United States": an alliance said outright."""
    return _subject_then_object(text, names, s, e, r"\s+(?:is|are|was|were|has long been|remains|remain)\s+"
                                r"(?:a|an|the)?\s*(?:(?:close|closest|key|longtime|long-time|treaty|main|staunch|"
                                r"staunchest|old|oldest|strategic|military)\s+)*all(?:y|ies)\s+of\s+(?:the\s+)?",
                                "alliance", 0, right_before=True)


def accused_of_backing(text: str, names: Names, s: int, e: int) -> list[Proposal]:
    """"Saudi Arabia accuses Iran of arming the Houthis", "accused China of arming the alliance": the
    backing the accuser alleges (the claim it rests on carries the hedge)."""
    out = []
    for m in re.finditer(r"\baccus(?:es|ed|e|ing)\s+(?:the\s+)?", text[s:e]):
        x = actor_after(names, text, s + m.end(), e, max_words=0)
        if x is None:
            continue
        verb = re.match(r"\s+of\s+(?:(?:arming|funding|backing|supporting|sheltering|training|financing|harbouring|"
                        r"harboring)(?:\s+and\s+|,\s+|\s+))+(?:the\s+)?", text[x.end : e])  # fmt: skip
        y = actor_after(names, text, x.end + verb.end(), e, max_words=0) if verb else None
        if y and x.id != y.id:
            out.append(Proposal("backing", x.id, y.id, (x.start, y.end)))
    return out


def allegiance(text: str, names: Names, s: int, e: int) -> list[Proposal]:
    """"The ADF pledged allegiance to the Islamic State", "X, a member of the Y": an alliance said outright."""
    out = []
    for m in re.finditer(r"\s+(?:(?:has|have|had|later|formally|publicly)\s+)*(?:pledged|pledges|swore|swears|sworn)\s+"
                         r"(?:its\s+|their\s+)?(?:allegiance|loyalty)\s+to\s+(?:the\s+)?", text[s:e]):
        x = _actor_ending_at(names, s + m.start()) or subject_before(names, text, s, s + m.start())
        y = actor_after(names, text, s + m.end(), e, max_words=0)
        if x and y and x.id != y.id:
            out.append(Proposal("alliance", x.id, y.id, (x.start, y.end)))
    return out + _subject_then_object(text, names, s, e, r",\s+(?:a|one|the)\s+(?:founding\s+|key\s+|leading\s+)?"
                                      r"members?\s+of\s+(?:the\s+)?", "alliance", 0, right_before=True)


def joint_operation(text: str, names: Names, s: int, e: int) -> list[Proposal]:
    """"Uganda and the DR Congo launched a joint military operation against the ADF": the two in
    alliance, and each against the third."""
    out = []
    for m in re.finditer(r"\s+(?:(?:have|has|had|then|later|jointly)\s+)*(?:launched|began|begun|mounted|started)\s+"
                         r"(?:a|an|their)\s+joint\s+(?:[a-z]+\s+){0,2}(?:operation|offensive|campaign)\b", text[s:e]):
        b = _actor_ending_at(names, s + m.start())
        gap = re.search(r",?\s+and\s+(?:the\s+)?$", text[s : b.start]) if b else None
        a = _actor_ending_at(names, s + gap.start()) if gap else None
        if not (a and b) or a.id == b.id:
            continue
        out.append(Proposal("alliance", a.id, b.id, (a.start, s + m.end())))
        against = re.match(r"[^.;]{0,40}?\s+against\s+(?:the\s+)?", text[s + m.end() : e])
        c = actor_after(names, text, s + m.end() + against.end(), e, max_words=0) if against else None
        if c and c.id not in (a.id, b.id):
            out += [Proposal("hostility", x.id, c.id, (a.start, c.end)) for x in (a, b)]
    return out


def alongside(text: str, names: Names, s: int, e: int) -> list[Proposal]:
    """"Rwandan soldiers were operating … alongside the M23", "accuses Kinshasa of fighting alongside
    the FDLR": the subject fights beside the actor named right after "alongside"."""
    out = []
    for m in re.finditer(r"\b(?:fighting|fought|fight|fights|operating|operate|operated|deployed|serving)\s+"
                         r"(?:[\w’'-]+\s+){0,5}?alongside\s+(?:the\s+)?", text[s:e]):
        before = text[s : s + m.start()]
        # "accuses Kinshasa of fighting alongside", "Burundi has also sent soldiers to fight alongside"
        of = re.search(r"\bof\s+$|\bsent\s+(?:\w+\s+)?(?:soldiers|troops|forces|militias|fighters)\s+to\s+$", before)
        x = subject_before(names, text, s, s + m.start() - (len(of.group()) if of else 0)) or next(
            (h for h in reversed(names.hits) if h.kind == "actor" and s <= h.start and h.end <= s + m.start()
             and re.fullmatch(r"\s+(?:(?:soldiers|troops|forces|fighters|were|was|are|is|had been|have been)\s+)*",
                              text[h.end : s + m.start()])), None)  # fmt: skip
        y = actor_after(names, text, s + m.end(), e, max_words=1)
        if x and y and x.id != y.id:
            out.append(Proposal("alliance", x.id, y.id, (x.start, y.end)))
    return out


def formed(text: str, names: Names, s: int, e: int) -> list[Proposal]:
    """"Burkina Faso, Mali and Niger have since formed the Alliance of Sahel States": each actor of
    the list that forms it is in alliance with what it formed."""
    out = []
    for m in re.finditer(r"\s+(?:(?:have|has|had|since|now|also|then|jointly)\s+)*(?:formed|founded|set up|created)\s+"
                         r"(?:the\s+|an?\s+)?", text[s:e]):  # fmt: skip
        y = actor_after(names, text, s + m.end(), e, max_words=1)
        last = _actor_ending_at(names, s + m.start())
        if not (y and last):
            continue
        members = [last]
        while True:  # back along the list: "A, B and C"
            gap = re.search(r"(?:,\s+|,?\s+and\s+)$", text[s : members[0].start])
            prev = _actor_ending_at(names, s + gap.start()) if gap else None
            if prev is None:
                break
            members.insert(0, prev)
        out += [Proposal("alliance", x.id, y.id, (x.start, y.end)) for x in members if x.id != y.id]
    return out


RULES: tuple[tuple[str, Callable[[str, Names, int, int], list[Proposal]], float], ...] = (
    ("x-backed-y", backed, 0.8),
    ("x-backs-y", backs, 0.7),
    ("x-joined-y", joined, 0.7),
    ("x-ally-of-y", ally, 0.8),
    ("x-fights-y", fights, 0.7),
    ("x-alongside-y", alongside, 0.6),
    ("x-formed-y", formed, 0.7),
    ("x-offensive-against-y", offensive, 0.6),
    ("x-ally-of-y-said", ally_of, 0.7),
    ("accused-of-backing", accused_of_backing, 0.6),
    ("x-allegiance-to-y", allegiance, 0.7),
    ("joint-operation", joint_operation, 0.7),
)


def find_relationships(sentences: list[Span], text: str, names: Names, claims: list[DraftClaim]):
    out: list[DraftRelationship] = []
    seen = set()
    for s, e in sentences:
        for rule, fn, confidence in RULES:
            for p in fn(text, names, s, e):
                key = (p.kind, p.from_actor, p.to_actor)
                if key in seen:
                    continue
                claim = next((c for c in claims if any(inside(p.evidence, sp) for sp in c.spans)), None) or next(
                    (c for c in claims if any(overlaps(p.evidence, sp) for sp in c.spans)), None
                )
                if claim is None:
                    continue
                seen.add(key)
                out.append(DraftRelationship(f"{p.from_actor}-{p.kind}-{p.to_actor}"[:120].rstrip("-"), p.kind,
                                             p.from_actor, p.to_actor, p.evidence, claim.id, rule, confidence))
    return out
