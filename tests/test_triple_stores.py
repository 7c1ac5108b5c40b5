"""`ld-export load` into the triple stores users run, then every named query over HTTP.

Each store is started by the test on free loopback ports with a store of its own, loaded with the
three-article corpus as the README says, and asked every named query (whatever `ld-export query
--list` lists) with SPARQL over HTTP; the rows must be those `ld-export query` prints. The stores
differ where it matters: plain Oxigraph's default graph is a graph of its own (empty unless `load`
fills it), Oxigraph with --union-default-graph and Virtuoso take every graph together as a bag
(a triple once per graph that holds it), and Virtuoso's Graph Store has no default graph at all.
"""

from __future__ import annotations

import contextlib
import json
import re

import httpx
import pytest
from click.testing import CliRunner
from stores import Store, oxigraph_server, virtuoso_server

from linkeddata.cli import main
from linkeddata.query import named_queries

SERVERS = {
    "oxigraph": lambda folder: oxigraph_server(folder, union_default_graph=False),
    "oxigraph-union": lambda folder: oxigraph_server(folder, union_default_graph=True),
    "virtuoso": virtuoso_server,
}


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def loaded(corpus_build, tmp_path_factory):
    """``loaded(kind)``: a running store of that kind (SERVERS), started and loaded with the corpus
    on first use and kept for the module: (Store, what `ld-export load` printed on stderr)."""
    started: dict[str, tuple[Store, str]] = {}
    with contextlib.ExitStack() as stack:

        def get(kind: str) -> tuple[Store, str]:
            if kind not in started:
                folder = tmp_path_factory.mktemp(kind)
                server = stack.enter_context(SERVERS[kind](folder / "store"))
                r = load_command(server, str(corpus_build[1]), "--endpoint", server.graph_store,
                                 "--query-endpoint", server.query)  # fmt: skip
                assert r.exit_code == 0, r.output
                started[kind] = (server, r.stderr)
            return started[kind]

        yield get


def load_command(server: Store, *args: str):
    """`ld-export load ARGS` with the store's credentials and no others (no netrc either)."""
    env = {name: None for name in ("LD_EXPORT_USER", "LD_EXPORT_PASSWORD", "LD_EXPORT_TOKEN", "LD_EXPORT_AUTH")}
    env |= {"NETRC": "/nonexistent/netrc", **dict(server.environment)}
    return CliRunner().invoke(main, ["load", *args], env=env)


def http_select(url: str, sparql: str) -> list[dict[str, str]]:
    r = httpx.post(url, data={"query": sparql}, headers={"Accept": "application/sparql-results+json"}, timeout=60)
    assert r.status_code == 200, r.text[:500]
    doc = r.json()
    names = doc["head"]["vars"]
    return [{n: b[n]["value"] if n in b else "" for n in names} for b in doc["results"]["bindings"]]


_EXPECTED: dict[tuple[str, str], list[dict[str, str]]] = {}


def ld_export_query(data: str, name: str) -> list[dict[str, str]]:
    """The rows `ld-export query --name NAME --data DATA --format json` prints (asked once)."""
    if (data, name) not in _EXPECTED:
        r = run("query", "--name", name, "--data", data, "--format", "json")
        assert r.exit_code == 0, r.output
        doc = json.loads(r.stdout)
        names = doc["head"]["vars"]
        bindings = doc["results"]["bindings"]
        _EXPECTED[data, name] = [{n: b[n]["value"] if n in b else "" for n in names} for b in bindings]
    return _EXPECTED[data, name]


def normal(result: list[dict[str, str]]) -> list[tuple]:
    """Rows as sorted tuples (rows with equal sort keys may come in any order); the lists that
    GROUP_CONCAT makes are compared as sets of their items."""

    def cell(v: str) -> str:
        for sep in (" → ", ", "):
            if sep in v:
                return sep.join(sorted(v.split(sep)))
        return v

    return sorted(tuple(cell(v) for v in r.values()) for r in result)


def test_the_named_queries_asked_here_are_those_query_list_shows():
    # A query's line starts with its name; the lines under it (indented) are its parameters.
    listed = [line.split()[0] for line in run("query", "--list").stdout.splitlines() if not line[0].isspace()]
    assert listed == [q.name for q in named_queries()]


@pytest.mark.parametrize("kind", list(SERVERS))
def test_load_stores_every_article_graph_and_their_union(loaded, kind, corpus_build):
    server, stderr = loaded(kind)
    result, out = corpus_build
    quads = (out / "dataset.nq").read_text(encoding="utf-8").splitlines()
    union = len({line.rsplit(" <", 1)[0] for line in quads})
    assert union < len(quads)  # the articles share actors and places: the union holds each triple once
    table = [m.groups()[:3] for m in re.finditer(r"^(\S+|\(default graph\)) +(\d+) +(\d+) +\d+$", stderr, re.M)]
    expected = [(str(a.graph_iri), str(a.counts["triples"]), str(a.counts["triples"])) for a in result.articles]
    if not server.union_default_graph:  # else the store's default graph is the union already
        expected.append(("(default graph)", str(union), str(union)))
    assert table == expected


@pytest.mark.parametrize("kind", list(SERVERS))
@pytest.mark.parametrize("name", [q.name for q in named_queries()])
def test_every_named_query_answers_over_http_as_ld_export_query(loaded, kind, corpus_build, name):
    server, _ = loaded(kind)
    expected = ld_export_query(str(corpus_build[1]), name)
    over_http = http_select(server.query, next(q.text for q in named_queries() if q.name == name))
    assert expected, f"{name} has no answer on the corpus: nothing would be compared"
    assert len(over_http) == len(expected)
    assert normal(over_http) == normal(expected)


def test_virtuoso_refuses_a_default_graph_before_anything_is_loaded(loaded, corpus_build):
    """Virtuoso's Graph Store has no default graph: `load --default-graph` stops at the first
    request, says what to do, and leaves the store as it was."""
    server, _ = loaded("virtuoso")
    before = http_select(server.query, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    r = load_command(server, str(corpus_build[1]), "--endpoint", server.graph_store, "--default-graph")
    assert r.exit_code == 2
    assert "PUT of the default graph failed" in r.stderr and "--no-default-graph" in r.stderr
    assert "[1/3]" not in r.stderr
    after = http_select(server.query, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    assert normal(after) == normal(before)
