"""The whole build: find articles → parse → anchor → build graph → validate → write.

Usable without the command line::

    from linkeddata import build
    result = build(["seeds/"], out_dir="dist")
    print(result.counts)

Each article is read, anchored, turned into a graph, validated and written out on its own, in
worker processes (``jobs``), straight into a staging folder inside the output folder: the main
process keeps only a small summary per article, so memory does not grow with the size of the
corpus. The few checks that span articles (references to other articles' claims, one actor per
actor id) run on those summaries. The dataset files are then put together from the articles'
parts, in named-graph order, and everything is moved into place at once.

Validation: pyrudof checks each article first (:mod:`linkeddata.screen`); an article where it
reports anything is validated by pyshacl, whose verdict and report stand.

A build into a folder that holds an earlier build reuses the articles whose inputs did not
change (:mod:`linkeddata.cache`); the output is the same, byte for byte, as a clean build.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import hashlib
import os
import shutil
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef

from . import cache, children, processes, resources
from . import store as embedded
from .annotation import Actor, Origin, Place, Registry, _check_not_in_registry, load_annotation, load_registry
from .article import Article, read_article
from .describe import (
    DESCRIPTION_NAME,
    describe_article,
    describe_dataset,
    description_part,
    description_prefixes,
    source_date,
)
from .errors import AnnotationError, InputError, NotConformingError
from .graph import ArticleGraph, Minter, build_graph, check_base_iri
from .namespaces import DEFAULT_BASE_IRI, RDF, SH, XSD
from .validate import ValidationReport, validate_graph
from .write import (
    DATASET_NAME,
    FORMATS,
    PER_ARTICLE,
    Staging,
    article_jsonld,
    nquads_of_ntriples,
    ntriples_of,
    prefix_lines,
    trig_block,
    turtle_of_ntriples,
    write_files,
)

REGISTRY_NAME = "registry.yaml"
REPORT_NAME = "shacl-report.ttl"
FAILED_REPORT_NAME = "shacl-report.failed.ttl"
PARTS = {"nquads": ".nq", "trig": ".trig", "void": ".void"}  # an article's parts of the whole-build files

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
class BuiltArticle:
    """One article of a build, as the build keeps it: small, whatever the size of the corpus.
    ``article`` and ``graph`` are read and built again from the sources on first use."""

    source: Source
    registry_path: Path
    base_iri: str
    graph_iri: URIRef
    article_iri: URIRef
    counts: dict[str, int]
    actors: frozenset[URIRef]
    places: frozenset[URIRef]

    @cached_property
    def article(self) -> Article:
        return read_article(self.source.text)

    @cached_property
    def graph(self) -> Graph:
        return _article_graph(self.source, _registry(self.registry_path), self.base_iri).graph


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
                    f"the article has no annotation: expected {text.with_suffix('.yaml').name} beside it. "
                    f"`ld-export draft {text} -o {text.with_suffix('.yaml')}` writes a first one for a person "
                    "to correct",
                    text,
                )
            source = Source(text, annotation)
            other = sources.get(source.slug)
            if other and other.text.resolve() != text.resolve():
                raise InputError(f"two articles have the slug '{source.slug}' (the other is {other.text})", text)
            sources[source.slug] = source
    return [sources[slug] for slug in sorted(sources)]


_REGISTRIES: dict[Path, Registry] = {}


def _registry(path: Path) -> Registry:
    """The registry at ``path``, read once per process."""
    if path not in _REGISTRIES:
        if not path.is_file():
            raise InputError("no such registry file", path)
        _REGISTRIES[path] = load_registry(path)
    return _REGISTRIES[path]


def _registry_path(source: Source, explicit: Path | None) -> Path:
    if explicit is not None:
        return explicit
    local = source.text.parent / REGISTRY_NAME
    return local if local.is_file() else resources.seeds_dir() / REGISTRY_NAME


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


def _article_graph(source: Source, registry: Registry, base_iri: str) -> ArticleGraph:
    return build_graph(read_article(source.text), load_annotation(source.annotation, registry), base_iri)


# --------------------------------------------------------------------------------------------
# One article (in a worker process)


@dataclass
class _Job:
    source: Source
    registry_path: Path
    base_iri: str
    formats: tuple[str, ...]
    staging: Path
    key: str
    validator: str


def _build_article(job: _Job) -> dict:
    """Read, anchor, build, validate and write one article into the staging folder.

    Returns the article's manifest entry (see :mod:`linkeddata.cache`), plus its pyshacl report
    under "report" when it was validated by pyshacl (pyrudof reported something, or asked for).
    """
    registry = _registry(job.registry_path)
    source = job.source
    article = read_article(source.text)
    annotation = load_annotation(source.annotation, registry)
    ag = build_graph(article, annotation, job.base_iri)
    nt = ntriples_of(ag.triples)

    report = None
    if job.validator == "pyshacl" or not _screen(nt):
        report = validate_graph(ag.graph, ag.origins)

    slug, graph_iri = source.slug, str(ag.graph_iri)
    files: dict[str, bytes] = {}
    if "turtle" in job.formats:
        files[slug + ".ttl"] = turtle_of_ntriples(nt)
    if "jsonld" in job.formats:
        files[slug + ".jsonld"] = article_jsonld(ag.triples)
    if "ntriples" in job.formats:
        files[slug + ".nt"] = nt
    parts = {
        "nquads": nquads_of_ntriples(nt, graph_iri),
        "trig": trig_block(nt, graph_iri) if "trig" in job.formats else b"",
        "void": description_part(describe_article(ag, files, job.base_iri)),
    }
    if report is None or report.conforms:
        for name, data in files.items():
            (job.staging / name).write_bytes(data)
        for part, data in parts.items():
            (job.staging / "parts" / (slug + PARTS[part])).write_bytes(data)

    mint = Minter(job.base_iri, slug)
    shared = _shared_triples(nt, mint)
    actor_ids = sorted(i for i in registry.actors if mint.actor(i) in ag.actors)
    place_ids = sorted(i for i in registry.places if mint.place(i) in ag.places)
    event_ids = sorted(e.id for e in annotation.events if e.shared)
    properties: Counter[str] = Counter(str(p) for _s, p, _o in ag.triples)
    classes = sorted({str(o) for _s, p, o in ag.triples if p == RDF.type and isinstance(o, URIRef)})
    entry = {
        "key": job.key,
        "registry": {"path": str(job.registry_path.resolve()), "actors": actor_ids, "places": place_ids,
                     "events": event_ids,
                     "digest": cache.registry_digest(registry, actor_ids, place_ids, event_ids)},
        "graph_iri": graph_iri,
        "article_iri": str(ag.article_iri),
        "counts": ag.counts,
        "actors": sorted(map(str, ag.actors)),
        "places": sorted(map(str, ag.places)),
        "claims": [c.id for c in annotation.claims],
        "refs": [[c.id, other, claim_id, str(where.file), where.line]
                 for c, other, claim_id, where in annotation.external_claim_refs()],
        "local_actors": [cache.as_json(a) for a in annotation.local_actors.values()],
        "local_places": [cache.as_json(p) for p in annotation.local_places.values()],
        "files": {name: [hashlib.sha256(data).hexdigest()] for name, data in files.items()},
        "parts": {part: len(data) for part, data in parts.items()},
        "properties": dict(sorted(properties.items())),
        "shared": shared,
        "classes": classes,
        "events": [list(e) for e in ag.events],
    }  # fmt: skip
    # Warnings (a conforming report's results): kept for a later build that reuses the article.
    entry["warnings"] = [v.describe() for v in report.violations] if report is not None and report.conforms else []
    if entry["warnings"]:
        entry["report_ttl"] = report.serialize().decode("utf-8")
    if report is not None:
        entry["report"] = report
    return entry


# Bytes of a triple's digest in an article's shared triples: two of a million distinct triples
# share a digest with a chance of one in 30 million (and the union is then one triple short).
_DIGEST = 8


def _shared_triples(nt: bytes, mint: Minter) -> dict[str, str]:
    """The triples of an article's graph that other articles' graphs may hold too, those whose
    subject the article does not own (actors and places), as property → their digests (sorted,
    base64). With them the build counts the distinct triples of the union of the graphs without
    holding the union: every other triple is in this graph alone."""
    shared: dict[str, list[bytes]] = {}
    for line in nt.split(b"\n"):
        if line:
            subject, predicate, _rest = line.split(b" ", 2)
            if not mint.owns(subject[1:-1].decode("utf-8")):
                digest = hashlib.blake2b(line, digest_size=_DIGEST).digest()
                shared.setdefault(predicate[1:-1].decode("utf-8"), []).append(digest)
    return {p: base64.b64encode(b"".join(sorted(d))).decode("ascii") for p, d in sorted(shared.items())}


def _union_properties(entries: Iterable[dict]) -> Counter[str]:
    """Property → distinct triples in the union of the articles' graphs (manifest entries)."""
    properties: Counter[str] = Counter()
    shared: dict[str, set[bytes]] = {}
    for entry in entries:
        properties.update(entry["properties"])
        for prop, blob in entry["shared"].items():
            digests = base64.b64decode(blob)
            properties[prop] -= len(digests) // _DIGEST
            shared.setdefault(prop, set()).update(digests[i : i + _DIGEST] for i in range(0, len(digests), _DIGEST))
    for prop, digests in shared.items():
        properties[prop] += len(digests)
    return properties


def _screen(nt: bytes) -> bool:
    from .screen import conforms  # pyrudof is imported by the processes that validate, only

    return conforms(nt)


# --------------------------------------------------------------------------------------------
# Across articles


def _origin(data: list) -> Origin:
    return Origin(Path(data[0]), data[1])


def _actor(data: dict) -> Actor:
    return Actor(**{**data, "origin": _origin(data["origin"]), "aliases": tuple(data["aliases"]),
                    "member_of": tuple(data["member_of"]), "part_of": tuple(data["part_of"])})  # fmt: skip


def _place(data: dict) -> Place:
    return Place(**{**data, "origin": _origin(data["origin"])})


def _check_across_articles(entries: dict[str, dict]) -> None:
    """References to claims of other articles resolve; an actor id means one actor everywhere."""
    claims = {(slug, c) for slug, e in entries.items() for c in e["claims"]}
    for e in entries.values():
        for claim_id, other, other_claim, file, line in e["refs"]:
            if (other, other_claim) not in claims:
                why = (f"no article '{other}' is in this build (build them together)" if other not in entries
                       else f"article '{other}' has no claim '{other_claim}'")  # fmt: skip
                raise AnnotationError(f"claim '{claim_id}' refers to '{other}/{other_claim}', but {why}", file, line)
    defined: dict[str, Actor] = {}
    for e in entries.values():
        for actor in map(_actor, e["local_actors"]):
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


def likely_duplicates(entries: dict[str, dict]) -> list[str]:
    """Events of different IRIs with the same type, places and time: likely one event minted twice."""
    groups: dict[tuple, dict[str, tuple]] = {}
    for slug, e in entries.items():
        for iri, etype, places, time, event_id, origin in e.get("events", []):
            if places and time:
                groups.setdefault((etype, tuple(places), time), {}).setdefault(iri, (slug, event_id, origin))
    found = []
    for (etype, places, time), events in sorted(groups.items()):
        if len(events) > 1:
            named = " and ".join(f"'{event_id}' ({origin})" for _slug, event_id, origin in sorted(events.values()))
            found.append(
                f"Warning: likely the same event twice: {named} are both of type {etype} at {', '.join(places)} in "
                f"{time}; if they are one event, put it in the registry (events:) and list it by id in each article."
            )
    return found


def _stored_report(turtle: str) -> ValidationReport:
    """A reused article's report of warnings, as its build kept it."""
    from .validate import report_of_graph

    return report_of_graph(Graph().parse(data=turtle, format="turtle"))


def _still_valid(entry: dict, source: Source, registry_path: Path, key: str, out: Path) -> bool:
    """An article of the previous build can be reused: same inputs, same registry entries, and
    its files are still as that build left them."""
    if entry.get("key") != key or entry["registry"]["path"] != str(registry_path.resolve()):
        return False
    registry = _registry(registry_path)
    r = entry["registry"]
    if cache.registry_digest(registry, r["actors"], r["places"], r.get("events", [])) != r["digest"]:
        return False
    # The registry may have gained an entry that an actor or place of the article duplicates.
    _check_not_in_registry({a["id"]: _actor(a) for a in entry["local_actors"]}, registry.actors, "actor")
    _check_not_in_registry({p["id"]: _place(p) for p in entry["local_places"]}, registry.places, "place")
    return all(cache.stat_of(out / name) == stat[1:] for name, stat in entry["files"].items())


# --------------------------------------------------------------------------------------------
# The build


def build(
    inputs: Sequence[str | Path] = (),
    out_dir: str | Path = "dist",
    formats: Iterable[str] = tuple(FORMATS),
    base_iri: str = DEFAULT_BASE_IRI,
    registry: str | Path | None = None,
    progress: Progress | None = None,
    jobs: int | None = 1,
    advance: Callable[[int, int], None] | None = None,
    reuse: bool = True,
    store: bool = True,
    validator: str = "auto",
    strict: bool = False,
) -> BuildResult:
    """Build, validate and write linked data for the articles ``inputs`` into ``out_dir``.

    Raises :class:`~linkeddata.errors.InputError` (or a subclass) for bad input and
    :class:`~linkeddata.errors.NotConformingError` when the data does not conform; in both cases
    nothing in ``out_dir`` is changed, except that a failed validation writes its report to
    ``shacl-report.failed.ttl``.

    ``jobs`` is the number of worker processes (``None``: one per core); ``progress`` receives
    messages and ``advance(done, total)`` is called as articles are finished. ``reuse``: take
    unchanged articles from the build already in ``out_dir``; ``store``: also write the embedded
    Oxigraph store ``OUT/store`` that ``ld-export query`` uses; ``validator``: "auto" (pyrudof,
    then pyshacl for an article where pyrudof reports anything) or "pyshacl" (every article);
    ``strict``: a SHACL warning (a draft annotation, a TODO left in it) fails the build as a
    violation does (:class:`~linkeddata.errors.NotConformingError`), and nothing is written.
    """
    say = progress or (lambda _msg: None)
    formats = list(dict.fromkeys(formats))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise InputError(f"unknown format {unknown[0]!r}; known: {', '.join(FORMATS)}")
    if validator not in ("auto", "pyshacl"):
        raise InputError(f"unknown validator {validator!r}; known: auto, pyshacl")
    check_base_iri(base_iri)
    issued = source_date()
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError("the output path exists and is not a folder", out)
    existed = out.exists()
    sources = find_sources(inputs)
    explicit = Path(registry) if registry is not None else None
    paths = {source.slug: _registry_path(source, explicit) for source in sources}
    for path in sorted(set(paths.values())):
        _REGISTRIES.pop(path, None)  # read afresh: it may have changed since an earlier build in this process
        _registry(path)  # a broken registry stops the build here, once

    # What the previous build in the folder left that can be reused.
    previous = cache.load(out) if reuse and out.is_dir() else {}
    old_entries: dict[str, dict] = previous.get("articles", {})
    whole = {name: cache.stat_of(out / name) for name in previous.get("whole", {})}
    if whole != previous.get("whole", {}):
        old_entries = {}  # a dataset file changed since: nothing can be copied out of it
    keys = {s.slug: cache.input_key(s.text, s.annotation, base_iri, formats) for s in sources}
    entries: dict[str, dict] = {}
    for source in sources:
        old = old_entries.get(source.slug)
        # A strict build validates again every article that had warnings, to report them.
        fresh = "warnings" in old if old is not None else False
        if fresh and not (strict and old["warnings"]) and _still_valid(old, source, paths[source.slug],
                                                                       keys[source.slug], out):  # fmt: skip
            entries[source.slug] = old
    order = sorted(sources, key=lambda s: Minter(base_iri, s.slug).graph())

    lock = _lock(out)
    staging = None
    loader = None
    try:
        store_now = store and "nquads" in formats
        if store and not store_now:
            say("no store: it is loaded from the nquads format, which this build does not write "
                "(add nquads to the formats, or build with --no-store to skip it)")  # fmt: skip
        owned = cache.owned(out)
        _check_clashes(out, owned, _targets(order, formats, store_now))
        staging = Staging(out)
        (staging.path / "parts").mkdir()
        todo = [_Job(s, paths[s.slug], base_iri, tuple(formats), staging.path, keys[s.slug], validator)
                for s in order if s.slug not in entries]  # fmt: skip
        if entries:
            say(f"reusing {len(entries)} unchanged article(s) of the previous build; building {len(todo)}")
        # The embedded store: changed in place graph by graph when most articles are reused, else
        # made anew, loaded by its own process while the articles are built.
        in_place = store_now and bool(entries) and embedded.current(out) is not None and 2 * len(todo) <= len(order)
        if store_now and not in_place:
            loader = embedded.Loader(staging.path / embedded.STORE_NAME)
        reports = []
        with contextlib.closing(_run(todo, jobs, say, advance)) as results:  # closed: its workers stop
            for i, entry in enumerate(results, start=1):
                report = entry.pop("report", None)
                if report is not None:
                    reports.append(report)
                slug = todo[i - 1].source.slug
                entries[slug] = entry
                if loader is not None and (report is None or report.conforms):
                    loader.add(staging.path / "parts" / (slug + PARTS["nquads"]), 0, entry["parts"]["nquads"],
                               entry["graph_iri"])  # fmt: skip
        _check_across_articles({s.slug: entries[s.slug] for s in order})
        checked, built_now = len(reports), {t.source.slug for t in todo}
        for s in order:  # the warnings of reused articles stay in the report
            if s.slug not in built_now and "report_ttl" in entries[s.slug]:
                reports.append(_stored_report(entries[s.slug]["report_ttl"]))
        report = _merge_reports(reports)
        warned = [s.slug for s in order if entries[s.slug].get("warnings")]
        if strict and warned and report.conforms:
            report = _strict(report)
        if not report.conforms:
            staging.discard()
            cache.own(out, owned | {FAILED_REPORT_NAME})
            write_files(out, {FAILED_REPORT_NAME: report.serialize()})
            raise NotConformingError(report)
        written, triples = _assemble(out, staging, order, entries, old_entries, owned, formats, base_iri, issued,
                                     store_now, in_place, loader, report, say)  # fmt: skip
    except BaseException as e:
        if loader is not None:
            loader.abort()
        if staging is not None:
            staging.discard()
        lock.close()
        if not existed:
            shutil.rmtree(out / cache.CACHE_DIR, ignore_errors=True)
            with contextlib.suppress(OSError):
                out.rmdir()  # made for this build, and empty: a failed build leaves no trace
        if isinstance(e, OSError):  # a full disk, a folder that cannot be written: bad input, not a bug
            raise _write_error(e, out, staging) from None
        raise
    lock.close()
    built = [
        BuiltArticle(s, paths[s.slug], base_iri, URIRef(entries[s.slug]["graph_iri"]),
                     URIRef(entries[s.slug]["article_iri"]), entries[s.slug]["counts"],
                     frozenset(map(URIRef, entries[s.slug]["actors"])),
                     frozenset(map(URIRef, entries[s.slug]["places"])))
        for s in sources
    ]  # fmt: skip
    rechecked = checked if validator == "auto" else 0
    warned = {s.slug: len(entries[s.slug]["warnings"]) for s in order if entries[s.slug].get("warnings")}
    warnings = [w for s in order for w in entries[s.slug].get("warnings", [])]
    duplicates = likely_duplicates({s.slug: entries[s.slug] for s in order})
    return BuildResult(built, report, written, reused=len(sources) - len(todo), rechecked=rechecked,
                       warnings=warnings, duplicates=duplicates, warned=warned, triples=triples)

def _strict(report: ValidationReport) -> ValidationReport:
    """The report of a strict build: its warnings are failures."""
    return ValidationReport(False, report.graph, list(report.violations), strict=True)


def _write_error(e: OSError, out: Path, staging: Staging | None) -> InputError:
    """What a build that could not write says: the file (unless it is one of the build's own
    temporary ones), what the system said, and that the output folder holds the previous build."""
    where = Path(e.filename) if e.filename else out
    if staging is not None and where.is_relative_to(staging.path):
        where = out
    reason = e.strerror or " ".join(str(e).split())
    return InputError(f"the build could not write: {reason}; the output folder holds what it held before", where)


def _targets(order: list[Source], formats: list[str], store: bool) -> list[str]:
    """Every name in the output folder that this build may write."""
    names = [s.slug + FORMATS[f][0] for s in order for f in PER_ARTICLE if f in formats]
    names += [DATASET_NAME + FORMATS[f][0] for f in ("nquads", "trig") if f in formats]
    names += [DESCRIPTION_NAME, REPORT_NAME, FAILED_REPORT_NAME]
    if store:
        names.append(embedded.STORE_NAME)
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


def _lock(out: Path):
    """Hold the build folder for this build (a lock on ``.ld-export-cache/lock``, released when the
    process ends, however it ends); then remove what builds that were killed left behind."""
    try:
        (out / cache.CACHE_DIR).mkdir(parents=True, exist_ok=True)
        handle = open(out / cache.CACHE_DIR / "lock", "w")  # noqa: SIM115 - held until the build ends
    except OSError as e:
        raise InputError(f"cannot write the output folder: {e.strerror or e}", out) from None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        raise InputError("another build is writing into this folder; wait for it to finish", out) from None
    for stale in out.glob(Staging.PREFIX + "*"):
        shutil.rmtree(stale, ignore_errors=True)
    return handle


def _run(todo: list[_Job], jobs: int | None, say: Progress, advance) -> Iterable[dict]:
    """Build the articles of ``todo``, in worker processes when there are several; results in order."""
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    if jobs == 1:
        for i, job in enumerate(todo, start=1):
            say(f"[{i}/{len(todo)}] {job.source.slug}: reading, anchoring and validating")
            yield _build_article(job)
            if advance:
                advance(i, len(todo))
        return
    say(f"building {len(todo)} articles in {jobs} processes")
    chunk = max(1, min(16, len(todo) // (jobs * 8)))
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=processes.context(),
                               initializer=children.worker_init, initargs=(os.getpid(),))  # fmt: skip
    try:
        with children.starting():  # map() starts the workers
            results = pool.map(_build_article, todo, chunksize=chunk)
        for i, entry in enumerate(results, start=1):
            yield entry
            if advance:
                advance(i, len(todo))
            elif i == len(todo) or i % 500 == 0:
                say(f"[{i}/{len(todo)}] articles built")
    except BaseException:  # an error, Ctrl-C, or the build stopped taking results: stop the workers now
        _stop(pool)
        raise
    pool.shutdown()


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop the workers at once: what they are building is not wanted any more. (Shutting the pool
    down alone would let them finish every article still queued.)"""
    workers = list((getattr(pool, "_processes", None) or {}).values())
    for worker in workers:
        with contextlib.suppress(OSError):
            worker.kill()
    pool.shutdown(wait=True, cancel_futures=True)
    for worker in workers:
        worker.join()


_CHUNK = 1 << 20


def _assemble(out: Path, staging: Staging, order: list[Source], entries: dict[str, dict],
              old_entries: dict[str, dict], owned: set[str], formats: list[str], base_iri: str, issued, store_now: bool,
              in_place: bool, loader: embedded.Loader | None, report: ValidationReport,
              say: Progress) -> tuple[list[Path], int]:  # fmt: skip
    """Put the whole-build files together from the articles' parts, then move everything into place.
    Returns the files written and the number of distinct triples in the union of the graphs."""
    names = {"nquads": DATASET_NAME + FORMATS["nquads"][0], "trig": DATASET_NAME + FORMATS["trig"][0],
             "void": DESCRIPTION_NAME}  # fmt: skip
    wanted = [part for part in ("nquads", "trig") if part in formats]
    reused = [s for s in order if "offsets" in entries[s.slug]]
    changed = [s for s in order if s not in reused]
    dropped = [e["graph_iri"] for slug, e in old_entries.items() if slug not in entries]
    if loader is not None:  # the reused articles' graphs, from the previous dataset.nq
        for source in reused:
            e = entries[source.slug]
            loader.add(out / names["nquads"], e["offsets"]["nquads"], e["parts"]["nquads"], e["graph_iri"])
    say(f"writing {', '.join(formats)}")
    olds = {part: open(out / names[part], "rb") for part in [*wanted, "void"] if reused}  # noqa: SIM115
    digests = {part: hashlib.sha256() for part in [*wanted, "void"]}
    void_body = staging.path / "parts" / "void.body"
    try:
        with contextlib.ExitStack() as stack:
            handles = {part: stack.enter_context(open(staging.add(names[part]), "wb")) for part in wanted}
            handles["void"] = stack.enter_context(open(void_body, "wb"))
            if "trig" in handles:
                head = prefix_lines()
                handles["trig"].write(head)
                digests["trig"].update(head)
            for source in order:
                e = entries[source.slug]
                offsets = {}
                for part, dst in handles.items():
                    offsets[part] = dst.tell()
                    if "offsets" in e:
                        olds[part].seek(e["offsets"][part])
                        data = olds[part].read(e["parts"][part])
                    else:
                        piece = staging.path / "parts" / (source.slug + PARTS[part])
                        data = piece.read_bytes()
                        if part != "nquads" or loader is None:  # else the loader may still need it
                            piece.unlink()
                    if len(data) != e["parts"][part]:
                        raise InputError("the previous build's files are shorter than its manifest says", out)
                    dst.write(data)
                    digests[part].update(data)
                e["offsets"] = offsets
    finally:
        for f in olds.values():
            f.close()

    properties = _union_properties(entries[s.slug] for s in order)
    triples = sum(properties.values())
    classes: set[str] = set()
    for source in order:
        classes.update(entries[source.slug]["classes"])
    whole_files = {names[p]: ((staging.path / names[p]).stat().st_size, digests[p].hexdigest()) for p in wanted}
    description = describe_dataset(
        len(order), triples, {URIRef(p): n for p, n in sorted(properties.items())},
        {URIRef(c) for c in sorted(classes)}, whole_files, base_iri, issued,
    )  # fmt: skip
    head = description_prefixes() + description_part(description)
    with open(staging.add(names["void"]), "wb") as dst:
        dst.write(head)
        with void_body.open("rb") as src:
            shutil.copyfileobj(src, dst, _CHUNK)
    void_body.unlink()
    for source in order:
        entries[source.slug]["offsets"]["void"] += len(head)
    staging.put(REPORT_NAME, report.serialize())

    # The per-article files: new ones are in the staging folder; reused ones are in place already.
    for source in order:
        if "stats" not in entries[source.slug]:
            for name in entries[source.slug]["files"]:
                staging.add(name)
    # What the folder holds once this build is in place; every other name an earlier build wrote goes.
    now = {name for s in order for name in entries[s.slug]["files"]}
    now |= {names[p] for p in [*wanted, "void"]} | {REPORT_NAME}
    if store_now:
        now.add(embedded.STORE_NAME)
    gone = sorted(owned - now - {embedded.STORE_NAME})
    cache.own(out, owned | now)  # before anything moves: a kill from here on leaves no name unaccounted for

    dirs = []
    if embedded.STORE_NAME in owned:
        embedded.unmark(out)
    cache.forget(out)
    if in_place:
        say(f"updating the store: {len(changed)} graph(s) changed, {len(dropped)} removed")
        add = []
        for source in changed:
            piece = staging.path / "parts" / (source.slug + ".store.nq")
            e = entries[source.slug]
            with open(staging.path / names["nquads"], "rb") as src:
                src.seek(e["offsets"]["nquads"])
                piece.write_bytes(src.read(e["parts"]["nquads"]))
            add.append((e["graph_iri"], piece))
        embedded.update(out / embedded.STORE_NAME, dropped, add)
    elif loader is not None:
        say("finishing the store")
        loader.finish()
        dirs.append(embedded.STORE_NAME)
    written = staging.commit(remove=gone, dirs=dirs)
    if not store_now:
        if embedded.STORE_NAME in owned:  # no store this time: an old one must not answer for this build
            shutil.rmtree(out / embedded.STORE_NAME, ignore_errors=True)
    else:
        embedded.mark(out)
    cache.own(out, now)

    for source in order:
        e = entries[source.slug]
        for name, stat in e["files"].items():
            e["files"][name] = [stat[0], *(cache.stat_of(out / name) or [])]
        e["stats"] = True
    cache.save(out, {"articles": {s.slug: entries[s.slug] for s in order},
                     "whole": {names[p]: cache.stat_of(out / names[p]) for p in [*wanted, "void"]}})  # fmt: skip
    return written, triples
