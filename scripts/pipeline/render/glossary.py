"""The glossary: a light A to Z index (label, long form, category, one link per entry) and one page per entry, with
the cards and reports that use it.

The index page used to hold every entry in full (570 KB of HTML, 7.5 s on a slow phone network): it now stays a few
dozen kilobytes whatever the length of the definitions, and each entry has its own address, `glossaire/<id>/`. The
old addresses `glossaire/#<id>` still lead there: each row of the index keeps the entry's id as its anchor, and
glossaire.js, loaded by the index page alone, sends such an address on to the entry's page.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, fields, is_dataclass

from ..memo import memoized, record_digest, text_digest, value_digest
from ..model import GlossaryEntry, Library, Report
from ..paths import (
    GLOSSARY_PAGE,
    GLOSSARY_SCRIPT,
    glossary_page,
    glossary_url,
    relative,
    relative_url,
    report_page,
)
from ..text import fold, html_text, inline, prose, slugify, trie_pattern
from ..validate.acronyms import EXEMPT_FIELDS
from .acronyms import acronym_dictionary
from .common import SearchDocument, badge, bullet_list, header, reference_line, search_summary, source_line
from .practices import CardLink, card_link, card_link_line

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
DIGITS = "0–9"
OTHERS = "Autres"


def _letter(entry: GlossaryEntry) -> str:
    """The A to Z section of an entry: its first letter, accents and ligatures ignored (« Œ » under O)."""
    first = slugify(entry.label)[:1]
    if first.isdigit():
        return DIGITS
    return first.upper() if first else OTHERS


def _letter_anchor(letter: str) -> str:
    return "lettre-" + {DIGITS: "chiffres", OTHERS: "autres"}.get(letter, letter.lower())


# A report as an entry's page links to it: id, title, type.
ReportLink = tuple[str, str, str]


@dataclass(frozen=True)
class Usage:
    """The cards and reports whose texts use an entry, in display order, as the entry's page links to them."""

    practices: tuple[CardLink, ...] = ()
    reports: tuple[ReportLink, ...] = ()


# Fields of a record that name things rather than say them, as for GLO004, and the file a record comes from.
_NOT_TEXT = EXEMPT_FIELDS | {"path"}


def _record_texts(record) -> str:
    """Every text a reader sees on a record's page, except names, ids and quotations of the sources."""
    texts: list[str] = []

    def walk(value) -> None:
        if isinstance(value, str):
            texts.append(value)
        elif is_dataclass(value):
            for field in fields(value):
                walk(getattr(value, field.name))
        elif isinstance(value, tuple):
            for item in value:
                walk(item)

    for field in fields(record):
        if field.name not in _NOT_TEXT:
            walk(getattr(record, field.name))
    return "\n".join(texts)


# The same patterns for every record of a run: digested once.
_pattern_digest = functools.lru_cache(maxsize=8)(text_digest)


# A record is searched again only when it or the glossary's spellings changed (scripts/pipeline/memo.py), kept by
# the record itself (gathering its texts cost more than searching them). The patterns are passed as text: they are
# compiled once by `re`'s own cache.
@memoized(limit=1 << 17, key=lambda record, acronyms, notions: (record_digest(record), _pattern_digest(acronyms),
                                                                _pattern_digest(notions)))
def _used_spellings(record, acronym_pattern: str, notion_pattern: str) -> tuple[frozenset[str], frozenset[str]]:
    """The sigle spellings and the folded notions found in a record's texts."""
    text = _record_texts(record)
    acronyms = re.compile(acronym_pattern).finditer(text) if acronym_pattern else ()
    notions = re.compile(notion_pattern).finditer(fold(text)) if notion_pattern else ()
    return frozenset(match.group() for match in acronyms), frozenset(match.group() for match in notions)


def _report_link(report: Report) -> ReportLink:
    return (report.id, report.titre, report.type)


def entry_usage(library: Library) -> dict[str, Usage]:
    """Entry id → the cards and reports that use it, found in one pass over the library.

    A sigle is used where the abbr extension marks it (any of its spellings, as a whole word, case as written: the
    dotted underline the reader sees); a notion where its words appear, case and accents ignored.
    """
    spellings = {spelling: entry_id for spelling, (entry_id, _) in acronym_dictionary(library).items()}
    notions = {fold(spelling): entry.id for entry in library.glossary if not entry.is_acronym
               for spelling in (entry.label, *entry.variantes)}
    acronym_pattern = trie_pattern(spellings) if spellings else ""
    notion_pattern = trie_pattern(notions) if notions else ""
    found: dict[str, tuple[list, list]] = {entry.id: ([], []) for entry in library.glossary}
    for position, (records, link) in enumerate(((library.practices, card_link), (library.reports, _report_link))):
        for record in records:
            used = _used_spellings(record, acronym_pattern, notion_pattern)
            for entry_id in {spellings[spelling] for spelling in used[0]} | {notions[notion] for notion in used[1]}:
                found[entry_id][position].append(link(record))
    return {entry_id: Usage(tuple(cards), tuple(reports)) for entry_id, (cards, reports) in found.items()}


def _usage_section(entry: GlossaryEntry, usage: Usage, page: str) -> str:
    word = "ce sigle" if entry.is_acronym else "cette notion"
    if not usage.practices and not usage.reports:
        return f"## Employé dans\n\nAucune fiche ni aucun rapport de la bibliothèque n'emploie {word} pour l'instant.\n"
    counts = [f"{len(records)} {noun}{'s' if len(records) > 1 else ''}"
              for records, noun in ((usage.practices, "fiche"), (usage.reports, "rapport")) if records]
    verb = "emploient" if len(usage.practices) + len(usage.reports) > 1 else "emploie"
    lines = ["## Employé dans\n", f"{' et '.join(counts)} de la bibliothèque {verb} {word} :\n"]
    items = [f"[{inline(title)}]({relative(page, report_page(report_id))}) {badge('rapport', kind)}"
             for report_id, title, kind in usage.reports]
    items += [card_link_line(card, page) for card in usage.practices]
    return "\n".join(lines) + '\n<div class="employe-dans" markdown="1">\n\n' + bullet_list(items) + "\n\n</div>\n"


def render_entry(entry: GlossaryEntry, labels: dict[str, str], usage: Usage) -> str:
    """The page of one entry: what it means, whether it still exists, where it comes from, where it is used. What it
    reads of other records (the labels of its « voir aussi », its usage) is gathered here; the page itself is a pure
    function of the entry and of that, kept by the memo."""
    see_also = tuple((target, labels[target]) for target in entry.voir_aussi if target in labels)
    return entry_page_text(entry, see_also, usage)


@memoized(limit=1 << 17, key=value_digest)
def entry_page_text(entry: GlossaryEntry, see_also_labels: tuple[tuple[str, str], ...], usage: Usage) -> str:
    page = glossary_page(entry.id)
    title = f"{entry.label} — {entry.forme_longue}" if fold(entry.forme_longue) != fold(entry.label) else entry.label
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
    see_also = [f"[{inline(label)}]({relative(page, glossary_page(target))})" for target, label in see_also_labels]
    if see_also:
        details.append("**Voir aussi** : " + ", ".join(see_also))
    letter = _letter(entry)
    parts = [
        header(title, entry.path, search_summary(entry.definition)),
        f"# {inline(entry.label)}\n",
        f'<div class="entree-glossaire entree-{slugify(entry.statut)}" markdown="1">\n',
        f"**{inline(entry.forme_longue)}** · *{entry.categorie}* · {badge('statut', entry.statut)}\n",
        f"{prose(entry.definition)}\n",
        bullet_list(details) + "\n" if details else "",
        "</div>\n",
        _usage_section(entry, usage, page),
        "## Sources\n\n" + bullet_list(source_line(source, page) for source in entry.sources) + "\n",
    ]
    if entry.references:
        parts.append("## Références publiques\n\n" + bullet_list(reference_line(reference)
                                                                for reference in entry.references) + "\n")
    parts.append(f"[Tout le glossaire, de A à Z]({relative(page, GLOSSARY_PAGE)}#{_letter_anchor(letter)})\n")
    updated = f"Entrée mise à jour le {entry.mise_a_jour} · " if entry.mise_a_jour else ""
    parts.append(f"<small>{updated}fichier `{entry.path}`</small>\n")
    return "\n".join(part for part in parts if part)


def _category_filter(entries) -> str:
    """Buttons shown by glossaire.js; without JavaScript the page simply lists everything."""
    counts = Counter(entry.categorie for entry in entries)
    buttons = "".join(
        f'<button type="button" class="md-button" data-categorie="{name}" aria-pressed="false">{name} ({count})</button>'
        for name, count in sorted(counts.items())
    )
    # data-script: the index page alone loads glossaire.js (docs/assets/pages.js), the other pages do not carry it.
    return (f'<div class="filtre-categories" role="group" aria-labelledby="filtre-libelle" data-script="{GLOSSARY_SCRIPT}" hidden>'
            f'<span id="filtre-libelle">Filtrer par catégorie :</span> '
            f'<button type="button" class="md-button md-button--primary" data-categorie="" aria-pressed="true">'
            f'toutes ({len(entries)})</button>{buttons}</div>\n')


def _index_row(entry: GlossaryEntry) -> str:
    """One entry on the index: its label linked to its page, its long form and category; its id as the anchor that
    old addresses (glossaire/#id) point at."""
    long_form = (f' <span class="glossaire-forme">{html_text(entry.forme_longue)}</span>'
                 if fold(entry.forme_longue) != fold(entry.label) else "")
    historical = ' <span class="badge badge-statut badge-statut-historique">historique</span>' \
        if entry.statut == "historique" else ""
    return (f'<li id="{entry.id}" data-categorie="{entry.categorie}"><a href="{relative_url(GLOSSARY_PAGE, glossary_url(entry.id))}">'
            f"{html_text(entry.label)}</a>{long_form} "
            f'<span class="glossaire-categorie">{entry.categorie}</span>{historical}</li>')


def render_glossary(library: Library) -> str:
    entries = library.glossary
    groups: dict[str, list[GlossaryEntry]] = {}
    for entry in entries:
        groups.setdefault(_letter(entry), []).append(entry)
    order = [letter for letter in (DIGITS, *LETTERS, OTHERS) if letter in groups]
    # Every letter of A to Z in the bar, so that it always reads the same; a letter without entry is not a link.
    bar = "".join(f'<a href="#{_letter_anchor(letter)}">{letter}</a>' if letter in groups
                  else f'<span class="lettre-vide">{letter}</span>'
                  for letter in (DIGITS, *LETTERS, OTHERS) if letter in groups or letter in LETTERS)
    historical = sum(entry.statut == "historique" for entry in entries)
    parts = [
        header("Glossaire", "glossary/*.yml", "Sigles et notions de la coopération pour l'emploi, de A à Z.", hide=("toc",)),
        "# Glossaire\n",
        (f"{len(entries)} entrées, dont {historical} historiques (organismes ou dispositifs qui n'existent plus : "
         "l'entrée dit ce qui les a remplacés). Chaque entrée a sa page, à une adresse stable à partager "
         "(`glossaire/sigle/`), avec sa définition, ses sources et les fiches qui l'emploient.\n"),
        ("Télécharger tout le glossaire : [JSON](glossaire.json) · [CSV](glossaire.csv) "
         "(séparateur virgule, UTF-8 ; les listes sont séparées par « | ») · [schéma](glossaire.schema.json).\n"),
        _category_filter(entries),
        f'<nav class="alphabet" aria-label="Lettres">{bar}</nav>\n' if entries else "",
    ]
    for letter in order:
        anchor = _letter_anchor(letter)
        parts.append(f"## {letter} {{#{anchor}}}\n")
        parts.append(f'<ul class="glossaire-index" data-lettre="{anchor}">\n'
                     + "\n".join(_index_row(entry) for entry in groups[letter]) + "\n</ul>\n")
    return "\n".join(part for part in parts if part)


def render_glossary_pages(library: Library) -> dict[str, str]:
    labels = {entry.id: entry.label for entry in library.glossary}
    usage = entry_usage(library)
    pages = {glossary_page(entry.id): render_entry(entry, labels, usage[entry.id]) for entry in library.glossary}
    pages[GLOSSARY_PAGE] = render_glossary(library)
    return pages


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
