"""The README's console examples, run as a reader would run them.

Every ```` ```console ```` block of README.md is a session: each line that starts with ``$ `` is a
command, and the lines under it, up to the next command or the end of the block, are what it
prints (standard output and standard error together, as a terminal shows them). The commands of
all blocks run in the README's order, with bash, in one temporary copy of the repository (the
checkout without its build folders, caches, virtual environment and node_modules), each taking
what the earlier ones left (``ld-export build`` writes the ``dist/`` that ``ld-export validate
dist/*.ttl`` reads). The output of each must be what the README shows, after a small
normalisation, so that the README stays readable:

- sizes: ``(897,460 bytes)`` stands for any number of bytes;
- ports: 7877, 7878 and 7879 stand for free loopback ports, picked for the run (in the commands and in
  what they print);
- a line ``…`` alone stands for any number of lines;
- the path of the temporary copy is dropped from what commands print (paths read as the README
  gives them), and spaces at the end of a line do not count.

A command that is still running once it has printed what the README shows is a server: it keeps
running while the examples after it run, and is stopped at the end as Ctrl-C stops it. Installs
(``pip install``) belong in ```` ```sh ```` blocks, which are not run.
On a difference the test shows the command, the README's line and the whole output, ready to paste.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from stores import free_port

ROOT = Path(__file__).parents[1]
README = ROOT / "README.md"
# Not part of the copy: what builds, tests and tools leave in a checkout.
IGNORED = shutil.ignore_patterns(
    ".git", ".venv", "node_modules", "__pycache__", "*.egg-info", ".pytest_cache", ".ruff_cache", ".hypothesis",
    "dist", "corpus-dist", "my-articles", "my-store", "new", "out", ".ld-export-cache",
)  # fmt: skip
PORTS = ("7877", "7878", "7879")
TIMEOUT = 120.0  # seconds for one command
SERVER_GRACE = 1.0  # seconds a command may take to end after it printed all it should


@dataclass
class Example:
    command: str
    expected: list[str]
    line: int  # of the command in README.md


def examples(text: str) -> list[Example]:
    """The commands of the README's console blocks with the output shown under each."""
    found: list[Example] = []
    block = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("```"):
            block = line.strip() == "```console"
            continue
        if not block:
            continue
        if line.startswith("$ "):
            found.append(Example(line[2:], [], number))
        elif found and found[-1].line < number:
            found[-1].expected.append(line.rstrip())
    for example in found:
        while example.expected and not example.expected[-1]:
            example.expected.pop()
    return found


_SIZE = re.compile(r"\(\d[\d,]* bytes\)")


def normal(line: str) -> str:
    return _SIZE.sub("(N bytes)", line.rstrip())


def matches(expected: list[str], actual: list[str]) -> bool:
    """``expected`` (where ``…`` is any number of lines) against ``actual``, line by line."""
    if not expected:
        return not actual
    if expected[0] == "…":
        return any(matches(expected[1:], actual[i:]) for i in range(len(actual) + 1))
    return bool(actual) and normal(expected[0]) == normal(actual[0]) and matches(expected[1:], actual[1:])


class Running:
    """A command started with bash; its output is collected as it comes."""

    def __init__(self, command: str, cwd: Path, env: dict[str, str]):
        self.proc = subprocess.Popen(
            ["bash", "-c", command], cwd=cwd, env=env, start_new_session=True,
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )  # fmt: skip
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for raw in self.proc.stdout:
            self.lines.append(raw.decode("utf-8", errors="replace").rstrip("\n"))

    def wait(self, expected: list[str], clean) -> bool:
        """Wait until the command ends (True) or has printed ``expected`` and keeps running (False)."""
        deadline = time.monotonic() + TIMEOUT
        shown_at = None
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self._reader.join(timeout=10)
                return True
            if expected and matches(expected, clean(self.lines)):
                shown_at = shown_at or time.monotonic()
                if time.monotonic() - shown_at >= SERVER_GRACE:
                    return False
            else:
                shown_at = None
            time.sleep(0.05)
        self.stop()
        raise AssertionError(f"still running after {TIMEOUT} s; it printed: {self.lines}")

    def stop(self) -> None:
        """Stop the command (its whole process group) as Ctrl-C does."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGINT)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)


def test_readme_console_examples_print_what_the_readme_shows(tmp_path):
    copy = tmp_path / "ld-export"
    shutil.copytree(ROOT, copy, ignore=IGNORED, symlinks=True)
    ports = {port: str(free_port()) for port in PORTS}

    def with_ports(text: str) -> str:
        for port, free in ports.items():
            text = re.sub(rf"\b{port}\b", free, text)
        return text

    def without_ports(text: str) -> str:
        for port, free in ports.items():
            text = re.sub(rf"\b{free}\b", port, text)
        return text

    def clean(lines: list[str]) -> list[str]:
        out = [line.replace(f"{copy}/", "").replace(str(copy), ".") for line in lines]
        while out and not out[-1].strip():
            out.pop()
        return out

    env = {k: v for k, v in os.environ.items() if not k.startswith("LD_EXPORT_")}
    env |= {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        "LC_ALL": "C.UTF-8",  # the order in which the shell expands dist/*.ttl
        "PYTHONUNBUFFERED": "1",
        "NETRC": str(tmp_path / "no-netrc"),
        "COLUMNS": "100",
    }
    servers: list[Running] = []
    differences: list[str] = []
    try:
        for example in examples(README.read_text(encoding="utf-8")):
            # An install would change the environment the tests themselves run in.
            assert not example.command.startswith("pip "), f"README.md:{example.line}: put installs in a sh block"
            expected = with_ports("\n".join(example.expected)).split("\n") if example.expected else []
            run = Running(with_ports(example.command), copy, env)
            if not run.wait(expected, clean):
                servers.append(run)
            actual = clean(run.lines)
            if not matches(expected, actual):
                shown = [without_ports(line) for line in actual]
                differences.append(
                    f"README.md:{example.line}: $ {example.command}\n"
                    + (f"exit code {run.proc.returncode}\n" if run.proc.returncode else "")
                    + "--- the README shows:\n" + "\n".join(example.expected)
                    + "\n--- it printed:\n" + "\n".join(shown)
                )  # fmt: skip
    finally:
        for server in servers:
            server.stop()
    if differences:
        pytest.fail("\n\n".join(differences), pytrace=False)
