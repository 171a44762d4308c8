"""MkDocs hook: during `mkdocs serve`, watch the data and regenerate pages when a file changes; in build and serve,
give the acronym dictionary to the abbr extension directly, matched by a trie (fast_abbr.py).

`make site` and `make check` run generation on their own (Zensical ignores hooks); regenerating here only keeps
the author's loop to one command. Problems are logged and the last good pages stay in place.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from jinja2 import FileSystemBytecodeCache, FileSystemLoader
from mkdocs.utils import markdown_extensions

from scripts.hook.fast_abbr import TrieAbbrExtension
from scripts.pipeline import cache, registry
from scripts.pipeline.problems import is_error
from scripts.pipeline.render.acronyms import ABBREVIATIONS, DICTIONARY, read_dictionary
from scripts.pipeline.run import generate

log = logging.getLogger("mkdocs.hooks.bibliotheque")
TEMPLATE_CACHE = Path("build/cache/jinja")
_serving = False
# While `make serve` runs, what reading and checking each data file gave stays here between rebuilds: an edit
# re-reads only the edited file (scripts/pipeline/cache.py). Written to build/cache/ when the server stops.
_memory: dict = {}


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_serve(server, config, builder):
    """Watch every data folder of the registry and the schemas: an edit regenerates the pages (on_pre_build)."""
    for watched in registry.WATCHED:
        if (ROOT / watched).exists():
            server.watch(str(ROOT / watched))
    _watch_hand_written_pages_only(server, Path(config.docs_dir))
    return server


def _watch_hand_written_pages_only(server, docs: Path) -> None:
    """Watch the hand-written part of docs/, not the folders our generation writes: the pages it writes during a
    rebuild are built by that same rebuild, and watching them started a second one, with nothing new, after every
    save. Top-level files (a new page) are still seen: docs/ itself stays watched, without its subfolders."""
    generated = set(registry.GENERATED_DIRS)
    # MkDocs' own record of what it watches: if a later MkDocs no longer has it, docs/ stays watched whole.
    watched = getattr(server, "_watched_paths", None)
    if not docs.is_dir() or not isinstance(watched, dict) or str(docs.resolve()) not in map(str, map(Path, watched)):
        return
    server.unwatch(str(docs))
    server.watch(str(docs), recursive=False)
    for path in sorted(docs.iterdir()):
        if path.is_dir() and path.name not in generated:
            server.watch(str(path))


# What the installed theme's folders hold, listed once per `make serve`: MkDocs lists every file of Material (its
# thousands of icons) at every rebuild, a tenth of one on the real corpus. Folders outside the installed packages
# (overrides/) are listed each time.
_LISTED: dict[str, list[str]] = {}


class _ListedOnceLoader(FileSystemLoader):
    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for folder in self.searchpath:
            listing = _LISTED.get(folder)
            if listing is None:
                listing = FileSystemLoader(folder).list_templates()
                if Path(folder).resolve().is_relative_to(Path(sys.prefix).resolve()):
                    _LISTED[folder] = listing
            found.update(listing)
        return sorted(found)


# MkDocs' own filter of the theme's files (Files.add_files_from_theme), name by name: it depends only on the name,
# the theme's static templates and the Markdown extensions, which are in the key. 14,000 names matched against a
# dozen patterns at every rebuild, another tenth of one.
_FILTERED: dict[tuple, dict[str, bool]] = {}
_MKDOCS_THEME_FILTER = ("mkdocs.structure.files", "Files.add_files_from_theme.<locals>.filter")


def on_config(config):
    if _serving:
        theme, get_env = config.theme, config.theme.get_env

        def listed_once_env():
            env = get_env()
            if type(env.loader) is not FileSystemLoader:
                return env
            env.loader.__class__ = _ListedOnceLoader
            list_templates = env.list_templates

            def listed(extensions=None, filter_func=None):
                if extensions is not None or filter_func is None or (
                        (filter_func.__module__, filter_func.__qualname__) != _MKDOCS_THEME_FILTER):
                    return list_templates(extensions, filter_func)
                verdicts = _FILTERED.setdefault(
                    (tuple(theme.static_templates), tuple(markdown_extensions)), {})
                return [name for name in env.loader.list_templates()
                        if (verdicts[name] if name in verdicts else verdicts.setdefault(name, filter_func(name)))]
            env.list_templates = listed
            return env
        theme.get_env = listed_once_env
    return config


def on_pre_build(config) -> None:
    if _serving:
        _regenerate()
    _abbreviations_as_glossary(config)


def _abbreviations_as_glossary(config) -> None:
    """Hand the acronym dictionary to the abbr extension as its `glossary` instead of appending its definitions to
    every page (pymdownx.snippets, as Zensical does).

    The HTML is the same, but parsing some 300 definitions again for every page was half of each page's Markdown
    time, and grew with the glossary.
    """
    snippets = config.mdx_configs.get("pymdownx.snippets", {})
    appended = snippets.get("auto_append", [])
    dictionary = ROOT / DICTIONARY
    if ABBREVIATIONS not in appended or "abbr" not in config.markdown_extensions or not dictionary.exists():
        return
    config.mdx_configs.setdefault("abbr", {})["glossary"] = read_dictionary(dictionary.read_text(encoding="utf-8"))
    snippets["auto_append"] = [item for item in appended if item != ABBREVIATIONS]
    # Searching each page for some 300 to 900 abbreviations: the stock alternation grew with the glossary.
    if not any(isinstance(item, TrieAbbrExtension) for item in config.markdown_extensions):
        config.markdown_extensions.append(TrieAbbrExtension())


def on_env(env, config, files):
    """Keep the theme's compiled templates in build/cache/jinja/: MkDocs compiles Material's templates again at every
    build, and `make serve` at every save (a new environment each time), which was a third of a rebuild's time on
    the real corpus. Jinja keys each entry by the template's name and checks its source: an edited template is
    compiled again."""
    folder = ROOT / TEMPLATE_CACHE
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return env
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env


def on_shutdown() -> None:
    if _memory.get("unsaved"):
        cache.write(ROOT / cache.FILES, _memory["fingerprint"], _memory["entries"])


def _regenerate() -> None:
    result, _, report = generate(ROOT, memory=_memory)
    for problem in result.problems:
        (log.warning if is_error(problem) else log.info)(problem.format())
    if report is None:
        log.warning("Données invalides : les pages précédentes restent affichées.")
    elif report.written or report.removed:
        log.info("Pages régénérées : %d écrite(s), %d supprimée(s).", len(report.written), len(report.removed))
