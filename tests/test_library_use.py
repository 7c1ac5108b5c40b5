"""The library run the ways people run it: a script without a main guard, ``python -`` (standard
input), ``python -c`` and a notebook (a ``__main__`` without a file), and ``python -m``.

A build starts worker processes (the store loader; with ``jobs`` > 1 a pool); none of them may run
the caller's main module again, and an error in one of them ends the build with that error, never
with a hang. Each way is run as a subprocess with a timeout.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import SMALL_ANNOTATION, write_small

from linkeddata import resources
from linkeddata.store import Loader

README = Path(__file__).parents[1] / "README.md"
TIMEOUT = 180  # seconds; a hang is what these tests exist to catch


def readme_library_example() -> str:
    """The Python block of the README's "Use it as a library" section, as written there."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("### Use it as a library") :]
    start = section.index("```python\n") + len("```python\n")
    return section[start : section.index("```\n", start)]


def python(args: list[str], cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=cwd, input=stdin, capture_output=True, text=True,
                          timeout=TIMEOUT)  # fmt: skip


def test_the_readme_library_example_runs_as_a_script_without_a_main_guard(tmp_path, seed_build):
    """Save the README's example as x.py beside a copy of seeds/ and run python x.py."""
    shutil.copytree(resources.seeds_dir(), tmp_path / "seeds")
    example = readme_library_example()
    assert "__main__" not in example
    (tmp_path / "x.py").write_text(example, encoding="utf-8")
    r = python(["x.py"], tmp_path)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == str(seed_build[0].counts)
    assert lines[1].startswith("True ")
    assert (tmp_path / "dist" / "store").is_dir()


SCRIPT = """\
import sys

import linkeddata

print("main module run as", __name__, file=sys.stderr)
result = linkeddata.build(["in"], out_dir="out", jobs=JOBS)
print(result.counts["articles"], result.counts["claims"], result.counts["actors"])
"""


@pytest.mark.parametrize("how", ["script", "stdin", "dash-c", "dash-m"])
def test_a_build_runs_from_every_kind_of_main_and_never_runs_it_again(tmp_path, how):
    """python build_it.py / python - < build_it.py (two worker processes and the store loader);
    python -c "…", as in a notebook (no main file) / python -m build_it (the store loader). The main
    module says when it runs: once, as __main__."""
    write_small(tmp_path / "in")
    write_small(tmp_path / "in", slug="second-article")
    script = SCRIPT.replace("JOBS", "2" if how in ("script", "stdin") else "1")
    (tmp_path / "build_it.py").write_text(script, encoding="utf-8")
    args, stdin = {
        "script": (["build_it.py"], None),
        "stdin": (["-"], script),
        "dash-c": (["-c", script], None),
        "dash-m": (["-m", "build_it"], None),
    }[how]
    r = python(args, tmp_path, stdin)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "2 4 4\n"
    assert [line for line in r.stderr.splitlines() if line.startswith("main module")] == ["main module run as __main__"]


def test_an_error_in_a_worker_ends_the_build_with_that_error(tmp_path):
    """One of two articles quotes words its text does not have: the worker that reads it raises,
    and the script ends with that error (file and line), not with a hang."""
    write_small(tmp_path / "in")
    broken = SMALL_ANNOTATION.replace('quote: "We saw the shells fall"', 'quote: "We saw the shells land"')
    write_small(tmp_path / "in", broken, slug="second-article")
    (tmp_path / "build_it.py").write_text(SCRIPT.replace("JOBS", "2"), encoding="utf-8")
    r = python(["build_it.py"], tmp_path)
    assert r.returncode == 1
    line = broken[: broken.index("We saw the shells land")].count("\n") + 1
    last = r.stderr.strip().splitlines()[-1]
    assert last.startswith(f"linkeddata.errors.AnchorError: in/second-article.yaml:{line}: the quote")
    assert not (tmp_path / "out").exists()


def test_a_store_loader_that_dies_ends_the_build_with_an_error_not_a_hang(tmp_path):
    loader = Loader(tmp_path / "store")
    loader._process.kill()  # as if the system had killed it, or it could not start
    outcome: list[BaseException | None] = []

    def finish() -> None:
        try:
            loader.finish()
            outcome.append(None)
        except BaseException as e:  # noqa: BLE001 - handed to the test
            outcome.append(e)

    waiting = threading.Thread(target=finish, daemon=True)
    waiting.start()
    waiting.join(timeout=60)
    assert not waiting.is_alive(), "finish() is still waiting for a loader that is gone"
    assert isinstance(outcome[0], OSError)
    assert str(outcome[0]) == ("the store could not be loaded: the loading process ended unexpectedly (exit code -9)")
    loader.abort()
