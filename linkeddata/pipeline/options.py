"""How to build: one frozen record of every option, which the command line fills in.

Like black's ``Mode``: :class:`BuildOptions` is checked once when it is made, hashed into every
article's cache key (:meth:`BuildOptions.output_key`, the options that shape the output), and
picklable, so that a worker process (of the local pool, or a Dask worker) receives it whole.
Nothing of a build is read from the environment: the command line reads ``SOURCE_DATE_EPOCH``
and passes it in as :attr:`BuildOptions.issued`.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..graph import check_base_iri
from ..namespaces import DEFAULT_BASE_IRI
from ..write import FORMATS

VALIDATORS = ("auto", "pyshacl")


@dataclass(frozen=True)
class BuildOptions:
    """Everything a build takes besides its inputs and its output folder.

    ``formats``: the output formats (names of :data:`~linkeddata.write.FORMATS`);
    ``base_iri``: where IRIs are minted; ``registry``: the registry for every article (None: the
    ``registry.yaml`` beside each article, else the bundled one); ``jobs``: worker processes
    (None: one per core); ``reuse``: take unchanged articles from the build already in the folder;
    ``store``: also write the embedded Oxigraph store; ``validator``: "auto" (pyrudof, then
    pyshacl where it reports anything) or "pyshacl"; ``strict``: a SHACL warning fails the build;
    ``issued``: the build's time for its description (``SOURCE_DATE_EPOCH``), None for none;
    ``answers``: also find the named queries' answers once the store is loaded and keep them
    beside it (:mod:`linkeddata.answers`), for ``ld-export query --name`` to read;
    ``scheduler``: the address of a Dask scheduler (``tcp://HOST:PORT``) whose workers build the
    articles instead of local processes (``jobs`` is then not used), None for a local build.
    Neither ``jobs`` nor ``scheduler`` is part of the cache key: where the articles are built
    does not change what is built.
    """

    formats: tuple[str, ...] = tuple(FORMATS)
    base_iri: str = DEFAULT_BASE_IRI
    registry: Path | None = None
    jobs: int | None = 1
    reuse: bool = True
    store: bool = True
    validator: str = "auto"
    strict: bool = False
    issued: datetime.datetime | None = field(default=None)
    scheduler: str | None = None
    answers: bool = False

    def __post_init__(self) -> None:
        formats = tuple(dict.fromkeys(self.formats))
        unknown = [f for f in formats if f not in FORMATS]
        if unknown:
            raise InputError(f"unknown format {unknown[0]!r}; known: {', '.join(FORMATS)}")
        if self.validator not in VALIDATORS:
            raise InputError(f"unknown validator {self.validator!r}; known: {', '.join(VALIDATORS)}")
        check_base_iri(self.base_iri)
        object.__setattr__(self, "formats", formats)
        if self.registry is not None:
            object.__setattr__(self, "registry", Path(self.registry))

    @property
    def writes_store(self) -> bool:
        """The store is loaded from the N-Quads: no nquads, no store."""
        return self.store and "nquads" in self.formats

    def output_key(self) -> str:
        """The options that shape an article's output, as text for its cache key."""
        return json.dumps([self.base_iri, sorted(self.formats)])
