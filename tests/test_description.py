"""The VoID / DCAT / PROV description every build writes (void.ttl)."""

import hashlib
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEED_SLUG, snapshot, write_small
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef

import linkeddata
from linkeddata import resources
from linkeddata.cli import main
from linkeddata.describe import source_date
from linkeddata.errors import InputError
from linkeddata.namespaces import DCTERMS, OWL, PROV, RDF, SCHEMA, XSD
from linkeddata.validate import validate_graph

VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
BASE = "https://w3id.org/ld-export/data/"
DATASET = URIRef(BASE + "dataset")
MEDIA_TYPES = {
    ".ttl": "text/turtle",
    ".jsonld": "application/ld+json",
    ".nt": "application/n-triples",
    ".trig": "application/trig",
    ".nq": "application/n-quads",
}


def description(out: Path) -> Graph:
    return Graph().parse(out / "void.ttl", format="turtle")


def graphs_as_written(out: Path) -> dict[URIRef, set]:
    """Each named graph of the written dataset.nq, as a set of triples."""
    ds = Dataset()
    ds.parse(out / "dataset.nq", format="nquads")
    found: dict[URIRef, set] = {}
    for s, p, o, g in ds.quads((None, None, None, None)):
        found.setdefault(g.identifier if hasattr(g, "identifier") else g, set()).add((s, p, o))
    return found


def expected_counts(triples: set) -> dict:
    """VoID statistics computed here, straight from the triples."""
    types: dict[URIRef, set] = {}
    for s, p, o in triples:
        if p == RDF.type:
            types.setdefault(o, set()).add(s)
    return {
        "triples": len(triples),
        "entities": len({s for s, _p, _o in triples if isinstance(s, URIRef)}),
        "distinctSubjects": len({s for s, _p, _o in triples}),
        "distinctObjects": len({o for _s, _p, o in triples}),
        "properties": len({p for _s, p, _o in triples}),
        "classes": len(types),
        "class": {c: len({s for s in members if isinstance(s, URIRef)}) for c, members in types.items()},
        "property": dict(Counter(p for _s, p, _o in triples)),
    }


def described_counts(d: Graph, node: URIRef) -> dict:
    counts = {k: int(d.value(node, VOID[k])) for k in
              ("triples", "entities", "distinctSubjects", "distinctObjects", "properties", "classes")}  # fmt: skip
    counts["class"] = {}
    for part in d.objects(node, VOID.classPartition):
        cls = d.value(part, VOID["class"])
        assert cls not in counts["class"], f"two partitions for {cls}"
        counts["class"][cls] = int(d.value(part, VOID.entities))
    counts["property"] = {}
    for part in d.objects(node, VOID.propertyPartition):
        prop = d.value(part, VOID.property)
        assert prop not in counts["property"], f"two partitions for {prop}"
        counts["property"][prop] = int(d.value(part, VOID.triples))
    return counts


def described_totals(d: Graph, node: URIRef) -> dict:
    """The whole build's counts: over the union of its named graphs."""
    return {
        "triples": int(d.value(node, VOID.triples)),
        "properties": int(d.value(node, VOID.properties)),
        "classes": int(d.value(node, VOID.classes)),
        "class": {d.value(part, VOID["class"]) for part in d.objects(node, VOID.classPartition)},
        "property": {d.value(part, VOID.property): int(d.value(part, VOID.triples))
                     for part in d.objects(node, VOID.propertyPartition)},
    }  # fmt: skip


def expected_totals(graphs: list[set]) -> dict:
    """The counts of the union of ``graphs``: each distinct triple once."""
    union = set().union(*graphs)
    properties = Counter(p for _s, p, _o in union)
    classes = {o for _s, p, o in union if p == RDF.type}
    return {"triples": len(union), "properties": len(properties), "classes": len(classes),
            "class": classes, "property": dict(properties)}  # fmt: skip


@pytest.fixture(scope="module")
def two_articles(tmp_path_factory):
    """Two small articles that share their actors and places: (BuildResult, folder)."""
    folder = write_small(tmp_path_factory.mktemp("in"))
    write_small(folder, slug="second-article")
    out = tmp_path_factory.mktemp("out")
    return linkeddata.build([folder], out), out


# -- counts ------------------------------------------------------------------------------------


def test_seed_counts_per_graph_and_in_total_equal_the_data(seed_build):
    result, out = seed_build
    d = description(out)
    written = graphs_as_written(out)
    ag = result.articles[0]
    assert set(d.objects(DATASET, VOID.subset)) == {ag.graph_iri} == set(written)
    assert set(written[ag.graph_iri]) == set(ag.graph)
    expected = expected_counts(written[ag.graph_iri])
    assert described_counts(d, ag.graph_iri) == expected
    assert described_totals(d, DATASET) == expected_totals([written[ag.graph_iri]])  # one article: that graph
    # Numbers the pipeline reports independently agree.
    assert expected["triples"] == result.counts["triples"]
    assert expected["class"][URIRef("https://w3id.org/ld-export/ontology#Claim")] == result.counts["claims"]
    assert expected["class"][URIRef("http://www.w3.org/ns/oa#SpecificResource")] == result.counts["anchors"]


@pytest.mark.parametrize("build", ["two_articles", "corpus_build"])
def test_whole_dataset_counts_each_distinct_triple_of_the_union_once(build, request):
    """Each graph is counted as it is, the whole build as the union of the graphs: a triple that
    several articles' graphs hold (an actor they share) counts once, unlike in dataset.nq."""
    result, out = request.getfixturevalue(build)
    d = description(out)
    written = graphs_as_written(out)
    assert set(d.objects(DATASET, VOID.subset)) == {a.graph_iri for a in result.articles} == set(written)
    for iri, triples in written.items():
        assert described_counts(d, iri) == expected_counts(triples)
    assert described_totals(d, DATASET) == expected_totals(list(written.values()))
    union = set().union(*written.values())
    quads = (out / "dataset.nq").read_bytes().count(b"\n")
    assert int(d.value(DATASET, VOID.triples)) == len(union) == result.counts["triples"] < quads


def test_partition_iris_are_minted_under_the_base_and_there_are_no_blank_nodes(seed_build):
    result, out = seed_build
    d = description(out)
    assert not [t for t in d if any(isinstance(x, BNode) for x in t)]
    slug = result.articles[0].article.slug
    for node, prefix in ((DATASET, f"{BASE}dataset/"), (result.articles[0].graph_iri, f"{BASE}dataset/graph/{slug}/")):
        parts = set(d.objects(node, VOID.classPartition)) | set(d.objects(node, VOID.propertyPartition))
        assert parts and all(str(p).startswith(prefix) for p in parts)
    subjects = {s for s in d.subjects() if isinstance(s, URIRef)}
    ontology = {URIRef(s) for s in Graph().parse(resources.ontology_file()).objects(None, OWL.versionIRI)}
    shapes = {URIRef("https://w3id.org/ld-export/shapes")}
    assert all(str(s).startswith(BASE) for s in subjects - ontology - shapes)


# -- licence, sources, files, provenance -------------------------------------------------------


def test_description_names_the_source_article_and_its_sha256(seed_build):
    result, out = seed_build
    d = description(out)
    ag = result.articles[0]
    digest = hashlib.sha256((resources.seeds_dir() / f"{SEED_SLUG}.txt").read_bytes()).hexdigest()
    for node in (DATASET, ag.graph_iri):
        assert (node, DCTERMS.source, ag.article_iri) in d
        assert (node, PROV.wasDerivedFrom, ag.article_iri) in d
        assert (node, DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")) in d
        assert {VOID.Dataset, DCAT.Dataset} <= set(d.objects(node, RDF.type))
    assert d.value(ag.article_iri, SCHEMA.sha256) == Literal(digest)


def test_every_data_file_is_a_distribution_with_its_size_and_checksum(seed_build):
    result, out = seed_build
    d = description(out)
    ag = result.articles[0]
    owners = {f"{SEED_SLUG}{ext}": ag.graph_iri for ext in (".ttl", ".jsonld", ".nt")}
    owners |= {"dataset.trig": DATASET, "dataset.nq": DATASET}
    assert {str(d.value(x, DCTERMS.title)) for x in d.subjects(RDF.type, DCAT.Distribution)} == set(owners)
    for name, owner in owners.items():
        data = (out / name).read_bytes()
        dist = URIRef(f"{BASE}dataset/distribution/{name}")
        assert (owner, DCAT.distribution, dist) in d
        assert d.value(dist, DCAT.mediaType) == URIRef(
            "https://www.iana.org/assignments/media-types/" + MEDIA_TYPES[Path(name).suffix]
        )
        assert int(d.value(dist, DCAT.byteSize)) == len(data)
        checksum = d.value(dist, SPDX.checksum)
        assert d.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
        assert str(d.value(checksum, SPDX.checksumValue)) == hashlib.sha256(data).hexdigest()


def test_only_written_files_are_distributions(small, tmp_path):
    out = tmp_path / "out"
    linkeddata.build([small], out, formats=["ntriples"])
    d = description(out)
    names = {str(d.value(x, DCTERMS.title)) for x in d.subjects(RDF.type, DCAT.Distribution)}
    assert names == {"small-article.nt"}


def test_build_activity_used_this_tool_and_the_ontology_version(seed_build):
    _result, out = seed_build
    d = description(out)
    activity = d.value(DATASET, PROV.wasGeneratedBy)
    assert (activity, RDF.type, PROV.Activity) in d
    version_iri = Graph().parse(resources.ontology_file()).value(URIRef("https://w3id.org/ld-export/ontology"),
                                                                  OWL.versionIRI)  # fmt: skip
    assert version_iri is not None
    used = set(d.objects(activity, PROV.used))
    assert version_iri in used
    tools = [u for u in used if (u, SCHEMA.softwareVersion, None) in d]
    assert len(tools) == 1
    assert d.value(tools[0], SCHEMA.softwareVersion) == Literal(linkeddata.__version__)
    assert d.value(tools[0], SCHEMA.name) == Literal("ld-export")


# -- determinism and time ------------------------------------------------------------------------


def test_description_is_deterministic_and_holds_no_local_path(small, tmp_path):
    first, second = tmp_path / "a", tmp_path / "elsewhere" / "b"
    linkeddata.build([small], first)
    linkeddata.build([small], second)
    text = (first / "void.ttl").read_bytes()
    assert text == (second / "void.ttl").read_bytes()
    for local in (str(tmp_path), "file:"):
        assert local.encode() not in text


def test_no_time_without_source_date_epoch(small, tmp_path, monkeypatch):
    """The library reads no environment: SOURCE_DATE_EPOCH set, a build without ``issued`` has no time."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1433116800")
    linkeddata.build([small], tmp_path / "out")
    d = description(tmp_path / "out")
    assert not [o for o in d.objects() if isinstance(o, Literal) and o.datatype == XSD.dateTime]
    assert b"dateTime" not in (tmp_path / "out" / "void.ttl").read_bytes()


def test_source_date_epoch_gives_issued_and_ended_time(small, tmp_path, monkeypatch):
    """The command line reads SOURCE_DATE_EPOCH and passes it in (``issued``)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1433116800")
    r = CliRunner().invoke(main, ["build", str(small), "-o", str(tmp_path / "out"), "-q"])
    assert r.exit_code == 0, r.stderr
    d = description(tmp_path / "out")
    when = Literal("2015-06-01T00:00:00Z", datatype=XSD.dateTime)
    assert d.value(DATASET, DCTERMS.issued) == when
    assert d.value(d.value(DATASET, PROV.wasGeneratedBy), PROV.endedAtTime) == when
    # …and the same time given to the library gives the same bytes.
    linkeddata.build([small], tmp_path / "again", issued=source_date({"SOURCE_DATE_EPOCH": "1433116800"}))
    assert (tmp_path / "out" / "void.ttl").read_bytes() == (tmp_path / "again" / "void.ttl").read_bytes()


@pytest.mark.parametrize("value", ["yesterday", "1.5", "-3", "99999999999999999999"])
def test_malformed_source_date_epoch_is_bad_input_and_writes_nothing(small, tmp_path, monkeypatch, value):
    out = tmp_path / "out"
    linkeddata.build([small], out)
    before = snapshot(out)
    with pytest.raises(InputError, match="SOURCE_DATE_EPOCH"):
        source_date({"SOURCE_DATE_EPOCH": value})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    r = CliRunner().invoke(main, ["build", str(small), "-o", str(out)])
    assert r.exit_code == 2
    assert "SOURCE_DATE_EPOCH" in r.stderr and "Traceback" not in r.stderr
    assert snapshot(out) == before


# -- validation --------------------------------------------------------------------------------


def test_every_turtle_file_of_the_build_still_validates(seed_build):
    _result, out = seed_build
    files = sorted(out.glob("*.ttl"))
    assert out / "void.ttl" in files
    r = CliRunner().invoke(main, ["validate", *map(str, files)])
    assert r.exit_code == 0, r.stderr
    assert "void.ttl: conforms" in r.stderr
    # …also as one graph: the description agrees with the data it describes.
    union = Graph()
    for path in files:
        union.parse(path, format="turtle")
    assert validate_graph(union).conforms
