"""Schema validation of loaded files, with every jsonschema error turned into a French problem.

This module and `rules` are the only places that decide what is valid.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from .load import LoadedFile
from .problems import Problem
from .text import fold, unsafe_links, walk_texts

if TYPE_CHECKING:
    from jsonschema import ValidationError

    from .fastcheck import QuickValidator

# Limits for every value, whatever its field: the schemas set tighter ones where they matter (titles).
MAX_TEXT_CHARS = 6000
MAX_LIST_ITEMS = 60
_REQUIRED = re.compile(r"^'(?P<name>.+)' is a required property$")
_TYPES_FR = {
    "string": "du texte",
    "array": "une liste (lignes commençant par « - »)",
    "object": "un objet (lignes « champ: valeur » indentées)",
    "integer": "un nombre entier",
    "number": "un nombre",
    "boolean": "vrai ou faux",
}


def closest(value: str, allowed, cutoff: float = 0.6) -> str | None:
    """The allowed value an author most likely meant, if any is close enough."""
    allowed = [str(item) for item in allowed]
    folded = {fold(item): item for item in allowed}
    target = fold(str(value))
    if target in folded:
        return folded[target]
    prefixed = [item for key, item in folded.items() if target and (key.startswith(target) or target.startswith(key))]
    if len(prefixed) == 1:
        return prefixed[0]
    matches = difflib.get_close_matches(target, list(folded), n=1, cutoff=cutoff)
    return folded[matches[0]] if matches else None


def did_you_mean(value: str, allowed) -> str:
    guess = closest(value, allowed)
    return f" Vouliez-vous dire « {guess} » ?" if guess else ""


def _shown(value: object) -> str:
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "…"
        return f"« {text} »"
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, dict):
        return "un objet"
    if value is None:
        return "une valeur vide"
    return f"« {value} »"


def _field_name(data_path) -> str:
    names = [part for part in data_path if isinstance(part, str)]
    if not names:
        return "la fiche"
    name = names[-1]
    last = data_path[-1]
    if isinstance(last, int):
        return f"« {name} » (élément {last + 1})"
    return f"« {name} »"


def _problem(loaded: LoadedFile, data_path, code: str, message: str, on_key: bool = False) -> Problem:
    line, column = loaded.key_position(data_path) if on_key else loaded.position(data_path)
    return Problem(loaded.path, line, column, code, message)


def _describe(error: ValidationError, loaded: LoadedFile) -> Iterator[Problem]:
    data_path = tuple(error.absolute_path)
    field = _field_name(data_path)
    kind = error.validator
    schema = error.schema if isinstance(error.schema, dict) else {}
    if kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        for key in sorted(set(error.instance) - set(allowed)):
            hint = did_you_mean(key, allowed) or f" Champs possibles : {', '.join(allowed)}."
            yield _problem(loaded, data_path + (key,), "SCH001", f"champ inconnu « {key} ».{hint}", on_key=True)
    elif kind == "required":
        match = _REQUIRED.match(error.message)
        name = match["name"] if match else str(error.validator_value)
        description = schema.get("properties", {}).get(name, {}).get("description", "")
        where = "" if not data_path else f" dans {field}"
        hint = f" Ajoutez « {name}: … »" + (f" ({description.rstrip('.')})." if description else ".")
        yield _problem(loaded, data_path, "SCH002", f"champ obligatoire « {name} » absent{where}.{hint}", on_key=True)
    elif kind == "enum":
        allowed = error.validator_value
        yield _problem(loaded, data_path, "SCH004",
                       f"{field} doit valoir l'un de : {', '.join(map(str, allowed))} "
                       f"(reçu : {_shown(error.instance)}).{did_you_mean(str(error.instance), allowed)}")
    elif kind == "type":
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        wanted = " ou ".join(_TYPES_FR.get(item, item) for item in expected)
        hint = ""
        if "string" in expected and error.instance is None:
            hint = " Écrivez la valeur, ou supprimez la ligne si le champ est facultatif."
        elif "array" in expected and isinstance(error.instance, str):
            hint = f" Écrivez « - {error.instance} » sur la ligne suivante, indenté."
        elif "string" in expected and isinstance(error.instance, (int, float, bool)):
            hint = " Mettez la valeur entre guillemets pour en faire du texte."
        elif ("integer" in expected or "number" in expected) and isinstance(error.instance, str):
            hint = " Écrivez un nombre (au plus quelques chiffres), sans guillemets."
        elif "array" in expected:
            hint = " Écrivez un élément par ligne, commençant par « - »."
        elif "object" in expected:
            hint = " Écrivez un champ par ligne, « champ: valeur », indenté sous ce champ."
        yield _problem(loaded, data_path, "SCH003", f"{field} doit être {wanted} (reçu : {_shown(error.instance)}).{hint}")
    elif kind == "pattern":
        description = schema.get("description", "")
        examples = schema.get("examples", [])
        example = f" Exemple : « {examples[0]} »." if examples else ""
        yield _problem(loaded, data_path, "SCH005",
                       f"{field} n'a pas le bon format (reçu : {_shown(error.instance)}). {description}{example}".rstrip())
    elif kind in ("minLength", "minItems", "minProperties"):
        yield _problem(loaded, data_path, "SCH006", f"{field} ne doit pas être vide. Complétez-le ou supprimez la ligne.")
    elif kind == "maxLength":
        yield _problem(loaded, data_path, "SCH007",
                       f"{field} est trop long ({len(error.instance)} caractères, au plus {error.validator_value}). Raccourcissez-le.")
    elif kind == "maxItems":
        yield _problem(loaded, data_path, "SCH007",
                       f"{field} a {len(error.instance)} valeurs, au plus {error.validator_value}. Gardez les plus importantes.")
    elif kind == "uniqueItems":
        yield _problem(loaded, data_path, "SCH008", f"{field} contient une valeur en double. Supprimez le doublon.")
    elif kind in ("minimum", "maximum"):
        yield _problem(loaded, data_path, "SCH009",
                       f"{field} vaut {error.instance}, hors des bornes ({schema.get('minimum')} à {schema.get('maximum')}). "
                       "Corrigez la valeur.")
    else:
        yield _problem(loaded, data_path, "SCH005", f"{field} est invalide ({error.message}).")


def _walk_lists(value: object, data_path: tuple = ()) -> Iterator[tuple[tuple, list]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk_lists(item, data_path + (key,))
    elif isinstance(value, list):
        yield data_path, value
        for index, item in enumerate(value):
            yield from _walk_lists(item, data_path + (index,))


def check_limits(loaded: LoadedFile) -> Iterator[Problem]:
    """No text longer than MAX_TEXT_CHARS and no list longer than MAX_LIST_ITEMS, in any field."""
    for data_path, text in walk_texts(loaded.data):
        if len(text) > MAX_TEXT_CHARS:
            yield _problem(loaded, data_path, "SCH007", f"{_field_name(data_path)} est trop long ({len(text)} caractères, "
                           f"au plus {MAX_TEXT_CHARS}). Raccourcissez-le.")
    for data_path, items in _walk_lists(loaded.data):
        if len(items) > MAX_LIST_ITEMS:
            yield _problem(loaded, data_path, "SCH007", f"{_field_name(data_path)} a {len(items)} valeurs, au plus "
                           f"{MAX_LIST_ITEMS}. Gardez les plus importantes.")


_DATE_FIELDS = ("debut", "fin", "mise_a_jour")
# Shapes the schema pattern accepts: the calendar check below only adds what the pattern cannot see.
_FULL_DATE = re.compile(r"^([0-9]{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")
_ANY_DATE = re.compile(r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$")


def check_dates(loaded: LoadedFile) -> Iterator[Problem]:
    """Dates the schema pattern lets through but the calendar does not (a 30 February), and a record's period
    that ends before it starts (calendar steps are a rule of their own, CAL001)."""
    for data_path, text in walk_texts(loaded.data):
        match = _FULL_DATE.match(text) if data_path and data_path[-1] in _DATE_FIELDS else None
        if match:
            try:
                date(*(int(part) for part in match.groups()))
            except ValueError:
                yield _problem(loaded, data_path, "SCH005", f"{_field_name(data_path)} : la date « {text} » n'existe pas "
                               "dans le calendrier. Vérifiez le jour et le mois (format AAAA-MM-JJ).")
    period = loaded.data.get("periode") if isinstance(loaded.data, dict) else None
    if isinstance(period, dict):
        start, end = str(period.get("debut")), str(period.get("fin"))
        if _ANY_DATE.match(start) and _ANY_DATE.match(end) and end < start[:len(end)]:
            yield _problem(loaded, ("periode", "fin"), "CAL002",
                           f"la période finit ({end}) avant de commencer ({start}). Vérifiez les dates ou inversez-les.")


def check_schema(loaded: LoadedFile, validator: QuickValidator) -> list[Problem]:
    """Every schema problem of one file, in file order, and the limits that hold for every field."""
    problems = {problem for error in validator.iter_errors(loaded.data) for problem in _describe(error, loaded)}
    # A field whose own schema limit already fired is reported once.
    too_long = {(problem.line, problem.column) for problem in problems if problem.code == "SCH007"}
    problems |= {problem for problem in check_limits(loaded) if (problem.line, problem.column) not in too_long}
    problems |= set(check_dates(loaded))
    return sorted(problems)


def check_texts(loaded: LoadedFile) -> list[Problem]:
    """Links in any text go to http, https, mailto or the site's own pages (TXT001); the rest of the Markdown
    rules are enforced when pages are rendered (text.prose)."""
    problems = []
    for data_path, text in walk_texts(loaded.data):
        for _, target in unsafe_links(text):
            shown = target if len(target) <= 40 else target[:39] + "…"
            problems.append(_problem(loaded, data_path, "TXT001",
                                     f"{_field_name(data_path)} contient un lien vers « {shown} », adresse non autorisée : "
                                     "seuls les liens http, https, mailto et vers les pages du site sont permis. "
                                     "Supprimez le lien ou donnez une adresse web."))
    return problems
