"""Weight of a built site's pages, by type of page: HTML (as served and gzip-compressed) and our own JavaScript.

`python -m scripts.tools.poids SITE` reads every HTML page of SITE (a folder built by `make site`), sorts it into a
type (home, each collection's record pages and index, theme pages, the rest) and prints a Markdown table: number of
pages, median and largest HTML, the largest page's name, its gzip size, and the largest total of the project's own
scripts a page of that type loads (every `<script src>` of the site except Material's bundle, assets/javascripts/, and
the scripts it names with data-script, which docs/assets/pages.js loads).
The results go to docs/contribuer/performances.md.
"""

from __future__ import annotations

import argparse
import gzip
import re
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..pipeline import paths
from ..pipeline.registry import COLLECTIONS

_SCRIPT = re.compile(r"<script\b[^>]*\bsrc=\"([^\"]+)\"", re.IGNORECASE)
# Scripts a page names for docs/assets/pages.js to load (scripts/pipeline/paths.py): assets/<name>.js.
_NAMED = re.compile(r"\bdata-script=\"([a-z]+)\"")
THEME_BUNDLE = "assets/javascripts/"


@dataclass(frozen=True)
class Page:
    path: str           # relative to the site, « glossaire/plie/index.html »
    kind: str
    html: int
    compressed: int
    own_js: int


# The pages paths.py names (lists, filters, charts, the glossary's index…), each a type of its own.
NAMED_PAGES = {paths.page_url(value): value for value in vars(paths).values()
               if isinstance(value, str) and value.endswith(".md")}
RECORD_KINDS = {collection.section: f"{collection.words} (une page chacune)" for collection in COLLECTIONS}


def page_kind(path: str) -> str:
    """The type of a page from its address: home, a page paths.py names, a record page, a theme page, the rest."""
    url = path.removesuffix("index.html")
    parts = url.strip("/").split("/")
    if url == "":
        return "accueil"
    if url in NAMED_PAGES:
        return f"page `{url}`"
    if len(parts) == 2 and parts[0] in RECORD_KINDS:
        return RECORD_KINDS[parts[0]]
    if len(parts) == 2 and parts[0] == paths.THEMES:
        return "thèmes (une page chacun)"
    return "autres pages"


def own_scripts(site: Path, page: Path, html: str) -> list[Path]:
    """The project's scripts a page loads: files of the site, Material's bundle left out."""
    found = []
    for source in _SCRIPT.findall(html):
        address = urlsplit(source)
        if address.scheme or address.netloc:
            continue
        target = (page.parent / address.path).resolve()
        try:
            relative = target.relative_to(site.resolve()).as_posix()
        except ValueError:
            continue
        if not relative.startswith(THEME_BUNDLE) and target.is_file():
            found.append(target)
    found += [site / "assets" / f"{name}.js" for name in dict.fromkeys(_NAMED.findall(html))
              if (site / "assets" / f"{name}.js").is_file()]
    return found


def measure(site: Path) -> list[Page]:
    pages = []
    for page in sorted(site.rglob("*.html")):
        raw = page.read_bytes()
        html = raw.decode("utf-8", errors="replace")
        relative = page.relative_to(site).as_posix()
        scripts = own_scripts(site, page, html)
        pages.append(Page(relative, page_kind(relative), len(raw), len(gzip.compress(raw, 6)),
                          sum(script.stat().st_size for script in scripts)))
    return pages


def _ko(size: float) -> str:
    return f"{size / 1024:.1f}".replace(".", ",")


def table(pages: list[Page]) -> str:
    kinds: dict[str, list[Page]] = {}
    for page in pages:
        kinds.setdefault(page.kind, []).append(page)
    lines = [("| Type de page | Pages | HTML médian (Ko) | HTML max (Ko) | Page la plus lourde | Sa taille gzip (Ko) "
              "| JavaScript propre, max (Ko) |"),
             "|---|---:|---:|---:|---|---:|---:|"]
    for kind, group in sorted(kinds.items()):
        largest = max(group, key=lambda page: page.html)
        lines.append(f"| {kind} | {len(group)} | {_ko(statistics.median(page.html for page in group))} | "
                     f"{_ko(largest.html)} | `{largest.path.removesuffix('index.html') or '/'}` | "
                     f"{_ko(largest.compressed)} | {_ko(max(page.own_js for page in group))} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Poids des pages d'un site construit, par type de page.")
    parser.add_argument("site", type=Path, help="dossier du site construit (site/ après « make site »)")
    arguments = parser.parse_args(argv)
    if not (arguments.site / "index.html").is_file():
        print(f"{arguments.site} : pas de index.html ; construisez d'abord le site (make site).", file=sys.stderr)
        return 2
    print(table(measure(arguments.site)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
