"""The synthetic corpus of benchmarks/make_corpus.py: deterministic, prefix-stable, shaped like the
real articles, and built by the pipeline without complaint."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import linkeddata
from linkeddata import resources
from linkeddata.annotation import load_annotation, load_registry
from linkeddata.article import read_article
from linkeddata.graph import build_graph

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "make_corpus.py"
SLUG = re.compile(r"synthetic-[0-9]{5}(-[a-z0-9]+)+")
SIZE = 16
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@pytest.fixture(scope="module")
def make_corpus():
    """The script, imported as a module."""
    spec = importlib.util.spec_from_file_location("make_corpus", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it is being executed
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


@pytest.fixture(scope="module")
def corpus(make_corpus, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    make_corpus.write_corpus(SIZE, folder, seed=5)
    return folder


def run(*args, hash_seed: str = "0") -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True, env=env)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def articles(folder: Path) -> list[tuple[Path, dict]]:
    return [(t, yaml.load(t.with_suffix(".yaml").read_bytes(), Loader=Loader)) for t in sorted(folder.glob("*.txt"))]


def test_same_seed_same_bytes_and_another_seed_other_content(tmp_path):
    first, second, other = tmp_path / "first", tmp_path / "second", tmp_path / "other"
    for folder, seed, hash_seed, jobs in ((first, 3, "1", 1), (second, 3, "2", 2), (other, 4, "1", 1)):
        done = run(8, folder, "--seed", seed, "--jobs", jobs, hash_seed=hash_seed)
        assert done.returncode == 0, done.stderr
        assert "8 articles" in done.stderr and "bytes" in done.stderr
    assert len(tree(first)) == 17  # 8 texts, 8 annotations, registry.yaml
    assert tree(first) == tree(second)
    texts = [p.read_bytes() for p in sorted(first.glob("*.txt"))]
    assert texts != [p.read_bytes() for p in sorted(other.glob("*.txt"))]
    assert not set(texts) & {p.read_bytes() for p in other.glob("*.txt")}


def digest(folder: Path) -> str:
    """sha256 over the names and bytes of the files of ``folder``, in name order."""
    h = hashlib.sha256()
    for path in sorted(folder.iterdir()):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def test_the_corpus_of_a_seed_and_size_is_pinned(make_corpus, tmp_path):
    """The bytes the benchmark figures were measured on. A change to a block, a word list, the
    interpreter or the bundled registry changes them: then the README's benchmark table is measured
    again and this digest updated with it."""
    assert make_corpus.write_corpus(7, tmp_path, seed=5) == (15, 283_984)
    assert digest(tmp_path) == "9369eb9f3d5cc41d5dd70ee982844b5ce976a684642617ab3fcef75c761af4cc"


def test_article_i_does_not_depend_on_the_size_of_the_corpus(tmp_path):
    small, large = tmp_path / "small", tmp_path / "large"
    assert run(3, small, "--seed", 9).returncode == 0
    assert run(5, large, "--seed", 9).returncode == 0
    small_files, large_files = tree(small), tree(large)
    assert len(small_files) == 7 and len(large_files) == 11
    assert all(large_files.get(name) == data for name, data in small_files.items())


def test_articles_are_shaped_like_the_real_ones(corpus):
    registry = yaml.load((corpus / "registry.yaml").read_bytes(), Loader=Loader)
    shared = {a["id"] for a in registry["actors"]}
    bundled = yaml.load((resources.seeds_dir() / "registry.yaml").read_bytes(), Loader=Loader)
    assert {a["id"] for a in bundled["actors"]} < shared
    assert (len(registry["actors"]), len(registry["places"])) == (288, 131)
    found = articles(corpus)
    assert len(found) == SIZE
    slugs = [t.stem for t, _ in found]
    hedges, chains, outside, dashes = set(), 0, 0, 0
    for n, (text, annotation) in enumerate(found):
        assert SLUG.fullmatch(text.stem) and text.stem.startswith(f"synthetic-{n:05d}-") and len(text.stem) <= 120
        assert 3000 <= text.stat().st_size <= 6000
        characters = set(text.read_text(encoding="utf-8"))
        assert {"’", "“", "”"} <= characters
        dashes += "—" in characters
        assert 20 <= len(annotation["claims"]) <= 40
        actors = annotation["actors"]
        local = [a for a in actors if "type" in a]
        assert 15 <= len(actors) <= 30 and 1 <= len(local) <= len(actors) // 3
        assert all(a["id"] in shared for a in actors if "type" not in a)
        assert annotation["events"] and annotation["relationships"]
        for claim in annotation["claims"]:
            hedges.add(claim["hedge"])
            chains += bool(claim.get("chain"))
            for ref in claim.get("supports", []) + claim.get("contradicts", []) + claim.get("repeats", []):
                if "/" in ref:
                    slug, claim_id = ref.split("/")
                    assert slugs.index(slug) < n  # only earlier articles: every prefix of the corpus builds
                    assert claim_id in {c["id"] for c in found[slugs.index(slug)][1]["claims"]}
                    outside += 1
    assert hedges == {"asserted", "likely", "possible", "appears", "suspected", "alleged", "accused"}
    # Of this seed: 52 claims with a chain (at least one an article), 17 references to earlier articles
    # (at least one from each article after the first), a dash in every article.
    assert (chains, outside, dashes) == (52, 17, SIZE)


def test_every_quote_anchors(corpus):
    """Reading, anchoring and graph building (no SHACL) for every article."""
    registry = load_registry(corpus / "registry.yaml")
    for text in sorted(corpus.glob("*.txt")):
        article = read_article(text)
        assert article.photo and article.contributors
        annotation = load_annotation(text.with_suffix(".yaml"), registry)
        counts = build_graph(article, annotation, "https://example.org/").counts
        assert 100 <= counts["anchors"] and 1500 <= counts["triples"]


def test_a_small_corpus_builds_and_conforms(make_corpus, tmp_path):
    make_corpus.write_corpus(3, tmp_path / "corpus", seed=11)
    result = linkeddata.build([tmp_path / "corpus"], out_dir=tmp_path / "out", jobs=1, formats=["ntriples"])
    assert result.report.conforms
    claims = sum(len(annotation["claims"]) for _text, annotation in articles(tmp_path / "corpus"))
    assert claims == 97 and result.counts == {"articles": 3, "claims": 97, "relationships": 20, "events": 36,
                                              "anchors": 543, "triples": 12800, "actors": 66, "places": 33}  # fmt: skip


def test_arguments(tmp_path):
    assert "N synthetic news articles" in run("--help").stdout
    for args in ((0, tmp_path / "a"), ("many", tmp_path / "a"), (3, tmp_path / "a", "--seed", "x"), (3,)):
        done = run(*args)
        assert done.returncode == 2 and "error:" in done.stderr
    folder = tmp_path / "corpus"
    assert run(4, folder).returncode == 0
    refused = run(2, folder)
    assert refused.returncode == 2 and "not empty" in refused.stderr
    assert run(2, folder, "--force").returncode == 0
    assert len(list(folder.glob("*.txt"))) == 2  # the two articles of the earlier run that are not in this one: gone
    (folder / "notes.txt").write_text("mine")
    kept = run(2, folder, "--force")
    assert kept.returncode == 2 and "notes.txt" in kept.stderr and (folder / "notes.txt").exists()


@pytest.fixture
def blocks(make_corpus, tmp_path, monkeypatch):
    """A copy of the block files that the interpreter reads instead of its own."""
    from synthetic import interpret

    folder = tmp_path / "blocks"
    folder.mkdir()
    for path in interpret.BLOCKS.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    monkeypatch.setattr(interpret, "BLOCKS", folder)
    interpret.load.cache_clear()
    yield folder
    interpret.load.cache_clear()


@pytest.mark.parametrize(
    "old,new,message",
    [
        ("para\n", "para\nsay hello\n", "wrap.block:3: unknown statement 'say'"),
        ("{@border_city}", "{@border_town}", "wrap.block:3: NameError: name 'border_town' is not defined"),
        ("is cut].", "is cut.", "wrap.block:3: SyntaxError: unclosed '['"),
        ("  by: pub\n", "  by: pub\nend\nend\n", "wrap.block:7: end without if"),
    ],
)
def test_a_broken_block_is_an_error_naming_its_file_and_line(make_corpus, blocks, tmp_path, capsys, old, new, message):
    wrap = blocks / "wrap.block"
    text = wrap.read_text(encoding="utf-8")
    assert old in text
    wrap.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert make_corpus.main(["2", str(tmp_path / "out"), "-j", "1"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"make_corpus.py: error: {message}") and err.count("\n") == 1, err
