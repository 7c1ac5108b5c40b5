import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import SEED_SLUG, snapshot, write_small
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

import linkeddata
from linkeddata import namespaces as ns
from linkeddata.errors import AnchorError, NotConformingError

EXPECTED_FILES = {
    f"{SEED_SLUG}.ttl", f"{SEED_SLUG}.jsonld", f"{SEED_SLUG}.nt",
    "dataset.trig", "dataset.nq", "void.ttl", "shacl-report.ttl",
}  # fmt: skip


def test_seed_build_writes_every_format_and_conforms(seed_build):
    result, out = seed_build
    assert {p.name for p in out.iterdir() if p.is_file()} == EXPECTED_FILES
    # and the folders of the embedded store and of what the next build may reuse
    assert {p.name for p in out.iterdir() if p.is_dir()} == {"store", ".ld-export-cache"}
    assert result.report.conforms
    # the seed annotation's 45 claims, 14 relationships and 17 events, every one built
    assert result.counts == {"articles": 1, "claims": 45, "relationships": 14, "events": 17, "anchors": 193,
                             "triples": 5568, "actors": 31, "places": 11}  # fmt: skip
    seed = yaml.safe_load((linkeddata.resources.seeds_dir() / f"{SEED_SLUG}.yaml").read_text(encoding="utf-8"))
    assert {k: len(seed[k]) for k in ("claims", "relationships", "events")} == {
        "claims": 45, "relationships": 14, "events": 17
    }


@pytest.mark.parametrize("ext,fmt", [(".ttl", "turtle"), (".jsonld", "json-ld"), (".nt", "nt")])
def test_per_article_files_parse_back_to_the_built_graph(seed_build, ext, fmt):
    result, out = seed_build
    parsed = Graph().parse(out / f"{SEED_SLUG}{ext}", format=fmt)
    assert isomorphic(parsed, result.articles[0].graph)


@pytest.mark.parametrize("name,fmt", [("dataset.trig", "trig"), ("dataset.nq", "nquads")])
def test_dataset_has_one_named_graph_per_article(seed_build, name, fmt):
    result, out = seed_build
    ds = Dataset()
    ds.parse(out / name, format=fmt)
    ag = result.articles[0]
    names = {g.identifier for g in ds.graphs() if len(g)}
    assert names == {ag.graph_iri}
    assert isomorphic(ds.graph(ag.graph_iri), ag.graph)


def test_ntriples_are_sorted(seed_build):
    lines = (seed_build[1] / f"{SEED_SLUG}.nt").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines)


def test_jsonld_embeds_the_shipped_context(seed_build):
    doc = json.loads((seed_build[1] / f"{SEED_SLUG}.jsonld").read_text(encoding="utf-8"))
    context = json.loads(linkeddata.resources.context_file().read_text(encoding="utf-8"))["@context"]
    assert doc["@context"] == context  # inline, so no processor fetches anything
    assert all(isinstance(n, dict) and "id" in n for n in doc["@graph"])


def test_article_carries_its_text_and_sha256(seed_build):
    result, _ = seed_build
    g, art = result.articles[0].graph, result.articles[0].article_iri
    text = str(g.value(art, ns.SCHEMA.text))
    assert text == result.articles[0].article.text
    assert str(g.value(art, ns.SCHEMA.sha256)) == result.articles[0].article.sha256


def test_every_anchor_quote_equals_the_text_at_its_offsets(seed_build):
    result, _ = seed_build
    g = result.articles[0].graph
    text = result.articles[0].article.text
    anchors = list(g.subjects(ns.RDF.type, ns.OA.SpecificResource))
    assert anchors
    for a in anchors:
        sels = list(g.objects(a, ns.OA.hasSelector))
        exact = next(g.value(s, ns.OA.exact) for s in sels if g.value(s, ns.OA.exact) is not None)
        start = next(g.value(s, ns.OA.start) for s in sels if g.value(s, ns.OA.start) is not None)
        end = next(g.value(s, ns.OA.end) for s in sels if g.value(s, ns.OA.end) is not None)
        assert text[int(start) : int(end)] == str(exact)


def test_no_blank_nodes_in_the_data(seed_build):
    g = seed_build[0].articles[0].graph
    assert not [t for t in g if any(type(x).__name__ == "BNode" for x in t)]


def _build_in_subprocess(out: Path, seed: str) -> dict[str, bytes]:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    subprocess.run([sys.executable, "-m", "linkeddata.cli", "build", "-q", "-o", str(out)], check=True, env=env,
                   cwd=out.parent)  # fmt: skip
    return snapshot(out)


def test_output_is_byte_identical_across_runs_and_hash_seeds(tmp_path):
    first = _build_in_subprocess(tmp_path / "a", "1")
    second = _build_in_subprocess(tmp_path / "b", "2")
    assert first.keys() == second.keys() == EXPECTED_FILES
    for name in first:
        assert first[name] == second[name], name


def test_small_article_builds_with_base_iri_and_format_subset(small, tmp_path):
    out = tmp_path / "out"
    result = linkeddata.build([small], out, formats=["turtle"], base_iri="https://example.org/kg/")
    assert {p.name for p in out.iterdir()} == {"small-article.ttl", "void.ttl", "shacl-report.ttl", ".ld-export-cache"}
    g = Graph().parse(out / "small-article.ttl")
    assert (None, ns.RDF.type, ns.LDE.Claim) in g
    assert all(str(s).startswith("https://example.org/kg/") for s in g.subjects() if "ontology" not in str(s))
    assert result.counts["claims"] == 2


def test_bad_quote_leaves_previous_output_untouched(small, tmp_path):
    out = tmp_path / "out"
    linkeddata.build([small], out)
    before = snapshot(out)
    ann = small / "small-article.yaml"
    ann.write_text(ann.read_text(encoding="utf-8").replace("in March", "in April"), encoding="utf-8")
    with pytest.raises(AnchorError):
        linkeddata.build([small], out)
    assert snapshot(out) == before


def test_data_that_does_not_conform_is_not_written_and_report_names_label_and_line(small, tmp_path):
    out = tmp_path / "out"
    linkeddata.build([small], out)
    before = snapshot(out)
    # A person can only be a member of an organisation: the annotation loader accepts any actor
    # id, the shapes reject a person as the organisation.
    ann = small / "small-article.yaml"
    text = ann.read_text(encoding="utf-8")
    bad = text.replace("    member_of: [rebels]\n", "    member_of: [helper]\n").replace(
        "places:\n", "  - id: helper\n    type: person\n    label: A helper\nplaces:\n", 1
    )
    ann.write_text(bad, encoding="utf-8")
    with pytest.raises(NotConformingError) as e:
        linkeddata.build([small], out)
    report = e.value.report
    assert not report.conforms
    v = next(v for v in report.violations if v.path == "schema:memberOf")
    assert v.focus_label == "A rebel commander"
    assert v.origin is not None and v.origin.file.name == "small-article.yaml"
    assert v.origin.line == bad[: bad.index("  - id: commander")].count("\n") + 1
    assert "'A rebel commander'" in report.describe() and "small-article.yaml:" in report.describe()
    failed = out / "shacl-report.failed.ttl"
    assert failed.is_file()
    assert {k: v for k, v in snapshot(out).items() if k != failed.name} == before
    # The next good build removes the failed report.
    ann.write_text(text, encoding="utf-8")
    linkeddata.build([small], out)
    assert not failed.exists()


def test_folder_input_builds_every_article_into_one_dataset(tmp_path):
    folder = write_small(tmp_path / "in")
    write_small(folder, slug="second-article")
    out = tmp_path / "out"
    result = linkeddata.build([folder], out)
    assert [a.article.slug for a in result.articles] == ["second-article", "small-article"]
    ds = Dataset()
    ds.parse(out / "dataset.nq", format="nquads")
    assert len({g.identifier for g in ds.graphs() if len(g)}) == 2
    # an actor is one resource across articles
    assert result.counts["actors"] == 4


def test_jsonld_keeps_the_order_of_rdf_lists():
    from rdflib import Graph as G
    from rdflib.compare import isomorphic as iso

    from linkeddata.write import to_jsonld

    g = G().parse(
        data="@prefix ex: <http://example.org/> . ex:a ex:p ( ex:z ex:y ex:x ) .",
        format="turtle",
    )
    assert iso(G().parse(data=to_jsonld(g).decode("utf-8"), format="json-ld"), g)


def test_an_actor_s_since_is_its_founding_date_and_conforms(tmp_path):
    """The registry's `since` (the government formed, the group founded) is schema:foundingDate,
    typed as precisely as it is given, beside `until` (schema:dissolutionDate)."""
    from conftest import SMALL_REGISTRY

    folder = write_small(tmp_path / "in", registry=SMALL_REGISTRY.replace(
        "label: The army\n", 'label: The army\n    since: "2004-06"\n    until: "2019"\n'))  # fmt: skip
    result = linkeddata.build([folder], tmp_path / "out", store=False)
    assert result.report.conforms
    g = Graph().parse(tmp_path / "out" / "small-article.ttl", format="turtle")
    dates = {(str(p).rsplit("/", 1)[-1], str(o), str(o.datatype).rsplit("#", 1)[-1])
             for s, p, o in g if p in (ns.SCHEMA.foundingDate, ns.SCHEMA.dissolutionDate)}
    assert dates == {("foundingDate", "2004-06", "gYearMonth"), ("dissolutionDate", "2019", "gYear")}
