"""A build of many articles writes its dataset files in parts (``dataset-0001.nq`` …): a build after
an edit writes again only the part that holds the edited article, and every reader of a build
(queries without the store, `ld-export load`, `ld-export serve`, the site) reads all the parts.

Here a part holds one article on average (``PART_ARTICLES`` 1: every article ends a part), so
that the three articles of the test corpus make three parts."""

from __future__ import annotations

import hashlib
import random
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import snapshot
from rdflib import RDFS, Graph, Literal, Namespace, URIRef

import linkeddata
from linkeddata.layout import BuildLayout
from linkeddata.pipeline import parts
from linkeddata.query import load_dataset, named_queries, open_data, rows, run_query

CORPUS = Path(__file__).parent / "data" / "corpus"
GOMA = "great-lakes-dispatch-2012-m23-takes-goma"
PARTS = [f"dataset-000{i}.nq" for i in (1, 2, 3)]
DESCRIPTIONS = [f"void-000{i}.ttl" for i in (1, 2, 3)]
DCAT = Namespace("http://www.w3.org/ns/dcat#")
VOID = Namespace("http://rdfs.org/ns/void#")
BASE = "https://w3id.org/ld-export/data/"
SPDX = Namespace("http://spdx.org/rdf/terms#")


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "in"
    shutil.copytree(CORPUS, folder)
    return folder


@pytest.fixture
def one_per_part(monkeypatch):
    monkeypatch.setattr(parts, "PART_ARTICLES", 1)
    monkeypatch.setattr(parts, "ONE_FILE", 1)


def _answers(data) -> dict[str, list]:
    return {q.name: sorted(map(str, rows(run_query(q.text, data)))) for q in named_queries()}


# --------------------------------------------------------------------------------------------
# The cut


def _slugs(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return sorted({f"outlet-{rng.randrange(10**9):09d}" for _ in range(n)})


def test_a_small_build_is_one_part_and_a_large_one_is_cut_in_order():
    assert parts.cut([]) == []
    assert parts.cut(["a", "b"], 4) == [["a", "b"]]
    # Up to 128 articles, one file; past that, parts of 64 articles on average.
    assert parts.cut(_slugs(128)) == [_slugs(128)]
    assert 1 < len(parts.cut(_slugs(129))) and 1000 / 64 / 2 < len(parts.cut(_slugs(1000))) < 1000 / 64 * 2
    slugs = _slugs(3000)
    cut = parts.cut(slugs, 16)
    assert [s for chunk in cut for s in chunk] == slugs
    assert 3000 / 16 / 2 < len(cut) < 3000 / 16 * 2
    for chunk in cut[:-1]:  # each part ends with an article that ends parts, or at the longest
        assert parts.ends_part(chunk[-1], 16) or len(chunk) == 64
    assert max(map(len, cut)) <= 64


@pytest.mark.parametrize("change", ["add", "remove"])
def test_an_article_added_or_removed_changes_the_one_part_it_is_in(change):
    slugs = _slugs(3000)
    before = {tuple(c) for c in parts.cut(slugs, 16)}
    rng = random.Random(3)
    for _ in range(50):
        if change == "add":
            now = sorted([*slugs, f"outlet-{rng.randrange(10**9):09d}x"])
        else:
            gone = rng.choice(slugs)
            now = [s for s in slugs if s != gone]
        after = {tuple(c) for c in parts.cut(now, 16)}
        # The part it joins or leaves, and the part after it where it ended one (or now ends one);
        # a part at the longest limit may pass its cut on to the next.
        assert len(after - before) <= 3 and len(before - after) <= 3


def test_the_names_of_the_parts(tmp_path):
    names = BuildLayout.dataset_names
    assert names(".nq", 1) == ["dataset.nq"]
    assert names(".trig", 3) == ["dataset-0001.trig", "dataset-0002.trig", "dataset-0003.trig"]
    assert names(".nq", 12345)[0] == "dataset-00001.nq" and names(".nq", 12345)[-1] == "dataset-12345.nq"
    # Read back in the order of their numbers; other files that start alike are not parts.
    for name in [*names(".nq", 12), "dataset-notes.nq", "dataset-0001.nq.bak", "dataset-12.nq"]:
        (tmp_path / name).write_bytes(b"")
    assert [p.name for p in BuildLayout(tmp_path).dataset()] == names(".nq", 12)


# --------------------------------------------------------------------------------------------
# A build in parts


def test_a_build_in_parts_holds_what_a_build_in_one_file_holds(corpus, tmp_path, one_per_part, monkeypatch):
    out = tmp_path / "parts"
    linkeddata.build([corpus], out)
    monkeypatch.undo()
    whole = tmp_path / "whole"
    linkeddata.build([corpus], whole)
    names = {p.name for p in out.iterdir()}
    assert set(PARTS) | {n.replace(".nq", ".trig") for n in PARTS} <= names
    assert not names & {"dataset.nq", "dataset.trig"}
    # The N-Quads parts, read in order, are the one file byte for byte; each TriG part stands alone.
    assert b"".join((out / n).read_bytes() for n in PARTS) == (whole / "dataset.nq").read_bytes()
    assert BuildLayout(out).dataset() == [out / n for n in PARTS]
    quads = set()
    for n in PARTS:
        quads |= set(ox.parse(path=str(out / n.replace(".nq", ".trig")), format=ox.RdfFormat.TRIG))
    assert quads == set(ox.parse(path=str(whole / "dataset.trig"), format=ox.RdfFormat.TRIG))
    # Every other file is the same, but the description, which names the parts.
    same = snapshot(whole)
    for name in ("dataset.nq", "dataset.trig", "void.ttl"):
        del same[name]
    assert {n: b for n, b in snapshot(out).items() if n in same} == same
    # The description is in parts too, cut as the dataset files are: void.ttl describes the
    # dataset and names them, and together they say what the one file says, but for the files.
    assert BuildLayout(out).descriptions() == [out / "void.ttl", *(out / n for n in DESCRIPTIONS)]
    assert not list(whole.glob("void-*"))
    head = Graph().parse(out / "void.ttl", format="turtle")
    assert not [s for s in head.subjects() if str(s).startswith(f"{BASE}graph/")]
    assert not list(head.objects(URIRef(f"{BASE}dataset"), VOID.subset))
    together = Graph()
    for path in BuildLayout(out).descriptions():
        together.parse(path, format="turtle")
    assert _but_files(together) == _but_files(Graph().parse(whole / "void.ttl", format="turtle"))
    # The store, the files without the store, and the one-file build answer alike.
    expected = _answers(open_data([whole]))
    assert _answers(open_data([out])) == expected
    assert _answers(load_dataset([out])) == expected


def _but_files(g: Graph) -> set:
    """The triples of a description but those about the build's files (which differ between a
    build in one file and one in parts)."""
    files = {o for p in (DCAT.distribution, RDFS.seeAlso) for o in g.objects(None, p)}
    files |= {o for f in files for o in g.objects(f, SPDX.checksum)}
    return {t for t in g if t[0] not in files and t[2] not in files}


def test_the_description_names_every_part_with_its_size_and_checksum(corpus, tmp_path, one_per_part):
    from rdflib.namespace import DCTERMS, XSD

    out = tmp_path / "out"
    linkeddata.build([corpus], out)
    void = Graph().parse(out / "void.ttl", format="turtle")
    dataset = URIRef(f"{BASE}dataset")
    described = {str(void.value(d, DCTERMS.title)): d for d in void.objects(dataset, DCAT.distribution)}
    assert set(described) == set(PARTS) | {n.replace(".nq", ".trig") for n in PARTS}
    more = {str(void.value(d, DCTERMS.title)): d for d in void.objects(dataset, RDFS.seeAlso)}
    assert set(more) == set(DESCRIPTIONS)
    for name, dist in [*described.items(), *more.items()]:
        data = (out / name).read_bytes()
        assert void.value(dist, DCAT.byteSize) == Literal(len(data), datatype=XSD.nonNegativeInteger)
        assert str(void.value(void.value(dist, SPDX.checksum), SPDX.checksumValue)) == hashlib.sha256(data).hexdigest()


def test_an_edit_writes_again_only_the_part_that_holds_the_article(corpus, tmp_path, one_per_part):
    out = tmp_path / "out"
    linkeddata.build([corpus], out)
    times = {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()}
    path = corpus / f"{GOMA}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("label: Residents of Goma", "label: Goma's residents"),
                    encoding="utf-8")  # fmt: skip
    result = linkeddata.build([corpus], out)
    assert result.reused == 2
    goma = next(n for n in PARTS if GOMA.encode() in (out / n).read_bytes())
    assert b"Goma's residents" in (out / goma).read_bytes()
    after = {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()}
    rewritten = {n for n in times if times[n] != after[n]}
    described = goma.replace("dataset", "void").replace(".nq", ".ttl")
    assert rewritten == {goma, goma.replace(".nq", ".trig"), f"{GOMA}.ttl", f"{GOMA}.jsonld", f"{GOMA}.nt",
                         "void.ttl", described, "shacl-report.ttl"}  # fmt: skip
    clean = tmp_path / "clean"
    linkeddata.build([corpus], clean)
    assert snapshot(out) == snapshot(clean)
    assert _answers(open_data([out])) == _answers(open_data([clean]))


def test_an_article_removed_renumbers_the_parts_after_it_without_writing_them(corpus, tmp_path, one_per_part):
    out = tmp_path / "out"
    linkeddata.build([corpus], out)
    inodes = [(out / n).stat().st_ino for n in PARTS]
    described = [(out / n).stat().st_ino for n in DESCRIPTIONS]
    goma = next(i for i, n in enumerate(PARTS) if GOMA.encode() in (out / n).read_bytes())
    assert goma < 2, "the test needs a part after the Goma article's"
    for ext in (".txt", ".yaml"):
        (corpus / f"{GOMA}{ext}").unlink()
    assert linkeddata.build([corpus], out).reused == 2
    assert BuildLayout(out).dataset() == [out / "dataset-0001.nq", out / "dataset-0002.nq"]
    assert not (out / "dataset-0003.nq").exists()
    # The parts that stay hold the same articles: kept, or linked under their new numbers, not written.
    assert [(out / n).stat().st_ino for n in PARTS[:2]] == inodes[:goma] + inodes[goma + 1 :]
    assert [(out / n).stat().st_ino for n in DESCRIPTIONS[:2]] == described[:goma] + described[goma + 1 :]
    assert not (out / DESCRIPTIONS[2]).exists()
    clean = tmp_path / "clean"
    linkeddata.build([corpus], clean)
    assert snapshot(out) == snapshot(clean)


def test_a_build_that_grows_past_one_part_and_back(corpus, tmp_path, monkeypatch):
    """From one file to parts and back: each time the folder is that of a clean build, and no
    file of the other layout is left."""
    out = tmp_path / "out"
    linkeddata.build([corpus], out)
    assert BuildLayout(out).dataset() == [out / "dataset.nq"]
    monkeypatch.setattr(parts, "PART_ARTICLES", 1)
    monkeypatch.setattr(parts, "ONE_FILE", 1)
    linkeddata.build([corpus], out)
    assert BuildLayout(out).dataset() == [out / n for n in PARTS]
    assert not (out / "dataset.nq").exists() and not (out / "dataset.trig").exists()
    monkeypatch.undo()
    linkeddata.build([corpus], out)
    assert BuildLayout(out).dataset() == [out / "dataset.nq"]
    assert not list(out.glob("dataset-*")) and not list(out.glob("void-*"))
    clean = tmp_path / "clean"
    linkeddata.build([corpus], clean)
    assert snapshot(out) == snapshot(clean)


def test_serve_and_load_read_every_part(corpus, tmp_path, one_per_part):
    """`ld-export serve` of a build without its store loads every part; `ld-export load` sends the
    graphs of every part."""
    from linkeddata.load import _Graphs
    from linkeddata.serve import load_store

    out = tmp_path / "out"
    result = linkeddata.build([corpus], out, store=False)
    dataset = BuildLayout(out).require_dataset()
    assert len(dataset) == 3
    graphs = _Graphs(dataset)
    assert graphs.counts == {str(a.graph_iri): a.counts["triples"] for a in sorted(result.articles,
                                                                                    key=lambda a: str(a.graph_iri))}
    sent = dict(graphs.bodies())
    assert list(sent) == list(graphs.counts) and all(sent.values())
    load_store(dataset, tmp_path / "store")
    store = ox.Store.read_only(str(tmp_path / "store"))
    expected = sum(1 for _ in ox.parse(path=str(out / PARTS[0]), format=ox.RdfFormat.N_QUADS))
    expected += sum(1 for n in PARTS[1:] for _ in ox.parse(path=str(out / n), format=ox.RdfFormat.N_QUADS))
    assert len(store) == expected


def test_the_site_reads_the_description_in_every_part(corpus, tmp_path, one_per_part, monkeypatch):
    """The graph pages of `ld-export publish` show what the description says of each graph: in a
    build in parts, that is in the description's parts."""
    from types import SimpleNamespace

    from linkeddata.site_data import read_description

    out = tmp_path / "parts"
    linkeddata.build([corpus], out)
    monkeypatch.undo()
    whole = tmp_path / "whole"
    linkeddata.build([corpus], whole)
    in_parts, in_one = (read_description(SimpleNamespace(build_dir=d)) for d in (out, whole))
    graphs = {s for s in in_one if s.startswith(f"{BASE}graph/")}
    assert len(graphs) == 3
    assert {s: in_parts[s] for s in graphs} == {s: in_one[s] for s in graphs}


def _entry_files(out: Path) -> dict[str, int]:
    return {p.name: p.stat().st_ino for p in (out / ".ld-export-cache").glob("articles-*.json")}


def test_the_manifest_keeps_the_articles_entries_by_part_and_an_edit_writes_one(corpus, tmp_path, one_per_part):
    """The articles' entries are in one file for each part of the dataset files: after an edit,
    only the edited article's is written again, and the one it replaces goes."""
    out = tmp_path / "out"
    linkeddata.build([corpus], out)
    before = _entry_files(out)
    assert len(before) == 3
    edit = corpus / f"{GOMA}.yaml"
    edit.write_text(edit.read_text(encoding="utf-8").replace("label: Residents of Goma", "label: Goma's residents"),
                    encoding="utf-8")  # fmt: skip
    assert linkeddata.build([corpus], out).reused == 2
    after = _entry_files(out)
    assert len(after) == 3 and len(set(after.items()) & set(before.items())) == 2
    entries = linkeddata.cache.load(out)["articles"]
    assert sorted(entries) == sorted(p.stem for p in corpus.glob("*.txt"))
    assert linkeddata.build([corpus], out).reused == 3


def test_a_missing_file_of_entries_means_a_clean_build(corpus, tmp_path, one_per_part):
    out = tmp_path / "out"
    linkeddata.build([corpus], out)
    first = snapshot(out)
    (out / ".ld-export-cache" / min(_entry_files(out))).unlink()
    assert linkeddata.cache.load(out) == {}
    assert linkeddata.build([corpus], out).reused == 0
    assert snapshot(out) == first
