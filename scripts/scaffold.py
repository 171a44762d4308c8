"""Starter records: a commented practice card that passes `make check` and lists what is left to write."""

from __future__ import annotations

from datetime import date

from .rules import PLACEHOLDER
from .text import slugify

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
  region: {todo}
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
