"""The report of ``benchmarks/run.py``: its measurements as the Markdown the README shows."""

from __future__ import annotations

MB = 1_000_000
QUERY_RUNS = 3  # runs of each named query, after a warm-up, whose median is reported
FIRST_ROWS = 100  # the rows of a named query timed apart: the query with a LIMIT

def num(x: float | None, digits: int = 2) -> str:
    if x is None:
        return "–"
    return f"{x:,.{digits}f}"


def mb(x: int | None) -> str:
    return "–" if x is None else f"{x / MB:,.1f}"


def articles(n: int) -> str:
    return f"{n:,} article{'s' if n != 1 else ''}"


def table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---:" if i else "---" for i in range(len(head))) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def query_open_cell(found: dict) -> str:
    return "failed" if found["open_s"] is None else f"{found['open_s'] * 1000:,.0f} ({found['loader']})"


def timed_cell(timed: dict | None) -> str:
    """A timing of a query (the whole answer, a bound one, its first rows): ms of the median, with its rows."""
    return "–" if timed is None else f"{timed['median_s'] * 1000:,.1f} ({timed['rows']:,})"


def query_cell(found: dict, name: str) -> str:
    q = found["queries"].get(name)
    if found["open_s"] is None or q is None:
        return "–"
    return {
        "ok": lambda: timed_cell(q),
        "timeout": lambda: f"> {q['limit_s']:g} s",
        "skipped": lambda: "not tried",
        "failed": lambda: "failed",
    }[q["status"]]()


def bound_cell(found: dict, name: str, parameter: str) -> str:
    return timed_cell(((found["queries"].get(name) or {}).get("bound") or {}).get(parameter))


def first_rows_cell(found: dict, name: str) -> str:
    return timed_cell((found["queries"].get(name) or {}).get("first_rows"))


def reference_size(sizes: list[int]) -> int:
    """The size per-article times are compared with: 100 if measured, else the smallest."""
    return 100 if 100 in sizes else sizes[0]


def report(results: dict) -> str:
    m, sizes = results["machine"], [r["articles"] for r in results["sizes"]]
    rows = results["sizes"]
    out = ["## Build benchmark", ""]
    ram = f"{m['ram_bytes'] / 2**30:.1f} GiB RAM" if m["ram_bytes"] else "RAM unknown"
    out.append(f"- machine: {m['cpu']}, {m['cores']} cores ({m['cores_usable']} usable), {ram}, {m['os']}")
    versions = ", ".join(f"{k} {v}" for k, v in m["versions"].items() if v)
    out.append(f"- Python {m['python']}; {versions}")
    out.append(f"- date: {results['date']}")
    out.append(f"- command: `{results['command']}`")
    out.append(
        f"- build: `ld-export build CORPUS -o OUT -j {results['jobs']} -q` into an empty folder; "
        f"corpus: `benchmarks/make_corpus.py N DIR --seed {results['seed']}`"
    )
    out += ["", "### Build (clean)", ""]
    body = []
    for r in rows:
        b, n = r["build"], r["articles"]
        body.append(
            [
                f"{n:,}",
                f"{r['quads']:,}",
                f"{r['triples']:,}" if r["triples"] is not None else "–",
                num(b["wall_s"]),
                num(b["wall_s"] / n * 1000, 1),
                num(n / b["wall_s"], 1),
                f"{r['quads'] / b['wall_s']:,.0f}",
                mb(b["peak_rss"]),
                mb(r["size"]["files_bytes"]),
                mb(r["size"]["store_bytes"]),
            ]
        )
    head = ["articles", "quads", "triples", "wall s", "ms/article", "articles/s", "quads/s", "peak RSS MB"]
    out.append(table(head + ["output MB", "store MB"], body))
    out += [
        "",
        "quads: lines of dataset.nq; triples: distinct triples (the union of the article graphs). peak RSS: summed "
        "VmRSS of the build and its worker processes, sampled every 50 ms. output MB: every file the build "
        "wrote (per-article .ttl/.jsonld/.nt, dataset.trig, dataset.nq, void.ttl, shacl-report.ttl), without "
        "store/ (the embedded Oxigraph store, its own column; – when absent) and hidden (cache) folders.",
    ]

    if any("cluster" in r for r in rows):
        out += cluster_table(rows)
    if results.get("builds_only"):
        return "\n".join(out + incremental_table(results, rows[-1])) + "\n"

    out += ["", f"### Named queries (ms, median of {QUERY_RUNS} after a warm-up; rows in parentheses)", ""]
    names = []
    for r in rows:
        for name in r["queries"]["names"] or ():
            if name not in names:
                names.append(name)
    body = [["*open the data*"] + [query_open_cell(r["queries"]) for r in rows]]
    body += [[name] + [query_cell(r["queries"], name) for r in rows] for name in names]
    out.append(table(["query"] + [articles(n) for n in sizes], body))
    out += [
        "",
        f"Each size in a fresh process. *open the data*: ms to load the output (the function used). "
        f"> {results['query_limit']:g} s: the warm-up and {QUERY_RUNS} runs took longer and were stopped; "
        f"not tried: it did so at a smaller size.",
    ]

    first = [name for name in names if any((r["queries"]["queries"].get(name) or {}).get("first_rows") for r in rows)]
    if first:
        out += ["", f"#### The first {FIRST_ROWS} rows (the query with `LIMIT {FIRST_ROWS}` added; ms, median of "
                    f"{QUERY_RUNS} after a warm-up; rows)", ""]
        body = [[name] + [first_rows_cell(r["queries"], name) for r in rows] for name in first]
        out.append(table(["query"] + [articles(n) for n in sizes], body))
        out += ["", "Every named query sorts its answer: the store finds all of it before the first row."]

    bound = list(dict.fromkeys(
        (name, p) for name in names for r in rows for p in (r["queries"]["queries"].get(name) or {}).get("bound", {})
    ))  # fmt: skip
    if bound:
        head = f"#### About one article or one actor (`--bind`; ms, median of {QUERY_RUNS} after a warm-up; rows)"
        out += ["", head, ""]
        body = [[f"{name} --bind {p}=…"] + [bound_cell(r["queries"], name, p) for r in rows] for name, p in bound]
        out.append(table(["query"] + [articles(n) for n in sizes], body))
        out += ["", "article: the corpus's middle article by IRI; actor: the actor who asserts the most claims "
                "(the largest answer about one actor)."]

    out += ["", "### Baselines", ""]
    body = []
    for r in rows:
        b, nv, fl = r["build"], r["naive"], r["floor"]
        if nv is None:
            naive_cells = ["not run", "–", "–"]
        elif not nv["finished"]:
            naive_cells = [f"did not finish in {results['naive_limit']:g} s", "–", "–"]
        else:
            naive_cells = [num(nv["wall_s"]), mb(nv["peak_rss"]), num(b["wall_s"] / nv["wall_s"])]
        body.append(
            [
                f"{r['articles']:,}",
                num(b["wall_s"]),
                *naive_cells,
                num(fl["wall_s"]),
                mb(fl["peak_rss"]),
                num(b["wall_s"] / fl["wall_s"]),
            ]
        )
    head = ["articles", "build s", "naive s", "naive peak RSS MB", "build / naive", "floor s", "floor peak RSS MB"]
    out.append(table(head + ["build / floor"], body))
    finished = [r for r in rows if r["naive"] and r["naive"]["finished"]]
    note = (
        f"naive: one rdflib Graph, one pyshacl.validate over all of it, one Turtle file, in one process; "
        f"tried at ascending sizes until one ran longer than {results['naive_limit']:g} s. "
    )
    if finished:
        last = finished[-1]
        note += (
            f"Largest size it finished: {articles(last['articles'])} in {num(last['naive']['wall_s'])} s "
            f"(the build: {num(last['build']['wall_s'])} s, {results['jobs']} worker processes). "
        )
    else:
        note += "It finished at no size. "
    note += "floor: `oxigraph load` of the build's dataset.nq into a fresh store."
    out += ["", note]

    ref, largest = reference_size(sizes), rows[-1]
    ref_row = next(r for r in rows if r["articles"] == ref)
    per_ref = ref_row["build"]["wall_s"] / ref
    per_big = largest["build"]["wall_s"] / largest["articles"]
    out += ["", "### Linearity", ""]
    out.append(
        f"Build time per article: {per_ref * 1000:,.1f} ms at {articles(ref)}, {per_big * 1000:,.1f} ms at "
        f"{largest['articles']:,}; ratio {per_big / per_ref:.2f} (target: at most 1.5 from 100 to 10,000 articles)."
    )
    if ref != 100:
        out.append(f"(No run at 100 articles: compared with the smallest size, {ref:,}, where start-up dominates.)")

    out += incremental_table(results, largest)
    return "\n".join(out) + "\n"


def incremental_table(results: dict, largest: dict) -> list[str]:
    """The incremental rebuild at the largest size, when it was measured."""
    out: list[str] = []
    inc = results.get("incremental")
    if inc:
        out += ["", f"### Incremental rebuild at {articles(inc['articles'])}", ""]
        body = [
            ["clean build", num(largest["build"]["wall_s"]), "–"],
            [
                f"one annotation edited ({inc['edit']})",
                num(inc["edit_run"]["wall_s"]),
                "output changed" if inc["output_changed"] else "output UNCHANGED",
            ],
            [
                "the file restored",
                num(inc["restore_run"]["wall_s"]),
                "output as after the clean build"
                if inc["restored_output_identical"]
                else "output DIFFERS from the clean build",
            ],
        ]
        if "unchanged_run" in inc:
            body.append(
                [
                    "nothing changed",
                    num(inc["unchanged_run"]["wall_s"]),
                    "no file written again" if inc["unchanged_untouched"] else "files WRITTEN AGAIN",
                ]
            )
        out.append(table(["build", "wall s", "dataset.nq"], body))
    return out


def cluster_table(rows: list[dict]) -> list[str]:
    """The builds on a Dask cluster, beside the local builds."""
    out = ["", f"### On a Dask cluster ({rows[0]['cluster']['spec']})", ""]
    body = []
    for r in rows:
        b, c = r["build"], r["cluster"]
        body.append([f"{r['articles']:,}", num(b["wall_s"]), mb(b["peak_rss"]), num(c["wall_s"]),
                     num(c["wall_s"] / r["articles"] * 1000, 1), mb(c["peak_rss"]), num(c["wall_s"] / b["wall_s"]),
                     "yes" if c["identical"] else "NO"])  # fmt: skip
    head = ["articles", "local s", "local peak RSS MB", "cluster s", "cluster ms/article", "cluster peak RSS MB"]
    out.append(table(head + ["cluster / local", "output identical"], body))
    out += [
        "",
        "cluster: `ld-export build CORPUS -o OUT --scheduler ADDRESS -q`; local:N is a distributed.LocalCluster of "
        "N worker processes (one thread each) on 127.0.0.1, started once for the run. Its peak RSS sums the client "
        "and the cluster's processes (scheduler, nannies, workers; their idle memory included). output identical: "
        "every file but the store's database files and the cache has the local build's bytes.",
    ]
    return out
