"""The build cache (build/cache/, git-ignored): what reading and checking each data file produced, keyed by the
file's bytes, so that a run reads and checks only the files that changed.

Every entry is valid for one fingerprint: the schemas and vocabularies, and the pipeline's own code. A cache that
cannot be read, that another fingerprint wrote, or whose entry does not match a file's bytes is not used for it:
never a wrong result, only a slower run. The rules across records always run on the whole set.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from dataclasses import dataclass
from pathlib import Path

from .problems import Problem
from .write import write_atomic

FORMAT = 1
FILES = Path("build/cache/fichiers.pickle")
PAGES = Path("build/cache/pages.json")   # what write_tree last wrote in docs/ (size, time, digest per page)
RENDER = Path("build/cache/rendu.pickle")   # the render stage's memos (scripts/pipeline/memo.py)
INLINE = Path("build/cache/code-en-ligne.json")   # the publication step's inline code, per built page's digest
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


def read(path: Path, expected: str) -> dict[str, tuple[str, FileResult]]:
    """Entries by file (path from the project root → digest of its bytes, result); empty when unusable."""
    try:
        with path.open("rb") as stream:
            stored = pickle.load(stream)
        if not isinstance(stored, dict) or stored.get("fingerprint") != expected:
            return {}
        entries = stored["entries"]
        return entries if isinstance(entries, dict) else {}
    except Exception:  # noqa: BLE001 - a corrupt or foreign cache is only a slower run
        return {}


def write(path: Path, stamp: str, entries: dict[str, tuple[str, FileResult]]) -> None:
    """Atomically: an interrupted run never leaves half a cache behind."""
    write_atomic(path, pickle.dumps({"fingerprint": stamp, "entries": entries}, protocol=pickle.HIGHEST_PROTOCOL))
