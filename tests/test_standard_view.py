"""The competency questions asked in standard terms only, over the files a build writes.

A client that knows schema.org, the W3C Web Annotation model, SEM, CiTO, PROV-O and RDF (but no
term of the project's own namespaces, and no reasoner) reads the Turtle files of a build with
rdflib, no ontology loaded, and asks each named competency question its own way. The answers must
be those of the named queries. Where a standard term cannot say as much as the project's (the
actor kinds beyond schema.org's Person / Organization / NewsMediaOrganization, the name of a
hedging level or of a stance), the test says which part is compared and how.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from conftest import SEED_SLUG
from rdflib import Graph, URIRef

import linkeddata
from linkeddata.query import load_dataset, named_query, rows, run_query

PREFIXES = """\
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <http://schema.org/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX cito: <http://purl.org/spar/cito/>
PREFIX wd: <http://www.wikidata.org/entity/>
"""
CORPUS = Path(__file__).parent / "data" / "corpus"

# schema.org's type for each kind of actor (the project's classes say more than schema.org can)
SCHEMA_KIND = {
    "Person": "Person", "MediaOutlet": "NewsMediaOrganization", "State": "Organization",
    "Government": "Organization", "MilitaryForce": "Organization", "ArmedGroup": "Organization",
    "Organization": "Organization", "PopulationGroup": None,
}  # fmt: skip


@pytest.fixture(scope="module")
def files(seed_build) -> Graph:
    """The seed build's Turtle file, as written, and nothing else."""
    return Graph().parse(seed_build[1] / f"{SEED_SLUG}.ttl", format="turtle")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus")
    linkeddata.build([CORPUS], out, store=False)
    graph = Graph()
    for path in sorted(out.glob("*.ttl")):
        if path.name not in ("void.ttl", "shacl-report.ttl"):
            graph.parse(path, format="turtle")
    return out, graph


def standard(graph: Graph, sparql: str) -> list[dict[str, str]]:
    assert "w3id.org/ld-export/ontology#" not in sparql and "lde:" not in sparql
    result = graph.query(PREFIXES + sparql)
    return [{str(k): ("" if row[k] is None else str(row[k])) for k in result.vars} for row in result]


def named(dataset, name: str) -> list[dict[str, str]]:
    return rows(run_query(named_query(name).text, dataset))


def local(iri: str, after: str) -> str:
    return iri.rsplit(after, 1)[1]


def schema_kinds(graph: Graph) -> dict[str, str | None]:
    found = standard(graph, """
        SELECT ?actor ?type WHERE {
          ?actor a prov:Agent .
          OPTIONAL {
            ?actor a ?type .
            FILTER(?type IN (schema:Person, schema:Organization, schema:NewsMediaOrganization))
          }
        }""")  # fmt: skip
    kinds: dict[str, set[str]] = defaultdict(set)
    for r in found:
        kinds[r["actor"]].add(r["type"].rsplit("/", 1)[-1] if r["type"] else "")
    # the most specific schema.org type: a news media organization is an organization too
    return {a: next((k for k in ("NewsMediaOrganization", "Person", "Organization") if k in ts), None)
            for a, ts in kinds.items()}  # fmt: skip


def test_cq1_actors_in_standard_terms(files, seed_dataset):
    want = named(seed_dataset, "actors-by-kind")
    got = standard(files, """
        SELECT DISTINCT ?actor ?label WHERE {
          ?article a schema:NewsArticle ; schema:mentions ?actor .
          ?actor a prov:Agent ; rdfs:label ?label .
        }""")  # fmt: skip
    assert {(r["actor"], r["label"]) for r in got} == {(r["actor"], r["label"]) for r in want}
    kinds = schema_kinds(files)
    assert {r["actor"]: kinds[r["actor"]] for r in want} == {r["actor"]: SCHEMA_KIND[r["kind"]] for r in want}
    assert len(want) == 28


def test_cq2_relationships_as_reified_statements_with_whose_word(files, seed_dataset):
    want = named(seed_dataset, "relationships")
    got = standard(files, """
        SELECT ?relationship ?kind ?from ?to ?who WHERE {
          ?r a rdf:Statement ; rdfs:label ?relationship ;
             rdf:subject/rdfs:label ?from ; rdf:predicate ?k ; rdf:object/rdfs:label ?to ;
             prov:wasAttributedTo/rdfs:label ?who .
          BIND(STRAFTER(STR(?k), "relationship-kind/") AS ?kind)
        }""")  # fmt: skip
    words = defaultdict(set)
    for r in got:
        words[(r["kind"], r["from"], r["to"], r["relationship"])].add(r["who"])
    assert words == {(r["kind"], r["from"], r["to"], r["relationship"]): set(r["onTheWordOf"].split(", "))
                     for r in want}  # fmt: skip
    assert len(want) == 14


def chains(graph: Graph) -> dict[str, str]:
    """Each claim's chain, "1. A to B → 2. B in Outlet", followed outwards through PROV alone."""
    edges = standard(graph, """
        SELECT ?hop ?from ?label WHERE {
          ?hop prov:wasQuotedFrom|prov:wasDerivedFrom ?from ; rdfs:label ?label .
          FILTER NOT EXISTS { ?hop a schema:NewsArticle }
        }""")  # fmt: skip
    after = {r["from"]: (r["hop"], r["label"]) for r in edges}
    out = {}
    for (claim,) in graph.query(PREFIXES + "SELECT ?c WHERE { ?c a schema:Claim }"):
        steps, node = [], str(claim)
        while node in after:
            node, label = after[node]
            steps.append(f"{len(steps) + 1}. {label}")
        out[str(claim)] = " → ".join(steps)
    return out


def test_cq3_claims_who_chain_words_and_offsets(files, seed_dataset):
    want = named(seed_dataset, "claims")
    got = standard(files, """
        SELECT ?c ?claim ?asserter ?exact ?start ?end WHERE {
          ?c a schema:Claim ; rdfs:label ?claim ; schema:author/rdfs:label ?asserter .
          ?annotation a oa:Annotation ; oa:motivatedBy oa:describing ; oa:hasBody ?c ; oa:hasTarget ?span .
          ?span oa:hasSource ?article ; oa:hasSelector ?q, ?p .
          ?c schema:appearance ?article .
          ?q oa:exact ?exact . ?p oa:start ?start ; oa:end ?end .
        }""")  # fmt: skip
    chain = chains(files)
    assert sorted((r["claim"], r["asserter"], chain[r["c"]], r["exact"], r["start"], r["end"]) for r in got) == sorted(
        (r["claim"], r["asserter"], r["chain"], r["exact"], r["start"], r["end"]) for r in want)  # fmt: skip
    # How hedged: a client without the hedge scheme sees the hedging words (oa:classifying) and,
    # for a claim whose words are lost, no schema:text.
    cued = {r["claim"] for r in standard(files, """
        SELECT ?claim WHERE {
          ?a oa:motivatedBy oa:classifying ; oa:hasBody ?c . ?c a schema:Claim ; rdfs:label ?claim .
        }""")}  # fmt: skip
    assert cued == {r["claim"] for r in want if r["hedge"] not in ("asserted", "unknown")}
    silent = {r["claim"] for r in standard(files, """
        SELECT ?claim WHERE { ?c a schema:Claim ; rdfs:label ?claim . FILTER NOT EXISTS { ?c schema:text ?t } }""")}
    assert silent == {r["claim"] for r in want if r["hedge"] == "unknown"} and len(silent) == 1


def test_cq4_events_where_and_when(files, seed_dataset):
    want = named(seed_dataset, "events")
    got = standard(files, """
        SELECT ?e ?event ?type ?time ?precision ?timeWords
        WHERE {
          ?e a sem:Event ; rdfs:label ?event ; sem:eventType ?t .
          BIND(STRAFTER(STR(?t), "event-type/") AS ?type)
          OPTIONAL { ?e sem:hasTimeStamp ?time . BIND(STRAFTER(STR(DATATYPE(?time)), "#") AS ?precision) }
          OPTIONAL {
            ?a oa:motivatedBy oa:classifying ; oa:hasBody ?e ; oa:hasTarget/oa:hasSelector/oa:exact ?timeWords
          }
        }""")  # fmt: skip
    places = defaultdict(list)
    for r in standard(files, "SELECT ?e ?place WHERE { ?e a sem:Event ; sem:hasPlace/rdfs:label ?place }"):
        places[r["e"]].append(r["place"])
    for r in got:
        r["places"] = ", ".join(sorted(places[r["e"]]))
    keys = ("event", "type", "places", "time", "precision", "timeWords")
    assert sorted(tuple(r[k] for k in keys) for r in got) == sorted(tuple(r[k] for k in keys) for r in want)
    assert len(want) == 17


def test_cq5_hedged_claims_by_their_words(files, seed_dataset):
    want = named(seed_dataset, "hedged-claims")
    got = standard(files, """
        SELECT DISTINCT ?cue ?claim ?asserter WHERE {
          ?a oa:motivatedBy oa:classifying ; oa:hasBody ?c ; oa:hasTarget/oa:hasSelector/oa:exact ?cue .
          ?c a schema:Claim ; rdfs:label ?claim ; schema:author/rdfs:label ?asserter .
        }""")  # fmt: skip
    keys = ("cue", "claim", "asserter")
    assert sorted(tuple(r[k] for k in keys) for r in got) == sorted(tuple(r[k] for k in keys) for r in want)
    assert len(want) == 10  # "The Assad regime appears to be helping ISIS" has the cue "appears" twice: one row


def test_cq6_outside_sources(files, seed_dataset):
    want = named(seed_dataset, "sources")
    got = standard(files, """
        SELECT ?s ?source ?role ?c WHERE {
          ?c a schema:Claim ; schema:appearance ?article .
          ?article schema:publisher ?publisher .
          {
            ?c schema:author ?s . BIND("asserts" AS ?role)
          } UNION {
            ?hop (prov:wasQuotedFrom|prov:wasDerivedFrom)+ ?c .
            FILTER NOT EXISTS { ?hop a schema:NewsArticle }
            { ?hop prov:wasAttributedTo ?s . BIND("passes on" AS ?role) }
            UNION { ?hop schema:publisher ?s . BIND("publishes" AS ?role) }
          } UNION {
            ?c schema:firstAppearance/schema:publisher ?s . BIND("publishes" AS ?role)
          }
          FILTER(?s != ?publisher)
          ?s rdfs:label ?source .
        }""")  # fmt: skip
    roles, claims, iri = defaultdict(set), defaultdict(set), {}
    for r in got:
        roles[r["source"]].add(r["role"])
        claims[r["source"]].add(r["c"])
        iri[r["source"]] = r["s"]
    kinds = schema_kinds(files)
    assert {(s, ", ".join(sorted(roles[s])), str(len(claims[s])), kinds[iri[s]]) for s in roles} == {
        (r["source"], r["roles"], r["claims"], SCHEMA_KIND[r["kind"]]) for r in want}  # fmt: skip
    assert len(want) == 8


def test_cq7_thesis(files, seed_dataset):
    want = named(seed_dataset, "thesis")
    got = standard(files, """
        SELECT DISTINCT ?opposed ?ally ?partner WHERE {
          ?us schema:sameAs wd:Q30 .
          ?isis schema:sameAs wd:Q2429253 .
          ?opposition rdf:predicate ?k1 ; rdf:subject/schema:parentOrganization* ?us ; rdf:object ?o .
          FILTER(STRENDS(STR(?k1), "/opposition"))
          ?alliance rdf:predicate ?k2 ; rdf:subject|rdf:object ?o, ?a .
          FILTER(STRENDS(STR(?k2), "/alliance") && ?a != ?o)
          ?backing rdf:predicate ?k3 ; rdf:subject ?a ; rdf:object ?p .
          FILTER(STRENDS(STR(?k3), "/backing"))
          ?hostility rdf:predicate ?k4 ; rdf:subject|rdf:object ?p, ?isis .
          FILTER(STRENDS(STR(?k4), "/hostility"))
          ?usHostility rdf:predicate ?k5 ; rdf:subject|rdf:object ?usSide, ?isis .
          FILTER(STRENDS(STR(?k5), "/hostility"))
          ?usSide schema:parentOrganization* ?us .
          FILTER(?p != ?usSide)
          ?o rdfs:label ?opposed . ?a rdfs:label ?ally . ?p rdfs:label ?partner .
        }""")  # fmt: skip
    assert got == want == [
        {"opposed": "Syrian government", "ally": "Iran", "partner": "Iran-backed Shia militias in Iraq"}
    ]


def test_cq8_disputes_with_cito(files, seed_dataset):
    want = named(seed_dataset, "disputes")
    got = standard(files, """
        SELECT DISTINCT ?by ?claim ?against ?disputed WHERE {
          ?c cito:disputes|cito:disagreesWith|cito:qualifies ?d .
          ?c rdfs:label ?claim ; schema:author/rdfs:label ?by .
          ?d rdfs:label ?disputed ; schema:author/rdfs:label ?against .
        }""")  # fmt: skip
    keys = ("by", "claim", "against", "disputed")
    assert sorted(tuple(r[k] for k in keys) for r in got) == sorted(tuple(r[k] for k in keys) for r in want)
    assert [r["stance"] for r in want] == ["rejectsJustification"]


def test_disputes_across_articles_with_cito(corpus):
    out, graph = corpus
    want = named(load_dataset([out]), "disputed-claims")
    got = standard(graph, """
        SELECT DISTINCT ?claim ?by ?article ?publisher ?disputed ?against ?disputedArticle ?disputedPublisher WHERE {
          ?c cito:disputes|cito:disagreesWith|cito:qualifies ?d .
          ?c rdfs:label ?claim ; schema:author/rdfs:label ?by ;
             schema:appearance [ schema:headline ?article ; schema:publisher/rdfs:label ?publisher ] .
          ?d rdfs:label ?disputed ; schema:author/rdfs:label ?against ;
             schema:appearance [ schema:headline ?disputedArticle ; schema:publisher/rdfs:label ?disputedPublisher ] .
        }""")  # fmt: skip
    assert sorted(map(sorted, (r.items() for r in got))) == sorted(map(sorted, (r.items() for r in want)))
    assert len(want) == 27


def test_what_no_source_asserts_as_certain_reads_so_with_prov_alone(files, seed_dataset):
    want = named(seed_dataset, "unasserted")
    got = standard(files, """
        SELECT ?resource ?who ?role WHERE {
          ?r rdfs:label ?resource ; prov:qualifiedAttribution ?a .
          ?a prov:agent/rdfs:label ?who ; prov:hadRole ?role .
          FILTER(CONTAINS(STR(?role), "/certainty/"))
          FILTER NOT EXISTS {
            ?r prov:qualifiedAttribution/prov:hadRole ?certain .
            FILTER(STRENDS(STR(?certain), "/certainty/certain"))
          }
        }""")  # fmt: skip
    alleged = defaultdict(set)
    for r in got:
        alleged[r["resource"]].add(f"{r['who']} ({local(r['role'], '/certainty/')})")
    assert alleged == {r["resource"]: set(r["allegedBy"].split("; ")) for r in want}
    assert {r["resource"] for r in want} == {
        "Atrocities against Syrians of which Assad is accused.",
        "Shia fighters are accused of killing Sunni civilians as they move through ISIS-held areas.",
        "The Assad regime conducts air strikes in tandem with the ISIS advance on Aleppo.",
        "The Assad regime is suspected of tacitly cooperating with ISIS (air strikes in tandem with its advance, "
        "helping it seize rebel territory).",
        "The Obama administration has a relationship with Iran, to which the US refusal to attack Assad appears to "
        "go back (the text does not say of which kind).",
        "The US fears that the Iran-backed Shia militias might turn on US forces.",
    }


def test_a_denial_reads_as_a_negative_influence(corpus):
    _out, graph = corpus
    found = standard(graph, """
        SELECT ?who ?role WHERE {
          ?e rdfs:label ?label ; prov:qualifiedInfluence ?i .
          FILTER(STRSTARTS(?label, "M23 fighters allegedly shoot dead two young men"))
          ?i prov:influencer/rdfs:label ?who ; prov:hadRole ?role .
          FILTER NOT EXISTS { ?i a prov:Attribution }
        }""")  # fmt: skip
    assert sorted((r["who"], r["role"].rsplit("/", 2)[-2] + "/" + r["role"].rsplit("/", 1)[-1]) for r in found) == [
        ("Patrick Habimana", "certainty/certain"), ("Patrick Habimana", "certainty/certain"),
        ("Patrick Habimana", "polarity/denied"), ("Patrick Habimana", "polarity/denied"),
    ]  # fmt: skip


def test_every_claim_appears_in_its_article_and_its_chain_starts_elsewhere(files):
    firsts = standard(files, """
        SELECT ?claim ?work ?publisher WHERE {
          ?c a schema:Claim ; rdfs:label ?claim ; schema:firstAppearance ?w .
          ?w a schema:CreativeWork ; rdfs:label ?work ; schema:publisher/rdfs:label ?publisher .
        }""")  # fmt: skip
    assert {(r["work"], r["publisher"]) for r in firsts} == {
        ("Liz Sly in The Washington Post", "The Washington Post"),
        ("Michael Weiss in The Daily Beast", "The Daily Beast"),
    }
    no_appearance = standard(
        files, "SELECT ?c WHERE { ?c a schema:Claim . FILTER NOT EXISTS { ?c schema:appearance ?a } }"
    )
    assert no_appearance == []


def test_the_article_slip_is_the_article_claim_and_the_review_is_the_annotators(files):
    found = standard(files, """
        SELECT ?claim ?author ?rating ?reviewer ?annotator WHERE {
          ?review a schema:ClaimReview ; schema:itemReviewed ?c ; schema:author/rdfs:label ?reviewer ;
                  schema:reviewRating/schema:alternateName ?rating ; prov:wasGeneratedBy ?activity .
          ?c rdfs:label ?claim ; schema:author/rdfs:label ?author .
          ?activity a prov:Activity ; prov:wasAssociatedWith/rdfs:label ?annotator ; prov:endedAtTime ?when .
          FILTER NOT EXISTS { ?review a schema:Claim }
        }""")  # fmt: skip
    assert found == [{"claim": "Sunnis are the majority in Iraq.", "author": "Business Insider", "rating": "False",
                      "reviewer": "ld-export maintainers", "annotator": "ld-export maintainers"}]  # fmt: skip


def test_jsonld_in_schema_org_context_expands_to_the_turtle_iris(seed_build, files):
    """A page that embeds a claim with "@context": "https://schema.org" (schema.org's own context,
    whose @vocab is http://schema.org/) says what the Turtle says, IRI for IRI. pyld expands it
    with a document loader that serves a local stand-in for that context: no network."""
    pyld = pytest.importorskip("pyld")
    from pyld import jsonld

    requested = []

    def loader(url, options=None):
        requested.append(url)
        if url.rstrip("/") not in ("https://schema.org", "http://schema.org"):
            raise jsonld.JsonLdError(f"no network in tests: {url}", "loading document failed")
        return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
                "document": {"@context": {"@vocab": "http://schema.org/"}}}  # fmt: skip

    claim = URIRef(f"https://w3id.org/ld-export/data/claim/{SEED_SLUG}/sly-isis-regaining-momentum")
    value = {p.rsplit("/", 1)[-1]: files.value(claim, URIRef(p)) for p in (
        "http://schema.org/author", "http://schema.org/appearance", "http://schema.org/firstAppearance",
        "http://schema.org/text")}  # fmt: skip
    page = {
        "@context": "https://schema.org",
        "@id": str(claim),
        "@type": "Claim",
        "author": {"@id": str(value["author"])},
        "appearance": {"@id": str(value["appearance"])},
        "firstAppearance": {"@id": str(value["firstAppearance"])},
        "text": {"@value": str(value["text"]), "@language": "en"},
    }
    nquads = jsonld.to_rdf(page, {"format": "application/n-quads", "documentLoader": loader})
    page_graph = Graph().parse(data=nquads, format="nt")
    assert requested == ["https://schema.org"]
    assert len(page_graph) == 5 and set(page_graph) <= set(files)
    assert pyld is not None


def test_a_government_that_fell_reads_as_dissolved_in_schema_org(corpus):
    """The registry's `until` is schema:dissolutionDate, typed as precisely as it is given."""
    got = standard(corpus[1], """
        SELECT ?name ?until WHERE { ?g schema:dissolutionDate ?until ; rdfs:label ?name .
                                    FILTER(DATATYPE(?until) = xsd:gYearMonth) }""")  # fmt: skip
    assert got == [{"name": "Syrian government", "until": "2024-12"}]
