"""The benchmark's synthetic corpus (scripts/tools/synthetic.py, run as a program): valid records, as many as asked,
the same for the same seed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.pipeline.registry import COLLECTIONS
from scripts.pipeline.run import check_data, hand_written_pages, load_schemas

from .conftest import ROOT

FOLDERS = [collection.folder for collection in COLLECTIONS]


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    """A snapshot of the repository: records being added meanwhile by someone else do not change the templates."""
    snapshot = tmp_path_factory.mktemp("source") / "projet"
    shutil.copytree(ROOT, snapshot, ignore=shutil.ignore_patterns(".venv", ".git", "site", "build", "node_modules",
                                                                  "__pycache__"))
    return snapshot


def _write(source: Path, target: Path, *options: str) -> subprocess.CompletedProcess:
    written = subprocess.run([sys.executable, "-m", "scripts.tools.synthetic", str(target), "--racine", str(source),
                              *options], cwd=ROOT, capture_output=True, text=True, check=False)
    assert written.returncode == 0, written.stderr
    return written


def _files(project: Path) -> dict[str, str]:
    return {path.relative_to(project).as_posix(): path.read_text(encoding="utf-8")
            for folder in FOLDERS for path in sorted((project / folder).glob("*.yml"))}


def test_generated_records_are_valid_and_counted(tmp_path, source):
    written = _write(source, tmp_path / "a", "--fiches", "40", "--glossaire", "30", "--rapports", "3")
    assert "40 fiches, 30 entrées du glossaire, 3 rapports" in written.stdout
    result = check_data(tmp_path / "a", load_schemas(tmp_path / "a" / "schemas"))
    assert [problem.format() for problem in result.errors] == []
    counts = {folder: len(list((tmp_path / "a" / folder).glob("*.yml"))) for folder in FOLDERS}
    assert counts == {"practices": 40, "glossary": 30, "residences": 3}
    # Hand-written pages come along, and links between records exist.
    assert hand_written_pages(tmp_path / "a")
    assert any("pratiques_liees" in text for text in _files(tmp_path / "a").values())
    assert any("residence: " in text for text in _files(tmp_path / "a").values())


def test_same_seed_same_corpus(tmp_path, source):
    for name, seed in (("a", "7"), ("b", "7"), ("c", "8")):
        _write(source, tmp_path / name, "--fiches", "25", "--glossaire", "20", "--rapports", "2", "--graine", seed)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")


def test_real_records_beside_the_synthetic_ones_stay_valid(tmp_path, source):
    _write(source, tmp_path / "a", "--fiches", "30", "--avec-donnees-reelles")
    result = check_data(tmp_path / "a", load_schemas(tmp_path / "a" / "schemas"))
    assert [problem.format() for problem in result.errors] == []
    assert set(_files(source)) <= set(_files(tmp_path / "a"))
