"""Every vocabulary the project writes, in one place."""

from __future__ import annotations

import inspect

from rdflib import Namespace
from rdflib import namespace as rdflib_namespaces
from rdflib.namespace import DefinedNamespace, URIRef

__all__ = [
    "CAMEO",
    "CERTAINTY",
    "CITO",
    "DCTERMS",
    "ET",
    "HEDGE",
    "LDE",
    "OA",
    "OWL",
    "POLARITY",
    "PROV",
    "RDF",
    "RDFS",
    "RK",
    "SCHEMA",
    "SEM",
    "SH",
    "SKOS",
    "WD",
    "GEONAMES",
    "XSD",
    "PREFIXES",
    "DEFAULT_BASE_IRI",
    "ONTOLOGY_IRI",
]


# rdflib's namespaces, each as a class of the project's own (the same terms and IRIs), so that the
# project's speed-up (:func:`_materialize`) changes its own classes and leaves rdflib's as they are.


class RDF(rdflib_namespaces.RDF):
    """The RDF namespace (rdflib's terms)."""


class RDFS(rdflib_namespaces.RDFS):
    """The RDF Schema namespace (rdflib's terms)."""


class OWL(rdflib_namespaces.OWL):
    """The OWL namespace (rdflib's terms)."""


class XSD(rdflib_namespaces.XSD):
    """The XML Schema datatypes namespace (rdflib's terms)."""


class SKOS(rdflib_namespaces.SKOS):
    """The SKOS namespace (rdflib's terms)."""


class PROV(rdflib_namespaces.PROV):
    """The PROV-O namespace (rdflib's terms)."""


class DCTERMS(rdflib_namespaces.DCTERMS):
    """The DCMI terms namespace (rdflib's terms)."""


class LDE(DefinedNamespace):
    """The conflict ontology (``ontology/ld-export.ttl``)."""

    _NS = Namespace("https://w3id.org/ld-export/ontology#")
    _fail = True

    Actor: URIRef
    Person: URIRef
    Organization: URIRef
    State: URIRef
    Government: URIRef
    MilitaryForce: URIRef
    ArmedGroup: URIRef
    MediaOutlet: URIRef
    PopulationGroup: URIRef
    Claim: URIRef
    Report: URIRef
    Relationship: URIRef
    Event: URIRef
    Factuality: URIRef

    evidence: URIRef
    quotation: URIRef
    hedge: URIRef
    hedgeCue: URIRef
    reportedIn: URIRef
    supports: URIRef
    disputes: URIRef
    contradicts: URIRef
    deniesSaying: URIRef
    rejectsJustification: URIRef
    doubtsSource: URIRef
    repeats: URIRef
    hop: URIRef
    relationshipKind: URIRef
    fromActor: URIRef
    toActor: URIRef
    time: URIRef
    supportedBy: URIRef
    deniedBy: URIRef
    hasFactuality: URIRef
    certainty: URIRef
    polarity: URIRef
    basedOn: URIRef
    eventType: URIRef
    hasAgent: URIRef
    hasTarget: URIRef
    hasVictim: URIRef
    timeCue: URIRef
    symmetric: URIRef
    rank: URIRef


class SCHEMA(DefinedNamespace):
    """schema.org, as its own JSON-LD context expands it (``http://schema.org/``): the terms this
    project uses. See docs/model.md for why http and not https."""

    _NS = Namespace("http://schema.org/")
    _fail = True

    NewsArticle: URIRef
    ImageObject: URIRef
    Place: URIRef
    Person: URIRef
    Organization: URIRef
    NewsMediaOrganization: URIRef
    Claim: URIRef
    ClaimReview: URIRef
    Rating: URIRef
    CreativeWork: URIRef
    Event: URIRef
    SoftwareApplication: URIRef
    headline: URIRef
    articleBody: URIRef
    text: URIRef
    sha256: URIRef
    encodingFormat: URIRef
    inLanguage: URIRef
    publisher: URIRef
    contributor: URIRef
    author: URIRef
    datePublished: URIRef
    image: URIRef
    mentions: URIRef
    caption: URIRef
    creditText: URIRef
    identifier: URIRef
    creator: URIRef
    provider: URIRef
    dateCreated: URIRef
    contentLocation: URIRef
    description: URIRef
    memberOf: URIRef
    parentOrganization: URIRef
    dissolutionDate: URIRef
    foundingDate: URIRef
    containedInPlace: URIRef
    recipient: URIRef
    about: URIRef
    appearance: URIRef
    firstAppearance: URIRef
    sameAs: URIRef
    creativeWorkStatus: URIRef
    itemReviewed: URIRef
    reviewRating: URIRef
    reviewBody: URIRef
    alternateName: URIRef
    name: URIRef
    softwareVersion: URIRef


class OA(DefinedNamespace):
    """W3C Web Annotation vocabulary: the terms this project uses."""

    _NS = Namespace("http://www.w3.org/ns/oa#")
    _fail = True

    Annotation: URIRef
    hasTarget: URIRef
    hasBody: URIRef
    motivatedBy: URIRef
    describing: URIRef
    identifying: URIRef
    classifying: URIRef
    SpecificResource: URIRef
    TextQuoteSelector: URIRef
    TextPositionSelector: URIRef
    hasSource: URIRef
    hasSelector: URIRef
    exact: URIRef
    prefix: URIRef
    suffix: URIRef
    start: URIRef
    end: URIRef


class SEM(DefinedNamespace):
    """Simple Event Model: the terms this project uses."""

    _NS = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
    _fail = True

    Event: URIRef
    Actor: URIRef
    Place: URIRef
    hasActor: URIRef
    hasPlace: URIRef
    hasTimeStamp: URIRef
    eventType: URIRef


class CITO(DefinedNamespace):
    """Citation Typing Ontology: the terms this project uses for stances between claims."""

    _NS = Namespace("http://purl.org/spar/cito/")
    _fail = True

    supports: URIRef
    disputes: URIRef
    disagreesWith: URIRef
    qualifies: URIRef


ONTOLOGY_IRI = URIRef("https://w3id.org/ld-export/ontology")
RK = Namespace("https://w3id.org/ld-export/ontology/relationship-kind/")
ET = Namespace("https://w3id.org/ld-export/ontology/event-type/")
HEDGE = Namespace("https://w3id.org/ld-export/ontology/hedge/")
CERTAINTY = Namespace("https://w3id.org/ld-export/ontology/certainty/")
POLARITY = Namespace("https://w3id.org/ld-export/ontology/polarity/")
CAMEO = Namespace("https://w3id.org/ld-export/ontology/cameo/")
SH = Namespace("http://www.w3.org/ns/shacl#")
WD = Namespace("http://www.wikidata.org/entity/")
# GeoNames features (https://sws.geonames.org/ID/, the feature itself; /ID/about.rdf is its document).
GEONAMES = Namespace("https://sws.geonames.org/")

DEFAULT_BASE_IRI = "https://w3id.org/ld-export/data/"

# Prefixes bound in every graph the project writes (Turtle, TriG and the report).
PREFIXES: dict[str, Namespace] = {
    "lde": Namespace(str(LDE)),
    "rk": RK,
    "et": ET,
    "hedge": HEDGE,
    "certainty": CERTAINTY,
    "polarity": POLARITY,
    "cameo": CAMEO,
    "cito": Namespace(str(CITO)),
    "schema": Namespace(str(SCHEMA)),
    "prov": Namespace(str(PROV)),
    "oa": Namespace(str(OA)),
    "sem": Namespace(str(SEM)),
    "skos": Namespace(str(SKOS)),
    "owl": Namespace(str(OWL)),
    "rdfs": Namespace(str(RDFS)),
    "xsd": Namespace(str(XSD)),
    "dcterms": Namespace(str(DCTERMS)),
    "wd": WD,
}


def _materialize(namespace: type[DefinedNamespace]) -> type[DefinedNamespace]:
    """Make each term of one of the project's closed namespaces a plain class attribute. rdflib
    looks ``LDE.Claim`` up through a metaclass ``__getattr__`` that builds a new URIRef on every
    access, which is a tenth of the time it takes to build an article's graph; the values are the
    same URIRefs. Only the project's own classes are changed (rdflib's namespaces are subclassed
    above)."""
    for cls in namespace.__mro__:
        if isinstance(cls, type) and issubclass(cls, DefinedNamespace) and cls is not DefinedNamespace:
            for name in inspect.get_annotations(cls):
                if not name.startswith("_") and name not in namespace.__dict__:
                    type.__setattr__(namespace, name, namespace[name])
    return namespace


for _ns in (LDE, SCHEMA, OA, SEM, CITO, RDF, RDFS, OWL, XSD, SKOS, PROV, DCTERMS):
    _materialize(_ns)


def bind_prefixes(graph) -> None:
    """Bind the project's prefixes on ``graph`` (and nothing else: rdflib's defaults are dropped)."""
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
