"""What a build keeps of each article: typed records, each with one JSON serialisation.

:class:`ArticleEntry` is one article's entry in the manifest (``OUT/.ld-export-cache/manifest.json``,
see :mod:`linkeddata.cache`): the key of its inputs, the registry entries it used, what the checks
across articles and the build's description need, and where its output is (at ``offsets`` in
the files ``where`` names). A worker makes one
for a freshly built article (its parts not yet placed: ``offsets`` None); assembling the dataset
places it (:meth:`ArticleEntry.placed`), and a build that reuses the article reads it back with
:meth:`ArticleEntry.from_json`. :class:`FileRecord` is one of the article's own files.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ..annotation import Actor, Place

PARTS = ("nquads", "trig", "void")  # an article's parts of the whole-build files, in this order


@dataclass(frozen=True)
class FileRecord:
    """One file of an article: its SHA-256 and, once in place, its size and modification time
    (``size`` None: not in place yet)."""

    sha256: str
    size: int | None = None
    mtime_ns: int | None = None

    @property
    def stat(self) -> list[int] | None:
        """(size, modification time) as :func:`linkeddata.cache.stat_of` gives them, once in place."""
        return None if self.size is None else [self.size, self.mtime_ns]

    def to_json(self) -> list:
        return [self.sha256] if self.size is None else [self.sha256, self.size, self.mtime_ns]

    @classmethod
    def from_json(cls, data: list) -> FileRecord:
        return cls(data[0], *data[1:3])


@dataclass(frozen=True)
class RegistryUse:
    """The registry an article was built with, and the entries of it the article uses (their digest:
    a change to any of them builds the article again)."""

    path: str
    actors: tuple[str, ...]
    places: tuple[str, ...]
    events: tuple[str, ...]
    digest: str

    def to_json(self) -> dict:
        return {"path": self.path, "actors": list(self.actors), "places": list(self.places),
                "events": list(self.events), "digest": self.digest}  # fmt: skip

    @classmethod
    def from_json(cls, data: dict) -> RegistryUse:
        return cls(data["path"], tuple(data["actors"]), tuple(data["places"]), tuple(data.get("events", ())),
                   data["digest"])  # fmt: skip


@dataclass(frozen=True)
class ClaimRef:
    """A claim's reference to a claim of another article, and where it was written."""

    claim: str
    article: str
    other_claim: str
    file: str
    line: int | None

    def to_json(self) -> list:
        return [self.claim, self.article, self.other_claim, self.file, self.line]

    @classmethod
    def from_json(cls, data: list) -> ClaimRef:
        return cls(*data)


@dataclass(frozen=True)
class ArticleEntry:
    """One article of a build, as the build and the next build into the same folder see it.

    ``properties``: property → triples of the article's graph; ``shared``: property → digests of
    the triples other graphs may hold too (see :func:`~linkeddata.pipeline.worker.shared_triples`);
    ``parts``: bytes of its part of each whole-build file; ``offsets``: where those parts start in
    the files of the build (None until the dataset is assembled); ``warnings``: the SHACL
    warnings of its validation, described, and ``report_ttl`` the report that holds them."""

    key: str
    registry: RegistryUse
    graph_iri: str
    article_iri: str
    counts: dict[str, int]
    actors: tuple[str, ...]
    places: tuple[str, ...]
    claims: tuple[str, ...]
    refs: tuple[ClaimRef, ...]
    local_actors: tuple[Actor, ...]
    local_places: tuple[Place, ...]
    files: dict[str, FileRecord]
    parts: dict[str, int]
    properties: dict[str, int]
    shared: dict[str, str]
    classes: tuple[str, ...]
    events: tuple[tuple, ...]  # (iri, type, places, time, event id, origin) of each event
    warnings: tuple[str, ...] = ()
    report_ttl: str | None = None
    offsets: dict[str, int] | None = field(default=None)
    where: dict[str, str] | None = field(default=None)
    # (size, modification time) of the text and the annotation when ``key`` was computed, or None
    # (see linkeddata.cache.input_stat)
    inputs: tuple[tuple[int, int], ...] | None = field(default=None)
    # The JSON this entry was read from (from_json), kept for to_json: of an entry a build reuses,
    # only its files, offsets and where change, and writing the rest again is most of the cost of
    # saving the manifest of a large build.
    read_from: dict[str, Any] | None = field(default=None, compare=False, repr=False)

    def placed(self, offsets: dict[str, int], where: dict[str, str]) -> ArticleEntry:
        """This entry with its parts at ``offsets`` in the whole-build files, those of the dataset
        formats in the files ``where`` names (format → file name: a part of the dataset files)."""
        return replace(self, offsets=dict(offsets), where=dict(where))

    def with_files(self, files: dict[str, FileRecord]) -> ArticleEntry:
        return replace(self, files=files)

    def to_json(self) -> dict[str, Any]:
        if self.read_from is not None:
            data = {**self.read_from, "files": {name: f.to_json() for name, f in self.files.items()}}
            for name in ("offsets", "where"):
                if getattr(self, name) is not None:
                    data[name] = getattr(self, name)
            data.pop("inputs", None)
            if self.inputs is not None:
                data["inputs"] = [list(st) for st in self.inputs]
            return data
        data: dict[str, Any] = {
            "key": self.key,
            "registry": self.registry.to_json(),
            "graph_iri": self.graph_iri,
            "article_iri": self.article_iri,
            "counts": self.counts,
            "actors": list(self.actors),
            "places": list(self.places),
            "claims": list(self.claims),
            "refs": [r.to_json() for r in self.refs],
            "local_actors": [a.to_json() for a in self.local_actors],
            "local_places": [p.to_json() for p in self.local_places],
            "files": {name: f.to_json() for name, f in self.files.items()},
            "parts": self.parts,
            "properties": self.properties,
            "shared": self.shared,
            "classes": list(self.classes),
            "events": [list(e) for e in self.events],
            "warnings": list(self.warnings),
        }
        if self.report_ttl is not None:
            data["report_ttl"] = self.report_ttl
        if self.offsets is not None:
            data["offsets"] = self.offsets
        if self.where is not None:
            data["where"] = self.where
        if self.inputs is not None:
            data["inputs"] = [list(st) for st in self.inputs]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ArticleEntry:
        """An entry as :meth:`to_json` wrote it (a manifest of another shape raises KeyError,
        TypeError or ValueError: the build then reads it as no manifest)."""
        return cls(
            key=data["key"],
            registry=RegistryUse.from_json(data["registry"]),
            graph_iri=data["graph_iri"],
            article_iri=data["article_iri"],
            counts=dict(data["counts"]),
            actors=tuple(data["actors"]),
            places=tuple(data["places"]),
            claims=tuple(data["claims"]),
            refs=tuple(ClaimRef.from_json(r) for r in data["refs"]),
            local_actors=tuple(Actor.from_json(a) for a in data["local_actors"]),
            local_places=tuple(Place.from_json(p) for p in data["local_places"]),
            files={name: FileRecord.from_json(f) for name, f in data["files"].items()},
            parts=dict(data["parts"]),
            properties=dict(data["properties"]),
            shared=dict(data["shared"]),
            classes=tuple(data["classes"]),
            events=tuple(tuple(e) for e in data["events"]),
            warnings=tuple(data["warnings"]),
            report_ttl=data.get("report_ttl"),
            offsets=dict(data["offsets"]) if "offsets" in data else None,
            where=dict(data["where"]) if "where" in data else None,
            inputs=tuple(map(tuple, data["inputs"])) if "inputs" in data else None,
            read_from=data,
        )
