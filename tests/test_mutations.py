"""The mutation suite: realistic corruptions of valid builds, each caught, each named.

Each corruption starts from the graph of a valid build (the seed article, or an article of the
test corpus), changes what an annotator, a tool or a hand edit could plausibly get wrong, and must
then fail validation with a violation that names the corrupted resource and says what is wrong.
pyrudof, the build's first validation pass, must reject it too (an article it passes is never
seen by pyshacl). Corruptions that only the annotation YAML can show are caught by the annotation
checks, with the file and line. The score is printed at the end of the run.

Every SHACL-SPARQL constraint and node shape of the bundled shapes is exercised by a corruption
here or by a fixture of tests/data/shapes.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import SEED_SLUG, header
from rdflib import Graph, Literal, URIRef

import linkeddata
from linkeddata import resources, screen
from linkeddata.annotation import load_annotation, load_registry
from linkeddata.errors import AnnotationError
from linkeddata.namespaces import CERTAINTY, CITO, HEDGE, LDE, OA, POLARITY, PROV, RDF, RDFS, SCHEMA, SEM, SH, XSD
from linkeddata.validate import shapes_graph, validate_graph
from linkeddata.write import ntriples_of

BASE = "https://w3id.org/ld-export/data/"
GLD = "great-lakes-dispatch-2012-m23-takes-goma"
CORPUS = Path(__file__).parent / "data" / "corpus"
SCORE: dict[str, bool] = {}
FIRED: set[str] = set()  # the shapes and SPARQL constraints the corruptions set off


def iri(*parts: str) -> URIRef:
    return URIRef(BASE + "/".join(parts))


def claim(name: str, slug: str = SEED_SLUG) -> URIRef:
    return iri("claim", slug, name)


def rel(name: str, slug: str = SEED_SLUG) -> URIRef:
    return iri("relationship", slug, name)


def event(name: str, slug: str = SEED_SLUG) -> URIRef:
    return iri("event", slug, name)


def actor(name: str) -> URIRef:
    return iri("actor", name)


@pytest.fixture(scope="module")
def valid(tmp_path_factory) -> dict[str, Graph]:
    out = tmp_path_factory.mktemp("mutations")
    result = linkeddata.build([CORPUS], out, store=False)
    return {a.source.slug: a.graph for a in result.articles}


@dataclass(frozen=True)
class Mutation:
    name: str
    slug: str
    change: Callable[[Graph], URIRef]  # corrupts the graph in place, returns the resource it corrupted
    expect: str  # a piece of the message that says what is wrong


def replace(g: Graph, s, p, new) -> None:
    g.remove((s, p, None))
    g.add((s, p, new))


def one(g: Graph, s, p):
    values = list(g.objects(s, p))
    assert len(values) == 1, (s, p, values)
    return values[0]


def factuality(g: Graph, resource: URIRef, claim_iri: URIRef) -> URIRef:
    return next(f for f in g.objects(resource, LDE.hasFactuality) if (f, LDE.basedOn, claim_iri) in g)


def _invented_day(g):
    e = iri("event", "isis-captures-ramadi")
    replace(g, e, SEM.hasTimeStamp, Literal("2015-05-17", datatype=XSD.date))
    return e


def _after_article(g):
    e = event("us-trains-rebels")
    g.add((e, SEM.hasTimeStamp, Literal("2016-03", datatype=XSD.gYearMonth)))
    return e


def _self_relationship(g):
    r = rel("us-opposes-syrian-government")
    replace(g, r, LDE.toActor, actor("united-states"))
    replace(g, r, RDF.object, actor("united-states"))
    return r


def _self_support(g):
    c = claim("bi-us-not-acting")
    g.add((c, LDE.supports, c))
    return c


def _support_cycle(g):
    c = claim("bi-strategy-faces-contradiction")
    g.add((c, LDE.supports, claim("bi-alliances-create-contradiction")))
    return c


def _supports_and_disputes(g):
    c = claim("sejari-reason-not-convincing")
    g.add((c, LDE.supports, claim("dod-officer-money-for-isis-only")))
    return c


def _asserted_with_cue(g):
    c = claim("embassy-regime-strikes-with-isis")
    replace(g, c, LDE.hedge, HEDGE.asserted)
    return c


def _cue_outside_evidence(g):
    c = claim("bi-regime-helping-isis")
    g.add((c, LDE.hedgeCue, one(g, claim("embassy-regime-strikes-with-isis"), LDE.hedgeCue)))
    return c


def _supports_missing_claim(g):
    c = claim("bi-us-not-acting")
    g.add((c, LDE.supports, claim("bi-us-not-actin")))
    return c


def _symmetric_twice(g):
    r = rel("iran-syrian-government-alliance")
    twin = rel("syrian-government-iran-alliance")
    for p, o in list(g.predicate_objects(r)):
        if p not in (LDE.fromActor, LDE.toActor, RDF.subject, RDF.object):
            g.add((twin, p, o))
    for p in (LDE.fromActor, RDF.subject):
        g.add((twin, p, actor("syrian-government")))
    for p in (LDE.toActor, RDF.object):
        g.add((twin, p, actor("iran")))
    return twin


def _place_as_agent(g):
    e = event("isis-fights-rebels")
    g.add((e, LDE.hasAgent, iri("place", "aleppo")))
    return e


def _two_asserters(g):
    c = claim("bi-iran-primary-ally-of-syria")
    g.add((c, PROV.wasAttributedTo, actor("iran")))
    g.add((c, SCHEMA.author, actor("iran")))
    return c


def _hop_loop(g):
    hop1 = claim("dod-officer-money-for-isis-only") + "/hop/1"
    replace(g, URIRef(hop1), PROV.wasQuotedFrom, URIRef(claim("dod-officer-money-for-isis-only") + "/hop/2"))
    return URIRef(hop1)


def _dangling_about(g):
    c = claim("bi-us-condemns-isis-and-regime")
    g.add((c, SCHEMA.about, event("us-condemns-isis-and-the-regime")))
    return c


def _quote_outside_quotation_marks(g):
    c = claim("bi-bodes-ill-for-us-strategy")
    g.add((c, LDE.quotation, one(g, c, LDE.evidence)))
    return c


def _weekday(g):
    e = event("m23-captures-goma", GLD)
    replace(g, e, SEM.hasTimeStamp, Literal("2012-11-21", datatype=XSD.date))
    return e


def _hop_by_its_asserter(g):
    hop = URIRef(claim("sejari-asked-to-promise") + "/hop/1")
    replace(g, hop, PROV.wasAttributedTo, actor("mustapha-sejari"))
    return hop


def _hedged_read_as_certain(g):
    e = event("assad-atrocities")
    f = factuality(g, e, claim("bi-assad-accused-of-atrocities"))
    replace(g, f, LDE.certainty, CERTAINTY.certain)
    return e


def _denial_read_as_affirmed(g):
    e = event("killing-in-ndosho", GLD)
    f = factuality(g, e, claim("habimana-denied-killing", GLD))
    replace(g, f, LDE.polarity, POLARITY.affirmed)
    return e


def _factuality_missing(g):
    r = rel("syrian-government-isis-tacit-cooperation")
    g.remove((r, LDE.hasFactuality, factuality(g, r, claim("bi-suspicions-regime-helps-isis"))))
    return r


def _factuality_on_the_wrong_word(g):
    r = rel("syrian-government-isis-tacit-cooperation")
    f = factuality(g, r, claim("embassy-regime-strikes-with-isis"))
    replace(g, f, PROV.agent, actor("business-insider"))
    return r


def _author_not_asserter(g):
    c = claim("sly-isis-regaining-momentum")
    replace(g, c, SCHEMA.author, actor("the-washington-post"))
    return c


def _dispute_without_stance(g):
    c = claim("sejari-reason-not-convincing")
    g.remove((c, LDE.rejectsJustification, None))
    return c


def _statement_disagrees(g):
    r = rel("iran-backs-shia-militias")
    replace(g, r, RDF.object, actor("iraqi-government"))
    return r


def _review_by_someone_else(g):
    review = iri("review", SEED_SLUG, "sunnis-are-not-the-majority-in-iraq")
    replace(g, review, SCHEMA.author, actor("business-insider"))
    return review


def _review_among_the_claims(g):
    review = iri("review", SEED_SLUG, "sunnis-are-not-the-majority-in-iraq")
    g.add((review, RDF.type, LDE.Claim))
    return review


def _quote_differs_from_text(g):
    c = claim("sejari-asked-to-promise")
    selector = next(s for s in g.objects(one(g, c, LDE.quotation), OA.hasSelector) if (s, OA.exact, None) in g)
    words = "We got this request to promise not to use any of our training against Iran"
    replace(g, selector, OA.exact, Literal(words))
    return URIRef(f"{BASE}article/{SEED_SLUG}")


def _hedge_outside_scheme(g):
    c = claim("bi-regime-helping-isis")
    replace(g, c, LDE.hedge, HEDGE.apparently)
    return c


def _time_as_datetime(g):
    e = iri("event", "isis-captures-palmyra")
    replace(g, e, SEM.hasTimeStamp, Literal("2015-05-01T00:00:00", datatype=XSD.dateTime))
    return e


def _relationship_on_no_claim(g):
    r = rel("iran-backs-shia-militias")
    for f in list(g.objects(r, LDE.hasFactuality)):
        g.remove((r, LDE.hasFactuality, f))
    g.remove((r, LDE.supportedBy, None))
    return r


def _hop_out_of_sequence(g):
    hop = URIRef(claim("dod-officer-money-for-isis-only") + "/hop/2")
    replace(g, hop, LDE.hop, Literal(3, datatype=XSD.positiveInteger))
    return hop


def _two_kinds_of_actor(g):
    a = actor("isis")
    g.add((a, RDF.type, LDE.State))
    return a


def _wikidata_page_not_entity(g):
    a = actor("iran")
    replace(g, a, SCHEMA.sameAs, URIRef("https://www.wikidata.org/wiki/Q794"))
    return a


def _disputes_itself(g):
    c = claim("habimana-denied-killing", GLD)
    for p in (LDE.contradicts, LDE.disputes, CITO.disputes):
        g.add((c, p, c))
    return c


def _event_type_from_cameo(g):
    e = event("assad-bombing-civilians")
    replace(g, e, LDE.eventType, URIRef("https://w3id.org/ld-export/ontology/cameo/19"))
    return e


MUTATIONS = [
    Mutation("an exact day invented for an event the text dates 'in May'", SEED_SLUG, _invented_day,
             "the day is invented"),
    Mutation("an event dated after the article", SEED_SLUG, _after_article, "after the article"),
    Mutation("a relationship from an actor to itself", SEED_SLUG, _self_relationship, "to itself"),
    Mutation("a claim that supports itself", SEED_SLUG, _self_support, "supports or repeats itself"),
    Mutation("a support cycle", SEED_SLUG, _support_cycle, "in a circle"),
    Mutation("a claim that both supports and disputes another", SEED_SLUG, _supports_and_disputes, "takes one side"),
    Mutation("'asserted' while a hedge cue is kept", SEED_SLUG, _asserted_with_cue, "the words hedge it"),
    Mutation("a hedge cue outside the claim's evidence", SEED_SLUG, _cue_outside_evidence, "outside its quotation"),
    Mutation("a 'supports' pointing at a claim that does not exist", SEED_SLUG, _supports_missing_claim,
             "does not exist"),
    Mutation("a symmetric alliance stated twice in reverse", SEED_SLUG, _symmetric_twice, "twice, in reverse"),
    Mutation("a place used as an event's agent", SEED_SLUG, _place_as_agent, "lde:Actors"),
    Mutation("two asserters", SEED_SLUG, _two_asserters, "exactly one asserter"),
    Mutation("a hop loop", SEED_SLUG, _hop_loop, "the chain loops"),
    Mutation("a dangling 'about'", SEED_SLUG, _dangling_about, "What a claim is about"),
    Mutation("a 'quoted' claim whose words are not in quotation marks", SEED_SLUG, _quote_outside_quotation_marks,
             "not inside quotation marks"),
    Mutation("a weekday cue that contradicts the date", GLD, _weekday, "another weekday"),
    Mutation("a reporter as a hop quoting the asserter's own words", SEED_SLUG, _hop_by_its_asserter,
             "passes the words to someone else"),
    Mutation("an accused atrocity read as certain", SEED_SLUG, _hedged_read_as_certain, "must not read as a fact"),
    Mutation("a denial read as an affirmation", GLD, _denial_read_as_affirmed, "is denied by (or rests on) the claim"),
    Mutation("a relationship silent on the word of one of its claims", SEED_SLUG, _factuality_missing,
             "has no factuality on its word"),
    Mutation("a factuality on the word of someone who did not say it", SEED_SLUG, _factuality_on_the_wrong_word,
             "who does not assert it"),
    Mutation("a claim's schema:author who is not its asserter", SEED_SLUG, _author_not_asserter,
             "who is not its asserter"),
    Mutation("a dispute that does not say its stance", SEED_SLUG, _dispute_without_stance, "without saying how"),
    Mutation("a reified statement that says another thing", SEED_SLUG, _statement_disagrees,
             "does not say"),
    Mutation("a review by someone who did not annotate the article", SEED_SLUG, _review_by_someone_else,
             "who did not annotate the article"),
    Mutation("a review mixed with the article's claims", SEED_SLUG, _review_among_the_claims,
             "never one of the article's claims"),
    Mutation("a quotation changed by hand", SEED_SLUG, _quote_differs_from_text, "is not the text of"),
    Mutation("a hedge outside the hedge scheme", SEED_SLUG, _hedge_outside_scheme, "a concept of the hedge scheme"),
    Mutation("an event time with a clock time", SEED_SLUG, _time_as_datetime, "never more precise than the text"),
    Mutation("a relationship that rests on no claim", SEED_SLUG, _relationship_on_no_claim,
             "at least one supporting claim"),
    Mutation("a hop numbered out of sequence", SEED_SLUG, _hop_out_of_sequence, "should be hop 2"),
    Mutation("an actor of two kinds", SEED_SLUG, _two_kinds_of_actor, "exactly one of the actor classes"),
    Mutation("a Wikidata page instead of the entity", SEED_SLUG, _wikidata_page_not_entity, "Wikidata entity IRI"),
    Mutation("a claim that disputes itself", GLD, _disputes_itself, "disputes itself"),
    Mutation("a CAMEO code as an event type", SEED_SLUG, _event_type_from_cameo, "a concept of the event-type scheme"),
]


def named_in(violation, resource: URIRef) -> bool:
    return violation.focus == str(resource) or str(resource) in violation.message or str(resource) in (
        violation.value or "")  # fmt: skip


@pytest.mark.parametrize("mutation", MUTATIONS, ids=[m.name for m in MUTATIONS])
def test_corruption_is_caught_with_a_message_naming_the_resource(mutation: Mutation, valid):
    graph = Graph()
    graph += valid[mutation.slug]
    resource = mutation.change(graph)
    report = validate_graph(graph)
    FIRED.update(str(x).rsplit("#", 1)[-1] for p in (SH.sourceConstraint, SH.sourceShape)
                 for x in report.graph.objects(None, p))  # fmt: skip
    caught = [v for v in report.violations if v.severity == "Violation" and named_in(v, resource)
              and mutation.expect in v.message]  # fmt: skip
    SCORE[mutation.name] = bool(caught) and not report.conforms
    assert not report.conforms, f"{mutation.name}: the corrupted graph conforms"
    assert caught, f"{mutation.name}: no violation names {resource} and says {mutation.expect!r}:\n{report.describe()}"
    assert not screen.conforms(ntriples_of(graph)), f"{mutation.name}: pyrudof lets it through"


def test_the_valid_builds_conform_before_corruption(valid):
    for slug, graph in valid.items():
        assert validate_graph(graph).conforms, slug
        assert screen.conforms(ntriples_of(graph)), slug


def test_a_todo_label_is_a_warning_that_does_not_stop_the_build(valid):
    graph = Graph()
    graph += valid[SEED_SLUG]
    c = claim("bi-us-not-acting")
    replace(graph, c, RDFS.label, Literal("TODO: say what the claim is", lang="en"))
    report = validate_graph(graph)
    assert report.conforms
    assert [(v.severity, v.focus) for v in report.violations] == [("Warning", str(c))]
    assert "The label is a TODO left by ld-export draft" in report.violations[0].message
    assert (None, SH.resultSeverity, SH.Warning) in report.graph


# --------------------------------------------------------------------------------------------
# Corruptions only the annotation can show


@dataclass(frozen=True)
class YamlMutation:
    name: str
    old: str
    new: str
    expect: str
    line_of: str  # the text whose line the error must name (in the corrupted file)


SEED_YAML = resources.seeds_dir() / f"{SEED_SLUG}.yaml"
YAML_MUTATIONS = [
    YamlMutation(
        "a reporter as a hop quoting herself",
        '''    first_appearance:
      publisher: the-washington-post
      evidence: "Liz Sly wrote recently in The Washington Post"''',
        '''    chain:
      - by: liz-sly
        publisher: the-washington-post
        mode: quoted
        evidence: "Liz Sly wrote recently in The Washington Post"''',
        "hop 1 of claim 'sly-isis-regaining-momentum' is by 'liz-sly', who asserts the claim",
        "      - by: liz-sly",
    ),
    YamlMutation(
        "the old 'disputes' key",
        "    rejects_justification: [dod-officer-money-for-isis-only]",
        "    disputes: [dod-officer-money-for-isis-only]",
        "'disputes' is replaced by the stance the claim takes",
        "  - id: sejari-reason-not-convincing",
    ),
    YamlMutation(
        "claims that support each other in a circle",
        "    about: [obama-administration, isis]\n",
        "    about: [obama-administration, isis]\n    supports: [bi-alliances-create-contradiction]\n",
        "claims support each other in a circle",
        "    supports: [bi-alliances-create-contradiction]\n",
    ),
    YamlMutation(
        "a claim that supports and disputes one claim",
        "    rejects_justification: [dod-officer-money-for-isis-only]",
        "    rejects_justification: [dod-officer-money-for-isis-only]\n    supports: [dod-officer-money-for-isis-only]",
        "both supports and disputes",
        "    supports: [dod-officer-money-for-isis-only]",
    ),
    YamlMutation(
        "lost words with a hedge cue",
        "    hedge: unknown                  # the words after the colon are lost: nothing is asserted",
        '    hedge: unknown\n    cue: "obvious"',
        "has hedge 'unknown'",
        "    hedge: unknown",
    ),
    YamlMutation(
        "an event of the registry defined again",
        "  - id: isis-captures-ramadi\n    time_cue",
        "  - id: isis-captures-ramadi\n    label: ISIS takes Ramadi.\n    type: capture\n    time_cue",
        "is already defined in the registry",
        "  - id: isis-captures-ramadi\n",
    ),
    YamlMutation(
        "a claim that both affirms and denies an event",
        "    claims: [bi-assad-accused-of-atrocities]",
        "    claims: [bi-assad-accused-of-atrocities]\n    denied_by: [bi-assad-accused-of-atrocities]",
        "both rests on and is denied by",
        "    denied_by: [bi-assad-accused-of-atrocities]",
    ),
    YamlMutation(
        "a review with no annotator",
        '  by: [ld-export-maintainers]\n  date: "2026-12-01T17:41:15Z"     # the last revision of this annotation\n',
        "",
        "needs 'annotation'",
        "  - id: sunnis-are-not-the-majority-in-iraq",
    ),
]


@pytest.mark.parametrize("mutation", YAML_MUTATIONS, ids=[m.name for m in YAML_MUTATIONS])
def test_annotation_corruption_is_caught_with_file_and_line(mutation: YamlMutation, tmp_path):
    text = SEED_YAML.read_text(encoding="utf-8")
    assert text.count(mutation.old) == 1, mutation.old
    if mutation.name == "a review with no annotator":
        text = text.replace("annotation:\n" + mutation.old, "")
    else:
        text = text.replace(mutation.old, mutation.new)
    path = tmp_path / SEED_YAML.name
    path.write_text(text, encoding="utf-8")
    shutil.copy(resources.seeds_dir() / "registry.yaml", tmp_path / "registry.yaml")
    with pytest.raises(AnnotationError) as e:
        load_annotation(path, load_registry(tmp_path / "registry.yaml"))
    SCORE[mutation.name] = mutation.expect in str(e.value)
    assert mutation.expect in str(e.value)
    assert e.value.file == str(path)
    assert e.value.line == text[: text.index(mutation.line_of)].count("\n") + 1, str(e.value)


def test_zy_every_shape_and_sparql_constraint_catches_something():
    """Each node shape and SHACL-SPARQL constraint is exercised by a corruption here or a fixture of
    tests/data/shapes (checked when the whole suite of corruptions ran)."""
    if len([m for m in MUTATIONS if m.name in SCORE]) < len(MUTATIONS):
        pytest.skip("runs after all the corruptions")
    shapes = shapes_graph()
    fixtures = sorted((Path(__file__).parent / "data" / "shapes" / "invalid").glob("*.ttl"))
    warnings = sorted((Path(__file__).parent / "data" / "shapes" / "warnings").glob("*.ttl"))
    by_fixture = {header(path)["shape"].split(":")[1] for path in fixtures + warnings}
    fired = set(FIRED)
    for path in fixtures:
        report = validate_graph(Graph().parse(path, format="turtle")).graph
        fired |= {str(c).rsplit("#", 1)[1] for c in report.objects(None, SH.sourceConstraint)}
    constraints = {str(c).rsplit("#", 1)[1] for c in shapes.objects(None, SH.sparql)}
    assert not sorted(constraints - fired), f"SPARQL constraints nothing triggers: {sorted(constraints - fired)}"
    node_shapes = {str(s).rsplit("#", 1)[1] for s in shapes.subjects(RDF.type, SH.NodeShape)}
    helpers = {"HedgeConceptShape", "RelationshipKindConceptShape", "EventTypeConceptShape",
               "ClaimOfAnotherArticleShape"}  # used through sh:node / sh:or
    unexercised = sorted(n for n in node_shapes - helpers - by_fixture - fired
                         if not {str(c).rsplit("#", 1)[1] for c in shapes.objects(
                             URIRef("https://w3id.org/ld-export/shapes#" + n), SH.sparql)} & fired)  # fmt: skip
    assert not unexercised, f"node shapes no corruption or fixture exercises: {unexercised}"


def test_zz_the_score(capsys):
    """Printed at the end of the run (and in the README)."""
    total = len(MUTATIONS) + len(YAML_MUTATIONS)
    caught = sum(SCORE.values())
    with capsys.disabled():
        print(f"\nmutation suite: {caught} of {total} corruptions caught ({len(MUTATIONS)} of the graph by "
              f"the shapes, {len(YAML_MUTATIONS)} of the annotation by its checks)")  # fmt: skip
    if len(SCORE) == total:
        assert caught == total
