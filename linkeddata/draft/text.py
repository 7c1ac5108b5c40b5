"""The text of an article as the drafter reads it: regions, sentences and quotations.

Pure functions of the text; :func:`layout` computes them once into a frozen :class:`Layout` that
every later stage reads.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from ..article import Article, Photo, photo_after_front_lines
from .lexicon import lexicon

Span = tuple[int, int]

# The place of a wire dateline, before its date: "ADEN, Yemen, ", "ISLAMABAD/NEW DELHI, ".
DATELINE_PLACE = r"[A-Z][A-Z .’'/-]+,(?: [A-Z][\w ]+,)?"
# A live blog's time stamp at the start of an entry: "12:05 GMT –", "[19:45]", "19h05 –".
STAMP = re.compile(r"\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5})?\s*[–—-]\s*"
                   r"|\[\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5})?\]\s*(?:[–—-]\s*)?")
# A live blog's time on a line of its own, above its entry: "14:35".
STAMP_LINE = re.compile(r"\[?\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5})?\]?")


@dataclass(frozen=True)
class Region:
    """A part of the content searched on its own: headline, credit, caption, paragraph, contributor."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Quotation:
    open: int  # offset of the opening mark
    close: int  # offset of the closing mark (the region end when the quotation is left open)
    start: int  # the quoted words, trimmed of spaces and of a trailing comma
    end: int
    terminal: bool  # the words end in punctuation (",", ".", "?" …) inside the marks
    region: Region
    nested: tuple[Quotation, ...] = ()

    @property
    def span(self) -> Span:
        return (self.start, self.end)


@dataclass(frozen=True)
class Layout:
    """The article's text cut up once: regions, and the quotations and sentences of each."""

    article: Article
    regions: tuple[Region, ...]
    quotes: dict[Region, tuple[Quotation, ...]]
    sentences: dict[Region, tuple[Span, ...]]
    photo: Photo | None = None  # the article's photo line

    @property
    def text(self) -> str:
        return self.article.text

    def speech(self, region: Region) -> list[Quotation]:
        """The quotations of someone's words in a region (not scare quotes around a term)."""
        return [q for q in self.quotes[region] if is_speech(self.text, q)]

    def in_speech(self, region: Region, pos: int) -> bool:
        """Whether ``pos`` is inside one of the region's quotations of someone's words."""
        return any(q.open < pos < q.close for q in self.speech(region))

    def sentence_at(self, region: Region, pos: int) -> Span:
        return next(((s, e) for s, e in self.sentences[region] if s <= pos < e), (region.start, region.end))

    def region_at(self, pos: int) -> Region | None:
        return next((r for r in self.regions if r.start <= pos < r.end), None)

    @cached_property
    def front_lines(self) -> tuple[Region, ...]:
        """The short lines before the story: those of the first three paragraphs of at most 150
        characters (a byline, a date line, "Mekong Ledger | 2 Feb 2024")."""
        return tuple(r for r in [r for r in self.regions if r.kind == "paragraph"][:3] if r.end - r.start <= 150)


# --------------------------------------------------------------------------------------------
# Small helpers


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].strip("-")


def norm(name: str) -> str:
    return " ".join(name.replace("’", "'").casefold().split())


def name_pattern(name: str) -> re.Pattern:
    """A name as a regular expression: whole words, either apostrophe, any run of spaces; a name in
    lower case also matches with a capital first letter (at the start of a sentence)."""
    out, prev_space = [], False
    for i, ch in enumerate(name):
        if ch.isspace():
            if not prev_space:
                out.append(r"\s+")
            prev_space = True
            continue
        prev_space = False
        if ch in "'’":
            out.append("['’]")
        elif i == 0 and ch.islower():
            out.append(f"[{re.escape(ch)}{re.escape(ch.upper())}]")
        else:
            out.append(re.escape(ch))
    return re.compile(r"(?<![\w])" + "".join(out) + r"(?![\w])")


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def inside(span: Span, outer: Span) -> bool:
    return outer[0] <= span[0] and span[1] <= outer[1]


def trim(text: str, start: int, end: int, chars: str = " \t") -> Span:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def word_count(text: str) -> int:
    return len(re.findall(r"[\w’'-]+", text))


def title_case(line: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w’'-]*", line) if len(w) >= 4]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) >= 0.6


def is_cap_word(word: str) -> bool:
    """A capitalised word in any script with case: "Espérance", "McDonald", "O’Brien"."""
    letters = word.replace("’", "").replace("'", "")
    return len(word) >= 2 and word[0].isupper() and letters.isalpha() and any(c.islower() for c in word[1:])


def is_name_token(word: str) -> bool:
    if re.fullmatch(r"[A-Z]\.|(?:[A-Z]\.){2,}", word):
        return True  # an initial, "U.N."
    if re.fullmatch(r"[A-Z][A-Z0-9]{1,6}", word) and not word[1:].isdigit() or re.fullmatch(r"[A-Z][0-9]{1,3}", word):
        return True  # an acronym: "YPG", "M23"
    elided = re.fullmatch(r"[dl][’'](.+)", word)
    if elided:  # "d’Ivoire", "l’Est": an elided French article before a name
        return is_cap_word(elided.group(1))
    if re.fullmatch(r"(?:Co|Anti|Counter|Non|Inter|Self)-[a-z]+", word):
        return True  # "Co-operation" in "Organization for Security and Co-operation in Europe"
    parts = word.split("-")
    particles = lexicon().particles
    if parts[0].lower() in particles and len(parts) > 1:
        return all(is_cap_word(p) for p in parts[1:])
    if len(parts) > 1 and all(is_cap_word(p) or re.fullmatch(r"[A-Z][A-Z0-9]{1,6}", p) for p in parts) and any(
            is_cap_word(p) for p in parts):
        return True  # an acronym joined to a name: "RED-Tabara", "M23-Tabara" (not two acronyms: "AFC-M23")
    if re.fullmatch(r"[A-Z]{2,6}-(?:PF|IO|DC|ML|N)", word):
        return True  # a party's or a movement's acronym with its branch's letters: "ZANU-PF", "SPLA-IO", "SPLM-N"
    return is_cap_word(parts[0]) and all(is_cap_word(p) or p.lower() in particles for p in parts[1:])


def without_spans(text: str, s: int, e: int, spans: list[Span]) -> str:
    """The text of ``[s, e)`` with the spans blanked out (offsets kept)."""
    chars = list(text[s:e])
    for a, b in spans:
        for i in range(max(a, s), min(b, e)):
            chars[i - s] = " "
    return "".join(chars)


# --------------------------------------------------------------------------------------------
# Regions, quotations, sentences


def regions(article: Article, photo: Photo | None = None) -> tuple[Region, ...]:
    text = article.text
    out = [Region(article.headline.start, article.headline.end, "headline")]
    if photo:
        out.append(Region(photo.credit.start, photo.credit.end, "credit"))
        out.append(Region(photo.caption.start, photo.caption.end, "caption"))
    body = article.body
    for m in re.finditer(r"[^\r\n]+", text[body.start : body.end]):
        start, end = trim(text, body.start + m.start(), body.start + m.end(), " \t\u00a0")
        if end > start and not (photo and photo.line.start <= start < photo.line.end):
            out.append(Region(start, end, "paragraph"))
    for c in article.contributors:
        out.append(Region(c.start, c.end, "contributor"))
    return tuple(sorted(out, key=lambda r: r.start))


def quotations(text: str, region: Region) -> tuple[Quotation, ...]:
    """Double quotation marks in a region, with single ones nested inside them; single ones outside
    any double ones too, as the article's own quotation marks (‘We will not be told …,’ the official
    said)."""
    found, i = [], region.start
    while i < region.end:
        ch = text[i]
        if ch == "“":
            j = text.find("”", i + 1, region.end)
        elif ch == '"':
            j = text.find('"', i + 1, region.end)
        elif ch == "‘" and (i == region.start or text[i - 1] in " \t\u00a0([—–"):
            j = _single_close(text, i, region.end)
            if j == -1:
                i += 1
                continue
        else:
            i += 1
            continue
        close = j if j != -1 else region.end
        q = _quotation(text, region, i, close)
        found.append(Quotation(q.open, q.close, q.start, q.end, q.terminal, region, _nested(text, region, q)))
        i = close + 1
    return tuple(found)


def _single_close(text: str, open_: int, end: int) -> int:
    """Where a single quotation mark opened at ``open_`` closes: a ’ after the words' own punctuation
    (“…,’ he said”) or before a sentence's ("… ‘quiet diplomacy’."), not an apostrophe ("Mugabe’s",
    "farmers’ sons"); -1 if none does."""
    for m in range(open_ + 2, end):
        if text[m] == "’" and (text[m - 1] in ",.?!…—–" or (m + 1 < end and text[m + 1] in ",.;:?!")
                               or m + 1 == end):  # fmt: skip
            return m
        if text[m] == "‘" or text[m] in "“\"":
            return -1  # another quotation opens first: this one is no quotation mark
    return -1


def _quotation(text: str, region: Region, open_: int, close: int) -> Quotation:
    start, end = trim(text, open_ + 1, close, " \t\u00a0")
    bare_end = end
    while bare_end > start and text[bare_end - 1] in "’'\"”":
        bare_end -= 1
    terminal = bare_end > start and text[bare_end - 1] in ",.?!…—–:;"
    while end > start and text[end - 1] in ",;: \t":
        end -= 1
    return Quotation(open_, close, start, end, terminal, region)


def _nested(text: str, region: Region, outer: Quotation) -> tuple[Quotation, ...]:
    found, k = [], outer.start
    limit = outer.close
    while k < limit:
        ch = text[k]
        opening = ch == "‘" or (ch == "'" and (k == outer.start or not text[k - 1].isalnum()))
        if not opening:
            k += 1
            continue
        m = k + 1
        while m < limit:
            if text[m] in "’'" and not text[m - 1].isspace() and (m + 1 >= limit or not text[m + 1].isalpha()):
                break
            m += 1
        if m >= limit:
            break
        q = _quotation(text, region, k, m)
        if q.end > q.start:
            found.append(q)
        k = m + 1
    return tuple(found)


def is_speech(text: str, q: Quotation) -> bool:
    """A quotation of someone's words, not scare quotes around a term (“joint operations command”)."""
    words = word_count(text[q.start : q.end])
    return words > 0 and (q.terminal or words > 3)


_SENTENCE_END = re.compile(r"[.?!…]+[”’\"')\]]*\s+(?=[“‘\"'(\[]?[A-Z0-9])")


def sentences(text: str, region: Region, quotes: tuple[Quotation, ...]) -> tuple[Span, ...]:
    """Sentences of a region; never split inside a quotation or after an initial or abbreviation.
    A live blog's time stamp ("12:05 GMT –", "[19:45]", "19h05 –") is not part of the sentence after it."""
    seg = text[region.start : region.end]
    starts = [region.start]
    stamp = STAMP.match(seg)
    if stamp:
        starts = [region.start + stamp.end()]
    for m in _SENTENCE_END.finditer(seg):
        boundary = region.start + m.end()
        if boundary <= starts[0] or any(q.open < boundary <= q.close for q in quotes):
            continue
        if seg[m.start()] == ".":
            word = re.search(r"(\S+)$", seg[: m.start()])
            w = word.group(1).lstrip("“‘\"'(") if word else ""
            if re.fullmatch(r"[A-Z]", w) or re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", w) or w in lexicon().abbreviations:
                continue
        starts.append(boundary)
    spans = []
    for i, s in enumerate(starts):
        e = starts[i + 1] if i + 1 < len(starts) else region.end
        s, e = trim(text, s, e, " \t\u00a0")
        if e > s:
            spans.append((s, e))
    return tuple(spans)


def layout(article: Article) -> Layout:
    photo = photo_after_front_lines(article)
    rs = regions(article, photo)
    quotes = {r: quotations(article.text, r) for r in rs}
    return Layout(article, rs, quotes, {r: sentences(article.text, r, quotes[r]) for r in rs}, photo)
