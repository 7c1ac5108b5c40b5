"""The build's embedded store: the dataset in an Oxigraph database (``OUT/store/``).

``ld-export query`` reads a build folder through it when it is there and up to date: a query
then runs in Rust over indexes on disk instead of parsing the whole dataset into rdflib first,
which for a build of thousands of articles is the difference between milliseconds and minutes.

A store is *up to date* when the file ``OUT/store/ld-export.sha256`` holds the SHA-256 of the
build's ``void.ttl``: the build writes it last, after the store holds exactly the quads of ``dataset.nq``
(or of its parts). Beside the digest it keeps the size and modification time ``void.ttl`` had then:
while they are the same the file is not read again; when they differ (a copy of the folder, say)
the digest decides. A build in parts describes its articles in ``void-0001.ttl`` and on, and
``void.ttl`` names each with its SHA-256, so the digest of ``void.ttl`` stands for them all. A
store that is not up to date (a build was interrupted while it was being changed) is not used;
queries then read ``dataset.nq`` as without a store. Unlike the data files, the store's
own files are not byte-identical across builds: it is a database, not an output format.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from . import processes
from .layout import BuildLayout

_BATCH = 64 << 20  # bytes of N-Quads per bulk load


class Loader:
    """Loads a new store in ``folder`` in a process of its own, while the build goes on.

    :meth:`add` names a piece of N-Quads (a file, offset and length: one article's graph, as
    written for ``dataset.nq``); the loader reads it, and loads it twice: as quads, and as triples
    into the default graph, which so holds the union of the named graphs with each triple once.
    Pieces are gathered into bulk loads of about 64 MB: Oxigraph's bulk loader holds its whole
    input in memory while it sorts it (1.7 GB for 2.5 million quads at once; about 0.5 GB in
    pieces, as fast). Loading takes about as long as building the articles, on one core: in a
    process of its own it runs while the workers build, instead of after them.
    """

    def __init__(self, folder: Path):
        context = processes.context()
        self._queue = context.Queue()
        self._answer, answer = context.Pipe(duplex=False)
        self._process = context.Process(target=_load, args=(str(folder), self._queue, answer, os.getpid()),
                                        daemon=True)  # fmt: skip
        with processes.starting():
            self._process.start()
        answer.close()  # the loader holds the only writing end: it closes when the loader ends

    def add(self, path: Path, offset: int, length: int, graph: str) -> None:
        self._queue.put((str(path), offset, length, graph))

    def finish(self) -> None:
        """Wait until everything added is in the store; raise if loading failed or the loader
        ended without saying so (killed, or it could not start)."""
        self._queue.put(None)
        try:
            problem = self._answer.recv()
        except EOFError:
            self._process.join()
            problem = f"the loading process ended unexpectedly (exit code {self._process.exitcode})"
        self._answer.close()
        if problem is not None:
            self._queue.cancel_join_thread()  # nobody reads the queue any more: do not wait for it at exit
            self._process.join()
            raise OSError(f"the store could not be loaded: {problem}")
        self._process.join()

    def abort(self) -> None:
        """Stop loading at once (the store being loaded is not wanted any more)."""
        if self._process.is_alive():
            self._process.kill()
        self._process.join()
        self._queue.cancel_join_thread()  # what is still queued for the loader is dropped, not waited for
        self._queue.close()
        self._answer.close()


def _load(folder: str, queue, answer, parent: int) -> None:
    processes.worker_init(parent)
    try:
        store = ox.Store(folder)
        quads: list[bytes] = []
        triples: list[bytes] = []
        size = 0

        def flush() -> None:
            if quads:
                store.bulk_load(b"".join(quads), format=ox.RdfFormat.N_QUADS)
                store.bulk_load(b"".join(triples), format=ox.RdfFormat.N_TRIPLES)
            quads.clear()
            triples.clear()

        while (item := queue.get()) is not None:
            path, offset, length, graph = item
            with open(path, "rb") as f:
                f.seek(offset)
                data = f.read(length)
            quads.append(data)
            # In N-Quads a line ends with " <graph> .\n", which cannot occur inside a literal.
            triples.append(data.replace(f" <{graph}> .\n".encode(), b" .\n"))
            size += len(data)
            if size >= _BATCH:
                flush()
                size = 0
        flush()
        store.flush()
        store.optimize()  # compacted: lookups, and so queries, about twice as fast
        answer.send(None)
    except BaseException as e:  # noqa: BLE001 - reported by finish() in the build's process
        answer.send(f"{type(e).__name__}: {e}")


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
        return hashlib.sha256(BuildLayout(out).description.read_bytes()).hexdigest()
    except OSError:
        return None


def _stat(path: Path) -> str | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return f"{st.st_size} {st.st_mtime_ns}"


def mark(out: Path, digest: str | None = None) -> None:
    """Record that the store in ``out`` holds the build described by ``out/void.ttl``, whose
    SHA-256 is ``digest`` (computed here if not given)."""
    layout = BuildLayout(out)
    digest = digest or description_digest(out)
    stat = _stat(layout.description)
    if digest is not None and stat is not None and layout.store.is_dir():
        layout.store_mark.write_text(f"{digest} {stat}\n", encoding="ascii")


def unmark(out: Path) -> None:
    BuildLayout(out).store_mark.unlink(missing_ok=True)


def _read_mark(folder: Path) -> tuple[str, str] | None:
    """(digest, the size and time of ``void.ttl`` then) from the mark of the store in ``folder``."""
    try:
        digest, _, stat = (folder / BuildLayout.STORE_MARK).read_text(encoding="ascii").strip().partition(" ")
    except OSError:
        return None
    return (digest, stat) if digest else None


def marked_digest(folder: Path) -> str | None:
    """The digest the mark of the store in ``folder`` records: which build's data it holds."""
    mark = _read_mark(folder)
    return mark[0] if mark else None


def current(out: Path) -> Path | None:
    """The store of the build in ``out`` if it is there and up to date, else None."""
    layout = BuildLayout(out)
    folder = layout.store
    mark = _read_mark(folder)
    if mark is None:
        return None
    digest, stat = mark
    if not folder.is_dir():
        return None
    if stat and stat == _stat(layout.description):
        return folder
    return folder if digest == description_digest(out) else None


def open_read_only(folder: Path) -> ox.Store:
    return ox.Store.read_only(str(folder))
