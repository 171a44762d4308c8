"""Every record of the repository validates, one test per file so a failure names it."""

from __future__ import annotations

import pytest

from scripts.pipeline.run import check_data, find_data_files, load_schemas

from .conftest import ROOT

RECORDS = [path for paths in find_data_files(ROOT).values() for path in paths]


@pytest.fixture(scope="module")
def problems_by_file():
    result = check_data(ROOT, load_schemas(ROOT / "schemas"))
    by_file = {}
    for problem in result.errors:
        by_file.setdefault(problem.path, []).append(problem.format())
    return by_file


@pytest.mark.parametrize("record", RECORDS, ids=[path.relative_to(ROOT).as_posix() for path in RECORDS])
def test_record_is_valid(record, problems_by_file):
    assert problems_by_file.get(record.relative_to(ROOT).as_posix(), []) == []


@pytest.mark.parametrize("record", RECORDS, ids=[path.relative_to(ROOT).as_posix() for path in RECORDS])
def test_record_declares_its_schema_for_editors(record):
    first_line = record.read_text(encoding="utf-8").splitlines()[0]
    schema = {"practices": "pratique", "glossary": "glossaire", "residences": "residence"}[record.parent.name]
    assert first_line == f"# yaml-language-server: $schema=../schemas/{schema}.schema.json"


def test_the_repository_has_its_exemplars():
    names = {path.relative_to(ROOT).as_posix() for path in RECORDS}
    assert {
        "practices/ticket-d-or.yml", "practices/tableau-de-bord-de-l-agence.yml",
        "practices/atelier-de-debuggage-de-profils.yml", "practices/conference-sociale-de-bretagne.yml",
        "glossary/crefop.yml", "glossary/spe-p.yml", "glossary/plie.yml", "glossary/sceofp.yml",
    } <= names

