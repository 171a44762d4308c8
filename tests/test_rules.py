"""One failing fixture per rule, checked against the exact list of (file, line, code) it must produce.

Each case in tests/fixtures/cas/ is the valid fixture record changed in one place.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.pipeline.run import check_data, load_schemas
from scripts.pipeline.validate.catalogue import FILE_CHECKS, LIBRARY_CHECKS, RULES

from .cases import CASES, GENERATED, expectations, expected_problems
from .conftest import FIXTURES, ROOT, make_project


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_every_rule_has_a_case_that_breaks_it(tmp_path, rule):
    """The catalogue names, for every code, a case of the corpus; run alone, that case reports the code."""
    assert rule.case in expectations(), f"{rule.code} : cas « {rule.case} » absent de tests/cases.py"
    assert rule.code in {item[-1] for item in expectations()[rule.case]}
    content = (FIXTURES / "cas" / rule.case).read_bytes() if rule.case in CASES else GENERATED[rule.case][0]()
    assert rule.code in {problem.code for problem in run(tmp_path, {rule.case: content})}


def test_every_check_reports_codes_of_the_catalogue():
    codes = {rule.code for rule in RULES}
    declared = [code for check in FILE_CHECKS + LIBRARY_CHECKS for code in check.codes]
    assert set(declared) <= codes
    assert len(declared) == len(set(declared)), "un code est déclaré par deux vérifications"
    assert {rule.code for rule in RULES if rule.stage in ("fichier", "bibliothèque")} <= set(declared)


def test_the_corpus_has_at_least_forty_cases():
    assert len(CASES) + len(GENERATED) >= 40
    assert not set(CASES) & set(GENERATED)


def run(tmp_path: Path, files: dict) -> list:
    """Every problem of a project made of the valid fixtures and `files`, advice included."""
    root = make_project(tmp_path / "projet", files)
    return list(check_data(root, load_schemas(root / "schemas")).problems)


def test_valid_fixtures_have_no_problem(tmp_path):
    assert run(tmp_path, {}) == []


def test_every_case_file_has_an_expectation():
    on_disk = {path.relative_to(FIXTURES / "cas").as_posix() for path in (FIXTURES / "cas").rglob("*.yml")}
    assert on_disk == set(CASES)


@pytest.mark.parametrize("case", sorted(CASES))
def test_case_gives_exactly_its_problems(tmp_path, case):
    problems = run(tmp_path, {case: (FIXTURES / "cas" / case).read_bytes()})
    assert [(problem.path, problem.line, problem.code) for problem in problems] == expected_problems(case, CASES[case])


@pytest.mark.parametrize("case", sorted(GENERATED))
def test_generated_case_gives_exactly_its_problems(tmp_path, case):
    build, expected = GENERATED[case]
    problems = run(tmp_path, {case: build()})
    assert [(problem.path, problem.line, problem.code) for problem in problems] == expected_problems(case, expected)


def test_same_sigle_twice_is_reported_once(tmp_path):
    case = "glossary/sigle-en-double.yml"
    problems = run(tmp_path, {case: (FIXTURES / "cas" / case).read_text(encoding="utf-8")})
    assert [(problem.path, problem.line, problem.code) for problem in problems] == [
        ("glossary/sigle-test.yml", 2, "GLO003")
    ]
    assert "glossary/sigle-en-double.yml" in problems[0].message


def test_all_cases_are_reported_together_in_one_run(tmp_path):
    files = {case: (FIXTURES / "cas" / case).read_bytes() for case in CASES}
    files.update({case: build() for case, (build, _) in GENERATED.items()})
    reported = {(problem.path, problem.line, problem.code) for problem in run(tmp_path, files)}
    expected = {item for case, pairs in expectations().items() for item in expected_problems(case, pairs)}
    assert expected <= reported
    # A broken file never hides the others: every case file that should fail does, in the same run.
    assert {case for case, pairs in CASES.items() if pairs} <= {path for path, _, _ in reported} | {"glossary/sigle-en-double.yml"}


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


def test_documented_limits_are_those_of_the_code():
    from scripts.pipeline.load import MAX_DEPTH, MAX_FILE_BYTES, MAX_FLOW_DEPTH
    from scripts.pipeline.validate.files import MAX_LIST_ITEMS, MAX_TEXT_CHARS

    guide = (ROOT / "docs/contribuer/fiche.md").read_text(encoding="utf-8")
    limits = guide[guide.index("## Les limites"):]
    def french(number: int) -> str:
        return f"{number:,}".replace(",", " ")

    for row in (f"| Taille d'un fichier | {french(MAX_FILE_BYTES // 1000)} ko | `LEC007` |",
                f"| {MAX_DEPTH} niveaux ({MAX_FLOW_DEPTH} crochets",
                f"| Longueur d'un texte, quel que soit le champ | {french(MAX_TEXT_CHARS)} caractères |",
                f"| Nombre d'éléments d'une liste, quelle qu'elle soit | {MAX_LIST_ITEMS} "):
        assert row in limits, row
