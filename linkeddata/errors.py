"""The errors the library raises. The command line turns each into one paragraph and an exit code."""

from __future__ import annotations

from pathlib import Path


class LdExportError(Exception):
    """Base class. ``exit_code`` is what the command line exits with."""

    exit_code = 2


class InputError(LdExportError):
    """Bad input: a file that cannot be read or parsed, a bad option value."""

    def __init__(self, message: str, file: str | Path | None = None, line: int | None = None):
        self.file = str(file) if file is not None else None
        self.line = line
        self.message = message
        super().__init__(self.where() + message)

    def __reduce__(self):
        # Keep file and line when the error crosses from a worker process.
        return (self.__class__, (self.message, self.file, self.line))

    def where(self) -> str:
        if self.file is None:
            return ""
        return f"{self.file}:{self.line}: " if self.line else f"{self.file}: "


class ClusterError(InputError):
    """The Dask cluster a build was given cannot be used: Dask is not installed, no scheduler
    answers at the address, or its workers died building an article as often as it allows."""


class AnnotationError(InputError):
    """A problem in an annotation or registry YAML file, at a known line."""


class AnchorError(AnnotationError):
    """A quote that cannot be placed in the article: absent, ambiguous or in the boilerplate."""


class NotConformingError(LdExportError):
    """The data does not conform to the shapes. Carries the validation report."""

    exit_code = 1

    def __init__(self, report):  # report: linkeddata.validate.ValidationReport
        self.report = report
        super().__init__(report.describe())
