"""Wires the stages for the CLI and the MkDocs hook: find files → load → validate → model → render → write.

Every collection comes from the registry (registry.py): nothing here names one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import registry
from .editor_files import read_settings, read_vendored
from .load import LoadedFile, load_file
from .model import Library
from .problems import Problem, is_error
from .render import acronyms, browse, editor, exports, reference, search
from .validate import Context, check_file, check_library
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


def check_data(root: Path, schemas: Schemas) -> CheckResult:
    """Every problem of the whole data set, in one pass."""
    found = find_data_files(root)
    problems: list[Problem] = []
    parsed: dict[str, list[LoadedFile]] = {}
    valid: dict[str, list[LoadedFile]] = {}
    for name, paths in found.items():
        parsed[name], valid[name] = [], []
        for path in paths:
            loaded, load_problems = load_file(path, root)
            problems += load_problems
            if loaded is None:
                continue
            parsed[name].append(loaded)
            file_problems, usable = check_file(loaded, schemas.validators[name])
            problems += file_problems
            if usable:
                valid[name].append(loaded)
    allowed = None
    if (root / registry.ALLOW_LIST).exists():
        allowed, allow_problems = load_file(root / registry.ALLOW_LIST, root)
        problems += allow_problems or (check_file(allowed, schemas.validators[registry.ALLOW_LIST])[0] if allowed else [])
    pages = tuple((page.relative_to(root).as_posix(), page.read_text(encoding="utf-8")) for page in hand_written_pages(root))
    context = Context(valid, {name: {path.stem for path in paths} for name, paths in found.items()}, schemas,
                      _known_acronyms(parsed["glossary"], allowed), pages)
    problems += check_library(context)
    file_count = sum(len(paths) for paths in found.values())
    return CheckResult(valid, tuple(sorted(set(problems))), file_count, pages)


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


def generate(root: Path) -> tuple[CheckResult, Library | None, WriteReport | None]:
    """Check, and when there is no error, write the generated pages; on error nothing is written."""
    schemas = load_schemas(root / registry.SCHEMAS_FOLDER)
    result = check_data(root, schemas)
    if result.errors:
        return result, None, None
    library = build_library(result.files, schemas)
    hand_written = {path.removeprefix("docs/"): text for path, text in result.pages}
    rendered = {**render_pages(library, schemas, result.files, hand_written, read_settings(root)),
                **read_vendored(root, editor.VENDOR)}
    report = write_tree(root / "docs", rendered, registry.GENERATED_DIRS)
    write_tree(root, acronyms.render_acronym_dictionary(library), ())
    return result, library, report


__all__ = ["CheckResult", "build_library", "check_data", "find_data_files", "generate", "load_schemas"]
