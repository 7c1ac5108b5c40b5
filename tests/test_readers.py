"""Every file a build writes is standard RDF: independent readers parse it strictly and get rdflib's graph.

Readers, each run in its strictest mode, where a warning counts as a failure:

* rapper (Raptor 2, C): Turtle, N-Triples, TriG, N-Quads, with ``-f strict -f noNet``;
* serdi (Serd, C): the same four formats (strict unless ``-l`` is given);
* N3.js (JavaScript, ``tests/js/n3-parse.mjs``): the same four, told the exact format;
* jsonld.js (JavaScript, ``tests/js/jsonld-rdf.mjs``): JSON-LD, expanded and converted to RDF in
  safe mode with a document loader that refuses every URL;
* pyoxigraph (Oxigraph, Rust): all five formats, JSON-LD included, not lenient;
* rdflib: all five, with Python warnings and log warnings counted as failures.

Each reader writes what it read back as N-Triples or N-Quads; rdflib parses that, and the result
must be isomorphic to rdflib's own reading of the file, graph by graph, with the same number of
statements. The JSON-LD, Turtle and N-Triples files of an article, and the TriG and N-Quads files of
the dataset, must also have identical RDFC-1.0 canonical forms (jsonld.js's canonicalizer).

A tool that CI installs (``.ci/run``) but that is missing here fails the test when CI=true and
skips it otherwise.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
import warnings
from functools import cache
from pathlib import Path

import pytest
from conftest import need
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

import linkeddata

try:
    import pyoxigraph
except ImportError:  # pragma: no cover - CI installs it with the test extra
    pyoxigraph = None

JS = Path(__file__).parent / "js"
FORMAT_BY_EXTENSION = {".ttl": "turtle", ".nt": "ntriples", ".jsonld": "jsonld", ".trig": "trig", ".nq": "nquads"}
QUAD_FORMATS = {"trig", "nquads"}
RDFLIB_FORMAT = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "trig": "trig", "nquads": "nquads"}
# The formats each independent reader reads; rdflib, the reference, reads them all.
READERS = {
    "rapper": ("turtle", "ntriples", "trig", "nquads"),
    "serdi": ("turtle", "ntriples", "trig", "nquads"),
    "n3js": ("turtle", "ntriples", "trig", "nquads"),
    "jsonldjs": ("jsonld",),
    "pyoxigraph": ("turtle", "ntriples", "jsonld", "trig", "nquads"),
    "rdflib": ("turtle", "ntriples", "jsonld", "trig", "nquads"),
}
NODE_PACKAGES = ("n3", "jsonld", "rdf-validate-shacl")


def need_node() -> None:
    need("node", shutil.which("node") is not None, "install Node.js 20 or newer")
    missing = [p for p in NODE_PACKAGES if not (JS / "node_modules" / p / "package.json").is_file()]
    need(", ".join(missing) or "npm packages", not missing, "run `npm ci` in tests/js")


@cache
def written_names() -> tuple[str, ...]:
    """The names of the files a seed build writes (a build into a scratch folder, at collection)."""
    with tempfile.TemporaryDirectory() as folder:
        linkeddata.build(out_dir=Path(folder))
        return tuple(sorted(p.name for p in Path(folder).iterdir() if p.is_file()))


def format_of(name: str) -> str | None:
    return FORMAT_BY_EXTENSION.get(Path(name).suffix)


def cases():
    for name in written_names():
        fmt = format_of(name)
        readers = [r for r, formats in READERS.items() if fmt in formats] or ["none"]
        for reader in readers:
            yield pytest.param(reader, name, id=f"{reader}-{name}")


def run(command: list[str], what: str) -> str:
    """Run ``command``; its stdout, or a failure naming ``what`` if it exits non-zero or says anything on stderr."""
    done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", timeout=300, check=False)
    assert done.returncode == 0 and not done.stderr.strip(), (
        f"{what} rejected it (exit {done.returncode}):\n{done.stderr.strip()}"
    )
    return done.stdout


def read_rapper(path: Path, fmt: str) -> str:
    need("rapper", shutil.which("rapper") is not None, "apt-get install raptor2-utils")
    # -q drops only the "Parsing URI ..." notes; warnings and errors still reach stderr.
    command = ["rapper", "-q", "-i", fmt, "-o", "nquads", "-f", "strict", "-f", "noNet", str(path)]
    return run(command, "rapper")


def read_serdi(path: Path, fmt: str) -> str:
    need("serdi", shutil.which("serdi") is not None, "apt-get install serdi")
    return run(["serdi", "-i", fmt, "-o", "nquads", str(path)], "serdi")


def read_n3js(path: Path, fmt: str) -> str:
    need_node()
    return run(["node", str(JS / "n3-parse.mjs"), fmt, str(path)], "N3.js")


def read_jsonldjs(path: Path, fmt: str) -> str:
    assert fmt == "jsonld"
    need_node()
    return run(["node", str(JS / "jsonld-rdf.mjs"), "to-rdf", str(path)], "jsonld.js")


def read_pyoxigraph(path: Path, fmt: str) -> str:
    need("pyoxigraph", pyoxigraph is not None, "pip install '.[test]'")
    formats = {
        "turtle": pyoxigraph.RdfFormat.TURTLE,
        "ntriples": pyoxigraph.RdfFormat.N_TRIPLES,
        "jsonld": pyoxigraph.RdfFormat.JSON_LD,
        "trig": pyoxigraph.RdfFormat.TRIG,
        "nquads": pyoxigraph.RdfFormat.N_QUADS,
    }
    # No base IRI: a relative IRI is an error. JSON-LD: no loader, so a remote context is an error.
    quads = list(pyoxigraph.parse(path=path, format=formats[fmt], lenient=False))
    return pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.N_QUADS).decode("utf-8")


NQUADS_READERS = {
    "rapper": read_rapper,
    "serdi": read_serdi,
    "n3js": read_n3js,
    "jsonldjs": read_jsonldjs,
    "pyoxigraph": read_pyoxigraph,
}


class _Warnings(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


def read_rdflib(path: Path, fmt: str) -> Dataset:
    """rdflib's reading of ``path``; a Python warning or a logged warning about the data is a failure."""
    handler = _Warnings()
    logger = logging.getLogger("rdflib")
    logger.addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            ds = Dataset()
            if fmt in QUAD_FORMATS:
                ds.parse(path, format=RDFLIB_FORMAT[fmt])
            else:
                ds.default_context.parse(path, format=RDFLIB_FORMAT[fmt])
    finally:
        logger.removeHandler(handler)
    # rdflib's own use of its deprecated Dataset API says nothing about the data (see pyproject.toml).
    about_data = [w for w in caught if not issubclass(w.category, DeprecationWarning)]
    assert not about_data, f"rdflib warned: {[str(w.message) for w in about_data]}"
    assert not handler.records, f"rdflib logged: {[r.getMessage() for r in handler.records]}"
    return ds


def graphs(ds: Dataset) -> dict[str, Graph]:
    """The non-empty graphs of a dataset by name ('' for the default graph)."""
    by_name: dict[str, Graph] = {}
    default = ds.default_graph.identifier
    for s, p, o, g in ds.quads((None, None, None, None)):
        name = "" if g is None or g == default else str(g)
        by_name.setdefault(name, Graph()).add((s, p, o))
    return by_name


@cache
def reference(path: Path, fmt: str) -> dict[str, Graph]:
    return graphs(read_rdflib(path, fmt))


def statements(nquads: str) -> list[str]:
    return [line for line in nquads.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def from_nquads(nquads: str) -> dict[str, Graph]:
    ds = Dataset()
    ds.parse(data=nquads, format="nquads")
    return graphs(ds)


def assert_same_graphs(got: dict[str, Graph], expected: dict[str, Graph], reader: str) -> None:
    assert sorted(got) == sorted(expected), f"{reader} read graphs {sorted(got)}, rdflib {sorted(expected)}"
    for name, graph in expected.items():
        label = f"graph <{name}>" if name else "the default graph"
        assert len(got[name]) == len(graph), f"{reader}: {len(got[name])} triples in {label}, rdflib {len(graph)}"
        assert isomorphic(got[name], graph), f"{reader} and rdflib read different triples in {label}"


def test_the_readers_cover_every_file_the_build_writes(seed_build):
    result, out = seed_build
    on_disk = sorted(p.name for p in out.iterdir() if p.is_file())
    assert on_disk == sorted(p.name for p in result.files)
    assert tuple(on_disk) == written_names()
    assert all(format_of(name) for name in on_disk), f"a file of unknown format: {on_disk}"
    assert {"turtle", "ntriples", "jsonld", "trig", "nquads"} <= {format_of(n) for n in on_disk}


@pytest.mark.parametrize("reader,name", list(cases()))
def test_reader_parses_the_file_strictly_into_rdflibs_graph(seed_build, reader, name):
    path = seed_build[1] / name
    fmt = format_of(name)
    assert fmt is not None, f"no reader knows the format of {name}"
    expected = reference(path, fmt)
    triples = {"shacl-report.ttl": 2, "void.ttl": 1072}.get(name, seed_build[0].counts["triples"])
    assert sum(len(g) for g in expected.values()) == triples, f"rdflib read {name} incompletely"
    if reader == "rdflib":
        # The reference itself: no IRI was resolved against the file's location, no literal is ill-typed.
        for graph in expected.values():
            for term in {t for triple in graph for t in triple}:
                assert not (isinstance(term, URIRef) and str(term).startswith("file:")), f"relative IRI: {term}"
                assert not (isinstance(term, Literal) and term.ill_typed), f"ill-typed literal: {term!r}"
        return
    nquads = NQUADS_READERS[reader](path, fmt)
    got = from_nquads(nquads)
    if fmt not in QUAD_FORMATS:
        assert list(got) == [""], f"{reader} read named graphs {sorted(got)} from a {fmt} file"
    assert len(statements(nquads)) == sum(len(g) for g in expected.values()), f"{reader}: statement count"
    assert_same_graphs(got, expected, reader)


# Documents each strict reader must reject: another format's syntax in the declared format.
BROKEN = {
    "turtle": "<http://ex/g> { <http://ex/a> <http://ex/b> <http://ex/c> . }\n",  # a TriG graph
    "ntriples": "@prefix ex: <http://ex/> .\nex:a ex:b ex:c .\n",  # Turtle
    "trig": "<http://ex/a> <http://ex/b> { <http://ex/c> <http://ex/d> <http://ex/e> } .\n",  # an N3 formula
    "nquads": "@prefix ex: <http://ex/> .\nex:a ex:b ex:c ex:g .\n",  # Turtle-like
    "jsonld": '{"@context": "https://example.org/context.jsonld", "@id": "https://example.org/a", "name": "x"}\n',
}
EXTENSION = {fmt: ext for ext, fmt in FORMAT_BY_EXTENSION.items()}


@pytest.mark.parametrize(
    "reader,fmt",
    [
        pytest.param(reader, fmt, id=f"{reader}-{fmt}")
        for reader, formats in READERS.items()
        for fmt in formats
        if not (reader == "rdflib" and fmt == "jsonld")  # rdflib would try to fetch the remote context
    ],
)
def test_reader_rejects_a_document_outside_the_format(tmp_path, reader, fmt):
    """The harness itself can fail: a document outside the declared format does not get through."""
    path = tmp_path / f"broken{EXTENSION[fmt]}"
    path.write_text(BROKEN[fmt], encoding="utf-8")
    if reader == "rdflib":
        with pytest.raises(Exception):  # noqa: B017 - rdflib raises a different class per parser
            read_rdflib(path, fmt)
        return
    try:
        got = from_nquads(NQUADS_READERS[reader](path, fmt))
    except (AssertionError, SyntaxError):
        return  # rejected (non-zero exit, a message on stderr, or pyoxigraph's SyntaxError)
    # serdi reads a TriG graph block in Turtle input without complaint; the named graph gives it away.
    assert fmt not in QUAD_FORMATS and list(got) != [""], f"{reader} accepted a broken {fmt} document: {got}"


CANONICAL_PAIRS = [
    pytest.param("ttl", "jsonld", id="jsonldjs-SLUG.jsonld-vs-SLUG.ttl"),
    pytest.param("ttl", "nt", id="jsonldjs-SLUG.nt-vs-SLUG.ttl"),
    pytest.param("trig", "nq", id="jsonldjs-dataset.nq-vs-dataset.trig"),
]


def canonical(path: Path) -> str:
    return run(["node", str(JS / "jsonld-rdf.mjs"), "canon", format_of(path.name), str(path)], "jsonld.js canonize")


@pytest.mark.parametrize("base,other", CANONICAL_PAIRS)
def test_canonical_forms_are_identical(seed_build, base, other):
    """RDFC-1.0 (jsonld.js): JSON-LD expanded and converted without network, against N3.js's reading of Turtle."""
    need_node()
    result, out = seed_build
    pairs = []
    if base == "trig":
        pairs.append((out / "dataset.trig", out / "dataset.nq"))
    else:
        slugs = sorted(a.article.slug for a in result.articles)
        pairs += [(out / f"{slug}.{base}", out / f"{slug}.{other}") for slug in slugs]
    assert pairs, f"no .{base}/.{other} pair in the build"
    for first, second in pairs:
        expected = canonical(first)
        assert len(statements(expected)) == sum(len(g) for g in reference(first, format_of(first.name)).values())
        assert canonical(second) == expected, f"{second.name} and {first.name} differ once canonicalized"
