"""Atomic builds: `make site` replaces site/ only when generation and the strict build both succeed.

The Makefile's own `site` recipe runs on a small copy of the project (the real tool, the valid fixtures, a minimal
mkdocs.yml), with this repository's virtual environment.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT, make_project

VENV = ROOT / ".venv"


def _fingerprint(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def _make_site(root: Path) -> subprocess.CompletedProcess:
    # -o: never rebuild the shared environment's stamp from this copy's requirements.txt, nor install the editor's
    # packages, which this copy does not need.
    stamp = VENV / ".installe"
    return subprocess.run(["make", "--no-print-directory", f"VENV={VENV}", "-o", str(stamp), "-o",
                           "editeur/node_modules/.installe", "site"], cwd=root,
                          capture_output=True, text=True, check=False, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})


@pytest.fixture
def small_project(tmp_path):
    if not (VENV / "bin/mkdocs").exists():
        pytest.skip("environnement virtuel absent : lancez make test")
    root = make_project(tmp_path / "projet")
    for name in ("Makefile", "requirements.txt", "requirements-zensical.txt"):
        shutil.copy(ROOT / name, root / name)
    shutil.copytree(ROOT / "scripts", root / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    (root / "docs").mkdir()
    (root / "docs/index.md").write_text("# Accueil\n\nUne petite bibliothèque d'essai.\n", encoding="utf-8")
    # The reports index links the contributor page on publishing a report.
    (root / "docs/contribuer").mkdir()
    (root / "docs/contribuer/residence.md").write_text("# Publier une résidence\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: Essai\ndocs_dir: docs\nsite_dir: site\nplugins: []\n", encoding="utf-8")
    return root


def test_failed_builds_keep_the_previous_site_and_say_so(small_project):
    root = small_project
    first = _make_site(root)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Site construit dans site/ (construction complète)." in first.stdout
    assert (root / "site/pratiques/fiche-valide/index.html").exists()
    before = _fingerprint(root / "site")

    # Broken data: generation refuses it, nothing is built, the site stays.
    card = root / "practices/fiche-valide.yml"
    good = card.read_text(encoding="utf-8")
    card.write_text(good.replace("stade: expérimenté", "stade: prototype"), encoding="utf-8")
    broken_data = _make_site(root)
    assert broken_data.returncode != 0
    assert "practices/fiche-valide.yml:7:8 : SCH004" in broken_data.stderr
    assert "Échec de la génération : le site précédent (site/) est conservé." in broken_data.stderr
    assert "Traceback" not in broken_data.stdout + broken_data.stderr
    assert _fingerprint(root / "site") == before

    # Valid data but a build MkDocs rejects (here an unknown Markdown extension): the half-built site is thrown away.
    card.write_text(good, encoding="utf-8")
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("markdown_extensions:\n  - extension_inexistante\n")
    broken_build = _make_site(root)
    assert broken_build.returncode != 0
    assert "Échec de la construction (complète) : le site précédent (site/) est conservé." in broken_build.stderr
    assert _fingerprint(root / "site") == before
    assert not (root / "build/site-nouveau").exists()


def test_generated_pages_are_written_atomically(tmp_path, monkeypatch):
    """A write that fails midway leaves the old page whole and no temporary file behind."""
    from scripts.pipeline import write

    target = tmp_path / "pratiques/a.md"
    write.write_atomic(target, "ancienne page\n")

    def failing_replace(source, destination):
        raise OSError("disque plein")

    monkeypatch.setattr(write.os, "replace", failing_replace)
    with pytest.raises(OSError):
        write.write_tree(tmp_path, {"pratiques/a.md": "nouvelle page, très longue\n" * 1000}, ("pratiques",))
    assert target.read_text(encoding="utf-8") == "ancienne page\n"
    assert [path.name for path in target.parent.iterdir()] == ["a.md"]
