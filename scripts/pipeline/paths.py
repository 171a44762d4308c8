"""Where every generated page lives, and its address on the site: the one place that spells them.

Render writes Markdown files under docs/ (`…_page`, paths ending in .md); links inside pages are relative .md paths,
as MkDocs expects (`relative`); the search index, the facet data and the scripts point at site addresses (`…_url`,
relative to the site root, as `use_directory_urls: true` makes them).
"""

from __future__ import annotations

import posixpath

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
# Hand-written scripts that only some pages need: such a page names one in a data-script attribute, and
# docs/assets/pages.js (loaded everywhere) loads assets/<name>.js. No <script src> in the generated Markdown: Zensical
# rewrites the addresses of raw HTML and MkDocs does not, so no relative address would suit both; and no inline script.
FACET_SCRIPT = "filtres"
CARD_SCRIPT = "fiche"
GLOSSARY_SCRIPT = "glossaire"


def practice_page(practice_id: str) -> str:
    return f"{PRACTICES}/{practice_id}.md"


def practice_url(practice_id: str) -> str:
    return f"{PRACTICES}/{practice_id}/"


def theme_page(theme: str) -> str:
    return f"{THEMES}/{slugify(theme)}.md"


def glossary_page(entry_id: str) -> str:
    return f"{GLOSSARY}/{entry_id}.md"


def glossary_url(entry_id: str) -> str:
    return f"{GLOSSARY}/{entry_id}/"


def report_page(report_id: str) -> str:
    return f"{REPORTS}/{report_id}.md"


def report_url(report_id: str) -> str:
    return f"{REPORTS}/{report_id}/"


def facet_url(key: str, value: str) -> str:
    """The facet page's address with one value ticked, as docs/assets/filtres.js reads it: `?theme=dialogue-social`
    (the facet's key, the value's slug)."""
    return f"{page_url(FACET_PAGE)}?{key}={slugify(value)}"


def filter_link(from_page: str, key: str, value: str) -> str:
    """The same, as a Markdown link from a docs/ page (MkDocs keeps the query when it rewrites the .md path)."""
    return f"{relative(from_page, FACET_PAGE)}?{key}={slugify(value)}"


def url_from(from_page: str, url: str) -> str:
    """A site address as seen from a docs/ page once built, for data-* attributes of raw HTML, which neither MkDocs
    nor Zensical rewrites: « pratiques/chiffres.md » → « ../../ » + url."""
    return "../" * page_url(from_page).count("/") + url


def export_stem(section: str, name: str) -> str:
    """Open-data files sit beside the page that links them: pratiques/pratiques.json, glossaire/glossaire.csv."""
    return f"{section}/{name}"


def relative(from_page: str, to_page: str) -> str:
    """Link from one docs/ page to another, as MkDocs expects (relative .md paths)."""
    return "../" * from_page.count("/") + to_page


def relative_url(from_page: str, url: str) -> str:
    """Link from a docs/ page to a site address, for links written in raw HTML, which MkDocs leaves as they are."""
    target = posixpath.relpath(url or ".", page_url(from_page) or ".")
    return "./" if target == "." else target + ("/" if url.endswith("/") else "")


def page_url(page: str) -> str:
    """The site address of a docs/ Markdown page: « contribuer/index.md » → « contribuer/ », « a/b.md » → « a/b/ »."""
    url = page.removesuffix(".md").removesuffix("index")
    return url if url.endswith("/") or not url else url + "/"
