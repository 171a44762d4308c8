"""Pieces shared by several generated pages: the header naming the file to edit, badges, source lists, a card's
territory."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Practice, Reference, Source
from ..paths import SOURCES_PAGE, relative
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
_REGION_WORDING = {"non précisée": "région non précisée par la source"}


def territory(practice: Practice) -> str:
    """Where a card took place, as one line: place, departments, regions, and the country when abroad."""
    regions = [_REGION_WORDING.get(region, region) for region in practice.region]
    parts = [practice.lieu, *practice.departement, *regions]
    if practice.pays and (practice.pays != "France" or not any(parts)):
        parts.append(practice.pays)
    return ", ".join(part for part in parts if part) or "non documenté par la source"


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
