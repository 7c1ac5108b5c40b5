"""Where things are, and how files are read and written: one home for each such fact.

- :class:`BuildLayout` names every file and folder of a build folder (``dataset.nq``,
  ``void.ttl``, ``store/``, ``.ld-export-cache/manifest.json`` …); nothing else spells them.
- :func:`registry_for` is the one rule for the registry an article uses (build and draft alike).
- :func:`read_rdf` is the one RDF reader: format from the extension, JSON-LD that refers to other
  documents and RDF/XML that declares entities refused, any parser error one readable paragraph.
- :func:`write_files` (and :func:`write_file`) is the one atomic writer, and :class:`Staging` the
  folder in which a build gathers its files before they all go into place at once.

A failed write or a bad file is an :class:`~linkeddata.errors.InputError` naming the path.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import shutil
import stat
import sys
import tempfile
import xml.parsers.expat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, URIRef

from . import resources
from .errors import InputError

# --------------------------------------------------------------------------------------------
# The build folder


@dataclass(frozen=True)
class BuildLayout:
    """The files and folders of the build in ``out``."""

    out: Path

    DATASET_STEM = "dataset"
    NQUADS = DATASET_STEM + ".nq"
    TRIG = DATASET_STEM + ".trig"
    DESCRIPTION_STEM = "void"
    DESCRIPTION = DESCRIPTION_STEM + ".ttl"
    REPORT = "shacl-report.ttl"
    FAILED_REPORT = "shacl-report.failed.ttl"
    STORE = "store"
    STORE_MARK = "ld-export.sha256"  # inside store/: the SHA-256 of the void.ttl the store holds
    CACHE = ".ld-export-cache"
    MANIFEST = "manifest.json"
    OWNED = "owned.json"
    LOCK = "lock"
    STAGING_PREFIX = ".ld-export-staging."
    DATASET_FILES = (NQUADS, TRIG)  # the whole build's data, in the order readers prefer them

    @property
    def nquads(self) -> Path:
        return self.out / self.NQUADS

    @property
    def trig(self) -> Path:
        return self.out / self.TRIG

    @property
    def description(self) -> Path:
        return self.out / self.DESCRIPTION

    @property
    def report(self) -> Path:
        return self.out / self.REPORT

    @property
    def store(self) -> Path:
        return self.out / self.STORE

    @property
    def store_mark(self) -> Path:
        return self.store / self.STORE_MARK

    @property
    def cache(self) -> Path:
        return self.out / self.CACHE

    @property
    def manifest(self) -> Path:
        return self.cache / self.MANIFEST

    @property
    def owned(self) -> Path:
        return self.cache / self.OWNED

    @property
    def lock(self) -> Path:
        return self.cache / self.LOCK

    @classmethod
    def dataset_names(cls, extension: str, count: int) -> list[str]:
        """The names of a dataset file with ``extension`` (``.nq``) in ``count`` parts:
        ``dataset.nq`` alone, else ``dataset-0001.nq`` and on, with at least four digits."""
        if count <= 1:
            return [cls.DATASET_STEM + extension]
        return cls._numbered(cls.DATASET_STEM, extension, count)

    @classmethod
    def description_part_names(cls, count: int) -> list[str]:
        """The files that describe the articles when the dataset files are in ``count`` parts:
        none for one part (``void.ttl`` describes them itself), else ``void-0001.ttl`` and on, one
        for each part of the dataset files, whose articles it describes; ``void.ttl`` then
        describes the dataset and names them."""
        return [] if count <= 1 else cls._numbered(cls.DESCRIPTION_STEM, ".ttl", count)

    @staticmethod
    def _numbered(stem: str, extension: str, count: int) -> list[str]:
        width = max(4, len(str(count)))
        return [f"{stem}-{i:0{width}d}{extension}" for i in range(1, count + 1)]

    def _found_parts(self, stem: str, extension: str) -> list[Path]:
        """The files ``STEM-0001EXT`` and on in the folder, in the order of their numbers."""
        numbered = re.compile(rf"{stem}-(\d{{4,}}){re.escape(extension)}")
        found = {int(m.group(1)): p for p in self.out.glob(f"{stem}-*{extension}") if (m := numbered.fullmatch(p.name))}
        return [found[i] for i in sorted(found)]

    def dataset(self) -> list[Path]:
        """The build's dataset files (:meth:`dataset_names`): ``dataset.nq`` or its parts in order,
        else the same in TriG; none when the folder holds none."""
        for whole in self.DATASET_FILES:
            if (self.out / whole).is_file():
                return [self.out / whole]
            found = self._found_parts(self.DATASET_STEM, whole[len(self.DATASET_STEM) :])
            if found:
                return found
        return []

    def descriptions(self) -> list[Path]:
        """The build's description: ``void.ttl`` and the parts it names
        (:meth:`description_part_names`), in order; none when the folder holds no ``void.ttl``."""
        if not self.description.is_file():
            return []
        return [self.description, *self._found_parts(self.DESCRIPTION_STEM, ".ttl")]

    def require_dataset(self) -> list[Path]:
        """:meth:`dataset`, or an error saying that the folder holds no build."""
        found = self.dataset()
        if not found:
            raise InputError(f"no {self.NQUADS} or {self.TRIG} here (nor their parts); run `ld-export build` first",
                             self.out)  # fmt: skip
        return found

    @classmethod
    def is_whole_build_file(cls, name: str) -> bool:
        """Files of a build folder that are not article data (the description, the SHACL reports)."""
        return (name == cls.DESCRIPTION or name.startswith("shacl-report")
                or re.fullmatch(rf"{cls.DESCRIPTION_STEM}-\d{{4,}}\.ttl", name) is not None)  # fmt: skip


# --------------------------------------------------------------------------------------------
# The registry an article uses

REGISTRY_NAME = "registry.yaml"


def registry_for(article: Path, explicit: str | Path | None = None) -> Path:
    """The registry for the article ``article`` (its text file): ``explicit`` if given, else the
    ``registry.yaml`` beside the article, else the bundled registry."""
    if explicit is not None:
        return Path(explicit)
    local = Path(article).parent / REGISTRY_NAME
    return local if local.is_file() else bundled_registry()


def bundled_registry() -> Path:
    return resources.seeds_dir() / REGISTRY_NAME


# --------------------------------------------------------------------------------------------
# Reading RDF

RDF_FORMATS = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "nt",
    ".ntriples": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".trig": "trig",
    ".nq": "nquads",
    ".nquads": "nquads",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
    ".n3": "n3",
}
QUAD_FORMATS = frozenset({"trig", "nquads"})


def rdf_format(path: Path) -> str:
    """rdflib's name of the format of ``path``, from its extension."""
    fmt = RDF_FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(RDF_FORMATS))
        raise InputError(f"unknown RDF file extension {path.suffix!r}; known: {known}", path)
    return fmt


def read_rdf(path: Path, into: Dataset | None = None) -> Graph:
    """Parse the RDF file ``path``, its format from its extension.

    Without ``into``: one graph, the union of a dataset file's graphs. With ``into`` (a dataset):
    a TriG or N-Quads file's graphs go in as they are, a file of triples into a graph named by the
    file's URI; ``into`` is returned."""
    path = Path(path)
    fmt = rdf_format(path)
    if not path.is_file():
        raise InputError("no such file", path)
    if fmt == "json-ld":
        check_inline_contexts(path)
    elif fmt == "xml":
        check_no_entities(path)
    try:
        if into is not None:
            if fmt in QUAD_FORMATS:
                into.parse(path, format=fmt)
            else:
                into.graph(URIRef(path.resolve().as_uri())).parse(path, format=fmt)
            return into
        if fmt in QUAD_FORMATS:
            ds = Dataset()
            ds.parse(path, format=fmt)
            graph = Graph()
            for s, p, o, _g in ds.quads((None, None, None, None)):
                graph.add((s, p, o))
            return graph
        return Graph().parse(path, format=fmt)
    except Exception as e:  # noqa: BLE001 - every parser error becomes one readable paragraph
        detail = " ".join(str(e).split())
        raise InputError(f"not valid {fmt}: {detail[:400]}", path) from None


def check_inline_contexts(path: Path) -> None:
    """Refuse a JSON-LD document whose ``@context`` (or an ``@import`` in it) names another document.

    rdflib's JSON-LD parser fetches such contexts from the web or the file system, with no way to
    turn that off; ld-export reads only self-contained documents (as ``ld-export build`` writes).
    """
    try:
        todo = [json.loads(path.read_text(encoding="utf-8"))]
    except (OSError, ValueError, RecursionError) as e:  # a UnicodeDecodeError is a ValueError
        raise InputError(f"not valid JSON: {' '.join(str(e).split())[:300]}", path) from None
    while todo:
        node = todo.pop()
        if isinstance(node, list):
            todo.extend(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key in ("@context", "@import"):
                    for ref in value if isinstance(value, list) else [value]:
                        if isinstance(ref, str):
                            raise InputError(
                                f"the JSON-LD {key} {ref!r} refers to another document, which ld-export "
                                f"never fetches; embed the context in the file instead",
                                path,
                            )
                todo.append(value)


class _Prolog(Exception):
    """Raised by the scan of an XML prolog: ``line`` and ``entity`` when an entity is declared."""

    def __init__(self, line: int | None = None, entity: str | None = None):
        self.line, self.entity = line, entity


def check_no_entities(path: Path) -> None:
    """Refuse an XML document that declares entities (``<!ENTITY …>`` in its DOCTYPE).

    RDF/XML needs none, and the XML parser expands them all: ten nested entities in a file of a
    kilobyte stand for a billion copies of a word (the "billion laughs"), which takes minutes and
    gigabytes to parse; an external entity reads a file or a URL. Declarations can only come
    before the first element, so the scan stops there.
    """

    def declared(name, *_args):
        raise _Prolog(parser.CurrentLineNumber, name)

    def element(*_args):
        raise _Prolog()

    parser = xml.parsers.expat.ParserCreate()
    parser.EntityDeclHandler = declared
    parser.StartElementHandler = element
    try:
        with path.open("rb") as f:
            parser.ParseFile(f)
    except _Prolog as e:
        if e.entity is not None:
            raise InputError(
                f"the XML declares the entity '{e.entity}'; ld-export reads RDF/XML without entity declarations "
                "(entities can expand a small file into gigabytes, or read other files)",
                path, e.line,
            ) from None  # fmt: skip
    except (OSError, xml.parsers.expat.ExpatError):
        pass  # the RDF/XML reader reports it


# --------------------------------------------------------------------------------------------
# Writing files, all or nothing


def check_file_name(name: str, directory: Path) -> None:
    """A name to write must be a plain file name: nothing is ever written outside ``directory``."""
    if not name or name in (".", "..") or Path(name).name != name or "\0" in name or "\\" in name:
        raise InputError(f"{name!r} is not a plain file name; output stays inside the output folder", directory)


def write_files(directory: Path, files: Mapping[str, bytes], remove: Iterable[str] = ()) -> list[Path]:
    """Write ``files`` (name → bytes) into ``directory`` all or nothing; then delete ``remove``.

    Each file goes to a temporary file in the same folder (``.NAME.XXXXXXXX.tmp``: hidden, and no
    RDF extension), is flushed to disk, and is renamed over its target only after every file has
    been written. A name must be a plain file name: nothing is ever written outside ``directory``.
    """
    remove = list(remove)
    for name in [*files, *remove]:
        check_file_name(name, directory)
    staged: list[tuple[str, Path]] = []
    name = ""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=directory)
            staged.append((name, Path(tmp)))
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, 0o644)
        written = []
        for name, tmp in staged:
            target = directory / name
            os.replace(tmp, target)
            written.append(target)
        for name in remove:
            (directory / name).unlink(missing_ok=True)
    except OSError as e:
        raise InputError(f"cannot write {name or 'the output folder'}: {e.strerror or e}", directory) from None
    finally:
        for _name, tmp in staged:
            tmp.unlink(missing_ok=True)  # left only when something failed
    return written


def check_target(path: Path) -> None:
    """Refuse, before any work is done, a file to write whose folder does not exist (a typo in a
    path must not create folders) or that is a folder."""
    if not path.parent.is_dir():
        raise InputError(f"cannot write {path.name}: no such folder {path.parent}", path)
    if path.is_dir():
        raise InputError("cannot write the file: a folder has that name", path)


def write_file(path: Path, data: bytes) -> Path:
    """Write one file atomically (see :func:`write_files`), into a folder that exists."""
    check_target(path)
    return write_files(path.parent, {path.name: data})[0]


class Staging:
    """Files for ``directory``, written first into a hidden folder inside it
    (``.ld-export-staging.XXXXXXXX``) and moved into place together by :meth:`commit`; on
    :meth:`discard` (or any failure before the commit) the folder as it was stays untouched.
    Worker processes write into :attr:`path` directly."""

    PREFIX = BuildLayout.STAGING_PREFIX

    def __init__(self, directory: Path):
        try:
            directory.mkdir(parents=True, exist_ok=True)
            self.path = Path(tempfile.mkdtemp(prefix=self.PREFIX, dir=directory))
        except OSError as e:
            raise InputError(f"cannot write the output folder: {e.strerror or e}", directory) from None
        self.directory = directory
        self.names: list[str] = []

    def add(self, name: str) -> Path:
        """Register ``name`` (written to ``self.path / name`` by the caller) to go into place on commit."""
        check_file_name(name, self.directory)
        self.names.append(name)
        return self.path / name

    def put(self, name: str, data: bytes) -> Path:
        path = self.add(name)
        try:
            path.write_bytes(data)
        except OSError as e:
            raise InputError(f"cannot write {name}: {e.strerror or e}", self.directory) from None
        return self.directory / name

    def commit(self, remove: Iterable[str] = (), dirs: Iterable[str] = ()) -> list[Path]:
        """Put every staged file (and each staged folder in ``dirs``) in place of its target and
        delete the files ``remove``, all at once where the system allows (see :func:`swap_in`),
        else one rename after another, each file flushed to disk first."""
        remove, dirs = list(remove), list(dirs)
        for name in remove:
            check_file_name(name, self.directory)
        try:
            if not swap_in(self.directory, self.path, [*dirs, *self.names], remove):
                os.sync()  # one flush for every file, instead of an fsync per file
                for name in dirs:
                    target, old = self.directory / name, None
                    if target.exists():
                        old = Path(tempfile.mkdtemp(prefix=self.PREFIX, dir=self.directory)) / name
                        os.replace(target, old)
                    os.replace(self.path / name, target)
                    if old is not None:
                        shutil.rmtree(old.parent, ignore_errors=True)
                for name in self.names:
                    os.replace(self.path / name, self.directory / name)
                for name in remove:
                    (self.directory / name).unlink(missing_ok=True)
        except OSError as e:
            raise InputError(f"cannot write the output folder: {e.strerror or e}", self.directory) from None
        finally:
            self.discard()
        return [self.directory / name for name in self.names]

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


# --------------------------------------------------------------------------------------------
# Switching a whole folder at once

SWAP_INFIX = ".ld-export-swap."  # the next folder, then the old one: ``.NAME.ld-export-swap.XXXXXXXX`` beside it
_RENAME_EXCHANGE = 2  # from <linux/fs.h>
_AT_FDCWD = -100


@cache
def libc_function(name: str) -> Any | None:
    """The C library's function ``name`` (Linux only), or None where there is none. ctypes, which
    costs a few milliseconds to load, is loaded on the first call, not when the program starts."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        return getattr(ctypes.CDLL(None, use_errno=True), name)
    except (OSError, AttributeError):
        return None


@cache
def _renameat2() -> Any | None:
    """``renameat2`` (Linux, glibc 2.28 or later) with its argument types, or None."""
    import ctypes

    function = libc_function("renameat2")
    if function is not None:
        function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
        function.restype = ctypes.c_int
    return function


def exchange(a: Path, b: Path) -> None:
    """Swap two paths in one step (``renameat2`` with ``RENAME_EXCHANGE``): at no moment does
    either name point at nothing or at a mix. OSError where the system or the file system cannot."""
    function = _renameat2()
    if function is None:
        raise OSError(errno.ENOSYS, "no renameat2 here")
    if function(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) != 0:
        import ctypes  # loaded already, by the lookup

        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code), str(a))


def swap_prefix(directory: Path) -> str:
    """The name a switch of ``directory`` gives its next (then old) folder, beside it, less the random tail."""
    return "." + Path(os.path.realpath(directory)).name + SWAP_INFIX


def remove_swap_leftovers(directory: Path) -> None:
    """Remove what a switch of ``directory`` killed half-way left beside it (the caller holds the folder)."""
    real = Path(os.path.realpath(directory))
    prefix = swap_prefix(real)
    with contextlib.suppress(OSError):
        for entry in os.scandir(real.parent):
            if entry.name.startswith(prefix) and entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)


def swap_in(directory: Path, staged: Path, names: Iterable[str], remove: Iterable[str]) -> bool:
    """Switch ``directory`` to its next state in one step; False (and nothing changed) where
    that cannot be done here, for the caller to rename file by file instead.

    The next state is put together in a hidden folder beside ``directory``: hard links to every
    entry it keeps (folders linked file by file), the staged ``names`` (files or folders in
    ``staged``) linked over theirs, ``remove`` left out. It is flushed to disk, then exchanged with
    ``directory`` (:func:`exchange`), and the old folder deleted (anything that appeared in it
    meanwhile moved over first). A reader of the folder sees the
    old build or the new one, never files of both; a build killed before the exchange leaves the
    folder as it was, and one killed after it the new one (the next build removes the leftover).

    Not done, so False: off Linux; when ``directory`` is a mount point, is not owned by this user,
    or holds the current working folder (which would be left pointing at the old one); when its
    parent cannot be written or the file system cannot link or exchange."""
    if _renameat2() is None:
        return False
    real = Path(os.path.realpath(directory))
    try:
        here = Path(os.path.realpath(os.getcwd()))
        if here.is_relative_to(real) or os.path.ismount(real) or real.stat().st_uid != os.getuid():
            return False
        nxt = Path(tempfile.mkdtemp(prefix=swap_prefix(real), dir=real.parent))
    except OSError:
        return False
    names, staging_prefix = list(names), BuildLayout.STAGING_PREFIX
    skip = {*names, *remove}
    try:
        with os.scandir(real) as entries:
            keep = sorted((e for e in entries if e.name not in skip and not e.name.startswith(staging_prefix)),
                          key=lambda e: e.name)  # fmt: skip
        kept = [e.name for e in keep]
        _link_entries(keep, real, nxt)
        for name in names:
            _link(staged / name, nxt / name)
        os.chmod(nxt, stat.S_IMODE(real.stat().st_mode))
        os.sync()  # the new files and the links, all on disk before the switch
        exchange(nxt, real)
    except OSError:
        shutil.rmtree(nxt, ignore_errors=True)
        return False
    # Now ``nxt`` is the old folder. Whatever another program put into it while the next one was
    # being put together is moved over, not deleted with it.
    late: list[str] = []
    with contextlib.suppress(OSError), os.scandir(nxt) as entries:
        late = [e.name for e in entries if e.name not in skip and not e.name.startswith(staging_prefix)]
    for name in set(late) - set(kept):
        with contextlib.suppress(OSError):
            os.rename(nxt / name, real / name)
    shutil.rmtree(nxt, ignore_errors=True)
    return True


def _link_entries(entries: Iterable[os.DirEntry], source: Path, target: Path) -> None:
    """Each of ``entries`` (of the folder ``source``) into the folder ``target`` as by :func:`_link`.
    The links are made relative to the two folders' descriptors, from the types the folder's
    listing gave: a build of 10,000 articles keeps 30,000 files, each linked again in every build."""
    source_fd = os.open(source, os.O_RDONLY | os.O_DIRECTORY)
    try:
        target_fd = os.open(target, os.O_RDONLY | os.O_DIRECTORY)
        try:
            for entry in entries:
                if entry.is_file(follow_symlinks=False):
                    os.link(entry.name, entry.name, src_dir_fd=source_fd, dst_dir_fd=target_fd, follow_symlinks=False)
                else:
                    _link(source / entry.name, target / entry.name)
        finally:
            os.close(target_fd)
    finally:
        os.close(source_fd)


def _link(source: Path, target: Path) -> None:
    """``target`` as a hard link to the file ``source``, or a tree of links to the folder; a symbolic link copied."""
    if source.is_symlink():
        os.symlink(os.readlink(source), target)
    elif source.is_dir():
        shutil.copytree(source, target, symlinks=True, copy_function=os.link)
    else:
        os.link(source, target)
