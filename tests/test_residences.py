"""Reports: the scaffold gives a lab a valid start, filled files render, and real reports link both ways."""

from __future__ import annotations

import re

from scripts.pipeline.run import check_data, find_data_files, generate, load_schemas
from scripts.pipeline.validate.files import PLACEHOLDER

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
