"""Safety: YAML never runs code, nothing is fetched from the network unless asked, and store
credentials never show in output.

Every server here listens on 127.0.0.1 and records what it is asked. A guard also refuses (and
records) any connection or name lookup beyond the loopback address made by the process itself.
"""

from __future__ import annotations

import ast
import importlib
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import free_port, write_small

import linkeddata
from linkeddata.annotation import load_annotation, load_registry
from linkeddata.cli import main
from linkeddata.errors import AnnotationError, InputError
from linkeddata.query import load_dataset, run_query

PACKAGE = Path(linkeddata.__file__).parent
SECRETS = {"LD_EXPORT_USER": "analyst", "LD_EXPORT_PASSWORD": "pw-Zq81-secret", "LD_EXPORT_TOKEN": "tok-Kx93-secret"}


# --------------------------------------------------------------------------------------------
# Servers and the network guard


class Recorder:
    """An HTTP server on loopback that records every request and answers by path:
    /ctx* a JSON-LD context, /sparql* SPARQL JSON results, /plain500 a 500, /echo500 a 500 that
    echoes the request headers, /redirect a 307 to ``redirect_to``, anything else a small Turtle graph."""

    def __init__(self):
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.redirect_to = ""
        rec = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                rec.requests.append((self.command, self.path, dict(self.headers)))
                status, kind, body = 200, "text/turtle", b"<http://example.org/s> <http://example.org/p> 1 .\n"
                if self.path.startswith("/ctx"):
                    kind, body = "application/ld+json", json.dumps({"@context": {"name": "http://schema.org/name"}})
                elif self.path.startswith("/sparql"):
                    kind = "application/sparql-results+json"
                    body = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [
                        {"x": {"type": "literal", "value": "from-the-remote-endpoint"}}]}})  # fmt: skip
                elif self.path.startswith("/plain500"):
                    status, kind, body = 500, "text/plain", "internal server error"
                elif self.path.startswith("/echo500"):
                    status, kind = 500, "text/plain"
                    body = f"server error for Authorization: {self.headers.get('Authorization')}\n{self.headers}"
                elif self.path.startswith("/redirect"):
                    self.send_response(307)
                    self.send_header("Location", rec.redirect_to + self.path)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                data = body.encode() if isinstance(body, str) else body
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = answer  # noqa: N815

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def recorder():
    r = Recorder()
    yield r
    r.close()


LOOPBACK = ("127.0.0.1", "::1", "localhost")


@pytest.fixture
def guard(monkeypatch):
    """Refuse, and record, any connection or name lookup that is not the loopback address."""
    attempts: list = []
    real_connect, real_connect_ex, real_getaddrinfo = (
        socket.socket.connect,
        socket.socket.connect_ex,
        socket.getaddrinfo,
    )

    def allowed(address) -> bool:
        return not isinstance(address, tuple) or address[0] in LOOPBACK

    def connect(self, address):
        if not allowed(address):
            attempts.append(("connect", address))
            raise ConnectionRefusedError(f"the test refuses a connection to {address}")
        return real_connect(self, address)

    def connect_ex(self, address):
        if not allowed(address):
            attempts.append(("connect", address))
            return 111
        return real_connect_ex(self, address)

    def getaddrinfo(host, *args, **kwargs):
        if host not in LOOPBACK and host is not None:
            attempts.append(("lookup", host))
            raise socket.gaierror(f"the test refuses to look up {host}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    return attempts


def cli(*args: str):
    return CliRunner().invoke(main, list(args))


# --------------------------------------------------------------------------------------------
# YAML


def payloads(marker: Path) -> list[str]:
    return [
        f"!!python/object/apply:os.system ['touch {marker}']",
        f"!!python/object/apply:subprocess.check_call [['touch', '{marker}']]",
        f"!!python/object/new:subprocess.Popen [['touch', '{marker}']]",
        f'!!python/object/apply:builtins.exec [\'open("{marker}", "w").close()\']',
        "!!python/name:os.system",
        "!!python/module:os",
    ]


@pytest.mark.parametrize("where", ["annotation", "registry"])
@pytest.mark.parametrize("n", range(6))
def test_a_yaml_payload_never_runs_and_is_refused_with_exit_2(tmp_path, where, n):
    marker = tmp_path / "ran"
    payload = payloads(marker)[n]
    folder = write_small(tmp_path / "in")
    name = "small-article.yaml" if where == "annotation" else "registry.yaml"
    path = folder / name
    text = path.read_text(encoding="utf-8")
    path.write_text(f"evil: {payload}\n" + text if where == "registry" else text.replace(
        "publisher: reuters", f"publisher: {payload}"), encoding="utf-8")  # fmt: skip
    r = cli("build", str(folder), "-o", str(tmp_path / "out"), "-q")
    assert r.exit_code == 2, r.output
    assert f"{name}:" in r.stderr and "only plain YAML" in r.stderr, r.stderr
    assert not marker.exists()
    assert not (tmp_path / "out").exists()


def test_the_library_loaders_refuse_the_payload_too(tmp_path):
    marker = tmp_path / "ran"
    registry, annotation = tmp_path / "registry.yaml", tmp_path / "story.yaml"
    registry.write_text(f"actors: {payloads(marker)[0]}\n", encoding="utf-8")
    with pytest.raises(AnnotationError, match="only plain YAML"):
        load_registry(registry)
    registry.write_text("actors: []\n", encoding="utf-8")
    annotation.write_text(f"article: {payloads(marker)[1]}\nclaims: []\n", encoding="utf-8")
    with pytest.raises(AnnotationError, match="only plain YAML"):
        load_annotation(annotation, load_registry(registry))
    assert not marker.exists()


def test_the_package_loads_yaml_only_with_a_safe_loader():
    """Every yaml.load call in the package passes a SafeLoader subclass; no unsafe entry point is used."""
    unsafe = {"unsafe_load", "unsafe_load_all", "full_load", "full_load_all"}
    calls = 0
    for path in sorted(PACKAGE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module = importlib.import_module(f"linkeddata.{path.stem}")
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if not (isinstance(node.func.value, ast.Name) and node.func.value.id == "yaml"):
                continue
            assert node.func.attr not in unsafe, f"{path.name}:{node.lineno} uses yaml.{node.func.attr}"
            if node.func.attr in ("load", "load_all"):
                calls += 1
                loader = next((k.value for k in node.keywords if k.arg == "Loader"), None)
                assert isinstance(loader, ast.Name), f"{path.name}:{node.lineno}: yaml.load without a named Loader"
                safe = (yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml's, or Python's
                assert issubclass(getattr(module, loader.id), safe), f"{path.name}:{node.lineno}"
    assert calls == 2  # the package's yaml.load calls, each checked above


# --------------------------------------------------------------------------------------------
# JSON-LD contexts are never fetched


def jsonld_documents(url: str) -> dict[str, dict]:
    node = {"@id": "http://example.org/a", "name": "x"}
    return {
        "string": {"@context": f"{url}/ctx", **node},
        "list": {"@context": [{"schema": "http://schema.org/"}, f"{url}/ctx-in-list"], **node},
        "scoped": {
            "@context": {"knows": {"@id": "http://schema.org/knows", "@context": f"{url}/ctx-scoped"}},
            "@id": "http://example.org/a",
            "knows": {"@id": "http://example.org/b"},
        },  # fmt: skip
        "import": {"@context": {"@version": 1.1, "@import": f"{url}/ctx-import"}, **node},
        "nested": {
            "@context": {"name": "http://schema.org/name"},
            "@graph": [{"@context": f"{url}/ctx-nested", **node}],
        },
        "relative": {"@context": "context.jsonld", **node},
        "unroutable": {"@context": "http://context.invalid/ld.jsonld", **node},
    }


@pytest.mark.parametrize(
    "kind",
    ["string", "list", "scoped", "import", "nested", "relative", "unroutable"],
)
@pytest.mark.parametrize("command", ["validate", "query"])
def test_a_remote_jsonld_context_is_never_fetched_and_is_exit_2(tmp_path, recorder, guard, kind, command):
    doc = jsonld_documents(recorder.url)[kind]
    path = tmp_path / "data.jsonld"
    path.write_text(json.dumps(doc), encoding="utf-8")
    (tmp_path / "context.jsonld").write_text(json.dumps({"@context": {"name": "http://schema.org/name"}}))
    if command == "validate":
        r = cli("validate", str(path))
    else:
        r = cli("query", "--data", str(path), "SELECT * WHERE { ?s ?p ?o }")
    assert r.exit_code == 2, r.output
    assert r.stderr.startswith(f"Error: {path}: the JSON-LD @") and "never fetches" in r.stderr, r.stderr
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.output
    assert recorder.requests == [] and guard == []


def test_the_library_refuses_a_remote_context_too(tmp_path, recorder, guard):
    from linkeddata.layout import read_rdf

    path = tmp_path / "data.jsonld"
    path.write_text(json.dumps(jsonld_documents(recorder.url)["string"]), encoding="utf-8")
    with pytest.raises(InputError, match="never fetches"):
        read_rdf(path)
    with pytest.raises(InputError, match="never fetches"):
        load_dataset([path])
    assert recorder.requests == [] and guard == []


def test_built_jsonld_with_its_inline_context_is_read_without_the_network(tmp_path, guard):
    out = tmp_path / "out"
    linkeddata.build([write_small(tmp_path / "in")], out, formats=["jsonld"])
    path = out / "small-article.jsonld"
    assert cli("validate", str(path)).exit_code == 0
    r = cli("query", "--data", str(path), "ASK { ?s a <http://schema.org/NewsArticle> }")
    assert r.exit_code == 0 and r.stdout == "true\n"
    assert guard == []


def test_broken_json_is_exit_2(tmp_path):
    path = tmp_path / "data.jsonld"
    path.write_text("[" * 100_000, encoding="utf-8")
    r = cli("validate", str(path))
    assert r.exit_code == 2 and r.stderr.startswith(f"Error: {path}: not valid JSON") and "Internal" not in r.stderr


# --------------------------------------------------------------------------------------------
# SPARQL: SERVICE and FROM never reach the network unless allowed


@pytest.fixture
def small_data(tmp_path) -> Path:
    out = tmp_path / "out"
    linkeddata.build([write_small(tmp_path / "in")], out, formats=["ntriples", "nquads"])
    return out


SERVICE_QUERIES = [
    "SELECT ?x WHERE {{ SERVICE <{url}/sparql> {{ ?x ?p ?o }} }}",
    "SELECT ?x WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICE SILENT <{url}/sparql-optional> {{ ?x ?q ?r }} }} }}",
    "SELECT ?x WHERE {{ {{ SELECT ?x WHERE {{ SERVICE <{url}/sparql-sub> {{ ?x ?p ?o }} }} }} }}",
    "SELECT ?s WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{url}/sparql-exists> {{ ?s ?q ?r }} }} }}",
    "ASK {{ SERVICE <{url}/sparql-ask> {{ ?s ?p ?o }} }}",
    "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}/sparql-construct> {{ ?s ?p ?o }} }}",
    "SELECT ?x WHERE {{ SERVICE <http://sparql.invalid/query> {{ ?x ?p ?o }} }}",
]


@pytest.mark.parametrize("n", range(len(SERVICE_QUERIES)))
def test_service_is_refused_with_exit_2_and_never_called(small_data, recorder, guard, n):
    sparql = SERVICE_QUERIES[n].format(url=recorder.url)
    r = cli("query", "--data", str(small_data), sparql)
    assert r.exit_code == 2, r.output
    assert "SERVICE" in r.stderr and "--allow-service" in r.stderr and r.stderr.count("\n") == 1, r.stderr
    assert recorder.requests == [] and guard == []
    with pytest.raises(InputError, match="SERVICE"):
        run_query(sparql, load_dataset([small_data]))


def test_service_is_called_when_allowed(small_data, recorder, guard):
    sparql = f"SELECT ?x WHERE {{ SERVICE <{recorder.url}/sparql> {{ ?x ?p ?o }} }}"
    r = cli("query", "--data", str(small_data), "--allow-service", "--format", "csv", sparql)
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines() == ["x", "from-the-remote-endpoint"]
    assert [path.split("?")[0] for _method, path, _headers in recorder.requests] == ["/sparql"]
    assert guard == []


def test_an_unreachable_service_when_allowed_is_exit_2_not_a_crash(small_data, guard):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    sparql = f"SELECT ?x WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?x ?p ?o }} }}"
    r = cli("query", "--data", str(small_data), "--allow-service", sparql)
    assert r.exit_code == 2 and r.stderr.startswith("Error: ") and "Internal error" not in r.stderr, r.output


@pytest.mark.parametrize("clause", ["FROM", "FROM NAMED"])
def test_from_a_graph_outside_the_data_is_refused_and_never_loaded(small_data, recorder, guard, clause):
    for url in (f"{recorder.url}/graph.ttl", "http://graphs.invalid/g.ttl", (small_data / "small-article.nt").as_uri()):
        r = cli("query", "--data", str(small_data), f"SELECT * {clause} <{url}> WHERE {{ ?s ?p ?o }}")
        assert r.exit_code == 2 and f"{clause} <{url}> names no graph of the data" in r.stderr, r.output
    assert recorder.requests == [] and guard == []


def test_from_a_graph_of_the_data_works(small_data):
    graph = "https://w3id.org/ld-export/data/graph/small-article"
    r = cli("query", "--data", str(small_data), "--format", "csv",
            f"SELECT (COUNT(*) AS ?n) FROM <{graph}> WHERE {{ ?s ?p ?o }}")  # fmt: skip
    assert r.exit_code == 0, r.output
    triples = (small_data / "small-article.nt").read_bytes().count(b"\n")
    assert r.stdout.splitlines() == ["n", str(triples)] and triples == 277  # the whole article graph


def test_select_star_names_columns_in_the_order_of_the_query(small_data):
    r = cli("query", "--data", str(small_data), "--format", "csv", "SELECT * WHERE { ?zeta ?alpha ?mid } LIMIT 1")
    assert r.stdout.splitlines()[0] == "zeta,alpha,mid"


# --------------------------------------------------------------------------------------------
# Store credentials never appear in output


@pytest.fixture
def secrets(monkeypatch):
    for var, value in SECRETS.items():
        monkeypatch.setenv(var, value)
    return SECRETS


def assert_no_secret(r) -> None:
    for value in SECRETS.values():
        if value != SECRETS["LD_EXPORT_USER"]:
            assert value not in r.output, r.output


@pytest.fixture
def silent_server():
    """Accepts connections on loopback and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    held, stop = [], threading.Event()

    def accept():
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/store"
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    server.close()


def test_connection_refused_with_a_token_never_prints_it(seed_build, secrets):
    url = f"http://127.0.0.1:{free_port()}/store"
    r = cli("load", str(seed_build[1]), "--endpoint", url, "--retries", "1")
    assert r.exit_code == 2 and "could not be reached" in r.stderr, r.output
    assert_no_secret(r)


def test_a_timeout_with_a_token_never_prints_it(seed_build, secrets, silent_server):
    started = time.monotonic()
    r = cli("load", str(seed_build[1]), "--endpoint", silent_server, "--timeout", "0.3", "--retries", "0")
    assert r.exit_code == 2 and "no answer within 0.3 s" in r.stderr, r.output
    assert time.monotonic() - started < 10
    assert_no_secret(r)


@pytest.mark.parametrize("auth", ["token", "password"])
@pytest.mark.parametrize("path", ["/plain500", "/echo500"])  # /echo500 repeats the request's headers
def test_http_500_never_prints_credentials(seed_build, secrets, recorder, monkeypatch, auth, path):
    if auth == "password":
        monkeypatch.delenv("LD_EXPORT_TOKEN")
    r = cli("load", str(seed_build[1]), "--endpoint", f"{recorder.url}{path}", "--retries", "0")
    assert r.exit_code == 2 and "answered HTTP 500" in r.stderr, r.output
    sent = recorder.requests[0][2].get("Authorization", "")
    assert sent.startswith("Bearer " if auth == "token" else "Basic ")  # the credential was really sent
    assert sent.split(" ", 1)[1] not in r.output
    assert_no_secret(r)


def test_a_redirect_to_another_origin_does_not_carry_the_token(seed_build, secrets, recorder):
    other = Recorder()
    try:
        recorder.redirect_to = other.url
        cli("load", str(seed_build[1]), "--endpoint", f"{recorder.url}/redirect", "--retries", "0")
        assert recorder.requests and recorder.requests[0][2].get("Authorization", "").startswith("Bearer ")
        assert other.requests, "the redirect was not followed"
        assert all("Authorization" not in headers for _m, _p, headers in other.requests)
    finally:
        other.close()
