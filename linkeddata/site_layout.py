"""Where the IRIs of a build resolve in its site, and the server rules that make them dereference.

:data:`RULES` is the one table of where each IRI minted under the base resolves: the page that
shows it (the path of its IRI, with ``.html``) and the fragment on that page. From it come
:class:`SiteLayout` (IRI → file of the site), :class:`Links` (relative links between pages), the
Apache ``.htaccess`` and the nginx configuration (:func:`htaccess`, :func:`nginx`) and the rules
of ``ld-export serve --site`` (:mod:`linkeddata.site_server`). A rule's target is always a path
of safe segments (no ``..``): an IRI that would leave the site resolves to nothing.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache

from .errors import InputError
from .site_records import Passage

# Where the IRIs under the base resolve: (pattern of the part after the base, the page that shows
# the resource, the fragment on that page). "{1}", "{2}" are the pattern's groups. The first rule
# is the resources with a page of their own. The ids in minted IRIs have no dot, the files of the
# site all have one: a server never takes a file for an IRI.
RULES: tuple[tuple[str, str, str], ...] = (
    (r"((?:article|actor|place|graph|event)/[^/.]+|(?:claim|relationship|event)/[^/.]+/[^/.]+|dataset)", "{1}", ""),
    (r"(article/[^/.]+)/photo", "{1}", "photo"),
    (r"(claim/[^/.]+/[^/.]+)/hop/([0-9]+)", "{1}", "hop-{2}"),
    (r"(claim/[^/.]+/[^/.]+)/first-appearance", "{1}", "first-appearance"),
    (r"((?:relationship|event)/[^/.]+(?:/[^/.]+)?)/according-to/([^/.]+)/([^/.]+)", "{1}", "f-{2}-{3}"),
    (r"anchor/([^/.]+)/([0-9]+-[0-9]+)(?:/[^/.]+)*", "article/{1}", "a{2}"),
    (r"annotation/([^/.]+)", "article/{1}", "annotation"),
    (r"review/([^/.]+)/([^/.]+)(?:/rating)?", "article/{1}", "review-{2}"),
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
