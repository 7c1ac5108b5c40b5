"""A local SPARQL endpoint for a build: Oxigraph's server with the build loaded, behind a guard.

The ``oxigraph`` command comes from the ``oxigraph`` package on the package index
(``pip install 'ld-export[serve]'``). What it serves is a snapshot, taken at start-up:

- a build folder with an up-to-date embedded store (``OUT/store``, see :mod:`linkeddata.store`)
  is served from a checkpoint of that store (hard links beside it: instant, and no copy of the
  data), whose default graph is the union of the article graphs, each triple once;
- otherwise the build's dataset file is loaded into a temporary store, served with
  ``--union-default-graph`` (a triple that several articles hold appears once per article).

A later build into the folder does not change what a running server answers (and cannot
disturb it: Oxigraph's read-only mode must not share a store with a writer); start the server
again to serve the new build. The snapshot is removed when the server stops.

Oxigraph listens on a private loopback port; clients talk to a small proxy in this process,
which is the one place where the rules are kept:

- **read-only** unless ``writable``: SPARQL updates and Graph Store writes are refused (403), and
  Oxigraph itself runs read-only;
- **no writes from web pages of other origins**, whatever ``writable`` says: a browser lets any
  page send a form to a local port, so a write that carries an ``Origin`` other than the server's
  own, a ``Sec-Fetch-Site`` other than same-origin, or comes through a host name other than an IP
  address or ``localhost`` (DNS rebinding) is refused;
- **CORS for reads only**: reads (GET, HEAD, POST of a query) answer any origin; a preflight for
  anything else is refused.

Oxigraph dies with this process however it ends (:mod:`linkeddata.children`); SIGTERM and SIGHUP
stop it like Ctrl-C does.
"""

from __future__ import annotations

import contextlib
import fcntl
import http.client
import ipaddress
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from . import processes
from .errors import InputError, LdExportError
from .layout import BuildLayout
from .store import current as current_store

Progress = Callable[[str], None]

READ_METHODS = ("GET", "HEAD")
QUERY_PATH = "/query"
SNAPSHOT_PREFIX = "serve."
_HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
               "transfer-encoding", "upgrade", "host"}  # fmt: skip
_NOT_FORWARDED = _HOP_BY_HOP | {"server", "date"}  # the proxy sends its own
_CHUNK = 1 << 16


def find_oxigraph() -> str:
    """The ``oxigraph`` executable: on PATH, or beside this Python (a virtual environment's bin/)."""
    found = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    if not found:
        raise LdExportError(
            "the oxigraph server is not installed; install it with: pip install 'ld-export[serve]' "
            "(or pip install oxigraph)"
        )
    return found


def port_is_free(host: str, port: int) -> bool:
    """Whether a server can listen on ``host``:``port`` (as servers bind: connections of an earlier
    server that wait out their TIME_WAIT do not count)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def _free_loopback_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(host: str, port: int, proc: subprocess.Popen, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise LdExportError(f"the oxigraph server stopped at start (exit code {proc.returncode})")
        try:
            with socket.create_connection((host, port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise LdExportError(f"the oxigraph server did not start listening on {host}:{port} within {seconds:.0f} s")


def load_store(dataset: list[Path], location: Path, progress: Progress | None = None) -> None:
    """Bulk-load a build's dataset files (the whole file, or its parts) into an Oxigraph store
    folder with Oxigraph's own loader."""
    run = subprocess.run(
        [find_oxigraph(), "load", "--location", str(location), "--file", *map(str, dataset)],
        capture_output=True,
        text=True,
        preexec_fn=processes.before_exec(),
    )
    if run.returncode != 0:
        where = dataset[0] if len(dataset) == 1 else dataset[0].parent
        raise InputError(f"oxigraph could not load the file: {' '.join(run.stderr.split())[:300]}", where)
    if progress:
        progress(f"loaded {_named(dataset)} into a temporary Oxigraph store")


def _named(dataset: list[Path]) -> str:
    """A build's dataset files, as a message names them."""
    return dataset[0].name if len(dataset) == 1 else f"{dataset[0].name} … {dataset[-1].name} ({len(dataset)} parts)"


# --------------------------------------------------------------------------------------------
# The snapshot


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _snapshot_folder(build: Path) -> Path:
    """A new folder for a snapshot: beside the build's store when the build folder can be written
    (the checkpoint then shares the store's files), else in the system's temporary folder.
    Snapshots of servers that were killed are removed."""
    folder = BuildLayout(build).cache
    try:
        folder.mkdir(exist_ok=True)
        for old in folder.glob(SNAPSHOT_PREFIX + "*"):
            pid = old.name[len(SNAPSHOT_PREFIX) :].split(".")[0]
            if pid.isdigit() and not _alive(int(pid)):
                shutil.rmtree(old, ignore_errors=True)
        return Path(tempfile.mkdtemp(prefix=f"{SNAPSHOT_PREFIX}{os.getpid()}.", dir=folder))
    except OSError:
        return Path(tempfile.mkdtemp(prefix="ld-export-serve-"))


def _checkpoint(store: Path, build: Path, target: Path) -> None:
    """A consistent copy of ``store`` in ``target`` (RocksDB checkpoint: hard links where it can),
    taken while no build writes into ``build``."""
    import pyoxigraph as ox

    try:
        handle = open(BuildLayout(build).lock, "a")  # noqa: SIM115 - closed below
    except OSError:
        handle = None  # a folder that cannot be written cannot be being built
    try:
        if handle is not None:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                raise InputError("a build is writing into this folder; serve it once the build is done",
                                 build) from None  # fmt: skip
        ox.Store.read_only(str(store)).backup(str(target))
    finally:
        if handle is not None:
            handle.close()


# --------------------------------------------------------------------------------------------
# The guard in front of Oxigraph


@dataclass(frozen=True)
class Policy:
    """What the proxy lets through: writes only when ``writable``, and never from another origin."""

    writable: bool

    @staticmethod
    def is_read(method: str, path: str) -> bool:
        return method in READ_METHODS or (method == "POST" and urlsplit(path).path == QUERY_PATH)

    def refuse_write(self, headers) -> str | None:
        """Why a write with these request headers is refused, or None."""
        if not self.writable:
            return "this endpoint is read-only; start ld-export serve with --writable to accept updates"
        host = headers.get("Host")
        if host is not None and not _trusted_host(host):
            return (f"writes are accepted only through an IP address or localhost, not through {host!r} "
                    "(a name that could point anywhere)")  # fmt: skip
        origin = headers.get("Origin")
        if origin is not None and (host is None or origin != f"http://{host}"):
            return f"writes from another origin ({origin}) are refused: a web page must not change this store"
        site = headers.get("Sec-Fetch-Site")
        if site is not None and site not in ("same-origin", "none"):
            return f"writes from another site (Sec-Fetch-Site: {site}) are refused"
        return None


def _trusted_host(host: str) -> bool:
    name = urlsplit("//" + host).hostname or ""
    if name == "localhost":
        return True
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def _handler(policy: Policy, upstream: int) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"  # one request per connection; the answer ends when it closes
        server_version = "ld-export"

        def log_message(self, *args) -> None:
            pass

        def _plain(self, status: int, text: str, cors: bool = False) -> None:
            body = (text + "\n").encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            if cors:
                self.send_header("Access-Control-Allow-Origin", "*")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def do_OPTIONS(self) -> None:  # noqa: N802 - CORS preflight
            method = self.headers.get("Access-Control-Request-Method")
            if method is None:
                self._forward()
                return
            if not policy.is_read(method.upper(), self.path):
                self._plain(403, "cross-origin requests may only read")
                return
            self.send_response(204)
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Allow-Methods", "GET, HEAD, POST")
            self.send_header("Access-Control-Allow-Headers",
                             self.headers.get("Access-Control-Request-Headers") or "Accept, Content-Type")  # fmt: skip
            self.send_header("Access-Control-Max-Age", "600")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _any(self) -> None:
            if not policy.is_read(self.command, self.path):
                why = policy.refuse_write(self.headers)
                if why:
                    self._plain(403, why)
                    return
            self._forward()

        do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = _any  # noqa: N815

        def _forward(self) -> None:
            if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
                self._plain(411, "send the request body with a Content-Length")
                return
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
            conn = http.client.HTTPConnection("127.0.0.1", upstream)
            try:
                conn.request(self.command, self.path, body=body, headers=headers)
                answer = conn.getresponse()
                read = policy.is_read(self.command, self.path)
                self.send_response(answer.status, answer.reason)
                for key, value in answer.getheaders():
                    if key.lower() not in _NOT_FORWARDED and not key.lower().startswith("access-control-"):
                        self.send_header(key, value)
                if read and self.headers.get("Origin"):
                    self.send_header("Access-Control-Allow-Origin", "*")
                self.end_headers()
                while chunk := answer.read(_CHUNK):
                    self.wfile.write(chunk)
            except OSError:
                self.close_connection = True
            finally:
                conn.close()

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


# --------------------------------------------------------------------------------------------
# Serving


def serve(
    build_dir: str | Path,
    port: int = 7878,
    host: str = "127.0.0.1",
    on_ready: Callable[[str], None] | None = None,
    progress: Progress | None = None,
    writable: bool = False,
) -> int:
    """Serve a snapshot of ``build_dir`` until interrupted (KeyboardInterrupt, or any exception a
    signal handler of the caller raises, goes through once everything is stopped and removed);
    returns Oxigraph's exit status if it stops by itself.

    ``writable``: let clients change the served snapshot (never the build) with SPARQL updates
    and the Graph Store protocol, except from web pages of other origins.
    """
    say = progress or (lambda _msg: None)
    build = Path(build_dir)
    dataset = BuildLayout(build).require_dataset()
    if not port_is_free(host, port):
        raise InputError(f"port {port} on {host} is already in use; choose another with --port")
    oxigraph = find_oxigraph()
    built = current_store(build)
    location = _snapshot_folder(build) if built is not None else Path(tempfile.mkdtemp(prefix="ld-export-store-"))
    proc = server = None
    try:
        mode = "read-write" if writable else "read-only"
        if built is not None:
            shutil.rmtree(location)  # the checkpoint makes the folder itself
            _checkpoint(built, build, location)
            command = [oxigraph, "serve" if writable else "serve-read-only", "--location", str(location)]
            say(f"serving a snapshot of the build's store {built}, taken now ({mode}); a later build does not "
                "change what it answers: start it again to serve a new build")  # fmt: skip
        else:
            load_store(dataset, location, say)
            command = [oxigraph, "serve" if writable else "serve-read-only", "--location", str(location),
                       "--union-default-graph"]  # fmt: skip
            say(f"serving {_named(dataset)} as loaded now ({mode}); a later build does not change what it answers: "
                "start it again to serve a new build")  # fmt: skip
        inner = _free_loopback_port()
        proc = subprocess.Popen([*command, "--bind", f"127.0.0.1:{inner}"], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, preexec_fn=processes.before_exec(),
                                process_group=0)  # fmt: skip
        wait_for_port("127.0.0.1", inner, proc)
        try:
            server = _Server((host, port), _handler(Policy(writable), inner))
        except OSError as e:
            raise InputError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None

        def watch() -> None:  # Oxigraph stopped by itself: so does the proxy
            proc.wait()
            server.shutdown()

        threading.Thread(target=watch, name="ld-export-serve-watch", daemon=True).start()
        if on_ready:
            shown = f"[{host}]" if ":" in host else host
            on_ready(f"http://{shown}:{port}/")
        server.serve_forever(poll_interval=0.2)
        return proc.returncode if proc.poll() is not None else 0
    finally:
        if server is not None:
            server.server_close()
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        with contextlib.suppress(OSError):
            shutil.rmtree(location, ignore_errors=True)
