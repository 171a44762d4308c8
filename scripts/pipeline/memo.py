"""Memos of the render stage's pure functions: a result kept by its arguments, for the life of the process (`make
serve` regenerates at every save) and, for `make site`, between runs (build/cache/rendu.pickle).

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

from .write import write_atomic

FORMAT = 1
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
        self.computed = 0

    def __call__(self, *arguments):
        key = arguments if self.key is None else self.key(*arguments)
        try:
            result = self.results[key]
        except KeyError:
            if len(self.results) >= self.limit:
                # Rare (a library far larger than the limit): start again rather than track ages.
                self.results.clear()
            result = self.results[key] = self.function(*arguments)
            self.computed += 1
        # What a run used is what it saves; a memo of the process only saves nothing.
        if self.saved:
            self.used.add(key)
        return result

    def start_run(self) -> None:
        self.used = set()
        self.computed = 0


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


def start_run() -> None:
    for memo in MEMOS.values():
        memo.start_run()


def changed() -> bool:
    """Whether this run computed anything, or left unused something the memos hold: worth saving again."""
    return any(memo.computed or len(memo.used) != len(memo.results) for memo in MEMOS.values())


def load(path: Path, stamp: str) -> None:
    """Fill the memos from the last run's file, when it was written for `stamp`; otherwise leave them as they are."""
    try:
        with path.open("rb") as stream:
            stored = pickle.load(stream)
        if not isinstance(stored, dict) or stored.get("format") != FORMAT or stored.get("fingerprint") != stamp:
            return
        for name, results in stored["memos"].items():
            if name in MEMOS and isinstance(results, dict):
                MEMOS[name].results.update(results)
    except Exception:  # noqa: BLE001 - a corrupt or foreign file is only a slower run
        return


def save(path: Path, stamp: str) -> None:
    """What this run used, atomically (an interrupted run never leaves half a file)."""
    memos = {name: {key: memo.results[key] for key in memo.used if key in memo.results} for name, memo in MEMOS.items()}
    write_atomic(path, pickle.dumps({"format": FORMAT, "fingerprint": stamp, "memos": memos},
                                    protocol=pickle.HIGHEST_PROTOCOL))
