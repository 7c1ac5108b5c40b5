"""Write a synthetic corpus of annotated articles, to benchmark the build at any size.

Usage: python benchmarks/make_corpus.py N DIR [--seed S] [--force] [--jobs J]

Writes N articles into DIR, each a ``<slug>.txt`` laid out like a copied news page (headline, photo
line, body, contributor line, sometimes the site boilerplate) of 3–6 kB and its ``<slug>.yaml``
annotation (docs/annotation.md): about 20 actors, most of them from the registry and a few defined
by the article, 20–40 claims with quote chains, hedges, events with places and times,
relationships, claims that support, dispute or repeat each other, and from the second article on a
few claims that refer to claims of earlier articles of the corpus (``other-slug/claim-id``, always
a lower index, so that every prefix of the corpus builds on its own). DIR/registry.yaml holds the
bundled registry's entries followed by a few hundred invented shared actors and places.

Everything is invented: the countries, towns, outlets, people and every quote. The text is written
from the same pieces the annotation quotes, so every quote is verbatim; a quote whose words occur
more than once gets an ``occurrence`` or ``within`` disambiguator.

The prose and the claims are data: synthetic/blocks/*.block, in the inline markup described in
synthetic/README.md; synthetic/interpret.py runs them, synthetic/world.py draws the registry from the
word lists in synthetic/words.yaml, and synthetic/emit.py writes the YAML.

Deterministic: the same N and seed give byte-identical files (given the same bundled registry),
whatever the number of processes, and article i depends only on the seed and i (it is drawn from its
own ``random.Random``), so the corpus of 100 articles is the first 100 articles of the corpus of
1,000. Prints a one-line summary to stderr. Bad arguments exit with 2; so does a DIR that is not
empty, unless --force, which replaces a corpus written there before.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script or loaded from its path

from synthetic.emit import registry_yaml  # noqa: E402
from synthetic.interpret import Article, BlockError, Retry  # noqa: E402
from synthetic.world import make_world  # noqa: E402

MAX_ARTICLES = 1_000_000


def generate(seed: int, index: int) -> tuple[str, str, str]:
    """(slug, text, annotation YAML) of article ``index``; depends on nothing else."""
    for attempt in range(50):
        art = Article(seed, index, attempt)
        try:
            text, annotation = art.write()
        except Retry:
            continue
        return art.head.slug, text, annotation
    raise RuntimeError(f"article {index} of seed {seed}: no draw within the size bounds")


def _write_articles(task: tuple[int, Path, int, int]) -> int:
    """Write articles ``start`` to ``stop - 1`` of ``seed`` into ``out``; returns the bytes written."""
    seed, out, start, stop = task
    total = 0
    for i in range(start, stop):
        slug, text, annotation = generate(seed, i)
        for name, content in ((f"{slug}.txt", text), (f"{slug}.yaml", annotation)):
            data = content.encode("utf-8")
            (out / name).write_bytes(data)
            total += len(data)
    return total


def write_corpus(n: int, out: Path, seed: int = 0, jobs: int = 1) -> tuple[int, int]:
    """Write ``n`` articles and registry.yaml into ``out``; returns (files, bytes).

    With ``jobs`` > 1 the articles are written by that many processes; the files are the same.
    """
    out.mkdir(parents=True, exist_ok=True)
    data = registry_yaml(make_world(seed)).encode("utf-8")
    (out / "registry.yaml").write_bytes(data)
    total = len(data)
    chunk = max(1, min(250, n // (4 * jobs)))
    tasks = [(seed, out, start, min(n, start + chunk)) for start in range(0, n, chunk)]
    if jobs > 1 and len(tasks) > 1:
        import multiprocessing

        with multiprocessing.Pool(min(jobs, len(tasks))) as pool:
            total += sum(pool.imap_unordered(_write_articles, tasks))
    else:
        total += sum(map(_write_articles, tasks))
    return 2 * n + 1, total


GENERATED = re.compile(r"(synthetic-[0-9]{5,}-[a-z0-9]+(-[a-z0-9]+)*\.(txt|yaml)|registry\.yaml)")
ARTICLE_FILES = (".txt", ".yaml", ".yml")


def clear_corpus(folder: Path) -> list[Path]:
    """Remove what an earlier run wrote into ``folder``, unless other article files are there: then
    remove nothing and return them.

    A corpus folder must hold nothing else the build would read: after a run for 1,000 articles,
    one for 100 into the same folder would otherwise be built with 900 stale articles.
    """
    ours, others = [], []
    for path in sorted(folder.iterdir()):
        if path.is_file() and GENERATED.fullmatch(path.name):
            ours.append(path)
        elif path.suffix in ARTICLE_FILES:
            others.append(path)
    if not others:
        for path in ours:
            path.unlink()
    return others


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="make_corpus.py",
        description="Write N synthetic news articles (.txt) with their annotations (.yaml) and a registry.yaml "
        "into DIR, to benchmark `ld-export build DIR`. The same N and seed always give byte-identical files, and "
        "article i is the same whatever N is (a smaller corpus is a prefix of a larger one).",
    )
    parser.add_argument("n", metavar="N", type=int, help=f"number of articles (1 to {MAX_ARTICLES:,})")
    parser.add_argument("dir", metavar="DIR", type=Path, help="folder to write into (created if missing)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the corpus (default 0)")
    parser.add_argument(
        "--force",
        action="store_true",
        help="write into DIR even if it is not empty: the articles and registry.yaml of an earlier "
        "run there are removed first; other .txt or .yaml files are an error (the build would read "
        "them too)",
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="processes that write articles (default: one per core); the files do not depend on it",
    )
    args = parser.parse_args(argv)
    if not 1 <= args.n <= MAX_ARTICLES:
        parser.error(f"N must be between 1 and {MAX_ARTICLES:,}, not {args.n}")
    if args.jobs < 1:
        parser.error(f"--jobs must be at least 1, not {args.jobs}")
    if args.dir.exists() and not args.dir.is_dir():
        parser.error(f"{args.dir} exists and is not a folder")
    if args.dir.is_dir() and any(args.dir.iterdir()):
        if not args.force:
            parser.error(f"{args.dir} is not empty (use --force to replace a corpus written there before)")
        others = clear_corpus(args.dir)
        if others:
            parser.error(
                f"{args.dir} holds {len(others)} article file(s) this script did not write, e.g. "
                f"{others[0].name}; the build would read them with the corpus: remove them first"
            )
    began = time.perf_counter()
    try:
        files, size = write_corpus(args.n, args.dir, args.seed, args.jobs)
    except BlockError as e:  # a block file that does not parse or run: its file and line
        print(f"make_corpus.py: error: {e}", file=sys.stderr)
        return 2
    print(
        f"make_corpus: wrote {args.n:,} articles ({files:,} files, {size:,} bytes) to {args.dir} in "
        f"{time.perf_counter() - began:.1f} s (seed {args.seed})",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
