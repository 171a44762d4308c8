"""The broken and hostile cases of the rule tests: each one, with the exact problems it must produce.

Stored cases are files of tests/fixtures/cas/, each the valid fixture record changed in one place; generated ones
are built here when they do not store well (sizes, encodings, invisible bytes). The rule catalogue
(scripts/pipeline/validate/catalogue.py) names, for every code, the case that breaks it.
"""

from __future__ import annotations

from .conftest import FIXTURES

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
    "practices/champ-imbrique-mal-orthographie.yml": [(9, "SCH002"), (11, "SCH001")],  # region is required too
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
    "glossary/terme-alias-deja-pris.yml": [(6, "GLO003")],  # an alias is a spelling too
    # Markup in texts: a javascript: link is refused; HTML is accepted and shown as text (tests/test_safe_render.py)
    "practices/lien-javascript.yml": [(20, "TXT001")],
    "practices/html-dans-le-texte.yml": [],
    # Territory
    "practices/region-inconnue.yml": [(11, "TER001")],
    # Advice: reported, never blocking
    "practices/resume-trop-long.yml": [(4, "AVI001")],
    "practices/champ-recommande-absent.yml": [(2, "AVI002")],
    "practices/texte-a-completer.yml": [(20, "AVI003")],
    "practices/citation-trop-longue.yml": [(24, "AVI004")],
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


def expected_problems(case: str, pairs: list) -> list:
    """(file, line, code) of each expected problem: pairs name the case file itself."""
    return [item if len(item) == 3 else (case, *item) for item in pairs]


def expectations() -> dict[str, list]:
    """Every case, stored or generated, with its expected problems."""
    return {**CASES, **{case: pairs for case, (_, pairs) in GENERATED.items()}}
