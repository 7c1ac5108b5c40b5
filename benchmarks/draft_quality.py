"""How close is `ld-export draft` to a curated annotation?

For every article with a curated annotation (the bundled seed in seeds/ and, when present, the
fixture articles in tests/data/corpus/, each folder with its registry.yaml), draft the annotation
from the text alone, then compare the draft with the curated one:

- actors: the set of actor ids with mentions. A candidate actor of the draft (not in the registry)
  counts as the curated actor whose label it has (case and spacing aside), or else as the curated
  actor that has a mention on the same words (spans overlapping by at least 80 %).
- quotes: the spans of the claims' `quote`, by offsets; a drafted quote matches a curated one when
  their overlap is at least 80 % of the longer of the two (one to one, best overlap first).
- speakers: a quote matched, and its asserter the same (after the mapping above). Precision is
  over the drafted quotes, recall over the curated ones.
- hedge cues: the spans of the claims' `cue`; a drafted cue matches a curated one when either
  contains the other (the draft marks a word, "accused", a curator may mark "is accused of").
- mentions: the mention spans of actors and places, exactly, with the same (mapped) id.

Usage: python benchmarks/draft_quality.py [FOLDER …]   (default: seeds/ and tests/data/corpus/)
Prints a table, the machine and the command. Exit 0; it measures, it does not judge.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from linkeddata.anchor import locate
from linkeddata.annotation import Annotation, load_annotation, load_registry
from linkeddata.article import read_article
from linkeddata.draft import make_draft, render

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FOLDERS = [ROOT / "seeds", ROOT / "tests" / "data" / "corpus"]
OVERLAP = 0.8


@dataclass
class Score:
    metric: str
    tp: int
    drafted: int
    curated: int
    tp_recall: int | None = None  # when recall counts matches differently (speakers)

    @property
    def precision(self) -> float | None:
        return self.tp / self.drafted if self.drafted else None

    @property
    def recall(self) -> float | None:
        return (self.tp if self.tp_recall is None else self.tp_recall) / self.curated if self.curated else None


def articles(folders: list[Path]) -> list[tuple[Path, Path, Path]]:
    """(text, curated annotation, registry) for every annotated article in the folders."""
    found = []
    for folder in folders:
        registry = folder / "registry.yaml"
        if not folder.is_dir() or not registry.is_file():
            continue
        for txt in sorted(folder.glob("*.txt")):
            yaml = txt.with_suffix(".yaml")
            if yaml.is_file():
                found.append((txt, yaml, registry))
    return found


def overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return max(0, inter) / max(a[1] - a[0], b[1] - b[0], 1)


def spans(article, quotes) -> list[tuple[int, int]]:
    return [(a.start, a.end) for a in (locate(article, q) for q in quotes)]


def actor_mapping(draft: Annotation, curated: Annotation, article) -> dict[str, str]:
    """Draft actor id → curated id: registry ids as they are; candidates by label, else by mention."""
    curated_labels = {}
    for ref in {m.id for m in curated.actor_mentions} | set(curated.local_actors):
        curated_labels.setdefault(" ".join(curated.actor(ref).label.casefold().split()), ref)
    curated_spans = {m.id: spans(article, m.quotes) for m in curated.actor_mentions}
    mapping = {}
    for m in draft.actor_mentions:
        if m.id not in draft.local_actors:
            mapping[m.id] = m.id
            continue
        label = " ".join(draft.local_actors[m.id].label.casefold().split())
        if label in curated_labels:
            mapping[m.id] = curated_labels[label]
            continue
        mine = spans(article, m.quotes)
        votes = {
            ref: sum(any(overlap(a, b) >= OVERLAP for b in theirs) for a in mine)
            for ref, theirs in curated_spans.items()
        }
        best = max(sorted(votes), key=lambda ref: votes[ref], default=None)
        mapping[m.id] = best if best is not None and votes[best] > 0 else m.id
    for ref in draft.local_actors:
        mapping.setdefault(ref, ref)
    return mapping


def match_spans(drafted: list[tuple[int, int]], curated: list[tuple[int, int]], ok) -> list[tuple[int, int]]:
    """One-to-one matches (index in drafted, index in curated), best first."""
    pairs = sorted(
        ((overlap(d, c), i, j) for i, d in enumerate(drafted) for j, c in enumerate(curated) if ok(d, c)),
        key=lambda x: (-x[0], x[1], x[2]),
    )
    used_d, used_c, out = set(), set(), []
    for _, i, j in pairs:
        if i not in used_d and j not in used_c:
            used_d.add(i)
            used_c.add(j)
            out.append((i, j))
    return out


def contains(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])


def score(txt: Path, curated_path: Path, registry_path: Path, workdir: Path) -> tuple[list[Score], float]:
    registry = load_registry(registry_path)
    article = read_article(txt)
    started = time.perf_counter()
    text = render(make_draft(txt, registry_path))
    elapsed = time.perf_counter() - started
    draft_path = workdir / f"{txt.stem}.draft.yaml"
    draft_path.write_text(text, encoding="utf-8")
    draft = load_annotation(draft_path, registry)
    curated = load_annotation(curated_path, registry)
    mapping = actor_mapping(draft, curated, article)

    out = []
    d_actors = {mapping[m.id] for m in draft.actor_mentions}
    c_actors = {m.id for m in curated.actor_mentions}
    out.append(Score("actors", len(d_actors & c_actors), len(d_actors), len(c_actors)))

    d_quotes = [(c, spans(article, [c.quote])[0]) for c in draft.claims if c.quote]
    c_quotes = [(c, spans(article, [c.quote])[0]) for c in curated.claims if c.quote]
    pairs = match_spans([s for _, s in d_quotes], [s for _, s in c_quotes], lambda a, b: overlap(a, b) >= OVERLAP)
    out.append(Score("quotes", len(pairs), len(d_quotes), len(c_quotes)))
    right = sum(
        mapping.get(d_quotes[i][0].asserter, d_quotes[i][0].asserter) == c_quotes[j][0].asserter for i, j in pairs
    )
    out.append(Score("speakers", right, len(d_quotes), len(c_quotes)))

    d_cues = [s for c in draft.claims for s in spans(article, c.cue)]
    c_cues = [s for c in curated.claims for s in spans(article, c.cue)]
    out.append(Score("hedge cues", len(match_spans(d_cues, c_cues, contains)), len(d_cues), len(c_cues)))

    def mention_set(an: Annotation, ids) -> set[tuple[str, int, int]]:
        found = set()
        for m in an.actor_mentions + an.place_mentions:
            for s in spans(article, m.quotes):
                found.add((ids.get(m.id, m.id), *s))
        return found

    d_mentions, c_mentions = mention_set(draft, mapping), mention_set(curated, {})
    out.append(Score("mentions", len(d_mentions & c_mentions), len(d_mentions), len(c_mentions)))
    return out, elapsed


def fmt(x: float | None) -> str:
    return "   -" if x is None else f"{x:.2f}"


def main(argv: list[str]) -> int:
    folders = [Path(a) for a in argv] or DEFAULT_FOLDERS
    found = articles(folders)
    if not found:
        print("no annotated articles (NAME.txt + NAME.yaml + registry.yaml) in " + ", ".join(map(str, folders)))
        return 2
    rows, totals, times = [], {}, []
    with tempfile.TemporaryDirectory() as tmp:
        for txt, yaml, registry in found:
            scores, elapsed = score(txt, yaml, registry, Path(tmp))
            name = f"{txt.parent.name}/{txt.stem}"
            times.append((name, elapsed))
            for s in scores:
                rows.append((name, s))
                t = totals.setdefault(s.metric, Score(s.metric, 0, 0, 0))
                t.tp, t.drafted, t.curated = t.tp + s.tp, t.drafted + s.drafted, t.curated + s.curated
    width = max(len(name) for name, _ in rows + [("all articles", None)])
    columns = ("precision", 9), ("recall", 6), ("matched", 7), ("drafted", 7), ("curated", 7)
    header = f"{'article':{width}}  {'metric':10}  " + "  ".join(f"{name:>{n}}" for name, n in columns)
    print(header)
    print("-" * len(header))
    for name, s in rows + [("all articles", t) for t in totals.values()] * (len(found) > 1):
        values = fmt(s.precision), fmt(s.recall), s.tp, s.drafted, s.curated
        cells = "  ".join(f"{v:>{n}}" for v, (_, n) in zip(values, columns, strict=True))
        print(f"{name:{width}}  {s.metric:10}  {cells}")
    print()
    for name, elapsed in times:
        print(f"draft time {name}: {elapsed * 1000:.0f} ms")
    print(f"machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs")
    print(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
