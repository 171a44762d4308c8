"""Open-data exports: a cell that a spreadsheet would run as a formula is kept as text; the files assembled record by
record (each kept by the render memo) are those the whole library written at once gives."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scripts.pipeline.render.exports import _cell, export_csv, export_json, export_records_json
from scripts.pipeline.run import check_data, load_schemas

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("value", "cell"), [
    ("=HYPERLINK(\"http://exemple.invalid\")", "'=HYPERLINK(\"http://exemple.invalid\")"),
    ("+33 1 23", "'+33 1 23"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"),
    ("\tcaché", "'\tcaché"),
    ("- une étape", "- une étape"),
    ("-5 % de chômage", "-5 % de chômage"),
    ("Ticket d'or", "Ticket d'or"),
    (["=1+1", "b"], "'=1+1 | b"),
])
def test_formula_like_cells_are_kept_as_text(value, cell):
    rows = list(csv.reader(io.StringIO(export_csv([{"id": "x", "titre": value}], ["id", "titre"]))))
    assert rows == [["id", "titre"], ["x", cell]]


_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                     lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
                     max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.dictionaries(st.text(max_size=10), _JSON, max_size=6), max_size=5))
def test_the_json_export_assembled_record_by_record_is_the_whole_list_written_at_once(records):
    assert export_records_json(records) == export_json(records)
    assert json.loads(export_records_json(records)) == records


def test_the_exports_of_the_library_are_those_written_at_once():
    schemas = load_schemas(ROOT / "schemas")
    files = check_data(ROOT, schemas, use_cache=False).files
    for name, schema in (("practices", "pratique.schema.json"), ("glossary", "glossaire.schema.json")):
        records = sorted((loaded.data for loaded in files[name]), key=lambda data: data["id"])
        assert len(records) > 100
        assert export_records_json(records) == export_json(records)
        columns = list(schemas.raw[schema]["properties"])
        # One writer for the whole file, as the export was written before it was assembled row by row.
        stream = io.StringIO()
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_cell(record.get(column)) for column in columns] for record in records)
        assert export_csv(records, columns) == stream.getvalue()
