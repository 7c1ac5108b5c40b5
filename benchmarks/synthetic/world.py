"""The world of a seed: its invented countries with their actors and places, outlets, agencies and
analysts (the registry of the corpus), and the head of each article (what later articles refer to).

The word lists are in words.yaml.
"""

from __future__ import annotations

import datetime
import random
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
FIRST_DATE = datetime.date(2012, 1, 2)  # article i is published about i / 3 days later


def _words() -> SimpleNamespace:
    words = yaml.safe_load((HERE / "words.yaml").read_text(encoding="utf-8"))
    for key in ("syllables", "surnames", "months", "weekdays", "ordinals", "directions"):
        words[key] = words[key].split()
    words["first_names"] = {pron: names.split() for pron, names in words["first_names"].items()}
    return SimpleNamespace(**words)


W = _words()


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("’", "")).strip("-")


def number(n: int) -> str:
    return f"{n:,}"


def day_phrase(d: datetime.date) -> str:
    return f"{W.months[d.month - 1]} {d.day}"


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
            word = "".join(rng.choice(W.syllables) for _ in range(syllables)).capitalize()
            if len(word) >= 4 and word.casefold() not in names and not re.search(r"(.)\1\1", word):
                names.add(word.casefold())
                return word

    surnames: set[str] = set()

    def person(description: str, member_of: list[str], title: str = "") -> Ent:
        while True:
            pron = rng.choice(("he", "she"))
            first, last = rng.choice(W.first_names[pron]), rng.choice(W.surnames)
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
        suffix, adj_suffix = rng.choice(W.country_suffixes)
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
        fill = {"name": name, "adj": adj, "capital": towns[0].label}
        state = {}  # the country's institutions, in words.yaml
        for key, (label, type_, short, description, first, part_of) in W.state.items():
            state[key] = org(
                label.format(**fill),
                type_,
                short.format(**fill),
                description.format(**fill),
                first=first.format(**fill),
                aliases=[first.format(**fill).removeprefix("the ")],
                **({"part_of": [state[part_of].id]} if part_of else {}),
            )
        gov, defence, foreign, army = state["gov"], state["defence"], state["foreign"], state["army"]
        president = person(f"President of {name} (invented).", [gov.id], "President ")
        spokesman = person(f"Spokesperson of the {adj} army (invented).", [army.id], "Colonel ")
        rebels, leaders = [], []
        for pattern, short in rng.sample(W.rebel_patterns, 2):
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
    for prefix, agency_id, label, aliases in W.agencies:
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
        for label, short in W.outlets
    ]
    think_tanks = [
        staffed(label, "organization", label, "Research institute (invented).", 2, "Analyst at", first=f"the {label}")
        for label in W.think_tanks
    ]
    rights_groups = [
        staffed(label, "organization", label.removeprefix("The "), "Human rights group (invented).", 2, "Researcher at")
        for label in W.rights_groups
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
        for label, short in W.international
    ]
    extra = {}
    if "united-states" in bundled_actors:
        extra["united-states"] = Ent("united-states", "United States", "the United States", "Washington", type="state")
    return World(
        bundled, countries, outlets, agencies, think_tanks, rights_groups, international, names, surnames, extra
    )


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
