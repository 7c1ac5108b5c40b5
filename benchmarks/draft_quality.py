"""How close is `ld-export draft` to a curated annotation?

For every article with a curated annotation (the seed in seeds/, the corpus in tests/data/corpus/
and the draft benchmark in tests/data/draft/, each folder with its registry.yaml), draft the
annotation from the text alone, then compare the draft with the curated one. The draft benchmark's
articles are in two sets (tests/data/draft/sets.yaml): `tuning`, which the rules were adjusted on,
and `held-out`, which they were not; the seed and the corpus, which the first rules were written
on, are a third set, `corpus`. Each set is totalled apart.

Spans are code-point ranges of the article; two spans *overlap* when they share a code point.

- **actor linking** (precision, recall): a *link* is a mention the draft gives an id of the
  registry (an actor or a place the shared registry knows). It is right when the curated
  annotation has a mention of the same id overlapping it. Precision: right links / drafted links
  (a link where the curator has none, or has another id, is wrong); recall: curated mentions of
  registry ids that a right link overlaps / curated mentions of registry ids.
- **type accuracy**: every actor or place the draft adds (not in the registry) is paired with the
  curated actor or place whose mentions overlap most of its mentions (ties: the one whose mentions
  cover its own closest, by intersection over union; then the first in id order); its kind (an
  actor type, or `place`) must be the curated one's. Accuracy over the paired ones; those the
  curator has nothing for are counted apart (`unpaired`).
- **claim recall** (and precision, for the record: the draft also proposes claims a curator
  would not make): each claim's span is its quote, or else its evidence (each of its evidence
  quotes). A drafted and a curated claim *match* when some pair of their spans shares at least
  half of the shorter one; matches are one to one, best first. Recall: matched curated claims /
  curated claims.
- **asserter precision**: of the matched drafted claims, those whose asserter is the curated one
  (a drafted new actor counts as the curated actor it was paired with, as for types).
- **hedge accuracy**: of the matched claims, those with the curated hedge level.
- **relationships** (precision, recall): a drafted relationship matches a curated one of the same
  kind between the same two actors (in either order for alliance, tacit-cooperation and
  hostility; ids paired as above), one to one.
- **events** (precision, recall): a drafted event matches a curated one of the same type whose
  evidence overlaps its evidence, one to one.
- **date accuracy**: over the curated events with a `time_cue` and a `time`: the draft's date
  found at that cue (overlapping it) must have the same value. A cue the draft does not find, or
  leaves without a date, is wrong.

Usage: python benchmarks/draft_quality.py [--markdown] [--set SET …] [FOLDER …]
Prints one row per article, the totals of each set, the machine and the command. ``--set`` limits
the run to the named sets (``--set corpus --set tuning`` while working on the rules, so that the
held-out drafts are not looked at). Exit 0: it measures, it does not judge (the README sets the
measures of the held-out set beside their targets; tests/test_draft.py checks that its table is
this script's).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from linkeddata.anchor import locate
from linkeddata.annotation import Annotation, load_annotation, load_registry
from linkeddata.article import Article, read_article
from linkeddata.draft import gazetteer, make_draft, render

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FOLDERS = [ROOT / "seeds", ROOT / "tests" / "data" / "corpus", ROOT / "tests" / "data" / "draft"]
SYMMETRIC = {"alliance", "tacit-cooperation", "hostility"}
Span = tuple[int, int]


@dataclass
class Ratio:
    """``hit`` of ``total``; None when there is nothing to count."""

    hit: int = 0
    total: int = 0

    def __iadd__(self, other: Ratio) -> Ratio:
        self.hit += other.hit
        self.total += other.total
        return self

    @property
    def value(self) -> float | None:
        return self.hit / self.total if self.total else None

    def cell(self, counts: bool = True) -> str:
        if self.value is None:
            return "–"
        return f"{self.value:.2f} ({self.hit}/{self.total})" if counts else f"{self.value:.2f}"


METRICS = (
    ("link_p", "linking P"),
    ("link_r", "linking R"),
    ("type", "types"),
    ("claim_p", "claims P"),
    ("claim_r", "claims R"),
    ("asserter", "asserter P"),
    ("hedge", "hedges"),
    ("rel_p", "rel. P"),
    ("rel_r", "rel. R"),
    ("event_p", "events P"),
    ("event_r", "events R"),
    ("date", "dates"),
)


@dataclass
class Result:
    name: str
    group: str
    seconds: float
    scores: dict[str, Ratio] = field(default_factory=dict)
    unpaired: int = 0


def articles(folders: list[Path]) -> list[tuple[Path, Path, Path, str]]:
    """(text, curated annotation, registry, set) for every annotated article in the folders; an
    article met twice (the seed is in the corpus too) is taken once."""
    found, seen = [], set()
    for folder in folders:
        registry = folder / "registry.yaml"
        if not folder.is_dir() or not registry.is_file():
            continue
        sets_file = folder / "sets.yaml"
        sets = yaml.safe_load(sets_file.read_text(encoding="utf-8")) if sets_file.is_file() else {}
        group_of = {slug: group for group, slugs in sets.items() for slug in slugs}
        for txt in sorted(folder.glob("*.txt")):
            curated = txt.with_suffix(".yaml")
            if curated.is_file() and txt.stem not in seen:
                seen.add(txt.stem)
                found.append((txt, curated, registry, group_of.get(txt.stem, "corpus")))
    return found


def spans(article: Article, quotes) -> list[Span]:
    return [(a.start, a.end) for a in (locate(article, q) for q in quotes)]


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def share_of_shorter(a: Span, b: Span) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return max(0, inter) / max(1, min(a[1] - a[0], b[1] - b[0]))


def one_to_one(scored: list[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """Best-first one-to-one matching of (score, drafted index, curated index) candidates."""
    used_d, used_c, out = set(), set(), []
    for _, i, j in sorted(scored, key=lambda x: (-x[0], x[1], x[2])):
        if i not in used_d and j not in used_c:
            used_d.add(i)
            used_c.add(j)
            out.append((i, j))
    return out


def mentions(an: Annotation, article: Article) -> dict[str, list[Span]]:
    found: dict[str, list[Span]] = {}
    for m in an.actor_mentions + an.place_mentions:
        found.setdefault(m.id, []).extend(spans(article, m.quotes))
    return found


def kind_of(an: Annotation, ref: str) -> str | None:
    if ref in an.local_places or ref in an.registry.places:
        return "place"
    actor = an.local_actors.get(ref) or an.registry.actors.get(ref)
    return actor.type if actor else None


def iou(a: Span, b: Span) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return max(0, inter) / max(1, max(a[1], b[1]) - min(a[0], b[0]))


def pairing(draft: Annotation, curated: Annotation, d_mentions, c_mentions, text: str = "") -> dict[str, str | None]:
    """Each actor or place the draft adds → the curated id whose mentions overlap most of its own; of
    two that overlap as many, the one more of whose mentions begin where its own do (a leading "the",
    "a" or "an" aside: the curated "A surgeon" is the drafted "A surgeon at Ayder Referral Hospital",
    the hospital inside it is something that phrase speaks of; "the army" is not "the army and local
    officials"); then the one whose mentions cover its own closest (the sum over its mentions of the
    best intersection over union: "Russia’s foreign ministry" is the curated foreign ministry's
    mention, not the "Russia" inside it); then the first in id order."""
    out: dict[str, str | None] = {}
    for ref in sorted(set(draft.local_actors) | set(draft.local_places)):
        mine = d_mentions.get(ref, [])
        votes = {c: (sum(any(overlaps(a, b) for b in theirs) for a in mine),
                     sum(any(_same_head(text, a, b) for b in theirs) for a in mine),
                     sum(max((iou(a, b) for b in theirs), default=0.0) for a in mine))
                 for c, theirs in sorted(c_mentions.items())}  # fmt: skip
        best = max(votes, key=lambda c: votes[c], default=None)
        out[ref] = best if best is not None and votes[best][0] > 0 else None
    return out


def _same_head(text: str, a: Span, b: Span) -> bool:
    """Whether two mentions are one phrase with the same head: they begin at the same word (a leading
    article aside), and the longer goes on past the shorter only with what follows a head ("A surgeon"
    and "A surgeon at Ayder Referral Hospital"; not "Russia" and "Russia’s defence ministry", nor X
    and "X and Y")."""
    if not (text and overlaps(a, b)):
        return False

    def start(m: Span) -> int:
        article = re.match(r"(?:the|a|an)\s+", text[m[0] : m[1]], re.IGNORECASE)
        return m[0] + (article.end() if article else 0)

    rest = text[min(a[1], b[1]) : max(a[1], b[1])]
    return start(a) == start(b) and (not rest or bool(_AFTER_A_HEAD.match(rest)))


_AFTER_A_HEAD = re.compile(r",\s|\s+(?:at|of|for|in|from|with|on|near|inside|who|which|that|whose)\s")


def claim_spans(article: Article, c) -> list[Span]:
    return spans(article, [c.quote]) if c.quote else spans(article, c.evidence)


def score(txt: Path, curated_path: Path, registry_path: Path, workdir: Path) -> tuple[dict[str, Ratio], int, float]:
    registry = load_registry(registry_path)
    article = read_article(txt)
    started = time.perf_counter()
    drafted = make_draft(txt, registry_path)
    text = render(drafted)
    seconds = time.perf_counter() - started
    draft_path = workdir / f"{txt.stem}.yaml"
    draft_path.write_text(text, encoding="utf-8")
    draft = load_annotation(draft_path, registry)
    curated = load_annotation(curated_path, registry)
    s: dict[str, Ratio] = {}

    # Links to the registry.
    d_mentions, c_mentions = mentions(draft, article), mentions(curated, article)
    in_registry = set(registry.actors) | set(registry.places)
    links = [(ref, sp) for ref, sps in d_mentions.items() if ref in in_registry for sp in sps]
    s["link_p"] = Ratio(sum(any(overlaps(sp, c) for c in c_mentions.get(ref, [])) for ref, sp in links), len(links))
    gold_links = [(ref, sp) for ref, sps in c_mentions.items() if ref in in_registry for sp in sps]
    s["link_r"] = Ratio(
        sum(any(overlaps(sp, d) for d in d_mentions.get(ref, [])) for ref, sp in gold_links), len(gold_links)
    )

    # Types of what the draft adds.
    paired = pairing(draft, curated, d_mentions, c_mentions, article.text)
    typed = [(kind_of(draft, ref), kind_of(curated, c)) for ref, c in paired.items() if c is not None]
    s["type"] = Ratio(sum(d == c for d, c in typed), len(typed))
    unpaired = sum(c is None for c in paired.values())

    def same(d_ref: str, c_ref: str) -> bool:
        return (paired.get(d_ref) if d_ref in paired else d_ref) == c_ref

    # Claims.
    d_claims, c_claims = draft.claims, curated.claims
    d_spans = [claim_spans(article, c) for c in d_claims]
    c_spans = [claim_spans(article, c) for c in c_claims]
    candidates = []
    for i, ds in enumerate(d_spans):
        for j, cs in enumerate(c_spans):
            best = max((share_of_shorter(a, b) for a in ds for b in cs), default=0.0)
            if best >= 0.5:
                candidates.append((best, i, j))
    matched = one_to_one(candidates)
    s["claim_p"] = Ratio(len(matched), len(d_claims))
    s["claim_r"] = Ratio(len(matched), len(c_claims))
    s["asserter"] = Ratio(sum(same(d_claims[i].asserter, c_claims[j].asserter) for i, j in matched), len(matched))
    s["hedge"] = Ratio(sum(d_claims[i].hedge == c_claims[j].hedge for i, j in matched), len(matched))

    # Relationships.
    def rel_ok(d, c) -> bool:
        if d.kind != c.kind:
            return False
        if same(d.from_actor, c.from_actor) and same(d.to_actor, c.to_actor):
            return True
        return d.kind in SYMMETRIC and same(d.from_actor, c.to_actor) and same(d.to_actor, c.from_actor)

    rel_pairs = one_to_one(
        [(1.0, i, j) for i, d in enumerate(draft.relationships) for j, c in enumerate(curated.relationships)
         if rel_ok(d, c)]
    )  # fmt: skip
    s["rel_p"] = Ratio(len(rel_pairs), len(draft.relationships))
    s["rel_r"] = Ratio(len(rel_pairs), len(curated.relationships))

    # Events.
    def ev_score(d, c) -> float:
        if d.type != c.type:
            return 0.0
        return max((share_of_shorter(a, b) for a in spans(article, d.evidence) for b in spans(article, c.evidence)
                    if overlaps(a, b)), default=0.0)  # fmt: skip

    ev_pairs = one_to_one(
        [(sc, i, j) for i, d in enumerate(draft.events) for j, c in enumerate(curated.events)
         if (sc := ev_score(d, c)) > 0]
    )  # fmt: skip
    s["event_p"] = Ratio(len(ev_pairs), len(draft.events))
    s["event_r"] = Ratio(len(ev_pairs), len(curated.events))

    # Dates at the curated events' time cues.
    cues = [(spans(article, [e.time_cue])[0], e.time) for e in curated.events if e.time_cue and e.time]
    found = [((d.start, d.end), d.value) for d in drafted.dates]
    s["date"] = Ratio(sum(any(overlaps(cue, sp) and v == value for sp, v in found) for cue, value in cues), len(cues))
    return s, unpaired, seconds


def table(rows: list[Result], totals: dict[str, Result], markdown: bool) -> str:
    header = ["article", "set", *(title for _, title in METRICS)]
    body = [[r.name, r.group, *(r.scores[k].cell(counts=False) for k, _ in METRICS)] for r in rows]
    body += [[f"**all {g}**" if markdown else f"ALL {g}", g, *(t.scores[k].cell() for k, _ in METRICS)]
             for g, t in totals.items()]  # fmt: skip
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * 2 + "---:|" * len(METRICS)]
        lines += ["| " + " | ".join(row) + " |" for row in body]
        return "\n".join(lines)
    widths = [max(len(str(row[i])) for row in [header, *body]) for i in range(len(header))]
    fmt: Callable[[list[str]], str] = lambda row: "  ".join(  # noqa: E731
        f"{v:{w}}" if i < 2 else f"{v:>{w}}" for i, (v, w) in enumerate(zip(row, widths, strict=True))
    )
    return "\n".join([fmt(header), "-" * len(fmt(header)), *map(fmt, body)])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--markdown", action="store_true", help="print the tables as Markdown")
    parser.add_argument("--set", dest="sets", action="append", metavar="SET",
                        help="measure only the articles of this set (corpus, tuning, held-out); repeatable")
    parser.add_argument("folders", nargs="*", type=Path)
    args = parser.parse_args(argv)
    folders = args.folders or DEFAULT_FOLDERS
    found = [a for a in articles(folders) if not args.sets or a[3] in args.sets]
    if not found:
        print("no annotated articles (NAME.txt + NAME.yaml + registry.yaml) in " + ", ".join(map(str, folders)))
        return 2
    rows: list[Result] = []
    totals: dict[str, Result] = {}
    started = time.perf_counter()
    gazetteer.city("Aden")  # the GeoNames and ISO data are read once per process: timed apart
    load_ms = (time.perf_counter() - started) * 1000
    with tempfile.TemporaryDirectory() as tmp:
        for txt, curated, registry, group in found:
            scores, unpaired, seconds = score(txt, curated, registry, Path(tmp))
            rows.append(Result(txt.stem, group, seconds, scores, unpaired))
    order = ("corpus", "tuning", "held-out")
    rows.sort(key=lambda r: (order.index(r.group) if r.group in order else len(order), r.name))
    for group in order:
        members = [r for r in rows if r.group == group]
        if members:
            t = Result(group, group, sum(r.seconds for r in members), {k: Ratio() for k, _ in METRICS})
            for r in members:
                for k, _ in METRICS:
                    t.scores[k] += r.scores[k]
                t.unpaired += r.unpaired
            totals[group] = t
    print(table(rows, totals, args.markdown))
    print()
    for g, t in totals.items():
        n = sum(r.group == g for r in rows)
        print(f"{g}: {n} articles, drafted in {t.seconds * 1000 / n:.0f} ms each on average; "
              f"{t.unpaired} drafted actors or places the curators do not have")  # fmt: skip
    print(f"reading the country and city data once per process: {load_ms:.0f} ms")
    print(f"machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs")
    print(f"command: {' '.join(['python', 'benchmarks/draft_quality.py', *argv])}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
