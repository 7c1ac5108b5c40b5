"""Faults thrown at the services, one test per attempt, each with its reproduction in the docstring.

Guarantees from the README's "What ld-export promises": `serve` is read-only and never written
from a web page, and stops with its Oxigraph; credentials are never printed, and a failed load says
how to finish. (tests/test_faults.py throws faults at the build and at bad input.)
"""

from __future__ import annotations

import base64
import http.client
import json
import random
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from click.testing import CliRunner
from conftest import free_port, need, write_small

import linkeddata
from linkeddata.cli import main
from linkeddata.errors import LdExportError
from linkeddata.serve import find_oxigraph, wait_for_port

CORPUS = Path(__file__).parent / "data" / "corpus"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


# --------------------------------------------------------------------------------------------
# `serve` is read-only, and never written from a web page


def oxigraph_or_skip() -> None:
    try:
        find_oxigraph()
    except LdExportError:
        need("the oxigraph server", False, "pip install oxigraph")


class Served:
    """``ld-export serve FOLDER`` in a process of its own, on a free loopback port."""

    def __init__(self, folder: Path, *extra: str):
        self.port = free_port()
        cmd = [sys.executable, "-m", "linkeddata.cli", "serve", str(folder), "--port", str(self.port), *extra]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline().strip()
        if line != f"http://127.0.0.1:{self.port}/":
            self.proc.kill()
            raise AssertionError(f"serve did not start: {line!r} {self.proc.stderr.read()}")

    def request(self, method: str, path: str, body: str | None = None, headers: dict | None = None):
        """(status, headers, body) of one HTTP request; ``headers`` may set Host."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=body.encode() if body is not None else None, headers=headers or {})
            answer = conn.getresponse()
            return answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read().decode()
        finally:
            conn.close()

    def update(self, sparql: str, headers: dict | None = None) -> int:
        kind = {"Content-Type": "application/x-www-form-urlencoded"}
        return self.request("POST", "/update", urlencode({"update": sparql}), {**kind, **(headers or {})})[0]

    def count(self) -> int:
        status, _h, body = self.request(
            "POST",
            "/query",
            urlencode({"query": COUNT}),
            {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"},
        )
        assert status == 200, body
        return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])

    def oxigraph(self) -> int:
        """The process id of the Oxigraph server this serve started."""
        for d in Path("/proc").iterdir():
            try:
                stat = (d / "stat").read_text() if d.name.isdigit() else ""
            except OSError:
                continue
            if stat and int(stat[stat.rfind(")") + 2 :].split()[1]) == self.proc.pid and "oxigraph" in stat:
                return int(d.name)
        raise AssertionError("no oxigraph child")

    def stop(self, sig: int = signal.SIGINT) -> tuple[int, str]:
        self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout=20), self.proc.stderr.read()
        finally:
            self.close()

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.proc.stdout.close()
        self.proc.stderr.close()


COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
EVIL = {"Origin": "http://evil.example"}
DROP = "DROP ALL"
INSERT = "INSERT DATA { <http://example.org/forged> <http://example.org/p> 1 }"


@pytest.fixture(scope="module")
def served_builds(tmp_path_factory) -> dict[str, Path]:
    """The small article built twice: with its embedded store, and with --no-store."""
    oxigraph_or_skip()
    root = tmp_path_factory.mktemp("served")
    source = write_small(root / "in")
    folders = {"store": root / "with-store", "no-store": root / "no-store"}
    linkeddata.build([source], folders["store"])
    linkeddata.build([source], folders["no-store"], store=False)
    return folders


@pytest.fixture(params=["store", "no-store"])
def served(request, served_builds):
    server = Served(served_builds[request.param])
    yield server
    server.close()


def test_serve_is_read_only_by_default(served):
    """ld-export build -o ns --no-store; ld-export serve ns; then
    curl -H 'Origin: http://evil.example' --data 'update=DROP%20ALL' http://127.0.0.1:PORT/update
    answered 204 and the data was gone; a forged INSERT was accepted too."""
    before = served.count()
    assert before > 100
    for headers in (EVIL, {}):
        assert served.update(DROP, headers) == 403
        assert served.update(INSERT, headers) == 403
    status, _h, body = served.request("PUT", "/store?default", "<http://example.org/s> <http://example.org/p> 1 .",
                                      {"Content-Type": "application/n-triples"})  # fmt: skip
    assert status == 403
    assert body == "this endpoint is read-only; start ld-export serve with --writable to accept updates\n"
    assert served.request("DELETE", "/store?default")[0] == 403
    assert served.count() == before


def test_serve_answers_cors_for_reads_only(served):
    """A web page of any origin may query; a preflight for a write is refused."""
    status, headers, _body = served.request("GET", "/query?" + urlencode({"query": COUNT}),
                                            headers={**EVIL, "Accept": "application/sparql-results+json"})  # fmt: skip
    assert status == 200 and headers["access-control-allow-origin"] == "*"
    read = {**EVIL, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    status, headers, _body = served.request("OPTIONS", "/query", headers=read)
    assert status == 204 and headers["access-control-allow-origin"] == "*"
    assert headers["access-control-allow-methods"] == "GET, HEAD, POST"
    for method, path in (("POST", "/update"), ("PUT", "/store"), ("DELETE", "/store")):
        preflight = {**EVIL, "Access-Control-Request-Method": method}
        status, headers, _body = served.request("OPTIONS", path, headers=preflight)
        assert status == 403 and not any(k.startswith("access-control-") for k in headers), (method, path, headers)


def test_serve_writable_refuses_writes_from_other_origins(served_builds):
    """--writable lets the machine's own programs write to the served snapshot, never a web page of
    another origin (Origin, Sec-Fetch-Site), nor a page reached through a host name that could be
    rebound to the loopback address; the build itself never changes."""
    folder = served_builds["store"]
    server = Served(folder, "--writable")
    try:
        before = server.count()
        own = f"127.0.0.1:{server.port}"
        refused = [EVIL, {"Origin": "null"}, {"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"},
                   {"Host": f"rebound.example:{server.port}", "Origin": f"http://rebound.example:{server.port}"},
                   {"Origin": f"http://localhost:{server.port}"}]  # fmt: skip
        for headers in refused:
            assert server.update(DROP, headers) == 403, headers
        assert server.count() == before
        assert server.update(INSERT, {"Origin": f"http://{own}", "Sec-Fetch-Site": "same-origin"}) == 204
        assert server.update(INSERT) == 204  # curl, a script: no Origin
        assert server.count() == before + 1
        assert server.update(DROP) == 204
        assert server.count() == 0
    finally:
        code, stderr = server.stop()
    assert code == 0, stderr
    r = run("query", "--data", str(folder), "--format", "csv", COUNT)
    assert r.stdout.splitlines()[1] == str(before)  # the build's store is as it was


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=["SIGTERM", "SIGHUP", "SIGINT"])
def test_serve_stops_on_sigterm_and_sighup_and_its_oxigraph_with_it(served_builds, sig):
    """kill <pid> left `oxigraph serve-read-only` running under PID 1, answering on its port."""
    folder = served_builds["store"]
    server = Served(folder)
    child = server.oxigraph()
    code, stderr = server.stop(sig)
    assert code == 0, stderr
    assert stderr.splitlines()[-1] == f"Stopped by {sig.name}."
    assert not alive(child)
    assert not list((folder / ".ld-export-cache").glob("serve.*"))  # its snapshot is gone too


def test_serve_killed_takes_its_oxigraph_with_it(served_builds):
    """kill -9 <pid>: Oxigraph asked the kernel to end with it."""
    server = Served(served_builds["no-store"])
    child = server.oxigraph()
    server.proc.kill()
    server.close()
    deadline = time.monotonic() + 10
    while alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(child)


def test_serve_says_it_serves_a_snapshot_and_keeps_serving_it_after_a_rebuild(tmp_path):
    """After a rebuild a running server kept serving the old data without a word; now it says at
    start-up that it serves a snapshot, and answers from it whatever builds come after."""
    oxigraph_or_skip()
    source = write_small(tmp_path / "in")
    out = tmp_path / "out"
    linkeddata.build([source], out)
    server = Served(out)
    try:
        before = server.count()
        text = (source / "small-article.yaml").read_text()
        (source / "small-article.yaml").write_text(text.replace("label: A rebel commander", "label: A commander"))
        linkeddata.build([source], out, base_iri="https://example.org/rebuilt/")
        rebuilt = "ASK { ?s ?p ?o FILTER(STRSTARTS(STR(?s), 'https://example.org/rebuilt/')) }"
        assert run("query", "--data", str(out), rebuilt).stdout == "true\n"
        assert server.count() == before
        status, _h, body = server.request("GET", "/query?" + urlencode({"query": rebuilt}),
                                          headers={"Accept": "application/sparql-results+json"})  # fmt: skip
        assert status == 200 and json.loads(body)["boolean"] is False
    finally:
        _code, stderr = server.stop()
    assert stderr.splitlines()[0] == (
        f"serving a snapshot of the build's store {out / 'store'}, taken now (read-only); a later build does not "
        "change what it answers: start it again to serve a new build"
    )


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return state[state.rfind(")") + 2] != "Z"


# --------------------------------------------------------------------------------------------
# Credentials are never printed; a failed load says how to finish


class Store:
    """A Graph Store on loopback that keeps what is PUT, answers a scripted status to each request
    (then 201/200), and can echo the request's Authorization header in an error page, as it is and
    base64-encoded inside a longer text (where the secret shows shifted by one or two bytes)."""

    def __init__(self, statuses: list[int] | None = None, echo: bool = False):
        self.statuses, self.echo, self.graphs, self.auth = list(statuses or []), echo, {}, []
        store = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, default: int, body: bytes = b"") -> None:
                auth = self.headers.get("Authorization") or ""
                store.auth.append(auth)
                status = store.statuses.pop(0) if store.statuses else default
                if status >= 400 and store.echo:
                    secret = base64.b64decode(auth.split(" ", 1)[1]) if auth.startswith("Basic ") else auth.encode()
                    password = secret.split(b":")[-1]
                    shifted = [b"x" + secret, b"xy" + secret, b"user " + password + b" end"]
                    dump = " ".join(base64.b64encode(x).decode() for x in shifted)
                    body = f"refused Authorization: {auth}; dump {dump}".encode()
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_PUT(self):  # noqa: N802
                data = self.rfile.read(int(self.headers["Content-Length"]))
                if not store.statuses or store.statuses[0] < 300:
                    store.graphs[self.path] = data
                self._answer(201)

            def do_GET(self):  # noqa: N802
                self._answer(200, store.graphs.get(self.path, b""))

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/store"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def graph_store():
    made = []

    def make(*args, **kwargs) -> Store:
        made.append(Store(*args, **kwargs))
        return made[-1]

    yield make
    for store in made:
        store.close()


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory) -> Path:
    """The three-article corpus, built: three named graphs to load."""
    out = tmp_path_factory.mktemp("corpus-build")
    linkeddata.build([CORPUS], out, store=False)
    return out


def forms(user: str, password: str) -> list[str]:
    """How the password may show: as it is, percent-encoded, and in base64 at every alignment."""
    pair = f"{user}:{password}".encode()
    shown = [password, base64.b64encode(pair).decode()]
    for prefix in (b"x", b"xy", b"user "):
        shown.append(base64.b64encode(prefix + password.encode())[len(prefix) + 2 :].decode()[:8])
    return shown


@pytest.mark.parametrize("source", ["netrc", "environment"])
def test_credentials_never_show_even_when_the_store_echoes_them(corpus_build, graph_store, tmp_path, monkeypatch,
                                                                 source):  # fmt: skip
    """NETRC=n ld-export load ref --endpoint <a store that echoes the Authorization header> printed
    `Basic dTpTM2NyM3QtUGE1NQ==`, the base64 of the netrc password."""
    store = graph_store([500], echo=True)
    user, password = "u", "S3cr3t-Pa55"
    for var in ("LD_EXPORT_USER", "LD_EXPORT_PASSWORD", "LD_EXPORT_TOKEN", "LD_EXPORT_AUTH"):
        monkeypatch.delenv(var, raising=False)
    if source == "netrc":
        netrc = tmp_path / "n"
        netrc.write_text(f"machine 127.0.0.1 login {user} password {password}\n")
        netrc.chmod(0o600)
        monkeypatch.setenv("NETRC", str(netrc))
    else:
        monkeypatch.setenv("LD_EXPORT_USER", user)
        monkeypatch.setenv("LD_EXPORT_PASSWORD", password)
    r = run("load", str(corpus_build), "--endpoint", store.url, "--retries", "0")
    assert r.exit_code == 2
    assert store.auth[0] == "Basic dTpTM2NyM3QtUGE1NQ=="  # what the issue saw: the credential was sent
    assert "refused Authorization: Basic ***; dump" in r.stderr, r.stderr  # the store's words are shown, redacted
    for form in forms(user, password):
        assert form not in r.output, (form, r.output)


@pytest.mark.parametrize("url", ["ftp://u:PW-9z1q@127.0.0.1/", "http://u:PW-9z1q@127.0.0.1:1/store",
                                 "http://u:PW%2D9z1q@[::1/store"])  # fmt: skip
def test_a_password_in_the_endpoint_url_is_never_printed(corpus_build, url):
    """ld-export load --endpoint ftp://u:PW@host/ printed the password."""
    r = run("load", str(corpus_build), "--endpoint", url, "--retries", "0")
    assert r.exit_code == 2 and r.stderr.startswith("Error: the Graph Store endpoint "), r.output
    assert "PW-9z1q" not in r.output and "PW%2D9z1q" not in r.output
    assert "9z1q" not in r.output


def test_a_failed_load_says_which_graphs_are_new_and_how_to_finish(corpus_build, graph_store, monkeypatch):
    """A load that failed after 49 of 200 graphs were replaced did not say so."""
    for var in ("LD_EXPORT_USER", "LD_EXPORT_PASSWORD", "LD_EXPORT_TOKEN"):
        monkeypatch.delenv(var, raising=False)
    store = graph_store([201, 201, 500])  # the default graph (the union) goes first, then the named graphs
    base = "https://w3id.org/ld-export/data/graph/"
    r = run("load", str(corpus_build), "--endpoint", store.url, "--retries", "0")
    assert r.exit_code == 2
    bi, gl, ll = (base + slug for slug in ("bi-2015-isis-strategy-contradiction",
                                           "great-lakes-dispatch-2012-m23-takes-goma",
                                           "levant-ledger-2015-pentagon-denies-assad-ban"))  # fmt: skip
    sent = f"{store.url}?graph={quote(gl, safe='')}"
    assert r.stderr.splitlines()[-1] == (
        f"Error: {sent} answered HTTP 500: PUT of graph <{gl}> failed. Before it, 1 of 3 graphs was replaced and "
        f"is new in the store: <{bi}>; the default graph already holds the union of the new build; the store "
        f"still holds what it held before in <{gl}> and the 1 after it, to <{ll}>. Run the same command again to "
        "finish: a graph sent again replaces itself, nothing is doubled"
    )
    assert sorted(store.graphs) == ["/store?default=", f"/store?graph={quote(bi, safe='')}"]
    r = run("load", str(corpus_build), "--endpoint", store.url, "--retries", "0")
    assert r.exit_code == 0, r.output
    assert len(store.graphs) == 4


def test_the_default_backoff_outlasts_an_oxigraph_restart(corpus_build, tmp_path):
    """The retries waited 3.5 s in all; Oxigraph takes about 3.7 s to restart after a kill. Here
    the store is killed, the load's first PUT finds it down, and it is back 4 s later: the load
    finishes (it failed after 3.5 s before)."""
    oxigraph_or_skip()
    port = free_port()
    cmd = [find_oxigraph(), "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    loading = None
    try:
        wait_for_port("127.0.0.1", port, server)
        server.kill()
        server.wait()
        loading = subprocess.Popen([sys.executable, "-m", "linkeddata.cli", "load", str(corpus_build), "--endpoint",
                                    f"http://127.0.0.1:{port}/store"], stderr=subprocess.PIPE, text=True)  # fmt: skip
        first = loading.stderr.readline()  # said just before the first PUT (of the default graph)
        assert first.startswith("PUT 15031 triples, the union of the 3 graph(s)"), first
        time.sleep(4.0)
        server = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _out, err = loading.communicate(timeout=60)
        assert loading.returncode == 0, first + err
        assert err.splitlines()[-1] == (
            f"Loaded 3 graph(s), 15352 triples, and their union (15031 triples) as the "
            f"default graph, into http://127.0.0.1:{port}/store."
        ), err
    finally:
        for proc in (loading, server):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                proc.wait()


def _sent(store: Store) -> dict[str, set[str]]:
    """What a load PUT into the fake store: path → its N-Triples lines."""
    return {path: {line for line in body.decode("utf-8").splitlines() if line} for path, body in store.graphs.items()}


def test_load_sends_each_graph_as_the_build_holds_it_however_the_file_is_ordered(corpus_build, graph_store, tmp_path):
    """``load`` reads the dataset one graph at a time (a build's file is in graph order); a file in
    another order (shuffled lines, a graph in several runs) is read whole and sends the same."""
    from rdflib import Dataset, Graph, URIRef

    expected_ds = Dataset()
    expected_ds.parse(corpus_build / "dataset.nq", format="nquads")
    in_order = graph_store()
    r = run("load", str(corpus_build), "--endpoint", in_order.url, "--retries", "0")
    assert r.exit_code == 0, r.output
    sent = _sent(in_order)
    assert len(sent) == 4  # the three graphs and their union, in the default graph
    for g in expected_ds.graphs():
        if isinstance(g.identifier, URIRef) and len(g):
            path = f"/store?graph={quote(str(g.identifier), safe='')}"
            lines = sent[path]
            assert len(lines) == len(g)
            assert set(Graph().parse(data="\n".join(lines), format="nt")) == set(g)
    union = {line for path, lines in sent.items() if path != "/store?default=" for line in lines}
    assert sent["/store?default="] == union

    shuffled = tmp_path / "shuffled"
    shuffled.mkdir()
    lines = (corpus_build / "dataset.nq").read_text(encoding="utf-8").splitlines(keepends=True)
    random.Random(7).shuffle(lines)
    (shuffled / "dataset.nq").write_text("".join(lines), encoding="utf-8")
    other = graph_store()
    r = run("load", str(shuffled), "--endpoint", other.url, "--retries", "0")
    assert r.exit_code == 0, r.output
    assert _sent(other) == sent
    assert [line.split(" triples into ")[-1] for line in r.stderr.splitlines() if "] PUT " in line] == sorted(
        f"<{g.identifier}>" for g in expected_ds.graphs() if isinstance(g.identifier, URIRef) and len(g)
    )


def test_load_of_a_broken_dataset_names_the_file_and_line_and_sends_nothing(corpus_build, graph_store, tmp_path):
    broken = tmp_path / "broken"
    broken.mkdir()
    first = (corpus_build / "dataset.nq").read_text(encoding="utf-8").splitlines(keepends=True)[:3]
    (broken / "dataset.nq").write_text("".join(first) + "<urn:a> <urn:b> .\n", encoding="utf-8")
    store = graph_store()
    r = run("load", str(broken), "--endpoint", store.url, "--retries", "0")
    assert r.exit_code == 2
    assert f"{broken / 'dataset.nq'}: not valid N-Quads: " in r.stderr and "line 4" in r.stderr
    assert "Traceback" not in r.stderr
    assert store.graphs == {}
