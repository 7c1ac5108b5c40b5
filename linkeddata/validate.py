"""SHACL validation with the bundled shapes, and reports a person can read.

:func:`validate_graph` wraps ``pyshacl.validate`` the way pyshacl itself is shaped: one pure
function, data in, report out. The ontology is mixed into the data graph (pyshacl's
``ont_graph``) so that ``sh:class`` follows ``rdfs:subClassOf``. (pyshacl mixes in only the RDFS/OWL
axioms, not the SKOS concepts, so the shapes list each scheme's concepts with ``sh:in``; a test
keeps those lists equal to the ontology's schemes.)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyshacl
from rdflib import Graph, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.term import Node

from . import resources
from .annotation import Origin
from .errors import LdExportError
from .layout import read_rdf
from .namespaces import RDF, RDFS, SCHEMA, SH, SKOS, bind_prefixes


@cache
def ontology_graph() -> Graph:
    return Graph().parse(resources.ontology_file(), format="turtle")


@cache
def shapes_graph() -> Graph:
    return Graph().parse(resources.shapes_file(), format="turtle")


@dataclass(frozen=True)
class Violation:
    """One SHACL result, in words."""

    severity: str  # Violation | Warning | Info
    focus: str
    focus_label: str | None
    path: str | None
    value: str | None
    message: str
    shape: str | None
    origin: Origin | None

    def describe(self) -> str:
        what = f"{self.focus_label!r} <{self.focus}>" if self.focus_label else f"<{self.focus}>"
        where = f" (from {self.origin})" if self.origin else ""
        prop = f" {self.path}:" if self.path else ""
        value = f" [value: {self.value}]" if self.value and self.value not in self.message else ""
        return f"{self.severity}: {what}{where}:{prop} {self.message}{value}"


@dataclass
class ValidationReport:
    conforms: bool
    graph: Graph
    violations: list[Violation]
    strict: bool = False  # warnings count as failures (``ld-export build --strict``)

    @property
    def warnings(self) -> list[Violation]:
        return [v for v in self.violations if v.severity == "Warning"]

    def describe(self) -> str:
        n = len(self.violations)
        if self.conforms:
            w = len(self.warnings)
            return "The data conforms to the ld-export shapes." + (
                f" {w} warning{'s' if w != 1 else ''} (a draft annotation, TODOs left in it)." if w else ""
            )
        if self.strict and not any(v.severity == "Violation" for v in self.violations):
            lines = [f"The data conforms to the ld-export shapes, but --strict refuses its {n} "
                     f"warning{'s' if n != 1 else ''} (a draft annotation, TODOs left in it):"]  # fmt: skip
            lines += ["  " + v.describe() for v in self.violations]
            return "\n".join(lines)
        lines = [f"The data does not conform to the ld-export shapes ({n} result{'s' if n != 1 else ''}):"]
        lines += ["  " + v.describe() for v in self.violations]
        return "\n".join(lines)

    def serialize(self) -> bytes:
        """The machine-readable SHACL report in Turtle, with canonical blank nodes (deterministic)."""
        canonical = Graph()
        for triple in to_canonical_graph(self.graph):
            canonical.add(triple)
        bind_prefixes(canonical)
        canonical.bind("sh", SH)
        return canonical.serialize(format="turtle").encode("utf-8")


def _short(graph: Graph, node: Node | None) -> str | None:
    if node is None:
        return None
    if isinstance(node, URIRef):
        try:
            return graph.namespace_manager.normalizeUri(node)
        except Exception:  # noqa: BLE001 - an IRI rdflib cannot shorten is shown whole
            return f"<{node}>"
    return str(node)


def _label(data: Graph, node: Node) -> str | None:
    for prop in (RDFS.label, SKOS.prefLabel):
        value = data.value(node, prop)
        if value is not None:
            text = str(value)
            return text if len(text) <= 80 else text[:79] + "…"
    return None


def _origin(data: Graph, origins: dict[URIRef, Origin], focus: Node, value: Node | None) -> Origin | None:
    """The annotation line behind a result: the focus node's, except that the article-level checks
    of anchors (focus = the article, value = the anchor) point at the quote's line."""
    if value in origins and (focus, RDF.type, SCHEMA.NewsArticle) in data:
        return origins[value]
    return origins.get(focus)


def _value(data: Graph, node: Node | None) -> str | None:
    """A value as a person reads it: its label and IRI for a resource, the literal itself otherwise."""
    if node is None:
        return None
    if isinstance(node, URIRef):
        label = _label(data, node)
        return f"{label!r} <{node}>" if label else f"<{node}>"
    return repr(str(node))


def validate_graph(data: Graph, origins: dict[URIRef, Origin] | None = None) -> ValidationReport:
    """Validate ``data`` against the bundled shapes (with the ontology mixed in)."""
    conforms, report, _text = pyshacl.validate(
        data,
        shacl_graph=shapes_graph(),
        ont_graph=ontology_graph(),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    if not isinstance(report, Graph):  # pyshacl.errors.ValidationFailure: the shapes themselves failed
        raise LdExportError(f"SHACL validation could not run: {_text}")
    report_graph = Graph()
    for triple in report:
        report_graph.add(triple)
    return report_of_graph(report_graph, data, origins, bool(conforms))


def report_of_graph(
    report: Graph, data: Graph | None = None, origins: dict[URIRef, Origin] | None = None, conforms: bool | None = None
) -> ValidationReport:
    """A report in words from a SHACL report graph (``conforms``: its sh:conforms unless given)."""
    data = data if data is not None else Graph()
    if conforms is None:
        conforms = all(bool(v.toPython()) for v in report.objects(None, SH.conforms))
    bind_prefixes(report)
    origins = origins or {}
    violations = []
    for result in report.subjects(SH.resultSeverity, None):
        focus = report.value(result, SH.focusNode)
        message = report.value(result, SH.resultMessage)
        violations.append(
            Violation(
                severity=_short(report, report.value(result, SH.resultSeverity)).split(":")[-1],
                focus=str(focus),
                focus_label=_label(data, focus),
                path=_short(data, report.value(result, SH.resultPath)),
                value=_value(data, report.value(result, SH.value)),
                message=str(message) if message is not None else "does not conform",
                shape=_short(report, report.value(result, SH.sourceShape)),
                origin=_origin(data, origins, focus, report.value(result, SH.value)),
            )
        )
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message))
    return ValidationReport(bool(conforms), report, violations)


def validate_files(paths: Iterable[Path]) -> ValidationReport:
    """Validate the union of the RDF files ``paths``."""
    data = Graph()
    for path in paths:
        data += read_rdf(Path(path))
    return validate_graph(data)
