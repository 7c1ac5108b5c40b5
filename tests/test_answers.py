"""The named queries' answers kept by ``ld-export build --answers`` (linkeddata/answers.py): read
instead of asking the store, and always the store's own answer, row for row in its order; about
each actor and each article too; never used once the data has changed."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef

import linkeddata
from linkeddata import answers
from linkeddata.cli import main
from linkeddata.errors import InputError
from linkeddata.query import format_csv, named_queries, open_data, rows, run_query, select_also

CORPUS = Path(__file__).parent / "data" / "corpus"
MAKE_CORPUS = Path(__file__).resolve().parent.parent / "benchmarks" / "make_corpus.py"


@pytest.fixture(scope="module", params=["corpus", "synthetic"])
def answered(request, tmp_path_factory) -> Path:
    """The three-article test corpus, and a synthetic corpus of 24 articles (many asserters, many
    ties in the order of the answers), each built with its answers kept."""
    if request.param == "corpus":
        source = CORPUS
    else:
        source = tmp_path_factory.mktemp("synthetic")
        subprocess.run([sys.executable, str(MAKE_CORPUS), "24", str(source), "--seed", "3"], check=True,
                       capture_output=True)  # fmt: skip
    out = tmp_path_factory.mktemp(f"{request.param}-answered")
    linkeddata.build([source], out_dir=out, answers=True, jobs=2)
    return out


def _values(text: str, parameter: str, data) -> list[str]:
    return sorted({r[parameter] for r in rows(run_query(select_also(text, [parameter]), data, kept=False))
                   if r.get(parameter)})  # fmt: skip


def test_the_build_keeps_every_named_query_and_its_values(answered):
    folder = answers.current(answered / "store")
    assert folder is not None
    for q in named_queries():
        assert (folder / f"{q.name}.tsv").is_file(), q.name
        for parameter in answers.indexed_parameters(q.text, (p for p, _ in q.parameters)):
            assert (folder / f"{q.name}.{parameter}.json").is_file(), (q.name, parameter)
    # A grouped answer is not kept value by value: a bound value changes what is grouped.
    assert not (folder / "relationships.article.json").exists()
    assert (folder / "claims.actor.json").is_file()


@pytest.mark.parametrize("name", [q.name for q in named_queries()])
def test_a_kept_answer_is_the_stores_row_for_row(answered, name):
    data = open_data([answered])
    text = next(q.text for q in named_queries() if q.name == name)
    kept, asked = run_query(text, data), run_query(text, data, kept=False)
    assert [str(v) for v in kept.vars] == [str(v) for v in asked.vars]
    assert format_csv(kept, "\t") == format_csv(asked, "\t")
    assert list(kept.bindings) == list(asked.bindings)  # the same terms, datatypes and languages
    for limit in (0, 1, 5):
        first = run_query(text, data, limit=limit)
        assert list(first.bindings) == list(asked.bindings)[:limit], (name, limit)


@pytest.mark.parametrize(("name", "parameter"), [(q.name, p) for q in named_queries() for p, _ in q.parameters])
def test_a_kept_answer_about_each_value_is_the_stores_row_for_row(answered, name, parameter):
    data = open_data([answered])
    text = next(q.text for q in named_queries() if q.name == name)
    values = _values(text, parameter, data)
    assert len(values) >= 2, (name, parameter)
    for value in values:
        bound = {parameter: URIRef(value)}
        kept, asked = run_query(text, data, bindings=bound), run_query(text, data, bindings=bound, kept=False)
        assert list(kept.bindings) == list(asked.bindings), (name, value)
        assert list(run_query(text, data, bindings=bound, limit=2).bindings) == list(asked.bindings)[:2]
    nobody = {parameter: URIRef("https://w3id.org/ld-export/data/actor/nobody")}
    assert rows(run_query(text, data, bindings=nobody)) == []


def test_a_kept_answer_is_read_not_asked(answered, monkeypatch):
    """With the answers kept, a named query does not reach the store; a literal bound to a
    parameter (written otherwise in the kept rows) does."""
    data = open_data([answered])
    claims = next(q for q in named_queries() if q.name == "claims")
    asked = []

    class Store:
        def query(self, sparql, **_options):
            asked.append(sparql)
            raise RuntimeError("asked")

    monkeypatch.setattr(data, "store", Store())
    assert len(rows(run_query(claims.text, data))) > 20
    assert rows(run_query(claims.text, data, bindings={"article": URIRef("https://example.org/a")}, limit=3)) == []
    assert asked == []
    with pytest.raises(InputError, match="asked"):
        run_query(claims.text, data, bindings={"article": Literal("a")})
    assert len(asked) == 1


def test_answers_of_other_data_are_not_used(tmp_path):
    """An edit rebuilds: without --answers the old answers go (the store is asked); with it they
    are found again for the new data; a mark that does not match leaves them unused."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    out = tmp_path / "out"
    linkeddata.build([corpus], out_dir=out, answers=True)
    assert answers.current(out / "store") is not None
    annotation = corpus / "great-lakes-dispatch-2012-m23-takes-goma.yaml"
    text = annotation.read_text(encoding="utf-8")
    seized = "label: M23 rebels seized Goma, the main city"
    assert seized in text
    annotation.write_text(text.replace(seized, seized.replace("M23", "Edited, M23")), encoding="utf-8")

    linkeddata.build([corpus], out_dir=out)
    assert not (out / "store" / answers.FOLDER).exists()

    linkeddata.build([corpus], out_dir=out, answers=True)
    folder = answers.current(out / "store")
    assert folder is not None
    assert "Edited, M23 rebels seized Goma" in (folder / "claims.tsv").read_text(encoding="utf-8")

    # Answers whose digest is not the store's are not read.
    (folder / answers.DIGEST).write_text("0" * 64 + "\n", encoding="ascii")
    assert answers.current(out / "store") is None
    claims = next(q for q in named_queries() if q.name == "claims")
    data = open_data([out])
    assert format_csv(run_query(claims.text, data)) == format_csv(run_query(claims.text, data, kept=False))
    # A build with nothing to do finds them again.
    linkeddata.build([corpus], out_dir=out, answers=True)
    assert answers.current(out / "store") is not None


def test_the_command_line_reads_kept_answers_and_limits(answered):
    runner = CliRunner()
    every = runner.invoke(main, ["query", "--name", "claims", "--data", str(answered), "-f", "csv"])
    first = runner.invoke(main, ["query", "--name", "claims", "--data", str(answered), "-f", "csv", "--limit", "3"])
    assert every.exit_code == first.exit_code == 0, every.output + first.output
    assert first.output.splitlines() == every.output.splitlines()[:4]
    table = runner.invoke(main, ["query", "--name", "claims", "--data", str(answered), "--limit", "2"])
    assert table.output.rstrip().endswith("(2 rows)")
    help_text = runner.invoke(main, ["build", "--help"]).output
    assert "--answers" in help_text
    bad = runner.invoke(main, ["query", "--name", "claims", "--data", str(answered), "--limit", "-1"])
    assert bad.exit_code == 2


def test_answers_found_in_several_processes_are_those_found_in_one(answered, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    for folder, jobs in ((one, 1), (two, 2)):
        shutil.copytree(answered / "store", folder)
        answers.write(folder, named_queries(), jobs=jobs)
    files = sorted(p.name for p in (one / answers.FOLDER).iterdir())
    assert files == sorted(p.name for p in (two / answers.FOLDER).iterdir()) and len(files) > 10
    for name in files:
        assert (one / answers.FOLDER / name).read_bytes() == (two / answers.FOLDER / name).read_bytes(), name
        assert (one / answers.FOLDER / name).read_bytes() == (answered / "store" / answers.FOLDER / name).read_bytes()


def test_a_failure_to_keep_the_answers_leaves_the_build_in_place(tmp_path, monkeypatch):
    def full_disk(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(answers, "write", full_disk)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(CORPUS), "-o", str(out), "-q", "--answers"])
    assert result.exit_code == 2
    assert "answers could not be kept: No space left on device" in result.output
    assert str(out / "store") in result.output
    assert (out / "void.ttl").is_file() and answers.current(out / "store") is None
    data = open_data([out])  # the build is in place, its store up to date: the store answers
    claims = next(q for q in named_queries() if q.name == "claims")
    assert len(rows(run_query(claims.text, data))) > 20
    monkeypatch.undo()
    again = CliRunner().invoke(main, ["build", str(CORPUS), "-o", str(out), "-q", "--answers"])
    assert again.exit_code == 0 and answers.current(out / "store") is not None


def test_answers_without_a_store_are_not_kept_and_the_build_says_so(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(CORPUS), "-o", str(out), "--no-store", "--answers"])
    assert result.exit_code == 0, result.output
    assert "no answers kept: they are found in the store, which this build does not write" in result.output
    assert not (out / "store").exists()
