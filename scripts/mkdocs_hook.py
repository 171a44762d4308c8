"""MkDocs hook: during `mkdocs serve`, regenerate pages when a data file changes; give the acronym dictionary to
the abbr extension directly, matched by a trie (scripts/fast_abbr.py), in build and serve.

`make site` and `make check` run generation on their own (Zensical ignores hooks); regenerating here only keeps
the author's loop to one command. Problems are logged and the last good pages stay in place.
"""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.fast_abbr import TrieAbbrExtension
from scripts.pipeline import ABBREVIATIONS, generate
from scripts.problems import is_error

log = logging.getLogger("mkdocs.hooks.bibliotheque")
_serving = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_pre_build(config) -> None:
    if _serving:
        _regenerate()
    _abbreviations_as_glossary(config)


# The same regular expression as Python-Markdown's abbr block processor, so that the dictionary is read the same way.
_DEFINITION = re.compile(r"^[*]\[(?P<abbr>[^\\]*?)\][ ]?:[ ]*\n?[ ]*(?P<title>.*)$", re.MULTILINE)


def _abbreviations_as_glossary(config) -> None:
    """Hand the acronym dictionary to the abbr extension as its `glossary` instead of appending it to every page.

    The HTML is the same, but parsing some 300 definitions again for every page was half of each page's Markdown
    time, and grew with the glossary. Zensical ignores hooks and keeps the `auto_append` of mkdocs.yml.
    """
    snippets = config.mdx_configs.get("pymdownx.snippets", {})
    appended = snippets.get("auto_append", [])
    dictionary = ROOT / ABBREVIATIONS
    if ABBREVIATIONS.as_posix() not in appended or "abbr" not in config.markdown_extensions or not dictionary.exists():
        return
    glossary = {}
    for match in _DEFINITION.finditer(dictionary.read_text(encoding="utf-8")):
        abbr, title = match["abbr"].strip(), match["title"].strip()
        if abbr and title:
            glossary[abbr] = title
    config.mdx_configs.setdefault("abbr", {})["glossary"] = glossary
    snippets["auto_append"] = [item for item in appended if item != ABBREVIATIONS.as_posix()]
    # Searching each page for some 300 to 900 abbreviations: the stock alternation grew with the glossary.
    if not any(isinstance(item, TrieAbbrExtension) for item in config.markdown_extensions):
        config.markdown_extensions.append(TrieAbbrExtension())


def _regenerate() -> None:
    result, _, report = generate(ROOT)
    for problem in result.problems:
        (log.warning if is_error(problem) else log.info)(problem.format())
    if report is None:
        log.warning("Données invalides : les pages précédentes restent affichées.")
    elif report.written or report.removed:
        log.info("Pages régénérées : %d écrite(s), %d supprimée(s).", len(report.written), len(report.removed))
