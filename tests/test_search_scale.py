"""The same queries, in Chromium, on the real library plus 5,000 synthetic cards: ranking must hold at scale."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scripts.pipeline import DATA_DIRS
from scripts.synthetic import write_corpus

from .conftest import ROOT, run_cli, serve_directory
from .queries import QUERIES, first_result

pytestmark = pytest.mark.browser

SYNTHETIC_CARDS = 5000


def _drop_links_to_real_cards(report: Path, real_cards: set[str]) -> None:
    """A synthetic report may list among its cards an id that the real data now holds, and that card does not cite
    the report back: the link is dropped, the rest of the report is kept."""
    data = yaml.safe_load(report.read_text(encoding="utf-8"))
    for axis in data["axes"]:
        kept = [card for card in axis.get("pistes", []) if card not in real_cards]
        if kept:
            axis["pistes"] = kept
        else:
            axis.pop("pistes", None)
    report.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def large_site(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("grande-bibliotheque") / "projet"
    real = {folder: {path.name for path in (ROOT / folder).glob("*.yml")} for folder in DATA_DIRS}
    labels = set()
    for name in real["glossary"]:
        entry = yaml.safe_load((ROOT / "glossary" / name).read_text(encoding="utf-8"))
        labels |= {entry.get("sigle") or entry.get("terme"), *entry.get("variantes", [])}
    write_corpus(ROOT, project, SYNTHETIC_CARDS, avoid=frozenset(label for label in labels if label))
    for folder in DATA_DIRS:
        for name in real[folder]:
            shutil.copy(ROOT / folder / name, project / folder / name)
    real_cards = {Path(name).stem for name in real["practices"]}
    for report in (project / "residences").glob("*.yml"):
        if report.name not in real["residences"]:
            _drop_links_to_real_cards(report, real_cards)
    generated = run_cli("--racine", str(project), "generate")
    assert generated.returncode == 0, generated.stderr[-3000:]
    site = project / "site"
    build = subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "--quiet", "-d", str(site)], cwd=project,
                           capture_output=True, text=True, check=False, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert build.returncode == 0, build.stderr[-3000:]
    assert len(list((site / "pratiques").glob("*/index.html"))) >= SYNTHETIC_CARDS
    return site


@pytest.fixture(scope="module")
def large_server(large_site):
    with serve_directory(large_site) as address:
        yield address


@pytest.mark.parametrize(("query", "expected"), QUERIES)
def test_query_still_finds_its_page_first_among_5000_more_cards(large_server, page, query, expected):
    assert first_result(page, large_server, query) == expected
