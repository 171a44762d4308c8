"""Dictionaries pickled on disk in shards (build/cache/): a run that changes a few entries rewrites a few small files
instead of one large one. At 10,000 cards the build cache and the render memos weigh about 60 MB each: written whole
at every run, they cost a tenth of an incremental build.

Every shard file carries the fingerprint it was written for; one that cannot be read or was written for another
fingerprint is ignored (its entries are computed again), never used.
"""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .write import write_atomic

SHARDS = 64
FORMAT = 1


def shard_of(key: object) -> int:
    """Keys are digests (bytes), tuples that start with one, or names (str): a digest's first byte is already spread."""
    first = key[0] if isinstance(key, tuple) and key else key
    if isinstance(first, bytes) and first:
        return first[0] % SHARDS
    return zlib.crc32(str(first).encode("utf-8", "surrogatepass")) % SHARDS


@dataclass
class Stored:
    """What a folder held for one fingerprint: the usable shards, and every shard file found (usable or not)."""

    folder: Path | None = None
    stamp: str = ""
    shards: dict[int, dict] = field(default_factory=dict)
    files: set[int] = field(default_factory=set)

    def entries(self) -> dict:
        return {key: value for shard in self.shards.values() for key, value in shard.items()}


def _path(folder: Path, number: int) -> Path:
    return folder / f"{number:02d}.pickle"


def _present(folder: Path) -> set[int]:
    return {number for number in range(SHARDS) if _path(folder, number).exists()}


def read(folder: Path, stamp: str, lazy: bool = False) -> Stored:
    """Every shard of the folder, or with `lazy` none yet: read_shard reads one when it is first needed."""
    stored = Stored(folder, stamp, files=_present(folder))
    if not lazy:
        for number in sorted(stored.files):
            read_shard(stored, number)
    return stored


def read_shard(stored: Stored, number: int) -> dict:
    """The entries of one shard, read into `stored` (empty when missing, unreadable, of another fingerprint, or when
    `stored` has no folder)."""
    content = _load(_path(stored.folder, number)) if number in stored.files else None
    usable = (isinstance(content, dict) and content.get("format") == FORMAT and content.get("fingerprint") == stored.stamp
              and isinstance(content.get("entries"), dict))
    stored.shards[number] = content["entries"] if usable else {}
    return stored.shards[number]


_MISSING = object()


def _load(path: Path) -> object:
    try:
        with path.open("rb") as stream:
            return pickle.load(stream)
    except FileNotFoundError:
        return _MISSING
    except Exception:  # noqa: BLE001 - a corrupt or foreign shard is only a slower run
        return None


def write(folder: Path, stamp: str, entries: dict, stored: Stored | None, changed: Iterable = (),
          keep_unread: bool = False) -> Stored:
    """Make the folder hold `entries` for `stamp`, rewriting only the shards that differ from `stored` (what `read`
    found there): another set of keys, or a key in `changed` (computed again this run). With `keep_unread`, a shard
    `stored` never read and holding none of `entries` is left as it is (a lazy reader used none of it). Returns what
    the folder now holds."""
    if stored is None or stored.folder != folder or stored.stamp != stamp:
        stored = Stored(folder, stamp, files=_present(folder))
    split: dict[int, dict] = {}
    for key, value in entries.items():
        split.setdefault(shard_of(key), {})[key] = value
    rewrite = {shard_of(key) for key in changed}
    kept = {number for number in stored.files if number not in stored.shards and number not in split} if keep_unread else set()
    for number in sorted((set(split) | stored.files) - kept):
        content = split.get(number, {})
        old = stored.shards.get(number)
        if number not in rewrite and old is not None and old.keys() == content.keys():
            continue
        save_shard(folder, stamp, number, content)
    return Stored(folder, stamp, split, set(split) | kept)


def save_shard(folder: Path, stamp: str, number: int, entries: dict) -> None:
    """One shard written atomically, or removed when it holds nothing."""
    if entries:
        write_atomic(_path(folder, number), pickle.dumps({"format": FORMAT, "fingerprint": stamp, "entries": entries},
                                                         protocol=pickle.HIGHEST_PROTOCOL))
    else:
        _path(folder, number).unlink(missing_ok=True)
