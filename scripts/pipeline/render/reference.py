"""Contributor reference pages derived from the schemas and the rule catalogue, so they cannot drift."""

from __future__ import annotations

from ..paths import RULES_PAGE, SOURCES_PAGE
from ..validate.catalogue import CATALOGUE
from ..validate.schemas import Schemas
from .common import header


def _resolve(schema: dict, raw: dict, base: str) -> tuple[dict, str]:
    """Follow a `$ref` (relative to the schema file `base`); local keys override the target's."""
    reference = schema.get("$ref")
    if not reference:
        return schema, base
    file_name, _, pointer = reference.partition("#")
    file_name = file_name or base
    target = raw[file_name]
    for part in pointer.strip("/").split("/"):
        target = target[part]
    resolved, resolved_base = _resolve(target, raw, file_name)
    return {**resolved, **{key: value for key, value in schema.items() if key != "$ref"}}, resolved_base


def _kind(schema: dict, raw: dict, base: str) -> str:
    schema, base = _resolve(schema, raw, base)
    if "enum" in schema:
        return "une valeur de la liste : " + ", ".join(f"« {value} »" for value in schema["enum"])
    kinds = schema.get("type")
    if kinds == "array":
        return "liste de " + _kind(schema.get("items", {}), raw, base).replace("une valeur de la liste", "valeurs de la liste")
    if kinds == "object":
        return "objet : " + ", ".join(f"`{name}`" for name in schema.get("properties", {}))
    if kinds == "integer":
        return "nombre entier"
    return "texte"


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def render_field_table(schema: dict, raw: dict, base: str) -> str:
    required = set(schema.get("required", []))
    rows = ["| Champ | Obligatoire | Valeur attendue | Description |", "|---|---|---|---|"]
    for name, spec in schema["properties"].items():
        resolved, _ = _resolve(spec, raw, base)
        rows.append(f"| `{name}` | {'oui' if name in required else 'non'} | {_cell(_kind(spec, raw, base))} "
                    f"| {_cell(resolved.get('description', ''))} |")
    return "\n".join(rows)


def render_rules() -> str:
    rows = ["| Code | Ce qu'il signale |", "|---|---|"]
    rows += [f"| `{code}` | {text} |" for code, text in CATALOGUE.items()]
    return "\n".join([
        header("Codes des erreurs", "scripts/pipeline/validate/catalogue.py"),
        "# Codes des erreurs et avertissements\n",
        ("`make check` affiche chaque problème sous la forme `fichier:ligne:colonne : CODE message`. "
        "Les codes `AVI` sont des avertissements : ils ne bloquent pas la publication.\n"),
        "\n".join(rows) + "\n",
    ])


def render_sources(schemas: Schemas) -> str:
    documents = schemas.documents
    rows = ["| Code | Document | Lignes |", "|---|---|---|"]
    rows += [f"| {code} | {_cell(documents.titles[code])} | {documents.line_counts[code]} |" for code in documents.files]
    return "\n".join([
        header("Documents sources", "schemas/vocabulaires.json"),
        "# Documents sources\n",
        ("Les fiches et les entrées citent ces documents par leur code, une section et une plage de lignes du "
        "fichier texte.\n"),
        "\n".join(rows) + "\n",
    ])


def render_reference_pages(schemas: Schemas, field_pages: list[tuple[str, str, str]]) -> dict[str, str]:
    """A field table per collection (`field_pages`: schema file, page, title), the rule codes and the sources."""
    pages = {}
    for file_name, page, title in field_pages:
        schema = schemas.raw[file_name]
        pages[page] = "\n".join([
            header(title, f"schemas/{file_name}"),
            f"# {title}\n",
            f"{schema['description']} Ce tableau est produit à partir de `schemas/{file_name}`.\n",
            render_field_table(schema, schemas.raw, file_name) + "\n",
        ])
    pages[RULES_PAGE] = render_rules()
    pages[SOURCES_PAGE] = render_sources(schemas)
    return pages
