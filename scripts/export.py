"""Open-data exports of validated records: JSON (the records as written) and CSV (one row per record)."""

from __future__ import annotations

import csv
import io
import json
import re

LIST_SEPARATOR = " | "


def export_json(records: list[dict]) -> str:
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"


# A spreadsheet runs a cell that starts like a formula (« =HYPERLINK(…) »): such a cell gets a leading apostrophe,
# which spreadsheets hide and treat as « this is text ». A dash followed by a digit or a space stays as it is.
_FORMULA = re.compile(r"^(?:[=+@\t\r]|-(?![\d\s]))")


def _cell(value: object) -> str:
    """Text lists become « a | b »; lists of objects (sources, senses) stay JSON so nothing is lost."""
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        text = LIST_SEPARATOR.join(value)
    elif isinstance(value, (list, dict)):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = "" if value is None else str(value)
    return "'" + text if _FORMULA.match(text) else text


def export_csv(records: list[dict], columns: list[str]) -> str:
    """CSV with a header in schema order; a column left empty means the field is absent."""
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([_cell(record.get(column)) for column in columns])
    return stream.getvalue()
