"""The same queries (with slips and today's names), in Chromium, on the real library plus 5,000 synthetic cards:
ranking must hold at scale."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, run_cli, serve_directory
from .queries import NAMES, QUERIES, first_result, slip_rates

pytestmark = pytest.mark.browser

SYNTHETIC_CARDS = 5000


@pytest.fixture(scope="module")
def large_site(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("grande-bibliotheque") / "projet"
    # The benchmark's synthetic corpus (a developer tool, run as a program), the real records beside it.
    written = subprocess.run([sys.executable, "-m", "scripts.tools.synthetic", str(project), "--fiches", str(SYNTHETIC_CARDS),
                              "--avec-donnees-reelles"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert written.returncode == 0, written.stderr[-3000:]
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


@pytest.mark.parametrize(("query", "expected"), QUERIES + NAMES)
def test_query_still_finds_its_page_first_among_5000_more_cards(large_server, page, query, expected):
    assert first_result(page, large_server, query) == expected


def test_one_slip_queries_still_find_their_page_among_5000_more_cards(large_server, page):
    first, top, missed = slip_rates(page, large_server)
    assert first >= 0.80 and top >= 0.95, (first, top, missed)
