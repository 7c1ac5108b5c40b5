"""The dataset files in parts: which articles go into which file (named by
:meth:`~linkeddata.layout.BuildLayout.dataset_names`).

A build of up to :data:`ONE_FILE` articles writes one ``dataset.nq`` and one
``dataset.trig``. A larger build writes them in parts (``dataset-0001.nq``, ``dataset-0002.nq``,
…, the same cut for TriG), so that a build after an edit writes and hashes again only the part
that holds the edited article, not the whole dataset (17 GB at 10,000 articles).

The cut is made by the articles themselves, not by their positions: in named-graph order, a
part ends after an article whose slug hashes to a multiple of :data:`PART_ARTICLES` (one article
in that many, so parts hold that many articles on average), or once a part holds four times as
many. An article added or removed changes the part it is in (or splits or joins two parts where
it is itself the end of one); every other part keeps its articles, and only its number may
change. The parts, read in the order of their numbers, hold the articles in named-graph order:
the N-Quads parts put together are, byte for byte, the one file a build in one part would write.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

PART_ARTICLES = 64  # articles in a part of the dataset files, on average
ONE_FILE = 128  # up to this many articles, the dataset files are not cut
_LONGEST = 4  # a part ends at the latest after this many times PART_ARTICLES articles


def cut(slugs: Sequence[str], size: int | None = None) -> list[list[str]]:
    """The articles ``slugs`` (in named-graph order) as the parts of the dataset files, of
    ``size`` articles on average (default :data:`PART_ARTICLES`, and one part up to
    :data:`ONE_FILE` articles; with a ``size``, up to ``size`` articles)."""
    whole = size or ONE_FILE
    size = size or PART_ARTICLES
    if len(slugs) <= whole:
        return [list(slugs)] if slugs else []
    parts: list[list[str]] = []
    current: list[str] = []
    for slug in slugs:
        current.append(slug)
        if ends_part(slug, size) or len(current) >= _LONGEST * size:
            parts.append(current)
            current = []
    if current:
        parts.append(current)
    return parts


def ends_part(slug: str, size: int) -> bool:
    """Whether a part of the dataset files of ``size`` articles on average ends after ``slug``."""
    digest = hashlib.blake2b(slug.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % size == 0

