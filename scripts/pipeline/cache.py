"""The build cache (build/cache/, git-ignored): what reading and checking each data file produced, keyed by the
file's bytes, so that a run reads and checks only the files that changed.

Every entry is valid for one fingerprint: the schemas and vocabularies, and the pipeline's own code. A cache that
cannot be read, that another fingerprint wrote, or whose entry does not match a file's bytes is not used for it:
never a wrong result, only a slower run. The rules across records always run on the whole set.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from . import shards
from .problems import Problem

FORMAT = 1
FILES = Path("build/cache/fichiers")       # one folder of shards (scripts/pipeline/shards.py)
PAGES = Path("build/cache/pages")          # what write_tree last wrote in docs/ (size, time, digest per page; shards)
RENDER = Path("build/cache/rendu")          # the render stage's memos (scripts/pipeline/memo.py), a folder each
GZIP = Path("build/cache/gzip")            # the compressed pieces of the site's large files (publication/prepare.py)
INLINE = Path("build/cache/code-en-ligne")   # the publication step's inline code, per built page (shards)
_PIPELINE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class FileResult:
    """What one data file gave: its data (None when it did not load), its own problems, whether the rules across
    records may read it, and the acronym-like tokens of its texts."""

    data: object
    problems: tuple[Problem, ...]
    usable: bool
    acronyms: tuple = ()


def digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def fingerprint(schemas_raw: dict) -> str:
    """What every entry depends on besides its file: the schemas (vocabularies included) and the pipeline's code."""
    hasher = hashlib.sha256(f"{FORMAT}".encode())
    hasher.update(json.dumps(schemas_raw, sort_keys=True, ensure_ascii=False).encode())
    for module in sorted(_PIPELINE.rglob("*.py")):
        hasher.update(module.relative_to(_PIPELINE).as_posix().encode())
        hasher.update(module.read_bytes())
    return hasher.hexdigest()


def read(folder: Path, expected: str) -> shards.Stored:
    """Entries by file (path from the project root → digest of its bytes, result): `.entries()`; empty when unusable."""
    return shards.read(folder, expected)


def write(folder: Path, stamp: str, entries: dict[str, tuple[str, FileResult]], stored: shards.Stored | None = None,
          changed: Iterable[str] = ()) -> shards.Stored:
    """Only the shards that changed since `stored` (what `read` gave), each atomically: an interrupted run never
    leaves half a shard behind. `changed`: the files read and checked again this run."""
    return shards.write(folder, stamp, entries, stored, changed)
