"""Schema validation of one loaded file: every jsonschema error becomes a French problem with a hint.

One small function per schema keyword (`_describe_*`), looked up in a table, as scripts/pipeline/validate/fastcheck.py
does for the checks themselves.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from ..load import LoadedFile
from ..problems import Problem
from ..text import fold

if TYPE_CHECKING:
    from jsonschema import ValidationError

    from .fastcheck import QuickValidator

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


def shown(value: object) -> str:
    """A value as a message quotes it: short, in « guillemets »."""
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


def field_name(data_path) -> str:
    """How a message names a field: « titre », « sources » (élément 2)."""
    names = [part for part in data_path if isinstance(part, str)]
    if not names:
        return "la fiche"
    name = names[-1]
    last = data_path[-1]
    if isinstance(last, int):
        return f"« {name} » (élément {last + 1})"
    return f"« {name} »"


def at(loaded: LoadedFile, data_path, code: str, message: str, on_key: bool = False, severity: str = "erreur") -> Problem:
    """A problem placed on a value of the file (or on its key)."""
    line, column = loaded.key_position(data_path) if on_key else loaded.position(data_path)
    return Problem(loaded.path, line, column, code, message, severity)


def _describe_additional(error: ValidationError, loaded: LoadedFile, data_path: tuple, field: str, schema: dict):
    allowed = sorted(schema.get("properties", {}))
    for key in sorted(set(error.instance) - set(allowed)):
        hint = did_you_mean(key, allowed) or f" Champs possibles : {', '.join(allowed)}."
        yield at(loaded, data_path + (key,), "SCH001", f"champ inconnu « {key} ».{hint}", on_key=True)


def _describe_required(error: ValidationError, loaded: LoadedFile, data_path: tuple, field: str, schema: dict):
    match = _REQUIRED.match(error.message)
    name = match["name"] if match else str(error.validator_value)
    description = schema.get("properties", {}).get(name, {}).get("description", "")
    where = "" if not data_path else f" dans {field}"
    hint = f" Ajoutez « {name}: … »" + (f" ({description.rstrip('.')})." if description else ".")
    yield at(loaded, data_path, "SCH002", f"champ obligatoire « {name} » absent{where}.{hint}", on_key=True)


def _describe_enum(error: ValidationError, loaded: LoadedFile, data_path: tuple, field: str, schema: dict):
    allowed = error.validator_value
    yield at(loaded, data_path, "SCH004", f"{field} doit valoir l'un de : {', '.join(map(str, allowed))} "
             f"(reçu : {shown(error.instance)}).{did_you_mean(str(error.instance), allowed)}")


def _type_hint(expected: list, instance: object) -> str:
    if "string" in expected and instance is None:
        return " Écrivez la valeur, ou supprimez la ligne si le champ est facultatif."
    if "array" in expected and isinstance(instance, str):
        return f" Écrivez « - {instance} » sur la ligne suivante, indenté."
    if "string" in expected and isinstance(instance, (int, float, bool)):
        return " Mettez la valeur entre guillemets pour en faire du texte."
    if ("integer" in expected or "number" in expected) and isinstance(instance, str):
        return " Écrivez un nombre (au plus quelques chiffres), sans guillemets."
    if "array" in expected:
        return " Écrivez un élément par ligne, commençant par « - »."
    if "object" in expected:
        return " Écrivez un champ par ligne, « champ: valeur », indenté sous ce champ."
    return ""


def _describe_type(error: ValidationError, loaded: LoadedFile, data_path: tuple, field: str, schema: dict):
    expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
    wanted = " ou ".join(_TYPES_FR.get(item, item) for item in expected)
    yield at(loaded, data_path, "SCH003",
             f"{field} doit être {wanted} (reçu : {shown(error.instance)}).{_type_hint(expected, error.instance)}")


def _describe_pattern(error: ValidationError, loaded: LoadedFile, data_path: tuple, field: str, schema: dict):
    examples = schema.get("examples", [])
    example = f" Exemple : « {examples[0]} »." if examples else ""
    yield at(loaded, data_path, "SCH005",
             f"{field} n'a pas le bon format (reçu : {shown(error.instance)}). {schema.get('description', '')}{example}"
             .rstrip())


def _describe_empty(error: ValidationError, loaded: LoadedFile, data_path: tuple, field: str, schema: dict):
    yield at(loaded, data_path, "SCH006", f"{field} ne doit pas être vide. Complétez-le ou supprimez la ligne.")


def _describe_max_length(error: ValidationError, loaded: LoadedFile, data_path: tuple, field: str, schema: dict):
    yield at(loaded, data_path, "SCH007", f"{field} est trop long ({len(error.instance)} caractères, au plus "
             f"{error.validator_value}). Raccourcissez-le.")


def _describe_max_items(error: ValidationError, loaded: LoadedFile, data_path: tuple, field: str, schema: dict):
    yield at(loaded, data_path, "SCH007", f"{field} a {len(error.instance)} valeurs, au plus {error.validator_value}. "
             "Gardez les plus importantes.")


def _describe_unique(error: ValidationError, loaded: LoadedFile, data_path: tuple, field: str, schema: dict):
    yield at(loaded, data_path, "SCH008", f"{field} contient une valeur en double. Supprimez le doublon.")


def _describe_bounds(error: ValidationError, loaded: LoadedFile, data_path: tuple, field: str, schema: dict):
    yield at(loaded, data_path, "SCH009", f"{field} vaut {error.instance}, hors des bornes ({schema.get('minimum')} à "
             f"{schema.get('maximum')}). Corrigez la valeur.")


def _describe_other(error: ValidationError, loaded: LoadedFile, data_path: tuple, field: str, schema: dict):
    yield at(loaded, data_path, "SCH005", f"{field} est invalide ({error.message}).")


_DESCRIBE: dict[str, Callable] = {
    "additionalProperties": _describe_additional,
    "required": _describe_required,
    "enum": _describe_enum,
    "type": _describe_type,
    "pattern": _describe_pattern,
    "minLength": _describe_empty,
    "minItems": _describe_empty,
    "minProperties": _describe_empty,
    "maxLength": _describe_max_length,
    "maxItems": _describe_max_items,
    "uniqueItems": _describe_unique,
    "minimum": _describe_bounds,
    "maximum": _describe_bounds,
}


def describe(error: ValidationError, loaded: LoadedFile) -> Iterator[Problem]:
    """The problems one jsonschema error stands for (several for unknown fields: one per field)."""
    data_path = tuple(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    handler = _DESCRIBE.get(error.validator, _describe_other)
    yield from handler(error, loaded, data_path, field_name(data_path), schema)


def check_schema(loaded: LoadedFile, validator: QuickValidator) -> list[Problem]:
    """Every schema problem of one file, in file order."""
    return sorted({problem for error in validator.iter_errors(loaded.data) for problem in describe(error, loaded)})
