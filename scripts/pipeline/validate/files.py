"""Checks of one file that the schema cannot express: limits for every field, dates that exist, periods that run
forwards, links that go somewhere safe. They run on every parsed file, even one its schema refuses, so that one run
reports everything.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from ..load import LoadedFile
from ..problems import ADVICE, Problem
from ..text import unsafe_links, walk_texts
from .catalogue import file_rule
from .describe import at, field_name

MAX_SUMMARY_CHARS = 700
RECOMMENDED_PRACTICE_FIELDS = ("territoire", "periode", "acteurs", "enseignements", "points_de_vigilance")
IDEA = "idée"
PLACEHOLDER = "À compléter"
MAX_QUOTE_WORDS = 25
# Innermost « … » pair: nested guillemets are counted separately.
QUOTE = re.compile(r"«\s*([^«»]*?)\s*»")
# Limits for every value, whatever its field: the schemas set tighter ones where they matter (titles).
MAX_TEXT_CHARS = 6000
MAX_LIST_ITEMS = 60

_DATE_FIELDS = ("debut", "fin", "mise_a_jour")
# Shapes the schema pattern accepts: the checks below only add what the pattern cannot see.
_FULL_DATE = re.compile(r"^([0-9]{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")
_ANY_DATE = re.compile(r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$")


def _walk_lists(value: object, data_path: tuple = ()) -> Iterator[tuple[tuple, list]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk_lists(item, data_path + (key,))
    elif isinstance(value, list):
        yield data_path, value
        for index, item in enumerate(value):
            yield from _walk_lists(item, data_path + (index,))


@file_rule("SCH007")
def check_limits(loaded: LoadedFile) -> Iterator[Problem]:
    """No text longer than MAX_TEXT_CHARS and no list longer than MAX_LIST_ITEMS, in any field."""
    for data_path, text in walk_texts(loaded.data):
        if len(text) > MAX_TEXT_CHARS:
            yield at(loaded, data_path, "SCH007", f"{field_name(data_path)} est trop long ({len(text)} caractères, "
                     f"au plus {MAX_TEXT_CHARS}). Raccourcissez-le.")
    for data_path, items in _walk_lists(loaded.data):
        if len(items) > MAX_LIST_ITEMS:
            yield at(loaded, data_path, "SCH007", f"{field_name(data_path)} a {len(items)} valeurs, au plus "
                     f"{MAX_LIST_ITEMS}. Gardez les plus importantes.")


@file_rule("SCH005")
def check_dates(loaded: LoadedFile) -> Iterator[Problem]:
    """Dates the schema pattern lets through but the calendar does not (a 30 February)."""
    for data_path, text in walk_texts(loaded.data):
        match = _FULL_DATE.match(text) if data_path and data_path[-1] in _DATE_FIELDS else None
        if match:
            try:
                date(*(int(part) for part in match.groups()))
            except ValueError:
                yield at(loaded, data_path, "SCH005", f"{field_name(data_path)} : la date « {text} » n'existe pas "
                         "dans le calendrier. Vérifiez le jour et le mois (format AAAA-MM-JJ).")


def _exists(text: str) -> bool:
    """A date of the shape AAAA[-MM[-JJ]] that the calendar has (no 30 February)."""
    match = _FULL_DATE.match(text)
    try:
        return bool(_ANY_DATE.match(text)) and (not match or bool(date(*(int(part) for part in match.groups()))))
    except ValueError:
        return False


def ends_before_start(start: object, end: object) -> bool:
    """Whether a span ends before it starts, dates of any precision compared on what both give (2017 vs 2017-06).
    An impossible date has its own problem (SCH005) and is not compared."""
    start, end = str(start), str(end)
    return _exists(start) and _exists(end) and end < start[:len(end)]


@file_rule("CAL001", "CAL002")
def check_spans(loaded: LoadedFile) -> Iterator[Problem]:
    """A record's period and each calendar step of a report run forwards."""
    data = loaded.data if isinstance(loaded.data, dict) else {}
    period = data.get("periode")
    if isinstance(period, dict) and ends_before_start(period.get("debut"), period.get("fin")):
        yield at(loaded, ("periode", "fin"), "CAL002", f"la période finit ({period['fin']}) avant de commencer "
                 f"({period['debut']}). Vérifiez les dates ou inversez-les.")
    steps = data.get("calendrier")
    for index, step in enumerate(steps if isinstance(steps, list) else []):
        if isinstance(step, dict) and ends_before_start(step.get("debut"), step.get("fin")):
            yield at(loaded, ("calendrier", index, "fin"), "CAL001", f"l'étape « {step.get('etape', index + 1)} » finit "
                     f"({step['fin']}) avant de commencer ({step['debut']}). Vérifiez les dates.")


@file_rule("TXT001")
def check_links(loaded: LoadedFile) -> Iterator[Problem]:
    """Links in any text go to http, https, mailto or the site's own pages; the rest of the Markdown rules are
    enforced when pages are rendered (text.prose)."""
    for data_path, text in walk_texts(loaded.data):
        for _, target in unsafe_links(text):
            target_shown = target if len(target) <= 40 else target[:39] + "…"
            yield at(loaded, data_path, "TXT001", f"{field_name(data_path)} contient un lien vers « {target_shown} », "
                     "adresse non autorisée : seuls les liens http, https, mailto et vers les pages du site sont permis. "
                     "Supprimez le lien ou donnez une adresse web.")


@file_rule("AVI003")
def advise_placeholders(loaded: LoadedFile) -> Iterator[Problem]:
    """Starter text left by `make nouvelle-fiche` or `make nouvelle-residence`."""
    for data_path, text in walk_texts(loaded.data):
        if PLACEHOLDER in text:
            yield at(loaded, data_path, "AVI003", f"texte « {PLACEHOLDER} » encore présent : complétez ce champ avant "
                     "de proposer la fiche.", severity=ADVICE)


@file_rule("AVI004")
def advise_long_quotes(loaded: LoadedFile) -> Iterator[Problem]:
    """A verbatim quote is at most 25 words (house content rule)."""
    for data_path, text in walk_texts(loaded.data):
        for quote in QUOTE.findall(text):
            words = len(quote.split())
            if words > MAX_QUOTE_WORDS:
                yield at(loaded, data_path, "AVI004", f"citation de {words} mots (« {quote[:40]}… ») : au plus "
                         f"{MAX_QUOTE_WORDS} mots. Reformulez le reste avec vos mots.", severity=ADVICE)


@file_rule("AVI001", "AVI002", kinds=("practices",))
def advise_practices(loaded: LoadedFile) -> Iterator[Problem]:
    """Advice that never blocks: long summaries, recommended fields left out."""
    data = loaded.data if isinstance(loaded.data, dict) else {}
    summary = data.get("resume")
    if isinstance(summary, str) and len(summary) > MAX_SUMMARY_CHARS:
        yield at(loaded, ("resume",), "AVI001", f"résumé de {len(summary)} caractères ; au-delà de {MAX_SUMMARY_CHARS}, "
                 "il ne tient plus en un coup d'œil. Gardez deux à quatre phrases ; le détail va dans les autres champs.",
                 severity=ADVICE)
    for name in RECOMMENDED_PRACTICE_FIELDS:
        # An idea has no period unless its source dates it: its absence is the rule, not an omission.
        if name == "periode" and data.get("stade") == IDEA:
            continue
        if name not in data:
            yield at(loaded, (), "AVI002", f"champ recommandé « {name} » absent. Ajoutez-le si la source le documente.",
                     severity=ADVICE)
