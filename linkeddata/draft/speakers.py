"""Which actor a speaker phrase stands for: an index built once, before any claim is drafted.

Every phrase the rules found in front of a speech verb (:class:`Ask`) is resolved here in one
pass, in the order of the text: named actors first, then unnamed sources ("analysts", "a
senior official"), then pronouns, which take the last speaker named before them. The answers do
not depend on which rule asks first. A speaker the text first describes and names later
("a Houthi spokesman … the spokesman, Hamid al-Sharafi") is the named one. Every answer carries
its rule and a confidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from . import gazetteer
from .kinds import verb_like
from .lexicon import lexicon
from .mentions import Entity, Hit, Ids, Names, with_entities
from .text import Layout, Region, Span, norm, overlaps, trim, word_count


@dataclass(frozen=True)
class Speaker:
    id: str
    note: str  # the words, the rule and a confidence


@dataclass(frozen=True)
class Ask:
    """A speaker phrase, the apposition after it, and the speaker of the quotation around it."""

    head: Span
    appos: Span | None = None
    outer: Ask | None = None


@dataclass(frozen=True)
class SpeakerIndex:
    names: Names  # the article's names, with the speakers the text describes added
    answers: dict[Ask, Speaker | None]
    listeners: dict[tuple[Span, str | None], tuple[tuple[str, ...], tuple[str, ...]]]

    def speaker(self, ask: Ask) -> Speaker | None:
        return self.answers.get(ask)

    def told(self, obj: Span | None, outer: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(listener ids, notes) for the words after "told"."""
        if obj is None:
            return (), ()
        return self.listeners.get((obj, outer), ((), ()))


# Words of a clause, not of a noun phrase: a speaker phrase that holds one ("Eritrean soldiers have been",
# "its forces were not based in …") is a sentence the attribution rules cut wrongly, and names nobody.
_CLAUSE_WORDS = frozenset("is are was were be been being has have had not will would can could should may might "
                          "must does did do".split())


# A statement given: "in a statement", "issued a joint statement", "The battalion’s statement".
_GIVEN_STATEMENT = re.compile(r"\b(?:[Aa]n?|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|’s|'s)\s+(?:[a-z]+\s+)?statement\b")


@cache
def _gendered_before() -> tuple[re.Pattern, dict[str, str]]:
    """A word for a relative or a title right before a name that says the pronoun the person takes ("her son
    Rolando": he, whoever asked after him), and the pronoun of each such word."""
    lx = lexicon()
    pronouns = {w: p for w, p in {**lx.relatives, **lx.gendered_titles}.items() if p}
    return re.compile(rf"\b({lx.alternation(pronouns)})\.?,?\s+$"), pronouns


def _clause(phrase: str) -> bool:
    """A phrase with a finite verb or a negation in it: no speaker."""
    return any(w in _CLAUSE_WORDS for w in re.findall(r"[a-z]+", phrase.lower()))  # whole words: not the "is" of "His"


_GAVE_NAME = re.compile(r"\b(?:gave|gives|giving)\s+(?:only\s+)?(?:his|her|their)\s+(?:first\s+|full\s+)?name\s+as\s+")


def _core(text: str, hs: int, he: int) -> int:
    loc = re.search(r"\s(?:in|at|from|with|on|near|inside|outside|based|who|which|reached|speaking)\s", text[hs:he])
    return hs + loc.start() if loc else he


# The noun of the actor's own kind after its name: "the official WAFA news agency", "the Hamas movement".
_KIND_AFTER = re.compile(r"\s+(?:(?P<media_outlet>(?:state |official )?(?:news agency|agency|newspaper|daily|"
                         r"channel|broadcaster|television|radio|website))|(?P<armed_group>(?:armed |militant |"
                         r"rebel |jihadist )?(?:group|movement|militia)))\s*")


# A state's body or envoy accredited to another: "Iran’s mission to the United Nations".
_ENVOYS_TO = re.compile(r"[’']s\s+(?:permanent\s+)?(?:(?P<body>mission|delegation)|ambassador|envoy|representative)"
                        r"\s+to\s")


# "a spokesman for X", "the forces of X", "an adviser to X": a description by whom it serves
_DESCRIBES_BY_WHOM = re.compile(r"\s(?:of|for)\s|(?:(?<=adviser)|(?<=advisor)|(?<=aide))s?\s+to\s")


def named(text: str, names: Names, hs: int, he: int, head_only: bool = True) -> str | None:
    """The actor a phrase names: the last name before any words that only describe it; None when the
    phrase describes rather than names ("A Department of Defense liaison officer", "the forces of
    President Assad")."""
    core_end = _core(text, hs, he)
    # not inside a name: "The African Union Mission in Somalia (AMISOM) said"
    core_end = max([core_end] + [h.end for h in names.hits
                                 if h.kind == "actor" and hs <= h.start < core_end < h.end <= he])  # fmt: skip
    found = names.actors_in((hs, core_end))
    if not found:
        return None
    last = found[-1]
    pairs = list(zip(found, found[1:], strict=False))
    if len(found) > 1 and all(re.fullmatch(r",?\s+(?:and\s+)?|,\s*", text[a.end : b.start]) for a, b in pairs) and any(
        text[a.end : b.start].strip(", ") for a, b in pairs
    ):
        return found[0].id  # "Washington and Beijing urged …": the first of the names joined by "and"
    if head_only and re.fullmatch(r"(?:['’]s)?(?:\s+[a-z][\w’'-]*)+\s*", text[last.end : core_end]):
        kind = _KIND_AFTER.fullmatch(text[last.end : core_end])
        if not (kind and names.actor_type(last.id) == kind.lastgroup.replace("_", "-")):
            return None  # "the WAFA news agency", "the Hamas movement" name the outlet and the group
    if head_only and re.match(r"-(?:backed|led|allied|aligned|funded|supported|sponsored|armed|based|linked)\s+[a-z]",
                              text[last.end : core_end]):
        return None  # "The Iran-backed group says": the group its backer describes, not the backer
    if head_only and _ENVOYS_TO.search(text[hs:core_end]):
        return None  # "Iran’s mission to the United Nations": the one state's, not the UN
    # "of" or "for" outside the names: "a spokesman for X" describes ("an adviser to X" too); "Government of
    # National Accord" names
    of = next((m for m in re.finditer(_DESCRIBES_BY_WHOM, text[hs:core_end])
               if not any(h.start <= hs + m.start() < h.end for h in found)), None)  # fmt: skip
    if of:
        lead = text[hs : hs + of.start()]
        before = [h for h in found if h.end <= hs + of.start()]
        if not before and re.search(r"\b[a-z]{3,}", lead) and head_only:
            return None  # "the forces of X", "a spokesman for X": described
        between = text[before[-1].end : hs + of.start()] if before else ""
        if before and head_only and re.search(r"\b[a-z]{3,}", between) and not re.search(r"\b(?:and|or)\b", between):
            return None  # "A People’s National Party member of Parliament": a member, described
        if before:
            return before[-1].id
    if not head_only:
        persons = [h for h in found if names.actor_type(h.id) == "person"]
        return (persons or found)[-1].id
    return last.id


def _spoken_through(text: str, names: Names, hs: int, low: str) -> Speaker | None:
    """Who speaks through the words: "…, his spokesman said" (the person named before it in the
    sentence; "the statement said" is answered in ``build``, by the speakers found before it)."""
    if re.fullmatch(r"(?:his|her) (?:spokesman|spokeswoman|spokesperson|office|aide|aides)", low):
        sentence_start = max((m.end() for m in re.finditer(r"[.!?…]\s|\n", text[:hs])), default=0)
        person = next((h for h in reversed(names.hits) if h.kind == "actor" and sentence_start <= h.start
                       and h.end <= hs and names.actor_type(h.id) == "person"), None)  # fmt: skip
        if person:
            return Speaker(person.id, f"“{low}”: speaking for {names.label(person.id)}, named before it "
                                      f"(rule spoken-through, confidence 0.6); TODO: check")
    return None


def _where(lay: Layout, names: Names, hs: int, he: int, group: tuple[str, str, int]) -> str | None:
    """The place a group of people speaks from: "residents in Bahir Dar", "villagers of Ndzeng", or "In
    Bahir Dar, …, residents said" (a place that opens the sentence)."""
    text = lay.text
    places = [h for h in names.hits if h.kind == "place"]
    m = re.match(r"\s+(?:in|of|from|at|around|near)\s+(?:the\s+)?", text[group[2] : he])
    if m:
        at = group[2] + m.end()
        hit = next((h for h in places if h.start == at), None)
        if hit:
            return text[hit.start : hit.end]
    region = lay.region_at(hs)
    if region is None:
        return None
    s0 = lay.sentence_at(region, hs)[0]
    m = re.match(r"(?:In|At|Around|Near)\s+", text[s0:hs])
    hit = next((h for h in places if m and h.start == s0 + m.end() and text[h.end : h.end + 1] == ","), None)
    return text[hit.start : hit.end] if hit else None


def _group(text: str, hs: int, he: int) -> tuple[str, str, int] | None:
    """"Analysts", "two European officials", "residents and officials": (noun, type, end of the
    noun) of an unnamed group named by the first words of the phrase."""
    phrase = text[hs:he]
    low = phrase.lower()
    if re.match(r"one of\s", low):  # "one of the sources said": one person of the group
        return None
    found = []
    for noun, typ in lexicon().group_sources:
        m = re.search(rf"(?:^|\s){re.escape(noun)}(?![\w-])", low)
        if m and word_count(low[: m.end()]) <= 4:
            found.append((m.start(), -len(noun), noun, typ, hs + m.end()))
    if not found:
        return None
    _, _, noun, typ, end = min(found)
    if typ == "government" and any(w in lexicon().organisation_acronyms for w in re.findall(r"[A-Z]{2,}", phrase)):
        typ = "organization"  # "UN officials": the UN's, no state's
    return noun, typ, end


# What a definite description ("the coalition", "the group") can stand for: words of the label, or
# these actor types.
_DEFINITE_TYPES = {
    "group": ("armed-group", "organization"), "movement": ("armed-group",), "militia": ("armed-group",),
    "army": ("military-force",), "military": ("military-force",), "government": ("government",),
    "ministry": ("government",), "coalition": ("military-force",), "alliance": ("armed-group",),
    "mission": ("military-force",), "command": ("military-force",), "junta": ("government",),
    "bloc": ("organization",), "party": ("organization", "armed-group"), "rebels": ("armed-group",),
    "regime": ("government",), "organisation": ("organization",), "organization": ("organization",),
    "company": ("organization",), "firm": ("organization",),
    "station": ("media-outlet",), "broadcaster": ("media-outlet",), "channel": ("media-outlet",),
}  # fmt: skip


_STATE_ORGANS = frozenset({"government", "army", "military", "junta", "regime", "ministry"})


def _definite(text: str, names: Names, hs: int, he: int) -> str | None:
    """"the coalition" → the last actor named before it whose label has the noun, or of its type."""
    m = re.fullmatch(r"[Tt]he\s+([a-z]+)", text[hs:he])
    if not m:
        return None
    noun = m.group(1)
    types = _DEFINITE_TYPES.get(noun)
    before = sorted((h for h in names.hits if h.kind == "actor" and h.end <= hs and h.how != "speaker"),
                    key=lambda h: -h.start)  # fmt: skip
    if noun in _STATE_ORGANS:  # "the government": of one country only; of several named, nobody can tell
        found = {h.id for h in before if re.search(rf"\b{noun}\b", names.label(h.id).lower())
                 or (types and names.actor_type(h.id) in types)}  # fmt: skip
        # "Russia’s defence ministry denied … the ministry said": the noun met last before it, outside
        # any actor's name, is the one it takes up; that one is not named, so nobody can tell
        last = [m.start() for m in re.finditer(rf"\b{noun}\b", text[:hs], re.I)]
        if last and not any(h.start <= last[-1] < h.end for h in before):
            return None
        return found.pop() if len(found) == 1 else None
    # the actor whose name ends in the noun (its head: "the alliance" is the Three Brotherhood Alliance,
    # not the Myanmar National Democratic Alliance Army named after it), else whose name or description has
    # it ("the company": "…, a private military company")
    for h in before:
        label = names.label(h.id).lower()
        if re.search(rf"\b{noun}$", label):
            return h.id
    for h in before:
        e = names.entities.get(h.id)
        # (not "group" in "UN Group of Experts": a body named by what it is made of; but "the coalition" is
        # the Coalition of Patriots for Change)
        label = names.label(h.id).lower()
        # (the head of the description: "the opposition" is not the one "opposition group" described)
        if re.search(rf"^{noun}\b|\b{noun}\b(?!\s+of\b)", label) or (e and re.search(rf"\b{noun}”", e.rule)):
            return h.id
    for typ in types or ():  # "the group": an armed group named before it rather than an organisation
        for h in before:
            if names.actor_type(h.id) == typ:
                return h.id
    return None


_OF = r"of|for|from|with|to"


def _head_noun(text: str, hs: int, he: int, before: str = _OF) -> str | None:
    """The noun a description rests on: "a Houthi spokesman" → spokesman; "A spokesman for the
    Syrian National Army" → spokesman (the words before "for", "of" …, or the words ``before``)."""
    phrase = text[hs : _core(text, hs, he)]
    phrase = re.split(rf"\s(?:{before})(?:\s|$)", phrase)[0]
    words = [w for w in re.findall(r"[A-Za-z’'-]+", phrase) if w.lower() != "the"]
    # (a noun that opens the sentence has its capital only there: "Investigators said …")
    first = len(words) == 1 and phrase.lstrip().startswith(words[0]) and not lexicon().kind_of_word(words[0])
    return words[-1].lower() if words and (words[-1][0].islower() or first) else None


# Plurals that name people, not a body: described sources the curators make a population group.
_PEOPLE_PLURALS = frozenset({"people", "members", "witnesses", "admirers", "chiefs", "supporters", "relatives",
                             "families", "villagers", "survivors", "neighbours", "mourners", "protesters",
                             "demonstrators", "students", "refugees"})


def _source_kind(text: str, hs: int, he: int) -> tuple[str, str] | None:
    """(actor type, rule) of a described source that is no one person: a noun of the lexicon's
    `source_nouns` ("local media", "UN figures", "a UN investigation"), or a plural ("members of his
    party", "health workers in the town"); None for a person ("a commander of the task force")."""
    # (the words after "people" that describe them: "people close to him", "two people familiar with …")
    noun = _head_noun(text, hs, he, _OF + "|in|at|on|who|whose|which|that|close|familiar|aware|briefed")
    if noun is None:
        return None
    typ = lexicon().source_nouns.get(noun)
    if typ:
        return typ, f"described-source-“{noun}”"
    if noun in ("leaders", "rulers") and (whose := re.match(r"(?:the\s+)?([A-Z][\w ]+?)[’']s\s", text[hs:he])) and (
            gazetteer.country(whose.group(1))):  # fmt: skip
        return "government", f"a state's “{noun}”"  # "Moldova’s leaders have accused Moscow …"
    if noun in ("officers", "personnel"):  # "Thai military officers", "police officers": whose officers they are
        phrase = text[hs:he]
        if re.search(r"\b(?:military|army|navy|naval|air force|defen[cs]e)\b", phrase, re.I):
            return "military-force", f"an army's “{noun}”"
        if re.search(r"\bpolice\b", phrase, re.I):
            return "government", f"the police's “{noun}”"
    if (noun.endswith(("s", "men")) and not noun.endswith(("ss", "us")) or noun in ("people", "several")) and (
            noun not in lexicon().pronouns):  # fmt: skip
        if noun in _PEOPLE_PLURALS:  # "people at the doors", "members of his party", "his admirers in Ng’ambo"
            return "population-group", f"described-by-a-plural-“{noun}”"
        return "organization", f"described-by-a-plural-“{noun}”"
    return None


# A relative clause after a name in an apposition: ", whose son Rachid …"
_RELATIVE_AFTER = re.compile(r",\s+(?:who|whose|which|where|when|that)\b")
# "Reagan said on Tuesday that he had acted": the pronoun a person's reported words call the person
_SAID_THAT_PRONOUN = re.compile(r"\s+(?:has\s+|had\s+)?(?:said|says|told\s+\w+|added|insisted|argued|announced)"
                                r"(?:\s+(?:on|last|this)\s+\w+)?\s+that\s+(he|she)\b")


def _part_of(text: str, names: Names, hs: int, he: int) -> str | None:
    """"Rwanda's army": the one actor of the registry of that kind that is part of the one named."""
    m = re.fullmatch(r"(?:[Tt]he\s+)?(.+?)['’]s?\s+([a-z]+)", text[hs:he])
    if not m:
        return None
    owner = next((h for h in names.hits if h.kind == "actor" and h.start == hs + m.start(1) and h.end == hs + m.end(1)),
                 None)  # fmt: skip
    typ = lexicon().kind_of_word(m.group(2).capitalize())
    if owner is None or typ is None:
        return None
    actors = names.index.registry.actors

    def within(ref: str, seen: frozenset = frozenset()) -> bool:
        a = actors.get(ref)
        if a is None or ref in seen:
            return False
        return owner.id in a.part_of or any(within(p, seen | {ref}) for p in a.part_of)

    found = [a.id for a in actors.values() if a.type == typ and within(a.id)]
    return found[0] if len(found) == 1 else None


def _role_mentions(lay: Layout, names: Names) -> list[Hit]:
    """"The fisherman still keeps …" … "said the fisherman, Abdala Momade": a person the text names
    once with a role noun is that person wherever else "the <noun>" stands alone (one person per
    noun, or none)."""
    text = lay.text
    persons = {h.start: h for h in names.hits if h.kind == "actor" and names.actor_type(h.id) == "person"}
    roles: dict[str, set[str]] = {}
    named_at: set[int] = set()
    titles = lexicon().alternation(lexicon().titles)
    for m in re.finditer(rf"\b[Tt]he ([a-z]{{3,}}),\s+(?:(?:{titles})\.?\s+)*", text):
        hit = persons.get(m.end())
        if re.search(r"\b(?:[Oo]n|[Aa]bout|[Oo]f|[Ff]or|[Tt]o|[Ww]ith|[Ff]rom|[Aa]t|[Ii]n|[Bb]y|[Aa]gainst|[Oo]ver|"
                     r"[Ll]ike)\s+$", text[max(0, m.start() - 12) : m.start()]):
            continue  # "On the pilot, Tabuni was emphatic": a phrase that leads in, not the pilot's name
        if hit and m.group(1) not in dict(lexicon().group_sources):
            roles.setdefault(m.group(1), set()).add(hit.id)
            named_at.add(m.start())
    out = []
    taken = [h.span for h in names.hits]
    for noun, refs in sorted(roles.items()):
        if len(refs) != 1:
            continue
        for m in re.finditer(rf"\b[Tt]he {noun}\b", text[: lay.article.content_end]):
            span = (m.start(), m.end())
            if m.start() not in named_at and not any(overlaps(span, t) for t in taken):
                out.append(Hit(span[0], span[1], "actor", next(iter(refs)), "role"))
    return out


def _named_later(lay: Layout, names: Names, noun: str, after: int) -> Hit | None:
    """"the spokesman, Hamid al-Sharafi": a person named with the noun that described them, unless another
    one is described with the noun in between ("a commander of the joint force … the commander, X")."""
    text = lay.text
    limit = min(len(text), after + 1500)
    titles = lexicon().alternation(lexicon().titles)
    for m in re.finditer(rf"\b[Tt]he {re.escape(noun)},\s+(?:(?:{titles})\.?\s+)*", text[after:limit]):
        if re.search(rf"\b[Aa]n?\s+(?:[\w’'-]+\s+){{0,3}}{re.escape(noun)}\b", text[after : after + m.start()]):
            return None  # "A commander of the joint force … said the commander, Adam …": another one's name
        pos = after + m.end()
        hit = next((h for h in names.hits if h.start == pos and names.actor_type(h.id) == "person"), None)
        if hit:
            return hit
    return None


# The outlet's own people, who speak as the outlet ("our reporters say"); one correspondent ("Our
# correspondent says") is a person of the outlet's, described, as curators have it.
OUR_PEOPLE = re.compile(r"[Oo]ur (?:own )?(?:reporters|correspondents|journalists|team|staff)$")
# What someone issues, after the possessive of its author: "The Presidium’s statement", "the army's communiqué".
_ISSUED = re.compile(r"[’']s\s+(?:\w+\s+)?(?:statement|communiqu[eé]|announcement|letter|message|press release|"
                     r"decree|declaration)$")


# A possessive pronoun that names a view's holder ("In his view …") stands for whom its pronoun would.
_POSSESSIVES = {"his": "he", "her": "she", "their": "they"}


def _described_then_named(lay: Layout, names: Names, region: Region, pos: int) -> str | None:
    """"A researcher who has studied the insurgency … “…,” she said. The researcher, Hadiza Lawan Bukar, …":
    the person a paragraph describes before a pronoun and names after it, with the same noun."""
    text = lay.text
    m = re.search(r"\b[Tt]he ([a-z]{3,}(?: [a-z]{3,})?),\s", text[pos : region.end])
    if not m or not re.search(rf"\b[Aa]n?\s+(?:[\w’'-]+\s+){{0,3}}{m.group(1)}\b", text[region.start : pos]):
        return None
    hit = _named_later(lay, names, m.group(1), pos)
    return hit.id if hit and hit.start < region.end else None


def _it(lay: Layout, names: Names, pos: int) -> Speaker | None:
    """"It" is never a person: the actor (not a person) the sentence before names first, else the
    last one named before it in its own sentence; none, and the draft asks."""
    region = lay.region_at(pos)
    if region is None:
        return None
    sentences = [sp for r in lay.regions if r.kind in ("paragraph", "headline", "caption") and r.start <= region.start
                 for sp in lay.sentences[r]]  # fmt: skip
    own = next((sp for sp in sentences if sp[0] <= pos < sp[1]), None)
    if own is None:
        return None
    before = [h for h in names.actors_in((own[0], pos)) if names.actor_type(h.id) not in ("person", None)
              and not re.search(r"\b(?:its|their)\s+$", lay.text[max(0, h.start - 7) : h.start])]  # "its Facebook page"
    earlier = [sp for sp in sentences if sp[1] <= own[0]]
    previous = [h for h in names.actors_in(earlier[-1]) if names.actor_type(h.id) not in ("person", None)] if (
        earlier) else []  # fmt: skip
    if before:
        hit = before[-1]
    elif previous:
        hit = previous[0]
    else:
        return None
    return Speaker(hit.id, f"“it”: {lay.text[hit.start : hit.end]}, the actor named before it, not a person "
                           f"(confidence 0.5); TODO: check")


_REPORTED_THAT = re.compile(r"\b(?:(?:said|says|denied|denies|insisted|insists|claimed|claims|argued|argues|admitted|"
                            r"admits|acknowledged|acknowledges|accepted|accepts)\s+that\s"
                            # "said they would lay down their arms only when Chamoun leaves": no "that"
                            r"|(?:said|says)\s+(?:they|he|she|it|we)\s+(?:would|will|had|have|has|were|was|are|is)\s"
                            # "told us he doubted Nagy had known": a belief after whom it was told
                            r"|\b(?:told|tells)\s+(?:us|me|reporters|journalists)\s+(?:they|he|she|we)\s+(?:doubted|doubts|"
                            r"believed|believes|thought|thinks|feared|fears|expected|expects|knew|knows|said|says)\s)")


def _sentence_before(text: str, start: int, pos: int) -> str:
    """The words of ``pos``'s sentence before it (from ``start`` at most, 200 characters back)."""
    return re.split(r"[.!?][”\"’]?\s+(?=[A-Z“\"])", text[max(start, pos - 200) : pos + 1])[-1][:-1]


def _subject_at(lay: Layout, region: Region, pos: int) -> bool:
    """Whether the person named at ``pos`` is the subject of its sentence: first in it (after a title, or
    a phrase of time), before a verb ("By late afternoon Henriette Malonga has borrowed two chairs",
    "The teacher, Braima Seidi, is 67"), outside quotation marks."""
    text = lay.text
    if lay.in_speech(region, pos):
        return False
    sentence = _sentence_before(text, region.start, pos)
    if not re.fullmatch(r"(?:(?:In|On|At|By|After|Before|Since|During|Later|Then|Now|Today)\b[^,.;“”]{0,30}?\s+|"
                        r"[^,.;“”]{1,50},\s+)?"  # a lead-in: "By late afternoon", "Back in the olive grove,"
                        r"(?:(?:[Tt]he|[Aa]n?)\s+[a-z][^,.;“”]{0,40},\s+)?(?:[A-Z][\w.’'-]*\s+){0,3}", sentence):
        return False
    name = re.match(r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*", text[pos:])
    after = text[pos + (name.end() if name else 0) :]
    verb = re.match(r"(?:,[^,.;“”]{1,80},)?\s+(?:(?:now|still|also|often|never|already|[a-z]+ly)\s+)?([a-z]+)", after)
    # a verb: one the lexicon knows, or the present of any ("keeps", "knows", "teaches")
    return bool(verb and (verb_like(verb.group(1)) or re.fullmatch(r"[a-z]{2,}[^s]s", verb.group(1))))


def _reported(text: str, start: int, pos: int) -> bool:
    """Whether the name at ``pos`` is in the words someone's speech reports, in its sentence
    ("Lasserre denied that Gbagbo was a target. “…,” he said": Gbagbo is spoken of, not speaking)."""
    return bool(_REPORTED_THAT.search(_sentence_before(text, start, pos)))


def build(lay: Layout, names: Names, asks: list[Ask], tells: list[tuple[Span, Ask | None]],
          publisher: str | None) -> SpeakerIndex:  # fmt: skip
    """Resolve every speaker phrase and listener the rules found (``asks``, ``tells``)."""
    text = lay.text
    lx = lexicon()
    ids = Ids([*names.index.registry.actors, *names.index.registry.places, *names.entities,
                *([publisher] if publisher else [])])  # fmt: skip
    new: dict[str, Entity] = {}
    extra: list[Hit] = []
    answers: dict[Ask, Speaker | None] = {}
    extra.extend(_role_mentions(lay, names))
    current = with_entities(names, [], extra) if extra else names

    registry_names = names.index.registry.names("actor").by_name

    def unshared(label: str) -> str:
        """A new actor's label, marked where a registry actor the draft did not link has that name ("Congress"
        in a Guatemalan story, held back from the registry's US Congress; "The army" where its "the army" is
        another's): the annotation refuses a new actor named as a registry one, and a draft must load."""
        known = registry_names.get(" ".join(label.casefold().split()))  # as the annotation compares names
        return f"{label} (TODO: not the registry's {known[0].id}; say which)" if known else label

    def describe(hs: int, he: int, also: tuple[str, int] | None = None) -> Speaker:
        nonlocal current
        phrase = text[hs:he]
        core = re.sub(r"^(?:the|a|an|one)\s+", "", phrase, flags=re.I)
        known = names.index.names.get(norm(core)) or names.index.names.get(norm(phrase))
        if known and known[0] == "actor" and not any(h.ref == known[1] for h in names.held):  # not out of region
            return Speaker(known[1], f"“{phrase}”: registry name (confidence 0.9)")
        part = _part_of(text, current, hs, he)
        if part:
            extra.append(Hit(hs, he, "actor", part, "speaker"))
            return Speaker(part, f"“{phrase}”: the registry's {part}, part of the one named (rule possessive-part-of, "
                                 f"confidence 0.7)")
        issued = _ISSUED.search(phrase)
        owner = next((h for h in current.actors_in((hs, he)) if issued and h.end == hs + issued.start()), None)
        if owner:  # "The Presidium’s statement said …": the one whose statement it is
            return Speaker(owner.id, f"“{phrase}”: the statement of the one named (rule whose-statement, "
                                     f"confidence 0.7)")
        noun = _head_noun(text, hs, he)
        later = _named_later(lay, current, noun, he) if noun else None
        if later is None and also and also[0] != noun:  # "Their commander, a young captain …, said …. the captain, X"
            later = _named_later(lay, current, *also)
        if later:
            extra.append(Hit(hs, he, "actor", later.id, "speaker"))
            return Speaker(later.id, f"“{phrase}”: described here, named later as “{text[later.start:later.end]}” "
                                     f"(rule described-then-named, confidence 0.7)")
        ref = _definite(text, current, hs, he)
        if ref:
            extra.append(Hit(hs, he, "actor", ref, "speaker"))
            return Speaker(ref, f"“{phrase}”: the last {text[hs:he].split()[-1]} named before it "
                                f"(rule definite-description, confidence 0.6); TODO: check")
        head = noun[:1].upper() + noun[1:] if noun else ""
        definite = re.fullmatch(r"[Tt]he\s+([a-z]+)", phrase)
        typ = lx.kind_of_word(head) if noun else None
        if definite and definite.group(1) in _DEFINITE_TYPES:
            typ = _DEFINITE_TYPES[definite.group(1)][0]
        envoy = _ENVOYS_TO.search(phrase)
        if envoy:  # "Iran’s mission to the United Nations": a body of the state; its ambassador, a person
            typ = "government" if envoy.group("body") else "person"
        elif typ == "government" and re.search(r"\b(?:UN|United Nations)\b", phrase):
            typ = "organization"  # "the UN human rights office": a body of the UN, not of a state
        group = _group(text, hs, he)
        label = phrase[0].upper() + phrase[1:]
        if typ and not group:
            ent = next((e for e in new.values() if norm(e.label) == norm(label)), None)
            if ent is None:
                ent = Entity(ids.new(core), "actor", unshared(label), typ, f"described-by-“{noun}”", 0.5)
                new[ent.id] = ent
            extra.append(Hit(hs, he, "actor", ent.id, "speaker"))
            return Speaker(ent.id, f"“{phrase}”: described, not named (rule {ent.rule}, confidence 0.5)")
        if group:
            where = _where(lay, current, hs, he, group) if group[1] == "population-group" else None
            he = group[2]
            phrase = text[hs:he]
            core = re.sub(r"^(?:the|a|an|one)\s+", "", phrase, flags=re.I)
            # "In Bahir Dar, … residents said": the residents of one place are not those of another
            label = phrase[0].upper() + phrase[1:] + (f" of {where}" if where else "") + " (unnamed)"
        ent = next((e for e in new.values() if norm(e.label) == norm(label)), None)
        if ent is None:
            inside = sorted({h.id for h in current.actors_in((hs, he))})
            hint = ("the words name " + ", ".join(inside) + " (member_of or part_of?)") if inside else ""
            typ = group[1] if group else "person"
            if not group and re.match(r"(?:[Mm]any|[Mm]ost|[Ff]ew)\b", core):
                typ = "population-group"  # "Many in the crowd believe …", "most of those we spoke to": people
            rule = "unnamed-group-source" if group else "described-speaker"
            if group and group[0] in ("sources", "officials"):  # "local government sources", "military officials"
                words = re.findall(r"[a-z]+", text[hs:he].lower())
                if "military" in words or "army" in words:
                    typ = "military-force"
                elif "government" in words:
                    typ = "government"
            source = None if group else _source_kind(text, hs, he)
            if source:  # "local media", "UN figures", "members of his party": no one person
                typ, rule = source
            ent = Entity(ids.new(core), "actor", unshared(label), typ, rule, 0.6 if group else 0.5, hint)
            new[ent.id] = ent
        extra.append(Hit(hs, he, "actor", ent.id, "speaker"))
        return Speaker(ent.id, f"“{phrase}”: described, not named (rule {ent.rule}, confidence {ent.confidence})")

    def _statement_giver(hs: int, low: str) -> Speaker | None:
        """"“…,” the statement said": the speaker found before, in the sentence that gave "a statement"
        ("In a statement emailed to us, a spokesman … said"), or else that sentence's first actor
        ("Tajik border troops rejected the accusations in a statement")."""
        if not re.fullmatch(r"(?:the|that) (?:joint )?statement", low):
            return None
        given = [m for m in _GIVEN_STATEMENT.finditer(text, max(0, hs - 1500), hs)]
        region = lay.region_at(given[-1].start()) if given else None
        if region is None:
            return None
        s0, s1 = lay.sentence_at(region, given[-1].start())
        spoke = [(a.head[0], sp) for a, sp in answers.items() if sp is not None and s0 <= a.head[0] < s1]
        if spoke:
            sp = max(spoke, key=lambda x: x[0])[1]
            return Speaker(sp.id, f"“{low}”: the statement {current.label(sp.id)} gave before it (rule spoken-through, "
                                  f"confidence 0.6); TODO: check")
        first = next((h for h in current.hits if h.kind == "actor" and s0 <= h.start < given[-1].start()), None)
        if first:
            return Speaker(first.id, f"“{low}”: the statement of {current.label(first.id)}, the first named in the "
                                     f"sentence that gave it (rule spoken-through, confidence 0.5); TODO: check")
        return None

    def resolve(ask: Ask, outer: Speaker | None) -> Speaker | None:
        hs, he = trim(text, ask.head[0], ask.head[1], " \t,…—–")
        if selfword := re.search(r"\s+(?:itself|themselves|himself|herself)$", text[hs:he]):
            he = hs + selfword.start()  # "Moscow itself accused Baku": Moscow
        if second := re.search(r",?\s+and\s+(?:to|from)\s+", text[hs:he]):
            he = hs + second.start()  # "according to the MDC and to several diplomats": the first source
        phrase = text[hs:he]
        if not phrase:
            return None
        low = phrase.lower()
        if low in ("not everyone", "everyone", "nobody", "no one", "others", "some", "many", "few", "one", "both sides",
                   "both", "the two sides", "all sides", "each side"):
            return None
        if low in lx.first_person:
            return Speaker(outer.id, f"“{phrase}”: the one quoted around it (confidence 0.8)") if outer else None
        if publisher and outer is None and re.search(r"(?:^|\s)we$", low):  # "In our 11.20 post we said"
            return Speaker(publisher, f"“{phrase}”: the outlet, speaking of itself (confidence 0.6); TODO: check")
        if publisher and OUR_PEOPLE.fullmatch(low):
            return Speaker(publisher, f"“{phrase}”: the outlet's own people (confidence 0.7)")  # "our reporters say"
        ref = named(text, current, hs, he)
        if ref:
            return Speaker(ref, f"“{phrase}” (rule named, confidence 0.9)")
        through = _spoken_through(text, current, hs, low) or _statement_giver(hs, low)
        if through:
            return through
        gave = ask.appos and _GAVE_NAME.search(text[ask.appos[0] : ask.appos[1]])
        if gave:  # "said the man, who gave his name as Gebremedhin Hailu"
            ref = named(text, current, *trim(text, ask.appos[0] + gave.end(), ask.appos[1], " \t,."))
            if ref and current.actor_type(ref) == "person":
                return Speaker(ref, f"“{phrase}”, who gave the name “{text[ask.appos[0] + gave.end() : ask.appos[1]]}” "
                                    f"(rule gave-his-name-as, confidence 0.8)")
        if ask.appos and not re.match(r"\s*(?:which|who|whose|where|that|when)\b", text[ask.appos[0] : ask.appos[1]]):
            a_s, a_e = trim(text, ask.appos[0], ask.appos[1], " \t,")
            # the name ends where a relative clause after it begins: "the woman, Zohra Bouchemla, whose son Rachid …"
            rel = _RELATIVE_AFTER.search(text, a_s, a_e)
            a_e = rel.start() if rel else a_e
            ref = named(text, current, a_s, a_e, head_only=False)
            # the apposition names the speaker ("the spokesman, Hamid al-Sharafi") or a person; words
            # that describe another actor ("X, the coalition that Ankara backs") name no speaker
            first = next((h for h in current.actors_in((a_s, a_e))), None)
            if ref and not (current.actor_type(ref) == "person" or (first and first.start == a_s and first.id == ref)):
                ref = None
            if ref and re.search(r"[’']s?\s+own$", text[a_s:a_e]):
                ref = None  # "A deputy of the Colorado Party, Bordaberry’s own, said": of his party, not him
            if ref:
                return Speaker(ref, f"“{phrase}, {text[a_s:a_e]}” (rule named-in-apposition, confidence 0.8)")
        if _clause(text[hs : _core(text, hs, he)]):  # "a trader who asked not to be named" is a speaker
            return None
        group = _group(text, hs, he)  # an unnamed group is described even after "according to"
        if (group or re.search(r"\b[a-z]{3,}|^[A-Z][a-z]+s$", phrase)) and (
            word_count(text[hs : _core(text, hs, he)]) <= 11
        ):
            noun = _head_noun(text, *trim(text, ask.appos[0], ask.appos[1], " \t,")) if ask.appos else None
            return describe(hs, he, (noun, ask.appos[1]) if noun else None)
        return None

    # Named and described speakers in the order of the text; then pronouns.
    def order(ask: Ask) -> tuple[int, int]:
        depth, a = 0, ask
        while a.outer is not None:
            depth, a = depth + 1, a.outer
        return (depth, ask.head[0])

    def pronoun(ask: Ask) -> str:
        """The pronoun a speaker phrase is ("she and others argue": she, the one named), else ""."""
        phrase = re.sub(r" and (?:others|colleagues)$", "", text[ask.head[0] : ask.head[1]].strip(" \t,…—–").lower())
        phrase = _POSSESSIVES.get(phrase, phrase)  # "In his view": he
        return phrase if phrase in lx.pronouns else ""

    pronoun_asks = []
    for ask in sorted(set(asks), key=order):
        if pronoun(ask):
            pronoun_asks.append(ask)
            continue
        outer = answers.get(ask.outer) if ask.outer else None
        answers[ask] = resolve(ask, outer)
        if extra or new:
            current = with_entities(names, list(new.values()), extra)
    # Antecedents of "he", "they": speakers named outside quotations, and persons described ("A police
    # investigator in the region told us … “…,” he said"); an unnamed group is no one's antecedent.
    antecedents = sorted(
        ((a.head[0], s) for a, s in answers.items() if s is not None and a.outer is None
         and ("not named" not in s.note or current.actor_type(s.id) == "person")),
        key=lambda x: x[0],
    )
    # A person named after the last speaker, in the same paragraph, is nearer still.
    # Not one named in a possessive ("weakened Sadio’s faction … “…,” she said"): the owner of a thing
    # spoken of is not who speaks.
    # Nor one named inside a speaker's description who is not the speaker ("A senior adviser to
    # President Isaias Afwerki … denied …. He said …": the adviser).
    inside = [(a.head, s.id) for a, s in answers.items() if s is not None]
    # (But one whose possessive opens a sentence is its topic: "Houmed Ali Kamil’s name is not on it. He
    # shrugs … “…,” he says.")
    def opens_sentence(pos: int) -> bool:
        region = lay.region_at(pos)
        return bool(region) and not _sentence_before(text, region.start, pos).strip()

    persons = [(h.start, Speaker(h.id, "")) for h in current.hits
               if h.kind == "actor" and current.actor_type(h.id) == "person" and h.how != "speaker"
               and (not re.match(r"[’']s?\s", text[h.end : h.end + 3]) or opens_sentence(h.start))
               and not any(a <= h.start < b and who != h.id for (a, b), who in inside)]  # fmt: skip
    gender: dict[str, str] = {}  # "he" or "she", as the text's pronouns have called each person so far
    gendered, pronoun_of = _gendered_before()
    for h in current.hits:  # … or as a word for a relative or a title before the name says ("her son Rolando")
        if h.kind == "actor" and (m := gendered.search(text[max(0, h.start - 16) : h.start])):
            gender.setdefault(h.id, pronoun_of[m.group(1)])
    for h in current.hits:  # … or as the person's own words report them: "Reagan said on Tuesday that he had acted"
        if h.kind == "actor" and current.actor_type(h.id) == "person" and (m := _SAID_THAT_PRONOUN.match(text, h.end)):
            gender.setdefault(h.id, m.group(1))
    for ask in sorted(pronoun_asks, key=order):
        hs = ask.head[0]
        phrase = pronoun(ask)
        answer = None
        if phrase == "it":
            answers[ask] = _it(lay, current, hs)
            continue
        region = lay.region_at(hs)
        # a person named inside someone's quoted words is spoken of, not speaking
        quoted = [(q.open, q.close) for q in lay.speech(region)] if region and region in lay.quotes else []
        paragraphs = [r for r in lay.regions if r.kind == "paragraph"]
        at = next((i for i, r in enumerate(paragraphs) if r == region), None)
        # an antecedent two paragraphs back or more is too far to be sure of: the draft asks instead
        since = paragraphs[at - 1].start if at else (region.start if region else 0)
        near = [x for x in persons if phrase != "they" and region and region.start <= x[0] < hs
                and not any(a < x[0] < b for a, b in quoted) and not _reported(text, region.start, x[0])
                # "Karim Itani, who speaks for the fighters loyal to Saeb Salam, said …": one named in a
                # speaker's relative clause is spoken of
                # (not "…, who gave his name only as Nabil": that names the speaker)
                and not re.search(r"\s(?:who|whose)\s(?!gave\s|gives\s)[^,]*$",
                                  _sentence_before(text, region.start, x[0]))]  # fmt: skip
        if at and not near and not any(region.start <= x[0] < hs for x in antecedents):
            # "By late afternoon Henriette Malonga has swept the floor. \n\n “I am home,” she says.": the
            # subject of a sentence of the paragraph before, when this one names nobody before the pronoun
            before = paragraphs[at - 1]
            near = [x for x in persons if phrase != "they" and before.start <= x[0] < before.end
                    and _subject_at(lay, before, x[0])]
        later = _described_then_named(lay, current, region, hs) if phrase in ("he", "she") and region else None
        if later and gender.get(later, phrase) == phrase and not any(region.start <= x[0] < hs for x in near):
            answers[ask] = Speaker(later, f"“{phrase}”: the person described before it and named after it "
                                          "(confidence 0.6); TODO: check")  # fmt: skip
            gender.setdefault(later, phrase)
            continue
        for _pos, prev in sorted((x for x in antecedents + near if since <= x[0] < hs), key=lambda x: -x[0]):
            if phrase in ("he", "she") and gender.get(prev.id, phrase) != phrase:
                continue  # "she said" of the surgeon before: "he said" is someone else
            if phrase == "they" or current.actor_type(prev.id) in (None, "person"):
                answer = Speaker(prev.id, f"“{phrase}”: the last speaker named before it (confidence 0.6); TODO: check")
                break
        if answer and phrase in ("he", "she"):
            gender.setdefault(answer.id, phrase)
        answers[ask] = answer

    # Listeners: the words after "told".
    listeners: dict[tuple[Span, str | None], tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for obj, outer_ask in tells:
        outer = answers.get(outer_ask) if outer_ask else None
        phrase = text[obj[0] : obj[1]]
        key = (obj, outer.id if outer else None)
        if phrase.lower() in lx.first_person:
            say = f"TODO: told “{phrase}”: say whom, if the article does"
            listeners[key] = ((outer.id,), ()) if outer else ((), (say,))
            continue
        ref = named(text, current, *obj)
        say = f"TODO: told “{phrase}”: no actor named; add one if it matters"
        listeners[key] = ((ref,), ()) if ref else ((), (say,))
    return SpeakerIndex(current, answers, listeners)
