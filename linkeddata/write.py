"""Serialize graphs deterministically and write files atomically.

Deterministic: the same graph gives the same bytes, whatever Python's hash seed. N-Triples and
N-Quads are sorted line by line; JSON-LD nodes are sorted by ``@id`` with sorted keys; Turtle and
TriG come from rdflib's serializers, which order subjects and predicates (the graphs have no
blank nodes, so there is nothing random left).

Atomic: :func:`write_files` writes every file to a temporary name in the target folder first and
renames them into place only when all are written, so a failed run leaves earlier output as it was.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from . import resources
from .errors import InputError
from .namespaces import bind_prefixes

# name → (file extension, description)
FORMATS: dict[str, tuple[str, str]] = {
    "turtle": (".ttl", "Turtle, one file per article"),
    "jsonld": (".jsonld", "JSON-LD compacted with the ld-export context, one file per article"),
    "ntriples": (".nt", "N-Triples, sorted, one file per article"),
    "trig": (".trig", "TriG dataset of the whole build, one named graph per article"),
    "nquads": (".nq", "N-Quads dataset of the whole build, sorted"),
}
PER_ARTICLE = ("turtle", "jsonld", "ntriples")
DATASET_NAME = "dataset"


@cache
def jsonld_context() -> dict:
    """The shipped JSON-LD context (the value of ``@context``)."""
    return json.loads(resources.context_file().read_text(encoding="utf-8"))["@context"]


def _sorted_lines(text: str) -> bytes:
    # Split on LF only: str.splitlines() would also split inside literals that hold a form feed,
    # U+2028 or U+0085, which N-Triples and N-Quads leave unescaped.
    lines = sorted({line for line in text.split("\n") if line.strip()})
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def to_turtle(graph: Graph) -> bytes:
    bind_prefixes(graph)
    return graph.serialize(format="turtle").encode("utf-8")


def to_ntriples(graph: Graph) -> bytes:
    return _sorted_lines(graph.serialize(format="nt"))


def _sort_json(value, ordered: bool = False):
    """Sort JSON-LD node objects and unordered arrays so the output does not depend on hashing.

    The items of an ``@list`` are an RDF list: their order is data and is kept.
    """
    if isinstance(value, dict):
        return {k: _sort_json(v, ordered=k == "@list") for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_sort_json(v) for v in value]
        return items if ordered else sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def to_jsonld(graph: Graph) -> bytes:
    """Compacted JSON-LD with the context embedded (so no processor fetches anything)."""
    context = jsonld_context()
    doc = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    if "@graph" not in doc:  # a single node comes back without @graph
        doc = {"@context": doc.pop("@context"), "@graph": [doc]}
    nodes = sorted((_sort_json(n) for n in doc["@graph"]), key=lambda n: n.get("id", ""))
    out = {"@context": context, "@graph": nodes}
    return (json.dumps(out, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _dataset(graphs: Iterable[tuple[URIRef, Graph]]) -> Dataset:
    ds = Dataset()
    bind_prefixes(ds)
    for name, graph in graphs:
        target = ds.graph(name)
        for triple in graph:
            target.add(triple)
    return ds


def to_trig(graphs: Iterable[tuple[URIRef, Graph]]) -> bytes:
    """TriG with the named graphs in IRI order (rdflib's TriG writer follows its store's order).

    Each graph block is that graph's Turtle (subjects and predicates sorted), unindented so that
    long literals keep their exact text, with the prefix declarations written once at the top.
    """
    prefixes: set[str] = set()
    blocks = []
    for name, graph in sorted(graphs, key=lambda item: str(item[0])):
        bind_prefixes(graph)
        lines = graph.serialize(format="turtle").split("\n")
        n = 0
        while n < len(lines) and lines[n].startswith("@prefix "):
            n += 1
        prefixes.update(lines[:n])
        body = "\n".join(lines[n:]).strip("\n")
        blocks.append(f"<{name}> {{\n{body}\n}}\n")
    return ("\n".join(sorted(prefixes)) + "\n\n" + "\n".join(blocks)).encode("utf-8")


def to_nquads(graphs: Iterable[tuple[URIRef, Graph]]) -> bytes:
    return _sorted_lines(_dataset(graphs).serialize(format="nquads"))


def write_files(directory: Path, files: Mapping[str, bytes], remove: Iterable[str] = ()) -> list[Path]:
    """Write ``files`` (name → bytes) into ``directory`` all or nothing; then delete ``remove``.

    Each file goes to a temporary file in the same folder (``.NAME.XXXXXXXX.tmp``: hidden, and no
    RDF extension), is flushed to disk, and is renamed over its target only after every file has
    been written. A name must be a plain file name: nothing is ever written outside ``directory``.
    """
    for name in [*files, *remove]:
        if not name or name in (".", "..") or Path(name).name != name or "\0" in name or "\\" in name:
            raise InputError(f"{name!r} is not a plain file name; output stays inside the output folder", directory)
    staged: list[tuple[str, Path]] = []
    name = ""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=directory)
            staged.append((name, Path(tmp)))
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, 0o644)
        written = []
        for name, tmp in staged:
            target = directory / name
            os.replace(tmp, target)
            written.append(target)
        for name in remove:
            (directory / name).unlink(missing_ok=True)
    except OSError as e:
        raise InputError(f"cannot write {name or 'the output folder'}: {e.strerror or e}", directory) from None
    finally:
        for _name, tmp in staged:
            tmp.unlink(missing_ok=True)  # left only when something failed
    return written
