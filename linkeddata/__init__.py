"""ld-export: news reporting about armed conflicts as validated, provenance-rich linked data.

The library behind the ``ld-export`` command::

    from linkeddata import build, validate_files
    result = build(out_dir="dist")          # the bundled seed article
    print(result.counts)

Names are imported on first use, so ``ld-export --help`` does not load pyshacl.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_EXPORTS = {
    "build": "pipeline",
    "BuildResult": "pipeline",
    "BuildOptions": "pipeline",
    "validate_graph": "validate",
    "validate_files": "validate",
    "ValidationReport": "validate",
    "LdExportError": "errors",
    "InputError": "errors",
    "AnnotationError": "errors",
    "AnchorError": "errors",
    "NotConformingError": "errors",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module 'linkeddata' has no attribute {name!r}")
