"""Write generated files: only those whose content changed, each atomically, and remove stale ones.

Rewriting an unchanged file would make `mkdocs serve` rebuild forever, and a half-written page must never
be left behind.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class WriteReport:
    written: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: int


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# mkstemp makes private files (0600): a new page or a scaffolded card gets the mode any other new file would get
# (0644 with the usual umask), and a rewritten file keeps its own.
_NEW_FILE_MODE = 0o666 & ~_umask()


def write_atomic(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = _NEW_FILE_MODE
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        if isinstance(content, bytes):
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
        else:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(content)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _fingerprint(content: str | bytes) -> str:
    return hashlib.sha256(content if isinstance(content, bytes) else content.encode("utf-8")).hexdigest()


MANIFEST_STAMP = "manifeste-1"


def walk(folder: Path) -> Iterator[tuple[str, os.DirEntry]]:
    """Every entry under `folder` (none when it is missing), by its path from it in POSIX form, a folder before its
    content. Strings rather than Paths: at 10,000 cards, the 13,000 generated pages or the 24,000 files of the site
    made into Paths and compared cost a second each time."""
    stack = [""]
    while stack:
        relative = stack.pop()
        try:
            listing = os.scandir(os.path.join(folder, relative))
        except FileNotFoundError:
            continue
        with listing:
            for entry in listing:
                yield relative + entry.name, entry
                if entry.is_dir(follow_symlinks=False):
                    stack.append(relative + entry.name + "/")


def write_tree(base: Path, files: dict[str, str | bytes], owned_dirs: tuple[str, ...],
               manifest: Path | None = None) -> WriteReport:
    """Make the owned folders of `base` hold exactly `files` (paths relative to base): text, or bytes for files copied
    as they are (the editor's vendored packages).

    With a `manifest` (size, modification time and digest of every file as last written), a file whose size and time
    are those recorded is compared by digest instead of being read again: at 10,000 cards, reading every page back
    cost more than rendering the few that changed. A file edited since (other size or time) is read and compared.
    """
    from . import shards  # shards writes through write_atomic: imported here, not at the top

    # What write_tree last wrote (size, time, digest per file), in a folder of shards.
    stored = shards.read(manifest, MANIFEST_STAMP) if manifest else None
    known = stored.entries() if stored is not None else {}
    recorded: dict[str, list] = {}
    written, removed, unchanged = [], [], 0
    for relative, content in sorted(files.items()):
        target = os.path.join(base, relative)
        digest = _fingerprint(content)
        try:
            status = os.stat(target)
            entry = known.get(relative)
            if entry and entry[:2] == [status.st_size, status.st_mtime_ns]:
                same = entry[2] == digest
            else:
                with open(target, "rb") as stream:
                    raw = stream.read()
                same = (raw if isinstance(content, bytes) else raw.decode("utf-8")) == content
            if same:
                unchanged += 1
                recorded[relative] = [status.st_size, status.st_mtime_ns, digest]
                continue
        except (FileNotFoundError, UnicodeDecodeError):
            pass
        write_atomic(Path(target), content)
        written.append(relative)
        status = os.stat(target)
        recorded[relative] = [status.st_size, status.st_mtime_ns, digest]
    stale = [f"{folder}/{relative}" for folder in owned_dirs for relative, entry in walk(base / folder)
             if entry.is_file() and f"{folder}/{relative}" not in files]
    for relative in sorted(stale, key=lambda path: path.split("/")):
        os.unlink(os.path.join(base, relative))
        removed.append(relative)
    if manifest is not None and recorded != known:
        # Only the shards of the files written (or whose time changed) are written again.
        changed = [relative for relative, entry in recorded.items() if known.get(relative) != entry]
        shards.write(manifest, MANIFEST_STAMP, recorded, stored, changed)
    return WriteReport(tuple(written), tuple(removed), unchanged)
