"""Render stage: the library and the schemas become Markdown pages (paths relative to docs/)."""

from __future__ import annotations

from ..model import Library
from ..schemas import Schemas
from .browse import render_browse_pages
from .glossary import render_abbreviations, render_glossary_pages
from .practices import render_practice_pages
from .reference import render_reference_pages
from .residences import render_residence_pages
from .search import render_search_index

GENERATED_DIRS = ("pratiques", "themes", "glossaire", "reference", "residences", "recherche")


def render_site(library: Library, schemas: Schemas) -> dict[str, str]:
    pages = {}
    pages.update(render_practice_pages(library))
    pages.update(render_browse_pages(library))
    pages.update(render_glossary_pages(library))
    pages.update(render_residence_pages(library))
    pages.update(render_reference_pages(schemas))
    return pages


__all__ = ["GENERATED_DIRS", "render_abbreviations", "render_search_index", "render_site"]
