"""Shared fixtures: the bundled seed built once per session, and helpers for small articles."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import textwrap
from functools import cache
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

import linkeddata
from linkeddata import resources

SEED_SLUG = "bi-2015-isis-strategy-contradiction"
CORPUS = Path(__file__).parent / "data" / "corpus"


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """The bundled seed, built into a temporary folder: (BuildResult, folder)."""
    out = tmp_path_factory.mktemp("dist")
    result = linkeddata.build(out_dir=out)
    return result, out


@pytest.fixture(scope="session")
def corpus_build(tmp_path_factory):
    """The three-article corpus (``tests/data/corpus``) built into a temporary folder, to be read
    only: (BuildResult, folder)."""
    out = tmp_path_factory.mktemp("corpus-dist")
    result = linkeddata.build([CORPUS], out_dir=out)
    return result, out


@pytest.fixture(scope="session")
def seed_dataset(seed_build) -> Dataset:
    """The seed build loaded as a dataset (named graph per article, union default graph)."""
    from linkeddata.query import load_dataset

    return load_dataset([seed_build[1]])


@pytest.fixture
def seeds_copy(tmp_path) -> Path:
    """A private copy of the bundled seeds folder, to break on purpose."""
    target = tmp_path / "seeds"
    shutil.copytree(resources.seeds_dir(), target)
    return target


SMALL_TEXT = (
    "Rebels say the army shelled Idlib\n"
    "\n"
    "The rebels said on Monday that the army shelled Idlib in March.\n"
    "\n"
    "“We saw the shells fall,” a rebel commander told Reuters.\n"
    "\n"
    "NOW WATCH: A video\n"
)

SMALL_REGISTRY = """\
actors:
  - id: rebels
    type: armed-group
    label: Rebels
  - id: army
    type: military-force
    label: The army
  - id: reuters
    type: media-outlet
    label: Reuters
places:
  - id: idlib
    label: Idlib
"""

SMALL_ANNOTATION = """\
article:
  publisher: reuters
actors:
  - id: rebels
    mentions: [{exact: "rebels", occurrence: 1}]
  - id: army
    mentions: [{exact: "army", occurrence: 2}]
  - id: commander
    type: person
    label: A rebel commander
    member_of: [rebels]
    mentions: ["a rebel commander"]
places:
  - id: idlib
    mentions: [{exact: "Idlib", occurrence: 2}]
claims:
  - id: shelling
    label: The army shelled Idlib.
    asserter: rebels
    hedge: asserted
    evidence: "the army shelled Idlib in March"
  - id: saw-shells
    label: The commander saw the shells fall.
    asserter: commander
    told_to: [reuters]
    hedge: asserted
    quote: "We saw the shells fall"
    chain:
      - by: reuters
        mode: quoted
        evidence: "told Reuters"
    supports: [shelling]
relationships:
  - id: hostile
    label: The rebels and the army fight each other.
    kind: hostility
    from: rebels
    to: army
    claims: [shelling]
    evidence: {exact: "the army shelled Idlib", occurrence: 2}
events:
  - id: shelling-of-idlib
    label: The army shelled Idlib.
    type: fighting
    agents: [army]
    places: [idlib]
    time: "2024-03"
    time_cue: "in March"
    claims: [shelling]
    evidence: "the army shelled Idlib in March"
"""


def write_small(
    folder: Path,
    annotation: str = SMALL_ANNOTATION,
    text: str = SMALL_TEXT,
    registry: str = SMALL_REGISTRY,
    slug: str = "small-article",
) -> Path:
    """Write a small article, its annotation and a registry into ``folder``; return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{slug}.txt").write_text(text, encoding="utf-8", newline="")
    (folder / f"{slug}.yaml").write_text(textwrap.dedent(annotation), encoding="utf-8")
    (folder / "registry.yaml").write_text(registry, encoding="utf-8")
    return folder


@pytest.fixture
def small(tmp_path) -> Path:
    return write_small(tmp_path / "in")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in ``folder`` with its bytes."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def header(path: Path) -> dict[str, str]:
    """The ``# key: value`` lines a shape fixture starts with (``shape`` and ``expect``)."""
    fields: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        key, sep, value = line.lstrip("#").strip().partition(":")
        if sep and key in {"shape", "expect"}:
            fields[key] = value.strip()
    return fields


def need(tool: str, present: bool, hint: str) -> None:
    """An outside tool CI installs: missing is a failure when CI=true, a skip elsewhere."""
    if present:
        return
    message = f"{tool} is not installed: {hint}"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def seed_site(seed_build, tmp_path_factory):
    """The seed build published with `ld-export publish`: (PublishResult, site folder, build folder)."""
    from linkeddata.publish import publish

    _result, build = seed_build
    out = tmp_path_factory.mktemp("site")
    return publish(build, out), out, build


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def served(seed_site):
    """`ld-export serve --site` serving the published seed on a free loopback port: its base URL."""
    _result, site, _build = seed_site
    port = free_port()
    command = [sys.executable, "-m", "linkeddata.cli", "serve", "--site", str(site), "--port", str(port)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline().strip()
        assert line == f"http://127.0.0.1:{port}/", line or proc.stderr.read()
        yield line
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@cache
def pyshacl_report(path: Path):
    """A Turtle file (a shape fixture) validated as the build validates, with pyshacl through the
    project's wrapper; once per test process, for test_shapes, test_screen and test_shacl_engines
    ask the same of every fixture."""
    from linkeddata.validate import validate_graph

    return validate_graph(Graph().parse(path, format="turtle"))


@pytest.fixture
def corpus_copy_build(tmp_path):
    """A copy of the test corpus that a test may edit, and its build: (corpus folder, build folder)."""
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder)
    out = tmp_path / "dist"
    linkeddata.build([folder], out_dir=out)
    return folder, out


def snapshot_tree(folder: Path) -> dict[str, bytes]:
    """Every file of a published site with its bytes, but the publisher's own folder."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".ld-export-site" not in p.parts}  # fmt: skip
