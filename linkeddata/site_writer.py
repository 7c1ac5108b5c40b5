"""Writing a site all or nothing, reusing what did not change.

:class:`SiteWriter` stages every file in a hidden folder inside the site and moves them into place
in :meth:`SiteWriter.commit`; a run that fails leaves the site as it was. The manifest
(``SITE/.ld-export-site/manifest.json``) records each file it wrote (SHA-256, size, modification
time) and a key for each group of pages: a file whose bytes did not change is not written again,
and a group whose key did not change is kept as it is. Like a build, the writer removes or
replaces only files it wrote (a name in the way is an :class:`~linkeddata.errors.InputError`),
and the manifest lists every file before anything moves, so that a publish killed while moving
leaves nothing the next one does not own. One publish at a time holds the site's lock.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import posixpath
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import InputError, LdExportError
from .layout import write_file

SITE_DIR = ".ld-export-site"
MANIFEST_NAME = "manifest.json"
FORMAT = 1  # of the manifest and of the pages: another value reuses nothing


class SiteWriter:
    """Files for the site, staged in a hidden folder inside it and moved into place by :meth:`commit`.

    Worker processes write into the same staging folder through a :meth:`part` of the writer and
    hand back what they wrote (:meth:`merge`)."""

    PREFIX = ".ld-export-staging."

    def __init__(self, site: Path, staging: Path | None = None, old: dict | None = None):
        self.site = site
        self._lock = None
        if staging is None:
            try:
                (site / SITE_DIR).mkdir(parents=True, exist_ok=True)
                self._lock = open(site / SITE_DIR / "lock", "w")  # noqa: SIM115 - held until commit or discard
            except OSError as e:
                raise InputError(f"cannot write the site folder: {e.strerror or e}", site) from None
            try:
                fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                self._lock.close()
                raise InputError("another publish is writing into this folder; wait for it to finish", site) from None
            try:
                for stale in site.glob(self.PREFIX + "*"):  # left by a publish that was killed
                    shutil.rmtree(stale, ignore_errors=True)
                staging = Path(tempfile.mkdtemp(prefix=self.PREFIX, dir=site))
            except OSError as e:
                self._lock.close()
                raise InputError(f"cannot write the site folder: {e.strerror or e}", site) from None
        self.staging = staging
        self._folders: set[str] = set()  # folders of the staging folder this writer made
        self.old = old if old is not None else _load_manifest(site)
        self.files: dict[str, list] = {}  # path → [sha256, size, mtime_ns] (filled in on commit)
        self.staged: list[str] = []
        self.keys: dict[str, list] = {}
        self.base = ""  # the build's base IRI, recorded for `serve --site`
        self.tool = ""  # the digest of the templates and ld-export that render the pages

    def part(self) -> SiteWriter:
        """A writer into the same staging folder, for one worker's share of the pages."""
        return SiteWriter(self.site, self.staging, self.old)

    def merge(self, files: dict[str, list], staged: list[str], keys: dict[str, list]) -> None:
        for path in files:
            if path in self.files:
                raise LdExportError(f"the site would write {path} twice")
        self.files.update(files)
        self.staged.extend(staged)
        self.keys.update(keys)

    def unchanged(self, path: str, digest: str) -> bool:
        old = self.old["files"].get(path)
        return bool(old and old[0] == digest and _stat(self.site / path) == old[1:])

    def put(self, path: str, data: bytes) -> None:
        digest = hashlib.sha256(data).hexdigest()
        if path in self.files:
            raise LdExportError(f"the site would write {path} twice")
        self.files[path] = [digest]
        if self.unchanged(path, digest):
            return
        target = self.staging / path
        folder = posixpath.dirname(path)
        if folder not in self._folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(folder)
        target.write_bytes(data)
        self.staged.append(path)

    def keep(self, paths: Iterable[str]) -> None:
        """Keep files of the previous site as they are (a reused article's pages)."""
        for path in paths:
            self.files[path] = [self.old["files"][path][0]]

    def intact(self, paths: Iterable[str]) -> bool:
        return all(path in self.old["files"] and _stat(self.site / path) == self.old["files"][path][1:]
                   for path in paths)  # fmt: skip

    def commit(self) -> int:
        """Move every staged file into place, remove the files of the previous site that this one
        does not have, and record what is there. Returns how many files were removed.

        Before anything moves, the manifest lists every file the site will hold (as not to be
        reused): a publish killed while moving leaves no file that the next one does not own."""
        owned = set(self.old["files"])
        for path in self.staged:
            target = self.site / path
            if path not in owned and (target.exists() or target.is_symlink()):
                self.discard()
                raise InputError(
                    "is in the way: the site would write a file there that an earlier publish did not write; "
                    "move it away, or publish into another folder (-o)",
                    target,
                )
        gone = sorted(owned - set(self.files))
        journal = {**self.old["files"], **{path: ["", 0, 0] for path in self.staged}}
        try:
            _save_manifest(self.site, {"files": journal, "keys": {}, "base": self.base, "digest": self.tool})
            os.sync()
            for path in self.staged:
                target = self.site / path
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(self.staging / path, target)
            for path in gone:
                (self.site / path).unlink(missing_ok=True)
                _prune(self.site, posixpath.dirname(path))
        except OSError as e:
            raise InputError(f"cannot write the site folder: {e.strerror or e}", self.site) from None
        finally:
            self.discard()
        for path, record in self.files.items():
            record[1:] = _stat(self.site / path) or [0, 0]
        _save_manifest(self.site, {"files": self.files, "keys": self.keys, "base": self.base, "digest": self.tool})
        return len(gone)

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
        if self._lock is not None:
            self._lock.close()
            self._lock = None

    def __getstate__(self):  # a worker's copy holds no lock
        return {**self.__dict__, "_lock": None}


def _stat(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def _prune(site: Path, folder: str) -> None:
    """Remove folders left empty by removed files, up to the site root."""
    while folder:
        try:
            (site / folder).rmdir()
        except OSError:
            return
        folder = posixpath.dirname(folder)


def _load_manifest(site: Path) -> dict:
    try:
        data = json.loads((site / SITE_DIR / MANIFEST_NAME).read_text(encoding="utf-8"))
        if data.get("format") == FORMAT and isinstance(data.get("files"), dict):
            files = {p: r for p, r in data["files"].items()
                     if isinstance(p, str) and _safe_path(p) and isinstance(r, list) and len(r) == 3}  # fmt: skip
            return {"files": files, "keys": data.get("keys") if isinstance(data.get("keys"), dict) else {},
                    "digest": data.get("digest")}  # fmt: skip
    except (OSError, ValueError, AttributeError):
        pass
    return {"files": {}, "keys": {}, "digest": None}


def _save_manifest(site: Path, manifest: dict) -> None:
    folder = site / SITE_DIR
    folder.mkdir(exist_ok=True)
    write_file(folder / MANIFEST_NAME, json.dumps({"format": FORMAT, **manifest}, sort_keys=True).encode("utf-8"))


def _safe_path(path: str) -> bool:
    parts = path.split("/")
    return all(p and p not in (".", "..") and "\\" not in p and "\0" not in p for p in parts)
