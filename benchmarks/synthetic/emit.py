"""The annotation of one article as YAML (docs/annotation.md), and the registry of the corpus.

Every quote is verbatim; a quote whose words occur more than once gets an ``occurrence`` or a
``within`` passage, as short as the sentence allows.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass

from linkeddata.anchor import occurrences  # as the build counts them


@dataclass
class Span:
    start: int
    end: int


_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]')


def ys(s: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is valid YAML)."""
    return json.dumps(s, ensure_ascii=False) if _ESCAPE.search(s) else f'"{s}"'


def once(haystack: str, needle: str) -> bool:
    """Whether ``needle`` occurs exactly once in ``haystack``, overlapping occurrences counted."""
    at = haystack.find(needle)
    return at != -1 and at == haystack.rfind(needle)


class Emitter:
    def __init__(self, art, text: str):
        """``art``: an :class:`interpret.Article` that has been written; ``text``: what it wrote."""
        self.art, self.text = art, text
        self.starts = [s for s, _ in art.w.sentences]
        self.sentences = art.w.sentences
        self._cache: dict[tuple[int, int], str] = {}
        self._found: dict[str, list[int]] = {}

    def quote(self, span: Span) -> str:
        key = (span.start, span.end)
        if key not in self._cache:
            self._cache[key] = self._quote(span)
        return self._cache[key]

    def _quote(self, span: Span) -> str:
        text = self.text
        start, end = span.start, span.end
        while text[start].isspace():
            start += 1
        while text[end - 1].isspace():
            end -= 1
        span = Span(start, end)
        exact = text[start:end]
        found = self._found.get(exact)
        if found is None:
            found = self._found[exact] = occurrences(text, exact)
        if len(found) == 1:
            return ys(exact)
        n = found.index(span.start) + 1
        # A short passage around the words that occurs once: grow it word by word within the sentence.
        if (span.start + n) % 4:
            lo, hi = self._sentence(span)
            left, right = span.start, span.end
            for _ in range(12):
                left = max(lo, text.rfind(" ", lo, left - 1) + 1 if left > lo else lo)
                if right < hi:
                    nxt = text.find(" ", right + 1, hi)
                    right = hi if nxt == -1 else nxt
                passage = text[left:right].strip()
                if once(text, passage) and once(passage, exact):
                    return f"{{exact: {ys(exact)}, within: {ys(passage)}}}"
                if left <= lo and right >= hi:
                    break
        return f"{{exact: {ys(exact)}, occurrence: {n}}}"

    def _sentence(self, span: Span) -> tuple[int, int]:
        k = bisect.bisect_right(self.starts, span.start) - 1
        if k >= 0 and self.sentences[k][1] >= span.end:
            return self.sentences[k]
        return span.start, span.end

    def quotes(self, key: str, spans: list[Span], indent: str) -> list[str]:
        spans = [s for s in spans if s.end > s.start]
        if len(spans) == 1:
            return [f"{indent}{key}: {self.quote(spans[0])}"]
        return [f"{indent}{key}:", *(f"{indent}  - {self.quote(s)}" for s in spans)]

    def annotation(self) -> str:
        art, h = self.art, self.art.head
        v = art.v  # what the blocks bound
        out = [
            f"# Synthetic article {art.index} of the benchmark corpus (seed {art.seed}), written by",
            "# benchmarks/make_corpus.py. Every outlet, person, place and quote in it is invented; every quote is",
            f"# verbatim from {h.slug}.txt.",
            "",
            "article:",
            f"  publisher: {v['pub'].id}",
            f"  date_published: {ys(h.date.isoformat())}",
            "  language: en",
        ]
        if v["byline"]:
            out += ["  authors:", f"    - actor: {v['r1'].id}", f"      evidence: {self.quote(v['byline'])}"]
        out.append("  contributors:")
        for n, actor in enumerate(v["contributors"]):
            out += [f"    - actor: {actor.id}", f"      evidence: {self.quote(v[f'contrib{n}'])}"]
        out.append("  photo:")
        if v["ident"]:
            out.append(f"    identifier: {ys(v['ident'])}")
        out += [
            f"    credit: {self.quote(v['credit'])}",
            f"    caption: {self.quote(v['caption'])}",
            f"    creator: {v['photographer'].id}",
            f"    provider: {v['agency'].ent.id}",
            f"    date: {ys(v['photo_date'].isoformat())}",
            f"    places: [{v['town'].id}, {v['c'].place.id}]",
            "",
            "actors:",
        ]
        w = art.w
        local_ids = {e.id for e in art.local.values()}
        places = []
        for eid, ent in w.entities.items():
            if ent.kind == "place":
                places.append(ent)
                continue
            out.append(f"  - id: {eid}")
            if eid in local_ids:
                out += [f"    type: {ent.type}", f"    label: {ys(ent.label)}"]
                if ent.description:
                    out.append(f"    description: {ys(ent.description)}")
                if ent.member_of:
                    out.append(f"    member_of: [{', '.join(ent.member_of)}]")
                if ent.part_of:
                    out.append(f"    part_of: [{', '.join(ent.part_of)}]")
            out += self.quotes("mentions", w.mentions[eid], "    ")
        out += ["", "places:"]
        for ent in places:
            out.append(f"  - id: {ent.id}")
            out += self.quotes("mentions", w.mentions[ent.id], "    ")
        out += ["", "claims:"]
        for c in art.claims:
            out += [f"  - id: {c.id}", f"    label: {ys(c.label)}", f"    asserter: {c.asserter}"]
            if c.told_to:
                out.append(f"    told_to: [{', '.join(c.told_to)}]")
            out.append(f"    hedge: {c.hedge}")
            if c.cue:
                out += self.quotes("cue", c.cue if isinstance(c.cue, list) else [c.cue], "    ")
            if c.quote:
                out.append(f"    quote: {self.quote(c.quote)}")
            out += self.quotes("evidence", c.evidence, "    ")
            if c.chain:
                out.append("    chain:")
                for hp in c.chain:
                    out.append(f"      - by: {hp['by']}")
                    if "to" in hp:
                        out.append(f"        to: [{', '.join(hp['to'])}]")
                    if "publisher" in hp:
                        out.append(f"        publisher: {hp['publisher']}")
                    out.append(f"        mode: {hp['mode']}")
                    out += self.quotes("evidence", hp["evidence"], "        ")
            if c.mode:
                out.append(f"    article_mode: {c.mode}")
            for key in ("about", "supports", "disputes", "repeats"):
                refs = getattr(c, key)
                if refs:  # a synthetic dispute says the other claim's content is false
                    out.append(f"    {'contradicts' if key == 'disputes' else key}: [{', '.join(refs)}]")
        if art.relationships:
            out += ["", "relationships:"]
            for r in art.relationships:
                out += [
                    f"  - id: {r.id}",
                    f"    label: {ys(r.label)}",
                    f"    kind: {r.kind}",
                    f"    from: {r.frm}",
                    f"    to: {r.to}",
                ]
                if r.time:
                    out.append(f"    time: {ys(r.time)}")
                out.append(f"    claims: [{', '.join(r.claims)}]")
                out += self.quotes("evidence", r.evidence, "    ")
        if art.events:
            out += ["", "events:"]
            for e in art.events:
                out += [f"  - id: {e.id}", f"    label: {ys(e.label)}", f"    type: {e.type}"]
                for key in ("agents", "targets", "victims", "places"):
                    refs = getattr(e, key)
                    if refs:
                        out.append(f"    {key}: [{', '.join(refs)}]")
                if e.time:
                    out.append(f"    time: {ys(e.time)}")
                if e.time_cue:
                    out.append(f"    time_cue: {self.quote(e.time_cue)}")
                out.append(f"    claims: [{', '.join(e.claims)}]")
                out += self.quotes("evidence", e.evidence, "    ")
        return "\n".join(out) + "\n"


def registry_yaml(world) -> str:
    """The registry.yaml of ``world`` (a :class:`world.World`): the bundled entries, then the invented ones."""

    def entry(e: dict) -> list[str]:
        lines = []
        for n, (key, value) in enumerate(e.items()):
            lead = "  - " if n == 0 else "    "
            if isinstance(value, list):
                lines.append(f"{lead}{key}: [{', '.join(ys(v) if key == 'aliases' else v for v in value)}]")
            elif key in ("id", "type", "within", "wikidata") or isinstance(value, int):
                lines.append(f"{lead}{key}: {value}")
            else:
                lines.append(f"{lead}{key}: {ys(str(value))}")
        return lines

    out = [
        "# Registry of the synthetic benchmark corpus written by benchmarks/make_corpus.py: the bundled",
        "# registry's actors and places, then invented ones (ids syn-…) shared by the corpus's articles.",
        "",
        "actors:",
    ]
    synthetic = world.entities()
    for e in world.bundled.get("actors", []):
        out += entry(e)
    for e in synthetic:
        if e.kind == "actor":
            out += entry(e.registry_entry())
    out += ["", "places:"]
    for e in world.bundled.get("places", []):
        out += entry(e)
    for e in synthetic:
        if e.kind == "place":
            out += entry(e.registry_entry())
    return "\n".join(out) + "\n"
