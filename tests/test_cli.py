"""The command line as an author meets it: exit codes, French messages, every problem of a run at once."""

from __future__ import annotations

import re

from .cases import CASES, GENERATED, expectations, expected_problems
from .conftest import FIXTURES, run_cli

VALID_CARD = (FIXTURES / "valide/practices/fiche-valide.yml").read_text(encoding="utf-8")


def test_check_lists_every_broken_file_with_its_line_in_one_run(project):
    root = project({
        "practices/syntaxe.yml": "id: syntaxe\ntitre: [ouvert\n",
        "practices/double.yml": "id: double\ntitre: a\ntitre: b\n",
        "practices/inconnu.yml": VALID_CARD.replace("id: fiche-valide", "id: inconnu").replace("resultats:", "resultat:"),
        "practices/stade.yml": VALID_CARD.replace("id: fiche-valide", "id: stade").replace("stade: expérimenté", "stade: teste"),
        "practices/vide.yml": "",
        "practices/latin1.yml": "id: latin1\ntitre: caf\xe9\n".encode("latin-1"),
        "practices/lien.yml": VALID_CARD.replace("id: fiche-valide", "id: lien").replace(
            "sources:", "pratiques_liees:\n  - n-existe-pas\nsources:"),
    })
    result = run_cli("--racine", str(root), "check", cwd=root)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.splitlines()
    located = {line.split(" : ")[0].rsplit(":", 1)[0] + " " + line.split(" : ")[1].split()[0] for line in lines if " : " in line}
    assert {
        "practices/syntaxe.yml:3 LEC003",
        "practices/double.yml:3 LEC004",
        "practices/inconnu.yml:24 SCH001",
        "practices/stade.yml:7 SCH004",
        "practices/vide.yml:1 LEC002",
        "practices/latin1.yml:2 LEC001",
        "practices/lien.yml:30 REF003",
    } <= located
    assert lines[-1] == "10 fichiers lus : 8 erreurs, 0 avertissement."


def test_check_passes_on_valid_data(project):
    root = project()
    result = run_cli("--racine", str(root), "check", cwd=root)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "3 fichiers lus : 0 erreur, 0 avertissement."


def test_generate_keeps_previous_pages_when_data_breaks(project):
    root = project()
    assert run_cli("--racine", str(root), "generate", cwd=root).returncode == 0
    page = root / "docs/pratiques/fiche-valide.md"
    before = page.read_text(encoding="utf-8")
    (root / "practices/fiche-valide.yml").write_text(VALID_CARD.replace("stade: expérimenté", "stade: ?"), encoding="utf-8")
    result = run_cli("--racine", str(root), "generate", cwd=root)
    assert result.returncode == 1
    assert "les pages déjà produites restent en place" in result.stderr
    assert page.read_text(encoding="utf-8") == before


def test_new_practice_starter_passes_check(project):
    root = project(with_valid=False)
    created = run_cli("--racine", str(root), "nouvelle-fiche", "Petit-déjeuner des partenaires", cwd=root)
    assert created.returncode == 0, created.stderr
    starter = root / "practices/petit-dejeuner-des-partenaires.yml"
    assert starter.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../schemas/pratique.schema.json")
    checked = run_cli("--racine", str(root), "check", cwd=root)
    assert checked.returncode == 0, checked.stderr
    assert "AVI003" in checked.stdout
    again = run_cli("--racine", str(root), "nouvelle-fiche", "Petit-déjeuner des partenaires", cwd=root)
    assert again.returncode == 1 and "existe déjà" in again.stderr


def test_check_on_the_whole_broken_corpus_lists_every_problem_in_french(project):
    """Every case of the corpus at once: one run, every expected problem and nothing else, French and located."""
    files = {case: (FIXTURES / "cas" / case).read_bytes() for case in CASES}
    files.update({case: build() for case, (build, _) in GENERATED.items()})
    root = project(files)
    result = run_cli("--racine", str(root), "check", cwd=root)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    *errors, summary = result.stderr.splitlines()
    advice = result.stdout.splitlines()
    lines = errors + advice
    located = re.compile(r"^(?P<path>[\w./-]+\.yml):(?P<line>[1-9]\d*):(?P<column>[1-9]\d*) : (?P<code>[A-Z]{3}\d{3}) (?P<message>.+)$")
    matches = [located.match(line) for line in lines]
    assert [line for line, match in zip(lines, matches) if not match] == []
    assert sorted((match["path"], int(match["line"]), match["code"]) for match in matches) == sorted(
        item for case, pairs in expectations().items() for item in expected_problems(case, pairs))
    assert all(" avertissement : " in line for line in advice) and not any(" avertissement : " in line for line in errors)
    english = re.compile(r"\b(found|expected|could not|is not|Error|unacceptable|position|property)\b")
    assert [line for line in lines if english.search(line)] == []
    # Each message says what to do: a sentence after the diagnosis, or the closest allowed value.
    assert [line for line, match in zip(lines, matches) if not re.search(r"[.?] \S|(^|: )[a-zé]+ez\b", match["message"])] == []
    assert summary == f"{len(files) + 3} fichiers lus : {len(errors)} erreurs, {len(advice)} avertissements."
