"""Property-based tests: random and mutated records never produce a traceback, only clean French problems.

Hypothesis writes random YAML text, random bytes and mutations of the valid fixture records (keys dropped or
misspelt, values of the wrong type, random Unicode, truncation, lines swapped) into a throw-away project, then
runs the whole check. Every problem must name the file, a line and column that exist, and a code of the
catalogue; a record that passes the check must also render. Derandomised, so CI runs the same examples each time.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts.pipeline.load import load_text
from scripts.pipeline.run import build_library, check_data, load_schemas, render_pages
from scripts.pipeline.validate.catalogue import CATALOGUE

from .conftest import FIXTURES, make_project

EXAMPLES = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

CARD_PATH = "practices/fiche-valide.yml"
RECORDS = {
    CARD_PATH: (FIXTURES / "valide" / CARD_PATH).read_text(encoding="utf-8"),
    "glossary/sigle-test.yml": (FIXTURES / "valide/glossary/sigle-test.yml").read_text(encoding="utf-8"),
    "residences/rapport-valide.yml": (FIXTURES / "valide/residences/rapport-valide.yml").read_text(encoding="utf-8"),
}

# Pieces of YAML that go wrong in real files, and a few that attack the reader.
YAML_TOKENS = [
    "titre", "id", "sources", "themes", "periode", "debut", ": ", ":", "- ", "-", "\n", "  ", "    ", "\t", "[", "]",
    "{", "}", ",", "'", '"', "|", ">-", "#", "&a ", "*a", "<<: ", "? ", "---\n", "...\n", "%YAML 1.1\n", "!!python/object:os.system ",
    "!!binary ", "!perso ", "~", "null", "oui", "yes", "003", "2026-02-30", "10:20", "1e400", ".nan", "9" * 40, "é", "«", "🙂",
    "\x00", "\x07", "\ufeff", "\r\n", "\u2028", "<script>", "[x](javascript:a)", "{: onclick=a}", "--8<-- ", "SIGLE",
]


class Workspace:
    """A project and its schemas; a short repr, since Hypothesis prints the arguments of a failing example."""

    def __init__(self, root: Path):
        self.root, self.schemas = root, load_schemas(root / "schemas")

    def __repr__(self) -> str:
        return f"Workspace({self.root})"


@pytest.fixture(scope="module")
def workspace():
    """One project for all examples (Hypothesis forbids function-scoped fixtures): each example rewrites its file."""
    base = Path(tempfile.mkdtemp(prefix="proprietes-"))
    yield Workspace(make_project(base / "projet"))
    shutil.rmtree(base)


def check_clean(workspace: Workspace, path: str, content: bytes) -> None:
    """Write one file, check the whole project, and hold every problem to the contract."""
    root, schemas = workspace.root, workspace.schemas
    for relative, text in RECORDS.items():
        (root / relative).write_text(text, encoding="utf-8")
    target = root / path
    target.write_bytes(content)
    try:
        result = check_data(root, schemas)
    finally:
        if path not in RECORDS:
            target.unlink()
    line_count = content.count(b"\n") + 1
    known_files = set(RECORDS) | {path}
    for problem in result.problems:
        assert problem.code in CATALOGUE, problem.format()
        assert problem.path in known_files, problem.format()
        assert problem.line >= 1 and problem.column >= 1, problem.format()
        if problem.path == path:
            assert problem.line <= line_count, problem.format()
        assert problem.message and "Traceback" not in problem.message
        assert len(problem.format().splitlines()) == 1, problem.format()
    if not result.errors:
        # What passes the check must render: a page never fails on data the check accepted.
        render_pages(build_library(result.files, schemas), schemas, result.files, {})


@EXAMPLES
@given(st.lists(st.sampled_from(YAML_TOKENS) | st.text(max_size=6), max_size=60).map("".join))
def test_random_yaml_text_gives_clean_problems(workspace, text):
    check_clean(workspace, "practices/aleatoire.yml", text.encode("utf-8", "surrogatepass"))


@EXAMPLES
@given(st.binary(max_size=300))
def test_random_bytes_give_clean_problems(workspace, raw):
    check_clean(workspace, "practices/octets.yml", raw)


def _scalars():
    return (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30)
            | st.sampled_from(["", "2026-02-30", "003", "<script>x</script>", "[a](javascript:b)", "SIGLE"]))


def _values():
    return st.recursive(_scalars(), lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                               max_size=4), max_leaves=12)


@st.composite
def mutated_record(draw):
    """A valid fixture with a few random changes: the realistic shape of a contributor's mistake."""
    path = draw(st.sampled_from(sorted(RECORDS)))
    data = yaml.safe_load(RECORDS[path])
    for _ in range(draw(st.integers(1, 4))):
        container, key = _pick(draw, data)
        action = draw(st.sampled_from(["drop", "replace", "rename", "unicode", "nest"]))
        if action == "drop" and isinstance(container, dict) and len(container) > 1:
            del container[key]
        elif action == "replace":
            container[key] = draw(_values())
        elif action == "rename" and isinstance(container, dict):
            container[draw(st.text(min_size=1, max_size=12))] = container.pop(key)
        elif action == "unicode" and isinstance(container[key], str):
            cut = draw(st.integers(0, len(container[key])))
            container[key] = container[key][:cut] + draw(st.text(min_size=1, max_size=10)) + container[key][cut:]
        elif action == "nest":
            container[key] = [container[key]]
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return path, text


def _pick(draw, data):
    """A random (container, key) inside the record, reached by walking down a few levels."""
    container = data
    while True:
        keys = list(container) if isinstance(container, dict) else list(range(len(container)))
        key = draw(st.sampled_from(keys))
        child = container[key]
        if not (isinstance(child, (dict, list)) and child) or draw(st.booleans()):
            return container, key
        container = child


@EXAMPLES
@given(mutated_record())
def test_mutated_records_give_clean_problems(workspace, record):
    path, text = record
    check_clean(workspace, path, text.encode("utf-8"))


@st.composite
def mangled_text(draw):
    """The valid card's text cut, with a line dropped, doubled or re-indented, or random characters typed in."""
    lines = RECORDS[CARD_PATH].splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["truncate", "drop", "double", "indent", "dedent", "type", "tab"]))
        if action == "truncate":
            lines = lines[:index] + [lines[index][:draw(st.integers(0, len(lines[index])))]]
        elif action == "drop":
            del lines[index]
        elif action == "double":
            lines.insert(index, lines[index])
        elif action == "indent":
            lines[index] = " " * draw(st.integers(1, 5)) + lines[index]
        elif action == "dedent":
            lines[index] = lines[index].lstrip(" ")
        elif action == "type":
            cut = draw(st.integers(0, len(lines[index])))
            lines[index] = lines[index][:cut] + draw(st.sampled_from(YAML_TOKENS) | st.text(max_size=3)) + lines[index][cut:]
        elif action == "tab":
            lines[index] = lines[index].replace("  ", "\t", 1)
        if not lines:
            break
    return "".join(lines)


@EXAMPLES
@given(mangled_text())
def test_mangled_card_text_gives_clean_problems(workspace, text):
    check_clean(workspace, CARD_PATH, text.encode("utf-8", "surrogatepass"))


@EXAMPLES
@given(st.text(max_size=200))
def test_loader_alone_never_raises(text):
    loaded, problems = load_text(text.encode("utf-8", "surrogatepass"), "f.yml")
    assert (loaded is None) == bool(problems)
