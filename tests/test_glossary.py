"""The glossary: exports that round-trip to the data, one entry per sigle, tooltips on the pages."""

from __future__ import annotations

import csv
import io
import json

import pytest

from scripts.pipeline.render.exports import LIST_SEPARATOR
from scripts.pipeline.run import check_data, load_schemas
from scripts.pipeline.text import fold

from .conftest import ROOT

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
