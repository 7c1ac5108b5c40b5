"""Time SPARQL query files against one build's store, alternately, and check they answer alike.

For a rewrite of a named query: the old and the new text, asked of the same embedded Oxigraph store
in turns (so that a busy moment of the machine weighs on both), each the best of ``--runs``; the
answers must be the same rows in the same order.

Usage: python benchmarks/compare_queries.py BUILD_DIR OLD.rq NEW.rq [--runs 7]
Prints one line per query: best time, rows; then the machine and the command. Exit 1 when the
answers differ.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

import pyoxigraph


def answer(store: pyoxigraph.Store, sparql: str) -> list[tuple]:
    return [tuple(str(v) if v is not None else None for v in row) for row in store.query(sparql)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("build", type=Path)
    ap.add_argument("queries", type=Path, nargs="+")
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args(argv)
    store = pyoxigraph.Store.read_only(str(args.build / "store"))
    texts = [q.read_text(encoding="utf-8") for q in args.queries]
    best = [float("inf")] * len(texts)
    answers = [answer(store, t) for t in texts]  # also the warm-up
    for _ in range(args.runs):
        for i, text in enumerate(texts):
            start = time.perf_counter()
            for _row in store.query(text):
                pass
            best[i] = min(best[i], time.perf_counter() - start)
    for path, seconds, rows in zip(args.queries, best, answers, strict=True):
        print(f"{seconds * 1000:9.1f} ms  {len(rows):7,} rows  {path}")
    print(f"machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}, "
          f"pyoxigraph {pyoxigraph.__version__}")
    print("command: python benchmarks/compare_queries.py " + " ".join(sys.argv[1:] if argv is None else argv))
    same = all(a == answers[0] for a in answers[1:])
    print("answers: the same rows in the same order" if same else "answers: DIFFERENT")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
