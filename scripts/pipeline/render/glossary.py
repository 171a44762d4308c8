"""The glossary page: A to Z, one stable anchor per entry, a filter by category."""

from __future__ import annotations

from collections import Counter
from itertools import groupby

from ..model import GlossaryEntry, Library
from ..paths import GLOSSARY_PAGE, glossary_url
from ..text import fold, inline, prose, slugify
from .common import SearchDocument, badge, bullet_list, header, reference_line, search_summary, source_line


def _letter(entry: GlossaryEntry) -> str:
    first = fold(entry.label)[:1].upper()
    return first if first.isalpha() else "#"


def _letter_anchor(letter: str) -> str:
    return "lettre-" + (letter.lower() if letter.isalpha() else "autres")


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
    if entry.alias:
        details.append("**Aussi appelé** : " + ", ".join(inline(name) for name in entry.alias))
    if entry.variantes:
        details.append("**Autres graphies** : " + ", ".join(inline(variant) for variant in entry.variantes))
    for sense in entry.autres_sens:
        details.append(f"**Autre sens** : *{inline(sense.forme_longue)}* ({inline(sense.usage)}). {inline(sense.definition)}")
    if entry.note_source:
        details.append(f"**Note sur la source** : {inline(entry.note_source)}")
    see_also = [f"[{inline(labels[target])}](#{target})" for target in entry.voir_aussi if target in labels]
    if see_also:
        details.append("**Voir aussi** : " + ", ".join(see_also))
    details.append("**Sources** : " + " ; ".join(source_line(source, GLOSSARY_PAGE) for source in entry.sources))
    if entry.references:
        details.append("**Références publiques** : " + " ; ".join(reference_line(reference) for reference in entry.references))
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


def render_glossary_pages(library: Library) -> dict[str, str]:
    return {GLOSSARY_PAGE: render_glossary(library)}


def search_documents(library: Library) -> list[SearchDocument]:
    """What the search index knows of each record."""
    documents = []
    for entry in library.glossary:
        # An alias in one word (« FT ») is looked up like a sigle; every alias is a name of the entry.
        short_aliases = tuple(name for name in entry.alias if len(name.split()) == 1)
        keys = ((entry.label, *entry.variantes) if entry.is_acronym else ()) + short_aliases
        title = f"{entry.label} — {entry.forme_longue}" if entry.is_acronym else entry.label
        senses = tuple(sense.forme_longue for sense in entry.autres_sens)
        documents.append(SearchDocument(glossary_url(entry.id), title, f"Glossaire · {entry.categorie}",
                                        search_summary(entry.definition), keys,
                                        (entry.forme_longue, *senses, entry.remplace_par),
                                        (entry.definition, entry.note_source),
                                        (entry.label, entry.forme_longue, *entry.variantes, *entry.alias),
                                        (entry.remplace_par,) if entry.remplace_par else ()))
    return documents
