"""Our search against Pagefind, on the same pages, with the same queries, in Debian's Chromium.

`python -m scripts.tools.compare_pagefind [PROJET] [--sortie FICHIER]` (or `make compare-pagefind`, which installs
the pinned Pagefind of requirements-pagefind.txt first). For the project at PROJET (the repository by default, or a
synthetic corpus of scripts/tools/synthetic.py), both engines index the same documents: the records our index is
built from (scripts/pipeline/render/search.py), each given to Pagefind as one HTML page (title as <h1>, then names,
sigles, tags and text) indexed by Pagefind's command line, its results turned back into our addresses, so that they
compare address for address (a glossary entry is then a page of its own, as it will be on the site). Then, for every query of
tests/queries.py (typed right, today's names and sigles, one slip), a bare page loads the engine, runs the query
and reads the first three results. The queries typed right and one in ten of those with a slip run again, each in a
fresh browser context (empty cache): every response until the results is counted (gzip-compressed), and the time
from loading the engine to the results is taken.

Reported for each engine: share of queries right at rank 1 and in the first three, per set; download before the
first result (median and worst, gzip); time to results in the browser (median and worst); index build time (median
of three builds) and index size.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import html
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..localhost import CHROMIUM, CHROMIUM_ARGS, serve_directory
from ..pipeline.registry import COLLECTIONS
from ..pipeline.render.search import render_search_index, search_documents
from ..pipeline.run import build_library, check_data, hand_written_pages, load_schemas

ROOT = Path(__file__).resolve().parents[2]
BUILDS = 3
COLD_EVERY = 10

OURS_PAGE = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Banc : notre recherche</title>
<script src="banc.js"></script></head><body></body></html>
"""
# The engine is loaded inside the timed query, as a reader's first search loads it.
OURS_SCRIPT = """window.runQuery = async (query) => {
  const start = performance.now();
  await new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = "assets/recherche-moteur.js";
    script.onload = resolve; script.onerror = reject;
    document.head.appendChild(script);
  });
  const engine = window.bibliothequeRecherche;
  const result = await engine.search(query);
  const records = await engine.records(result.docs.slice(0, 3));
  return { urls: records.map((record) => new URL(record.url).pathname.slice(1) + new URL(record.url).hash),
           ms: performance.now() - start };
};
"""
PAGEFIND_PAGE = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Banc : Pagefind</title>
<script src="banc-pagefind.js"></script></head><body></body></html>
"""
PAGEFIND_SCRIPT = """window.runQuery = async (query) => {
  const start = performance.now();
  const pagefind = await import("./pagefind/pagefind.js");
  await pagefind.init();
  const search = await pagefind.search(query);
  const data = await Promise.all(search.results.slice(0, 3).map((result) => result.data()));
  const addresses = ADDRESSES;
  return { urls: data.map((item) => addresses[Number(item.url.match(/page-(\\d+)/)[1])]), ms: performance.now() - start };
};
"""


@dataclass
class Engine:
    name: str
    page: str
    build_seconds: float
    index_files: int
    index_bytes: int
    answers: dict[str, list[str]] = field(default_factory=dict)
    downloads: list[int] = field(default_factory=list)
    times: list[float] = field(default_factory=list)


def _documents(project: Path):
    schemas = load_schemas(project / "schemas")
    checked = check_data(project, schemas)
    if checked.errors:
        raise SystemExit(f"{project} : les données ont des erreurs, lancez d'abord make check.")
    library = build_library(checked.files, schemas)
    docs = project / "docs"
    pages = {page.relative_to(docs).as_posix(): page.read_text(encoding="utf-8") for page in hand_written_pages(project)}
    return library, pages


def _html(document) -> str:
    """One record as a page for Pagefind: the title as the heading Pagefind weighs most, then the rest."""
    paragraphs = [", ".join(document.names), ", ".join(document.keys), ", ".join(document.tags), *document.body]
    body = "".join(f"<p>{html.escape(text)}</p>" for text in paragraphs if text)
    return (f'<!doctype html><html lang="fr"><head><title>{html.escape(document.title)}</title></head><body>'
            f"<main><h1>{html.escape(document.title)}</h1>{body}</main></body></html>")


def _pagefind_build(pages: Path, output: Path) -> None:
    """Pagefind's command line, as a static site runs it after its build."""
    built = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(pages), "--output-path", str(output),
                            "--force-language", "fr"], capture_output=True, text=True, check=False)
    if built.returncode:
        raise SystemExit("Pagefind a échoué :\n" + built.stdout[-2000:] + built.stderr[-2000:])


def _size(folder: Path) -> tuple[int, int]:
    files = [path for path in folder.rglob("*") if path.is_file()]
    return len(files), sum(path.stat().st_size for path in files)


def build_engines(project: Path, bench: Path, with_pagefind: bool = True) -> list[Engine]:
    """Both indexes of the same documents, written under `bench` with a bare page for each engine."""
    library, pages = _documents(project)
    durations = []
    for _ in range(BUILDS):
        shutil.rmtree(bench / "recherche", ignore_errors=True)
        start = time.perf_counter()
        files = render_search_index(library, pages, COLLECTIONS)
        for path, text in files.items():
            if path.startswith("recherche/") and path.endswith(".json"):
                (bench / path).parent.mkdir(parents=True, exist_ok=True)
                (bench / path).write_text(text, encoding="utf-8")
        durations.append(time.perf_counter() - start)
    (bench / "assets").mkdir()
    shutil.copy(ROOT / "docs" / "assets" / "recherche-moteur.js", bench / "assets")
    (bench / "banc.html").write_text(OURS_PAGE, encoding="utf-8")
    (bench / "banc.js").write_text(OURS_SCRIPT, encoding="utf-8")
    ours = Engine("notre recherche", "banc.html", statistics.median(durations), *_size(bench / "recherche"))
    if not with_pagefind:
        return [ours]

    # One page per document, at page-<number>/ (a glossary entry's address has a fragment, which is no file):
    # Pagefind's results are turned back into our addresses by that number.
    documents, _ = search_documents(library, pages, COLLECTIONS)
    for number, document in enumerate(documents):
        (bench / "pages" / f"page-{number}").mkdir(parents=True)
        (bench / "pages" / f"page-{number}" / "index.html").write_text(_html(document), encoding="utf-8")
    durations = []
    for _ in range(BUILDS):
        shutil.rmtree(bench / "pagefind", ignore_errors=True)
        start = time.perf_counter()
        _pagefind_build(bench / "pages", bench / "pagefind")
        durations.append(time.perf_counter() - start)
    (bench / "banc-pagefind.html").write_text(PAGEFIND_PAGE, encoding="utf-8")
    (bench / "banc-pagefind.js").write_text(PAGEFIND_SCRIPT.replace("ADDRESSES", json.dumps([d.url for d in documents])),
                                            encoding="utf-8")
    pagefind = Engine("Pagefind", "banc-pagefind.html", statistics.median(durations), *_size(bench / "pagefind"))
    return [ours, pagefind]


def _record(bodies: dict[str, bytes], response) -> None:
    from playwright.sync_api import Error

    try:
        bodies.setdefault(response.url, response.body())
    except Error:  # a redirect or an aborted request has no body
        bodies.setdefault(response.url, b"")


def run_queries(bench: Path, engines: list[Engine], queries: list[str], cold: list[str]) -> None:
    """Every query on one page per engine (the answers), then each query of `cold` in a fresh context (empty cache):
    what was downloaded after the bare page, and the time taken."""
    from playwright.sync_api import sync_playwright

    with serve_directory(bench) as address, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        for engine in engines:
            context = browser.new_context()
            page = context.new_page()
            page.goto(address + engine.page, wait_until="load")
            answers = page.evaluate("""async (queries) => {
                const answers = [];
                for (const query of queries) { answers.push((await window.runQuery(query)).urls); }
                return answers;
            }""", queries)
            context.close()
            engine.answers = dict(zip(queries, answers))
            for query in cold:
                context = browser.new_context()
                page = context.new_page()
                page.goto(address + engine.page, wait_until="load")
                bodies: dict[str, bytes] = {}
                page.on("response", functools.partial(_record, bodies))
                answer = page.evaluate("(query) => window.runQuery(query)", query)
                context.close()
                own = [body for url, body in bodies.items() if urlsplit(url).netloc == urlsplit(address).netloc]
                engine.downloads.append(sum(len(gzip.compress(body, 6)) for body in own))
                engine.times.append(answer["ms"])
        browser.close()


def _share(engine: Engine, items: list[tuple[str, str]], depth: int) -> str:
    hits = sum(expected in engine.answers[query][:depth] for query, expected in items)
    return f"{100 * hits / len(items):.0f} % ({hits}/{len(items)})"


def table(engines: list[Engine], sets: dict[str, list[tuple[str, str]]]) -> str:
    columns = [engine.name for engine in engines]
    lines = ["| Mesure | " + " | ".join(columns) + " |", "|---|" + "---|" * len(columns)]
    for name, items in sets.items():
        lines.append(f"| {name} : juste au rang 1 | " + " | ".join(_share(engine, items, 1) for engine in engines) + " |")
        lines.append(f"| {name} : dans les 3 premiers | " + " | ".join(_share(engine, items, 3) for engine in engines) + " |")
    lines.append(f"| Téléchargé avant le premier résultat (gzip, cache vide, {len(engines[0].downloads)} requêtes), médiane / pire | " + " | ".join(
        f"{statistics.median(engine.downloads) / 1024:.0f} Kio / {max(engine.downloads) / 1024:.0f} Kio" for engine in engines) + " |")
    lines.append("| Temps jusqu'aux trois premiers résultats dans Chromium (cache vide), médiane / pire | " + " | ".join(
        f"{statistics.median(engine.times):.0f} ms / {max(engine.times):.0f} ms" for engine in engines) + " |")
    lines.append(f"| Construction de l'index (médiane de {BUILDS}) | " + " | ".join(
        f"{engine.build_seconds:.2f} s" for engine in engines) + " |")
    lines.append("| Index écrit (fichiers, taille) | " + " | ".join(
        f"{engine.index_files} fichiers, {engine.index_bytes / 1024 / 1024:.1f} Mo" for engine in engines) + " |")
    return "\n".join(lines)


def query_sets() -> dict[str, list[tuple[str, str]]]:
    from tests.queries import NAMES, QUERIES, SLIPS

    return {"requêtes tapées juste": QUERIES, "sigles et noms d'aujourd'hui": NAMES,
            "une faute de frappe": [(query, expected) for query, _, expected in SLIPS]}


def misses(engine: Engine, sets: dict[str, list[tuple[str, str]]]) -> list[str]:
    return [f"{query} → {engine.answers[query][:1]} (attendu {expected})"
            for items in sets.values() for query, expected in items if engine.answers[query][:1] != [expected]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.tools.compare_pagefind",
                                     description="Compare notre recherche et Pagefind sur les mêmes pages et les mêmes requêtes.")
    parser.add_argument("projet", type=Path, nargs="?", default=ROOT, help="racine du projet (par défaut : ce dépôt)")
    parser.add_argument("--sortie", type=Path, help="écrire aussi le tableau (Markdown) dans ce fichier")
    parser.add_argument("--details", action="store_true", help="lister les requêtes manquées au rang 1")
    parser.add_argument("--sans-pagefind", action="store_true",
                        help="notre recherche seule (pour essayer un réglage : Pagefind met du temps à construire)")
    arguments = parser.parse_args(argv)
    try:
        if not arguments.sans_pagefind:
            import pagefind.index  # noqa: F401
    except ImportError:
        print("Pagefind n'est pas installé : lancez make compare-pagefind, ou installez requirements-pagefind.txt.",
              file=sys.stderr)
        return 2
    sets = query_sets()
    queries = list(dict.fromkeys(query for items in sets.values() for query, _ in items))
    # Downloads and times on an empty cache: the queries typed right and every COLD_EVERY-th query with a slip.
    slips = [query for query, _ in sets["une faute de frappe"]]
    cold = list(dict.fromkeys([query for query, _ in sets["requêtes tapées juste"]] + slips[::COLD_EVERY]))
    with tempfile.TemporaryDirectory(prefix="banc-recherche-") as folder:
        engines = build_engines(arguments.projet.resolve(), Path(folder), with_pagefind=not arguments.sans_pagefind)
        run_queries(Path(folder), engines, queries, cold)
    result = table(engines, sets)
    print(result)
    if arguments.details:
        for engine in engines:
            print(f"\n{engine.name}, manquées au rang 1 :")
            print("\n".join(misses(engine, sets)) or "aucune")
    if arguments.sortie:
        arguments.sortie.parent.mkdir(parents=True, exist_ok=True)
        arguments.sortie.write_text(result + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
