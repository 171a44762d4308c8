"""Starter records: a commented practice card that passes `make check` and lists what is left to write."""

from __future__ import annotations

from datetime import date

from .pipeline.text import slugify
from .pipeline.validate.files import PLACEHOLDER

PRACTICE_TEMPLATE = """\
# yaml-language-server: $schema=../schemas/pratique.schema.json
# Fiche créée par « make nouvelle-fiche ». Remplacez chaque « {todo} » puis lancez « make check ».
# Liste des champs : page « Contribuer > Champs d'une fiche » du site (docs/reference/fiche-pratique.md).
id: {id}
titre: {title}
# Deux à quatre phrases. Développez chaque sigle à sa première apparition : « très petites entreprises (TPE) ».
resume: >-
  {todo} : ce qui a été fait, où, par qui, pour quel résultat.
# Valeurs possibles : pratique, outil, méthode, dispositif, instance, événement.
type: pratique
# Valeurs possibles : idée, prototype testé, expérimenté, déployé, généralisé. Jamais plus que ce que dit la source.
stade: idée
# Valeurs possibles : national, régional, départemental, bassin d'emploi, local, agence.
echelle: local
territoire:
  lieu: {todo}
  # Département(s) et région(s) : noms actuels. Régions possibles : une région française (Bretagne, Grand Est…),
  # ou « France entière », « plusieurs régions », « non précisée » (liste : page « Champs d'une fiche »).
  departement:
    - {todo}
  region:
    - non précisée
  pays: France
periode:
  debut: "{year}"
acteurs:
  - {todo}
# Un à quatre thèmes de la liste (voir la page des thèmes).
themes:
  - coopération entre acteurs
probleme: >-
  {todo} : le problème auquel la pratique répond.
demarche:
  - {todo} (première étape).
  - {todo} (deuxième étape).
# Les chiffres que donne la source, ou « Non documenté par la source. ».
resultats: >-
  {todo}
enseignements:
  - {todo}
points_de_vigilance:
  - {todo}
sources:
  - document: "000"
    section: {todo}
    lignes: "1"
mise_a_jour: "{today}"
"""


def practice_starter(title: str, today: date) -> tuple[str, str]:
    """The id and YAML text of a new practice card titled `title`."""
    record_id = slugify(title)
    text = PRACTICE_TEMPLATE.format(id=record_id, title=_quoted(title), todo=PLACEHOLDER,
                                    year=today.year, today=today.isoformat())
    return record_id, text


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

REPORT_TEMPLATE = """\
# yaml-language-server: $schema=../schemas/residence.schema.json
# Rapport créé par « make nouvelle-residence ». Remplacez chaque « {todo} » puis lancez « make check ».
# Chaque champ est expliqué sur la page « Contribuer > Publier une résidence » du site.
id: {id}
titre: {title}
# Valeurs possibles : résidence, recherche-action.
type: résidence
# Trois à cinq phrases : la question, le terrain, la méthode, ce qui en est sorti. Sigles développés.
resume: >-
  {todo} : la question de départ, le terrain, la méthode et ce qui en est sorti.
porteurs:
  - {todo} (laboratoire ou organisme qui anime la démarche)
partenaires:
  - {todo} (commanditaires, financeurs)
equipe:
  - nom: {todo}
    role: {todo}
lieu: {todo}
periode:
  debut: "{year}"
protocole:
  - {todo} (durée, rythme des semaines, méthodes employées)
# Les chiffres affichés en grand en tête du rapport (nombres entiers).
chiffres_cles:
  - valeur: 0
    libelle: {todo}
# Les étapes dans l'ordre établi. « dates » : telles que la source les donne ; debut/fin : dates retenues.
# Types d'étape : préparation, immersion, inter-résidence, séminaire, restitution, terrain, atelier.
calendrier:
  - etape: {todo}
    type: immersion
    dates: {todo}
    debut: "{year}"
    lieu: {todo}
    actions:
      - {todo}
axes:
  - titre: {todo}
    question: {todo}
    constats:
      - {todo}
    # Identifiants des fiches pratiques issues de cet axe (fichiers de practices/).
    pistes:
      - {card_id}
enseignements:
  - {todo}
suites: Non documenté par la source.
sources:
  - document: "000"
    section: {todo}
    lignes: "1"
mise_a_jour: "{today}"
"""


def report_starter(title: str, today: date) -> tuple[str, str, str, str]:
    """The report id and text, and the id and text of a first practice card linked to it."""
    report_id = slugify(title)
    card_title = f"Première piste de {title}"
    card_id, card_text = practice_starter(card_title, today)
    card_text = card_text.replace("\nsources:", f"\nresidence: {report_id}\nsources:", 1)
    text = REPORT_TEMPLATE.format(id=report_id, title=_quoted(title), todo=PLACEHOLDER, year=today.year,
                                  today=today.isoformat(), card_id=card_id)
    return report_id, text, card_id, card_text
