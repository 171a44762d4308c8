"""Schema validation of loaded files, with every jsonschema error turned into a French problem.

This module and `rules` are the only places that decide what is valid.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from jsonschema import Draft202012Validator, ValidationError

from .load import LoadedFile
from .problems import Problem
from .text import fold

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
                       f"{field} vaut {error.instance}, hors des bornes ({schema.get('minimum')} à {schema.get('maximum')}).")
    else:
        yield _problem(loaded, data_path, "SCH005", f"{field} est invalide ({error.message}).")


def check_schema(loaded: LoadedFile, validator: Draft202012Validator) -> list[Problem]:
    """Every schema problem of one file, in file order."""
    problems = {problem for error in validator.iter_errors(loaded.data) for problem in _describe(error, loaded)}
    return sorted(problems)
