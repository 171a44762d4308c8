"""The benchmark's synthetic corpus: valid records, as many as asked, the same for the same seed."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.bench import real_copy
from scripts.pipeline import check_data, hand_written_pages
from scripts.schemas import load_schemas
from scripts.synthetic import write_corpus


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    """A snapshot of the repository: records being added meanwhile by someone else do not change the templates."""
    snapshot = tmp_path_factory.mktemp("source") / "projet"
    real_copy(snapshot)
    return snapshot


def _files(project: Path) -> dict[str, str]:
    return {path.relative_to(project).as_posix(): path.read_text(encoding="utf-8")
            for folder in ("practices", "glossary", "residences") for path in sorted((project / folder).glob("*.yml"))}


def test_generated_records_are_valid_and_counted(tmp_path, source):
    corpus = write_corpus(source, tmp_path / "a", cards=40, glossary=30, reports=3)
    result = check_data(corpus.root, load_schemas(corpus.root / "schemas"))
    assert [problem.format() for problem in result.errors] == []
    counts = {folder: len(list((corpus.root / folder).glob("*.yml"))) for folder in ("practices", "glossary", "residences")}
    assert counts == {"practices": 40, "glossary": 30, "residences": 3}
    # Hand-written pages come along, and links between records exist.
    assert hand_written_pages(corpus.root)
    assert any("pratiques_liees" in text for text in _files(corpus.root).values())
    assert any("residence: " in text for text in _files(corpus.root).values())


def test_same_seed_same_corpus(tmp_path, source):
    first = write_corpus(source, tmp_path / "a", cards=25, glossary=20, reports=2, seed=7)
    second = write_corpus(source, tmp_path / "b", cards=25, glossary=20, reports=2, seed=7)
    other = write_corpus(source, tmp_path / "c", cards=25, glossary=20, reports=2, seed=8)
    assert _files(first.root) == _files(second.root)
    assert _files(first.root) != _files(other.root)

