"""Open-data exports of validated records: JSON (the records as written) and CSV (one row per record)."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..validate.schemas import Schemas

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


def render_exports(files: dict, schemas: Schemas, targets: list[tuple[str, str, str]]) -> dict[str, str]:
    """For each collection of `targets` (name, stem, schema file): its records as JSON and CSV, with the schema that
    describes them, beside the page that links them."""
    exports = {}
    for name, stem, schema_file in targets:
        records = sorted((loaded.data for loaded in files.get(name, [])), key=lambda data: data["id"])
        columns = list(schemas.raw[schema_file]["properties"])
        exports[f"{stem}.json"] = export_json(records)
        exports[f"{stem}.csv"] = export_csv(records, columns)
        folder = stem.rsplit("/", 1)[0]
        # The schema refers to its neighbours (sources, vocabularies): publish them beside it.
        for schema_name in (schema_file, "communs.json", "vocabulaires.json"):
            exports[f"{folder}/{schema_name}"] = export_json(schemas.raw[schema_name])
    return exports
