"""One failing fixture per rule, checked against the exact list of (file, line, code) it must produce.

Each case in tests/fixtures/cas/ is the valid fixture record changed in one place.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.pipeline import check_data, load_schemas

from .conftest import FIXTURES, make_project

CASES = {
    "practices/stade-inconnu.yml": [(7, "SCH004")],
    "practices/theme-inconnu.yml": [(19, "SCH004")],
    "practices/champ-inconnu.yml": [(2, "SCH002"), (24, "SCH001")],
    "practices/champ-absent.yml": [(2, "SCH002")],
    "practices/cle-en-double.yml": [(9, "LEC004")],
    "practices/syntaxe-yaml.yml": [(15, "LEC003")],
    "practices/mauvais-type.yml": [(19, "SCH003")],
    "practices/date-invalide.yml": [(15, "SCH005")],
    "practices/id-different.yml": [(2, "REF001")],
    "practices/pratique-liee-inconnue.yml": [(30, "REF003")],
    "practices/lignes-hors-document.yml": [(32, "SRC001")],
    "practices/vide.yml": [(1, "LEC002")],
    "practices/commentaires-seuls.yml": [(1, "LEC002")],
    "practices/alias.yml": [(3, "LEC005")],
    "practices/etiquette.yml": [(2, "LEC006")],
    "practices/tabulation.yml": [(2, "LEC003")],
    "practices/sigle-inconnu.yml": [(20, "GLO004")],
    "glossary/sigle-et-terme.yml": [(1, "GLO001")],
    "glossary/historique-incomplet.yml": [(6, "GLO002"), (6, "GLO002")],
    "glossary/voir-aussi-inconnu.yml": [(8, "REF004")],
    "residences/calendrier-a-l-envers.yml": [(19, "CAL001")],
    "residences/piste-inconnue.yml": [(24, "REF007")],
    "residences/piste-sans-retour.yml": [(24, "REF008")],
}


def run(tmp_path: Path, files: dict) -> list:
    root = make_project(tmp_path / "projet", files)
    result = check_data(root, load_schemas(root / "schemas"))
    return [problem for problem in result.problems if problem.severity == "erreur"]


def test_valid_fixtures_have_no_problem(tmp_path):
    assert run(tmp_path, {}) == []


def test_every_case_file_has_an_expectation():
    on_disk = {path.relative_to(FIXTURES / "cas").as_posix() for path in (FIXTURES / "cas").rglob("*.yml")}
    assert on_disk == set(CASES) | {"glossary/sigle-en-double.yml"}


@pytest.mark.parametrize("case", sorted(CASES))
def test_case_gives_exactly_its_problems(tmp_path, case):
    problems = run(tmp_path, {case: (FIXTURES / "cas" / case).read_text(encoding="utf-8")})
    assert [(problem.path, problem.line, problem.code) for problem in problems] == [
        (case, line, code) for line, code in CASES[case]
    ]


def test_same_sigle_twice_is_reported_once(tmp_path):
    case = "glossary/sigle-en-double.yml"
    problems = run(tmp_path, {case: (FIXTURES / "cas" / case).read_text(encoding="utf-8")})
    assert [(problem.path, problem.line, problem.code) for problem in problems] == [
        ("glossary/sigle-test.yml", 2, "GLO003")
    ]
    assert "glossary/sigle-en-double.yml" in problems[0].message


def test_all_cases_are_reported_together_in_one_run(tmp_path):
    files = {case: (FIXTURES / "cas" / case).read_text(encoding="utf-8") for case in CASES}
    reported = {(problem.path, problem.line, problem.code) for problem in run(tmp_path, files)}
    expected = {(case, line, code) for case, pairs in CASES.items() for line, code in pairs}
    assert expected <= reported


def test_unknown_value_hint_names_the_closest_allowed_value(tmp_path):
    problems = run(tmp_path, {"practices/stade-inconnu.yml": (FIXTURES / "cas/practices/stade-inconnu.yml").read_text()})
    assert problems[0].format() == (
        "practices/stade-inconnu.yml:7:8 : SCH004 « stade » doit valoir l'un de : idée, prototype testé, expérimenté, "
        "déployé, généralisé (reçu : « prototype »). Vouliez-vous dire « prototype testé » ?"
    )


def test_misspelt_field_hint(tmp_path):
    problems = run(tmp_path, {"practices/champ-inconnu.yml": (FIXTURES / "cas/practices/champ-inconnu.yml").read_text()})
    assert "champ inconnu « resultat ». Vouliez-vous dire « resultats » ?" in problems[1].message


def test_link_to_a_broken_file_is_not_reported_twice(tmp_path):
    broken = (FIXTURES / "cas/practices/stade-inconnu.yml").read_text()
    linking = (FIXTURES / "valide/practices/fiche-valide.yml").read_text().replace(
        "id: fiche-valide", "id: lien").replace("sources:", "pratiques_liees:\n  - stade-inconnu\nsources:")
    problems = run(tmp_path, {"practices/stade-inconnu.yml": broken, "practices/lien.yml": linking})
    assert [(problem.path, problem.code) for problem in problems] == [("practices/stade-inconnu.yml", "SCH004")]


def test_advice_never_blocks(tmp_path):
    minimal = (FIXTURES / "valide/practices/fiche-valide.yml").read_text().replace("id: fiche-valide", "id: minimale")
    minimal = minimal.split("enseignements:")[0] + "sources:" + minimal.split("sources:")[1]
    root = make_project(tmp_path / "projet", {"practices/minimale.yml": minimal})
    result = check_data(root, load_schemas(root / "schemas"))
    assert result.errors == ()
    assert [(problem.path, problem.code) for problem in result.problems] == [
        ("practices/minimale.yml", "AVI002"), ("practices/minimale.yml", "AVI002")
    ]


def test_allow_list_and_hand_written_pages(tmp_path):
    page = "# Titre\n\nLe CV et le XYZ.\n\n```\nCODE ABC\n```\n"
    allow = "sigles:\n  - sigle: CV\n    raison: abréviation courante\n"
    problems = run(tmp_path, {"docs/page.md": page, "sigles-hors-glossaire.yml": allow})
    assert [(problem.path, problem.line, problem.column, problem.code) for problem in problems] == [
        ("docs/page.md", 3, 13, "GLO004")
    ]
