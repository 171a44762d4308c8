"""Wires the stages for the CLI and the MkDocs hook: find files → load → validate → model → render → write.

Every collection comes from the registry (registry.py): nothing here names one.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import cache, memo, registry
from .cache import FileResult
from .editor_files import read_settings, read_vendored
from .load import LoadedFile, load_text, read_bytes, restore
from .model import Library
from .problems import Problem, is_error
from .render import acronyms, browse, editor, exports, reference, search
from .validate import Context, check_file, check_library
from .validate.acronyms import acronym_candidates
from .validate.schemas import Schemas
from .validate.schemas import load_schemas as _load_schemas
from .write import WriteReport, write_tree


def load_schemas(schema_dir: Path) -> Schemas:
    """The schemas, with a validator for each collection and for the allow-list."""
    kinds = {collection.name: collection.schema for collection in registry.COLLECTIONS}
    return _load_schemas(schema_dir, {**kinds, registry.ALLOW_LIST: registry.ALLOW_LIST_SCHEMA})


@dataclass(frozen=True)
class CheckResult:
    files: dict                     # collection name → files that passed their own checks
    problems: tuple[Problem, ...]
    file_count: int
    pages: tuple[tuple[str, str], ...] = ()   # hand-written pages (path from the project root, text), read once
    fingerprint: str = ""           # of the schemas and the pipeline's code (cache.fingerprint), computed once

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(problem for problem in self.problems if is_error(problem))


def find_data_files(root: Path) -> dict[str, list[Path]]:
    """Every data file of every collection, by collection name, in file-name order."""
    return {collection.name: sorted((root / collection.folder).glob("*.yml")) for collection in registry.COLLECTIONS}


def hand_written_pages(root: Path) -> list[Path]:
    docs = root / "docs"
    return sorted(path for path in docs.rglob("*.md") if path.relative_to(docs).parts[0] not in registry.GENERATED_DIRS)


def _known_acronyms(glossary: list[LoadedFile], allowed: LoadedFile | None) -> frozenset:
    """Sigles and spellings of every parsed glossary file (even one with errors, to avoid a cascade)."""
    known = set()
    for loaded in glossary:
        if isinstance(loaded.data.get("sigle"), str):
            known.add(loaded.data["sigle"])
        known.update(item for item in loaded.data.get("variantes") or [] if isinstance(item, str))
    if allowed is not None:
        known.update(item["sigle"] for item in allowed.data.get("sigles", []))
    return frozenset(known)


def _examine(raw: bytes | None, relative: str, kind: str, validator, unreadable: list[Problem]) -> FileResult:
    """Read and check one data file: what the build cache keeps of it."""
    loaded, problems = (None, unreadable) if raw is None else load_text(raw, relative)
    if loaded is None:
        return FileResult(None, tuple(problems), False)
    file_problems, usable = check_file(loaded, validator, kind)
    return FileResult(loaded.data, tuple(file_problems), usable, acronym_candidates(loaded))


def check_data(root: Path, schemas: Schemas, use_cache: bool = True, memory: dict | None = None) -> CheckResult:
    """Every problem of the whole data set, in one pass. With the build cache, a file whose bytes, schemas and tool
    are those of the last run is not read again: its result is the one stored (scripts/pipeline/cache.py).

    `memory` keeps the cache in the calling process between runs (`make serve`), instead of reading it back from
    disk; the caller writes it when it stops (cache.write)."""
    found = find_data_files(root)
    stamp = cache.fingerprint(schemas.raw)
    on_disk = None
    if memory is not None and memory.get("fingerprint") == stamp:
        stored = memory["entries"]
    else:
        on_disk = cache.read(root / cache.FILES, stamp) if use_cache else None
        stored = on_disk.entries() if on_disk else {}
    entries: dict[str, tuple[str, FileResult]] = {}
    problems: list[Problem] = []
    parsed: dict[str, list[LoadedFile]] = {}
    valid: dict[str, list[LoadedFile]] = {}
    acronyms: dict[str, tuple] = {}
    data_files = [(name, path) for name, paths in found.items() for path in paths]
    if (root / registry.ALLOW_LIST).exists():
        data_files.append((registry.ALLOW_LIST, root / registry.ALLOW_LIST))
    allowed = None
    examined: list[str] = []
    for name, path in data_files:
        relative = path.relative_to(root).as_posix()
        raw, unreadable = read_bytes(path, relative)
        key = cache.digest(raw) if raw is not None else ""
        hit = stored.get(relative)
        if hit and key and hit[0] == key:
            result = hit[1]
        else:
            result = _examine(raw, relative, name, schemas.validators[name], unreadable)
            examined.append(relative)
        entries[relative] = (key, result)
        problems += result.problems
        if result.data is None:
            continue
        loaded = restore(path, relative, result.data)
        if name == registry.ALLOW_LIST:
            allowed = loaded
            continue
        parsed.setdefault(name, []).append(loaded)
        if result.usable:
            valid.setdefault(name, []).append(loaded)
            acronyms[relative] = result.acronyms
    changed = bool(examined) or len(stored) != len(data_files)
    if memory is not None:
        memory.update(fingerprint=stamp, entries=entries, unsaved=memory.get("unsaved", False) or changed)
    elif use_cache and changed:
        cache.write(root / cache.FILES, stamp, entries, on_disk, examined)
    for name in found:
        parsed.setdefault(name, [])
        valid.setdefault(name, [])
    pages = tuple((page.relative_to(root).as_posix(), page.read_text(encoding="utf-8")) for page in hand_written_pages(root))
    context = Context(valid, {name: {path.stem for path in paths} for name, paths in found.items()}, schemas,
                      _known_acronyms(parsed["glossary"], allowed), pages, acronyms)
    problems += check_library(context)
    file_count = sum(len(paths) for paths in found.values())
    return CheckResult(valid, tuple(sorted(set(problems))), file_count, pages, stamp)


def build_library(files: dict, schemas: Schemas) -> Library:
    """Records of every collection, in their display order."""
    records = {
        collection.name: tuple(sorted((collection.build(loaded.data, loaded.path, schemas)
                                       for loaded in files.get(collection.name, [])), key=lambda record: record.order()))
        for collection in registry.COLLECTIONS
    }
    return Library(**records, vocabularies=schemas.vocabularies, documents=schemas.documents)


def render_pages(library: Library, schemas: Schemas, files: dict, pages: dict[str, str], settings: dict | None = None
                 ) -> dict[str, str]:
    """Every generated file of docs/, by path: the collections' pages, the browsing and reference pages, the
    downloads, the acronym script, the search index (which also covers the hand-written `pages`) and the online
    editor (configured by the publisher's `settings`)."""
    settings = settings or {}
    rendered: dict[str, str] = {}
    for collection in registry.COLLECTIONS:
        rendered.update(collection.render(library))
    rendered.update(browse.render_browse_pages(library))
    rendered.update(reference.render_reference_pages(
        schemas, [(collection.schema, collection.field_page, collection.field_title) for collection in registry.COLLECTIONS]))
    rendered.update(exports.render_exports(
        files, schemas, [(collection.name, collection.export, collection.schema) for collection in registry.COLLECTIONS
                         if collection.export]))
    rendered.update(acronyms.render_acronym_script(library))
    rendered.update(search.render_search_index(library, pages, registry.COLLECTIONS))
    rendered.update(editor.render_editor(schemas.raw, registry.COLLECTIONS, settings))
    return rendered


@contextmanager
def _cyclic_collector_paused():
    """Generation makes millions of objects (records, memos read back, pages) and almost no reference cycles: the
    cyclic collector kept scanning them all again, a quarter of a run at 10,000 cards. It is paused for the run and
    resumes afterwards as it was (in `make serve`, the same process goes on)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def generate(root: Path, memory: dict | None = None) -> tuple[CheckResult, Library | None, WriteReport | None]:
    """Check, and when there is no error, write the generated pages; on error nothing is written. `memory`: see
    check_data."""
    with _cyclic_collector_paused():
        return _generate(root, memory)


def _generate(root: Path, memory: dict | None) -> tuple[CheckResult, Library | None, WriteReport | None]:
    schemas = load_schemas(root / registry.SCHEMAS_FOLDER)
    result = check_data(root, schemas, memory=memory)
    if result.errors:
        return result, None, None
    library = build_library(result.files, schemas)
    hand_written = {path.removeprefix("docs/"): text for path, text in result.pages}
    # Between runs of one process (memory given: `make serve`) the memos are already filled, after its first run;
    # otherwise they are read from build/cache/, and written back when this run added to them.
    stamp = result.fingerprint
    if memory is None or not memory.get("rendered"):
        memo.load(root / cache.RENDER, stamp)
    memo.start_run()
    rendered = {**render_pages(library, schemas, result.files, hand_written, read_settings(root)),
                **read_vendored(root, editor.VENDOR)}
    if memory is None and memo.changed():
        memo.save(root / cache.RENDER, stamp)
    if memory is not None:
        memory["rendered"] = True
    report = write_tree(root / "docs", rendered, registry.GENERATED_DIRS, root / cache.PAGES)
    write_tree(root, acronyms.render_acronym_dictionary(library), ())
    return result, library, report


__all__ = ["CheckResult", "build_library", "check_data", "find_data_files", "generate", "load_schemas"]
