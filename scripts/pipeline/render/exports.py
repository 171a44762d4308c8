"""Open-data exports of validated records: JSON (the records as written) and CSV (one row per record)."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import TYPE_CHECKING

from ..memo import memoized, value_digest

if TYPE_CHECKING:
    from ..validate.schemas import Schemas

LIST_SEPARATOR = " | "


def export_json(records: list[dict]) -> str:
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"


# At 10,000 cards the exports weigh 60 MB each and change with every card: each record is written again only when it
# changed (scripts/pipeline/memo.py), the files are assembled from the pieces.
@memoized(limit=1 << 18, key=value_digest)
def _json_item(record: dict) -> str:
    """A record as `export_json` writes it inside the list: one level deeper, hence one more space on each line (no
    line break can occur inside a JSON string)."""
    return " " + json.dumps(record, ensure_ascii=False, indent=1).replace("\n", "\n ")


def export_records_json(records: list[dict]) -> str:
    """The same text as export_json(records)."""
    return "[\n" + ",\n".join(map(_json_item, records)) + "\n]\n" if records else "[]\n"


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


def _csv_line(values: list[str]) -> str:
    stream = io.StringIO()
    csv.writer(stream, lineterminator="\n").writerow(values)
    return stream.getvalue()


@memoized(limit=1 << 18, key=value_digest)
def _csv_row(record: dict, columns: tuple[str, ...]) -> str:
    return _csv_line([_cell(record.get(column)) for column in columns])


def export_csv(records: list[dict], columns: list[str]) -> str:
    """CSV with a header in schema order; a column left empty means the field is absent."""
    columns = tuple(columns)
    return _csv_line(list(columns)) + "".join(_csv_row(record, columns) for record in records)


def render_exports(files: dict, schemas: Schemas, targets: list[tuple[str, str, str]]) -> dict[str, str]:
    """For each collection of `targets` (name, stem, schema file): its records as JSON and CSV, with the schema that
    describes them, beside the page that links them."""
    exports = {}
    for name, stem, schema_file in targets:
        records = sorted((loaded.data for loaded in files.get(name, [])), key=lambda data: data["id"])
        columns = list(schemas.raw[schema_file]["properties"])
        exports[f"{stem}.json"] = export_records_json(records)
        exports[f"{stem}.csv"] = export_csv(records, columns)
        folder = stem.rsplit("/", 1)[0]
        # The schema refers to its neighbours (sources, vocabularies): publish them beside it.
        for schema_name in (schema_file, "communs.json", "vocabulaires.json"):
            exports[f"{folder}/{schema_name}"] = export_json(schemas.raw[schema_name])
    return exports
