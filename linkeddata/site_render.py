"""Rendering pages: the Jinja2 templates, the article text with its marks, the schema.org view,
Graphviz drawings.

:class:`Site` renders a template into a page of the site (through a
:class:`~linkeddata.site_writer.SiteWriter`) and writes a resource's description beside its page
in Turtle and JSON-LD. Everything shown is escaped: values go through Jinja2's autoescape or
:func:`markupsafe.escape`; the DOT sources quote every label, and the SVG Graphviz draws
escapes it again. The templates read the records of :mod:`linkeddata.site_records` only.
"""

from __future__ import annotations

import calendar
import hashlib
import json
import re
import shutil
import subprocess
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context, select_autoescape
from markupsafe import Markup, escape

from . import __version__
from .errors import LdExportError
from .namespaces import PREFIXES, RDF, SCHEMA
from .site_data import Description, SiteData, vocabulary
from .site_layout import Links, SiteLayout
from .site_records import ArticleView, ClaimRef, Corpus, EventView, Passage, Ref, RelationshipView, Triple
from .site_writer import FORMAT, SiteWriter
from .write import article_jsonld, turtle_of_ntriples

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = TEMPLATES / "publish" / "static"
# The modules whose code decides what a page holds: a change to any of them renders every page again.
_esc = escape  # each value put into HTML: a Markup as it is, anything else escaped

MODULES = ("publish.py", "site_article.py", "site_data.py", "site_layout.py", "site_pages.py", "site_records.py",
           "site_render.py")  # fmt: skip


def mark_text(view: ArticleView) -> dict[int, Markup]:
    """Each block of the article (by index) as HTML: the text, escaped, with every anchor a
    ``<mark>``. Marks nest; an anchor that crosses another (starts inside it and ends after it),
    or runs over the end of a block, is split: its first part is the ``mark[data-iri]``, with
    the anchor's id, the other parts are ``mark[data-continues]``."""
    marks = sorted(view.marks, key=lambda m: (m.passage.start, -m.passage.end, m.passage.iri))
    text = view.text
    first_done: set[str] = set()
    out: dict[int, Markup] = {}

    def open_tag(m, start: int) -> Markup:
        p = m.passage
        ids = " ".join(sorted({f for _k, f, _i in m.uses}))
        kinds = " ".join(sorted({k for k, _f, _i in m.uses})) or m.kind
        if start == p.start and p.iri not in first_done:
            first_done.add(p.iri)
            return Markup(f'<mark id="{_esc(p.fragment)}" class="k-{_esc(m.kind)}" data-iri="{_esc(p.iri)}" '
                          f'data-kind="{_esc(kinds)}" data-for="{_esc(ids)}">')  # fmt: skip
        return Markup(f'<mark class="k-{_esc(m.kind)} cont" data-continues="{_esc(p.iri)}" data-for="{_esc(ids)}">')

    for index, block in enumerate(view.blocks):
        bs, be = block.start, block.end
        inside = [(max(m.passage.start, bs), min(m.passage.end, be), m) for m in marks
                  if m.passage.start < be and m.passage.end > bs]  # fmt: skip
        inside.sort(key=lambda x: (x[0], -x[1], x[2].passage.start, -x[2].passage.end, x[2].passage.iri))
        points = sorted({bs, be, *(s for s, _e, _m in inside), *(e for _s, e, _m in inside)})
        opens: dict[int, list] = defaultdict(list)
        for item in inside:
            opens[item[0]].append(item)
        html: list[str] = []
        stack: list[tuple[int, object]] = []  # (clipped end, mark)
        for i, pos in enumerate(points):
            while any(end == pos for end, _m in stack):
                reopen = []
                while stack:
                    end, m = stack.pop()
                    html.append("</mark>")
                    if end == pos:
                        if not any(e == pos for e, _m in stack):
                            break
                    else:
                        reopen.append((end, m))
                for end, m in reversed(reopen):
                    html.append(open_tag(m, pos))
                    stack.append((end, m))
            if pos == be:
                break
            for start, end, m in opens.get(pos, ()):
                html.append(open_tag(m, start))
                stack.append((end, m))
            html.append(escape(text[pos : points[i + 1]]))
        html.extend("</mark>" for _ in stack)
        out[index] = Markup("".join(html))
    return out


def text_parts(view: ArticleView) -> dict:
    """The marked blocks grouped for the article template: lists of HTML for the headline,
    paragraphs, contributor lines and boilerplate; the photo's parts by name."""
    html = mark_text(view)
    parts: dict = {"headline": [], "paragraph": [], "contributor": [], "boilerplate": [], "photo": {}}
    for index, block in enumerate(view.blocks):
        if block.part in ("photo-id", "credit", "caption"):
            parts["photo"][block.part] = html[index]
        else:
            parts[block.part].append(html[index])
    return parts


# --------------------------------------------------------------------------------------------
# Descriptions: Turtle, JSON-LD and the schema.org view


_SCHEMA = str(SCHEMA)


def schema_view(iri: str, triples: Iterable) -> Markup:
    """The resource's statements in schema.org terms (stated, or entailed by the ontology's
    sub-class and sub-property links), as JSON-LD whose context is schema.org's namespace as the
    data writes it (``https://schema.org/``), safe inside ``<script>``."""
    vocab = vocabulary()
    node: dict[str, object] = {"@id": iri}
    types: set[str] = set()
    values: dict[str, list] = defaultdict(list)
    for _s, p, o in triples:
        if p == RDF.type:
            for t in {o, *vocab.superclasses.get(o, ())}:
                if str(t).startswith(_SCHEMA):
                    types.add(str(t)[len(_SCHEMA) :])
            continue
        for q in sorted({p, *vocab.superproperties.get(p, ())}):
            if str(q).startswith(_SCHEMA):
                values[str(q)[len(_SCHEMA) :]].append(_json_value(o))
    if types:
        node["@type"] = sorted(types) if len(types) > 1 else types.pop()
    for key in sorted(values):
        unique = {json.dumps(v, sort_keys=True, ensure_ascii=False): v for v in values[key]}
        items = [unique[k] for k in sorted(unique)]
        node[key] = items[0] if len(items) == 1 else items
    doc = {"@context": {"@vocab": _SCHEMA}, **node}
    text = json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=1)
    # Inside <script>, "</script>" or "<!--" in a label would end the element: escape < > & (valid JSON).
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))


def _json_value(o):
    from rdflib import Literal, URIRef

    if isinstance(o, URIRef):
        return {"@id": str(o)}
    assert isinstance(o, Literal)
    if o.language:
        return {"@value": str(o), "@language": o.language}
    if o.datatype is None or str(o.datatype).endswith("#string"):
        return str(o)
    return {"@value": str(o), "@type": str(o.datatype)}


# --------------------------------------------------------------------------------------------
# Graphviz


def _dot_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def render_svgs(sources: list[str], timeout: float = 600) -> list[str] | None:
    """Each DOT source rendered to SVG by one ``dot`` process; None when Graphviz is not installed."""
    if not sources:
        return []
    dot = shutil.which("dot")
    if dot is None:
        return None
    try:
        run = subprocess.run([dot, "-Tsvg"], input="\n".join(sources).encode("utf-8"), capture_output=True,
                             timeout=timeout)  # fmt: skip
    except (OSError, subprocess.TimeoutExpired) as e:
        raise LdExportError(f"Graphviz dot ({dot}) could not draw the graphs: {e}") from None
    if run.returncode != 0:
        raise LdExportError(f"Graphviz dot ({dot}) could not draw the graphs: {run.stderr.decode('utf-8', 'replace')}")
    documents = run.stdout.decode("utf-8").split("<?xml ")[1:]
    if len(documents) != len(sources):
        raise LdExportError(f"Graphviz dot drew {len(documents)} graphs, not {len(sources)}")
    return [_inline_svg(d) for d in documents]


def _inline_svg(document: str) -> str:
    """An SVG document as an element to put in a page: no XML declaration, doctype or comments,
    marked as an image (its title is the graph's label)."""
    svg = document[document.index("<svg") :]
    svg = re.sub(r"<!--.*?-->\n?", "", svg, flags=re.S)
    # dot names the elements of every graph after the first of a run "page0,1_…": the same graph
    # must give the same SVG wherever it comes in the run.
    svg = re.sub(r'id="page\d+,\d+_', 'id="', svg)
    return svg.replace("<svg ", '<svg role="img" aria-labelledby="graph-title" ', 1).strip()


# --------------------------------------------------------------------------------------------
# Templates


# Filters for the links the pages hold by the thousand (a macro call costs several times more).
# Every value goes through escape() (_esc), as Markup.format would pass it (a Markup as it is,
# anything else escaped), without the cost of a string.Formatter on each of the thousands of calls.


@pass_context
def _ref(ctx, r: Ref | None) -> Markup:
    if not r:
        return Markup("")
    return Markup(f'<a href="{_esc(ctx["link"].iri(r.iri))}" class="ref ref-{_esc(r.kind)}">{_esc(r.label)}</a>')


@pass_context
def _refs(ctx, items: Iterable[Ref]) -> Markup:
    return Markup(", ").join(_ref(ctx, r) for r in items)


@pass_context
def _passage(ctx, p: Passage) -> Markup:
    return Markup(f'<a class="passage" href="{_esc(ctx["link"].passage(p))}">“{_esc(p.exact)}”</a>')


@pass_context
def _passages(ctx, items: Iterable[Passage]) -> Markup:
    return Markup(" · ").join(_passage(ctx, p) for p in items)


def _when(w) -> Markup:
    if not w:
        return Markup("")
    precision = w.precision or "other"
    return Markup(f'<time datetime="{_esc(w.value)}" class="precision-{_esc(precision)}">{_esc(w.words)}</time>')


@pass_context
def _claim_ref(ctx, c: ClaimRef) -> Markup:
    """A claim: its label linked, then (asserter, hedge unless asserted, in the article linked)."""
    link = ctx["link"]
    html = Markup(f'<a href="{_esc(link.iri(c.iri))}" class="ref ref-claim">{_esc(c.label)}</a>')
    if c.asserter:
        hedge = f", {c.hedge}" if c.hedge and c.hedge != "asserted" else ""
        where = (Markup(f', in <a href="{_esc(link.iri(c.article.iri))}">{_esc(c.article.label)}</a>')
                 if c.article else "")  # fmt: skip
        html += Markup(f' <span class="by">({_esc(c.asserter.label)}{_esc(hedge)}{_esc(where)})</span>')
    return html


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html", "xml"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # a publish renders each template thousands of times: no stat() of its file each time
    )
    env.globals["version"] = __version__
    env.filters.update(ref=_ref, refs=_refs, passage=_passage, passages=_passages, when=_when, claim_ref=_claim_ref)
    return env


def template_digest() -> str:
    h = hashlib.sha256(f"ld-export {__version__} publish {FORMAT}\n".encode())
    for path in sorted(p for p in (TEMPLATES / "publish").rglob("*") if p.is_file()):
        h.update(str(path.relative_to(TEMPLATES)).encode())
        h.update(hashlib.sha256(path.read_bytes()).digest())
    for path in sorted((Path(__file__).parent / "site_queries").glob("*.rq")):
        h.update(hashlib.sha256(path.read_bytes()).digest())
    for module in MODULES:
        h.update(hashlib.sha256((Path(__file__).parent / module).read_bytes()).digest())
    return h.hexdigest()


# --------------------------------------------------------------------------------------------
# Pages


class Site:
    """Renders the pages of a build into a :class:`SiteWriter`."""

    def __init__(self, data: SiteData, corpus: Corpus, writer: SiteWriter):
        self.data = data
        self.corpus = corpus
        self.layout = SiteLayout(data.base)
        self.writer = writer
        self.env = environment()
        self.pages = 0
        self.digest = template_digest()
        self.same_tool = writer.old.get("digest") == self.digest

    def fresh_key(self, name: str, shown) -> str | None:
        """The key of a group of pages: the hash of what they show (the ``repr`` of ``shown``), or
        None when it is what the previous publish recorded under ``name`` and their files are as it
        left them (they are then kept)."""
        key = hashlib.sha256(f"{self.digest}\n{shown!r}".encode()).hexdigest()
        old = self.writer.old["keys"].get(name)
        if self.same_tool and isinstance(old, list) and len(old) == 2 and old[0] == key and old[1]:
            if self.writer.intact(old[1]):
                self.writer.keep(old[1])
                self.writer.keys[name] = old
                return None
        return key

    def keyed(self, name: str, shown, render: Callable[[], list[str]]) -> None:
        """Render a group of pages unless :meth:`fresh_key` keeps them."""
        key = self.fresh_key(name, shown)
        if key is not None:
            self.writer.keys[name] = [key, sorted(render())]

    def render(self, template: str, path: str, **context) -> list[str]:
        links = Links(self.layout, path)
        html = self.env.get_template(f"publish/{template}").render(
            link=links, layout=self.layout, static=links.to("static"), home=links.to("index.html"), **context
        )
        self.writer.put(path, html.encode("utf-8"))
        self.pages += 1
        return [path]

    def resource(self, template: str, iri: str, pairs: Iterable[tuple[str, Triple]], **context) -> list[str]:
        """A resource's page with its description beside it in Turtle and JSON-LD; returns the paths."""
        page = self.layout.page(iri)
        stem = page[: -len(".html")]
        description = Description.of(pairs)
        self.writer.put(stem + ".ttl", turtle_of_ntriples(description.ntriples))
        self.writer.put(stem + ".jsonld", article_jsonld(description.triples))
        own = [t for t in description.triples if str(t[0]) == iri]
        self.render(template, page, iri=iri, schema_json=schema_view(iri, own), alternates=True, **context)
        return [page, stem + ".ttl", stem + ".jsonld"]

    # -- one article ----------------------------------------------------------------------------

    def article_pages(self, view: ArticleView) -> list[str]:
        """The article's page and those of its claims, events and relationships. A claim's page
        describes its hops too; the article's, its photo, anchors and selectors (whatever resolves
        on its page)."""
        d = view.descriptions
        owner: dict[str, list] = defaultdict(list)
        for subject, pairs in d.items():
            found = self.layout.resolve(subject)
            owner[found[0] if found else ""].extend(pairs)
        page = self.layout.page
        paths = self.resource("article.html", view.iri, owner[page(view.iri)[:-5]], view=view, text=text_parts(view),
                              title=view.headline)  # fmt: skip
        for claim in view.claims:
            paths += self.resource("claim.html", claim.iri, owner[page(claim.iri)[:-5]], claim=claim, view=view,
                                   title=claim.label)  # fmt: skip
        for event in view.events:
            if self.corpus.shared(event.iri):  # one page across the articles that report it
                continue
            paths += self.resource("event.html", event.iri, owner[page(event.iri)[:-5]], event=event, view=view,
                                   reports=(event,), title=event.label)  # fmt: skip
        for rel in view.relationships:
            paths += self.resource("relationship.html", rel.iri, owner[page(rel.iri)[:-5]], rel=rel, view=view,
                                   title=rel.label)  # fmt: skip
        return paths


def relationship_graph(layout: SiteLayout, actor: Ref, rels: list[RelationshipView], page: str) -> str:
    """The DOT source of an actor's relationships: one node per actor, one edge per relationship
    kind and direction (how many relationships, in how many articles, as its label)."""
    links = Links(layout, page)
    nodes = {actor.iri: actor}
    edges: dict[tuple[str, str, str, bool], list[RelationshipView]] = defaultdict(list)
    for rel in rels:
        if not rel.source or not rel.target:
            continue
        a, b = rel.source, rel.target
        if rel.symmetric and a.iri > b.iri:
            a, b = b, a
        nodes[a.iri], nodes[b.iri] = a, b
        edges[(a.iri, b.iri, rel.kind.label if rel.kind else "", rel.symmetric)].append(rel)
    ids = {iri: f"n{i}" for i, iri in enumerate(sorted(nodes))}
    lines = [
        "digraph relationships {",
        '  graph [rankdir=LR, bgcolor=transparent, fontname="Helvetica", label=' + _dot_string("") + "];",
        '  node [shape=box, style="rounded,filled", fillcolor="#f6f8fa", color="#57606a", fontname="Helvetica", '
        "fontsize=11];",
        '  edge [fontname="Helvetica", fontsize=9, color="#57606a"];',
    ]
    for iri in sorted(nodes):
        r = nodes[iri]
        fill = ', fillcolor="#ffe8a3", penwidth=2' if iri == actor.iri else ""
        lines.append(f"  {ids[iri]} [label={_dot_string(r.label)}, URL={_dot_string(links.iri(iri))}, "
                     f"tooltip={_dot_string(r.label)}{fill}];")  # fmt: skip
    for (a, b, kind, symmetric), found in sorted(edges.items()):
        found.sort(key=lambda r: r.iri)
        articles = len({r.article.iri for r in found})
        label = kind if len(found) == 1 else f"{kind} ({len(found)}, {articles} article{'s' if articles > 1 else ''})"
        url = links.iri(found[0].iri)
        arrow = ", dir=none" if symmetric else ""
        lines.append(f"  {ids[a]} -> {ids[b]} [label={_dot_string(label)}, URL={_dot_string(url)}, "
                     f"tooltip={_dot_string(found[0].label)}{arrow}];")  # fmt: skip
    lines.append("}")
    return "\n".join(lines)


@cache
def _curies() -> list[tuple[str, str]]:
    from .describe import DCAT, SPDX, VOID

    found = {str(ns): prefix for prefix, ns in PREFIXES.items()}
    found.update({str(VOID): "void", str(DCAT): "dcat", str(SPDX): "spdx",
                  "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf"})  # fmt: skip
    return sorted(found.items(), key=lambda item: -len(item[0]))


def curie(iri: str) -> str:
    for ns, prefix in _curies():
        if iri.startswith(ns) and len(iri) > len(ns) and "/" not in iri[len(ns) :]:
            return f"{prefix}:{iri[len(ns) :]}"
    return iri


def description_rows(triples: Iterable) -> tuple[list, list[tuple[str, str, str]]]:
    """A VoID description as the pages show it: per subject, per property (as a CURIE), its values
    as (text, IRI to link to, or None for a literal); the class and property partitions apart,
    as (kind, class or property as a CURIE, entities or triples)."""
    from rdflib import URIRef

    from .describe import VOID

    triples = list(triples)
    partitions: dict[str, dict] = defaultdict(dict)
    for s, p, o in triples:
        if p in (VOID["class"], VOID.property, VOID.entities, VOID.triples):
            partitions[str(s)][p] = o
    partitions = {s: d for s, d in partitions.items() if VOID["class"] in d or VOID.property in d}
    skip = {VOID.classPartition, VOID.propertyPartition}
    by: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        if str(s) in partitions or p in skip:
            continue
        value = (curie(str(o)), str(o)) if isinstance(o, URIRef) else (str(o), None)
        by[str(s)][curie(str(p))].append(value)
    rows = [(s, [(p, sorted(vs)) for p, vs in sorted(props.items())]) for s, props in sorted(by.items())]
    table = []
    for d in partitions.values():
        kind = "class" if VOID["class"] in d else "property"
        term = d.get(VOID["class"]) or d.get(VOID.property)
        count = d.get(VOID.entities) or d.get(VOID.triples)
        table.append((kind, curie(str(term)), "" if count is None else str(count)))
    return rows, sorted(table)


def timeline_axis(events: list[EventView]) -> dict:
    """The drawn timeline: each dated event as a bar from the start to the end of its period (a
    year, a month or a day), on a scale of months."""
    dated = [e for e in events if e.when and e.when.precision]
    if not dated:
        return {"bars": [], "years": []}
    first = min(int(e.when.value[:4]) for e in dated)
    last = max(int(e.when.value[:4]) for e in dated)
    months = (last - first + 1) * 12
    bars = []
    for e in dated:
        y = int(e.when.value[:4])
        if e.when.precision == "year":
            start, length = (y - first) * 12, 12.0
        else:
            m = int(e.when.value[5:7])
            start = (y - first) * 12 + m - 1
            if e.when.precision == "month":
                length = 1.0
            else:
                day = int(e.when.value[8:10])
                start += (day - 1) / 31
                length = 1 / 31
        bars.append({"event": e, "x": round(start / months * 100, 3), "w": round(max(length / months * 100, 0.15), 3)})
    ticks = []
    if last - first < 3:  # over a few years, each month is marked
        ticks = [(calendar.month_abbr[m + 1], round(((y - first) * 12 + m) / months * 100, 3))
                 for y in range(first, last + 1) for m in range(1, 12)]  # fmt: skip
    years = [(y, round((y - first) * 12 / months * 100, 3)) for y in range(first, last + 1)]
    return {"bars": bars, "years": years, "months": ticks, "width": months}
