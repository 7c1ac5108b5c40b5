"""The named queries' answers, found once when the build is made (``ld-export build --answers``).

A named query about the whole corpus sorts all of its rows before giving the first: at 10,000
articles the store needs seconds to tens of seconds for it however it is asked (README: large
corpora). These answers do not change until the data does, so a build asked for them finds each
one in the store after it is loaded and keeps it in ``OUT/store/answers/``:

- ``NAME.tsv``: the answer, as the store gave it, in SPARQL 1.1 Query Results TSV (one row a line);
- ``NAME.PARAMETER.tsv`` and ``NAME.PARAMETER.json`` for each parameter the query declares
  (``# parameter: ?actor …``) when its answer is not grouped: the rows of the answer about each
  value of the parameter, one value after another, each in the answer's order, and where each
  value's rows are in the file: the rows of the answer that have that actor or article, as
  ``--bind`` promises. Such a query is asked once, with its parameters added to what it selects,
  and its answer and its answers about each value are all taken from that one answer;
- ``ld-export.sha256``: the digest of the store's mark when they were found, written last.

``ld-export query`` reads an answer from here when the build folder's store is up to date and the
answers carry its digest; otherwise (no answers asked, a build since that changed the data) it asks
the store as before. Either way it gives the same rows in the same order (tests/test_answers.py
compares every named query, and every value of its parameters, with the store's answer).
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import as_completed
from pathlib import Path

import pyoxigraph as ox

from . import processes
from . import store as embedded

FOLDER = "answers"
DIGEST = "ld-export.sha256"

_TSV = ox.QueryResultsFormat.TSV
_GROUPED = re.compile(r"\bGROUP\s+BY\b", re.I)


def folder_of(store: Path) -> Path:
    return store / FOLDER


def current(store: Path) -> Path | None:
    """The answers kept in ``store`` if they were found for the data it holds now, else None.
    The caller has checked that the store is up to date (:func:`linkeddata.store.current`)."""
    folder = folder_of(store)
    try:
        digest = (folder / DIGEST).read_text(encoding="ascii").strip()
    except OSError:
        return None
    return folder if digest and digest == embedded.marked_digest(store) else None


def remove(store: Path) -> None:
    """Drop the answers kept in ``store`` (the data changed and no answers were asked for)."""
    shutil.rmtree(folder_of(store), ignore_errors=True)


def indexed_parameters(text: str, parameters: Iterable[str]) -> list[str]:
    """The parameters of a named query whose answers are kept value by value: all of them, unless
    its answer is grouped (GROUP BY): a bound value then changes what is grouped, not only which
    rows are kept, and the store answers those questions itself."""
    return [] if _GROUPED.search(_outermost(text)) else list(parameters)


def _outermost(text: str) -> str:
    """The query without its comments and without what its braces hold: what is left of the
    outermost SELECT (its projection and its solution modifiers)."""
    text = re.sub(r"#[^\n]*", "", text)
    depth, kept = 0, []
    for ch in text:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif depth == 0:
            kept.append(ch)
    return "".join(kept)


def write(store_folder: Path, queries: Sequence, jobs: int = 1, say: Callable[[str], None] | None = None) -> Path:
    """Find every answer of ``queries`` (:class:`linkeddata.query.NamedQuery`) in the store in
    ``store_folder`` and keep them in ``store_folder/answers``, replacing what was there only once
    all are written. With ``jobs`` above 1, that many processes ask the store at once (each
    query is answered on one core); ``say`` hears each query's name as its answer is kept."""
    digest = embedded.marked_digest(store_folder)
    if digest is None:
        raise OSError("the store has no mark: its answers cannot be kept")
    final = folder_of(store_folder)
    staging = store_folder / (FOLDER + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    tasks = [(str(store_folder), q.name, q.text, tuple(indexed_parameters(q.text, (p for p, _ in q.parameters))),
              str(staging)) for q in queries]  # fmt: skip
    jobs = max(1, min(jobs, len(tasks)))
    if jobs == 1:
        for task in tasks:
            _answer(*task)
            if say:
                say(task[1])
    else:
        workers = processes.pool(jobs)
        try:
            with processes.starting():
                futures = {workers.submit(_answer, *task): task[1] for task in tasks}
            for done in as_completed(futures):
                done.result()
                if say:
                    say(futures[done])
        except BaseException:
            processes.stop(workers)
            shutil.rmtree(staging, ignore_errors=True)
            raise
        workers.shutdown()
    (staging / DIGEST).write_text(digest + "\n", encoding="ascii")
    shutil.rmtree(final, ignore_errors=True)
    staging.rename(final)
    return final


def _answer(store: str, name: str, text: str, parameters: tuple[str, ...], staging: str) -> None:
    """Ask the store in ``store`` (read only) the named query ``name`` and keep its answers in
    ``staging``: in a process of its own when several are asked at once."""
    from .query import select_also

    data = ox.Store.read_only(store)
    if parameters:
        _write_split(Path(staging), name, list(parameters), data.query(select_also(text, list(parameters))))
    else:
        data.query(text).serialize(str(Path(staging) / f"{name}.tsv"), _TSV)


def _write_split(folder: Path, name: str, parameters: list[str], solutions: ox.QuerySolutions) -> None:
    """Keep the answer of the named query ``name`` and its answers about each value of each of its
    ``parameters`` from one answer, ``solutions``: the query with the parameters selected too.

    A named query's order is total on what it selects (its last keys break ties), so the rows of
    that answer that select the same are next to one another, and in the order of the answer. The
    answer is its rows without the parameters, each once; the answer about a value of a parameter
    is its rows with that value, without the parameters, each once (a row of one article can be
    there for two of its asserters, say)."""
    lines = iter(solutions.serialize(format=_TSV).decode("utf-8").split("\n"))
    header = next(lines).split("\t")
    columns = [header.index("?" + p) for p in parameters]
    kept = [i for i in range(len(header)) if i not in columns]
    head = "\t".join(header[i] for i in kept) + "\n"
    whole: list[str] = []
    groups: list[dict[str, list[str]]] = [{} for _ in parameters]
    for line in lines:
        if not line:
            continue
        cells = line.split("\t")  # a tab in a term is written \t: the cells are the columns
        row = "\t".join(cells[i] for i in kept)
        if not whole or whole[-1] != row:
            whole.append(row)
        for column, by_value in zip(columns, groups, strict=True):
            value = cells[column]
            if value:
                rows = by_value.setdefault(value, [])
                if not rows or rows[-1] != row:
                    rows.append(row)
    (folder / f"{name}.tsv").write_bytes((head + "".join(r + "\n" for r in whole)).encode("utf-8"))
    for parameter, by_value in zip(parameters, groups, strict=True):
        index: dict[str, list[int]] = {}
        with open(folder / f"{name}.{parameter}.tsv", "wb") as f:
            f.write(head.encode("utf-8"))
            for value in sorted(by_value):
                data = "".join(r + "\n" for r in by_value[value]).encode("utf-8")
                index[value] = [f.tell(), len(data), len(by_value[value])]
                f.write(data)
        (folder / f"{name}.{parameter}.json").write_text(
            json.dumps(index, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8"
        )


def read(folder: Path, name: str, bindings: dict[str, str], limit: int | None = None) -> ox.QuerySolutions | None:
    """The kept answer of the named query ``name``, bound by ``bindings`` (parameter → an IRI,
    ``<…>`` as N-Triples writes it) to at most one parameter, its first ``limit`` rows if a limit is
    given; None if it is not kept (a grouped query's parameter, or more than one bound)."""
    if len(bindings) > 1:
        return None
    try:
        if bindings:
            ((parameter, value),) = bindings.items()
            index = json.loads((folder / f"{name}.{parameter}.json").read_text(encoding="utf-8"))
            with open(folder / f"{name}.{parameter}.tsv", "rb") as f:
                header = f.readline()
                offset, length, _count = index.get(value, (0, 0, 0))  # no rows about a value not there
                f.seek(offset)
                lines = f.read(length).splitlines(keepends=True)
            data = header + b"".join(lines if limit is None else lines[:limit])
        else:
            with open(folder / f"{name}.tsv", "rb") as f:
                if limit is None:
                    data = f.read()
                else:
                    data = b"".join(itertools.islice(f, limit + 1))  # the header and ``limit`` rows
    except (OSError, ValueError):
        return None
    return ox.parse_query_results(data, _TSV)
