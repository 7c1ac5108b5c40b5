"""The whole build: find articles → parse → anchor → build graph → validate → write.

Usable without the command line::

    from linkeddata import build
    result = build(["seeds/"], out_dir="dist")
    print(result.counts)

One module per stage of a build:

- :mod:`.options`: :class:`BuildOptions`, the frozen record of how to build;
- :mod:`.sources`: finding the articles, and the registries a build reads (once, for itself);
- :mod:`.worker`: one article, read, anchored, turned into a graph, validated and written on its
  own, in worker processes, straight into a staging folder inside the output folder: the main
  process keeps only a small summary per article (:mod:`.manifest`), so memory does not grow
  with the size of the corpus;
- :mod:`.cluster`: the same, each article a task on a Dask cluster (``scheduler``), its files
  sent back to the main process, which writes them;
- :mod:`.checks`: the few checks that span articles, run on those summaries;
- :mod:`.assemble`: the dataset files put together from the articles' parts, in named-graph
  order, and everything moved into place at once.

Validation: pyrudof checks each article first (:mod:`linkeddata.screen`); an article where it
reports anything is validated by pyshacl, whose verdict and report stand.

A build into a folder that holds an earlier build reuses the articles whose inputs did not
change (:mod:`linkeddata.cache`); the output is the same, byte for byte, as a clean build.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import os
import shutil
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, fields, replace
from functools import cached_property
from pathlib import Path
from typing import IO, Any

from rdflib import Graph, URIRef

from .. import answers, cache
from .. import store as embedded
from ..annotation import Registry, load_annotation
from ..article import Article, read_article
from ..errors import InputError, NotConformingError
from ..graph import Minter, build_graph
from ..layout import BuildLayout, Staging, remove_swap_leftovers, write_files
from ..validate import ValidationReport
from ..write import FORMATS
from . import parts
from .assemble import Assembly, dataset_names
from .checks import check_across_articles, likely_duplicates, merge_reports, still_valid, stored_report, strict
from .cluster import run_on_cluster
from .manifest import ArticleEntry
from .options import BuildOptions
from .sources import Registries, Source, find_sources, registry_paths
from .worker import Job, Progress, part_path, run

__all__ = ["BuildOptions", "BuildResult", "BuiltArticle", "Source", "build", "find_sources", "likely_duplicates"]


@dataclass
class BuiltArticle:
    """One article of a build, as the build keeps it: small, whatever the size of the corpus.
    ``article`` and ``graph`` are read and built again from the sources on first use, with the
    registry this build read (a later build in the same process changes nothing of them)."""

    source: Source
    registry: Registry
    base_iri: str
    graph_iri: URIRef
    article_iri: URIRef
    counts: dict[str, int]
    actor_iris: tuple[str, ...]  # as the manifest keeps them: IRIs as text
    place_iris: tuple[str, ...]

    @cached_property
    def actors(self) -> frozenset[URIRef]:
        """The actors of the article graph (made on first use: 10,000 articles name 200,000)."""
        return frozenset(map(URIRef, self.actor_iris))

    @cached_property
    def places(self) -> frozenset[URIRef]:
        return frozenset(map(URIRef, self.place_iris))

    @cached_property
    def article(self) -> Article:
        return read_article(self.source.text)

    @cached_property
    def graph(self) -> Graph:
        return build_graph(self.article, load_annotation(self.source.annotation, self.registry), self.base_iri).graph


@dataclass
class BuildResult:
    articles: list[BuiltArticle]
    report: ValidationReport
    files: list[Path] = field(default_factory=list)
    reused: int = 0  # articles taken from the previous build in the folder
    rechecked: int = 0  # articles pyshacl validated because pyrudof reported something
    warnings: list[str] = field(default_factory=list)  # SHACL warnings, described
    duplicates: list[str] = field(default_factory=list)  # likely duplicate events, described
    warned: dict[str, int] = field(default_factory=dict)  # slug → SHACL warnings (drafts, TODOs)
    triples: int | None = None  # distinct triples of the union of the article graphs

    @property
    def counts(self) -> dict[str, int]:
        """Totals over the build; actors, places and triples are counted once however many articles
        share them."""
        totals = {"articles": len(self.articles)}
        for key in ("claims", "relationships", "events", "anchors", "triples"):
            totals[key] = sum(a.counts[key] for a in self.articles)
        if self.triples is not None:
            totals["triples"] = self.triples
        totals["actors"] = len(set().union(*(a.actor_iris for a in self.articles)))
        totals["places"] = len(set().union(*(a.place_iris for a in self.articles)))
        return totals


_OPTION_NAMES = frozenset(f.name for f in fields(BuildOptions))


def build(
    inputs: Sequence[str | Path] = (),
    out_dir: str | Path = "dist",
    options: BuildOptions | None = None,
    *,
    progress: Progress | None = None,
    advance: Callable[[int, int], None] | None = None,
    **overrides: Any,
) -> BuildResult:
    """Build, validate and write linked data for the articles ``inputs`` into ``out_dir``.

    ``options`` says how (:class:`BuildOptions`; its fields may also be given as keywords, which
    override it: ``build(["seeds/"], "dist", jobs=2, store=False)``). ``progress`` receives
    messages and ``advance(done, total)`` is called as articles are finished.

    Raises :class:`~linkeddata.errors.InputError` (or a subclass) for bad input and
    :class:`~linkeddata.errors.NotConformingError` when the data does not conform; in both cases
    nothing in ``out_dir`` is changed, except that a failed validation writes its report to
    ``shacl-report.failed.ttl``. With ``strict``, a SHACL warning (a draft annotation, a TODO
    left in it) fails the build as a violation does, and nothing is written.
    """
    unknown = sorted(set(overrides) - _OPTION_NAMES)
    if unknown:
        raise TypeError(f"build() got an unexpected keyword argument {unknown[0]!r}")
    if "formats" in overrides:
        overrides["formats"] = tuple(overrides["formats"])
    options = replace(options or BuildOptions(), **overrides)
    return _Build(Path(out_dir), options, progress or (lambda _msg: None), advance).run(inputs)


class _Build:
    """One build into ``out``: the state of the build lives here, and nowhere else."""

    def __init__(self, out: Path, options: BuildOptions, say: Progress, advance) -> None:
        if out.exists() and not out.is_dir():
            raise InputError("the output path exists and is not a folder", out)
        self.layout = BuildLayout(out)
        self.options = options
        self.say = say
        self.advance = advance
        self.registries = Registries()

    def run(self, inputs: Sequence[str | Path]) -> BuildResult:
        out, options = self.layout.out, self.options
        existed = out.exists()
        sources = find_sources(inputs)
        paths = registry_paths(sources, options.registry)
        self.registries.preload(paths.values())  # a broken registry stops the build here, once

        # What the previous build in the folder left that can be reused.
        with _gc_paused():
            previous = cache.load(out) if options.reuse and out.is_dir() else {}
            old_entries = _entries_of(previous)
        whole = {name: cache.stat_of(out / name) for name in previous.get("whole", {})}
        if whole != previous.get("whole", {}):
            old_entries = {}  # a dataset file changed since: nothing can be copied out of it
        keys, inputs = _input_keys(sources, old_entries, previous.get("output_key") == options.output_key(), options)
        entries: dict[str, ArticleEntry] = {}
        resolved = {path: str(path.resolve()) for path in set(paths.values())}
        for source in sources:
            old = old_entries.get(source.slug)
            # A strict build validates again every article that had warnings, to report them.
            path = paths[source.slug]
            if old is not None and not (options.strict and old.warnings) and still_valid(
                old, resolved[path], self.registries(path), keys[source.slug], out
            ):
                same = old.inputs == inputs[source.slug]
                entries[source.slug] = old if same else replace(old, inputs=inputs[source.slug])
        order = sorted(sources, key=lambda s: Minter(options.base_iri, s.slug).graph())
        chunks = parts.cut([s.slug for s in order])

        lock = _lock(self.layout)
        staging = None
        loader = None
        try:
            store_now = options.writes_store
            if options.store and not store_now:
                self.say("no store: it is loaded from the nquads format, which this build does not write "
                         "(add nquads to the formats, or build with --no-store to skip it)")  # fmt: skip
            owned = cache.owned(out)
            _check_clashes(out, owned, _targets(self.layout, order, options, len(chunks)))
            if len(entries) == len(order) == len(old_entries) and _holds_already(
                self.layout, previous, options, len(chunks)
            ):
                result = self._unchanged(sources, order, paths, entries, previous["triples"])
                self._keep_answers(len(order), lock)
                return result
            staging = Staging(out)
            (staging.path / "parts").mkdir()
            todo = [Job(s, paths[s.slug], options, staging.path, keys[s.slug]) for s in order if s.slug not in entries]
            if entries:
                self.say(f"reusing {len(entries)} unchanged article(s) of the previous build; building {len(todo)}")
            # The embedded store: changed in place graph by graph when most articles are reused, else
            # made anew, loaded by its own process while the articles are built.
            in_place = store_now and bool(entries) and embedded.current(out) is not None and 2 * len(todo) <= len(order)
            if store_now and not in_place:
                loader = embedded.Loader(staging.path / self.layout.STORE)
            reports = []
            if options.scheduler:
                results = run_on_cluster(todo, self.registries, options.scheduler, self.say, self.advance)
            else:
                results = run(todo, self.registries, options.jobs, self.say, self.advance)
            with contextlib.closing(results):
                for built, job in zip(results, todo, strict=True):  # closed above: its workers stop
                    if built.report is not None:
                        reports.append(built.report)
                    slug = job.source.slug
                    entries[slug] = replace(built.entry, inputs=inputs[slug])
                    if loader is not None and (built.report is None or built.report.conforms):
                        loader.add(part_path(staging.path, slug, "nquads"), 0, built.entry.parts["nquads"],
                                   built.entry.graph_iri)  # fmt: skip
            check_across_articles({s.slug: entries[s.slug] for s in order})
            checked, fresh = len(reports), {t.source.slug for t in todo}
            for s in order:  # the warnings of reused articles stay in the report
                if s.slug not in fresh and entries[s.slug].report_ttl is not None:
                    reports.append(stored_report(entries[s.slug].report_ttl))
            report = merge_reports(reports)
            warned = [s.slug for s in order if entries[s.slug].warnings]
            if options.strict and warned and report.conforms:
                report = strict(report)
            if not report.conforms:
                staging.discard()
                cache.own(out, owned | {self.layout.FAILED_REPORT})
                write_files(out, {self.layout.FAILED_REPORT: report.serialize()})
                raise NotConformingError(report)
            dropped = [e.graph_iri for slug, e in old_entries.items() if slug not in entries]
            assembly = Assembly(self.layout, staging, options, [s.slug for s in order], chunks, entries, fresh,
                                dropped, owned, in_place, loader, report, self.say, previous)  # fmt: skip
            written, triples = assembly.run()
        except BaseException as e:
            if loader is not None:
                loader.abort()
            if staging is not None:
                staging.discard()
            lock.close()
            if not existed:
                shutil.rmtree(self.layout.cache, ignore_errors=True)
                with contextlib.suppress(OSError):
                    out.rmdir()  # made for this build, and empty: a failed build leaves no trace
            if isinstance(e, OSError):  # a full disk, a folder that cannot be written: bad input, not a bug
                raise _write_error(e, out, staging) from None
            raise
        self._keep_answers(len(order), lock)
        rechecked = checked if options.validator == "auto" else 0
        return self._result(sources, order, paths, assembly.entries, report, written, len(todo), rechecked, triples)

    def _keep_answers(self, articles: int, lock: IO) -> None:
        """After the build is in place, and before its lock is let go: its named queries' answers.
        A failure to keep them (a full disk) leaves the build in place, and no answers."""
        try:
            self._answers(articles)
        except OSError as e:
            raise InputError(f"the build is in place, but its named queries' answers could not be kept: "
                             f"{e.strerror or e}", self.layout.store) from None  # fmt: skip
        finally:
            lock.close()

    def _answers(self, articles: int) -> None:
        """Keep the named queries' answers beside the store if they were asked for and are not kept
        for this data already; drop answers that no longer hold."""
        store = embedded.current(self.layout.out) if self.options.writes_store else None
        if store is None and self.options.answers:
            self.say("no answers kept: they are found in the store, which this build does not write")
        if store is None or answers.current(store) is not None:
            return
        if not self.options.answers:
            answers.remove(store)
            return
        from ..query import named_queries

        named = named_queries()
        # Under a hundred articles every answer takes milliseconds, less than starting a process.
        jobs = (self.options.jobs or os.cpu_count() or 1) if articles >= 100 else 1
        done = iter(range(1, len(named) + 1))
        started = time.perf_counter()
        self.say(f"finding the answers of {len(named)} named queries" + (f" in {jobs} processes" if jobs > 1 else ""))
        answers.write(store, named, jobs, lambda name: self.say(f"answered {name} ({next(done)}/{len(named)})"))
        self.say(f"kept the answers of {len(named)} named queries in {time.perf_counter() - started:.1f} s")

    def _unchanged(self, sources: list[Source], order: list[Source], paths: dict[str, Path],
                   entries: dict[str, ArticleEntry], triples: int) -> BuildResult:  # fmt: skip
        """The result of a build that finds the folder holding it already: every article unchanged
        and in place, and nothing else to write. The checks across articles and the report of
        warnings are made again from the manifest, as a build that wrote would make them."""
        check_across_articles({s.slug: entries[s.slug] for s in order})
        reports = [stored_report(entries[s.slug].report_ttl) for s in order if entries[s.slug].report_ttl is not None]
        report = merge_reports(reports)
        self.say(f"the folder holds this build already: {len(order)} article(s) unchanged, nothing to write")
        return self._result(sources, order, paths, entries, report, [], 0, 0, triples)

    def _result(self, sources: list[Source], order: list[Source], paths: dict[str, Path],
                entries: dict[str, ArticleEntry], report: ValidationReport, written: list[Path], built_now: int,
                rechecked: int, triples: int) -> BuildResult:  # fmt: skip
        options = self.options
        built = [
            BuiltArticle(s, self.registries(paths[s.slug]), options.base_iri, URIRef(entries[s.slug].graph_iri),
                         URIRef(entries[s.slug].article_iri), entries[s.slug].counts, entries[s.slug].actors,
                         entries[s.slug].places)
            for s in sources
        ]  # fmt: skip
        warned_counts = {s.slug: len(entries[s.slug].warnings) for s in order if entries[s.slug].warnings}
        warnings = [w for s in order for w in entries[s.slug].warnings]
        duplicates = likely_duplicates({s.slug: entries[s.slug] for s in order})
        return BuildResult(built, report, written, reused=len(sources) - built_now, rechecked=rechecked,
                           warnings=warnings, duplicates=duplicates, warned=warned_counts, triples=triples)  # fmt: skip


def _holds_already(layout: BuildLayout, previous: dict, options: BuildOptions, chunks: int) -> bool:
    """The folder holds the build these options ask for, given that every article of it is reused
    and none is gone: the same whole-build files (their sizes and times were checked with the
    manifest), the same time in the description, the report and the store as the previous build
    left them, and no report of a failed build since."""
    if set(previous.get("whole", {})) != set(whole_files(layout, options, chunks)) or "triples" not in previous:
        return False
    issued = options.issued.isoformat() if options.issued is not None else None
    if previous.get("issued") != issued or cache.stat_of(layout.report) != previous.get("report"):
        return False
    if (layout.out / layout.FAILED_REPORT).exists():
        return False
    if options.writes_store:
        return embedded.current(layout.out) is not None
    return not layout.store.exists()


def whole_files(layout: BuildLayout, options: BuildOptions, chunks: int) -> list[str]:
    """The names of the whole-build files a build with ``options`` writes beside the report: the
    dataset files of the formats asked for, in ``chunks`` parts, and the description."""
    return [name for names in dataset_names(options, chunks).values() for name in names] + [layout.DESCRIPTION]


def _input_keys(sources: list[Source], old: dict[str, ArticleEntry], same_options: bool, options: BuildOptions
                ) -> tuple[dict[str, str], dict[str, tuple | None]]:  # fmt: skip
    """Each article's input key (:func:`~linkeddata.cache.input_key`), and the size and time of its
    inputs (:func:`~linkeddata.cache.input_stat`). The key of an article whose inputs have the size
    and time the previous build, with the same options, recorded is that build's: the files are not
    read again."""
    now, output_key = time.time_ns(), options.output_key()
    keys, inputs = {}, {}
    for s in sources:
        stat = inputs[s.slug] = cache.input_stat(s.text, s.annotation, now)
        prior = old.get(s.slug)
        if same_options and stat is not None and prior is not None and prior.inputs == stat:
            keys[s.slug] = prior.key
        else:
            keys[s.slug] = cache.input_key(s.text, s.annotation, output_key)
    return keys, inputs


def _entries_of(manifest: dict) -> dict[str, ArticleEntry]:
    """The article entries of a manifest; none when it is not one this version wrote."""
    try:
        return {slug: ArticleEntry.from_json(data) for slug, data in manifest.get("articles", {}).items()}
    except (KeyError, TypeError, ValueError, AttributeError, IndexError):
        return {}


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Python's cycle collector paused while the manifest is read: it holds millions of small
    objects (about 200 MB of JSON at 10,000 articles), none of them in a cycle, and the collector
    scanned them again and again as they were made, which took twice as long as reading them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _write_error(e: OSError, out: Path, staging: Staging | None) -> InputError:
    """What a build that could not write says: the file (unless it is one of the build's own
    temporary ones), what the system said, and that the output folder holds the previous build."""
    where = Path(e.filename) if e.filename else out
    if staging is not None and where.is_relative_to(staging.path):
        where = out
    reason = e.strerror or " ".join(str(e).split())
    return InputError(f"the build could not write: {reason}; the output folder holds what it held before", where)


def _targets(layout: BuildLayout, order: list[Source], options: BuildOptions, chunks: int) -> list[str]:
    """Every name in the output folder that this build may write."""
    names = [FORMATS[f].file_name(s.slug) for s in order for f in options.formats if not FORMATS[f].dataset]
    names += whole_files(layout, options, chunks) + [layout.REPORT, layout.FAILED_REPORT]
    if options.writes_store:
        names.append(layout.STORE)
    return names


def _check_clashes(out: Path, owned: set[str], targets: list[str]) -> None:
    """Stop before anything is written if a name the build would write is taken by something that
    no build wrote: a build replaces or removes only what its own builds wrote."""
    clashes = [n for n in targets if n not in owned and ((out / n).is_symlink() or (out / n).exists())]
    if clashes:
        more = f" (and {len(clashes) - 1} more)" if len(clashes) > 1 else ""
        raise InputError(
            f"{out / clashes[0]}{more} is in the way: the build would write there, but it was not written by "
            "ld-export, and a build never replaces what it did not write. Move it away, or build into "
            "another folder (-o)."
        )


def _lock(layout: BuildLayout) -> IO[str]:
    """Hold the build folder for this build (a lock on ``.ld-export-cache/lock``, released when the
    process ends, however it ends); then remove what builds that were killed left behind."""
    try:
        layout.cache.mkdir(parents=True, exist_ok=True)
        handle = open(layout.lock, "w")  # noqa: SIM115 - held until the build ends
    except OSError as e:
        raise InputError(f"cannot write the output folder: {e.strerror or e}", layout.out) from None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise InputError("another build is writing into this folder; wait for it to finish", layout.out) from None
    for stale in layout.out.glob(layout.STAGING_PREFIX + "*"):
        shutil.rmtree(stale, ignore_errors=True)
    remove_swap_leftovers(layout.out)
    return handle
