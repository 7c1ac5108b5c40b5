import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import SEED_SLUG, snapshot
from rdflib import RDF, Graph, URIRef

from linkeddata.cli import main


@pytest.fixture
def runner():
    return CliRunner()


def test_help_explains_commands_and_exit_codes(runner):
    r = runner.invoke(main, ["--help"])
    assert r.exit_code == 0 and "build" in r.output and "validate" in r.output and "query" in r.output
    r = runner.invoke(main, ["build", "--help"])
    assert r.exit_code == 0
    text = " ".join(r.output.split())
    for words in ("--base-iri", "--format", "dataset.trig", "exit code is 1", "exits with 2"):
        assert words in text


def test_build_prints_summary_on_stderr_and_nothing_on_stdout(runner, tmp_path):
    r = runner.invoke(main, ["build", "-o", str(tmp_path / "out")])
    assert r.exit_code == 0, r.output
    assert r.stdout == ""
    assert "Built 1 article(s):" in r.stderr and "claims" in r.stderr and "triples" in r.stderr
    assert f"{SEED_SLUG}.ttl" in r.stderr


def test_build_runs_from_any_directory_with_the_bundled_seed(tmp_path):
    env = dict(os.environ)
    r = subprocess.run([sys.executable, "-m", "linkeddata.cli", "build", "-q"], cwd=tmp_path, env=env,
                       capture_output=True, text=True)  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "dist" / f"{SEED_SLUG}.ttl").is_file()


def test_validate_accepts_the_build(runner, seed_build):
    out = seed_build[1]
    files = [str(out / f"{SEED_SLUG}.{ext}") for ext in ("ttl", "nt", "jsonld")] + [str(out / "dataset.trig")]
    r = runner.invoke(main, ["validate", *files])
    assert r.exit_code == 0, r.output
    assert r.stderr == "4 files: conforms\n"
    for f in files:  # each file of a one-article build conforms on its own too
        r = runner.invoke(main, ["validate", f])
        assert r.exit_code == 0 and r.stderr == f"{f}: conforms\n"


def test_validate_reports_a_file_that_does_not_conform_with_exit_1(runner, seed_build, tmp_path):
    text = (seed_build[1] / f"{SEED_SLUG}.ttl").read_text(encoding="utf-8")
    # Drop every asserter: claims then lack prov:wasAttributedTo.
    broken = "\n".join(line for line in text.splitlines() if "prov:wasAttributedTo" not in line)
    bad = tmp_path / "bad.ttl"
    bad.write_text(broken, encoding="utf-8")
    report = tmp_path / "report.ttl"
    r = runner.invoke(main, ["validate", str(bad), "--report", str(report)])
    assert r.exit_code == 1
    assert "does not conform" in r.stderr and "prov:wasAttributedTo" in r.stderr
    assert "sh:conforms false" in report.read_text(encoding="utf-8")


def test_validate_broken_rdf_is_one_paragraph_exit_2(runner, tmp_path):
    bad = tmp_path / "broken.ttl"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    r = runner.invoke(main, ["validate", str(bad)])
    assert r.exit_code == 2
    assert r.stderr.startswith(f"Error: {bad}: not valid turtle")
    assert "Traceback" not in r.output


def test_build_with_unknown_actor_exits_2_and_keeps_output(runner, small, tmp_path):
    out = tmp_path / "out"
    assert runner.invoke(main, ["build", str(small), "-o", str(out)]).exit_code == 0
    before = snapshot(out)
    ann = small / "small-article.yaml"
    ann.write_text(ann.read_text(encoding="utf-8").replace("asserter: rebels", "asserter: rebelz"), encoding="utf-8")
    r = runner.invoke(main, ["build", str(small), "-o", str(out)])
    assert r.exit_code == 2
    assert "small-article.yaml:" in r.stderr and "'rebelz' is not a known actor id" in r.stderr
    assert "Traceback" not in r.output
    assert snapshot(out) == before


def test_build_with_quote_not_in_article_exits_2_naming_file_line_and_passage(runner, small, tmp_path):
    ann = small / "small-article.yaml"
    text = ann.read_text(encoding="utf-8").replace('"told Reuters"', '"told Reuter\'s"')
    ann.write_text(text, encoding="utf-8")
    r = runner.invoke(main, ["build", str(small), "-o", str(tmp_path / "out")])
    assert r.exit_code == 2
    line = text[: text.index("told Reuter's")].count("\n") + 1
    assert f"small-article.yaml:{line}:" in r.stderr
    assert "Nearest passage" in r.stderr and "told Reuters" in r.stderr


def test_unknown_format_and_bad_base_iri_are_usage_errors(runner, tmp_path):
    r = runner.invoke(main, ["build", "-f", "rdfxml", "-o", str(tmp_path)])
    assert r.exit_code == 2 and "rdfxml" in r.stderr
    r = runner.invoke(main, ["build", "--base-iri", "not an iri", "-o", str(tmp_path / "o")])
    assert r.exit_code == 2 and "base IRI" in r.stderr
    assert not (tmp_path / "o").exists()


def test_missing_input_is_exit_2(runner, tmp_path):
    r = runner.invoke(main, ["build", str(tmp_path / "nope"), "-o", str(tmp_path / "o")])
    assert r.exit_code == 2 and "no such file or folder" in r.stderr


def test_query_lists_named_queries(runner):
    r = runner.invoke(main, ["query", "--list"])
    assert r.exit_code == 0
    assert "actors-by-kind" in r.output and "Which actors appear in the article, by kind?" in r.output


def test_query_formats(runner, seed_build):
    data = str(seed_build[1])
    r = runner.invoke(main, ["query", "--name", "actors-by-kind", "--data", data, "--format", "json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["head"]["vars"] == ["kind", "actor", "label"]
    assert len(doc["results"]["bindings"]) == 28  # the seed's actors
    assert all(set(b) == {"kind", "actor", "label"} for b in doc["results"]["bindings"])
    r = runner.invoke(main, ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--data", data, "--format", "csv"])
    assert r.exit_code == 0 and r.stdout_bytes == b"n\r\n5568\r\n"
    assert seed_build[0].counts["triples"] == 5568
    r = runner.invoke(main, ["query", "SELECT ?s WHERE { ?s a <https://w3id.org/ld-export/ontology#Claim> } LIMIT 1",
                             "--data", data, "--format", "tsv"])  # fmt: skip
    graph = Graph().parse(seed_build[1] / f"{SEED_SLUG}.ttl")
    claims = {f"<{c}>" for c in graph.subjects(RDF.type, URIRef("https://w3id.org/ld-export/ontology#Claim"))}
    assert len(claims) == seed_build[0].counts["claims"] == 45
    assert r.exit_code == 0 and r.stdout.splitlines()[0] == "?s"
    assert len(r.stdout.splitlines()) == 2 and r.stdout.splitlines()[1] in claims
    r = runner.invoke(main, ["query", "--name", "claims", "--data", data])
    lines = r.stdout.splitlines()
    assert r.exit_code == 0 and lines[-1] == "(53 rows)"  # a row a claim and passage: 45 claims
    assert len(lines) == 2 + 53 + 1  # header, rule, rows, count


def test_query_ask_exit_code_and_construct_turtle(runner, seed_build):
    data = str(seed_build[1])
    yes = runner.invoke(main, ["query", "ASK { ?c a <https://w3id.org/ld-export/ontology#Claim> }", "--data", data])
    assert yes.exit_code == 0 and yes.stdout.strip() == "true"
    no = runner.invoke(main, ["query", "ASK { ?c a <urn:x:Nothing> }", "--data", data])
    assert no.exit_code == 1 and no.stdout.strip() == "false"
    c = runner.invoke(main, ["query", "CONSTRUCT { ?c a ?t } WHERE { ?c a ?t } LIMIT 3", "--data", data])
    assert c.exit_code == 0 and "@prefix" in c.stdout
    assert len(Graph().parse(data=c.stdout, format="turtle")) == 3


def test_query_syntax_error_has_line_and_column(runner, seed_build):
    r = runner.invoke(main, ["query", "SELECT ?s WHERE {\n  ?s ?p \n}", "--data", str(seed_build[1])])
    assert r.exit_code == 2
    assert "SPARQL syntax error at line" in r.stderr and "column" in r.stderr


def test_query_from_a_file_and_construct_as_jsonld(runner, seed_build, tmp_path):
    rq = tmp_path / "claims.rq"
    rq.write_text("SELECT (COUNT(?c) AS ?n) WHERE { ?c a <https://w3id.org/ld-export/ontology#Claim> }\n")
    r = runner.invoke(main, ["query", "--file", str(rq), "--data", str(seed_build[1]), "-f", "csv"])
    assert r.exit_code == 0 and r.stdout.splitlines() == ["n", str(seed_build[0].counts["claims"])]
    c = runner.invoke(main, ["query", "CONSTRUCT { ?c a ?t } WHERE { ?c a ?t } LIMIT 2", "--data",
                             str(seed_build[1]), "--format", "jsonld"])  # fmt: skip
    assert c.exit_code == 0
    assert len(json.loads(c.stdout)["@graph"]) in (1, 2)  # two triples: one node or two
    triples = set(Graph().parse(data=c.stdout, format="json-ld"))
    assert len(triples) == 2 and {p for _, p, _ in triples} == {RDF.type}


def test_query_needs_exactly_one_query(runner, seed_build):
    r = runner.invoke(main, ["query", "--data", str(seed_build[1])])
    assert r.exit_code == 2 and "give exactly one query" in r.stderr
    r = runner.invoke(main, ["query", "--name", "nope", "--data", str(seed_build[1])])
    assert r.exit_code == 2 and "no named query 'nope'" in r.stderr


def test_query_over_each_article_graph_and_the_union(runner, seed_build):
    data = str(seed_build[1])
    union = runner.invoke(
        main, ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--data", data, "--format", "csv"]
    )
    named = runner.invoke(main, ["query", "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
                                 "--data", data, "--format", "csv"])  # fmt: skip
    triples = str(seed_build[0].counts["triples"])
    assert union.stdout.splitlines()[1] == triples
    assert named.stdout.splitlines()[1] == f"{seed_build[0].articles[0].graph_iri},{triples}"


def test_query_over_a_folder_without_dataset_files_reads_only_article_data(runner, seed_build, tmp_path):
    import shutil

    folder = tmp_path / "ttl-only"
    folder.mkdir()
    for name in (f"{SEED_SLUG}.ttl", "void.ttl", "shacl-report.ttl"):
        shutil.copy(seed_build[1] / name, folder / name)
    r = runner.invoke(
        main, ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--data", str(folder), "--format", "csv"]
    )
    assert r.exit_code == 0 and r.stdout.splitlines()[1] == str(seed_build[0].counts["triples"])


def test_python_dash_m_linkeddata_runs_the_command_line():
    r = subprocess.run([sys.executable, "-m", "linkeddata", "query", "--list"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout == CliRunner().invoke(main, ["query", "--list"]).stdout
    assert r.stdout.startswith("actors-by-kind   Which actors appear in the article, by kind?\n")


def test_data_takes_several_paths_as_the_shell_expands_a_pattern(runner, corpus_build):
    """ld-export query --name disputed-claims --data corpus-dist/*.ttl: every article's file is read,
    so the disputes across articles are found as in the build folder."""
    folder = corpus_build[1]
    files = sorted(str(p) for p in folder.glob("*.ttl") if p.name not in ("void.ttl", "shacl-report.ttl"))
    assert len(files) == 3
    whole = runner.invoke(main, ["query", "--name", "disputed-claims", "--data", str(folder), "-f", "csv"])
    spread = runner.invoke(main, ["query", "--name", "disputed-claims", "--data", *files, "-f", "csv"])
    alone = runner.invoke(main, ["query", "--name", "disputed-claims", "--data", files[0], "-f", "csv"])
    assert whole.exit_code == spread.exit_code == alone.exit_code == 0, spread.output
    assert sorted(spread.stdout.splitlines()) == sorted(whole.stdout.splitlines())
    # 27 disputes in the corpus, one of them within the first article alone
    assert len(whole.stdout.splitlines()) == 1 + 27 and len(alone.stdout.splitlines()) == 1 + 1
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    for args in (["--data", *files, count], [count, "--data", *files]):  # the query text before or after
        r = runner.invoke(main, ["query", *args, "-f", "csv"])
        assert r.exit_code == 0 and r.stdout.splitlines()[1] == str(corpus_build[0].counts["triples"]), r.output
    r = runner.invoke(main, ["query", "--name", "thesis", files[0]])
    assert r.exit_code == 2 and "give the data to query with --data" in r.stderr


def test_a_short_option_means_the_same_in_every_command():
    meanings: dict[str, set[str]] = {}
    for command in main.commands.values():
        for param in command.params:
            shorts = [o for o in param.opts if len(o) == 2]
            longs = [o for o in [*param.opts, *param.secondary_opts] if o.startswith("--")]
            for short in shorts:
                meanings.setdefault(short, set()).add(longs[0])
    assert {k: v for k, v in meanings.items() if len(v) > 1} == {}
    assert meanings["-f"] == {"--format"}


def test_an_article_without_annotation_points_at_ld_export_draft(runner, tmp_path):
    folder = tmp_path / "new"
    folder.mkdir()
    (folder / "story.txt").write_text("A headline\n\nThe body.\n", encoding="utf-8")
    r = runner.invoke(main, ["build", str(folder), "-o", str(tmp_path / "out")])
    assert r.exit_code == 2
    assert r.stderr == (
        f"Error: {folder / 'story.txt'}: the article has no annotation: expected story.yaml beside it. "
        f"`ld-export draft {folder / 'story.txt'} -o {folder / 'story.yaml'}` writes a first one for a person "
        "to correct\n"
    )
    assert not (tmp_path / "out").exists()


def test_a_build_without_nquads_says_it_writes_no_store(runner, small, tmp_path):
    r = runner.invoke(main, ["build", str(small), "-o", str(tmp_path / "out"), "-f", "turtle"])
    assert r.exit_code == 0, r.output
    assert (
        "no store: it is loaded from the nquads format, which this build does not write (add nquads to the "
        "formats, or build with --no-store to skip it)\n"
    ) in r.stderr
    assert not (tmp_path / "out" / "store").exists()
    r = runner.invoke(main, ["build", str(small), "-o", str(tmp_path / "quiet"), "-f", "turtle", "--no-store"])
    assert r.exit_code == 0 and "no store" not in r.stderr
