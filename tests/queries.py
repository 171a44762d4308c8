"""Queries as agents type them (no accents, no apostrophes, lower case, partial words), with the page each must
find first. Shared by the browser test on the real library and the one on 5,000 synthetic cards more."""

from __future__ import annotations

QUERIES = [
    ("plie", "glossaire/plie/"),
    ("PLIE", "glossaire/plie/"),
    ("SPE-P", "glossaire/spe-p/"),
    ("spe-p", "glossaire/spe-p/"),
    ("spep", "glossaire/spe-p/"),
    ("crefop", "glossaire/crefop/"),
    ("crefo", "glossaire/crefop/"),
    ("SCEOFP", "glossaire/sceofp/"),
    ("assedic", "glossaire/assedic/"),
    ("ml", "glossaire/ml/"),
    ("cnlaps", "glossaire/cnlaps/"),
    ("debuggage", "pratiques/atelier-de-debuggage-de-profils/"),
    ("debugg", "pratiques/atelier-de-debuggage-de-profils/"),
    ("atelier de debuggage", "pratiques/atelier-de-debuggage-de-profils/"),
    ("ticket dor", "pratiques/ticket-d-or/"),
    ("ticket d'or", "pratiques/ticket-d-or/"),
    ("occuper lagence", "pratiques/occuper-l-agence/"),
    ("conference sociale bretagne", "pratiques/conference-sociale-de-bretagne/"),
    ("zero chomeur", "pratiques/territoires-zero-chomeur-de-longue-duree/"),
    ("venetis", "pratiques/groupement-d-employeurs-venetis/"),
    ("venet", "pratiques/groupement-d-employeurs-venetis/"),
    ("petits dejeuners travailleurs sociaux", "pratiques/petits-dejeuners-avec-les-travailleurs-sociaux-du-departement/"),
    ("mouton a 5 pattes", "pratiques/test-du-mouton-a-5-pattes/"),
    ("la criee", "pratiques/la-criee/"),
    ("jeudi hall", "pratiques/temps-d-echange-d-equipe-du-jeudi-dans-le-hall-d-accueil/"),
    ("JOB DATING CIBLE", "pratiques/job-dating-cible-juge-sur-les-recrutements/"),
    ("silicon valley", "pratiques/ecosysteme-de-cooperation-de-la-silicon-valley/"),
    ("residence avignon", "residences/avignon-joly-jean-2017/"),
    ("pole emploi", "glossaire/pole-emploi/"),
    ("accompagnement global", "glossaire/accompagnement-global/"),
]


def first_result(page, server: str, query: str) -> str:
    """The address, relative to the site, of the first result the « Rechercher » page shows for `query`."""
    page.goto(server + "recherche/", wait_until="networkidle")
    page.locator("#recherche-champ").fill(query)
    first = page.locator("#recherche-resultats li a").first
    first.wait_for(state="visible", timeout=5000)
    page.wait_for_function("(query) => new URL(location.href).searchParams.get('q') === query", arg=query)
    page.wait_for_timeout(50)
    return first.get_attribute("href").removeprefix(server)
