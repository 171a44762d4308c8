"""Lighthouse scores of the main pages of a built site, with Lighthouse's mobile defaults, in Debian's Chromium.

`python -m scripts.tools.lighthouse SITE` installs Lighthouse from tools/lighthouse/ (`npm ci`: the version and the
integrity hash of every package are pinned in package-lock.json; node_modules is never committed), serves SITE on a
loopback port with the simple static server of scripts/localhost.py (no compression, like the tests), or, with
`--nginx`, through the production configuration (deploy/nginx/: compression, cache headers, as readers get it), runs Lighthouse
once per page (performance and accessibility; simulated throttling of a mid-range phone on a slow 4G network) and
prints a table of performance, accessibility and cumulative layout shift (CLS), also written to
build/lighthouse/resultats.md. For each page the run of median performance among three is kept. A measure, not a
test: scores move from one run to the next, and with the load of the machine (Lighthouse's « benchmarkIndex », in
the last column: its mobile settings slow the processor four times, which assumes a machine not otherwise busy).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..localhost import CHROMIUM, CHROMIUM_ARGS, free_port, serve_directory
from ..publication.nginx import serve_with_nginx

ROOT = Path(__file__).resolve().parent.parent.parent
PACKAGE = ROOT / "tools" / "lighthouse"
CLI = PACKAGE / "node_modules" / "lighthouse" / "cli" / "index.js"
OUTPUT = ROOT / "build" / "lighthouse" / "resultats.md"
PAGES = (("Accueil", ""), ("Fiche", "pratiques/ticket-d-or/"), ("Glossaire", "glossaire/"),
         ("Filtres", "pratiques/filtres/"))
# The targets of the issue on readers, on the four pages.
TARGETS = {"performance": 85, "accessibilite": 95, "cls": 0.1}


@dataclass(frozen=True)
class Score:
    name: str
    path: str
    performance: int = 0
    accessibility: int = 0
    cls: float = 0.0
    lcp: float = 0.0
    tbt: float = 0.0
    benchmark: int = 0
    failure: str = ""


def install() -> None:
    """`npm ci` when node_modules is missing or older than the lock file."""
    marker = PACKAGE / "node_modules" / ".package-lock.json"
    if marker.exists() and marker.stat().st_mtime >= (PACKAGE / "package-lock.json").stat().st_mtime:
        return
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=PACKAGE, check=True)


def run_lighthouse(url: str, report: Path, slowdown: float | None = None) -> dict | str:
    """Lighthouse's report, or what went wrong (a page too heavy for the phone it simulates may time out)."""
    flags = " ".join(("--headless=new", *CHROMIUM_ARGS))
    cpu = [f"--throttling.cpuSlowdownMultiplier={slowdown}"] if slowdown else []
    run = subprocess.run(["node", str(CLI), url, "--quiet", "--output=json", f"--output-path={report}", *cpu,
                          "--only-categories=performance,accessibility", f"--chrome-flags={flags}", "--locale=fr"],
                         capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, check=False)
    if run.returncode:
        return (run.stderr.strip().splitlines() or ["erreur inconnue"])[0]
    return json.loads(report.read_text(encoding="utf-8"))


def _score(name: str, path: str, result: dict) -> Score:
    audits = result["audits"]
    return Score(name, "/" + path, round(result["categories"]["performance"]["score"] * 100),
                 round(result["categories"]["accessibility"]["score"] * 100),
                 audits["cumulative-layout-shift"]["numericValue"],
                 audits["largest-contentful-paint"]["numericValue"] / 1000,
                 audits["total-blocking-time"]["numericValue"], round(result["environment"]["benchmarkIndex"]))


def measure(site: Path, pages=PAGES, runs: int = 3, slowdown: float | None = None,
            nginx_dir: Path | None = None) -> list[Score]:
    """For each page, the run of median performance among `runs` (Lighthouse's own advice: one run varies)."""
    scores = []
    with contextlib.ExitStack() as stack:
        folder = stack.enter_context(tempfile.TemporaryDirectory())
        address = stack.enter_context(
            serve_with_nginx(site.resolve(), nginx_dir.resolve(), Path(folder) / "nginx", free_port()) if nginx_dir
            else serve_directory(site))
        for name, path in pages:
            done = []
            for _ in range(runs):
                result = run_lighthouse(address + path, Path(folder) / "rapport.json", slowdown)
                if isinstance(result, str):
                    done = [Score(name, "/" + path, failure=result)]
                    break
                done.append(_score(name, path, result))
            scores.append(sorted(done, key=lambda score: score.performance)[len(done) // 2])
    return scores


def table(scores: list[Score]) -> str:
    lines = ["| Page | Adresse | Performance | Accessibilité | CLS | LCP | TBT | Indice de la machine |",
             "|---|---|---|---|---|---|---|---|"]
    for score in scores:
        if score.failure:
            lines.append(f"| {score.name} | `{score.path}` | échec : {score.failure} | | | | | |")
            continue
        cls, lcp = f"{score.cls:.3f}".replace(".", ","), f"{score.lcp:.1f}".replace(".", ",")
        lines.append(f"| {score.name} | `{score.path}` | {score.performance} | {score.accessibility} | {cls} | {lcp} s "
                     f"| {score.tbt:.0f} ms | {score.benchmark} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Scores Lighthouse (réglages mobiles) des pages principales d'un site construit.")
    parser.add_argument("site", type=Path, help="dossier du site construit (site/)")
    parser.add_argument("--pages", help="adresses à mesurer, séparées par des virgules (par défaut : "
                        + ", ".join(path or "/" for _, path in PAGES) + ")")
    parser.add_argument("--essais", type=int, default=3, help="exécutions par page, la médiane est retenue (3)")
    parser.add_argument("--nginx", type=Path, metavar="DOSSIER", help="servir le site par nginx avec la configuration de "
                        "production et les en-têtes écrits par make site dans DOSSIER (build/nginx), comme les lecteurs "
                        "le reçoivent (compressé)")
    parser.add_argument("--ralentissement", type=float, help="ralentissement du processeur (4 par défaut, réglé pour une "
                        "machine d'indice 1 500 environ ; le calculateur de Lighthouse conseille 1 à l'indice 150, "
                        "2 à 800, 3 à 1 300)")
    arguments = parser.parse_args(argv)
    pages = PAGES if not arguments.pages else [(path or "/", path.strip("/") + "/" if path.strip("/") else "")
                                               for path in arguments.pages.split(",")]
    if not (arguments.site / "index.html").is_file():
        print(f"{arguments.site} : pas de site construit (index.html absent). Lancez d'abord « make site ».", file=sys.stderr)
        return 2
    install()
    text = table(measure(arguments.site, pages, arguments.essais, arguments.ralentissement, arguments.nginx))
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(text + "\n", encoding="utf-8")
    print(text)
    print(f"\nCibles : performance ≥ {TARGETS['performance']}, accessibilité ≥ {TARGETS['accessibilite']}, "
          f"CLS ≤ {TARGETS['cls']}. Tableau écrit dans {OUTPUT.relative_to(ROOT)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
