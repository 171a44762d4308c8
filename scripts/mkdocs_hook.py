"""MkDocs hook: during `mkdocs serve`, regenerate pages when a data file changes.

`make site` and `make check` run generation on their own (Zensical ignores hooks); this hook only keeps the
author's loop to one command. Problems are logged and the last good pages stay in place.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.pipeline import generate
from scripts.problems import is_error

log = logging.getLogger("mkdocs.hooks.bibliotheque")
_serving = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_pre_build(config) -> None:
    if not _serving:
        return
    result, _, report = generate(ROOT)
    for problem in result.problems:
        (log.warning if is_error(problem) else log.info)(problem.format())
    if report is None:
        log.warning("Données invalides : les pages précédentes restent affichées.")
    elif report.written or report.removed:
        log.info("Pages régénérées : %d écrite(s), %d supprimée(s).", len(report.written), len(report.removed))
