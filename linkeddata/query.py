"""SPARQL over built output, in process, and the named competency-question queries.

The data is a dataset: each article in its own named graph, and a default graph that is the
union of them all, so a plain ``SELECT … WHERE { … }`` sees everything. A build folder with an
up-to-date embedded store (:mod:`linkeddata.store`) is queried through it, in Oxigraph; anything
else (files, folders without a store) is parsed into an rdflib dataset. Either way the query is
parsed and checked by rdflib first (syntax errors with line and column, SERVICE and FROM refused
as below) and the answer is an rdflib :class:`~rdflib.query.Result`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef, Variable
from rdflib.plugins.sparql.algebra import translateQuery, traverse
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result
from rdflib.term import Node

from . import answers, resources
from . import store as embedded
from .errors import InputError
from .layout import RDF_FORMATS, BuildLayout, read_rdf
from .terminal import visible


@dataclass(frozen=True)
class NamedQuery:
    name: str
    question: str
    number: int | None
    text: str
    # The variables a user may bind (``--bind NAME=VALUE``), each with what binding it asks.
    parameters: tuple[tuple[str, str], ...] = ()


_PARAMETER = re.compile(r"^# parameter: \?(\w+) (.+)$", re.M)


@cache
def named_queries() -> tuple[NamedQuery, ...]:
    """The shipped queries (``linkeddata/queries/*.rq``), in the order of the competency questions."""
    found = []
    for path in sorted(resources.queries_dir().glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        question = re.search(r"^# question: (.+)$", text, re.M)
        number = re.search(r"^# Competency question (\d+)\.", text, re.M)
        parameters = tuple((m.group(1), m.group(2).strip()) for m in _PARAMETER.finditer(text))
        found.append(
            NamedQuery(
                name=path.stem,
                question=question.group(1).strip() if question else "",
                number=int(number.group(1)) if number else None,
                text=text,
                parameters=parameters,
            )
        )
    return tuple(sorted(found, key=lambda q: (q.number is None, q.number or 0, q.name)))


@cache
def _shipped() -> dict[str, frozenset[str]]:
    """The text of each shipped named query → the parameters it declares. Each one parses, reads
    only the data it is given (no ``SERVICE``, ``FROM``), names its answer's columns, and answers
    the same without the checks :func:`run_query` makes of other queries (tests/test_query_bind.py)."""
    return {q.text: frozenset(name for name, _ in q.parameters) for q in named_queries()}


@cache
def _shipped_names() -> dict[str, str]:
    """The text of each shipped named query → its name."""
    return {q.text: q.name for q in named_queries()}


def named_query(name: str) -> NamedQuery:
    for q in named_queries():
        if q.name == name:
            return q
    names = ", ".join(q.name for q in named_queries())
    raise InputError(f"no named query {name!r}; the named queries are: {names}")


def load_dataset(paths: list[str | Path] | tuple[str | Path, ...]) -> Dataset:
    """Load build output: folders (their dataset.nq or dataset.trig, or the parts of either, else
    every RDF file) or files."""
    ds = Dataset(default_union=True)
    files: list[Path] = []
    for item in map(Path, paths):
        if item.is_dir():
            dataset = BuildLayout(item).dataset()
            if dataset:
                files.extend(dataset)
            else:
                # The SHACL reports and the build's description of itself (void.ttl) are not article data.
                found = sorted(
                    p for p in item.iterdir() if p.suffix in RDF_FORMATS and not BuildLayout.is_whole_build_file(p.name)
                )
                if not found:
                    raise InputError("the folder holds no built RDF files (run `ld-export build` first)", item)
                files.extend(found)
        elif item.is_file():
            files.append(item)
        else:
            raise InputError("no such file or folder (run `ld-export build` first?)", item)
    for path in files:
        read_rdf(path, into=ds)
    return ds


@dataclass
class StoreData:
    """A build's embedded Oxigraph store, opened read-only."""

    path: Path
    store: ox.Store

    def graphs(self) -> set[URIRef]:
        return {URIRef(g.value) for g in self.store.named_graphs() if isinstance(g, ox.NamedNode)}


def open_data(paths: list[str | Path] | tuple[str | Path, ...]) -> Dataset | StoreData:
    """The data to query: a single build folder's embedded store when it is up to date, else the
    files read by :func:`load_dataset`."""
    if len(paths) == 1 and Path(paths[0]).is_dir():
        folder = embedded.current(Path(paths[0]))
        if folder is not None:
            try:
                return StoreData(folder, embedded.open_read_only(folder))
            except OSError:
                pass  # e.g. a store of another Oxigraph version: the files answer as well, only slower
    return load_dataset(paths)


_RDFLIB_PREFIXES = dict(Dataset().namespaces())

XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")
XSD_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")


def to_rdflib(term):
    """An rdflib term for a pyoxigraph term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING_IRI:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    return None if term is None else Literal(str(term))


_XSD_STRING_IRI = str(XSD_STRING)


class Terms(dict):
    """pyoxigraph term → rdflib term, each distinct term converted once (answers repeat labels,
    kinds and asserters thousands of times)."""

    def __missing__(self, term):
        converted = self[term] = to_rdflib(term)
        return converted


def _run_in_store(sparql: str, query: Query | None, data: StoreData, bindings: dict[str, Node]) -> Result:
    """Run an already checked query in Oxigraph; the answer as an rdflib Result. The prefixes that
    rdflib knows without a declaration are given to Oxigraph too, so both accept the same queries.
    ``query``: rdflib's reading of it, for the order of its columns (None: a shipped query, whose
    columns Oxigraph gives in the order it names them).

    Oxigraph substitutes only variables the query selects: a bound variable that the query does
    not select is added to its projection for the run, and left out of the answer again."""
    prefixes = {str(p): str(ns) for p, ns in _RDFLIB_PREFIXES.items() if str(p)}
    projection = _projection(query) if query is not None else None
    hidden: list[str] = []
    substitutions = None
    if bindings and set(bindings) <= {m.group(1) for m in _PARAMETER.finditer(sparql)}:
        # A query that declares its parameters (``# parameter: ?name …``, as the named queries do) is
        # written so that they can be spelt out where they occur (each one means the same thing
        # wherever it is used): Oxigraph then starts from the values, where substitutions are
        # applied to the answer after it is found.
        sparql = _spell_out(_plain_patterns(sparql), bindings)
    elif bindings:
        hidden = [n for n in bindings if projection is not None and Variable(n) not in projection]
        if hidden:
            sparql = select_also(sparql, hidden)
        substitutions = {ox.Variable(n): _to_oxigraph(v) for n, v in bindings.items()}
    answer = data.store.query(sparql, prefixes=prefixes, substitutions=substitutions)
    if isinstance(answer, ox.QueryBoolean):
        result = Result("ASK")
        result.askAnswer = bool(answer)
        return result
    terms = Terms()
    if isinstance(answer, ox.QueryTriples):
        result = Result("CONSTRUCT")
        graph = Graph()
        for t in answer:
            graph.add((terms[t.subject], terms[t.predicate], terms[t.object]))
        result.graph = graph
        return result
    return _select_result(answer, projection, hidden)


def _select_result(answer: ox.QuerySolutions, projection: list | None = None, hidden: Sequence[str] = ()) -> Result:
    """Oxigraph's solutions as an rdflib SELECT Result, the columns in the order of ``projection``
    (rdflib's reading of the query) if given, without the ``hidden`` ones."""
    terms = Terms()
    names = [v.value for v in answer.variables]
    projected = [str(v) for v in (projection or names)]
    order = [n for n in projected if n in names] + [n for n in names if n not in projected and n not in hidden]
    result = Result("SELECT")
    result.vars = [Variable(n) for n in order]
    if order == names:
        pick = tuple
    else:
        positions = [names.index(n) for n in order]
        pick = (lambda row: (row[positions[0]],)) if len(positions) == 1 else itemgetter(*positions)
    variables = result.vars
    result.bindings = [
        {v: terms[t] for v, t in zip(variables, pick(row), strict=True) if t is not None} for row in answer
    ]
    return result


def _projection(query: Query) -> list | None:
    node = query.algebra
    while isinstance(node, CompValue):
        if "PV" in node:
            return list(node["PV"])
        node = dict.get(node, "p")
    return None


def _to_oxigraph(term: Node) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype is not None:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


# The parts of a query where the word SELECT may appear without being one: comments, IRIs, strings.
_NOT_KEYWORDS = re.compile(
    r'#[^\n]*|<[^<>"{}|^`\\\s]*>'  # a comment, an IRI
    r'|"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''  # strings
)
_SELECT = re.compile(r"\bSELECT(\s+(?:DISTINCT|REDUCED)\b)?", re.I)


def select_also(sparql: str, names: list[str]) -> str:
    """``sparql`` with ``?name`` for each of ``names`` added to its (outermost, first) SELECT."""
    masked = _NOT_KEYWORDS.sub(lambda m: " " * len(m.group()), sparql)
    found = _SELECT.search(masked)
    if found is None:  # checked by the caller: only a SELECT query with a projection gets here
        raise ValueError("no SELECT in the query")
    return sparql[: found.end()] + "".join(f" ?{n}" for n in names) + sparql[found.end() :]


# ``{ SELECT * WHERE { ?s <p> ?o } }``: one triple pattern in a subquery of its own, as the named
# queries write them (see :func:`_plain_patterns`).
_ONE_PATTERN = re.compile(r"\{\s*SELECT\s+\*\s+WHERE\s*\{\s*([^{}.;,#]+?)\s*\}\s*\}", re.I)


def _plain_patterns(sparql: str) -> str:
    """``sparql`` with each single-pattern subquery (``{ SELECT * WHERE { ?c rdfs:label ?claim } }``)
    written as its pattern again. Such a subquery means exactly its pattern: the named queries use
    it so that Oxigraph reads a property once and joins in memory, which is fastest for an answer
    about everything; with a variable bound, plain patterns let it start from the bound value and
    look up only what is joined to it."""
    masked = _NOT_KEYWORDS.sub(lambda m: " " * len(m.group()) if m.group().startswith("#") else m.group(), sparql)
    pieces, last = [], 0
    for m in _ONE_PATTERN.finditer(masked):
        pieces += [sparql[last : m.start()], sparql[m.start(1) : m.end(1)], " ."]
        last = m.end()
    return "".join(pieces) + sparql[last:]


def _spell_out(sparql: str, bindings: dict[str, Node]) -> str:
    """``sparql`` with each bound variable written as its value: ``(<value> AS ?name)`` where a
    SELECT selects it or a GROUP BY groups by it, the value itself everywhere else."""
    masked = _NOT_KEYWORDS.sub(lambda m: " " * len(m.group()), sparql)
    selecting = [(m.end(), _END_OF_PROJECTION.search(masked, m.end()).start()) for m in _SELECT.finditer(masked)]
    selecting += [(m.end(), _END_OF_GROUPING.search(masked, m.end()).start()) for m in _GROUP_BY.finditer(masked)]
    pieces, last = [], 0
    for m in re.finditer(r"[?$](\w+)\b", masked):
        term = bindings.get(m.group(1))
        if term is None:
            continue
        listed = any(start <= m.start() < end for start, end in selecting)
        pieces += [sparql[last : m.start()], f"({term.n3()} AS ?{m.group(1)})" if listed else term.n3()]
        last = m.end()
    return "".join(pieces) + sparql[last:]


_END_OF_PROJECTION = re.compile(r"\bWHERE\b|\{|$", re.I)
_GROUP_BY = re.compile(r"\bGROUP\s+BY\b", re.I)
_END_OF_GROUPING = re.compile(r"\b(?:HAVING|ORDER|LIMIT|OFFSET|VALUES)\b|\}|$", re.I)


def _check_bindings(query: Query, bindings: dict[str, Node], source: str) -> None:
    """A bound variable must be one the query uses (a misspelt one would silently bind nothing)."""
    if not bindings:
        return
    if query.algebra.name != "SelectQuery":
        raise InputError("only a SELECT query takes bound variables (--bind)", source)
    used: set[str] = set()

    def visit(node):
        if isinstance(node, Variable):
            used.add(str(node))

    traverse(query.algebra, visitPre=visit)
    for name in bindings:
        if name not in used:
            known = ", ".join(f"?{n}" for n in sorted(used)) or "none"
            raise InputError(f"the query has no variable ?{name} to bind (its variables: {known})", source)


def parse_binding(text: str) -> tuple[str, Node]:
    """``NAME=VALUE`` (``--bind``) as a variable name and an RDF term. VALUE is an IRI (``<…>`` or
    written out, ``https://…``), or a literal in Turtle syntax (``"Ramadi"@en``, ``"2015"^^xsd:gYear``
    with a full datatype IRI, or a plain number)."""
    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    value = value.strip()
    if not sep or not re.fullmatch(r"\w+", name) or not value:
        raise InputError(f"--bind {text!r}: give NAME=VALUE, e.g. actor=https://w3id.org/ld-export/data/actor/isis")
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    elif re.fullmatch(r"[+-]?\d+", value):
        return name, Literal(value, datatype=XSD_INTEGER)
    elif value.startswith('"'):
        found = re.fullmatch(r'"((?:[^"\\]|\\.)*)"(?:@([A-Za-z]+(?:-[A-Za-z0-9]+)*)|\^\^<([^<>\s]+)>)?', value)
        if found is None:
            raise InputError(f'--bind {text!r}: a literal is "text", "text"@lang or "text"^^<datatype IRI>')
        lexical = re.sub(r"\\(.)", r"\1", found.group(1))
        if found.group(2):
            return name, Literal(lexical, lang=found.group(2))
        return name, Literal(lexical, datatype=URIRef(found.group(3)) if found.group(3) else None)
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]+", value):
        raise InputError(f'--bind {text!r}: the value is not an absolute IRI (https://…) nor a literal ("…")')
    return name, URIRef(value)


def run_query(
    sparql: str,
    data: Graph | Dataset | StoreData,
    source: str = "the query",
    allow_service: bool = False,
    bindings: Mapping[str, Node] | None = None,
    limit: int | None = None,
    kept: bool = True,
) -> Result:
    """Run ``sparql`` over ``data``. A syntax error becomes an :class:`InputError` with line and column.

    ``limit``: a SELECT answer's first rows only, at most this many. ``kept``: a named query over
    a build folder whose answers were kept when it was built (``ld-export build --answers``) is read
    from them (:mod:`linkeddata.answers`); False asks the store even then.

    ``bindings`` (variable name → RDF term) fixes variables of the query to values before it is
    evaluated, as in SPARQL-dev SEP-0007 (Oxigraph's substitutions, rdflib's initBindings): the
    answer is the rows of the unbound query where those variables have those values. A variable
    bound this way need not be among the query's answer columns, and is not added to them.

    Nothing is fetched: ``SERVICE`` (which rdflib would send over HTTP) is refused unless
    ``allow_service``, and ``FROM`` / ``FROM NAMED`` must name graphs of ``data`` (rdflib would
    otherwise load the IRI from the web or the file system).
    """
    bindings = dict(bindings or {})
    try:
        declared = _shipped().get(sparql)
        if isinstance(data, StoreData) and declared is not None and set(bindings) <= declared:
            # A shipped query, bound only by its parameters: checked by the tests, not at every run
            # (rdflib parses the longest of them in about 0.1 s, as long as the store answers it).
            found = _kept_answer(sparql, data, bindings, limit) if kept else None
            if found is not None:
                return found
            limited = sparql if limit is None else f"{sparql.rstrip()}\nLIMIT {limit}\n"
            return _run_in_store(limited, None, data, bindings)
        parsed = parseQuery(sparql)
        namespaces = _RDFLIB_PREFIXES if isinstance(data, StoreData) else dict(data.namespaces())
        query = translateQuery(parsed, None, namespaces)
        if parsed[1].name == "SelectQuery" and "projection" not in parsed[1]:
            _order_select_star(query, sparql)
        _check_reach(query, data, source, allow_service)
        _check_bindings(query, bindings, source)
        if isinstance(data, StoreData):
            result = _run_in_store(sparql, query, data, bindings)
        else:
            _plain_patterns_for_rdflib(query)
            result = data.query(query, initBindings={Variable(n): v for n, v in bindings.items()})
        if result.type == "SELECT":
            result.bindings  # noqa: B018 - evaluate now, so that a failure is reported here
            if limit is not None:
                result.bindings = result.bindings[:limit]
        return result
    except InputError:
        raise
    except Exception as e:  # noqa: BLE001 - rdflib raises pyparsing errors and others
        line, col = getattr(e, "lineno", None), getattr(e, "col", None)
        if line is not None:
            raise InputError(
                f"SPARQL syntax error at line {line}, column {col}: {getattr(e, 'msg', e)}", source
            ) from None
        raise InputError(f"the query failed: {' '.join(str(e).split())}", source) from None


def _kept_answer(sparql: str, data: StoreData, bindings: dict[str, Node], limit: int | None) -> Result | None:
    """The answer of the named query ``sparql`` as kept by the build, if it kept it for the data the
    store holds now (bound to IRIs only: a literal is written otherwise in the kept rows)."""
    folder = answers.current(data.path)
    if folder is None or not all(isinstance(v, URIRef) for v in bindings.values()):
        return None
    found = answers.read(folder, _shipped_names()[sparql], {n: v.n3() for n, v in bindings.items()}, limit)
    return None if found is None else _select_result(found)


def _plain_patterns_for_rdflib(query: Query) -> None:
    """The named queries put single patterns in subqueries (``{ SELECT * WHERE { ?c rdfs:label
    ?claim } }``), which Oxigraph joins by hashing instead of looking each row up. Such a subquery
    means exactly its pattern; for rdflib it becomes the pattern again, joined to the patterns
    before it, and any pattern that follows other parts is matched row by row with the variables
    bound so far (rdflib otherwise evaluates it alone and compares every row with every other)."""

    def visit(node):
        if not isinstance(node, CompValue):
            return None
        if node.name == "ToMultiSet" and node.p.name == "Project" and node.p.p.name == "BGP":
            if set(node.p.PV) >= set(node.p.p._vars or ()):
                return node.p.p
        elif node.name == "Join" and node.p2.name == "BGP":
            if node.p1.name == "BGP":
                merged = CompValue("BGP", triples=node.p1.triples + node.p2.triples)
                merged["_vars"] = set(node.p1._vars or ()) | set(node.p2._vars or ())
                return merged
            node["lazy"] = True
        return None

    query.algebra = traverse(query.algebra, visitPost=visit)


def _order_select_star(query: Query, sparql: str) -> None:
    """``SELECT *``: rdflib orders the variables by hash (a different order in each run); order
    them as the query first names them."""
    first = {m.group(1): m.start() for m in reversed(list(re.finditer(r"[?$](\w+)", sparql)))}
    node = query.algebra
    while isinstance(node, CompValue):
        if "PV" in node:
            node["PV"].sort(key=lambda v: (first.get(str(v), len(sparql)), str(v)))
        if node.name == "Project":
            break
        node = dict.get(node, "p")


def _check_reach(query: Query, data: Graph | Dataset, source: str, allow_service: bool) -> None:
    services: list = []

    def visit(node):
        if isinstance(node, CompValue) and node.name == "ServiceGraphPattern":
            services.append(node.get("term"))

    traverse(query.algebra, visitPre=visit)
    if services and not allow_service:
        raise InputError(
            f"the query calls SERVICE {services[0].n3() if hasattr(services[0], 'n3') else services[0]}, "
            f"which would send part of it over the network to another endpoint; that is refused unless "
            f"it is allowed (--allow-service on the command line)",
            source,
        )
    if isinstance(data, Dataset | StoreData):
        graphs = data.graphs() if isinstance(data, StoreData) else {g.identifier for g in data.graphs()}
        for clause in query.algebra.get("datasetClause") or ():
            iri = clause.default if clause.default is not None else clause.named
            if iri not in graphs:
                raise InputError(
                    f"FROM {'NAMED ' if clause.default is None else ''}<{iri}> names no graph of the data; "
                    f"ld-export query never loads graphs from the web or from files (use GRAPH ?g to see "
                    f"the data's graphs)",
                    source,
                )


# --------------------------------------------------------------------------------------------
# Result formats


def _cell(term) -> str:
    if term is None:
        return ""
    return str(term)


def _value_rows(result: Result):
    """The rows of a SELECT result as tuples of terms (None where unbound) in the order of its
    variables: what iterating the Result gives, without a ResultRow built for every row."""
    variables = list(result.vars)
    for binding in result.bindings:
        if binding:  # as when iterating the Result: an empty solution makes no row
            yield tuple([binding.get(v) for v in variables])


def rows(result: Result) -> list[dict[str, str]]:
    """A SELECT result as a list of {variable: text} (unbound → empty string)."""
    names = [str(v) for v in result.vars]
    return [{n: _cell(t) for n, t in zip(names, row, strict=True)} for row in _value_rows(result)]


def format_table(result: Result) -> str:
    """A SELECT result as a table for a person to read: line breaks become spaces, other control
    characters escapes (:func:`linkeddata.terminal.visible`), cells at most 60 characters wide."""
    names = [str(v) for v in result.vars]
    table = [[visible(_cell(t).replace("\n", " ")) for t in row] for row in _value_rows(result)]
    widths = [min(60, max([len(n)] + [len(r[i]) for r in table])) for i, n in enumerate(names)]

    def fit(text: str, width: int) -> str:
        return text if len(text) <= width else text[: width - 1] + "…"

    lines = ["  ".join(fit(n, w).ljust(w) for n, w in zip(names, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(fit(c, w).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in table]
    lines.append(f"({len(table)} row{'s' if len(table) != 1 else ''})")
    return "\n".join(lines) + "\n"


def format_csv(result: Result, delimiter: str = ",") -> str:
    out = io.StringIO()
    names = [str(v) for v in result.vars]
    if delimiter == "\t":
        # SPARQL 1.1 Query Results TSV: variables with '?', terms in Turtle syntax.
        out.write("\t".join("?" + n for n in names) + "\n")
        for row in _value_rows(result):
            out.write("\t".join("" if t is None else t.n3() for t in row) + "\n")
        return out.getvalue()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(names)
    for row in _value_rows(result):
        writer.writerow([_cell(t) for t in row])
    return out.getvalue()


def format_json(result: Result) -> str:
    """SPARQL 1.1 Query Results JSON."""
    if result.type == "ASK":
        return json.dumps({"head": {}, "boolean": bool(result.askAnswer)}) + "\n"
    names = [str(v) for v in result.vars]
    bindings = []
    for row in _value_rows(result):
        b = {}
        for n, t in zip(names, row, strict=True):
            if t is None:
                continue
            if isinstance(t, URIRef):
                b[n] = {"type": "uri", "value": str(t)}
            elif isinstance(t, Literal):
                v = {"type": "literal", "value": str(t)}
                if t.language:
                    v["xml:lang"] = t.language
                elif t.datatype:
                    v["datatype"] = str(t.datatype)
                b[n] = v
            else:
                b[n] = {"type": "bnode", "value": str(t)}
        bindings.append(b)
    return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False, indent=2) + "\n"
