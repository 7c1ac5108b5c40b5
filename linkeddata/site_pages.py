"""The pages across articles: actors, places, registry events, the named graphs and the dataset,
the index, the timeline, the disputes and the competency questions.

The articles' pages are written one article at a time (in worker processes); each hands back an
:class:`ArticleSummary`, what the pages across articles need of it, which :class:`Aggregate`
gathers. Each page here is keyed by what it shows (:meth:`~linkeddata.site_render.Site.keyed`) and
rendered again only when that changed.
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from markupsafe import Markup

from .namespaces import SCHEMA
from .query import format_csv
from .site_data import DRAFT
from .site_layout import htaccess, nginx
from .site_records import ArticleView, ClaimRef, Corpus, EventView, Ref, RelationshipView
from .site_render import STATIC, Site, description_rows, relationship_graph, render_svgs, timeline_axis

QUERY_ROWS = 200  # rows of a named query's answer shown on the queries page (all are in its CSV)


@dataclass(frozen=True)
class ArticleSummary:
    """What the pages across articles (actors, places, the index, the timeline) need of an article."""

    iri: str
    headline: str
    publisher: Ref | None
    date: object
    relationships: tuple[RelationshipView, ...]
    claims: tuple[tuple[ClaimRef, str, tuple[str, ...]], ...]  # (claim, asserter IRI, IRIs it is about)
    events: tuple[EventView, ...]
    mentions: tuple[tuple[str, int], ...]  # (actor or place IRI, passages that name it)
    anchors: int
    draft: bool = False  # its annotation is a draft nobody has checked


def summarize(view: ArticleView, corpus: Corpus) -> ArticleSummary:
    uses: dict[str, int] = defaultdict(int)
    for m in view.marks:
        for kind, _f, iri in m.uses:
            if kind in ("actor", "place"):
                uses[iri] += 1
    claims = []
    for c in view.claims:
        ref = corpus.claims.get(c.iri) or ClaimRef(c.iri, c.label, c.asserter, c.article)
        claims.append((ref, c.asserter.iri if c.asserter else "", tuple(r.iri for r in c.about)))
    return ArticleSummary(
        view.iri, view.headline, view.publisher, view.date, view.relationships, tuple(claims), view.events,
        tuple((r.iri, uses.get(r.iri, 0)) for r in (*view.actors, *view.places)), len(view.marks),
        view.status == DRAFT,
    )  # fmt: skip


@dataclass
class Aggregate:
    relationships: dict[str, list[RelationshipView]] = field(default_factory=lambda: defaultdict(list))
    said: dict[str, list[ClaimRef]] = field(default_factory=lambda: defaultdict(list))
    about: dict[str, list[ClaimRef]] = field(default_factory=lambda: defaultdict(list))
    events: dict[str, list[tuple[str, EventView]]] = field(default_factory=lambda: defaultdict(list))
    mentions: dict[str, list[tuple[Ref, int]]] = field(default_factory=lambda: defaultdict(list))
    timeline: list[EventView] = field(default_factory=list)  # each event once (as its first article reports it)
    reports: dict[str, list[EventView]] = field(default_factory=lambda: defaultdict(list))  # event → each article's
    articles: list[ArticleSummary] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, summary: ArticleSummary) -> None:
        self.articles.append(summary)
        for rel in summary.relationships:
            for actor in {r.iri for r in (rel.source, rel.target) if r}:
                self.relationships[actor].append(rel)
        for ref, asserter, about in summary.claims:
            if asserter:
                self.said[asserter].append(ref)
            for iri in about:
                self.about[iri].append(ref)
        for event in summary.events:
            first = event.iri not in self.reports
            self.reports[event.iri].append(event)
            if not first:  # an event of the registry that an earlier article reports too
                continue
            self.timeline.append(event)
            self.counts["events"] += 1
            for role, r in event.roles:
                self.events[r.iri].append((role, event))
            for r in event.places:
                self.events[r.iri].append(("place", event))
        article = Ref(summary.iri, summary.headline, "article")
        for iri, n in summary.mentions:
            self.mentions[iri].append((article, n))
        self.counts["anchors"] += summary.anchors
        self.counts["claims"] += len(summary.claims)
        self.counts["relationships"] += len(summary.relationships)


@dataclass(frozen=True)
class PageTask:
    """A resource's page across articles, to be rendered (in a worker process, or in this one):
    what :meth:`~linkeddata.site_render.Site.resource` needs, and its key for the manifest. ``dot``:
    the DOT source of a graph drawn on the page (as ``svg``); ``describe``: the page shows a VoID
    description (``rows`` and ``partitions``, read from ``pairs``)."""

    name: str
    key: str
    template: str
    iri: str
    pairs: tuple
    context: dict
    dot: str | None = None
    describe: bool = False


def render_tasks(site: Site, tasks: Iterable[PageTask]) -> bool:
    """Render the pages of ``tasks`` into the site's writer and record their keys; Graphviz draws
    their graphs in one process. Returns whether every graph asked for was drawn (False: Graphviz
    is not installed)."""
    tasks = list(tasks)
    drawing = [t for t in tasks if t.dot is not None]
    svgs = render_svgs([t.dot for t in drawing])
    drawn = {t.name: Markup(svg) for t, svg in zip(drawing, svgs, strict=True)} if svgs is not None else {}
    for t in tasks:
        context = dict(t.context)
        if t.dot is not None:
            context["svg"] = drawn.get(t.name)
        if t.describe:
            context["rows"], context["partitions"] = description_rows(triple for _l, triple in t.pairs)
        paths = site.resource(t.template, t.iri, t.pairs, **context)
        site.writer.keys[t.name] = [t.key, sorted(paths)]
    return svgs is not None


def _task(site: Site, name: str, shown, template: str, iri: str, pairs, context: dict, **more) -> list[PageTask]:
    """The task of a page unless :meth:`~linkeddata.site_render.Site.fresh_key` keeps it."""
    key = site.fresh_key(name, shown)
    return [] if key is None else [PageTask(name, key, template, iri, tuple(pairs), context, **more)]


def shared_tasks(site: Site, agg: Aggregate) -> Iterator[PageTask]:
    """The pages of actors and places whose content changed since the previous publish (the others
    are kept); an actor with relationships has its graph drawn."""
    layout, corpus = site.layout, site.corpus
    actors = sorted(corpus.actors.values(), key=lambda r: (r.label.lower(), r.iri))
    described = {a.iri: site.data.subject_triples(a.iri) for a in actors}
    members: dict[str, list[tuple[str, Ref]]] = defaultdict(list)
    for a in actors:
        for _line, (_s, p, o) in described[a.iri]:
            if p in (SCHEMA.memberOf, SCHEMA.parentOrganization) and str(o) in corpus.actors:
                members[str(o)].append(("member" if p == SCHEMA.memberOf else "part", a))
    graphviz = shutil.which("dot") is not None
    for a in actors:
        pairs = described[a.iri]
        context = dict(
            actor=a, facts=_facts(pairs, corpus), title=a.label,
            relationships=sorted(agg.relationships.get(a.iri, ()), key=_rel_order),
            said=_claims_sorted(agg.said.get(a.iri, ())), about=_claims_sorted(agg.about.get(a.iri, ())),
            events=sorted(agg.events.get(a.iri, ()), key=lambda re_: _event_order(re_[1])),
            mentions=sorted(agg.mentions.get(a.iri, ()), key=lambda m: (m[0].label, m[0].iri)),
            members=sorted(members.get(a.iri, ()), key=lambda m: (m[0], m[1].label, m[1].iri)),
        )  # fmt: skip
        key = site.fresh_key(f"actor {a.iri}", ([line for line, _t in pairs], sorted(context.items()), graphviz))
        if key is None:
            continue
        rels = context["relationships"]
        dot = relationship_graph(layout, a, rels, layout.page(a.iri)) if rels else None
        yield PageTask(f"actor {a.iri}", key, "actor.html", a.iri, tuple(pairs),
                       {**context, "svg": None, "graphviz": graphviz}, dot=dot)  # fmt: skip
    for p in sorted(corpus.places.values(), key=lambda r: (r.label.lower(), r.iri)):
        pairs = site.data.subject_triples(p.iri)
        context = dict(
            place=p, facts=_facts(pairs, corpus), title=p.label,
            events=sorted(agg.events.get(p.iri, ()), key=lambda re_: _event_order(re_[1])),
            about=_claims_sorted(agg.about.get(p.iri, ())),
            mentions=sorted(agg.mentions.get(p.iri, ()), key=lambda m: (m[0].label, m[0].iri)),
        )  # fmt: skip
        shown = ([line for line, _t in pairs], sorted(context.items()))
        yield from _task(site, f"place {p.iri}", shown, "place.html", p.iri, pairs, context)


def event_tasks(site: Site, agg: Aggregate) -> Iterator[PageTask]:
    """The page of each event reported in several articles (an event of the registry): one page
    with what each article reports of it (its words, the claims it rests on, its factuality on
    each claim's word). An event of one article has its page with the article's pages."""
    for iri in sorted(agg.reports):
        if not site.corpus.shared(iri):
            continue
        reports = sorted(agg.reports[iri], key=lambda e: (e.article.label, e.article.iri))
        pairs = list(site.data.subject_triples(iri))
        for f in sorted({f.iri for e in reports for f in e.factuality}):
            pairs += site.data.subject_triples(f)
        context = dict(event=reports[0], reports=reports, title=reports[0].label)
        shown = ([line for line, _t in pairs], sorted(context.items()))
        yield from _task(site, f"event {iri}", shown, "event.html", iri, pairs, context)


def _facts(pairs: list, corpus: Corpus) -> dict[str, list]:
    """Aliases, description, same-as links and parents of an actor or place, from its description."""
    from .namespaces import OWL, SKOS

    names = {SKOS.altLabel: "aliases", SCHEMA.description: "description", OWL.sameAs: "same",
             SCHEMA.memberOf: "member_of", SCHEMA.parentOrganization: "part_of",
             SCHEMA.containedInPlace: "within", SCHEMA.dissolutionDate: "until",
             SCHEMA.foundingDate: "since"}  # fmt: skip
    facts: dict[str, list] = {key: [] for key in names.values()}
    for _line, (_s, p, o) in pairs:
        key = names.get(p)
        if key is None:
            continue
        if key in ("member_of", "part_of"):
            facts[key].append(corpus.actors.get(str(o), Ref(str(o), str(o), "actor")))
        elif key == "within":
            facts[key].append(corpus.places.get(str(o), Ref(str(o), str(o), "place")))
        else:
            facts[key].append(str(o))
    for values in facts.values():
        values.sort(key=lambda v: (v.label, v.iri) if isinstance(v, Ref) else v)
    return facts


def _rel_order(rel: RelationshipView):
    return (rel.kind.label if rel.kind else "", rel.label, rel.iri)


def _claims_sorted(claims: Iterable[ClaimRef]) -> list[ClaimRef]:
    return sorted(set(claims), key=lambda c: (c.article.label if c.article else "", c.label, c.iri))


def _event_order(e: EventView):
    return (e.when.sort_key if e.when else "~", e.label, e.iri)


def corpus_pages(site: Site, agg: Aggregate) -> None:
    """The index, the timeline, the disputes and the queries, each rendered again only when what
    it shows changed (the queries page: when the build changed)."""
    from .query import named_queries
    from .site_data import named_answers
    from .store import description_digest

    corpus = site.corpus
    articles = sorted(agg.articles, key=lambda v: (v.date.sort_key if v.date else "", v.headline, v.iri))
    actors_by_kind: dict[str, list[Ref]] = defaultdict(list)
    for a in corpus.actors.values():
        actors_by_kind[a.note].append(a)
    for v in actors_by_kind.values():
        v.sort(key=lambda r: (r.label.lower(), r.iri))
    places = sorted(corpus.places.values(), key=lambda r: (r.label.lower(), r.iri))
    index = dict(title="Index", articles=[(a.iri, a.headline, a.publisher, a.date) for a in articles],
                 actors=sorted(actors_by_kind.items()), places=places, counts=sorted(agg.counts.items()))  # fmt: skip
    index_page = {**index, "articles": articles, "counts": agg.counts}
    site.keyed("index", index, lambda: site.render("index.html", "index.html", alternates=False, has_dataset=True,
                                                   **index_page))  # fmt: skip
    events = sorted(agg.timeline, key=_event_order)
    timeline = {"title": "Timeline", "events": events, "alternates": False}
    site.keyed("timeline", events,
               lambda: site.render("timeline.html", "timeline.html", axis=timeline_axis(events),
                                   **timeline))  # fmt: skip
    disputes = {"title": "Disputes", "disputes": corpus.disputes, "alternates": False}
    site.keyed("disputes", corpus.disputes, lambda: site.render("disputes.html", "disputes.html", **disputes))

    def queries() -> list[str]:
        answers, paths = [], []
        for q, result in named_answers(site.data):
            csv_path = f"queries/{q.name}.csv"
            site.writer.put(csv_path, format_csv(result).encode("utf-8"))
            names = [str(v) for v in result.vars]
            rows = [[("" if b.get(v) is None else str(b.get(v))) for v in result.vars] for b in result.bindings if b]
            answers.append((q, names, rows[:QUERY_ROWS], len(rows), csv_path))
            paths.append(csv_path)
        return paths + site.render("queries.html", "queries.html", title="Competency questions", answers=answers,
                                   alternates=False)  # fmt: skip

    site.keyed("queries", (description_digest(site.data.build_dir), [q.text for q in named_queries()]), queries)


def description_tasks(site: Site) -> Iterator[PageTask]:
    """The named graphs and the dataset: their pages show what the build's ``void.ttl`` says of them."""
    from .site_data import read_description

    layout, base = site.layout, site.data.base
    owners: dict[str, list] = defaultdict(list)
    for subject, triples in read_description(site.data).items():
        found = layout.resolve(subject)
        page = found[0] if found else ""
        graph = page[len(layout.data_path("graph/")) :] if page.startswith(layout.data_path("graph/")) else ""
        owners[base + "graph/" + graph if graph else base + "dataset"].extend(triples)
    articles = {info["slug"]: site.corpus.articles[iri] for iri, info in site.corpus.article_info.items()}
    for _iri, graph, slug in site.data.articles:
        pairs = owners.pop(graph, [])
        shown = ([line for line, _t in pairs], articles.get(slug))
        yield from _task(site, f"graph {graph}", shown, "graph.html", graph, pairs,
                         {"title": f"Named graph {slug}", "article": articles.get(slug)}, describe=True)  # fmt: skip
    dataset = base + "dataset"
    pairs = owners.pop(dataset, [])
    graphs = [(graph, articles.get(slug)) for _i, graph, slug in site.data.articles]
    yield from _task(site, "dataset", ([line for line, _t in pairs], graphs), "dataset.html", dataset, pairs,
                     {"title": "The dataset", "graphs": graphs}, describe=True)  # fmt: skip


def static_files(site: Site) -> None:
    for path in sorted(STATIC.rglob("*")):
        if path.is_file():
            site.writer.put("static/" + path.relative_to(STATIC).as_posix(), path.read_bytes())
    site.writer.put(".htaccess", htaccess(site.layout).encode("utf-8"))
    for name, text in nginx(site.layout).items():
        site.writer.put(name, text.encode("utf-8"))
