"""Finding the articles of a build, and the registries they use.

A build reads each registry once, for itself (:class:`Registries`): nothing is kept in the
process between builds, so an edit to a registry between two builds in one process is seen by
the second build and never by the first one's result.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .. import resources
from ..annotation import Registry, load_registry
from ..errors import InputError
from ..layout import registry_for


@dataclass(frozen=True)
class Source:
    """One article to build: its text file and its annotation file."""

    text: Path
    annotation: Path

    @cached_property  # asked for tens of times per article in a build
    def slug(self) -> str:
        return self.text.stem


def find_sources(inputs: Sequence[str | Path]) -> list[Source]:
    """Articles named by ``inputs`` (folders, ``.txt`` or ``.yaml`` files); none: the bundled seed."""
    if not inputs:
        inputs = [resources.seeds_dir()]
    sources: dict[str, Source] = {}
    for item in map(Path, inputs):
        if item.is_dir():
            texts = sorted(item.glob("*.txt"))
            if not texts:
                raise InputError("the folder holds no article (.txt) files", item)
        elif item.suffix in (".txt", ".yaml", ".yml"):
            texts = [item.with_suffix(".txt")]
            if not texts[0].is_file():
                raise InputError(f"no article text {texts[0].name} beside it" if item.suffix != ".txt"
                                 else "no such file", item)  # fmt: skip
        elif not item.exists():
            raise InputError("no such file or folder", item)
        else:
            raise InputError("expected a folder, an article .txt or its annotation .yaml", item)
        for text in texts:
            annotation = next((p for p in (text.with_suffix(".yaml"), text.with_suffix(".yml")) if p.is_file()), None)
            if annotation is None:
                raise InputError(
                    f"the article has no annotation: expected {text.with_suffix('.yaml').name} beside it. "
                    f"`ld-export draft {text} -o {text.with_suffix('.yaml')}` writes a first one for a person "
                    "to correct",
                    text,
                )
            source = Source(text, annotation)
            other = sources.get(source.slug)
            if other and other.text.resolve() != text.resolve():
                raise InputError(f"two articles have the slug '{source.slug}' (the other is {other.text})", text)
            sources[source.slug] = source
    return [sources[slug] for slug in sorted(sources)]


@dataclass
class Registries:
    """The registries of one build (or of one worker process of it), each read once on first use."""

    read: dict[Path, Registry] = field(default_factory=dict)

    def __call__(self, path: Path) -> Registry:
        if path not in self.read:
            if not path.is_file():
                raise InputError("no such registry file", path)
            self.read[path] = load_registry(path)
        return self.read[path]

    def preload(self, paths: Iterable[Path]) -> None:
        """Read every registry of ``paths`` now: a broken one stops the build before any work."""
        for path in sorted(set(paths)):
            self(path)


def registry_paths(sources: Iterable[Source], explicit: Path | None) -> dict[str, Path]:
    """slug → the registry the article uses (:func:`~linkeddata.layout.registry_for`)."""
    return {source.slug: registry_for(source.text, explicit) for source in sources}
