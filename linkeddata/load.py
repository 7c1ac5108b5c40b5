"""Push a build to a running triple store over the SPARQL 1.1 Graph Store HTTP Protocol.

Each article's named graph is sent with HTTP PUT (``?graph=<iri>``), which replaces whatever
the store held in that graph: loading again never duplicates. Afterwards a SPARQL ``COUNT`` per
graph (or, without a query endpoint, a GET of the graph) checks that the store holds exactly
what was sent.

The named queries ask the default graph, as ``ld-export query`` does, whose default graph is the
union of the articles' graphs. Stores differ there: in some the default graph is a graph of its
own (Oxigraph, Fuseki), in others a view of every graph (Virtuoso, GraphDB, Oxigraph's
``--union-default-graph``, Fuseki's ``unionDefaultGraph``), which holds a triple once per graph
that holds it. ``load`` finds out which (a probe graph of one triple, asked for in the default
graph, then removed) and, where the default graph is a graph of its own, PUTs the union of the
articles' graphs into it, each triple once. The named queries drop repeated rows
(``SELECT DISTINCT``), so they give the same answers either way. The default graph is checked by
reading it back (a ``COUNT`` would count every graph where the default graph is a view of all).

Credentials come from the environment (``LD_EXPORT_USER`` and ``LD_EXPORT_PASSWORD``, or
``LD_EXPORT_TOKEN`` for a bearer token; ``LD_EXPORT_AUTH=digest`` for digest authentication) or
from ``~/.netrc`` (or the file ``$NETRC`` names), never from the command line, and are never
printed.
"""

from __future__ import annotations

import base64
import netrc
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from rdflib import Dataset, URIRef

from .errors import InputError, LdExportError

Progress = Callable[[str], None]
TRANSIENT_STATUS = {408, 425, 429, 502, 503, 504}
NTRIPLES = "application/n-triples"


class EndpointError(LdExportError):
    """The store could not be reached, refused the request, or answered something unusable."""

    def __init__(self, message: str, url: str, status: int | None = None):
        self.url, self.status = url, status
        where = f"{url} answered HTTP {status}" if status is not None else f"{url} could not be reached"
        super().__init__(f"{where}: {message}")


class VerificationError(LdExportError):
    """The store does not hold what was sent."""

    exit_code = 1


@dataclass(frozen=True)
class GraphLoad:
    """One graph sent to the store: its IRI (None for the default graph), the triples sent and
    stored, and the HTTP status of the PUT."""

    graph: str | None
    sent: int
    stored: int
    status: int


def _auth(url: str) -> httpx.Auth | None:
    user, password, token = (os.environ.get(k) for k in ("LD_EXPORT_USER", "LD_EXPORT_PASSWORD", "LD_EXPORT_TOKEN"))
    if token:
        return _Bearer(token)
    if user:
        if os.environ.get("LD_EXPORT_AUTH", "basic").lower() == "digest":
            return httpx.DigestAuth(user, password or "")
        return httpx.BasicAuth(user, password or "")
    path = Path(os.environ.get("NETRC") or Path.home() / ".netrc")
    if path.is_file():
        try:
            entry = netrc.netrc(str(path)).authenticators(urlsplit(url).hostname or "")
        except (netrc.NetrcParseError, OSError) as e:
            raise InputError(f"cannot read the netrc file: {e}", path) from None
        if entry and entry[2]:
            if os.environ.get("LD_EXPORT_AUTH", "basic").lower() == "digest":
                return httpx.DigestAuth(entry[0], entry[2])
            return httpx.BasicAuth(entry[0], entry[2])
    return None


class _Bearer(httpx.Auth):
    def __init__(self, token: str):
        self._token = token

    def auth_flow(self, request):
        request.headers["Authorization"] = f"Bearer {self._token}"
        yield request


def _check_url(url: str, what: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"the {what} {url!r} is not an http(s) URL")
    if parts.username or parts.password:
        raise InputError(
            f"the {what} carries credentials; put them in LD_EXPORT_USER / LD_EXPORT_PASSWORD or ~/.netrc instead"
        )
    return url


class _Client:
    """An HTTP client with timeouts and retries with exponential backoff for transient failures."""

    def __init__(self, timeout: float, retries: int, backoff: float, auth: httpx.Auth | None):
        self.retries, self.backoff = retries, backoff
        self.http = httpx.Client(timeout=timeout, auth=auth, follow_redirects=True, trust_env=False)

    def request(self, method: str, url: str, **kw) -> httpx.Response:
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                response = self.http.request(method, url, **kw)
            except httpx.TimeoutException:
                if last:
                    raise EndpointError(f"no answer within {self.http.timeout.read} s", url) from None
            except httpx.TransportError as e:
                if last:
                    raise EndpointError(f"{type(e).__name__}: {e}", url) from None
            else:
                if response.status_code not in TRANSIENT_STATUS or last:
                    return response
            time.sleep(self.backoff * 2**attempt)
        raise AssertionError("unreachable")

    def close(self) -> None:
        self.http.close()


def _redact(text: str) -> str:
    """Remove every form of the credentials from a text (a store may echo the request's headers)."""
    user, password, token = (os.environ.get(k) for k in ("LD_EXPORT_USER", "LD_EXPORT_PASSWORD", "LD_EXPORT_TOKEN"))
    secrets = [token, password]
    if user:
        secrets.append(base64.b64encode(f"{user}:{password or ''}".encode()).decode())
    for secret in sorted(filter(None, secrets), key=len, reverse=True):
        text = text.replace(secret, "***")
    return text


def _fail(response: httpx.Response, action: str, advice: str = "") -> None:
    status = response.status_code
    hint = {
        401: "the store wants credentials (set LD_EXPORT_USER and LD_EXPORT_PASSWORD, or add the host to ~/.netrc)",
        403: "the credentials were refused",
        404: "no such endpoint; check the URL (see the README for each store's Graph Store URL)",
    }.get(status, "")
    body = " ".join(_redact(response.text).split())[:200]
    detail = hint or (f"the store said: {body}" if body else "")
    if advice and not hint:
        detail = f"{detail}; {advice}" if detail else advice
    raise EndpointError(f"{action} failed" + (f"; {detail}" if detail else ""), str(response.request.url), status)


def read_build(build_dir: Path) -> Dataset:
    """The named graphs of a build (its ``dataset.nq``, else ``dataset.trig``)."""
    for name, fmt in (("dataset.nq", "nquads"), ("dataset.trig", "trig")):
        path = build_dir / name
        if path.is_file():
            ds = Dataset()
            try:
                ds.parse(path, format=fmt)
            except Exception as e:  # noqa: BLE001 - parser errors become one readable paragraph
                raise InputError(f"not valid {fmt}: {' '.join(str(e).split())[:300]}", path) from None
            return ds
    raise InputError("no dataset.nq or dataset.trig here; run `ld-export build` first", build_dir)


def load(
    build_dir: str | Path,
    endpoint: str,
    query_endpoint: str | None = None,
    timeout: float = 30.0,
    retries: int = 3,
    backoff: float = 0.5,
    progress: Progress | None = None,
    default_graph: bool | None = None,
) -> list[GraphLoad]:
    """PUT every named graph of the build to the Graph Store ``endpoint``, and their union to the
    store's default graph when ``default_graph`` is true; then verify the counts.

    ``default_graph`` None (the default): write the union unless the store's queries already see
    every graph in the default graph, which is asked at ``query_endpoint`` (without one, the union
    is written). The default graph goes first, so that a store without one (Virtuoso's Graph Store)
    refuses before anything has changed; its load comes last in the list returned.
    """
    say = progress or (lambda _msg: None)
    _check_url(endpoint, "Graph Store endpoint")
    if query_endpoint:
        _check_url(query_endpoint, "query endpoint")
    ds = read_build(Path(build_dir))
    graphs = sorted((g for g in ds.graphs() if isinstance(g.identifier, URIRef) and len(g)), key=lambda g: g.identifier)
    if not graphs:
        raise InputError("the build holds no named graph", build_dir)
    bodies = {str(g.identifier): g.serialize(format="nt").encode("utf-8") for g in graphs}
    client = _Client(timeout, retries, backoff, _auth(endpoint))
    try:
        if default_graph is None:
            default_graph = not (query_endpoint and _default_graph_is_union(client, endpoint, query_endpoint))
            if not default_graph:
                say("the store's default graph is the union of its graphs: it is left as it is")
        union = None
        if default_graph:
            lines = sorted({line + b"\n" for body in bodies.values() for line in body.split(b"\n") if line.strip()})
            say(f"PUT {len(lines)} triples, the union of the {len(graphs)} graph(s), into the default graph")
            r = client.request("PUT", endpoint, params={"default": ""}, content=b"".join(lines),
                               headers={"Content-Type": NTRIPLES})  # fmt: skip
            if r.status_code not in (200, 201, 204):
                _fail(r, "PUT of the default graph", NO_DEFAULT_GRAPH)
            union = (len(lines), r.status_code)
        results = []
        for i, g in enumerate(graphs, start=1):
            iri = str(g.identifier)
            say(f"[{i}/{len(graphs)}] PUT {len(g)} triples into <{iri}>")
            r = client.request("PUT", endpoint, params={"graph": iri}, content=bodies[iri],
                               headers={"Content-Type": NTRIPLES})  # fmt: skip
            if r.status_code not in (200, 201, 204):
                _fail(r, f"PUT of graph <{iri}>")
            results.append((iri, len(g), r.status_code))
        say("verifying")
        loads = []
        for iri, sent, status in results:
            stored = _count(client, iri, endpoint, query_endpoint)
            loads.append(GraphLoad(iri, sent, stored, status))
        if union is not None:
            loads.append(GraphLoad(None, union[0], _read_back(client, endpoint, None), union[1]))
        wrong = [x for x in loads if x.sent != x.stored]
        if wrong:
            x = wrong[0]
            where = f"<{x.graph}>" if x.graph else "the default graph"
            raise VerificationError(f"the store holds {x.stored} triples in {where}, but {x.sent} were sent")
        return loads
    finally:
        client.close()


NO_DEFAULT_GRAPH = (
    "a store whose queries see every graph needs no default graph (Virtuoso's Graph Store has none): "
    "load with --no-default-graph, or give --query-endpoint to let ld-export find out"
)

# The graph, subject, predicate and object of the probe: a name of its own, never written to any build.
PROBE = "urn:x-ld-export:probe"


def _default_graph_is_union(client: _Client, endpoint: str, query_endpoint: str) -> bool:
    """Whether the store's queries see the triples of its named graphs in the default graph: one
    triple is PUT into a probe graph of its own, asked for without GRAPH, and the graph removed."""
    probe = f"<{PROBE}> <{PROBE}> <{PROBE}> .\n".encode()
    r = client.request("PUT", endpoint, params={"graph": PROBE}, content=probe, headers={"Content-Type": NTRIPLES})
    if r.status_code not in (200, 201, 204):
        _fail(r, f"PUT of the probe graph <{PROBE}>")
    # A SELECT rather than an ASK: Virtuoso 7 answers ASK in JSON as if it were a SELECT.
    sparql = f"SELECT ?o WHERE {{ <{PROBE}> <{PROBE}> ?o }} LIMIT 1"
    asked = client.request("POST", query_endpoint, data={"query": sparql},
                           headers={"Accept": "application/sparql-results+json"})  # fmt: skip
    r = client.request("DELETE", endpoint, params={"graph": PROBE})
    if r.status_code not in (200, 202, 204):
        _fail(r, f"DELETE of the probe graph <{PROBE}>")
    if asked.status_code != 200:
        _fail(asked, "the probe query")
    try:
        return bool(asked.json()["results"]["bindings"])
    except (ValueError, KeyError, TypeError):
        raise EndpointError("the probe query did not return SPARQL JSON results", query_endpoint, 200) from None


def _count(client: _Client, iri: str, endpoint: str, query_endpoint: str | None) -> int:
    if query_endpoint:
        sparql = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}"
        r = client.request(
            "POST",
            query_endpoint,
            data={"query": sparql},
            headers={"Accept": "application/sparql-results+json"},
        )
        if r.status_code != 200:
            _fail(r, "the COUNT query")
        try:
            return int(r.json()["results"]["bindings"][0]["n"]["value"])
        except (ValueError, KeyError, IndexError, TypeError):
            raise EndpointError("the COUNT query did not return SPARQL JSON results", query_endpoint, 200) from None
    return _read_back(client, endpoint, iri)


def _read_back(client: _Client, endpoint: str, iri: str | None) -> int:
    """The number of triples the Graph Store holds in graph ``iri`` (None: the default graph)."""
    params = {"graph": iri} if iri else {"default": ""}
    r = client.request("GET", endpoint, params=params, headers={"Accept": NTRIPLES})
    if r.status_code != 200:
        _fail(r, f"GET of graph <{iri}>" if iri else "GET of the default graph")
    # Split on LF only: N-Triples leaves U+2028, NEL and form feed unescaped inside literals.
    return len({line for line in r.text.split("\n") if line.strip() and not line.startswith("#")})
