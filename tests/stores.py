"""Real triple stores for the tests, each started on free loopback ports in a folder of its own and
stopped afterwards: Oxigraph's server (from the package index) and Virtuoso 7 (Debian's
virtuoso-opensource)."""

from __future__ import annotations

import contextlib
import shutil
import signal
import subprocess
import textwrap
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
from conftest import free_port, need

from linkeddata.errors import LdExportError
from linkeddata.serve import find_oxigraph, wait_for_port

VIRTUOSO_USER = "dba"
VIRTUOSO_PASSWORD = "dba"  # the password of a new Virtuoso database; the store listens on loopback only


@dataclass(frozen=True)
class Store:
    """A running store: its Graph Store and query endpoints, whether its default graph is a view
    of all its graphs, and the environment `ld-export load` needs (credentials)."""

    name: str
    graph_store: str
    query: str
    union_default_graph: bool
    environment: tuple[tuple[str, str], ...] = ()


def oxigraph() -> str:
    try:
        return find_oxigraph()
    except LdExportError:
        need("the oxigraph server", False, "pip install oxigraph")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@contextlib.contextmanager
def oxigraph_server(folder: Path, union_default_graph: bool) -> Iterator[Store]:
    """``oxigraph serve`` with an empty store in ``folder``; its default graph a graph of its own,
    or (``union_default_graph``) the union of all graphs, each triple once per graph holding it."""
    port = free_port()
    command = [oxigraph(), "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}"]
    if union_default_graph:
        command.append("--union-default-graph")
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port("127.0.0.1", port, proc)
        url = f"http://127.0.0.1:{port}"
        name = "oxigraph --union-default-graph" if union_default_graph else "oxigraph"
        yield Store(name, f"{url}/store", f"{url}/query", union_default_graph)
    finally:
        _stop(proc)


VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = {dir}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerThreads = 4

[SPARQL]
ResultSetMaxRows = 1000000
"""


@contextlib.contextmanager
def virtuoso_server(folder: Path, timeout: float = 120.0) -> Iterator[Store]:
    """Virtuoso 7 (``virtuoso-t``) with a new database in ``folder``, its SQL and HTTP ports on
    loopback. The Graph Store is ``/sparql-graph-crud-auth`` (digest authentication as dba)."""
    binary = shutil.which("virtuoso-t")
    need("Virtuoso (virtuoso-t)", binary is not None, "apt-get install virtuoso-opensource")
    folder.mkdir(parents=True, exist_ok=True)
    http_port, sql_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, sql_port=sql_port, http_port=http_port), encoding="utf-8")
    log = open(folder / "console.log", "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen([binary, "-f", "-c", str(ini)], cwd=folder, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{http_port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"virtuoso-t exited with {proc.returncode}: " + _tail(folder / "console.log"))
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{url}/sparql", params={"query": "ASK {}"}, timeout=5).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError("virtuoso-t did not answer in time: " + _tail(folder / "console.log"))
            time.sleep(0.25)
        yield Store(
            "virtuoso",
            f"{url}/sparql-graph-crud-auth",
            f"{url}/sparql",
            union_default_graph=True,
            environment=(("LD_EXPORT_USER", VIRTUOSO_USER), ("LD_EXPORT_PASSWORD", VIRTUOSO_PASSWORD),
                         ("LD_EXPORT_AUTH", "digest")),
        )  # fmt: skip
    finally:
        _stop(proc)
        log.close()


def _tail(path: Path, lines: int = 5) -> str:
    text = path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""
    return textwrap.shorten(" | ".join(text.splitlines()[-lines:]), 600)
