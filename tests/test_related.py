"""Related practices: explicit links first, then the cards sharing the most themes."""

from __future__ import annotations

from scripts.pipeline.render.practices import SUGGESTED_RELATED, closest_by_themes, render_practice
from scripts.pipeline.run import build_library, check_data, load_schemas

from .conftest import ROOT

SCHEMAS = load_schemas(ROOT / "schemas")
LIBRARY = build_library(check_data(ROOT, SCHEMAS).files, SCHEMAS)


def test_suggestions_share_a_theme_and_exclude_explicit_links():
    for practice in LIBRARY.practices:
        explicit = set(practice.pratiques_liees)
        suggested = closest_by_themes(practice, LIBRARY, exclude=explicit)
        assert len(suggested) <= SUGGESTED_RELATED
        for other in suggested:
            assert other.id != practice.id and other.id not in explicit
            assert set(other.themes) & set(practice.themes)
        overlaps = [len(set(other.themes) & set(practice.themes)) for other in suggested]
        assert overlaps == sorted(overlaps, reverse=True)


def test_explicit_links_come_before_suggestions_on_the_page():
    practice = LIBRARY.practice("tableau-de-bord-de-l-agence")
    page = render_practice(practice, LIBRARY)
    section = page[page.index("## Pratiques liées"):page.index("## Issue de")]
    assert section.index("atelier-de-debuggage-de-profils.md") < section.index("Sur les mêmes thèmes")
