"""`ld-export publish`: a static site where every IRI of the build resolves (without a browser;
tests/test_site_browser.py drives Chromium over the same site)."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner
from conftest import SEED_SLUG, need, snapshot_tree, write_small
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic

import linkeddata
from linkeddata import publish as pub
from linkeddata.cli import main
from linkeddata.namespaces import RDF, SCHEMA
from linkeddata.query import format_csv, named_queries, named_query, open_data, rows, run_query
from linkeddata.site_data import KIND_ORDER

BASE = "https://w3id.org/ld-export/data/"
ARTICLE_PAGE = f"data/article/{SEED_SLUG}.html"
CORPUS = Path(__file__).parent / "data" / "corpus"
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """A page's ids, links, JSON-LD scripts, and every mark with its text (as textContent gives it)."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, str]] = []
        self.marks: list[dict] = []  # attributes and "text" of every <mark>, in document order
        self.scripts: list[tuple[dict, str]] = []
        self.text: list[str] = []
        self._marks: list[dict] = []
        self._script: dict | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id") is not None:
            assert attrs["id"] not in self.ids, f"duplicate id {attrs['id']}"
            self.ids.add(attrs["id"])
        for name in ("href", "src", "xlink:href"):
            if attrs.get(name) is not None:
                self.links.append((tag, name, attrs[name]))
        if tag == "mark":
            mark = {**attrs, "text": ""}
            self.marks.append(mark)
            self._marks.append(mark)
        if tag == "script":
            self._script = attrs

    def handle_endtag(self, tag):
        if tag == "mark":
            self._marks.pop()
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self.scripts.append((self._script, data))
            return
        self.text.append(data)
        for mark in self._marks:
            mark["text"] += data


def page(site: Path, path: str) -> Page:
    return Page((site / path).read_text(encoding="utf-8"))


def data_iris(build: Path) -> set[str]:
    ds = open_data([build])
    answer = run_query("SELECT DISTINCT ?x WHERE { { ?x ?p ?o } UNION { ?s ?p ?x } FILTER(isIRI(?x)) }", ds)
    return {r["x"] for r in rows(answer) if r["x"].startswith(BASE)}


# --------------------------------------------------------------------------------------------
# Every IRI resolves


def test_every_iri_the_build_minted_resolves_to_a_page_of_the_site(seed_site):
    _result, site, build = seed_site
    layout = pub.SiteLayout(BASE)
    iris = data_iris(build)
    kinds = {}
    for iri in sorted(iris):
        found = layout.resolve(iri)
        assert found is not None, f"{iri} resolves nowhere"
        path, fragment = found
        assert (site / (path + ".html")).is_file(), f"{iri}: no page {path}.html"
        if fragment:
            assert fragment in page(site, path + ".html").ids, f"{iri}: no #{fragment} on {path}.html"
        kinds.setdefault(iri[len(BASE) :].split("/")[0], set()).add(bool(fragment))
    # articles, actors, places, claims, relationships, events and graphs have pages of their own;
    # anchors (with their selectors and annotations), the annotation of the article and the
    # reviews of its claims resolve on the article's page; hops and first appearances on their
    # claim's; the factuality on each claim's word on the page of its relationship or event
    assert kinds == {"article": {False, True}, "actor": {False}, "place": {False}, "claim": {False, True},
                     "relationship": {False, True}, "event": {False, True}, "anchor": {True},
                     "annotation": {True}, "review": {True}}  # fmt: skip
    by_kind = Counter(iri[len(BASE) :].split("/")[0] for iri in iris)
    factualities = len([i for i in iris if "/according-to/" in i])
    hops = len([i for i in iris if "/hop/" in i])
    assert (factualities, hops) == (56, 4)
    # 193 anchors, each with two selectors; 194 annotations (a span can serve two motivations);
    # two claims' first appearances; the photo; a review and its rating
    assert by_kind == {"actor": 31, "place": 11, "relationship": 14 + 27, "event": 17 + 29, "claim": 45 + 4 + 2,
                       "anchor": 193 * 3 + 194, "article": 2, "annotation": 1, "review": 2}  # fmt: skip
    # the default base puts an actor's page where the issue says
    assert (site / "data/actor/bashar-al-assad.html").is_file()
    assert layout.resolve(BASE + "graph/" + SEED_SLUG) == (f"data/graph/{SEED_SLUG}", "")
    assert layout.resolve(BASE + "dataset") == ("data/dataset", "")


def test_the_layout_maps_iris_under_any_base_and_nothing_outside_it():
    layout = pub.SiteLayout("https://example.org/conflicts/kivu/")
    assert (layout.folder, layout.root, layout.root_path) == ("kivu", "https://example.org/conflicts/", "/conflicts/")
    assert layout.resolve("https://example.org/conflicts/kivu/actor/m23") == ("kivu/actor/m23", "")
    assert layout.resolve("https://example.org/conflicts/kivu/anchor/a/10-20/quote") == ("kivu/article/a", "a10-20")
    assert layout.resolve("https://example.org/conflicts/kivu/claim/a/c/hop/2") == ("kivu/claim/a/c", "hop-2")
    assert layout.resolve("https://example.org/other/actor/m23") is None
    assert layout.resolve("https://example.org/conflicts/kivu/actor/a%2Fb") is None  # never a path outside
    root = pub.SiteLayout("https://example.org/")
    assert (root.folder, root.root, root.resolve("https://example.org/place/goma")) == (
        "", "https://example.org/", ("place/goma", ""))  # fmt: skip


def test_a_build_under_another_base_is_published_below_its_own_folder(small, tmp_path):
    base = "https://example.org/conflicts/kivu/"
    linkeddata.build([small], out_dir=tmp_path / "dist", base_iri=base)
    result = pub.publish(tmp_path / "dist", tmp_path / "site")
    site = tmp_path / "site"
    assert (site / "kivu/actor/rebels.html").is_file() and (site / "kivu/article/small-article.ttl").is_file()
    assert "RewriteBase /conflicts/" in (site / ".htaccess").read_text(encoding="utf-8")
    assert 'location ~ "^/conflicts/kivu/' in (site / "nginx-server.conf").read_text(encoding="utf-8")
    p = page(site, "kivu/claim/small-article/saw-shells.html")
    assert ("a", "href", "../../actor/commander.html") in p.links and ("a", "href", "../../../index.html") in p.links
    assert result.articles == 1 and not (site / "data").exists()


def test_each_page_has_its_own_description_in_turtle_and_json_ld_beside_it(seed_site):
    _result, site, build = seed_site
    ds = open_data([build])
    checked = 0
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if not rel.startswith("data/"):
            continue
        stem = html.with_suffix("")
        turtle = Graph().parse(stem.with_suffix(".ttl"), format="turtle")
        jsonld = Graph().parse(stem.with_suffix(".jsonld"), format="json-ld")
        assert isomorphic(turtle, jsonld), rel
        iri = BASE + rel[len("data/") : -len(".html")]
        p = page(site, rel)
        assert ("link", "href", stem.name + ".ttl") in p.links and ("link", "href", stem.name + ".jsonld") in p.links
        if "/dataset" in iri or "/graph/" in iri:
            continue  # described by the build's void.ttl, checked below
        # the description is the resource's triples in the build and those of the IRIs below its
        # own (a claim's hops and first appearance, an article's photo, the factuality of a
        # relationship or event on each claim's word); for an article, also its anchors with their
        # selectors and annotations, the annotation activity and the reviews of its claims; each once
        own = Graph()
        answer = run_query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o FILTER(?s = <{iri}> || STRSTARTS(STR(?s), "
                           f"\"{iri}/\")) }}", ds)  # fmt: skip
        for t in answer.graph:
            own.add(t)
        if "/article/" in iri:
            slug = iri.rpartition("/")[2]
            anchors = run_query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "
                                f"\"{BASE}anchor/{slug}/\") || STRSTARTS(STR(?s), \"{BASE}review/{slug}/\") "
                                f"|| ?s = <{BASE}annotation/{slug}>) }}", ds)  # fmt: skip
            for t in anchors.graph:
                own.add(t)
        assert isomorphic(turtle, own), f"{rel}: the Turtle beside it is not its description"
        checked += 1
    assert checked == 1 + 31 + 11 + 45 + 14 + 17


def test_the_graph_and_dataset_pages_carry_the_builds_description(seed_site):
    _result, site, build = seed_site
    void = Graph().parse(build / "void.ttl", format="turtle")
    graph = Graph().parse(site / f"data/graph/{SEED_SLUG}.ttl", format="turtle")
    dataset = Graph().parse(site / "data/dataset.ttl", format="turtle")
    assert len(graph) + len(dataset) == len(void)  # every statement of void.ttl on exactly one page
    assert isomorphic(graph + dataset, void)
    assert (URIRef(BASE + "graph/" + SEED_SLUG), URIRef("http://rdfs.org/ns/void#triples"), None) in graph
    text = (site / f"data/graph/{SEED_SLUG}.html").read_text(encoding="utf-8")
    triples = void.value(URIRef(BASE + "graph/" + SEED_SLUG), URIRef("http://rdfs.org/ns/void#triples"))
    assert "void:triples" in text and f">{triples}<" in text
    assert "<tr><td>class</td><td><code>lde:Claim</code></td><td>45</td></tr>" in text


def test_pages_embed_their_schema_org_view_as_json_ld(seed_site):
    _result, site, _build = seed_site
    p = page(site, "data/actor/bashar-al-assad.html")
    scripts = [text for attrs, text in p.scripts if attrs.get("type") == "application/ld+json"]
    assert len(scripts) == 1
    doc = json.loads(scripts[0])
    assert doc["@context"] == {"@vocab": "http://schema.org/"}  # as schema.org's own context has it
    assert doc["@id"] == BASE + "actor/bashar-al-assad" and doc["@type"] == "Person"  # lde:Person ⊑ schema:Person
    # it expands to the IRIs of the Turtle beside it (the data's http://schema.org/), no fetch needed
    expanded = Graph().parse(data=scripts[0], format="json-ld")
    turtle = Graph().parse(site / "data/actor/bashar-al-assad.ttl", format="turtle")
    for s, p_, o in expanded:
        if p_ != RDF.type:
            assert (s, p_, o) in turtle, (p_, o)
    assert (URIRef(BASE + "actor/bashar-al-assad"), RDF.type, SCHEMA.Person) in expanded
    article = page(site, ARTICLE_PAGE)
    doc = json.loads(next(t for a, t in article.scripts if a.get("type") == "application/ld+json"))
    assert doc["@type"] == "NewsArticle" and doc["headline"]["@value"].startswith("The Obama administration")


def test_no_page_links_to_a_missing_file_or_fragment_or_loads_anything_remote(seed_site):
    _result, site, _build = seed_site
    cache: dict[Path, Page] = {}
    links = 0
    pages = sorted(site.rglob("*.html"))
    for html in pages:
        p = cache.setdefault(html, page(site, html.relative_to(site).as_posix()))
        for tag, _attribute, value in p.links:
            parts = urlsplit(value)
            if parts.scheme:
                # only links for the reader to follow; nothing a page loads comes from elsewhere
                assert tag == "a" and parts.scheme in ("http", "https"), (html, value)
                continue
            target = (html.parent / unquote(parts.path)).resolve() if parts.path else html
            assert target.is_file(), f"{html.relative_to(site)}: broken link {value}"
            assert site in target.parents
            if parts.fragment and target.suffix == ".html":
                other = cache.setdefault(target, page(site, target.relative_to(site).as_posix()))
                assert parts.fragment in other.ids, f"{html.relative_to(site)}: no #{parts.fragment} in {value}"
            links += 1
    assert links >= 7 * len(pages)  # at least the header's, the stylesheet and the script on each


# --------------------------------------------------------------------------------------------
# The article page


def anchors(build: Path) -> dict[str, tuple[int, int, str]]:
    answer = run_query(
        "PREFIX oa: <http://www.w3.org/ns/oa#> SELECT ?a ?s ?e ?x WHERE { ?a oa:hasSelector ?p, ?q . "
        "?p oa:start ?s ; oa:end ?e . ?q oa:exact ?x }",
        open_data([build]),
    )
    return {r["a"]: (int(r["s"]), int(r["e"]), r["x"]) for r in rows(answer)}


def test_every_anchor_is_one_mark_whose_text_is_its_exact_words(seed_site):
    result, site, build = seed_site
    found = anchors(build)
    p = page(site, ARTICLE_PAGE)
    first = [m for m in p.marks if "data-iri" in m]
    assert len(first) == len(found) == result.counts["anchors"] == 193
    assert {m["data-iri"] for m in first} == set(found)
    crossing = 0
    for m in first:
        parts = [m] + [c for c in p.marks if c.get("data-continues") == m["data-iri"]]
        start, end, exact = found[m["data-iri"]]
        assert m["id"] == f"a{start}-{end}"
        if len(parts) == 1:
            assert m["text"] == exact
        else:  # an anchor that crosses another is split where they cross; its parts hold its words
            assert "".join(part["text"] for part in parts) == exact
            crossing += 1
    # the seed has anchors that cross ("which is fighting rebels" / "rebels who oppose …")
    assert crossing == 6
    assert all("data-continues" in m or "data-iri" in m for m in p.marks)


def test_marks_nest_and_the_hedge_cue_is_marked_inside_its_claim(seed_site):
    _result, site, _build = seed_site
    html = (site / ARTICLE_PAGE).read_text(encoding="utf-8")
    # "likely", the hedge cue of the embassy's claim, is marked inside the words that report the claim
    claim = r'<mark id="a\d+-\d+" class="k-claim"[^>]*data-for="[^"]*c-embassy-regime-strikes-with-isis[^"]*">'
    cue = r'<mark id="a\d+-\d+" class="k-cue" [^>]*data-for="c-embassy-regime-strikes-with-isis">likely</mark>'
    assert re.search(claim + r"noting that (<mark[^>]*>)+his regime(</mark>)+ is " + cue, html)
    kinds = {m["class"].split()[0] for m in page(site, ARTICLE_PAGE).marks}
    assert kinds == {"k-" + k for k in KIND_ORDER if k != "article"}


class Parts(HTMLParser):
    """The text of each element with one of ``classes``, and the text outside them."""

    def __init__(self, text: str, classes: set[str]):
        super().__init__(convert_charrefs=True)
        self.classes, self.parts, self.outside = classes, {}, []
        self._stack: list[str | None] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        if tag in VOID_TAGS:
            return
        cls = next((c for c in (dict(attrs).get("class") or "").split() if c in self.classes), None)
        self._stack.append(cls)

    def handle_endtag(self, tag):
        if tag not in VOID_TAGS:
            self._stack.pop()

    def handle_data(self, data):
        current = next((c for c in reversed(self._stack) if c), None)
        if current:
            self.parts[current] = self.parts.get(current, "") + data
        else:
            self.outside.append(data)


def test_the_photo_caption_and_credit_are_shown_as_such(seed_site):
    _result, site, _build = seed_site
    html = (site / ARTICLE_PAGE).read_text(encoding="utf-8")
    figure = re.search(r'<figure id="photo" class="photo">(.*?)</figure>', html, re.S).group(1)
    parts = Parts(figure, {"caption", "credit", "photo-id", "label"}).parts
    assert parts == {
        "caption": "Rebel fighters stand on a tank overlooking al-Ghab plain, in the Jabal al-Akrad area in Syria’s "
        "northwestern Latakia province, April 29, 2015.",
        "credit": " REUTERS/Khalil Ashawi",
        "label": "PhotoPicture",
        "photo-id": " RTX1AXLE",
    }


def test_text_without_an_anchor_is_plain_and_the_text_is_the_article_as_published(seed_site):
    _result, site, build = seed_site
    text = str(Graph().parse(build / f"{SEED_SLUG}.ttl").value(URIRef(BASE + "article/" + SEED_SLUG), SCHEMA.text))
    html = (site / ARTICLE_PAGE).read_text(encoding="utf-8")
    body = re.search(r'<article class="text".*?</article>', html, re.S).group(0)
    photo = re.search(r'<figure id="photo".*?</figure>', body, re.S).group(0)
    summary = re.search(r"<summary>.*?</summary>", body, re.S).group(0)
    photo_line = text.splitlines()[2]
    assert photo_line.startswith("RTX1AXLEREUTERS/Khalil AshawiRebel fighters")
    # every character of the text, in order, nothing added: the photo line is shown as its parts
    shown = "".join(Page(body.replace(photo, "").replace(summary, "")).text)
    assert re.sub(r"\s+", "", shown) == re.sub(r"\s+", "", text.replace(photo_line, ""))
    marks = Page(body).marks
    outside = "".join(Parts(body, {"k-" + k for k in KIND_ORDER}).outside)
    assert "“" in outside and len(marks) > 194  # the quotation's opening mark is plain text, outside any mark


def test_the_chain_of_a_claim_is_drawn_from_its_asserter_to_the_article(seed_site):
    _result, site, _build = seed_site
    html = (site / ARTICLE_PAGE).read_text(encoding="utf-8")
    entry = re.search(r'<article class="claim" id="c-dod-officer-money-for-isis-only".*?</article>', html, re.S)
    entry = entry.group(0)
    chain = re.search(r'<ol class="chain".*?</ol>', entry, re.S).group(0)
    hands = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", li)).strip() for li in re.findall(r"<li.*?</li>", chain, re.S)]
    assert hands == [
        "said by US Department of Defense liaison officer (unnamed, quoted by Mustapha Sejari) to Mustapha Sejari",
        "quoted by Mustapha Sejari to Michael Weiss",
        "quoted by Michael Weiss in The Daily Beast",
        "quoted by Business Insider in the article",
    ]


# --------------------------------------------------------------------------------------------
# Escaping, determinism, reuse


HOSTILE = "<script>alert('x')</script></script><!-- & \"quoted\""


def test_a_label_holding_markup_shows_as_text_everywhere(tmp_path):
    folder = write_small(tmp_path / "in")
    annotation = (folder / "small-article.yaml").read_text(encoding="utf-8")
    hostile = annotation.replace(
        "label: The army shelled Idlib.\n    asserter", f"label: {json.dumps(HOSTILE)}\n    asserter"
    )
    (folder / "small-article.yaml").write_text(hostile, encoding="utf-8")
    (folder / "registry.yaml").write_text((folder / "registry.yaml").read_text().replace(
        "label: Rebels", f"label: {json.dumps('Rebels ' + HOSTILE)}"), encoding="utf-8")  # fmt: skip
    linkeddata.build([folder], out_dir=tmp_path / "dist")
    pub.publish(tmp_path / "dist", tmp_path / "site")
    pages = sorted((tmp_path / "site").rglob("*.html"))
    seen = 0
    for html in pages:
        text = html.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<!-- &" not in text, html
        seen += "&lt;script&gt;alert(" in text
        p = Page(text)
        for attrs, body in p.scripts:
            if attrs.get("type") == "application/ld+json":
                assert "<" not in body and json.loads(body)  # still valid JSON, nothing that ends the script
        # the only scripts are the site's own and the JSON-LD; the label is text where it shows
        assert all(a.get("src", "").endswith("static/site.js") or a.get("type") == "application/ld+json"
                   for a, _body in p.scripts), html  # fmt: skip
        assert "".join(p.text).count("<script>alert('x')") == len(re.findall(r">[^<]*&lt;script&gt;alert\(", text))
    assert seen >= 4  # the claim's page, the article, the actor's page, the disputes/index pages show it
    svg = (tmp_path / "site" / "data/actor/rebels.html").read_text(encoding="utf-8")
    if shutil.which("dot"):
        assert "&lt;script&gt;alert" in svg.split("<svg", 1)[1]  # Graphviz escapes the label in the graph too


def test_identical_builds_give_byte_identical_sites(seed_site, tmp_path):
    _result, site, _build = seed_site
    other = tmp_path / "dist"
    linkeddata.build(out_dir=other)
    pub.publish(other, tmp_path / "site")
    assert snapshot_tree(tmp_path / "site") == snapshot_tree(site)


def test_publishing_again_reuses_every_unchanged_page(corpus_copy_build, tmp_path):
    _folder, out = corpus_copy_build
    site = tmp_path / "site"
    first = pub.publish(out, site)
    before = {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file() and ".ld-export-site" not in p.parts}
    again = pub.publish(out, site)
    assert (first.articles, first.reused_articles, first.written == first.files) == (3, 0, True)
    assert (again.reused_articles, again.written, again.removed) == (3, 0, 0)
    after = {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file() and ".ld-export-site" not in p.parts}
    assert after == before


def test_after_an_edit_only_what_shows_it_changes_and_the_site_equals_a_clean_one(corpus_copy_build, tmp_path):
    folder, out = corpus_copy_build
    site = tmp_path / "site"
    pub.publish(out, site)
    before = snapshot_tree(site)
    path = folder / "great-lakes-dispatch-2012-m23-takes-goma.yaml"
    text = path.read_text(encoding="utf-8")
    label = re.search(r"^    label: (.+)$", text[text.index("claims:") :], re.M).group(1)
    path.write_text(text.replace(f"label: {label}", "label: An edited label.", 1), encoding="utf-8")
    linkeddata.build([folder], out_dir=out)
    result = pub.publish(out, site)
    assert result.reused_articles == 2
    after = snapshot_tree(site)
    changed = sorted(p for p in after if after[p] != before.get(p))
    assert changed and all("great-lakes" in p or not p.startswith(("data/claim/", "data/event/", "data/relationship/",
                                                                    "data/article/"))
                           or "An edited label." in after[p].decode() for p in changed)  # fmt: skip
    clean = tmp_path / "clean"
    pub.publish(out, clean)
    assert snapshot_tree(clean) == after


def test_pages_rendered_in_worker_processes_are_those_rendered_in_one(corpus_copy_build, tmp_path):
    _folder, out = corpus_copy_build
    alone = pub.publish(out, tmp_path / "alone", jobs=1)
    shared = pub.publish(out, tmp_path / "shared", jobs=2)
    assert snapshot_tree(tmp_path / "shared") == snapshot_tree(tmp_path / "alone")
    summary = lambda r: (r.pages, r.files, r.counts, r.svg)  # noqa: E731
    assert summary(shared) == summary(alone)
    # Every page but the index, the timeline, the disputes and the queries: the articles' pages and
    # those of actors, places, registry events, graphs and the dataset.
    assert (alone.worker_pages, shared.worker_pages) == (0, alone.pages - 4)
    actors = [p for p in snapshot_tree(tmp_path / "shared") if p.startswith("data/actor/") and p.endswith(".html")]
    assert len(actors) == 71  # the actors of the three articles and their registry
    again = pub.publish(out, tmp_path / "shared", jobs=2)
    assert (again.reused_articles, again.written, again.removed, again.worker_pages) == (3, 0, 0, 0)


def test_pages_of_a_removed_article_are_removed_and_a_file_in_the_way_stops_publishing(corpus_copy_build, tmp_path):
    folder, out = corpus_copy_build
    site = tmp_path / "site"
    pub.publish(out, site)
    slug = "levant-ledger-2015-pentagon-denies-assad-ban"
    assert (site / f"data/article/{slug}.html").is_file()
    (site / "notes.txt").write_text("mine", encoding="utf-8")
    for p in folder.glob(slug + ".*"):
        p.unlink()
    linkeddata.build([folder], out_dir=out)
    result = pub.publish(out, site)
    assert result.removed > 0
    assert not (site / f"data/article/{slug}.html").exists() and not (site / f"data/claim/{slug}").exists()
    assert (site / "notes.txt").read_text(encoding="utf-8") == "mine"  # never touched
    # a file the site would write, that publish did not write, is in the way: nothing changes
    shutil.rmtree(site)
    (site / "data/actor").mkdir(parents=True)
    (site / "data/actor/m23.html").write_text("mine", encoding="utf-8")
    run = CliRunner().invoke(main, ["publish", str(out), "-o", str(site)])
    assert run.exit_code == 2 and "Traceback" not in run.output
    assert "data/actor/m23.html" in run.output and "in the way" in run.output
    left = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if ".ld-export-site" not in p.parts)
    assert left == ["data", "data/actor", "data/actor/m23.html"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["NOBUILD"], "no such build folder"),
        (["EMPTY"], "holds no dataset.nq"),
        (["BUILD", "--base-iri", "https://example.org/data/"], "minted under https://w3id.org/ld-export/data/"),
    ],
)
def test_bad_input_is_one_paragraph_and_exit_2(seed_site, tmp_path, args, message):
    _result, _site, build = seed_site
    (tmp_path / "EMPTY").mkdir()
    names = {"NOBUILD": str(tmp_path / "missing"), "EMPTY": str(tmp_path / "EMPTY"), "BUILD": str(build)}
    run = CliRunner().invoke(main, ["publish", *(names.get(a, a) for a in args), "-o", str(tmp_path / "out")])
    assert run.exit_code == 2, run.output
    assert message in run.output and "Traceback" not in run.output and run.output.count("\n") == 1
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


# --------------------------------------------------------------------------------------------
# Corpus pages


def test_the_disputes_page_has_the_rows_of_the_disputed_claims_query(corpus_copy_build, tmp_path):
    _folder, out = corpus_copy_build
    site = tmp_path / "site"
    pub.publish(out, site)
    expected = rows(run_query(named_query("disputed-claims").text, open_data([out])))
    html = (site / "disputes.html").read_text(encoding="utf-8")
    body = re.search(r"<tbody>(.*)</tbody>", html, re.S).group(1)
    shown = []
    for tr in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = [Page(td).text for td in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]
        stance = re.search(r'<td data-stance="([^"]+)">', tr).group(1)
        shown.append(tuple("".join(c) for c in cells[:3]) + (stance,) + tuple("".join(c) for c in cells[4:]))
    # how each claim stands against the other: the `disputes` query names the stance
    how = defaultdict(set)
    for r in rows(run_query(named_query("disputes").text, open_data([out]))):
        how[(r["claim"], r["disputed"])].add(r["stance"])
    want = sorted((r["claim"], r["by"], r["article"], stance, r["disputed"], r["against"], r["disputedArticle"])
                  for r in expected for stance in how[(r["claim"], r["disputed"])])  # fmt: skip
    assert len(shown) == len(want) == 27
    assert {row[3] for row in want} == {"contradicts", "deniesSaying", "rejectsJustification", "doubtsSource"}
    assert sorted(shown) == want


def test_a_claim_shows_the_claims_of_other_articles_that_dispute_or_support_it(corpus_copy_build, tmp_path):
    _folder, out = corpus_copy_build
    site = tmp_path / "site"
    pub.publish(out, site)
    ledger = "levant-ledger-2015-pentagon-denies-assad-ban"
    seed = (site / f"data/claim/{SEED_SLUG}/sejari-asked-to-promise.html").read_text(encoding="utf-8")
    stances = re.search(r'<ul class="stances">(.*?)</ul>', seed, re.S).group(1)
    items = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", li)).strip()
             for li in re.findall(r"<li[^>]*>(.*?)</li>", stances)]  # fmt: skip
    links = re.findall(r'<li class="[^"]*" data-stance="([^"]+)"><span class="stance[^"]*">([^<]+)</span> '
                       r'<a href="([^"]+)"', stances)  # fmt: skip
    # the claim's stances, then the stances of other claims towards it, in this article or another
    assert links == [
        ("supports", "supports", "bi-trained-rebels-told-not-to-fight-assad.html"),
        ("supports", "supports", "weiss-rebels-threatened-withdrawal.html"),
        ("contradicts", "contradicted by", f"../{ledger}/official-nobody-asked-to-promise.html"),
        ("contradicts", "contradicted by", f"../{ledger}/dod-denies-rebels-told-not-to-fight-assad.html"),
        ("repeats", "repeated by", f"../{ledger}/sejari-group-asked-to-promise.html"),
        ("supports", "supported by", f"../{ledger}/halabi-same-condition-put-to-his-men.html"),
    ]
    # each names the claim's asserter and the article that reports it
    assert any(i.startswith("contradicted by Nobody in the programme was asked") and "Pentagon denies" in i
               for i in items)  # fmt: skip
    other = (site / f"data/claim/{ledger}/official-nobody-asked-to-promise.html").read_text(encoding="utf-8")
    target = f"../{SEED_SLUG}/sejari-asked-to-promise.html"
    assert f'<span class="stance stance-contradicts">contradicts</span> <a href="{target}"' in other


def test_the_queries_page_shows_every_named_query_with_its_answer(seed_site):
    _result, site, build = seed_site
    ds = open_data([build])
    p = page(site, "queries.html")
    html = (site / "queries.html").read_text(encoding="utf-8")
    for q in named_queries():
        answer = run_query(q.text, ds)
        assert q.name in p.ids
        assert (site / f"queries/{q.name}.csv").read_bytes().decode("utf-8") == format_csv(answer)
        n = len(rows(answer))
        assert f"{n} row{'' if n == 1 else 's'}" in html
    section = re.search(r'<section id="thesis".*?</section>', html, re.S).group(0)
    assert "<td>Syrian government</td><td>Iran</td><td>Iran-backed Shia militias in Iraq</td>" in section


def test_the_timeline_draws_each_event_at_the_precision_of_its_text(seed_site):
    _result, site, _build = seed_site
    html = (site / "timeline.html").read_text(encoding="utf-8")
    assert '<time datetime="2015-05" class="precision-month">May 2015</time>' in html
    bars = re.findall(r'<a class="bar precision-(\w+)" style="left: ([\d.]+)%; width: ([\d.]+)%"', html)
    widths = {precision: {float(w) for _p, _x, w in bars if _p == precision} for precision, _x, _w in bars}
    # the seed's events run over one year: a month is a twelfth of the axis, a day a 372nd
    assert widths["month"] == {round(100 / 12, 3)}
    assert "year" not in widths or widths["year"] == {100.0}
    assert all(p in ("year", "month", "day") for p, _x, _w in bars)


def test_an_actor_page_lists_its_relationships_claims_and_draws_its_graph(seed_site):
    _result, site, build = seed_site
    html = (site / "data/actor/syrian-government.html").read_text(encoding="utf-8")
    expected = rows(run_query(
        "PREFIX lde: <https://w3id.org/ld-export/ontology#> SELECT ?r WHERE { ?r lde:fromActor|lde:toActor "
        f"<{BASE}actor/syrian-government> }}", open_data([build])))  # fmt: skip
    table = re.search(r"<h2 id=\"relationships-title\">Relationships \((\d+)\)</h2>", html)
    assert int(table.group(1)) == len(expected) == 5
    about = f"SELECT DISTINCT ?c WHERE {{ ?c <http://schema.org/about> <{BASE}actor/syrian-government> }}"
    about = rows(run_query(about, open_data([build])))
    assert "Claims it makes (0)" in html and re.search(r"Claims about it \((\d+)\)", html).group(1) == str(len(about))
    assert len(about) == 7
    need("Graphviz dot", shutil.which("dot") is not None, "apt-get install graphviz")
    svg = ET.fromstring(re.search(r"<svg.*</svg>", html, re.S).group(0))
    titles = [el.text for el in svg.iter("{http://www.w3.org/2000/svg}title")]
    for name in ("Iran", "Syrian rebels", "Islamic State", "United States"):
        assert any(t and name in t for t in titles) or name in ET.tostring(svg, encoding="unicode"), name


def test_the_server_configurations_follow_the_same_rules(seed_site):
    _result, site, _build = seed_site
    htaccess = (site / ".htaccess").read_text(encoding="utf-8")
    nginx = (site / "nginx-server.conf").read_text(encoding="utf-8")
    for pattern, _page, _fragment in pub.RULES:
        assert f"RewriteRule ^data/{pattern}$" in htaccess
        assert re.sub(r"\(\?<ld\d>", "(", nginx).count(pattern) >= 1
    anchor = "RewriteRule ^data/anchor/([^/.]+)/([0-9]+-[0-9]+)(?:/[^/.]+)*$ data/article/$1.html#a$2 [R=303,NE,L]"
    assert anchor in htaccess
    assert 'location ~ "^/ld\\-export/data/' in nginx


def test_a_graph_is_drawn_the_same_wherever_it_comes_in_a_run_of_dot():
    need("Graphviz dot", shutil.which("dot") is not None, "apt-get install graphviz")
    one = 'digraph relationships { a -> b [label="open alliance"] }'
    other = "digraph relationships { c -> d }"
    first, _second, third = pub.render_svgs([one, other, one])
    assert first == third and first.startswith('<svg role="img"') and "<!--" not in first


def test_the_stances_shown_are_those_of_the_stance_scheme_with_supports_and_repeats():
    from linkeddata.namespaces import LDE
    from linkeddata.site_data import STANCES, vocabulary

    vocab = vocabulary()
    assert set(STANCES) - {LDE.supports, LDE.repeats} == vocab.stance_concepts
    assert len(vocab.stance_concepts) == 4
    # the four dispute (the disputes page lists them); supporting or repeating a claim does not
    assert {p for p in STANCES if vocab.disputes(p)} == vocab.stance_concepts


def test_an_event_of_the_registry_has_one_page_with_what_each_article_reports_of_it(corpus_copy_build, tmp_path):
    import html as html_lib

    _folder, out = corpus_copy_build
    site = tmp_path / "site"
    pub.publish(out, site)
    data = open_data([out])
    reported = defaultdict(set)
    for r in rows(run_query("PREFIX lde: <https://w3id.org/ld-export/ontology#> PREFIX schema: <http://schema.org/> "
                            "SELECT ?e ?h WHERE { ?e a lde:Event ; lde:reportedIn ?a . ?a schema:headline ?h }", data)):
        reported[r["e"]].add(r["h"])  # fmt: skip
    shared = {e: h for e, h in reported.items() if len(h) > 1}
    assert sorted(e.rpartition("/")[2] for e in shared) == [
        "isis-captures-palmyra", "isis-captures-ramadi", "regime-air-strikes-with-isis-advance",
        "shia-militias-fight-isis"]  # fmt: skip
    for event, headlines in shared.items():
        text = (site / "data" / (event[len(BASE) :] + ".html")).read_text(encoding="utf-8")
        reports = re.findall(r'<h2 id="report-\d+">In <a href="[^"]+">([^<]+)</a>', text)
        assert sorted(html_lib.unescape(r) for r in reports) == sorted(headlines)
        # its factuality on each claim's word, from every article that reports it
        expected = rows(run_query(
            "PREFIX lde: <https://w3id.org/ld-export/ontology#> SELECT ?f ?c ?p WHERE { "
            f"<{event}> lde:hasFactuality ?f . ?f lde:certainty ?c ; lde:polarity ?p }}", data))  # fmt: skip
        shown = re.findall(r'<tr id="f-[^"]+" data-iri="([^"]+)">.*?<span class="certainty certainty-(\w+)">.*?'
                           r'<span class="polarity polarity-(\w+)">', text)  # fmt: skip
        assert sorted(shown) == sorted((r["f"], r["c"].rpartition("/")[2], r["p"].rpartition("/")[2]) for r in expected)
        assert len(shown) >= 2
        assert not list((site / "data/event").glob(f"*/{event.rpartition('/')[2]}.html"))  # no page per article
    # the Turtle beside it has what every article says of it
    ramadi = BASE + "event/isis-captures-ramadi"
    turtle = Graph().parse(site / "data/event/isis-captures-ramadi.ttl", format="turtle")
    reported_in = URIRef("https://w3id.org/ld-export/ontology#reportedIn")
    articles = rows(run_query(f"SELECT ?a WHERE {{ <{ramadi}> <{reported_in}> ?a }}", data))
    assert set(turtle.objects(URIRef(ramadi), reported_in)) == {URIRef(r["a"]) for r in articles}
    assert len(articles) == 2
    # the timeline shows it once
    timeline = (site / "timeline.html").read_text(encoding="utf-8")
    assert timeline.count('href="data/event/isis-captures-ramadi.html"') == 2  # its bar and its row


def test_relationship_pages_show_the_factuality_on_each_claims_word(seed_site):
    _result, site, build = seed_site
    data = open_data([build])
    rel = f"{BASE}relationship/{SEED_SLUG}/syrian-government-isis-tacit-cooperation"
    text = (site / f"data/relationship/{SEED_SLUG}/syrian-government-isis-tacit-cooperation.html").read_text("utf-8")
    expected = rows(run_query(
        "PREFIX lde: <https://w3id.org/ld-export/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#> "
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT ?f ?who ?c ?p WHERE { "
        f"<{rel}> lde:hasFactuality ?f . ?f lde:certainty ?c ; lde:polarity ?p ; prov:agent/rdfs:label ?who }}",
        data))  # fmt: skip
    shown = re.findall(r'<tr id="f-[^"]+" data-iri="([^"]+)"><td><a [^>]+>([^<]+)</a></td>.*?'
                       r'<span class="certainty certainty-(\w+)">.*?<span class="polarity polarity-(\w+)">', text)
    assert sorted(shown) == sorted((r["f"], r["who"], r["c"].rpartition("/")[2], r["p"].rpartition("/")[2])
                                   for r in expected)  # fmt: skip
    # hedged words never read as certain: "suspicions", "appears", "likely"
    assert sorted(c for _f, _w, c, _p in shown) == ["possible", "probable", "probable"]


def test_a_draft_article_is_marked_as_a_draft_on_its_pages_and_in_the_index(tmp_path):
    pages = {}
    for status in ("", "  status: draft\n"):
        folder = write_small(tmp_path / f"in{bool(status)}")
        annotation = (folder / "small-article.yaml").read_text(encoding="utf-8")
        (folder / "small-article.yaml").write_text(
            annotation.replace("article:\n  publisher: reuters\n", "article:\n  publisher: reuters\n" + status),
            encoding="utf-8")  # fmt: skip
        linkeddata.build([folder], out_dir=tmp_path / f"dist{bool(status)}")
        pub.publish(tmp_path / f"dist{bool(status)}", tmp_path / f"site{bool(status)}")
        site = tmp_path / f"site{bool(status)}"
        pages[bool(status)] = [(site / p).read_text(encoding="utf-8") for p in
                               ("data/article/small-article.html", "data/claim/small-article/shelling.html",
                                "index.html")]  # fmt: skip
    article, claim, index = pages[True]
    assert article.count('<p class="draft-banner" role="note"><strong>Draft.</strong>') == 1
    assert '<dd class="draft-note">from a draft annotation nobody has checked</dd>' in claim
    assert index.count('<span class="draft-badge">draft</span>') == 1
    assert not any("draft-banner" in t or "draft-note" in t or "draft-badge" in t for t in pages[False])


def test_an_actor_page_says_until_when_the_actor_ended(tmp_path):
    """The registry's `until` (schema:dissolutionDate) is one of the facts of the actor's page."""
    from linkeddata import resources

    src = tmp_path / "in"
    src.mkdir()
    for path in resources.seeds_dir().iterdir():
        if path.suffix in (".txt", ".yaml"):
            shutil.copy(path, src / path.name)
    registry = (src / "registry.yaml").read_text(encoding="utf-8")
    old = "    description: The government of Syria led by Bashar al-Assad (the Assad regime).\n"
    assert old in registry
    (src / "registry.yaml").write_text(registry.replace(old, old + '    until: "2024-12"\n'), encoding="utf-8")
    linkeddata.build([src], tmp_path / "build", store=False)
    pub.publish(tmp_path / "build", tmp_path / "site")
    html = (tmp_path / "site/data/actor/syrian-government.html").read_text(encoding="utf-8")
    assert "<dt>Until</dt><dd>2024-12</dd>" in html
