"""One failing fixture per rule, checked against the exact list of (file, line, code) it must produce.

Each case in tests/fixtures/cas/ is the valid fixture record changed in one place.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.pipeline import check_data, load_schemas

from .conftest import FIXTURES, ROOT, make_project

# Case file → the exact errors it must produce, in order: (line, code) in the case file itself, or
# (file, line, code) when the problem is reported in another file of the project.
CASES = {
    # YAML syntax, one common mistake each
    "practices/syntaxe-yaml.yml": [(15, "LEC003")],  # quote left open
    "practices/crochet-non-ferme.yml": [(19, "LEC003")],
    "practices/deux-points-dans-valeur.yml": [(3, "LEC003")],
    "practices/indentation-incoherente.yml": [(11, "LEC003")],
    "practices/tiret-mal-aligne.yml": [(23, "LEC003")],
    "practices/caractere-interdit-en-tete.yml": [(20, "LEC003")],  # « @ » cannot start a value
    "practices/caractere-de-controle.yml": [(20, "LEC003")],  # U+0007 pasted from another program
    "practices/deux-documents.yml": [(34, "LEC003")],  # « --- » starts a second record
    "practices/tabulation.yml": [(2, "LEC003")],
    # Keys
    "practices/cle-en-double.yml": [(9, "LEC004")],
    "practices/cle-en-double-imbriquee.yml": [(11, "LEC004")],
    "practices/cle-de-fusion.yml": [(10, "LEC009")],  # « <<: » merge key
    "practices/liste-au-sommet.yml": [(2, "LEC008")],
    # Anchors and tags that would build Python objects
    "practices/alias.yml": [(3, "LEC005")],
    "practices/etiquette.yml": [(2, "LEC006")],
    "practices/etiquette-python-nom.yml": [(3, "LEC006")],
    "practices/etiquette-sur-objet.yml": [(9, "LEC006")],
    # Empty files
    "practices/vide.yml": [(1, "LEC002")],
    "practices/commentaires-seuls.yml": [(1, "LEC002")],
    # Types and fields
    "practices/mauvais-type.yml": [(19, "SCH003")],
    "practices/texte-au-lieu-de-liste.yml": [(16, "SCH003")],
    "practices/nombre-au-lieu-de-texte.yml": [(24, "SCH003")],
    "practices/valeur-vide.yml": [(20, "SCH003")],
    "practices/liste-vide.yml": [(16, "SCH006")],
    "practices/valeur-en-double.yml": [(19, "SCH008")],
    "practices/titre-trop-long.yml": [(3, "SCH007")],
    "practices/champ-inconnu.yml": [(2, "SCH002"), (24, "SCH001")],
    "practices/champ-imbrique-mal-orthographie.yml": [(11, "SCH001")],
    "practices/champ-sans-ressemblance.yml": [(25, "SCH001")],
    "practices/champ-absent.yml": [(2, "SCH002")],
    "glossary/definition-absente.yml": [(1, "SCH002")],
    "glossary/annee-hors-bornes.yml": [(8, "SCH009")],
    # Vocabularies
    "practices/stade-inconnu.yml": [(7, "SCH004")],
    "practices/theme-inconnu.yml": [(19, "SCH004")],
    "practices/type-sans-accent.yml": [(6, "SCH004")],
    "residences/type-d-etape-inconnu.yml": [(16, "SCH004")],
    # Dates
    "practices/date-invalide.yml": [(15, "SCH005")],  # 03/2018
    "practices/date-en-toutes-lettres.yml": [(14, "SCH005")],
    "practices/mois-impossible.yml": [(33, "SCH005")],  # 2026-13-01
    "practices/date-impossible.yml": [(33, "SCH005")],  # 2026-02-30
    "residences/etape-date-impossible.yml": [(18, "SCH005")],  # 2017-09-31
    "practices/periode-a-l-envers.yml": [(15, "CAL002")],
    "residences/periode-a-l-envers.yml": [(11, "CAL002")],
    "residences/calendrier-a-l-envers.yml": [(19, "CAL001")],
    # Ids and links between records
    "practices/id-different.yml": [(2, "REF001")],
    "practices/identifiant-en-double.yml": [(2, "REF001"), (2, "REF002")],
    "practices/pratique-liee-inconnue.yml": [(30, "REF003")],
    "practices/liee-a-elle-meme.yml": [(30, "REF005")],
    "practices/residence-inconnue.yml": [(34, "REF006")],
    "glossary/voir-aussi-inconnu.yml": [(8, "REF004")],
    "residences/piste-inconnue.yml": [(24, "REF007")],
    "residences/piste-sans-retour.yml": [(24, "REF008")],
    # Sources
    "practices/lignes-hors-document.yml": [(32, "SRC001")],
    "practices/lignes-a-l-envers.yml": [(32, "SRC001")],
    "practices/lignes-avec-deux-points.yml": [(32, "SCH005")],  # YAML 1.1 would read 10:20 as the number 620
    # Glossary and acronyms
    "practices/sigle-inconnu.yml": [(20, "GLO004")],
    "glossary/sigle-et-terme.yml": [(1, "GLO001")],
    "glossary/historique-incomplet.yml": [(6, "GLO002"), (6, "GLO002")],
    "glossary/sigle-en-double.yml": [("glossary/sigle-test.yml", 2, "GLO003")],
    # Markup in texts: a javascript: link is refused; HTML is accepted and shown as text (tests/test_safe_render.py)
    "practices/lien-javascript.yml": [(20, "TXT001")],
    "practices/html-dans-le-texte.yml": [],
}


VALID_CARD = (FIXTURES / "valide/practices/fiche-valide.yml").read_text(encoding="utf-8")
VALID_ENTRY = (FIXTURES / "valide/glossary/sigle-test.yml").read_text(encoding="utf-8")


def _card(name: str, old: str = "", new: str = "") -> str:
    """The valid card renamed to `name`, changed in one place (as the stored cases are)."""
    text = VALID_CARD.replace("id: fiche-valide", f"id: {name}").replace("residence: rapport-valide\n", "")
    assert old in text
    return text.replace(old, new, 1)


def _billion_laughs() -> str:
    lines = ['lol0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"lol{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]" for level in range(1, 10)]
    return _card("milliard-de-rires") + "\n".join(lines) + "\n"


def _nested_blocks() -> str:
    levels = "".join("  " * (depth + 1) + f"n{depth}:\n" for depth in range(20))
    return _card("imbrication-en-blocs", "territoire:\n", "territoire:\n" + levels)


# Cases better built than stored (size, encodings, invisible bytes), each with its exact expected errors.
GENERATED = {
    "practices/marque-d-ordre-des-octets.yml": (lambda: b"\xef\xbb\xbf" + _card("marque-d-ordre-des-octets").encode(), []),
    "practices/fins-de-ligne-windows.yml": (lambda: _card("fins-de-ligne-windows").replace("\n", "\r\n").encode(), []),
    "practices/bom-et-windows.yml": (lambda: b"\xef\xbb\xbf" + _card("bom-et-windows").replace("\n", "\r\n").encode(), []),
    "practices/unicode-varie.yml": (lambda: _card("unicode-varie", "probleme: Un problème décrit par la source.",
                                                  "probleme: Émoji 🙂, arabe مرحبا, espace\u200binsécable, ligature ﬁ, "
                                                  "combinant e\u0301.").encode(), []),
    "practices/latin-1.yml": (lambda: _card("latin-1").encode("latin-1"), [(5, "LEC001")]),
    "practices/utf-16.yml": (lambda: _card("utf-16").encode("utf-16"), [(1, "LEC001")]),
    "practices/octet-nul.yml": (lambda: _card("octet-nul", "Un problème décrit", "Un problème\x00 décrit").encode(), [(20, "LEC003")]),
    "practices/fichier-de-5-mo.yml": (lambda: (_card("fichier-de-5-mo") + "# " + "x" * 5_000_000 + "\n").encode(), [(1, "LEC007")]),
    "practices/imbrication-en-crochets.yml": (lambda: _card("imbrication-en-crochets", "resultats: Non documenté par la source.",
                                                            "resultats: " + "[" * 100_000 + "]" * 100_000).encode(),
                                              [(1, "LEC010")]),
    "practices/imbrication-en-blocs.yml": (lambda: _nested_blocks().encode(), [(22, "LEC010")]),
    "practices/milliard-de-rires.yml": (lambda: _billion_laughs().encode(), [(line, "LEC005") for line in range(35, 44)]),
    "practices/texte-trop-long.yml": (lambda: _card("texte-trop-long", "  lieu: Avignon", "  lieu: " + "Avignon " * 900).encode(),
                                      [(10, "SCH007")]),
    "practices/liste-trop-longue.yml": (lambda: _card("liste-trop-longue", "  - Une agence\n",
                                                      "".join(f"  - Agence {number}\n" for number in range(61))).encode(),
                                        [(17, "SCH007")]),
    "glossary/nombre-geant.yml": (lambda: VALID_ENTRY.replace("id: sigle-test", "id: nombre-geant").replace("sigle: SIGLE-TEST", "sigle: NBG")
                                  .replace("statut: en vigueur", "statut: historique\nremplace_par: Une autre entrée\ndepuis: "
                                           + "9" * 5000).encode(), [(8, "SCH003")]),  # beyond Python's 4,300 digits
    "glossary/trop-de-variantes.yml": (lambda: (VALID_ENTRY.replace("id: sigle-test", "id: trop-de-variantes")
                                                .replace("sigle: SIGLE-TEST", "sigle: TDV")
                                                + "variantes:\n" + "".join(f"  - variante {number}\n" for number in range(61))).encode(),
                                       [(12, "SCH007")]),
}


def _expected(case: str, pairs: list) -> list:
    return [item if len(item) == 3 else (case, *item) for item in pairs]


def test_the_corpus_has_at_least_forty_cases():
    assert len(CASES) + len(GENERATED) >= 40
    assert not set(CASES) & set(GENERATED)


def run(tmp_path: Path, files: dict) -> list:
    root = make_project(tmp_path / "projet", files)
    result = check_data(root, load_schemas(root / "schemas"))
    return [problem for problem in result.problems if problem.severity == "erreur"]


def test_valid_fixtures_have_no_problem(tmp_path):
    assert run(tmp_path, {}) == []


def test_every_case_file_has_an_expectation():
    on_disk = {path.relative_to(FIXTURES / "cas").as_posix() for path in (FIXTURES / "cas").rglob("*.yml")}
    assert on_disk == set(CASES)


@pytest.mark.parametrize("case", sorted(CASES))
def test_case_gives_exactly_its_problems(tmp_path, case):
    problems = run(tmp_path, {case: (FIXTURES / "cas" / case).read_bytes()})
    assert [(problem.path, problem.line, problem.code) for problem in problems] == _expected(case, CASES[case])


@pytest.mark.parametrize("case", sorted(GENERATED))
def test_generated_case_gives_exactly_its_problems(tmp_path, case):
    build, expected = GENERATED[case]
    problems = run(tmp_path, {case: build()})
    assert [(problem.path, problem.line, problem.code) for problem in problems] == _expected(case, expected)


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
    expected = {item for case, pairs in {**CASES, **{case: pairs for case, (_, pairs) in GENERATED.items()}}.items()
                for item in _expected(case, pairs)}
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
    from scripts.load import MAX_DEPTH, MAX_FILE_BYTES, MAX_FLOW_DEPTH
    from scripts.validate import MAX_LIST_ITEMS, MAX_TEXT_CHARS

    guide = (ROOT / "docs/contribuer/fiche.md").read_text(encoding="utf-8")
    limits = guide[guide.index("## Les limites"):]
    def french(number: int) -> str:
        return f"{number:,}".replace(",", " ")

    for row in (f"| Taille d'un fichier | {french(MAX_FILE_BYTES // 1000)} ko | `LEC007` |",
                f"| {MAX_DEPTH} niveaux ({MAX_FLOW_DEPTH} crochets",
                f"| Longueur d'un texte, quel que soit le champ | {french(MAX_TEXT_CHARS)} caractères |",
                f"| Nombre d'éléments d'une liste, quelle qu'elle soit | {MAX_LIST_ITEMS} "):
        assert row in limits, row
