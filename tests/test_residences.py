"""Reports: the scaffold gives a lab a valid start, filled files render, and real reports link both ways."""

from __future__ import annotations

import re
from html import unescape

import pytest

from scripts.pipeline.render.common import french_period
from scripts.pipeline.run import check_data, find_data_files, generate, load_schemas
from scripts.pipeline.validate.library import PLACEHOLDER

from .conftest import ROOT, run_cli

REPORTS = [path.stem for path in find_data_files(ROOT)["reports"]]


def test_scaffold_then_filled_report_passes_check_and_renders(project):
    root = project(with_valid=False)
    created = run_cli("--racine", str(root), "nouvelle-residence", "Résidence à Lille", cwd=root)
    assert created.returncode == 0, created.stderr
    report = root / "residences/residence-a-lille.yml"
    card = root / "practices/premiere-piste-de-residence-a-lille.yml"
    starter = check_data(root, load_schemas(root / "schemas"))
    assert starter.errors == ()
    assert {problem.code for problem in starter.problems} == {"AVI003"}
    for path in (report, card):
        text = path.read_text(encoding="utf-8")
        filled = re.sub(re.escape(PLACEHOLDER) + r"[^\n]*", "Texte rédigé par le laboratoire.", text)
        path.write_text(filled.replace("valeur: 0", "valeur: 12"), encoding="utf-8")
    result, _, written = generate(root)
    assert [problem.format() for problem in result.problems] == []
    assert written is not None
    page = (root / "docs/residences/residence-a-lille.md").read_text(encoding="utf-8")
    assert '<ol class="frise"' in page
    assert "premiere-piste-de-residence-a-lille.md" in page
    card_page = (root / "docs/pratiques/premiere-piste-de-residence-a-lille.md").read_text(encoding="utf-8")
    assert "../residences/residence-a-lille.md" in card_page


def test_real_reports_exist():
    assert {"avignon-joly-jean-2017", "cnlaps-cooperation-socio-educative-2021"} <= set(REPORTS)


def test_every_card_a_report_lists_names_the_report_back():
    schemas = load_schemas(ROOT / "schemas")
    result = check_data(ROOT, schemas)
    cards = {loaded.data["id"]: loaded.data for loaded in result.files["practices"]}
    for loaded in result.files["reports"]:
        listed = [piste for axis in loaded.data["axes"] for piste in axis.get("pistes", [])]
        assert listed, f"{loaded.path} ne relie aucune fiche"
        for piste in listed:
            assert cards[piste].get("residence") == loaded.data["id"], piste


def test_report_pages_show_timeline_figures_axes_and_team(built_site):
    for report_id in REPORTS:
        html = (built_site / f"residences/{report_id}/index.html").read_text(encoding="utf-8")
        steps = html.count('<li class="etape')
        data = check_data(ROOT, load_schemas(ROOT / "schemas")).files["reports"]
        expected = next(len(loaded.data["calendrier"]) for loaded in data if loaded.data["id"] == report_id)
        assert steps == expected
        assert 'class="chiffres-cles"' in html
        for heading in ("Calendrier", "Axes de travail", "Équipe", "Protocole", "Enseignements", "Sources"):
            assert re.search(rf'<h2 id="[^"]*">{heading}<a class="headerlink"', html), heading


@pytest.mark.parametrize(("debut", "fin", "expected"), [
    ("2017-09-26", "", "26 septembre 2017"),
    ("2017-09-01", "2017-09-01", "1er septembre 2017"),
    ("2017-06-26", "2017-06-27", "du 26 au 27 juin 2017"),
    ("2017-06-26", "2017-07-03", "du 26 juin au 3 juillet 2017"),
    ("2017-12-26", "2018-01-03", "du 26 décembre 2017 au 3 janvier 2018"),
    ("2017-09", "2017-10", "de septembre à octobre 2017"),
    ("2017-10", "2017-12", "d'octobre à décembre 2017"),
    ("2017-12", "2018-01", "de décembre 2017 à janvier 2018"),
    ("2017", "2018", "de 2017 à 2018"),
    ("", "2021-12", "jusqu'en décembre 2021"),
    ("", "", ""),
])
def test_periods_are_written_in_french_each_part_once(debut, fin, expected):
    assert french_period(debut, fin) == expected


def _timeline(site, report_id: str) -> list[tuple[str, str, str]]:
    """(date, title, note) of each step of a report's built timeline, as read."""
    html = (site / f"residences/{report_id}/index.html").read_text(encoding="utf-8")
    frise = html[html.index('<ol class="frise"'):html.index("</ol>", html.index('<ol class="frise"'))]

    def text(item: str, css: str) -> str:
        found = re.search(rf'<p class="{css}">(.*?)</p>', item, re.DOTALL)
        return unescape(re.sub(r"<[^>]+>", "", found.group(1))).strip() if found else ""

    return [(text(item, "etape-date"), text(item, "etape-titre"), text(item, "etape-note"))
            for item in re.split(r'<li class="etape', frise)[1:]]


def test_the_timeline_leads_with_the_date_retained_and_notes_the_sources_own(built_site):
    steps = _timeline(built_site, "avignon-joly-jean-2017")
    first_week = next(step for step in steps if step[1].startswith("Semaine d'immersion n° 1"))
    assert first_week[0] == "de septembre à octobre 2017"
    assert first_week[2].startswith("La source écrit : « du 26 juin au 27 juin 2017 ».")
    preparation = steps[0]
    assert preparation[0] == "26 septembre 2017" and "La source écrit" not in preparation[2]
    for date, title, note in steps:
        # No date in the data's own form, and the retained date said once, before anything else.
        assert not re.search(r"\d{4}-\d{2}", date + note), title
        assert "selon la source" not in date and "juin 2017" not in date, title
    undated = _timeline(built_site, "cnlaps-cooperation-socio-educative-2021")[0]
    assert undated[0] == "non datée par la source" and undated[2] == ""
