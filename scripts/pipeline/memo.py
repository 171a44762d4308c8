"""Memos of the render stage's pure functions: a result kept by its arguments, for the life of the process (`make
serve` regenerates at every save) and, for `make site`, between runs (build/cache/rendu/, one folder of shards per
memo: scripts/pipeline/shards.py).

Only pure functions of hashable values are memoized (a search document's scores, an author text as Markdown):
the same arguments give the same result, and the results are read, never changed, by their callers. The results
stored between runs are valid for one fingerprint of the pipeline's code and schemas (cache.fingerprint): a change
to either starts from empty memos. A run keeps on disk only what it used, so the memos follow the library.
"""

from __future__ import annotations

import functools
import hashlib
import pickle
from collections.abc import Callable
from pathlib import Path

from . import shards

# What stored_result gives when nothing is kept for a key.
MISSING = object()
# By name: the memos saved between runs (the function's module and name). A memo of the process only is not listed.
MEMOS: dict[str, Memo] = {}


class Memo:
    def __init__(self, function: Callable, limit: int, key: Callable | None, saved: bool) -> None:
        functools.update_wrapper(self, function)
        self.function = function
        self.limit = limit
        self.key = key
        self.saved = saved
        self.results: dict = {}
        self.used: set = set()
        self.computed: set = set()
        # What the folder of this memo holds (shards.read): its shards are read when first needed, and a save
        # rewrites only the shards that changed.
        self.stored: shards.Stored | None = None

    def __call__(self, *arguments):
        return self.result_for_key(arguments if self.key is None else self.key(*arguments), *arguments)

    def result_for_key(self, key: object, *arguments):
        """As calling the memo, with the key already computed (by a caller who needs it too)."""
        result = self.stored_result(key)
        if result is MISSING:
            if len(self.results) >= self.limit:
                # Rare (a library far larger than the limit): start again rather than track ages.
                self.results.clear()
            result = self.results[key] = self.function(*arguments)
            self.computed.add(key)
        # What a run used is what it saves; a memo of the process only saves nothing.
        if self.saved:
            self.used.add(key)
        return result

    def stored_result(self, key: object) -> object:
        """The result kept for `key`, in the process or in a shard not read yet (read now), or MISSING; not counted
        as used."""
        if key in self.results:
            return self.results[key]
        stored = self.stored
        if stored is None or shards.shard_of(key) in stored.shards:
            return MISSING
        self.results.update(shards.read_shard(stored, shards.shard_of(key)))
        return self.results.get(key, MISSING)

    def start_run(self) -> None:
        self.used = set()
        self.computed = set()


class Carried:
    """What a run leaves to the next, by key (an index the next run patches instead of building it whole), saved
    beside the memos for the same fingerprint, in shards read when first needed. Whoever reads it must give the
    result a run without it gives: it is a starting point, checked by its reader, never an answer."""

    def __init__(self, name: str) -> None:
        self.stored = shards.Stored()
        self.dirty: set[int] = set()
        CARRIED[name] = self

    def _shard(self, key: str) -> dict:
        return self._shard_number(shards.shard_of(key))

    def get(self, key: str) -> object:
        return self._shard(key).get(key)

    def values(self, prefix: str) -> dict:
        """Every entry whose key starts with `prefix` (every shard read)."""
        return {key: value for number in range(shards.SHARDS) for key, value in self._shard_number(number).items()
                if key.startswith(prefix)}

    def _shard_number(self, number: int) -> dict:
        if number not in self.stored.shards:
            shards.read_shard(self.stored, number)
        return self.stored.shards[number]

    def put(self, key: str, value: object) -> None:
        """None removes the entry."""
        shard = self._shard(key)
        if value is None:
            shard.pop(key, None)
        else:
            shard[key] = value
        self.dirty.add(shards.shard_of(key))

    def replace(self, entries: dict) -> None:
        """Everything at once: what was carried before is dropped."""
        self.stored.shards = {number: {} for number in range(shards.SHARDS)}
        for key, value in entries.items():
            self.stored.shards[shards.shard_of(key)][key] = value
        self.dirty = set(range(shards.SHARDS))

    def attach(self, folder: Path, stamp: str) -> None:
        self.stored = shards.read(folder, stamp, lazy=True)
        self.dirty = set()

    def save(self) -> None:
        if self.stored.folder is None:
            return
        for number in sorted(self.dirty):
            shards.save_shard(self.stored.folder, self.stored.stamp, number, self.stored.shards.get(number, {}))
        self.dirty = set()


CARRIED: dict[str, Carried] = {}


def memoized(limit: int = 1 << 16, key: Callable | None = None, saved: bool = True) -> Callable[[Callable], Memo]:
    """`key`: what the result is kept by, from the arguments (by default the arguments themselves): a digest keeps
    the file small when the arguments are long texts. `saved`: False keeps the memo in the process only (`make
    serve`), for results cheaper to compute than to read back."""
    def decorate(function: Callable) -> Memo:
        memo = Memo(function, limit, key, saved)
        if saved:
            MEMOS[f"{function.__module__}.{function.__qualname__}"] = memo
        return memo
    return decorate


def text_digest(text: str) -> bytes:
    """A key for a long text (collisions are out of reach: 128 bits)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def value_digest(*values: object) -> bytes:
    """A key for records and the values gathered around them (dataclasses, tuples, dicts of the data), through
    pickle, twice as fast as repr: values that differ always give different bytes (type, order and content are all
    written), so a key never stands for another value; two equal values written differently only cost a miss."""
    return hashlib.blake2b(pickle.dumps(values, protocol=5), digest_size=16).digest()


# value_digest of each record object met this run (records are immutable), kept with the record so that its id is
# never reused by another object while it is here; emptied at the start of each run.
_RECORD_DIGESTS: dict[int, tuple[object, bytes]] = {}


def record_digest(record: object) -> bytes:
    """value_digest of one record, computed once per run although several memos are kept by it."""
    entry = _RECORD_DIGESTS.get(id(record))
    if entry is None or entry[0] is not record:
        entry = _RECORD_DIGESTS[id(record)] = (record, value_digest(record))
    return entry[1]


def start_run() -> None:
    _RECORD_DIGESTS.clear()
    for memo in MEMOS.values():
        memo.start_run()


def changed() -> bool:
    """Whether this run computed anything, or left unused something the memos hold, or changed what it carries to
    the next run: worth saving again."""
    return (any(memo.computed or len(memo.used) != len(memo.results) for memo in MEMOS.values())
            or any(carried.dirty for carried in CARRIED.values()))


def _folder(folder: Path, name: str) -> Path:
    return folder / name


def load(folder: Path, stamp: str) -> None:
    """Attach the memos to the shards the last runs wrote for `stamp`, each read when a key it holds is first
    needed (an index patched for one changed card needs two shards of the search scores, not the 64); shards of
    another stamp, or unreadable, are left out (their results are computed again)."""
    for name, memo in MEMOS.items():
        memo.stored = shards.read(_folder(folder, name), stamp, lazy=True)
    for name, carried in CARRIED.items():
        carried.attach(_folder(folder, name), stamp)


def save(folder: Path, stamp: str) -> None:
    """What this run used, by shard: only the shards whose keys changed are written, each atomically (an interrupted
    run never leaves half a shard); a shard this run never read stays as it is."""
    for name, memo in MEMOS.items():
        used = {key: memo.results[key] for key in memo.used if key in memo.results}
        memo.stored = shards.write(_folder(folder, name), stamp, used, memo.stored, memo.computed & used.keys(),
                                   keep_unread=True)
    for name, carried in CARRIED.items():
        # Only into the folder and for the fingerprint it was read from (load): never another project's.
        if carried.stored.folder == _folder(folder, name) and carried.stored.stamp == stamp:
            carried.save()
