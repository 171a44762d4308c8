"""Problems found in the data, and the catalogue of stable rule codes.

A problem names a file, a line and a column, carries a stable code and a French message with a hint.
Errors block the build; advice (« avertissement ») never does.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "erreur"
ADVICE = "avertissement"

# Stable codes: never renumber, only add. The contributor guide lists them from here.
CATALOGUE: dict[str, str] = {
    "LEC001": "Le fichier n'est pas encodé en UTF-8.",
    "LEC002": "Le fichier est vide ou ne contient que des commentaires.",
    "LEC003": "Erreur de syntaxe YAML.",
    "LEC004": "Clé en double dans un même objet.",
    "LEC005": "Ancre ou alias YAML (& ou *), non autorisés.",
    "LEC006": "Étiquette YAML (!…) non autorisée.",
    "LEC007": "Le fichier dépasse la taille maximale.",
    "LEC008": "Le document n'est pas un objet (clé: valeur).",
    "LEC009": "Clé qui n'est pas un simple texte.",
    "LEC010": "Données imbriquées trop profondément.",
    "SCH001": "Champ inconnu.",
    "SCH002": "Champ obligatoire absent.",
    "SCH003": "Valeur du mauvais type.",
    "SCH004": "Valeur hors de la liste autorisée.",
    "SCH005": "Valeur au mauvais format.",
    "SCH006": "Valeur vide ou liste vide.",
    "SCH007": "Valeur trop longue ou liste trop longue.",
    "SCH008": "Valeur en double dans une liste.",
    "SCH009": "Nombre hors des bornes.",
    "REF001": "L'identifiant ne correspond pas au nom du fichier.",
    "REF002": "Identifiant déjà utilisé par un autre fichier.",
    "REF003": "Pratique liée inconnue.",
    "REF004": "Entrée « voir aussi » inconnue dans le glossaire.",
    "REF005": "Une fiche ne peut pas être liée à elle-même.",
    "REF006": "Rapport de résidence inconnu.",
    "REF007": "Fiche inconnue dans les pistes d'un axe de rapport.",
    "REF008": "Fiche citée par un rapport sans le citer en retour (champ « residence »).",
    "SRC001": "Plage de lignes impossible pour ce document.",
    "CAL001": "Étape de calendrier qui finit avant de commencer.",
    "CAL002": "Période qui finit avant de commencer.",
    "GLO001": "Une entrée du glossaire porte soit « sigle », soit « terme » (un seul des deux).",
    "GLO002": "Une entrée historique doit dire ce qui l'a remplacée et depuis quand.",
    "GLO003": "Deux entrées du glossaire pour le même sigle, terme ou graphie.",
    "GLO004": "Sigle employé sans entrée au glossaire ni place dans la liste des exceptions.",
    "TXT001": "Lien vers une adresse non autorisée (seuls http, https, mailto et les pages du site).",
    "AVI001": "Résumé long : visez quatre phrases au plus.",
    "AVI002": "Champ recommandé absent.",
    "AVI003": "Texte « À compléter » laissé par le modèle de fiche.",
    "AVI004": "Citation entre guillemets de plus de 25 mots.",
}


@dataclass(frozen=True, order=True)
class Problem:
    """One finding, located in a data file (path relative to the project root)."""

    path: str
    line: int
    column: int
    code: str
    message: str
    severity: str = ERROR

    def format(self) -> str:
        prefix = "avertissement : " if self.severity == ADVICE else ""
        # One problem, one line: a value quoted in a message may hold line breaks.
        message = " ".join(self.message.split())
        return f"{self.path}:{self.line}:{self.column} : {self.code} {prefix}{message}"


def is_error(problem: Problem) -> bool:
    return problem.severity == ERROR
