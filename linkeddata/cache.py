"""What a build remembers for the next one, so that an edit to one article rebuilds one article.

A successful build leaves ``OUT/.ld-export-cache/manifest.json``: for each article, the hash of
everything its output depends on (its text and annotation, the registry entries it uses, the
base IRI, the formats, the ontology, the shapes and the version of ld-export), the size and
modification time its text and annotation had when they were hashed (while they stay the same, the
next build with the same options trusts the hash without reading them, as ``make`` and ``rsync``
trust a file's time and size; a file modified less than two seconds before is always read), what the build
made of it (counts, the facts the checks across articles need, its statistics) and where its
output is (its own files, with size and modification time, and the byte ranges of its parts of
``dataset.nq``, ``dataset.trig`` (or of the parts of those that hold it) and ``void.ttl``); and,
for the whole build, the parts of the dataset files with the articles each holds and its SHA-256.
The next build into the same folder reuses an article whose inputs hash the same and whose files
are still as it left them, and a part of the dataset files whose articles are all reused;
everything else is built again. The output is byte-identical to a clean build (tested).

The manifest is JSON (never pickle: the folder may come from elsewhere), read and written with
orjson: at 10,000 articles it is about 190 MB, and the standard library's encoder took longer to
write it than the rest of a rebuild after one edit. The articles' entries are in files of their
own, one for each part of the dataset files (``articles-HASH.json``, named by what they hold), so
that a build after an edit writes again only the one that changed. A manifest that cannot be read, or of another
version, is ignored: the build is then a clean one.

Besides the manifest, ``OUT/.ld-export-cache/owned.json`` lists every name in ``OUT`` that a build
wrote (files, and the ``store`` folder). It is never dropped: a build adds the names it is about to
write *before* it moves them into place, and sets the list to exactly what is there once it is
done. A build removes or replaces only names on that list (so a folder or file of the user's in
the output folder is never touched), and removes every listed name it no longer writes (so the
output folder describes the current input even when the manifest was not used, ``--no-reuse``, or
was lost to a kill).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import fields
from functools import cache
from pathlib import Path
from typing import Any

import orjson

from . import __version__, resources
from .annotation import Registry
from .errors import InputError
from .layout import BuildLayout, check_file_name, write_files

FORMAT = 5


@cache
def _tool_digest() -> str:
    """The version of ld-export, ontology, shapes and the JSON-LD context: a change to any of them
    changes every article's output."""
    h = hashlib.sha256(f"ld-export {__version__} cache {FORMAT}\n".encode())
    for path in (resources.ontology_file(), resources.shapes_file(), resources.context_file()):
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def input_key(text: Path, annotation: Path, options_key: str) -> str:
    """The hash of an article's own inputs (its registry entries are checked separately) and of
    ``options_key``, the build options that shape its output
    (:meth:`~linkeddata.pipeline.options.BuildOptions.output_key`)."""
    h = hashlib.sha256(_tool_digest().encode())
    h.update(json.dumps([options_key, text.name, annotation.name]).encode())
    for path in (text, annotation):
        try:
            data = path.read_bytes()
        except OSError as e:
            raise InputError(f"cannot read the file: {e.strerror or e}", path) from None
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


# A file modified this recently is hashed again by the next build even if its size and time are
# the same then: an edit within the same tick of the file system's clock can keep both (git's
# "racily clean" files).
RACY_NS = 2_000_000_000


def input_stat(text: Path, annotation: Path, now_ns: int) -> tuple[tuple[int, int], ...] | None:
    """(size, modification time) of an article's text and annotation, taken before they are read,
    for the next build to trust in place of reading and hashing them again (10,000 articles are
    300 MB); None when either is missing or was modified less than two seconds before ``now_ns``."""
    stats = (stat_of(text), stat_of(annotation))
    if None in stats or any(st[1] > now_ns - RACY_NS for st in stats):
        return None
    return tuple(tuple(st) for st in stats)


def _record(entry: Any) -> list:
    """A registry entry as it affects the data: every field but where it was written."""
    return [[f.name, getattr(entry, f.name)] for f in fields(entry) if f.name not in ("origin", "key_lines")]


def registry_digest(registry: Registry, actor_ids: list[str], place_ids: list[str], event_ids: list[str] = ()) -> str:
    """The hash of the registry entries an article uses (a missing entry hashes as missing): the
    SHA-256 of ``json.dumps`` of their records, each record written once per registry."""
    written = registry.__dict__.setdefault("_records_json", {})  # frozen: kept beside the fields
    pieces = []
    for kind, ids, known in (("actor", actor_ids, registry.actors), ("place", place_ids, registry.places),
                             ("event", event_ids, registry.events)):  # fmt: skip
        for i in ids:
            piece = written.get((kind, i))
            if piece is None:
                record = [kind, i, _record(known[i]) if i in known else None]
                piece = written[(kind, i)] = json.dumps(record, ensure_ascii=False)
            pieces.append(piece)
    return hashlib.sha256(("[" + ", ".join(pieces) + "]").encode()).hexdigest()


def stat_of(path: str | Path) -> list[int] | None:
    """(size, modification time in ns) of a file, or None if it is missing."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def load(out: Path) -> dict:
    """The manifest of the build in ``out``, or an empty one."""
    layout = BuildLayout(out)
    try:
        data = orjson.loads(layout.manifest.read_bytes())
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("tool") != _tool_digest():
            return {}
        articles: dict[str, Any] = {}
        for name in data.pop("article_files", []):
            check_file_name(name, layout.cache)
            articles.update(orjson.loads((layout.cache / name).read_bytes()))
    except (OSError, ValueError, InputError):  # orjson.JSONDecodeError is a ValueError
        return {}
    return {**data, "articles": articles}


def save(out: Path, manifest: dict, groups: list[list[str]] | None = None) -> None:
    """Write the manifest (atomically; a failure only costs the next build its reuse).

    The articles' entries are kept apart from the rest, in one file for each of ``groups`` (the
    parts of the dataset files; default one for all), named by the hash of what it holds: a file
    already there holds exactly that, and is not written again. After an edit only the edited
    article's group is written (at 10,000 articles, about 3 MB instead of 190 MB), and then the
    manifest, which names the groups' files; files no longer named go."""
    layout = BuildLayout(out)
    articles = manifest.get("articles", {})
    names, new = [], {}
    for group in groups if groups is not None else [list(articles)]:
        data = orjson.dumps({slug: articles[slug] for slug in group})
        name = f"articles-{hashlib.blake2b(data, digest_size=16).hexdigest()}.json"
        names.append(name)
        if not (layout.cache / name).is_file():
            new[name] = data
    head = {key: value for key, value in manifest.items() if key != "articles"}
    data = orjson.dumps({"format": FORMAT, "tool": _tool_digest(), **head, "article_files": names})
    try:
        write_files(layout.cache, new)
        stale = [p.name for p in layout.cache.glob("articles-*.json") if p.name not in set(names)]
        write_files(layout.cache, {layout.MANIFEST: data}, remove=stale)
    except InputError:
        pass


def owned(out: Path) -> set[str]:
    """The names in ``out`` that builds wrote (see the module's docstring).

    A folder built before this list existed is read from its manifest: its files, its dataset
    files, and its store when the store carries the build's mark."""
    layout = BuildLayout(out)
    try:
        data = json.loads(layout.owned.read_text(encoding="utf-8"))
        if isinstance(data, dict) and isinstance(data.get("owned"), list):
            return {n for n in data["owned"] if isinstance(n, str) and n and "/" not in n and n not in (".", "..")}
    except (OSError, ValueError):
        pass
    manifest = load(out)
    names = set(manifest.get("whole", {}))
    for entry in manifest.get("articles", {}).values():
        names.update(entry.get("files", {}))
    if layout.store_mark.is_file():
        names.add(layout.STORE)
    return names


def own(out: Path, names: set[str]) -> None:
    """Record ``names`` as the names in ``out`` that builds wrote (atomically, flushed to disk:
    the list must survive a kill, or the next build would not know what it may remove)."""
    layout = BuildLayout(out)
    data = json.dumps({"owned": sorted(names)}, ensure_ascii=False, indent=0) + "\n"
    write_files(layout.cache, {layout.OWNED: data.encode("utf-8")})


def forget(out: Path) -> None:
    """Drop the manifest (before output files change, so a half-finished change is never trusted)."""
    try:
        BuildLayout(out).manifest.unlink(missing_ok=True)
    except OSError:
        pass
