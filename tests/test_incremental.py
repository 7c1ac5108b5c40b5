"""A build into a folder that holds an earlier build reuses the unchanged articles, and its
output is byte for byte that of a clean build; the embedded store answers like rdflib."""

from __future__ import annotations

import gc
import hashlib
import os
import shutil
import time
from pathlib import Path

import pytest
from conftest import snapshot

import linkeddata
from linkeddata import store as embedded
from linkeddata.query import StoreData, load_dataset, named_queries, open_data, rows, run_query

CORPUS = Path(__file__).parent / "data" / "corpus"
GOMA = "great-lakes-dispatch-2012-m23-takes-goma"


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "in"
    shutil.copytree(CORPUS, folder)
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def answers(out: Path, exact_order: bool = True) -> dict[str, list]:
    """Every named query's rows through the folder's store (which must be there and up to date)."""
    data = open_data([out])
    assert isinstance(data, StoreData), "the build's store should answer"
    found = {q.name: rows(run_query(q.text, data)) for q in named_queries()}
    return found if exact_order else {n: sorted(tuple(r.items()) for r in rs) for n, rs in found.items()}


def same_as_clean_build(corpus: Path, out: Path, tmp_path: Path, name: str = "clean") -> None:
    clean = tmp_path / name
    linkeddata.build([corpus], clean)
    assert snapshot(out) == snapshot(clean)
    assert answers(out, exact_order=False) == answers(clean, exact_order=False)


def test_rebuild_after_editing_one_annotation_rebuilds_one_article_and_equals_a_clean_build(corpus, tmp_path):
    out = tmp_path / "out"
    linkeddata.build([corpus], out)
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()}
    edit(corpus / f"{GOMA}.yaml", "label: Residents of Goma", "label: Residents of the city of Goma")
    result = linkeddata.build([corpus], out)
    assert result.reused == 2
    after = {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()}
    untouched = {n for n in before if before[n] == after[n]}
    assert untouched == {n for n in before if n.endswith((".ttl", ".jsonld", ".nt")) and not n.startswith(GOMA)} - {
        "void.ttl",
        "shacl-report.ttl",
    }
    assert b"Residents of the city of Goma" in (out / "dataset.nq").read_bytes()
    same_as_clean_build(corpus, out, tmp_path)  # the store was changed in place: one graph of three


def _times(out: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in out.iterdir()}


def test_a_build_of_unchanged_input_into_its_own_folder_writes_nothing(corpus, tmp_path):
    """The folder holds the build already: nothing is written again, not even the whole-build files,
    and the result is the previous build's (counts, triples, warnings, report)."""
    out = tmp_path / "out"
    first = linkeddata.build([corpus], out)
    files, times = snapshot(out), _times(out)
    again = linkeddata.build([corpus], out)
    assert again.files == [] and again.reused == 3
    assert again.counts == first.counts and again.triples == first.triples
    assert again.warnings == first.warnings and again.report.conforms
    assert snapshot(out) == files and _times(out) == times
    assert answers(out) == answers(out)  # the store is still up to date, and answers


@pytest.mark.parametrize(
    "change",
    ["source date", "report edited", "store removed", "no store now", "fewer formats", "failed report"],
)
def test_a_build_of_unchanged_articles_writes_what_else_changed(corpus, tmp_path, change):
    """Unchanged articles, but something else the build writes is not as this build would write it:
    the build writes again, and the folder is then that of a clean build with the same options."""
    out = tmp_path / "out"
    linkeddata.build([corpus], out)
    options: dict = {}
    if change == "source date":
        import datetime

        options["issued"] = datetime.datetime(2024, 1, 2, tzinfo=datetime.UTC)
    elif change == "report edited":
        (out / "shacl-report.ttl").write_text("# edited by hand\n", encoding="utf-8")
    elif change == "store removed":
        shutil.rmtree(out / "store")
    elif change == "no store now":
        options["store"] = False
    elif change == "fewer formats":
        options["formats"] = ("turtle", "jsonld", "ntriples", "nquads")
    else:
        from linkeddata import cache

        cache.own(out, cache.owned(out) | {"shacl-report.failed.ttl"})  # as a failed build leaves it
        (out / "shacl-report.failed.ttl").write_text("# a failed build's report\n", encoding="utf-8")
    again = linkeddata.build([corpus], out, **options)
    assert again.files, "the build wrote nothing"
    clean = tmp_path / "clean"
    linkeddata.build([corpus], clean, **options)
    assert snapshot(out) == snapshot(clean)
    assert (out / "store").exists() == (change != "no store now")


def test_the_cli_says_when_the_folder_holds_the_build_already(corpus, tmp_path):
    from click.testing import CliRunner

    from linkeddata.cli import main

    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", str(corpus), "-o", str(out)]).exit_code == 0
    result = CliRunner().invoke(main, ["build", str(corpus), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "3 of them unchanged since the previous build" in result.output
    assert f"Nothing to write: {out}/ holds this build already." in result.output


def test_a_build_pauses_the_cycle_collector_only_while_it_reads_its_manifest(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    linkeddata.build([corpus], out)
    seen = []
    load = linkeddata.cache.load
    monkeypatch.setattr(linkeddata.cache, "load", lambda o: (seen.append(gc.isenabled()), load(o))[1])
    assert linkeddata.build([corpus], out).reused == 3
    assert seen == [False] and gc.isenabled()
    gc.disable()  # a caller's choice stands
    try:
        linkeddata.build([corpus], out)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_reused_entry_is_saved_as_written_in_full(corpus, tmp_path):
    """A manifest entry read back keeps the JSON it was read from, and writes it again with its new
    files, offsets and parts: the same as writing every field of it."""
    import dataclasses

    from linkeddata.pipeline.manifest import ArticleEntry

    out = tmp_path / "out"
    linkeddata.build([corpus], out)
    edit(corpus / f"{GOMA}.yaml", "label: Residents of Goma", "label: Residents of the city of Goma")
    linkeddata.build([corpus], out)  # the two others reused, and written again from what was read
    saved = linkeddata.cache.load(out)["articles"]
    for slug, data in saved.items():
        entry = ArticleEntry.from_json(data)
        assert entry.to_json() == data == dataclasses.replace(entry, read_from=None).to_json(), slug
        moved = entry.placed({"nquads": 7, "trig": 8, "void": 9}, {"nquads": "n.nq", "trig": "t.trig"})
        assert moved.to_json() == dataclasses.replace(moved, read_from=None).to_json()
        assert moved.to_json()["offsets"] == {"nquads": 7, "trig": 8, "void": 9}


def test_a_build_of_unchanged_input_reuses_every_article(corpus, tmp_path):
    out = tmp_path / "out"
    linkeddata.build([corpus], out)
    first = snapshot(out)
    assert linkeddata.build([corpus], out).reused == 3
    assert snapshot(out) == first
    assert linkeddata.build([corpus], out, reuse=False).reused == 0
    assert snapshot(out) == first


def _aged(folder: Path, seconds: int = 60) -> None:
    """Every input file of ``folder`` modified ``seconds`` ago."""
    then = time.time_ns() - seconds * 1_000_000_000
    for path in folder.iterdir():
        os.utime(path, ns=(then, then))


def _counting_input_keys(monkeypatch) -> list[str]:
    read = []
    key = linkeddata.cache.input_key
    monkeypatch.setattr(linkeddata.cache, "input_key", lambda text, *a: (read.append(text.stem), key(text, *a))[1])
    return read


def test_inputs_of_the_same_size_and_time_are_not_read_again(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    _aged(corpus)
    linkeddata.build([corpus], out)
    first = snapshot(out)
    read = _counting_input_keys(monkeypatch)
    assert linkeddata.build([corpus], out).reused == 3
    assert read == [] and snapshot(out) == first
    # An edit of the same size is seen by its time; other options read every article again.
    edit(corpus / f"{GOMA}.yaml", "M23", "M24")
    assert linkeddata.build([corpus], out).reused == 2
    assert read == [GOMA]
    read.clear()
    assert linkeddata.build([corpus], out, formats=["turtle", "nquads"]).reused == 0
    assert len(read) == 3


def test_inputs_modified_just_before_a_build_are_read_by_the_next_one(corpus, tmp_path, monkeypatch):
    """A file modified within the last two seconds could be edited again in the same tick of the
    clock, keeping its time and size: its time is not trusted, and the next build reads it."""
    out = tmp_path / "out"
    _aged(corpus)
    now = time.time_ns()
    os.utime(corpus / f"{GOMA}.txt", ns=(now, now))
    linkeddata.build([corpus], out)
    entries = linkeddata.cache.load(out)["articles"]
    assert sorted(slug for slug, e in entries.items() if "inputs" not in e) == [GOMA]
    read = _counting_input_keys(monkeypatch)
    assert linkeddata.build([corpus], out).reused == 3
    assert read == [GOMA]


def test_a_registry_edit_rebuilds_the_articles_that_use_the_entry(corpus, tmp_path):
    out = tmp_path / "out"
    linkeddata.build([corpus], out)
    edit(corpus / "registry.yaml", "label: MONUSCO", "label: MONUSCO (UN mission)")
    result = linkeddata.build([corpus], out)
    assert result.reused == 2  # only the Goma article names MONUSCO
    assert b"MONUSCO (UN mission)" in (out / f"{GOMA}.ttl").read_bytes()
    same_as_clean_build(corpus, out, tmp_path)


def test_an_article_left_out_loses_its_files(corpus, tmp_path):
    out = tmp_path / "out"
    linkeddata.build([corpus], out)
    for ext in (".txt", ".yaml"):
        (corpus / f"{GOMA}{ext}").unlink()
    assert linkeddata.build([corpus], out).reused == 2
    assert not list(out.glob(f"{GOMA}.*"))
    same_as_clean_build(corpus, out, tmp_path)


def test_an_output_file_changed_by_hand_is_written_again(corpus, tmp_path):
    out = tmp_path / "out"
    linkeddata.build([corpus], out)
    (out / f"{GOMA}.ttl").write_text("# edited\n", encoding="utf-8")
    assert linkeddata.build([corpus], out).reused == 2
    same_as_clean_build(corpus, out, tmp_path)


def test_another_base_iri_or_format_set_reuses_nothing(corpus, tmp_path):
    out = tmp_path / "out"
    linkeddata.build([corpus], out)
    assert linkeddata.build([corpus], out, base_iri="https://example.org/other/").reused == 0
    assert linkeddata.build([corpus], out, formats=["turtle", "nquads"]).reused == 0


def test_a_damaged_manifest_means_a_clean_build(corpus, tmp_path):
    out = tmp_path / "out"
    linkeddata.build([corpus], out)
    first = snapshot(out)
    (out / ".ld-export-cache" / "manifest.json").write_text("{not json", encoding="utf-8")
    assert linkeddata.build([corpus], out).reused == 0
    assert snapshot(out) == first


def test_a_changed_dataset_file_means_a_clean_build(corpus, tmp_path):
    out = tmp_path / "out"
    linkeddata.build([corpus], out)
    first = snapshot(out)
    with (out / "dataset.nq").open("ab") as f:
        f.write(b"")
    (out / "dataset.nq").write_bytes(first["dataset.nq"][:-10])
    assert linkeddata.build([corpus], out).reused == 0
    assert snapshot(out) == first


# -- the embedded store ------------------------------------------------------------------------


def test_store_answers_every_named_query_exactly_like_rdflib_on_the_seed(seed_build):
    _result, out = seed_build
    dataset = load_dataset([out])
    for q in named_queries():
        assert answers(out)[q.name] == rows(run_query(q.text, dataset)), q.name


def test_store_answers_like_rdflib_on_the_corpus_whose_articles_share_actors(corpus, tmp_path):
    """Shared actors put the same triple in several named graphs; the default graph (the union)
    holds it once, as in rdflib, so counts are not inflated."""
    out = tmp_path / "out"
    linkeddata.build([corpus], out)
    dataset = load_dataset([out])
    expected = {q.name: sorted(tuple(r.items()) for r in rows(run_query(q.text, dataset))) for q in named_queries()}
    assert answers(out, exact_order=False) == expected
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert rows(run_query(count, open_data([out]))) == rows(run_query(count, dataset))


def test_a_store_that_is_not_up_to_date_is_not_used(seed_build, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(seed_build[1], out)
    assert isinstance(open_data([out]), StoreData)
    (out / "void.ttl").write_bytes((out / "void.ttl").read_bytes() + b"\n")
    assert not isinstance(open_data([out]), StoreData)


def test_the_store_mark_holds_the_digest_of_the_description_as_written(seed_build):
    out = seed_build[1]
    digest, size, mtime = (out / "store" / "ld-export.sha256").read_text(encoding="ascii").split()
    assert digest == hashlib.sha256((out / "void.ttl").read_bytes()).hexdigest()
    st = (out / "void.ttl").stat()
    assert (int(size), int(mtime)) == (st.st_size, st.st_mtime_ns)


def test_an_unchanged_description_is_not_read_to_trust_the_store(seed_build, tmp_path, monkeypatch):
    """While void.ttl has the size and time the mark recorded, the store is trusted without
    hashing it (at 10,000 articles, 420 MB for every query); after a copy that changed its time,
    its digest decides."""
    out = tmp_path / "out"
    shutil.copytree(seed_build[1], out)  # copies the times too
    with monkeypatch.context() as m:
        m.setattr(embedded, "description_digest", lambda _out: pytest.fail("void.ttl was hashed"))
        assert embedded.current(out) == out / "store"
    os.utime(out / "void.ttl", ns=(1, 1))  # the same bytes, another time: the digest decides
    assert embedded.current(out) == out / "store"
    (out / "store" / "ld-export.sha256").write_text("0" * 64 + " 1 1\n", encoding="ascii")
    assert embedded.current(out) is None


def test_a_mark_of_an_earlier_version_holding_the_digest_alone_still_counts(seed_build, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(seed_build[1], out)
    digest = hashlib.sha256((out / "void.ttl").read_bytes()).hexdigest()
    (out / "store" / "ld-export.sha256").write_text(digest + "\n", encoding="ascii")
    assert embedded.current(out) == out / "store"


def test_a_build_without_nquads_removes_the_old_store(corpus, tmp_path):
    out = tmp_path / "out"
    linkeddata.build([corpus], out)
    assert (out / "store").is_dir()
    linkeddata.build([corpus], out, formats=["turtle"])
    assert not (out / "store").exists()
    assert not isinstance(open_data([out]), StoreData)


def test_a_reused_article_is_checked_against_what_the_registry_gained(corpus_copy_build):
    """An article whose inputs did not change is reused, but not when the registry has since gained
    an actor that one of the article's own actors duplicates: the build says which id to reuse."""
    folder, out = corpus_copy_build
    before = snapshot(out)
    edit(
        folder / "registry.yaml",
        "\nplaces:\n",
        "\n  - id: sejari\n    type: person\n    label: Mustapha Sejari\n\nplaces:\n",
    )
    with pytest.raises(linkeddata.errors.AnnotationError) as e:
        linkeddata.build([folder], out_dir=out)
    assert "actor 'mustapha-sejari' has the name 'mustapha sejari', like the registry's actor 'sejari'" in str(e.value)
    assert Path(e.value.file).name == "bi-2015-isis-strategy-contradiction.yaml" and e.value.line == 142
    assert snapshot(out) == before
