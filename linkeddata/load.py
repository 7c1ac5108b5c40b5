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

Credentials come from the environment the caller passes (the command line passes its own:
``LD_EXPORT_USER`` and ``LD_EXPORT_PASSWORD``, or ``LD_EXPORT_TOKEN`` for a bearer token;
``LD_EXPORT_AUTH=digest`` for digest authentication) or from ``~/.netrc`` (or the file ``NETRC``
names), never from the command line's arguments, and are never printed.
"""

from __future__ import annotations

import base64
import netrc
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import httpx
import pyoxigraph as ox

from .errors import InputError, LdExportError
from .layout import BuildLayout

Progress = Callable[[str], None]
TRANSIENT_STATUS = {408, 425, 429, 502, 503, 504}
RETRIES, BACKOFF, MAX_WAIT = 5, 0.5, 8.0  # 0.5 + 1 + 2 + 4 + 8 s: longer than a store takes to restart
NTRIPLES = "application/n-triples"


class EndpointError(LdExportError):
    """The store could not be reached, refused the request, or answered something unusable."""

    def __init__(self, message: str, url: str, status: int | None = None):
        self.message, self.url, self.status = message, url, status
        self.replaced: list[str] = []  # graphs the load replaced before it failed, in the order sent
        self.remaining: list[str] = []  # graphs it did not replace (the first may or may not be, with no status)
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


@dataclass(frozen=True)
class Secrets:
    """Every credential of a load (from the environment, netrc or a URL), and every way it may be
    written in what a store answers: as it is, percent-encoded, and base64-encoded (alone, as the
    ``user:password`` of HTTP basic authentication, and inside any longer base64 text, where it
    shows in one of three alignments). :meth:`redact` removes them all from a message."""

    forms: tuple[str, ...] = ()

    @classmethod
    def of(cls, passwords: list[str | None], pairs: list[tuple[str, str]]) -> Secrets:
        raw = [p for p in passwords if p] + [f"{user}:{password}" for user, password in pairs if password]
        forms: set[str] = set()
        for secret in raw:
            forms |= {secret, quote(secret, safe="")}
            data = secret.encode("utf-8")
            for encode in (base64.b64encode, base64.urlsafe_b64encode):
                forms.add(encode(data).decode("ascii"))
                for shift in range(3):  # the characters that hold only the secret's bits
                    text = encode(b"\0" * shift + data + b"\0\0").decode("ascii")
                    core = text[-(-4 * shift // 3) : 4 * (shift + len(data)) // 3]
                    if len(core) >= 4:
                        forms.add(core)
        return cls(tuple(sorted(forms, key=lambda f: (-len(f), f))))

    def __or__(self, other: Secrets) -> Secrets:
        return Secrets(tuple(sorted(set(self.forms) | set(other.forms), key=lambda f: (-len(f), f))))

    def redact(self, text: str) -> str:
        for form in self.forms:
            text = text.replace(form, "***")
        return text


def _auth(url: str, environ: Mapping[str, str]) -> tuple[httpx.Auth | None, Secrets]:
    """The authentication for ``url`` (from ``environ``, else netrc), and its secrets."""
    user, password, token = (environ.get(k) for k in ("LD_EXPORT_USER", "LD_EXPORT_PASSWORD", "LD_EXPORT_TOKEN"))
    secrets = Secrets.of([password, token], [(user or "", password or "")])
    if token:
        return _Bearer(token), secrets
    if user:
        if environ.get("LD_EXPORT_AUTH", "basic").lower() == "digest":
            return httpx.DigestAuth(user, password or ""), secrets
        return httpx.BasicAuth(user, password or ""), secrets
    path = Path(environ.get("NETRC") or Path.home() / ".netrc")
    if path.is_file():
        try:
            entry = netrc.netrc(str(path)).authenticators(urlsplit(url).hostname or "")
        except (netrc.NetrcParseError, OSError) as e:
            raise InputError(f"cannot read the netrc file: {' '.join(str(getattr(e, 'msg', None) or e).split())}",
                             path) from None  # fmt: skip
        if entry and entry[2]:
            login, _account, secret = entry
            secrets = Secrets.of([password, token, secret], [(login or "", secret)])
            if environ.get("LD_EXPORT_AUTH", "basic").lower() == "digest":
                return httpx.DigestAuth(login or "", secret), secrets
            return httpx.BasicAuth(login or "", secret), secrets
    return None, secrets


class _Bearer(httpx.Auth):
    def __init__(self, token: str):
        self._token = token

    def auth_flow(self, request):
        request.headers["Authorization"] = f"Bearer {self._token}"
        yield request


def _shown(url: str) -> str:
    """``url`` as messages show it: a password in it replaced by ``***``."""
    try:
        parts = urlsplit(url)
        if parts.password is None:
            return url
        netloc = parts.netloc.rpartition("@")
        user = netloc[0].partition(":")[0]
        return parts._replace(netloc=f"{user}:***@{netloc[2]}").geturl()
    except ValueError:
        return "the URL given"


def _url_secrets(*urls: str | None) -> list[tuple[str, str]]:
    found = []
    for url in filter(None, urls):
        try:
            parts = urlsplit(url)
            if parts.password:
                found.append((unquote(parts.username or ""), unquote(parts.password)))
                found.append((parts.username or "", parts.password))
        except ValueError:
            pass
    return found


def _check_url(url: str, what: str) -> str:
    try:
        parts = urlsplit(url)
        host = parts.hostname
        _ = parts.port
    except ValueError as e:
        raise InputError(f"the {what} {_shown(url)!r} is not a valid URL ({e})") from None
    if parts.scheme not in ("http", "https") or not host:
        raise InputError(f"the {what} {_shown(url)!r} is not an http(s) URL")
    if parts.username or parts.password:
        raise InputError(
            f"the {what} carries credentials; put them in LD_EXPORT_USER / LD_EXPORT_PASSWORD or ~/.netrc instead"
        )
    return url


class _Client:
    """An HTTP client with timeouts, and retries with exponential backoff for transient failures:
    waits of ``backoff``, twice that, four times… at most :data:`MAX_WAIT` seconds each."""

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
            time.sleep(min(MAX_WAIT, self.backoff * 2**attempt))
        raise AssertionError("unreachable")

    def close(self) -> None:
        self.http.close()


def _fail(response: httpx.Response, action: str, advice: str = "") -> None:
    status = response.status_code
    hint = {
        401: "the store wants credentials (set LD_EXPORT_USER and LD_EXPORT_PASSWORD, or add the host to ~/.netrc)",
        403: "the credentials were refused",
        404: "no such endpoint; check the URL (see the README for each store's Graph Store URL)",
    }.get(status, "")
    body = " ".join(response.text.split())[:200]  # credentials in it are redacted by load()
    detail = hint or (f"the store said: {body}" if body else "")
    if advice and not hint:
        detail = f"{detail}; {advice}" if detail else advice
    raise EndpointError(f"{action} failed" + (f"; {detail}" if detail else ""), str(response.request.url), status)


def _runs(path: Path) -> Iterator[tuple[str, list[ox.Triple]]]:
    """The triples of a dataset file's named graphs, read as they come (pyoxigraph, in Rust): one
    item per run of quads in one graph. Triples of the default graph or of a blank-node graph are
    no article's and are left out, as before."""
    fmt = ox.RdfFormat.N_QUADS if path.suffix == ".nq" else ox.RdfFormat.TRIG
    current: str | None = None
    triples: list[ox.Triple] = []
    try:
        with open(path, "rb") as f:
            for quad in ox.parse(f, format=fmt):
                graph = quad.graph_name
                if not isinstance(graph, ox.NamedNode):
                    continue
                if graph.value != current:
                    if triples:
                        yield current, triples
                    current, triples = graph.value, []
                triples.append(quad.triple)
    except (SyntaxError, ValueError) as e:
        raise InputError(f"not valid {fmt.name}: {' '.join(str(e).split())[:400]}", path) from None
    if triples:
        yield current, triples


def _runs_of(paths: list[Path]) -> Iterator[tuple[str, list[ox.Triple]]]:
    """:func:`_runs` of each file in turn (a graph is never split between two parts of a build)."""
    for path in paths:
        yield from _runs(path)


class _Graphs:
    """The named graphs of a build's dataset files (the whole file, or its parts in order), each
    with its distinct triples, in the order of their IRIs. A build writes each graph in one run,
    in that order: then the files are read twice, once to count and once to send, and only one
    graph is held at a time (a build of thousands of articles does not fit in memory as rdflib
    terms). Files in another order are held whole."""

    def __init__(self, paths: list[Path]):
        self.paths = paths
        self.counts: dict[str, int] = {}
        self._held: dict[str, dict[ox.Triple, None]] | None = None
        previous = None
        for iri, triples in _runs_of(paths):
            if previous is not None and iri <= previous:  # out of order, or a graph in two runs
                self._held = self._hold()
                break
            self.counts[iri] = len(set(triples))
            previous = iri
        if self._held is not None:
            self.counts = {iri: len(triples) for iri, triples in sorted(self._held.items())}

    def _hold(self) -> dict[str, dict[ox.Triple, None]]:
        held: dict[str, dict[ox.Triple, None]] = {}
        for iri, triples in _runs_of(self.paths):
            held.setdefault(iri, {}).update(dict.fromkeys(triples))
        return held

    def bodies(self) -> Iterator[tuple[str, bytes]]:
        """Each graph's IRI and its triples as N-Triples, in the order of the IRIs."""
        if self._held is not None:
            for iri in self.counts:
                yield iri, _ntriples(self._held[iri])
        else:
            for iri, triples in _runs_of(self.paths):
                yield iri, _ntriples(dict.fromkeys(triples))


def _ntriples(triples) -> bytes:
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""


def load(
    build_dir: str | Path,
    endpoint: str,
    query_endpoint: str | None = None,
    timeout: float = 30.0,
    retries: int = RETRIES,
    backoff: float = BACKOFF,
    progress: Progress | None = None,
    default_graph: bool | None = None,
    environ: Mapping[str, str] | None = None,
) -> list[GraphLoad]:
    """PUT every named graph of the build to the Graph Store ``endpoint``, and their union to the
    store's default graph when ``default_graph`` is true; then verify the counts.

    ``default_graph`` None (the default): write the union unless the store's queries already see
    every graph in the default graph, which is asked at ``query_endpoint`` (without one, the union
    is written). The default graph goes first, so that a store without one (Virtuoso's Graph Store)
    refuses before anything has changed; its load comes last in the list returned.

    Graphs are sent one by one, in the order of their IRIs. If sending fails part-way, the error
    says which graphs the store now holds in their new version and which still hold what they
    held before; loading again finishes the job (a PUT replaces a graph, so nothing is doubled).
    Connection failures, timeouts and HTTP 408/425/429/502/503/504 are retried ``retries`` times,
    waiting ``backoff`` seconds, then twice as long each time (at most 8 s): about 15 s with the
    defaults, longer than a store such as Oxigraph takes to restart. No message (progress or
    error) holds a credential, in any encoding (:class:`Secrets`). Credentials are taken from
    ``environ`` (the variables the module names; None: none but ``~/.netrc``).
    """
    if not timeout > 0:
        raise InputError(f"the timeout must be more than 0 seconds, not {timeout}")
    if retries < 0:
        raise InputError(f"the number of retries must be 0 or more, not {retries}")
    secrets = Secrets.of([], _url_secrets(endpoint, query_endpoint))
    try:
        _check_url(endpoint, "Graph Store endpoint")
        if query_endpoint:
            _check_url(query_endpoint, "query endpoint")
        auth, found = _auth(endpoint, environ or {})
        secrets = secrets | found
        say = (lambda msg: progress(secrets.redact(msg))) if progress else (lambda _msg: None)
        client = _Client(timeout, retries, backoff, auth)
        return _load(Path(build_dir), endpoint, query_endpoint, client, say, default_graph)
    except BaseException as e:  # whatever it is, it shows no credential
        e.args = tuple(secrets.redact(a) if isinstance(a, str) else a for a in e.args)
        raise


def _load(build_dir: Path, endpoint: str, query_endpoint: str | None, client: _Client,
          say: Progress, default_graph: bool | None) -> list[GraphLoad]:  # fmt: skip
    dataset = _Graphs(BuildLayout(build_dir).require_dataset())
    graphs = list(dataset.counts)
    if not graphs:
        raise InputError("the build holds no named graph", build_dir)
    try:
        if default_graph is None:
            default_graph = not (query_endpoint and _default_graph_is_union(client, endpoint, query_endpoint))
            if not default_graph:
                say("the store's default graph is the union of its graphs: it is left as it is")
        union = None
        if default_graph:
            lines = sorted(
                {line + b"\n" for _iri, body in dataset.bodies() for line in body.split(b"\n") if line.strip()}
            )
            say(f"PUT {len(lines)} triples, the union of the {len(graphs)} graph(s), into the default graph")
            r = client.request("PUT", endpoint, params={"default": ""}, content=b"".join(lines),
                               headers={"Content-Type": NTRIPLES})  # fmt: skip
            if r.status_code not in (200, 201, 204):
                _fail(r, "PUT of the default graph", NO_DEFAULT_GRAPH)
            union = (len(lines), r.status_code)
        results = []
        for i, (iri, body) in enumerate(dataset.bodies(), start=1):
            say(f"[{i}/{len(graphs)}] PUT {dataset.counts[iri]} triples into <{iri}>")
            try:
                r = client.request("PUT", endpoint, params={"graph": iri}, content=body,
                                   headers={"Content-Type": NTRIPLES})  # fmt: skip
                if r.status_code not in (200, 201, 204):
                    _fail(r, f"PUT of graph <{iri}>")
            except EndpointError as e:
                raise _incomplete(e, graphs, i - 1, union is not None) from None
            results.append((iri, dataset.counts[iri], r.status_code))
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


def _incomplete(e: EndpointError, graphs: list[str], done: int, union: bool = False) -> EndpointError:
    """``e``, saying which graphs the store now holds in their new version and how to finish
    (``union``: the default graph was replaced first, by the union of the new build's graphs)."""
    failed, total = graphs[done], len(graphs)
    if done == 0:
        now = "No named graph was replaced before it" if union else "No graph was replaced before it"
    elif done == 1:
        now = f"Before it, 1 of {total} graphs was replaced and is new in the store: <{graphs[0]}>"
    else:
        now = (f"Before it, {done} of {total} graphs were replaced and are new in the store: <{graphs[0]}> to "
               f"<{graphs[done - 1]}> (in the order of their IRIs)")  # fmt: skip
    maybe = "" if e.status is not None else " (it may have been replaced or not: no answer came)"
    old = (f"<{failed}>{maybe}" if done == total - 1
           else f"<{failed}>{maybe} and the {total - done - 1} after it, to <{graphs[-1]}>")  # fmt: skip
    if union:
        now += "; the default graph already holds the union of the new build"
    error = EndpointError(f"{e.message}. {now}; the store still holds what it held before in {old}. Run the same "
                          "command again to finish: a graph sent again replaces itself, nothing is doubled",
                          e.url, e.status)  # fmt: skip
    error.replaced, error.remaining = graphs[:done], graphs[done:]
    return error


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
