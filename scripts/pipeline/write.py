"""Write generated files: only those whose content changed, each atomically, and remove stale ones.

Rewriting an unchanged file would make `mkdocs serve` rebuild forever, and a half-written page must never
be left behind.
"""

from __future__ import annotations

import os
import tempfile
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


def write_tree(base: Path, files: dict[str, str | bytes], owned_dirs: tuple[str, ...]) -> WriteReport:
    """Make the owned folders of `base` hold exactly `files` (paths relative to base): text, or bytes for files copied
    as they are (the editor's vendored packages)."""
    written, removed, unchanged = [], [], 0
    for relative, content in sorted(files.items()):
        target = base / relative
        try:
            current = target.read_bytes() if isinstance(content, bytes) else target.read_text(encoding="utf-8")
            if current == content:
                unchanged += 1
                continue
        except (FileNotFoundError, UnicodeDecodeError):
            pass
        write_atomic(target, content)
        written.append(relative)
    wanted = {Path(relative) for relative in files}
    for folder in owned_dirs:
        for existing in sorted((base / folder).rglob("*")):
            if existing.is_file() and existing.relative_to(base) not in wanted:
                existing.unlink()
                removed.append(existing.relative_to(base).as_posix())
    return WriteReport(tuple(written), tuple(removed), unchanged)
