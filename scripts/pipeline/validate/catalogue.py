"""Every rule, declared once: its stable code, what it reports, and the test case that breaks it.

The « Codes des erreurs » page, the list of checks a run calls and the test that every code has a failing case are
derived from this table. Codes are stable: never renumber, only add. A check function says which codes it reports
with the `file_rule` or `library_rule` decorator; the stages that report the others (load, schema) name them here
too. To add a rule, follow docs/contribuer/developper.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..problems import ADVICE, ERROR


@dataclass(frozen=True)
class Rule:
    code: str
    summary: str      # one French sentence, shown on the catalogue page
    case: str         # the test case that breaks it: a file of tests/fixtures/cas/, or one that tests/cases.py makes
    stage: str        # what finds it: reading the file, its schema, a check of the file, a check across records
    severity: str = ERROR


_READ, _SCHEMA, _FILE, _LIBRARY = "lecture", "schéma", "fichier", "bibliothèque"

RULES: tuple[Rule, ...] = (
    Rule("LEC001", "Le fichier n'est pas encodé en UTF-8.", "practices/latin-1.yml", _READ),
    Rule("LEC002", "Le fichier est vide ou ne contient que des commentaires.", "practices/vide.yml", _READ),
    Rule("LEC003", "Erreur de syntaxe YAML.", "practices/syntaxe-yaml.yml", _READ),
    Rule("LEC004", "Clé en double dans un même objet.", "practices/cle-en-double.yml", _READ),
    Rule("LEC005", "Ancre ou alias YAML (& ou *), non autorisés.", "practices/alias.yml", _READ),
    Rule("LEC006", "Étiquette YAML (!…) non autorisée.", "practices/etiquette.yml", _READ),
    Rule("LEC007", "Le fichier dépasse la taille maximale.", "practices/fichier-de-5-mo.yml", _READ),
    Rule("LEC008", "Le document n'est pas un objet (clé: valeur).", "practices/liste-au-sommet.yml", _READ),
    Rule("LEC009", "Clé qui n'est pas un simple texte.", "practices/cle-de-fusion.yml", _READ),
    Rule("LEC010", "Données imbriquées trop profondément.", "practices/imbrication-en-crochets.yml", _READ),
    Rule("SCH001", "Champ inconnu.", "practices/champ-imbrique-mal-orthographie.yml", _SCHEMA),
    Rule("SCH002", "Champ obligatoire absent.", "practices/champ-absent.yml", _SCHEMA),
    Rule("SCH003", "Valeur du mauvais type.", "practices/mauvais-type.yml", _SCHEMA),
    Rule("SCH004", "Valeur hors de la liste autorisée.", "practices/stade-inconnu.yml", _SCHEMA),
    Rule("SCH005", "Valeur au mauvais format.", "practices/date-invalide.yml", _SCHEMA),
    Rule("SCH006", "Valeur vide ou liste vide.", "practices/liste-vide.yml", _SCHEMA),
    Rule("SCH007", "Valeur trop longue ou liste trop longue.", "practices/titre-trop-long.yml", _SCHEMA),
    Rule("SCH008", "Valeur en double dans une liste.", "practices/valeur-en-double.yml", _SCHEMA),
    Rule("SCH009", "Nombre hors des bornes.", "glossary/annee-hors-bornes.yml", _SCHEMA),
    Rule("REF001", "L'identifiant ne correspond pas au nom du fichier.", "practices/id-different.yml", _LIBRARY),
    Rule("REF002", "Identifiant déjà utilisé par un autre fichier.", "practices/identifiant-en-double.yml", _LIBRARY),
    Rule("REF003", "Pratique liée inconnue.", "practices/pratique-liee-inconnue.yml", _LIBRARY),
    Rule("REF004", "Entrée « voir aussi » inconnue dans le glossaire.", "glossary/voir-aussi-inconnu.yml", _LIBRARY),
    Rule("REF005", "Une fiche ne peut pas être liée à elle-même.", "practices/liee-a-elle-meme.yml", _LIBRARY),
    Rule("REF006", "Rapport de résidence inconnu.", "practices/residence-inconnue.yml", _LIBRARY),
    Rule("REF007", "Fiche inconnue dans les pistes d'un axe de rapport.", "residences/piste-inconnue.yml", _LIBRARY),
    Rule("REF008", "Fiche citée par un rapport sans le citer en retour (champ « residence »).",
         "residences/piste-sans-retour.yml", _LIBRARY),
    Rule("SRC001", "Plage de lignes impossible pour ce document.", "practices/lignes-hors-document.yml", _LIBRARY),
    Rule("CAL001", "Étape de calendrier qui finit avant de commencer.", "residences/calendrier-a-l-envers.yml", _FILE),
    Rule("CAL002", "Période qui finit avant de commencer.", "practices/periode-a-l-envers.yml", _FILE),
    Rule("GLO001", "Une entrée du glossaire porte soit « sigle », soit « terme » (un seul des deux).",
         "glossary/sigle-et-terme.yml", _LIBRARY),
    Rule("GLO002", "Une entrée historique doit dire ce qui l'a remplacée et depuis quand.",
         "glossary/historique-incomplet.yml", _LIBRARY),
    Rule("GLO003", "Deux entrées du glossaire pour le même sigle, terme ou graphie.", "glossary/sigle-en-double.yml",
         _LIBRARY),
    Rule("GLO004", "Sigle employé sans entrée au glossaire ni place dans la liste des exceptions.",
         "practices/sigle-inconnu.yml", _LIBRARY),
    Rule("TER001", "Région française hors de la liste des régions.", "practices/region-inconnue.yml", _LIBRARY),
    Rule("TXT001", "Lien vers une adresse non autorisée (seuls http, https, mailto et les pages du site).",
         "practices/lien-javascript.yml", _FILE),
    Rule("AVI001", "Résumé long : visez quatre phrases au plus.", "practices/resume-trop-long.yml", _FILE, ADVICE),
    Rule("AVI002", "Champ recommandé absent (une idée n'a pas de période, sauf si la source la date).", "practices/champ-recommande-absent.yml", _LIBRARY, ADVICE),
    Rule("AVI003", "Texte « À compléter » laissé par le modèle de fiche.", "practices/texte-a-completer.yml", _FILE,
         ADVICE),
    Rule("AVI004", "Citation entre guillemets de plus de 25 mots.", "practices/citation-trop-longue.yml", _FILE, ADVICE),
)
BY_CODE = {rule.code: rule for rule in RULES}
CATALOGUE = {rule.code: rule.summary for rule in RULES}

# The checks a run calls, in the order they were declared: per file (every parsed file, even one the schema refuses,
# so that one run reports everything) and across the library (files the schema accepts).
FILE_CHECKS: list[Callable] = []
LIBRARY_CHECKS: list[Callable] = []


def _registering(checks: list[Callable], codes: tuple[str, ...], kinds: tuple[str, ...] = ()) -> Callable:
    unknown = [code for code in codes if code not in BY_CODE]
    if unknown:
        raise ValueError(f"codes not declared in RULES: {unknown}")

    def register(function: Callable) -> Callable:
        function.codes = codes
        function.kinds = kinds
        checks.append(function)
        return function
    return register


def file_rule(*codes: str, kinds: tuple[str, ...] = ()) -> Callable:
    """Declare a check of one loaded file, `(loaded) → problems`, reporting these codes; with `kinds`, only for the
    files of those collections (registry names)."""
    return _registering(FILE_CHECKS, codes, kinds)


def library_rule(*codes: str) -> Callable:
    """Declare a check across records, `(context) → problems`, reporting these codes."""
    return _registering(LIBRARY_CHECKS, codes)


def severity(code: str) -> str:
    return BY_CODE[code].severity
