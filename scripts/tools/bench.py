"""Benchmark (`make bench`): our stages, `make site`, plain `mkdocs build` and `zensical build` on synthetic corpora.

For each size N, one synthetic project (scripts/synthetic.py) is written into a temporary folder and every command
runs on that same project: wall time (median of several runs), peak memory of the process tree (os.wait4), size of
the site, HTML size of the card pages, size of the search index the site ships. Then the `mkdocs serve` loop: the
time from saving one card to the changed page being served, on a copy of the real corpus. The table is printed and
written to build/bench/resultats.md. Nothing here writes into the repository's data or docs/.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import yaml

from ..localhost import free_port, wait_for
from ..pipeline.registry import GENERATED_DIRS
from ..pipeline.run import check_data, load_schemas
from .synthetic import DATA_DIRS, copy_project, write_corpus

ROOT = Path(__file__).resolve().parent.parent.parent
OUTPUT = Path("build") / "bench" / "resultats.md"
SIZES = (100, 1000, 10000)
# Where a site may ship its search index: Material/MkDocs, Zensical, ours (docs/recherche/), Pagefind, Lunr shards.
SEARCH_GLOBS = ("search/search_index.json", "search.json", "recherche/**/*.json", "pagefind/**/*", "search/**/*.json")
TARGETS = {"linear": 11.0, "stages_share": 0.20, "site_seconds": 60.0, "site_memory_mb": 2048, "card_kb": 40.0,
           "serve_seconds": 2.0, "warm_site_seconds": 15.0, "serve_real_seconds": 1.0}
# Warm cases: the site just built, then one change, then `make site` (incremental when only data changed).
WARM = "make site après une modification"
WARM_CASES = ("une fiche modifiée", "une fiche ajoutée", "une fiche supprimée", "une entrée du glossaire modifiée")
MAKE_SITE = "make site"
# What `make serve` runs (Makefile), and the variants compared with it.
SERVE_OPTIONS = ("--dirty",)
SERVE_VARIANTS = ((), ("--dirty",))
STAGES = "python -m scripts generate"
STUBBED = "mkdocs build, fiches réduites à leur titre"
BARE = "mkdocs build, Material seul, autant de pages d'une ligne"


@dataclass
class Run:
    seconds: float
    peak_kb: int


@dataclass
class Measure:
    label: str
    runs: list[Run] = field(default_factory=list)
    site: dict | None = None
    error: str = ""

    @property
    def seconds(self) -> float:
        return statistics.median(run.seconds for run in self.runs) if self.runs else float("nan")

    @property
    def peak_mb(self) -> float:
        return max(run.peak_kb for run in self.runs) / 1024 if self.runs else float("nan")


def run_measured(command: list[str], cwd: Path, log: Path) -> Run:
    """Run a command to completion; wall time and the peak resident memory of its largest process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    with log.open("ab") as stream:
        stream.write(f"\n$ {' '.join(command)}\n".encode())
        stream.flush()
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=stream, stderr=subprocess.STDOUT, env=env)
        # wait4's usage covers the child and every descendant it waited for: ru_maxrss is the largest of them.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"« {' '.join(command)} » a échoué (code {process.returncode}) ; voir {log}")
    return Run(seconds, usage.ru_maxrss)


def _remove(*paths: Path) -> None:
    for path in paths:
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


def _generated(project: Path) -> list[Path]:
    return [project / "docs" / folder for folder in GENERATED_DIRS] + [project / "build"]


def search_payload(site: Path) -> dict:
    """The search index files found under the site, by the known locations, raw and gzip sizes."""
    found: dict[Path, None] = {}
    patterns = []
    for pattern in SEARCH_GLOBS:
        matches = [path for path in sorted(site.glob(pattern)) if path.is_file()]
        if matches:
            patterns.append(f"{pattern} ({len(matches)})")
            found.update(dict.fromkeys(matches))
    raw = zipped = largest = 0
    for path in found:
        data = path.read_bytes()
        size = len(gzip.compress(data, compresslevel=6))
        raw, zipped, largest = raw + len(data), zipped + size, max(largest, len(data))
    return {"patterns": patterns, "files": len(found), "raw": raw, "gzip": zipped, "largest": largest}


def site_sizes(site: Path, card_ids: list[str], witness: str) -> dict:
    files = [path for path in site.rglob("*") if path.is_file()]
    cards = sorted((site / "pratiques" / card / "index.html").stat().st_size for card in card_ids
                   if (site / "pratiques" / card / "index.html").exists())
    return {
        "bytes": sum(path.stat().st_size for path in files),
        "files": len(files),
        "card_median": statistics.median(cards) if cards else 0,
        "witness": (site / "pratiques" / witness / "index.html").stat().st_size
        if (site / "pratiques" / witness / "index.html").exists() else 0,
        "card_max": cards[-1] if cards else 0,
        "cards": len(cards),
        "search": search_payload(site),
    }


def _venv() -> Path:
    return Path(sys.executable).parent.parent


def measure_size(cards: int, workdir: Path, runs: int, log: Path) -> tuple[dict, list[Measure]]:
    """All commands on one synthetic project of `cards` cards."""
    project = workdir / f"corpus-{cards}"
    started = time.perf_counter()
    corpus = write_corpus(ROOT, project, cards)
    generation = time.perf_counter() - started
    card_ids = sorted(path.stem for path in (project / "practices").glob("*.yml"))
    yaml_bytes = sum(path.stat().st_size for folder in DATA_DIRS for path in (project / folder).glob("*.yml"))
    info = {"witness": corpus.first_card, "cards": corpus.practices, "glossary": corpus.glossary, "reports": corpus.residences, "words": corpus.words,
            "yaml_bytes": yaml_bytes, "generation": generation}
    venv = _venv()
    python, bin_dir = str(venv / "bin" / "python"), venv / "bin"
    stamp = venv / ".installe"
    measures = []

    def repeat(label: str, command: list[str], before, site: Path | None) -> None:
        repeat_in(project, label, command, before, site)

    def repeat_in(where: Path, label: str, command: list[str], before, site: Path | None) -> None:
        measure = Measure(label)
        try:
            for _ in range(runs):
                before()
                measure.runs.append(run_measured(command, where, log))
            if site is not None:
                measure.site = site_sizes(site, card_ids, corpus.first_card)
        except (RuntimeError, OSError) as error:
            measure.error = str(error)
        measures.append(measure)
        _progress(cards, measure)

    repeat("python -m scripts check", [python, "-m", "scripts", "check"], lambda: None, None)
    repeat(STAGES, [python, "-m", "scripts", "generate"], lambda: _remove(*_generated(project)), None)
    # The editor's packages of this project, linked rather than installed again (npm ci would have been timed with the
    # first build); `-o` keeps make from ever reinstalling them through the link.
    modules = ROOT / "editeur" / "node_modules"
    if modules.is_dir() and not (project / "editeur" / "node_modules").exists():
        (project / "editeur" / "node_modules").symlink_to(modules, target_is_directory=True)
    make_site = ["make", "--no-print-directory", "-o", str(stamp), "-o", "editeur/node_modules/.installe", f"VENV={venv}",
                 "site"]
    repeat(MAKE_SITE, make_site, lambda: _remove(project / "site", *_generated(project)), project / "site")
    for case in WARM_CASES:
        repeat(f"{WARM} : {case}", make_site, warm_edit(project, case), None)
    mkdocs_site = project / "build" / "bench-mkdocs"
    repeat("mkdocs build", [str(bin_dir / "mkdocs"), "build", "--quiet", "-d", str(mkdocs_site)],
           lambda: _remove(mkdocs_site), mkdocs_site)
    # Two references that explain the time of `mkdocs build` (not targets): the same site with every card page cut
    # down to its title (what the card texts cost), and Material alone on as many one-line pages (its floor).
    stubbed = workdir / f"corpus-{cards}-fiches-courtes"
    stub_cards(project, stubbed, card_ids)
    stub_site = stubbed / "build" / "bench-mkdocs"
    repeat_in(stubbed, STUBBED, [str(bin_dir / "mkdocs"), "build", "--quiet", "-d", str(stub_site)],
              lambda: _remove(stub_site), None)
    shutil.rmtree(stubbed, ignore_errors=True)
    bare = workdir / f"material-{cards}"
    bare_pages(bare, cards)
    repeat_in(bare, BARE, [str(bin_dir / "mkdocs"), "build", "--quiet"], lambda: _remove(bare / "site"), None)
    shutil.rmtree(bare, ignore_errors=True)
    zensical = bin_dir / "zensical"
    if zensical.exists():
        repeat("zensical build", [str(zensical), "build", "--config-file", "mkdocs.yml", "--clean"],
               lambda: _remove(project / "site", project / ".cache"), project / "site")
    else:
        measures.append(Measure("zensical build", error="zensical absent : lancez make .venv/.installe-zensical"))
    return info, measures


def warm_edit(project: Path, case: str):
    """The change made before each warm run of `case` (a new change each time, so that every run has work)."""
    counter = iter(range(1_000_000))
    witness = min((project / "practices").glob("*.yml"))
    entry = min((project / "glossary").glob("*.yml"))

    def edit() -> None:
        number = next(counter)
        if case == WARM_CASES[0]:
            text = witness.read_text(encoding="utf-8")
            witness.write_text(re.sub(r"^(resume: .*?)( banc\d+)?$", rf"\1 banc{number}", text, count=1, flags=re.MULTILINE),
                               encoding="utf-8")
        elif case == WARM_CASES[1]:
            text = witness.read_text(encoding="utf-8")
            added = f"ajout-banc-{number}"
            (project / "practices" / f"{added}.yml").write_text(
                re.sub(r"^id: .*$", f"id: {added}", text, count=1, flags=re.MULTILINE), encoding="utf-8")
        elif case == WARM_CASES[2]:
            added = sorted((project / "practices").glob("ajout-banc-*.yml"))
            (added[0] if added else max((project / "practices").glob("*.yml"))).unlink()
        else:
            # The definition, not the long form: the acronym dictionary (every page's tooltips) stays as it is.
            text = entry.read_text(encoding="utf-8")
            entry.write_text(re.sub(r"^(definition: .*?)( banc\d+)?$", rf"\1 banc{number}", text, count=1, flags=re.MULTILINE),
                             encoding="utf-8")
    return edit


def stub_cards(project: Path, target: Path, card_ids: list[str]) -> None:
    """A copy of a generated project whose card pages keep their front matter and title, and one line of text."""
    shutil.copytree(project, target, ignore=shutil.ignore_patterns("site", "bench-mkdocs", ".cache"))
    for card in card_ids:
        page = target / "docs" / "pratiques" / f"{card}.md"
        text = page.read_text(encoding="utf-8")
        front = re.match(r"---\n.*?\n---\n", text, re.DOTALL)
        title = re.search(r"^# .*$", text, re.MULTILINE)
        page.write_text((front.group(0) if front else "") + f"\n{title.group(0) if title else '# Fiche'}\n\nFiche courte.\n",
                        encoding="utf-8")


def bare_pages(target: Path, count: int) -> None:
    """Material with its defaults and `count` one-line pages kept out of the navigation, as measured in issue 9."""
    (target / "docs" / "p").mkdir(parents=True)
    (target / "mkdocs.yml").write_text("site_name: Banc\ntheme:\n  name: material\n  font: false\nplugins: []\n"
                                       "not_in_nav: |\n  /p/*.md\nnav:\n  - index.md\n", encoding="utf-8")
    (target / "docs" / "index.md").write_text("# Accueil\n", encoding="utf-8")
    for number in range(count):
        (target / "docs" / "p" / f"p{number}.md").write_text(f"# Page {number}\n\nUne ligne de texte.\n", encoding="utf-8")


def _progress(cards: int, measure: Measure) -> None:
    if measure.error:
        print(f"  {cards} fiches · {measure.label} : ÉCHEC ({measure.error})", file=sys.stderr, flush=True)
    else:
        times = ", ".join(f"{run.seconds:.2f}" for run in measure.runs)
        print(f"  {cards} fiches · {measure.label} : {times} s, {measure.peak_mb:.0f} Mo", file=sys.stderr, flush=True)


# --- mkdocs serve: from saving a card to the page served with the change ---------------------------------------

def _serve_command(options: tuple[str, ...]) -> str:
    return " ".join(("mkdocs serve", *options))


def real_copy(target: Path) -> int:
    """The real project with its data; files that fail the check (a record being written) are left out."""
    copy_project(ROOT, target)
    for _ in range(3):
        for folder in DATA_DIRS:
            shutil.rmtree(target / folder, ignore_errors=True)
            shutil.copytree(ROOT / folder, target / folder)
        if not check_data(target, load_schemas(target / "schemas")).errors:
            return 0
        time.sleep(5)  # someone is saving a record: copy again
    left_out = 0
    for _ in range(5):
        result = check_data(target, load_schemas(target / "schemas"))
        broken = {problem.path for problem in result.errors if problem.path.split("/")[0] in DATA_DIRS}
        if not broken:
            break
        for path in broken:
            (target / path).unlink(missing_ok=True)
        left_out += len(broken)
    return left_out


def _title_room(project: Path) -> int:
    schema = json.loads((project / "schemas" / "pratique.schema.json").read_text(encoding="utf-8"))
    return schema["properties"]["titre"]["maxLength"]


def measure_serve(project: Path, edits: int, log: Path, options: tuple[str, ...] = (), timeout: float = 120) -> dict:
    """Start `mkdocs serve` (with `options`), save one card `edits` times, time each change until it is served."""
    venv = _venv()
    python = str(venv / "bin" / "python")
    title_room = _title_room(project)
    subprocess.run([python, "-m", "scripts", "generate"], cwd=project, check=True, capture_output=True)
    cards = sorted((project / "practices").glob("*.yml"), key=lambda path: path.stem != "ticket-d-or")
    # A card whose title is on one line, so that the edit is a one-line change, as an author makes it.
    card, match = next((path, found) for path in cards
                       if (found := re.search(r"^titre: ([^>|\n].*)$", path.read_text(encoding="utf-8"), re.MULTILINE)))
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    with log.open("ab") as stream:
        server = subprocess.Popen([str(venv / "bin" / "mkdocs"), "serve", *options, "--dev-addr", f"127.0.0.1:{port}"],
                                  cwd=project, stdout=stream, stderr=subprocess.STDOUT, env=env)
    latencies: list[float | None] = []
    try:
        started = wait_for(base, "<html", timeout)
        if started is None:
            return {"card": card.stem, "latencies": [], "error": f"le serveur n'a pas répondu en {timeout:.0f} s"}
        original = card.read_text(encoding="utf-8")
        title = yaml.safe_load(match.group(1))
        for number in range(edits):
            marker = f"bancdessai{number}x{port}"
            # Shortened so that the edited title stays within the schema's limit: an invalid card is never served.
            edited_title = f"{title[:title_room - len(marker) - 1]} {marker}"
            edited = original.replace(match.group(0), "titre: " + json.dumps(edited_title, ensure_ascii=False))
            card.write_text(edited, encoding="utf-8")
            latencies.append(wait_for(f"{base}pratiques/{card.stem}/", marker, timeout))
            # Let the second rebuild (the hook's rewritten Markdown) finish before the next edit.
            time.sleep(2 + (latencies[-1] or 0))
        card.write_text(original, encoding="utf-8")
        return {"card": card.stem, "latencies": latencies, "startup": started}
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


# --- report -----------------------------------------------------------------------------------------------------

def _mb(size: float) -> str:
    return f"{size / 1_000_000:.1f}"


def _kb(size: float) -> str:
    return f"{size / 1000:.1f}"


def _load() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


def _versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    parts = [f"Python {platform.python_version()}"]
    for name in ("mkdocs", "mkdocs-material", "zensical"):
        try:
            parts.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            parts.append(f"{name} absent")
    return ", ".join(parts)


def render_report(results: dict, serve: list[dict], context: dict) -> str:
    lines = [
        f"# Banc d'essai — {context['date']}",
        "",
        (f"Machine : {os.cpu_count()} cœurs, charge moyenne (1 min) {context['load_start']} au début et "
         f"{context['load_end']} à la fin ; {_versions()}. Durée totale : {context['duration'] / 60:.1f} min."),
        "",
        "| Fiches | Entrées du glossaire | Rapports | Mots | YAML (Mo) |",
        "|---:|---:|---:|---:|---:|",
    ]
    for cards, (info, _) in results.items():
        lines.append(f"| {info['cards']} | {info['glossary']} | {info['reports']} | {info['words']:,} | {_mb(info['yaml_bytes'])} |"
                     .replace(",", " "))
    lines += [
        "",
        ("| Fiches | Commande | Exécutions | Temps médian (s) | Mémoire max (Mo) | Site (Mo / fichiers) "
         "| Page de fiche HTML : témoin / médiane / max (Ko) | Index de recherche : brut / gzip (Mo), fichiers | Trouvé |"),
        "|---:|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for cards, (_, measures) in results.items():
        for measure in measures:
            if measure.error:
                lines.append(f"| {cards} | {measure.label} | échec | — | — | — | — | — | {measure.error} |")
                continue
            site = measure.site
            cells = ["—", "—", "—", ""]
            if site:
                search = site["search"]
                cells = [f"{_mb(site['bytes'])} / {site['files']}",
                         f"{_kb(site['witness'])} / {_kb(site['card_median'])} / {_kb(site['card_max'])}",
                         f"{_mb(search['raw'])} / {_mb(search['gzip'])}, {search['files']}" if search["files"] else "aucun",
                         ", ".join(search["patterns"])]
            lines.append(f"| {cards} | {measure.label} | {len(measure.runs)} | {measure.seconds:.2f} | "
                         f"{measure.peak_mb:.0f} | " + " | ".join(cells) + " |")
    if serve:
        lines += ["", ("`mkdocs serve` : une fiche enregistrée, puis sa page servie interrogée toutes les 50 ms jusqu'à ce "
                       f"que la modification y soit. `make serve` lance `mkdocs serve {' '.join(SERVE_OPTIONS)}`."), "",
                  "| Corpus | Commande | Fiche modifiée | Délais (s) | Médiane (s) |", "|---|---|---|---|---:|"]
        for item in serve:
            delays = [value for value in item["latencies"] if value is not None]
            shown = ", ".join("> délai" if value is None else f"{value:.2f}" for value in item["latencies"])
            median = f"{statistics.median(delays):.2f}" if delays else "—"
            lines.append(f"| {item['corpus']} | `{item['command']}` | `{item.get('card', '')}` | {shown or item.get('error', '')} "
                         f"| {median} |")
    lines += ["", "## Cibles", "", "| Cible | Mesuré | Tenue |", "|---|---|---|"]
    lines += [f"| {target} | {value} | {'oui' if held else '**non**'} |" for target, value, held in check_targets(results, serve)]
    return "\n".join(lines) + "\n"


def _find(measures: list[Measure], label: str) -> Measure | None:
    return next((measure for measure in measures if measure.label == label and not measure.error), None)


def check_targets(results: dict, serve: list[dict]) -> list[tuple[str, str, bool]]:
    rows = []
    sizes = sorted(results)
    by_size = {cards: results[cards][1] for cards in sizes}
    if 1000 in by_size and 10000 in by_size:
        for label in (MAKE_SITE, STAGES, "mkdocs build", "zensical build"):
            small, large = _find(by_size[1000], label), _find(by_size[10000], label)
            if small and large:
                ratio = large.seconds / small.seconds
                rows.append((f"croissance linéaire, {label} : temps à 10 000 ≤ 11 × temps à 1 000", f"× {ratio:.1f}",
                             ratio <= TARGETS["linear"]))
    for cards in sizes:
        stages, site = _find(by_size[cards], STAGES), _find(by_size[cards], MAKE_SITE)
        if stages and site:
            share = stages.seconds / site.seconds
            rows.append((f"nos étapes ≤ 20 % de make site ({cards} fiches)", f"{share:.0%}", share <= TARGETS["stages_share"]))
    site = _find(by_size.get(10000, []), MAKE_SITE)
    if site:
        rows.append(("make site à 10 000 fiches ≤ 60 s", f"{site.seconds:.1f} s", site.seconds <= TARGETS["site_seconds"]))
        rows.append(("make site à 10 000 fiches ≤ 2 Go de mémoire", f"{site.peak_mb:.0f} Mo",
                     site.peak_mb <= TARGETS["site_memory_mb"]))
    built = {cards: _find(by_size[cards], MAKE_SITE).site for cards in sizes
             if _find(by_size[cards], MAKE_SITE) and _find(by_size[cards], MAKE_SITE).site}
    if built:
        witness = [site["witness"] / 1000 for site in built.values()]
        rows.append(("page de fiche indépendante de N (fiche témoin, la même à chaque N)",
                     ", ".join(f"{site['witness'] / 1000:.1f} Ko à {cards}" for cards, site in built.items()),
                     max(witness) - min(witness) <= 1.0))
        for label, key in (("médiane", "card_median"), ("plus grande", "card_max")):
            rows.append((f"page de fiche ≤ 40 Ko ({label})",
                         ", ".join(f"{site[key] / 1000:.1f} Ko à {cards}" for cards, site in built.items()),
                         max(site[key] / 1000 for site in built.values()) <= TARGETS["card_kb"]))
    warm = _find(by_size.get(10000, []), f"{WARM} : {WARM_CASES[0]}")
    if warm:
        rows.append(("make site, une fiche modifiée à 10 000 fiches ≤ 15 s (médiane)", f"{warm.seconds:.1f} s",
                     warm.seconds <= TARGETS["warm_site_seconds"]))
    for item in serve:
        delays = [value for value in item["latencies"] if value is not None]
        if item["command"] != _serve_command(SERVE_OPTIONS):
            continue
        median = statistics.median(delays) if delays else float("inf")
        shown = f"{median:.2f} s (max {max(delays):.2f} s)" if delays else "pas de changement vu"
        complete = bool(delays) and len(delays) == len(item["latencies"])
        if item["corpus"].startswith("réel"):
            rows.append(("make serve : une fiche modifiée visible en ≤ 1 s (corpus réel, médiane)", shown,
                         complete and median <= TARGETS["serve_real_seconds"]))
        elif "10000" in item["corpus"]:
            rows.append(("make serve : une fiche modifiée visible en ≤ 2 s à 10 000 fiches (médiane)", shown,
                         complete and median <= TARGETS["serve_seconds"]))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.tools.bench", description="Banc d'essai de la construction du site.")
    parser.add_argument("--fiches", default=",".join(map(str, SIZES)), help="tailles, séparées par des virgules")
    parser.add_argument("--repetitions", type=int, default=3, help="exécutions par mesure (médiane), par défaut 3")
    parser.add_argument("--repetitions-grand", type=int, default=1,
                        help="exécutions par mesure à 10 000 fiches et plus, par défaut 1")
    parser.add_argument("--serve", type=int, default=3, help="modifications chronométrées sous mkdocs serve (0 : aucune)")
    parser.add_argument("--serve-fiches", default=",".join(map(str, SIZES)),
                        help="tailles synthétiques où mesurer aussi mkdocs serve, en plus du corpus réel (vide : aucune)")
    parser.add_argument("--sortie", type=Path, default=ROOT / OUTPUT, help="fichier du tableau")
    parser.add_argument("--garder", action="store_true", help="garder le dossier temporaire des corpus")
    parser.add_argument("--serve-seul", type=Path, metavar="PROJET",
                        help="mesurer seulement make serve sur ce projet (une copie : une fiche y est modifiée), en JSON")
    arguments = parser.parse_args(argv)
    if arguments.serve_seul:
        log = arguments.serve_seul / "journal-serve.txt"
        print(json.dumps(measure_serve(arguments.serve_seul, arguments.serve, log, SERVE_OPTIONS, timeout=300)))
        return 0
    sizes = [int(item) for item in arguments.fiches.split(",") if item.strip()]
    serve_sizes = {int(item) for item in arguments.serve_fiches.split(",") if item.strip()}
    context = {"date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), "load_start": _load()}
    workdir = Path(tempfile.mkdtemp(prefix="banc-"))
    log = workdir / "journal.txt"
    print(f"Banc d'essai dans {workdir} (journal : {log})", file=sys.stderr, flush=True)
    started = time.perf_counter()
    results: dict[int, tuple[dict, list[Measure]]] = {}
    serve: list[dict] = []
    try:
        if arguments.serve:
            real = workdir / "reel"
            left_out = real_copy(real)
            label = "réel" + (f" ({left_out} fichier(s) en erreur écarté(s))" if left_out else "")
            for options in SERVE_VARIANTS:
                serve.append({"corpus": label, "command": _serve_command(options),
                              **measure_serve(real, arguments.serve, log, options)})
            shutil.rmtree(real, ignore_errors=True)
        for cards in sizes:
            runs = arguments.repetitions_grand if cards >= 10000 else arguments.repetitions
            results[cards] = measure_size(cards, workdir, runs, log)
            project = workdir / f"corpus-{cards}"
            if arguments.serve and cards in serve_sizes:
                for options in (SERVE_OPTIONS,):
                    serve.append({"corpus": f"synthétique, {cards} fiches", "command": _serve_command(options),
                                  **measure_serve(project, arguments.serve, log, options)})
            if not arguments.garder:
                shutil.rmtree(project, ignore_errors=True)
    finally:
        if not arguments.garder:
            shutil.rmtree(workdir, ignore_errors=True)
    context.update(load_end=_load(), duration=time.perf_counter() - started)
    report = render_report(results, serve, context)
    arguments.sortie.parent.mkdir(parents=True, exist_ok=True)
    arguments.sortie.write_text(report, encoding="utf-8")
    print(report)
    print(f"Tableau écrit dans {arguments.sortie}.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
