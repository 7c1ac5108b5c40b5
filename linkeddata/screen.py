"""A fast first pass of SHACL validation, in Rust (pyrudof), for builds of many articles.

pyshacl is the project's validator: its report, with messages and annotation lines, is what a
person reads. It takes about a second per article, which is most of the cost of a large build.
pyrudof validates the same article against the same shapes and ontology in a few tens of
milliseconds, so the build asks it first: an article it finds conforming is done; an article
where it reports anything at all is validated again by pyshacl, whose verdict and report stand.

pyrudof 0.3.35 differs from the SHACL specification in two known ways (see
tests/test_shacl_engines.py); neither can let a defect through:

* it counts ``sh:maxLength`` in UTF-8 bytes rather than characters, so the shapes it is given
  say the same thing with ``sh:pattern "^[\\s\\S]{0,N}$"``, which it counts in characters;
* it compares ``sh:lessThan`` values of different integer types as unequal types (a result
  pyshacl does not give): that only sends the article on to pyshacl.

tests/test_screen.py checks on every shape fixture that this pass and pyshacl agree.
"""

from __future__ import annotations

import re
from functools import cache

import pyrudof

from . import resources
from .validate import ontology_graph

_MAX_LENGTH = re.compile(r"sh:maxLength\s+(\d+)\s*;")


@cache
def screening_shapes() -> str:
    """The bundled shapes, with each ``sh:maxLength N`` written as the equivalent ``sh:pattern``."""
    text = resources.shapes_file().read_text(encoding="utf-8")
    derived, n = _MAX_LENGTH.subn(lambda m: f'sh:pattern "^[\\\\s\\\\S]{{0,{m.group(1)}}}$" ;', text)
    if n != text.count("sh:maxLength"):  # a form this rewrite does not know: stay exact, not fast
        raise RuntimeError("the shapes use sh:maxLength in a form the screening pass does not rewrite")
    return derived


@cache
def _ontology_ntriples() -> str:
    return ontology_graph().serialize(format="nt")


@cache
def _rudof() -> pyrudof.Rudof:
    """One pyrudof session per process, holding the shapes and the ontology; each article is
    staged on top of the ontology and rolled back after (much cheaper than a fresh graph)."""
    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    strict = pyrudof.ReaderMode.Strict
    rudof.read_data(_ontology_ntriples(), format=pyrudof.RDFFormat.NTriples, reader_mode=strict)
    rudof.read_shacl(screening_shapes(), format=pyrudof.ShaclFormat.Turtle, reader_mode=strict)
    return rudof


def conforms(ntriples: bytes | str) -> bool:
    """True when pyrudof finds no result at all (of any severity) for the article graph ``ntriples``."""
    rudof = _rudof()
    data = ntriples.decode("utf-8") if isinstance(ntriples, bytes) else ntriples
    rudof.begin_staging()
    try:
        rudof.read_data(data, format=pyrudof.RDFFormat.NTriples, reader_mode=pyrudof.ReaderMode.Strict, merge=True)
        report = rudof.validate_shacl(mode=pyrudof.ShaclValidationMode.Native)
    finally:
        rudof.rollback_staging()
    return bool(report.conforms) and len(report) == 0
