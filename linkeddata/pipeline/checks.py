"""The checks that span articles, run on the articles' manifest entries (never on their graphs):
references to claims of other articles resolve, an actor id names one actor everywhere, likely
duplicate events are reported; and whether an article of the previous build can be reused.

Also the build's one SHACL report, merged from the articles' reports.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from rdflib import BNode, Graph, Literal

from .. import cache
from ..annotation import Actor, Registry, check_not_in_registry
from ..errors import AnnotationError
from ..namespaces import RDF, SH, XSD
from ..validate import ValidationReport, report_of_graph
from .manifest import ArticleEntry


def check_across_articles(entries: Mapping[str, ArticleEntry]) -> None:
    """References to claims of other articles resolve; an actor id means one actor everywhere."""
    # The claims of the articles referred to only (at 10,000 articles, a set of every claim took a second).
    refs = [ref for e in entries.values() for ref in e.refs]
    claims = {slug: set(entries[slug].claims) for slug in {ref.article for ref in refs} if slug in entries}
    for e in entries.values():
        for ref in e.refs:
            if ref.other_claim not in claims.get(ref.article, ()):
                why = (f"article '{ref.article}' has no claim '{ref.other_claim}'" if ref.article in entries
                       else f"no article '{ref.article}' is in this build (build them together)")  # fmt: skip
                raise AnnotationError(f"claim '{ref.claim}' refers to '{ref.article}/{ref.other_claim}', but {why}",
                                      ref.file, ref.line)  # fmt: skip
    defined: dict[str, Actor] = {}
    for e in entries.values():
        for actor in e.local_actors:
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


def likely_duplicates(entries: Mapping[str, ArticleEntry]) -> list[str]:
    """Events of different IRIs with the same type, places and time: likely one event minted twice."""
    groups: dict[tuple, dict[str, tuple]] = {}
    for slug, e in entries.items():
        for iri, etype, places, time, event_id, origin in e.events:
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


def still_valid(entry: ArticleEntry, registry_path: str, registry: Registry, key: str, out: Path) -> bool:
    """An article of the previous build can be reused: same inputs, same registry entries (the
    registry at ``registry_path``, absolute), and its files are still as that build left them."""
    if entry.key != key or entry.registry.path != registry_path:
        return False
    r = entry.registry
    if cache.registry_digest(registry, list(r.actors), list(r.places), list(r.events)) != r.digest:
        return False
    # The registry may have gained an entry that an actor or place of the article duplicates.
    check_not_in_registry({a.id: a for a in entry.local_actors}, registry, "actor")
    check_not_in_registry({p.id: p for p in entry.local_places}, registry, "place")
    folder = os.fspath(out)
    return all(cache.stat_of(os.path.join(folder, name)) == record.stat for name, record in entry.files.items())


def merge_reports(reports: Iterable[ValidationReport]) -> ValidationReport:
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


def stored_report(turtle: str) -> ValidationReport:
    """A reused article's report of warnings, as its build kept it."""
    return report_of_graph(Graph().parse(data=turtle, format="turtle"))


def strict(report: ValidationReport) -> ValidationReport:
    """The report of a strict build: its warnings are failures."""
    return ValidationReport(False, report.graph, list(report.violations), strict=True)
