"""The compiled schema check agrees with jsonschema: never « valid » where jsonschema finds an error."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.pipeline.load import load_file
from scripts.pipeline.registry import ALLOW_LIST_SCHEMA, COLLECTIONS
from scripts.pipeline.run import load_schemas
from scripts.pipeline.validate.fastcheck import compile_check

from .conftest import FIXTURES, ROOT

NAME_OF = {collection.folder: collection.name for collection in COLLECTIONS}

SCHEMAS = load_schemas(ROOT / "schemas")
# Only files that load: a file the loader refuses never reaches the schema check, so there is nothing to compare.
RECORDS = sorted(path for base in (ROOT, FIXTURES / "valide", FIXTURES / "cas") for folder in NAME_OF
                 for path in (base / folder).rglob("*.yml") if load_file(path, ROOT)[0] is not None)


def _collection(path: Path) -> str:
    return NAME_OF[next(part for part in reversed(path.parts) if part in NAME_OF)]


def _mutations(data: dict):
    """A few broken copies of a valid record: a field removed, a wrong type, an unknown field, an empty list."""
    for key in list(data)[:3]:
        broken = copy.deepcopy(data)
        del broken[key]
        yield broken
    for key, value in list(data.items())[:6]:
        broken = copy.deepcopy(data)
        broken[key] = 3.0 if isinstance(value, str) else "texte"
        yield broken
        if isinstance(value, list):
            yield {**copy.deepcopy(data), key: []}
    yield {**copy.deepcopy(data), "champ_inconnu": "x"}


def test_every_schema_compiles():
    for file_name in (*(collection.schema for collection in COLLECTIONS), ALLOW_LIST_SCHEMA):
        assert compile_check(file_name, SCHEMAS.raw) is not None, file_name


@pytest.mark.parametrize("path", RECORDS, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_compiled_check_agrees_with_jsonschema(path):
    loaded, _ = load_file(path, ROOT)
    validator = SCHEMAS.validators[_collection(path)]
    for data in (loaded.data, *_mutations(loaded.data)):
        errors = list(validator.validator.iter_errors(data))
        assert validator.check(data) == (not errors), [error.message for error in errors]


def _imports_jsonschema(project: Path) -> list[str]:
    code = ("import sys\nfrom pathlib import Path\nfrom scripts.pipeline.run import check_data, load_schemas\n"
            f"root = Path({str(project)!r})\nresult = check_data(root, load_schemas(root / 'schemas'))\n"
            "print(len(result.errors), 'jsonschema' in sys.modules)")
    output = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return output.split()


def test_jsonschema_is_loaded_only_for_a_file_the_compiled_check_refuses(project):
    # A run where every file is valid does not pay for importing jsonschema; a broken file still gets its messages.
    project = project()
    assert _imports_jsonschema(project) == ["0", "False"]
    card = next((project / "practices").glob("*.yml"))
    card.write_text(card.read_text(encoding="utf-8").replace("stade: ", "stade: inconnu-", 1), encoding="utf-8")
    assert _imports_jsonschema(project) == ["1", "True"]
