"""One layout for every data file: what `python -m scripts format` writes is what the editor (/admin/) saves.

The layout is written twice, in Python (scripts/pipeline/layout.py, for the formatter) and in JavaScript
(docs/assets/editeur/mise-en-forme.js, for the editor, run here by Node): both must write every data file of the
library, and texts chosen to trap a YAML writer, to the same text; that text must read back as the same data; and the
files of the library must already be in that layout, so that a record saved by the editor changes only the lines
its author changed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from scripts.pipeline.layout import WIDTH, dump_record, key_order, pruned, same_layout, schema_header
from scripts.pipeline.load import load_text
from scripts.pipeline.registry import COLLECTIONS
from scripts.pipeline.run import find_data_files, load_schemas

from .conftest import ROOT, run_cli

SCHEMAS = load_schemas(ROOT / "schemas")
NODE = shutil.which("node")
MODULES = ROOT / "editeur" / "node_modules"
SCRIPT = ROOT / "docs" / "assets" / "editeur" / "mise-en-forme.js"

# The JavaScript side, as the editor runs it: read each file with js-yaml (vendored in /admin/), write each record.
NODE_DRIVER = """
const fs = require("fs");
const layout = require(process.argv[1]);
const jsyaml = require(process.argv[2]);
const jobs = JSON.parse(fs.readFileSync(0, "utf8"));
const out = jobs.map(job => {
  const result = {};
  if (job.text !== undefined) {
    try { result.loaded = layout.load(job.text, jsyaml); } catch (error) { result.error = String(error); }
  }
  if (job.data !== undefined) result.dumped = layout.dump(job.data, job.layout);
  return result;
});
process.stdout.write(JSON.stringify(out));
"""

# Texts that a careless YAML writer gets wrong: numbers, dates, booleans and nulls in disguise, indicators, quotes,
# escapes, line breaks, invisible characters, long and short texts, French typography.
TRAPS = [
    "003", "2017", "2017-09", "2017-06-26", "1:20", "0x1F", "1e3", ".5", "-3", "+3", "yes", "No", "ON", "off", "y",
    "n", "null", "~", "true", "False", "<<", "=", "- tiret", "-tiret", "? question", ":deux", "a: b", "a:b", "fin:",
    "# dièse", "a #b", "a#b", "[crochet]", "{accolade}", "&ancre", "*alias", "!etiquette", "|barre", ">plus",
    "'apostrophe'", "l'apostrophe", '"guillemets"', 'dit "oui"', "%pourcent", "@arobase", "`accent`", " espace avant",
    "espace après ", "deux  espaces", "tab\there", "ligne\nsuivante", "retour\r", "nul\x00", "nel\x85fin",
    "sep\u2028arateur", "bom\ufeff", "insécable\u00a0:", "fine\u202f;", "« guillemets » français", "emoji 🙂 fin",
    "barre \\ oblique", "x" * 130, " ".join(["mot"] * 60), "Non documenté par la source.",
    "https://www.legifrance.gouv.fr/eli/loi/2023/12/18/2023-1196/jo/texte" + "/x" * 40, "a" * 121 + " b",
]


def _all_files():
    for name, paths in find_data_files(ROOT).items():
        collection = next(collection for collection in COLLECTIONS if collection.name == name)
        for path in paths:
            yield collection, path


def _layout(collection) -> dict:
    return {"entete": schema_header(collection.schema), "ordre": key_order(collection.schema, SCHEMAS.raw)}


def _dump(data: dict, layout: dict) -> str:
    return dump_record(data, layout["ordre"], layout["entete"])


def _read(path: Path):
    loaded, problems = load_text(path.read_bytes(), path.relative_to(ROOT).as_posix())
    assert loaded is not None, problems
    return loaded.data


def _node(jobs: list[dict]) -> list[dict]:
    assert NODE, "Node.js manque : make test l'installe (paquets Debian nodejs et npm)."
    assert (MODULES / "js-yaml").is_dir(), "editeur/node_modules manque : lancez make test (npm ci dans editeur/)."
    run = subprocess.run([NODE, "-e", NODE_DRIVER, str(SCRIPT), str(MODULES / "js-yaml")], input=json.dumps(jobs),
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_every_data_file_is_in_the_common_layout():
    """A record the editor saves differs from its file only where its author changed it."""
    off = [path.relative_to(ROOT).as_posix() for collection, path in _all_files()
           if not same_layout(path.read_text(encoding="utf-8"), _dump(_read(path), _layout(collection)))]
    assert not off, f"{len(off)} fichier(s) hors de la mise en forme commune ; lancez make format : {off[:10]}"


def test_the_layout_reads_back_as_the_same_data():
    for collection, path in _all_files():
        data = _read(path)
        text = _dump(data, _layout(collection))
        again, problems = load_text(text.encode("utf-8"), "x.yml")
        assert again is not None and again.data == pruned(data), (path, problems)


def test_folded_texts_fit_the_width_and_keys_follow_the_schema():
    card = ROOT / "practices" / "ticket-d-or.yml"
    text = card.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../schemas/pratique.schema.json"
    keys = [line.split(":")[0] for line in lines[1:] if not line.startswith(" ")]
    assert keys[:6] == ["id", "titre", "resume", "type", "stade", "echelle"] and keys[-2:] == ["sources", "mise_a_jour"]
    assert 'document: "003"' in text and "lignes: \"368-384\"" in text
    folded = [line for line in lines if line.startswith("  ") and not line.lstrip().startswith(("-", "#"))]
    assert folded and all(len(line) <= WIDTH for line in folded if " " in line.strip())


def test_javascript_writes_every_file_as_python_does():
    files = list(_all_files())
    jobs = [{"data": _read(path), "layout": _layout(collection)} for collection, path in files]
    for collection, (python, javascript) in zip([c for c, _ in files], zip(
            [_dump(job["data"], job["layout"]) for job in jobs], _node(jobs))):
        assert javascript["dumped"] == python, collection.name


def test_javascript_reads_every_file_as_python_does():
    files = list(_all_files())
    results = _node([{"text": path.read_text(encoding="utf-8")} for _, path in files])
    for (_, path), result in zip(files, results):
        assert result.get("loaded") == _read(path), path


def test_traps_are_written_alike_and_read_back():
    layout = _layout(COLLECTIONS[1])
    records = [{"id": "piege", "titre": trap, "demarche": [trap], "territoire": {"lieu": trap}} for trap in TRAPS]
    results = _node([{"data": record, "layout": layout} for record in records])
    for record, result in zip(records, results):
        python = _dump(record, layout)
        assert result["dumped"] == python, record["titre"]
        again, problems = load_text(python.encode("utf-8"), "x.yml")
        assert again is not None and again.data == record, (record["titre"], problems)
    read = _node([{"text": _dump(record, layout)} for record in records])
    assert [result.get("loaded") for result in read] == records


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=150), min_size=1,
                max_size=4))
def test_any_text_reads_back(texts):
    """Whatever an author types into a form is saved as text that reads back unchanged."""
    layout = _layout(COLLECTIONS[1])
    record = {"id": "x", "titre": texts[0], "objectifs": texts}
    again, problems = load_text(_dump(record, layout).encode("utf-8"), "x.yml")
    assert again is not None and again.data == pruned(record), problems


def test_format_rewrites_a_file_to_the_common_layout_and_leaves_others_alone():
    base = Path(tempfile.mkdtemp(prefix="format-"))
    try:
        for folder in ("schemas", "practices"):
            shutil.copytree(ROOT / folder, base / folder)
        for collection in COLLECTIONS:
            (base / collection.folder).mkdir(exist_ok=True)
        card = base / "practices" / "ticket-d-or.yml"
        canonical = card.read_text(encoding="utf-8")
        scrambled = canonical.replace('document: "003"', "document: '003'").replace("themes:\n  - relation entreprises\n"
                                                                                  "  - recrutement\n  - innovation publique",
                                                                                  "themes: [relation entreprises, recrutement, "
                                                                                  "innovation publique]")
        assert scrambled != canonical
        card.write_text(scrambled, encoding="utf-8")
        other = min(path for path in (base / "practices").glob("*.yml") if path != card)
        before = other.stat().st_mtime_ns
        run = run_cli("--racine", str(base), "format")
        assert run.returncode == 0, run.stderr
        assert card.read_text(encoding="utf-8") == canonical
        assert "Remis en forme : practices/ticket-d-or.yml" in run.stdout and "1 fichier remis en forme." in run.stdout
        assert other.stat().st_mtime_ns == before
    finally:
        shutil.rmtree(base)
