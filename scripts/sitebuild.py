"""`make site`: generate, then build the site with MkDocs, clean or incrementally, and swap it in atomically.

An incremental build reuses the last site: MkDocs' `--dirty` rebuilds only the pages whose Markdown generation
rewrote (write_tree leaves the others untouched), and the pages of removed records are deleted here. It is used
only when nothing else that shapes every page changed since the last good build: mkdocs.yml, the theme overrides,
the hand-written pages and assets, the tool, the pinned packages, and the acronym dictionary (every page's
tooltips). Otherwise, or with `--complet`, the build is clean. Both give the same site, byte for byte (tested).

The new site is built beside the old one (build/site-nouveau: for an incremental build, a hard-linked copy of site/
made from the site before it, build/site-precedent) and swapped in only on success: a failed generation or build
leaves the last good site in place, and says so. The publication
step (scripts/publication/) runs on the new site before the swap; with hard links shared with the last site, every
file it writes is written anew (a new file renamed over the old name), never changed in place.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from .pipeline import registry
from .pipeline.paths import page_url
from .pipeline.render.acronyms import DICTIONARY
from .pipeline.write import walk, write_atomic

SITE = "site"
NEW = Path("build/site-nouveau")
# The site the last incremental build replaced, kept to start the next one from (scripts/sitebuild.py, mirror).
SPARE = Path("build/site-precedent")
STAMP = Path("build/cache/site.json")
# What shapes every page besides its own Markdown: a change to any of these makes the next build a clean one.
SHAPING = ("mkdocs.yml", "requirements.txt", "overrides", "scripts")


def _hash_tree(hasher, path: Path, root: Path) -> None:
    files = sorted(path.rglob("*")) if path.is_dir() else [path]
    for file in files:
        if file.is_file() and "__pycache__" not in file.parts:
            hasher.update(file.relative_to(root).as_posix().encode() + b"\0" + file.read_bytes() + b"\0")


def shaping_stamp(root: Path) -> str:
    """A digest of everything that shapes every page: see SHAPING, the hand-written part of docs/ and the acronym
    dictionary."""
    hasher = hashlib.sha256()
    for name in SHAPING:
        if (root / name).exists():
            _hash_tree(hasher, root / name, root)
    docs = root / "docs"
    for path in sorted(docs.iterdir()) if docs.is_dir() else []:
        if path.name not in registry.GENERATED_DIRS:
            _hash_tree(hasher, path, root)
    if (root / DICTIONARY).exists():
        _hash_tree(hasher, root / DICTIONARY, root)
    return hasher.hexdigest()


def _read_stamp(root: Path) -> str:
    """The stamp of the last good build, or "" when site/ is no longer the site it built: another tool (`make
    zensical`, a `mkdocs build` by hand) wrote its own site there, which an incremental build must not start from."""
    try:
        stored = json.loads((root / STAMP).read_text(encoding="utf-8"))
        return stored["stamp"] if stored.get("accueil") == _home_status(root) else ""
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return ""


def _home_status(root: Path) -> list[int] | None:
    """Size and modification time of the home page that the last build wrote (any other build rewrites it)."""
    try:
        status = (root / SITE / "index.html").stat()
    except OSError:
        return None
    return [status.st_size, status.st_mtime_ns]


def site_outputs(generated: str) -> list[str]:
    """What a generated file of docs/ becomes in the site: a page's index.html, or the file itself."""
    if generated.endswith(".md"):
        return [page_url(generated) + "index.html"]
    return [generated]


def _mkdocs(root: Path, target: Path, dirty: bool) -> int:
    """MkDocs in strict mode; only its warnings and errors are shown. Not `--quiet`: MkDocs then drops warnings
    before its strict mode can count them, and a broken link would pass."""
    # An incremental build runs MkDocs through scripts/hook/incremental.py, which writes every file anew.
    mkdocs = [sys.executable, "-m", "scripts.hook.incremental"] if dirty else [str(Path(sys.executable).parent / "mkdocs")]
    command = [*mkdocs, "build", "--strict", "-d", str(target), *(["--dirty"] if dirty else [])]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    built = subprocess.run(command, cwd=root, env=environment, check=False, capture_output=True, text=True)
    for line in (built.stdout + built.stderr).splitlines():
        if not line.startswith("INFO"):
            print(line, file=sys.stderr)
    return built.returncode


def _entries(folder: Path) -> dict[str, tuple[bool, int]]:
    """Every entry under `folder` by its path from it: (is a folder, inode of a file)."""
    return {path: (True, 0) if entry.is_dir(follow_symlinks=False) else (False, entry.stat(follow_symlinks=False).st_ino)
            for path, entry in walk(folder)}


def mirror(source: Path, target: Path) -> None:
    """Make `target` hold every file of `source` as a hard link, touching only what differs: a file whose inode is
    already the source's stays. From the site before the last one, a few dozen links instead of copying 24,000
    (and deleting as many afterwards), three seconds of a build at 10,000 cards."""
    wanted = _entries(source)
    present = _entries(target) if target.is_dir() else {}
    target.mkdir(parents=True, exist_ok=True)
    # Deepest first: a folder's content goes before the folder.
    for path, (is_dir, inode) in sorted(present.items(), reverse=True):
        if wanted.get(path) != (is_dir, inode):
            if is_dir:
                shutil.rmtree(target / path)
            else:
                (target / path).unlink()
    for path, (is_dir, inode) in sorted(wanted.items()):
        if is_dir:
            (target / path).mkdir(exist_ok=True)
        elif present.get(path) != (False, inode):
            os.link(source / path, target / path)


def build_site(root: Path, removed: tuple[str, ...], complete: bool = False,
               finish: Callable[[Path], bool] | None = None) -> tuple[bool, str]:
    """Build site/ from the generated pages (`removed`: generated files this run deleted), then run `finish` on the new
    site before it is swapped in (the publication step; False fails the build). Returns (built, how)."""
    site, new, spare = root / SITE, root / NEW, root / SPARE
    shutil.rmtree(new, ignore_errors=True)
    stamp = shaping_stamp(root)
    dirty = not complete and site.is_dir() and _read_stamp(root) == stamp
    if dirty:
        # Hard links: the hook writes every rebuilt file anew, so the last site keeps its own files if this build
        # fails. The site before it, kept by the last build, already shares all but the files that build rewrote.
        if spare.is_dir():
            spare.rename(new)
        mirror(site, new)
        for generated in removed:
            for output in site_outputs(generated):
                # With its compressed copy, if the publication step wrote one.
                for stale in (output, output + ".gz"):
                    (new / stale).unlink(missing_ok=True)
    else:
        shutil.rmtree(spare, ignore_errors=True)
    (root / STAMP).unlink(missing_ok=True)
    if _mkdocs(root, new, dirty) != 0 or (finish is not None and not finish(new)):
        shutil.rmtree(new, ignore_errors=True)
        return False, "incrémentale" if dirty else "complète"
    if site.is_dir():
        site.rename(spare)
    new.rename(site)
    if not dirty:
        # A clean build shares nothing with the site it replaces: kept, it would only take room.
        shutil.rmtree(spare, ignore_errors=True)
    write_atomic(root / STAMP, json.dumps({"stamp": stamp, "accueil": _home_status(root)}) + "\n")
    return True, "incrémentale" if dirty else "complète"
