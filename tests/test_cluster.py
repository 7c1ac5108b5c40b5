"""`ld-export build --scheduler ADDRESS`: the articles built on a Dask cluster, with the same output.

Every cluster here is a ``distributed.LocalCluster`` of worker processes on 127.0.0.1, closed (its
processes stopped) when the test or the module ends, whether it passed or failed.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import distributed
import pytest
from click.testing import CliRunner
from conftest import CORPUS, free_port

import linkeddata
from linkeddata.cli import main
from linkeddata.errors import AnchorError, ClusterError, InputError
from linkeddata.pipeline import BuildOptions, cluster
from linkeddata.pipeline.sources import Registries, Source
from linkeddata.pipeline.worker import Job

MAKE_CORPUS = Path(__file__).resolve().parent.parent / "benchmarks" / "make_corpus.py"


def local_cluster():
    return distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                    dashboard_address="127.0.0.1:0", scheduler_port=0)  # fmt: skip


@pytest.fixture(scope="module")
def dask_cluster():
    with local_cluster() as c:
        yield c


def output(folder: Path) -> dict[str, bytes]:
    """Every file a build wrote, with its bytes, except the embedded store (whose database files
    carry their own identifiers) and the cache; the store's quads under the name ``store``."""
    import pyoxigraph

    files = {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
             if p.is_file() and not {"store", ".ld-export-cache"} & set(p.relative_to(folder).parts)}  # fmt: skip
    if (folder / "store").is_dir():
        store = pyoxigraph.Store.read_only(str(folder / "store"))
        files["store"] = "\n".join(sorted(str(q) for q in store)).encode("utf-8")
    return files


def clients(c) -> set[str]:
    return {name for name in c.scheduler.clients if name != "fire-and-forget"}


def test_a_build_on_a_cluster_is_byte_identical_to_a_local_one(dask_cluster, corpus_build, tmp_path):
    local_result, local = corpus_build
    messages, steps = [], []
    before = clients(dask_cluster)
    result = linkeddata.build([CORPUS], tmp_path / "out", scheduler=dask_cluster.scheduler_address,
                              progress=messages.append, advance=lambda *step: steps.append(step))  # fmt: skip
    mine, theirs = output(tmp_path / "out"), output(local)
    assert sorted(mine) == sorted(theirs)
    assert len(mine) == 14  # 3 articles × 3 files, dataset.nq, dataset.trig, void.ttl, shacl-report.ttl, store
    assert [name for name in mine if mine[name] != theirs[name]] == []
    assert result.counts == local_result.counts
    assert messages[0] == f"building 3 articles on the Dask cluster at {dask_cluster.scheduler_address} (2 worker(s))"
    assert steps == [(1, 3), (2, 3), (3, 3)]
    assert clients(dask_cluster) == before  # the build's client is closed


def test_progress_without_a_bar_counts_the_articles(dask_cluster, tmp_path):
    messages = []
    linkeddata.build([CORPUS], tmp_path / "out", scheduler=dask_cluster.scheduler_address, store=False,
                     progress=messages.append)  # fmt: skip
    assert "[3/3] articles built" in messages


def test_where_the_articles_are_built_is_not_part_of_the_cache_key(dask_cluster, corpus_build, tmp_path):
    assert BuildOptions(scheduler="tcp://127.0.0.1:8786").output_key() == BuildOptions().output_key()
    out = tmp_path / "out"
    shutil.copytree(corpus_build[1], out)
    result = linkeddata.build([CORPUS], out, scheduler=dask_cluster.scheduler_address)
    assert result.reused == 3
    shutil.rmtree(out)
    linkeddata.build([CORPUS], out, scheduler=dask_cluster.scheduler_address)
    assert linkeddata.build([CORPUS], out).reused == 3  # and back


def test_an_error_in_an_article_reads_as_in_a_local_build(dask_cluster, tmp_path):
    src = tmp_path / "in"
    shutil.copytree(CORPUS, src)
    yaml = src / "great-lakes-dispatch-2012-m23-takes-goma.yaml"
    text = yaml.read_text(encoding="utf-8")
    quote = next(line.split("quote:", 1)[1].strip() for line in text.splitlines() if "quote:" in line)
    yaml.write_text(text.replace(quote, '"words that are not in the article"', 1), encoding="utf-8")
    with pytest.raises(AnchorError) as local:
        linkeddata.build([src], tmp_path / "local")
    before = clients(dask_cluster)
    with pytest.raises(AnchorError) as remote:
        linkeddata.build([src], tmp_path / "remote", scheduler=dask_cluster.scheduler_address)
    assert str(remote.value) == str(local.value)
    assert str(remote.value).startswith(f"{yaml}:")
    assert not (tmp_path / "remote").exists()  # a failed build leaves no trace
    assert clients(dask_cluster) == before


def test_a_worker_writes_nothing_and_says_when_it_cannot_read_the_article(tmp_path):
    registry = CORPUS / "registry.yaml"
    registries = Registries()
    registries(registry)
    slug = "levant-ledger-2015-pentagon-denies-assad-ban"
    source = Source(CORPUS / f"{slug}.txt", CORPUS / f"{slug}.yaml")
    nowhere = tmp_path / "no-such-staging-folder"
    built, outputs = cluster.remote_article(Job(source, registry, BuildOptions(), nowhere, "key"), registries)
    assert sorted(outputs) == [f"{slug}.jsonld", f"{slug}.nt", f"{slug}.ttl",
                               f"parts/{slug}.nquads", f"parts/{slug}.trig", f"parts/{slug}.void"]  # fmt: skip
    assert built.entry.graph_iri.endswith(slug)
    assert not nowhere.exists()
    missing = Source(tmp_path / "elsewhere" / f"{slug}.txt", tmp_path / "elsewhere" / f"{slug}.yaml")
    with pytest.raises(InputError) as e:
        cluster.remote_article(Job(missing, registry, BuildOptions(), nowhere, "key"), registries)
    assert e.value.file == str(missing.text)
    assert "a folder they share with it, at the same path" in str(e.value)


# --------------------------------------------------------------------------------------------
# A worker that dies

KILLED_CORPUS = 12  # articles: enough that some are still being built after the second one is done


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    corpus = tmp_path_factory.mktemp("synthetic") / "corpus"
    subprocess.run([sys.executable, str(MAKE_CORPUS), str(KILLED_CORPUS), str(corpus), "--seed", "5"], check=True,
                   capture_output=True)  # fmt: skip
    return corpus


def killer(client, when: int, killed: dict):
    """An ``advance`` that kills, after ``when`` articles, a worker process that is building one."""
    pids = client.run(os.getpid)

    def advance(done: int, _total: int) -> None:
        if done == when:
            busy = {w: keys for w, keys in client.processing().items() if keys}
            worker = sorted(busy)[0]
            os.kill(pids[worker], signal.SIGKILL)
            # the tasks the scheduler had given the worker when it died: those of just before, and any it was
            # given between that look and the kill (the scheduler has not yet seen the death)
            late = client.processing().get(worker, ())
            killed.update(pid=pids[worker], keys=(*busy[worker], *(k for k in late if k not in busy[worker])))

    return advance


def test_a_worker_killed_during_a_build_changes_nothing_of_the_output(synthetic, tmp_path):
    corpus = synthetic
    linkeddata.build([corpus], tmp_path / "local", jobs=2, store=False)
    with local_cluster() as c, distributed.Client(c, set_as_default=False) as client:
        killed: dict[str, object] = {}
        linkeddata.build([corpus], tmp_path / "cluster", scheduler=c.scheduler_address, store=False,
                         advance=killer(client, 2, killed))  # fmt: skip
        assert killed["keys"]  # articles were being built on the worker when it died
        assert all(str(k).startswith("ld-export-article-") for k in killed["keys"])
        client.wait_for_workers(2, timeout=30)
        assert killed["pid"] not in client.run(os.getpid).values()  # the nanny started another
    mine, theirs = output(tmp_path / "cluster"), output(tmp_path / "local")
    assert len(mine) == KILLED_CORPUS * 3 + 4
    assert [name for name in sorted(theirs) if mine.get(name) != theirs[name]] == []
    assert sorted(mine) == sorted(theirs)


def test_an_article_whose_workers_keep_dying_stops_the_build_naming_it(synthetic, tmp_path):
    import dask

    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), local_cluster() as c, \
            distributed.Client(c, set_as_default=False) as client:  # fmt: skip
        killed: dict[str, object] = {}
        with pytest.raises(ClusterError) as e:
            linkeddata.build([synthetic], tmp_path / "out", scheduler=c.scheduler_address, store=False,
                             advance=killer(client, 1, killed))  # fmt: skip
        assert clients(c) == {client.id}
    slug = str(e.value.file).rsplit("/", 1)[-1].removesuffix(".txt")
    assert any(str(k).endswith(f"-{sorted(p.stem for p in synthetic.glob('*.txt')).index(slug)}")
               for k in killed["keys"])  # fmt: skip
    assert str(e.value).startswith(f"{synthetic / slug}.txt: the Dask workers building {slug} died, one after the "
                                   "other, as often as the scheduler allows (")  # fmt: skip
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------------------------------
# Errors from the command line: one paragraph, exit 2, earlier output untouched


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_an_unreachable_scheduler_is_named_and_nothing_changes(corpus_build, tmp_path, monkeypatch):
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 1.0)
    out = tmp_path / "out"
    shutil.copytree(corpus_build[1], out)
    before = output(out)
    address = f"tcp://127.0.0.1:{free_port()}"
    r = run("build", str(CORPUS), "-o", str(out), "--no-reuse", "--scheduler", address)
    assert r.exit_code == 2
    assert r.stderr.startswith(f"Error: no Dask scheduler answers at {address} (Timed out trying to connect to "
                               f"{address} after 1 s): start one with `dask scheduler`")  # fmt: skip
    assert "Traceback" not in r.output
    assert output(out) == before
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".ld-export-staging")) == []
    fresh = tmp_path / "fresh"
    assert run("build", str(CORPUS), "-o", str(fresh), "--scheduler", address).exit_code == 2
    assert not fresh.exists()


def test_an_address_that_is_not_one(tmp_path):
    r = run("build", str(CORPUS), "-o", str(tmp_path / "out"), "--scheduler", "my-scheduler")
    assert r.exit_code == 2
    assert r.stderr == ("Error: 'my-scheduler' is not the address of a Dask scheduler (missing port number "
                        "in address 'my-scheduler'); give it as tcp://HOST:PORT, as `dask scheduler` prints it\n")
    assert not (tmp_path / "out").exists()


def test_without_dask_the_message_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed → ImportError
    r = run("build", str(CORPUS), "-o", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:8786")
    assert r.exit_code == 2
    assert r.stderr == ("Error: building on a Dask cluster (--scheduler) needs Dask, which is not installed: "
                        "pip install 'ld-export[dask]' installs it\n")  # fmt: skip
    assert not (tmp_path / "out").exists()


def test_a_scheduler_without_workers_is_named(tmp_path, monkeypatch):
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 1.0)
    with distributed.LocalCluster(n_workers=0, processes=False, protocol="tcp", host="127.0.0.1",
                                  dashboard_address="127.0.0.1:0", scheduler_port=0) as empty:  # fmt: skip
        r = run("build", str(CORPUS), "-o", str(tmp_path / "out"), "--scheduler", empty.scheduler_address)
        assert clients(empty) == set()
    assert r.exit_code == 2
    assert r.stderr == (f"Error: the Dask scheduler at {empty.scheduler_address} has no worker (none came in 1 s): "
                        f"start some with `dask worker {empty.scheduler_address}`; nothing was written\n")
    assert not (tmp_path / "out").exists()
