"""The ``ld-export`` command line: Click commands only, each a thin layer over the library.

Exit codes: 0 success, 1 the data does not conform to the shapes, 2 bad input or usage.
Errors are one paragraph on stderr; progress and summaries go to stderr; data to stdout or files.
"""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import sys
import textwrap
import threading
from pathlib import Path

import click

from . import __version__
from .errors import LdExportError, NotConformingError
from .namespaces import DEFAULT_BASE_IRI
from .terminal import visible
from .write import FORMATS

WARNINGS_SHOWN = 5  # of the data's SHACL warnings, printed one by one; the report holds all
FORMAT_ALIASES = {"ttl": "turtle", "json-ld": "jsonld", "nt": "ntriples", "nq": "nquads"}


def _paragraph(text: str) -> str:
    """One paragraph: line breaks inside a message become spaces (the terminal wraps); control
    characters from the data become escapes."""
    return visible(" ".join(line.strip() for line in text.strip().split("\n")))


class _Stopped(BaseException):
    """SIGTERM or SIGHUP: end the command the way Ctrl-C does (its clean-up runs; children stop)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _stop_on(signum, _frame) -> None:
    raise _Stopped(signum)


@contextlib.contextmanager
def _stop_signals():
    """While a command runs, SIGTERM and SIGHUP raise :class:`_Stopped` and Ctrl-C raises
    KeyboardInterrupt (in the main thread only, where Python delivers signals; until then the
    entry point ends the program on Ctrl-C, see :mod:`linkeddata.console`); the previous handlers
    come back afterwards."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.signal(sig, _stop_on) for sig in (signal.SIGTERM, signal.SIGHUP)}
    previous[signal.SIGINT] = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _handle_errors(func):
    """Turn library errors into one paragraph on stderr and the documented exit code; Ctrl-C,
    SIGTERM and SIGHUP into one line and 128 + the signal's number (130, 143, 129)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            with _stop_signals():
                return func(*args, **kwargs)
        except NotConformingError as e:
            click.echo(visible(e.report.describe(), keep="\n"), err=True)
            sys.exit(e.exit_code)
        except LdExportError as e:
            click.echo(_paragraph(f"Error: {e}"), err=True)
            sys.exit(e.exit_code)
        except KeyboardInterrupt:
            _quietly(lambda: click.echo("Interrupted; earlier output is unchanged.", err=True))
            sys.exit(128 + signal.SIGINT)
        except _Stopped as e:
            name = signal.Signals(e.signum).name
            _quietly(lambda: click.echo(f"Stopped by {name}; earlier output is unchanged.", err=True))
            sys.exit(128 + e.signum)
        except Exception as e:  # noqa: BLE001 - never show a traceback to a user
            if os.environ.get("LD_EXPORT_DEBUG"):
                raise
            click.echo(
                _paragraph(
                    f"Internal error: {type(e).__name__}: {e}. This is a bug in ld-export; "
                    f"run again with LD_EXPORT_DEBUG=1 to see where it happened."
                ),
                err=True,
            )
            sys.exit(2)

    return wrapper


def _quietly(say) -> None:
    """Say something on the way out, unless the terminal has gone (SIGHUP) or a second Ctrl-C comes."""
    with contextlib.suppress(OSError, KeyboardInterrupt, _Stopped):
        say()


def _formats(_ctx, _param, value: tuple[str, ...]) -> list[str]:
    chosen: list[str] = []
    for item in value:
        for name in filter(None, (s.strip().lower() for s in item.split(","))):
            name = FORMAT_ALIASES.get(name, name)
            if name == "all":
                chosen.extend(FORMATS)
            elif name not in FORMATS:
                raise click.BadParameter(f"{name!r} is not one of {', '.join(FORMATS)}, all")
            else:
                chosen.append(name)
    return list(dict.fromkeys(chosen)) or list(FORMATS)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="ld-export")
def main() -> None:
    """Turn news reporting about armed conflicts into validated, provenance-rich linked data.

    \b
    ld-export build                  build the bundled seed article into dist/
    ld-export validate dist/*.ttl    check RDF files against the bundled SHACL shapes
    """


class _Bar:
    """A progress bar on stderr for builds of many articles (only on a terminal)."""

    def __init__(self):
        self._bar = None

    def advance(self, done: int, total: int) -> None:
        if self._bar is None:
            if total < 2:
                return
            self._bar = click.progressbar(length=total, label="building", file=sys.stderr, show_pos=True)
            self._bar.__enter__()
        self._bar.update(done - self._bar.pos)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)


_FORMAT_HELP = "; ".join(f"{name}: {f.description}" for name, f in FORMATS.items())


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--out",
    "out_dir",
    default="dist",
    show_default=True,
    type=click.Path(path_type=Path),
    help="Folder to write into (created if missing).",
)
@click.option(
    "-f",
    "--format",
    "formats",
    multiple=True,
    callback=_formats,
    metavar="FORMAT[,FORMAT…]",
    help=f"Formats to write (repeatable; default all). {_FORMAT_HELP}.",
)
@click.option(
    "--base-iri",
    default=DEFAULT_BASE_IRI,
    show_default=True,
    help="Base IRI under which articles, actors, claims… are minted.",
)
@click.option(
    "--registry",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Shared actor/place registry (default: registry.yaml beside the articles, else the bundled one).",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 256),
    default=None,
    help="Worker processes for a build of several articles (default: one per core).",
)
@click.option(
    "--reuse/--no-reuse",
    default=True,
    show_default=True,
    help="Reuse the articles of the build already in OUT whose inputs (text, annotation, the registry "
    "entries they use, options, ontology, shapes, ld-export version) did not change. The result is "
    "byte-identical to a clean build.",
)
@click.option(
    "--store/--no-store",
    default=True,
    show_default=True,
    help="Also write OUT/store, an embedded Oxigraph store of the dataset that `ld-export query` "
    "uses (needs the nquads format).",
)
@click.option(
    "--answers",
    is_flag=True,
    help="Also find every named query's answer (and its answers about each actor and each article) once "
    "the store is loaded, and keep them in OUT/store/answers: `ld-export query --name` then reads them "
    "instead of asking the store. Worth it for a large corpus that is queried more than it is rebuilt: "
    "finding them takes about as long as asking each named query once, at every build that changes the data.",
)
@click.option(
    "--validator",
    type=click.Choice(["auto", "pyshacl"]),
    default="auto",
    show_default=True,
    help="auto: pyrudof checks each article first and pyshacl validates any article where it reports "
    "anything (its verdict and report stand); pyshacl: pyshacl validates every article (slower).",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Refuse SHACL warnings too (exit 1, nothing written): a draft annotation (status: draft) or a "
    "TODO left in one.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Build the articles on the Dask cluster whose scheduler is at ADDRESS (tcp://HOST:PORT, started "
    "with `dask scheduler`; its workers with `dask worker ADDRESS`) instead of local processes (-j is then "
    "not used). The workers read the articles at the same path as this command: a shared folder. Needs "
    "pip install 'ld-export[dask]'. The output is the same, byte for byte.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress or summary on stderr.")
@_handle_errors
def build(inputs, out_dir, formats, base_iri, registry, jobs, reuse, store, answers, validator, strict,  # noqa: PLR0913
          scheduler, quiet) -> None:  # fmt: skip
    """Build linked data from articles and their annotations.

    INPUTS are folders (every NAME.txt with its NAME.yaml annotation) or article files; with none,
    the bundled seed article is built. The data is validated with the bundled SHACL shapes before
    anything is written: if it does not conform, nothing in the output folder changes, a readable
    report goes to stderr, the SHACL report to OUT/shacl-report.failed.ttl, and the exit code is 1.
    Bad input (a quote not in the article, an unknown actor id, broken YAML) exits with 2.

    Writes, per article, SLUG.ttl, SLUG.jsonld and SLUG.nt; for the whole build dataset.trig and
    dataset.nq (one named graph per article; past 128 articles in parts of about 64 articles,
    dataset-0001.nq and on), void.ttl (VoID/DCAT/PROV description of the build; past 128
    articles it describes the articles in parts cut as the dataset is, void-0001.ttl and on,
    which it names with their checksums) and shacl-report.ttl. Identical input gives
    byte-identical files. A claim may support, dispute or repeat a claim of another article of
    the same build (other-slug/claim-id).

    Also writes OUT/store (an Oxigraph store for fast queries) and OUT/.ld-export-cache (what
    the next build into OUT may reuse: building again after an edit rebuilds only the articles
    it touches).
    """
    from .describe import source_date
    from .pipeline import BuildOptions
    from .pipeline import build as run_build

    options = BuildOptions(formats=tuple(formats), base_iri=base_iri, registry=registry, jobs=jobs, reuse=reuse,
                           store=store, validator=validator, strict=strict, issued=source_date(os.environ),
                           scheduler=scheduler, answers=answers)  # fmt: skip
    progress = None if quiet else (lambda msg: click.echo(msg, err=True))
    bar = None if quiet or not sys.stderr.isatty() else _Bar()
    try:
        result = run_build(inputs, out_dir, options, progress=progress, advance=bar.advance if bar else None)
    finally:
        if bar:
            bar.close()
    if not quiet:
        c = result.counts
        click.echo(
            f"Built {c['articles']} article(s): {c['actors']} actors, {c['places']} places, "
            f"{c['relationships']} relationships, {c['events']} events, {c['claims']} claims, "
            f"{c['anchors']} anchors, {c['triples']} triples; the data conforms to the shapes.",
            err=True,
        )
        for warning in result.duplicates:
            click.echo(warning, err=True)
        shown = result.warnings[:WARNINGS_SHOWN]  # all of them are in the report
        for warning in shown:
            click.echo(warning, err=True)
        if len(result.warnings) > len(shown):
            click.echo(f"… and {len(result.warnings) - len(shown)} more warnings of the shapes", err=True)
        warned = result.warned
        if warned:
            w = sum(warned.values())
            click.echo(f"Warning: {w} SHACL warning{'s' if w != 1 else ''} in {len(warned)} article(s), drafts not "
                       f"checked yet ({', '.join(warned)}): see {out_dir}/shacl-report.ttl; --strict refuses them.",
                       err=True)  # fmt: skip
        if result.reused:
            click.echo(f"{result.reused} of them unchanged since the previous build: their files were kept.", err=True)
        if result.rechecked:
            click.echo(f"pyrudof reported results for {result.rechecked} article(s); pyshacl validated them.", err=True)
        if result.files:
            click.echo(f"Wrote {len(result.files)} files to {out_dir}/:", err=True)
        else:
            click.echo(f"Nothing to write: {out_dir}/ holds this build already.", err=True)
        shown = result.files if len(result.files) <= 12 else result.files[:4]
        for path in shown:
            click.echo(f"  {path.name}  ({path.stat().st_size:,} bytes)", err=True)
        if len(shown) < len(result.files):
            rest = result.files[len(shown) :]
            size = sum(p.stat().st_size for p in rest)
            click.echo(f"  and {len(rest):,} files of the articles ({size:,} bytes)", err=True)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--report",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write the machine-readable SHACL report (Turtle) here.",
)
@_handle_errors
def validate(files, report) -> None:
    """SHACL-validate RDF files with the bundled shapes and ontology.

    The FILES are validated together, as one graph (a TriG or N-Quads dataset as the union of its
    graphs), so that an article that disputes a claim of another article validates with it. The
    format comes from each extension (.ttl .nt .jsonld .trig .nq .rdf). Exit 0 if the data
    conforms, 1 if it does not, 2 if a file cannot be read or parsed.
    """
    from .layout import check_target, write_file
    from .validate import validate_files

    if report:
        check_target(report)
    result = validate_files(files)
    if report:
        write_file(report, result.serialize())
    names = ", ".join(str(f) for f in files) if len(files) <= 3 else f"{len(files)} files"
    if result.conforms:
        click.echo(f"{names}: conforms", err=True)
        return
    click.echo(visible(f"{names}: does not conform"), err=True)
    click.echo(textwrap.indent(visible(result.describe(), keep="\n"), "  "), err=True)
    sys.exit(1)


@main.command()
@click.argument("arguments", nargs=-1, metavar="[SPARQL] [PATH]...")
@click.option(
    "--file",
    "query_file",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Read the query from a .rq file.",
)
@click.option("-n", "--name", help="Run a named query (see --list).")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries with their questions.")
@click.option(
    "-d",
    "--data",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Build folder or RDF files to query [default: dist]; takes several paths (--data dist/*.ttl): "
    "the paths after the query are data too. A folder is read through its embedded store, else its "
    "dataset.nq (or dataset.trig, or their parts): every article in its own named graph, and a default graph that is "
    "the union of all of them.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json", "turtle", "jsonld"]),
    default=None,
    help="SELECT: table (default), csv, tsv or json (SPARQL 1.1 results "
    "formats). CONSTRUCT/DESCRIBE: turtle (default) or jsonld.",
)
@click.option(
    "-b",
    "--bind",
    "bind",
    multiple=True,
    metavar="NAME=VALUE",
    help="Fix the query's variable ?NAME to VALUE before it runs (repeatable): an IRI, written out "
    '(actor=https://w3id.org/ld-export/data/actor/isis), or a literal ("Ramadi"@en, 3). A named query '
    "takes the parameters --list shows: --name claims --bind article=IRI lists the claims of one article.",
)
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    metavar="N",
    help="SELECT: print only the first N rows of the answer (in its order).",
)
@click.option(
    "--allow-service",
    is_flag=True,
    help="Let SERVICE <URL> send part of the query to that endpoint over the network (refused otherwise).",
)
@_handle_errors
def query(arguments, query_file, name, list_queries, data, fmt, bind, limit, allow_service) -> None:  # noqa: PLR0913
    """Run SPARQL over built data, in process: no server needed.

    Give the query as an argument (the first that names no file or folder), with --file FILE, or
    by --name. Arguments that name files or folders are data, as with --data (so --data dist/*.ttl
    works). ASK prints true or false and exits 0 or 1. A syntax error is reported with its line and
    column (exit 2). A named query over a build folder built with --answers is read from the answers
    the build kept (the same rows, found when the data was built).
    """
    from .errors import InputError
    from .query import (
        format_csv,
        format_json,
        format_table,
        load_dataset,
        named_queries,
        named_query,
        open_data,
        parse_binding,
        run_query,
    )
    from .write import to_jsonld, to_turtle

    if list_queries:
        for q in named_queries():
            click.echo(f"{q.name:16} {q.question}")
            for parameter, meaning in q.parameters:
                click.echo(f"{'':16}   --bind {parameter}=IRI: {meaning}")
        return
    # A shell expands --data dist/*.ttl into one path for --data and the others as arguments: the
    # arguments that name files or folders are data, the first one that does not is the query text.
    rest = list(arguments)
    sparql = None
    if not (query_file or name):
        sparql = next((a for a in rest if not Path(a).exists()), None)
        if sparql is not None:
            rest.remove(sparql)
    if rest and not data:
        raise InputError(f"unexpected argument {rest[0]!r}: give the data to query with --data PATH…")
    given = [x for x in (sparql, query_file, name) if x]
    if len(given) != 1:
        raise InputError(
            "give exactly one query: as an argument, with --file FILE, or with --name NAME (--list shows the names)"
        )
    paths = [*data, *map(Path, rest)] or [Path("dist")]
    bindings = dict(parse_binding(b) for b in bind)
    if name:
        named = named_query(name)
        text, source = named.text, f"named query {name}"
        takes = [p for p, _meaning in named.parameters]
        for variable in bindings:
            if variable not in takes:
                offer = f"its parameters are {', '.join(takes)}" if takes else "it takes no parameters"
                raise InputError(f"named query {name} has no parameter {variable!r}: {offer} (see --list)")
    elif query_file:
        try:
            text, source = query_file.read_text(encoding="utf-8"), str(query_file)
        except (OSError, UnicodeDecodeError) as e:
            raise InputError(f"cannot read the query: {getattr(e, 'strerror', None) or e}", query_file) from None
    else:
        text, source = sparql, "the query"
    # The embedded store answers unless SERVICE may reach out: that runs in rdflib, over the files.
    dataset = load_dataset(paths) if allow_service else open_data(paths)
    result = run_query(text, dataset, source, allow_service=allow_service, bindings=bindings, limit=limit)
    if result.type == "ASK":
        if fmt == "json":
            click.echo(format_json(result), nl=False, color=True)
        else:
            click.echo("true" if result.askAnswer else "false")
        sys.exit(0 if result.askAnswer else 1)
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        out = to_jsonld(result.graph) if fmt == "jsonld" else to_turtle(result.graph)
        click.echo(out.decode("utf-8"), nl=False, color=True)
        return
    formatter = {"csv": format_csv, "tsv": lambda r: format_csv(r, "\t"), "json": format_json}.get(
        fmt or "table", format_table
    )
    # color=True: Click would otherwise strip what looks like a terminal escape from the data when
    # the output is not a terminal; the table has every control character escaped already.
    click.echo(formatter(result), nl=False, color=True)


@main.command()
@click.argument("build_dir", required=False, default="dist", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "-e",
    "--endpoint",
    required=True,
    metavar="GSP_URL",
    help="SPARQL 1.1 Graph Store Protocol endpoint, e.g. http://localhost:7878/store (Oxigraph), "
    "http://localhost:3030/ds/data (Fuseki), http://localhost:7200/repositories/REPO/rdf-graphs/service "
    "(GraphDB), http://localhost:8890/sparql-graph-crud-auth (Virtuoso).",
)
@click.option(
    "--query-endpoint",
    metavar="URL",
    help="SPARQL query endpoint, asked whether the store's default graph is the union of its graphs "
    "and used to verify the counts (default: GET each graph back from the Graph Store endpoint).",
)
@click.option(
    "--timeout",
    default=30.0,
    show_default=True,
    type=click.FloatRange(0, min_open=True),
    help="Seconds to wait for each HTTP answer.",
)
@click.option(
    "--retries",
    default=5,
    show_default=True,
    type=click.IntRange(0, 10),
    help="Retries after a connection failure, a timeout or HTTP 408/425/429/502/503/504, waiting 0.5 s, then "
    "twice as long each time, at most 8 s (the default waits about 15 s in all: longer than a store's restart).",
)
@click.option(
    "--default-graph/--no-default-graph",
    default=None,
    help="Also replace the store's default graph with the union of the articles' graphs (each triple "
    "once), which the named queries ask; or leave it alone. Default: ask the store (--query-endpoint) "
    "and write it unless its default graph is already the union of all graphs; without a query "
    "endpoint, write it.",
)
@_handle_errors
def load(build_dir, endpoint, query_endpoint, timeout, retries, default_graph) -> None:
    """Load a build into a running triple store, one named graph per article.

    Each named graph of BUILD_DIR/dataset.nq or its parts (default build folder: dist) is sent with HTTP PUT,
    which replaces the graph: loading again never duplicates; so is their union, to the store's
    default graph, unless the store's default graph is the union of all graphs already (Virtuoso,
    GraphDB, Oxigraph --union-default-graph). Then the store is asked how many triples each graph
    holds, and a table compares them with what was sent (exit 1 if they differ). Credentials come
    from LD_EXPORT_USER and LD_EXPORT_PASSWORD (or LD_EXPORT_TOKEN; set LD_EXPORT_AUTH=digest for
    digest authentication) or from ~/.netrc, never from the command line. An unreachable or
    refusing endpoint is exit 2; if that happens part-way, the message says which graphs the store
    now holds in their new version and which not: run the same command again to finish. No
    message shows a credential.
    """
    from .load import load as run_load

    results = run_load(build_dir, endpoint, query_endpoint, timeout=timeout, retries=retries,
                       progress=lambda msg: click.echo(msg, err=True), default_graph=default_graph,
                       environ=os.environ)  # fmt: skip
    names = [r.graph or "(default graph)" for r in results]
    width = max(map(len, names))
    click.echo(f"{'graph':{width}}  {'sent':>7}  {'stored':>7}  HTTP", err=True)
    for name, r in zip(names, results, strict=True):
        click.echo(f"{name:{width}}  {r.sent:>7}  {r.stored:>7}  {r.status}", err=True)
    named = [r for r in results if r.graph]
    union = next((r for r in results if not r.graph), None)
    also = f" and their union ({union.sent} triples) as the default graph," if union else ""
    click.echo(f"Loaded {len(named)} graph(s), {sum(r.sent for r in named)} triples,{also} into {endpoint}.", err=True)


@main.command()
@click.argument("build_dir", required=False, default="dist", type=click.Path(path_type=Path, file_okay=False))
@click.option("-p", "--port", default=7878, show_default=True, type=click.IntRange(1, 65535))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--writable",
    is_flag=True,
    help="Accept SPARQL updates and Graph Store writes (they change the served snapshot, never the build). "
    "Writes from web pages of other origins are refused even so.",
)
@click.option(
    "--site",
    type=click.Path(path_type=Path, file_okay=False),
    help="Serve this site (written by `ld-export publish`) with content negotiation, instead of a SPARQL endpoint.",
)
@_handle_errors
def serve(build_dir, port, host, writable, site) -> None:
    """Start a local SPARQL endpoint (Oxigraph) with a build loaded; Ctrl-C stops it.

    Needs the oxigraph server: pip install 'ld-export[serve]'. It serves a snapshot taken at
    start-up (of the build's store, or of its dataset file loaded into a temporary store): a later
    build does not change what it answers. Queries see the union of all articles' graphs as the
    default graph; GRAPH <…> reaches each article. The URL serves Oxigraph's query page; SPARQL
    goes to URL/query, the Graph Store to URL/store. Read-only unless --writable; web pages of
    any origin may read (CORS), none may write. SIGTERM and SIGHUP stop it like Ctrl-C.

    With --site SITE, serves a published site instead (read-only): the IRI of a resource answers
    303 See Other to its Turtle, JSON-LD or HTML document, as the Accept header prefers.
    """
    if site is not None and writable:
        raise click.UsageError("--writable is for the SPARQL endpoint; a site is always served read-only.")
    from .serve import serve as run_serve
    from .site_server import serve_site

    def ready(url: str) -> None:
        click.echo(url)
        click.echo(f"SPARQL endpoint {url}query, Graph Store {url}store; Ctrl-C to stop.", err=True)

    def site_ready(url: str) -> None:
        click.echo(url)
        click.echo(f"serving the site {site} with content negotiation; Ctrl-C to stop.", err=True)

    try:
        if site is not None:
            serve_site(site, port, host, on_ready=site_ready)
            return
        code = run_serve(build_dir, port, host, on_ready=ready, progress=lambda msg: click.echo(msg, err=True),
                         writable=writable)  # fmt: skip
    except (KeyboardInterrupt, _Stopped) as e:  # the ordinary way to stop a server: exit 0
        name = signal.Signals(getattr(e, "signum", signal.SIGINT)).name
        _quietly(lambda: click.echo(f"Stopped by {name}.", err=True))
        return
    if code:
        raise LdExportError(f"the oxigraph server stopped by itself (exit code {code})")


@main.command()
@click.argument("build_dir", required=False, default="dist", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "-o",
    "--out",
    "out_dir",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder to write the site into (created if missing).",
)
@click.option(
    "--base-iri",
    default=None,
    help="The base IRI the build minted its IRIs under (default: the build's own; given, it must be it).",
)
@click.option(
    "--reuse/--no-reuse",
    default=True,
    show_default=True,
    help="Keep the pages of articles that did not change since the last publish into SITE.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 256),
    default=None,
    help="Worker processes for the pages of many articles (default: one per core).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress or summary on stderr.")
@_handle_errors
def publish(build_dir, out_dir, base_iri, reuse, jobs, quiet) -> None:
    """Publish a build as a static linked-data site in which every IRI of the build resolves.

    Every article, actor, place, claim, relationship and event of BUILD_DIR (default: dist) gets
    an HTML page at the path of its IRI below the site root (the base IRI's parent), e.g.
    SITE/data/actor/bashar-al-assad.html, with its description beside it in Turtle (.ttl) and
    JSON-LD (.jsonld); anchors, hops of a chain and the photo resolve on the page of what they
    belong to. The article page marks every anchored passage; the index, the timeline, the
    disputes and the competency questions with their answers cover the whole build.
    SITE/.htaccess (Apache), SITE/nginx-http.conf and SITE/nginx-server.conf (nginx) make the IRIs
    dereference with content negotiation; `ld-export serve --site SITE` does the same locally.
    Identical builds give byte-identical sites; publishing again rewrites only what changed.
    """
    from .publish import publish as run_publish

    progress = None if quiet else (lambda msg: click.echo(msg, err=True))
    result = run_publish(build_dir, out_dir, base_iri=base_iri, progress=progress, reuse=reuse, jobs=jobs)
    if not quiet:
        c = result.counts
        click.echo(
            f"Published {result.articles} article(s): {result.pages} pages ({c.get('claims', 0)} claims, "
            f"{c.get('events', 0)} events, {c.get('relationships', 0)} relationships; {c.get('anchors', 0)} "
            f"passages marked).",
            err=True,
        )
        if result.reused_articles:
            click.echo(f"{result.reused_articles} article(s) unchanged since the last publish: their pages were kept.",
                       err=True)  # fmt: skip
        if not result.svg:
            click.echo("Graphviz dot is not installed: the relationship graphs are not drawn.", err=True)
        removed = f"; removed {result.removed:,}" if result.removed else ""
        size = f"{result.bytes:,} bytes"
        click.echo(f"Wrote {result.written:,} of {result.files:,} files ({size}) to {out_dir}/{removed}.", err=True)


@main.command()
@click.option(
    "-o",
    "--out",
    "out_dir",
    default="dist/ontology",
    show_default=True,
    type=click.Path(path_type=Path),
    help="Folder to write into (created if missing).",
)
@click.option("-q", "--quiet", is_flag=True, help="No summary on stderr.")
@_handle_errors
def docs(out_dir, quiet) -> None:
    """Publish the ontology: HTML documentation, Turtle, JSON-LD, N-Triples and a class diagram.

    Writes OUT/index.html: the ontology's metadata (version IRI, licence, preferred prefix) and how
    to cite it; every class and property with its label, comment, domain, range and alignments to
    PROV-O, schema.org, SEM and Web Annotation; every SKOS concept scheme with its concepts and
    their CAMEO mappings; one anchor per term (#Actor for lde:Actor). Beside it: the ontology as
    ld-export.ttl, ld-export.jsonld and ld-export.nt (sorted), and the class diagram as classes.dot,
    rendered to classes.svg when Graphviz's dot is installed. The folder can be published as is at
    the ontology IRI. Identical input gives byte-identical files, written atomically.
    """
    from .docs import write_docs

    result = write_docs(out_dir)
    if not quiet:
        click.echo(
            f"Documented {result.classes} classes, {result.properties} properties and {result.concepts} "
            f"concepts in {result.schemes} schemes.",
            err=True,
        )
        if not result.svg:
            click.echo("Graphviz dot is not installed: wrote classes.dot but no classes.svg.", err=True)
        click.echo(f"Wrote {len(result.files)} files to {out_dir}/:", err=True)
        for path in result.files:
            click.echo(f"  {path.name}  ({path.stat().st_size:,} bytes)", err=True)


@main.command()
@click.argument("article", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--out",
    "out_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the draft to FILE instead of standard output; an existing FILE is kept unless --force.",
)
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@click.option(
    "--registry",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Shared actor/place registry (default: registry.yaml beside the article, else the bundled one).",
)
@click.option("-q", "--quiet", is_flag=True, help="No summary on stderr.")
@_handle_errors
def draft(article, out_file, force, registry, quiet) -> None:
    """Draft the annotation of a new ARTICLE (a .txt), for a person to correct.

    From rules, the registry and reference data (pycountry, GeoNames): the registry's actors and
    places the content names, every mention anchored; new names typed by a rule that says which
    and how sure; quotations and reported speech with their speaker, listener and chain; hedged
    sentences with their cue; relationships and events where a rule is confident; the photo line,
    the byline's authors, the contributor line, the publisher, and dates resolved against the
    publication date. What the
    rules cannot decide is left as a TODO comment, never guessed. The draft says `status: draft`:
    `ld-export build` accepts it unedited with warnings, `ld-export build --strict` refuses it.
    Identical input gives identical output.

    The draft goes to standard output, or with -o to FILE. To build it, save it as SLUG.yaml beside
    SLUG.txt once a person has checked it.
    """
    from .draft import make_draft, render, write_draft

    result = make_draft(article, registry)
    text = render(result)
    if out_file:
        write_draft(text, out_file, article, force)
    else:
        click.echo(text, nl=False, color=True)  # the data as it is, also through a pipe
    if not quiet:
        c = result.counts
        where = f" to {out_file}" if out_file else ""
        click.echo(
            f"Drafted{where}: {c['actors']} actors and {c['places']} places ({c['candidates']} of them new, to "
            f"review), {c['quotations']} quotations, {c['claims']} claims, {c['relationships']} relationships, "
            f"{c['events']} events; every TODO needs a person.",
            err=True,
        )


if __name__ == "__main__":
    main()
