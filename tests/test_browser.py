"""In Debian's Chromium: no request to another host, acronyms' long forms, search, facets, print, accessibility."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from scripts.pipeline.paths import glossary_url, practice_url
from scripts.pipeline.render.search import analyse, key_term

from .conftest import ROOT, serve_directory
from .queries import NAMES, QUERIES, first_result, ranked, results, slip_rates

pytestmark = pytest.mark.browser

PAGES = ["", "pratiques/", "pratiques/ticket-d-or/", "pratiques/conference-sociale-de-bretagne/", "glossaire/", "glossaire/plie/",
         "themes/", "contribuer/", "residences/avignon-joly-jean-2017/", "recherche/?q=plie", "pratiques/filtres/",
         "pratiques/filtres/?theme=jeunesse&stade=idee", "pratiques/chiffres/"]


@pytest.fixture(scope="module")
def server(built_site):
    with serve_directory(built_site) as address:
        yield address


@pytest.mark.parametrize("path", PAGES)
def test_page_requests_nothing_outside_the_site(server, page, path):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    response = page.goto(server + path, wait_until="networkidle")
    assert response is not None and response.ok
    site_host = urlsplit(server).netloc
    outside = [url for url in requested if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != site_host]
    assert outside == []
    assert len(requested) > 1, "the page loaded its own styles and scripts"


def _acronym(page, text: str):
    link = page.locator("article a.sigle", has=page.locator("abbr", has_text=text)).first
    bubble = link.locator(".sigle-bulle")
    return link, bubble


def test_acronym_shows_its_long_form_on_hover_and_links_to_its_entry(server, page):
    page.goto(server + "pratiques/ticket-d-or/", wait_until="networkidle")
    link, bubble = _acronym(page, "TPE")
    assert link.get_attribute("href").endswith("/glossaire/tpe/")
    assert not bubble.is_visible()
    link.hover()
    assert bubble.is_visible()
    assert bubble.inner_text() == "Très petite entreprise"


def test_acronym_shows_its_long_form_on_keyboard_focus(server, page):
    page.goto(server + "pratiques/ticket-d-or/", wait_until="networkidle")
    link, bubble = _acronym(page, "TPE")
    link.focus()
    assert bubble.is_visible()
    assert link.get_attribute("aria-describedby") == bubble.get_attribute("id")


def test_acronym_first_tap_shows_second_tap_follows(server, browser):
    context = browser.new_context(locale="fr-FR", has_touch=True, is_mobile=True, viewport={"width": 390, "height": 800})
    page = context.new_page()
    try:
        page.goto(server + "pratiques/ticket-d-or/", wait_until="networkidle")
        link, bubble = _acronym(page, "TPE")
        link.scroll_into_view_if_needed()
        link.tap()
        assert bubble.is_visible()
        assert page.url.endswith("/pratiques/ticket-d-or/")
        link.tap()
        page.wait_for_url("**/glossaire/tpe/")
        assert page.locator("article h1 abbr").inner_text() == "TPE"
    finally:
        context.close()



@pytest.mark.parametrize(("query", "expected"), QUERIES + NAMES)
def test_query_finds_its_page_first(server, page, query, expected):
    assert first_result(page, server, query) == expected


def test_one_slip_queries_find_their_page(server, page):
    first, top, missed = slip_rates(page, server)
    assert first >= 0.80 and top >= 0.95, (first, top, missed)


def test_todays_name_finds_its_entry_then_the_one_it_replaced(server, page):
    assert ranked(page, server, ["france travail"], 2) == [[glossary_url("france-travail"), glossary_url("pole-emploi")]]


def test_a_slip_is_corrected_highlighted_and_said(server, page):
    assert results(page, server, "debugage", 1) == [practice_url("atelier-de-debuggage-de-profils")]
    assert page.locator("#recherche-resultats li").first.locator("a mark").first.inner_text() == "débuggage"
    assert "« debugage » lu comme « débuggage »" in page.locator("#recherche-etat").inner_text()


def test_words_found_are_highlighted_in_title_and_summary(server, page):
    results(page, server, "accompagnement global", 1)
    first = page.locator("#recherche-resultats li").first
    assert first.locator("a mark").all_inner_texts() == ["accompagnement", "global"]
    assert {text.lower() for text in first.locator("p mark").all_inner_texts()} <= {"accompagnement", "global"}


def test_nothing_found_proposes_the_nearest_words(server, page):
    assert results(page, server, "kroain") == []
    proposal = page.locator("#recherche-etat a.recherche-essai", has_text="korian")
    assert page.locator("#recherche-etat").inner_text().startswith("Aucun résultat pour « kroain ». Essayez :")
    assert page.locator("#recherche-plus").is_hidden() and page.locator("#recherche-filtres").is_hidden()
    proposal.click()
    page.wait_for_function("() => new URL(location.href).searchParams.get('q') === 'korian'")
    page.locator("#recherche-resultats li a").first.wait_for(state="visible", timeout=5000)
    assert page.locator("#recherche-champ").input_value() == "korian"


def test_results_filter_by_kind_and_keep_it_in_the_address(server, page):
    results(page, server, "emploi")
    buttons = page.locator("#recherche-filtres button")
    labels = buttons.all_inner_texts()
    assert labels[0].startswith("Tout (") and any(label.startswith("Fiches (") for label in labels)
    buttons.filter(has_text="Fiches").click()
    page.wait_for_function("() => new URL(location.href).searchParams.get('dans') === 'pratiques'")
    count = int(re.search(r"\((\d+)\)", buttons.filter(has_text="Fiches").inner_text()).group(1))
    links = page.locator("#recherche-resultats li a.recherche-lien")
    assert links.count() == min(count, 20)
    assert all("/pratiques/" in href for href in (links.nth(i).get_attribute("href") for i in range(links.count())))
    page.reload(wait_until="networkidle")
    page.locator("#recherche-resultats li a").first.wait_for(state="visible", timeout=5000)
    assert page.locator("#recherche-filtres button[aria-pressed=true]").inner_text().startswith("Fiches")


def test_site_pages_come_after_the_records(server, page):
    for query, urls in zip(("fiche", "glossaire", "contribuer"), ranked(page, server, ["fiche", "glossaire", "contribuer"], 500)):
        records = [url.startswith(("pratiques/", "glossaire/", "residences/")) for url in urls]
        assert records == sorted(records, reverse=True), query


def test_header_suggestions_are_walked_with_the_arrow_keys(server, page):
    page.goto(server + "pratiques/ticket-d-or/", wait_until="networkidle")
    box = page.locator("#recherche-entete-champ")
    box.press_sequentially("pole", delay=20)
    links = page.locator("#recherche-suggestions li a")
    links.nth(2).wait_for(state="visible", timeout=5000)
    focused = "document.activeElement.getAttribute('href') || document.activeElement.id"
    box.press("ArrowDown")
    assert page.evaluate(focused) == links.nth(0).get_attribute("href")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.evaluate(focused) == links.nth(2).get_attribute("href")
    page.keyboard.press("ArrowUp")
    assert page.evaluate(focused) == links.nth(1).get_attribute("href")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate(focused) == "recherche-entete-champ"
    box.fill("ft")
    links.first.wait_for(state="visible", timeout=5000)
    page.wait_for_function("(url) => document.querySelector('#recherche-suggestions li a').href.endsWith(url)",
                           arg=glossary_url("france-travail"))


def test_header_box_suggests_while_typing_and_enter_opens_the_search_page(server, page):
    page.goto(server + "pratiques/ticket-d-or/", wait_until="networkidle")
    box = page.locator("#recherche-entete-champ")
    box.press_sequentially("debugg", delay=20)
    first = page.locator("#recherche-suggestions li a").first
    first.wait_for(state="visible", timeout=5000)
    assert first.get_attribute("href").endswith("/pratiques/atelier-de-debuggage-de-profils/")
    box.press("Escape")
    assert page.locator("#recherche-suggestions").is_hidden()
    box.fill("debugg")
    box.press("Enter")
    page.wait_for_url("**/recherche/?q=debugg")
    page.locator("#recherche-resultats li a").first.wait_for(state="visible", timeout=5000)
    assert page.locator("#recherche-champ").input_value() == "debugg"


def test_slash_key_focuses_the_search_box(server, page):
    page.goto(server + "glossaire/", wait_until="networkidle")
    page.locator("#recherche-entete-champ").wait_for(state="visible")
    page.locator("h1").click()
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "recherche-entete-champ"


def test_browser_and_build_analyse_words_alike(server, page):
    samples = ["Débuggage des profils", "l'agence et d’autres", "SPE-P", "Saint-Brieuc/Lamballe", "régionaux",
               "Cœur des Pôles", "Œuvres ÉTÉ 2024", "qu'il", "job-dating ciblé", "Straße", "TPE/PME", "co-traitance"]
    page.goto(server + "recherche/", wait_until="networkidle")
    page.wait_for_function("() => window.bibliothequeRecherche")
    in_browser = page.evaluate("""async (samples) => {
        const manifest = await (await fetch("index.json")).json();
        const stop = new Set(manifest.stop.split(" "));
        const engine = window.bibliothequeRecherche;
        return samples.map((text) => [engine.analyse(text, stop), engine.key(text)]);
    }""", samples)
    assert in_browser == [[analyse(text), key_term(text)] for text in samples]


@pytest.mark.parametrize(("typed", "meant", "slips"), [
    ("debugage", "debuggage", 1), ("ticekt", "ticket", 1), ("crefpo", "crefop", 1), ("plie", "plie", 0),
    ("mondrgaon", "mondragon", 1), ("cerfpo", "crefop", 2), ("korain", "korian", 1), ("xyz", "abc", 3),
])
def test_the_browser_counts_slips(server, page, typed, meant, slips):
    page.goto(server + "recherche/", wait_until="networkidle")
    page.wait_for_function("() => window.bibliothequeRecherche")
    assert page.evaluate("([a, b]) => window.bibliothequeRecherche.distance(a, b, 3)", [typed, meant]) == slips


def _checked_values(page) -> dict[str, list[str]]:
    return page.evaluate("""() => {
        const values = {};
        document.querySelectorAll("#filtres-facettes input:checked").forEach((box) => {
            (values[box.name] = values[box.name] || []).push(box.value);
        });
        return values;
    }""")


def test_facets_narrow_the_list_and_live_in_the_address(server, page, built_site):
    data = json.loads((built_site / "pratiques" / "facettes.json").read_text(encoding="utf-8"))
    keys = [facet["cle"] for facet in data["facettes"]]
    themes = keys.index("theme")
    stages = keys.index("stade")
    theme_slug = data["facettes"][themes]["valeurs"][0][0]
    stage_values = [value[0] for value in data["facettes"][stages]["valeurs"]]
    with_theme = [card for card in data["fiches"] if 0 in card[4][themes]]
    page.goto(server + "pratiques/filtres/", wait_until="networkidle")
    items = page.locator("#filtres-liste li")
    # The first 50 cards are listed, the rest one button away.
    assert items.count() == min(50, len(data["fiches"]))
    while page.locator("#filtres-plus").is_visible():
        page.locator("#filtres-plus").click()
    assert items.count() == len(data["fiches"])
    label = page.locator(f"#filtres-facettes input[name=theme][value={theme_slug}]")
    text = page.locator("#filtres-facettes label", has=page.locator(f"input[name=theme][value={theme_slug}]")).inner_text()
    expected_count = re.search(r"\((\d+)\)", text).group(1)
    assert int(expected_count) == len(with_theme)
    label.check()
    assert items.count() == len(with_theme)
    stage_index = next(index for index in range(len(stage_values))
                       if any(card[4][stages] == [index] for card in with_theme))
    page.locator(f"#filtres-facettes input[name=stade][value={stage_values[stage_index]}]").check()
    both = [card for card in with_theme if stage_index in card[4][stages]]
    assert items.count() == len(both)
    assert sorted(items.locator("a").all_inner_texts()) == sorted(card[0] for card in both)
    address = page.url
    assert parse_qs(urlsplit(address).query) == {"theme": [theme_slug], "stade": [stage_values[stage_index]]}
    shared = page.context.new_page()
    shared.goto(address, wait_until="networkidle")
    assert _checked_values(shared) == {"theme": [theme_slug], "stade": [stage_values[stage_index]]}
    assert shared.locator("#filtres-liste li").count() == len(both)
    shared.close()
    page.locator("#filtres-effacer").click()
    assert items.count() == min(50, len(data["fiches"]))
    assert urlsplit(page.url).query == ""


def test_charts_are_readable_without_javascript(server, browser):
    context = browser.new_context(locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(server + "pratiques/chiffres/", wait_until="networkidle")
        charts = page.locator("figure.graphique")
        assert charts.count() == 3
        for index in range(3):
            box = charts.nth(index).bounding_box()
            assert box["width"] > 300 and box["height"] > 50
        assert page.locator("figure.graphique rect.graphique-barre").count() > 10
    finally:
        context.close()


AXE_PAGES = ["", "pratiques/ticket-d-or/", "glossaire/", "glossaire/plie/", "residences/avignon-joly-jean-2017/", "pratiques/filtres/",
             "recherche/?q=plie", "pratiques/chiffres/"]


@pytest.mark.parametrize("path", AXE_PAGES)
def test_no_serious_accessibility_violation(server, page, path):
    import axe_playwright_python

    page.goto(server + path, wait_until="networkidle")
    page.add_script_tag(path=str(Path(axe_playwright_python.__file__).parent / "axe.min.js"))
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    serious = [f"{violation['id']} ({violation['impact']}) : {violation['help']} — "
               + ", ".join(node["target"][0] if isinstance(node["target"][0], str) else str(node["target"])
                           for node in violation["nodes"][:3])
               for violation in results["violations"] if violation["impact"] in ("serious", "critical")]
    assert serious == []


def test_search_budget_tool_measures_the_first_result(built_site):
    measured = subprocess.run([sys.executable, "-m", "scripts.tools.search_budget", str(built_site), "--requete", "plie"],
                              cwd=ROOT, capture_output=True, text=True, check=False)
    assert measured.returncode == 0, measured.stderr
    row = next(line for line in measured.stdout.splitlines() if line.startswith("| plie |"))
    files, raw, compressed, index = (int(re.search(r"\d+", cell).group()) for cell in row.split("|")[2:6])
    assert files >= 3 and 0 < index <= compressed < raw
