"""Assembling the dataset: the whole-build files put together from the articles' parts, the
build's description and report, and everything moved into place at once.

The parts of a freshly built article are in the staging folder (written by its worker); those of
a reused article are read from the previous build's files, at the offsets its manifest entry
gives. Then the folder is changed in one go (:class:`~linkeddata.layout.Staging`), the store is
finished or updated in place, and the manifest is saved for the next build.
"""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from rdflib import URIRef

from .. import cache
from .. import store as embedded
from ..describe import describe_dataset, description_part, description_prefixes
from ..errors import InputError
from ..layout import BuildLayout, Staging
from ..validate import ValidationReport
from ..write import FORMATS
from .manifest import ArticleEntry, FileRecord
from .options import BuildOptions
from .worker import Progress, part_path

Placed = tuple[dict[str, int], dict[str, str]]  # an article's offsets in the whole-build files, and those files


@dataclass
class Assembly:
    """One build's assembly: what it puts together, and where.

    ``order``: the slugs in named-graph order, and ``chunks`` the same cut into the parts of the
    dataset files (:mod:`.parts`); ``entries``: slug → manifest entry (reused ones placed, fresh
    ones not yet); ``fresh``: the slugs built by this build; ``dropped``: graph IRIs of the
    previous build's articles that are gone; ``owned``: what earlier builds wrote; ``previous``:
    the previous build's manifest (its parts of the dataset files, and their digests)."""

    layout: BuildLayout
    staging: Staging
    options: BuildOptions
    order: list[str]
    chunks: list[list[str]]
    entries: dict[str, ArticleEntry]
    fresh: set[str]
    dropped: list[str]
    owned: set[str]
    in_place: bool
    loader: embedded.Loader | None
    report: ValidationReport
    say: Progress
    previous: dict = field(default_factory=dict)
    triples: int = 0  # distinct triples of the union of the graphs, once counted
    description_digest: str | None = None  # SHA-256 of the void.ttl written

    def run(self) -> tuple[list[Path], int]:
        """Write the build into place. Returns the files written and the number of distinct
        triples in the union of the graphs."""
        layout, staging, entries = self.layout, self.staging, self.entries
        names = dataset_names(self.options, len(self.chunks))
        wanted = list(names)
        if self.loader is not None:  # the reused articles' graphs, from the previous build's N-Quads
            for slug in self.order:
                if slug not in self.fresh:
                    e = entries[slug]
                    self.loader.add(layout.out / e.where["nquads"], e.offsets["nquads"], e.parts["nquads"],
                                    e.graph_iri)  # fmt: skip
        self.say(f"writing {', '.join(self.options.formats)}")
        placed = {slug: ({}, {}) for slug in self.order}  # slug → (offsets, file of each part)
        files = self._dataset_files(wanted, names, placed)
        described_in = {name: files.pop(name) for name in names.get(DESCRIBED, [])}

        properties = union_properties(entries[slug] for slug in self.order)
        triples = self.triples = sum(properties.values())
        classes: set[str] = set()
        for slug in self.order:
            classes.update(entries[slug].classes)
        description = describe_dataset(
            len(self.order), triples, {URIRef(p): n for p, n in sorted(properties.items())},
            {URIRef(c) for c in sorted(classes)}, files, self.options.base_iri, self.options.issued, described_in,
        )  # fmt: skip
        head = description_prefixes() + description_part(description)
        self.description_digest = self._description(head, placed, with_articles=not described_in)
        files.update(described_in)
        for slug in self.order:
            offsets, where = placed[slug]
            entries[slug] = entries[slug].placed(offsets, where)
        staging.put(layout.REPORT, self.report.serialize())
        written = self._commit(wanted, names, files)
        return written, triples

    def _dataset_files(self, wanted: list[str], names: dict[str, list[str]], placed: dict[str, Placed]
                       ) -> dict[str, tuple[int, str]]:  # fmt: skip
        """Write the parts of the dataset files that changed, from the articles' parts, in
        named-graph order; keep (or link under its new number) each part that holds the same
        articles as a part of the previous build, none of them built again. Records where each
        article's parts are in ``placed``; returns each file's size and SHA-256."""
        staging, entries, out = self.staging, self.entries, self.layout.out
        before = {tuple(p["slugs"]): p["files"] for p in self.previous.get("dataset_parts", [])}
        known = self.previous.get("digests", {})
        olds: dict[str, BinaryIO] = {}
        files: dict[str, tuple[int, str]] = {}
        try:
            for i, chunk in enumerate(self.chunks):
                kept = None if any(slug in self.fresh for slug in chunk) else before.get(tuple(chunk))
                for fmt in wanted:
                    name = names[fmt][i]
                    if kept is not None and kept.get(fmt) in known:
                        old = kept[fmt]
                        if old != name:  # the same articles, under another number
                            os.link(out / old, staging.add(name))
                        files[name] = tuple(known[old])
                        for slug in chunk:
                            offsets, where = placed[slug]
                            offsets[fmt], where[fmt] = entries[slug].offsets[fmt], name
                        continue
                    digest = hashlib.sha256()
                    with open(staging.add(name), "wb") as dst:
                        head = description_prefixes() if fmt == DESCRIBED else FORMATS[fmt].head()
                        dst.write(head)
                        digest.update(head)
                        for slug in chunk:
                            offsets, where = placed[slug]
                            offsets[fmt], where[fmt] = dst.tell(), name
                            data = self._part_of(slug, fmt, olds)
                            dst.write(data)
                            digest.update(data)
                        files[name] = (dst.tell(), digest.hexdigest())
        finally:
            for f in olds.values():
                f.close()
        return files

    def _description(self, head: bytes, placed: dict[str, Placed], with_articles: bool) -> str:
        """The build's ``void.ttl``: ``head`` (the dataset's description) and, ``with_articles``,
        the articles' parts in named-graph order (else they are in the description's parts,
        written with the dataset files, which the head names with their checksums), written once
        into place and hashed as it is written (the SHA-256 the store's mark records, returned)."""
        olds: dict[str, BinaryIO] = {}
        digest = hashlib.sha256(head)
        try:
            with open(self.staging.add(self.layout.DESCRIPTION), "wb") as dst:
                dst.write(head)
                for slug in self.order if with_articles else ():
                    placed[slug][0][DESCRIBED] = dst.tell()
                    data = self._part_of(slug, DESCRIBED, olds)
                    dst.write(data)
                    digest.update(data)
        finally:
            for f in olds.values():
                f.close()
        return digest.hexdigest()

    def _part_of(self, slug: str, part: str, olds: dict[str, BinaryIO]) -> bytes:
        """An article's part of a whole-build file: written by its worker into the staging folder
        (and removed from there once read, unless the store's loader still needs it), or read
        from the previous build's file at the offset its manifest entry gives."""
        e = self.entries[slug]
        if slug in self.fresh:
            piece = part_path(self.staging.path, slug, part)
            data = piece.read_bytes()
            if part != "nquads" or self.loader is None:
                piece.unlink()
        else:
            name = e.where.get(part, self.layout.DESCRIPTION) if part == DESCRIBED else e.where[part]
            src = olds.get(name)
            if src is None:
                src = olds[name] = open(self.layout.out / name, "rb")  # noqa: SIM115 - closed by the caller
            src.seek(e.offsets[part])
            data = src.read(e.parts[part])
        if len(data) != e.parts[part]:
            raise InputError("the previous build's files are shorter than its manifest says", self.layout.out)
        return data

    def _commit(self, wanted: list[str], names: dict[str, list[str]], files: dict[str, tuple[int, str]]) -> list[Path]:
        """Move everything into place, finish or update the store, save the manifest."""
        layout, staging, entries, out = self.layout, self.staging, self.entries, self.layout.out
        store_now = self.options.writes_store
        # The per-article files: new ones are in the staging folder; reused ones are in place already.
        for slug in self.order:
            if slug in self.fresh:
                for name in entries[slug].files:
                    staging.add(name)
        # What the folder holds once this build is in place; every other name an earlier build wrote goes.
        now = {name for slug in self.order for name in entries[slug].files}
        whole = [name for fmt in wanted for name in names[fmt]] + [layout.DESCRIPTION]
        now |= {*whole, layout.REPORT}
        if store_now:
            now.add(layout.STORE)
        gone = sorted(self.owned - now - {layout.STORE})
        cache.own(out, self.owned | now)  # before anything moves: a kill from here on leaves no name unaccounted for

        dirs = []
        if layout.STORE in self.owned:
            embedded.unmark(out)
        cache.forget(out)
        if self.in_place:
            changed = [slug for slug in self.order if slug in self.fresh]
            self.say(f"updating the store: {len(changed)} graph(s) changed, {len(self.dropped)} removed")
            add = []
            for slug in changed:
                piece = staging.path / "parts" / (slug + ".store.nq")
                e = entries[slug]
                with open(staging.path / e.where["nquads"], "rb") as src:
                    src.seek(e.offsets["nquads"])
                    piece.write_bytes(src.read(e.parts["nquads"]))
                add.append((e.graph_iri, piece))
            embedded.update(layout.store, self.dropped, add)
        elif self.loader is not None:
            self.say("finishing the store")
            self.loader.finish()
            dirs.append(layout.STORE)
        written = staging.commit(remove=gone, dirs=dirs)
        if not store_now:
            if layout.STORE in self.owned:  # no store this time: an old one must not answer for this build
                shutil.rmtree(layout.store, ignore_errors=True)
        else:
            embedded.mark(out, self.description_digest)
        cache.own(out, now)

        for slug in self.fresh:  # a reused article's files are the ones its entry was checked against
            e = entries[slug]
            entries[slug] = e.with_files({name: FileRecord(f.sha256, *cache.stat_of(out / name) or [])
                                          for name, f in e.files.items()})  # fmt: skip
        issued = self.options.issued.isoformat() if self.options.issued is not None else None
        articles = {slug: entries[slug].to_json() for slug in self.order}
        dataset_parts = [{"slugs": chunk, "files": {fmt: names[fmt][i] for fmt in wanted}}
                         for i, chunk in enumerate(self.chunks)]  # fmt: skip
        cache.save(out, {"articles": articles, "whole": {name: cache.stat_of(out / name) for name in whole},
                         "digests": {name: list(files[name]) for name in whole if name in files},
                         "dataset_parts": dataset_parts, "report": cache.stat_of(layout.report),
                         "issued": issued, "triples": self.triples,
                         "output_key": self.options.output_key()}, self.chunks)  # fmt: skip
        return written


DESCRIBED = "void"  # an article's part of the description, written as the dataset files' parts are


def dataset_names(options: BuildOptions, chunks: int) -> dict[str, list[str]]:
    """The dataset formats a build with ``options`` writes, in the files' order whatever was
    asked, each with the names of its files in ``chunks`` parts; past one part, also the parts
    of the description (:data:`DESCRIBED`), cut as the dataset files are."""
    wanted = [name for name in ("nquads", "trig") if name in options.formats]
    names = {name: BuildLayout.dataset_names(FORMATS[name].extension, chunks) for name in wanted}
    if chunks > 1:
        names[DESCRIBED] = BuildLayout.description_part_names(chunks)
    return names


def union_properties(entries: Iterable[ArticleEntry]) -> Counter[str]:
    """Property → distinct triples in the union of the articles' graphs (manifest entries)."""
    properties: Counter[str] = Counter()
    shared: dict[str, set[int]] = {}
    for entry in entries:
        properties.update(entry.properties)
        for prop, blob in entry.shared.items():
            # Each 8-byte digest read as one integer, in C: a set of them is a set of the digests.
            digests = memoryview(base64.b64decode(blob)).cast("Q")
            properties[prop] -= len(digests)
            shared.setdefault(prop, set()).update(digests)
    for prop, digests in shared.items():
        properties[prop] += len(digests)
    return properties
