"""Who and where the article names: registry names, and new actors and places with a guessed type.

:func:`find_names` is one stage: text and registry in, a frozen :class:`Names` out. Every new
actor or place carries the rule that typed it and a confidence; a registry name met out of its
context is held back as a TODO with the reason, not linked: an alias of another region's actor, a
name before words for its people or a body of it ("US officials", "UN peacekeepers"), a government's
name before its forces' fire, a common-noun alias before the name of its group ("rebels of the …").
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Container
from dataclasses import dataclass, replace

from . import gazetteer
from .gazetteer import RegistryIndex
from .kinds import (
    COMPANY_ENDS,
    DIRECTIONS,
    PLACE_HEADS,
    acting,
    list_siblings,
    modifier,
    place_context,
    titled,
    type_new,
)
from .lexicon import lexicon
from .text import STAMP, Layout, Region, Span, is_name_token, name_pattern, norm, overlaps, slug, title_case

_KIND_NOUN_AFTER = re.compile(
    r"^\s+(forces|force|militia|militias|group|movement|brigade|army|party|council|ministry|government|"
    r"coalition|alliance|camp|television|radio)\b"
)
# Words after a registry organisation's name that make it the name of one of its bodies or of its
# people, not of the organisation: "the UN human rights office", "the UN's humanitarian office", "the UN
# peacekeeping mission", "UN peacekeepers".
_BODY_AFTER = re.compile(r" (?:[a-z’'-]+ ){0,3}(?:office|agency|envoy|mission|embassy|committee|investigators|"
                         r"monitors|headquarters|tribunal|court|helmets|personnel|agents|staff|compound|"
                         r"peacekeepers|panel|experts|rapporteurs?|observers|soldiers|troops|"
                         # its officers: "the UN Special Representative", "the UN high commissioner for …"
                         r"(?i:special representative|high commissioner))\b"
                         # its force, named after it: "the United Nations force that patrols the line"
                         r"| force\b"
                         # a body after a possessive ("the UN's humanitarian office"), but not a person of it: "the
                         # UN's envoy" names the UN
                         r"|[’']s (?:[a-z’'-]+ ){0,3}(?:office|agency|mission|committee|headquarters|tribunal|court)\b")
# Words after a state's, a government's or a military's name that make it the name of people or of a body
# of it: "US agents", "the US embassy", "US officials", "US media", "a US military intelligence assessment".
# (with a word of its service between: "a senior US defence official")
_OF_STATE_AFTER = re.compile(r" (?:(?:defence|defense|military|security|foreign|senior|government|agriculture|"
                             r"treasury|justice|health|trade|customs|border) )?"
                             r"(?:agents|personnel|embassy|consulate|ambassador|(?:special )?envoy|headquarters|"
                             r"officials?|officers?|diplomats?|media|intelligence|list|passports?|citizens?|nationals?|"
                             r"positions|Marines?|paratroopers|Forces|Army|Navy|Air Force|inspectors|investigators|"
                             r"prosecutors|operations?)\b"
                             # "a US group close to him", "the Congo river": a body of its own, or a place
                             r"| (?:group|charity)\b| [Rr]iver\b"
                             r"|-(?:flagged|registered|owned|made|built)\b"  # "US-flagged ships": where they are from
                             r"|-led\s+(?:coalition|alliance|force|mission|operation|task force)\b")  # "US-led …"
# A river named like a country: "the Congo river", "the Niger River".
_RIVER_AFTER = re.compile(r" [Rr]iver\b")
# "the US-Philippines Mutual Defense Treaty": a state's name in the name of a treaty between two.
_TREATY_AFTER = re.compile(r"-[A-Z][\w’'-]+ (?:[A-Z][\w’'-]+ ){0,4}(?:Treaty|Agreement|Accord|Pact)\b")
# A state's base is a place of its own: "a U.S. base beside the canal" (a force's bases are its own).
_STATE_BASE = re.compile(r" (?:military |air |naval )?bases?\b")
# Words after a person's name that make it the name of a government or of people of theirs: "Assad’s regime".
_OF_PERSON_AFTER = re.compile(r"[’']s (?:regime|government|administration|forces|army|troops|militia|men|"
                              r"spokesman|spokeswoman|spokesperson|office|aides?|loyalists|supporters)\b")
# The words after a name that make it the name of people or of a body of the actor, by the actor's type.
_OF_ACTOR_AFTER: tuple[tuple[tuple[str, ...], Callable[[str], re.Match | None]], ...] = (
    (("person",), lambda after: _OF_PERSON_AFTER.match(after[:30])),
    (("organization",), lambda after: _BODY_AFTER.match(after)),
    (("state", "government", "military-force"),
     lambda after: _OF_STATE_AFTER.match(after[:30]) or _POSSESSIVE_BODY.match(after) or _TREATY_AFTER.match(after)),
    (("state",), lambda after: _STATE_BASE.match(after)),
)
# Where in a country: "northern Iraq", "south-eastern Nigeria" (lower case: "Western Sahara" is a name).
_PART_OF_COUNTRY = re.compile(r"(?<![\w-])((?:north|south)-?(?:eastern|western)|northern|southern|eastern|western|"
                              r"central)\s+$")
# A country's name before a body of its state: "Iraq’s foreign ministry", "Rwanda's defence ministry".
# (Not one named in capitals: "New Zealand’s Ministry of Foreign Affairs" names the state too.)
_POSSESSIVE_BODY = re.compile(r"[’']s (?:[a-z-]+ ){0,3}(?:ministry|ministries|council|parliament|court|commission|"
                              r"embassy|mission|police|navy|air force|coast guard|border guard|"
                              r"security service|intelligence|"
                              r"government spokes(?:man|woman|person))\b"
                              # one named in capitals, not as "Ministry of …": "Iraq's National Security Council",
                              # "Iraq's Joint Operations Command"
                              r"|[’']s (?:[A-Z][\w-]+ ){0,4}(?:Council|Command|Committee|Commission|Ministry|"
                              r"Service|Directorate)\b(?! of\b)")
# The head words of a body's name that "on" continues: "Commission on National Reconciliation".
_ON_HEADS = frozenset({"Commission", "Committee", "Council", "Conference", "Convention", "Court", "Tribunal",
                       "Panel", "Office", "Board", "Centre", "Center"})
# A government's name before its troops: "Syrian government forces".
_GOVERNMENT_FORCES = re.compile(r"^ (?:forces|troops|soldiers)\b")
# A state's name before its soldiers or their machines: "U.S. troops", "two U.S. helicopters", "U.S. transport planes".
_STATE_TROOPS = re.compile(r"^ (?:forces|troops|soldiers|military|(?:transport |cargo |combat )?(?:helicopters?|planes|"
                           r"warplanes|jets|aircraft|warships|gunboats|tanks))\b")
# A government's name before the fire of its forces: "Syrian government shelling".
_GOVERNMENT_FIRE = re.compile(r"^ (?:shelling|bombardment|bombing|air ?strikes|strikes|artillery|warplanes|jets|"
                              r"aircraft|drones)\b")
_LED = re.compile(r"(?<![\w-])([A-Z][\w’']+(?:-[A-Z][\w’']+)*)-led\s+(coalition|forces|alliance|mission|force)\b")


@dataclass(frozen=True)
class Hit:
    """A name in the text that stands for an actor or a place."""

    start: int
    end: int
    kind: str  # actor | place
    id: str
    how: str  # label | alias | surname | candidate | capital | speaker
    also: tuple[str, ...] = ()  # other ids the same words could stand for

    @property
    def span(self) -> Span:
        return (self.start, self.end)


@dataclass(frozen=True)
class Entity:
    """An actor or place the registry does not know, proposed for review."""

    id: str
    kind: str  # actor | place
    label: str
    type: str | None  # actor type; None for a place
    rule: str  # the rule that found and typed it
    confidence: float
    hint: str = ""
    geonames: int | None = None
    aliases: tuple[str, ...] = ()

    @property
    def why(self) -> str:
        what = "a place" if self.kind == "place" else f"type {self.type}"
        geo = f"; GeoNames {self.geonames}" if self.geonames else ""
        return f"TODO: review: not in the registry; {what} by rule {self.rule} (confidence {self.confidence:.1f}){geo}"


@dataclass(frozen=True)
class Held:
    """A registry name found where the article's region makes the link doubtful."""

    ref: str
    spans: tuple[Span, ...]
    reason: str


@dataclass(frozen=True)
class Names:
    hits: tuple[Hit, ...]
    entities: dict[str, Entity]
    held: tuple[Held, ...]
    regions: frozenset[str]  # the countries the article is about (ISO codes)
    index: RegistryIndex

    def actor_type(self, ref: str) -> str | None:
        if ref in self.index.registry.actors:
            return self.index.registry.actors[ref].type
        e = self.entities.get(ref)
        return e.type if e else None

    def label(self, ref: str) -> str:
        return self.index.label(ref) or self.entities[ref].label

    def actors_in(self, span: Span) -> list[Hit]:
        return [h for h in self.hits if h.kind == "actor" and span[0] <= h.start and h.end <= span[1]]

    def at(self, span: Span) -> Hit | None:
        return next((h for h in self.hits if h.span == span), None)


def longest_first(hits: list[Hit]) -> list[Hit]:
    """Keep the longest names; a shorter name inside a longer one is part of it, not a mention."""
    kept: list[Hit] = []
    for h in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if not any(overlaps(h.span, k.span) for k in kept):
            kept.append(h)
    return sorted(kept, key=lambda h: (h.start, h.end))


class Ids:
    """New ids, none equal to a registry id or to one given before (one per draft)."""

    def __init__(self, taken):
        self.taken = set(taken)

    def new(self, label: str) -> str:
        base = slug(label) or "candidate"
        if not re.match(r"^[a-z]", base):
            base = "candidate-" + base
        new, n = base, 2
        while new in self.taken:
            new, n = f"{base}-{n}", n + 1
        self.taken.add(new)
        return new


def _government_for(code: str, index: RegistryIndex, ended: Container[str] = frozenset()) -> str | None:
    """The registry's government of a country (the registry keeps some countries as places and
    their politics as their government's: "Damascus denies" is the Syrian government), unless it
    had ended when the article was published."""
    found = [a.id for a in index.registry.actors.values()
             if a.type == "government" and index.regions.get(a.id) == frozenset({code}) and a.id not in ended
             and not any(p in index.registry.actors and index.registry.actors[p].type == "government"
                         for p in a.part_of)]  # fmt: skip
    return found[0] if len(found) == 1 else None


# --------------------------------------------------------------------------------------------
# Registry names


def _registry_hits(lay: Layout, index: RegistryIndex) -> list[Hit]:
    text = lay.text
    patterns: dict[str, re.Pattern] = {}
    raw: dict[Span, list[tuple[str, str, str, int]]] = {}
    entries = index.entries()
    for r in lay.regions:
        seg = text[r.start : r.end]
        folded = seg.casefold().replace("’", "'")
        for name, kind, ref, how, order in entries:
            if not name.strip() or name.split()[0].casefold().replace("’", "'") not in folded:
                continue
            pattern = patterns.get(name) or patterns.setdefault(name, name_pattern(name))
            for m in pattern.finditer(seg):
                raw.setdefault((r.start + m.start(), r.start + m.end()), []).append((kind, ref, how, order))
    hits = []
    for (start, end), options in raw.items():
        kinds = {o[0] for o in options}
        chosen = options
        if len(kinds) > 1:
            prefer = "place" if place_context(text, start, end) else "actor"
            chosen = [o for o in options if o[0] == prefer]
        best = min(chosen, key=lambda o: (o[2] != "label", o[0] != "actor", o[3]))
        also = tuple(sorted({o[1] for o in options} - {best[1]}))
        hits.append(Hit(start, end, best[0], best[1], best[2], also))
    return longest_first(hits)


def _middle_name(name: str) -> str:
    """The middle word of a name of three that may stand for the whole ("Dadis" of "Moussa Dadis
    Camara"), or "" (not a title, a particle or a word with a hyphen)."""
    lx = lexicon()
    words = name.split()
    middle = words[1] if len(words) == 3 else ""
    if len(middle) >= 3 and middle[0].isupper() and "-" not in middle and middle not in lx.stop and (
            middle not in lx.titles and middle.lower() not in lx.particles):  # fmt: skip
        return middle
    return ""


def _surnames(lay: Layout, hits: list[Hit], persons: dict[str, str]) -> list[Hit]:
    """Bare surnames of persons already named in full, e.g. "Weiss" after "Michael Weiss", and the middle
    name of a name of three words that the text uses alone ("Dadis" after "Moussa Dadis Camara")."""
    lx = lexicon()
    first_full: dict[str, int] = {}
    for h in hits:
        if h.id in persons and h.how != "surname":
            first_full.setdefault(h.id, h.start)
    by_surname: dict[str, list[str]] = {}
    for ref in first_full:
        words = persons[ref].split()
        last = words[-1] if len(words) >= 2 else ""
        particle = last.split("-")[0].lower() in lx.particles and "-" in last
        if len(last) >= 3 and (last[0].isupper() or particle) and last not in lx.stop and last not in lx.titles:
            by_surname.setdefault(last, []).append(ref)
        middle = _middle_name(persons[ref])
        if middle:
            by_surname.setdefault(middle, []).append(ref)
    new = []
    story = [r for r in lay.regions if r.kind == "paragraph"]
    for surname, refs in sorted(by_surname.items()):
        if len(refs) != 1:
            continue  # two persons share the surname: leave it to the reader
        ref = refs[0]
        pattern = name_pattern(surname)
        if any(m.start() < first_full[ref] and not any(h.start <= m.start() < h.end for h in hits)
               for r in story for m in pattern.finditer(lay.text, r.start, r.end)):  # fmt: skip
            continue  # the word alone before the person is named ("a hundred Bawm men"): not their surname here
        for r in lay.regions:
            for m in pattern.finditer(lay.text[r.start : r.end]):
                span = (r.start + m.start(), r.start + m.end())
                if span[0] > first_full[ref] and not any(overlaps(span, h.span) for h in hits + new):
                    new.append(Hit(span[0], span[1], "actor", ref, "surname"))
    return sorted(hits + new, key=lambda h: (h.start, h.end))


# Plural last words of names that name no one group alone ("the Forces", "the Nations").
_GENERIC_PLURALS = frozenset({"Forces", "Nations", "States", "Units", "Affairs", "Rights", "Studies", "Services",
                              "Relations", "Islands", "Emirates", "Movements", "Sciences", "Resources", "Works"})


def _plural_heads(lay: Layout, hits: list[Hit], entities: dict[str, Entity]) -> list[Hit]:
    """"The Tigers say …" after "the Tamil Tigers": the plural last word of a group's name, after "the",
    is that group, when one group named before has it and the words are no part of another name."""
    by_word: dict[str, list[tuple[str, int]]] = {}
    for h in hits:
        e = entities.get(h.id)
        if e is None or e.kind != "actor" or e.type not in ("armed-group", "organization", "military-force"):
            continue
        words = e.label.split()
        last = words[-1] if len(words) >= 2 else ""
        if len(last) >= 4 and last.endswith("s") and last[0].isupper() and last not in _GENERIC_PLURALS and (
                lay.text[h.start : h.end] == e.label):  # fmt: skip
            by_word.setdefault(last, [])
            if all(ref != h.id for ref, _ in by_word[last]):
                by_word[last].append((h.id, h.end))
    new = []
    for word, named in sorted(by_word.items()):
        if len(named) != 1:
            continue
        ref, after = named[0]
        for m in re.finditer(rf"\b[Tt]he ({re.escape(word)})(?![\w’'-]| [A-Z])", lay.text):
            span = (m.start(1), m.end(1))
            if span[0] > after and span[0] < lay.article.content_end and not any(
                    overlaps(span, h.span) for h in hits + new):  # fmt: skip
                new.append(Hit(span[0], span[1], "actor", ref, "alias"))
    return sorted(hits + new, key=lambda h: (h.start, h.end))


def _out_of_region(lay: Layout, hits: list[Hit], index: RegistryIndex, regions: frozenset[str]):
    """Registry aliases of actors of other countries than the article's: held back, not linked."""
    kept, held = [], {}

    def near_its_country(h: Hit, own: frozenset[str]) -> bool:
        """Whether the paragraph names the actor's country, or another actor of it ("Washington has sent
        shells … In Congress, some Republicans …")."""
        region = lay.region_at(h.start)
        if region is None:
            return False
        words = lay.text[region.start : region.end]
        return bool(gazetteer.countries_in(words) & own) or any(
            x is not h and region.start <= x.start < region.end and index.regions.get(x.id, frozenset()) & own
            for x in hits)  # fmt: skip

    # Aliases that are common nouns ("rebels", "rebel fighters"), or one word that says what kind of body
    # it is ("Congress", "Parliament"), name an actor only in its own region.
    lx = lexicon()
    generic = {a.id: {x for x in a.aliases if x[:1].islower() or (" " not in x and lx.kind_of_word(x))}
               for a in index.registry.actors.values()}  # fmt: skip
    def foreign(h: Hit) -> bool:
        own = index.regions.get(h.id, frozenset())
        words = lay.text[h.start : h.end]
        return (
            h.kind == "actor" and h.how == "alias"
            and (words in generic.get(h.id, ()) or words[:1].lower() + words[1:] in generic.get(h.id, ()))
            and bool(own) and bool(regions) and not (own & regions) and not (gazetteer.countries_in(words) & own)
        )  # fmt: skip

    near = {i: near_its_country(h, index.regions.get(h.id, frozenset())) for i, h in enumerate(hits) if foreign(h)}
    # A word the article uses for its own country's body away from the other country ("Congress had sworn
    # in …" in Honduras) is that body near it too ("American diplomats had tried to talk the army and
    # Congress out of it").
    own_use = {lay.text[hits[i].start : hits[i].end] for i, close in near.items() if not close}
    for i, h in enumerate(hits):
        words = lay.text[h.start : h.end]
        if i in near and (words[:1].islower() or words in own_use or not near[i]):
            held.setdefault(h.id, []).append(h.span)
            continue
        kept.append(h)
    names = lambda codes: ", ".join(sorted(c.name for c in map(gazetteer.country_by_code, codes) if c))  # noqa: E731
    out = tuple(
        Held(ref, tuple(spans), f"the registry's {ref} belongs to {names(index.regions[ref])}, and this article is "
                                f"about {names(regions)}")
        for ref, spans in held.items()
    )  # fmt: skip
    return kept, out


# --------------------------------------------------------------------------------------------
# New names


def _tokens(text: str, region: Region):
    for m in re.finditer(r"[^\s/]+", text[region.start : region.end]):
        s, e = region.start + m.start(), region.start + m.end()
        lead = s
        while s < e and text[s] in "“‘\"'([":
            s += 1
        core_end = e
        while core_end > s and text[core_end - 1] in "”’\"'),;:!?…]":
            core_end -= 1
        word = text[s:core_end]
        lx = lexicon()
        plural = text[core_end:e] in ("’", "'")
        head = re.match(r" ([A-Z][\w’'-]+)", text[core_end + 1 : core_end + 40]) if plural else None
        if head and word.endswith("s") and lx.kind_of_word(head.group(1)) in ("organization", "armed-group"):
            word, core_end = text[s : core_end + 1], core_end + 1  # "the Writers’ Union", "Workers’ Party"
        for suffix in ("’s", "'s"):
            if word.endswith(suffix) and word[:-2] not in lx.possessive_in_names:  # "Tigray People’s Liberation Front"
                word, core_end = word[:-2], core_end - 2
        if word.endswith(".") and not (re.fullmatch(r"(?:[A-Z]\.)+", word) or word[:-1] in lx.abbreviations
                                       or word[:-1] in lx.titles):  # fmt: skip
            word, core_end = word[:-1], core_end - 1
        yield s, core_end, word, s > lead, core_end < e


def _sentence_start(lay: Layout, region: Region, pos: int) -> bool:
    text = lay.text
    i = pos
    while i > region.start and text[i - 1] in "“‘\"'([ \t\u00a0":
        i -= 1
    return i == region.start or text[i - 1] in ".?!…:–—" or bool(STAMP.fullmatch(text[region.start : pos]))


def _introduced(text: str, word: str, end: int) -> bool:
    """"Jaish-e-Mohammed, a militant group based in Pakistan, claimed …": a word that opens a sentence
    is a name when a hyphen joins it to a capital, or when an apposition with "a" or "an" and a word of
    a kind of actor describes it."""
    if re.search(r"\w-(?:[a-z]{1,3}-)?[A-Z]", word) and not word.endswith(("an", "ese", "ish")):
        return True
    m = re.match(r",\s+an?\s+([^,.;:“”]{3,80}),", text[end : end + 90])
    if m and any(lexicon().kind_of_word(w) for w in m.group(1).split()):
        return True
    # "Memorial, the Moscow human rights group, has accused …": an apposition with "the" whose last
    # word is a kind of actor's
    m = re.match(r",\s+the\s+(?:[^,.;:“”]{0,60}\s)?([a-z]+),", text[end : end + 90])
    return bool(m and lexicon().kind_of_word(m.group(1).capitalize()))


def _clean(seq: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    lx = lexicon()
    out = list(seq)
    # "General Staff", "Supreme Court", "Defence Headquarters": titles before a word of a kind of actor
    # are its name, not a person's titles
    if len(out) > 1 and lx.kind_of_word(out[-1][2]) and all(w.rstrip(".") in lx.titles for _, _, w in out[:-1]):
        return out
    if len(out) > 1 and gazetteer.country(" ".join(w for _, _, w in out)):
        return out  # "Western Sahara", "South Sudan": a country's whole name, whatever its first word
    # "Tajik President Emomali Rahmon", "Cambodian Prime Minister Hun Manet": a people's word before a title
    if len(out) > 2 and out[1][2].rstrip(".") in lx.titles and (
        out[0][2] in lx.peoples or gazetteer.demonym_country(out[0][2]) or gazetteer.country(out[0][2])
    ):
        out.pop(0)
    if " ".join(w for _, _, w in out) in lx.institutions:
        return out  # "State House said": a seat of power's whole name
    if len(out) > 1 and out[-1][2].rstrip(".") in COMPANY_ENDS:
        return out  # "Military Professional Resources Inc.": "Military" is no title here
    while out and (out[0][2] in lx.stop or out[0][2].rstrip(".") in lx.titles or out[0][2] in lx.connectors
                   or (out[0][2].lower() in lx.people_nouns and len(out) > 1)
                   or ((out[0][2] in lx.weekdays or out[0][2] in lx.months) and len(out) > 1)):  # fmt: skip
        # "Fighters of the Maute group": the people of a name are no part of it; nor is the day before
        # it ("On Tuesday Amnesty renewed its call"), nor the month ("on 2 May Israel struck")
        if len(out) > 2 and out[0][2] in ("One", "Two", "Three", "Four", "Five") and lx.kind_of_word(
                out[-1][2]) and all(w[:1].isupper() and w not in lx.stop for _, _, w in out[1:]):
            break  # "the Three Brotherhood Alliance": a number that begins a name of its own
        out.pop(0)
    while out and out[-1][2] in lx.connectors:
        out.pop()
    if not out:
        return []
    words = [w for _, _, w in out]
    if all(w in lx.weekdays or w in lx.months or w.rstrip(".") in lx.month_abbreviations for w in words):
        return []
    return out


def _and_in_name(words: list[str], at: int) -> bool:
    """Whether the "and" at ``at`` joins two halves of one name: an institution's complement
    ("Ministry of Foreign Affairs and Trade", "Office for Kosovo and Metohija"), or two words before the
    head word they share ("Peace and Security Council"); not two names ("Syria and Iraq", "Russia and
    Wagner Group")."""
    lx = lexicon()
    left, right = words[:at], words[at + 1 :]
    if not left or not right or any(gazetteer.is_place(" ".join(x)) for x in (left, right)):
        return False
    kinds_left = [i for i, w in enumerate(left) if lx.kind_of_word(w) not in (None, "media-outlet")]
    right_kind = any(lx.kind_of_word(w) for w in right)
    if kinds_left and not right_kind:  # the complement of a ministry's, an office's name
        return any(w in ("of", "for") for w in left[kinds_left[0] + 1 :])
    return (not kinds_left and len(left) <= 2 and lx.kind_of_word(right[-1]) not in (None, "media-outlet")
            and not gazetteer.is_place(" ".join(left)))  # fmt: skip


def _acronym_after(text: str, parts: list[tuple[int, int, str]]) -> bool:
    """Whether the name is followed by its acronym, "(LURD)" or ", known as LURD", whose letters are
    the initials of its capitalised words: the "and" inside it is part of it."""
    m = re.match(r"\s*(?:\(|,\s+(?:known as|or)\s+)([A-Z]{3,8})\b", text[parts[-1][1] : parts[-1][1] + 30])
    return bool(m and "".join(w[0] for _, _, w in parts if w[:1].isupper()) == m.group(1))


def _alone_elsewhere(text: str, left: list[tuple[int, int, str]]) -> bool:
    """Whether the words before an "and" are a name by themselves elsewhere in the text: "Hamas and
    Islamic Jihad called …" after "Hamas said …" are two names, though "Jihad" is a head word."""
    name = " ".join(w for _, _, w in left)
    return any(m.start() != left[0][0] for m in re.finditer(
        rf"(?<![\w’'-])(?<!\band ){re.escape(name)}(?![\w’'-])(?!\s+(?:and\s+)?[A-Z])", text))


def _sequences(lay: Layout, region: Region, taken: list[Span]) -> list[Span]:
    """Runs of capitalised words (with "of", "al" … inside) that could be names."""
    lx = lexicon()
    text = lay.text
    seq: list[tuple[int, int, str]] = []
    results: list[Span] = []

    def flush():
        while seq and (seq[-1][2] in lx.connectors or seq[-1][2] == "and"):
            seq.pop()
        parts = list(seq)
        seq.clear()
        at = next((i for i, (_, _, w) in enumerate(parts) if w == "and"), None)
        spelt = at is not None and _acronym_after(text, parts)  # "Liberians United for … and Democracy (LURD)"
        if at is not None and not spelt and (not _and_in_name([w for _, _, w in parts], at)
                                             or _alone_elsewhere(text, parts[:at])):  # fmt: skip
            emit(parts[:at])  # "Syria and Iraq": two names
            emit(parts[at + 1 :])
        else:
            emit(parts)

    def emit(parts: list[tuple[int, int, str]]):
        out = _clean(parts)
        if not out:
            return
        start, end = out[0][0], out[-1][1]
        words = [w for _, _, w in out]
        if re.match(r" administration\b", text[end : end + 16]) and not any(lx.kind_of_word(w) for w in words):
            results.append((start, end + len(" administration")))  # "the Biden administration": a government
            return
        if len(words) == 1:
            w = words[0]
            nxt = re.match(r"\s+([a-z])", text[end : end + 3])
            if (
                # (a city's name opens a sentence as a name, but not the last word of a place's name that
                # GeoNames also has as a town's: "Airport officials said")
                (_sentence_start(lay, region, start) and not w.isupper() and not gazetteer.country(w)
                 and not (gazetteer.city(w) and w not in PLACE_HEADS)
                 and not re.match(r"(?:Al|El|al|el)-[A-Z]", w)
                 and not re.search(rf"[a-z,;][ \t\u00a0]+{re.escape(w)}(?![\w-])", text)
                 and not _introduced(text, w, end))
                or (w.endswith(("an", "i")) and nxt and not gazetteer.country(w) and not gazetteer.city(w)
                    and not lx.kind_of_word(w) and not gazetteer.region(w)  # "Balochistan was quiet"
                    # "Afghan soldiers"; but "the Taliban said", "President Reagan said"
                    and not titled(text, start))
                or (nxt and not w.endswith("s") and gazetteer.demonym_country(w) and not gazetteer.country(w)
                    and not gazetteer.city(w)
                    and not lx.kind_of_word(w))  # "the Kazakh leader": a people's word, not a name
                or w in lx.peoples or w in lx.titles
                or (w.endswith(tuple(lx.demonym_endings)) and not gazetteer.country(w) and not gazetteer.city(w)
                    and not w.isupper() and len(w) > 3 and w[-3:] in ("ian", "ese", "ish", "ans", "ean"))
                or len(w) < 2
                or re.fullmatch(r"[IVX]{2,5}", w)  # "III. Potočari": a section's number
            ):  # fmt: skip
                return
        if all(w in lx.titles or w in lx.peoples for w in words):
            return
        # "Hadiza Lawan Bukar of the Centre for Lake Chad Studies": a person's name, then an institution's
        at = words.index("of") if "of" in words else -1
        right = [w for w in words[at + 1 :] if w != "the"]
        # … or "King Hussein of Jordan": a ruler's name, then the country (after a title only a person bears)
        of_body = at >= 2 and not any(lx.kind_of_word(w) or w in lx.titles for w in words[:at]) and any(
            lx.kind_of_word(w) for w in right)
        of_country = at >= 1 and titled(text, start) and bool(
            gazetteer.country(" ".join(right)) or gazetteer.region(" ".join(right)))  # "… Nyerere of Tanganyika"
        # … or "Selim Ergün of the CHP", "César Mendoza of the Carabineros": two or three words of a person's
        # name (none a word of a body, a title, a people or a place) before "of the"
        of_person = 2 <= at <= 3 and words[at + 1] == "the" and len(right) > 0 and not any(
            lx.kind_of_word(w) or w in lx.titles or w in lx.peoples or w in lx.stop or w in lx.possessive_in_names
            or w.isupper() or gazetteer.country(w) or gazetteer.city(w) or gazetteer.region(w) for w in words[:at])
        if of_body or of_country or of_person:
            k = at + 1 + (words[at + 1] == "the")
            results.append((out[0][0], out[at - 1][1]))
            results.append((out[k][0], out[-1][1]))
            return
        if (words[-1] in lx.peoples or len(words) == 2 and gazetteer.demonym_country(" ".join(words))) and not words[
                -1].endswith("s") and re.match(r"[ \t]+[a-z]", text[end : end + 2]):  # fmt: skip
            return  # "Latin American governments", "South African private …": an adjective, not a name
        results.append((start, end))

    prev_end = None
    # a short line before the story whose first words are in capitals: they may be an outlet's name
    front_line = None
    if region in lay.front_lines:
        # (any letters in capitals: "THE GONÂVE QUARTERLY — December 2024")
        caps = re.match(r"(?:[^\W\d_][\w’'&.-]+ )*[^\W\d_][\w’'&.-]+(?= [·|•–—-] |$)", text[region.start : region.end])
        front_line = region.start + caps.end() if caps and " " in caps.group() and caps.group().isupper() else None
    for s, e, word, lead_punct, trail_punct in _tokens(text, region):
        if any(overlaps((s, e), t) for t in taken) or not word:
            flush()
            prev_end = None
            continue
        if region.kind == "credit" and (word in ("PHOTO", "Photo") and (trail_punct or text[e : e + 1] == "/")
                                        or word == "FOR"):  # "Zab Wire Photo/Name": the outlet, then the name
            flush()  # "MARGALLA WIRE PHOTO: Name", "NAME FOR OUTLET": two names, not one
            prev_end = None
            continue
        # a credit in capitals: "PHOTOGRAPHS BY NAME FOR HAUD QUARTERLY"; an outlet's name in capitals that
        # opens a line before the story: "KANLAON QUARTERLY · FEATURE"
        is_name = is_name_token(word) or (region.kind == "credit" or front_line and s < front_line) and (
            word.isupper() and word.isalpha())  # fmt: skip
        if not is_name and seq and seq[-1][2][:1].isupper() and re.fullmatch(r"[A-Z][a-z]{1,4}-[a-z]{2,4}", word):
            is_name = True  # a given name after a family name: "Lee Ji-won", "Kim Jong-un"
        if not is_name and seq and word.rstrip(".") in COMPANY_ENDS:
            is_name = True  # "Military Professional Resources Inc.": a company's name ends in its form
        ordinal = re.fullmatch(r"\d{1,3}(?:st|nd|rd|th)", word) and not trail_punct and (not seq or seq[-1][2] == "The")
        after = re.match(r"(?: [A-Z][a-z]+){0,2} ([A-Z][a-z]+)", text[e : e + 40]) if ordinal else None
        if after and lx.kind_of_word(after.group(1)) and not any(w in lx.months for w in after.group().split()):
            is_name = True  # "the 3rd Infantry Division", "the 33rd Front": a unit's number begins its name
        is_conn = word in lx.connectors and seq and (word != "the" or seq[-1][2] in ("of", "for"))
        # "Ministry of Foreign Affairs and Trade", "Peace and Security Council": "and" inside a name (once)
        if word == "and" and seq and seq[-1][2] not in lx.connectors and not any(w == "and" for _, _, w in seq):
            is_conn = True
        scope = re.match(r" ((?:the )?[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)*)", text[e : e + 40]) if word == "in" else None
        if scope and seq and any(w == "and" for _, _, w in seq) and any(w in ("of", "for") for _, _, w in seq) and any(
                lx.kind_of_word(w) for _, _, w in seq) and (gazetteer.country(scope.group(1)) or gazetteer.continent(
                scope.group(1))):  # fmt: skip
            # "Organization for Security and Co-operation in Europe", "Front for Change and Concord in Chad":
            # the country or continent an organisation's name covers
            is_conn = True
        if word == "on" and seq and seq[-1][2] in _ON_HEADS and re.match(r" [A-Z]", text[e : e + 2]):
            is_conn = True  # "Commission on Human Rights", "Committee on Foreign Relations"
        if word == "for" and region.kind == "credit":
            is_conn = False  # "Salif Kaboré for Volta Wire": the photographer, then the outlet
        if is_conn and word in ("for", "of") and seq[-1][2] not in lx.connectors and gazetteer.is_place(
            " ".join(w for _, _, w in seq)
        ) and not lx.kind_of_word(seq[-1][2]):  # "Alliance of Sahel States": no place, whatever GeoNames says
            flush()  # "Europe for the Baltic Review": a place, then another name
            is_conn = False
        joined = prev_end is not None and text[prev_end:s] == " " and not lead_punct
        if seq and not joined:
            flush()
        if is_name or (is_conn and seq):
            seq.append((s, e, word))
        else:
            flush()
        prev_end = e if not trail_punct else None
        if trail_punct:
            flush()
    flush()
    return results


def _acronym_name(text: str, end: int) -> tuple[int, int, str] | None:
    """"Al-Qaeda in the Arabian Peninsula (AQAP)": the name before a bracketed acronym whose letters
    its words give in order. Returns (start of the name, end of the acronym, acronym)."""
    m = re.match(r"\s*\(([A-Z][A-Za-z]{1,7})\)", text[end : end + 12])
    if not m:
        return None
    acronym = m.group(1)
    words = list(re.finditer(r"[\w’'-]+", text[max(0, end - 120) : end]))
    base = max(0, end - 120)
    best = None
    run = None  # the start of the run of capitalised words right before the brackets
    for i in range(len(words) - 1, -1, -1):
        w = words[i].group()
        if not (w[0].isupper() or w.lower() in ("in", "the", "of", "for", "and", "al", "de")
                or re.match(r"[dl][’'][A-Z]", w)):  # "Côte d'Ivoire"
            break
        phrase = [x.group() for x in words[i:]]
        initials = "".join(p[0].upper() for x in phrase for p in x.split("-") if p and p[0].isupper() or
                           (p.lower() in ("al",) and "-" in x))  # fmt: skip
        if phrase[0][0].isupper() and phrase[0] not in lexicon().stop and len(phrase) >= 2:
            run = base + words[i].start()
        # a stop word ("Southern", "International") may start a name whose initials are the acronym
        if not phrase[0][0].isupper() or (phrase[0] in lexicon().stop and initials != acronym.upper()):
            continue
        letters = "".join(ch for ch in " ".join(phrase).upper() if ch.isalpha())
        if acronym.upper()[0] == initials[:1] and _subsequence(acronym.upper(), letters) and len(phrase) >= 2:
            best = base + words[i].start()
            if initials == acronym.upper():
                break
    if run is not None and acronym.isupper() and (best is None or sorted(_initials(text[run:end])) == sorted(acronym)):
        # "the National Liberation Army (ELN)", "the Republican Forces of Côte d'Ivoire (FRCI)": an acronym
        # of the name in another language, whose words come in another order
        best = run
    if best is None:
        return None
    return best, end + m.end(), acronym


def _initials(name: str) -> str:
    """The capitals that begin the words of a name, "d'Ivoire" giving its "I"."""
    return "".join(m.group(1) for m in re.finditer(r"(?:^|[\s-])(?:[dl][’'])?([A-Z])", name))


def _first_name_of(name: str, occurrences: list[Span], entities: dict[str, Entity], hits: list[Hit],
                   headline_end: int = 0) -> str | None:
    """"Prime Minister Abiy Ahmed … Abiy": a single name that is the first name of one person named in
    full before it (the only one with that first name) is that person (Ethiopian, Eritrean and Somali
    names are used so)."""
    if " " in name or gazetteer.is_place(name):
        return None
    persons = [e for e in entities.values() if e.type == "person" and len(e.label.split()) >= 2
               and e.label.split()[0] == name]  # fmt: skip
    if len(persons) != 1:
        return None
    first = min((h.start for h in hits if h.id == persons[0].id), default=None)
    # a headline may use the first name before the story gives the full one ("Abiy’s deal with one rebel
    # commander"): the first occurrence after the headline counts
    body = [s for s, _ in occurrences if s >= headline_end] or [s for s, _ in occurrences]
    return persons[0].id if first is not None and first < min(body) else None


def _subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)


def _place_of_its_own(entities: dict[str, Entity], ids: Ids, label: str, span: Span, rule: str) -> Hit:
    """A place the words around a country's name make of it ("northern Iraq", "the Congo river"): one
    entity however often it is named."""
    ent = next((e for e in entities.values() if e.label == label and e.kind == "place"), None)
    if ent is None:
        ent = Entity(ids.new(label), "place", label, None, rule, 0.6)
        entities[ent.id] = ent
    return Hit(span[0], span[1], "place", ent.id, "candidate")


def _part_of(entities: dict[str, Entity], ids: Ids, text: str, part: re.Match, span: Span, rule: str) -> Hit:
    """"northern Iraq", "western Uganda": a part of a country named by its direction, a place of its own."""
    label = f"{part.group(1)} {text[span[0] : span[1]]}"
    return _place_of_its_own(entities, ids, label, (span[0] - len(part.group()), span[1]), rule)


def _state_for(code: str, index: RegistryIndex, ended: Container[str] = frozenset()) -> str | None:
    """The registry's state actor for a country, if it has one (and it had not ended)."""
    country = gazetteer.country_by_code(code)
    for a in index.registry.actors.values():
        if a.type == "state" and a.id not in ended and country and (country.name in (a.label, *a.aliases) or
                                              index.regions.get(a.id) == frozenset({code})):  # fmt: skip
            return a.id
    return None


def _known_as(text: str, start: int, hits: list[Hit], index: RegistryIndex, entities: dict[str, Entity]) -> str | None:
    """"Mohamed Hamdan Dagalo, known as Hemedti": the person the name is another name of."""
    lead = r"(?:,\s+(?:better\s+|also\s+)?known as|\s+alias|,\s+nicknamed)\s+$"
    m = re.search(lead, text[max(0, start - 30) : start])
    if not m:
        return None
    before = start - (len(text[max(0, start - 30) : start]) - m.start())
    for h in hits:
        if h.kind == "actor" and h.end == before:
            typ = index.registry.actors[h.id].type if h.id in index.registry.actors else (
                entities[h.id].type if h.id in entities else None)  # fmt: skip
            return h.id if typ == "person" else None
    return None


# Words before a city where it is a place: where shells fell, where people fled or were taken.
_CITY_BEFORE = re.compile(r"\b(?:fell|landed|struck|hit) on\s+$|\b(?:fled|flee|fleeing|flew|flown|returned|moved|"
                          r"crossed|went|travelled|traveled|driven|taken|evacuated)\b[^.;,]{0,40}\bto\s+$")


def _unnamed_whole(h: Hit, hits: list[Hit], index: RegistryIndex, text: str) -> str | None:
    """The larger organisation a registry actor is part of, when the actor is met by an alias that
    does not name it ("Security Council", not "UN Security Council") and the article names neither it
    nor anything under it: a name that many bodies share stands for the registry's only beside its whole."""
    actors = index.registry.actors
    if h.kind != "actor" or h.how != "alias" or not actors[h.id].part_of:
        return None

    def ups(ref: str) -> set[str]:
        out, todo = set(), list(actors[ref].part_of)
        while todo:
            if (u := todo.pop()) in actors and u not in out:
                out.add(u)
                todo.extend(actors[u].part_of)
        return out

    wholes = ups(h.id)
    top = {u for u in wholes if not actors[u].part_of}
    words = text[h.start : h.end]
    if gazetteer.countries_in(words) or any(  # "Congolese army" names its country
        name_pattern(n).search(words) for u in wholes for n in (actors[u].label, *actors[u].aliases)
    ):
        return None
    if any(o.id != h.id and o.kind == "actor" and o.id in actors and (o.id in wholes or ups(o.id) & top) for o in hits):
        return None
    return ", ".join(sorted(top))


Bound = tuple[str, str]  # ("until", "2024-12"): the end an actor had passed, or ("since", "2004-06"): the start


def ended_before(registry, published: datetime.date | None) -> dict[str, Bound]:
    """The registry's actors that did not exist as described when the article was published, each
    with the bound the article is beyond: they had ended before (``until``: a government that fell, a
    group that dissolved) or began after it (``since``: a government formed later). Within the same
    year or month it is not known."""
    if published is None:
        return {}
    day = published.isoformat()
    out: dict[str, Bound] = {}
    for a in registry.actors.values():
        if a.until and a.until < day[: len(a.until)]:
            out[a.id] = ("until", a.until)
        elif a.since and a.since > day[: len(a.since)]:
            out[a.id] = ("since", a.since)
    return out


def _when(bound: Bound) -> str:
    """How an actor's ``bound`` reads in a TODO: "existed until 2024-12", "existed from 2004-06"."""
    side, time = bound
    return f"existed until {time}" if side == "until" else f"existed from {time}"


def find_names(lay: Layout, index: RegistryIndex, published: datetime.date | None = None) -> Names:
    """Registry names, surnames, and new names with their types, for the whole article (published
    on ``published``, when the text gives it: an actor that had ended by then is not linked)."""
    text = lay.text
    registry = index.registry
    ended = ended_before(registry, published)
    ids = Ids([*registry.actors, *registry.places, "unknown-publisher"])
    hits = _registry_hits(lay, index)
    persons = {a.id: a.label for a in registry.actors.values() if a.type == "person"}
    hits = _surnames(lay, hits, persons)

    # The countries the article is about: the places it names (registry and gazetteer).
    regions: set[str] = set()
    for h in hits:
        if h.kind == "place":
            regions |= index.regions.get(h.id, frozenset())

    entities: dict[str, Entity] = {}
    new_hits: list[Hit] = []
    taken = [h.span for h in hits]
    # Countries and capitals, resolved once every mention is known: code → [(span, how, words)],
    # how = registry:<place id> | name | capital.
    pending: dict[str, list[tuple[Span, str, str]]] = {}
    for h in hits:
        c = gazetteer.country(index.label(h.id) or "") if h.kind == "place" else None
        if c:
            pending.setdefault(c.code, []).append((h.span, f"registry:{h.id}", text[h.start : h.end]))

    # "Islamic State Sahel Province": a registry name with more name after it is another actor; so is
    # a state's name before the name of one of its bodies ("U.S. Africa Command", "US Southern Command").
    lx = lexicon()
    kept = []
    unlinked: list[Span] = []  # registry names inside the name of another actor or of a body: never linked
    doubtful: list[tuple[str, Span, str]] = []  # (ref, span, reason): not linked, a TODO for the person
    for h in hits:
        if h.kind == "actor" and h.id in ended:  # "Damascus" in 2025 is not the Assad government's, nor
            # "Baghdad" in 1990 the federal government formed after 2003
            unlinked.append(h.span)
            doubtful.append((h.id, h.span, f"the registry's {h.id} {_when(ended[h.id])}, "
                                           f"and this article was published on {published.isoformat()}"))
            continue
        whole = _unnamed_whole(h, hits, index, text)
        if whole:  # "the Security Council" in a story that never names the UN: a state's own council
            unlinked.append(h.span)
            doubtful.append((h.id, h.span, f"the registry's {h.id} is part of {whole}, which this article does not "
                                           f"name: “{text[h.start : h.end]}” may be another's"))
            continue
        # "fled across the river to Kinshasa", "shells fell on Kinshasa": a government's alias that is its
        # city's name, where the city is a place, is the registry's place of that name (or no link)
        name = text[h.start : h.end]
        if (h.kind == "actor" and h.how == "alias" and registry.actors[h.id].type == "government"
                and gazetteer.city(name) and not acting(text, h.start, h.end)
                and (place_context(text, h.start, h.end) or _CITY_BEFORE.search(text[max(0, h.start - 60) : h.start]))):
            place = next((pl.id for pl in registry.places.values() if pl.label == name), None)
            if place:
                new_hits.append(Hit(h.start, h.end, "place", place, "label"))
            unlinked.append(h.span)
            continue
        part = _PART_OF_COUNTRY.search(text[max(0, h.start - 20) : h.start]) if h.kind == "actor" else None
        if part and registry.actors[h.id].type == "state" and text[h.end : h.end + 1] != "-":
            # "formed in western Uganda": a part of the registry's state, a place of its own
            new_hits.append(_part_of(entities, ids, text, part, h.span, f"a part of {text[h.start : h.end]}"))
            unlinked.append(h.span)
            continue
        after = re.match(r" ((?:[A-Z][\w’'-]+ ?){1,4})", text[h.end : h.end + 60])
        region = lay.region_at(h.start)
        words = after.group(1).split() if after else []
        typ = registry.actors[h.id].type if h.kind == "actor" else None
        body = typ == "state" and bool(words) and lx.kind_of_word(words[-1]) not in (None, "media-outlet")
        if (after and h.kind == "actor" and h.how in ("label", "alias") and region and region.kind != "headline"
                and not any((w in lx.stop and not (body and w in DIRECTIONS)) or w in lx.months or w in lx.weekdays
                            or (w in lx.titles and not (body and w == "State")) for w in words)  # "US State Department"
                and (typ in ("armed-group", "organization", "military-force") or body)):  # fmt: skip
            span = (h.start, h.end + 1 + len(after.group(1).rstrip()))
            label = text[span[0] : span[1]]
            ent = next((e for e in entities.values() if e.label == label), None)
            if ent is None:
                # "United Nations Mission": an organisation's body of the kind its last word says
                kind = lx.kind_of_word(words[-1]) if body or (typ == "organization" and lx.kind_of_word(
                    words[-1]) not in (None, "media-outlet")) else typ  # fmt: skip
                ent = Entity(ids.new(label), "actor", label, kind, "registry-name-extended", 0.6,
                             hint=f"part_of: [{h.id}]?")  # fmt: skip
                entities[ent.id] = ent
            new_hits.append(Hit(span[0], span[1], "actor", ent.id, "candidate"))
            continue
        # "Goma International Airport", "Kinshasa University": a registry place's name at the head of the
        # name of another place or of a body is no mention of the place
        head = words[-1] if words else ""
        inner = "place" if head in PLACE_HEADS else lx.kind_of_word(head)
        if (after and h.kind == "place" and inner and region and region.kind != "headline"
                and not any(w in lx.months or w in lx.weekdays or w in lx.titles for w in words)):  # fmt: skip
            span = (h.start, h.end + 1 + len(after.group(1).rstrip()))
            label = text[span[0] : span[1]]
            ent = next((e for e in entities.values() if e.label == label), None)
            if ent is None:
                kind, typ_new = ("place", None) if inner == "place" else ("actor", inner)
                ent = Entity(ids.new(label), kind, label, typ_new, "registry-name-extended", 0.6,
                             hint=f"{'within' if kind == 'place' else 'based in'}: {h.id}?")  # fmt: skip
                entities[ent.id] = ent
            new_hits.append(Hit(span[0], span[1], ent.kind, ent.id, "candidate"))
            continue
        # "U.S. troops": a state's name before its soldiers, when the registry has "U.S. forces" (its army)
        troops = _STATE_TROOPS.match(text[h.end : h.end + 20])
        army = troops and typ == "state" and index.names.get(norm(f"{text[h.start : h.end]} forces"))
        if army and army[0] == "actor" and registry.actors[army[1]].type == "military-force":
            new_hits.append(Hit(h.start, h.end + troops.end(), "actor", army[1], "alias"))
            continue
        # "Syrian government forces": the troops of a government, not the government
        forces = _GOVERNMENT_FORCES.match(text[h.end : h.end + 20])
        if forces and typ == "government" and h.how in ("label", "alias"):
            span = (h.start, h.end + forces.end())
            label = text[span[0] : span[1]]
            label = label[:1].upper() + label[1:]
            ent = next((e for e in entities.values() if norm(e.label) == norm(label)), None)
            if ent is None:
                ent = Entity(ids.new(label), "actor", label, "military-force", "government-name-before-forces", 0.6,
                             hint=f"part_of: [{h.id}]?")  # fmt: skip
                entities[ent.id] = ent
            new_hits.append(Hit(span[0], span[1], "actor", ent.id, "candidate"))
            continue
        # "Syrian government shelling": the fire of a government's forces, not the government
        fire = _GOVERNMENT_FIRE.match(text[h.end : h.end + 30])
        if fire and typ == "government" and h.how in ("label", "alias"):
            unlinked.append(h.span)
            doubtful.append((h.id, h.span, f"“{text[h.start : h.end]}{fire.group()}” is the fire of its forces, "
                                           f"not {h.id} itself"))  # fmt: skip
            continue
        # "rebels of the National Front for Liberation": a common noun the registry gives one actor, before
        # the name of the group it stands for here
        named = re.match(r" of (?:the )?[A-Z]", text[h.end : h.end + 12])
        if named and h.kind == "actor" and h.how == "alias" and text[h.start].islower():
            unlinked.append(h.span)
            doubtful.append((h.id, h.span, f"“{text[h.start : h.end]}” are those of the group named after it"))
            continue
        # "Mekong Ledger": an alias ("Ledger") after a name word is the end of another name, not the alias
        before = re.search(r"(?:^|[ \t\n(])([A-Z][\w’'-]+) (?:and )?$", text[max(0, h.start - 40) : h.start])
        if before and h.kind == "actor" and h.how == "alias" and not (
            before.group(1) in lx.stop or before.group(1) in lx.titles or before.group(1) in lx.peoples
            or re.search(r"-[a-z]", before.group(1))  # "Turkey-backed rebels": an adjective
            or before.group(1) in lx.months or before.group(1) in lx.weekdays
            or any(o.end == h.start - 1 for o in hits)
        ):  # fmt: skip
            unlinked.append(h.span)
            continue
        # "Assad’s regime", "the UN human rights office", "UN peacekeepers", "US officials", "the US
        # embassy": people or a body of the one named, by its type, not the actor itself
        of = next((m for types, match in _OF_ACTOR_AFTER if typ in types and (m := match(text[h.end : h.end + 60]))),
                  None)  # fmt: skip
        if of and h.kind == "actor":
            unlinked.append(h.span)
            doubtful.append((h.id, h.span, f"“{text[h.start : h.end]}{of.group()}” are people or a body of "
                                           f"{h.id}, not {h.id} itself"))  # fmt: skip
            continue
        kept.append(h)
    hits = kept
    taken = [h.span for h in hits] + [h.span for h in new_hits]

    # "Saudi-led coalition": a coalition named by its leader.
    for r in lay.regions:
        for m in _LED.finditer(text, r.start, r.end):
            span = (m.start(), m.end())
            if any(overlaps(span, t) for t in taken + [h.span for h in new_hits]):
                continue
            label = m.group()
            ent = next((e for e in entities.values() if norm(e.label) == norm(label)), None)
            if ent is None:
                ent = Entity(ids.new(label), "actor", label, "military-force", "X-led-coalition", 0.7)
                entities[ent.id] = ent
            new_hits.append(Hit(span[0], span[1], "actor", ent.id, "candidate"))

    # Capitalised names, with the acronym that follows a name ("… Peninsula (AQAP)").
    found: list[Span] = []
    for r in lay.regions:
        if r.kind == "headline" and title_case(text[r.start : r.end]):
            continue
        found += _sequences(lay, r, taken + [h.span for h in new_hits])
    acronyms: dict[str, str] = {}  # acronym → full name
    spans_by_name: dict[str, Span] = {}
    for s, e in found:
        full = _acronym_name(text, e)
        if full and not any(overlaps((full[0], e), t) for t in taken):
            name = text[full[0] : e]
            acronyms[full[2]] = name
            spans_by_name.setdefault(name, (full[0], e))
            continue
        spans_by_name.setdefault(text[s:e], (s, e))
    lx = lexicon()
    # the last words of longer names (a surname met alone is the person's), but not a name after "of" or
    # "for" ("the University of Bangui": "Bangui" alone is the city)
    last_words = {n.split()[-1] for n in spans_by_name if len(n.split()) >= 2 and n.split()[-2] not in ("of", "for")}
    last_words |= {a.label.split()[-1] for a in registry.actors.values() if a.type == "person"}
    # the middle name of a name of three ("Dadis" of "Moussa Dadis Camara"), which the text may use alone
    last_words |= {middle for n in spans_by_name if (middle := _middle_name(n))}
    # ("Al-Hijri’s camp" at a sentence's start is the "al-Hijri" of "Hikmat al-Hijri")
    names = {n: sp for n, sp in spans_by_name.items()
             if len(n.split()) > 1 or (n not in last_words and n[:1].lower() + n[1:] not in last_words)
             or n in acronyms or gazetteer.country(n)}  # fmt: skip
    # An acronym never spelt out beside its name, whose letters are the initials of one name the
    # article gives: "(CNA photo: …)" and "Chiltan News Agency" are one outlet.
    for n in list(names):
        if re.fullmatch(r"[A-Z]{2,6}", n) and n not in acronyms:
            full = [f for f in names if len(f.split()) >= 2
                    and "".join(w[0] for w in f.split() if w[0].isupper()) == n]  # fmt: skip
            if len(full) == 1:
                acronyms[n] = full[0]
    # The countries the article names, for a city GeoNames knows in several ("Tripoli", "Gao").
    article_countries = frozenset(regions | {c.code for n in names if (c := gazetteer.country(n))})
    for name, (start, end) in sorted(names.items(), key=lambda kv: (-len(kv[0].split()), kv[1])):
        if name in acronyms and acronyms[name] in names:
            continue  # found with its full name
        # "the Security Belt forces": a kind noun in lower case after the name belongs to it
        noun = _KIND_NOUN_AFTER.match(text[end : end + 20])
        label = name + (noun.group() if noun and lx.kind_of_word(noun.group(1).capitalize()) else "")
        pattern = name_pattern(name)
        occurrences = []
        for reg in lay.regions:
            for m in pattern.finditer(text[reg.start : reg.end]):
                span = (reg.start + m.start(), reg.start + m.end())
                if not any(overlaps(span, t) for t in taken) and not any(overlaps(span, h.span) for h in new_hits):
                    occurrences.append(span)
        if not occurrences:
            continue
        known = index.names.get(norm(name))
        alias_of = _known_as(text, start, hits + new_hits, index, entities)
        if alias_of and not known:
            new_hits += [Hit(s, e, "actor", alias_of, "alias") for s, e in occurrences]
            continue
        if known:
            new_hits += [Hit(s, e, known[0], known[1], "alias") for s, e in occurrences
                         if not any(overlaps((s, e), b) for b in unlinked)]  # fmt: skip
            continue
        person = _first_name_of(name, occurrences, entities, new_hits, lay.article.headline.end)
        if person:
            new_hits += [Hit(s, e, "actor", person, "first-name") for s, e in occurrences]
            continue
        plain = name.title() if name.isupper() and len(name) > 3 else name
        nation, capital = gazetteer.country(plain), gazetteer.capital_of(plain)
        if nation or capital:  # resolved below, once the article's every country and capital is known
            how = "name" if nation else "capital"
            pending.setdefault(nation.code if nation else capital, []).extend((sp, how, plain) for sp in occurrences)
            continue
        kind, typ, rule, confidence, geonames, state_of = type_new(lay, label, start, end, occurrences, index,
                                                                    article_countries)  # fmt: skip
        if state_of:
            ref = _state_for(state_of, index, ended)
            if ref:
                new_hits += [Hit(s, e, "actor", ref, "capital") for s, e in occurrences]
                continue
            country = gazetteer.country_by_code(state_of)
            label = country.name if country else name
        if kind == "place" and label.isupper():
            label = label.title()  # a dateline: "ADEN, Yemen"
        alias = next((a for a, full in acronyms.items() if full == name), None)
        ent = next((e for e in entities.values() if e.label.casefold() == label.casefold()), None)  # "HORN WIRE"
        if ent is None:
            ent = Entity(ids.new(label), kind, label, typ, rule, confidence, geonames=geonames,
                         aliases=(alias,) if alias else ())  # fmt: skip
            entities[ent.id] = ent
        kind = ent.kind
        new_hits += [Hit(s, e, kind, ent.id, "candidate") for s, e in occurrences]
        if alias:
            for m in name_pattern(alias).finditer(text):
                span = (m.start(), m.end())
                if m.start() < lay.article.content_end and not any(overlaps(span, t) for t in taken) and not any(
                    overlaps(span, h.span) for h in new_hits
                ):
                    new_hits.append(Hit(span[0], span[1], kind, ent.id, "candidate"))
        if kind == "place" and geonames:
            plain = name.title() if name.isupper() else name
            c, city = gazetteer.country(plain), gazetteer.city(plain)
            if c or city:
                regions.add(c.code if c else city.country)
    new_hits = _listed_with_new_places(text, entities, new_hits)
    hits, new_hits, regions = _resolve_countries(text, pending, hits, new_hits, entities, regions, index, ids,
                                                 ended)
    hits = sorted(hits + new_hits, key=lambda h: (h.start, h.end))
    cand_persons = {e.id: e.label for e in entities.values() if e.type == "person"}
    hits = _surnames(lay, hits, cand_persons)
    hits = _plural_heads(lay, hits, entities)
    frozen_regions = frozenset(regions)
    hits, held = _out_of_region(lay, hits, index, frozen_regions)
    return Names(tuple(hits), entities, held + _held(doubtful), frozen_regions, index)


# Rules that type a new name for want of a better clue.
_FALLBACK_RULES = ("capitalised-words", "one-word-name-near-fighting-words")


def _listed_with_new_places(text: str, entities: dict[str, Entity], hits: list[Hit]) -> list[Hit]:
    """"around Tibú, El Tarra and Teorama": a name typed for want of a clue is a place when it is listed
    with a place the draft found ("Tibú", by the words around it), not only one GeoNames knows."""
    places = {e.label for e in entities.values() if e.kind == "place"}
    moved: set[str] = set()
    for h in hits:
        e = entities.get(h.id)
        if e and e.kind == "actor" and e.rule in _FALLBACK_RULES and h.id not in moved:
            listed = [x for x in list_siblings(text, h.start, h.end) if x in places]
            # "in Kamenge and Kinama, mainly Hutu districts": after "in" a place and "and", the name ends the
            # phrase (not "Issa in Niamey and Okafor, a trader, said", nor "… and Okafor said")
            after_in = re.search(r"\bin ([A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?) and $", text[max(0, h.start - 60) : h.start])
            if not listed and after_in and after_in.group(1) in places and re.match(
                    r"[.;]|,(?! (?:an?|the|who|whose|said|says)\b)", text[h.end : h.end + 8]):  # fmt: skip
                listed = [after_in.group(1)]
            if listed:
                entities[h.id] = replace(e, kind="place", type=None, rule=f"listed with the place “{listed[0]}”",
                                         confidence=0.5)
                moved.add(h.id)
    return [replace(h, kind="place") if h.id in moved else h for h in hits]


def _held(doubtful: list[tuple[str, Span, str]]) -> tuple[Held, ...]:
    """Registry names not linked where their words say they stand for something else, one TODO per
    actor and reason, in the order of the text."""
    grouped: dict[tuple[str, str], list[Span]] = {}
    for ref, span, reason in sorted(doubtful, key=lambda x: x[1]):
        grouped.setdefault((ref, reason), []).append(span)
    return tuple(Held(ref, tuple(spans), reason) for (ref, reason), spans in grouped.items())


def _resolve_countries(
    text: str, pending: dict[str, list[tuple[Span, str, str]]], hits: list[Hit], new_hits: list[Hit],
    entities: dict[str, Entity], regions: set[str], index: RegistryIndex, ids: Ids, ended: dict[str, Bound],
) -> tuple[list[Hit], list[Hit], set[str]]:  # fmt: skip
    """Countries and capitals: an actor where they act, a place elsewhere.

    A country whose name acts anywhere in the article ("Venezuela denies", "called on Venezuela",
    "Turkey-backed") is a state at each of its mentions: the registry's state of that country, else
    (the registry keeps some countries as places, their politics as their government's) the
    registry's government of it, else a new actor. A capital stands for the government where it
    acts ("Washington accuses", "a deal with Bamako"), and where it is neither a place nor a
    modifier in an article in which the country acts ("matters to Moscow", but "in Moscow",
    "Bogotá car bomb"): the registry's government of the country, else a new government. A country
    the registry keeps as a place stays that place where it does not act."""
    regions = set(regions)
    # "Sudan" inside "South Sudan": a country's name inside a longer name is part of it, not a mention
    longer = [sp for occ in pending.values() for sp, _, _ in occ] + [h.span for h in hits + new_hits]
    pending = {code: kept for code, occ in pending.items()
               if (kept := [o for o in occ if not any(overlaps(o[0], sp) and sp != o[0]
                                                      and sp[1] - sp[0] > o[0][1] - o[0][0] for sp in longer)])}

    def new_actor(label: str, typ: str, rule: str, confidence: float, geonames: int | None, code: str) -> str:
        # the registry's actor of that kind for the country had ended: this one is its successor, named apart
        gone = next((a for a in index.registry.actors.values() if a.id in ended and a.type == typ
                     and index.regions.get(a.id) == frozenset({code})), None)  # fmt: skip
        if gone is not None:  # (or its successor had not yet begun: this one came before it)
            side, time = ended[gone.id]
            label = f"{label} {'after' if side == 'until' else 'before'} {time}"
            rule = f"{rule}; not the registry's {gone.id}, which {_when(ended[gone.id])}"
        ent = next((e for e in entities.values() if e.label == label and e.kind == "actor"), None)
        if ent is None:
            ent = Entity(ids.new(label), "actor", label, typ, rule, confidence, geonames=geonames)
            entities[ent.id] = ent
        return ent.id

    for code in sorted(pending):
        occ = sorted(set(pending[code]))
        country = gazetteer.country_by_code(code)
        if country is None:
            continue
        known = index.names.get(norm(country.name))
        registry_place = known[1] if known and known[0] == "place" else next(
            (how.split(":", 1)[1] for _, how, _ in occ if how.startswith("registry:")), None)  # fmt: skip
        # "The Berlin promises lasted a day": a capital after "the" describes what follows it (a capital
        # that acts takes no article)
        described = {sp for sp, how, _ in occ if how == "capital" and text[sp[1] : sp[1] + 1] != "-"
                     and re.search(r"\b[Tt]he\s+$", text[max(0, sp[0] - 4) : sp[0]])}  # not "the Kyiv-backed …"
        acts = {sp for sp, _, _ in occ if acting(text, *sp) and sp not in described}
        name_acts = any(how != "capital" and sp in acts for sp, how, _ in occ)
        country_acts = bool(acts)
        for sp, how, _ in occ:
            if how == "capital" and country_acts and sp not in acts | described and not place_context(
                    text, *sp) and not (modifier(text, sp[1]) or text[sp[0] : sp[1]].isupper()):  # fmt: skip
                acts.add(sp)
            if how == "name" and name_acts and not registry_place:
                acts.add(sp)
        if any(how != "capital" for _, how, _ in occ):
            regions.add(code)
        state = None
        if name_acts:
            state = _state_for(code, index, ended) or (
                _government_for(code, index, ended) if registry_place else None)
            if state is None and registry_place:
                state = new_actor(f"Government of {country.name}", "government",
                                  f"country-acting; the registry keeps {registry_place} as a place", 0.6, None, code)
            elif state is None:
                state = new_actor(country.name, "state", "country-acting (pycountry)", 0.8, country.geonames, code)
        # A capital that acts is its country's government, not the state the article's words make nor the
        # registry's state ("Tehran denies": Iran's government, where the registry has Iran but no government
        # of it).
        government = _government_for(code, index, ended)
        for sp, how, words in occ:
            part = _PART_OF_COUNTRY.search(text[max(0, sp[0] - 20) : sp[0]])
            if how != "capital" and part and not text[sp[1] : sp[1] + 1] == "-":
                # "northern Iraq", "south-eastern Nigeria": a part of the country, a place of its own
                hits = [h for h in hits if h.span != sp]
                new_hits.append(_part_of(entities, ids, text, part, sp, f"a part of {country.name}"))
                continue
            river = _RIVER_AFTER.match(text[sp[1] : sp[1] + 8])
            if how != "capital" and river:  # "across the Congo river": the river, a place of its own
                hits = [h for h in hits if h.span != sp]
                new_hits.append(_place_of_its_own(entities, ids, f"{text[sp[0] : sp[1]]} River",
                                                  (sp[0], sp[1] + river.end()), "a river named like a country"))
                continue
            if how != "capital" and _POSSESSIVE_BODY.match(text[sp[1] : sp[1] + 60]):
                hits = [h for h in hits if h.span != sp]  # "Iraq’s foreign ministry": the ministry speaks, a
                continue  # body of the state; the state itself is not named there
            if sp in acts:
                if how == "capital":
                    if government is None:
                        government = new_actor(f"Government of {country.name}", "government",
                                               "capital-for-its-government (GeoNames)", 0.6, None, code)
                    new_hits.append(Hit(sp[0], sp[1], "actor", government, "capital"))
                elif how.startswith("registry:"):
                    hits = [h for h in hits if h.span != sp]
                    new_hits.append(Hit(sp[0], sp[1], "actor", state, "country"))
                else:
                    new_hits.append(Hit(sp[0], sp[1], "actor", state, "candidate"))
                continue
            if how.startswith("registry:"):
                continue  # the registry's place
            if how == "name" and registry_place:  # "DR Congo": another name of a country the registry keeps
                new_hits.append(Hit(sp[0], sp[1], "place", registry_place, "alias"))
                continue
            if how == "name":
                label, geonames, rule = country.name, country.geonames, "country (pycountry)"
            else:
                city = gazetteer.city(words, frozenset(regions))
                label, geonames, rule = words, city.geonames if city else None, "city (GeoNames)"
            ent = next((e for e in entities.values() if e.label == label and e.kind == "place"), None)
            if ent is None:
                ent = Entity(ids.new(label), "place", label, None, rule, 0.9 if how == "name" else 0.8,
                             geonames=geonames)  # fmt: skip
                entities[ent.id] = ent
            new_hits.append(Hit(sp[0], sp[1], "place", ent.id, "candidate"))
    return hits, new_hits, regions


def with_entities(names: Names, entities: list[Entity], hits: list[Hit]) -> Names:
    """The names with more actors and their mentions (described speakers)."""
    ents = dict(names.entities)
    for e in entities:
        ents.setdefault(e.id, e)
    kept = [h for h in names.hits if not any(h.span == n.span for n in hits)]
    return replace(names, entities=ents, hits=tuple(sorted(kept + hits, key=lambda h: (h.start, h.end, h.id))))
