"""Readers on a phone, at a desk and on paper: the facet page, the ways into it (theme pages, charts, a card's « En
bref »), the link back from a card, print, and the weight of a card's own scripts.

Browser tests run in Debian's Chromium at 390×844 (a phone: touch, mobile viewport) and 1280×800 (a desk).
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import yaml

from scripts.pipeline.render.common import LIBRARY_NAME

from .conftest import ROOT, serve_directory

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESK = {"viewport": {"width": 1280, "height": 800}}
CARD = "pratiques/ticket-d-or/"
LONG_CARD = "pratiques/conference-sociale-de-bretagne/"
REPORT = "residences/avignon-joly-jean-2017/"
# A card's own scripts (not Material's bundle) stay under this many bytes.
CARD_SCRIPT_BUDGET = 30_000


def facet_data(site: Path) -> dict:
    return json.loads((site / "pratiques" / "facettes.json").read_text(encoding="utf-8"))


def expected_count(data: dict, choice: dict[str, set[str]]) -> int:
    """Cards left by a choice of value slugs per facet key, computed from the data the page reads."""
    keys = [facet["cle"] for facet in data["facettes"]]
    slugs = [[value[0] for value in facet["valeurs"]] for facet in data["facettes"]]

    def keeps(card) -> bool:
        return all(not choice.get(key) or any(slugs[f][v] in choice[key] for v in card[4][f]) for f, key in enumerate(keys))
    return sum(keeps(card) for card in data["fiches"])


def status_count(page) -> int:
    """The number of cards the status bar announces (« Aucune fiche … » is 0)."""
    text = page.locator("#filtres-etat").inner_text()
    return 0 if text.startswith("Aucune fiche") else int(re.match(r"\d+", text).group())


def visible_on_screen(page, selector: str) -> bool:
    """The element's centre is inside the viewport and the element (not something over it) is what is there."""
    return page.evaluate("""(selector) => {
        const element = document.querySelector(selector);
        const box = element.getBoundingClientRect();
        const x = box.left + box.width / 2, y = box.top + Math.min(box.height / 2, 10);
        if (x < 0 || y < 0 || x > window.innerWidth || y > window.innerHeight) { return false; }
        const found = document.elementFromPoint(x, y);
        return found !== null && (element === found || element.contains(found));
    }""", selector)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.hrefs.append(attributes["href"])
        if tag == "script" and attributes.get("src"):
            self.scripts.append(attributes["src"])


def _parsed(site: Path, page: str) -> _Links:
    parser = _Links()
    parser.feed((site / page / "index.html").read_text(encoding="utf-8"))
    return parser


# Without a browser -----------------------------------------------------------------------------------------------

def test_every_link_to_the_facet_page_names_a_real_facet_and_value(built_site):
    data = facet_data(built_site)
    known = {facet["cle"]: {value[0] for value in facet["valeurs"]} for facet in data["facettes"]}
    pages = [page.relative_to(built_site).parent.as_posix() for page in built_site.rglob("index.html")]
    found = 0
    for page in pages:
        for href in _parsed(built_site, page).hrefs:
            parts = urlsplit(urljoin(f"http://site/{page}/", href))
            if parts.path == "/pratiques/filtres/" and parts.query:
                found += 1
                for key, slugs in parse_qs(parts.query).items():
                    assert key in known and set(slugs) <= known[key], f"{page} → {href}"
    assert found > 219, "every card links its stage, the charts and theme pages link their values"


def _own_scripts(site: Path, page: str) -> list[Path]:
    """The site's own scripts a page loads: its <script src> (not Material's bundle), then those it names in
    data-script, which docs/assets/pages.js loads from assets/."""
    html = (site / page / "index.html").read_text(encoding="utf-8")
    named = [site / "assets" / f"{name}.js" for name in dict.fromkeys(re.findall(r'data-script="([a-z]+)"', html))]
    return [(site / page / src).resolve() for src in _parsed(site, page).scripts if "assets/javascripts/" not in src] + named


def test_a_card_loads_its_own_scripts_only_and_they_stay_small(built_site):
    card = _own_scripts(built_site, CARD)
    assert not any(path.name == "filtres.js" for path in card), "the facet script is loaded by the facet page only"
    assert any(path.name == "fiche.js" for path in card)
    assert any(path.name == "filtres.js" for path in _own_scripts(built_site, "pratiques/filtres"))
    for generated in ("pratiques/ticket-d-or.md", "pratiques/filtres.md", "residences/avignon-joly-jean-2017.md"):
        assert "<script" not in (ROOT / "docs" / generated).read_text(encoding="utf-8"), "no script in a generated page"
    total = sum(path.stat().st_size for path in card)
    assert 0 < total <= CARD_SCRIPT_BUDGET, f"{total} octets de scripts propres sur une fiche"


def test_the_printed_name_is_the_site_name():
    assert yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["site_name"] == LIBRARY_NAME


def test_the_facet_page_carries_its_facets_in_the_html(built_site):
    """Written at build time, so nothing moves when the script starts."""
    data = facet_data(built_site)
    html = (built_site / "pratiques/filtres/index.html").read_text(encoding="utf-8")
    for facet in data["facettes"]:
        for slug, _ in facet["valeurs"]:
            assert f'name="{facet["cle"]}" value="{slug}"' in html


# In Chromium -----------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def server(built_site):
    with serve_directory(built_site) as address:
        yield address


@pytest.fixture(params=["telephone", "bureau"])
def screen(request, browser):
    context = browser.new_context(locale="fr-FR", **(PHONE if request.param == "telephone" else DESK))
    page = context.new_page()
    page.size_name = request.param
    yield page
    context.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="fr-FR", **PHONE)
    yield context.new_page()
    context.close()


@pytest.fixture
def desk(browser):
    context = browser.new_context(locale="fr-FR", **DESK)
    yield context.new_page()
    context.close()


def _open_facets(page, server) -> None:
    page.goto(server + "pratiques/filtres/", wait_until="networkidle")
    page.locator(".filtres-pret").wait_for(state="attached")



@pytest.mark.browser
def test_on_a_phone_ticking_any_value_shows_the_count_in_view(server, phone, built_site):
    data = facet_data(built_site)
    _open_facets(phone, server)
    for facet in data["facettes"]:
        group = phone.locator(f'details[data-cle="{facet["cle"]}"]')
        group.locator("summary").click()
        for slug, label in facet["valeurs"]:
            box = group.locator(f'input[value="{slug}"]')
            box.check()
            assert visible_on_screen(phone, "#filtres-etat"), f"{facet['cle']}={slug} : le nombre n'est pas visible"
            assert status_count(phone) == expected_count(data, {facet["cle"]: {slug}}), label
            box.uncheck()
        group.locator("summary").click()


@pytest.mark.browser
def test_on_a_phone_the_bar_jumps_to_the_first_results(server, phone):
    _open_facets(phone, server)
    phone.locator('details[data-cle="theme"] summary').click()
    phone.locator('input[name="theme"]').last.check()
    phone.locator(".filtres-voir").click()
    phone.wait_for_timeout(300)
    assert visible_on_screen(phone, "#filtres-liste li a")


@pytest.mark.browser
def test_at_a_desk_the_results_stay_in_view_while_filtering(server, desk, built_site):
    data = facet_data(built_site)
    _open_facets(desk, server)
    last_region = desk.locator('input[name="region"]').last
    last_region.scroll_into_view_if_needed()
    assert desk.evaluate("window.scrollY") < 200, "the facets scroll on their own, not the page"
    last_region.check()
    assert visible_on_screen(desk, "#filtres-etat") and visible_on_screen(desk, "#filtres-liste li a")
    last_region.uncheck()
    # Far down the list of results, a new choice brings their top back.
    desk.locator("#filtres-liste li").nth(40).scroll_into_view_if_needed()
    desk.locator('input[name="stade"]').first.check()
    desk.wait_for_timeout(200)
    assert visible_on_screen(desk, "#filtres-liste li a")
    assert status_count(desk) == expected_count(data, {"stade": {data["facettes"][2]["valeurs"][0][0]}})


@pytest.mark.browser
def test_a_result_shows_title_stage_territory_and_summary(server, screen, built_site):
    card = facet_data(built_site)["fiches"][0]
    _open_facets(screen, server)
    first = screen.locator("#filtres-liste li").first
    assert first.locator("a").inner_text() == card[0]
    assert first.locator(".badge-stade").is_visible()
    assert first.locator(".filtres-lieu").inner_text() == card[2]
    assert first.locator(".filtres-resume").inner_text() == card[3]


@pytest.mark.browser
def test_clear_shows_only_when_something_is_ticked(server, screen):
    _open_facets(screen, server)
    clear = screen.locator("#filtres-effacer")
    assert clear.is_hidden()
    if screen.size_name == "telephone":
        screen.locator('details[data-cle="stade"] summary').click()
    screen.locator('input[name="stade"]').first.check()
    assert clear.is_visible()
    clear.click()
    assert clear.is_hidden() and urlsplit(screen.url).query == ""


@pytest.mark.browser
def test_no_card_left_says_which_filter_to_remove(server, screen, built_site):
    data = facet_data(built_site)
    stages, types = data["facettes"][2]["valeurs"], data["facettes"][1]["valeurs"]
    stage, kind = next((stage[0], kind[0]) for stage in stages for kind in types
                       if expected_count(data, {"stade": {stage[0]}, "type": {kind[0]}}) == 0)
    screen.goto(server + f"pratiques/filtres/?stade={stage}&type={kind}", wait_until="networkidle")
    way_out = screen.locator("#filtres-aucune")
    assert way_out.is_visible() and status_count(screen) == 0
    buttons = way_out.locator("button")
    assert buttons.count() == 2
    promised = int(re.search(r"(\d+) fiches?$", buttons.first.inner_text()).group(1))
    buttons.first.click()
    assert way_out.is_hidden() and status_count(screen) == promised > 0


@pytest.mark.browser
def test_touch_targets_are_at_least_44_px_on_a_phone(server, phone):
    _open_facets(phone, server)
    phone.locator('details[data-cle="theme"] summary').click()
    phone.locator('input[name="theme"]').first.check()
    heights = phone.evaluate("""() => Array.from(document.querySelectorAll(
        '.filtres-groupe > summary, .filtres-groupe[open] .filtres-valeur, .filtres-voir, #filtres-effacer'))
        .map((element) => [element.className || element.tagName, element.getBoundingClientRect().height])""")
    assert len(heights) > 10
    assert [item for item in heights if item[1] < 44] == []


@pytest.mark.browser
def test_the_facet_page_does_not_shift_as_it_starts(server, phone):
    phone.add_init_script("""window.__decalage = 0; new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) { if (!entry.hadRecentInput) { window.__decalage += entry.value; } }
    }).observe({type: 'layout-shift', buffered: true});""")
    phone.goto(server + "pratiques/filtres/?theme=jeunesse", wait_until="networkidle")
    phone.locator(".filtres-pret").wait_for(state="attached")
    phone.wait_for_timeout(500)
    assert phone.evaluate("window.__decalage") <= 0.1


@pytest.mark.browser
def test_a_theme_page_reads_on_a_phone_and_leads_to_the_filtered_view(server, phone, built_site):
    data = facet_data(built_site)
    phone.goto(server + "themes/dialogue-social/", wait_until="networkidle")
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 390
    listed = phone.locator(".liste-fiches li").count()
    phone.get_by_role("link", name=re.compile("Filtrer ces fiches")).click()
    phone.wait_for_url("**/pratiques/filtres/?theme=dialogue-social")
    phone.locator(".filtres-pret").wait_for(state="attached")
    assert status_count(phone) == listed == expected_count(data, {"theme": {"dialogue-social"}})


@pytest.mark.browser
def test_a_chart_bar_leads_to_the_filtered_view_and_its_labels_stay_legible(server, screen, built_site):
    data = facet_data(built_site)
    screen.goto(server + "pratiques/chiffres/", wait_until="networkidle")
    sizes = screen.evaluate("""() => Array.from(document.querySelectorAll('.graphique-libelle, .graphique-valeur'))
        .map((text) => parseFloat(getComputedStyle(text).fontSize) * (text.getScreenCTM ? text.getScreenCTM().a : 1))""")
    assert len(sizes) > 40 and min(sizes) >= 12, "les libellés et les nombres gardent une taille lisible"
    heights = screen.evaluate("Array.from(document.querySelectorAll('.graphique a')).map((a) => a.offsetHeight)")
    assert min(heights) >= 44, "each row is a touch target"
    bar = screen.locator("#graphique-stades a").nth(2)
    shown = int(bar.locator(".graphique-valeur").text_content())
    bar.locator(".graphique-barre").click()
    screen.wait_for_url(re.compile(r"/pratiques/filtres/\?stade="))
    screen.locator(".filtres-pret").wait_for(state="attached")
    stage = parse_qs(urlsplit(screen.url).query)["stade"][0]
    assert status_count(screen) == shown == expected_count(data, {"stade": {stage}})


@pytest.mark.browser
def test_a_card_stage_and_region_lead_to_the_filtered_view(server, desk, built_site):
    data = facet_data(built_site)
    for name, key in (("idée", "stade"), ("Provence-Alpes-Côte d'Azur", "region")):
        desk.goto(server + CARD, wait_until="networkidle")
        desk.locator(".admonition").get_by_role("link", name=name, exact=True).click()
        desk.wait_for_url(re.compile(rf"/pratiques/filtres/\?{key}="))
        desk.locator(".filtres-pret").wait_for(state="attached")
        value = parse_qs(urlsplit(desk.url).query)[key][0]
        assert status_count(desk) == expected_count(data, {key: {value}})
        assert desk.locator(f'input[name="{key}"][value="{value}"]').is_checked()


@pytest.mark.browser
def test_the_back_link_leads_to_a_theme_or_the_reports_without_history(server, browser):
    context = browser.new_context(locale="fr-FR", java_script_enabled=False, **PHONE)
    page = context.new_page()
    try:
        page.goto(server + CARD)
        back = page.locator("#retour")
        assert back.inner_text() == "← Thème : relation entreprises"
        assert back.get_attribute("href") == "../../themes/relation-entreprises/"
        page.goto(server + REPORT)
        assert page.locator("#retour").get_attribute("href") == "../"
    finally:
        context.close()


@pytest.mark.browser
def test_the_back_link_returns_to_the_filtered_results(server, screen):
    screen.goto(server + "pratiques/filtres/?stade=idee", wait_until="networkidle")
    if screen.size_name == "telephone":
        screen.locator('details[data-cle="type"] summary').click()
    screen.locator('input[name="type"][value="outil"]').check()
    left = screen.url
    screen.locator("#filtres-liste li a").first.click()
    screen.wait_for_load_state("networkidle")
    back = screen.locator("#retour")
    assert back.inner_text() == "← Retour aux fiches filtrées" and back.get_attribute("href") == left
    assert back.is_visible()
    back.click()
    screen.locator(".filtres-pret").wait_for(state="attached")
    assert screen.locator('input[name="type"][value="outil"]').is_checked()
    assert screen.locator('input[name="stade"][value="idee"]').is_checked()


@pytest.mark.browser
def test_the_back_link_returns_to_the_search_results_with_the_query(server, desk):
    desk.goto(server + "recherche/?q=plie", wait_until="networkidle")
    result = desk.locator("#recherche-resultats li a[href*='/pratiques/']").first
    result.wait_for(state="visible")
    result.click()
    desk.wait_for_load_state("networkidle")
    back = desk.locator("#retour")
    assert back.inner_text() == "← Retour aux résultats pour « plie »"
    back.click()
    desk.wait_for_url("**/recherche/?q=plie")


@pytest.mark.browser
@pytest.mark.parametrize("path", [CARD, LONG_CARD, REPORT])
def test_print_reads_at_10_pt_with_the_library_name_address_and_titled_sources(server, page, built_site, path):
    documents = [value[1] for value in facet_data(built_site)["facettes"][5]["valeurs"]]
    page.goto(server + path, wait_until="networkidle")
    page.emulate_media(media="print")
    assert page.locator(".md-header").is_hidden() and page.locator(".md-sidebar--primary").is_hidden()
    assert page.locator("#retour").is_hidden()
    sizes = page.evaluate("""() => {
        const sizes = [];
        const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const parent = walker.currentNode.parentElement;
            if (!walker.currentNode.textContent.trim() || !parent.getClientRects().length) { continue; }
            sizes.push([parent.tagName + '.' + parent.className, parseFloat(getComputedStyle(parent).fontSize)]);
        }
        return sizes;
    }""")
    smallest = min(size for _, size in sizes)
    assert smallest >= 10 * 96 / 72 - 0.01, [item for item in sizes if item[1] == smallest][:3]
    body = page.evaluate("parseFloat(getComputedStyle(document.querySelector('article h1 ~ p')).fontSize)")
    assert body >= 11 * 96 / 72 - 0.01
    heading = page.locator(".impression-entete")
    assert heading.is_visible() and LIBRARY_NAME in heading.inner_text()
    # On paper, the public address (the canonical link, from site_url), not the server the page was read from.
    canonical = page.locator('link[rel="canonical"]').get_attribute("href")
    assert canonical.endswith("/" + path) and not canonical.startswith(server)
    assert heading.locator(".impression-adresse").inner_text() == canonical
    sources = page.locator("h2#sources + ul > li")
    assert sources.count() > 0
    for text in sources.all_inner_texts():
        assert any(text.startswith(title) for title in documents), text
    pdf = page.pdf(format="A4", print_background=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= (2 if path != CARD else 1)


@pytest.mark.browser
def test_print_shows_the_address_of_external_links(server, page):
    page.goto(server + "pratiques/territoires-zero-chomeur-de-longue-duree/", wait_until="networkidle")
    page.emulate_media(media="print")
    link = page.locator("#references-publiques + ul a[href^='https://']").first
    after = link.evaluate("(link) => getComputedStyle(link, '::after').content")
    assert link.get_attribute("href") in after
    acronym = page.locator("article a.sigle").first
    assert acronym.evaluate("(link) => getComputedStyle(link, '::after').content") in ("none", "normal")
