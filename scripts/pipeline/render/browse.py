"""Browsing the practices beyond single tag pages: the facet page and its data, and the charts page.

The facet page carries its facets as HTML; docs/assets/filtres.js lists the cards from pratiques/facettes.json, so
the page's weight grows with the vocabularies, not with the corpus. The charts are SVG drawn here, readable without JavaScript, each with its data table.
"""

from __future__ import annotations

import json
from collections import Counter
from html import escape

from ..model import Library, Practice
from ..paths import (
    CHARTS_PAGE,
    FACET_DATA,
    FACET_PAGE,
    FACET_SCRIPT,
    PRACTICES_INDEX,
    filter_link,
    practice_url,
    relative,
    theme_page,
    url_from,
)
from ..text import fold, html_text, inline, slugify
from .common import header, one_line, territory

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


# A result shows one line of each: the facet data grows with the corpus, so these stay short.
SUMMARY_LINE, TERRITORY_LINE = 100, 70


def render_facet_data(library: Library) -> str:
    """Facets with their values (slug for the address, label), and each card as the results list shows it: title,
    address, territory, first line of its summary, then the indexes of its values in each facet (its stage is the
    value of the « stade » facet, not repeated)."""
    facets = _facets(library)
    positions = [{value: number for number, value in enumerate(values)} for _, _, values, _ in facets]
    cards = []
    for practice in library.practices:
        indexes = []
        for (_, _, _, values_of), position in zip(facets, positions, strict=True):
            indexes.append(sorted({position[value] for value in values_of(practice)}))
        cards.append([practice.titre, practice_url(practice.id), one_line(territory(practice), TERRITORY_LINE),
                      one_line(practice.resume, SUMMARY_LINE), indexes])
    data = {
        "facettes": [{"cle": key, "libelle": label, "valeurs": [[slugify(value), value] for value in values]}
                     for key, label, values, _ in facets],
        "fiches": cards,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def _facet_markup(library: Library) -> str:
    """The facets as HTML written at build time, with the counts of the whole library: nothing moves when the script
    starts (it only updates the counts and ticks what the address says). Each facet folds (<details>): closed on a
    phone, so the results follow seven short lines; shown open beside the results on a wider screen (CSS)."""
    groups = []
    for key, label, values, values_of in _facets(library):
        counts = Counter(value for practice in library.practices for value in values_of(practice))
        options = "".join(
            f'<label class="filtres-valeur"><input type="checkbox" name="{key}" value="{slugify(value)}">'
            f'<span class="filtres-nom">{html_text(value)}</span> <span class="filtres-nombre">({counts[value]})</span>'
            "</label>"
            for value in values)
        groups.append(f'<details class="filtres-groupe" data-cle="{key}"><summary>{html_text(label)}'
                      f'<span class="filtres-coches"></span></summary><fieldset><legend class="visuellement-cache">'
                      f"{html_text(label)}</legend>{options}</fieldset></details>")
    return "".join(groups)


def render_facet_page(library: Library) -> str:
    count = len(library.practices)
    return "\n".join([
        header("Filtrer les pratiques", "practices/*.yml", "Filtrer les fiches par thème, type, stade, échelle, région, "
               "document source et rapport.", hide=("toc",)),
        "# Filtrer les pratiques\n",
        ("Cochez une ou plusieurs valeurs : dans un même groupe, une fiche doit avoir l'une des valeurs cochées ; "
         "d'un groupe à l'autre, toutes les conditions s'ajoutent. Le nombre entre parenthèses dit combien de fiches "
         "resteraient avec cette valeur. L'adresse de la page garde les filtres : copiez-la pour partager la sélection.\n"),
        ('<noscript><p>Le filtrage a besoin de JavaScript. Sans lui, la page <a href="../">Pratiques</a> liste toutes '
         'les fiches et la page <a href="../../themes/">Thèmes</a> les classe par thème.</p></noscript>\n'),
        # The status bar sits between the facets and the results: on a phone it sticks to the bottom of the screen
        # while the reader ticks values, so the count is always in view, and its link jumps to the results.
        (f'<div id="filtres" class="filtres" data-source="{url_from(FACET_PAGE, FACET_DATA)}" data-script="{FACET_SCRIPT}">'
         f'<form class="filtres-facettes" id="filtres-facettes" aria-label="Filtres">{_facet_markup(library)}</form>'
         '<div class="filtres-barre" id="filtres-barre">'
         f'<p id="filtres-etat" class="filtres-etat" role="status" aria-live="polite">{count} fiches, aucun filtre</p>'
         '<a class="filtres-voir" href="#filtres-resultats">Voir les fiches</a>'
         '<button type="button" id="filtres-effacer" class="filtres-effacer" hidden>Effacer les filtres</button></div>'
         '<section class="filtres-resultats" id="filtres-resultats" aria-label="Fiches retenues" tabindex="-1">'
         '<div id="filtres-aucune" class="filtres-aucune" hidden></div>'
         '<ul id="filtres-liste" class="filtres-liste"></ul>'
         '<button type="button" id="filtres-plus" class="filtres-plus md-button" hidden></button></section></div>\n'),
        f"[Toutes les pratiques]({relative(FACET_PAGE, PRACTICES_INDEX)}) · [En chiffres]({relative(FACET_PAGE, CHARTS_PAGE)})\n",
    ])


# Each row: the label, then its bar drawn in an SVG without viewBox (the count's text keeps its size on a phone, the bar
# is a share of the width); the longest bar leaves room for its count. A row is a Markdown link, so that MkDocs and
# Zensical both turn it into the right address.
BAR_LINE, BAR_HEIGHT, LONGEST_BAR = 20, 16, 85


def bar_chart(identifier: str, title: str, rows: list[tuple[str, int]], links: list[str] | None = None) -> str:
    """A horizontal bar chart: a list of rows (label, bar, count), each a link when `links` gives its address."""
    largest = max((count for _, count in rows), default=0) or 1
    total = sum(count for _, count in rows)
    items = []
    for number, (label, count) in enumerate(rows):
        share = round(LONGEST_BAR * count / largest, 1)
        text = (f'<span class="graphique-libelle">{html_text(label)}</span><span class="visuellement-cache"> : {count} '
                f'fiche{"s" if count > 1 else ""}</span>')
        bar = (f'<svg class="graphique-ligne" width="100%" height="{BAR_LINE}" aria-hidden="true" focusable="false">'
               f'<rect class="graphique-barre" x="0" y="2" width="{share}%" height="{BAR_HEIGHT}" rx="2"/>'
               f'<text class="graphique-valeur" x="{share}%" dx="6" y="15">{count}</text></svg>')
        items.append(f"- [{text}{bar}]({links[number]})" if links else f"- {text}{bar}")
    return (f'<figure class="graphique" id="{identifier}" markdown="1">\n\n' + "\n".join(items)
            + f"\n\n<figcaption>{escape(title)} ({total} au total)</figcaption>\n\n</figure>\n")


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

    def filtered(key: str, rows: list[tuple[str, int]]) -> list[str]:
        return [filter_link(CHARTS_PAGE, key, label) for label, _ in rows]

    return "\n".join([
        header("Les pratiques en chiffres", "practices/*.yml", "Nombre de fiches par thème, par stade et par région.",
               hide=("toc",)),
        "# Les pratiques en chiffres\n",
        (f"{len(practices)} fiches. Une fiche peut porter jusqu'à quatre thèmes : la somme des thèmes dépasse donc le "
         "nombre de fiches. Chaque barre mène aux fiches qu'elle compte ; chaque graphique est suivi de ses données.\n"),
        "## Par thème\n",
        bar_chart("graphique-themes", "Fiches par thème", theme_rows, filtered("theme", theme_rows)),
        '??? note "Données : fiches par thème"\n\n' + _indent(_table("Thème", linked_themes)) + "\n",
        "## Par stade\n",
        ("Du moins au plus avancé : une idée n'a pas été essayée, une pratique généralisée est étendue à de nombreux "
         "territoires.\n"),
        bar_chart("graphique-stades", "Fiches par stade", stage_rows, filtered("stade", stage_rows)),
        '??? note "Données : fiches par stade"\n\n' + _indent(_table("Stade", stage_rows)) + "\n",
        "## Par région\n",
        (f"Une fiche peut porter plusieurs régions : la somme dépasse alors le nombre de fiches. « {WHOLE_COUNTRY} » : "
         "fiches de portée nationale ; « plusieurs régions » : la source en cite plusieurs sans les nommer toutes ; "
         "les pays étrangers sont ceux des exemples d'inspiration internationale.\n"),
        bar_chart("graphique-regions", "Fiches par région ou pays", region_rows,
                  filtered("region", region_rows)),
        '??? note "Données : fiches par région ou pays"\n\n' + _indent(_table("Région ou pays", [(inline(label), count) for label, count in region_rows])) + "\n",
        f"[Filtrer les pratiques]({relative(CHARTS_PAGE, FACET_PAGE)}) · [Toutes les pratiques]({relative(CHARTS_PAGE, PRACTICES_INDEX)})\n",
    ])


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())


def render_browse_pages(library: Library) -> dict[str, str]:
    return {FACET_PAGE: render_facet_page(library), FACET_DATA: render_facet_data(library),
            CHARTS_PAGE: render_charts_page(library)}

