"""Validation stage: the only place that decides what is valid.

`check_file` runs the schema and the per-file checks on one loaded file; `check_library` runs the rules across
records. Every rule is declared in catalogue.py; importing the rule modules here registers their checks.
"""

from __future__ import annotations

from ..load import LoadedFile
from ..problems import Problem, is_error
from . import acronyms, catalogue, files, library  # noqa: F401 (acronyms, files, library: registers their checks)
from .describe import check_schema
from .fastcheck import QuickValidator
from .library import Context


def check_file(loaded: LoadedFile, validator: QuickValidator | None, kind: str = "") -> tuple[list[Problem], bool]:
    """The problems of one file of collection `kind`, and whether the rules across records may read it (no error of
    its own)."""
    problems = check_schema(loaded, validator) if validator else []
    # A field whose own schema limit already fired is reported once, not again by the limit for every field.
    too_long = {(problem.line, problem.column) for problem in problems if problem.code == "SCH007"}
    for check in catalogue.FILE_CHECKS:
        if check.kinds and kind not in check.kinds:
            continue
        problems += [problem for problem in check(loaded)
                     if not (problem.code == "SCH007" and (problem.line, problem.column) in too_long)]
    return problems, not any(is_error(problem) for problem in problems)


def check_library(context: Context) -> list[Problem]:
    """All cross-record problems of a run, over the files that passed their own checks."""
    return [problem for check in catalogue.LIBRARY_CHECKS for problem in check(context)]


__all__ = ["Context", "check_file", "check_library"]
