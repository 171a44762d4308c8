"""Pages about practices: one page per card, the practices index, theme pages."""

from __future__ import annotations

import heapq
from collections import defaultdict

from ..memo import memoized, record_digest, value_digest
from ..model import Library, Practice
from ..paths import PRACTICES_INDEX, THEMES_INDEX, filter_link, practice_page, practice_url, relative, report_page, theme_page
from ..text import inline, prose
from .browse import ABROAD
from .common import (
    REGION_WORDING,
    SearchDocument,
    back_link,
    badge,
    bullet_list,
    header,
    one_line,
    print_header,
    reference_line,
    search_summary,
    source_line,
    territory,
)


def _period(practice: Practice) -> str:
    if practice.debut and practice.fin and practice.debut != practice.fin:
        return f"{practice.debut} → {practice.fin}"
    return practice.debut or practice.fin or "non documentée par la source"


def _section(title: str, body: str) -> str:
    return f"## {title}\n\n{body}\n" if body else ""


SUGGESTED_RELATED = 3


class ThemeIndex:
    """Cards grouped by their exact set of themes, in title order: the closest cards of one card are found among a
    few groups instead of by comparing it with every other card (quadratic, minutes at 10,000 cards)."""

    def __init__(self, practices: tuple[Practice, ...]):
        self.practices = practices
        groups: dict[frozenset, list[int]] = defaultdict(list)
        self.by_report: dict[str, list[int]] = defaultdict(list)
        for position, practice in enumerate(practices):
            groups[frozenset(practice.themes)].append(position)
            if practice.residence:
                self.by_report[practice.residence].append(position)
        self.groups = list(groups.items())
        self._levels: dict[frozenset, list[tuple[int, list[list[int]]]]] = {}
        # Everything the closest cards are chosen from: equal digests, equal choices (closest_ids).
        self.digest = value_digest(tuple((practice.id, practice.themes, practice.residence) for practice in practices))

    def levels(self, themes: frozenset) -> list[tuple[int, list[list[int]]]]:
        """(number of shared themes, groups sharing that many), most shared first; computed once per theme set."""
        if themes not in self._levels:
            by_shared: dict[int, list[list[int]]] = defaultdict(list)
            for group, positions in self.groups:
                shared = len(themes & group)
                if shared:
                    by_shared[shared].append(positions)
            self._levels[themes] = sorted(by_shared.items(), reverse=True)
        return self._levels[themes]


def closest_by_themes(practice: Practice, library: Library | None, exclude: set[str], index: ThemeIndex | None = None
                      ) -> list[Practice]:
    """Cards sharing the most themes with this one (then the same report, then title order), after the explicit links."""
    index = index or ThemeIndex(library.practices)
    themes = frozenset(practice.themes)
    chosen: list[Practice] = []

    def take(other: Practice) -> bool:
        if other.id != practice.id and other.id not in exclude:
            chosen.append(other)
        return len(chosen) >= SUGGESTED_RELATED

    for shared, groups in index.levels(themes):
        if practice.residence:
            # Cards of the same report come first among those sharing as many themes.
            for position in index.by_report[practice.residence]:
                other = index.practices[position]
                if len(themes & set(other.themes)) == shared and take(other):
                    return chosen
        for position in heapq.merge(*groups):
            other = index.practices[position]
            if not (practice.residence and other.residence == practice.residence) and take(other):
                return chosen
    return chosen


# Choosing the closest cards of every card was a third of the card pages' time: the choice is kept by what it is
# made from (the cards' ids, themes and reports, in order, and this card's), so unchanged themes cost nothing.
@memoized(limit=1 << 18, key=lambda index, practice, exclude: value_digest(index.digest, practice.id, practice.themes,
                                                                           practice.residence, exclude))
def closest_ids(index: ThemeIndex, practice: Practice, exclude: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(other.id for other in closest_by_themes(practice, None, set(exclude), index))


def _filtered(page: str, key: str, value: str, shown: str, hint: str) -> str:
    """A value of « En bref » as a link to the facet page with that value ticked."""
    return f'[{shown}]({filter_link(page, key, value)}){{ title="{hint}" }}'


def _territory_links(practice: Practice, page: str) -> str:
    """The territory line with each region (or the country, abroad) linked to the cards of that region."""
    abroad = bool(practice.pays and practice.pays != "France")
    parts = [inline(part) for part in (practice.lieu, *practice.departement) if part]
    for region in practice.region:
        wording = inline(REGION_WORDING.get(region, region))
        parts.append(wording if abroad else _filtered(page, "region", region, wording, "Les fiches de cette région"))
    if abroad:
        parts.append(_filtered(page, "region", practice.pays + ABROAD, inline(practice.pays), "Les fiches de ce pays"))
    elif practice.pays and not parts:
        parts.append(inline(practice.pays))
    return ", ".join(parts) or "non documenté par la source"


# A card as another page links to it: id, title, stage.
CardLink = tuple[str, str, str]


def card_link(practice: Practice) -> CardLink:
    return (practice.id, practice.titre, practice.stade)


def card_link_line(card: CardLink, page: str) -> str:
    """A card in a list of another page: its title linked from `page`, and its stage."""
    card_id, title, stage = card
    return f"[{inline(title)}]({relative(page, practice_page(card_id))}) {badge('stade', stage)}"


def render_practice(practice: Practice, library: Library, index: ThemeIndex | None = None) -> str:
    """What the page reads from other records is gathered here (linked and neighbouring cards, the report it comes
    from); the page itself is a pure function of the card and of that, kept by the memo."""
    related = [library.practice(related_id) for related_id in practice.pratiques_liees]
    index = index or ThemeIndex(library.practices)
    suggested = [library.practice(other) for other in closest_ids(index, practice, tuple(sorted(other.id for other in related)))]
    origin = None
    if practice.residence:
        report = library.report(practice.residence)
        origin = (report.id, report.titre, report.type, (report.debut or report.fin)[:4])
    return practice_page_text(practice, tuple(map(card_link, related)), tuple(map(card_link, suggested)), origin)


# The largest part of a build with one card changed was writing again every other card's page: each page is kept by
# a digest of everything it is made from (scripts/pipeline/memo.py).
@memoized(limit=1 << 18, key=lambda practice, *gathered: value_digest(record_digest(practice), *gathered))
def practice_page_text(practice: Practice, related: tuple[CardLink, ...], suggested: tuple[CardLink, ...],
                       origin: tuple[str, str, str, str] | None) -> str:
    page = practice_page(practice.id)
    themes = ", ".join(f"[{theme}]({relative(page, theme_page(theme))})" for theme in practice.themes)
    facts = [
        ("Type", _filtered(page, "type", practice.type, practice.type, "Les fiches de ce type")),
        ("Stade", _filtered(page, "stade", practice.stade, badge("stade", practice.stade), "Les fiches à ce stade")),
        ("Échelle", _filtered(page, "echelle", practice.echelle, practice.echelle, "Les fiches à cette échelle")),
        ("Territoire", _territory_links(practice, page)),
        ("Période", _period(practice)),
        ("Acteurs", "; ".join(inline(actor) for actor in practice.acteurs) or "non documentés par la source"),
    ]
    if practice.publics:
        facts.append(("Publics", "; ".join(inline(public) for public in practice.publics)))
    facts.append(("Thèmes", themes))
    en_bref = "\n".join(f"    - **{label}** : {value}" for label, value in facts)

    def links(cards: tuple[CardLink, ...]) -> str:
        return bullet_list(card_link_line(card, page) for card in cards)

    related_list = links(related)
    if suggested:
        related_list += ("\n\n" if related else "") + "Sur les mêmes thèmes :\n\n" + links(suggested)
    first_theme = practice.themes[0] if practice.themes else ""
    parts = [
        header(practice.titre, practice.path, practice.resume),
        print_header(page),
        (back_link(page, f"Thème : {first_theme}", theme_page(first_theme)) if first_theme
         else back_link(page, "Toutes les pratiques", PRACTICES_INDEX)),
        f"# {inline(practice.titre)}\n",
        f"{badge('stade', practice.stade)} {badge('type', practice.type)}\n",
        f"{prose(practice.resume)}\n",
        f'!!! abstract "En bref"\n\n{en_bref}\n',
        _section("Problème", prose(practice.probleme)),
        _section("Objectifs", bullet_list(prose(item) for item in practice.objectifs)),
        _section("Démarche", "\n".join(f"{index}. {prose(step)}" for index, step in enumerate(practice.demarche, 1))),
        _section("Productions", bullet_list(prose(item) for item in practice.productions)),
        _section("Résultats", prose(practice.resultats)),
        _section("Enseignements", bullet_list(prose(item) for item in practice.enseignements)),
        _section("Points de vigilance", bullet_list(prose(item) for item in practice.points_de_vigilance)),
        _section("Transférabilité", prose(practice.transferabilite)),
        _section("Pratiques liées", related_list),
        _section("Issue de", _origin(origin, page)),
        _section("Sources", bullet_list(source_line(source, page) for source in practice.sources)),
        _section("Notes sur la source", bullet_list(prose(note) for note in practice.notes_source)),
        _section("Références publiques", bullet_list(reference_line(reference) for reference in practice.references)),
        f"<small>Fiche mise à jour le {practice.mise_a_jour} · fichier `{practice.path}`</small>\n",
    ]
    return "\n".join(part for part in parts if part)


def _origin(origin: tuple[str, str, str, str] | None, page: str) -> str:
    if origin is None:
        return ""
    report_id, title, kind, year = origin
    return (f"Cette fiche est issue du rapport [{inline(title)}]"
            f"({relative(page, report_page(report_id))}) ({kind}, {year}).")


def _table(practices, page: str) -> str:
    rows = ["| Pratique | Stade | Type | Échelle | Territoire |", "|---|---|---|---|---|"]
    rows += [
        f"| [{inline(practice.titre)}]({relative(page, practice_page(practice.id))}) | {badge('stade', practice.stade)} "
        f"| {practice.type} | {practice.echelle} | {inline(territory(practice))} |"
        for practice in practices
    ]
    return "\n".join(rows)


THEME_TERRITORY_LINE = 90


def _card_list(practices, page: str) -> str:
    """Cards as a list that reads on a phone: title and stage, then type, scale and territory on a line of their own."""
    items = "\n".join(
        f"- [{inline(practice.titre)}]({relative(page, practice_page(practice.id))}) {badge('stade', practice.stade)}"
        f'<br><span class="liste-fiches-details">{practice.type} · {practice.echelle} · '
        f"{inline(one_line(territory(practice), THEME_TERRITORY_LINE))}</span>"
        for practice in practices)
    return f'<div class="liste-fiches" markdown="1">\n\n{items}\n\n</div>\n'


def render_index(library: Library) -> str:
    count = len(library.practices)
    themes = library.vocabularies["theme"].values
    by_theme = _by_theme(library)
    theme_links = " · ".join(
        f"[{theme}]({relative(PRACTICES_INDEX, theme_page(theme))}) ({len(by_theme[theme])})" for theme in themes if by_theme[theme]
    )
    return "\n".join([
        header("Pratiques", "practices/*.yml", "Toutes les fiches pratiques de la bibliothèque."),
        "# Pratiques\n",
        (f"{count} fiche{'s' if count > 1 else ''} : ce qui a été fait, où, par qui, avec quel résultat, "
        "et comment le reproduire.\n"),
        f"**Par thème** : {theme_links}\n" if theme_links else "",
        ("**Parcourir autrement** : [filtrer par thème, stade, échelle, région, document ou rapport](filtres.md) · "
         "[les pratiques en chiffres](chiffres.md) · [rechercher](../recherche/index.md)\n"),
        ("Données ouvertes : toutes les fiches en [JSON](pratiques.json) et en [CSV](pratiques.csv), décrites par "
        "leur [schéma](pratique.schema.json).\n"),
        _table(library.practices, PRACTICES_INDEX) + "\n",
    ])


def _by_theme(library: Library) -> dict:
    by_theme = defaultdict(list)
    for practice in library.practices:
        for theme in practice.themes:
            by_theme[theme].append(practice)
    return by_theme


def render_themes(library: Library) -> dict[str, str]:
    vocabulary = library.vocabularies["theme"]
    by_theme = _by_theme(library)
    index_lines = [
        header("Thèmes", "schemas/vocabulaires.json", "Les pratiques classées par thème."),
        "# Thèmes\n",
        "| Thème | Fiches | De quoi il s'agit |",
        "|---|---|---|",
    ]
    pages = {}
    for theme in vocabulary.values:
        page = theme_page(theme)
        index_lines.append(f"| [{theme}]({relative(THEMES_INDEX, page)}) | {len(by_theme[theme])} | {vocabulary.descriptions[theme]} |")
        practices = by_theme[theme]
        count = len(practices)
        lead = (f"{count} fiche{'s' if count > 1 else ''} · [Filtrer ces fiches par stade, type, échelle, région…]"
                f"({filter_link(page, 'theme', theme)})\n" if practices else "Aucune fiche pour ce thème pour l'instant.\n")
        pages[page] = "\n".join([
            header(f"Thème : {theme}", "practices/*.yml", vocabulary.descriptions[theme]),
            f"# {theme[0].upper()}{theme[1:]}\n",
            f"{vocabulary.descriptions[theme]}\n",
            lead,
            _card_list(practices, page) if practices else "",
            f"[Tous les thèmes]({relative(page, THEMES_INDEX)}) · [Toutes les pratiques]({relative(page, PRACTICES_INDEX)})\n",
        ])
    pages[THEMES_INDEX] = "\n".join(index_lines) + "\n"
    return pages


def render_practice_pages(library: Library) -> dict[str, str]:
    index = ThemeIndex(library.practices)
    pages = {practice_page(practice.id): render_practice(practice, library, index) for practice in library.practices}
    pages[PRACTICES_INDEX] = render_index(library)
    pages.update(render_themes(library))
    return pages


def search_documents(library: Library) -> list[SearchDocument]:
    """What the search index knows of each record."""
    documents = []
    for practice in library.practices:
        body = (practice.resume, practice.probleme, *practice.objectifs, *practice.demarche, *practice.productions,
                practice.resultats, *practice.enseignements, *practice.points_de_vigilance, practice.transferabilite)
        tags = (*practice.themes, practice.type, practice.stade, territory(practice), *practice.acteurs, *practice.publics)
        documents.append(SearchDocument(practice_url(practice.id), practice.titre,
                                        f"Fiche · {practice.stade}", search_summary(practice.resume), (), tags, body))
    return documents
