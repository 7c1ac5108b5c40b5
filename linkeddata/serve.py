"""A local SPARQL endpoint for a build: Oxigraph's server with the build loaded.

The ``oxigraph`` command comes from the ``oxigraph`` package on the package index
(``pip install 'ld-export[serve]'``). A build folder with an up-to-date embedded store
(``OUT/store``, see :mod:`linkeddata.store`) is served from it, read-only, at once; its default
graph is the union of the article graphs, each triple once. Otherwise the build's dataset file is
loaded into a temporary store (removed when the server stops) served with
``--union-default-graph``, where a triple that several articles hold appears once per article.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from .errors import InputError, LdExportError
from .store import current as current_store

Progress = Callable[[str], None]


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
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


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


def load_store(dataset: Path, location: Path, progress: Progress | None = None) -> None:
    """Bulk-load a dataset file into an Oxigraph store folder with Oxigraph's own loader."""
    run = subprocess.run(
        [find_oxigraph(), "load", "--location", str(location), "--file", str(dataset)],
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        raise InputError(f"oxigraph could not load the file: {' '.join(run.stderr.split())[:300]}", dataset)
    if progress:
        progress(f"loaded {dataset.name} into a temporary Oxigraph store")


def serve(
    build_dir: str | Path,
    port: int = 7878,
    host: str = "127.0.0.1",
    on_ready: Callable[[str], None] | None = None,
    progress: Progress | None = None,
) -> int:
    """Serve ``build_dir`` until interrupted (Ctrl-C); returns the server's exit status."""
    build = Path(build_dir)
    dataset = next((build / n for n in ("dataset.nq", "dataset.trig") if (build / n).is_file()), None)
    if dataset is None:
        raise InputError("no dataset.nq or dataset.trig here; run `ld-export build` first", build)
    if not port_is_free(host, port):
        raise InputError(f"port {port} on {host} is already in use; choose another with --port")
    built = current_store(build)
    with tempfile.TemporaryDirectory(prefix="ld-export-store-") as location:
        if built is not None:
            command = [find_oxigraph(), "serve-read-only", "--location", str(built), "--bind", f"{host}:{port}"]
            if progress:
                progress(f"serving the build's store {built} (read-only)")
        else:
            load_store(dataset, Path(location), progress)
            command = [find_oxigraph(), "serve", "--location", location, "--bind", f"{host}:{port}",
                       "--union-default-graph"]  # fmt: skip
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            wait_for_port(host, port, proc)
            if on_ready:
                on_ready(f"http://{host}:{port}/")
            return proc.wait()
        except KeyboardInterrupt:
            return 0
        finally:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
