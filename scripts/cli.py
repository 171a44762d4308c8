"""Command line: `python -m scripts check|generate|format|nouvelle-fiche|publication|apercu`. Only wires the pipeline
and the publication step, and prints French."""

from __future__ import annotations

import argparse
import signal
import sys
import time
from datetime import date
from pathlib import Path

from . import sitebuild
from .pipeline import cache
from .pipeline.layout import dump_record, key_order, pruned, same_layout, schema_header
from .pipeline.load import load_file, load_text
from .pipeline.problems import is_error
from .pipeline.registry import BY_NAME, SCHEMAS_FOLDER
from .pipeline.run import check_data, find_data_files, generate, load_schemas
from .pipeline.write import write_atomic
from .publication import nginx, prepare
from .scaffold import practice_starter, report_starter


def _print_problems(result) -> None:
    for problem in result.problems:
        print(problem.format(), file=sys.stderr if is_error(problem) else sys.stdout)


def _summary(result) -> str:
    errors = len(result.errors)
    advice = len(result.problems) - errors
    return (f"{result.file_count} fichier{'s' if result.file_count > 1 else ''} lu{'s' if result.file_count > 1 else ''} : "
            f"{errors} erreur{'s' if errors > 1 else ''}, {advice} avertissement{'s' if advice > 1 else ''}.")


def command_check(root: Path) -> int:
    result = check_data(root, load_schemas(root / SCHEMAS_FOLDER))
    _print_problems(result)
    print(_summary(result), file=sys.stderr if result.errors else sys.stdout)
    return 1 if result.errors else 0


def command_generate(root: Path) -> int:
    result, _, report = generate(root)
    _print_problems(result)
    if report is None:
        print(_summary(result) + " Aucune page n'a été régénérée : les pages déjà produites restent en place.",
              file=sys.stderr)
        return 1
    print(f"{_summary(result)} Pages : {len(report.written)} écrite(s), {len(report.removed)} supprimée(s), "
          f"{report.unchanged} inchangée(s).")
    return 0


def command_site(root: Path, complete: bool, publication: dict) -> int:
    # The policy written into every page (--meta) is computed from all of them: an incremental build would keep the
    # last build's in the pages it did not rebuild.
    complete = complete or publication["meta"]
    result, _, report = generate(root)
    _print_problems(result)
    if report is None:
        print(_summary(result) + " Échec de la génération : le site précédent (site/) est conservé.", file=sys.stderr)
        return 1
    built, how = sitebuild.build_site(root, report.removed, complete,
                                      lambda new: command_publication(new, **publication, memo_path=root / cache.INLINE,
                                                                      pieces_path=root / cache.GZIP) == 0)
    if not built:
        print(f"Échec de la construction ({how}) : le site précédent (site/) est conservé.", file=sys.stderr)
        return 1
    print(f"{_summary(result)} Pages : {len(report.written)} écrite(s), {len(report.removed)} supprimée(s). "
          f"Site construit dans site/ (construction {how}).")
    return 0


def command_format(root: Path, names: list[str]) -> int:
    """Lay out every data file (or those named) as the editor writes them; a file that cannot be read is left as is."""
    schemas = load_schemas(root / SCHEMAS_FOLDER)
    wanted = {(root / name).resolve() for name in names}
    rewritten, failed = [], 0
    for name, paths in find_data_files(root).items():
        collection = BY_NAME[name]
        order, header = key_order(collection.schema, schemas.raw), schema_header(collection.schema, SCHEMAS_FOLDER)
        for path in paths:
            if wanted and path.resolve() not in wanted:
                continue
            loaded, problems = load_file(path, root)
            if loaded is None or not isinstance(loaded.data, dict):
                _print_problems_list(problems)
                failed += 1
                continue
            text = path.read_text(encoding="utf-8")
            canonical = dump_record(loaded.data, order, header)
            again, _ = load_text(canonical.encode("utf-8"), loaded.path)
            if again is None or again.data != pruned(loaded.data):
                # Never write a file that would not read back as the same data.
                print(f"{loaded.path} : mise en forme impossible sans changer les données ; fichier laissé tel quel.",
                      file=sys.stderr)
                failed += 1
                continue
            if not same_layout(text, canonical):
                write_atomic(path, canonical)
                rewritten.append(loaded.path)
    for path in rewritten:
        print(f"Remis en forme : {path}")
    print(f"{len(rewritten)} fichier{'s' if len(rewritten) > 1 else ''} remis en forme"
          + (f", {failed} laissé{'s' if failed > 1 else ''} tel{'s' if failed > 1 else ''} quel{'s' if failed > 1 else ''}"
             " (voir ci-dessus)." if failed else "."))
    return 1 if failed else 0


def _print_problems_list(problems) -> None:
    for problem in problems:
        print(problem.format(), file=sys.stderr)


def command_new_practice(root: Path, title: str) -> int:
    record_id, text = practice_starter(title, date.today())
    if not record_id:
        print("Titre vide : indiquez un titre, par exemple make nouvelle-fiche TITRE=\"Petit-déjeuner des partenaires\".",
              file=sys.stderr)
        return 2
    target = root / BY_NAME["practices"].folder / f"{record_id}.yml"
    if target.exists():
        print(f"{target.relative_to(root)} existe déjà : choisissez un autre titre ou modifiez ce fichier.", file=sys.stderr)
        return 1
    write_atomic(target, text)
    print(f"Fiche créée : {target.relative_to(root)}. Complétez chaque « À compléter », puis lancez make check.")
    return 0


def command_new_report(root: Path, title: str) -> int:
    report_id, text, card_id, card_text = report_starter(title, date.today())
    if not report_id:
        print("Titre vide : indiquez un titre, par exemple make nouvelle-residence TITRE=\"Résidence à Lille\".",
              file=sys.stderr)
        return 2
    report = root / BY_NAME["reports"].folder / f"{report_id}.yml"
    card = root / BY_NAME["practices"].folder / f"{card_id}.yml"
    existing = [path.relative_to(root).as_posix() for path in (report, card) if path.exists()]
    if existing:
        print(f"{', '.join(existing)} existe déjà : choisissez un autre titre ou modifiez ce fichier.", file=sys.stderr)
        return 1
    write_atomic(report, text)
    write_atomic(card, card_text)
    print(f"Rapport créé : {report.relative_to(root)} ; première fiche : {card.relative_to(root)}. "
          "Complétez chaque « À compléter », puis lancez make check et make serve.")
    return 0


def command_publication(site: Path, nginx_dir: Path, meta: bool, compress: bool, memo_path: Path | None = None,
                        pieces_path: Path | None = None) -> int:
    if not (site / "index.html").is_file():
        print(f"{site} ne contient pas de site construit : lancez d'abord mkdocs build (ou make site).", file=sys.stderr)
        return 1
    report = prepare.prepare(site, nginx_dir, meta=meta, compress=compress, memo_path=memo_path, pieces_path=pieces_path)
    for refused in report.refused:
        print(f"{refused} : la politique de sécurité du site le bloquerait. Déplacez ce code dans un fichier JavaScript "
              "de docs/assets/.", file=sys.stderr)
    if report.refused:
        print("Aucun en-tête écrit.", file=sys.stderr)
        return 1
    for page in report.placeholders:
        print(f"avertissement : {page} contient encore « {prepare.PLACEHOLDER} » : complétez la page correspondante de "
              "docs/ avant la mise en ligne.")
    extras = (" ; politique écrite dans chaque page" if meta else "") + (
        f" ; {report.compressed} copies compressées" if compress else "")
    print(f"En-têtes de sécurité : {report.pages} pages lues, {report.scripts} scripts en ligne autorisés par empreinte ; "
          f"{site / prepare.HEADERS_FILE}, {nginx_dir}/{prepare.NGINX_FILES['site']}{extras}.")
    return 0


def command_preview(site: Path, nginx_dir: Path, port: int) -> int:
    # Stopped by a signal rather than Ctrl+C (a service manager, `kill`): leave through the same door, so that nginx
    # is stopped with it instead of being left running.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGHUP, lambda *_: sys.exit(0))
    try:
        with nginx.serve_with_nginx(site, nginx_dir, Path("build/apercu").resolve(), port) as address:
            print(f"Aperçu servi par nginx, comme en production, sur {address} (Ctrl+C pour arrêter).", flush=True)
            while True:
                time.sleep(3600)
    except nginx.PreviewError as error:
        print(f"Aperçu impossible : {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Aperçu arrêté.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts", description="Outil de construction de la bibliothèque.")
    parser.add_argument("--racine", type=Path, default=Path.cwd(), help="dossier du projet (par défaut : le dossier courant)")
    commands = parser.add_subparsers(dest="commande", required=True)
    commands.add_parser("check", help="valider les données, sans rien écrire")
    commands.add_parser("generate", help="valider puis écrire les pages Markdown dans docs/")
    site = commands.add_parser("site", help="générer puis construire le site dans site/ (incrémental quand c'est possible)")
    site.add_argument("--complet", action="store_true", help="reconstruire tout le site, sans réutiliser le précédent")
    site.add_argument("--nginx", type=Path, default=Path("build/nginx"), help="dossier des en-têtes pour nginx")
    site.add_argument("--meta", action="store_true", help="écrire aussi la politique de sécurité dans chaque page "
                      "(hébergeurs sans en-têtes : GitLab Pages, GitHub Pages) ; la construction est alors complète")
    site.add_argument("--gzip", action="store_true", help="écrire une copie compressée des fichiers de texte")
    layout = commands.add_parser("format", help="mettre les fichiers de données en forme, comme les écrit l'éditeur")
    layout.add_argument("fichiers", nargs="*", help="fichiers à traiter (par défaut : tous les fichiers de données)")
    new_practice = commands.add_parser("nouvelle-fiche", help="créer une fiche pratique à compléter")
    new_practice.add_argument("titre", help="titre de la pratique")
    new_report = commands.add_parser("nouvelle-residence", help="créer un rapport de résidence et une première fiche")
    new_report.add_argument("titre", help="titre du rapport")
    publication = commands.add_parser("publication", help="écrire les en-têtes de sécurité d'un site construit")
    publication.add_argument("site", type=Path, help="dossier du site construit (site/)")
    publication.add_argument("--nginx", type=Path, default=Path("build/nginx"), help="dossier des en-têtes pour nginx")
    publication.add_argument("--meta", action="store_true",
                             help="écrire aussi la politique dans chaque page (GitLab Pages, GitHub Pages)")
    publication.add_argument("--gzip", action="store_true", help="écrire une copie compressée des fichiers de texte")
    preview = commands.add_parser("apercu", help="servir un site construit par nginx, comme en production")
    preview.add_argument("site", type=Path, help="dossier du site construit (site/)")
    preview.add_argument("--nginx", type=Path, default=Path("build/nginx"), help="dossier des en-têtes pour nginx")
    preview.add_argument("--port", type=int, default=8080)
    arguments = parser.parse_args(argv)
    root = arguments.racine
    if arguments.commande == "check":
        return command_check(root)
    if arguments.commande == "site":
        return command_site(root, arguments.complet, {
            "nginx_dir": arguments.nginx, "meta": arguments.meta, "compress": arguments.gzip})
    if arguments.commande == "format":
        return command_format(root, arguments.fichiers)
    if arguments.commande == "nouvelle-fiche":
        return command_new_practice(root, arguments.titre)
    if arguments.commande == "nouvelle-residence":
        return command_new_report(root, arguments.titre)
    if arguments.commande == "publication":
        return command_publication(arguments.site, arguments.nginx, arguments.meta, arguments.gzip)
    if arguments.commande == "apercu":
        return command_preview(arguments.site, arguments.nginx, arguments.port)
    return command_generate(root)
