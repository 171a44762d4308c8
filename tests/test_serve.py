"""`mkdocs serve --dirty`, as `make serve` runs it: it answers, and editing a card regenerates its page."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .conftest import ROOT, run_cli


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _wait_for(url: str, needle: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if needle in _get(url):
                return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


def test_serve_answers_and_follows_data_edits(tmp_path):
    # A copy of the project, so that editing a card never touches the repository.
    project = tmp_path / "projet"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".venv", ".git", "site", "build", "__pycache__"))
    assert run_cli("--racine", str(project), "generate", cwd=project).returncode == 0
    port = _free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "mkdocs"), "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        base = f"http://127.0.0.1:{port}/"
        assert _wait_for(base, "Bibliothèque des pratiques", 60)
        card = project / "practices/ticket-d-or.yml"
        card.write_text(card.read_text(encoding="utf-8").replace("titre: Ticket d'or", "titre: Ticket d'or modifié"),
                        encoding="utf-8")
        assert _wait_for(base + "pratiques/ticket-d-or/", "or modifié", 30)
    finally:
        server.terminate()
        server.wait(timeout=10)
