"""The draft as YAML text with comments: valid against the annotation schema, deterministic."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from ..anchor import occurrences
from .mentions import Hit
from .text import Span

if TYPE_CHECKING:
    from . import Draft

_YAML_UNSAFE = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\x85\u2028\u2029\ufeff]")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def yaml_string(value: str) -> str:
    """A double-quoted YAML scalar: JSON's escapes, which YAML shares, plus those YAML needs."""
    return _YAML_UNSAFE.sub(
        lambda m: f"\\u{ord(m.group()):04x}" if ord(m.group()) < 0x10000 else f"\\U{ord(m.group()):08x}",
        json.dumps(value, ensure_ascii=False),
    )


def _id(value: str) -> str:
    if re.fullmatch(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*", value) and value not in _YAML_WORDS:
        return value
    return yaml_string(value)


def _ids(values) -> str:
    return "[" + ", ".join(_id(v) for v in values) + "]"


def _comment(text: str) -> str:
    text = re.sub(r"[\r\n\x85\u2028\u2029]+", " ", text)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text).rstrip()


class _Writer:
    def __init__(self, text: str):
        self.text = text
        self.lines: list[str] = []

    def quote(self, span: Span) -> str:
        exact = self.text[span[0] : span[1]]
        found = occurrences(self.text, exact)
        if len(found) == 1:
            return yaml_string(exact)
        return f"{{exact: {yaml_string(exact)}, occurrence: {found.index(span[0]) + 1}}}"

    def quotes(self, key: str, spans, indent: str) -> None:
        spans = list(spans)
        if len(spans) == 1:
            self.lines.append(f"{indent}{key}: {self.quote(spans[0])}")
        else:
            self.lines.append(f"{indent}{key}:")
            self.lines.extend(f"{indent}  - {self.quote(s)}" for s in spans)

    def add(self, line: str, comment: str | None = None) -> None:
        self.lines.append(f"{line}  # {_comment(comment)}" if comment else line)

    def note(self, indent: str, comment: str) -> None:
        self.lines.append(f"{indent}# {_comment(comment)}")


_SECTION_TITLES = {
    "quotations": "a quotation with its speaker",
    "reported": "someone's words, reported by the article",
    "hedged": "a sentence with hedging words: the publisher's unless the sentence says whose",
    "publisher": "a sentence of the article's own",
}


def render(d: Draft) -> str:
    """The draft as YAML text with comments (deterministic)."""
    text = d.article.text
    w = _Writer(text)
    slug = d.article.slug
    counts = d.counts
    for line in (
        f"Draft annotation of {slug}.txt, written by `ld-export draft` from rules and {d.registry_note}.",
        "It is valid and builds as it stands, but it is a draft (`status: draft`; a build warns about every TODO",
        "and `ld-export build --strict` refuses it): check every entry, resolve every TODO, delete the status,",
        f"then save it as {slug}.yaml beside the article (docs/annotation.md describes every key).",
        f"Found: {counts['actors']} actors ({counts['candidates']} of them not in the registry), "
        f"{counts['places']} places, {counts['quotations']} quotations, {counts['claims']} claims, "
        f"{counts['relationships']} relationships, {counts['events']} events.",
    ):
        w.note("", line)
    w.lines.append("")

    # article
    w.lines.append("article:")
    w.add("  status: draft", "TODO: delete this line once every entry is checked")
    w.add(f"  publisher: {_id(d.publisher)}", d.publisher_note)
    if d.published:
        pub = next((x for x in d.dates if x.value == d.published and x.note.startswith("the publication ")), None)
        words = f" (“{text[pub.start : pub.end]}”)" if pub else ""
        w.add(f"  date_published: {yaml_string(d.published)}", f"the date line{words}; TODO: check")
    else:
        w.note("  ", "TODO: date_published: the date of publication, from the source (the text does not give it)")
    if d.authors:
        w.lines.append("  authors:")
        for ref, span in d.authors:
            w.add(f"    - actor: {_id(ref)}", "named in the byline; TODO: check")
            w.lines.append(f"      evidence: {w.quote(span)}")
    if d.contributors:
        w.lines.append("  contributors:")
        for ref, span in d.contributors:
            w.lines.append(f"    - actor: {_id(ref)}")
            w.lines.append(f"      evidence: {w.quote(span)}")
    if d.photo:
        p = d.photo
        w.lines.append("  photo:")
        if p.identifier:
            w.lines.append(f"    identifier: {yaml_string(p.identifier)}")
        w.lines.append(f"    credit: {w.quote(p.credit)}")
        w.lines.append(f"    caption: {w.quote(p.caption)}")
        if p.creator:
            w.add(f"    creator: {_id(p.creator)}", "named in the credit")
        else:
            w.note("    ", "TODO: creator: the photographer, if the credit names one")
        if p.provider:
            w.add(f"    provider: {_id(p.provider)}", "named in the credit")
        if p.date:
            w.add(f"    date: {yaml_string(p.date.value)}", f"from “{text[p.date.start : p.date.end]}”")
        if p.places:
            w.add(f"    places: {_ids(p.places)}", "named in the caption; TODO: keep those the photo shows")
    w.lines.append("")

    # actors and places
    names = d.names
    by_id: dict[tuple[str, str], list[Hit]] = {}
    for h in d.hits:
        by_id.setdefault((h.kind, h.id), []).append(h)
    entities = names.entities
    for kind, title in (("actor", "actors"), ("place", "places")):
        entries = sorted(((ref, hs) for (k, ref), hs in by_id.items() if k == kind), key=lambda x: x[1][0].start)
        held = [h for h in names.held if (h.ref in d.registry.actors) == (kind == "actor")]
        if not entries and not held and not (kind == "actor" and d.publisher == _unknown()):
            continue
        w.lines.append(f"{title}:")
        known = [(ref, hs) for ref, hs in entries if ref not in entities]
        new = [(ref, hs) for ref, hs in entries if ref in entities]
        if known:
            w.note("  ", f"Registry {title}, in order of first mention, with every place the content names them.")
        for ref, hs in known:
            w.lines.append(f"  - id: {_id(ref)}")
            _mentions(w, hs)
        for h in held:
            spans = ", ".join(f"“{text[s:e]}”" for s, e in h.spans[:3])
            more = f" and {len(h.spans) - 3} more" if len(h.spans) > 3 else ""
            w.note("  ", f"TODO: not linked: {spans}{more} could be {h.ref}, but {h.reason}; add the mentions to the "
                         f"right actor (quotes: {'; '.join(w.quote(sp) for sp in h.spans)})")  # fmt: skip
        if new:
            w.note("  ", "Not in the registry: TODO: review each (keep it, use a registry id instead, or delete it).")
        for ref, hs in new:
            e = entities[ref]
            w.add(f"  - id: {_id(ref)}", e.why)
            if e.type:
                w.lines.append(f"    type: {e.type}")
            w.lines.append(f"    label: {yaml_string(e.label)}")
            if e.aliases and kind == "actor":  # a place has no aliases (its mentions say them)
                w.lines.append("    aliases: [" + ", ".join(yaml_string(a) for a in e.aliases) + "]")
            if e.hint:
                w.note("    ", "TODO: " + e.hint)
            _mentions(w, hs)
        if kind == "actor" and d.publisher == _unknown():
            w.add(f"  - id: {_unknown()}", "TODO: replace with the publisher's registry id everywhere")
            w.lines.append("    type: media-outlet")
            w.lines.append(f"    label: {yaml_string('TODO: publisher')}")
        w.lines.append("")

    # claims
    w.lines.append("claims:" if d.claims else "claims: []")
    for c in d.claims:
        w.note("  ", f"--- {_SECTION_TITLES[c.section]}")
        w.lines.append(f"  - id: {_id(c.id)}")
        w.lines.append(f"    label: {yaml_string(c.label)}")
        w.lines.append(f"    asserter: {_id(c.asserter)}")
        if c.told_to:
            w.lines.append(f"    told_to: {_ids(c.told_to)}")
        w.lines.append(f"    hedge: {c.hedge}")
        if c.cues:
            w.quotes("cue", c.cues, "    ")
        if c.quote:
            w.lines.append(f"    quote: {w.quote(c.quote)}")
        if c.evidence:
            w.quotes("evidence", c.evidence, "    ")
        chain = list(c.chain)
        if chain and chain[0].by == c.asserter:
            # The asserter publishing the words is no hop (a hop passes them on to someone else):
            # the outlet is where the claim first appeared.
            own = chain.pop(0)
            if own.publisher and not chain:
                w.lines.append("    first_appearance:")
                w.lines.append(f"      publisher: {_id(own.publisher)}")
                if own.evidence and own.evidence[0][1] > own.evidence[0][0]:
                    w.lines.append(f"      evidence: {w.quote(own.evidence[0])}")
        if chain:
            w.lines.append("    chain:")
            for hop in chain:
                w.lines.append(f"      - by: {_id(hop.by)}")
                if hop.to:
                    w.lines.append(f"        to: {_ids(hop.to)}")
                if hop.publisher:
                    w.lines.append(f"        publisher: {_id(hop.publisher)}")
                w.lines.append(f"        mode: {hop.mode}")
                if hop.evidence and hop.evidence[0][1] > hop.evidence[0][0]:
                    w.lines.append(f"        evidence: {w.quote(hop.evidence[0])}")
        if c.article_mode:
            w.lines.append(f"    article_mode: {c.article_mode}")
        if c.doubts:
            w.lines.append(f"    doubts_source: {_ids(c.doubts)}")
        for n in c.notes:
            w.note("    ", n)
    for span in d.unattributed:
        w.note("  ", "TODO: a quotation whose speaker the text does not give here; add a claim with its asserter:")
        w.note("  ", f"  quote: {w.quote(span)}")
    w.lines.append("")

    # relationships
    if d.relationships:
        w.lines.append("relationships:")
        for r in d.relationships:
            w.add(f"  - id: {_id(r.id)}", f"rule {r.rule} (confidence {r.confidence:.1f}); TODO: check")
            w.lines.append(f"    label: {yaml_string('TODO: in one sentence, the relationship')}")
            w.lines.append(f"    kind: {r.kind}")
            w.lines.append(f"    from: {_id(r.from_actor)}")
            w.lines.append(f"    to: {_id(r.to_actor)}")
            w.lines.append(f"    claims: [{_id(r.claim)}]")
            w.lines.append(f"    evidence: {w.quote(r.evidence)}")
        w.lines.append("")
    else:
        w.note("", "TODO: relationships: none drafted; add those the claims support (docs/annotation.md).")
    if d.events:
        w.lines.append("events:")
        for e in d.events:
            w.add(f"  - id: {_id(e.id)}", f"rule {e.rule} (confidence {e.confidence:.1f}); TODO: check")
            w.lines.append(f"    label: {yaml_string('TODO: in one sentence, what happened')}")
            w.lines.append(f"    type: {e.type}")
            for key, values in (("agents", e.agents), ("targets", e.targets), ("places", e.places)):
                if values:
                    w.lines.append(f"    {key}: {_ids(values)}")
            if e.time:
                w.lines.append(f"    time: {yaml_string(e.time)}")
                w.lines.append(f"    time_cue: {w.quote(e.time_cue)}")
            w.lines.append(f"    claims: [{_id(e.claim)}]")
            w.lines.append(f"    evidence: {w.quote(e.evidence)}")
        w.lines.append("")
    w.note("", "TODO: events: add the others the claims report. The dates the text gives, for an event's time and "
               "time_cue:")  # fmt: skip
    if not d.dates:
        w.note("", "  (none)")
    for date in d.dates:
        cue = w.quote((date.start, date.end))
        value = f"time: {json.dumps(date.value)}, " if date.value else ""
        w.note("", f"  {value}time_cue: {cue}  ({date.note})")
    if d.open_sentences:
        w.note("", "TODO: sentences no drafted claim covers; add a claim for each that asserts something:")
        for s, e in d.open_sentences:
            w.note("", f"  - {w.quote((s, e))}")
    return "\n".join(w.lines).rstrip("\n") + "\n"


def _unknown() -> str:
    from . import UNKNOWN_PUBLISHER

    return UNKNOWN_PUBLISHER


def _mentions(w: _Writer, hits: list[Hit]) -> None:
    spans = list(dict.fromkeys((h.start, h.end) for h in hits))
    w.lines.append("    mentions:")
    for h in hits:
        if (h.start, h.end) not in spans:
            continue
        spans.remove((h.start, h.end))
        note = None
        if h.how == "surname":
            note = "the surname alone"
        elif h.how == "capital":
            note = "the capital standing for its state (rule capital-for-its-state, confidence 0.6); TODO: check"
        elif h.how == "country":
            note = ("the country standing for its government, where it acts (rule country-acting, confidence 0.6); "
                    "TODO: check")
        elif h.how == "role":
            note = "the role the text names this person by elsewhere (rule role-noun, confidence 0.6); TODO: check"
        elif h.how == "speaker":
            note = "a speaker the text describes"
        elif h.also:
            note = "TODO: check: the words could also stand for " + ", ".join(h.also)
        w.add(f"      - {w.quote((h.start, h.end))}", note)
