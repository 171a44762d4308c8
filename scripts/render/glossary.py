"""The glossary page (A to Z, one stable anchor per entry) and the acronym dictionary behind the tooltips."""

from __future__ import annotations

import json
import re
from collections import Counter
from itertools import groupby

from ..model import GlossaryEntry, Library
from ..text import fold, inline, prose, slugify
from .common import GLOSSARY_PAGE, badge, bullet_list, header, source_line

ACRONYM_IDS = "glossaire/sigles.js"
# What the abbr extension reads as a defined word: one line, no bracket, backslash or tag.
ABBREVIATION_SPELLING = re.compile(r"[^\[\]\\<>\n\r]+")


def _letter(entry: GlossaryEntry) -> str:
    first = fold(entry.label)[:1].upper()
    return first if first.isalpha() else "#"


def _letter_anchor(letter: str) -> str:
    return "lettre-" + (letter.lower() if letter.isalpha() else "autres")


def tooltip(entry: GlossaryEntry) -> str:
    """The long form shown over an acronym, every sense included."""
    text = entry.forme_longue
    if entry.autres_sens:
        text += " ; autre sens : " + " ; ".join(sense.forme_longue for sense in entry.autres_sens)
    if entry.statut == "historique":
        text += f" (historique, remplacé par {entry.remplace_par.split(' (')[0]} en {entry.depuis})"
    return " ".join(text.split())


def render_entry(entry: GlossaryEntry, labels: dict[str, str]) -> str:
    title = f"### {inline(entry.label)} {{#{entry.id}}}"
    status = badge("statut", entry.statut)
    opening = (f'<div class="entree-glossaire entree-{slugify(entry.statut)}" data-categorie="{entry.categorie}" '
               f'markdown="1">')
    lines = [opening, "", title, "", f"**{inline(entry.forme_longue)}** · *{entry.categorie}* · {status}", "",
             prose(entry.definition), ""]
    details = []
    if entry.statut == "historique":
        details.append(f"**Remplacé par** : {inline(entry.remplace_par)}, depuis {entry.depuis}")
    if entry.variantes:
        details.append("**Autres graphies** : " + ", ".join(inline(variant) for variant in entry.variantes))
    for sense in entry.autres_sens:
        details.append(f"**Autre sens** : *{inline(sense.forme_longue)}* ({inline(sense.usage)}). {inline(sense.definition)}")
    if entry.note_source:
        details.append(f"**Note sur la source** : {inline(entry.note_source)}")
    see_also = [f"[{inline(labels[target])}](#{target})" for target in entry.voir_aussi if target in labels]
    if see_also:
        details.append("**Voir aussi** : " + ", ".join(see_also))
    details.append("**Sources** : " + " ; ".join(source_line(source) for source in entry.sources))
    lines += [bullet_list(details), "", "</div>"]
    return "\n".join(lines) + "\n"


def _category_filter(entries) -> str:
    """Buttons shown by glossaire.js; without JavaScript the page simply lists everything."""
    counts = Counter(entry.categorie for entry in entries)
    buttons = "".join(
        f'<button type="button" class="md-button" data-categorie="{name}" aria-pressed="false">{name} ({count})</button>'
        for name, count in sorted(counts.items())
    )
    return (f'<div class="filtre-categories" hidden><span id="filtre-libelle">Filtrer par catégorie :</span> '
            f'<button type="button" class="md-button md-button--primary" data-categorie="" aria-pressed="true">'
            f'toutes ({len(entries)})</button>{buttons}</div>\n')


def render_glossary(library: Library) -> str:
    entries = library.glossary
    labels = {entry.id: entry.label for entry in entries}
    groups = [(letter, list(group)) for letter, group in groupby(entries, key=_letter)]
    jump = " · ".join(f"[{letter}](#{_letter_anchor(letter)})" for letter, _ in groups)
    historical = sum(entry.statut == "historique" for entry in entries)
    parts = [
        header("Glossaire", "glossary/*.yml", "Sigles et notions de la coopération pour l'emploi, de A à Z.", hide=("toc",)),
        "# Glossaire\n",
        (f"{len(entries)} entrées, dont {historical} historiques (organismes ou dispositifs qui n'existent plus : "
        "l'entrée dit ce qui les a remplacés). Chaque entrée a une adresse stable, à partager : "
        "`glossaire/#sigle`.\n"),
        ("Télécharger tout le glossaire : [JSON](glossaire.json) · [CSV](glossaire.csv) "
        "(séparateur virgule, UTF-8 ; les listes sont séparées par « | ») · [schéma](glossaire.schema.json).\n"),
        _category_filter(entries),
        f'<nav class="alphabet" aria-label="Lettres" markdown>{jump}</nav>\n' if jump else "",
    ]
    for letter, group in groups:
        parts.append(f"## {letter} {{#{_letter_anchor(letter)}}}\n")
        parts += [render_entry(entry, labels) for entry in group]
    return "\n".join(parts)


def render_abbreviations(library: Library) -> str:
    """Python-Markdown `abbr` definitions, appended to every page so acronyms get their long form."""
    lines = []
    for entry in library.glossary:
        if not entry.is_acronym:
            continue
        title = tooltip(entry)
        for spelling in (entry.label, *entry.variantes):
            # This file is appended to every page: a definition that does not parse would put its text, raw, on
            # every page, and a line break would let « --8<-- » start a line and include another file.
            if ABBREVIATION_SPELLING.fullmatch(spelling):
                lines.append(f"*[{spelling}]: {title}")
    # One definition per block: the abbr block processor re-splits a block at every match, quadratic in its length.
    return "\n\n".join(lines) + "\n"


def render_acronym_ids(library: Library) -> str:
    """Script giving sigles.js, for every spelling of every acronym, its glossary anchor, label and long form."""
    ids = {spelling: [entry.id, entry.label, tooltip(entry)] for entry in library.glossary if entry.is_acronym
           for spelling in (entry.label, *entry.variantes)}
    return "window.bibliothequeSigles = " + json.dumps(ids, ensure_ascii=False, sort_keys=True) + ";\n"


def render_glossary_pages(library: Library) -> dict[str, str]:
    return {GLOSSARY_PAGE: render_glossary(library), ACRONYM_IDS: render_acronym_ids(library)}
