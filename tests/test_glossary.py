"""The glossary: exports that round-trip to the data, one entry per sigle, tooltips on the pages, a light index and
a page per entry that says where the entry is used."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys

import pytest
import yaml

from scripts.pipeline.render.exports import LIST_SEPARATOR
from scripts.pipeline.run import check_data, generate, load_schemas
from scripts.pipeline.text import fold

from .conftest import FIXTURES, ROOT

SCHEMAS = load_schemas(ROOT / "schemas")
ENTRIES = sorted((loaded.data for loaded in check_data(ROOT, SCHEMAS).files["glossary"]), key=lambda data: data["id"])
PROPERTIES = SCHEMAS.raw["glossaire.schema.json"]["properties"]


OBJECT_COLUMNS = {"sources", "autres_sens", "references"}


def _decode(column: str, cell: str):
    """Read a CSV cell back with the schema: lists of objects as JSON, lists of text split on « | »."""
    spec = PROPERTIES[column]
    if cell == "":
        return None
    if column in OBJECT_COLUMNS:
        return json.loads(cell)
    if spec.get("type") == "integer":
        return int(cell)
    if spec.get("type") == "array":
        return cell.split(LIST_SEPARATOR)
    return cell


def test_json_export_equals_the_data(built_site):
    exported = json.loads((built_site / "glossaire/glossaire.json").read_text(encoding="utf-8"))
    assert exported == ENTRIES


def test_csv_export_round_trips_to_the_data(built_site):
    rows = list(csv.DictReader(io.StringIO((built_site / "glossaire/glossaire.csv").read_text(encoding="utf-8"))))
    assert [row["id"] for row in rows] == [entry["id"] for entry in ENTRIES]
    for row, entry in zip(rows, ENTRIES):
        decoded = {column: _decode(column, cell) for column, cell in row.items()}
        assert {key: value for key, value in decoded.items() if value is not None} == entry


def test_exports_are_linked_from_the_glossary_page(built_site):
    page = (built_site / "glossaire/index.html").read_text(encoding="utf-8")
    assert 'href="glossaire.json"' in page and 'href="glossaire.csv"' in page


def test_no_two_entries_claim_the_same_sigle_or_spelling():
    seen: dict[str, str] = {}
    for entry in ENTRIES:
        for spelling in [entry.get("sigle") or entry.get("terme"), *entry.get("variantes", [])]:
            key = fold(spelling)
            assert seen.get(key, entry["id"]) == entry["id"], f"{spelling} : {entry['id']} et {seen[key]}"
            seen[key] = entry["id"]


@pytest.mark.parametrize("page", ["pratiques/ticket-d-or/index.html", "pratiques/conference-sociale-de-bretagne/index.html",
                                  "residences/avignon-joly-jean-2017/index.html",
                                  "residences/cnlaps-cooperation-socio-educative-2021/index.html"])
def test_pages_mark_their_acronyms_with_the_long_form(built_site, page):
    html = (built_site / page).read_text(encoding="utf-8")
    article = html[html.index("<article"):]
    assert '<abbr title="' in article
    expected = {"pratiques/ticket-d-or/index.html": '<abbr title="Très petite entreprise">TPE</abbr>',
                "pratiques/conference-sociale-de-bretagne/index.html": "<abbr title=\"Comité régional de l'emploi",
                "residences/avignon-joly-jean-2017/index.html": '<abbr title="Conseiller à dominante entreprise">CDE</abbr>',
                "residences/cnlaps-cooperation-socio-educative-2021/index.html":
                    '<abbr title="Comité national de liaison des acteurs de la prévention spécialisée">CNLAPS</abbr>'}[page]
    assert expected.replace("'", "&#x27;") in article or expected in article


# The glossary's index and entry pages: light enough for a phone on a slow network (the index used to weigh 570 KB).
PAGE_BUDGET = 150 * 1024
GLOSSARY_IDS = [entry["id"] for entry in ENTRIES]


def test_the_index_and_every_entry_page_weigh_at_most_150_kb_of_html(built_site):
    assert (built_site / "glossaire/index.html").stat().st_size <= PAGE_BUDGET
    heaviest = max(GLOSSARY_IDS, key=lambda entry_id: (built_site / f"glossaire/{entry_id}/index.html").stat().st_size)
    assert (built_site / f"glossaire/{heaviest}/index.html").stat().st_size <= PAGE_BUDGET, heaviest


def test_every_entry_has_its_page_and_a_row_of_the_index_linking_to_it(built_site):
    index = (built_site / "glossaire/index.html").read_text(encoding="utf-8")
    for entry in ENTRIES:
        page = (built_site / f"glossaire/{entry['id']}/index.html").read_text(encoding="utf-8")
        article = page[page.index("<article"):]
        assert entry.get("sigle", entry.get("terme")).split("'")[0] in article, entry["id"]
        row = re.search(rf'<li id="{entry["id"]}" data-categorie="([^"]+)"><a href="{entry["id"]}/">(.*?)</li>', index)
        assert row is not None, entry["id"]
        assert row.group(1) == entry["categorie"]


def _listed(site, entry_id: str) -> list[str]:
    """The pages the « Employé dans » section of an entry links to, as `pratiques/<id>` or `residences/<id>`."""
    page = (site / f"glossaire/{entry_id}/index.html").read_text(encoding="utf-8")
    section = page[page.index('id="employe-dans"'):page.index('id="sources"')]
    return sorted(set(re.findall(r'href="\.\./\.\./((?:pratiques|residences)/[a-z0-9-]+)/"', section)))


def test_used_in_lists_the_cards_that_use_the_sigle(built_site):
    # Read by hand in practices/: the cards whose texts say PLIE (none only in its sources or notes).
    assert _listed(built_site, "plie") == sorted(f"pratiques/{card}" for card in (
        "alerte-de-non-presentation-apres-orientation-vers-un-partenaire",
        "comites-locaux-de-construction-et-de-validation-du-parcours-du-nord-pas-de-calais",
        "coordonner-la-prospection-des-entreprises-et-partager-les-offres-avec-les-partenaires",
        "partenariat-multilateral-local-avec-les-acteurs-de-l-insertion",
        "partenariat-pole-emploi-plie-et-accord-cadre-avec-alliance-villes-emploi",
        "renforcer-les-cooperations-avec-les-communes-et-communautes-de-communes",
        "reunions-partenariales-de-diagnostic-partage-sur-les-dossiers-complexes"))
    tpe = _listed(built_site, "tpe")
    assert {"pratiques/ticket-d-or", "residences/avignon-joly-jean-2017"} <= set(tpe)
    assert "residences/cnlaps-cooperation-socio-educative-2021" in _listed(built_site, "cnlaps")


def _card(identifier: str, title: str, **texts) -> str:
    data = yaml.safe_load((FIXTURES / "valide/practices/fiche-valide.yml").read_text(encoding="utf-8"))
    data.update(id=identifier, titre=title, **texts)
    data.pop("residence")
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def test_used_in_follows_the_spellings_and_skips_the_sources(project):
    """A sigle is used where a text says one of its spellings as written; a notion whatever its case and accents;
    a mention in the sources or in the notes on the source does not count, nor the same letters in lower case."""
    entry = yaml.safe_load((FIXTURES / "valide/glossary/sigle-test.yml").read_text(encoding="utf-8"))
    notion = dict(entry, id="acces-renforce", forme_longue="Accès renforcé", terme="accès renforcé")
    notion.pop("sigle")
    report = yaml.safe_load((FIXTURES / "valide/residences/rapport-valide.yml").read_text(encoding="utf-8"))
    report["calendrier"][0]["actions"] = ["Présenter le SIGLE-TEST aux équipes."]
    root = project({
        "residences/rapport-valide.yml": yaml.safe_dump(report, allow_unicode=True, sort_keys=False),
        "glossary/sigle-test.yml": yaml.safe_dump(dict(entry, variantes=["Sigle-Test"]), allow_unicode=True),
        "glossary/acces-renforce.yml": yaml.safe_dump(notion, allow_unicode=True),
        "practices/sigle-dans-le-resume.yml": _card("sigle-dans-le-resume", "Sigle dans le résumé",
                                                    resume="Une fiche qui parle du SIGLE-TEST dans son résumé."),
        "practices/graphie-dans-la-demarche.yml": _card("graphie-dans-la-demarche", "Graphie dans la démarche",
                                                        demarche=["Réunir le Sigle-Test.", "Conclure."]),
        "practices/sigle-dans-les-notes.yml": _card("sigle-dans-les-notes", "Sigle dans les notes seulement",
                                                    notes_source=["La source écrit SIGLE-TEST ici."]),
        "practices/minuscules.yml": _card("minuscules", "Les mêmes lettres en minuscules",
                                          resume="Une fiche où sigle-test est écrit en minuscules."),
        "practices/notion-en-capitales.yml": _card("notion-en-capitales", "Notion écrite autrement",
                                                   probleme="Un Acces Renforce, écrit sans accents."),
    })
    result, _, written = generate(root)
    assert written is not None, [problem.format() for problem in result.errors]
    sigle = (root / "docs/glossaire/sigle-test.md").read_text(encoding="utf-8")
    used = sigle[sigle.index("## Employé dans"):sigle.index("## Sources")]
    assert sorted(re.findall(r"\(\.\./pratiques/([a-z-]+)\.md\)", used)) == ["graphie-dans-la-demarche", "sigle-dans-le-resume"]
    assert re.findall(r"\(\.\./residences/([a-z-]+)\.md\)", used) == ["rapport-valide"]
    notion_page = (root / "docs/glossaire/acces-renforce.md").read_text(encoding="utf-8")
    assert re.findall(r"\(\.\./(?:pratiques|residences)/([a-z-]+)\.md\)", notion_page) == ["notion-en-capitales"]


def _kilobytes(cell: str) -> float:
    return float(cell.strip().replace(",", "."))


def test_weight_tool_reports_each_type_of_page(built_site):
    measured = subprocess.run([sys.executable, "-m", "scripts.tools.poids", str(built_site)], cwd=ROOT, capture_output=True,
                              text=True, check=False)
    assert measured.returncode == 0, measured.stderr
    rows = {line.split("|")[1].strip(): line.split("|")[2:] for line in measured.stdout.splitlines()
            if line.startswith("| ") and not line.startswith("| Type")}
    index = rows["page `glossaire/`"]
    assert _kilobytes(index[2]) == round((built_site / "glossaire/index.html").stat().st_size / 1024, 1)
    entries = rows["entrées du glossaire (une page chacune)"]
    assert int(entries[0]) == len(GLOSSARY_IDS)
    heaviest = max((built_site / f"glossaire/{entry_id}/index.html").stat().st_size for entry_id in GLOSSARY_IDS)
    assert _kilobytes(entries[2]) == round(heaviest / 1024, 1)
    # A card page loads the scripts of mkdocs.yml (Material's bundle aside) and the one it names (fiche.js), and no
    # more than 30 KB of them.
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    listed = [item["path"] if isinstance(item, dict) else item for item in config["extra_javascript"]]
    scripts = sum((built_site / script).stat().st_size for script in [*listed, "assets/fiche.js"])
    card_js = _kilobytes(rows["fiches (une page chacune)"][5])
    assert card_js == round(scripts / 1024, 1) and scripts <= 30 * 1024
    assert _kilobytes(index[5]) > card_js, "la page du glossaire charge aussi glossaire.js"
