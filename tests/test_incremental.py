"""Incremental builds give what a full build gives: the build cache (warm and cold runs write the same bytes) and
`make site` reusing the last site (same site, byte for byte, as a clean build), on edits, additions and deletions."""

from __future__ import annotations

import hashlib
import pickle
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scripts.pipeline import cache
from scripts.pipeline.registry import GENERATED_DIRS
from scripts.pipeline.run import check_data, generate, load_schemas

from .conftest import ROOT, make_project

pytestmark = pytest.mark.lent


def _tree(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def _generated(root: Path) -> dict[str, str]:
    return {name: digest for folder in GENERATED_DIRS for name, digest in _tree(root / "docs" / folder).items()}


def _copy_of_the_library(base: Path) -> Path:
    project = base / "projet"
    generated = {(ROOT / "docs" / folder).resolve() for folder in GENERATED_DIRS}
    # A card that the edits will delete, linked from no other record.

    def ignore(folder: str, names: list[str]) -> set[str]:
        skipped = {name for name in names if (Path(folder) / name).resolve() in generated}
        return skipped | {name for name in names if name in (".venv", ".git", "site", "build", "node_modules", "__pycache__")}

    shutil.copytree(ROOT, project, ignore=ignore)
    _copy_card(project, "fiche-a-retirer", "Fiche à retirer")
    return project


def _copy_card(project: Path, card_id: str, title: str) -> None:
    card = (project / "practices/ticket-d-or.yml").read_text(encoding="utf-8")
    (project / f"practices/{card_id}.yml").write_text(
        re.sub(r"^titre: .*$", f"titre: {title}", card.replace("id: ticket-d-or", f"id: {card_id}"), count=1,
               flags=re.MULTILINE), encoding="utf-8")


def _edit(project: Path) -> None:
    """One card edited, one added, one deleted, as an author would."""
    card = project / "practices/ticket-d-or.yml"
    card.write_text(card.read_text(encoding="utf-8").replace("titre: Ticket d'or", "titre: Ticket d'or (modifié)"),
                    encoding="utf-8")
    _copy_card(project, "nouvelle-fiche-d-essai", "Nouvelle fiche d'essai")
    (project / "practices/fiche-a-retirer.yml").unlink()


def _cold_generate(project: Path) -> None:
    """A cold run: a new process (no memo of the render stage) and no build/ folder (no cache)."""
    shutil.rmtree(project / "build", ignore_errors=True)
    ran = subprocess.run([sys.executable, "-m", "scripts", "generate"], cwd=project, capture_output=True, text=True,
                         check=False)
    assert ran.returncode == 0, ran.stdout + ran.stderr


def test_warm_and_cold_runs_write_the_same_pages(tmp_path):
    """Warm as `make site` runs (the cache on disk) and as `make serve` runs (the cache in memory, and the memos of
    the render stage filled by the previous run of the same process): the pages of a cold run, byte for byte."""
    project = _copy_of_the_library(tmp_path)
    _cold_generate(project)
    first = _generated(project)
    _edit(project)
    _cold_generate(project)
    expected = _generated(project)
    assert expected != first
    schemas = load_schemas(project / "schemas")
    expected_problems = check_data(project, schemas, use_cache=False).problems
    # Back to the first state, warm cache on disk, then the same edits.
    shutil.rmtree(project)
    project = _copy_of_the_library(tmp_path)
    generate(project)
    _edit(project)
    warm = generate(project)
    assert warm[2] is not None and (project / cache.FILES).exists()
    assert _generated(project) == expected
    assert warm[0].problems == expected_problems
    # The same again, as the hook of `make serve` does it.
    shutil.rmtree(project)
    project = _copy_of_the_library(tmp_path)
    memory: dict = {}
    generate(project, memory=memory)
    _edit(project)
    served = generate(project, memory=memory)
    assert served[2] is not None and memory["entries"]
    assert _generated(project) == expected
    assert served[0].problems == expected_problems


def test_a_corrupt_or_foreign_cache_is_never_a_wrong_result(project):
    root = project()
    schemas = load_schemas(root / "schemas")
    reference = check_data(root, schemas, use_cache=False)
    check_data(root, schemas)
    for damage in (b"pas un pickle", pickle.dumps({"fingerprint": "autre", "entries": {}}), b""):
        for shard in (root / cache.FILES).iterdir():
            shard.write_bytes(damage)
        assert check_data(root, schemas).problems == reference.problems
    # An entry whose file changed since is not used.
    card = root / "practices/fiche-valide.yml"
    card.write_text(card.read_text(encoding="utf-8").replace("stade: expérimenté", "stade: prototype"), encoding="utf-8")
    assert [problem.code for problem in check_data(root, schemas).errors] == ["SCH004"]


def _site(project: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scripts", "site", *options], cwd=project, capture_output=True,
                          text=True, check=False)


def test_incremental_site_is_the_clean_site_byte_for_byte(tmp_path):
    """With the publication step as `make site` runs it (headers, compressed copies)."""
    project = _copy_of_the_library(tmp_path)
    first = _site(project, "--gzip")
    assert first.returncode == 0 and "construction complète" in first.stdout, first.stdout + first.stderr
    assert (project / "site/pratiques/fiche-a-retirer/index.html.gz").is_file()
    _edit(project)
    again = _site(project, "--gzip")
    assert again.returncode == 0 and "construction incrémentale" in again.stdout, again.stdout + again.stderr
    incremental = _tree(project / "site")
    assert "pratiques/nouvelle-fiche-d-essai/index.html.gz" in incremental
    assert not [name for name in incremental if name.startswith("pratiques/fiche-a-retirer/")]
    clean = _site(project, "--complet", "--gzip")
    assert clean.returncode == 0 and "construction complète" in clean.stdout
    assert incremental == _tree(project / "site")
    # Another tool wrote its own site in site/ (make zensical, mkdocs build by hand): the next build starts clean.
    home = project / "site/index.html"
    home.write_text(home.read_text(encoding="utf-8").replace("</body>", "<!-- autre outil --></body>"), encoding="utf-8")
    after_other_tool = _site(project, "--gzip")
    assert after_other_tool.returncode == 0 and "construction complète" in after_other_tool.stdout
    assert _tree(project / "site") == incremental


def _small_project(base: Path) -> Path:
    """The valid fixture records, the tool, two hand-written pages and a style sheet: builds in a few seconds."""
    project = make_project(base / "petit")
    shutil.copytree(ROOT / "scripts", project / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    (project / "docs/contribuer").mkdir(parents=True)
    (project / "docs/index.md").write_text("# Accueil\n\nUne petite bibliothèque d'essai.\n", encoding="utf-8")
    (project / "docs/contribuer/residence.md").write_text("# Publier\n", encoding="utf-8")
    (project / "docs/assets").mkdir()
    (project / "docs/assets/style.css").write_text("body { color: black; }\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text("site_name: Essai\ndocs_dir: docs\nsite_dir: site\nplugins: []\n", encoding="utf-8")
    return project


def test_what_shapes_every_page_makes_the_build_clean(tmp_path):
    project = _small_project(tmp_path)
    assert "construction complète" in _site(project).stdout
    card = project / "practices/fiche-valide.yml"
    card.write_text(card.read_text(encoding="utf-8").replace("Un problème décrit par la source.",
                                                             "Un problème décrit autrement."), encoding="utf-8")
    assert "construction incrémentale" in _site(project).stdout, "only a card changed"
    css = project / "docs/assets/style.css"
    css.write_text(css.read_text(encoding="utf-8") + "/* essai */\n", encoding="utf-8")
    assert "construction complète" in _site(project).stdout, "a style sheet shapes every page"
    entry = project / "glossary/sigle-test.yml"
    entry.write_text(entry.read_text(encoding="utf-8").replace("forme_longue: Sigle de test", "forme_longue: Sigle d'essai"),
                     encoding="utf-8")
    rebuilt = _site(project)
    assert "construction complète" in rebuilt.stdout, "the acronym dictionary changed: every page's tooltips"
    assert rebuilt.returncode == 0, rebuilt.stdout + rebuilt.stderr
    # The policy written into every page (--meta) depends on all of them: never an incremental build.
    assert "construction complète" in _site(project, "--meta").stdout


def test_a_failed_incremental_build_leaves_the_last_site_untouched(tmp_path):
    project = _small_project(tmp_path)
    first = _site(project)
    assert first.returncode == 0, first.stdout + first.stderr
    card = project / "practices/fiche-valide.yml"
    card.write_text(card.read_text(encoding="utf-8").replace("Un problème décrit par la source.",
                                                             "Un problème décrit autrement."), encoding="utf-8")
    second = _site(project)
    assert second.returncode == 0 and "construction incrémentale" in second.stdout, second.stdout + second.stderr
    before = _tree(project / "site")
    # A page MkDocs refuses in strict mode (a link to a page that does not exist): the incremental build fails.
    card.write_text(card.read_text(encoding="utf-8").replace("Un problème décrit autrement.",
                                                             "Voir [la page absente](../absente.md)."), encoding="utf-8")
    failed = _site(project)
    assert failed.returncode == 1 and "le site précédent (site/) est conservé" in failed.stderr
    assert _tree(project / "site") == before


def test_an_edited_template_is_compiled_again_despite_the_template_cache(tmp_path):
    """The hook keeps the theme's compiled templates in build/cache/jinja/ (scripts/hook/mkdocs_hook.py, on_env)."""
    project = _small_project(tmp_path)
    (project / "overrides").mkdir()
    template = project / "overrides/main.html"
    template.write_text('{% extends "base.html" %}{% block content %}<p>marque-un</p>{{ super() }}{% endblock %}\n',
                        encoding="utf-8")
    (project / "mkdocs.yml").write_text("site_name: Essai\ndocs_dir: docs\nsite_dir: site\nplugins: []\n"
                                        "theme:\n  name: mkdocs\n  custom_dir: overrides\n"
                                        "hooks:\n  - scripts/hook/mkdocs_hook.py\n", encoding="utf-8")
    first = _site(project)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "marque-un" in (project / "site/index.html").read_text(encoding="utf-8")
    assert list((project / "build/cache/jinja").iterdir())
    template.write_text(template.read_text(encoding="utf-8").replace("marque-un", "marque-deux"), encoding="utf-8")
    second = _site(project)
    assert second.returncode == 0, second.stdout + second.stderr
    page = (project / "site/index.html").read_text(encoding="utf-8")
    assert "marque-deux" in page and "marque-un" not in page


def test_mirror_makes_the_copy_hold_the_same_files_as_hard_links(tmp_path):
    """From an older copy: a file rewritten since, one added, one removed, a folder become a file and the reverse."""
    from scripts.sitebuild import mirror

    source, copy = tmp_path / "site", tmp_path / "copie"
    for path, text in {"index.html": "accueil", "a/page.html": "a", "a/b/c.txt": "c", "d/e.txt": "e", "f": "f",
                       "vieux.txt": "vieux"}.items():
        (source / path).parent.mkdir(parents=True, exist_ok=True)
        (source / path).write_text(text, encoding="utf-8")
    mirror(source, copy)
    # The source moves on, as a build writes it: new files, never in place.
    (source / "a/page.html").unlink()
    (source / "a/page.html").write_text("a, réécrite", encoding="utf-8")
    (source / "vieux.txt").unlink()
    (source / "neuf.txt").write_text("neuf", encoding="utf-8")
    shutil.rmtree(source / "d")
    (source / "d").write_text("d est un fichier", encoding="utf-8")
    (source / "f").unlink()
    (source / "f").mkdir()
    (source / "f/g.txt").write_text("g", encoding="utf-8")
    untouched = (copy / "a/b/c.txt").stat().st_ino
    mirror(source, copy)

    def listing(root: Path) -> dict:
        return {path.relative_to(root).as_posix(): (path.is_dir(), None if path.is_dir() else path.stat().st_ino)
                for path in root.rglob("*")}

    assert listing(copy) == listing(source)
    assert (copy / "a/b/c.txt").stat().st_ino == untouched
    assert (copy / "a/page.html").read_text(encoding="utf-8") == "a, réécrite"
