"""`ld-export load` and `ld-export serve` against a real Oxigraph server, and the HTTP failure paths."""

from __future__ import annotations

import base64
import json
import signal
import socket
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote

import httpx
import pytest
from click.testing import CliRunner
from conftest import free_port, need

from linkeddata.cli import main
from linkeddata.errors import LdExportError
from linkeddata.load import EndpointError, load
from linkeddata.query import load_dataset
from linkeddata.serve import find_oxigraph, wait_for_port


def oxigraph() -> str:
    try:
        return find_oxigraph()
    except LdExportError:
        need("the oxigraph server", False, "pip install oxigraph")


@pytest.fixture
def store(tmp_path):
    """A real Oxigraph server on a free loopback port with an empty store; its base URL."""
    port = free_port()
    proc = subprocess.Popen(
        [oxigraph(), "serve", "--location", str(tmp_path / "store"), "--bind", f"127.0.0.1:{port}",
         "--union-default-graph"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_for_port("127.0.0.1", port, proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def http_select(url: str, sparql: str) -> list[dict[str, str]]:
    r = httpx.post(url, data={"query": sparql}, headers={"Accept": "application/sparql-results+json"}, timeout=30)
    r.raise_for_status()
    doc = r.json()
    names = doc["head"]["vars"]
    return [{n: b[n]["value"] if n in b else "" for n in names} for b in doc["results"]["bindings"]]


def test_loading_again_replaces_and_never_duplicates(store, seed_build):
    for _ in range(2):
        result = load(seed_build[1], f"{store}/store", f"{store}/query")
        assert [(x.sent, x.stored) for x in result] == [(seed_build[0].counts["triples"],) * 2]
    total = http_select(f"{store}/query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert int(total[0]["n"]) == seed_build[0].counts["triples"]


def test_verifying_by_reading_the_graph_back_without_a_query_endpoint(store, seed_build):
    result = load(seed_build[1], f"{store}/store")
    assert result[0].stored == result[0].sent == seed_build[0].counts["triples"]


def test_serve_starts_an_endpoint_with_the_build_and_stops_on_ctrl_c(seed_build):
    oxigraph()
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "linkeddata.cli", "serve", str(seed_build[1]), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        url = proc.stdout.readline().strip()
        assert url == f"http://127.0.0.1:{port}/"
        n = http_select(f"{url}query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert int(n[0]["n"]) == seed_build[0].counts["triples"]
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=15) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    with socket.socket() as s:  # free again for a server (closed connections wait out TIME_WAIT)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", port))


def test_serve_uses_the_builds_store_whose_default_graph_holds_each_triple_once(corpus_build):
    """Articles that share actors hold some triples in several graphs; the union counts each once
    (Oxigraph's --union-default-graph would count it once per graph)."""
    oxigraph()
    out = corpus_build[1]
    distinct = len({(s, p, o) for s, p, o, _g in load_dataset([out]).quads((None, None, None, None))})
    assert distinct < (out / "dataset.nq").read_bytes().count(b"\n")
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "linkeddata.cli", "serve", str(out), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        url = proc.stdout.readline().strip()
        n = http_select(f"{url}query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert int(n[0]["n"]) == distinct
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=15) == 0
        assert "read-only" in proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()


# --- failure paths, against a small Graph Store stub on loopback -------------------------------


class Stub:
    """A minimal Graph Store: answers with scripted statuses, keeps what is PUT, records headers."""

    def __init__(self, statuses: list[int]):
        self.statuses, self.graphs, self.auth = list(statuses), {}, []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _status(self, default: int) -> int:
                stub.auth.append(self.headers.get("Authorization"))
                return stub.statuses.pop(0) if stub.statuses else default

            def do_PUT(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                status = self._status(201)
                if status < 300:
                    stub.graphs[self.path] = body
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def do_GET(self):  # noqa: N802
                status = self._status(200)
                body = stub.graphs.get(self.path, b"")
                self.send_response(status)
                self.send_header("Content-Type", "application/n-triples")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/store"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def stub_factory():
    made = []

    def make(statuses):
        made.append(Stub(statuses))
        return made[-1]

    yield make
    for s in made:
        s.close()


def test_endpoint_down_is_one_paragraph_naming_the_url_exit_2(seed_build):
    url = f"http://127.0.0.1:{free_port()}/store"
    r = CliRunner().invoke(main, ["load", str(seed_build[1]), "--endpoint", url, "--retries", "1"])
    assert r.exit_code == 2
    assert f"Error: {url} could not be reached" in r.stderr and "Traceback" not in r.output


def test_http_401_names_url_and_status_and_never_prints_the_password(seed_build, stub_factory, monkeypatch):
    stub = stub_factory([401])
    monkeypatch.setenv("LD_EXPORT_USER", "analyst")
    monkeypatch.setenv("LD_EXPORT_PASSWORD", "s3cret-pass")
    r = CliRunner().invoke(main, ["load", str(seed_build[1]), "--endpoint", stub.url])
    assert r.exit_code == 2
    assert "answered HTTP 401" in r.stderr and stub.url in r.stderr and "LD_EXPORT_USER" in r.stderr
    assert "s3cret-pass" not in r.output
    assert stub.auth[0] == "Basic " + base64.b64encode(b"analyst:s3cret-pass").decode()


def test_http_500_is_not_retried_and_names_url_and_status(seed_build, stub_factory):
    stub = stub_factory([500])
    r = CliRunner().invoke(main, ["load", str(seed_build[1]), "--endpoint", stub.url])
    assert r.exit_code == 2
    assert "answered HTTP 500" in r.stderr and "PUT of the default graph" in r.stderr
    assert len(stub.auth) == 1


def test_transient_503_is_retried_with_backoff(seed_build, stub_factory):
    stub = stub_factory([503, 503])
    result = load(seed_build[1], stub.url, retries=3, backoff=0.01)
    assert result[0].stored == result[0].sent
    # two 503s, the PUT of the default graph (no query endpoint to ask whether the store needs it),
    # the PUT of the article's graph, and the GET of each
    assert len(stub.auth) == 6


def test_credentials_from_netrc(seed_build, stub_factory, tmp_path):
    stub = stub_factory([])
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login reader password from-netrc\n", encoding="utf-8")
    netrc.chmod(0o600)
    load(seed_build[1], stub.url, environ={"NETRC": str(netrc)})
    assert stub.auth[0] == "Basic " + base64.b64encode(b"reader:from-netrc").decode()


def test_credentials_in_the_url_are_refused(seed_build):
    with pytest.raises(LdExportError, match="carries credentials"):
        load(seed_build[1], "http://user:pw@127.0.0.1:1/store")


def test_endpoint_error_type_for_library_users(seed_build, stub_factory):
    stub = stub_factory([404])
    with pytest.raises(EndpointError) as e:
        load(seed_build[1], stub.url)
    assert e.value.status == 404 and e.value.url.startswith(stub.url)


def test_load_without_a_build_is_exit_2(tmp_path):
    r = CliRunner().invoke(main, ["load", str(tmp_path), "--endpoint", "http://127.0.0.1:1/store"])
    assert r.exit_code == 2 and "run `ld-export build` first" in r.stderr


def test_named_query_json_is_sparql_results_json(seed_build):
    r = CliRunner().invoke(main, ["query", "--name", "thesis", "--data", str(seed_build[1]), "--format", "json"])
    doc = json.loads(r.stdout)
    assert doc["results"]["bindings"][0]["partner"]["type"] == "literal"


def test_without_a_query_endpoint_the_union_goes_to_the_default_graph_unless_told_not_to(seed_build, stub_factory):
    graph, n = str(seed_build[0].articles[0].graph_iri), seed_build[0].counts["triples"]
    stub = stub_factory([])
    result = load(seed_build[1], stub.url)
    assert [(x.graph, x.sent, x.stored) for x in result] == [(graph, n, n), (None, n, n)]
    assert sorted(stub.graphs) == sorted(["/store?default=", "/store?graph=" + quote(graph, safe="")])
    stub = stub_factory([])
    result = load(seed_build[1], stub.url, default_graph=False)
    assert [(x.graph, x.sent, x.stored) for x in result] == [(graph, n, n)]
    assert list(stub.graphs) == ["/store?graph=" + quote(graph, safe="")]
