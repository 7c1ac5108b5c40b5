"""Locate the data files that ship with the package (ontology, shapes, seed, schemas, queries).

An installed copy carries ``ontology/``, ``shapes/`` and ``seeds/`` inside the package under
``_data/``; a source checkout has them at the top of the repository. Either way the location is
found from the package itself, never from the current directory.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """The directory ``name`` (``ontology``, ``shapes`` or ``seeds``) of this installation."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"ld-export is installed without its {name}/ directory")


def ontology_file() -> Path:
    return data_dir("ontology") / "ld-export.ttl"


def context_file() -> Path:
    return data_dir("ontology") / "context.jsonld"


def shapes_file() -> Path:
    return data_dir("shapes") / "ld-export-shapes.ttl"


def seeds_dir() -> Path:
    return data_dir("seeds")


def schema_file(name: str) -> Path:
    """``annotation`` or ``registry``: the JSON Schema of that YAML file."""
    return _PACKAGE / "schemas" / f"{name}.schema.json"


def queries_dir() -> Path:
    return _PACKAGE / "queries"


def templates_dir() -> Path:
    """The Jinja2 templates of the pages ld-export writes (``docs/``: the ontology's documentation)."""
    return _PACKAGE / "templates"
