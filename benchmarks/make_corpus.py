"""Write a synthetic corpus of annotated articles, to benchmark the build at any size.

Usage: python benchmarks/make_corpus.py N DIR [--seed S] [--force] [--jobs J]

Writes N articles into DIR, each a ``<slug>.txt`` laid out like a copied news page (headline, photo
line, body, contributor line, sometimes the site boilerplate) of 3–6 kB and its ``<slug>.yaml``
annotation (docs/annotation.md): about 20 actors, most of them from the registry and a few defined
by the article, 20–40 claims with quote chains, hedges, events with places and times,
relationships, claims that support, dispute or repeat each other, and from the second article on a
few claims that refer to claims of earlier articles of the corpus (``other-slug/claim-id``, always
a lower index, so that every prefix of the corpus builds on its own). DIR/registry.yaml holds the
bundled registry's entries followed by a few hundred invented shared actors and places.

Everything is invented: the countries, towns, outlets, people and every quote. The text is written
from the same pieces the annotation quotes, so every quote is verbatim; a quote whose words occur
more than once gets an ``occurrence`` or ``within`` disambiguator.

Deterministic: the same N and seed give byte-identical files (given the same bundled registry),
whatever the number of processes, and article i depends only on the seed and i (it is drawn from its
own ``random.Random``), so the corpus of 100 articles is the first 100 articles of the corpus of
1,000. Prints a one-line summary to stderr. Bad arguments exit with 2; so does a DIR that is not
empty, unless --force, which replaces a corpus written there before.
"""

from __future__ import annotations

import argparse
import bisect
import datetime
import json
import os
import random
import re
import sys
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from linkeddata.anchor import occurrences  # as the build counts them

ROOT = Path(__file__).resolve().parent.parent
MAX_ARTICLES = 1_000_000
TEXT_BYTES = (3000, 6000)  # every .txt is within these bounds (UTF-8 bytes)
CLAIMS = (20, 40)  # every annotation has this many claims
FIRST_DATE = datetime.date(2012, 1, 2)  # article i is published about i / 3 days later

# ------------------------------------------------------------------------------------------------
# Word lists (all invented or generic; ASCII names so that photo credits parse)

SYLLABLES = (
    "ka lo ve ri dan mor tas hel zu ba ren vo sa gul tor mi ne ash bel dar es fen gor is jan kel "
    "lan mar nor or pel ros sul tam ur val wen yar zan bro cal dra eth fal hur ist kor lum nev ost "
    "pra rav sev tul vin"
).split()
COUNTRY_SUFFIXES = (("ia", "ian"), ("a", "an"), ("istan", "i"), ("ova", "ovan"), ("ea", "ean"))
FIRST_NAMES = {
    "he": "Aren Bastien Cyril Dario Emil Farid Goran Hakan Idris Jonas Karim Leon Marek Nikolai Omar Pavel "
    "Rafael Stefan Tarik Viktor Yusuf Anton Bruno Caspar Milan Oskar Ruben Silas Tomas Elias".split(),
    "she": "Adela Bianca Clara Dalia Elena Farah Greta Hana Irina Jana Katya Lena Mira Nadia Olga Petra "
    "Rania Sofia Tamar Vera Yasmin Zora Alma Ines Livia Noor Selma Talia Vesna Leila".split(),
}
SURNAMES = (
    "Novak Haddad Petrov Amari Kovac Mendel Sorensen Okoro Valdez Brandt Castell Dimitrov Eriksen Farouk Gallo "
    "Horvat Ivanov Jansen Kader Lindqvist Marin Nasser Orlov Pires Quinlan Rossi Salem Toma Uribe Vidal Weber "
    "Yilmaz Zeller Abbas Berg Cerny Darwish Engel Fischer Grau Hallett Iqbal Juric Keller Lund Moreau Nilsen "
    "Osei Pajic Reyes Sabri Tanaka Ulrich Varga Wolff Yates Zidan Aksoy Bauer Conti Adler Barros Calder Dahl "
    "Esposito Falk Greco Hassan Ibsen Jovanovic Karam Laine Maalouf Nowak Ortega Pellegrini Rahman Sandoval "
    "Tavares Vance Wagner Zamora Alvarez Bianchi Costa Duarte Eliasson Ferreira Gomez Holm Ismail Jaber Khoury "
    "Lopez Mansour Nieminen Olsen Pereira Quist Rinaldi Santos Torres Urban Vogel Winter Young Ziegler Antonov "
    "Bakker Cruz Dalton Ekberg Fontaine Gruber Hakimi Ilic Jensen Kowalski Larsen Mazur Noor Obi Perez Rasmussen "
    "Saleh Thorsen Usman Vasquez Wong Yousef Zaman Arslan Blom Carver Dorsey Emery Fabre Garner Hughes Ingram "
    "Jordan Kemp Lowell Mercer Nolan Oakes Parry Ramsey Sutton Tate Upton Vaughn Walsh Yoder Acosta Benitez "
    "Cabrera Delgado Escobar Fuentes Guerra Herrera Ibarra Jimenez Lozano Medina Navarro Ochoa Paredes Quiroga "
    "Rivas Serrano Trujillo Valencia Zapata"
).split()
OUTLETS = (
    ("The Harbour Chronicle", "the Chronicle"),
    ("Northern Wire", "Northern Wire"),
    ("The Evening Sentinel", "the Sentinel"),
    ("Keystone Post", "the Post"),
    ("The Frontier Gazette", "the Gazette"),
    ("Crossroads Daily", "Crossroads Daily"),
    ("The Atlas Review", "the Review"),
    ("Riverside Herald", "the Herald"),
    ("The Capital Monitor", "the Monitor"),
    ("Horizon News", "Horizon News"),
    ("The Continental Standard", "the Standard"),
    ("Lantern Press", "Lantern Press"),
    ("The Borderland Times", "the Times"),
    ("Compass Weekly", "Compass Weekly"),
    ("The Civic Register", "the Register"),
    ("Summit Dispatch", "Summit Dispatch"),
)
AGENCIES = (  # (credit prefix the reader knows, id, label, aliases); reuters comes from the bundled registry
    ("REUTERS", "reuters", None, None),
    ("AFP", "syn-agence-france-presse", "Agence France-Presse", ["AFP"]),
    ("AP Photo", "syn-associated-press", "Associated Press", ["AP", "AP Photo"]),
    ("EPA", "syn-european-pressphoto-agency", "European Pressphoto Agency", ["EPA"]),
)
THINK_TANKS = (
    "Centre for Frontier Studies",
    "Institute for Regional Security",
    "Eastern Policy Forum",
    "Council on Peace and Development",
    "Strategic Dialogue Centre",
    "Horizon Security Institute",
)
RIGHTS_GROUPS = ("Civilian Watch", "Rights Without Borders", "The Protection Monitor", "Witness for Civilians")
INTERNATIONAL = (
    ("Union of Coastal Nations", "the union"),
    ("Council of Southern States", "the council"),
    ("International Relief Committee", "the committee"),
    ("Continental Peace Mission", "the mission"),
)
REBEL_PATTERNS = (
    ("{root} Liberation Front", "the Front"),
    ("{root} People’s Movement", "the Movement"),
    ("Free {root} Brigades", "the Brigades"),
    ("{root} Resistance Council", "the Council"),
)
MONTHS = "January February March April May June July August September October November December".split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
ORDINALS = "first second third fourth fifth sixth seventh eighth ninth tenth".split()
ACCUSATIONS = (
    ("rigging that year’s election", "rigged the election"),
    ("stealing the country’s oil revenue", "stole the country's oil revenue"),
    ("jailing their leaders", "jailed the rebels' leaders"),
    ("starving the provinces of money", "starved the provinces of money"),
)
FOLLOW_UPS = (
    "Nobody in {capital} has told us the truth about this war",
    "The people of {town} will decide who they trust, not the politicians",
    "We have been saying this for months and nobody listened",
    "Every week it’s the same story — more promises, fewer soldiers",
    "What happened in {town} can happen anywhere in this country",
)
DIRECTIONS = "north south east west north-east north-west south-east south-west".split()


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("’", "")).strip("-")


def number(n: int) -> str:
    return f"{n:,}"


def day_phrase(d: datetime.date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}"


# ------------------------------------------------------------------------------------------------
# The world: invented countries, their actors and places, outlets, agencies (one per seed)


@dataclass
class Ent:
    """An actor or place: how the registry defines it and how the text names it."""

    id: str
    label: str
    first: str  # how an article names it the first time
    short: str  # and afterwards
    kind: str = "actor"  # actor | place
    type: str | None = None
    aliases: list[str] = field(default_factory=list)
    description: str | None = None
    member_of: list[str] = field(default_factory=list)
    part_of: list[str] = field(default_factory=list)
    within: str | None = None
    pron: str = "he"
    key: str = ""  # words for slugs

    def registry_entry(self) -> dict:
        if self.kind == "place":
            entry = {"id": self.id, "label": self.label}
            if self.within:
                entry["within"] = self.within
            return entry
        entry = {"id": self.id, "type": self.type, "label": self.label}
        if self.aliases:
            entry["aliases"] = self.aliases
        if self.description:
            entry["description"] = self.description
        if self.member_of:
            entry["member_of"] = self.member_of
        if self.part_of:
            entry["part_of"] = self.part_of
        return entry


@dataclass
class Country:
    place: Ent
    name: str
    adj: str
    provinces: list[Ent]
    towns: list[Ent]  # towns[0] is the capital
    gov: Ent
    army: Ent
    defence: Ent
    foreign: Ent
    president: Ent
    spokesman: Ent
    rebels: list[Ent]
    leaders: list[Ent]  # leaders[k] leads rebels[k]
    militia: Ent
    civilians: Ent


@dataclass
class Org:
    """An organisation with the people who speak for or write for it."""

    ent: Ent
    people: list[Ent]


@dataclass
class World:
    bundled: dict  # the bundled registry, as read
    countries: list[Country]
    outlets: list[Org]
    agencies: list[tuple[str, Org]]  # (credit prefix, agency)
    think_tanks: list[Org]
    rights_groups: list[Org]
    international: list[Org]
    names: set[str]  # every registry name (label or alias), case-folded
    surnames: set[str]  # of the registry's people, each used once
    bundled_actors: dict[str, Ent]

    def entities(self) -> list[Ent]:
        """Every synthetic registry entry, in a fixed order."""
        out: list[Ent] = []
        for c in self.countries:
            out += [c.gov, c.defence, c.foreign, c.army, c.president, c.spokesman, c.militia, c.civilians]
            for r, leader in zip(c.rebels, c.leaders, strict=True):
                out += [r, leader]
        for _, org in self.agencies:
            if org.ent.id.startswith("syn-"):
                out.append(org.ent)
            out += org.people
        for group in (self.outlets, self.think_tanks, self.rights_groups, self.international):
            for org in group:
                out += [org.ent, *org.people]
        for c in self.countries:
            out += [c.place, *c.provinces, *c.towns]
        return out


def _bundled_registry() -> dict:
    try:
        from linkeddata import resources

        path = resources.seeds_dir() / "registry.yaml"
    except ImportError:  # run without the package installed: the checkout's copy
        path = ROOT / "seeds" / "registry.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


@lru_cache(maxsize=4)
def make_world(seed: int) -> World:
    """The registry's invented actors and places: the same for every article of a seed."""
    rng = random.Random(f"ld-export-corpus:{seed}:world")
    bundled = _bundled_registry()
    names: set[str] = set()
    ids: set[str] = set()
    for entry in bundled.get("actors", []) + bundled.get("places", []):
        ids.add(entry["id"])
        for name in [entry["label"], *entry.get("aliases", [])]:
            names.add(name.casefold())

    def claim_name(*candidates: str) -> bool:
        if any(c.casefold() in names for c in candidates):
            return False
        names.update(c.casefold() for c in candidates)
        return True

    def new_id(text: str) -> str:
        base = "syn-" + slugify(text)
        out, n = base, 2
        while out in ids:
            out, n = f"{base}-{n}", n + 1
        ids.add(out)
        return out

    def root(syllables: int = 2) -> str:
        while True:
            word = "".join(rng.choice(SYLLABLES) for _ in range(syllables)).capitalize()
            if len(word) >= 4 and word.casefold() not in names and not re.search(r"(.)\1\1", word):
                names.add(word.casefold())
                return word

    surnames: set[str] = set()

    def person(description: str, member_of: list[str], title: str = "") -> Ent:
        while True:
            pron = rng.choice(("he", "she"))
            first, last = rng.choice(FIRST_NAMES[pron]), rng.choice(SURNAMES)
            full = f"{first} {last}"
            if last not in surnames and claim_name(full):
                surnames.add(last)
                break
        return Ent(
            new_id(full),
            full,
            f"{title}{full}",
            last,
            type="person",
            description=description,
            member_of=member_of,
            pron=pron,
            key=slugify(full),
        )

    def org(label: str, type_: str, short: str, description: str, first: str | None = None, **kw) -> Ent:
        claim_name(label, *kw.get("aliases", []))
        return Ent(
            new_id(label), label, first or label, short, type=type_, description=description, key=slugify(label), **kw
        )

    countries = []
    for _ in range(12):
        r = root(rng.choice((2, 2, 3)))
        suffix, adj_suffix = rng.choice(COUNTRY_SUFFIXES)
        name, adj = r + suffix, r + adj_suffix
        claim_name(name, adj)
        place = Ent(new_id(name), name, name, name, kind="place", key=slugify(name))
        provinces = []
        for _ in range(3):
            p = root()
            provinces.append(
                Ent(
                    new_id(f"{p} province"),
                    f"{p} Province",
                    f"{p} province",
                    f"{p} province",
                    kind="place",
                    within=place.id,
                    key=slugify(p),
                )
            )
        towns = []
        for k in range(6):
            t = root(rng.choice((2, 2, 3)))
            towns.append(Ent(new_id(t), t, t, t, kind="place", within=provinces[k % 3].id, key=slugify(t)))
        gov = org(
            f"Government of {name}",
            "government",
            "the government",
            f"The national government of {name}, in {towns[0].label} (invented).",
            first=f"the {adj} government",
            aliases=[f"{adj} government"],
        )
        defence = org(
            f"{adj} Ministry of Defence",
            "government",
            "the defence ministry",
            f"The ministry of the government of {name} responsible for its armed forces (invented).",
            first=f"the {adj} defence ministry",
            aliases=[f"{adj} defence ministry"],
            part_of=[gov.id],
        )
        foreign = org(
            f"{adj} Ministry of Foreign Affairs",
            "government",
            f"the {adj} foreign ministry",
            f"The foreign ministry of {name} (invented).",
            first=f"the {adj} foreign ministry",
            aliases=[f"{adj} foreign ministry"],
            part_of=[gov.id],
        )
        army = org(
            f"{adj} Armed Forces",
            "military-force",
            "the army",
            f"The armed forces of {name} (invented).",
            first=f"the {adj} army",
            aliases=[f"{adj} army"],
            part_of=[defence.id],
        )
        president = person(f"President of {name} (invented).", [gov.id], "President ")
        spokesman = person(f"Spokesperson of the {adj} army (invented).", [army.id], "Colonel ")
        rebels, leaders = [], []
        for pattern, short in rng.sample(REBEL_PATTERNS, 2):
            p = rng.choice(provinces).label.removesuffix(" Province")
            label = pattern.format(root=p)
            rebel = org(
                label,
                "armed-group",
                short,
                f"Armed group fighting the government of {name} (invented).",
                first=f"the {label}" if not label.startswith("Free") else label,
            )
            rebels.append(rebel)
            leaders.append(person(f"Leader of the {label} (invented).", [rebel.id]))
        m = root()
        militia = org(
            f"{m} Guard",
            "armed-group",
            "the militia",
            f"Pro-government militia in {name} (invented).",
            first=f"the {m} Guard",
        )
        civilians = org(
            f"{adj} civilians",
            "population-group",
            "civilians",
            f"The civilian population of {name}.",
            first=f"{adj} civilians",
            aliases=[f"civilians in {name}"],
        )
        countries.append(
            Country(
                place,
                name,
                adj,
                provinces,
                towns,
                gov,
                army,
                defence,
                foreign,
                president,
                spokesman,
                rebels,
                leaders,
                militia,
                civilians,
            )
        )

    def staffed(label: str, type_: str, short: str, description: str, n: int, role: str, **kw) -> Org:
        ent = org(label, type_, short, description, **kw)
        return Org(ent, [person(f"{role} {label} (invented).", [ent.id]) for _ in range(n)])

    bundled_actors = {a["id"]: a for a in bundled.get("actors", [])}
    agencies = []
    for prefix, agency_id, label, aliases in AGENCIES:
        if agency_id in bundled_actors:
            b = bundled_actors[agency_id]
            ent = Ent(agency_id, b["label"], b["label"], b["label"], type=b["type"])
            agencies.append(
                (prefix, Org(ent, [person(f"Photographer for {b['label']} (invented).", [ent.id]) for _ in range(3)]))
            )
        elif label:
            agencies.append(
                (
                    prefix,
                    staffed(
                        label,
                        "media-outlet",
                        label,
                        "International news agency.",
                        3,
                        "Photographer for",
                        aliases=aliases,
                    ),
                )
            )
    outlets = [
        staffed(label, "media-outlet", short, "News website (invented).", 3, "Journalist for")
        for label, short in OUTLETS
    ]
    think_tanks = [
        staffed(label, "organization", label, "Research institute (invented).", 2, "Analyst at", first=f"the {label}")
        for label in THINK_TANKS
    ]
    rights_groups = [
        staffed(label, "organization", label.removeprefix("The "), "Human rights group (invented).", 2, "Researcher at")
        for label in RIGHTS_GROUPS
    ]
    international = [
        staffed(
            label,
            "organization",
            short,
            "International organisation (invented).",
            1,
            "Spokesperson of",
            first=f"the {label}",
        )
        for label, short in INTERNATIONAL
    ]
    extra = {}
    if "united-states" in bundled_actors:
        extra["united-states"] = Ent("united-states", "United States", "the United States", "Washington", type="state")
    return World(
        bundled, countries, outlets, agencies, think_tanks, rights_groups, international, names, surnames, extra
    )


# ------------------------------------------------------------------------------------------------
# The head of an article: what later articles need to know to refer to it


@dataclass(frozen=True)
class Head:
    index: int
    slug: str
    country: int  # index into world.countries
    town: int
    rebels: int
    outlet: int
    date: datetime.date
    capture: datetime.date


def article_rng(seed: int, index: int) -> random.Random:
    return random.Random(f"ld-export-corpus:{seed}:article:{index}")


def draw_head(rng: random.Random, world: World, index: int) -> Head:
    """The first draws of article ``index``: :func:`head` repeats them without writing the article."""
    country = rng.randrange(len(world.countries))
    town = rng.randrange(1, 6)  # not the capital
    rebels = rng.randrange(2)
    outlet = rng.randrange(len(world.outlets))
    date = FIRST_DATE + datetime.timedelta(days=index // 3 + rng.randrange(3))
    capture = date - datetime.timedelta(days=rng.randrange(4))
    c = world.countries[country]
    slug = f"synthetic-{index:05d}-{world.outlets[outlet].ent.key}-{c.rebels[rebels].key}-{c.towns[town].key}"
    return Head(index, slug[:120].rstrip("-"), country, town, rebels, outlet, date, capture)


@lru_cache(maxsize=4096)
def head(seed: int, index: int) -> Head:
    return draw_head(article_rng(seed, index), make_world(seed), index)


# ------------------------------------------------------------------------------------------------
# Writing one article: the text and, pointing into it, the annotation


@dataclass
class Span:
    start: int
    end: int


_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]')


def ys(s: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(s, ensure_ascii=False) if _ESCAPE.search(s) else f'"{s}"'


def once(haystack: str, needle: str) -> bool:
    """Whether ``needle`` occurs exactly once in ``haystack``, overlapping occurrences counted."""
    at = haystack.find(needle)
    return at != -1 and at == haystack.rfind(needle)


class Retry(Exception):
    """The drawn article is out of bounds (size); draw it again."""


class Writer:
    """Builds the text piece by piece, remembering where each piece went."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.sentences: list[tuple[int, int]] = []
        self._sentence_start: int | None = None
        self._para_start = True
        self.mentions: dict[str, list[Span]] = {}
        self.entities: dict[str, Ent] = {}  # in the order of their first mention
        self.named: set[str] = set()  # named in full since the last reset (then by their short form)

    def t(self, s: str) -> Span:
        start = self.pos
        self.parts.append(s)
        self.pos += len(s)
        return Span(start, self.pos)

    def para(self) -> None:
        if self.pos:
            self.t("\n\n")
        self._para_start = True

    def s(self) -> int:
        """Begin a sentence; returns its offset."""
        if not self._para_start:
            self.t(" ")
        self._para_start = False
        self._sentence_start = self.pos
        return self.pos

    def end(self, punct: str = ".") -> None:
        self.t(punct)
        self.sentences.append((self._sentence_start, self.pos))

    def since(self, start: int, end: int | None = None) -> Span:
        return Span(start, self.pos if end is None else end)

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

    def actors(self) -> int:
        return sum(e.kind == "actor" for e in self.entities.values())

    def text(self) -> str:
        return "".join(self.parts)

    def find(self, span: Span, phrase: str) -> Span:
        """The first ``phrase`` inside ``span`` of what is written so far."""
        at = self.text().index(phrase, span.start, span.end)
        return Span(at, at + len(phrase))

    def q(self, text: str, *ents: Ent) -> Span:
        """Write quoted words, recording the names of ``ents`` that occur in them as mentions."""
        span = self.t(text)
        for ent in ents:
            for m in re.finditer(rf"\b{re.escape(ent.label)}\b", text):
                self.mention(ent, Span(span.start + m.start(), span.start + m.end()))
        return span


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
    h = {"by": by.id, "mode": mode, "evidence": evidence}
    if to:
        h["to"] = [t.id for t in to]
    if publisher:
        h["publisher"] = publisher.id
    return h


class Article:
    """One synthetic article: draws its cast, writes its paragraphs and annotates them."""

    def __init__(self, seed: int, index: int, attempt: int = 0):
        self.seed, self.index, self.world = seed, index, make_world(seed)
        self.rng = rng = article_rng(seed, index)
        self.head = draw_head(rng, self.world, index)
        if attempt:  # a redraw keeps the head (later articles refer to it) and changes the rest
            self.rng = rng = random.Random(f"ld-export-corpus:{seed}:article:{index}:{attempt}")
        self.w = Writer()
        self.claims: list[Claim] = []
        self.events: list[Event] = []
        self.relationships: list[Relationship] = []
        self.local: dict[str, Ent] = {}
        self.roles: dict[str, str] = {}  # what a block said -> claim id, for blocks that answer it
        self.speakers: list[tuple[Ent, list[Ent], list[dict]]] = []  # quoted people: (who, told to, chain)
        self._ids: set[str] = set()

        h, world = self.head, self.world
        self.c = c = world.countries[h.country]
        others = [k for k in range(len(world.countries)) if k != h.country]
        self.n = world.countries[rng.choice(others)]  # the neighbour
        self.town = c.towns[h.town]
        rest = [t for t in c.towns[1:] if t is not self.town]
        self.town2, self.town3 = rng.sample(rest, 2)
        self.capital = c.towns[0]
        self.province = next(p for p in c.provinces if p.id == self.town.within)
        self.rebels, self.leader = c.rebels[h.rebels], c.leaders[h.rebels]
        self.rebels2 = c.rebels[1 - h.rebels]
        self.outlet = world.outlets[h.outlet]
        self.pub = self.outlet.ent
        self.r1, self.r2 = rng.sample(self.outlet.people, 2)
        self.outlet2 = rng.choice([o for o in world.outlets if o is not self.outlet])
        self.j2 = rng.choice(self.outlet2.people)
        self.credit_prefix, self.agency = rng.choice(world.agencies)
        self.photographer = rng.choice(self.agency.people)
        self.tank = rng.choice(world.think_tanks)
        self.analyst = rng.choice(self.tank.people)
        self.rights = rng.choice(world.rights_groups)
        self.researcher = rng.choice(self.rights.people)
        self.intl = rng.choice(world.international)
        self.border_city = self.n.towns[rng.randrange(1, 6)]
        self.year0 = h.date.year - rng.randrange(1, 5)

    # -- ids, local actors ---------------------------------------------------------------------

    def new_id(self, base: str) -> str:
        base = slugify(base)[:100].strip("-")
        out, n = base, 2
        while out in self._ids:
            out, n = f"{base}-{n}", n + 1
        self._ids.add(out)
        return out

    def local_person(self, role: str, description: str, member_of: list[Ent], title: str = "") -> Ent:
        while True:
            pron = self.rng.choice(("he", "she"))
            last = self.rng.choice(SURNAMES)
            full = f"{self.rng.choice(FIRST_NAMES[pron])} {last}"
            if last not in self.world.surnames and all(e.short != last for e in self.local.values()):
                break
        ent = Ent(
            f"syn-{self.index:05d}-{slugify(full)}",
            full,
            f"{title}{full}",
            full.split()[-1],
            type="person",
            description=description,
            member_of=[m.id for m in member_of],
            pron=pron,
            key=slugify(full),
        )
        self.local[role] = ent
        return ent

    def local_group(
        self, role: str, key: str, label: str, type_: str, first: str, short: str, description: str, **kw
    ) -> Ent:
        ent = Ent(
            f"syn-{self.index:05d}-{key}", label, first, short, type=type_, description=description, key=key, **kw
        )
        self.local[role] = ent
        return ent

    # -- annotation records ----------------------------------------------------------------------

    def claim(self, base: str, label: str, asserter: Ent, evidence, **kw) -> str:
        cid = kw.pop("id", None) or self.new_id(base)
        if isinstance(evidence, Span):
            evidence = [evidence]
        if "told_to" in kw:
            kw["told_to"] = [t.id for t in kw["told_to"]]
        if "about" in kw:
            kw["about"] = list(dict.fromkeys(x if isinstance(x, str) else x.id for x in kw["about"]))
        for key in ("supports", "disputes", "repeats"):
            if key in kw:
                kw[key] = list(dict.fromkeys(r for r in kw[key] if r and r != cid))
        self.claims.append(Claim(cid, label, asserter.id, evidence, **kw))
        return cid

    def event(self, base: str, label: str, type_: str, claims: list[str], evidence, **kw) -> str:
        eid = self.new_id(base)
        if isinstance(evidence, Span):
            evidence = [evidence]
        for key in ("agents", "targets", "victims", "places"):
            if key in kw:
                kw[key] = list(dict.fromkeys(x.id for x in kw[key]))
        self.events.append(Event(eid, label, type_, claims, evidence, **kw))
        return eid

    def relationship(self, base: str, label: str, kind: str, frm: Ent, to: Ent, claims: list[str], evidence, **kw):
        rid = self.new_id(base)
        if isinstance(evidence, Span):
            evidence = [evidence]
        self.relationships.append(Relationship(rid, label, kind, frm.id, to.id, claims, evidence, **kw))
        return rid

    def pick(self, *options: str) -> str:
        return self.rng.choice(options)

    # -- the article ---------------------------------------------------------------------------

    def write(self) -> tuple[str, str]:
        rng, w, c = self.rng, self.w, self.c
        target_claims = rng.randint(CLAIMS[0], CLAIMS[1] - 3)
        target_actors = rng.randint(17, 23)
        target_bytes = rng.randint(3300, 5600)
        has_byline = rng.random() < 0.4
        self.byline: Span | None = None
        if has_byline:
            self.contributor_ids = [self.r2]
        else:
            self.contributor_ids = [self.r1, self.r2] if rng.random() < 0.7 else [self.r1]
        self.headline()
        self.photo_line()
        if has_byline:
            w.para()
            w.s()
            w.t("By ")
            self.byline = w.m(self.r1, self.r1.label)
        self.lead()
        self.cross_references()
        # What each block names: it is skipped when it would bring the article over its number of actors.
        local = Ent("local", "", "", "")  # an actor the block defines
        casts = {
            self.spokesman_block: [c.spokesman, c.army, self.pub, self.r1],
            self.commander_block: [local, local, self.rebels, self.j2, self.outlet2.ent, c.army],
            self.statement_block: [c.defence, self.n.gov, self.rebels],
            self.rights_block: [self.rights.ent, c.civilians, c.army, self.researcher],
            self.militia_block: [c.gov, c.militia],
            self.border_block: [local, self.n.gov, self.rebels],
            self.atrocity_block: [self.rebels, self.leader],
            self.relief_block: [self.intl.ent, self.intl.people[0]],
            self.analyst_block: [self.analyst, self.tank.ent, c.army, self.pub],
            self.president_block: [c.president],
            self.alliance_block: [self.rebels, self.rebels2],
            self.training_block: [c.army, c.militia, local, self.j2, self.outlet2.ent],
            self.clashes_block: [self.rebels, c.militia, local, self.pub],
        }
        if "united-states" in self.world.bundled_actors:
            casts[self.foreign_power_block] = [self.world.bundled_actors["united-states"], c.army]
        queue = list(casts)
        rng.shuffle(queue)
        # One block with actors of its own comes first, so that every article defines a few.
        own = next(b for b in queue if b in (self.commander_block, self.border_block, self.clashes_block))
        queue.remove(own)
        queue.insert(0, own)
        queue.append(self.denial_block)  # answers the statement, so after it
        casts[self.denial_block] = [self.n.foreign]
        reserved = {e.id: e for e in [self.r1, *self.contributor_ids]}
        skipped = []
        for block in queue:
            if len(self.claims) >= target_claims - 1:
                break
            if block == self.denial_block and "accusation" not in self.roles:
                continue
            new = [e for e in casts[block] if e.id not in w.entities and e.id not in reserved]
            reserve = sum(e not in w.entities for e in reserved)
            if w.actors() + reserve + len(new) > target_actors:
                skipped.append(block)
                continue
            block()
        # Then claims about the actors already named, until there are enough; only then more actors.
        cheap = [self.analysis_block, self.history_block, self.casualties_block, self.suspicion_block]
        rng.shuffle(cheap)
        self.follow_ups = rng.sample(FOLLOW_UPS, len(FOLLOW_UPS))
        while len(self.claims) < target_claims - 1:
            if cheap:
                cheap.pop()()
            elif self.speakers and self.follow_ups:
                self.follow_up_block()
            elif skipped:
                block = skipped.pop(0)
                if block != self.denial_block or "accusation" in self.roles:
                    block()
            else:
                self.clashes_block()
        self.wrap()
        self.filler_forms = rng.sample(range(12), 12)
        for _ in range(1 + (len(self.claims) < 25) + 2 * (len(self.claims) < 22)):  # short articles: more colour
            self.filler()
        while len(w.text().encode("utf-8")) < target_bytes - 300 and self.filler_forms:
            self.filler()
        self.contributors()
        self.boilerplate()
        text = w.text()
        size = len(text.encode("utf-8"))
        if not TEXT_BYTES[0] <= size <= TEXT_BYTES[1] or not CLAIMS[0] <= len(self.claims) <= CLAIMS[1]:
            raise Retry(f"{size} bytes, {len(self.claims)} claims")
        return text, Emitter(self, text).annotation()

    # -- fixed parts -----------------------------------------------------------------------------

    def headline(self) -> None:
        w, c, r = self.w, self.c, self.rebels
        short_rebels = r.first.removeprefix("the ")
        w.s()
        start = w.pos
        form = self.rng.randrange(3)
        if form == 0:
            w.m(r, short_rebels)
            w.t(" seize ")
            w.m(self.town)
            w.t(f" as {c.adj} army retreats")
            w.mention(c.army, Span(w.pos - len(f"{c.adj} army retreats"), w.pos - len(" retreats")))
        elif form == 1:
            w.t("Rebels take ")
            w.m(self.town)
            w.t(" in ")
            w.m(self.c.place, c.name)
            w.t("’s ")
            w.m(self.province)
            w.t(" after ")
            w.m(c.army, "army")
            w.t(" pulls out")
            w.mention(r, Span(start, start + len("Rebels")))
        else:
            w.m(self.town)
            w.t(" falls to ")
            w.m(r, short_rebels)
            w.t(" — ")
            w.m(c.army, f"{c.adj} troops")
            w.t(" flee towards ")
            w.m(self.capital)
        w.sentences.append((start, w.pos))
        self.headline_span = w.since(start)
        w.named.clear()  # the body names everything in full the first time
        self.claim(
            "headline",
            f"The {r.label} took {self.town.label} from the {c.adj} army.",
            self.pub,
            self.headline_span,
            id=self.new_id("headline"),
            about=[r, self.town, c.army],
        )

    def photo_line(self) -> None:
        w, rng, h = self.w, self.rng, self.head
        w.para()
        ident = None
        if rng.random() < 0.8:
            ident = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(3))
            ident += "".join(rng.choice("0123456789ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(rng.randrange(3, 6)))
            w.t(ident)
        credit_start = w.pos
        agency_text = self.credit_prefix.split()[0]
        w.mention(self.agency.ent, w.t(agency_text))
        w.t(self.credit_prefix[len(agency_text) :] + "/")
        w.m(self.photographer, self.photographer.label)
        self.credit = w.since(credit_start)
        self.photo_date = h.capture - datetime.timedelta(days=rng.randrange(0, 2))
        caption_start = w.pos
        w.s()
        w.t(self.pick("Fighters of ", "Members of ", "Armed men from "))
        w.m(self.rebels)
        w.t(
            self.pick(
                " stand near a checkpoint on the road into ",
                " ride in the back of a pickup truck outside ",
                " gather at a crossroads on the edge of ",
            )
        )
        w.m(self.town)
        w.t(", ")
        w.m(self.province, self.province.label)
        w.t(", ")
        w.m(self.c.place)
        w.t(f", {day_phrase(self.photo_date)}, {self.photo_date.year}")
        w.end()
        self.caption = w.since(caption_start)
        self.identifier = ident
        w.named.clear()

    def lead(self) -> None:
        w, rng, c, h = self.w, self.rng, self.c, self.head
        r, town, army = self.rebels, self.town, c.army
        w.para()
        start = w.s()
        w.m(r, cap=True)
        w.t(" seized ")
        w.m(town)
        w.t(
            f", {self.pick('a market town', 'a river town', 'a crossroads town', 'a farming town')} of about "
            f"{number(rng.randrange(12, 180) * 1000)} people in "
        )
        w.m(self.province)
        cue_start = w.pos
        w.t(f", on {WEEKDAYS[h.capture.weekday()]}, {day_phrase(h.capture)}")
        cue = Span(cue_start + 2, w.pos)
        seized = w.since(start)
        w.t(", after ")
        fled_start = w.pos
        w.m(army)
        w.t("’s troops abandoned their positions and fled towards ")
        w.m(self.capital)
        fled = w.since(fled_start)
        w.end()
        lead = self.claim(
            "lead-capture",
            f"The {r.label} seized {town.label} on {h.capture.isoformat()}.",
            self.pub,
            seized,
            id="lead-capture",
            supports=["headline"],
            about=[r, town, self.province],
        )
        fled_c = self.claim(
            "lead-army-fled",
            f"The troops of the {c.adj} army abandoned their positions in "
            f"{town.label} and fled towards {self.capital.label}.",
            self.pub,
            fled,
            about=[army, town, self.capital],
            supports=[lead],
        )
        self.roles["fled"] = fled_c
        ev = self.event(
            f"capture-of-{town.key}",
            f"The {r.label} capture {town.label}.",
            "capture",
            [lead, "headline"],
            [seized, w.find(seized, f"seized {town.label}")],
            agents=[r],
            targets=[army],
            places=[town],
            time=h.capture.isoformat(),
            time_cue=cue,
        )
        self.claims[-2].about.append(ev)
        self.capture_event = ev
        # Background: the war.
        start = w.s()
        w.t(f"It was the {self.pick('biggest', 'most important', 'fastest')} gain for the rebels since ")
        w.mention(r, Span(w.pos - len("the rebels since "), w.pos - len(" since ")))
        year_cue = w.t(str(self.year0))
        w.t(", ")
        took_start = w.pos
        w.t("when they took up arms against ")
        w.m(c.president)
        w.t(", whom they ")
        accuse = w.t("accuse")
        what, what_label = self.rng.choice(ACCUSATIONS)
        w.t(f" of {what}")
        background = w.since(start)
        took_up = w.since(took_start)
        w.end()
        bg = self.claim(
            "background-conflict",
            f"The {r.label} took up arms against {c.president.label} in {self.year0}.",
            self.pub,
            background,
            id="background-conflict",
            about=[r, c.president, c.gov],
        )
        acc = self.claim(
            f"{r.key}-accuses-president",
            f"{c.president.label} {what_label}.",
            r,
            took_up,
            hedge="accused",
            cue=[accuse],
            mode="paraphrased",
            about=[c.president],
        )
        self.relationship(
            f"{r.key}-{c.gov.key}-hostility",
            f"The {r.label} fights the {c.gov.label}.",
            "hostility",
            r,
            c.gov,
            [bg, lead],
            [w.find(took_up, "took up arms"), seized],
        )
        self.relationship(
            f"{r.key}-opposes-{c.president.key}",
            f"The {r.label} opposes {c.president.label}.",
            "opposition",
            r,
            c.president,
            [acc],
            w.find(took_up, f"against {c.president.first}"),
            time=str(self.year0),
        )
        self.event(
            f"{r.key}-uprising",
            f"The {r.label} take up arms against {c.president.label}.",
            "fighting",
            [bg],
            took_up,
            agents=[r],
            targets=[c.gov],
            time=str(self.year0),
            time_cue=year_cue,
        )

    def cross_references(self) -> None:
        """A paragraph that repeats, disputes or supports claims of earlier articles of the corpus."""
        if self.index == 0:
            return
        rng, w = self.rng, self.w
        low = max(0, self.index - 400)
        same = []
        for j in range(self.index - 1, low - 1, -1):
            if head(self.seed, j).country == self.head.country:
                same.append(j)
                if len(same) == 8:
                    break
        earlier = same or [rng.randrange(low, self.index)]
        picks = rng.sample(earlier, min(len(earlier), rng.randint(1, 3)))
        w.para()
        for n, j in enumerate(picks):
            hj = head(self.seed, j)
            cj = self.world.countries[hj.country]
            rj, tj = cj.rebels[hj.rebels], cj.towns[hj.town]
            month = f"{MONTHS[hj.capture.month - 1]} {hj.capture.year}"
            kind = ("repeats", "disputes", "supports")[n % 3] if cj is self.c else "repeats"
            if kind == "repeats":
                start = w.s()
                if cj is not self.c:
                    w.t("In ")
                    w.m(cj.place)
                    w.t(", ")
                    w.m(rj)
                else:
                    w.m(rj, cap=True)
                if tj is self.town:
                    w.t(" had already taken ")
                    w.m(tj)
                    cue = w.t(f" once, in {month}")
                    cue = Span(cue.start + 7, cue.end)
                    w.t(", and lost it again within days")
                else:
                    w.t(" had taken ")
                    w.m(tj)
                    cue = w.t(f" in {month}")
                    cue = Span(cue.start + 1, cue.end)
                ev = w.since(start)
                w.end()
                cid = self.claim(
                    f"earlier-capture-of-{tj.key}",
                    f"The {rj.label} took {tj.label} in {month}.",
                    self.pub,
                    ev,
                    repeats=[f"{hj.slug}/lead-capture"],
                    about=[rj, tj],
                )
                self.event(
                    f"earlier-capture-of-{tj.key}",
                    f"The {rj.label} capture {tj.label}.",
                    "capture",
                    [cid],
                    [ev, w.find(ev, f"taken {tj.label}")],
                    agents=[rj],
                    places=[tj],
                    time=hj.capture.isoformat()[:7],
                    time_cue=cue,
                )
            elif kind == "disputes":
                start = w.s()
                army = self.c.army
                w.m(army, cap=True)
                denial = w.t(" has denied that ")
                w.m(tj)
                denial = w.t(f" fell in {month}")
                w.t(", saying its troops “")
                q_start = w.pos
                w.t(
                    self.pick(
                        "never left the town’s outskirts",
                        "withdrew for a few hours and came straight back",
                        "held the hospital and the bridge throughout",
                    )
                )
                quote = w.since(q_start)
                w.t("”")
                w.end()
                ev = Span(start, denial.end)
                self.claim(
                    f"{army.key}-denies-fall-of-{tj.key}",
                    f"{tj.label} did not fall to the rebels in {month}.",
                    army,
                    [ev],
                    quote=quote,
                    disputes=[f"{hj.slug}/lead-capture"],
                    about=[army, tj],
                )
            else:
                start = w.s()
                w.t(f"The war is now in its {ORDINALS[min(9, self.head.date.year - self.year0)]} year, and ")
                w.m(self.c.gov)
                w.t(" controls less of the country than at any time since it began")
                ev = w.since(start)
                w.end()
                self.claim(
                    "war-drags-on",
                    f"The {self.c.gov.label} controls less of {self.c.name} than at any time since the war began.",
                    self.pub,
                    ev,
                    supports=[f"{hj.slug}/background-conflict", "background-conflict"],
                    about=[self.c.gov, self.c.place],
                )

    # -- blocks: each writes a paragraph and its claims --------------------------------------------

    def spokesman_block(self) -> None:
        w, c = self.w, self.c
        sp, r1 = c.spokesman, self.r1
        w.para()
        w.s()
        w.t("“")
        q1 = w.q(
            self.pick(
                f"Our forces carried out a planned and orderly withdrawal from {self.town.label} to protect its "
                "residents",
                f"The army has not lost {self.town.label}; it has moved its units to the hills around the town",
                f"We chose not to fight inside {self.town.label} because the rebels were hiding among families",
            ),
            self.town,
            self.capital,
            self.town3,
        )
        w.t(",” ")
        told_start = w.pos
        w.m(sp, sp.first)
        w.t(f", a {'spokesman' if sp.pron == 'he' else 'spokeswoman'} for ")
        w.m(c.army)
        w.t(", told ")
        w.m(self.pub, self.pub.short)
        w.t(" correspondent ")
        w.m(r1, r1.label)
        told = w.since(told_start)
        w.t(" in ")
        w.m(self.capital)
        w.end()
        w.s()
        w.t("“")
        days = self.rng.randrange(3, 15)
        q2 = w.q(
            f"We will return to {self.town.label} within {days} days, and those who helped the terrorists "
            "will answer for it.",
            self.town,
        )
        w.end("”")
        a = self.claim(
            f"{sp.key}-orderly-withdrawal",
            f"The {c.adj} army withdrew from {self.town.label} in an orderly way to protect its residents.",
            sp,
            told,
            quote=q1,
            told_to=[r1],
            disputes=[self.roles.get("fled")],
            about=[c.army, self.town],
        )
        self.roles["withdrawal"] = a
        self.claim(
            f"{sp.key}-will-retake-{self.town.key}",
            f"The army will retake {self.town.label} within {days} days.",
            sp,
            told,
            quote=q2,
            told_to=[r1],
            about=[c.army, self.town],
            disputes=["lead-capture"] if self.rng.random() < 0.3 else [],
        )
        self.speakers.append((sp, [r1], []))

    def commander_block(self) -> None:
        w, c, rng = self.w, self.c, self.rng
        r, j2, o2 = self.rebels, self.j2, self.outlet2.ent
        k = self.local_person("commander", f"Commander of the {r.label} (invented; article {self.index}).", [r])
        w.para()
        w.s()
        w.m(k, k.label)
        w.t(", a commander with ")
        w.m(r)
        told_start = w.pos
        w.t(", told ")
        w.m(j2, j2.label)
        w.t(" of ")
        w.m(o2)
        told = Span(told_start + 2, w.pos)
        w.t(" that ")
        what_start = w.pos
        w.m(c.army)
        n1, n2 = rng.randrange(4, 40), rng.randrange(2, 60)
        w.t(f" had left behind {n1} armoured vehicles and {n2} tonnes of ammunition")
        what = w.since(what_start)
        w.end()
        hop_o2 = hop(j2, "quoted", [told], publisher=o2)
        self.claim(
            f"{k.key}-army-left-vehicles",
            f"The {c.adj} army left {n1} armoured vehicles and {n2} tonnes of ammunition behind in {self.town.label}.",
            k,
            what,
            told_to=[j2],
            chain=[hop(j2, "paraphrased", [told], publisher=o2)],
            mode="paraphrased",
            about=[c.army, self.town],
        )
        w.s()
        w.t("“")
        q = w.q(
            self.pick(
                "We didn’t have to fight for the town — they ran before we arrived",
                "There was no battle — by the time we reached the bridge, the barracks were empty",
                "They didn’t even burn their papers — the officers left first and the soldiers followed",
            ),
            self.town,
            self.capital,
            self.town3,
        )
        w.t(",” ")
        said = w.t(f"{'he' if k.pron == 'he' else 'she'} said")
        w.end()
        self.speakers.append((k, [j2], [hop_o2]))
        ran = self.claim(
            f"{k.key}-army-ran",
            "The army ran from the town before the rebels arrived.",
            k,
            said,
            quote=q,
            told_to=[j2],
            chain=[hop_o2],
            mode="quoted",
            supports=[self.roles.get("fled")],
            disputes=[self.roles.get("withdrawal")],
            about=[c.army],
        )
        if rng.random() < 0.75:
            officer = self.local_group(
                "officer",
                f"{c.army.key}-officer",
                f"{c.adj} army officer (unnamed, quoted by {k.label})",
                "person",
                "An officer",
                "the officer",
                f"An unnamed officer of the {c.adj} army whom {k.label} quotes.",
                member_of=[c.army.id],
            )
            w.s()
            w.t("“")
            o_start = w.pos
            w.t("An officer")
            w.mention(officer, Span(o_start, w.pos))
            w.t(" from ")
            w.m(c.army)
            w.t(" phoned us the night before and said, ‘")
            phoned = Span(o_start, w.pos - 3)
            inner = w.q(
                self.pick(
                    f"Tell your men we will not defend {self.town.label}",
                    "We have orders to leave by the morning, so don’t shoot at the trucks",
                    f"Nobody in {self.capital.label} will send us help",
                ),
                self.town,
                self.capital,
                self.town3,
            )
            w.t(",’” ")
            added = w.t(f"{k.short} added")
            w.end()
            inner_c = self.claim(
                f"{officer.key}-will-not-defend",
                f"The army would not defend {self.town.label}.",
                officer,
                phoned,
                quote=inner,
                told_to=[k],
                chain=[hop(k, "quoted", [added], to=[j2]), hop_o2],
                mode="quoted",
                supports=[ran],
                about=[c.army, self.town],
            )
            self.relationship(
                f"{c.army.key}-{r.key}-tacit-cooperation",
                f"Officers of the {c.adj} army let the {r.label} take {self.town.label} unopposed.",
                "tacit-cooperation",
                c.army,
                r,
                [inner_c, ran],
                [phoned, q],
            )

    def statement_block(self) -> None:
        w, c, n, rng, h = self.w, self.c, self.n, self.rng, self.head
        d = h.date - datetime.timedelta(days=rng.randrange(0, 5))
        w.para()
        start = w.s()
        w.t("In a statement ")
        cue = w.t(f"on {WEEKDAYS[d.weekday()]}")
        w.t(", ")
        w.m(c.defence)
        w.t(" said ")
        killed_start = w.pos
        k = rng.randrange(12, 160)
        w.t(f"its forces had killed {k} “terrorists” near ")
        w.m(self.town2)
        killed = w.since(killed_start)
        w.t(" and ")
        acc_start = w.pos
        cue_acc = w.t("accused")
        w.t(" ")
        w.m(n.gov, n.gov.first)
        w.t(" of arming ")
        arming_start = w.pos - len("arming ")
        w.m(self.rebels)
        w.t(" across the border")
        acc = w.since(acc_start)
        arming = w.since(arming_start)
        w.end()
        statement = w.since(start, killed_start - 6)
        kc = self.claim(
            f"{c.defence.key}-killed-{k}",
            f"The forces of the {c.adj} army killed {k} fighters near {self.town2.label}.",
            c.defence,
            killed,
            mode="paraphrased",
            about=[c.army, self.rebels, self.town2],
        )
        ac = self.claim(
            f"{c.defence.key}-accuses-{n.gov.key}",
            f"The {n.gov.label} arms the {self.rebels.label}.",
            c.defence,
            acc,
            hedge="accused",
            cue=cue_acc,
            mode="paraphrased",
            about=[n.gov, self.rebels],
        )
        self.roles["accusation"] = ac
        fight = self.event(
            f"fighting-near-{self.town2.key}",
            f"The {c.adj} army fights the {self.rebels.label} near {self.town2.label}.",
            "fighting",
            [kc],
            [killed, w.find(killed, f"had killed {k}")],
            agents=[c.army],
            targets=[self.rebels],
            places=[self.town2],
        )
        self.claims[-2].about.append(fight)
        self.event(
            f"{c.defence.key}-accusation",
            f"The {c.defence.label} accuses the {n.gov.label} of arming the rebels.",
            "accusation",
            [ac],
            [statement, acc],
            agents=[c.defence],
            targets=[n.gov],
            time=d.isoformat(),
            time_cue=cue,
        )
        self.relationship(
            f"{n.gov.key}-backs-{self.rebels.key}",
            f"The {n.gov.label} arms the {self.rebels.label}.",
            "backing",
            n.gov,
            self.rebels,
            [ac],
            [arming, w.find(arming, "across the border")],
        )

    def denial_block(self) -> None:
        w, n = self.w, self.n
        w.para()
        start = w.s()
        w.m(n.foreign, cap=True)
        rej = w.t(" rejected the accusation as “")
        q = w.q(
            self.pick(
                "baseless and irresponsible",
                "a fabrication meant to hide the army’s defeats",
                "an insult to a neighbour that has sheltered its refugees",
            ),
            self.town,
            self.capital,
            self.town3,
        )
        w.t("” and said ")
        closed_start = w.pos
        w.m(n.place)
        w.t(" had closed its border to fighters of all sides")
        closed = w.since(closed_start)
        w.end()
        rejected = Span(start, rej.end - 3)
        rc = self.claim(
            f"{n.foreign.key}-rejects-accusation",
            f"The {n.gov.label} does not arm the {self.rebels.label}.",
            n.foreign,
            rejected,
            quote=q,
            mode="quoted",
            disputes=[self.roles["accusation"]],
            about=[n.gov, self.rebels],
        )
        cc = self.claim(
            f"{n.foreign.key}-border-closed",
            f"{n.name} has closed its border to fighters of all sides.",
            n.foreign,
            closed,
            mode="paraphrased",
            supports=[rc],
            about=[n.place],
        )
        self.event(
            f"{n.foreign.key}-rejection",
            f"The {n.foreign.label} rejects the accusation.",
            "rejection",
            [rc, cc],
            rejected,
            agents=[n.foreign],
            targets=[self.c.defence],
        )

    def rights_block(self) -> None:
        w, c, rng, h = self.w, self.c, self.rng, self.head
        g, res = self.rights.ent, self.researcher
        published = h.date - datetime.timedelta(days=rng.randrange(1, 20))
        since = max(1, published.month - rng.randrange(1, 4))
        n = rng.randrange(20, 400)
        w.para()
        w.s()
        w.m(g, g.first)
        w.t(" said in a report ")
        pub_cue = w.t(f"published on {day_phrase(published)}")
        pub_cue = Span(pub_cue.start + 13, pub_cue.end)
        w.t(" that ")
        k_start = w.pos
        w.t(f"at least {n} ")
        w.m(c.civilians, "civilians")
        w.t(" had been killed in air strikes on ")
        w.m(self.town2)
        since_cue = w.t(f" since {MONTHS[since - 1]}")
        since_cue = Span(since_cue.start + 1, since_cue.end)
        killed = w.since(k_start)
        w.t(", and that ")
        m_start = w.pos
        w.m(c.army)
        w.t("’s aircraft had ")
        likely = w.t("likely")
        w.t(" hit a crowded market in ")
        w.m(self.town3)
        market = w.since(m_start)
        w.end()
        kc = self.claim(
            f"{g.key}-civilians-killed",
            f"At least {n} civilians have been killed in air strikes on {self.town2.label} since {MONTHS[since - 1]}.",
            g,
            killed,
            mode="paraphrased",
            about=[c.civilians, self.town2, c.army],
        )
        mc = self.claim(
            f"{g.key}-market-strike",
            f"The {c.adj} army's aircraft hit a crowded market in {self.town3.label}.",
            g,
            market,
            hedge="likely",
            cue=likely,
            mode="paraphrased",
            supports=[kc],
            about=[c.army, self.town3],
        )
        self.event(
            f"air-strikes-on-{self.town2.key}",
            f"Air strikes on {self.town2.label} kill civilians.",
            "air-strike",
            [kc],
            [killed, w.find(killed, f"air strikes on {self.town2.label}")],
            agents=[c.army],
            victims=[c.civilians],
            places=[self.town2],
            time=f"{published.year}-{since:02d}",
            time_cue=since_cue,
        )
        self.event(
            f"market-strike-in-{self.town3.key}",
            f"An air strike hits a market in {self.town3.label}.",
            "killing-of-civilians",
            [mc],
            [market, w.find(market, "hit a crowded market")],
            agents=[c.army],
            victims=[c.civilians],
            places=[self.town3],
        )
        self.event(
            f"{g.key}-report",
            f"{g.label} publishes a report on air strikes in {c.name}.",
            "publication",
            [kc],
            Span(pub_cue.start - len("said in a report published on "), pub_cue.end),
            agents=[g],
            time=published.isoformat(),
            time_cue=pub_cue,
        )
        if rng.random() < 0.8:
            w.s()
            w.t("“")
            q = w.q(
                self.pick(
                    f"Families in {self.town3.label} told us they no longer go to the market, because the "
                    "planes come when it’s busiest",
                    "Every survivor we interviewed described the same thing: a plane, then a second strike "
                    "on the people who ran to help",
                ),
                self.town,
                self.capital,
                self.town3,
            )
            said = w.t(",” said ")
            w.m(res, res.label)
            w.t(", a researcher at ")
            w.m(g)
            said = w.since(said.start + 3)
            w.end()
            self.claim(
                f"{res.key}-families-fear-market",
                "Civilians fear the air strikes on markets.",
                res,
                said,
                quote=q,
                mode="quoted",
                supports=[mc],
                about=[c.civilians],
            )

    def militia_block(self) -> None:
        w, c = self.w, self.c
        m = c.militia
        w.para()
        start = w.s()
        cue = w.t("It appears that ")
        w.m(c.gov)
        w.t(" is relying more and more on ")
        rel_start = w.pos - len("relying more and more on ")
        w.m(m)
        w.t(" to hold the roads around ")
        w.m(self.capital)
        relies = w.since(start)
        rel_ev = w.since(rel_start)
        w.t(", although ")
        acc_start = w.pos
        w.m(m)
        acc_cue = w.t(" has been accused of ")
        acc_cue = Span(acc_cue.start + 1, acc_cue.end - 1)
        w.t(
            self.pick(
                "looting homes and detaining men",
                "burning crops and detaining men",
                "executing prisoners and seizing farms",
            )
        )
        w.t(" in villages it controls")
        accused = w.since(acc_start)
        w.end()
        rc = self.claim(
            f"{c.gov.key}-relies-on-{m.key}",
            f"The {c.gov.label} relies more and more on the {m.label}.",
            self.pub,
            relies,
            hedge="appears",
            cue=Span(cue.start, cue.end - 1),
            about=[c.gov, m, self.capital],
        )
        ac = self.claim(
            f"{m.key}-accused-of-abuses",
            f"The {m.label} abuses civilians in villages it controls.",
            self.pub,
            accused,
            hedge="accused",
            cue=acc_cue,
            about=[m],
        )
        self.relationship(
            f"{c.gov.key}-relies-on-{m.key}",
            f"The {c.gov.label} relies on the {m.label}.",
            "reliance",
            c.gov,
            m,
            [rc],
            rel_ev,
        )
        self.event(
            f"{m.key}-abuses",
            f"The {m.label} abuses civilians.",
            "atrocity",
            [ac],
            [accused, w.find(accused, "in villages it controls")],
            agents=[m],
        )
        self.roles["militia"] = rc

    def border_block(self) -> None:
        w, n, r = self.w, self.n, self.rebels
        dip = self.local_group(
            "diplomats",
            "diplomats",
            f"Diplomats (unnamed, cited by {self.pub.label}, article {self.index})",
            "organization",
            "diplomats",
            "diplomats",
            f"Unnamed diplomats in {self.capital.label} whose view {self.pub.label} reports.",
        )
        w.para()
        start = w.s()
        w.m(dip, "Diplomats", cap=True)
        w.t(" in ")
        w.m(self.capital)
        w.t(" say ")
        might_start = w.pos
        w.m(n.gov, n.gov.first)
        cue = w.t(" might ")
        w.t("close the crossing at ")
        w.m(self.border_city)
        w.t(" if the fighting spreads")
        might = w.since(might_start)
        w.end()
        del start
        w.s()
        s2 = w.pos
        w.m(r, cap=True)
        sus = w.t(" is suspected of ")
        w.t("moving fuel and weapons through the crossing")
        suspected = w.since(s2)
        w.t(", ")
        denies = w.t("which it denies")
        w.end()
        mc = self.claim(
            f"{n.gov.key}-might-close-border",
            f"The {n.gov.label} might close the crossing at {self.border_city.label}.",
            dip,
            might,
            hedge="possible",
            cue=Span(cue.start + 1, cue.end - 1),
            mode="paraphrased",
            about=[n.gov, self.border_city],
        )
        sc = self.claim(
            f"{r.key}-suspected-smuggling",
            f"The {r.label} moves fuel and weapons through the crossing at {self.border_city.label}.",
            self.pub,
            suspected,
            hedge="suspected",
            cue=Span(sus.start + 1, sus.end - 1),
            about=[r, self.border_city],
            supports=[mc],
        )
        self.claim(
            f"{r.key}-denies-smuggling",
            f"The {r.label} does not move fuel and weapons through the crossing.",
            r,
            denies,
            mode="paraphrased",
            disputes=[sc],
            about=[r],
        )
        self.relationship(
            f"{n.gov.key}-distrusts-{r.key}",
            f"The {n.gov.label} fears that the fighting will spread across its border.",
            "distrust",
            n.gov,
            r,
            [mc, sc],
            [might, w.find(might, "if the fighting spreads")],
        )

    def atrocity_block(self) -> None:
        w, c, r, rng = self.w, self.c, self.rebels, self.rng
        leader = self.leader
        n = rng.randrange(3, 40)
        w.para()
        start = w.s()
        w.m(r, cap=True)
        w.t(" fighters ")
        cue = w.t("allegedly")
        w.t(f" executed {n} soldiers captured in ")
        w.m(self.town)
        ev = w.since(start)
        w.t(", according to a video circulated online that could not be independently verified")
        w.end()
        ac = self.claim(
            f"{r.key}-executed-soldiers",
            f"The {r.label} executed {n} captured soldiers.",
            self.pub,
            ev,
            hedge="alleged",
            cue=cue,
            about=[r, c.army, self.town],
        )
        self.event(
            f"{r.key}-executions",
            f"The {r.label} execute captured soldiers in {self.town.label}.",
            "atrocity",
            [ac],
            [ev, w.find(ev, f"executed {n} soldiers")],
            agents=[r],
            victims=[c.army],
            places=[self.town],
        )
        w.s()
        d_start = w.pos
        w.m(leader, leader.label)
        w.t(", the leader of ")
        w.m(r)
        w.t(", denied that his men had harmed prisoners and said the video was “")
        denied = w.since(d_start, w.pos - len(" and said the video was “"))
        q = w.q(
            self.pick(
                "made in a studio in " + self.capital.label,
                "old footage from another war",
                "propaganda by people who have never been to " + self.town.label,
            ),
            self.town,
            self.capital,
            self.town3,
        )
        w.t("”")
        w.end()
        self.claim(
            f"{leader.key}-denies-executions",
            "The rebels did not harm prisoners; the video is fake.",
            leader,
            denied,
            quote=q,
            mode="quoted",
            disputes=[ac],
            about=[r],
        )

    def relief_block(self) -> None:
        w, rng = self.w, self.rng
        u, us = self.intl.ent, self.intl.people[0]
        n = rng.randrange(4, 90) * 1000
        w.para()
        start = w.s()
        w.m(u, cap=True)
        w.t(" said ")
        fled_start = w.pos
        w.t(f"{number(n)} people had fled ")
        w.m(self.town)
        w.t(" and the surrounding villages since the fighting began, most of them to ")
        w.m(self.town3)
        w.t(" and across the border into ")
        w.m(self.n.place)
        fled = w.since(fled_start)
        w.end()
        del start
        fc = self.claim(
            f"{u.key}-displaced",
            f"{number(n)} people have fled {self.town.label}.",
            u,
            fled,
            mode="paraphrased",
            about=[self.town, self.town3, self.n.place],
            supports=["lead-capture"],
        )
        w.s()
        w.t("“")
        q = w.q(
            self.pick(
                f"The shelters in {self.town3.label} are full, and we are running out of clean water",
                "We can feed the people who reach us, but we can’t reach the people who stay behind",
            ),
            self.town,
            self.capital,
            self.town3,
        )
        w.t(",” ")
        told_start = w.pos
        w.m(us, us.label)
        w.t(f", a {'spokesman' if us.pron == 'he' else 'spokeswoman'} for ")
        w.m(u)
        w.t(", told reporters in ")
        w.m(self.capital)
        told = w.since(told_start)
        w.end()
        self.claim(
            f"{us.key}-shelters-full",
            f"The shelters for people displaced from {self.town.label} are full.",
            us,
            told,
            quote=q,
            mode="quoted",
            supports=[fc],
            about=[self.town3],
        )

    def analyst_block(self) -> None:
        w, c = self.w, self.c
        an, tank = self.analyst, self.tank.ent
        w.para()
        start = w.s()
        w.m(an, an.label)
        w.t(", an analyst at ")
        w.m(tank)
        w.t(", said ")
        said = w.since(start)
        st_start = w.pos
        w.t("the fall of ")
        w.m(self.town)
        w.t(" showed that ")
        w.m(c.army)
        w.t(" was stretched too thin")
        stretched = w.since(st_start)
        w.end()
        sc = self.claim(
            f"{an.key}-army-stretched",
            f"The {c.adj} army is stretched too thin.",
            an,
            [said, stretched],
            mode="paraphrased",
            supports=["lead-capture", self.roles.get("fled")],
            about=[c.army],
        )
        w.s()
        w.t("“")
        q = w.q(
            self.pick(
                f"Whoever holds {self.town.label} holds the road to {self.capital.label}. The government "
                "knows it can’t afford to lose another town like this",
                "The rebels don’t need to win battles — they only need the army to keep leaving",
            ),
            self.town,
            self.capital,
            self.town3,
        )
        w.t(",” ")
        told = w.t(f"{an.pron} told ")
        w.m(self.pub, self.pub.short)
        told = w.since(told.start)
        w.end()
        self.claim(
            f"{an.key}-road-to-capital",
            "The government cannot afford to lose more towns.",
            an,
            told,
            quote=q,
            told_to=[self.pub],
            mode="quoted",
            supports=[sc],
            about=[c.gov],
        )

    def president_block(self) -> None:
        w, c = self.w, self.c
        p = c.president
        w.para()
        start = w.s()
        w.m(p, cap=True)
        vowed = w.t(" vowed on state television")
        w.t(" to “")
        q = w.q(
            self.pick(
                "crush the terrorists wherever they hide",
                "win back every village, street by street",
                "defend the republic’s unity at any cost",
            ),
            self.town,
            self.capital,
            self.town3,
        )
        w.t("”, ")
        rep_start = w.pos
        w.t(f"repeating a promise {p.pron} first made in ")
        cue = w.t(str(self.year0))
        rep = w.since(rep_start)
        w.end()
        pc = self.claim(
            f"{p.key}-first-promise",
            f"{p.label} first promised to defeat the rebels in {self.year0}.",
            self.pub,
            rep,
            about=[p],
        )
        vc = self.claim(
            f"{p.key}-vows",
            f"{p.label} will defeat the rebels.",
            p,
            Span(start, vowed.end),
            quote=q,
            mode="quoted",
            about=[self.rebels],
            repeats=[pc],
        )
        self.event(
            f"{p.key}-speech",
            f"{p.label} speaks on state television.",
            "statement",
            [vc],
            Span(start, vowed.end),
            agents=[p],
        )
        self.event(
            f"{p.key}-first-promise",
            f"{p.label} first promises to defeat the rebels.",
            "threat",
            [pc],
            rep,
            agents=[p],
            targets=[self.rebels],
            time=str(self.year0),
            time_cue=cue,
        )

    def alliance_block(self) -> None:
        w, c, rng, h = self.w, self.c, self.rng, self.head
        r, r2 = self.rebels, self.rebels2
        d = h.date - datetime.timedelta(days=rng.randrange(0, 6))
        w.para()
        start = w.s()
        w.m(r, cap=True)
        w.t(" has formed an alliance with ")
        w.m(r2, r2.first)
        allied = w.since(start)
        w.t(", a smaller group active in ")
        prov2 = next(p for p in c.provinces if p.id != self.province.id)
        w.m(prov2)
        said = w.t(", the two groups said in a joint statement ")
        cue = w.t(f"on {WEEKDAYS[d.weekday()]}")
        said = Span(said.start + 2, cue.end)
        w.end()
        ac = self.claim(
            f"{r.key}-{r2.key}-alliance",
            f"The {r.label} and the {r2.label} have formed an alliance.",
            r,
            [allied, said],
            mode="paraphrased",
            about=[r, r2],
        )
        self.relationship(
            f"{r.key}-{r2.key}-alliance",
            f"The {r.label} is allied with the {r2.label}.",
            "alliance",
            r,
            r2,
            [ac],
            w.find(allied, "formed an alliance"),
            time=d.isoformat()[:7],
        )
        self.event(
            f"{r.key}-{r2.key}-joint-statement",
            "The two rebel groups announce an alliance.",
            "statement",
            [ac],
            said,
            agents=[r, r2],
            places=[prov2],
            time=d.isoformat(),
            time_cue=cue,
        )

    def training_block(self) -> None:
        w, c, rng = self.w, self.c, self.rng
        m, j2, o2 = c.militia, self.j2, self.outlet2.ent
        recruits = self.local_group(
            "recruits",
            f"{m.key}-recruits",
            f"Former recruits of the {m.label} (cited by {j2.label}, article {self.index})",
            "armed-group",
            "former recruits",
            "the recruits",
            f"Former fighters of the {m.label} who spoke to {j2.label}.",
            part_of=[m.id],
        )
        w.para()
        start = w.s()
        w.t("Officers of ")
        w.m(c.army)
        w.t(" have trained ")
        w.m(m)
        w.t(" fighters at camps near ")
        w.m(self.town3)
        w.t(" since ")
        w.t(str(self.year0 + rng.randrange(0, 2)))
        trained = w.since(start)
        w.t(", ")
        w.m(recruits, cap=False)
        told = w.t(" told ")
        w.m(j2)
        w.t(" of ")
        w.m(o2)
        told = w.since(told.start + 1)
        w.end()
        tc = self.claim(
            f"{recruits.key}-army-trains-militia",
            f"The {c.adj} army trains the {m.label}.",
            recruits,
            trained,
            told_to=[j2],
            chain=[hop(j2, "paraphrased", [told], publisher=o2)],
            mode="paraphrased",
            about=[c.army, m],
            supports=[self.roles.get("militia")],
        )
        self.relationship(
            f"{c.army.key}-trains-{m.key}",
            f"The {c.adj} army trains the {m.label}.",
            "training",
            c.army,
            m,
            [tc],
            trained,
        )
        self.event(
            f"{c.army.key}-trains-{m.key}",
            f"The {c.adj} army trains {m.label} fighters.",
            "military-training",
            [tc],
            [trained, w.find(trained, f"at camps near {self.town3.label}")],
            agents=[c.army],
            targets=[m],
            places=[self.town3],
        )

    def clashes_block(self) -> None:
        w, c, rng, h = self.w, self.c, self.rng, self.head
        r, m = self.rebels, c.militia
        place = rng.choice([t for t in c.towns[1:] if t is not self.town])
        d = h.date - datetime.timedelta(days=rng.randrange(0, 6))
        doctor = self.local_person(
            f"doctor-{len(self.local)}", f"Doctor in {place.label} (invented; article {self.index}).", [], "Dr. "
        )
        n = rng.randrange(3, 60)
        w.para()
        start = w.s()
        w.t(self.pick("Clashes", "Fighting", "Heavy fighting"))
        w.t(" between ")
        w.m(r)
        w.t(" and ")
        w.m(m)
        w.t(f" killed at least {n} people near ")
        w.m(place)
        cue = w.t(f" on {WEEKDAYS[d.weekday()]}")
        clashes = w.since(start)
        cue = Span(cue.start + 1, cue.end)
        w.t(", ")
        told_start = w.pos
        w.t(self.pick("a local doctor, ", "a doctor at the town’s hospital, "))
        w.m(doctor, doctor.first)
        w.t(", told ")
        w.m(self.pub, self.pub.short)
        w.t(" by telephone")
        told = w.since(told_start)
        w.end()
        cc = self.claim(
            f"clashes-near-{place.key}",
            f"Clashes between the {r.label} and the {m.label} killed at least {n} people near {place.label}.",
            doctor,
            [clashes, told],
            told_to=[self.pub],
            mode="paraphrased",
            about=[r, m, place],
        )
        self.event(
            f"clashes-near-{place.key}",
            f"The {r.label} and the {m.label} clash near {place.label}.",
            "fighting",
            [cc],
            [clashes, w.find(clashes, f"killed at least {n} people")],
            agents=[r, m],
            places=[place],
            time=d.isoformat(),
            time_cue=cue,
        )
        if not any(x.kind == "hostility" and x.frm == r.id and x.to == m.id for x in self.relationships):
            self.relationship(
                f"{r.key}-{m.key}-hostility",
                f"The {r.label} and the {m.label} fight each other.",
                "hostility",
                r,
                m,
                [cc],
                clashes,
            )

    def foreign_power_block(self) -> None:
        w, c = self.w, self.c
        us = self.world.bundled_actors["united-states"]
        w.para()
        start = w.s()
        w.m(us, cap=True)
        w.t(", which has ")
        sup_start = w.pos
        w.t("supplied ")
        w.m(c.army)
        w.t(" with trucks and radios")
        supplied = w.since(sup_start)
        w.t(", said it was")
        said = w.since(start)
        w.t(" “")
        q = w.q(
            self.pick(
                "deeply concerned by the fighting",
                "following events closely",
                "troubled by reports of attacks on civilians",
            ),
            self.town,
            self.capital,
            self.town3,
        )
        w.t("” and called on all sides to protect civilians")
        w.end()
        qc = self.claim(
            "united-states-concerned",
            f"The United States is concerned by the fighting in {c.name}.",
            us,
            said,
            quote=q,
            mode="quoted",
            about=[c.place],
        )
        sc = self.claim(
            "united-states-supplies-army",
            f"The United States has supplied the {c.adj} army.",
            self.pub,
            supplied,
            about=[us, c.army],
            supports=[qc],
        )
        self.relationship(
            f"united-states-backs-{c.army.key}",
            f"The United States backs the {c.adj} army.",
            "backing",
            us,
            c.army,
            [sc],
            supplied,
        )

    # -- blocks that name no new actor: more claims about the actors already named ------------------

    def analysis_block(self) -> None:
        w, r = self.w, self.rebels
        w.para()
        start = w.s()
        w.t("The loss of ")
        w.m(self.town)
        likely = w.t(" is likely to ")
        effect = self.pick(
            "embolden rebels elsewhere in the province",
            "deepen doubts about the army in the capital",
            "push more families towards the border",
            "cost the government its hold on the valley",
        )
        w.t(effect)
        first = w.since(start)
        w.t(", and ")
        second_start = w.pos
        w.m(r)
        might = w.t(" might ")
        target = self.rng.choice([self.town2, self.town3])
        w.t(self.pick("try to push on towards ", "now turn towards ", "use the town as a base for raids on "))
        w.m(target)
        second = w.since(second_start)
        w.end()
        lc = self.claim(
            f"loss-of-{self.town.key}-likely-to-{effect.split()[0]}",
            f"The loss of {self.town.label} is likely to {effect}.",
            self.pub,
            first,
            hedge="likely",
            cue=Span(likely.start + 4, likely.end - 4),
            about=[self.town],
            supports=["lead-capture"],
        )
        self.claim(
            f"{r.key}-might-advance-on-{target.key}",
            f"The {r.label} might advance on {target.label}.",
            self.pub,
            second,
            hedge="possible",
            cue=Span(might.start + 1, might.end - 1),
            about=[r, target],
            supports=[lc],
        )

    def history_block(self) -> None:
        w, c, rng = self.w, self.c, self.rng
        year = self.year0 - rng.randrange(1, 8)
        months = rng.randrange(2, 14)
        w.para()
        start = w.s()
        w.m(c.army, cap=True)
        w.t(" had held ")
        w.m(self.town)
        w.t(" since ")
        cue = w.t(str(year))
        held = w.since(start)
        w.t(", when it drove out ")
        drove_start = w.pos - len("drove out ")
        w.t(f"an earlier rebellion after a {months}-month siege")
        drove = w.since(drove_start)
        w.end()
        hc = self.claim(
            f"{c.army.key}-held-{self.town.key}-since-{year}",
            f"The {c.adj} army had held {self.town.label} since {year}.",
            self.pub,
            held,
            about=[c.army, self.town],
            supports=[self.roles.get("fled")],
        )
        sc = self.claim(
            f"siege-of-{self.town.key}-{year}",
            f"The {c.adj} army took {self.town.label} in {year} after a {months}-month siege.",
            self.pub,
            drove,
            supports=[hc],
            about=[c.army],
        )
        self.event(
            f"siege-of-{self.town.key}-{year}",
            f"The {c.adj} army takes {self.town.label} after a siege.",
            "capture",
            [hc, sc],
            [held, drove, w.find(drove, f"a {months}-month siege")],
            agents=[c.army],
            places=[self.town],
            time=str(year),
            time_cue=cue,
        )

    def casualties_block(self) -> None:
        w, c, rng = self.w, self.c, self.rng
        soldiers, rebels = rng.randrange(5, 120), rng.randrange(5, 120)
        w.para()
        start = w.s()
        w.t(f"At least {soldiers} soldiers and {rebels} rebels were killed in the fighting for ")
        w.m(self.town)
        killed = w.since(start)
        w.t(", according to hospital records seen by ")
        w.m(self.pub, self.pub.short)
        seen = w.since(start)
        w.end()
        w.s()
        w.t(
            self.pick(
                "The figures could not be independently confirmed.",
                "Neither side has published its own figures.",
                "Both sides are thought to undercount their dead.",
            )
        )
        w.sentences.append((w.pos - 1, w.pos))
        kc = self.claim(
            f"casualties-in-{self.town.key}",
            f"At least {soldiers} soldiers and {rebels} rebels were killed in the fighting for {self.town.label}.",
            self.pub,
            seen,
            about=[c.army, self.rebels, self.town],
        )
        self.event(
            f"fighting-for-{self.town.key}",
            f"Fighting for {self.town.label}.",
            "fighting",
            [kc, "lead-capture"],
            [killed, w.find(killed, f"the fighting for {self.town.label}")],
            agents=[self.rebels],
            targets=[c.army],
            places=[self.town],
        )

    def suspicion_block(self) -> None:
        w, c = self.w, self.c
        place = self.rng.choice([self.town2, self.town3])
        act, kind = self.rng.choice(
            (
                ("shelling the road out of ", "air-strike"),
                ("laying mines around ", "atrocity"),
                ("dropping barrel bombs on ", "air-strike"),
            )
        )
        w.para()
        start = w.s()
        w.m(c.army, cap=True)
        cue = w.t(" is also suspected of ")
        w.t(act)
        w.m(place)
        suspected = w.since(start)
        w.t(", ")
        answer_start = w.pos
        rejects = self.rng.random() < 0.6
        w.t("an accusation it rejects" if rejects else "an accusation it has not answered")
        answer = w.since(answer_start)
        w.end()
        sc = self.claim(
            f"{c.army.key}-suspected-{act.split()[0]}-{place.key}",
            f"The {c.adj} army is {act}{place.label}.",
            self.pub,
            suspected,
            hedge="suspected",
            cue=Span(cue.start + 1 + len("is also "), cue.end - 1),
            about=[c.army, place],
        )
        self.event(
            f"{c.army.key}-{act.split()[0]}-{place.key}",
            f"The {c.adj} army is suspected of {act}{place.label}.",
            kind,
            [sc],
            [suspected, w.find(suspected, act.strip())],
            agents=[c.army],
            places=[place],
        )
        if rejects:
            self.claim(
                f"{c.army.key}-rejects-{act.split()[0]}-{place.key}",
                f"The {c.adj} army is not {act}{place.label}.",
                c.army,
                answer,
                mode="paraphrased",
                disputes=[sc],
                about=[c.army],
            )

    def follow_up_block(self) -> None:
        """One more quote from someone the article has already quoted, passed on the same way."""
        w = self.w
        who, told_to, chain = self.rng.choice(self.speakers)
        w.para()
        w.s()
        w.t("“")
        words = self.follow_ups.pop().format(town=self.town.label, capital=self.capital.label)
        q = w.q(words, self.town, self.capital)
        w.t(",” ")
        said = w.m(who, who.short)
        w.t(self.pick(" said", " added", " said later"))
        said = w.since(said.start)
        w.end()
        self.claim(
            f"{who.key}-follow-up",
            f"{who.label} says more about the fighting for {self.town.label}.",
            who,
            said,
            quote=q,
            told_to=told_to,
            chain=chain,
            mode="quoted",
            about=[self.town],
        )

    def wrap(self) -> None:
        w, r = self.w, self.rebels
        w.para()
        start = w.s()
        w.t("With ")
        w.m(self.town)
        w.t(" in the hands of ")
        w.m(r)
        w.t(", the road from ")
        w.m(self.capital)
        w.t(" to ")
        w.m(self.border_city)
        w.t(" is cut")
        ev = w.since(start)
        w.end()
        self.claim(
            "town-in-rebel-hands",
            f"{self.town.label} is in the hands of the {r.label}.",
            self.pub,
            ev,
            repeats=["lead-capture"],
            about=[self.town, r],
        )

    def filler(self) -> None:
        """A paragraph of colour: no claims, only names of places and of actors the lead has named."""
        w, c, rng = self.w, self.c, self.rng
        w.para()
        for form in self.filler_forms[:2]:
            w.s()
            if form == 0:
                w.m(self.town, cap=True)
                w.t(" lies on the main road between ")
                w.m(self.capital)
                w.t(" and the border with ")
                w.m(self.n.place)
                w.t(f", about {rng.randrange(20, 200)} kilometres {rng.choice(DIRECTIONS)} of ")
                w.m(self.capital)
            elif form == 1:
                w.t("Shops in ")
                w.m(self.capital)
                w.t(f" stayed open on {rng.choice(WEEKDAYS)}, but queues formed outside bakeries, and soldiers of ")
                w.m(c.army)
                w.t(" guarded the central bank")
            elif form == 2:
                w.t("The road north of ")
                w.m(self.town3)
                w.t(" was closed for most of the day, and the mobile network around ")
                w.m(self.town2)
                w.t(" was down")
            elif form == 3:
                w.t("Prices for bread and fuel in ")
                w.m(c.place)
                w.t(f" have risen by {rng.randrange(30, 200)} percent this year, and posters of ")
                w.m(c.president, c.president.first)
                w.t(" in ")
                w.m(self.capital)
                w.t(" have been torn down")
            elif form == 4:
                w.t(f"By {rng.randrange(5, 11)} p.m., the streets of ")
                w.m(self.town2)
                w.t(" were empty except for the checkpoints, where soldiers of ")
                w.m(c.army)
                w.t(" checked every car")
            elif form == 5:
                w.t("Flags of ")
                w.m(self.rebels)
                w.t(" hung from the town hall in ")
                w.m(self.town)
                w.t(", and the road to ")
                w.m(self.province)
                w.t(" was quiet")
            elif form == 6:
                w.t("Aid convoys bound for ")
                w.m(self.town3)
                w.t(f" waited for {rng.randrange(2, 9)} hours at a checkpoint outside ")
                w.m(self.town2)
            elif form == 7:
                w.t("Many families from ")
                w.m(self.province)
                w.t(" have relatives across the border in ")
                w.m(self.border_city)
                w.t(", which has taken in thousands of people since ")
                w.m(self.c.president, self.c.president.short)
                w.t(" came to power")
            elif form == 8:
                w.t("Electricity in ")
                w.m(self.town3)
                w.t(f" has been cut for {rng.randrange(6, 20)} hours a day since fighters of ")
                w.m(self.rebels)
                w.t(" reached the power station near ")
                w.m(self.town2)
            elif form == 9:
                w.t("Teachers in ")
                w.m(self.capital)
                w.t(" said schools would stay closed until the road to ")
                w.m(self.town)
                w.t(" reopened")
            elif form == 10:
                w.t(f"The {c.adj} currency fell to a record low in trading in ")
                w.m(self.capital)
                w.t(f" on {rng.choice(WEEKDAYS)}, and the price of a sack of flour in ")
                w.m(self.town2)
                w.t(" doubled")
            else:
                w.t("Footage shared by residents of ")
                w.m(self.town)
                w.t(" showed tanks of ")
                w.m(c.army)
                w.t(" leaving along the road to ")
                w.m(self.capital)
            w.end()
        del self.filler_forms[:2]

    def contributors(self) -> None:
        w = self.w
        w.para()
        w.s()
        places = [self.capital, self.town3]
        self.contrib = []
        for n, person in enumerate(self.contributor_ids):
            if n:
                w.t(" and ")
            self.contrib.append(w.m(person, person.label))
            w.t(" in ")
            w.m(places[n])
        w.t(f" contributed {self.pick('reporting to this story', 'to this report')}")
        w.end()

    def boilerplate(self) -> None:
        if self.rng.random() < 0.3:
            self.w.t("\n")
            return
        name = self.pub.label
        video = self.pick("Inside the fight for the roads", "What the war has cost", "A day at the front")
        self.w.t(
            f"\n\nNOW WATCH: {video}\n\nNOW WATCH: {name} video briefings\n\n{name} Emails & Alerts"
            "\n\nSite highlights each day to your inbox."
            f"\n\nFollow {name} on Facebook, Twitter, LinkedIn, and Instagram.\n"
        )


# ------------------------------------------------------------------------------------------------
# The annotation as YAML


class Emitter:
    def __init__(self, art: Article, text: str):
        self.art, self.text = art, text
        self.starts = [s for s, _ in art.w.sentences]
        self.sentences = art.w.sentences
        self._cache: dict[tuple[int, int], str] = {}
        self._found: dict[str, list[int]] = {}

    def quote(self, span: Span) -> str:
        key = (span.start, span.end)
        if key not in self._cache:
            self._cache[key] = self._quote(span)
        return self._cache[key]

    def _quote(self, span: Span) -> str:
        text = self.text
        start, end = span.start, span.end
        while text[start].isspace():
            start += 1
        while text[end - 1].isspace():
            end -= 1
        span = Span(start, end)
        exact = text[start:end]
        found = self._found.get(exact)
        if found is None:
            found = self._found[exact] = occurrences(text, exact)
        if len(found) == 1:
            return ys(exact)
        n = found.index(span.start) + 1
        # A short passage around the words that occurs once: grow it word by word within the sentence.
        if (span.start + n) % 4:
            lo, hi = self._sentence(span)
            left, right = span.start, span.end
            for _ in range(12):
                left = max(lo, text.rfind(" ", lo, left - 1) + 1 if left > lo else lo)
                if right < hi:
                    nxt = text.find(" ", right + 1, hi)
                    right = hi if nxt == -1 else nxt
                passage = text[left:right].strip()
                if once(text, passage) and once(passage, exact):
                    return f"{{exact: {ys(exact)}, within: {ys(passage)}}}"
                if left <= lo and right >= hi:
                    break
        return f"{{exact: {ys(exact)}, occurrence: {n}}}"

    def _sentence(self, span: Span) -> tuple[int, int]:
        k = bisect.bisect_right(self.starts, span.start) - 1
        if k >= 0 and self.sentences[k][1] >= span.end:
            return self.sentences[k]
        return span.start, span.end

    def quotes(self, key: str, spans: list[Span], indent: str) -> list[str]:
        spans = [s for s in spans if s.end > s.start]
        if len(spans) == 1:
            return [f"{indent}{key}: {self.quote(spans[0])}"]
        return [f"{indent}{key}:", *(f"{indent}  - {self.quote(s)}" for s in spans)]

    def annotation(self) -> str:
        art, h = self.art, self.art.head
        out = [
            f"# Synthetic article {art.index} of the benchmark corpus (seed {art.seed}), written by",
            "# benchmarks/make_corpus.py. Every outlet, person, place and quote in it is invented; every quote is",
            f"# verbatim from {h.slug}.txt.",
            "",
            "article:",
            f"  publisher: {art.pub.id}",
            f"  date_published: {ys(h.date.isoformat())}",
            "  language: en",
        ]
        if art.byline:
            out += ["  authors:", f"    - actor: {art.r1.id}", f"      evidence: {self.quote(art.byline)}"]
        out.append("  contributors:")
        for actor, span in zip(art.contributor_ids, art.contrib, strict=True):
            out += [f"    - actor: {actor.id}", f"      evidence: {self.quote(span)}"]
        out.append("  photo:")
        if art.identifier:
            out.append(f"    identifier: {ys(art.identifier)}")
        out += [
            f"    credit: {self.quote(art.credit)}",
            f"    caption: {self.quote(art.caption)}",
            f"    creator: {art.photographer.id}",
            f"    provider: {art.agency.ent.id}",
            f"    date: {ys(art.photo_date.isoformat())}",
            f"    places: [{art.town.id}, {art.c.place.id}]",
            "",
            "actors:",
        ]
        w = art.w
        local_ids = {e.id for e in art.local.values()}
        places = []
        for eid, ent in w.entities.items():
            if ent.kind == "place":
                places.append(ent)
                continue
            out.append(f"  - id: {eid}")
            if eid in local_ids:
                out += [f"    type: {ent.type}", f"    label: {ys(ent.label)}"]
                if ent.description:
                    out.append(f"    description: {ys(ent.description)}")
                if ent.member_of:
                    out.append(f"    member_of: [{', '.join(ent.member_of)}]")
                if ent.part_of:
                    out.append(f"    part_of: [{', '.join(ent.part_of)}]")
            out += self.quotes("mentions", w.mentions[eid], "    ")
        out += ["", "places:"]
        for ent in places:
            out.append(f"  - id: {ent.id}")
            out += self.quotes("mentions", w.mentions[ent.id], "    ")
        out += ["", "claims:"]
        for c in art.claims:
            out += [f"  - id: {c.id}", f"    label: {ys(c.label)}", f"    asserter: {c.asserter}"]
            if c.told_to:
                out.append(f"    told_to: [{', '.join(c.told_to)}]")
            out.append(f"    hedge: {c.hedge}")
            if c.cue:
                out += self.quotes("cue", c.cue if isinstance(c.cue, list) else [c.cue], "    ")
            if c.quote:
                out.append(f"    quote: {self.quote(c.quote)}")
            out += self.quotes("evidence", c.evidence, "    ")
            if c.chain:
                out.append("    chain:")
                for hp in c.chain:
                    out.append(f"      - by: {hp['by']}")
                    if "to" in hp:
                        out.append(f"        to: [{', '.join(hp['to'])}]")
                    if "publisher" in hp:
                        out.append(f"        publisher: {hp['publisher']}")
                    out.append(f"        mode: {hp['mode']}")
                    out += self.quotes("evidence", hp["evidence"], "        ")
            if c.mode:
                out.append(f"    article_mode: {c.mode}")
            for key in ("about", "supports", "disputes", "repeats"):
                refs = getattr(c, key)
                if refs:  # a synthetic dispute says the other claim's content is false
                    out.append(f"    {'contradicts' if key == 'disputes' else key}: [{', '.join(refs)}]")
        if art.relationships:
            out += ["", "relationships:"]
            for r in art.relationships:
                out += [
                    f"  - id: {r.id}",
                    f"    label: {ys(r.label)}",
                    f"    kind: {r.kind}",
                    f"    from: {r.frm}",
                    f"    to: {r.to}",
                ]
                if r.time:
                    out.append(f"    time: {ys(r.time)}")
                out.append(f"    claims: [{', '.join(r.claims)}]")
                out += self.quotes("evidence", r.evidence, "    ")
        if art.events:
            out += ["", "events:"]
            for e in art.events:
                out += [f"  - id: {e.id}", f"    label: {ys(e.label)}", f"    type: {e.type}"]
                for key in ("agents", "targets", "victims", "places"):
                    refs = getattr(e, key)
                    if refs:
                        out.append(f"    {key}: [{', '.join(refs)}]")
                if e.time:
                    out.append(f"    time: {ys(e.time)}")
                if e.time_cue:
                    out.append(f"    time_cue: {self.quote(e.time_cue)}")
                out.append(f"    claims: [{', '.join(e.claims)}]")
                out += self.quotes("evidence", e.evidence, "    ")
        return "\n".join(out) + "\n"


def registry_yaml(world: World) -> str:
    def entry(e: dict) -> list[str]:
        lines = []
        for n, (key, value) in enumerate(e.items()):
            lead = "  - " if n == 0 else "    "
            if isinstance(value, list):
                lines.append(f"{lead}{key}: [{', '.join(ys(v) if key == 'aliases' else v for v in value)}]")
            elif key in ("id", "type", "within", "wikidata"):
                lines.append(f"{lead}{key}: {value}")
            else:
                lines.append(f"{lead}{key}: {ys(str(value))}")
        return lines

    out = [
        "# Registry of the synthetic benchmark corpus written by benchmarks/make_corpus.py: the bundled",
        "# registry's actors and places, then invented ones (ids syn-…) shared by the corpus's articles.",
        "",
        "actors:",
    ]
    synthetic = world.entities()
    for e in world.bundled.get("actors", []):
        out += entry(e)
    for e in synthetic:
        if e.kind == "actor":
            out += entry(e.registry_entry())
    out += ["", "places:"]
    for e in world.bundled.get("places", []):
        out += entry(e)
    for e in synthetic:
        if e.kind == "place":
            out += entry(e.registry_entry())
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------------------------------------


def generate(seed: int, index: int) -> tuple[str, str, str]:
    """(slug, text, annotation YAML) of article ``index``; depends on nothing else."""
    for attempt in range(50):
        art = Article(seed, index, attempt)
        try:
            text, annotation = art.write()
        except Retry:
            continue
        return art.head.slug, text, annotation
    raise RuntimeError(f"article {index} of seed {seed}: no draw within the size bounds")


def _write_articles(task: tuple[int, Path, int, int]) -> int:
    """Write articles ``start`` to ``stop - 1`` of ``seed`` into ``out``; returns the bytes written."""
    seed, out, start, stop = task
    total = 0
    for i in range(start, stop):
        slug, text, annotation = generate(seed, i)
        for name, content in ((f"{slug}.txt", text), (f"{slug}.yaml", annotation)):
            data = content.encode("utf-8")
            (out / name).write_bytes(data)
            total += len(data)
    return total


def write_corpus(n: int, out: Path, seed: int = 0, jobs: int = 1) -> tuple[int, int]:
    """Write ``n`` articles and registry.yaml into ``out``; returns (files, bytes).

    With ``jobs`` > 1 the articles are written by that many processes; the files are the same.
    """
    out.mkdir(parents=True, exist_ok=True)
    data = registry_yaml(make_world(seed)).encode("utf-8")
    (out / "registry.yaml").write_bytes(data)
    total = len(data)
    chunk = max(1, min(250, n // (4 * jobs)))
    tasks = [(seed, out, start, min(n, start + chunk)) for start in range(0, n, chunk)]
    if jobs > 1 and len(tasks) > 1:
        import multiprocessing

        with multiprocessing.Pool(min(jobs, len(tasks))) as pool:
            total += sum(pool.imap_unordered(_write_articles, tasks))
    else:
        total += sum(map(_write_articles, tasks))
    return 2 * n + 1, total


GENERATED = re.compile(r"(synthetic-[0-9]{5,}-[a-z0-9]+(-[a-z0-9]+)*\.(txt|yaml)|registry\.yaml)")
ARTICLE_FILES = (".txt", ".yaml", ".yml")


def clear_corpus(folder: Path) -> list[Path]:
    """Remove what an earlier run wrote into ``folder``, unless other article files are there: then
    remove nothing and return them.

    A corpus folder must hold nothing else the build would read: after a run for 1,000 articles,
    one for 100 into the same folder would otherwise be built with 900 stale articles.
    """
    ours, others = [], []
    for path in sorted(folder.iterdir()):
        if path.is_file() and GENERATED.fullmatch(path.name):
            ours.append(path)
        elif path.suffix in ARTICLE_FILES:
            others.append(path)
    if not others:
        for path in ours:
            path.unlink()
    return others


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="make_corpus.py",
        description="Write N synthetic news articles (.txt) with their annotations (.yaml) and a registry.yaml "
        "into DIR, to benchmark `ld-export build DIR`. The same N and seed always give byte-identical files, and "
        "article i is the same whatever N is (a smaller corpus is a prefix of a larger one).",
    )
    parser.add_argument("n", metavar="N", type=int, help=f"number of articles (1 to {MAX_ARTICLES:,})")
    parser.add_argument("dir", metavar="DIR", type=Path, help="folder to write into (created if missing)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the corpus (default 0)")
    parser.add_argument(
        "--force",
        action="store_true",
        help="write into DIR even if it is not empty: the articles and registry.yaml of an earlier "
        "run there are removed first; other .txt or .yaml files are an error (the build would read "
        "them too)",
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="processes that write articles (default: one per core); the files do not depend on it",
    )
    args = parser.parse_args(argv)
    if not 1 <= args.n <= MAX_ARTICLES:
        parser.error(f"N must be between 1 and {MAX_ARTICLES:,}, not {args.n}")
    if args.jobs < 1:
        parser.error(f"--jobs must be at least 1, not {args.jobs}")
    if args.dir.exists() and not args.dir.is_dir():
        parser.error(f"{args.dir} exists and is not a folder")
    if args.dir.is_dir() and any(args.dir.iterdir()):
        if not args.force:
            parser.error(f"{args.dir} is not empty (use --force to replace a corpus written there before)")
        others = clear_corpus(args.dir)
        if others:
            parser.error(
                f"{args.dir} holds {len(others)} article file(s) this script did not write, e.g. "
                f"{others[0].name}; the build would read them with the corpus: remove them first"
            )
    began = time.perf_counter()
    files, size = write_corpus(args.n, args.dir, args.seed, args.jobs)
    print(
        f"make_corpus: wrote {args.n:,} articles ({files:,} files, {size:,} bytes) to {args.dir} in "
        f"{time.perf_counter() - began:.1f} s (seed {args.seed})",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
