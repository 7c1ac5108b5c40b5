"""Publish a build as a static linked-data site where every IRI the build minted resolves.

Usable without the command line::

    from linkeddata.publish import publish
    result = publish("dist", "site")

**Where an IRI resolves.** The site root is the IRI one folder above the base IRI (the default
base ``https://w3id.org/ld-export/data/`` gives the root ``https://w3id.org/ld-export/``), so a
resource ``<base>actor/bashar-al-assad`` has its page at ``SITE/data/actor/bashar-al-assad.html``,
with its own description beside it as ``bashar-al-assad.ttl`` (Turtle) and
``bashar-al-assad.jsonld`` (JSON-LD with the shipped context, embedded). Articles, actors, places,
claims, relationships, events, the named graphs (``graph/SLUG``) and the dataset (``dataset``)
have pages of their own; the other IRIs resolve on the page of the resource they belong to
(:data:`RULES`): an anchor on its article's page, where its words are marked (``#a1120-1180``),
a hop of a chain on its claim's page (``#hop-1``), the photo on the article's page (``#photo``).
The same rules are written for Apache (``.htaccess``) and nginx (``nginx-http.conf`` and
``nginx-server.conf``) and followed by
:mod:`linkeddata.site_server`: the IRI of a thing answers *303 See Other* to the document in the
media type asked for (Cool URIs for the Semantic Web).

Every link between pages is relative, so the site works from any folder of any static host and
from the file system. Pages are Jinja2 templates (``linkeddata/templates/publish/``), escaped
throughout; they read without JavaScript, which only adds the claim panel of the article page.
Graphs are drawn by Graphviz (``dot``) when it is installed. Nothing is loaded from the network.

**Deterministic and incremental.** Identical builds give byte-identical sites. The site remembers
what it wrote (``SITE/.ld-export-site/manifest.json``: each file's SHA-256, size and modification
time): publishing again renders the pages of an article only when its graph, or what its pages show
of other articles, changed (the article's *key*), and writes a file only when its bytes changed.
Like a build, publishing removes or replaces only files it wrote (a name in the way stops it, exit
2), and files of resources that are gone are removed. Files are written to a staging folder and
moved into place at the end: a failed run leaves the site as it was.
"""

from __future__ import annotations

import base64
import calendar
import ctypes
import fcntl
import hashlib
import json
import multiprocessing
import os
import posixpath
import re
import shutil
import signal
import subprocess
import tempfile
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, fields, is_dataclass
from functools import cache, lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context, select_autoescape
from markupsafe import Markup, escape

from . import __version__
from .errors import InputError, LdExportError
from .namespaces import PREFIXES, RDF, SCHEMA
from .query import StoreData, format_csv, open_data
from .site_data import (
    ArticleView,
    ClaimRef,
    Corpus,
    Description,
    EventView,
    Passage,
    Ref,
    RelationshipView,
    SiteData,
    Triple,
    When,
    open_site_data,
    read_article,
    read_corpus,
    vocabulary,
)
from .write import article_jsonld, turtle_of_ntriples

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = TEMPLATES / "publish" / "static"
SITE_DIR = ".ld-export-site"
MANIFEST_NAME = "manifest.json"
FORMAT = 1
QUERY_ROWS = 200  # rows of a named query's answer shown on the queries page (all are in its CSV)

Progress = Callable[[str], None]

# Where the IRIs under the base resolve: (pattern of the part after the base, the page that shows
# the resource, the fragment on that page). "{1}", "{2}" are the pattern's groups. The first rule
# is the resources with a page of their own. The ids in minted IRIs have no dot, the files of the
# site all have one: a server never takes a file for an IRI.
RULES: tuple[tuple[str, str, str], ...] = (
    (r"((?:article|actor|place|graph)/[^/.]+|(?:claim|relationship|event)/[^/.]+/[^/.]+|dataset)", "{1}", ""),
    (r"(article/[^/.]+)/photo", "{1}", "photo"),
    (r"(claim/[^/.]+/[^/.]+)/hop/([0-9]+)", "{1}", "hop-{2}"),
    (r"anchor/([^/.]+)/([0-9]+-[0-9]+)(?:/[^/.]+)?", "article/{1}", "a{2}"),
    (r"dataset/(graph/[^/.]+)/.+", "{1}", ""),
    (r"(dataset)/.+", "{1}", ""),
)
_RULES = tuple((re.compile(p), page, fragment) for p, page, fragment in RULES)
_SAFE_SEGMENT = re.compile(r"[A-Za-z0-9._~-]+")

# The documents beside each page: extension → media type (the first is what a browser gets).
DOCUMENTS: dict[str, str] = {
    ".html": "text/html",
    ".ttl": "text/turtle",
    ".jsonld": "application/ld+json",
}


# --------------------------------------------------------------------------------------------
# Layout: IRI → path


@dataclass(frozen=True)
class SiteLayout:
    """Maps the IRIs minted under ``base`` to the files of the site."""

    base: str

    @property
    def folder(self) -> str:
        """The folder of the site that holds the base: the last segment of the base's path ("data")."""
        path = self.base.split("://", 1)[-1].partition("/")[2]
        return path.rstrip("/").rpartition("/")[2]

    @property
    def root(self) -> str:
        """The IRI of the site root: the base without its last segment."""
        return self.base[: len(self.base) - len(self.folder) - 1] if self.folder else self.base

    @property
    def root_path(self) -> str:
        """The path of the site root in its IRI (``/ld-export/``), where the server configs expect it."""
        return "/" + self.root.split("://", 1)[-1].partition("/")[2]

    def data_path(self, relative: str) -> str:
        return f"{self.folder}/{relative}" if self.folder else relative

    def resolve(self, iri: str) -> tuple[str, str] | None:
        """(page path without extension, fragment) of an IRI under the base, or None."""
        return _resolve(self, iri)

    def _resolve(self, iri: str) -> tuple[str, str] | None:
        if not iri.startswith(self.base):
            return None
        relative = iri[len(self.base) :]
        for pattern, page, fragment in _RULES:
            m = pattern.fullmatch(relative)
            if m:
                groups = [m.group(0), *m.groups()]
                target = page.format(*groups)
                if not all(_SAFE_SEGMENT.fullmatch(s) for s in target.split("/")):
                    return None
                return self.data_path(target), fragment.format(*groups)
        return None

    def page(self, iri: str) -> str:
        """The site path of the page of a resource that has a page of its own."""
        found = self.resolve(iri)
        if found is None or found[1]:
            raise InputError(f"the IRI <{iri}> has no page of its own in the site (it is not minted under {self.base})")
        return found[0] + ".html"


@lru_cache(maxsize=1 << 18)
def _resolve(layout: SiteLayout, iri: str) -> tuple[str, str] | None:
    return layout._resolve(iri)


class Links:
    """Relative links from one page of the site (paths below the site root, without ``..``)."""

    def __init__(self, layout: SiteLayout, page: str):
        self.layout = layout
        self.page = page
        self.dir = posixpath.dirname(page)
        self.parts = self.dir.split("/") if self.dir else []

    def to(self, path: str) -> str:
        target = path.split("/")
        common, parts = 0, self.parts
        while common < len(parts) and common < len(target) - 1 and parts[common] == target[common]:
            common += 1
        return "../" * (len(parts) - common) + "/".join(target[common:])

    def iri(self, iri: str) -> str:
        """Where a link to ``iri`` goes: its page in the site, else the IRI itself."""
        found = self.layout.resolve(iri)
        if found is None:
            return iri
        page, fragment = found
        href = self.to(page + ".html") if page + ".html" != self.page else ""
        return f"{href}#{fragment}" if fragment else (href or "#")

    def passage(self, p: Passage) -> str:
        page = self.layout.page(p.article)
        href = self.to(page) if page != self.page else ""
        return f"{href}#{p.fragment}"

    def doc(self, iri: str, ext: str) -> str:
        return self.to(self.layout.page(iri)[: -len(".html")] + ext)


# --------------------------------------------------------------------------------------------
# The article text with its marks


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
            return Markup('<mark id="{}" class="k-{}" data-iri="{}" data-kind="{}" data-for="{}">').format(
                p.fragment, m.kind, p.iri, kinds, ids
            )
        return Markup('<mark class="k-{} cont" data-continues="{}" data-for="{}">').format(m.kind, p.iri, ids)

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


# Filters for the links the pages hold by the thousand (a macro call costs several times more);
# every value goes through Markup.format, which escapes it.


@pass_context
def _ref(ctx, r: Ref | None) -> Markup:
    if not r:
        return Markup("")
    return Markup('<a href="{}" class="ref ref-{}">{}</a>').format(ctx["link"].iri(r.iri), r.kind, r.label)


@pass_context
def _refs(ctx, items: Iterable[Ref]) -> Markup:
    return Markup(", ").join(_ref(ctx, r) for r in items)


@pass_context
def _passage(ctx, p: Passage) -> Markup:
    return Markup('<a class="passage" href="{}">“{}”</a>').format(ctx["link"].passage(p), p.exact)


@pass_context
def _passages(ctx, items: Iterable[Passage]) -> Markup:
    return Markup(" · ").join(_passage(ctx, p) for p in items)


def _when(w) -> Markup:
    if not w:
        return Markup("")
    return Markup('<time datetime="{}" class="precision-{}">{}</time>').format(w.value, w.precision or "other", w.words)


@pass_context
def _claim_ref(ctx, c: ClaimRef) -> Markup:
    """A claim: its label linked, then (asserter, hedge unless asserted, in the article linked)."""
    link = ctx["link"]
    html = Markup('<a href="{}" class="ref ref-claim">{}</a>').format(link.iri(c.iri), c.label)
    if c.asserter:
        hedge = f", {c.hedge}" if c.hedge and c.hedge != "asserted" else ""
        where = (Markup(', in <a href="{}">{}</a>').format(link.iri(c.article.iri), c.article.label)
                 if c.article else "")  # fmt: skip
        html += Markup(' <span class="by">({}{}{})</span>').format(c.asserter.label, hedge, where)
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
    )
    env.globals["version"] = __version__
    env.filters.update(ref=_ref, refs=_refs, passage=_passage, passages=_passages, when=_when, claim_ref=_claim_ref)
    return env


def _template_digest() -> str:
    h = hashlib.sha256(f"ld-export {__version__} publish {FORMAT}\n".encode())
    for path in sorted(p for p in (TEMPLATES / "publish").rglob("*") if p.is_file()):
        h.update(str(path.relative_to(TEMPLATES)).encode())
        h.update(hashlib.sha256(path.read_bytes()).digest())
    for path in sorted((Path(__file__).parent / "site_queries").glob("*.rq")):
        h.update(hashlib.sha256(path.read_bytes()).digest())
    for module in ("publish.py", "site_data.py"):
        h.update(hashlib.sha256((Path(__file__).parent / module).read_bytes()).digest())
    return h.hexdigest()


# --------------------------------------------------------------------------------------------
# Writing the site, all or nothing, reusing what did not change


@dataclass
class PublishResult:
    site: Path
    pages: int = 0
    files: int = 0
    written: int = 0  # files whose bytes changed (or were new)
    reused_articles: int = 0
    articles: int = 0
    removed: int = 0
    bytes: int = 0
    svg: bool = True
    counts: dict[str, int] = field(default_factory=dict)


class SiteWriter:
    """Files for the site, staged in a hidden folder inside it and moved into place by :meth:`commit`.

    Worker processes write into the same staging folder through a :meth:`part` of the writer and
    hand back what they wrote (:meth:`merge`)."""

    PREFIX = ".ld-export-staging."

    def __init__(self, site: Path, staging: Path | None = None, old: dict | None = None):
        self.site = site
        self._lock = None
        if staging is None:
            try:
                (site / SITE_DIR).mkdir(parents=True, exist_ok=True)
                self._lock = open(site / SITE_DIR / "lock", "w")  # noqa: SIM115 - held until commit or discard
            except OSError as e:
                raise InputError(f"cannot write the site folder: {e.strerror or e}", site) from None
            try:
                fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                self._lock.close()
                raise InputError("another publish is writing into this folder; wait for it to finish", site) from None
            try:
                for stale in site.glob(self.PREFIX + "*"):  # left by a publish that was killed
                    shutil.rmtree(stale, ignore_errors=True)
                staging = Path(tempfile.mkdtemp(prefix=self.PREFIX, dir=site))
            except OSError as e:
                self._lock.close()
                raise InputError(f"cannot write the site folder: {e.strerror or e}", site) from None
        self.staging = staging
        self.old = old if old is not None else _load_manifest(site)
        self.files: dict[str, list] = {}  # path → [sha256, size, mtime_ns] (filled in on commit)
        self.staged: list[str] = []
        self.keys: dict[str, list] = {}
        self.base = ""

    def part(self) -> SiteWriter:
        """A writer into the same staging folder, for one worker's share of the pages."""
        return SiteWriter(self.site, self.staging, self.old)

    def merge(self, files: dict[str, list], staged: list[str], keys: dict[str, list]) -> None:
        for path in files:
            if path in self.files:
                raise LdExportError(f"the site would write {path} twice")
        self.files.update(files)
        self.staged.extend(staged)
        self.keys.update(keys)

    def unchanged(self, path: str, digest: str) -> bool:
        old = self.old["files"].get(path)
        return bool(old and old[0] == digest and _stat(self.site / path) == old[1:])

    def put(self, path: str, data: bytes) -> None:
        digest = hashlib.sha256(data).hexdigest()
        if path in self.files:
            raise LdExportError(f"the site would write {path} twice")
        self.files[path] = [digest]
        if self.unchanged(path, digest):
            return
        target = self.staging / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        self.staged.append(path)

    def keep(self, paths: Iterable[str]) -> None:
        """Keep files of the previous site as they are (a reused article's pages)."""
        for path in paths:
            self.files[path] = [self.old["files"][path][0]]

    def intact(self, paths: Iterable[str]) -> bool:
        return all(path in self.old["files"] and _stat(self.site / path) == self.old["files"][path][1:]
                   for path in paths)  # fmt: skip

    def commit(self) -> int:
        """Move every staged file into place, remove the files of the previous site that this one
        does not have, and record what is there. Returns how many files were removed.

        Before anything moves, the manifest lists every file the site will hold (as not to be
        reused): a publish killed while moving leaves no file that the next one does not own."""
        owned = set(self.old["files"])
        for path in self.staged:
            target = self.site / path
            if path not in owned and (target.exists() or target.is_symlink()):
                self.discard()
                raise InputError(
                    "is in the way: the site would write a file there that an earlier publish did not write; "
                    "move it away, or publish into another folder (-o)",
                    target,
                )
        gone = sorted(owned - set(self.files))
        journal = {**self.old["files"], **{path: ["", 0, 0] for path in self.staged}}
        try:
            _save_manifest(self.site, {"files": journal, "keys": {}, "base": self.base})
            os.sync()
            for path in self.staged:
                target = self.site / path
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(self.staging / path, target)
            for path in gone:
                (self.site / path).unlink(missing_ok=True)
                _prune(self.site, posixpath.dirname(path))
        except OSError as e:
            raise InputError(f"cannot write the site folder: {e.strerror or e}", self.site) from None
        finally:
            self.discard()
        for path, record in self.files.items():
            record[1:] = _stat(self.site / path) or [0, 0]
        _save_manifest(self.site, {"files": self.files, "keys": self.keys, "base": self.base})
        return len(gone)

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def __getstate__(self):  # a worker's copy holds no lock
        return {**self.__dict__, "_lock": None}


def _stat(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def _prune(site: Path, folder: str) -> None:
    """Remove folders left empty by removed files, up to the site root."""
    while folder:
        try:
            (site / folder).rmdir()
        except OSError:
            return
        folder = posixpath.dirname(folder)


def _load_manifest(site: Path) -> dict:
    try:
        data = json.loads((site / SITE_DIR / MANIFEST_NAME).read_text(encoding="utf-8"))
        if data.get("format") == FORMAT and isinstance(data.get("files"), dict):
            files = {p: r for p, r in data["files"].items()
                     if isinstance(p, str) and _safe_path(p) and isinstance(r, list) and len(r) == 3}  # fmt: skip
            return {"files": files, "keys": data.get("keys") if isinstance(data.get("keys"), dict) else {},
                    "digest": data.get("digest")}  # fmt: skip
    except (OSError, ValueError, AttributeError):
        pass
    return {"files": {}, "keys": {}, "digest": None}


def _save_manifest(site: Path, manifest: dict) -> None:
    folder = site / SITE_DIR
    folder.mkdir(exist_ok=True)
    tmp = folder / f".{MANIFEST_NAME}.{os.getpid()}.tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump({"format": FORMAT, "digest": _template_digest(), **manifest}, f, sort_keys=True)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, folder / MANIFEST_NAME)


def _safe_path(path: str) -> bool:
    parts = path.split("/")
    return all(p and p not in (".", "..") and "\\" not in p and "\0" not in p for p in parts)


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
        self.digest = _template_digest()
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
            paths += self.resource("event.html", event.iri, owner[page(event.iri)[:-5]], event=event, view=view,
                                   title=event.label)  # fmt: skip
        for rel in view.relationships:
            paths += self.resource("relationship.html", rel.iri, owner[page(rel.iri)[:-5]], rel=rel, view=view,
                                   title=rel.label)  # fmt: skip
        return paths


# --------------------------------------------------------------------------------------------
# One article, in a worker process: its pages, and what the pages across articles need of it


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
    )  # fmt: skip


@dataclass
class _Outcome:
    iri: str
    summary: ArticleSummary
    files: dict[str, list]
    staged: list[str]
    keys: dict[str, list]
    pages: int
    reused: bool


class _Worker:
    """Publishes articles one at a time (in the main process, or in each worker process).

    An article whose key is what the previous publish recorded, and whose files are as it left
    them, is not read again: its pages are kept and its summary comes from the manifest."""

    def __init__(self, build: Path, base: str, articles: list, corpus: Corpus, writer: SiteWriter, same_tool: bool):
        self.data = SiteData(build, open_data([build]), base, articles)
        self.corpus = corpus
        self.writer = writer
        self.same_tool = same_tool
        self.digest = _template_digest()

    def article(self, article: tuple[str, str, str]) -> _Outcome:
        iri, graph, _slug = article
        part = self.writer.part()
        graph_digest = self.data.graph_digest(graph)
        old = self.writer.old["keys"].get(iri)
        if self.same_tool and isinstance(old, list) and len(old) == 4:
            key, paths, depends, summary = old
            fresh = _article_key(self.digest, graph_digest, _outside(self.corpus, depends))
            if fresh == key and paths and part.intact(paths):
                try:
                    summary = decode(summary)
                except (KeyError, TypeError, ValueError, zlib.error):
                    summary = None
                if isinstance(summary, ArticleSummary):
                    part.keep(paths)
                    return _Outcome(iri, summary, part.files, part.staged, {iri: old}, 0, True)
        site = Site(self.data, self.corpus, part)
        view = read_article(self.data, self.corpus, article)
        depends = _depends(view)
        key = _article_key(self.digest, graph_digest, _outside(self.corpus, depends))
        paths = sorted(site.article_pages(view))
        summary = summarize(view, self.corpus)
        return _Outcome(iri, summary, part.files, part.staged, {iri: [key, paths, depends, encode(summary)]},
                        site.pages, False)  # fmt: skip


_WORKER: _Worker | None = None


def _start_worker(*args) -> None:
    global _WORKER
    _die_with_parent()
    _WORKER = _Worker(*args)


def _die_with_parent() -> None:
    """Linux: a worker gets SIGTERM when the publishing process dies, however it dies."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before the signal was asked for
        os._exit(1)


def _publish_article(article: tuple[str, str, str]) -> _Outcome:
    assert _WORKER is not None
    return _WORKER.article(article)


def _article_key(digest: str, graph_digest: str, outside: str) -> str:
    """What an article's pages depend on: the templates and ld-export, its graph, and what they
    show of other articles."""
    return hashlib.sha256(f"{digest}\n{graph_digest}\n{outside}".encode()).hexdigest()


def _depends(view: ArticleView) -> dict[str, list[str]]:
    """What an article's pages show of the corpus: the claims they name (with their asserter,
    hedge and article), the stances towards its claims, the kinds of its actors."""
    claims = {st.claim.iri for c in view.claims for st in c.stances}
    claims |= {c.iri for r in view.relationships for c in r.claims} | {c.iri for e in view.events for c in e.claims}
    return {"claims": sorted(claims), "stanced": sorted(c.iri for c in view.claims),
            "actors": sorted(r.iri for r in view.actors)}  # fmt: skip


def _outside(corpus: Corpus, depends: dict) -> str:
    """The digest of what :func:`_depends` names, as the corpus has it now."""
    shown = (
        [corpus.claims.get(i) for i in depends.get("claims", ())],
        [corpus.incoming.get(i) for i in depends.get("stanced", ())],
        [corpus.actors.get(i) for i in depends.get("actors", ())],
    )
    return hashlib.sha256(repr(shown).encode()).hexdigest()


# Summaries kept in the manifest: the records as JSON, each dataclass with its name.
_RECORDS = {cls.__name__: cls for cls in (Ref, When, Passage, ClaimRef, RelationshipView, EventView)}


def _plain(value):
    if is_dataclass(value):
        return {"~": type(value).__name__, **{f.name: _plain(getattr(value, f.name)) for f in fields(value)}}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def _records(data):
    if isinstance(data, dict):
        cls = ArticleSummary if data["~"] == "ArticleSummary" else _RECORDS[data["~"]]
        return cls(**{k: _records(v) for k, v in data.items() if k != "~"})
    if isinstance(data, list):
        return tuple(_records(v) for v in data)
    return data


def encode(summary: ArticleSummary) -> str:
    """A summary (frozen dataclasses, tuples, strings, numbers) as compressed JSON, in base64 text."""
    text = json.dumps(_plain(summary), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return base64.b64encode(zlib.compress(text.encode("utf-8"), 6)).decode("ascii")


def decode(data: str) -> ArticleSummary:
    """The inverse of :func:`encode` (lists come back as tuples)."""
    return _records(json.loads(zlib.decompress(base64.b64decode(data))))


# --------------------------------------------------------------------------------------------
# Aggregation across articles: actors, places, the timeline


@dataclass
class Aggregate:
    relationships: dict[str, list[RelationshipView]] = field(default_factory=lambda: defaultdict(list))
    said: dict[str, list[ClaimRef]] = field(default_factory=lambda: defaultdict(list))
    about: dict[str, list[ClaimRef]] = field(default_factory=lambda: defaultdict(list))
    events: dict[str, list[tuple[str, EventView]]] = field(default_factory=lambda: defaultdict(list))
    mentions: dict[str, list[tuple[Ref, int]]] = field(default_factory=lambda: defaultdict(list))
    timeline: list[EventView] = field(default_factory=list)
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
            self.timeline.append(event)
            for role, r in event.roles:
                self.events[r.iri].append((role, event))
            for r in event.places:
                self.events[r.iri].append(("place", event))
        article = Ref(summary.iri, summary.headline, "article")
        for iri, n in summary.mentions:
            self.mentions[iri].append((article, n))
        self.counts["anchors"] += summary.anchors
        self.counts["claims"] += len(summary.claims)
        self.counts["events"] += len(summary.events)
        self.counts["relationships"] += len(summary.relationships)


def publish(
    build_dir: str | Path = "dist",
    out_dir: str | Path = "site",
    base_iri: str | None = None,
    progress: Progress | None = None,
    reuse: bool = True,
    jobs: int | None = 1,
) -> PublishResult:
    """Write the site of the build in ``build_dir`` into ``out_dir`` (see the module's docstring).

    ``jobs`` worker processes publish the articles (``None``: one per core). Raises
    :class:`~linkeddata.errors.InputError` for a folder that is not a build, a base IRI that is not
    the build's, or a name in the way; the site is then left as it was.
    """
    say = progress or (lambda _msg: None)
    build, out = Path(build_dir), Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError("the output path exists and is not a folder", out)
    if out.resolve() == build.resolve():
        raise InputError("publish into a folder of its own, not into the build folder (-o SITE)", out)
    data = open_site_data(build, base_iri)
    if data.base.endswith("#"):
        raise InputError(f"the build's base IRI {data.base} ends with '#'; a site needs a base that ends with '/'")
    say(f"reading {len(data.articles)} article(s)")
    corpus = read_corpus(data)
    writer = SiteWriter(out)
    writer.base = data.base
    if not reuse:
        writer.old = {"files": writer.old["files"], "keys": {}, "digest": None}
    try:
        result = _publish(build, data, corpus, writer, say, jobs)
        result.written = len(writer.staged)
        result.removed = writer.commit()
    except BaseException:
        writer.discard()
        raise
    result.files = len(writer.files)
    result.bytes = sum(record[1] for record in writer.files.values())
    return result


def _publish(build: Path, data: SiteData, corpus: Corpus, writer: SiteWriter, say: Progress,
             jobs: int | None) -> PublishResult:  # fmt: skip
    result = PublishResult(writer.site)
    aggregate = Aggregate()
    same_tool = writer.old.get("digest") == _template_digest()
    total = len(data.articles)
    jobs = max(1, min(jobs or os.cpu_count() or 1, total))
    if not isinstance(data.data, StoreData):
        jobs = 1  # without the build's store each process would read the whole dataset again
    args = (build, data.base, data.articles, corpus, writer, same_tool)
    if jobs == 1:
        worker = _Worker(*args)
        outcomes = map(worker.article, data.articles)
        pool = None
    else:
        say(f"publishing {total} articles in {jobs} processes")
        pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"), initializer=_start_worker,
                                   initargs=args)  # fmt: skip
        outcomes = pool.map(_publish_article, data.articles, chunksize=max(1, min(16, total // (jobs * 8))))
    pages = 0
    try:
        for i, outcome in enumerate(outcomes, start=1):
            writer.merge(outcome.files, outcome.staged, outcome.keys)
            aggregate.add(outcome.summary)
            pages += outcome.pages
            result.reused_articles += outcome.reused
            if i % 100 == 0 or (i == total and total >= 100):
                say(f"[{i}/{total}] articles published")
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    result.articles = total
    say("writing the actors, places and corpus pages")
    site = Site(data, corpus, writer)
    result.svg = _shared_pages(site, aggregate)
    _description_pages(site)
    _corpus_pages(site, aggregate)
    _static_files(site)
    result.pages = pages + site.pages
    result.counts = dict(aggregate.counts)
    return result


def _relationship_graph(layout: SiteLayout, actor: Ref, rels: list[RelationshipView], page: str) -> str:
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


def _shared_pages(site: Site, agg: Aggregate) -> bool:
    """The pages of actors and places. Those whose content did not change since the previous
    publish are kept; Graphviz draws the graphs of the others, in one process."""
    layout, corpus = site.layout, site.corpus
    actors = sorted(corpus.actors.values(), key=lambda r: (r.label.lower(), r.iri))
    members: dict[str, list[tuple[str, Ref]]] = defaultdict(list)
    for a in actors:
        for _line, (_s, p, o) in site.data.subject_triples(a.iri):
            if p in (SCHEMA.memberOf, SCHEMA.parentOrganization) and str(o) in corpus.actors:
                members[str(o)].append(("member" if p == SCHEMA.memberOf else "part", a))
    todo = []  # the actors whose pages change; their descriptions are read again when they are written
    for a in actors:
        pairs = site.data.subject_triples(a.iri)
        context = dict(
            actor=a, facts=_facts(pairs, corpus), title=a.label,
            relationships=sorted(agg.relationships.get(a.iri, ()), key=_rel_order),
            said=_claims_sorted(agg.said.get(a.iri, ())), about=_claims_sorted(agg.about.get(a.iri, ())),
            events=sorted(agg.events.get(a.iri, ()), key=lambda re_: _event_order(re_[1])),
            mentions=sorted(agg.mentions.get(a.iri, ()), key=lambda m: (m[0].label, m[0].iri)),
            members=sorted(members.get(a.iri, ()), key=lambda m: (m[0], m[1].label, m[1].iri)),
        )  # fmt: skip
        shown = ([line for line, _t in pairs], sorted(context.items()), shutil.which("dot") is not None)
        key = site.fresh_key(f"actor {a.iri}", shown)
        if key is not None:
            todo.append((a, context, key))
    graphs = [(a, c) for a, c, _k in todo if c["relationships"]]
    svgs = render_svgs([_relationship_graph(layout, a, c["relationships"], layout.page(a.iri)) for a, c in graphs])
    drawn = {a.iri: svg for (a, _c), svg in zip(graphs, svgs, strict=True)} if svgs is not None else {}
    for a, context, key in todo:
        svg = Markup(drawn[a.iri]) if a.iri in drawn else None
        pairs = site.data.subject_triples(a.iri)
        paths = site.resource("actor.html", a.iri, pairs, svg=svg, graphviz=svgs is not None, **context)
        site.writer.keys[f"actor {a.iri}"] = [key, sorted(paths)]
    for p in sorted(corpus.places.values(), key=lambda r: (r.label.lower(), r.iri)):
        pairs = site.data.subject_triples(p.iri)
        context = dict(
            place=p, facts=_facts(pairs, corpus), title=p.label,
            events=sorted(agg.events.get(p.iri, ()), key=lambda re_: _event_order(re_[1])),
            about=_claims_sorted(agg.about.get(p.iri, ())),
            mentions=sorted(agg.mentions.get(p.iri, ()), key=lambda m: (m[0].label, m[0].iri)),
        )  # fmt: skip
        shown = ([line for line, _t in pairs], sorted(context.items()))
        site.keyed(
            f"place {p.iri}",
            shown,
            lambda p=p, pairs=pairs, context=context: site.resource("place.html", p.iri, pairs, **context),
        )
    return svgs is not None


def _facts(pairs: list, corpus: Corpus) -> dict[str, list]:
    """Aliases, description, same-as links and parents of an actor or place, from its description."""
    from .namespaces import OWL, SKOS

    names = {SKOS.altLabel: "aliases", SCHEMA.description: "description", OWL.sameAs: "same",
             SCHEMA.memberOf: "member_of", SCHEMA.parentOrganization: "part_of",
             SCHEMA.containedInPlace: "within"}  # fmt: skip
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


def _corpus_pages(site: Site, agg: Aggregate) -> None:
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
    site.keyed(
        "timeline", events, lambda: site.render("timeline.html", "timeline.html", axis=_axis(events), **timeline)
    )
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


def _description_pages(site: Site) -> None:
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

    def page(template: str, iri: str, pairs: list, **context) -> list[str]:
        rows, partitions = description_rows(t for _l, t in pairs)
        return site.resource(template, iri, pairs, rows=rows, partitions=partitions, **context)

    for _iri, graph, slug in site.data.articles:
        pairs = owners.pop(graph, [])
        shown = ([line for line, _t in pairs], articles.get(slug))
        site.keyed(f"graph {graph}", shown, lambda graph=graph, slug=slug, pairs=pairs: page(
            "graph.html", graph, pairs, title=f"Named graph {slug}", article=articles.get(slug)))  # fmt: skip
    dataset = base + "dataset"
    pairs = owners.pop(dataset, [])
    graphs = [(graph, articles.get(slug)) for _i, graph, slug in site.data.articles]
    site.keyed("dataset", ([line for line, _t in pairs], graphs),
               lambda: page("dataset.html", dataset, pairs, title="The dataset", graphs=graphs))  # fmt: skip


def _axis(events: list[EventView]) -> dict:
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


def _static_files(site: Site) -> None:
    for path in sorted(STATIC.rglob("*")):
        if path.is_file():
            site.writer.put("static/" + path.relative_to(STATIC).as_posix(), path.read_bytes())
    site.writer.put(".htaccess", htaccess(site.layout).encode("utf-8"))
    for name, text in nginx(site.layout).items():
        site.writer.put(name, text.encode("utf-8"))


# --------------------------------------------------------------------------------------------
# Server configurations


def _groups(template: str, sigil: str = "$") -> str:
    """A rule's target with its "{1}" groups as a server spells them ("$1")."""
    return re.sub(r"\{(\d)\}", sigil + r"\1", template)


def htaccess(layout: SiteLayout) -> str:
    """Apache (mod_rewrite, in ``.htaccess`` at the site root): the IRI of a resource answers 303 See
    Other to its Turtle, JSON-LD or HTML document, by the Accept header."""
    lines = [
        "# ld-export publish: content negotiation for the IRIs of this site (Apache 2.4, mod_rewrite).",
        f"# Put the site at {layout.root} (this file at its root); AllowOverride FileInfo must allow it.",
        "# The IRI of a thing answers 303 See Other to a document about it (Cool URIs for the Semantic Web):",
        "# HTML when the Accept header names text/html, else Turtle when it names text/turtle, else JSON-LD",
        "# when it names application/ld+json, else HTML. (mod_rewrite matches the header's text; q-values",
        "# are not weighed.)",
        "Options -MultiViews",
        "AddType text/turtle .ttl",
        "AddType application/ld+json .jsonld",
        "AddType text/csv .csv",
        "AddCharset utf-8 .html .ttl .jsonld .csv .css .js",
        "<IfModule mod_headers.c>",
        '  Header always append Vary Accept "expr=%{REQUEST_STATUS} == 303"',
        "</IfModule>",
        "RewriteEngine On",
        f"# The path at which the site root is served ({layout.root}); change it if it is served elsewhere.",
        f"RewriteBase {layout.root_path}",
    ]
    folder = layout.folder + "/" if layout.folder else ""
    for ext, condition in ((".ttl", "text/turtle"), (".jsonld", r"application/ld\+json"), (".html", None)):
        for pattern, page, fragment in RULES:
            frag = "#" + _groups(fragment) if fragment and ext == ".html" else ""
            if condition:
                lines.append("RewriteCond %{HTTP_ACCEPT} !text/html")
                lines.append(f"RewriteCond %{{HTTP_ACCEPT}} {condition}")
            lines.append(f"RewriteRule ^{folder}{pattern}$ {folder}{_groups(page)}{ext}{frag} [R=303,NE,L]")
    return "\n".join(lines) + "\n"


NGINX_HTTP, NGINX_SERVER = "nginx-http.conf", "nginx-server.conf"


def nginx(layout: SiteLayout) -> dict[str, str]:
    """nginx configuration with the same rules as :func:`htaccess`: a file to include in the
    ``http`` block (the choice of document by the Accept header) and one to include in the
    ``server`` block that serves the site (media types, and the 303 of each IRI)."""
    prefix = layout.root_path + (layout.folder + "/" if layout.folder else "")
    head = [
        "# ld-export publish: content negotiation for the IRIs of this site (nginx).",
        "# The IRI of a thing answers 303 See Other to a document about it (Cool URIs for the Semantic Web):",
        "# HTML when the Accept header names text/html, else Turtle when it names text/turtle, else JSON-LD",
        "# when it names application/ld+json, else HTML. (The header's q-values are not weighed.)",
    ]
    http = [
        *head,
        f"# Include this file in the http {{ }} block, and {NGINX_SERVER} in the server {{ }} block.",
        "map $http_accept $ld_export_ext {",
        '    default                     ".html";',
        '    "~*text/html"               ".html";',
        '    "~*text/turtle"             ".ttl";',
        '    "~*application/ld\\+json"   ".jsonld";',
        "}",
        "map $ld_export_ext $ld_export_page {",
        "    default 0;",
        '    ".html" 1;',
        "}",
    ]
    server = [
        *head,
        f"# Include this file in the server {{ }} block that serves the site at {layout.root}",
        f"# (its folder as {layout.root_path}), and {NGINX_HTTP} in the http {{ }} block.",
        "types {",
        "    text/html              html;",
        "    text/turtle            ttl;",
        "    application/ld+json    jsonld;",
        "    text/csv               csv;",
        "    text/css               css;",
        "    text/javascript        js;",
        "    image/svg+xml          svg;",
        "}",
        "default_type application/octet-stream;",
        "charset utf-8;",
        "charset_types text/turtle application/ld+json text/csv text/css text/javascript;",
    ]
    for pattern, page, fragment in RULES:
        # Named groups: the regex of the map in nginx-http.conf would reset $1, $2 … before the return.
        pieces = re.split(r"(?<!\\)\((?!\?)", pattern)
        named = pieces[0] + "".join(f"(?<ld{i}>{piece}" for i, piece in enumerate(pieces[1:], start=1))
        target, frag = prefix + _groups(page, "$ld"), _groups(fragment, "$ld")
        server.append(f'location ~ "^{re.escape(prefix)}{named}$" {{')
        server.append("    add_header Vary Accept always;")
        if frag:
            server.append(f'    if ($ld_export_page) {{ return 303 "{target}.html#{frag}"; }}')
        server.append(f'    return 303 "{target}$ld_export_ext";')
        server.append("}")
    return {NGINX_HTTP: "\n".join(http) + "\n", NGINX_SERVER: "\n".join(server) + "\n"}
