"""Sentences no attribution rule took, as claims of the publisher:

- ``hedged``: a sentence with hedging words ("likely", "appears", "accused", "might" …), hedged at
  that level with the cue anchored; a sentence that reports someone's words says so in a TODO;
- ``publisher``: any other sentence of the headline or the body that names an actor or a place
  and says something (four words or more, not a question): the article's own statement; and the
  outlet saying it could not check something ("We have not been able to verify either figure."),
  which names no one.
"""

from __future__ import annotations

import re

from ..attribution import SUBJECT_RELATIVE, Attribution, second_clause
from ..text import Layout, trim, without_spans
from . import Context, DraftClaim, Found, hedge_of, words
from .reported import SAYING

# Words of someone's speech or mind in a sentence that names no one: whose they are, the sentence does not say.
_SPEAKING = re.compile(r"\b(?:den(?:y|ies|ied)|reject(?:s|ed)?|say|think|thinks|believe|agree|agrees|hope|hopes|"
                       r"expect|expects|insist|insists|claim|accuse|accuses|case|view|reading|count|promised|"
                       r"announced|declared)\b")
_REPORTING_HINT = re.compile(
    r"\b(?:noting|saying|adding|claiming|arguing|warning|according to|said|says|told|reported|claimed|"
    r"wrote|noted|believes?|alleged)\b"
)


def _sentences(lay: Layout, rule: str) -> list[Found]:
    out = []
    for r in lay.regions:
        if r.kind not in ("headline", "paragraph", "caption"):
            continue
        for s, e in lay.sentences[r]:
            out.append(Found(rule, s, (s, e), extra=(r,)))
    return out


# "X have been accused by residents, rights groups and the UN of …": the first accuser says so.
_ACCUSED_BY = re.compile(r"\b(?:has|have|had|was|were|is|are|been|being)\s+(?:\w+ly\s+)?accused\s+by\s+"
                         r"(?P<head>[^,;:.“”\"]+?)(?=,|\s+of\s|\s+and\s|\s+for\s)")


def find_hedged(lay: Layout) -> list[Found]:
    out = []
    for f in _sentences(lay, "hedged"):
        s, e = f.sentence
        m = _ACCUSED_BY.search(lay.text, s, e)
        if m:
            head = (m.start("head"), m.end("head"))
            f = Found(f.rule, f.sort, f.sentence, Attribution(head, "accused", None, (m.start(), m.end("head"))),
                      extra=f.extra)  # fmt: skip
        out.append(f)
    return out


_BYLINE = re.compile(r"^(?:By\s|[^.!?]{0,60}\|)|^[^.!?]*\b(?:live blog|Last updated|Published|Updated)\b")


def find_publisher(lay: Layout) -> list[Found]:
    """The article's own sentences; not the caption, nor a byline or date line before the story
    ("By Teodoro Reyes, Island Times | Tuesday, October 24, 2017")."""
    text = lay.text
    out = []
    for f in _sentences(lay, "publisher"):
        r = f.extra[0]
        if r.kind == "caption" or (r.kind == "paragraph" and len(text[r.start : r.end]) <= 150
                                   and _BYLINE.match(text[r.start : r.end])):  # fmt: skip
            continue
        # "…, and traders say …": the words before the clause of another speaker (rule reported)
        if r.kind == "paragraph" and (second := second_clause(text, *f.sentence)):
            f = Found(f.rule, f.sort, f.sentence, evidence=(f.sentence[0], second[0]), extra=f.extra)
        # "Israel, which says it wants …, has struck …": the subject's words are its own (rule
        # subject-relative), the article's what the subject did
        relative = SUBJECT_RELATIVE.match(text, *f.sentence)
        if relative and text[relative.end() : relative.end() + 2] == ", ":
            f = Found(f.rule, f.sort, f.sentence, evidence=trim(text, relative.end() + 2, f.sentence[1], " \t."),
                      extra=f.extra)  # fmt: skip
        # "Turkey has closed its border, saying …": the words after "saying" are the subject's (rule saying)
        start, end = f.evidence or f.sentence
        saying = SAYING.search(text, start, end)
        if saying and not lay.in_speech(r, saying.start()):
            f = Found(f.rule, f.sort, f.sentence, evidence=trim(text, start, saying.start(), " \t.,"), extra=f.extra)
        out.append(f)
    return out


def _quoted(ctx: Context, found: Found):
    region = found.extra[0]
    return [(q.open, q.close + 1) for q in ctx.layout.speech(region)]


def make_hedged(found: Found, ctx: Context) -> list[DraftClaim]:
    text = ctx.text
    s, e = found.sentence
    quoted = _quoted(ctx, found)
    cues = ctx.cues((s, e), exclude=quoted)
    if not cues:
        return []
    out = []
    levels: dict[str, list] = {}
    for c in cues:
        levels.setdefault(c[2], []).append(c)
    accuser = ctx.speakers.speaker(found.ask()) if found.attribution else None
    for level, cs in levels.items():
        hedge, spans, _ = hedge_of(cs)
        notes = [f"hedging words: {words(text, spans)}"]
        asserter = ctx.publisher
        if accuser is not None and level == "accused":
            asserter = accuser.id
            notes.append(f"speaker: {accuser.note}; rule: accused-by")
        else:
            hint = _REPORTING_HINT.search(without_spans(text, s, e, quoted))
            if hint:
                notes.append(f"TODO: check the asserter: the sentence reports someone's words (“{hint.group()}”)")
        out.append(DraftClaim(
            id="", label=f"TODO: in one sentence, what the sentence states as {level}", asserter=asserter,
            hedge=hedge, sort=s, section="hedged", cues=spans, evidence=((s, e),), notes=tuple(notes), rule="hedged",
        ))  # fmt: skip
    return out


_WE_CANNOT_VERIFY = re.compile(r"We\s+(?:cannot|can\s*not|could\s+not|have\s+not\s+been\s+able\s+to|"
                               r"were\s+not\s+able\s+to|are\s+not\s+able\s+to|were\s+unable\s+to|are\s+unable\s+to)\s+"
                               r"(?:independently\s+)?"
                               r"(?:verify|confirm|corroborate|check)\b")


def make_publisher(found: Found, ctx: Context) -> list[DraftClaim]:
    text = ctx.text
    s, e = found.evidence or found.sentence
    sentence = text[s:e]
    names = ctx.speakers.names
    if sentence.rstrip().endswith("?") or len(re.findall(r"[\w’'-]+", sentence)) < 4:
        return []
    if any(s <= q[0] < e for q in _quoted(ctx, found)):
        return []
    if not any(s <= h.start < e for h in names.hits) and not _WE_CANNOT_VERIFY.match(sentence) and (
            found.extra[0].kind == "headline" or _REPORTING_HINT.search(sentence) or _SPEAKING.search(sentence)
            or re.match(r"(?:He|She|They|It|We|I|His|Her|Their|Its|Others|Some|Many|Most)\b", sentence)):
        # (but "We have not been able to verify either figure.": the outlet speaks of itself; and "Buses
        # stopped running and many shops kept their shutters down.": what the article saw names no one,
        # though a headline that names no one says too little to be drafted)
        return []
    return [DraftClaim(
        id="", label="TODO: in one sentence, what the article states here", asserter=ctx.publisher,
        hedge="asserted", sort=s, section="publisher", evidence=((s, e),),
        notes=("the article's own words (rule publisher-sentence, confidence 0.5); TODO: delete it if it states "
               "nothing worth a claim",), rule="publisher",
    )]  # fmt: skip
