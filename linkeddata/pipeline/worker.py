"""One article, start to finish, in a worker process: read, anchor, build the graph, validate,
write its files and its parts of the whole-build files into the staging folder, and return its
manifest entry (:class:`~linkeddata.pipeline.manifest.ArticleEntry`).

:func:`run` builds a list of articles, in a pool of worker processes when there are several; a
:class:`Job` and the build's :class:`~linkeddata.pipeline.sources.Registries` are all a worker
receives (both picklable), and it writes only into the staging folder.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .. import cache, processes
from ..annotation import load_annotation
from ..article import read_article
from ..describe import describe_article, description_part, statistics
from ..graph import Minter, build_graph
from ..validate import ValidationReport, validate_graph
from ..write import FORMATS, ArticleData, ntriples_of
from .manifest import ArticleEntry, ClaimRef, FileRecord, RegistryUse
from .options import BuildOptions
from .sources import Registries, Source

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Job:
    """One article to build: what a worker receives."""

    source: Source
    registry_path: Path
    options: BuildOptions
    staging: Path
    key: str


@dataclass(frozen=True)
class Built:
    """What a worker returns: the article's entry, and its pyshacl report when pyshacl validated it
    (pyrudof reported something, or the build asked for pyshacl)."""

    entry: ArticleEntry
    report: ValidationReport | None


def part_name(slug: str, part: str) -> str:
    """An article's part of a whole-build file, as a name in the staging folder."""
    return f"parts/{slug}.{part}"


def part_path(staging: Path, slug: str, part: str) -> Path:
    """Where an article's part of a whole-build file is written."""
    return staging / part_name(slug, part)


def build_article(job: Job, registries: Registries) -> Built:
    """Read, anchor, build, validate and write one article into the staging folder."""
    built, outputs = make_article(job, registries)
    write_outputs(job.staging, outputs)
    return built


def write_outputs(staging: Path, outputs: dict[str, bytes]) -> None:
    """Write an article's files and parts (:func:`make_article`'s) into the staging folder."""
    for name, data in outputs.items():
        (staging / name).write_bytes(data)


def make_article(job: Job, registries: Registries) -> tuple[Built, dict[str, bytes]]:
    """Read, anchor, build and validate one article; write nothing. Returns its :class:`Built` and
    its files and parts, as names in the staging folder → bytes (none when it does not conform)."""
    registry = registries(job.registry_path)
    source, options = job.source, job.options
    article = read_article(source.text)
    annotation = load_annotation(source.annotation, registry)
    ag = build_graph(article, annotation, options.base_iri)
    nt = ntriples_of(ag.triples)

    report = None
    if options.validator == "pyshacl" or not _screen(nt):
        report = validate_graph(ag.graph, ag.origins)

    slug, graph_iri = source.slug, str(ag.graph_iri)
    data = ArticleData(ag.triples, nt)
    files: dict[str, bytes] = {}
    parts: dict[str, bytes] = {}
    for name in options.formats:
        fmt = FORMATS[name]
        if fmt.dataset:
            parts[name] = fmt.part(data, graph_iri)
        else:
            files[fmt.file_name(slug)] = fmt.write(data)
    stats = statistics(ag.triples)
    digests = {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}
    described = {name: (len(data), digests[name]) for name, data in files.items()}
    parts["void"] = description_part(describe_article(ag, described, options.base_iri, stats))
    outputs: dict[str, bytes] = {}
    if report is None or report.conforms:
        outputs.update(files)
        outputs.update({part_name(slug, part): data for part, data in parts.items()})

    mint = Minter(options.base_iri, slug)
    actor_ids = tuple(sorted(i for i in registry.actors if mint.actor(i) in ag.actors))
    place_ids = tuple(sorted(i for i in registry.places if mint.place(i) in ag.places))
    event_ids = tuple(sorted(e.id for e in annotation.events if e.shared))
    warned = report is not None and report.conforms and bool(report.violations)
    entry = ArticleEntry(
        key=job.key,
        registry=RegistryUse(str(job.registry_path.resolve()), actor_ids, place_ids, event_ids,
                             cache.registry_digest(registry, actor_ids, place_ids, event_ids)),
        graph_iri=graph_iri,
        article_iri=str(ag.article_iri),
        counts=ag.counts,
        actors=tuple(sorted(map(str, ag.actors))),
        places=tuple(sorted(map(str, ag.places))),
        claims=tuple(c.id for c in annotation.claims),
        refs=tuple(ClaimRef(c.id, other, claim_id, str(where.file), where.line)
                   for c, other, claim_id, where in annotation.external_claim_refs()),
        local_actors=tuple(annotation.local_actors.values()),
        local_places=tuple(annotation.local_places.values()),
        files={name: FileRecord(digest) for name, digest in digests.items()},
        parts={part: len(data) for part, data in parts.items()},
        properties=dict(sorted((str(p), n) for p, n in stats.properties.items())),
        shared=shared_triples(nt, mint),
        classes=tuple(sorted(map(str, stats.classes))),
        events=tuple(tuple(e) for e in ag.events),
        # Warnings (a conforming report's results): kept for a later build that reuses the article.
        warnings=tuple(v.describe() for v in report.violations) if warned else (),
        report_ttl=report.serialize().decode("utf-8") if warned else None,
    )  # fmt: skip
    return Built(entry, report), outputs


def _screen(nt: bytes) -> bool:
    from ..screen import conforms  # pyrudof is imported by the processes that validate, only

    return conforms(nt)


# Bytes of a triple's digest in an article's shared triples: two of a million distinct triples
# share a digest with a chance of one in 30 million (and the union is then one triple short).
# Eight: the build counts them as 64-bit integers (assemble.union_properties).
DIGEST = 8


def shared_triples(nt: bytes, mint: Minter) -> dict[str, str]:
    """The triples of an article's graph that other articles' graphs may hold too, those whose
    subject the article does not own (actors and places), as property → their digests (sorted,
    base64). With them the build counts the distinct triples of the union of the graphs without
    holding the union: every other triple is in this graph alone."""
    shared: dict[str, list[bytes]] = {}
    owned: dict[bytes, bool] = {}  # subject → owned: a subject has five lines on average
    for line in nt.split(b"\n"):
        if line:
            subject, predicate, _rest = line.split(b" ", 2)
            mine = owned.get(subject)
            if mine is None:
                mine = owned[subject] = mint.owns(subject[1:-1].decode("utf-8"))
            if not mine:
                digest = hashlib.blake2b(line, digest_size=DIGEST).digest()
                shared.setdefault(predicate[1:-1].decode("utf-8"), []).append(digest)
    return {p: base64.b64encode(b"".join(sorted(d))).decode("ascii") for p, d in sorted(shared.items())}


def run(todo: list[Job], registries: Registries, jobs: int | None, say: Progress,
        advance: Callable[[int, int], None] | None) -> Iterator[Built]:  # fmt: skip
    """Build the articles of ``todo``, in worker processes when there are several; results in order."""
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    if jobs == 1:
        for i, job in enumerate(todo, start=1):
            say(f"[{i}/{len(todo)}] {job.source.slug}: reading, anchoring and validating")
            yield build_article(job, registries)
            if advance:
                advance(i, len(todo))
        return
    say(f"building {len(todo)} articles in {jobs} processes")
    chunk = max(1, min(16, len(todo) // (jobs * 8)))
    pool = processes.pool(jobs)
    try:
        with processes.starting():  # map() starts the workers
            results = pool.map(functools.partial(build_article, registries=registries), todo, chunksize=chunk)
        for i, built in enumerate(results, start=1):
            yield built
            if advance:
                advance(i, len(todo))
            elif i == len(todo) or i % 500 == 0:
                say(f"[{i}/{len(todo)}] articles built")
    except BaseException:  # an error, Ctrl-C, or the build stopped taking results: stop the workers now
        processes.stop(pool)
        raise
    pool.shutdown()
