"""Draft the annotation of a new article from rules and the registry, for a person to correct.

The draft is what a careful reader would mark first, done mechanically:

- every actor and place of the registry the content names (by label or alias, longest name first,
  so "Shia militias" inside "Iran-backed Shia militias" counts once), every mention anchored;
  later bare surnames of a person named in full ("Weiss" after "Michael Weiss");
- capitalised names the registry does not know, as candidate actors (or places, where the words
  around say so) marked for review;
- quotations with their speaker, verb and listener (``“…,” X told Y.``, ``“…,” X said.``,
  ``X said: “…”``, ``X wrote in Z: “…”``, a quotation inside a quotation), and reported speech
  (``according to X, …``, ``X reported that …``), each a claim;
- sentences with hedging words ("likely", "appears", "accused", "might" …) as hedged claims of the
  publisher, with the cue anchored;
- the photo line, the contributor line, and the dates the text gives, at the precision it gives.

What rules cannot decide (a claim's content, relationships, events, an actor's type) is left as a
``TODO`` for the person, never guessed. The draft is valid against the annotation schema and
``ld-export build`` accepts it unedited. The output is YAML text with comments, the same bytes
for the same input. Standard library and the project's own modules only.
"""

from __future__ import annotations

import datetime
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import resources
from .anchor import occurrences
from .annotation import Registry, load_registry
from .article import Article, read_article
from .errors import InputError

REGISTRY_NAME = "registry.yaml"
UNKNOWN_PUBLISHER = "unknown-publisher"

# --------------------------------------------------------------------------------------------
# Word lists

_MONTHS = {
    m: i
    for i, m in enumerate(
        ("January", "February", "March", "April", "May", "June", "July", "August", "September",
         "October", "November", "December"),
        start=1,
    )
}  # fmt: skip
_MONTH_ABBR = {"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9, "Sept": 9,
               "Oct": 10, "Nov": 11, "Dec": 12}  # fmt: skip
_WEEKDAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

# Capitalised words that start sentences or clauses without naming anyone.
_STOP = set(
    "The A An This That These Those It Its He She They We I You His Her Their Our My Your Him Them "
    "In On At By For From To With Without Of Despite After Before During Since Until As But And Or Nor "
    "So Yet If When While Whilst Although Though Even Also Recently Meanwhile However Moreover Still "
    "Now Then Today Yesterday Tomorrow Which Who Whom Whose What Where Why How There Here Some Many "
    "Most All Both Each Every Such Other Another One Two Three Four Five Several More Less Only Not No "
    "Yes Because Thus Instead Indeed According Last Next Earlier Later Over Under Among Between "
    "Against Within Through Into About Around Across Once Already Just Perhaps Maybe Meanwhile Sir "
    "Photo Image Video Read Watch Click Share Subscribe Nobody Everyone Anyone Somebody".split()
)
# Titles before a name: kept out of the candidate's label.
_TITLES = set(
    "President Vice Prime Minister Foreign Defense Defence Interior Deputy Secretary General Gen "
    "Colonel Col Lt Lieutenant Major Maj Sgt Sergeant Captain Capt Commander Admiral Adm Senator "
    "Sen Rep Representative Governor Gov Mayor Dr Mr Mrs Ms Sheikh Sheik King Queen Prince Ayatollah "
    "Pope Chief Senior Spokesman Spokeswoman Ambassador Envoy Chairman Director Former Acting "
    "State Supreme Grand Top Army Military Opposition Rebel".split()
)
# Words for peoples, faiths and directions: adjectives, not names, when they stand alone.
_PEOPLES = set(
    "Shia Shiite Shiites Sunni Sunnis Alawite Alawites Kurd Kurds Kurdish Arab Arabs Arabic Western "
    "Eastern Northern Southern Muslim Muslims Christian Christians Jihadist Jihadists Islamist "
    "Islamists Islamic Jewish Druze Yazidi Yazidis Turkmen Persian English French Dutch Greek Swiss "
    "Thai Irish Welsh Scottish American Americans African Africans Afghan Afghans Moroccan Moroccans "
    "Mexican Mexicans Cuban Cubans God Allah Internet".split()
)
_DEMONYM_ENDINGS = ("ian", "ians", "ean", "eans", "ese", "ish", "ite", "ites")
_CONNECTORS = {"of", "for", "al", "bin", "ibn", "de", "la", "du", "van", "von", "der", "the"}
_PARTICLES = {"al", "el", "bin", "ibn", "abu", "abd", "ad", "ash", "as", "ar", "an", "az", "ud"}
_MEDIA_WORDS = set(
    "Post Times News Journal Herald Guardian Tribune Telegraph Press Television TV Radio Gazette "
    "Observer Monitor Broadcasting Magazine Daily Weekly Insider Beast Review Chronicle Wire Channel "
    "Reuters AFP AP".split()
)
_GOVERNMENT_WORDS = set("Government Administration Ministry Parliament Embassy Cabinet Presidency".split())
_MILITARY_WORDS = set("Army Forces Force Corps Navy Guard Guards Division Regiment Battalion Command".split())
_ARMED_GROUP_WORDS = set("Front Brigade Brigades Militia Militias Units Unit Battalions Mujahideen".split())
_ORG_WORDS = set(
    "Department Council Party Committee Agency Office Commission Organization Organisation Institute "
    "University Union Observatory Coalition Group Movement Foundation Bank Fund Court Congress Senate "
    "Assembly Service Services Association League Centre Center Watch Nations Crescent Cross Company "
    "Corporation Network Alliance Authority Police Agency".split()
)
_PHOTO_AGENCIES = ("REUTERS", "Reuters", "AP", "AFP", "Getty Images", "EPA", "Associated Press", "Anadolu Agency")
_PLACE_BEFORE = re.compile(
    r"(?i:(?:^|\W)(?:in|at|near|from|across|into|outside|inside|toward|towards|around|through|throughout|"
    r"on|over|of the city of|of the town of)\s+(?:the\s+)?)$"
)
_PLACE_AFTER = re.compile(
    r"^[’']?s?\s+(?:province|city|town|village|governorate|region|district|area|plain|border|airport|"
    r"base|countryside|neighbourhood|neighborhood|valley|river|mountains|desert|camp|suburbs|crossing)\b"
)

_SPEECH_VERBS = (
    "said|says|told|tells|added|adds|wrote|writes|noted|notes|explained|explains|stated|states|"
    "declared|declares|claimed|claims|insisted|insists|warned|warns|asked|asks|replied|recalled|"
    "argued|argues|tweeted|posted|reported|reports|confirmed|confirms|denied|denies|acknowledged|"
    "admitted|announced|announces|urged|cautioned|continued|concluded|recounted|conceded|deny|denies|"
    "say"
)
_VERB = re.compile(rf"(?<![\w’'])(?:{_SPEECH_VERBS})(?![\w’'])")
_TELL = {"told", "tells", "asked", "asks", "urged", "warned", "warns"}
_REPORTING = set(_SPEECH_VERBS.split("|")) | {"believes", "believed", "thinks", "thought", "alleged", "alleges"}
_AFTER_VERBS = "said|says|say|added|wrote|reported|claimed|warned|noted|insisted"
_AUX = r"(?:(?:had|has|have|was|were|is|are|also|then|later|again|would|will|did|previously|repeatedly|publicly)\s+)*"
_AUX_END = re.compile(
    r"(?:\s+(?:had|has|have|was|were|is|are|also|then|later|again|would|will|did|previously|repeatedly|publicly))+$"
)
_SUBJECT = re.compile(
    r"\s*(?:(?:And|But|Then|Later|Yet|So|Meanwhile|However|Earlier),?\s+)?"
    r"(?P<head>[^,;:“”\"]+?)(?:,\s*(?P<appos>[^;“”\"]+?),)?\s+"
    + _AUX
    + rf"(?P<verb>{_SPEECH_VERBS}|believes|believed|thinks|thought|alleged|alleges)(?![\w’'])"
)
_REPORTING_HINT = re.compile(
    r"\b(?:noting|saying|adding|claiming|arguing|warning|according to|said|says|told|reported|claimed|"
    r"wrote|noted|believes?|alleged)\b"
)
_PRONOUNS = {"he", "she", "they", "it"}
_FIRST_PERSON = {"i", "we", "us", "me"}

# Hedging words by level (docs/annotation.md): the level names of the `hedge` key.
_CUES = {
    "likely": ("likely", "probably", "presumably"),
    "appears": ("appears", "appear", "appeared", "apparently", "seems", "seem", "seemed", "seemingly"),
    "alleged": ("reportedly", "allegedly", "alleged", "purportedly", "purported"),
    "accused": ("accused", "accuses", "accusing", "accusation", "accusations"),
    "suspected": ("suspected", "suspects", "suspect", "suspicion", "suspicions"),
    "possible": ("might", "may", "could", "possibly", "perhaps", "possible"),
}
_CUE_LEVEL = {w: level for level, words in _CUES.items() for w in words}
# "may" only in lower case: "May" is the month.
_CUE = re.compile(
    r"(?<![\w’'-])(?:"
    + "|".join(sorted((w if w == "may" else f"[{w[0]}{w[0].upper()}]{w[1:]}") for w in _CUE_LEVEL))
    + r")(?![\w’'-])"
)

_MONTH_NAMES = "|".join(_MONTHS)
_MONTH_ANY = _MONTH_NAMES + "|" + "|".join(rf"{a}\." for a in _MONTH_ABBR)
_DATE_PATTERNS = (
    ("day", re.compile(rf"(?<!\w)(?P<m>{_MONTH_ANY}) (?P<d>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<y>(?:19|20)\d\d)(?!\d)")),
    ("day", re.compile(rf"(?<!\w)(?P<d>\d{{1,2}}) (?P<m>{_MONTH_ANY}),? (?P<y>(?:19|20)\d\d)(?!\d)")),
    ("month", re.compile(rf"(?<!\w)(?P<m>{_MONTH_ANY}),? (?P<y>(?:19|20)\d\d)(?!\d)")),
    ("day-no-year", re.compile(
        rf"(?<!\w)(?P<m>{_MONTH_ANY}) (?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?![\d,]|,? (?:19|20)\d\d)")),
    ("month-no-year", re.compile(
        rf"(?<!\w)(?:in|since|until|by|during|from|through|early|late|mid-|mid) (?:early |late |mid-)?"
        rf"(?P<m>{_MONTH_NAMES})(?![\w-])(?! \d)")),
    ("year", re.compile(r"(?<!\w)(?:in|since|until|by|during|from|of|early|late|mid-) (?P<y>(?:19|20)\d\d)(?![\d-])")),
    ("relative", re.compile(
        r"(?<![\w-])(?:yesterday|today|tomorrow|(?:on|last|this|next) (?:Monday|Tuesday|Wednesday|Thursday|"
        r"Friday|Saturday|Sunday)|(?:last|this|next|earlier this) (?:week|month|year))(?!\w)")),
)  # fmt: skip
_ABBREVIATIONS = set(
    "Mr Mrs Ms Dr Gen Col Lt Sgt Capt Maj Adm Sen Rep Gov St Jr Sr No vs etc Inc Corp Ltd Co Mt Ft "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split()
)


# --------------------------------------------------------------------------------------------
# What is found in the text


@dataclass(frozen=True)
class Region:
    """A part of the content searched on its own: headline, credit, caption, paragraph, contributor."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Hit:
    """A name in the text that stands for an actor or a place."""

    start: int
    end: int
    kind: str  # actor | place
    id: str
    how: str  # label | alias | surname | candidate | speaker
    also: tuple[str, ...] = ()  # other ids the same words could stand for


@dataclass
class Candidate:
    """An actor or place the registry does not know, proposed for review."""

    id: str
    kind: str  # actor | place
    label: str
    type: str | None  # actor type, None for a place
    why: str  # the comment that explains it
    hint: str = ""


@dataclass
class Quotation:
    open: int  # offset of the opening mark
    close: int  # offset of the closing mark (the region end when the quotation is left open)
    start: int  # the quoted words, trimmed of spaces and of a trailing comma
    end: int
    terminal: bool  # the words end in punctuation (",", ".", "?" …) inside the marks
    region: Region
    nested: list[Quotation] = field(default_factory=list)


@dataclass
class Attribution:
    head: tuple[int, int] | None  # the speaker phrase
    verb: str
    obj: tuple[int, int] | None  # whom it was told to
    evidence: tuple[int, int]  # the attribution words
    appos: tuple[int, int] | None = None  # ", a spokesman for M23," after the head
    outer: Attribution | None = None  # "X told Y that" before the speaker of a quotation


@dataclass
class Speaker:
    id: str
    note: str


@dataclass
class Hop:
    by: str
    mode: str
    to: tuple[str, ...] = ()
    publisher: str | None = None
    evidence: tuple[int, int] | None = None


@dataclass
class DraftClaim:
    id: str
    label: str
    asserter: str
    hedge: str
    sort: int
    cues: list[tuple[int, int]] = field(default_factory=list)
    quote: tuple[int, int] | None = None
    evidence: list[tuple[int, int]] = field(default_factory=list)
    told_to: list[str] = field(default_factory=list)
    chain: list[Hop] = field(default_factory=list)
    article_mode: str | None = None
    notes: list[str] = field(default_factory=list)
    section: str = "quotations"


@dataclass
class DateFound:
    start: int
    end: int
    value: str | None
    note: str


@dataclass
class Draft:
    """Everything the rules found in one article; :func:`render` writes it as YAML."""

    article: Article
    registry: Registry
    registry_note: str
    publisher: str
    publisher_note: str
    hits: list[Hit]
    candidates: dict[str, Candidate]
    claims: list[DraftClaim]
    unattributed: list[Quotation]
    dates: list[DateFound]
    reference_year: tuple[int, str] | None
    contributors: list[tuple[str, tuple[int, int]]]
    photo: dict
    open_sentences: list[tuple[int, int]]

    @property
    def counts(self) -> dict[str, int]:
        actors = {h.id for h in self.hits if h.kind == "actor"}
        places = {h.id for h in self.hits if h.kind == "place"}
        return {
            "actors": len(actors),
            "candidates": sum(1 for c in self.candidates.values() if c.id in actors | places),
            "places": len(places),
            "quotations": sum(1 for c in self.claims if c.quote),
            "claims": len(self.claims),
            "todo_quotations": len(self.unattributed),
        }


# --------------------------------------------------------------------------------------------
# Small helpers


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].strip("-")


def _norm(name: str) -> str:
    return " ".join(name.replace("’", "'").casefold().split())


def _name_pattern(name: str) -> re.Pattern:
    """A name as a regular expression: whole words, either apostrophe, any run of spaces; a name in
    lower case also matches with a capital first letter (at the start of a sentence)."""
    out, prev_space = [], False
    for i, ch in enumerate(name):
        if ch.isspace():
            if not prev_space:
                out.append(r"\s+")
            prev_space = True
            continue
        prev_space = False
        if ch in "'’":
            out.append("['’]")
        elif i == 0 and ch.islower():
            out.append(f"[{re.escape(ch)}{re.escape(ch.upper())}]")
        else:
            out.append(re.escape(ch))
    return re.compile(r"(?<![\w])" + "".join(out) + r"(?![\w])")


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _inside(span: tuple[int, int], outer: tuple[int, int]) -> bool:
    return outer[0] <= span[0] and span[1] <= outer[1]


def _trim(text: str, start: int, end: int, chars: str = " \t") -> tuple[int, int]:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def _regions(article: Article) -> list[Region]:
    text = article.text
    out = [Region(article.headline.start, article.headline.end, "headline")]
    if article.photo:
        out.append(Region(article.photo.credit.start, article.photo.credit.end, "credit"))
        out.append(Region(article.photo.caption.start, article.photo.caption.end, "caption"))
    body = article.body
    for m in re.finditer(r"[^\r\n]+", text[body.start : body.end]):
        start, end = _trim(text, body.start + m.start(), body.start + m.end(), " \t\u00a0")
        if end > start:
            out.append(Region(start, end, "paragraph"))
    for c in article.contributors:
        out.append(Region(c.start, c.end, "contributor"))
    return sorted(out, key=lambda r: r.start)


def _quotations(text: str, region: Region) -> list[Quotation]:
    """Double quotation marks in a region, with single ones nested inside them."""
    found, i = [], region.start
    while i < region.end:
        ch = text[i]
        if ch == "“":
            j = text.find("”", i + 1, region.end)
        elif ch == '"':
            j = text.find('"', i + 1, region.end)
        else:
            i += 1
            continue
        close = j if j != -1 else region.end
        q = _quotation(text, region, i, close)
        q.nested = _nested(text, region, q)
        found.append(q)
        i = close + 1
    return found


def _quotation(text: str, region: Region, open_: int, close: int) -> Quotation:
    start, end = _trim(text, open_ + 1, close, " \t\u00a0")
    bare_end = end
    while bare_end > start and text[bare_end - 1] in "’'\"”":
        bare_end -= 1
    terminal = bare_end > start and text[bare_end - 1] in ",.?!…—–:;"
    while end > start and text[end - 1] in ",;: \t":
        end -= 1
    return Quotation(open_, close, start, end, terminal, region)


def _nested(text: str, region: Region, outer: Quotation) -> list[Quotation]:
    found, k = [], outer.start
    limit = outer.close
    while k < limit:
        ch = text[k]
        opening = ch == "‘" or (ch == "'" and (k == outer.start or not text[k - 1].isalnum()))
        if not opening:
            k += 1
            continue
        m = k + 1
        while m < limit:
            if text[m] in "’'" and not text[m - 1].isspace() and (m + 1 >= limit or not text[m + 1].isalpha()):
                break
            m += 1
        if m >= limit:
            break
        q = _quotation(text, region, k, m)
        if q.end > q.start:
            found.append(q)
        k = m + 1
    return found


def _word_count(text: str) -> int:
    return len(re.findall(r"[\w’'-]+", text))


def _is_speech(text: str, q: Quotation) -> bool:
    """A quotation of someone's words, not scare quotes around a term (“joint operations command”)."""
    words = _word_count(text[q.start : q.end])
    return words > 0 and (q.terminal or words > 3)


_SENTENCE_END = re.compile(r"[.?!…]+[”’\"')\]]*\s+(?=[“‘\"'(\[]?[A-Z0-9])")


def _sentences(text: str, region: Region, quotes: list[Quotation]) -> list[tuple[int, int]]:
    """Sentences of a region; never split inside a quotation or after an initial or abbreviation."""
    seg = text[region.start : region.end]
    starts = [region.start]
    for m in _SENTENCE_END.finditer(seg):
        boundary = region.start + m.end()
        if any(q.open < boundary <= q.close for q in quotes):
            continue
        if seg[m.start()] == ".":
            word = re.search(r"(\S+)$", seg[: m.start()])
            w = word.group(1).lstrip("“‘\"'(") if word else ""
            if re.fullmatch(r"[A-Z]", w) or re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", w) or w in _ABBREVIATIONS:
                continue
        starts.append(boundary)
    spans = []
    for i, s in enumerate(starts):
        e = starts[i + 1] if i + 1 < len(starts) else region.end
        s, e = _trim(text, s, e, " \t\u00a0")
        if e > s:
            spans.append((s, e))
    return spans


# --------------------------------------------------------------------------------------------
# The drafter


class _Drafter:
    def __init__(self, article: Article, registry: Registry, registry_note: str):
        self.article, self.registry, self.registry_note = article, registry, registry_note
        self.text = article.text
        self.regions = _regions(article)
        self.quotes = {r: _quotations(self.text, r) for r in self.regions}
        self.sentences = {r: _sentences(self.text, r, self.quotes[r]) for r in self.regions}
        self.candidates: dict[str, Candidate] = {}
        self.used_ids = set(registry.actors) | set(registry.places)
        self.registry_names: dict[str, tuple[str, str]] = {}
        for a in registry.actors.values():
            for name in (a.label, *a.aliases):
                self.registry_names.setdefault(_norm(name), ("actor", a.id))
        for p in registry.places.values():
            self.registry_names.setdefault(_norm(p.label), ("place", p.id))

    # -- the actor or place behind an id ---------------------------------------------------------

    def actor_type(self, actor_id: str) -> str | None:
        if actor_id in self.registry.actors:
            return self.registry.actors[actor_id].type
        c = self.candidates.get(actor_id)
        return c.type if c else None

    def label(self, ref: str) -> str:
        if ref in self.registry.actors:
            return self.registry.actors[ref].label
        if ref in self.registry.places:
            return self.registry.places[ref].label
        return self.candidates[ref].label

    def new_id(self, label: str) -> str:
        base = _slug(label) or "candidate"
        if not re.match(r"^[a-z]", base):
            base = "candidate-" + base
        new, n = base, 2
        while new in self.used_ids:
            new, n = f"{base}-{n}", n + 1
        self.used_ids.add(new)
        return new

    # -- names --------------------------------------------------------------------------------

    def sentence_start(self, region: Region, pos: int) -> bool:
        """Whether ``pos`` begins a sentence (inside quotations too) or the region."""
        i = pos
        while i > region.start and self.text[i - 1] in "“‘\"'([ \t\u00a0":
            i -= 1
        return i == region.start or self.text[i - 1] in ".?!…:"

    def place_context(self, start: int, end: int) -> bool:
        before = self.text[max(0, start - 24) : start]
        return bool(_PLACE_BEFORE.search(before) or _PLACE_AFTER.match(self.text[end : end + 40]))

    def find_registry_names(self) -> list[Hit]:
        entries: list[tuple[str, str, str, str, int]] = []
        for order, a in enumerate(self.registry.actors.values()):
            entries.append((a.label, "actor", a.id, "label", order))
            entries.extend((alias, "actor", a.id, "alias", order) for alias in a.aliases)
        for order, p in enumerate(self.registry.places.values()):
            entries.append((p.label, "place", p.id, "label", order))
        patterns: dict[str, re.Pattern] = {}
        raw: dict[tuple[int, int], list[tuple[str, str, str, int]]] = {}
        for r in self.regions:
            seg = self.text[r.start : r.end]
            folded = seg.casefold()
            for name, kind, ref, how, order in entries:
                if not name.strip() or name.split()[0].casefold().replace("’", "'") not in folded.replace("’", "'"):
                    continue
                pattern = patterns.get(name) or patterns.setdefault(name, _name_pattern(name))
                for m in pattern.finditer(seg):
                    raw.setdefault((r.start + m.start(), r.start + m.end()), []).append((kind, ref, how, order))
        hits = []
        for (start, end), options in raw.items():
            kinds = {o[0] for o in options}
            chosen = options
            if len(kinds) > 1:
                prefer = "place" if self.place_context(start, end) else "actor"
                chosen = [o for o in options if o[0] == prefer]
            best = min(chosen, key=lambda o: (o[2] != "label", o[0] != "actor", o[3]))
            also = tuple(sorted({o[1] for o in options} - {best[1]}))
            hits.append(Hit(start, end, best[0], best[1], best[2], also))
        return _longest_first(hits)

    def surnames(self, hits: list[Hit], persons: dict[str, str]) -> list[Hit]:
        """Bare surnames of persons already named in full, e.g. "Weiss" after "Michael Weiss"."""
        first_full: dict[str, int] = {}
        for h in hits:
            if h.id in persons and h.how != "surname":
                first_full.setdefault(h.id, h.start)
        by_surname: dict[str, list[str]] = {}
        for ref in first_full:
            words = persons[ref].split()
            last = words[-1] if len(words) >= 2 else ""
            particle = last.split("-")[0].lower() in _PARTICLES and "-" in last
            if len(last) >= 3 and (last[0].isupper() or particle) and last not in _STOP and last not in _TITLES:
                by_surname.setdefault(last, []).append(ref)
        new = []
        for surname, refs in sorted(by_surname.items()):
            if len(refs) != 1:
                continue  # two persons share the surname: leave it to the reader
            ref = refs[0]
            pattern = _name_pattern(surname)
            for r in self.regions:
                for m in pattern.finditer(self.text[r.start : r.end]):
                    span = (r.start + m.start(), r.start + m.end())
                    if span[0] > first_full[ref] and not any(_overlaps(span, (h.start, h.end)) for h in hits + new):
                        new.append(Hit(span[0], span[1], "actor", ref, "surname"))
        return sorted(hits + new, key=lambda h: (h.start, h.end))

    def find_candidates(self, hits: list[Hit]) -> list[Hit]:
        """Capitalised names that the registry does not know."""
        taken = [(h.start, h.end) for h in hits]
        found: list[tuple[int, int, str]] = []  # (start, end, reason)
        for r in self.regions:
            if r.kind == "headline" and _title_case(self.text[r.start : r.end]):
                continue
            for seq in self._name_sequences(r, taken):
                found.append(seq)
        # One candidate per name; every occurrence of the name is a mention.
        names: dict[str, tuple[int, int]] = {}
        for start, end, _ in found:
            names.setdefault(self.text[start:end], (start, end))
        # A lone word that ends the full name of a person is their surname (picked up later).
        last_words = {n.split()[-1] for n in names if len(n.split()) >= 2}
        last_words |= {a.label.split()[-1] for a in self.registry.actors.values() if a.type == "person"}
        names = {n: span for n, span in names.items() if len(n.split()) > 1 or n not in last_words}
        new_hits: list[Hit] = []
        for name, (start, end) in sorted(names.items(), key=lambda kv: kv[1]):
            known = self.registry_names.get(_norm(name))
            if known:
                kind, ref, how = known[0], known[1], "alias"
            else:
                cand = self._candidate(name, start, end)
                kind, ref, how = cand.kind, cand.id, "candidate"
            pattern = _name_pattern(name)
            for reg in self.regions:
                for m in pattern.finditer(self.text[reg.start : reg.end]):
                    span = (reg.start + m.start(), reg.start + m.end())
                    if not any(_overlaps(span, t) for t in taken) and not any(
                        _overlaps(span, (h.start, h.end)) for h in new_hits
                    ):
                        new_hits.append(Hit(span[0], span[1], kind, ref, how))
        return sorted(hits + new_hits, key=lambda h: (h.start, h.end))

    def _name_sequences(self, region: Region, taken: list[tuple[int, int]]):
        text = self.text
        tokens = []
        for m in re.finditer(r"[^\s/]+", text[region.start : region.end]):
            s, e = region.start + m.start(), region.start + m.end()
            lead = s
            while s < e and text[s] in "“‘\"'([":
                s += 1
            core_end = e
            while core_end > s and text[core_end - 1] in "”’\"'),;:!?…]":
                core_end -= 1
            word = text[s:core_end]
            for suffix in ("’s", "'s"):
                if word.endswith(suffix):
                    word, core_end = word[:-2], core_end - 2
            if word.endswith(".") and not re.fullmatch(r"(?:[A-Z]\.)+|[A-Z][a-z]{0,3}\.", word):
                word, core_end = word[:-1], core_end - 1
            tokens.append((s, core_end, word, s > lead, core_end < e))
        seq: list[tuple[int, int, str]] = []

        def flush():
            while seq and seq[-1][2] in _CONNECTORS:
                seq.pop()
            out = _clean_sequence(seq)
            seq.clear()
            if not out:
                return None
            start, end = out[0][0], out[-1][1]
            words = [w for _, _, w in out]
            if len(words) == 1:
                w = words[0]
                nxt = re.match(r"\s+([a-z])", text[end : end + 3])
                if (
                    (self.sentence_start(region, start) and not w.isupper())
                    or (w.endswith(("an", "i")) and nxt)
                    or w in _PEOPLES
                    or w in _TITLES
                    or w.endswith(_DEMONYM_ENDINGS)
                    or (w.endswith("i") and len(w) >= 5 and not w.isupper())
                    or len(w) < 2
                ):
                    return None
            if all(w in _TITLES or w in _PEOPLES or w.endswith(_DEMONYM_ENDINGS) for w in words):
                return None
            return (start, end, "name")

        results = []
        prev_end = None
        for s, e, word, lead_punct, trail_punct in tokens:
            if any(_overlaps((s, e), t) for t in taken) or not word:
                r = flush()
                if r:
                    results.append(r)
                prev_end = None
                continue
            is_name = _is_name_token(word)
            is_conn = word in _CONNECTORS and seq and (word != "the" or seq[-1][2] in ("of", "for"))
            joined = prev_end is not None and text[prev_end:s] == " " and not lead_punct
            if seq and not joined:
                r = flush()
                if r:
                    results.append(r)
            if is_name or (is_conn and seq):
                seq.append((s, e, word))
            else:
                r = flush()
                if r:
                    results.append(r)
            prev_end = e if not trail_punct else None
            if trail_punct:
                r = flush()
                if r:
                    results.append(r)
        r = flush()
        if r:
            results.append(r)
        return results

    def _candidate(self, name: str, start: int, end: int) -> Candidate:
        for c in self.candidates.values():
            if c.label == name:
                return c
        words = name.split()
        place = self.place_context(start, end)
        if any(w in _MEDIA_WORDS for w in words) or self._in_credit_agency(start):
            kind, typ = "actor", "media-outlet"
        elif any(w in _GOVERNMENT_WORDS for w in words):
            kind, typ = "actor", "government"
        elif any(w in _MILITARY_WORDS for w in words):
            kind, typ = "actor", "military-force"
        elif any(w in _ARMED_GROUP_WORDS for w in words):
            kind, typ = "actor", "armed-group"
        elif any(w in _ORG_WORDS for w in words) or (len(words) == 1 and words[0].isupper()):
            kind, typ = "actor", "organization"
        elif place:
            kind, typ = "place", None
        else:
            kind, typ = "actor", "person"
        why = "TODO: review candidate: not in the registry"
        if kind == "place":
            why += "; a place, going by the words around it"
        else:
            why += f"; type {typ} guessed from the words"
        cand = Candidate(self.new_id(name), kind, name, typ, why)
        self.candidates[cand.id] = cand
        return cand

    def _in_credit_agency(self, start: int) -> bool:
        photo = self.article.photo
        if not photo or not (photo.credit.start <= start < photo.credit.end):
            return False
        return "/" in self.text[start : photo.credit.end] and start == photo.credit.start

    # -- speakers -------------------------------------------------------------------------------

    def speaker_for(
        self,
        head: tuple[int, int],
        nested_in: Speaker | None = None,
        appos: tuple[int, int] | None = None,
        create: bool = True,
    ) -> Speaker | None:
        """The actor a speaker phrase names (or describes); an appositive names them when the head
        only describes them ("A Pentagon spokesman, Commander Elliot Brandt, said")."""
        text = self.text
        hs, he = _trim(text, head[0], head[1], " \t,…—–")
        phrase = text[hs:he]
        if not phrase:
            return None
        low = phrase.lower()
        if low in _PRONOUNS:
            for _pos, prev in sorted((x for x in self.antecedents if x[0] < hs), key=lambda x: -x[0]):
                if low == "they" or self.actor_type(prev.id) in (None, "person"):
                    return Speaker(prev.id, f"“{phrase}”: the last speaker named before it; TODO: check")
            return None
        if low in _FIRST_PERSON:
            return Speaker(nested_in.id, f"“{phrase}”: the one quoted around it") if nested_in else None
        named = self._named(hs, he)
        if named:
            return Speaker(named, f"“{phrase}”")
        if appos:
            a_s, a_e = _trim(text, appos[0], appos[1], " \t,")
            in_appos = self._named(a_s, a_e, head_only=False)
            if in_appos:
                return Speaker(in_appos, f"“{phrase}, {text[a_s:a_e]}”")
        if create and re.search(r"\b[a-z]{3,}", phrase) and _word_count(phrase) <= 9:
            return self._described_speaker(hs, he)
        return None

    def _named(self, hs: int, he: int, head_only: bool = True) -> str | None:
        """The actor a phrase names: the last name before any words that only describe it, or a
        place or outlet after "in", "of" …; None when the phrase describes rather than names."""
        text = self.text
        phrase = text[hs:he]
        loc = re.search(r"\s(?:in|at|from|with|on|near|inside|outside|based)\s", phrase)
        core_end = hs + loc.start() if loc else he
        inside = [h for h in self.all_hits() if h.kind == "actor" and hs <= h.start and h.end <= core_end]
        if not inside:
            return None
        last = inside[-1]
        trailing = text[last.end : core_end]
        if head_only and re.fullmatch(r"(?:\s+[a-z][\w’'-]*)+\s*", trailing):
            return None  # "A Department of Defence liaison officer": described, not named
        of = re.search(r"\s(?:of|for)\s", text[hs:core_end])
        before = [h for h in inside if of and h.end <= hs + of.start()]
        if not head_only:
            persons = [h for h in inside if self.actor_type(h.id) == "person"]
            return (persons or inside)[-1].id
        return (before[-1] if before else last).id

    def all_hits(self) -> list[Hit]:
        return self.hits + self.extra_hits

    def _described_speaker(self, hs: int, he: int) -> Speaker:
        """A speaker the text describes rather than names ("a rebel commander")."""
        phrase = self.text[hs:he]
        label = phrase[0].upper() + phrase[1:]
        core = re.sub(r"^(?:the|a|an|one)\s+", "", phrase, flags=re.I)
        known = self.registry_names.get(_norm(core)) or self.registry_names.get(_norm(phrase))
        if known and known[0] == "actor":
            return Speaker(known[1], f"“{phrase}”")
        cand = next((c for c in self.candidates.values() if _norm(c.label) == _norm(label)), None)
        if cand is None:
            names = sorted({h.id for h in self.hits if h.kind == "actor" and hs <= h.start and h.end <= he})
            hint = ("the words name " + ", ".join(names) + " (member_of or part_of?)") if names else ""
            cand = Candidate(
                self.new_id(core), "actor", label, "person",
                "TODO: check: a speaker the text describes but does not name (type guessed)", hint,
            )  # fmt: skip
            self.candidates[cand.id] = cand
        if not any(h.start == hs and h.end == he and h.id == cand.id for h in self.extra_hits):
            self.extra_hits.append(Hit(hs, he, "actor", cand.id, "speaker"))
        return Speaker(cand.id, f"“{phrase}”: described, not named")

    def listeners(self, obj: tuple[int, int] | None, nested_in: Speaker | None, notes: list[str]) -> list[str]:
        """Whom something was told to, as actor ids."""
        if obj is None:
            return []
        phrase = self.text[obj[0] : obj[1]]
        if phrase.lower() in _FIRST_PERSON:
            if nested_in:
                return [nested_in.id]
            notes.append(f"TODO: told “{phrase}”: say whom, if the article does")
            return []
        named = self._named(*obj)
        if named:
            return [named]
        notes.append(f"TODO: told “{phrase}”: no actor named; add one if it matters")
        return []

    def outlet_in(self, span: tuple[int, int], exclude: tuple[str, ...] = ()) -> str | None:
        for h in self.all_hits():
            if h.kind == "actor" and _inside((h.start, h.end), span) and h.id not in exclude:
                if self.actor_type(h.id) == "media-outlet":
                    return h.id
        return None

    def _outlet_of(self, actor_id: str) -> str | None:
        a = self.registry.actors.get(actor_id)
        if not a:
            return None
        for ref in a.member_of:
            if self.actor_type(ref) == "media-outlet":
                return ref
        return None

    # -- attributions ---------------------------------------------------------------------------

    def subject(self, s: int, e: int) -> Attribution | None:
        """A clause that begins "X (, who …,) said / told Y / reported …": who speaks, and the verb."""
        m = _SUBJECT.match(self.text, s, e)
        if not m:
            return None
        head = (m.start("head"), m.end("head"))
        if not 1 <= _word_count(m.group("head")) <= 10:
            return None
        appos = (m.start("appos"), m.end("appos")) if m.group("appos") else None
        if appos and _word_count(m.group("appos")) > 30:
            return None
        obj, end = self._object(m.start("verb"), m.end("verb"), e)
        ev_start = head[0] if appos is None else m.start("verb")
        return Attribution(head, m.group("verb"), obj, _trim(self.text, ev_start, end, " \t.,"), appos)

    def attribution_after(self, q: Quotation, limit: int) -> Attribution | None:
        """“…,” X said. / “…,” said X. / “…,” X, who …, told Y."""
        text = self.text
        if q.close >= q.region.end:
            return None
        s0 = q.close + 1
        seg = text[s0:limit]
        if not (q.terminal or seg.lstrip().startswith(",")):
            return None
        for vm in _VERB.finditer(seg):
            pre = seg[: vm.start()]
            if pre.strip(" ,\t") == "":
                mm = re.match(r"\s+([^,.;:“”\"!?]+)(?:,\s*([^.;“”\"!?]+))?", seg[vm.end() :])
                if not mm:
                    return None
                base = s0 + vm.end()
                head = (base + mm.start(1), base + mm.end(1))
                appos = (base + mm.start(2), base + mm.end(2)) if mm.group(2) else None
                return Attribution(head, vm.group(), None, _trim(text, s0 + vm.start(), head[1]), appos)
            lead = len(pre) - len(pre.lstrip(" ,\t"))
            body = pre[lead:]
            cut = body.find(",")
            head = body if cut == -1 else body[:cut]
            if cut != -1 and not body.rstrip().endswith(","):
                continue
            if not 1 <= _word_count(head) <= 12 or re.search(r"[.?!;:]", head):
                continue
            hs, he = _trim(text, s0 + lead, s0 + lead + len(head))
            appos = None
            if cut != -1:
                appos = (s0 + lead + cut + 1, s0 + lead + len(body.rstrip()) - 1)
            obj, end = self._object(s0 + vm.start(), s0 + vm.end(), limit)
            ev_start = hs if cut == -1 else s0 + vm.start()
            return Attribution((hs, he), vm.group(), obj, _trim(text, ev_start, end, " \t.,"), appos)
        return None

    def attribution_before(self, q: Quotation, start: int) -> Attribution | None:
        """X said: “…” / X wrote in Z: “…” / according to X, “…” / X told Y that “…”."""
        text = self.text
        stripped = text[start : q.open].rstrip()
        if not stripped.endswith((":", ",")):
            # Words quoted inside reported speech: "X told Y that trainees “retain the right …”".
            sub = self.subject(start, q.open)
            if sub and re.search(r"\bthat\b", text[sub.evidence[1] : q.open]):
                return sub
            return None
        body_end = start + len(stripped) - 1
        body = text[start:body_end]
        m = re.search(r"\b[Aa]ccording to\s+(.+?)\s*$", body)
        if m:
            hs, he = start + m.start(1), start + m.end(1)
            return Attribution((hs, he), "according to", None, (start + m.start(), he))
        for vm in reversed(list(_VERB.finditer(body))):
            pre = body[: vm.start()]
            that = None
            for tm in re.finditer(r"\b(?:that|who)\s", pre):
                that = tm
            cut = max(pre.rfind(","), that.end() - 1 if that else -1)
            head_start = cut + 1
            lead = re.match(r"\s*(?:(?:And|But|Then|Later|Yet|So|and|but|then)\s+)?", pre[head_start:])
            head_start += lead.end()
            head = _AUX_END.sub("", pre[head_start:].rstrip())
            if not 1 <= _word_count(head) <= 12 or re.search(r"[.?!;:“”\"]", head):
                continue
            hs, he = _trim(text, start + head_start, start + head_start + len(head))
            obj, _ = self._object(start + vm.start(), start + vm.end(), body_end)
            attr = Attribution((hs, he), vm.group(), obj, _trim(text, hs, body_end, " \t,"))
            if that is not None and cut == that.end() - 1 and that.group().startswith("that"):
                attr.outer = self.subject(start, start + that.start())
            return attr
        return None

    def _object(self, verb_start: int, verb_end: int, limit: int) -> tuple[tuple[int, int] | None, int]:
        """Whom a "told" was said to, and where the attribution words end."""
        text = self.text
        stop = re.search(r"[,;:“”\"]|[.?!](?:\s|$)|\s(?:that|who)\s", text[verb_end:limit])
        end = verb_end + stop.start() if stop else limit
        if text[verb_start:verb_end] not in _TELL:
            return None, end
        om = re.match(
            r"\s+(.+?)(?=\s+(?:in|on|at|that|during|after|before|last|this|yesterday|today|when|while|about|by)\b|$)",
            text[verb_end:end],
        )
        if not om:
            return None, end
        return _trim(text, verb_end + om.start(1), verb_end + om.end(1)), end

    def antecedents_of_speech(self) -> list[tuple[int, Speaker]]:
        """Who speaks where, for "he said": subjects of speech verbs and named speakers of quotations."""
        found: list[tuple[int, Speaker]] = []
        for r in self.regions:
            for s, e in self.sentences[r]:
                sub = self.subject(s, e)
                if sub:
                    sp = self.speaker_for(sub.head, None, sub.appos, create=False)
                    if sp:
                        found.append((sub.head[0], sp))
            for q in self.quotes[r]:
                for attr in (self.attribution_after(q, r.end), self.attribution_before(q, r.start)):
                    if attr and attr.head and self.text[attr.head[0] : attr.head[1]].lower() not in _PRONOUNS:
                        sp = self.speaker_for(attr.head, None, attr.appos, create=False)
                        if sp:
                            found.append((attr.head[0], sp))
        return found

    # -- quotations -----------------------------------------------------------------------------

    def quotation_claims(self) -> tuple[list[DraftClaim], list[Quotation]]:
        claims: list[DraftClaim] = []
        unattributed: list[Quotation] = []
        for r in self.regions:
            if r.kind == "credit":
                continue
            speech = [q for q in self.quotes[r] if _is_speech(self.text, q)]
            resolved: dict[int, tuple[Speaker, Attribution, DraftClaim]] = {}
            pending = []
            for i, q in enumerate(speech):
                sent = next(((s, e) for s, e in self.sentences[r] if s <= q.open < e), (r.start, r.end))
                close_sent = next(((s, e) for s, e in self.sentences[r] if s <= q.close < e), sent)
                nxt = speech[i + 1].open if i + 1 < len(speech) else r.end
                prev_close = speech[i - 1].close + 1 if i > 0 else r.start
                attr = self.attribution_after(q, min(close_sent[1], nxt))
                if attr is None:
                    attr = self.attribution_before(q, max(sent[0], prev_close))
                if attr is None:
                    pending.append((i, q))
                    continue
                speaker = self.speaker_for(attr.head, None, attr.appos) if attr.head else None
                if speaker is None:
                    unattributed.append(q)
                    continue
                claim = self._quote_claim(q, speaker, attr, None, None)
                resolved[i] = (speaker, attr, claim)
                claims.extend(self._with_nested(q, speaker, attr, claim))
            for i, q in pending:
                source = max((j for j in resolved if j < i), default=None)
                if source is None:
                    source = min((j for j in resolved if j > i), default=None)
                if source is None:
                    unattributed.append(q)
                    continue
                speaker, attr, model = resolved[source]
                inherited = Speaker(speaker.id, speaker.note + "; from the attribution of a quotation beside it")
                claim = self._quote_claim(q, inherited, attr, model, None)
                claim.notes.append("TODO: check: the sentence does not name the speaker; the paragraph does")
                claims.extend(self._with_nested(q, inherited, attr, claim))
        return claims, unattributed

    def _with_nested(self, q: Quotation, speaker: Speaker, attr: Attribution, claim: DraftClaim) -> list[DraftClaim]:
        out: list[DraftClaim] = []
        outer_framing = False
        prev = q.start
        for n in q.nested:
            if not _is_speech(self.text, n):
                prev = n.close + 1
                continue
            nattr = self.attribution_before(n, prev)
            prev = n.close + 1
            nspeaker = self.speaker_for(nattr.head, speaker, nattr.appos) if nattr and nattr.head else None
            if nspeaker is None:
                words = json.dumps(self.text[n.start : n.end][:60], ensure_ascii=False)
                claim.notes.append(f"TODO: the quotation holds another one ({words}…) whose speaker it does not give")
                continue
            inner = self._quote_claim(n, nspeaker, nattr, None, speaker)
            hop_evidence = claim.evidence[0] if claim.evidence else None
            inner.chain = [Hop(speaker.id, "quoted", tuple(claim.told_to), None, hop_evidence), *claim.chain]
            inner.notes.append(f"quoted by {speaker.id} inside a quotation of theirs")
            out.append(inner)
            rest = self.text[n.close + 1 : q.end]
            if len(q.nested) == 1 and nattr.head[0] <= q.start + 2 and not re.search(r"\w", rest):
                outer_framing = True
        if not outer_framing:
            out.insert(0, claim)
        return out

    def _quote_claim(
        self,
        q: Quotation,
        speaker: Speaker,
        attr: Attribution,
        model: DraftClaim | None,
        nested_in: Speaker | None,
    ) -> DraftClaim:
        notes: list[str] = []
        told = list(model.told_to) if model else self.listeners(attr.obj, nested_in, notes)
        told = [t for t in dict.fromkeys(told) if t != speaker.id]
        cues = self.cues_in((q.start, q.end), exclude=[(n.open, n.close + 1) for n in q.nested])
        hedge, cue_spans = _hedge_of(self.text, cues, notes)
        chain = list(model.chain) if model else self._chain(speaker, told, attr, notes)
        who = self.label(speaker.id)
        to = (" to " + " and ".join(self.label(t) for t in told)) if told else ""
        return DraftClaim(
            id="", label=f"TODO: in one sentence, what {who} says in these words{to}", asserter=speaker.id,
            hedge=hedge, sort=q.start, cues=cue_spans, quote=(q.start, q.end),
            evidence=[attr.evidence] if attr.evidence[1] > attr.evidence[0] else [], told_to=told, chain=chain,
            notes=[f"speaker: {speaker.note}; verb: {attr.verb}", *notes],
        )  # fmt: skip

    def _chain(self, speaker: Speaker, told: list[str], attr: Attribution, notes: list[str]) -> list[Hop]:
        """The hops the words took to the article, where the attribution says so."""
        chain: list[Hop] = []
        outer = getattr(attr, "outer", None)
        if outer is not None:
            teller = self.speaker_for(outer.head, None, outer.appos)
            if teller and teller.id != speaker.id:
                outer_told = [t for t in self.listeners(outer.obj, None, notes) if t != teller.id]
                chain.append(Hop(teller.id, "quoted", tuple(outer_told), None, outer.evidence))
                notes.append(f"passed on by {teller.id} ({teller.note}); TODO: check the chain")
                return chain
        # The article itself is the last hop, implied: its publisher is no hop of its own.
        outlet = self.outlet_in(attr.evidence, exclude=(speaker.id, self.publisher, *told))
        if outlet is None and attr.head:
            outlet = self.outlet_in(attr.head, exclude=(speaker.id, self.publisher))
        if outlet:
            return [Hop(speaker.id, "quoted", (), outlet, attr.evidence)]
        for t in told:
            member = self._outlet_of(t)
            if member:
                notes.append(
                    f"TODO: chain? {t} is a member of {member} in the registry; if the words reached the "
                    f"article through it: chain: [{{by: {t}, publisher: {member}, mode: quoted}}]"
                )
        return chain

    # -- reported speech and hedges -------------------------------------------------------------

    def cues_in(self, span: tuple[int, int], exclude: list[tuple[int, int]] = ()) -> list[tuple[int, int, str]]:
        found = []
        for m in _CUE.finditer(self.text, span[0], span[1]):
            s, e = m.start(), m.end()
            if any(_inside((s, e), x) for x in exclude):
                continue
            found.append((s, e, _CUE_LEVEL[m.group().lower()]))
        return found

    def paraphrase_claims(self) -> tuple[list[DraftClaim], set[tuple[int, int]]]:
        claims: list[DraftClaim] = []
        used: set[tuple[int, int]] = set()
        text = self.text
        for r in self.regions:
            if r.kind not in ("paragraph", "caption"):
                continue
            speech = [q for q in self.quotes[r] if _is_speech(text, q)]
            for s, e in self.sentences[r]:
                if any(s <= q.open < e for q in speech):
                    continue
                made = self._according_to(s, e) or self._reported(s, e) or self._said_after(s, e)
                if made:
                    claims.append(made)
                    used.add((s, e))
        return claims, used

    def _paraphrase(
        self, speaker: Speaker, verb: str, s: int, e: int, evidence: tuple[int, int], told: list[str],
        chain: list[Hop], notes: list[str],
    ) -> DraftClaim:  # fmt: skip
        cues = [c for c in self.cues_in(evidence)]
        hedge, cue_spans = _hedge_of(self.text, cues, notes)
        return DraftClaim(
            id="", label=f"TODO: in one sentence, what {self.label(speaker.id)} says, as the article reports it",
            asserter=speaker.id, hedge=hedge, sort=s, cues=cue_spans, evidence=[evidence],
            told_to=[t for t in told if t != speaker.id], chain=chain, article_mode="paraphrased",
            notes=[f"speaker: {speaker.note}; verb: {verb}", *notes], section="reported",
        )  # fmt: skip

    def _according_to(self, s: int, e: int) -> DraftClaim | None:
        """… according to X, … / According to X, …"""
        text = self.text
        m = re.search(r"\b[Aa]ccording to\s+([^,.;:]+)(?:,\s*([^.;:]+))?", text[s:e])
        if not m:
            return None
        head = (s + m.start(1), s + m.end(1))
        appos = (s + m.start(2), s + m.end(2)) if m.group(2) and s + m.end(2) >= e - 1 else None
        speaker = self.speaker_for(head, None, appos, create=False)
        if speaker is None or self.text[head[0] : head[1]].lower() in _PRONOUNS:
            return None
        rest = _trim(text, s, s + m.start(), " \t,") if m.start() > 2 else _trim(text, s + m.end(), e, " \t,.")
        if rest[1] <= rest[0]:
            rest = _trim(text, s, e)
        return self._paraphrase(speaker, "according to", s, e, rest, [], [], [])

    def _reported(self, s: int, e: int) -> DraftClaim | None:
        """X (, who …,) reported / said / told Y that …"""
        sub = self.subject(s, e)
        if (
            sub is None
            or sub.verb not in _REPORTING
            or not re.match(r"[^.“”]{0,60}?\bthat\b", self.text[sub.evidence[1] : e])
        ):
            return None
        speaker = self.speaker_for(sub.head, None, sub.appos)
        if speaker is None or speaker.id == self.publisher:
            return None
        notes: list[str] = []
        told = self.listeners(sub.obj, None, notes)
        verb_at = self.text.find(sub.verb, sub.head[1], e)
        chain = []
        outlet = self.outlet_in(sub.head, exclude=(speaker.id, self.publisher))
        if outlet:
            chain = [Hop(speaker.id, "quoted", (), outlet, (sub.head[0], verb_at + len(sub.verb)))]
        evidence = _trim(self.text, verb_at, e, " \t.")
        return self._paraphrase(speaker, sub.verb, s, e, evidence, told, chain, notes)

    def _said_after(self, s: int, e: int) -> DraftClaim | None:
        """…, said X (, a researcher at …). / …, diplomats say. / …, residents said, …"""
        text = self.text
        sentence = text[s:e]
        m = re.search(
            rf",\s+(?P<verb>{_AFTER_VERBS})\s+(?P<head>[^,.;“”]+?)(?:,\s*(?P<appos>[^.;“”]+?))?[.!]?$", sentence
        )
        if m is None:
            m = re.search(rf",\s+(?P<head>[^,.;“”]{{2,40}}?)\s+(?P<verb>{_AFTER_VERBS})(?:[.!]?$|,\s)", sentence)
        if m is None:
            return None
        head = (s + m.start("head"), s + m.end("head"))
        if not 1 <= _word_count(m.group("head")) <= 8:
            return None
        appos = (s + m.start("appos"), s + m.end("appos")) if m.groupdict().get("appos") else None
        speaker = self.speaker_for(head, None, appos)
        if speaker is None or speaker.id == self.publisher:
            return None
        evidence = _trim(text, s, s + m.start(), " \t,")
        if evidence[1] <= evidence[0]:
            return None
        return self._paraphrase(speaker, m.group("verb"), s, e, evidence, [], [], [])

    def hedge_claims(self, skip: set[tuple[int, int]]) -> list[DraftClaim]:
        claims = []
        text = self.text
        for r in self.regions:
            if r.kind not in ("headline", "paragraph", "caption"):
                continue
            quoted = [(q.open, q.close + 1) for q in self.quotes[r] if _is_speech(text, q)]
            for s, e in self.sentences[r]:
                if (s, e) in skip:
                    continue
                cues = self.cues_in((s, e), exclude=quoted)
                levels: dict[str, list[tuple[int, int]]] = {}
                for cs, ce, level in cues:
                    levels.setdefault(level, []).append((cs, ce))
                for level, spans in levels.items():
                    words = ", ".join(json.dumps(text[a:b], ensure_ascii=False) for a, b in spans)
                    notes = [f"hedging words: {words}"]
                    outside = _without_spans(text, s, e, quoted)
                    hint = _REPORTING_HINT.search(outside)
                    if hint:
                        notes.append(
                            f"TODO: check the asserter: the sentence reports someone's words (“{hint.group()}”)"
                        )
                    claims.append(DraftClaim(
                        id="", label=f"TODO: in one sentence, what the sentence states as {level}",
                        asserter=self.publisher, hedge=level, sort=s, cues=spans, evidence=[(s, e)],
                        notes=notes, section="hedged",
                    ))  # fmt: skip
        return claims

    # -- dates --------------------------------------------------------------------------------

    def find_dates(self) -> tuple[list[DateFound], tuple[int, str] | None]:
        text = self.text
        raw: list[tuple[int, int, str, re.Match]] = []
        for r in self.regions:
            for kind, pattern in _DATE_PATTERNS:
                for m in pattern.finditer(text, r.start, r.end):
                    if not any(_overlaps((m.start(), m.end()), (a, b)) for a, b, _, _ in raw):
                        raw.append((m.start(), m.end(), kind, m))
        raw.sort(key=lambda x: x[0])
        years = Counter()
        full_years = Counter()
        for _s, _e, kind, m in raw:
            if "y" in m.groupdict() and m.group("y"):
                years[int(m.group("y"))] += 1
                if kind in ("day", "month"):
                    full_years[int(m.group("y"))] += 1
        reference = None
        pick = full_years if len(full_years) == 1 else years if len(years) == 1 else None
        if pick:
            year = next(iter(pick))
            source = next(text[s:e] for s, e, _, m in raw if m.groupdict().get("y") == str(year))
            reference = (year, source)
        found = []
        for s, e, kind, m in raw:
            month = _month(m.group("m")) if "m" in m.groupdict() and m.group("m") else None
            if kind == "day":
                value = _date(int(m.group("y")), month, int(m.group("d")))
                found.append(DateFound(s, e, value, "a day" if value else "TODO: not a calendar date"))
            elif kind == "month":
                found.append(DateFound(s, e, f"{m.group('y')}-{month:02d}", "a month"))
            elif kind == "year":
                found.append(DateFound(s, e, m.group("y"), "a year"))
            elif kind in ("month-no-year", "day-no-year"):
                if reference:
                    value = f"{reference[0]}-{month:02d}"
                    if kind == "day-no-year":
                        value = _date(reference[0], month, int(m.group("d")))
                    note = f"the year {reference[0]} from “{reference[1]}”; TODO: check"
                    found.append(DateFound(s, e, value, note))
                else:
                    found.append(DateFound(s, e, None, "TODO: the text gives no year"))
            else:
                found.append(
                    DateFound(s, e, None, "TODO: relative to the publication date, which the text does not give")
                )
        return found, reference

    # -- the whole draft ------------------------------------------------------------------------

    def choose_publisher(self) -> tuple[str, str]:
        a = self.article
        if a.boilerplate:
            seg = self.text[a.boilerplate.start :]
            counts: Counter = Counter()
            first: dict[str, int] = {}
            for actor in self.registry.actors.values():
                if actor.type != "media-outlet":
                    continue
                for name in (actor.label, *actor.aliases):
                    for m in _name_pattern(name).finditer(seg):
                        counts[actor.id] += 1
                        first[actor.id] = min(first.get(actor.id, m.start()), m.start())
            if counts:
                best = sorted(counts, key=lambda ref: (-counts[ref], first[ref]))[0]
                n = counts[best]
                return best, (f"named in the site furniture at the end ({n} time{'s' if n > 1 else ''}); TODO: check")
        return UNKNOWN_PUBLISHER, "TODO: the publisher: no outlet of the registry is named at the end of the text"

    def run(self) -> Draft:
        text = self.text
        self.extra_hits: list[Hit] = []
        hits = self.find_registry_names()
        persons = {a.id: a.label for a in self.registry.actors.values() if a.type == "person"}
        hits = self.surnames(hits, persons)
        hits = self.find_candidates(hits)
        cand_persons = {c.id: c.label for c in self.candidates.values() if c.type == "person"}
        hits = self.surnames(hits, cand_persons)
        self.hits = hits
        self.publisher, publisher_note = self.choose_publisher()
        if self.publisher == UNKNOWN_PUBLISHER:
            self.used_ids.add(UNKNOWN_PUBLISHER)

        self.antecedents: list[tuple[int, Speaker]] = []
        self.antecedents = self.antecedents_of_speech()
        reported, used = self.paraphrase_claims()
        self.antecedents += [(c.sort, Speaker(c.asserter, "")) for c in reported]
        quote_claims, unattributed = self.quotation_claims()
        hedged = self.hedge_claims(used)
        claims = sorted(quote_claims + reported + hedged, key=lambda c: (c.sort, c.section))
        counters: Counter = Counter()
        for c in claims:
            prefix = {"quotations": "quote", "reported": "reported", "hedged": c.hedge}[c.section]
            counters[prefix] += 1
            tail = c.asserter if c.section != "hedged" else "by-" + c.asserter
            c.id = f"{prefix}-{counters[prefix]}-{tail}"[:120].rstrip("-")
        self.hits = sorted(self.hits + self.extra_hits, key=lambda h: (h.start, h.end, h.id))

        dates, reference = self.find_dates()
        for c in claims:
            span = c.quote or (c.evidence[0] if c.evidence else None)
            for d in dates:
                if span and _inside((d.start, d.end), (span[0], span[1])):
                    c.notes.append(_date_note(text, d))

        contributors = []
        for line in self.article.contributors:
            for h in self.hits:
                if h.kind == "actor" and line.start <= h.start < line.end and self.actor_type(h.id) == "person":
                    if h.id not in [c for c, _ in contributors]:
                        contributors.append((h.id, (line.start, line.end)))

        photo: dict = {}
        p = self.article.photo
        if p:
            photo["identifier"] = text[p.identifier.start : p.identifier.end] if p.identifier else None
            photo["credit"] = (p.credit.start, p.credit.end)
            photo["caption"] = (p.caption.start, p.caption.end)
            in_credit = [h for h in self.hits if h.kind == "actor" and p.credit.start <= h.start < p.credit.end]
            photo["creator"] = next((h.id for h in in_credit if self.actor_type(h.id) == "person"), None)
            photo["provider"] = next((h.id for h in in_credit if self.actor_type(h.id) == "media-outlet"), None)
            photo["places"] = list(
                dict.fromkeys(
                    h.id for h in self.hits if h.kind == "place" and p.caption.start <= h.start < p.caption.end
                )
            )
            photo["date"] = next(
                (d for d in dates if p.caption.start <= d.start < p.caption.end and d.value and len(d.value) == 10),
                None,
            )

        covered = [c.quote for c in claims if c.quote] + [ev for c in claims for ev in c.evidence]
        open_sentences = []
        for r in self.regions:
            if r.kind in ("paragraph", "headline"):
                for s, e in self.sentences[r]:
                    if not any(_overlaps((s, e), span) for span in covered):
                        open_sentences.append((s, e))

        return Draft(
            article=self.article, registry=self.registry, registry_note=self.registry_note,
            publisher=self.publisher, publisher_note=publisher_note, hits=self.hits,
            candidates=self.candidates, claims=claims, unattributed=unattributed, dates=dates,
            reference_year=reference, contributors=contributors, photo=photo, open_sentences=open_sentences,
        )  # fmt: skip


def _longest_first(hits: list[Hit]) -> list[Hit]:
    """Keep the longest names; a shorter name inside a longer one is part of it, not a mention."""
    kept: list[Hit] = []
    for h in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if not any(_overlaps((h.start, h.end), (k.start, k.end)) for k in kept):
            kept.append(h)
    return sorted(kept, key=lambda h: (h.start, h.end))


def _title_case(line: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", line) if len(w) >= 4]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) >= 0.6


def _is_cap_word(word: str) -> bool:
    """A capitalised word in any script with case: "Espérance", "McDonald", "O’Brien"."""
    letters = word.replace("’", "").replace("'", "")
    return len(word) >= 2 and word[0].isupper() and letters.isalpha() and any(c.islower() for c in word[1:])


def _is_name_token(word: str) -> bool:
    if re.fullmatch(r"[A-Z]\.|(?:[A-Z]\.){2,}", word):
        return True  # an initial, "U.N."
    if re.fullmatch(r"[A-Z][A-Z0-9]{1,6}", word) and not word[1:].isdigit() or re.fullmatch(r"[A-Z][0-9]{1,3}", word):
        return True  # an acronym: "YPG", "M23"
    parts = word.split("-")
    if parts[0].lower() in _PARTICLES and len(parts) > 1:
        return all(_is_cap_word(p) for p in parts[1:])
    return _is_cap_word(parts[0]) and all(_is_cap_word(p) or p.lower() in _PARTICLES for p in parts[1:])


def _clean_sequence(seq: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    out = list(seq)
    while out and (out[0][2] in _STOP or out[0][2].rstrip(".") in _TITLES or out[0][2] in _CONNECTORS):
        out.pop(0)
    while out and out[-1][2] in _CONNECTORS:
        out.pop()
    if not out:
        return []
    words = [w for _, _, w in out]
    if all(w in _WEEKDAYS or w in _MONTHS or w.rstrip(".") in _MONTH_ABBR for w in words):
        return []
    return out


def _hedge_of(text: str, cues: list[tuple[int, int, str]], notes: list[str]) -> tuple[str, list[tuple[int, int]]]:
    if not cues:
        return "asserted", []
    level = cues[0][2]
    others = sorted({c[2] for c in cues} - {level})
    if others:
        notes.append("TODO: more hedging words, of other levels: " + ", ".join(others))
    return level, [(s, e) for s, e, lv in cues if lv == level]


def _without_spans(text: str, s: int, e: int, spans: list[tuple[int, int]]) -> str:
    chars = list(text[s:e])
    for a, b in spans:
        for i in range(max(a, s), min(b, e)):
            chars[i - s] = " "
    return "".join(chars)


def _month(name: str) -> int:
    return _MONTHS.get(name) or _MONTH_ABBR[name.rstrip(".")]


def _date(year: int, month: int, day: int) -> str | None:
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def _date_note(text: str, d: DateFound) -> str:
    if d.value:
        return f"time: {json.dumps(d.value)} from “{text[d.start : d.end]}” ({d.note}) for an event's time and time_cue"
    return f"date “{text[d.start : d.end]}”: {d.note}"


# --------------------------------------------------------------------------------------------
# YAML text

_YAML_UNSAFE = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\x85\u2028\u2029\ufeff]")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def yaml_string(value: str) -> str:
    """A double-quoted YAML scalar: JSON's escapes, which YAML shares, plus those YAML needs."""
    return _YAML_UNSAFE.sub(
        lambda m: f"\\u{ord(m.group()):04x}" if ord(m.group()) < 0x10000 else f"\\U{ord(m.group()):08x}",
        json.dumps(value, ensure_ascii=False),
    )


def _id(value: str) -> str:
    if re.fullmatch(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*", value) and value not in _YAML_WORDS:
        return value
    return yaml_string(value)


def _ids(values) -> str:
    return "[" + ", ".join(_id(v) for v in values) + "]"


def _comment(text: str) -> str:
    text = re.sub(r"[\r\n\x85\u2028\u2029]+", " ", text)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text).rstrip()


class _Writer:
    def __init__(self, text: str):
        self.text = text
        self.lines: list[str] = []

    def quote(self, span: tuple[int, int]) -> str:
        exact = self.text[span[0] : span[1]]
        found = occurrences(self.text, exact)
        if len(found) == 1:
            return yaml_string(exact)
        return f"{{exact: {yaml_string(exact)}, occurrence: {found.index(span[0]) + 1}}}"

    def quotes(self, key: str, spans: list[tuple[int, int]], indent: str) -> None:
        if len(spans) == 1:
            self.lines.append(f"{indent}{key}: {self.quote(spans[0])}")
        else:
            self.lines.append(f"{indent}{key}:")
            self.lines.extend(f"{indent}  - {self.quote(s)}" for s in spans)

    def add(self, line: str, comment: str | None = None) -> None:
        self.lines.append(f"{line}  # {_comment(comment)}" if comment else line)

    def note(self, indent: str, comment: str) -> None:
        self.lines.append(f"{indent}# {_comment(comment)}")


def render(d: Draft) -> str:
    """The draft as YAML text with comments (deterministic)."""
    text = d.article.text
    w = _Writer(text)
    slug = d.article.slug
    counts = d.counts
    for line in (
        f"Draft annotation of {slug}.txt, written by `ld-export draft` from rules and {d.registry_note}.",
        "It is valid and builds as it stands, but it is a draft: check every entry, resolve every TODO,",
        f"then save it as {slug}.yaml beside the article (docs/annotation.md describes every key).",
        f"Found: {counts['actors']} actors ({counts['candidates']} of them not in the registry), "
        f"{counts['places']} places, {counts['quotations']} quotations, {counts['claims']} claims.",
    ):
        w.note("", line)
    w.lines.append("")

    # article
    w.lines.append("article:")
    w.add(f"  publisher: {_id(d.publisher)}", d.publisher_note)
    w.note("  ", "TODO: date_published: the date of publication, from the source (the text does not give it)")
    if d.contributors:
        w.lines.append("  contributors:")
        for ref, span in d.contributors:
            w.lines.append(f"    - actor: {_id(ref)}")
            w.lines.append(f"      evidence: {w.quote(span)}")
    if d.photo:
        p = d.photo
        w.lines.append("  photo:")
        if p["identifier"]:
            w.lines.append(f"    identifier: {yaml_string(p['identifier'])}")
        w.lines.append(f"    credit: {w.quote(p['credit'])}")
        w.lines.append(f"    caption: {w.quote(p['caption'])}")
        if p["creator"]:
            w.add(f"    creator: {_id(p['creator'])}", "named in the credit")
        else:
            w.note("    ", "TODO: creator: the photographer, if the credit names one")
        if p["provider"]:
            w.add(f"    provider: {_id(p['provider'])}", "named in the credit")
        if p["date"]:
            w.add(f"    date: {yaml_string(p['date'].value)}", f"from “{text[p['date'].start : p['date'].end]}”")
        if p["places"]:
            w.add(f"    places: {_ids(p['places'])}", "named in the caption; TODO: keep those the photo shows")
    w.lines.append("")

    # actors and places
    by_id: dict[tuple[str, str], list[Hit]] = {}
    for h in d.hits:
        by_id.setdefault((h.kind, h.id), []).append(h)
    candidates = d.candidates
    for kind, title in (("actor", "actors"), ("place", "places")):
        entries = sorted(((ref, hs) for (k, ref), hs in by_id.items() if k == kind), key=lambda x: x[1][0].start)
        if not entries and not (kind == "actor" and d.publisher == UNKNOWN_PUBLISHER):
            continue
        w.lines.append(f"{title}:")
        known = [(ref, hs) for ref, hs in entries if ref not in candidates]
        new = [(ref, hs) for ref, hs in entries if ref in candidates]
        if known:
            w.note("  ", f"Registry {title}, in order of first mention, with every place the content names them.")
        for ref, hs in known:
            w.lines.append(f"  - id: {_id(ref)}")
            _mentions(w, hs)
        if new:
            w.note("  ", "Not in the registry: TODO: review each (keep it, use a registry id instead, or delete it).")
        for ref, hs in new:
            c = candidates[ref]
            w.add(f"  - id: {_id(ref)}", c.why)
            if c.type:
                w.lines.append(f"    type: {c.type}")
            w.lines.append(f"    label: {yaml_string(c.label)}")
            if c.hint:
                w.note("    ", "TODO: " + c.hint)
            _mentions(w, hs)
        if kind == "actor" and d.publisher == UNKNOWN_PUBLISHER:
            w.add(f"  - id: {UNKNOWN_PUBLISHER}", "TODO: replace with the publisher's registry id everywhere")
            w.lines.append("    type: media-outlet")
            w.lines.append(f"    label: {yaml_string('TODO: publisher')}")
        w.lines.append("")

    # claims
    if d.claims:
        w.lines.append("claims:")
    else:
        w.lines.append("claims: []")
    section_titles = {
        "quotations": "a quotation with its speaker",
        "reported": "someone's words, reported by the article",
        "hedged": "a sentence with hedging words: the publisher's unless the sentence says whose",
    }
    for c in d.claims:
        w.note("  ", f"--- {section_titles[c.section]}")
        w.lines.append(f"  - id: {_id(c.id)}")
        w.lines.append(f"    label: {yaml_string(c.label)}")
        w.lines.append(f"    asserter: {_id(c.asserter)}")
        if c.told_to:
            w.lines.append(f"    told_to: {_ids(c.told_to)}")
        w.lines.append(f"    hedge: {c.hedge}")
        if c.cues:
            w.quotes("cue", c.cues, "    ")
        if c.quote:
            w.lines.append(f"    quote: {w.quote(c.quote)}")
        if c.evidence:
            w.quotes("evidence", c.evidence, "    ")
        chain = list(c.chain)
        if chain and chain[0].by == c.asserter:
            # The asserter publishing the words is no hop (a hop passes them on to someone else):
            # the outlet is where the claim first appeared.
            own = chain.pop(0)
            if own.publisher and not chain:
                w.lines.append("    first_appearance:")
                w.lines.append(f"      publisher: {_id(own.publisher)}")
                if own.evidence and own.evidence[1] > own.evidence[0]:
                    w.lines.append(f"      evidence: {w.quote(own.evidence)}")
        if chain:
            w.lines.append("    chain:")
            for hop in chain:
                w.lines.append(f"      - by: {_id(hop.by)}")
                if hop.to:
                    w.lines.append(f"        to: {_ids(hop.to)}")
                if hop.publisher:
                    w.lines.append(f"        publisher: {_id(hop.publisher)}")
                w.lines.append(f"        mode: {hop.mode}")
                if hop.evidence and hop.evidence[1] > hop.evidence[0]:
                    w.lines.append(f"        evidence: {w.quote(hop.evidence)}")
        if c.article_mode:
            w.lines.append(f"    article_mode: {c.article_mode}")
        for n in c.notes:
            w.note("    ", n)
    for q in d.unattributed:
        w.note("  ", "TODO: a quotation whose speaker the text does not give here; add a claim with its asserter:")
        w.note("  ", f"  quote: {w.quote((q.start, q.end))}")
    w.lines.append("")

    w.note("", "TODO: relationships: none drafted; add those the claims support (docs/annotation.md).")
    w.note("", "TODO: events: none drafted. The dates the text gives, for an event's time and time_cue:")
    if not d.dates:
        w.note("", "  (none)")
    for date in d.dates:
        cue = w.quote((date.start, date.end))
        value = f"time: {json.dumps(date.value)}, " if date.value else ""
        w.note("", f"  {value}time_cue: {cue}  ({date.note})")
    if d.open_sentences:
        w.note("", "TODO: sentences no drafted claim covers; add a claim for each that asserts something:")
        for s, e in d.open_sentences:
            w.note("", f"  - {w.quote((s, e))}")
    return "\n".join(w.lines).rstrip("\n") + "\n"


def _mentions(w: _Writer, hits: list[Hit]) -> None:
    spans = list(dict.fromkeys((h.start, h.end) for h in hits))
    w.lines.append("    mentions:")
    for h in hits:
        if (h.start, h.end) not in spans:
            continue
        spans.remove((h.start, h.end))
        note = None
        if h.how == "surname":
            note = "the surname alone"
        elif h.also:
            note = "TODO: check: the words could also stand for " + ", ".join(h.also)
        w.add(f"      - {w.quote((h.start, h.end))}", note)


# --------------------------------------------------------------------------------------------
# Entry points


def default_registry(article_path: Path) -> Path:
    """``registry.yaml`` beside the article, else the bundled registry."""
    local = article_path.parent / REGISTRY_NAME
    return local if local.is_file() else resources.seeds_dir() / REGISTRY_NAME


def make_draft(article_path: str | Path, registry_path: str | Path | None = None) -> Draft:
    """Read an article and a registry, and draft the annotation (see :func:`render`)."""
    article_path = Path(article_path)
    article = read_article(article_path)
    explicit = registry_path is not None
    path = Path(registry_path) if explicit else default_registry(article_path)
    if not path.is_file():
        raise InputError("no such registry file", path)
    registry = load_registry(path)
    if explicit:
        note = f"the registry {path.name}"
    elif path.parent == article_path.parent:
        note = f"the {REGISTRY_NAME} beside the article"
    else:
        note = "the bundled registry"
    return _Drafter(article, registry, note).run()


def draft_annotation(article_path: str | Path, registry_path: str | Path | None = None) -> str:
    """The draft annotation of an article as YAML text."""
    return render(make_draft(article_path, registry_path))


def write_draft(text: str, out: Path, article_path: Path, force: bool = False) -> None:
    """Write a draft to ``out``; an existing file is replaced only with ``force``, the article never."""
    if out.resolve() == Path(article_path).resolve():
        raise InputError("the draft would replace the article itself; choose another file", out)
    if out.exists() and not force:
        raise InputError("the file exists; choose another file or add --force to replace it", out)
    if out.exists() and out.is_dir():
        raise InputError("the output path is a folder", out)
    tmp = out.with_name(f".{out.name}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8", newline="\n")
        tmp.replace(out)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise InputError(f"cannot write the draft: {e.strerror}", out) from None
