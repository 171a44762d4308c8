"""Browsing the practices beyond single tag pages: the facet page and its data, and the charts page.

The facet page is filled by docs/assets/filtres.js from pratiques/facettes.json, so its weight does not grow with
the corpus. The charts are SVG drawn here, readable without JavaScript, each with its data table.
"""

from __future__ import annotations

import json
from collections import Counter
from html import escape

from ..model import Library, Practice
from ..paths import CHARTS_PAGE, FACET_DATA, FACET_PAGE, PRACTICES_INDEX, practice_url, relative, theme_page
from ..text import fold, inline, slugify
from .common import header

ABROAD = " (étranger)"
WHOLE_COUNTRY = "France entière"
UNKNOWN_REGION = "non précisée"
NO_REPORT = "Aucun rapport"


def regions_of(practice: Practice) -> tuple[str, ...]:
    """Where a card sits on the map: its regions (or « France entière », « plusieurs régions », « non précisée », as
    its data says), or its country when abroad."""
    if practice.pays and practice.pays != "France":
        return (practice.pays + ABROAD,)
    if practice.region:
        return practice.region
    return (WHOLE_COUNTRY,) if practice.echelle == "national" else (UNKNOWN_REGION,)


def _region_sort(library: Library):
    """Regions in the vocabulary's order (regions, then France as a whole, several, unknown), then countries."""
    order = {value: number for number, value in enumerate(library.vocabularies["region"].values)}
    # The label itself breaks ties between labels that differ only by accents, so the order never changes between runs.
    return lambda label: (label not in order, order.get(label, 0), fold(label), label)


def _facets(library: Library) -> list[tuple[str, str, list[str], callable]]:
    """(key, label, ordered values, values of a card) for each facet."""
    vocabulary = library.vocabularies
    reports = {report.id: report.titre for report in library.reports}
    documents = library.documents.short_titles
    regions = sorted({region for practice in library.practices for region in regions_of(practice)},
                     key=_region_sort(library))
    used_reports = sorted({practice.residence for practice in library.practices if practice.residence},
                          key=lambda report_id: (fold(reports[report_id]), report_id))
    return [
        ("theme", "Thème", list(vocabulary["theme"].values), lambda card: card.themes),
        ("type", "Type", list(vocabulary["type"].values), lambda card: (card.type,)),
        ("stade", "Stade", list(vocabulary["stade"].values), lambda card: (card.stade,)),
        ("echelle", "Échelle", list(vocabulary["echelle"].values), lambda card: (card.echelle,)),
        ("region", "Région ou pays", regions, regions_of),
        ("document", "Document source", [documents[code] for code in sorted(documents)],
         lambda card: tuple(dict.fromkeys(documents[source.document] for source in card.sources))),
        ("rapport", "Rapport", [reports[report_id] for report_id in used_reports] + [NO_REPORT],
         lambda card: (reports[card.residence] if card.residence else NO_REPORT,)),
    ]


def render_facet_data(library: Library) -> str:
    """Facets with their values (slug for the address, label), and each card with the indexes of its values."""
    facets = _facets(library)
    positions = [{value: number for number, value in enumerate(values)} for _, _, values, _ in facets]
    cards = []
    for practice in library.practices:
        indexes = []
        for (_, _, _, values_of), position in zip(facets, positions, strict=True):
            indexes.append(sorted({position[value] for value in values_of(practice)}))
        cards.append([practice.titre, practice_url(practice.id), practice.stade, indexes])
    data = {
        "facettes": [{"cle": key, "libelle": label, "valeurs": [[slugify(value), value] for value in values]}
                     for key, label, values, _ in facets],
        "fiches": cards,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def render_facet_page(library: Library) -> str:
    return "\n".join([
        header("Filtrer les pratiques", "practices/*.yml", "Filtrer les fiches par thème, type, stade, échelle, région, "
               "document source et rapport.", hide=("toc",)),
        "# Filtrer les pratiques\n",
        ("Cochez une ou plusieurs valeurs : dans un même groupe, une fiche doit avoir l'une des valeurs cochées ; "
         "d'un groupe à l'autre, toutes les conditions s'ajoutent. Le nombre entre parenthèses dit combien de fiches "
         "resteraient avec cette valeur. L'adresse de la page garde les filtres : copiez-la pour partager la sélection.\n"),
        (f'<div id="filtres" class="filtres" data-source="{FACET_DATA}">'
         '<div class="filtres-facettes" id="filtres-facettes"></div>'
         '<div class="filtres-resultats"><p id="filtres-etat" class="filtres-etat" role="status" aria-live="polite"></p>'
         '<button type="button" id="filtres-effacer" class="md-button" hidden>Effacer les filtres</button>'
         '<ul id="filtres-liste" class="filtres-liste"></ul></div></div>\n'),
        ('<noscript><p>Le filtrage a besoin de JavaScript. Sans lui, la page <a href="../">Pratiques</a> liste toutes '
         'les fiches et la page <a href="../../themes/">Thèmes</a> les classe par thème.</p></noscript>\n'),
        f"[Toutes les pratiques]({relative(FACET_PAGE, PRACTICES_INDEX)}) · [En chiffres]({relative(FACET_PAGE, CHARTS_PAGE)})\n",
    ])


BAR_HEIGHT, ROW_HEIGHT, LABEL_WIDTH, BAR_WIDTH, WIDTH = 16, 24, 250, 330, 640


def bar_chart(identifier: str, title: str, rows: list[tuple[str, int]]) -> str:
    """A horizontal bar chart as inline SVG: labels, bars proportional to the largest count, counts at the end."""
    largest = max((count for _, count in rows), default=0) or 1
    height = ROW_HEIGHT * len(rows) + 8
    total = sum(count for _, count in rows)
    description = "; ".join(f"{label} : {count}" for label, count in rows)
    parts = [f'<figure class="graphique" id="{identifier}">',
             (f'<svg viewBox="0 0 {WIDTH} {height}" width="100%" role="img" aria-labelledby="{identifier}-titre '
              f'{identifier}-desc" xmlns="http://www.w3.org/2000/svg">'),
             f'<title id="{identifier}-titre">{escape(title)}</title>',
             f'<desc id="{identifier}-desc">{escape(description)}</desc>']
    for number, (label, count) in enumerate(rows):
        top = number * ROW_HEIGHT + 4
        width = round(BAR_WIDTH * count / largest, 1)
        shown = label if len(label) <= 38 else label[:37] + "…"
        parts += [f'<text class="graphique-libelle" x="{LABEL_WIDTH - 8}" y="{top + 12}" text-anchor="end">{escape(shown)}</text>',
                  f'<rect class="graphique-barre" x="{LABEL_WIDTH}" y="{top}" width="{width}" height="{BAR_HEIGHT}" rx="2"/>',
                  f'<text class="graphique-valeur" x="{LABEL_WIDTH + width + 6}" y="{top + 12}">{count}</text>']
    parts += ["</svg>", f"<figcaption>{escape(title)} ({total} au total)</figcaption>", "</figure>"]
    return "".join(parts) + "\n"


def _table(first_column: str, rows: list[tuple[str, int]]) -> str:
    lines = [f"| {first_column} | Fiches |", "|---|---|"]
    lines += [f"| {label} | {count} |" for label, count in rows]
    return "\n".join(lines)


def render_charts_page(library: Library) -> str:
    practices = library.practices
    themes = Counter(theme for practice in practices for theme in practice.themes)
    stages = Counter(practice.stade for practice in practices)
    regions = Counter(region for practice in practices for region in regions_of(practice))
    theme_rows = [(theme, themes[theme]) for theme in library.vocabularies["theme"].values]
    stage_rows = [(stage, stages[stage]) for stage in library.vocabularies["stade"].values]
    region_rows = [(region, regions[region]) for region in sorted(regions, key=_region_sort(library))]
    linked_themes = [(f"[{theme}]({relative(CHARTS_PAGE, theme_page(theme))})", count) for theme, count in theme_rows]
    return "\n".join([
        header("Les pratiques en chiffres", "practices/*.yml", "Nombre de fiches par thème, par stade et par région.",
               hide=("toc",)),
        "# Les pratiques en chiffres\n",
        (f"{len(practices)} fiches. Une fiche peut porter jusqu'à quatre thèmes : la somme des thèmes dépasse donc le "
         "nombre de fiches. Chaque graphique est suivi de ses données.\n"),
        "## Par thème\n",
        bar_chart("graphique-themes", "Fiches par thème", theme_rows),
        '??? note "Données : fiches par thème"\n\n' + _indent(_table("Thème", linked_themes)) + "\n",
        "## Par stade\n",
        ("Du moins au plus avancé : une idée n'a pas été essayée, une pratique généralisée est étendue à de nombreux "
         "territoires.\n"),
        bar_chart("graphique-stades", "Fiches par stade", stage_rows),
        '??? note "Données : fiches par stade"\n\n' + _indent(_table("Stade", stage_rows)) + "\n",
        "## Par région\n",
        (f"Une fiche peut porter plusieurs régions : la somme dépasse alors le nombre de fiches. « {WHOLE_COUNTRY} » : "
         "fiches de portée nationale ; « plusieurs régions » : la source en cite plusieurs sans les nommer toutes ; "
         "les pays étrangers sont ceux des exemples d'inspiration internationale.\n"),
        bar_chart("graphique-regions", "Fiches par région ou pays", region_rows),
        '??? note "Données : fiches par région ou pays"\n\n' + _indent(_table("Région ou pays", [(inline(label), count) for label, count in region_rows])) + "\n",
        f"[Filtrer les pratiques]({relative(CHARTS_PAGE, FACET_PAGE)}) · [Toutes les pratiques]({relative(CHARTS_PAGE, PRACTICES_INDEX)})\n",
    ])


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())


def render_browse_pages(library: Library) -> dict[str, str]:
    return {FACET_PAGE: render_facet_page(library), FACET_DATA: render_facet_data(library),
            CHARTS_PAGE: render_charts_page(library)}

