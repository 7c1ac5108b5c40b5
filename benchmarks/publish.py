"""What `ld-export publish` costs next to `ld-export build`, on the synthetic corpus.

Usage: python benchmarks/publish.py [--articles 1000] [--seed 1] [--work DIR] [--jobs N] [--only build|publish]

1. The corpus: ``benchmarks/make_corpus.py N WORK/corpus-N --seed S`` (reused when a stamp says
   it was made with the same parameters, as ``benchmarks/run.py`` does).
2. The build: ``ld-export build WORK/corpus-N -o WORK/out-N -j JOBS -q`` into an empty folder.
3. The site: ``ld-export publish WORK/out-N -o WORK/site-N -j JOBS -q`` into an empty folder.
4. The site again, nothing changed (every article's pages reused, nothing written).
5. One claim's label edited in one annotation: the build again into the same folder (it rebuilds
   that article), then the site again (it renders that article's pages, and the pages across
   articles); then the file is restored.

Each step is measured as ``benchmarks/run.py`` measures a build: wall time from start to exit,
the peak of the summed RSS of the process tree (sampled every 50 ms); and here also the CPU time
(user + system) of the whole tree, which says more than the wall time on a machine shared with
other work. Sizes: every file of the output folder, without hidden folders (the caches) and the
build's store/ (reported apart).

``--only build`` runs steps 1-2 and keeps their figures in WORK/publish-build.json; ``--only publish``
then runs steps 3-5 on that build (unchanged since) and reports all five, as one run would. On a
machine shared with other work this lets the build be measured while the publishing code is still
being worked on; the figures are those of the same commands.

Results: Markdown on stdout (for the README), progress on stderr, everything in WORK/publish.json.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import resource
import shlex
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import mb, num, table  # noqa: E402 - the benchmark's own helpers, beside this file
from run import (  # noqa: E402
    fail,
    find_edit,
    generate,
    ld_export_cmd,
    log,
    machine,
    output_size,
    oxigraph_cli,
    run_measured,
    stamp_path,
)

ROOT = Path(__file__).resolve().parent.parent


def measured(cmd: list[str]) -> dict:
    """Run ``cmd`` measured; its CPU time from the resource usage of waited children."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    run = run_measured(cmd)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if run.returncode != 0:
        fail(f"{shlex.join(cmd)} failed (exit {run.returncode})", run.stderr)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    log(f"  {run.wall_s:.1f} s wall, {cpu:.1f} s CPU, peak RSS {mb(run.peak_rss)} MB")  # should the run stop later
    return {"cmd": shlex.join(cmd), "wall_s": run.wall_s, "cpu_s": cpu, "peak_rss": run.peak_rss,
            "stderr": run.stderr[-2000:]}  # fmt: skip


def site_size(site: Path) -> dict:
    files = [p for p in site.rglob("*") if p.is_file() and not any(part.startswith(".") for part in
             p.relative_to(site).parts[:-1])]  # fmt: skip
    pages = [p for p in files if p.suffix == ".html"]
    return {"bytes": sum(p.stat().st_size for p in files), "files": len(files), "pages": len(pages)}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path("/tmp/ld-export-publish-bench"))
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--only", choices=["build", "publish"], help="steps 1-2, or steps 3-5 on their build")
    args = parser.parse_args(argv)
    n, work, jobs = args.articles, args.work.resolve(), args.jobs
    work.mkdir(parents=True, exist_ok=True)
    corpus, _ = generate(n, args.seed, work, ROOT / "benchmarks" / "make_corpus.py")
    out, site = work / f"out-{n}", work / f"site-{n}"
    saved = work / "publish-build.json"
    for folder in (out, site) if args.only != "publish" else (site,):
        if folder.exists():
            log(f"removing {folder}")
            shutil.rmtree(folder)
    cli = ld_export_cmd()
    steps = {}
    if args.only == "publish":
        kept = json.loads(saved.read_text()) if saved.is_file() else {}
        if kept.get("articles") != n or kept.get("seed") != args.seed or kept.get("jobs") != jobs or not out.is_dir():
            fail(f"no build of {n} articles (seed {args.seed}, {jobs} processes) from --only build in {work}", "")
        steps["build"] = kept["build"]
    else:
        saved.unlink(missing_ok=True)
        log(f"building {n} articles")
        steps["build"] = measured([*cli, "build", str(corpus), "-o", str(out), "-j", str(jobs), "-q"])
        steps["build"] |= output_size(out)
        if args.only == "build":
            saved.write_text(json.dumps({"articles": n, "seed": args.seed, "jobs": jobs, "build": steps["build"]}))
            log(f"build measured: {saved}")
            return 0
    log("publishing them")
    steps["publish"] = measured([*cli, "publish", str(out), "-o", str(site), "-j", str(jobs), "-q"])
    steps["publish"] |= site_size(site)
    log("publishing again, nothing changed")
    steps["publish again"] = measured([*cli, "publish", str(out), "-o", str(site), "-j", str(jobs)])
    path, original, edited, where = find_edit(corpus)
    stamp = stamp_path(work, n)
    saved_stamp = stamp.read_text() if stamp.is_file() else None
    stamp.unlink(missing_ok=True)  # should this be interrupted, the corpus is generated afresh next time
    try:
        path.write_bytes(edited)
        log(f"one annotation edited ({where}): building and publishing again")
        steps["build after an edit"] = measured([*cli, "build", str(corpus), "-o", str(out), "-j", str(jobs), "-q"])
        steps["publish after an edit"] = measured([*cli, "publish", str(out), "-o", str(site), "-j", str(jobs)])
    finally:
        path.write_bytes(original)
    if saved_stamp is not None:
        stamp.write_text(saved_stamp)
    results = {
        "machine": machine(oxigraph_cli()),
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "articles": n,
        "seed": args.seed,
        "jobs": jobs,
        "edit": where,
        "steps": steps,
    }
    (work / "publish.json").write_text(json.dumps(results, indent=1))
    print(report(results))
    return 0


def report(r: dict) -> str:
    m, s = r["machine"], r["steps"]
    lines = [
        f"- machine: {m['cpu']}, {m['cores']} cores ({m['cores_usable']} usable), "
        f"{m['ram_bytes'] / 2**30:.1f} GiB RAM, {m['os']}",
        f"- Python {m['python']}; " + ", ".join(f"{k} {v}" for k, v in m["versions"].items() if v),
        f"- date: {r['date']}; {r['articles']:,} articles (`benchmarks/make_corpus.py {r['articles']} DIR --seed "
        f"{r['seed']}`), {r['jobs']} processes",
        f"- command: `python benchmarks/publish.py --articles {r['articles']} --jobs {r['jobs']}`",
        "",
    ]
    rows = []
    for name, step in s.items():
        size = files = ""
        if name == "build":
            size = f"{mb(step['files_bytes'])} (+ store {mb(step['store_bytes'])})"
        elif name == "publish":
            size, files = mb(step["bytes"]), f"{step['files']:,} ({step['pages']:,} pages)"
        rows.append([name, num(step["wall_s"]), num(step["cpu_s"]), mb(step["peak_rss"]), size, files])
    lines.append(table(["step", "wall s", "CPU s", "peak RSS MB", "output MB", "files"], rows))
    b, p = s["build"], s["publish"]
    lines += [
        "",
        f"Publishing took {p['wall_s'] / b['wall_s']:.2f} times the build's wall time and "
        f"{p['cpu_s'] / b['cpu_s']:.2f} times its CPU time; the site is {p['bytes'] / b['files_bytes']:.2f} times "
        f"the size of the build's files. Edit: {r['edit']}.",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
