"""The per-article stage on a running Dask cluster (``ld-export build --scheduler ADDRESS``).

Each article is one Dask task, :func:`remote_article`: it reads the article's text and annotation
from the path the client gives (absolute: the workers must see the corpus at the same path, a
shared folder or a network file system), builds, validates and serialises it, and returns its
:class:`~linkeddata.pipeline.worker.Built` with its files and parts as bytes. The worker writes
nothing: the client writes what comes back into its own staging folder, so the output folder
needs to be seen by the client only. Everything that sees the whole corpus (the registries, read
once by the client and sent once to the cluster; identity across articles, disputes, the dataset
files, the store) stays in the client, as in a local build, and the output is the same, byte for
byte.

A worker that dies is Dask's to handle: the scheduler runs its tasks again on another worker (up to
``distributed.scheduler.allowed-failures`` times per task, 3 by default), and the registries,
which are the result of a task of their own, are made again where they were lost.

Dask is an optional dependency (``pip install 'ld-export[dask]'``), imported only here and only
when a build is given a scheduler.
"""

from __future__ import annotations

import pickle
import socket
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from ..errors import ClusterError, InputError
from .sources import Registries, Source
from .worker import Built, Job, Progress, make_article, write_outputs

CONNECT_TIMEOUT = 10.0  # seconds to reach the scheduler, and then to see its first worker
INSTALL = "pip install 'ld-export[dask]'"


def connect(address: str) -> Any:
    """A ``distributed.Client`` of the scheduler at ``address`` (``[tcp://]HOST:PORT``) that has
    at least one worker. Raises :class:`ClusterError` when Dask is not installed, the address is
    not one, or nothing answers there in :data:`CONNECT_TIMEOUT` seconds."""
    try:
        import distributed
        from distributed.comm import get_address_host_port, normalize_address
    except ImportError:
        raise ClusterError(f"building on a Dask cluster (--scheduler) needs Dask, which is not installed: "
                           f"{INSTALL} installs it") from None  # fmt: skip
    try:
        get_address_host_port(normalize_address(address))
    except ValueError as e:
        raise ClusterError(f"'{address}' is not the address of a Dask scheduler ({e}); give it as "
                           "tcp://HOST:PORT, as `dask scheduler` prints it") from None  # fmt: skip
    try:
        client = distributed.Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as e:
        raise ClusterError(f"no Dask scheduler answers at {address} ({' '.join(str(e).split())}): start one "
                           f"with `dask scheduler` and workers with `dask worker {address}`, or build without "
                           "--scheduler; nothing was written") from None  # fmt: skip
    try:
        client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError):
        client.close()
        raise ClusterError(f"the Dask scheduler at {address} has no worker (none came in {CONNECT_TIMEOUT:g} s): "
                           f"start some with `dask worker {address}`; nothing was written") from None  # fmt: skip
    except BaseException:
        client.close()
        raise
    return client


def registries_of(blob: bytes) -> Registries:
    """A Dask task: the client's registries, unpickled once per worker that needs them."""
    return pickle.loads(blob)  # noqa: S301 - the client's own pickle, sent through the scheduler


def remote_article(job: Job, registries: Registries) -> tuple[Built, dict[str, bytes]]:
    """A Dask task: one article built on a worker, its files and parts returned, nothing written."""
    for path in (job.source.text, job.source.annotation):
        if not path.is_file():
            raise InputError(f"the Dask worker on {socket.gethostname()} cannot read this file: the workers "
                             "read the articles at the path the client gives, so the corpus must be in a folder "
                             "they share with it, at the same path", path)  # fmt: skip
    return make_article(job, registries)


def _shared(job: Job) -> Job:
    """The job as a worker receives it: absolute paths, as the client sees them."""
    source = Source(job.source.text.absolute(), job.source.annotation.absolute())
    return replace(job, source=source, registry_path=job.registry_path.resolve())


def run_on_cluster(todo: list[Job], registries: Registries, address: str, say: Progress,
                   advance: Callable[[int, int], None] | None) -> Iterator[Built]:  # fmt: skip
    """Build the articles of ``todo`` on the Dask cluster at ``address``; their files and parts
    are written into each job's staging folder here, by the client. Results in order."""
    if not todo:
        return
    client = connect(address)
    futures: list[Any] = []
    try:
        from distributed import KilledWorker, as_completed

        workers = len(client.scheduler_info(n_workers=-1)["workers"])
        say(f"building {len(todo)} articles on the Dask cluster at {address} ({workers} worker(s))")
        build_id = uuid.uuid4().hex[:12]  # keys of this build's tasks, distinct from any other's
        shared = Registries({path.resolve(): registry for path, registry in registries.read.items()})
        remote_registries = client.submit(registries_of, pickle.dumps(shared), key=f"ld-export-registries-{build_id}")
        futures = [client.submit(remote_article, _shared(job), remote_registries, pure=False,
                                 key=f"ld-export-article-{build_id}-{i}")
                   for i, job in enumerate(todo)]  # fmt: skip
        index = {f.key: i for i, f in enumerate(futures)}
        done: dict[int, Built] = {}
        finished = following = 0  # results come back in any order, and are yielded in order
        for future in as_completed(futures, loop=client.loop):
            i = index[future.key]
            try:
                built, outputs = future.result()
            except KilledWorker as e:
                raise ClusterError(f"the Dask workers building {todo[i].source.slug} died, one after the other, "
                                   f"as often as the scheduler allows ({e}); nothing was written",
                                   todo[i].source.text) from None  # fmt: skip
            futures[i] = future = None  # dropped: the cluster forgets the result
            write_outputs(todo[i].staging, outputs)
            done[i] = built
            finished += 1
            if advance:
                advance(finished, len(todo))
            elif finished == len(todo) or finished % 500 == 0:
                say(f"[{finished}/{len(todo)}] articles built")
            while following in done:
                yield done.pop(following)
                following += 1
    finally:
        client.cancel([f for f in futures if f is not None])
        client.close()

