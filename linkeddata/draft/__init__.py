"""Draft the annotation of a new article from rules and the registry, for a person to correct.

The draft is what a careful reader would mark first, done mechanically, in stages that each take
frozen results and return one (:func:`make_draft` chains them):

1. :func:`~.text.layout`: the text cut into regions, sentences and quotations;
2. :func:`~.mentions.find_names`: the registry's actors and places the content names (every
   mention anchored, a registry name out of its context held back as a TODO), and new actors and
   places typed by rules, countries and cities from ``pycountry`` and GeoNames
   (:mod:`~.gazetteer`);
3. the claim rules' ``find`` (:mod:`~.rules`): quotations, reported speech, denials, hedged and
   other sentences, with the speaker phrases they need;
4. :func:`~.speakers.build`: every speaker phrase resolved at once;
5. the claim rules' ``make``; then relationships and events where a rule is confident
   (:mod:`~.rules.relationships`, :mod:`~.rules.events`);
6. :func:`~.dates.find_dates`: dates at the precision the text gives, relative ones resolved
   against the publication date;
7. :func:`~.render.render`: YAML text with comments.

What rules cannot decide is left as a ``TODO`` for the person; every guessed type or speaker
carries its rule and a confidence. The draft is valid against the annotation schema, ``ld-export
build`` accepts it unedited and warns about every TODO, and ``ld-export build --strict`` refuses it.
The output is the same bytes for the same input.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from ..annotation import Registry, load_registry
from ..article import Article, read_article
from ..errors import InputError
from ..layout import REGISTRY_NAME, registry_for, write_file
from .dates import DateFound, Dates, find_dates
from .gazetteer import registry_index
from .kinds import credit_lead, photographer_first
from .lexicon import lexicon
from .mentions import Hit, Names, find_names
from .rules import UNKNOWN_PUBLISHER, ClaimRule, Context, DraftClaim, Found
from .rules import quotations as q_rules
from .rules import reported as r_rules
from .rules import sentences as s_rules
from .rules.events import DraftEvent, find_events
from .rules.relationships import DraftRelationship, find_relationships
from .speakers import build as build_speakers
from .text import Layout, Span, layout, name_pattern, overlaps, trim

#: The claim rules, in order: a sentence one rule drafts is not drafted again by a later one.
CLAIM_RULES: tuple[ClaimRule, ...] = (
    ClaimRule("quotation", q_rules.find, q_rules.make, False),
    ClaimRule("denial", r_rules.find_denials, r_rules.make, False),
    ClaimRule("caveat", r_rules.find_caveats, r_rules.make_caveat, False),
    ClaimRule("relative", r_rules.find_relative, r_rules.make, False),
    ClaimRule("and-that", r_rules.find_and_that, r_rules.make, False),
    ClaimRule("saying", r_rules.find_saying, r_rules.make, False),
    ClaimRule("subject-relative", r_rules.find_subject_relative, r_rules.make, False),
    ClaimRule("quoted-as-saying", r_rules.find_quoted_as_saying, r_rules.make, True),
    ClaimRule("according-to", r_rules.find_according_to, r_rules.make, True),
    ClaimRule("view", r_rules.find_view, r_rules.make, True),
    ClaimRule("version", r_rules.find_version, r_rules.make, True),
    ClaimRule("reported", r_rules.find_reported, r_rules.make, True),
    ClaimRule("said-after", r_rules.find_said_after, r_rules.make, True),
    ClaimRule("no-comment", r_rules.find_no_comment, r_rules.make_no_comment, True),
    ClaimRule("hedged", s_rules.find_hedged, s_rules.make_hedged, True),
    ClaimRule("publisher", s_rules.find_publisher, s_rules.make_publisher, True),
)


@dataclass(frozen=True)
class PhotoDraft:
    identifier: str | None
    credit: Span
    caption: Span
    creator: str | None
    provider: str | None
    date: DateFound | None
    places: tuple[str, ...]


@dataclass(frozen=True)
class Draft:
    """Everything the rules found in one article; :func:`render` writes it as YAML."""

    article: Article
    registry: Registry
    registry_note: str
    publisher: str
    publisher_note: str
    names: Names
    claims: tuple[DraftClaim, ...]
    unattributed: tuple[Span, ...]
    dates: tuple[DateFound, ...]
    published: str | None
    relationships: tuple[DraftRelationship, ...]
    events: tuple[DraftEvent, ...]
    contributors: tuple[tuple[str, Span], ...]
    photo: PhotoDraft | None
    open_sentences: tuple[Span, ...]
    authors: tuple[tuple[str, Span], ...] = ()

    @property
    def hits(self) -> tuple[Hit, ...]:
        return self.names.hits

    @property
    def counts(self) -> dict[str, int]:
        actors = {h.id for h in self.hits if h.kind == "actor"}
        places = {h.id for h in self.hits if h.kind == "place"}
        return {
            "actors": len(actors),
            "candidates": sum(1 for ref in self.names.entities if ref in actors | places),
            "places": len(places),
            "quotations": sum(1 for c in self.claims if c.quote),
            "claims": len(self.claims),
            "relationships": len(self.relationships),
            "events": len(self.events),
            "todo_quotations": len(self.unattributed),
        }


# --------------------------------------------------------------------------------------------
# Stages


# The words of an outlet's name (the lexicon's) that end an agency's, whose pictures others publish:
# "HORN WIRE/Name"; an outlet of another word ("SEULAWAH MAGAZINE/Name") credits its own picture.
_AGENCY_WORDS = frozenset({"Wire", "Press", "News", "Agency", "Images", "Reuters", "AFP", "AP"})


def choose_publisher(lay: Layout, names: Names) -> tuple[str, str]:
    """The article's own outlet: the registry's media outlet the site furniture at the end names
    most; else an outlet named where an article names itself: the furniture, the lines before the
    story ("Mekong Ledger | 2 Feb 2024"), a wire dateline's brackets ("(Horn Wire)"), or the body's
    "told the Cedar Review" and "the Dispatch could not verify"."""
    a = lay.article
    text = lay.text
    registry = names.index.registry
    if a.boilerplate:
        seg = text[a.boilerplate.start :]
        counts: Counter = Counter()
        first: dict[str, int] = {}
        for actor in registry.actors.values():
            if actor.type != "media-outlet":
                continue
            for name in (actor.label, *actor.aliases):
                for m in name_pattern(name).finditer(seg):
                    counts[actor.id] += 1
                    first[actor.id] = min(first.get(actor.id, m.start()), m.start())
        if counts:
            best = sorted(counts, key=lambda ref: (-counts[ref], first[ref]))[0]
            n = counts[best]
            return best, f"named in the site furniture at the end ({n} time{'s' if n > 1 else ''}); TODO: check"
        for entity in names.entities.values():
            if entity.type == "media-outlet" and name_pattern(entity.label).search(seg):
                return entity.id, "named in the site furniture at the end (rule outlet-in-furniture); TODO: check"
    # a social platform passes pictures and posts on ("… via Telegram"); it publishes no article
    outlets = [h for h in names.hits if h.kind == "actor" and names.actor_type(h.id) == "media-outlet"
               and text[h.start : h.end] not in lexicon().platforms]
    paragraphs = [r for r in lay.regions if r.kind == "paragraph"]
    for h in outlets:
        if any(r.start <= h.start < r.end for r in lay.front_lines):
            return h.id, "named in the lines before the story (rule outlet-in-front-matter); TODO: check"
    for h in outlets:
        if paragraphs and paragraphs[0].start <= h.start < paragraphs[0].start + 120 and text[h.start - 1] == "(":
            return h.id, "named in the dateline (rule outlet-in-dateline); TODO: check"
    for h in outlets:
        before = text[max(0, h.start - 12) : h.start]
        after = text[h.end : h.end + 40]
        if re.search(r"\btold\s+(?:the\s+)?$", before, re.I) or re.match(r"\s+could not (?:independently )?verify",
                                                                              after):  # fmt: skip
            return h.id, "the outlet the article says it spoke for (rule outlet-told); TODO: check"
    photo = lay.photo
    agencies = {"reuters", "associated-press", "agence-france-presse", "afp", "getty-images", "epa"}
    credit = text[photo.credit.start : photo.credit.end] if photo else ""
    lead = credit_lead(credit)
    # "HORN WIRE/Name": an agency's picture; not a periodical's own ("SEULAWAH MAGAZINE/Name")
    last = lead.split()[-1].title() if lead.split() else ""
    agency_photo = lead.isupper() and not photographer_first(credit) and not (
        lexicon().kind_of_word(last) == "media-outlet" and last not in _AGENCY_WORDS)
    for h in outlets:
        if photo and photo.credit.start <= h.start < photo.credit.end and h.id not in agencies and not agency_photo:
            return h.id, "the outlet of the photo credit (rule outlet-in-photo-credit); TODO: check"
    return UNKNOWN_PUBLISHER, "TODO: the publisher: no outlet of the registry is named at the end of the text"


def own_outlet_by_its_short_name(lay: Layout, names: Names, publisher: str) -> Names:
    """"the Dispatch" in an article of the Cordillera Dispatch is the Cordillera Dispatch, though
    the registry gives another outlet, the Great Lakes Dispatch, that alias: a name that is the last
    word of the publisher's (with or without "the") stands for the publisher, whatever it was taken
    for ("told the Herald": not a person)."""
    if publisher == UNKNOWN_PUBLISHER:
        return names
    words = names.label(publisher).split()
    # the last word that names a kind of outlet ("ALAY HERALD LIVE": "Herald"), else the last word
    head = next((w for w in reversed(words) if lexicon().kind_of_word(w) == "media-outlet"), words[-1])
    short = re.compile(rf"(?:[Tt]he )?{re.escape(head)}", re.IGNORECASE if head.isupper() else 0)
    text = lay.text
    hits = tuple(
        replace(h, id=publisher, how="alias", also=())
        if h.kind == "actor" and h.id != publisher and short.fullmatch(text[h.start : h.end])
        else h
        for h in names.hits
    )  # fmt: skip
    return names if hits == names.hits else replace(names, hits=hits)


def draft_claims(lay: Layout, found: list[tuple[ClaimRule, Found]], ctx: Context):
    """Every rule's claims, in rule order; ids by kind and asserter, in the order of the text."""
    claims: list[DraftClaim] = []
    unattributed: list[Span] = []
    used: set[Span] = set()
    for rule in CLAIM_RULES:
        for r, f in found:
            if r is not rule or (rule.takes_sentence and f.sentence in used):
                continue
            made = rule.make(f, ctx)
            for c in made:
                if c.section == "unattributed":
                    unattributed.append(c.quote)
                else:
                    claims.append(c)
            if made and rule.takes_sentence and f.sentence:
                used.add(f.sentence)
            if made and rule.name == "quotation":
                sentence = lay.sentence_at(f.quotation.region, f.quotation.open)
                used.add(sentence)
    claims.sort(key=lambda c: (c.sort, ["quotations", "reported", "hedged", "publisher"].index(c.section)))
    counters: Counter = Counter()
    out = []
    for c in claims:
        prefix = {"quotations": "quote", "reported": "reported", "hedged": c.hedge, "publisher": "statement"}[c.section]
        counters[prefix] += 1
        tail = c.asserter if c.section in ("quotations", "reported") else "by-" + c.asserter
        out.append(replace(c, id=f"{prefix}-{counters[prefix]}-{tail}"[:120].rstrip("-")))
    return [_with_doubted(lay, c, out) for c in out], unattributed


def _with_doubted(lay: Layout, c: DraftClaim, claims: list[DraftClaim]) -> DraftClaim:
    """The article's doubt ("…, a figure the Herald could not verify") doubts the claim it follows in its
    sentence: the one whose words end nearest before it."""
    if c.rule != "caveat":
        return c
    at = c.evidence[0][0]
    region = lay.region_at(at)
    s0, _ = lay.sentence_at(region, at) if region else (at, at)
    before = [(max(e for _, e in o.spans), o.id) for o in claims
              if o is not c and o.spans and s0 <= min(s for s, _ in o.spans) and max(e for _, e in o.spans) <= at]
    if not before:
        return replace(c, notes=(*c.notes, "TODO: doubts_source: the claim whose source it doubts"))
    return replace(c, doubts=(max(before)[1],), notes=(*c.notes, "doubts_source: the claim it follows in its "
                                                                  "sentence; TODO: check"))


def _date_note(text: str, d: DateFound) -> str:
    import json

    if d.value:
        return f"time: {json.dumps(d.value)} from “{text[d.start : d.end]}” ({d.note}) for an event's time and time_cue"
    return f"date “{text[d.start : d.end]}”: {d.note}"


def _lines(lay: Layout, names: Names, dates: Dates):
    text = lay.text
    contributors: list[tuple[str, Span]] = []
    for line in lay.article.contributors:
        for h in names.hits:
            if h.kind == "actor" and line.start <= h.start < line.end and names.actor_type(h.id) == "person":
                if h.id not in [c for c, _ in contributors]:
                    contributors.append((h.id, (line.start, line.end)))
    p = lay.photo
    photo = None
    if p:
        in_credit = [h for h in names.hits if h.kind == "actor" and p.credit.start <= h.start < p.credit.end]
        photo = PhotoDraft(
            identifier=text[p.identifier.start : p.identifier.end] if p.identifier else None,
            credit=(p.credit.start, p.credit.end),
            caption=(p.caption.start, p.caption.end),
            creator=next((h.id for h in in_credit if names.actor_type(h.id) == "person"), None),
            # an outlet, else the body whose handout it is ("Photograph courtesy of the Kenya Red Cross Society")
            provider=next((h.id for h in in_credit if names.actor_type(h.id) == "media-outlet"), None) or next(
                (h.id for h in in_credit if names.actor_type(h.id) not in (None, "person")), None),
            date=next((d for d in dates.found if p.caption.start <= d.start < p.caption.end and d.value
                       and len(d.value) == 10), None),  # fmt: skip
            places=tuple(dict.fromkeys(h.id for h in names.hits
                                       if h.kind == "place" and p.caption.start <= h.start < p.caption.end)),
        )  # fmt: skip
    return tuple(contributors), photo


# A byline's part: "By Helen Marais, Southern Africa correspondent", "Live updates by Natalia Giménez in
# Concepción", "Words and photographs by Regina Villaflor", "Written by Aditi Raghavan" (not "Photographs
# by …": a photographer's).
_BYLINE = re.compile(r"(?:(?:(?:Live updates|Live coverage|Coverage|Updates|Words|Text|Story|Reporting|Report|Analysis|"
                     r"Written|Compiled|Edited)(?: and (?:photographs|pictures|photos))? )?[Bb][Yy]|"
                     r"(?:Reporting|Coverage|Words|Text|Story)(?: and (?:photographs|pictures|photos))?:)"
                     r"\s+(?=[A-ZÀ-ÖØ-Þ])")
# A reporter's role after the name: "Anjali Barua, North-east correspondent".
_ROLE = re.compile(r"(?i)\b(?:correspondent|editor|reporter|writer|columnist|analyst|bureau chief|staff writer)$")


def _authors(lay: Layout, names: Names) -> tuple[tuple[str, Span], ...]:
    """The persons a byline before the story names, with the byline's part that names them: after "By"
    and its kin, or a part that is only names, each with where it was written from ("Inés Montalvo in
    Guayaquil and Tomás Reyes in Quito"), or a name with its role ("Anjali Barua, North-east
    correspondent"). Not one after "additional reporting by": a contributor's."""
    text = lay.text
    out: list[tuple[str, Span]] = []
    # the short lines before the story, a live blog's long line of fields too
    lines = [r for r in [r for r in lay.regions if r.kind == "paragraph"][:4] if r.end - r.start <= 220]
    for line in lines:
        for part in re.finditer(r"(?:[^|·—–]|(?<=\S)[—–](?=\S))+", text[line.start : line.end]):
            ps, pe = trim(text, line.start + part.start(), line.start + part.end())
            hits = [h for h in names.hits if ps <= h.start < pe]
            persons = [h for h in hits if h.kind == "actor" and names.actor_type(h.id) == "person"
                       and not _ROLE.search(text[h.start : h.end])]  # fmt: skip
            if not persons:
                continue
            rest = text[ps:pe]
            for h in sorted(hits, key=lambda h: -h.start):
                rest = rest[: h.start - ps] + " " * (h.end - h.start) + rest[h.end - ps :]
            # (a place for each, or two names at least: a label alone, "Long read", is no byline)
            only_names = re.fullmatch(r"(?:\s|,|\band\b|\bin\b|\([a-z ]+\))*", rest) and (
                len(persons) > 1 or any(h.kind == "place" for h in hits))
            with_role = len(persons) == 1 and persons[0].start == ps and _ROLE.search(text[persons[0].end : pe])
            if not (_BYLINE.match(text[ps:pe]) or only_names or with_role):
                continue
            for h in persons:
                if re.search(r"reporting\s+by\s+(?:[A-Z][\w’'-]*\s+)*$", text[ps : h.start]) and h.start > ps + 12:
                    continue  # "By Helen Achterberg, with additional reporting by Davor Šimić"
                if h.id not in [a for a, _ in out]:
                    out.append((h.id, (ps, pe)))
    return tuple(out)


def _draft(article: Article, registry: Registry, registry_note: str) -> Draft:
    lay = layout(article)
    index = registry_index(registry)
    dates = find_dates(lay)
    names = find_names(lay, index, dates.published[0] if dates.published else None)
    publisher, publisher_note = choose_publisher(lay, names)
    names = own_outlet_by_its_short_name(lay, names, publisher)
    found = [(rule, f) for rule in CLAIM_RULES for f in rule.find(lay)]
    asks = [a for _, f in found for a in f.asks()]
    tells = [t for _, f in found for t in f.tells()]
    speakers = build_speakers(lay, names, asks, tells, publisher)
    names = speakers.names
    ctx = Context(lay, speakers, publisher, dates)
    claims, unattributed = draft_claims(lay, found, ctx)
    text = lay.text
    notes_added = []
    for c in claims:
        span = c.quote or (c.evidence[0] if c.evidence else None)
        extra = [_date_note(text, d) for d in dates.found if span and span[0] <= d.start and d.end <= span[1]]
        notes_added.append(replace(c, notes=(*c.notes, *extra)) if extra else c)
    claims = notes_added
    sentences = [sp for r in lay.regions if r.kind in ("headline", "paragraph", "caption") for sp in lay.sentences[r]]
    relationships = find_relationships(sentences, text, names, claims)
    head = next(((s, e) for r in lay.regions if r.kind == "headline" for s, e in lay.sentences[r]), None)
    events = find_events(sentences, text, names, claims, dates, head)
    contributors, photo = _lines(lay, names, dates)
    covered = [sp for c in claims for sp in c.spans]
    open_sentences = tuple(
        (s, e) for r in lay.regions if r.kind in ("paragraph", "headline") for s, e in lay.sentences[r]
        if not any(overlaps((s, e), sp) for sp in covered)
    )  # fmt: skip
    month = dates.month_published
    published = dates.published[0].isoformat() if dates.published else (f"{month[0]}-{month[1]:02d}" if month else None)
    return Draft(article, registry, registry_note, publisher, publisher_note, names, tuple(claims),
                 tuple(unattributed), dates.found, published, tuple(relationships), tuple(events), contributors,
                 photo, open_sentences, _authors(lay, names))  # fmt: skip


# --------------------------------------------------------------------------------------------
# Entry points


def make_draft(article_path: str | Path, registry_path: str | Path | None = None) -> Draft:
    """Read an article and a registry, and draft the annotation (see :func:`render`)."""
    article_path = Path(article_path)
    article = read_article(article_path)
    explicit = registry_path is not None
    path = registry_for(article_path, registry_path)
    if not path.is_file():
        raise InputError("no such registry file", path)
    registry = load_registry(path)
    if explicit:
        note = f"the registry {path.name}"
    elif path.parent == article_path.parent:
        note = f"the {REGISTRY_NAME} beside the article"
    else:
        note = "the bundled registry"
    return _draft(article, registry, note)


def draft_annotation(article_path: str | Path, registry_path: str | Path | None = None) -> str:
    """The draft annotation of an article as YAML text."""
    return render(make_draft(article_path, registry_path))


def write_draft(text: str, out: Path, article_path: Path, force: bool = False) -> None:
    """Write a draft to ``out``; an existing file is replaced only with ``force``, the article never."""
    if out.resolve() == Path(article_path).resolve():
        raise InputError("the draft would replace the article itself; choose another file", out)
    if out.exists() and not force:
        raise InputError("the file exists; choose another file or add --force to replace it", out)
    if out.exists() and out.is_dir():
        raise InputError("the output path is a folder", out)
    write_file(out, text.encode("utf-8"))


from .render import render, yaml_string  # noqa: E402  (render reads Draft)

__all__ = [
    "CLAIM_RULES", "Draft", "UNKNOWN_PUBLISHER", "draft_annotation", "make_draft", "render",
    "write_draft", "yaml_string",
]  # fmt: skip
