"""Facts the build takes from the ontology, where each is stated once.

The ontology says which certainty each hedging level lends what a claim affirms or denies
(``hedge:likely lde:certainty certainty:probable``), how the certainties rank, which property and
CiTO property each stance of the annotation format is (``skos:notation`` of the stance concept),
and the labels of the factuality concepts. The build reads them here rather than repeating them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from rdflib import Graph, URIRef

from . import resources
from .namespaces import CERTAINTY, CITO, HEDGE, LDE, POLARITY, RDFS, SKOS

STANCE_SCHEME = URIRef("https://w3id.org/ld-export/ontology/stance")


@dataclass(frozen=True)
class Vocabulary:
    hedge_certainty: dict[URIRef, URIRef]  # hedging level → certainty
    certainty_rank: dict[URIRef, int]  # 0 certain … 3 underspecified
    stances: dict[str, tuple[URIRef, URIRef]]  # annotation key → (lde property, CiTO property)
    labels: dict[URIRef, str]  # certainty and polarity concepts → label

    def certainty(self, hedge: str, hop_hedges: Iterable[str] = ()) -> URIRef:
        """The certainty a claim lends: the weakest of its own hedge and its hops' hedges."""
        found = [self.hedge_certainty[HEDGE[h]] for h in (hedge, *hop_hedges)]
        return max(found, key=self.certainty_rank.__getitem__)


@cache
def vocabulary() -> Vocabulary:
    g = Graph().parse(resources.ontology_file(), format="turtle")
    hedge_certainty = {h: c for h, c in g.subject_objects(LDE.certainty) if str(h).startswith(str(HEDGE))}
    ranks = {c: int(r) for c, r in g.subject_objects(LDE.rank) if str(c).startswith(str(CERTAINTY))}
    stances = {}
    for prop in g.subjects(SKOS.inScheme, STANCE_SCHEME):
        cito = [p for p in g.objects(prop, RDFS.subPropertyOf) if str(p).startswith(str(CITO))]
        stances[str(g.value(prop, SKOS.notation))] = (prop, cito[0])
    labels = {c: str(g.value(c, SKOS.prefLabel)) for c in g.subjects(SKOS.inScheme, None)
              if str(c).startswith((str(CERTAINTY), str(POLARITY)))}  # fmt: skip
    return Vocabulary(hedge_certainty, ranks, stances, labels)
