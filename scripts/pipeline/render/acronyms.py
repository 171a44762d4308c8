"""The acronym dictionary: every spelling of every glossary acronym, with its entry and the long form shown over it.

Made once here, then written in the three forms that read it: build/sigles.json for the MkDocs hook (which hands
it to the abbr extension), build/abreviations.md for Zensical (which ignores hooks and appends it to every page
through pymdownx.snippets) and glossaire/sigles.js for the pages' script, which only needs each spelling's entry and
the address of an entry's page (the long form is already in the page, in the abbr's title).
"""

from __future__ import annotations

import json
import re

from ..model import GlossaryEntry, Library
from ..paths import ACRONYM_IDS, glossary_url

DICTIONARY = "build/sigles.json"
ABBREVIATIONS = "build/abreviations.md"
# What the abbr extension reads as a defined word: one line, no bracket, backslash or tag. The definitions are added
# to every page: one that did not parse would put its text, raw, on every page, and a line break would let « --8<-- »
# start a line and include another file.
ABBREVIATION_SPELLING = re.compile(r"[^\[\]\\<>\n\r]+")


def tooltip(entry: GlossaryEntry) -> str:
    """The long form shown over an acronym, every sense included."""
    text = entry.forme_longue
    if entry.autres_sens:
        text += " ; autre sens : " + " ; ".join(sense.forme_longue for sense in entry.autres_sens)
    if entry.statut == "historique":
        text += f" (historique, remplacé par {entry.remplace_par.split(' (')[0]} en {entry.depuis})"
    return " ".join(text.split())


def acronym_dictionary(library: Library) -> dict[str, tuple[str, str]]:
    """Spelling → (entry id, long form), in glossary order."""
    return {spelling: (entry.id, tooltip(entry)) for entry in library.glossary if entry.is_acronym
            for spelling in (entry.label, *entry.variantes) if ABBREVIATION_SPELLING.fullmatch(spelling)}


def abbreviation_definitions(dictionary: dict[str, tuple[str, str]]) -> str:
    """Python-Markdown `abbr` definitions, one per block: the abbr block processor re-splits a block at every match,
    quadratic in its length."""
    return "\n\n".join(f"*[{spelling}]: {title}" for spelling, (_, title) in dictionary.items()) + "\n"


def render_acronym_dictionary(library: Library) -> dict[str, str]:
    """The dictionary for the MkDocs hook and the definitions for Zensical, as files of build/."""
    dictionary = acronym_dictionary(library)
    return {DICTIONARY: json.dumps({spelling: list(value) for spelling, value in dictionary.items()}, ensure_ascii=False,
                                   indent=0) + "\n",
            ABBREVIATIONS: abbreviation_definitions(dictionary)}


# Stands for the entry id in the address template handed to sigles.js: no id contains it.
ID_PLACEHOLDER = "{id}"


def render_acronym_script(library: Library) -> dict[str, str]:
    """Script giving sigles.js the glossary entry of every spelling, and the address of an entry's page (relative
    to the site root) as a template, so that the address is spelled only in paths.py."""
    ids = {spelling: entry_id for spelling, (entry_id, _) in acronym_dictionary(library).items()}
    data = {"adresse": glossary_url(ID_PLACEHOLDER), "sigles": ids}
    return {ACRONYM_IDS: "window.bibliothequeSigles = " + json.dumps(data, ensure_ascii=False, sort_keys=True,
                                                                      separators=(",", ":")) + ";\n"}


def read_dictionary(text: str) -> dict[str, str]:
    """Spelling → long form, from build/sigles.json, as the abbr extension's `glossary` setting wants it."""
    return {spelling: value[1] for spelling, value in json.loads(text).items()}
