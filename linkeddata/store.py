"""The build's embedded store: the dataset in an Oxigraph database (``OUT/store/``).

``ld-export query`` reads a build folder through it when it is there and up to date: a query
then runs in Rust over indexes on disk instead of parsing the whole dataset into rdflib first,
which for a build of thousands of articles is the difference between milliseconds and minutes.

A store is *up to date* when the file ``OUT/store/ld-export.sha256`` holds the SHA-256 of the
build's ``void.ttl``: the build writes it last, after the store holds exactly the quads of ``dataset.nq``.
A store that is not up to date (a build was interrupted while it was being changed) is not
used; queries then read ``dataset.nq`` as without a store. Unlike the data files, the store's
own files are not byte-identical across builds: it is a database, not an output format.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

STORE_NAME = "store"
MARK_NAME = "ld-export.sha256"


_BATCH = 64 << 20  # bytes of N-Quads per bulk load


def _batches(path: Path):
    """The file in pieces of about ``_BATCH`` bytes, each ending at the end of a line."""
    with path.open("rb") as f:
        while True:
            data = f.read(_BATCH)
            if not data:
                return
            if not data.endswith(b"\n"):
                data += f.readline()
            yield data


def create(folder: Path, nquads: Path, union: Path) -> None:
    """A new store in ``folder`` holding the N-Quads file ``nquads`` (parsed and indexed in bulk),
    with the triples of the N-Triples file ``union`` (all of them) as its default graph.

    Loaded in pieces of 64 MB: Oxigraph's bulk loader holds a whole input in memory while it
    sorts it (1.7 GB for 2.5 million quads); in pieces it needs about 0.5 GB, and is as fast."""
    store = ox.Store(str(folder))
    for path, fmt in ((nquads, ox.RdfFormat.N_QUADS), (union, ox.RdfFormat.N_TRIPLES)):
        for data in _batches(path):
            store.bulk_load(data, format=fmt)
    store.flush()
    del store


# A triple leaves the default graph (the union) with the last named graph that holds it.
_LEAVE_UNION = """
DELETE {{ ?s ?p ?o }} WHERE {{
  GRAPH <{graph}> {{ ?s ?p ?o }}
  FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER (?other != <{graph}>) }}
}}
"""


def update(folder: Path, remove: Iterable[str], add: Iterable[tuple[str, Path]]) -> None:
    """Drop the named graphs ``remove`` and load each (graph IRI, N-Quads file) of ``add`` in
    place of the graph of that name, keeping the default graph the union of the named graphs."""
    store = ox.Store(str(folder))
    for graph in [*remove, *(g for g, _ in add)]:
        store.update(_LEAVE_UNION.format(graph=graph))
        store.remove_graph(ox.NamedNode(graph))
    for _graph, path in add:
        with path.open("rb") as f:
            quads = list(ox.parse(f, format=ox.RdfFormat.N_QUADS))
        store.extend(quads)
        store.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in quads)
    store.flush()
    del store


def description_digest(out: Path) -> str | None:
    try:
        return hashlib.sha256((out / "void.ttl").read_bytes()).hexdigest()
    except OSError:
        return None


def mark(out: Path) -> None:
    """Record that the store in ``out`` holds the build described by ``out/void.ttl``."""
    digest = description_digest(out)
    if digest is not None and (out / STORE_NAME).is_dir():
        (out / STORE_NAME / MARK_NAME).write_text(digest + "\n", encoding="ascii")


def unmark(out: Path) -> None:
    (out / STORE_NAME / MARK_NAME).unlink(missing_ok=True)


def current(out: Path) -> Path | None:
    """The store of the build in ``out`` if it is there and up to date, else None."""
    folder = out / STORE_NAME
    try:
        marked = (folder / MARK_NAME).read_text(encoding="ascii").strip()
    except OSError:
        return None
    return folder if folder.is_dir() and marked == description_digest(out) else None


def open_read_only(folder: Path) -> ox.Store:
    return ox.Store.read_only(str(folder))
