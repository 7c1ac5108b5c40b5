"""Place quotes in the article text: offsets in Unicode code points, and Web Annotation selectors.

A quote is found by exact string search in the text as shipped. When it is absent, or occurs
more than once and no disambiguator says which, an :class:`AnchorError` names the annotation file
and line and shows the nearest passage of the article.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass

from .annotation import Quote
from .article import Article
from .errors import AnchorError

CONTEXT = 32  # code points of oa:prefix / oa:suffix
PROBE = 200  # code points of a long quote compared when looking for its nearest passage
MAX_LINES = 12  # line numbers listed for an ambiguous quote


@dataclass(frozen=True, order=True)
class Anchor:
    """A span of the article: ``text[start:end] == exact``."""

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


def occurrences(text: str, needle: str) -> list[int]:
    """Start offsets of every (possibly overlapping) occurrence of ``needle`` in ``text``."""
    found, i = [], text.find(needle)
    while i != -1:
        found.append(i)
        i = text.find(needle, i + 1)
    return found


def make_anchor(text: str, start: int, end: int) -> Anchor:
    return Anchor(
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT) : start],
        suffix=text[end : end + CONTEXT],
    )


def locate(article: Article, quote: Quote) -> Anchor:
    """Find ``quote`` in ``article``; raise :class:`AnchorError` if absent, ambiguous or boilerplate."""
    text = article.text
    if quote.within is not None:
        outer = occurrences(text, quote.within)
        if len(outer) != 1:
            _fail(article, quote, quote.within, len(outer), "the 'within' passage")
        inner = occurrences(quote.within, quote.exact)
        if len(inner) != 1:
            raise AnchorError(
                f"the quote {_show(quote.exact)} occurs {len(inner)} times in its 'within' passage "
                f"{_show(quote.within)}; it must occur there exactly once",
                quote.origin.file, quote.origin.line,
            )  # fmt: skip
        start = outer[0] + inner[0]
    else:
        found = occurrences(text, quote.exact)
        if quote.occurrence is not None:
            if quote.occurrence > len(found):
                if not found:
                    _fail(article, quote, quote.exact, 0, "the quote")
                raise AnchorError(
                    f"occurrence {quote.occurrence} of {_show(quote.exact)} was asked for, but the "
                    f"article has only {len(found)}", quote.origin.file, quote.origin.line,
                )  # fmt: skip
            start = found[quote.occurrence - 1]
        else:
            if len(found) != 1:
                _fail(article, quote, quote.exact, len(found), "the quote")
            start = found[0]
    end = start + len(quote.exact)
    if end > article.content_end:
        raise AnchorError(
            f"the quote {_show(quote.exact)} is in the site boilerplate at the end of "
            f"{article.path.name} (from offset {article.content_end}), which is not content",
            quote.origin.file, quote.origin.line,
        )  # fmt: skip
    return make_anchor(text, start, end)


def _fail(article: Article, quote: Quote, needle: str, count: int, what: str) -> None:
    if count == 0:
        message = (
            f"{what} {_show(needle)} is not in the article {article.path.name}. "
            f"Nearest passage: {_show(nearest_passage(article.text, needle))}"
        )
        hint = _typography_hint(article.text, needle)
        if hint:
            message += f". {hint}"
    else:
        breaks = [m.start() for m in re.finditer("\n", article.text)]
        lines = sorted({bisect.bisect(breaks, i) + 1 for i in occurrences(article.text, needle)})
        shown = ", ".join(map(str, lines[:MAX_LINES])) + (", …" if len(lines) > MAX_LINES else "")
        message = (
            f"{what} {_show(needle)} occurs {count} times in the article {article.path.name} "
            f"(lines {shown}); say which with 'occurrence: N' or "
            f"'within: <a longer passage that occurs once>'"
        )
    raise AnchorError(message, quote.origin.file, quote.origin.line)


def nearest_passage(text: str, needle: str) -> str:
    """The passage of ``text`` most like ``needle``, about as long as it.

    A long needle is placed by its first :data:`PROBE` code points: comparing all of it would take
    time quadratic in its length (minutes for a pasted paragraph).
    """
    full, needle = max(len(needle), 1), needle[:PROBE]
    n = max(len(needle), 1)
    step = max(1, n // 8)
    best, best_start = -1.0, 0
    for start in range(0, max(1, len(text) - n + 1), step):
        ratio = difflib.SequenceMatcher(None, needle, text[start : start + n], autojunk=False).ratio()
        if ratio > best:
            best, best_start = ratio, start
    # Refine around the best window, then widen to word boundaries.
    lo, hi = max(0, best_start - step), min(len(text), best_start + step)
    for start in range(lo, hi + 1):
        ratio = difflib.SequenceMatcher(None, needle, text[start : start + n], autojunk=False).ratio()
        if ratio > best:
            best, best_start = ratio, start
    start, end = best_start, min(len(text), best_start + full)
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end]


_TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-", "…": "...", "\u00a0": " "})


def _typography_hint(text: str, needle: str) -> str | None:
    def plain(s: str) -> str:
        return re.sub(r"\s+", " ", s.translate(_TYPOGRAPHY))

    if plain(needle) in plain(text) and needle not in text:
        return (
            "The words are there with different quotation marks, dashes or spaces: copy the "
            "quote from the article as it is (’ “ ” — … are distinct characters)"
        )
    return None


def _show(s: str, limit: int = 160) -> str:
    s = s.replace("\r", "\\r").replace("\n", "\\n")
    return f"“{s}”" if len(s) <= limit else f"“{s[: limit - 1]}…”"
