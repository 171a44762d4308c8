"""Pieces shared by several generated pages: the header naming the file to edit, badges, source lists, a card's
territory."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Practice, Reference, Source
from ..paths import CARD_SCRIPT, FACET_PAGE, SEARCH_PAGE, SOURCES_PAGE, page_url, relative, url_from
from ..text import inline, slugify


def header(title: str, edit: str, description: str = "", hide: tuple[str, ...] = ()) -> str:
    """Front matter, then a comment telling maintainers which file to edit instead of this page."""
    lines = ["---", f"title: {_yaml_string(_plain(title))}"]
    if description:
        lines.append(f"description: {_yaml_string(_plain(description))}")
    if hide:
        lines.append("hide:")
        lines += [f"  - {item}" for item in hide]
    # Our own index (render/search.py) covers every generated page. Zensical, which ignores `plugins: []`, would
    # index them again in its search.json, and refuses to build once a listing page passes its per-field limit.
    lines += ["search:", "  exclude: true"]
    lines += ["---", "", f"<!-- Page générée par « make site » à partir de {edit} : modifiez ce fichier, pas cette page. -->", ""]
    return "\n".join(lines)


def _plain(text: str) -> str:
    """A title or summary as the theme prints it: raw in the page header and in <meta content="…">, and through
    Jinja's `striptags` (which decodes entities) in <title>. No < or > may survive in any form, nor a quote."""
    text = " ".join(text.split()).replace("<", "‹").replace(">", "›").replace('"', "”")
    return text.replace("&", "&amp;")


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def badge(kind: str, value: str) -> str:
    return f'<span class="badge badge-{kind} badge-{kind}-{slugify(value)}">{value}</span>'


def source_line(source: Source, page: str) -> str:
    """A cited passage as readers see it: the document's short title (linked to its full reference on the sources
    page), the section, which is the reader's locator, then the lines, a maintainer's detail."""
    lines = f"ligne {source.lines}" if "-" not in source.lines else f"lignes {source.lines}"
    target = relative(page, SOURCES_PAGE) + f"#document-{source.document}"
    return f"[{inline(source.title)}]({target}), « {inline(source.section)} » <span class=\"source-lignes\">({lines})</span>"


def reference_line(reference: Reference) -> str:
    """A public text behind a fact from after the sources: the fact, the text, and a link when there is one."""
    line = f"{inline(reference.fait)} : {inline(reference.titre)}"
    # The schema admits only https addresses without spaces, quotes or angle brackets: safe between < >.
    return line + (f" ([texte en ligne](<{reference.adresse}>))" if reference.adresse else "")


def bullet_list(items) -> str:
    return "\n".join(f"- {item}" for item in items)


# How the region values that are not regions read in a sentence.
REGION_WORDING = {"non précisée": "région non précisée par la source"}


def territory(practice: Practice) -> str:
    """Where a card took place, as one line: place, departments, regions, and the country when abroad."""
    regions = [REGION_WORDING.get(region, region) for region in practice.region]
    parts = [practice.lieu, *practice.departement, *regions]
    if practice.pays and (practice.pays != "France" or not any(parts)):
        parts.append(practice.pays)
    return ", ".join(part for part in parts if part) or "non documenté par la source"


MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
          "décembre")


def french_date(value: str) -> str:
    """A date of the data (AAAA, AAAA-MM or AAAA-MM-JJ) as written in French: « 2017 », « juin 2017 », « 1er juin 2017 »."""
    parts = value.split("-")
    if len(parts) == 1:
        return value
    month = f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return month
    day = int(parts[2])
    return f"{'1er' if day == 1 else day} {month}"


def _from(value: str, text: str) -> str:
    """« du 26 … », « de juin … », « d'octobre … »."""
    if value.count("-") == 2:
        return "du " + text
    return ("d'" if text[:1] in "aeiouyâéè" else "de ") + text


def french_period(debut: str, fin: str) -> str:
    """A period of the data in French, each part said once: « du 26 au 27 juin 2017 », « de septembre à octobre
    2017 », « du 26 décembre 2017 au 3 janvier 2018 », « jusqu'en décembre 2021 »; empty when neither is known."""
    if not fin or fin == debut:
        return french_date(debut) if debut else ""
    if not debut:
        return ("jusqu'au " if fin.count("-") == 2 else "jusqu'en ") + french_date(fin)
    start, end = french_date(debut), french_date(fin)
    same_precision = debut.count("-") == fin.count("-")
    if same_precision and debut.count("-") >= 1 and debut[:4] == fin[:4]:
        # Same year: said once, at the end; same month too (two days): the month as well.
        shared = 2 if debut.count("-") == 2 and debut[:7] == fin[:7] else 1
        start = " ".join(start.split(" ")[:-shared])
    return f"{_from(debut, start)} {'au' if fin.count('-') == 2 else 'à'} {end}"


def one_line(text: str, limit: int) -> str:
    """The first sentence of a text without Markdown, cut at a word past `limit` characters: one line under a title."""
    text = " ".join(re.sub(r"[*_`#>\[\]]", "", text).split())
    sentence = re.match(r".+?[.!?…](?=\s|$)", text)
    if sentence and len(sentence.group()) <= limit:
        return sentence.group()
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


# The library's name as printed on every card and report (the site_name of mkdocs.yml; a test keeps them equal).
LIBRARY_NAME = "Bibliothèque des pratiques de coopération pour l'emploi"


def print_header(page: str) -> str:
    """A block shown only on paper: the library's name and the page's address (its path here; docs/assets/fiche.js
    writes the full address, from the canonical link when the site has one)."""
    return (f'<p class="impression-entete"><strong>{LIBRARY_NAME}</strong><br>'
            f'<span class="impression-adresse">{page_url(page)}</span></p>\n')


def back_link(page: str, text: str, target_page: str) -> str:
    """The link back to where a reader most likely came from, written for readers without JavaScript (a theme, the
    list of reports); docs/assets/fiche.js points it back at the results when they came from the facet page or the
    search page (the address they left, with its filters or query)."""
    results = f"{url_from(page, page_url(FACET_PAGE))} {url_from(page, page_url(SEARCH_PAGE))}"
    return (f'[← {text}]({relative(page, target_page)}){{ #retour .retour data-resultats="{results}" '
            f'data-script="{CARD_SCRIPT}" }}\n')



SUMMARY_LENGTH = 180


@dataclass(frozen=True)
class SearchDocument:
    """One page as the search index sees it: its address and what the results show, then the texts to index by
    weight: keys (a sigle typed whole finds its entry first), tags (themes, territory, actors), body. Names are
    what people call the page (title, long form, aliases): a query equal to one of them puts the page first; none
    given, the title is its name. Successors are the names of what replaced it: a query equal to one of them puts
    the page right after the one that bears that name (« france travail » → France Travail, then Pôle emploi)."""

    url: str
    title: str
    kind: str
    summary: str
    keys: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    successors: tuple[str, ...] = ()


def search_summary(text: str) -> str:
    """The start of a text, without Markdown, as a search result shows it."""
    text = " ".join(re.sub(r"[*_`#>\[\]]", "", text).split())
    return text if len(text) <= SUMMARY_LENGTH else text[:SUMMARY_LENGTH].rsplit(" ", 1)[0] + " …"
