"""Assembling the dataset: the whole-build files put together from the articles' parts, the
build's description and report, and everything moved into place at once.

The parts of a freshly built article are in the staging folder (written by its worker); those of
a reused article are read from the previous build's files, at the offsets its manifest entry
gives. Then the folder is changed in one go (:class:`~linkeddata.layout.Staging`), the store is
finished or updated in place, and the manifest is saved for the next build.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import shutil
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
from .worker import DIGEST, Progress, part_path

_CHUNK = 1 << 20


@dataclass
class Assembly:
    """One build's assembly: what it puts together, and where.

    ``order``: the slugs in named-graph order; ``entries``: slug → manifest entry (reused ones
    placed, fresh ones not yet); ``fresh``: the slugs built by this build; ``dropped``: graph IRIs
    of the previous build's articles that are gone; ``owned``: what earlier builds wrote."""

    layout: BuildLayout
    staging: Staging
    options: BuildOptions
    order: list[str]
    entries: dict[str, ArticleEntry]
    fresh: set[str]
    dropped: list[str]
    owned: set[str]
    in_place: bool
    loader: embedded.Loader | None
    report: ValidationReport
    say: Progress
    triples: int = 0  # distinct triples of the union of the graphs, once counted

    def run(self) -> tuple[list[Path], int]:
        """Write the build into place. Returns the files written and the number of distinct
        triples in the union of the graphs."""
        layout, staging, entries = self.layout, self.staging, self.entries
        wanted = [name for name in self.options.formats if FORMATS[name].dataset]
        wanted = [name for name in ("nquads", "trig") if name in wanted]  # the files' order, whatever was asked
        names = {name: FORMATS[name].file_name("") for name in wanted}
        names["void"] = layout.DESCRIPTION
        if self.loader is not None:  # the reused articles' graphs, from the previous dataset.nq
            for slug in self.order:
                if slug not in self.fresh:
                    e = entries[slug]
                    self.loader.add(layout.nquads, e.offsets["nquads"], e.parts["nquads"], e.graph_iri)
        self.say(f"writing {', '.join(self.options.formats)}")
        digests = self._concatenate(wanted, names)

        properties = union_properties(entries[slug] for slug in self.order)
        triples = self.triples = sum(properties.values())
        classes: set[str] = set()
        for slug in self.order:
            classes.update(entries[slug].classes)
        whole_files = {names[p]: ((staging.path / names[p]).stat().st_size, digests[p].hexdigest()) for p in wanted}
        description = describe_dataset(
            len(self.order), triples, {URIRef(p): n for p, n in sorted(properties.items())},
            {URIRef(c) for c in sorted(classes)}, whole_files, self.options.base_iri, self.options.issued,
        )  # fmt: skip
        head = description_prefixes() + description_part(description)
        void_body = staging.path / "parts" / "void.body"
        with open(staging.add(names["void"]), "wb") as dst:
            dst.write(head)
            with void_body.open("rb") as src:
                shutil.copyfileobj(src, dst, _CHUNK)
        void_body.unlink()
        for slug in self.order:
            e = entries[slug]
            entries[slug] = e.placed({**e.offsets, "void": e.offsets["void"] + len(head)})
        staging.put(layout.REPORT, self.report.serialize())
        written = self._commit(wanted, names)
        return written, triples

    def _concatenate(self, wanted: list[str], names: dict[str, str]) -> dict[str, Any]:
        """Write the whole-build files (the description's body apart) from the articles' parts, in
        named-graph order; place every entry at its offsets. Returns each file's SHA-256 so far."""
        layout, staging, entries = self.layout, self.staging, self.entries
        parts = [*wanted, "void"]
        reused = any(slug not in self.fresh for slug in self.order)
        olds = {part: open(layout.out / names[part], "rb") for part in parts if reused}  # noqa: SIM115
        digests = {part: hashlib.sha256() for part in parts}
        try:
            with contextlib.ExitStack() as stack:
                handles = {part: stack.enter_context(open(staging.add(names[part]), "wb")) for part in wanted}
                handles["void"] = stack.enter_context(open(staging.path / "parts" / "void.body", "wb"))
                for part in wanted:
                    head = FORMATS[part].head()
                    handles[part].write(head)
                    digests[part].update(head)
                for slug in self.order:
                    e = entries[slug]
                    offsets = {}
                    for part, dst in handles.items():
                        offsets[part] = dst.tell()
                        if slug not in self.fresh:
                            olds[part].seek(e.offsets[part])
                            data = olds[part].read(e.parts[part])
                        else:
                            piece = part_path(staging.path, slug, part)
                            data = piece.read_bytes()
                            if part != "nquads" or self.loader is None:  # else the loader may still need it
                                piece.unlink()
                        if len(data) != e.parts[part]:
                            raise InputError("the previous build's files are shorter than its manifest says",
                                             layout.out)  # fmt: skip
                        dst.write(data)
                        digests[part].update(data)
                    entries[slug] = e.placed(offsets)
        finally:
            for f in olds.values():
                f.close()
        return digests

    def _commit(self, wanted: list[str], names: dict[str, str]) -> list[Path]:
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
        now |= {names[p] for p in [*wanted, "void"]} | {layout.REPORT}
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
                with open(staging.path / names["nquads"], "rb") as src:
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
            embedded.mark(out)
        cache.own(out, now)

        for slug in self.order:
            e = entries[slug]
            entries[slug] = e.with_files({name: FileRecord(f.sha256, *cache.stat_of(out / name) or [])
                                          for name, f in e.files.items()})  # fmt: skip
        issued = self.options.issued.isoformat() if self.options.issued is not None else None
        whole = {names[p]: cache.stat_of(out / names[p]) for p in [*wanted, "void"]}
        articles = {slug: entries[slug].to_json() for slug in self.order}
        cache.save(out, {"articles": articles, "whole": whole, "report": cache.stat_of(layout.report),
                         "issued": issued, "triples": self.triples})  # fmt: skip
        return written


def union_properties(entries: Iterable[ArticleEntry]) -> Counter[str]:
    """Property → distinct triples in the union of the articles' graphs (manifest entries)."""
    properties: Counter[str] = Counter()
    shared: dict[str, set[bytes]] = {}
    for entry in entries:
        properties.update(entry.properties)
        for prop, blob in entry.shared.items():
            digests = base64.b64decode(blob)
            properties[prop] -= len(digests) // DIGEST
            shared.setdefault(prop, set()).update(digests[i : i + DIGEST] for i in range(0, len(digests), DIGEST))
    for prop, digests in shared.items():
        properties[prop] += len(digests)
    return properties


