"""`mkdocs serve --dirty`, as `make serve` runs it: it answers, and editing a card regenerates its page."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from scripts.localhost import free_port, wait_for

from .conftest import ROOT, run_cli


def _builds(log: Path) -> int:
    return log.read_text(encoding="utf-8", errors="replace").count("Building documentation")


def test_serve_answers_and_follows_data_edits(tmp_path):
    """A card edited: its page is served again after one rebuild (the pages the hook writes into docs/ start no
    second one); a hand-written page edited: served again too."""
    # A copy of the project, so that editing a card never touches the repository.
    project = tmp_path / "projet"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".venv", ".git", "site", "build", "__pycache__", "node_modules"))
    assert run_cli("--racine", str(project), "generate", cwd=project).returncode == 0
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as stream:
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "mkdocs"), "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, stdout=stream, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    try:
        base = f"http://127.0.0.1:{port}/"
        assert wait_for(base, "Bibliothèque des pratiques", 300) is not None  # a first build, on a loaded machine
        time.sleep(2)
        before = _builds(log)
        card = project / "practices/ticket-d-or.yml"
        card.write_text(card.read_text(encoding="utf-8").replace("titre: Ticket d'or", "titre: Ticket d'or modifié"),
                        encoding="utf-8")
        assert wait_for(base + "pratiques/ticket-d-or/", "or modifié", 120) is not None
        # Long enough for a second rebuild to have started, had the hook's own writes been watched.
        time.sleep(4)
        assert _builds(log) == before + 1, log.read_text(encoding="utf-8", errors="replace")[-3000:]
        guide = project / "docs/contribuer/residence.md"
        guide.write_text(guide.read_text(encoding="utf-8") + "\nUne phrase ajoutée par le test du serveur.\n",
                         encoding="utf-8")
        assert wait_for(base + "contribuer/residence/", "ajoutée par le test du serveur", 120) is not None
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_bench_sees_an_edit_of_a_card_whose_title_is_at_the_length_limit(tmp_path):
    # The bench appends a marker to the title: on a title already near the limit, the edited card must stay valid,
    # or the change is never served and the bench reports a timeout.
    project = tmp_path / "projet"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".venv", ".git", "site", "build", "__pycache__", "node_modules"))
    card = project / "practices/ticket-d-or.yml"
    long_title = "Ticket d'or " + "x" * 108
    card.write_text(re.sub(r"^titre: .*$", f"titre: {long_title}", card.read_text(encoding="utf-8"), count=1,
                           flags=re.MULTILINE), encoding="utf-8")
    # The benchmark is a developer tool: run as a program, as `make bench` does.
    measured = subprocess.run([sys.executable, "-m", "scripts.tools.bench", "--serve-seul", str(project), "--serve", "1"],
                              cwd=ROOT, capture_output=True, text=True, check=False)
    assert measured.returncode == 0, measured.stderr
    result = json.loads(measured.stdout)
    assert result["card"] == "ticket-d-or"
    assert len(result["latencies"]) == 1 and result["latencies"][0] is not None, result


def test_the_theme_files_listed_once_are_those_mkdocs_lists(monkeypatch):
    """make serve keeps the listing of the installed theme and MkDocs' verdict on each name between rebuilds: the
    theme files of each rebuild are still exactly those MkDocs finds without it, the first time and the next."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    from scripts.hook import mkdocs_hook

    def theme_files(serving: bool) -> list[str]:
        monkeypatch.setattr(mkdocs_hook, "_serving", serving)
        config = mkdocs_hook.on_config(load_config(str(ROOT / "mkdocs.yml")))
        files = Files([])
        files.add_files_from_theme(config.theme.get_env(), config)
        return sorted(file.src_uri for file in files)

    expected = theme_files(serving=False)
    assert len(expected) > 20
    assert theme_files(serving=True) == expected
    assert mkdocs_hook._LISTED and mkdocs_hook._FILTERED
    assert theme_files(serving=True) == expected
