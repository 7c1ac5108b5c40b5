"""Several articles in one build: claims across articles, one resource per actor, parallel builds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SMALL_ANNOTATION, SMALL_TEXT, snapshot, write_small
from rdflib import Dataset

import linkeddata
from linkeddata.cli import main
from linkeddata.errors import AnnotationError
from linkeddata.namespaces import LDE

BASE = "https://w3id.org/ld-export/data/"

SECOND_TEXT = (
    "Army denies shelling Idlib\n"
    "\n"
    "The army said on Tuesday that it did not shell Idlib, and called the rebels' account false.\n"
)

SECOND_ANNOTATION = """\
article:
  publisher: reuters
actors:
  - id: army
    mentions: ["The army"]
claims:
  - id: denial
    label: The army did not shell Idlib.
    asserter: army
    hedge: asserted
    evidence: "it did not shell Idlib"
    contradicts: [small-article/shelling]
  - id: account-false
    label: The rebels' account is false.
    asserter: army
    hedge: asserted
    evidence: "called the rebels' account false"
    contradicts: [small-article/shelling]
    supports: [denial]
"""


@pytest.fixture
def corpus(tmp_path):
    folder = write_small(tmp_path / "in")
    (folder / "army-denial.txt").write_text(SECOND_TEXT, encoding="utf-8")
    (folder / "army-denial.yaml").write_text(SECOND_ANNOTATION, encoding="utf-8")
    return folder


def test_a_claim_disputes_a_claim_of_another_article(corpus, tmp_path):
    result = linkeddata.build([corpus], tmp_path / "out")
    ds = Dataset()
    ds.parse(tmp_path / "out" / "dataset.nq", format="nquads")
    denial, shelling = (f"{BASE}claim/army-denial/denial", f"{BASE}claim/small-article/shelling")
    from rdflib import URIRef

    assert (URIRef(denial), LDE.disputes, URIRef(shelling)) in ds.graph(URIRef(f"{BASE}graph/army-denial"))
    assert result.counts["articles"] == 2 and result.counts["claims"] == 4


def test_files_of_a_corpus_validate_together(corpus, tmp_path):
    out = tmp_path / "out"
    linkeddata.build([corpus], out)
    runner = CliRunner()
    together = runner.invoke(main, ["validate", str(out / "army-denial.ttl"), str(out / "small-article.ttl")])
    assert together.exit_code == 0, together.output
    # Alone, the disputing article refers to a claim it does not hold: an IRI with no type is
    # accepted as a claim of another article; anything typed otherwise is not.
    alone = runner.invoke(main, ["validate", str(out / "army-denial.ttl")])
    assert alone.exit_code == 0, alone.output
    wrong = tmp_path / "wrong.ttl"
    wrong.write_text(
        (out / "army-denial.ttl").read_text(encoding="utf-8")
        + f"\n<{BASE}claim/small-article/shelling> a <https://w3id.org/ld-export/ontology#Person> .\n",
        encoding="utf-8",
    )
    bad = runner.invoke(main, ["validate", str(wrong)])
    assert bad.exit_code == 1 and "lde:disputes" in bad.stderr


def test_a_reference_to_an_article_not_in_the_build_is_an_error(corpus, tmp_path):
    (corpus / "small-article.txt").unlink()
    (corpus / "small-article.yaml").unlink()
    with pytest.raises(AnnotationError, match="no article 'small-article' is in this build") as e:
        linkeddata.build([corpus], tmp_path / "out")
    assert e.value.file.endswith("army-denial.yaml") and e.value.line == 12  # the contradicts: line


def test_a_reference_to_an_unknown_claim_of_another_article_is_an_error(corpus, tmp_path):
    ann = corpus / "army-denial.yaml"
    ann.write_text(
        SECOND_ANNOTATION.replace("small-article/shelling]\n  - id: account", "small-article/shellin]\n  - id: account")
    )
    with pytest.raises(AnnotationError, match="article 'small-article' has no claim 'shellin'"):
        linkeddata.build([corpus], tmp_path / "out")


def test_an_actor_id_defined_differently_in_two_articles_is_an_error(corpus, tmp_path):
    extra = '  - id: commander\n    type: person\n    label: Another commander\n    mentions: ["Army"]\n'
    (corpus / "army-denial.yaml").write_text(SECOND_ANNOTATION.replace("claims:\n", extra + "claims:\n", 1))
    with pytest.raises(AnnotationError, match="actor 'commander' is also defined, differently"):
        linkeddata.build([corpus], tmp_path / "out")


def test_parallel_build_writes_the_same_bytes_as_a_serial_one(corpus, tmp_path):
    for n in range(3):
        (corpus / f"copy-{n}.txt").write_text(SMALL_TEXT, encoding="utf-8")
        (corpus / f"copy-{n}.yaml").write_text(SMALL_ANNOTATION, encoding="utf-8")
    serial = linkeddata.build([corpus], tmp_path / "serial", jobs=1)
    seen = []
    parallel = linkeddata.build([corpus], tmp_path / "parallel", jobs=2, advance=lambda d, t: seen.append((d, t)))
    assert snapshot(tmp_path / "serial") == snapshot(tmp_path / "parallel")
    assert serial.counts == parallel.counts and serial.counts["articles"] == 5
    assert seen == [(i, 5) for i in range(1, 6)]
    # an actor is one resource across the five articles
    ds = Dataset()
    ds.parse(tmp_path / "parallel" / "dataset.trig", format="trig")
    actors = {s for s, _p, _o, _g in ds.quads((None, None, None, None)) if str(s).startswith(f"{BASE}actor/")}
    assert len(actors) == parallel.counts["actors"] == 4


def test_errors_from_worker_processes_keep_file_and_line(corpus, tmp_path):
    (corpus / "army-denial.yaml").write_text(SECOND_ANNOTATION.replace("asserter: army\n", "asserter: armee\n", 1))
    r = CliRunner().invoke(main, ["build", str(corpus), "-o", str(tmp_path / "out"), "--jobs", "2"])
    assert r.exit_code == 2
    assert "army-denial.yaml:9: the asserter of claim 'denial' 'armee' is not a known actor id" in r.stderr
    assert not (tmp_path / "out").exists() or snapshot(tmp_path / "out") == {}


def test_disputed_claims_query_answers_across_articles(corpus, tmp_path):
    from linkeddata.query import load_dataset, named_query, rows, run_query

    linkeddata.build([corpus], tmp_path / "out")
    result = rows(run_query(named_query("disputed-claims").text, load_dataset([tmp_path / "out"])))
    keys = ("claim", "by", "article", "disputed", "against", "disputedArticle")
    assert sorted(tuple(r[k] for k in keys) for r in result) == [
        ("The army did not shell Idlib.", "The army", "Army denies shelling Idlib", "The army shelled Idlib.", "Rebels",
         "Rebels say the army shelled Idlib"),
        ("The rebels' account is false.", "The army", "Army denies shelling Idlib", "The army shelled Idlib.", "Rebels",
         "Rebels say the army shelled Idlib"),
    ]  # fmt: skip
    assert {r["publisher"] for r in result} == {"Reuters"}


CORPUS = Path(__file__).parent / "data" / "corpus"


def test_seed_and_both_fixture_articles_build_into_one_dataset_byte_identically(tmp_path):
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out-{seed}"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        run = subprocess.run([sys.executable, "-m", "linkeddata.cli", "build", str(CORPUS), "-o", str(out), "-q"],
                             env=env, capture_output=True, text=True)  # fmt: skip
        assert run.returncode == 0, run.stderr
        outs.append(snapshot(out))
    assert outs[0] == outs[1]
    ds = Dataset()
    ds.parse(data=outs[0]["dataset.nq"].decode("utf-8"), format="nquads")
    assert {str(g.identifier) for g in ds.graphs() if len(g)} == {f"{BASE}graph/{p.stem}" for p in CORPUS.glob("*.txt")}


def test_the_fixture_article_disputes_the_seed_chain(corpus_build):
    from linkeddata.query import load_dataset, named_query, rows, run_query

    result = rows(run_query(named_query("disputed-claims").text, load_dataset([corpus_build[1]])))
    across = [r for r in result if r["article"] != r["disputedArticle"]]
    assert {r["disputedPublisher"] for r in across} == {"Business Insider"}
    assert {r["publisher"] for r in across} == {"The Levant Ledger"}
    assert any(r["against"] == "Mustapha Sejari" for r in across)
    assert any(r["against"].startswith("US Department of Defense liaison officer") for r in across)
