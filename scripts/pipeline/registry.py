"""The collections of records: one row per kind, and everything else derives from it.

A row says where the records live (folder, schema), what they become (model class and builder), where their pages go
(generated folder, page functions in render/), how readers call them (French words), and how they enter the search
index and the open-data exports. The pipeline, the MkDocs hook, `make clean`, the contributor pages and the tests
read this table; nothing else lists the collections. To add a kind of record, follow docs/contribuer/developper.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import paths
from .model import build_glossary_entry, build_practice, build_report
from .render import glossary, practices, reports


@dataclass(frozen=True)
class Collection:
    name: str                # the English word for the collection in code (`library.practices`, `files["practices"]`)
    folder: str              # data folder at the project root: one YAML file per record, the file name is the id
    schema: str              # JSON Schema in schemas/
    build: Callable          # validated data, path, schemas → record (scripts/pipeline/model.py)
    section: str             # generated folder under docs/, and first part of the records' addresses
    word: str                # what a reader calls one record, and several
    words: str
    field_page: str          # contributor page listing the schema's fields
    field_title: str
    render: Callable         # library → {docs path: Markdown}: the record pages and the collection's own lists
    index: Callable          # library → search documents
    export: str = ""         # stem of the JSON and CSV downloads, when the collection has them
    # Fields that hold ids of other records: (dotted path in the record, collection name). The editor (/admin/) makes
    # them searchable lists of those records; the rules of validate/library.py check that each id exists.
    links: tuple[tuple[str, str], ...] = ()
    label: str = "{{titre}}"  # how the editor lists a record (Decap template: field names in double braces)


# Glossary entries first: the search index numbers documents in this order and ranks ties by that number, so a
# sigle's entry comes before the cards that mention it.
COLLECTIONS: tuple[Collection, ...] = (
    Collection("glossary", "glossary", "glossaire.schema.json", build_glossary_entry, paths.GLOSSARY,
               "entrée du glossaire", "entrées du glossaire", f"{paths.REFERENCE}/entree-glossaire.md",
               "Champs d'une entrée du glossaire", glossary.render_glossary_pages, glossary.search_documents,
               export=paths.export_stem(paths.GLOSSARY, "glossaire"), links=(("voir_aussi", "glossary"),),
               label="{{sigle}}{{terme}} — {{forme_longue}}"),
    Collection("practices", "practices", "pratique.schema.json", build_practice, paths.PRACTICES,
               "fiche", "fiches", f"{paths.REFERENCE}/fiche-pratique.md", "Champs d'une fiche pratique",
               practices.render_practice_pages, practices.search_documents,
               export=paths.export_stem(paths.PRACTICES, "pratiques"),
               links=(("pratiques_liees", "practices"), ("residence", "reports"))),
    Collection("reports", "residences", "residence.schema.json", build_report, paths.REPORTS,
               "rapport", "rapports", f"{paths.REFERENCE}/rapport.md",
               "Champs d'un rapport de résidence ou de recherche-action", reports.render_report_pages,
               reports.search_documents, links=(("axes.pistes", "practices"),)),
)
BY_NAME = {collection.name: collection for collection in COLLECTIONS}

# The one data file that is not a collection: capital words admitted without a glossary entry.
ALLOW_LIST = "sigles-hors-glossaire.yml"
ALLOW_LIST_SCHEMA = "sigles-hors-glossaire.schema.json"
SCHEMAS_FOLDER = "schemas"

# Everything the build writes: folders of docs/ (removed when their page disappears), and build/ at the root.
GENERATED_DIRS = tuple(collection.section for collection in COLLECTIONS) + paths.SITE_SECTIONS
BUILD_DIR = "build"
# What `mkdocs serve` watches to regenerate: the data and the schemas.
WATCHED = tuple(collection.folder for collection in COLLECTIONS) + (SCHEMAS_FOLDER, ALLOW_LIST)
