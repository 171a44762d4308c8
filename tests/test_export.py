"""Open-data exports: a cell that a spreadsheet would run as a formula is kept as text."""

from __future__ import annotations

import csv
import io

import pytest

from scripts.pipeline.render.exports import export_csv


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
