"""Serve a site written by ``ld-export publish`` on the local machine, with content negotiation.

``ld-export serve --site SITE`` uses :func:`serve_site`. It serves the site's files (read-only:
GET and HEAD only) and makes the IRIs of the build dereference the way the site's ``.htaccess``
and ``nginx.conf`` do on a public server (Cool URIs for the Semantic Web): a request for the
path of a resource's IRI (``/data/actor/bashar-al-assad``, no extension) answers *303 See Other*
to the document about it in the media type the ``Accept`` header prefers, weighing q-values:
``text/turtle`` (``.ttl``), ``application/ld+json`` (``.jsonld``) or HTML, which is also what a
browser or a client without ``Accept`` gets; an IRI that resolves on the page of another resource
(an anchor, a hop, the photo) is sent to that page and the fragment where it is shown. No
acceptable type is *406 Not Acceptable*. The server binds to 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import json
import mimetypes
import posixpath
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .errors import InputError
from .site_layout import DOCUMENTS, SiteLayout
from .site_writer import MANIFEST_NAME, SITE_DIR

# Media types of the site's files (the rest from the extension, else application/octet-stream).
MEDIA_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".ttl": "text/turtle; charset=utf-8",
    ".jsonld": "application/ld+json",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".svg": "image/svg+xml",
    ".conf": "text/plain; charset=utf-8",
    ".nq": "application/n-quads",
    ".trig": "application/trig",
    ".nt": "application/n-triples",
}
# What each document extension answers to in an Accept header, besides its own media type.
ALSO_ACCEPTED = {".html": ("application/xhtml+xml",)}


def site_layout(site: Path) -> SiteLayout:
    """The layout of a published site, from the base IRI it recorded."""
    try:
        manifest = json.loads((site / SITE_DIR / MANIFEST_NAME).read_text(encoding="utf-8"))
        return SiteLayout(manifest["base"])
    except (OSError, ValueError, KeyError, TypeError):
        raise InputError("not a site written by `ld-export publish` (no .ld-export-site/manifest.json)", site) from None


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """(media range, q) of an Accept header; a missing header accepts anything."""
    if not header or not header.strip():
        return [("*/*", 1.0)]
    ranges = []
    for item in header.split(","):
        parts = [p.strip() for p in item.split(";")]
        if not parts[0]:
            continue
        q = 1.0
        for param in parts[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append((parts[0].lower(), q))
    return ranges


def negotiate(header: str | None) -> str | None:
    """The document extension (.html, .ttl, .jsonld) the Accept header prefers, or None if it
    accepts none of them. The most specific matching range sets a type's q; ties go to HTML,
    then Turtle, then JSON-LD."""
    ranges = parse_accept(header)
    best, best_q = None, 0.0
    for ext, media in DOCUMENTS.items():
        exact = (media, *ALSO_ACCEPTED.get(ext, ()))
        major = media.split("/")[0]
        q, specificity = 0.0, -1
        for rng, rq in ranges:
            level = 2 if rng in exact else 1 if rng == f"{major}/*" else 0 if rng == "*/*" else -1
            if level > specificity or (level == specificity and rq > q):
                if level >= 0:
                    specificity, q = level, rq
        if q > best_q:
            best, best_q = ext, q
    return best


class _Handler(BaseHTTPRequestHandler):
    site: Path
    layout: SiteLayout
    server_version = "ld-export-site"

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format, *args):  # noqa: A002 - quiet: the command prints its own lines
        pass

    def do_GET(self):  # noqa: N802 - the name http.server calls
        self._answer(body=True)

    def do_HEAD(self):  # noqa: N802
        self._answer(body=False)

    def _refuse(self):
        self._send(HTTPStatus.METHOD_NOT_ALLOWED, b"This site is read-only: GET and HEAD only.\n",
                   "text/plain; charset=utf-8", extra={"Allow": "GET, HEAD"})  # fmt: skip

    do_POST = do_PUT = do_DELETE = do_PATCH = _refuse  # noqa: N815

    def _send(self, status, data: bytes, media: str, body: bool = True, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _answer(self, body: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        clean = posixpath.normpath(path)
        parts = [p for p in clean.split("/") if p]
        if ".." in parts or any(p.startswith(".") for p in parts) or "\0" in path or "\\" in path:
            return self._not_found(body)
        relative = "/".join(parts)
        target = self.site.joinpath(*parts) if parts else self.site
        if target.is_dir():
            if not path.endswith("/"):
                return self._redirect(HTTPStatus.MOVED_PERMANENTLY, path + "/", body, vary=False)
            target = target / "index.html"
            relative = posixpath.join(relative, "index.html") if relative else "index.html"
        if target.is_file():
            return self._file(target, body)
        found = (
            self.layout.resolve(self.layout.base + relative[len(self.layout.folder) + 1 :])
            if (relative.startswith(self.layout.folder + "/") or not self.layout.folder)
            else None
        )
        if found is None and relative == self.layout.folder:
            found = ("index", "")
        if found is None or not (self.site / (found[0] + ".html")).is_file():
            return self._not_found(body)
        page, fragment = found
        ext = negotiate(self.headers.get("Accept"))
        if ext is None:
            offered = ", ".join(DOCUMENTS.values())
            return self._send(HTTPStatus.NOT_ACCEPTABLE, f"Not acceptable; this resource is described as {offered}.\n"
                              .encode(), "text/plain; charset=utf-8", body, {"Vary": "Accept"})  # fmt: skip
        location = "/" + page + ext + (f"#{fragment}" if fragment and ext == ".html" else "")
        if not (self.site / (page + ext)).is_file():
            location = "/" + page + ".html" + (f"#{fragment}" if fragment else "")
        self._redirect(HTTPStatus.SEE_OTHER, location, body)

    def _redirect(self, status, location: str, body: bool, vary: bool = True) -> None:
        extra = {"Location": location}
        if vary:
            extra["Vary"] = "Accept"
        self._send(status, f"See {location}\n".encode(), "text/plain; charset=utf-8", body, extra)

    def _not_found(self, body: bool) -> None:
        page = self.site / "404.html"
        data = page.read_bytes() if page.is_file() else b"Not found.\n"
        self._send(HTTPStatus.NOT_FOUND, data, MEDIA_TYPES[".html"] if page.is_file() else "text/plain", body)

    def _file(self, target: Path, body: bool) -> None:
        media = MEDIA_TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        try:
            data = target.read_bytes()
        except OSError:
            return self._not_found(body)
        self._send(HTTPStatus.OK, data, media, body)


def make_server(site: str | Path, port: int = 7878, host: str = "127.0.0.1") -> ThreadingHTTPServer:
    """A server for ``site`` bound to ``host:port`` (port 0: any free port), not yet serving."""
    folder = Path(site)
    if not folder.is_dir():
        raise InputError("no such site folder (run `ld-export publish -o SITE` first)", folder)
    layout = site_layout(folder)
    handler = type("SiteHandler", (_Handler,), {"site": folder.resolve(), "layout": layout})
    try:
        server = ThreadingHTTPServer((host, port), handler)
    except OSError as e:
        why = e.strerror or e
        raise InputError(f"cannot listen on {host}:{port}: {why}; choose another port with --port") from None
    server.daemon_threads = True
    return server


def serve_site(
    site: str | Path, port: int = 7878, host: str = "127.0.0.1", on_ready: Callable[[str], None] | None = None
) -> int:
    """Serve ``site`` until the caller's signal handling raises (Ctrl-C's KeyboardInterrupt, or
    what the command line raises for SIGTERM and SIGHUP), which propagates once the socket is
    closed."""
    server = make_server(site, port, host)
    try:
        if on_ready:
            on_ready(f"http://{host}:{server.server_address[1]}/")
        server.serve_forever()
    finally:
        server.server_close()
    return 0
