"""Where every generated page lives, and its address on the site: the one place that spells them.

Render writes Markdown files under docs/ (`…_page`, paths ending in .md); links inside pages are relative .md paths,
as MkDocs expects (`relative`); the search index, the facet data and the scripts point at site addresses (`…_url`,
relative to the site root, as `use_directory_urls: true` makes them).
"""

from __future__ import annotations

from .text import slugify

# Generated folders of docs/ (git-ignored): the record collections' own, then those of the whole site.
PRACTICES = "pratiques"
GLOSSARY = "glossaire"
REPORTS = "residences"
THEMES = "themes"
REFERENCE = "reference"
SEARCH = "recherche"
EDITOR = "admin"
SITE_SECTIONS = (THEMES, REFERENCE, SEARCH, EDITOR)

PRACTICES_INDEX = f"{PRACTICES}/index.md"
FACET_PAGE = f"{PRACTICES}/filtres.md"
FACET_DATA = f"{PRACTICES}/facettes.json"
CHARTS_PAGE = f"{PRACTICES}/chiffres.md"
THEMES_INDEX = f"{THEMES}/index.md"
GLOSSARY_PAGE = f"{GLOSSARY}/index.md"
ACRONYM_IDS = f"{GLOSSARY}/sigles.js"
REPORTS_INDEX = f"{REPORTS}/index.md"
SEARCH_PAGE = f"{SEARCH}/index.md"
RULES_PAGE = f"{REFERENCE}/codes.md"
SOURCES_PAGE = f"{REFERENCE}/sources.md"
CONTRIBUTING_REPORT = "contribuer/residence.md"


def practice_page(practice_id: str) -> str:
    return f"{PRACTICES}/{practice_id}.md"


def practice_url(practice_id: str) -> str:
    return f"{PRACTICES}/{practice_id}/"


def theme_page(theme: str) -> str:
    return f"{THEMES}/{slugify(theme)}.md"


def glossary_url(entry_id: str) -> str:
    return f"{GLOSSARY}/#{entry_id}"


def report_page(report_id: str) -> str:
    return f"{REPORTS}/{report_id}.md"


def report_url(report_id: str) -> str:
    return f"{REPORTS}/{report_id}/"


def export_stem(section: str, name: str) -> str:
    """Open-data files sit beside the page that links them: pratiques/pratiques.json, glossaire/glossaire.csv."""
    return f"{section}/{name}"


def relative(from_page: str, to_page: str) -> str:
    """Link from one docs/ page to another, as MkDocs expects (relative .md paths)."""
    return "../" * from_page.count("/") + to_page


def page_url(page: str) -> str:
    """The site address of a docs/ Markdown page: « contribuer/index.md » → « contribuer/ », « a/b.md » → « a/b/ »."""
    url = page.removesuffix(".md").removesuffix("index")
    return url if url.endswith("/") or not url else url + "/"
