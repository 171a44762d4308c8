"""Wires the stages for the CLI and the MkDocs hook: find files → load → validate → model → render → write."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .acronyms import check_page_acronyms, check_record_acronyms
from .export import export_csv, export_json
from .load import LoadedFile, load_file
from .model import Library, build_library
from .problems import ERROR, Problem, is_error
from .render import GENERATED_DIRS, render_abbreviations, render_search_index, render_site
from .rules import check_library
from .schemas import COLLECTIONS, Schemas, load_schemas
from .validate import check_schema, check_texts
from .write import WriteReport, write_tree

DATA_DIRS = ("practices", "glossary", "residences")
ABBREVIATIONS = Path("build") / "abreviations.md"
ALLOW_LIST = "sigles-hors-glossaire.yml"


@dataclass(frozen=True)
class CheckResult:
    files: dict
    problems: tuple[Problem, ...]
    file_count: int

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(problem for problem in self.problems if is_error(problem))


def find_data_files(root: Path) -> dict[str, list[Path]]:
    return {collection: sorted((root / collection).glob("*.yml")) for collection in DATA_DIRS}


def _known_acronyms(glossary: list[LoadedFile], allowed: LoadedFile | None) -> set[str]:
    """Sigles and spellings of every parsed glossary file (even one with errors, to avoid a cascade)."""
    known = set()
    for loaded in glossary:
        if isinstance(loaded.data.get("sigle"), str):
            known.add(loaded.data["sigle"])
        known.update(item for item in loaded.data.get("variantes") or [] if isinstance(item, str))
    if allowed is not None:
        known.update(item["sigle"] for item in allowed.data.get("sigles", []))
    return known


def hand_written_pages(root: Path) -> list[Path]:
    docs = root / "docs"
    return sorted(path for path in docs.rglob("*.md") if path.relative_to(docs).parts[0] not in GENERATED_DIRS)


def check_data(root: Path, schemas: Schemas) -> CheckResult:
    """Every problem of the whole data set, in one pass."""
    found = find_data_files(root)
    problems: list[Problem] = []
    parsed: dict[str, list[LoadedFile]] = {}
    valid: dict[str, list[LoadedFile]] = {}
    for collection, paths in found.items():
        parsed[collection], valid[collection] = [], []
        validator = schemas.validators.get(collection)
        for path in paths:
            loaded, load_problems = load_file(path, root)
            problems += load_problems
            if loaded is None:
                continue
            parsed[collection].append(loaded)
            schema_problems = check_schema(loaded, validator) if validator else []
            problems += schema_problems
            problems += check_texts(loaded)
            if not schema_problems:
                valid[collection].append(loaded)
    allowed = None
    if (root / ALLOW_LIST).exists():
        allowed, allow_problems = load_file(root / ALLOW_LIST, root)
        problems += allow_problems or (check_schema(allowed, schemas.validators[ALLOW_LIST]) if allowed else [])
    known_ids = {collection: {path.stem for path in paths} for collection, paths in found.items()}
    problems += check_library(valid, known_ids, schemas)
    known = _known_acronyms(parsed["glossary"], allowed)
    problems += check_record_acronyms(valid["practices"] + valid["glossary"] + valid["residences"], known, ERROR)
    for page in hand_written_pages(root):
        problems += check_page_acronyms(page.relative_to(root).as_posix(), page.read_text(encoding="utf-8"), known)
    file_count = sum(len(paths) for paths in found.values())
    return CheckResult(valid, tuple(sorted(set(problems))), file_count)


EXPORTS = {"glossary": "glossaire/glossaire", "practices": "pratiques/pratiques"}


def render_exports(files: dict, schemas: Schemas) -> dict[str, str]:
    """Glossary and practice cards as JSON and CSV, with the schema that describes them, linked from their pages."""
    exports = {}
    for collection, stem in EXPORTS.items():
        records = sorted((loaded.data for loaded in files.get(collection, [])), key=lambda data: data["id"])
        schema_file = COLLECTIONS[collection]
        columns = list(schemas.raw[schema_file]["properties"])
        exports[f"{stem}.json"] = export_json(records)
        exports[f"{stem}.csv"] = export_csv(records, columns)
        folder = stem.rsplit("/", 1)[0]
        # The schema refers to its neighbours (sources, vocabularies): publish them beside it.
        for name in (schema_file, "communs.json", "vocabulaires.json"):
            exports[f"{folder}/{name}"] = export_json(schemas.raw[name])
    return exports


def generate(root: Path) -> tuple[CheckResult, Library | None, WriteReport | None]:
    """Check, and when there is no error, write the generated pages; on error nothing is written."""
    schemas = load_schemas(root / "schemas")
    result = check_data(root, schemas)
    if result.errors:
        return result, None, None
    library = build_library(result.files, schemas)
    pages = render_site(library, schemas)
    pages.update(render_exports(result.files, schemas))
    docs = root / "docs"
    pages.update(render_search_index(library, {page.relative_to(docs).as_posix(): page.read_text(encoding="utf-8")
                                               for page in hand_written_pages(root)}))
    report = write_tree(root / "docs", pages, GENERATED_DIRS)
    write_tree(root, {ABBREVIATIONS.as_posix(): render_abbreviations(library)}, ())
    return result, library, report


__all__ = ["COLLECTIONS", "CheckResult", "check_data", "generate", "load_schemas"]
