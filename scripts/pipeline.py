"""Wires the stages for the CLI and the MkDocs hook: find files → load → validate → model → render → write."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .load import LoadedFile, load_file
from .model import Library, build_library
from .problems import Problem, is_error
from .render import GENERATED_DIRS, render_abbreviations, render_site
from .rules import check_library
from .schemas import COLLECTIONS, Schemas, load_schemas
from .validate import check_schema
from .write import WriteReport, write_tree

DATA_DIRS = ("practices", "glossary", "residences")
ABBREVIATIONS = Path("build") / "abreviations.md"


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


def check_data(root: Path, schemas: Schemas) -> CheckResult:
    """Every problem of the whole data set, in one pass."""
    found = find_data_files(root)
    problems: list[Problem] = []
    valid: dict[str, list[LoadedFile]] = {}
    for collection, paths in found.items():
        valid[collection] = []
        validator = schemas.validators.get(collection)
        for path in paths:
            loaded, load_problems = load_file(path, root)
            problems += load_problems
            if loaded is None or validator is None:
                continue
            schema_problems = check_schema(loaded, validator)
            problems += schema_problems
            if not schema_problems:
                valid[collection].append(loaded)
    known_ids = {collection: {path.stem for path in paths} for collection, paths in found.items()}
    problems += check_library(valid, known_ids, schemas)
    return CheckResult(valid, tuple(sorted(set(problems))), sum(len(paths) for paths in found.values()))


def generate(root: Path) -> tuple[CheckResult, Library | None, WriteReport | None]:
    """Check, and when there is no error, write the generated pages; on error nothing is written."""
    schemas = load_schemas(root / "schemas")
    result = check_data(root, schemas)
    if result.errors:
        return result, None, None
    library = build_library(result.files, schemas)
    pages = render_site(library, schemas)
    report = write_tree(root / "docs", pages, GENERATED_DIRS)
    write_tree(root, {ABBREVIATIONS.as_posix(): render_abbreviations(library)}, ())
    return result, library, report


__all__ = ["COLLECTIONS", "CheckResult", "check_data", "generate", "load_schemas"]
