"""How `ld-export build` scales with the number of articles, against two baselines.

Usage: python benchmarks/run.py [--sizes 1,100,1000,10000] [--seed 1] [--work DIR] [--jobs N] [--naive-limit 600]
                                [--query-limit 600] [--generator SCRIPT] [--scheduler local:N|ADDRESS]
                                [--builds-only]

For each corpus size N, in ascending order:

1. The corpus: ``benchmarks/make_corpus.py N WORK/corpus-N --seed S --force`` writes N synthetic
   articles and their annotations. A stamp file (WORK/corpus-N.stamp.json: N, seed and a hash of
   the generator) lets a later run reuse the corpus. Its time is not part of the build figures.
2. The build: ``ld-export build WORK/corpus-N -o WORK/out-N -j JOBS -q`` into an empty folder.
   Measured: wall time, the peak RSS of the process tree, the output's quads (lines of
   dataset.nq), distinct triples (the default graph of the build's store: the union) and size.
3. The named queries (``linkeddata.query.named_queries()``), in a fresh process per size: the data is
   opened once (``open_data`` when the query module has it, else ``load_dataset``), then each query
   runs once to warm up and three times measured (the rows are materialised in the timed region);
   the median is reported, with the number of rows; a SELECT without a LIMIT is timed again with
   ``LIMIT 100`` added (its first rows). A query whose warm-up and runs take longer
   than --query-limit seconds is killed (the others are then timed in a new process) and is not
   tried at larger sizes.
4. Baseline (a), the naive route: one rdflib Graph for all the articles, one ``pyshacl.validate``
   call over all of it, one Turtle file. Run at ascending sizes until one takes longer than
   --naive-limit seconds; that one is killed and no larger size is tried.
5. Baseline (b), the floor: ``oxigraph load`` of the build's dataset.nq (or of all its parts at once, which
   Oxigraph loads in parallel) into a fresh store: what it
   costs only to parse and index the same quads.
2b. With --scheduler, the same build again on a Dask cluster (``ld-export build ... --scheduler
   ADDRESS -q`` into an empty folder): ``local:N`` starts a ``distributed.LocalCluster`` of N worker
   processes (one thread each) on 127.0.0.1 in a child process for the whole run, an address uses a
   running cluster. Measured as the build, with the peak RSS of the client's and the LocalCluster's
   process trees summed (the cluster's idle memory included); its output is compared, file by file,
   with the local build's (every file but the store's database files and the cache).
   --builds-only stops there: no queries, baselines or incremental rebuild (--rebuild: but the rebuild).
6. At the largest size, an incremental rebuild: one claim's label in one annotation is changed (a
   text substitution; the YAML is otherwise unchanged), the build runs again into the same output
   folder, then the file is restored and the build runs once more, then once more with nothing changed.

How it is measured:

- Every measured step runs as a subprocess in its own process group. Wall time is taken with
  ``time.perf_counter`` from its start until the kernel reports its exit (a pidfd, so to the
  millisecond, not to the sampling interval).
- Peak RSS: every 50 ms the process tree is walked (parent ids read from /proc/*/stat) and the
  VmRSS of the process and all its descendants (the build's worker processes) is summed; the
  peak of the sum is reported. Pages shared between processes (libraries, the interpreter) are
  counted once per process, so this somewhat overstates; a process that lives less than 50 ms may
  be missed. ``ru_maxrss`` from ``wait4`` (the largest single process of the tree) is recorded too,
  and is the peak reported when it is larger (a run shorter than the sampling interval).
- Output size: the files of the output folder, except hidden folders (a cache) and store/ (an
  embedded Oxigraph store, reported separately when present).

Results: Markdown on stdout (for the README), progress on stderr, everything in WORK/results.json.
It measures, it does not judge: exit 0 unless generating a corpus, a build, the naive baseline
(other than by running out of time) or the floor fails (exit 1, with its stderr). --generator
names another corpus generator with the same command line as make_corpus.py.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import hashlib
import inspect
import json
import os
import platform
import re
import select
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path

from report import FIRST_ROWS, MB, QUERY_RUNS, articles, report

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "benchmarks" / "make_corpus.py"
SAMPLE_INTERVAL = 0.05  # seconds between two samples of the process tree's memory
EDIT_PREFIX = "Edited "


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def fail(msg: str, detail: str = "") -> None:
    print(f"error: {msg}", file=sys.stderr)
    if detail:
        print(detail.rstrip(), file=sys.stderr)
    raise SystemExit(1)


# --------------------------------------------------------------------------------------------
# Running and measuring one subprocess


@dataclass
class Run:
    cmd: list[str]
    wall_s: float
    peak_rss: int  # bytes: the peak of the summed VmRSS of the process tree (at least max_single_rss)
    max_single_rss: int  # bytes: ru_maxrss from wait4 (the largest single process)
    returncode: int | None  # None: killed after the time limit
    stdout: str
    stderr: str

    @property
    def finished(self) -> bool:
        return self.returncode is not None


def _children() -> dict[int, list[int]]:
    """Parent id → child ids, for every process (this kernel may lack /proc/PID/task/*/children)."""
    kids: dict[int, list[int]] = defaultdict(list)
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:  # the process has gone
            continue
        # The command name, in parentheses, may hold spaces: the fields after it are state, ppid, ...
        ppid = int(stat[stat.rindex(b")") + 2 :].split()[1])
        kids[ppid].append(int(entry.name))
    return kids


def _vmrss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", "rb") as f:
            for line in f:
                if line.startswith(b"VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0  # gone, or a zombie


def tree_rss(root: int) -> int:
    """Summed VmRSS (bytes) of ``root`` and all its descendants."""
    kids = _children()
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += _vmrss(pid)
        stack.extend(kids.get(pid, ()))
    return total


def run_measured(cmd: list[str], limit: float | None = None, quiet_limit: float | None = None,
                 also: tuple[int, ...] = ()) -> Run:  # fmt: skip
    """Run ``cmd``, sampling the memory of its process tree (plus the trees of the processes
    ``also``, such as a Dask cluster's). Its process group is killed after ``limit`` seconds, or
    after ``quiet_limit`` seconds without a new byte on its stdout."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL, start_new_session=True)
        try:
            pidfd = os.pidfd_open(proc.pid)
        except (AttributeError, OSError):
            pidfd = None
        peak, killed = 0, False
        written, last_output = 0, start
        try:
            while True:
                peak = max(peak, tree_rss(proc.pid) + sum(map(tree_rss, also)))
                if pidfd is not None:
                    select.select([pidfd], [], [], SAMPLE_INTERVAL)  # returns as soon as the process exits
                else:
                    time.sleep(SAMPLE_INTERVAL)
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                now = time.perf_counter()
                if quiet_limit is not None and os.fstat(out.fileno()).st_size != written:
                    written, last_output = os.fstat(out.fileno()).st_size, now
                if (limit is not None and now - start > limit) or (
                    quiet_limit is not None and now - last_output > quiet_limit
                ):
                    os.killpg(proc.pid, signal.SIGKILL)
                    killed = True
                    _, status, usage = os.wait4(proc.pid, 0)
                    break
            wall = time.perf_counter() - start
        finally:
            if pidfd is not None:
                os.close(pidfd)
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)  # anything of the group left behind
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            cmd=cmd,
            wall_s=wall,
            peak_rss=max(peak, usage.ru_maxrss * 1024),  # a run shorter than one sample interval
            max_single_rss=usage.ru_maxrss * 1024,
            returncode=None if killed else proc.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
        )


def summary(run: Run) -> dict:
    """A run for results.json (without its output)."""
    d = asdict(run)
    d.pop("stdout")
    d["stderr"] = run.stderr[-4000:]
    return d


# --------------------------------------------------------------------------------------------
# The tools


def ld_export_cmd() -> list[str]:
    script = Path(sys.executable).with_name("ld-export")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "linkeddata.cli"]


def oxigraph_cli() -> str:
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        fail(
            "the oxigraph command line (the floor baseline) was not found beside the Python in use nor on PATH; "
            "install it with: pip install -e '.[test]' (or pip install oxigraph)"
        )
    return found


def version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def machine(oxigraph: str) -> dict:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        found = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M)
        if found:
            cpu = found.group(1).strip()
    ram = None
    with contextlib.suppress(OSError, AttributeError):
        ram = int(re.search(r"^MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text(), re.M).group(1)) * 1024
    os_name = platform.platform()
    with contextlib.suppress(OSError, AttributeError):
        pretty = re.search(r'^PRETTY_NAME="?([^"\n]+)', Path("/etc/os-release").read_text(), re.M).group(1)
        os_name = f"{pretty} ({os_name})"
    oxigraph_version = subprocess.run([oxigraph, "--version"], capture_output=True, text=True).stdout.strip()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "cores_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "ram_bytes": ram,
        "os": os_name,
        "python": platform.python_version(),
        "versions": {name: version(name) for name in ("ld-export", "rdflib", "pyshacl", "pyoxigraph", "pyrudof")}
        | {"oxigraph CLI": oxigraph_version.removeprefix("oxigraph ") or None},
    }


# --------------------------------------------------------------------------------------------
# Step 1: the corpus


def sha256(*paths: Path) -> str:
    """The SHA-256 of the files ``paths`` read one after the other."""
    h = hashlib.sha256()
    for path in paths:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    return h.hexdigest()


def nquads(out: Path) -> list[Path]:
    """The build's N-Quads: ``dataset.nq``, or its parts in order (a build of many articles)."""
    whole = out / "dataset.nq"
    if whole.is_file():
        return [whole]
    return sorted(out.glob("dataset-*.nq"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def stamp_path(work: Path, n: int) -> Path:
    return work / f"corpus-{n}.stamp.json"


def generate(n: int, seed: int, work: Path, generator: Path) -> tuple[Path, float | None]:
    """WORK/corpus-N, generated unless a stamp says it already was with the same parameters."""
    corpus, stamp = work / f"corpus-{n}", stamp_path(work, n)
    wanted = {"articles": n, "seed": seed, "generator_sha256": sha256(generator)}
    if corpus.is_dir() and stamp.is_file() and json.loads(stamp.read_text()) == wanted:
        log(f"corpus of {n}: reusing {corpus}")
        return corpus, None
    stamp.unlink(missing_ok=True)
    log(f"corpus of {n}: generating into {corpus}")
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(generator), str(n), str(corpus), "--seed", str(seed), "--force"],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        fail(f"generating the corpus of {articles(n)} failed (exit {done.returncode})", done.stderr)
    elapsed = time.perf_counter() - start
    stamp.write_text(json.dumps(wanted))
    return corpus, elapsed


# --------------------------------------------------------------------------------------------
# Step 2–3: the build and its output


def build(corpus: Path, out: Path, jobs: int, clean: bool = True, answers: bool = False) -> Run:
    if clean and out.exists():
        shutil.rmtree(out)
    keep = ["--answers"] if answers else []
    run = run_measured([*ld_export_cmd(), "build", str(corpus), "-o", str(out), "-j", str(jobs), "-q", *keep])
    if run.returncode != 0:
        fail(f"the build of {corpus} failed (exit {run.returncode}): {shlex.join(run.cmd)}", run.stderr)
    return run


def cluster_build(corpus: Path, out: Path, address: str, also: tuple[int, ...]) -> Run:
    if out.exists():
        shutil.rmtree(out)
    run = run_measured([*ld_export_cmd(), "build", str(corpus), "-o", str(out), "--scheduler", address, "-q"],
                       also=also)  # fmt: skip
    if run.returncode != 0:
        fail(f"the build of {corpus} on the Dask cluster failed (exit {run.returncode}): {shlex.join(run.cmd)}",
             run.stderr)  # fmt: skip
    return run


def output_files(out: Path) -> dict[str, str]:
    """Every file of a build folder with its SHA-256, but the store's database files and the cache."""
    return {str(p.relative_to(out)): sha256(p) for p in sorted(out.rglob("*"))
            if p.is_file() and not {"store", ".ld-export-cache"} & set(p.relative_to(out).parts)}  # fmt: skip


class Cluster:
    """``local:N``: a LocalCluster of N worker processes in a child process, for the whole run;
    else the address of a running scheduler."""

    def __init__(self, spec: str):
        self.proc: subprocess.Popen | None = None
        self.spec = spec
        if not spec.startswith("local:"):
            self.address, self.pids = spec, ()
            return
        self.proc = subprocess.Popen(child_command("_cluster", spec.removeprefix("local:")), stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, start_new_session=True)  # fmt: skip
        self.address = self.proc.stdout.readline().strip()
        if not self.address:
            self.close()
            fail(f"the LocalCluster ({spec}) did not start")
        self.pids = (self.proc.pid,)
        log(f"Dask LocalCluster ({spec}) at {self.address}")

    def close(self) -> None:
        if self.proc is None:
            return
        self.proc.stdin.close()  # the child closes its cluster when its stdin ends
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)  # anything of the group left behind
        self.proc = None


def count_lines(*paths: Path) -> int:
    n = 0
    for path in paths:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                n += block.count(b"\n")
    return n


_COUNT_UNION = (
    "import sys, pyoxigraph as ox\n"
    "store = ox.Store.read_only(sys.argv[1])\n"
    "print(next(iter(store.query('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }')))['n'].value)\n"
)


def distinct_triples(out: Path) -> int | None:
    """Distinct triples of the whole build: the default graph of its store, the union of the article
    graphs (a triple that several articles hold, such as an actor's label, counts once)."""
    if not (out / "store").is_dir():
        return None
    run = subprocess.run([sys.executable, "-c", _COUNT_UNION, str(out / "store")], capture_output=True, text=True)
    return int(run.stdout) if run.returncode == 0 else None


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def output_size(out: Path) -> dict:
    """Bytes of the output files; a store/ folder and hidden (cache) folders separately."""
    files = store = cache = 0
    for entry in out.iterdir():
        if entry.name.startswith("."):
            cache += folder_bytes(entry) if entry.is_dir() else entry.stat().st_size
        elif entry.is_dir() and entry.name == "store":
            store += folder_bytes(entry)
        elif entry.is_dir():
            files += folder_bytes(entry)
        else:
            files += entry.stat().st_size
    return {
        "files_bytes": files,
        "store_bytes": store if (out / "store").is_dir() else None,
        "cache_bytes": cache,
    }


def child_command(*args: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), *args]


def time_queries(out: Path, limit: float, skip: dict[str, str]) -> dict:
    """The named queries over one build's output, in a fresh process, each given ``limit`` seconds
    (its warm-up and its runs). A query that takes longer is killed, with its process; a new
    process then times the queries that are left. ``skip``: name → why it is not tried."""
    found: dict = {"loader": None, "open_s": None, "names": None, "queries": {}, "runs": []}
    queries = found["queries"]
    queries.update({name: {"status": "skipped", "why": why} for name, why in skip.items()})
    while True:
        run = run_measured(child_command("_queries", str(out), *queries), quiet_limit=limit)
        found["runs"].append(summary(run))
        lines = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
        if not lines:  # the data could not be opened
            log(f"the named queries could not open {out} (exit {run.returncode}):\n{run.stderr.rstrip()}")
            found["error"] = run.stderr[-4000:] if run.finished else f"opening the data took over {limit:g} s"
            return found
        if found["names"] is None:
            found.update({k: lines[0][k] for k in ("loader", "open_s", "names")})
        for line in lines[1:]:
            if "kept_answers" in line:
                found["kept_answers"] = line["kept_answers"]
            if "median_s" in line:
                queries[line["name"]] = line | {"status": "ok"}
        if run.returncode == 0:
            return found
        running = next(name for name in found["names"] if name not in queries)
        if run.finished:
            log(f"the named query {running} failed over {out}:\n{run.stderr.rstrip()}")
            queries[running] = {"status": "failed", "error": run.stderr[-4000:]}
        else:
            log(f"the named query {running} did not finish (warm-up and {QUERY_RUNS} runs) in {limit:g} s")
            queries[running] = {"status": "timeout", "limit_s": limit}


# --------------------------------------------------------------------------------------------
# Step 4–5: the baselines


def naive(corpus: Path, work: Path, n: int, limit: float) -> tuple[dict | None, Run]:
    """Baseline (a): one graph, one pyshacl call, one Turtle file; killed after ``limit`` seconds."""
    turtle = work / f"naive-{n}.ttl"
    turtle.unlink(missing_ok=True)
    run = run_measured(child_command("_naive", str(corpus), str(turtle)), limit=limit)
    if not run.finished:
        return None, run
    if run.returncode != 0:
        fail(f"the naive baseline failed at {articles(n)} (exit {run.returncode})", run.stderr)
    return json.loads(run.stdout), run


def floor(out: Path, work: Path, n: int, oxigraph: str) -> tuple[Run, int]:
    """Baseline (b): `oxigraph load` of the build's dataset.nq (or all its parts at once, which
    Oxigraph loads in parallel) into a fresh store."""
    location = work / f"floor-{n}"
    if location.exists():
        shutil.rmtree(location)
    run = run_measured([oxigraph, "load", "--location", str(location), "--file", *map(str, nquads(out))])
    if run.returncode != 0:
        fail(f"oxigraph load failed (exit {run.returncode}): {shlex.join(run.cmd)}", run.stderr)
    return run, folder_bytes(location)


# --------------------------------------------------------------------------------------------
# Step 6: the incremental rebuild

SECTIONS = ("claims", "events", "relationships")  # labels there are free text, and local to the article


def find_edit(corpus: Path) -> tuple[Path, bytes, bytes, str]:
    """(file, original bytes, edited bytes, what changed): one claim (else event, relationship) label
    prefixed with EDIT_PREFIX by a substitution on one line; checked to change nothing else."""
    import yaml

    label = re.compile(r"^(\s+(?:- )?label:[ \t]+)(\S.*)$")
    for path in sorted(corpus.glob("*.yaml")):
        if path.name == "registry.yaml":
            continue
        raw = path.read_bytes()
        text = raw.decode("utf-8")
        lines = text.splitlines(keepends=True)
        original = yaml.safe_load(text)
        for section in SECTIONS:
            inside = False
            for i, line in enumerate(lines):
                if re.match(r"^[^\s#]", line):  # a top-level key
                    inside = line.startswith(f"{section}:")
                    continue
                m = label.match(line.rstrip("\r\n"))
                if not inside or not m or m.group(2)[0] in "|>&*!%@`[{":
                    continue
                value = m.group(2)
                new_value = value[0] + EDIT_PREFIX + value[1:] if value[0] in "\"'" else EDIT_PREFIX + value
                ending = line[len(line.rstrip("\r\n")) :]
                edited = "".join(lines[:i] + [m.group(1) + new_value + ending] + lines[i + 1 :])
                try:
                    changed = yaml.safe_load(edited)
                except yaml.YAMLError:
                    continue
                if _only_label_changed(original, changed, section):
                    return path, raw, edited.encode("utf-8"), f"{section[:-1]} label on line {i + 1} of {path.name}"
    fail(f"no claim, event or relationship label to edit was found in {corpus}")
    raise AssertionError  # not reached


def _only_label_changed(before: dict, after: dict, section: str) -> bool:
    if not isinstance(before, dict) or not isinstance(after, dict) or before.keys() != after.keys():
        return False
    if any(before[k] != after[k] for k in before if k != section):
        return False
    old, new = before[section], after[section]
    if len(old) != len(new):
        return False
    differ = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
    if len(differ) != 1:
        return False
    a, b = differ[0]
    if not isinstance(a, dict) or not isinstance(b, dict) or not isinstance(a.get("label"), str):
        return False
    return {k for k in a.keys() | b.keys() if a.get(k) != b.get(k)} == {"label"} and b["label"] == (
        EDIT_PREFIX + a["label"]
    )


def incremental(corpus: Path, out: Path, jobs: int, work: Path, n: int, answers: bool = False) -> dict:
    path, original, edited, what = find_edit(corpus)
    before = sha256(*nquads(out))
    stamp = stamp_path(work, n)
    saved_stamp = stamp.read_text() if stamp.is_file() else None
    stamp.unlink(missing_ok=True)  # should this be interrupted, the corpus is generated afresh next time
    try:
        path.write_bytes(edited)
        log(f"incremental: rebuilding {articles(n)} after editing the {what}")
        edit_run = build(corpus, out, jobs, clean=False, answers=answers)
        changed = sha256(*nquads(out)) != before
    finally:
        path.write_bytes(original)
    log(f"incremental: rebuilding {articles(n)} after restoring {path.name}")
    restore_run = build(corpus, out, jobs, clean=False, answers=answers)
    same = sha256(*nquads(out)) == before
    log(f"incremental: rebuilding {articles(n)} with nothing changed")
    times = {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()}
    unchanged_run = build(corpus, out, jobs, clean=False, answers=answers)
    untouched = times == {p.name: p.stat().st_mtime_ns for p in out.iterdir() if p.is_file()}
    if saved_stamp is not None:
        stamp.write_text(saved_stamp)
    return {
        "articles": n,
        "edit": what,
        "edit_run": summary(edit_run),
        "output_changed": changed,
        "restore_run": summary(restore_run),
        "restored_output_identical": same,
        "unchanged_run": summary(unchanged_run),
        "unchanged_untouched": untouched,
    }


# --------------------------------------------------------------------------------------------
# The child processes


def child_queries(out: str, *skip: str) -> None:
    """Print JSON lines: first the time to open the data (and the names of the queries), then, as
    each named query but those in ``skip`` is done, its median over QUERY_RUNS runs after a warm-up."""
    from linkeddata import query as q

    def say(record: dict) -> None:
        print(json.dumps(record), flush=True)

    start = time.perf_counter()
    if hasattr(q, "open_data"):
        loader, data = "open_data", q.open_data([out])
    else:
        loader, data = "load_dataset", q.load_dataset([out])
    opened = time.perf_counter() - start
    say({"loader": loader, "open_s": opened, "names": [named.name for named in q.named_queries()]})

    def materialise(result) -> int:
        try:
            return len(q.rows(result))
        except (AttributeError, TypeError):
            return len(list(result))

    # --live: ask the store even where the build kept the answers (ld-export build --answers).
    live = "--live" in skip
    options = {"kept": False} if live else {}
    limits = "limit" in inspect.signature(q.run_query).parameters
    say({"kept_answers": kept_answers(out), "live": live})

    def timed(sparql: str, bindings: dict | None = None, limit: int | None = None) -> dict:
        runs = []
        if limit is not None and not limits:  # an older ld-export: the limit in the query's text
            sparql, limit = f"{sparql.rstrip()}\nLIMIT {limit}\n", None
        extra = options | ({"bindings": bindings} if bindings else {}) | ({"limit": limit} if limit is not None else {})
        for _ in range(1 + QUERY_RUNS):  # the first is the warm-up
            start = time.perf_counter()
            count = materialise(q.run_query(sparql, data, **extra))
            runs.append(time.perf_counter() - start)
        return {"median_s": statistics.median(runs[1:]), "runs_s": runs[1:], "warmup_s": runs[0], "rows": count}

    samples = bound_samples(q, data) if hasattr(q, "parse_binding") else {}
    for named in q.named_queries():
        if named.name in skip:
            continue
        sparql = getattr(named, "sparql", None) or named.text
        record = {"name": named.name} | timed(sparql)
        # The first rows: the same query with a LIMIT (a named query sorts its answer, so the store may
        # still have to find all of it first).
        if re.search(r"^\s*SELECT\b", sparql, re.I | re.M) and not re.search(r"\bLIMIT\b", sparql, re.I):
            record["first_rows"] = {"limit": FIRST_ROWS} | timed(sparql, limit=FIRST_ROWS)
        # The question about one article or one actor: the article in the middle of the corpus, the
        # actor who asserts the most claims (the largest answer about one actor).
        bound = {p: {"value": str(samples[p])} | timed(sparql, {p: samples[p]})
                 for p, _meaning in getattr(named, "parameters", ()) if p in samples}  # fmt: skip
        say(record | ({"bound": bound} if bound else {}))


def kept_answers(out: str) -> bool:
    """Whether the build in ``out`` kept its named queries' answers for the data it holds."""
    try:
        from linkeddata import answers
    except ImportError:
        return False
    return answers.current(Path(out) / "store") is not None


def bound_samples(q, data) -> dict:
    """The values the benchmark binds: the middle article (by IRI) and the busiest asserter."""
    from rdflib import URIRef

    articles = q.rows(q.run_query("SELECT ?a WHERE { ?a a <http://schema.org/NewsArticle> } ORDER BY ?a", data))
    busiest = ("SELECT ?x (COUNT(?c) AS ?n) WHERE { ?c <http://www.w3.org/ns/prov#wasAttributedTo> ?x } "
               "GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1")  # fmt: skip
    actors = q.rows(q.run_query(busiest, data))
    samples = {}
    if articles:
        samples["article"] = URIRef(articles[len(articles) // 2]["a"])
    if actors:
        samples["actor"] = URIRef(actors[0]["x"])
    return samples


def child_naive(corpus: str, turtle: str) -> None:
    """Print JSON: the phases of the naive route (one graph, one pyshacl call, one Turtle file)."""
    import pyshacl
    from rdflib import Graph

    from linkeddata.annotation import load_annotation
    from linkeddata.article import read_article
    from linkeddata.graph import build_graph
    from linkeddata.layout import registry_for
    from linkeddata.namespaces import DEFAULT_BASE_IRI, bind_prefixes
    from linkeddata.pipeline.sources import Registries, find_sources
    from linkeddata.validate import ontology_graph, shapes_graph

    t0 = time.perf_counter()
    big = Graph()
    bind_prefixes(big)
    registries = Registries()
    for source in find_sources([corpus]):
        registry = registries(registry_for(source.text))
        article = read_article(source.text)
        annotation = load_annotation(source.annotation, registry)
        big += build_graph(article, annotation, DEFAULT_BASE_IRI).graph
    t1 = time.perf_counter()
    conforms, _, _ = pyshacl.validate(
        big,
        shacl_graph=shapes_graph(),
        ont_graph=ontology_graph(),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    t2 = time.perf_counter()
    big.serialize(destination=turtle, format="turtle")
    t3 = time.perf_counter()
    print(
        json.dumps(
            {
                "triples": len(big),
                "conforms": bool(conforms),
                "graph_s": t1 - t0,
                "validate_s": t2 - t1,
                "serialize_s": t3 - t2,
                "turtle_bytes": Path(turtle).stat().st_size,
            }
        )
    )


def child_cluster(workers: str) -> None:
    """Start a LocalCluster of ``workers`` processes on 127.0.0.1, print its address, and close it when
    stdin ends."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=int(workers), threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address="127.0.0.1:0") as cluster:  # fmt: skip
        print(cluster.scheduler_address, flush=True)
        sys.stdin.read()


CHILDREN = {"_queries": child_queries, "_naive": child_naive, "_cluster": child_cluster}


# --------------------------------------------------------------------------------------------


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = sorted({int(s) for s in text.split(",") if s.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a comma-separated list of numbers: {text!r}") from None
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError("sizes must be at least 1")
    return sizes


def main(argv: list[str]) -> int:
    if len(argv) > 1 and argv[1] in CHILDREN:
        CHILDREN[argv[1]](*argv[2:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=parse_sizes, default=parse_sizes("1,100,1000,10000"), help="corpus sizes")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated corpora")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "ld-export-bench")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes of the build")
    parser.add_argument("--naive-limit", type=float, default=600, help="seconds before the naive baseline is killed")
    parser.add_argument("--query-limit", type=float, default=600, help="seconds for one named query (warm-up and runs)")
    parser.add_argument("--generator", type=Path, default=GENERATOR, help="the corpus generator script")
    parser.add_argument("--scheduler", help="also build on a Dask cluster: local:N (a LocalCluster of N workers) "
                        "or the address of a running scheduler")  # fmt: skip
    parser.add_argument("--answers", action="store_true",
                        help="build with --answers: the named queries are then read from the answers the build "
                        "kept (the rebuilds keep them too)")  # fmt: skip
    parser.add_argument("--builds-only", action="store_true", help="only the builds: no queries, baselines, rebuild")
    parser.add_argument("--rebuild", action="store_true",
                        help="with --builds-only: the incremental rebuild at the largest size too")  # fmt: skip
    args = parser.parse_args(argv[1:])
    if not args.generator.is_file():
        fail(f"no corpus generator at {args.generator}")
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    oxigraph = oxigraph_cli()

    results = {
        "command": shlex.join(["python", *argv]),
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine(oxigraph),
        "work": str(work),
        "seed": args.seed,
        "jobs": args.jobs,
        "naive_limit": args.naive_limit,
        "query_limit": args.query_limit,
        "scheduler": args.scheduler,
        "builds_only": args.builds_only,
        "rebuild": args.rebuild,
        "answers": args.answers,
        "sizes": [],
    }
    # SIGTERM ends the run as Ctrl-C does: the build under way and the LocalCluster are stopped.
    signal.signal(signal.SIGTERM, lambda signum, _frame: sys.exit(128 + signum))
    cluster = Cluster(args.scheduler) if args.scheduler else None
    try:
        measure(args, work, oxigraph, results, cluster)
    finally:
        if cluster is not None:
            cluster.close()
    print(report(results), end="")
    log(f"results written to {work / 'results.json'}")
    return 0


def measure(args: argparse.Namespace, work: Path, oxigraph: str, results: dict, cluster: Cluster | None) -> None:
    naive_gave_up, query_skip = False, {}
    for n in args.sizes:
        corpus, generated_s = generate(n, args.seed, work, args.generator)
        out = work / f"out-{n}"
        log(f"{articles(n)}: building into {out}")
        run = build(corpus, out, args.jobs, answers=args.answers)
        row = {
            "articles": n,
            "generate_s": generated_s,
            "build": summary(run),
            "quads": count_lines(*nquads(out)),
            "triples": distinct_triples(out),
            "size": output_size(out),
        }
        log(f"{articles(n)}: built in {run.wall_s:.2f} s, peak RSS {run.peak_rss / MB:,.0f} MB")
        if cluster is not None:
            log(f"{articles(n)}: building on the Dask cluster ({cluster.spec}) into {out}-dask")
            on_cluster = cluster_build(corpus, Path(f"{out}-dask"), cluster.address, cluster.pids)
            row["cluster"] = summary(on_cluster) | {
                "identical": output_files(out) == output_files(Path(f"{out}-dask")),
                "spec": cluster.spec,
            }
            log(f"{articles(n)}: built on the cluster in {on_cluster.wall_s:.2f} s; output identical: "
                f"{row['cluster']['identical']}")  # fmt: skip
        if args.builds_only:
            results["sizes"].append(row)
            (work / "results.json").write_text(json.dumps(results, indent=2))
            continue
        log(f"{articles(n)}: named queries")
        row["queries"] = time_queries(out, args.query_limit, query_skip)
        for name, q in row["queries"]["queries"].items():
            if q["status"] == "timeout":
                query_skip[name] = f"did not finish in {args.query_limit:g} s at {articles(n)}"
        log(f"{articles(n)}: floor (oxigraph load)")
        floor_run, floor_bytes = floor(out, work, n, oxigraph)
        row["floor"] = summary(floor_run) | {"store_bytes": floor_bytes}
        if naive_gave_up:
            row["naive"] = None
        else:
            log(f"{articles(n)}: naive baseline (limit {args.naive_limit:g} s)")
            phases, naive_run = naive(corpus, work, n, args.naive_limit)
            row["naive"] = summary(naive_run) | {"finished": naive_run.finished, "phases": phases}
            if naive_run.finished:
                log(f"{articles(n)}: naive took {naive_run.wall_s:.2f} s")
            else:
                log(f"{articles(n)}: naive did not finish in {args.naive_limit:g} s; not tried at larger sizes")
                naive_gave_up = True
        results["sizes"].append(row)
        (work / "results.json").write_text(json.dumps(results, indent=2))

    if args.builds_only and not args.rebuild:
        return
    largest = args.sizes[-1]
    results["incremental"] = incremental(work / f"corpus-{largest}", work / f"out-{largest}", args.jobs, work,
                                         largest, args.answers)
    (work / "results.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
