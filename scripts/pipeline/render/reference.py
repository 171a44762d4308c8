"""Contributor reference pages derived from the schemas and the rule catalogue, so they cannot drift."""

from __future__ import annotations

from ..paths import RULES_PAGE, SOURCES_PAGE
from ..text import inline
from ..validate.catalogue import CATALOGUE
from ..validate.schemas import Schemas, resolve
from .common import header


def _kind(schema: dict, raw: dict, base: str) -> str:
    schema, base = resolve(schema, raw, base)
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
        resolved, _ = resolve(spec, raw, base)
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


def _document(code: str, info: dict) -> str:
    """One source document: its full reference, where to read it, and what the citations' line numbers refer to."""
    facts = [("Titre", f"« {inline(info['titre'])} »"), ("Auteurs", inline(info["auteurs"])),
             ("Éditeur", inline(info["editeur"])), ("Date", inline(info["date"])), ("Nature", inline(info["nature"]))]
    if info.get("pages"):
        facts.append(("Pages", str(info["pages"])))
    where = inline(info["adresse_note"])
    if info.get("adresse"):
        where = f"[{inline(info['adresse'])}](<{info['adresse']}>) — {where}"
    facts.append(("Où le lire", where))
    lines = f"{info['lignes']:,}".replace(",", " ")
    facts.append(("Lignes citées", f"numéros de ligne de la version texte du document ({lines} lignes)"))
    return "\n".join([f"## {inline(info['titre_court'])} {{#document-{code}}}\n",
                      "\n".join(f"- **{label}** : {value}" for label, value in facts), ""])


def render_sources(schemas: Schemas) -> str:
    """The sources page: each document's full reference and public address, where every citation links."""
    documents = schemas.documents
    return "\n".join([
        header("Documents sources", "schemas/vocabulaires.json", "Les cinq documents publics dont sont tirées les fiches, "
               "les entrées du glossaire et les rapports : référence complète et où les lire."),
        "# Documents sources\n",
        ("Chaque fiche, entrée du glossaire et rapport cite ses sources : le document (par son titre court, qui mène "
         "ici), la partie du document qui contient le passage, puis les lignes. Ce qui est postérieur aux documents "
         "(lois, décrets, changements de nom) est appuyé par des références publiques, données sur chaque page.\n"),
        *(_document(code, documents.info[code]) for code in documents.files),
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
