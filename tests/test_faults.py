"""Faults thrown at the commands, one test per attempt, each with its reproduction in the docstring.

These are the guarantees the README lists under "What ld-export promises": nothing outside the
manifest is touched, the output always matches the input, no process outlives a build, Ctrl-C is
quiet, bad input is one paragraph and exit 2 naming the file and line, and what reaches a terminal
is data, not commands. (tests/test_faults_services.py throws faults at `serve` and `load`.)
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEED_SLUG, SMALL_ANNOTATION, SMALL_REGISTRY, SMALL_TEXT, write_small

from linkeddata.cli import main
from linkeddata.errors import InputError
from linkeddata.load import load

CORPUS = Path(__file__).parent / "data" / "corpus"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` but the build's own hidden folders, with its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not any(part.startswith(".ld-export") for part in p.relative_to(folder).parts)
    }


# --------------------------------------------------------------------------------------------
# Nothing outside the manifest is touched


@pytest.mark.parametrize("options", [[], ["--no-store"], ["--format", "turtle"]], ids=["default", "no-store", "turtle"])
def test_a_build_never_removes_a_folder_it_did_not_make(tmp_path, options):
    """mkdir -p proj/store && echo x > proj/store/notes.txt && ld-export build -o proj [--no-store]"""
    proj = tmp_path / "proj"
    (proj / "store").mkdir(parents=True)
    (proj / "store" / "notes.txt").write_text("x\n")
    result = run("build", "-o", str(proj), "-q", *options)
    assert (proj / "store" / "notes.txt").read_text() == "x\n"
    if options:  # nothing is written where the user's folder is: the build goes ahead beside it
        assert result.exit_code == 0, result.output
        assert sorted(p.name for p in (proj / "store").iterdir()) == ["notes.txt"]
    else:  # the build would write its store there: it stops and names the path
        assert result.exit_code == 2
        assert f"{proj / 'store'} is in the way" in result.output
        assert sorted(p.name for p in proj.iterdir()) == [".ld-export-cache", "store"]


def test_a_file_of_the_users_in_the_way_stops_the_build_and_is_kept(tmp_path):
    """echo mine > proj/dataset.nq && ld-export build -o proj: exit 2, proj/dataset.nq unchanged."""
    proj = tmp_path / "proj"
    proj.mkdir()
    (proj / "dataset.nq").write_text("mine\n")
    (proj / "notes.md").write_text("keep\n")
    result = run("build", "-o", str(proj), "-q")
    assert result.exit_code == 2
    assert f"{proj / 'dataset.nq'} is in the way" in result.output
    assert tree(proj) == {"dataset.nq": b"mine\n", "notes.md": b"keep\n"}


def test_other_files_in_the_output_folder_survive_builds_and_rebuilds(tmp_path):
    """Files the build does not write are left alone, also when an article's files are removed."""
    src = tmp_path / "c"
    shutil.copytree(CORPUS, src)
    out = tmp_path / "o"
    out.mkdir()
    (out / "README.txt").write_text("notes\n")
    (out / "levant-notes.ttl").write_text("# mine\n")
    assert run("build", str(src), "-o", str(out), "-q").exit_code == 0
    for f in src.glob("levant-*"):
        f.unlink()
    assert run("build", str(src), "-o", str(out), "-q", "--no-reuse").exit_code == 0
    assert (out / "README.txt").read_text() == "notes\n"
    assert (out / "levant-notes.ttl").read_text() == "# mine\n"


# --------------------------------------------------------------------------------------------
# The output always matches the input


@pytest.mark.parametrize("second", [["--no-reuse"], ["--no-reuse", "--format", "turtle"]], ids=["no-reuse", "turtle"])
def test_files_of_a_removed_article_go_even_when_the_manifest_is_not_used(tmp_path, second):
    """cp corpus/* c/; build c -o o; rm c/levant-*; build c -o o --no-reuse; build c -o o"""
    src = tmp_path / "c"
    shutil.copytree(CORPUS, src)
    out = tmp_path / "o"
    assert run("build", str(src), "-o", str(out), "-q").exit_code == 0
    assert sorted(p.name for p in out.glob("levant-*")) == [
        "levant-ledger-2015-pentagon-denies-assad-ban.jsonld",
        "levant-ledger-2015-pentagon-denies-assad-ban.nt",
        "levant-ledger-2015-pentagon-denies-assad-ban.ttl",
    ]
    for f in src.glob("levant-*"):
        f.unlink()
    assert run("build", str(src), "-o", str(out), "-q", *second).exit_code == 0
    assert sorted(p.name for p in out.glob("levant-*")) == []
    assert run("build", str(src), "-o", str(out), "-q").exit_code == 0
    assert sorted(p.name for p in out.glob("levant-*")) == []
    clean = tmp_path / "clean"
    assert run("build", str(src), "-o", str(clean), "-q").exit_code == 0
    data = {k: v for k, v in tree(out).items() if not k.startswith("store/")}  # a store is a database, not bytes
    assert data == {k: v for k, v in tree(clean).items() if not k.startswith("store/")}


def test_files_of_a_removed_article_go_after_a_build_lost_its_manifest(tmp_path):
    """A kill after the manifest was dropped: the list of what builds wrote survives it."""
    src = tmp_path / "c"
    shutil.copytree(CORPUS, src)
    out = tmp_path / "o"
    assert run("build", str(src), "-o", str(out), "-q").exit_code == 0
    (out / ".ld-export-cache" / "manifest.json").unlink()  # as a kill between forget() and save() leaves it
    for f in src.glob("levant-*"):
        f.unlink()
    assert run("build", str(src), "-o", str(out), "-q").exit_code == 0
    assert sorted(p.name for p in out.glob("levant-*")) == []


# --------------------------------------------------------------------------------------------
# No process outlives a build; Ctrl-C is quiet

MAKE_CORPUS = Path(__file__).resolve().parent.parent / "benchmarks" / "make_corpus.py"
LD_EXPORT = [sys.executable, "-c", "import sys; from linkeddata.console import main; sys.exit(main())"]

# Runs a command as the child of a "subreaper" (Linux PR_SET_CHILD_SUBREAPER): every process the
# command starts, and every process orphaned by its death, stays a descendant of this script, so
# that none escapes the count. It waits until the command has WAIT_FOR descendants, waits DELAY
# more seconds, sends SIGNAL (to the process group when GROUP, as a terminal sends Ctrl-C), then
# reaps and reports which descendants are still alive 10 s later. A command still running 60 s after
# the signal is reported as "hung" and killed with every process of its group.
WATCH = r"""
import ctypes, json, os, signal, subprocess, sys, time
assert ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER
cmd, sig, wait_for, delay, group = json.loads(sys.argv[1])

def descendants():
    parents = {}
    for d in os.listdir("/proc"):
        try:
            stat = open(f"/proc/{d}/stat").read() if d.isdigit() else ""
        except OSError:
            continue
        if stat:
            fields = stat[stat.rfind(")") + 2:].split()
            parents[int(d)] = (fields[0], int(fields[1]))
    found, more = set(), True
    while more:
        more = False
        for pid, (state, ppid) in parents.items():
            if pid not in found and state != "Z" and (ppid == os.getpid() or ppid in found):
                found.add(pid)
                more = True
    return found

def name(pid):
    try:
        return open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode()[:200]
    except OSError:
        return "?"

proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
deadline = time.monotonic() + 120
while len(descendants()) < wait_for + 1 and proc.poll() is None and time.monotonic() < deadline:
    time.sleep(0.01)
seen = sorted(descendants() - {proc.pid})
time.sleep(delay)
(os.killpg if group else os.kill)(proc.pid, sig)
try:
    stderr = proc.communicate(timeout=60)[1].decode()
    code = proc.returncode
except subprocess.TimeoutExpired:  # a hung build: end it and its children, and say so
    os.killpg(proc.pid, signal.SIGKILL)
    stderr = proc.communicate()[1].decode() + "\n[still running 60 s after the signal: killed]"
    code = "hung"
left, deadline = [], time.monotonic() + 10
while time.monotonic() < deadline:
    try:
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass
    except ChildProcessError:
        pass
    left = sorted(descendants())
    if not left:
        break
    time.sleep(0.05)
print(json.dumps({"seen": [name(p) for p in seen], "code": code, "stderr": stderr, "left": [name(p) for p in left]}))
for pid in left:
    os.kill(pid, signal.SIGKILL)
"""


def watch(cmd: list[str], sig: int, wait_for: int, delay: float = 0.0, group: bool = False) -> dict:
    run = subprocess.run([sys.executable, "-c", WATCH, json.dumps([cmd, sig, wait_for, delay, group])],
                         capture_output=True, text=True, timeout=300)  # fmt: skip
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """24 synthetic articles: a build of them takes long enough to be stopped half-way."""
    folder = tmp_path_factory.mktemp("corpus")
    subprocess.run([sys.executable, str(MAKE_CORPUS), "24", str(folder), "--seed", "3"], check=True,
                   capture_output=True)  # fmt: skip
    return folder


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_no_process_outlives_a_killed_build(corpus, tmp_path, sig):
    """ld-export build corpus -o x -j 2 & sleep …; kill [-9] $!: the two workers, the store loader
    and Python's resource tracker end with the build (they were alive under init, 450 MB, for
    minutes). Each child asks the kernel to kill it when its parent dies (PR_SET_PDEATHSIG)."""
    cmd = [*LD_EXPORT, "build", str(corpus), "-o", str(tmp_path / "out"), "-j", "2"]
    r = watch(cmd, sig, wait_for=4, delay=0.5)
    assert len(r["seen"]) >= 4, r  # two workers, the store loader, the resource tracker
    assert r["left"] == [], r
    if sig == signal.SIGKILL:
        assert r["code"] == -signal.SIGKILL, r
    else:  # SIGTERM ends the build the way Ctrl-C does: it cleans up, says one line and exits 128 + 15
        assert r["code"] == 143, r
        assert r["stderr"].splitlines()[-1] == "Stopped by SIGTERM; earlier output is unchanged.", r
        assert "Traceback" not in r["stderr"], r
        assert not (tmp_path / "out").exists()  # made by the stopped build, and removed by it


# Moments to press Ctrl-C, in seconds after the build's workers and loader exist (or, for the first
# ones, after the program started: while it imports); a seeded draw, printed on failure.
_DRAW = random.Random(16)
CTRL_C = [(0, round(_DRAW.uniform(0.05, 0.4), 2))] + [(4, round(_DRAW.uniform(0, 3), 2)) for _ in range(6)]


@pytest.mark.parametrize(("wait_for", "delay"), CTRL_C, ids=[f"after-{w}-children-{d}s" for w, d in CTRL_C])
def test_ctrl_c_exits_130_quietly_every_time(corpus, tmp_path, wait_for, delay):
    """Ctrl-C (SIGINT to the whole process group, as a terminal sends it) at any moment: exit 130,
    one line, no traceback of a worker (one run in nine printed one), no process left behind."""
    out = tmp_path / "out"
    r = watch([*LD_EXPORT, "build", str(corpus), "-o", str(out), "-j", "2"], signal.SIGINT, wait_for, delay, True)
    assert r["code"] == 130, r
    assert "Traceback" not in r["stderr"] and "KeyboardInterrupt" not in r["stderr"], r
    assert r["stderr"].splitlines()[-1] in ("Interrupted; earlier output is unchanged.", "Interrupted."), r
    assert r["left"] == [], r


# A pool stopped while a worker is half-way through sending its result back.
STOP_MID_RESULT = """
import sys, time
from linkeddata import processes
workers = processes.pool(2)
with processes.starting():
    futures = [workers.submit(bytes, 200_000_000) for _ in range(4)]  # 200 MB results

def receiving():  # the pool's manager thread is reading a result off the pipe
    for frame in sys._current_frames().values():
        while frame is not None:
            if frame.f_code.co_name == "_recv_bytes":
                return True
            frame = frame.f_back
    return False

deadline = time.monotonic() + 60
while not receiving() and time.monotonic() < deadline:
    time.sleep(0.001)
assert receiving(), "no result was being received"
processes.stop(workers)
print("stopped")
"""


def test_a_pool_stops_while_a_result_is_half_sent():
    """Ctrl-C once hung a build for ever (one run in a few hundred): a worker killed while sending its
    result left half a message in the pipe, and the pool's manager thread waited for the rest, since
    the build itself holds the pipe's other end. It happened in nearly every try when the results are
    200 MB and the workers are stopped while one is being received."""
    try:
        r = subprocess.run([sys.executable, "-c", STOP_MID_RESULT], capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired as e:
        pytest.fail(f"processes.stop() hung: {e}")
    assert r.returncode == 0 and r.stdout == "stopped\n", r


# Ctrl-C while Click reads the arguments: after the import, before the command starts.
CTRL_C_WHILE_PARSING = """
import os, signal, sys, click
real = click.Command.parse_args
def parse_args(self, ctx, args):
    if self.name == "build":
        os.kill(os.getpid(), signal.SIGINT)
    return real(self, ctx, args)
click.Command.parse_args = parse_args
from linkeddata.console import main
sys.exit(main(["build", "-o", sys.argv[1], "-q"]))
"""


def test_ctrl_c_while_the_arguments_are_read_exits_130(tmp_path):
    """The moment the random draw above once hit (0.18 s in): Click turned Ctrl-C into "Aborted!" and exit 1."""
    out = tmp_path / "out"
    r = subprocess.run([sys.executable, "-c", CTRL_C_WHILE_PARSING, str(out)], capture_output=True, text=True,
                       timeout=120)  # fmt: skip
    assert r.returncode == 130 and r.stderr == "Interrupted.\n", r
    assert not out.exists()


# --------------------------------------------------------------------------------------------
# Bad input: exit 2, one paragraph naming the file and line (or the path), earlier output untouched


def alias_bomb(fan_out: int) -> str:
    """A claim's evidence repeated F times, a chain of F hops with that evidence, and a claim whose
    chain lists the chain F times: F = 60 took 5 s, F = 120 37 s, F = 1000 (37 kB) would take hours."""
    evidence = ", ".join(['"the army shelled Idlib in March"'] * fan_out)
    hops = ", ".join(["{by: reuters, mode: quoted, evidence: *ev}"] * fan_out)
    chains = ", ".join(["*chain"] * fan_out)
    return (SMALL_ANNOTATION.replace('    evidence: "the army shelled Idlib in March"\n  - id: saw-shells',
                                     f"    evidence: &ev [{evidence}]\n  - id: saw-shells")
            .replace('    chain:\n      - by: reuters\n        mode: quoted\n        evidence: "told Reuters"\n',
                     f"    chain: &chain [{hops}]\n")
            + "  - id: copies\n    label: Copies.\n    asserter: rebels\n    hedge: asserted\n"
            + f'    evidence: "the army shelled Idlib in March"\n    chain: [{chains}]\n')  # fmt: skip


def edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


DEEP = "[" * 20_000 + "]" * 20_000
BLOCK_DEEP = "".join("  " * i + "- \n" for i in range(200)) + "  " * 200 + "- x\n"

# (id, annotation, registry, article text, expected message after "Error: <file>:<line>: ")
BAD_INPUT = [
    ("yaml-alias-bomb", alias_bomb(120), None, None, "small-article.yaml:28",
     "the alias *ev makes the document hold more than 10,000 values beyond those written (it stands for 121); "
     "write the values out instead of repeating aliases"),
    ("occurrence-1.0", edit(SMALL_ANNOTATION, "occurrence: 1}", "occurrence: 1.0}"), None, None,
     "small-article.yaml:5", "actors[1].mentions[1].occurrence: expected integer, found float 1.0"),
    ("nested-20000-deep", SMALL_ANNOTATION + f"extra: {DEEP}\n", None, None, "small-article.yaml:51",
     "the YAML is nested more than 64 levels deep here; an annotation needs about eight"),
    ("nested-200-deep-in-blocks", SMALL_ANNOTATION + "extra:\n" + BLOCK_DEEP, None, None, "small-article.yaml:115",
     "the YAML is nested more than 64 levels deep here; an annotation needs about eight"),
    ("language-subtag-of-10", edit(SMALL_ANNOTATION, "  publisher: reuters\n",
                                   "  publisher: reuters\n  language: en-abcdefghij\n"), None, None,
     "small-article.yaml:3", "article.language: 'en-abcdefghij' is not allowed here: a BCP 47 language tag such "
     "as en or en-GB (subtags of one to eight letters or digits)"),
    ("blank-label", edit(SMALL_ANNOTATION, "label: The army shelled Idlib.", 'label: " \\t "'), None, None,
     "small-article.yaml:18", "claims[1].label: ' \\t ' is not allowed here: a label of words, not only spaces"),
    ("blank-registry-label", None, edit(SMALL_REGISTRY, "label: Reuters", 'label: "  "'), None, "registry.yaml:10",
     "actors[3].label: '  ' is not allowed here: a label of words, not only spaces"),
    ("part-of-cycle", None, edit(edit(SMALL_REGISTRY, "label: Rebels\n", "label: Rebels\n    part_of: [army]\n"),
                                 "label: The army\n", "label: The army\n    part_of: [rebels]\n"), None,
     "registry.yaml:2", "actor 'rebels' is part of itself: rebels → army → rebels (part_of)"),
    ("actor-part-of-itself", edit(SMALL_ANNOTATION, "    member_of: [rebels]\n",
                                  "    member_of: [rebels]\n    part_of: [commander]\n"), None, None,
     "small-article.yaml:8", "actor 'commander' is part of itself"),
    ("actor-member-of-itself", edit(SMALL_ANNOTATION, "member_of: [rebels]", "member_of: [commander]"), None, None,
     "small-article.yaml:8", "actor 'commander' is a member of itself"),
    ("person-with-until", edit(SMALL_ANNOTATION, "member_of: [rebels]", 'member_of: [rebels]\n    until: "2019"'),
     None, None, "small-article.yaml:8", "actor 'commander' is a person: 'until' is for organisations, governments "
     "and groups that ceased to exist as described, not for a person's death"),
    ("registry-person-with-until", None, SMALL_REGISTRY.replace("places:\n", '  - id: leader\n    type: person\n'
     '    label: A leader\n    until: "2019"\nplaces:\n'), None, "registry.yaml:11", "actor 'leader' is a person: "
     "'until' is for organisations, governments and groups that ceased to exist as described, not for a person's "
     "death"),
    ("registry-person-with-since", None, SMALL_REGISTRY.replace("places:\n", '  - id: leader\n    type: person\n'
     '    label: A leader\n    since: "2019"\nplaces:\n'), None, "registry.yaml:11", "actor 'leader' is a person: "
     "'since' is for organisations, governments and groups that began to exist as described, not for a person's "
     "birth"),
    ("since-after-until", None, edit(SMALL_REGISTRY, "label: The army\n",
                                     'label: The army\n    since: "2020-03"\n    until: "2019"\n'),
     None, "registry.yaml:5", "actor 'army' begins (since: 2020-03) after it ends (until: 2019)"),
    ("until-not-a-time", None, edit(SMALL_REGISTRY, "label: The army\n", 'label: The army\n    until: "May 2019"\n'),
     None, "registry.yaml:8", "actors[2].until: 'May 2019' is not allowed here: YYYY, YYYY-MM or YYYY-MM-DD: only as "
     "precise as the text"),
    ("within-cycle", None, edit(SMALL_REGISTRY, "    label: Idlib\n", "    label: Idlib\n    within: syria\n")
     + "  - id: syria\n    label: Syria\n    within: idlib\n", None, "registry.yaml:12",
     "place 'idlib' is within itself: idlib → syria → idlib (within)"),
    ("article-over-8-mib", None, None, SMALL_TEXT.replace("NOW WATCH", "word " * 1_800_000 + "\n\nNOW WATCH"),
     "small-article.txt", "the article is larger than 8,388,608 bytes (8 MiB), the most ld-export reads: its text "
     "is one literal of the data, and RDF readers such as Oxigraph refuse a line of N-Triples over 16 MiB. A news "
     "article is a few tens of kilobytes; is this the right file?"),
]  # fmt: skip


@pytest.mark.parametrize(("annotation", "registry", "text", "where", "message"), [row[1:] for row in BAD_INPUT],
                         ids=[row[0] for row in BAD_INPUT])  # fmt: skip
def test_bad_input_is_exit_2_naming_file_and_line_and_keeps_the_output(tmp_path, annotation, registry, text, where,
                                                                       message):  # fmt: skip
    """Each was accepted, ran for minutes, or was an "Internal error … This is a bug" with no line."""
    good = write_small(tmp_path / "in")
    out = tmp_path / "out"
    assert run("build", str(good), "-o", str(out), "-q").exit_code == 0
    before = tree(out)
    bad = write_small(tmp_path / "bad", annotation or SMALL_ANNOTATION, text or SMALL_TEXT, registry or SMALL_REGISTRY)
    started = time.monotonic()
    r = run("build", str(bad), "-o", str(out), "-q")
    assert time.monotonic() - started < 10
    assert r.exit_code == 2
    assert r.stderr == f"Error: {bad / where}: {message}\n"
    assert tree(out) == before


def test_a_javascript_base_iri_is_refused(tmp_path):
    r = run("build", "--base-iri", "javascript:alert(1)//", "-o", str(tmp_path / "out"))
    assert r.exit_code == 2 and not (tmp_path / "out").exists()
    assert r.stderr == (
        "Error: the base IRI 'javascript:alert(1)//' has the scheme 'javascript:'; IRIs of the data are minted "
        "under http:, https:, urn:, tag: only (e.g. https://example.org/data/)\n"
    )
    for base in ("data:text/html,x/", "file:///tmp/x/", "vbscript:x/"):
        assert run("build", "--base-iri", base, "-o", str(tmp_path / "out")).exit_code == 2, base
    assert run("build", str(write_small(tmp_path / "in")), "--base-iri", "urn:example:data/", "-o",
               str(tmp_path / "urn"), "-q").exit_code == 0  # fmt: skip


def test_a_report_in_a_missing_folder_is_exit_2_before_validating(seed_build):
    """ld-export validate --report /nonexistent/r.ttl: an internal error after the validation."""
    r = run("validate", "--report", "/nonexistent/r.ttl", str(seed_build[1] / f"{SEED_SLUG}.ttl"))
    assert r.exit_code == 2
    assert r.stderr == "Error: /nonexistent/r.ttl: cannot write r.ttl: no such folder /nonexistent\n"
    assert not Path("/nonexistent").exists()


@pytest.mark.parametrize("timeout", ["-1", "0"])
def test_a_timeout_that_is_not_positive_is_a_usage_error(seed_build, timeout):
    """ld-export load --timeout -1: "Internal error: ValueError: Timeout value out of range"."""
    r = run("load", str(seed_build[1]), "--endpoint", "http://127.0.0.1:9/store", "--timeout", timeout)
    assert r.exit_code == 2
    assert (
        r.stderr.splitlines()[-1] == f"Error: Invalid value for '--timeout': {float(timeout)} is not in the range x>0."
    )
    with pytest.raises(InputError, match="the timeout must be more than 0 seconds"):
        load(seed_build[1], "http://127.0.0.1:9/store", timeout=float(timeout))


def immutable(path: Path) -> bool:
    """Make ``path`` unwritable even for root (chattr +i); False where the file system cannot."""
    if os.geteuid() != 0:
        path.chmod(0o555)
        return True
    return shutil.which("chattr") is not None and subprocess.run(["chattr", "+i", str(path)],
                                                                   capture_output=True).returncode == 0  # fmt: skip


def test_a_store_folder_that_cannot_be_written_is_exit_2_naming_it(tmp_path, small):
    """A read-only store/: "Internal error: PermissionError … ld-export.sha256"."""
    out = tmp_path / "out"
    assert run("build", str(small), "-o", str(out), "-q").exit_code == 0
    before = tree(out)
    if not immutable(out / "store"):
        pytest.skip("this file system cannot make a folder unwritable for root (chattr +i)")
    try:
        r = run("build", str(small), "-o", str(out), "-q", "--no-reuse", "--base-iri", "https://example.org/other/")
    finally:
        subprocess.run(["chattr", "-i", str(out / "store")], capture_output=True)
        (out / "store").chmod(0o755)
    assert r.exit_code == 2
    assert r.stderr == (f"Error: {out / 'store' / 'ld-export.sha256'}: the build could not write: Operation not "
                        "permitted; the output folder holds what it held before\n")  # fmt: skip
    assert tree(out) == before


LIMITED = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]), int(sys.argv[1])))
from linkeddata.console import main
sys.argv[1:2] = []
sys.exit(main())
"""


def test_a_full_disk_is_exit_2_and_keeps_the_previous_build(tmp_path, small):
    """Disk full: an internal error. Here a write past a file size limit fails as a full disk does,
    in the build and in its workers and store loader (the limit is inherited)."""
    out = tmp_path / "out"
    assert run("build", str(small), "-o", str(out), "-q").exit_code == 0
    before = tree(out)
    write_small(small, SMALL_ANNOTATION, SMALL_TEXT, SMALL_REGISTRY, slug="second-article")  # two: two workers
    r = subprocess.run([sys.executable, "-c", LIMITED, "20000", "build", str(small), "-o", str(out), "-q", "-j", "2"],
                       capture_output=True, text=True)  # fmt: skip
    assert r.returncode == 2, r.stderr
    assert (
        r.stderr
        == f"Error: {out}: the build could not write: File too large; the output folder holds what it held before\n"
    )
    assert tree(out) == before


ON_A_SMALL_DISK = """
set -e
mount -t tmpfs -o size=1200k tmpfs "$1"
shift
"$@"
"""


def test_a_really_full_disk_is_exit_2_and_keeps_the_previous_build(tmp_path, small):
    """The same on a file system that is full (a 1.2 MB tmpfs, in a mount namespace of its own: room
    for a small article, not for the seed)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    script = f"""
import json, subprocess, sys
from pathlib import Path
cli = {LD_EXPORT!r}
out = Path({str(disk / "out")!r})
first = subprocess.run([*cli, "build", {str(small)!r}, "-o", str(out), "-q"], capture_output=True, text=True)
before = {{str(p): p.read_bytes().hex() for p in sorted(out.rglob("*")) if p.is_file() and ".ld-export" not in str(p)}}
second = subprocess.run([*cli, "build", "-o", str(out), "-q"], capture_output=True, text=True)  # the seed: 2 MB
after = {{str(p): p.read_bytes().hex() for p in sorted(out.rglob("*")) if p.is_file() and ".ld-export" not in str(p)}}
print(json.dumps([first.returncode, first.stderr, second.returncode, second.stderr, before == after]))
"""
    r = subprocess.run(["unshare", "-m", "--propagation", "private", "sh", "-c", ON_A_SMALL_DISK, "sh", str(disk),
                        sys.executable, "-c", script], capture_output=True, text=True)  # fmt: skip
    if r.returncode != 0 and ("unshare" in r.stderr or "mount" in r.stderr):
        pytest.skip(f"no mount namespace here: {r.stderr.strip()}")
    first_code, first_err, code, err, unchanged = json.loads(r.stdout)
    assert first_code == 0, first_err
    assert code == 2 and err.startswith(f"Error: {disk / 'out'}") and "No space left on device" in err, err
    assert err.endswith("; the output folder holds what it held before\n"), err
    assert unchanged


RDF_XML_NS = 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/"'


def entity_bomb(path: Path) -> Path:
    """The billion laughs in RDF/XML: 988 bytes, ten nested entities (229 s before it was refused)."""
    lines = ['<?xml version="1.0"?>', "<!DOCTYPE rdf:RDF [", '  <!ENTITY lol0 "lol">']
    lines += [f'  <!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    lines += ["]>", f"<rdf:RDF {RDF_XML_NS}>", '  <rdf:Description rdf:about="http://example.org/s"><ex:p>&lol9;</ex:p>'
              "</rdf:Description>", "</rdf:RDF>"]  # fmt: skip
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.parametrize("command", ["validate", "query"])
def test_an_rdf_xml_entity_bomb_is_refused_at_once(tmp_path, command):
    bomb = entity_bomb(tmp_path / "bomb.rdf")
    assert len(bomb.read_bytes()) == 986
    started = time.monotonic()
    r = run(command, str(bomb)) if command == "validate" else run("query", "--data", str(bomb), "ASK { ?s ?p ?o }")
    assert time.monotonic() - started < 0.5
    assert r.exit_code == 2
    assert r.stderr == (
        f"Error: {bomb}:3: the XML declares the entity 'lol0'; ld-export reads RDF/XML without entity declarations "
        "(entities can expand a small file into gigabytes, or read other files)\n"
    )


def test_rdf_xml_without_entities_is_read(tmp_path):
    """A DOCTYPE is no problem, nor is RDF/XML with none."""
    about = '<rdf:Description rdf:about="http://example.org/s">'
    doc = (f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF>\n<rdf:RDF {RDF_XML_NS}>\n  {about}<ex:p>x &amp; y'
           "</ex:p></rdf:Description>\n</rdf:RDF>\n")  # fmt: skip
    (tmp_path / "ok.rdf").write_text(doc)
    r = run("query", "--data", str(tmp_path / "ok.rdf"), "--format", "csv", "SELECT ?o { ?s ?p ?o }")
    assert r.exit_code == 0 and r.stdout == "o\nx & y\n"


# --------------------------------------------------------------------------------------------
# What is shown on a terminal


ESCAPES = "\x1b]0;pwned\x07\x1b[2J\rFake\u202eevil"
IN_YAML = "\\e]0;pwned\\a\\e[2J\\rFake\\u202eevil"  # the same, as escapes in a double-quoted YAML string


def test_control_characters_in_data_are_escaped_in_tables_but_kept_in_data_formats(tmp_path):
    """A label with ESC/OSC/CR sequences, shown by `query` on a terminal, set the window title and
    cleared the screen."""
    source = write_small(tmp_path / "in", SMALL_ANNOTATION.replace("label: The army shelled Idlib.",
                                                                   f'label: "Shelled {IN_YAML}"', 1))  # fmt: skip
    out = tmp_path / "out"
    assert run("build", str(source), "-o", str(out), "-q").exit_code == 0
    sparql = "SELECT ?l WHERE { ?c a <https://w3id.org/ld-export/ontology#Claim> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(STRSTARTS(?l, 'Shelled')) }"  # noqa: E501
    table = run("query", "--data", str(out), sparql).stdout
    assert table.splitlines()[2] == "Shelled \\x1b]0;pwned\\x07\\x1b[2J\\rFake\\u202eevil"
    assert not any(c in table for c in "\x1b\x07\r\u202e")
    csv = run("query", "--data", str(out), "--format", "csv", sparql).stdout
    assert csv == f'l\n"Shelled {ESCAPES}"\n'  # the data as it is (the runner shows CRLF as LF)


def test_control_characters_in_an_error_message_are_escaped(tmp_path):
    source = write_small(tmp_path / "in", SMALL_ANNOTATION.replace('evidence: "told Reuters"',
                                                                   f'evidence: "told {IN_YAML}"'))  # fmt: skip
    r = run("build", str(source), "-o", str(tmp_path / "out"))
    assert r.exit_code == 2
    assert "told \\x1b]0;pwned\\x07\\x1b[2J\\rFake\\u202eevil" in r.stderr
    assert not any(c in r.stderr for c in "\x1b\x07\r\u202e")


@pytest.mark.parametrize(
    ("quote", "difference"),
    [
        ("We saw the shells fall", None),
        ("We sa\u0301w the shells fall", None),  # an accent the text lacks: other words, not another form
        ("caf\u00e9 on the corner", "the article has “e\u0301” decomposed (NFD) at offset 109: U+0065 LATIN SMALL "
         "LETTER E + U+0301 COMBINING ACUTE ACCENT, where the quote has U+00E9 LATIN SMALL LETTER E WITH ACUTE"),
        ("the shells\u200b fall", "the quote has U+200B ZERO WIDTH SPACE (invisible) at its offset 10, which the "
         "article does not have"),
        ("said on Monday", "the article has U+00AD SOFT HYPHEN (invisible) at offset 57, which the quote does not "
         "have"),
    ],
    ids=["found", "another-letter", "nfd-in-the-text", "zero-width-in-the-quote", "soft-hyphen-in-the-text"],
)  # fmt: skip
def test_a_quote_that_differs_only_in_unicode_form_names_the_difference(tmp_path, quote, difference):
    """The error showed two strings that look identical."""
    text = SMALL_TEXT.replace("in March.", "in March at the cafe\u0301 on the corner.")
    text = text.replace("on Monday", "on Mon\u00adday")
    annotation = SMALL_ANNOTATION.replace('quote: "We saw the shells fall"', f'quote: "{quote}"')
    r = run("build", str(write_small(tmp_path / "in", annotation, text)), "-o", str(tmp_path / "out"), "-q")
    if difference is None:
        assert "look the same" not in r.stderr
        assert r.exit_code == (0 if quote == "We saw the shells fall" else 2), r.output
        return
    assert r.exit_code == 2
    assert f"The words are there, written with other characters that look the same: {difference}. Copy the quote" \
           in r.stderr, r.stderr  # fmt: skip


# --------------------------------------------------------------------------------------------
# The README's list of promises names these tests


def test_the_readme_promises_name_tests_that_exist():
    """Every test the README's "What ld-export promises" names (a trailing * names a family) exists."""
    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## What ld-export promises") : readme.index("## Where things are")]
    named = set(re.findall(r"`(test_\w+\*?)`", section))
    defined = set(re.findall(r"^def (test_\w+)", "\n".join(p.read_text() for p in (root / "tests").glob("test_*.py")),
                             re.M))  # fmt: skip

    def exists(name: str) -> bool:
        return any(d.startswith(name[:-1]) for d in defined) if name.endswith("*") else name in defined

    missing = sorted(n for n in named if not exists(n))
    assert len(named) == 29 and missing == [], missing
