"""The exemplar cards and glossary entries carry their key facts, checked on the built pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts.pipeline.run import load_schemas

from .conftest import ROOT

SEEDS = ROOT.parent / "shared" / "seeds"


def visible_text(site: Path, page: str) -> str:
    content = (site / page).read_text(encoding="utf-8")
    article = content[content.index("<article"):content.index("</article>")]
    return plain(article)


def plain(html: str) -> str:
    """Text as read: inline tags vanish, block tags become spaces."""
    inline_free = re.sub(r"</?(abbr|a|span|strong|em|code|small)\b[^>]*>", "", html)
    return " ".join(re.sub(r"<[^>]+>", " ", inline_free).replace("&nbsp;", " ").split())


CARD_FACTS = {
    "ticket-d-or": ["idée", "recommandation", "pair à pair", "Avignon, agence Pôle emploi Joly Jean", "Non documenté par la source",
                    "lignes 385-389"],
    "tableau-de-bord-de-l-agence": ["prototype testé", "installation participative", "troisième semaine",
                                    "1 prototype installé dans l'agence", "2018-01 → 2018-03", "26 juin au 27 juin 2017"],
    "atelier-de-debuggage-de-profils": ["idée", "co-résolution", "conseiller à dominante entreprise (CDE)",
                                        "conseiller à dominante demandeur d'emploi (CDDE)", "Non documenté par la source"],
    "conference-sociale-de-bretagne": ["expérimenté", "quadripartite", "décembre 2013", "Pacte d'avenir pour la Bretagne",
                                       "Saint-Brieuc/Lamballe", "Lorient", "Charte label social transport",
                                       "bilan exhaustif", "juin 2015", "juin 2016", "lignes 2069-2097"],
}


@pytest.mark.parametrize("card", sorted(CARD_FACTS))
def test_exemplar_card_states_its_key_facts(built_site, card):
    text = visible_text(built_site, f"pratiques/{card}/index.html")
    missing = [fact for fact in CARD_FACTS[card] if fact not in text]
    assert missing == []


GLOSSARY_FACTS = {
    "crefop": ["Comité régional de l'emploi, de la formation et de l'orientation professionnelles", "loi du 5 mars 2014",
               "en vigueur", "quadripartite"],
    "spe-p": ["Service public de l'emploi de proximité", "15 juillet 2014", "historique", "Comités locaux pour l'emploi", "2024"],
    "plie": ["Plan local pluriannuel pour l'insertion et l'emploi", "Plan Local d'Insertion", "tronquée"],
    "sceofp": ["Stratégie coordonnée en matière d'emploi, d'orientation et de formation professionnelles", "loi NOTRe",
               "7 août 2015"],
}


@pytest.mark.parametrize("entry", sorted(GLOSSARY_FACTS))
def test_exemplar_glossary_entry_states_its_key_facts(built_site, entry):
    text = visible_text(built_site, f"glossaire/{entry}/index.html")
    missing = [fact for fact in GLOSSARY_FACTS[entry] if fact not in text]
    assert missing == []


@pytest.mark.parametrize(("entry", "facts"), [("direccte", ("Remplacé par : DREETS", "depuis 2021")),
                                              ("ccrefp", ("Remplacé par : CREFOP", "depuis 2014")),
                                              ("assedic", ("depuis 2008",))])
def test_historical_entries_say_what_replaced_them(built_site, entry, facts):
    text = visible_text(built_site, f"glossaire/{entry}/index.html")
    assert [fact for fact in facts if fact not in text] == []


@pytest.mark.skipif(not SEEDS.is_dir(), reason="les documents sources (../shared/seeds) ne sont pas à côté du dépôt")
def test_document_line_counts_match_the_seed_files():
    documents = load_schemas(ROOT / "schemas").documents
    for code, file_name in documents.files.items():
        lines = (SEEDS / file_name).read_text(encoding="utf-8").splitlines()
        assert documents.line_counts[code] == len(lines), file_name
