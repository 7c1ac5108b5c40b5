"""Quotations and their speakers: “…,” X told Y. / “…,” said X. / X said: “…” / X wrote in Z: “…” /
according to X, “…” / X told Y that trainees “…”; a quotation inside a quotation; a quotation with
no words of its own takes the speaker of the one beside it in the paragraph."""

from __future__ import annotations

import json
import re
from dataclasses import replace

from ...records import Hop
from .. import attribution
from ..speakers import Speaker
from ..text import Layout, Span
from . import Context, DraftClaim, Found, hedge_of

# A name and its verb after a quotation that ends with a question or an exclamation.
_TAG_AFTER_QUESTION = re.compile(r"\s+(?:[A-Z][\w’'-]*\s+){1,4}([a-z]+)\.")


def find(lay: Layout) -> list[Found]:
    text = lay.text
    out: list[Found] = []
    for r in lay.regions:
        if r.kind == "credit":
            continue
        speech = lay.speech(r)
        founds: list[Found] = []
        for i, q in enumerate(speech):
            sent = lay.sentence_at(r, q.open)
            close_sent = lay.sentence_at(r, q.close) if q.close < r.end else sent
            nxt = speech[i + 1].open if i + 1 < len(speech) else r.end
            prev_close = speech[i - 1].close + 1 if i > 0 else r.start
            limit = min(close_sent[1], nxt)
            tag = _TAG_AFTER_QUESTION.match(text, q.close + 1, nxt) if text[q.close - 1] in "?!" else None
            if tag and attribution.verb_pattern().fullmatch(tag.group(1)):
                limit = tag.end()  # "“… my hands?” Bangura asked.": a sentence of its own that only says who
            attr = attribution.after(text, q, limit) or attribution.before(
                text, q, max(sent[0], prev_close)
            )
            founds.append(Found("quotation", q.open, None, attr, q))
        resolved = [f for f in founds if f.attribution and f.attribution.head]
        for f in founds:
            source = None
            if not (f.attribution and f.attribution.head):
                earlier = [g for g in resolved if g.sort < f.sort]
                later = [g for g in resolved if g.sort > f.sort]
                source = earlier[-1] if earlier else (later[0] if later else None)
            nested = []
            prev = f.quotation.start
            for n in f.quotation.nested:
                nattr = attribution.before(text, n, prev)
                prev = n.close + 1
                nested.append(Found("nested-quotation", n.open, None, nattr, n, outer=f))
            full = replace(f, extra=(source, tuple(nested)))
            out.append(full)
            out.extend(replace(n, outer=full) for n in nested)
    return out


def make(found: Found, ctx: Context) -> list[DraftClaim]:
    if found.rule != "quotation":
        return []  # a quotation inside a quotation: made with the one around it
    source, nested = found.extra
    q = found.quotation
    attr = found.attribution if found.attribution and found.attribution.head else None
    inherited = False
    if attr is None and source is not None:
        attr, inherited = source.attribution, True
        speaker = ctx.speakers.speaker(source.ask())
    else:
        speaker = ctx.speakers.speaker(found.ask()) if attr else None
    if speaker is None:
        return [DraftClaim("", "", "", "asserted", q.start, "unattributed", quote=(q.start, q.end))]
    if inherited:
        speaker = Speaker(speaker.id, speaker.note + "; from the attribution of a quotation beside it")
    claim = _claim(found, attr, speaker, None, ctx, model_from=source if inherited else None)
    if inherited:
        claim = replace(claim, notes=(*claim.notes, "TODO: check: the sentence does not name the speaker; the "
                                                    "paragraph does"))  # fmt: skip
    out: list[DraftClaim] = []
    outer_framing = False
    text = ctx.text
    for n in nested:
        if not _speech(text, n.quotation):
            continue
        nspeaker = ctx.speakers.speaker(n.ask()) if n.attribution and n.attribution.head else None
        if nspeaker is None:
            words = json.dumps(text[n.quotation.start : n.quotation.end][:60], ensure_ascii=False)
            claim = replace(claim, notes=(*claim.notes, f"TODO: the quotation holds another one ({words}…) whose "
                                                        f"speaker it does not give"))  # fmt: skip
            continue
        inner = _claim(n, n.attribution, nspeaker, speaker, ctx)
        hop_evidence = claim.evidence[0] if claim.evidence else None
        inner = replace(
            inner,
            chain=(Hop(speaker.id, "quoted", to=claim.told_to, evidence=_spans(hop_evidence)), *claim.chain),
            notes=(*inner.notes, f"quoted by {speaker.id} inside a quotation of theirs"),
        )
        out.append(inner)
        rest = text[n.quotation.close + 1 : q.end]
        if len(nested) == 1 and n.attribution.head[0] <= q.start + 2 and not re.search(r"\w", rest):
            outer_framing = True
    if not outer_framing:
        out.insert(0, claim)
    return out


def _speech(text: str, q) -> bool:
    from ..text import is_speech

    return is_speech(text, q)


def _claim(found: Found, attr, speaker: Speaker, nested_in: Speaker | None, ctx: Context,
           model_from: Found | None = None) -> DraftClaim:  # fmt: skip
    q = found.quotation
    notes: list[str] = []
    outer_id = nested_in.id if nested_in else None
    told, told_notes = ctx.speakers.told(attr.obj, outer_id)
    notes += told_notes
    told = tuple(t for t in dict.fromkeys(told) if t != speaker.id)
    cues = ctx.cues((q.start, q.end), exclude=[(n.open, n.close + 1) for n in q.nested])
    hedge, cue_spans, hedge_notes = hedge_of(cues)
    notes += hedge_notes
    chain = _chain(speaker, told, attr, notes, ctx)
    who = ctx.label(speaker.id)
    to = (" to " + " and ".join(ctx.label(t) for t in told)) if told else ""
    evidence = (attr.evidence,) if attr.evidence[1] > attr.evidence[0] else ()
    return DraftClaim(
        id="", label=f"TODO: in one sentence, what {who} says in these words{to}", asserter=speaker.id,
        hedge=hedge, sort=q.start, section="quotations", cues=cue_spans, quote=(q.start, q.end),
        evidence=evidence, told_to=told, chain=chain,
        notes=(f"speaker: {speaker.note}; verb: {attr.verb}", *notes), rule=found.rule,
    )  # fmt: skip


def _chain(speaker: Speaker, told: tuple[str, ...], attr, notes: list[str], ctx: Context) -> tuple[Hop, ...]:
    """The hops the words took to the article, where the attribution says so."""
    names = ctx.speakers.names
    outer = attr.outer
    if outer is not None and outer.head:
        from ..speakers import Ask

        teller = ctx.speakers.speaker(Ask(outer.head, outer.appos))
        if teller and teller.id != speaker.id:
            outer_told = tuple(t for t in ctx.speakers.told(outer.obj, None)[0] if t != teller.id)
            notes.append(f"passed on by {teller.id} ({teller.note}); TODO: check the chain")
            return (Hop(teller.id, "quoted", to=outer_told, evidence=_spans(outer.evidence)),)
    # The article itself is the last hop, implied: its publisher is no hop of its own.
    outlet = outlet_in(names, attr.evidence, exclude=(speaker.id, ctx.publisher, *told))
    if outlet is None and attr.head:
        outlet = outlet_in(names, attr.head, exclude=(speaker.id, ctx.publisher))
    if outlet:
        return (Hop(speaker.id, "quoted", publisher=outlet, evidence=_spans(attr.evidence)),)
    for t in told:
        member = _outlet_of(names, t)
        if member:
            notes.append(
                f"TODO: chain? {t} is a member of {member} in the registry; if the words reached the "
                f"article through it: chain: [{{by: {t}, publisher: {member}, mode: quoted}}]"
            )
    return ()


def outlet_in(names, span, exclude=()) -> str | None:
    for h in names.actors_in(span):
        if h.id not in exclude and names.actor_type(h.id) == "media-outlet":
            return h.id
    return None


def _outlet_of(names, actor_id: str) -> str | None:
    a = names.index.registry.actors.get(actor_id)
    if not a:
        return None
    for ref in a.member_of:
        if names.actor_type(ref) == "media-outlet":
            return ref
    return None


def _spans(span: Span | None) -> tuple[Span, ...]:
    """A hop's evidence: the span, if there is one."""
    return () if span is None else (span,)
