"""Report pages (residences, research-actions): key figures, timeline, axes with their cards, team, lessons.

The timeline is plain HTML and CSS produced here, so it renders offline and without JavaScript.
"""

from __future__ import annotations

from ..model import Figure, Library, Residence, Step
from ..text import html_text, inline, prose
from .common import badge, bullet_list, header, relative, source_line
from .practices import practice_page_path

INDEX = "residences/index.md"


def residence_page_path(residence_id: str) -> str:
    return f"residences/{residence_id}.md"


def _period(debut: str, fin: str) -> str:
    if debut and fin and fin != debut:
        return f"{debut} → {fin}"
    if fin and not debut:
        return f"jusqu'à {fin} (début non documenté)"
    return debut


def _figures(figures: tuple[Figure, ...], css_class: str) -> str:
    cells = "".join(
        f'<div class="chiffre"><span class="valeur">{figure.valeur}</span>'
        f'<span class="libelle">{html_text(figure.libelle)}</span></div>'
        for figure in figures
    )
    return f'<div class="{css_class}">{cells}</div>' if figures else ""


def _step(step: Step) -> str:
    established = _period(step.debut, step.fin)
    when = html_text(step.dates)
    if established and established != step.dates:
        when += f' <span class="date-etablie">(date retenue : {html_text(established)})</span>'
    parts = [
        f'<li class="etape etape-{html_text(step.type.replace(" ", "-"))}" markdown="1">',
        f'<p class="etape-date">{when}</p>',
        f'<p class="etape-titre"><strong>{html_text(step.etape)}</strong> {badge("etape", step.type)}'
        + (f" · {html_text(step.lieu)}" if step.lieu else "") + "</p>",
    ]
    if step.actions:
        parts.append("<ul>" + "".join(f"<li>{html_text(action)}</li>" for action in step.actions) + "</ul>")
    parts.append(_figures(step.chiffres, "chiffres-etape"))
    if step.note:
        parts.append(f'<p class="etape-note">Note : {html_text(step.note)}</p>')
    parts.append("</li>")
    return "\n".join(part for part in parts if part)


def render_timeline(steps: tuple[Step, ...]) -> str:
    return '<ol class="frise" aria-label="Calendrier">\n' + "\n".join(_step(step) for step in steps) + "\n</ol>\n"


def render_residence(residence: Residence, library: Library) -> str:
    page = residence_page_path(residence.id)
    known = {practice.id: practice for practice in library.practices}
    listed = {piste for axis in residence.axes for piste in axis.pistes}
    facts = [
        ("Type", residence.type),
        ("Porté par", "; ".join(inline(item) for item in residence.porteurs)),
        ("Partenaires", "; ".join(inline(item) for item in residence.partenaires)),
        ("Lieu", inline(residence.lieu) + (f" ({inline(residence.region)})" if residence.region else "")),
        ("Période", _period(residence.debut, residence.fin)),
    ]
    parts = [
        header(residence.titre, residence.path, residence.resume),
        f"# {inline(residence.titre)}\n",
        f"{badge('rapport', residence.type)}\n",
        f"{prose(residence.resume)}\n",
        _figures(residence.chiffres_cles, "chiffres-cles") + "\n" if residence.chiffres_cles else "",
        '!!! abstract "En bref"\n\n' + "\n".join(f"    - **{label}** : {value}" for label, value in facts if value) + "\n",
        "## Calendrier\n",
        render_timeline(residence.calendrier),
        "## Axes de travail\n",
    ]
    for number, axis in enumerate(residence.axes, 1):
        parts.append(f"### {number}. {inline(axis.titre)}\n")
        parts.append(f"**Question** : {prose(axis.question)}\n")
        if axis.constats:
            parts.append("**Constats**\n\n" + bullet_list(prose(item) for item in axis.constats) + "\n")
        if axis.obstacles:
            parts.append("**Obstacles**\n\n" + bullet_list(prose(item) for item in axis.obstacles) + "\n")
        cards = [known[piste] for piste in axis.pistes if piste in known]
        if cards:
            parts.append("**Fiches issues de cet axe**\n\n" + bullet_list(
                f"[{inline(card.titre)}]({relative(page, practice_page_path(card.id))}) {badge('stade', card.stade)}"
                for card in cards) + "\n")
    others = [practice for practice in library.practices if practice.residence == residence.id and practice.id not in listed]
    if others:
        parts.append("### Autres fiches issues de la démarche\n")
        parts.append(bullet_list(
            f"[{inline(card.titre)}]({relative(page, practice_page_path(card.id))}) {badge('stade', card.stade)}"
            for card in others) + "\n")
    if residence.equipe:
        parts.append("## Équipe\n")
        parts.append("| Nom | Rôle | Structure |\n|---|---|---|\n" + "\n".join(
            f"| {inline(member.nom)} | {inline(member.role)} | {inline(member.structure)} |" for member in residence.equipe) + "\n")
    parts.append("## Protocole\n\n" + bullet_list(prose(item) for item in residence.protocole) + "\n")
    parts.append("## Enseignements\n\n" + bullet_list(prose(item) for item in residence.enseignements) + "\n")
    parts.append("## Suites\n\n" + (prose(residence.suites) if residence.suites else "Non documentées par la source.") + "\n")
    if residence.hors_fiches:
        parts.append("## Éléments sans fiche\n\n" + bullet_list(
            f"**{inline(element)}** : {inline(reason)}" for element, reason in residence.hors_fiches) + "\n")
    parts.append("## Sources\n\n" + bullet_list(source_line(source) for source in residence.sources) + "\n")
    if residence.notes_source:
        parts.append("## Notes sur la source\n\n" + bullet_list(prose(note) for note in residence.notes_source) + "\n")
    parts.append(f"<small>Rapport mis à jour le {residence.mise_a_jour} · fichier `{residence.path}`</small>\n")
    return "\n".join(part for part in parts if part)


def render_index(library: Library) -> str:
    rows = ["| Rapport | Type | Lieu | Période | Fiches |", "|---|---|---|---|---|"]
    for residence in library.residences:
        count = sum(practice.residence == residence.id for practice in library.practices)
        rows.append(f"| [{inline(residence.titre)}]({relative(INDEX, residence_page_path(residence.id))}) | {residence.type} "
                    f"| {inline(residence.lieu)} | {_period(residence.debut, residence.fin)} | {count} |")
    return "\n".join([
        header("Résidences et recherches-actions", "residences/*.yml", "Les résultats des résidences et recherches-actions."),
        "# Résidences et recherches-actions\n",
        ("Des équipes se sont immergées dans une agence ou sur des territoires pour comprendre un problème, "
        "imaginer des réponses et les tester. Chaque rapport relie ses idées et prototypes aux fiches pratiques.\n"),
        "\n".join(rows) + "\n" if library.residences else "Aucun rapport pour l'instant.\n",
        "Pour publier le vôtre : [Publier une résidence](../contribuer/residence.md).\n",
    ])


def render_residence_pages(library: Library) -> dict[str, str]:
    pages = {residence_page_path(residence.id): render_residence(residence, library) for residence in library.residences}
    pages[INDEX] = render_index(library)
    return pages
