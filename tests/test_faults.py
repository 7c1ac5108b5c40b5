"""Faults thrown at the commands, one test per attempt, each with its reproduction in the docstring.

These are the guarantees the README lists under "What ld-export promises".
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkeddata.cli import main

CORPUS = Path(__file__).parent / "data" / "corpus"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` but the build's own hidden folders, with its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not any(part.startswith(".ld-export") for part in p.relative_to(folder).parts)
    }


# --------------------------------------------------------------------------------------------
# Nothing outside the manifest is touched


@pytest.mark.parametrize("options", [[], ["--no-store"], ["--format", "turtle"]], ids=["default", "no-store", "turtle"])
def test_a_build_never_removes_a_folder_it_did_not_make(tmp_path, options):
    """mkdir -p proj/store && echo x > proj/store/notes.txt && ld-export build -o proj [--no-store]"""
    proj = tmp_path / "proj"
    (proj / "store").mkdir(parents=True)
    (proj / "store" / "notes.txt").write_text("x\n")
    result = run("build", "-o", str(proj), "-q", *options)
    assert (proj / "store" / "notes.txt").read_text() == "x\n"
    if options:  # nothing is written where the user's folder is: the build goes ahead beside it
        assert result.exit_code == 0, result.output
        assert sorted(p.name for p in (proj / "store").iterdir()) == ["notes.txt"]
    else:  # the build would write its store there: it stops and names the path
        assert result.exit_code == 2
        assert f"{proj / 'store'} is in the way" in result.output
        assert sorted(p.name for p in proj.iterdir()) == [".ld-export-cache", "store"]


def test_a_file_of_the_users_in_the_way_stops_the_build_and_is_kept(tmp_path):
    """echo mine > proj/dataset.nq && ld-export build -o proj: exit 2, proj/dataset.nq unchanged."""
    proj = tmp_path / "proj"
    proj.mkdir()
    (proj / "dataset.nq").write_text("mine\n")
    (proj / "notes.md").write_text("keep\n")
    result = run("build", "-o", str(proj), "-q")
    assert result.exit_code == 2
    assert f"{proj / 'dataset.nq'} is in the way" in result.output
    assert tree(proj) == {"dataset.nq": b"mine\n", "notes.md": b"keep\n"}


def test_other_files_in_the_output_folder_survive_builds_and_rebuilds(tmp_path):
    """Files the build does not write are left alone, also when an article's files are removed."""
    src = tmp_path / "c"
    shutil.copytree(CORPUS, src)
    out = tmp_path / "o"
    out.mkdir()
    (out / "README.txt").write_text("notes\n")
    (out / "levant-notes.ttl").write_text("# mine\n")
    assert run("build", str(src), "-o", str(out), "-q").exit_code == 0
    for f in src.glob("levant-*"):
        f.unlink()
    assert run("build", str(src), "-o", str(out), "-q", "--no-reuse").exit_code == 0
    assert (out / "README.txt").read_text() == "notes\n"
    assert (out / "levant-notes.ttl").read_text() == "# mine\n"


# --------------------------------------------------------------------------------------------
# The output always matches the input


@pytest.mark.parametrize("second", [["--no-reuse"], ["--no-reuse", "--format", "turtle"]], ids=["no-reuse", "turtle"])
def test_files_of_a_removed_article_go_even_when_the_manifest_is_not_used(tmp_path, second):
    """cp corpus/* c/; build c -o o; rm c/levant-*; build c -o o --no-reuse; build c -o o"""
    src = tmp_path / "c"
    shutil.copytree(CORPUS, src)
    out = tmp_path / "o"
    assert run("build", str(src), "-o", str(out), "-q").exit_code == 0
    assert sorted(p.name for p in out.glob("levant-*")) == [
        "levant-ledger-2015-pentagon-denies-assad-ban.jsonld",
        "levant-ledger-2015-pentagon-denies-assad-ban.nt",
        "levant-ledger-2015-pentagon-denies-assad-ban.ttl",
    ]
    for f in src.glob("levant-*"):
        f.unlink()
    assert run("build", str(src), "-o", str(out), "-q", *second).exit_code == 0
    assert sorted(p.name for p in out.glob("levant-*")) == []
    assert run("build", str(src), "-o", str(out), "-q").exit_code == 0
    assert sorted(p.name for p in out.glob("levant-*")) == []
    clean = tmp_path / "clean"
    assert run("build", str(src), "-o", str(clean), "-q").exit_code == 0
    data = {k: v for k, v in tree(out).items() if not k.startswith("store/")}  # a store is a database, not bytes
    assert data == {k: v for k, v in tree(clean).items() if not k.startswith("store/")}


def test_files_of_a_removed_article_go_after_a_build_lost_its_manifest(tmp_path):
    """A kill after the manifest was dropped: the list of what builds wrote survives it."""
    src = tmp_path / "c"
    shutil.copytree(CORPUS, src)
    out = tmp_path / "o"
    assert run("build", str(src), "-o", str(out), "-q").exit_code == 0
    (out / ".ld-export-cache" / "manifest.json").unlink()  # as a kill between forget() and save() leaves it
    for f in src.glob("levant-*"):
        f.unlink()
    assert run("build", str(src), "-o", str(out), "-q").exit_code == 0
    assert sorted(p.name for p in out.glob("levant-*")) == []
