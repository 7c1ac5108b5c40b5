"""The whole build: find articles → parse → anchor → build graph → validate → write.

Usable without the command line::

    from linkeddata import build
    result = build(["seeds/"], out_dir="dist")
    print(result.counts)
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, Literal

from . import resources
from .annotation import Actor, Annotation, Registry, load_annotation, load_registry
from .article import read_article
from .describe import DESCRIPTION_NAME, describe, serialize_description, source_date
from .errors import AnnotationError, InputError, NotConformingError
from .graph import ArticleGraph, build_graph, check_base_iri
from .namespaces import DEFAULT_BASE_IRI, RDF, SH, XSD
from .validate import ValidationReport, validate_graph
from .write import (
    DATASET_NAME,
    FORMATS,
    PER_ARTICLE,
    to_jsonld,
    to_nquads,
    to_ntriples,
    to_trig,
    to_turtle,
    write_files,
)

REGISTRY_NAME = "registry.yaml"
REPORT_NAME = "shacl-report.ttl"
FAILED_REPORT_NAME = "shacl-report.failed.ttl"

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Source:
    """One article to build: its text file and its annotation file."""

    text: Path
    annotation: Path

    @property
    def slug(self) -> str:
        return self.text.stem


@dataclass
class BuildResult:
    articles: list[ArticleGraph]
    report: ValidationReport
    files: list[Path] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        """Totals over the build; actors and places are counted once however many articles share them."""
        totals = {"articles": len(self.articles)}
        for key in ("claims", "relationships", "events", "anchors", "triples"):
            totals[key] = sum(a.counts[key] for a in self.articles)
        totals["actors"] = len(set().union(*(a.actors for a in self.articles)))
        totals["places"] = len(set().union(*(a.places for a in self.articles)))
        return totals


def find_sources(inputs: Sequence[str | Path]) -> list[Source]:
    """Articles named by ``inputs`` (folders, ``.txt`` or ``.yaml`` files); none: the bundled seed."""
    if not inputs:
        inputs = [resources.seeds_dir()]
    sources: dict[str, Source] = {}
    for item in map(Path, inputs):
        if item.is_dir():
            texts = sorted(item.glob("*.txt"))
            if not texts:
                raise InputError("the folder holds no article (.txt) files", item)
        elif item.suffix in (".txt", ".yaml", ".yml"):
            texts = [item.with_suffix(".txt")]
            if not texts[0].is_file():
                raise InputError(f"no article text {texts[0].name} beside it" if item.suffix != ".txt"
                                 else "no such file", item)  # fmt: skip
        elif not item.exists():
            raise InputError("no such file or folder", item)
        else:
            raise InputError("expected a folder, an article .txt or its annotation .yaml", item)
        for text in texts:
            annotation = next((p for p in (text.with_suffix(".yaml"), text.with_suffix(".yml")) if p.is_file()), None)
            if annotation is None:
                raise InputError(
                    f"the article has no annotation: expected {text.with_suffix('.yaml').name} beside it", text
                )
            source = Source(text, annotation)
            other = sources.get(source.slug)
            if other and other.text.resolve() != text.resolve():
                raise InputError(f"two articles have the slug '{source.slug}' (the other is {other.text})", text)
            sources[source.slug] = source
    return [sources[slug] for slug in sorted(sources)]


def _registry_for(source: Source, explicit: Path | None, cache: dict[Path, Registry]) -> Registry:
    path = explicit
    if path is None:
        local = source.text.parent / REGISTRY_NAME
        path = local if local.is_file() else resources.seeds_dir() / REGISTRY_NAME
    if path not in cache:
        if not path.is_file():
            raise InputError("no such registry file", path)
        cache[path] = load_registry(path)
    return cache[path]


def _merge_reports(reports: Iterable[ValidationReport]) -> ValidationReport:
    """One SHACL validation report for the whole build."""
    reports = list(reports)
    merged, node = Graph(), BNode()
    conforms = all(r.conforms for r in reports)
    merged.add((node, RDF.type, SH.ValidationReport))
    merged.add((node, SH.conforms, Literal(conforms, datatype=XSD.boolean)))
    for r in reports:
        tops = set(r.graph.subjects(RDF.type, SH.ValidationReport))
        for s, p, o in r.graph:
            if s in tops:
                if p == SH.result:
                    merged.add((node, p, o))
            else:
                merged.add((s, p, o))
    return ValidationReport(conforms, merged, [v for r in reports for v in r.violations])


@dataclass
class _Article:
    """What a worker returns for one article."""

    graph: ArticleGraph
    report: ValidationReport
    annotation: Annotation


def _build_article(source: Source, registry: Registry, base_iri: str) -> _Article:
    """Read, anchor, build and validate one article (runs in a worker process)."""
    article = read_article(source.text)
    annotation = load_annotation(source.annotation, registry)
    ag = build_graph(article, annotation, base_iri)
    return _Article(ag, validate_graph(ag.graph, ag.origins), annotation)


def _check_across_articles(done: list[_Article]) -> None:
    """References to claims of other articles resolve; an actor id means one actor everywhere."""
    claims = {(d.annotation.slug, c.id) for d in done for c in d.annotation.claims}
    slugs = {d.annotation.slug for d in done}
    for d in done:
        for claim, slug, claim_id, where in d.annotation.external_claim_refs():
            if (slug, claim_id) not in claims:
                why = (f"no article '{slug}' is in this build (build them together)" if slug not in slugs
                       else f"article '{slug}' has no claim '{claim_id}'")  # fmt: skip
                raise AnnotationError(f"claim '{claim.id}' refers to '{slug}/{claim_id}', but {why}",
                                      where.file, where.line)  # fmt: skip
    defined: dict[str, Actor] = {}
    for d in done:
        for actor in d.annotation.local_actors.values():
            first = defined.setdefault(actor.id, actor)
            if first is not actor and (first.type, first.label, first.wikidata) != (
                actor.type,
                actor.label,
                actor.wikidata,
            ):
                raise AnnotationError(
                    f"actor '{actor.id}' is also defined, differently, in {first.origin}; an actor id names one "
                    f"actor across articles: move it to the registry",
                    actor.origin.file, actor.origin.line,
                )  # fmt: skip


def build(
    inputs: Sequence[str | Path] = (),
    out_dir: str | Path = "dist",
    formats: Iterable[str] = tuple(FORMATS),
    base_iri: str = DEFAULT_BASE_IRI,
    registry: str | Path | None = None,
    progress: Progress | None = None,
    jobs: int | None = 1,
    advance: Callable[[int, int], None] | None = None,
) -> BuildResult:
    """Build, validate and write linked data for the articles ``inputs`` into ``out_dir``.

    Raises :class:`~linkeddata.errors.InputError` (or a subclass) for bad input and
    :class:`~linkeddata.errors.NotConformingError` when the data does not conform; in both cases
    nothing in ``out_dir`` is changed, except that a failed validation writes its report to
    ``shacl-report.failed.ttl``.

    ``jobs`` is the number of worker processes (``None``: one per core); ``progress`` receives
    messages and ``advance(done, total)`` is called as articles are finished.
    """
    say = progress or (lambda _msg: None)
    formats = list(dict.fromkeys(formats))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise InputError(f"unknown format {unknown[0]!r}; known: {', '.join(FORMATS)}")
    check_base_iri(base_iri)
    issued = source_date()
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError("the output path exists and is not a folder", out)
    sources = find_sources(inputs)
    registries: dict[Path, Registry] = {}
    explicit = Path(registry) if registry is not None else None

    # Registries are read once, here; each article is then read, anchored, turned into a graph
    # and validated on its own, in worker processes when there are several.
    work = [(source, _registry_for(source, explicit, registries), base_iri) for source in sources]
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(work)))
    done: list[_Article] = []
    if jobs == 1:
        for i, item in enumerate(work, start=1):
            say(f"[{i}/{len(work)}] {item[0].slug}: reading, anchoring and validating")
            done.append(_build_article(*item))
            if advance:
                advance(i, len(work))
    else:
        say(f"building {len(work)} articles in {jobs} processes")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
            for i, result in enumerate(pool.map(_build_article, *zip(*work, strict=True)), start=1):
                done.append(result)
                if advance:
                    advance(i, len(work))
                elif i == len(work) or i % 100 == 0:
                    say(f"[{i}/{len(work)}] articles built")
    _check_across_articles(done)
    built = [d.graph for d in done]
    reports = [d.report for d in done]

    report = _merge_reports(reports)
    if not report.conforms:
        write_files(out, {FAILED_REPORT_NAME: report.serialize()})
        raise NotConformingError(report)

    say("writing " + ", ".join(formats))
    files: dict[str, bytes] = {}
    for ag in built:
        for fmt in PER_ARTICLE:
            if fmt in formats:
                serialize = {"turtle": to_turtle, "jsonld": to_jsonld, "ntriples": to_ntriples}[fmt]
                files[ag.article.slug + FORMATS[fmt][0]] = serialize(ag.graph)
    named = [(ag.graph_iri, ag.graph) for ag in built]
    if "trig" in formats:
        files[DATASET_NAME + FORMATS["trig"][0]] = to_trig(named)
    if "nquads" in formats:
        files[DATASET_NAME + FORMATS["nquads"][0]] = to_nquads(named)
    files[DESCRIPTION_NAME] = serialize_description(describe(built, files, base_iri, issued))
    files[REPORT_NAME] = report.serialize()
    written = write_files(out, files, remove=[FAILED_REPORT_NAME])
    return BuildResult(built, report, written)
