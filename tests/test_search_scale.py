"""The same queries (with slips and today's names), in Chromium, on the real library plus 5,000 synthetic cards:
ranking must hold at scale."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.pipeline.registry import COLLECTIONS, SCHEMAS_FOLDER
from scripts.pipeline.render import search
from scripts.pipeline.render.search import FOLDER
from scripts.pipeline.run import build_library, check_data, load_schemas

from .conftest import ROOT, serve_directory
from .queries import NAMES, QUERIES, first_result, slip_rates

pytestmark = pytest.mark.browser

SYNTHETIC_CARDS = 5000


@pytest.fixture(scope="module")
def large_site(built_site, tmp_path_factory) -> Path:
    """The real site with the search index of the real records plus 5,000 synthetic cards. Only the index changes
    with the corpus (the engine and the « Rechercher » page are the site's, and the tests read the results'
    addresses without opening them): building the 5,000 pages as well took four minutes of the suite."""
    base = tmp_path_factory.mktemp("grande-bibliotheque")
    project = base / "projet"
    # The benchmark's synthetic corpus (a developer tool, run as a program), the real records beside it.
    written = subprocess.run([sys.executable, "-m", "scripts.tools.synthetic", str(project), "--fiches", str(SYNTHETIC_CARDS),
                              "--avec-donnees-reelles"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert written.returncode == 0, written.stderr[-3000:]
    schemas = load_schemas(project / SCHEMAS_FOLDER)
    checked = check_data(project, schemas, use_cache=False)
    assert checked.errors == (), [problem.format() for problem in checked.errors[:5]]
    library = build_library(checked.files, schemas)
    assert len(library.practices) >= SYNTHETIC_CARDS
    pages = {path.removeprefix("docs/"): text for path, text in checked.pages}
    index = {path: text for path, text in search.render_search_index(library, pages, COLLECTIONS).items()
             if path.endswith(".json")}
    site = base / "site"
    shutil.copytree(built_site, site)
    shutil.rmtree(site / FOLDER)
    shutil.copytree(built_site / FOLDER, site / FOLDER, ignore=shutil.ignore_patterns("*.json"))
    for path, text in index.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text, encoding="utf-8")
    return site


@pytest.fixture(scope="module")
def large_server(large_site):
    with serve_directory(large_site) as address:
        yield address


@pytest.mark.parametrize(("query", "expected"), QUERIES + NAMES)
def test_query_still_finds_its_page_first_among_5000_more_cards(large_server, page, query, expected):
    assert first_result(page, large_server, query) == expected


def test_one_slip_queries_still_find_their_page_among_5000_more_cards(large_server, page):
    first, top, missed = slip_rates(page, large_server)
    assert first >= 0.80 and top >= 0.95, (first, top, missed)
