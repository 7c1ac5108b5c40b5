"""Place quotes in the article text: offsets in Unicode code points, and Web Annotation selectors.

A quote is found by exact string search in the text as shipped. When it is absent, or occurs
more than once and no disambiguator says which, an :class:`AnchorError` names the annotation file
and line and shows the nearest passage of the article.
"""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
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
        hint = unicode_hint(article.text, needle) or _typography_hint(article.text, needle)
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


# Characters that show as nothing: a quote and a passage that differ only by them look the same.
INVISIBLE = frozenset("\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff")


def _clusters(s: str) -> list[tuple[int, str]]:
    """(offset, characters) of each character as a person sees it: a base character with the
    combining marks that follow it."""
    out: list[tuple[int, str]] = []
    for i, ch in enumerate(s):
        if out and unicodedata.combining(ch) and out[-1][1][-1] not in INVISIBLE:
            out[-1] = (out[-1][0], out[-1][1] + ch)
        else:
            out.append((i, ch))
    return out


def _code_points(s: str) -> str:
    return " + ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'unnamed')}" for c in s)


def unicode_hint(text: str, needle: str) -> str | None:
    """Name the difference when ``needle`` is in ``text`` but for Unicode normalisation (a
    composed ``é`` against ``e`` + a combining accent) or invisible characters (zero-width space,
    joiner, soft hyphen…): the two look alike, and the error must say where they differ."""

    def key(clusters):
        chars, where = [], []
        for n, (_offset, c) in enumerate(clusters):
            if c in INVISIBLE:
                continue
            for ch in unicodedata.normalize("NFC", c):
                chars.append(ch)
                where.append(n)
        return "".join(chars), where

    t_clusters, n_clusters = _clusters(text), _clusters(needle)
    t_key, t_where = key(t_clusters)
    n_key, _ = key(n_clusters)
    at = t_key.find(n_key) if n_key else -1
    if at < 0:
        return None
    i, j = t_where[at], 0
    # Walk both from the start of the match, invisible characters of the article included.
    while i > 0 and t_clusters[i - 1][1] in INVISIBLE and n_clusters and n_clusters[0][1] in INVISIBLE:
        i -= 1
    differences = []
    while j < len(n_clusters) and i < len(t_clusters):
        (t_off, t), (n_off, n) = t_clusters[i], n_clusters[j]
        if t == n:
            i, j = i + 1, j + 1
        elif n in INVISIBLE:
            differences.append(f"the quote has {_code_points(n)} (invisible) at its offset {n_off}, which the "
                               f"article does not have")  # fmt: skip
            j += 1
        elif t in INVISIBLE:
            differences.append(f"the article has {_code_points(t)} (invisible) at offset {t_off}, which the "
                               f"quote does not have")  # fmt: skip
            i += 1
        else:
            form = "decomposed (NFD)" if len(t) > len(n) else "composed (NFC)" if len(t) < len(n) else "another form"
            differences.append(f"the article has “{t}” {form} at offset {t_off}: {_code_points(t)}, where the "
                               f"quote has {_code_points(n)}")  # fmt: skip
            i, j = i + 1, j + 1
    while j < len(n_clusters):
        if n_clusters[j][1] in INVISIBLE:
            differences.append(f"the quote has {_code_points(n_clusters[j][1])} (invisible) at its offset "
                               f"{n_clusters[j][0]}, which the article does not have")  # fmt: skip
        j += 1
    if not differences:
        return None
    more = f" (and {len(differences) - 1} more difference{'s' if len(differences) > 2 else ''} of this kind)"
    return (
        f"The words are there, written with other characters that look the same: "
        f"{differences[0]}{more if len(differences) > 1 else ''}. Copy the quote from the article as it is"
    )


def _show(s: str, limit: int = 160) -> str:
    s = s.replace("\r", "\\r").replace("\n", "\\n")
    return f"“{s}”" if len(s) <= limit else f"“{s[: limit - 1]}…”"
