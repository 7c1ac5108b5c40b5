"""Serialize graphs deterministically and write files atomically.

Deterministic: the same graph gives the same bytes, whatever Python's hash seed. The build's
writers start from an article's sorted N-Triples (:func:`ntriples_of`): Turtle and TriG follow
that order (pyoxigraph), N-Quads are those lines in the article's named graph, JSON-LD nodes are
sorted by ``@id`` with sorted keys. :func:`to_turtle`, :func:`to_ntriples` and :func:`to_jsonld`
write any rdflib graph, blank nodes included (the ontology's pages, CONSTRUCT answers).

Atomic: a build writes into a :class:`Staging` folder and moves everything into place at the end;
:func:`write_files` does the same for a few files. A failed run leaves earlier output as it was.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

from . import resources
from .errors import InputError
from .namespaces import PREFIXES, RDF, XSD, bind_prefixes

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


# --------------------------------------------------------------------------------------------
# The build's writers: one article graph (IRIs and literals only, no blank nodes) at a time, in
# Rust (pyoxigraph) where it can be done there. Every one starts from the article's sorted
# N-Triples, so the order of everything they write is fixed by the data alone.

_OX_PREFIXES = {prefix: str(ns) for prefix, ns in PREFIXES.items()}


def _nt_term(term) -> str:
    if isinstance(term, Literal):
        text = '"' + str(term).replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r") + '"'
        if term.language:
            return f"{text}@{term.language}"
        return f"{text}^^<{term.datatype}>" if term.datatype else text
    return f"<{term}>"


def ntriples_of(triples: Iterable[tuple]) -> bytes:
    """Triples (IRIs and literals, no blank nodes) as sorted N-Triples: the .nt file the build
    writes, byte for byte what rdflib's N-Triples writer gives, sorted."""
    return _sorted_lines("\n".join(f"{_nt_term(s)} {_nt_term(p)} {_nt_term(o)} ." for s, p, o in triples))


def turtle_of_ntriples(nt: bytes, prefixes: Mapping[str, str] | None = None) -> bytes:
    """Turtle with the project's prefixes (or ``prefixes``), subjects and predicates in the order
    of the (sorted) N-Triples ``nt``."""
    return ox.serialize(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.TURTLE,
                        prefixes=dict(prefixes or _OX_PREFIXES))  # fmt: skip


def prefix_lines(prefixes: Mapping[str, str] | None = None) -> bytes:
    """Turtle/TriG prefix declarations, sorted."""
    return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted((prefixes or _OX_PREFIXES).items())).encode()


def turtle_body(nt: bytes, prefixes: Mapping[str, str] | None = None) -> bytes:
    """:func:`turtle_of_ntriples` without its prefix declarations (for files made of several parts)."""
    lines = turtle_of_ntriples(nt, prefixes).split(b"\n")
    return b"\n".join(line for line in lines if not line.startswith(b"@prefix ")).strip(b"\n") + b"\n"


def nquads_of_ntriples(nt: bytes, graph_iri: str) -> bytes:
    """The lines of sorted N-Triples ``nt`` as N-Quads in the named graph ``graph_iri``."""
    if not nt:
        return b""
    suffix = f" <{graph_iri}> .\n".encode()
    return b"".join(line[:-1] + suffix for line in nt[:-1].split(b"\n"))


def trig_block(nt: bytes, graph_iri: str) -> bytes:
    """One named graph of the build's TriG file: ``<graph> { Turtle }``, its prefixes left to the top."""
    return b"<" + graph_iri.encode() + b"> {\n" + turtle_body(nt) + b"}\n"


@cache
def _context_terms() -> tuple[dict, dict[str, str]]:
    """From the shipped context: property IRI → [(term, coercion)], and namespace → prefix."""
    context = jsonld_context()
    prefixes = {v: k for k, v in context.items() if isinstance(v, str) and v.endswith(("/", "#"))}

    def expand(value: str) -> str:
        prefix, _, local = value.partition(":")
        return context[prefix] + local if prefix in context and isinstance(context[prefix], str) else value

    terms: dict[str, list[tuple[str, str | None]]] = {}
    for term, value in sorted(context.items()):
        if term.startswith("@") or term in prefixes.values():
            continue
        if isinstance(value, str) and not value.startswith("@"):
            terms.setdefault(expand(value), []).append((term, None))
        elif isinstance(value, dict) and "@id" in value and "@container" not in value and "@language" not in value:
            coercion = value.get("@type")
            coercion = "@id" if coercion == "@id" else expand(coercion) if coercion else None
            terms.setdefault(expand(value["@id"]), []).append((term, coercion))
    return terms, prefixes


def _compact_iri(iri: str, prefixes: dict[str, str]) -> str:
    for ns in sorted(prefixes, key=len, reverse=True):
        if iri.startswith(ns) and len(iri) > len(ns) and not iri[len(ns) :].startswith("//"):
            return f"{prefixes[ns]}:{iri[len(ns) :]}"
    return iri


def _value_key(value) -> tuple:
    return (0, value, "") if isinstance(value, str) else (1, value.get("@id", ""), json.dumps(value, sort_keys=True))


@cache
def _jsonld_head() -> str:
    context = json.dumps({"@context": jsonld_context()}, indent=2, ensure_ascii=False)
    return context[:-2] + ',\n  "@graph": [\n'


def article_jsonld(triples: Iterable[tuple]) -> bytes:
    """Compacted JSON-LD of an article graph (no blank nodes), with the shipped context embedded.

    A node object per subject, one per line, sorted by ``id``, keys sorted; a property with
    several values holds them as a sorted array. Each predicate takes the context's term for it
    when one fits the value (an ``@id`` term for an IRI, a term coerced to the literal's datatype,
    a plain term for a string or a language-tagged string), else its compact IRI with an explicit
    value object. Built directly from the triples (rdflib's writer takes several times longer).
    """
    terms, prefixes = _context_terms()
    nodes: dict[str, dict[str, list]] = {}
    for s, p, o in triples:
        if isinstance(s, BNode) or isinstance(o, BNode):
            raise ValueError("article_jsonld writes graphs without blank nodes; use to_jsonld")
        node = nodes.setdefault(str(s), {})
        if p == RDF.type and isinstance(o, URIRef):
            node.setdefault("type", []).append(_compact_iri(str(o), prefixes))
            continue
        key, value = None, None
        for term, coercion in terms.get(str(p), ()):
            if isinstance(o, URIRef):
                if coercion == "@id":
                    key, value = term, str(o)
                elif coercion is None:
                    key, value = term, {"@id": str(o)}
            elif coercion is None:
                key, value = term, _value_object(o, prefixes)
            elif coercion != "@id" and not o.language and str(o.datatype) == coercion:
                key, value = term, str(o)
            if key:
                break
        if key is None:
            key = _compact_iri(str(p), prefixes)
            value = {"@id": str(o)} if isinstance(o, URIRef) else _value_object(o, prefixes)
        node.setdefault(key, []).append(value)
    lines = []
    for iri in sorted(nodes):
        node = {"id": iri}
        for key, values in nodes[iri].items():
            values.sort(key=_value_key)
            node[key] = values[0] if len(values) == 1 else values
        lines.append("    " + json.dumps(node, ensure_ascii=False, sort_keys=True))
    return (_jsonld_head() + ",\n".join(lines) + "\n  ]\n}\n").encode("utf-8")


def _value_object(literal: Literal, prefixes: dict[str, str]):
    if literal.language:
        return {"@language": literal.language, "@value": str(literal)}
    if literal.datatype is None or literal.datatype == XSD.string:
        return str(literal)
    return {"@type": _compact_iri(str(literal.datatype), prefixes), "@value": str(literal)}


# --------------------------------------------------------------------------------------------
# Writing a build into its folder, all or nothing


def check_file_name(name: str, directory: Path) -> None:
    if not name or name in (".", "..") or Path(name).name != name or "\0" in name or "\\" in name:
        raise InputError(f"{name!r} is not a plain file name; output stays inside the output folder", directory)


class Staging:
    """Files for ``directory``, written first into a hidden folder inside it
    (``.ld-export-staging.XXXXXXXX``) and moved into place together by :meth:`commit`; on
    :meth:`discard` (or any failure before the commit) the folder as it was stays untouched.
    Worker processes write into :attr:`path` directly."""

    PREFIX = ".ld-export-staging."

    def __init__(self, directory: Path):
        try:
            directory.mkdir(parents=True, exist_ok=True)
            self.path = Path(tempfile.mkdtemp(prefix=self.PREFIX, dir=directory))
        except OSError as e:
            raise InputError(f"cannot write the output folder: {e.strerror or e}", directory) from None
        self.directory = directory
        self.names: list[str] = []

    def add(self, name: str) -> Path:
        """Register ``name`` (written to ``self.path / name`` by the caller) to go into place on commit."""
        check_file_name(name, self.directory)
        self.names.append(name)
        return self.path / name

    def put(self, name: str, data: bytes) -> Path:
        path = self.add(name)
        try:
            path.write_bytes(data)
        except OSError as e:
            raise InputError(f"cannot write {name}: {e.strerror or e}", self.directory) from None
        return self.directory / name

    def commit(self, remove: Iterable[str] = (), dirs: Iterable[str] = ()) -> list[Path]:
        """Flush everything to disk, then rename each staged file (and each staged folder in
        ``dirs``) over its target and delete the files ``remove``."""
        for name in remove:
            check_file_name(name, self.directory)
        written = []
        try:
            os.sync()  # one flush for every file, instead of an fsync per file
            for name in dirs:
                target, old = self.directory / name, None
                if target.exists():
                    old = Path(tempfile.mkdtemp(prefix=self.PREFIX, dir=self.directory)) / name
                    os.replace(target, old)
                os.replace(self.path / name, target)
                if old is not None:
                    shutil.rmtree(old.parent, ignore_errors=True)
            for name in self.names:
                os.replace(self.path / name, self.directory / name)
                written.append(self.directory / name)
            for name in remove:
                (self.directory / name).unlink(missing_ok=True)
        except OSError as e:
            raise InputError(f"cannot write the output folder: {e.strerror or e}", self.directory) from None
        finally:
            self.discard()
        return written

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


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


def check_target(path: Path) -> None:
    """Refuse, before any work is done, a file to write whose folder does not exist (a typo in a
    path must not create folders) or that is a folder."""
    if not path.parent.is_dir():
        raise InputError(f"cannot write {path.name}: no such folder {path.parent}", path)
    if path.is_dir():
        raise InputError("cannot write the file: a folder has that name", path)


def write_file(path: Path, data: bytes) -> Path:
    """Write one file atomically (see :func:`write_files`), into a folder that exists."""
    check_target(path)
    return write_files(path.parent, {path.name: data})[0]
