"""Open-data exports of validated records: JSON (the records as written) and CSV (one row per record)."""

from __future__ import annotations

import csv
import io
import json

LIST_SEPARATOR = " | "


def export_json(records: list[dict]) -> str:
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"


def _cell(value: object) -> str:
    """Text lists become « a | b »; lists of objects (sources, senses) stay JSON so nothing is lost."""
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else str(value)


def export_csv(records: list[dict], columns: list[str]) -> str:
    """CSV with a header in schema order; a column left empty means the field is absent."""
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([_cell(record.get(column)) for column in columns])
    return stream.getvalue()
