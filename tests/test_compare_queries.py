"""benchmarks/compare_queries.py: two versions of a query, timed in turns, must answer alike."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from linkeddata import resources


def _script():
    path = Path(__file__).parents[1] / "benchmarks" / "compare_queries.py"
    spec = importlib.util.spec_from_file_location("compare_queries", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_two_versions_that_answer_alike_pass_and_others_fail(seed_build, tmp_path, capsys):
    _, build = seed_build
    unasserted = resources.queries_dir() / "unasserted.rq"
    same = tmp_path / "same.rq"
    same.write_text(unasserted.read_text(encoding="utf-8").replace("ORDER BY ?kind ?resource",
                                                                     "ORDER BY ?kind ?resource ?certainty"))
    other = tmp_path / "other.rq"
    other.write_text("SELECT ?s WHERE { ?s a <https://w3id.org/ld-export/ontology#Claim> } LIMIT 3")
    script = _script()
    assert script.main([str(build), str(unasserted), str(same), "--runs", "1"]) == 0
    out = capsys.readouterr().out
    assert "answers: the same rows in the same order" in out and out.count(" rows  ") == 2
    assert script.main([str(build), str(unasserted), str(other), "--runs", "1"]) == 1
    assert "answers: DIFFERENT" in capsys.readouterr().out
