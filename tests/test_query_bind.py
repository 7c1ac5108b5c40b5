"""Named queries about one actor or one article: ``--bind NAME=VALUE`` fixes a variable before the
query runs, and the answer is exactly the rows of the whole answer that have that value."""

import json

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef

from linkeddata.cli import main
from linkeddata.errors import InputError
from linkeddata.query import (
    load_dataset,
    named_queries,
    named_query,
    open_data,
    parse_binding,
    rows,
    run_query,
    select_also,
)

PARAMETERS = [(q.name, p) for q in named_queries() for p, _meaning in q.parameters]


def test_the_named_queries_take_an_actor_and_an_article():
    taking = {q.name: [p for p, _m in q.parameters] for q in named_queries() if q.parameters}
    assert taking == {
        "actors-by-kind": ["article"],
        "claims": ["actor", "article"],
        "disputes": ["article"],
        "events": ["article"],
        "hedged-claims": ["actor", "article"],
        "relationships": ["article"],
    }


def _answers_by_value(query_text: str, parameter: str, data) -> dict[str, list[dict[str, str]]]:
    """The whole answer, with the parameter selected too, split by its value."""
    by_value: dict[str, list[dict[str, str]]] = {}
    for row in rows(run_query(select_also(query_text, [parameter]), data)):
        value = row.pop(parameter)
        by_value.setdefault(value, []).append(row)
    return by_value


@pytest.mark.parametrize("engine", ["store", "rdflib"])
@pytest.mark.parametrize(("name", "parameter"), PARAMETERS)
def test_a_bound_answer_is_the_whole_answer_for_that_value(corpus_build, name, parameter, engine):
    out = corpus_build[1]
    data = open_data([out]) if engine == "store" else load_dataset([out])
    text = named_query(name).text
    whole = _answers_by_value(text, parameter, data)
    assert len(whole) >= 2, f"{name}: too few values of ?{parameter} in the corpus to tell them apart"
    for value in sorted(whole):
        bound = rows(run_query(text, data, bindings={parameter: URIRef(value)}))
        # The bound variable is not an answer column (the query does not select it).
        assert all(parameter not in r for r in bound)
        assert sorted(map(json.dumps, bound)) == sorted(map(json.dumps, whole[value])), (name, value)


def test_a_value_nothing_has_gives_no_rows(corpus_build):
    data = open_data([corpus_build[1]])
    nobody = URIRef("https://w3id.org/ld-export/data/actor/nobody")
    assert rows(run_query(named_query("claims").text, data, bindings={"actor": nobody})) == []


def test_a_selected_variable_can_be_bound_and_stays_a_column(corpus_build):
    data = open_data([corpus_build[1]])
    sparql = (
        "SELECT ?article ?title WHERE { ?article a <http://schema.org/NewsArticle> ; "
        "<http://schema.org/headline> ?title }"
    )
    every = rows(run_query(sparql, data))
    assert len(every) == 3
    one = rows(run_query(sparql, data, bindings={"article": URIRef(every[1]["article"])}))
    assert one == [every[1]]


def test_a_variable_the_query_does_not_use_is_refused(corpus_build):
    with pytest.raises(InputError, match=r"no variable \?actr to bind \(its variables: .*\?actor"):
        run_query(
            named_query("claims").text, open_data([corpus_build[1]]), bindings={"actr": URIRef("https://x.org/a")}
        )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("actor=https://w3id.org/ld-export/data/actor/isis", ("actor", URIRef("https://w3id.org/ld-export/data/actor/isis"))),
        ("?actor=<https://x.org/a b>", None),
        ("article=<https://x.org/a>", ("article", URIRef("https://x.org/a"))),
        ('label="Ramadi"@en', ("label", Literal("Ramadi", lang="en"))),
        ('label="say \\"no\\""', ("label", Literal('say "no"'))),
        ("n=3", ("n", Literal(3))),
        ('y="2015"^^<http://www.w3.org/2001/XMLSchema#gYear>',
         ("y", Literal("2015", datatype=URIRef("http://www.w3.org/2001/XMLSchema#gYear")))),
        ("actor", None),
        ("=https://x.org/a", None),
        ("actor=isis", None),
        ('label="open', None),
    ],
)  # fmt: skip
def test_bind_values(text, expected):
    if expected is None:
        with pytest.raises(InputError, match="--bind"):
            parse_binding(text)
    else:
        assert parse_binding(text) == expected


def test_select_also_finds_the_outer_select_past_comments_iris_and_strings():
    sparql = 'PREFIX a: <http://x.org/#SELECT>\n# SELECT in a comment\nSELECT DISTINCT ?x WHERE { ?x a:p "SELECT" }'
    assert select_also(sparql, ["y"]).endswith('SELECT DISTINCT ?y ?x WHERE { ?x a:p "SELECT" }')


def test_cli_claims_of_one_article(corpus_build):
    out = corpus_build[1]
    whole = _answers_by_value(named_query("claims").text, "article", open_data([out]))
    article = sorted(whole)[0]
    runner = CliRunner()
    result = runner.invoke(
        main, ["query", "--name", "claims", "--bind", f"article={article}", "-d", str(out), "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert len(answer["results"]["bindings"]) == len(whole[article])
    assert answer["head"]["vars"] == ["claim", "asserter", "chain", "hedge", "exact", "start", "end"]


def test_cli_refuses_a_parameter_the_named_query_does_not_take(corpus_build):
    result = CliRunner().invoke(
        main, ["query", "--name", "events", "--bind", "actor=https://x.org/a", "-d", str(corpus_build[1])]
    )
    assert result.exit_code == 2
    assert "named query events has no parameter 'actor': its parameters are article (see --list)" in result.output


def test_cli_list_shows_the_parameters():
    result = CliRunner().invoke(main, ["query", "--list"])
    assert result.exit_code == 0
    assert "--bind actor=IRI: the actor who asserts the claim" in result.output
    assert "--bind article=IRI: the article that reports the claim" in result.output


def test_a_query_that_declares_its_parameters_gets_them_spelt_out(corpus_build, monkeypatch):
    """The store starts from a value only where the query says its parameter may be spelt out (a
    ``# parameter:`` line, as the named queries have); any other query gets Oxigraph's substitutions."""
    import linkeddata.query as query

    spelt: list[str] = []
    real = query._spell_out
    monkeypatch.setattr(query, "_spell_out", lambda sparql, bindings: spelt.append(sparql) or real(sparql, bindings))
    data = open_data([corpus_build[1]])
    claims = named_query("claims").text
    actor = URIRef(rows(run_query(select_also(claims, ["actor"]), data))[0]["actor"])
    whole = rows(run_query(claims, data, bindings={"actor": actor}))
    undeclared = "\n".join(line for line in claims.splitlines() if not line.startswith("# parameter:"))
    assert len(spelt) == 1
    assert rows(run_query(undeclared, data, bindings={"actor": actor})) == whole and len(spelt) == 1
    assert rows(run_query(claims + "\nLIMIT 1", data, bindings={"actor": actor})) == whole[:1] and len(spelt) == 2


def _values(text: str, parameter: str, data) -> list[str]:
    return sorted({r[parameter] for r in rows(run_query(select_also(text, [parameter]), data)) if parameter in r})


@pytest.mark.parametrize("name", [q.name for q in named_queries()])
def test_a_shipped_query_runs_in_the_store_unparsed_and_answers_as_when_checked(corpus_build, name, monkeypatch):
    """A shipped named query goes to the store without rdflib reading it first (about 0.1 s for the
    longest): its answer, columns and their order are those of the checked route, bound or not."""
    import linkeddata.query as query

    data = open_data([corpus_build[1]])
    named = named_query(name)
    runs = [{}] + [{p: URIRef(v)} for p, _m in named.parameters for v in _values(named.text, p, data)[:2]]

    def answers():
        out = []
        for bindings in runs:
            result = run_query(named.text, data, bindings=bindings)
            out.append(([str(v) for v in result.vars], rows(result)))
        return out

    checked = (monkeypatch.setattr(query, "_shipped", dict), answers())[1]
    monkeypatch.undo()

    def refuse(*_args, **_kwargs):
        raise AssertionError("rdflib parsed a shipped query run in the store")

    monkeypatch.setattr(query, "parseQuery", refuse)
    assert answers() == checked
    assert any(r for _v, r in checked), f"{name}: no rows in the corpus to compare"


@pytest.mark.parametrize("name", [q.name for q in named_queries()])
def test_a_shipped_query_passes_the_checks_it_skips(corpus_build, name):
    """What run_query checks of any other query, checked here once for the shipped ones: it parses,
    it names its answer's columns (no SELECT *), it reads only the data it is given."""
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery

    import linkeddata.query as query

    text = named_query(name).text
    parsed = parseQuery(text)
    assert parsed[1].name == "SelectQuery" and "projection" in parsed[1]
    query._check_reach(translateQuery(parsed), open_data([corpus_build[1]]), name, allow_service=False)


def test_a_shipped_query_bound_by_another_variable_is_checked(corpus_build, monkeypatch):
    """Only the declared parameters skip the checks: any other bound variable is checked as usual."""
    import linkeddata.query as query

    parsed = []
    real = query.parseQuery
    monkeypatch.setattr(query, "parseQuery", lambda text: parsed.append(text) or real(text))
    data = open_data([corpus_build[1]])
    with pytest.raises(InputError, match="no variable"):
        run_query(named_query("claims").text, data, bindings={"nobody": URIRef("https://example.org/x")})
    assert len(parsed) == 1
