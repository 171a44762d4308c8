"""What the browser downloads before the first search result, measured in Debian's Chromium on a built site.

`python -m scripts.tools.search_budget SITE [--requete …]` serves SITE on a loopback port, opens the « Rechercher » page
with each query in a fresh browser context (empty cache), waits for the first result and adds up every response
received until then: its size as served, and gzip-compressed (what a web server with compression sends).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..localhost import CHROMIUM, CHROMIUM_ARGS, serve_directory

# Typed right, then with slips (the vocabulary is fetched to correct them) and today's names.
DEFAULT_QUERIES = ("plie", "spe-p", "debuggage", "l'agence", "accompagnement global", "pratiques", "pole emploi",
                   "cooperation entre acteurs", "debugage", "acompagnement gloabl", "plateformisaton", "france travail")


@dataclass(frozen=True)
class Measure:
    query: str
    files: int
    raw: int
    compressed: int
    index_compressed: int


def measure(site: Path, queries=DEFAULT_QUERIES) -> list[Measure]:
    from playwright.sync_api import sync_playwright

    results = []
    with serve_directory(site) as address, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        for query in queries:
            context = browser.new_context()
            page = context.new_page()
            bodies: dict[str, bytes] = {}
            page.on("response", functools.partial(_record, bodies))
            page.goto(f"{address}recherche/?q={query}")
            page.locator("#recherche-resultats li a").first.wait_for(state="visible", timeout=20000)
            context.close()
            own = {url: body for url, body in bodies.items() if urlsplit(url).netloc == urlsplit(address).netloc}
            index = [body for url, body in own.items() if "/recherche/" in urlsplit(url).path
                     and urlsplit(url).path.endswith(".json")]
            results.append(Measure(query, len(own), sum(len(body) for body in own.values()),
                                   sum(len(gzip.compress(body, 6)) for body in own.values()),
                                   sum(len(gzip.compress(body, 6)) for body in index)))
        browser.close()
    return results


def _record(bodies: dict[str, bytes], response) -> None:
    from playwright.sync_api import Error

    try:
        bodies.setdefault(response.url, response.body())
    except Error:  # a redirect or an aborted request has no body: it weighs nothing
        bodies.setdefault(response.url, b"")


def table(results: list[Measure]) -> str:
    lines = ["| Requête | Fichiers | Téléchargé (brut) | Téléchargé (gzip) | dont index de recherche (gzip) |",
             "|---|---|---|---|---|"]
    lines += [f"| {item.query} | {item.files} | {item.raw / 1024:.0f} Kio | {item.compressed / 1024:.0f} Kio "
              f"| {item.index_compressed / 1024:.0f} Kio |" for item in results]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.tools.search_budget",
                                     description="Mesure ce que le navigateur télécharge avant le premier résultat.")
    parser.add_argument("site", type=Path, help="dossier du site construit (par exemple site/)")
    parser.add_argument("--requete", action="append", help="requête à mesurer (plusieurs fois possible)")
    arguments = parser.parse_args(argv)
    if not (arguments.site / "recherche" / "index.json").is_file():
        print(f"{arguments.site} n'est pas un site construit avec son index de recherche : lancez d'abord make site.",
              file=sys.stderr)
        return 2
    results = measure(arguments.site, tuple(arguments.requete or DEFAULT_QUERIES))
    print(table(results))
    worst = max(results, key=lambda item: item.compressed)
    print(f"\nAu pire : {worst.compressed / 1024:.0f} Kio compressés avant le premier résultat (« {worst.query} »).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
