"""Report pages (residences, research-actions): key figures, timeline, axes with their cards, team, lessons.

The timeline is plain HTML and CSS produced here, so it renders offline and without JavaScript.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from ..memo import memoized, value_digest
from ..model import Figure, Library, Practice, Report, Step
from ..paths import CONTRIBUTING_REPORT, REPORTS_INDEX, relative, report_page, report_url
from ..text import fold, html_text, inline, prose
from .common import (
    MONTHS,
    SearchDocument,
    back_link,
    badge,
    bullet_list,
    french_period,
    header,
    print_header,
    reference_line,
    search_summary,
    source_line,
)
from .practices import CardLink, card_link, card_link_line


def _period(debut: str, fin: str) -> str:
    period = french_period(debut, fin)
    return period + " (début non documenté)" if fin and not debut else period


def _figures(figures: tuple[Figure, ...], css_class: str) -> str:
    cells = "".join(
        f'<div class="chiffre"><span class="valeur">{figure.valeur}</span>'
        f'<span class="libelle">{html_text(figure.libelle)}</span></div>'
        for figure in figures
    )
    return f'<div class="{css_class}">{cells}</div>' if figures else ""


# « « du 26 juin au 27 juin 2017 » selon la source »: the wording alone, when the data quotes it.
_QUOTED = re.compile(r"^«\s*(.+?)\s*»\s*selon la source\.?$")
_DATE_WORDS = re.compile(r"\d+|" + "|".join(fold(month) for month in MONTHS))


def _source_wording(step: Step) -> str:
    """What the source writes of a step's dates, when it says other dates than the ones retained; else empty."""
    retained = french_period(step.debut, step.fin)
    wording = step.dates.strip()
    quoted = _QUOTED.match(wording)
    wording = quoted.group(1) if quoted else wording
    # Same days, months and years, however worded (« du 26 juin au 27 juin » and « du 26 au 27 juin »): no note.
    if not retained or set(_DATE_WORDS.findall(fold(wording))) == set(_DATE_WORDS.findall(fold(retained))):
        return ""
    return wording


def _step(step: Step) -> str:
    """A step led by the date retained (in French, said once), the source's own dates in the note when they
    differ; a step the source does not date shows what the data says of it."""
    when = french_period(step.debut, step.fin) or step.dates
    wording = _source_wording(step)
    note = " ".join(([f"La source écrit : « {html_text(wording)} »."] if wording else [])
                    + ([html_text(step.note)] if step.note else []))
    parts = [
        f'<li class="etape etape-{html_text(step.type.replace(" ", "-"))}" markdown="1">',
        f'<p class="etape-date">{html_text(when)}</p>',
        f'<p class="etape-titre"><strong>{html_text(step.etape)}</strong> {badge("etape", step.type)}'
        + (f" · {html_text(step.lieu)}" if step.lieu else "") + "</p>",
    ]
    if step.actions:
        parts.append("<ul>" + "".join(f"<li>{html_text(action)}</li>" for action in step.actions) + "</ul>")
    parts.append(_figures(step.chiffres, "chiffres-etape"))
    if note:
        parts.append(f'<p class="etape-note">{"" if wording else "Note : "}{note}</p>')
    parts.append("</li>")
    return "\n".join(part for part in parts if part)


def render_timeline(steps: tuple[Step, ...]) -> str:
    return '<ol class="frise" aria-label="Calendrier">\n' + "\n".join(_step(step) for step in steps) + "\n</ol>\n"


def render_report(report: Report, known: dict[str, Practice], from_report: list[Practice]) -> str:
    """`known`: every card by id; `from_report`: the cards that say they come from this report. What the page reads
    of them is gathered here; the page itself is a pure function of the report and of that, kept by the memo."""
    listed = {piste for axis in report.axes for piste in axis.pistes}
    axis_cards = tuple(tuple(card_link(known[piste]) for piste in axis.pistes if piste in known) for axis in report.axes)
    others = tuple(card_link(card) for card in from_report if card.id not in listed)
    return report_page_text(report, axis_cards, others)


@memoized(limit=1 << 16, key=value_digest)
def report_page_text(report: Report, axis_cards: tuple[tuple[CardLink, ...], ...], others: tuple[CardLink, ...]) -> str:
    page = report_page(report.id)

    def links(cards: tuple[CardLink, ...]) -> str:
        return bullet_list(card_link_line(card, page) for card in cards)

    facts = [
        ("Type", report.type),
        ("Porté par", "; ".join(inline(item) for item in report.porteurs)),
        ("Partenaires", "; ".join(inline(item) for item in report.partenaires)),
        ("Lieu", inline(report.lieu) + (f" ({inline(report.region)})" if report.region else "")),
        ("Période", _period(report.debut, report.fin)),
    ]
    parts = [
        header(report.titre, report.path, report.resume),
        print_header(page),
        back_link(page, "Résidences et recherches-actions", REPORTS_INDEX),
        f"# {inline(report.titre)}\n",
        f"{badge('rapport', report.type)}\n",
        f"{prose(report.resume)}\n",
        _figures(report.chiffres_cles, "chiffres-cles") + "\n" if report.chiffres_cles else "",
        '!!! abstract "En bref"\n\n' + "\n".join(f"    - **{label}** : {value}" for label, value in facts if value) + "\n",
        "## Calendrier\n",
        render_timeline(report.calendrier),
        "## Axes de travail\n",
    ]
    for number, axis in enumerate(report.axes, 1):
        parts.append(f"### {number}. {inline(axis.titre)}\n")
        parts.append(f"**Question** : {prose(axis.question)}\n")
        if axis.constats:
            parts.append("**Constats**\n\n" + bullet_list(prose(item) for item in axis.constats) + "\n")
        if axis.obstacles:
            parts.append("**Obstacles**\n\n" + bullet_list(prose(item) for item in axis.obstacles) + "\n")
        if axis_cards[number - 1]:
            parts.append("**Fiches issues de cet axe**\n\n" + links(axis_cards[number - 1]) + "\n")
    if others:
        parts.append("### Autres fiches issues de la démarche\n")
        parts.append(links(others) + "\n")
    if report.equipe:
        parts.append("## Équipe\n")
        parts.append("| Nom | Rôle | Structure |\n|---|---|---|\n" + "\n".join(
            f"| {inline(member.nom)} | {inline(member.role)} | {inline(member.structure)} |" for member in report.equipe) + "\n")
    parts.append("## Protocole\n\n" + bullet_list(prose(item) for item in report.protocole) + "\n")
    parts.append("## Enseignements\n\n" + bullet_list(prose(item) for item in report.enseignements) + "\n")
    parts.append("## Suites\n\n" + (prose(report.suites) if report.suites else "Non documentées par la source.") + "\n")
    if report.hors_fiches:
        parts.append("## Éléments sans fiche\n\n" + bullet_list(
            f"**{inline(element)}** : {inline(reason)}" for element, reason in report.hors_fiches) + "\n")
    parts.append("## Sources\n\n" + bullet_list(source_line(source, page) for source in report.sources) + "\n")
    if report.notes_source:
        parts.append("## Notes sur la source\n\n" + bullet_list(prose(note) for note in report.notes_source) + "\n")
    if report.references:
        parts.append("## Références publiques\n\n" + bullet_list(reference_line(reference) for reference in report.references)
                     + "\n")
    parts.append(f"<small>Rapport mis à jour le {report.mise_a_jour} · fichier `{report.path}`</small>\n")
    return "\n".join(part for part in parts if part)


def render_index(library: Library) -> str:
    rows = ["| Rapport | Type | Lieu | Période | Fiches |", "|---|---|---|---|---|"]
    counts = Counter(practice.residence for practice in library.practices)
    for report in library.reports:
        count = counts[report.id]
        rows.append(f"| [{inline(report.titre)}]({relative(REPORTS_INDEX, report_page(report.id))}) | {report.type} "
                    f"| {inline(report.lieu)} | {_period(report.debut, report.fin)} | {count} |")
    return "\n".join([
        header("Résidences et recherches-actions", "residences/*.yml", "Les résultats des résidences et recherches-actions."),
        "# Résidences et recherches-actions\n",
        ("Des équipes se sont immergées dans une agence ou sur des territoires pour comprendre un problème, "
        "imaginer des réponses et les tester. Chaque rapport relie ses idées et prototypes aux fiches pratiques.\n"),
        "\n".join(rows) + "\n" if library.reports else "Aucun rapport pour l'instant.\n",
        f"Pour publier le vôtre : [Publier une résidence]({relative(REPORTS_INDEX, CONTRIBUTING_REPORT)}).\n",
    ])


def render_report_pages(library: Library) -> dict[str, str]:
    known = {practice.id: practice for practice in library.practices}
    from_report: dict[str, list[Practice]] = defaultdict(list)
    for practice in library.practices:
        if practice.residence:
            from_report[practice.residence].append(practice)
    pages = {report_page(report.id): render_report(report, known, from_report[report.id]) for report in library.reports}
    pages[REPORTS_INDEX] = render_index(library)
    return pages


def search_documents(library: Library) -> list[SearchDocument]:
    """What the search index knows of each record."""
    return [
        SearchDocument(report_url(report.id), report.titre, f"Rapport · {report.type}", search_summary(report.resume), (),
                       (report.lieu, report.region, *report.porteurs, *report.partenaires),
                       (report.resume, *report.protocole, *report.enseignements, report.suites,
                        *(axis.titre + " " + axis.question for axis in report.axes)))
        for report in library.reports
    ]
