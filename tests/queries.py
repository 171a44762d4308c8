"""Queries as people type them, with the page each must find: shared by the browser tests on the real library and
on 5,000 synthetic cards more, and by the comparison with Pagefind (scripts/tools/compare_pagefind.py).

Addresses come from scripts/pipeline/paths.py, so that a change of address (the glossary's) flows through.

- QUERIES: typed right (no accents, no apostrophes, lower case, partial words): each finds its page first.
- NAMES: sigles typed whole and today's names and aliases (France Travail, FT, Réseau pour l'emploi…): first too.
- SLIPS: one slip of the keyboard in a one- or two-word query, the held-out set of the typo tolerance. The bases
  (SLIP_BASES) are words people type, titles and sigles, written before the tolerance was measured; the slips are
  drawn from them by `one_slip_queries` with a fixed seed, not chosen: two per base, of two different kinds (a
  letter missing, doubled, two letters swapped, a wrong letter from a neighbouring key of a French keyboard), in a
  word of 4 letters or more. Targets: 80 % found first, 95 % in the first three (not every query: « plie » with a
  slip may be another real word).
"""

from __future__ import annotations

import random

from scripts.pipeline.paths import glossary_url, practice_url, report_url

QUERIES = [
    ("plie", glossary_url("plie")),
    ("PLIE", glossary_url("plie")),
    ("SPE-P", glossary_url("spe-p")),
    ("spe-p", glossary_url("spe-p")),
    ("spep", glossary_url("spe-p")),
    ("crefop", glossary_url("crefop")),
    ("crefo", glossary_url("crefop")),
    ("SCEOFP", glossary_url("sceofp")),
    ("assedic", glossary_url("assedic")),
    ("ml", glossary_url("ml")),
    ("cnlaps", glossary_url("cnlaps")),
    ("debuggage", practice_url("atelier-de-debuggage-de-profils")),
    ("debugg", practice_url("atelier-de-debuggage-de-profils")),
    ("atelier de debuggage", practice_url("atelier-de-debuggage-de-profils")),
    ("ticket dor", practice_url("ticket-d-or")),
    ("ticket d'or", practice_url("ticket-d-or")),
    ("occuper lagence", practice_url("occuper-l-agence")),
    ("conference sociale bretagne", practice_url("conference-sociale-de-bretagne")),
    ("zero chomeur", practice_url("territoires-zero-chomeur-de-longue-duree")),
    ("venetis", practice_url("groupement-d-employeurs-venetis")),
    ("venet", practice_url("groupement-d-employeurs-venetis")),
    ("petits dejeuners travailleurs sociaux", practice_url("petits-dejeuners-avec-les-travailleurs-sociaux-du-departement")),
    ("mouton a 5 pattes", practice_url("test-du-mouton-a-5-pattes")),
    ("la criee", practice_url("la-criee")),
    ("jeudi hall", practice_url("temps-d-echange-d-equipe-du-jeudi-dans-le-hall-d-accueil")),
    ("JOB DATING CIBLE", practice_url("job-dating-cible-juge-sur-les-recrutements")),
    ("silicon valley", practice_url("ecosysteme-de-cooperation-de-la-silicon-valley")),
    ("residence avignon", report_url("avignon-joly-jean-2017")),
    ("pole emploi", glossary_url("pole-emploi")),
    ("accompagnement global", glossary_url("accompagnement-global")),
]

NAMES = [
    ("france travail", glossary_url("france-travail")),
    ("France Travail", glossary_url("france-travail")),
    ("FT", glossary_url("france-travail")),
    ("ft", glossary_url("france-travail")),
    ("operateur france travail", glossary_url("france-travail")),
    ("reseau pour l'emploi", glossary_url("reseau-pour-l-emploi")),
    ("reseau pour lemploi", glossary_url("reseau-pour-l-emploi")),
    ("reseau france travail", glossary_url("reseau-pour-l-emploi")),
    ("comite local pour l'emploi", glossary_url("comite-local-pour-l-emploi")),
    ("comite departemental pour l'emploi", glossary_url("comite-departemental-pour-l-emploi")),
    ("comite regional pour l'emploi", glossary_url("comite-regional-pour-l-emploi")),
    ("comite national pour l'emploi", glossary_url("comite-national-pour-l-emploi")),
    ("CDDE", glossary_url("cdde")),
    ("cdde", glossary_url("cdde")),
    ("CDD", glossary_url("cdd")),
    ("CDE", glossary_url("cde")),
    ("Pôle emploi", glossary_url("pole-emploi")),
    ("service public de l'emploi", glossary_url("spe")),
    ("france services", glossary_url("france-services")),
    ("DREETS", glossary_url("dreets")),
]

SLIP_BASES = [
    # Cards, by the words that name them
    ("debuggage", practice_url("atelier-de-debuggage-de-profils")),
    ("codeveloppement", practice_url("atelier-de-codeveloppement")),
    ("carottage", practice_url("carottage-territorial")),
    ("cartographie vivante", practice_url("cartographie-vivante-des-acteurs-locaux-operants")),
    ("ticket dor", practice_url("ticket-d-or")),
    ("criee", practice_url("la-criee")),
    ("venetis", practice_url("groupement-d-employeurs-venetis")),
    ("mondragon", practice_url("groupe-cooperatif-mondragon")),
    ("sparkassen", practice_url("sparkassen-caisses-d-epargne-ancrees-dans-leur-territoire")),
    ("crucible", practice_url("the-crucible-atelier-de-fabrication-d-oakland")),
    ("maker faire", practice_url("maker-faire")),
    ("flextronics", practice_url("laboratoire-d-innovation-ouvert-aux-clients-chez-flextronics")),
    ("mouton pattes", practice_url("test-du-mouton-a-5-pattes")),
    ("zero chomeur", practice_url("territoires-zero-chomeur-de-longue-duree")),
    ("ambiance bois", practice_url("ambiance-bois-societe-anonyme-a-participation-ouvriere")),
    ("airbus", practice_url("dialogue-social-de-compromis-a-airbus-ottobrunn")),
    ("korian", practice_url("recrutement-d-aides-soignants-en-alternance-korian-croix-rouge-pole-emploi")),
    ("creapass", practice_url("agence-paris-creapass-specialisee-dans-l-accueil-des-createurs")),
    ("talentstube", practice_url("offres-d-emploi-en-video-et-videos-de-territoire-de-vie")),
    ("questionnaire ethique", practice_url("questionnaire-ethique")),
    ("galerie embauches", practice_url("galerie-des-embauches-remarquables")),
    ("forums badge", practice_url("forums-de-rencontre-sans-badge-nominatif")),
    ("brief matin", practice_url("brief-du-matin-et-quart-d-heure-du-matin")),
    ("occuper agence", practice_url("occuper-l-agence")),
    ("conference sociale", practice_url("conference-sociale-de-bretagne")),
    ("entretiens flux", practice_url("entretiens-dans-le-flux")),
    ("defi tpe", practice_url("defi-tpe")),
    ("grappes tpe", practice_url("grappes-de-tpe-ruches-des-amis-de-la-tpe")),
    ("clusters bavarois", practice_url("clusters-bavarois")),
    ("prototypage rapide", practice_url("prototypage-rapide-et-test-en-situation")),
    ("scenarios extremes", practice_url("scenarios-extremes-et-scenarios-a-reaction")),
    ("biopics", practice_url("portraits-biopics-d-acteurs-en-changement-professionnel")),
    ("six conditions", practice_url("six-conditions-pour-cooperer")),
    ("pauvrete californie", practice_url("taux-de-pauvrete-alternatif-en-californie")),
    ("mediation parlementaire", practice_url("mediation-parlementaire-dans-le-conflit-entre-taxis-et-chauffeurs-de-plateformes")),
    ("restaurant insertion", practice_url("restaurant-d-insertion-parraine-par-les-entreprises-du-numerique")),
    ("catalyseur territorial", practice_url("catalyseur-territorial-neutre-et-pionniers-des-alliances")),
    ("matrice positionnement", practice_url("matrice-de-positionnement-pivot-structurant-contributeur")),
    ("filtre semantique", practice_url("filtre-semantique-des-offres-atypiques")),
    ("panier donnees", practice_url("panier-de-donnees-partageables-de-pole-emploi")),
    # Sigles of 4 letters or more
    ("crefop", glossary_url("crefop")),
    ("agefiph", glossary_url("agefiph")),
    ("direccte", glossary_url("direccte")),
    ("dreets", glossary_url("dreets")),
    ("assedic", glossary_url("assedic")),
    ("unedic", glossary_url("unedic")),
    ("urssaf", glossary_url("urssaf")),
    ("onisep", glossary_url("onisep")),
    ("cnlaps", glossary_url("cnlaps")),
    ("sceofp", glossary_url("sceofp")),
    ("medef", glossary_url("medef")),
    ("cprdfop", glossary_url("cprdfop")),
    ("srdeii", glossary_url("srdeii")),
    ("intefp", glossary_url("intefp")),
    ("coparef", glossary_url("coparef")),
    ("fiphfp", glossary_url("fiphfp")),
    ("datar", glossary_url("datar")),
    ("credoc", glossary_url("credoc")),
    ("maptam", glossary_url("maptam")),
    ("cdde", glossary_url("cdde")),
    # Notions and names of the glossary
    ("flexicurite", glossary_url("flexicurite")),
    ("uberisation", glossary_url("uberisation")),
    ("plateformisation", glossary_url("plateformisation")),
    ("employabilite", glossary_url("employabilite")),
    ("fablab", glossary_url("fablab")),
    ("mitbestimmung", glossary_url("mitbestimmung")),
    ("france travail", glossary_url("france-travail")),
    ("pole emploi", glossary_url("pole-emploi")),
    ("france services", glossary_url("france-services")),
    ("residence avignon", report_url("avignon-joly-jean-2017")),
]

# Letters next to each letter on a French (AZERTY) keyboard: a wrong letter is one of these.
AZERTY_ROWS = ("azertyuiop", "qsdfghjklm", "wxcvbn")
SLIP_KINDS = ("lettre manquante", "lettre doublée", "lettres inversées", "mauvaise lettre")
SEED = 2026


def _neighbours(letter: str) -> str:
    for row_number, row in enumerate(AZERTY_ROWS):
        if letter in row:
            column = row.index(letter)
            near = row[max(0, column - 1):column] + row[column + 1:column + 2]
            for other in (row_number - 1, row_number + 1):
                if 0 <= other < len(AZERTY_ROWS):
                    near += AZERTY_ROWS[other][max(0, column - 1):column + 1]
            return near
    return "e"


def slip(word: str, kind: str, rng: random.Random) -> str:
    """`word` with one slip of `kind`, at a place drawn by `rng`."""
    position = rng.randrange(len(word))
    if kind == "lettre manquante":
        return word[:position] + word[position + 1:]
    if kind == "lettre doublée":
        return word[:position + 1] + word[position:]
    if kind == "lettres inversées":
        position = rng.randrange(len(word) - 1)
        swapped = word[:position] + word[position + 1] + word[position] + word[position + 2:]
        # Two same letters swapped is no slip: the next pair then.
        return swapped if swapped != word else slip(word, "mauvaise lettre", rng)
    return word[:position] + rng.choice(_neighbours(word[position])) + word[position + 1:]


def one_slip_queries(bases=SLIP_BASES, seed: int = SEED, per_base: int = 2) -> list[tuple[str, str, str]]:
    """(query with a slip, query as meant, expected address): `per_base` slips of different kinds per base, each
    in one word of 4 letters or more drawn at random."""
    rng = random.Random(seed)
    queries = []
    for query, expected in bases:
        words = query.split()
        for kind in rng.sample(SLIP_KINDS, per_base):
            index = rng.choice([number for number, word in enumerate(words) if len(word) >= 4])
            slipped = words[:index] + [slip(words[index], kind, rng)] + words[index + 1:]
            queries.append((" ".join(slipped), query, expected))
    return queries


SLIPS = one_slip_queries()


def results(page, server: str, query: str, count: int = 3) -> list[str]:
    """The addresses, relative to the site, of the first `count` results the « Rechercher » page shows."""
    page.goto(server + "recherche/", wait_until="networkidle")
    page.locator("#recherche-champ").fill(query)
    page.wait_for_function("(query) => new URL(location.href).searchParams.get('q') === query", arg=query)
    page.wait_for_function("""() => document.querySelector('#recherche-resultats li a')
                              || /Aucun/.test(document.getElementById('recherche-etat').textContent)""")
    page.wait_for_timeout(50)
    links = page.locator("#recherche-resultats li a.recherche-lien")
    return [links.nth(index).get_attribute("href").removeprefix(server) for index in range(min(count, links.count()))]


def first_result(page, server: str, query: str) -> str:
    """The address, relative to the site, of the first result the « Rechercher » page shows for `query`."""
    found = results(page, server, query, 1)
    assert found, f"aucun résultat pour « {query} »"
    return found[0]


def ranked(page, server: str, queries: list[str], count: int = 3) -> list[list[str]]:
    """The first `count` results of each query, as the engine of the « Rechercher » page ranks them in the browser
    (one page load for the whole set), as addresses relative to the site."""
    page.goto(server + "recherche/", wait_until="networkidle")
    page.wait_for_function("() => window.bibliothequeRecherche")
    found = page.evaluate("""async ([queries, count]) => {
        const engine = window.bibliothequeRecherche;
        const lists = [];
        for (const query of queries) {
            const result = await engine.search(query);
            lists.push((await engine.records(result.docs.slice(0, count))).map((record) => record.url));
        }
        return lists;
    }""", [queries, count])
    return [[url.removeprefix(server) for url in urls] for urls in found]


def slip_rates(page, server: str) -> tuple[float, float, list[str]]:
    """Share of SLIPS found first, share found in the first three, and the queries that missed the first place."""
    lists = ranked(page, server, [query for query, _, _ in SLIPS])
    first = [urls[:1] == [expected] for urls, (_, _, expected) in zip(lists, SLIPS)]
    top = [expected in urls for urls, (_, _, expected) in zip(lists, SLIPS)]
    missed = [f"{query} → {urls[:1]} (attendu {expected})" for urls, (query, _, expected), hit in zip(lists, SLIPS, first)
              if not hit]
    return sum(first) / len(SLIPS), sum(top) / len(SLIPS), missed
