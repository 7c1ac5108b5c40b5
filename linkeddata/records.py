"""The records an annotation and a registry are read into, each knowing its file and line.

Each record is a frozen dataclass, mapped once, by its fields:

- :meth:`NodeRecord.from_node` reads a record from its checked YAML mapping (the reading and the
  checks are :mod:`linkeddata.annotation`'s): a field takes the key of its name (or the ``key``
  of its metadata), a quote field a :class:`Quote` with its line, a field of records those
  records, ``origin`` where the mapping was written and ``key_lines`` the line of each key;
- :meth:`JsonRecord.to_json` and :meth:`JsonRecord.from_json` are an actor's or place's JSON, as
  the build's manifest keeps it.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass, field, fields
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

# The stances a claim can take against another (docs/annotation.md), in the order they are listed.
STANCES = ("contradicts", "denies_saying", "rejects_justification", "doubts_source")

E = TypeVar("E")


class Reader(Protocol):
    """What :meth:`NodeRecord.from_node` asks of the YAML reader: origins and quotes, with lines."""

    def origin(self, node: Any, key: str | None = None) -> Origin: ...

    def quote(self, value: Any, line: int | None) -> Quote: ...

    def quotes(self, node: Any, key: str) -> tuple[Quote, ...]: ...


class NodeRecord:
    """A record read from a YAML mapping, field by field (see the module's docstring)."""

    @classmethod
    def from_node(cls, node: Any, reader: Reader, **given: Any):
        """The record ``node`` holds; ``given`` are fields the caller knows better."""
        values: dict[str, Any] = {}
        for f, kind, inner in _plan(cls):
            if f.name in given:
                continue
            key = f.metadata.get("key", f.name)
            if kind == "origin":
                values[f.name] = reader.origin(node, key if f.metadata.get("origin") == "key" else None)
            elif kind == "key_lines":
                values[f.name] = tuple(node.key_lines.items())
            elif kind == "quotes":
                values[f.name] = reader.quotes(node, key)
            elif key not in node:
                continue  # the field's default
            elif kind == "quote":
                values[f.name] = reader.quote(node[key], node.key_lines[key])
            elif kind == "record":
                values[f.name] = inner.from_node(node[key], reader, **_nested(f, node, reader, key))
            elif kind == "records":
                values[f.name] = tuple(inner.from_node(n, reader) for n in node[key])
            elif kind == "tuple":
                values[f.name] = tuple(node[key])
            else:
                values[f.name] = node[key]
        return cls(**values, **given)


def _nested(f, node: Any, reader: Reader, key: str) -> dict[str, Any]:
    """A nested record whose origin is the line of its key in the parent (``origin: "key"``)."""
    return {"origin": reader.origin(node, key)} if f.metadata.get("origin") == "key" else {}


@cache
def _plan(cls: type) -> tuple[tuple[Any, str, Any], ...]:
    """(field, kind, record type) for each field of ``cls``, from its type hints."""
    hints = typing.get_type_hints(cls)
    plan = []
    for f in fields(cls):
        hint = hints[f.name]
        args = [a for a in typing.get_args(hint) if a is not type(None) and a is not Ellipsis]
        inner = args[0] if args else None
        inner = typing.get_origin(inner) or inner  # Hop[Quote] → Hop
        if isinstance(inner, TypeVar):
            inner = Quote  # a record read from YAML holds quotes (a draft's hop holds spans of the text)
        if f.name in ("origin", "key_lines"):
            kind = f.name
        elif hint in (Quote, Quote | None):
            kind = "quote"
        elif typing.get_origin(hint) is tuple and inner is Quote:
            kind = "quotes"
        elif typing.get_origin(hint) is tuple and isinstance(inner, type) and issubclass(inner, NodeRecord):
            kind = "records"
        elif typing.get_origin(hint) is tuple:
            kind = "tuple"
        elif isinstance(inner, type) and issubclass(inner, NodeRecord):
            kind = "record"
        else:
            kind = "value"
        plan.append((f, kind, inner))
    return tuple(plan)


class JsonRecord(NodeRecord):
    """A flat record (strings, tuples of strings and an :class:`Origin`) as JSON and back."""

    def to_json(self) -> dict:
        return {f.name: _to_json(getattr(self, f.name)) for f in fields(self)}

    @classmethod
    def from_json(cls, data: dict):
        values = {}
        for name in _names(cls):  # a build of 10,000 articles reads 25,000 of them from its manifest
            if name in data:
                value = data[name]
                values[name] = Origin.from_json(value) if name == "origin" else \
                    tuple(value) if isinstance(value, list) else value  # fmt: skip
        return cls(**values)


@cache
def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _to_json(value: Any) -> Any:
    if isinstance(value, Origin):
        return value.to_json()
    return list(value) if isinstance(value, tuple) else value


@dataclass(frozen=True)
class Origin:
    """Where a record or value was written."""

    file: Path
    line: int | None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else str(self.file)

    def to_json(self) -> list:
        return [str(self.file), self.line]

    @classmethod
    def from_json(cls, data: list) -> Origin:
        return cls(_path(data[0]), data[1])


@lru_cache(maxsize=256)
def _path(name: str) -> Path:
    """A path made once for the records of one file read one after another."""
    return Path(name)


@dataclass(frozen=True)
class Quote:
    exact: str
    origin: Origin
    occurrence: int | None = None
    within: str | None = None


@dataclass(frozen=True)
class Actor(JsonRecord):
    id: str
    type: str
    label: str
    origin: Origin
    aliases: tuple[str, ...] = ()
    description: str | None = None
    wikidata: str | None = None
    member_of: tuple[str, ...] = ()
    part_of: tuple[str, ...] = ()
    until: str | None = None  # the last year, month or day it existed as described (not a person's)
    since: str | None = None  # the first year, month or day it existed as described (not a person's)


@dataclass(frozen=True)
class Place(JsonRecord):
    id: str
    label: str
    origin: Origin
    wikidata: str | None = None
    within: str | None = None
    geonames: int | None = None


@dataclass(frozen=True)
class Registry:
    actors: dict[str, Actor]
    places: dict[str, Place]
    path: Path | None = None
    events: dict[str, Event] = field(default_factory=dict)

    def names(self, what: str) -> NameIndex:
        """The registry's actors (``what="actor"``) or places by each of their names and by
        Wikidata id, made on first use and kept with the registry (every article asks)."""
        key = f"_names_{what}"
        if key not in self.__dict__:  # frozen: kept beside the fields, as functools.cached_property does
            self.__dict__[key] = NameIndex.of(self.actors if what == "actor" else self.places)
        return self.__dict__[key]


def names_of(x: Actor | Place) -> set[str]:
    """An actor's or place's label and aliases, case-folded, with their spaces made single."""
    return {" ".join(n.casefold().split()) for n in (x.label, *getattr(x, "aliases", ()))}


@dataclass(frozen=True)
class NameIndex:
    """Registry entries by each of their names and by Wikidata id, and each entry's place in the
    registry (the first one found is the one named in a message)."""

    by_name: dict[str, list]
    by_wikidata: dict[str, list]
    order: dict[str, int]

    @classmethod
    def of(cls, known: dict[str, Actor] | dict[str, Place]) -> NameIndex:
        by_name: dict[str, list] = {}
        by_wikidata: dict[str, list] = {}
        for k in known.values():
            for name in names_of(k):
                by_name.setdefault(name, []).append(k)
            if k.wikidata:
                by_wikidata.setdefault(k.wikidata, []).append(k)
        return cls(by_name, by_wikidata, {k: i for i, k in enumerate(known)})


@dataclass(frozen=True)
class Credit(NodeRecord):
    actor: str
    evidence: tuple[Quote, ...]
    origin: Origin


@dataclass(frozen=True)
class PhotoInfo(NodeRecord):
    caption: Quote
    credit: Quote
    origin: Origin
    identifier: str | None = None
    creator: str | None = None
    provider: str | None = None
    date: str | None = None
    places: tuple[str, ...] = ()


@dataclass(frozen=True)
class ArticleInfo(NodeRecord):
    publisher: str
    origin: Origin
    date_published: str | None = None
    language: str = "en"
    authors: tuple[Credit, ...] = ()
    contributors: tuple[Credit, ...] = ()
    photo: PhotoInfo | None = None
    status: str | None = None  # "draft": written by `ld-export draft` and not yet checked


@dataclass(frozen=True)
class Mention:
    """An actor or place the article names, with the quotes where it does."""

    id: str
    quotes: tuple[Quote, ...]
    origin: Origin


class _Located(NodeRecord):
    """Records that know the line of each of their keys."""

    origin: Origin
    key_lines: tuple[tuple[str, int], ...]

    def at(self, key: str) -> Origin:
        """Where ``key`` of this record was written (the record's own line if it was not)."""
        line = dict(self.key_lines).get(key)
        return Origin(self.origin.file, line) if line else self.origin


@dataclass(frozen=True)
class Hop(NodeRecord, Generic[E]):
    """One hand a claim passed through on its way to the article: who passed it on (``by``), how
    (``mode``: quoted | paraphrased), to whom, through which outlet, and the words that say so:
    quotes in an annotation (``Hop[Quote]``, each with its line), spans of the text in a draft
    (``Hop[Span]``, no origin yet)."""

    by: str
    mode: str
    origin: Origin | None = None
    to: tuple[str, ...] = ()
    publisher: str | None = None
    evidence: tuple[E, ...] = ()
    hedge: str | None = None  # the hop's own hedge ("reportedly told"), if any
    cue: tuple[E, ...] = ()


@dataclass(frozen=True)
class FirstAppearance(NodeRecord):
    """The outlet where the asserter first published a claim that reached the article with no hop."""

    publisher: str
    origin: Origin
    evidence: tuple[Quote, ...] = ()


@dataclass(frozen=True)
class Claim(_Located):
    id: str
    label: str
    asserter: str
    hedge: str
    origin: Origin
    told_to: tuple[str, ...] = ()
    cue: tuple[Quote, ...] = ()
    quote: Quote | None = None
    evidence: tuple[Quote, ...] = ()
    chain: tuple[Hop[Quote], ...] = ()
    article_mode: str = "paraphrased"
    about: tuple[str, ...] = ()
    supports: tuple[str, ...] = ()
    contradicts: tuple[str, ...] = ()
    denies_saying: tuple[str, ...] = ()
    rejects_justification: tuple[str, ...] = ()
    doubts_source: tuple[str, ...] = ()
    repeats: tuple[str, ...] = ()
    first_appearance: FirstAppearance | None = field(default=None, metadata={"origin": "key"})
    key_lines: tuple[tuple[str, int], ...] = ()

    def stances(self) -> tuple[tuple[str, str], ...]:
        """(stance, claim ref) for every claim this one takes a stance against, in the order of STANCES."""
        return tuple((key, ref) for key in STANCES for ref in getattr(self, key))

    @property
    def disputes(self) -> tuple[str, ...]:
        """Every claim this one disputes, whatever the stance."""
        return tuple(ref for _key, ref in self.stances())

    def claim_refs(self) -> tuple[str, ...]:
        """Every claim this one supports, disputes or repeats (``id`` or ``other-slug/id``)."""
        return self.supports + self.disputes + self.repeats


@dataclass(frozen=True)
class Relationship(_Located):
    id: str
    label: str
    kind: str
    from_actor: str = field(metadata={"key": "from"})
    to_actor: str = field(metadata={"key": "to"})
    claims: tuple[str, ...]
    evidence: tuple[Quote, ...]
    origin: Origin
    time: str | None = None
    denied_by: tuple[str, ...] = ()
    key_lines: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Event(_Located):
    """An event the article reports. An event of the registry is written there with its label, type,
    actors, places and time; the article's entry (``shared``) gives its claims, evidence and time cue."""

    id: str
    label: str
    type: str
    claims: tuple[str, ...]
    evidence: tuple[Quote, ...]
    origin: Origin
    agents: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    victims: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    time: str | None = None
    time_cue: Quote | None = None
    denied_by: tuple[str, ...] = ()
    shared: bool = False
    key_lines: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class AnnotationInfo(NodeRecord):
    """Who annotated the article, and when (an ISO 8601 date and time)."""

    by: tuple[str, ...]
    date: str
    origin: Origin


@dataclass(frozen=True)
class Review(_Located):
    """The annotators' review of one of the article's claims (never one of the article's claims)."""

    id: str
    claim: str
    rating: str
    body: str
    origin: Origin
    key_lines: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class Annotation:
    path: Path
    article: ArticleInfo
    registry: Registry
    local_actors: dict[str, Actor] = field(default_factory=dict)
    local_places: dict[str, Place] = field(default_factory=dict)
    actor_mentions: tuple[Mention, ...] = ()
    place_mentions: tuple[Mention, ...] = ()
    claims: tuple[Claim, ...] = ()
    relationships: tuple[Relationship, ...] = ()
    events: tuple[Event, ...] = ()
    annotation: AnnotationInfo | None = None
    reviews: tuple[Review, ...] = ()

    @property
    def slug(self) -> str:
        return self.path.stem

    def external_claim_refs(self) -> list[tuple[Claim, str, str, Origin]]:
        """(claim, other slug, other claim id, where) for each reference to a claim of another article."""
        found = []
        for c in self.claims:
            for key in ("supports", *STANCES, "repeats"):
                for ref in getattr(c, key):
                    slug, _, claim_id = ref.rpartition("/")
                    if slug and slug != self.slug:
                        found.append((c, slug, claim_id, c.at(key)))
        return found

    def actor(self, actor_id: str) -> Actor:
        return self.local_actors.get(actor_id) or self.registry.actors[actor_id]

    def place(self, place_id: str) -> Place:
        return self.local_places.get(place_id) or self.registry.places[place_id]
