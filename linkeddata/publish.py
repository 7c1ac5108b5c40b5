"""Publish a build as a static linked-data site where every IRI the build minted resolves.

Usable without the command line::

    from linkeddata.publish import publish
    result = publish("dist", "site")

**Where an IRI resolves.** The site root is the IRI one folder above the base IRI (the default
base ``https://w3id.org/ld-export/data/`` gives the root ``https://w3id.org/ld-export/``), so a
resource ``<base>actor/bashar-al-assad`` has its page at ``SITE/data/actor/bashar-al-assad.html``,
with its own description beside it as ``bashar-al-assad.ttl`` (Turtle) and
``bashar-al-assad.jsonld`` (JSON-LD with the shipped context, embedded). Articles, actors, places,
claims, relationships, events, the named graphs (``graph/SLUG``) and the dataset (``dataset``)
have pages of their own (an event of the registry one page across the articles that report it);
the other IRIs resolve on the page of the resource they belong to (:data:`RULES`, in
:mod:`linkeddata.site_layout`): an anchor and its annotations on its article's page, where its
words are marked (``#a1120-1180``), a hop of a chain on its claim's page (``#hop-1``), a
factuality on its relationship's or event's page, the photo, the annotation activity and the
reviews of claims on the article's page.
The same rules are written for Apache (``.htaccess``) and nginx (``nginx-http.conf`` and
``nginx-server.conf``) and followed by
:mod:`linkeddata.site_server`: the IRI of a thing answers *303 See Other* to the document in the
media type asked for (Cool URIs for the Semantic Web).

Every link between pages is relative, so the site works from any folder of any static host and
from the file system. Pages are Jinja2 templates (``linkeddata/templates/publish/``), escaped
throughout; they read without JavaScript, which only adds the claim panel of the article page.
Graphs are drawn by Graphviz (``dot``) when it is installed. Nothing is loaded from the network.

**Deterministic and incremental.** Identical builds give byte-identical sites. The site remembers
what it wrote (``SITE/.ld-export-site/manifest.json``: each file's SHA-256, size and modification
time): publishing again renders the pages of an article only when its graph, or what its pages show
of other articles, changed (the article's *key*), and writes a file only when its bytes changed.
Like a build, publishing removes or replaces only files it wrote (a name in the way stops it, exit
2), and files of resources that are gone are removed. Files are written to a staging folder and
moved into place at the end: a failed run leaves the site as it was.

This module runs a publish: it opens the build (:mod:`linkeddata.site_data`), reads and renders
the articles one at a time, in worker processes (:mod:`linkeddata.site_article`,
:mod:`linkeddata.site_render`), then the pages across articles from the articles' summaries
(:mod:`linkeddata.site_pages`): those of actors, places, registry events, graphs and the dataset
in the same workers, in shares (:class:`~linkeddata.site_pages.PageTask`), the index, timeline,
disputes and queries pages in this process meanwhile; all through
:class:`~linkeddata.site_writer.SiteWriter`.
"""


from __future__ import annotations

import base64
import hashlib
import json
import os
import zlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, fields, is_dataclass
from itertools import chain, islice
from pathlib import Path

from .errors import InputError
from .processes import context, starting, worker_init
from .query import StoreData, open_data
from .site_article import read_article
from .site_data import SiteData, open_site_data, read_corpus
from .site_layout import DOCUMENTS, RULES, SiteLayout
from .site_pages import (
    Aggregate,
    ArticleSummary,
    PageTask,
    corpus_pages,
    description_tasks,
    event_tasks,
    render_tasks,
    shared_tasks,
    static_files,
    summarize,
)
from .site_records import ArticleView, ClaimRef, Corpus, EventView, Factuality, Passage, Ref, RelationshipView, When
from .site_render import Site, render_svgs, template_digest
from .site_writer import MANIFEST_NAME, SITE_DIR, SiteWriter

__all__ = ["DOCUMENTS", "MANIFEST_NAME", "RULES", "SITE_DIR", "PublishResult", "SiteLayout", "SiteWriter", "publish",
           "render_svgs"]

Progress = Callable[[str], None]


@dataclass
class PublishResult:
    site: Path
    pages: int = 0
    worker_pages: int = 0  # of them, rendered in worker processes
    files: int = 0
    written: int = 0  # files whose bytes changed (or were new)
    reused_articles: int = 0
    articles: int = 0
    removed: int = 0
    bytes: int = 0
    svg: bool = True
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class _Outcome:
    iri: str
    summary: ArticleSummary
    files: dict[str, list]
    staged: list[str]
    keys: dict[str, list]
    pages: int
    reused: bool


class _Worker:
    """Publishes articles one at a time (in the main process, or in each worker process).

    An article whose key is what the previous publish recorded, and whose files are as it left
    them, is not read again: its pages are kept and its summary comes from the manifest."""

    def __init__(self, build: Path, base: str, articles: list, corpus: Corpus, writer: SiteWriter, same_tool: bool):
        self.data = SiteData(build, open_data([build]), base, articles)
        self.corpus = corpus
        self.writer = writer
        self.same_tool = same_tool
        self.digest = template_digest()

    def article(self, article: tuple[str, str, str]) -> _Outcome:
        iri, graph, _slug = article
        part = self.writer.part()
        graph_digest = self.data.graph_digest(graph)
        old = self.writer.old["keys"].get(iri)
        if self.same_tool and isinstance(old, list) and len(old) == 4:
            key, paths, depends, summary = old
            fresh = _article_key(self.digest, graph_digest, _outside(self.corpus, depends))
            if fresh == key and paths and part.intact(paths):
                try:
                    summary = decode(summary)
                except (KeyError, TypeError, ValueError, zlib.error):
                    summary = None
                if isinstance(summary, ArticleSummary):
                    part.keep(paths)
                    return _Outcome(iri, summary, part.files, part.staged, {iri: old}, 0, True)
        site = Site(self.data, self.corpus, part)
        view = read_article(self.data, self.corpus, article)
        depends = _depends(view)
        key = _article_key(self.digest, graph_digest, _outside(self.corpus, depends))
        paths = sorted(site.article_pages(view))
        summary = summarize(view, self.corpus)
        return _Outcome(iri, summary, part.files, part.staged, {iri: [key, paths, depends, encode(summary)]},
                        site.pages, False)  # fmt: skip

    def pages(self, tasks: list[PageTask]) -> _Pages:
        """Render a share of the pages across articles (:func:`~linkeddata.site_pages.render_tasks`)."""
        part = self.writer.part()
        site = Site(self.data, self.corpus, part)
        drawn = render_tasks(site, tasks)
        return _Pages(part.files, part.staged, part.keys, site.pages, drawn)


@dataclass
class _Pages:
    files: dict[str, list]
    staged: list[str]
    keys: dict[str, list]
    pages: int
    drawn: bool


_WORKER: _Worker | None = None


def _start_worker(parent: int, *args) -> None:
    global _WORKER
    worker_init(parent)
    _WORKER = _Worker(*args)


def _publish_article(article: tuple[str, str, str]) -> _Outcome:
    assert _WORKER is not None
    return _WORKER.article(article)


def _publish_pages(tasks: list[PageTask]) -> _Pages:
    assert _WORKER is not None
    return _WORKER.pages(tasks)


def batched(items: Iterable, n: int) -> Iterator[list]:
    """``items`` in lists of ``n`` (the last one shorter), as they come."""
    items = iter(items)
    while share := list(islice(items, n)):
        yield share


# Pages across articles are handed to the workers in shares of this many (each share draws its
# graphs with one Graphviz process).
SHARE = 48


def _article_key(digest: str, graph_digest: str, outside: str) -> str:
    """What an article's pages depend on: the templates and ld-export, its graph, and what they
    show of other articles."""
    return hashlib.sha256(f"{digest}\n{graph_digest}\n{outside}".encode()).hexdigest()


def _depends(view: ArticleView) -> dict[str, list[str]]:
    """What an article's pages show of the corpus: the claims they name (with their asserter,
    hedge and article), the stances towards its claims, the kinds of its actors."""
    claims = {st.claim.iri for c in view.claims for st in c.stances}
    claims |= {c.iri for r in view.relationships for c in r.claims} | {c.iri for e in view.events for c in e.claims}
    return {"claims": sorted(claims), "stanced": sorted(c.iri for c in view.claims),
            "actors": sorted(r.iri for r in view.actors), "events": sorted(e.iri for e in view.events)}  # fmt: skip


def _outside(corpus: Corpus, depends: dict) -> str:
    """The digest of what :func:`_depends` names, as the corpus has it now."""
    shown = (
        [corpus.claims.get(i) for i in depends.get("claims", ())],
        [corpus.incoming.get(i) for i in depends.get("stanced", ())],
        [corpus.actors.get(i) for i in depends.get("actors", ())],
        [corpus.reported.get(i) for i in depends.get("events", ())],
    )
    return hashlib.sha256(repr(shown).encode()).hexdigest()


# Summaries kept in the manifest: the records as JSON, each dataclass with its name.
_RECORDS = {cls.__name__: cls for cls in (Ref, When, Passage, ClaimRef, Factuality, RelationshipView, EventView)}


def _plain(value):
    if is_dataclass(value):
        return {"~": type(value).__name__, **{f.name: _plain(getattr(value, f.name)) for f in fields(value)}}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def _records(data):
    if isinstance(data, dict):
        cls = ArticleSummary if data["~"] == "ArticleSummary" else _RECORDS[data["~"]]
        return cls(**{k: _records(v) for k, v in data.items() if k != "~"})
    if isinstance(data, list):
        return tuple(_records(v) for v in data)
    return data


def encode(summary: ArticleSummary) -> str:
    """A summary (frozen dataclasses, tuples, strings, numbers) as compressed JSON, in base64 text."""
    text = json.dumps(_plain(summary), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return base64.b64encode(zlib.compress(text.encode("utf-8"), 6)).decode("ascii")


def decode(data: str) -> ArticleSummary:
    """The inverse of :func:`encode` (lists come back as tuples)."""
    return _records(json.loads(zlib.decompress(base64.b64decode(data))))


def publish(
    build_dir: str | Path = "dist",
    out_dir: str | Path = "site",
    base_iri: str | None = None,
    progress: Progress | None = None,
    reuse: bool = True,
    jobs: int | None = 1,
) -> PublishResult:
    """Write the site of the build in ``build_dir`` into ``out_dir`` (see the module's docstring).

    ``jobs`` worker processes publish the articles (``None``: one per core). Raises
    :class:`~linkeddata.errors.InputError` for a folder that is not a build, a base IRI that is not
    the build's, or a name in the way; the site is then left as it was.
    """
    say = progress or (lambda _msg: None)
    build, out = Path(build_dir), Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError("the output path exists and is not a folder", out)
    if out.resolve() == build.resolve():
        raise InputError("publish into a folder of its own, not into the build folder (-o SITE)", out)
    data = open_site_data(build, base_iri)
    if data.base.endswith("#"):
        raise InputError(f"the build's base IRI {data.base} ends with '#'; a site needs a base that ends with '/'")
    say(f"reading {len(data.articles)} article(s)")
    corpus = read_corpus(data)
    writer = SiteWriter(out)
    writer.base = data.base
    writer.tool = template_digest()
    if not reuse:
        writer.old = {"files": writer.old["files"], "keys": {}, "digest": None}
    try:
        result = _publish(build, data, corpus, writer, say, jobs)
        result.written = len(writer.staged)
        result.removed = writer.commit()
    except BaseException:
        writer.discard()
        raise
    result.files = len(writer.files)
    result.bytes = sum(record[1] for record in writer.files.values())
    return result


def _publish(build: Path, data: SiteData, corpus: Corpus, writer: SiteWriter, say: Progress,
             jobs: int | None) -> PublishResult:  # fmt: skip
    result = PublishResult(writer.site)
    aggregate = Aggregate()
    same_tool = writer.old.get("digest") == template_digest()
    total = len(data.articles)
    jobs = max(1, min(jobs or os.cpu_count() or 1, total))
    if not isinstance(data.data, StoreData):
        jobs = 1  # without the build's store each process would read the whole dataset again
    args = (build, data.base, data.articles, corpus, writer, same_tool)
    if jobs == 1:
        worker = _Worker(*args)
        outcomes = map(worker.article, data.articles)
        pool = None
    else:
        say(f"publishing {total} articles in {jobs} processes")
        pool = ProcessPoolExecutor(jobs, mp_context=context(), initializer=_start_worker,
                                   initargs=(os.getpid(), *args))  # fmt: skip
        with starting():  # map() starts the workers
            outcomes = pool.map(_publish_article, data.articles, chunksize=max(1, min(16, total // (jobs * 8))))
    pages = 0
    try:
        for i, outcome in enumerate(outcomes, start=1):
            writer.merge(outcome.files, outcome.staged, outcome.keys)
            aggregate.add(outcome.summary)
            pages += outcome.pages
            result.worker_pages += outcome.pages if pool is not None else 0
            result.reused_articles += outcome.reused
            if i % 100 == 0 or (i == total and total >= 100):
                say(f"[{i}/{total}] articles published")
        result.articles = total
        say("writing the actors, places and corpus pages")
        site = Site(data, corpus, writer)
        tasks = chain(shared_tasks(site, aggregate), event_tasks(site, aggregate), description_tasks(site))
        if pool is None:
            result.svg = render_tasks(site, tasks)
            corpus_pages(site, aggregate)
        else:  # the workers render the pages of actors, places, events and graphs (each share as soon as
            # it is known), this process the rest
            shares = [pool.submit(_publish_pages, list(share)) for share in batched(tasks, SHARE)]
            corpus_pages(site, aggregate)
            for share in shares:
                done = share.result()
                writer.merge(done.files, done.staged, done.keys)
                pages += done.pages
                result.worker_pages += done.pages
                result.svg = result.svg and done.drawn
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    static_files(site)
    result.pages = pages + site.pages
    result.counts = dict(aggregate.counts)
    return result
